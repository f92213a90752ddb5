//! The printable A4 就労定着支援計画, for 交付・署名 (the plan is explained to the client, who
//! agrees and signs; shared/domain.md §3) and for audits (実地指導): the issuer, the plan's
//! content and period, and signature lines for 本人 and the サービス管理責任者, with one for the
//! employer when the plan gives the employer a role or the client has a current employer.

use askama::Template;
use askama_web::WebTemplate;
use axum::response::{IntoResponse, Response};

use crate::domain::{audit::Action, plan::PlanStatus};
use crate::error::AppResult;
use crate::store::{clients::Client, plans::PlanRow};
use crate::web::{
    access::{ClientView, Policy, Routes, Sub},
    ctx::{Ctx, Page},
    sheet::{self, SheetHead},
};

pub fn routes() -> Routes {
    Routes::new().get(
        "/clients/{id}/plans/{pid}/print",
        Policy::ClientView,
        print_plan,
    )
}

#[derive(Template, WebTemplate)]
#[template(path = "support/plans/print.html")]
struct PrintPage {
    page: Page,
    client: Client,
    head: SheetHead,
    plan: PlanRow,
    /// A draft is printed as 案 (to explain it before agreement).
    draft: bool,
    start_on: String,
    review_on: String,
    agreed_on: Option<String>,
    employer: Option<String>,
}

/// The plan on A4, in any state: a draft is printed marked 案 to explain it, an agreed plan
/// with the agreement date. Printing is audited (the plan leaves the system on paper).
pub async fn print_plan(
    ctx: Ctx,
    Sub(ClientView { client, office, .. }, plan): Sub<ClientView, PlanRow>,
) -> AppResult<Response> {
    let db = &ctx.app.db;
    let head = SheetHead::load(db, &office, ctx.lang).await?;
    let employer = sheet::current_employer(db, client.id).await?;
    ctx.audit(Action::PlanPrint, &plan)
        .office(office.id)
        .detail(format!("client={} status={}", client.id, plan.status))
        .write_now(db)
        .await?;
    Ok(PrintPage {
        page: ctx.page("plan.print_title"),
        draft: plan.status() == PlanStatus::Draft,
        start_on: head.date(plan.start_on),
        review_on: head.date(plan.review_on),
        agreed_on: plan.agreed_on.map(|d| head.date(d)),
        client,
        head,
        plan,
        employer,
    }
    .into_response())
}
