//! 受給者証 (certificates) under a client: add one with its first 支給決定 period, and add
//! a period at each renewal (no overlaps).

use askama::Template;
use askama_web::WebTemplate;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

use crate::clock;
use crate::db::Db;
use crate::domain::audit::Action;
use crate::domain::client::{CertificateForm, INCOME_CATEGORIES, parse_period};
use crate::domain::fields::FieldErrors;
use crate::error::AppResult;
use crate::store::{self, certificates::Certificate, clients::Client};
use crate::web::{
    access::{Child, ClientFileEdit, OfClient, Sub},
    csrf::CsrfForm,
    ctx::{AuditRef, AuditTarget, Ctx, Page},
    see_other, unprocessable,
};

/// `{cid}` in `/clients/{id}/certificates/{cid}/…`: a certificate of that client.
impl Child for Certificate {
    type Of = OfClient;
    const PARAM: &'static str = "cid";
    async fn load(db: &Db, client_id: i64, id: i64) -> Result<Option<Self>, sqlx::Error> {
        store::certificates::find(db, client_id, id).await
    }
}

impl AuditTarget for Certificate {
    fn audit_ref(&self) -> AuditRef {
        AuditRef::new("certificate", self.id).client(self.client_id)
    }
}

impl CertificatePage {
    fn category_key(&self, category: &str) -> String {
        format!("income.{category}")
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "records/clients/certificate_form.html")]
struct CertificatePage {
    page: Page,
    client: Client,
    form: CertificateForm,
    errors: FieldErrors,
    categories: [&'static str; 4],
}

pub async fn new_certificate(
    ctx: Ctx,
    ClientFileEdit { client, .. }: ClientFileEdit,
) -> AppResult<Response> {
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
    ClientFileEdit { client, office, .. }: ClientFileEdit,
    CsrfForm(form): CsrfForm<CertificateForm>,
) -> AppResult<Response> {
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
    ctx.audit(
        Action::CertificateCreate,
        &AuditRef::new("certificate", cid).client(client.id),
    )
    .office(office.id)
    .detail(format!(
        "client={} number={} period={}..{}",
        client.id, input.number, input.period.0, input.period.1
    ))
    .write(&mut tx)
    .await?;
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
#[template(path = "records/clients/period_form.html")]
struct PeriodPage {
    page: Page,
    client: Client,
    certificate_id: i64,
    form: PeriodForm,
    errors: FieldErrors,
}

pub async fn new_period(
    ctx: Ctx,
    Sub(ClientFileEdit { client, .. }, certificate): Sub<ClientFileEdit, Certificate>,
) -> AppResult<Response> {
    let certificate_id = certificate.id;
    let periods = store::certificates::periods_for_client(&ctx.app.db, client.id).await?;
    // Suggest the year after the last period.
    let form = match periods.iter().rfind(|p| p.certificate_id == certificate_id) {
        Some(last) => {
            let start = last.end_date.next_day().unwrap_or(last.end_date);
            // A decision period of a year (12 months, 民法第143条).
            let end = crate::domain::rules::period::months_from(start, 12).last_day;
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

pub async fn create_period(
    ctx: Ctx,
    Sub(ClientFileEdit { client, office, .. }, certificate): Sub<ClientFileEdit, Certificate>,
    CsrfForm(form): CsrfForm<PeriodForm>,
) -> AppResult<Response> {
    let certificate_id = certificate.id;
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
    ctx.audit(Action::CertificateRenew, &certificate)
        .office(office.id)
        .detail(format!(
            "client={} period={}..{} (period id {pid})",
            client.id, start, end
        ))
        .write(&mut tx)
        .await?;
    tx.commit().await?;
    Ok(see_other(&format!("/clients/{}?n=saved", client.id)))
}
