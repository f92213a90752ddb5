//! Choosing the items: the client (`/me/check/items`) and the supporter (on
//! `/clients/{id}/selfcheck`) change the same list — add a library item or the client's own,
//! remove one (kept for the past), move one up or down. Every change is audited
//! (`selfcheck.items`).

use askama::Template;
use askama_web::WebTemplate;
use axum::response::{IntoResponse, Response};

use crate::clock;
use crate::domain::audit::Action;
use crate::domain::fields::Pairs;
use crate::domain::selfcheck::{
    ItemChange, MAX_ACTIVE_ITEMS, OWN_LABEL_MAX, moved, parse_own_label,
};
use crate::error::{AppError, AppResult};
use crate::store;
use crate::web::access::{ClientEdit, ClientSelf, ClientWrite};
use crate::web::csrf::CsrfForm;
use crate::web::ctx::{AuditRef, Ctx, Page};
use crate::web::{see_other, unprocessable};

use super::{ItemView, offered};

/// What a change asked for could not be done: the message for the page (422).
pub type ItemError = &'static str;

/// Applies the change the form asks for to the client's items, with its audit row. `Ok(Err)`
/// is a field message (the own item's words, too many items); a form that asks for nothing
/// known is a 400.
pub async fn apply(
    ctx: &Ctx,
    client_id: i64,
    office_id: i64,
    pairs: &Pairs,
) -> AppResult<Result<(), ItemError>> {
    let op = pairs.get("op");
    let Some(change) = ItemChange::parse(&op) else {
        return Err(AppError::BadRequest(format!("unknown item change {op:?}")));
    };
    let db = &ctx.app.db;
    let active: Vec<i64> = store::selfcheck::active_items(db, client_id)
        .await?
        .iter()
        .map(|i| i.id)
        .collect();
    let adding = matches!(change, ItemChange::AddLibrary(_) | ItemChange::AddOwn);
    if adding && active.len() >= MAX_ACTIVE_ITEMS {
        return Ok(Err("selfcheck.err.too_many"));
    }
    let now = clock::now();
    let mut tx = db.begin().await?;
    let detail = match change {
        ItemChange::AddLibrary(code) => {
            store::selfcheck::add_library_item(&mut tx, client_id, code, now)
                .await?
                .map(|id| format!("add item={id} library={code}"))
        }
        ItemChange::AddOwn => {
            let label = match parse_own_label(&pairs.get("label")) {
                Ok(label) => label,
                Err(key) => return Ok(Err(key)),
            };
            let id = store::selfcheck::add_own_item(&mut tx, client_id, &label, now).await?;
            Some(format!("add item={id} own"))
        }
        ItemChange::Remove(id) => store::selfcheck::remove_item(&mut tx, client_id, id, now)
            .await?
            .then(|| format!("remove item={id}")),
        ItemChange::Up(id) | ItemChange::Down(id) => {
            let up = matches!(change, ItemChange::Up(_));
            match moved(&active, id, up) {
                Some(order) => {
                    store::selfcheck::set_order(&mut tx, client_id, &order).await?;
                    Some(format!("{} item={id}", if up { "up" } else { "down" }))
                }
                None => None,
            }
        }
    };
    // A change that changes nothing (a second click) is not audited.
    if let Some(detail) = detail {
        ctx.audit(
            Action::SelfcheckItems,
            &AuditRef::new("client", client_id).office(office_id),
        )
        .detail(detail)
        .write(&mut tx)
        .await?;
    }
    tx.commit().await?;
    Ok(Ok(()))
}

#[derive(Template, WebTemplate)]
#[template(path = "portal/selfcheck/items.html")]
struct ClientItemsPage {
    page: Page,
    items: Vec<ItemView>,
    offered: Vec<(&'static str, String, String)>,
    error: Option<&'static str>,
    label: String,
    label_max: usize,
    full: bool,
}

async fn client_items_page(
    ctx: &Ctx,
    client_id: i64,
    error: Option<&'static str>,
    label: String,
) -> AppResult<ClientItemsPage> {
    let items: Vec<ItemView> = store::selfcheck::active_items(&ctx.app.db, client_id)
        .await?
        .iter()
        .map(|r| ItemView::of(r, ctx.lang))
        .collect();
    Ok(ClientItemsPage {
        page: ctx.form_page("selfcheck.items.title").await?,
        offered: offered(&items, ctx.lang),
        full: items.len() >= MAX_ACTIVE_ITEMS,
        items,
        error,
        label,
        label_max: OWN_LABEL_MAX,
    })
}

/// `GET /me/check/items`: the client's items, to change with their supporter.
pub async fn client_items(ctx: Ctx, ClientSelf(me): ClientSelf) -> AppResult<Response> {
    Ok(client_items_page(&ctx, me.client_id, None, String::new())
        .await?
        .into_response())
}

/// `POST /me/check/items`: the client changes their items.
pub async fn change_client_items(
    ctx: Ctx,
    ClientWrite(me): ClientWrite,
    CsrfForm(pairs): CsrfForm<Vec<(String, String)>>,
) -> AppResult<Response> {
    let pairs = Pairs(pairs);
    match apply(&ctx, me.client_id, me.office_id, &pairs).await? {
        Ok(()) => Ok(see_other("/me/check/items?n=saved")),
        Err(key) => {
            let page = client_items_page(&ctx, me.client_id, Some(key), pairs.get("label")).await?;
            Ok(unprocessable(page))
        }
    }
}

/// `POST /clients/{id}/selfcheck/items`: the supporter changes the client's items.
pub async fn change_staff_items(
    ctx: Ctx,
    ClientEdit { client, office, .. }: ClientEdit,
    CsrfForm(pairs): CsrfForm<Vec<(String, String)>>,
) -> AppResult<Response> {
    let pairs = Pairs(pairs);
    match apply(&ctx, client.id, office.id, &pairs).await? {
        Ok(()) => Ok(see_other(&format!(
            "/clients/{}/selfcheck?n=saved#items",
            client.id
        ))),
        Err(key) => {
            let page = super::staff::staff_page(
                &ctx,
                client,
                office,
                crate::domain::selfcheck::Range::TwoWeeks,
                super::staff::Typed::Item(key, pairs.get("label")),
            )
            .await?;
            Ok(unprocessable(page))
        }
    }
}
