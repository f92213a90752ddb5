//! サインイン・サインアウト and changing one's own password.
//!
//! Each sign-in attempt is reserved before the password is checked, per account and per
//! address (`web::throttle::SIGN_IN_LIMITS`); past the limits the password is not even
//! checked and a clear message says to wait.

use askama::Template;
use askama_web::WebTemplate;
use axum::{
    extract::Query,
    http::StatusCode,
    response::{IntoResponse, Response},
};
use serde::Deserialize;

use crate::clock;
use crate::domain::audit::Action;
use crate::domain::fields::{FieldErrors, normalize_ascii};
use crate::domain::staff::check_new_password;
use crate::error::{AppError, AppResult};
use crate::store::{self, login_failures::Reservation};
use crate::web::{
    access::Staff,
    csrf::CsrfForm,
    ctx::{AuditRef, Ctx, Page},
    hash_password,
    platform::two_factor,
    safe_next, see_other, throttle, unprocessable, verify_password,
};

#[derive(Template, WebTemplate)]
#[template(path = "platform/login.html")]
struct LoginPage {
    page: Page,
    login: String,
    next: String,
    message: Option<&'static str>,
    errors: FieldErrors,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct LoginQuery {
    pub next: String,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct LoginForm {
    pub login: String,
    pub password: String,
    pub next: String,
}

pub async fn show_login(ctx: Ctx, Query(q): Query<LoginQuery>) -> AppResult<Response> {
    if ctx.session.principal().is_some() {
        return Ok(see_other(safe_next(&q.next)));
    }
    if !store::staff::any_exists(&ctx.app.db).await? {
        return Ok(see_other("/setup"));
    }
    let page = ctx.form_page("login.title").await?;
    Ok(LoginPage {
        page,
        login: String::new(),
        next: q.next,
        message: None,
        errors: FieldErrors::new(),
    }
    .into_response())
}

pub async fn sign_in(ctx: Ctx, CsrfForm(form): CsrfForm<LoginForm>) -> AppResult<Response> {
    let login = normalize_ascii(&form.login).to_lowercase();
    let db = &ctx.app.db;
    let refuse = |status: StatusCode, message: &'static str, page: Page| {
        (
            status,
            LoginPage {
                page,
                login: login.clone(),
                next: form.next.clone(),
                message: Some(message),
                errors: FieldErrors::new(),
            },
        )
            .into_response()
    };
    if login.is_empty() || form.password.is_empty() {
        let page = ctx.form_page("login.title").await?;
        return Ok(refuse(
            StatusCode::UNPROCESSABLE_ENTITY,
            "login.missing",
            page,
        ));
    }
    // No sign-in id holds a control character (domain::staff::parse_login), and PostgreSQL
    // could not store a NUL in the attempt's row: such an id is a failure, checked no further.
    if login.chars().any(char::is_control) || login.chars().count() > 64 {
        let page = ctx.form_page("login.title").await?;
        return Ok(refuse(StatusCode::UNAUTHORIZED, "login.failed", page));
    }
    // The attempt is counted before the password is checked, so parallel attempts cannot
    // all pass the limit (web::throttle).
    let Reservation::Reserved(attempt) = throttle::reserve_sign_in(&ctx, &login).await? else {
        ctx.audit(Action::AuthSignInThrottled, &AuditRef::new("login", &login))
            .actor_label(login.clone())
            .write_now(db)
            .await?;
        let page = ctx.form_page("login.title").await?;
        let page = refuse(StatusCode::TOO_MANY_REQUESTS, "login.throttled", page);
        return Ok(throttle::too_many_requests(page, throttle::SIGN_IN_LIMITS));
    };
    let account = store::staff::credentials(db, &login).await?;
    let ok = match verify_password(
        form.password.clone(),
        account.as_ref().map(|a| a.password_hash.clone()),
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
    let principal = match (&account, ok) {
        (Some(a), true) if a.active => store::staff::principal(db, a.id).await?,
        _ => None,
    };
    let Some(principal) = principal else {
        ctx.audit(Action::AuthSignInFailed, &AuditRef::new("login", &login))
            .actor_label(login.clone())
            .write_now(db)
            .await?;
        let page = ctx.form_page("login.title").await?;
        return Ok(refuse(StatusCode::UNAUTHORIZED, "login.failed", page));
    };
    // With two-factor on (or required), the password only opens the second step; the
    // attempt stays counted until the code is right (web::platform::two_factor).
    if let Some(second_step) = two_factor::after_password(&ctx, &principal, &form.next).await? {
        return Ok(second_step);
    }
    throttle::signed_in(&ctx, &login).await?;
    ctx.session.sign_in(&ctx.app, principal.clone()).await?;
    ctx.audit(Action::AuthSignIn, &AuditRef::new("staff", principal.id))
        .write_now(db)
        .await?;
    Ok(see_other(safe_next(&form.next)))
}

pub async fn sign_out(
    ctx: Ctx,
    CsrfForm(_): CsrfForm<Vec<(String, String)>>,
) -> AppResult<Response> {
    if let Some(who) = ctx.session.principal() {
        ctx.audit(Action::AuthSignOut, &AuditRef::new("staff", who.id))
            .write_now(&ctx.app.db)
            .await?;
    }
    ctx.session.end(&ctx.app).await?;
    Ok(see_other("/login?n=signed_out"))
}

#[derive(Template, WebTemplate)]
#[template(path = "platform/account/password.html")]
struct PasswordPage {
    page: Page,
    errors: FieldErrors,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct PasswordForm {
    pub current_password: String,
    pub password: String,
    pub password_confirm: String,
}

pub async fn show_password(ctx: Ctx, Staff(_): Staff) -> AppResult<Response> {
    Ok(PasswordPage {
        page: ctx.page("account.password_title"),
        errors: FieldErrors::new(),
    }
    .into_response())
}

pub async fn change_password(
    ctx: Ctx,
    Staff(who): Staff,
    CsrfForm(form): CsrfForm<PasswordForm>,
) -> AppResult<Response> {
    let db = &ctx.app.db;
    let mut e = FieldErrors::new();
    let current = store::staff::credentials(db, &who.login)
        .await?
        .ok_or(AppError::Forbidden)?;
    if !verify_password(form.current_password.clone(), Some(current.password_hash)).await? {
        e.add("current_password", "err.current_password");
    }
    let organization = store::organizations::find(db).await?.map(|o| o.name);
    check_new_password(
        &mut e,
        &form.password,
        &form.password_confirm,
        &[
            &who.login,
            &who.display_name,
            organization.as_deref().unwrap_or(""),
        ],
    );
    if !e.is_empty() {
        return Ok(unprocessable(PasswordPage {
            page: ctx.page("account.password_title"),
            errors: e,
        }));
    }
    let hash = hash_password(form.password).await?;
    let mut tx = db.begin().await?;
    store::staff::set_password(&mut tx, who.id, &hash, clock::now()).await?;
    ctx.audit(Action::StaffPasswordChange, &AuditRef::new("staff", who.id))
        .write(&mut tx)
        .await?;
    tx.commit().await?;
    // Other sessions of this account end; this one starts afresh.
    store::sessions::delete_for_staff(db, who.id).await?;
    ctx.session.sign_in(&ctx.app, who).await?;
    Ok(see_other("/?n=password"))
}
