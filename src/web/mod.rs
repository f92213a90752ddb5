//! HTTP handlers. Each handler: extract (`Ctx`, path, `CsrfForm`), authorise, call
//! `domain`/`store` (writes in one transaction with their audit row), then redirect (303) or
//! render. A form that does not validate is re-rendered with its messages (422).

pub mod access;
pub mod api;
pub mod claims;
pub mod confirm;
pub mod csrf;
pub mod ctx;
pub mod hashing;
pub mod intake;
pub mod middleware;
pub mod platform;
pub mod portal;
pub mod public_cache;
pub mod records;
pub mod ruby;
pub mod session;
pub mod sheet;
pub mod support;
pub mod throttle;

use axum::{
    Router,
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
};

use crate::app::AppState;
use crate::error::AppError;
use crate::web::access::Routes;

/// Every route with its declared access policy (`access::Policy`).
fn all_routes() -> Routes {
    Routes::new()
        .merge(platform::routes())
        .merge(intake::routes())
        .merge(records::routes())
        .merge(support::routes())
        .merge(claims::routes())
        .merge(api::routes())
        .merge(portal::routes())
}

pub fn routes() -> Router<AppState> {
    all_routes()
        .into_router()
        .fallback(|| async { AppError::NotFound })
}

/// The route table: every method and path of the router with its policy (for the role ×
/// route test and the documentation).
pub fn route_table() -> Vec<access::RouteSpec> {
    all_routes().table().to_vec()
}

/// The address people open a link we hand out at (a calendar feed, a portal invitation):
/// `TEICHAKU_PUBLIC_URL` when set; otherwise the host the browser used, which is what a phone
/// or a calendar app on the same network will reach.
pub fn public_base(ctx: &ctx::Ctx, headers: &axum::http::HeaderMap) -> String {
    let public = ctx.app.config.public_url.trim_end_matches('/');
    if !public.is_empty() {
        return public.to_string();
    }
    let host = headers
        .get(axum::http::header::HOST)
        .and_then(|h| h.to_str().ok())
        .filter(|h| {
            !h.is_empty()
                && h.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b".-:[]".contains(&b))
        });
    match host {
        Some(host) => format!("http://{host}"),
        None => String::new(),
    }
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

pub use hashing::{hash_password, verify_password};

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
