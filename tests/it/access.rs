//! Offices never see each other: a staff member sees only the offices they belong to.
use reqwest::StatusCode;
use teichaku::store::{self, clients::NewClient};

use crate::helpers::{PASSWORD, TestApp, spawn_app};

async fn add_client(app: &TestApp, office_id: i64, name: &str) -> i64 {
    let mut tx = app.state.db.begin().await.unwrap();
    let client = NewClient {
        office_id,
        supporter_id: None,
        name: name.to_string(),
        kana: "てすと".to_string(),
        birth_date: time::macros::date!(1990 - 04 - 01),
    };
    let id = store::clients::insert(&mut tx, &client, teichaku::clock::now())
        .await
        .unwrap();
    tx.commit().await.unwrap();
    id
}

/// Admin creates offices A and B, a supporter and a manager of A; returns (a, b).
async fn two_offices(app: &TestApp) -> (i64, i64) {
    app.signed_in_admin().await;
    let a = app.create_office("西船橋").await;
    let b = app.create_office("浜松駅前").await;
    app.create_staff("supporter.a", a, "supporter").await;
    app.create_staff("manager.a", a, "manager").await;
    (a, b)
}

#[tokio::test]
async fn a_supporter_of_office_a_cannot_open_office_b() {
    let app = spawn_app().await;
    let (a, b) = two_offices(&app).await;
    let client_a = add_client(&app, a, "山田 一子").await;
    let client_b = add_client(&app, b, "鈴木 二郎").await;
    let s = app.signed_in_as("supporter.a").await;

    assert_eq!(s.get(&format!("/offices/{a}")).await.status, StatusCode::OK);
    assert_eq!(
        s.get(&format!("/clients/{client_a}")).await.status,
        StatusCode::OK
    );
    for path in [
        format!("/offices/{b}"),
        format!("/offices/{b}/edit"),
        format!("/clients/{client_b}"),
    ] {
        let page = s.get(&path).await;
        assert_eq!(page.status, StatusCode::FORBIDDEN, "{path}");
        assert!(
            !page.body.contains("鈴木"),
            "nothing of office B leaks on {path}"
        );
    }
    let list = s.get("/offices").await;
    assert!(list.body.contains("西船橋") && !list.body.contains("浜松駅前"));
    let home = s.get("/").await;
    assert!(home.body.contains("西船橋") && !home.body.contains("浜松駅前"));
    // Not an admin: no staff or audit pages, no new offices, no edits.
    for path in ["/staff", "/audit", "/offices/new", "/staff/new"] {
        assert_eq!(s.get(path).await.status, StatusCode::FORBIDDEN, "{path}");
    }
    assert_eq!(
        s.get(&format!("/offices/{a}/edit")).await.status,
        StatusCode::FORBIDDEN,
        "supporters do not edit the office"
    );
    let post = s
        .submit(
            &format!("/offices/{a}"),
            &format!("/offices/{b}"),
            &[
                ("name", "乗っ取り"),
                ("prefecture", "千葉県"),
                ("address", "x"),
                ("phone", "0470000000"),
            ],
        )
        .await;
    assert_eq!(post.status, StatusCode::FORBIDDEN);
    assert_eq!(app.audit_rows("office.update").await.len(), 0);
}

#[tokio::test]
async fn a_manager_edits_their_own_office_only() {
    let app = spawn_app().await;
    let (a, b) = two_offices(&app).await;
    let m = app.signed_in_as("manager.a").await;
    let fields = [
        ("name", "西船橋（新）"),
        ("prefecture", "千葉県"),
        ("address", "船橋市西船1-0-0"),
        ("phone", "047-000-1111"),
    ];
    let ok = m
        .submit(
            &format!("/offices/{a}/edit"),
            &format!("/offices/{a}"),
            &fields,
        )
        .await;
    assert_eq!(ok.status, StatusCode::SEE_OTHER, "{}", ok.body);
    assert!(
        m.get(&format!("/offices/{a}"))
            .await
            .body
            .contains("西船橋（新）")
    );
    let denied = m
        .submit(
            &format!("/offices/{a}/edit"),
            &format!("/offices/{b}"),
            &fields,
        )
        .await;
    assert_eq!(denied.status, StatusCode::FORBIDDEN);
    assert_eq!(m.get("/offices/new").await.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn signed_out_visitors_are_sent_to_sign_in() {
    let app = spawn_app().await;
    let (a, _) = two_offices(&app).await;
    let anon = app.new_client();
    for path in [
        format!("/offices/{a}"),
        "/staff".to_string(),
        "/audit".to_string(),
        "/clients/1".to_string(),
    ] {
        let r = anon.get(app.url(&path)).send().await.unwrap();
        assert_eq!(r.status(), StatusCode::SEE_OTHER, "{path}");
        assert!(
            r.headers()["location"]
                .to_str()
                .unwrap()
                .starts_with("/login?next="),
            "{path}"
        );
    }
}

#[tokio::test]
async fn a_missing_record_is_404() {
    let app = spawn_app().await;
    app.signed_in_admin().await;
    assert_eq!(
        app.get("/offices/999999").await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(app.get("/offices/abc").await.status, StatusCode::NOT_FOUND);
    assert_eq!(
        app.get("/clients/999999").await.status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn a_deactivated_account_loses_its_sessions() {
    let app = spawn_app().await;
    let (a, _) = two_offices(&app).await;
    let s = app.signed_in_as("supporter.a").await;
    assert_eq!(s.get(&format!("/offices/{a}")).await.status, StatusCode::OK);
    let id: i64 = teichaku::on_db!(&app.state.db, pool => sqlx::query_scalar("SELECT id FROM staff WHERE login = 'supporter.a'").fetch_one(pool).await).unwrap();
    let page = app
        .submit(
            &format!("/staff/{id}/edit"),
            &format!("/staff/{id}"),
            &[
                ("display_name", "supporter.a"),
                ("login", "supporter.a"),
                ("email", "s@example.jp"),
                (&format!("role_{a}"), "supporter"),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    assert!(
        s.get(&format!("/offices/{a}"))
            .await
            .location()
            .starts_with("/login")
    );
    assert_eq!(
        s.login("supporter.a", PASSWORD).await.status,
        StatusCode::UNAUTHORIZED
    );
}
