//! The supporter's page of a client's self-check (`/clients/{id}/selfcheck`): the items they
//! choose with the client, the trends, and the entries of the range with their comments and
//! the replies (`…/entries/{eid}/reply`; an entry of another client is a 404).

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::Query;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

use crate::clock;
use crate::domain::audit::Action;
use crate::domain::selfcheck::{
    MAX_ACTIVE_ITEMS, OWN_LABEL_MAX, REPLY_MAX, Range, Score, parse_reply,
};
use crate::error::AppResult;
use crate::store::{
    self, clients::Client, offices::Office, selfcheck::EntryRow, selfcheck::ReplyRow,
};
use crate::web::access::{ClientEdit, ClientView, Sub};
use crate::web::csrf::CsrfForm;
use crate::web::ctx::{AuditRef, Ctx, Page};
use crate::web::{see_other, unprocessable};

use super::trend::{Chart, RangeQuery, VIEW_BOX, charts, range_links};
use super::{ItemView, offered, short_date};

/// What was typed, when the page comes back with a message.
pub enum Typed {
    None,
    /// The items form: its message and the own item's words.
    Item(&'static str, String),
    /// A reply: the entry, its message and the words.
    Reply(i64, &'static str, String),
}

/// One entry of the range as the supporter reads it.
pub struct EntryView {
    pub id: i64,
    pub day: String,
    pub comment: String,
    /// (item name, score, score label key)
    pub scores: Vec<(String, u8, &'static str)>,
    pub replies: Vec<ReplyRow>,
    pub reply_error: Option<&'static str>,
    pub reply_typed: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "support/selfcheck/show.html")]
pub struct StaffPage {
    page: Page,
    client: Client,
    items: Vec<ItemView>,
    offered: Vec<(&'static str, String, String)>,
    item_error: Option<&'static str>,
    label: String,
    label_max: usize,
    full: bool,
    charts: Vec<Chart>,
    ranges: Vec<(&'static str, &'static str, bool)>,
    range: &'static str,
    /// The range links' target.
    base: String,
    view_box: &'static str,
    /// Plain messages in the parts shared with the portal's pages.
    ruby: bool,
    entries: Vec<EntryView>,
    reply_max: usize,
}

impl StaffPage {
    fn reply_time(&self, r: &ReplyRow) -> String {
        clock::format_jst(r.created_at)
    }
}

pub async fn staff_page(
    ctx: &Ctx,
    client: Client,
    _office: Office,
    range: Range,
    typed: Typed,
) -> AppResult<StaffPage> {
    let db = &ctx.app.db;
    let today = clock::today();
    let first = range.first_day(today);
    let all_items = store::selfcheck::list_items(db, client.id).await?;
    let views: Vec<ItemView> = all_items
        .iter()
        .map(|r| ItemView::of(r, ctx.lang))
        .collect();
    let items: Vec<ItemView> = views.iter().filter(|i| i.active).cloned().collect();
    let scores = store::selfcheck::scores_between(db, client.id, first, today).await?;
    let mut replies = store::selfcheck::replies_between(db, client.id, first, today).await?;
    let entries = store::selfcheck::entries_between(db, client.id, first, today)
        .await?
        .into_iter()
        .map(|e: EntryRow| {
            let (reply_error, reply_typed) = match &typed {
                Typed::Reply(id, key, text) if *id == e.id => (Some(*key), text.clone()),
                _ => (None, String::new()),
            };
            let entry_scores = scores
                .iter()
                .filter(|s| s.entry_id == e.id)
                .filter_map(|s| {
                    let item = views.iter().find(|v| v.id == s.item_id)?;
                    let score = Score::new(s.score)?;
                    Some((item.label.clone(), score.value(), score.label_key()))
                })
                .collect();
            let (mine, rest): (Vec<ReplyRow>, Vec<ReplyRow>) = std::mem::take(&mut replies)
                .into_iter()
                .partition(|r| r.entry_id == e.id);
            replies = rest;
            EntryView {
                id: e.id,
                day: e.day.to_string(),
                comment: e.comment,
                scores: entry_scores,
                replies: mine,
                reply_error,
                reply_typed,
            }
        })
        .collect();
    let (item_error, label) = match typed {
        Typed::Item(key, label) => (Some(key), label),
        _ => (None, String::new()),
    };
    Ok(StaffPage {
        page: ctx.form_page("selfcheck.staff.title").await?,
        offered: offered(&items, ctx.lang),
        full: items.len() >= MAX_ACTIVE_ITEMS,
        items,
        item_error,
        label,
        label_max: OWN_LABEL_MAX,
        charts: charts(db, client.id, range, today, ctx.lang).await?,
        ranges: range_links(range),
        range: range.code(),
        base: format!("/clients/{}/selfcheck", client.id),
        view_box: VIEW_BOX,
        ruby: false,
        entries,
        reply_max: REPLY_MAX,
        client,
    })
}

/// `GET /clients/{id}/selfcheck?range=2w|3m|6m`.
pub async fn show_selfcheck(
    ctx: Ctx,
    ClientView { client, office, .. }: ClientView,
    Query(q): Query<RangeQuery>,
) -> AppResult<Response> {
    let range = Range::parse(q.range.as_deref());
    Ok(staff_page(&ctx, client, office, range, Typed::None)
        .await?
        .into_response())
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ReplyForm {
    pub reply: String,
    pub range: String,
}

/// `POST /clients/{id}/selfcheck/entries/{eid}/reply`: the supporter answers the client's
/// comment; the client reads it under their comment.
pub async fn reply(
    ctx: Ctx,
    Sub(
        ClientEdit {
            who,
            client,
            office,
        },
        entry,
    ): Sub<ClientEdit, EntryRow>,
    CsrfForm(form): CsrfForm<ReplyForm>,
) -> AppResult<Response> {
    let range = Range::parse(Some(form.range.as_str()));
    let body = match parse_reply(&form.reply) {
        Ok(body) => body,
        Err(key) => {
            let typed = Typed::Reply(entry.id, key, form.reply);
            let page = staff_page(&ctx, client, office, range, typed).await?;
            return Ok(unprocessable(page));
        }
    };
    let mut tx = ctx.app.db.begin().await?;
    let id = store::selfcheck::insert_reply(&mut tx, entry.id, who.id, &body, clock::now()).await?;
    ctx.audit(
        Action::SelfcheckReply,
        &AuditRef::new("selfcheck_reply", id)
            .client(client.id)
            .office(office.id),
    )
    .detail(format!(
        "client={} entry={} day={}",
        client.id,
        entry.id,
        short_date(entry.day)
    ))
    .write(&mut tx)
    .await?;
    tx.commit().await?;
    Ok(see_other(&format!(
        "/clients/{}/selfcheck?range={}&n=saved#entry-{}",
        client.id,
        range.code(),
        entry.id
    )))
}
