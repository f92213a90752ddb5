//! 監査ログ page (admin only): newest first, filtered by action, actor, office and dates
//! (days in Japan time), 100 rows a page.

use askama::Template;
use askama_web::WebTemplate;
use axum::{
    extract::Query,
    response::{IntoResponse, Response},
};
use serde::Deserialize;
use time::{Date, OffsetDateTime, Time, macros::format_description};

use crate::clock::{self, JST};
use crate::error::AppResult;
use crate::store::{
    self,
    audit::{Filter, Row},
    offices::Office,
    staff::Staff,
};
use crate::web::{
    ctx::{Ctx, Page},
    encode_query,
};

const PAGE_SIZE: i64 = 100;

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct AuditQuery {
    pub action: String,
    pub actor: String,
    pub office: String,
    pub from: String,
    pub to: String,
    pub before: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "platform/audit/list.html")]
struct ListPage {
    page: Page,
    query: AuditQuery,
    rows: Vec<Row>,
    actions: Vec<String>,
    staff: Vec<Staff>,
    offices: Vec<Office>,
    next_href: Option<String>,
    filter_error: Option<&'static str>,
}

impl ListPage {
    fn at(&self, r: &Row) -> String {
        clock::format_jst(r.at)
    }
}

fn parse_day(s: &str) -> Result<Option<OffsetDateTime>, ()> {
    if s.trim().is_empty() {
        return Ok(None);
    }
    let date =
        Date::parse(s.trim(), format_description!("[year]-[month]-[day]")).map_err(|_| ())?;
    Ok(Some(
        date.with_time(Time::MIDNIGHT)
            .assume_offset(JST)
            .to_offset(time::UtcOffset::UTC),
    ))
}

pub async fn list_audit(ctx: Ctx, Query(query): Query<AuditQuery>) -> AppResult<Response> {
    let who = ctx.admin()?;
    let db = &ctx.app.db;
    let mut filter_error = None;
    let from = parse_day(&query.from).unwrap_or_else(|_| {
        filter_error = Some("err.date");
        None
    });
    let until = parse_day(&query.to)
        .unwrap_or_else(|_| {
            filter_error = Some("err.date");
            None
        })
        .map(|d| d + time::Duration::days(1));
    let filter = Filter {
        action: Some(query.action.clone()).filter(|s| !s.is_empty()),
        actor_id: query.actor.parse().ok(),
        office_id: query.office.parse().ok(),
        target_type: None,
        from,
        until,
        before_id: query.before.parse().ok(),
    };
    let mut rows = store::audit::list(db, &filter, PAGE_SIZE + 1).await?;
    let next_href = if rows.len() as i64 > PAGE_SIZE {
        rows.truncate(PAGE_SIZE as usize);
        rows.last().map(|last| {
            format!(
                "/audit?action={}&actor={}&office={}&from={}&to={}&before={}",
                encode_query(&query.action),
                encode_query(&query.actor),
                encode_query(&query.office),
                encode_query(&query.from),
                encode_query(&query.to),
                last.id
            )
        })
    } else {
        None
    };
    let page = ListPage {
        page: ctx.page("audit.title"),
        actions: store::audit::actions(db).await?,
        staff: store::staff::list(db, who.organization_id).await?,
        offices: store::offices::list_all(db, who.organization_id).await?,
        query,
        rows,
        next_href,
        filter_error,
    };
    Ok(page.into_response())
}
