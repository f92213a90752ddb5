//! The public front in headless Chromium (issue 12, items 6 and 7): the landing page at `/`
//! with the phone first, the fee simulator refusing a missing choice and writing 9,300 円,
//! each checked with axe-core at 390 px and 1280 px (screenshots with
//! `TEICHAKU_SCREENSHOTS=dir`).

use reqwest::StatusCode;
use thirtyfour::prelude::*;

use crate::browser::{DESKTOP, PHONE, assert_accessible, resize, start_browser, wait_for};
use crate::helpers::{TestApp, spawn_app};

/// axe at both widths, with a screenshot at each when asked for.
pub async fn check_both_widths(driver: &WebDriver, what: &str, name: &str) {
    for (size, label) in [(PHONE, "390"), (DESKTOP, "1280")] {
        resize(driver, size).await;
        assert_accessible(driver, &format!("{what} at {label} px")).await;
        if let Ok(dir) = std::env::var("TEICHAKU_SCREENSHOTS") {
            let _ = driver
                .screenshot(&std::path::Path::new(&dir).join(format!("{name}-{label}.png")))
                .await;
        }
    }
}

/// A published office 西船橋 with its phone number; returns its id.
pub async fn published_office(app: &TestApp) -> i64 {
    app.signed_in_admin().await;
    let office = app.create_office("西船橋").await;
    let page = app
        .submit(
            &format!("/offices/{office}/edit"),
            &format!("/offices/{office}"),
            &[
                ("name", "西船橋"),
                ("prefecture", "千葉県"),
                ("address", "船橋市西船4-0-0"),
                ("nearest_station", "西船橋駅"),
                ("phone", "047-000-0000"),
                ("hours", "平日 9:00-18:00"),
                ("published", "1"),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    office
}

#[tokio::test]
async fn the_landing_page_and_the_simulator_in_chromium() {
    let app = spawn_app().await;
    published_office(&app).await;
    let (driver, _chromedriver, _profile) = start_browser().await;
    let base = app.url("");

    driver.goto(format!("{base}/")).await.unwrap();
    let tel = wait_for(&driver, By::Css("#landing-phone a.landing-tel")).await;
    assert_eq!(tel.text().await.unwrap(), "047-000-0000");
    check_both_widths(&driver, "the landing page", "front-landing").await;

    // The simulator: 計算する with nothing chosen answers with a message at each question.
    wait_for(&driver, By::Id("landing-simulator"))
        .await
        .click()
        .await
        .unwrap();
    wait_for(&driver, By::Id("simulate"))
        .await
        .click()
        .await
        .unwrap();
    let message = wait_for(&driver, By::Id("e-household")).await;
    assert_eq!(message.text().await.unwrap(), "一覧から選んでください。");
    wait_for(&driver, By::Id("e-residence")).await;
    check_both_widths(
        &driver,
        "the simulator with its messages",
        "front-sim-errors",
    )
    .await;
    wait_for(&driver, By::Id("hh-levy_under_160k"))
        .await
        .click()
        .await
        .unwrap();
    wait_for(&driver, By::Id("res-home"))
        .await
        .click()
        .await
        .unwrap();
    wait_for(&driver, By::Id("f-age"))
        .await
        .send_keys("28")
        .await
        .unwrap();
    wait_for(&driver, By::Id("simulate"))
        .await
        .click()
        .await
        .unwrap();
    let cap = wait_for(&driver, By::Id("sim-cap")).await;
    assert_eq!(cap.text().await.unwrap(), "9,300 円");
    check_both_widths(&driver, "the simulator with its result", "front-sim-result").await;
    driver.quit().await.unwrap();
}

/// The other pages this issue changed, each at 390 px and 1280 px: the office form (era
/// option), the public inquiry form and its thanks page, an inquiry's staff page and the
/// staff's inquiry form (ご本人 and the outlook), a staff member's edit page (the invitation),
/// the client page (prior service in the reader's language), the plan list with its print
/// link, and the guide in English.
#[tokio::test]
async fn the_changed_pages_pass_axe_at_both_widths() {
    let app = spawn_app().await;
    let office = published_office(&app).await;
    let slot = crate::tours::add_slot(&app, office, 5, 2).await;
    let sato = app.create_staff("sato", office, "supporter").await;
    let client = app
        .register_client(office, "山田 花子", "やまだ はなこ", sato)
        .await;
    let path = format!("/offices/{office}/inquiries");
    let saved = app
        .submit(
            &format!("{path}/new"),
            &path,
            &[
                ("channel", "phone"),
                ("kind", "question"),
                ("inquirer_name", "山田 洋子"),
                ("relationship", "parent"),
                ("person_name", "山田 一郎"),
                ("employer_name", "株式会社みどり物流"),
                ("hire_date", "2026-01-05"),
                ("contact_by", "phone"),
                ("phone", "090-0000-0000"),
                ("message", "利用について知りたい"),
            ],
        )
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    let inquiry = saved.location().replace("?n=created", "");

    let (driver, _chromedriver, _profile) = start_browser().await;
    let base = app.url("");
    driver.goto(format!("{base}/login")).await.unwrap();
    wait_for(&driver, By::Id("f-login"))
        .await
        .send_keys(crate::helpers::ADMIN_LOGIN)
        .await
        .unwrap();
    let pw = wait_for(&driver, By::Id("f-password")).await;
    pw.send_keys(crate::helpers::PASSWORD).await.unwrap();
    pw.send_keys(Key::Enter).await.unwrap();
    wait_for(&driver, By::Id("welcome")).await;
    let pages = [
        (
            format!("/offices/{office}/edit"),
            "f-era_dates",
            "front-office-form",
        ),
        (inquiry.clone(), "person-outlook", "front-inquiry-staff"),
        (
            format!("{path}/new"),
            "f-relationship",
            "front-inquiry-staff-form",
        ),
        (
            format!("/staff/{sato}/edit"),
            "resend-invite",
            "front-staff-edit",
        ),
        (format!("/clients/{client}"), "main", "front-client"),
        (format!("/clients/{client}/plans"), "main", "front-plans"),
    ];
    for (path, id, name) in pages {
        driver.goto(format!("{base}{path}")).await.unwrap();
        wait_for(&driver, By::Id(id)).await;
        check_both_widths(&driver, &path, name).await;
    }
    // The visitor's side, after signing out.
    driver.delete_all_cookies().await.unwrap();
    for (path, id, name) in [
        (
            format!("/inquiry?office={office}"),
            "f-relationship",
            "front-inquiry-form",
        ),
        (
            format!("/inquiry/thanks?slot={slot}"),
            "tour-provisional",
            "front-thanks",
        ),
    ] {
        driver.goto(format!("{base}{path}")).await.unwrap();
        wait_for(&driver, By::Id(id)).await;
        check_both_widths(&driver, &path, name).await;
    }
    driver
        .goto(format!("{base}/lang/en?next=/guide"))
        .await
        .unwrap();
    let h1 = wait_for(&driver, By::Tag("h2")).await;
    assert!(h1.text().await.unwrap().contains("support to keep working"));
    check_both_widths(&driver, "the guide in English", "front-guide-en").await;
    driver.quit().await.unwrap();
}
