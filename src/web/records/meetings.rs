//! 地域連携会議 on a client (`/clients/{id}/meetings`): the meetings held with related agencies
//! about the client's plan, and the form that records one. Whoever may see the client may
//! read and record them; reading is audited like the rest of the client's record.

use crate::web::access::{Policy, Routes};
use askama::Template;
use askama_web::WebTemplate;
use axum::{
    extract::Path,
    response::{IntoResponse, Response},
};

use crate::clock;
use crate::domain::claim_records::{MEETING_KINDS, MeetingForm, meeting_kind_key};
use crate::domain::fields::FieldErrors;
use crate::error::AppResult;
use crate::store::{self, claims::MeetingRow, clients::Client, offices::Office};
use crate::web::{
    csrf::CsrfForm,
    ctx::{Ctx, Page},
    records::clients::visible_client,
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

pub async fn list_meetings(ctx: Ctx, Path(id): Path<String>) -> AppResult<Response> {
    let who = ctx.staff()?;
    let (client, office) = visible_client(&ctx, &who, &id).await?;
    let mut entry = ctx.legacy_audit("client.view", "client", client.id);
    entry.office_id = Some(office.id);
    entry.detail = "meetings".into();
    store::audit::record_now(&ctx.app.db, &entry).await?;
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
    Path(id): Path<String>,
    CsrfForm(form): CsrfForm<MeetingForm>,
) -> AppResult<Response> {
    let who = ctx.staff()?;
    let (client, office) = visible_client(&ctx, &who, &id).await?;
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
    let mut entry = ctx.legacy_audit("meeting.create", "regional_meeting", mid);
    entry.office_id = Some(office.id);
    // Who and when, not what was said: the summary may hold health information.
    entry.detail = format!(
        "client={} held_on={} kind={}",
        client.id, input.held_on, input.kind
    );
    store::audit::record(&mut tx, &entry).await?;
    tx.commit().await?;
    Ok(see_other(&format!(
        "/clients/{}/meetings?n=created",
        client.id
    )))
}
