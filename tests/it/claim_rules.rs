//! Issue 19's claim rules on both engines, each a scenario that the code before the fix got
//! wrong: the 就労定着率 fixed for the fiscal year (domain.md §1.3), the job changes it counts
//! (§1.3), one office per person and month with 初期加算 once (§2.1, §7.2), the 地域区分 of
//! the claimed month (§6), this office's own 上限額管理結果 (§5), and a locked month shown as
//! locked with what a run now would change. The office and its seven clients of October 2026
//! come from `claims::office_month`.
use reqwest::StatusCode;
use teichaku::on_db;
use time::macros::{date, datetime};

use crate::claims::{MONTH, NOW, exec, office_month, row};
use crate::helpers::{TestApp, spawn_app};

fn claim_path(office: i64, month: &str) -> String {
    format!("/offices/{office}/claims?month={month}")
}

/// 江藤's cap is managed by another office: its 結果票 (result 2) lets the month be locked.
async fn settle_cap(app: &TestApp, office: i64, client: i64) {
    exec(app,
        "INSERT INTO cap_results (client_id, office_id, month, result, amount_yen, recorded_at) VALUES ($1, $2, $3, 2, 0, $4)",
        |b| b.i(client).i(office).s(MONTH).t(NOW)).await;
}

/// A new office has no 3 years of records: it claims with the rate it filed (9 / 10).
async fn file_rate(app: &TestApp, office: i64) {
    exec(
        app,
        "INSERT INTO retention_filings (office_id, fiscal_year, retained, served, note, filed_at)
         VALUES ($1, 2026, 9, 10, '', $2)",
        |b| b.i(office).t(NOW),
    )
    .await;
}

async fn lock(app: &TestApp, office: i64, month: &str, version: &str, reason: &str) -> u16 {
    app.submit(
        &claim_path(office, month),
        &format!("/offices/{office}/claims/lock"),
        &[
            ("month", month),
            ("version", version),
            ("claim_reason", reason),
            ("confirm", "yes"),
        ],
    )
    .await
    .status
    .as_u16()
}

/// Scenario 4 (domain.md §1.3, Q&A 2018-12-17): 加藤 left his job on 2025-06-20 and was at
/// work again from 2025-06-30, within a month. Judged on 2026-03-31 for fiscal year 2026:
/// only a 転職 to an ordinary employer keeps him a 就労定着者 (6 / 6 = 100%); dismissed, or
/// moved to an A型 office, he is not (5 / 6 = 83.3%, 8割以上9割未満 2,768 units).
#[tokio::test]
async fn retention_counts_only_a_change_to_ordinary_employment() {
    // (what, end reason, next job ordinary, rate shown, tier)
    let cases = [
        (
            "転職 to an ordinary employer",
            "job_change",
            true,
            "100.0%（6 / 6）",
            "9割5分以上",
        ),
        (
            "dismissed, then an A型 office",
            "dismissed",
            false,
            "83.3%（5 / 6）",
            "8割以上9割未満",
        ),
        (
            "転職, but to an A型 office",
            "job_change",
            false,
            "83.3%（5 / 6）",
            "8割以上9割未満",
        ),
        (
            "dismissed, then an ordinary employer",
            "dismissed",
            true,
            "83.3%（5 / 6）",
            "8割以上9割未満",
        ),
    ];
    for (what, reason, ordinary, shown, tier) in cases {
        let app = spawn_app().await;
        let (office, ids) = office_month(&app).await;
        let kato = ids[5];
        exec(
            &app,
            "UPDATE employments SET end_date = $1, end_reason = $2 WHERE client_id = $3",
            |b| b.d(date!(2025 - 06 - 20)).s(reason).i(kato),
        )
        .await;
        exec(&app,
            "INSERT INTO employments (client_id, employer_name, workplace_address, supervisor_name, supervisor_contact,
                                      job_title, weekly_minutes, ordinary_employment, hire_date, created_at, updated_at)
             VALUES ($1, '次の職場', '船橋市', '', '', '軽作業', 1800, $2, $3, $4, $4)",
            |b| b.i(kato).b(ordinary).d(date!(2025 - 06 - 30)).t(NOW)).await;
        let page = app
            .get(&format!("/offices/{office}/retention?fy=2026"))
            .await;
        assert_eq!(page.status, StatusCode::OK, "{what}");
        assert!(page.body.contains(shown), "{what}: {shown}");
        let claim = app.get(&claim_path(office, MONTH)).await;
        assert!(claim.body.contains(tier), "{what}: {tier}");
        if !ordinary || reason != "job_change" {
            assert!(
                page.body.contains("転職ではない離職"),
                "{what}: the reason is shown"
            );
        }
    }
}

