//! The monthly 支援レポート read and confirmed online (issue 11, items 4 and 5), on both
//! engines: the client's confirmation is a share to the client that the month view and the
//! claim count like one staff record; the staff page and the A4 print show who confirmed and
//! when; a correction needs its own confirmation; an employer contact reads and confirms only
//! under a consent covering reports, checked on every request; a draft is never shown.

use reqwest::StatusCode;
use teichaku::domain::compliance::ReportState;
use teichaku::domain::month::YearMonth;
use teichaku::domain::report::{ReportStatus, japanese_date};

use crate::helpers::{TestApp, spawn_app};

fn this_month() -> YearMonth {
    YearMonth::of(teichaku::clock::today())
}

/// Creates the month's report as staff (`app`) and finalises version 1 with `body`;
/// returns the staff month page's path.
async fn final_report(app: &TestApp, client: i64, month: YearMonth, body: &str) -> String {
    let list = format!("/clients/{client}/reports");
    let created = app
        .submit(&list, &list, &[("report_month", &month.to_string())])
        .await;
    assert_eq!(created.status, StatusCode::SEE_OTHER, "{}", created.body);
    let path = format!("{list}/{month}");
    finalise(app, &path, 1, body).await;
    path
}

async fn finalise(app: &TestApp, path: &str, version: i64, body: &str) {
    let done = app
        .submit(
            path,
            &format!("{path}/finalise"),
            &[
                ("version", &version.to_string()),
                ("report_body", body),
                ("confirm", "yes"),
            ],
        )
        .await;
    assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.body);
}

/// Starts a correction of the final version `version` (a new draft version).
async fn correct(app: &TestApp, path: &str, version: i64) {
    let done = app
        .submit(
            path,
            &format!("{path}/correct"),
            &[
                ("version", &version.to_string()),
                ("report_correction_reason", "日付の誤り"),
            ],
        )
        .await;
    assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.body);
}

/// One share row as stored.
#[derive(Debug, sqlx::FromRow)]
struct Share {
    version: i64,
    recipient_kind: String,
    recipient_name: String,
    method: String,
    consent_id: Option<i64>,
    shared_on: time::Date,
    acknowledged_on: Option<time::Date>,
    client_account_id: Option<i64>,
    employer_contact_id: Option<i64>,
    recorded_by: Option<i64>,
}

