//! 就労 (employment) records under a client: add, edit, and record leaving (離職).

use askama::Template;
use askama_web::WebTemplate;
use axum::response::{IntoResponse, Response};

use crate::clock;
use crate::db::Db;
use crate::domain::audit::Action;
use crate::domain::client::{END_REASONS, EmploymentForm, hours_label};
use crate::domain::fields::FieldErrors;
use crate::error::AppResult;
use crate::store::{self, clients::Client, employments::Employment};
use crate::web::{
    access::{Child, ClientFileEdit, OfClient, Sub},
    csrf::CsrfForm,
    ctx::{AuditRef, AuditTarget, Ctx, Page},
    see_other, unprocessable,
};

/// `{eid}` in `/clients/{id}/employments/{eid}`: an employment of that client.
impl Child for Employment {
    type Of = OfClient;
    const PARAM: &'static str = "eid";
    async fn load(db: &Db, client_id: i64, id: i64) -> Result<Option<Self>, sqlx::Error> {
        store::employments::find(db, client_id, id).await
    }
}

impl AuditTarget for Employment {
    fn audit_ref(&self) -> AuditRef {
        AuditRef::new("employment", self.id).client(self.client_id)
    }
}

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

pub async fn new_employment(
    ctx: Ctx,
    ClientFileEdit { client, .. }: ClientFileEdit,
) -> AppResult<Response> {
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
    ClientFileEdit { client, office, .. }: ClientFileEdit,
    CsrfForm(form): CsrfForm<EmploymentForm>,
) -> AppResult<Response> {
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
    ctx.audit(
        Action::EmploymentCreate,
        &AuditRef::new("employment", eid).client(client.id),
    )
    .office(office.id)
    .detail(format!(
        "client={} employer={} hire_date={}",
        client.id, input.employer_name, input.hire_date
    ))
    .write(&mut tx)
    .await?;
    tx.commit().await?;
    Ok(see_other(&format!("/clients/{}?n=saved", client.id)))
}

pub async fn edit_employment(
    ctx: Ctx,
    Sub(ClientFileEdit { client, .. }, e): Sub<ClientFileEdit, Employment>,
) -> AppResult<Response> {
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
    Sub(ClientFileEdit { client, office, .. }, e): Sub<ClientFileEdit, Employment>,
    CsrfForm(form): CsrfForm<EmploymentForm>,
) -> AppResult<Response> {
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
    ctx.audit(Action::EmploymentUpdate, &e)
        .office(office.id)
        .detail(format!(
            "client={} employer={} hire_date={} end_date={}",
            client.id,
            input.employer_name,
            input.hire_date,
            input.end_date.map(|d| d.to_string()).unwrap_or_default()
        ))
        .write(&mut tx)
        .await?;
    tx.commit().await?;
    Ok(see_other(&format!("/clients/{}?n=saved", client.id)))
}
