//! Two-factor sign-in for staff (#16): setting it up from the account page (a QR code and
//! the secret as text, confirmed with a current code, then recovery codes shown once),
//! turning it off with a current code, and the second step of a sign-in.
//!
//! After a right password, an account with two-factor gets an anonymous session with a
//! `totp_pending` row, which is not a staff principal: no staff page opens until the code
//! is right. Each code tried reserves an attempt of the sign-in throttle under the
//! account's key (the same counter as the password), and a code's time step is accepted
//! once (`store::totp::accept_step`). When the organisation requires two-factor, someone
//! without it is sent from the password straight to setting it up, and is signed in only
//! once it is on.

use askama::Template;
use askama_web::WebTemplate;
use axum::{
    http::StatusCode,
    response::{IntoResponse, Response},
};
use serde::Deserialize;
use time::Duration;

use crate::clock;
use crate::domain::audit::Action;
use crate::domain::fields::FieldErrors;
use crate::domain::staff::Principal;
use crate::domain::totp::{self, Entered};
use crate::error::{AppError, AppResult};
use crate::store::{
    self,
    login_failures::Reservation,
    totp::{Pending, Purpose},
};
use crate::web::{
    access::{Admin, Staff, StaffAdmin},
    csrf::CsrfForm,
    ctx::{AuditRef, Ctx, Page},
    portal::accounts::qr_svg,
    safe_next, see_other,
    session::hash_token,
    throttle, unprocessable,
};

