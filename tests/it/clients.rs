//! Client records through the forms: registration, employment, 受給者証, contract, the list
//! with its filters, and the warnings on the client page. Runs on both engines.
use reqwest::StatusCode;
use teichaku::domain::rules::period::add_months;

use crate::helpers::{TestApp, spawn_app};

/// Admin + office 西船橋 + supporter `sato` in it; returns (office id, sato's id).
async fn office_with_supporter(app: &TestApp) -> (i64, i64) {
    app.signed_in_admin().await;
    let office = app.create_office("西船橋").await;
    let sato = app.create_staff("sato", office, "supporter").await;
    (office, sato)
}

async fn register(app: &TestApp, office: i64, name: &str, kana: &str, supporter: i64) -> i64 {
    app.register_client(office, name, kana, supporter).await
}

async fn add_employment(app: &TestApp, client: i64, hire: &str) {
    let page = app
        .submit(
            &format!("/clients/{client}/employments/new"),
            &format!("/clients/{client}/employments"),
            &[
                ("employer_name", "株式会社みどり物流"),
                ("workplace_address", "船橋市本町0-0"),
                ("supervisor_name", "物流 課長"),
                ("job_title", "倉庫内軽作業"),
                ("weekly_hours", "30"),
                ("ordinary_employment", "yes"),
                ("hire_date", hire),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
}

#[tokio::test]
async fn registration_errors_are_per_field_and_keep_input() {
    let app = spawn_app().await;
    let (office, _) = office_with_supporter(&app).await;
    let page = app
        .submit(
            &format!("/offices/{office}/clients/new"),
            &format!("/offices/{office}/clients"),
            &[
                ("client_name", "山田 花子"),
                ("kana", "yamada"),
                ("birth_date", "1996-02-30"),
                ("prior_service", "employment_transition"),
                ("supporter_id", "999"),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    for m in [
        "ふりがなは、ひらがなで入力してください。",
        "日付は 2026-04-01 の形で入力してください。",
        "1つ以上選んでください。",
        "一覧から選んでください。",
    ] {
        assert!(page.body.contains(m), "missing {m}");
    }
    assert!(
        page.body.contains("value=\"山田 花子\""),
        "the name is kept"
    );
    assert_eq!(app.count("clients").await, 0);
}

#[tokio::test]
async fn a_client_with_employment_certificate_and_contract() {
    let app = spawn_app().await;
    let (office, sato) = office_with_supporter(&app).await;
    let client = register(&app, office, "山田 花子", "ヤマダ ハナコ", sato).await;
    let page = app.get(&format!("/clients/{client}")).await;
    assert!(
        page.body.contains("やまだ はなこ"),
        "katakana stored as hiragana"
    );
    assert!(page.body.contains("就労先がまだ登録されていません。"));

    // Hired 2024-08-31 (民法第143条, shared/domain.md §9 item 12): the 6 months end on
    // 2025-02-28 (no 2/31), so the window opens on 2025-03-01; the 42 months end on
    // 2028-02-29 (no 2/31 in the leap February either), its last day (domain.md §4).
    add_employment(&app, client, "2024-08-31").await;
    let page = app.get(&format!("/clients/{client}")).await;
    assert!(
        page.body.contains("2025-03-01 〜 2028-02-29"),
        "window on the timeline"
    );
    assert!(page.body.contains("<svg class=\"timeline\""));

    let bad = app
        .submit(
            &format!("/clients/{client}/certificates/new"),
            &format!("/clients/{client}/certificates"),
            &[
                ("certificate_number", "12345"),
                ("municipality_code", "1220"),
                ("municipality_name", "船橋市"),
                ("income_category", "general1"),
                ("monthly_cap_yen", "9300"),
                ("period_start", "2025-03-01"),
                ("period_end", "2025-02-01"),
            ],
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    for m in [
        "10桁の数字で入力してください。",
        "6桁の数字で入力してください。",
        "終了日は開始日より後にしてください。",
    ] {
        assert!(bad.body.contains(m), "missing {m}");
    }
    let ok = app
        .submit(
            &format!("/clients/{client}/certificates/new"),
            &format!("/clients/{client}/certificates"),
            &[
                ("certificate_number", "０１２３４５６７８９"),
                ("municipality_code", "122044"),
                ("municipality_name", "船橋市"),
                ("income_category", "general1"),
                ("monthly_cap_yen", "9,300"),
                ("period_start", "2025-03-01"),
                ("period_end", "2026-02-28"),
            ],
        )
        .await;
    assert_eq!(ok.status, StatusCode::SEE_OTHER, "{}", ok.body);

    let early = app
        .submit(
            &format!("/clients/{client}/contracts/new"),
            &format!("/clients/{client}/contracts"),
            &[
                ("contract_date", "2025-01-10"),
                ("start_date", "2025-01-15"),
            ],
        )
        .await;
    assert_eq!(early.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        early
            .body
            .contains("入社から6か月たつまでは利用を開始できません。")
    );
    let contract = app
        .submit(
            &format!("/clients/{client}/contracts/new"),
            &format!("/clients/{client}/contracts"),
            &[
                ("contract_date", "2025-02-20"),
                ("start_date", "2025-03-01"),
            ],
        )
        .await;
    assert_eq!(contract.status, StatusCode::SEE_OTHER, "{}", contract.body);
    let page = app.get(&format!("/clients/{client}")).await;
    // 3 years from 2025-03-01 end on 2028-02-29, the window's last day too.
    assert!(
        page.body.contains("<td>2025-03-01</td><td>2028-02-29</td>"),
        "contract end computed"
    );
    assert!(page.body.contains("0123456789"));
    for action in [
        "client.create",
        "employment.create",
        "certificate.create",
        "contract.create",
        "client.view",
    ] {
        assert!(!app.audit_rows(action).await.is_empty(), "{action} audited");
    }
}

#[tokio::test]
async fn certificate_warnings_and_renewal() {
    let app = spawn_app().await;
    let (office, sato) = office_with_supporter(&app).await;
    let client = register(&app, office, "鈴木 一郎", "すずき いちろう", sato).await;
    let today = teichaku::clock::today();
    add_employment(&app, client, &add_months(today, -12).to_string()).await;
    // The current period ends in 30 days: a warning.
    let start = add_months(today, -6);
    let end = today + time::Duration::days(30);
    let page = app
        .submit(
            &format!("/clients/{client}/certificates/new"),
            &format!("/clients/{client}/certificates"),
            &[
                ("certificate_number", "1111111111"),
                ("municipality_code", "122044"),
                ("municipality_name", "船橋市"),
                ("income_category", "general2"),
                ("monthly_cap_yen", "37200"),
                ("period_start", &start.to_string()),
                ("period_end", &end.to_string()),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    let page = app.get(&format!("/clients/{client}")).await;
    assert!(
        page.body.contains("支給決定期間が90日以内に終わります"),
        "certificate ending warning"
    );
    assert!(page.body.contains("今日有効な契約がありません。"));
    let cid: i64 = teichaku::on_db!(&app.state.db, pool => sqlx::query_scalar("SELECT id FROM certificates WHERE client_id = $1").bind(client).fetch_one(pool).await).unwrap();
    let renew_path = format!("/clients/{client}/certificates/{cid}/periods");
    let overlap = app
        .submit(
            &format!("{renew_path}/new"),
            &renew_path,
            &[
                ("period_start", &today.to_string()),
                ("period_end", &add_months(today, 12).to_string()),
            ],
        )
        .await;
    assert_eq!(overlap.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        overlap
            .body
            .contains("すでに登録されている期間と重なっています。")
    );
    let next = end + time::Duration::days(1);
    let renewed = app
        .submit(
            &format!("{renew_path}/new"),
            &renew_path,
            &[
                ("period_start", &next.to_string()),
                (
                    "period_end",
                    &add_months(next, 12).previous_day().unwrap().to_string(),
                ),
            ],
        )
        .await;
    assert_eq!(renewed.status, StatusCode::SEE_OTHER, "{}", renewed.body);
    let page = app.get(&format!("/clients/{client}")).await;
    assert!(
        !page.body.contains("支給決定期間が90日以内に終わります"),
        "renewal clears the warning"
    );
    assert_eq!(app.audit_rows("certificate.renew").await.len(), 1);
}

#[tokio::test]
async fn the_list_filters_by_status_supporter_and_name() {
    let app = spawn_app().await;
    let (office, sato) = office_with_supporter(&app).await;
    let tanaka = app.create_staff("tanaka", office, "supporter").await;
    let today = teichaku::clock::today();
    let a = register(&app, office, "青木 陽菜", "あおき ひな", sato).await;
    add_employment(&app, a, &add_months(today, -2).to_string()).await;
    let b = register(&app, office, "石川 蓮", "いしかわ れん", tanaka).await;
    add_employment(&app, b, &add_months(today, -12).to_string()).await;
    let c = register(&app, office, "上田 湊", "うえだ みなと", sato).await;
    add_employment(&app, c, &add_months(today, -40).to_string()).await;

    let names = |body: &str| {
        ["青木", "石川", "上田"]
            .iter()
            .filter(|n| body.contains(*n))
            .map(|n| n.to_string())
            .collect::<Vec<_>>()
    };
    let all = app.get(&format!("/offices/{office}/clients")).await;
    assert_eq!(names(&all.body), ["青木", "石川", "上田"]);
    for (status, expected) in [
        ("before_start", "青木"),
        ("active", "石川"),
        ("ending_soon", "上田"),
    ] {
        let page = app
            .get(&format!("/offices/{office}/clients?status={status}"))
            .await;
        assert_eq!(names(&page.body), [expected], "{status}");
    }
    let by_supporter = app
        .get(&format!("/offices/{office}/clients?supporter={tanaka}"))
        .await;
    assert_eq!(names(&by_supporter.body), ["石川"]);
    let by_kana = app
        .get(&format!(
            "/offices/{office}/clients?q={}",
            "%E3%81%86%E3%81%88%E3%81%A0"
        ))
        .await; // うえだ
    assert_eq!(names(&by_kana.body), ["上田"]);
    let by_name_without_space = app
        .get(&format!(
            "/offices/{office}/clients?q={}",
            "%E9%9D%92%E6%9C%A8%E9%99%BD"
        ))
        .await; // 青木陽
    assert_eq!(names(&by_name_without_space.body), ["青木"]);
    let wildcard = app.get(&format!("/offices/{office}/clients?q=%25")).await;
    assert!(names(&wildcard.body).is_empty(), "% is searched literally");
}

#[tokio::test]
async fn another_office_cannot_read_or_write_a_client() {
    let app = spawn_app().await;
    let (office, sato) = office_with_supporter(&app).await;
    let client = register(&app, office, "山田 花子", "やまだ はなこ", sato).await;
    let other = app.create_office("青森").await;
    app.create_staff("aomori", other, "supporter").await;
    let s = app.signed_in_as("aomori").await;
    for path in [
        format!("/clients/{client}"),
        format!("/clients/{client}/edit"),
        format!("/clients/{client}/employments/new"),
        format!("/offices/{office}/clients"),
    ] {
        assert_eq!(s.get(&path).await.status, StatusCode::FORBIDDEN, "{path}");
    }
    let post = s
        .submit(
            "/",
            &format!("/clients/{client}/employments"),
            &[("employer_name", "x"), ("hire_date", "2025-01-01")],
        )
        .await;
    assert_eq!(post.status, StatusCode::FORBIDDEN);
    assert_eq!(app.count("employments").await, 0);
    let views = app.audit_rows("client.view").await;
    assert!(
        views.iter().all(|(actor, _, _)| actor != "aomori"),
        "refused reads are not views"
    );
}
