//! The month at a glance on both engines: a client turns green once the month's conditions
//! are met; the month-end list names the reasons; supporters see their own clients at home.
//! (The scenarios where the month view and the claim must agree are in `claim_eval`.)
use reqwest::StatusCode;
use teichaku::domain::rules::period::{add_months, months_from, service_window};

use crate::helpers::{TestApp, spawn_app};

/// An office with supporter `sato` and a client in their second year of service, with a
/// valid certificate and contract; returns (office, client).
async fn client_in_service(app: &TestApp) -> (i64, i64) {
    let (office, _, client) = app.office_with_client().await;
    let today = teichaku::clock::today();
    let hire = add_months(today, -12);
    let e = app
        .submit(
            &format!("/clients/{client}/employments/new"),
            &format!("/clients/{client}/employments"),
            &[
                ("employer_name", "株式会社みどり物流"),
                ("workplace_address", "船橋市"),
                ("job_title", "軽作業"),
                ("weekly_hours", "30"),
                ("ordinary_employment", "yes"),
                ("hire_date", &hire.to_string()),
            ],
        )
        .await;
    assert_eq!(e.status, StatusCode::SEE_OTHER, "{}", e.body);
    // The window's first day (民法第143条: a hire on the 29th–31st may start on the 1st).
    let start = service_window(hire, None).earliest_start;
    let c = app
        .submit(
            &format!("/clients/{client}/certificates/new"),
            &format!("/clients/{client}/certificates"),
            &[
                ("certificate_number", "0123456789"),
                ("municipality_code", "122044"),
                ("municipality_name", "船橋市"),
                ("income_category", "general1"),
                ("monthly_cap_yen", "9300"),
                ("period_start", &start.to_string()),
                ("period_end", &months_from(start, 12).last_day.to_string()),
            ],
        )
        .await;
    assert_eq!(c.status, StatusCode::SEE_OTHER, "{}", c.body);
    // A contract from the window's first day (without one the month is not claimable).
    let k = app
        .submit(
            &format!("/clients/{client}/contracts/new"),
            &format!("/clients/{client}/contracts"),
            &[
                ("contract_date", &start.to_string()),
                ("start_date", &start.to_string()),
            ],
        )
        .await;
    assert_eq!(k.status, StatusCode::SEE_OTHER, "{}", k.body);
    (office, client)
}

fn row(body: &str, client: i64) -> String {
    let marker = format!("id=\"month-client-{client}\"");
    let at = body
        .find(&marker)
        .unwrap_or_else(|| panic!("no row for {client}"));
    let start = body[..at].rfind("<tr").unwrap_or(at);
    let end = body[start..]
        .find("</tr>")
        .map(|e| start + e)
        .unwrap_or(body.len());
    body[start..end].to_string()
}

#[tokio::test]
async fn a_client_turns_green_when_the_month_is_done() {
    let app = spawn_app().await;
    let (office, client) = client_in_service(&app).await;
    let month = teichaku::domain::month::YearMonth::of(teichaku::clock::today()).to_string();
    let page = app.get(&format!("/offices/{office}/month")).await;
    assert_eq!(page.status, StatusCode::OK);
    let r = row(&page.body, client);
    assert!(
        r.contains("class=\"ng\"")
            && r.contains("今月まだ対面で会っていません")
            && r.contains("支援レポートが確定していません"),
        "{r}"
    );
    assert!(page.body.contains("月末の確認"));

    // A phone call does not count; a face-to-face hearing does.
    let today = teichaku::clock::today().to_string();
    for mode in ["phone", "face_to_face"] {
        let p = app
            .submit(
                &format!("/clients/{client}/contacts/new"),
                &format!("/clients/{client}/contacts"),
                &[
                    ("contact_date", &today),
                    ("contact_time", "10:00"),
                    ("mode", mode),
                    ("participants", "client"),
                    ("heard", "元気に通勤している。"),
                ],
            )
            .await;
        assert_eq!(p.status, StatusCode::SEE_OTHER, "{}", p.body);
        let r = row(
            &app.get(&format!("/offices/{office}/month")).await.body,
            client,
        );
        assert_eq!(
            r.contains("今月まだ対面で会っていません"),
            mode == "phone",
            "{mode}"
        );
    }

    // The report: final but not shared is still not enough; shared with the client is.
    let report: i64 = teichaku::on_db!(&app.state.db, pool => sqlx::query_scalar(
        "INSERT INTO support_reports (client_id, month, version, status, body, finalised_at, created_at, updated_at)
         VALUES ($1, $2, 1, 'final', '今月の報告', $3, $3, $3) RETURNING id")
        .bind(client).bind(&month).bind(teichaku::clock::now()).fetch_one(pool).await).unwrap();
    let r = row(
        &app.get(&format!("/offices/{office}/month")).await.body,
        client,
    );
    assert!(r.contains("支援レポートを本人に共有していません"), "{r}");
    teichaku::on_db!(&app.state.db, pool => sqlx::query(
        "INSERT INTO report_shares (report_id, recipient_kind, recipient_name, shared_on, method, created_at)
         VALUES ($1, 'client', '本人', $2, 'in_person', $3)")
        .bind(report).bind(teichaku::clock::today()).bind(teichaku::clock::now()).execute(pool).await.map(|r| r.rows_affected())).unwrap();
    let page = app.get(&format!("/offices/{office}/month")).await;
    let r = row(&page.body, client);
    assert!(
        r.contains("class=\"ok\"") && r.contains("満たしている"),
        "{r}"
    );
    assert!(page.body.contains("すべての利用者が要件を満たしています。"));
    // No agreed plan is still listed, but does not stop the claim.
    assert!(r.contains("本人の同意を得た支援計画がありません"));

    // The supporter sees the same row on their home page.
    let sato = app.signed_in_as("sato").await;
    let home = sato.get("/").await;
    assert!(row(&home.body, client).contains("class=\"ok\""));
}

#[tokio::test]
async fn other_months_and_bad_input() {
    let app = spawn_app().await;
    let (office, client) = client_in_service(&app).await;
    let long_ago = app
        .get(&format!("/offices/{office}/month?month=2020-01"))
        .await;
    assert!(
        long_ago
            .body
            .contains("この月に支援期間中の利用者はいません。")
    );
    let bad = app
        .get(&format!("/offices/{office}/month?month=2026-13"))
        .await;
    assert_eq!(bad.status, StatusCode::OK);
    assert!(bad.body.contains("月は 2026-11 の形で指定してください。"));
    assert!(
        bad.body.contains(&format!("month-client-{client}")),
        "falls back to this month"
    );
    let other = app.create_office("青森").await;
    app.create_staff("aomori", other, "supporter").await;
    let a = app.signed_in_as("aomori").await;
    assert_eq!(
        a.get(&format!("/offices/{office}/month")).await.status,
        StatusCode::FORBIDDEN
    );
}
