//! Offices: create, validate, edit, delete (only without clients).
use reqwest::StatusCode;

use crate::helpers::spawn_app;

#[tokio::test]
async fn an_admin_creates_edits_and_deletes_an_office() {
    let app = spawn_app().await;
    app.signed_in_admin().await;
    let id = app.create_office("青森").await;
    let show = app.get(&format!("/offices/{id}?n=created")).await;
    assert!(show.body.contains("青森") && show.body.contains("登録しました。"));
    let edit = app
        .submit(
            &format!("/offices/{id}/edit"),
            &format!("/offices/{id}"),
            &[
                ("name", "青森駅前"),
                ("office_number", "０２１２３４５６７８"),
                ("prefecture", "青森県"),
                ("address", "青森市新町1-0-0"),
                ("phone", "017-000-0000"),
            ],
        )
        .await;
    assert_eq!(edit.status, StatusCode::SEE_OTHER, "{}", edit.body);
    let show = app.get(&format!("/offices/{id}")).await;
    assert!(
        show.body.contains("青森駅前") && show.body.contains("0212345678"),
        "full-width digits normalised"
    );
    let del = app
        .submit(
            &format!("/offices/{id}"),
            &format!("/offices/{id}/delete"),
            &[],
        )
        .await;
    assert_eq!(del.location(), "/offices?n=deleted");
    assert_eq!(app.count("offices").await, 0);
    let actions: Vec<usize> =
        audit_counts(&app, &["office.create", "office.update", "office.delete"]).await;
    assert_eq!(actions, vec![1, 1, 1]);
}

async fn audit_counts(app: &crate::helpers::TestApp, actions: &[&str]) -> Vec<usize> {
    let mut out = Vec::new();
    for a in actions {
        out.push(app.audit_rows(a).await.len());
    }
    out
}

#[tokio::test]
async fn office_form_errors_are_per_field_and_keep_input() {
    let app = spawn_app().await;
    app.signed_in_admin().await;
    let page = app
        .submit(
            "/offices/new",
            "/offices",
            &[
                ("name", "西船橋"),
                ("office_number", "123"),
                ("prefecture", "ちば"),
                ("address", ""),
                ("phone", "12-34"),
                ("email", "office@"),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    for m in [
        "10桁の数字で入力してください。",
        "一覧から都道府県を選んでください。",
        "入力してください。",
        "電話番号は10桁か11桁",
        "メールアドレスの形が正しくありません",
    ] {
        assert!(page.body.contains(m), "missing {m}");
    }
    assert!(page.body.contains("value=\"西船橋\""));
    assert_eq!(app.count("offices").await, 0);
    let long_name = "あ".repeat(101);
    let page = app
        .submit(
            "/offices/new",
            "/offices",
            &[
                ("name", &long_name),
                ("prefecture", "千葉県"),
                ("address", "x"),
                ("phone", "0470000000"),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.body.contains("長すぎます。"));
}

#[tokio::test]
async fn duplicate_names_and_numbers_are_field_errors_not_500s() {
    let app = spawn_app().await;
    app.signed_in_admin().await;
    app.create_office("西船橋").await;
    let dup = app
        .submit(
            "/offices/new",
            "/offices",
            &[
                ("name", "西船橋"),
                ("prefecture", "千葉県"),
                ("address", "x"),
                ("phone", "0470000000"),
            ],
        )
        .await;
    assert_eq!(dup.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(dup.body.contains("同じ名前の事業所がすでにあります。"));
    let numbered = |name: &'static str| {
        [
            ("name", name),
            ("office_number", "1212345678"),
            ("prefecture", "千葉県"),
            ("address", "x"),
            ("phone", "0470000000"),
        ]
    };
    assert_eq!(
        app.submit("/offices/new", "/offices", &numbered("A"))
            .await
            .status,
        StatusCode::SEE_OTHER
    );
    let dup = app.submit("/offices/new", "/offices", &numbered("B")).await;
    assert_eq!(dup.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        dup.body
            .contains("この事業所番号はすでに登録されています。")
    );
}

#[tokio::test]
async fn an_office_with_clients_cannot_be_deleted() {
    let app = spawn_app().await;
    app.signed_in_admin().await;
    let id = app.create_office("浜松駅前").await;
    let mut tx = app.state.db.begin().await.unwrap();
    teichaku::store::clients::insert(
        &mut tx,
        &teichaku::store::clients::NewClient {
            office_id: id,
            supporter_id: None,
            name: "x".into(),
            kana: "x".into(),
            birth_date: time::macros::date!(1990 - 01 - 01),
        },
        teichaku::clock::now(),
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    let del = app
        .submit(
            &format!("/offices/{id}"),
            &format!("/offices/{id}/delete"),
            &[],
        )
        .await;
    assert_eq!(del.location(), format!("/offices/{id}?n=has_clients"));
    assert_eq!(app.count("offices").await, 1);
    assert!(
        app.get(&del.location())
            .await
            .body
            .contains("利用者が登録されている事業所は削除できません")
    );
}

#[tokio::test]
async fn the_plan_review_cycle_is_an_office_setting() {
    let app = spawn_app().await;
    app.signed_in_admin().await;
    let id = app.create_office("青森").await;
    let form = |months: &'static str| {
        [
            ("name", "青森"),
            ("prefecture", "青森県"),
            ("address", "青森市"),
            ("phone", "0170000000"),
            ("plan_review_months", months),
        ]
    };
    let bad = app
        .submit(
            &format!("/offices/{id}/edit"),
            &format!("/offices/{id}"),
            &form("13"),
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.body.contains("入力できる範囲を超えています。"));
    let ok = app
        .submit(
            &format!("/offices/{id}/edit"),
            &format!("/offices/{id}"),
            &form("6"),
        )
        .await;
    assert_eq!(ok.status, StatusCode::SEE_OTHER);
    let months: i64 = teichaku::store::plans::review_months(&app.state.db, id)
        .await
        .unwrap();
    assert_eq!(
        months, 6,
        "plans of this office are reviewed every 6 months"
    );
}
