//! 監査ログ (audit log): who did what to which record, when, from where, in which request.
use std::sync::Arc;

use time::OffsetDateTime;
use tokio::sync::oneshot;

use crate::db::{Db, Tx};
use crate::domain::audit::Action;
use crate::{on_db, on_tx};

/// One audit row to write.
#[derive(Debug, Clone)]
pub struct Entry {
    pub at: OffsetDateTime,
    pub actor_id: Option<i64>,
    pub actor_label: String,
    pub action: Action,
    pub target_type: &'static str,
    pub target_id: String,
    pub office_id: Option<i64>,
    /// The client the row is about, if any (their record or a record under it).
    pub client_id: Option<i64>,
    pub detail: String,
    pub request_id: String,
    pub address: String,
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Row {
    pub id: i64,
    pub at: OffsetDateTime,
    pub actor_id: Option<i64>,
    pub actor_label: String,
    pub action: String,
    pub target_type: String,
    pub target_id: String,
    pub office_id: Option<i64>,
    pub detail: String,
    pub request_id: String,
    pub address: String,
}

/// Filters for the admin's audit page. Empty means "any".
#[derive(Debug, Clone, Default)]
pub struct Filter {
    pub action: Option<String>,
    pub actor_id: Option<i64>,
    pub office_id: Option<i64>,
    pub target_type: Option<String>,
    pub from: Option<OffsetDateTime>,
    pub until: Option<OffsetDateTime>,
    /// Only rows older than this id (the next page).
    pub before_id: Option<i64>,
}

const INSERT: &str = "INSERT INTO audit_log (at, actor_id, actor_label, action, target_type,
                         target_id, office_id, detail, request_id, address, client_id)
                      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)";

macro_rules! bind_entry {
    ($q:expr, $e:expr) => {
        $q.bind($e.at)
            .bind($e.actor_id)
            .bind(&$e.actor_label)
            .bind($e.action.code())
            .bind($e.target_type)
            .bind(&$e.target_id)
            .bind($e.office_id)
            .bind(&$e.detail)
            .bind(&$e.request_id)
            .bind(&$e.address)
            .bind($e.client_id)
    };
}

/// Writes an audit row inside the transaction of the change it records.
pub async fn record(tx: &mut Tx, e: &Entry) -> Result<(), sqlx::Error> {
    on_tx!(tx, c => bind_entry!(sqlx::query(INSERT), e).execute(c).await.map(|r| r.rows_affected()))?;
    Ok(())
}

/// Writes an audit row on its own (reads and sign-in events, which change nothing else).
pub async fn record_now(db: &Db, e: &Entry) -> Result<(), sqlx::Error> {
    on_db!(db, pool => bind_entry!(sqlx::query(INSERT), e).execute(pool).await.map(|r| r.rows_affected()))?;
    Ok(())
}

/// Audit rows of reads, written together (group commit): a read of a client's record must
/// be in the log before the page is sent, and on SQLite each write is a transaction of its
/// own with its `fsync`, taken one at a time. Rows that arrive while a write is under way wait
/// for it, then the first of them writes them all in one transaction; each request still
/// returns only once its own row is committed, so nothing acknowledged is lost. A batch that
/// fails is written again row by row by each request, so one bad row costs no other.
#[derive(Default)]
pub struct ReadLog {
    queue: std::sync::Mutex<Vec<(Entry, oneshot::Sender<bool>)>>,
    writer: Arc<tokio::sync::Mutex<()>>,
    /// Transactions written so far (for the benchmark and the tests).
    batches: Arc<std::sync::atomic::AtomicU64>,
}

impl std::fmt::Debug for ReadLog {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ReadLog")
    }
}

impl ReadLog {
    /// Writes `e`, with the rows of other requests waiting at the same time; returns when it
    /// is committed.
    pub async fn write(&self, db: &Db, e: &Entry) -> Result<(), sqlx::Error> {
        let (done, written) = oneshot::channel();
        self.lock_queue().push((e.clone(), done));
        let guard = self.writer.clone().lock_owned().await;
        let batch = std::mem::take(&mut *self.lock_queue());
        if batch.is_empty() {
            // An earlier writer took this row and has answered (it held the lock until then).
            drop(guard);
        } else {
            // The batch is written by a task of its own, so that a request that goes away
            // (a closed connection) does not abandon the rows of the others.
            let db = db.clone();
            let batches = self.batches.clone();
            tokio::spawn(async move {
                batches.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                let ok = match record_all(&db, batch.iter().map(|(e, _)| e)).await {
                    Ok(()) => true,
                    Err(error) => {
                        tracing::warn!(
                            ?error,
                            rows = batch.len(),
                            "writing read-audit rows together failed; each is written alone"
                        );
                        false
                    }
                };
                for (_, done) in batch {
                    let _ = done.send(ok);
                }
                drop(guard);
            });
        }
        match written.await {
            Ok(true) => Ok(()),
            _ => record_now(db, e).await,
        }
    }

    /// The transactions written so far: fewer than the rows when requests came together.
    pub fn batches(&self) -> u64 {
        self.batches.load(std::sync::atomic::Ordering::Relaxed)
    }

    fn lock_queue(&self) -> std::sync::MutexGuard<'_, Vec<(Entry, oneshot::Sender<bool>)>> {
        self.queue
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

/// Writes the rows in one transaction.
async fn record_all<'a>(
    db: &Db,
    entries: impl Iterator<Item = &'a Entry>,
) -> Result<(), sqlx::Error> {
    let mut tx = db.begin().await?;
    for e in entries {
        record(&mut tx, e).await?;
    }
    tx.commit().await
}

