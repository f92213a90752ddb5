//! 就労定着支援計画 (`support_plans`). A plan's state changes only through the state machine
//! in `domain::plan`; every write here checks the state it expects in its `WHERE`, so two
//! people acting on the same plan at once cannot both succeed (the second changes no row).
use time::{Date, OffsetDateTime};

use crate::db::{Db, Tx};
use crate::domain::plan::{Plan, PlanInput, PlanStatus};
use crate::{on_db, on_tx};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct PlanRow {
    pub id: i64,
    pub client_id: i64,
    pub status: String,
    pub goals: String,
    pub support_content: String,
    pub contact_frequency: String,
    pub employer_role: String,
    pub start_on: Date,
    pub review_on: Date,
    pub agreed_on: Option<Date>,
    pub replaces_id: Option<i64>,
    pub created_by: Option<i64>,
    /// The author's display name (joined from `staff`), empty if the account was removed.
    pub created_by_name: String,
    pub created_at: OffsetDateTime,
    pub updated_at: OffsetDateTime,
}

impl PlanRow {
    /// The state; an unknown code (never written by this code) reads as revised, the state
    /// in which nothing can be done.
    pub fn status(&self) -> PlanStatus {
        PlanStatus::parse(&self.status).unwrap_or(PlanStatus::Revised)
    }
    /// The facts `domain::plan` rules work on (e.g. `review_due`).
    pub fn plan(&self) -> Plan {
        Plan {
            status: self.status(),
            start_on: self.start_on,
            review_on: self.review_on,
            agreed_on: self.agreed_on,
        }
    }
    /// The content, as the form and a revision use it.
    pub fn input(&self) -> PlanInput {
        PlanInput {
            goals: self.goals.clone(),
            support_content: self.support_content.clone(),
            contact_frequency: self.contact_frequency.clone(),
            employer_role: self.employer_role.clone(),
            start_on: self.start_on,
            review_on: self.review_on,
        }
    }
}

const SELECT: &str = "SELECT p.id, p.client_id, p.status, p.goals, p.support_content,
                             p.contact_frequency, p.employer_role, p.start_on, p.review_on,
                             p.agreed_on, p.replaces_id, p.created_by,
                             COALESCE(s.display_name, '') AS created_by_name,
                             p.created_at, p.updated_at
                      FROM support_plans p LEFT JOIN staff s ON s.id = p.created_by";

/// Every plan of the client, newest first: the current one, then its history.
pub async fn list_for_client(db: &Db, client_id: i64) -> Result<Vec<PlanRow>, sqlx::Error> {
    let sql = format!("{SELECT} WHERE p.client_id = $1 ORDER BY p.id DESC");
    on_db!(db, pool => sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(client_id).fetch_all(pool).await)
}

/// One plan of one client (`None` if the id belongs to another client).
pub async fn find(db: &Db, client_id: i64, id: i64) -> Result<Option<PlanRow>, sqlx::Error> {
    let sql = format!("{SELECT} WHERE p.client_id = $1 AND p.id = $2");
    on_db!(db, pool => sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(client_id).bind(id)
        .fetch_optional(pool).await)
}

/// The plan in force: the newest agreed or under-review plan, if any. A draft is not in
/// force until the client agrees to it.
pub async fn current_for_client(db: &Db, client_id: i64) -> Result<Option<PlanRow>, sqlx::Error> {
    let sql = format!(
        "{SELECT} WHERE p.client_id = $1 AND p.status IN ('agreed', 'under_review')
         ORDER BY p.start_on DESC, p.id DESC LIMIT 1"
    );
    on_db!(db, pool => sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(client_id)
        .fetch_optional(pool).await)
}

/// The office's review cycle in months (`offices.plan_review_months`; ../shared/domain.md
/// §3: UNCONFIRMED, default 3).
pub async fn review_months(db: &Db, office_id: i64) -> Result<i64, sqlx::Error> {
    let months: Option<i64> = on_db!(db, pool => sqlx::query_scalar(
        "SELECT plan_review_months FROM offices WHERE id = $1")
        .bind(office_id).fetch_optional(pool).await)?;
    Ok(months.unwrap_or(3))
}

/// A new draft; `replaces` is the plan a revision replaces.
pub async fn insert_draft(
    tx: &mut Tx,
    client_id: i64,
    p: &PlanInput,
    replaces: Option<i64>,
    created_by: i64,
    now: OffsetDateTime,
) -> Result<i64, sqlx::Error> {
    on_tx!(tx, conn => sqlx::query_scalar(
        "INSERT INTO support_plans (client_id, status, goals, support_content, contact_frequency,
                                    employer_role, start_on, review_on, replaces_id, created_by,
                                    created_at, updated_at)
         VALUES ($1, 'draft', $2, $3, $4, $5, $6, $7, $8, $9, $10, $10) RETURNING id")
        .bind(client_id).bind(&p.goals).bind(&p.support_content).bind(&p.contact_frequency)
        .bind(&p.employer_role).bind(p.start_on).bind(p.review_on).bind(replaces)
        .bind(created_by).bind(now)
        .fetch_one(conn).await)
}

/// Changes a draft's content. Returns false (and changes nothing) if it is no longer a draft.
pub async fn update_draft(
    tx: &mut Tx,
    id: i64,
    p: &PlanInput,
    now: OffsetDateTime,
) -> Result<bool, sqlx::Error> {
    let n = on_tx!(tx, conn => sqlx::query(
        "UPDATE support_plans SET goals = $2, support_content = $3, contact_frequency = $4,
                employer_role = $5, start_on = $6, review_on = $7, updated_at = $8
         WHERE id = $1 AND status = 'draft'")
        .bind(id).bind(&p.goals).bind(&p.support_content).bind(&p.contact_frequency)
        .bind(&p.employer_role).bind(p.start_on).bind(p.review_on).bind(now)
        .execute(conn).await.map(|r| r.rows_affected()))?;
    Ok(n == 1)
}

/// Moves a plan from `from` to `to` (setting `agreed_on` when given). Returns false if the
/// plan was not in `from` any more.
pub async fn set_status(
    tx: &mut Tx,
    id: i64,
    from: PlanStatus,
    to: PlanStatus,
    agreed_on: Option<Date>,
    now: OffsetDateTime,
) -> Result<bool, sqlx::Error> {
    let n = on_tx!(tx, conn => sqlx::query(
        "UPDATE support_plans SET status = $3, agreed_on = COALESCE($4, agreed_on), updated_at = $5
         WHERE id = $1 AND status = $2")
        .bind(id).bind(from.code()).bind(to.code()).bind(agreed_on).bind(now)
        .execute(conn).await.map(|r| r.rows_affected()))?;
    Ok(n == 1)
}
