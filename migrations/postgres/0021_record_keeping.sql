-- Records kept for their period, then removed (issue 16, item 4).
-- 記録の整備・保存 (指定基準 and prefectural ordinances): service records are kept for 5 years
-- after the end of the service — the count and its start are UNCONFIRMED per prefecture, so
-- the organisation sets the number of years (never under 5, `domain::record_keeping`).
ALTER TABLE organizations ADD COLUMN record_keeping_years INTEGER NOT NULL DEFAULT 5;

-- A removed client keeps an anonymised row (no name, kana, birth date or contact details),
-- so the resolved concerns that are the office's past cases and the locked claims keep
-- their references; every lookup treats a row with `removed_at` as missing.
ALTER TABLE clients ADD COLUMN removed_at TIMESTAMPTZ;
