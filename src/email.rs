//! Outgoing email through an outbox.
//!
//! A change that causes an email calls [`enqueue`] inside its own transaction: the message is
//! a row of `email_outbox` that commits (or rolls back) with the change, so an acknowledged
//! request never loses its message and a failed one never sends it. The outbox worker
//! ([`spawn_worker`], started by `app::serve_on`) sends due messages through SMTP
//! (`TEICHAKU_SMTP_URL`), off the request path.
//!
//! Several server processes may share one PostgreSQL (design §3). Each message is sent only by
//! the process that takes its lease (`store::outbox::claim`, an UPDATE that only one process
//! can win). Delivery is at least once, not exactly once: if a process dies (or loses the
//! database) after the SMTP server accepted a message but before it recorded `sent`, the
//! message is sent again when its lease runs out. A fixed `Message-ID` per outbox row lets
//! mail clients recognise that copy.
//!
//! A failed attempt waits [`backoff`] (1 min, 2, 4… capped at 6 h) and the message is given
//! up (`failed`) after [`MAX_ATTEMPTS`]; an admin can queue it again on `/admin/outbox`.
//! Without `TEICHAKU_SMTP_URL` nothing is sent: messages stay queued until SMTP is configured.
//!
//! What an email says is not written here: [`messages`] renders each one from its template
//! files (`templates/email/`).

use std::{str::FromStr, time::Duration};

use lettre::{
    Address, AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor,
    message::{Mailbox, header::ContentType},
};
use time::OffsetDateTime;

use crate::app::AppState;
use crate::clock;
use crate::config::Config;
use crate::db::{Db, Tx};
use crate::domain::outbox::MessageStatus;
use crate::store::outbox;

pub mod messages;

/// A failed message is given up after this many attempts (about two hours with [`backoff`]).
pub const MAX_ATTEMPTS: i64 = 8;

/// How long a process holds a message it is sending before another may take it.
pub const LEASE: time::Duration = time::Duration::seconds(60);

/// The longest one SMTP delivery may take, well inside [`LEASE`]: a send still running when
/// the lease ends could be repeated by another process.
const SEND_TIMEOUT: Duration = Duration::from_secs(30);

/// The most messages one run of the worker looks at; the rest wait for the next run.
const BATCH: i64 = 50;

/// The longest wait between two attempts.
const MAX_BACKOFF: time::Duration = time::Duration::hours(6);

/// An email to send.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutgoingEmail {
    /// One recipient address (check it first with [`is_valid_address`]).
    pub to: String,
    pub subject: String,
    /// Plain text; sent as UTF-8.
    pub body_text: String,
    /// The record the message is about, e.g. `("inquiry", 42)`.
    pub related: Option<(&'static str, i64)>,
    /// Not sent before this time (e.g. a reminder the day before a tour).
    pub not_before: Option<OffsetDateTime>,
}

impl OutgoingEmail {
    pub fn new(
        to: impl Into<String>,
        subject: impl Into<String>,
        body_text: impl Into<String>,
    ) -> OutgoingEmail {
        OutgoingEmail {
            to: to.into(),
            subject: subject.into(),
            body_text: body_text.into(),
            related: None,
            not_before: None,
        }
    }

    /// Holds the message in the outbox until `at`.
    pub fn not_before(mut self, at: OffsetDateTime) -> OutgoingEmail {
        self.not_before = Some(at);
        self
    }

    /// Names the record the message is about.
    pub fn related_to(mut self, kind: &'static str, id: i64) -> OutgoingEmail {
        self.related = Some((kind, id));
        self
    }
}

/// True when `address` is one email address we can send to. Forms that take an address
/// check it with this, so that a message in the outbox can be built.
pub fn is_valid_address(address: &str) -> bool {
    Address::from_str(address.trim()).is_ok()
}

/// Queues `msg` in the transaction of the change that causes it; returns the outbox id.
/// Nothing is sent before the transaction commits.
pub async fn enqueue(tx: &mut Tx, msg: &OutgoingEmail) -> Result<i64, sqlx::Error> {
    let new = outbox::NewMessage {
        to_address: msg.to.trim(),
        subject: &msg.subject,
        body_text: &msg.body_text,
        related_type: msg.related.map(|(kind, _)| kind),
        related_id: msg.related.map(|(_, id)| id),
        not_before: msg.not_before,
    };
    outbox::insert(tx, &new, clock::now()).await
}

/// How long to wait after the `attempts`-th failed attempt: 1 minute, doubled after each
/// failure, never more than 6 hours.
pub fn backoff(attempts: i64) -> time::Duration {
    let doublings = attempts.clamp(1, 32) - 1;
    let minutes = 1i64 << doublings;
    time::Duration::minutes(minutes).min(MAX_BACKOFF)
}

/// The SMTP transport and the sender address, from the configuration.
#[derive(Clone)]
pub struct Mailer {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
}

