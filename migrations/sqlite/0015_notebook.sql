-- 連絡帳 (the shared notebook) and the employer's weekly observations (issue 11, items 3
-- and 4). Who may read a message is decided by `domain::notebook::can_read` from the
-- columns below and, for an employer contact, the client's consent at the time of reading.

-- One message of a client's notebook. The office's staff always read it; the author always
-- reads their own; `to_client` and `to_employer` are the author's choice. A message that
-- reaches the employer names the consent category it falls under (`category`, a
-- `domain::consent::Category` code); the employer reads it only while the client's consent
-- naming them covers that category.
CREATE TABLE note_messages (
    id                 INTEGER PRIMARY KEY,
    client_id          INTEGER NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
    author_kind        TEXT NOT NULL CHECK (author_kind IN ('staff', 'client', 'employer')),
    author_staff_id    INTEGER REFERENCES staff(id) ON DELETE SET NULL,
    author_contact_id  INTEGER REFERENCES employer_contacts(id) ON DELETE SET NULL,
    -- The author's name as shown when it was written.
    author_name        TEXT NOT NULL,
    body               TEXT NOT NULL,
    to_client          BOOLEAN NOT NULL DEFAULT FALSE,
    to_employer        BOOLEAN NOT NULL DEFAULT FALSE,
    category           TEXT,
    created_at         TEXT NOT NULL
);
CREATE INDEX note_messages_client ON note_messages (client_id, created_at);

-- 企業からの週報: one per client, employer contact and week (the Monday of the week, Japan
-- date); sending again in the same week updates it.
CREATE TABLE employer_observations (
    id               INTEGER PRIMARY KEY,
    client_id        INTEGER NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
    contact_id       INTEGER NOT NULL REFERENCES employer_contacts(id) ON DELETE CASCADE,
    week_start       TEXT NOT NULL,
    -- as_planned, late_or_early, absent
    attendance       TEXT NOT NULL CHECK (attendance IN ('as_planned', 'late_or_early', 'absent')),
    attendance_note  TEXT NOT NULL DEFAULT '',
    work_note        TEXT NOT NULL DEFAULT '',
    concerns         TEXT NOT NULL DEFAULT '',
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL,
    UNIQUE (client_id, contact_id, week_start)
);
CREATE INDEX employer_observations_client ON employer_observations (client_id, week_start);
