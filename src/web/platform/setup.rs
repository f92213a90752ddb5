//! 初期設定: on an empty database, create the organisation and the first administrator.
//! The page exists only while there is no staff account; there is no default password.
//!
//! Whoever opens the address first must not become the administrator: at start, while there
//! is no staff account, the server prints a one-time setup token on its console
//! ([`issue_setup_token`], `teichaku serve`), and only a form carrying that token is
//! accepted. The token is kept in `app_secrets` (one value for every node on the database)
//! and removed in the transaction that creates the administrator, who is then signed in.

use askama::Template;
use askama_web::WebTemplate;
use axum::{extract::Query, response::Response};
use serde::Deserialize;
use sha2::{Digest, Sha256};

use crate::clock;
use crate::db::is_unique_violation;
use crate::domain::audit::Action;
use crate::domain::fields::{self, FieldErrors};
use crate::domain::staff::{check_new_password, parse_login};
use crate::error::{AppError, AppResult};
use crate::store::{self, staff::StaffInput};
use crate::web::{
    csrf::CsrfForm,
    ctx::{AuditRef, Ctx, Page},
    hash_password, see_other, unprocessable,
};

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct SetupForm {
    pub organization_name: String,
    pub display_name: String,
    pub login: String,
    pub email: String,
    pub password: String,
    pub password_confirm: String,
    /// The one-time token printed on the server's console.
    pub setup_token: String,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct SetupQuery {
    pub token: String,
}

/// The `app_secrets` name of the setup token.
const SETUP_TOKEN: &str = "setup_token";

/// The setup token while setup is still to be done (made the first time it is asked for, the
/// same afterwards), or `None` once an administrator exists. `teichaku serve` prints it.
pub async fn issue_setup_token(db: &crate::db::Db) -> Result<Option<String>, sqlx::Error> {
    if store::staff::any_exists(db).await? {
        return Ok(None);
    }
    let fresh = crate::web::session::random_token();
    Ok(Some(
        store::inquiries::secret(db, SETUP_TOKEN, &fresh, clock::now()).await?,
    ))
}

/// Whether `typed` is the stored setup token (compared as SHA-256 digests, so the time the
/// comparison takes says nothing about the token).
fn token_matches(stored: Option<&str>, typed: &str) -> bool {
    let typed = typed.trim();
    match stored {
        Some(stored) if !typed.is_empty() => {
            Sha256::digest(stored.as_bytes()) == Sha256::digest(typed.as_bytes())
        }
        _ => false,
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "platform/setup.html")]
struct SetupPage {
    page: Page,
    form: SetupForm,
    errors: FieldErrors,
}

/// The setup form; `?token=` (the address printed on the console) fills in the token.
pub async fn show_setup(ctx: Ctx, Query(q): Query<SetupQuery>) -> AppResult<Response> {
    if store::staff::any_exists(&ctx.app.db).await? {
        return Ok(see_other("/login"));
    }
    let page = ctx.form_page("setup.title").await?;
    let mut e = FieldErrors::new();
    // Only a token-like value is put back into the page.
    let token = fields::optional_text(&mut e, "setup_token", &q.token, 100);
    Ok(axum::response::IntoResponse::into_response(SetupPage {
        page,
        form: SetupForm {
            setup_token: if e.is_empty() { token } else { String::new() },
            ..SetupForm::default()
        },
        errors: FieldErrors::new(),
    }))
}

pub async fn create_setup(ctx: Ctx, CsrfForm(form): CsrfForm<SetupForm>) -> AppResult<Response> {
    if store::staff::any_exists(&ctx.app.db).await? {
        return Err(AppError::NotFound);
    }
    let mut e = FieldErrors::new();
    let stored = store::organizations::setup_token(&ctx.app.db).await?;
    if !token_matches(stored.as_deref(), &form.setup_token) {
        e.add("setup_token", "err.setup_token");
    }
    let org_name = fields::required_text(&mut e, "organization_name", &form.organization_name, 100);
    let input = StaffInput {
        display_name: fields::required_text(&mut e, "display_name", &form.display_name, 100),
        login: parse_login(&mut e, &form.login),
        email: fields::email(&mut e, "email", &form.email, true),
        is_admin: true,
        active: true,
    };
    check_new_password(
        &mut e,
        &form.password,
        &form.password_confirm,
        &[&input.login, &input.display_name, &org_name],
    );
    if !e.is_empty() {
        let page = ctx.form_page("setup.title").await?;
        return Ok(unprocessable(SetupPage {
            page,
            form,
            errors: e,
        }));
    }
    let hash = hash_password(form.password.clone()).await?;
    let now = clock::now();
    let mut tx = ctx.app.db.begin().await?;
    let org_id = match store::organizations::insert(&mut tx, &org_name, now).await {
        Ok(id) => id,
        // Someone finished the setup a moment earlier.
        Err(err) if is_unique_violation(&err) => return Err(AppError::NotFound),
        Err(err) => return Err(err.into()),
    };
    let staff_id = store::staff::insert(&mut tx, org_id, &input, &hash, now).await?;
    ctx.audit(
        Action::SetupComplete,
        &AuditRef::new("organization", org_id),
    )
    .by(staff_id, input.login.clone())
    .detail(org_name)
    .write(&mut tx)
    .await?;
    ctx.audit(Action::StaffCreate, &AuditRef::new("staff", staff_id))
        .by(staff_id, input.login.clone())
        .detail(format!("login={} admin=true", input.login))
        .write(&mut tx)
        .await?;
    // The token is spent with the setup: a second form carrying it finds no token.
    if !store::organizations::take_setup_token(&mut tx, stored.as_deref().unwrap_or("")).await? {
        return Err(AppError::NotFound);
    }
    ctx.audit(Action::AuthSignIn, &AuditRef::new("staff", staff_id))
        .by(staff_id, input.login.clone())
        .write(&mut tx)
        .await?;
    tx.commit().await?;
    // The administrator goes on signed in: straight to the first-day checklist.
    let principal = store::staff::principal(&ctx.app.db, staff_id)
        .await?
        .ok_or(AppError::NotFound)?;
    ctx.session.sign_in(&ctx.app, principal).await?;
    Ok(see_other("/?n=setup"))
}

#[cfg(test)]
mod tests {
    use super::token_matches;

    #[test]
    fn only_the_stored_token_matches() {
        let cases = [
            (Some("abc123"), "abc123", true),
            (Some("abc123"), " abc123 ", true),
            (Some("abc123"), "abc124", false),
            (Some("abc123"), "", false),
            (None, "abc123", false),
            (None, "", false),
        ];
        for (stored, typed, want) in cases {
            assert_eq!(token_matches(stored, typed), want, "{stored:?} {typed:?}");
        }
    }
}
