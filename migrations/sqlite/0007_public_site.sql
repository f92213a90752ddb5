-- The public site: what each office shows to the public, and the service guide an admin edits.

ALTER TABLE offices ADD COLUMN hours TEXT NOT NULL DEFAULT '';
ALTER TABLE offices ADD COLUMN services TEXT NOT NULL DEFAULT '';
ALTER TABLE offices ADD COLUMN published BOOLEAN NOT NULL DEFAULT TRUE;

-- The guide to the service, one row per section; until an admin saves it, the built-in text
-- (src/domain/guide.rs) is shown.
CREATE TABLE guide_sections (
    id          INTEGER PRIMARY KEY,
    position    INTEGER NOT NULL,
    title       TEXT NOT NULL,
    body        TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    updated_by  INTEGER REFERENCES staff(id) ON DELETE SET NULL
);
