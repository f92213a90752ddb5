//! Monthly claims on both engines: one office and October 2026 with every case (claimable
//! with a 地域連携会議, no face-to-face contact, report not shared, the cap managed by another
//! office, cap 0, 支援体制構築未実施減算, 初期加算), the totals, locking and corrections, the
//! exports (CSV with BOM, invoices, the 国保連 file), the 就労定着率 page and its filing, and
//! who may see any of it.
use reqwest::StatusCode;
use teichaku::on_db;
use time::{Date, OffsetDateTime, macros::date, macros::datetime};

use crate::helpers::{TestApp, spawn_app};

pub const MONTH: &str = "2026-10";

/// What one test client has in October 2026.
struct Case {
    name: &'static str,
    kana: &'static str,
    hire: Date,
    contract_start: Date,
    municipality: (&'static str, &'static str),
    cap: i64,
    cap_manager: &'static str,
    /// The contact mode in October, if any.
    contact: Option<&'static str>,
    report_shared: bool,
}

fn cases() -> Vec<Case> {
    let funabashi = ("122044", "船橋市");
    let ichikawa = ("122036", "市川市");
    let base = Case {
        name: "",
        kana: "",
        hire: date!(2025 - 01 - 10),
        contract_start: date!(2025 - 07 - 10),
        municipality: funabashi,
        cap: 9_300,
        cap_manager: "",
        contact: Some("face_to_face"),
        report_shared: true,
    };
    vec![
        Case {
            name: "青木 一郎",
            kana: "あおき いちろう",
            ..base
        },
        Case {
            name: "井上 二郎",
            kana: "いのうえ じろう",
            contact: Some("phone"),
            ..base
        },
        Case {
            name: "上田 三郎",
            kana: "うえだ さぶろう",
            report_shared: false,
            ..base
        },
        Case {
            name: "江藤 四郎",
            kana: "えとう しろう",
            municipality: ichikawa,
            cap_manager: "1299999999",
            ..base
        },
        Case {
            name: "小川 五郎",
            kana: "おがわ ごろう",
            municipality: ichikawa,
            cap: 0,
            ..base
        },
        Case {
            name: "加藤 六郎",
            kana: "かとう ろくろう",
            // Service ends 2026-11-30; the hand-over line was 2026-08-30.
            hire: date!(2023 - 06 - 01),
            contract_start: date!(2023 - 12 - 01),
            ..base
        },
        Case {
            name: "木村 七子",
            kana: "きむら ななこ",
            // First month of service: 初期加算.
            hire: date!(2026 - 03 - 01),
            contract_start: date!(2026 - 10 - 01),
            ..base
        },
    ]
}

pub async fn exec(app: &TestApp, sql: &'static str, binds: impl FnOnce(Binder) -> Binder) {
    let b = binds(Binder::default());
    on_db!(&app.state.db, pool => {
        let mut q = sqlx::query(sql);
        for v in &b.0 {
            q = match v {
                Value::I(i) => q.bind(*i),
                Value::S(s) => q.bind(s.clone()),
                Value::D(d) => q.bind(*d),
                Value::T(t) => q.bind(*t),
                Value::B(x) => q.bind(*x),
            };
        }
        q.execute(pool).await.map(|r| r.rows_affected())
    })
    .expect(sql);
}

pub enum Value {
    I(i64),
    S(String),
    D(Date),
    T(OffsetDateTime),
    B(bool),
}

#[derive(Default)]
pub struct Binder(Vec<Value>);

impl Binder {
    pub fn i(mut self, v: i64) -> Self {
        self.0.push(Value::I(v));
        self
    }
    pub fn s(mut self, v: &str) -> Self {
        self.0.push(Value::S(v.to_string()));
        self
    }
    pub fn d(mut self, v: Date) -> Self {
        self.0.push(Value::D(v));
        self
    }
    pub fn t(mut self, v: OffsetDateTime) -> Self {
        self.0.push(Value::T(v));
        self
    }
    pub fn b(mut self, v: bool) -> Self {
        self.0.push(Value::B(v));
        self
    }
}

