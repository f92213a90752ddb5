//! Two-factor sign-in in real Chromium (#16): set it up from the account page with a code
//! computed from the secret the page shows, see the recovery codes, sign out, sign in with
//! the password and then a code; axe-core on every new page (and on a refused code).
use thirtyfour::prelude::*;

use crate::browser::{assert_accessible, start_browser, wait_for};
use crate::helpers::{ADMIN_LOGIN, PASSWORD, spawn_app};
use crate::two_factor::code_at;

fn now() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .expect("clock")
        .as_secs()
}

async fn type_into(driver: &WebDriver, id: &str, value: &str) {
    wait_for(driver, By::Id(id))
        .await
        .send_keys(value)
        .await
        .expect("type");
}

async fn shot(driver: &WebDriver, name: &str) {
    if let Ok(dir) = std::env::var("TEICHAKU_SCREENSHOTS") {
        let _ = driver
            .screenshot(&std::path::Path::new(&dir).join(name))
            .await;
    }
}

#[tokio::test]
async fn set_up_two_factor_and_sign_in_with_it_in_chromium() {
    let app = spawn_app().await;
    app.setup_admin().await;
    let (driver, _chromedriver, profile) = start_browser().await;
    let base = format!("http://{}", app.addr);

    driver.goto(format!("{base}/login")).await.unwrap();
    type_into(&driver, "f-login", ADMIN_LOGIN).await;
    let pw = wait_for(&driver, By::Id("f-password")).await;
    pw.send_keys(PASSWORD).await.unwrap();
    pw.send_keys(Key::Enter).await.unwrap();
    wait_for(&driver, By::Id("welcome")).await;

    // From the account page to the set-up page.
    driver
        .goto(format!("{base}/account/password"))
        .await
        .unwrap();
    wait_for(&driver, By::Id("nav-two-factor"))
        .await
        .click()
        .await
        .unwrap();
    let secret_el = wait_for(&driver, By::Id("totp-secret")).await;
    let secret = secret_el
        .attr("data-secret")
        .await
        .unwrap()
        .expect("secret");
    assert!(
        wait_for(&driver, By::Css(".qr svg"))
            .await
            .is_displayed()
            .await
            .unwrap(),
        "QR code shown"
    );
    assert_accessible(&driver, "the two-factor set-up page").await;
    shot(&driver, "totp-setup.png").await;
    // A wrong code first: the field says so.
    type_into(&driver, "f-code", "000000").await;
    wait_for(&driver, By::Id("totp-enable"))
        .await
        .click()
        .await
        .unwrap();
    wait_for(&driver, By::Id("e-code")).await;
    assert_accessible(&driver, "the set-up page with a refused code").await;
    type_into(&driver, "f-code", &code_at(&secret, now())).await;
    wait_for(&driver, By::Id("totp-enable"))
        .await
        .click()
        .await
        .unwrap();
    let codes = wait_for(&driver, By::Id("recovery-codes")).await;
    assert_eq!(codes.find_all(By::Tag("li")).await.unwrap().len(), 10);
    assert_accessible(&driver, "the recovery codes page").await;
    shot(&driver, "totp-recovery.png").await;

    // Sign out, then in: the password leads to the code.
    wait_for(&driver, By::Css("form[action='/logout'] button"))
        .await
        .click()
        .await
        .unwrap();
    wait_for(&driver, By::Id("f-login")).await;
    type_into(&driver, "f-login", ADMIN_LOGIN).await;
    let pw = wait_for(&driver, By::Id("f-password")).await;
    pw.send_keys(PASSWORD).await.unwrap();
    pw.send_keys(Key::Enter).await.unwrap();
    wait_for(&driver, By::Id("totp-verify")).await;
    assert!(
        driver
            .current_url()
            .await
            .unwrap()
            .as_str()
            .ends_with("/login/two-factor")
    );
    assert_accessible(&driver, "the second step of sign-in").await;
    shot(&driver, "totp-step.png").await;
    type_into(&driver, "f-code", "999999").await;
    wait_for(&driver, By::Id("totp-verify"))
        .await
        .click()
        .await
        .unwrap();
    wait_for(&driver, By::Id("e-code")).await;
    assert_accessible(&driver, "the second step with a refused code").await;
    shot(&driver, "totp-step-refused.png").await;
    // The set-up used this step's code; the app's next one is accepted (±1 step).
    let code = wait_for(&driver, By::Id("f-code")).await;
    code.send_keys(code_at(&secret, now() + 30)).await.unwrap();
    code.send_keys(Key::Enter).await.unwrap();
    wait_for(&driver, By::Id("welcome")).await;

    // The administrator's side: the requirement on the staff list.
    driver.goto(format!("{base}/staff")).await.unwrap();
    wait_for(&driver, By::Id("f-require")).await;
    assert_accessible(&driver, "the staff list with the two-factor requirement").await;
    // The administrator's own edit page offers the reset (two-factor is on for them).
    wait_for(&driver, By::Css("td a[href$='/edit']"))
        .await
        .click()
        .await
        .unwrap();
    wait_for(&driver, By::Id("reset-two-factor")).await;
    assert_accessible(&driver, "the staff edit page with the two-factor reset").await;
    shot(&driver, "totp-staff-edit.png").await;
    driver.quit().await.unwrap();
    let _ = std::fs::remove_dir_all(profile);
}
