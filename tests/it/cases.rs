//! Past cases across the organisation and the early warning (issue 14), over HTTP on both
//! engines: a resolved concern becomes an anonymised case; a shared office's cases are
//! found by meaning from another office and a non-sharing office's never are; a second
//! node on the same database finds a case resolved on the first; bad queries get a message;
//! the contact form's "似た事例を見る" step; 役に立った; the warning list with its reasons,
//! the dismissal and the thresholds. Every search and open is audited.
use reqwest::StatusCode;

use crate::helpers::{TestApp, spawn_app};

fn today() -> String {
    teichaku::clock::today().to_string()
}

/// Records a contact for the client with one concern and resolves it; returns the concern.
async fn resolved_case(
    app: &TestApp,
    client: i64,
    heard: &str,
    category: &str,
    note: &str,
    resolution: &str,
) -> i64 {
    let day = today();
    let page = app
        .submit(
            &format!("/clients/{client}/contacts/new"),
            &format!("/clients/{client}/contacts"),
            &[
                ("contact_date", &day),
                ("contact_time", "10:00"),
                ("mode", "face_to_face"),
                ("participants", "client"),
                ("heard", heard),
                ("concern_category_1", category),
                ("concern_note_1", note),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    let concern: i64 = teichaku::on_db!(&app.state.db, pool => sqlx::query_scalar(
        "SELECT MAX(id) FROM concerns WHERE client_id = $1").bind(client).fetch_one(pool).await)
    .expect("concern");
    let page = app
        .submit(
            &format!("/clients/{client}/contacts"),
            &format!("/clients/{client}/concerns/{concern}/resolve"),
            &[("resolution", resolution)],
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    concern
}

fn enc(q: &str) -> String {
    q.bytes().map(|b| format!("%{b:02X}")).collect()
}

async fn case_id(app: &TestApp, concern: i64) -> i64 {
    teichaku::on_db!(&app.state.db, pool => sqlx::query_scalar(
        "SELECT id FROM cases WHERE concern_id = $1").bind(concern).fetch_one(pool).await)
    .expect("case")
}

#[tokio::test]
async fn shared_cases_are_found_by_meaning_without_names_and_on_every_node() {
    let app = spawn_app().await;
    app.signed_in_admin().await;
    let a = app.create_office("西船橋").await;
    let b = app.create_office("青森").await;
    let c = app.create_office("秋田").await;
    let sup_a = app.create_staff("sup.a", a, "supporter").await;
    let sup_b = app.create_staff("sup.b", b, "supporter").await;
    let sup_c = app.create_staff("sup.c", c, "supporter").await;
    let client_a = app
        .register_client(a, "山田 花子", "やまだ はなこ", sup_a)
        .await;
    let client_b = app
        .register_client(b, "鈴木 一郎", "すずき いちろう", sup_b)
        .await;
    let client_c = app
        .register_client(c, "高橋 次郎", "たかはし じろう", sup_c)
        .await;
    // Office B's case, written with names, a phone number, a company and a date.
    let concern_b = resolved_case(
        &app,
        client_b,
        "鈴木さんは朝起きられず遅刻が続いた。株式会社アオバ物流の田中課長から注意。090-1234-5678",
        "lateness_absence",
        "遅刻が3回",
        "鈴木一郎さんと相談し、目覚ましを２つにして就寝を23時に決めた（2026年4月1日から）",
    )
    .await;
    // Office C does not share: its case is never shown to another office.
    resolved_case(
        &app,
        client_c,
        "遅刻が増えた",
        "lateness_absence",
        "遅刻",
        "秋田の内緒の解決策",
    )
    .await;
    let stored: (String, String) = teichaku::on_db!(&app.state.db, pool => sqlx::query_as(
        "SELECT heard, resolution FROM cases WHERE concern_id = $1").bind(concern_b).fetch_one(pool).await)
    .expect("case");
    for leak in ["鈴木", "一郎", "アオバ", "田中", "090", "2026", "23"] {
        assert!(
            !stored.0.contains(leak) && !stored.1.contains(leak),
            "{leak} in {stored:?}"
        );
    }
    let page_a = app.signed_in_as("sup.a").await;
    let search = |q: &str| format!("/offices/{a}/cases?q={}", enc(q));
    // Not shared yet: office A finds nothing of B's.
    let before = page_a.get(&search("寝坊")).await;
    assert_eq!(before.status, StatusCode::OK);
    assert!(!before.body.contains("目覚まし"), "B does not share yet");
    // The administrator shares office B's cases.
    let b_id = b.to_string();
    let shared = app
        .submit(
            "/admin/case-sharing",
            "/admin/case-sharing",
            &[("share", &b_id)],
        )
        .await;
    assert_eq!(shared.status, StatusCode::SEE_OTHER, "{}", shared.body);
    assert_eq!(app.audit_rows("case.sharing_update").await.len(), 1);
    // 寝坊 finds B's 遅刻 case through the thesaurus; no name, number or C's case.
    for q in ["寝坊", "遅刻", "ﾁｺｸ 目覚まし", "目覚まし"] {
        let page = page_a.get(&search(q)).await;
        assert!(page.body.contains("目覚まし"), "{q}: {}", page.body);
        for leak in ["鈴木", "一郎", "内緒", "アオバ", "田中"] {
            assert!(!page.body.contains(leak), "{q}: {leak} shown");
        }
    }
    // Office C (not sharing itself) still finds B's shared case, and its own.
    let page_c = app.signed_in_as("sup.c").await;
    let from_c = page_c
        .get(&format!("/offices/{c}/cases?q={}", enc("遅刻")))
        .await;
    assert!(from_c.body.contains("目覚まし") && from_c.body.contains("内緒"));
    // Opening and 役に立った, both audited; the open link carries no client id.
    let case_b = case_id(&app, concern_b).await;
    let opened = page_a
        .get(&format!("/offices/{a}/cases?open={case_b}"))
        .await;
    assert_eq!(opened.status, StatusCode::OK);
    assert!(opened.body.contains("他の事業所") && opened.body.contains("青森"));
    assert!(!opened.body.contains(&format!("/clients/{client_b}")));
    let helpful = page_a
        .submit(
            &format!("/offices/{a}/cases?open={case_b}"),
            &format!("/offices/{a}/cases/helpful"),
            &[("case", &case_b.to_string())],
        )
        .await;
    assert_eq!(helpful.status, StatusCode::SEE_OTHER);
    let again = page_a
        .submit(
            &format!("/offices/{a}/cases?open={case_b}"),
            &format!("/offices/{a}/cases/helpful"),
            &[("case", &case_b.to_string())],
        )
        .await;
    assert_eq!(again.status, StatusCode::SEE_OTHER);
    assert_eq!(app.count("case_helpful").await, 1, "once per person");
    assert_eq!(app.audit_rows("case.helpful").await.len(), 1);
    assert!(!app.audit_rows("case.open").await.is_empty());
    assert!(app.audit_rows("case.search").await.len() >= 6);
    // A case of an office that does not share cannot be opened or noted from office A.
    let concern_c: i64 = teichaku::on_db!(&app.state.db, pool => sqlx::query_scalar(
        "SELECT id FROM concerns WHERE client_id = $1").bind(client_c).fetch_one(pool).await)
    .expect("c");
    let case_c = case_id(&app, concern_c).await;
    let hidden = page_a
        .get(&format!("/offices/{a}/cases?open={case_c}"))
        .await;
    assert_eq!(hidden.status, StatusCode::NOT_FOUND);
    // A second node on the same database finds a case resolved on the first after its
    // index was built.
    let node2 = app.another_node(|_| {}).await;
    let page_a2 = node2.signed_in_as("sup.a").await;
    let first = page_a2.get(&search("服薬")).await;
    assert!(!first.body.contains("お薬カレンダー"));
    resolved_case(
        &app,
        client_b,
        "薬を飲み忘れる",
        "medication",
        "飲み忘れ",
        "お薬カレンダーを使う",
    )
    .await;
    let fresh = page_a2.get(&search("薬を飲み忘れ")).await;
    assert!(fresh.body.contains("お薬カレンダー"), "{}", fresh.body);
    // Bad input: too long, symbols only, empty; never a 5xx, a message in Japanese.
    let long = "遅".repeat(201);
    let too_long = page_a.get(&search(&long)).await;
    assert_eq!(too_long.status, StatusCode::OK);
    assert!(too_long.body.contains("200文字以内"));
    let symbols = page_a.get(&search("！？＠＠")).await;
    assert!(symbols.body.contains("記号だけでは探せません"));
    let empty = page_a.get(&format!("/offices/{a}/cases?q=")).await;
    assert_eq!(empty.status, StatusCode::OK);
    // Office B stops sharing: office A no longer sees its cases.
    let unshared = app
        .submit("/admin/case-sharing", "/admin/case-sharing", &[])
        .await;
    assert_eq!(unshared.status, StatusCode::SEE_OTHER);
    let after = page_a.get(&search("遅刻")).await;
    assert!(!after.body.contains("目覚まし"));
    assert_eq!(
        page_a
            .get(&format!("/offices/{a}/cases?open={case_b}"))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    // The contact form's step: the form again as typed with its own office's cases;
    // nothing saved.
    resolved_case(
        &app,
        client_a,
        "朝起きられない",
        "sleep_rhythm",
        "遅刻しそう",
        "光目覚ましを試した",
    )
    .await;
    let contacts = app.count("contacts").await;
    let step = page_a
        .submit(
            &format!("/clients/{client_a}/contacts/new"),
            &format!("/clients/{client_a}/contacts/similar"),
            &[
                ("heard", "寝坊が続いている"),
                ("concern_category_1", "sleep_rhythm"),
                ("concern_note_1", "寝坊"),
            ],
        )
        .await;
    assert_eq!(step.status, StatusCode::OK, "{}", step.body);
    assert!(step.body.contains("光目覚まし"), "{}", step.body);
    assert!(
        step.body.contains("寝坊が続いている"),
        "what was typed is kept"
    );
    assert_eq!(app.count("contacts").await, contacts, "nothing saved");
}

#[tokio::test]
async fn warnings_with_reasons_dismissal_and_thresholds() {
    let app = spawn_app().await;
    app.signed_in_admin().await;
    let office = app.create_office("西船橋").await;
    let sato = app.create_staff("sato", office, "supporter").await;
    app.create_staff("kato", office, "supporter").await;
    app.create_staff("boss", office, "manager").await;
    let client = app
        .register_client(office, "山田 花子", "やまだ はなこ", sato)
        .await;
    let hire = (teichaku::clock::today() - time::Duration::days(40)).to_string();
    let page = app
        .submit(
            &format!("/clients/{client}/employments/new"),
            &format!("/clients/{client}/employments"),
            &[
                ("employer_name", "株式会社みどり物流"),
                ("workplace_address", "船橋市本町0-0"),
                ("supervisor_name", "物流 課長"),
                ("job_title", "倉庫内軽作業"),
                ("weekly_hours", "30"),
                ("ordinary_employment", "yes"),
                ("hire_date", &hire),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    // Two attendance concerns in one hearing, the second more serious.
    let day = today();
    let page = app
        .submit(
            &format!("/clients/{client}/contacts/new"),
            &format!("/clients/{client}/contacts"),
            &[
                ("contact_date", &day),
                ("contact_time", "10:00"),
                ("mode", "face_to_face"),
                ("participants", "client"),
                ("heard", "始業に遅れることが増えた"),
                ("concern_category_1", "lateness_absence"),
                ("concern_severity_1", "1"),
                ("concern_category_2", "lateness_absence"),
                ("concern_severity_2", "3"),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    let sato_b = app.signed_in_as("sato").await;
    let home = sato_b.get("/").await;
    for text in [
        "気になる利用者",
        "山田 花子",
        "遅刻・欠勤の困りごとが60日間に2回",
        "深刻さが上がった",
        "就職2か月目",
    ] {
        assert!(home.body.contains(text), "{text}: {}", home.body);
    }
    // The manager sees the office's clients; another supporter not in charge does not.
    let boss = app.signed_in_as("boss").await;
    assert!(boss.get("/").await.body.contains("気になる利用者"));
    let kato = app.signed_in_as("kato").await;
    assert!(!kato.get("/").await.body.contains("気になる利用者"));
    // Dismissing needs a sign and a reason; it records who and why.
    let path = format!("/clients/{client}/warnings");
    let dismiss = format!("/clients/{client}/warnings/dismiss");
    let missing = sato_b
        .submit(&path, &dismiss, &[("signal", "rising_attendance")])
        .await;
    assert_eq!(missing.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(missing.body.contains("入力してください"));
    let unknown = sato_b
        .submit(&path, &dismiss, &[("signal", "score"), ("reason", "x")])
        .await;
    assert_eq!(unknown.status, StatusCode::UNPROCESSABLE_ENTITY);
    for signal in ["repeating_attendance", "rising_attendance"] {
        let ok = sato_b
            .submit(
                &path,
                &dismiss,
                &[("signal", signal), ("reason", "電車の遅延が原因と確認済み")],
            )
            .await;
        assert_eq!(ok.status, StatusCode::SEE_OTHER, "{}", ok.body);
    }
    let page = sato_b.get(&path).await;
    assert!(page.body.contains("電車の遅延が原因と確認済み") && page.body.contains("sato"));
    assert!(page.body.contains("見送り中"));
    assert_eq!(app.audit_rows("warning.dismiss").await.len(), 2);
    let home = sato_b.get("/").await;
    assert!(
        !home.body.contains("気になる利用者"),
        "dismissed signs leave; early tenure alone is no sign"
    );
    // Thresholds: the manager's; a bad value is a field message; supporters may not.
    let settings = format!("/offices/{office}/warnings");
    assert_eq!(sato_b.get(&settings).await.status, StatusCode::FORBIDDEN);
    let bad = boss
        .submit(
            &settings,
            &settings,
            &[
                ("no_contact_weeks", "0"),
                ("repeat_count", "2"),
                ("repeat_days", "60"),
                ("early_months", "3"),
                ("employer_weeks", "2"),
            ],
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.body.contains("入力できる範囲を超えています"));
    let good = boss
        .submit(
            &settings,
            &settings,
            &[
                ("no_contact_weeks", "6"),
                ("repeat_count", "3"),
                ("repeat_days", "90"),
                ("early_months", "3"),
                ("employer_weeks", "2"),
            ],
        )
        .await;
    assert_eq!(good.status, StatusCode::SEE_OTHER);
    assert!(boss.get(&settings).await.body.contains("value=\"90\""));
    assert_eq!(app.audit_rows("warning.settings_update").await.len(), 1);
}
