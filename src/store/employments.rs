//! 就労 (employments) of a client: employer, workplace, supervisor, hours, dates.
use time::{Date, OffsetDateTime};

use crate::db::{Db, Tx};
use crate::domain::client::EmploymentInput;
use crate::{on_db, on_tx};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Employment {
    pub id: i64,
    pub client_id: i64,
    pub employer_name: String,
    pub workplace_address: String,
    pub supervisor_name: String,
    pub supervisor_contact: String,
    pub job_title: String,
    pub weekly_minutes: i64,
    pub ordinary_employment: bool,
    pub hire_date: Date,
    pub return_to_work_date: Option<Date>,
    pub end_date: Option<Date>,
    pub end_reason: String,
}

const COLUMNS: &str = "id, client_id, employer_name, workplace_address, supervisor_name,
                       supervisor_contact, job_title, weekly_minutes, ordinary_employment,
                       hire_date, return_to_work_date, end_date, end_reason";

/// Oldest first: the first is the employment the service period is counted from.
pub async fn list_for_client(db: &Db, client_id: i64) -> Result<Vec<Employment>, sqlx::Error> {
    let sql =
        format!("SELECT {COLUMNS} FROM employments WHERE client_id = $1 ORDER BY hire_date, id");
    on_db!(db, pool => sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(client_id).fetch_all(pool).await)
}

/// One employment of one client (`None` if the id belongs to another client).
pub async fn find(db: &Db, client_id: i64, id: i64) -> Result<Option<Employment>, sqlx::Error> {
    let sql = format!("SELECT {COLUMNS} FROM employments WHERE client_id = $1 AND id = $2");
    on_db!(db, pool => sqlx::query_as(sqlx::AssertSqlSafe(sql))
        .bind(client_id).bind(id).fetch_optional(pool).await)
}

pub async fn insert(
    tx: &mut Tx,
    client_id: i64,
    e: &EmploymentInput,
    now: OffsetDateTime,
) -> Result<i64, sqlx::Error> {
    let sql =
        "INSERT INTO employments (client_id, employer_name, workplace_address, supervisor_name,
                   supervisor_contact, job_title, weekly_minutes, ordinary_employment, hire_date,
                   return_to_work_date, end_date, end_reason, created_at, updated_at)
               VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $13) RETURNING id";
    on_tx!(tx, c => sqlx::query_scalar(sql)
        .bind(client_id).bind(&e.employer_name).bind(&e.workplace_address).bind(&e.supervisor_name)
        .bind(&e.supervisor_contact).bind(&e.job_title).bind(e.weekly_minutes)
        .bind(e.ordinary_employment).bind(e.hire_date).bind(e.return_to_work_date)
        .bind(e.end_date).bind(&e.end_reason).bind(now)
        .fetch_one(c).await)
}

pub async fn update(
    tx: &mut Tx,
    id: i64,
    e: &EmploymentInput,
    now: OffsetDateTime,
) -> Result<u64, sqlx::Error> {
    let sql = "UPDATE employments SET employer_name = $2, workplace_address = $3,
                   supervisor_name = $4, supervisor_contact = $5, job_title = $6,
                   weekly_minutes = $7, ordinary_employment = $8, hire_date = $9,
                   return_to_work_date = $10, end_date = $11, end_reason = $12, updated_at = $13
               WHERE id = $1";
    on_tx!(tx, c => sqlx::query(sql)
        .bind(id).bind(&e.employer_name).bind(&e.workplace_address).bind(&e.supervisor_name)
        .bind(&e.supervisor_contact).bind(&e.job_title).bind(e.weekly_minutes)
        .bind(e.ordinary_employment).bind(e.hire_date).bind(e.return_to_work_date)
        .bind(e.end_date).bind(&e.end_reason).bind(now)
        .execute(c).await.map(|r| r.rows_affected()))
}