pub const NOW: OffsetDateTime = datetime!(2026-11-02 09:00 UTC);

/// The records of one client for the cases above.
async fn give(app: &TestApp, office: i64, sato: i64, client: i64, c: &Case, n: usize) {
    exec(app,
        "INSERT INTO employments (client_id, employer_name, workplace_address, supervisor_name, supervisor_contact,
                                  job_title, weekly_minutes, ordinary_employment, hire_date, created_at, updated_at)
         VALUES ($1, '株式会社みどり物流', '船橋市', '', '', '軽作業', 1800, $2, $3, $4, $4)",
        |b| b.i(client).b(true).d(c.hire).t(NOW)).await;
    let cert_number = format!("{:010}", 1_000_000_000 + n);
    exec(app,
        "INSERT INTO certificates (client_id, number, municipality_code, municipality_name, income_category,
                                   monthly_cap_yen, cap_manager_office, created_at, updated_at)
         VALUES ($1, $2, $3, $4, 'general1', $5, $6, $7, $7)",
        |b| b.i(client).s(&cert_number).s(c.municipality.0).s(c.municipality.1).i(c.cap).s(c.cap_manager).t(NOW)).await;
    exec(
        app,
        "INSERT INTO certificate_periods (certificate_id, start_date, end_date, created_at)
         SELECT id, $2, $3, $4 FROM certificates WHERE client_id = $1",
        |b| {
            b.i(client)
                .d(c.contract_start)
                .d(date!(2027 - 03 - 31))
                .t(NOW)
        },
    )
    .await;
    exec(app,
        "INSERT INTO contracts (client_id, office_id, contract_date, start_date, end_date, created_at)
         VALUES ($1, $2, $3, $3, $4, $5)",
        |b| b.i(client).i(office).d(c.contract_start).d(date!(2028 - 12 - 31)).t(NOW)).await;
    if let Some(mode) = c.contact {
        exec(app,
            "INSERT INTO contacts (client_id, office_id, staff_id, occurred_at, mode, participants, created_at, updated_at)
             VALUES ($1, $2, $3, $4, $5, 'client', $4, $4)",
            |b| b.i(client).i(office).i(sato).t(datetime!(2026-10-15 01:00 UTC)).s(mode)).await;
    }
    exec(app,
        "INSERT INTO support_reports (client_id, month, version, status, body, finalised_at, created_at, updated_at)
         VALUES ($1, $2, 1, 'final', '今月の報告', $3, $3, $3)",
        |b| b.i(client).s(MONTH).t(NOW)).await;
    if c.report_shared {
        exec(app,
            "INSERT INTO report_shares (report_id, recipient_kind, recipient_name, shared_on, method, created_at)
             SELECT id, 'client', '本人', $2, 'in_person', $3 FROM support_reports WHERE client_id = $1",
            |b| b.i(client).d(date!(2026 - 10 - 31)).t(NOW)).await;
    }
}

/// The admin signed in; office 西船橋 (3級地, number 1212345678) with the seven cases;
/// returns (office, client ids in the order of [`cases`]).
pub async fn office_month(app: &TestApp) -> (i64, Vec<i64>) {
    let (office, sato, first) = app.office_with_client().await;
    exec(
        app,
        "UPDATE offices SET office_number = '1212345678', area_grade = '3' WHERE id = $1",
        |b| b.i(office),
    )
    .await;
    let mut ids = vec![first];
    exec(
        app,
        "UPDATE clients SET name = $1, kana = $2 WHERE id = $3",
        |b| b.s(cases()[0].name).s(cases()[0].kana).i(first),
    )
    .await;
    for c in cases().iter().skip(1) {
        ids.push(app.register_client(office, c.name, c.kana, sato).await);
    }
    for (n, (c, id)) in cases().iter().zip(&ids).enumerate() {
        give(app, office, sato, *id, c, n).await;
    }
    // 青木: a 地域連携会議 attended by the サービス管理責任者.
    exec(
        app,
        "INSERT INTO regional_meetings (client_id, office_id, held_on, kind, agencies, created_at)
         VALUES ($1, $2, $3, '1', 'ハローワーク船橋', $4)",
        |b| b.i(ids[0]).i(office).d(date!(2026 - 10 - 20)).t(NOW),
    )
    .await;
    (office, ids)
}

