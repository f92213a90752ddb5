//! Sessions: a random token in an HttpOnly, SameSite=Lax cookie (Secure over HTTPS), and a
//! row in `sessions` keyed by the token's SHA-256. A session is created only when a page
//! needs one (a form's CSRF token, or sign-in); sign-in always starts a new session id.
//! A session ends after `TEICHAKU_SESSION_IDLE_MINUTES` without a request, and at most
//! `ABSOLUTE_HOURS` after it began.

use std::sync::{Arc, Mutex, MutexGuard};

use axum::{
    extract::{Request, State},
    http::{HeaderValue, header},
    middleware::Next,
    response::Response,
};
use sha2::{Digest, Sha256};
use time::{Duration, OffsetDateTime};

use crate::app::AppState;
use crate::clock;
use crate::domain::portal::PortalPrincipal;
use crate::domain::staff::Principal;
use crate::store::{
    self,
    portal::Owner,
    sessions::{Kind, Session},
};

pub const COOKIE: &str = "teichaku_session";
/// However active, a session ends this long after sign-in.
pub const ABSOLUTE_HOURS: i64 = 12;
/// `last_seen_at` is written at most this often, to keep reads cheap.
const TOUCH_EVERY_SECONDS: i64 = 60;

#[derive(Default)]
struct State_ {
    row: Option<Session>,
    principal: Option<Principal>,
    /// A client or employer contact signed in to the portal (never together with staff).
    portal: Option<PortalPrincipal>,
    /// A token to send in Set-Cookie with the response.
    new_token: Option<String>,
    /// Send an expired cookie with the response.
    clear: bool,
}

/// The request's session, shared between the middleware and the handler.
#[derive(Clone, Default)]
pub struct SessionHandle(Arc<Mutex<State_>>);

impl SessionHandle {
    fn lock(&self) -> MutexGuard<'_, State_> {
        self.0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    pub fn principal(&self) -> Option<Principal> {
        self.lock().principal.clone()
    }

    /// The client or employer contact signed in to the portal, if that is who it is.
    pub fn portal(&self) -> Option<PortalPrincipal> {
        self.lock().portal.clone()
    }

    /// The id (token hash) of the current session, if there is one: what rows bound to a
    /// session, such as a sign-in waiting for its second step (`store::totp`), refer to.
    pub fn id(&self) -> Option<String> {
        self.lock().row.as_ref().map(|r| r.id.clone())
    }

    /// The CSRF token of the current session, if there is a session.
    pub fn existing_csrf(&self) -> Option<String> {
        self.lock().row.as_ref().map(|r| r.csrf_token.clone())
    }

    /// The CSRF token for a form, starting an anonymous session if there is none yet.
    pub async fn csrf_token(&self, app: &AppState) -> Result<String, sqlx::Error> {
        if let Some(t) = self.existing_csrf() {
            return Ok(t);
        }
        self.start(app, Kind::Anonymous, None, None).await
    }

    /// Signs a staff member in: the old session (if any) is deleted and a new id issued, so a
    /// token planted before sign-in is worthless after it.
    pub async fn sign_in(&self, app: &AppState, principal: Principal) -> Result<(), sqlx::Error> {
        self.end(app).await?;
        self.start(app, Kind::Staff(principal.id), Some(principal), None)
            .await?;
        Ok(())
    }

    /// Signs a client or an employer contact in to the portal, on a new session id.
    pub async fn sign_in_portal(
        &self,
        app: &AppState,
        who: PortalPrincipal,
    ) -> Result<(), sqlx::Error> {
        self.end(app).await?;
        let kind = match &who {
            PortalPrincipal::Client(c) => Kind::Portal(Owner::Client(c.account_id)),
            PortalPrincipal::Employer(e) => Kind::Portal(Owner::Employer(e.contact_id)),
        };
        self.start(app, kind, None, Some(who)).await?;
        Ok(())
    }

    /// Ends the session and clears the cookie.
    pub async fn end(&self, app: &AppState) -> Result<(), sqlx::Error> {
        let old = {
            let mut s = self.lock();
            s.principal = None;
            s.portal = None;
            s.clear = true;
            s.new_token = None;
            s.row.take()
        };
        if let Some(row) = old {
            store::sessions::delete(&app.db, &row.id).await?;
        }
        Ok(())
    }

    async fn start(
        &self,
        app: &AppState,
        kind: Kind,
        principal: Option<Principal>,
        portal: Option<PortalPrincipal>,
    ) -> Result<String, sqlx::Error> {
        let token = random_token();
        let csrf = random_token();
        let now = clock::now();
        let id = hash_token(&token);
        let expires_at = now + Duration::hours(ABSOLUTE_HOURS);
        store::sessions::insert(&app.db, &id, kind, &csrf, now, expires_at).await?;
        let mut s = self.lock();
        s.row = Some(Session {
            id,
            kind,
            csrf_token: csrf.clone(),
            last_seen_at: now,
            expires_at,
        });
        s.principal = principal;
        s.portal = portal;
        s.new_token = Some(token);
        s.clear = false;
        Ok(csrf)
    }
}

/// 32 random bytes as hex.
pub fn random_token() -> String {
    let mut bytes = [0u8; 32];
    // The OS random source failing is not something we can serve through.
    getrandom::fill(&mut bytes).expect("OS random number generator");
    hex::encode(bytes)
}

/// The SHA-256 of a token as hex: what the database keeps instead of the token (sessions,
/// calendar feeds).
pub fn hash_token(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

fn cookie_value(headers: &axum::http::HeaderMap) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == COOKIE)
        .map(|(_, value)| value.to_string())
}

