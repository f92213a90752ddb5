//! 監査ログ page (admin only): newest first, filtered by action, actor, office and dates
//! (days in Japan time), 100 rows a page by keyset (`before=<id>`). Each row reads as people
//! say it: the action's name in the page's language, who did it by name, the record by name
//! (clients, offices, staff, inquiries) and the time in Japan time.

use askama::Template;
use askama_web::WebTemplate;
use axum::{
    extract::Query,
    response::{IntoResponse, Response},
};
use serde::Deserialize;
use time::{Date, OffsetDateTime, Time, macros::format_description};

use std::collections::HashMap;

use crate::clock::{self, JST};
use crate::domain::audit::Action;
use crate::error::AppResult;
use crate::i18n::Lang;
use crate::store::{
    self,
    audit::{Filter, Named, Row},
    offices::Office,
    staff::Staff,
};
use crate::web::{
    access::Admin,
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
    /// Each action recorded so far: (code, name in the page's language).
    actions: Vec<(String, String)>,
    /// The names of the actors and records on this page.
    names: Names,
    staff: Vec<Staff>,
    offices: Vec<Office>,
    next_href: Option<String>,
    filter_error: Option<&'static str>,
}

impl ListPage {
    /// In Japan time, to the minute: `2026-12-01 13:05`.
    fn at(&self, r: &Row) -> String {
        clock::format_jst(r.at)
    }
    fn action_name(&self, r: &Row) -> String {
        action_name(self.page.lang, &r.action).to_string()
    }
    /// The staff member's display name, or what was recorded (a login typed at sign-in,
    /// `public` for the inquiry form, a since deleted account).
    fn actor(&self, r: &Row) -> String {
        r.actor_id
            .and_then(|id| self.names.get(&(Named::Staff, id)))
            .cloned()
            .unwrap_or_else(|| r.actor_label.clone())
    }
    /// The record's name where it has one, else its kind and id.
    fn target(&self, r: &Row) -> String {
        Named::of_target(&r.target_type)
            .zip(r.target_id.parse::<i64>().ok())
            .and_then(|key| self.names.get(&key))
            .cloned()
            .unwrap_or_else(|| format!("{} {}", r.target_type, r.target_id))
    }
}

type Names = HashMap<(Named, i64), String>;

/// The action's name in `lang`, or its stored code when it is not one of ours.
fn action_name(lang: Lang, code: &str) -> &str {
    Action::from_code(code)
        .map(|a| lang.t(a.label_key()))
        .unwrap_or(code)
}

/// The names of the actors and the named records of `rows`: one query per kind.
async fn load_names(ctx: &Ctx, org: i64, rows: &[Row]) -> AppResult<Names> {
    let mut ids: HashMap<Named, Vec<i64>> = HashMap::new();
    for r in rows {
        if let Some(id) = r.actor_id {
            ids.entry(Named::Staff).or_default().push(id);
        }
        if let (Some(kind), Ok(id)) = (Named::of_target(&r.target_type), r.target_id.parse()) {
            ids.entry(kind).or_default().push(id);
        }
    }
    let mut names = Names::new();
    for (kind, mut list) in ids {
        list.sort_unstable();
        list.dedup();
        for (id, name) in store::audit::names(&ctx.app.db, org, kind, &list).await? {
            names.insert((kind, id), name);
        }
    }
    Ok(names)
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

pub async fn list_audit(
    ctx: Ctx,
    Admin(who): Admin,
    Query(query): Query<AuditQuery>,
) -> AppResult<Response> {
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
    let actions = store::audit::actions(db)
        .await?
        .into_iter()
        .map(|code| {
            let name = action_name(ctx.lang, &code).to_string();
            (code, name)
        })
        .collect();
    let names = load_names(&ctx, who.organization_id, &rows).await?;
    let page = ListPage {
        page: ctx.page("audit.title"),
        actions,
        names,
        staff: store::staff::list(db, who.organization_id).await?,
        offices: store::offices::list_all(db, who.organization_id).await?,
        query,
        rows,
        next_href,
        filter_error,
    };
    Ok(page.into_response())
}

/// アクセス記録: for one client, who read or changed their record and when (every audit row
/// about the client or a record under it), printable, for a 本人開示 request or an incident.
/// For the manager of the client's office or an administrator; the report itself is audited.
#[derive(Template, WebTemplate)]
#[template(path = "platform/audit/client_access.html")]
struct ClientAccessPage {
    page: Page,
    client: store::clients::Client,
    office: Office,
    rows: Vec<Row>,
    names: Names,
    printed_at: String,
}

impl ClientAccessPage {
    fn at(&self, r: &Row) -> String {
        clock::format_jst(r.at)
    }
    fn action_name(&self, r: &Row) -> String {
        action_name(self.page.lang, &r.action).to_string()
    }
    /// Staff by name; the client and employer contacts by who they are.
    fn actor(&self, r: &Row) -> String {
        if let Some(name) = r
            .actor_id
            .and_then(|id| self.names.get(&(Named::Staff, id)))
        {
            return name.clone();
        }
        if r.actor_label.starts_with("client:") {
            return self.page.t("audit.actor.client").to_string();
        }
        if let Some(login) = r.actor_label.strip_prefix("employer:") {
            return format!("{} ({login})", self.page.t("audit.actor.employer"));
        }
        r.actor_label.clone()
    }
}

pub async fn client_access(
    ctx: Ctx,
    crate::web::access::ClientManage {
        who,
        client,
        office,
    }: crate::web::access::ClientManage,
) -> AppResult<Response> {
    let db = &ctx.app.db;
    ctx.audit(Action::ClientAccessReport, &client)
        .write_now(db)
        .await?;
    let rows = store::audit::for_client(db, client.id).await?;
    let names = load_names(&ctx, who.organization_id, &rows).await?;
    Ok(ClientAccessPage {
        page: ctx.page("audit.access.title"),
        client,
        office,
        rows,
        names,
        printed_at: clock::format_jst(clock::now()),
    }
    .into_response())
}
