//! 就労定着支援計画 pages under a client: the plan with its history, writing and editing a
//! draft, and the state changes (agree, start the review, revise) of `domain::plan`.
//!
//! Any staff member of the client's office may write (the サービス管理責任者 writes the plan,
//! ../shared/domain.md §3, but supporters draft it with them). A refused state change is
//! answered with the plan page, status 409 and what the change needs; a form that does not
//! validate, with status 422 and its field messages.

use crate::web::access::{Policy, Routes};
use askama::Template;
use askama_web::WebTemplate;
use axum::{
    extract::Path,
    http::StatusCode,
    response::{IntoResponse, Response},
};
use serde::Deserialize;
use time::Date;

use crate::clock;
use crate::domain::fields::FieldErrors;
use crate::domain::plan::{
    self, Action, PlanForm, PlanStatus, parse_agreed_on, review_due, revision_of,
};
use crate::error::{AppError, AppResult};
use crate::store::{self, audit::Entry, clients::Client, offices::Office, plans::PlanRow};
use crate::web::{
    csrf::CsrfForm,
    ctx::{Ctx, Page},
    parse_id,
    records::clients::visible_client,
    see_other, unprocessable,
};

pub fn routes() -> Routes {
    Routes::new()
        .get("/clients/{id}/plans", Policy::ClientView, list_plans)
        .post("/clients/{id}/plans", Policy::ClientEdit, create_plan)
        .get("/clients/{id}/plans/new", Policy::ClientEdit, new_plan)
        .post("/clients/{id}/plans/{pid}", Policy::ClientEdit, update_plan)
        .get(
            "/clients/{id}/plans/{pid}/edit",
            Policy::ClientEdit,
            edit_plan,
        )
        .post(
            "/clients/{id}/plans/{pid}/agree",
            Policy::ClientEdit,
            agree_plan,
        )
        .post(
            "/clients/{id}/plans/{pid}/review",
            Policy::ClientEdit,
            review_plan,
        )
        .post(
            "/clients/{id}/plans/{pid}/revise",
            Policy::ClientEdit,
            revise_plan,
        )
}

/// A page re-rendered because a state change or an edit is not allowed now: 409 Conflict,
/// since the request is well formed but the record is not in a state that allows it.
pub(crate) fn conflict(page: impl IntoResponse) -> Response {
    (StatusCode::CONFLICT, page).into_response()
}

/// Why a request was refused, for the alert at the top of the plan page.
struct Refused {
    key: &'static str,
    /// The state the plan is in, when the refusal is about its state.
    status_key: Option<&'static str>,
}

struct PlanView {
    row: PlanRow,
    status: PlanStatus,
    due: bool,
    /// The newer plan that replaced this one.
    replaced_by: Option<i64>,
}

#[derive(Template, WebTemplate)]
#[template(path = "support/plans/list.html")]
struct ListPage {
    page: Page,
    client: Client,
    office: Office,
    plans: Vec<PlanView>,
    has_open: bool,
    review_months: i64,
    errors: FieldErrors,
    agreed_on: String,
    refused: Option<Refused>,
}

impl ListPage {
    fn is(&self, p: &PlanView, code: &str) -> bool {
        p.status.code() == code
    }
}

async fn list_page(ctx: &Ctx, client: Client, office: Office) -> AppResult<ListPage> {
    let db = &ctx.app.db;
    let rows = store::plans::list_for_client(db, client.id).await?;
    let today = clock::today();
    let plans: Vec<PlanView> = rows
        .iter()
        .map(|row| PlanView {
            status: row.status(),
            due: review_due(&row.plan(), today),
            replaced_by: rows
                .iter()
                .find(|r| r.replaces_id == Some(row.id))
                .map(|r| r.id),
            row: row.clone(),
        })
        .collect();
    Ok(ListPage {
        page: ctx.page("plan.title"),
        has_open: plans.iter().any(|p| p.status.is_open()),
        review_months: store::plans::review_months(db, office.id).await?,
        client,
        office,
        plans,
        errors: FieldErrors::new(),
        agreed_on: today.to_string(),
        refused: None,
    })
}

