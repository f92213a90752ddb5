//! Issue 14's "Done when" in headless Chromium: a supporter records a hearing with 寝坊,
//! presses 似た事例を見る (no JavaScript), sees a resolved 遅刻 case of another office of
//! the organisation (shared) with no name in it, saves the hearing, opens the case and
//! notes it helped; the home page's 気になる利用者 shows the client with the reasons, and a
//! dismissal is recorded with who and why. axe-core checks every page at 390 px and
//! 1280 px; `TEICHAKU_SCREENSHOTS=dir` keeps a screenshot of each.
use reqwest::StatusCode;
use thirtyfour::prelude::*;

use crate::browser::{DESKTOP, PHONE, assert_accessible, resize, start_browser, wait_for};
use crate::helpers::{PASSWORD, TestApp, spawn_app};

/// axe at both widths, with a screenshot at each.
async fn check(driver: &WebDriver, name: &str) {
    for (w, size) in [("390", PHONE), ("1280", DESKTOP)] {
        resize(driver, size).await;
        assert_accessible(driver, &format!("{name} at {w} px")).await;
        if let Ok(dir) = std::env::var("TEICHAKU_SCREENSHOTS") {
            let _ = driver
                .screenshot(&std::path::Path::new(&dir).join(format!("cases-{name}-{w}.png")))
                .await;
        }
    }
}

async fn body(driver: &WebDriver) -> String {
    driver.source().await.unwrap_or_default()
}

async fn fill(driver: &WebDriver, id: &str, value: &str) {
    let field = wait_for(driver, By::Id(id)).await;
    field.clear().await.expect("clear");
    field.send_keys(value).await.expect("type");
}

async fn choose(driver: &WebDriver, select: &str, value: &str) {
    wait_for(
        driver,
        By::Css(format!("#{select} option[value='{value}']")),
    )
    .await
    .click()
    .await
    .expect("choose");
}

async fn sign_in(driver: &WebDriver, base: &str, login: &str) {
    driver.delete_all_cookies().await.expect("cookies");
    driver.goto(format!("{base}/login")).await.unwrap();
    fill(driver, "f-login", login).await;
    let pw = wait_for(driver, By::Id("f-password")).await;
    pw.send_keys(PASSWORD).await.unwrap();
    pw.send_keys(Key::Enter).await.unwrap();
    wait_for(driver, By::Id("welcome")).await;
}

