//! セルフチェック: a client's items (`selfcheck_items`), their daily entries
//! (`selfcheck_entries`, one per Japan day) with a score per item (`selfcheck_scores`), and
//! the supporter's replies (`selfcheck_replies`). An item is never deleted: removing it sets
//! `removed_at`, so past entries still name it.
use time::{Date, OffsetDateTime};

use crate::db::{Db, Tx};
use crate::domain::selfcheck::CheckInput;
use crate::{on_db, on_tx};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ItemRow {
    pub id: i64,
    pub client_id: i64,
    /// A library item's code (`domain::selfcheck::LIBRARY`), or `None` for the client's own.
    pub library_code: Option<String>,
    /// The client's own item's words ('' for a library item).
    pub label: String,
    pub position: i64,
    pub removed_at: Option<OffsetDateTime>,
}

impl ItemRow {
    pub fn is_active(&self) -> bool {
        self.removed_at.is_none()
    }
}

const ITEM_COLUMNS: &str = "id, client_id, library_code, label, position, removed_at";

/// Every item the client has had: the active ones in their order, then the removed ones.
pub async fn list_items(db: &Db, client_id: i64) -> Result<Vec<ItemRow>, sqlx::Error> {
    let sql = format!(
        "SELECT {ITEM_COLUMNS} FROM selfcheck_items WHERE client_id = $1
         ORDER BY CASE WHEN removed_at IS NULL THEN 0 ELSE 1 END, position, id"
    );
    on_db!(db, pool => sqlx::query_as(sqlx::AssertSqlSafe(sql))
        .bind(client_id).fetch_all(pool).await)
}

/// The items the client checks now, in their order.
pub async fn active_items(db: &Db, client_id: i64) -> Result<Vec<ItemRow>, sqlx::Error> {
    Ok(list_items(db, client_id)
        .await?
        .into_iter()
        .filter(ItemRow::is_active)
        .collect())
}

