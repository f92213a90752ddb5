//! Portal accounts for real: staff invite a client or an employer contact; the invitation
//! link (shown once, on an A4 sheet with a QR code, or emailed through the outbox) lets the
//! person choose a passphrase; they sign in with the sign-in ID and passphrase or by an
//! emailed one-time link; staff see the state and stop the account.

use reqwest::StatusCode;

use crate::helpers::{TestApp, spawn_app};

/// The text between `start` and the next `end` in `body`.
fn between<'a>(body: &'a str, start: &str, end: &str) -> Option<&'a str> {
    let from = body.find(start)? + start.len();
    let len = body[from..].find(end)?;
    Some(&body[from..from + len])
}

/// The link's path (`/invite/…` or `/portal/link/…`) in a text.
fn link_path(text: &str, prefix: &str) -> String {
    let at = text.find(prefix).expect("a link");
    let token: String = text[at + prefix.len()..]
        .chars()
        .take_while(|c| c.is_ascii_hexdigit())
        .collect();
    assert_eq!(token.len(), 64, "a 256-bit token");
    format!("{prefix}{token}")
}

async fn outbox(app: &TestApp) -> Vec<(String, String, String)> {
    teichaku::on_db!(&app.state.db, pool => sqlx::query_as(
        "SELECT to_address, subject, body_text FROM email_outbox ORDER BY id")
        .fetch_all(pool).await)
    .expect("outbox")
}

/// Invites the client as staff (`app`); returns (invite path, sign-in ID, sheet body).
async fn invite_client(
    app: &TestApp,
    client: i64,
    email: Option<&str>,
) -> (String, String, String) {
    let path = format!("/clients/{client}/portal");
    let mut form = vec![("invite_email", email.unwrap_or(""))];
    if email.is_some() {
        form.push(("send_email", "1"));
    }
    let sheet = app.submit(&path, &format!("{path}/invite"), &form).await;
    assert_eq!(sheet.status, StatusCode::OK, "{}", sheet.body);
    let login = between(&sheet.body, "id=\"invite-login\">", "<")
        .expect("the sign-in ID on the sheet")
        .to_string();
    (link_path(&sheet.body, "/invite/"), login, sheet.body)
}

#[tokio::test]
async fn a_client_is_invited_sets_a_passphrase_signs_in_and_is_stopped() {
    let app = spawn_app().await;
    let (_, _, client) = app.office_with_client().await;
    let accounts = format!("/clients/{client}/portal");
    assert!(
        app.get(&accounts)
            .await
            .body
            .contains("まだ招待していません")
    );

    let (invite, login, sheet) = invite_client(&app, client, None).await;
    assert!(sheet.contains("<svg"), "the sheet has the QR code");
    assert!(sheet.contains("山田 花子"));
    assert_eq!(login.len(), 9);
    assert_eq!(outbox(&app).await.len(), 0, "no email unless asked");
    assert!(app.get(&accounts).await.body.contains("招待中"));

    // On the client's phone: the link shows the sign-in ID and asks for a passphrase.
    let phone = app.another_browser();
    let page = phone.get(&invite).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains(&login));
    assert!(page.body.contains("<ruby>"));
    let short = phone
        .submit(
            &invite,
            &invite,
            &[
                ("passphrase", "みじかい"),
                ("passphrase_confirm", "みじかい"),
            ],
        )
        .await;
    assert_eq!(short.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(short.body.contains("8<ruby>文字"), "{}", short.body);
    let done = phone
        .submit(
            &invite,
            &invite,
            &[
                ("passphrase", "あさはパンをたべる"),
                ("passphrase_confirm", "あさはパンをたべる"),
            ],
        )
        .await;
    assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.body);
    assert_eq!(done.location(), "/me");
    assert_eq!(phone.get("/me").await.status, StatusCode::OK);
    assert_eq!(app.audit_rows("portal.activate").await.len(), 1);

    // The link works once.
    let again = app.another_browser().get(&invite).await;
    assert!(again.body.contains("もう<ruby>使"), "{}", again.body);
    let stranger = app.another_browser();
    let token = stranger.csrf("/portal/login").await;
    let reuse = stranger
        .post_form(
            &invite,
            &[
                ("_csrf", token.as_str()),
                ("passphrase", "べつのあいことば"),
                ("passphrase_confirm", "べつのあいことば"),
            ],
        )
        .await;
    assert_eq!(
        reuse.status,
        StatusCode::OK,
        "the calm page, nobody signed in"
    );
    assert_eq!(stranger.get("/me").await.status, StatusCode::SEE_OTHER);

    // Sign in again with the ID (as typed on a phone: upper case, no hyphen) and passphrase.
    let later = app.another_browser();
    let typed = login.replace('-', "").to_uppercase();
    let wrong = later
        .submit(
            "/portal/login",
            "/portal/login",
            &[("login", &typed), ("passphrase", "ちがうあいことば")],
        )
        .await;
    assert_eq!(wrong.status, StatusCode::UNAUTHORIZED);
    let ok = later
        .submit(
            "/portal/login",
            "/portal/login",
            &[("login", &typed), ("passphrase", "あさはパンをたべる")],
        )
        .await;
    assert_eq!(ok.status, StatusCode::SEE_OTHER, "{}", ok.body);
    assert_eq!(later.get("/me").await.status, StatusCode::OK);
    let staff_view = app.get(&accounts).await.body;
    assert!(staff_view.contains("利用中"), "{staff_view}");

    // Staff stop the account: every session of it ends at once, sign-in is refused.
    let stop = app
        .submit(&accounts, &format!("{accounts}/revoke"), &[])
        .await;
    assert_eq!(stop.status, StatusCode::SEE_OTHER);
    let gone = later.get("/me").await;
    assert_eq!(gone.status, StatusCode::SEE_OTHER);
    assert!(gone.location().starts_with("/portal/login"));
    assert_eq!(phone.get("/me").await.status, StatusCode::SEE_OTHER);
    let refused = app
        .another_browser()
        .submit(
            "/portal/login",
            "/portal/login",
            &[("login", &login), ("passphrase", "あさはパンをたべる")],
        )
        .await;
    assert_eq!(refused.status, StatusCode::UNAUTHORIZED);
    assert_eq!(app.audit_rows("portal.revoke").await.len(), 1);
}