/// How long a sign-in may wait for its second step after the password.
const PENDING_MINUTES: i64 = 10;
/// The issuer shown in authenticator apps.
const ISSUER: &str = "Teichaku";

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct CodeForm {
    pub code: String,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct RequireForm {
    pub require: String,
}

// ---- Setting up, from the account page or (when required) right after the password ----

#[derive(Template, WebTemplate)]
#[template(path = "platform/account/two_factor.html")]
struct SetupPage {
    page: Page,
    /// Where the confirming form posts.
    action: &'static str,
    /// Set up already: the page offers to turn it off instead.
    enabled: bool,
    recovery_left: i64,
    required: bool,
    secret: String,
    /// The secret grouped by four for reading.
    secret_spaced: String,
    qr: String,
    errors: FieldErrors,
}

#[derive(Template, WebTemplate)]
#[template(path = "platform/account/recovery_codes.html")]
struct RecoveryPage {
    page: Page,
    codes: Vec<String>,
    next: String,
}

fn spaced(secret: &str) -> String {
    secret
        .as_bytes()
        .chunks(4)
        .map(|c| String::from_utf8_lossy(c).into_owned())
        .collect::<Vec<_>>()
        .join(" ")
}

fn random_bytes<const N: usize>() -> AppResult<[u8; N]> {
    let mut bytes = [0u8; N];
    getrandom::fill(&mut bytes).map_err(|e| AppError::Internal(anyhow::anyhow!("{e}")))?;
    Ok(bytes)
}

/// The setup page for `staff_id` (`login` names the account in the app). A secret is made
/// when none is being set up; one being set up is shown again (a reloaded page or a form
/// with its message keeps what the app has already scanned).
async fn setup_page(
    ctx: &Ctx,
    staff_id: i64,
    login: &str,
    action: &'static str,
    errors: FieldErrors,
) -> AppResult<SetupPage> {
    let db = &ctx.app.db;
    let page = ctx.form_page("totp.title").await?;
    let required = store::totp::required(db).await?;
    let current = store::totp::find(db, staff_id).await?;
    if current.as_ref().is_some_and(|t| t.enabled_at.is_some()) {
        return Ok(SetupPage {
            page,
            action,
            enabled: true,
            recovery_left: store::totp::recovery_codes_left(db, staff_id).await?,
            required,
            secret: String::new(),
            secret_spaced: String::new(),
            qr: String::new(),
            errors,
        });
    }
    let secret = match current {
        Some(t) => t.secret,
        None => {
            let secret = totp::secret_from(random_bytes()?);
            store::totp::begin_setup(db, staff_id, &secret, clock::now()).await?;
            secret
        }
    };
    let organization = store::organizations::find(db).await?.map(|o| o.name);
    let issuer = organization.unwrap_or_else(|| ISSUER.to_string());
    let url = totp::totp(&secret, &issuer, login)
        .and_then(|t| t.to_url().ok())
        .ok_or_else(|| AppError::Internal(anyhow::anyhow!("TOTP URL")))?;
    Ok(SetupPage {
        page,
        action,
        enabled: false,
        recovery_left: 0,
        required,
        secret_spaced: spaced(&secret),
        secret,
        qr: qr_svg(&url)?,
        errors,
    })
}

/// Checks the confirming code and turns two-factor on: `Ok(codes)` with the new recovery
/// codes, or `Err(errors)` for the form.
async fn confirm(
    ctx: &Ctx,
    staff_id: i64,
    login: &str,
    code: &str,
) -> AppResult<Result<Vec<String>, FieldErrors>> {
    let db = &ctx.app.db;
    let mut e = FieldErrors::new();
    let Some(current) = store::totp::find(db, staff_id)
        .await?
        .filter(|t| t.enabled_at.is_none())
    else {
        e.add("code", "err.totp_setup_expired");
        return Ok(Err(e));
    };
    let step = match totp::parse_entered(code) {
        Entered::Nothing => {
            e.add("code", "err.totp_code_missing");
            None
        }
        Entered::Code(c) => {
            let s = totp::check_code(&current.secret, &c, now_unix());
            if s.is_none() {
                e.add("code", "err.totp_code_wrong");
            }
            s
        }
        Entered::Recovery(_) => {
            e.add("code", "err.totp_code_wrong");
            None
        }
    };
    let Some(step) = step else {
        return Ok(Err(e));
    };
    let codes: Vec<String> = (0..totp::RECOVERY_CODES)
        .map(|_| random_bytes().map(totp::recovery_code_from))
        .collect::<AppResult<_>>()?;
    let hashes: Vec<String> = codes.iter().map(|c| hash_token(c)).collect();
    let mut tx = db.begin().await?;
    if !store::totp::enable(&mut tx, staff_id, step as i64, &hashes, clock::now()).await? {
        e.add("code", "err.totp_setup_expired");
        return Ok(Err(e));
    }
    ctx.audit(Action::TotpEnable, &AuditRef::new("staff", staff_id))
        .actor_label(login.to_string())
        .write(&mut tx)
        .await?;
    tx.commit().await?;
    Ok(Ok(codes))
}

fn now_unix() -> u64 {
    u64::try_from(clock::now().unix_timestamp()).unwrap_or(0)
}

pub async fn show_two_factor(ctx: Ctx, Staff(who): Staff) -> AppResult<Response> {
    Ok(setup_page(
        &ctx,
        who.id,
        &who.login,
        "/account/two-factor",
        FieldErrors::new(),
    )
    .await?
    .into_response())
}

pub async fn enable_two_factor(
    ctx: Ctx,
    Staff(who): Staff,
    CsrfForm(form): CsrfForm<CodeForm>,
) -> AppResult<Response> {
    match confirm(&ctx, who.id, &who.login, &form.code).await? {
        Ok(codes) => Ok(RecoveryPage {
            page: ctx.page("totp.recovery_title"),
            codes,
            next: "/account/two-factor".into(),
        }
        .into_response()),
        Err(e) => Ok(unprocessable(
            setup_page(&ctx, who.id, &who.login, "/account/two-factor", e).await?,
        )),
    }
}

/// Turning two-factor off needs a current code (or a recovery code).
pub async fn disable_two_factor(
    ctx: Ctx,
    Staff(who): Staff,
    CsrfForm(form): CsrfForm<CodeForm>,
) -> AppResult<Response> {
    let db = &ctx.app.db;
    let mut e = FieldErrors::new();
    let entered = !matches!(totp::parse_entered(&form.code), Entered::Nothing);
    // Guessing codes from a signed-in session is limited like the sign-in itself.
    if entered && throttle::reserve_sign_in(&ctx, &who.login).await? == Reservation::Throttled {
        e.add("code", "login.throttled");
        let page = setup_page(&ctx, who.id, &who.login, "/account/two-factor", e).await?;
        return Ok(throttle::too_many_requests(page, throttle::SIGN_IN_LIMITS));
    }
    match check_second_factor(&ctx, who.id, &form.code).await? {
        Check::Ok { .. } => {
            throttle::signed_in(&ctx, &who.login).await?;
            let mut tx = db.begin().await?;
            if store::totp::remove(&mut tx, who.id).await? {
                ctx.audit(Action::TotpDisable, &AuditRef::new("staff", who.id))
                    .write(&mut tx)
                    .await?;
            }
            tx.commit().await?;
            return Ok(see_other("/account/two-factor?n=totp_off"));
        }
        Check::Missing => e.add("code", "err.totp_code_missing"),
        Check::Replayed => e.add("code", "err.totp_code_used"),
        Check::Wrong => e.add("code", "err.totp_code_wrong"),
    }
    Ok(unprocessable(
        setup_page(&ctx, who.id, &who.login, "/account/two-factor", e).await?,
    ))
}

// ---- The second step of a sign-in ----

enum Check {
    Ok { recovery: bool },
    Missing,
    Wrong,
    Replayed,
}

/// Checks a code or a recovery code of the staff member with two-factor on, using it up.
async fn check_second_factor(ctx: &Ctx, staff_id: i64, input: &str) -> AppResult<Check> {
    let db = &ctx.app.db;
    let Some(t) = store::totp::find(db, staff_id)
        .await?
        .filter(|t| t.enabled_at.is_some())
    else {
        return Ok(Check::Wrong);
    };
    Ok(match totp::parse_entered(input) {
        Entered::Nothing => Check::Missing,
        Entered::Code(c) => match totp::check_code(&t.secret, &c, now_unix()) {
            None => Check::Wrong,
            Some(step) => {
                if store::totp::accept_step(db, staff_id, step as i64).await? {
                    Check::Ok { recovery: false }
                } else {
                    Check::Replayed
                }
            }
        },
        Entered::Recovery(r) => {
            if store::totp::use_recovery_code(db, staff_id, &hash_token(&r), clock::now()).await? {
                Check::Ok { recovery: true }
            } else {
                Check::Wrong
            }
        }
    })
}

/// Called by the sign-in once the password is right: `None` if the person may be signed in
/// now, or the redirect to the second step (the session is then an anonymous one bound to
/// a `totp_pending` row).
pub async fn after_password(
    ctx: &Ctx,
    principal: &Principal,
    next: &str,
) -> AppResult<Option<Response>> {
    let db = &ctx.app.db;
    let purpose = if store::totp::is_enabled(db, principal.id).await? {
        Purpose::Code
    } else if store::totp::required(db).await? {
        Purpose::Enroll
    } else {
        return Ok(None);
    };
    // A new session id, as at any sign-in; it is anonymous until the second step.
    ctx.session.end(&ctx.app).await?;
    ctx.session.csrf_token(&ctx.app).await?;
    let session_id = ctx
        .session
        .id()
        .ok_or_else(|| AppError::Internal(anyhow::anyhow!("no session")))?;
    store::totp::insert_pending(
        db,
        &session_id,
        principal.id,
        purpose,
        safe_next(next),
        clock::now(),
    )
    .await?;
    Ok(Some(see_other(match purpose {
        Purpose::Code => "/login/two-factor",
        Purpose::Enroll => "/login/two-factor/setup",
    })))
}

/// The sign-in waiting in this session for `purpose`, if it has not expired.
async fn pending(ctx: &Ctx, purpose: Purpose) -> AppResult<Option<(String, Pending)>> {
    let Some(session_id) = ctx.session.id() else {
        return Ok(None);
    };
    let Some(p) = store::totp::find_pending(&ctx.app.db, &session_id).await? else {
        return Ok(None);
    };
    if p.purpose != purpose || p.created_at + Duration::minutes(PENDING_MINUTES) <= clock::now() {
        return Ok(None);
    }
    Ok(Some((session_id, p)))
}

#[derive(Template, WebTemplate)]
#[template(path = "platform/login_two_factor.html")]
struct SecondStepPage {
    page: Page,
    /// No sign-in is waiting (never started, expired, or already done).
    expired: bool,
    message: Option<&'static str>,
    errors: FieldErrors,
}

async fn expired_page(ctx: &Ctx, status: StatusCode) -> AppResult<Response> {
    Ok((
        status,
        SecondStepPage {
            page: ctx.page("totp.step_title"),
            expired: true,
            message: None,
            errors: FieldErrors::new(),
        },
    )
        .into_response())
}

pub async fn show_second_step(ctx: Ctx) -> AppResult<Response> {
    if pending(&ctx, Purpose::Code).await?.is_none() {
        return expired_page(&ctx, StatusCode::OK).await;
    }
    Ok(SecondStepPage {
        page: ctx.form_page("totp.step_title").await?,
        expired: false,
        message: None,
        errors: FieldErrors::new(),
    }
    .into_response())
}

pub async fn submit_second_step(
    ctx: Ctx,
    CsrfForm(form): CsrfForm<CodeForm>,
) -> AppResult<Response> {
    let db = &ctx.app.db;
    let Some((session_id, p)) = pending(&ctx, Purpose::Code).await? else {
        return expired_page(&ctx, StatusCode::CONFLICT).await;
    };
    let Some(staff) = store::staff::find(db, p.staff_id).await? else {
        return expired_page(&ctx, StatusCode::CONFLICT).await;
    };
    let form_again =
        |ctx: &Ctx, message: Option<&'static str>, errors: FieldErrors| SecondStepPage {
            page: ctx.page("totp.step_title"),
            expired: false,
            message,
            errors,
        };
    if matches!(totp::parse_entered(&form.code), Entered::Nothing) {
        let mut e = FieldErrors::new();
        e.add("code", "err.totp_code_missing");
        return Ok(unprocessable(form_again(&ctx, None, e)));
    }
    // Counted before the code is checked, under the same key as the password (web::throttle).
    if throttle::reserve_sign_in(&ctx, &staff.login).await? == Reservation::Throttled {
        ctx.audit(
            Action::AuthSignInThrottled,
            &AuditRef::new("staff", staff.id),
        )
        .actor_label(staff.login.clone())
        .write_now(db)
        .await?;
        let page = form_again(&ctx, Some("login.throttled"), FieldErrors::new());
        return Ok(throttle::too_many_requests(page, throttle::SIGN_IN_LIMITS));
    }
    let mut e = FieldErrors::new();
    let recovery = match check_second_factor(&ctx, staff.id, &form.code).await? {
        Check::Ok { recovery } => recovery,
        Check::Missing => {
            e.add("code", "err.totp_code_missing");
            false
        }
        Check::Replayed => {
            e.add("code", "err.totp_code_used");
            false
        }
        Check::Wrong => {
            e.add("code", "err.totp_code_wrong");
            false
        }
    };
    if !e.is_empty() {
        ctx.audit(
            Action::SignInSecondFactorFailed,
            &AuditRef::new("staff", staff.id),
        )
        .actor_label(staff.login.clone())
        .write_now(db)
        .await?;
        return Ok(unprocessable(form_again(&ctx, None, e)));
    }
    let Some(principal) = store::staff::principal(db, staff.id).await? else {
        return expired_page(&ctx, StatusCode::CONFLICT).await;
    };
    store::totp::delete_pending(db, &session_id).await?;
    throttle::signed_in(&ctx, &staff.login).await?;
    ctx.session.sign_in(&ctx.app, principal.clone()).await?;
    if recovery {
        ctx.audit(
            Action::RecoveryCodeUsed,
            &AuditRef::new("staff", principal.id),
        )
        .write_now(db)
        .await?;
    }
    ctx.audit(Action::AuthSignIn, &AuditRef::new("staff", principal.id))
        .write_now(db)
        .await?;
    Ok(see_other(safe_next(&p.next)))
}

