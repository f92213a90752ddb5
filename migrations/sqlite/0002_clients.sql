-- Clients in full: contact, disability categories, prior service; employment, 受給者証
-- (certificates) with their 支給決定 periods, and contracts with the office.

ALTER TABLE clients ADD COLUMN phone TEXT NOT NULL DEFAULT '';
ALTER TABLE clients ADD COLUMN email TEXT NOT NULL DEFAULT '';
ALTER TABLE clients ADD COLUMN address TEXT NOT NULL DEFAULT '';
-- Comma-separated codes: physical, intellectual, mental, developmental, intractable.
ALTER TABLE clients ADD COLUMN disability_categories TEXT NOT NULL DEFAULT '';
-- employment_transition, continuous_a, continuous_b, life_care, independence_functional,
-- independence_life or none (domain.md §4).
ALTER TABLE clients ADD COLUMN prior_service TEXT NOT NULL DEFAULT 'none';
ALTER TABLE clients ADD COLUMN prior_office_name TEXT NOT NULL DEFAULT '';
CREATE INDEX clients_kana ON clients (office_id, kana);

CREATE TABLE employments (
    id                   INTEGER PRIMARY KEY,
    client_id            INTEGER NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
    employer_name        TEXT NOT NULL,
    workplace_address    TEXT NOT NULL,
    supervisor_name      TEXT NOT NULL,
    supervisor_contact   TEXT NOT NULL,
    job_title            TEXT NOT NULL,
    weekly_minutes       INTEGER NOT NULL,
    ordinary_employment  BOOLEAN NOT NULL,
    hire_date            TEXT NOT NULL,
    return_to_work_date  TEXT,
    end_date             TEXT,
    end_reason           TEXT NOT NULL DEFAULT '',
    created_at           TEXT NOT NULL,
    updated_at           TEXT NOT NULL
);
CREATE INDEX employments_client ON employments (client_id, hire_date);

CREATE TABLE certificates (
    id                    INTEGER PRIMARY KEY,
    client_id             INTEGER NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
    number                TEXT NOT NULL,
    municipality_code     TEXT NOT NULL,
    municipality_name     TEXT NOT NULL,
    income_category       TEXT NOT NULL,
    monthly_cap_yen       BIGINT NOT NULL,
    cap_manager_office    TEXT NOT NULL DEFAULT '',
    created_at            TEXT NOT NULL,
    updated_at            TEXT NOT NULL
);
CREATE INDEX certificates_client ON certificates (client_id);

-- 支給決定期間: one row per decision; a renewal is a new row.
CREATE TABLE certificate_periods (
    id              INTEGER PRIMARY KEY,
    certificate_id  INTEGER NOT NULL REFERENCES certificates(id) ON DELETE CASCADE,
    start_date      TEXT NOT NULL,
    end_date        TEXT NOT NULL,
    created_at      TEXT NOT NULL
);
CREATE INDEX certificate_periods_certificate ON certificate_periods (certificate_id, start_date);

CREATE TABLE contracts (
    id             INTEGER PRIMARY KEY,
    client_id      INTEGER NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
    office_id      INTEGER NOT NULL REFERENCES offices(id),
    contract_date  TEXT NOT NULL,
    start_date     TEXT NOT NULL,
    end_date       TEXT NOT NULL,
    created_at     TEXT NOT NULL
);
CREATE INDEX contracts_client ON contracts (client_id, start_date);
