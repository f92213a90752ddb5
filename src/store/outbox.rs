//! 送信メール (the email outbox): messages waiting to be sent, sent, or given up on, and the
//! lease a server process takes on one before sending it (`crate::email` does the sending).
//!
//! Statuses (`domain::outbox::MessageStatus`, read from the text column here): `queued`
//! (waiting, maybe after failed attempts), `sent`, `failed` (given up after the last attempt;
//! an admin may queue it again).
use time::OffsetDateTime;

use crate::db::{Db, Tx};
use crate::domain::outbox::MessageStatus;
use crate::{on_db, on_tx};

/// A message to write into the outbox.
#[derive(Debug, Clone)]
pub struct NewMessage<'a> {
    pub to_address: &'a str,
    pub subject: &'a str,
    pub body_text: &'a str,
    pub related_type: Option<&'a str>,
    pub related_id: Option<i64>,
    /// Not sent before this time (a reminder); `None` sends it as soon as possible.
    pub not_before: Option<OffsetDateTime>,
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Message {
    pub id: i64,
    pub to_address: String,
    pub subject: String,
    pub body_text: String,
    pub created_at: OffsetDateTime,
    #[sqlx(try_from = "String")]
    pub status: MessageStatus,
    pub attempts: i64,
    pub next_attempt_at: OffsetDateTime,
    pub locked_until: Option<OffsetDateTime>,
    pub last_error: String,
    pub sent_at: Option<OffsetDateTime>,
    pub related_type: Option<String>,
    pub related_id: Option<i64>,
}

const COLUMNS: &str = "id, to_address, subject, body_text, created_at, status, attempts,
                       next_attempt_at, locked_until, last_error, sent_at, related_type, related_id";

/// Queues a message inside the transaction of the change that causes it: due at once, or at
/// `not_before` (the worker's `next_attempt_at <= now` leaves it until then).
pub async fn insert(
    tx: &mut Tx,
    m: &NewMessage<'_>,
    now: OffsetDateTime,
) -> Result<i64, sqlx::Error> {
    let sql = "INSERT INTO email_outbox (to_address, subject, body_text, created_at, status,
                                         attempts, next_attempt_at, related_type, related_id)
               VALUES ($1, $2, $3, $4, 'queued', 0, $5, $6, $7) RETURNING id";
    on_tx!(tx, c => sqlx::query_scalar(sql)
        .bind(m.to_address).bind(m.subject).bind(m.body_text).bind(now)
        .bind(m.not_before.unwrap_or(now)).bind(m.related_type).bind(m.related_id)
        .fetch_one(c).await)
}

pub async fn find(db: &Db, id: i64) -> Result<Option<Message>, sqlx::Error> {
    let sql = format!("SELECT {COLUMNS} FROM email_outbox WHERE id = $1");
    on_db!(db, pool => sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(id).fetch_optional(pool).await)
}

/// Newest first, at most `limit` messages, only those older than `before_id` if given.
pub async fn list(
    db: &Db,
    before_id: Option<i64>,
    limit: i64,
) -> Result<Vec<Message>, sqlx::Error> {
    // One text per case: the first page, or the next from a cursor (a range on the key,
    // which `($1 IS NULL OR id < $1)` would not let SQLite seek to).
    let sql = match before_id {
        Some(_) => {
            format!("SELECT {COLUMNS} FROM email_outbox WHERE id < $1 ORDER BY id DESC LIMIT $2")
        }
        None => format!("SELECT {COLUMNS} FROM email_outbox ORDER BY id DESC LIMIT $1"),
    };
    on_db!(db, pool => {
        let q = sqlx::query_as(sqlx::AssertSqlSafe(sql));
        match before_id {
            Some(before) => q.bind(before),
            None => q,
        }
        .bind(limit)
        .fetch_all(pool)
        .await
    })
}

