-- Platform: organisation, offices, staff, sessions, sign-in throttling, audit log.
-- Timestamps are UTC RFC 3339 text written by the application (never SQL defaults),
-- so that text comparison orders them correctly.

CREATE TABLE organizations (
    id          INTEGER PRIMARY KEY,
    -- One organisation per installation: the setup page may run only once.
    singleton   INTEGER NOT NULL DEFAULT 1 UNIQUE CHECK (singleton = 1),
    name        TEXT NOT NULL,
    created_at  TEXT NOT NULL
);

CREATE TABLE offices (
    id              INTEGER PRIMARY KEY,
    organization_id INTEGER NOT NULL REFERENCES organizations(id),
    name            TEXT NOT NULL,
    office_number   TEXT,
    prefecture      TEXT NOT NULL,
    address         TEXT NOT NULL,
    nearest_station TEXT NOT NULL,
    phone           TEXT NOT NULL,
    email           TEXT NOT NULL,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    UNIQUE (organization_id, name)
);
CREATE UNIQUE INDEX offices_office_number ON offices (office_number) WHERE office_number IS NOT NULL;

CREATE TABLE staff (
    id              INTEGER PRIMARY KEY,
    organization_id INTEGER NOT NULL REFERENCES organizations(id),
    login           TEXT NOT NULL UNIQUE,
    display_name    TEXT NOT NULL,
    email           TEXT NOT NULL,
    password_hash   TEXT NOT NULL,
    is_admin        BOOLEAN NOT NULL DEFAULT FALSE,
    active          BOOLEAN NOT NULL DEFAULT TRUE,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
);

CREATE TABLE staff_offices (
    staff_id   INTEGER NOT NULL REFERENCES staff(id) ON DELETE CASCADE,
    office_id  INTEGER NOT NULL REFERENCES offices(id) ON DELETE CASCADE,
    role       TEXT NOT NULL CHECK (role IN ('manager', 'supporter')),
    PRIMARY KEY (staff_id, office_id)
);
CREATE INDEX staff_offices_office ON staff_offices (office_id);

CREATE TABLE sessions (
    id            TEXT PRIMARY KEY,        -- SHA-256 of the cookie token, hex
    staff_id      INTEGER REFERENCES staff(id) ON DELETE CASCADE,
    csrf_token    TEXT NOT NULL,
    created_at    TEXT NOT NULL,
    last_seen_at  TEXT NOT NULL,
    expires_at    TEXT NOT NULL
);
CREATE INDEX sessions_expires ON sessions (expires_at);
CREATE INDEX sessions_staff ON sessions (staff_id);

CREATE TABLE login_failures (
    id        INTEGER PRIMARY KEY,
    login     TEXT NOT NULL,
    address   TEXT NOT NULL,
    at        TEXT NOT NULL
);
CREATE INDEX login_failures_login ON login_failures (login, at);
CREATE INDEX login_failures_address ON login_failures (address, at);

CREATE TABLE audit_log (
    id           INTEGER PRIMARY KEY,
    at           TEXT NOT NULL,
    actor_id     INTEGER REFERENCES staff(id) ON DELETE SET NULL,
    actor_label  TEXT NOT NULL,
    action       TEXT NOT NULL,
    target_type  TEXT NOT NULL,
    target_id    TEXT NOT NULL,
    office_id    INTEGER REFERENCES offices(id) ON DELETE SET NULL,
    detail       TEXT NOT NULL,
    request_id   TEXT NOT NULL,
    address      TEXT NOT NULL
);
CREATE INDEX audit_log_at ON audit_log (at);
CREATE INDEX audit_log_action ON audit_log (action, at);
CREATE INDEX audit_log_actor ON audit_log (actor_id, at);

-- 利用者: the minimal record the platform needs (office scoping, the demo).
-- Employment, certificates and contracts come with the clients issue.
CREATE TABLE clients (
    id            INTEGER PRIMARY KEY,
    office_id     INTEGER NOT NULL REFERENCES offices(id),
    supporter_id  INTEGER REFERENCES staff(id) ON DELETE SET NULL,
    name          TEXT NOT NULL,
    kana          TEXT NOT NULL,
    birth_date    TEXT NOT NULL,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
);
CREATE INDEX clients_office ON clients (office_id);
