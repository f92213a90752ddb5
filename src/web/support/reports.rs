//! Monthly 支援レポート pages under a client: the list of months, a month with every version,
//! drafting from the month's records, editing and finalising the draft, corrections as new
//! versions, sharing with the client or a consented recipient with the confirmation, and
//! the printable A4 page.
//!
//! Sharing the report monthly with the client and the employer etc. is a condition for the
//! 基本報酬 (../shared/domain.md §3), so a final version is never changed silently (a
//! correction is version + 1 with its reason) and every share is recorded. Sharing with
//! anyone but the client passes `domain::consent::check` first (要配慮個人情報, APPI art.
//! 20(2)); when it is blocked the page says what and why, and nothing is saved.

use askama::Template;
use askama_web::WebTemplate;
use axum::{
    extract::{FromRequestParts, Query},
    http::request::Parts,
    response::{IntoResponse, Response},
};
use serde::Deserialize;

use crate::clock;
use crate::db::{Db, is_unique_violation};
use crate::domain::audit::Action;
use crate::domain::consent::{self, Blocked, Category, Recipient};
use crate::domain::fields::{self, FieldErrors};
use crate::domain::month::YearMonth;
use crate::domain::report::{
    self, DraftInput, PlanFact, Refusal, ReportStatus, STAFF_SHARE_METHODS, draft_body, parse_month,
};
use crate::error::{AppError, AppResult};
use crate::i18n::Lang;
use crate::store::{
    self,
    clients::Client,
    consents::ConsentRow,
    reports::{NewShare, ReportRow, ShareRow},
};
use crate::web::{
    access::{Child, ClientEdit, ClientView, OfClient, Policy, Routes, Sub, path_params},
    confirm::{self, ConfirmPage},
    csrf::CsrfForm,
    ctx::{AuditRef, AuditTarget, Ctx, Page},
    see_other,
    sheet::{self, SheetHead},
    support::plans::conflict,
    unprocessable,
};

pub fn routes() -> Routes {
    Routes::new()
        .get("/clients/{id}/reports", Policy::ClientView, list_reports)
        .post("/clients/{id}/reports", Policy::ClientEdit, create_report)
        .get(
            "/clients/{id}/reports/{month}",
            Policy::ClientView,
            show_month,
        )
        .post(
            "/clients/{id}/reports/{month}/body",
            Policy::ClientEdit,
            update_body,
        )
        .post(
            "/clients/{id}/reports/{month}/finalise",
            Policy::ClientEdit,
            finalise,
        )
        .post(
            "/clients/{id}/reports/{month}/correct",
            Policy::ClientEdit,
            correct,
        )
        .post(
            "/clients/{id}/reports/{month}/shares",
            Policy::ClientEdit,
            share,
        )
        .post(
            "/clients/{id}/reports/{month}/shares/{sid}/acknowledge",
            Policy::ClientEdit,
            acknowledge,
        )
        .get(
            "/clients/{id}/reports/{month}/print",
            Policy::ClientView,
            print,
        )
}

/// The `{month}` of the path (not a record: the report of a month is found by client and
/// month), or 404. Taken after the client's extractor, so its check answers first.
pub struct ReportMonth(pub YearMonth);

impl<S: Send + Sync> FromRequestParts<S> for ReportMonth {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        path_params(parts, state)
            .await?
            .get("month")
            .and_then(|raw| YearMonth::parse(raw))
            .map(ReportMonth)
            .ok_or(AppError::NotFound)
    }
}

/// `{sid}` in `/clients/{id}/reports/{month}/shares/{sid}/…`: a share of one of that
/// client's reports (the handler checks it is of `{month}`).
impl Child for ShareRow {
    type Of = OfClient;
    const PARAM: &'static str = "sid";
    async fn load(db: &Db, client_id: i64, id: i64) -> Result<Option<Self>, sqlx::Error> {
        store::reports::find_share(db, client_id, id).await
    }
}

impl AuditTarget for ReportRow {
    fn audit_ref(&self) -> AuditRef {
        AuditRef::new("support_report", self.id).client(self.client_id)
    }
}

fn month_url(client: &Client, month: YearMonth) -> String {
    format!("/clients/{}/reports/{month}", client.id)
}

