//! Records kept for their period, then removed: the organisation's number of years, the
//! facts each client's service end is decided from (`domain::record_keeping`), and the
//! removal of a client's personal data in the caller's transaction.
use time::{Date, OffsetDateTime};

use crate::db::{Db, Tx};
use crate::domain::record_keeping::{
    RemovalCounts, ServiceFacts, japan_day, latest, month_last_day,
};
use crate::{on_db, on_tx};

/// The organisation's number of years records are kept after the service ends.
pub async fn years(db: &Db, organization_id: i64) -> Result<i64, sqlx::Error> {
    let years: Option<i64> = on_db!(db, pool => sqlx::query_scalar(
        "SELECT CAST(record_keeping_years AS BIGINT) FROM organizations WHERE id = $1")
        .bind(organization_id).fetch_optional(pool).await)?;
    Ok(years.unwrap_or(crate::domain::record_keeping::DEFAULT_YEARS))
}

pub async fn update_years(
    tx: &mut Tx,
    organization_id: i64,
    years: i64,
) -> Result<u64, sqlx::Error> {
    on_tx!(tx, c => sqlx::query("UPDATE organizations SET record_keeping_years = $2 WHERE id = $1")
        .bind(organization_id).bind(years)
        .execute(c).await.map(|r| r.rows_affected()))
}

/// A client with the facts of their service end, for the administrator's list.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ClientFacts {
    pub id: i64,
    pub name: String,
    pub kana: String,
    pub office_id: i64,
    pub office_name: String,
    pub created_at: OffsetDateTime,
    pub last_contract_end: Option<Date>,
    pub last_contact_at: Option<OffsetDateTime>,
    pub last_meeting_on: Option<Date>,
    pub last_report_month: Option<String>,
}

impl ClientFacts {
    /// The facts `domain::record_keeping::service_end` decides from.
    pub fn service_facts(&self) -> ServiceFacts {
        ServiceFacts {
            contract_ends: self.last_contract_end.into_iter().collect(),
            last_record: latest(&[
                self.last_contact_at.map(japan_day),
                self.last_meeting_on,
                self.last_report_month.as_deref().and_then(month_last_day),
            ]),
            registered_on: japan_day(self.created_at),
        }
    }
}

const FACTS: &str = "SELECT c.id, c.name, c.kana, o.id AS office_id, o.name AS office_name,
        c.created_at,
        (SELECT MAX(k.end_date) FROM contracts k WHERE k.client_id = c.id) AS last_contract_end,
        (SELECT MAX(t.occurred_at) FROM contacts t WHERE t.client_id = c.id) AS last_contact_at,
        (SELECT MAX(m.held_on) FROM regional_meetings m WHERE m.client_id = c.id) AS last_meeting_on,
        (SELECT MAX(r.month) FROM support_reports r WHERE r.client_id = c.id) AS last_report_month
     FROM clients c JOIN offices o ON o.id = c.office_id
     WHERE c.removed_at IS NULL";

/// Every client of the organisation not yet removed, with their facts, by office and ふりがな.
pub async fn list_facts(db: &Db, organization_id: i64) -> Result<Vec<ClientFacts>, sqlx::Error> {
    let sql = format!("{FACTS} AND o.organization_id = $1 ORDER BY o.name, c.kana, c.id");
    on_db!(db, pool => sqlx::query_as(sqlx::AssertSqlSafe(sql))
        .bind(organization_id).fetch_all(pool).await)
}

/// One client's facts (not removed yet).
pub async fn find_facts(db: &Db, client_id: i64) -> Result<Option<ClientFacts>, sqlx::Error> {
    let sql = format!("{FACTS} AND c.id = $1");
    on_db!(db, pool => sqlx::query_as(sqlx::AssertSqlSafe(sql))
        .bind(client_id).fetch_optional(pool).await)
}

