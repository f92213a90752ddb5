//! Two-factor sign-in for staff (#16): setting it up with a code computed here from the
//! secret the page shows, the second step of sign-in, the throttle, replay, recovery codes,
//! the organisation's requirement and the administrator's reset.
use reqwest::StatusCode;
use teichaku::domain::totp;

use crate::helpers::{ADMIN_LOGIN, PASSWORD, TestApp, spawn_app};

fn now() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .expect("clock")
        .as_secs()
}

/// The code the authenticator app would show at `unix_time`.
pub fn code_at(secret: &str, unix_time: u64) -> String {
    totp::totp(secret, "t", "t")
        .expect("secret")
        .generate(unix_time)
        .to_string()
}

/// The secret on a setup page (`data-secret="…"`).
pub fn secret_in(body: &str) -> String {
    let marker = "data-secret=\"";
    let start = body.find(marker).expect("a secret on the page") + marker.len();
    body[start..].split('"').next().expect("secret").to_string()
}

fn recovery_codes_in(body: &str) -> Vec<String> {
    let start = body.find("id=\"recovery-codes\"").expect("recovery codes");
    let list = &body[start..body[start..].find("</ul>").expect("end") + start];
    list.split("<code>")
        .skip(1)
        .map(|s| s.split("</code>").next().expect("code").to_string())
        .collect()
}

/// Sets up two-factor for whoever `browser` is signed in as: (secret, recovery codes).
async fn enable(browser: &TestApp) -> (String, Vec<String>) {
    let page = browser.get("/account/two-factor").await;
    assert_eq!(page.status, StatusCode::OK);
    let secret = secret_in(&page.body);
    let done = browser
        .submit(
            "/account/two-factor",
            "/account/two-factor",
            &[("code", &code_at(&secret, now()))],
        )
        .await;
    assert_eq!(done.status, StatusCode::OK, "{}", done.body);
    (secret, recovery_codes_in(&done.body))
}

/// A code the sign-in accepts right after setting up: the next step's (the set-up used this
/// one, and one step of skew is allowed).
fn next_code(secret: &str) -> String {
    code_at(secret, now() + 30)
}

#[tokio::test]
async fn setting_up_shows_a_qr_code_and_needs_a_right_code_then_sign_in_needs_it() {
    let app = spawn_app().await;
    app.signed_in_admin().await;
    let page = app.get("/account/two-factor").await;
    assert!(page.body.contains("<svg"), "QR code as SVG");
    let secret = secret_in(&page.body);
    let wrong = app
        .submit(
            "/account/two-factor",
            "/account/two-factor",
            &[("code", "000000")],
        )
        .await;
    assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(wrong.body.contains("id=\"e-code\""), "field message");
    // The form shown again keeps the same secret.
    assert_eq!(secret_in(&wrong.body), secret);
    assert!(app.audit_rows("totp.enable").await.is_empty());

    let done = app
        .submit(
            "/account/two-factor",
            "/account/two-factor",
            &[("code", &code_at(&secret, now()))],
        )
        .await;
    assert_eq!(done.status, StatusCode::OK, "{}", done.body);
    let codes = recovery_codes_in(&done.body);
    assert_eq!(codes.len(), 10);
    assert_eq!(app.count("staff_recovery_codes").await, 10);
    let stored: Vec<String> = teichaku::on_db!(&app.state.db, pool => sqlx::query_scalar(
        "SELECT code_hash FROM staff_recovery_codes").fetch_all(pool).await)
    .expect("hashes");
    assert!(codes.iter().all(|c| !stored.contains(c)), "stored hashed");
    assert_eq!(app.audit_rows("totp.enable").await.len(), 1);
    assert!(
        app.get("/account/two-factor")
            .await
            .body
            .contains("id=\"totp-status\"")
    );

    // Signing in: the password opens only the second step.
    let browser = app.another_browser();
    let step = browser.login(ADMIN_LOGIN, PASSWORD).await;
    assert_eq!(
        (step.status, step.location().as_str()),
        (StatusCode::SEE_OTHER, "/login/two-factor")
    );
    for path in ["/offices", "/staff", "/account/two-factor"] {
        let page = browser.get(path).await;
        assert_eq!(page.status, StatusCode::SEE_OTHER, "{path}");
        assert!(page.location().starts_with("/login"), "{path}");
    }
    let code = next_code(&secret);
    let signed = browser
        .submit("/login/two-factor", "/login/two-factor", &[("code", &code)])
        .await;
    assert_eq!(
        (signed.status, signed.location().as_str()),
        (StatusCode::SEE_OTHER, "/"),
        "{}",
        signed.body
    );
    assert_eq!(browser.get("/offices").await.status, StatusCode::OK);

    // The same code again (another sign-in in the same step) is refused.
    let other = app.another_browser();
    other.login(ADMIN_LOGIN, PASSWORD).await;
    let replay = other
        .submit("/login/two-factor", "/login/two-factor", &[("code", &code)])
        .await;
    assert_eq!(replay.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        replay.body.contains("使用済み"),
        "replay message: {}",
        replay.body
    );
    assert_eq!(other.get("/offices").await.status, StatusCode::SEE_OTHER);
    assert_eq!(app.audit_rows("auth.second_factor_failed").await.len(), 1);
}

