//! The public rules API (`/api/v1/rules/…`): no sign-in, answers computed from the request
//! alone, described by `/api/openapi.json`.

pub mod api_rules;

use axum::http::{HeaderMap, header};

use crate::i18n::Lang;
use crate::web::access::{Policy, Routes};
use crate::web::ctx::lang_cookie;

pub fn routes() -> Routes {
    Routes::new()
        .get("/api/openapi.json", Policy::Public, api_rules::openapi)
        .get(
            "/api/v1/rules/service-window",
            Policy::Public,
            api_rules::service_window,
        )
        .post(
            "/api/v1/rules/eligibility",
            Policy::Public,
            api_rules::eligibility,
        )
        .get(
            "/api/v1/rules/user-charge",
            Policy::Public,
            api_rules::user_charge,
        )
        .get(
            "/api/v1/rules/reward-tier",
            Policy::Public,
            api_rules::reward_tier,
        )
}

/// The language of an API answer: the `lang` cookie (the site's language switch) when set,
/// else the first of Japanese and English in `Accept-Language` by preference, else Japanese.
pub fn lang_of_request(headers: &HeaderMap) -> Lang {
    lang_cookie(headers)
        .or_else(|| accept_language(headers))
        .unwrap_or(Lang::Ja)
}

/// The most preferred of Japanese and English in `Accept-Language` (RFC 9110 §12.5.4): the
/// highest `q`, the earlier one on a tie; `q=0` means "not this one".
fn accept_language(headers: &HeaderMap) -> Option<Lang> {
    let mut best: Option<(Lang, u16)> = None;
    for value in headers.get_all(header::ACCEPT_LANGUAGE) {
        let Ok(value) = value.to_str() else { continue };
        for item in value.split(',') {
            let mut parts = item.split(';');
            let tag = parts.next().unwrap_or("").trim().to_ascii_lowercase();
            let lang = match tag.split('-').next() {
                Some("ja") => Lang::Ja,
                Some("en") => Lang::En,
                _ => continue,
            };
            let q = parts
                .filter_map(|p| p.trim().strip_prefix("q="))
                .next()
                .map_or(1000, quality);
            if q > 0 && best.is_none_or(|(_, b)| q > b) {
                best = Some((lang, q));
            }
        }
    }
    best.map(|(lang, _)| lang)
}

/// A `q` value in thousandths (`0.8` → 800); an unreadable one counts as 0.
fn quality(text: &str) -> u16 {
    let text = text.trim();
    let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
    let digits = fraction.bytes().all(|b| b.is_ascii_digit()) && fraction.len() <= 3;
    match whole {
        "1" if digits => 1000,
        "0" if digits => format!("{fraction:0<3}").parse().unwrap_or(0),
        _ => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lang(accept: &str, cookie: Option<&str>) -> Lang {
        let mut h = HeaderMap::new();
        h.insert(header::ACCEPT_LANGUAGE, accept.parse().expect("header"));
        if let Some(c) = cookie {
            h.insert(header::COOKIE, c.parse().expect("header"));
        }
        lang_of_request(&h)
    }

    #[test]
    fn the_cookie_then_accept_language_then_japanese() {
        assert_eq!(lang("en", None), Lang::En);
        assert_eq!(lang("en-US,en;q=0.9", None), Lang::En);
        assert_eq!(lang("fr-FR,fr;q=0.9,en;q=0.8,ja;q=0.7", None), Lang::En);
        assert_eq!(lang("ja,en;q=0.9", None), Lang::Ja);
        assert_eq!(lang("en;q=0.5,ja;q=0.9", None), Lang::Ja);
        assert_eq!(lang("en;q=0,fr", None), Lang::Ja);
        assert_eq!(lang("de", None), Lang::Ja);
        assert_eq!(lang("", None), Lang::Ja);
        assert_eq!(lang("en;q=abc", None), Lang::Ja);
        assert_eq!(lang("en", Some("lang=ja")), Lang::Ja);
        assert_eq!(lang("ja", Some("sid=1; lang=en")), Lang::En);
        assert_eq!(lang("en", Some("lang=xx")), Lang::En);
    }

    #[test]
    fn quality_values() {
        for (text, q) in [
            ("1", 1000),
            ("1.000", 1000),
            ("0.8", 800),
            ("0.25", 250),
            ("0", 0),
            ("0.", 0),
            ("2", 0),
            ("-1", 0),
            ("0.1234", 0),
        ] {
            assert_eq!(quality(text), q, "{text}");
        }
    }
}