/// Scenario 3 (domain.md §1.3: the tier is fixed for the fiscal year): October 2026 is the
/// first month of fiscal year 2026 to be locked, at 6 / 6 (9割5分以上). 加藤's employment is
/// then corrected (he left on 2026-02-15): the records now say 5 / 6, but November keeps
/// 9割5分以上 and shows the correction as a difference to review, with 加藤 named.
#[tokio::test]
async fn the_rate_is_fixed_for_the_fiscal_year_at_its_first_lock() {
    let app = spawn_app().await;
    let (office, ids) = office_month(&app).await;
    settle_cap(&app, office, ids[3]).await;
    assert_eq!(lock(&app, office, MONTH, "0", "").await, 303);
    let frozen: Vec<(i64, i64, i64, String)> = on_db!(&app.state.db, pool => sqlx::query_as(
        "SELECT fiscal_year, retained, served, month FROM retention_frozen WHERE office_id = $1")
        .bind(office).fetch_all(pool).await)
    .expect("frozen");
    assert_eq!(frozen, vec![(2026, 6, 6, MONTH.to_string())]);
    let evidence: String = on_db!(&app.state.db, pool => sqlx::query_scalar(
        "SELECT evidence FROM retention_frozen WHERE office_id = $1")
        .bind(office).fetch_one(pool).await)
    .expect("evidence");
    assert!(evidence.contains("加藤 六郎"), "{evidence}");
    assert_eq!(app.audit_rows("claims.rate_freeze").await.len(), 1);

    exec(
        &app,
        "UPDATE employments SET end_date = $1, end_reason = 'resigned' WHERE client_id = $2",
        |b| b.d(date!(2026 - 02 - 15)).i(ids[5]),
    )
    .await;
    let november = app.get(&claim_path(office, "2026-11")).await;
    assert_eq!(november.status, StatusCode::OK);
    assert!(november.body.contains("9割5分以上"), "the year's tier");
    assert!(!november.body.contains("8割以上9割未満"));
    assert!(november.body.contains("id=\"rate-frozen\""));
    let differ = &november.body[november
        .body
        .find("id=\"rate-records-differ\"")
        .expect("the correction is shown")..];
    assert!(differ.contains("83.3%（5 / 6）"));

    // The retention page names the client to review; the rate in force stays 6 / 6.
    let page = app
        .get(&format!("/offices/{office}/retention?fy=2026"))
        .await;
    let in_force = &page.body[page.body.find("id=\"rate-in-force\"").expect("rate")..];
    assert!(in_force.starts_with("id=\"rate-in-force\">100.0%（6 / 6）"));
    let review = &page.body[page.body.find("id=\"rate-review\"").expect("review")..];
    assert!(review.contains(&format!("id=\"rate-review-{}\"", ids[5])));
    assert!(review.contains("加藤 六郎") && review.contains("離職"));

    // The locked October is unchanged by the correction (nothing else changed either).
    let october = app.get(&claim_path(office, MONTH)).await;
    assert!(october.body.contains("最新の確定版と同じ内容です"));
    // A later lock does not freeze the year again.
    assert_eq!(lock(&app, office, "2026-11", "0", "").await, 303);
    assert_eq!(app.count("retention_frozen").await, 1);
}

/// A filed rate (体制届) is used as it is; nothing is frozen.
#[tokio::test]
async fn a_filed_rate_is_not_frozen() {
    let app = spawn_app().await;
    let (office, ids) = office_month(&app).await;
    settle_cap(&app, office, ids[3]).await;
    let ok = app
        .submit(
            &format!("/offices/{office}/retention?fy=2026"),
            &format!("/offices/{office}/retention"),
            &[
                ("fy", "2026"),
                ("retained", "9"),
                ("served", "10"),
                ("note", ""),
                ("confirm", "yes"),
            ],
        )
        .await;
    assert_eq!(ok.status, StatusCode::SEE_OTHER);
    assert_eq!(lock(&app, office, MONTH, "0", "").await, 303);
    assert_eq!(app.count("retention_frozen").await, 0);
}