#[tokio::test]
async fn an_expired_or_replaced_invitation_says_what_to_do() {
    let app = spawn_app().await;
    let (_, _, client) = app.office_with_client().await;
    let (first, _, _) = invite_client(&app, client, None).await;
    let (second, _, _) = invite_client(&app, client, None).await;
    let page = app.another_browser().get(&first).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("えなくなりました"), "{}", page.body);
    assert!(
        page.body.contains("事業所"),
        "calm page says ask the office"
    );

    teichaku::on_db!(&app.state.db, pool => sqlx::query(
        "UPDATE portal_tokens SET expires_at = $1 WHERE revoked_at IS NULL")
        .bind(teichaku::clock::now() - time::Duration::minutes(1))
        .execute(pool).await.map(|r| r.rows_affected()))
    .expect("expire");
    let expired = app.another_browser().get(&second).await;
    assert!(expired.body.contains("<ruby>期限"), "{}", expired.body);
    let late = app.another_browser();
    let token = late.csrf("/portal/login").await;
    let post = late
        .post_form(
            &second,
            &[
                ("_csrf", token.as_str()),
                ("passphrase", "あさはパンをたべる"),
                ("passphrase_confirm", "あさはパンをたべる"),
            ],
        )
        .await;
    assert_eq!(post.status, StatusCode::OK, "no account is activated");
    assert_eq!(app.audit_rows("portal.activate").await.len(), 0);
    // A made-up token is the same calm page, not an error.
    let bogus = app
        .another_browser()
        .get(&format!("/invite/{}", "ab".repeat(32)))
        .await;
    assert_eq!(bogus.status, StatusCode::OK);
    assert_eq!(
        app.another_browser().get("/invite/nonsense").await.status,
        StatusCode::OK
    );
}