/// The rows about one client, oldest first (the access report: who read or changed their
/// record, and when).
pub async fn for_client(db: &Db, client_id: i64) -> Result<Vec<Row>, sqlx::Error> {
    on_db!(db, pool => sqlx::query_as(
        "SELECT id, at, actor_id, actor_label, action, target_type, target_id, office_id,
                detail, request_id, address
         FROM audit_log WHERE client_id = $1 ORDER BY id")
        .bind(client_id).fetch_all(pool).await)
}

/// The text of [`list`] for a filter: only the conditions the filter sets, numbered in the
/// order `action, actor, office, target type, from, until, before id`, then the limit. One
/// text per combination, so each is planned for what it asks (an office's rows through
/// `audit_log_office`, not a walk of the whole log filtered by a `$n IS NULL OR`).
pub fn list_sql(f: &Filter) -> String {
    let conditions = [
        (f.action.is_some(), "action = "),
        (f.actor_id.is_some(), "actor_id = "),
        (f.office_id.is_some(), "office_id = "),
        (f.target_type.is_some(), "target_type = "),
        (f.from.is_some(), "at >= "),
        (f.until.is_some(), "at < "),
        (f.before_id.is_some(), "id < "),
    ];
    let mut sql = String::from(
        "SELECT id, at, actor_id, actor_label, action, target_type, target_id, office_id,
                detail, request_id, address
         FROM audit_log",
    );
    let mut n = 0;
    for (set, condition) in conditions {
        if set {
            n += 1;
            sql.push_str(if n == 1 { " WHERE " } else { " AND " });
            sql.push_str(condition);
            sql.push_str(&format!("${n}"));
        }
    }
    sql.push_str(&format!(" ORDER BY id DESC LIMIT ${}", n + 1));
    sql
}

/// Newest first, at most `limit` rows.
pub async fn list(db: &Db, f: &Filter, limit: i64) -> Result<Vec<Row>, sqlx::Error> {
    let sql = list_sql(f);
    on_db!(db, pool => {
        let mut q = sqlx::query_as(sqlx::AssertSqlSafe(sql));
        if let Some(v) = &f.action { q = q.bind(v); }
        if let Some(v) = f.actor_id { q = q.bind(v); }
        if let Some(v) = f.office_id { q = q.bind(v); }
        if let Some(v) = &f.target_type { q = q.bind(v); }
        if let Some(v) = f.from { q = q.bind(v); }
        if let Some(v) = f.until { q = q.bind(v); }
        if let Some(v) = f.before_id { q = q.bind(v); }
        q.bind(limit).fetch_all(pool).await
    })
}

/// The names of the records audit rows are about, for the ids shown on one page: one query
/// per kind, within the organisation (an id of another organisation gets no name).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Named {
    Staff,
    Office,
    Client,
    Inquiry,
}

impl Named {
    /// The kind stored in `audit_log.target_type`, if it is one with a name.
    pub fn of_target(target_type: &str) -> Option<Named> {
        Some(match target_type {
            "staff" => Named::Staff,
            "office" => Named::Office,
            "client" => Named::Client,
            "inquiry" => Named::Inquiry,
            _ => return None,
        })
    }
}

/// `(id, name)` of the records of one kind among `ids`, in organisation `org`.
pub async fn names(
    db: &Db,
    org: i64,
    kind: Named,
    ids: &[i64],
) -> Result<Vec<(i64, String)>, sqlx::Error> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    // The ids are numbers, so the list is written into the text; the organisation is bound.
    let list = ids
        .iter()
        .map(i64::to_string)
        .collect::<Vec<_>>()
        .join(", ");
    let sql = match kind {
        Named::Staff => format!(
            "SELECT id, display_name FROM staff WHERE organization_id = $1 AND id IN ({list})"
        ),
        Named::Office => {
            format!("SELECT id, name FROM offices WHERE organization_id = $1 AND id IN ({list})")
        }
        Named::Client => format!(
            "SELECT c.id, c.name FROM clients c JOIN offices o ON o.id = c.office_id
             WHERE o.organization_id = $1 AND c.removed_at IS NULL AND c.id IN ({list})"
        ),
        Named::Inquiry => format!(
            "SELECT i.id, i.name FROM inquiries i JOIN offices o ON o.id = i.office_id
             WHERE o.organization_id = $1 AND i.id IN ({list})"
        ),
    };
    on_db!(db, pool => sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(org).fetch_all(pool).await)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_list_names_only_the_filters_given_in_order() {
        assert!(list_sql(&Filter::default()).ends_with("FROM audit_log ORDER BY id DESC LIMIT $1"));
        let office = Filter {
            office_id: Some(3),
            before_id: Some(90),
            ..Filter::default()
        };
        assert!(
            list_sql(&office).ends_with(
                "FROM audit_log WHERE office_id = $1 AND id < $2 ORDER BY id DESC LIMIT $3"
            ),
            "{}",
            list_sql(&office)
        );
        let all = Filter {
            action: Some("x".into()),
            actor_id: Some(1),
            office_id: Some(2),
            target_type: Some("client".into()),
            from: Some(OffsetDateTime::UNIX_EPOCH),
            until: Some(OffsetDateTime::UNIX_EPOCH),
            before_id: Some(5),
        };
        assert!(list_sql(&all).ends_with(
            "WHERE action = $1 AND actor_id = $2 AND office_id = $3 AND target_type = $4 \
             AND at >= $5 AND at < $6 AND id < $7 ORDER BY id DESC LIMIT $8"
        ));
    }
}
