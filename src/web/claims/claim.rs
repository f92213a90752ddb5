//! The month's claim for an office (managers and admins only): every client served with
//! whether the base reward can be claimed and why not, the units with each 加算・減算, the
//! yen split, totals per municipality and for the office, a preview of the 国保連 file's
//! checks; locking the month as a version (corrections are new versions with a reason);
//! the exports of a locked version (CSV for the books, invoices and receipts, the 国保連
//! J11 file and the J41 上限額管理結果票 file); and the 就労定着率 page with the clients behind
//! it and the filing of the rate.
//!
//! A claim names clients and their 受給者証, so every view and export is audited.

use crate::web::access::{OfficeClaims, Policy, Routes};
use askama::Template;
use askama_web::WebTemplate;
use axum::{
    extract::{Path, Query},
    http::header,
    response::{IntoResponse, Response},
};
use serde::Deserialize;

use crate::claims::{
    self, ClientOut, EvidenceClient, OfficeClaim, RetentionDetail, RetentionRate, Totals,
};
use crate::clock;
use crate::domain::audit::Action;
use crate::domain::fields::FieldErrors;
use crate::domain::kokuho::{self, At, DataKind, Problem};
use crate::domain::month::YearMonth;
use crate::domain::retention;
use crate::error::{AppError, AppResult};
use crate::store::{self, claims::LockedClaim, offices::Office};
use crate::web::{
    confirm::{self, ConfirmPage},
    csrf::CsrfForm,
    ctx::{Ctx, Page},
    see_other, unprocessable,
};

pub fn routes() -> Routes {
    Routes::new()
        .get("/offices/{id}/claims", Policy::OfficeClaims, show_claim)
        .post(
            "/offices/{id}/claims/lock",
            Policy::OfficeClaims,
            lock_claim,
        )
        .get(
            "/offices/{id}/claims/{month}/{version}/claim.csv",
            Policy::OfficeClaims,
            export_csv,
        )
        .get(
            "/offices/{id}/claims/{month}/{version}/invoices",
            Policy::OfficeClaims,
            invoices,
        )
        .get(
            "/offices/{id}/claims/{month}/{version}/kokuho",
            Policy::OfficeClaims,
            export_kokuho,
        )
        .get(
            "/offices/{id}/claims/{month}/{version}/cap-results",
            Policy::OfficeClaims,
            export_cap_results,
        )
        .get(
            "/offices/{id}/retention",
            Policy::OfficeClaims,
            show_retention,
        )
        .post(
            "/offices/{id}/retention",
            Policy::OfficeClaims,
            file_retention,
        )
}

/// The month and version of a locked claim in the path (`/offices/{id}/claims/{month}/{version}/…`).
#[derive(Debug, Deserialize)]
pub struct VersionPath {
    pub month: String,
    pub version: String,
}

/// The live claim of one office for a month.
async fn live_claim(ctx: &Ctx, office: &Office, ym: YearMonth) -> AppResult<OfficeClaim> {
    let mut all = claims::run_month(&ctx.app.db, Some(office.id), ym)
        .await
        .map_err(AppError::Internal)?;
    all.pop().ok_or(AppError::NotFound)
}

fn yen(n: u64) -> String {
    crate::domain::money::grouped(n)
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct MonthQuery {
    pub month: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "claims/claims/month.html")]
struct ClaimPage {
    page: Page,
    office: Office,
    month: String,
    prev: String,
    next: String,
    /// What the page shows: the newest locked version as it was locked, or (nothing locked
    /// yet) the month run now.
    claim: OfficeClaim,
    /// The month run now: what a lock would store.
    live: OfficeClaim,
    /// `claim` is a locked version.
    locked: bool,
    /// If run now: each client whose claim would differ from the locked one, and why.
    differences: Vec<claims::Difference>,
    /// If run now: the terms (rate, 地域区分, unit price, settings) that would differ.
    term_changes: Vec<&'static str>,
    municipalities: Vec<Totals>,
    totals: Totals,
    problems: Vec<Problem>,
    versions: Vec<LockedClaim>,
    /// The live claim equals the newest locked version.
    unchanged: bool,
    errors: FieldErrors,
    reason: String,
    /// The month's master has 見本 (sample) service codes: the file must not be sent.
    samples: bool,
}