pub fn row(body: &str, client: i64) -> String {
    let marker = format!("id=\"claim-client-{client}\"");
    let at = body
        .find(&marker)
        .unwrap_or_else(|| panic!("no row for {client}"));
    let end = body[at..].find("</tr>").map_or(body.len(), |e| at + e);
    body[at..end].to_string()
}

/// The numbers of a row's numeric cells, in order: units, cost, user, (cap), claimed.
pub fn numbers(row: &str) -> Vec<u64> {
    row.split("<td class=\"num\">")
        .skip(1)
        .map(|cell| {
            let digits: String = cell
                .chars()
                .take_while(|c| *c != '<')
                .filter(char::is_ascii_digit)
                .collect();
            digits.parse().unwrap_or(u64::MAX)
        })
        .collect()
}

/// Service codes are UNCONFIRMED master data (domain.md §7.3); the test gives each item a
/// made-up 47xxxx code, as an admin would enter the real ones.
async fn set_service_codes(app: &TestApp) {
    let ids: Vec<i64> = on_db!(&app.state.db, pool => sqlx::query_scalar(
        "SELECT id FROM claim_master WHERE item <> 'service_kind'").fetch_all(pool).await)
    .expect("ids");
    for id in ids {
        let code = format!("47{:04}", id);
        exec(
            app,
            "UPDATE claim_master SET service_code = $1 WHERE id = $2",
            |b| b.s(&code).i(id),
        )
        .await;
    }
}

