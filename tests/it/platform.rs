//! Health endpoints, security headers, error pages, the language switch.
use reqwest::StatusCode;

use crate::helpers::spawn_app;

#[tokio::test]
async fn health_and_readiness() {
    let app = spawn_app().await;
    let h = app.get("/healthz").await;
    assert_eq!((h.status, h.body.as_str()), (StatusCode::OK, "ok"));
    let r = app.get("/readyz").await;
    assert_eq!((r.status, r.body.as_str()), (StatusCode::OK, "ready"));
    app.state.db.close().await;
    let r = app.get("/readyz").await;
    assert_eq!(
        r.status,
        StatusCode::SERVICE_UNAVAILABLE,
        "closed pool is not ready"
    );
}

#[tokio::test]
async fn every_page_has_security_headers() {
    let app = spawn_app().await;
    for path in ["/setup", "/login", "/no-such-page", "/healthz"] {
        let page = app.get(path).await;
        let h = &page.headers;
        let csp = h
            .get("content-security-policy")
            .and_then(|v| v.to_str().ok())
            .unwrap_or("");
        assert!(
            csp.contains("default-src 'self'") && csp.contains("frame-ancestors 'none'"),
            "{path}: {csp}"
        );
        assert_eq!(h.get("x-frame-options").unwrap(), "DENY", "{path}");
        assert_eq!(
            h.get("x-content-type-options").unwrap(),
            "nosniff",
            "{path}"
        );
        assert_eq!(h.get("referrer-policy").unwrap(), "same-origin", "{path}");
        assert!(h.get("x-request-id").is_some(), "{path}");
    }
}

#[tokio::test]
async fn unknown_pages_get_a_calm_japanese_404_with_the_request_id() {
    let app = spawn_app().await;
    let page = app.get("/no-such-page").await;
    assert_eq!(page.status, StatusCode::NOT_FOUND);
    assert!(
        page.body.contains("ページが見つかりません"),
        "{}",
        page.body
    );
    let id = page
        .headers
        .get("x-request-id")
        .unwrap()
        .to_str()
        .unwrap()
        .to_string();
    assert!(page.body.contains(&id), "the page shows the request id");
}

#[tokio::test]
async fn api_errors_are_json() {
    let app = spawn_app().await;
    let r = app
        .client
        .get(app.url("/api/v1/nothing"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    assert!(
        r.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("application/json")
    );
    let body: serde_json::Value = r.json().await.unwrap();
    assert_eq!(body["code"], "not_found");
    assert!(body["error"].as_str().unwrap().contains("見つかりません"));
    assert!(!body["request_id"].as_str().unwrap().is_empty());
}

#[tokio::test]
async fn english_is_selectable_and_sticks() {
    let app = spawn_app().await;
    let ja = app.get("/setup").await;
    assert!(ja.body.contains("<html lang=\"ja\">") && ja.body.contains("初期設定"));
    let switch = app.get("/lang/en?next=/setup").await;
    assert_eq!(switch.status, StatusCode::SEE_OTHER);
    assert_eq!(switch.location(), "/setup");
    let en = app.get("/setup").await;
    assert!(
        en.body.contains("<html lang=\"en\">") && en.body.contains("First-time setup"),
        "{}",
        en.body
    );
    // The switch never sends people off-site.
    let evil = app.get("/lang/ja?next=//evil.example").await;
    assert_eq!(evil.location(), "/");
}

#[tokio::test]
async fn garbage_and_oversized_bodies_get_calm_pages_not_500s() {
    let app = spawn_app().await;
    let token = app.csrf("/setup").await;
    let garbage = app
        .client
        .post(app.url("/setup"))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(format!(
            "_csrf={token}&organization_name=%ZZ%%&&=&password=%FF%FE"
        ))
        .send()
        .await
        .unwrap();
    assert!(!garbage.status().is_server_error(), "{}", garbage.status());
    let huge = "a".repeat(2 * 1024 * 1024);
    let r = app
        .client
        .post(app.url("/setup"))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(format!("_csrf={token}&organization_name={huge}"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::PAYLOAD_TOO_LARGE);
    let body = r.text().await.unwrap();
    assert!(
        body.contains("受付番号") && body.contains("<html lang=\"ja\">"),
        "{body}"
    );
    assert_eq!(app.count("organizations").await, 0);
}
