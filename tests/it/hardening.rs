//! The defects of issue #18 (found by probing Teichaku as an attacker would), one test each:
//! every test here failed before its fix.
use reqwest::StatusCode;

use crate::helpers::{ADMIN_LOGIN, csrf_in, spawn_app};

/// 20 wrong passwords sent at once: the throttle reserves each attempt before the password
/// is checked, so at most the account's limit (5) are ever verified.
#[tokio::test]
async fn parallel_wrong_passwords_are_verified_at_most_the_limit() {
    let app = spawn_app().await;
    app.setup_admin().await;
    // One browser (and CSRF token) per attempt, prepared before the burst.
    let mut prepared = Vec::new();
    for _ in 0..20 {
        let browser = app.new_client();
        let page = browser
            .get(app.url("/login"))
            .send()
            .await
            .expect("GET /login")
            .text()
            .await
            .expect("body");
        prepared.push((browser, csrf_in(&page).expect("token")));
    }
    let attempts = prepared.into_iter().map(|(browser, token)| {
        let url = app.url("/login");
        tokio::spawn(async move {
            browser
                .post(url)
                .form(&[
                    ("_csrf", token.as_str()),
                    ("login", ADMIN_LOGIN),
                    ("password", "wrong password here"),
                ])
                .send()
                .await
                .expect("POST /login")
                .status()
        })
    });
    let mut statuses = Vec::new();
    for a in attempts.collect::<Vec<_>>() {
        statuses.push(a.await.expect("task"));
    }
    let verified = app.audit_rows("auth.sign_in_failed").await.len();
    let throttled = app.audit_rows("auth.sign_in_throttled").await.len();
    assert!(verified <= 5, "{verified} of 20 passwords were checked");
    assert_eq!(verified + throttled, 20, "{statuses:?}");
    assert_eq!(
        statuses
            .iter()
            .filter(|s| **s == StatusCode::TOO_MANY_REQUESTS)
            .count(),
        throttled
    );
}

/// 20 inquiries posted at once from one address: at most the hourly limit (5) are kept.
#[tokio::test]
async fn parallel_inquiries_keep_at_most_the_limit() {
    use crate::inquiries::{form_fields, published_office, send};
    let app = spawn_app().await;
    app.signed_in_admin().await;
    let office = published_office(&app, "西船橋").await;
    let o = office.to_string();
    let mut forms = Vec::new();
    for _ in 0..20 {
        let visitor = app.new_client();
        let fields = form_fields(&visitor, &app, office).await;
        forms.push((visitor, fields));
    }
    // The form refuses a post within 3 s of showing it.
    tokio::time::sleep(std::time::Duration::from_millis(3100)).await;
    let app = std::sync::Arc::new(app);
    let posts = forms.into_iter().map(|(visitor, (token, shown_at))| {
        let app = app.clone();
        let o = o.clone();
        tokio::spawn(async move {
            let fields = [
                ("_csrf", token.as_str()),
                ("shown_at", shown_at.as_str()),
                ("kind", "question"),
                ("office_id", o.as_str()),
                ("inquirer_name", "質問 花子"),
                ("contact_by", "phone"),
                ("phone", "090-0000-0000"),
                ("message", "利用料について知りたいです。"),
                ("privacy", "1"),
                ("relationship", "self"),
                ("website", ""),
            ];
            send(&visitor, &app, &fields).await.0
        })
    });
    let mut statuses = Vec::new();
    for p in posts.collect::<Vec<_>>() {
        statuses.push(p.await.expect("task"));
    }
    let kept = app.count("inquiries").await;
    assert!(kept <= 5, "{kept} of 20 kept: {statuses:?}");
    assert_eq!(
        statuses
            .iter()
            .filter(|s| **s == StatusCode::SEE_OTHER)
            .count() as i64,
        kept
    );
}

