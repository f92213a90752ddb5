//! Server-side sessions. The cookie holds a random token; the table holds its SHA-256, so
//! a copy of the database does not let anyone take over a session.
use time::OffsetDateTime;

use crate::db::Db;
use crate::on_db;

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Session {
    pub id: String,
    pub staff_id: Option<i64>,
    pub csrf_token: String,
    pub last_seen_at: OffsetDateTime,
    pub expires_at: OffsetDateTime,
}

pub async fn find(db: &Db, id: &str) -> Result<Option<Session>, sqlx::Error> {
    on_db!(db, pool => sqlx::query_as(
        "SELECT id, staff_id, csrf_token, last_seen_at, expires_at FROM sessions WHERE id = $1")
        .bind(id).fetch_optional(pool).await)
}

pub async fn insert(
    db: &Db,
    id: &str,
    staff_id: Option<i64>,
    csrf_token: &str,
    now: OffsetDateTime,
    expires_at: OffsetDateTime,
) -> Result<(), sqlx::Error> {
    on_db!(db, pool => sqlx::query(
        "INSERT INTO sessions (id, staff_id, csrf_token, created_at, last_seen_at, expires_at)
         VALUES ($1, $2, $3, $4, $4, $5)")
        .bind(id).bind(staff_id).bind(csrf_token).bind(now).bind(expires_at)
        .execute(pool).await.map(|r| r.rows_affected()))?;
    Ok(())
}

pub async fn touch(db: &Db, id: &str, now: OffsetDateTime) -> Result<(), sqlx::Error> {
    on_db!(db, pool => sqlx::query("UPDATE sessions SET last_seen_at = $2 WHERE id = $1")
        .bind(id).bind(now).execute(pool).await.map(|r| r.rows_affected()))?;
    Ok(())
}

pub async fn delete(db: &Db, id: &str) -> Result<(), sqlx::Error> {
    on_db!(db, pool => sqlx::query("DELETE FROM sessions WHERE id = $1").bind(id).execute(pool).await.map(|r| r.rows_affected()))?;
    Ok(())
}

/// Ends every session of a staff member (after a password change or deactivation).
pub async fn delete_for_staff(db: &Db, staff_id: i64) -> Result<(), sqlx::Error> {
    on_db!(db, pool => sqlx::query("DELETE FROM sessions WHERE staff_id = $1")
        .bind(staff_id).execute(pool).await.map(|r| r.rows_affected()))?;
    Ok(())
}

/// Removes sessions past their absolute expiry or idle since `idle_cutoff`.
pub async fn delete_stale(
    db: &Db,
    now: OffsetDateTime,
    idle_cutoff: OffsetDateTime,
) -> Result<u64, sqlx::Error> {
    let done = on_db!(db, pool => sqlx::query(
        "DELETE FROM sessions WHERE expires_at < $1 OR last_seen_at < $2")
        .bind(now).bind(idle_cutoff).execute(pool).await.map(|r| r.rows_affected()))?;
    Ok(done)
}
