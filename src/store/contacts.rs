//! 支援記録 (contacts) with their concerns (resolved ones become past cases: `store::cases`).
use time::{Date, OffsetDateTime};

use crate::db::{Db, Tx};
use crate::domain::contact::ContactInput;
use crate::{on_db, on_tx};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Contact {
    pub id: i64,
    pub client_id: i64,
    pub office_id: i64,
    pub staff_id: Option<i64>,
    pub staff_name: Option<String>,
    pub occurred_at: OffsetDateTime,
    pub mode: String,
    pub place: String,
    pub participants: String,
    pub participants_note: String,
    pub institution_id: Option<i64>,
    pub institution_name: Option<String>,
    pub heard: String,
    pub advice: String,
    pub shared_info: String,
    pub accommodations: String,
    pub is_handover: bool,
    pub next_contact_on: Option<Date>,
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Concern {
    pub id: i64,
    pub contact_id: i64,
    pub client_id: i64,
    pub category: String,
    pub severity: i64,
    pub note: String,
    pub resolved_at: Option<OffsetDateTime>,
    pub resolution: String,
    pub occurred_at: OffsetDateTime,
}

/// Inserts the contact, its concerns and its agreed actions (as tasks). Returns the id.
pub async fn insert(
    tx: &mut Tx,
    client_id: i64,
    office_id: i64,
    staff_id: i64,
    c: &ContactInput,
    now: OffsetDateTime,
) -> Result<i64, sqlx::Error> {
    on_tx!(tx, conn => {
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO contacts (client_id, office_id, staff_id, occurred_at, mode, place,
                 participants, participants_note, institution_id, heard, advice, shared_info,
                 accommodations, is_handover, next_contact_on, created_at, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $16)
             RETURNING id")
            .bind(client_id).bind(office_id).bind(staff_id).bind(c.occurred_at).bind(c.mode.code())
            .bind(&c.place).bind(c.participants_column()).bind(&c.participants_note)
            .bind(c.institution_id).bind(&c.heard).bind(&c.advice).bind(&c.shared_info)
            .bind(&c.accommodations).bind(c.is_handover).bind(c.next_contact_on).bind(now)
            .fetch_one(&mut *conn).await?;
        for k in &c.concerns {
            sqlx::query("INSERT INTO concerns (contact_id, client_id, category, severity, note)
                         VALUES ($1, $2, $3, $4, $5)")
                .bind(id).bind(client_id).bind(&k.category).bind(k.severity).bind(&k.note)
                .execute(&mut *conn).await?;
        }
        for a in &c.actions {
            sqlx::query("INSERT INTO tasks (client_id, contact_id, owner_id, description, due_on, created_at)
                         VALUES ($1, $2, $3, $4, $5, $6)")
                .bind(client_id).bind(id).bind(a.owner_id).bind(&a.description).bind(a.due_on).bind(now)
                .execute(&mut *conn).await?;
        }
        Ok(id)
    })
}

const CONTACT_COLUMNS: &str =
    "c.id, c.client_id, c.office_id, c.staff_id, s.display_name AS staff_name,
    c.occurred_at, c.mode, c.place, c.participants, c.participants_note, c.institution_id,
    i.name AS institution_name, c.heard, c.advice, c.shared_info, c.accommodations,
    c.is_handover, c.next_contact_on";

/// The client's contacts, newest first.
pub async fn list_for_client(db: &Db, client_id: i64) -> Result<Vec<Contact>, sqlx::Error> {
    let sql = format!(
        "SELECT {CONTACT_COLUMNS} FROM contacts c
         LEFT JOIN staff s ON s.id = c.staff_id
         LEFT JOIN institutions i ON i.id = c.institution_id
         WHERE c.client_id = $1 ORDER BY c.occurred_at DESC, c.id DESC"
    );
    on_db!(db, pool => sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(client_id).fetch_all(pool).await)
}

/// Every concern of the client, with the time of the contact that raised it.
pub async fn concerns_for_client(db: &Db, client_id: i64) -> Result<Vec<Concern>, sqlx::Error> {
    on_db!(db, pool => sqlx::query_as(
        "SELECT k.id, k.contact_id, k.client_id, k.category, k.severity, k.note, k.resolved_at,
                k.resolution, c.occurred_at
         FROM concerns k JOIN contacts c ON c.id = k.contact_id
         WHERE k.client_id = $1 ORDER BY c.occurred_at DESC, k.id")
        .bind(client_id).fetch_all(pool).await)
}

/// One concern of one client (`None` if the id belongs to another client).
pub async fn find_concern(
    db: &Db,
    client_id: i64,
    id: i64,
) -> Result<Option<Concern>, sqlx::Error> {
    on_db!(db, pool => sqlx::query_as(
        "SELECT k.id, k.contact_id, k.client_id, k.category, k.severity, k.note, k.resolved_at,
                k.resolution, c.occurred_at
         FROM concerns k JOIN contacts c ON c.id = k.contact_id
         WHERE k.client_id = $1 AND k.id = $2")
        .bind(client_id).bind(id).fetch_optional(pool).await)
}

/// Marks a concern resolved with how it was resolved.
pub async fn resolve_concern(
    tx: &mut Tx,
    id: i64,
    resolution: &str,
    by: i64,
    now: OffsetDateTime,
) -> Result<u64, sqlx::Error> {
    on_tx!(tx, c => sqlx::query(
        "UPDATE concerns SET resolved_at = $2, resolution = $3, resolved_by = $4
         WHERE id = $1 AND resolved_at IS NULL")
        .bind(id).bind(now).bind(resolution).bind(by)
        .execute(c).await.map(|r| r.rows_affected()))
}

/// The office's institutions as (id, name), for the contact form's choice.
pub async fn institution_choices(
    db: &Db,
    office_id: i64,
) -> Result<Vec<(i64, String)>, sqlx::Error> {
    on_db!(db, pool => sqlx::query_as("SELECT id, name FROM institutions WHERE office_id = $1 ORDER BY name")
        .bind(office_id).fetch_all(pool).await)
}