// ---- Setting up when the organisation requires it (before being signed in) ----

pub async fn show_required_setup(ctx: Ctx) -> AppResult<Response> {
    let Some((_, p)) = pending(&ctx, Purpose::Enroll).await? else {
        return expired_page(&ctx, StatusCode::OK).await;
    };
    let Some(staff) = store::staff::find(&ctx.app.db, p.staff_id).await? else {
        return expired_page(&ctx, StatusCode::OK).await;
    };
    Ok(setup_page(
        &ctx,
        staff.id,
        &staff.login,
        "/login/two-factor/setup",
        FieldErrors::new(),
    )
    .await?
    .into_response())
}

pub async fn enable_required_setup(
    ctx: Ctx,
    CsrfForm(form): CsrfForm<CodeForm>,
) -> AppResult<Response> {
    let db = &ctx.app.db;
    let Some((session_id, p)) = pending(&ctx, Purpose::Enroll).await? else {
        return expired_page(&ctx, StatusCode::CONFLICT).await;
    };
    let Some(staff) = store::staff::find(db, p.staff_id).await? else {
        return expired_page(&ctx, StatusCode::CONFLICT).await;
    };
    let codes = match confirm(&ctx, staff.id, &staff.login, &form.code).await? {
        Ok(codes) => codes,
        Err(e) => {
            return Ok(unprocessable(
                setup_page(&ctx, staff.id, &staff.login, "/login/two-factor/setup", e).await?,
            ));
        }
    };
    let Some(principal) = store::staff::principal(db, staff.id).await? else {
        return expired_page(&ctx, StatusCode::CONFLICT).await;
    };
    store::totp::delete_pending(db, &session_id).await?;
    throttle::signed_in(&ctx, &staff.login).await?;
    ctx.session.sign_in(&ctx.app, principal.clone()).await?;
    ctx.audit(Action::AuthSignIn, &AuditRef::new("staff", principal.id))
        .write_now(db)
        .await?;
    Ok(RecoveryPage {
        page: ctx.page("totp.recovery_title"),
        codes,
        next: safe_next(&p.next).to_string(),
    }
    .into_response())
}

