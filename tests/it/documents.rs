//! Printed documents (issue 12, item 5): the 支援レポート and the 就労定着支援計画 on A4 with the
//! issuer (法人名, 事業所番号, address), the month as written on paper (西暦 or 和暦 as the
//! office chooses), signature lines for 本人, the サービス管理責任者 and the employer. Through
//! the pages on both engines; the browser test prints each as PDF in Chromium and counts the
//! pages (one A4 page each for a typical report and plan), with axe-core at 390 px and 1280 px.

use reqwest::StatusCode;
use thirtyfour::common::print::{PrintMargins, PrintPage, PrintParameters};
use thirtyfour::prelude::*;

use crate::browser::{DESKTOP, PHONE, assert_accessible, resize, start_browser, wait_for};
use crate::helpers::{PASSWORD, TestApp, spawn_app};

/// A typical month's report: what the supporter writes for one month (about 900 characters).
const REPORT_BODY: &str = "今月の様子
10月は対面で2回、電話で1回お話をしました。検品作業の手順にも慣れ、ミスは先月より減っています。朝の通勤は安定しており、遅刻や欠勤はありませんでした。
10月20日の職場訪問では、上司の山田課長から「作業のスピードが上がり、周りとも挨拶ができている」とのお話がありました。

気になっていること
繁忙期に入り残業が週に2回ほどあり、帰宅後に疲れが残ると話していました。睡眠は6時間ほど取れていますが、休日に寝て過ごすことが増えています。
作業の指示が口頭だけのときに、聞き漏らしが不安だと話していました。

職場と一緒に決めたこと
・作業の指示は、できるだけメモかホワイトボードでも伝えていただく。
・残業は週2回までとし、翌日の体調を本人が上司に伝える。
・困ったときは、まず山田課長に相談し、話しにくいときは支援員に連絡する。

来月に向けて
疲れのサインを本人が書き出し、面談で一緒に確かめます。11月の職場訪問は11月中旬を予定しています。
通院は月1回続いており、主治医からは今の働き方で問題ないと言われています。引き続き、生活リズムが崩れていないかを確認します。";