impl ClaimPage {
    /// Why a download is made: asked before any file with clients' names leaves.
    fn purposes(&self) -> [crate::domain::export::Purpose; 4] {
        crate::domain::export::Purpose::ALL
    }
    fn yen(&self, n: &u64) -> String {
        yen(*n)
    }
    fn price(&self) -> String {
        self.claim
            .unit_price_hundredths
            .map(|h| format!("{}.{:02}", h / 100, h % 100))
            .unwrap_or_default()
    }
    fn item_name(&self, item: &str) -> &'static str {
        if item == "base" {
            self.page.t("claim.item.base")
        } else if item.starts_with("unit_price_") {
            self.page.t("claim.item.unit_price")
        } else {
            self.page.t(format!("claim.item.{item}"))
        }
    }
    fn grade_key(&self) -> String {
        format!("records.grade.{}", self.claim.area_grade)
    }
    /// The sentence of an UNCONFIRMED rule the claim applied.
    fn rule_text(&self, code: &str) -> &'static str {
        self.page.t(format!("claim.rule.{code}"))
    }
    fn is_admin(&self) -> bool {
        self.page.staff.as_ref().is_some_and(|s| s.is_admin)
    }
    fn newest_version(&self) -> i64 {
        self.versions.first().map_or(0, |v| v.version)
    }
    fn at(&self, at: &time::OffsetDateTime) -> String {
        clock::format_jst(*at)
    }
    fn tier(&self, label: &str) -> String {
        crate::domain::rules::master::tier_label(label, self.page.lang)
    }
    fn rate_text(&self, r: &RetentionRate) -> String {
        percent(r.retained, r.served)
    }
    fn rate_pair(&self, retained: &u32, served: &u32) -> String {
        format!("{}（{retained} / {served}）", percent(*retained, *served))
    }
    /// The page that fixes a check, if this user may open it.
    fn fix(&self, p: &Problem) -> Option<String> {
        if needs_admin(p) {
            return self.is_admin().then(|| "/admin/claim-master".to_string());
        }
        fix_link(p, &self.office, &self.live, &self.month, self.is_admin())
    }
    fn ask_admin(&self, p: &Problem) -> bool {
        needs_admin(p) && !self.is_admin()
    }
    fn claimable_count(&self) -> usize {
        self.claim.clients.iter().filter(|c| c.claimable()).count()
    }
    fn has_cap_file(&self) -> bool {
        self.claim
            .clients
            .iter()
            .any(|c| c.claimable() && c.cap_manager == "this_office" && c.cap_result.is_some())
    }
    fn cap_link(&self, c: &ClientOut) -> bool {
        c.monthly_cap_yen > 0 && c.cap_manager != "none"
    }
    /// Claimable clients (run now) whose cap management stops the lock.
    fn cap_blocked(&self) -> Vec<&ClientOut> {
        self.live
            .clients
            .iter()
            .filter(|c| c.claimable() && c.cap_issue.is_some())
            .collect()
    }
    fn summary(&self, s: &Option<(bool, u32, u64)>) -> String {
        match s {
            None => self.page.t("claim.diff.absent").to_string(),
            Some((false, _, _)) => self.page.t("claim.base_ng").to_string(),
            Some((true, units, claimed)) => format!(
                "{units}{} ・ {}{}",
                self.page.t("claim.units_suffix"),
                yen(*claimed),
                self.page.t("claim.yen")
            ),
        }
    }
}