// ---- The administrator's part ----

/// Requires (or stops requiring) two-factor sign-in for the whole organisation.
pub async fn set_required(
    ctx: Ctx,
    Admin(_): Admin,
    CsrfForm(form): CsrfForm<RequireForm>,
) -> AppResult<Response> {
    let required = matches!(form.require.as_str(), "1" | "on" | "yes");
    let db = &ctx.app.db;
    if store::totp::required(db).await? != required {
        let mut tx = db.begin().await?;
        store::totp::set_required(&mut tx, required).await?;
        let org = store::organizations::find(db)
            .await?
            .map(|o| o.id)
            .unwrap_or(0);
        ctx.audit(Action::TotpRequire, &AuditRef::new("organization", org))
            .detail(if required { "on" } else { "off" })
            .write(&mut tx)
            .await?;
        tx.commit().await?;
    }
    Ok(see_other("/staff?n=totp_required"))
}

/// Resets a staff member's two-factor sign-in (a lost phone): they set it up again.
pub async fn reset_two_factor(
    ctx: Ctx,
    StaffAdmin { staff, .. }: StaffAdmin,
    CsrfForm(_): CsrfForm<Vec<(String, String)>>,
) -> AppResult<Response> {
    let mut tx = ctx.app.db.begin().await?;
    if store::totp::remove(&mut tx, staff.id).await? {
        ctx.audit(Action::TotpReset, &staff).write(&mut tx).await?;
    }
    tx.commit().await?;
    Ok(see_other(&format!("/staff/{}/edit?n=totp_reset", staff.id)))
}
