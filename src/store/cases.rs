//! Past cases (issue 14): the anonymised `cases` made from resolved concerns, their
//! `case_changes` that keep every node's search index fresh, the `case_helpful` notes and
//! each office's sharing setting.
use time::{Date, OffsetDateTime};

use crate::db::{Db, Tx};
use crate::{on_db, on_tx};

/// A resolved concern with what a case is made of (not yet anonymised).
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct CaseSource {
    pub concern_id: i64,
    pub office_id: i64,
    pub category: String,
    pub severity: i64,
    pub note: String,
    pub resolution: String,
    pub heard: String,
    pub advice: String,
    pub occurred_at: OffsetDateTime,
    pub client_name: String,
    pub client_kana: String,
    pub disability_categories: String,
    pub employer_name: Option<String>,
    pub supervisor_name: Option<String>,
    pub job_title: Option<String>,
    pub hire_date: Option<Date>,
    pub return_to_work_date: Option<Date>,
}

/// A case as written: anonymised.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewCase {
    pub concern_id: i64,
    pub office_id: i64,
    pub category: String,
    pub severity: i64,
    pub tenure_month: Option<i64>,
    pub job_type: String,
    pub disability: String,
    pub note: String,
    pub heard: String,
    pub advice: String,
    pub resolution: String,
}

/// A stored case: what the index and the pages read. No client, no date.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Case {
    pub id: i64,
    pub office_id: i64,
    pub office_name: String,
    pub category: String,
    pub severity: i64,
    pub tenure_month: Option<i64>,
    pub job_type: String,
    pub disability: String,
    pub note: String,
    pub heard: String,
    pub advice: String,
    pub resolution: String,
    pub helpful: i64,
}

const SOURCE: &str = "SELECT k.id AS concern_id, c.office_id, k.category, k.severity, k.note,
        k.resolution, c.heard, c.advice, c.occurred_at, cl.name AS client_name,
        cl.kana AS client_kana, cl.disability_categories,
        e.employer_name, e.supervisor_name, e.job_title, e.hire_date, e.return_to_work_date
    FROM concerns k
    JOIN contacts c ON c.id = k.contact_id
    JOIN clients cl ON cl.id = k.client_id
    LEFT JOIN employments e ON e.id = (
        SELECT e2.id FROM employments e2
        WHERE e2.client_id = k.client_id AND e2.hire_date <= c.occurred_at
        ORDER BY e2.hire_date DESC, e2.id DESC LIMIT 1)";

/// The source of the case of one resolved concern.
pub async fn source(tx: &mut Tx, concern_id: i64) -> Result<Option<CaseSource>, sqlx::Error> {
    let sql = format!("{SOURCE} WHERE k.id = $1 AND k.resolved_at IS NOT NULL");
    on_tx!(tx, c => sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(concern_id).fetch_optional(c).await)
}

/// Resolved concerns after `after` (by id), at most `limit`, for `teichaku reindex`.
pub async fn sources_after(
    db: &Db,
    after: i64,
    limit: i64,
) -> Result<Vec<CaseSource>, sqlx::Error> {
    let sql =
        format!("{SOURCE} WHERE k.resolved_at IS NOT NULL AND k.id > $1 ORDER BY k.id LIMIT $2");
    on_db!(db, pool => sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(after).bind(limit).fetch_all(pool).await)
}

