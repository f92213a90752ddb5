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

/// The two widths every page is checked at: a phone and a desktop.
pub const PHONE: (u32, u32) = (390, 844);
pub const DESKTOP: (u32, u32) = (1280, 900);

pub async fn resize(driver: &WebDriver, (w, h): (u32, u32)) {
    driver
        .set_window_rect(0, 0, w, h)
        .await
        .expect("window size");
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

/// Runs axe-core (WCAG 2.1 A and AA rules) on the current page and fails on any violation.
/// `scripts/test` installs axe-core with npm into `node_modules/`.
pub async fn assert_accessible(driver: &WebDriver, what: &str) {
    let path = std::env::var("TEICHAKU_AXE").unwrap_or_else(|_| {
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/node_modules/axe-core/axe.min.js"
        )
        .to_string()
    });
    let axe = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("axe-core not found at {path} (scripts/test installs it): {e}"));
    driver
        .execute(&axe, Vec::new())
        .await
        .expect("inject axe-core");
    let script = "const done = arguments[arguments.length - 1];
        axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })
           .then(r => done(r.violations.map(v => v.id + ' (' + v.nodes.length + '): ' + v.help + ' — '
                + v.nodes.map(n => n.target.join(' ')).join(', '))))
           .catch(e => done(['axe failed: ' + e]));";
    let result = driver
        .execute_async(script, Vec::new())
        .await
        .expect("run axe-core");
    let violations: Vec<String> = result.convert().expect("violations");
    assert!(
        violations.is_empty(),
        "accessibility violations on {what}:\n{}",
        violations.join("\n")
    );
}

async fn text_of(driver: &WebDriver, by: By) -> String {
    wait_for(driver, by).await.text().await.unwrap_or_default()
}

async fn click(driver: &WebDriver, by: By) {
    wait_for(driver, by).await.click().await.expect("click");
}

