//! Outgoing email: the outbox, the worker sending through a real SMTP server on localhost
//! (`smtp_sink`), Japanese text arriving correctly encoded, retries with backoff, giving up,
//! the admin's outbox page, and two senders racing for the same messages.
use std::time::Duration;

use base64::Engine as _;
use reqwest::StatusCode;
use teichaku::{
    clock,
    domain::outbox::MessageStatus,
    email::{self, MAX_ATTEMPTS, Mailer, OutgoingEmail},
    store::outbox::{self, Message},
};

use crate::helpers::{TestApp, spawn_app, spawn_app_with};
use crate::smtp_sink::{Received, SmtpSink};

const FROM: &str = "定着 Teichaku <no-reply@teichaku.example>";
const SUBJECT: &str = "【見学予約】ご予約を承りました（西船橋オフィス）";
const BODY: &str = "鈴木 花子 様\n\n見学のご予約を承りました。\n日時: 2026年12月3日（木）14:00〜\n当日は西船橋駅南口からお越しください。\n.このドットで始まる行も届きます。";

/// Queues a message the way a feature does: inside a transaction, committed.
pub(crate) async fn enqueue(app: &TestApp, msg: &OutgoingEmail) -> i64 {
    let mut tx = app.state.db.begin().await.unwrap();
    let id = email::enqueue(&mut tx, msg).await.unwrap();
    tx.commit().await.unwrap();
    id
}

pub(crate) fn japanese_message() -> OutgoingEmail {
    OutgoingEmail::new("hanako.suzuki@example.jp", SUBJECT, BODY).related_to("inquiry", 42)
}

async fn row(app: &TestApp, id: i64) -> Message {
    outbox::find(&app.state.db, id)
        .await
        .unwrap()
        .expect("outbox row")
}

