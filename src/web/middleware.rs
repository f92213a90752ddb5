//! Cross-cutting middleware: the request id and tracing span, the client address, the
//! security headers, and the error pages.

use std::net::SocketAddr;

use askama::Template;
use axum::{
    extract::{ConnectInfo, Request, State},
    http::{HeaderValue, StatusCode, header},
    middleware::Next,
    response::{Html, IntoResponse, Response},
};
use tracing::Instrument;

use crate::app::AppState;
use crate::error::ErrorKind;
use crate::i18n::Lang;
use crate::web::ctx::{ClientAddr, RequestId, lang_of};

/// Gives the request an id (logged, returned in `X-Request-Id`, shown on error pages) and a
/// tracing span, and records the client address.
pub async fn request_id(State(app): State<AppState>, mut req: Request, next: Next) -> Response {
    let id = crate::web::session::random_token()[..16].to_string();
    let peer = req
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|c| c.0.ip().to_string());
    let forwarded = req
        .headers()
        .get("x-forwarded-for")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(',').next())
        .map(|v| v.trim().to_string());
    let address = match (app.config.trust_proxy, forwarded) {
        (true, Some(f)) => f,
        _ => peer.unwrap_or_else(|| "unknown".to_string()),
    };
    req.extensions_mut().insert(RequestId(id.clone()));
    req.extensions_mut().insert(ClientAddr(address));
    let span =
        tracing::info_span!("request", id = %id, method = %req.method(), path = %req.uri().path());
    async move {
        let started = std::time::Instant::now();
        let mut response = next.run(req).await;
        tracing::info!(
            status = response.status().as_u16(),
            ms = started.elapsed().as_millis() as u64,
            "served"
        );
        if let Ok(v) = HeaderValue::from_str(&id) {
            response.headers_mut().insert("x-request-id", v);
        }
        response
    }
    .instrument(span)
    .await
}

/// Security headers on every response. The CSP allows only our own scripts, styles and
/// images; no page may be framed; pages with personal data are not cached.
pub async fn security_headers(State(app): State<AppState>, req: Request, next: Next) -> Response {
    let is_static = req.uri().path().starts_with("/static/");
    let mut response = next.run(req).await;
    let h = response.headers_mut();
    let set = |h: &mut axum::http::HeaderMap, name: &'static str, value: &'static str| {
        h.insert(name, HeaderValue::from_static(value));
    };
    set(
        h,
        "content-security-policy",
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
         font-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; \
         base-uri 'none'; object-src 'none'",
    );
    set(h, "x-frame-options", "DENY");
    set(h, "x-content-type-options", "nosniff");
    set(h, "referrer-policy", "same-origin");
    set(
        h,
        "permissions-policy",
        "camera=(), microphone=(), geolocation=(), payment=()",
    );
    set(h, "cross-origin-opener-policy", "same-origin");
    if app.config.https() {
        set(
            h,
            "strict-transport-security",
            "max-age=31536000; includeSubDomains",
        );
    }
    if !is_static && !h.contains_key(header::CACHE_CONTROL) {
        set(h, "cache-control", "no-store");
    }
    response
}

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage {
    lang: Lang,
    status: u16,
    title: &'static str,
    message: &'static str,
    request_id: String,
}

impl ErrorPage {
    fn t(&self, key: &str) -> &'static str {
        self.lang.t(key)
    }
}

/// Gives the request body a deadline of `request_timeout_seconds` for its whole transfer.
/// A body still incomplete then fails to read with `TimeoutError`, which the body readers
/// (`CsrfForm`, the rules API) answer with 408 ([`is_body_timeout`]) instead of waiting for
/// the request timeout's 503.
pub async fn body_deadline(State(app): State<AppState>, req: Request, next: Next) -> Response {
    let deadline = std::time::Duration::from_secs(app.config.request_timeout_seconds);
    let req = req
        .map(|body| axum::body::Body::new(tower_http::timeout::DeadlineBody::new(deadline, body)));
    next.run(req).await
}