#[tokio::test]
async fn a_month_with_every_case() {
    let app = spawn_app().await;
    let (office, ids) = office_month(&app).await;
    let page = app
        .get(&format!("/offices/{office}/claims?month={MONTH}"))
        .await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    let body = &page.body;
    // 6 of the 7 had a contract in FY2023–2025 and all worked on 2026-03-31: 95% or more.
    assert!(body.contains("100.0%（6 / 6）"), "rate shown");
    assert!(body.contains("9割5分以上"));
    assert!(body.contains("11.05円"), "3級地 price");
    assert!(body.contains("人件費割合") || body.contains("マスタは出典で確認されていません"));

    // (units, cost, user, claimed): 3級地 11.05円 (unconfirmed master seed, domain.md §6).
    // 青木: 3512 + 579 = 4091 × 11.05 = 45,205.55 → 45,205; 1割 4,520.
    let r = row(body, ids[0]);
    assert!(r.contains("地域連携会議実施加算（Ⅰ） 579"), "{r}");
    assert_eq!(numbers(&r)[..3], [4091, 45_205, 4_520], "{r}");
    assert_eq!(numbers(&r).last(), Some(&40_685));
    // 井上: a phone call only.
    let r = row(body, ids[1]);
    assert!(
        r.contains("対面での支援がありません") && r.contains("class=\"ng\""),
        "{r}"
    );
    assert_eq!(numbers(&r)[..3], [0, 0, 0]);
    // 上田: the report was not shared.
    assert!(row(body, ids[2]).contains("本人に共有されていません"));
    // 江藤: another office manages the cap and its result is not in yet.
    let r = row(body, ids[3]);
    assert!(r.contains("上限額管理結果票が未入力です"), "{r}");
    assert!(r.contains(&format!("/offices/{office}/claims/cap/{}", ids[3])));
    // 小川: cap 0 → pays nothing; 3512 × 11.05 = 38,807.6 → 38,807.
    let r = row(body, ids[4]);
    assert_eq!(numbers(&r)[..3], [3512, 38_807, 0], "{r}");
    assert_eq!(numbers(&r).last(), Some(&38_807));
    // 加藤: −10% → 3161 × 11.05 = 34,929.05 → 34,929; 1割 3,492.
    let r = row(body, ids[5]);
    assert!(r.contains("支援体制構築未実施減算 -351"), "{r}");
    assert_eq!(numbers(&r)[..3], [3161, 34_929, 3_492], "{r}");
    // 木村: 初期加算 900 in the first month: 4412 × 11.05 = 48,752.6 → 48,752; 1割 4,875.
    let r = row(body, ids[6]);
    assert!(r.contains("初期加算 900"), "{r}");
    assert_eq!(numbers(&r)[..3], [4412, 48_752, 4_875], "{r}");

    // Totals: 5 claimable; 船橋市 has 青木, 加藤, 木村; 市川市 江藤 and 小川.
    let total_row = &body[body.find("id=\"claim-office-total\"").expect("total")..];
    let total_row = &total_row[..total_row.find("</tr>").expect("end")];
    let units = 4091 + 3512 + 3512 + 3161 + 4412;
    let cost = 45_205 + 38_807 + 38_807 + 34_929 + 48_752;
    // 小川 (cap 0) pays nothing.
    let user = 4_520 + 3_880 + 3_492 + 4_875;
    assert_eq!(numbers(total_row), [5, units, cost, user, cost - user]);

    // The file check lists the missing service codes; the lock refuses the missing cap result.
    assert!(body.contains("id=\"file-problems\""));
    let problems = &body[body.find("id=\"file-problems\"").expect("box")..];
    let problems = &problems[..problems.find("</div>").expect("end")];
    assert!(
        problems.contains("<a href=\"/admin/claim-master\">"),
        "each check links to its fix: {problems}"
    );
    let lock = app
        .submit(
            &format!("/offices/{office}/claims?month={MONTH}"),
            &format!("/offices/{office}/claims/lock"),
            &[("month", MONTH), ("version", "0"), ("claim_reason", "")],
        )
        .await;
    assert_eq!(lock.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(lock.body.contains("上限額管理結果が未入力か"));

    // The 結果票 arrives: result 3, this office charges 1,000 yen.
    exec(&app,
        "INSERT INTO cap_results (client_id, office_id, month, result, amount_yen, recorded_at) VALUES ($1, $2, $3, 3, 1000, $4)",
        |b| b.i(ids[3]).i(office).s(MONTH).t(NOW)).await;
    set_service_codes(&app).await;
    let page = app
        .get(&format!("/offices/{office}/claims?month={MONTH}"))
        .await;
    let r = row(&page.body, ids[3]);
    assert_eq!(numbers(&r)[..3], [3512, 38_807, 1_000], "{r}");
    assert_eq!(numbers(&r).last(), Some(&37_807));
    assert!(
        !page.body.contains("id=\"file-problems\""),
        "{}",
        &page.body[page.body.find("file-problems").unwrap_or(0)..][..2000.min(page.body.len())]
    );

    // Lock version 1.
    let lock = app
        .submit(
            &format!("/offices/{office}/claims?month={MONTH}"),
            &format!("/offices/{office}/claims/lock"),
            &[
                ("month", MONTH),
                ("version", "0"),
                ("claim_reason", ""),
                ("confirm", "yes"),
            ],
        )
        .await;
    assert_eq!(lock.status, StatusCode::SEE_OTHER, "{}", lock.body);
    assert_eq!(app.count("claims").await, 1);
    assert_eq!(app.audit_rows("claims.lock").await.len(), 1);
    let page = app
        .get(&format!("/offices/{office}/claims?month={MONTH}"))
        .await;
    assert!(page.body.contains("最新の確定版と同じ内容です"));

    // A file with clients' names says why it is made (issue 16): without a purpose the
    // manager is sent back to choose one, and the purpose is in the audit row.
    let why = app
        .get(&format!("/offices/{office}/claims/{MONTH}/1/claim.csv"))
        .await;
    assert_eq!(why.status, StatusCode::SEE_OTHER);
    assert!(
        why.location().contains("n=export_purpose"),
        "{}",
        why.location()
    );
    assert!(app.audit_rows("claims.export_csv").await.is_empty());
    let back = app.get(&why.location()).await;
    assert!(back.body.contains("用途を選んでから出力してください"));
    assert!(back.body.contains("name=\"purpose\""));

    // The CSV for the books: BOM, CRLF, a header, 7 clients and the total.
    let csv = app
        .client
        .get(app.url(&format!(
            "/offices/{office}/claims/{MONTH}/1/claim.csv?purpose=claim"
        )))
        .send()
        .await
        .expect("csv");
    assert_eq!(csv.status(), StatusCode::OK);
    assert!(
        csv.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/csv")
    );
    let bytes = csv.bytes().await.expect("bytes");
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "BOM");
    let text = String::from_utf8(bytes[3..].to_vec()).expect("utf-8");
    let lines: Vec<&str> = text.split("\r\n").filter(|l| !l.is_empty()).collect();
    assert_eq!(lines.len(), 1 + 7 + 1);
    assert!(!text.replace("\r\n", "").contains('\n'));
    assert!(lines[0].starts_with("市町村番号,市町村名,受給者証番号,氏名"));
    assert!(
        lines
            .iter()
            .any(|l| l.contains("井上 二郎") && l.contains("対面での支援がありません"))
    );
    assert!(lines.last().unwrap().contains(&cost.to_string()));
    let detail: String = teichaku::on_db!(&app.state.db, pool => sqlx::query_scalar(
        "SELECT detail FROM audit_log WHERE action = 'claims.export_csv'")
        .fetch_one(pool).await)
    .expect("audit");
    assert!(detail.contains("purpose=claim"), "{detail}");

    // Invoices: one sheet per claimable client with the charge.
    let inv = app
        .get(&format!(
            "/offices/{office}/claims/{MONTH}/1/invoices?purpose=clients"
        ))
        .await;
    assert_eq!(inv.status, StatusCode::OK);
    assert_eq!(inv.body.matches("class=\"sheet\"").count(), 5);
    assert!(inv.body.contains("4,520円") && inv.body.contains("領収書"));
    // The issuer (法人名, address) and the month as written on paper (issue 12, item 5).
    for text in ["テスト法人", "千葉県船橋市西船4-0-0", "2026年10月"] {
        assert!(inv.body.contains(text), "invoices have {text:?}");
    }
    assert!(!inv.body.contains("井上 二郎"));

    // The 国保連 file: Shift_JIS, CRLF, one J121 set per claimable client.
    let file = app
        .client
        .get(app.url(&format!(
            "/offices/{office}/claims/{MONTH}/1/kokuho?purpose=claim"
        )))
        .send()
        .await
        .expect("file");
    assert_eq!(file.status(), StatusCode::OK);
    let disposition = file.headers()["content-disposition"]
        .to_str()
        .unwrap()
        .to_string();
    assert!(disposition.contains(".CSV"), "{disposition}");
    let bytes = file.bytes().await.expect("bytes");
    let text: String = bytes.iter().map(|b| char::from(*b)).collect();
    assert!(text.starts_with("1,1,0,"), "{text}");
    assert!(text.contains(",J11,0,1212345678,0,1,"));
    let records: Vec<&str> = text.split("\r\n").filter(|l| !l.is_empty()).collect();
    assert!(records.iter().all(|r| !r.contains('\n')));
    assert_eq!(
        records.iter().filter(|r| r.contains(",J121,01,")).count(),
        5,
        "{text}"
    );
    assert_eq!(
        records.iter().filter(|r| r.contains(",J111,01,")).count(),
        2
    );
    assert!(records.last().unwrap().starts_with("3,"));

    // The records change (井上 is met in person): a correction needs a reason and a new version.
    exec(&app,
        "INSERT INTO contacts (client_id, office_id, occurred_at, mode, participants, created_at, updated_at)
         VALUES ($1, $2, $3, 'face_to_face', 'client', $3, $3)",
        |b| b.i(ids[1]).i(office).t(datetime!(2026-10-28 01:00 UTC))).await;
    let page = app
        .get(&format!("/offices/{office}/claims?month={MONTH}"))
        .await;
    assert!(page.body.contains("確定後に記録が変わりました"));
    let no_reason = app
        .submit(
            &format!("/offices/{office}/claims?month={MONTH}"),
            &format!("/offices/{office}/claims/lock"),
            &[("month", MONTH), ("version", "1"), ("claim_reason", " ")],
        )
        .await;
    assert_eq!(no_reason.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(no_reason.body.contains("訂正の理由を書いてください"));
    let stale = app
        .submit(
            &format!("/offices/{office}/claims?month={MONTH}"),
            &format!("/offices/{office}/claims/lock"),
            &[("month", MONTH), ("version", "0"), ("claim_reason", "返戻")],
        )
        .await;
    assert_eq!(stale.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(stale.body.contains("ほかの人がこの月の請求を確定しました"));
    let v2 = app
        .submit(
            &format!("/offices/{office}/claims?month={MONTH}"),
            &format!("/offices/{office}/claims/lock"),
            &[
                ("month", MONTH),
                ("version", "1"),
                ("claim_reason", "返戻による再請求"),
                ("confirm", "yes"),
            ],
        )
        .await;
    assert_eq!(v2.status, StatusCode::SEE_OTHER, "{}", v2.body);
    // Version 1 is kept as it was: 5 clients; version 2 has 6.
    let counts: Vec<(i64, i64, String)> = on_db!(&app.state.db, pool => sqlx::query_as(
        "SELECT version, clients, reason FROM claims WHERE office_id = $1 ORDER BY version")
        .bind(office).fetch_all(pool).await)
    .expect("versions");
    assert_eq!(
        counts,
        vec![
            (1, 5, String::new()),
            (2, 6, "返戻による再請求".to_string())
        ]
    );
    let old = app
        .get(&format!(
            "/offices/{office}/claims/{MONTH}/1/invoices?purpose=clients"
        ))
        .await;
    assert_eq!(old.body.matches("class=\"sheet\"").count(), 5);
    assert!(!app.audit_rows("claims.view").await.is_empty());
    assert_eq!(app.audit_rows("claims.export_kokuho").await.len(), 1);
}

#[tokio::test]
async fn the_file_is_refused_with_every_problem_listed() {
    let app = spawn_app().await;
    let (office, ids) = office_month(&app).await;
    // Settle 江藤's cap so that the month can be locked, but leave the service codes empty
    // and break a certificate number.
    exec(&app,
        "INSERT INTO cap_results (client_id, office_id, month, result, amount_yen, recorded_at) VALUES ($1, $2, $3, 2, 0, $4)",
        |b| b.i(ids[3]).i(office).s(MONTH).t(NOW)).await;
    exec(
        &app,
        "UPDATE certificates SET number = '12345' WHERE client_id = $1",
        |b| b.i(ids[0]),
    )
    .await;
    let lock = app
        .submit(
            &format!("/offices/{office}/claims?month={MONTH}"),
            &format!("/offices/{office}/claims/lock"),
            &[
                ("month", MONTH),
                ("version", "0"),
                ("claim_reason", ""),
                ("confirm", "yes"),
            ],
        )
        .await;
    assert_eq!(lock.status, StatusCode::SEE_OTHER, "{}", lock.body);
    let file = app
        .get(&format!(
            "/offices/{office}/claims/{MONTH}/1/kokuho?purpose=claim"
        ))
        .await;
    assert_eq!(file.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(file.body.contains("受給者証番号"), "{}", file.body);
    assert!(file.body.contains("サービスコード"), "{}", file.body);
    // Each check links to the page that fixes it: the client's record, the claim master.
    let list = &file.body[file.body.find("class=\"error-summary\"").expect("list")..];
    assert!(
        list.contains(&format!("<a href=\"/clients/{}\">", ids[0])),
        "{list}"
    );
    assert!(list.contains("<a href=\"/admin/claim-master\">"), "{list}");
    assert!(app.audit_rows("claims.export_kokuho").await.is_empty());
    // Unknown versions and months are 404.
    for path in [
        format!("/offices/{office}/claims/{MONTH}/9/kokuho"),
        format!("/offices/{office}/claims/2026-13/1/claim.csv?purpose=claim"),
        format!("/offices/{office}/claims/{MONTH}/x/invoices"),
    ] {
        assert_eq!(app.get(&path).await.status, StatusCode::NOT_FOUND, "{path}");
    }
}

#[tokio::test]
async fn the_retention_rate_and_its_filing() {
    let app = spawn_app().await;
    let (office, ids) = office_month(&app).await;
    // 加藤 left work in February 2026 and was not re-employed: 5 of 6.
    exec(
        &app,
        "UPDATE employments SET end_date = $1 WHERE client_id = $2",
        |b| b.d(date!(2026 - 02 - 15)).i(ids[5]),
    )
    .await;
    let page = app
        .get(&format!("/offices/{office}/retention?fy=2026"))
        .await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert!(page.body.contains("83.3%（5 / 6）"), "{}", page.body);
    assert!(
        page.body
            .contains(&format!("id=\"retention-client-{}\"", ids[5]))
    );
    assert!(page.body.contains("離職"));
    // 木村 started in October 2026: not in FY2026's denominator, in FY2027's.
    assert!(
        !page
            .body
            .contains(&format!("id=\"retention-client-{}\"", ids[6]))
    );
    assert!(page.body.contains("id=\"rate-next\""));
    let claim = app
        .get(&format!("/offices/{office}/claims?month={MONTH}"))
        .await;
    assert!(
        claim.body.contains("8割以上9割未満"),
        "5/6 = 83% → 2768 units"
    );
    assert!(row(&claim.body, ids[4]).contains("基本報酬 2768"));

    // Bad filings keep what was typed.
    let bad = app
        .submit(
            &format!("/offices/{office}/retention?fy=2026"),
            &format!("/offices/{office}/retention"),
            &[
                ("fy", "2026"),
                ("retained", "7"),
                ("served", "6"),
                ("note", ""),
            ],
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        bad.body
            .contains("就労定着者数は利用者数以下にしてください")
    );
    assert!(bad.body.contains("value=\"7\""));
    let bad = app
        .submit(
            &format!("/offices/{office}/retention?fy=2026"),
            &format!("/offices/{office}/retention"),
            &[
                ("fy", "2026"),
                ("retained", "a"),
                ("served", "0"),
                ("note", ""),
            ],
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    // Recording a filing is confirmed first: the first POST shows the figures, files nothing.
    let review = app
        .submit(
            &format!("/offices/{office}/retention?fy=2026"),
            &format!("/offices/{office}/retention"),
            &[
                ("fy", "2026"),
                ("retained", "2"),
                ("served", "10"),
                ("note", "体制届の写し"),
            ],
        )
        .await;
    assert_eq!(review.status, StatusCode::OK, "{}", review.body);
    assert!(review.body.contains("id=\"confirm-commit\""));
    assert!(review.body.contains("20.0%"), "the rate to be filed");
    assert_eq!(app.count("retention_filings").await, 0);
    // The filed rate wins: 2 of 10 is under 30%.
    let ok = app
        .submit(
            &format!("/offices/{office}/retention?fy=2026"),
            &format!("/offices/{office}/retention"),
            &[
                ("fy", "2026"),
                ("retained", "2"),
                ("served", "10"),
                ("note", "体制届の写し"),
                ("confirm", "yes"),
            ],
        )
        .await;
    assert_eq!(ok.status, StatusCode::SEE_OTHER, "{}", ok.body);
    let claim = app
        .get(&format!("/offices/{office}/claims?month={MONTH}"))
        .await;
    assert!(claim.body.contains("3割未満"));
    assert!(claim.body.contains("届出の値"));
    assert!(row(&claim.body, ids[4]).contains("基本報酬 1074"));
    assert_eq!(app.audit_rows("claims.rate_file").await.len(), 1);
}

#[tokio::test]
async fn only_the_offices_managers_see_claims() {
    let app = spawn_app().await;
    let (office, _) = office_month(&app).await;
    let other = app.create_office("市川").await;
    app.create_staff("suzuki", other, "manager").await;
    app.create_staff("tanaka", office, "manager").await;
    let sato = app.signed_in_as("sato").await;
    let suzuki = app.signed_in_as("suzuki").await;
    let tanaka = app.signed_in_as("tanaka").await;
    for path in [
        format!("/offices/{office}/claims?month={MONTH}"),
        format!("/offices/{office}/retention"),
    ] {
        assert_eq!(
            sato.get(&path).await.status,
            StatusCode::FORBIDDEN,
            "supporter {path}"
        );
        assert_eq!(
            suzuki.get(&path).await.status,
            StatusCode::FORBIDDEN,
            "other office {path}"
        );
        assert_eq!(
            tanaka.get(&path).await.status,
            StatusCode::OK,
            "manager {path}"
        );
    }
    let signed_out = app.another_browser();
    let p = signed_out
        .get(&format!("/offices/{office}/claims?month={MONTH}"))
        .await;
    assert_eq!(p.status, StatusCode::SEE_OTHER);
    // The other office's manager sees only their own (empty) office.
    let own = suzuki
        .get(&format!("/offices/{other}/claims?month={MONTH}"))
        .await;
    assert_eq!(own.status, StatusCode::OK);
    assert!(!own.body.contains("青木"));
}

/// 利用日数 for the J121 is the number of days in Japan time with a contact; a contact just
/// after midnight in Japan on the 1st belongs to the month, one just before does not.
#[tokio::test]
async fn service_days_are_counted_in_japan_time() {
    let app = spawn_app().await;
    let (office, ids) = office_month(&app).await;
    // 青木 already has 2026-10-15 10:00 JST. Add 23:30 the same day, 01:00 the next day,
    // 00:30 on 1 October and 23:30 on 30 September (September in Japan).
    for at in [
        datetime!(2026-10-15 14:30 UTC),
        datetime!(2026-10-15 16:00 UTC),
        datetime!(2026-09-30 15:30 UTC),
        datetime!(2026-09-30 14:30 UTC),
    ] {
        exec(&app,
            "INSERT INTO contacts (client_id, office_id, occurred_at, mode, participants, created_at, updated_at)
             VALUES ($1, $2, $3, 'phone', 'client', $3, $3)",
            |b| b.i(ids[0]).i(office).t(at)).await;
    }
    let claims = teichaku::claims::run_month(
        &app.state.db,
        Some(office),
        teichaku::domain::month::YearMonth::new(2026, 10).expect("month"),
    )
    .await
    .expect("claims");
    let days = |id: i64| {
        claims[0]
            .clients
            .iter()
            .find(|c| c.client_id == id)
            .map(|c| c.service_days)
    };
    // 10-15, 10-16 and 10-01.
    assert_eq!(days(ids[0]), Some(3));
    assert_eq!(days(ids[4]), Some(1));
}
