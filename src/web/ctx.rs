//! `Ctx`: what every handler needs about the request (language, session, signed-in staff,
//! request id, client address), and `Page`: what every template's chrome needs.

use std::sync::Arc;

use axum::{
    extract::{FromRef, FromRequestParts},
    http::{HeaderMap, header, request::Parts},
};

use crate::app::AppState;
use crate::clock;
use crate::db::{Db, Tx};
use crate::domain::audit::Action;
use crate::domain::portal::PortalPrincipal;
use crate::domain::staff::Principal;
use crate::error::AppError;
use crate::i18n::Lang;
use crate::store::{self, audit::Entry};
use crate::web::session::SessionHandle;

/// The request id, made by the outermost middleware; shown on error pages and in audit rows.
#[derive(Debug, Clone)]
pub struct RequestId(pub String);

/// The client's address (the socket peer, or X-Forwarded-For behind a trusted proxy).
#[derive(Debug, Clone)]
pub struct ClientAddr(pub String);

pub struct Ctx {
    pub app: AppState,
    pub lang: Lang,
    pub session: SessionHandle,
    pub request_id: String,
    pub address: String,
    /// Path and query of this request (for "come back here" links).
    pub path: String,
    /// A notice to show once, from the `n` query parameter of a redirect.
    pub notice: Option<&'static str>,
}

impl<S> FromRequestParts<S> for Ctx
where
    AppState: FromRef<S>,
    S: Send + Sync,
{
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let app = AppState::from_ref(state);
        let session = parts
            .extensions
            .get::<SessionHandle>()
            .cloned()
            .unwrap_or_default();
        let request_id = parts
            .extensions
            .get::<RequestId>()
            .map(|r| r.0.clone())
            .unwrap_or_default();
        let address = parts
            .extensions
            .get::<ClientAddr>()
            .map(|a| a.0.clone())
            .unwrap_or_default();
        let path = parts
            .uri
            .path_and_query()
            .map(|p| p.as_str().to_string())
            .unwrap_or_default();
        let notice = parts.uri.query().and_then(|q| {
            q.split('&')
                .find_map(|kv| kv.strip_prefix("n="))
                .and_then(notice_key)
        });
        Ok(Ctx {
            lang: lang_of(&parts.headers),
            app,
            session,
            request_id,
            address,
            path,
            notice,
        })
    }
}

/// The language chosen with the language switch (a `lang` cookie); Japanese otherwise.
pub fn lang_of(headers: &HeaderMap) -> Lang {
    lang_cookie(headers).unwrap_or(Lang::Ja)
}

/// The language of the `lang` cookie, if one is set.
pub fn lang_cookie(headers: &HeaderMap) -> Option<Lang> {
    let chosen = headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|kv| kv.trim().split_once('='))
        .find(|(k, _)| *k == "lang")
        .map(|(_, v)| v);
    match chosen {
        Some("en") => Some(Lang::En),
        Some("ja") => Some(Lang::Ja),
        _ => None,
    }
}

/// Only these notices can be shown, so a crafted link cannot put text on our pages.
fn notice_key(code: &str) -> Option<&'static str> {
    Some(match code {
        "saved" => "notice.saved",
        "created" => "notice.created",
        "deleted" => "notice.deleted",
        "setup" => "notice.setup_done",
        "signed_out" => "notice.signed_out",
        "link_sent" => "portal.login.link_sent",
        "sharing_stopped" => "portal.sharing.stopped",
        "confirmed" => "portal.reports.confirmed_notice",
        "export_purpose" => "claim.purpose.missing",
        "password" => "notice.password_changed",
        "totp_off" => "notice.totp_off",
        "totp_reset" => "notice.totp_reset",
        "totp_required" => "notice.totp_required",
        "has_clients" => "notice.office_has_clients",
        "retried" => "outbox.retried",
        "claim_locked" => "claim.locked_notice",
        "slot_booked" => "tour.slot_has_bookings",
        "removed" => "keeping.removed_notice",
        "invited" => "staff.invite.sent_notice",
        _ => return None,
    })
}

impl Ctx {
    /// The chrome for a page. The CSRF token is the session's, if any (a signed-in page
    /// always has one, for the sign-out button).
    pub fn page(&self, title_key: &'static str) -> Page {
        Page {
            lang: self.lang,
            title_key,
            staff: self.session.principal(),
            portal: self.session.portal(),
            csrf: self.session.existing_csrf().unwrap_or_default(),
            path: self.path.clone(),
            notice: self.notice,
            request_id: self.request_id.clone(),
        }
    }

    /// The chrome for a page with a form: starts a session if needed for the CSRF token.
    pub async fn form_page(&self, title_key: &'static str) -> Result<Page, AppError> {
        let csrf = self.session.csrf_token(&self.app).await?;
        let mut page = self.page(title_key);
        page.csrf = csrf;
        Ok(page)
    }

