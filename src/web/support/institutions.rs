//! 関係機関 pages: an office's directory of institutions (clinics, なかぽつ, ハローワーク…),
//! adding one and editing one. Any staff member of the office may do both: the directory is
//! shared working knowledge, and a consent can name only an institution listed here.

use crate::web::access::{Policy, Routes};
use askama::Template;
use askama_web::WebTemplate;
use axum::{
    extract::Path,
    response::{IntoResponse, Response},
};

use crate::clock;
use crate::domain::fields::FieldErrors;
use crate::domain::institution::{InstitutionForm, InstitutionInput, Kind};
use crate::error::{AppError, AppResult};
use crate::store::{self, institutions::Institution, offices::Office};
use crate::web::{
    csrf::CsrfForm,
    ctx::{Ctx, Page},
    parse_id,
    platform::offices::visible_office,
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

pub async fn list_institutions(ctx: Ctx, Path(id): Path<String>) -> AppResult<Response> {
    let who = ctx.staff()?;
    let office = visible_office(&ctx, &who, parse_id(&id)?).await?;
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

pub async fn new_institution(ctx: Ctx, Path(id): Path<String>) -> AppResult<Response> {
    let who = ctx.staff()?;
    let office = visible_office(&ctx, &who, parse_id(&id)?).await?;
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
    Path(id): Path<String>,
    CsrfForm(form): CsrfForm<InstitutionForm>,
) -> AppResult<Response> {
    let who = ctx.staff()?;
    let office = visible_office(&ctx, &who, parse_id(&id)?).await?;
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
    let mut entry = ctx.legacy_audit("institution.create", "institution", iid);
    entry.office_id = Some(office.id);
    entry.detail = describe(&input);
    store::audit::record(&mut tx, &entry).await?;
    tx.commit().await?;
    Ok(see_other(&format!(
        "/offices/{}/institutions?n=created",
        office.id
    )))
}

/// The office and one of its institutions: 404 / 403 as for the office, and 404 when the
/// institution belongs to another office.
async fn visible_institution(ctx: &Ctx, id: &str, iid: &str) -> AppResult<(Office, Institution)> {
    let who = ctx.staff()?;
    let office = visible_office(ctx, &who, parse_id(id)?).await?;
    let institution = store::institutions::find(&ctx.app.db, office.id, parse_id(iid)?)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok((office, institution))
}

pub async fn edit_institution(
    ctx: Ctx,
    Path((id, iid)): Path<(String, String)>,
) -> AppResult<Response> {
    let (office, i) = visible_institution(&ctx, &id, &iid).await?;
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
    Path((id, iid)): Path<(String, String)>,
    CsrfForm(form): CsrfForm<InstitutionForm>,
) -> AppResult<Response> {
    let (office, i) = visible_institution(&ctx, &id, &iid).await?;
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
    let mut entry = ctx.legacy_audit("institution.update", "institution", i.id);
    entry.office_id = Some(office.id);
    entry.detail = describe(&input);
    store::audit::record(&mut tx, &entry).await?;
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
