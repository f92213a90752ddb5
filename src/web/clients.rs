//! 利用者 pages. Reading a client's record is audited (`client.view`): disability and health
//! information is 要配慮個人情報.

use askama::Template;
use askama_web::WebTemplate;
use axum::{
    extract::Path,
    response::{IntoResponse, Response},
};

use crate::error::{AppError, AppResult};
use crate::store::{self, clients::Client, offices::Office};
use crate::web::{
    ctx::{Ctx, Page},
    offices::visible_office,
    parse_id,
};

#[derive(Template, WebTemplate)]
#[template(path = "clients/show.html")]
struct ShowPage {
    page: Page,
    client: Client,
    office: Office,
    supporter: Option<String>,
}

pub async fn show_client(ctx: Ctx, Path(id): Path<String>) -> AppResult<Response> {
    let who = ctx.staff()?;
    let client = store::clients::find(&ctx.app.db, parse_id(&id)?)
        .await?
        .ok_or(AppError::NotFound)?;
    let office = visible_office(&ctx, &who, client.office_id).await?;
    let supporter = match client.supporter_id {
        Some(sid) => store::staff::find(&ctx.app.db, sid)
            .await?
            .map(|s| s.display_name),
        None => None,
    };
    let mut entry = ctx.audit("client.view", "client", client.id);
    entry.office_id = Some(office.id);
    store::audit::record_now(&ctx.app.db, &entry).await?;
    Ok(ShowPage {
        page: ctx.page("client.title"),
        client,
        office,
        supporter,
    }
    .into_response())
}
