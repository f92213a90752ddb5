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
use time::Date;

use crate::clock;
use crate::domain::client_month;
use crate::domain::compliance::{self, Duties, Item, PlanState};
use crate::domain::month::YearMonth;
use crate::domain::rules::eligibility::PriorService;
use crate::error::AppResult;
use crate::store::compliance::{ClientRow, MonthFacts};
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
    Ok(rows_for(&ctx.app.db, office_id, supporter, ym, clock::today()).await?)
}

/// [`month_rows`] without a request: the facts from the store, the rows from them.
pub async fn rows_for(
    db: &crate::db::Db,
    office_id: i64,
    supporter: Option<i64>,
    ym: YearMonth,
    today: Date,
) -> Result<Vec<Row>, sqlx::Error> {
    let (first, last) = ym.bounds();
    let (from, until) = ym.utc_range();
    let facts = store::compliance::month_facts(
        db,
        office_id,
        supporter,
        &ym.to_string(),
        last,
        from,
        until,
        today,
    )
    .await?;
    Ok(rows_from(&facts, first, last, today))
}

/// The client-month facts of one client of the office, as the month view reads them.
pub fn client_facts(facts: &MonthFacts, c: &ClientRow, office_id: i64) -> client_month::Facts {
    let (report, report_shared_on) = facts.shared.report_of(c.id);
    client_month::Facts {
        prior_service: PriorService::parse(&c.prior_service).unwrap_or(PriorService::None),
        basis: c.hire_date.map(|h| {
            (
                h,
                c.return_to_work_date,
                c.ordinary_employment.unwrap_or(false),
            )
        }),
        periods: facts.periods.get(&c.id).cloned().unwrap_or_default(),
        contracts: facts.shared.contracts_of(c.id, office_id),
        contacts: facts.shared.contacts_of(c.id, office_id),
        report,
        report_shared_on,
        handovers: facts.shared.handovers_of(c.id),
        // The month view shows no 加算: meetings and the cap are the claim's alone.
        meeting: None,
        meetings_earlier_in_year: 0,
        prior_office_integrated: true,
        first_contract_anywhere: None,
        cap: client_month::Cap::default(),
    }
}

/// The rows of the clients served in `first..=last`, most urgent first: each one's items
/// from [`compliance::check`], which decides the conditions with the claim's function.
pub fn rows_from(facts: &MonthFacts, first: Date, last: Date, today: Date) -> Vec<Row> {
    let mut rows: Vec<Row> = facts
        .clients
        .iter()
        .filter_map(|c| {
            let duties = Duties {
                plan: facts
                    .plans
                    .get(&c.id)
                    .copied()
                    .unwrap_or(PlanState::Missing),
                overdue_tasks: facts.overdue_tasks.get(&c.id).copied().unwrap_or(0),
            };
            let items = compliance::check(
                &client_facts(facts, c, facts.office_id),
                &duties,
                first,
                last,
                today,
            )?;
            Some(Row {
                client_id: c.id,
                name: c.name.clone(),
                supporter: c.supporter_name.clone(),
                items,
            })
        })
        .collect();
    rows.sort_by_key(|r| compliance::urgency(&r.items));
    rows
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
