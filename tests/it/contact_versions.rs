//! Support records corrected as versions (issue 12): a correction keeps every earlier
//! version visible (and its reading audited), a draft counts for nothing until saved, a
//! withdrawal (取消) keeps the record with its reason; a stale form changes nothing. Both
//! engines.
use reqwest::StatusCode;

use crate::helpers::{TestApp, spawn_app};

fn today() -> String {
    teichaku::clock::today().to_string()
}

async fn record(app: &TestApp, client: i64, extra: &[(&str, &str)]) -> i64 {
    let today = today();
    let mut fields: Vec<(&str, &str)> = vec![
        ("contact_date", &today),
        ("contact_time", "10:00"),
        ("mode", "face_to_face"),
        ("place", "事業所の面談室"),
        ("participants", "client"),
        ("heard", "朝起きられず、遅刻が2回あった。"),
        ("advice", "寝る時刻を決めて記録する。"),
    ];
    fields.extend_from_slice(extra);
    let page = app
        .submit(
            &format!("/clients/{client}/contacts/new"),
            &format!("/clients/{client}/contacts"),
            &fields,
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    teichaku::on_db!(&app.state.db, pool => sqlx::query_scalar::<_, i64>(
        "SELECT MAX(id) FROM contacts WHERE client_id = $1").bind(client).fetch_one(pool).await)
    .expect("contact id")
}

async fn status_and_version(app: &TestApp, id: i64) -> (String, i64) {
    teichaku::on_db!(&app.state.db, pool => sqlx::query_as(
        "SELECT status, version FROM contacts WHERE id = $1").bind(id).fetch_one(pool).await)
    .expect("contact")
}

#[tokio::test]
async fn a_correction_keeps_the_earlier_version_visible_and_audited() {
    let app = spawn_app().await;
    let (_, _, client) = app.office_with_client().await;
    let id = record(&app, client, &[]).await;
    let base = format!("/clients/{client}/contacts/{id}");
    let today = today();

    // Correcting a final record needs a reason: refused with a field message, nothing saved.
    let no_reason = app
        .submit(
            &format!("{base}/edit"),
            &base,
            &[
                ("version", "1"),
                ("contact_date", &today),
                ("contact_time", "10:00"),
                ("mode", "workplace_visit"),
                ("participants", "client"),
                ("heard", "遅刻は1回だった（聞き違いを訂正）。"),
            ],
        )
        .await;
    assert_eq!(no_reason.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(no_reason.body.contains("e-contact_reason"), "field message");
    assert_eq!(status_and_version(&app, id).await, ("final".into(), 1));

    let saved = app
        .submit(
            &format!("{base}/edit"),
            &base,
            &[
                ("version", "1"),
                ("contact_date", &today),
                ("contact_time", "10:00"),
                ("mode", "workplace_visit"),
                ("participants", "client"),
                ("heard", "遅刻は1回だった（聞き違いを訂正）。"),
                ("contact_reason", "回数の聞き違い"),
            ],
        )
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    assert_eq!(status_and_version(&app, id).await, ("final".into(), 2));

    // The history shows both versions: the new words, the old words, who and why.
    let history = app.get(&base).await;
    assert_eq!(history.status, StatusCode::OK);
    for text in [
        "id=\"version-2\"",
        "id=\"version-1\"",
        "遅刻は1回だった",
        "朝起きられず、遅刻が2回あった。",
        "回数の聞き違い",
        "管理 太郎",
    ] {
        assert!(history.body.contains(text), "history shows {text}");
    }
    // The list shows the newest words only, with the way to the history.
    let list = app.get(&format!("/clients/{client}/contacts")).await;
    assert!(list.body.contains("遅刻は1回だった"));
    assert!(!list.body.contains("遅刻が2回あった"));
    assert!(list.body.contains(&format!("id=\"contact-history-{id}\"")));

    // Audited: the correction (with the versions) and the reading of the history.
    let detail: Vec<String> = teichaku::on_db!(&app.state.db, pool => sqlx::query_scalar(
        "SELECT detail FROM audit_log WHERE action = $1 ORDER BY id")
        .bind("contact.correct").fetch_all(pool).await)
    .expect("audit");
    assert_eq!(detail.len(), 1);
    assert!(detail[0].contains("version=1→2"), "{}", detail[0]);
    let reads = app.audit_rows("contact.history_view").await;
    assert_eq!(reads.len(), 1);
    assert_eq!(reads[0].1, id.to_string());

    // A form for version 1 sent again is stale: 409, nothing changes.
    let stale = app
        .submit(
            &format!("{base}/edit"),
            &base,
            &[
                ("version", "1"),
                ("contact_date", &today),
                ("contact_time", "10:00"),
                ("mode", "phone"),
                ("participants", "client"),
                ("heard", "古い画面の内容"),
                ("contact_reason", "古い画面から"),
            ],
        )
        .await;
    assert_eq!(stale.status, StatusCode::CONFLICT);
    assert_eq!(status_and_version(&app, id).await, ("final".into(), 2));
    assert_eq!(app.count("contact_versions").await, 2);
}

#[tokio::test]
async fn a_draft_counts_for_nothing_until_saved_and_a_withdrawal_keeps_the_record() {
    let app = spawn_app().await;
    let (_, sato, client) = app.office_with_client().await;
    let next = today();
    let id = record(
        &app,
        client,
        &[
            ("status", "draft"),
            ("next_contact_on", &next),
            ("concern_category_1", "lateness_absence"),
            ("concern_severity_1", "2"),
        ],
    )
    .await;
    assert_eq!(status_and_version(&app, id).await, ("draft".into(), 1));
    let month = teichaku::domain::month::YearMonth::of(teichaku::clock::today());
    let db = &app.state.db;
    let counted = |db| async move {
        teichaku::store::reports::month_contacts(db, client, month)
            .await
            .expect("month contacts")
            .len()
    };
    let planned = |db| async move {
        let today = teichaku::clock::today();
        teichaku::store::contacts::planned_for_supporter(db, sato, today, today)
            .await
            .expect("planned")
            .len()
    };
    assert_eq!(
        counted(db).await,
        0,
        "a draft is not a contact of the month"
    );
    assert_eq!(planned(db).await, 0, "nor does it plan a visit");

    // Finishing the draft: no reason needed, it becomes final and counts.
    let base = format!("/clients/{client}/contacts/{id}");
    let today = today();
    let done = app
        .submit(
            &format!("{base}/edit"),
            &base,
            &[
                ("version", "1"),
                ("status", "final"),
                ("contact_date", &today),
                ("contact_time", "10:00"),
                ("mode", "face_to_face"),
                ("participants", "client"),
                ("heard", "書き終えた。"),
                ("next_contact_on", &next),
            ],
        )
        .await;
    assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.body);
    assert_eq!(status_and_version(&app, id).await, ("final".into(), 2));
    assert_eq!(counted(db).await, 1);
    assert_eq!(planned(db).await, 1);

    // 取消 needs a reason; then the record stays, withdrawn, and counts for nothing.
    let refused = app
        .submit(&base, &format!("{base}/withdraw"), &[("version", "2")])
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    let withdrawn = app
        .submit(
            &base,
            &format!("{base}/withdraw"),
            &[
                ("version", "2"),
                ("contact_reason", "別の利用者の記録だった"),
            ],
        )
        .await;
    assert_eq!(
        withdrawn.status,
        StatusCode::SEE_OTHER,
        "{}",
        withdrawn.body
    );
    assert_eq!(status_and_version(&app, id).await, ("withdrawn".into(), 3));
    assert_eq!(app.count("contacts").await, 1, "never deleted");
    assert_eq!(counted(db).await, 0);
    assert_eq!(planned(db).await, 0);
    let page = app.get(&base).await;
    assert!(page.body.contains("別の利用者の記録だった"));
    assert!(page.body.contains("書き終えた。"), "earlier words stay");
    // Its concern no longer shows among the open ones (it stays under the record).
    let list = app.get(&format!("/clients/{client}/contacts")).await;
    assert!(list.body.contains("contact-withdrawn"));
    assert!(
        !list.body.contains("class=\"concern severity-2\""),
        "not an open concern"
    );
    assert_eq!(app.audit_rows("contact.withdraw").await.len(), 1);
    // A withdrawn record is not corrected.
    let edit = app.get(&format!("{base}/edit")).await;
    assert_eq!(edit.status, StatusCode::CONFLICT);
}

#[tokio::test]
async fn the_contact_form_has_a_disabled_first_button_so_enter_does_not_send_it() {
    let app = spawn_app().await;
    let (_, _, client) = app.office_with_client().await;
    let page = app.get(&format!("/clients/{client}/contacts/new")).await;
    let start = page
        .body
        .find(&format!(
            "<form method=\"post\" action=\"/clients/{client}/contacts\""
        ))
        .expect("the contact form");
    let form = &page.body[start..];
    let first = form.find("<button").expect("a button");
    assert!(
        form[first..].starts_with("<button type=\"submit\" disabled hidden"),
        "the form's first (default) button is disabled: {}",
        &form[first..first + 80]
    );
}