/// A hearing with one concern, resolved, through the forms.
async fn resolved(app: &TestApp, client: i64, heard: &str, category: &str, resolution: &str) {
    let day = teichaku::clock::today().to_string();
    let c = format!("/clients/{client}");
    let page = app
        .submit(
            &format!("{c}/contacts/new"),
            &format!("{c}/contacts"),
            &[
                ("contact_date", &day),
                ("contact_time", "09:00"),
                ("mode", "phone"),
                ("participants", "client"),
                ("heard", heard),
                ("concern_category_1", category),
                ("concern_severity_1", "1"),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    let concern: i64 = teichaku::on_db!(&app.state.db, pool => sqlx::query_scalar(
        "SELECT MAX(id) FROM concerns WHERE client_id = $1").bind(client).fetch_one(pool).await)
    .expect("concern");
    if !resolution.is_empty() {
        let page = app
            .submit(
                &format!("{c}/contacts"),
                &format!("{c}/concerns/{concern}/resolve"),
                &[("resolution", resolution)],
            )
            .await;
        assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    }
}

#[tokio::test]
async fn a_hearing_finds_a_shared_case_and_the_warning_list_explains_itself() {
    let app = spawn_app().await;
    app.signed_in_admin().await;
    let a = app.create_office("西船橋").await;
    let b = app.create_office("青森").await;
    let sato = app.create_staff("sato", a, "supporter").await;
    let kudo = app.create_staff("kudo", b, "supporter").await;
    let client = app
        .register_client(a, "山田 花子", "やまだ はなこ", sato)
        .await;
    let other = app
        .register_client(b, "鈴木 一郎", "すずき いちろう", kudo)
        .await;
    let hire = (teichaku::clock::today() - time::Duration::days(40)).to_string();
    let page = app
        .submit(
            &format!("/clients/{client}/employments/new"),
            &format!("/clients/{client}/employments"),
            &[
                ("employer_name", "株式会社みどり物流"),
                ("workplace_address", "船橋市本町0-0"),
                ("supervisor_name", "物流 課長"),
                ("job_title", "倉庫内軽作業"),
                ("weekly_hours", "30"),
                ("ordinary_employment", "yes"),
                ("hire_date", &hire),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    // Office B's resolved 遅刻 case, told with the client's name; B shares its cases.
    resolved(
        &app,
        other,
        "鈴木さんは朝起きられず遅刻が続いた",
        "lateness_absence",
        "鈴木一郎さんと決めて、目覚ましを二つにし就寝時刻を表に書いた",
    )
    .await;
    let b_id = b.to_string();
    let page = app
        .submit(
            "/admin/case-sharing",
            "/admin/case-sharing",
            &[("share", &b_id)],
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    // An earlier health concern of 山田 (open), so the hearing makes a repeat.
    resolved(&app, client, "薬を飲み忘れた", "medication", "").await;

    let (driver, _guard, _profile) = start_browser().await;
    let base = format!("http://{}", app.addr);
    resize(&driver, DESKTOP).await;
    sign_in(&driver, &base, "sato").await;
    // The hearing: 寝坊, then 似た事例を見る.
    driver
        .goto(format!("{base}/clients/{client}/contacts/new"))
        .await
        .unwrap();
    fill(&driver, "f-heard", "最近、寝坊が続いて朝がつらいと話した").await;
    choose(&driver, "f-concern_category_1", "sleep_rhythm").await;
    fill(&driver, "f-concern_note_1", "寝坊").await;
    wait_for(&driver, By::Id("similar"))
        .await
        .click()
        .await
        .unwrap();
    wait_for(&driver, By::Id("similar-count")).await;
    let page = body(&driver).await;
    assert!(
        page.contains("目覚ましを二つに"),
        "the shared 遅刻 case is offered"
    );
    assert!(page.contains("他の事業所") && page.contains("青森"));
    for name in ["鈴木", "一郎"] {
        assert!(!page.contains(name), "{name} shown");
    }
    assert!(
        page.contains("最近、寝坊が続いて"),
        "what was typed is kept"
    );
    check(&driver, "form-similar").await;
    let href = wait_for(&driver, By::Css("a.open-case"))
        .await
        .attr("href")
        .await
        .unwrap()
        .expect("href");
    assert!(!href.contains("/clients/"), "no client id to the case");
    // Save the hearing, then open the case and note it helped.
    wait_for(&driver, By::Id("save"))
        .await
        .click()
        .await
        .unwrap();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    while !driver
        .current_url()
        .await
        .map(|u| u.as_str().contains("n=saved"))
        .unwrap_or(false)
    {
        assert!(
            std::time::Instant::now() < deadline,
            "the hearing was saved"
        );
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    let url = if href.starts_with("http") {
        href
    } else {
        format!("{base}{href}")
    };
    driver.goto(url).await.unwrap();
    wait_for(&driver, By::Id("case-h")).await;
    assert!(!body(&driver).await.contains("鈴木"));
    check(&driver, "case-open").await;
    wait_for(&driver, By::Id("helpful"))
        .await
        .click()
        .await
        .unwrap();
    wait_for(&driver, By::Id("helpful-noted")).await;
    assert_eq!(app.count("case_helpful").await, 1);
    // The home page: 気になる利用者 with the reasons.
    driver.goto(format!("{base}/")).await.unwrap();
    wait_for(&driver, By::Id("warnings-h")).await;
    let page = body(&driver).await;
    for text in [
        "山田 花子",
        "体調・服薬・睡眠の困りごとが60日間に2回",
        "就職2か月目",
    ] {
        assert!(page.contains(text), "{text} on the home page");
    }
    check(&driver, "home").await;
    wait_for(
        &driver,
        By::Css(format!("a[href='/clients/{client}/warnings']")),
    )
    .await
    .click()
    .await
    .unwrap();
    wait_for(&driver, By::Id("signs")).await;
    check(&driver, "client-signs").await;
    choose(&driver, "f-signal", "repeating_health").await;
    fill(
        &driver,
        "f-reason",
        "主治医と服薬を調整中で、来週の通院で確認する",
    )
    .await;
    wait_for(&driver, By::Id("dismiss"))
        .await
        .click()
        .await
        .unwrap();
    wait_for(&driver, By::Id("dismissals")).await;
    let page = body(&driver).await;
    assert!(page.contains("主治医と服薬を調整中") && page.contains("見送り中"));
    assert_eq!(app.audit_rows("warning.dismiss").await.len(), 1);
    check(&driver, "client-dismissed").await;
    // The manager's and the administrator's settings pages.
    sign_in(&driver, &base, teichaku_admin()).await;
    driver
        .goto(format!("{base}/offices/{a}/warnings"))
        .await
        .unwrap();
    wait_for(&driver, By::Id("f-repeat_days")).await;
    check(&driver, "settings").await;
    driver
        .goto(format!("{base}/admin/case-sharing"))
        .await
        .unwrap();
    wait_for(&driver, By::Id(format!("share-{b}"))).await;
    check(&driver, "sharing").await;
    driver
        .goto(format!("{base}/offices/{a}/cases?q=%E5%AF%9D%E5%9D%8A"))
        .await
        .unwrap();
    wait_for(&driver, By::Css("ol.cases")).await;
    check(&driver, "search").await;
    driver.quit().await.expect("quit");
}

fn teichaku_admin() -> &'static str {
    crate::helpers::ADMIN_LOGIN
}
