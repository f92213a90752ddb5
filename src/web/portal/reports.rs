//! The monthly 支援レポート in the portal (issue 11, items 4 and 5): the client reads their
//! own months' final versions and confirms each online (`/me/reports…`); an employer contact
//! does the same for a client whose consent lets them receive reports
//! (`/employer/clients/{id}/reports…`).
//!
//! A confirmation is a share of that version (`report_shares`, method `portal`) recorded
//! with who and when, in one transaction with its `report.acknowledge` audit row. The
//! client's counts for the month exactly as a share staff record by hand ("本人に共有"):
//! sharing the report with the client each month is a condition of the 基本報酬
//! (../shared/domain.md §3, JEED handbook p.192), and the month view and the claim read
//! every share to the client. A draft is never shown; a correction finalised later is a
//! new version and needs its own confirmation.

use askama::Template;
use askama_web::WebTemplate;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

use crate::clock;
use crate::domain::audit::Action;
use crate::domain::consent::{self, Category, Recipient};
use crate::domain::month::YearMonth;
use crate::domain::report::{self, Refusal};
use crate::error::{AppError, AppResult};
use crate::i18n::Lang;
use crate::store::{
    self,
    reports::{OnlineReader, ReportRow, ShareRow},
};
use crate::web::{
    access::{ClientSelf, ClientWrite, EmployerClient, Policy, Routes},
    csrf::CsrfForm,
    ctx::{Ctx, Page},
    ruby, see_other,
    support::{plans::conflict, reports::ReportMonth},
};

pub fn routes() -> Routes {
    Routes::new()
        .get("/me/reports", Policy::ClientSelf, client_list)
        .get("/me/reports/{month}", Policy::ClientSelf, client_month)
        .post(
            "/me/reports/{month}/acknowledge",
            Policy::ClientSelf,
            client_acknowledge,
        )
        .get(
            "/employer/clients/{id}/reports",
            Policy::EmployerClient,
            employer_list,
        )
        .get(
            "/employer/clients/{id}/reports/{month}",
            Policy::EmployerClient,
            employer_month,
        )
        .post(
            "/employer/clients/{id}/reports/{month}/acknowledge",
            Policy::EmployerClient,
            employer_acknowledge,
        )
}

/// One month in a list: its latest final version and whether this reader confirmed it.
pub struct MonthItem {
    pub month: String,
    pub label: String,
    pub version: i64,
    /// When this reader confirmed this version online (Japan time), if they did.
    pub acknowledged: Option<String>,
}

/// "2026年11月" / "2026-11".
fn month_label(lang: Lang, month: &str) -> String {
    match (lang, YearMonth::parse(month)) {
        (Lang::Ja, Some(m)) => m.japanese(),
        _ => month.to_string(),
    }
}

/// This reader's online confirmation of `report`, if any: its time in Japan.
fn acknowledged_by(shares: &[ShareRow], report: &ReportRow, reader: &Reader) -> Option<String> {
    shares
        .iter()
        .filter(|s| s.report_id == report.id && s.is_online())
        .find(|s| match reader {
            Reader::Client(account) => s.client_account_id == Some(*account),
            Reader::Employer(contact) => s.employer_contact_id == Some(*contact),
        })
        .and_then(|s| s.acknowledged_at)
        .map(clock::format_jst)
}

/// Whose confirmations a page looks for.
pub(crate) enum Reader {
    Client(i64),
    Employer(i64),
}

pub(crate) async fn month_items(
    ctx: &Ctx,
    client_id: i64,
    reader: &Reader,
) -> AppResult<Vec<MonthItem>> {
    let db = &ctx.app.db;
    let finals = store::reports::latest_finals(db, client_id).await?;
    let shares = store::reports::shares_for_client(db, client_id).await?;
    Ok(finals
        .iter()
        .map(|r| MonthItem {
            label: month_label(ctx.lang, &r.month),
            month: r.month.clone(),
            version: r.version,
            acknowledged: acknowledged_by(&shares, r, reader),
        })
        .collect())
}

/// The page of one month's latest final version, for either reader.
struct MonthView {
    month: String,
    label: String,
    report: ReportRow,
    finalised_on: String,
    acknowledged: Option<String>,
    refusal: Option<&'static str>,
}

