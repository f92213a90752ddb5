//! The hand-over package for the employer contact chosen to receive it
//! (`/employer/clients/{id}/handover`, issue 15, item 4). Shown only while the client's
//! consent naming the contact covers the hand-over package (`Category::Handover`, checked
//! on every request by `EmployerClient`, so a withdrawal hides it on the next one: 404 when
//! nothing is consented any more, 403 when other categories still are), only to the
//! contact staff chose, and only from 3 months before the end of the service
//! (`domain::handover::availability`); before that the page says from when.

use askama::Template;
use askama_web::WebTemplate;
use axum::response::{IntoResponse, Response};

use crate::clock;
use crate::domain::consent::Category;
use crate::error::AppResult;
use crate::store::{self, clients::Client};
use crate::web::access::{EmployerClient, Policy, Routes};
use crate::web::ctx::{Ctx, Page};
use crate::web::records::handover::{PackageView, package};

pub fn routes() -> Routes {
    Routes::new().get(
        "/employer/clients/{id}/handover",
        Policy::EmployerClient,
        employer_handover,
    )
}

/// What the employer contact may see.
enum Shown {
    /// Staff have not chosen this contact to receive the package.
    NotForYou,
    /// Available from this day.
    NotYet(String),
    /// Not available: no end of service is known yet.
    Unknown,
    /// The package and the memo.
    Open { memo: String },
}

#[derive(Template, WebTemplate)]
#[template(path = "portal/employer/handover.html")]
struct HandoverPage {
    page: Page,
    client: Client,
    view: PackageView,
    shown: Shown,
}

async fn employer_handover(ctx: Ctx, ec: EmployerClient) -> AppResult<Response> {
    ec.require(Category::Handover)?;
    let db = &ctx.app.db;
    let view = package(db, ec.client.id, clock::today(), ctx.lang).await?;
    let saved = store::handovers::find(db, ec.client.id).await?;
    let chosen = saved.as_ref().and_then(|h| h.recipient_contact_id) == Some(ec.who.contact_id);
    let shown = if !chosen {
        Shown::NotForYou
    } else {
        match view.p.availability.from() {
            None => Shown::Unknown,
            Some(from) if !view.p.availability.is_open() => Shown::NotYet(view.day(&from)),
            Some(_) => Shown::Open {
                memo: saved.map(|h| h.memo).unwrap_or_default(),
            },
        }
    };
    Ok(HandoverPage {
        page: ctx.page("employer.handover.title"),
        client: ec.client,
        view,
        shown,
    }
    .into_response())
}
