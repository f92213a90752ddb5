//! 連絡帳 and the employer's pages (issue 11, items 3 and 4), through the pages, on both
//! engines: who reads which message (the consent decides on every request), the weekly
//! observation reaching staff, another client's id answering 404, field messages, and the
//! notification email that says only that there is a new message.

use reqwest::StatusCode;

use crate::helpers::{TestApp, spawn_app};

/// Posts a message to the client's notebook as staff (the admin on `app`).
async fn staff_writes(app: &TestApp, client: i64, form: &[(&str, &str)]) -> crate::helpers::Page {
    let path = format!("/clients/{client}/notes");
    app.submit(&path, &path, form).await
}

async fn set_email(app: &TestApp, table: &str, id_column: &str, id: i64, email: &str) {
    let sql = format!("UPDATE {table} SET email = $1 WHERE {id_column} = $2");
    teichaku::on_db!(&app.state.db, pool => sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(email).bind(id).execute(pool).await.map(|r| r.rows_affected()))
    .expect("set email");
}

async fn outbox(app: &TestApp) -> Vec<(String, String, String)> {
    teichaku::on_db!(&app.state.db, pool => sqlx::query_as(
        "SELECT to_address, subject, body_text FROM email_outbox ORDER BY id")
        .fetch_all(pool).await)
    .expect("outbox")
}

#[tokio::test]
async fn a_message_to_the_office_only_is_not_shown_to_the_employer() {
    let app = spawn_app().await;
    let (_, sato, client) = app.office_with_client().await;
    let boss = app.as_employer(client, "山田 課長", sato).await;
    app.consent_for_employer(client, "山田 課長", &["work_status"])
        .await;
    let me = app.as_client(client, sato).await;

    let page = me
        .submit(
            "/me/notes",
            "/me/notes",
            &[("note_body", "事業所だけに相談です\n二行目")],
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);

    let mine = me.get("/me/notes").await;
    assert_eq!(mine.status, StatusCode::OK);
    assert!(
        mine.body.contains("事業所だけに相談です\n二行目"),
        "{}",
        mine.body
    );
    assert!(
        mine.body.contains("<ruby>"),
        "ふりがな on the client's page"
    );

    let staff = app.get(&format!("/clients/{client}/notes")).await;
    assert_eq!(staff.status, StatusCode::OK);
    assert!(staff.body.contains("事業所だけに相談です"));
    assert!(
        staff.body.contains("見られる人: 本人・事業所</p>"),
        "who can read it, in words: {}",
        staff.body
    );

    let theirs = boss.get(&format!("/employer/clients/{client}/notes")).await;
    assert_eq!(theirs.status, StatusCode::OK, "{}", theirs.body);
    assert!(!theirs.body.contains("事業所だけに相談です"));
    assert_eq!(app.audit_rows("note.message").await.len(), 1);
}

#[tokio::test]
async fn the_employer_reads_a_work_message_while_the_consent_covers_it() {
    let app = spawn_app().await;
    let (_, sato, client) = app.office_with_client().await;
    let boss = app.as_employer(client, "山田 課長", sato).await;
    let consent = app
        .consent_for_employer(client, "山田 課長", &["work_status"])
        .await;
    let page = staff_writes(
        &app,
        client,
        &[
            ("note_body", "来週から午後の作業を増やします"),
            ("note_to_client", "1"),
            ("note_to_employer", "1"),
            ("note_category", "work_status"),
        ],
    )
    .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);

    let notes = format!("/employer/clients/{client}/notes");
    let theirs = boss.get(&notes).await;
    assert!(theirs.body.contains("来週から午後の作業を増やします"));
    assert!(theirs.body.contains("見られる人: 本人・事業所・企業"));
    let me = app.as_client(client, sato).await;
    assert!(
        me.get("/me/notes")
            .await
            .body
            .contains("来週から午後の作業を増やします")
    );

    // Withdrawn: the next request shows nothing of the client.
    app.withdraw_consent(client, consent).await;
    assert_eq!(boss.get(&notes).await.status, StatusCode::NOT_FOUND);
    // A new consent without work_status: the page opens, the message stays hidden.
    app.consent_for_employer(client, "山田 課長", &["reports"])
        .await;
    let theirs = boss.get(&notes).await;
    assert_eq!(theirs.status, StatusCode::OK);
    assert!(!theirs.body.contains("来週から午後の作業を増やします"));
}

