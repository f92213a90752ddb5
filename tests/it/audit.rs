//! The audit log: rows for sign-in events and changes, with actor, target, time, request id
//! and address, and the admin page with filters.
use reqwest::StatusCode;

use crate::helpers::{ADMIN_LOGIN, spawn_app};

#[tokio::test]
async fn changes_carry_actor_target_and_the_request_id() {
    let app = spawn_app().await;
    app.signed_in_admin().await;
    let token = app.csrf("/offices/new").await;
    let r = app
        .client
        .post(app.url("/offices"))
        .form(&[
            ("_csrf", token.as_str()),
            ("name", "西船橋"),
            ("prefecture", "千葉県"),
            ("address", "x"),
            ("phone", "0470000000"),
        ])
        .send()
        .await
        .unwrap();
    let request_id = r.headers()["x-request-id"].to_str().unwrap().to_string();
    let rows = app.audit_rows("office.create").await;
    assert_eq!(rows.len(), 1);
    let (actor, target, rid) = &rows[0];
    assert_eq!(actor, ADMIN_LOGIN);
    let office_id: i64 = target.parse().unwrap();
    assert!(
        r.headers()["location"]
            .to_str()
            .unwrap()
            .starts_with(&format!("/offices/{office_id}"))
    );
    assert_eq!(rid, &request_id, "the audit row names the request");
    let address: String = teichaku::on_db!(&app.state.db, pool => sqlx::query_scalar(
        "SELECT address FROM audit_log WHERE action = 'office.create'").fetch_one(pool).await)
    .unwrap();
    assert_eq!(address, "127.0.0.1");
}

#[tokio::test]
async fn reading_a_client_record_is_audited() {
    let app = spawn_app().await;
    app.signed_in_admin().await;
    let office = app.create_office("青森").await;
    let mut tx = app.state.db.begin().await.unwrap();
    let id = teichaku::store::clients::insert(
        &mut tx,
        &teichaku::store::clients::NewClient {
            office_id: office,
            supporter_id: None,
            name: "山田 一子".into(),
            kana: "やまだ いちこ".into(),
            birth_date: time::macros::date!(1990 - 01 - 01),
        },
        teichaku::clock::now(),
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    assert_eq!(
        app.get(&format!("/clients/{id}")).await.status,
        StatusCode::OK
    );
    let rows = app.audit_rows("client.view").await;
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].1, id.to_string());
}

#[tokio::test]
async fn the_admin_page_lists_and_filters_the_log() {
    let app = spawn_app().await;
    app.signed_in_admin().await;
    app.another_browser()
        .login("nobody", "wrong password here")
        .await;
    app.create_office("西船橋").await;
    let all = app.get("/audit").await;
    assert_eq!(all.status, StatusCode::OK);
    for action in [
        "auth.sign_in",
        "auth.sign_in_failed",
        "office.create",
        "setup.complete",
    ] {
        assert!(all.body.contains(action), "{action} listed");
    }
    let only = app.get("/audit?action=office.create").await;
    assert!(only.body.contains("<code>office.create</code>"));
    assert!(
        !only.body.contains("<code>auth.sign_in</code>"),
        "filtered out"
    );
    let tomorrow = (teichaku::clock::today() + time::Duration::days(1)).to_string();
    let future = app.get(&format!("/audit?from={tomorrow}")).await;
    assert!(future.body.contains("該当する記録はありません。"));
    let bad = app.get("/audit?from=2026-13-45").await;
    assert!(bad.body.contains("日付は 2026-04-01 の形で"));
}
