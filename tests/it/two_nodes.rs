//! Two servers (nodes) on one database, as several `teichaku serve` behind one proxy would
//! be (#18): a session made on one is valid on the other, each outbox email is sent once
//! though both workers run, and two bookings of a tour's last seat on different nodes give
//! one seat. Meant for PostgreSQL (several nodes need a shared server); it runs on SQLite
//! too, where two processes share one file.
use std::time::Duration;

use reqwest::StatusCode;

use crate::helpers::spawn_app_with;
use crate::smtp_sink::SmtpSink;

#[tokio::test]
async fn two_nodes_share_sessions_send_once_and_never_overbook() {
    let sink = SmtpSink::start().await;
    let url = sink.url();
    let a = spawn_app_with(|c| {
        c.smtp_url = url.clone();
        c.outbox_interval_ms = 100;
    })
    .await;
    let url = sink.url();
    let b = a
        .another_node(|c| {
            c.smtp_url = url;
            c.outbox_interval_ms = 100;
        })
        .await;
    // A session made on node A is valid on node B (the cookie jar is per host, not port).
    a.signed_in_admin().await;
    let on_b = a.client.get(b.url("/offices")).send().await.expect("GET");
    assert_eq!(on_b.status(), StatusCode::OK, "signed in on node B too");
    // Each queued email is sent exactly once by the two workers together.
    let mut ids = Vec::new();
    for _ in 0..20 {
        ids.push(crate::email::enqueue(&a, &crate::email::japanese_message()).await);
    }
    let got = sink.wait_for(20, Duration::from_secs(20)).await;
    assert_eq!(got.len(), 20);
    tokio::time::sleep(Duration::from_millis(800)).await;
    assert_eq!(sink.received().len(), 20, "none sent twice");
    // The last seat, asked for on both nodes at once: one booking.
    let office = crate::inquiries::published_office(&a, "西船橋").await;
    let slot = crate::tours::add_slot(&a, office, 7, 1).await;
    let first = crate::tours::open_form(&a, office).await;
    let second = crate::tours::open_form(&b, office).await;
    tokio::time::sleep(Duration::from_millis(3100)).await;
    let (r1, r2) = tokio::join!(
        first.request(&a, office, Some(slot), "見学 一郎"),
        second.request(&b, office, Some(slot), "見学 二郎"),
    );
    let mut statuses = [r1.0, r2.0];
    statuses.sort();
    assert_eq!(
        statuses,
        [StatusCode::SEE_OTHER, StatusCode::UNPROCESSABLE_ENTITY],
        "one booked, one told the slot is full"
    );
    assert_eq!(crate::tours::booked(&a, slot).await, 1);
}
