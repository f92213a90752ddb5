//! 支援記録 (contacts) with their concerns (resolved ones become past cases: `store::cases`).
use time::{Date, OffsetDateTime};

use crate::db::{Db, Tx};
use crate::domain::contact::{ContactInput, ContactStatus};
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
    /// `draft`, `final` or `withdrawn` (`domain::contact::ContactStatus`).
    pub status: String,
    pub version: i64,
    pub withdrawn_reason: String,
    pub withdrawn_at: Option<OffsetDateTime>,
}

impl Contact {
    pub fn status(&self) -> ContactStatus {
        ContactStatus::parse(&self.status).unwrap_or(ContactStatus::Final)
    }
}

/// One version of a support record: what it said, who made it, when and why.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ContactVersion {
    pub version: i64,
    pub status: String,
    pub occurred_at: OffsetDateTime,
    pub mode: String,
    pub place: String,
    pub participants: String,
    pub participants_note: String,
    pub heard: String,
    pub advice: String,
    pub shared_info: String,
    pub accommodations: String,
    pub is_handover: bool,
    pub next_contact_on: Option<Date>,
    pub reason: String,
    pub edited_by_name: Option<String>,
    pub edited_at: OffsetDateTime,
}

impl ContactVersion {
    pub fn status(&self) -> ContactStatus {
        ContactStatus::parse(&self.status).unwrap_or(ContactStatus::Final)
    }
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

/// Inserts the contact (as version 1), its concerns and its agreed actions (as tasks).
/// Returns the id.
pub async fn insert(
    tx: &mut Tx,
    client_id: i64,
    office_id: i64,
    staff_id: i64,
    c: &ContactInput,
    now: OffsetDateTime,
) -> Result<i64, sqlx::Error> {
    insert_as(
        tx,
        client_id,
        office_id,
        staff_id,
        c,
        ContactStatus::Final,
        now,
    )
    .await
}

/// [`insert`] as a draft or final record.
pub async fn insert_as(
    tx: &mut Tx,
    client_id: i64,
    office_id: i64,
    staff_id: i64,
    c: &ContactInput,
    status: ContactStatus,
    now: OffsetDateTime,
) -> Result<i64, sqlx::Error> {
    on_tx!(tx, conn => {
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO contacts (client_id, office_id, staff_id, occurred_at, mode, place,
                 participants, participants_note, institution_id, heard, advice, shared_info,
                 accommodations, is_handover, next_contact_on, created_at, updated_at, status)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $16, $17)
             RETURNING id")
            .bind(client_id).bind(office_id).bind(staff_id).bind(c.occurred_at).bind(c.mode.code())
            .bind(&c.place).bind(c.participants_column()).bind(&c.participants_note)
            .bind(c.institution_id).bind(&c.heard).bind(&c.advice).bind(&c.shared_info)
            .bind(&c.accommodations).bind(c.is_handover).bind(c.next_contact_on).bind(now)
            .bind(status.code())
            .fetch_one(&mut *conn).await?;
        sqlx::query(SNAPSHOT_VERSION).bind(id).bind("").bind(staff_id).bind(now)
            .execute(&mut *conn).await?;
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

/// Copies the contact `$1` as it is now into `contact_versions`, with the reason `$2`, who
/// `$3` and when `$4`.
const SNAPSHOT_VERSION: &str =
    "INSERT INTO contact_versions (contact_id, version, status, occurred_at, mode, place,
         participants, participants_note, institution_id, heard, advice, shared_info,
         accommodations, is_handover, next_contact_on, reason, edited_by, edited_at)
     SELECT id, version, status, occurred_at, mode, place, participants, participants_note,
         institution_id, heard, advice, shared_info, accommodations, is_handover,
         next_contact_on, $2, $3, $4
     FROM contacts WHERE id = $1";

/// A correction: the record's words as given, as the next version after `expected_version`
/// (a stale form changes nothing: false). Concerns and agreed actions keep their own
/// history (resolved, done) and are not touched. A withdrawn record is not corrected.
#[allow(clippy::too_many_arguments)]
pub async fn correct(
    tx: &mut Tx,
    id: i64,
    expected_version: i64,
    c: &ContactInput,
    status: ContactStatus,
    reason: &str,
    by: i64,
    now: OffsetDateTime,
) -> Result<bool, sqlx::Error> {
    let n = on_tx!(tx, conn => sqlx::query(
        "UPDATE contacts SET occurred_at = $3, mode = $4, place = $5, participants = $6,
             participants_note = $7, institution_id = $8, heard = $9, advice = $10,
             shared_info = $11, accommodations = $12, is_handover = $13, next_contact_on = $14,
             status = $15, version = version + 1, updated_at = $16
         WHERE id = $1 AND version = $2 AND status <> 'withdrawn'")
        .bind(id).bind(expected_version).bind(c.occurred_at).bind(c.mode.code()).bind(&c.place)
        .bind(c.participants_column()).bind(&c.participants_note).bind(c.institution_id)
        .bind(&c.heard).bind(&c.advice).bind(&c.shared_info).bind(&c.accommodations)
        .bind(c.is_handover).bind(c.next_contact_on).bind(status.code()).bind(now)
        .execute(&mut *conn).await.map(|r| r.rows_affected()))?;
    if n == 0 {
        return Ok(false);
    }
    on_tx!(tx, conn => sqlx::query(SNAPSHOT_VERSION).bind(id).bind(reason).bind(by).bind(now)
        .execute(&mut *conn).await.map(|_| ()))?;
    Ok(true)
}

/// 取消: the record stays, marked withdrawn with the reason, as its next version. False if
/// it was withdrawn already or the form was stale.
pub async fn withdraw(
    tx: &mut Tx,
    id: i64,
    expected_version: i64,
    reason: &str,
    by: i64,
    now: OffsetDateTime,
) -> Result<bool, sqlx::Error> {
    let n = on_tx!(tx, conn => sqlx::query(
        "UPDATE contacts SET status = 'withdrawn', withdrawn_reason = $3, withdrawn_by = $4,
             withdrawn_at = $5, version = version + 1, updated_at = $5
         WHERE id = $1 AND version = $2 AND status <> 'withdrawn'")
        .bind(id).bind(expected_version).bind(reason).bind(by).bind(now)
        .execute(&mut *conn).await.map(|r| r.rows_affected()))?;
    if n == 0 {
        return Ok(false);
    }
    on_tx!(tx, conn => sqlx::query(SNAPSHOT_VERSION).bind(id).bind(reason).bind(by).bind(now)
        .execute(&mut *conn).await.map(|_| ()))?;
    Ok(true)
}

/// Every version of a contact, newest first.
pub async fn versions(db: &Db, contact_id: i64) -> Result<Vec<ContactVersion>, sqlx::Error> {
    on_db!(db, pool => sqlx::query_as(
        "SELECT v.version, v.status, v.occurred_at, v.mode, v.place, v.participants,
                v.participants_note, v.heard, v.advice, v.shared_info, v.accommodations,
                v.is_handover, v.next_contact_on, v.reason, s.display_name AS edited_by_name,
                v.edited_at
         FROM contact_versions v LEFT JOIN staff s ON s.id = v.edited_by
         WHERE v.contact_id = $1 ORDER BY v.version DESC")
        .bind(contact_id).fetch_all(pool).await)
}

/// One contact of one client (`None` if the id belongs to another client).
pub async fn find(db: &Db, client_id: i64, id: i64) -> Result<Option<Contact>, sqlx::Error> {
    let sql = format!(
        "SELECT {CONTACT_COLUMNS} FROM contacts c
         LEFT JOIN staff s ON s.id = c.staff_id
         LEFT JOIN institutions i ON i.id = c.institution_id
         WHERE c.client_id = $1 AND c.id = $2"
    );
    on_db!(db, pool => sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(client_id).bind(id)
        .fetch_optional(pool).await)
}

const CONTACT_COLUMNS: &str =
    "c.id, c.client_id, c.office_id, c.staff_id, s.display_name AS staff_name,
    c.occurred_at, c.mode, c.place, c.participants, c.participants_note, c.institution_id,
    i.name AS institution_name, c.heard, c.advice, c.shared_info, c.accommodations,
    c.is_handover, c.next_contact_on, c.status, c.version, c.withdrawn_reason, c.withdrawn_at";

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

/// A visit planned at the last contact (次回の予定日).
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct PlannedVisit {
    pub client_id: i64,
    pub client_name: String,
    pub planned_on: Date,
}

/// The supporter's clients whose latest saved contact plans the next one in `from..=to`,
/// soonest first.
pub async fn planned_for_supporter(
    db: &Db,
    supporter_id: i64,
    from: Date,
    to: Date,
) -> Result<Vec<PlannedVisit>, sqlx::Error> {
    on_db!(db, pool => sqlx::query_as(
        "SELECT cl.id AS client_id, cl.name AS client_name, c.next_contact_on AS planned_on
         FROM clients cl
         JOIN contacts c ON c.id = (
             SELECT c2.id FROM contacts c2 WHERE c2.client_id = cl.id AND c2.status = 'final'
             ORDER BY c2.occurred_at DESC, c2.id DESC LIMIT 1)
         WHERE cl.supporter_id = $1 AND cl.removed_at IS NULL
           AND c.next_contact_on >= $2 AND c.next_contact_on <= $3
         ORDER BY c.next_contact_on, cl.kana, cl.id")
        .bind(supporter_id).bind(from).bind(to).fetch_all(pool).await)
}
