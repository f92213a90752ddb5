//! Moving a client to another office of the organisation (`/clients/{id}/move`): the
//! history of the client's offices and the form that records a move. A manager of both
//! offices (or an admin) moves the client; the client keeps one record, so 初期加算 and
//! the month's claim stay one per person (domain.md §2.1, §7.2). Every move is audited.

use askama::Template;
use askama_web::WebTemplate;
use axum::response::{IntoResponse, Response};

use crate::clock;
use crate::domain::audit::Action;
use crate::domain::fields::FieldErrors;
use crate::domain::office_move::MoveForm;
use crate::domain::staff::Principal;
use crate::error::AppResult;
use crate::store::{self, client_moves::MoveRow, clients::Client, offices::Office};
use crate::web::{
    access::{ClientManage, Policy, Routes},
    csrf::CsrfForm,
    ctx::{Ctx, Page},
    see_other, unprocessable,
};

pub fn routes() -> Routes {
    Routes::new()
        .get("/clients/{id}/move", Policy::ClientManage, show_move)
        .post("/clients/{id}/move", Policy::ClientManage, move_client)
}

#[derive(Template, WebTemplate)]
#[template(path = "records/clients/move.html")]
struct MovePage {
    page: Page,
    client: Client,
    office: Office,
    history: Vec<MoveRow>,
    targets: Vec<Office>,
    form: MoveForm,
    errors: FieldErrors,
}

/// The organisation's other offices the staff member manages.
async fn targets(ctx: &Ctx, who: &Principal, current: i64) -> AppResult<Vec<Office>> {
    Ok(store::offices::list_all(&ctx.app.db, who.organization_id)
        .await?
        .into_iter()
        .filter(|o| o.id != current && who.can_manage_office(o.id))
        .collect())
}

async fn move_page(
    ctx: &Ctx,
    who: &Principal,
    client: Client,
    office: Office,
    form: MoveForm,
    errors: FieldErrors,
) -> AppResult<MovePage> {
    let history = store::client_moves::list_for_client(&ctx.app.db, client.id).await?;
    let targets = targets(ctx, who, office.id).await?;
    Ok(MovePage {
        page: ctx.form_page("move.title").await?,
        client,
        office,
        history,
        targets,
        form,
        errors,
    })
}

pub async fn show_move(
    ctx: Ctx,
    ClientManage {
        who,
        client,
        office,
    }: ClientManage,
) -> AppResult<Response> {
    let form = MoveForm {
        moved_on: clock::today().to_string(),
        ..MoveForm::default()
    };
    let page = move_page(&ctx, &who, client, office, form, FieldErrors::new()).await?;
    Ok(page.into_response())
}

pub async fn move_client(
    ctx: Ctx,
    ClientManage {
        who,
        client,
        office,
    }: ClientManage,
    CsrfForm(form): CsrfForm<MoveForm>,
) -> AppResult<Response> {
    let allowed: Vec<i64> = targets(&ctx, &who, office.id)
        .await?
        .iter()
        .map(|o| o.id)
        .collect();
    let last_move = store::client_moves::list_for_client(&ctx.app.db, client.id)
        .await?
        .first()
        .map(|m| m.moved_on);
    let input = match form.parse(office.id, &allowed, last_move) {
        Ok(input) => input,
        Err(errors) => {
            let page = move_page(&ctx, &who, client, office, form, errors).await?;
            return Ok(unprocessable(page));
        }
    };
    let mut tx = ctx.app.db.begin().await?;
    let move_id = store::client_moves::insert(
        &mut tx,
        client.id,
        office.id,
        input.to_office,
        input.moved_on,
        &input.note,
        who.id,
        clock::now(),
    )
    .await?;
    ctx.audit(Action::ClientMove, &client)
        .office(office.id)
        .detail(format!(
            "move={move_id} from={} to={} on={}",
            office.id, input.to_office, input.moved_on
        ))
        .write(&mut tx)
        .await?;
    tx.commit().await?;
    Ok(see_other(&format!("/clients/{}/move?n=saved", client.id)))
}
