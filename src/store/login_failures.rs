//! Attempts that are limited in number: failed sign-ins counted per account and per address
//! to slow down password guessing, and the public inquiry form's posts per sender. Kept in
//! the database so that several server processes share the count.
//!
//! An attempt is *reserved* before it is checked ([`reserve`]): its row is written and the
//! rows up to and including it are counted in one transaction that concurrent reservations
//! cannot interleave with (on PostgreSQL the table is locked for the transaction; on SQLite
//! the first statement takes the database's single write lock). So 20 attempts sent at once
//! see counts 1, 2, … 20 and only those within the limit go on to be checked. A reservation
//! stays as a failure unless the caller clears it (a successful sign-in clears its key).
use time::{Duration, OffsetDateTime};

use crate::db::{Db, Tx};
use crate::{on_db, on_tx};

/// How many attempts one key (`login`, `client:<login>`, `inquiry:<sender>`) and one address
/// may make within `window`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    pub window: Duration,
    pub per_key: i64,
    /// `None`: the address is not limited on its own (the key already is the address).
    pub per_address: Option<i64>,
}

/// The answer of [`reserve`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reservation {
    /// The attempt may go ahead; its row id (for [`release`]).
    Reserved(i64),
    /// Over a limit: nothing was written, the attempt must not be checked.
    Throttled,
}

/// Reserves one attempt for `key` from `address` at `now`, atomically: the attempt is
/// written first and counted with those before it, so concurrent callers cannot all pass.
pub async fn reserve(
    db: &Db,
    key: &str,
    address: &str,
    now: OffsetDateTime,
    limits: Limits,
) -> Result<Reservation, sqlx::Error> {
    let since = now - limits.window;
    let (key, address) = (&storable(key), &storable(address));
    let mut tx = db.begin().await?;
    if let Tx::Postgres(t) = &mut tx {
        // SHARE ROW EXCLUSIVE conflicts with itself and with writers: reservations queue
        // here one at a time (they take a millisecond; sign-ins are rare).
        sqlx::query("LOCK TABLE login_failures IN SHARE ROW EXCLUSIVE MODE")
            .execute(&mut **t)
            .await?;
    }
    // On SQLite this INSERT is the transaction's first statement: it waits for the write
    // lock, and then reads the latest state.
    let id: i64 = on_tx!(&mut tx, c => sqlx::query_scalar(
        "INSERT INTO login_failures (login, address, at) VALUES ($1, $2, $3) RETURNING id")
        .bind(key).bind(address).bind(now).fetch_one(&mut *c).await)?;
    let (by_key, by_address): (i64, i64) = on_tx!(&mut tx, c => sqlx::query_as(
        "SELECT (SELECT COUNT(*) FROM login_failures WHERE login = $1 AND at >= $3),
                (SELECT COUNT(*) FROM login_failures WHERE address = $2 AND at >= $3)")
        .bind(key).bind(address).bind(since).fetch_one(&mut *c).await)?;
    let over = by_key > limits.per_key || limits.per_address.is_some_and(|max| by_address > max);
    if over {
        // Rolled back: a refused attempt does not lengthen the wait.
        drop(tx);
        return Ok(Reservation::Throttled);
    }
    tx.commit().await?;
    Ok(Reservation::Reserved(id))
}

/// The text as stored: PostgreSQL cannot hold a NUL, so control characters are kept as
/// U+FFFD (the same key always maps to the same text, so it is still counted).
fn storable(text: &str) -> String {
    text.replace(char::is_control, "\u{FFFD}")
}

/// Takes one reservation back (an attempt that turned out not to count, e.g. a form sent
/// twice).
pub async fn release(db: &Db, id: i64) -> Result<(), sqlx::Error> {
    on_db!(db, pool => sqlx::query("DELETE FROM login_failures WHERE id = $1")
        .bind(id).execute(pool).await.map(|r| r.rows_affected()))?;
    Ok(())
}

/// A successful sign-in forgets the key's failures (its own reservation included).
pub async fn clear_login(db: &Db, key: &str) -> Result<(), sqlx::Error> {
    on_db!(db, pool => sqlx::query("DELETE FROM login_failures WHERE login = $1")
        .bind(storable(key)).execute(pool).await.map(|r| r.rows_affected()))?;
    Ok(())
}

pub async fn delete_before(db: &Db, before: OffsetDateTime) -> Result<(), sqlx::Error> {
    on_db!(db, pool => sqlx::query("DELETE FROM login_failures WHERE at < $1")
        .bind(before).execute(pool).await.map(|r| r.rows_affected()))?;
    Ok(())
}
