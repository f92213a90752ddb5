//! Records kept for their period, then removed (issue 16, item 4): the organisation's
//! number of years, the list of clients past their period, the removal of one client's
//! personal data with its audit row, the refusal of a client still in their period, and
//! the removed client's pages answering 404.
use reqwest::StatusCode;
use time::{Date, OffsetDateTime, macros::date};

use crate::helpers::{TestApp, spawn_app};

macro_rules! exec {
    ($app:expr, $sql:expr $(, $b:expr)* $(,)?) => {
        teichaku::on_db!(&$app.state.db, pool => sqlx::query($sql)$(.bind($b))*.execute(pool).await.map(|r| r.rows_affected()))
            .unwrap_or_else(|e| panic!("{}: {e}", $sql))
    };
}

macro_rules! id {
    ($app:expr, $sql:expr $(, $b:expr)* $(,)?) => {
        teichaku::on_db!(&$app.state.db, pool => sqlx::query_scalar::<_, i64>($sql)$(.bind($b))*.fetch_one(pool).await)
            .unwrap_or_else(|e| panic!("{}: {e}", $sql))
    };
}

fn at(d: Date) -> OffsetDateTime {
    d.midnight().assume_utc()
}

async fn rows(app: &TestApp, table: &str, client: i64) -> i64 {
    let sql = format!("SELECT COUNT(*) FROM {table} WHERE client_id = $1");
    teichaku::on_db!(&app.state.db, pool => sqlx::query_scalar(sqlx::AssertSqlSafe(sql)).bind(client).fetch_one(pool).await)
        .expect("count")
}

