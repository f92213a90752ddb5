//! The month close (issue 12): from the 1st to the 10th the staff home and the month view
//! lead with last month's unfinished records, each a link to its fix; the demo closes a
//! month end to end (report finalised through its confirmation, shared, the claim locked
//! through its confirmation, the 国保連 file downloaded); the claim master replaces an open
//! version from the same day. Both engines; the app's clock runs from fixed days.
use reqwest::StatusCode;

use crate::helpers::{Page, TestApp, csrf_in, spawn_app_with};

/// The app running from `day`, with the demo loaded; returns the demo's password.
pub async fn demo_on(day: &str) -> (TestApp, String) {
    let day = day.to_string();
    let app = spawn_app_with(|c| c.today = day).await;
    let info = teichaku::demo::seed(&app.state.db, teichaku::clock::now())
        .await
        .expect("demo")
        .expect("loaded");
    let password = info
        .lines()
        .find_map(|l| {
            l.split_once("password: ")
                .map(|(_, p)| p.trim().to_string())
        })
        .expect("password line");
    (app, password)
}

pub async fn as_user(app: &TestApp, login: &str, password: &str) -> TestApp {
    let other = app.another_browser();
    let page = other.login(login, password).await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{login}: {}", page.body);
    other
}

/// The first `href` after `marker` in the page.
fn href_after(page: &Page, marker: &str) -> String {
    let at = page
        .body
        .find(marker)
        .unwrap_or_else(|| panic!("{marker} in page"));
    let rest = &page.body[at..];
    let start = rest.find("href=\"").expect("a link") + 6;
    rest[start..start + rest[start..].find('"').expect("end")].to_string()
}

