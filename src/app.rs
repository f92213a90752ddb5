//! The application: shared state, the router with its middleware, and serving.

use std::{net::SocketAddr, sync::Arc, time::Duration};

use axum::{Router, extract::DefaultBodyLimit, middleware};
use tokio::net::TcpListener;
use tower_http::{catch_panic::CatchPanicLayer, timeout::TimeoutLayer};

use crate::config::Config;
use crate::db::Db;
use crate::web;

/// What every handler can reach. Cheap to clone.
#[derive(Clone)]
pub struct AppState {
    pub db: Db,
    pub config: Arc<Config>,
    /// This node's copy of the public pages (`web::public_cache`).
    pub public_cache: crate::web::public_cache::PublicCache,
    /// This node's search index of past cases (crate::cases).
    pub cases: Arc<crate::cases::CaseIndex>,
    /// This node's writer of read-audit rows, which commits those of concurrent requests
    /// together (`store::audit::ReadLog`).
    pub read_log: Arc<crate::store::audit::ReadLog>,
}

/// The full router with middleware, outermost last:
/// request id → security headers → error pages → panic catcher → timeout → query check →
/// origin check → session → routes.
pub fn router(state: AppState) -> Router {
    web::routes()
        .layer(middleware::from_fn_with_state(
            state.clone(),
            web::session::middleware,
        ))
        .layer(middleware::from_fn(web::csrf::check_origin))
        .layer(middleware::from_fn(
            web::middleware::refuse_control_chars_in_query,
        ))
        .layer(DefaultBodyLimit::max(1024 * 1024))
        // A body not all there within the timeout: 408 (web::middleware::body_deadline); a
        // handler still busy at twice the timeout: 503.
        .layer(middleware::from_fn_with_state(
            state.clone(),
            web::middleware::body_deadline,
        ))
        .layer(TimeoutLayer::with_status_code(
            axum::http::StatusCode::SERVICE_UNAVAILABLE,
            Duration::from_secs(state.config.request_timeout_seconds.saturating_mul(2)),
        ))
        .layer(CatchPanicLayer::new())
        .layer(middleware::from_fn(web::middleware::error_pages))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            web::middleware::security_headers,
        ))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            web::middleware::request_id,
        ))
        .with_state(state)
}

/// Connects, migrates and returns the state.
pub async fn prepare(config: Config) -> anyhow::Result<AppState> {
    // An unusable TEICHAKU_SMTP_URL or TEICHAKU_MAIL_FROM stops the start with one line,
    // rather than surfacing later as messages that never leave the outbox.
    crate::email::Mailer::from_config(&config)?;
    if !config.today.trim().is_empty() {
        let day = time::Date::parse(
            config.today.trim(),
            time::macros::format_description!("[year]-[month]-[day]"),
        )
        .map_err(|_| anyhow::anyhow!("TEICHAKU_TODAY must be a date like 2026-12-01"))?;
        crate::clock::run_from(day);
    }
    let db = Db::connect(&config.database_url).await?;
    db.migrate().await?;
    Ok(AppState {
        db,
        config: Arc::new(config),
        public_cache: Default::default(),
        cases: Arc::new(crate::cases::CaseIndex::new()),
        read_log: Default::default(),
    })
}

/// Serves on an already bound listener until `shutdown` resolves, with the background work
/// (housekeeping, the email outbox worker) running beside it.
pub async fn serve_on(
    state: AppState,
    listener: TcpListener,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> anyhow::Result<()> {
    crate::web::platform::housekeeping::spawn(state.clone());
    crate::email::spawn_worker(&state)?;
    let app = router(state).into_make_service_with_connect_info::<SocketAddr>();
    axum::serve(listener, app)
        .with_graceful_shutdown(shutdown)
        .await?;
    Ok(())
}
