//! The service guide's sections as an admin saved them.
use time::OffsetDateTime;

use crate::db::{Db, Tx};
use crate::{on_db, on_tx};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Section {
    pub position: i64,
    pub title: String,
    pub body: String,
}

pub async fn list(db: &Db) -> Result<Vec<Section>, sqlx::Error> {
    on_db!(db, pool => sqlx::query_as("SELECT position, title, body FROM guide_sections ORDER BY position")
        .fetch_all(pool).await)
}

/// Replaces every section.
pub async fn replace(
    tx: &mut Tx,
    sections: &[(String, String)],
    by: i64,
    now: OffsetDateTime,
) -> Result<(), sqlx::Error> {
    on_tx!(tx, c => {
        sqlx::query("DELETE FROM guide_sections").execute(&mut *c).await?;
        for (i, (title, body)) in sections.iter().enumerate() {
            sqlx::query("INSERT INTO guide_sections (position, title, body, updated_at, updated_by)
                         VALUES ($1, $2, $3, $4, $5)")
                .bind(i as i64).bind(title).bind(body).bind(now).bind(by)
                .execute(&mut *c).await?;
        }
        Ok::<_, sqlx::Error>(())
    })?;
    super::public_version::bump(tx, now).await
}
