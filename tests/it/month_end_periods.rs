//! Issue 17: periods in months follow 民法第140条・第143条 (shared/domain.md §9 item 12). A
//! person hired on 2025-08-31 may start on 2026-03-01 (the 6 months end on 2026-02-28: there
//! is no 2026-02-31) and must end by 2029-02-28 (the 42 months end on February's last day).
//! The rules API, its OpenAPI document and the client page give the same dates, and contracts
//! stored under the old count keep their dates and show as warnings. Runs on both engines.
use reqwest::StatusCode;
use serde_json::{Value, json};
use time::macros::{date, datetime};

use crate::claims::exec;
use crate::helpers::spawn_app;

async fn json_of(r: reqwest::Response) -> (StatusCode, Value) {
    let status = r.status();
    (status, r.json().await.expect("JSON"))
}

#[tokio::test]
async fn the_api_and_its_document_give_the_month_end_dates() {
    let app = spawn_app().await;
    let window = |query: &str| {
        app.client
            .get(app.url(&format!("/api/v1/rules/service-window?{query}")))
            .send()
    };
    let (status, body) = json_of(window("hire_date=2025-08-31").await.expect("GET")).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(
        body,
        json!({"hire_date": "2025-08-31", "earliest_start": "2026-03-01", "latest_end": "2029-02-28"})
    );
    // The old earliest start is a day early now; a contract from the first day runs to the end.
    let (status, body) = json_of(
        window("hire_date=2025-08-31&start_date=2026-02-28")
            .await
            .expect("GET"),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert_eq!(body["field"], "start_date");
    let (_, body) = json_of(
        window("hire_date=2025-08-31&start_date=2026-03-01")
            .await
            .expect("GET"),
    )
    .await;
    assert_eq!(body["end"], "2029-02-28");
    // The edges of the accepted years, as the document declares them.
    for (hire, status) in [
        ("1900-01-01", StatusCode::OK),
        ("2999-12-31", StatusCode::OK),
        ("1899-12-31", StatusCode::UNPROCESSABLE_ENTITY),
        ("3000-01-01", StatusCode::UNPROCESSABLE_ENTITY),
    ] {
        let (got, body) = json_of(window(&format!("hire_date={hire}")).await.expect("GET")).await;
        assert_eq!(got, status, "{hire}: {body}");
    }

    let (_, doc) = json_of(
        app.client
            .get(app.url("/api/openapi.json"))
            .send()
            .await
            .expect("GET"),
    )
    .await;
    let date = &doc["components"]["schemas"]["Date"];
    assert_eq!(date["formatMinimum"], "1900-01-01");
    assert_eq!(date["formatMaximum"], "2999-12-31");
    let example = &doc["paths"]["/api/v1/rules/service-window"]["get"]["responses"]["200"]["content"]
        ["application/json"]["example"];
    assert_eq!(
        *example,
        json!({
            "hire_date": "2025-08-31",
            "earliest_start": "2026-03-01",
            "latest_end": "2029-02-28",
            "end": "2029-02-28"
        })
    );
}

#[tokio::test]
async fn the_client_page_shows_the_month_end_dates_and_flags_old_contracts() {
    let app = spawn_app().await;
    let (office, _, client) = app.office_with_client().await;
    let page = app
        .submit(
            &format!("/clients/{client}/employments/new"),
            &format!("/clients/{client}/employments"),
            &[
                ("employer_name", "株式会社みどり物流"),
                ("workplace_address", "船橋市本町0-0"),
                ("job_title", "倉庫内軽作業"),
                ("weekly_hours", "30"),
                ("ordinary_employment", "yes"),
                ("hire_date", "2025-08-31"),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);

    // The timeline: the sending office's 6 months, the window, the hand-over date (the latest
    // day from which 3 months have passed by the last day) and the last day.
    let page = app.get(&format!("/clients/{client}")).await;
    for shown in [
        "2025-08-31 〜 2026-02-28",
        "2026-03-01 〜 2029-02-28",
        "<dd>2028-11-28</dd>",
        "<dd>2029-02-28</dd>",
    ] {
        assert!(page.body.contains(shown), "{shown} on the client page");
    }
    for old in ["2029-02-27", "2028-11-27"] {
        assert!(!page.body.contains(old), "{old} (the old count) is gone");
    }

    // A contract saved now runs from the first allowed day to the window's last day.
    let contract = app
        .submit(
            &format!("/clients/{client}/contracts/new"),
            &format!("/clients/{client}/contracts"),
            &[
                ("contract_date", "2026-02-20"),
                ("start_date", "2026-03-01"),
            ],
        )
        .await;
    assert_eq!(contract.status, StatusCode::SEE_OTHER, "{}", contract.body);
    let page = app.get(&format!("/clients/{client}")).await;
    assert!(page.body.contains("<td>2026-03-01</td><td>2029-02-28</td>"));
    assert!(!page.body.contains("登録済みの契約"), "no contract warning");

    // Two contracts as the old count saved them: from 2026-02-28, and one ending 2029-02-27.
    for (start, end) in [
        (date!(2026 - 02 - 28), date!(2029 - 02 - 27)),
        (date!(2026 - 04 - 01), date!(2029 - 02 - 27)),
    ] {
        exec(
            &app,
            "INSERT INTO contracts (client_id, office_id, contract_date, start_date, end_date, created_at)
             VALUES ($1, $2, $3, $3, $4, $5)",
            |b| {
                b.i(client)
                    .i(office)
                    .d(start)
                    .d(end)
                    .t(datetime!(2026-02-20 01:00 UTC))
            },
        )
        .await;
    }
    let page = app.get(&format!("/clients/{client}")).await;
    assert!(
        page.body.contains(
            "登録済みの契約の開始日が、いまの計算で利用できる期間（月の期間は民法第143条で数えます）の外にあります。契約の内容を確認してください。開始日: <strong>2026-02-28</strong>"
        ),
        "the contract from 2026-02-28 is flagged"
    );
    assert!(
        page.body.contains("登録済みの終了日: <strong>2029-02-27</strong> ／計算上の終了日: <strong>2029-02-28</strong>"),
        "the contract ending 2029-02-27 is flagged with the computed end"
    );
    // Nothing was rewritten: the stored dates are shown as they were saved.
    assert!(page.body.contains("<td>2026-02-28</td><td>2029-02-27</td>"));
    assert!(page.body.contains("<td>2026-04-01</td><td>2029-02-27</td>"));

    // The same warnings in English.
    app.get(&format!("/lang/en?next=/clients/{client}")).await;
    let page = app.get(&format!("/clients/{client}")).await.body;
    assert!(
        page.contains(
            "Stored end: <strong>2029-02-27</strong> / Computed end: <strong>2029-02-28</strong>"
        ),
        "English warning"
    );
}
