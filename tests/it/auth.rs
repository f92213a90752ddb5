//! Sign-in, sign-out, session rotation and idle timeout, and the failure rate limits.
use reqwest::StatusCode;

use crate::helpers::{ADMIN_LOGIN, PASSWORD, spawn_app, spawn_app_with};

fn session_cookie(page: &crate::helpers::Page) -> Option<String> {
    page.headers
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|c| c.starts_with("teichaku_session="))
        .map(|c| c.to_string())
}

#[tokio::test]
async fn sign_in_starts_a_new_session_with_safe_cookie_flags() {
    let app = spawn_app().await;
    app.setup_admin().await;
    let browser = app.another_browser();
    let login_page = browser.get("/login").await;
    let before = session_cookie(&login_page).expect("a session for the form's token");
    let signed = browser.login(ADMIN_LOGIN, PASSWORD).await;
    assert_eq!(
        (signed.status, signed.location().as_str()),
        (StatusCode::SEE_OTHER, "/")
    );
    let after = session_cookie(&signed).expect("a new session cookie at sign-in");
    assert_ne!(
        before.split(';').next(),
        after.split(';').next(),
        "session id rotated"
    );
    for flag in ["HttpOnly", "SameSite=Lax", "Path=/"] {
        assert!(after.contains(flag), "{after}");
    }
    assert!(!after.contains("Secure"), "plain http in tests");
    let home = browser.get("/").await;
    assert_eq!(home.status, StatusCode::OK);
    assert!(home.body.contains("管理 太郎"));
    // One at the setup (the administrator goes on signed in), one here.
    assert_eq!(app.audit_rows("auth.sign_in").await.len(), 2);
}

#[tokio::test]
async fn cookies_are_secure_when_served_over_https() {
    let app = spawn_app_with(|c| c.public_url = "https://teichaku.example.jp".into()).await;
    let page = app.get("/setup").await;
    let cookie = session_cookie(&page).expect("cookie");
    assert!(cookie.contains("; Secure"), "{cookie}");
    assert!(page.headers.get("strict-transport-security").is_some());
}

#[tokio::test]
async fn sign_in_is_case_insensitive_for_the_id_and_goes_back_to_next() {
    let app = spawn_app().await;
    app.setup_admin().await;
    let page = app
        .submit(
            "/login",
            "/login",
            &[
                ("login", "ADMIN"),
                ("password", PASSWORD),
                ("next", "/offices"),
            ],
        )
        .await;
    assert_eq!(page.location(), "/offices");
    let app2 = spawn_app().await;
    app2.setup_admin().await;
    let page = app2
        .submit(
            "/login",
            "/login",
            &[
                ("login", "admin"),
                ("password", PASSWORD),
                ("next", "https://evil.example/"),
            ],
        )
        .await;
    assert_eq!(page.location(), "/", "never redirected off-site");
}

#[tokio::test]
async fn a_wrong_password_is_refused_with_a_clear_message_and_audited() {
    let app = spawn_app().await;
    app.setup_admin().await;
    let page = app.login(ADMIN_LOGIN, "wrong password here").await;
    assert_eq!(page.status, StatusCode::UNAUTHORIZED);
    assert!(page.body.contains("ログインIDまたはパスワードが違います。"));
    assert!(
        page.body.contains("value=\"admin\""),
        "the sign-in id is kept"
    );
    let unknown = app.login("nobody", PASSWORD).await;
    assert_eq!(
        unknown.status,
        StatusCode::UNAUTHORIZED,
        "unknown accounts look the same"
    );
    let failed = app.audit_rows("auth.sign_in_failed").await;
    assert_eq!(failed.len(), 2);
    assert_eq!(failed[0].0, "admin");
    assert!(
        app.get("/offices").await.location().starts_with("/login"),
        "still signed out"
    );
}