/// Loads the session named by the cookie (if valid) into a [`SessionHandle`] for the handler,
/// and writes the cookie changes the handler asked for.
pub async fn middleware(State(app): State<AppState>, mut req: Request, next: Next) -> Response {
    let handle = SessionHandle::default();
    let secure = app.config.https()
        || (app.config.trust_proxy
            && req
                .headers()
                .get("x-forwarded-proto")
                .and_then(|v| v.to_str().ok())
                == Some("https"));
    if let Some(token) = cookie_value(req.headers()) {
        match load(&app, &token).await {
            Ok(Some((row, principal, portal))) => {
                let mut s = handle.lock();
                s.row = Some(row);
                s.principal = principal;
                s.portal = portal;
            }
            Ok(None) => handle.lock().clear = true,
            Err(e) => tracing::error!(error = ?e, "loading the session failed"),
        }
    }
    req.extensions_mut().insert(handle.clone());
    let mut response = next.run(req).await;
    let (new_token, clear) = {
        let s = handle.lock();
        (s.new_token.clone(), s.clear)
    };
    let secure = if secure { "; Secure" } else { "" };
    let cookie = match (new_token, clear) {
        (Some(token), _) => Some(format!(
            "{COOKIE}={token}; Path=/; HttpOnly; SameSite=Lax{secure}"
        )),
        (None, true) => Some(format!(
            "{COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0{secure}"
        )),
        _ => None,
    };
    if let Some(cookie) = cookie.and_then(|c| HeaderValue::from_str(&c).ok()) {
        response.headers_mut().append(header::SET_COOKIE, cookie);
    }
    response
}

type Loaded = (Session, Option<Principal>, Option<PortalPrincipal>);

async fn load(app: &AppState, token: &str) -> Result<Option<Loaded>, sqlx::Error> {
    if token.len() != 64 || !token.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Ok(None);
    }
    let id = hash_token(token);
    let Some(row) = store::sessions::find(&app.db, &id).await? else {
        return Ok(None);
    };
    let now = clock::now();
    let idle = Duration::minutes(app.config.session_idle_minutes);
    if row.expires_at <= now || idle_expired(row.last_seen_at, now, idle) {
        store::sessions::delete(&app.db, &id).await?;
        return Ok(None);
    }
    // Whoever the session is for must still be allowed in: a deactivated staff member, a
    // revoked or closed portal account ends the session with it.
    let (principal, portal) = match row.kind {
        Kind::Anonymous => (None, None),
        Kind::Staff(staff_id) => (store::staff::principal(&app.db, staff_id).await?, None),
        Kind::Portal(Owner::Client(account_id)) => {
            let client = store::portal::client_principal(&app.db, account_id).await?;
            let open = match &client {
                Some(c) => {
                    store::portal::keep_open(&app.db, account_id, c.client_id, clock::today(), now)
                        .await?
                }
                None => false,
            };
            (None, client.filter(|_| open).map(PortalPrincipal::Client))
        }
        Kind::Portal(Owner::Employer(contact_id)) => (
            None,
            store::portal::employer_principal(&app.db, contact_id)
                .await?
                .map(PortalPrincipal::Employer),
        ),
    };
    if row.kind != Kind::Anonymous && principal.is_none() && portal.is_none() {
        store::sessions::delete(&app.db, &id).await?;
        return Ok(None);
    }
    if touch_due(row.last_seen_at, now, idle) {
        store::sessions::touch(&app.db, &id, now).await?;
    }
    Ok(Some((row, principal, portal)))
}

/// How stale `last_seen_at` may be: it is written when it is this old, a quarter of the idle
/// time but at most `TOUCH_EVERY_SECONDS`.
fn touch_window(idle: Duration) -> Duration {
    std::cmp::min(Duration::seconds(TOUCH_EVERY_SECONDS), idle / 4)
}

/// Whether a session whose `last_seen_at` is `last_seen` has been idle for `idle` at `now`.
/// The last request may be up to the touch window later than `last_seen_at`, so the window
/// is added: an active session is never ended early, an idle one at most a window late.
fn idle_expired(last_seen: OffsetDateTime, now: OffsetDateTime, idle: Duration) -> bool {
    last_seen + idle + touch_window(idle) <= now
}

/// Whether this request writes `last_seen_at` (not on every request, to keep reads cheap).
fn touch_due(last_seen: OffsetDateTime, now: OffsetDateTime, idle: Duration) -> bool {
    now - last_seen >= touch_window(idle)
}

#[cfg(test)]
mod idle_tests {
    use super::*;
    use time::macros::datetime;

    /// With a 1-minute idle setting, someone making a request every 15 s stays signed in
    /// (#18: they were signed out at 60 s, the expiry being checked against a `last_seen_at`
    /// written only every 60 s); once they stop, the session ends soon after the minute.
    #[test]
    fn an_active_session_is_never_ended_early() {
        let start = datetime!(2026-12-01 09:00 UTC);
        for (idle_minutes, every_seconds) in [(1, 15), (1, 59), (2, 30), (30, 45), (30, 1799)] {
            let idle = Duration::minutes(idle_minutes);
            let mut last_seen = start;
            let mut now = start;
            for _ in 0..100 {
                now += Duration::seconds(every_seconds);
                assert!(
                    !idle_expired(last_seen, now, idle),
                    "idle {idle_minutes} min, a request every {every_seconds} s: signed out at {}",
                    now - start
                );
                if touch_due(last_seen, now, idle) {
                    last_seen = now;
                }
            }
            // Stopped: still valid just within the idle time, ended within a quarter of it
            // (at most a minute) after it.
            let last = now;
            assert!(!idle_expired(
                last_seen,
                last + idle - Duration::seconds(1),
                idle
            ));
            let grace = std::cmp::min(Duration::minutes(1), idle / 4);
            assert!(idle_expired(last_seen, last + idle + grace, idle));
        }
    }
}
