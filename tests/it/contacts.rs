//! 支援記録: recording contacts with concerns and agreed actions, consent-checked sharing,
//! tasks on the owner's home page, resolving concerns into past cases. Both engines.
use reqwest::StatusCode;

use crate::helpers::{TestApp, spawn_app};

/// Admin, office 西船橋, supporter `sato` and a client; returns (office, sato, client).
async fn setup(app: &TestApp) -> (i64, i64, i64) {
    app.office_with_client().await
}

fn days(n: i64) -> String {
    (teichaku::clock::today() + time::Duration::days(n)).to_string()
}

async fn record(app: &TestApp, client: i64, extra: &[(&str, &str)]) -> crate::helpers::Page {
    let today = days(0);
    let mut fields: Vec<(&str, &str)> = vec![
        ("contact_date", &today),
        ("contact_time", "10:00"),
        ("mode", "face_to_face"),
        ("participants", "client"),
        ("heard", "朝起きられず、遅刻が2回あった。"),
        ("advice", "寝る時刻を決めて記録する。"),
    ];
    fields.extend_from_slice(extra);
    app.submit(
        &format!("/clients/{client}/contacts/new"),
        &format!("/clients/{client}/contacts"),
        &fields,
    )
    .await
}

#[tokio::test]
async fn a_hearing_with_concerns_and_tasks() {
    let app = spawn_app().await;
    let (_, sato, client) = setup(&app).await;
    let s = sato.to_string();
    let (yesterday, next_week) = (days(-1), days(7));
    let page = record(
        &app,
        client,
        &[
            ("concern_category_1", "lateness_absence"),
            ("concern_severity_1", "3"),
            ("concern_note_1", "今月2回"),
            ("concern_category_2", "sleep_rhythm"),
            ("action_1", "上司と始業時刻を相談する"),
            ("action_owner_1", &s),
            ("action_due_1", &yesterday),
            ("action_2", "睡眠記録を見せてもらう"),
            ("action_owner_2", &s),
            ("action_due_2", &next_week),
            ("next_contact_on", &next_week),
        ],
    )
    .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    assert_eq!(app.count("concerns").await, 2);
    assert_eq!(app.count("tasks").await, 2);
    let history = app.get(&format!("/clients/{client}/contacts")).await;
    for text in [
        "朝起きられず",
        "遅刻・欠勤",
        "生活リズム・睡眠",
        "重い",
        "上司と始業時刻を相談する",
        "解決していない困りごと",
    ] {
        assert!(history.body.contains(text), "history shows {text}");
    }
    // The owner sees both tasks; yesterday's is overdue and marked so.
    let sato_browser = app.signed_in_as("sato").await;
    let home = sato_browser.get("/").await;
    assert!(
        home.body.contains("class=\"task overdue\""),
        "overdue task in red"
    );
    assert!(home.body.contains("期限切れ 1"), "one overdue");
    assert!(home.body.contains("睡眠記録を見せてもらう"));
    let task: i64 = teichaku::on_db!(&app.state.db, pool => sqlx::query_scalar("SELECT id FROM tasks WHERE description = '上司と始業時刻を相談する'").fetch_one(pool).await).unwrap();
    let done = sato_browser
        .submit("/", &format!("/tasks/{task}/done"), &[("next", "/")])
        .await;
    assert_eq!(done.location(), "/");
    let home = sato_browser.get("/").await;
    assert!(
        !home.body.contains("上司と始業時刻を相談する")
            && !home.body.contains("class=\"task overdue\"")
    );
    assert_eq!(app.audit_rows("contact.create").await.len(), 1);
    assert_eq!(app.audit_rows("task.done").await.len(), 1);
}

#[tokio::test]
async fn bad_contacts_are_refused_field_by_field() {
    let app = spawn_app().await;
    let (_, _, client) = setup(&app).await;
    let page = record(
        &app,
        client,
        &[
            ("mode", "letter"),
            ("concern_category_1", "astrology"),
            ("action_1", "電話する"),
            ("next_contact_on", "2000-01-01"),
        ],
    )
    .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    for m in [
        "困りごとの種類を選んでください。",
        "決めたことの期限を入力してください。",
        "次回の予定日は、この記録の日付より後にしてください。",
    ] {
        assert!(page.body.contains(m), "missing {m}");
    }
    assert!(
        page.body.contains("朝起きられず、遅刻が2回あった。"),
        "typed text kept"
    );
    assert_eq!(app.count("contacts").await, 0);
}

