-- Importing clients from a spreadsheet (issue 15, item 1).

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
