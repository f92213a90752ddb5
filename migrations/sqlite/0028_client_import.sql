-- Importing clients from a spreadsheet (issue 15, item 1), and following former clients up
-- after the service (item 5).

-- The file an office's manager uploaded and is mapping and previewing: one per office (a
-- new upload replaces it); removed once imported or given up.
CREATE TABLE import_uploads (
    office_id   INTEGER PRIMARY KEY REFERENCES offices(id) ON DELETE CASCADE,
    staff_id    INTEGER NOT NULL REFERENCES staff(id),
    file_name   TEXT NOT NULL,
    content     BLOB NOT NULL,
    -- The columns chosen on the mapping page (JSON array of column codes, "" = not
    -- imported), empty until chosen.
    mapping     TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL
);

-- The column mapping each office chose last (JSON object: the file's header → column
-- code), offered again for the next file.
CREATE TABLE import_mappings (
    office_id   INTEGER PRIMARY KEY REFERENCES offices(id) ON DELETE CASCADE,
    mapping     TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);

-- After the service (issue 15, item 5): light follow-up contacts with former clients until
-- 6 years 6 months after the hire, the evidence of 就労定着実績体制加算 (domain.md §2.1).
CREATE TABLE followups (
    id              INTEGER PRIMARY KEY,
    client_id       INTEGER NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
    contacted_on    TEXT NOT NULL,
    still_employed  BOOLEAN NOT NULL,
    -- With the employer of the first employment (the one the service counted from).
    same_employer   BOOLEAN NOT NULL,
    -- Where, when employed elsewhere.
    employer_name   TEXT NOT NULL DEFAULT '',
    note            TEXT NOT NULL DEFAULT '',
    staff_id        INTEGER REFERENCES staff(id) ON DELETE SET NULL,
    created_at      TEXT NOT NULL
);
CREATE INDEX followups_client ON followups (client_id, contacted_on);
