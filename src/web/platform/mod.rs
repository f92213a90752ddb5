//! The platform area: sign-in and sessions, the first-run setup, the organisation's offices
//! and staff, the home page, the audit log, the outbox, health checks, the language switch
//! and the stylesheet.

pub mod assets;
pub mod audit;
pub mod auth;
pub mod health;
pub mod home;
pub mod housekeeping;
pub mod lang;
pub mod offices;
pub mod outbox;
pub mod setup;
pub mod staff;

use axum::{
    Router,
    routing::{get, post},
};

use crate::app::AppState;

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
        .route("/audit", get(audit::list_audit))
        .route("/lang/{code}", get(lang::switch_lang))
        .route("/healthz", get(health::healthz))
        .route("/readyz", get(health::readyz))
        .route("/static/app.css", get(assets::stylesheet))
        .merge(outbox::routes())
}
