//! 支援レポート (`support_reports`, one row per version) and their sharing (`report_shares`),
//! and the month's records a draft is written from (`contacts`, `concerns`, `tasks`).
//!
//! A final version is never updated: the writes below only touch rows whose status is
//! `draft`, and a correction inserts the next version. See `domain::report` for why
//! (../shared/domain.md §3: sharing the report monthly is a condition for the 基本報酬).
//!
//! For others: [`month_status`] says where a client's report stands for a month.
//!
//! The portal (issue 11) reads only final versions ([`latest_finals`], [`latest_final`])
//! and records an online confirmation as a share with who and when ([`insert_online_ack`]).
use time::{Date, OffsetDateTime};

use crate::db::{Db, Tx};
use crate::domain::month::YearMonth;
use crate::domain::report::{
    ConcernFact, ContactFact, ReportStatus, TaskFact, VersionStatus, status_of,
};
use crate::{on_db, on_tx};

/// One version of a month's report.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ReportRow {
    pub id: i64,
    pub client_id: i64,
    pub month: String,
    pub version: i64,
    pub status: String,
    pub body: String,
    pub correction_reason: String,
    pub finalised_at: Option<OffsetDateTime>,
    pub finalised_by: Option<i64>,
    /// Who finalised it (joined from `staff`), empty if not final or the account was removed.
    pub finalised_by_name: String,
    pub created_at: OffsetDateTime,
    pub updated_at: OffsetDateTime,
}

impl ReportRow {
    /// The state; anything but `draft` reads as final, so an unknown code is never editable.
    pub fn status(&self) -> VersionStatus {
        VersionStatus::parse(&self.status).unwrap_or(VersionStatus::Final)
    }
    pub fn is_final(&self) -> bool {
        self.status() == VersionStatus::Final
    }
}

/// One handing-over of a final version.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ShareRow {
    pub id: i64,
    pub report_id: i64,
    /// The version shared (joined from `support_reports`).
    pub version: i64,
    pub month: String,
    pub recipient_kind: String,
    pub recipient_name: String,
    pub consent_id: Option<i64>,
    pub shared_on: Date,
    pub method: String,
    pub acknowledged_on: Option<Date>,
    pub recorded_by: Option<i64>,
    pub recorded_by_name: String,
    pub created_at: OffsetDateTime,
    /// When the recipient confirmed it online (a portal share), to the second.
    pub acknowledged_at: Option<OffsetDateTime>,
    /// The client's portal account that confirmed it online.
    pub client_account_id: Option<i64>,
    /// The employer contact who confirmed it online.
    pub employer_contact_id: Option<i64>,
}

impl ShareRow {
    /// Recorded by the portal when the client or an employer contact confirmed it online.
    pub fn is_online(&self) -> bool {
        self.acknowledged_at.is_some()
            && (self.client_account_id.is_some() || self.employer_contact_id.is_some())
    }
}

/// Who confirmed a final version online in the portal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OnlineReader {
    /// The client (本人), by their portal account.
    Client { account_id: i64 },
    /// An employer contact, under the client's consent that allows sharing reports with them.
    Employer { contact_id: i64, consent_id: i64 },
}

/// A share to record.
#[derive(Debug, Clone)]
pub struct NewShare {
    pub recipient_kind: &'static str,
    pub recipient_name: String,
    pub consent_id: Option<i64>,
    pub shared_on: Date,
    pub method: String,
}

const SELECT_REPORT: &str = "SELECT r.id, r.client_id, r.month, r.version, r.status, r.body,
                                    r.correction_reason, r.finalised_at, r.finalised_by,
                                    COALESCE(s.display_name, '') AS finalised_by_name,
                                    r.created_at, r.updated_at
                             FROM support_reports r LEFT JOIN staff s ON s.id = r.finalised_by";

const SELECT_SHARE: &str = "SELECT h.id, h.report_id, r.version, r.month, h.recipient_kind,
                                   h.recipient_name, h.consent_id, h.shared_on, h.method,
                                   h.acknowledged_on, h.recorded_by,
                                   COALESCE(s.display_name, '') AS recorded_by_name, h.created_at,
                                   h.acknowledged_at, h.client_account_id, h.employer_contact_id
                            FROM report_shares h
                            JOIN support_reports r ON r.id = h.report_id
                            LEFT JOIN staff s ON s.id = h.recorded_by";

/// Every version of every month of the client, newest month first, newest version first.
pub async fn list_for_client(db: &Db, client_id: i64) -> Result<Vec<ReportRow>, sqlx::Error> {
    let sql =
        format!("{SELECT_REPORT} WHERE r.client_id = $1 ORDER BY r.month DESC, r.version DESC");
    on_db!(db, pool => sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(client_id).fetch_all(pool).await)
}

