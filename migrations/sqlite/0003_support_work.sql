-- Support work: the institutions directory, contacts (支援記録) with concerns and follow-up
-- tasks, consent (本人同意), support plans (就労定着支援計画), monthly reports (支援レポート)
-- with their sharing, and calendar feed tokens.

-- How many months between plan reviews (domain.md §3: UNCONFIRMED, default 3).
ALTER TABLE offices ADD COLUMN plan_review_months INTEGER NOT NULL DEFAULT 3;

-- 関係機関: 医療機関, 福祉機関, 障害者就業・生活支援センター, ハローワーク… per office.
CREATE TABLE institutions (
    id              INTEGER PRIMARY KEY,
    office_id       INTEGER NOT NULL REFERENCES offices(id) ON DELETE CASCADE,
    name            TEXT NOT NULL,
    kind            TEXT NOT NULL,      -- medical, welfare, nakapotsu, hello_work, vocational_center, other
    contact_person  TEXT NOT NULL DEFAULT '',
    phone           TEXT NOT NULL DEFAULT '',
    email           TEXT NOT NULL DEFAULT '',
    address         TEXT NOT NULL DEFAULT '',
    notes           TEXT NOT NULL DEFAULT '',
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
);
CREATE INDEX institutions_office ON institutions (office_id, name);

-- 支援記録: one contact with the client, the employer or an institution.
CREATE TABLE contacts (
    id                 INTEGER PRIMARY KEY,
    client_id          INTEGER NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
    office_id          INTEGER NOT NULL REFERENCES offices(id),
    staff_id           INTEGER REFERENCES staff(id) ON DELETE SET NULL,
    occurred_at        TEXT NOT NULL,
    mode               TEXT NOT NULL,   -- face_to_face, phone, online, workplace_visit
    place              TEXT NOT NULL DEFAULT '',
    -- Comma-separated: client, supervisor, hr, family, doctor, welfare_worker, other.
    participants       TEXT NOT NULL,
    participants_note  TEXT NOT NULL DEFAULT '',
    institution_id     INTEGER REFERENCES institutions(id) ON DELETE SET NULL,
    heard              TEXT NOT NULL DEFAULT '',
    advice             TEXT NOT NULL DEFAULT '',
    shared_info        TEXT NOT NULL DEFAULT '',
    accommodations     TEXT NOT NULL DEFAULT '',  -- 合理的配慮 agreed with the employer
    -- Information sharing with the employer and agencies for the hand-over at the end.
    is_handover        BOOLEAN NOT NULL DEFAULT FALSE,
    next_contact_on    TEXT,
    created_at         TEXT NOT NULL,
    updated_at         TEXT NOT NULL
);
CREATE INDEX contacts_client ON contacts (client_id, occurred_at);
CREATE INDEX contacts_office ON contacts (office_id, occurred_at);

-- A concern raised in a contact; resolved concerns are the office's store of past cases.
CREATE TABLE concerns (
    id           INTEGER PRIMARY KEY,
    contact_id   INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
    client_id    INTEGER NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
    category     TEXT NOT NULL,
    severity     INTEGER NOT NULL,      -- 1 low, 2 medium, 3 high
    note         TEXT NOT NULL DEFAULT '',
    resolved_at  TEXT,
    resolution   TEXT NOT NULL DEFAULT '',
    resolved_by  INTEGER REFERENCES staff(id) ON DELETE SET NULL
);
CREATE INDEX concerns_client ON concerns (client_id, resolved_at);
CREATE INDEX concerns_category ON concerns (category, resolved_at);

-- Agreed actions become follow-up tasks: who does what by when.
CREATE TABLE tasks (
    id           INTEGER PRIMARY KEY,
    client_id    INTEGER NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
    contact_id   INTEGER REFERENCES contacts(id) ON DELETE SET NULL,
    owner_id     INTEGER REFERENCES staff(id) ON DELETE SET NULL,
    description  TEXT NOT NULL,
    due_on       TEXT NOT NULL,
    done_at      TEXT,
    created_at   TEXT NOT NULL
);
CREATE INDEX tasks_owner ON tasks (owner_id, done_at, due_on);
CREATE INDEX tasks_client ON tasks (client_id, done_at);

