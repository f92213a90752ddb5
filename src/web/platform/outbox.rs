//! 送信メール page (admin only): the email outbox newest first, with each message's status,
//! attempts, next attempt and last error, and "retry now" for a message that was given up.
//! The errors come from the SMTP server and may name its settings: only admins see them.

use crate::web::access::{Admin, OutboxAdmin, Policy, Routes};
use askama::Template;
use askama_web::WebTemplate;
use axum::{
    extract::Query,
    response::{IntoResponse, Response},
};
use serde::Deserialize;

use crate::clock;
use crate::domain::audit::Action;
use crate::domain::outbox::MessageStatus;
use crate::error::AppResult;
use crate::store::{self, outbox::Message};
use crate::web::{
    csrf::CsrfForm,
    ctx::{AuditRef, Ctx, Page},
    see_other,
};

const PAGE_SIZE: i64 = 100;

pub fn routes() -> Routes {
    Routes::new()
        .get("/admin/outbox", Policy::Admin, list_outbox)
        .post("/admin/outbox/{id}/retry", Policy::Admin, retry_message)
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct OutboxQuery {
    pub before: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "platform/outbox/list.html")]
struct ListPage {
    page: Page,
    messages: Vec<Message>,
    smtp_configured: bool,
    next_href: Option<String>,
}

impl ListPage {
    fn at(&self, at: &time::OffsetDateTime) -> String {
        clock::format_jst(*at)
    }

    fn status_key(&self, m: &Message) -> &'static str {
        m.status.label_key()
    }

    fn is_queued(&self, m: &Message) -> bool {
        m.status == MessageStatus::Queued
    }

    fn is_failed(&self, m: &Message) -> bool {
        m.status == MessageStatus::Failed
    }
}

pub async fn list_outbox(
    ctx: Ctx,
    Admin(_): Admin,
    Query(query): Query<OutboxQuery>,
) -> AppResult<Response> {
    let before = query.before.parse::<i64>().ok();
    let mut messages = store::outbox::list(&ctx.app.db, before, PAGE_SIZE + 1).await?;
    let next_href = if messages.len() as i64 > PAGE_SIZE {
        messages.truncate(PAGE_SIZE as usize);
        messages
            .last()
            .map(|last| format!("/admin/outbox?before={}", last.id))
    } else {
        None
    };
    Ok(ListPage {
        page: ctx.page("outbox.title"),
        messages,
        smtp_configured: !ctx.app.config.smtp_url.trim().is_empty(),
        next_href,
    }
    .into_response())
}

/// Queues a failed message again, due at once. A message that is not failed (already
/// retried, e.g. by a double click) is left as it is.
pub async fn retry_message(
    ctx: Ctx,
    OutboxAdmin { message, .. }: OutboxAdmin,
    CsrfForm(_): CsrfForm<Vec<(String, String)>>,
) -> AppResult<Response> {
    let id = message.id;
    let mut tx = ctx.app.db.begin().await?;
    if !store::outbox::requeue_failed(&mut tx, id, clock::now()).await? {
        return Ok(see_other("/admin/outbox"));
    }
    ctx.audit(Action::EmailRetry, &AuditRef::new("email_outbox", id))
        .detail(format!("attempts={}", message.attempts))
        .write(&mut tx)
        .await?;
    tx.commit().await?;
    Ok(see_other("/admin/outbox?n=retried"))
}