/// Admin + office (with a 事業所番号) + supporter `sato` + client 山田 花子 employed at
/// 株式会社みどり物流; a finalised report for 2026-10 and an agreed plan. Returns (office,
/// client, plan id, sato's browser).
pub(crate) async fn office_with_documents(app: &TestApp) -> (i64, i64, i64, TestApp) {
    let (office, _, client) = app.office_with_client().await;
    let edit = app
        .submit(
            &format!("/offices/{office}/edit"),
            &format!("/offices/{office}"),
            &office_form("1212345678", false),
        )
        .await;
    assert_eq!(edit.status, StatusCode::SEE_OTHER, "{}", edit.body);
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
    let s = app.signed_in_as("sato").await;
    let reports = format!("{c}/reports");
    let page = s
        .submit(&reports, &reports, &[("report_month", "2026-10")])
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    let path = format!("{reports}/2026-10");
    let page = s
        .submit(
            &path,
            &format!("{path}/finalise"),
            &[
                ("version", "1"),
                ("report_body", REPORT_BODY),
                ("confirm", "yes"),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);

    let plans = format!("{c}/plans");
    let page = s
        .submit(
            &format!("{plans}/new"),
            &plans,
            &[
                (
                    "plan_goals",
                    "週5日、休まずに働き続ける。\n疲れをためずに、残業にも少しずつ慣れる。",
                ),
                (
                    "plan_support_content",
                    "月2回の面談で、体調と仕事の様子を聞く。\n月1回は職場を訪問し、上司と本人の三者で話す。\n困ったときの相談先を本人と一緒に決め、紙に書いて持っておく。\n通院の予定を確かめ、生活リズムが崩れていないかを見る。",
                ),
                ("plan_contact_frequency", "月2回の面談と月1回の職場訪問"),
                (
                    "plan_employer_role",
                    "作業の指示はメモでも伝える。困ったときの相談先を決めておく。",
                ),
                ("plan_start_on", "2026-04-01"),
                ("plan_review_on", ""),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    let pid: i64 = teichaku::on_db!(&app.state.db, pool => sqlx::query_scalar(
        "SELECT id FROM support_plans WHERE client_id = $1")
        .bind(client).fetch_one(pool).await)
    .expect("plan id");
    (office, client, pid, s)
}

/// The office form as `create_office` filled it, with a 事業所番号 and the era option.
fn office_form(number: &'static str, era: bool) -> Vec<(&'static str, &'static str)> {
    let mut form = vec![
        ("name", "西船橋"),
        ("office_number", number),
        ("prefecture", "千葉県"),
        ("address", "船橋市西船4-0-0"),
        ("nearest_station", "西船橋駅"),
        ("phone", "047-000-0000"),
    ];
    if era {
        form.push(("era_dates", "1"));
    }
    form
}

#[tokio::test]
async fn printed_documents_carry_the_issuer_the_month_and_the_signature_lines() {
    let app = spawn_app().await;
    let (office, client, pid, s) = office_with_documents(&app).await;
    let report = s
        .get(&format!("/clients/{client}/reports/2026-10/print"))
        .await;
    assert_eq!(report.status, StatusCode::OK);
    for text in [
        "テスト法人",
        "事業所番号 1212345678",
        "千葉県船橋市西船4-0-0",
        "2026年10月",
        "株式会社みどり物流",
        "id=\"client-sign\"",
        "id=\"employer-sign\"",
        "勤務先確認欄",
    ] {
        assert!(report.body.contains(text), "report print has {text:?}");
    }
    assert!(!report.body.contains("2026-10<"), "no ISO month on paper");

    // The plan: a draft is printed as 案, with the 本人 and サビ管 lines and the employer's.
    let plan_print = format!("/clients/{client}/plans/{pid}/print");
    let plan = s.get(&plan_print).await;
    assert_eq!(plan.status, StatusCode::OK);
    for text in [
        "テスト法人",
        "事業所番号 1212345678",
        "就労定着支援計画（案）",
        "2026年4月1日",
        "id=\"client-sign\"",
        "id=\"manager-sign\"",
        "サービス管理責任者",
        "id=\"employer-sign\"",
        "作業の指示はメモでも伝える。",
    ] {
        assert!(plan.body.contains(text), "plan print has {text:?}");
    }
    let plans = format!("/clients/{client}/plans");
    assert!(s.get(&plans).await.body.contains(&plan_print));
    let agreed = s
        .submit(
            &plans,
            &format!("{plans}/{pid}/agree"),
            &[("plan_agreed_on", "2026-04-03")],
        )
        .await;
    assert_eq!(agreed.status, StatusCode::SEE_OTHER, "{}", agreed.body);

    // The office dates its documents in the era calendar: 令和.
    let edit = app
        .submit(
            &format!("/offices/{office}/edit"),
            &format!("/offices/{office}"),
            &office_form("1212345678", true),
        )
        .await;
    assert_eq!(edit.status, StatusCode::SEE_OTHER, "{}", edit.body);
    assert!(
        app.get(&format!("/offices/{office}/edit"))
            .await
            .body
            .contains("name=\"era_dates\" value=\"1\" checked")
    );
    let report = s
        .get(&format!("/clients/{client}/reports/2026-10/print"))
        .await;
    assert!(report.body.contains("令和8年10月"), "{}", report.body);
    let plan = s.get(&plan_print).await;
    assert!(plan.body.contains("同意日 令和8年4月3日"), "{}", plan.body);
    assert!(plan.body.contains("令和8年4月1日"));
    assert!(!plan.body.contains("（案）"), "an agreed plan is no draft");

    // In English the month is written in words.
    s.get("/lang/en").await;
    let report = s
        .get(&format!("/clients/{client}/reports/2026-10/print"))
        .await;
    assert!(report.body.contains("October 2026"), "{}", report.body);

    // Each print is audited; another client's plan id is not found.
    assert_eq!(app.audit_rows("plan.print").await.len(), 2);
    let sato: i64 = teichaku::on_db!(&app.state.db, pool => sqlx::query_scalar(
        "SELECT id FROM staff WHERE login = 'sato'")
        .fetch_one(pool).await)
    .expect("sato");
    let other = app
        .register_client(office, "井上 二郎", "いのうえ じろう", sato)
        .await;
    assert_eq!(
        app.get(&format!("/clients/{other}/plans/{pid}/print"))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
}

async fn shot(driver: &WebDriver, name: &str) {
    if let Ok(dir) = std::env::var("TEICHAKU_SCREENSHOTS") {
        let _ = driver
            .screenshot(&std::path::Path::new(&dir).join(format!("{name}.png")))
            .await;
    }
}

/// The number of pages of a PDF: its page objects (`/Type /Page`, not `/Pages`).
fn pdf_pages(pdf: &[u8]) -> usize {
    let text = String::from_utf8_lossy(pdf);
    let compact = text.replace("/Type /Page", "/Type/Page");
    compact
        .match_indices("/Type/Page")
        .filter(|(i, _)| !compact[i + "/Type/Page".len()..].starts_with('s'))
        .count()
}

/// Opens `path`, checks it with axe at both widths, takes the screenshots and prints it as
/// A4 PDF; returns the number of pages.
async fn check_and_print(driver: &WebDriver, base: &str, path: &str, name: &str) -> usize {
    driver.goto(format!("{base}{path}")).await.unwrap();
    wait_for(driver, By::Css("main")).await;
    for (size, label) in [(PHONE, "390"), (DESKTOP, "1280")] {
        resize(driver, size).await;
        assert_accessible(driver, &format!("{path} at {label} px")).await;
        shot(driver, &format!("documents-{name}-{label}")).await;
    }
    let a4 = PrintParameters {
        page: PrintPage {
            width: 21.0,
            height: 29.7,
        },
        margin: PrintMargins {
            top: 0.0,
            bottom: 0.0,
            left: 0.0,
            right: 0.0,
        },
        shrink_to_fit: false,
        ..PrintParameters::default()
    };
    let pdf = driver.print_page(a4).await.expect("print to PDF");
    assert!(pdf.starts_with(b"%PDF"), "{name} prints as PDF");
    if let Ok(dir) = std::env::var("TEICHAKU_SCREENSHOTS") {
        let _ = std::fs::write(
            std::path::Path::new(&dir).join(format!("documents-{name}.pdf")),
            &pdf,
        );
    }
    pdf_pages(&pdf)
}

#[tokio::test]
async fn a_typical_report_and_plan_print_on_one_a4_page_each() {
    let app = spawn_app().await;
    let (_, client, pid, _) = office_with_documents(&app).await;
    let (driver, _chromedriver, _profile) = start_browser().await;
    let base = app.url("");
    driver.goto(format!("{base}/login")).await.unwrap();
    wait_for(&driver, By::Id("f-login"))
        .await
        .send_keys("sato")
        .await
        .unwrap();
    let pw = wait_for(&driver, By::Id("f-password")).await;
    pw.send_keys(PASSWORD).await.unwrap();
    pw.send_keys(Key::Enter).await.unwrap();
    wait_for(&driver, By::Id("welcome")).await;

    let report = format!("/clients/{client}/reports/2026-10/print");
    assert_eq!(check_and_print(&driver, &base, &report, "report").await, 1);
    let plan = format!("/clients/{client}/plans/{pid}/print");
    assert_eq!(check_and_print(&driver, &base, &plan, "plan").await, 1);
    // The plan list with its print link.
    driver
        .goto(format!("{base}/clients/{client}/plans"))
        .await
        .unwrap();
    wait_for(&driver, By::Id(format!("print-{pid}"))).await;
    for size in [PHONE, DESKTOP] {
        resize(&driver, size).await;
        assert_accessible(&driver, "the plan list").await;
    }
    driver.quit().await.unwrap();
}
