//! The employer contact's pages for one client (issue 11, item 4): the overview
//! (`/employer/clients/{id}`: who, what the client's consent shares, where to go) and the
//! weekly observation (週報: 出勤状況, 業務の様子, 気になること; one per client, contact and
//! week), which staff read on `/clients/{id}/observations`.
//!
//! Every page here takes `EmployerClient`: the client must be linked to the contact and a
//! consent naming them must be in force, on every request.

use askama::Template;
use askama_web::WebTemplate;
use axum::response::{IntoResponse, Response};

use crate::clock;
use crate::domain::audit::Action;
use crate::domain::consent::Category;
use crate::domain::fields::{FieldErrors, Pairs};
use crate::domain::notebook::{Attendance, ObservationForm, week_start};
use crate::error::AppResult;
use crate::store::{self, clients::Client, notebook::ObservationRow};
use crate::web::access::{ClientView, EmployerClient, Policy, Routes};
use crate::web::{
    csrf::CsrfForm,
    ctx::{AuditRef, Ctx, Page},
    see_other, unprocessable,
};

pub fn routes() -> Routes {
    Routes::new()
        .get(
            "/employer/clients/{id}",
            Policy::EmployerClient,
            client_overview,
        )
        .get(
            "/employer/clients/{id}/observations",
            Policy::EmployerClient,
            employer_observations,
        )
        .post(
            "/employer/clients/{id}/observations",
            Policy::EmployerClient,
            save_observation,
        )
        .get(
            "/clients/{id}/observations",
            Policy::ClientView,
            staff_observations,
        )
}

// ---- the overview ----

#[derive(Template, WebTemplate)]
#[template(path = "portal/employer/client.html")]
struct OverviewPage {
    page: Page,
    client: Client,
    employer_name: String,
    allowed: Vec<Category>,
    reports: bool,
    selfcheck: bool,
    handover: bool,
}

async fn client_overview(ctx: Ctx, ec: EmployerClient) -> AppResult<Response> {
    Ok(OverviewPage {
        page: ctx.form_page("employer.client.title").await?,
        reports: ec.allows(Category::Reports),
        selfcheck: ec.allows(Category::Health),
        handover: ec.allows(Category::Handover),
        employer_name: ec.who.employer_name,
        allowed: ec.allowed,
        client: ec.client,
    }
    .into_response())
}

// ---- the weekly observation ----

/// One week as the lists show it.
pub struct ObservationView {
    pub id: i64,
    pub week: String,
    pub attendance_key: &'static str,
    pub row: ObservationRow,
    pub updated: String,
}

fn views(rows: Vec<ObservationRow>) -> Vec<ObservationView> {
    rows.into_iter()
        .map(|row| ObservationView {
            id: row.id,
            week: week_label(row.week_start),
            attendance_key: row
                .attendance()
                .map_or("employer.att.unknown", Attendance::label_key),
            updated: clock::format_jst(row.updated_at),
            row,
        })
        .collect()
}

/// "2026-11-30 〜 2026-12-06": the week from its Monday.
fn week_label(monday: time::Date) -> String {
    format!("{monday} 〜 {}", monday + time::Duration::days(6))
}

#[derive(Template, WebTemplate)]
#[template(path = "portal/employer/observations.html")]
struct EmployerObservationsPage {
    page: Page,
    client: Client,
    this_week: String,
    /// Already sent this week: sending again updates it.
    sent_this_week: bool,
    form: ObservationForm,
    errors: FieldErrors,
    past: Vec<ObservationView>,
    choices: [Attendance; 3],
}

impl EmployerObservationsPage {
    fn is_chosen(&self, a: &Attendance) -> bool {
        self.form.attendance == a.code()
    }
}

async fn observations_page(
    ctx: &Ctx,
    ec: EmployerClient,
    form: Option<ObservationForm>,
    errors: FieldErrors,
) -> AppResult<EmployerObservationsPage> {
    let monday = week_start(clock::today());
    let rows =
        store::notebook::observations_by_contact(&ctx.app.db, ec.client.id, ec.who.contact_id)
            .await?;
    let current = rows.iter().find(|r| r.week_start == monday);
    let sent_this_week = current.is_some();
    let form = form.unwrap_or_else(|| {
        current.map_or_else(ObservationForm::default, |r| ObservationForm {
            attendance: r.attendance.clone(),
            attendance_note: r.attendance_note.clone(),
            work_note: r.work_note.clone(),
            concerns: r.concerns.clone(),
        })
    });
    let past = views(
        rows.into_iter()
            .filter(|r| r.week_start != monday)
            .collect(),
    );
    Ok(EmployerObservationsPage {
        page: ctx.form_page("employer.obs.title").await?,
        client: ec.client,
        this_week: week_label(monday),
        sent_this_week,
        form,
        errors,
        past,
        choices: Attendance::ALL,
    })
}

async fn employer_observations(ctx: Ctx, ec: EmployerClient) -> AppResult<Response> {
    Ok(observations_page(&ctx, ec, None, FieldErrors::new())
        .await?
        .into_response())
}

async fn save_observation(
    ctx: Ctx,
    ec: EmployerClient,
    CsrfForm(pairs): CsrfForm<Vec<(String, String)>>,
) -> AppResult<Response> {
    let form = ObservationForm::from_pairs(&Pairs(pairs));
    let input = match form.parse() {
        Ok(input) => input,
        Err(errors) => {
            return Ok(unprocessable(
                observations_page(&ctx, ec, Some(form), errors).await?,
            ));
        }
    };
    let monday = week_start(clock::today());
    let mut tx = ctx.app.db.begin().await?;
    let id = store::notebook::upsert_observation(
        &mut tx,
        ec.client.id,
        ec.who.contact_id,
        monday,
        &input,
        clock::now(),
    )
    .await?;
    ctx.audit(
        Action::EmployerObservation,
        &AuditRef::new("employer_observation", id)
            .client(ec.client.id)
            .office(ec.client.office_id),
    )
    .detail(format!(
        "client={} contact={} week={monday} attendance={}",
        ec.client.id,
        ec.who.contact_id,
        input.attendance.code()
    ))
    .write(&mut tx)
    .await?;
    tx.commit().await?;
    Ok(see_other(&format!(
        "/employer/clients/{}/observations?n=saved",
        ec.client.id
    )))
}

// ---- staff: /clients/{id}/observations ----

#[derive(Template, WebTemplate)]
#[template(path = "support/notebook/observations.html")]
struct StaffObservationsPage {
    page: Page,
    client: Client,
    observations: Vec<ObservationView>,
}

async fn staff_observations(
    ctx: Ctx,
    ClientView { client, .. }: ClientView,
) -> AppResult<Response> {
    let rows = store::notebook::observations_for_client(&ctx.app.db, client.id).await?;
    Ok(StaffObservationsPage {
        page: ctx.page("employer.obs.staff_title"),
        client,
        observations: views(rows),
    }
    .into_response())
}