/// The display names of the office's staff: names known to its records.
pub async fn staff_names(db: &Db, office_id: i64) -> Result<Vec<String>, sqlx::Error> {
    on_db!(db, pool => sqlx::query_scalar(
        "SELECT s.display_name FROM staff s JOIN staff_offices so ON so.staff_id = s.id
         WHERE so.office_id = $1 ORDER BY s.id")
        .bind(office_id).fetch_all(pool).await)
}

/// The same inside a transaction.
pub async fn staff_names_tx(tx: &mut Tx, office_id: i64) -> Result<Vec<String>, sqlx::Error> {
    on_tx!(tx, c => sqlx::query_scalar(
        "SELECT s.display_name FROM staff s JOIN staff_offices so ON so.staff_id = s.id
         WHERE so.office_id = $1 ORDER BY s.id")
        .bind(office_id).fetch_all(c).await)
}

/// Writes the case of a concern (new or again) and records the change. Returns its id.
pub async fn upsert(tx: &mut Tx, case: &NewCase, now: OffsetDateTime) -> Result<i64, sqlx::Error> {
    on_tx!(tx, c => {
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO cases (concern_id, office_id, category, severity, tenure_month, job_type,
                 disability, note, heard, advice, resolution)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
             ON CONFLICT (concern_id) DO UPDATE SET office_id = excluded.office_id,
                 category = excluded.category, severity = excluded.severity,
                 tenure_month = excluded.tenure_month, job_type = excluded.job_type,
                 disability = excluded.disability, note = excluded.note, heard = excluded.heard,
                 advice = excluded.advice, resolution = excluded.resolution
             RETURNING id")
            .bind(case.concern_id).bind(case.office_id).bind(&case.category).bind(case.severity)
            .bind(case.tenure_month).bind(&case.job_type).bind(&case.disability).bind(&case.note)
            .bind(&case.heard).bind(&case.advice).bind(&case.resolution)
            .fetch_one(&mut *c).await?;
        sqlx::query("INSERT INTO case_changes (case_id, at) VALUES ($1, $2)")
            .bind(id).bind(now).execute(&mut *c).await?;
        Ok(id)
    })
}

const CASE_COLUMNS: &str = "cs.id, cs.office_id, o.name AS office_name, cs.category,
    cs.severity, cs.tenure_month, cs.job_type, cs.disability, cs.note, cs.heard, cs.advice,
    cs.resolution, cs.helpful";

/// Cases after `after` (by id), at most `limit`, to build an index.
pub async fn list_after(db: &Db, after: i64, limit: i64) -> Result<Vec<Case>, sqlx::Error> {
    let sql = format!(
        "SELECT {CASE_COLUMNS} FROM cases cs JOIN offices o ON o.id = cs.office_id
         WHERE cs.id > $1 ORDER BY cs.id LIMIT $2"
    );
    on_db!(db, pool => sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(after).bind(limit).fetch_all(pool).await)
}

/// The newest change's id (0 when none).
pub async fn last_change(db: &Db) -> Result<i64, sqlx::Error> {
    on_db!(db, pool => sqlx::query_scalar("SELECT COALESCE(MAX(id), 0) FROM case_changes")
        .fetch_one(pool).await)
}

/// How many changes there are after `after` (at most 10,000), and the newest one's id (0
/// when none): one range read of the primary key, for the check before every search. The
/// ordered LIMIT keeps PostgreSQL on the index even when its statistics are stale (without
/// it, a table analysed before the cases were made was scanned whole: 57 ms at 733,000
/// changes, against 0.2 ms).
pub async fn change_window(db: &Db, after: i64) -> Result<(i64, i64), sqlx::Error> {
    on_db!(db, pool => sqlx::query_as(
        "SELECT COUNT(*), COALESCE(MAX(id), 0) FROM (
             SELECT id FROM case_changes WHERE id > $1 ORDER BY id LIMIT 10000) w")
        .bind(after).fetch_one(pool).await)
}

/// The changes after `after`, oldest first: (change id, case id).
pub async fn changes_after(db: &Db, after: i64) -> Result<Vec<(i64, i64)>, sqlx::Error> {
    on_db!(db, pool => sqlx::query_as(
        "SELECT id, case_id FROM case_changes WHERE id > $1 ORDER BY id LIMIT 10000")
        .bind(after).fetch_all(pool).await)
}

/// The cases with these ids as they are now (a missing id is a case gone).
pub async fn find_many(db: &Db, ids: &[i64]) -> Result<Vec<Case>, sqlx::Error> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let list = ids.iter().map(i64::to_string).collect::<Vec<_>>().join(",");
    let sql = format!(
        "SELECT {CASE_COLUMNS} FROM cases cs JOIN offices o ON o.id = cs.office_id
         WHERE cs.id IN ({list})"
    );
    on_db!(db, pool => sqlx::query_as(sqlx::AssertSqlSafe(sql)).fetch_all(pool).await)
}

/// The cases with these ids that an office may see: its own, and those of offices that
/// share, in the order of `ids`.
pub async fn find_visible(
    db: &Db,
    ids: &[i64],
    viewer_office: i64,
) -> Result<Vec<Case>, sqlx::Error> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let list = ids.iter().map(i64::to_string).collect::<Vec<_>>().join(",");
    let sql = format!(
        "SELECT {CASE_COLUMNS} FROM cases cs JOIN offices o ON o.id = cs.office_id
         WHERE cs.id IN ({list}) AND (cs.office_id = $1 OR o.share_cases)"
    );
    let mut rows: Vec<Case> = on_db!(db, pool => sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(viewer_office).fetch_all(pool).await)?;
    rows.sort_by_key(|c| ids.iter().position(|i| *i == c.id));
    Ok(rows)
}

/// The offices whose cases `viewer_office` may not see: those that do not share, other
/// than its own (usually far fewer rows than the offices that share).
pub async fn hidden_offices(db: &Db, viewer_office: i64) -> Result<Vec<i64>, sqlx::Error> {
    on_db!(db, pool => sqlx::query_scalar(
        "SELECT id FROM offices WHERE id <> $1 AND NOT share_cases ORDER BY id")
        .bind(viewer_office).fetch_all(pool).await)
}

