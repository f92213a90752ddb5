//! 就労定着支援計画 pages under a client: the plan with its history, writing and editing a
//! draft, and the state changes (agree, start the review, revise) of `domain::plan`.
//!
//! Any staff member of the client's office may write (the サービス管理責任者 writes the plan,
//! ../shared/domain.md §3, but supporters draft it with them). A refused state change is
//! answered with the plan page, status 409 and what the change needs; a form that does not
//! validate, with status 422 and its field messages.

use askama::Template;
use askama_web::WebTemplate;
use axum::{
    http::StatusCode,
    response::{IntoResponse, Response},
};
use serde::Deserialize;
use time::Date;

use crate::clock;
use crate::db::Db;
use crate::domain::audit::Action;
use crate::domain::fields::FieldErrors;
use crate::domain::plan::{self, PlanForm, PlanStatus, parse_agreed_on, review_due, revision_of};
use crate::error::{AppError, AppResult};
use crate::store::{self, clients::Client, offices::Office, plans::PlanRow};
use crate::web::{
    access::{Child, ClientEdit, ClientView, OfClient, Policy, Routes, Sub},
    csrf::CsrfForm,
    ctx::{AuditRef, AuditTarget, Ctx, Page},
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

/// `{pid}` in `/clients/{id}/plans/{pid}/…`: a plan of that client.
impl Child for PlanRow {
    type Of = OfClient;
    const PARAM: &'static str = "pid";
    async fn load(db: &Db, client_id: i64, id: i64) -> Result<Option<Self>, sqlx::Error> {
        store::plans::find(db, client_id, id).await
    }
}

impl AuditTarget for PlanRow {
    fn audit_ref(&self) -> AuditRef {
        AuditRef::new("support_plan", self.id).client(self.client_id)
    }
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

pub async fn list_plans(
    ctx: Ctx,
    ClientView { client, office, .. }: ClientView,
) -> AppResult<Response> {
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

pub async fn new_plan(
    ctx: Ctx,
    ClientEdit { client, office, .. }: ClientEdit,
) -> AppResult<Response> {
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
    ClientEdit {
        who,
        client,
        office,
    }: ClientEdit,
    CsrfForm(form): CsrfForm<PlanForm>,
) -> AppResult<Response> {
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
    ctx.audit(
        Action::PlanCreate,
        &AuditRef::new("support_plan", pid).client(client.id),
    )
    .office(office.id)
    .detail(format!(
        "client={} start={} review={}",
        client.id, input.start_on, input.review_on
    ))
    .write(&mut tx)
    .await?;
    tx.commit().await?;
    Ok(see_other(&format!(
        "/clients/{}/plans?n=created",
        client.id
    )))
}

/// The client's plan `pid` as it is now (after a change that found it moved), or 404.
async fn client_plan(ctx: &Ctx, client: &Client, pid: i64) -> AppResult<PlanRow> {
    store::plans::find(&ctx.app.db, client.id, pid)
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

pub async fn edit_plan(
    ctx: Ctx,
    Sub(ClientEdit { client, office, .. }, row): Sub<ClientEdit, PlanRow>,
) -> AppResult<Response> {
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
    Sub(ClientEdit { client, office, .. }, row): Sub<ClientEdit, PlanRow>,
    CsrfForm(form): CsrfForm<PlanForm>,
) -> AppResult<Response> {
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
        let status = client_plan(&ctx, &client, row.id).await?.status();
        return refused(&ctx, client, office, "plan.refused.edit", status).await;
    }
    ctx.audit(Action::PlanUpdate, &row)
        .office(office.id)
        .detail(format!(
            "client={} start={} review={}",
            client.id, input.start_on, input.review_on
        ))
        .write(&mut tx)
        .await?;
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
    Sub(ClientEdit { client, office, .. }, row): Sub<ClientEdit, PlanRow>,
    CsrfForm(form): CsrfForm<AgreeForm>,
) -> AppResult<Response> {
    let to = match plan::transition(row.status(), plan::Action::Agree) {
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
    change_state(
        &ctx,
        client,
        office,
        &row,
        to,
        Some(agreed_on),
        Action::PlanAgree,
    )
    .await
}

/// Writes a state change with its audit row (`action`, named by the caller where the change
/// happens), or answers 409 if the plan moved meanwhile.
async fn change_state(
    ctx: &Ctx,
    client: Client,
    office: Office,
    row: &PlanRow,
    to: PlanStatus,
    agreed_on: Option<Date>,
    action: Action,
) -> AppResult<Response> {
    let mut tx = ctx.app.db.begin().await?;
    if !store::plans::set_status(&mut tx, row.id, row.status(), to, agreed_on, clock::now()).await?
    {
        drop(tx);
        let status = client_plan(ctx, &client, row.id).await?.status();
        return refused(ctx, client, office, "plan.refused.moved", status).await;
    }
    let detail = match agreed_on {
        Some(d) => format!(
            "client={} {}→{} agreed_on={d}",
            client.id,
            row.status,
            to.code()
        ),
        None => format!("client={} {}→{}", client.id, row.status, to.code()),
    };
    ctx.audit(action, row)
        .office(office.id)
        .detail(detail)
        .write(&mut tx)
        .await?;
    tx.commit().await?;
    Ok(see_other(&format!("/clients/{}/plans?n=saved", client.id)))
}

pub async fn review_plan(
    ctx: Ctx,
    Sub(ClientEdit { client, office, .. }, row): Sub<ClientEdit, PlanRow>,
    CsrfForm(_): CsrfForm<Vec<(String, String)>>,
) -> AppResult<Response> {
    match plan::transition(row.status(), plan::Action::Review) {
        Ok(to) => change_state(&ctx, client, office, &row, to, None, Action::PlanReview).await,
        Err(illegal) => refused(&ctx, client, office, illegal.key(), row.status()).await,
    }
}

/// Closes the review: the plan becomes `revised` and a new draft, copied from it and
/// pointing back at it, takes its place. The supporter then edits the draft and the client
/// agrees to it again.
pub async fn revise_plan(
    ctx: Ctx,
    Sub(
        ClientEdit {
            who,
            client,
            office,
        },
        row,
    ): Sub<ClientEdit, PlanRow>,
    CsrfForm(_): CsrfForm<Vec<(String, String)>>,
) -> AppResult<Response> {
    let to = match plan::transition(row.status(), plan::Action::Revise) {
        Ok(to) => to,
        Err(illegal) => return refused(&ctx, client, office, illegal.key(), row.status()).await,
    };
    let review_months = store::plans::review_months(&ctx.app.db, office.id).await?;
    let content = revision_of(&row.input(), clock::today(), review_months);
    let now = clock::now();
    let mut tx = ctx.app.db.begin().await?;
    if !store::plans::set_status(&mut tx, row.id, row.status(), to, None, now).await? {
        drop(tx);
        let status = client_plan(&ctx, &client, row.id).await?.status();
        return refused(&ctx, client, office, "plan.refused.moved", status).await;
    }
    let new_id =
        store::plans::insert_draft(&mut tx, client.id, &content, Some(row.id), who.id, now).await?;
    ctx.audit(Action::PlanRevise, &row)
        .office(office.id)
        .detail(format!("client={} replaced_by={new_id}", client.id))
        .write(&mut tx)
        .await?;
    tx.commit().await?;
    Ok(see_other(&format!(
        "/clients/{}/plans/{new_id}/edit?n=created",
        client.id
    )))
}
