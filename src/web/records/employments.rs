//! 就労 (employment) records under a client: add, edit, and record leaving (離職).

use askama::Template;
use askama_web::WebTemplate;
use axum::{
    extract::Path,
    response::{IntoResponse, Response},
};

use crate::clock;
use crate::domain::client::{END_REASONS, EmploymentForm, hours_label};
use crate::domain::fields::FieldErrors;
use crate::error::{AppError, AppResult};
use crate::store::{self, clients::Client};
use crate::web::{
    csrf::CsrfForm,
    ctx::{Ctx, Page},
    parse_id,
    records::clients::visible_client,
    see_other, unprocessable,
};

#[derive(Template, WebTemplate)]
#[template(path = "records/clients/employment_form.html")]
struct EmploymentPage {
    page: Page,
    client: Client,
    form: EmploymentForm,
    errors: FieldErrors,
    action: String,
    end_reasons: [&'static str; 5],
}

impl EmploymentPage {
    fn reason_key(&self, reason: &str) -> String {
        format!("reason.{reason}")
    }
}

pub async fn new_employment(ctx: Ctx, Path(id): Path<String>) -> AppResult<Response> {
    let who = ctx.staff()?;
    let (client, _) = visible_client(&ctx, &who, &id).await?;
    let action = format!("/clients/{}/employments", client.id);
    let form = EmploymentForm {
        ordinary_employment: "yes".into(),
        ..EmploymentForm::default()
    };
    Ok(EmploymentPage {
        page: ctx.page("employment.new"),
        client,
        form,
        errors: FieldErrors::new(),
        action,
        end_reasons: END_REASONS,
    }
    .into_response())
}

pub async fn create_employment(
    ctx: Ctx,
    Path(id): Path<String>,
    CsrfForm(form): CsrfForm<EmploymentForm>,
) -> AppResult<Response> {
    let who = ctx.staff()?;
    let (client, office) = visible_client(&ctx, &who, &id).await?;
    let input = match form.parse(clock::today()) {
        Ok(i) => i,
        Err(errors) => {
            let action = format!("/clients/{}/employments", client.id);
            return Ok(unprocessable(EmploymentPage {
                page: ctx.page("employment.new"),
                client,
                form,
                errors,
                action,
                end_reasons: END_REASONS,
            }));
        }
    };
    let mut tx = ctx.app.db.begin().await?;
    let eid = store::employments::insert(&mut tx, client.id, &input, clock::now()).await?;
    let mut entry = ctx.legacy_audit("employment.create", "employment", eid);
    entry.office_id = Some(office.id);
    entry.detail = format!(
        "client={} employer={} hire_date={}",
        client.id, input.employer_name, input.hire_date
    );
    store::audit::record(&mut tx, &entry).await?;
    tx.commit().await?;
    Ok(see_other(&format!("/clients/{}?n=saved", client.id)))
}

/// The employment, which must belong to the client.
async fn client_employment(
    ctx: &Ctx,
    client: &Client,
    eid: &str,
) -> AppResult<store::employments::Employment> {
    let e = store::employments::find(&ctx.app.db, parse_id(eid)?)
        .await?
        .ok_or(AppError::NotFound)?;
    if e.client_id != client.id {
        return Err(AppError::NotFound);
    }
    Ok(e)
}

pub async fn edit_employment(
    ctx: Ctx,
    Path((id, eid)): Path<(String, String)>,
) -> AppResult<Response> {
    let who = ctx.staff()?;
    let (client, _) = visible_client(&ctx, &who, &id).await?;
    let e = client_employment(&ctx, &client, &eid).await?;
    let form = EmploymentForm {
        employer_name: e.employer_name,
        workplace_address: e.workplace_address,
        supervisor_name: e.supervisor_name,
        supervisor_contact: e.supervisor_contact,
        job_title: e.job_title,
        weekly_hours: hours_label(e.weekly_minutes),
        ordinary_employment: if e.ordinary_employment { "yes" } else { "no" }.into(),
        hire_date: e.hire_date.to_string(),
        return_to_work_date: e
            .return_to_work_date
            .map(|d| d.to_string())
            .unwrap_or_default(),
        end_date: e.end_date.map(|d| d.to_string()).unwrap_or_default(),
        end_reason: e.end_reason,
    };
    let action = format!("/clients/{}/employments/{}", client.id, e.id);
    Ok(EmploymentPage {
        page: ctx.page("employment.edit"),
        client,
        form,
        errors: FieldErrors::new(),
        action,
        end_reasons: END_REASONS,
    }
    .into_response())
}

pub async fn update_employment(
    ctx: Ctx,
    Path((id, eid)): Path<(String, String)>,
    CsrfForm(form): CsrfForm<EmploymentForm>,
) -> AppResult<Response> {
    let who = ctx.staff()?;
    let (client, office) = visible_client(&ctx, &who, &id).await?;
    let e = client_employment(&ctx, &client, &eid).await?;
    let input = match form.parse(clock::today()) {
        Ok(i) => i,
        Err(errors) => {
            let action = format!("/clients/{}/employments/{}", client.id, e.id);
            return Ok(unprocessable(EmploymentPage {
                page: ctx.page("employment.edit"),
                client,
                form,
                errors,
                action,
                end_reasons: END_REASONS,
            }));
        }
    };
    let mut tx = ctx.app.db.begin().await?;
    store::employments::update(&mut tx, e.id, &input, clock::now()).await?;
    let mut entry = ctx.legacy_audit("employment.update", "employment", e.id);
    entry.office_id = Some(office.id);
    entry.detail = format!(
        "client={} employer={} hire_date={} end_date={}",
        client.id,
        input.employer_name,
        input.hire_date,
        input.end_date.map(|d| d.to_string()).unwrap_or_default()
    );
    store::audit::record(&mut tx, &entry).await?;
    tx.commit().await?;
    Ok(see_other(&format!("/clients/{}?n=saved", client.id)))
}
