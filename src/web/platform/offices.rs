//! 事業所 pages: list, show (with its staff and clients), create, edit, delete.
//! Everyone sees only the offices they belong to; an admin creates and deletes offices;
//! an admin or the office's manager edits it.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::Query;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

use crate::clock;
use crate::db::is_unique_violation;
use crate::domain::audit::Action;
use crate::domain::fields::FieldErrors;
use crate::domain::office::{OfficeForm, OfficeInput, PREFECTURES};
use crate::domain::paging::{self, Keyset};
use crate::domain::staff::Role;
use crate::error::AppResult;
use crate::store::{
    self,
    clients::ClientListRow,
    offices::{Office, OfficeSummary},
    staff::Staff,
};
use crate::web::{
    access::{Admin, OfficeAdmin, OfficeManage, OfficeView, Staff as SignedIn},
    csrf::CsrfForm,
    ctx::{AuditRef, Ctx, Page},
    see_other, unprocessable,
};

#[derive(Template, WebTemplate)]
#[template(path = "platform/offices/list.html")]
struct ListPage {
    page: Page,
    offices: Vec<OfficeSummary>,
    prev_href: Option<String>,
    next_href: Option<String>,
}

/// Offices per page of the office list.
const PAGE_SIZE: usize = 50;

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ListQuery {
    pub after: String,
    pub before: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "platform/offices/show.html")]
struct ShowPage {
    page: Page,
    office: Office,
    can_manage: bool,
    /// The manager or the clerk (事務): the claims links.
    can_claim: bool,
    staff: Vec<(Staff, String)>,
    /// The first page of the client list (`web::records::clients`), and how many there are.
    clients: Vec<ClientListRow>,
    client_total: i64,
}

impl ShowPage {
    fn role_label(&self, role: &str) -> &'static str {
        Role::parse(role)
            .map(Role::label_key)
            .unwrap_or("role.none")
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "platform/offices/form.html")]
struct FormPage {
    page: Page,
    form: OfficeForm,
    errors: FieldErrors,
    action: String,
    prefectures: &'static [&'static str],
}

/// The offices the staff member may see, [`PAGE_SIZE`] at a time (keyset by id).
pub async fn list_offices(
    ctx: Ctx,
    SignedIn(who): SignedIn,
    Query(q): Query<ListQuery>,
) -> AppResult<Response> {
    let at = Keyset::from_query(&q.after, &q.before);
    let mut offices =
        store::offices::page_visible(&ctx.app.db, &who, at, PAGE_SIZE as i64 + 1).await?;
    let links = paging::cut(&mut offices, PAGE_SIZE, at, |o| o.id);
    Ok(ListPage {
        page: ctx.page("office.list_title"),
        offices,
        prev_href: links.prev_before.map(|id| format!("/offices?before={id}")),
        next_href: links.next_after.map(|id| format!("/offices?after={id}")),
    }
    .into_response())
}

pub async fn show_office(ctx: Ctx, OfficeView { who, office }: OfficeView) -> AppResult<Response> {
    let staff = store::staff::list_for_office(&ctx.app.db, office.id).await?;
    let every = store::clients::ListFilter {
        search: String::new(),
        supporter_id: None,
        condition: crate::domain::client_list::Condition::Any,
    };
    let page_size = crate::web::records::clients::PAGE_SIZE as i64;
    let clients =
        store::clients::page_for_office(&ctx.app.db, office.id, &every, Keyset::First, page_size)
            .await?;
    let client_total = store::clients::count_for_office(&ctx.app.db, office.id, &every).await?;
    let can_manage = who.can_manage_office(office.id);
    let can_claim = who.can_claim(office.id);
    let page = ctx.page("office.title");
    Ok(ShowPage {
        page,
        office,
        can_manage,
        can_claim,
        staff,
        clients,
        client_total,
    }
    .into_response())
}

fn form_page(page: Page, form: OfficeForm, errors: FieldErrors, action: String) -> FormPage {
    FormPage {
        page,
        form,
        errors,
        action,
        prefectures: &PREFECTURES,
    }
}

pub async fn new_office(ctx: Ctx, Admin(_): Admin) -> AppResult<Response> {
    let page = ctx.page("office.new");
    Ok(form_page(
        page,
        OfficeForm {
            published: "1".into(),
            ..OfficeForm::default()
        },
        FieldErrors::new(),
        "/offices".into(),
    )
    .into_response())
}

