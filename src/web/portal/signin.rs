//! Signing in to the portal: the invitation link (choose a passphrase), the sign-in page
//! (sign-in ID and passphrase, or a one-time link by email), and signing out.
//!
//! A one-time link is used by a POST from its page, never by opening it: mail scanners and
//! link previews open links, and must not use up an invitation. The POST uses the link
//! atomically (`store::portal::use_token`), so two taps at once sign in once.
//! Failed sign-ins are counted like staff sign-ins (`login_failures`, per sign-in ID and per
//! address, with the `portal:` prefix so the two kinds never share a count).

use askama::Template;
use askama_web::WebTemplate;
use axum::{
    extract::{Path, Query},
    http::{HeaderMap, StatusCode},
    response::{IntoResponse, Response},
};
use serde::Deserialize;

use crate::clock;
use crate::domain::audit::Action;
use crate::domain::fields::{self, FieldErrors};
use crate::domain::portal::{
    self, AccountStatus, LinkState, PASSPHRASE_MIN_CHARS, PortalPrincipal, TokenPurpose,
};
use crate::email::messages::PortalSignInLink;
use crate::error::AppResult;
use crate::store::login_failures::Reservation;
use crate::store::{
    self,
    outbox::NewMessage,
    portal::{Credentials, Owner, Token},
};
use crate::web::{
    access::{Policy, Routes},
    csrf::CsrfForm,
    ctx::{AuditRef, Ctx, Page},
    hash_password, safe_next, see_other,
    session::hash_token,
    throttle::{self, SIGN_IN_LIMITS},
    verify_password,
};

pub fn routes() -> Routes {
    Routes::new()
        .get("/invite/{token}", Policy::Token, show_link)
        .post("/invite/{token}", Policy::Token, use_link)
        .get("/portal/link/{token}", Policy::Token, show_link)
        .post("/portal/link/{token}", Policy::Token, use_link)
        .get("/portal/login", Policy::Public, show_login)
        .post("/portal/login", Policy::Public, sign_in)
        .post("/portal/login/link", Policy::Public, send_link)
        .post("/portal/logout", Policy::Public, sign_out)
}

fn throttle_key(login: &str) -> String {
    format!("portal:{login}")
}

#[derive(Template, WebTemplate)]
#[template(path = "portal/link.html")]
struct LinkPage {
    page: Page,
    /// Why the link cannot be used, or `None` when it can.
    problem: Option<&'static str>,
    purpose: &'static str,
    action: String,
    login: String,
    errors: FieldErrors,
}

/// The token in the path, if it looks like one of ours.
fn token_hash(raw: &str) -> Option<String> {
    (raw.len() == 64 && raw.bytes().all(|b| b.is_ascii_hexdigit()))
        .then(|| hash_token(&raw.to_ascii_lowercase()))
}

async fn find(ctx: &Ctx, raw: &str) -> AppResult<Option<Token>> {
    match token_hash(raw) {
        Some(hash) => Ok(store::portal::find_token(&ctx.app.db, &hash).await?),
        None => Ok(None),
    }
}

async fn login_of(ctx: &Ctx, owner: Owner) -> AppResult<String> {
    Ok(store::portal::login_of(&ctx.app.db, owner)
        .await?
        .unwrap_or_default())
}

/// The calm page for a link that cannot be used (200: nothing is wrong with the request;
/// the page says what to do).
async fn link_page(
    ctx: &Ctx,
    raw: &str,
    token: Option<&Token>,
    errors: FieldErrors,
) -> AppResult<LinkPage> {
    let now = clock::now();
    let state = token.map(|t| t.state(now)).unwrap_or(LinkState::Revoked);
    let (purpose, action) = match token.map(|t| t.purpose) {
        Some(TokenPurpose::SignIn) => ("sign_in", format!("/portal/link/{raw}")),
        _ => ("invite", format!("/invite/{raw}")),
    };
    let login = match token {
        Some(t) if state == LinkState::Usable => login_of(ctx, t.owner).await?,
        _ => String::new(),
    };
    Ok(LinkPage {
        page: ctx.form_page("portal.link.title").await?,
        problem: (state != LinkState::Usable).then_some(state.message_key()),
        purpose,
        action,
        login,
        errors,
    })
}

