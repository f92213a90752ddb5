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
}

async fn client_home(ctx: Ctx, ClientSelf(_me): ClientSelf) -> AppResult<Response> {
    let page = ctx.form_page("portal.me.title").await?;
    Ok(ClientHome { page }.into_response())
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