/// A name or 事業所番号 that another office already uses becomes a field message.
async fn save_failed(
    ctx: &Ctx,
    err: sqlx::Error,
    form: OfficeForm,
    title: &'static str,
    action: String,
) -> AppResult<Response> {
    if !is_unique_violation(&err) {
        return Err(err.into());
    }
    let mut e = FieldErrors::new();
    let message = err.to_string();
    if message.contains("office_number") {
        e.add("office_number", "err.office_number_taken");
    } else {
        e.add("name", "err.office_name_taken");
    }
    Ok(unprocessable(form_page(ctx.page(title), form, e, action)))
}

pub async fn create_office(
    ctx: Ctx,
    Admin(who): Admin,
    CsrfForm(form): CsrfForm<OfficeForm>,
) -> AppResult<Response> {
    let input = match form.parse() {
        Ok(input) => input,
        Err(e) => {
            return Ok(unprocessable(form_page(
                ctx.page("office.new"),
                form,
                e,
                "/offices".into(),
            )));
        }
    };
    let mut tx = ctx.app.db.begin().await?;
    let id = match store::offices::insert(&mut tx, who.organization_id, &input, clock::now()).await
    {
        Ok(id) => id,
        Err(err) => {
            return save_failed(&ctx, err, form, "office.new", "/offices".into()).await;
        }
    };
    store::offices::set_era_dates(&mut tx, id, form.era_dates()).await?;
    ctx.audit(
        Action::OfficeCreate,
        &AuditRef::new("office", id).office(id),
    )
    .detail(describe(&input))
    .write(&mut tx)
    .await?;
    tx.commit().await?;
    Ok(see_other(&format!("/offices/{id}?n=created")))
}

pub async fn edit_office(
    ctx: Ctx,
    OfficeManage { office, .. }: OfficeManage,
) -> AppResult<Response> {
    let form = OfficeForm {
        name: office.name,
        office_number: office.office_number.unwrap_or_default(),
        prefecture: office.prefecture,
        address: office.address,
        nearest_station: office.nearest_station,
        phone: office.phone,
        email: office.email,
        hours: office.hours,
        services: office.services,
        published: if office.published { "1" } else { "" }.to_string(),
        plan_review_months: office.plan_review_months.to_string(),
        era_dates: if office.era_dates { "1" } else { "" }.to_string(),
    };
    let action = format!("/offices/{}", office.id);
    Ok(form_page(ctx.page("office.edit"), form, FieldErrors::new(), action).into_response())
}

pub async fn update_office(
    ctx: Ctx,
    OfficeManage { office, .. }: OfficeManage,
    CsrfForm(form): CsrfForm<OfficeForm>,
) -> AppResult<Response> {
    let action = format!("/offices/{}", office.id);
    let input = match form.parse() {
        Ok(input) => input,
        Err(e) => {
            return Ok(unprocessable(form_page(
                ctx.page("office.edit"),
                form,
                e,
                action,
            )));
        }
    };
    let mut tx = ctx.app.db.begin().await?;
    if let Err(err) = store::offices::update(&mut tx, office.id, &input, clock::now()).await {
        return save_failed(&ctx, err, form, "office.edit", action).await;
    }
    store::offices::set_era_dates(&mut tx, office.id, form.era_dates()).await?;
    ctx.audit(Action::OfficeUpdate, &office)
        .detail(describe(&input))
        .write(&mut tx)
        .await?;
    tx.commit().await?;
    Ok(see_other(&format!("/offices/{}?n=saved", office.id)))
}

pub async fn delete_office(
    ctx: Ctx,
    OfficeAdmin { office, .. }: OfficeAdmin,
    CsrfForm(_): CsrfForm<Vec<(String, String)>>,
) -> AppResult<Response> {
    let mut tx = ctx.app.db.begin().await?;
    if store::offices::count_clients(&mut tx, office.id).await? > 0 {
        // Client records are never deleted with an office; the admin moves or ends them first.
        return Ok(see_other(&format!("/offices/{}?n=has_clients", office.id)));
    }
    store::offices::delete(&mut tx, office.id, clock::now()).await?;
    // No office on the row: the office is gone.
    ctx.audit(Action::OfficeDelete, &AuditRef::new("office", office.id))
        .detail(office.name)
        .write(&mut tx)
        .await?;
    tx.commit().await?;
    Ok(see_other("/offices?n=deleted"))
}

fn describe(o: &OfficeInput) -> String {
    format!("{} / {} {}", o.name, o.prefecture, o.address)
}