/// The page that fixes a 国保連 check: the office's number, its 地域区分, the master's
/// codes and prices (an administrator's page: `None` for a manager, who is told to ask), a
/// client's record or their 上限額管理結果.
fn fix_link(
    problem: &Problem,
    office: &Office,
    live: &OfficeClaim,
    month: &str,
    is_admin: bool,
) -> Option<String> {
    let key = problem.key;
    let client = |c: &ClientOut| {
        if key.contains("cap")
            || key.contains("manage")
            || key.contains("result")
            || key.contains("sheet")
            || key.contains("charge_equals")
        {
            format!(
                "/offices/{}/claims/cap/{}?month={month}",
                office.id, c.client_id
            )
        } else {
            format!("/clients/{}", c.client_id)
        }
    };
    match (&problem.at, key) {
        (Some(At::Client(name)), _) => live.clients.iter().find(|c| c.name == *name).map(client),
        (Some(At::Certificate(number)), _) => live
            .clients
            .iter()
            .find(|c| c.certificate_number == *number)
            .map(client),
        (Some(At::Municipality(number)), _) => live
            .clients
            .iter()
            .find(|c| c.municipality_code == *number && c.claimable())
            .map(|c| format!("/clients/{}", c.client_id)),
        (None, "kokuho.office_number") => Some(format!("/offices/{}/edit", office.id)),
        (None, "kokuho.region_code") => Some(format!("/offices/{}/claim-settings", office.id)),
        (None, "kokuho.unit_price" | "kokuho.service_kind") if is_admin => {
            Some("/admin/claim-master".to_string())
        }
        _ => None,
    }
}

/// Checks only an administrator can fix (the master data).
fn needs_admin(problem: &Problem) -> bool {
    matches!(
        problem.key,
        "kokuho.unit_price"
            | "kokuho.service_kind"
            | "kokuho.service_code"
            | "kokuho.service_code_repeated"
    )
}

fn percent(retained: u32, served: u32) -> String {
    if served == 0 {
        return "—".into();
    }
    let tenths = u64::from(retained) * 1000 / u64::from(served);
    format!("{}.{}%", tenths / 10, tenths % 10)
}

async fn claim_page(ctx: &Ctx, office: Office, ym: YearMonth) -> AppResult<ClaimPage> {
    let live = live_claim(ctx, &office, ym).await?;
    let versions = store::claims::versions(&ctx.app.db, office.id, &ym.to_string()).await?;
    // A locked month is shown exactly as locked; the run now only says what would differ.
    let locked: Option<OfficeClaim> = match versions.first() {
        Some(v) => Some(
            serde_json::from_str::<OfficeClaim>(&v.snapshot)
                .map_err(|e| AppError::Internal(e.into()))?,
        ),
        None => None,
    };
    let unchanged = locked.as_ref().is_some_and(|l| l.same_claim(&live));
    let (differences, term_changes) = match &locked {
        Some(l) if !unchanged => (
            claims::differences(l, &live),
            claims::term_changes(l, &live),
        ),
        _ => (Vec::new(), Vec::new()),
    };
    let processing = claims::processing_month(ym, clock::today());
    let problems = if live.clients.iter().any(ClientOut::claimable) {
        kokuho::validate(&claims::kokuho_file(&live, ym, processing))
    } else {
        Vec::new()
    };
    let is_locked = locked.is_some();
    let claim = locked.unwrap_or_else(|| live.clone());
    let samples = store::claims::master_on(&ctx.app.db, ym.first_day())
        .await?
        .iter()
        .any(|r| r.sample);
    Ok(ClaimPage {
        page: ctx.form_page("claim.title").await?,
        month: ym.to_string(),
        prev: ym.shift(-1).to_string(),
        next: ym.shift(1).to_string(),
        municipalities: claim.by_municipality(),
        totals: claim.totals(),
        office,
        claim,
        live,
        locked: is_locked,
        differences,
        term_changes,
        problems,
        versions,
        unchanged,
        errors: FieldErrors::new(),
        reason: String::new(),
        samples,
    })
}

