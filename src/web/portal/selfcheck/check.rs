//! The client's daily check (`/me/check`): each active item scored 1–4 on large tiles, an
//! optional comment, one entry per Japan day (sending again the same day updates it). After
//! sending, a calm thanks with the day's answers and the supporter's replies.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::Query;
use axum::response::{IntoResponse, Response};

use crate::clock;
use crate::domain::audit::Action;
use crate::domain::selfcheck::{COMMENT_MAX, CheckErrors, Range, Score, parse_check, score_field};
use crate::error::AppResult;
use crate::store::{self, selfcheck::ReplyRow};
use crate::web::access::{ClientSelf, ClientWrite};
use crate::web::csrf::CsrfForm;
use crate::web::ctx::{AuditRef, Ctx, Page};
use crate::web::{see_other, unprocessable};

use super::trend::RangeQuery;
use super::{ItemView, short_date};

/// One item on the form, with what was chosen (kept when the form comes back with a message).
pub struct FormItem {
    pub item: ItemView,
    pub chosen: Option<u8>,
    pub error: Option<&'static str>,
}

impl FormItem {
    fn is(&self, score: &Score) -> bool {
        self.chosen == Some(score.value())
    }
}

/// A recent comment of the client with the supporter's replies under it.
pub struct CommentView {
    pub day: String,
    pub comment: String,
    pub replies: Vec<ReplyRow>,
}

/// One answer of the day, as the thanks shows it.
pub struct Answer {
    pub label_html: String,
    pub score: u8,
    pub score_key: &'static str,
}

#[derive(Template, WebTemplate)]
#[template(path = "portal/selfcheck/check.html")]
struct CheckPage {
    page: Page,
    today: String,
    items: Vec<FormItem>,
    comment: String,
    comment_error: Option<&'static str>,
    /// The day's answers when the form is not shown (already sent today).
    answers: Vec<Answer>,
    /// The comments of the last two weeks, newest first, with their replies.
    recent: Vec<CommentView>,
    show_form: bool,
    sent: bool,
    has_entry: bool,
    scores: [Score; 4],
    comment_max: usize,
}

impl CheckPage {
    fn has_errors(&self) -> bool {
        self.comment_error.is_some() || self.items.iter().any(|i| i.error.is_some())
    }
    fn reply_time(&self, r: &ReplyRow) -> String {
        clock::format_jst(r.created_at)
    }
}

/// Builds the page: the form (`show_form`) or the day's answers.
async fn check_page(
    ctx: &Ctx,
    client_id: i64,
    typed: Option<(&[(String, String)], CheckErrors)>,
    edit: bool,
    sent: bool,
) -> AppResult<CheckPage> {
    let db = &ctx.app.db;
    let today = clock::today();
    let items: Vec<ItemView> = store::selfcheck::active_items(db, client_id)
        .await?
        .iter()
        .map(|row| ItemView::of(row, ctx.lang))
        .collect();
    let entry = store::selfcheck::entry_on(db, client_id, today).await?;
    let day_scores = match &entry {
        Some(_) => store::selfcheck::scores_between(db, client_id, today, today).await?,
        None => Vec::new(),
    };
    let saved = |item_id: i64| {
        day_scores
            .iter()
            .find(|s| s.item_id == item_id)
            .and_then(|s| u8::try_from(s.score).ok())
    };
    let (form_items, comment, comment_error): (Vec<FormItem>, String, _) = match typed {
        Some((pairs, errors)) => {
            let value = |name: &str| {
                pairs
                    .iter()
                    .find(|(k, _)| k == name)
                    .map(|(_, v)| v.clone())
                    .unwrap_or_default()
            };
            let form_items = items
                .iter()
                .map(|item| FormItem {
                    chosen: Score::parse(&value(&score_field(item.id)))
                        .ok()
                        .map(Score::value),
                    error: errors.score(item.id),
                    item: item.clone(),
                })
                .collect();
            (form_items, value("comment"), errors.comment)
        }
        None => {
            let form_items = items
                .iter()
                .map(|item| FormItem {
                    chosen: saved(item.id),
                    error: None,
                    item: item.clone(),
                })
                .collect();
            let comment = entry
                .as_ref()
                .map(|e| e.comment.clone())
                .unwrap_or_default();
            (form_items, comment, None)
        }
    };
    // Today's answers, by the items the entry scored (an item removed since stays named).
    let all_items = store::selfcheck::list_items(db, client_id).await?;
    let answers = all_items
        .iter()
        .filter_map(|row| {
            let score = Score::new(i64::from(saved(row.id)?))?;
            Some(Answer {
                label_html: ItemView::of(row, ctx.lang).label_html,
                score: score.value(),
                score_key: score.label_key(),
            })
        })
        .collect();
    let since = Range::TwoWeeks.first_day(today);
    let replies = store::selfcheck::replies_between(db, client_id, since, today).await?;
    let recent = store::selfcheck::entries_between(db, client_id, since, today)
        .await?
        .into_iter()
        .filter(|e| !e.comment.is_empty())
        .map(|e| CommentView {
            day: short_date(e.day),
            replies: replies
                .iter()
                .filter(|r| r.entry_id == e.id)
                .cloned()
                .collect(),
            comment: e.comment,
        })
        .collect();
    let show_form = entry.is_none() || edit || comment_error.is_some() || !typed_ok(&form_items);
    Ok(CheckPage {
        page: ctx.form_page("selfcheck.check.title").await?,
        today: short_date(today),
        items: form_items,
        comment,
        comment_error,
        answers,
        recent,
        show_form,
        sent,
        has_entry: entry.is_some(),
        scores: Score::ALL,
        comment_max: COMMENT_MAX,
    })
}

fn typed_ok(items: &[FormItem]) -> bool {
    items.iter().all(|i| i.error.is_none())
}

/// `GET /me/check`: the form, or today's answers once sent (`?edit=1` to change them).
pub async fn show_check(
    ctx: Ctx,
    ClientSelf(me): ClientSelf,
    Query(q): Query<RangeQuery>,
) -> AppResult<Response> {
    let page = check_page(&ctx, me.client_id, None, q.edit.is_some(), q.sent.is_some()).await?;
    Ok(page.into_response())
}

/// `POST /me/check`: saves today's check (or updates it), or shows the form again with its
/// messages and what was chosen (422).
pub async fn save_check(
    ctx: Ctx,
    ClientWrite(me): ClientWrite,
    CsrfForm(pairs): CsrfForm<Vec<(String, String)>>,
) -> AppResult<Response> {
    let db = &ctx.app.db;
    let item_ids: Vec<i64> = store::selfcheck::active_items(db, me.client_id)
        .await?
        .iter()
        .map(|i| i.id)
        .collect();
    let input = match parse_check(&item_ids, &pairs) {
        Ok(input) => input,
        Err(errors) => {
            let page = check_page(&ctx, me.client_id, Some((&pairs, errors)), true, false).await?;
            return Ok(unprocessable(page));
        }
    };
    let today = clock::today();
    let mut tx = db.begin().await?;
    let id =
        store::selfcheck::save_entry(&mut tx, me.client_id, today, &input, clock::now()).await?;
    ctx.audit(
        Action::SelfcheckEntry,
        &AuditRef::new("selfcheck_entry", id)
            .client(me.client_id)
            .office(me.office_id),
    )
    .detail(format!(
        "client={} day={today} items={} comment={}",
        me.client_id,
        input.scores.len(),
        !input.comment.is_empty()
    ))
    .write(&mut tx)
    .await?;
    tx.commit().await?;
    Ok(see_other("/me/check?sent=1"))
}