/// "第2版" / "version 2".
fn version_label(page: &Page, n: i64) -> String {
    page.t("report.version_label")
        .replace("{n}", &n.to_string())
}

// ---------------------------------------------------------------------------------------
// The list of months

struct MonthRow {
    month: String,
    latest_version: i64,
    latest_key: &'static str,
    status: ReportStatus,
}

#[derive(Template, WebTemplate)]
#[template(path = "support/reports/list.html")]
struct ListPage {
    page: Page,
    client: Client,
    months: Vec<MonthRow>,
    report_month: String,
    errors: FieldErrors,
}

impl ListPage {
    fn version(&self, n: &i64) -> String {
        version_label(&self.page, *n)
    }
}

async fn list_page(ctx: &Ctx, client: Client) -> AppResult<ListPage> {
    let db = &ctx.app.db;
    let rows = store::reports::list_for_client(db, client.id).await?;
    let shares = store::reports::shares_for_client(db, client.id).await?;
    let mut months: Vec<MonthRow> = Vec::new();
    // Rows come newest month first, newest version first: the first row of a month is its
    // latest version.
    for r in &rows {
        if months.iter().any(|m| m.month == r.month) {
            continue;
        }
        let of_month: Vec<ReportRow> = rows
            .iter()
            .filter(|x| x.month == r.month)
            .cloned()
            .collect();
        let month_shares: Vec<ShareRow> = shares
            .iter()
            .filter(|s| s.month == r.month)
            .cloned()
            .collect();
        months.push(MonthRow {
            month: r.month.clone(),
            latest_version: r.version,
            latest_key: r.status().label_key(),
            status: store::reports::status_from_rows(&of_month, &month_shares),
        });
    }
    Ok(ListPage {
        page: ctx.page("report.title"),
        client,
        months,
        // Reports are usually written after the month ends.
        report_month: YearMonth::of(clock::today()).previous().to_string(),
        errors: FieldErrors::new(),
    })
}

pub async fn list_reports(ctx: Ctx, ClientView { client, .. }: ClientView) -> AppResult<Response> {
    Ok(list_page(&ctx, client).await?.into_response())
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct CreateForm {
    pub report_month: String,
}

/// "作成する": the first version of a month, drafted from the month's records. If the month
/// has a report already, go to it: there is one report per month, in versions.
pub async fn create_report(
    ctx: Ctx,
    ClientEdit { client, office, .. }: ClientEdit,
    CsrfForm(form): CsrfForm<CreateForm>,
) -> AppResult<Response> {
    let mut errors = FieldErrors::new();
    let Some(month) = parse_month(
        &mut errors,
        "report_month",
        &form.report_month,
        clock::today(),
    ) else {
        let mut page = list_page(&ctx, client).await?;
        page.errors = errors;
        page.report_month = form.report_month;
        return Ok(unprocessable(page));
    };
    let db = &ctx.app.db;
    if !store::reports::versions(db, client.id, month)
        .await?
        .is_empty()
    {
        return Ok(see_other(&month_url(&client, month)));
    }
    let contacts = store::reports::month_contacts(db, client.id, month).await?;
    let concerns = store::reports::month_concerns(db, client.id, month).await?;
    let tasks = store::reports::month_tasks(db, client.id, month).await?;
    let plan = store::plans::current_for_client(db, client.id)
        .await?
        .map(|p| PlanFact {
            goals: p.goals,
            contact_frequency: p.contact_frequency,
            review_on: p.review_on,
        });
    let words = |k: &str| Lang::Ja.get(k);
    let body = draft_body(
        &DraftInput {
            month,
            contacts: &contacts,
            concerns: &concerns,
            tasks: &tasks,
            plan: plan.as_ref(),
        },
        &words,
    );
    let mut tx = db.begin().await?;
    let rid =
        match store::reports::insert_first(&mut tx, client.id, month, &body, clock::now()).await {
            Ok(rid) => rid,
            // Someone else created it a moment ago: theirs is the month's report.
            Err(e) if is_unique_violation(&e) => return Ok(see_other(&month_url(&client, month))),
            Err(e) => return Err(e.into()),
        };
    ctx.audit(
        Action::ReportCreate,
        &AuditRef::new("support_report", rid).client(client.id),
    )
    .office(office.id)
    .detail(format!(
        "client={} month={month} version=1 contacts={}",
        client.id,
        contacts.len()
    ))
    .write(&mut tx)
    .await?;
    tx.commit().await?;
    Ok(see_other(&format!(
        "{}?n=created",
        month_url(&client, month)
    )))
}

// ---------------------------------------------------------------------------------------
// One month

/// A recipient the share form offers (value, name, kind's label key).
struct RecipientOption {
    value: String,
    name: String,
    kind_key: &'static str,
}

/// Why a share was blocked, in words: the consent rule's explanation and what it names
/// (the withdrawal time, the start date, the missing categories).
struct BlockedView {
    key: &'static str,
    detail: String,
}

/// The values of the month page's forms, kept when one is re-rendered with messages.
#[derive(Debug, Default)]
struct Forms {
    body: String,
    correction_reason: String,
    recipient: String,
    employer_name: String,
    shared_on: String,
    method: String,
    ack_share_id: Option<i64>,
    acknowledged_on: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "support/reports/month.html")]