#[tokio::test]
async fn repeated_failures_lock_the_account_for_a_while() {
    let app = spawn_app().await;
    app.setup_admin().await;
    for _ in 0..5 {
        assert_eq!(
            app.login(ADMIN_LOGIN, "wrong password here").await.status,
            StatusCode::UNAUTHORIZED
        );
    }
    // Even the right password is not checked now.
    let page = app.login(ADMIN_LOGIN, PASSWORD).await;
    assert_eq!(page.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(page.body.contains("15分ほど待って"), "{}", page.body);
    assert!(page.headers.get("retry-after").is_some());
    assert_eq!(app.audit_rows("auth.sign_in_throttled").await.len(), 1);
    // After the window the account works again.
    teichaku::on_db!(&app.state.db, pool => sqlx::query("UPDATE login_failures SET at = $1")
        .bind(teichaku::clock::now() - time::Duration::minutes(16)).execute(pool).await.map(|r| r.rows_affected())).unwrap();
    assert_eq!(
        app.login(ADMIN_LOGIN, PASSWORD).await.status,
        StatusCode::SEE_OTHER
    );
}

#[tokio::test]
async fn many_failures_from_one_address_are_limited_across_accounts() {
    let app = spawn_app().await;
    app.setup_admin().await;
    for i in 0..20 {
        let page = app.login(&format!("guess{i}"), "wrong password here").await;
        assert_eq!(page.status, StatusCode::UNAUTHORIZED);
    }
    let page = app.login(ADMIN_LOGIN, PASSWORD).await;
    assert_eq!(
        page.status,
        StatusCode::TOO_MANY_REQUESTS,
        "the address is throttled"
    );
}

#[tokio::test]
async fn sign_out_ends_the_session_on_the_server() {
    let app = spawn_app().await;
    app.signed_in_admin().await;
    let home = app.get("/").await;
    let token = crate::helpers::csrf_in(&home.body).expect("sign-out form token");
    // This browser's session and the setup browser's.
    assert_eq!(app.count("sessions").await, 2);
    let out = app.post_form("/logout", &[("_csrf", &token)]).await;
    assert_eq!(out.location(), "/login?n=signed_out");
    assert_eq!(app.count("sessions").await, 1, "this session's row is gone");
    assert!(app.get("/offices").await.location().starts_with("/login"));
    assert_eq!(app.audit_rows("auth.sign_out").await.len(), 1);
}

#[tokio::test]
async fn an_idle_session_expires() {
    let app = spawn_app_with(|c| c.session_idle_minutes = 30).await;
    app.signed_in_admin().await;
    assert_eq!(app.get("/offices").await.status, StatusCode::OK);
    teichaku::on_db!(&app.state.db, pool => sqlx::query("UPDATE sessions SET last_seen_at = $1")
        .bind(teichaku::clock::now() - time::Duration::minutes(31)).execute(pool).await.map(|r| r.rows_affected())).unwrap();
    let page = app.get("/offices").await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    assert_eq!(page.location(), "/login?next=/offices");
    // This browser's row is gone; the setup browser's waits for its own next request.
    assert_eq!(app.count("sessions").await, 1);
}

#[tokio::test]
async fn staff_change_their_own_password() {
    let app = spawn_app().await;
    app.signed_in_admin().await;
    let bad = app
        .submit(
            "/account/password",
            "/account/password",
            &[
                ("current_password", "not my password"),
                ("password", "new password that is long"),
                ("password_confirm", "new password that is long"),
            ],
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.body.contains("現在のパスワードが違います。"));
    let ok = app
        .submit(
            "/account/password",
            "/account/password",
            &[
                ("current_password", PASSWORD),
                ("password", "new password that is long"),
                ("password_confirm", "new password that is long"),
            ],
        )
        .await;
    assert_eq!(ok.status, StatusCode::SEE_OTHER);
    assert_eq!(
        spawn_check_login(&app, PASSWORD).await,
        StatusCode::UNAUTHORIZED,
        "old password refused"
    );
    assert_eq!(
        spawn_check_login(&app, "new password that is long").await,
        StatusCode::SEE_OTHER
    );
}

/// Signs in from a second browser and returns the status.
async fn spawn_check_login(app: &crate::helpers::TestApp, password: &str) -> StatusCode {
    let c = app.new_client();
    let page = c
        .get(app.url("/login"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let token = crate::helpers::csrf_in(&page).expect("token");
    c.post(app.url("/login"))
        .form(&[
            ("_csrf", token.as_str()),
            ("login", ADMIN_LOGIN),
            ("password", password),
        ])
        .send()
        .await
        .unwrap()
        .status()
}
