//! The setup page exists only while there is no staff account.
use reqwest::StatusCode;

use crate::helpers::{ADMIN_LOGIN, PASSWORD, spawn_app};

#[tokio::test]
async fn an_empty_database_sends_the_first_visit_to_setup() {
    let app = spawn_app().await;
    let home = app.get("/").await;
    assert_eq!(
        (home.status, home.location().as_str()),
        (StatusCode::SEE_OTHER, "/setup")
    );
    let login = app.get("/login").await;
    assert_eq!(login.location(), "/setup");
    let setup = app.get("/setup").await;
    assert_eq!(setup.status, StatusCode::OK);
    assert!(setup.body.contains("最初の管理者"));
}

#[tokio::test]
async fn setup_creates_the_organisation_and_admin_once() {
    let app = spawn_app().await;
    app.setup_admin().await;
    assert_eq!(app.count("organizations").await, 1);
    assert_eq!(app.count("staff").await, 1);
    // The page is gone: GET goes to sign-in, POST is refused.
    let again = app.get("/setup").await;
    assert_eq!(
        (again.status, again.location().as_str()),
        (StatusCode::SEE_OTHER, "/login")
    );
    let token = app.csrf("/login").await;
    let post = app
        .post_form(
            "/setup",
            &[
                ("_csrf", &token),
                ("organization_name", "乗っ取り"),
                ("display_name", "x"),
                ("login", "intruder"),
                ("email", "x@example.jp"),
                ("password", PASSWORD),
                ("password_confirm", PASSWORD),
            ],
        )
        .await;
    assert_eq!(post.status, StatusCode::NOT_FOUND);
    assert_eq!(app.count("staff").await, 1, "no second admin");
    let signed = app.login(ADMIN_LOGIN, PASSWORD).await;
    assert_eq!(signed.status, StatusCode::SEE_OTHER);
    assert_eq!(app.audit_rows("setup.complete").await.len(), 1);
}

#[tokio::test]
async fn setup_errors_are_per_field_and_keep_what_was_typed() {
    let app = spawn_app().await;
    let page = app
        .submit(
            "/setup",
            "/setup",
            &[
                ("organization_name", "みらい法人"),
                ("display_name", ""),
                ("login", "ab"),
                ("email", "not-an-email"),
                ("password", "short"),
                ("password_confirm", "different"),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    for message in [
        "入力してください。",
        "ログインIDは半角英数字",
        "メールアドレスの形が正しくありません",
        "パスワードは12文字以上",
        "パスワードが一致しません。",
    ] {
        assert!(page.body.contains(message), "missing {message}");
    }
    assert!(
        page.body.contains("value=\"みらい法人\""),
        "typed value kept"
    );
    assert!(page.body.contains("value=\"not-an-email\""));
    assert!(page.body.contains("aria-invalid=\"true\""));
    assert_eq!(app.count("staff").await, 0);
}
