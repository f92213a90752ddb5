//! The records a claim reads, through their pages: an office's 地域区分 and 体制 settings,
//! 地域連携会議 on a client, the 上限額管理結果 of a month and the admin's claim master data.
//! Each with bad input (422, nothing stored, what was typed kept), the access checks and the
//! audit rows. Runs on both engines.
use reqwest::StatusCode;
use teichaku::clock;
use time::{Date, Duration};

use crate::helpers::{TestApp, id_from_location, spawn_app};

async fn scalar_text(app: &TestApp, sql: &'static str, id: i64) -> String {
    teichaku::on_db!(&app.state.db, pool => sqlx::query_scalar(sql).bind(id).fetch_one(pool).await)
        .expect("scalar")
}

async fn date_of(app: &TestApp, sql: &'static str, id: i64) -> Option<Date> {
    teichaku::on_db!(&app.state.db, pool => sqlx::query_scalar(sql).bind(id).fetch_one(pool).await)
        .expect("date")
}

#[tokio::test]
async fn office_claim_settings() {
    let app = spawn_app().await;
    let (office, _sato, _client) = app.office_with_client().await;
    let path = format!("/offices/{office}/claim-settings");

    let page = app.get(&format!("/offices/{office}")).await;
    assert!(page.body.contains(&format!("href=\"{path}\"")), "linked");
    let page = app.get(&path).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.body
            .contains("<option value=\"other\" selected>その他</option>")
    );
    assert!(page.body.contains("有効な体制の加算・減算はありません。"));

    // 地域区分
    let bad = app
        .submit(
            &path,
            &format!("{path}/area-grade"),
            &[("area_grade", "8"), ("grade_from", "2024-04-01")],
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.body.contains("一覧から選んでください。"));
    let ok = app
        .submit(
            &path,
            &format!("{path}/area-grade"),
            &[("area_grade", "3"), ("grade_from", "2024-04-01")],
        )
        .await;
    assert_eq!(ok.status, StatusCode::SEE_OTHER, "{}", ok.body);
    assert_eq!(ok.location(), format!("{path}?n=saved"));
    let grade = scalar_text(&app, "SELECT area_grade FROM offices WHERE id = $1", office).await;
    assert_eq!(grade, "3");
    assert_eq!(app.audit_rows("office.area_grade").await.len(), 1);
    assert!(
        app.get(&path)
            .await
            .body
            .contains("<option value=\"3\" selected>3級地</option>")
    );

    // 体制: unknown item, impossible date, end before start.
    let bad = app
        .submit(
            &path,
            &path,
            &[
                ("setting_item", "bogus"),
                ("valid_from", "2026-02-30"),
                ("valid_to", ""),
                ("setting_note", "届出済み"),
            ],
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        bad.body.contains("項目: 一覧から選んでください。"),
        "{}",
        bad.body
    );
    assert!(bad.body.contains("開始日: "), "date message");
    assert!(bad.body.contains("value=\"届出済み\""), "input kept");
    assert!(bad.body.contains("value=\"2026-02-30\""), "input kept");
    let bad = app
        .submit(
            &path,
            &path,
            &[
                ("setting_item", "initial"),
                ("valid_from", "2026-04-01"),
                ("valid_to", "2026-03-31"),
            ],
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        bad.body.contains("項目: 一覧から選んでください。"),
        "初期加算 is not filed"
    );
    assert!(
        bad.body
            .contains("終了日: 終了日は開始日より後にしてください。")
    );
    assert_eq!(app.count("office_claim_settings").await, 0);

    let ok = app
        .submit(
            &path,
            &path,
            &[
                ("setting_item", "job_coach"),
                ("valid_from", "2026-04-01"),
                ("setting_note", "届出済み"),
            ],
        )
        .await;
    assert_eq!(ok.status, StatusCode::SEE_OTHER, "{}", ok.body);
    assert_eq!(app.count("office_claim_settings").await, 1);
    let sid: i64 = teichaku::on_db!(&app.state.db, pool => sqlx::query_scalar(
        "SELECT id FROM office_claim_settings WHERE office_id = $1").bind(office).fetch_one(pool).await)
    .expect("setting id");
    let audit = app.audit_rows("claim_setting.create").await;
    assert_eq!(audit.len(), 1);
    assert_eq!(audit[0].1, sid.to_string());
    let page = app.get(&path).await;
    assert!(
        page.body
            .contains("職場適応援助者養成研修修了者配置体制加算")
    );
    assert!(page.body.contains(&format!("id=\"setting-{sid}\"")));

    // Ending it: not before it started; then it moves to the ended list.
    let end = format!("{path}/{sid}/end");
    let bad = app.submit(&path, &end, &[("end_on", "2026-03-31")]).await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.body.contains("value=\"2026-03-31\""), "input kept");
    assert!(bad.body.contains("終了日は開始日より後にしてください。"));
    let ok = app.submit(&path, &end, &[("end_on", "2026-04-30")]).await;
    assert_eq!(ok.status, StatusCode::SEE_OTHER, "{}", ok.body);
    let to = date_of(
        &app,
        "SELECT valid_to FROM office_claim_settings WHERE id = $1",
        sid,
    )
    .await;
    assert_eq!(to.map(|d| d.to_string()), Some("2026-04-30".into()));
    assert_eq!(app.audit_rows("claim_setting.end").await.len(), 1);
    assert!(app.get(&path).await.body.contains("id=\"ended\""));
    let missing = app
        .submit(
            &path,
            &format!("{path}/999999/end"),
            &[("end_on", "2026-04-30")],
        )
        .await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);

    // A manager of the office may; a supporter may not; a missing office is 404.
    app.create_staff("kimura", office, "manager").await;
    let kimura = app.signed_in_as("kimura").await;
    assert_eq!(kimura.get(&path).await.status, StatusCode::OK);
    let sato = app.signed_in_as("sato").await;
    assert_eq!(sato.get(&path).await.status, StatusCode::FORBIDDEN);
    let sato_token = sato.csrf("/account/password").await;
    let post = sato
        .post_form(
            &format!("{path}/area-grade"),
            &[
                ("_csrf", &sato_token),
                ("area_grade", "1"),
                ("grade_from", "2025-04-01"),
            ],
        )
        .await;
    assert_eq!(post.status, StatusCode::FORBIDDEN);
    let grade = scalar_text(&app, "SELECT area_grade FROM offices WHERE id = $1", office).await;
    assert_eq!(grade, "3");
    assert_eq!(
        app.get("/offices/999999/claim-settings").await.status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn regional_meetings_on_a_client() {
    let app = spawn_app().await;
    let (office, _sato, client) = app.office_with_client().await;
    let path = format!("/clients/{client}/meetings");
    assert!(
        app.get(&format!("/clients/{client}"))
            .await
            .body
            .contains(&format!("href=\"{path}\""))
    );
    let views = app.audit_rows("client.view").await.len();
    let page = app.get(&path).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("地域連携会議の記録はまだありません。"));
    assert_eq!(
        app.audit_rows("client.view").await.len(),
        views + 1,
        "reading is audited"
    );

    let tomorrow = (clock::today() + Duration::days(1)).to_string();
    let long = "あ".repeat(2001);
    let bad = app
        .submit(
            &path,
            &path,
            &[
                ("held_on", tomorrow.as_str()),
                ("meeting_kind", "3"),
                ("agencies", ""),
                ("summary", long.as_str()),
            ],
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    for m in [
        "開催日: 今日より後の日付は入力できません。",
        "区分: 一覧から選んでください。",
        "参加した関係機関: 入力してください。",
        "内容: ",
    ] {
        assert!(bad.body.contains(m), "missing {m}");
    }
    assert!(
        bad.body.contains(&format!("value=\"{tomorrow}\"")),
        "input kept"
    );
    let bad = app
        .submit(
            &path,
            &path,
            &[
                ("held_on", "2026-13-01"),
                ("meeting_kind", "1"),
                ("agencies", "ハローワーク"),
            ],
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.body.contains("value=\"ハローワーク\""), "input kept");
    assert!(
        bad.body
            .contains("id=\"meeting_kind-1\" name=\"meeting_kind\" value=\"1\" checked")
    );
    assert_eq!(app.count("regional_meetings").await, 0);

    let today = clock::today().to_string();
    let ok = app
        .submit(
            &path,
            &path,
            &[
                ("held_on", today.as_str()),
                ("meeting_kind", "1"),
                ("agencies", "ハローワーク、主治医"),
                ("summary", "職場での配慮を確認"),
            ],
        )
        .await;
    assert_eq!(ok.status, StatusCode::SEE_OTHER, "{}", ok.body);
    assert_eq!(ok.location(), format!("{path}?n=created"));
    let audit = app.audit_rows("meeting.create").await;
    assert_eq!(audit.len(), 1);
    let stored: (i64, String) = teichaku::on_db!(&app.state.db, pool => sqlx::query_as(
        "SELECT office_id, kind FROM regional_meetings WHERE client_id = $1").bind(client).fetch_one(pool).await)
    .expect("meeting");
    assert_eq!(stored, (office, "1".to_string()));
    let page = app.get(&path).await;
    assert!(page.body.contains("ハローワーク、主治医"));
    assert!(page.body.contains("（Ⅰ）サービス管理責任者が出席"));

    // The supporter of the office may record; staff of another office may not see them.
    let sato = app.signed_in_as("sato").await;
    let ok = sato
        .submit(
            &path,
            &path,
            &[
                ("held_on", today.as_str()),
                ("meeting_kind", "2"),
                ("agencies", "主治医"),
            ],
        )
        .await;
    assert_eq!(ok.status, StatusCode::SEE_OTHER, "{}", ok.body);
    assert_eq!(app.count("regional_meetings").await, 2);
    let other = app.create_office("船橋").await;
    app.create_staff("suzuki", other, "supporter").await;
    let suzuki = app.signed_in_as("suzuki").await;
    assert_eq!(suzuki.get(&path).await.status, StatusCode::FORBIDDEN);
    assert_eq!(
        app.get("/clients/999999/meetings").await.status,
        StatusCode::NOT_FOUND
    );
}

/// Registers a certificate valid for FY2026 with `cap_manager` as 上限額管理事業所.
async fn certificate(app: &TestApp, client: i64, cap_manager: &str) {
    let page = app
        .submit(
            &format!("/clients/{client}/certificates/new"),
            &format!("/clients/{client}/certificates"),
            &[
                ("certificate_number", "0123456789"),
                ("municipality_code", "122044"),
                ("municipality_name", "船橋市"),
                ("income_category", "general1"),
                ("monthly_cap_yen", "9300"),
                ("cap_manager_office", cap_manager),
                ("period_start", "2026-04-01"),
                ("period_end", "2027-03-31"),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
}

#[tokio::test]
async fn cap_results_for_a_month() {
    let app = spawn_app().await;
    app.signed_in_admin().await;
    let created = app
        .submit(
            "/offices/new",
            "/offices",
            &[
                ("name", "西船橋"),
                ("office_number", "1212345678"),
                ("prefecture", "千葉県"),
                ("address", "船橋市西船4-0-0"),
                ("phone", "047-000-0000"),
            ],
        )
        .await;
    assert_eq!(created.status, StatusCode::SEE_OTHER, "{}", created.body);
    let office = id_from_location(&created.location(), "/offices/");
    let sato = app.create_staff("sato", office, "supporter").await;
    let client = app
        .register_client(office, "山田 花子", "やまだ はなこ", sato)
        .await;
    certificate(&app, client, "1212345678").await;

    let path = format!("/offices/{office}/claims/cap/{client}?month=2026-10");
    let page = app.get(&path).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("この事業所が上限額管理事業所です。"));
    assert!(
        page.body.contains("id=\"others\""),
        "the other offices' rows"
    );

    // Out of range, a partly filled row, a bad office number.
    let bad = app
        .submit(
            &path,
            &path,
            &[
                ("cap_result", "3"),
                ("amount_yen", "37201"),
                ("o1_number", "123"),
                ("o1_name", "就労移行あおば"),
                ("o1_total", "150000"),
                ("o1_charge", "9300"),
                ("o1_decided", "5300"),
                ("o2_total", "1000"),
            ],
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    for m in [
        "この事業所の決定利用者負担額（円）: 入力できる範囲を超えています。",
        "他事業所1 事業所番号: 10桁の数字で入力してください。",
        "他事業所2 事業所番号: 入力してください。",
        "他事業所2 事業所名: 入力してください。",
        "他事業所2 利用者負担額: 入力してください。",
    ] {
        assert!(bad.body.contains(m), "missing {m}: {}", bad.body);
    }
    assert!(
        !bad.body.contains("他事業所2 総費用額: "),
        "the typed field is fine"
    );
    assert!(bad.body.contains("value=\"就労移行あおば\""), "input kept");
    assert!(bad.body.contains("value=\"37201\""), "input kept");
    let bad = app
        .submit(&path, &path, &[("cap_result", "3"), ("amount_yen", "")])
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        bad.body
            .contains("この事業所の決定利用者負担額（円）: 入力してください。")
    );
    assert_eq!(app.count("cap_results").await, 0);

    let ok = app
        .submit(
            &path,
            &path,
            &[
                ("cap_result", "3"),
                ("amount_yen", "4,000"),
                ("o1_number", "1312345678"),
                ("o1_name", "就労移行あおば"),
                ("o1_total", "150000"),
                ("o1_charge", "9300"),
                ("o1_decided", "5300"),
            ],
        )
        .await;
    assert_eq!(ok.status, StatusCode::SEE_OTHER, "{}", ok.body);
    assert_eq!(
        ok.location(),
        format!("/offices/{office}/claims?month=2026-10")
    );
    let stored: (i64, i64, String) = teichaku::on_db!(&app.state.db, pool => sqlx::query_as(
        "SELECT result, amount_yen, month FROM cap_results WHERE client_id = $1").bind(client).fetch_one(pool).await)
    .expect("cap result");
    assert_eq!(stored, (3, 4000, "2026-10".to_string()));
    let row: (String, String, i64, i64, i64) = teichaku::on_db!(&app.state.db, pool => sqlx::query_as(
        "SELECT office_number, office_name, total_cost_yen, charge_yen, decided_yen FROM cap_result_offices"
    ).fetch_one(pool).await)
    .expect("other office");
    assert_eq!(
        row,
        (
            "1312345678".into(),
            "就労移行あおば".into(),
            150_000,
            9_300,
            5_300
        )
    );
    assert_eq!(app.audit_rows("cap_result.save").await.len(), 1);
    // Shown again on the form; saving again replaces it.
    assert!(app.get(&path).await.body.contains("value=\"1312345678\""));
    let ok = app.submit(&path, &path, &[("cap_result", "2")]).await;
    assert_eq!(ok.status, StatusCode::SEE_OTHER, "{}", ok.body);
    assert_eq!(app.count("cap_results").await, 1);
    assert_eq!(app.count("cap_result_offices").await, 0);

    // Access: a supporter 403; another office's client 404; a bad month 400.
    let browser = app.signed_in_as("sato").await;
    assert_eq!(browser.get(&path).await.status, StatusCode::FORBIDDEN);
    let other = app.create_office("船橋").await;
    assert_eq!(
        app.get(&format!(
            "/offices/{other}/claims/cap/{client}?month=2026-10"
        ))
        .await
        .status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.get(&format!(
            "/offices/{office}/claims/cap/{client}?month=2026-13"
        ))
        .await
        .status,
        StatusCode::BAD_REQUEST
    );

    // Another office manages the cap: no rows on the form, and rows posted are ignored.
    let second = app
        .register_client(office, "佐藤 一郎", "さとう いちろう", sato)
        .await;
    certificate(&app, second, "1398765432").await;
    let path = format!("/offices/{office}/claims/cap/{second}?month=2026-10");
    let page = app.get(&path).await;
    assert!(page.body.contains("上限額管理事業所から届いた"));
    assert!(!page.body.contains("id=\"others\""));
    let ok = app
        .submit(
            &path,
            &path,
            &[("cap_result", "1"), ("amount_yen", "0"), ("o1_total", "5")],
        )
        .await;
    assert_eq!(ok.status, StatusCode::SEE_OTHER, "{}", ok.body);
    assert_eq!(app.count("cap_result_offices").await, 0);
}

#[tokio::test]
async fn claim_master_data() {
    let app = spawn_app().await;
    let (office, _sato, _client) = app.office_with_client().await;
    let path = "/admin/claim-master";
    let home = app.get("/").await;
    assert!(
        home.body.contains("href=\"/admin/claim-master\""),
        "admin menu"
    );
    let page = app.get(path).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.body
            .contains("職場適応援助者養成研修修了者配置体制加算")
    );
    assert!(
        page.body
            .contains("<span class=\"status-ng\">未確認</span>")
    );
    assert!(page.body.contains("11.40円"), "1級地 price");
    assert!(
        page.body
            .contains("href=\"https://office-ota.info/archives/1156\"")
    );

    let bad = app
        .submit(
            path,
            path,
            &[
                ("master_item", "bogus"),
                ("master_from", "2027-02-30"),
                ("master_source", "告示"),
            ],
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.body.contains("項目: 一覧から選んでください。"));
    assert!(bad.body.contains("value=\"告示\""), "input kept");
    let cases: [(&[(&str, &str)], &str); 4] = [
        (
            &[("master_item", "job_coach"), ("units", "0")],
            "単位数: 入力できる範囲を超えています。",
        ),
        (
            &[("master_item", "no_bcp"), ("percent", "100")],
            "割合（%）: 入力できる範囲を超えています。",
        ),
        (
            &[("master_item", "base_95"), ("service_code", "47")],
            "サービスコード: 6桁の数字で入力してください。",
        ),
        (
            &[
                ("master_item", "job_coach"),
                ("units", "130"),
                ("master_source", ""),
            ],
            "出典: 入力してください。",
        ),
    ];
    for (fields, message) in cases {
        let mut form = vec![("master_from", "2027-04-01"), ("master_source", "告示")];
        form.retain(|(k, _)| !fields.iter().any(|(f, _)| f == k));
        form.extend_from_slice(fields);
        let bad = app.submit(path, path, &form).await;
        assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY, "{message}");
        assert!(bad.body.contains(message), "missing {message}");
    }
    let rows = app.count("claim_master").await;

    let ok = app
        .submit(
            path,
            path,
            &[
                ("master_item", "job_coach"),
                ("master_from", "2027-04-01"),
                ("units", "130"),
                ("service_code", "471234"),
                ("master_source", "https://example.jp/r9"),
                ("master_confirmed", "on"),
            ],
        )
        .await;
    assert_eq!(ok.status, StatusCode::SEE_OTHER, "{}", ok.body);
    assert_eq!(app.count("claim_master").await, rows + 1);
    let old_to: Option<Date> = teichaku::on_db!(&app.state.db, pool => sqlx::query_scalar(
        "SELECT valid_to FROM claim_master WHERE item = 'job_coach' AND units = 120").fetch_one(pool).await)
    .expect("old row");
    assert_eq!(old_to.map(|d| d.to_string()), Some("2027-03-31".into()));
    assert_eq!(app.audit_rows("claim_master.create").await.len(), 1);

    let prices = format!("{path}/prices");
    let bad = app
        .submit(
            path,
            &prices,
            &[
                ("price_grade", "9"),
                ("price_from", "2027-04-01"),
                ("price", "abc"),
                ("price_source", "告示"),
            ],
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.body.contains("10.90 のように"));
    assert!(bad.body.contains("value=\"abc\""), "input kept");
    let ok = app
        .submit(
            path,
            &prices,
            &[
                ("price_grade", "3"),
                ("price_from", "2027-04-01"),
                ("price", "11.20"),
                ("price_source", "平成18年厚労告第539号"),
                ("price_confirmed", "on"),
            ],
        )
        .await;
    assert_eq!(ok.status, StatusCode::SEE_OTHER, "{}", ok.body);
    let new: (i64, bool) = teichaku::on_db!(&app.state.db, pool => sqlx::query_as(
        "SELECT hundredths, confirmed FROM unit_prices WHERE area_grade = '3' AND valid_from = $1")
        .bind(time::macros::date!(2027 - 04 - 01)).fetch_one(pool).await)
    .expect("new price");
    assert_eq!(new, (1120, true));
    let old_to: Option<Date> = teichaku::on_db!(&app.state.db, pool => sqlx::query_scalar(
        "SELECT valid_to FROM unit_prices WHERE area_grade = '3' AND hundredths = 1105").fetch_one(pool).await)
    .expect("old price");
    assert_eq!(old_to.map(|d| d.to_string()), Some("2027-03-31".into()));
    assert_eq!(app.audit_rows("unit_price.create").await.len(), 1);
    assert!(app.get(path).await.body.contains("11.20円"));

    // Admins only.
    app.create_staff("kimura", office, "manager").await;
    let kimura = app.signed_in_as("kimura").await;
    assert_eq!(kimura.get(path).await.status, StatusCode::FORBIDDEN);
    let token = kimura.csrf("/account/password").await;
    let post = kimura
        .post_form(&prices, &[("_csrf", &token), ("price_grade", "1")])
        .await;
    assert_eq!(post.status, StatusCode::FORBIDDEN);
    assert!(!kimura.get("/").await.body.contains("/admin/claim-master"));
}

