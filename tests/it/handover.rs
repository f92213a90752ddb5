//! The hand-over package at the end of the service (issue 15, item 4) over HTTP, on both
//! engines: built from the records (troubles with how they were resolved, accommodations,
//! actions done, contacts, open tasks), available from 3 months before the end, the memo and
//! the recipient saved and audited, the A4 page, and the employer contact who sees it only
//! while chosen and under a consent covering the hand-over package (403 without, 404 once
//! nothing is consented, 404 for another employer).
use reqwest::StatusCode;
use teichaku::clock;
use teichaku::domain::report::japanese_date;
use teichaku::domain::rules::period::{add_months, months_before, service_window};

use crate::helpers::{TestApp, spawn_app};

pub(crate) async fn add_employment(app: &TestApp, client: i64, hire: &str) {
    let page = app
        .submit(
            &format!("/clients/{client}/employments/new"),
            &format!("/clients/{client}/employments"),
            &[
                ("employer_name", "株式会社みどり物流"),
                ("workplace_address", "船橋市本町0-0"),
                ("supervisor_name", "物流 課長"),
                ("supervisor_contact", "047-000-0000"),
                ("job_title", "倉庫内軽作業"),
                ("weekly_hours", "30"),
                ("ordinary_employment", "yes"),
                ("hire_date", hire),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
}

pub(crate) async fn record_contact(app: &TestApp, client: i64, sato: i64) {
    let today = clock::today().to_string();
    let due = (clock::today() + time::Duration::days(14)).to_string();
    let s = sato.to_string();
    let page = app
        .submit(
            &format!("/clients/{client}/contacts/new"),
            &format!("/clients/{client}/contacts"),
            &[
                ("contact_date", &today),
                ("contact_time", "10:00"),
                ("mode", "face_to_face"),
                ("participants", "client"),
                ("participants", "family"),
                ("participants_note", "母"),
                ("heard", "朝起きられず、遅刻が2回あった。"),
                ("advice", "寝る時刻を決めて記録する。"),
                ("accommodations", "指示は紙に書いて渡す"),
                ("concern_category_1", "sleep_rhythm"),
                ("concern_severity_1", "3"),
                ("concern_category_2", "relationships"),
                ("action_1", "主治医に睡眠の相談をする"),
                ("action_owner_1", &s),
                ("action_due_1", &due),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
}

pub(crate) async fn resolve_sleep(app: &TestApp, client: i64) {
    let concern: i64 = teichaku::on_db!(&app.state.db, pool => sqlx::query_scalar(
        "SELECT id FROM concerns WHERE client_id = $1 AND category = 'sleep_rhythm'")
        .bind(client).fetch_one(pool).await)
    .expect("concern");
    let page = app
        .submit(
            &format!("/clients/{client}/contacts"),
            &format!("/clients/{client}/concerns/{concern}/resolve"),
            &[("resolution", "就寝時刻を記録して面談で一緒に見る")],
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
}

/// Chooses the recipient and writes the memo, as staff.
async fn choose(app: &TestApp, client: i64, recipient: &str, memo: &str) -> crate::helpers::Page {
    let path = format!("/clients/{client}/handover");
    app.submit(
        &path,
        &path,
        &[("handover_recipient", recipient), ("handover_memo", memo)],
    )
    .await
}

#[tokio::test]
async fn the_package_is_built_from_the_records_and_shared_only_under_consent() {
    let app = spawn_app().await;
    let (office, sato, client) = app.office_with_client().await;
    let today = clock::today();
    // Hired 40 months ago: the service ends within 2 months, so the package is open.
    let hire = add_months(today, -40);
    add_employment(&app, client, &hire.to_string()).await;
    record_contact(&app, client, sato).await;
    resolve_sleep(&app, client).await;
    let end = service_window(hire, None).latest_end;
    let from = months_before(end, 3);
    assert!(from <= today && today <= end);

    // The staff page: the package from the records, audited as a read of the record.
    let views_before = app.audit_rows("client.view").await.len();
    let page = app.get(&format!("/clients/{client}/handover")).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    for text in [
        "生活リズム・睡眠",
        "上司・同僚との人間関係",
        "就寝時刻を記録して面談で一緒に見る",
        "指示は紙に書いて渡す",
        "主治医に睡眠の相談をする",
        "株式会社みどり物流",
        "物流 課長",
        "047-000-0000",
        "重さ: 重い",
        "未解決",
        "すべて解決",
        "母",
    ] {
        assert!(page.body.contains(text), "{text} missing");
    }
    assert!(
        page.body.contains(&japanese_date(from)),
        "available from {from}"
    );
    assert!(page.body.contains("共有できます"));
    assert!(app.audit_rows("client.view").await.len() > views_before);

    // The employer contact, linked, with a consent that does not cover the package: 403.
    let contact = app.employer_contact(client, "物流 課長", sato).await;
    let employer = app
        .portal_browser(teichaku::store::portal::Owner::Employer(contact))
        .await;
    let reports_only = app
        .consent_for_employer(client, "物流 課長", &["reports"])
        .await;
    let url = format!("/employer/clients/{client}/handover");
    assert_eq!(employer.get(&url).await.status, StatusCode::FORBIDDEN);
    let overview = employer.get(&format!("/employer/clients/{client}")).await;
    assert!(!overview.body.contains("go-handover"));

    // With the consent, but not chosen yet: the page says so and shows nothing.
    let with_handover = app
        .consent_for_employer(client, "物流 課長", &["handover"])
        .await;
    let page = employer.get(&url).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert!(page.body.contains("まだお送りしていません"));
    assert!(!page.body.contains("指示は紙に書いて渡す"));
    let overview = employer.get(&format!("/employer/clients/{client}")).await;
    assert!(overview.body.contains("go-handover"));

    // A recipient who is not linked to the client is refused with a field message.
    let other_client = app
        .register_client(office, "佐藤 次郎", "さとう じろう", sato)
        .await;
    let stranger = app.employer_contact(other_client, "別 担当", sato).await;
    let bad = choose(&app, client, &stranger.to_string(), "").await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.body.contains("e-handover_recipient"), "{}", bad.body);
    let bad = choose(&app, client, "", "a\u{7}b").await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(app.count("handovers").await, 0);

    // Chosen, with a memo: saved and audited; the employer reads the package and the memo.
    let ok = choose(
        &app,
        client,
        &contact.to_string(),
        "午前中は集中しやすいので、大事な作業は午前に。",
    )
    .await;
    assert_eq!(ok.status, StatusCode::SEE_OTHER, "{}", ok.body);
    assert_eq!(app.audit_rows("handover.save").await.len(), 1);
    let page = employer.get(&url).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    for text in [
        "午前中は集中しやすいので",
        "就寝時刻を記録して面談で一緒に見る",
        "指示は紙に書いて渡す",
        "主治医に睡眠の相談をする",
        &japanese_date(end),
    ] {
        assert!(page.body.contains(text), "{text} missing for the employer");
    }
    let staff = app.get(&format!("/clients/{client}/handover")).await;
    assert!(
        staff.body.contains("ポータルで見られます"),
        "{}",
        staff.body
    );

    // Another employer (linked to another client) does not see this client at all.
    app.consent_for_employer(other_client, "別 担当", &["handover"])
        .await;
    let other = app
        .portal_browser(teichaku::store::portal::Owner::Employer(stranger))
        .await;
    assert_eq!(other.get(&url).await.status, StatusCode::NOT_FOUND);

    // The A4 page, its printing audited.
    let print = app.get(&format!("/clients/{client}/handover/print")).await;
    assert_eq!(print.status, StatusCode::OK);
    assert!(print.body.contains("handover-sheet"));
    assert!(print.body.contains("午前中は集中しやすいので"));
    assert!(print.body.contains("物流 課長（株式会社テスト商事）"));
    assert_eq!(app.audit_rows("handover.print").await.len(), 1);

    // Withdrawing the consent that covers the package hides it on the next request (the
    // reports are still consented: 403); withdrawing the last one hides the client (404).
    app.withdraw_consent(client, with_handover).await;
    assert_eq!(employer.get(&url).await.status, StatusCode::FORBIDDEN);
    let staff = app.get(&format!("/clients/{client}/handover")).await;
    assert!(
        staff
            .body
            .contains("同意の範囲に含まれていない情報があります"),
        "the staff page says why"
    );
    app.withdraw_consent(client, reports_only).await;
    assert_eq!(employer.get(&url).await.status, StatusCode::NOT_FOUND);

    // In English: the same package, with half-width punctuation.
    app.get(&format!("/lang/en?next=/clients/{client}/handover"))
        .await;
    let english = app.get(&format!("/clients/{client}/handover")).await;
    // The memo is what staff typed, in Japanese; the rest is the page's own words.
    let own = english
        .body
        .replace("午前中は集中しやすいので、大事な作業は午前に。", "");
    assert!(english.body.contains("Troubles over the years"));
    assert!(english.body.contains("Daily rhythm and sleep"));
    assert!(english.body.contains(&format!("{from}")));
    assert!(
        !own.contains('（') && !own.contains('、'),
        "no full-width punctuation in English: {own}"
    );
}

#[tokio::test]
async fn before_three_months_before_the_end_the_page_says_from_when() {
    let app = spawn_app().await;
    let (_, sato, client) = app.office_with_client().await;
    let today = clock::today();
    // Hired 30 months ago: the service ends in about a year.
    let hire = add_months(today, -30);
    add_employment(&app, client, &hire.to_string()).await;
    record_contact(&app, client, sato).await;
    let from = months_before(service_window(hire, None).latest_end, 3);
    assert!(today < from);

    let page = app.get(&format!("/clients/{client}/handover")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("共有できる日"));
    assert!(page.body.contains(&japanese_date(from)));

    let contact = app.employer_contact(client, "物流 課長", sato).await;
    app.consent_for_employer(client, "物流 課長", &["handover"])
        .await;
    let ok = choose(&app, client, &contact.to_string(), "メモ").await;
    assert_eq!(ok.status, StatusCode::SEE_OTHER);
    let employer = app
        .portal_browser(teichaku::store::portal::Owner::Employer(contact))
        .await;
    let page = employer
        .get(&format!("/employer/clients/{client}/handover"))
        .await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("ご覧いただける日"));
    assert!(page.body.contains(&japanese_date(from)));
    assert!(!page.body.contains("指示は紙に書いて渡す"));
    assert!(!page.body.contains("メモ</div>"));
}
