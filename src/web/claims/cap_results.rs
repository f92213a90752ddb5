//! 上限額管理結果 of a client for a month (`/offices/{id}/claims/cap/{cid}?month=YYYY-MM`):
//! the result (1, 2 or 3) and this office's decided amount from the managing office's 結果票,
//! or, when this office manages the cap, also the other offices of the J411. Managers and
//! admins only, as the claim itself.

use crate::web::access::{Child, OfOffice, OfficeClaims, Policy, Routes, Sub};
use askama::Template;
use askama_web::WebTemplate;
use axum::{
    extract::Query,
    response::{IntoResponse, Response},
};
use serde::Deserialize;
use time::Date;

use crate::clock;
use crate::db::Db;
use crate::domain::audit::Action;
use crate::domain::claim_records::{
    CAP_RESULTS, CapForm, OTHER_OFFICE_FIELDS, OTHER_OFFICE_ROWS, cap_result_key,
};
use crate::domain::fields::{FieldErrors, Pairs};
use crate::domain::month::{NotAMonth, YearMonth};
use crate::error::{AppError, AppResult};
use crate::store::{self, clients::Client, offices::Office};
use crate::web::{
    csrf::CsrfForm,
    ctx::{AuditRef, Ctx, Page},
    see_other, unprocessable,
};

