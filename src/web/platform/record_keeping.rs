//! 記録の保存期間 (admin only): the organisation's number of years records are kept after a
//! client's service ends, the list of clients whose period has passed (looked at monthly),
//! and the removal of one client's personal data on the administrator's approval, after a
//! page that says what will be deleted and what stays (`store::record_keeping::remove`).

use askama::Template;
use askama_web::WebTemplate;
use axum::{
    http::StatusCode,
    response::{IntoResponse, Response},
};
use time::Date;

use crate::clock;
use crate::domain::audit::Action;
use crate::domain::fields::{FieldErrors, Pairs};
use crate::domain::record_keeping::{self, keep_until, may_remove, service_end};
use crate::error::{AppError, AppResult};
use crate::store::{self, record_keeping::ClientFacts};
use crate::web::{
    access::{Admin, ClientAdmin, Policy, Routes},
    csrf::CsrfForm,
    ctx::{AuditRef, Ctx, Page},
    see_other, unprocessable,
};

pub fn routes() -> Routes {
    Routes::new()
        .get("/admin/record-keeping", Policy::Admin, list_record_keeping)
        .post(
            "/admin/record-keeping",
            Policy::Admin,
            update_record_keeping,
        )
        .get(
            "/admin/record-keeping/{id}/remove",
            Policy::Admin,
            confirm_removal,
        )
        .post(
            "/admin/record-keeping/{id}/remove",
            Policy::Admin,
            remove_client,
        )
}

/// A client of the list: where their service ended and until when it is kept.
pub struct Due {
    pub id: i64,
    pub name: String,
    pub office_name: String,
    pub service_end: Date,
    pub keep_until: Date,
}

fn due(f: &ClientFacts, years: i64) -> Due {
    let end = service_end(&f.service_facts());
    Due {
        id: f.id,
        name: f.name.clone(),
        office_name: f.office_name.clone(),
        service_end: end,
        keep_until: keep_until(end, years),
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "platform/record_keeping/list.html")]
struct ListPage {
    page: Page,
    years: String,
    errors: FieldErrors,
    today: Date,
    due: Vec<Due>,
}

async fn list_page(
    ctx: &Ctx,
    organization_id: i64,
    years_typed: Option<String>,
    errors: FieldErrors,
) -> AppResult<ListPage> {
    let years = store::record_keeping::years(&ctx.app.db, organization_id).await?;
    let today = clock::today();
    let mut due: Vec<Due> = store::record_keeping::list_facts(&ctx.app.db, organization_id)
        .await?
        .iter()
        .map(|f| due(f, years))
        .filter(|d| d.keep_until < today)
        .collect();
    due.sort_by(|a, b| a.keep_until.cmp(&b.keep_until).then(a.id.cmp(&b.id)));
    Ok(ListPage {
        page: ctx.page("keeping.title"),
        years: years_typed.unwrap_or_else(|| years.to_string()),
        errors,
        today,
        due,
    })
}

/// The setting and the clients whose keeping period has passed, by the day it passed.
pub async fn list_record_keeping(ctx: Ctx, Admin(who): Admin) -> AppResult<Response> {
    Ok(
        list_page(&ctx, who.organization_id, None, FieldErrors::new())
            .await?
            .into_response(),
    )
}

/// Saves the number of years: refused under the legal minimum with a field message.
pub async fn update_record_keeping(
    ctx: Ctx,
    Admin(who): Admin,
    CsrfForm(pairs): CsrfForm<Vec<(String, String)>>,
) -> AppResult<Response> {
    let typed = Pairs(pairs).get("keeping_years");
    let mut e = FieldErrors::new();
    let Some(years) = record_keeping::parse_years(&mut e, &typed) else {
        let page = list_page(&ctx, who.organization_id, Some(typed), e).await?;
        return Ok(unprocessable(page));
    };
    let before = store::record_keeping::years(&ctx.app.db, who.organization_id).await?;
    let mut tx = ctx.app.db.begin().await?;
    store::record_keeping::update_years(&mut tx, who.organization_id, years).await?;
    ctx.audit(
        Action::KeepingSettingUpdate,
        &AuditRef::new("organization", who.organization_id),
    )
    .detail(format!("years {before} -> {years}"))
    .write(&mut tx)
    .await?;
    tx.commit().await?;
    Ok(see_other("/admin/record-keeping?n=saved"))
}

