//! A bounded HTTP fuzz over every route of the router (`teichaku::web::route_table()`), as
//! the administrator of an organisation with an office, a supporter and a client: each path
//! parameter replaced by bad ids and encodings, each route asked with its own method and a
//! wrong one, each POST sent with no body, a malformed body, invalid UTF-8, a body too large,
//! and with every form field name the pages use filled with a NUL byte, a control character,
//! a line break, a formula or text far too long; query strings with the same. The answer is
//! never a 5xx (#18). Deterministic (no random source), a few thousand requests, both engines.
use std::collections::BTreeSet;

use reqwest::{Method, StatusCode};

use crate::helpers::{csrf_in, spawn_app};

/// Values put in place of a path parameter.
const BAD_PARAMS: &[&str] = &[
    "0",
    "-1",
    "99999999999999999999",
    "abc",
    "%00",
    "%FF%FE",
    "1%0A",
    "%EF%BC%91",
    "0000-01",
    "9999-12",
    "2026-13",
    "..%2F..",
    "1.5",
    "%27%20OR%201%3D1",
];

/// Values put in every form field and query parameter.
const BAD_VALUES: &[&str] = &[
    "a\0b",
    "\u{1b}[31m",
    "line\r\nbreak",
    "=cmd|' /C calc'!A0",
    "-1",
    "0000-01-01",
    "9999-12-31",
    "99999999999999999999",
];

fn valid_param(name: &str) -> &'static str {
    match name {
        "month" => "2026-10",
        "fy" => "2026",
        "file" | "code" => "j11",
        _ => "1",
    }
}

/// The path with each `{param}` replaced: `bad` for the one at `index`, valid otherwise.
fn fill(path: &str, index: Option<usize>, bad: &str) -> String {
    let mut out = String::new();
    let mut rest = path;
    let mut i = 0;
    while let Some(start) = rest.find('{') {
        out.push_str(&rest[..start]);
        let end = rest[start..].find('}').map_or(rest.len(), |e| start + e);
        let name = &rest[start + 1..end];
        out.push_str(if Some(i) == index {
            bad
        } else {
            valid_param(name)
        });
        i += 1;
        rest = &rest[(end + 1).min(rest.len())..];
    }
    out.push_str(rest);
    out
}

fn encode(v: &str) -> String {
    teichaku::web::encode_query(v)
}

#[tokio::test]
async fn no_route_answers_5xx_to_bad_input() {
    let app = spawn_app().await;
    let (office, _sato, _client) = app.office_with_client().await;
    assert_eq!(office, 1);
    let routes = teichaku::web::route_table();
    // Every form field name the GET pages use.
    let mut names = BTreeSet::new();
    for r in routes.iter().filter(|r| r.method == Method::GET) {
        let page = app.get(&fill(r.path, None, "")).await;
        let mut body = page.body.as_str();
        while let Some(i) = body.find("name=\"") {
            body = &body[i + 6..];
            if let Some(end) = body.find('"') {
                let name = &body[..end];
                if !name.is_empty() && name != "_csrf" && name.len() < 40 {
                    names.insert(name.to_string());
                }
            }
        }
    }
    assert!(names.len() > 50, "{} field names found", names.len());
    let token = csrf_in(&app.get("/").await.body).expect("token");
    let mut requests = 0usize;
    let mut server_errors = Vec::new();
    let mut check = |what: String, status: StatusCode| {
        requests += 1;
        if status.is_server_error() {
            server_errors.push(format!("{status} {what}"));
        }
    };
    for r in &routes {
        // Sign-out would end the fuzzing session; its own tests cover it.
        if r.path == "/logout" {
            continue;
        }
        let params = r.path.matches('{').count();
        let mut paths = vec![fill(r.path, None, "")];
        for p in 0..params {
            for bad in BAD_PARAMS {
                paths.push(fill(r.path, Some(p), bad));
            }
        }
        for path in &paths {
            let url = app.url(path);
            let status = app
                .client
                .request(r.method.clone(), &url)
                .send()
                .await
                .map(|r| r.status())
                .unwrap_or(StatusCode::OK);
            check(format!("{} {path}", r.method), status);
        }
        let path = &paths[0];
        let url = app.url(path);
        // Another method.
        let other = if r.method == Method::GET {
            Method::POST
        } else {
            Method::GET
        };
        let status = app
            .client
            .request(other.clone(), &url)
            .send()
            .await
            .map(|r| r.status());
        check(format!("{other} {path}"), status.unwrap_or(StatusCode::OK));
        // Query strings.
        for v in BAD_VALUES {
            let q = format!(
                "{url}?q={0}&month={0}&action={0}&next={0}&fy={0}&office={0}",
                encode(v)
            );
            let status = app
                .client
                .request(r.method.clone(), &q)
                .send()
                .await
                .map(|r| r.status());
            check(
                format!("{} {path}?…{v:?}", r.method),
                status.unwrap_or(StatusCode::OK),
            );
        }
        if r.method != Method::POST {
            continue;
        }
        let raw_bodies: Vec<Vec<u8>> = vec![
            Vec::new(),
            b"%%%&&&==".to_vec(),
            format!("_csrf={token}&x=%FF%FE%80").into_bytes(),
            format!("_csrf={token}&x={}", "a".repeat(1_100_000)).into_bytes(),
        ];
        for body in raw_bodies {
            let status = app
                .client
                .post(&url)
                .header("content-type", "application/x-www-form-urlencoded")
                .body(body)
                .send()
                .await
                .map(|r| r.status());
            check(
                format!("POST {path} raw body"),
                status.unwrap_or(StatusCode::OK),
            );
        }
        let mut long = "長".repeat(400);
        long.push('\0');
        for v in BAD_VALUES.iter().copied().chain([long.as_str()]) {
            let mut form: Vec<(&str, &str)> = vec![("_csrf", token.as_str())];
            form.extend(names.iter().map(|n| (n.as_str(), v)));
            let status = app
                .client
                .post(&url)
                .form(&form)
                .send()
                .await
                .map(|r| r.status());
            check(
                format!(
                    "POST {path} every field = {:?}",
                    v.chars().take(20).collect::<String>()
                ),
                status.unwrap_or(StatusCode::OK),
            );
        }
    }
    println!(
        "fuzz: {requests} requests over {} routes, {} 5xx",
        routes.len(),
        server_errors.len()
    );
    assert!(
        server_errors.is_empty(),
        "{} of {requests} requests answered 5xx:\n{}",
        server_errors.len(),
        server_errors.join("\n")
    );
}
