-- Printed documents (issue 12, item 5): an office may date its documents in the era calendar
-- (和暦, `令和8年11月`) instead of the Western one (`2026年11月`, the default).
ALTER TABLE offices ADD COLUMN era_dates BOOLEAN NOT NULL DEFAULT FALSE;

-- Staff invited by email (issue 12, item 8): the one-time links of the portal's invitations
-- also invite a staff member, who sets their own password. A link belongs to exactly one of
-- a client account, an employer contact or a staff account. SQLite cannot change a CHECK,
-- so the table is rebuilt with the same rows.
CREATE TABLE portal_tokens_new (
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
    staff_id             INTEGER REFERENCES staff(id) ON DELETE CASCADE,
    CHECK ((client_account_id IS NOT NULL) + (employer_contact_id IS NOT NULL)
           + (staff_id IS NOT NULL) = 1)
);
INSERT INTO portal_tokens_new (id, token_hash, purpose, client_account_id, employer_contact_id,
                               created_by, created_at, expires_at, used_at, revoked_at)
SELECT id, token_hash, purpose, client_account_id, employer_contact_id,
       created_by, created_at, expires_at, used_at, revoked_at
FROM portal_tokens;
DROP TABLE portal_tokens;
ALTER TABLE portal_tokens_new RENAME TO portal_tokens;
CREATE INDEX portal_tokens_client ON portal_tokens (client_account_id);
CREATE INDEX portal_tokens_employer ON portal_tokens (employer_contact_id);
CREATE INDEX portal_tokens_staff ON portal_tokens (staff_id);
