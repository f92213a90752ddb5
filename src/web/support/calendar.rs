//! カレンダー連携: a supporter's planned next contacts and open task deadlines as an
//! iCalendar feed that calendar apps subscribe to.
//!
//! Calendar apps fetch without cookies, so the feed URL carries a secret token instead of a
//! session. Only its SHA-256 is stored, which means the URL can be shown once, when it is
//! made; the page says so, and making a new one replaces the old (its URL stops working at
//! once). The feed leaves our control for a third-party calendar service, so it holds no
//! client's name and no free text (a task's words can be about health): only what each
//! event is, its date, and the code or initials the staff member chose
//! (`domain::calendar_label`, set on the same page).

use askama::Template;
use askama_web::WebTemplate;
use axum::{
    extract::Path,
    http::{HeaderMap, HeaderValue, header},
    response::{IntoResponse, Response},
};

use crate::clock;
use crate::domain::audit::Action;
use crate::domain::calendar_label::CalendarLabel;
use crate::domain::ical::{self, Event};
use crate::error::{AppError, AppResult};
use crate::i18n::Lang;
use crate::store;
use crate::web::{
    access::{Policy, Routes, Staff},
    csrf::CsrfForm,
    ctx::{AuditRef, Ctx, Page},
    session::{hash_token, random_token},
};

/// Planned contacts this many days in the past still show, so a missed one stays visible.
const PAST_DAYS: i64 = 30;

pub fn routes() -> Routes {
    Routes::new()
        .get("/account/calendar", Policy::Staff, show_calendar)
        .post("/account/calendar", Policy::Staff, create_token)
        .post("/account/calendar/label", Policy::Staff, set_label)
        // The router cannot match a suffix inside a segment: the handler strips `.ics`.
        .get("/calendar/{file}", Policy::Token, feed)
}

#[derive(Template, WebTemplate)]
#[template(path = "support/calendar/show.html")]
struct CalendarPage {
    page: Page,
    label: CalendarLabel,
    labels: [CalendarLabel; 3],
    /// When the current URL was made (Japan time), if there is one.
    created_at: Option<String>,
    /// The URL just made: shown this once.
    new_url: Option<String>,
}

pub async fn show_calendar(ctx: Ctx, Staff(who): Staff) -> AppResult<Response> {
    let created_at = store::calendar::token_created_at(&ctx.app.db, who.id)
        .await?
        .map(clock::format_jst);
    let page = ctx.form_page("calendar.title").await?;
    Ok(CalendarPage {
        page,
        label: store::calendar::label(&ctx.app.db, who.id).await?,
        labels: CalendarLabel::ALL,
        created_at,
        new_url: None,
    }
    .into_response())
}

#[derive(Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct LabelForm {
    pub calendar_label: String,
}

/// Chooses how the feed names clients.
pub async fn set_label(
    ctx: Ctx,
    Staff(who): Staff,
    CsrfForm(form): CsrfForm<LabelForm>,
) -> AppResult<Response> {
    let Some(label) = CalendarLabel::parse(&form.calendar_label) else {
        let created_at = store::calendar::token_created_at(&ctx.app.db, who.id)
            .await?
            .map(clock::format_jst);
        let mut page = ctx.form_page("calendar.title").await?;
        page.notice = Some("calendar.label.choose");
        return Ok(crate::web::unprocessable(CalendarPage {
            page,
            label: store::calendar::label(&ctx.app.db, who.id).await?,
            labels: CalendarLabel::ALL,
            created_at,
            new_url: None,
        }));
    };
    let mut tx = ctx.app.db.begin().await?;
    store::calendar::set_label(&mut tx, who.id, label).await?;
    ctx.audit(Action::CalendarLabelSet, &AuditRef::new("staff", who.id))
        .detail(label.code())
        .write(&mut tx)
        .await?;
    tx.commit().await?;
    Ok(crate::web::see_other("/account/calendar?n=saved"))
}

/// Makes (or remakes) the feed URL and shows it. The answer is the page itself rather than
/// a redirect, because the token is not kept anywhere it could be shown from later.
pub async fn create_token(
    ctx: Ctx,
    Staff(who): Staff,
    headers: HeaderMap,
    CsrfForm(_): CsrfForm<Vec<(String, String)>>,
) -> AppResult<Response> {
    let token = random_token();
    let now = clock::now();
    let mut tx = ctx.app.db.begin().await?;
    store::calendar::set_token(&mut tx, who.id, &hash_token(&token), now).await?;
    ctx.audit(Action::CalendarTokenCreate, &AuditRef::new("staff", who.id))
        .write(&mut tx)
        .await?;
    tx.commit().await?;
    let url = format!(
        "{}/calendar/{token}.ics",
        crate::web::public_base(&ctx, &headers)
    );
    let mut page = ctx.form_page("calendar.title").await?;
    page.notice = Some("calendar.created");
    Ok(CalendarPage {
        page,
        label: store::calendar::label(&ctx.app.db, who.id).await?,
        labels: CalendarLabel::ALL,
        created_at: Some(clock::format_jst(now)),
        new_url: Some(url),
    }
    .into_response())
}

/// `GET /calendar/{token}.ics`: no sign-in; an unknown or replaced token is 404.
pub async fn feed(ctx: Ctx, Path(file): Path<String>) -> AppResult<Response> {
    let token = file.strip_suffix(".ics").ok_or(AppError::NotFound)?;
    // Tokens are 64 hex digits; anything else is not worth a database lookup.
    if token.len() != 64 || !token.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(AppError::NotFound);
    }
    let db = &ctx.app.db;
    let (staff_id, _) = store::calendar::staff_for_token(db, &hash_token(token))
        .await?
        .ok_or(AppError::NotFound)?;
    let label = store::calendar::label(db, staff_id).await?;
    let summary = |what: &str, client_id: i64, kana: &str| match label.name(client_id, kana) {
        Some(name) => format!("{what}: {name}"),
        None => what.to_string(),
    };
    let from = clock::today() - time::Duration::days(PAST_DAYS);
    // The feed has no language setting of its own; the offices work in Japanese.
    let lang = Lang::Ja;
    let mut events: Vec<Event> = store::calendar::planned_contacts(db, staff_id, from)
        .await?
        .into_iter()
        .map(|c| Event {
            uid: format!("contact-{}@teichaku", c.contact_id),
            date: c.next_contact_on,
            summary: summary(
                lang.t("calendar.event_contact"),
                c.client_id,
                &c.client_kana,
            ),
        })
        .collect();
    events.extend(
        store::calendar::open_tasks(db, staff_id)
            .await?
            .into_iter()
            .map(|t| Event {
                uid: format!("task-{}@teichaku", t.task_id),
                date: t.due_on,
                summary: summary(lang.t("calendar.event_task"), t.client_id, &t.client_kana),
            }),
    );
    let body = ical::calendar(lang.t("calendar.feed_name"), &events, clock::now());
    Ok((
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("text/calendar; charset=utf-8"),
        )],
        body,
    )
        .into_response())
}