struct MonthPage {
    page: Page,
    client: Client,
    month: String,
    versions: Vec<ReportRow>,
    shares: Vec<ShareRow>,
    status: ReportStatus,
    recipients: Vec<RecipientOption>,
    methods: [&'static str; 3],
    forms: Forms,
    errors: FieldErrors,
    blocked: Option<BlockedView>,
    refusal: Option<&'static str>,
}

impl MonthPage {
    fn version(&self, n: &i64) -> String {
        version_label(&self.page, *n)
    }
    /// The message of the confirmation form of this share, if it was the one sent.
    fn ack_error(&self, share_id: &i64) -> Option<&'static str> {
        if self.forms.ack_share_id == Some(*share_id) {
            self.errors.get("share_acknowledged_on")
        } else {
            None
        }
    }
    /// The latest version: the one that may be edited (draft) or corrected (final).
    fn latest(&self) -> Option<&ReportRow> {
        self.versions.first()
    }
    /// The version shares are recorded for: the latest final one.
    fn latest_final(&self) -> Option<&ReportRow> {
        self.versions.iter().find(|v| v.is_final())
    }
    /// Every version but a latest draft (that one is in the edit form).
    fn history(&self) -> Vec<&ReportRow> {
        self.versions
            .iter()
            .filter(|v| v.is_final() || Some(v.id) != self.latest().map(|l| l.id))
            .collect()
    }
    fn at(&self, at: &Option<time::OffsetDateTime>) -> String {
        at.map(clock::format_jst).unwrap_or_default()
    }
    fn kind_key(&self, kind: &str) -> String {
        format!("share.kind.{kind}")
    }
    fn method_key(&self, method: &str) -> String {
        format!("share.method.{method}")
    }
    /// "本人がオンラインで確認 2026-12-01 10:15" for a share the portal recorded.
    fn online_ack(&self, share: &ShareRow) -> Option<String> {
        online_ack_line(self.page.lang, share)
    }
    /// The id of the confirmation date input of a share: the plain field id for the share
    /// whose form has a message (so the error summary links to it), unique ids otherwise.
    fn ack_id(&self, share_id: &i64) -> String {
        if self.forms.ack_share_id == Some(*share_id) {
            "f-share_acknowledged_on".to_string()
        } else {
            format!("f-ack-{share_id}")
        }
    }
    fn ack_value(&self, share_id: &i64) -> String {
        if self.forms.ack_share_id == Some(*share_id) {
            self.forms.acknowledged_on.clone()
        } else {
            clock::today().to_string()
        }
    }
}

/// The month page as stored, with empty forms.
async fn month_page(ctx: &Ctx, client: Client, month: YearMonth) -> AppResult<MonthPage> {
    let db = &ctx.app.db;
    let versions = store::reports::versions(db, client.id, month).await?;
    let shares = store::reports::shares(db, client.id, month).await?;
    let status = store::reports::status_from_rows(&versions, &shares);
    let consents = store::consents::list_for_client(db, client.id).await?;
    let recipients = recipient_options(&consents);
    let forms = Forms {
        body: versions.first().map(|v| v.body.clone()).unwrap_or_default(),
        shared_on: clock::today().to_string(),
        ..Forms::default()
    };
    Ok(MonthPage {
        page: ctx.page("report.month_title"),
        client,
        month: month.to_string(),
        versions,
        shares,
        status,
        recipients,
        methods: STAFF_SHARE_METHODS,
        forms,
        errors: FieldErrors::new(),
        blocked: None,
        refusal: None,
    })
}

