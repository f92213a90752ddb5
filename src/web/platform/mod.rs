//! The platform area: sign-in and sessions, the first-run setup, the organisation's offices
//! and staff, the home page, the audit log, the outbox, health checks, the language switch
//! and the stylesheet.

pub mod assets;
pub mod audit;
pub mod auth;
pub mod first_day;
pub mod health;
pub mod home;
pub mod housekeeping;
pub mod lang;
pub mod offices;
pub mod outbox;
pub mod record_keeping;
pub mod setup;
pub mod staff;
pub mod staff_invite;
pub mod two_factor;

use crate::web::access::{Policy, Routes};

pub fn routes() -> Routes {
    Routes::new()
        .get("/", Policy::Public, home::show_home)
        .get("/setup", Policy::Setup, setup::show_setup)
        .post("/setup", Policy::Setup, setup::create_setup)
        .get("/login", Policy::Public, auth::show_login)
        .post("/login", Policy::Public, auth::sign_in)
        .post("/logout", Policy::Public, auth::sign_out)
        .get("/account/password", Policy::Staff, auth::show_password)
        .post("/account/password", Policy::Staff, auth::change_password)
        .get(
            "/clients/{id}/access",
            Policy::ClientManage,
            audit::client_access,
        )
        .get(
            "/account/two-factor",
            Policy::Staff,
            two_factor::show_two_factor,
        )
        .post(
            "/account/two-factor",
            Policy::Staff,
            two_factor::enable_two_factor,
        )
        .post(
            "/account/two-factor/disable",
            Policy::Staff,
            two_factor::disable_two_factor,
        )
        .get(
            "/login/two-factor",
            Policy::Public,
            two_factor::show_second_step,
        )
        .post(
            "/login/two-factor",
            Policy::Public,
            two_factor::submit_second_step,
        )
        .get(
            "/login/two-factor/setup",
            Policy::Public,
            two_factor::show_required_setup,
        )
        .post(
            "/login/two-factor/setup",
            Policy::Public,
            two_factor::enable_required_setup,
        )
        .post(
            "/settings/two-factor",
            Policy::Admin,
            two_factor::set_required,
        )
        .post(
            "/staff/{id}/two-factor/reset",
            Policy::Admin,
            two_factor::reset_two_factor,
        )
        .get("/offices", Policy::Staff, offices::list_offices)
        .post("/offices", Policy::Admin, offices::create_office)
        .get("/offices/new", Policy::Admin, offices::new_office)
        .get("/offices/{id}", Policy::OfficeView, offices::show_office)
        .post(
            "/offices/{id}",
            Policy::OfficeManage,
            offices::update_office,
        )
        .get(
            "/offices/{id}/edit",
            Policy::OfficeManage,
            offices::edit_office,
        )
        .post(
            "/offices/{id}/delete",
            Policy::Admin,
            offices::delete_office,
        )
        .get("/staff", Policy::Admin, staff::list_staff)
        .post("/staff", Policy::Admin, staff::create_staff)
        .get("/staff/new", Policy::Admin, staff::new_staff)
        .post("/staff/{id}", Policy::Admin, staff::update_staff)
        .get("/staff/{id}/edit", Policy::Admin, staff::edit_staff)
        .post("/staff/{id}/password", Policy::Admin, staff::reset_password)
        .post("/staff/{id}/delete", Policy::Admin, staff::delete_staff)
        .get("/audit", Policy::Admin, audit::list_audit)
        .get("/lang/{code}", Policy::Public, lang::switch_lang)
        .get("/healthz", Policy::Public, health::healthz)
        .get("/readyz", Policy::Public, health::readyz)
        .get("/static/app.css", Policy::Public, assets::stylesheet)
        .merge(staff_invite::routes())
        .merge(outbox::routes())
        .merge(record_keeping::routes())
}