pub async fn list_plans(ctx: Ctx, Path(id): Path<String>) -> AppResult<Response> {
    let who = ctx.staff()?;
    let (client, office) = visible_client(&ctx, &who, &id).await?;
    Ok(list_page(&ctx, client, office).await?.into_response())
}

#[derive(Template, WebTemplate)]
#[template(path = "support/plans/form.html")]
struct FormPage {
    page: Page,
    client: Client,
    form: PlanForm,
    errors: FieldErrors,
    action: String,
    review_months: i64,
}

/// A new plan only when the client has none open: a later plan is a revision of the
/// current one, so the history stays one line (old → new).
async fn refuse_new_if_open(
    ctx: &Ctx,
    client: &Client,
    office: &Office,
) -> AppResult<Option<Response>> {
    let plans = store::plans::list_for_client(&ctx.app.db, client.id).await?;
    if plans.iter().any(|p| p.status().is_open()) {
        let mut page = list_page(ctx, client.clone(), office.clone()).await?;
        page.refused = Some(Refused {
            key: "plan.refused.open_exists",
            status_key: None,
        });
        return Ok(Some(conflict(page)));
    }
    Ok(None)
}

pub async fn new_plan(ctx: Ctx, Path(id): Path<String>) -> AppResult<Response> {
    let who = ctx.staff()?;
    let (client, office) = visible_client(&ctx, &who, &id).await?;
    if let Some(refused) = refuse_new_if_open(&ctx, &client, &office).await? {
        return Ok(refused);
    }
    let review_months = store::plans::review_months(&ctx.app.db, office.id).await?;
    let action = format!("/clients/{}/plans", client.id);
    Ok(FormPage {
        page: ctx.page("plan.new"),
        client,
        form: PlanForm {
            plan_start_on: clock::today().to_string(),
            ..PlanForm::default()
        },
        errors: FieldErrors::new(),
        action,
        review_months,
    }
    .into_response())
}

pub async fn create_plan(
    ctx: Ctx,
    Path(id): Path<String>,
    CsrfForm(form): CsrfForm<PlanForm>,
) -> AppResult<Response> {
    let who = ctx.staff()?;
    let (client, office) = visible_client(&ctx, &who, &id).await?;
    if let Some(refused) = refuse_new_if_open(&ctx, &client, &office).await? {
        return Ok(refused);
    }
    let review_months = store::plans::review_months(&ctx.app.db, office.id).await?;
    let input = match form.parse(review_months) {
        Ok(i) => i,
        Err(errors) => {
            let action = format!("/clients/{}/plans", client.id);
            return Ok(unprocessable(FormPage {
                page: ctx.page("plan.new"),
                client,
                form,
                errors,
                action,
                review_months,
            }));
        }
    };
    let mut tx = ctx.app.db.begin().await?;
    let pid =
        store::plans::insert_draft(&mut tx, client.id, &input, None, who.id, clock::now()).await?;
    let mut entry = ctx.legacy_audit("plan.create", "support_plan", pid);
    entry.office_id = Some(office.id);
    entry.detail = format!(
        "client={} start={} review={}",
        client.id, input.start_on, input.review_on
    );
    store::audit::record(&mut tx, &entry).await?;
    tx.commit().await?;
    Ok(see_other(&format!(
        "/clients/{}/plans?n=created",
        client.id
    )))
}

/// The client's plan `pid`, or 404.
async fn client_plan(ctx: &Ctx, client: &Client, pid: &str) -> AppResult<PlanRow> {
    store::plans::find(&ctx.app.db, client.id, parse_id(pid)?)
        .await?
        .ok_or(AppError::NotFound)
}