/// The consented recipients a report may go to today: those the check for 支援レポート
/// allows now, one option each. Others are not offered; a recipient typed by name is still
/// checked when the form is sent, and so is an offered one (consent may be withdrawn
/// between showing the page and sending it).
fn recipient_options(consents: &[ConsentRow]) -> Vec<RecipientOption> {
    let records: Vec<_> = consents.iter().map(ConsentRow::record).collect();
    let (now, today) = (clock::now(), clock::today());
    let mut out: Vec<RecipientOption> = Vec::new();
    for c in consents {
        let recipient = c.record().recipient;
        // The option names the consent that allows it (another consent for the same
        // recipient may not cover reports).
        let Ok(allowing) = consent::check(&records, &recipient, &[Category::Reports], now, today)
        else {
            continue;
        };
        let value = format!("consent-{allowing}");
        // One option per recipient: several consents may name the same one.
        if out.iter().any(|o| o.value == value) {
            continue;
        }
        let name = consents
            .iter()
            .find(|x| x.id == allowing)
            .map_or_else(|| c.recipient_name.clone(), |x| x.recipient_name.clone());
        out.push(RecipientOption {
            value,
            name,
            kind_key: match recipient {
                Recipient::Institution { .. } => "share.kind.institution",
                Recipient::Employer { .. } => "share.kind.employer",
            },
        });
    }
    out
}

pub async fn show_month(
    ctx: Ctx,
    ClientView { client, .. }: ClientView,
    ReportMonth(month): ReportMonth,
) -> AppResult<Response> {
    Ok(month_page(&ctx, client, month).await?.into_response())
}

/// The month page with an alert saying why the request was refused (409).
async fn refused(ctx: &Ctx, client: Client, month: YearMonth, why: Refusal) -> AppResult<Response> {
    let mut page = month_page(ctx, client, month).await?;
    page.refusal = Some(why.key());
    Ok(conflict(page))
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct BodyForm {
    pub version: String,
    pub report_body: String,
    /// `yes` on the confirmation page's POST (`web::confirm`).
    pub confirm: String,
}

/// What a POST of the draft form does.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Step {
    /// 下書きを保存する.
    Save,
    /// 確定の確認へ: saves the draft and shows what will be fixed.
    Review,
    /// The confirmation page's 確定.
    Finalise,
}

/// The latest version, if the draft form for `form_version` may change it.
async fn editable_latest(
    ctx: &Ctx,
    client: &Client,
    month: YearMonth,
    form_version: &str,
) -> AppResult<Result<ReportRow, Refusal>> {
    let versions = store::reports::versions(&ctx.app.db, client.id, month).await?;
    let latest = versions.into_iter().next().ok_or(AppError::NotFound)?;
    let form_version = form_version.trim().parse::<i64>().unwrap_or(0);
    Ok(report::may_edit(latest.status(), latest.version, form_version).map(|()| latest))
}

pub async fn update_body(
    ctx: Ctx,
    access: ClientEdit,
    ReportMonth(month): ReportMonth,
    CsrfForm(form): CsrfForm<BodyForm>,
) -> AppResult<Response> {
    save_body(ctx, access, month, form, Step::Save).await
}

/// 確定, in two steps: the draft form's button saves the body and shows the confirmation
/// page (`web::confirm`); its button (`confirm=yes`) saves the body as shown there and
/// makes the version final.
pub async fn finalise(
    ctx: Ctx,
    access: ClientEdit,
    ReportMonth(month): ReportMonth,
    CsrfForm(form): CsrfForm<BodyForm>,
) -> AppResult<Response> {
    let step = if confirm::confirmed(&form.confirm) {
        Step::Finalise
    } else {
        Step::Review
    };
    save_body(ctx, access, month, form, step).await
}

