//! The records area: clients, their employments, 受給者証 and contracts, and the
//! 地域連携会議 held about them.

pub mod certificates;
pub mod clients;
pub mod contracts;
pub mod employments;
pub mod meetings;

use axum::{
    Router,
    routing::{get, post},
};

use crate::app::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
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
        .merge(meetings::routes())
}
