-- Two-factor sign-in for staff (#16): a TOTP secret per staff member (RFC 6238), their
-- recovery codes (hashed, each usable once), the second step of a sign-in waiting for its
-- code, and the organisation's requirement.

CREATE TABLE staff_totp (
    staff_id    INTEGER PRIMARY KEY REFERENCES staff(id) ON DELETE CASCADE,
    -- Base32; the authenticator app holds the same secret, so it cannot be hashed.
    secret      TEXT NOT NULL,
    -- NULL while being set up (not yet confirmed with a code).
    enabled_at  TEXT,
    -- The last time step accepted: a code of this step or an earlier one is refused (replay).
    last_step   INTEGER NOT NULL DEFAULT 0,
    created_at  TEXT NOT NULL
);

CREATE TABLE staff_recovery_codes (
    id          INTEGER PRIMARY KEY,
    staff_id    INTEGER NOT NULL REFERENCES staff(id) ON DELETE CASCADE,
    code_hash   TEXT NOT NULL,     -- SHA-256 of the code, hex
    used_at     TEXT,
    UNIQUE (staff_id, code_hash)
);

-- A sign-in whose password was right, waiting for the second step: bound to an anonymous
-- session, which is not a staff principal. `purpose` is 'code' (enter a code) or 'enroll'
-- (the organisation requires two-factor and this person has not set it up yet).
CREATE TABLE totp_pending (
    session_id  TEXT PRIMARY KEY REFERENCES sessions(id) ON DELETE CASCADE,
    staff_id    INTEGER NOT NULL REFERENCES staff(id) ON DELETE CASCADE,
    purpose     TEXT NOT NULL CHECK (purpose IN ('code', 'enroll')),
    next        TEXT NOT NULL,
    created_at  TEXT NOT NULL
);

ALTER TABLE organizations ADD COLUMN require_totp BOOLEAN NOT NULL DEFAULT FALSE;