/// One client's facts, read in the removal's transaction (not removed yet).
pub async fn find_facts_in(
    tx: &mut Tx,
    client_id: i64,
) -> Result<Option<ClientFacts>, sqlx::Error> {
    let sql = format!("{FACTS} AND c.id = $1");
    on_tx!(tx, conn => sqlx::query_as(sqlx::AssertSqlSafe(sql))
        .bind(client_id).fetch_optional(conn).await)
}

/// What a removal deletes, in order (children before the rows they reference), each with
/// `$1` the client's id. Resolved concerns stay (the office's past cases, shown without
/// names) with the contact they were raised in, whose words are blanked below.
const DELETES: &[(&str, &str)] = &[
    (
        "portal_tokens",
        "DELETE FROM portal_tokens WHERE client_account_id IN
             (SELECT id FROM client_accounts WHERE client_id = $1)",
    ),
    (
        "sessions",
        "DELETE FROM sessions WHERE client_account_id IN
             (SELECT id FROM client_accounts WHERE client_id = $1)",
    ),
    (
        "client_accounts",
        "DELETE FROM client_accounts WHERE client_id = $1",
    ),
    (
        "employer_observations",
        "DELETE FROM employer_observations WHERE client_id = $1",
    ),
    (
        "employer_links",
        "DELETE FROM employer_links WHERE client_id = $1",
    ),
    (
        "note_messages",
        "DELETE FROM note_messages WHERE client_id = $1",
    ),
    ("followups", "DELETE FROM followups WHERE client_id = $1"),
    ("handovers", "DELETE FROM handovers WHERE client_id = $1"),
    (
        "selfcheck_replies",
        "DELETE FROM selfcheck_replies WHERE entry_id IN
             (SELECT id FROM selfcheck_entries WHERE client_id = $1)",
    ),
    (
        "selfcheck_scores",
        "DELETE FROM selfcheck_scores WHERE entry_id IN
             (SELECT id FROM selfcheck_entries WHERE client_id = $1)",
    ),
    (
        "selfcheck_entries",
        "DELETE FROM selfcheck_entries WHERE client_id = $1",
    ),
    (
        "selfcheck_items",
        "DELETE FROM selfcheck_items WHERE client_id = $1",
    ),
    ("tasks", "DELETE FROM tasks WHERE client_id = $1"),
    (
        "report_shares",
        "DELETE FROM report_shares WHERE report_id IN
             (SELECT id FROM support_reports WHERE client_id = $1)",
    ),
    (
        "support_reports",
        "DELETE FROM support_reports WHERE client_id = $1",
    ),
    (
        "support_plans",
        "DELETE FROM support_plans WHERE client_id = $1",
    ),
    ("consents", "DELETE FROM consents WHERE client_id = $1"),
    (
        "concerns",
        "DELETE FROM concerns WHERE client_id = $1 AND resolved_at IS NULL",
    ),
    // Every version keeps the words of a contact: none stays, not even of a kept past case.
    (
        "contact_versions",
        "DELETE FROM contact_versions WHERE contact_id IN
             (SELECT id FROM contacts WHERE client_id = $1)",
    ),
    (
        "contacts",
        "DELETE FROM contacts WHERE client_id = $1
             AND NOT EXISTS (SELECT 1 FROM concerns k WHERE k.contact_id = contacts.id)",
    ),
    (
        "regional_meetings",
        "DELETE FROM regional_meetings WHERE client_id = $1",
    ),
    (
        "cap_result_offices",
        "DELETE FROM cap_result_offices WHERE cap_result_id IN
             (SELECT id FROM cap_results WHERE client_id = $1)",
    ),
    (
        "cap_results",
        "DELETE FROM cap_results WHERE client_id = $1",
    ),
    (
        "client_office_moves",
        "DELETE FROM client_office_moves WHERE client_id = $1",
    ),
    (
        "certificate_periods",
        "DELETE FROM certificate_periods WHERE certificate_id IN
             (SELECT id FROM certificates WHERE client_id = $1)",
    ),
    (
        "certificates",
        "DELETE FROM certificates WHERE client_id = $1",
    ),
    ("contracts", "DELETE FROM contracts WHERE client_id = $1"),
    (
        "employments",
        "DELETE FROM employments WHERE client_id = $1",
    ),
];

