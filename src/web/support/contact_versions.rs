//! A support record's history and its corrections: every version with who, when and why
//! (reading it is audited), a correction as a new version (the reason required once the
//! record is final), finishing a draft, and 取消 (withdrawal with a reason). Nothing is
//! deleted: `store::contacts` keeps each version in `contact_versions`.

use askama::Template;
use askama_web::WebTemplate;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

use crate::clock;
use crate::db::Db;
use crate::domain::audit::Action;
use crate::domain::contact::{ContactForm, ContactStatus, parse_reason};
use crate::domain::fields::FieldErrors;
use crate::error::AppResult;
use crate::store::{
    self,
    clients::Client,
    contacts::{Contact, ContactVersion},
};
use crate::web::{
    access::{Child, ClientEdit, ClientView, OfClient, Policy, Routes, Sub},
    csrf::CsrfForm,
    ctx::{AuditRef, AuditTarget, Ctx, Page},
    see_other,
    support::contacts::{checked_input, form_page},
    support::plans::conflict,
    unprocessable,
};

pub fn routes() -> Routes {
    Routes::new()
        .get(
            "/clients/{id}/contacts/{rid}",
            Policy::ClientView,
            show_contact,
        )
        .post(
            "/clients/{id}/contacts/{rid}",
            Policy::ClientEdit,
            correct_contact,
        )
        .get(
            "/clients/{id}/contacts/{rid}/edit",
            Policy::ClientEdit,
            edit_contact,
        )
        .post(
            "/clients/{id}/contacts/{rid}/withdraw",
            Policy::ClientEdit,
            withdraw_contact,
        )
}

/// `{rid}` in `/clients/{id}/contacts/{rid}…`: a support record of that client.
impl Child for Contact {
    type Of = OfClient;
    const PARAM: &'static str = "rid";
    async fn load(db: &Db, client_id: i64, id: i64) -> Result<Option<Self>, sqlx::Error> {
        store::contacts::find(db, client_id, id).await
    }
}

impl AuditTarget for Contact {
    fn audit_ref(&self) -> AuditRef {
        AuditRef::new("contact", self.id).client(self.client_id)
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "support/contacts/show.html")]
struct ShowPage {
    page: Page,
    client: Client,
    contact: Contact,
    versions: Vec<ContactVersion>,
    errors: FieldErrors,
    reason: String,
    /// A refusal (stale page, withdrawn already), as a message key.
    refusal: Option<&'static str>,
}

impl ShowPage {
    fn at(&self, at: &time::OffsetDateTime) -> String {
        clock::format_jst(*at)
    }
    fn mode_key(&self, code: &str) -> String {
        format!("contact.mode.{code}")
    }
    fn participant_keys(&self, column: &str) -> Vec<String> {
        column
            .split(',')
            .filter(|p| !p.is_empty())
            .map(|p| format!("contact.who.{p}"))
            .collect()
    }
}

async fn show_page(ctx: &Ctx, client: Client, contact: Contact) -> AppResult<ShowPage> {
    let versions = store::contacts::versions(&ctx.app.db, contact.id).await?;
    Ok(ShowPage {
        page: ctx.page("contact.show_title"),
        client,
        contact,
        versions,
        errors: FieldErrors::new(),
        reason: String::new(),
        refusal: None,
    })
}

/// The record with every version. `ClientView` writes `client.view`; the history read is
/// its own row (`contact.history_view`), naming the record and how many versions were shown.
pub async fn show_contact(
    ctx: Ctx,
    Sub(ClientView { client, office, .. }, contact): Sub<ClientView, Contact>,
) -> AppResult<Response> {
    let page = show_page(&ctx, client, contact).await?;
    ctx.audit(Action::ContactHistoryView, &page.contact)
        .office(office.id)
        .detail(format!(
            "client={} versions={}",
            page.client.id,
            page.versions.len()
        ))
        .write_now(&ctx.app.db)
        .await?;
    Ok(page.into_response())
}

/// The form with the record's words, to correct it (or to finish a draft).
pub async fn edit_contact(
    ctx: Ctx,
    Sub(ClientEdit { client, office, .. }, contact): Sub<ClientEdit, Contact>,
) -> AppResult<Response> {
    if contact.status() == ContactStatus::Withdrawn {
        let mut page = show_page(&ctx, client, contact).await?;
        page.refusal = Some("contact.err.withdrawn");
        return Ok(conflict(page));
    }
    let form = form_of(&contact);
    Ok(form_page(
        &ctx,
        client,
        &office,
        form,
        FieldErrors::new(),
        None,
        Some(contact),
    )
    .await?
    .into_response())
}

