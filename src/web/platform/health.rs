//! Health endpoints for load balancers and monitors: `/healthz` says the process is up,
//! `/readyz` that the database answers.
use axum::{extract::State, http::StatusCode, response::IntoResponse};

use crate::app::AppState;

pub async fn healthz() -> impl IntoResponse {
    (StatusCode::OK, "ok")
}

pub async fn readyz(State(app): State<AppState>) -> impl IntoResponse {
    if app.db.ping().await {
        (StatusCode::OK, "ready")
    } else {
        // Plain text with a status, not an error page: monitors read this.
        (StatusCode::SERVICE_UNAVAILABLE, "database unreachable")
    }
}