/// A locked month stays exactly as locked: 井上 had only a phone call in October when it was
/// locked; a face-to-face contact recorded afterwards does not change the locked claim, it
/// is shown as what a run now would change, and why.
#[tokio::test]
async fn a_locked_month_is_shown_as_locked_with_the_differences_of_a_run_now() {
    let app = spawn_app().await;
    let (office, ids) = office_month(&app).await;
    settle_cap(&app, office, ids[3]).await;
    assert_eq!(lock(&app, office, MONTH, "0", "").await, 303);
    exec(&app,
        "INSERT INTO contacts (client_id, office_id, occurred_at, mode, participants, created_at, updated_at)
         VALUES ($1, $2, $3, 'face_to_face', 'client', $3, $3)",
        |b| b.i(ids[1]).i(office).t(datetime!(2026-10-28 01:00 UTC))).await;
    let page = app.get(&claim_path(office, MONTH)).await;
    assert!(page.body.contains("id=\"claim-locked\""));
    // The table is the locked claim: 井上 is still not claimable there.
    let r = row(&page.body, ids[1]);
    assert!(
        r.contains("class=\"ng\"") && r.contains("対面での支援がありません"),
        "{r}"
    );
    // If run now: 井上 would be claimed, because the face-to-face contact is now there.
    let diff = &page.body[page.body.find("id=\"claim-differences\"").expect("diff")..];
    let d = &diff[diff
        .find(&format!("id=\"claim-diff-{}\"", ids[1]))
        .expect("井上's difference")..];
    let d = &d[..d.find("</tr>").expect("end")];
    assert!(d.contains("算定できません"), "locked: {d}");
    assert!(d.contains("3512単位"), "now: {d}");
    assert!(
        d.contains("解消：") && d.contains("対面での支援がありません"),
        "why: {d}"
    );
    // Only 井上 differs.
    assert_eq!(diff.matches("id=\"claim-diff-").count(), 1);
    // A new version takes the run now; the page then shows it.
    assert_eq!(lock(&app, office, MONTH, "1", "記録の追加").await, 303);
    let page = app.get(&claim_path(office, MONTH)).await;
    assert!(!page.body.contains("id=\"claim-differences\""));
    assert!(row(&page.body, ids[1]).contains("class=\"ok\""));
}

/// Scenario 8 (domain.md §5, docs/claims.md): 青木's 受給者証 names this office as the
/// 上限額管理事業所 and no result is entered for October: locking is refused with the reason
/// and a link to the form that enters it; once entered, the lock goes through with the
/// 上限額管理加算 150.
#[tokio::test]
async fn locking_needs_this_offices_own_cap_result() {
    let app = spawn_app().await;
    let (office, ids) = office_month(&app).await;
    settle_cap(&app, office, ids[3]).await;
    exec(
        &app,
        "UPDATE certificates SET cap_manager_office = '1212345678' WHERE client_id = $1",
        |b| b.i(ids[0]),
    )
    .await;
    let token = app.csrf(&claim_path(office, MONTH)).await;
    let refused = app
        .post_form(
            &format!("/offices/{office}/claims/lock"),
            &[
                ("_csrf", &token),
                ("month", MONTH),
                ("version", "0"),
                ("claim_reason", ""),
            ],
        )
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    let blocked = &refused.body[refused.body.find("id=\"cap-blocked\"").expect("list")..];
    let blocked = &blocked[..blocked.find("</div>").expect("end")];
    assert!(blocked.contains("青木 一郎"), "{blocked}");
    assert!(
        blocked.contains("この事業所が上限額管理事業所です"),
        "{blocked}"
    );
    assert!(blocked.contains(&format!(
        "href=\"/offices/{office}/claims/cap/{}?month={MONTH}\"",
        ids[0]
    )));
    assert_eq!(app.count("claims").await, 0);

    exec(&app,
        "INSERT INTO cap_results (client_id, office_id, month, result, amount_yen, recorded_at) VALUES ($1, $2, $3, 2, 0, $4)",
        |b| b.i(ids[0]).i(office).s(MONTH).t(NOW)).await;
    assert_eq!(lock(&app, office, MONTH, "0", "").await, 303);
    let page = app.get(&claim_path(office, MONTH)).await;
    assert!(row(&page.body, ids[0]).contains("利用者負担上限額管理加算 150"));
}

