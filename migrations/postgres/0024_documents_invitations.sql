-- Printed documents (issue 12, item 5): an office may date its documents in the era calendar
-- (和暦, `令和8年11月`) instead of the Western one (`2026年11月`, the default).
ALTER TABLE offices ADD COLUMN era_dates BOOLEAN NOT NULL DEFAULT FALSE;

-- Staff invited by email (issue 12, item 8): the one-time links of the portal's invitations
-- also invite a staff member, who sets their own password. A link belongs to exactly one of
-- a client account, an employer contact or a staff account.
ALTER TABLE portal_tokens ADD COLUMN staff_id BIGINT REFERENCES staff(id) ON DELETE CASCADE;
ALTER TABLE portal_tokens DROP CONSTRAINT portal_tokens_check;
ALTER TABLE portal_tokens ADD CONSTRAINT portal_tokens_check
    CHECK (num_nonnulls(client_account_id, employer_contact_id, staff_id) = 1);
CREATE INDEX portal_tokens_staff ON portal_tokens (staff_id);