/// A client whose contract ended on `end`, with one of every record under them, all dated
/// before the end: (client id).
async fn old_client(app: &TestApp, office: i64, staff: i64, name: &str, end: Date) -> i64 {
    let client = app
        .register_client(office, name, "ふるた いちろう", staff)
        .await;
    let now = OffsetDateTime::now_utc();
    let during = end - time::Duration::days(60);
    exec!(
        app,
        "UPDATE clients SET email = $2, phone = '090-0000-0000', address = '船橋市1-1' WHERE id = $1",
        client,
        format!("c{client}@example.jp")
    );
    exec!(
        app,
        "INSERT INTO contracts (client_id, office_id, contract_date, start_date, end_date, created_at)
         VALUES ($1, $2, $3, $3, $4, $5)",
        client,
        office,
        end - time::Duration::days(365 * 3),
        end,
        now
    );
    exec!(
        app,
        "INSERT INTO employments (client_id, employer_name, workplace_address, supervisor_name,
             supervisor_contact, job_title, weekly_minutes, ordinary_employment, hire_date,
             created_at, updated_at)
         VALUES ($1, '株式会社みどり', '船橋市', '課長', '047', '軽作業', 1800, TRUE, $2, $3, $3)",
        client,
        end - time::Duration::days(365 * 4),
        now
    );
    let cert = id!(
        app,
        "INSERT INTO certificates (client_id, number, municipality_code, municipality_name,
             income_category, monthly_cap_yen, created_at, updated_at)
         VALUES ($1, '0123456789', '122044', '船橋市', 'general1', 9300, $2, $2) RETURNING id",
        client,
        now
    );
    exec!(
        app,
        "INSERT INTO certificate_periods (certificate_id, start_date, end_date, created_at)
         VALUES ($1, $2, $3, $4)",
        cert,
        end - time::Duration::days(365),
        end,
        now
    );
    let mut contacts = Vec::new();
    for heard in ["職場で眠れないと話した", "上司と相談した"] {
        contacts.push(id!(
            app,
            "INSERT INTO contacts (client_id, office_id, staff_id, occurred_at, mode, place,
                 participants, heard, advice, accommodations, next_contact_on, created_at, updated_at)
             VALUES ($1, $2, $3, $4, 'face_to_face', '本人宅', 'client', $5, '休憩を取る', '午前のみ', $6, $4, $4)
             RETURNING id",
            client,
            office,
            staff,
            at(during),
            heard,
            during
        ));
    }
    exec!(
        app,
        "INSERT INTO concerns (contact_id, client_id, category, severity, note, resolved_at, resolution)
         VALUES ($1, $2, 'health', 2, '睡眠の乱れ', $3, '通院で改善')",
        contacts[0],
        client,
        at(during)
    );
    exec!(
        app,
        "INSERT INTO concerns (contact_id, client_id, category, severity, note)
         VALUES ($1, $2, 'workplace', 1, '未解決の課題')",
        contacts[1],
        client
    );
    exec!(
        app,
        "INSERT INTO tasks (client_id, contact_id, owner_id, description, due_on, created_at)
         VALUES ($1, $2, $3, '電話する', $4, $5)",
        client,
        contacts[1],
        staff,
        during,
        now
    );
    let consent = id!(
        app,
        "INSERT INTO consents (client_id, recipient_kind, recipient_name, categories, valid_from, created_at)
         VALUES ($1, 'employer', '株式会社みどり', 'health', $2, $3) RETURNING id",
        client,
        during,
        now
    );
    exec!(
        app,
        "INSERT INTO support_plans (client_id, status, goals, support_content, contact_frequency,
             start_on, review_on, created_at, updated_at)
         VALUES ($1, 'agreed', '働き続ける', '面談', '月2回', $2, $2, $3, $3)",
        client,
        during,
        now
    );
    let month = format!("{:04}-{:02}", during.year(), u8::from(during.month()));
    let report = id!(
        app,
        "INSERT INTO support_reports (client_id, month, version, status, body, created_at, updated_at)
         VALUES ($1, $2, 1, 'final', '体調の記録', $3, $3) RETURNING id",
        client,
        month.clone(),
        now
    );
    exec!(
        app,
        "INSERT INTO report_shares (report_id, recipient_kind, recipient_name, consent_id, shared_on, method, created_at)
         VALUES ($1, 'employer', '株式会社みどり', $2, $3, 'in_person', $4)",
        report,
        consent,
        during,
        now
    );
    exec!(
        app,
        "INSERT INTO regional_meetings (client_id, office_id, held_on, kind, agencies, summary, created_at)
         VALUES ($1, $2, $3, '1', 'ナカポツ', '会議の要旨', $4)",
        client,
        office,
        during,
        now
    );
    let cap = id!(
        app,
        "INSERT INTO cap_results (client_id, office_id, month, result, amount_yen, recorded_at)
         VALUES ($1, $2, $3, 1, 9300, $4) RETURNING id",
        client,
        office,
        month,
        now
    );
    exec!(
        app,
        "INSERT INTO cap_result_offices (cap_result_id, office_number, office_name, total_cost_yen, charge_yen, decided_yen)
         VALUES ($1, '1234567890', '他事業所', 1000, 100, 100)",
        cap
    );
    let account = id!(
        app,
        "INSERT INTO client_accounts (client_id, login, email, status, created_at, updated_at)
         VALUES ($1, $2, $3, 'active', $4, $4) RETURNING id",
        client,
        format!("k{client}-test"),
        format!("c{client}@example.jp"),
        now
    );
    exec!(
        app,
        "INSERT INTO portal_tokens (token_hash, purpose, client_account_id, created_at, expires_at)
         VALUES ($1, 'sign_in', $2, $3, $3)",
        format!("hash{client}"),
        account,
        now
    );
    exec!(
        app,
        "INSERT INTO sessions (id, csrf_token, created_at, last_seen_at, expires_at, client_account_id)
         VALUES ($1, 'x', $2, $2, $2, $3)",
        format!("session{client}"),
        now,
        account
    );
    let org = id!(app, "SELECT id FROM organizations");
    let employer = id!(
        app,
        "INSERT INTO employer_contacts (organization_id, login, name, employer_name, status, created_at, updated_at)
         VALUES ($1, $2, '物流 課長', '株式会社みどり', 'active', $3, $3) RETURNING id",
        org,
        format!("e{client}-test"),
        now
    );
    exec!(
        app,
        "INSERT INTO employer_links (contact_id, client_id, recipient_name, created_at)
         VALUES ($1, $2, '株式会社みどり', $3)",
        employer,
        client,
        now
    );
    exec!(
        app,
        "INSERT INTO employer_observations (client_id, contact_id, week_start, attendance, work_note, created_at, updated_at)
         VALUES ($1, $2, $3, 'as_planned', '順調', $4, $4)",
        client,
        employer,
        during,
        now
    );
    let item = id!(
        app,
        "INSERT INTO selfcheck_items (client_id, library_code, position, created_at)
         VALUES ($1, 'sleep', 1, $2) RETURNING id",
        client,
        now
    );
    let entry = id!(
        app,
        "INSERT INTO selfcheck_entries (client_id, day, comment, created_at, updated_at)
         VALUES ($1, $2, '眠れない', $3, $3) RETURNING id",
        client,
        during,
        now
    );
    exec!(
        app,
        "INSERT INTO selfcheck_scores (entry_id, item_id, score) VALUES ($1, $2, 2)",
        entry,
        item
    );
    exec!(
        app,
        "INSERT INTO selfcheck_replies (entry_id, staff_id, body, created_at) VALUES ($1, $2, '了解', $3)",
        entry,
        staff,
        now
    );
    exec!(
        app,
        "INSERT INTO note_messages (client_id, author_kind, author_staff_id, author_name, body, created_at)
         VALUES ($1, 'staff', $2, '佐藤', '連絡帳', $3)",
        client,
        staff,
        now
    );
    exec!(
        app,
        "INSERT INTO handovers (client_id, memo, recipient_contact_id, updated_by, updated_at)
         VALUES ($1, '午前中に大事な作業を', $2, $3, $4)",
        client,
        employer,
        staff,
        now
    );
    exec!(
        app,
        "INSERT INTO email_outbox (to_address, subject, body_text, created_at, next_attempt_at)
         VALUES ($1, '件名', '本文', $2, $2)",
        format!("c{client}@example.jp"),
        now
    );
    client
}

