//! Follow-up tasks (agreed actions from contacts): owners, due dates, done.
use time::{Date, OffsetDateTime};

use crate::db::{Db, Tx};
use crate::{on_db, on_tx};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Task {
    pub id: i64,
    pub client_id: i64,
    pub client_name: String,
    pub contact_id: Option<i64>,
    pub owner_id: Option<i64>,
    pub owner_name: Option<String>,
    pub description: String,
    pub due_on: Date,
    pub done_at: Option<OffsetDateTime>,
}

const COLUMNS: &str = "t.id, t.client_id, cl.name AS client_name, t.contact_id, t.owner_id,
    s.display_name AS owner_name, t.description, t.due_on, t.done_at";

/// Open tasks owned by a staff member, earliest due first (clients of their offices only:
/// an owner who left an office does not keep seeing its clients).
pub async fn open_for_owner(db: &Db, owner_id: i64) -> Result<Vec<Task>, sqlx::Error> {
    let sql = format!(
        "SELECT {COLUMNS} FROM tasks t
         JOIN clients cl ON cl.id = t.client_id
         LEFT JOIN staff s ON s.id = t.owner_id
         WHERE t.owner_id = $1 AND t.done_at IS NULL
           AND EXISTS (SELECT 1 FROM staff_offices so WHERE so.staff_id = $1 AND so.office_id = cl.office_id)
         ORDER BY t.due_on, t.id"
    );
    on_db!(db, pool => sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(owner_id).fetch_all(pool).await)
}

/// The client's tasks, open first.
pub async fn for_client(db: &Db, client_id: i64) -> Result<Vec<Task>, sqlx::Error> {
    let sql = format!(
        "SELECT {COLUMNS} FROM tasks t
         JOIN clients cl ON cl.id = t.client_id
         LEFT JOIN staff s ON s.id = t.owner_id
         WHERE t.client_id = $1
         ORDER BY CASE WHEN t.done_at IS NULL THEN 0 ELSE 1 END, t.due_on, t.id"
    );
    on_db!(db, pool => sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(client_id).fetch_all(pool).await)
}

pub async fn find(db: &Db, id: i64) -> Result<Option<Task>, sqlx::Error> {
    let sql = format!(
        "SELECT {COLUMNS} FROM tasks t JOIN clients cl ON cl.id = t.client_id
         LEFT JOIN staff s ON s.id = t.owner_id WHERE t.id = $1"
    );
    on_db!(db, pool => sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(id).fetch_optional(pool).await)
}

pub async fn mark_done(tx: &mut Tx, id: i64, now: OffsetDateTime) -> Result<u64, sqlx::Error> {
    on_tx!(tx, c => sqlx::query("UPDATE tasks SET done_at = $2 WHERE id = $1 AND done_at IS NULL")
        .bind(id).bind(now).execute(c).await.map(|r| r.rows_affected()))
}

/// Overdue = open with a due date before today.
pub fn is_overdue(task: &Task, today: Date) -> bool {
    task.done_at.is_none() && task.due_on < today
}
