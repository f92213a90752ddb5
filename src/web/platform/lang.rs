//! The language switch: a link that sets the `lang` cookie and comes back.
use axum::{
    extract::{Path, Query},
    http::{HeaderValue, header},
    response::{IntoResponse, Response},
};
use serde::Deserialize;

use crate::error::AppError;
use crate::web::{safe_next, see_other};

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct LangQuery {
    pub next: String,
}

pub async fn switch_lang(
    Path(code): Path<String>,
    Query(q): Query<LangQuery>,
) -> Result<Response, AppError> {
    if code != "ja" && code != "en" {
        return Err(AppError::NotFound);
    }
    let mut response = see_other(safe_next(&q.next)).into_response();
    let cookie = format!("lang={code}; Path=/; Max-Age=31536000; SameSite=Lax");
    if let Ok(v) = HeaderValue::from_str(&cookie) {
        response.headers_mut().append(header::SET_COOKIE, v);
    }
    Ok(response)
}