/// The tables a removal empties for the client (by `client_id`).
const EMPTIED: &[&str] = &[
    "contracts",
    "employments",
    "certificates",
    "tasks",
    "consents",
    "support_plans",
    "support_reports",
    "regional_meetings",
    "cap_results",
    "client_accounts",
    "employer_links",
    "employer_observations",
    "selfcheck_items",
    "selfcheck_entries",
    "note_messages",
    "client_office_moves",
    "handovers",
];

#[tokio::test]
async fn removal_after_the_period_deletes_and_anonymises_and_is_audited() {
    let app = spawn_app().await;
    let (office, sato, recent) = app.office_with_client().await;
    let old = old_client(&app, office, sato, "古田 一郎", date!(2019 - 03 - 31)).await;
    // A locked claim naming the client: kept as filed.
    exec!(
        &app,
        "INSERT INTO claims (office_id, month, version, processing_month, snapshot, clients,
             total_units, total_cost_yen, user_charge_yen, claimed_yen, locked_at)
         VALUES ($1, '2019-02', 1, '2019-03', '{\"name\":\"古田 一郎\"}', 1, 1, 1, 0, 1, $2)",
        office,
        OffsetDateTime::now_utc()
    );

    // The list shows the client past their period, not the one still served.
    let list = app.get("/admin/record-keeping").await;
    assert_eq!(list.status, StatusCode::OK);
    assert!(
        list.body.contains(&format!("id=\"due-{old}\"")),
        "{}",
        list.body
    );
    assert!(list.body.contains("古田 一郎"));
    assert!(list.body.contains("2019-03-31"), "service end");
    assert!(list.body.contains("2024-03-31"), "kept until");
    assert!(!list.body.contains(&format!("id=\"due-{recent}\"")));

    // The confirmation says what will happen and needs the tick.
    let remove = format!("/admin/record-keeping/{old}/remove");
    let page = app.get(&remove).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("id=\"remove-what\""));
    let unticked = app.submit(&remove, &remove, &[]).await;
    assert_eq!(unticked.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(unticked.body.contains("id=\"e-confirm_removal\""));
    assert_eq!(rows(&app, "contracts", old).await, 1, "nothing removed yet");

    let done = app
        .submit(&remove, &remove, &[("confirm_removal", "1")])
        .await;
    assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.body);
    assert_eq!(done.location(), "/admin/record-keeping?n=removed");

    for table in EMPTIED {
        assert_eq!(rows(&app, table, old).await, 0, "{table}");
    }
    assert_eq!(app.count("certificate_periods").await, 0);
    assert_eq!(app.count("report_shares").await, 0);
    assert_eq!(app.count("cap_result_offices").await, 0);
    assert_eq!(app.count("selfcheck_scores").await, 0);
    assert_eq!(app.count("selfcheck_replies").await, 0);
    assert_eq!(app.count("portal_tokens").await, 0);
    assert_eq!(
        id!(
            &app,
            "SELECT COUNT(*) FROM sessions WHERE client_account_id IS NOT NULL"
        ),
        0
    );
    assert_eq!(
        id!(
            &app,
            "SELECT COUNT(*) FROM email_outbox WHERE to_address = $1",
            format!("c{old}@example.jp")
        ),
        0
    );
    // The resolved concern stays as a past case; its contact keeps no words.
    let concerns: Vec<(String, Option<OffsetDateTime>, String)> = teichaku::on_db!(&app.state.db, pool =>
        sqlx::query_as("SELECT category, resolved_at, resolution FROM concerns WHERE client_id = $1")
            .bind(old).fetch_all(pool).await)
    .expect("concerns");
    assert_eq!(concerns.len(), 1, "{concerns:?}");
    assert_eq!(concerns[0].0, "health");
    assert_eq!(concerns[0].2, "通院で改善");
    let contacts: Vec<(String, String, String, String, Option<Date>)> = teichaku::on_db!(&app.state.db, pool =>
        sqlx::query_as("SELECT heard, advice, place, accommodations, next_contact_on FROM contacts WHERE client_id = $1")
            .bind(old).fetch_all(pool).await)
    .expect("contacts");
    assert_eq!(
        contacts,
        vec![(
            String::new(),
            String::new(),
            String::new(),
            String::new(),
            None
        )]
    );
    // The client row holds nothing about the person.
    let (name, kana, birth, phone, email, address, disabilities, prior): (
        String,
        String,
        Date,
        String,
        String,
        String,
        String,
        String,
    ) = teichaku::on_db!(&app.state.db, pool => sqlx::query_as(
        "SELECT name, kana, birth_date, phone, email, address, disability_categories, prior_office_name
         FROM clients WHERE id = $1 AND removed_at IS NOT NULL")
        .bind(old).fetch_one(pool).await)
    .expect("removed client row");
    assert_eq!(
        (
            name.as_str(),
            kana.as_str(),
            phone.as_str(),
            email.as_str(),
            address.as_str(),
            disabilities.as_str(),
            prior.as_str()
        ),
        ("", "", "", "", "", "", "")
    );
    assert_eq!(birth, date!(1900 - 01 - 01));
    // The locked claim is as filed; the client still served is untouched.
    assert_eq!(
        id!(
            &app,
            "SELECT COUNT(*) FROM claims WHERE snapshot LIKE '%古田%'"
        ),
        1
    );
    assert_eq!(
        id!(
            &app,
            "SELECT COUNT(*) FROM clients WHERE id = $1 AND name = '山田 花子' AND removed_at IS NULL",
            recent
        ),
        1
    );

    // One audit row with the counts and no name.
    let detail: Vec<(String, String, String)> =
        teichaku::on_db!(&app.state.db, pool => sqlx::query_as(
        "SELECT target_type, target_id, detail FROM audit_log WHERE action = 'client.remove'")
        .fetch_all(pool).await)
        .expect("audit");
    assert_eq!(detail.len(), 1, "{detail:?}");
    let (kind, target, detail) = &detail[0];
    assert_eq!(
        (kind.as_str(), target.as_str()),
        ("client", old.to_string().as_str())
    );
    for part in [
        "years=5",
        "service_end=2019-03-31",
        "contracts=1",
        "contacts=1",
        "contacts_anonymised=1",
        "concerns=1",
        "concerns_kept=1",
        "support_reports=1",
        "report_shares=1",
        "client_accounts=1",
        "sessions=1",
        "portal_tokens=1",
        "email_outbox=1",
        "selfcheck_scores=1",
        "clients_anonymised=1",
    ] {
        assert!(detail.split(' ').any(|p| p == part), "{part} in {detail}");
    }
    assert!(
        !detail.contains("古田") && !detail.contains("ふるた"),
        "{detail}"
    );
    // The audit page names the removed client by kind and id only.
    let audit = app.get("/audit?action=client.remove").await;
    assert_eq!(audit.status, StatusCode::OK);
    assert!(
        audit.body.contains(&format!("client {old}")),
        "{}",
        audit.body
    );
    assert!(!audit.body.contains("古田"));

    // Gone from the list; a second removal finds no client.
    let list = app.get("/admin/record-keeping").await;
    assert!(!list.body.contains(&format!("id=\"due-{old}\"")));
    assert!(list.body.contains("id=\"keeping-none\""), "{}", list.body);
    let again = app
        .submit(
            &format!("/admin/record-keeping/{recent}/remove"),
            &remove,
            &[("confirm_removal", "1")],
        )
        .await;
    assert_eq!(again.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn a_client_within_the_period_cannot_be_removed() {
    let app = spawn_app().await;
    let (office, sato, recent) = app.office_with_client().await;
    // Ended 2024-03-31: kept until 2029-03-31.
    let ended = old_client(&app, office, sato, "古田 二郎", date!(2024 - 03 - 31)).await;
    let list = app.get("/admin/record-keeping").await;
    assert!(!list.body.contains(&format!("id=\"due-{ended}\"")));
    assert!(!list.body.contains(&format!("id=\"due-{recent}\"")));

    for client in [recent, ended] {
        let remove = format!("/admin/record-keeping/{client}/remove");
        let page = app.get(&remove).await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.body.contains("id=\"remove-not-yet\""), "{}", page.body);
        assert!(!page.body.contains("id=\"remove-submit\""));
        // The form of another page's token: refused all the same, nothing written.
        let before = app.count("audit_log").await;
        let refused = app
            .submit(
                "/admin/record-keeping",
                &remove,
                &[("confirm_removal", "1")],
            )
            .await;
        assert_eq!(refused.status, StatusCode::CONFLICT, "{}", refused.body);
        assert!(refused.body.contains("id=\"remove-not-yet\""));
        assert_eq!(app.count("audit_log").await, before);
    }
    assert_eq!(rows(&app, "contracts", ended).await, 1);
    assert_eq!(rows(&app, "contacts", ended).await, 2);
    assert_eq!(
        id!(
            &app,
            "SELECT COUNT(*) FROM clients WHERE removed_at IS NOT NULL"
        ),
        0
    );
    assert!(app.audit_rows("client.remove").await.is_empty());

    // Staff other than the administrator are refused before anything is looked at.
    let sato_app = app.signed_in_as("sato").await;
    assert_eq!(
        sato_app.get("/admin/record-keeping").await.status,
        StatusCode::FORBIDDEN
    );
}

#[tokio::test]
async fn a_removed_clients_pages_answer_not_found() {
    let app = spawn_app().await;
    let (office, sato, _) = app.office_with_client().await;
    let old = old_client(&app, office, sato, "古田 三郎", date!(2018 - 09 - 30)).await;
    assert_eq!(
        app.get(&format!("/clients/{old}")).await.status,
        StatusCode::OK
    );
    let remove = format!("/admin/record-keeping/{old}/remove");
    let done = app
        .submit(&remove, &remove, &[("confirm_removal", "1")])
        .await;
    assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.body);

    // Every client page with only the client in its path, for the administrator and the
    // supporter in charge.
    let sato_app = app.signed_in_as("sato").await;
    let paths: Vec<String> = teichaku::web::route_table()
        .iter()
        .filter(|r| r.method.as_str() == "GET" && r.path.starts_with("/clients/{id}"))
        .filter(|r| r.path.matches('{').count() == 1)
        .map(|r| r.path.replace("{id}", &old.to_string()))
        .chain([
            remove.clone(),
            format!("/offices/{office}/claims/cap/{old}?month=2019-01"),
        ])
        .collect();
    assert!(paths.len() > 10, "{paths:?}");
    for path in &paths {
        let page = app.get(path).await;
        assert_eq!(page.status, StatusCode::NOT_FOUND, "admin {path}");
        // The cap result is for managers: the supporter is refused before the client.
        if path.starts_with("/clients/") {
            let page = sato_app.get(path).await;
            assert_eq!(page.status, StatusCode::NOT_FOUND, "supporter {path}");
        }
    }
    // Not in the office's list, nor counted.
    let list = app.get(&format!("/offices/{office}/clients")).await;
    assert_eq!(list.status, StatusCode::OK);
    assert!(
        !list.body.contains(&format!("/clients/{old}\"")),
        "{}",
        list.body
    );
}