pub fn routes() -> Routes {
    Routes::new()
        .get(
            "/offices/{id}/claims/cap/{cid}",
            Policy::OfficeClaims,
            edit_cap_result,
        )
        .post(
            "/offices/{id}/claims/cap/{cid}",
            Policy::OfficeClaims,
            save_cap_result,
        )
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct MonthQuery {
    pub month: String,
}

/// `YYYY-MM` and its first and last day, or 400.
fn month_of(q: &MonthQuery) -> AppResult<(String, Date, Date)> {
    let month =
        YearMonth::parse(&q.month).ok_or_else(|| AppError::BadRequest(NotAMonth.to_string()))?;
    let (first, last) = month.bounds();
    Ok((month.to_string(), first, last))
}

/// The client `{cid}` of the office whose cap result it is: a client of another office
/// answers 404.
pub struct OfficeClient(pub Client);

impl Child for OfficeClient {
    type Of = OfOffice;
    const PARAM: &'static str = "cid";
    async fn load(db: &Db, office_id: i64, id: i64) -> Result<Option<Self>, sqlx::Error> {
        Ok(store::clients::find(db, id)
            .await?
            .filter(|c| c.office_id == office_id)
            .map(OfficeClient))
    }
}

/// The office managed by the signed-in staff member, and its client.
type CapAccess = Sub<OfficeClaims, OfficeClient>;

/// Whether this office manages the client's cap in the month: the 上限額管理事業所 on the
/// certificate valid in the month (else the newest one) is this office's 事業所番号.
async fn manages_cap(
    ctx: &Ctx,
    office: &Office,
    client: i64,
    first: Date,
    last: Date,
) -> AppResult<bool> {
    let Some(number) = office.office_number.as_deref().filter(|n| !n.is_empty()) else {
        return Ok(false);
    };
    let db = &ctx.app.db;
    let certificates = store::certificates::list_for_client(db, client).await?;
    let periods = store::certificates::periods_for_client(db, client).await?;
    let in_month = periods
        .iter()
        .rev()
        .find(|p| p.start_date <= last && p.end_date >= first)
        .and_then(|p| certificates.iter().find(|c| c.id == p.certificate_id));
    Ok(in_month
        .or(certificates.last())
        .is_some_and(|c| c.cap_manager_office == number))
}

#[derive(Template, WebTemplate)]
#[template(path = "claims/claim_records/cap.html")]
struct CapPage {
    page: Page,
    office: Office,
    client: Client,
    month: String,
    manages: bool,
    form: CapForm,
    errors: FieldErrors,
    results: [&'static str; 3],
    rows: [usize; OTHER_OFFICE_ROWS],
    fields: [[&'static str; 5]; OTHER_OFFICE_ROWS],
}

impl CapPage {
    fn result_key(&self, code: &str) -> &'static str {
        cap_result_key(code)
    }
    /// The field name of row `row`, column `col`.
    fn name(&self, row: &usize, col: &usize) -> &'static str {
        self.fields[*row][*col]
    }
    fn error(&self, row: &usize, col: &usize) -> Option<&'static str> {
        self.errors.get(self.fields[*row][*col])
    }
}

#[allow(clippy::too_many_arguments)]
async fn cap_page(
    ctx: &Ctx,
    office: Office,
    client: Client,
    month: String,
    manages: bool,
    form: CapForm,
    errors: FieldErrors,
) -> AppResult<CapPage> {
    Ok(CapPage {
        page: ctx.form_page("records.cap.title").await?,
        office,
        client,
        month,
        manages,
        form,
        errors,
        results: CAP_RESULTS,
        rows: [0, 1, 2, 3],
        fields: OTHER_OFFICE_FIELDS,
    })
}

pub async fn edit_cap_result(
    ctx: Ctx,
    Sub(OfficeClaims { office, .. }, OfficeClient(client)): CapAccess,
    Query(q): Query<MonthQuery>,
) -> AppResult<Response> {
    let (month, first, last) = month_of(&q)?;
    let manages = manages_cap(&ctx, &office, client.id, first, last).await?;
    let mut form = CapForm::default();
    if let Some((row, others)) =
        store::claims::find_cap_result(&ctx.app.db, client.id, office.id, &month).await?
    {
        form.cap_result = row.result.to_string();
        form.amount_yen = row.amount_yen.to_string();
        for (cells, o) in form.others.iter_mut().zip(others) {
            *cells = [
                o.office_number,
                o.office_name,
                o.total_cost_yen.to_string(),
                o.charge_yen.to_string(),
                o.decided_yen.to_string(),
            ];
        }
    }
    let page = cap_page(
        &ctx,
        office,
        client,
        month,
        manages,
        form,
        FieldErrors::new(),
    )
    .await?;
    Ok(page.into_response())
}

pub async fn save_cap_result(
    ctx: Ctx,
    Sub(OfficeClaims { who, office }, OfficeClient(client)): CapAccess,
    Query(q): Query<MonthQuery>,
    CsrfForm(pairs): CsrfForm<Vec<(String, String)>>,
) -> AppResult<Response> {
    let (month, first, last) = month_of(&q)?;
    let manages = manages_cap(&ctx, &office, client.id, first, last).await?;
    let form = CapForm::from_pairs(&Pairs(pairs));
    let input = match form.parse(manages) {
        Ok(input) => input,
        Err(errors) => {
            let page = cap_page(&ctx, office, client, month, manages, form, errors).await?;
            return Ok(unprocessable(page));
        }
    };
    let others: Vec<store::claims::CapOffice> = input
        .others
        .iter()
        .map(|o| {
            (
                o.number.clone(),
                o.name.clone(),
                o.total_cost_yen,
                o.charge_yen,
                o.decided_yen,
            )
        })
        .collect();
    let mut tx = ctx.app.db.begin().await?;
    let rid = store::claims::save_cap_result(
        &mut tx,
        client.id,
        office.id,
        &month,
        i64::from(input.result.code()),
        input.amount_yen,
        &others,
        who.id,
        clock::now(),
    )
    .await?;
    ctx.audit(
        Action::CapResultSave,
        &AuditRef::new("cap_result", rid).office(office.id),
    )
    .detail(format!(
        "client={} month={month} result={} amount_yen={} other_offices={}",
        client.id,
        input.result.code(),
        input.amount_yen,
        others.len()
    ))
    .write(&mut tx)
    .await?;
    tx.commit().await?;
    Ok(see_other(&format!(
        "/offices/{}/claims?month={month}",
        office.id
    )))
}