/// The record's words as the contact form's fields.
fn form_of(c: &Contact) -> ContactForm {
    let at = c.occurred_at.to_offset(clock::JST);
    let mut pairs = vec![
        ("contact_date".to_string(), at.date().to_string()),
        (
            "contact_time".to_string(),
            format!("{:02}:{:02}", at.hour(), at.minute()),
        ),
        ("mode".to_string(), c.mode.clone()),
        ("place".to_string(), c.place.clone()),
        ("participants_note".to_string(), c.participants_note.clone()),
        ("heard".to_string(), c.heard.clone()),
        ("advice".to_string(), c.advice.clone()),
        ("shared_info".to_string(), c.shared_info.clone()),
        ("accommodations".to_string(), c.accommodations.clone()),
        (
            "next_contact_on".to_string(),
            c.next_contact_on.map(|d| d.to_string()).unwrap_or_default(),
        ),
    ];
    for p in c.participants.split(',').filter(|p| !p.is_empty()) {
        pairs.push(("participants".to_string(), p.to_string()));
    }
    if let Some(i) = c.institution_id {
        pairs.push(("institution_id".to_string(), i.to_string()));
    }
    if c.is_handover {
        pairs.push(("is_handover".to_string(), "1".to_string()));
    }
    ContactForm(pairs)
}

/// A correction (or a draft worked on): the next version, with who, when and why.
pub async fn correct_contact(
    ctx: Ctx,
    Sub(access, contact): Sub<ClientEdit, Contact>,
    CsrfForm(pairs): CsrfForm<Vec<(String, String)>>,
) -> AppResult<Response> {
    let form = ContactForm(pairs);
    if contact.status() == ContactStatus::Withdrawn {
        let mut page = show_page(&ctx, access.client.clone(), contact).await?;
        page.refusal = Some("contact.err.withdrawn");
        return Ok(conflict(page));
    }
    let expected: i64 = form.get("version").trim().parse().unwrap_or(-1);
    let reason = form.get("contact_reason").trim().to_string();
    let status = ContactStatus::requested(&form.get("status"), Some(contact.status()));
    let input = match checked_input(&ctx, &access, form, Some(&contact)).await? {
        Ok(input) => input,
        Err(page) => return Ok(unprocessable(page)),
    };
    let ClientEdit {
        who,
        client,
        office,
    } = &access;
    let mut tx = ctx.app.db.begin().await?;
    let saved = store::contacts::correct(
        &mut tx,
        contact.id,
        expected,
        &input,
        status,
        &reason,
        who.id,
        clock::now(),
    )
    .await?;
    if !saved {
        drop(tx);
        let mut page = show_page(&ctx, client.clone(), contact).await?;
        page.refusal = Some("contact.err.stale");
        return Ok(conflict(page));
    }
    ctx.audit(Action::ContactCorrect, &contact)
        .office(office.id)
        .detail(format!(
            "client={} version={}→{} status={}→{}",
            client.id,
            contact.version,
            contact.version + 1,
            contact.status,
            status.code()
        ))
        .write(&mut tx)
        .await?;
    tx.commit().await?;
    Ok(see_other(&format!(
        "/clients/{}/contacts/{}?n=saved",
        client.id, contact.id
    )))
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct WithdrawForm {
    pub version: String,
    pub contact_reason: String,
}

/// 取消: the record stays, withdrawn, with the reason; it counts for nothing after.
pub async fn withdraw_contact(
    ctx: Ctx,
    Sub(
        ClientEdit {
            who,
            client,
            office,
        },
        contact,
    ): Sub<ClientEdit, Contact>,
    CsrfForm(form): CsrfForm<WithdrawForm>,
) -> AppResult<Response> {
    let mut errors = FieldErrors::new();
    let reason = parse_reason(&mut errors, &form.contact_reason, true);
    if !errors.is_empty() {
        let mut page = show_page(&ctx, client, contact).await?;
        page.errors = errors;
        page.reason = form.contact_reason;
        return Ok(unprocessable(page));
    }
    let expected: i64 = form.version.trim().parse().unwrap_or(-1);
    let mut tx = ctx.app.db.begin().await?;
    let done =
        store::contacts::withdraw(&mut tx, contact.id, expected, &reason, who.id, clock::now())
            .await?;
    if !done {
        drop(tx);
        let key = if contact.status() == ContactStatus::Withdrawn {
            "contact.err.withdrawn"
        } else {
            "contact.err.stale"
        };
        let mut page = show_page(&ctx, client, contact).await?;
        page.refusal = Some(key);
        return Ok(conflict(page));
    }
    ctx.audit(Action::ContactWithdraw, &contact)
        .office(office.id)
        .detail(format!(
            "client={} version={}→{} status={}→withdrawn",
            client.id,
            contact.version,
            contact.version + 1,
            contact.status
        ))
        .write(&mut tx)
        .await?;
    tx.commit().await?;
    Ok(see_other(&format!(
        "/clients/{}/contacts/{}?n=saved",
        client.id, contact.id
    )))
}
