//! The signed-in home page: the offices the staff member works in; from the 1st to the
//! 国保連 deadline, last month's close first (their own clients; for a manager, the office's
//! close per supporter); the visits planned today and this week; for a manager, the new
//! inquiries and the tours not confirmed yet.

use askama::Template;
use askama_web::WebTemplate;
use axum::response::{IntoResponse, Response};

use crate::domain::month::YearMonth;
use crate::domain::month_close;
use crate::domain::staff::{Principal, Role};
use crate::error::AppResult;
use crate::store::{
    self, contacts::PlannedVisit, inquiries::Inquiry, offices::OfficeSummary, tasks::Task,
    tours::Unconfirmed,
};
use crate::web::portal::selfcheck::watch::{self, WatchLine};
use crate::web::support::compliance::{CloseView, Row, close_rows, month_rows};
use crate::web::{
    access::Staff,
    ctx::{Ctx, Page},
    see_other,
};

/// Offices shown on the home page (the office list pages through all of them).
const HOME_OFFICES: usize = 20;

/// What a manager sees of one office they manage.
struct Managed {
    office_id: i64,
    office_name: String,
    inquiries: Vec<Inquiry>,
    tours: Vec<Unconfirmed>,
    /// Last month's close of the whole office, while it is open.
    close: Option<CloseView>,
    /// (supporter, clients unfinished, clients served) for last month.
    per_supporter: Vec<(String, usize, usize)>,
}

#[derive(Template, WebTemplate)]
#[template(path = "platform/home.html")]
struct HomePage {
    page: Page,
    me: Principal,
    offices: Vec<OfficeSummary>,
    /// More offices than the home shows: a link to the office list.
    more_offices: bool,
    tasks: Vec<Task>,
    today: time::Date,
    /// This month's rows for the clients this staff member supports.
    rows: Vec<Row>,
    month: String,
    /// Self-check: the clients in their charge with missed days or falling items.
    selfcheck: Vec<WatchLine>,
    /// Last month's close for the clients this staff member supports, while it is open.
    close: Option<CloseView>,
    /// Visits planned today and later this week (次回の予定日 of the latest contact).
    planned: Vec<PlannedVisit>,
    week_end: time::Date,
    managed: Vec<Managed>,
    /// The administrator's first steps while any is left (`web::platform::first_day`).
    first_day: Option<Vec<crate::domain::first_day::Step>>,
    /// 気になる利用者 (web::support::warnings).
    warnings: Vec<crate::web::support::warnings::WarningLine>,
}

impl HomePage {
    fn overdue(&self, task: &Task) -> bool {
        store::tasks::is_overdue(task, self.today)
    }
    fn overdue_count(&self) -> usize {
        self.tasks.iter().filter(|t| self.overdue(t)).count()
    }
    fn role_key(&self, office_id: &i64) -> &'static str {
        match self.me.role_in(*office_id) {
            Some(role) => role.label_key(),
            None if self.me.is_admin => "role.admin",
            None => "role.none",
        }
    }
    fn planned_today(&self) -> Vec<&PlannedVisit> {
        self.planned
            .iter()
            .filter(|p| p.planned_on == self.today)
            .collect()
    }
    fn planned_later(&self) -> Vec<&PlannedVisit> {
        self.planned
            .iter()
            .filter(|p| p.planned_on > self.today)
            .collect()
    }
    fn at(&self, at: &time::OffsetDateTime) -> String {
        crate::clock::format_jst(*at)
    }
}

/// Before the setup, the setup page; for a visitor, the public landing page
/// (`web::intake::landing`).
pub async fn show_home(ctx: Ctx, me: Option<Staff>) -> AppResult<Response> {
    if !store::staff::any_exists(&ctx.app.db).await? {
        return Ok(see_other("/setup"));
    }
    let Some(Staff(me)) = me else {
        return crate::web::intake::landing::landing(&ctx).await;
    };
    let db = &ctx.app.db;
    // The first offices only; the office list pages through the rest.
    let mut offices = store::offices::page_visible(
        db,
        &me,
        crate::domain::paging::Keyset::First,
        HOME_OFFICES as i64 + 1,
    )
    .await?;
    let more_offices = offices.len() > HOME_OFFICES;
    offices.truncate(HOME_OFFICES);
    let tasks = store::tasks::open_for_owner(db, me.id).await?;
    let today = crate::clock::today();
    let ym = YearMonth::of(today);
    let mut rows = Vec::new();
    for m in &me.memberships {
        rows.extend(month_rows(&ctx, m.office_id, Some(me.id), ym).await?);
    }
    rows.sort_by_key(|r| crate::domain::compliance::urgency(&r.items));
    let selfcheck = watch::for_supporter(db, me.id, today, ctx.lang).await?;
    let member_of: Vec<i64> = me.memberships.iter().map(|m| m.office_id).collect();
    // Last month's close, read once per office: the person's own clients, and each office
    // they manage whole.
    let closing = close_rows(db, &member_of, today).await?;
    let close = closing
        .as_ref()
        .map(|(close, by_office)| {
            let mine = by_office
                .iter()
                .flat_map(|(_, rows)| rows)
                .filter(|r| r.supporter_id == Some(me.id))
                .cloned()
                .collect();
            CloseView::of(*close, mine).0
        })
        .filter(|c| c.served > 0);
    let (_, week_end) = month_close::this_week(today);
    let planned = store::contacts::planned_for_supporter(db, me.id, today, week_end).await?;
    let mut managed = Vec::new();
    for m in me.memberships.iter().filter(|m| m.role == Role::Manager) {
        let office_name = offices
            .iter()
            .find(|o| o.id == m.office_id)
            .map(|o| o.name.clone())
            .unwrap_or_default();
        let office_rows = closing.as_ref().and_then(|(close, by_office)| {
            let (_, rows) = by_office.iter().find(|(o, _)| *o == m.office_id)?;
            Some(CloseView::of(*close, rows.clone()))
        });
        let (close, per_supporter) = match office_rows {
            Some((c, all)) => {
                let per = c.per_supporter(&all);
                (Some(c), per)
            }
            None => (None, Vec::new()),
        };
        managed.push(Managed {
            office_id: m.office_id,
            office_name,
            inquiries: store::inquiries::new_for_office(db, m.office_id).await?,
            tours: store::tours::unconfirmed_for_office(db, m.office_id).await?,
            close,
            per_supporter,
        });
    }
    let first_day = super::first_day::steps_for(&ctx, &me).await?;
    let warnings = crate::web::support::warnings::home_lines(&ctx.app.db, &me, ctx.lang).await?;
    let page = ctx.page("home.title");
    Ok(HomePage {
        page,
        me,
        offices,
        more_offices,
        tasks,
        today,
        rows,
        month: ym.to_string(),
        selfcheck,
        close,
        planned,
        week_end,
        managed,
        first_day,
        warnings,
    }
    .into_response())
}