/// Every version of one month, newest first (the first is the latest).
pub async fn versions(
    db: &Db,
    client_id: i64,
    month: YearMonth,
) -> Result<Vec<ReportRow>, sqlx::Error> {
    let sql =
        format!("{SELECT_REPORT} WHERE r.client_id = $1 AND r.month = $2 ORDER BY r.version DESC");
    on_db!(db, pool => sqlx::query_as(sqlx::AssertSqlSafe(sql))
        .bind(client_id).bind(month.to_string()).fetch_all(pool).await)
}

/// Every share of the client's reports, newest first.
pub async fn shares_for_client(db: &Db, client_id: i64) -> Result<Vec<ShareRow>, sqlx::Error> {
    let sql = format!("{SELECT_SHARE} WHERE r.client_id = $1 ORDER BY h.shared_on DESC, h.id DESC");
    on_db!(db, pool => sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(client_id).fetch_all(pool).await)
}

/// The shares of one month's versions, newest first.
pub async fn shares(
    db: &Db,
    client_id: i64,
    month: YearMonth,
) -> Result<Vec<ShareRow>, sqlx::Error> {
    let sql = format!(
        "{SELECT_SHARE} WHERE r.client_id = $1 AND r.month = $2 ORDER BY h.shared_on DESC, h.id DESC"
    );
    on_db!(db, pool => sqlx::query_as(sqlx::AssertSqlSafe(sql))
        .bind(client_id).bind(month.to_string()).fetch_all(pool).await)
}

/// One share of one client's reports (`None` if the id belongs to another client).
pub async fn find_share(db: &Db, client_id: i64, id: i64) -> Result<Option<ShareRow>, sqlx::Error> {
    let sql = format!("{SELECT_SHARE} WHERE r.client_id = $1 AND h.id = $2");
    on_db!(db, pool => sqlx::query_as(sqlx::AssertSqlSafe(sql))
        .bind(client_id).bind(id).fetch_optional(pool).await)
}

/// Where the client's report for `month` stands: none, draft, final but not shared, shared
/// with the client, with others only, or with both (see `domain::report::ReportStatus`).
///
/// For the compliance view: the 基本報酬 of a month needs the report shared with the client
/// and the employer etc. (../shared/domain.md §3). Only shares of final versions count; a
/// correction being drafted does not undo an earlier share.
pub async fn month_status(
    db: &Db,
    client_id: i64,
    month: YearMonth,
) -> Result<ReportStatus, sqlx::Error> {
    let versions = versions(db, client_id, month).await?;
    let shares = shares(db, client_id, month).await?;
    Ok(status_from_rows(&versions, &shares))
}

/// The status from rows already loaded (the list page has every month's at hand).
pub fn status_from_rows(versions: &[ReportRow], shares: &[ShareRow]) -> ReportStatus {
    let statuses: Vec<VersionStatus> = versions.iter().map(ReportRow::status).collect();
    let kinds: Vec<&str> = shares
        .iter()
        .filter(|s| versions.iter().any(|v| v.id == s.report_id && v.is_final()))
        .map(|s| s.recipient_kind.as_str())
        .collect();
    status_of(&statuses, &kinds)
}

