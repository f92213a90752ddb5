-- The client and the employer contact inside Teichaku (issue 11): their accounts, the
-- one-time links that invite them or sign them in, and their own kind of session.
-- An account never has a password typed by staff: the person sets a passphrase on the
-- invitation link, or signs in by a one-time link sent to their email.

-- 利用者本人のアカウント. One per client.
CREATE TABLE client_accounts (
    id               INTEGER PRIMARY KEY,
    client_id        INTEGER NOT NULL UNIQUE REFERENCES clients(id) ON DELETE CASCADE,
    -- A short sign-in ID printed on the invitation sheet (e.g. "k7m2-p9qx").
    login            TEXT NOT NULL UNIQUE,
    email            TEXT NOT NULL DEFAULT '',
    passphrase_hash  TEXT,
    -- invited (no passphrase yet), active, revoked (by staff), closed (service ended + 90 days)
    status           TEXT NOT NULL CHECK (status IN ('invited', 'active', 'revoked', 'closed')),
    created_by       INTEGER REFERENCES staff(id) ON DELETE SET NULL,
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL,
    activated_at     TEXT,
    last_sign_in_at  TEXT
);

-- 企業担当者 (the supervisor at the employer). One contact may support several clients of
-- the organisation; each client is seen only through `employer_links` and that client's
-- consent naming the contact (`recipient_name`).
CREATE TABLE employer_contacts (
    id               INTEGER PRIMARY KEY,
    organization_id  INTEGER NOT NULL REFERENCES organizations(id),
    login            TEXT NOT NULL UNIQUE,
    name             TEXT NOT NULL,
    employer_name    TEXT NOT NULL,
    email            TEXT NOT NULL DEFAULT '',
    passphrase_hash  TEXT,
    status           TEXT NOT NULL CHECK (status IN ('invited', 'active', 'revoked', 'closed')),
    created_by       INTEGER REFERENCES staff(id) ON DELETE SET NULL,
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL,
    activated_at     TEXT,
    last_sign_in_at  TEXT
);

CREATE TABLE employer_links (
    id               INTEGER PRIMARY KEY,
    contact_id       INTEGER NOT NULL REFERENCES employer_contacts(id) ON DELETE CASCADE,
    client_id        INTEGER NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
    employment_id    INTEGER REFERENCES employments(id) ON DELETE SET NULL,
    -- The name the client's consents use for this contact (consents.recipient_name).
    recipient_name   TEXT NOT NULL,
    created_by       INTEGER REFERENCES staff(id) ON DELETE SET NULL,
    created_at       TEXT NOT NULL,
    revoked_at       TEXT,
    UNIQUE (contact_id, client_id)
);
CREATE INDEX employer_links_client ON employer_links (client_id);

-- One-time links: an invitation (7 days) or an emailed sign-in link (15 minutes). The
-- database keeps the SHA-256 of the token only.
CREATE TABLE portal_tokens (
    id                   INTEGER PRIMARY KEY,
    token_hash           TEXT NOT NULL UNIQUE,
    purpose              TEXT NOT NULL CHECK (purpose IN ('invite', 'sign_in')),
    client_account_id    INTEGER REFERENCES client_accounts(id) ON DELETE CASCADE,
    employer_contact_id  INTEGER REFERENCES employer_contacts(id) ON DELETE CASCADE,
    created_by           INTEGER REFERENCES staff(id) ON DELETE SET NULL,
    created_at           TEXT NOT NULL,
    expires_at           TEXT NOT NULL,
    used_at              TEXT,
    revoked_at           TEXT,
    CHECK ((client_account_id IS NULL) <> (employer_contact_id IS NULL))
);
CREATE INDEX portal_tokens_client ON portal_tokens (client_account_id);
CREATE INDEX portal_tokens_employer ON portal_tokens (employer_contact_id);

-- A session is of one kind: staff, a client, or an employer contact (or anonymous).
ALTER TABLE sessions ADD COLUMN client_account_id INTEGER REFERENCES client_accounts(id) ON DELETE CASCADE;
ALTER TABLE sessions ADD COLUMN employer_contact_id INTEGER REFERENCES employer_contacts(id) ON DELETE CASCADE;
