//! Staff invited by email: instead of typing a password for a new colleague, the
//! administrator sends a one-time link, and the staff member chooses their own password
//! (the rules of `domain::password`, as everywhere a staff password is set).
//!
//! The link is the portal invitations' one-time link (`portal_tokens`, owned by the staff
//! account; a token kept as its hash; 7 days; a newer invitation revokes the older; used
//! atomically by a POST, never by opening it — mail scanners open links) and its email is the
//! portal invitation's template (`email::messages::PortalInvite`, kind `staff`), queued in the
//! transaction that makes the link.

use askama::Template;
use askama_web::WebTemplate;
use axum::{
    extract::Path,
    http::HeaderMap,
    response::{IntoResponse, Response},
};
use serde::Deserialize;
use time::OffsetDateTime;

use crate::clock;
use crate::db::Tx;
use crate::domain::audit::Action;
use crate::domain::fields::FieldErrors;
use crate::domain::portal::{LinkState, TokenPurpose};
use crate::domain::staff::check_new_password;
use crate::email::messages::PortalInvite;
use crate::error::{AppError, AppResult};
use crate::i18n::Lang;
use crate::store::{self, outbox::NewMessage, portal::StaffToken, staff::Staff};
use crate::web::{
    access::{Policy, Routes, StaffAdmin},
    csrf::CsrfForm,
    ctx::{AuditRef, Ctx, Page},
    hash_password, see_other,
    session::{hash_token, random_token},
    unprocessable,
};

pub fn routes() -> Routes {
    Routes::new()
        .get("/welcome/{token}", Policy::Token, show_welcome)
        .post("/welcome/{token}", Policy::Token, accept_welcome)
        .post("/staff/{id}/invite", Policy::Admin, resend_invite)
}

/// Makes a staff member's invitation link (revoking their older ones) and queues its email,
/// in `tx`. The email is in Japanese, like the portal's: the person's language is not known
/// before they sign in.
pub async fn invite(
    ctx: &Ctx,
    headers: &HeaderMap,
    tx: &mut Tx,
    staff: (i64, &str, &str),
    created_by: i64,
    now: OffsetDateTime,
) -> AppResult<()> {
    let (staff_id, login, email) = staff;
    let token = random_token();
    store::portal::insert_staff_token(tx, staff_id, &hash_token(&token), created_by, now).await?;
    let url = format!("{}/welcome/{token}", crate::web::public_base(ctx, headers));
    let organization = store::organizations::find(&ctx.app.db)
        .await?
        .map(|o| o.name)
        .unwrap_or_default();
    let expires = clock::format_jst(TokenPurpose::Invite.expires(now));
    let mail = PortalInvite {
        office_name: organization,
        office_phone: String::new(),
        kind: "staff",
        url,
        login: login.to_string(),
        expires,
    }
    .render(Lang::Ja)
    .map_err(|e| AppError::Internal(e.into()))?;
    store::outbox::insert(
        tx,
        &NewMessage {
            to_address: email,
            subject: &mail.subject,
            body_text: &mail.body,
            related_type: Some("staff_invite"),
            related_id: Some(staff_id),
            not_before: None,
        },
        now,
    )
    .await?;
    Ok(())
}

/// 招待メールを送り直す: a new link; the older one stops working.
pub async fn resend_invite(
    ctx: Ctx,
    headers: HeaderMap,
    StaffAdmin { who, staff }: StaffAdmin,
    CsrfForm(_): CsrfForm<Vec<(String, String)>>,
) -> AppResult<Response> {
    let now = clock::now();
    let mut tx = ctx.app.db.begin().await?;
    invite(
        &ctx,
        &headers,
        &mut tx,
        (staff.id, &staff.login, &staff.email),
        who.id,
        now,
    )
    .await?;
    ctx.audit(Action::StaffInvite, &staff)
        .write(&mut tx)
        .await?;
    tx.commit().await?;
    Ok(see_other("/staff?n=invited"))
}