pub async fn show_claim(
    ctx: Ctx,
    OfficeClaims { office, .. }: OfficeClaims,
    Query(q): Query<MonthQuery>,
) -> AppResult<Response> {
    let ym = YearMonth::parse(&q.month).unwrap_or_else(|| YearMonth::of(clock::today()).shift(-1));
    ctx.audit(Action::ClaimsView, &office)
        .detail(format!("month={ym}"))
        .write_now(&ctx.app.db)
        .await?;
    Ok(claim_page(&ctx, office, ym).await?.into_response())
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct LockForm {
    pub month: String,
    /// The newest version the manager saw (0 for none).
    pub version: String,
    pub claim_reason: String,
    /// `yes` on the confirmation page's POST (`web::confirm`).
    pub confirm: String,
}

/// Locks the month as the next version: the evidence of what was claimed.
pub async fn lock_claim(
    ctx: Ctx,
    OfficeClaims { who, office }: OfficeClaims,
    CsrfForm(form): CsrfForm<LockForm>,
) -> AppResult<Response> {
    let ym = YearMonth::parse(&form.month).ok_or(AppError::NotFound)?;
    let expected: i64 = form.version.trim().parse().unwrap_or(-1);
    let reason = form.claim_reason.trim().to_string();
    let mut page = claim_page(&ctx, office, ym).await?;
    let mut errors = FieldErrors::new();
    if expected != page.newest_version() {
        errors.add("claim_lock", "claim.err.stale");
    } else if page.unchanged {
        errors.add("claim_lock", "claim.err.unchanged");
    }
    if !crate::domain::fields::plain_text(&mut errors, "claim_reason", &reason, false) {
        // The message is given.
    } else if expected > 0 && reason.is_empty() {
        errors.add("claim_reason", "claim.err.reason_required");
    }
    if reason.chars().count() > 500 {
        errors.add("claim_reason", "err.too_long");
    }
    if !page.cap_blocked().is_empty() {
        errors.add("claim_lock", "claim.err.cap_issue");
    }
    if !errors.is_empty() {
        page.errors = errors;
        page.reason = form.claim_reason;
        return Ok(unprocessable(page));
    }
    if !confirm::confirmed(&form.confirm) {
        return Ok(lock_confirmation(&ctx, &page, expected, &reason));
    }
    let claim = &page.live;
    let totals = claim.totals();
    let snapshot = serde_json::to_string(claim).map_err(|e| AppError::Internal(e.into()))?;
    let processing = claims::processing_month(ym, clock::today()).to_string();
    let as_i64 = |n: u64| i64::try_from(n).unwrap_or(i64::MAX);
    let new = store::claims::NewClaim {
        office: page.office.id,
        month: &page.month,
        reason: &reason,
        processing_month: &processing,
        snapshot: &snapshot,
        clients: i64::from(totals.clients),
        total_units: as_i64(totals.units),
        total_cost_yen: as_i64(totals.total_cost_yen),
        user_charge_yen: as_i64(totals.user_charge_yen),
        claimed_yen: as_i64(totals.claimed_yen),
    };
    let now = clock::now();
    let mut tx = ctx.app.db.begin().await?;
    let Some(version) = store::claims::lock(&mut tx, &new, expected, who.id, now).await? else {
        drop(tx);
        page.errors.add("claim_lock", "claim.err.stale");
        page.versions = store::claims::versions(&ctx.app.db, page.office.id, &page.month).await?;
        return Ok(unprocessable(page));
    };
    ctx.audit(Action::ClaimsLock, &page.office)
        .detail(format!("month={} version={version}", page.month))
        .write(&mut tx)
        .await?;
    // The fiscal year's first lock freezes the rate it used, with the clients behind it
    // (domain.md §1.3: the tier is fixed for the year). A filed rate needs no freezing.
    if let Some(rate) = claim
        .rate
        .as_ref()
        .filter(|r| !r.filed && r.frozen_in.is_none())
    {
        let detail = claims::computed_rates(&ctx.app.db, Some(page.office.id), rate.fiscal_year)
            .await
            .map_err(AppError::Internal)?
            .remove(&page.office.id);
        let evidence = detail.as_ref().map(claims::evidence).unwrap_or_default();
        let evidence =
            serde_json::to_string(&evidence).map_err(|e| AppError::Internal(e.into()))?;
        let frozen = store::claims::freeze_rate(
            &mut tx,
            page.office.id,
            rate.fiscal_year,
            i64::from(rate.retained),
            i64::from(rate.served),
            &evidence,
            &page.month,
            who.id,
            now,
        )
        .await?;
        if frozen {
            ctx.audit(Action::ClaimsRateFreeze, &page.office)
                .detail(format!(
                    "fy={} retained={} served={} month={}",
                    rate.fiscal_year, rate.retained, rate.served, page.month
                ))
                .write(&mut tx)
                .await?;
        }
    }
    tx.commit().await?;
    Ok(see_other(&format!(
        "/offices/{}/claims?month={}&n=claim_locked",
        page.office.id, page.month
    )))
}

/// The confirmation page before a lock: what the version will hold.
fn lock_confirmation(ctx: &Ctx, page: &ClaimPage, expected: i64, reason: &str) -> Response {
    let confirm_page = ctx.page("claim.confirm_title");
    let lang = confirm_page.lang;
    let t = |k: &str| lang.t(k).to_string();
    let totals = page.live.totals();
    let claimable = page.live.clients.iter().filter(|c| c.claimable()).count();
    let mut facts = vec![
        (t("claim.confirm_month"), page.month.clone()),
        (
            t("claim.confirm_claimable"),
            lang.fill(
                "claim.confirm_people",
                &[
                    ("n", claimable.to_string()),
                    ("of", page.live.clients.len().to_string()),
                ],
            ),
        ),
        (
            t("claim.confirm_claimed"),
            format!("{}{}", yen(totals.claimed_yen), t("claim.yen")),
        ),
        (
            t("claim.file_check"),
            lang.fill(
                "claim.confirm_problems",
                &[("n", page.problems.len().to_string())],
            ),
        ),
        (
            t("claim.col_version"),
            lang.fill(
                "claim.confirm_version",
                &[("n", (expected + 1).to_string())],
            ),
        ),
    ];
    if expected > 0 {
        facts.push((lang.t("field.claim_reason").to_string(), reason.to_string()));
    }
    if page.samples {
        facts.push((t("claim.confirm_samples_label"), t("claim.samples")));
    }
    let back = format!(
        "/offices/{}/claims?month={}#lock",
        page.office.id, page.month
    );
    ConfirmPage {
        lead: lang.fill("claim.confirm_lead", &[("month", page.month.clone())]),
        facts,
        body: None,
        warning: t("claim.confirm_warning"),
        action: format!("/offices/{}/claims/lock", page.office.id),
        hidden: vec![
            ("month".into(), page.month.clone()),
            ("version".into(), expected.to_string()),
            ("claim_reason".into(), reason.to_string()),
        ],
        button: t("claim.confirm_button"),
        back_href: back,
        page: confirm_page,
    }
    .into_response()
}

/// A locked version of the office's month, or 404.
async fn locked(
    ctx: &Ctx,
    office: &Office,
    month: &str,
    version: &str,
) -> AppResult<(LockedClaim, OfficeClaim)> {
    let month = YearMonth::parse(month)
        .ok_or(AppError::NotFound)?
        .to_string();
    let version: i64 = version.parse().map_err(|_| AppError::NotFound)?;
    let row = store::claims::versions(&ctx.app.db, office.id, &month)
        .await?
        .into_iter()
        .find(|v| v.version == version)
        .ok_or(AppError::NotFound)?;
    let claim: OfficeClaim =
        serde_json::from_str(&row.snapshot).map_err(|e| AppError::Internal(e.into()))?;
    Ok((row, claim))
}

fn download(bytes: Vec<u8>, content_type: &'static str, file_name: &str) -> Response {
    (
        [
            (header::CONTENT_TYPE, content_type.to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{file_name}\""),
            ),
        ],
        bytes,
    )
        .into_response()
}

