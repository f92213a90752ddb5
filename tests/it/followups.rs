//! Follow-ups after the service (issue 15, item 5) over HTTP: a former client imported with
//! an employment and a contract that ended, due on the office's list, a follow-up recorded,
//! and the 就労定着実績体制加算 figure with its evidence.
use reqwest::StatusCode;
use teichaku::domain::import::COLUMNS;

use crate::helpers::{TestApp, spawn_app};
use crate::import_files::multipart;

/// A CSV with one client per (name, certificate number, hire date, contract start).
fn csv(rows: &[(&str, &str, &str, &str)]) -> Vec<u8> {
    let mut out = String::new();
    out.push_str(
        &COLUMNS
            .iter()
            .map(|c| c.header)
            .collect::<Vec<_>>()
            .join(","),
    );
    out.push_str("\r\n");
    for (name, number, hire, start) in rows {
        let line: Vec<String> = COLUMNS
            .iter()
            .map(|c| {
                match c.code {
                    "client_name" => name,
                    "kana" => "いぜん りようしゃ",
                    "birth_date" => "1990-01-01",
                    "disabilities" => "精神",
                    "prior_service" => "就労移行支援",
                    "prior_office_name" => "みなと",
                    "employer_name" => "株式会社サンプル",
                    "workplace_address" => "船橋市",
                    "job_title" => "事務",
                    "weekly_hours" => "30",
                    "ordinary_employment" => "はい",
                    "hire_date" => hire,
                    "certificate_number" => number,
                    "municipality_code" => "092015",
                    "municipality_name" => "宇都宮市",
                    "income_category" => "一般2",
                    "monthly_cap_yen" => "37200",
                    "period_start" => start,
                    "period_end" => start,
                    "contract_date" => start,
                    "start_date" => start,
                    _ => "",
                }
                .to_string()
            })
            .collect();
        out.push_str(&line.join(","));
        out.push_str("\r\n");
    }
    out.into_bytes()
}

async fn import(app: &TestApp, office: i64, bytes: &[u8]) {
    let path = format!("/offices/{office}/import");
    let token = app.csrf(&path).await;
    let (content_type, body) = multipart(&token, "former.csv", bytes);
    app.client
        .post(app.url(&path))
        .header("content-type", content_type)
        .body(body)
        .send()
        .await
        .expect("upload");
    let page = app
        .submit(&path, &format!("{path}/run"), &[("choice", "valid")])
        .await;
    assert!(
        page.location().contains("imported=1"),
        "{}",
        page.location()
    );
}

#[tokio::test]
async fn a_former_client_is_due_then_counted_once_a_follow_up_confirms_the_work() {
    let app = spawn_app().await;
    app.signed_in_admin().await;
    let office = app.create_office("終了後").await;
    // Hired 2020-04-01, served from 2020-10-01 for 3 years: ended 2023-09-30.
    import(
        &app,
        office,
        &csv(&[("以前 利用者", "7000000001", "2020-04-01", "2020-10-01")]),
    )
    .await;
    let client: i64 = teichaku::on_db!(&app.state.db, pool => sqlx::query_scalar(
        "SELECT id FROM clients").fetch_one(pool).await)
    .expect("client");

    let page = app
        .get(&format!("/offices/{office}/followups?fy=2026"))
        .await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("id=\"due\""), "due: {}", page.body);
    assert!(page.body.contains("以前 利用者"));
    assert!(
        page.body.contains("前年度に確認していません"),
        "unconfirmed first"
    );
    assert!(page.body.contains("id=\"retained\">0<"));

    let path = format!("/clients/{client}/followups");
    let page = app
        .submit(
            &path,
            &path,
            &[("contacted_on", "2099-01-01"), ("working_now", "same")],
        )
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.body.contains("未来の日付"));
    let page = app
        .submit(
            &path,
            &path,
            &[
                ("contacted_on", "2025-06-01"),
                ("working_now", "same"),
                ("followup_note", "元気に勤務"),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    assert_eq!(app.audit_rows("followup.create").await.len(), 1);
    let page = app.get(&path).await;
    assert!(page.body.contains("元気に勤務"));

    // 42 months from 2020-04-01 ended 2023-09-30, 78 months end 2026-09-30: on 2025-06-01
    // the work with the same employer counts.
    let page = app
        .get(&format!("/offices/{office}/followups?fy=2026"))
        .await;
    assert!(page.body.contains("id=\"counted\">1<"), "{}", page.body);
    assert!(page.body.contains("id=\"retained\">1<"));
    assert!(page.body.contains("100%"));
}