/// Scenario 7 (domain.md §6: the grade is the office's, and the unit price follows it): the
/// office was 3級地 (11.05円) and becomes 1級地 (11.40円) from 2026-11-01. A 月遅れ claim for
/// October keeps 3級地 and 11.05円: 青木 4,091 units × 11.05 = 45,205円; November uses
/// 11.40円.
#[tokio::test]
async fn a_month_uses_the_area_grade_in_force_then() {
    let app = spawn_app().await;
    let (office, ids) = office_month(&app).await;
    let path = format!("/offices/{office}/claim-settings");
    let bad = app
        .submit(
            &path,
            &format!("{path}/area-grade"),
            &[("area_grade", "1"), ("grade_from", "2026-11-31")],
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.body.contains("id=\"e-grade_from\""), "{}", bad.body);
    let ok = app
        .submit(
            &path,
            &format!("{path}/area-grade"),
            &[("area_grade", "1"), ("grade_from", "2026-11-01")],
        )
        .await;
    assert_eq!(ok.status, StatusCode::SEE_OTHER, "{}", ok.body);
    let grades: Vec<(String, String, Option<String>)> =
        on_db!(&app.state.db, pool => sqlx::query_as(
        "SELECT area_grade, CAST(valid_from AS TEXT), CAST(valid_to AS TEXT) FROM office_area_grades
         WHERE office_id = $1 ORDER BY valid_from")
        .bind(office).fetch_all(pool).await)
        .expect("grades");
    assert_eq!(
        grades,
        vec![
            (
                "3".to_string(),
                "2000-01-01".to_string(),
                Some("2026-10-31".to_string())
            ),
            ("1".to_string(), "2026-11-01".to_string(), None),
        ]
    );
    let settings = app.get(&path).await;
    assert!(settings.body.contains("id=\"grade-history\""));

    let october = app.get(&claim_path(office, MONTH)).await;
    assert!(october.body.contains("11.05円"), "3級地 in October");
    assert!(october.body.contains("3級地"));
    let r = row(&october.body, ids[0]);
    assert_eq!(crate::claims::numbers(&r)[..2], [4091, 45_205], "{r}");
    let november = app.get(&claim_path(office, "2026-11")).await;
    assert!(november.body.contains("11.40円"), "1級地 from November");

    // A change must come after the newest one.
    let early = app
        .submit(
            &path,
            &format!("{path}/area-grade"),
            &[("area_grade", "2"), ("grade_from", "2026-10-01")],
        )
        .await;
    assert_eq!(early.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        early
            .body
            .contains("今の地域区分の適用開始日より後の日にしてください")
    );
}

/// Scenario 5 (domain.md §2.1 初期加算 once per user; §7.2 one J121 per user and month):
/// 木村 started at 西船橋 on 2026-10-01 (初期加算 900 in October) and moves to 市川 from
/// 2026-10-16, with a contract there from that day and a face-to-face contact on 10-20.
/// October belongs to both offices: 西船橋 locks it first, so 市川 cannot claim it for the
/// same 受給者証; 市川 gets no 初期加算 for the same person.
#[tokio::test]
async fn a_client_moves_office_and_a_month_is_claimed_once() {
    let app = spawn_app().await;
    let (nishi, ids) = office_month(&app).await;
    let kimura = ids[6];
    let ichikawa = app.create_office("市川").await;
    exec(
        &app,
        "UPDATE offices SET office_number = '1212345679', area_grade = '3' WHERE id = $1",
        |b| b.i(ichikawa),
    )
    .await;
    file_rate(&app, ichikawa).await;
    let move_path = format!("/clients/{kimura}/move");

    // Supporters may not move clients.
    let sato = app.signed_in_as("sato").await;
    assert_eq!(sato.get(&move_path).await.status, StatusCode::FORBIDDEN);

    // Bad input: field messages, 422.
    let nishi_id = nishi.to_string();
    let ichikawa_id = ichikawa.to_string();
    // (what, office, date, field, message)
    let bad = [
        (
            "no office",
            "",
            "2026-10-16",
            "to_office",
            "一覧から選んでください",
        ),
        (
            "the same office",
            nishi_id.as_str(),
            "2026-10-16",
            "to_office",
            "今の事業所とは別の事業所を選んでください",
        ),
        (
            "not a date",
            ichikawa_id.as_str(),
            "2026-10-32",
            "moved_on",
            "日付",
        ),
    ];
    for (what, to, on, field, message) in bad {
        let page = app
            .submit(
                &move_path,
                &move_path,
                &[("to_office", to), ("moved_on", on), ("move_note", "")],
            )
            .await;
        assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY, "{what}");
        assert!(page.body.contains(&format!("id=\"e-{field}\"")), "{what}");
        assert!(page.body.contains(message), "{what}: {}", page.body);
    }
    // In English too.
    app.get(&format!("/lang/en?next={move_path}")).await;
    let english = app
        .submit(
            &move_path,
            &move_path,
            &[("to_office", &nishi_id), ("moved_on", "2026-10-16")],
        )
        .await;
    assert_eq!(english.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        english
            .body
            .contains("Choose an office other than the current one.")
    );
    assert!(english.body.contains("Office moved to"));
    app.get(&format!("/lang/ja?next={move_path}")).await;

    let moved = app
        .submit(
            &move_path,
            &move_path,
            &[
                ("to_office", &ichikawa_id),
                ("moved_on", "2026-10-16"),
                ("move_note", "転居のため"),
            ],
        )
        .await;
    assert_eq!(moved.status, StatusCode::SEE_OTHER, "{}", moved.body);
    let office_now: i64 = on_db!(&app.state.db, pool => sqlx::query_scalar(
        "SELECT office_id FROM clients WHERE id = $1").bind(kimura).fetch_one(pool).await)
    .expect("office");
    assert_eq!(office_now, ichikawa);
    assert_eq!(app.audit_rows("client.move").await.len(), 1);
    let history = app.get(&move_path).await;
    let h = &history.body[history.body.find("id=\"move-history\"").expect("history")..];
    assert!(h.contains("2026-10-16") && h.contains("西船橋") && h.contains("市川"));
    assert!(h.contains("転居のため"));
    // A second move must come after the first.
    let again = app
        .submit(
            &move_path,
            &move_path,
            &[("to_office", &nishi_id), ("moved_on", "2026-10-10")],
        )
        .await;
    assert_eq!(again.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(again.body.contains("前回の移動日より後の日にしてください"));

    // 市川: a contract from the move, and a face-to-face contact on 10-20.
    exec(&app,
        "INSERT INTO contracts (client_id, office_id, contract_date, start_date, end_date, created_at)
         VALUES ($1, $2, $3, $3, $4, $5)",
        |b| b.i(kimura).i(ichikawa).d(date!(2026 - 10 - 16)).d(date!(2028 - 12 - 31)).t(NOW)).await;
    exec(&app,
        "INSERT INTO contacts (client_id, office_id, occurred_at, mode, participants, created_at, updated_at)
         VALUES ($1, $2, $3, 'face_to_face', 'client', $3, $3)",
        |b| b.i(kimura).i(ichikawa).t(datetime!(2026-10-20 01:00 UTC))).await;

    // 西船橋's October still has 木村 (served until 10-15), with 初期加算.
    let nishi_oct = app.get(&claim_path(nishi, MONTH)).await;
    let r = row(&nishi_oct.body, kimura);
    assert!(
        r.contains("class=\"ok\"") && r.contains("初期加算 900"),
        "{r}"
    );
    // 市川's October: claimable before 西船橋 locks, but without 初期加算 (once per person).
    let ichi_oct = app.get(&claim_path(ichikawa, MONTH)).await;
    let r = row(&ichi_oct.body, kimura);
    assert!(r.contains("class=\"ok\""), "{r}");
    assert!(!r.contains("初期加算"), "{r}");

    // 西船橋 locks October: 市川 can no longer claim it for the same 受給者証.
    settle_cap(&app, nishi, ids[3]).await;
    assert_eq!(lock(&app, nishi, MONTH, "0", "").await, 303);
    let ichi_oct = app.get(&claim_path(ichikawa, MONTH)).await;
    let r = row(&ichi_oct.body, kimura);
    assert!(r.contains("class=\"ng\""), "{r}");
    assert!(
        r.contains("ほかの事業所が請求済みです") && r.contains("西船橋"),
        "{r}"
    );
    assert_eq!(crate::claims::numbers(&r)[..3], [0, 0, 0], "{r}");
    assert_eq!(lock(&app, ichikawa, MONTH, "0", "").await, 303);
    let locked: (i64, i64) = on_db!(&app.state.db, pool => sqlx::query_as(
        "SELECT clients, claimed_yen FROM claims WHERE office_id = $1").bind(ichikawa).fetch_one(pool).await)
    .expect("市川's claim");
    assert_eq!(locked, (0, 0));
    // November is 市川's alone; 西船橋's November no longer lists 木村.
    let nishi_nov = app.get(&claim_path(nishi, "2026-11")).await;
    assert!(
        !nishi_nov
            .body
            .contains(&format!("id=\"claim-client-{kimura}\""))
    );
    let ichi_nov = app.get(&claim_path(ichikawa, "2026-11")).await;
    assert!(
        ichi_nov
            .body
            .contains(&format!("id=\"claim-client-{kimura}\""))
    );
}

/// Scenario 5, a person registered twice before moves were possible: a second client record
/// at 市川 with the same 受給者証 number does not get 初期加算 again.
#[tokio::test]
async fn initial_addition_once_for_a_person_registered_twice() {
    let app = spawn_app().await;
    let (nishi, ids) = office_month(&app).await;
    let ichikawa = app.create_office("市川").await;
    file_rate(&app, ichikawa).await;
    let tanaka = app.create_staff("tanaka", ichikawa, "supporter").await;
    let twin = app
        .register_client(ichikawa, "木村 七子", "きむら ななこ", tanaka)
        .await;
    let number: String = on_db!(&app.state.db, pool => sqlx::query_scalar(
        "SELECT number FROM certificates WHERE client_id = $1").bind(ids[6]).fetch_one(pool).await)
    .expect("number");
    exec(&app,
        "INSERT INTO employments (client_id, employer_name, workplace_address, supervisor_name, supervisor_contact,
                                  job_title, weekly_minutes, ordinary_employment, hire_date, created_at, updated_at)
         VALUES ($1, '株式会社みどり物流', '市川市', '', '', '軽作業', 1800, TRUE, $2, $3, $3)",
        |b| b.i(twin).d(date!(2026 - 03 - 01)).t(NOW)).await;
    exec(&app,
        "INSERT INTO certificates (client_id, number, municipality_code, municipality_name, income_category,
                                   monthly_cap_yen, cap_manager_office, created_at, updated_at)
         VALUES ($1, $2, '122044', '船橋市', 'general1', 9300, '', $3, $3)",
        |b| b.i(twin).s(&number).t(NOW)).await;
    exec(
        &app,
        "INSERT INTO certificate_periods (certificate_id, start_date, end_date, created_at)
         SELECT id, $2, $3, $4 FROM certificates WHERE client_id = $1",
        |b| {
            b.i(twin)
                .d(date!(2026 - 10 - 01))
                .d(date!(2027 - 03 - 31))
                .t(NOW)
        },
    )
    .await;
    exec(&app,
        "INSERT INTO contracts (client_id, office_id, contract_date, start_date, end_date, created_at)
         VALUES ($1, $2, $3, $3, $4, $5)",
        |b| b.i(twin).i(ichikawa).d(date!(2026 - 11 - 01)).d(date!(2028 - 12 - 31)).t(NOW)).await;
    exec(&app,
        "INSERT INTO contacts (client_id, office_id, occurred_at, mode, participants, created_at, updated_at)
         VALUES ($1, $2, $3, 'face_to_face', 'client', $3, $3)",
        |b| b.i(twin).i(ichikawa).t(datetime!(2026-11-10 01:00 UTC))).await;
    exec(&app,
        "INSERT INTO support_reports (client_id, month, version, status, body, finalised_at, created_at, updated_at)
         VALUES ($1, '2026-11', 1, 'final', '報告', $2, $2, $2)",
        |b| b.i(twin).t(NOW)).await;
    exec(&app,
        "INSERT INTO report_shares (report_id, recipient_kind, recipient_name, shared_on, method, created_at)
         SELECT id, 'client', '本人', $2, 'in_person', $3 FROM support_reports WHERE client_id = $1",
        |b| b.i(twin).d(date!(2026 - 11 - 30)).t(NOW)).await;
    let page = app.get(&claim_path(ichikawa, "2026-11")).await;
    let r = row(&page.body, twin);
    assert!(r.contains("class=\"ok\""), "{r}");
    assert!(!r.contains("初期加算"), "{r}");
    // 西船橋's October, the person's first month, keeps it.
    let first = app.get(&claim_path(nishi, MONTH)).await;
    assert!(row(&first.body, ids[6]).contains("初期加算 900"));
}