/// `?purpose=` of a download that carries clients' names.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ExportQuery {
    pub purpose: String,
}

/// The claim page again, with a notice asking for the purpose of a download (issue 16:
/// files with clients' names are audited with who and why).
fn ask_purpose(office: &Office, month: &str) -> Response {
    let month = YearMonth::parse(month)
        .map(|m| m.to_string())
        .unwrap_or_default();
    crate::web::see_other(&format!(
        "/offices/{}/claims?month={month}&n=export_purpose",
        office.id
    ))
}

fn purpose_of(q: &ExportQuery) -> Option<crate::domain::export::Purpose> {
    crate::domain::export::Purpose::parse(q.purpose.trim())
}

pub async fn export_csv(
    ctx: Ctx,
    OfficeClaims { office, .. }: OfficeClaims,
    Path(VersionPath { month, version }): Path<VersionPath>,
    Query(q): Query<ExportQuery>,
) -> AppResult<Response> {
    let (row, claim) = locked(&ctx, &office, &month, &version).await?;
    let Some(purpose) = purpose_of(&q) else {
        return Ok(ask_purpose(&office, &row.month));
    };
    ctx.audit(Action::ClaimsExportCsv, &office)
        .detail(format!(
            "month={} version={} purpose={}",
            row.month,
            row.version,
            purpose.code()
        ))
        .write_now(&ctx.app.db)
        .await?;
    let name = format!("claim-{}-{}-v{}.csv", office.id, row.month, row.version);
    Ok(download(
        claims::books_csv(&claim, ctx.lang),
        "text/csv; charset=utf-8",
        &name,
    ))
}