async fn month_view(
    ctx: &Ctx,
    client_id: i64,
    month: YearMonth,
    reader: &Reader,
) -> AppResult<MonthView> {
    let db = &ctx.app.db;
    // Only a final version is ever shown: a month with a draft alone is a 404, like a month
    // with no report.
    let report = store::reports::latest_final(db, client_id, month)
        .await?
        .ok_or(AppError::NotFound)?;
    let shares = store::reports::shares(db, client_id, month).await?;
    Ok(MonthView {
        month: month.to_string(),
        label: month_label(ctx.lang, &month.to_string()),
        finalised_on: report
            .finalised_at
            .map(|at| at.to_offset(clock::JST).date().to_string())
            .unwrap_or_default(),
        acknowledged: acknowledged_by(&shares, &report, reader),
        report,
        refusal: None,
    })
}

/// The hidden field of the confirmation form: the version the page showed.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct AckForm {
    pub version: String,
}

impl AckForm {
    fn version(&self) -> Option<i64> {
        self.version.trim().parse().ok()
    }
}

/// Why a confirmation was not taken, in the reader's words.
fn refusal_key(why: Refusal) -> &'static str {
    match why {
        Refusal::Stale => "portal.reports.refused.stale",
        _ => "portal.reports.refused.not_final",
    }
}

// ---------------------------------------------------------------------------------------
// The client (本人)

#[derive(Template, WebTemplate)]
#[template(path = "portal/reports/list.html")]
struct ClientListPage {
    page: Page,
    months: Vec<MonthItem>,
}

/// `/me/reports`: the client's months with a final report, newest first, each saying
/// whether they have confirmed it.
async fn client_list(ctx: Ctx, ClientSelf(me): ClientSelf) -> AppResult<Response> {
    let months = month_items(&ctx, me.client_id, &Reader::Client(me.account_id)).await?;
    let page = ctx.form_page("portal.reports.title").await?;
    Ok(ClientListPage { page, months }.into_response())
}

#[derive(Template, WebTemplate)]
#[template(path = "portal/reports/month.html")]
struct ClientMonthPage {
    page: Page,
    view: MonthView,
}

impl ClientMonthPage {
    /// "第2版" with its ふりがな, as HTML.
    fn version(&self) -> String {
        ruby::ruby(&version_text(self.page.lang, self.view.report.version))
    }
    /// "確認済み（2026-12-01 10:15）" with its ふりがな, as HTML.
    fn acknowledged_line(&self, at: &str) -> String {
        ruby::ruby(
            &self
                .page
                .lang
                .fill("portal.reports.acked", &[("at", at.to_string())]),
        )
    }
}

/// The version's label with its ふりがな marks.
fn version_text(lang: Lang, version: i64) -> String {
    lang.fill("portal.reports.version", &[("n", version.to_string())])
}

/// `/me/reports/{month}`: the latest final version of the month, with the button to
/// confirm it.
async fn client_month(
    ctx: Ctx,
    ClientSelf(me): ClientSelf,
    ReportMonth(month): ReportMonth,
) -> AppResult<Response> {
    let view = month_view(&ctx, me.client_id, month, &Reader::Client(me.account_id)).await?;
    let page = ctx.form_page("portal.reports.month_title").await?;
    Ok(ClientMonthPage { page, view }.into_response())
}

/// The client confirms the version they read: a share to the client by the portal, today
/// (Japan date), with who and when, and its audit row, in one transaction. Confirming the
/// same version again writes nothing.
async fn client_acknowledge(
    ctx: Ctx,
    ClientWrite(me): ClientWrite,
    ReportMonth(month): ReportMonth,
    CsrfForm(form): CsrfForm<AckForm>,
) -> AppResult<Response> {
    let db = &ctx.app.db;
    let report = store::reports::latest_final(db, me.client_id, month)
        .await?
        .ok_or(AppError::NotFound)?;
    if let Err(why) = report::may_acknowledge(Some(report.version), form.version()) {
        let mut view =
            month_view(&ctx, me.client_id, month, &Reader::Client(me.account_id)).await?;
        view.refusal = Some(refusal_key(why));
        let page = ctx.form_page("portal.reports.month_title").await?;
        return Ok(conflict(ClientMonthPage { page, view }));
    }
    let mut tx = db.begin().await?;
    let reader = OnlineReader::Client {
        account_id: me.account_id,
    };
    if let Some(sid) = store::reports::insert_online_ack(
        &mut tx,
        report.id,
        reader,
        &me.name,
        clock::now(),
        clock::today(),
    )
    .await?
    {
        ctx.audit(Action::ReportAcknowledge, &report)
            .office(me.office_id)
            .detail(format!(
                "online by the client (account {}) client={} month={month} version={} share={sid} to=client method=portal",
                me.account_id, me.client_id, report.version
            ))
            .write(&mut tx)
            .await?;
    }
    tx.commit().await?;
    Ok(see_other(&format!("/me/reports/{month}?n=confirmed")))
}

// ---------------------------------------------------------------------------------------
// The employer contact (企業担当者)

