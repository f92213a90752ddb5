//! 法人 (organisation): one per installation.
use time::OffsetDateTime;

use crate::db::{Db, Tx};
use crate::{on_db, on_tx};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Organization {
    pub id: i64,
    pub name: String,
}

pub async fn find(db: &Db) -> Result<Option<Organization>, sqlx::Error> {
    on_db!(db, pool => sqlx::query_as("SELECT id, name FROM organizations ORDER BY id LIMIT 1")
        .fetch_optional(pool).await)
}

/// Inserts the organisation. Fails with a unique violation if one already exists.
pub async fn insert(tx: &mut Tx, name: &str, now: OffsetDateTime) -> Result<i64, sqlx::Error> {
    on_tx!(tx, c => sqlx::query_scalar("INSERT INTO organizations (name, created_at) VALUES ($1, $2) RETURNING id")
        .bind(name).bind(now).fetch_one(c).await)
}
