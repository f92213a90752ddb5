//! The public pages that change rarely (the office finder, an office's page, the guide) are
//! cacheable (#13): each answer carries an `ETag` and a `Last-Modified` from the public
//! version (`store::public_version`), a request whose `If-None-Match` names the current tag
//! gets 304 without a page being made, and each node keeps the pages it made in memory
//! until the version moves on. The version is one primary-key row every write to an office
//! or the guide moves on in its own transaction, and every request reads it: a change made
//! on one node is seen by every node at its next request, with no message between them.
//!
//! Reading the version is itself most of what a kept page costs, so a node reads it at most
//! once per `TEICHAKU_PUBLIC_RECHECK_MS` (1 s by default) and trusts it in between: a change
//! reaches every node's public pages within that time (0 reads it on every request).
//!
//! Only anonymous visitors' pages are kept (a signed-in person's page has their name and a
//! form token in it), keyed by language and path with query.
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use axum::body::Bytes;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use time::OffsetDateTime;
use time::macros::format_description;

use crate::error::AppResult;
use crate::store;
use crate::web::ctx::Ctx;

/// Pages kept per node at most; past it the cache starts again (a page is cheap to make,
/// the bound only keeps a crawler of every query string from growing memory).
const MAX_PAGES: usize = 2_000;

/// The pages one node made, for one public version.
#[derive(Debug, Default, Clone)]
pub struct PublicCache {
    inner: Arc<Mutex<Pages>>,
}

#[derive(Debug, Default)]
struct Pages {
    version: i64,
    pages: HashMap<String, Bytes>,
    /// The version and its time last read from the database, and when.
    read: Option<(std::time::Instant, i64, i64)>,
}

impl PublicCache {
    /// The version read less than `within` ago, if any.
    fn recent_version(&self, within: std::time::Duration) -> Option<(i64, i64)> {
        let pages = self.inner.lock().ok()?;
        let (at, version, changed_at) = pages.read?;
        (at.elapsed() < within).then_some((version, changed_at))
    }

    fn version_read(&self, version: i64, changed_at: i64) {
        if let Ok(mut pages) = self.inner.lock() {
            pages.read = Some((std::time::Instant::now(), version, changed_at));
        }
    }

    /// The page kept for `key` made at `version`, if any.
    fn get(&self, version: i64, key: &str) -> Option<Bytes> {
        let pages = self.inner.lock().ok()?;
        (pages.version == version)
            .then(|| pages.pages.get(key).cloned())
            .flatten()
    }

    fn put(&self, version: i64, key: String, body: Bytes) {
        let Ok(mut pages) = self.inner.lock() else {
            return;
        };
        if pages.version != version || pages.pages.len() >= MAX_PAGES {
            if version < pages.version {
                return; // made from an older version by a slow request
            }
            pages.version = version;
            pages.pages.clear();
        }
        pages.pages.insert(key, body);
    }
}

/// The entity tag of a page at `version` in the visitor's language.
fn etag(version: i64, lang: &str) -> String {
    format!("\"p{version}-{lang}\"")
}

/// `Last-Modified` (IMF-fixdate, RFC 9110 §5.6.7) of Unix seconds.
fn http_date(unix: i64) -> String {
    let at = OffsetDateTime::from_unix_timestamp(unix).unwrap_or(OffsetDateTime::UNIX_EPOCH);
    at.format(format_description!(
        "[weekday repr:short], [day] [month repr:short] [year] [hour]:[minute]:[second] GMT"
    ))
    .unwrap_or_default()
}

/// True when `If-None-Match` names `tag` (or is `*`).
fn matches(headers: &HeaderMap, tag: &str) -> bool {
    headers
        .get_all(header::IF_NONE_MATCH)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(|t| t.trim().trim_start_matches("W/"))
        .any(|t| t == tag || t == "*")
}

/// Answers a public page: 304 when the visitor has it, else the kept page, else the one
/// `render` makes (then kept). A signed-in visitor's page is made each time, not kept.
pub async fn serve<F>(ctx: &Ctx, headers: &HeaderMap, key: &str, render: F) -> AppResult<Response>
where
    F: AsyncFnOnce() -> AppResult<String>,
{
    let personal = ctx.session.principal().is_some()
        || ctx.session.portal().is_some()
        || ctx.session.existing_csrf().is_some()
        || ctx.notice.is_some();
    if personal {
        return Ok(html(render().await?));
    }
    let cache = &ctx.app.public_cache;
    let recheck = std::time::Duration::from_millis(ctx.app.config.public_recheck_ms);
    let (version, changed_at) = match cache.recent_version(recheck) {
        Some(known) => known,
        None => {
            let (version, changed_at) = store::public_version::current(&ctx.app.db).await?;
            cache.version_read(version, changed_at);
            (version, changed_at)
        }
    };
    let lang = ctx.lang.code();
    let tag = etag(version, lang);
    let validators = |mut response: Response| {
        let h = response.headers_mut();
        for (name, value) in [
            (header::ETAG, tag.clone()),
            (header::LAST_MODIFIED, http_date(changed_at)),
            // Kept by the browser, asked again each time (the 304 is the cheap answer).
            (header::CACHE_CONTROL, "no-cache".to_string()),
            // The language comes from a cookie.
            (header::VARY, "Cookie".to_string()),
        ] {
            if let Ok(v) = HeaderValue::from_str(&value) {
                h.insert(name, v);
            }
        }
        response
    };
    if matches(headers, &tag) {
        return Ok(validators(StatusCode::NOT_MODIFIED.into_response()));
    }
    let key = format!("{lang} {key}");
    let body = match cache.get(version, &key) {
        Some(body) => body,
        None => {
            let body = Bytes::from(render().await?);
            cache.put(version, key, body.clone());
            body
        }
    };
    Ok(validators(html(body)))
}

fn html(body: impl Into<axum::body::Body>) -> Response {
    (
        [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
        body.into(),
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_imf_fixdates() {
        assert_eq!(http_date(784_111_777), "Sun, 06 Nov 1994 08:49:37 GMT");
        assert_eq!(http_date(0), "Thu, 01 Jan 1970 00:00:00 GMT");
    }

    #[test]
    fn if_none_match_names_the_tag_among_others_or_weakly() {
        let tag = etag(7, "ja");
        let with = |v: &str| {
            let mut h = HeaderMap::new();
            h.insert(
                header::IF_NONE_MATCH,
                HeaderValue::from_str(v).expect("value"),
            );
            h
        };
        assert!(matches(&with("\"p7-ja\""), &tag));
        assert!(matches(&with("\"x\", W/\"p7-ja\""), &tag));
        assert!(matches(&with("*"), &tag));
        assert!(!matches(&with("\"p6-ja\""), &tag));
        assert!(!matches(&with("\"p7-en\""), &tag));
        assert!(!matches(&HeaderMap::new(), &tag));
    }

    #[test]
    fn a_new_version_starts_the_cache_again_and_an_old_one_is_not_kept() {
        let cache = PublicCache::default();
        let page = |s: &'static str| Bytes::from_static(s.as_bytes());
        cache.put(2, "ja /find".into(), page("a"));
        assert_eq!(cache.get(2, "ja /find"), Some(page("a")));
        assert_eq!(cache.get(3, "ja /find"), None);
        cache.put(3, "ja /guide".into(), page("b"));
        assert_eq!(cache.get(3, "ja /find"), None);
        cache.put(2, "ja /find".into(), page("old"));
        assert_eq!(cache.get(3, "ja /find"), None, "an older page is not kept");
        assert_eq!(cache.get(3, "ja /guide"), Some(page("b")));
    }
}
