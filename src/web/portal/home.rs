//! The portal's home pages: the client's (`/me`) and the employer contact's (`/employer`).

use askama::Template;
use askama_web::WebTemplate;
use axum::response::{IntoResponse, Response};

use crate::clock;
use crate::domain::consent::Category;
use crate::error::AppResult;
use crate::store;
use crate::web::access::{ClientSelf, EmployerSelf, Policy, Routes, portal_allowed_categories};
use crate::web::ctx::{Ctx, Page};

pub fn routes() -> Routes {
    Routes::new()
        .get("/me", Policy::ClientSelf, client_home)
        .get("/employer", Policy::EmployerSelf, employer_home)
}

#[derive(Template, WebTemplate)]
#[template(path = "portal/me.html")]
struct ClientHome {
    page: Page,
    /// Today's self-check is done.
    checked_today: bool,
    /// The client has self-check items to answer.
    has_items: bool,
    /// Months whose latest report the client has not confirmed yet: (month, label).
    to_confirm: Vec<(String, String)>,
}

/// What waits for the client today: the self-check, reports to read.
async fn client_home(ctx: Ctx, ClientSelf(me): ClientSelf) -> AppResult<Response> {
    let db = &ctx.app.db;
    let checked_today = store::selfcheck::entry_on(db, me.client_id, clock::today())
        .await?
        .is_some();
    let has_items = !store::selfcheck::active_items(db, me.client_id)
        .await?
        .is_empty();
    let reader = super::reports::Reader::Client(me.account_id);
    let to_confirm = super::reports::month_items(&ctx, me.client_id, &reader)
        .await?
        .into_iter()
        .filter(|m| m.acknowledged.is_none())
        .map(|m| (m.month, m.label))
        .collect();
    let page = ctx.form_page("portal.me.title").await?;
    Ok(ClientHome {
        page,
        checked_today,
        has_items,
        to_confirm,
    }
    .into_response())
}

/// One client of the employer contact, with what the client's consent lets them see.
pub struct EmployerClientRow {
    pub client_id: i64,
    pub name: String,
    pub allowed: Vec<Category>,
}

#[derive(Template, WebTemplate)]
#[template(path = "portal/employer_home.html")]
struct EmployerHome {
    page: Page,
    employer_name: String,
    clients: Vec<EmployerClientRow>,
}

async fn employer_home(ctx: Ctx, EmployerSelf(me): EmployerSelf) -> AppResult<Response> {
    let db = &ctx.app.db;
    let now = clock::now();
    let today = clock::today();
    let mut clients = Vec::new();
    for link in store::portal::links_of_contact(db, me.contact_id).await? {
        let consents = store::consents::records_for_client(db, link.client_id).await?;
        let allowed = portal_allowed_categories(&consents, &link.recipient_name, now, today);
        if allowed.is_empty() {
            // No consent in force: nothing of this person is shown, not even the name.
            continue;
        }
        if let Some(client) = store::clients::find(db, link.client_id).await? {
            clients.push(EmployerClientRow {
                client_id: client.id,
                name: client.name,
                allowed,
            });
        }
    }
    let page = ctx.form_page("portal.employer.title").await?;
    Ok(EmployerHome {
        page,
        employer_name: me.employer_name,
        clients,
    }
    .into_response())
}
