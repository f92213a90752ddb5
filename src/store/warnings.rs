//! 気になるサイン (issue 14, item 4): each office's thresholds, the facts the signs are
//! read from (one query per kind of fact for all of an office's clients in service), and
//! the dismissals.
use time::{Date, OffsetDateTime};

use crate::db::{Db, Tx};
use crate::domain::warning::Thresholds;
use crate::{on_db, on_tx};

/// The office's thresholds.
pub async fn thresholds(db: &Db, office_id: i64) -> Result<Thresholds, sqlx::Error> {
    let row: (i64, i64, i64, i64, i64) = on_db!(db, pool => sqlx::query_as(
        "SELECT warn_no_contact_weeks, warn_repeat_count, warn_repeat_days, warn_early_months,
                warn_employer_weeks FROM offices WHERE id = $1")
        .bind(office_id).fetch_one(pool).await)?;
    Ok(Thresholds {
        no_contact_weeks: row.0,
        repeat_count: row.1,
        repeat_days: row.2,
        early_months: row.3,
        employer_weeks: row.4,
    })
}

pub async fn update_thresholds(
    tx: &mut Tx,
    office_id: i64,
    t: &Thresholds,
) -> Result<u64, sqlx::Error> {
    on_tx!(tx, c => sqlx::query(
        "UPDATE offices SET warn_no_contact_weeks = $2, warn_repeat_count = $3,
             warn_repeat_days = $4, warn_early_months = $5, warn_employer_weeks = $6
         WHERE id = $1")
        .bind(office_id).bind(t.no_contact_weeks).bind(t.repeat_count).bind(t.repeat_days)
        .bind(t.early_months).bind(t.employer_weeks)
        .execute(c).await.map(|r| r.rows_affected()))
}

/// A client in service (not removed, with a job not ended) and the start of that job.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ClientInService {
    pub id: i64,
    pub name: String,
    pub supporter_id: Option<i64>,
    pub hire_date: Date,
    pub return_to_work_date: Option<Date>,
}

/// The office's clients in service, by name.
pub async fn clients_in_service(
    db: &Db,
    office_id: i64,
) -> Result<Vec<ClientInService>, sqlx::Error> {
    on_db!(db, pool => sqlx::query_as(
        "SELECT c.id, c.name, c.supporter_id, e.hire_date, e.return_to_work_date
         FROM clients c
         JOIN employments e ON e.id = (
             SELECT e2.id FROM employments e2 WHERE e2.client_id = c.id AND e2.end_date IS NULL
             ORDER BY e2.hire_date DESC, e2.id DESC LIMIT 1)
         WHERE c.office_id = $1 AND c.removed_at IS NULL
         ORDER BY c.kana, c.id")
        .bind(office_id).fetch_all(pool).await)
}

/// Each client's latest contact: (client, when).
pub async fn last_contacts(
    db: &Db,
    office_id: i64,
) -> Result<Vec<(i64, OffsetDateTime)>, sqlx::Error> {
    on_db!(db, pool => sqlx::query_as(
        "SELECT k.client_id, MAX(k.occurred_at) FROM contacts k
         JOIN clients c ON c.id = k.client_id
         WHERE c.office_id = $1 GROUP BY k.client_id")
        .bind(office_id).fetch_all(pool).await)
}

/// Concerns raised since `since`: (client, when, category, severity).
pub async fn concerns_since(
    db: &Db,
    office_id: i64,
    since: OffsetDateTime,
) -> Result<Vec<(i64, OffsetDateTime, String, i64)>, sqlx::Error> {
    on_db!(db, pool => sqlx::query_as(
        "SELECT k.client_id, ct.occurred_at, k.category, k.severity
         FROM concerns k JOIN contacts ct ON ct.id = k.contact_id
         JOIN clients c ON c.id = k.client_id
         WHERE c.office_id = $1 AND ct.occurred_at >= $2
         ORDER BY ct.occurred_at, k.id")
        .bind(office_id).bind(since).fetch_all(pool).await)
}

/// The employer's weekly observations since `since`: (client, week start, attendance).
pub async fn observations_since(
    db: &Db,
    office_id: i64,
    since: Date,
) -> Result<Vec<(i64, Date, String)>, sqlx::Error> {
    on_db!(db, pool => sqlx::query_as(
        "SELECT o.client_id, o.week_start, o.attendance FROM employer_observations o
         JOIN clients c ON c.id = o.client_id
         WHERE c.office_id = $1 AND o.week_start >= $2
         ORDER BY o.week_start, o.id")
        .bind(office_id).bind(since).fetch_all(pool).await)
}

/// A self-check point: an entry's day, and an item with its score (none for an entry
/// without scores).
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct SelfcheckPoint {
    pub client_id: i64,
    pub day: Date,
    pub item_id: Option<i64>,
    pub library_code: Option<String>,
    pub label: Option<String>,
    pub score: Option<i64>,
}

/// Self-check points since `since`.
pub async fn selfcheck_since(
    db: &Db,
    office_id: i64,
    since: Date,
) -> Result<Vec<SelfcheckPoint>, sqlx::Error> {
    on_db!(db, pool => sqlx::query_as(
        "SELECT e.client_id, e.day, i.id AS item_id, i.library_code, i.label, s.score
         FROM selfcheck_entries e
         JOIN clients c ON c.id = e.client_id
         LEFT JOIN selfcheck_scores s ON s.entry_id = e.id
         LEFT JOIN selfcheck_items i ON i.id = s.item_id AND i.removed_at IS NULL
         WHERE c.office_id = $1 AND e.day >= $2
         ORDER BY e.client_id, e.day, i.position")
        .bind(office_id).bind(since).fetch_all(pool).await)
}

/// A dismissal, for the client's page.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Dismissal {
    pub signal: String,
    pub reason: String,
    pub staff_name: Option<String>,
    pub dismissed_at: OffsetDateTime,
    pub until_on: Date,
}

/// The client's dismissals, newest first.
pub async fn dismissals_for_client(db: &Db, client_id: i64) -> Result<Vec<Dismissal>, sqlx::Error> {
    on_db!(db, pool => sqlx::query_as(
        "SELECT d.signal, d.reason, s.display_name AS staff_name, d.dismissed_at, d.until_on
         FROM warning_dismissals d LEFT JOIN staff s ON s.id = d.staff_id
         WHERE d.client_id = $1 ORDER BY d.dismissed_at DESC, d.id DESC")
        .bind(client_id).fetch_all(pool).await)
}

/// The dismissals still in force on `today`: (client, sign code).
pub async fn dismissed(
    db: &Db,
    office_id: i64,
    today: Date,
) -> Result<Vec<(i64, String)>, sqlx::Error> {
    on_db!(db, pool => sqlx::query_as(
        "SELECT d.client_id, d.signal FROM warning_dismissals d
         JOIN clients c ON c.id = d.client_id
         WHERE c.office_id = $1 AND d.until_on >= $2")
        .bind(office_id).bind(today).fetch_all(pool).await)
}

/// Records that staff dismissed a sign of a client, and why, until `until`.
pub async fn dismiss(
    tx: &mut Tx,
    client_id: i64,
    signal: &str,
    reason: &str,
    staff_id: i64,
    now: OffsetDateTime,
    until: Date,
) -> Result<i64, sqlx::Error> {
    on_tx!(tx, c => sqlx::query_scalar(
        "INSERT INTO warning_dismissals (client_id, signal, reason, staff_id, dismissed_at, until_on)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id")
        .bind(client_id).bind(signal).bind(reason).bind(staff_id).bind(now).bind(until)
        .fetch_one(c).await)
}
