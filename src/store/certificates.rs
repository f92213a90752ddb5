//! 受給者証 (certificates) and their 支給決定 periods, and 契約 (contracts).
use time::{Date, OffsetDateTime};

use crate::db::{Db, Tx};
use crate::domain::client::CertificateInput;
use crate::{on_db, on_tx};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Certificate {
    pub id: i64,
    pub client_id: i64,
    pub number: String,
    pub municipality_code: String,
    pub municipality_name: String,
    pub income_category: String,
    pub monthly_cap_yen: i64,
    pub cap_manager_office: String,
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Period {
    pub id: i64,
    pub certificate_id: i64,
    pub start_date: Date,
    pub end_date: Date,
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Contract {
    pub id: i64,
    pub client_id: i64,
    pub office_id: i64,
    pub contract_date: Date,
    pub start_date: Date,
    pub end_date: Date,
}

pub async fn list_for_client(db: &Db, client_id: i64) -> Result<Vec<Certificate>, sqlx::Error> {
    on_db!(db, pool => sqlx::query_as(
        "SELECT id, client_id, number, municipality_code, municipality_name, income_category,
                monthly_cap_yen, cap_manager_office
         FROM certificates WHERE client_id = $1 ORDER BY id")
        .bind(client_id).fetch_all(pool).await)
}

/// One certificate of one client (`None` if the id belongs to another client).
pub async fn find(db: &Db, client_id: i64, id: i64) -> Result<Option<Certificate>, sqlx::Error> {
    on_db!(db, pool => sqlx::query_as(
        "SELECT id, client_id, number, municipality_code, municipality_name, income_category,
                monthly_cap_yen, cap_manager_office
         FROM certificates WHERE client_id = $1 AND id = $2")
        .bind(client_id).bind(id).fetch_optional(pool).await)
}

/// Every 支給決定 period of the client's certificates, oldest first.
pub async fn periods_for_client(db: &Db, client_id: i64) -> Result<Vec<Period>, sqlx::Error> {
    on_db!(db, pool => sqlx::query_as(
        "SELECT p.id, p.certificate_id, p.start_date, p.end_date
         FROM certificate_periods p JOIN certificates c ON c.id = p.certificate_id
         WHERE c.client_id = $1 ORDER BY p.start_date, p.id")
        .bind(client_id).fetch_all(pool).await)
}

pub async fn insert(
    tx: &mut Tx,
    client_id: i64,
    c: &CertificateInput,
    now: OffsetDateTime,
) -> Result<i64, sqlx::Error> {
    let id: i64 = on_tx!(tx, conn => sqlx::query_scalar(
        "INSERT INTO certificates (client_id, number, municipality_code, municipality_name,
                                   income_category, monthly_cap_yen, cap_manager_office,
                                   created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8) RETURNING id")
        .bind(client_id).bind(&c.number).bind(&c.municipality_code).bind(&c.municipality_name)
        .bind(&c.income_category).bind(c.monthly_cap_yen).bind(&c.cap_manager_office).bind(now)
        .fetch_one(conn).await)?;
    insert_period(tx, id, c.period.0, c.period.1, now).await?;
    Ok(id)
}

pub async fn insert_period(
    tx: &mut Tx,
    certificate_id: i64,
    start: Date,
    end: Date,
    now: OffsetDateTime,
) -> Result<i64, sqlx::Error> {
    on_tx!(tx, conn => sqlx::query_scalar(
        "INSERT INTO certificate_periods (certificate_id, start_date, end_date, created_at)
         VALUES ($1, $2, $3, $4) RETURNING id")
        .bind(certificate_id).bind(start).bind(end).bind(now).fetch_one(conn).await)
}

pub async fn contracts_for_client(db: &Db, client_id: i64) -> Result<Vec<Contract>, sqlx::Error> {
    on_db!(db, pool => sqlx::query_as(
        "SELECT id, client_id, office_id, contract_date, start_date, end_date
         FROM contracts WHERE client_id = $1 ORDER BY start_date, id")
        .bind(client_id).fetch_all(pool).await)
}

pub async fn insert_contract(
    tx: &mut Tx,
    client_id: i64,
    office_id: i64,
    contract_date: Date,
    start: Date,
    end: Date,
    now: OffsetDateTime,
) -> Result<i64, sqlx::Error> {
    on_tx!(tx, conn => sqlx::query_scalar(
        "INSERT INTO contracts (client_id, office_id, contract_date, start_date, end_date, created_at)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id")
        .bind(client_id).bind(office_id).bind(contract_date).bind(start).bind(end).bind(now)
        .fetch_one(conn).await)
}