/// The page's text without its tags (what a reader sees).
fn visible_text(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for ch in html.chars() {
        match ch {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

#[tokio::test]
async fn the_close_leads_from_the_first_to_the_tenth_only() {
    // 2027-02-01: the close of January is open, 9 days left.
    let (app, password) = demo_on("2027-02-01").await;
    let supporter = as_user(&app, "supporter11", &password).await;
    let home = supporter.get("/").await;
    assert!(home.body.contains("id=\"month-close\""), "{}", home.body);
    assert!(home.body.contains("先月の締め（2027-01）"));
    assert!(home.body.contains("2027-02-10"));
    assert!(home.body.contains("あと9日"));
    // The close comes before this month's rows.
    assert!(home.body.find("id=\"month-close\"") < home.body.find("id=\"month-h\""));
    // Each unfinished item links to its page: the report of January.
    let fix = href_after(&home, "class=\"close-list\"");
    assert!(fix.starts_with("/clients/"), "{fix}");
    let fix = href_after(&home, "class=\"fix-link\"");
    assert!(fix.ends_with("/reports/2027-01"), "{fix}");
    assert_eq!(supporter.get(&fix).await.status, StatusCode::OK);
    // Planned visits this week (from last month's 次回の予定日).
    assert!(
        home.body.contains("id=\"planned-week\"") || home.body.contains("id=\"planned-today\"")
    );

    // The manager: the close per supporter, new inquiries, tours to confirm.
    let manager = as_user(&app, "manager1", &password).await;
    let home = manager.get("/").await;
    for text in [
        "id=\"per-supporter-1\"",
        "支援員A (青森)",
        "支援員B (青森)",
        "id=\"new-inquiries-1\"",
        "id=\"unconfirmed-tours-1\"",
        "/offices/1/claims?month=2027-01",
    ] {
        assert!(home.body.contains(text), "manager home shows {text}");
    }
    // The month view leads with it too (this month shown), not when another month is.
    let month = manager.get("/offices/1/month").await;
    assert!(month.body.contains("id=\"month-close\""));
    assert!(month.body.find("id=\"month-close\"") < month.body.find("class=\"month\""));
    let other = manager.get("/offices/1/month?month=2027-01").await;
    assert!(!other.body.contains("id=\"month-close\""));
    // The administrator's home (no office of their own) is not changed by the close.
    let admin = as_user(&app, "admin", &password).await;
    let home = admin.get("/").await;
    assert!(!home.body.contains("id=\"month-close\""));
    assert!(!home.body.contains("id=\"planned-h\""));
}

#[tokio::test]
async fn the_tenth_is_the_last_day_even_on_a_weekend() {
    // 2027-01-10 is a Sunday (and the 11th a holiday): domain.md names no moving rule.
    let (app, password) = demo_on("2027-01-10").await;
    let supporter = as_user(&app, "supporter11", &password).await;
    let home = supporter.get("/").await;
    assert!(home.body.contains("先月の締め（2026-12）"), "{}", home.body);
    assert!(home.body.contains("今日が期限です"));
    assert!(home.body.contains("（土日）"));

    let (app, password) = demo_on("2027-02-11").await;
    let supporter = as_user(&app, "supporter11", &password).await;
    let home = supporter.get("/").await;
    assert!(
        !home.body.contains("id=\"month-close\""),
        "closed after the 10th"
    );
}

#[tokio::test]
async fn the_demo_closes_a_month_to_the_kokuho_file() {
    let (app, password) = demo_on("2027-02-01").await;
    // No record of the past is dated after now; the municipality number passes its check.
    let now = teichaku::clock::now();
    let latest: Option<time::OffsetDateTime> = teichaku::on_db!(&app.state.db, pool =>
        sqlx::query_scalar("SELECT MAX(occurred_at) FROM contacts").fetch_one(pool).await)
    .expect("latest contact");
    assert!(latest.is_some_and(|l| l <= now), "{latest:?} <= {now}");
    let codes: Vec<String> = teichaku::on_db!(&app.state.db, pool =>
        sqlx::query_scalar("SELECT DISTINCT municipality_code FROM certificates").fetch_all(pool).await)
    .expect("codes");
    for c in &codes {
        let digit = teichaku::domain::kokuho::municipality_check_digit(&c[..5]);
        assert_eq!(
            digit.map(|d| d.to_string()),
            Some(c[5..].to_string()),
            "{c}"
        );
    }
    let slots = app.count("tour_slots").await;
    assert!(slots >= 3, "tour slots: {slots}");

    // The supporter opens an unfinished report from the close and finalises it through the
    // confirmation: the first POST only shows what will be fixed.
    let supporter = as_user(&app, "supporter11", &password).await;
    let home = supporter.get("/").await;
    let report = href_after(&home, "class=\"fix-link\"");
    let mut page = supporter.get(&report).await;
    let body_field = "name=\"report_body\"";
    if page.body.contains("id=\"create-report\"") {
        // Not started: the month's page offers to write it from the month's records.
        let client_path = report.rsplit_once("/reports/").expect("report path").0;
        let created = supporter
            .submit(
                &report,
                &format!("{client_path}/reports"),
                &[("report_month", "2027-01")],
            )
            .await;
        assert_eq!(created.status, StatusCode::SEE_OTHER, "{}", created.body);
        page = supporter.get(&report).await;
    }
    assert!(page.body.contains(body_field), "a draft to finish");
    let text = "1月の支援レポート（確認済み）";
    let review = supporter
        .submit(
            &report,
            &format!("{report}/finalise"),
            &[("version", "1"), ("report_body", text)],
        )
        .await;
    assert_eq!(review.status, StatusCode::OK, "{}", review.body);
    assert!(review.body.contains("id=\"confirm-commit\""));
    assert!(
        review.body.contains("class=\"commit\""),
        "styled apart from 保存"
    );
    assert!(review.body.contains(text));
    assert!(
        supporter.get(&report).await.body.contains(body_field),
        "still a draft after the first step"
    );
    let token = csrf_in(&review.body).expect("csrf");
    let done = supporter
        .post_form(
            &format!("{report}/finalise"),
            &[
                ("_csrf", &token),
                ("version", "1"),
                ("report_body", text),
                ("confirm", "yes"),
            ],
        )
        .await;
    assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.body);
    let shared = supporter
        .submit(
            &report,
            &format!("{report}/shares"),
            &[
                ("version", "1"),
                ("share_recipient", "client"),
                ("share_shared_on", "2027-02-01"),
                ("share_method", "in_person"),
            ],
        )
        .await;
    assert_eq!(shared.status, StatusCode::SEE_OTHER, "{}", shared.body);

    // The manager locks January through the confirmation (the first lock asks no reason)
    // and downloads the 国保連 file.
    let manager = as_user(&app, "manager1", &password).await;
    let claim = manager.get("/offices/1/claims?month=2027-01").await;
    assert!(
        !claim.body.contains("name=\"claim_reason\""),
        "no reason on the first lock"
    );
    assert!(
        claim.body.contains("id=\"claim-samples\""),
        "見本 codes are said"
    );
    assert!(
        claim.body.contains("問題は見つかりませんでした"),
        "no 国保連 problems"
    );
    let review = manager
        .submit(
            "/offices/1/claims?month=2027-01",
            "/offices/1/claims/lock",
            &[("month", "2027-01"), ("version", "0")],
        )
        .await;
    assert_eq!(review.status, StatusCode::OK, "{}", review.body);
    assert!(review.body.contains("算定できる"));
    assert!(review.body.contains("0 件"), "国保連点検 0 件");
    assert_eq!(
        app.count("claims").await,
        0,
        "nothing locked before the confirmation"
    );
    let token = csrf_in(&review.body).expect("csrf");
    let locked = manager
        .post_form(
            "/offices/1/claims/lock",
            &[
                ("_csrf", &token),
                ("month", "2027-01"),
                ("version", "0"),
                ("claim_reason", ""),
                ("confirm", "yes"),
            ],
        )
        .await;
    assert_eq!(locked.status, StatusCode::SEE_OTHER, "{}", locked.body);
    let file = manager
        .get("/offices/1/claims/2027-01/1/kokuho?purpose=claim")
        .await;
    assert_eq!(file.status, StatusCode::OK, "{}", file.body);
    assert!(
        file.headers
            .get("content-disposition")
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.contains(".CSV")),
        "a 国保連 file"
    );
    assert!(file.body.starts_with("1,"), "control record first");
}

#[tokio::test]
async fn a_master_version_from_the_open_ones_start_day_replaces_it() {
    let app = spawn_app_with(|_| {}).await;
    app.signed_in_admin().await;
    let open = |item: &'static str| {
        let db = app.state.db.clone();
        async move {
            teichaku::on_db!(&db, pool => sqlx::query_as::<_, (i64, String, bool)>(
                "SELECT units, service_code, confirmed FROM claim_master
                 WHERE item = $1 AND valid_to IS NULL")
                .bind(item).fetch_all(pool).await)
            .expect("rows")
        }
    };
    assert_eq!(open("initial").await.len(), 1);
    let page = app
        .submit(
            "/admin/claim-master",
            "/admin/claim-master",
            &[
                ("master_item", "initial"),
                ("master_from", "2024-04-01"),
                ("units", "900"),
                ("service_code", "476001"),
                ("master_source", "https://example.jp/kokuji"),
                ("master_confirmed", "on"),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    assert_eq!(
        open("initial").await,
        vec![(900, "476001".to_string(), true)],
        "one open row, replaced"
    );
    // The master page: Japanese labels, notices by name, no internal keys, a to-do list.
    let master = app.get("/admin/claim-master").await;
    assert!(master.body.contains("id=\"master-todo\""));
    assert!(master.body.contains("平成18年厚生労働省告示第523号"));
    let text = visible_text(&master.body);
    for key in [
        "base_0",
        "abuse_prevention",
        "サービスコード未設定",
        "domain.md",
    ] {
        assert!(!text.contains(key), "no {key} on the master page");
    }
    assert!(text.contains("初期加算"));
}