    /// An audit row for this request, by the signed-in staff member (if any):
    /// `ctx.audit(Action::TourBook, &inquiry).detail(…).write(&mut tx)`.
    pub fn audit(&self, action: Action, target: &impl AuditTarget) -> Audit {
        let target = target.audit_ref();
        let who = self.session.principal();
        // A client or employer contact has no staff id: the label names them
        // (`client:k7m2-p9qx`), and the audit page shows who that is.
        let actor_label = match (&who, self.session.portal()) {
            (Some(p), _) => p.login.clone(),
            (None, Some(portal)) => portal.actor_label(),
            (None, None) => String::new(),
        };
        Audit(
            Entry {
                at: clock::now(),
                actor_id: who.as_ref().map(|p| p.id),
                actor_label,
                action,
                target_type: target.kind,
                target_id: target.id,
                office_id: target.office_id,
                client_id: target.client_id,
                detail: String::new(),
                request_id: self.request_id.clone(),
                address: self.address.clone(),
            },
            self.app.read_log.clone(),
        )
    }
}

/// What an audit row is about: a kind of record, its id and, where it has one, its office.
#[derive(Debug, Clone)]
pub struct AuditRef {
    pub kind: &'static str,
    pub id: String,
    pub office_id: Option<i64>,
    /// The client the record belongs to (for the client's access report). A `client`
    /// reference is about that client.
    pub client_id: Option<i64>,
}

impl AuditRef {
    pub fn new(kind: &'static str, id: impl ToString) -> AuditRef {
        let id = id.to_string();
        let client_id = if kind == "client" {
            id.parse().ok()
        } else {
            None
        };
        AuditRef {
            kind,
            id,
            office_id: None,
            client_id,
        }
    }
    /// The client this record belongs to.
    pub fn client(mut self, client_id: i64) -> AuditRef {
        self.client_id = Some(client_id);
        self
    }
    pub fn office(mut self, office_id: i64) -> AuditRef {
        self.office_id = Some(office_id);
        self
    }
}

/// A record an audit row can be about.
pub trait AuditTarget {
    fn audit_ref(&self) -> AuditRef;
}

impl AuditTarget for AuditRef {
    fn audit_ref(&self) -> AuditRef {
        self.clone()
    }
}

/// An audit row being written: set its office and detail, then write it in the change's
/// transaction (`write`) or on its own for a read (`write_now`).
#[must_use = "an audit row is only recorded by write or write_now"]
pub struct Audit(Entry, Arc<store::audit::ReadLog>);

impl Audit {
    pub fn office(mut self, office_id: i64) -> Audit {
        self.0.office_id = Some(office_id);
        self
    }
    /// Who did it, when it is not the signed-in staff member: the first administrator made
    /// by the setup.
    pub fn by(mut self, staff_id: i64, login: impl Into<String>) -> Audit {
        self.0.actor_id = Some(staff_id);
        self.0.actor_label = login.into();
        self
    }
    /// Who did it, for an event without a signed-in actor (the public form: `public`; a
    /// sign-in attempt: the login typed).
    pub fn actor_label(mut self, label: impl Into<String>) -> Audit {
        self.0.actor_label = label.into();
        self
    }
    pub fn detail(mut self, detail: impl Into<String>) -> Audit {
        self.0.detail = detail.into();
        self
    }
    /// Inside the transaction of the change it records.
    pub async fn write(self, tx: &mut Tx) -> Result<(), AppError> {
        store::audit::record(tx, &self.0).await?;
        Ok(())
    }
    /// On its own: reads and sign-in events, which change nothing else.
    /// Written together with the other reads of the moment (`store::audit::ReadLog`).
    pub async fn write_now(self, db: &Db) -> Result<(), AppError> {
        self.1.write(db, &self.0).await?;
        Ok(())
    }
}

/// What the page layout (`templates/base.html`) needs.
#[derive(Debug, Clone)]
pub struct Page {
    pub lang: Lang,
    pub title_key: &'static str,
    pub staff: Option<Principal>,
    /// The client or employer contact signed in to the portal.
    pub portal: Option<PortalPrincipal>,
    pub csrf: String,
    pub path: String,
    pub notice: Option<&'static str>,
    pub request_id: String,
}

impl Page {
    /// The message for `key` in the page's language.
    pub fn t(&self, key: impl AsRef<str>) -> &'static str {
        self.lang.t(key.as_ref())
    }
    /// The label of form field `name` (the message `field.<name>`).
    pub fn label(&self, name: &str) -> &'static str {
        self.lang.t(&format!("field.{name}"))
    }
    /// The hint under form field `name`, if there is one (the message `hint.<name>`).
    pub fn hint(&self, name: &str) -> Option<&'static str> {
        self.lang.get(&format!("hint.{name}"))
    }
    /// The message with its ふりがな as `<ruby>` (escaped HTML: use with `|safe`). For the
    /// pages clients read (`crate::web::ruby`).
    pub fn r(&self, key: impl AsRef<str>) -> String {
        crate::web::ruby::ruby(self.t(key))
    }
    /// The message without its ふりがな marks (titles, attributes).
    pub fn plain(&self, key: impl AsRef<str>) -> String {
        crate::web::ruby::plain(self.t(key))
    }
    pub fn title(&self) -> &'static str {
        self.lang.t(self.title_key)
    }
    pub fn is_admin(&self) -> bool {
        self.staff.as_ref().is_some_and(|s| s.is_admin)
    }
    /// The link that switches to the other language and comes back here.
    pub fn other_lang_href(&self) -> String {
        let other = match self.lang {
            Lang::Ja => "en",
            Lang::En => "ja",
        };
        format!(
            "/lang/{other}?next={}",
            crate::web::encode_query(&self.path)
        )
    }
    pub fn other_lang_label(&self) -> &'static str {
        match self.lang {
            Lang::Ja => "English",
            Lang::En => "日本語",
        }
    }
}
