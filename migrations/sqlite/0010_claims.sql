-- Monthly claims (請求): master data for 加算・減算, unit prices and service codes; the
-- office's 体制 settings and 地域区分; filed 就労定着率; 地域連携会議 records; 上限額管理結果;
-- and the locked claims themselves.

-- 地域区分 of the office's location (domain.md §6): '1'..'7' or 'other'.
ALTER TABLE offices ADD COLUMN area_grade TEXT NOT NULL DEFAULT 'other';
-- The user came from the 就労移行支援 etc. run together with this office (一体的に運営),
-- so 初期加算 does not apply (domain.md §2.1).
ALTER TABLE clients ADD COLUMN prior_office_integrated BOOLEAN NOT NULL DEFAULT FALSE;

-- Versioned master data (domain.md: "Store all units, rates and prices as versioned master
-- data"). item: a 加算/減算 code, 'base_NN' (the base tier from NN%), or 'service_kind'.
-- units for a 加算, percent for a 減算; confirmed = FALSE where domain.md says UNCONFIRMED.
CREATE TABLE claim_master (
    id            INTEGER PRIMARY KEY,
    item          TEXT NOT NULL,
    valid_from    TEXT NOT NULL,
    valid_to      TEXT,
    units         INTEGER,
    percent       INTEGER,
    service_code  TEXT NOT NULL DEFAULT '',
    source        TEXT NOT NULL,
    confirmed     BOOLEAN NOT NULL,
    note          TEXT NOT NULL DEFAULT '',
    updated_by    INTEGER REFERENCES staff(id) ON DELETE SET NULL,
    updated_at    TEXT NOT NULL
);
CREATE INDEX claim_master_item ON claim_master (item, valid_from);

-- 単位数単価 per 地域区分, in hundredths of a yen (10.90円 = 1090).
CREATE TABLE unit_prices (
    id            INTEGER PRIMARY KEY,
    area_grade    TEXT NOT NULL,
    valid_from    TEXT NOT NULL,
    valid_to      TEXT,
    hundredths    INTEGER NOT NULL,
    source        TEXT NOT NULL,
    confirmed     BOOLEAN NOT NULL,
    note          TEXT NOT NULL DEFAULT '',
    updated_by    INTEGER REFERENCES staff(id) ON DELETE SET NULL,
    updated_at    TEXT NOT NULL
);
CREATE INDEX unit_prices_grade ON unit_prices (area_grade, valid_from);

-- An office's 体制 加算/減算 (届出), in force from valid_from to valid_to (inclusive).
CREATE TABLE office_claim_settings (
    id          INTEGER PRIMARY KEY,
    office_id   INTEGER NOT NULL REFERENCES offices(id) ON DELETE CASCADE,
    item        TEXT NOT NULL,
    valid_from  TEXT NOT NULL,
    valid_to    TEXT,
    note        TEXT NOT NULL DEFAULT '',
    created_by  INTEGER REFERENCES staff(id) ON DELETE SET NULL,
    created_at  TEXT NOT NULL
);
CREATE INDEX office_claim_settings_office ON office_claim_settings (office_id, item);

-- The 就労定着率 the office filed for a fiscal year (体制届); without one, the rate computed
-- from the records is used.
CREATE TABLE retention_filings (
    id           INTEGER PRIMARY KEY,
    office_id    INTEGER NOT NULL REFERENCES offices(id) ON DELETE CASCADE,
    fiscal_year  INTEGER NOT NULL,
    retained     INTEGER NOT NULL,
    served       INTEGER NOT NULL,
    note         TEXT NOT NULL DEFAULT '',
    filed_by     INTEGER REFERENCES staff(id) ON DELETE SET NULL,
    filed_at     TEXT NOT NULL,
    UNIQUE (office_id, fiscal_year)
);

-- 地域連携会議: a case meeting with related agencies about one client's plan.
-- kind '1': the サービス管理責任者 attended; '2': another staff member attended and shared it.
CREATE TABLE regional_meetings (
    id          INTEGER PRIMARY KEY,
    client_id   INTEGER NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
    office_id   INTEGER NOT NULL REFERENCES offices(id),
    held_on     TEXT NOT NULL,
    kind        TEXT NOT NULL,
    agencies    TEXT NOT NULL,
    summary     TEXT NOT NULL DEFAULT '',
    staff_id    INTEGER REFERENCES staff(id) ON DELETE SET NULL,
    created_at  TEXT NOT NULL
);
CREATE INDEX regional_meetings_client ON regional_meetings (client_id, held_on);
CREATE INDEX regional_meetings_office ON regional_meetings (office_id, held_on);

-- 上限額管理結果 for a client and month: from the managing office's 結果票, or this office's own
-- when it manages the cap. result 1/2/3 (domain.md §5); amount_yen = this office's 決定額.
CREATE TABLE cap_results (
    id           INTEGER PRIMARY KEY,
    client_id    INTEGER NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
    office_id    INTEGER NOT NULL REFERENCES offices(id),
    month        TEXT NOT NULL,
    result       INTEGER NOT NULL,
    amount_yen   BIGINT NOT NULL,
    recorded_by  INTEGER REFERENCES staff(id) ON DELETE SET NULL,
    recorded_at  TEXT NOT NULL,
    UNIQUE (client_id, office_id, month)
);

-- The other offices in a cap this office manages (J411 明細).
CREATE TABLE cap_result_offices (
    id              INTEGER PRIMARY KEY,
    cap_result_id   INTEGER NOT NULL REFERENCES cap_results(id) ON DELETE CASCADE,
    office_number   TEXT NOT NULL,
    office_name     TEXT NOT NULL,
    total_cost_yen  BIGINT NOT NULL,
    charge_yen      BIGINT NOT NULL,
    decided_yen     BIGINT NOT NULL
);
CREATE INDEX cap_result_offices_result ON cap_result_offices (cap_result_id);

-- A locked month: the evidence of what was claimed. A correction is a new version with a
-- reason; the snapshot (JSON) holds every client's lines as computed when locked.
CREATE TABLE claims (
    id                 INTEGER PRIMARY KEY,
    office_id          INTEGER NOT NULL REFERENCES offices(id),
    month              TEXT NOT NULL,
    version            INTEGER NOT NULL,
    reason             TEXT NOT NULL DEFAULT '',
    processing_month   TEXT NOT NULL,
    snapshot           TEXT NOT NULL,
    clients            INTEGER NOT NULL,
    total_units        BIGINT NOT NULL,
    total_cost_yen     BIGINT NOT NULL,
    user_charge_yen    BIGINT NOT NULL,
    claimed_yen        BIGINT NOT NULL,
    locked_by          INTEGER REFERENCES staff(id) ON DELETE SET NULL,
    locked_at          TEXT NOT NULL,
    UNIQUE (office_id, month, version)
);

-- Seed: R6 figures from domain.md §2 (sources per row). Service codes are UNCONFIRMED
-- (domain.md §7.3) and left empty until an admin enters them from the サービスコード表.
INSERT INTO claim_master (item, valid_from, units, percent, source, confirmed, note, updated_at) VALUES
 ('regional_meeting_1', '2024-04-01', 579, NULL, 'https://office-ota.info/archives/1156', TRUE, '', '2024-04-01T00:00:00Z'),
 ('regional_meeting_2', '2024-04-01', 405, NULL, 'https://office-ota.info/archives/1156', TRUE, '', '2024-04-01T00:00:00Z'),
 ('initial', '2024-04-01', 900, NULL, 'https://kaigosupport.com/2021/02/19/shuurouteichakuhoushuukijyun/', FALSE, 'R6の単位数は未確認（900単位と仮定）', '2024-04-01T00:00:00Z'),
 ('retention_record', '2024-04-01', 300, NULL, 'https://office-ota.info/archives/1272', TRUE, '', '2024-04-01T00:00:00Z'),
 ('job_coach', '2024-04-01', 120, NULL, 'https://fukusi.kabudata-dll.com/syokubatekiou-kasan', TRUE, '', '2024-04-01T00:00:00Z'),
 ('cap_management', '2024-04-01', 150, NULL, 'https://syoshikawa.com/?p=7723', TRUE, '', '2024-04-01T00:00:00Z'),
 ('no_support_system', '2024-04-01', NULL, 10, 'https://office-ota.info/archives/1283', TRUE, '', '2024-04-01T00:00:00Z'),
 ('abuse_prevention', '2024-04-01', NULL, 1, 'https://www.pref.ehime.jp/page/78309.html', TRUE, '', '2024-04-01T00:00:00Z'),
 ('no_bcp', '2024-04-01', NULL, 1, 'https://hukushi-nabana.com/category2/category9/entry50.html', TRUE, '', '2024-04-01T00:00:00Z'),
 ('info_not_published', '2024-04-01', NULL, 5, 'https://hukushi-nabana.com/category2/category9/entry53.html', TRUE, '', '2024-04-01T00:00:00Z'),
 ('service_kind', '2024-04-01', NULL, NULL, 'domain.md §7.3 (第三者の実装のみ)', FALSE, 'サービス種類コード47は未確認', '2024-04-01T00:00:00Z'),
 ('base_95', '2024-04-01', NULL, NULL, 'https://fukushisoft.co.jp/?p=6360', FALSE, 'サービスコード未設定', '2024-04-01T00:00:00Z'),
 ('base_90', '2024-04-01', NULL, NULL, 'https://fukushisoft.co.jp/?p=6360', FALSE, 'サービスコード未設定', '2024-04-01T00:00:00Z'),
 ('base_80', '2024-04-01', NULL, NULL, 'https://fukushisoft.co.jp/?p=6360', FALSE, 'サービスコード未設定', '2024-04-01T00:00:00Z'),
 ('base_70', '2024-04-01', NULL, NULL, 'https://fukushisoft.co.jp/?p=6360', FALSE, 'サービスコード未設定', '2024-04-01T00:00:00Z'),
 ('base_50', '2024-04-01', NULL, NULL, 'https://fukushisoft.co.jp/?p=6360', FALSE, 'サービスコード未設定', '2024-04-01T00:00:00Z'),
 ('base_30', '2024-04-01', NULL, NULL, 'https://fukushisoft.co.jp/?p=6360', FALSE, 'サービスコード未設定', '2024-04-01T00:00:00Z'),
 ('base_0', '2024-04-01', NULL, NULL, 'https://fukushisoft.co.jp/?p=6360', FALSE, 'サービスコード未設定', '2024-04-01T00:00:00Z');
UPDATE claim_master SET service_code = '47' WHERE item = 'service_kind';

-- 単位数単価 (domain.md §6): the 人件費割合 for 就労定着支援 is UNCONFIRMED; the 70% row is a
-- starting point an admin must check against 平成18年厚労告第539号.
INSERT INTO unit_prices (area_grade, valid_from, hundredths, source, confirmed, note, updated_at) VALUES
 ('1', '2024-04-01', 1140, 'domain.md §6（人件費割合70%の計算値）', FALSE, '人件費割合は未確認', '2024-04-01T00:00:00Z'),
 ('2', '2024-04-01', 1112, 'domain.md §6（人件費割合70%の計算値）', FALSE, '人件費割合は未確認', '2024-04-01T00:00:00Z'),
 ('3', '2024-04-01', 1105, 'domain.md §6（人件費割合70%の計算値）', FALSE, '人件費割合は未確認', '2024-04-01T00:00:00Z'),
 ('4', '2024-04-01', 1084, 'domain.md §6（人件費割合70%の計算値）', FALSE, '人件費割合は未確認', '2024-04-01T00:00:00Z'),
 ('5', '2024-04-01', 1070, 'domain.md §6（人件費割合70%の計算値）', FALSE, '人件費割合は未確認', '2024-04-01T00:00:00Z'),
 ('6', '2024-04-01', 1042, 'domain.md §6（人件費割合70%の計算値）', FALSE, '人件費割合は未確認', '2024-04-01T00:00:00Z'),
 ('7', '2024-04-01', 1021, 'domain.md §6（人件費割合70%の計算値）', FALSE, '人件費割合は未確認', '2024-04-01T00:00:00Z'),
 ('other', '2024-04-01', 1000, 'domain.md §6', TRUE, '', '2024-04-01T00:00:00Z');
