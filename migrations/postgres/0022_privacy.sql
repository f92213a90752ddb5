-- What a staff member's calendar feed calls a client (issue 16: nothing identifying leaves by
-- default): `code` (利用者番号, e.g. C-0042, the default), `kana_initials` (かなの頭文字,
-- e.g. や・は) or `none` (no one named: "面談予定" only). Never the full name.
ALTER TABLE staff ADD COLUMN calendar_label TEXT NOT NULL DEFAULT 'code';

-- The client an audit row is about (their record or a record under it), for the access
-- report of one client (本人開示, an incident). Rows written before are about a client when
-- their target is the client itself.
ALTER TABLE audit_log ADD COLUMN client_id BIGINT;
UPDATE audit_log SET client_id = CAST(target_id AS BIGINT) WHERE target_type = 'client';
CREATE INDEX audit_log_client ON audit_log (client_id, id);

-- Stopping a portal account ends its sessions: find them by their owner.
CREATE INDEX sessions_client_account ON sessions (client_account_id);
CREATE INDEX sessions_employer_contact ON sessions (employer_contact_id);
