//! A month in a URL or a form (`YYYY-MM`, years 2000–2100, `domain::month`) that is out of
//! range or malformed answers as any unknown page or bad input does (404, the form's 422
//! field message, or the page's own fallback to a default month), never a 500. Runs on both
//! engines.
use reqwest::StatusCode;
use teichaku::domain::month::YearMonth;

use crate::helpers::spawn_app;

/// Out of the accepted years, or not `YYYY-MM` at all. `0000-01` was a 500 on the report
/// pages; `0001-01` was accepted.
const BAD: [&str; 9] = [
    "0000-01", "0001-01", "1999-12", "2101-01", "9999-12", "9999-99", "2026-13", "2026-1", "abc",
];

#[tokio::test]
async fn bad_months_in_report_urls_are_not_found() {
    let app = spawn_app().await;
    let (_, _, client) = app.office_with_client().await;
    let list = format!("/clients/{client}/reports");
    for month in BAD {
        for path in [format!("{list}/{month}"), format!("{list}/{month}/print")] {
            let page = app.get(&path).await;
            assert_eq!(page.status, StatusCode::NOT_FOUND, "{path}");
        }
        let page = app
            .submit(
                &list,
                &format!("{list}/{month}/finalise"),
                &[("version", "1")],
            )
            .await;
        assert_eq!(page.status, StatusCode::NOT_FOUND, "{month}");
    }
    // The bounds themselves are months (with no report yet).
    for month in ["2000-01", "2026-10"] {
        let page = app.get(&format!("{list}/{month}")).await;
        assert_eq!(page.status, StatusCode::OK, "{month}");
        assert!(page.body.contains("この月のレポートはまだありません。"));
    }
    assert_eq!(app.count("support_reports").await, 0);
}

#[tokio::test]
async fn bad_months_in_the_report_form_are_field_messages() {
    let app = spawn_app().await;
    let (_, _, client) = app.office_with_client().await;
    let list = format!("/clients/{client}/reports");
    for month in BAD {
        let page = app.submit(&list, &list, &[("report_month", month)]).await;
        assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY, "{month}");
        assert!(
            page.body
                .contains("年と月は 2026-10 の形で入力してください。"),
            "{month}"
        );
    }
    assert_eq!(app.count("support_reports").await, 0);
}

#[tokio::test]
async fn bad_months_on_the_month_page_fall_back_to_this_month() {
    let app = spawn_app().await;
    let (office, _, _) = app.office_with_client().await;
    let this_month = YearMonth::of(teichaku::clock::today()).to_string();
    for month in BAD {
        let page = app
            .get(&format!("/offices/{office}/month?month={month}"))
            .await;
        assert_eq!(page.status, StatusCode::OK, "{month}");
        assert!(
            page.body.contains("月は 2026-11 の形で指定してください。"),
            "{month}"
        );
        assert!(page.body.contains(&this_month), "{month}");
    }
}

#[tokio::test]
async fn bad_months_on_the_claim_pages() {
    let app = spawn_app().await;
    let (office, _, client) = app.office_with_client().await;
    let last_month = YearMonth::of(teichaku::clock::today())
        .previous()
        .to_string();
    let claims = format!("/offices/{office}/claims");
    for month in BAD {
        // The claim page shows last month for a month it cannot read, as before.
        let page = app.get(&format!("{claims}?month={month}")).await;
        assert_eq!(page.status, StatusCode::OK, "{month}");
        assert!(page.body.contains(&last_month), "{month}");
        let lock = app
            .submit(
                &claims,
                &format!("{claims}/lock"),
                &[("month", month), ("version", "0"), ("claim_reason", "")],
            )
            .await;
        assert_eq!(lock.status, StatusCode::NOT_FOUND, "{month}");
        for file in ["claim.csv", "invoices", "kokuho", "cap-results"] {
            let path = format!("{claims}/{month}/1/{file}");
            assert_eq!(app.get(&path).await.status, StatusCode::NOT_FOUND, "{path}");
        }
        let cap = app
            .get(&format!("{claims}/cap/{client}?month={month}"))
            .await;
        assert_eq!(cap.status, StatusCode::BAD_REQUEST, "{month}");
    }
    assert_eq!(app.count("claims").await, 0);
}
