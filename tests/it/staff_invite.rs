//! Staff invited by email (issue 12, item 8): the administrator sends a one-time link
//! instead of typing a password; the staff member opens it, chooses a password under the
//! rules of `domain::password`, and is signed in; the link works once; sending it again
//! makes the older link stop working. Both engines.

use reqwest::StatusCode;

use crate::helpers::{PASSWORD, TestApp, spawn_app};

/// The invitation emails to `to`, oldest first: (subject, body).
async fn invitations(app: &TestApp, to: &str) -> Vec<(String, String)> {
    teichaku::on_db!(&app.state.db, pool => sqlx::query_as(
        "SELECT subject, body_text FROM email_outbox
         WHERE to_address = $1 AND related_type = 'staff_invite' ORDER BY id")
        .bind(to).fetch_all(pool).await)
    .expect("outbox")
}

/// The `/welcome/…` path in an invitation's body.
fn link_in(body: &str) -> String {
    let start = body.find("/welcome/").expect("link");
    body[start..start + "/welcome/".len() + 64].to_string()
}

#[tokio::test]
async fn an_invited_colleague_chooses_their_password_and_is_signed_in() {
    let app = spawn_app().await;
    app.signed_in_admin().await;
    let office = app.create_office("西船橋").await;
    // The new-staff form offers the invitation, checked.
    let form = app.get("/staff/new").await;
    assert!(form.body.contains("name=\"invite\" value=\"1\" checked"));
    let role = format!("role_{office}");
    let created = app
        .submit(
            "/staff/new",
            "/staff",
            &[
                ("display_name", "佐藤 一郎"),
                ("login", "sato"),
                ("email", "sato@example.jp"),
                ("invite", "1"),
                (&role, "supporter"),
            ],
        )
        .await;
    assert_eq!(
        (created.status, created.location().as_str()),
        (StatusCode::SEE_OTHER, "/staff?n=invited"),
        "{}",
        created.body
    );
    let mails = invitations(&app, "sato@example.jp").await;
    assert_eq!(mails.len(), 1);
    let (subject, body) = &mails[0];
    assert!(subject.contains("テスト法人"), "{subject}");
    assert!(
        body.contains("ログインID: sato") && body.contains("パスワード"),
        "{body}"
    );
    let link = link_in(body);
    // The password nobody knows yet does not sign in.
    assert_eq!(
        app.another_browser().login("sato", PASSWORD).await.status,
        StatusCode::UNAUTHORIZED
    );

    let sato = app.another_browser();
    let page = sato.get(&link).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("id=\"welcome-login\">sato<"));
    // Opening the link twice uses nothing up; a weak password is refused with a message.
    assert_eq!(sato.get(&link).await.status, StatusCode::OK);
    let weak = sato
        .submit(
            &link,
            &link,
            &[
                ("password", "password1234"),
                ("password_confirm", "password1234"),
            ],
        )
        .await;
    assert_eq!(weak.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(weak.body.contains("id=\"e-password\""), "{}", weak.body);
    let done = sato
        .submit(
            &link,
            &link,
            &[("password", PASSWORD), ("password_confirm", PASSWORD)],
        )
        .await;
    assert_eq!(
        (done.status, done.location().as_str()),
        (StatusCode::SEE_OTHER, "/")
    );
    let home = sato.get("/").await;
    assert!(home.body.contains("id=\"welcome\"") && home.body.contains("佐藤 一郎"));
    assert_eq!(app.audit_rows("staff.invite").await.len(), 1);
    assert_eq!(app.audit_rows("staff.invite_accept").await.len(), 1);
    // The link worked once; the chosen password signs in.
    let again = app.another_browser().get(&link).await;
    assert!(again.body.contains("id=\"welcome-problem\""));
    assert!(again.body.contains("もう使われています"));
    assert_eq!(
        app.another_browser().login("sato", PASSWORD).await.status,
        StatusCode::SEE_OTHER
    );
}

#[tokio::test]
async fn a_new_invitation_replaces_the_old_link_and_bad_links_are_calm() {
    let app = spawn_app().await;
    app.signed_in_admin().await;
    let office = app.create_office("西船橋").await;
    let role = format!("role_{office}");
    let created = app
        .submit(
            "/staff/new",
            "/staff",
            &[
                ("display_name", "鈴木"),
                ("login", "suzuki"),
                ("email", "suzuki@example.jp"),
                ("invite", "1"),
                (&role, "manager"),
            ],
        )
        .await;
    assert_eq!(created.status, StatusCode::SEE_OTHER, "{}", created.body);
    let id: i64 = teichaku::on_db!(&app.state.db, pool => sqlx::query_scalar(
        "SELECT id FROM staff WHERE login = 'suzuki'").fetch_one(pool).await)
    .expect("id");
    let edit = format!("/staff/{id}/edit");
    assert!(app.get(&edit).await.body.contains("id=\"resend-invite\""));
    let resent = app.submit(&edit, &format!("/staff/{id}/invite"), &[]).await;
    assert_eq!(resent.location(), "/staff?n=invited");
    let mails = invitations(&app, "suzuki@example.jp").await;
    assert_eq!(mails.len(), 2);
    let (old, new) = (link_in(&mails[0].1), link_in(&mails[1].1));
    assert_ne!(old, new);
    let visitor = app.another_browser();
    let stale = visitor.get(&old).await;
    assert!(
        stale.body.contains("id=\"welcome-problem\""),
        "{}",
        stale.body
    );
    assert!(
        visitor
            .get(&new)
            .await
            .body
            .contains("id=\"welcome-login\">suzuki<")
    );
    // A link that is no invitation, or a portal link: the calm page, never an error.
    for bad in [
        "/welcome/x",
        "/welcome/0000",
        &format!("/welcome/{}", "ab".repeat(32)),
    ] {
        let page = visitor.get(bad).await;
        assert_eq!(page.status, StatusCode::OK, "{bad}");
        assert!(page.body.contains("id=\"welcome-problem\""), "{bad}");
    }
    // A supporter cannot send invitations.
    app.create_staff("sato", office, "supporter").await;
    let sato = app.signed_in_as("sato").await;
    let token = sato.csrf("/").await;
    let refused = sato
        .post_form(&format!("/staff/{id}/invite"), &[("_csrf", &token)])
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    assert_eq!(invitations(&app, "suzuki@example.jp").await.len(), 2);
}

/// The 事務 role (issue 12, item 8): the clerk of an office works with intake and the
/// client's file (受給者証, contracts, employment) but never sees the content of support
/// records.
#[tokio::test]
async fn the_clerk_sees_the_clients_file_not_the_support_records() {
    let app = spawn_app().await;
    let (office, _, client) = app.office_with_client().await;
    assert!(
        app.get("/staff/new")
            .await
            .body
            .contains("<option value=\"clerk\"")
    );
    app.create_staff("jimu", office, "clerk").await;
    let clerk = app.signed_in_as("jimu").await;
    for path in [
        format!("/offices/{office}/clients"),
        format!("/clients/{client}"),
        format!("/clients/{client}/certificates/new"),
        format!("/clients/{client}/contracts/new"),
        format!("/clients/{client}/employments/new"),
        format!("/offices/{office}/inquiries"),
        format!("/offices/{office}/claims"),
        format!("/offices/{office}/retention"),
    ] {
        assert_eq!(clerk.get(&path).await.status, StatusCode::OK, "{path}");
    }
    assert!(
        clerk
            .get(&format!("/offices/{office}"))
            .await
            .body
            .contains("id=\"nav-claims\"")
    );
    // The office's settings stay the manager's.
    assert_eq!(
        clerk
            .get(&format!("/offices/{office}/claim-settings"))
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    for path in [
        format!("/clients/{client}/contacts"),
        format!("/clients/{client}/plans"),
        format!("/clients/{client}/reports"),
        format!("/clients/{client}/selfcheck"),
        format!("/clients/{client}/notes"),
    ] {
        assert_eq!(
            clerk.get(&path).await.status,
            StatusCode::FORBIDDEN,
            "{path}"
        );
    }
    let staff_list = app.get("/staff").await;
    assert!(staff_list.body.contains("事務"));
}