#[tokio::test]
async fn wrong_codes_count_with_the_sign_in_throttle() {
    let app = spawn_app().await;
    app.signed_in_admin().await;
    let (secret, _) = enable(&app).await;
    let browser = app.another_browser();
    // The password is attempt 1; four wrong codes make five.
    browser.login(ADMIN_LOGIN, PASSWORD).await;
    for _ in 0..4 {
        let page = browser
            .submit(
                "/login/two-factor",
                "/login/two-factor",
                &[("code", "000001")],
            )
            .await;
        assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    }
    // The sixth attempt is throttled, even with the right code.
    let page = browser
        .submit(
            "/login/two-factor",
            "/login/two-factor",
            &[("code", &next_code(&secret))],
        )
        .await;
    assert_eq!(page.status, StatusCode::TOO_MANY_REQUESTS, "{}", page.body);
    assert!(page.headers.get("retry-after").is_some());
    assert_eq!(browser.get("/offices").await.status, StatusCode::SEE_OTHER);
    assert_eq!(app.audit_rows("auth.second_factor_failed").await.len(), 4);
    assert_eq!(app.audit_rows("auth.sign_in_throttled").await.len(), 1);
}

#[tokio::test]
async fn a_recovery_code_works_once() {
    let app = spawn_app().await;
    app.signed_in_admin().await;
    let (_, codes) = enable(&app).await;
    let first = app.another_browser();
    first.login(ADMIN_LOGIN, PASSWORD).await;
    let signed = first
        .submit(
            "/login/two-factor",
            "/login/two-factor",
            &[("code", &codes[3].to_uppercase())],
        )
        .await;
    assert_eq!(signed.status, StatusCode::SEE_OTHER, "{}", signed.body);
    assert_eq!(first.get("/offices").await.status, StatusCode::OK);
    assert_eq!(app.audit_rows("auth.recovery_code_used").await.len(), 1);

    let second = app.another_browser();
    second.login(ADMIN_LOGIN, PASSWORD).await;
    let again = second
        .submit(
            "/login/two-factor",
            "/login/two-factor",
            &[("code", &codes[3])],
        )
        .await;
    assert_eq!(again.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(second.get("/offices").await.status, StatusCode::SEE_OTHER);
    let page = first.get("/account/two-factor").await;
    assert!(
        page.body.contains("id=\"recovery-left\">9<"),
        "{}",
        page.body
    );
}

#[tokio::test]
async fn turning_it_off_needs_a_current_code() {
    let app = spawn_app().await;
    app.signed_in_admin().await;
    let (secret, _) = enable(&app).await;
    let wrong = app
        .submit(
            "/account/two-factor",
            "/account/two-factor/disable",
            &[("code", "123123")],
        )
        .await;
    assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(app.count("staff_totp").await, 1);
    let off = app
        .submit(
            "/account/two-factor",
            "/account/two-factor/disable",
            &[("code", &next_code(&secret))],
        )
        .await;
    assert_eq!(off.status, StatusCode::SEE_OTHER, "{}", off.body);
    assert_eq!(app.count("staff_recovery_codes").await, 0);
    assert_eq!(app.audit_rows("totp.disable").await.len(), 1);
    let browser = app.another_browser();
    let signed = browser.login(ADMIN_LOGIN, PASSWORD).await;
    assert_eq!(signed.location(), "/");
}

#[tokio::test]
async fn when_required_staff_set_it_up_before_anything_else_and_an_admin_can_reset_it() {
    let app = spawn_app().await;
    app.signed_in_admin().await;
    let office = app.create_office("本町オフィス").await;
    let sato = app.create_staff("sato", office, "supporter").await;
    let saved = app
        .submit("/staff", "/settings/two-factor", &[("require", "1")])
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER);
    assert_eq!(app.audit_rows("totp.require").await.len(), 1);

    let browser = app.another_browser();
    let step = browser.login("sato", PASSWORD).await;
    assert_eq!(step.location(), "/login/two-factor/setup");
    assert!(
        browser
            .get("/offices")
            .await
            .location()
            .starts_with("/login")
    );
    let page = browser.get("/login/two-factor/setup").await;
    assert!(page.body.contains("id=\"totp-required\""));
    let secret = secret_in(&page.body);
    let done = browser
        .submit(
            "/login/two-factor/setup",
            "/login/two-factor/setup",
            &[("code", &code_at(&secret, now()))],
        )
        .await;
    assert_eq!(done.status, StatusCode::OK, "{}", done.body);
    assert_eq!(recovery_codes_in(&done.body).len(), 10);
    assert_eq!(browser.get("/offices").await.status, StatusCode::OK);

    // A lost phone: the admin resets it, sato sets it up again at the next sign-in.
    let edit = app.get(&format!("/staff/{sato}/edit")).await;
    assert!(edit.body.contains("id=\"reset-two-factor\""));
    let reset = app
        .submit(
            &format!("/staff/{sato}/edit"),
            &format!("/staff/{sato}/two-factor/reset"),
            &[],
        )
        .await;
    assert_eq!(reset.status, StatusCode::SEE_OTHER);
    assert_eq!(app.audit_rows("totp.reset").await.len(), 1);
    assert_eq!(app.count("staff_totp").await, 0);
    let again = app.another_browser();
    assert_eq!(
        again.login("sato", PASSWORD).await.location(),
        "/login/two-factor/setup"
    );
    // Not for anyone else: a supporter cannot reset or change the requirement.
    let refused = browser
        .submit("/", &format!("/staff/{sato}/two-factor/reset"), &[])
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
}

