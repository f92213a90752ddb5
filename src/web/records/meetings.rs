//! 地域連携会議 on a client (`/clients/{id}/meetings`): the meetings held with related agencies
//! about the client's plan, and the form that records one. Whoever may see the client may
//! read and record them; reading is audited like the rest of the client's record.

use crate::web::access::{Policy, Routes};
use askama::Template;
use askama_web::WebTemplate;
use axum::response::{IntoResponse, Response};

use crate::clock;
use crate::domain::audit::Action;
use crate::domain::claim_records::{MEETING_KINDS, MeetingForm, meeting_kind_key};
use crate::domain::fields::FieldErrors;
use crate::error::AppResult;
use crate::store::{self, claims::MeetingRow, clients::Client, offices::Office};
use crate::web::{
    access::{ClientEdit, ClientView},
    csrf::CsrfForm,
    ctx::{AuditRef, Ctx, Page},
    see_other, unprocessable,
};

pub fn routes() -> Routes {
    Routes::new()
        .get("/clients/{id}/meetings", Policy::ClientView, list_meetings)
        .post("/clients/{id}/meetings", Policy::ClientEdit, create_meeting)
}

#[derive(Template, WebTemplate)]
#[template(path = "claims/claim_records/meetings.html")]
struct MeetingsPage {
    page: Page,
    client: Client,
    office: Office,
    meetings: Vec<MeetingRow>,
    form: MeetingForm,
    errors: FieldErrors,
    kinds: [&'static str; 2],
}

impl MeetingsPage {
    fn kind_key(&self, code: &str) -> &'static str {
        meeting_kind_key(code)
    }
}

async fn meetings_page(
    ctx: &Ctx,
    client: Client,
    office: Office,
    form: MeetingForm,
    errors: FieldErrors,
) -> AppResult<MeetingsPage> {
    let meetings = store::claims::meetings_for_client(&ctx.app.db, client.id).await?;
    Ok(MeetingsPage {
        page: ctx.form_page("records.meeting.title").await?,
        client,
        office,
        meetings,
        form,
        errors,
        kinds: MEETING_KINDS,
    })
}

/// The meetings page. Its `client.view` row is written by `ClientView`.
pub async fn list_meetings(
    ctx: Ctx,
    ClientView { client, office, .. }: ClientView,
) -> AppResult<Response> {
    let form = MeetingForm {
        held_on: clock::today().to_string(),
        ..MeetingForm::default()
    };
    Ok(
        meetings_page(&ctx, client, office, form, FieldErrors::new())
            .await?
            .into_response(),
    )
}

pub async fn create_meeting(
    ctx: Ctx,
    ClientEdit {
        who,
        client,
        office,
    }: ClientEdit,
    CsrfForm(form): CsrfForm<MeetingForm>,
) -> AppResult<Response> {
    let input = match form.parse(clock::today()) {
        Ok(input) => input,
        Err(errors) => {
            let page = meetings_page(&ctx, client, office, form, errors).await?;
            return Ok(unprocessable(page));
        }
    };
    let mut tx = ctx.app.db.begin().await?;
    let mid = store::claims::insert_meeting(
        &mut tx,
        client.id,
        office.id,
        input.held_on,
        input.kind,
        &input.agencies,
        &input.summary,
        who.id,
        clock::now(),
    )
    .await?;
    // Who and when, not what was said: the summary may hold health information.
    ctx.audit(
        Action::MeetingCreate,
        &AuditRef::new("regional_meeting", mid),
    )
    .office(office.id)
    .detail(format!(
        "client={} held_on={} kind={}",
        client.id, input.held_on, input.kind
    ))
    .write(&mut tx)
    .await?;
    tx.commit().await?;
    Ok(see_other(&format!(
        "/clients/{}/meetings?n=created",
        client.id
    )))
}
