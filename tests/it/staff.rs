//! Staff accounts: roles per office, the last admin, password resets, deletion.
use reqwest::StatusCode;

use crate::helpers::{ADMIN_LOGIN, PASSWORD, spawn_app};

#[tokio::test]
async fn an_admin_creates_staff_with_roles_per_office() {
    let app = spawn_app().await;
    app.signed_in_admin().await;
    let a = app.create_office("西船橋").await;
    let b = app.create_office("青森").await;
    let page = app
        .submit(
            "/staff/new",
            "/staff",
            &[
                ("display_name", "佐藤 花"),
                ("login", "Sato.Hana"),
                ("email", "sato@example.jp"),
                ("password", PASSWORD),
                ("password_confirm", PASSWORD),
                (&format!("role_{a}"), "manager"),
                (&format!("role_{b}"), "supporter"),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    let list = app.get("/staff").await;
    assert!(
        list.body.contains("佐藤 花") && list.body.contains("sato.hana"),
        "login stored lower-case"
    );
    assert!(list.body.contains("西船橋 (サービス管理責任者・管理者)"));
    assert!(list.body.contains("青森 (就労定着支援員)"));
    let sato = app.signed_in_as("sato.hana").await;
    assert!(sato.get("/").await.body.contains("西船橋"));
    let created = app.audit_rows("staff.create").await;
    assert_eq!(created.len(), 2, "setup admin + this one");
}

#[tokio::test]
async fn a_taken_login_is_a_field_error() {
    let app = spawn_app().await;
    app.signed_in_admin().await;
    let page = app
        .submit(
            "/staff/new",
            "/staff",
            &[
                ("display_name", "二人目"),
                ("login", ADMIN_LOGIN),
                ("email", "x@example.jp"),
                ("password", PASSWORD),
                ("password_confirm", PASSWORD),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.body.contains("このログインIDはすでに使われています。"));
    assert!(page.body.contains("value=\"二人目\""));
}

#[tokio::test]
async fn the_last_admin_cannot_be_removed() {
    let app = spawn_app().await;
    app.signed_in_admin().await;
    let me: i64 = teichaku::on_db!(&app.state.db, pool => sqlx::query_scalar("SELECT id FROM staff WHERE login = 'admin'").fetch_one(pool).await).unwrap();
    let demote = app
        .submit(
            &format!("/staff/{me}/edit"),
            &format!("/staff/{me}"),
            &[
                ("display_name", "管理 太郎"),
                ("login", ADMIN_LOGIN),
                ("email", "admin@example.jp"),
                ("active", "1"),
            ],
        )
        .await;
    assert_eq!(demote.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(demote.body.contains("自分自身の管理者権限"));
    let delete = app
        .submit(
            &format!("/staff/{me}/edit"),
            &format!("/staff/{me}/delete"),
            &[],
        )
        .await;
    assert_eq!(delete.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(delete.body.contains("自分自身は削除できません。"));
    assert_eq!(app.count("staff").await, 1);
}

#[tokio::test]
async fn password_reset_and_delete_are_audited_and_take_effect() {
    let app = spawn_app().await;
    app.signed_in_admin().await;
    let office = app.create_office("西船橋").await;
    let id = app.create_staff("kato", office, "supporter").await;
    let short = app
        .submit(
            &format!("/staff/{id}/edit"),
            &format!("/staff/{id}/password"),
            &[("password", "short"), ("password_confirm", "short")],
        )
        .await;
    assert_eq!(short.status, StatusCode::UNPROCESSABLE_ENTITY);
    let reset = app
        .submit(
            &format!("/staff/{id}/edit"),
            &format!("/staff/{id}/password"),
            &[
                ("password", "a brand new passphrase"),
                ("password_confirm", "a brand new passphrase"),
            ],
        )
        .await;
    assert_eq!(reset.status, StatusCode::SEE_OTHER);
    assert_eq!(app.audit_rows("staff.password_reset").await.len(), 1);
    let del = app
        .submit(
            &format!("/staff/{id}/edit"),
            &format!("/staff/{id}/delete"),
            &[],
        )
        .await;
    assert_eq!(del.location(), "/staff?n=deleted");
    assert_eq!(app.count("staff").await, 1);
    let deleted = app.audit_rows("staff.delete").await;
    assert_eq!(deleted.len(), 1);
    assert_eq!(deleted[0].1, id.to_string());
}
