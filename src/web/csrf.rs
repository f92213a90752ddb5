//! CSRF protection, in two layers:
//! 1. `check_origin` (middleware): a state-changing request whose `Sec-Fetch-Site` says it
//!    came from another site, or whose `Origin` is not this host, is refused.
//! 2. `CsrfForm<T>` (extractor): every form carries the session's synchronizer token in a
//!    hidden `_csrf` field; a missing or different token is refused (403).
//!
//! The JSON API under `/api/` takes no cookies' authority, so only layer 1 applies there.

use axum::{
    extract::{FromRequest, Request},
    http::{Method, header},
    middleware::Next,
    response::{IntoResponse, Response},
};
use serde::{Deserialize, de::DeserializeOwned};

use crate::error::AppError;
use crate::web::session::SessionHandle;

/// A form body whose `_csrf` field matched the session's token.
pub struct CsrfForm<T>(pub T);

#[derive(Deserialize)]
struct TokenOnly {
    #[serde(rename = "_csrf", default)]
    csrf: String,
}

impl<S, T> FromRequest<S> for CsrfForm<T>
where
    S: Send + Sync,
    T: DeserializeOwned,
{
    type Rejection = AppError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let session = req
            .extensions()
            .get::<SessionHandle>()
            .cloned()
            .unwrap_or_default();
        let body = axum::body::Bytes::from_request(req, state)
            .await
            .map_err(|e| {
                if crate::web::middleware::is_body_timeout(&e) {
                    AppError::RequestTimeout
                } else if e.status() == axum::http::StatusCode::PAYLOAD_TOO_LARGE {
                    AppError::TooLarge
                } else {
                    AppError::BadRequest(format!("form body: {e}"))
                }
            })?;
        let token: TokenOnly = serde_urlencoded::from_bytes(&body)
            .map_err(|e| AppError::BadRequest(format!("form body: {e}")))?;
        let expected = session.existing_csrf().ok_or(AppError::Csrf)?;
        if !constant_time_eq(token.csrf.as_bytes(), expected.as_bytes()) {
            return Err(AppError::Csrf);
        }
        let value = serde_urlencoded::from_bytes(&body)
            .map_err(|e| AppError::BadRequest(format!("form fields: {e}")))?;
        Ok(CsrfForm(value))
    }
}

/// Checks a token sent in a body `CsrfForm` does not read (a multipart upload's `_csrf`
/// field) against the session's.
pub fn check_token(session: &SessionHandle, token: &str) -> Result<(), AppError> {
    let expected = session.existing_csrf().ok_or(AppError::Csrf)?;
    if constant_time_eq(token.as_bytes(), expected.as_bytes()) {
        Ok(())
    } else {
        Err(AppError::Csrf)
    }
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// Refuses cross-site state-changing requests before any handler runs.
pub async fn check_origin(req: Request, next: Next) -> Response {
    let safe = matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS);
    // The public rules API computes answers from its input alone: no cookie gives a POST
    // there any authority, so other sites' tools may call it.
    let public_api = req.uri().path().starts_with("/api/v1/rules/");
    if !safe && !public_api && !same_origin(&req) {
        tracing::warn!(
            origin = ?req.headers().get(header::ORIGIN),
            site = ?req.headers().get("sec-fetch-site"),
            "cross-site request refused"
        );
        return AppError::Csrf.into_response();
    }
    next.run(req).await
}

fn same_origin(req: &Request) -> bool {
    let headers = req.headers();
    if let Some(site) = headers.get("sec-fetch-site").and_then(|v| v.to_str().ok())
        && !matches!(site, "same-origin" | "none")
    {
        return false;
    }
    let Some(origin) = headers.get(header::ORIGIN) else {
        return true;
    };
    let Ok(origin) = origin.to_str() else {
        return false;
    };
    let host = headers
        .get(header::HOST)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let origin_host = origin.split_once("://").map(|(_, rest)| rest).unwrap_or("");
    !host.is_empty() && origin_host == host
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(headers: &[(&str, &str)]) -> Request {
        let mut b = Request::builder().method("POST").uri("/x");
        for (k, v) in headers {
            b = b.header(*k, *v);
        }
        b.body(axum::body::Body::empty()).expect("request")
    }

    #[test]
    fn origin_rules() {
        let cases: [(&[(&str, &str)], bool); 6] = [
            (&[("host", "127.0.0.1:8080")], true),
            (
                &[
                    ("host", "127.0.0.1:8080"),
                    ("origin", "http://127.0.0.1:8080"),
                ],
                true,
            ),
            (
                &[
                    ("host", "127.0.0.1:8080"),
                    ("origin", "http://evil.example"),
                ],
                false,
            ),
            (&[("host", "a"), ("sec-fetch-site", "cross-site")], false),
            (&[("host", "a"), ("sec-fetch-site", "same-site")], false),
            (&[("host", "a"), ("sec-fetch-site", "same-origin")], true),
        ];
        for (headers, expected) in cases {
            assert_eq!(same_origin(&request(headers)), expected, "{headers:?}");
        }
    }

    #[test]
    fn token_comparison() {
        assert!(constant_time_eq(b"abc", b"abc"));
        assert!(!constant_time_eq(b"abc", b"abd"));
        assert!(!constant_time_eq(b"abc", b"ab"));
    }
}