/// True when reading a request body failed because [`body_deadline`] passed.
pub fn is_body_timeout(error: &(dyn std::error::Error + 'static)) -> bool {
    let mut current = Some(error);
    while let Some(e) = current {
        if e.is::<tower_http::timeout::TimeoutError>() {
            return true;
        }
        current = e.source();
    }
    false
}

/// Refuses (400) a query string whose decoded keys or values hold a control character (a NUL,
/// an escape, a line break): no query parameter (`q`, `action`, `month`, `next`…) is more
/// than one line of text, PostgreSQL cannot compare with a NUL, and SQLite would. Form
/// bodies are checked field by field instead (`domain::fields::plain_text`), with messages.
pub async fn refuse_control_chars_in_query(req: Request, next: Next) -> Response {
    if let Some(query) = req.uri().query()
        && let Ok(pairs) = serde_urlencoded::from_str::<Vec<(String, String)>>(query)
        && pairs
            .iter()
            .any(|(k, v)| k.chars().chain(v.chars()).any(char::is_control))
    {
        return crate::error::AppError::BadRequest("control character in the query".into())
            .into_response();
    }
    next.run(req).await
}

/// Turns every error response (from `AppError`, an extractor rejection, an unknown route, a
/// panic) into a calm page in the person's language with the request id, or JSON under
/// `/api/`. Responses that already carry HTML or JSON (a form with its messages) pass.
pub async fn error_pages(req: Request, next: Next) -> Response {
    let is_api = req.uri().path().starts_with("/api/");
    // An API client says its language in Accept-Language; pages follow the language switch.
    let lang = if is_api {
        crate::web::api::lang_of_request(req.headers())
    } else {
        lang_of(req.headers())
    };
    let request_id = req
        .extensions()
        .get::<RequestId>()
        .map(|r| r.0.clone())
        .unwrap_or_default();
    let response = next.run(req).await;
    let status = response.status();
    if !(status.is_client_error() || status.is_server_error()) {
        return response;
    }
    let kind = response.extensions().get::<ErrorKind>().copied();
    let content_type = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let has_own_body =
        content_type.starts_with("text/html") || content_type.starts_with("application/json");
    if kind.is_none() && has_own_body {
        return response;
    }
    let kind = kind.unwrap_or_else(|| ErrorKind::from_status(status));
    if status.is_server_error()
        && kind == ErrorKind::Internal
        && response.extensions().get::<ErrorKind>().is_none()
    {
        tracing::error!(status = status.as_u16(), "server error outside a handler");
    }
    let (title, message, code) = match kind {
        ErrorKind::NotFound => (
            "error.not_found.title",
            "error.not_found.message",
            "not_found",
        ),
        ErrorKind::Forbidden => (
            "error.forbidden.title",
            "error.forbidden.message",
            "forbidden",
        ),
        ErrorKind::Csrf => ("error.csrf.title", "error.csrf.message", "csrf"),
        ErrorKind::BadRequest | ErrorKind::Other => (
            "error.bad_request.title",
            "error.bad_request.message",
            "bad_request",
        ),
        ErrorKind::Busy => ("error.busy.title", "error.busy.message", "busy"),
        ErrorKind::TooLarge => (
            "error.too_large.title",
            "error.too_large.message",
            "too_large",
        ),
        ErrorKind::Internal => ("error.internal.title", "error.internal.message", "internal"),
    };
    let mut out = if is_api {
        // The API's error shape: `error` is always a readable message.
        let body =
            serde_json::json!({ "error": lang.t(message), "code": code, "request_id": request_id });
        (status, axum::Json(body)).into_response()
    } else {
        let page = ErrorPage {
            lang,
            status: status.as_u16(),
            title: lang.t(title),
            message: lang.t(message),
            request_id,
        };
        match page.render() {
            Ok(html) => (status, Html(html)).into_response(),
            Err(e) => {
                tracing::error!(error = ?e, "rendering the error page failed");
                (StatusCode::INTERNAL_SERVER_ERROR, "error").into_response()
            }
        }
    };
    // Keep headers such as Allow (405) and Retry-After.
    for name in [header::ALLOW, header::RETRY_AFTER] {
        if let Some(v) = response.headers().get(&name) {
            out.headers_mut().insert(name, v.clone());
        }
    }
    out
}
