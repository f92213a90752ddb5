-- Past cases across the organisation and the early warning (issue 14).

-- An office shares its past cases with the organisation only when the administrator says so.
ALTER TABLE offices ADD COLUMN share_cases BOOLEAN NOT NULL DEFAULT FALSE;

-- 気になるサイン: the thresholds of each office (domain::warning::Thresholds, defaults there).
ALTER TABLE offices ADD COLUMN warn_no_contact_weeks INTEGER NOT NULL DEFAULT 5;
ALTER TABLE offices ADD COLUMN warn_repeat_count INTEGER NOT NULL DEFAULT 2;
ALTER TABLE offices ADD COLUMN warn_repeat_days INTEGER NOT NULL DEFAULT 60;
ALTER TABLE offices ADD COLUMN warn_early_months INTEGER NOT NULL DEFAULT 3;
ALTER TABLE offices ADD COLUMN warn_employer_weeks INTEGER NOT NULL DEFAULT 2;

-- A resolved concern as a past case: derived data (`teichaku reindex` makes it again from
-- the concerns), anonymised by domain::anonymise, with no client, date or employer.
CREATE TABLE cases (
    id            INTEGER PRIMARY KEY,
    concern_id    INTEGER NOT NULL UNIQUE REFERENCES concerns(id) ON DELETE CASCADE,
    office_id     INTEGER NOT NULL REFERENCES offices(id) ON DELETE CASCADE,
    category      TEXT NOT NULL,
    severity      INTEGER NOT NULL,
    -- Month of tenure when the concern was raised (1 = the first month), if employed.
    tenure_month  INTEGER,
    job_type      TEXT NOT NULL,
    disability    TEXT NOT NULL,
    note          TEXT NOT NULL,
    heard         TEXT NOT NULL,
    advice        TEXT NOT NULL,
    resolution    TEXT NOT NULL,
    helpful       INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX cases_office ON cases (office_id, category);

-- Every change of a case, in order: each node's search index applies the ones it has not
-- seen (crate::cases), so several nodes on one database stay fresh.
CREATE TABLE case_changes (
    id       INTEGER PRIMARY KEY,
    case_id  INTEGER NOT NULL,
    at       TEXT NOT NULL
);

-- 役に立った: a staff member noted that a case helped (once per case and person).
CREATE TABLE case_helpful (
    id         INTEGER PRIMARY KEY,
    case_id    INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    staff_id   INTEGER NOT NULL REFERENCES staff(id) ON DELETE CASCADE,
    office_id  INTEGER NOT NULL REFERENCES offices(id) ON DELETE CASCADE,
    at         TEXT NOT NULL,
    UNIQUE (case_id, staff_id)
);

-- A warning dismissed by staff: who, why and when; the same sign stays hidden until `until_on`.
CREATE TABLE warning_dismissals (
    id            INTEGER PRIMARY KEY,
    client_id     INTEGER NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
    signal        TEXT NOT NULL,
    reason        TEXT NOT NULL,
    staff_id      INTEGER REFERENCES staff(id) ON DELETE SET NULL,
    dismissed_at  TEXT NOT NULL,
    until_on      TEXT NOT NULL
);
CREATE INDEX warning_dismissals_client ON warning_dismissals (client_id, until_on);
