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