/// Every share of the client's reports, oldest first.
async fn shares(app: &TestApp, client: i64) -> Vec<Share> {
    teichaku::on_db!(&app.state.db, pool => sqlx::query_as(
        "SELECT r.version, h.recipient_kind, h.recipient_name, h.method, h.consent_id, h.shared_on,
                h.acknowledged_on, h.client_account_id, h.employer_contact_id, h.recorded_by
         FROM report_shares h JOIN support_reports r ON r.id = h.report_id
         WHERE r.client_id = $1 ORDER BY h.id")
        .bind(client).fetch_all(pool).await)
    .expect("shares")
}

/// (actor_label, detail) of the `report.acknowledge` audit rows, oldest first.
async fn ack_audit(app: &TestApp) -> Vec<(String, String)> {
    teichaku::on_db!(&app.state.db, pool => sqlx::query_as(
        "SELECT actor_label, detail FROM audit_log WHERE action = 'report.acknowledge' ORDER BY id")
        .fetch_all(pool).await)
    .expect("audit")
}

async fn month_status(app: &TestApp, client: i64, month: YearMonth) -> ReportStatus {
    teichaku::store::reports::month_status(&app.state.db, client, month)
        .await
        .expect("status")
}

/// The month's report as the claim and the month view read it (`store::client_month`).
async fn claim_report_state(
    app: &TestApp,
    office: i64,
    client: i64,
    month: YearMonth,
) -> (ReportState, Option<time::Date>) {
    let (from, until) = month.utc_range();
    teichaku::store::client_month::gather(
        &app.state.db,
        Some(office),
        &month.to_string(),
        month.last_day(),
        from,
        until,
    )
    .await
    .expect("gather")
    .report_of(client)
}

#[tokio::test]
async fn the_client_reads_and_confirms_and_the_month_counts_it() {
    let app = spawn_app().await;
    let (office, sato, client) = app.office_with_client().await;
    let month = this_month();
    let staff_path = final_report(&app, client, month, "今月は遅刻なく通勤できました。").await;
    let me = app.as_client(client, sato).await;

    let list = me.get("/me/reports").await;
    assert_eq!(list.status, StatusCode::OK, "{}", list.body);
    assert!(list.body.contains(&format!("href=\"/me/reports/{month}\"")));
    assert!(list.body.contains("ack-todo") && !list.body.contains("ack-done"));
    assert!(
        list.body.contains("<ruby>"),
        "ふりがな on the client's page"
    );

    let path = format!("/me/reports/{month}");
    let views = app.audit_rows("portal.view").await.len();
    let page = me.get(&path).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("今月は遅刻なく通勤できました。"));
    // The read is audited, as the client's.
    let rows = app.audit_rows("portal.view").await;
    assert_eq!(rows.len(), views + 1);
    assert!(rows[views].0.starts_with("client:") && rows[views].1 == client.to_string());
    assert!(page.body.contains("id=\"acknowledge\""));
    assert_eq!(
        month_status(&app, client, month).await,
        ReportStatus::FinalNotShared
    );
    assert_eq!(
        claim_report_state(&app, office, client, month).await,
        (ReportState::Final, None)
    );

    let done = me
        .submit(&path, &format!("{path}/acknowledge"), &[("version", "1")])
        .await;
    assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.body);
    assert_eq!(done.location(), format!("{path}?n=confirmed"));

    let today = teichaku::clock::today();
    let rows = shares(&app, client).await;
    assert_eq!(rows.len(), 1, "{rows:?}");
    let s = &rows[0];
    assert_eq!(
        (s.version, s.recipient_kind.as_str(), s.method.as_str()),
        (1, "client", "portal")
    );
    assert_eq!(s.recipient_name, "山田 花子");
    assert_eq!((s.shared_on, s.acknowledged_on), (today, Some(today)));
    assert!(s.client_account_id.is_some() && s.employer_contact_id.is_none());
    assert_eq!(
        (s.recorded_by, s.consent_id),
        (None, None),
        "no staff member"
    );

    // It counts for the month exactly as a share staff record: the status, the month view's
    // and the claim's facts.
    assert_eq!(
        month_status(&app, client, month).await,
        ReportStatus::SharedWithClient
    );
    assert_eq!(
        claim_report_state(&app, office, client, month).await,
        (ReportState::Shared, Some(today))
    );

    // The staff page shows who and when; the print fills the client's confirmation.
    let staff = app.get(&staff_path).await;
    assert!(
        staff.body.contains("id=\"month-status\">本人に共有済み"),
        "{}",
        staff.body
    );
    assert!(staff.body.contains("本人がオンラインで確認 "));
    assert!(!staff.body.contains("<option value=\"portal\""));
    let print = app.get(&format!("{staff_path}/print")).await;
    assert_eq!(print.status, StatusCode::OK);
    assert!(
        print.body.contains(&format!(
            "本人確認欄：オンラインで確認（{}）",
            japanese_date(today)
        )),
        "{}",
        print.body
    );
    assert!(!print.body.contains("署名："), "the blank line is filled");

    // The client's pages say it is done.
    let page = me.get(&path).await;
    assert!(page.body.contains("id=\"acknowledged\"") && !page.body.contains("id=\"acknowledge\""));
    assert!(me.get("/me/reports").await.body.contains("ack-done"));

    let audit = ack_audit(&app).await;
    assert_eq!(audit.len(), 1, "{audit:?}");
    assert!(audit[0].0.starts_with("client:"), "{audit:?}");
    assert!(audit[0].1.contains("online by the client"), "{audit:?}");

    // Confirming again changes nothing.
    let again = me
        .submit(&path, &format!("{path}/acknowledge"), &[("version", "1")])
        .await;
    assert_eq!(again.status, StatusCode::SEE_OTHER);
    assert_eq!(shares(&app, client).await.len(), 1);
    assert_eq!(ack_audit(&app).await.len(), 1);
}

