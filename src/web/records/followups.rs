//! After the service (issue 15, item 5): the office's list of former clients due a
//! follow-up, the 就労定着実績体制加算 figure with its evidence (`/offices/{id}/followups`,
//! whoever may see the office), and a client's follow-ups with the form to record one
//! (`/clients/{id}/followups`). The rules are `domain::followup`.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::Query;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use time::Date;

use crate::clock;
use crate::domain::audit::Action;
use crate::domain::fields::FieldErrors;
use crate::domain::followup::{self, Figure, FollowupForm};
use crate::domain::retention::fiscal_year_of;
use crate::error::AppResult;
use crate::store::{self, clients::Client, followups::Followup, offices::Office};
use crate::web::{
    access::{ClientEdit, ClientView, OfficeView, Policy, Routes},
    csrf::CsrfForm,
    ctx::{AuditRef, Ctx, Page},
    see_other, unprocessable,
};

pub fn routes() -> Routes {
    Routes::new()
        .get(
            "/offices/{id}/followups",
            Policy::OfficeView,
            office_followups,
        )
        .get(
            "/clients/{id}/followups",
            Policy::ClientView,
            client_followups,
        )
        .post(
            "/clients/{id}/followups",
            Policy::ClientEdit,
            create_followup,
        )
}

/// A former client due a follow-up.
struct Due {
    client_id: i64,
    name: String,
    service_end: Date,
    due: Date,
    overdue: bool,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct FyQuery {
    fy: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "records/followups/office.html")]
struct OfficePage {
    page: Page,
    office: Office,
    due: Vec<Due>,
    figure: Figure,
    years: Vec<i32>,
    required: i64,
}

pub async fn office_followups(
    ctx: Ctx,
    OfficeView { office, .. }: OfficeView,
    Query(q): Query<FyQuery>,
) -> AppResult<Response> {
    let today = clock::today();
    let this_year = fiscal_year_of(today);
    let fy =
        q.fy.trim()
            .parse::<i32>()
            .ok()
            .filter(|y| (2018..=this_year + 1).contains(y))
            .unwrap_or(this_year);
    let formers = store::followups::formers(&ctx.app.db, office.id).await?;
    let contacts: Vec<_> = store::followups::list_for_office(&ctx.app.db, office.id)
        .await?
        .iter()
        .map(Followup::contact)
        .collect();
    // Due within the coming month, or overdue.
    let horizon = crate::domain::rules::period::months_from(today, 1).last_day;
    let mut due: Vec<Due> = formers
        .iter()
        .filter_map(|f| {
            let d = followup::next_due(f, &contacts, today)?;
            (d <= horizon).then(|| Due {
                client_id: f.client_id,
                name: f.name.clone(),
                service_end: f.service_end,
                due: d,
                overdue: d < today,
            })
        })
        .collect();
    due.sort_by_key(|d| d.due);
    Ok(OfficePage {
        page: ctx.page("followup.title"),
        office,
        due,
        figure: followup::figure(fy, &formers, &contacts),
        years: (2018..=this_year + 1).rev().collect(),
        required: followup::REQUIRED_PERCENT,
    }
    .into_response())
}

#[derive(Template, WebTemplate)]
#[template(path = "records/followups/client.html")]
struct ClientPage {
    page: Page,
    client: Client,
    followups: Vec<Followup>,
    form: FollowupForm,
    errors: FieldErrors,
}

impl ClientPage {
    fn employment_key(&self, code: &str) -> String {
        format!("followup.employment.{code}")
    }
}

pub async fn client_followups(
    ctx: Ctx,
    ClientView { client, .. }: ClientView,
) -> AppResult<Response> {
    let followups = store::followups::list_for_client(&ctx.app.db, client.id).await?;
    Ok(ClientPage {
        page: ctx.form_page("followup.client_title").await?,
        client,
        followups,
        form: FollowupForm {
            contacted_on: clock::today().to_string(),
            ..Default::default()
        },
        errors: FieldErrors::new(),
    }
    .into_response())
}

pub async fn create_followup(
    ctx: Ctx,
    ClientEdit {
        client,
        office,
        who,
    }: ClientEdit,
    CsrfForm(form): CsrfForm<FollowupForm>,
) -> AppResult<Response> {
    let input = match form.parse(clock::today()) {
        Ok(i) => i,
        Err(errors) => {
            let followups = store::followups::list_for_client(&ctx.app.db, client.id).await?;
            return Ok(unprocessable(ClientPage {
                page: ctx.form_page("followup.client_title").await?,
                client,
                followups,
                form,
                errors,
            }));
        }
    };
    let mut tx = ctx.app.db.begin().await?;
    let id = store::followups::insert(&mut tx, client.id, who.id, &input, clock::now()).await?;
    ctx.audit(
        Action::FollowupCreate,
        &AuditRef::new("followup", id).client(client.id),
    )
    .office(office.id)
    .detail(format!(
        "client={} on={} employed={} same_employer={}",
        client.id, input.contacted_on, input.still_employed, input.same_employer
    ))
    .write(&mut tx)
    .await?;
    tx.commit().await?;
    Ok(see_other(&format!(
        "/clients/{}/followups?n=saved",
        client.id
    )))
}
