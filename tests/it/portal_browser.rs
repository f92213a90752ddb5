//! Issue 11 end to end in headless Chromium: the supporter (desktop) invites the client; the
//! client (a 390 px phone) signs in on the invitation and does the self-check; the
//! supporter sees the trend and replies; the employer contact is invited, sees only what
//! the client consented to, reads and confirms the month's report; the client stops sharing
//! with the employer on the phone; the employer's next request shows nothing of theirs.
//! axe-core checks every page on the way, at the width it is used at.
//!
//! The self-check covers three days: today through the browser, the two days before through
//! the store (a browser cannot travel in time; what matters here is the trend drawn from
//! three days).

use reqwest::StatusCode;
use thirtyfour::prelude::*;

use crate::browser::{DESKTOP, PHONE, assert_accessible, resize, start_browser, wait_for};
use crate::helpers::{PASSWORD, TestApp, spawn_app};

async fn shot(driver: &WebDriver, name: &str) {
    if let Ok(dir) = std::env::var("TEICHAKU_SCREENSHOTS") {
        let _ = driver
            .screenshot(&std::path::Path::new(&dir).join(format!("{name}.png")))
            .await;
    }
}

/// Both widths: the page passes axe at 390 px and at desktop width.
async fn accessible_at_both_widths(driver: &WebDriver, what: &str, end_at: (u32, u32)) {
    resize(driver, PHONE).await;
    assert_accessible(driver, &format!("{what} at 390 px")).await;
    resize(driver, DESKTOP).await;
    assert_accessible(driver, &format!("{what} at desktop width")).await;
    resize(driver, end_at).await;
}

/// Opens each page and checks it with axe at both widths (the pages of the flow that the
/// steps above do not already open).
async fn sweep(driver: &WebDriver, base: &str, paths: &[String], end_at: (u32, u32)) {
    for path in paths {
        driver.goto(format!("{base}{path}")).await.unwrap();
        wait_for(driver, By::Css("main h1")).await;
        let page = body(driver).await;
        assert!(
            !page.contains("class=\"error-page\""),
            "{path} answered an error page"
        );
        accessible_at_both_widths(driver, path, end_at).await;
    }
}

async fn fill(driver: &WebDriver, id: &str, value: &str) {
    let field = wait_for(driver, By::Id(id)).await;
    field.clear().await.expect("clear");
    field.send_keys(value).await.expect("type");
}

async fn body(driver: &WebDriver) -> String {
    driver.source().await.unwrap_or_default()
}

/// Signs in to the staff pages through the form, with the keyboard (Enter).
async fn staff_sign_in(driver: &WebDriver, base: &str, login: &str) {
    driver.delete_all_cookies().await.expect("cookies");
    driver.goto(format!("{base}/login")).await.unwrap();
    fill(driver, "f-login", login).await;
    let pw = wait_for(driver, By::Id("f-password")).await;
    pw.send_keys(PASSWORD).await.unwrap();
    pw.send_keys(Key::Enter).await.unwrap();
    wait_for(driver, By::Id("welcome")).await;
}

async fn portal_sign_in(driver: &WebDriver, base: &str, login: &str, passphrase: &str) {
    driver.delete_all_cookies().await.expect("cookies");
    driver.goto(format!("{base}/portal/login")).await.unwrap();
    fill(driver, "f-login", login).await;
    let pass = wait_for(driver, By::Id("f-passphrase")).await;
    pass.send_keys(passphrase).await.unwrap();
    pass.send_keys(Key::Enter).await.unwrap();
    // Signed in: the header's sign-out form (the sign-in page has none).
    wait_for(driver, By::Css("form[action='/portal/logout']")).await;
}

/// The month before this one, `YYYY-MM`.
fn last_month() -> String {
    let today = teichaku::clock::today();
    let first = today.replace_day(1).expect("day 1");
    let prev = first - time::Duration::days(1);
    format!("{:04}-{:02}", prev.year(), u8::from(prev.month()))
}

