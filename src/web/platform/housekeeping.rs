//! Periodic clean-up inside the server: expired sessions, old sign-in failures, and files
//! uploaded for a client import but left unimported for a day (they hold clients' personal
//! data). Each run
//! is an idempotent DELETE, so several server processes may run it without coordination.
use std::time::Duration;

use crate::app::AppState;
use crate::{clock, store};

pub fn spawn(app: AppState) {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(Duration::from_secs(600));
        loop {
            tick.tick().await;
            if let Err(e) = run_once(&app).await {
                tracing::warn!(error = ?e, "housekeeping failed");
            }
        }
    });
}

pub async fn run_once(app: &AppState) -> Result<(), sqlx::Error> {
    let now = clock::now();
    let idle_cutoff = now - time::Duration::minutes(app.config.session_idle_minutes);
    let removed = store::sessions::delete_stale(&app.db, now, idle_cutoff).await?;
    store::login_failures::delete_before(&app.db, now - time::Duration::days(1)).await?;
    store::import::delete_uploads_before(&app.db, now - time::Duration::days(1)).await?;
    tracing::debug!(removed, "sessions cleaned up");
    Ok(())
}
