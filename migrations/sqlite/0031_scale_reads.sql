-- National scale (issue 13), second pass: the reads the profiles of `teichaku bench` and
-- `teichaku bench --http` found reading more than they return.

-- A supporter's clients (the supporter's home: planned visits, the self-check watch list);
-- without it each home read every client of the organisation.
CREATE INDEX clients_supporter ON clients (supporter_id);
-- The organisation-wide claim run: the month's reports of every office, and whether each
-- was shared with the client, from the indexes alone. The one-office text of the claim's
-- report query does not use the month index (src/store/client_month.rs says why).
CREATE INDEX support_reports_month ON support_reports (month, client_id, status);
CREATE INDEX report_shares_kind ON report_shares (report_id, recipient_kind, shared_on);
-- The month's saved contacts of every office, with the columns the claim reads (a covering
-- partial index: the claim run reads no contact row itself).
CREATE INDEX contacts_month ON contacts (occurred_at, client_id, office_id, mode, participants)
    WHERE status = 'final';
