//! The claim master data (`/admin/claim-master`, admins only): every version of each 加算・減算
//! (units or percent), base tier and service kind with its service code, and of each
//! 地域区分's unit price, each with its source and whether it is confirmed; and the forms that
//! add a new version. A new version closes the open one the day before it starts
//! (`store::claims::insert_master`, `insert_price`), so past months keep their figures.

use crate::web::access::{Admin, Policy, Routes};
use askama::Template;
use askama_web::WebTemplate;
use axum::response::{IntoResponse, Response};

use crate::clock;
use crate::domain::audit::Action;
use crate::domain::claim_records::{
    AREA_GRADES, MasterForm, PriceForm, format_price, grade_key, item_key, master_items,
    notice_key, todo_keys,
};
use crate::domain::fields::FieldErrors;
use crate::error::AppResult;
use crate::store::{
    self,
    claims::{MasterRow, PriceRow},
};
use crate::web::{
    csrf::CsrfForm,
    ctx::{AuditRef, Ctx, Page},
    see_other, unprocessable,
};

pub fn routes() -> Routes {
    Routes::new()
        .get("/admin/claim-master", Policy::Admin, show_claim_master)
        .post("/admin/claim-master", Policy::Admin, create_master_row)
        .post(
            "/admin/claim-master/prices",
            Policy::Admin,
            create_unit_price,
        )
}

#[derive(Template, WebTemplate)]
#[template(path = "claims/claim_records/master.html")]
struct MasterPage {
    page: Page,
    rows: Vec<MasterRow>,
    prices: Vec<PriceRow>,
    form: MasterForm,
    errors: FieldErrors,
    price_form: PriceForm,
    price_errors: FieldErrors,
    items: Vec<&'static str>,
    grades: [&'static str; 8],
}

impl MasterPage {
    fn item_key(&self, code: &str) -> &'static str {
        item_key(code)
    }
    fn grade_key(&self, code: &str) -> &'static str {
        grade_key(code)
    }
    fn price(&self, hundredths: &i64) -> String {
        format_price(*hundredths)
    }
    /// Only web addresses become links; a source such as "domain.md §6" stays text.
    fn is_link(&self, source: &str) -> bool {
        source.starts_with("https://") || source.starts_with("http://")
    }
    fn notice_key(&self, code: &str) -> &'static str {
        notice_key(code)
    }
    /// The open version of each item with what is left to do about it.
    fn todos(&self) -> Vec<(&MasterRow, Vec<&'static str>)> {
        self.rows
            .iter()
            .filter(|r| r.valid_to.is_none())
            .map(|r| {
                (
                    r,
                    todo_keys(
                        r.confirmed,
                        &r.service_code,
                        r.sample && r.item != "service_kind",
                    ),
                )
            })
            .filter(|(_, keys)| !keys.is_empty())
            .collect()
    }
    fn price_todos(&self) -> Vec<&PriceRow> {
        self.prices
            .iter()
            .filter(|p| p.valid_to.is_none() && !p.confirmed)
            .collect()
    }
}

async fn master_page(
    ctx: &Ctx,
    form: MasterForm,
    errors: FieldErrors,
    price_form: PriceForm,
    price_errors: FieldErrors,
) -> AppResult<MasterPage> {
    let db = &ctx.app.db;
    Ok(MasterPage {
        page: ctx.form_page("records.master.title").await?,
        rows: store::claims::master_rows(db).await?,
        prices: store::claims::price_rows(db).await?,
        form,
        errors,
        price_form,
        price_errors,
        items: master_items(),
        grades: AREA_GRADES,
    })
}

pub async fn show_claim_master(ctx: Ctx, Admin(_): Admin) -> AppResult<Response> {
    let page = master_page(
        &ctx,
        MasterForm::default(),
        FieldErrors::new(),
        PriceForm::default(),
        FieldErrors::new(),
    )
    .await?;
    Ok(page.into_response())
}

pub async fn create_master_row(
    ctx: Ctx,
    Admin(who): Admin,
    CsrfForm(form): CsrfForm<MasterForm>,
) -> AppResult<Response> {
    let input = match form.parse() {
        Ok(input) => input,
        Err(errors) => {
            let page =
                master_page(&ctx, form, errors, PriceForm::default(), FieldErrors::new()).await?;
            return Ok(unprocessable(page));
        }
    };
    let row = store::claims::MasterInput {
        item: input.item,
        valid_from: input.valid_from,
        valid_to: None,
        units: input.units,
        percent: input.percent,
        service_code: &input.service_code,
        source: &input.source,
        confirmed: input.confirmed,
        note: &input.note,
        sample: false,
    };
    let mut tx = ctx.app.db.begin().await?;
    let id = store::claims::insert_master(&mut tx, &row, Some(who.id), clock::now()).await?;
    ctx.audit(
        Action::ClaimMasterCreate,
        &AuditRef::new("claim_master", id),
    )
    .detail(format!(
        "item={} from={} units={} percent={} service_code={} confirmed={}",
        input.item,
        input.valid_from,
        input.units.map(|u| u.to_string()).unwrap_or_default(),
        input.percent.map(|p| p.to_string()).unwrap_or_default(),
        input.service_code,
        input.confirmed
    ))
    .write(&mut tx)
    .await?;
    tx.commit().await?;
    Ok(see_other("/admin/claim-master?n=created"))
}

pub async fn create_unit_price(
    ctx: Ctx,
    Admin(who): Admin,
    CsrfForm(form): CsrfForm<PriceForm>,
) -> AppResult<Response> {
    let input = match form.parse() {
        Ok(input) => input,
        Err(errors) => {
            let page = master_page(
                &ctx,
                MasterForm::default(),
                FieldErrors::new(),
                form,
                errors,
            )
            .await?;
            return Ok(unprocessable(page));
        }
    };
    let row = store::claims::PriceInput {
        area_grade: input.grade,
        valid_from: input.valid_from,
        hundredths: input.hundredths,
        source: &input.source,
        confirmed: input.confirmed,
        note: &input.note,
    };
    let mut tx = ctx.app.db.begin().await?;
    let id = store::claims::insert_price(&mut tx, &row, who.id, clock::now()).await?;
    ctx.audit(Action::UnitPriceCreate, &AuditRef::new("unit_price", id))
        .detail(format!(
            "area_grade={} from={} price={} confirmed={}",
            input.grade,
            input.valid_from,
            format_price(input.hundredths),
            input.confirmed
        ))
        .write(&mut tx)
        .await?;
    tx.commit().await?;
    Ok(see_other("/admin/claim-master?n=created"))
}