/// The confirmation page before the version is made final.
fn finalise_confirmation(
    ctx: &Ctx,
    client: &Client,
    month: YearMonth,
    latest: &ReportRow,
    body: &str,
) -> Response {
    let page = ctx.page("report.confirm_title");
    let version = version_label(&page, latest.version);
    let month_text = match page.lang {
        Lang::Ja => month.japanese(),
        Lang::En => month.to_string(),
    };
    let lead = page.lang.fill(
        "report.confirm_lead",
        &[
            ("name", client.name.clone()),
            ("month", month_text.clone()),
            ("version", version.clone()),
        ],
    );
    ConfirmPage {
        lead,
        facts: vec![
            (
                page.t("report.confirm_client").to_string(),
                client.name.clone(),
            ),
            (page.t("report.confirm_month").to_string(), month_text),
            (page.t("report.confirm_version").to_string(), version),
        ],
        body: Some(body.to_string()),
        warning: page.t("report.confirm_warning").to_string(),
        action: format!("{}/finalise", month_url(client, month)),
        hidden: vec![
            ("version".into(), latest.version.to_string()),
            ("report_body".into(), body.to_string()),
        ],
        button: page.t("report.confirm_button").to_string(),
        back_href: month_url(client, month),
        page,
    }
    .into_response()
}