impl Mailer {
    /// `None` when `TEICHAKU_SMTP_URL` is empty (email is not configured); an error, naming
    /// the variable, when it or `TEICHAKU_MAIL_FROM` cannot be used.
    pub fn from_config(config: &Config) -> anyhow::Result<Option<Mailer>> {
        let url = config.smtp_url.trim();
        if url.is_empty() {
            return Ok(None);
        }
        let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
            .map_err(|e| {
                anyhow::anyhow!(
                    "TEICHAKU_SMTP_URL is not usable ({}): {e}",
                    crate::db::redact(url)
                )
            })?
            // Per SMTP command; the whole delivery is bounded by SEND_TIMEOUT.
            .timeout(Some(Duration::from_secs(20)))
            .build();
        let from = Mailbox::from_str(config.mail_from.trim()).map_err(|e| {
            anyhow::anyhow!(
                "TEICHAKU_MAIL_FROM is not an email address ({:?}): {e}",
                config.mail_from
            )
        })?;
        Ok(Some(Mailer { transport, from }))
    }

    /// The message as it goes on the wire. An error means the row cannot become an email
    /// (an invalid recipient), which no retry will fix.
    fn build(&self, m: &outbox::Message) -> Result<Message, String> {
        let to = Mailbox::from_str(m.to_address.trim())
            .map_err(|e| format!("invalid recipient {:?}: {e}", m.to_address))?;
        // Header values must stay on one line; a line break would start a new header.
        let subject: String = m
            .subject
            .chars()
            .map(|c| if c.is_control() { ' ' } else { c })
            .collect();
        // One Message-ID per outbox row, so that a copy sent twice (see the module comment)
        // is recognisably the same message.
        let message_id = format!(
            "<outbox.{}.{}@{}>",
            m.id,
            m.created_at.unix_timestamp(),
            self.from.email.domain()
        );
        Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(subject)
            .message_id(Some(message_id))
            .header(ContentType::TEXT_PLAIN)
            .body(m.body_text.clone())
            .map_err(|e| format!("cannot build the message: {e}"))
    }
}

/// What one run of the sender did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RunReport {
    /// Accepted by the SMTP server.
    pub sent: usize,
    /// Attempts that failed (queued again, or given up).
    pub failed: usize,
    /// Due messages another process took first.
    pub skipped: usize,
}

/// Sends the messages due at `now`, one at a time, each under its own lease. Any process may
/// run this at any moment: a message is sent only by the run whose claim succeeded.
///
/// `now` is the time of the run (tests pass a later time to make a retry due); the time that
/// passes while sending is added to it, so each lease starts when its message is claimed.
pub async fn send_due(
    db: &Db,
    mailer: &Mailer,
    now: OffsetDateTime,
) -> Result<RunReport, sqlx::Error> {
    let started = std::time::Instant::now();
    let mut report = RunReport::default();
    // Claim one message just before sending it rather than the whole batch at once, so a
    // slow batch does not hold leases on messages that another process could be sending.
    for id in outbox::due_ids(db, now, BATCH).await? {
        let elapsed = i64::try_from(started.elapsed().as_secs()).unwrap_or(i64::MAX);
        let at = now + time::Duration::seconds(elapsed);
        if !outbox::claim(db, id, at, at + LEASE).await? {
            report.skipped += 1;
            continue;
        }
        let Some(message) = outbox::find(db, id).await? else {
            continue;
        };
        match send_one(mailer, &message).await {
            Ok(()) => {
                outbox::mark_sent(db, id, at).await?;
                report.sent += 1;
            }
            Err(error) => {
                let attempts = message.attempts + 1;
                let (status, next) = if attempts >= MAX_ATTEMPTS || error.permanent {
                    (MessageStatus::Failed, at)
                } else {
                    (MessageStatus::Queued, at + backoff(attempts))
                };
                tracing::warn!(outbox_id = id, attempts, status = status.code(), error = %error.text, "email not sent");
                outbox::mark_attempt_failed(db, id, status, next, &error.text).await?;
                report.failed += 1;
            }
        }
    }
    Ok(report)
}

/// Why an attempt failed, for the admin page. `permanent` only when the message itself is
/// unusable; errors from the SMTP server are all retried, since most are fixed by waiting
/// or by correcting the server's settings.
struct SendError {
    text: String,
    permanent: bool,
}

async fn send_one(mailer: &Mailer, m: &outbox::Message) -> Result<(), SendError> {
    let email = mailer.build(m).map_err(|text| SendError {
        text,
        permanent: true,
    })?;
    let temporary = |text: String| SendError {
        text: truncate(&text, 1000),
        permanent: false,
    };
    match tokio::time::timeout(SEND_TIMEOUT, mailer.transport.send(email)).await {
        Ok(Ok(_)) => Ok(()),
        Ok(Err(e)) => Err(temporary(format!("{:#}", anyhow::Error::from(e)))),
        Err(_) => Err(temporary(format!(
            "no answer from the SMTP server within {} s",
            SEND_TIMEOUT.as_secs()
        ))),
    }
}