/// A NUL byte or another control character in a form field is a field message (422), the
/// same on both engines (it was a 500 on PostgreSQL); a one-line field refuses line breaks;
/// in the `q`/`action` query parameters it is a 400, not a 500.
#[tokio::test]
async fn control_characters_are_refused_in_fields_and_queries() {
    use crate::inquiries::{form_fields, published_office, send};
    let app = spawn_app().await;
    app.signed_in_admin().await;
    let office = published_office(&app, "西船橋").await;
    let o = office.to_string();
    // The anonymous public form.
    let cases = [
        ("inquirer_name", "質問\0花子", "使えない文字"),
        ("inquirer_name", "質問\r\n花子", "改行を入れられません"),
        ("message", "利用料\0について", "使えない文字"),
        ("preferred_times", "午前\u{1b}[31m", "使えない文字"),
    ];
    let mut forms = Vec::new();
    for _ in 0..cases.len() + 1 {
        let visitor = app.new_client();
        let fields = form_fields(&visitor, &app, office).await;
        forms.push((visitor, fields));
    }
    tokio::time::sleep(std::time::Duration::from_millis(3100)).await;
    let post = |visitor: reqwest::Client,
                token: String,
                shown_at: String,
                field: &'static str,
                value: &'static str| {
        let o = o.clone();
        let app = &app;
        async move {
            let mut fields = vec![
                ("_csrf", token.as_str()),
                ("shown_at", shown_at.as_str()),
                ("kind", "question"),
                ("office_id", o.as_str()),
                ("inquirer_name", "質問 花子"),
                ("contact_by", "phone"),
                ("phone", "090-0000-0000"),
                ("message", "利用料について\r\n知りたいです。"),
                ("privacy", "1"),
                ("relationship", "self"),
                ("website", ""),
            ];
            fields.retain(|(k, _)| *k != field);
            fields.push((field, value));
            send(&visitor, app, &fields).await
        }
    };
    let mut forms = forms.into_iter();
    for (field, value, message) in cases {
        let (visitor, (token, shown_at)) = forms.next().expect("form");
        let (status, body) = post(visitor, token, shown_at, field, value).await;
        assert_eq!(
            status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{field} {value:?}"
        );
        assert!(body.contains(message), "{field} {value:?}: {body}");
    }
    // A multi-line message keeps its line breaks.
    let (visitor, (token, shown_at)) = forms.next().expect("form");
    let (status, _) = post(visitor, token, shown_at, "preferred_times", "平日午前").await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(app.count("inquiries").await, 1);
    // A staff form.
    let page = app
        .submit(
            "/offices/new",
            "/offices",
            &[
                ("name", "船橋\0北"),
                ("prefecture", "千葉県"),
                ("address", "船橋市\n本町"),
                ("phone", "0470000000"),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.body.contains("使えない文字") && page.body.contains("改行を入れられません"));
    // Query parameters.
    for path in [
        format!("/offices/{office}/clients?q=%00"),
        format!("/offices/{office}/cases?q=a%00b"),
        "/audit?action=%00".to_string(),
        "/audit?action=a%0Db".to_string(),
    ] {
        let page = app.get(&path).await;
        assert_eq!(page.status, StatusCode::BAD_REQUEST, "{path}");
    }
}