#[tokio::test]
async fn a_health_message_is_hidden_from_an_employer_consented_for_work_only() {
    let app = spawn_app().await;
    let (_, sato, client) = app.office_with_client().await;
    let boss = app.as_employer(client, "山田 課長", sato).await;
    let both = app
        .consent_for_employer(client, "山田 課長", &["work_status", "health"])
        .await;
    let page = staff_writes(
        &app,
        client,
        &[
            ("note_body", "服薬の時間を昼に変えました"),
            ("note_to_employer", "1"),
            ("note_category", "health"),
        ],
    )
    .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    staff_writes(
        &app,
        client,
        &[
            ("note_body", "出勤は予定どおりです"),
            ("note_to_employer", "1"),
            ("note_category", "work_status"),
        ],
    )
    .await;
    let notes = format!("/employer/clients/{client}/notes");
    assert!(
        boss.get(&notes)
            .await
            .body
            .contains("服薬の時間を昼に変えました")
    );

    app.withdraw_consent(client, both).await;
    app.consent_for_employer(client, "山田 課長", &["work_status"])
        .await;
    let theirs = boss.get(&notes).await;
    assert_eq!(theirs.status, StatusCode::OK);
    assert!(!theirs.body.contains("服薬の時間を昼に変えました"));
    assert!(theirs.body.contains("出勤は予定どおりです"));

    // Staff see it, with the note that the employer cannot read it now.
    let staff = app.get(&format!("/clients/{client}/notes")).await;
    assert!(staff.body.contains("服薬の時間を昼に変えました"));
    assert!(staff.body.contains("企業担当者には表示されていません"));

    // A new health message to the employer is refused with a field message, not saved.
    let before = app.count("note_messages").await;
    let page = staff_writes(
        &app,
        client,
        &[
            ("note_body", "通院日が変わりました"),
            ("note_to_employer", "1"),
            ("note_category", "health"),
        ],
    )
    .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.body.contains("この分類は本人の同意に含まれていない"));
    assert!(
        page.body.contains("通院日が変わりました"),
        "what was typed stays"
    );
    assert_eq!(app.count("note_messages").await, before);
}