/// A consent for the employer contact 物流 課長, valid since 2026-01-01.
async fn add_consent(app: &TestApp, client: i64, categories: &str) -> i64 {
    teichaku::on_db!(&app.state.db, pool => sqlx::query_scalar::<_, i64>(
        "INSERT INTO consents (client_id, recipient_kind, recipient_name, categories, valid_from, created_at)
         VALUES ($1, 'employer', '物流 課長', $2, $3, $4) RETURNING id")
        .bind(client).bind(categories).bind(time::macros::date!(2026 - 01 - 01)).bind(teichaku::clock::now())
        .fetch_one(pool).await).unwrap()
}

#[tokio::test]
async fn sharing_outside_the_office_needs_consent() {
    let app = spawn_app().await;
    let (_, _, client) = setup(&app).await;
    let shared = [
        ("participants", "supervisor"),
        ("shared_info", "通院のため月1回午後休みが必要と伝えた。"),
    ];
    let none = record(&app, client, &shared).await;
    assert_eq!(none.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(none.body.contains("もとになる本人の同意を選んでください"));
    let narrow = add_consent(&app, client, "reports").await.to_string();
    let mut fields = shared.to_vec();
    fields.push(("shared_consent_id", &narrow));
    let outside = record(&app, client, &fields).await;
    assert_eq!(outside.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        outside
            .body
            .contains("同意の範囲に含まれていない情報があります"),
        "{}",
        outside.body
    );
    assert!(
        outside.body.contains("支援記録の内容"),
        "names the missing category"
    );
    // A consent that covers support records, but withdrawn: still blocked, and says so.
    let wide = add_consent(&app, client, "support_records,work_status").await;
    teichaku::on_db!(&app.state.db, pool => sqlx::query("UPDATE consents SET withdrawn_at = $1 WHERE id = $2")
        .bind(teichaku::clock::now()).bind(wide).execute(pool).await.map(|r| r.rows_affected())).unwrap();
    let w = wide.to_string();
    let mut fields = shared.to_vec();
    fields.push(("shared_consent_id", &w));
    let withdrawn = record(&app, client, &fields).await;
    assert_eq!(withdrawn.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        app.count("contacts").await,
        0,
        "nothing saved while blocked"
    );
    teichaku::on_db!(&app.state.db, pool => sqlx::query("UPDATE consents SET withdrawn_at = NULL WHERE id = $1")
        .bind(wide).execute(pool).await.map(|r| r.rows_affected())).unwrap();
    let mut fields = shared.to_vec();
    fields.push(("shared_consent_id", &w));
    fields.push(("is_handover", "1"));
    let ok = record(&app, client, &fields).await;
    assert_eq!(ok.status, StatusCode::SEE_OTHER, "{}", ok.body);
    let handover: bool = teichaku::on_db!(&app.state.db, pool => sqlx::query_scalar("SELECT is_handover FROM contacts").fetch_one(pool).await).unwrap();
    assert!(handover);
}

#[tokio::test]
async fn resolved_concerns_become_searchable_past_cases() {
    let app = spawn_app().await;
    let (office, _, client) = setup(&app).await;
    record(
        &app,
        client,
        &[
            ("concern_category_1", "relationships"),
            ("concern_note_1", "上司の指示が早口で聞き取れない"),
        ],
    )
    .await;
    let concern: i64 = teichaku::on_db!(&app.state.db, pool => sqlx::query_scalar("SELECT id FROM concerns").fetch_one(pool).await).unwrap();
    let path = format!("/clients/{client}/concerns/{concern}/resolve");
    let empty = app
        .submit(
            &format!("/clients/{client}/contacts"),
            &path,
            &[("resolution", " ")],
        )
        .await;
    assert_eq!(empty.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(empty.body.contains("入力してください。"));
    let before = app
        .get(&format!("/offices/{office}/cases?category=relationships"))
        .await;
    assert!(
        !before.body.contains("早口"),
        "open concerns are not past cases"
    );
    let ok = app
        .submit(
            &format!("/clients/{client}/contacts"),
            &path,
            &[("resolution", "指示をメモで渡してもらうよう上司と合意した")],
        )
        .await;
    assert_eq!(ok.status, StatusCode::SEE_OTHER);
    for query in [
        "category=relationships",
        "q=%E3%83%A1%E3%83%A2",
        "q=%E6%97%A9%E5%8F%A3",
    ] {
        let page = app.get(&format!("/offices/{office}/cases?{query}")).await;
        assert!(page.body.contains("指示をメモで渡してもらう"), "{query}");
        assert!(!page.body.contains("山田"), "no client names in past cases");
    }
    let other_category = app
        .get(&format!("/offices/{office}/cases?category=money"))
        .await;
    assert!(!other_category.body.contains("早口"));
    let other_office = app.create_office("青森").await;
    let elsewhere = app
        .get(&format!(
            "/offices/{other_office}/cases?category=relationships"
        ))
        .await;
    assert!(
        !elsewhere.body.contains("早口"),
        "cases stay in their office"
    );
}

#[tokio::test]
async fn another_office_cannot_see_or_write_contacts() {
    let app = spawn_app().await;
    let (office, sato, client) = setup(&app).await;
    let s = sato.to_string();
    let tomorrow = days(1);
    record(
        &app,
        client,
        &[
            ("action_1", "x"),
            ("action_owner_1", &s),
            ("action_due_1", &tomorrow),
        ],
    )
    .await;
    let other = app.create_office("青森").await;
    app.create_staff("aomori", other, "supporter").await;
    let a = app.signed_in_as("aomori").await;
    for path in [
        format!("/clients/{client}/contacts"),
        format!("/clients/{client}/contacts/new"),
        format!("/offices/{office}/cases"),
    ] {
        assert_eq!(a.get(&path).await.status, StatusCode::FORBIDDEN, "{path}");
    }
    let task: i64 = teichaku::on_db!(&app.state.db, pool => sqlx::query_scalar("SELECT id FROM tasks").fetch_one(pool).await).unwrap();
    assert_eq!(
        a.submit("/", &format!("/tasks/{task}/done"), &[])
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        a.submit(
            "/",
            &format!("/clients/{client}/contacts"),
            &[("heard", "x")]
        )
        .await
        .status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(app.count("contacts").await, 1);
}
