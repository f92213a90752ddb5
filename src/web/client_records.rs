//! The records under a client: employment (add, edit, end), 受給者証 (add, renew the
//! 支給決定 period) and the contract with the office, whose end is computed from the
//! service window (at most 3 years, never past the latest end).

use askama::Template;
use askama_web::WebTemplate;
use axum::{
    extract::Path,
    response::{IntoResponse, Response},
};
use serde::Deserialize;

use crate::clock;
use crate::domain::client::{
    CertificateForm, END_REASONS, EmploymentForm, INCOME_CATEGORIES, hours_label, parse_period,
};
use crate::domain::fields::{self, FieldErrors};
use crate::domain::rules::period::{PeriodError, contract_end, service_window};
use crate::error::{AppError, AppResult};
use crate::store::{self, clients::Client};
use crate::web::{
    clients::visible_client,
    csrf::CsrfForm,
    ctx::{Ctx, Page},
    parse_id, see_other, unprocessable,
};

#[derive(Template, WebTemplate)]
#[template(path = "clients/employment_form.html")]
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

impl CertificatePage {
    fn category_key(&self, category: &str) -> String {
        format!("income.{category}")
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
    let mut entry = ctx.audit("employment.create", "employment", eid);
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
    let mut entry = ctx.audit("employment.update", "employment", e.id);
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

#[derive(Template, WebTemplate)]
#[template(path = "clients/certificate_form.html")]
struct CertificatePage {
    page: Page,
    client: Client,
    form: CertificateForm,
    errors: FieldErrors,
    categories: [&'static str; 4],
}

pub async fn new_certificate(ctx: Ctx, Path(id): Path<String>) -> AppResult<Response> {
    let who = ctx.staff()?;
    let (client, _) = visible_client(&ctx, &who, &id).await?;
    Ok(CertificatePage {
        page: ctx.page("certificate.new"),
        client,
        form: CertificateForm::default(),
        errors: FieldErrors::new(),
        categories: INCOME_CATEGORIES,
    }
    .into_response())
}

pub async fn create_certificate(
    ctx: Ctx,
    Path(id): Path<String>,
    CsrfForm(form): CsrfForm<CertificateForm>,
) -> AppResult<Response> {
    let who = ctx.staff()?;
    let (client, office) = visible_client(&ctx, &who, &id).await?;
    let input = match form.parse() {
        Ok(i) => i,
        Err(errors) => {
            return Ok(unprocessable(CertificatePage {
                page: ctx.page("certificate.new"),
                client,
                form,
                errors,
                categories: INCOME_CATEGORIES,
            }));
        }
    };
    let mut tx = ctx.app.db.begin().await?;
    let cid = store::certificates::insert(&mut tx, client.id, &input, clock::now()).await?;
    let mut entry = ctx.audit("certificate.create", "certificate", cid);
    entry.office_id = Some(office.id);
    entry.detail = format!(
        "client={} number={} period={}..{}",
        client.id, input.number, input.period.0, input.period.1
    );
    store::audit::record(&mut tx, &entry).await?;
    tx.commit().await?;
    Ok(see_other(&format!("/clients/{}?n=saved", client.id)))
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct PeriodForm {
    pub period_start: String,
    pub period_end: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "clients/period_form.html")]
struct PeriodPage {
    page: Page,
    client: Client,
    certificate_id: i64,
    form: PeriodForm,
    errors: FieldErrors,
}

pub async fn new_period(ctx: Ctx, Path((id, cid)): Path<(String, String)>) -> AppResult<Response> {
    let who = ctx.staff()?;
    let (client, _) = visible_client(&ctx, &who, &id).await?;
    let certificate_id = client_certificate(&ctx, &client, &cid).await?;
    let periods = store::certificates::periods_for_client(&ctx.app.db, client.id).await?;
    // Suggest the year after the last period.
    let form = match periods.iter().rfind(|p| p.certificate_id == certificate_id) {
        Some(last) => {
            let start = last.end_date.next_day().unwrap_or(last.end_date);
            let end = crate::domain::rules::period::add_months(start, 12)
                .previous_day()
                .unwrap_or(start);
            PeriodForm {
                period_start: start.to_string(),
                period_end: end.to_string(),
            }
        }
        None => PeriodForm::default(),
    };
    Ok(PeriodPage {
        page: ctx.page("certificate.renew"),
        client,
        certificate_id,
        form,
        errors: FieldErrors::new(),
    }
    .into_response())
}

async fn client_certificate(ctx: &Ctx, client: &Client, cid: &str) -> AppResult<i64> {
    let cid = parse_id(cid)?;
    let certificates = store::certificates::list_for_client(&ctx.app.db, client.id).await?;
    if certificates.iter().any(|c| c.id == cid) {
        Ok(cid)
    } else {
        Err(AppError::NotFound)
    }
}

pub async fn create_period(
    ctx: Ctx,
    Path((id, cid)): Path<(String, String)>,
    CsrfForm(form): CsrfForm<PeriodForm>,
) -> AppResult<Response> {
    let who = ctx.staff()?;
    let (client, office) = visible_client(&ctx, &who, &id).await?;
    let certificate_id = client_certificate(&ctx, &client, &cid).await?;
    let mut errors = FieldErrors::new();
    let period = parse_period(&mut errors, &form.period_start, &form.period_end);
    if let Some((s, e)) = period {
        let existing = store::certificates::periods_for_client(&ctx.app.db, client.id).await?;
        if existing
            .iter()
            .any(|p| p.certificate_id == certificate_id && s <= p.end_date && p.start_date <= e)
        {
            errors.add("period_start", "err.period_overlap");
        }
    }
    let Some((start, end)) = period.filter(|_| errors.is_empty()) else {
        return Ok(unprocessable(PeriodPage {
            page: ctx.page("certificate.renew"),
            client,
            certificate_id,
            form,
            errors,
        }));
    };
    let mut tx = ctx.app.db.begin().await?;
    let pid = store::certificates::insert_period(&mut tx, certificate_id, start, end, clock::now())
        .await?;
    let mut entry = ctx.audit("certificate.renew", "certificate", certificate_id);
    entry.office_id = Some(office.id);
    entry.detail = format!(
        "client={} period={}..{} (period id {pid})",
        client.id, start, end
    );
    store::audit::record(&mut tx, &entry).await?;
    tx.commit().await?;
    Ok(see_other(&format!("/clients/{}?n=saved", client.id)))
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ContractForm {
    pub contract_date: String,
    pub start_date: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "clients/contract_form.html")]
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

pub async fn new_contract(ctx: Ctx, Path(id): Path<String>) -> AppResult<Response> {
    let who = ctx.staff()?;
    let (client, _) = visible_client(&ctx, &who, &id).await?;
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
    Path(id): Path<String>,
    CsrfForm(form): CsrfForm<ContractForm>,
) -> AppResult<Response> {
    let who = ctx.staff()?;
    let (client, office) = visible_client(&ctx, &who, &id).await?;
    let window = window_of(&ctx, &client).await?;
    let mut errors = FieldErrors::new();
    let contract_date = fields::date(&mut errors, "contract_date", &form.contract_date, true);
    let start = fields::date(&mut errors, "start_date", &form.start_date, true);
    if let (Some(c), Some(s)) = (contract_date, start)
        && c > s
    {
        errors.add("contract_date", "err.contract_after_start");
    }
    let end = match (&window, start) {
        (None, _) => {
            errors.add("start_date", "err.no_employment_for_contract");
            None
        }
        (Some(w), Some(s)) => match contract_end(w, s) {
            Ok(end) => Some(end),
            Err(PeriodError::TooEarly { .. }) => {
                errors.add("start_date", "err.start_too_early");
                None
            }
            Err(PeriodError::TooLate { .. }) => {
                errors.add("start_date", "err.start_too_late");
                None
            }
        },
        (Some(_), None) => None,
    };
    let (Some(contract_date), Some(start), Some(end)) = (contract_date, start, end) else {
        return Ok(unprocessable(ContractPage {
            page: ctx.page("contract.new"),
            client,
            form,
            errors,
            window,
        }));
    };
    if !errors.is_empty() {
        return Ok(unprocessable(ContractPage {
            page: ctx.page("contract.new"),
            client,
            form,
            errors,
            window,
        }));
    }
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
    let mut entry = ctx.audit("contract.create", "contract", kid);
    entry.office_id = Some(office.id);
    entry.detail = format!("client={} {}..{}", client.id, start, end);
    store::audit::record(&mut tx, &entry).await?;
    tx.commit().await?;
    Ok(see_other(&format!("/clients/{}?n=saved", client.id)))
}