#[tokio::test]
async fn a_correction_finalised_later_needs_its_own_confirmation() {
    let app = spawn_app().await;
    let (_, sato, client) = app.office_with_client().await;
    let month = this_month();
    let staff_path = final_report(&app, client, month, "第一版の本文").await;
    let me = app.as_client(client, sato).await;
    let path = format!("/me/reports/{month}");
    let ack = format!("{path}/acknowledge");
    assert_eq!(
        me.submit(&path, &ack, &[("version", "1")]).await.status,
        StatusCode::SEE_OTHER
    );

    // A correction being drafted: the client still sees version 1, confirmed; never the draft.
    correct(&app, &staff_path, 1).await;
    let page = me.get(&path).await;
    assert!(page.body.contains("第一版の本文") && page.body.contains("id=\"acknowledged\""));

    // Finalised: the new version is not confirmed yet.
    finalise(&app, &staff_path, 2, "第二版の本文").await;
    let page = me.get(&path).await;
    assert!(page.body.contains("第二版の本文") && !page.body.contains("第一版の本文"));
    assert!(page.body.contains("id=\"acknowledge\""), "{}", page.body);
    let list = me.get("/me/reports").await;
    assert!(list.body.contains("ack-todo") && !list.body.contains("ack-done"));

    // A form from before the correction (version 1) does not confirm version 2.
    let stale = me.submit(&path, &ack, &[("version", "1")]).await;
    assert_eq!(stale.status, StatusCode::CONFLICT);
    assert!(stale.body.contains("id=\"refused\""));
    for bad in ["", "x", "3"] {
        let r = me.submit(&path, &ack, &[("version", bad)]).await;
        assert_eq!(r.status, StatusCode::CONFLICT, "{bad:?}");
    }
    assert_eq!(shares(&app, client).await.len(), 1);

    assert_eq!(
        me.submit(&path, &ack, &[("version", "2")]).await.status,
        StatusCode::SEE_OTHER
    );
    let versions: Vec<i64> = shares(&app, client)
        .await
        .iter()
        .map(|s| s.version)
        .collect();
    assert_eq!(versions, vec![1, 2]);
    assert_eq!(ack_audit(&app).await.len(), 2);
    // Each version's print shows its own confirmation.
    for v in ["1", "2"] {
        let print = app.get(&format!("{staff_path}/print?version={v}")).await;
        assert!(print.body.contains("オンラインで確認（"), "version {v}");
    }
}

#[tokio::test]
async fn drafts_other_clients_and_empty_months_are_not_shown() {
    let app = spawn_app().await;
    let (office, sato, client) = app.office_with_client().await;
    let month = this_month();
    // Only a draft this month.
    let list = format!("/clients/{client}/reports");
    let created = app
        .submit(&list, &list, &[("report_month", &month.to_string())])
        .await;
    assert_eq!(created.status, StatusCode::SEE_OTHER);
    // Another client of the office has a final report.
    let other = app
        .register_client(office, "鈴木 一郎", "すずき いちろう", sato)
        .await;
    final_report(&app, other, month, "鈴木さんの本文").await;

    let me = app.as_client(client, sato).await;
    let page = me.get("/me/reports").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("id=\"no-reports\""), "{}", page.body);
    assert!(!page.body.contains("鈴木"));
    let path = format!("/me/reports/{month}");
    assert_eq!(me.get(&path).await.status, StatusCode::NOT_FOUND);
    let csrf_page = "/me/reports";
    assert_eq!(
        me.submit(
            csrf_page,
            &format!("{path}/acknowledge"),
            &[("version", "1")]
        )
        .await
        .status,
        StatusCode::NOT_FOUND
    );
    // A month with no report, a month that is not one.
    let previous = month.previous();
    for m in [previous.to_string(), "2026-13".to_string(), "x".to_string()] {
        assert_eq!(
            me.get(&format!("/me/reports/{m}")).await.status,
            StatusCode::NOT_FOUND,
            "{m}"
        );
    }

    // The employer contact with the reports consent sees no draft either.
    let boss = app.as_employer(client, "山田 課長", sato).await;
    app.consent_for_employer(client, "山田 課長", &["reports"])
        .await;
    let elist = format!("/employer/clients/{client}/reports");
    let page = boss.get(&elist).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert!(page.body.contains("id=\"no-reports\""));
    assert_eq!(
        boss.get(&format!("{elist}/{month}")).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        boss.submit(
            &elist,
            &format!("{elist}/{month}/acknowledge"),
            &[("version", "1")]
        )
        .await
        .status,
        StatusCode::NOT_FOUND
    );
    // Nor the other client's, whom they are not linked to.
    assert_eq!(
        boss.get(&format!("/employer/clients/{other}/reports"))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    assert!(shares(&app, client).await.is_empty());
    assert!(shares(&app, other).await.is_empty());
}