async fn next_position(tx: &mut Tx, client_id: i64) -> Result<i64, sqlx::Error> {
    on_tx!(tx, conn => sqlx::query_scalar(
        "SELECT CAST(COALESCE(MAX(position), 0) + 1 AS BIGINT) FROM selfcheck_items
         WHERE client_id = $1 AND removed_at IS NULL")
        .bind(client_id).fetch_one(conn).await)
}

/// Adds the library item `code` at the end (or brings it back if it was removed). `None`
/// when the client already checks it.
pub async fn add_library_item(
    tx: &mut Tx,
    client_id: i64,
    code: &str,
    now: OffsetDateTime,
) -> Result<Option<i64>, sqlx::Error> {
    let existing: Option<(i64, Option<OffsetDateTime>)> = on_tx!(tx, conn => sqlx::query_as(
        "SELECT id, removed_at FROM selfcheck_items WHERE client_id = $1 AND library_code = $2")
        .bind(client_id).bind(code).fetch_optional(conn).await)?;
    let position = next_position(tx, client_id).await?;
    match existing {
        Some((_, None)) => Ok(None),
        Some((id, Some(_))) => {
            on_tx!(tx, conn => sqlx::query(
                "UPDATE selfcheck_items SET removed_at = NULL, position = $2 WHERE id = $1")
                .bind(id).bind(position).execute(conn).await.map(|_| ()))?;
            Ok(Some(id))
        }
        None => {
            let id = on_tx!(tx, conn => sqlx::query_scalar(
                "INSERT INTO selfcheck_items (client_id, library_code, label, position, created_at)
                 VALUES ($1, $2, '', $3, $4) RETURNING id")
                .bind(client_id).bind(code).bind(position).bind(now).fetch_one(conn).await)?;
            Ok(Some(id))
        }
    }
}

/// Adds the client's own item (words already checked) at the end.
pub async fn add_own_item(
    tx: &mut Tx,
    client_id: i64,
    label: &str,
    now: OffsetDateTime,
) -> Result<i64, sqlx::Error> {
    let position = next_position(tx, client_id).await?;
    on_tx!(tx, conn => sqlx::query_scalar(
        "INSERT INTO selfcheck_items (client_id, library_code, label, position, created_at)
         VALUES ($1, NULL, $2, $3, $4) RETURNING id")
        .bind(client_id).bind(label).bind(position).bind(now).fetch_one(conn).await)
}

/// Stops checking the item (kept for the past). False when it is not an active item of
/// the client.
pub async fn remove_item(
    tx: &mut Tx,
    client_id: i64,
    item_id: i64,
    now: OffsetDateTime,
) -> Result<bool, sqlx::Error> {
    let n = on_tx!(tx, conn => sqlx::query(
        "UPDATE selfcheck_items SET removed_at = $3
         WHERE id = $1 AND client_id = $2 AND removed_at IS NULL")
        .bind(item_id).bind(client_id).bind(now)
        .execute(conn).await.map(|r| r.rows_affected()))?;
    Ok(n == 1)
}

/// Puts the client's active items in the order of `ids`.
pub async fn set_order(tx: &mut Tx, client_id: i64, ids: &[i64]) -> Result<(), sqlx::Error> {
    for (i, id) in ids.iter().enumerate() {
        let position = i as i64 + 1;
        on_tx!(tx, conn => sqlx::query(
            "UPDATE selfcheck_items SET position = $3 WHERE id = $1 AND client_id = $2")
            .bind(id).bind(client_id).bind(position).execute(conn).await.map(|_| ()))?;
    }
    Ok(())
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct EntryRow {
    pub id: i64,
    pub client_id: i64,
    pub day: Date,
    pub comment: String,
    pub created_at: OffsetDateTime,
    pub updated_at: OffsetDateTime,
}

const ENTRY_COLUMNS: &str = "id, client_id, day, comment, created_at, updated_at";

/// The client's entry of `day`, if they checked in that day.
pub async fn entry_on(db: &Db, client_id: i64, day: Date) -> Result<Option<EntryRow>, sqlx::Error> {
    let sql =
        format!("SELECT {ENTRY_COLUMNS} FROM selfcheck_entries WHERE client_id = $1 AND day = $2");
    on_db!(db, pool => sqlx::query_as(sqlx::AssertSqlSafe(sql))
        .bind(client_id).bind(day).fetch_optional(pool).await)
}

/// One entry of one client (`None` if the id is another client's).
pub async fn find_entry(db: &Db, client_id: i64, id: i64) -> Result<Option<EntryRow>, sqlx::Error> {
    let sql =
        format!("SELECT {ENTRY_COLUMNS} FROM selfcheck_entries WHERE client_id = $1 AND id = $2");
    on_db!(db, pool => sqlx::query_as(sqlx::AssertSqlSafe(sql))
        .bind(client_id).bind(id).fetch_optional(pool).await)
}

/// The client's entries from `from` to `to` (both included), newest first.
pub async fn entries_between(
    db: &Db,
    client_id: i64,
    from: Date,
    to: Date,
) -> Result<Vec<EntryRow>, sqlx::Error> {
    let sql = format!(
        "SELECT {ENTRY_COLUMNS} FROM selfcheck_entries
         WHERE client_id = $1 AND day >= $2 AND day <= $3 ORDER BY day DESC"
    );
    on_db!(db, pool => sqlx::query_as(sqlx::AssertSqlSafe(sql))
        .bind(client_id).bind(from).bind(to).fetch_all(pool).await)
}

/// Saves the client's check of `day`: the first of the day is made, a later one the same
/// day replaces its scores and comment (one entry per client per day). Returns the entry id.
pub async fn save_entry(
    tx: &mut Tx,
    client_id: i64,
    day: Date,
    input: &CheckInput,
    now: OffsetDateTime,
) -> Result<i64, sqlx::Error> {
    let id: i64 = on_tx!(tx, conn => sqlx::query_scalar(
        "INSERT INTO selfcheck_entries (client_id, day, comment, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (client_id, day) DO UPDATE
         SET comment = excluded.comment, updated_at = excluded.updated_at
         RETURNING id")
        .bind(client_id).bind(day).bind(&input.comment).bind(now).bind(now)
        .fetch_one(conn).await)?;
    on_tx!(tx, conn => sqlx::query("DELETE FROM selfcheck_scores WHERE entry_id = $1")
        .bind(id).execute(conn).await.map(|_| ()))?;
    for (item_id, score) in &input.scores {
        let score = i64::from(score.value());
        on_tx!(tx, conn => sqlx::query(
            "INSERT INTO selfcheck_scores (entry_id, item_id, score) VALUES ($1, $2, $3)")
            .bind(id).bind(item_id).bind(score).execute(conn).await.map(|_| ()))?;
    }
    Ok(id)
}

/// One score of a day.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ScoreRow {
    pub entry_id: i64,
    pub day: Date,
    pub item_id: i64,
    pub score: i64,
}

/// The client's scores from `from` to `to` (both included), oldest first.
pub async fn scores_between(
    db: &Db,
    client_id: i64,
    from: Date,
    to: Date,
) -> Result<Vec<ScoreRow>, sqlx::Error> {
    on_db!(db, pool => sqlx::query_as(
        "SELECT e.id AS entry_id, e.day, s.item_id, s.score
         FROM selfcheck_entries e JOIN selfcheck_scores s ON s.entry_id = e.id
         WHERE e.client_id = $1 AND e.day >= $2 AND e.day <= $3
         ORDER BY e.day, s.item_id")
        .bind(client_id).bind(from).bind(to).fetch_all(pool).await)
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ReplyRow {
    pub id: i64,
    pub entry_id: i64,
    /// The supporter's name ('' once their account is gone).
    pub staff_name: String,
    pub body: String,
    pub created_at: OffsetDateTime,
}

/// The replies to the client's entries from `from` to `to`, oldest first.
pub async fn replies_between(
    db: &Db,
    client_id: i64,
    from: Date,
    to: Date,
) -> Result<Vec<ReplyRow>, sqlx::Error> {
    on_db!(db, pool => sqlx::query_as(
        "SELECT r.id, r.entry_id, COALESCE(st.display_name, '') AS staff_name, r.body, r.created_at
         FROM selfcheck_replies r
         JOIN selfcheck_entries e ON e.id = r.entry_id
         LEFT JOIN staff st ON st.id = r.staff_id
         WHERE e.client_id = $1 AND e.day >= $2 AND e.day <= $3
         ORDER BY r.id")
        .bind(client_id).bind(from).bind(to).fetch_all(pool).await)
}

/// A supporter's reply to an entry; returns its id.
pub async fn insert_reply(
    tx: &mut Tx,
    entry_id: i64,
    staff_id: i64,
    body: &str,
    now: OffsetDateTime,
) -> Result<i64, sqlx::Error> {
    on_tx!(tx, conn => sqlx::query_scalar(
        "INSERT INTO selfcheck_replies (entry_id, staff_id, body, created_at)
         VALUES ($1, $2, $3, $4) RETURNING id")
        .bind(entry_id).bind(staff_id).bind(body).bind(now).fetch_one(conn).await)
}

/// A score of one of the supporter's clients, for the home page's rules.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct WatchRow {
    pub client_id: i64,
    pub client_name: String,
    pub day: Date,
    /// `None` on an entry without scores.
    pub item_id: Option<i64>,
    pub library_code: Option<String>,
    pub label: Option<String>,
    pub score: Option<i64>,
}

/// The entries since `since` of the clients whose supporter is `staff_id`, one row per
/// score of an active item (an entry without one still gives its day), by client and day.
pub async fn watch_rows(db: &Db, staff_id: i64, since: Date) -> Result<Vec<WatchRow>, sqlx::Error> {
    on_db!(db, pool => sqlx::query_as(
        "SELECT c.id AS client_id, c.name AS client_name, e.day,
                i.id AS item_id, i.library_code, i.label, s.score
         FROM clients c
         JOIN selfcheck_entries e ON e.client_id = c.id
         LEFT JOIN selfcheck_scores s ON s.entry_id = e.id
         LEFT JOIN selfcheck_items i ON i.id = s.item_id AND i.removed_at IS NULL
         WHERE c.supporter_id = $1 AND e.day >= $2
         ORDER BY c.id, e.day, i.position")
        .bind(staff_id).bind(since).fetch_all(pool).await)
}
