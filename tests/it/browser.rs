//! The browser test, in real headless Chromium through chromedriver: open the setup page,
//! create the admin, sign in, see the dashboard. Needs `chromium` and `chromium-driver`
//! (Debian packages; `scripts/test` installs them).
use std::{
    net::TcpListener,
    process::{Child, Command, Stdio},
    time::Duration,
};

use thirtyfour::prelude::*;

use crate::helpers::{PASSWORD, random_suffix, spawn_app};

pub struct KillOnDrop(Child);
impl Drop for KillOnDrop {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

pub async fn start_browser() -> (WebDriver, KillOnDrop, std::path::PathBuf) {
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let driver_bin =
        std::env::var("CHROMEDRIVER").unwrap_or_else(|_| "/usr/bin/chromedriver".into());
    let child = Command::new(&driver_bin)
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start {driver_bin} (install chromium-driver): {e}"));
    let guard = KillOnDrop(child);
    for _ in 0..100 {
        if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let profile = std::env::temp_dir().join(format!("teichaku-chrome-{}", random_suffix()));
    let mut caps = DesiredCapabilities::chrome();
    caps.set_binary(&std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into()))
        .unwrap();
    for arg in [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
        "--window-size=1024,768",
        "--lang=ja-JP",
    ] {
        caps.add_arg(arg).unwrap();
    }
    caps.add_arg(&format!("--user-data-dir={}", profile.display()))
        .unwrap();
    let driver = WebDriver::new(format!("http://127.0.0.1:{port}"), caps)
        .await
        .expect("start Chromium");
    (driver, guard, profile)
}

/// Waits up to 20 s for an element to appear after a navigation. (Right after a click that
/// submits a form, a lookup can run against the page being left; polling `find_all` is
/// immune to that.)
pub async fn wait_for(driver: &WebDriver, by: By) -> WebElement {
    let deadline = std::time::Instant::now() + Duration::from_secs(20);
    loop {
        if let Ok(found) = driver.find_all(by.clone()).await
            && let Some(first) = found.into_iter().next()
        {
            return first;
        }
        if std::time::Instant::now() > deadline {
            let source = driver.source().await.unwrap_or_default();
            panic!("{by:?} did not appear; the page is:\n{source}");
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

#[tokio::test]
async fn setup_sign_in_and_dashboard_in_chromium() {
    let app = spawn_app().await;
    let (driver, _chromedriver, profile) = start_browser().await;
    let base = format!("http://{}", app.addr);
    driver.goto(format!("{base}/")).await.unwrap();
    assert!(
        driver
            .current_url()
            .await
            .unwrap()
            .as_str()
            .ends_with("/setup")
    );
    assert_eq!(
        driver
            .find(By::Tag("h1"))
            .await
            .unwrap()
            .text()
            .await
            .unwrap(),
        "初期設定"
    );
    for (id, value) in [
        ("f-organization_name", "ブラウザ法人"),
        ("f-display_name", "画面 確認"),
        ("f-login", "browser.admin"),
        ("f-email", "browser@example.jp"),
        ("f-password", PASSWORD),
        ("f-password_confirm", PASSWORD),
    ] {
        driver
            .find(By::Id(id))
            .await
            .unwrap()
            .send_keys(value)
            .await
            .unwrap();
    }
    driver
        .find(By::Id("create-admin"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    let notice = match driver.find(By::ClassName("notice")).await {
        Ok(n) => n.text().await.unwrap(),
        Err(e) => panic!(
            "no notice after setup ({e}); page was:\n{}",
            driver.source().await.unwrap_or_default()
        ),
    };
    assert!(notice.contains("初期設定が終わりました"), "{notice}");
    // Sign in with the keyboard, as many users do.
    driver
        .find(By::Id("f-login"))
        .await
        .unwrap()
        .send_keys("browser.admin")
        .await
        .unwrap();
    let pw = driver.find(By::Id("f-password")).await.unwrap();
    pw.send_keys(PASSWORD).await.unwrap();
    pw.send_keys(Key::Enter).await.unwrap();
    let welcome = driver
        .find(By::Id("welcome"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(welcome.contains("画面 確認"), "{welcome}");
    assert_eq!(driver.title().await.unwrap(), "ホーム | 定着 Teichaku");
    if let Ok(dir) = std::env::var("TEICHAKU_SCREENSHOTS") {
        let _ = driver
            .screenshot(&std::path::Path::new(&dir).join("dashboard.png"))
            .await;
    }
    driver.quit().await.unwrap();
    let _ = std::fs::remove_dir_all(profile);
}

/// Sets a form field's value by id (date inputs take typed digits differently per locale).
async fn set_value(driver: &WebDriver, id: &str, value: &str) {
    let script = format!("document.getElementById({id:?}).value = {value:?};");
    driver
        .execute(&script, Vec::new())
        .await
        .expect("set value");
}

/// Clicks the form's save button and waits for the client page (`#stage`); fails with the
/// page's error summary if the form came back instead.
async fn save(driver: &WebDriver) {
    driver
        .find(By::Id("save"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    let landed = wait_for(driver, By::Css("#stage, .error-summary")).await;
    if landed.id().await.unwrap_or_default().as_deref() != Some("stage") {
        let source = driver.source().await.unwrap_or_default();
        let start = source.find("class=\"error-summary\"").unwrap_or(0);
        panic!(
            "the form was refused: {}",
            &source[start..(start + 1500).min(source.len())]
        );
    }
}

async fn type_into(driver: &WebDriver, id: &str, value: &str) {
    driver
        .find(By::Id(id))
        .await
        .unwrap()
        .send_keys(value)
        .await
        .unwrap();
}

#[tokio::test]
async fn register_a_client_and_see_the_timeline_and_a_warning_in_chromium() {
    let app = spawn_app().await;
    app.signed_in_admin().await;
    let office = app.create_office("西船橋").await;
    app.create_staff("browser.sato", office, "supporter").await;
    let (driver, _chromedriver, profile) = start_browser().await;
    let base = format!("http://{}", app.addr);
    driver.goto(format!("{base}/login")).await.unwrap();
    type_into(&driver, "f-login", "browser.sato").await;
    type_into(&driver, "f-password", PASSWORD).await;
    driver
        .find(By::Id("sign-in"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    driver.find(By::Id("welcome")).await.unwrap();

    driver
        .goto(format!("{base}/offices/{office}/clients"))
        .await
        .unwrap();
    driver
        .find(By::Id("new-client"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    type_into(&driver, "f-client_name", "画面 花子").await;
    type_into(&driver, "f-kana", "がめん はなこ").await;
    set_value(&driver, "f-birth_date", "1995-05-05").await;
    driver
        .find(By::Id("dis-mental"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    driver
        .find(By::Css(
            "#f-prior_service option[value='employment_transition']",
        ))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    type_into(&driver, "f-prior_office_name", "就労移行支援事業所あさひ").await;
    save(&driver).await;
    let h1 = driver
        .find(By::Tag("h1"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    if !h1.contains("画面 花子") {
        let summary = driver
            .find(By::ClassName("error-summary"))
            .await
            .map(|e| format!("{e:?}"))
            .unwrap_or_default();
        let source = driver.source().await.unwrap_or_default();
        panic!(
            "registration did not go through: {h1}\n{summary}\n{}",
            &source[source.find("<main").unwrap_or(0)..]
        );
    }

    let today = teichaku::clock::today();
    let hire = teichaku::domain::rules::period::add_months(today, -12);
    driver
        .find(By::Id("add-employment"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    type_into(&driver, "f-employer_name", "株式会社みどり物流").await;
    type_into(&driver, "f-workplace_address", "船橋市本町0-0").await;
    type_into(&driver, "f-job_title", "倉庫内軽作業").await;
    type_into(&driver, "f-weekly_hours", "30").await;
    set_value(&driver, "f-hire_date", &hire.to_string()).await;
    save(&driver).await;

    driver
        .find(By::Id("add-certificate"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    type_into(&driver, "f-certificate_number", "0123456789").await;
    type_into(&driver, "f-municipality_code", "122044").await;
    type_into(&driver, "f-municipality_name", "船橋市").await;
    driver
        .find(By::Css("#f-income_category option[value='general1']"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    type_into(&driver, "f-monthly_cap_yen", "9300").await;
    set_value(
        &driver,
        "f-period_start",
        &teichaku::domain::rules::period::add_months(hire, 6).to_string(),
    )
    .await;
    set_value(
        &driver,
        "f-period_end",
        &(today + time::Duration::days(20)).to_string(),
    )
    .await;
    save(&driver).await;

    let timeline = driver.find(By::Css("svg.timeline")).await.unwrap();
    assert!(timeline.is_displayed().await.unwrap());
    let bars = driver.find_all(By::Css("svg.timeline rect")).await.unwrap();
    assert_eq!(
        bars.len(),
        3,
        "sending office, service window, one certificate period"
    );
    let warnings = driver
        .find(By::ClassName("warnings"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        warnings.contains("支給決定期間が90日以内に終わります"),
        "{warnings}"
    );
    assert!(
        warnings.contains("今日有効な契約がありません"),
        "{warnings}"
    );
    assert_eq!(
        driver
            .find(By::Id("stage"))
            .await
            .unwrap()
            .text()
            .await
            .unwrap(),
        "利用中"
    );
    if let Ok(dir) = std::env::var("TEICHAKU_SCREENSHOTS") {
        let _ = driver
            .screenshot(&std::path::Path::new(&dir).join("client.png"))
            .await;
    }
    driver.quit().await.unwrap();
    let _ = std::fs::remove_dir_all(profile);
}
