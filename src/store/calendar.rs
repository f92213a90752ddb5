//! The iCalendar feed: one secret token per staff member (only its SHA-256 is kept, like
//! session ids, so a copy of the database does not open anyone's feed), and the two reads
//! the feed shows: planned next contacts and open tasks.
use time::{Date, OffsetDateTime};

use crate::db::{Db, Tx};
use crate::domain::calendar_label::CalendarLabel;
use crate::{on_db, on_tx};

/// Sets the staff member's token, replacing the old one (whose URL stops working).
pub async fn set_token(
    tx: &mut Tx,
    staff_id: i64,
    token_hash: &str,
    now: OffsetDateTime,
) -> Result<(), sqlx::Error> {
    on_tx!(tx, conn => sqlx::query(
        "INSERT INTO calendar_tokens (staff_id, token_hash, created_at) VALUES ($1, $2, $3)
         ON CONFLICT (staff_id) DO UPDATE
         SET token_hash = excluded.token_hash, created_at = excluded.created_at")
        .bind(staff_id).bind(token_hash).bind(now)
        .execute(conn).await.map(|r| r.rows_affected()))?;
    Ok(())
}

/// When the staff member's current token was made, if they have one.
pub async fn token_created_at(
    db: &Db,
    staff_id: i64,
) -> Result<Option<OffsetDateTime>, sqlx::Error> {
    on_db!(db, pool => sqlx::query_scalar(
        "SELECT created_at FROM calendar_tokens WHERE staff_id = $1")
        .bind(staff_id).fetch_optional(pool).await)
}

/// The active staff member whose token has this hash: (id, display name).
pub async fn staff_for_token(
    db: &Db,
    token_hash: &str,
) -> Result<Option<(i64, String)>, sqlx::Error> {
    on_db!(db, pool => sqlx::query_as(
        "SELECT s.id, s.display_name FROM calendar_tokens t JOIN staff s ON s.id = t.staff_id
         WHERE t.token_hash = $1 AND s.active = TRUE")
        .bind(token_hash).fetch_optional(pool).await)
}

/// A planned next contact with a client.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct PlannedContact {
    pub contact_id: i64,
    pub client_id: i64,
    /// For the initials the staff member may choose; the name itself is not read.
    pub client_kana: String,
    pub next_contact_on: Date,
}

/// An open task.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct OpenTask {
    pub task_id: i64,
    pub due_on: Date,
    pub client_id: i64,
    pub client_kana: String,
}

// Both reads keep to clients of offices the staff member still belongs to: someone moved to
// another office stops receiving the old office's client names in their calendar.
const MEMBER_OF_CLIENT_OFFICE: &str = "EXISTS (SELECT 1 FROM staff_offices so WHERE so.staff_id = $1 AND so.office_id = cl.office_id)";

/// The next contact planned in the latest contact of each client the staff member supports
/// (`clients.supporter_id`), from `from` on. An earlier contact's plan was superseded by the
/// later contact, so only the latest counts.
pub async fn planned_contacts(
    db: &Db,
    staff_id: i64,
    from: Date,
) -> Result<Vec<PlannedContact>, sqlx::Error> {
    let sql = format!(
        "SELECT c.id AS contact_id, cl.id AS client_id, cl.kana AS client_kana, c.next_contact_on
         FROM contacts c JOIN clients cl ON cl.id = c.client_id
         WHERE cl.supporter_id = $1 AND {MEMBER_OF_CLIENT_OFFICE}
           AND c.id = (SELECT c2.id FROM contacts c2 WHERE c2.client_id = c.client_id
                         AND c2.status = 'final'
                       ORDER BY c2.occurred_at DESC, c2.id DESC LIMIT 1)
           AND c.next_contact_on IS NOT NULL AND c.next_contact_on >= $2
         ORDER BY c.next_contact_on, c.id"
    );
    on_db!(db, pool => sqlx::query_as(sqlx::AssertSqlSafe(sql))
        .bind(staff_id).bind(from).fetch_all(pool).await)
}

/// The staff member's tasks not yet done, by due date.
pub async fn open_tasks(db: &Db, staff_id: i64) -> Result<Vec<OpenTask>, sqlx::Error> {
    let sql = format!(
        "SELECT t.id AS task_id, t.due_on, cl.id AS client_id, cl.kana AS client_kana
         FROM tasks t JOIN clients cl ON cl.id = t.client_id
         WHERE t.owner_id = $1 AND t.done_at IS NULL AND {MEMBER_OF_CLIENT_OFFICE}
         ORDER BY t.due_on, t.id"
    );
    on_db!(db, pool => sqlx::query_as(sqlx::AssertSqlSafe(sql))
        .bind(staff_id).fetch_all(pool).await)
}

/// How the staff member's feed names clients (`domain::calendar_label`).
pub async fn label(db: &Db, staff_id: i64) -> Result<CalendarLabel, sqlx::Error> {
    let code: Option<String> = on_db!(db, pool => sqlx::query_scalar(
        "SELECT calendar_label FROM staff WHERE id = $1")
        .bind(staff_id).fetch_optional(pool).await)?;
    Ok(code
        .as_deref()
        .and_then(CalendarLabel::parse)
        .unwrap_or(CalendarLabel::Code))
}

pub async fn set_label(
    tx: &mut Tx,
    staff_id: i64,
    label: CalendarLabel,
) -> Result<(), sqlx::Error> {
    on_tx!(tx, conn => sqlx::query("UPDATE staff SET calendar_label = $2 WHERE id = $1")
        .bind(staff_id).bind(label.code())
        .execute(conn).await.map(|r| r.rows_affected()))?;
    Ok(())
}
