//! Reads of a client's record are audited row by row even when they come together: the
//! read-audit rows of concurrent requests are committed in shared transactions
//! (`store::audit::ReadLog`, #13), and each request answers only after its own row is in
//! the log. Runs on both engines.
use std::sync::Arc;

use teichaku::domain::audit::Action;
use teichaku::store::audit::{Entry, ReadLog};
use time::OffsetDateTime;

use crate::helpers::spawn_app;

#[tokio::test]
async fn concurrent_reads_of_a_client_page_each_leave_their_own_row() {
    let app = spawn_app().await;
    let (_, _, client) = app.office_with_client().await;
    let before = app.audit_rows("client.view").await.len();
    let path = format!("/clients/{client}");
    let mut reads = Vec::new();
    for _ in 0..24 {
        let (http, url) = (app.client.clone(), app.url(&path));
        reads.push(tokio::spawn(async move {
            http.get(url).send().await.expect("get").status()
        }));
    }
    for r in reads {
        assert_eq!(r.await.expect("task"), reqwest::StatusCode::OK);
    }
    // Every answer came after its row was committed: all 24 are there now.
    let rows = app.audit_rows("client.view").await;
    let new = &rows[before..];
    assert_eq!(new.len(), 24, "one row per read");
    let mut requests: Vec<&str> = new.iter().map(|(_, _, r)| r.as_str()).collect();
    requests.sort();
    requests.dedup();
    assert_eq!(requests.len(), 24, "each row names its own request");
    assert!(
        new.iter()
            .all(|(actor, target, _)| actor == "admin" && *target == client.to_string())
    );
}

fn entry(n: usize) -> Entry {
    Entry {
        at: OffsetDateTime::now_utc(),
        actor_id: None,
        actor_label: format!("reader-{n}"),
        action: Action::ClientView,
        target_type: "client",
        target_id: n.to_string(),
        office_id: None,
        client_id: None,
        detail: String::new(),
        request_id: format!("r{n}"),
        address: "127.0.0.1".into(),
    }
}

#[tokio::test]
async fn rows_written_together_are_all_committed_in_fewer_transactions() {
    let app = spawn_app().await;
    let db = app.state.db.clone();
    let log = Arc::new(ReadLog::default());
    let before = app.count("audit_log").await;
    let mut writes = Vec::new();
    for n in 0..40 {
        let (db, log) = (db.clone(), log.clone());
        writes.push(tokio::spawn(async move { log.write(&db, &entry(n)).await }));
    }
    for w in writes {
        w.await.expect("task").expect("written");
    }
    assert_eq!(app.count("audit_log").await - before, 40);
    let labels: Vec<(String, String, String)> = app.audit_rows("client.view").await;
    for n in 0..40 {
        let label = format!("reader-{n}");
        assert_eq!(
            labels.iter().filter(|(a, _, _)| *a == label).count(),
            1,
            "{label} once"
        );
    }
    assert!(
        log.batches() < 40,
        "40 rows arriving together take fewer than 40 transactions: {}",
        log.batches()
    );
    // One more, alone: its own transaction, committed when `write` returns.
    let batches = log.batches();
    log.write(&db, &entry(99)).await.expect("written");
    assert_eq!(log.batches(), batches + 1);
    assert_eq!(app.count("audit_log").await - before, 41);
}
