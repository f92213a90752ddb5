//! `teichaku bench --http` at a small size in every test run (#13 item 3), so it cannot rot:
//! a data set of a few hundred clients, the server in the process, each role signed in
//! through the sign-in form, every page requested for a tenth of a second. Every page must
//! answer 200 to its role on both engines, the static asset comes first as the baseline,
//! and the peak RSS is read. The past-case pages are real searches through the index the
//! server built from the data set's anonymised cases.
use std::time::Duration;

use teichaku::bench::{self, Scale, http};
use teichaku::db::Db;
use time::Date;
use time::macros::date;

use crate::helpers::fresh_database;

const MONTH: Date = date!(2026 - 10 - 01);

#[tokio::test]
async fn every_page_answers_its_role_and_is_measured_against_the_static_baseline() {
    let (url, _guard) = fresh_database().await;
    let db = Db::connect(&url).await.expect("connect");
    db.migrate().await.expect("migrate");
    let scale = Scale {
        offices: 6,
        clients: 300,
        months: 4,
        ..Scale::default()
    };
    bench::generate(&db, &scale, MONTH).await.expect("generate");
    db.close().await;

    let report = http::run(&url, MONTH, Duration::from_millis(100), &[])
        .await
        .expect("bench http");
    let labels: Vec<&str> = report.pages.iter().map(|m| m.page.label).collect();
    assert_eq!(labels.first(), Some(&"/static/app.css (baseline)"));
    for wanted in [
        "/ (administrator's home)",
        "/ (manager's home)",
        "/ (supporter's home)",
        "/offices/{id}/month",
        "/offices/{id}/clients",
        "/clients/{id}",
        "/clients/{id}/contacts",
        "/clients/{id}/reports/{month}",
        "/offices/{id}/claims?month=",
        "/offices/{id}/cases?q=遅刻",
        "/offices/{id}/cases?q=(a sentence)",
        "/audit",
        "/find",
        "  the same, alone (1 connection)",
    ] {
        assert!(
            labels.contains(&wanted),
            "{wanted} not measured: {labels:?}"
        );
    }
    for m in &report.pages {
        assert!(m.requests > 0, "{} was not requested", m.page.label);
        assert_eq!(m.errors, 0, "{} answered errors", m.page.label);
        assert!(m.bytes > 0, "{} answered nothing", m.page.label);
        assert!(m.p50 <= m.p99, "{}", m.page.label);
    }
    // The data set's resolved concerns were made into cases, the index was built before the
    // first request, and both searches showed cases from it.
    assert!(report.index_cases > 0 && report.index_heap_bytes > 0);
    for m in &report.pages {
        let is_search = m.page.label.starts_with("/offices/{id}/cases");
        assert_eq!(m.cases_shown > 0, is_search, "{}", m.page.label);
    }
    assert!(report.baseline() > 0.0);
    assert!(report.office_clients > 0);
    if cfg!(target_os = "linux") {
        // VmHWM is the kernel's high-water mark, updated lazily: close to, not always above,
        // the last VmRSS sample.
        assert!(report.peak_rss_kib > 0 && report.hwm_kib > 0);
        assert!(report.peak_anon_kib > 0 && report.peak_anon_kib <= report.peak_rss_kib);
        assert!(report.rss_before_index_kib > 0 && report.rss_after_index_kib > 0);
        assert!(report.pages.iter().all(|m| m.rss_after_kib > 0));
    }
    let printed = report.to_string();
    assert!(
        printed.contains("share") && printed.contains("peak RSS"),
        "{printed}"
    );
}