#[tokio::test]
async fn the_keeping_years_are_at_least_five_and_the_change_is_audited() {
    let app = spawn_app().await;
    let (office, sato, _) = app.office_with_client().await;
    // Ended 2019-03-31: past 5 years, within 10.
    let old = old_client(&app, office, sato, "古田 四郎", date!(2019 - 03 - 31)).await;
    let page = app.get("/admin/record-keeping").await;
    assert!(page.body.contains("value=\"5\""), "the default");
    assert!(page.body.contains(&format!("id=\"due-{old}\"")));

    for (typed, message) in [
        ("4", "法令の最低保存期間（5年）より短くはできません。"),
        ("0", "法令の最低保存期間（5年）より短くはできません。"),
        ("", ""),
        ("abc", ""),
        ("51", ""),
    ] {
        let refused = app
            .submit(
                "/admin/record-keeping",
                "/admin/record-keeping",
                &[("keeping_years", typed)],
            )
            .await;
        assert_eq!(
            refused.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{typed:?}"
        );
        assert!(refused.body.contains("id=\"e-keeping_years\""), "{typed:?}");
        assert!(refused.body.contains(message), "{typed:?}");
        assert!(
            refused.body.contains(&format!("value=\"{typed}\"")),
            "keeps what was typed: {typed:?}"
        );
    }
    assert!(app.audit_rows("keeping.setting_update").await.is_empty());

    let saved = app
        .submit(
            "/admin/record-keeping",
            "/admin/record-keeping",
            &[("keeping_years", "10")],
        )
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    assert_eq!(
        id!(
            &app,
            "SELECT CAST(record_keeping_years AS BIGINT) FROM organizations"
        ),
        10
    );
    assert_eq!(app.audit_rows("keeping.setting_update").await.len(), 1);
    let page = app.get("/admin/record-keeping").await;
    assert!(page.body.contains("value=\"10\""));
    assert!(
        !page.body.contains(&format!("id=\"due-{old}\"")),
        "within 10 years"
    );
    let refused = app
        .submit(
            &format!("/admin/record-keeping/{old}/remove"),
            &format!("/admin/record-keeping/{old}/remove"),
            &[("confirm_removal", "1")],
        )
        .await;
    assert_eq!(refused.status, StatusCode::CONFLICT);
}

#[tokio::test]
async fn two_removals_at_once_remove_once() {
    let app = spawn_app().await;
    let (office, sato, _) = app.office_with_client().await;
    let old = old_client(&app, office, sato, "古田 五郎", date!(2019 - 03 - 31)).await;
    let remove = format!("/admin/record-keeping/{old}/remove");
    let token = app.csrf(&remove).await;
    let form = [("_csrf", token.as_str()), ("confirm_removal", "1")];
    let (a, b) = tokio::join!(app.post_form(&remove, &form), app.post_form(&remove, &form));
    let mut statuses = [a.status, b.status];
    statuses.sort();
    assert_eq!(
        statuses,
        [StatusCode::SEE_OTHER, StatusCode::NOT_FOUND],
        "{} / {}",
        a.body,
        b.body
    );
    assert_eq!(app.audit_rows("client.remove").await.len(), 1);
    assert_eq!(rows(&app, "contracts", old).await, 0);
}