#[derive(Template, WebTemplate)]
#[template(path = "claims/claims/problems.html")]
struct ProblemsPage {
    page: Page,
    office: Office,
    month: String,
    problems: Vec<Problem>,
    /// The locked claim the file was written from (to find each problem's page).
    claim: OfficeClaim,
}

impl ProblemsPage {
    fn is_admin(&self) -> bool {
        self.page.is_admin()
    }
    fn fix(&self, p: &Problem) -> Option<String> {
        if needs_admin(p) {
            return self.is_admin().then(|| "/admin/claim-master".to_string());
        }
        fix_link(p, &self.office, &self.claim, &self.month, self.is_admin())
    }
    fn ask_admin(&self, p: &Problem) -> bool {
        needs_admin(p) && !self.is_admin()
    }
}

async fn kokuho_download(
    ctx: Ctx,
    office: Office,
    VersionPath { month, version }: VersionPath,
    q: ExportQuery,
    kind: DataKind,
) -> AppResult<Response> {
    let (row, claim) = locked(&ctx, &office, &month, &version).await?;
    let Some(purpose) = purpose_of(&q) else {
        return Ok(ask_purpose(&office, &row.month));
    };
    // Both months were written by `lock_claim` from a `YearMonth`.
    let stored = |text: &str| {
        YearMonth::parse(text).ok_or_else(|| {
            AppError::Internal(anyhow::anyhow!("stored month {text:?} is not YYYY-MM"))
        })
    };
    let file = claims::kokuho_file(&claim, stored(&row.month)?, stored(&row.processing_month)?);
    let written = match kind {
        DataKind::J11 => kokuho::write(&file).map(Some),
        DataKind::J41 => kokuho::write_cap_results(&file),
    };
    let bytes = match written {
        Ok(Some(bytes)) => bytes,
        Ok(None) => return Err(AppError::NotFound),
        Err(problems) => {
            let page = ProblemsPage {
                page: ctx.page("claim.problems_title"),
                office,
                month: row.month,
                problems,
                claim,
            };
            return Ok(unprocessable(page));
        }
    };
    ctx.audit(Action::ClaimsExportKokuho, &office)
        .detail(format!(
            "month={} version={} kind={} purpose={}",
            row.month,
            row.version,
            kind.code(),
            purpose.code()
        ))
        .write_now(&ctx.app.db)
        .await?;
    let name = kokuho::file_name(kind, file.service_month);
    Ok(download(bytes, "text/csv; charset=Shift_JIS", &name))
}

pub async fn export_kokuho(
    ctx: Ctx,
    OfficeClaims { office, .. }: OfficeClaims,
    Path(path): Path<VersionPath>,
    Query(q): Query<ExportQuery>,
) -> AppResult<Response> {
    kokuho_download(ctx, office, path, q, DataKind::J11).await
}

pub async fn export_cap_results(
    ctx: Ctx,
    OfficeClaims { office, .. }: OfficeClaims,
    Path(path): Path<VersionPath>,
    Query(q): Query<ExportQuery>,
) -> AppResult<Response> {
    kokuho_download(ctx, office, path, q, DataKind::J41).await
}

#[derive(Template, WebTemplate)]
#[template(path = "claims/claims/invoices.html")]
struct InvoicesPage {
    page: Page,
    /// The issuer (法人名, 事業所番号, address) and the month as written on paper.
    head: crate::web::sheet::SheetHead,
    office: Office,
    month: String,
    issued_on: String,
    clients: Vec<ClientOut>,
}

impl InvoicesPage {
    fn yen(&self, n: &u64) -> String {
        yen(*n)
    }
}

