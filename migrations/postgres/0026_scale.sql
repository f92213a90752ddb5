-- National scale (issue 13): the indexes the per-office plans need
-- (tests/it/per_office_plans.rs reads every per-office query's plan on both engines).

-- An office's contracts (the claim run, the month view, the 就労定着率), oldest start first.
CREATE INDEX contracts_office ON contracts (office_id, start_date);
-- An office's 上限額管理結果 of a month.
CREATE INDEX cap_results_office ON cap_results (office_id, month);
-- An office's audit rows, newest first (the audit page filtered by office, paged by id).
CREATE INDEX audit_log_office ON audit_log (office_id, id);
-- The month's locked claims of every office (a 受給者証 number claimed elsewhere).
CREATE INDEX claims_month ON claims (month, office_id, version);
-- The organisation-wide claim run: the month's contacts of every office, and the few
-- hand-over contacts (a partial index: the query names `is_handover` itself).
CREATE INDEX contacts_at ON contacts (occurred_at);
CREATE INDEX contacts_handover ON contacts (office_id, client_id) WHERE is_handover;

-- The public pages' version: writes that change what the public site shows move it on; every
-- node compares it with the version of its cached pages (src/web/public_cache.rs).
CREATE TABLE public_version (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    version     BIGINT NOT NULL,
    changed_at  BIGINT NOT NULL    -- Unix seconds (Last-Modified)
);
INSERT INTO public_version (id, version, changed_at) VALUES (1, 1, EXTRACT(EPOCH FROM now())::BIGINT);
