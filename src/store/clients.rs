//! 利用者 (clients): the platform's minimal record; the clients issue extends it.
use time::{Date, OffsetDateTime};

use crate::db::{Db, Tx};
use crate::{on_db, on_tx};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Client {
    pub id: i64,
    pub office_id: i64,
    pub supporter_id: Option<i64>,
    pub name: String,
    pub kana: String,
    pub birth_date: Date,
}

/// A client row with the supporter's name, for lists.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ClientListRow {
    pub id: i64,
    pub name: String,
    pub kana: String,
    pub supporter_name: Option<String>,
}

#[derive(Debug, Clone)]
pub struct NewClient {
    pub office_id: i64,
    pub supporter_id: Option<i64>,
    pub name: String,
    pub kana: String,
    pub birth_date: Date,
}

pub async fn find(db: &Db, id: i64) -> Result<Option<Client>, sqlx::Error> {
    on_db!(db, pool => sqlx::query_as(
        "SELECT id, office_id, supporter_id, name, kana, birth_date FROM clients WHERE id = $1")
        .bind(id).fetch_optional(pool).await)
}

pub async fn list_for_office(db: &Db, office_id: i64) -> Result<Vec<ClientListRow>, sqlx::Error> {
    on_db!(db, pool => sqlx::query_as(
        "SELECT c.id, c.name, c.kana, s.display_name AS supporter_name
         FROM clients c LEFT JOIN staff s ON s.id = c.supporter_id
         WHERE c.office_id = $1 ORDER BY c.kana, c.id")
        .bind(office_id).fetch_all(pool).await)
}

pub async fn insert(tx: &mut Tx, c: &NewClient, now: OffsetDateTime) -> Result<i64, sqlx::Error> {
    on_tx!(tx, conn => sqlx::query_scalar(
        "INSERT INTO clients (office_id, supporter_id, name, kana, birth_date, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $6) RETURNING id")
        .bind(c.office_id).bind(c.supporter_id).bind(&c.name).bind(&c.kana).bind(c.birth_date)
        .bind(now).fetch_one(conn).await)
}
