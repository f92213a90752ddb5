//! 本人同意 (consents) of a client. A consent is never deleted or edited: a change of mind
//! is a withdrawal (kept, with its time and note) and, if wanted, a new consent.
use time::{Date, OffsetDateTime};

use crate::db::{Db, Tx};
use crate::domain::consent::{
    ConsentInput, ConsentRecord, Recipient, categories_from_column, categories_to_column,
};
use crate::{on_db, on_tx};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ConsentRow {
    pub id: i64,
    pub client_id: i64,
    pub recipient_kind: String,
    pub recipient_name: String,
    pub institution_id: Option<i64>,
    pub categories: String,
    pub valid_from: Date,
    pub recorded_by: Option<i64>,
    pub withdrawn_at: Option<OffsetDateTime>,
    pub withdrawn_note: String,
    pub created_at: OffsetDateTime,
}

impl ConsentRow {
    /// The record `domain::consent::check` works on.
    pub fn record(&self) -> ConsentRecord {
        let recipient = match (self.recipient_kind.as_str(), self.institution_id) {
            ("institution", Some(id)) => Recipient::Institution { id },
            _ => Recipient::Employer {
                name: self.recipient_name.clone(),
            },
        };
        ConsentRecord {
            id: self.id,
            recipient,
            categories: categories_from_column(&self.categories),
            valid_from: self.valid_from,
            withdrawn_at: self.withdrawn_at,
        }
    }
}

/// Every consent of the client, withdrawn ones included, oldest first.
pub async fn list_for_client(db: &Db, client_id: i64) -> Result<Vec<ConsentRow>, sqlx::Error> {
    on_db!(db, pool => sqlx::query_as(
        "SELECT id, client_id, recipient_kind, recipient_name, institution_id, categories,
                valid_from, recorded_by, withdrawn_at, withdrawn_note, created_at
         FROM consents WHERE client_id = $1 ORDER BY id")
        .bind(client_id).fetch_all(pool).await)
}

/// One consent of one client (`None` if the id belongs to another client).
pub async fn find(db: &Db, client_id: i64, id: i64) -> Result<Option<ConsentRow>, sqlx::Error> {
    on_db!(db, pool => sqlx::query_as(
        "SELECT id, client_id, recipient_kind, recipient_name, institution_id, categories,
                valid_from, recorded_by, withdrawn_at, withdrawn_note, created_at
         FROM consents WHERE client_id = $1 AND id = $2")
        .bind(client_id).bind(id).fetch_optional(pool).await)
}

/// The records for `domain::consent::check`.
pub async fn records_for_client(
    db: &Db,
    client_id: i64,
) -> Result<Vec<ConsentRecord>, sqlx::Error> {
    Ok(list_for_client(db, client_id)
        .await?
        .iter()
        .map(ConsentRow::record)
        .collect())
}

/// Records a consent; returns its id.
pub async fn insert(
    tx: &mut Tx,
    client_id: i64,
    c: &ConsentInput,
    recorded_by: i64,
    now: OffsetDateTime,
) -> Result<i64, sqlx::Error> {
    let institution_id = match c.recipient {
        Recipient::Institution { id } => Some(id),
        Recipient::Employer { .. } => None,
    };
    on_tx!(tx, conn => sqlx::query_scalar(
        "INSERT INTO consents (client_id, recipient_kind, recipient_name, institution_id,
                               categories, valid_from, recorded_by, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id")
        .bind(client_id).bind(c.recipient.kind_code()).bind(&c.recipient_name)
        .bind(institution_id).bind(categories_to_column(&c.categories)).bind(c.valid_from)
        .bind(recorded_by).bind(now)
        .fetch_one(conn).await)
}

/// Marks the client's consent withdrawn at `at`. False when it was already withdrawn (or is
/// not this client's), so a second click changes nothing.
pub async fn withdraw(
    tx: &mut Tx,
    client_id: i64,
    id: i64,
    note: &str,
    at: OffsetDateTime,
) -> Result<bool, sqlx::Error> {
    let done = on_tx!(tx, conn => sqlx::query(
        "UPDATE consents SET withdrawn_at = $3, withdrawn_note = $4
         WHERE id = $1 AND client_id = $2 AND withdrawn_at IS NULL")
        .bind(id).bind(client_id).bind(at).bind(note)
        .execute(conn).await.map(|r| r.rows_affected()))?;
    Ok(done == 1)
}