/// Parallel requests cannot get around the limits: eight wrong codes at once after the
/// password get four answers and four refusals (the reservation is one statement), and the
/// same right code sent from two sign-ins at once signs in only one of them.
#[tokio::test]
async fn parallel_codes_are_counted_and_a_code_is_accepted_once() {
    let app = spawn_app().await;
    app.signed_in_admin().await;
    enable(&app).await;

    let browser = app.another_browser();
    browser.login(ADMIN_LOGIN, PASSWORD).await;
    let token = browser.csrf("/login/two-factor").await;
    let mut set = tokio::task::JoinSet::new();
    for _ in 0..8 {
        let client = browser.client.clone();
        let url = browser.url("/login/two-factor");
        let token = token.clone();
        set.spawn(async move {
            client
                .post(url)
                .form(&[("_csrf", token.as_str()), ("code", "000002")])
                .send()
                .await
                .expect("POST")
                .status()
        });
    }
    let mut statuses = Vec::new();
    while let Some(s) = set.join_next().await {
        statuses.push(s.expect("task"));
    }
    let checked = statuses
        .iter()
        .filter(|s| **s == StatusCode::UNPROCESSABLE_ENTITY)
        .count();
    let throttled = statuses
        .iter()
        .filter(|s| **s == StatusCode::TOO_MANY_REQUESTS)
        .count();
    assert_eq!((checked, throttled), (4, 4), "{statuses:?}");

    // A fresh app: two sign-ins waiting, the same code sent by both at once.
    let app = spawn_app().await;
    app.signed_in_admin().await;
    let (secret, _) = enable(&app).await;
    let first = app.another_browser();
    let second = app.another_browser();
    first.login(ADMIN_LOGIN, PASSWORD).await;
    second.login(ADMIN_LOGIN, PASSWORD).await;
    let code = next_code(&secret);
    let mut set = tokio::task::JoinSet::new();
    for b in [&first, &second] {
        let token = b.csrf("/login/two-factor").await;
        let client = b.client.clone();
        let url = b.url("/login/two-factor");
        let code = code.clone();
        set.spawn(async move {
            client
                .post(url)
                .form(&[("_csrf", token.as_str()), ("code", code.as_str())])
                .send()
                .await
                .expect("POST")
                .status()
        });
    }
    let mut statuses = Vec::new();
    while let Some(s) = set.join_next().await {
        statuses.push(s.expect("task"));
    }
    statuses.sort();
    assert_eq!(
        statuses,
        vec![StatusCode::SEE_OTHER, StatusCode::UNPROCESSABLE_ENTITY]
    );
}