/// Staff records through the forms: an employment naming the supervisor, a consent naming
/// them for work status and the monthly report (not health), and last month's finalised
/// report.
async fn records(app: &TestApp, client: i64) -> String {
    let c = format!("/clients/{client}");
    let page = app
        .submit(
            &format!("{c}/employments/new"),
            &format!("{c}/employments"),
            &[
                ("employer_name", "株式会社みどり物流"),
                ("workplace_address", "船橋市本町0-0"),
                ("supervisor_name", "山田 課長"),
                ("job_title", "倉庫内軽作業"),
                ("weekly_hours", "30"),
                ("ordinary_employment", "yes"),
                ("hire_date", "2026-01-05"),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    app.consent_for_employer(client, "山田 課長", &["work_status", "reports"])
        .await;
    let month = last_month();
    let reports = format!("{c}/reports");
    let page = app
        .submit(&reports, &reports, &[("report_month", month.as_str())])
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    let at = format!("{reports}/{month}");
    let page = app
        .submit(
            &at,
            &format!("{at}/finalise"),
            &[
                ("version", "1"),
                (
                    "report_body",
                    "遅刻はなくなりました。朝の準備を前の晩にしています。",
                ),
                ("confirm", "yes"),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    month
}

/// Two earlier days of the self-check, written through the store.
async fn earlier_days(app: &TestApp, client: i64) {
    use teichaku::domain::selfcheck::{CheckInput, Score};
    let db = &app.state.db;
    let items = teichaku::store::selfcheck::active_items(db, client)
        .await
        .expect("items");
    assert!(!items.is_empty(), "the supporter chose items");
    let today = teichaku::clock::today();
    for (back, score) in [(2, 4), (1, 3)] {
        let mut tx = db.begin().await.expect("tx");
        teichaku::store::selfcheck::save_entry(
            &mut tx,
            client,
            today - time::Duration::days(back),
            &CheckInput {
                scores: items
                    .iter()
                    .map(|i| (i.id, Score::new(score).expect("score")))
                    .collect(),
                comment: String::new(),
            },
            teichaku::clock::now(),
        )
        .await
        .expect("entry");
        tx.commit().await.expect("commit");
    }
}

#[tokio::test]
async fn the_client_and_the_employer_inside_in_chromium() {
    let app = spawn_app().await;
    let (_, _, client) = app.office_with_client().await;
    let month = records(&app, client).await;
    let base = format!("http://{}", app.addr);
    let (driver, _chromedriver, profile) = start_browser().await;
    resize(&driver, DESKTOP).await;

    // The supporter chooses two items with the client and invites them.
    staff_sign_in(&driver, &base, "sato").await;
    driver
        .goto(format!("{base}/clients/{client}/selfcheck"))
        .await
        .unwrap();
    for code in ["sleep", "mood"] {
        wait_for(&driver, By::Css(format!("button[value='add:{code}']")))
            .await
            .click()
            .await
            .unwrap();
        wait_for(&driver, By::Id("items")).await;
    }
    accessible_at_both_widths(&driver, "the supporter's self-check page", DESKTOP).await;
    driver
        .goto(format!("{base}/clients/{client}/portal"))
        .await
        .unwrap();
    accessible_at_both_widths(&driver, "the accounts page", DESKTOP).await;
    wait_for(&driver, By::Id("invite-client"))
        .await
        .click()
        .await
        .unwrap();
    let url = wait_for(&driver, By::Id("invite-url"))
        .await
        .text()
        .await
        .unwrap();
    let login = wait_for(&driver, By::Id("invite-login"))
        .await
        .text()
        .await
        .unwrap();
    assert!(body(&driver).await.contains("<svg"), "the QR code");
    assert_accessible(&driver, "the invitation sheet").await;
    shot(&driver, "portal-invitation-sheet").await;

    // On the client's phone.
    driver.delete_all_cookies().await.unwrap();
    resize(&driver, PHONE).await;
    driver.goto(&url).await.unwrap();
    wait_for(&driver, By::Id("f-passphrase")).await;
    accessible_at_both_widths(&driver, "the invitation link", PHONE).await;
    shot(&driver, "portal-phone-invitation").await;
    // A passphrase too short first: the field says so, in plain Japanese.
    fill(&driver, "f-passphrase", "みじかい").await;
    fill(&driver, "f-passphrase_confirm", "みじかい").await;
    wait_for(&driver, By::Id("set-passphrase"))
        .await
        .click()
        .await
        .unwrap();
    let error = wait_for(&driver, By::Id("e-passphrase")).await;
    assert!(error.text().await.unwrap().contains("以上"));
    let passphrase = "あさはパンをたべる";
    fill(&driver, "f-passphrase", passphrase).await;
    fill(&driver, "f-passphrase_confirm", passphrase).await;
    let confirm = wait_for(&driver, By::Id("f-passphrase_confirm")).await;
    confirm.send_keys(Key::Enter).await.unwrap();
    wait_for(&driver, By::Css("a[href='/me/check']")).await;
    // The home says what waits: today's check, and last month's report to confirm.
    wait_for(&driver, By::Id("check-waiting")).await;
    wait_for(&driver, By::Css(format!("a[href='/me/reports/{month}']"))).await;
    accessible_at_both_widths(&driver, "the client's home", PHONE).await;
    shot(&driver, "portal-phone-home").await;

    // Today's self-check: every item scored, a comment.
    driver.goto(format!("{base}/me/check")).await.unwrap();
    wait_for(&driver, By::Id("f-comment")).await;
    accessible_at_both_widths(&driver, "the self-check form", PHONE).await;
    let radios = driver
        .find_all(By::Css("input[type=radio][value='2']"))
        .await
        .unwrap();
    assert_eq!(radios.len(), 2, "two items, one row of tiles each");
    for radio in radios {
        let id = radio.id().await.unwrap().unwrap_or_default();
        // The tile is the label: tapping it chooses the score.
        wait_for(&driver, By::Css(format!("label[for='{id}']")))
            .await
            .click()
            .await
            .unwrap();
    }
    shot(&driver, "portal-phone-selfcheck").await;
    fill(&driver, "f-comment", "きのうは よく ねむれなかった").await;
    driver
        .find(By::Css("form[action='/me/check'] button[type=submit]"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    // The answers after sending (the form page also links to the trend: wait for the answers).
    wait_for(&driver, By::Css(".sc-answers")).await;
    assert!(body(&driver).await.contains("ねむれなかった"));
    assert_accessible(&driver, "the self-check's thanks").await;
    earlier_days(&app, client).await;
    driver.goto(format!("{base}/me/check/trend")).await.unwrap();
    wait_for(&driver, By::Css("svg")).await;
    accessible_at_both_widths(&driver, "the client's trend", PHONE).await;
    shot(&driver, "portal-phone-trend").await;

    // The supporter sees the trend and replies to the comment.
    resize(&driver, DESKTOP).await;
    staff_sign_in(&driver, &base, "sato").await;
    driver
        .goto(format!("{base}/clients/{client}/selfcheck"))
        .await
        .unwrap();
    wait_for(&driver, By::Css(".sc-charts svg")).await;
    let reply = wait_for(&driver, By::Css("textarea[id^='f-reply-']")).await;
    reply
        .send_keys("前の晩にスマホを置く場所を決めてみましょう")
        .await
        .unwrap();
    let reply_id = reply.id().await.unwrap().unwrap_or_default();
    let entry = reply_id.trim_start_matches("f-reply-").to_string();
    driver
        .find(By::Css(format!(
            "form[action$='/entries/{entry}/reply'] button[type=submit]"
        )))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    wait_for(&driver, By::Css(".sc-reply")).await;
    assert!(body(&driver).await.contains("スマホを置く場所"));
    assert_accessible(&driver, "the supporter's page after the reply").await;
    let staff_pages = [
        format!("/clients/{client}/notes"),
        format!("/clients/{client}/observations"),
        "/".to_string(),
    ];
    sweep(&driver, &base, &staff_pages, DESKTOP).await;

    // The supporter invites the employer contact named in the employment record.
    driver
        .goto(format!("{base}/clients/{client}/portal"))
        .await
        .unwrap();
    let name = wait_for(&driver, By::Id("f-contact_name")).await;
    assert_eq!(
        name.value().await.unwrap().unwrap_or_default(),
        "山田 課長",
        "offered from the employment record"
    );
    wait_for(&driver, By::Id("invite-employer"))
        .await
        .click()
        .await
        .unwrap();
    let employer_url = wait_for(&driver, By::Id("invite-url"))
        .await
        .text()
        .await
        .unwrap();
    let employer_login = wait_for(&driver, By::Id("invite-login"))
        .await
        .text()
        .await
        .unwrap();

    // The employer contact, at a desktop.
    driver.delete_all_cookies().await.unwrap();
    driver.goto(&employer_url).await.unwrap();
    let employer_pass = "みどり物流の山田です";
    fill(&driver, "f-passphrase", employer_pass).await;
    fill(&driver, "f-passphrase_confirm", employer_pass).await;
    wait_for(&driver, By::Id("set-passphrase"))
        .await
        .click()
        .await
        .unwrap();
    wait_for(
        &driver,
        By::Css(format!("a[href='/employer/clients/{client}']")),
    )
    .await
    .click()
    .await
    .unwrap();
    wait_for(&driver, By::Id("shared-categories")).await;
    let page = body(&driver).await;
    assert!(page.contains("id=\"go-reports\""), "reports are consented");
    assert!(
        !page.contains("id=\"go-selfcheck\""),
        "health is not consented: no self-check"
    );
    accessible_at_both_widths(&driver, "the employer's client page", DESKTOP).await;
    shot(&driver, "portal-employer-client").await;
    driver
        .goto(format!("{base}/employer/clients/{client}/selfcheck"))
        .await
        .unwrap();
    let refused = body(&driver).await;
    assert!(!refused.contains("ねむれなかった") && !refused.contains("<svg"));
    driver
        .goto(format!("{base}/employer/clients/{client}/reports/{month}"))
        .await
        .unwrap();
    wait_for(&driver, By::Id("report-body")).await;
    accessible_at_both_widths(&driver, "the employer's report", DESKTOP).await;
    wait_for(&driver, By::Id("acknowledge"))
        .await
        .click()
        .await
        .unwrap();
    wait_for(&driver, By::Id("acknowledged")).await;
    shot(&driver, "portal-employer-report-confirmed").await;
    let employer_pages = [
        "/employer".to_string(),
        format!("/employer/clients/{client}/notes"),
        format!("/employer/clients/{client}/observations"),
        format!("/employer/clients/{client}/reports"),
    ];
    sweep(&driver, &base, &employer_pages, DESKTOP).await;

    // The client, on the phone, reads the reply and stops sharing with the employer.
    resize(&driver, PHONE).await;
    portal_sign_in(&driver, &base, &login, passphrase).await;
    driver.goto(format!("{base}/me/check")).await.unwrap();
    wait_for(&driver, By::Css("h1")).await;
    assert!(
        body(&driver).await.contains("スマホを置く場所"),
        "the reply"
    );
    let client_pages = [
        "/me/check/items".to_string(),
        "/me/notes".to_string(),
        "/me/reports".to_string(),
        format!("/me/reports/{month}"),
    ];
    sweep(&driver, &base, &client_pages, PHONE).await;
    driver.goto(format!("{base}/me/sharing")).await.unwrap();
    wait_for(&driver, By::Css("a[id^='stop-']")).await;
    accessible_at_both_widths(&driver, "the client's sharing page", PHONE).await;
    shot(&driver, "portal-phone-sharing").await;
    wait_for(&driver, By::Css("a[id^='stop-']"))
        .await
        .click()
        .await
        .unwrap();
    wait_for(&driver, By::Id("confirm-stop")).await;
    assert_accessible(&driver, "the stop-sharing confirmation").await;
    wait_for(&driver, By::Id("confirm-stop"))
        .await
        .click()
        .await
        .unwrap();
    wait_for(&driver, By::Css(".notice")).await;

    // The employer's next request shows nothing of theirs.
    driver.delete_all_cookies().await.unwrap();
    sweep(&driver, &base, &["/portal/login".to_string()], DESKTOP).await;
    resize(&driver, DESKTOP).await;
    portal_sign_in(&driver, &base, &employer_login, employer_pass).await;
    let home = body(&driver).await;
    assert!(
        !home.contains("山田 花子"),
        "the client is gone from the list"
    );
    driver
        .goto(format!("{base}/employer/clients/{client}/reports/{month}"))
        .await
        .unwrap();
    wait_for(&driver, By::Css("h1")).await;
    let after = body(&driver).await;
    assert!(
        !after.contains("遅刻はなくなりました"),
        "the report is gone"
    );
    assert!(after.contains("404"), "a 404 page: {after}");

    driver.quit().await.unwrap();
    let _ = std::fs::remove_dir_all(profile);
}
