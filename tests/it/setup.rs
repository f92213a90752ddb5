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

/// Issue 12, item 8: only the holder of the token printed on the console can run the setup,
/// and the administrator goes on signed in, to the first-day checklist.
#[tokio::test]
async fn only_the_console_token_sets_up_and_the_admin_stays_signed_in() {
    let app = spawn_app().await;
    let token = app.setup_token().await;
    assert_eq!(app.setup_token().await, token, "the same token until setup");
    let form = |t: &'static str| {
        vec![
            ("setup_token", t),
            ("organization_name", "みらい法人"),
            ("display_name", "管理 花子"),
            ("login", "hanako.admin"),
            ("email", "hanako@example.jp"),
            ("password", PASSWORD),
            ("password_confirm", PASSWORD),
        ]
    };
    for wrong in ["", "0123456789abcdef"] {
        let page = app.submit("/setup", "/setup", &form(wrong)).await;
        assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY, "{wrong:?}");
        assert!(page.body.contains("id=\"e-setup_token\""), "{}", page.body);
        assert!(
            !page.body.contains(&token),
            "the page never shows the token"
        );
    }
    assert_eq!(app.count("staff").await, 0);
    // The printed address fills the token in.
    let prefilled = app.get(&format!("/setup?token={token}")).await;
    assert!(prefilled.body.contains(&format!("value=\"{token}\"")));
    let token: &'static str = Box::leak(token.into_boxed_str());
    let done = app.submit("/setup", "/setup", &form(token)).await;
    assert_eq!(
        (done.status, done.location().as_str()),
        (StatusCode::SEE_OTHER, "/?n=setup")
    );
    // Signed in: the home page with the checklist, never "まだ事業所に所属していません".
    let home = app.get("/?n=setup").await;
    assert_eq!(home.status, StatusCode::OK);
    assert!(home.body.contains("id=\"welcome\"") && home.body.contains("管理 花子"));
    assert!(home.body.contains("id=\"first-day\""));
    assert!(!home.body.contains("まだ事業所に所属していません"));
    assert_eq!(app.get("/staff").await.status, StatusCode::OK, "as admin");
    assert_eq!(app.audit_rows("auth.sign_in").await.len(), 1);
    // The token is spent.
    let left: i64 = teichaku::on_db!(&app.state.db, pool => sqlx::query_scalar(
        "SELECT COUNT(*) FROM app_secrets WHERE name = 'setup_token'")
        .fetch_one(pool).await)
    .expect("count");
    assert_eq!(left, 0);
    assert!(
        teichaku::web::platform::setup::issue_setup_token(&app.state.db)
            .await
            .expect("query")
            .is_none(),
        "no token once set up"
    );
}

/// The checklist follows the records: each step is done when the record exists, and the
/// list goes away when all five are done. Only the administrator sees it.
#[tokio::test]
async fn the_first_day_checklist_follows_the_records() {
    let app = spawn_app().await;
    app.signed_in_admin().await;
    let steps = |body: &str| -> Vec<bool> {
        ["office", "area_grade", "staff", "claim_master", "client"]
            .iter()
            .map(|s| {
                let at = body.find(&format!("id=\"step-{s}\"")).expect("step");
                body[at - 40..at].contains("done")
            })
            .collect()
    };
    let home = app.get("/").await.body;
    assert_eq!(steps(&home), [false; 5]);
    let office = app.create_office("西船橋").await;
    let sato = app.create_staff("sato", office, "supporter").await;
    let home = app.get("/").await.body;
    assert_eq!(steps(&home), [true, false, true, false, false]);
    assert!(home.contains(&format!("href=\"/offices/{office}/claim-settings\"")));
    teichaku::on_db!(&app.state.db, pool => sqlx::query(
        "UPDATE claim_master SET service_code = '431111' WHERE item = 'initial'")
        .execute(pool).await.map(|_| ()))
    .expect("code");
    let graded = app
        .submit(
            &format!("/offices/{office}/claim-settings"),
            &format!("/offices/{office}/claim-settings/area-grade"),
            &[("area_grade", "6"), ("grade_from", "2024-04-01")],
        )
        .await;
    assert_eq!(graded.status, StatusCode::SEE_OTHER, "{}", graded.body);
    app.register_client(office, "山田 花子", "やまだ はなこ", sato)
        .await;
    let home = app.get("/").await.body;
    assert!(
        !home.contains("id=\"first-day\""),
        "all done: the list is gone"
    );
    let supporter = app.signed_in_as("sato").await;
    assert!(!supporter.get("/").await.body.contains("id=\"first-day\""));
}
