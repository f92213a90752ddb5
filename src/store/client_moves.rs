//! A client's moves between offices of the organisation (`client_office_moves`): the
//! history of which office served the client from which day, and the move itself.
use time::{Date, OffsetDateTime};

use crate::db::{Db, Tx};
use crate::{on_db, on_tx};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct MoveRow {
    pub id: i64,
    pub from_office_id: i64,
    pub from_name: String,
    pub to_office_id: i64,
    pub to_name: String,
    pub moved_on: Date,
    pub note: String,
    pub moved_by_name: Option<String>,
    pub created_at: OffsetDateTime,
}

/// The client's moves, newest first.
pub async fn list_for_client(db: &Db, client: i64) -> Result<Vec<MoveRow>, sqlx::Error> {
    on_db!(db, pool => sqlx::query_as(
        "SELECT m.id, m.from_office_id, f.name AS from_name, m.to_office_id, t.name AS to_name,
                m.moved_on, m.note, s.display_name AS moved_by_name, m.created_at
         FROM client_office_moves m
         JOIN offices f ON f.id = m.from_office_id
         JOIN offices t ON t.id = m.to_office_id
         LEFT JOIN staff s ON s.id = m.moved_by
         WHERE m.client_id = $1 ORDER BY m.moved_on DESC, m.id DESC")
        .bind(client).fetch_all(pool).await)
}

/// Moves the client to `to` from `on`: the move is kept, the client's office changes, and a
/// supporter in charge who does not work at the new office is no longer in charge.
#[allow(clippy::too_many_arguments)]
pub async fn insert(
    tx: &mut Tx,
    client: i64,
    from: i64,
    to: i64,
    on: Date,
    note: &str,
    by: i64,
    now: OffsetDateTime,
) -> Result<i64, sqlx::Error> {
    let id = on_tx!(tx, conn => sqlx::query_scalar(
        "INSERT INTO client_office_moves (client_id, from_office_id, to_office_id, moved_on, note, moved_by, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id")
        .bind(client).bind(from).bind(to).bind(on).bind(note).bind(by).bind(now)
        .fetch_one(&mut *conn).await)?;
    on_tx!(tx, conn => sqlx::query(
        "UPDATE clients SET office_id = $1, updated_at = $3,
                supporter_id = CASE WHEN EXISTS (SELECT 1 FROM staff_offices so
                                                 WHERE so.staff_id = clients.supporter_id AND so.office_id = $1)
                                    THEN supporter_id ELSE NULL END
         WHERE id = $2")
        .bind(to).bind(client).bind(now).execute(&mut *conn).await.map(|_| ()))?;
    Ok(id)
}
