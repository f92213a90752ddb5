//! 本人同意 (consents) of a client.
use time::{Date, OffsetDateTime};

use crate::db::Db;
use crate::domain::consent::{ConsentRecord, Recipient, categories_from_column};
use crate::on_db;

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
