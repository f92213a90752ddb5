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

/// The setup token printed on the console while there is no administrator
/// (`web::platform::setup`), if one was issued.
pub async fn setup_token(db: &Db) -> Result<Option<String>, sqlx::Error> {
    on_db!(db, pool => sqlx::query_scalar("SELECT value FROM app_secrets WHERE name = 'setup_token'")
        .fetch_optional(pool).await)
}

/// Removes the setup token `value` in the setup's transaction; false if it was no longer
/// there (another setup spent it first).
pub async fn take_setup_token(tx: &mut Tx, value: &str) -> Result<bool, sqlx::Error> {
    let done = on_tx!(tx, c => sqlx::query("DELETE FROM app_secrets WHERE name = 'setup_token' AND value = $1")
        .bind(value).execute(c).await.map(|r| r.rows_affected()))?;
    Ok(done == 1)
}

/// What the records say about the administrator's first steps (`domain::first_day`).
pub async fn first_day_facts(
    db: &Db,
    organization_id: i64,
) -> Result<crate::domain::first_day::FirstDayFacts, sqlx::Error> {
    let sql = "SELECT
          (SELECT MIN(id) FROM offices WHERE organization_id = $1),
          EXISTS (SELECT 1 FROM office_area_grades g JOIN offices o ON o.id = g.office_id
                  WHERE o.organization_id = $1),
          EXISTS (SELECT 1 FROM staff WHERE organization_id = $1 AND is_admin = $2),
          EXISTS (SELECT 1 FROM claim_master WHERE service_code <> '' AND item <> 'service_kind'),
          EXISTS (SELECT 1 FROM clients c JOIN offices o ON o.id = c.office_id
                  WHERE o.organization_id = $1)";
    let (first_office, area_grade_set, staff_added, service_codes_entered, client_added): (
        Option<i64>,
        bool,
        bool,
        bool,
        bool,
    ) = on_db!(db, pool => sqlx::query_as(sql).bind(organization_id).bind(false).fetch_one(pool).await)?;
    Ok(crate::domain::first_day::FirstDayFacts {
        first_office,
        area_grade_set,
        staff_added,
        service_codes_entered,
        client_added,
    })
}