/// Polls the row until `done` holds (at most 10 s).
async fn wait_for_row(app: &TestApp, id: i64, done: impl Fn(&Message) -> bool) -> Message {
    let deadline = tokio::time::Instant::now() + Duration::from_secs(10);
    loop {
        let m = row(app, id).await;
        if done(&m) || tokio::time::Instant::now() >= deadline {
            return m;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// A mailer for the sink, for tests that run the sender themselves (with a `now` they
/// choose) instead of the app's worker.
fn mailer_for(sink: &SmtpSink) -> Mailer {
    let mut config = teichaku::config::Config::for_database("sqlite://unused.db");
    config.smtp_url = sink.url();
    config.mail_from = FROM.into();
    Mailer::from_config(&config)
        .unwrap()
        .expect("SMTP configured")
}

/// The value of header `name`, unfolded.
pub fn header(data: &str, name: &str) -> Option<String> {
    let head = data.split("\r\n\r\n").next().unwrap_or_default();
    let unfolded = head.replace("\r\n ", " ").replace("\r\n\t", " ");
    unfolded.lines().find_map(|line| {
        let (k, v) = line.split_once(':')?;
        k.eq_ignore_ascii_case(name).then(|| v.trim().to_string())
    })
}

/// Decodes RFC 2047 encoded words (`=?utf-8?b?…?=`, `=?utf-8?q?…?=`); the space between
/// two encoded words is not part of the text.
pub fn decode_header(value: &str) -> String {
    let mut out = String::new();
    let mut bytes: Vec<u8> = Vec::new();
    for word in value.split_whitespace() {
        let encoded = word
            .strip_prefix("=?")
            .and_then(|w| w.strip_suffix("?="))
            .and_then(|w| {
                let mut parts = w.splitn(3, '?');
                Some((parts.next()?, parts.next()?, parts.next()?))
            });
        match encoded {
            Some((charset, enc, text)) => {
                assert!(charset.eq_ignore_ascii_case("utf-8"), "{charset}");
                if enc.eq_ignore_ascii_case("b") {
                    bytes.extend(
                        base64::engine::general_purpose::STANDARD
                            .decode(text)
                            .unwrap(),
                    );
                } else {
                    let text = text.replace('_', " ");
                    bytes.extend(
                        quoted_printable::decode(text, quoted_printable::ParseMode::Robust)
                            .unwrap(),
                    );
                }
            }
            None => {
                out.push_str(&String::from_utf8(std::mem::take(&mut bytes)).unwrap());
                if !out.is_empty() {
                    out.push(' ');
                }
                out.push_str(word);
            }
        }
    }
    out.push_str(&String::from_utf8(bytes).unwrap());
    out
}

/// The body, decoded from the transfer encoding lettre chose.
pub fn decode_body(data: &str) -> String {
    let body = data
        .split_once("\r\n\r\n")
        .map(|(_, b)| b)
        .unwrap_or_default();
    let encoding = header(data, "Content-Transfer-Encoding")
        .unwrap_or_default()
        .to_ascii_lowercase();
    let bytes = match encoding.as_str() {
        "base64" => {
            let compact: String = body.chars().filter(|c| !c.is_whitespace()).collect();
            base64::engine::general_purpose::STANDARD
                .decode(compact)
                .unwrap()
        }
        "quoted-printable" => {
            quoted_printable::decode(body, quoted_printable::ParseMode::Robust).unwrap()
        }
        _ => body.as_bytes().to_vec(),
    };
    String::from_utf8(bytes).unwrap().replace("\r\n", "\n")
}

fn assert_is_the_japanese_message(m: &Received) {
    assert_eq!(m.rcpt_to, vec!["hanako.suzuki@example.jp".to_string()]);
    assert_eq!(m.mail_from, "no-reply@teichaku.example");
    assert!(
        m.data.is_ascii(),
        "sent as 7-bit, with the Japanese text encoded"
    );
    let subject = header(&m.data, "Subject").expect("a Subject header");
    assert_eq!(decode_header(&subject), SUBJECT, "raw: {subject}");
    let from = header(&m.data, "From").unwrap();
    assert!(decode_header(&from).starts_with("定着 Teichaku"), "{from}");
    let content_type = header(&m.data, "Content-Type")
        .unwrap()
        .to_ascii_lowercase();
    assert!(content_type.contains("text/plain"), "{content_type}");
    assert!(content_type.contains("charset=utf-8"), "{content_type}");
    let body = decode_body(&m.data);
    assert!(body.contains("鈴木 花子 様"), "{body}");
    assert!(body.contains("西船橋駅南口"), "{body}");
    assert!(
        body.contains("\n.このドットで始まる行も届きます。"),
        "{body}"
    );
}

#[tokio::test]
async fn a_japanese_message_arrives_encoded_and_is_marked_sent() {
    let sink = SmtpSink::start().await;
    let url = sink.url();
    let app = spawn_app_with(|c| {
        c.smtp_url = url;
        c.mail_from = FROM.into();
        c.outbox_interval_ms = 200;
    })
    .await;
    let id = enqueue(&app, &japanese_message()).await;
    let got = sink.wait_for(1, Duration::from_secs(10)).await;
    assert_eq!(got.len(), 1, "the worker sent it");
    assert_is_the_japanese_message(&got[0]);
    let m = wait_for_row(&app, id, |m| m.status == MessageStatus::Sent).await;
    assert_eq!(m.status, MessageStatus::Sent);
    assert_eq!(m.attempts, 1);
    assert!(m.sent_at.is_some());
    assert_eq!(m.last_error, "");
    assert_eq!(m.locked_until, None, "the lease is released");
    assert_eq!(
        (m.related_type.as_deref(), m.related_id),
        (Some("inquiry"), Some(42))
    );
    tokio::time::sleep(Duration::from_millis(600)).await;
    assert_eq!(sink.received().len(), 1, "sent once, not again");
}

#[tokio::test]
async fn a_message_is_queued_only_when_its_transaction_commits() {
    let app = spawn_app().await;
    let mut tx = app.state.db.begin().await.unwrap();
    email::enqueue(&mut tx, &japanese_message()).await.unwrap();
    drop(tx); // the change failed: rolled back, and its email with it
    assert_eq!(app.count("email_outbox").await, 0);
    enqueue(&app, &japanese_message()).await;
    assert_eq!(app.count("email_outbox").await, 1);
}

#[tokio::test]
async fn a_temporary_failure_is_retried_after_the_backoff() {
    let sink = SmtpSink::refusing_first(1).await;
    let url = sink.url();
    let app = spawn_app_with(|c| {
        c.smtp_url = url;
        c.mail_from = FROM.into();
        c.outbox_interval_ms = 200;
    })
    .await;
    let before = clock::now();
    let id = enqueue(&app, &japanese_message()).await;
    let m = wait_for_row(&app, id, |m| m.attempts >= 1).await;
    assert_eq!(sink.refused(), 1);
    assert_eq!(m.status, MessageStatus::Queued, "a failure is retried");
    assert_eq!(m.attempts, 1);
    assert!(m.last_error.contains("451"), "{}", m.last_error);
    let wait = m.next_attempt_at - before;
    assert!(
        wait >= time::Duration::seconds(59) && wait <= time::Duration::seconds(75),
        "the first retry waits about a minute: {wait}"
    );
    tokio::time::sleep(Duration::from_millis(600)).await;
    assert!(sink.received().is_empty(), "not retried before it is due");
    assert_eq!(row(&app, id).await.attempts, 1);

    // A minute later (the sender runs with the time we give it).
    let later = clock::now() + time::Duration::seconds(61);
    let report = email::send_due(&app.state.db, &mailer_for(&sink), later)
        .await
        .unwrap();
    assert_eq!(report.sent, 1);
    let got = sink.received();
    assert_eq!(got.len(), 1);
    assert_is_the_japanese_message(&got[0]);
    let m = row(&app, id).await;
    assert_eq!((m.status, m.attempts), (MessageStatus::Sent, 2));
    assert_eq!(m.last_error, "");
}

#[tokio::test]
async fn given_up_after_the_last_attempt_then_retried_by_an_admin() {
    // No SMTP configured in the app: no worker; this test runs the sender itself.
    let app = spawn_app().await;
    app.signed_in_admin().await;
    let sink = SmtpSink::refusing_first(usize::MAX).await;
    let mailer = mailer_for(&sink);
    let id = enqueue(&app, &japanese_message()).await;
    let mut now = clock::now();
    for attempt in 1..=MAX_ATTEMPTS {
        let report = email::send_due(&app.state.db, &mailer, now).await.unwrap();
        assert_eq!(report.failed, 1, "attempt {attempt}");
        let m = row(&app, id).await;
        assert_eq!(m.attempts, attempt);
        if attempt < MAX_ATTEMPTS {
            assert_eq!(m.status, MessageStatus::Queued, "attempt {attempt}");
            assert_eq!(m.next_attempt_at - now, email::backoff(attempt));
            let early = email::send_due(
                &app.state.db,
                &mailer,
                m.next_attempt_at - time::Duration::seconds(1),
            )
            .await
            .unwrap();
            assert_eq!(early, email::RunReport::default(), "not due yet");
            now = m.next_attempt_at;
        } else {
            assert_eq!(
                m.status,
                MessageStatus::Failed,
                "given up after {MAX_ATTEMPTS} attempts"
            );
        }
    }
    assert_eq!(sink.refused(), MAX_ATTEMPTS as usize);
    let far_later = now + time::Duration::days(1);
    let report = email::send_due(&app.state.db, &mailer, far_later)
        .await
        .unwrap();
    assert_eq!(
        report,
        email::RunReport::default(),
        "a failed message stays failed"
    );

    let page = app.get("/admin/outbox").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("送信失敗"), "{}", page.body);
    assert!(page.body.contains("451"), "the error is shown to the admin");
    assert!(page.body.contains(&format!("id=\"retry-{id}\"")));

    sink.refuse_next(0);
    let page = app
        .submit("/admin/outbox", &format!("/admin/outbox/{id}/retry"), &[])
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    assert_eq!(page.location(), "/admin/outbox?n=retried");
    let m = row(&app, id).await;
    assert_eq!(m.status, MessageStatus::Queued);
    let rows = app.audit_rows("email.retry").await;
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].1, id.to_string());
    // A second click changes nothing and records nothing.
    let again = app
        .submit("/admin/outbox", &format!("/admin/outbox/{id}/retry"), &[])
        .await;
    assert_eq!(again.location(), "/admin/outbox");
    assert_eq!(app.audit_rows("email.retry").await.len(), 1);

    let report = email::send_due(&app.state.db, &mailer, clock::now())
        .await
        .unwrap();
    assert_eq!(report.sent, 1);
    assert_eq!(sink.received().len(), 1);
    assert_eq!(row(&app, id).await.status, MessageStatus::Sent);
}

