//! 関係機関 (institutions): each office's directory.
use time::OffsetDateTime;

use crate::db::{Db, Tx};
use crate::domain::institution::InstitutionInput;
use crate::{on_db, on_tx};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Institution {
    pub id: i64,
    pub office_id: i64,
    pub name: String,
    pub kind: String,
    pub contact_person: String,
    pub phone: String,
    pub email: String,
    pub address: String,
    pub notes: String,
}

const COLUMNS: &str = "id, office_id, name, kind, contact_person, phone, email, address, notes";

/// The office's institutions, by name.
pub async fn list_for_office(db: &Db, office_id: i64) -> Result<Vec<Institution>, sqlx::Error> {
    let sql = format!("SELECT {COLUMNS} FROM institutions WHERE office_id = $1 ORDER BY name, id");
    on_db!(db, pool => sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(office_id).fetch_all(pool).await)
}

/// One institution of the office; `None` when it does not exist or belongs to another
/// office (the caller answers 404 either way).
pub async fn find(db: &Db, office_id: i64, id: i64) -> Result<Option<Institution>, sqlx::Error> {
    let sql = format!("SELECT {COLUMNS} FROM institutions WHERE id = $1 AND office_id = $2");
    on_db!(db, pool => sqlx::query_as(sqlx::AssertSqlSafe(sql))
        .bind(id).bind(office_id).fetch_optional(pool).await)
}

pub async fn insert(
    tx: &mut Tx,
    office_id: i64,
    i: &InstitutionInput,
    now: OffsetDateTime,
) -> Result<i64, sqlx::Error> {
    on_tx!(tx, conn => sqlx::query_scalar(
        "INSERT INTO institutions (office_id, name, kind, contact_person, phone, email, address,
                                   notes, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9) RETURNING id")
        .bind(office_id).bind(&i.name).bind(i.kind.code()).bind(&i.contact_person)
        .bind(&i.phone).bind(&i.email).bind(&i.address).bind(&i.notes).bind(now)
        .fetch_one(conn).await)
}

pub async fn update(
    tx: &mut Tx,
    office_id: i64,
    id: i64,
    i: &InstitutionInput,
    now: OffsetDateTime,
) -> Result<bool, sqlx::Error> {
    let done = on_tx!(tx, conn => sqlx::query(
        "UPDATE institutions SET name = $3, kind = $4, contact_person = $5, phone = $6,
                email = $7, address = $8, notes = $9, updated_at = $10
         WHERE id = $1 AND office_id = $2")
        .bind(id).bind(office_id).bind(&i.name).bind(i.kind.code()).bind(&i.contact_person)
        .bind(&i.phone).bind(&i.email).bind(&i.address).bind(&i.notes).bind(now)
        .execute(conn).await.map(|r| r.rows_affected()))?;
    Ok(done == 1)
}
