//! Every state-changing form needs the session's token and a same-origin request.
use reqwest::StatusCode;

use crate::helpers::{PASSWORD, spawn_app};

#[tokio::test]
async fn a_form_without_or_with_a_wrong_token_is_refused() {
    let app = spawn_app().await;
    app.signed_in_admin().await;
    let fields = [
        ("name", "偽の事業所"),
        ("prefecture", "千葉県"),
        ("address", "x"),
        ("phone", "0470000000"),
    ];
    let none = app.post_form("/offices", &fields).await;
    assert_eq!(none.status, StatusCode::FORBIDDEN);
    assert!(none.body.contains("安全のため"), "{}", none.body);
    let mut wrong = vec![("_csrf", "0".repeat(64))];
    wrong.extend(fields.iter().map(|(k, v)| (*k, v.to_string())));
    let wrong: Vec<(&str, &str)> = wrong.iter().map(|(k, v)| (*k, v.as_str())).collect();
    assert_eq!(
        app.post_form("/offices", &wrong).await.status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(app.count("offices").await, 0, "nothing was written");
}

#[tokio::test]
async fn a_token_from_another_session_does_not_work() {
    let app = spawn_app().await;
    app.setup_admin().await;
    // The attacker's own session token, planted in the victim's form.
    let attacker = app.new_client();
    let page = attacker
        .get(app.url("/login"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let foreign = crate::helpers::csrf_in(&page).unwrap();
    app.get("/login").await;
    let r = app
        .post_form(
            "/login",
            &[
                ("_csrf", &foreign),
                ("login", "admin"),
                ("password", PASSWORD),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn cross_site_posts_are_refused_even_with_a_token() {
    let app = spawn_app().await;
    app.setup_admin().await;
    let token = app.csrf("/login").await;
    let form = [
        ("_csrf", token.as_str()),
        ("login", "admin"),
        ("password", PASSWORD),
    ];
    let evil_origin = app
        .client
        .post(app.url("/login"))
        .header("origin", "http://evil.example")
        .form(&form)
        .send()
        .await
        .unwrap();
    assert_eq!(evil_origin.status(), StatusCode::FORBIDDEN);
    let cross_site = app
        .client
        .post(app.url("/login"))
        .header("sec-fetch-site", "cross-site")
        .form(&form)
        .send()
        .await
        .unwrap();
    assert_eq!(cross_site.status(), StatusCode::FORBIDDEN);
    let same = app
        .client
        .post(app.url("/login"))
        .header("origin", format!("http://{}", app.addr))
        .header("sec-fetch-site", "same-origin")
        .form(&form)
        .send()
        .await
        .unwrap();
    assert_eq!(
        same.status(),
        StatusCode::SEE_OTHER,
        "the same request from our own page works"
    );
}
