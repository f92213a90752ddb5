//! HTTP handlers. Each handler: extract (`Ctx`, path, `CsrfForm`), authorise, call
//! `domain`/`store` (writes in one transaction with their audit row), then redirect (303) or
//! render. A form that does not validate is re-rendered with its messages (422).

pub mod api_rules;
pub mod assets;
pub mod audit;
pub mod auth;
pub mod calendar;
pub mod cap_results;
pub mod certificates;
pub mod claim_master;
pub mod claim_settings;
pub mod claims;
pub mod clients;
pub mod compliance;
pub mod consents;
pub mod contacts;
pub mod contracts;
pub mod csrf;
pub mod ctx;
pub mod employments;
pub mod health;
pub mod home;
pub mod housekeeping;
pub mod inquiries;
pub mod inquiry_form;
pub mod institutions;
pub mod lang;
pub mod meetings;
pub mod middleware;
pub mod offices;
pub mod outbox;
pub mod plans;
pub mod public;
pub mod reports;
pub mod session;
pub mod setup;
pub mod staff;
pub mod tour_bookings;
pub mod tour_mail;
pub mod tours;

use axum::{
    Router,
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
    routing::{get, post},
};

use crate::app::AppState;
use crate::error::AppError;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/", get(home::show_home))
        .route("/setup", get(setup::show_setup).post(setup::create_setup))
        .route("/login", get(auth::show_login).post(auth::sign_in))
        .route("/logout", post(auth::sign_out))
        .route(
            "/account/password",
            get(auth::show_password).post(auth::change_password),
        )
        .route(
            "/offices",
            get(offices::list_offices).post(offices::create_office),
        )
        .route("/offices/new", get(offices::new_office))
        .route(
            "/offices/{id}",
            get(offices::show_office).post(offices::update_office),
        )
        .route("/offices/{id}/edit", get(offices::edit_office))
        .route("/offices/{id}/delete", post(offices::delete_office))
        .route("/staff", get(staff::list_staff).post(staff::create_staff))
        .route("/staff/new", get(staff::new_staff))
        .route("/staff/{id}", post(staff::update_staff))
        .route("/staff/{id}/edit", get(staff::edit_staff))
        .route("/staff/{id}/password", post(staff::reset_password))
        .route("/staff/{id}/delete", post(staff::delete_staff))
        .route(
            "/offices/{id}/clients",
            get(clients::list_clients).post(clients::create_client),
        )
        .route("/offices/{id}/clients/new", get(clients::new_client))
        .route(
            "/clients/{id}",
            get(clients::show_client).post(clients::update_client),
        )
        .route("/clients/{id}/edit", get(clients::edit_client))
        .route(
            "/clients/{id}/employments",
            post(employments::create_employment),
        )
        .route(
            "/clients/{id}/employments/new",
            get(employments::new_employment),
        )
        .route(
            "/clients/{id}/employments/{eid}",
            post(employments::update_employment),
        )
        .route(
            "/clients/{id}/employments/{eid}/edit",
            get(employments::edit_employment),
        )
        .route(
            "/clients/{id}/certificates",
            post(certificates::create_certificate),
        )
        .route(
            "/clients/{id}/certificates/new",
            get(certificates::new_certificate),
        )
        .route(
            "/clients/{id}/certificates/{cid}/periods",
            post(certificates::create_period),
        )
        .route(
            "/clients/{id}/certificates/{cid}/periods/new",
            get(certificates::new_period),
        )
        .route("/clients/{id}/contracts", post(contracts::create_contract))
        .route("/clients/{id}/contracts/new", get(contracts::new_contract))
        .route("/audit", get(audit::list_audit))
        .route("/lang/{code}", get(lang::switch_lang))
        .route("/healthz", get(health::healthz))
        .route("/readyz", get(health::readyz))
        .route("/static/app.css", get(assets::stylesheet))
        // The public rules API: no sign-in, answers computed from the request alone.
        .route("/api/openapi.json", get(api_rules::openapi))
        .route(
            "/api/v1/rules/service-window",
            get(api_rules::service_window),
        )
        .route("/api/v1/rules/eligibility", post(api_rules::eligibility))
        .route("/api/v1/rules/user-charge", get(api_rules::user_charge))
        .route("/api/v1/rules/reward-tier", get(api_rules::reward_tier))
        .merge(contacts::routes())
        .merge(consents::routes())
        .merge(institutions::routes())
        .merge(claim_settings::routes())
        .merge(meetings::routes())
        .merge(cap_results::routes())
        .merge(claim_master::routes())
        .merge(plans::routes())
        .merge(reports::routes())
        .merge(compliance::routes())
        .merge(claims::routes())
        .merge(calendar::routes())
        .merge(public::routes())
        .merge(inquiry_form::routes())
        .merge(inquiries::routes())
        .merge(outbox::routes())
        .merge(tours::routes())
        .merge(tour_bookings::routes())
        .fallback(|| async { AppError::NotFound })
}

/// Percent-encodes a value for a query string.
pub fn encode_query(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for b in value.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// A local path to go back to after sign-in, or `/`. Refuses other hosts (`//evil`,
/// `https://…`, `/\evil`) so the parameter cannot send people off-site.
pub fn safe_next(next: &str) -> &str {
    let ok = next.starts_with('/')
        && !next.starts_with("//")
        && !next.starts_with("/\\")
        && !next.chars().any(|c| c.is_control());
    if ok { next } else { "/" }
}

/// 303 See Other: the answer to every successful form post.
pub fn see_other(to: &str) -> Response {
    Redirect::to(to).into_response()
}

/// Renders a form again with its messages.
pub fn unprocessable(page: impl IntoResponse) -> Response {
    (StatusCode::UNPROCESSABLE_ENTITY, page).into_response()
}

/// Parses a numeric path id, or 404.
pub fn parse_id(raw: &str) -> Result<i64, AppError> {
    raw.parse::<i64>().map_err(|_| AppError::NotFound)
}

/// Hashes a password with argon2id off the async threads (it takes tens of milliseconds).
pub async fn hash_password(password: String) -> Result<String, AppError> {
    tokio::task::spawn_blocking(move || crate::domain::password::hash(&password))
        .await
        .map_err(|e| AppError::Internal(e.into()))?
        .map_err(AppError::Internal)
}

/// Verifies a password against a stored hash off the async threads.
pub async fn verify_password(password: String, hash: Option<String>) -> Result<bool, AppError> {
    tokio::task::spawn_blocking(move || crate::domain::password::verify(&password, hash.as_deref()))
        .await
        .map_err(|e| AppError::Internal(e.into()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn next_must_stay_on_this_site() {
        let cases = [
            ("/offices/1", "/offices/1"),
            ("//evil.example", "/"),
            ("https://evil.example", "/"),
            ("/\\evil.example", "/"),
            ("", "/"),
            ("/a\nb", "/"),
        ];
        for (input, expected) in cases {
            assert_eq!(safe_next(input), expected, "{input:?}");
        }
    }

    #[test]
    fn query_encoding() {
        assert_eq!(encode_query("/offices/1?x=a b"), "/offices/1%3Fx%3Da%20b");
        assert_eq!(encode_query("西"), "%E8%A5%BF");
    }
}