/// The user-charge invoice and receipt of every claimable client, one A4 sheet each.
pub async fn invoices(
    ctx: Ctx,
    OfficeClaims { office, .. }: OfficeClaims,
    Path(VersionPath { month, version }): Path<VersionPath>,
    Query(q): Query<ExportQuery>,
) -> AppResult<Response> {
    let (row, claim) = locked(&ctx, &office, &month, &version).await?;
    let Some(purpose) = purpose_of(&q) else {
        return Ok(ask_purpose(&office, &row.month));
    };
    ctx.audit(Action::ClaimsInvoices, &office)
        .detail(format!(
            "month={} version={} purpose={}",
            row.month,
            row.version,
            purpose.code()
        ))
        .write_now(&ctx.app.db)
        .await?;
    let head = crate::web::sheet::SheetHead::load(&ctx.app.db, &office, ctx.lang).await?;
    Ok(InvoicesPage {
        page: ctx.page("invoice.title"),
        office,
        month: YearMonth::parse(&row.month).map_or(row.month, |m| head.month(m)),
        issued_on: head.date(clock::today()),
        head,
        clients: claim
            .clients
            .into_iter()
            .filter(|c| c.claimable())
            .collect(),
    }
    .into_response())
}

// ---------------------------------------------------------------- 就労定着率

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct FiscalQuery {
    pub fy: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "claims/claims/retention.html")]
struct RetentionPage {
    page: Page,
    office: Office,
    fiscal_year: i32,
    detail: Option<RetentionDetail>,
    next: Option<RetentionDetail>,
    in_force: Option<RetentionRate>,
    next_rate: Option<RetentionRate>,
    /// Clients whose standing in today's records differs from the evidence of the frozen
    /// rate: (as frozen, now).
    evidence_changes: Vec<EvidenceChange>,
    errors: FieldErrors,
    retained: String,
    served: String,
    note: String,
}

type EvidenceChange = (Option<EvidenceClient>, Option<EvidenceClient>);

impl RetentionPage {
    fn tier(&self, label: &str) -> String {
        crate::domain::rules::master::tier_label(label, self.page.lang)
    }
    fn pct(&self, retained: &u32, served: &u32) -> String {
        percent(*retained, *served)
    }
    fn change_id(&self, then: &Option<EvidenceClient>, now: &Option<EvidenceClient>) -> i64 {
        then.as_ref().or(now.as_ref()).map_or(0, |c| c.client_id)
    }
}

async fn retention_page(ctx: &Ctx, office: Office, fy: i32) -> AppResult<RetentionPage> {
    let db = &ctx.app.db;
    let (first, _) = retention::fiscal_year_bounds(fy);
    let (next_first, _) = retention::fiscal_year_bounds(fy + 1);
    let internal = AppError::Internal;
    let (mut in_force, mut computed) = claims::rates_and_details(db, Some(office.id), fy, first)
        .await
        .map_err(internal)?;
    let (mut next_rates, mut next) =
        claims::rates_and_details(db, Some(office.id), fy + 1, next_first)
            .await
            .map_err(internal)?;
    let in_force = in_force.remove(&office.id);
    let next_rate = next_rates.remove(&office.id);
    let detail = computed.remove(&office.id);
    // A frozen rate whose evidence the records no longer match: who changed.
    let evidence_changes = match in_force.as_ref().and_then(|r| r.records_now) {
        Some(_) => {
            let frozen = store::claims::frozen_rates(db, Some(office.id), fy).await?;
            let then: Vec<EvidenceClient> = frozen
                .first()
                .and_then(|f| serde_json::from_str(&f.evidence).ok())
                .unwrap_or_default();
            let now = detail.as_ref().map(claims::evidence).unwrap_or_default();
            claims::evidence_changes(&then, &now)
        }
        None => Vec::new(),
    };
    Ok(RetentionPage {
        page: ctx.form_page("retention.title").await?,
        retained: detail
            .as_ref()
            .map(|d| d.retained.to_string())
            .unwrap_or_default(),
        served: detail
            .as_ref()
            .map(|d| d.served.to_string())
            .unwrap_or_default(),
        next: next.remove(&office.id),
        detail,
        in_force,
        next_rate,
        evidence_changes,
        office,
        fiscal_year: fy,
        errors: FieldErrors::new(),
        note: String::new(),
    })
}