/// The client form's 一体的運営 check box (no 初期加算), stored and shown on edit.
#[tokio::test]
async fn prior_office_run_together() {
    let app = spawn_app().await;
    app.signed_in_admin().await;
    let office = app.create_office("西船橋").await;
    let new = format!("/offices/{office}/clients/new");
    let create = format!("/offices/{office}/clients");
    let base = [
        ("client_name", "山田 花子"),
        ("kana", "やまだ はなこ"),
        ("birth_date", "1996-08-31"),
        ("disabilities", "mental"),
        ("prior_office_name", "就労移行支援事業所あさひ"),
        ("prior_office_integrated", "on"),
    ];
    let page = app.get(&new).await;
    assert!(
        page.body
            .contains("前の事業所はこの事業所と一体的に運営している（初期加算なし）")
    );

    // Without a prior service there is no office to run together with.
    let mut form = base.to_vec();
    form.push(("prior_service", "none"));
    let bad = app.submit(&new, &create, &form).await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        bad.body
            .contains("利用していた就労系サービスを選んだときだけチェックできます。")
    );
    assert!(
        bad.body
            .contains("name=\"prior_office_integrated\" value=\"on\" checked"),
        "kept"
    );

    let mut form = base.to_vec();
    form.push(("prior_service", "employment_transition"));
    let ok = app.submit(&new, &create, &form).await;
    assert_eq!(ok.status, StatusCode::SEE_OTHER, "{}", ok.body);
    let client = id_from_location(&ok.location(), "/clients/");
    let stored = |app: &TestApp| {
        let db = app.state.db.clone();
        async move {
            let v: bool = teichaku::on_db!(&db, pool => sqlx::query_scalar(
                "SELECT prior_office_integrated FROM clients WHERE id = $1").bind(client).fetch_one(pool).await)
            .expect("flag");
            v
        }
    };
    assert!(stored(&app).await);
    let edit = format!("/clients/{client}/edit");
    assert!(
        app.get(&edit)
            .await
            .body
            .contains("name=\"prior_office_integrated\" value=\"on\" checked")
    );
    let mut form: Vec<(&str, &str)> = base
        .iter()
        .copied()
        .filter(|(k, _)| *k != "prior_office_integrated")
        .collect();
    form.push(("prior_service", "employment_transition"));
    let ok = app
        .submit(&edit, &format!("/clients/{client}"), &form)
        .await;
    assert_eq!(ok.status, StatusCode::SEE_OTHER, "{}", ok.body);
    assert!(!stored(&app).await, "unchecked on edit");
}