fn truncate(text: &str, max_chars: usize) -> String {
    text.chars().take(max_chars).collect()
}

/// Starts the outbox worker: every `TEICHAKU_OUTBOX_INTERVAL_MS` it sends what is due.
/// Without `TEICHAKU_SMTP_URL` there is no worker and messages wait in the outbox. An
/// unusable SMTP setting is an error, so that `serve` stops at once with a clear line.
pub fn spawn_worker(app: &AppState) -> anyhow::Result<()> {
    let Some(mailer) = Mailer::from_config(&app.config)? else {
        tracing::info!("TEICHAKU_SMTP_URL is not set: outgoing email waits in the outbox");
        return Ok(());
    };
    let db = app.db.clone();
    // tokio's interval panics on zero.
    let every = Duration::from_millis(app.config.outbox_interval_ms.max(10));
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(every);
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            tick.tick().await;
            match send_due(&db, &mailer, clock::now()).await {
                Ok(report) if report != RunReport::default() => {
                    tracing::info!(?report, "outbox run");
                }
                Ok(_) => {}
                Err(e) => tracing::warn!(error = ?e, "outbox run failed"),
            }
        }
    });
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_from_one_minute_up_to_six_hours() {
        let cases = [
            (0, 1), // not a real attempt count; treated as the first
            (1, 1),
            (2, 2),
            (3, 4),
            (4, 8),
            (5, 16),
            (6, 32),
            (7, 64),
            (8, 128),
            (9, 256),
            (10, 360), // 512 minutes, capped at 6 h
            (11, 360),
            (64, 360),
            (i64::MAX, 360),
        ];
        for (attempts, minutes) in cases {
            assert_eq!(
                backoff(attempts),
                time::Duration::minutes(minutes),
                "{attempts}"
            );
        }
    }

    #[test]
    fn addresses() {
        assert!(is_valid_address("suzuki@example.jp"));
        assert!(is_valid_address(" suzuki@example.jp "));
        assert!(is_valid_address("no-reply@localhost"));
        assert!(!is_valid_address("suzuki"));
        assert!(!is_valid_address("a@b@c"));
        assert!(!is_valid_address(""));
    }

    fn config(smtp_url: &str, mail_from: &str) -> Config {
        let mut c = Config::for_database("sqlite://x.db");
        c.smtp_url = smtp_url.to_string();
        c.mail_from = mail_from.to_string();
        c
    }

    #[test]
    fn mailer_from_config() {
        assert!(
            Mailer::from_config(&config("", "a@b.jp"))
                .unwrap()
                .is_none()
        );
        for url in [
            "smtp://127.0.0.1:2525",
            "smtp://user:pass@mail.example.jp:587?tls=required",
            "smtps://user:pass@mail.example.jp:465",
        ] {
            assert!(
                Mailer::from_config(&config(url, "定着 <no-reply@example.jp>"))
                    .unwrap()
                    .is_some(),
                "{url}"
            );
        }
        let bad = Mailer::from_config(&config("http://user:secret@x", "a@b.jp"))
            .err()
            .unwrap()
            .to_string();
        assert!(bad.contains("TEICHAKU_SMTP_URL"), "{bad}");
        assert!(!bad.contains("secret"), "the password is not shown: {bad}");
        let bad_from = Mailer::from_config(&config("smtp://127.0.0.1:2525", "nobody"));
        assert!(
            bad_from
                .err()
                .unwrap()
                .to_string()
                .contains("TEICHAKU_MAIL_FROM")
        );
    }

    #[test]
    fn a_message_is_utf8_on_one_line_subject_with_a_stable_id() {
        let mailer = Mailer::from_config(&config("smtp://127.0.0.1:2525", "no-reply@example.jp"))
            .unwrap()
            .unwrap();
        let now = clock::now();
        let row = outbox::Message {
            id: 7,
            to_address: "suzuki@example.jp".into(),
            subject: "見学のご予約\r\nBcc: evil@example.com".into(),
            body_text: "鈴木様\n見学のご予約を承りました。".into(),
            created_at: now,
            status: MessageStatus::Queued,
            attempts: 0,
            next_attempt_at: now,
            locked_until: None,
            last_error: String::new(),
            sent_at: None,
            related_type: None,
            related_id: None,
        };
        let wire = String::from_utf8(mailer.build(&row).unwrap().formatted()).unwrap();
        assert!(!wire.contains("\r\nBcc:"), "no header injection: {wire}");
        assert!(wire.contains("charset=utf-8"), "{wire}");
        let id = format!("Message-ID: <outbox.7.{}@example.jp>", now.unix_timestamp());
        assert!(wire.contains(&id), "{wire}");
        let mut bad = row.clone();
        bad.to_address = "not an address".into();
        assert!(mailer.build(&bad).is_err());
    }
}
