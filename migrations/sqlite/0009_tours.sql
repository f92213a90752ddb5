-- Tours (見学): the slots an office offers, the visitor's booking of one, and a guard against
-- a public form sent twice.

-- A time an office offers for visits. `booked` counts the seats taken by requested and
-- confirmed bookings; it only changes through a conditional UPDATE (`booked < capacity`), and
-- the CHECK is the database's own guard, so a slot is never overbooked.
CREATE TABLE tour_slots (
    id          INTEGER PRIMARY KEY,
    office_id   INTEGER NOT NULL REFERENCES offices(id) ON DELETE CASCADE,
    starts_at   TEXT NOT NULL,
    ends_at     TEXT NOT NULL,
    capacity    INTEGER NOT NULL CHECK (capacity > 0),
    booked      INTEGER NOT NULL DEFAULT 0 CHECK (booked >= 0 AND booked <= capacity),
    place_note  TEXT NOT NULL DEFAULT '',
    closed_at   TEXT,                           -- no longer offered (set by staff)
    created_by  INTEGER REFERENCES staff(id) ON DELETE SET NULL,
    created_at  TEXT NOT NULL
);
CREATE INDEX tour_slots_office ON tour_slots (office_id, starts_at);

-- An inquiry's tour: requested on the public form, confirmed or cancelled by staff, moved to
-- another slot when rescheduled. The pending reminder (a future outbox row) is remembered so
-- that a cancellation or a change can withdraw it.
CREATE TABLE tour_bookings (
    id                  INTEGER PRIMARY KEY,
    inquiry_id          INTEGER NOT NULL UNIQUE REFERENCES inquiries(id) ON DELETE CASCADE,
    slot_id             INTEGER NOT NULL REFERENCES tour_slots(id),
    status              TEXT NOT NULL CHECK (status IN ('requested', 'confirmed', 'cancelled')),
    reminder_outbox_id  INTEGER,
    created_at          TEXT NOT NULL,
    updated_at          TEXT NOT NULL
);
CREATE INDEX tour_bookings_slot ON tour_bookings (slot_id);

-- The random part of the public form's signed "shown at" value: a form sent twice carries the
-- same one, and the second insert fails on this index instead of booking again.
ALTER TABLE inquiries ADD COLUMN form_nonce TEXT;
CREATE UNIQUE INDEX inquiries_form_nonce ON inquiries (form_nonce);
