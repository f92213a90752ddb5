//! The signed-in home page: the offices the staff member works in.

use askama::Template;
use askama_web::WebTemplate;
use axum::response::{IntoResponse, Response};

use crate::domain::month::YearMonth;
use crate::domain::staff::Principal;
use crate::error::AppResult;
use crate::store::{self, offices::OfficeSummary, tasks::Task};
use crate::web::portal::selfcheck::watch::{self, WatchLine};
use crate::web::support::compliance::{Row, month_rows};
use crate::web::{
    access::Staff,
    ctx::{Ctx, Page},
    see_other,
};

#[derive(Template, WebTemplate)]
#[template(path = "platform/home.html")]
struct HomePage {
    page: Page,
    me: Principal,
    offices: Vec<OfficeSummary>,
    tasks: Vec<Task>,
    today: time::Date,
    /// This month's rows for the clients this staff member supports.
    rows: Vec<Row>,
    month: String,
    /// Self-check: the clients in their charge with missed days or falling items.
    selfcheck: Vec<WatchLine>,
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
}

/// Before the setup, the setup page; for a visitor, the sign-in page.
pub async fn show_home(ctx: Ctx, me: Option<Staff>) -> AppResult<Response> {
    if !store::staff::any_exists(&ctx.app.db).await? {
        return Ok(see_other("/setup"));
    }
    let Some(Staff(me)) = me else {
        return Ok(see_other("/login"));
    };
    let offices = store::offices::list_visible(&ctx.app.db, &me).await?;
    let tasks = store::tasks::open_for_owner(&ctx.app.db, me.id).await?;
    let today = crate::clock::today();
    let ym = YearMonth::of(today);
    let mut rows = Vec::new();
    for m in &me.memberships {
        rows.extend(month_rows(&ctx, m.office_id, Some(me.id), ym).await?);
    }
    rows.sort_by_key(|r| crate::domain::compliance::urgency(&r.items));
    let selfcheck = watch::for_supporter(&ctx.app.db, me.id, today, ctx.lang).await?;
    let warnings = crate::web::support::warnings::home_lines(&ctx.app.db, &me, ctx.lang).await?;
    let page = ctx.page("home.title");
    Ok(HomePage {
        page,
        me,
        offices,
        tasks,
        today,
        rows,
        month: ym.to_string(),
        selfcheck,
        warnings,
    }
    .into_response())
}
