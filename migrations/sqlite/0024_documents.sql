-- Printed documents (issue 12, item 5): an office may date its documents in the era calendar
-- (和暦, `令和8年11月`) instead of the Western one (`2026年11月`, the default).
ALTER TABLE offices ADD COLUMN era_dates BOOLEAN NOT NULL DEFAULT FALSE;
