//! The client's own view of what they agreed to share (`/me/sharing`), and withdrawing it
//! themselves: a consent is the client's, so the client can take it back without waiting
//! for the office (APPI: consent may be withdrawn). The withdrawal takes effect at once:
//! the employer's next request shows nothing of theirs (`EmployerClient` checks the
//! consent on every request). The office sees the withdrawal on the consent page, with the
//! note that the client made it online.

use askama::Template;
use askama_web::WebTemplate;
use axum::{
    extract::Path,
    response::{IntoResponse, Response},
};

use crate::clock;
use crate::domain::audit::Action;
use crate::domain::consent::{Category, categories_from_column};
use crate::error::{AppError, AppResult};
use crate::store::{self, consents::ConsentRow};
use crate::web::{
    access::{ClientSelf, ClientWrite, Policy, Routes},
    csrf::CsrfForm,
    ctx::{AuditRef, Ctx, Page},
    see_other,
};

pub fn routes() -> Routes {
    Routes::new()
        .get("/me/sharing", Policy::ClientSelf, show)
        .get("/me/sharing/{cid}/withdraw", Policy::ClientSelf, confirm)
        .post("/me/sharing/{cid}/withdraw", Policy::ClientSelf, withdraw)
}

/// The note kept on a consent the client withdrew online.
pub const WITHDRAWN_ONLINE: &str = "本人がオンラインで取り消し";

/// One consent as the client reads it.
pub struct Shared {
    pub id: i64,
    pub employer: bool,
    pub recipient: String,
    pub categories: Vec<Category>,
    pub since: String,
    pub active: bool,
    pub withdrawn: Option<String>,
}

fn shared(row: &ConsentRow, now: time::OffsetDateTime) -> Shared {
    Shared {
        id: row.id,
        employer: row.recipient_kind == "employer",
        recipient: row.recipient_name.clone(),
        categories: categories_from_column(&row.categories),
        since: row.valid_from.to_string(),
        active: row.withdrawn_at.is_none_or(|w| w > now),
        withdrawn: row.withdrawn_at.map(clock::format_jst),
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "portal/sharing.html")]
struct SharingPage {
    page: Page,
    consents: Vec<Shared>,
}

async fn show(ctx: Ctx, ClientSelf(me): ClientSelf) -> AppResult<Response> {
    let now = clock::now();
    let consents = store::consents::list_for_client(&ctx.app.db, me.client_id)
        .await?
        .iter()
        .rev()
        .map(|row| shared(row, now))
        .collect();
    Ok(SharingPage {
        page: ctx.form_page("portal.sharing.title").await?,
        consents,
    }
    .into_response())
}

fn consent_id(raw: &str) -> Result<i64, AppError> {
    raw.parse::<i64>().map_err(|_| AppError::NotFound)
}

#[derive(Template, WebTemplate)]
#[template(path = "portal/sharing_confirm.html")]
struct ConfirmPage {
    page: Page,
    consent: Shared,
}

/// "Do you really want to stop sharing?": one more step, since only the office can record
/// a new consent.
async fn confirm(
    ctx: Ctx,
    ClientSelf(me): ClientSelf,
    Path(cid): Path<String>,
) -> AppResult<Response> {
    let row = store::consents::find(&ctx.app.db, me.client_id, consent_id(&cid)?)
        .await?
        .ok_or(AppError::NotFound)?;
    let consent = shared(&row, clock::now());
    if !consent.active {
        return Ok(see_other("/me/sharing"));
    }
    Ok(ConfirmPage {
        page: ctx.form_page("portal.sharing.confirm_title").await?,
        consent,
    }
    .into_response())
}

async fn withdraw(
    ctx: Ctx,
    ClientWrite(me): ClientWrite,
    Path(cid): Path<String>,
    CsrfForm(_): CsrfForm<Vec<(String, String)>>,
) -> AppResult<Response> {
    let db = &ctx.app.db;
    let row = store::consents::find(db, me.client_id, consent_id(&cid)?)
        .await?
        .ok_or(AppError::NotFound)?;
    let mut tx = db.begin().await?;
    // A second tap changes nothing and is not audited again.
    if store::consents::withdraw(
        &mut tx,
        me.client_id,
        row.id,
        WITHDRAWN_ONLINE,
        clock::now(),
    )
    .await?
    {
        ctx.audit(
            Action::ConsentWithdraw,
            &AuditRef::new("consent", row.id)
                .client(me.client_id)
                .office(me.office_id),
        )
        .detail(format!(
            "client={} recipient={} (online, by the client)",
            me.client_id, row.recipient_name
        ))
        .write(&mut tx)
        .await?;
    }
    tx.commit().await?;
    Ok(see_other("/me/sharing?n=sharing_stopped"))
}
