-- Intake: inquiries (お問い合わせ・見学希望) and their pipeline, and the server's secrets.

-- A secret the server generates once (e.g. to sign the time a public form was shown).
CREATE TABLE app_secrets (
    name        TEXT PRIMARY KEY,
    value       TEXT NOT NULL,
    created_at  TEXT NOT NULL
);

CREATE TABLE inquiries (
    id                  INTEGER PRIMARY KEY,
    office_id           INTEGER NOT NULL REFERENCES offices(id),
    kind                TEXT NOT NULL,          -- question, tour
    channel             TEXT NOT NULL,          -- web, phone, email, visit
    name                TEXT NOT NULL,
    phone               TEXT NOT NULL DEFAULT '',
    email               TEXT NOT NULL DEFAULT '',
    contact_by          TEXT NOT NULL,          -- phone, email
    preferred_times     TEXT NOT NULL DEFAULT '',
    message             TEXT NOT NULL DEFAULT '',
    status              TEXT NOT NULL,          -- new, contacted, tour_scheduled, toured, applying, certificate_issued, contracted, closed
    close_reason        TEXT NOT NULL DEFAULT '',
    received_at         TEXT NOT NULL,
    first_contacted_at  TEXT,
    -- SHA-256 of the sender's address, for the per-address limit (not the address itself).
    sender_hash         TEXT NOT NULL DEFAULT '',
    created_by          INTEGER REFERENCES staff(id) ON DELETE SET NULL,
    updated_at          TEXT NOT NULL
);
CREATE INDEX inquiries_office ON inquiries (office_id, status, received_at);
CREATE INDEX inquiries_sender ON inquiries (sender_hash, received_at);

-- Every step of the pipeline: when, who, from which state to which.
CREATE TABLE inquiry_events (
    id           INTEGER PRIMARY KEY,
    inquiry_id   INTEGER NOT NULL REFERENCES inquiries(id) ON DELETE CASCADE,
    from_status  TEXT NOT NULL,
    to_status    TEXT NOT NULL,
    note         TEXT NOT NULL DEFAULT '',
    staff_id     INTEGER REFERENCES staff(id) ON DELETE SET NULL,
    at           TEXT NOT NULL
);
CREATE INDEX inquiry_events_inquiry ON inquiry_events (inquiry_id, at);
