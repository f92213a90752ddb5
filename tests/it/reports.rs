//! 就労定着支援計画 and monthly 支援レポート through the pages: the plan's states, a report
//! drafted from the month's records (months in Japan time), finalising, corrections as new
//! versions, consent-checked sharing with the confirmation, the print page, and other
//! offices kept out. Runs on both engines.
use reqwest::StatusCode;
use teichaku::domain::month::YearMonth;
use teichaku::domain::report::ReportStatus;
use time::{Date, Duration, OffsetDateTime, UtcOffset, macros::date, macros::datetime};

use crate::helpers::{TestApp, id_from_location, spawn_app};

/// Admin + office 西船橋 + supporter `sato` + client 山田 花子; returns (office, client, sato's
/// browser, sato's id).
async fn office_with_client(app: &TestApp) -> (i64, i64, TestApp, i64) {
    app.signed_in_admin().await;
    let office = app.create_office("西船橋").await;
    let sato = app.create_staff("sato", office, "supporter").await;
    let page = app
        .submit(
            &format!("/offices/{office}/clients/new"),
            &format!("/offices/{office}/clients"),
            &[
                ("client_name", "山田 花子"),
                ("kana", "やまだ はなこ"),
                ("birth_date", "1996-08-31"),
                ("disabilities", "mental"),
                ("prior_service", "employment_transition"),
                ("prior_office_name", "就労移行支援事業所あさひ"),
                ("supporter_id", &sato.to_string()),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    let client = id_from_location(&page.location(), "/clients/");
    let s = app.signed_in_as("sato").await;
    (office, client, s, sato)
}

/// Stored timestamps are UTC, as the application writes them.
fn utc(at: OffsetDateTime) -> OffsetDateTime {
    at.to_offset(UtcOffset::UTC)
}

async fn insert_contact(
    app: &TestApp,
    client: i64,
    office: i64,
    at: OffsetDateTime,
    mode: &str,
    heard: &str,
    advice: &str,
) -> i64 {
    let at = utc(at);
    teichaku::on_db!(&app.state.db, pool => sqlx::query_scalar(
        "INSERT INTO contacts (client_id, office_id, occurred_at, mode, participants, heard, advice,
                               shared_info, accommodations, next_contact_on, created_at, updated_at)
         VALUES ($1, $2, $3, $4, 'client', $5, $6, '', '', $7, $3, $3) RETURNING id")
        .bind(client).bind(office).bind(at).bind(mode).bind(heard).bind(advice)
        .bind(Some(date!(2026 - 11 - 12)))
        .fetch_one(pool).await)
    .expect("contact")
}

async fn insert_concern(app: &TestApp, contact: i64, client: i64, category: &str, note: &str) {
    teichaku::on_db!(&app.state.db, pool => sqlx::query(
        "INSERT INTO concerns (contact_id, client_id, category, severity, note)
         VALUES ($1, $2, $3, 2, $4)")
        .bind(contact).bind(client).bind(category).bind(note)
        .execute(pool).await.map(|_| ()))
    .expect("concern");
}

async fn insert_task(app: &TestApp, client: i64, contact: i64, description: &str, due: Date) {
    teichaku::on_db!(&app.state.db, pool => sqlx::query(
        "INSERT INTO tasks (client_id, contact_id, description, due_on, created_at)
         VALUES ($1, $2, $3, $4, $5)")
        .bind(client).bind(contact).bind(description).bind(due).bind(teichaku::clock::now())
        .execute(pool).await.map(|_| ()))
    .expect("task");
}

/// A consent for an employer contact; returns its id.
async fn insert_consent(app: &TestApp, client: i64, name: &str, categories: &str) -> i64 {
    teichaku::on_db!(&app.state.db, pool => sqlx::query_scalar(
        "INSERT INTO consents (client_id, recipient_kind, recipient_name, categories, valid_from,
                               created_at)
         VALUES ($1, 'employer', $2, $3, $4, $5) RETURNING id")
        .bind(client).bind(name).bind(categories).bind(date!(2026 - 04 - 01))
        .bind(teichaku::clock::now())
        .fetch_one(pool).await)
    .expect("consent")
}

/// (version, status, body, correction_reason) of every version of the month, oldest first.
async fn versions(app: &TestApp, client: i64, month: &str) -> Vec<(i64, String, String, String)> {
    teichaku::on_db!(&app.state.db, pool => sqlx::query_as(
        "SELECT version, status, body, correction_reason FROM support_reports
         WHERE client_id = $1 AND month = $2 ORDER BY version")
        .bind(client).bind(month).fetch_all(pool).await)
    .expect("versions")
}

/// (status, goals, review_on, agreed_on, replaces_id) of a plan.
async fn plan_row(app: &TestApp, id: i64) -> (String, String, Date, Option<Date>, Option<i64>) {
    teichaku::on_db!(&app.state.db, pool => sqlx::query_as(
        "SELECT status, goals, review_on, agreed_on, replaces_id FROM support_plans WHERE id = $1")
        .bind(id).fetch_one(pool).await)
    .expect("plan")
}

fn today() -> String {
    teichaku::clock::today().to_string()
}

/// Creates the month's report as `s` and returns the month page's path.
async fn create_report(s: &TestApp, client: i64, month: &str) -> String {
    let list = format!("/clients/{client}/reports");
    let page = s.submit(&list, &list, &[("report_month", month)]).await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    let path = format!("/clients/{client}/reports/{month}");
    assert_eq!(page.location(), format!("{path}?n=created"));
    path
}

async fn finalise(s: &TestApp, path: &str, version: &str, body: &str) {
    let page = s
        .submit(
            path,
            &format!("{path}/finalise"),
            &[
                ("version", version),
                ("report_body", body),
                ("confirm", "yes"),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
}

#[tokio::test]
async fn draft_edit_finalise_and_correct() {
    let app = spawn_app().await;
    let (office, client, s, sato) = office_with_client(&app).await;
    // 2026-10-31 23:30 in Japan is October (14:30 UTC); 2026-11-01 00:30 is November even
    // though it is still October 31 in UTC.
    let october = insert_contact(
        &app,
        client,
        office,
        datetime!(2026-10-31 23:30 +9),
        "face_to_face",
        "検品作業に慣れず、疲れている。",
        "作業手順をメモにする。",
    )
    .await;
    let november = insert_contact(
        &app,
        client,
        office,
        datetime!(2026-11-01 00:30 +9),
        "phone",
        "十一月の電話の話",
        "十一月の助言",
    )
    .await;
    insert_concern(&app, october, client, "unfamiliar_tasks", "検品の手順").await;
    insert_concern(&app, november, client, "money", "十一月の困りごと").await;
    insert_task(
        &app,
        client,
        october,
        "手順メモを作る",
        date!(2026 - 11 - 10),
    )
    .await;
    insert_task(
        &app,
        client,
        november,
        "十一月の取り組み",
        date!(2026 - 11 - 20),
    )
    .await;

    let path = create_report(&s, client, "2026-10").await;
    let page = s.get(&path).await;
    assert_eq!(page.status, StatusCode::OK);
    for text in [
        "今月の面談・連絡",
        "本人の様子と困りごと",
        "助言と取り組み",
        "次の予定",
        "計画の進み具合",
        "10/31（土） 23:30 対面",
        "検品作業に慣れず、疲れている。",
        "業務に慣れない",
        "検品の手順",
        "作業手順をメモにする。",
        "手順メモを作る",
    ] {
        assert!(page.body.contains(text), "draft has {text:?}");
    }
    for text in ["十一月", "金銭管理", "電話"] {
        assert!(!page.body.contains(text), "draft must not have {text:?}");
    }
    // 作成する again goes to the month's report: one report per month.
    let list = format!("/clients/{client}/reports");
    let again = s.submit(&list, &list, &[("report_month", "2026-10")]).await;
    assert_eq!(again.location(), path);
    assert_eq!(app.count("support_reports").await, 1);

    // Edit the draft, then finalise it with the text in the form.
    let edit = s
        .submit(
            &path,
            &format!("{path}/body"),
            &[
                ("version", "1"),
                ("report_body", "書き直した本文\r\n二行目"),
            ],
        )
        .await;
    assert_eq!(edit.status, StatusCode::SEE_OTHER, "{}", edit.body);
    assert_eq!(
        versions(&app, client, "2026-10").await[0].2,
        "書き直した本文\n二行目"
    );
    finalise(&s, &path, "1", "確定した本文").await;
    let (finalised_by, finalised_at): (Option<i64>, Option<OffsetDateTime>) = teichaku::on_db!(
        &app.state.db, pool => sqlx::query_as(
            "SELECT finalised_by, finalised_at FROM support_reports WHERE client_id = $1")
            .bind(client).fetch_one(pool).await)
    .expect("final");
    assert_eq!(finalised_by, Some(sato));
    assert!(finalised_at.is_some());

    // A final version is never changed: editing or finalising again is refused.
    for action in ["body", "finalise"] {
        let refused = s
            .submit(
                &path,
                &format!("{path}/{action}"),
                &[("version", "1"), ("report_body", "こっそり変更")],
            )
            .await;
        assert_eq!(refused.status, StatusCode::CONFLICT, "{action}");
        assert!(
            refused
                .body
                .contains("確定したレポートは書き換えられません。")
        );
    }
    assert_eq!(
        versions(&app, client, "2026-10").await,
        vec![(1, "final".into(), "確定した本文".into(), String::new())]
    );

    // A correction needs its reason, and is a new version with the body copied.
    let correct = format!("{path}/correct");
    let no_reason = s
        .submit(
            &path,
            &correct,
            &[("version", "1"), ("report_correction_reason", " ")],
        )
        .await;
    assert_eq!(no_reason.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(no_reason.body.contains("訂正の理由: 入力してください。"));
    assert!(no_reason.body.contains("aria-invalid=\"true\""));
    let corrected = s
        .submit(
            &path,
            &correct,
            &[
                ("version", "1"),
                ("report_correction_reason", "面談の日付の誤り"),
            ],
        )
        .await;
    assert_eq!(
        corrected.status,
        StatusCode::SEE_OTHER,
        "{}",
        corrected.body
    );
    let both = versions(&app, client, "2026-10").await;
    assert_eq!(
        both,
        vec![
            (1, "final".into(), "確定した本文".into(), String::new()),
            (
                2,
                "draft".into(),
                "確定した本文".into(),
                "面談の日付の誤り".into()
            ),
        ]
    );
    // A form made for version 1 no longer edits anything.
    let stale = s
        .submit(
            &path,
            &format!("{path}/body"),
            &[("version", "1"), ("report_body", "古い画面から")],
        )
        .await;
    assert_eq!(stale.status, StatusCode::CONFLICT);
    finalise(&s, &path, "2", "訂正した本文").await;
    let page = s.get(&path).await;
    for text in [
        "第1版",
        "第2版",
        "確定した本文",
        "訂正した本文",
        "面談の日付の誤り",
    ] {
        assert!(page.body.contains(text), "page shows {text:?}");
    }
    assert_eq!(versions(&app, client, "2026-10").await[0].2, "確定した本文");
    for action in [
        "report.create",
        "report.update",
        "report.finalise",
        "report.correct",
    ] {
        let rows = app.audit_rows(action).await;
        assert!(!rows.is_empty(), "{action} audited");
        assert!(rows.iter().all(|(actor, _, _)| actor == "sato"), "{action}");
    }
}

#[tokio::test]
async fn sharing_needs_consent_for_anyone_but_the_client() {
    let app = spawn_app().await;
    let (_, client, s, _) = office_with_client(&app).await;
    let path = create_report(&s, client, "2026-10").await;
    let month = YearMonth::parse("2026-10").expect("month");
    let status = || teichaku::store::reports::month_status(&app.state.db, client, month);
    assert_eq!(status().await.expect("status"), ReportStatus::Draft);

    // Only a final report is shared.
    let shares = format!("{path}/shares");
    let to_client = [
        ("version", "1"),
        ("share_recipient", "client"),
        ("share_shared_on", &today()),
        ("share_method", "in_person"),
    ];
    let draft = s.submit(&path, &shares, &to_client).await;
    assert_eq!(draft.status, StatusCode::CONFLICT);
    assert!(
        draft
            .body
            .contains("共有できるのは確定したレポートだけです。")
    );
    finalise(&s, &path, "1", "十月のレポート").await;
    assert_eq!(
        status().await.expect("status"),
        ReportStatus::FinalNotShared
    );

    // The client: always allowed.
    let ok = s.submit(&path, &shares, &to_client).await;
    assert_eq!(ok.status, StatusCode::SEE_OTHER, "{}", ok.body);
    assert_eq!(app.count("report_shares").await, 1);
    assert_eq!(
        status().await.expect("status"),
        ReportStatus::SharedWithClient
    );

    // The employer without consent: blocked, with the reason, and nothing saved.
    let to_boss = [
        ("version", "1"),
        ("share_recipient", "employer"),
        ("share_employer_name", "物流 課長"),
        ("share_shared_on", &today()),
        ("share_method", "mail"),
    ];
    let blocked = s.submit(&path, &shares, &to_boss).await;
    assert_eq!(blocked.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        blocked
            .body
            .contains("この相手には支援レポートを共有できません。")
    );
    assert!(blocked.body.contains("本人の同意が記録されていません"));
    assert!(blocked.body.contains("value=\"物流 課長\""), "input kept");
    assert_eq!(app.count("report_shares").await, 1);

    // Consent that does not cover reports: blocked, naming what is missing.
    insert_consent(&app, client, "物流　課長", "work_status").await;
    let narrow = s.submit(&path, &shares, &to_boss).await;
    assert_eq!(narrow.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        narrow
            .body
            .contains("同意の範囲に含まれていない情報があります")
    );
    assert!(narrow.body.contains("足りない項目: 支援レポート"));
    assert_eq!(app.count("report_shares").await, 1);

    // Consent for reports: the recipient is offered and sharing works.
    let consent = insert_consent(&app, client, "物流　課長", "work_status,reports").await;
    let page = s.get(&path).await;
    assert!(page.body.contains(&format!("value=\"consent-{consent}\"")));
    assert!(page.body.contains("職場：物流　課長"));
    let shared = s.submit(&path, &shares, &to_boss).await;
    assert_eq!(shared.status, StatusCode::SEE_OTHER, "{}", shared.body);
    assert_eq!(app.count("report_shares").await, 2);
    let recorded: (String, Option<i64>) = teichaku::on_db!(&app.state.db, pool => sqlx::query_as(
        "SELECT recipient_kind, consent_id FROM report_shares ORDER BY id DESC LIMIT 1")
        .fetch_one(pool).await)
    .expect("share");
    assert_eq!(recorded, ("employer".to_string(), Some(consent)));
    assert_eq!(
        status().await.expect("status"),
        ReportStatus::SharedWithClientAndOthers
    );

    // Withdrawn: blocked again, by name or through the consent's own option.
    let withdrawn_at = teichaku::clock::now() - Duration::minutes(1);
    teichaku::on_db!(&app.state.db, pool => sqlx::query(
        "UPDATE consents SET withdrawn_at = $1 WHERE client_id = $2")
        .bind(withdrawn_at).bind(client).execute(pool).await.map(|_| ()))
    .expect("withdraw");
    let via_option = format!("consent-{consent}");
    for recipient in ["employer", via_option.as_str()] {
        let mut form = to_boss.to_vec();
        form[1] = ("share_recipient", recipient);
        let again = s.submit(&path, &shares, &form).await;
        assert_eq!(
            again.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{recipient}"
        );
        assert!(again.body.contains("同意を撤回しています"), "{recipient}");
    }
    assert!(
        !s.get(&path).await.body.contains(&via_option),
        "no longer offered"
    );
    assert_eq!(app.count("report_shares").await, 2);

    // The client's confirmation, not before the day it was shared, recorded once.
    let share_id: i64 = teichaku::on_db!(&app.state.db, pool => sqlx::query_scalar(
        "SELECT id FROM report_shares WHERE recipient_kind = 'client'")
        .fetch_one(pool).await)
    .expect("share id");
    let ack = format!("{path}/shares/{share_id}/acknowledge");
    let early = s
        .submit(&path, &ack, &[("share_acknowledged_on", "2026-01-05")])
        .await;
    assert_eq!(early.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        early
            .body
            .contains("共有した日より前の日は入力できません。")
    );
    let done = s
        .submit(&path, &ack, &[("share_acknowledged_on", &today())])
        .await;
    assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.body);
    let acknowledged: Option<Date> = teichaku::on_db!(&app.state.db, pool => sqlx::query_scalar(
        "SELECT acknowledged_on FROM report_shares WHERE id = $1")
        .bind(share_id).fetch_one(pool).await)
    .expect("ack");
    assert_eq!(acknowledged, Some(teichaku::clock::today()));
    let twice = s
        .submit(&path, &ack, &[("share_acknowledged_on", &today())])
        .await;
    assert_eq!(twice.status, StatusCode::CONFLICT);
    assert_eq!(app.audit_rows("report.share").await.len(), 2);
    assert_eq!(app.audit_rows("report.acknowledge").await.len(), 1);
}

#[tokio::test]
async fn the_print_page_shows_a_final_version() {
    let app = spawn_app().await;
    let (_, client, s, _) = office_with_client(&app).await;
    let path = create_report(&s, client, "2026-10").await;
    let print = format!("{path}/print");
    assert_eq!(
        s.get(&print).await.status,
        StatusCode::NOT_FOUND,
        "a draft is not printed"
    );
    finalise(&s, &path, "1", "印刷する本文\n<b>太字ではない</b>").await;
    let page = s.get(&print).await;
    assert_eq!(page.status, StatusCode::OK);
    for text in [
        "印刷する本文",
        "太字ではない",
        "西船橋",
        "山田 花子",
        "2026年10月",
        "テスト法人",
        "第1版",
        "sato",
        "class=\"print-page\"",
    ] {
        assert!(page.body.contains(text), "print page has {text:?}");
    }
    assert!(!page.body.contains("<b>"), "the body is text, not HTML");
    assert!(!page.body.contains("<nav"), "no navigation");
    let css = s.get("/static/app.css").await.body;
    assert!(css.contains("@page { size: A4; margin: 15mm; }"));

    // A correction in progress: the latest final version is printed; the draft is not.
    let corrected = s
        .submit(
            &path,
            &format!("{path}/correct"),
            &[("version", "1"), ("report_correction_reason", "誤字")],
        )
        .await;
    assert_eq!(corrected.status, StatusCode::SEE_OTHER);
    assert!(s.get(&print).await.body.contains("印刷する本文"));
    assert_eq!(
        s.get(&format!("{print}?version=1")).await.status,
        StatusCode::OK
    );
    for bad in ["2", "9", "x"] {
        assert_eq!(
            s.get(&format!("{print}?version={bad}")).await.status,
            StatusCode::NOT_FOUND,
            "{bad}"
        );
    }
    assert_eq!(app.audit_rows("report.print").await.len(), 3);
}

#[tokio::test]
async fn months_are_checked() {
    let app = spawn_app().await;
    let (_, client, s, _) = office_with_client(&app).await;
    let list = format!("/clients/{client}/reports");
    let next = YearMonth::of(teichaku::clock::today()).next().to_string();
    for (month, message) in [
        ("2026-13", "年と月は 2026-10 の形で入力してください。"),
        ("", "入力してください。"),
        (
            next.as_str(),
            "まだ始まっていない月のレポートは作れません。",
        ),
    ] {
        let page = s.submit(&list, &list, &[("report_month", month)]).await;
        assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY, "{month}");
        assert!(page.body.contains(message), "{month}");
    }
    assert_eq!(app.count("support_reports").await, 0);
    assert_eq!(
        s.get(&format!("{list}/2026-13")).await.status,
        StatusCode::NOT_FOUND
    );
    let empty = s.get(&format!("{list}/2026-09")).await;
    assert_eq!(empty.status, StatusCode::OK);
    assert!(empty.body.contains("この月のレポートはまだありません。"));
}

#[tokio::test]
async fn plan_states_through_the_pages() {
    let app = spawn_app().await;
    let (office, client, s, _) = office_with_client(&app).await;
    let plans = format!("/clients/{client}/plans");
    assert!(s.get(&plans).await.body.contains("まだ計画がありません。"));
    // The office reviews every 6 months: the review date defaults to start + 6 months.
    teichaku::on_db!(&app.state.db, pool => sqlx::query(
        "UPDATE offices SET plan_review_months = 6 WHERE id = $1")
        .bind(office).execute(pool).await.map(|_| ()))
    .expect("setting");
    let new = format!("{plans}/new");
    let empty = s
        .submit(&new, &plans, &[("plan_start_on", "2026-04-01")])
        .await;
    assert_eq!(empty.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(empty.body.contains("本人の目標: 入力してください。"));
    let form = [
        ("plan_goals", "週5日、休まずに働き続ける"),
        (
            "plan_support_content",
            "月2回の面談で体調と仕事の様子を聞く",
        ),
        ("plan_contact_frequency", "月2回面談"),
        ("plan_employer_role", "困ったときの相談先を決める"),
        ("plan_start_on", "2026-04-01"),
        ("plan_review_on", ""),
    ];
    let created = s.submit(&new, &plans, &form).await;
    assert_eq!(created.status, StatusCode::SEE_OTHER, "{}", created.body);
    let pid: i64 = teichaku::on_db!(&app.state.db, pool => sqlx::query_scalar(
        "SELECT id FROM support_plans WHERE client_id = $1")
        .bind(client).fetch_one(pool).await)
    .expect("plan id");
    let (status, _, review_on, agreed_on, _) = plan_row(&app, pid).await;
    assert_eq!(
        (status.as_str(), review_on, agreed_on),
        ("draft", date!(2026 - 10 - 01), None)
    );
    // One open plan at a time: the next one comes from a revision.
    assert_eq!(s.get(&new).await.status, StatusCode::CONFLICT);

    // Edit the draft.
    let edit = format!("{plans}/{pid}/edit");
    let mut changed = form.to_vec();
    changed[0] = ("plan_goals", "週5日働き、残業にも慣れる");
    let saved = s.submit(&edit, &format!("{plans}/{pid}"), &changed).await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    assert_eq!(plan_row(&app, pid).await.1, "週5日働き、残業にも慣れる");

    // Illegal transitions from a draft.
    let review = format!("{plans}/{pid}/review");
    let revise = format!("{plans}/{pid}/revise");
    let agree = format!("{plans}/{pid}/agree");
    let early = s.submit(&plans, &review, &[]).await;
    assert_eq!(early.status, StatusCode::CONFLICT);
    assert!(
        early
            .body
            .contains("見直しを始められるのは、同意済みの計画だけです。")
    );
    assert!(early.body.contains("いまの状態：下書き"));
    assert_eq!(
        s.submit(&plans, &revise, &[]).await.status,
        StatusCode::CONFLICT
    );
    assert_eq!(plan_row(&app, pid).await.0, "draft");

    // The agreement date: required, not in the future.
    let tomorrow = (teichaku::clock::today() + Duration::days(1)).to_string();
    for (value, message) in [
        ("", "入力してください。"),
        (tomorrow.as_str(), "まだ来ていない日は入力できません。"),
    ] {
        let bad = s.submit(&plans, &agree, &[("plan_agreed_on", value)]).await;
        assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY, "{value}");
        assert!(bad.body.contains(message), "{value}");
    }
    let agreed = s
        .submit(&plans, &agree, &[("plan_agreed_on", "2026-03-28")])
        .await;
    assert_eq!(agreed.status, StatusCode::SEE_OTHER, "{}", agreed.body);
    let (status, _, _, agreed_on, _) = plan_row(&app, pid).await;
    assert_eq!(
        (status.as_str(), agreed_on),
        ("agreed", Some(date!(2026 - 03 - 28)))
    );

    // An agreed plan is not edited, nor agreed twice; its review is due (2026-10-01 passed).
    assert_eq!(s.get(&edit).await.status, StatusCode::CONFLICT);
    let late_edit = s.submit(&plans, &format!("{plans}/{pid}"), &form).await;
    assert_eq!(late_edit.status, StatusCode::CONFLICT);
    assert!(
        late_edit
            .body
            .contains("編集できるのは下書きの計画だけです。")
    );
    assert_eq!(plan_row(&app, pid).await.1, "週5日働き、残業にも慣れる");
    let twice = s
        .submit(&plans, &agree, &[("plan_agreed_on", "2026-03-28")])
        .await;
    assert_eq!(twice.status, StatusCode::CONFLICT);
    assert!(
        twice
            .body
            .contains("同意を記録できるのは、下書きの計画だけです。")
    );
    let page = s.get(&plans).await;
    assert!(page.body.contains("見直しの時期が来ています。"));

    // Review, then revise: the old plan is kept as revised, a new draft replaces it.
    assert_eq!(
        s.submit(&plans, &review, &[]).await.status,
        StatusCode::SEE_OTHER
    );
    assert_eq!(plan_row(&app, pid).await.0, "under_review");
    let revised = s.submit(&plans, &revise, &[]).await;
    assert_eq!(revised.status, StatusCode::SEE_OTHER, "{}", revised.body);
    let new_id = id_from_location(&revised.location(), &format!("{plans}/"));
    assert_ne!(new_id, pid);
    assert_eq!(plan_row(&app, pid).await.0, "revised");
    let (status, goals, _, agreed_on, replaces) = plan_row(&app, new_id).await;
    assert_eq!(
        (status.as_str(), goals.as_str(), agreed_on, replaces),
        ("draft", "週5日働き、残業にも慣れる", None, Some(pid))
    );
    assert_eq!(
        s.get(&format!("{plans}/{new_id}/edit")).await.status,
        StatusCode::OK
    );
    assert_eq!(
        s.submit(&plans, &revise, &[]).await.status,
        StatusCode::CONFLICT
    );
    let page = s.get(&plans).await;
    assert!(page.body.contains("改定済み") && page.body.contains("下書き"));
    for action in [
        "plan.create",
        "plan.update",
        "plan.agree",
        "plan.review",
        "plan.revise",
    ] {
        assert_eq!(
            app.audit_rows(action).await.len(),
            1,
            "{action} audited once"
        );
    }
}

#[tokio::test]
async fn another_office_is_refused_on_every_route() {
    let app = spawn_app().await;
    let (_, client, s, _) = office_with_client(&app).await;
    // A plan, a final report with a share: real ids behind every route.
    let plans = format!("/clients/{client}/plans");
    let created = s
        .submit(
            &format!("{plans}/new"),
            &plans,
            &[
                ("plan_goals", "目標"),
                ("plan_support_content", "内容"),
                ("plan_contact_frequency", "月2回面談"),
                ("plan_start_on", "2026-04-01"),
            ],
        )
        .await;
    assert_eq!(created.status, StatusCode::SEE_OTHER);
    let pid: i64 = teichaku::on_db!(&app.state.db, pool => sqlx::query_scalar(
        "SELECT id FROM support_plans").fetch_one(pool).await)
    .expect("plan");
    let path = create_report(&s, client, "2026-10").await;
    finalise(&s, &path, "1", "本文").await;
    let shared = s
        .submit(
            &path,
            &format!("{path}/shares"),
            &[
                ("version", "1"),
                ("share_recipient", "client"),
                ("share_shared_on", &today()),
                ("share_method", "in_person"),
            ],
        )
        .await;
    assert_eq!(shared.status, StatusCode::SEE_OTHER);
    let sid: i64 = teichaku::on_db!(&app.state.db, pool => sqlx::query_scalar(
        "SELECT id FROM report_shares").fetch_one(pool).await)
    .expect("share");

    let other = app.create_office("青森").await;
    app.create_staff("aomori", other, "supporter").await;
    let a = app.signed_in_as("aomori").await;
    for get in [
        plans.clone(),
        format!("{plans}/new"),
        format!("{plans}/{pid}/edit"),
        format!("/clients/{client}/reports"),
        path.clone(),
        format!("{path}/print"),
        format!("{path}/print?version=1"),
    ] {
        assert_eq!(a.get(&get).await.status, StatusCode::FORBIDDEN, "GET {get}");
    }
    let today = today();
    let posts: Vec<(String, Vec<(&str, &str)>)> = vec![
        (plans.clone(), vec![("plan_goals", "x")]),
        (format!("{plans}/{pid}"), vec![("plan_goals", "x")]),
        (
            format!("{plans}/{pid}/agree"),
            vec![("plan_agreed_on", "2026-03-28")],
        ),
        (format!("{plans}/{pid}/review"), vec![]),
        (format!("{plans}/{pid}/revise"), vec![]),
        (
            format!("/clients/{client}/reports"),
            vec![("report_month", "2026-09")],
        ),
        (
            format!("{path}/body"),
            vec![("version", "1"), ("report_body", "x")],
        ),
        (
            format!("{path}/finalise"),
            vec![("version", "1"), ("report_body", "x")],
        ),
        (
            format!("{path}/correct"),
            vec![("version", "1"), ("report_correction_reason", "x")],
        ),
        (
            format!("{path}/shares"),
            vec![
                ("version", "1"),
                ("share_recipient", "client"),
                ("share_shared_on", today.as_str()),
                ("share_method", "mail"),
            ],
        ),
        (
            format!("{path}/shares/{sid}/acknowledge"),
            vec![("share_acknowledged_on", today.as_str())],
        ),
    ];
    for (action, form) in posts {
        let page = a.submit("/", &action, &form).await;
        assert_eq!(page.status, StatusCode::FORBIDDEN, "POST {action}");
    }
    assert_eq!(app.count("support_plans").await, 1);
    assert_eq!(app.count("support_reports").await, 1);
    assert_eq!(app.count("report_shares").await, 1);
    assert_eq!(versions(&app, client, "2026-10").await[0].2, "本文");
    let (status, goals, _, _, _) = plan_row(&app, pid).await;
    assert_eq!((status.as_str(), goals.as_str()), ("draft", "目標"));
    assert!(app.audit_rows("report.print").await.is_empty());
}