#[tokio::test]
async fn without_smtp_messages_wait_and_show_to_admins_only() {
    let app = spawn_app_with(|c| c.outbox_interval_ms = 200).await;
    app.signed_in_admin().await;
    let id = enqueue(&app, &japanese_message()).await;
    tokio::time::sleep(Duration::from_millis(600)).await;
    let m = row(&app, id).await;
    assert_eq!(
        (m.status, m.attempts),
        (MessageStatus::Queued, 0),
        "nothing sent"
    );

    let page = app.get("/admin/outbox").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("id=\"smtp-not-configured\""));
    assert!(page.body.contains(&format!("id=\"message-{id}\"")));
    assert!(page.body.contains(SUBJECT), "the subject is listed");
    assert!(page.body.contains("hanako.suzuki@example.jp"));
    assert!(page.body.contains("送信待ち"));
    assert!(
        !page.body.contains("id=\"retry-"),
        "only failed messages can be retried"
    );

    let office = app.create_office("西船橋").await;
    app.create_staff("supporter1", office, "supporter").await;
    let supporter = app.signed_in_as("supporter1").await;
    assert_eq!(
        supporter.get("/admin/outbox").await.status,
        StatusCode::FORBIDDEN
    );
    let token = supporter.csrf("/account/password").await;
    let post = supporter
        .post_form(
            &format!("/admin/outbox/{id}/retry"),
            &[("_csrf", token.as_str())],
        )
        .await;
    assert_eq!(post.status, StatusCode::FORBIDDEN);
    let anonymous = app.another_browser().get("/admin/outbox").await;
    assert_eq!(anonymous.status, StatusCode::SEE_OTHER);
    assert!(anonymous.location().starts_with("/login"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_senders_never_send_one_message_twice() {
    // No worker in the app: the test runs the senders, as several server processes would.
    let app = spawn_app().await;
    let sink = SmtpSink::start().await;
    let mailer = mailer_for(&sink);
    let mut ids = Vec::new();
    for i in 0..12 {
        let msg = OutgoingEmail::new(format!("client{i}@example.jp"), format!("確認 {i}"), "本文");
        ids.push(enqueue(&app, &msg).await);
    }
    let now = clock::now();
    let runs: Vec<_> = (0..3)
        .map(|_| {
            let db = app.state.db.clone();
            let mailer = mailer.clone();
            tokio::spawn(async move { email::send_due(&db, &mailer, now).await })
        })
        .collect();
    let mut sent = 0;
    for run in runs {
        sent += run.await.unwrap().unwrap().sent;
    }
    assert_eq!(sent, ids.len(), "every message sent by exactly one run");
    let mut recipients: Vec<String> = sink
        .received()
        .into_iter()
        .flat_map(|r| r.rcpt_to)
        .collect();
    recipients.sort();
    let mut expected: Vec<String> = (0..12).map(|i| format!("client{i}@example.jp")).collect();
    expected.sort();
    assert_eq!(recipients, expected, "each message arrived exactly once");
    for id in ids {
        let m = row(&app, id).await;
        assert_eq!((m.status, m.attempts), (MessageStatus::Sent, 1));
    }

    // The lease itself: of two processes claiming one due message at the same moment, one wins.
    let id = enqueue(&app, &japanese_message()).await;
    let now = clock::now();
    let claims: Vec<_> = (0..2)
        .map(|_| {
            let db = app.state.db.clone();
            tokio::spawn(async move { outbox::claim(&db, id, now, now + email::LEASE).await })
        })
        .collect();
    let mut won = 0;
    for c in claims {
        if c.await.unwrap().unwrap() {
            won += 1;
        }
    }
    assert_eq!(won, 1);
    // While the lease runs, no sender takes the message; once it has run out, one does.
    let report = email::send_due(&app.state.db, &mailer, now).await.unwrap();
    assert_eq!(report.sent, 0);
    let after_lease = now + email::LEASE + time::Duration::seconds(1);
    let report = email::send_due(&app.state.db, &mailer, after_lease)
        .await
        .unwrap();
    assert_eq!(report.sent, 1);
    assert_eq!(sink.received().len(), 13);
}
