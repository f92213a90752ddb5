-- The monthly 支援レポート read and acknowledged online (issue 11, items 4 and 5).
-- When the client (本人) or an employer contact (企業担当者) confirms a final version in the
-- portal, that is a share of the version (`report_shares`, method 'portal') recorded with
-- its acknowledgement: who (the portal account, no staff member), when (the instant, and
-- `acknowledged_on`, its Japan date), which version (`report_id`). A client's share counts
-- for the month like one recorded by staff (shared/domain.md §3: the report is shared with
-- the client once a month, a condition of the 基本報酬).
ALTER TABLE report_shares ADD COLUMN acknowledged_at TIMESTAMPTZ;
ALTER TABLE report_shares ADD COLUMN client_account_id BIGINT REFERENCES client_accounts(id) ON DELETE SET NULL;
ALTER TABLE report_shares ADD COLUMN employer_contact_id BIGINT REFERENCES employer_contacts(id) ON DELETE SET NULL;
-- One online acknowledgement per version and person: acknowledging twice changes nothing,
-- a corrected version (a new report row) needs its own. Staff-recorded shares leave both
-- columns NULL, and NULLs never collide.
CREATE UNIQUE INDEX report_shares_client_ack ON report_shares (report_id, client_account_id);
CREATE UNIQUE INDEX report_shares_employer_ack ON report_shares (report_id, employer_contact_id);
