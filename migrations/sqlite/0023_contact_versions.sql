-- 支援記録 corrected as versions (issue 12): a contact is never overwritten without a trace
-- nor deleted. `contacts` holds the newest version (what every page and the claim read);
-- `contact_versions` keeps every version with who made it, when and why. A contact is a
-- draft (not counted for the month or the claim), final, or withdrawn (取消, with a reason).
ALTER TABLE contacts ADD COLUMN status TEXT NOT NULL DEFAULT 'final'
    CHECK (status IN ('draft', 'final', 'withdrawn'));
ALTER TABLE contacts ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE contacts ADD COLUMN withdrawn_reason TEXT NOT NULL DEFAULT '';
ALTER TABLE contacts ADD COLUMN withdrawn_by INTEGER REFERENCES staff(id) ON DELETE SET NULL;
ALTER TABLE contacts ADD COLUMN withdrawn_at TEXT;

CREATE TABLE contact_versions (
    id                 INTEGER PRIMARY KEY,
    contact_id         INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
    version            INTEGER NOT NULL,
    status             TEXT NOT NULL,
    occurred_at        TEXT NOT NULL,
    mode               TEXT NOT NULL,
    place              TEXT NOT NULL DEFAULT '',
    participants       TEXT NOT NULL,
    participants_note  TEXT NOT NULL DEFAULT '',
    institution_id     INTEGER REFERENCES institutions(id) ON DELETE SET NULL,
    heard              TEXT NOT NULL DEFAULT '',
    advice             TEXT NOT NULL DEFAULT '',
    shared_info        TEXT NOT NULL DEFAULT '',
    accommodations     TEXT NOT NULL DEFAULT '',
    is_handover        BOOLEAN NOT NULL DEFAULT FALSE,
    next_contact_on    TEXT,
    -- Why this version was made (empty for the first).
    reason             TEXT NOT NULL DEFAULT '',
    edited_by          INTEGER REFERENCES staff(id) ON DELETE SET NULL,
    edited_at          TEXT NOT NULL,
    UNIQUE (contact_id, version)
);

-- The contacts saved before keep their words as version 1.
INSERT INTO contact_versions (contact_id, version, status, occurred_at, mode, place, participants,
    participants_note, institution_id, heard, advice, shared_info, accommodations, is_handover,
    next_contact_on, reason, edited_by, edited_at)
SELECT id, 1, 'final', occurred_at, mode, place, participants, participants_note, institution_id,
    heard, advice, shared_info, accommodations, is_handover, next_contact_on, '', staff_id,
    created_at
FROM contacts;

-- Master rows entered as samples (見本: the demo's made-up service codes), never to be sent.
ALTER TABLE claim_master ADD COLUMN sample BOOLEAN NOT NULL DEFAULT FALSE;

-- The seeded notes were written for developers; what is left to check is now listed on the
-- master page from `confirmed` and the service code.
UPDATE claim_master SET note = '' WHERE note IN ('R6の単位数は未確認（900単位と仮定）',
    'サービス種類コード47は未確認', 'サービスコード未設定');
UPDATE unit_prices SET note = '' WHERE note = '人件費割合は未確認';
UPDATE claim_master SET source = '' WHERE source LIKE 'domain.md%';
UPDATE unit_prices SET source = '' WHERE source LIKE 'domain.md%';