/// Takes the client for removal as the transaction's first statement, a write: it locks the
/// row (PostgreSQL) or the database (SQLite, before any read, so the transaction never has
/// to upgrade a stale read snapshot), so a concurrent second removal waits and then finds
/// the client removed (`None`). Returns the client's email, for `remove`.
pub async fn lock_for_removal(
    tx: &mut Tx,
    client_id: i64,
    now: OffsetDateTime,
) -> Result<Option<String>, sqlx::Error> {
    on_tx!(tx, c => sqlx::query_scalar(
        "UPDATE clients SET updated_at = $2 WHERE id = $1 AND removed_at IS NULL RETURNING email")
        .bind(client_id).bind(now).fetch_optional(c).await)
}

/// Removes the client's personal data, in the caller's transaction after
/// `lock_for_removal` (`email` is what it returned): the client row is anonymised and
/// marked removed, queued or sent emails to the client's addresses, portal accounts, links
/// and sessions, and every record under the client are deleted; the contacts that hold a
/// resolved concern (a past case) stay with their words blanked. Locked claims
/// (`claims.snapshot`) and the frozen 就労定着率 (`retention_frozen.evidence`) are not
/// touched: they stay as filed. Returns the rows per table.
pub async fn remove(
    tx: &mut Tx,
    client_id: i64,
    email: &str,
    now: OffsetDateTime,
) -> Result<Option<RemovalCounts>, sqlx::Error> {
    let mut counts = RemovalCounts::default();
    let outbox = on_tx!(tx, c => sqlx::query(
        "DELETE FROM email_outbox WHERE to_address <> ''
             AND (to_address = $2 OR to_address IN
                  (SELECT email FROM client_accounts WHERE client_id = $1))")
        .bind(client_id).bind(email)
        .execute(c).await.map(|r| r.rows_affected()))?;
    counts.add("email_outbox", outbox);
    for (table, sql) in DELETES {
        let n = on_tx!(tx, c => sqlx::query(*sql).bind(client_id)
            .execute(c).await.map(|r| r.rows_affected()))?;
        counts.add(table, n);
    }
    let blanked = on_tx!(tx, c => sqlx::query(
        "UPDATE contacts SET place = '', participants_note = '', heard = '', advice = '',
                shared_info = '', accommodations = '', next_contact_on = NULL, withdrawn_reason = '',
                updated_at = $2
         WHERE client_id = $1")
        .bind(client_id).bind(now)
        .execute(c).await.map(|r| r.rows_affected()))?;
    counts.add("contacts_anonymised", blanked);
    let kept = on_tx!(tx, c => sqlx::query_scalar::<_, i64>(
        "SELECT COUNT(*) FROM concerns WHERE client_id = $1")
        .bind(client_id).fetch_one(c).await)?;
    counts.add("concerns_kept", u64::try_from(kept).unwrap_or(0));
    let client = on_tx!(tx, c => sqlx::query(
        "UPDATE clients SET name = '', kana = '', birth_date = $3, phone = '', email = '',
                address = '', disability_categories = '', prior_service = 'none',
                prior_office_name = '', prior_office_integrated = FALSE, supporter_id = NULL,
                removed_at = $2, updated_at = $2
         WHERE id = $1 AND removed_at IS NULL")
        .bind(client_id).bind(now).bind(ANONYMOUS_BIRTH_DATE)
        .execute(c).await.map(|r| r.rows_affected()))?;
    if client == 0 {
        return Ok(None);
    }
    counts.add("clients_anonymised", client);
    Ok(Some(counts))
}

/// The birth date a removed client's row holds (the column is NOT NULL): a fixed day that
/// says nothing about the person.
pub const ANONYMOUS_BIRTH_DATE: Date = time::macros::date!(1900 - 01 - 01);
