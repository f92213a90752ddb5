//! The administrator's first day in headless Chromium (issue 12, item 8): the setup page
//! opened from the address printed on the console, signed in straight to the home page with
//! the checklist, a colleague invited by email, who opens the link, chooses a password and
//! lands on their home. axe-core at 390 px and 1280 px on each page (screenshots with
//! `TEICHAKU_SCREENSHOTS=dir`).

use thirtyfour::prelude::*;

use crate::browser::{start_browser, wait_for};
use crate::front_browser::check_both_widths;
use crate::helpers::{PASSWORD, spawn_app};

async fn fill(driver: &WebDriver, id: &str, value: &str) {
    let field = wait_for(driver, By::Id(id)).await;
    field.clear().await.expect("clear");
    field.send_keys(value).await.expect("type");
}

#[tokio::test]
async fn the_first_day_in_chromium() {
    let app = spawn_app().await;
    let (driver, _chromedriver, _profile) = start_browser().await;
    let base = app.url("");
    let token = app.setup_token().await;

    driver
        .goto(format!("{base}/setup?token={token}"))
        .await
        .unwrap();
    wait_for(&driver, By::Id("f-setup_token")).await;
    check_both_widths(&driver, "the setup page", "first-day-setup").await;
    for (id, value) in [
        ("f-organization_name", "ひまわり会"),
        ("f-display_name", "管理 花子"),
        ("f-login", "hanako"),
        ("f-email", "hanako@example.jp"),
        ("f-password", PASSWORD),
        ("f-password_confirm", PASSWORD),
    ] {
        fill(&driver, id, value).await;
    }
    wait_for(&driver, By::Id("create-admin"))
        .await
        .click()
        .await
        .unwrap();
    wait_for(&driver, By::Id("first-day")).await;
    check_both_widths(
        &driver,
        "the home page with the first steps",
        "first-day-home",
    )
    .await;

    // Step 1 is a link to the office form.
    wait_for(&driver, By::Css("#step-office a"))
        .await
        .click()
        .await
        .unwrap();
    for (id, value) in [
        ("f-name", "西船橋"),
        ("f-address", "船橋市西船4-0-0"),
        ("f-phone", "047-000-0000"),
    ] {
        fill(&driver, id, value).await;
    }
    wait_for(&driver, By::Css("#f-prefecture option[value='千葉県']"))
        .await
        .click()
        .await
        .unwrap();
    wait_for(&driver, By::Id("save"))
        .await
        .click()
        .await
        .unwrap();
    wait_for(&driver, By::ClassName("notice")).await;

    // Invite a colleague (the invitation is the form's default).
    driver.goto(format!("{base}/staff/new")).await.unwrap();
    assert!(
        wait_for(&driver, By::Id("f-invite"))
            .await
            .is_selected()
            .await
            .unwrap()
    );
    check_both_widths(&driver, "the new-staff form", "first-day-staff-form").await;
    fill(&driver, "f-display_name", "佐藤 一郎").await;
    fill(&driver, "f-login", "sato").await;
    fill(&driver, "f-email", "sato@example.jp").await;
    wait_for(&driver, By::Id("save"))
        .await
        .click()
        .await
        .unwrap();
    wait_for(&driver, By::ClassName("notice")).await;
    let body: String = teichaku::on_db!(&app.state.db, pool => sqlx::query_scalar(
        "SELECT body_text FROM email_outbox WHERE to_address = 'sato@example.jp'")
        .fetch_one(pool).await)
    .expect("invitation");
    let start = body.find("/welcome/").expect("link");
    let link = &body[start..start + "/welcome/".len() + 64];

    // The colleague, in a browser of their own.
    driver.delete_all_cookies().await.unwrap();
    driver.goto(format!("{base}{link}")).await.unwrap();
    wait_for(&driver, By::Id("welcome-login")).await;
    check_both_widths(&driver, "the invitation page", "first-day-welcome").await;
    fill(&driver, "f-password", PASSWORD).await;
    let confirm = wait_for(&driver, By::Id("f-password_confirm")).await;
    confirm.send_keys(PASSWORD).await.unwrap();
    confirm.send_keys(Key::Enter).await.unwrap();
    let welcome = wait_for(&driver, By::Id("welcome")).await;
    assert!(welcome.text().await.unwrap().contains("佐藤 一郎"));
    assert!(
        driver
            .find_all(By::Id("first-day"))
            .await
            .unwrap()
            .is_empty(),
        "the checklist is the administrator's"
    );
    driver.quit().await.unwrap();
}