/// The ids of queued messages due at `now` whose lease (if any) has run out, oldest due first.
/// Only a hint: another process may take any of them first, which `claim` settles.
pub async fn due_ids(db: &Db, now: OffsetDateTime, limit: i64) -> Result<Vec<i64>, sqlx::Error> {
    let sql = "SELECT id FROM email_outbox
               WHERE status = 'queued' AND next_attempt_at <= $1
                 AND (locked_until IS NULL OR locked_until < $1)
               ORDER BY next_attempt_at, id LIMIT $2";
    on_db!(db, pool => sqlx::query_scalar(sql).bind(now).bind(limit).fetch_all(pool).await)
}

/// Takes the lease on a due message until `lease_until`. True only for the one process whose
/// UPDATE changed the row: the conditions are checked again by the database under the row's
/// write lock, so two processes racing for one message cannot both win.
pub async fn claim(
    db: &Db,
    id: i64,
    now: OffsetDateTime,
    lease_until: OffsetDateTime,
) -> Result<bool, sqlx::Error> {
    let sql = "UPDATE email_outbox SET locked_until = $3
               WHERE id = $1 AND status = 'queued' AND next_attempt_at <= $2
                 AND (locked_until IS NULL OR locked_until < $2)";
    let n = on_db!(db, pool => sqlx::query(sql).bind(id).bind(now).bind(lease_until)
        .execute(pool).await.map(|r| r.rows_affected()))?;
    Ok(n == 1)
}

/// The SMTP server accepted the message.
pub async fn mark_sent(db: &Db, id: i64, now: OffsetDateTime) -> Result<(), sqlx::Error> {
    let sql = "UPDATE email_outbox
               SET status = 'sent', sent_at = $2, attempts = attempts + 1, locked_until = NULL,
                   last_error = ''
               WHERE id = $1";
    on_db!(db, pool => sqlx::query(sql).bind(id).bind(now)
        .execute(pool).await.map(|r| r.rows_affected()))?;
    Ok(())
}

/// An attempt failed: count it, keep the error and either wait until `next_attempt_at`
/// (`status` = queued) or give up (`status` = failed).
pub async fn mark_attempt_failed(
    db: &Db,
    id: i64,
    status: MessageStatus,
    next_attempt_at: OffsetDateTime,
    error: &str,
) -> Result<(), sqlx::Error> {
    let sql = "UPDATE email_outbox
               SET status = $2, attempts = attempts + 1, next_attempt_at = $3,
                   locked_until = NULL, last_error = $4
               WHERE id = $1";
    on_db!(db, pool => sqlx::query(sql).bind(id).bind(status.code()).bind(next_attempt_at).bind(error)
        .execute(pool).await.map(|r| r.rows_affected()))?;
    Ok(())
}

/// Queues a failed message again, due at once ("retry now"). False when it is not failed.
pub async fn requeue_failed(
    tx: &mut Tx,
    id: i64,
    now: OffsetDateTime,
) -> Result<bool, sqlx::Error> {
    let sql = "UPDATE email_outbox
               SET status = 'queued', next_attempt_at = $2, locked_until = NULL
               WHERE id = $1 AND status = 'failed'";
    let n = on_tx!(tx, c => sqlx::query(sql).bind(id).bind(now)
        .execute(c).await.map(|r| r.rows_affected()))?;
    Ok(n == 1)
}

/// Withdraws a message that has not been sent (a reminder for a tour that was cancelled or
/// moved). False when it was sent or given up meanwhile. A message whose lease a worker holds
/// at this very moment may still go out; it is deleted all the same, so it is never retried.
pub async fn delete_queued(tx: &mut Tx, id: i64) -> Result<bool, sqlx::Error> {
    let sql = "DELETE FROM email_outbox WHERE id = $1 AND status = 'queued'";
    let n = on_tx!(tx, c => sqlx::query(sql).bind(id).execute(c).await.map(|r| r.rows_affected()))?;
    Ok(n == 1)
}
