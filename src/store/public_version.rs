//! The public pages' version (#13): one row that every write changing what the public site
//! shows (an office, the guide) moves on in its own transaction. Every node reads it (one
//! primary-key row) before it answers a public page from its cache, so a change made on any
//! node is seen by all of them at their next request.
use time::OffsetDateTime;

use crate::db::{Db, Tx};
use crate::{on_db, on_tx};

/// The version and when it last moved (Unix seconds).
pub async fn current(db: &Db) -> Result<(i64, i64), sqlx::Error> {
    on_db!(db, pool => sqlx::query_as("SELECT version, changed_at FROM public_version WHERE id = 1")
        .fetch_one(pool).await)
}

/// Moves the version on, inside the transaction of the change.
pub async fn bump(tx: &mut Tx, now: OffsetDateTime) -> Result<(), sqlx::Error> {
    on_tx!(tx, c => sqlx::query(
        "UPDATE public_version SET version = version + 1, changed_at = $1 WHERE id = 1")
        .bind(now.unix_timestamp()).execute(&mut *c).await.map(|_| ()))
}