#[derive(Template, WebTemplate)]
#[template(path = "platform/staff/welcome.html")]
struct WelcomePage {
    page: Page,
    /// Why the link cannot be used, or `None` when it can.
    problem: Option<&'static str>,
    action: String,
    login: String,
    errors: FieldErrors,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct WelcomeForm {
    pub password: String,
    pub password_confirm: String,
}

/// The token in the path, if it looks like one of ours (64 hex digits).
fn token_hash(raw: &str) -> Option<String> {
    (raw.len() == 64 && raw.bytes().all(|b| b.is_ascii_hexdigit()))
        .then(|| hash_token(&raw.to_ascii_lowercase()))
}

/// The invitation and its staff account, when the link can be used now.
async fn usable(ctx: &Ctx, raw: &str) -> AppResult<(Option<(StaffToken, Staff)>, LinkState)> {
    let Some(hash) = token_hash(raw) else {
        return Ok((None, LinkState::Revoked));
    };
    let Some(token) = store::portal::find_staff_token(&ctx.app.db, &hash).await? else {
        return Ok((None, LinkState::Revoked));
    };
    let state = token.state(clock::now());
    let staff = store::staff::find(&ctx.app.db, token.staff_id)
        .await?
        .filter(|s| s.active);
    match (state, staff) {
        (LinkState::Usable, Some(staff)) => Ok((Some((token, staff)), state)),
        (LinkState::Usable, None) => Ok((None, LinkState::Revoked)),
        (state, _) => Ok((None, state)),
    }
}

fn problem_key(state: LinkState) -> &'static str {
    match state {
        LinkState::Expired => "staff.invite.expired",
        LinkState::Used => "staff.invite.used",
        _ => "staff.invite.revoked",
    }
}

async fn welcome_page(
    ctx: &Ctx,
    raw: &str,
    login: Option<&str>,
    state: LinkState,
    errors: FieldErrors,
) -> AppResult<WelcomePage> {
    Ok(WelcomePage {
        page: ctx.form_page("staff.invite.title").await?,
        problem: login.is_none().then(|| problem_key(state)),
        action: format!("/welcome/{raw}"),
        login: login.unwrap_or_default().to_string(),
        errors,
    })
}

/// The page of the link: choose a password (opening it uses nothing up).
pub async fn show_welcome(ctx: Ctx, Path(raw): Path<String>) -> AppResult<Response> {
    let (found, state) = usable(&ctx, &raw).await?;
    let login = found.as_ref().map(|(_, s)| s.login.as_str());
    Ok(welcome_page(&ctx, &raw, login, state, FieldErrors::new())
        .await?
        .into_response())
}

/// Sets the password (the rules of `domain::password`), uses the link once, and signs the
/// staff member in.
pub async fn accept_welcome(
    ctx: Ctx,
    Path(raw): Path<String>,
    CsrfForm(form): CsrfForm<WelcomeForm>,
) -> AppResult<Response> {
    let (found, state) = usable(&ctx, &raw).await?;
    let Some((token, staff)) = found else {
        return Ok(welcome_page(&ctx, &raw, None, state, FieldErrors::new())
            .await?
            .into_response());
    };
    let organization = store::organizations::find(&ctx.app.db)
        .await?
        .map(|o| o.name)
        .unwrap_or_default();
    let mut e = FieldErrors::new();
    check_new_password(
        &mut e,
        &form.password,
        &form.password_confirm,
        &[&staff.login, &staff.display_name, &organization],
    );
    if !e.is_empty() {
        let page = welcome_page(&ctx, &raw, Some(&staff.login), state, e).await?;
        return Ok(unprocessable(page));
    }
    let hash = hash_password(form.password).await?;
    let now = clock::now();
    let mut tx = ctx.app.db.begin().await?;
    // Two taps at once: one uses the link, the other finds it used.
    if !store::portal::use_token(&mut tx, token.id, now).await? {
        drop(tx);
        return Ok(
            welcome_page(&ctx, &raw, None, LinkState::Used, FieldErrors::new())
                .await?
                .into_response(),
        );
    }
    store::staff::set_password(&mut tx, staff.id, &hash, now).await?;
    ctx.audit(Action::StaffInviteAccept, &AuditRef::new("staff", staff.id))
        .by(staff.id, staff.login.clone())
        .write(&mut tx)
        .await?;
    ctx.audit(Action::AuthSignIn, &AuditRef::new("staff", staff.id))
        .by(staff.id, staff.login.clone())
        .write(&mut tx)
        .await?;
    tx.commit().await?;
    let principal = store::staff::principal(&ctx.app.db, staff.id)
        .await?
        .ok_or(AppError::NotFound)?;
    ctx.session.sign_in(&ctx.app, principal).await?;
    Ok(see_other("/"))
}
