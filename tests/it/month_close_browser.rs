//! Issue 12 in Chromium: a month close from the demo data, on the 1st. The supporter's home
//! leads with last month's unfinished report; its link opens it; it is finalised through the
//! confirmation and shared with the client; the manager locks the claim through its
//! confirmation and downloads the 国保連 file. Every page changed for the issue passes
//! axe-core at 390 px and 1280 px; screenshots with `TEICHAKU_SCREENSHOTS=dir`. Enter in a
//! one-line field of the contact form does not send it.
use thirtyfour::prelude::*;

use crate::browser::{check_page, start_browser, wait_for};
use crate::month_close::demo_on;

async fn sign_in(driver: &WebDriver, base: &str, login: &str, password: &str) {
    driver.delete_all_cookies().await.expect("sign out");
    driver.goto(format!("{base}/login")).await.unwrap();
    wait_for(driver, By::Id("f-login"))
        .await
        .send_keys(login)
        .await
        .unwrap();
    let pw = wait_for(driver, By::Id("f-password")).await;
    pw.send_keys(password).await.unwrap();
    pw.send_keys(Key::Enter).await.unwrap();
    wait_for(driver, By::Id("welcome")).await;
}

async fn click(driver: &WebDriver, by: By) {
    wait_for(driver, by).await.click().await.expect("click");
}

async fn set_value(driver: &WebDriver, id: &str, value: &str) {
    let script = format!("document.getElementById({id:?}).value = {value:?};");
    driver
        .execute(&script, Vec::new())
        .await
        .expect("set value");
}