#[tokio::test]
async fn the_employers_weekly_observation_reaches_staff() {
    let app = spawn_app().await;
    let (_, sato, client) = app.office_with_client().await;
    let boss = app.as_employer(client, "山田 課長", sato).await;
    app.consent_for_employer(client, "山田 課長", &["work_status"])
        .await;
    let path = format!("/employer/clients/{client}/observations");
    let page = boss
        .submit(
            &path,
            &path,
            &[
                ("obs_attendance", "late_or_early"),
                ("obs_attendance_note", "火曜に30分遅刻"),
                ("obs_work_note", "検品を一人で終えられました"),
                ("obs_concerns", ""),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    // Sent again in the same week: the week's report is updated, not doubled.
    let page = boss
        .submit(
            &path,
            &path,
            &[
                ("obs_attendance", "late_or_early"),
                ("obs_attendance_note", "火曜に30分遅刻"),
                ("obs_work_note", "検品と梱包を一人で終えられました"),
                ("obs_concerns", "昼休みに疲れた様子"),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    assert_eq!(app.count("employer_observations").await, 1);
    let form = boss.get(&path).await;
    assert!(
        form.body.contains("検品と梱包を一人で終えられました"),
        "this week's report is in the form"
    );

    let staff = app.get(&format!("/clients/{client}/observations")).await;
    assert_eq!(staff.status, StatusCode::OK);
    assert!(staff.body.contains("遅刻・早退があった"));
    assert!(staff.body.contains("検品と梱包を一人で終えられました"));
    assert!(staff.body.contains("昼休みに疲れた様子"));
    assert!(staff.body.contains("山田 課長"));
    // The client's page links to the notebook, and the notebook there.
    let show = app.get(&format!("/clients/{client}")).await;
    assert!(
        show.body
            .contains(&format!("href=\"/clients/{client}/notes\""))
    );
    let notes = app.get(&format!("/clients/{client}/notes")).await;
    assert!(
        notes
            .body
            .contains(&format!("/clients/{client}/observations"))
    );
    assert_eq!(app.audit_rows("employer.observation").await.len(), 2);
}

#[tokio::test]
async fn another_clients_id_in_the_employer_routes_is_not_found() {
    let app = spawn_app().await;
    let (office, sato, client) = app.office_with_client().await;
    let other = app
        .register_client(office, "鈴木 一郎", "すずき いちろう", sato)
        .await;
    let boss = app.as_employer(client, "山田 課長", sato).await;
    app.consent_for_employer(client, "山田 課長", &["work_status"])
        .await;
    // The other client even names the same contact in a consent: no link, no access.
    app.consent_for_employer(other, "山田 課長", &["work_status"])
        .await;
    for path in ["", "/notes", "/observations"] {
        let page = boss.get(&format!("/employer/clients/{other}{path}")).await;
        assert_eq!(page.status, StatusCode::NOT_FOUND, "{path}");
        assert!(!page.body.contains("鈴木 一郎"));
    }
    let csrf = boss
        .csrf(&format!("/employer/clients/{client}/notes"))
        .await;
    let page = boss
        .post_form(
            &format!("/employer/clients/{other}/notes"),
            &[("_csrf", csrf.as_str()), ("note_body", "こんにちは")],
        )
        .await;
    assert_eq!(page.status, StatusCode::NOT_FOUND);
    let page = boss
        .post_form(
            &format!("/employer/clients/{other}/observations"),
            &[("_csrf", csrf.as_str()), ("obs_attendance", "as_planned")],
        )
        .await;
    assert_eq!(page.status, StatusCode::NOT_FOUND);
    assert_eq!(app.count("note_messages").await, 0);
    assert_eq!(app.count("employer_observations").await, 0);

    let overview = boss.get(&format!("/employer/clients/{client}")).await;
    assert_eq!(overview.status, StatusCode::OK);
    assert!(overview.body.contains("山田 花子"));
    assert!(
        overview
            .body
            .contains(&format!("/employer/clients/{client}/notes"))
    );
    assert!(
        !overview.body.contains("/reports\""),
        "no report link without consent"
    );
    assert!(
        !overview.body.contains("/selfcheck\""),
        "no self-check link without consent"
    );
}

#[tokio::test]
async fn the_overview_links_to_what_the_consent_allows() {
    let app = spawn_app().await;
    let (_, sato, client) = app.office_with_client().await;
    let boss = app.as_employer(client, "山田 課長", sato).await;
    app.consent_for_employer(client, "山田 課長", &["work_status", "reports", "health"])
        .await;
    let overview = boss.get(&format!("/employer/clients/{client}")).await;
    assert_eq!(overview.status, StatusCode::OK);
    assert!(
        overview
            .body
            .contains(&format!("/employer/clients/{client}/reports\""))
    );
    assert!(
        overview
            .body
            .contains(&format!("/employer/clients/{client}/selfcheck\""))
    );
    assert!(
        overview
            .body
            .contains(&format!("/employer/clients/{client}/observations\""))
    );
}

#[tokio::test]
async fn bad_input_gets_field_messages_and_keeps_what_was_typed() {
    let app = spawn_app().await;
    let (_, sato, client) = app.office_with_client().await;
    let me = app.as_client(client, sato).await;
    let page = me
        .submit("/me/notes", "/me/notes", &[("note_body", "   ")])
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.body.contains("id=\"e-note_body\""), "{}", page.body);
    assert!(page.body.contains("<ruby>"), "in the client's words");

    let long = "あ".repeat(1001);
    let page = staff_writes(&app, client, &[("note_body", &long)]).await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.body.contains("1,000字以内で書いてください"));
    assert!(page.body.contains(&long), "what was typed stays");
    assert_eq!(app.count("note_messages").await, 0);

    let boss = app.as_employer(client, "山田 課長", sato).await;
    app.consent_for_employer(client, "山田 課長", &["work_status"])
        .await;
    let path = format!("/employer/clients/{client}/observations");
    let page = boss
        .submit(
            &path,
            &path,
            &[
                ("obs_attendance", "sometimes"),
                ("obs_work_note", "よくできました"),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.body.contains("出勤状況を選んでください"));
    assert!(page.body.contains("よくできました"));
    assert_eq!(app.count("employer_observations").await, 0);
}

#[tokio::test]
async fn the_notification_says_only_that_there_is_a_new_message() {
    let app = spawn_app().await;
    let (_, sato, client) = app.office_with_client().await;
    let me = app.as_client(client, sato).await;
    let boss = app.as_employer(client, "山田 課長", sato).await;
    app.consent_for_employer(client, "山田 課長", &["work_status"])
        .await;
    set_email(
        &app,
        "client_accounts",
        "client_id",
        client,
        "hanako@example.jp",
    )
    .await;
    teichaku::on_db!(&app.state.db, pool => sqlx::query(
        "UPDATE employer_contacts SET email = 'boss@example.jp'").execute(pool).await.map(|r| r.rows_affected()))
    .expect("employer email");

    let body = "うつの波があり体調を崩しています";
    let page = staff_writes(
        &app,
        client,
        &[
            ("note_body", body),
            ("note_to_client", "1"),
            ("note_to_employer", "1"),
            ("note_category", "work_status"),
        ],
    )
    .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    let mut sent = outbox(&app).await;
    sent.sort();
    let to: Vec<&str> = sent.iter().map(|(t, _, _)| t.as_str()).collect();
    // The client, the employer contact and the supporter (the admin wrote it).
    assert_eq!(
        to,
        ["boss@example.jp", "hanako@example.jp", "sato@example.jp"]
    );
    for (to, subject, text) in &sent {
        assert_eq!(subject, "新しい連絡があります", "{to}");
        assert!(
            !text.contains("うつ") && !text.contains("体調"),
            "{to}: {text}"
        );
        assert!(
            !text.contains("山田 花子") && !subject.contains("山田"),
            "{to}"
        );
        assert!(text.contains("新しい連絡があります"));
    }
    assert!(
        sent[0]
            .2
            .contains(&format!("/employer/clients/{client}/notes"))
    );

    // The client writes to the office only: the supporter is told, not the employer.
    let page = me
        .submit("/me/notes", "/me/notes", &[("note_body", "相談したいです")])
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    let sent = outbox(&app).await;
    assert_eq!(sent.len(), 4);
    assert_eq!(sent[3].0, "sato@example.jp");
    // The employer's message to the office, shown to the client too.
    let path = format!("/employer/clients/{client}/notes");
    let page = boss
        .submit(
            &path,
            &path,
            &[("note_body", "明日は棚卸しです"), ("note_to_client", "1")],
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    let sent = outbox(&app).await;
    let new: Vec<&str> = sent[4..].iter().map(|(t, _, _)| t.as_str()).collect();
    assert_eq!(new, ["hanako@example.jp", "sato@example.jp"]);
    assert!(me.get("/me/notes").await.body.contains("明日は棚卸しです"));
}

#[tokio::test]
async fn a_long_notebook_pages_back_to_older_messages() {
    use teichaku::domain::notebook::{Author, NoteInput};
    let app = spawn_app().await;
    let (_, sato, client) = app.office_with_client().await;
    let mut tx = app.state.db.begin().await.expect("tx");
    for i in 1..=101 {
        let input = NoteInput {
            body: format!("連絡その{i}。"),
            to_client: true,
            to_employer: false,
            category: None,
        };
        teichaku::store::notebook::insert_message(
            &mut tx,
            client,
            Author::Staff(sato),
            "佐藤",
            &input,
            teichaku::clock::now(),
        )
        .await
        .expect("insert");
    }
    tx.commit().await.expect("commit");
    let me = app.as_client(client, sato).await;
    let first = me.get("/me/notes").await;
    assert!(first.body.contains("連絡その101。") && first.body.contains("連絡その2。"));
    assert!(!first.body.contains("連絡その1。"), "the 100 newest");
    let href = "/me/notes?before=";
    let at = first.body.find(href).expect("a link to older messages") + href.len();
    let id: String = first.body[at..]
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    let older = me.get(&format!("{href}{id}")).await;
    assert!(older.body.contains("連絡その1。") && !older.body.contains("連絡その2。"));
    assert!(!older.body.contains(href), "nothing older");
    // A before that is not an id shows the newest.
    let page = me.get("/me/notes?before=abc").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("連絡その101。"));
}