#[derive(Template, WebTemplate)]
#[template(path = "portal/reports/employer_list.html")]
struct EmployerListPage {
    page: Page,
    client_id: i64,
    client_name: String,
    months: Vec<MonthItem>,
}

/// `/employer/clients/{id}/reports`: the client's months with a final report, for a
/// contact the client's consent allows to receive reports (403 otherwise).
async fn employer_list(ctx: Ctx, access: EmployerClient) -> AppResult<Response> {
    access.require(Category::Reports)?;
    let reader = Reader::Employer(access.who.contact_id);
    let months = month_items(&ctx, access.client.id, &reader).await?;
    let page = ctx.form_page("portal.reports.employer_title").await?;
    Ok(EmployerListPage {
        page,
        client_id: access.client.id,
        client_name: access.client.name,
        months,
    }
    .into_response())
}

#[derive(Template, WebTemplate)]
#[template(path = "portal/reports/employer_month.html")]
struct EmployerMonthPage {
    page: Page,
    client_id: i64,
    client_name: String,
    reader_name: String,
    view: MonthView,
}

impl EmployerMonthPage {
    fn version(&self) -> String {
        ruby::plain(&version_text(self.page.lang, self.view.report.version))
    }
    /// "山田 課長 さまが確認済み（2026-12-01 10:15）".
    fn acknowledged_line(&self, at: &str) -> String {
        self.page.lang.fill(
            "portal.reports.employer_acked",
            &[("name", self.reader_name.clone()), ("at", at.to_string())],
        )
    }
}

async fn employer_month(
    ctx: Ctx,
    access: EmployerClient,
    ReportMonth(month): ReportMonth,
) -> AppResult<Response> {
    access.require(Category::Reports)?;
    let reader = Reader::Employer(access.who.contact_id);
    let view = month_view(&ctx, access.client.id, month, &reader).await?;
    let page = ctx.form_page("portal.reports.month_title").await?;
    Ok(EmployerMonthPage {
        page,
        client_id: access.client.id,
        client_name: access.client.name,
        reader_name: access.link.recipient_name,
        view,
    }
    .into_response())
}

/// The employer contact confirms the version they read: a share to them (recipient
/// employer, under the name the consent uses) by the portal, with the consent that allows
/// it, who and when, and its audit row. Checked against the consent now, like every request.
async fn employer_acknowledge(
    ctx: Ctx,
    access: EmployerClient,
    ReportMonth(month): ReportMonth,
    CsrfForm(form): CsrfForm<AckForm>,
) -> AppResult<Response> {
    access.require(Category::Reports)?;
    let db = &ctx.app.db;
    let client = &access.client;
    // The consent that allows sharing reports with this contact now: stored with the share,
    // as staff-recorded shares to an employer store theirs.
    let consents = store::consents::records_for_client(db, client.id).await?;
    let recipient = Recipient::Employer {
        name: access.link.recipient_name.clone(),
    };
    let consent_id = consent::check(
        &consents,
        &recipient,
        &[Category::Reports],
        clock::now(),
        clock::today(),
    )
    .map_err(|_| AppError::Forbidden)?;
    let reader = Reader::Employer(access.who.contact_id);
    let report = store::reports::latest_final(db, client.id, month)
        .await?
        .ok_or(AppError::NotFound)?;
    if let Err(why) = report::may_acknowledge(Some(report.version), form.version()) {
        let mut view = month_view(&ctx, client.id, month, &reader).await?;
        view.refusal = Some(refusal_key(why));
        let page = ctx.form_page("portal.reports.month_title").await?;
        return Ok(conflict(EmployerMonthPage {
            page,
            client_id: client.id,
            client_name: client.name.clone(),
            reader_name: access.link.recipient_name.clone(),
            view,
        }));
    }
    let mut tx = db.begin().await?;
    let online = OnlineReader::Employer {
        contact_id: access.who.contact_id,
        consent_id,
    };
    if let Some(sid) = store::reports::insert_online_ack(
        &mut tx,
        report.id,
        online,
        &access.link.recipient_name,
        clock::now(),
        clock::today(),
    )
    .await?
    {
        ctx.audit(Action::ReportAcknowledge, &report)
            .office(client.office_id)
            .detail(format!(
                "online by the employer contact {} ({}) client={} month={month} version={} share={sid} to=employer consent={consent_id} method=portal",
                access.who.contact_id, access.link.recipient_name, client.id, report.version
            ))
            .write(&mut tx)
            .await?;
    }
    tx.commit().await?;
    Ok(see_other(&format!(
        "/employer/clients/{}/reports/{month}?n=confirmed",
        client.id
    )))
}
