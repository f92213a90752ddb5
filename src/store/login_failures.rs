//! Failed sign-ins, counted per account and per address to slow down password guessing.
//! Kept in the database so that several server processes share the count.
use time::OffsetDateTime;

use crate::db::Db;
use crate::on_db;

pub async fn record(
    db: &Db,
    login: &str,
    address: &str,
    at: OffsetDateTime,
) -> Result<(), sqlx::Error> {
    on_db!(db, pool => sqlx::query("INSERT INTO login_failures (login, address, at) VALUES ($1, $2, $3)")
        .bind(login).bind(address).bind(at).execute(pool).await.map(|r| r.rows_affected()))?;
    Ok(())
}

/// Failures since `since`: (for this account, from this address).
pub async fn count_since(
    db: &Db,
    login: &str,
    address: &str,
    since: OffsetDateTime,
) -> Result<(i64, i64), sqlx::Error> {
    on_db!(db, pool => sqlx::query_as(
        "SELECT (SELECT COUNT(*) FROM login_failures WHERE login = $1 AND at >= $3),
                (SELECT COUNT(*) FROM login_failures WHERE address = $2 AND at >= $3)")
        .bind(login).bind(address).bind(since).fetch_one(pool).await)
}

/// A successful sign-in forgets the account's failures.
pub async fn clear_login(db: &Db, login: &str) -> Result<(), sqlx::Error> {
    on_db!(db, pool => sqlx::query("DELETE FROM login_failures WHERE login = $1")
        .bind(login).execute(pool).await.map(|r| r.rows_affected()))?;
    Ok(())
}

pub async fn delete_before(db: &Db, before: OffsetDateTime) -> Result<(), sqlx::Error> {
    on_db!(db, pool => sqlx::query("DELETE FROM login_failures WHERE at < $1")
        .bind(before).execute(pool).await.map(|r| r.rows_affected()))?;
    Ok(())
}
