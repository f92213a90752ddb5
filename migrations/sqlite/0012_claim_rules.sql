-- Claim rules of issue 19: the 地域区分 with dates, the 就労定着率 frozen for a fiscal year
-- at its first locked claim, and the history of a client's office inside the organisation.

-- 地域区分 (domain.md §6) from valid_from to valid_to (inclusive), like the 体制 settings.
-- A month's claim uses the grade in force on its first day; `offices.area_grade` keeps the
-- grade in force today (and is the grade of an office with no dated row).
CREATE TABLE office_area_grades (
    id          INTEGER PRIMARY KEY,
    office_id   INTEGER NOT NULL REFERENCES offices(id) ON DELETE CASCADE,
    area_grade  TEXT NOT NULL,
    valid_from  TEXT NOT NULL,
    valid_to    TEXT,
    created_by  INTEGER REFERENCES staff(id) ON DELETE SET NULL,
    created_at  TEXT NOT NULL
);
CREATE INDEX office_area_grades_office ON office_area_grades (office_id, valid_from);

-- The 就労定着率 an office's claims use for a whole fiscal year (domain.md §1.3: the tier is
-- fixed for the year), frozen when the year's first month is locked, with the clients
-- behind it (JSON: id, name, standing) as evidence. A later correction of the records is
-- shown as a difference to review; it does not change the year's tier.
CREATE TABLE retention_frozen (
    id           INTEGER PRIMARY KEY,
    office_id    INTEGER NOT NULL REFERENCES offices(id) ON DELETE CASCADE,
    fiscal_year  INTEGER NOT NULL,
    retained     INTEGER NOT NULL,
    served       INTEGER NOT NULL,
    evidence     TEXT NOT NULL,
    month        TEXT NOT NULL,
    frozen_by    INTEGER REFERENCES staff(id) ON DELETE SET NULL,
    frozen_at    TEXT NOT NULL,
    UNIQUE (office_id, fiscal_year)
);

-- A client moved from one office of the organisation to another, from moved_on (the first
-- day at the new office). clients.office_id is the office today; these rows say which
-- office served the client before.
CREATE TABLE client_office_moves (
    id              INTEGER PRIMARY KEY,
    client_id       INTEGER NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
    from_office_id  INTEGER NOT NULL REFERENCES offices(id),
    to_office_id    INTEGER NOT NULL REFERENCES offices(id),
    moved_on        TEXT NOT NULL,
    note            TEXT NOT NULL DEFAULT '',
    moved_by        INTEGER REFERENCES staff(id) ON DELETE SET NULL,
    created_at      TEXT NOT NULL
);
CREATE INDEX client_office_moves_client ON client_office_moves (client_id, moved_on);
CREATE INDEX client_office_moves_from ON client_office_moves (from_office_id);

-- A person's 受給者証 number across client records (初期加算 once per person, one office per
-- 受給者証 and month).
CREATE INDEX certificates_number ON certificates (number);
