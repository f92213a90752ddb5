//! Follow-ups after the service (issue 15, item 5; `domain::followup`).
use time::{Date, OffsetDateTime};

use crate::db::{Db, Tx};
use crate::domain::followup::{Contact, FollowupInput, Former};
use crate::{on_db, on_tx};

#[derive(Debug, Clone, sqlx::FromRow)]
struct FormerRow {
    id: i64,
    name: String,
    hire_date: Date,
    end_date: Option<Date>,
    service_end: Date,
}

/// The office's clients with an employment and a contract: their first employment and the
/// last day of their last contract (whether that day has passed is the domain's question).
pub async fn formers(db: &Db, office_id: i64) -> Result<Vec<Former>, sqlx::Error> {
    let sql = "SELECT c.id, c.name, e.hire_date, e.end_date,
                      (SELECT MAX(k.end_date) FROM contracts k WHERE k.client_id = c.id) AS service_end
               FROM clients c
               JOIN employments e ON e.id = (
                   SELECT e2.id FROM employments e2 WHERE e2.client_id = c.id
                   ORDER BY e2.hire_date, e2.id LIMIT 1)
               WHERE c.office_id = $1 AND c.removed_at IS NULL
                 AND EXISTS (SELECT 1 FROM contracts k WHERE k.client_id = c.id)
               ORDER BY c.kana, c.id";
    let rows: Vec<FormerRow> =
        on_db!(db, pool => sqlx::query_as(sql).bind(office_id).fetch_all(pool).await)?;
    Ok(rows
        .into_iter()
        .map(|r| Former {
            client_id: r.id,
            name: r.name,
            hire: r.hire_date,
            employment_end: r.end_date,
            service_end: r.service_end,
        })
        .collect())
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Followup {
    pub id: i64,
    pub client_id: i64,
    pub contacted_on: Date,
    pub still_employed: bool,
    pub same_employer: bool,
    pub employer_name: String,
    pub note: String,
    pub staff_name: Option<String>,
}

impl Followup {
    pub fn contact(&self) -> Contact {
        Contact {
            client_id: self.client_id,
            on: self.contacted_on,
            still_employed: self.still_employed,
            same_employer: self.same_employer,
        }
    }
}

const SELECT: &str = "SELECT f.id, f.client_id, f.contacted_on, f.still_employed, f.same_employer,
                             f.employer_name, f.note, s.display_name AS staff_name
                      FROM followups f LEFT JOIN staff s ON s.id = f.staff_id";

/// Every follow-up of the office's clients.
pub async fn list_for_office(db: &Db, office_id: i64) -> Result<Vec<Followup>, sqlx::Error> {
    let sql = format!(
        "{SELECT} JOIN clients c ON c.id = f.client_id WHERE c.office_id = $1
         ORDER BY f.contacted_on, f.id"
    );
    on_db!(db, pool => sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(office_id).fetch_all(pool).await)
}

/// A client's follow-ups, newest first.
pub async fn list_for_client(db: &Db, client_id: i64) -> Result<Vec<Followup>, sqlx::Error> {
    let sql = format!("{SELECT} WHERE f.client_id = $1 ORDER BY f.contacted_on DESC, f.id DESC");
    on_db!(db, pool => sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(client_id).fetch_all(pool).await)
}

pub async fn insert(
    tx: &mut Tx,
    client_id: i64,
    staff_id: i64,
    f: &FollowupInput,
    now: OffsetDateTime,
) -> Result<i64, sqlx::Error> {
    on_tx!(tx, conn => sqlx::query_scalar(
        "INSERT INTO followups (client_id, contacted_on, still_employed, same_employer,
                                employer_name, note, staff_id, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id")
        .bind(client_id).bind(f.contacted_on).bind(f.still_employed).bind(f.same_employer)
        .bind(&f.employer_name).bind(&f.note).bind(staff_id).bind(now)
        .fetch_one(conn).await)
}