/// Easily guessed passwords, and ones made of the login or the organisation's name, are
/// refused wherever a password is set: setup, a new staff account, a reset, one's own change.
#[tokio::test]
async fn weak_passwords_are_refused_wherever_a_password_is_set() {
    use crate::helpers::PASSWORD;
    let app = spawn_app().await;
    let token = app.setup_token().await;
    let setup = |password: &'static str| {
        let (app, token) = (&app, token.clone());
        async move {
            app.submit(
                "/setup",
                "/setup",
                &[
                    ("setup_token", &token),
                    ("organization_name", "ひまわり会"),
                    ("display_name", "管理 太郎"),
                    ("login", "admin"),
                    ("email", "admin@example.jp"),
                    ("password", password),
                    ("password_confirm", password),
                ],
            )
            .await
        }
    };
    for weak in [
        "password1234",
        "123456789012",
        "adminadminadmin",
        "ひまわり会の合言葉ですよ",
    ] {
        let page = setup(weak).await;
        assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY, "{weak}");
        assert!(
            page.body.contains("推測されやすい") || page.body.contains("法人名を含む"),
            "{weak}: {}",
            page.body
        );
    }
    assert_eq!(setup(PASSWORD).await.status, StatusCode::SEE_OTHER);
    // The setup signs the administrator in.
    assert_eq!(app.get("/staff").await.status, StatusCode::OK);
    let office = app.create_office("西船橋").await;
    let role = format!("role_{office}");
    let page = app
        .submit(
            "/staff/new",
            "/staff",
            &[
                ("display_name", "佐藤"),
                ("login", "sato"),
                ("email", "sato@example.jp"),
                ("password", "sato12345678"),
                ("password_confirm", "sato12345678"),
                (&role, "supporter"),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    let sato = app.create_staff("sato", office, "supporter").await;
    let page = app
        .submit(
            &format!("/staff/{sato}/edit"),
            &format!("/staff/{sato}/password"),
            &[
                ("password", "password1234"),
                ("password_confirm", "password1234"),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY, "reset");
    let page = app
        .submit(
            "/account/password",
            "/account/password",
            &[
                ("current_password", PASSWORD),
                ("password", "123456789012"),
                ("password_confirm", "123456789012"),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY, "own change");
}

/// A body that stops arriving is answered 408 once the request timeout has passed (it was a
/// 503 after 30 s, logged as an ERROR).
#[tokio::test]
async fn a_slow_body_is_answered_408() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let app = crate::helpers::spawn_app_with(|c| c.request_timeout_seconds = 1).await;
    let started = std::time::Instant::now();
    let mut stream = tokio::net::TcpStream::connect(&app.addr)
        .await
        .expect("connect");
    let head = format!(
        "POST /login HTTP/1.1\r\nHost: {}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 100\r\n\r\nlogin=adm",
        app.addr
    );
    stream.write_all(head.as_bytes()).await.expect("write");
    let mut answer = vec![0u8; 64];
    let n = tokio::time::timeout(std::time::Duration::from_secs(10), stream.read(&mut answer))
        .await
        .expect("an answer within 10 s")
        .expect("read");
    let answer = String::from_utf8_lossy(&answer[..n]).to_string();
    assert!(answer.starts_with("HTTP/1.1 408"), "{answer}");
    assert!(started.elapsed() < std::time::Duration::from_secs(5));
}

/// A sign-in id with a NUL byte is a failed sign-in on both engines (it was a 500 on
/// PostgreSQL once the attempt was written before the check; found by tests/it/fuzz.rs).
#[tokio::test]
async fn a_sign_in_id_with_a_nul_byte_is_a_failure() {
    let app = spawn_app().await;
    app.setup_admin().await;
    let page = app.login("ad\0min", "wrong password here").await;
    assert_eq!(page.status, StatusCode::UNAUTHORIZED);
}

/// The throttle's store takes any key (the client portal's sign-in ids too): a control
/// character is kept as U+FFFD rather than refused by PostgreSQL, and still counted per key.
#[tokio::test]
async fn reserve_takes_any_key_on_both_engines() {
    use teichaku::store::login_failures::{Reservation, reserve};
    let app = spawn_app().await;
    let limits = teichaku::web::throttle::SIGN_IN_LIMITS;
    let now = teichaku::clock::now();
    let mut answers = Vec::new();
    for _ in 0..6 {
        let r = reserve(&app.state.db, "client:a\0b", "10.0.0.1", now, limits)
            .await
            .expect("no database error");
        answers.push(matches!(r, Reservation::Reserved(_)));
    }
    assert_eq!(answers, [true, true, true, true, true, false]);
}
