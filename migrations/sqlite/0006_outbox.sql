-- Outgoing email (送信メール). A message is written here inside the transaction of the change
-- that causes it, so an acknowledged request never loses its message; the outbox worker sends
-- it later. `locked_until` is the lease a server process takes before sending, so that two
-- processes sharing one database never send the same message twice.
CREATE TABLE email_outbox (
    id               INTEGER PRIMARY KEY,
    to_address       TEXT NOT NULL,
    subject          TEXT NOT NULL,
    body_text        TEXT NOT NULL,
    created_at       TEXT NOT NULL,
    status           TEXT NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'sent', 'failed')),
    attempts         INTEGER NOT NULL DEFAULT 0,
    next_attempt_at  TEXT NOT NULL,
    locked_until     TEXT,
    last_error       TEXT NOT NULL DEFAULT '',   -- for admins only, never shown to the public
    sent_at          TEXT,
    -- What the message is about (e.g. 'inquiry', 42), for the record it belongs to.
    related_type     TEXT,
    related_id       INTEGER
);
-- The worker's question: which queued messages are due?
CREATE INDEX email_outbox_due ON email_outbox (status, next_attempt_at);
CREATE INDEX email_outbox_related ON email_outbox (related_type, related_id);
