//! Limited attempts at the web layer: sign-ins (staff now, the client portal later) reserve
//! their attempt through [`reserve_sign_in`] before the password is checked, and a refused
//! attempt is answered by [`too_many_requests`]. The counting is `store::login_failures`.

use axum::{
    http::{HeaderValue, StatusCode, header},
    response::{IntoResponse, Response},
};
use time::Duration;

use crate::clock;
use crate::error::AppResult;
use crate::store::login_failures::{self, Limits, Reservation};
use crate::web::ctx::Ctx;

/// Sign-in attempts: 5 per account and 20 per address in 15 minutes.
pub const SIGN_IN_LIMITS: Limits = Limits {
    window: Duration::minutes(15),
    per_key: 5,
    per_address: Some(20),
};

/// Reserves one sign-in attempt for `key` (a staff login; `client:<login>` for the portal)
/// from the request's address. `Reserved`: check the password, then on success call
/// [`signed_in`]; a failure stays counted. `Throttled`: do not check it. The key must hold no
/// control character (refuse such a sign-in id first: PostgreSQL cannot store a NUL).
pub async fn reserve_sign_in(ctx: &Ctx, key: &str) -> AppResult<Reservation> {
    Ok(
        login_failures::reserve(&ctx.app.db, key, &ctx.address, clock::now(), SIGN_IN_LIMITS)
            .await?,
    )
}

/// After a successful sign-in: the key's failures (and this attempt's reservation) are
/// forgotten.
pub async fn signed_in(ctx: &Ctx, key: &str) -> AppResult<()> {
    Ok(login_failures::clear_login(&ctx.app.db, key).await?)
}

/// `page` answered with 429 and a `Retry-After` of the limits' window.
pub fn too_many_requests(page: impl IntoResponse, limits: Limits) -> Response {
    let mut response = (StatusCode::TOO_MANY_REQUESTS, page).into_response();
    response.headers_mut().insert(
        header::RETRY_AFTER,
        HeaderValue::from(limits.window.whole_seconds()),
    );
    response
}