#[tokio::test]
async fn the_employer_reads_and_confirms_only_under_a_reports_consent() {
    let app = spawn_app().await;
    let (office, sato, client) = app.office_with_client().await;
    let month = this_month();
    let staff_path = final_report(&app, client, month, "職場での様子は安定しています。").await;
    let boss = app.as_employer(client, "山田 課長", sato).await;
    let list = format!("/employer/clients/{client}/reports");
    let path = format!("{list}/{month}");
    let ack = format!("{path}/acknowledge");

    // No consent naming them: the client is not theirs to see.
    assert_eq!(boss.get(&list).await.status, StatusCode::NOT_FOUND);
    // A consent without reports: 403 on every route, and a refused POST writes nothing.
    let work = app
        .consent_for_employer(client, "山田 課長", &["work_status"])
        .await;
    assert_eq!(boss.get(&list).await.status, StatusCode::FORBIDDEN);
    assert_eq!(boss.get(&path).await.status, StatusCode::FORBIDDEN);
    let csrf = boss.csrf("/employer").await;
    let refused = boss
        .post_form(&ack, &[("_csrf", csrf.as_str()), ("version", "1")])
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    assert!(shares(&app, client).await.is_empty());

    let reports = app
        .consent_for_employer(client, "山田 課長", &["reports"])
        .await;
    let page = boss.get(&list).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert!(page.body.contains(&format!("href=\"{path}\"")) && page.body.contains("ack-todo"));
    let views = app.audit_rows("portal.view").await.len();
    let page = boss.get(&path).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("職場での様子は安定しています。"));
    let rows = app.audit_rows("portal.view").await;
    assert_eq!(rows.len(), views + 1, "the employer's read is audited");
    assert!(rows[views].0.starts_with("employer:"));
    let done = boss.submit(&path, &ack, &[("version", "1")]).await;
    assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.body);

    let rows = shares(&app, client).await;
    assert_eq!(rows.len(), 1, "{rows:?}");
    let s = &rows[0];
    assert_eq!(
        (
            s.recipient_kind.as_str(),
            s.recipient_name.as_str(),
            s.method.as_str()
        ),
        ("employer", "山田 課長", "portal")
    );
    assert_eq!(s.consent_id, Some(reports), "the consent that allows it");
    assert!(s.employer_contact_id.is_some() && s.client_account_id.is_none());
    assert_eq!(s.acknowledged_on, Some(teichaku::clock::today()));
    let page = boss.get(&path).await;
    assert!(
        page.body.contains("山田 課長 さまが確認済み"),
        "{}",
        page.body
    );
    // Not a share with the client: the month still needs the client's.
    assert_eq!(
        month_status(&app, client, month).await,
        ReportStatus::SharedWithOthersOnly
    );
    assert_eq!(
        claim_report_state(&app, office, client, month).await.0,
        ReportState::Final
    );
    // Staff see who confirmed and when, on the page and the print.
    assert!(
        app.get(&staff_path)
            .await
            .body
            .contains("企業担当者 山田 課長 が確認 ")
    );
    assert!(
        app.get(&format!("{staff_path}/print"))
            .await
            .body
            .contains("企業担当者 山田 課長：オンラインで確認（")
    );
    let audit = ack_audit(&app).await;
    assert_eq!(audit.len(), 1);
    assert!(audit[0].0.starts_with("employer:") && audit[0].1.contains("online by the employer"));
    // Again: nothing new.
    assert_eq!(
        boss.submit(&path, &ack, &[("version", "1")]).await.status,
        StatusCode::SEE_OTHER
    );
    assert_eq!(shares(&app, client).await.len(), 1);

    // Withdrawing the reports consent refuses the next request; withdrawing the last one
    // hides the client altogether.
    let csrf = boss.csrf("/employer").await;
    app.withdraw_consent(client, reports).await;
    assert_eq!(boss.get(&path).await.status, StatusCode::FORBIDDEN);
    let refused = boss
        .post_form(&ack, &[("_csrf", csrf.as_str()), ("version", "1")])
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    app.withdraw_consent(client, work).await;
    assert_eq!(boss.get(&list).await.status, StatusCode::NOT_FOUND);
    assert_eq!(shares(&app, client).await.len(), 1);
    assert_eq!(ack_audit(&app).await.len(), 1);
}

#[tokio::test]
async fn staff_cannot_record_a_portal_share_by_hand() {
    let app = spawn_app().await;
    let (_, _, client) = app.office_with_client().await;
    let path = final_report(&app, client, this_month(), "本文").await;
    let page = app
        .submit(
            &path,
            &format!("{path}/shares"),
            &[
                ("version", "1"),
                ("share_recipient", "client"),
                ("share_shared_on", &teichaku::clock::today().to_string()),
                ("share_method", "portal"),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.body.contains("id=\"e-share_method\""), "{}", page.body);
    assert!(
        page.body.contains("value=\"client\" checked"),
        "what was typed is kept"
    );
    assert!(shares(&app, client).await.is_empty());
}