-- 本人同意: who may receive which categories of information, from when; withdrawal is kept.
CREATE TABLE consents (
    id               INTEGER PRIMARY KEY,
    client_id        INTEGER NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
    recipient_kind   TEXT NOT NULL,     -- employer, institution
    recipient_name   TEXT NOT NULL,     -- the named employer contact, or the institution's name
    institution_id   INTEGER REFERENCES institutions(id) ON DELETE SET NULL,
    -- Comma-separated: work_status, health, disability, support_records, reports, contact_info.
    categories       TEXT NOT NULL,
    valid_from       TEXT NOT NULL,
    recorded_by      INTEGER REFERENCES staff(id) ON DELETE SET NULL,
    withdrawn_at     TEXT,
    withdrawn_note   TEXT NOT NULL DEFAULT '',
    created_at       TEXT NOT NULL
);
CREATE INDEX consents_client ON consents (client_id);

-- 就労定着支援計画. A revision is a new row; the old one is marked revised.
CREATE TABLE support_plans (
    id                 INTEGER PRIMARY KEY,
    client_id          INTEGER NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
    status             TEXT NOT NULL,   -- draft, agreed, under_review, revised
    goals              TEXT NOT NULL,
    support_content    TEXT NOT NULL,
    contact_frequency  TEXT NOT NULL,
    employer_role      TEXT NOT NULL DEFAULT '',
    start_on           TEXT NOT NULL,
    review_on          TEXT NOT NULL,
    agreed_on          TEXT,
    replaces_id        INTEGER REFERENCES support_plans(id),
    created_by         INTEGER REFERENCES staff(id) ON DELETE SET NULL,
    created_at         TEXT NOT NULL,
    updated_at         TEXT NOT NULL
);
CREATE INDEX support_plans_client ON support_plans (client_id, start_on);

-- 支援レポート: one per client and month; a correction after finalising is a new version.
CREATE TABLE support_reports (
    id                 INTEGER PRIMARY KEY,
    client_id          INTEGER NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
    month              TEXT NOT NULL,   -- YYYY-MM
    version            INTEGER NOT NULL,
    status             TEXT NOT NULL,   -- draft, final
    body               TEXT NOT NULL,
    correction_reason  TEXT NOT NULL DEFAULT '',
    finalised_at       TEXT,
    finalised_by       INTEGER REFERENCES staff(id) ON DELETE SET NULL,
    created_at         TEXT NOT NULL,
    updated_at         TEXT NOT NULL,
    UNIQUE (client_id, month, version)
);

-- Each time a finalised report is shared: with the client, or a consented recipient.
CREATE TABLE report_shares (
    id               INTEGER PRIMARY KEY,
    report_id        INTEGER NOT NULL REFERENCES support_reports(id) ON DELETE CASCADE,
    recipient_kind   TEXT NOT NULL,     -- client, employer, institution
    recipient_name   TEXT NOT NULL,
    consent_id       INTEGER REFERENCES consents(id),
    shared_on        TEXT NOT NULL,
    method           TEXT NOT NULL,     -- in_person, mail, portal, email
    acknowledged_on  TEXT,
    recorded_by      INTEGER REFERENCES staff(id) ON DELETE SET NULL,
    created_at       TEXT NOT NULL
);
CREATE INDEX report_shares_report ON report_shares (report_id);

-- A secret URL token per staff member for the iCalendar feed (only its SHA-256 is kept).
CREATE TABLE calendar_tokens (
    staff_id    INTEGER PRIMARY KEY REFERENCES staff(id) ON DELETE CASCADE,
    token_hash  TEXT NOT NULL UNIQUE,
    created_at  TEXT NOT NULL
);