/// Notes that a case helped this staff member (once per case and person; `false` when
/// already noted), counting it on the case and recording the change.
pub async fn note_helpful(
    tx: &mut Tx,
    case_id: i64,
    staff_id: i64,
    office_id: i64,
    now: OffsetDateTime,
) -> Result<bool, sqlx::Error> {
    on_tx!(tx, c => {
        let added = sqlx::query(
            "INSERT INTO case_helpful (case_id, staff_id, office_id, at) VALUES ($1, $2, $3, $4)
             ON CONFLICT (case_id, staff_id) DO NOTHING")
            .bind(case_id).bind(staff_id).bind(office_id).bind(now)
            .execute(&mut *c).await?.rows_affected() > 0;
        if added {
            sqlx::query("UPDATE cases SET helpful = helpful + 1 WHERE id = $1")
                .bind(case_id).execute(&mut *c).await?;
            sqlx::query("INSERT INTO case_changes (case_id, at) VALUES ($1, $2)")
                .bind(case_id).bind(now).execute(&mut *c).await?;
        }
        Ok(added)
    })
}

/// Whether this staff member noted the case as helpful.
pub async fn noted_helpful(db: &Db, case_id: i64, staff_id: i64) -> Result<bool, sqlx::Error> {
    on_db!(db, pool => sqlx::query_scalar(
        "SELECT COUNT(*) > 0 FROM case_helpful WHERE case_id = $1 AND staff_id = $2")
        .bind(case_id).bind(staff_id).fetch_one(pool).await)
}

/// Sets whether the office shares its cases with the organisation. Returns the rows changed.
pub async fn set_sharing(tx: &mut Tx, office_id: i64, share: bool) -> Result<u64, sqlx::Error> {
    on_tx!(tx, c => sqlx::query("UPDATE offices SET share_cases = $2 WHERE id = $1")
        .bind(office_id).bind(share).execute(c).await.map(|r| r.rows_affected()))
}

/// Whether the office shares its cases.
pub async fn sharing(db: &Db, office_id: i64) -> Result<bool, sqlx::Error> {
    on_db!(db, pool => sqlx::query_scalar("SELECT share_cases FROM offices WHERE id = $1")
        .bind(office_id).fetch_one(pool).await)
}

/// After the benchmark's rows with explicit ids: PostgreSQL's identity sequences moved past
/// them, and the tables analysed.
pub async fn after_bulk_load(db: &Db) -> Result<(), sqlx::Error> {
    if let Db::Postgres(pool) = db {
        for table in [
            "organizations",
            "offices",
            "clients",
            "employments",
            "contacts",
            "concerns",
        ] {
            let sql = format!(
                "SELECT setval(pg_get_serial_sequence('{table}', 'id'), \
                 (SELECT COALESCE(MAX(id), 0) + 1 FROM {table}), false)"
            );
            sqlx::query(sqlx::AssertSqlSafe(sql)).execute(pool).await?;
        }
        sqlx::query("ANALYZE").execute(pool).await?;
    }
    Ok(())
}

/// The substring search the index replaced, for the benchmark's baseline: resolved
/// concerns the office may see whose note, resolution, heard or advice contain `text`,
/// newest first. Returns their categories.
pub async fn substring_baseline(
    db: &Db,
    office_id: i64,
    text: &str,
    limit: i64,
) -> Result<Vec<String>, sqlx::Error> {
    let pattern = format!(
        "%{}%",
        text.replace('\\', "\\\\")
            .replace('%', "\\%")
            .replace('_', "\\_")
    );
    on_db!(db, pool => sqlx::query_scalar(
        "SELECT k.category FROM concerns k
         JOIN contacts c ON c.id = k.contact_id
         JOIN offices o ON o.id = c.office_id
         WHERE k.resolved_at IS NOT NULL AND (c.office_id = $1 OR o.share_cases)
           AND (k.note LIKE $2 ESCAPE '\\' OR k.resolution LIKE $2 ESCAPE '\\'
                OR c.heard LIKE $2 ESCAPE '\\' OR c.advice LIKE $2 ESCAPE '\\')
         ORDER BY k.id DESC LIMIT $3")
        .bind(office_id).bind(&pattern).bind(limit).fetch_all(pool).await)
}

/// Cases the office may see in any of these categories (known codes only).
pub async fn count_visible_in(
    db: &Db,
    office_id: i64,
    categories: &[String],
) -> Result<i64, sqlx::Error> {
    let known: Vec<String> = categories
        .iter()
        .filter(|c| crate::domain::contact::CONCERN_CATEGORIES.contains(&c.as_str()))
        .map(|c| format!("'{c}'"))
        .collect();
    if known.is_empty() {
        return Ok(0);
    }
    let sql = format!(
        "SELECT COUNT(*) FROM cases cs JOIN offices o ON o.id = cs.office_id
         WHERE (cs.office_id = $1 OR o.share_cases) AND cs.category IN ({})",
        known.join(",")
    );
    on_db!(db, pool => sqlx::query_scalar(sqlx::AssertSqlSafe(sql)).bind(office_id).fetch_one(pool).await)
}
