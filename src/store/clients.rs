//! 利用者 (clients).
use time::{Date, OffsetDateTime};

use crate::db::{Db, Tx};
use crate::domain::client::ClientInput;
use crate::{on_db, on_tx};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Client {
    pub id: i64,
    pub office_id: i64,
    pub supporter_id: Option<i64>,
    pub name: String,
    pub kana: String,
    pub birth_date: Date,
    pub phone: String,
    pub email: String,
    pub address: String,
    pub disability_categories: String,
    pub prior_service: String,
    pub prior_office_name: String,
    pub prior_office_integrated: bool,
}

/// A client row for lists: the supporter's name and the first employment's dates, from
/// which the list computes where the client stands.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ClientListRow {
    pub id: i64,
    pub name: String,
    pub kana: String,
    pub supporter_id: Option<i64>,
    pub supporter_name: Option<String>,
    pub hire_date: Option<Date>,
    pub return_to_work_date: Option<Date>,
}

/// The minimal record the demo and tests create directly.
#[derive(Debug, Clone)]
pub struct NewClient {
    pub office_id: i64,
    pub supporter_id: Option<i64>,
    pub name: String,
    pub kana: String,
    pub birth_date: Date,
}

const COLUMNS: &str = "id, office_id, supporter_id, name, kana, birth_date, phone, email, address,
                       disability_categories, prior_service, prior_office_name,
                       prior_office_integrated";

/// The client `id`; a removed client (`store::record_keeping::remove`) is missing, so every
/// page that loads a client through here answers 404 for them.
pub async fn find(db: &Db, id: i64) -> Result<Option<Client>, sqlx::Error> {
    let sql = format!("SELECT {COLUMNS} FROM clients WHERE id = $1 AND removed_at IS NULL");
    on_db!(db, pool => sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(id).fetch_optional(pool).await)
}

/// The office's clients, optionally only those whose name or ふりがな contains `search`,
/// ordered by ふりがな. The basis employment is the earliest one (see `domain::rules::period`).
pub async fn list_for_office(
    db: &Db,
    office_id: i64,
    search: &str,
) -> Result<Vec<ClientListRow>, sqlx::Error> {
    let pattern = format!(
        "%{}%",
        search
            .replace('\\', "\\\\")
            .replace('%', "\\%")
            .replace('_', "\\_")
    );
    let sql = "SELECT c.id, c.name, c.kana, c.supporter_id, s.display_name AS supporter_name,
                      e.hire_date, e.return_to_work_date
               FROM clients c
               LEFT JOIN staff s ON s.id = c.supporter_id
               LEFT JOIN employments e ON e.id = (
                   SELECT e2.id FROM employments e2 WHERE e2.client_id = c.id
                   ORDER BY e2.hire_date, e2.id LIMIT 1)
               WHERE c.office_id = $1 AND c.removed_at IS NULL
                 AND ($2 = '%%' OR c.name LIKE $2 ESCAPE '\\' OR c.kana LIKE $2 ESCAPE '\\'
                      OR REPLACE(c.name, ' ', '') LIKE $2 ESCAPE '\\'
                      OR REPLACE(c.kana, ' ', '') LIKE $2 ESCAPE '\\')
               ORDER BY c.kana, c.id";
    on_db!(db, pool => sqlx::query_as(sql).bind(office_id).bind(&pattern).fetch_all(pool).await)
}

/// Inserts a minimal client (demo data and test builders).
pub async fn insert(tx: &mut Tx, c: &NewClient, now: OffsetDateTime) -> Result<i64, sqlx::Error> {
    on_tx!(tx, conn => sqlx::query_scalar(
        "INSERT INTO clients (office_id, supporter_id, name, kana, birth_date, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $6) RETURNING id")
        .bind(c.office_id).bind(c.supporter_id).bind(&c.name).bind(&c.kana).bind(c.birth_date)
        .bind(now).fetch_one(conn).await)
}

pub async fn create(
    tx: &mut Tx,
    office_id: i64,
    c: &ClientInput,
    now: OffsetDateTime,
) -> Result<i64, sqlx::Error> {
    let sql = "INSERT INTO clients (office_id, supporter_id, name, kana, birth_date, phone, email,
                                    address, disability_categories, prior_service,
                                    prior_office_name, prior_office_integrated, created_at,
                                    updated_at)
               VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $13, $12, $12) RETURNING id";
    on_tx!(tx, conn => sqlx::query_scalar(sql)
        .bind(office_id).bind(c.supporter_id).bind(&c.name).bind(&c.kana).bind(c.birth_date)
        .bind(&c.phone).bind(&c.email).bind(&c.address).bind(c.disabilities_column())
        .bind(c.prior_service.code()).bind(&c.prior_office_name).bind(now)
        .bind(c.prior_office_integrated)
        .fetch_one(conn).await)
}

pub async fn update(
    tx: &mut Tx,
    id: i64,
    c: &ClientInput,
    now: OffsetDateTime,
) -> Result<u64, sqlx::Error> {
    let sql = "UPDATE clients SET supporter_id = $2, name = $3, kana = $4, birth_date = $5,
                      phone = $6, email = $7, address = $8, disability_categories = $9,
                      prior_service = $10, prior_office_name = $11, updated_at = $12,
                      prior_office_integrated = $13
               WHERE id = $1";
    on_tx!(tx, conn => sqlx::query(sql)
        .bind(id).bind(c.supporter_id).bind(&c.name).bind(&c.kana).bind(c.birth_date)
        .bind(&c.phone).bind(&c.email).bind(&c.address).bind(c.disabilities_column())
        .bind(c.prior_service.code()).bind(&c.prior_office_name).bind(now)
        .bind(c.prior_office_integrated)
        .execute(conn).await.map(|r| r.rows_affected()))
}
