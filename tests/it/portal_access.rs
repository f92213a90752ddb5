//! Who may open the portal's pages: a client only their own, an employer contact only the
//! clients whose consent names them (a withdrawal takes effect on the next request), staff
//! none of them; and every portal read is audited.

use reqwest::StatusCode;

use crate::helpers::spawn_app;

#[tokio::test]
async fn the_client_home_is_for_the_signed_in_client_only() {
    let app = spawn_app().await;
    let (_, sato, client) = app.office_with_client().await;

    let anonymous = app.another_browser().get("/me").await;
    assert_eq!(anonymous.status, StatusCode::SEE_OTHER);
    assert!(anonymous.location().starts_with("/portal/login?next=/me"));

    // Staff are not clients.
    assert_eq!(app.get("/me").await.status, StatusCode::FORBIDDEN);
    assert_eq!(app.get("/employer").await.status, StatusCode::FORBIDDEN);

    let me = app.as_client(client, sato).await;
    let page = me.get("/me").await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert!(page.body.contains("山田 花子"));
    assert!(
        page.body.contains("<ruby>"),
        "ふりがな on the client's page"
    );
    // A client session is not a staff session.
    let staff_page = me.get("/offices").await;
    assert_eq!(staff_page.status, StatusCode::SEE_OTHER);
    assert_eq!(me.get("/employer").await.status, StatusCode::FORBIDDEN);
    assert_eq!(
        me.get(&format!("/clients/{client}")).await.status,
        StatusCode::SEE_OTHER
    );

    let views = app.audit_rows("portal.view").await;
    assert_eq!(views.len(), 1, "{views:?}");
    assert!(views[0].0.starts_with("client:"));
    assert_eq!(views[0].1, client.to_string());
}

#[tokio::test]
async fn an_employer_sees_a_client_only_under_consent() {
    let app = spawn_app().await;
    let (_, sato, client) = app.office_with_client().await;
    let boss = app.as_employer(client, "山田 課長", sato).await;

    let home = boss.get("/employer").await;
    assert_eq!(home.status, StatusCode::OK);
    assert!(!home.body.contains("山田 花子"), "no consent yet");

    let consent = app
        .consent_for_employer(client, "山田　課長", &["work_status", "reports"])
        .await;
    let home = boss.get("/employer").await;
    assert!(home.body.contains("山田 花子"), "{}", home.body);
    assert!(home.body.contains(&format!("/employer/clients/{client}")));

    app.withdraw_consent(client, consent).await;
    let home = boss.get("/employer").await;
    assert!(!home.body.contains("山田 花子"), "withdrawn: gone at once");

    // The client's pages are not the employer's.
    assert_eq!(boss.get("/me").await.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn the_client_stops_sharing_and_the_employer_sees_nothing_next() {
    let app = spawn_app().await;
    let (_, sato, client) = app.office_with_client().await;
    let boss = app.as_employer(client, "山田 課長", sato).await;
    let consent = app
        .consent_for_employer(client, "山田 課長", &["work_status", "reports"])
        .await;
    let me = app.as_client(client, sato).await;
    let employer_page = format!("/employer/clients/{client}");
    assert!(boss.get("/employer").await.body.contains("山田 花子"));

    let sharing = me.get("/me/sharing").await;
    assert_eq!(sharing.status, StatusCode::OK);
    assert!(sharing.body.contains("山田 課長"));
    assert!(sharing.body.contains("<ruby>"));
    let confirm = format!("/me/sharing/{consent}/withdraw");
    assert_eq!(me.get(&confirm).await.status, StatusCode::OK);
    // Another client's consent is not theirs to see or withdraw.
    assert_eq!(
        me.get("/me/sharing/999999/withdraw").await.status,
        StatusCode::NOT_FOUND
    );
    let stop = me.submit(&confirm, &confirm, &[]).await;
    assert_eq!(stop.status, StatusCode::SEE_OTHER);
    assert_eq!(stop.location(), "/me/sharing?n=sharing_stopped");

    // The employer's next request shows nothing of theirs.
    assert!(!boss.get("/employer").await.body.contains("山田 花子"));
    assert_eq!(boss.get(&employer_page).await.status, StatusCode::NOT_FOUND);
    // The office sees that the client withdrew it online.
    let staff = app.get(&format!("/clients/{client}/consents")).await;
    assert!(
        staff.body.contains("本人がオンラインで取り消し"),
        "{}",
        staff.body
    );
    let rows = app.audit_rows("consent.withdraw").await;
    assert_eq!(rows.len(), 1);
    assert!(rows[0].0.starts_with("client:"));
    // A second tap changes nothing.
    me.submit("/me/sharing", &confirm, &[]).await;
    assert_eq!(app.audit_rows("consent.withdraw").await.len(), 1);
}
