//! 関係機関 pages: an office's directory of institutions (clinics, なかぽつ, ハローワーク…),
//! adding one and editing one. Any staff member of the office may do both: the directory is
//! shared working knowledge, and a consent can name only an institution listed here.

use askama::Template;
use askama_web::WebTemplate;
use axum::response::{IntoResponse, Response};

use crate::clock;
use crate::db::Db;
use crate::domain::audit::Action;
use crate::domain::fields::FieldErrors;
use crate::domain::institution::{InstitutionForm, InstitutionInput, Kind};
use crate::error::{AppError, AppResult};
use crate::store::{self, institutions::Institution, offices::Office};
use crate::web::{
    access::{Child, OfOffice, OfficeView, Policy, Routes, Sub},
    csrf::CsrfForm,
    ctx::{AuditRef, AuditTarget, Ctx, Page},
    see_other, unprocessable,
};

pub fn routes() -> Routes {
    Routes::new()
        .get(
            "/offices/{id}/institutions",
            Policy::OfficeView,
            list_institutions,
        )
        .get(
            "/offices/{id}/institutions/new",
            Policy::OfficeView,
            new_institution,
        )
        .post(
            "/offices/{id}/institutions/new",
            Policy::OfficeView,
            create_institution,
        )
        .get(
            "/offices/{id}/institutions/{iid}/edit",
            Policy::OfficeView,
            edit_institution,
        )
        .post(
            "/offices/{id}/institutions/{iid}/edit",
            Policy::OfficeView,
            update_institution,
        )
}

/// `{iid}` in `/offices/{id}/institutions/{iid}/…`: an institution of that office (404
/// when it belongs to another office).
impl Child for Institution {
    type Of = OfOffice;
    const PARAM: &'static str = "iid";
    async fn load(db: &Db, office_id: i64, id: i64) -> Result<Option<Self>, sqlx::Error> {
        store::institutions::find(db, office_id, id).await
    }
}

impl AuditTarget for Institution {
    fn audit_ref(&self) -> AuditRef {
        AuditRef::new("institution", self.id).office(self.office_id)
    }
}

/// The i18n key of a stored kind code (an unknown code shows as その他).
fn kind_key(code: &str) -> &'static str {
    Kind::parse(code).unwrap_or(Kind::Other).label_key()
}

#[derive(Template, WebTemplate)]
#[template(path = "support/institutions/list.html")]
struct ListPage {
    page: Page,
    office: Office,
    institutions: Vec<Institution>,
}

impl ListPage {
    fn kind_key(&self, code: &str) -> &'static str {
        kind_key(code)
    }
}

pub async fn list_institutions(
    ctx: Ctx,
    OfficeView { office, .. }: OfficeView,
) -> AppResult<Response> {
    let institutions = store::institutions::list_for_office(&ctx.app.db, office.id).await?;
    Ok(ListPage {
        page: ctx.page("institution.list_title"),
        office,
        institutions,
    }
    .into_response())
}

#[derive(Template, WebTemplate)]
#[template(path = "support/institutions/form.html")]
struct FormPage {
    page: Page,
    office: Office,
    form: InstitutionForm,
    errors: FieldErrors,
    action: String,
    kinds: [Kind; 6],
}

fn form_page(
    page: Page,
    office: Office,
    form: InstitutionForm,
    errors: FieldErrors,
    action: String,
) -> FormPage {
    FormPage {
        page,
        office,
        form,
        errors,
        action,
        kinds: Kind::ALL,
    }
}

pub async fn new_institution(
    ctx: Ctx,
    OfficeView { office, .. }: OfficeView,
) -> AppResult<Response> {
    let action = format!("/offices/{}/institutions/new", office.id);
    Ok(form_page(
        ctx.page("institution.new"),
        office,
        InstitutionForm::default(),
        FieldErrors::new(),
        action,
    )
    .into_response())
}

pub async fn create_institution(
    ctx: Ctx,
    OfficeView { office, .. }: OfficeView,
    CsrfForm(form): CsrfForm<InstitutionForm>,
) -> AppResult<Response> {
    let input = match form.parse() {
        Ok(input) => input,
        Err(errors) => {
            let action = format!("/offices/{}/institutions/new", office.id);
            return Ok(unprocessable(form_page(
                ctx.page("institution.new"),
                office,
                form,
                errors,
                action,
            )));
        }
    };
    let mut tx = ctx.app.db.begin().await?;
    let iid = store::institutions::insert(&mut tx, office.id, &input, clock::now()).await?;
    ctx.audit(
        Action::InstitutionCreate,
        &AuditRef::new("institution", iid),
    )
    .office(office.id)
    .detail(describe(&input))
    .write(&mut tx)
    .await?;
    tx.commit().await?;
    Ok(see_other(&format!(
        "/offices/{}/institutions?n=created",
        office.id
    )))
}

pub async fn edit_institution(
    ctx: Ctx,
    Sub(OfficeView { office, .. }, i): Sub<OfficeView, Institution>,
) -> AppResult<Response> {
    let action = format!("/offices/{}/institutions/{}/edit", office.id, i.id);
    let form = InstitutionForm {
        institution_name: i.name,
        institution_kind: i.kind,
        contact_person: i.contact_person,
        phone: i.phone,
        email: i.email,
        address: i.address,
        institution_notes: i.notes,
    };
    Ok(form_page(
        ctx.page("institution.edit"),
        office,
        form,
        FieldErrors::new(),
        action,
    )
    .into_response())
}

pub async fn update_institution(
    ctx: Ctx,
    Sub(OfficeView { office, .. }, i): Sub<OfficeView, Institution>,
    CsrfForm(form): CsrfForm<InstitutionForm>,
) -> AppResult<Response> {
    let input = match form.parse() {
        Ok(input) => input,
        Err(errors) => {
            let action = format!("/offices/{}/institutions/{}/edit", office.id, i.id);
            return Ok(unprocessable(form_page(
                ctx.page("institution.edit"),
                office,
                form,
                errors,
                action,
            )));
        }
    };
    let mut tx = ctx.app.db.begin().await?;
    if !store::institutions::update(&mut tx, office.id, i.id, &input, clock::now()).await? {
        return Err(AppError::NotFound);
    }
    ctx.audit(Action::InstitutionUpdate, &i)
        .office(office.id)
        .detail(describe(&input))
        .write(&mut tx)
        .await?;
    tx.commit().await?;
    Ok(see_other(&format!(
        "/offices/{}/institutions?n=saved",
        office.id
    )))
}

/// The audit detail: what identifies the institution, not the notes.
fn describe(i: &InstitutionInput) -> String {
    format!("{} ({})", i.name, i.kind.code())
}
