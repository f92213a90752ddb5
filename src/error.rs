//! The one error type of the web layer.
//!
//! Error policy:
//! - A validation failure is not an error: the handler re-renders its form with field
//!   messages and status 422.
//! - `AppError` is for everything else. What the person sees is a calm page in their
//!   language (or JSON under `/api/`) with the request id, never internals. The cause of an
//!   internal error is logged, inside the request's span, so the id leads to it.
//! - Handlers return `AppError`; `IntoResponse` only records which kind it was. The page
//!   itself is drawn by `web::middleware::error_pages`, the middleware that knows the
//!   request id and the language.

use axum::{
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
};

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// Not signed in: HTML pages go to the sign-in page.
    #[error("sign-in required")]
    SignInRequired { next: String },
    /// Not signed in to the portal (a client's or employer contact's page).
    #[error("portal sign-in required")]
    PortalSignInRequired { next: String },
    /// Signed in but not allowed.
    #[error("forbidden")]
    Forbidden,
    #[error("not found")]
    NotFound,
    /// The form's CSRF token or origin did not match the session.
    #[error("CSRF check failed")]
    Csrf,
    /// A request that cannot be understood (malformed form body, bad path parameter).
    #[error("bad request: {0}")]
    BadRequest(String),
    /// The request body is larger than the limit.
    #[error("request body too large")]
    TooLarge,
    /// Too much is asked at once (password hashing, `web::hashing`): 503 with Retry-After.
    #[error("busy")]
    Busy,
    /// The request body did not arrive in time (`web::middleware::body_deadline`).
    #[error("request body timed out")]
    RequestTimeout,
    /// Anything unexpected: the database, a bug. Logged, shown as a calm 500.
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

impl From<sqlx::Error> for AppError {
    fn from(e: sqlx::Error) -> Self {
        AppError::Internal(e.into())
    }
}

/// What went wrong, attached to the response for the error-page middleware.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    Forbidden,
    NotFound,
    Csrf,
    BadRequest,
    TooLarge,
    /// 503 with Retry-After: a bound on concurrent work was reached.
    Busy,
    Internal,
    /// A status produced outside our handlers (an extractor rejection, 405, 413, a panic).
    Other,
}

impl ErrorKind {
    pub fn from_status(status: StatusCode) -> ErrorKind {
        match status {
            StatusCode::FORBIDDEN => ErrorKind::Forbidden,
            StatusCode::NOT_FOUND => ErrorKind::NotFound,
            StatusCode::BAD_REQUEST => ErrorKind::BadRequest,
            StatusCode::PAYLOAD_TOO_LARGE => ErrorKind::TooLarge,
            s if s.is_server_error() => ErrorKind::Internal,
            _ => ErrorKind::Other,
        }
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let (status, kind) = match &self {
            AppError::SignInRequired { next } => {
                let target = format!("/login?next={}", crate::web::encode_query(next));
                return Redirect::to(&target).into_response();
            }
            AppError::PortalSignInRequired { next } => {
                let target = format!("/portal/login?next={}", crate::web::encode_query(next));
                return Redirect::to(&target).into_response();
            }
            AppError::Forbidden => (StatusCode::FORBIDDEN, ErrorKind::Forbidden),
            AppError::NotFound => (StatusCode::NOT_FOUND, ErrorKind::NotFound),
            AppError::Csrf => (StatusCode::FORBIDDEN, ErrorKind::Csrf),
            AppError::BadRequest(why) => {
                tracing::info!(%why, "bad request");
                (StatusCode::BAD_REQUEST, ErrorKind::BadRequest)
            }
            AppError::TooLarge => (StatusCode::PAYLOAD_TOO_LARGE, ErrorKind::TooLarge),
            AppError::Busy => {
                tracing::warn!("refused: password hashing is at its bound");
                let mut response = StatusCode::SERVICE_UNAVAILABLE.into_response();
                response.headers_mut().insert(
                    axum::http::header::RETRY_AFTER,
                    axum::http::HeaderValue::from(5),
                );
                response.extensions_mut().insert(ErrorKind::Busy);
                return response;
            }
            AppError::RequestTimeout => {
                tracing::info!("request body timed out");
                (StatusCode::REQUEST_TIMEOUT, ErrorKind::Other)
            }
            AppError::Internal(e) => {
                tracing::error!(error = ?e, "internal error");
                (StatusCode::INTERNAL_SERVER_ERROR, ErrorKind::Internal)
            }
        };
        let mut response = status.into_response();
        response.extensions_mut().insert(kind);
        response
    }
}

pub type AppResult<T> = Result<T, AppError>;
