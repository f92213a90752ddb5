//! The three long lists of #13 in Chromium: the client list and the inquiry inbox with their
//! 次へ/前へ links, the audit log's typed 職員 field naming several (the choices) and naming
//! nobody (the message at the field). axe-core finds no violation at 390 px or 1280 px;
//! screenshots with `TEICHAKU_SCREENSHOTS=dir`.
use teichaku::on_db;
use thirtyfour::prelude::*;

use crate::browser::{check_page, start_browser, wait_for};
use crate::helpers::{ADMIN_LOGIN, PASSWORD, spawn_app};

#[tokio::test]
async fn the_long_lists_page_and_pass_axe_in_chromium() {
    let app = spawn_app().await;
    let (office, sato, _) = app.office_with_client().await;
    let now = teichaku::clock::now();
    for i in 0..55 {
        let mut tx = app.state.db.begin().await.unwrap();
        teichaku::store::clients::insert(
            &mut tx,
            &teichaku::store::clients::NewClient {
                office_id: office,
                supporter_id: Some(sato),
                name: format!("利用者 {i:02}"),
                kana: format!("りようしゃ {i:02}"),
                birth_date: time::macros::date!(1990 - 01 - 01),
            },
            now,
        )
        .await
        .unwrap();
        tx.commit().await.unwrap();
        on_db!(&app.state.db, pool => sqlx::query(
            "INSERT INTO inquiries (office_id, kind, channel, name, contact_by, status, received_at, updated_at)
             VALUES ($1, 'question', 'web', $2, 'phone', 'contacted', $3, $3)")
            .bind(office).bind(format!("問い合わせ {i:02}")).bind(now).execute(pool).await.map(|_| ()))
        .unwrap();
    }
    app.create_staff("tanaka1", office, "supporter").await;
    app.create_staff("tanaka2", office, "supporter").await;
    on_db!(&app.state.db, pool => sqlx::query(
        "UPDATE staff SET display_name = '田中 ' || login WHERE login LIKE 'tanaka%'")
        .execute(pool).await.map(|_| ()))
    .unwrap();

    let (driver, _chromedriver, profile) = start_browser().await;
    let base = format!("http://{}", app.addr);
    driver.goto(format!("{base}/login")).await.unwrap();
    wait_for(&driver, By::Id("f-login"))
        .await
        .send_keys(ADMIN_LOGIN)
        .await
        .unwrap();
    let pw = wait_for(&driver, By::Id("f-password")).await;
    pw.send_keys(PASSWORD).await.unwrap();
    pw.send_keys(Key::Enter).await.unwrap();
    wait_for(&driver, By::Id("welcome")).await;

    for (path, name) in [
        (format!("/offices/{office}/clients"), "clients"),
        (format!("/offices/{office}/inquiries"), "inbox"),
    ] {
        driver.goto(format!("{base}{path}")).await.unwrap();
        check_page(&driver, &format!("lists-{name}-1")).await;
        // 次へ from the keyboard, then the second page has 前へ.
        let next = wait_for(&driver, By::Css("nav.paging a[rel='next']")).await;
        next.focus().await.unwrap();
        next.send_keys(Key::Enter).await.unwrap();
        wait_for(&driver, By::Css("nav.paging a[rel='prev']")).await;
        check_page(&driver, &format!("lists-{name}-2")).await;
    }

    // The audit log: a name naming two people lists them; a name naming nobody says so.
    driver.goto(format!("{base}/audit")).await.unwrap();
    let field = wait_for(&driver, By::Id("f-actor")).await;
    field.send_keys("田中").await.unwrap();
    field.send_keys(Key::Enter).await.unwrap();
    wait_for(&driver, By::Id("choose-actor")).await;
    check_page(&driver, "lists-audit-choices").await;
    driver
        .find(By::Css(".choices a"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    wait_for(&driver, By::Id("c-actor")).await;
    check_page(&driver, "lists-audit-chosen").await;
    driver
        .goto(format!("{base}/audit?actor=nobody-at-all"))
        .await
        .unwrap();
    let message = wait_for(&driver, By::Id("e-actor")).await;
    assert_eq!(message.text().await.unwrap(), "該当する職員がいません。");
    check_page(&driver, "lists-audit-no-match").await;

    driver.quit().await.unwrap();
    let _ = std::fs::remove_dir_all(profile);
}