#[derive(Template, WebTemplate)]
#[template(path = "platform/record_keeping/remove.html")]
struct RemovePage {
    page: Page,
    due: Due,
    years: i64,
    eligible: bool,
    errors: FieldErrors,
}

async fn remove_page(
    ctx: &Ctx,
    c: &ClientAdmin,
    errors: FieldErrors,
) -> AppResult<(RemovePage, bool)> {
    let years = store::record_keeping::years(&ctx.app.db, c.who.organization_id).await?;
    let facts = store::record_keeping::find_facts(&ctx.app.db, c.client.id)
        .await?
        .ok_or(AppError::NotFound)?;
    let due = due(&facts, years);
    let eligible = may_remove(due.service_end, years, clock::today());
    Ok((
        RemovePage {
            page: ctx.page("keeping.remove_title"),
            due,
            years,
            eligible,
            errors,
        },
        eligible,
    ))
}

/// What removal will do, for one client; only a button when their period has passed.
pub async fn confirm_removal(ctx: Ctx, c: ClientAdmin) -> AppResult<Response> {
    ctx.audit(Action::ClientView, &c.client)
        .write_now(&ctx.app.db)
        .await?;
    let (page, _) = remove_page(&ctx, &c, FieldErrors::new()).await?;
    Ok(page.into_response())
}

/// Removes the client's personal data in one transaction with its audit row (counts per
/// table, no name). A client whose period has not passed is refused with 409; an
/// unticked confirmation is a 422.
pub async fn remove_client(
    ctx: Ctx,
    c: ClientAdmin,
    CsrfForm(pairs): CsrfForm<Vec<(String, String)>>,
) -> AppResult<Response> {
    let mut e = FieldErrors::new();
    if Pairs(pairs).get("confirm_removal") != "1" {
        e.add("confirm_removal", "keeping.err_confirm");
    }
    let years = store::record_keeping::years(&ctx.app.db, c.who.organization_id).await?;
    let (today, now) = (clock::today(), clock::now());
    let mut tx = ctx.app.db.begin().await?;
    // Taken first (a write), so two removals of one client run one after the other and
    // the second finds no client; the period is checked on what the lock sees.
    let email = store::record_keeping::lock_for_removal(&mut tx, c.client.id, now)
        .await?
        .ok_or(AppError::NotFound)?;
    let facts = store::record_keeping::find_facts_in(&mut tx, c.client.id)
        .await?
        .ok_or(AppError::NotFound)?;
    let end = service_end(&facts.service_facts());
    if !may_remove(end, years, today) {
        drop(tx);
        let (page, _) = remove_page(&ctx, &c, FieldErrors::new()).await?;
        return Ok((StatusCode::CONFLICT, page).into_response());
    }
    if !e.is_empty() {
        drop(tx);
        let (page, _) = remove_page(&ctx, &c, e).await?;
        return Ok(unprocessable(page));
    }
    let counts = store::record_keeping::remove(&mut tx, c.client.id, &email, now)
        .await?
        .ok_or(AppError::NotFound)?;
    ctx.audit(
        Action::ClientRemove,
        &AuditRef::new("client", c.client.id).office(c.client.office_id),
    )
    .detail(format!(
        "years={years} service_end={end} {}",
        counts.detail()
    ))
    .write(&mut tx)
    .await?;
    tx.commit().await?;
    Ok(see_other("/admin/record-keeping?n=removed"))
}
