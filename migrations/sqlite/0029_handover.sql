-- The hand-over package at the end of the service (issue 15, item 4): the package itself is
-- built from the records each time; what staff add is kept here, one row per client: a
-- free-text 引き継ぎメモ and the employer contact chosen to receive it online (shared only
-- while the client's consent naming them covers the hand-over package).
CREATE TABLE handovers (
    client_id             INTEGER PRIMARY KEY REFERENCES clients(id) ON DELETE CASCADE,
    memo                  TEXT NOT NULL DEFAULT '',
    recipient_contact_id  INTEGER REFERENCES employer_contacts(id) ON DELETE SET NULL,
    updated_by            INTEGER REFERENCES staff(id) ON DELETE SET NULL,
    updated_at            TEXT NOT NULL
);
