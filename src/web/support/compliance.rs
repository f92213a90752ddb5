//! The month at a glance: each office's page for a month (every client served, whether the
//! monthly conditions of the base reward are met, what else needs doing, most urgent first,
//! and the month-end list of clients whose conditions are not met, with the reasons), and
//! the same rows for a supporter's own clients on their home page.

use askama::Template;
use askama_web::WebTemplate;
use axum::{
    extract::Query,
    response::{IntoResponse, Response},
};
use serde::Deserialize;

use crate::clock;
use crate::domain::compliance::{self, ClientMonth, Item, PlanState, ReportState};
use crate::domain::month::YearMonth;
use crate::domain::rules::period::service_window;
use crate::error::AppResult;
use crate::store::{self, offices::Office};
use crate::web::{
    access::{OfficeView, Policy, Routes},
    ctx::{Ctx, Page},
};

pub fn routes() -> Routes {
    Routes::new().get("/offices/{id}/month", Policy::OfficeView, office_month)
}

/// One client's line for the month.
pub struct Row {
    pub client_id: i64,
    pub name: String,
    pub supporter: Option<String>,
    pub items: Vec<Item>,
}

impl Row {
    /// The monthly conditions of the base reward are met.
    pub fn green(&self) -> bool {
        !self.items.iter().any(Item::blocks_claim)
    }
    pub fn has(&self, key: &str) -> bool {
        self.items.iter().any(|i| i.key() == key)
    }
}

/// The rows for an office's clients served in the month (only `supporter`'s when given),
/// most urgent first.
pub async fn month_rows(
    ctx: &Ctx,
    office_id: i64,
    supporter: Option<i64>,
    ym: YearMonth,
) -> AppResult<Vec<Row>> {
    let (first, last) = ym.bounds();
    let today = clock::today();
    let (from, until) = ym.utc_range();
    let facts = store::compliance::month_facts(
        &ctx.app.db,
        office_id,
        supporter,
        &ym.to_string(),
        from,
        until,
        today,
    )
    .await?;
    let mut rows: Vec<Row> = facts
        .clients
        .iter()
        .filter_map(|c| {
            let window = service_window(c.hire_date?, c.return_to_work_date);
            if !compliance::served_in(&window, first, last) {
                return None;
            }
            let month = ClientMonth {
                window,
                periods: facts.periods.get(&c.id).cloned().unwrap_or_default(),
                in_person_contact: facts.in_person.contains_key(&c.id),
                report: facts
                    .reports
                    .get(&c.id)
                    .copied()
                    .unwrap_or(ReportState::None),
                plan: facts
                    .plans
                    .get(&c.id)
                    .copied()
                    .unwrap_or(PlanState::Missing),
                handover_started: facts.handover.contains_key(&c.id),
                overdue_tasks: facts.overdue_tasks.get(&c.id).copied().unwrap_or(0),
            };
            Some(Row {
                client_id: c.id,
                name: c.name.clone(),
                supporter: c.supporter_name.clone(),
                items: compliance::check(&month, first, last, today),
            })
        })
        .collect();
    rows.sort_by_key(|r| compliance::urgency(&r.items));
    Ok(rows)
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct MonthQuery {
    pub month: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "support/compliance/office_month.html")]
struct OfficeMonthPage {
    page: Page,
    office: Office,
    month: String,
    prev: String,
    next: String,
    rows: Vec<Row>,
    bad_month: bool,
}

impl OfficeMonthPage {
    fn unmet(&self) -> Vec<&Row> {
        self.rows.iter().filter(|r| !r.green()).collect()
    }
    fn green_count(&self) -> usize {
        self.rows.iter().filter(|r| r.green()).count()
    }
}

pub async fn office_month(
    ctx: Ctx,
    OfficeView { office, .. }: OfficeView,
    Query(q): Query<MonthQuery>,
) -> AppResult<Response> {
    let parsed = YearMonth::parse(&q.month);
    let ym = parsed.unwrap_or_else(|| YearMonth::of(clock::today()));
    let rows = month_rows(&ctx, office.id, None, ym).await?;
    let page = OfficeMonthPage {
        page: ctx.page("month.title"),
        office,
        month: ym.to_string(),
        prev: ym.previous().to_string(),
        next: ym.next().to_string(),
        rows,
        bad_month: !q.month.is_empty() && parsed.is_none(),
    };
    Ok(page.into_response())
}