#[tokio::test]
async fn a_month_close_from_the_demo_on_the_first_in_chromium() {
    let (app, password) = demo_on("2027-02-01").await;
    let (driver, _chromedriver, profile) = start_browser().await;
    let base = format!("http://{}", app.addr);

    // The supporter on the 1st: last month's close comes first.
    sign_in(&driver, &base, "supporter11", &password).await;
    let close = wait_for(&driver, By::Id("month-close")).await;
    let text = close.text().await.unwrap();
    assert!(text.contains("先月の締め（2027-01）"), "{text}");
    assert!(text.contains("あと9日"), "{text}");
    let first = driver.find(By::Css("main > *:nth-child(3)")).await.unwrap();
    assert_eq!(
        first.id().await.unwrap().as_deref(),
        Some("month-close"),
        "leads the page"
    );
    check_page(&driver, "close-home-supporter").await;

    // The link opens the report of January.
    let link = wait_for(&driver, By::ClassName("fix-link")).await;
    assert!(link.text().await.unwrap().contains("支援レポート"));
    link.click().await.unwrap();
    let h1 = wait_for(&driver, By::Tag("h1")).await.text().await.unwrap();
    assert!(h1.contains("2027-01"), "{h1}");
    if let Ok(create) = driver.find(By::Id("create-report")).await {
        create.click().await.unwrap();
    }
    wait_for(&driver, By::Id("finalise")).await;
    check_page(&driver, "close-report-draft").await;
    click(&driver, By::Id("finalise")).await;

    // The confirmation says what will be fixed; 確定 is styled apart from 保存.
    let commit = wait_for(&driver, By::Id("confirm-commit")).await;
    assert_eq!(
        commit.class_name().await.unwrap().as_deref(),
        Some("commit")
    );
    let lead = wait_for(&driver, By::Id("confirm-lead"))
        .await
        .text()
        .await
        .unwrap();
    assert!(lead.contains("2027年1月"), "{lead}");
    check_page(&driver, "close-report-confirm").await;
    click(&driver, By::Id("confirm-commit")).await;

    // Final: share it with the client.
    wait_for(&driver, By::Id("share-h")).await;
    click(&driver, By::Id("f-share_recipient")).await;
    set_value(&driver, "f-share_shared_on", "2027-02-01").await;
    wait_for(
        &driver,
        By::Css("#f-share_method option[value='in_person']"),
    )
    .await
    .click()
    .await
    .unwrap();
    click(&driver, By::Id("share")).await;
    wait_for(&driver, By::Css("tr[id^='share-']")).await;

    // Enter in 場所 (a one-line field) does not send the long contact form.
    let client_path = driver.current_url().await.unwrap().path().to_string();
    let client_path = client_path.rsplit_once("/reports/").unwrap().0.to_string();
    let contacts_before = app.count("contacts").await;
    driver
        .goto(format!("{base}{client_path}/contacts/new"))
        .await
        .unwrap();
    let place = wait_for(&driver, By::Id("f-place")).await;
    place.send_keys("駅前のカフェ").await.unwrap();
    place.send_keys(Key::Enter).await.unwrap();
    tokio::time::sleep(std::time::Duration::from_millis(700)).await;
    assert!(
        driver
            .current_url()
            .await
            .unwrap()
            .path()
            .ends_with("/contacts/new"),
        "still on the form"
    );
    assert_eq!(
        app.count("contacts").await,
        contacts_before,
        "nothing saved"
    );
    check_page(&driver, "close-contact-form").await;
    // The history page of a record, and its correction form.
    driver
        .goto(format!("{base}{client_path}/contacts"))
        .await
        .unwrap();
    click(&driver, By::Css("a[id^='contact-history-']")).await;
    wait_for(&driver, By::Id("version-1")).await;
    check_page(&driver, "close-contact-history").await;
    click(&driver, By::Id("edit-contact")).await;
    wait_for(&driver, By::Id("f-contact_reason")).await;
    check_page(&driver, "close-contact-correct").await;

    // The manager: the close per supporter, then the claim of January.
    sign_in(&driver, &base, "manager1", &password).await;
    wait_for(&driver, By::Id("per-supporter-1")).await;
    check_page(&driver, "close-home-manager").await;
    driver
        .goto(format!("{base}/offices/1/month"))
        .await
        .unwrap();
    wait_for(&driver, By::Id("month-close")).await;
    check_page(&driver, "close-month-view").await;
    driver.goto(format!("{base}/")).await.unwrap();
    click(&driver, By::Id("close-claim-1")).await;
    wait_for(&driver, By::Id("lock-claim")).await;
    assert!(
        driver.find(By::Id("f-claim_reason")).await.is_err(),
        "the first lock asks no reason"
    );
    check_page(&driver, "close-claim").await;
    click(&driver, By::Id("lock-claim")).await;
    let facts = wait_for(&driver, By::Id("confirm-facts"))
        .await
        .text()
        .await
        .unwrap();
    assert!(facts.contains("算定できる"), "{facts}");
    assert!(facts.contains("0 件"), "{facts}");
    check_page(&driver, "close-claim-confirm").await;
    click(&driver, By::Id("confirm-commit")).await;
    wait_for(&driver, By::Id("claim-locked")).await;

    // The 国保連 file, fetched with the manager's session as the export form would.
    let result = driver
        .execute_async(
            "const done = arguments[arguments.length - 1];
             fetch('/offices/1/claims/2027-01/1/kokuho?purpose=claim')
               .then(async r => done([String(r.status), r.headers.get('content-disposition') || '',
                                      String((await r.arrayBuffer()).byteLength)]))
               .catch(e => done(['error', String(e), '0']));",
            Vec::new(),
        )
        .await
        .expect("fetch");
    let got: Vec<String> = result.convert().expect("strings");
    assert_eq!(got[0], "200", "{got:?}");
    assert!(got[1].contains(".CSV"), "{got:?}");
    assert!(got[2].parse::<usize>().unwrap_or(0) > 100, "{got:?}");

    // The claim master as the administrator.
    sign_in(&driver, &base, "admin", &password).await;
    driver
        .goto(format!("{base}/admin/claim-master"))
        .await
        .unwrap();
    wait_for(&driver, By::Id("master-todo")).await;
    check_page(&driver, "close-claim-master").await;

    driver.quit().await.unwrap();
    let _ = std::fs::remove_dir_all(profile);
}