#[tokio::test]
async fn invitations_and_sign_in_links_by_email_carry_no_personal_details() {
    let app = spawn_app().await;
    let (_, _, client) = app.office_with_client().await;
    let (_, login, _) = invite_client(&app, client, Some("hanako@example.jp")).await;
    let mails = outbox(&app).await;
    assert_eq!(mails.len(), 1);
    let (to, subject, body) = &mails[0];
    assert_eq!(to, "hanako@example.jp");
    assert!(
        !subject.contains("山田") && !body.contains("山田"),
        "no client name"
    );
    assert!(body.contains(&login));
    let invite = link_path(body, "/invite/");
    let phone = app.another_browser();
    let done = phone
        .submit(
            &invite,
            &invite,
            &[
                ("passphrase", "あさはパンをたべる"),
                ("passphrase_confirm", "あさはパンをたべる"),
            ],
        )
        .await;
    assert_eq!(done.status, StatusCode::SEE_OTHER);

    // Forgot the passphrase: a one-time link by email. An unknown address answers the same.
    let other = app.another_browser();
    let unknown = other
        .submit(
            "/portal/login",
            "/portal/login/link",
            &[("email", "nobody@example.jp")],
        )
        .await;
    assert_eq!(unknown.status, StatusCode::SEE_OTHER);
    assert_eq!(
        outbox(&app).await.len(),
        1,
        "nothing sent to an unknown address"
    );
    let known = other
        .submit(
            "/portal/login",
            "/portal/login/link",
            &[("email", "hanako@example.jp")],
        )
        .await;
    assert_eq!(known.location(), unknown.location(), "the same answer");
    let mails = outbox(&app).await;
    assert_eq!(mails.len(), 2);
    let link = link_path(&mails[1].2, "/portal/link/");
    // Opening the link (a mail scanner would) does not use it; the button does.
    let page = other.get(&link).await;
    assert!(page.body.contains("id=\"use-link\""));
    let page = other.get(&link).await;
    assert!(
        page.body.contains("id=\"use-link\""),
        "still usable after two GETs"
    );
    let signed = other.submit(&link, &link, &[]).await;
    assert_eq!(signed.status, StatusCode::SEE_OTHER);
    assert_eq!(signed.location(), "/me");
    assert_eq!(other.get("/me").await.status, StatusCode::OK);
    let bad = app
        .another_browser()
        .submit(
            "/portal/login",
            "/portal/login/link",
            &[("email", "not an address")],
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test]
async fn an_employer_contact_is_invited_from_the_employment_record() {
    let app = spawn_app().await;
    let (_, _, client) = app.office_with_client().await;
    let accounts = format!("/clients/{client}/portal");
    let empty = app
        .submit(
            &accounts,
            &format!("{accounts}/employer"),
            &[("contact_name", ""), ("contact_employer", "")],
        )
        .await;
    assert_eq!(empty.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(empty.body.contains("aria-invalid"));
    let sheet = app
        .submit(
            &accounts,
            &format!("{accounts}/employer"),
            &[
                ("contact_name", "山田 課長"),
                ("contact_employer", "株式会社みどり"),
                ("contact_email", ""),
            ],
        )
        .await;
    assert_eq!(sheet.status, StatusCode::OK, "{}", sheet.body);
    let invite = link_path(&sheet.body, "/invite/");
    let boss = app.another_browser();
    let done = boss
        .submit(
            &invite,
            &invite,
            &[
                ("passphrase", "correct horse battery"),
                ("passphrase_confirm", "correct horse battery"),
            ],
        )
        .await;
    assert_eq!(done.location(), "/employer");
    // No consent yet: the staff page says so, and the employer sees nobody.
    assert!(app.get(&accounts).await.body.contains("同意なし"));
    assert!(!boss.get("/employer").await.body.contains("山田 花子"));
    app.consent_for_employer(client, "山田 課長", &["work_status"])
        .await;
    assert!(boss.get("/employer").await.body.contains("山田 花子"));

    // Staff end the contact's access to this client.
    let contact: i64 = teichaku::on_db!(&app.state.db, pool => sqlx::query_scalar(
        "SELECT id FROM employer_contacts").fetch_one(pool).await)
    .expect("contact");
    let end = app
        .submit(
            &accounts,
            &format!("{accounts}/employer/{contact}/revoke"),
            &[],
        )
        .await;
    assert_eq!(end.status, StatusCode::SEE_OTHER);
    let after = boss.get("/employer").await;
    assert!(after.status == StatusCode::SEE_OTHER || !after.body.contains("山田 花子"));
    let missing = app
        .submit(
            &accounts,
            &format!("{accounts}/employer/999999/revoke"),
            &[],
        )
        .await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn portal_sign_in_is_throttled_like_staff_sign_in() {
    let app = spawn_app().await;
    let (_, _, client) = app.office_with_client().await;
    let (invite, login, _) = invite_client(&app, client, None).await;
    app.another_browser()
        .submit(
            &invite,
            &invite,
            &[
                ("passphrase", "あさはパンをたべる"),
                ("passphrase_confirm", "あさはパンをたべる"),
            ],
        )
        .await;
    let guesser = app.another_browser();
    for _ in 0..5 {
        let page = guesser
            .submit(
                "/portal/login",
                "/portal/login",
                &[("login", &login), ("passphrase", "guess guess")],
            )
            .await;
        assert_eq!(page.status, StatusCode::UNAUTHORIZED);
    }
    let page = guesser
        .submit(
            "/portal/login",
            "/portal/login",
            &[("login", &login), ("passphrase", "あさはパンをたべる")],
        )
        .await;
    assert_eq!(
        page.status,
        StatusCode::TOO_MANY_REQUESTS,
        "even the right passphrase waits"
    );
    assert!(page.headers.contains_key("retry-after"));
}