async fn save_body(
    ctx: Ctx,
    ClientEdit {
        who,
        client,
        office,
    }: ClientEdit,
    month: YearMonth,
    form: BodyForm,
    step: Step,
) -> AppResult<Response> {
    let and_finalise = step == Step::Finalise;
    let latest = match editable_latest(&ctx, &client, month, &form.version).await? {
        Ok(latest) => latest,
        Err(why) => return refused(&ctx, client, month, why).await,
    };
    let mut errors = FieldErrors::new();
    let body = report::parse_body(&mut errors, &form.report_body);
    if !errors.is_empty() {
        let mut page = month_page(&ctx, client, month).await?;
        page.errors = errors;
        page.forms.body = form.report_body;
        return Ok(unprocessable(page));
    }
    let now = clock::now();
    let mut tx = ctx.app.db.begin().await?;
    let mut saved = store::reports::update_body(&mut tx, latest.id, &body, now).await?;
    if saved && and_finalise {
        saved = store::reports::finalise(&mut tx, latest.id, who.id, now).await?;
    }
    if !saved {
        // Finalised by someone else since the page was loaded.
        drop(tx);
        return refused(&ctx, client, month, Refusal::FinalIsFixed).await;
    }
    let action = if and_finalise {
        Action::ReportFinalise
    } else {
        Action::ReportUpdate
    };
    ctx.audit(action, &latest)
        .office(office.id)
        .detail(format!(
            "client={} month={month} version={}",
            client.id, latest.version
        ))
        .write(&mut tx)
        .await?;
    tx.commit().await?;
    if step == Step::Review {
        return Ok(finalise_confirmation(&ctx, &client, month, &latest, &body));
    }
    Ok(see_other(&format!("{}?n=saved", month_url(&client, month))))
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct CorrectForm {
    pub version: String,
    pub report_correction_reason: String,
}

/// 訂正: a new draft version with the final body copied and the reason recorded. The final
/// version stays as it was, and its shares with it.
pub async fn correct(
    ctx: Ctx,
    ClientEdit { client, office, .. }: ClientEdit,
    ReportMonth(month): ReportMonth,
    CsrfForm(form): CsrfForm<CorrectForm>,
) -> AppResult<Response> {
    let versions = store::reports::versions(&ctx.app.db, client.id, month).await?;
    let latest = versions.into_iter().next().ok_or(AppError::NotFound)?;
    if let Err(why) = report::may_correct(latest.status()) {
        return refused(&ctx, client, month, why).await;
    }
    if form.version.trim().parse::<i64>().ok() != Some(latest.version) {
        return refused(&ctx, client, month, Refusal::Stale).await;
    }
    let mut errors = FieldErrors::new();
    let reason = report::parse_correction_reason(&mut errors, &form.report_correction_reason);
    if !errors.is_empty() {
        let mut page = month_page(&ctx, client, month).await?;
        page.errors = errors;
        page.forms.correction_reason = form.report_correction_reason;
        return Ok(unprocessable(page));
    }
    let mut tx = ctx.app.db.begin().await?;
    let rid = match store::reports::insert_correction(&mut tx, &latest, &reason, clock::now()).await
    {
        Ok(rid) => rid,
        Err(e) if is_unique_violation(&e) => {
            drop(tx);
            return refused(&ctx, client, month, Refusal::Stale).await;
        }
        Err(e) => return Err(e.into()),
    };
    ctx.audit(
        Action::ReportCorrect,
        &AuditRef::new("support_report", rid).client(client.id),
    )
    .office(office.id)
    .detail(format!(
        "client={} month={month} version={}→{} (report {} → {rid})",
        client.id,
        latest.version,
        latest.version + 1,
        latest.id
    ))
    .write(&mut tx)
    .await?;
    tx.commit().await?;
    Ok(see_other(&format!(
        "{}?n=created",
        month_url(&client, month)
    )))
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ShareForm {
    pub version: String,
    pub share_recipient: String,
    pub share_employer_name: String,
    pub share_shared_on: String,
    pub share_method: String,
}

/// Records that a final version was handed to the client or to a consented recipient. For
/// anyone but the client, `domain::consent::check` decides first; blocked means 422 with
/// the reason and no row.
pub async fn share(
    ctx: Ctx,
    ClientEdit {
        who,
        client,
        office,
    }: ClientEdit,
    ReportMonth(month): ReportMonth,
    CsrfForm(form): CsrfForm<ShareForm>,
) -> AppResult<Response> {
    let db = &ctx.app.db;
    let versions = store::reports::versions(db, client.id, month).await?;
    let version = form.version.trim().parse::<i64>().ok();
    let Some(report) = versions
        .iter()
        .find(|v| Some(v.version) == version && v.is_final())
    else {
        return refused(&ctx, client, month, Refusal::NotFinal).await;
    };
    let today = clock::today();
    let mut errors = FieldErrors::new();
    let shared_on = fields::date(&mut errors, "share_shared_on", &form.share_shared_on, true);
    if let Some(d) = shared_on {
        let finalised_on = report
            .finalised_at
            .map(|at| at.to_offset(clock::JST).date());
        if d > today {
            errors.add("share_shared_on", "share.err.future");
        } else if finalised_on.is_some_and(|f| d < f) {
            errors.add("share_shared_on", "share.err.before_final");
        }
    }
    let method = form.share_method.trim();
    // The portal's shares are written by the portal alone, with who confirmed and when.
    if !STAFF_SHARE_METHODS.contains(&method) {
        errors.add("share_method", "err.choose");
    }
    let consents = store::consents::list_for_client(db, client.id).await?;
    // (kind, name, the recipient the consent rule looks for; None for the client)
    let target: Option<(&'static str, String, Option<Recipient>)> =
        match form.share_recipient.trim() {
            "client" => Some(("client", client.name.clone(), None)),
            "employer" => {
                let name = fields::required_text(
                    &mut errors,
                    "share_employer_name",
                    &form.share_employer_name,
                    100,
                );
                Some(("employer", name.clone(), Some(Recipient::Employer { name })))
            }
            other => other
                .strip_prefix("consent-")
                .and_then(|cid| cid.parse::<i64>().ok())
                .and_then(|cid| consents.iter().find(|c| c.id == cid))
                .map(|c| {
                    let recipient = c.record().recipient;
                    let kind = match recipient {
                        Recipient::Institution { .. } => "institution",
                        Recipient::Employer { .. } => "employer",
                    };
                    (kind, c.recipient_name.clone(), Some(recipient))
                }),
        };
    if target.is_none() {
        errors.add("share_recipient", "err.choose");
    }
    let mut blocked = None;
    let mut consent_id = None;
    if let Some((_, _, Some(recipient))) = &target
        && errors.is_empty()
    {
        let records: Vec<_> = consents.iter().map(ConsentRow::record).collect();
        match consent::check(
            &records,
            recipient,
            &[Category::Reports],
            clock::now(),
            clock::today(),
        ) {
            Ok(cid) => consent_id = Some(cid),
            Err(why) => {
                errors.add("share_recipient", "share.blocked");
                blocked = Some(blocked_view(ctx.lang, &why));
            }
        }
    }
    let (Some((kind, name, _)), Some(shared_on), true) = (target, shared_on, errors.is_empty())
    else {
        let mut page = month_page(&ctx, client, month).await?;
        page.errors = errors;
        page.blocked = blocked;
        page.forms.recipient = form.share_recipient;
        page.forms.employer_name = form.share_employer_name;
        page.forms.shared_on = form.share_shared_on;
        page.forms.method = form.share_method;
        return Ok(unprocessable(page));
    };
    let share = NewShare {
        recipient_kind: kind,
        recipient_name: name,
        consent_id,
        shared_on,
        method: method.to_string(),
    };
    let mut tx = db.begin().await?;
    let sid =
        store::reports::insert_share(&mut tx, report.id, &share, who.id, clock::now()).await?;
    ctx.audit(Action::ReportShare, report)
        .office(office.id)
        .detail(format!(
            "client={} month={month} version={} to={kind} consent={} method={} share={sid}",
            client.id,
            report.version,
            consent_id
                .map(|c| c.to_string())
                .unwrap_or_else(|| "-".into()),
            share.method
        ))
        .write(&mut tx)
        .await?;
    tx.commit().await?;
    Ok(see_other(&format!("{}?n=saved", month_url(&client, month))))
}

/// Who confirmed a share online and when (Japan time), for the staff's month page: `None`
/// for a share staff recorded by hand.
fn online_ack_line(lang: Lang, share: &ShareRow) -> Option<String> {
    let at = share.acknowledged_at.filter(|_| share.is_online())?;
    let at = clock::format_jst(at);
    Some(if share.employer_contact_id.is_some() {
        lang.fill(
            "share.online.employer",
            &[("name", share.recipient_name.clone()), ("at", at)],
        )
    } else {
        lang.fill("share.online.client", &[("at", at)])
    })
}

/// The reason a share is blocked, with what it names, in the page's language.
fn blocked_view(lang: Lang, why: &Blocked) -> BlockedView {
    let detail = match why {
        Blocked::NoConsent => String::new(),
        Blocked::Withdrawn { at } => clock::format_jst(*at),
        Blocked::NotYetValid { from } => from.to_string(),
        Blocked::MissingCategories(cats) => cats
            .iter()
            .map(|c| lang.t(c.label_key()))
            .collect::<Vec<_>>()
            .join("、"),
    };
    BlockedView {
        key: why.key(),
        detail,
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct AckForm {
    pub share_acknowledged_on: String,
}

/// Records the recipient's confirmation (確認) of a share. The first one recorded stands.
pub async fn acknowledge(
    ctx: Ctx,
    Sub(ClientEdit { client, office, .. }, share): Sub<ClientEdit, ShareRow>,
    ReportMonth(month): ReportMonth,
    CsrfForm(form): CsrfForm<AckForm>,
) -> AppResult<Response> {
    // A share of another month of the same client answers as a missing one.
    if share.month != month.to_string() {
        return Err(AppError::NotFound);
    }
    let sid = share.id;
    if share.acknowledged_on.is_some() {
        let mut page = month_page(&ctx, client, month).await?;
        page.refusal = Some("share.refused.acknowledged");
        return Ok(conflict(page));
    }
    let mut errors = FieldErrors::new();
    let on = fields::date(
        &mut errors,
        "share_acknowledged_on",
        &form.share_acknowledged_on,
        true,
    );
    if let Some(d) = on {
        if d > clock::today() {
            errors.add("share_acknowledged_on", "share.err.future");
        } else if d < share.shared_on {
            errors.add("share_acknowledged_on", "share.err.ack_before_share");
        }
    }
    let Some(on) = on.filter(|_| errors.is_empty()) else {
        let mut page = month_page(&ctx, client, month).await?;
        page.errors = errors;
        page.forms.ack_share_id = Some(sid);
        page.forms.acknowledged_on = form.share_acknowledged_on;
        return Ok(unprocessable(page));
    };
    let mut tx = ctx.app.db.begin().await?;
    if !store::reports::acknowledge(&mut tx, sid, on).await? {
        drop(tx);
        let mut page = month_page(&ctx, client, month).await?;
        page.refusal = Some("share.refused.acknowledged");
        return Ok(conflict(page));
    }
    ctx.audit(
        Action::ReportAcknowledge,
        &AuditRef::new("support_report", share.report_id).client(client.id),
    )
    .office(office.id)
    .detail(format!(
        "client={} month={month} version={} share={sid} to={} on={on}",
        client.id, share.version, share.recipient_kind
    ))
    .write(&mut tx)
    .await?;
    tx.commit().await?;
    Ok(see_other(&format!("{}?n=saved", month_url(&client, month))))
}

// ---------------------------------------------------------------------------------------
// The printable page

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct PrintQuery {
    pub version: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "support/reports/print.html")]
struct PrintPage {
    page: Page,
    client: Client,
    head: SheetHead,
    /// The month as written on paper (`2026年11月`).
    month: String,
    /// The client's current employer, who receives the report too (a line for them).
    employer: Option<String>,
    report: ReportRow,
    finalised_at: String,
    /// The client's online confirmation of this version, filled in the 本人確認欄.
    client_ack: Option<String>,
    /// Each employer contact's online confirmation of this version.
    employer_acks: Vec<String>,
}

impl PrintPage {
    fn version(&self, n: &i64) -> String {
        version_label(&self.page, *n)
    }
}

/// The A4 page of a final version: the latest final one, or `?version=N`. A draft is not
/// printed: what goes out on paper is what was finalised.
pub async fn print(
    ctx: Ctx,
    ClientView { client, office, .. }: ClientView,
    ReportMonth(month): ReportMonth,
    Query(query): Query<PrintQuery>,
) -> AppResult<Response> {
    let versions = store::reports::versions(&ctx.app.db, client.id, month).await?;
    let wanted = query.version.trim();
    let report = if wanted.is_empty() {
        versions.into_iter().find(ReportRow::is_final)
    } else {
        let n = wanted.parse::<i64>().map_err(|_| AppError::NotFound)?;
        versions
            .into_iter()
            .find(|v| v.version == n && v.is_final())
    }
    .ok_or(AppError::NotFound)?;
    let shares = store::reports::shares(&ctx.app.db, client.id, month).await?;
    let (client_ack, employer_acks) = print_ack_lines(ctx.lang, &report, &shares);
    let head = SheetHead::load(&ctx.app.db, &office, ctx.lang).await?;
    let employer = sheet::current_employer(&ctx.app.db, client.id).await?;
    // Printing takes the report out of the system onto paper: worth a line in the log.
    ctx.audit(Action::ReportPrint, &report)
        .office(office.id)
        .detail(format!(
            "client={} month={month} version={}",
            client.id, report.version
        ))
        .write_now(&ctx.app.db)
        .await?;
    Ok(PrintPage {
        page: ctx.page("report.print_title"),
        finalised_at: report
            .finalised_at
            .map(clock::format_jst)
            .unwrap_or_default(),
        client,
        month: head.month(month),
        head,
        employer,
        report,
        client_ack,
        employer_acks,
    }
    .into_response())
}

/// The print's confirmation lines for the printed version: the client's (the first online
/// confirmation, "オンラインで確認（2026年12月1日）") and one per employer contact. Oldest first.
fn print_ack_lines(
    lang: Lang,
    report: &ReportRow,
    shares: &[ShareRow],
) -> (Option<String>, Vec<String>) {
    let mut online: Vec<&ShareRow> = shares
        .iter()
        .filter(|s| s.report_id == report.id && s.is_online())
        .collect();
    online.sort_by_key(|s| (s.acknowledged_at, s.id));
    let date = |s: &ShareRow| {
        let d = s.acknowledged_on.unwrap_or(s.shared_on);
        match lang {
            Lang::Ja => report::japanese_date(d),
            Lang::En => d.to_string(),
        }
    };
    let client = online
        .iter()
        .find(|s| s.client_account_id.is_some())
        .map(|s| lang.fill("report.print_online_client", &[("date", date(s))]));
    let employers = online
        .iter()
        .filter(|s| s.employer_contact_id.is_some())
        .map(|s| {
            lang.fill(
                "report.print_online_employer",
                &[("name", s.recipient_name.clone()), ("date", date(s))],
            )
        })
        .collect();
    (client, employers)
}
