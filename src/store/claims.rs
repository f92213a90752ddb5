//! Claims: the master data (加算・減算, unit prices, service codes), an office's 体制 settings,
//! filed 就労定着率, 地域連携会議, 上限額管理結果, locked claims, and the facts a month's claim
//! needs for one office or for all of them at once (one query per kind of fact).
//!
//! `office` filters: `Some(id)` for one office, `None` for every office (the benchmark and a
//! whole-organisation run).
use time::{Date, OffsetDateTime};

use super::client_month::Gathered;
use crate::db::{Db, Tx};
use crate::{on_db, on_tx};

// ---------------------------------------------------------------- master data

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct MasterRow {
    pub id: i64,
    pub item: String,
    pub valid_from: Date,
    pub valid_to: Option<Date>,
    pub units: Option<i64>,
    pub percent: Option<i64>,
    pub service_code: String,
    pub source: String,
    pub confirmed: bool,
    pub note: String,
    /// A sample (見本) entered for the demo: never to be sent.
    pub sample: bool,
}

/// Every master row, by item then newest first.
pub async fn master_rows(db: &Db) -> Result<Vec<MasterRow>, sqlx::Error> {
    on_db!(db, pool => sqlx::query_as(
        "SELECT id, item, valid_from, valid_to, units, percent, service_code, source, confirmed, note,
                sample
         FROM claim_master ORDER BY item, valid_from DESC, id DESC")
        .fetch_all(pool).await)
}

/// The rows in force on `on`: the newest per item.
pub async fn master_on(db: &Db, on: Date) -> Result<Vec<MasterRow>, sqlx::Error> {
    let rows: Vec<MasterRow> = on_db!(db, pool => sqlx::query_as(
        "SELECT id, item, valid_from, valid_to, units, percent, service_code, source, confirmed, note,
                sample
         FROM claim_master WHERE valid_from <= $1 AND (valid_to IS NULL OR valid_to >= $1)
         ORDER BY item, valid_from DESC, id DESC")
        .bind(on).fetch_all(pool).await)?;
    let mut newest: Vec<MasterRow> = Vec::new();
    for r in rows {
        if newest.last().is_none_or(|l| l.item != r.item) {
            newest.push(r);
        }
    }
    Ok(newest)
}

pub struct MasterInput<'a> {
    pub item: &'a str,
    pub valid_from: Date,
    pub valid_to: Option<Date>,
    pub units: Option<i64>,
    pub percent: Option<i64>,
    pub service_code: &'a str,
    pub source: &'a str,
    pub confirmed: bool,
    pub note: &'a str,
    pub sample: bool,
}

/// A new version of an item. The version it follows ends the day before (if it was open).
/// A version from the same day as the open one replaces it (the same row, so there are
/// never two open rows for an item; the audit row keeps what it was).
pub async fn insert_master(
    tx: &mut Tx,
    m: &MasterInput<'_>,
    by: Option<i64>,
    now: OffsetDateTime,
) -> Result<i64, sqlx::Error> {
    let replaced: Option<i64> = on_tx!(tx, conn => sqlx::query_scalar(
        "UPDATE claim_master SET valid_to = $3, units = $4, percent = $5, service_code = $6,
                source = $7, confirmed = $8, note = $9, sample = $10, updated_by = $11,
                updated_at = $12
         WHERE item = $1 AND valid_from = $2 AND valid_to IS NULL RETURNING id")
        .bind(m.item).bind(m.valid_from).bind(m.valid_to).bind(m.units).bind(m.percent)
        .bind(m.service_code).bind(m.source).bind(m.confirmed).bind(m.note).bind(m.sample)
        .bind(by).bind(now)
        .fetch_optional(&mut *conn).await)?;
    if let Some(id) = replaced {
        return Ok(id);
    }
    let before = m.valid_from.previous_day().unwrap_or(m.valid_from);
    on_tx!(tx, conn => sqlx::query(
        "UPDATE claim_master SET valid_to = $1
         WHERE item = $2 AND valid_to IS NULL AND valid_from < $3")
        .bind(before).bind(m.item).bind(m.valid_from).execute(&mut *conn).await.map(|_| ()))?;
    on_tx!(tx, conn => sqlx::query_scalar(
        "INSERT INTO claim_master (item, valid_from, valid_to, units, percent, service_code, source,
                                   confirmed, note, sample, updated_by, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id")
        .bind(m.item).bind(m.valid_from).bind(m.valid_to).bind(m.units).bind(m.percent)
        .bind(m.service_code).bind(m.source).bind(m.confirmed).bind(m.note).bind(m.sample)
        .bind(by).bind(now)
        .fetch_one(&mut *conn).await)
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct PriceRow {
    pub id: i64,
    pub area_grade: String,
    pub valid_from: Date,
    pub valid_to: Option<Date>,
    pub hundredths: i64,
    pub source: String,
    pub confirmed: bool,
    pub note: String,
}

pub async fn price_rows(db: &Db) -> Result<Vec<PriceRow>, sqlx::Error> {
    on_db!(db, pool => sqlx::query_as(
        "SELECT id, area_grade, valid_from, valid_to, hundredths, source, confirmed, note
         FROM unit_prices ORDER BY area_grade, valid_from DESC, id DESC")
        .fetch_all(pool).await)
}

/// The unit price of each grade in force on `on`.
pub async fn prices_on(db: &Db, on: Date) -> Result<Vec<PriceRow>, sqlx::Error> {
    let rows: Vec<PriceRow> = on_db!(db, pool => sqlx::query_as(
        "SELECT id, area_grade, valid_from, valid_to, hundredths, source, confirmed, note
         FROM unit_prices WHERE valid_from <= $1 AND (valid_to IS NULL OR valid_to >= $1)
         ORDER BY area_grade, valid_from DESC, id DESC")
        .bind(on).fetch_all(pool).await)?;
    let mut newest: Vec<PriceRow> = Vec::new();
    for r in rows {
        if newest.last().is_none_or(|l| l.area_grade != r.area_grade) {
            newest.push(r);
        }
    }
    Ok(newest)
}

pub struct PriceInput<'a> {
    pub area_grade: &'a str,
    pub valid_from: Date,
    pub hundredths: i64,
    pub source: &'a str,
    pub confirmed: bool,
    pub note: &'a str,
}

pub async fn insert_price(
    tx: &mut Tx,
    p: &PriceInput<'_>,
    by: i64,
    now: OffsetDateTime,
) -> Result<i64, sqlx::Error> {
    // As for the items: the same start day as the open price replaces it.
    let replaced: Option<i64> = on_tx!(tx, conn => sqlx::query_scalar(
        "UPDATE unit_prices SET hundredths = $3, source = $4, confirmed = $5, note = $6,
                updated_by = $7, updated_at = $8
         WHERE area_grade = $1 AND valid_from = $2 AND valid_to IS NULL RETURNING id")
        .bind(p.area_grade).bind(p.valid_from).bind(p.hundredths).bind(p.source)
        .bind(p.confirmed).bind(p.note).bind(by).bind(now)
        .fetch_optional(&mut *conn).await)?;
    if let Some(id) = replaced {
        return Ok(id);
    }
    let before = p.valid_from.previous_day().unwrap_or(p.valid_from);
    on_tx!(tx, conn => sqlx::query(
        "UPDATE unit_prices SET valid_to = $1
         WHERE area_grade = $2 AND valid_to IS NULL AND valid_from < $3")
        .bind(before).bind(p.area_grade).bind(p.valid_from).execute(&mut *conn).await.map(|_| ()))?;
    on_tx!(tx, conn => sqlx::query_scalar(
        "INSERT INTO unit_prices (area_grade, valid_from, hundredths, source, confirmed, note,
                                  updated_by, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id")
        .bind(p.area_grade).bind(p.valid_from).bind(p.hundredths).bind(p.source)
        .bind(p.confirmed).bind(p.note).bind(by).bind(now)
        .fetch_one(&mut *conn).await)
}

// ---------------------------------------------------------------- office settings

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct OfficeSetting {
    pub id: i64,
    pub office_id: i64,
    pub item: String,
    pub valid_from: Date,
    pub valid_to: Option<Date>,
    pub note: String,
}

pub async fn office_settings(db: &Db, office: i64) -> Result<Vec<OfficeSetting>, sqlx::Error> {
    on_db!(db, pool => sqlx::query_as(
        "SELECT id, office_id, item, valid_from, valid_to, note FROM office_claim_settings
         WHERE office_id = $1 ORDER BY valid_from DESC, id DESC")
        .bind(office).fetch_all(pool).await)
}

scoped! {
    /// Settings in force on some day of `$3..=$2`.
    pub const SETTINGS_IN = "SELECT id, office_id, item, valid_from, valid_to, note FROM office_claim_settings
         WHERE ", office: "office_id = $1", " AND valid_from <= $2 AND (valid_to IS NULL OR valid_to >= $3)";
}

/// Settings in force on some day of `first..=last`.
pub async fn settings_in(
    db: &Db,
    office: Option<i64>,
    first: Date,
    last: Date,
) -> Result<Vec<OfficeSetting>, sqlx::Error> {
    on_db!(db, pool => sqlx::query_as(SETTINGS_IN.text(office))
        .bind(office).bind(last).bind(first).fetch_all(pool).await)
}

#[allow(clippy::too_many_arguments)]
pub async fn insert_setting(
    tx: &mut Tx,
    office: i64,
    item: &str,
    valid_from: Date,
    valid_to: Option<Date>,
    note: &str,
    by: i64,
    now: OffsetDateTime,
) -> Result<i64, sqlx::Error> {
    on_tx!(tx, conn => sqlx::query_scalar(
        "INSERT INTO office_claim_settings (office_id, item, valid_from, valid_to, note, created_by, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id")
        .bind(office).bind(item).bind(valid_from).bind(valid_to).bind(note).bind(by).bind(now)
        .fetch_one(&mut *conn).await)
}

/// Ends a setting on `on` (it stays on file as evidence).
pub async fn end_setting(tx: &mut Tx, office: i64, id: i64, on: Date) -> Result<bool, sqlx::Error> {
    on_tx!(tx, conn => sqlx::query(
        "UPDATE office_claim_settings SET valid_to = $1 WHERE id = $2 AND office_id = $3")
        .bind(on).bind(id).bind(office).execute(&mut *conn).await.map(|r| r.rows_affected() == 1))
}

pub async fn set_area_grade(tx: &mut Tx, office: i64, grade: &str) -> Result<(), sqlx::Error> {
    on_tx!(tx, conn => sqlx::query("UPDATE offices SET area_grade = $1 WHERE id = $2")
        .bind(grade).bind(office).execute(&mut *conn).await.map(|_| ()))
}

// ---------------------------------------------------------------- 就労定着率

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Filing {
    pub office_id: i64,
    pub fiscal_year: i64,
    pub retained: i64,
    pub served: i64,
    pub note: String,
    pub filed_at: OffsetDateTime,
}

scoped! {
    pub const FILINGS = "SELECT office_id, fiscal_year, retained, served, note, filed_at FROM retention_filings
         WHERE ", office: "office_id = $1", " AND fiscal_year = $2";
}

pub async fn filings(db: &Db, office: Option<i64>, fy: i32) -> Result<Vec<Filing>, sqlx::Error> {
    on_db!(db, pool => sqlx::query_as(FILINGS.text(office))
        .bind(office).bind(i64::from(fy)).fetch_all(pool).await)
}

/// Records (or replaces) the rate filed for a fiscal year.
#[allow(clippy::too_many_arguments)]
pub async fn file_rate(
    tx: &mut Tx,
    office: i64,
    fy: i32,
    retained: i64,
    served: i64,
    note: &str,
    by: i64,
    now: OffsetDateTime,
) -> Result<(), sqlx::Error> {
    on_tx!(tx, conn => sqlx::query(
        "DELETE FROM retention_filings WHERE office_id = $1 AND fiscal_year = $2")
        .bind(office).bind(i64::from(fy)).execute(&mut *conn).await.map(|_| ()))?;
    on_tx!(tx, conn => sqlx::query(
        "INSERT INTO retention_filings (office_id, fiscal_year, retained, served, note, filed_by, filed_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)")
        .bind(office).bind(i64::from(fy)).bind(retained).bind(served).bind(note).bind(by).bind(now)
        .execute(&mut *conn).await.map(|_| ()))
}

/// A client served by an office in the rate's 3 fiscal years (a contract overlapping them).
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ServedRow {
    pub office_id: i64,
    pub client_id: i64,
    pub name: String,
}

scoped! {
    pub const SERVED_BETWEEN = "SELECT DISTINCT k.office_id, k.client_id, c.name
         FROM contracts k JOIN clients c ON c.id = k.client_id
         WHERE ", office: "k.office_id = $1", " AND k.start_date <= $2 AND k.end_date >= $3
         ORDER BY k.office_id, c.name, k.client_id";
}

pub async fn served_between(
    db: &Db,
    office: Option<i64>,
    from: Date,
    to: Date,
) -> Result<Vec<ServedRow>, sqlx::Error> {
    on_db!(db, pool => sqlx::query_as(SERVED_BETWEEN.text(office))
        .bind(office).bind(to).bind(from).fetch_all(pool).await)
}

/// One job of a client, as the 就労定着率 reads it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct JobRow {
    pub client_id: i64,
    pub hire_date: Date,
    pub end_date: Option<Date>,
    pub end_reason: String,
    pub ordinary_employment: bool,
}

scoped! {
    /// Every job of the clients who have a contract with the office(s).
    pub const JOBS = "SELECT e.client_id, e.hire_date, e.end_date, e.end_reason, e.ordinary_employment
         FROM employments e
         WHERE e.client_id IN (SELECT k.client_id FROM contracts k WHERE ", office: "k.office_id = $1", ")";
}

/// Every job of the clients who have a contract with the office(s).
pub async fn jobs(db: &Db, office: Option<i64>) -> Result<Vec<JobRow>, sqlx::Error> {
    on_db!(db, pool => sqlx::query_as(JOBS.text(office))
        .bind(office).fetch_all(pool).await)
}

scoped! {
    /// The first day of service under any contract, per office.
    pub const FIRST_CONTRACTS = "SELECT office_id, MIN(start_date) FROM contracts
         WHERE ", office: "office_id = $1", " GROUP BY office_id";
}

/// The first day of service under any contract, per office: how far its history goes back.
pub async fn first_contracts(
    db: &Db,
    office: Option<i64>,
) -> Result<Vec<(i64, Date)>, sqlx::Error> {
    on_db!(db, pool => sqlx::query_as(FIRST_CONTRACTS.text(office))
        .bind(office).fetch_all(pool).await)
}

// ---------------------------------------------------------------- month facts

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct OfficeRow {
    pub id: i64,
    pub name: String,
    pub office_number: Option<String>,
    pub area_grade: String,
}

scoped! {
    pub const OFFICES = "SELECT id, name, office_number, area_grade FROM offices
         WHERE ", office: "id = $1", " ORDER BY id";
}

pub async fn offices(db: &Db, office: Option<i64>) -> Result<Vec<OfficeRow>, sqlx::Error> {
    on_db!(db, pool => sqlx::query_as(OFFICES.text(office))
        .bind(office).fetch_all(pool).await)
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ClientRow {
    pub id: i64,
    pub office_id: i64,
    pub name: String,
    pub kana: String,
    pub birth_date: Date,
    pub prior_office_integrated: bool,
    pub prior_service: String,
    pub hire_date: Option<Date>,
    pub return_to_work_date: Option<Date>,
    pub ordinary_employment: Option<bool>,
}

/// A certificate with a 支給決定 period overlapping the month.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct CertificateRow {
    pub client_id: i64,
    pub certificate_id: i64,
    pub number: String,
    pub municipality_code: String,
    pub municipality_name: String,
    pub monthly_cap_yen: i64,
    pub cap_manager_office: String,
    pub start_date: Date,
    pub end_date: Date,
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct CapResultRow {
    pub id: i64,
    pub client_id: i64,
    pub office_id: i64,
    pub result: i64,
    pub amount_yen: i64,
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct CapOfficeRow {
    pub cap_result_id: i64,
    pub office_number: String,
    pub office_name: String,
    pub total_cost_yen: i64,
    pub charge_yen: i64,
    pub decided_yen: i64,
}

/// Everything a month's claim reads, for one office or all.
#[derive(Debug, Default)]
pub struct MonthRows {
    pub clients: Vec<ClientRow>,
    pub certificates: Vec<CertificateRow>,
    /// Contracts, the month's contacts, hand-overs and the report: the queries the month
    /// view runs too.
    pub shared: Gathered,
    /// (client, office, day, kind) of 地域連携会議 from the fiscal year's start to the month's end.
    pub meetings: Vec<(i64, i64, Date, String)>,
    pub cap_results: Vec<CapResultRow>,
    pub cap_offices: Vec<CapOfficeRow>,
}

scoped! {
    /// The clients of the office today and those who moved away from it, with their first job.
    pub const MONTH_CLIENTS = "SELECT c.id, c.office_id, c.name, c.kana, c.birth_date, c.prior_office_integrated,
                c.prior_service, e.hire_date, e.return_to_work_date, e.ordinary_employment
         FROM clients c
         LEFT JOIN employments e ON e.id = (
             SELECT e2.id FROM employments e2 WHERE e2.client_id = c.id ORDER BY e2.hire_date, e2.id LIMIT 1)
         WHERE c.removed_at IS NULL AND ",
        // The office's clients and those who moved away from it as one set: with `OR`
        // PostgreSQL read every client (56 ms at 1,500 offices).
        office: "c.id IN (SELECT c2.id FROM clients c2 WHERE c2.office_id = $1
                          UNION SELECT m.client_id FROM client_office_moves m WHERE m.from_office_id = $1)",
        " ORDER BY c.office_id, c.kana, c.id";
}

scoped! {
    /// Certificates with a 支給決定 period overlapping `$3..=$2`.
    pub const MONTH_CERTIFICATES = "SELECT c.client_id, c.id AS certificate_id, c.number, c.municipality_code, c.municipality_name,
                c.monthly_cap_yen, c.cap_manager_office, p.start_date, p.end_date
         FROM certificate_periods p JOIN certificates c ON c.id = p.certificate_id
         JOIN clients cl ON cl.id = c.client_id
         WHERE ",
        // As in MONTH_CLIENTS: one set, not `OR` (PostgreSQL read every certificate, 53 ms).
        office: "c.client_id IN (SELECT c2.id FROM clients c2 WHERE c2.office_id = $1
                                 UNION SELECT m.client_id FROM client_office_moves m WHERE m.from_office_id = $1)",
        " AND p.start_date <= $2 AND p.end_date >= $3
         ORDER BY c.client_id, p.start_date DESC, c.id DESC";
}

scoped! {
    pub const MONTH_MEETINGS = "SELECT client_id, office_id, held_on, kind FROM regional_meetings
         WHERE ", office: "office_id = $1", " AND held_on >= $2 AND held_on <= $3";
}

scoped! {
    pub const MONTH_CAP_RESULTS = "SELECT id, client_id, office_id, result, amount_yen FROM cap_results
         WHERE ", office: "office_id = $1", " AND month = $2";
}

scoped! {
    pub const MONTH_CAP_OFFICES = "SELECT o.cap_result_id, o.office_number, o.office_name, o.total_cost_yen, o.charge_yen, o.decided_yen
         FROM cap_result_offices o JOIN cap_results r ON r.id = o.cap_result_id
         WHERE ", office: "r.office_id = $1", " AND r.month = $2 ORDER BY o.id";
}

/// The month `first..=last` (`month` = YYYY-MM); contacts between the instants `from..until`
/// (the month in Japan time); meetings from `year_first` (the fiscal year's first day).
#[allow(clippy::too_many_arguments)]
pub async fn month_rows(
    db: &Db,
    office: Option<i64>,
    month: &str,
    first: Date,
    last: Date,
    from: OffsetDateTime,
    until: OffsetDateTime,
    year_first: Date,
) -> Result<MonthRows, sqlx::Error> {
    let clients = async {
        on_db!(db, pool => sqlx::query_as(MONTH_CLIENTS.text(office))
        .bind(office).fetch_all(pool).await)
    };
    let certificates = async {
        on_db!(db, pool => sqlx::query_as(MONTH_CERTIFICATES.text(office))
        .bind(office).bind(last).bind(first).fetch_all(pool).await)
    };
    let shared = super::client_month::gather(db, office, month, last, from, until);
    let meetings = async {
        on_db!(db, pool => sqlx::query_as(MONTH_MEETINGS.text(office))
        .bind(office).bind(year_first).bind(last).fetch_all(pool).await)
    };
    let cap_results = async {
        on_db!(db, pool => sqlx::query_as(MONTH_CAP_RESULTS.text(office))
        .bind(office).bind(month).fetch_all(pool).await)
    };
    let cap_offices = async {
        on_db!(db, pool => sqlx::query_as(MONTH_CAP_OFFICES.text(office))
        .bind(office).bind(month).fetch_all(pool).await)
    };
    // The queries are independent: run them together on the pool's connections.
    let (clients, certificates, shared, meetings, cap_results, cap_offices) = tokio::try_join!(
        clients,
        certificates,
        shared,
        meetings,
        cap_results,
        cap_offices
    )?;
    Ok(MonthRows {
        clients,
        certificates,
        shared,
        meetings,
        cap_results,
        cap_offices,
    })
}

// ---------------------------------------------------------------- records

#[allow(clippy::too_many_arguments)]
pub async fn insert_meeting(
    tx: &mut Tx,
    client: i64,
    office: i64,
    held_on: Date,
    kind: &str,
    agencies: &str,
    summary: &str,
    by: i64,
    now: OffsetDateTime,
) -> Result<i64, sqlx::Error> {
    on_tx!(tx, conn => sqlx::query_scalar(
        "INSERT INTO regional_meetings (client_id, office_id, held_on, kind, agencies, summary, staff_id, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id")
        .bind(client).bind(office).bind(held_on).bind(kind).bind(agencies).bind(summary).bind(by).bind(now)
        .fetch_one(&mut *conn).await)
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct MeetingRow {
    pub id: i64,
    pub held_on: Date,
    pub kind: String,
    pub agencies: String,
    pub summary: String,
}

pub async fn meetings_for_client(db: &Db, client: i64) -> Result<Vec<MeetingRow>, sqlx::Error> {
    on_db!(db, pool => sqlx::query_as(
        "SELECT id, held_on, kind, agencies, summary FROM regional_meetings
         WHERE client_id = $1 ORDER BY held_on DESC, id DESC")
        .bind(client).fetch_all(pool).await)
}

/// (office number, name, total cost, charge, decided) of another office in a managed cap.
pub type CapOffice = (String, String, i64, i64, i64);

/// Records (or replaces) the month's 上限額管理結果 for a client.
#[allow(clippy::too_many_arguments)]
pub async fn save_cap_result(
    tx: &mut Tx,
    client: i64,
    office: i64,
    month: &str,
    result: i64,
    amount_yen: i64,
    others: &[CapOffice],
    by: i64,
    now: OffsetDateTime,
) -> Result<i64, sqlx::Error> {
    on_tx!(tx, conn => sqlx::query(
        "DELETE FROM cap_results WHERE client_id = $1 AND office_id = $2 AND month = $3")
        .bind(client).bind(office).bind(month).execute(&mut *conn).await.map(|_| ()))?;
    let id: i64 = on_tx!(tx, conn => sqlx::query_scalar(
        "INSERT INTO cap_results (client_id, office_id, month, result, amount_yen, recorded_by, recorded_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id")
        .bind(client).bind(office).bind(month).bind(result).bind(amount_yen).bind(by).bind(now)
        .fetch_one(&mut *conn).await)?;
    for (number, name, total, charge, decided) in others {
        on_tx!(tx, conn => sqlx::query(
            "INSERT INTO cap_result_offices (cap_result_id, office_number, office_name, total_cost_yen, charge_yen, decided_yen)
             VALUES ($1, $2, $3, $4, $5, $6)")
            .bind(id).bind(number).bind(name).bind(total).bind(charge).bind(decided)
            .execute(&mut *conn).await.map(|_| ()))?;
    }
    Ok(id)
}

// ---------------------------------------------------------------- locked claims

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct LockedClaim {
    pub id: i64,
    pub office_id: i64,
    pub month: String,
    pub version: i64,
    pub reason: String,
    pub processing_month: String,
    pub snapshot: String,
    pub clients: i64,
    pub total_units: i64,
    pub total_cost_yen: i64,
    pub user_charge_yen: i64,
    pub claimed_yen: i64,
    pub locked_by_name: Option<String>,
    pub locked_at: OffsetDateTime,
}

/// Every locked version of the office's month, newest first.
pub async fn versions(db: &Db, office: i64, month: &str) -> Result<Vec<LockedClaim>, sqlx::Error> {
    on_db!(db, pool => sqlx::query_as(
        "SELECT k.id, k.office_id, k.month, k.version, k.reason, k.processing_month, k.snapshot,
                k.clients, k.total_units, k.total_cost_yen, k.user_charge_yen, k.claimed_yen,
                s.display_name AS locked_by_name, k.locked_at
         FROM claims k LEFT JOIN staff s ON s.id = k.locked_by
         WHERE k.office_id = $1 AND k.month = $2 ORDER BY k.version DESC")
        .bind(office).bind(month).fetch_all(pool).await)
}

pub struct NewClaim<'a> {
    pub office: i64,
    pub month: &'a str,
    pub reason: &'a str,
    pub processing_month: &'a str,
    pub snapshot: &'a str,
    pub clients: i64,
    pub total_units: i64,
    pub total_cost_yen: i64,
    pub user_charge_yen: i64,
    pub claimed_yen: i64,
}

/// Locks the month as the next version. Returns the version, or `None` when `expected`
/// (the version the user saw) is no longer the newest: someone else locked meanwhile.
pub async fn lock(
    tx: &mut Tx,
    c: &NewClaim<'_>,
    expected: i64,
    by: i64,
    now: OffsetDateTime,
) -> Result<Option<i64>, sqlx::Error> {
    let newest: Option<i64> = on_tx!(tx, conn => sqlx::query_scalar(
        "SELECT MAX(version) FROM claims WHERE office_id = $1 AND month = $2")
        .bind(c.office).bind(c.month).fetch_one(&mut *conn).await)?;
    let newest = newest.unwrap_or(0);
    if newest != expected {
        return Ok(None);
    }
    let version = newest + 1;
    let inserted = on_tx!(tx, conn => sqlx::query(
        "INSERT INTO claims (office_id, month, version, reason, processing_month, snapshot, clients,
                             total_units, total_cost_yen, user_charge_yen, claimed_yen, locked_by, locked_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)")
        .bind(c.office).bind(c.month).bind(version).bind(c.reason).bind(c.processing_month)
        .bind(c.snapshot).bind(c.clients).bind(c.total_units).bind(c.total_cost_yen)
        .bind(c.user_charge_yen).bind(c.claimed_yen).bind(by).bind(now)
        .execute(&mut *conn).await.map(|_| ()));
    match inserted {
        Ok(_) => Ok(Some(version)),
        // The unique (office, month, version) caught a concurrent lock.
        Err(sqlx::Error::Database(e)) if e.is_unique_violation() => Ok(None),
        Err(e) => Err(e),
    }
}

/// A saved cap result and the other offices recorded with it, in the order they were typed.
pub type SavedCapResult = (CapResultRow, Vec<CapOfficeRow>);

/// The month's 上限額管理結果 for a client at an office, with its other offices.
pub async fn find_cap_result(
    db: &Db,
    client: i64,
    office: i64,
    month: &str,
) -> Result<Option<SavedCapResult>, sqlx::Error> {
    let row: Option<CapResultRow> = on_db!(db, pool => sqlx::query_as(
        "SELECT id, client_id, office_id, result, amount_yen FROM cap_results
         WHERE client_id = $1 AND office_id = $2 AND month = $3")
        .bind(client).bind(office).bind(month).fetch_optional(pool).await)?;
    let Some(row) = row else { return Ok(None) };
    let others = on_db!(db, pool => sqlx::query_as(
        "SELECT cap_result_id, office_number, office_name, total_cost_yen, charge_yen, decided_yen
         FROM cap_result_offices WHERE cap_result_id = $1 ORDER BY id")
        .bind(row.id).fetch_all(pool).await)?;
    Ok(Some((row, others)))
}

// ---------------------------------------------------------------- 地域区分 with dates

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct AreaGradeRow {
    pub id: i64,
    pub office_id: i64,
    pub area_grade: String,
    pub valid_from: Date,
    pub valid_to: Option<Date>,
}

/// Every dated grade of an office, newest first.
pub async fn area_grades(db: &Db, office: i64) -> Result<Vec<AreaGradeRow>, sqlx::Error> {
    on_db!(db, pool => sqlx::query_as(
        "SELECT id, office_id, area_grade, valid_from, valid_to FROM office_area_grades
         WHERE office_id = $1 ORDER BY valid_from DESC, id DESC")
        .bind(office).fetch_all(pool).await)
}

scoped! {
    pub const AREA_GRADES_ON = "SELECT id, office_id, area_grade, valid_from, valid_to FROM office_area_grades
         WHERE ", office: "office_id = $1", " AND valid_from <= $2 AND (valid_to IS NULL OR valid_to >= $2)
         ORDER BY office_id, valid_from DESC, id DESC";
}

/// The dated grade of each office in force on `on` (offices without one are absent: their
/// `offices.area_grade` has no dates and applies to every month).
pub async fn area_grades_on(
    db: &Db,
    office: Option<i64>,
    on: Date,
) -> Result<Vec<AreaGradeRow>, sqlx::Error> {
    let rows: Vec<AreaGradeRow> = on_db!(db, pool => sqlx::query_as(AREA_GRADES_ON.text(office))
        .bind(office).bind(on).fetch_all(pool).await)?;
    let mut newest: Vec<AreaGradeRow> = Vec::new();
    for r in rows {
        if newest.last().is_none_or(|l| l.office_id != r.office_id) {
            newest.push(r);
        }
    }
    Ok(newest)
}

/// The first day of the grade history of an office whose grade had no dates: the grade it
/// had then applies to every month before the first dated change.
pub const UNDATED_GRADE_FROM: Date = time::macros::date!(2000 - 01 - 01);

/// The office's grade is `grade` from `from` on: the grade in force before ends the day
/// before (an office without dated grades first gets its undated grade as the row up to
/// then). `offices.area_grade` follows when the change is in force `today`.
#[allow(clippy::too_many_arguments)]
pub async fn insert_area_grade(
    tx: &mut Tx,
    office: i64,
    grade: &str,
    from: Date,
    today: Date,
    by: i64,
    now: OffsetDateTime,
) -> Result<i64, sqlx::Error> {
    let before = from.previous_day().unwrap_or(from);
    let dated: i64 = on_tx!(tx, conn => sqlx::query_scalar(
        "SELECT COUNT(*) FROM office_area_grades WHERE office_id = $1")
        .bind(office).fetch_one(&mut *conn).await)?;
    if dated == 0 && from > UNDATED_GRADE_FROM {
        on_tx!(tx, conn => sqlx::query(
            "INSERT INTO office_area_grades (office_id, area_grade, valid_from, valid_to, created_by, created_at)
             SELECT id, area_grade, $2, $3, $4, $5 FROM offices WHERE id = $1")
            .bind(office).bind(UNDATED_GRADE_FROM).bind(before).bind(by).bind(now)
            .execute(&mut *conn).await.map(|_| ()))?;
    }
    on_tx!(tx, conn => sqlx::query(
        "UPDATE office_area_grades SET valid_to = $1
         WHERE office_id = $2 AND valid_from < $3 AND (valid_to IS NULL OR valid_to >= $3)")
        .bind(before).bind(office).bind(from).execute(&mut *conn).await.map(|_| ()))?;
    let id = on_tx!(tx, conn => sqlx::query_scalar(
        "INSERT INTO office_area_grades (office_id, area_grade, valid_from, created_by, created_at)
         VALUES ($1, $2, $3, $4, $5) RETURNING id")
        .bind(office).bind(grade).bind(from).bind(by).bind(now)
        .fetch_one(&mut *conn).await)?;
    if from <= today {
        set_area_grade(tx, office, grade).await?;
    }
    Ok(id)
}

// ---------------------------------------------------------------- 就労定着率 frozen for the year

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct FrozenRate {
    pub office_id: i64,
    pub fiscal_year: i64,
    pub retained: i64,
    pub served: i64,
    /// JSON: the clients behind the numbers when frozen.
    pub evidence: String,
    /// The month (YYYY-MM) whose lock froze it.
    pub month: String,
    pub frozen_at: OffsetDateTime,
}

scoped! {
    pub const FROZEN_RATES = "SELECT office_id, fiscal_year, retained, served, evidence, month, frozen_at
         FROM retention_frozen WHERE ", office: "office_id = $1", " AND fiscal_year = $2";
}

pub async fn frozen_rates(
    db: &Db,
    office: Option<i64>,
    fy: i32,
) -> Result<Vec<FrozenRate>, sqlx::Error> {
    on_db!(db, pool => sqlx::query_as(FROZEN_RATES.text(office))
        .bind(office).bind(i64::from(fy)).fetch_all(pool).await)
}

/// Freezes the year's rate, unless it already is (the first lock of the year wins).
#[allow(clippy::too_many_arguments)]
pub async fn freeze_rate(
    tx: &mut Tx,
    office: i64,
    fy: i32,
    retained: i64,
    served: i64,
    evidence: &str,
    month: &str,
    by: i64,
    now: OffsetDateTime,
) -> Result<bool, sqlx::Error> {
    on_tx!(tx, conn => sqlx::query(
        "INSERT INTO retention_frozen (office_id, fiscal_year, retained, served, evidence, month, frozen_by, frozen_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
         ON CONFLICT (office_id, fiscal_year) DO NOTHING")
        .bind(office).bind(i64::from(fy)).bind(retained).bind(served).bind(evidence).bind(month)
        .bind(by).bind(now).execute(&mut *conn).await.map(|r| r.rows_affected() == 1))
}

// ---------------------------------------------------------------- one office per person and month

scoped! {
    /// The newest locked version of month `$2` of every office but `$1`. This one reads other
    /// offices by design: a 受給者証 number claimed elsewhere in the month is what it finds
    /// (the month's claims, through `claims_month`, not the office's alone).
    pub const OTHER_OFFICES_LOCKED = "SELECT k.office_id, o.name, k.snapshot
         FROM claims k JOIN offices o ON o.id = k.office_id
         WHERE ", office: "k.office_id <> $1", " AND k.month = $2
           AND k.version = (SELECT MAX(k2.version) FROM claims k2
                            WHERE k2.office_id = k.office_id AND k2.month = k.month)";
}

/// The newest locked version of `month` of every office other than `office`: (office id,
/// office name, snapshot JSON).
pub async fn other_offices_locked(
    db: &Db,
    office: Option<i64>,
    month: &str,
) -> Result<Vec<(i64, String, String)>, sqlx::Error> {
    on_db!(db, pool => sqlx::query_as(OTHER_OFFICES_LOCKED.text(office))
        .bind(office).bind(month).fetch_all(pool).await)
}

scoped! {
    /// The first contract start of each client, also through another client record with the
    /// same 受給者証 number; for one office, its clients and those who moved away from it.
    // The clients are named once (`ids`) and each branch of the union reads only theirs:
    // as a condition on the union's result, PostgreSQL read every contract and certificate
    // of the organisation for one office (38 ms at 1,500 offices).
    pub const FIRST_CONTRACT_STARTS = "WITH ids AS (SELECT c.id FROM clients c WHERE ",
        office: "c.office_id = $1
                 UNION SELECT m.client_id FROM client_office_moves m WHERE m.from_office_id = $1",
        ")
         SELECT client_id, MIN(start_date) FROM (
             SELECT k.client_id AS client_id, k.start_date AS start_date FROM contracts k
             WHERE k.client_id IN (SELECT id FROM ids)
             UNION ALL
             SELECT c1.client_id AS client_id, k.start_date AS start_date
             FROM certificates c1
             JOIN certificates c2 ON c2.number = c1.number AND c2.client_id <> c1.client_id
             JOIN contracts k ON k.client_id = c2.client_id
             WHERE c1.client_id IN (SELECT id FROM ids)
         ) x
         GROUP BY client_id";
}

/// The first day of service under any contract of each client, at any office, counting the
/// contracts of other client records with the same 受給者証 number (a person registered
/// twice before moves were possible): 初期加算 is once per person (domain.md §2.1).
/// `office` narrows it to the office's clients (today's, and those who moved away).
pub async fn first_contract_starts(
    db: &Db,
    office: Option<i64>,
) -> Result<Vec<(i64, Date)>, sqlx::Error> {
    on_db!(db, pool => sqlx::query_as(FIRST_CONTRACT_STARTS.text(office))
        .bind(office).fetch_all(pool).await)
}

/// (client, from office, to office, first day at the new office) of every move, oldest
/// first.
pub async fn office_moves(db: &Db) -> Result<Vec<(i64, i64, i64, Date)>, sqlx::Error> {
    on_db!(db, pool => sqlx::query_as(
        "SELECT client_id, from_office_id, to_office_id, moved_on FROM client_office_moves
         ORDER BY client_id, moved_on, id")
        .fetch_all(pool).await)
}
