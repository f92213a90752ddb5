//! 契約 (contracts) with the office: the end is computed from the service window (at most
//! 3 years from the start, never past the latest end; domain.md §4).

use askama::Template;
use askama_web::WebTemplate;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

use crate::clock;
use crate::domain::audit::Action;
use crate::domain::client::{ContractInput, parse_contract};
use crate::domain::fields::FieldErrors;
use crate::domain::rules::period::service_window;
use crate::error::AppResult;
use crate::store::{self, clients::Client};
use crate::web::{
    access::ClientFileEdit,
    csrf::CsrfForm,
    ctx::{AuditRef, Ctx, Page},
    see_other, unprocessable,
};

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ContractForm {
    pub contract_date: String,
    pub start_date: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "records/clients/contract_form.html")]
struct ContractPage {
    page: Page,
    client: Client,
    form: ContractForm,
    errors: FieldErrors,
    window: Option<crate::domain::rules::period::ServiceWindow>,
}

async fn window_of(
    ctx: &Ctx,
    client: &Client,
) -> AppResult<Option<crate::domain::rules::period::ServiceWindow>> {
    let employments = store::employments::list_for_client(&ctx.app.db, client.id).await?;
    Ok(employments
        .first()
        .map(|e| service_window(e.hire_date, e.return_to_work_date)))
}

pub async fn new_contract(
    ctx: Ctx,
    ClientFileEdit { client, .. }: ClientFileEdit,
) -> AppResult<Response> {
    let window = window_of(&ctx, &client).await?;
    let form = ContractForm {
        contract_date: clock::today().to_string(),
        start_date: window
            .as_ref()
            .map(|w| w.earliest_start.max(clock::today()).to_string())
            .unwrap_or_default(),
    };
    Ok(ContractPage {
        page: ctx.page("contract.new"),
        client,
        form,
        errors: FieldErrors::new(),
        window,
    }
    .into_response())
}

pub async fn create_contract(
    ctx: Ctx,
    ClientFileEdit { client, office, .. }: ClientFileEdit,
    CsrfForm(form): CsrfForm<ContractForm>,
) -> AppResult<Response> {
    let window = window_of(&ctx, &client).await?;
    let mut errors = FieldErrors::new();
    let Some(ContractInput {
        contract_date,
        start,
        end,
    }) = parse_contract(
        &mut errors,
        &form.contract_date,
        &form.start_date,
        window.as_ref(),
    )
    else {
        return Ok(unprocessable(ContractPage {
            page: ctx.page("contract.new"),
            client,
            form,
            errors,
            window,
        }));
    };
    let mut tx = ctx.app.db.begin().await?;
    let kid = store::certificates::insert_contract(
        &mut tx,
        client.id,
        office.id,
        contract_date,
        start,
        end,
        clock::now(),
    )
    .await?;
    ctx.audit(
        Action::ContractCreate,
        &AuditRef::new("contract", kid).client(client.id),
    )
    .office(office.id)
    .detail(format!("client={} {}..{}", client.id, start, end))
    .write(&mut tx)
    .await?;
    tx.commit().await?;
    Ok(see_other(&format!("/clients/{}?n=saved", client.id)))
}