async fn type_into(driver: &WebDriver, id: &str, value: &str) {
    wait_for(driver, By::Id(id))
        .await
        .send_keys(value)
        .await
        .expect("type");
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
    click(driver, By::Id("save")).await;
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

fn screenshot_dir() -> Option<std::path::PathBuf> {
    std::env::var("TEICHAKU_SCREENSHOTS")
        .ok()
        .map(std::path::PathBuf::from)
}

/// axe-core at both widths (390 px and 1280 px), with a screenshot at each as
/// `{name}-{width}.png` in `TEICHAKU_SCREENSHOTS` when that is set.
pub async fn check_page(driver: &WebDriver, name: &str) {
    for (size, label) in [(PHONE, "390"), (DESKTOP, "1280")] {
        resize(driver, size).await;
        assert_accessible(driver, &format!("{name} at {label} px")).await;
        if let Some(dir) = screenshot_dir() {
            let _ = driver
                .screenshot(&dir.join(format!("{name}-{label}.png")))
                .await;
        }
    }
}

#[tokio::test]
async fn setup_sign_in_and_dashboard_in_chromium() {
    let app = spawn_app().await;
    let (driver, _chromedriver, profile) = start_browser().await;
    let base = format!("http://{}", app.addr);
    driver.goto(format!("{base}/")).await.unwrap();
    assert_eq!(text_of(&driver, By::Tag("h1")).await, "初期設定");
    assert!(
        driver
            .current_url()
            .await
            .unwrap()
            .as_str()
            .ends_with("/setup")
    );
    assert_accessible(&driver, "the setup page").await;
    // Without the token printed on the console, nobody becomes the administrator; the
    // address printed there fills it in.
    let token = app.setup_token().await;
    driver
        .goto(format!("{base}/setup?token={token}"))
        .await
        .unwrap();
    assert_eq!(
        wait_for(&driver, By::Id("f-setup_token"))
            .await
            .value()
            .await
            .unwrap()
            .as_deref(),
        Some(token.as_str())
    );
    for (id, value) in [
        ("f-organization_name", "ブラウザ法人"),
        ("f-display_name", "画面 確認"),
        ("f-login", "browser.admin"),
        ("f-email", "browser@example.jp"),
        ("f-password", PASSWORD),
        ("f-password_confirm", PASSWORD),
    ] {
        type_into(&driver, id, value).await;
    }
    click(&driver, By::Id("create-admin")).await;
    // Signed in straight away, with the first steps on the home page.
    let notice = text_of(&driver, By::ClassName("notice")).await;
    assert!(notice.contains("初期設定が終わりました"), "{notice}");
    wait_for(&driver, By::Id("first-day")).await;
    assert!(
        wait_for(&driver, By::Css("#step-office a"))
            .await
            .attr("href")
            .await
            .unwrap()
            .is_some_and(|h| h.ends_with("/offices/new"))
    );
    let welcome = text_of(&driver, By::Id("welcome")).await;
    assert!(welcome.contains("画面 確認"), "{welcome}");
    assert_eq!(driver.title().await.unwrap(), "ホーム | 定着 Teichaku");
    assert_accessible(&driver, "the dashboard").await;
    if let Some(dir) = screenshot_dir() {
        let _ = driver.screenshot(&dir.join("dashboard.png")).await;
    }
    driver.quit().await.unwrap();
    let _ = std::fs::remove_dir_all(profile);
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
    click(&driver, By::Id("sign-in")).await;
    wait_for(&driver, By::Id("welcome")).await;

    driver
        .goto(format!("{base}/offices/{office}/clients"))
        .await
        .unwrap();
    click(&driver, By::Id("new-client")).await;
    type_into(&driver, "f-client_name", "画面 花子").await;
    type_into(&driver, "f-kana", "がめん はなこ").await;
    set_value(&driver, "f-birth_date", "1995-05-05").await;
    click(&driver, By::Id("dis-mental")).await;
    click(
        &driver,
        By::Css("#f-prior_service option[value='employment_transition']"),
    )
    .await;
    type_into(&driver, "f-prior_office_name", "就労移行支援事業所あさひ").await;
    save(&driver).await;
    assert!(text_of(&driver, By::Tag("h1")).await.contains("画面 花子"));

    let today = teichaku::clock::today();
    let hire = teichaku::domain::rules::period::add_months(today, -12);
    click(&driver, By::Id("add-employment")).await;
    type_into(&driver, "f-employer_name", "株式会社みどり物流").await;
    type_into(&driver, "f-workplace_address", "船橋市本町0-0").await;
    type_into(&driver, "f-job_title", "倉庫内軽作業").await;
    type_into(&driver, "f-weekly_hours", "30").await;
    set_value(&driver, "f-hire_date", &hire.to_string()).await;
    save(&driver).await;

    click(&driver, By::Id("add-certificate")).await;
    type_into(&driver, "f-certificate_number", "0123456789").await;
    type_into(&driver, "f-municipality_code", "122044").await;
    type_into(&driver, "f-municipality_name", "船橋市").await;
    click(
        &driver,
        By::Css("#f-income_category option[value='general1']"),
    )
    .await;
    type_into(&driver, "f-monthly_cap_yen", "9300").await;
    let period_start = teichaku::domain::rules::period::add_months(hire, 6);
    set_value(&driver, "f-period_start", &period_start.to_string()).await;
    set_value(
        &driver,
        "f-period_end",
        &(today + time::Duration::days(20)).to_string(),
    )
    .await;
    save(&driver).await;

    let timeline = wait_for(&driver, By::Css("svg.timeline")).await;
    assert!(timeline.is_displayed().await.unwrap());
    let bars = driver.find_all(By::Css("svg.timeline rect")).await.unwrap();
    assert_eq!(
        bars.len(),
        3,
        "sending office, service window, one certificate period"
    );
    let warnings = text_of(&driver, By::ClassName("warnings")).await;
    assert!(
        warnings.contains("支給決定期間が90日以内に終わります"),
        "{warnings}"
    );
    assert!(
        warnings.contains("今日有効な契約がありません"),
        "{warnings}"
    );
    assert_eq!(text_of(&driver, By::Id("stage")).await, "利用中");
    assert_accessible(&driver, "the client page").await;
    if let Some(dir) = screenshot_dir() {
        let _ = driver.screenshot(&dir.join("client.png")).await;
    }
    driver
        .goto(format!("{base}/offices/{office}/clients"))
        .await
        .unwrap();
    wait_for(&driver, By::Id("new-client")).await;
    assert_accessible(&driver, "the client list").await;
    // A form sent back with its messages is accessible too.
    click(&driver, By::Id("new-client")).await;
    click(&driver, By::Id("save")).await;
    wait_for(&driver, By::ClassName("error-summary")).await;
    assert_accessible(&driver, "the client form with errors").await;
    driver.quit().await.unwrap();
    let _ = std::fs::remove_dir_all(profile);
}

#[tokio::test]
async fn a_visitor_finds_an_office_and_simulates_the_fee_in_chromium() {
    let app = spawn_app().await;
    app.signed_in_admin().await;
    let page = app
        .submit(
            "/offices/new",
            "/offices",
            &[
                ("name", "西船橋"),
                ("prefecture", "千葉県"),
                ("address", "船橋市西船4-0-0"),
                ("nearest_station", "西船橋駅"),
                ("phone", "047-000-0000"),
                ("hours", "平日 9:00〜18:00"),
                ("published", "1"),
            ],
        )
        .await;
    assert_eq!(page.status, reqwest::StatusCode::SEE_OTHER);
    let (driver, _chromedriver, profile) = start_browser().await;
    let base = format!("http://{}", app.addr);
    driver.goto(format!("{base}/find")).await.unwrap();
    assert_accessible(&driver, "the office finder").await;
    click(&driver, By::Css("#f-prefecture option[value='千葉県']")).await;
    click(&driver, By::Css("form.filters button")).await;
    click_settled(&driver, By::LinkText("西船橋")).await;
    // The office page replaces the list: wait for its heading, not the list's.
    let deadline = std::time::Instant::now() + Duration::from_secs(20);
    while text_of(&driver, By::Tag("h1")).await != "西船橋" {
        assert!(
            std::time::Instant::now() < deadline,
            "the office page did not open"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_accessible(&driver, "an office page").await;
    driver.goto(format!("{base}/guide")).await.unwrap();
    wait_for(&driver, By::Tag("h2")).await;
    assert_accessible(&driver, "the guide").await;
    driver.goto(format!("{base}/simulator")).await.unwrap();
    click(&driver, By::Id("hh-levy_under_160k")).await;
    click(&driver, By::Id("res-home")).await;
    type_into(&driver, "f-age", "28").await;
    click(&driver, By::Id("simulate")).await;
    assert!(
        text_of(&driver, By::Id("sim-category"))
            .await
            .contains("一般1")
    );
    assert_eq!(text_of(&driver, By::Id("sim-cap")).await, "9,300 円");
    assert_accessible(&driver, "the simulator with its result").await;
    driver.quit().await.unwrap();
    let _ = std::fs::remove_dir_all(profile);
}

/// A supporter's month: a face-to-face hearing with two concerns, the report finalised and
/// shared with the client, and the client turns green on the month view.
#[tokio::test]
async fn a_supporters_month_in_chromium() {
    let app = spawn_app().await;
    app.signed_in_admin().await;
    let office = app.create_office("西船橋").await;
    let sato = app.create_staff("month.sato", office, "supporter").await;
    let page = app
        .submit(
            &format!("/offices/{office}/clients/new"),
            &format!("/offices/{office}/clients"),
            &[
                ("client_name", "月次 花子"),
                ("kana", "げつじ はなこ"),
                ("birth_date", "1996-08-31"),
                ("disabilities", "mental"),
                ("prior_service", "employment_transition"),
                ("prior_office_name", "あさひ"),
                ("supporter_id", &sato.to_string()),
            ],
        )
        .await;
    let client = crate::helpers::id_from_location(&page.location(), "/clients/");
    let today = teichaku::clock::today();
    let hire = teichaku::domain::rules::period::add_months(today, -12);
    // The window's first day (民法第143条: a hire on the 29th–31st may start on the 1st).
    let start = teichaku::domain::rules::period::service_window(hire, None).earliest_start;
    for (path, fields) in [
        (
            format!("/clients/{client}/employments"),
            vec![
                ("employer_name", "株式会社みどり物流".to_string()),
                ("workplace_address", "船橋市".into()),
                ("job_title", "軽作業".into()),
                ("weekly_hours", "30".into()),
                ("ordinary_employment", "yes".into()),
                ("hire_date", hire.to_string()),
            ],
        ),
        (
            format!("/clients/{client}/certificates"),
            vec![
                ("certificate_number", "0123456789".to_string()),
                ("municipality_code", "122044".into()),
                ("municipality_name", "船橋市".into()),
                ("income_category", "general1".into()),
                ("monthly_cap_yen", "9300".into()),
                ("period_start", start.to_string()),
                (
                    "period_end",
                    teichaku::domain::rules::period::months_from(start, 12)
                        .last_day
                        .to_string(),
                ),
            ],
        ),
        // Without a contract the month is not claimable, so not green (issue 19).
        (
            format!("/clients/{client}/contracts"),
            vec![
                ("contract_date", start.to_string()),
                ("start_date", start.to_string()),
            ],
        ),
    ] {
        let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let r = app
            .submit(&format!("/clients/{client}"), &path, &fields)
            .await;
        assert_eq!(
            r.status,
            reqwest::StatusCode::SEE_OTHER,
            "{path}: {}",
            r.body
        );
    }

    let (driver, _chromedriver, profile) = start_browser().await;
    let base = format!("http://{}", app.addr);
    driver.goto(format!("{base}/login")).await.unwrap();
    type_into(&driver, "f-login", "month.sato").await;
    type_into(&driver, "f-password", PASSWORD).await;
    click(&driver, By::Id("sign-in")).await;
    wait_for(&driver, By::Id("welcome")).await;
    let row = format!("month-client-{client}");
    driver
        .goto(format!("{base}/offices/{office}/month"))
        .await
        .unwrap();
    assert_eq!(
        wait_for(&driver, By::Id(&row))
            .await
            .class_name()
            .await
            .unwrap()
            .as_deref(),
        Some("ng")
    );

    // The hearing: face to face with the client (both preselected), two concerns.
    driver
        .goto(format!("{base}/clients/{client}/contacts/new"))
        .await
        .unwrap();
    type_into(
        &driver,
        "f-heard",
        "朝起きられず、遅刻が2回あった。上司の指示が早口で聞き取りにくい。",
    )
    .await;
    type_into(
        &driver,
        "f-advice",
        "寝る時刻を決める。指示をメモでもらえるよう相談する。",
    )
    .await;
    click(
        &driver,
        By::Css("#f-concern_category_1 option[value='lateness_absence']"),
    )
    .await;
    click(
        &driver,
        By::Css("#f-concern_category_2 option[value='relationships']"),
    )
    .await;
    assert_accessible(&driver, "the contact form").await;
    click(&driver, By::Id("save")).await;
    wait_for(&driver, By::Id("new-contact")).await;
    let history = text_of(&driver, By::Tag("main")).await;
    assert!(
        history.contains("遅刻・欠勤") && history.contains("上司・同僚との人間関係"),
        "{history}"
    );
    assert_accessible(&driver, "the contacts history").await;

    // The month's report: create the draft, finalise it, share it with the client.
    driver
        .goto(format!("{base}/clients/{client}/reports"))
        .await
        .unwrap();
    let month = teichaku::domain::month::YearMonth::of(today).to_string();
    set_value(&driver, "f-report_month", &month).await;
    click(&driver, By::Id("create-report")).await;
    let body = text_of(&driver, By::Tag("textarea")).await;
    assert!(
        body.contains("遅刻"),
        "the draft is built from the hearing: {body}"
    );
    click(&driver, By::Id("finalise")).await;
    // 確定 asks first, showing what will be fixed.
    click(&driver, By::Id("confirm-commit")).await;
    click(&driver, By::Id("f-share_recipient")).await;
    click(
        &driver,
        By::Css("#f-share_method option[value='in_person']"),
    )
    .await;
    assert_accessible(&driver, "the report page").await;
    click(&driver, By::Id("share")).await;
    wait_for(&driver, By::Css("tr[id^='share-']")).await;

    driver
        .goto(format!("{base}/offices/{office}/month"))
        .await
        .unwrap();
    assert_eq!(
        wait_for(&driver, By::Id(&row))
            .await
            .class_name()
            .await
            .unwrap()
            .as_deref(),
        Some("ok"),
        "the client turned green"
    );
    assert_accessible(&driver, "the month view").await;
    if let Some(dir) = screenshot_dir() {
        let _ = driver.screenshot(&dir.join("month.png")).await;
    }
    driver.quit().await.unwrap();
    let _ = std::fs::remove_dir_all(profile);
}

/// Clicks an element that may belong to a page still being replaced: a click that hits the
/// page being left (a stale element) is tried again on the new one, for up to 20 s.
async fn click_settled(driver: &WebDriver, by: By) {
    let deadline = std::time::Instant::now() + Duration::from_secs(20);
    loop {
        match wait_for(driver, by.clone()).await.click().await {
            Ok(()) => return,
            Err(e) if std::time::Instant::now() > deadline => panic!("click {by:?}: {e}"),
            Err(_) => tokio::time::sleep(Duration::from_millis(100)).await,
        }
    }
}

/// Issue #5: a visitor finds 西船橋 in the office finder, works out the fee, and books a
/// tour on the inquiry form by choosing a slot; the office's supporter signs in, sees it in
/// the inbox, confirms it, and the confirmation reaches the visitor's mailbox.
#[tokio::test]
async fn a_visitor_books_a_tour_and_staff_confirm_it_in_chromium() {
    let sink = crate::smtp_sink::SmtpSink::start().await;
    let url = sink.url();
    let app = crate::helpers::spawn_app_with(move |c| {
        c.smtp_url = url;
        c.outbox_interval_ms = 200;
    })
    .await;
    app.signed_in_admin().await;
    let page = app
        .submit(
            "/offices/new",
            "/offices",
            &[
                ("name", "西船橋"),
                ("prefecture", "千葉県"),
                ("address", "船橋市西船4-0-0"),
                ("nearest_station", "西船橋駅"),
                ("phone", "047-000-0000"),
                ("published", "1"),
            ],
        )
        .await;
    let office = crate::helpers::id_from_location(&page.location(), "/offices/");
    let day = teichaku::clock::today() + time::Duration::days(3);
    let slots = format!("/offices/{office}/tours");
    let r = app
        .submit(
            &slots,
            &slots,
            &[
                ("slot_date", &day.to_string()),
                ("start_time", "14:00"),
                ("end_time", "15:00"),
                ("capacity", "3"),
                ("place_note", "2階の受付へ"),
            ],
        )
        .await;
    assert_eq!(r.status, reqwest::StatusCode::SEE_OTHER, "{}", r.body);
    let slot: i64 = teichaku::on_db!(&app.state.db, pool => sqlx::query_scalar("SELECT MAX(id) FROM tour_slots")
        .fetch_one(pool).await)
    .unwrap();
    app.create_staff("tour.sato", office, "supporter").await;

    let (driver, _chromedriver, profile) = start_browser().await;
    let base = format!("http://{}", app.addr);
    // The visitor: the office finder, the fee, then the form.
    driver.goto(format!("{base}/find")).await.unwrap();
    click(&driver, By::Css("#f-prefecture option[value='千葉県']")).await;
    click(&driver, By::Css("form.filters button")).await;
    click_settled(&driver, By::LinkText("西船橋")).await;
    wait_for(&driver, By::Id("inquiry-link")).await;
    assert_eq!(text_of(&driver, By::Tag("h1")).await, "西船橋");
    let office_page = driver.current_url().await.unwrap();
    driver.goto(format!("{base}/simulator")).await.unwrap();
    click(&driver, By::Id("hh-levy_under_160k")).await;
    click(&driver, By::Id("res-home")).await;
    type_into(&driver, "f-age", "28").await;
    click(&driver, By::Id("simulate")).await;
    assert_eq!(text_of(&driver, By::Id("sim-cap")).await, "9,300 円");
    driver.goto(office_page.as_str()).await.unwrap();
    click_settled(&driver, By::Id("inquiry-link")).await;
    click(&driver, By::Id(format!("slot-{slot}"))).await;
    type_into(&driver, "f-inquirer_name", "見学 花子").await;
    // A parent writes for their son, who works at a company since 2026-01-05.
    click(&driver, By::Css("#f-relationship option[value='parent']")).await;
    type_into(&driver, "f-person_name", "見学 一郎").await;
    type_into(&driver, "f-employer_name", "株式会社みどり物流").await;
    set_value(&driver, "f-hire_date", "2026-01-05").await;
    click(&driver, By::Id("by-email")).await;
    type_into(&driver, "f-email", "hanako@example.jp").await;
    click(&driver, By::Id("f-privacy")).await;
    assert_accessible(&driver, "the inquiry form with tour slots").await;
    // People take a few seconds; the form refuses anything faster.
    tokio::time::sleep(Duration::from_millis(3100)).await;
    click(&driver, By::Id("send")).await;
    wait_for(&driver, By::Id("thanks")).await;
    assert_eq!(text_of(&driver, By::Tag("h1")).await, "送信しました");
    // The thanks page repeats the slot and says it is only requested (仮予約).
    assert!(
        !text_of(&driver, By::Id("tour-request-slot"))
            .await
            .is_empty()
    );
    assert!(
        text_of(&driver, By::Id("tour-provisional"))
            .await
            .contains("仮予約")
    );
    assert_accessible(&driver, "the thanks page with the tour request").await;

    // The supporter: the inbox, the inquiry, the confirmation.
    driver.goto(format!("{base}/login")).await.unwrap();
    type_into(&driver, "f-login", "tour.sato").await;
    type_into(&driver, "f-password", PASSWORD).await;
    click(&driver, By::Id("sign-in")).await;
    wait_for(&driver, By::Id("welcome")).await;
    driver
        .goto(format!("{base}/offices/{office}/inquiries"))
        .await
        .unwrap();
    click_settled(&driver, By::LinkText("見学 花子")).await;
    assert_eq!(text_of(&driver, By::Id("tour-status")).await, "希望");
    assert_eq!(text_of(&driver, By::Id("person-name")).await, "見学 一郎");
    assert_eq!(text_of(&driver, By::Id("person-relationship")).await, "親");
    wait_for(&driver, By::Id("person-outlook")).await;
    assert_accessible(&driver, "an inquiry with a requested tour").await;
    click(&driver, By::Id("confirm-tour")).await;
    wait_for(&driver, By::ClassName("notice")).await;
    assert_eq!(text_of(&driver, By::Id("tour-status")).await, "確定");
    assert_eq!(text_of(&driver, By::Id("status")).await, "見学日程確定");
    assert_accessible(&driver, "an inquiry with a confirmed tour").await;
    driver.goto(format!("{base}{slots}")).await.unwrap();
    assert!(
        text_of(&driver, By::Id(format!("slot-{slot}")))
            .await
            .contains("見学 花子")
    );
    assert_accessible(&driver, "the office's tour slots").await;
    if let Some(dir) = screenshot_dir() {
        let _ = driver.screenshot(&dir.join("tours.png")).await;
    }
    driver.quit().await.unwrap();
    let _ = std::fs::remove_dir_all(profile);

    // The receipt, then the confirmation with the day, the place and what to bring.
    let got = sink.wait_for(2, Duration::from_secs(10)).await;
    let confirmation = got
        .iter()
        .map(|m| crate::email::decode_body(&m.data))
        .find(|b| b.contains("次の日時でお待ちしています"))
        .expect("the confirmation arrived");
    let starts = teichaku::domain::tour::in_japan(day, time::Time::from_hms(14, 0, 0).unwrap());
    let label = teichaku::domain::tour::label_ja(starts, starts + time::Duration::hours(1));
    for part in [label.as_str(), "西船橋駅", "2階の受付へ", "筆記用具"] {
        assert!(confirmation.contains(part), "{part} in:\n{confirmation}");
    }
}

/// Issue #6: the claim pages a manager works through, checked with axe in Chromium: the
/// month's claim, the retention rate, the office's claim settings, a client's 地域連携会議,
/// the 上限額管理結果 form and the master data.
#[tokio::test]
async fn the_claim_pages_in_chromium() {
    let app = spawn_app().await;
    let (office, ids) = crate::claims::office_month(&app).await;
    let (driver, _chromedriver, profile) = start_browser().await;
    let base = format!("http://{}", app.addr);
    driver.goto(format!("{base}/login")).await.unwrap();
    type_into(&driver, "f-login", crate::helpers::ADMIN_LOGIN).await;
    type_into(&driver, "f-password", PASSWORD).await;
    click(&driver, By::Id("sign-in")).await;
    wait_for(&driver, By::Id("welcome")).await;
    let pages = [
        (
            format!("/offices/{office}/claims?month=2026-10"),
            format!("claim-client-{}", ids[0]),
            "the claim page",
        ),
        (
            format!("/offices/{office}/retention?fy=2026"),
            "rate-in-force".to_string(),
            "the retention rate",
        ),
        (
            format!("/offices/{office}/claim-settings"),
            "f-area_grade".to_string(),
            "the claim settings",
        ),
        (
            format!("/clients/{}/meetings", ids[0]),
            "f-agencies".to_string(),
            "the 地域連携会議 records",
        ),
        (
            format!("/offices/{office}/claims/cap/{}?month=2026-10", ids[3]),
            "f-cap_result".to_string(),
            "the cap management form",
        ),
        (
            "/admin/claim-master".to_string(),
            "f-master_item".to_string(),
            "the master data",
        ),
    ];
    for (path, id, what) in pages {
        driver.goto(format!("{base}{path}")).await.unwrap();
        wait_for(&driver, By::Id(&id)).await;
        assert_accessible(&driver, what).await;
    }
    driver.quit().await.unwrap();
    let _ = std::fs::remove_dir_all(profile);
}
