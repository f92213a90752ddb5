//! The public rules API (`/api/v1/rules/…`): no sign-in, answers computed from the request
//! alone, described by `/api/openapi.json`.

pub mod api_rules;

use axum::{
    Router,
    routing::{get, post},
};

use crate::app::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/openapi.json", get(api_rules::openapi))
        .route(
            "/api/v1/rules/service-window",
            get(api_rules::service_window),
        )
        .route("/api/v1/rules/eligibility", post(api_rules::eligibility))
        .route("/api/v1/rules/user-charge", get(api_rules::user_charge))
        .route("/api/v1/rules/reward-tier", get(api_rules::reward_tier))
}