async fn show_link(ctx: Ctx, Path(raw): Path<String>) -> AppResult<Response> {
    let token = find(&ctx, &raw).await?;
    Ok(link_page(&ctx, &raw, token.as_ref(), FieldErrors::new())
        .await?
        .into_response())
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct PassphraseForm {
    pub passphrase: String,
    pub passphrase_confirm: String,
}

/// A portal passphrase: at least `PASSPHRASE_MIN_CHARS` characters (any script: a phrase
/// in hiragana is fine), at most 200, typed the same twice, not the sign-in ID.
pub fn check_passphrase(e: &mut FieldErrors, login: &str, pass: &str, confirm: &str) {
    let chars = pass.chars().count();
    if chars < PASSPHRASE_MIN_CHARS {
        e.add("passphrase", "portal.err.passphrase_short");
    } else if chars > 200 {
        e.add("passphrase", "portal.err.passphrase_long");
    } else if pass.chars().any(char::is_control) {
        e.add("passphrase", "portal.err.passphrase_control");
    } else if portal::normalise_login(pass) == login {
        e.add("passphrase", "portal.err.passphrase_is_login");
    } else if pass != confirm {
        e.add("passphrase_confirm", "portal.err.passphrase_mismatch");
    }
}

async fn principal_of(ctx: &Ctx, owner: Owner) -> AppResult<Option<PortalPrincipal>> {
    let db = &ctx.app.db;
    Ok(match owner {
        Owner::Client(id) => match store::portal::client_principal(db, id).await? {
            Some(c)
                if store::portal::keep_open(db, id, c.client_id, clock::today(), clock::now())
                    .await? =>
            {
                Some(PortalPrincipal::Client(c))
            }
            _ => None,
        },
        Owner::Employer(id) => store::portal::employer_principal(db, id)
            .await?
            .map(PortalPrincipal::Employer),
    })
}

fn audit_target(owner: Owner) -> AuditRef {
    match owner {
        Owner::Client(id) => AuditRef::new("client_account", id),
        Owner::Employer(id) => AuditRef::new("employer_contact", id),
    }
}

/// Uses the link: an invitation sets the passphrase and activates the account; a sign-in
/// link signs in. Either way a new portal session starts.
async fn use_link(
    ctx: Ctx,
    Path(raw): Path<String>,
    CsrfForm(form): CsrfForm<PassphraseForm>,
) -> AppResult<Response> {
    let db = &ctx.app.db;
    let now = clock::now();
    let found = find(&ctx, &raw).await?;
    let Some(token) = found.clone().filter(|t| t.state(now) == LinkState::Usable) else {
        return Ok(link_page(&ctx, &raw, found.as_ref(), FieldErrors::new())
            .await?
            .into_response());
    };
    let hash = if token.purpose == TokenPurpose::Invite {
        let login = login_of(&ctx, token.owner).await?;
        let mut e = FieldErrors::new();
        check_passphrase(&mut e, &login, &form.passphrase, &form.passphrase_confirm);
        if !e.is_empty() {
            let page = link_page(&ctx, &raw, Some(&token), e).await?;
            return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
        }
        Some(hash_password(form.passphrase).await?)
    } else {
        None
    };
    let mut tx = db.begin().await?;
    if !store::portal::use_token(&mut tx, token.id, now).await? {
        // Used by another request a moment ago.
        drop(tx);
        let token = find(&ctx, &raw).await?;
        return Ok(link_page(&ctx, &raw, token.as_ref(), FieldErrors::new())
            .await?
            .into_response());
    }
    if let Some(hash) = &hash {
        store::portal::activate(&mut tx, token.owner, hash, now).await?;
        ctx.audit(Action::PortalActivate, &audit_target(token.owner))
            .write(&mut tx)
            .await?;
    }
    tx.commit().await?;
    let Some(who) = principal_of(&ctx, token.owner).await? else {
        // A sign-in link of an account stopped since it was sent.
        return Ok(link_page(&ctx, &raw, None, FieldErrors::new())
            .await?
            .into_response());
    };
    start(&ctx, token.owner, who, "").await
}

/// Signs the person in, audits it, and sends them home (or to `next`).
async fn start(ctx: &Ctx, owner: Owner, who: PortalPrincipal, next: &str) -> AppResult<Response> {
    let home = who.home();
    ctx.session.sign_in_portal(&ctx.app, who).await?;
    store::portal::touch_sign_in(&ctx.app.db, owner, clock::now()).await?;
    ctx.audit(Action::PortalSignIn, &audit_target(owner))
        .write_now(&ctx.app.db)
        .await?;
    let next = safe_next(next);
    let portal_next = next.starts_with(home);
    Ok(see_other(if portal_next { next } else { home }))
}

#[derive(Template, WebTemplate)]
#[template(path = "portal/login.html")]
struct LoginPage {
    page: Page,
    login: String,
    email: String,
    next: String,
    message: Option<&'static str>,
    errors: FieldErrors,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct LoginQuery {
    pub next: String,
}

async fn show_login(ctx: Ctx, Query(q): Query<LoginQuery>) -> AppResult<Response> {
    if let Some(who) = ctx.session.portal() {
        return Ok(see_other(who.home()));
    }
    Ok(LoginPage {
        page: ctx.form_page("portal.login.title").await?,
        login: String::new(),
        email: String::new(),
        next: q.next,
        message: None,
        errors: FieldErrors::new(),
    }
    .into_response())
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct LoginForm {
    pub login: String,
    pub passphrase: String,
    pub next: String,
}

async fn sign_in(ctx: Ctx, CsrfForm(form): CsrfForm<LoginForm>) -> AppResult<Response> {
    let db = &ctx.app.db;
    let login = portal::normalise_login(&form.login);
    let refuse = |status: StatusCode, message: &'static str, page: Page| {
        (
            status,
            LoginPage {
                page,
                login: login.clone(),
                email: String::new(),
                next: form.next.clone(),
                message: Some(message),
                errors: FieldErrors::new(),
            },
        )
            .into_response()
    };
    if login.is_empty() || form.passphrase.is_empty() {
        let page = ctx.form_page("portal.login.title").await?;
        return Ok(refuse(
            StatusCode::UNPROCESSABLE_ENTITY,
            "portal.login.missing",
            page,
        ));
    }
    // The attempt is reserved before the passphrase is checked, so concurrent attempts
    // cannot all pass; the same limits as staff sign-in.
    let key = throttle_key(&login);
    let Reservation::Reserved(attempt) = throttle::reserve_sign_in(&ctx, &key).await? else {
        ctx.audit(Action::PortalSignInThrottled, &AuditRef::new("login", &key))
            .actor_label(key.clone())
            .write_now(db)
            .await?;
        let page = ctx.form_page("portal.login.title").await?;
        let refused = refuse(StatusCode::OK, "portal.login.throttled", page);
        return Ok(throttle::too_many_requests(refused, SIGN_IN_LIMITS));
    };
    let account = store::portal::credentials_by_login(db, &login).await?;
    let ok = match verify_password(
        form.passphrase.clone(),
        account.as_ref().and_then(|a| a.passphrase_hash.clone()),
    )
    .await
    {
        Ok(ok) => ok,
        Err(e) => {
            // Not checked (hashing at its bound, web::hashing): the attempt does not count.
            store::login_failures::release(db, attempt).await?;
            return Err(e);
        }
    };
    let who = match (&account, ok) {
        (Some(a), true) if a.status.may_sign_in() => principal_of(&ctx, a.owner).await?,
        _ => None,
    };
    let (Some(who), Some(account)) = (who, account) else {
        ctx.audit(Action::PortalSignInFailed, &AuditRef::new("login", &key))
            .actor_label(key.clone())
            .write_now(db)
            .await?;
        let page = ctx.form_page("portal.login.title").await?;
        return Ok(refuse(
            StatusCode::UNAUTHORIZED,
            "portal.login.failed",
            page,
        ));
    };
    throttle::signed_in(&ctx, &key).await?;
    start(&ctx, account.owner, who, &form.next).await
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct LinkForm {
    pub email: String,
}

/// Sends a one-time sign-in link to every active account with this email. The answer is
/// the same whether or not there is one, so the page tells nobody who has an account.
async fn send_link(
    ctx: Ctx,
    headers: HeaderMap,
    CsrfForm(form): CsrfForm<LinkForm>,
) -> AppResult<Response> {
    let db = &ctx.app.db;
    let now = clock::now();
    let mut e = FieldErrors::new();
    let email = fields::email(&mut e, "email", &form.email, true);
    if !e.is_empty() {
        return Ok((
            StatusCode::UNPROCESSABLE_ENTITY,
            LoginPage {
                page: ctx.form_page("portal.login.title").await?,
                login: String::new(),
                email: form.email,
                next: String::new(),
                message: None,
                errors: e,
            },
        )
            .into_response());
    }
    // Counted per address like failed sign-ins: a link request costs an email.
    let key = throttle_key(&format!("link:{email}"));
    if throttle::reserve_sign_in(&ctx, &key).await? != Reservation::Throttled {
        let accounts: Vec<Credentials> = store::portal::credentials_by_email(db, &email)
            .await?
            .into_iter()
            .filter(|a| a.status == AccountStatus::Active)
            .collect();
        let base = crate::web::public_base(&ctx, &headers);
        for account in accounts {
            let token = crate::web::session::random_token();
            let url = format!("{base}/portal/link/{token}");
            let mail = PortalSignInLink {
                url,
                minutes: portal::SIGN_IN_LINK_MINUTES,
            }
            .render(ctx.lang)
            .map_err(|e| crate::error::AppError::Internal(e.into()))?;
            let mut tx = db.begin().await?;
            store::portal::insert_token(
                &mut tx,
                TokenPurpose::SignIn,
                account.owner,
                &hash_token(&token),
                None,
                now,
            )
            .await?;
            store::outbox::insert(
                &mut tx,
                &NewMessage {
                    to_address: &email,
                    subject: &mail.subject,
                    body_text: &mail.body,
                    related_type: Some("portal_sign_in"),
                    related_id: None,
                    not_before: None,
                },
                now,
            )
            .await?;
            ctx.audit(Action::PortalSignInLink, &audit_target(account.owner))
                .actor_label(throttle_key(&account.login))
                .write(&mut tx)
                .await?;
            tx.commit().await?;
        }
    }
    Ok(see_other("/portal/login?n=link_sent"))
}

async fn sign_out(ctx: Ctx, CsrfForm(_): CsrfForm<Vec<(String, String)>>) -> AppResult<Response> {
    // The portal's sign-out never ends a staff session (that is `/logout`).
    if ctx.session.principal().is_some() {
        return Ok(see_other("/"));
    }
    if let Some(who) = ctx.session.portal() {
        let target = match &who {
            PortalPrincipal::Client(c) => AuditRef::new("client_account", c.account_id),
            PortalPrincipal::Employer(e) => AuditRef::new("employer_contact", e.contact_id),
        };
        ctx.audit(Action::PortalSignOut, &target)
            .write_now(&ctx.app.db)
            .await?;
    }
    ctx.session.end(&ctx.app).await?;
    Ok(see_other("/portal/login?n=signed_out"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passphrases() {
        let check = |p: &str, c: &str| {
            let mut e = FieldErrors::new();
            check_passphrase(&mut e, "abcd-efgh", p, c);
            e.iter()
                .map(|(f, k)| format!("{f}:{k}"))
                .collect::<Vec<_>>()
        };
        assert!(check("あさごはんをたべる", "あさごはんをたべる").is_empty());
        assert_eq!(
            check("みじかい", "みじかい"),
            ["passphrase:portal.err.passphrase_short"]
        );
        assert_eq!(
            check("abcdefgh", "abcdefgh"),
            ["passphrase:portal.err.passphrase_is_login"]
        );
        assert_eq!(
            check("あさごはんをたべる", "あさごはん"),
            ["passphrase_confirm:portal.err.passphrase_mismatch"]
        );
        assert_eq!(
            check("line\nbreak pass", "line\nbreak pass"),
            ["passphrase:portal.err.passphrase_control"]
        );
        let long = "あ".repeat(201);
        assert_eq!(
            check(&long, &long),
            ["passphrase:portal.err.passphrase_long"]
        );
    }

    #[test]
    fn only_well_formed_tokens_are_looked_up() {
        assert!(token_hash("../../etc").is_none());
        assert!(token_hash(&"a".repeat(63)).is_none());
        assert!(token_hash(&"a".repeat(64)).is_some());
        assert_eq!(token_hash(&"A".repeat(64)), token_hash(&"a".repeat(64)));
    }
}