/// The first version of a month, as a draft. Fails with a unique violation if the month has
/// a report already (two people pressing 作成する at once).
pub async fn insert_first(
    tx: &mut Tx,
    client_id: i64,
    month: YearMonth,
    body: &str,
    now: OffsetDateTime,
) -> Result<i64, sqlx::Error> {
    on_tx!(tx, conn => sqlx::query_scalar(
        "INSERT INTO support_reports (client_id, month, version, status, body, created_at, updated_at)
         VALUES ($1, $2, 1, 'draft', $3, $4, $4) RETURNING id")
        .bind(client_id).bind(month.to_string()).bind(body).bind(now)
        .fetch_one(conn).await)
}

/// The next version of a final report: a draft with the body copied and the reason. Fails
/// with a unique violation if someone else started the correction first.
pub async fn insert_correction(
    tx: &mut Tx,
    from: &ReportRow,
    reason: &str,
    now: OffsetDateTime,
) -> Result<i64, sqlx::Error> {
    on_tx!(tx, conn => sqlx::query_scalar(
        "INSERT INTO support_reports (client_id, month, version, status, body, correction_reason,
                                      created_at, updated_at)
         VALUES ($1, $2, $3, 'draft', $4, $5, $6, $6) RETURNING id")
        .bind(from.client_id).bind(&from.month).bind(from.version + 1).bind(&from.body)
        .bind(reason).bind(now)
        .fetch_one(conn).await)
}

/// Changes a draft's body. Returns false (and changes nothing) if it is final.
pub async fn update_body(
    tx: &mut Tx,
    id: i64,
    body: &str,
    now: OffsetDateTime,
) -> Result<bool, sqlx::Error> {
    let n = on_tx!(tx, conn => sqlx::query(
        "UPDATE support_reports SET body = $2, updated_at = $3 WHERE id = $1 AND status = 'draft'")
        .bind(id).bind(body).bind(now)
        .execute(conn).await.map(|r| r.rows_affected()))?;
    Ok(n == 1)
}

/// Makes a draft final. Returns false if it was final already.
pub async fn finalise(
    tx: &mut Tx,
    id: i64,
    by: i64,
    now: OffsetDateTime,
) -> Result<bool, sqlx::Error> {
    let n = on_tx!(tx, conn => sqlx::query(
        "UPDATE support_reports SET status = 'final', finalised_at = $2, finalised_by = $3,
                updated_at = $2
         WHERE id = $1 AND status = 'draft'")
        .bind(id).bind(now).bind(by)
        .execute(conn).await.map(|r| r.rows_affected()))?;
    Ok(n == 1)
}

/// Records a share of a final version. The caller has checked consent for anyone but the
/// client (`domain::consent::check`).
pub async fn insert_share(
    tx: &mut Tx,
    report_id: i64,
    s: &NewShare,
    by: i64,
    now: OffsetDateTime,
) -> Result<i64, sqlx::Error> {
    on_tx!(tx, conn => sqlx::query_scalar(
        "INSERT INTO report_shares (report_id, recipient_kind, recipient_name, consent_id,
                                    shared_on, method, recorded_by, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id")
        .bind(report_id).bind(s.recipient_kind).bind(&s.recipient_name).bind(s.consent_id)
        .bind(s.shared_on).bind(&s.method).bind(by).bind(now)
        .fetch_one(conn).await)
}

/// Records that the recipient confirmed the report (確認). Returns false if it was recorded
/// already: the first confirmation stands.
pub async fn acknowledge(tx: &mut Tx, share_id: i64, on: Date) -> Result<bool, sqlx::Error> {
    let n = on_tx!(tx, conn => sqlx::query(
        "UPDATE report_shares SET acknowledged_on = $2 WHERE id = $1 AND acknowledged_on IS NULL")
        .bind(share_id).bind(on)
        .execute(conn).await.map(|r| r.rows_affected()))?;
    Ok(n == 1)
}

/// The latest final version of each month of the client, newest month first: what the
/// client and an employer contact may read (a draft never is). A month whose only version
/// is a draft is left out.
pub async fn latest_finals(db: &Db, client_id: i64) -> Result<Vec<ReportRow>, sqlx::Error> {
    let rows = list_for_client(db, client_id).await?;
    let mut out: Vec<ReportRow> = Vec::new();
    // Newest version first within a month: the first final one met is the latest final.
    for r in rows {
        if r.is_final() && !out.iter().any(|x| x.month == r.month) {
            out.push(r);
        }
    }
    Ok(out)
}

/// The latest final version of the month, if there is one.
pub async fn latest_final(
    db: &Db,
    client_id: i64,
    month: YearMonth,
) -> Result<Option<ReportRow>, sqlx::Error> {
    Ok(versions(db, client_id, month)
        .await?
        .into_iter()
        .find(ReportRow::is_final))
}

/// Records a share of a final version confirmed online in the portal: method `portal`,
/// shared and confirmed on `today` (Japan date), at `now`, by `reader`, with no staff
/// member. A client's share counts for the month as one recorded by staff does (the month
/// view and the claim read every share to the client). Returns `None`, writing nothing, if
/// this person had already confirmed this version (the first confirmation stands).
pub async fn insert_online_ack(
    tx: &mut Tx,
    report_id: i64,
    reader: OnlineReader,
    recipient_name: &str,
    now: OffsetDateTime,
    today: Date,
) -> Result<Option<i64>, sqlx::Error> {
    let (kind, consent_id, account, contact, target) = match reader {
        OnlineReader::Client { account_id } => (
            "client",
            None,
            Some(account_id),
            None,
            "(report_id, client_account_id)",
        ),
        OnlineReader::Employer {
            contact_id,
            consent_id,
        } => (
            "employer",
            Some(consent_id),
            None,
            Some(contact_id),
            "(report_id, employer_contact_id)",
        ),
    };
    let sql = format!(
        "INSERT INTO report_shares (report_id, recipient_kind, recipient_name, consent_id,
                                    shared_on, method, acknowledged_on, acknowledged_at,
                                    client_account_id, employer_contact_id, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $5, $7, $8, $9, $7)
         ON CONFLICT {target} DO NOTHING RETURNING id"
    );
    on_tx!(tx, conn => sqlx::query_scalar(sqlx::AssertSqlSafe(sql))
        .bind(report_id).bind(kind).bind(recipient_name).bind(consent_id)
        .bind(today).bind(crate::domain::report::PORTAL_METHOD).bind(now)
        .bind(account).bind(contact)
        .fetch_optional(conn).await)
}

/// The month's contacts (Japan time, `month.utc_range()`), oldest first.
pub async fn month_contacts(
    db: &Db,
    client_id: i64,
    month: YearMonth,
) -> Result<Vec<ContactFact>, sqlx::Error> {
    let (from, until) = month.utc_range();
    let rows: Vec<ContactRow> = on_db!(db, pool => sqlx::query_as(
        "SELECT id, occurred_at, mode, heard, advice, shared_info, accommodations, next_contact_on
         FROM contacts WHERE client_id = $1 AND occurred_at >= $2 AND occurred_at < $3
           AND status = 'final'
         ORDER BY occurred_at, id")
        .bind(client_id).bind(from).bind(until).fetch_all(pool).await)?;
    Ok(rows.into_iter().map(ContactRow::fact).collect())
}

/// The concerns raised in the month's contacts, in the order they were raised.
pub async fn month_concerns(
    db: &Db,
    client_id: i64,
    month: YearMonth,
) -> Result<Vec<ConcernFact>, sqlx::Error> {
    let (from, until) = month.utc_range();
    let rows: Vec<ConcernRow> = on_db!(db, pool => sqlx::query_as(
        "SELECT c.category, c.severity, c.note, c.resolved_at, c.resolution
         FROM concerns c JOIN contacts k ON k.id = c.contact_id
         WHERE k.client_id = $1 AND k.occurred_at >= $2 AND k.occurred_at < $3
           AND k.status = 'final'
         ORDER BY k.occurred_at, c.id")
        .bind(client_id).bind(from).bind(until).fetch_all(pool).await)?;
    Ok(rows.into_iter().map(ConcernRow::fact).collect())
}

/// The actions agreed in the month's contacts, in the order they were agreed.
pub async fn month_tasks(
    db: &Db,
    client_id: i64,
    month: YearMonth,
) -> Result<Vec<TaskFact>, sqlx::Error> {
    let (from, until) = month.utc_range();
    let rows: Vec<TaskRow> = on_db!(db, pool => sqlx::query_as(
        "SELECT t.description, t.due_on, t.done_at
         FROM tasks t JOIN contacts k ON k.id = t.contact_id
         WHERE t.client_id = $1 AND k.occurred_at >= $2 AND k.occurred_at < $3
           AND k.status = 'final'
         ORDER BY k.occurred_at, t.id")
        .bind(client_id).bind(from).bind(until).fetch_all(pool).await)?;
    Ok(rows.into_iter().map(TaskRow::fact).collect())
}

#[derive(sqlx::FromRow)]
struct ContactRow {
    id: i64,
    occurred_at: OffsetDateTime,
    mode: String,
    heard: String,
    advice: String,
    shared_info: String,
    accommodations: String,
    next_contact_on: Option<Date>,
}

impl ContactRow {
    fn fact(self) -> ContactFact {
        ContactFact {
            id: self.id,
            occurred_at: self.occurred_at,
            mode: self.mode,
            heard: self.heard,
            advice: self.advice,
            shared_info: self.shared_info,
            accommodations: self.accommodations,
            next_contact_on: self.next_contact_on,
        }
    }
}

#[derive(sqlx::FromRow)]
struct ConcernRow {
    category: String,
    severity: i64,
    note: String,
    resolved_at: Option<OffsetDateTime>,
    resolution: String,
}

impl ConcernRow {
    fn fact(self) -> ConcernFact {
        ConcernFact {
            category: self.category,
            severity: self.severity,
            note: self.note,
            resolved_at: self.resolved_at,
            resolution: self.resolution,
        }
    }
}

#[derive(sqlx::FromRow)]
struct TaskRow {
    description: String,
    due_on: Date,
    done_at: Option<OffsetDateTime>,
}

impl TaskRow {
    fn fact(self) -> TaskFact {
        TaskFact {
            description: self.description,
            due_on: self.due_on,
            done_at: self.done_at,
        }
    }
}