/// The plan page with an alert saying why the request was refused (409).
async fn refused(
    ctx: &Ctx,
    client: Client,
    office: Office,
    key: &'static str,
    status: PlanStatus,
) -> AppResult<Response> {
    let mut page = list_page(ctx, client, office).await?;
    page.refused = Some(Refused {
        key,
        status_key: Some(status.label_key()),
    });
    Ok(conflict(page))
}

pub async fn edit_plan(ctx: Ctx, Path((id, pid)): Path<(String, String)>) -> AppResult<Response> {
    let who = ctx.staff()?;
    let (client, office) = visible_client(&ctx, &who, &id).await?;
    let row = client_plan(&ctx, &client, &pid).await?;
    if !plan::editable(row.status()) {
        return refused(&ctx, client, office, "plan.refused.edit", row.status()).await;
    }
    let review_months = store::plans::review_months(&ctx.app.db, office.id).await?;
    let action = format!("/clients/{}/plans/{}", client.id, row.id);
    Ok(FormPage {
        page: ctx.page("plan.edit"),
        client,
        form: PlanForm::from_input(&row.input()),
        errors: FieldErrors::new(),
        action,
        review_months,
    }
    .into_response())
}

pub async fn update_plan(
    ctx: Ctx,
    Path((id, pid)): Path<(String, String)>,
    CsrfForm(form): CsrfForm<PlanForm>,
) -> AppResult<Response> {
    let who = ctx.staff()?;
    let (client, office) = visible_client(&ctx, &who, &id).await?;
    let row = client_plan(&ctx, &client, &pid).await?;
    if !plan::editable(row.status()) {
        return refused(&ctx, client, office, "plan.refused.edit", row.status()).await;
    }
    let review_months = store::plans::review_months(&ctx.app.db, office.id).await?;
    let input = match form.parse(review_months) {
        Ok(i) => i,
        Err(errors) => {
            let action = format!("/clients/{}/plans/{}", client.id, row.id);
            return Ok(unprocessable(FormPage {
                page: ctx.page("plan.edit"),
                client,
                form,
                errors,
                action,
                review_months,
            }));
        }
    };
    let mut tx = ctx.app.db.begin().await?;
    if !store::plans::update_draft(&mut tx, row.id, &input, clock::now()).await? {
        // Agreed by someone else since the page was loaded.
        drop(tx);
        let status = client_plan(&ctx, &client, &pid).await?.status();
        return refused(&ctx, client, office, "plan.refused.edit", status).await;
    }
    let mut entry = ctx.legacy_audit("plan.update", "support_plan", row.id);
    entry.office_id = Some(office.id);
    entry.detail = format!(
        "client={} start={} review={}",
        client.id, input.start_on, input.review_on
    );
    store::audit::record(&mut tx, &entry).await?;
    tx.commit().await?;
    Ok(see_other(&format!("/clients/{}/plans?n=saved", client.id)))
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct AgreeForm {
    pub plan_agreed_on: String,
}

pub async fn agree_plan(
    ctx: Ctx,
    Path((id, pid)): Path<(String, String)>,
    CsrfForm(form): CsrfForm<AgreeForm>,
) -> AppResult<Response> {
    let who = ctx.staff()?;
    let (client, office) = visible_client(&ctx, &who, &id).await?;
    let row = client_plan(&ctx, &client, &pid).await?;
    let to = match plan::transition(row.status(), Action::Agree) {
        Ok(to) => to,
        Err(illegal) => return refused(&ctx, client, office, illegal.key(), row.status()).await,
    };
    let mut errors = FieldErrors::new();
    let agreed_on = parse_agreed_on(
        &mut errors,
        &form.plan_agreed_on,
        &row.plan(),
        clock::today(),
    );
    let Some(agreed_on) = agreed_on.filter(|_| errors.is_empty()) else {
        let mut page = list_page(&ctx, client, office).await?;
        page.errors = errors;
        page.agreed_on = form.plan_agreed_on;
        return Ok(unprocessable(page));
    };
    let entry = ctx.legacy_audit("plan.agree", "support_plan", row.id);
    change_state(&ctx, client, office, &row, to, Some(agreed_on), entry).await
}

/// Writes a state change with its audit row (`entry`, made by the caller so the action is
/// named where it happens), or answers 409 if the plan moved meanwhile.
async fn change_state(
    ctx: &Ctx,
    client: Client,
    office: Office,
    row: &PlanRow,
    to: PlanStatus,
    agreed_on: Option<Date>,
    mut entry: Entry,
) -> AppResult<Response> {
    let mut tx = ctx.app.db.begin().await?;
    if !store::plans::set_status(&mut tx, row.id, row.status(), to, agreed_on, clock::now()).await?
    {
        drop(tx);
        let status = client_plan(ctx, &client, &row.id.to_string())
            .await?
            .status();
        return refused(ctx, client, office, "plan.refused.moved", status).await;
    }
    entry.office_id = Some(office.id);
    entry.detail = match agreed_on {
        Some(d) => format!(
            "client={} {}→{} agreed_on={d}",
            client.id,
            row.status,
            to.code()
        ),
        None => format!("client={} {}→{}", client.id, row.status, to.code()),
    };
    store::audit::record(&mut tx, &entry).await?;
    tx.commit().await?;
    Ok(see_other(&format!("/clients/{}/plans?n=saved", client.id)))
}

pub async fn review_plan(
    ctx: Ctx,
    Path((id, pid)): Path<(String, String)>,
    CsrfForm(_): CsrfForm<Vec<(String, String)>>,
) -> AppResult<Response> {
    let who = ctx.staff()?;
    let (client, office) = visible_client(&ctx, &who, &id).await?;
    let row = client_plan(&ctx, &client, &pid).await?;
    match plan::transition(row.status(), Action::Review) {
        Ok(to) => {
            let entry = ctx.legacy_audit("plan.review", "support_plan", row.id);
            change_state(&ctx, client, office, &row, to, None, entry).await
        }
        Err(illegal) => refused(&ctx, client, office, illegal.key(), row.status()).await,
    }
}

/// Closes the review: the plan becomes `revised` and a new draft, copied from it and
/// pointing back at it, takes its place. The supporter then edits the draft and the client
/// agrees to it again.
pub async fn revise_plan(
    ctx: Ctx,
    Path((id, pid)): Path<(String, String)>,
    CsrfForm(_): CsrfForm<Vec<(String, String)>>,
) -> AppResult<Response> {
    let who = ctx.staff()?;
    let (client, office) = visible_client(&ctx, &who, &id).await?;
    let row = client_plan(&ctx, &client, &pid).await?;
    let to = match plan::transition(row.status(), Action::Revise) {
        Ok(to) => to,
        Err(illegal) => return refused(&ctx, client, office, illegal.key(), row.status()).await,
    };
    let review_months = store::plans::review_months(&ctx.app.db, office.id).await?;
    let content = revision_of(&row.input(), clock::today(), review_months);
    let now = clock::now();
    let mut tx = ctx.app.db.begin().await?;
    if !store::plans::set_status(&mut tx, row.id, row.status(), to, None, now).await? {
        drop(tx);
        let status = client_plan(&ctx, &client, &pid).await?.status();
        return refused(&ctx, client, office, "plan.refused.moved", status).await;
    }
    let new_id =
        store::plans::insert_draft(&mut tx, client.id, &content, Some(row.id), who.id, now).await?;
    let mut entry = ctx.legacy_audit("plan.revise", "support_plan", row.id);
    entry.office_id = Some(office.id);
    entry.detail = format!("client={} replaced_by={new_id}", client.id);
    store::audit::record(&mut tx, &entry).await?;
    tx.commit().await?;
    Ok(see_other(&format!(
        "/clients/{}/plans/{new_id}/edit?n=created",
        client.id
    )))
}
