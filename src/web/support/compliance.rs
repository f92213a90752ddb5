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
use crate::domain::client_month::{self, Unmet};
use crate::domain::compliance::{self, Duties, Item, PlanState};
use crate::domain::month::YearMonth;
use crate::domain::month_close::{self, Close};
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
#[derive(Clone)]
pub struct Row {
    pub client_id: i64,
    pub name: String,
    pub supporter_id: Option<i64>,
    pub supporter: Option<String>,
    pub items: Vec<Item>,
    /// The month the row is about (the links to fix an item open that month's pages).
    pub month: YearMonth,
}

impl Row {
    /// The page that fixes `item` for this client: a missing contact opens a new contact,
    /// a report its month, a certificate or contract its form, a plan the plans.
    pub fn fix(&self, item: &Item) -> String {
        let c = self.client_id;
        match item {
            Item::Unmet(
                Unmet::NoFaceToFace | Unmet::MetWithoutClient | Unmet::MetOnUncoveredDay,
            )
            | Item::HandoverDue { .. }
            | Item::HandoverMissed { .. } => format!("/clients/{c}/contacts/new"),
            Item::Unmet(Unmet::ReportNotFinal | Unmet::ReportNotShared) => {
                format!("/clients/{c}/reports/{}", self.month)
            }
            Item::Unmet(Unmet::NoCertificate) => format!("/clients/{c}/certificates/new"),
            Item::Unmet(Unmet::NoContract) => format!("/clients/{c}/contracts/new"),
            Item::PlanMissing | Item::PlanReviewDue { .. } => format!("/clients/{c}/plans"),
            Item::OverdueTasks { .. } => format!("/clients/{c}/contacts"),
            Item::Unmet(Unmet::NotEligible(_)) | Item::CertificateEnding { .. } => {
                format!("/clients/{c}")
            }
        }
    }
    /// The conditions of the base reward that are not met.
    pub fn unmet(&self) -> Vec<&Item> {
        self.items.iter().filter(|i| i.blocks_claim()).collect()
    }
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
                supporter_id: c.supporter_id,
                supporter: c.supporter_name.clone(),
                items,
                month: YearMonth::of(first),
            })
        })
        .collect();
    rows.sort_by_key(|r| compliance::urgency(&r.items));
    rows
}

/// Last month's close while it is open (`domain::month_close::window`): the deadline and
/// the clients whose conditions of the base reward are not met yet, each item a link to the
/// page that fixes it.
pub struct CloseView {
    pub close: Close,
    /// Clients served in the month whose conditions are not all met, most urgent first.
    pub rows: Vec<Row>,
    /// Clients served in the month.
    pub served: usize,
}

impl CloseView {
    /// Clients with an unfinished contact, report or share.
    pub fn count(&self, what: &str) -> usize {
        let wanted = |i: &Item| {
            matches!(
                (what, i),
                (
                    "contacts",
                    Item::Unmet(
                        Unmet::NoFaceToFace | Unmet::MetWithoutClient | Unmet::MetOnUncoveredDay,
                    ),
                ) | ("reports", Item::Unmet(Unmet::ReportNotFinal))
                    | ("shares", Item::Unmet(Unmet::ReportNotShared))
            )
        };
        self.rows
            .iter()
            .filter(|r| r.items.iter().any(wanted))
            .count()
    }
    /// "あと9日" / "9 days left".
    pub fn days_left(&self, lang: crate::i18n::Lang) -> String {
        lang.fill(
            "month.close.days_left",
            &[("days", self.close.days_left.to_string())],
        )
    }
    pub fn deadline_on_weekend(&self) -> bool {
        month_close::is_weekend(self.close.deadline)
    }
    /// Per supporter (in the order of their first client): (name, clients unmet, served).
    pub fn per_supporter(&self, all: &[Row]) -> Vec<(String, usize, usize)> {
        let mut out: Vec<(String, usize, usize)> = Vec::new();
        for r in all {
            let name = r.supporter.clone().unwrap_or_default();
            let i = match out.iter().position(|(n, _, _)| *n == name) {
                Some(i) => i,
                None => {
                    out.push((name, 0, 0));
                    out.len() - 1
                }
            };
            out[i].2 += 1;
            if !r.green() {
                out[i].1 += 1;
            }
        }
        out.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        out
    }
}

/// Last month's rows of `offices` (only `supporter`'s clients when given), while the close
/// is open on `today`: (the close with the unmet rows, every row of the month).
pub async fn close_for(
    db: &crate::db::Db,
    offices: &[i64],
    supporter: Option<i64>,
    today: Date,
) -> Result<Option<(CloseView, Vec<Row>)>, sqlx::Error> {
    let Some((close, by_office)) = close_rows(db, offices, today).await? else {
        return Ok(None);
    };
    let all = by_office
        .into_iter()
        .flat_map(|(_, rows)| rows)
        .filter(|r| supporter.is_none() || r.supporter_id == supporter)
        .collect();
    Ok(Some(CloseView::of(close, all)))
}

/// Last month's rows of each of `offices` (every supporter's), while the close is open on
/// `today`: read once, then cut per supporter or per office by [`CloseView::of`].
pub async fn close_rows(
    db: &crate::db::Db,
    offices: &[i64],
    today: Date,
) -> Result<Option<(Close, Vec<(i64, Vec<Row>)>)>, sqlx::Error> {
    let Some(close) = month_close::window(today) else {
        return Ok(None);
    };
    let mut by_office = Vec::with_capacity(offices.len());
    for office in offices {
        by_office.push((
            *office,
            rows_for(db, *office, None, close.month, today).await?,
        ));
    }
    Ok(Some((close, by_office)))
}

impl CloseView {
    /// The close of `all`, the rows of the month: (the close with the unmet rows, every row,
    /// most urgent first).
    pub fn of(close: Close, mut all: Vec<Row>) -> (CloseView, Vec<Row>) {
        all.sort_by_key(|r| compliance::urgency(&r.items));
        let rows = all.iter().filter(|r| !r.green()).cloned().collect();
        (
            CloseView {
                close,
                rows,
                served: all.len(),
            },
            all,
        )
    }
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
    /// Last month's close, shown first while it is open and this month is shown.
    close: Option<CloseView>,
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
    let today = clock::today();
    let close = if ym == YearMonth::of(today) {
        close_for(&ctx.app.db, &[office.id], None, today)
            .await?
            .map(|(c, _)| c)
    } else {
        None
    };
    let page = OfficeMonthPage {
        close,
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
