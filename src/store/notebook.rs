//! 連絡帳 messages (`note_messages`) and the employer's weekly observations
//! (`employer_observations`). Who may read a message is not decided here: the callers filter
//! with `domain::notebook::can_read`, on the consent in force at the time of the request.
use time::{Date, OffsetDateTime};

use crate::db::{Db, Tx};
use crate::domain::consent::Category;
use crate::domain::notebook::{Attendance, Audience, Author, NoteInput, ObservationInput};
use crate::{on_db, on_tx};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct NoteRow {
    pub id: i64,
    pub client_id: i64,
    pub author_kind: String,
    pub author_staff_id: Option<i64>,
    pub author_contact_id: Option<i64>,
    pub author_name: String,
    pub body: String,
    pub to_client: bool,
    pub to_employer: bool,
    pub category: Option<String>,
    pub created_at: OffsetDateTime,
}

impl NoteRow {
    /// What decides who reads it; `None` for a row of an unknown author kind (never shown
    /// outside the office).
    pub fn audience(&self) -> Option<Audience> {
        Some(Audience {
            author: Author::from_columns(
                &self.author_kind,
                self.author_staff_id,
                self.author_contact_id,
            )?,
            to_client: self.to_client,
            to_employer: self.to_employer,
            category: self.category.as_deref().and_then(Category::parse),
        })
    }
}

/// Stores a message; returns its id.
pub async fn insert_message(
    tx: &mut Tx,
    client_id: i64,
    author: Author,
    author_name: &str,
    input: &NoteInput,
    now: OffsetDateTime,
) -> Result<i64, sqlx::Error> {
    let (staff_id, contact_id) = match author {
        Author::Staff(id) => (Some(id), None),
        Author::Client => (None, None),
        Author::Employer(id) => (None, Some(id)),
    };
    let category = input.category.map(Category::code);
    on_tx!(tx, conn => sqlx::query_scalar(
        "INSERT INTO note_messages (client_id, author_kind, author_staff_id, author_contact_id,
                                    author_name, body, to_client, to_employer, category, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id")
        .bind(client_id).bind(author.kind_code()).bind(staff_id).bind(contact_id)
        .bind(author_name).bind(&input.body).bind(input.to_client).bind(input.to_employer)
        .bind(category).bind(now)
        .fetch_one(conn).await)
}

/// Every message of the client's notebook, newest first (the caller filters by reader).
pub async fn list_messages(db: &Db, client_id: i64) -> Result<Vec<NoteRow>, sqlx::Error> {
    on_db!(db, pool => sqlx::query_as(
        "SELECT id, client_id, author_kind, author_staff_id, author_contact_id, author_name, body,
                to_client, to_employer, category, created_at
         FROM note_messages WHERE client_id = $1 ORDER BY created_at DESC, id DESC")
        .bind(client_id).fetch_all(pool).await)
}

/// The email of the client's portal account, while it is active.
pub async fn client_account_email(db: &Db, client_id: i64) -> Result<Option<String>, sqlx::Error> {
    on_db!(db, pool => sqlx::query_scalar(
        "SELECT email FROM client_accounts WHERE client_id = $1 AND status = 'active'")
        .bind(client_id).fetch_optional(pool).await)
}

// ---- weekly observations ----

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ObservationRow {
    pub id: i64,
    pub client_id: i64,
    pub contact_id: i64,
    pub contact_name: String,
    pub employer_name: String,
    pub week_start: Date,
    pub attendance: String,
    pub attendance_note: String,
    pub work_note: String,
    pub concerns: String,
    pub updated_at: OffsetDateTime,
}

impl ObservationRow {
    pub fn attendance(&self) -> Option<Attendance> {
        Attendance::parse(&self.attendance)
    }
}

/// Stores the contact's observation of the client for the week starting `week_start`, or
/// replaces the one sent earlier that week; returns its id.
pub async fn upsert_observation(
    tx: &mut Tx,
    client_id: i64,
    contact_id: i64,
    week_start: Date,
    input: &ObservationInput,
    now: OffsetDateTime,
) -> Result<i64, sqlx::Error> {
    on_tx!(tx, conn => sqlx::query_scalar(
        "INSERT INTO employer_observations (client_id, contact_id, week_start, attendance,
                                            attendance_note, work_note, concerns, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8)
         ON CONFLICT (client_id, contact_id, week_start) DO UPDATE
           SET attendance = excluded.attendance, attendance_note = excluded.attendance_note,
               work_note = excluded.work_note, concerns = excluded.concerns,
               updated_at = excluded.updated_at
         RETURNING id")
        .bind(client_id).bind(contact_id).bind(week_start).bind(input.attendance.code())
        .bind(&input.attendance_note).bind(&input.work_note).bind(&input.concerns).bind(now)
        .fetch_one(conn).await)
}

const OBSERVATION_SELECT: &str =
    "SELECT o.id, o.client_id, o.contact_id, e.name AS contact_name, e.employer_name,
            o.week_start, o.attendance, o.attendance_note, o.work_note, o.concerns, o.updated_at
     FROM employer_observations o JOIN employer_contacts e ON e.id = o.contact_id";

/// The client's observations from every contact, newest week first.
pub async fn observations_for_client(
    db: &Db,
    client_id: i64,
) -> Result<Vec<ObservationRow>, sqlx::Error> {
    let sql = format!(
        "{OBSERVATION_SELECT} WHERE o.client_id = $1 ORDER BY o.week_start DESC, o.id DESC"
    );
    on_db!(db, pool => sqlx::query_as(sqlx::AssertSqlSafe(sql))
        .bind(client_id).fetch_all(pool).await)
}

/// What one contact sent about the client, newest week first.
pub async fn observations_by_contact(
    db: &Db,
    client_id: i64,
    contact_id: i64,
) -> Result<Vec<ObservationRow>, sqlx::Error> {
    let sql = format!(
        "{OBSERVATION_SELECT} WHERE o.client_id = $1 AND o.contact_id = $2
         ORDER BY o.week_start DESC"
    );
    on_db!(db, pool => sqlx::query_as(sqlx::AssertSqlSafe(sql))
        .bind(client_id).bind(contact_id).fetch_all(pool).await)
}
