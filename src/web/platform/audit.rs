//! 監査ログ page (admin only): newest first, filtered by action, actor, office and dates
//! (days in Japan time), 100 rows a page by keyset (`before=<id>`). The actor and the office
//! are typed (a login ID or 事業所番号, or a name) and resolved here, so the page does not
//! grow with the organisation (#13: its choices of every staff member and office made it
//! 589 KB); a text naming several lists them as links to choose from. Each row reads as people
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
use crate::domain::fields::FieldErrors;
use crate::domain::lookup::{self, Candidate, Found};
use crate::error::AppResult;
use crate::i18n::Lang;
use crate::store::{
    self,
    audit::{Filter, Named, Row},
    offices::Office,
};
use crate::web::{
    access::Admin,
    ctx::{Ctx, Page},
    encode_query,
};

const PAGE_SIZE: i64 = 100;

/// The choices listed when a field names several staff members or offices.
const CHOICES: usize = 20;

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct AuditQuery {
    pub action: String,
    /// A login ID or (part of) a name, resolved on the server (`domain::lookup`).
    pub actor: String,
    /// A 事業所番号 or (part of) a name.
    pub office: String,
    pub from: String,
    pub to: String,
    pub before: String,
}

impl AuditQuery {
    /// This filter's address, with `actor` or `office` replaced (for the choices) and from
    /// the newest row unless `before` is given.
    fn href(&self, actor: &str, office: &str, before: Option<i64>) -> String {
        let mut href = format!(
            "/audit?action={}&actor={}&office={}&from={}&to={}",
            encode_query(&self.action),
            encode_query(actor),
            encode_query(office),
            encode_query(&self.from),
            encode_query(&self.to),
        );
        if let Some(id) = before {
            href.push_str(&format!("&before={id}"));
        }
        href
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "platform/audit/list.html")]
struct ListPage {
    page: Page,
    query: AuditQuery,
    rows: Vec<Row>,
    /// Every action we record: (code, name in the page's language).
    actions: Vec<(&'static str, String)>,
    /// The names of the actors and records on this page.
    names: Names,
    /// What the 職員 and 事業所 fields name.
    actor: Found,
    office: Found,
    errors: FieldErrors,
    /// The fields name one record each (or none), so the rows are listed.
    listed: bool,
    newest_href: Option<String>,
    next_href: Option<String>,
    filter_error: Option<&'static str>,
}

impl ListPage {
    /// The address of the filter with the staff member `c` chosen (by login: one record).
    fn choose_actor(&self, c: &Candidate) -> String {
        self.query.href(&c.key, &self.query.office, None)
    }
    /// The address with the office `c` chosen (by number, or by name: unique in the
    /// organisation).
    fn choose_office(&self, c: &Candidate) -> String {
        let key = if c.key.is_empty() { &c.name } else { &c.key };
        self.query.href(&self.query.actor, key, None)
    }
    /// The choices of a field naming several, else none.
    fn choices<'a>(&self, found: &'a Found) -> &'a [Candidate] {
        match found {
            Found::Several { choices, .. } => choices,
            _ => &[],
        }
    }
    fn more(&self, found: &Found) -> bool {
        matches!(found, Found::Several { more: true, .. })
    }
    /// The record a field names, shown under it.
    fn chosen<'a>(&self, found: &'a Found) -> Option<&'a Candidate> {
        match found {
            Found::One(c) => Some(c),
            _ => None,
        }
    }
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

/// What a typed field names: the id to filter by (`Some(None)`: any), or `None` when it
/// names nothing or several.
fn filter_id(found: &Found) -> Option<Option<i64>> {
    match found {
        Found::Any => Some(None),
        Found::One(c) => Some(Some(c.id)),
        Found::Nothing | Found::Several { .. } => None,
    }
}

pub async fn list_audit(
    ctx: Ctx,
    Admin(who): Admin,
    Query(query): Query<AuditQuery>,
) -> AppResult<Response> {
    let db = &ctx.app.db;
    let org = who.organization_id;
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
    let limit = CHOICES as i64 + 1;
    let (key, name) = (lookup::key(&query.actor), lookup::normalize(&query.actor));
    let actor = if name.is_empty() {
        Found::Any
    } else {
        let found = store::staff::matching(db, org, &key, &name, limit).await?;
        lookup::resolve(&query.actor, found, CHOICES)
    };
    let (key, name) = (lookup::key(&query.office), lookup::normalize(&query.office));
    let office = if name.is_empty() {
        Found::Any
    } else {
        let found = store::offices::matching(db, org, &key, &name, limit).await?;
        lookup::resolve(&query.office, found, CHOICES)
    };
    let mut errors = FieldErrors::new();
    if actor == Found::Nothing {
        errors.add("actor", "audit.no_staff");
    }
    if office == Found::Nothing {
        errors.add("office", "audit.no_office");
    }
    let before_id = query.before.parse().ok();
    let (mut rows, listed) = match (filter_id(&actor), filter_id(&office)) {
        (Some(actor_id), Some(office_id)) => {
            let filter = Filter {
                action: Some(query.action.clone()).filter(|s| !s.is_empty()),
                actor_id,
                office_id,
                target_type: None,
                from,
                until,
                before_id,
            };
            (store::audit::list(db, &filter, PAGE_SIZE + 1).await?, true)
        }
        _ => (Vec::new(), false),
    };
    let next_href = if rows.len() as i64 > PAGE_SIZE {
        rows.truncate(PAGE_SIZE as usize);
        rows.last()
            .map(|last| query.href(&query.actor, &query.office, Some(last.id)))
    } else {
        None
    };
    let newest_href = before_id.map(|_| query.href(&query.actor, &query.office, None));
    let actions = Action::ALL
        .iter()
        .map(|a| (a.code(), ctx.lang.t(a.label_key()).to_string()))
        .collect();
    let names = load_names(&ctx, org, &rows).await?;
    let page = ListPage {
        page: ctx.page("audit.title"),
        actions,
        names,
        actor,
        office,
        errors,
        listed,
        query,
        rows,
        newest_href,
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