fn fiscal_year_param(raw: &str) -> i32 {
    raw.trim()
        .parse::<i32>()
        .ok()
        .filter(|y| (2000..=2100).contains(y))
        .unwrap_or_else(|| retention::fiscal_year_of(clock::today()))
}

pub async fn show_retention(
    ctx: Ctx,
    OfficeClaims { office, .. }: OfficeClaims,
    Query(q): Query<FiscalQuery>,
) -> AppResult<Response> {
    let fy = fiscal_year_param(&q.fy);
    ctx.audit(Action::ClaimsRateView, &office)
        .detail(format!("fy={fy}"))
        .write_now(&ctx.app.db)
        .await?;
    Ok(retention_page(&ctx, office, fy).await?.into_response())
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct FilingForm {
    pub fy: String,
    pub retained: String,
    pub served: String,
    pub note: String,
    /// `yes` on the confirmation page's POST (`web::confirm`).
    pub confirm: String,
}

/// Records the rate filed (体制届) for a fiscal year.
pub async fn file_retention(
    ctx: Ctx,
    OfficeClaims { who, office }: OfficeClaims,
    CsrfForm(form): CsrfForm<FilingForm>,
) -> AppResult<Response> {
    let fy = fiscal_year_param(&form.fy);
    let mut errors = FieldErrors::new();
    let number = |e: &mut FieldErrors, name: &'static str, raw: &str| -> Option<i64> {
        match raw.trim().parse::<i64>() {
            Ok(n) if (0..=100_000).contains(&n) => Some(n),
            Ok(_) => {
                e.add(name, "err.out_of_range");
                None
            }
            Err(_) => {
                e.add(name, "err.number");
                None
            }
        }
    };
    let retained = number(&mut errors, "retained", &form.retained);
    let served = number(&mut errors, "served", &form.served);
    if let (Some(r), Some(s)) = (retained, served) {
        if s == 0 {
            errors.add("served", "retention.err.none_served");
        } else if r > s {
            errors.add("retained", "retention.err.more_than_served");
        }
    }
    let note = crate::domain::fields::optional_text(&mut errors, "note", &form.note, 500);
    let (Some(retained), Some(served), true) = (retained, served, errors.is_empty()) else {
        let mut page = retention_page(&ctx, office, fy).await?;
        page.errors = errors;
        page.retained = form.retained;
        page.served = form.served;
        page.note = form.note;
        return Ok(unprocessable(page));
    };
    if !confirm::confirmed(&form.confirm) {
        let page = ctx.page("retention.confirm_title");
        let lang = page.lang;
        return Ok(ConfirmPage {
            lead: lang.fill("retention.confirm_lead", &[("fy", fy.to_string())]),
            facts: vec![
                (lang.t("field.retained").to_string(), retained.to_string()),
                (lang.t("field.served").to_string(), served.to_string()),
                (
                    lang.t("retention.title").to_string(),
                    percent(
                        u32::try_from(retained).unwrap_or(0),
                        u32::try_from(served).unwrap_or(0),
                    ),
                ),
            ],
            body: None,
            warning: lang.t("retention.confirm_warning").to_string(),
            action: format!("/offices/{}/retention", office.id),
            hidden: vec![
                ("fy".into(), fy.to_string()),
                ("retained".into(), retained.to_string()),
                ("served".into(), served.to_string()),
                ("note".into(), note.clone()),
            ],
            button: lang.t("retention.confirm_button").to_string(),
            back_href: format!("/offices/{}/retention?fy={fy}", office.id),
            page,
        }
        .into_response());
    }
    let mut tx = ctx.app.db.begin().await?;
    store::claims::file_rate(
        &mut tx,
        office.id,
        fy,
        retained,
        served,
        &note,
        who.id,
        clock::now(),
    )
    .await?;
    ctx.audit(Action::ClaimsRateFile, &office)
        .detail(format!("fy={fy} retained={retained} served={served}"))
        .write(&mut tx)
        .await?;
    tx.commit().await?;
    Ok(see_other(&format!(
        "/offices/{}/retention?fy={fy}&n=saved",
        office.id
    )))
}
