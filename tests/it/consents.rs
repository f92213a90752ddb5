//! 本人同意, the institutions directory and the calendar feed, through the pages: recording
//! and withdrawing consent and what `domain::consent::check` then answers, institutions of an
//! office, the token-protected iCalendar feed, and 403 for another office's staff. Runs on
//! both engines.
use reqwest::StatusCode;
use teichaku::clock;
use teichaku::domain::consent::{self, Blocked, Category, Recipient};
use time::{Date, Duration};

use crate::helpers::{TestApp, id_from_location, spawn_app};

/// Admin + office 西船橋 + supporter `sato` in it + a client of sato's.
/// Returns (office, sato's id, client).
async fn office_with_client(app: &TestApp) -> (i64, i64, i64) {
    app.signed_in_admin().await;
    let office = app.create_office("西船橋").await;
    let sato = app.create_staff("sato", office, "supporter").await;
    let client = register(app, office, "山田 花子", "やまだ はなこ", sato).await;
    (office, sato, client)
}

async fn register(app: &TestApp, office: i64, name: &str, kana: &str, supporter: i64) -> i64 {
    let page = app
        .submit(
            &format!("/offices/{office}/clients/new"),
            &format!("/offices/{office}/clients"),
            &[
                ("client_name", name),
                ("kana", kana),
                ("birth_date", "1996-08-31"),
                ("disabilities", "mental"),
                ("prior_service", "employment_transition"),
                ("prior_office_name", "就労移行支援事業所あさひ"),
                ("supporter_id", &supporter.to_string()),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    id_from_location(&page.location(), "/clients/")
}

/// Adds an institution through the form; returns its id.
async fn add_institution(app: &TestApp, office: i64, name: &str, kind: &str) -> i64 {
    let page = app
        .submit(
            &format!("/offices/{office}/institutions/new"),
            &format!("/offices/{office}/institutions/new"),
            &[
                ("institution_name", name),
                ("institution_kind", kind),
                ("contact_person", "相談 一郎"),
                ("phone", "047-000-1111"),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    assert_eq!(
        page.location(),
        format!("/offices/{office}/institutions?n=created")
    );
    teichaku::on_db!(&app.state.db, pool => sqlx::query_scalar(
        "SELECT id FROM institutions WHERE office_id = $1 AND name = $2")
        .bind(office).bind(name).fetch_one(pool).await)
    .expect("institution id")
}

/// Records a consent through the form on the client's consents page.
async fn record_consent(
    app: &TestApp,
    client: i64,
    fields: &[(&str, &str)],
) -> reqwest::StatusCode {
    let path = format!("/clients/{client}/consents");
    let page = app.submit(&path, &path, fields).await;
    if page.status == StatusCode::SEE_OTHER {
        assert_eq!(page.location(), format!("{path}?n=created"));
    }
    page.status
}

fn day(offset: i64) -> Date {
    clock::today() + Duration::days(offset)
}

#[tokio::test]
async fn institutions_are_added_checked_and_edited() {
    let app = spawn_app().await;
    let (office, _, _) = office_with_client(&app).await;
    let list = format!("/offices/{office}/institutions");
    let page = app.get(&list).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("関係機関はまだ登録されていません。"));

    // No name, no kind: 422 with the field messages, and what was typed is kept.
    let new = format!("/offices/{office}/institutions/new");
    let bad = app
        .submit(
            &new,
            &new,
            &[("contact_person", "相談 一郎"), ("phone", "123")],
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.body.contains("class=\"error-summary\""));
    assert!(
        bad.body.contains("機関名: 入力してください。"),
        "{}",
        bad.body
    );
    assert!(bad.body.contains("一覧から選んでください。"));
    assert!(bad.body.contains("電話番号は"), "phone message");
    assert!(bad.body.contains("value=\"相談 一郎\""), "input kept");
    assert!(
        bad.body
            .contains("id=\"f-institution_name\" name=\"institution_name\" type=\"text\" value=\"\" required aria-required=\"true\" autocomplete=\"off\" aria-invalid=\"true\"")
    );
    assert_eq!(app.count("institutions").await, 0);

    // Any staff member of the office may add one: sato, a supporter, does.
    let sato = app.signed_in_as("sato").await;
    let iid = add_institution(
        &sato,
        office,
        "船橋障害者就業・生活支援センター",
        "nakapotsu",
    )
    .await;
    let page = sato.get(&list).await;
    assert!(page.body.contains("船橋障害者就業・生活支援センター"));
    assert!(page.body.contains("<td>障害者就業・生活支援センター</td>"));
    assert!(page.body.contains("047-000-1111"));

    let edit = format!("/offices/{office}/institutions/{iid}/edit");
    let form = sato.get(&edit).await;
    assert_eq!(form.status, StatusCode::OK);
    assert!(form.body.contains("value=\"相談 一郎\""));
    assert!(form.body.contains("<option value=\"nakapotsu\" selected>"));
    let saved = sato
        .submit(
            &edit,
            &edit,
            &[
                ("institution_name", "なかぽつ船橋"),
                ("institution_kind", "nakapotsu"),
                ("contact_person", "相談 二郎"),
                ("email", "info@example.jp"),
                ("institution_notes", "受付は平日9時〜17時"),
            ],
        )
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    let page = sato.get(&list).await;
    assert!(page.body.contains("なかぽつ船橋") && page.body.contains("相談 二郎"));
    assert!(page.body.contains("受付は平日9時〜17時"));
    assert!(!page.body.contains("船橋障害者就業・生活支援センター</td>"));

    let bad_edit = sato
        .submit(&edit, &edit, &[("institution_kind", "school")])
        .await;
    assert_eq!(bad_edit.status, StatusCode::UNPROCESSABLE_ENTITY);

    assert_eq!(app.audit_rows("institution.create").await.len(), 1);
    let updates = app.audit_rows("institution.update").await;
    assert_eq!(updates.len(), 1);
    assert_eq!(updates[0].0, "sato");
    assert_eq!(updates[0].1, iid.to_string());
}

#[tokio::test]
async fn another_offices_supporter_gets_403_on_every_route() {
    let app = spawn_app().await;
    let (office, _, client) = office_with_client(&app).await;
    let iid = add_institution(&app, office, "船橋こころクリニック", "medical").await;
    assert_eq!(
        record_consent(
            &app,
            client,
            &[
                ("consent_recipient", "employer"),
                ("consent_recipient_name", "山田 課長"),
                ("consent_categories", "reports"),
                ("consent_valid_from", &day(-1).to_string()),
            ],
        )
        .await,
        StatusCode::SEE_OTHER
    );
    let cid: i64 = teichaku::on_db!(&app.state.db, pool => sqlx::query_scalar(
        "SELECT id FROM consents WHERE client_id = $1").bind(client).fetch_one(pool).await)
    .expect("consent id");

    let other = app.create_office("浜松駅前").await;
    app.create_staff("suzuki", other, "supporter").await;
    let suzuki = app.signed_in_as("suzuki").await;
    for path in [
        format!("/offices/{office}/institutions"),
        format!("/offices/{office}/institutions/new"),
        format!("/offices/{office}/institutions/{iid}/edit"),
        format!("/clients/{client}/consents"),
    ] {
        let page = suzuki.get(&path).await;
        assert_eq!(page.status, StatusCode::FORBIDDEN, "GET {path}");
        assert!(
            !page.body.contains("船橋こころクリニック") && !page.body.contains("山田"),
            "nothing leaks on {path}"
        );
    }
    // Posts with suzuki's own valid CSRF token are refused all the same.
    let posts: Vec<(String, Vec<(&str, &str)>)> = vec![
        (
            format!("/offices/{office}/institutions/new"),
            vec![
                ("institution_name", "乗っ取り"),
                ("institution_kind", "other"),
            ],
        ),
        (
            format!("/offices/{office}/institutions/{iid}/edit"),
            vec![
                ("institution_name", "乗っ取り"),
                ("institution_kind", "other"),
            ],
        ),
        (
            format!("/clients/{client}/consents"),
            vec![
                ("consent_recipient", "employer"),
                ("consent_recipient_name", "乗っ取り"),
                ("consent_categories", "health"),
                ("consent_valid_from", "2026-04-01"),
            ],
        ),
        (
            format!("/clients/{client}/consents/{cid}/withdraw"),
            vec![("withdraw_note", "")],
        ),
    ];
    for (action, fields) in posts {
        let page = suzuki.submit("/account/calendar", &action, &fields).await;
        assert_eq!(page.status, StatusCode::FORBIDDEN, "POST {action}");
    }
    // An institution is reached only through its own office.
    let own = suzuki
        .get(&format!("/offices/{other}/institutions/{iid}/edit"))
        .await;
    assert_eq!(own.status, StatusCode::NOT_FOUND);

    assert_eq!(app.count("institutions").await, 1);
    assert_eq!(app.count("consents").await, 1);
    let withdrawn: Option<String> = teichaku::on_db!(&app.state.db, pool => sqlx::query_scalar(
        "SELECT withdrawn_note FROM consents WHERE withdrawn_at IS NOT NULL")
        .fetch_optional(pool).await)
    .expect("query");
    assert_eq!(withdrawn, None, "the consent was not withdrawn");
}

#[tokio::test]
async fn a_consent_needs_categories_and_an_employer_contact() {
    let app = spawn_app().await;
    let (_, _, client) = office_with_client(&app).await;
    let path = format!("/clients/{client}/consents");

    let page = app
        .submit(
            &path,
            &path,
            &[
                ("consent_recipient", "employer"),
                ("consent_recipient_name", "山田 課長"),
                ("consent_valid_from", "2026-04-01"),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        page.body
            .contains("伝えてよい情報: 1つ以上選んでください。"),
        "{}",
        page.body
    );
    assert!(page.body.contains("value=\"山田 課長\""), "input kept");

    let page = app
        .submit(
            &path,
            &path,
            &[
                ("consent_recipient", "employer"),
                ("consent_categories", "reports"),
                ("consent_valid_from", "2026-04-01"),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        page.body
            .contains("勤務先の担当者の氏名: 入力してください。")
    );
    assert!(
        page.body
            .contains("id=\"cat-reports\" name=\"consent_categories\" value=\"reports\" checked")
    );
    assert!(page.body.contains("aria-invalid=\"true\""));

    let page = app
        .submit(
            &path,
            &path,
            &[
                ("consent_categories", "reports"),
                ("consent_valid_from", "2026-04-01"),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        page.body
            .contains("情報を伝える相手: どちらかを選んでください。")
    );

    // An institution must be one of the office's.
    let page = app
        .submit(
            &path,
            &path,
            &[
                ("consent_recipient", "institution"),
                ("consent_institution", "999"),
                ("consent_categories", "reports"),
                ("consent_valid_from", "2026-04-01"),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(app.count("consents").await, 0);
}

#[tokio::test]
async fn consents_are_recorded_checked_and_withdrawn() {
    let app = spawn_app().await;
    let (office, _, client) = office_with_client(&app).await;
    let clinic = add_institution(&app, office, "船橋こころクリニック", "medical").await;
    let path = format!("/clients/{client}/consents");
    assert!(
        app.get(&path)
            .await
            .body
            .contains("同意の記録はまだありません。")
    );

    let from = day(-10).to_string();
    let clinic_id = clinic.to_string();
    for fields in [
        vec![
            ("consent_recipient", "employer"),
            ("consent_recipient_name", "山田 課長"),
            ("consent_categories", "work_status"),
            ("consent_categories", "reports"),
            ("consent_valid_from", from.as_str()),
        ],
        vec![
            ("consent_recipient", "institution"),
            ("consent_institution", clinic_id.as_str()),
            ("consent_categories", "health"),
            ("consent_valid_from", from.as_str()),
        ],
    ] {
        assert_eq!(
            record_consent(&app, client, &fields).await,
            StatusCode::SEE_OTHER
        );
    }
    let later = day(30).to_string();
    assert_eq!(
        record_consent(
            &app,
            client,
            &[
                ("consent_recipient", "employer"),
                ("consent_recipient_name", "鈴木 主任"),
                ("consent_categories", "reports"),
                ("consent_valid_from", later.as_str()),
            ],
        )
        .await,
        StatusCode::SEE_OTHER
    );

    let page = app.get(&path).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("勤務先の担当者: 山田 課長"));
    assert!(page.body.contains("関係機関: 船橋こころクリニック"));
    assert!(
        page.body
            .contains("就労の状況（勤怠・仕事ぶり）、支援レポート")
    );
    assert_eq!(page.body.matches(">有効</span>").count(), 2, "two active");
    assert_eq!(
        page.body.matches(">開始前</span>").count(),
        1,
        "one not yet"
    );
    assert!(page.body.contains(&later));

    let db = &app.state.db;
    let (now, today) = (clock::now(), clock::today());
    let boss = Recipient::Employer {
        name: "山田　課長".into(),
    };
    let records = teichaku::store::consents::records_for_client(db, client)
        .await
        .expect("records");
    assert_eq!(records.len(), 3);
    let boss_consent = records[0].id;
    assert_eq!(
        consent::check(&records, &boss, &[Category::Reports], now, today),
        Ok(boss_consent)
    );
    assert_eq!(
        consent::check(
            &records,
            &boss,
            &[Category::Reports, Category::Health],
            now,
            today
        ),
        Err(Blocked::MissingCategories(vec![Category::Health]))
    );
    assert_eq!(
        consent::check(
            &records,
            &Recipient::Institution { id: clinic },
            &[Category::Health],
            now,
            today
        ),
        Ok(records[1].id)
    );
    assert_eq!(
        consent::check(
            &records,
            &Recipient::Employer {
                name: "鈴木 主任".into()
            },
            &[Category::Reports],
            now,
            today
        ),
        Err(Blocked::NotYetValid { from: day(30) })
    );
    assert_eq!(
        consent::check(
            &records,
            &Recipient::Employer {
                name: "知らない人".into()
            },
            &[Category::Reports],
            now,
            today
        ),
        Err(Blocked::NoConsent)
    );

    // Withdrawal: at once, the row kept with its note.
    let withdraw = format!("{path}/{boss_consent}/withdraw");
    let page = app
        .submit(
            &path,
            &withdraw,
            &[("withdraw_note", "本人から電話で申し出")],
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    assert_eq!(page.location(), format!("{path}?n=saved"));
    let page = app.get(&path).await;
    let status = format!(
        "id=\"consent-{boss_consent}-status\">撤回</span> {}",
        clock::today()
    );
    assert!(page.body.contains(&status), "{}", page.body);
    assert!(page.body.contains("本人から電話で申し出"));
    assert!(
        !page
            .body
            .contains(&format!("id=\"withdraw-{boss_consent}\""))
    );
    assert_eq!(app.count("consents").await, 3, "the row is kept");

    let records = teichaku::store::consents::records_for_client(db, client)
        .await
        .expect("records");
    let blocked = consent::check(
        &records,
        &boss,
        &[Category::Reports],
        clock::now(),
        clock::today(),
    );
    let Err(Blocked::Withdrawn { at }) = blocked else {
        panic!("withdrawn: {blocked:?}");
    };
    assert!((clock::now() - at).whole_minutes() < 5);
    // The explanation names the time of the withdrawal.
    let message = teichaku::web::support::consents::blocked_message(
        &teichaku::web::ctx::Page {
            lang: teichaku::i18n::Lang::Ja,
            title_key: "consent.title",
            staff: None,
            portal: None,
            csrf: String::new(),
            path: String::new(),
            notice: None,
            request_id: String::new(),
        },
        &Blocked::Withdrawn { at },
    );
    assert!(message.contains("撤回"), "{message}");
    assert!(message.contains(&clock::format_jst(at)), "{message}");

    // A second click changes nothing and writes no second audit row.
    let again = app.submit(&path, &withdraw, &[("withdraw_note", "")]).await;
    assert_eq!(again.status, StatusCode::SEE_OTHER);
    let note: String = teichaku::on_db!(db, pool => sqlx::query_scalar(
        "SELECT withdrawn_note FROM consents WHERE id = $1").bind(boss_consent).fetch_one(pool).await)
    .expect("note");
    assert_eq!(note, "本人から電話で申し出");

    let created = app.audit_rows("consent.create").await;
    assert_eq!(created.len(), 3);
    assert_eq!(created[0].1, boss_consent.to_string());
    let withdrawn = app.audit_rows("consent.withdraw").await;
    assert_eq!(withdrawn.len(), 1);
    assert_eq!(withdrawn[0].1, boss_consent.to_string());
    let detail: String = teichaku::on_db!(db, pool => sqlx::query_scalar(
        "SELECT detail FROM audit_log WHERE action = 'consent.withdraw'").fetch_one(pool).await)
    .expect("detail");
    assert_eq!(
        detail,
        format!("client={client} recipient=employer:山田 課長")
    );
    let detail: String = teichaku::on_db!(db, pool => sqlx::query_scalar(
        "SELECT detail FROM audit_log WHERE action = 'consent.create' ORDER BY id LIMIT 1 OFFSET 1")
        .fetch_one(pool).await)
    .expect("detail");
    assert!(
        detail.contains(&format!(
            "recipient=institution:{clinic} 船橋こころクリニック"
        )),
        "{detail}"
    );
}

/// The feed URL on the page made by `POST /account/calendar`, as a path.
async fn make_feed_url(app: &TestApp) -> String {
    let page = app
        .submit("/account/calendar", "/account/calendar", &[])
        .await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    let marker = "id=\"feed-url\" type=\"text\" value=\"";
    let start = page.body.find(marker).expect("the URL is shown") + marker.len();
    let end = page.body[start..].find('"').expect("end of the URL");
    let url = &page.body[start..start + end];
    let path = url
        .strip_prefix(&format!("http://{}", app.addr))
        .unwrap_or_else(|| panic!("absolute URL of this server: {url}"));
    assert!(
        path.starts_with("/calendar/") && path.ends_with(".ics"),
        "{path}"
    );
    path.to_string()
}

async fn insert_contact(
    app: &TestApp,
    client: i64,
    office: i64,
    staff: i64,
    hours_ago: i64,
    next: Option<Date>,
) {
    let at = clock::now() - Duration::hours(hours_ago);
    teichaku::on_db!(&app.state.db, pool => sqlx::query(
        "INSERT INTO contacts (client_id, office_id, staff_id, occurred_at, mode, participants,
                               created_at, updated_at, next_contact_on)
         VALUES ($1, $2, $3, $4, 'phone', 'client', $5, $5, $6)")
        .bind(client).bind(office).bind(staff).bind(at).bind(clock::now()).bind(next)
        .execute(pool).await.map(|r| r.rows_affected()))
    .expect("insert contact");
}

async fn insert_task(app: &TestApp, client: i64, owner: i64, text: &str, due: Date, done: bool) {
    let done_at = done.then(clock::now);
    teichaku::on_db!(&app.state.db, pool => sqlx::query(
        "INSERT INTO tasks (client_id, owner_id, description, due_on, done_at, created_at)
         VALUES ($1, $2, $3, $4, $5, $6)")
        .bind(client).bind(owner).bind(text).bind(due).bind(done_at).bind(clock::now())
        .execute(pool).await.map(|r| r.rows_affected()))
    .expect("insert task");
}

#[tokio::test]
async fn the_calendar_feed_shows_next_contacts_and_open_tasks() {
    let app = spawn_app().await;
    let (office, sato_id, hanako) = office_with_client(&app).await;
    let jiro = register(&app, office, "田中 次郎", "たなか じろう", sato_id).await;
    let sato = app.signed_in_as("sato").await;

    let page = sato.get("/account/calendar").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("まだURLを作っていません。"));
    let feed = make_feed_url(&sato).await;
    let page = sato.get("/account/calendar").await;
    assert!(page.body.contains("URLを作った日時:"));
    assert!(!page.body.contains(&feed), "the URL is shown only once");
    assert_eq!(app.audit_rows("calendar.token_create").await.len(), 1);

    // Hanako: an older contact planned day +3, the latest one plans day +14 (only it counts).
    insert_contact(&app, hanako, office, sato_id, 48, Some(day(3))).await;
    insert_contact(&app, hanako, office, sato_id, 1, Some(day(14))).await;
    // Jiro: the latest contact planned a day 40 days ago (older than 30 days: not shown).
    insert_contact(&app, jiro, office, sato_id, 2, Some(day(-40))).await;
    insert_task(
        &app,
        hanako,
        sato_id,
        "主治医に意見書を依頼, 会社へ渡す",
        day(5),
        false,
    )
    .await;
    insert_task(&app, jiro, sato_id, "済んだこと", day(6), true).await;

    let anonymous = app.new_client();
    let response = anonymous
        .get(app.url(&feed))
        .send()
        .await
        .expect("GET feed");
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(
        response.headers()["content-type"],
        "text/calendar; charset=utf-8"
    );
    let body = response.text().await.expect("body");
    assert!(body.starts_with("BEGIN:VCALENDAR\r\n"));
    assert!(body.ends_with("END:VCALENDAR\r\n"));
    assert_eq!(
        body.matches('\n').count(),
        body.matches("\r\n").count(),
        "CRLF line ends only"
    );
    let unfolded = body.replace("\r\n ", "");
    let ical_date = |d: Date| format!("{:04}{:02}{:02}", d.year(), u8::from(d.month()), d.day());
    // Issue 16: no client's name and no task text leave for the calendar provider; the
    // default label is the client number.
    let code = format!("C-{hanako:04}");
    assert!(
        unfolded.contains(&format!("SUMMARY:次回面談: {code}\r\n")),
        "{body}"
    );
    assert!(
        !unfolded.contains("山田") && !unfolded.contains("花子"),
        "no name"
    );
    assert!(
        !unfolded.contains("主治医"),
        "no task text (it can be about health)"
    );
    assert!(unfolded.contains(&format!("DTSTART;VALUE=DATE:{}\r\n", ical_date(day(14)))));
    assert!(!unfolded.contains(&ical_date(day(3))), "superseded plan");
    assert!(!unfolded.contains("田中 次郎"), "a plan older than 30 days");
    assert!(
        unfolded.contains(&format!("SUMMARY:対応の期限: {code}\r\n")),
        "{body}"
    );
    assert!(unfolded.contains(&format!("DTSTART;VALUE=DATE:{}\r\n", ical_date(day(5)))));
    assert!(!unfolded.contains("済んだこと"), "done tasks are not shown");
    assert_eq!(unfolded.matches("BEGIN:VEVENT").count(), 2);
    assert!(unfolded.contains("UID:task-"));
    assert!(!unfolded.contains("精神"), "no disability details");

    // The supporter chooses kana initials, then no name at all.
    let page = sato
        .submit(
            "/account/calendar",
            "/account/calendar/label",
            &[("calendar_label", "kana_initials")],
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    let text = anonymous
        .get(app.url(&feed))
        .send()
        .await
        .expect("GET")
        .text()
        .await
        .expect("body");
    assert!(
        text.contains("SUMMARY:次回面談: や・た\r\n")
            || text.contains("SUMMARY:次回面談: や・は\r\n"),
        "{text}"
    );
    assert!(!text.contains("山田"));
    sato.submit(
        "/account/calendar",
        "/account/calendar/label",
        &[("calendar_label", "none")],
    )
    .await;
    let text = anonymous
        .get(app.url(&feed))
        .send()
        .await
        .expect("GET")
        .text()
        .await
        .expect("body");
    assert!(text.contains("SUMMARY:次回面談\r\n"), "{text}");
    assert!(!text.contains("C-") && !text.contains("や・"));
    let bad = sato
        .submit(
            "/account/calendar",
            "/account/calendar/label",
            &[("calendar_label", "full_name")],
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(app.audit_rows("calendar.label_set").await.len(), 2);

    // Unknown and malformed tokens are 404.
    for path in [
        format!("/calendar/{}.ics", "0".repeat(64)),
        "/calendar/nonsense.ics".to_string(),
        feed.trim_end_matches(".ics").to_string(),
    ] {
        let r = anonymous.get(app.url(&path)).send().await.expect("GET");
        assert_eq!(r.status(), StatusCode::NOT_FOUND, "{path}");
    }

    // A new URL: the old one stops working at once.
    let renewed = make_feed_url(&sato).await;
    assert_ne!(renewed, feed);
    let old = anonymous.get(app.url(&feed)).send().await.expect("GET");
    assert_eq!(old.status(), StatusCode::NOT_FOUND);
    let new = anonymous.get(app.url(&renewed)).send().await.expect("GET");
    assert_eq!(new.status(), StatusCode::OK);
    assert_eq!(app.audit_rows("calendar.token_create").await.len(), 2);
    assert_eq!(app.count("calendar_tokens").await, 1);

    // The page itself needs sign-in.
    let page = app.another_browser().get("/account/calendar").await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    assert!(page.location().starts_with("/login"));
}
