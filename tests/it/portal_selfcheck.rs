//! セルフチェック through the pages, on both engines: the client's daily check (one entry
//! per Japan day, field messages for a bad score or a long comment), the items the supporter
//! chooses, the trends as SVG with their numbers, the supporter's reply, the employer's view
//! under Health consent, and the supporter's home page lines.

use reqwest::StatusCode;
use teichaku::clock;
use teichaku::domain::selfcheck::{CheckInput, Score};
use teichaku::store;
use time::{Date, Duration};

use crate::helpers::{TestApp, spawn_app};

/// The supporter (as `app`) adds library items to the client's self-check, in order;
/// returns the items' ids.
async fn add_items(app: &TestApp, client: i64, codes: &[&str]) -> Vec<i64> {
    let page = format!("/clients/{client}/selfcheck");
    let action = format!("/clients/{client}/selfcheck/items");
    for code in codes {
        let op = format!("add:{code}");
        let res = app.submit(&page, &action, &[("op", op.as_str())]).await;
        assert_eq!(res.status, StatusCode::SEE_OTHER, "{code}: {}", res.body);
    }
    active_ids(app, client).await
}

async fn active_ids(app: &TestApp, client: i64) -> Vec<i64> {
    store::selfcheck::active_items(&app.state.db, client)
        .await
        .expect("items")
        .iter()
        .map(|i| i.id)
        .collect()
}

/// An entry of a past day, made through the store (the form only ever writes today).
async fn entry_on(app: &TestApp, client: i64, day: Date, scores: &[(i64, i64)], comment: &str) {
    let input = CheckInput {
        scores: scores
            .iter()
            .map(|(id, s)| (*id, Score::new(*s).expect("score")))
            .collect(),
        comment: comment.to_string(),
    };
    let mut tx = app.state.db.begin().await.expect("tx");
    store::selfcheck::save_entry(&mut tx, client, day, &input, clock::now())
        .await
        .expect("entry");
    tx.commit().await.expect("commit");
}

fn back(days: i64) -> Date {
    clock::today() - Duration::days(days)
}

fn short(d: Date) -> String {
    format!("{}/{}", u8::from(d.month()), d.day())
}

/// The client (`me`) sends today's check.
async fn send_check(me: &TestApp, form: &[(&str, &str)]) -> crate::helpers::Page {
    me.submit("/me/check?edit=1", "/me/check", form).await
}

async fn entries(app: &TestApp) -> i64 {
    app.count("selfcheck_entries").await
}

#[tokio::test]
async fn a_client_checks_in_on_several_days_and_sees_the_trend() {
    let app = spawn_app().await;
    let (_, sato, client) = app.office_with_client().await;
    let ids = add_items(&app, client, &["sleep", "mood"]).await;
    let (sleep, mood) = (ids[0], ids[1]);
    let me = app.as_client(client, sato).await;

    let form = me.get("/me/check").await;
    assert_eq!(form.status, StatusCode::OK, "{}", form.body);
    assert!(
        form.body.contains("<ruby>眠<rp>(</rp><rt>ねむ</rt>"),
        "the question with ふりがな"
    );
    assert!(form.body.contains(&format!("name=\"score_{sleep}\"")));
    assert!(form.body.contains(&format!("id=\"s{mood}-4\"")));
    assert!(form.body.contains("<fieldset"), "a radio group per item");

    let (s, m) = (format!("score_{sleep}"), format!("score_{mood}"));
    let sent = send_check(&me, &[(&s, "2"), (&m, "4"), ("comment", "")]).await;
    assert_eq!(sent.status, StatusCode::SEE_OTHER, "{}", sent.body);
    assert_eq!(sent.location(), "/me/check?sent=1");
    let thanks = me.get("/me/check?sent=1").await;
    assert!(thanks.body.contains("ありがとう"), "{}", thanks.body);
    assert!(
        thanks.body.contains("<strong>2 すこし よくない</strong>"),
        "today's answers shown: {}",
        thanks.body
    );
    assert!(
        !thanks.body.contains("name=\"comment\""),
        "no form after sending"
    );

    // Past days, with a missed day (3 days back) that shows as a gap.
    entry_on(&app, client, back(1), &[(sleep, 3), (mood, 3)], "").await;
    entry_on(&app, client, back(2), &[(sleep, 4), (mood, 3)], "").await;
    entry_on(&app, client, back(4), &[(sleep, 1), (mood, 2)], "").await;
    entry_on(&app, client, back(20), &[(sleep, 1), (mood, 1)], "").await;
    assert_eq!(entries(&app).await, 5);

    let trend = me.get("/me/check/trend").await;
    assert_eq!(trend.status, StatusCode::OK, "{}", trend.body);
    assert_eq!(trend.body.matches("<svg").count(), 2, "one chart per item");
    assert!(trend.body.contains("role=\"img\""));
    assert!(
        trend
            .body
            .contains(&format!("<title id=\"c{sleep}-t\">睡眠</title>"))
    );
    // Two weeks: 4 days with a score; the line breaks at the missed day.
    assert!(
        trend.body.contains("2週間（14日）のうち 4日 記録"),
        "{}",
        trend.body
    );
    let sleep_chart = &trend.body[trend.body.find(&format!("c{sleep}-t")).unwrap()..];
    let sleep_chart = &sleep_chart[..sleep_chart.find("</figure>").unwrap()];
    assert_eq!(
        sleep_chart.matches("<polyline").count(),
        1,
        "3 days in a row"
    );
    assert_eq!(sleep_chart.matches("<circle").count(), 4);
    // The numbers.
    for (day, score) in [
        (back(4), "1"),
        (back(2), "4"),
        (back(1), "3"),
        (back(0), "2"),
    ] {
        let row = format!("<tr><td>{}</td><td>{score} ", short(day));
        assert!(sleep_chart.contains(&row), "{row} in {sleep_chart}");
    }
    assert!(!sleep_chart.contains(&format!("<td>{}</td>", short(back(20)))));

    // Three months include the day 20 days back.
    let longer = me.get("/me/check/trend?range=3m").await;
    assert!(
        longer.body.contains("3か月（91日）のうち 5日 記録"),
        "{}",
        longer.body
    );
    assert!(
        longer
            .body
            .contains("href=\"/me/check/trend?range=3m\" aria-current=\"page\"")
    );
}

#[tokio::test]
async fn a_bad_score_or_a_long_comment_is_a_field_message_and_nothing_is_saved() {
    let app = spawn_app().await;
    let (_, sato, client) = app.office_with_client().await;
    let ids = add_items(&app, client, &["sleep", "meals"]).await;
    let me = app.as_client(client, sato).await;
    let (s, m) = (format!("score_{}", ids[0]), format!("score_{}", ids[1]));

    let res = send_check(&me, &[(&s, "5"), (&m, "3"), ("comment", "あさ ねぼうした")]).await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        res.body.contains("1 から 4 の どれかを えらんでください。"),
        "{}",
        res.body
    );
    assert!(res.body.contains("あさ ねぼうした"), "the comment is kept");
    assert!(
        res.body.contains(&format!(
            "id=\"s{}-3\" name=\"{m}\" value=\"3\" checked",
            ids[1]
        )),
        "the other item's choice is kept"
    );
    assert!(res.body.contains("aria-describedby=\"e-score_"));

    let res = send_check(&me, &[(&m, "3")]).await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        res.body.contains("ひとつ えらんでください。"),
        "a missing score"
    );

    let long = "あ".repeat(401);
    let res = send_check(&me, &[(&s, "1"), (&m, "2"), ("comment", &long)]).await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(res.body.contains("400 <ruby>文字"), "{}", res.body);
    assert!(res.body.contains(&long), "the comment is kept");
    assert_eq!(entries(&app).await, 0);
    assert!(app.audit_rows("selfcheck.entry").await.is_empty());
}

#[tokio::test]
async fn sending_again_the_same_day_updates_the_one_entry() {
    let app = spawn_app().await;
    let (_, sato, client) = app.office_with_client().await;
    let ids = add_items(&app, client, &["condition"]).await;
    let me = app.as_client(client, sato).await;
    let s = format!("score_{}", ids[0]);

    let first = send_check(&me, &[(&s, "1"), ("comment", "だるい")]).await;
    assert_eq!(first.status, StatusCode::SEE_OTHER);
    let again = send_check(&me, &[(&s, "3"), ("comment", "")]).await;
    assert_eq!(again.status, StatusCode::SEE_OTHER);

    assert_eq!(entries(&app).await, 1, "one entry per client per day");
    let today = clock::today();
    let scores = store::selfcheck::scores_between(&app.state.db, client, today, today)
        .await
        .expect("scores");
    assert_eq!(scores.len(), 1);
    assert_eq!(scores[0].score, 3, "the later answer replaces the first");
    let entry = store::selfcheck::entry_on(&app.state.db, client, today)
        .await
        .expect("entry")
        .expect("today's entry");
    assert_eq!(entry.comment, "");
    let audit = app.audit_rows("selfcheck.entry").await;
    assert_eq!(audit.len(), 2, "each sending is audited");
    assert!(audit[0].0.starts_with("client:"));
    // The edit form shows the day's answer.
    let form = me.get("/me/check?edit=1").await;
    assert!(
        form.body
            .contains(&format!("name=\"{s}\" value=\"3\" checked"))
    );
}

#[tokio::test]
async fn items_chosen_by_staff_appear_on_the_clients_form_and_removed_ones_stay_in_the_past() {
    let app = spawn_app().await;
    let (_, sato, client) = app.office_with_client().await;
    let me = app.as_client(client, sato).await;
    let empty = me.get("/me/check").await;
    assert!(empty.body.contains("まだ"), "no items yet: {}", empty.body);
    assert!(!empty.body.contains("name=\"comment\""));

    let ids = add_items(&app, client, &["commute", "reporting"]).await;
    let page = format!("/clients/{client}/selfcheck");
    let action = format!("/clients/{client}/selfcheck/items");
    let own = app
        .submit(&page, &action, &[("op", "add_own"), ("label", "朝の散歩")])
        .await;
    assert_eq!(own.status, StatusCode::SEE_OTHER, "{}", own.body);
    let too_long = "あ".repeat(31);
    let bad = app
        .submit(&page, &action, &[("op", "add_own"), ("label", &too_long)])
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.body.contains(&too_long), "typed words kept");

    let form = me.get("/me/check").await;
    assert!(form.body.contains("<ruby>通勤<rp>"), "{}", form.body);
    assert!(form.body.contains("<ruby>報告<rp>"));
    assert!(form.body.contains("朝の散歩"));
    let commute = form.body.find("通勤").unwrap();
    let reporting = form.body.find("報告").unwrap();
    assert!(commute < reporting, "in the order chosen");

    // Moved, then the commute removed: gone from the form, kept in the past.
    let moved = app
        .submit(&page, &action, &[("op", &format!("up:{}", ids[1]))])
        .await;
    assert_eq!(moved.status, StatusCode::SEE_OTHER);
    let form = me.get("/me/check").await;
    assert!(form.body.find("報告").unwrap() < form.body.find("通勤").unwrap());
    entry_on(&app, client, back(1), &[(ids[0], 2)], "").await;
    let removed = app
        .submit(&page, &action, &[("op", &format!("remove:{}", ids[0]))])
        .await;
    assert_eq!(removed.status, StatusCode::SEE_OTHER);
    let form = me.get("/me/check").await;
    assert!(!form.body.contains(&format!("score_{}", ids[0])));
    let trend = me.get("/me/check/trend").await;
    assert!(
        trend.body.contains(&format!("c{}-t", ids[0])),
        "past entries keep it"
    );

    // The client chooses too.
    let mine = me
        .submit("/me/check/items", "/me/check/items", &[("op", "add:sleep")])
        .await;
    assert_eq!(mine.status, StatusCode::SEE_OTHER, "{}", mine.body);
    assert!(me.get("/me/check").await.body.contains("<ruby>眠<rp>"));
    let audit = app.audit_rows("selfcheck.items").await;
    assert_eq!(audit.len(), 6, "{audit:?}");
    assert!(audit.last().unwrap().0.starts_with("client:"));
    // Staff cannot use the client's page.
    assert_eq!(
        app.get("/me/check/items").await.status,
        StatusCode::FORBIDDEN
    );
}

#[tokio::test]
async fn the_supporter_replies_to_a_comment_and_the_client_reads_it() {
    let app = spawn_app().await;
    let (_, sato, client) = app.office_with_client().await;
    let ids = add_items(&app, client, &["mood"]).await;
    let me = app.as_client(client, sato).await;
    let s = format!("score_{}", ids[0]);
    let sent = send_check(&me, &[(&s, "2"), ("comment", "きょうは ちょっと つかれた")]).await;
    assert_eq!(sent.status, StatusCode::SEE_OTHER);
    let entry = store::selfcheck::entry_on(&app.state.db, client, clock::today())
        .await
        .expect("entry")
        .expect("today");

    let staff_page = format!("/clients/{client}/selfcheck");
    let client_page = app.get(&format!("/clients/{client}")).await;
    assert!(
        client_page
            .body
            .contains(&format!("href=\"{staff_page}\" id=\"nav-selfcheck\"")),
        "the client page links to the self-check"
    );
    let page = app.get(&staff_page).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("きょうは ちょっと つかれた"));
    let reply = format!("/clients/{client}/selfcheck/entries/{}/reply", entry.id);

    let empty = app.submit(&staff_page, &reply, &[("reply", "  ")]).await;
    assert_eq!(empty.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(empty.body.contains("返事を入力してください。"));

    let ok = app
        .submit(
            &staff_page,
            &reply,
            &[("reply", "おつかれさまです。週末はゆっくり休みましょう。")],
        )
        .await;
    assert_eq!(ok.status, StatusCode::SEE_OTHER, "{}", ok.body);
    assert_eq!(app.count("selfcheck_replies").await, 1);
    assert_eq!(app.audit_rows("selfcheck.reply").await.len(), 1);

    let mine = me.get("/me/check").await;
    assert!(
        mine.body.contains("週末はゆっくり休みましょう。"),
        "{}",
        mine.body
    );
    assert!(mine.body.contains("きょうは ちょっと つかれた"));
}

#[tokio::test]
async fn another_clients_entry_in_the_reply_route_is_not_found() {
    let app = spawn_app().await;
    let (office, sato, client) = app.office_with_client().await;
    let other = app
        .register_client(office, "鈴木 一郎", "すずき いちろう", sato)
        .await;
    let ids = add_items(&app, other, &["sleep"]).await;
    entry_on(&app, other, back(1), &[(ids[0], 2)], "ねむれない").await;
    let theirs = store::selfcheck::entry_on(&app.state.db, other, back(1))
        .await
        .expect("entry")
        .expect("their entry");

    let page = format!("/clients/{client}/selfcheck");
    let res = app
        .submit(
            &page,
            &format!("/clients/{client}/selfcheck/entries/{}/reply", theirs.id),
            &[("reply", "見ました")],
        )
        .await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);
    assert_eq!(app.count("selfcheck_replies").await, 0);
    // Under its own client, the same entry takes the reply.
    let res = app
        .submit(
            &format!("/clients/{other}/selfcheck"),
            &format!("/clients/{other}/selfcheck/entries/{}/reply", theirs.id),
            &[("reply", "見ました")],
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER);
}

#[tokio::test]
async fn the_employer_sees_the_scores_trend_only_with_health_consent() {
    let app = spawn_app().await;
    let (_, sato, client) = app.office_with_client().await;
    let ids = add_items(&app, client, &["sleep"]).await;
    entry_on(
        &app,
        client,
        back(1),
        &[(ids[0], 3)],
        "上司にはないしょの話",
    )
    .await;
    entry_on(&app, client, back(2), &[(ids[0], 4)], "").await;
    let boss = app.as_employer(client, "山田 課長", sato).await;
    let path = format!("/employer/clients/{client}/selfcheck");

    assert_eq!(
        boss.get(&path).await.status,
        StatusCode::NOT_FOUND,
        "no consent"
    );
    let work_only = app
        .consent_for_employer(client, "山田 課長", &["work_status"])
        .await;
    assert_eq!(
        boss.get(&path).await.status,
        StatusCode::FORBIDDEN,
        "consent without Health"
    );
    app.withdraw_consent(client, work_only).await;

    let health = app
        .consent_for_employer(client, "山田 課長", &["work_status", "health"])
        .await;
    let page = boss.get(&path).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert!(page.body.contains("<svg"));
    assert!(page.body.contains("山田 花子"));
    assert!(
        page.body
            .contains(&format!("<td>{}</td><td>3 ", short(back(1))))
    );
    assert!(
        !page.body.contains("ないしょ"),
        "never the client's comments"
    );

    app.withdraw_consent(client, health).await;
    assert_eq!(
        boss.get(&path).await.status,
        StatusCode::NOT_FOUND,
        "withdrawn"
    );
}

#[tokio::test]
async fn the_supporters_home_shows_a_falling_item_with_its_reason() {
    let app = spawn_app().await;
    let (office, sato, client) = app.office_with_client().await;
    let ids = add_items(&app, client, &["sleep", "meals"]).await;
    let (sleep, meals) = (ids[0], ids[1]);
    // A good week, then three low days for sleep; meals steady.
    for (days_back, score) in [
        (3, 4),
        (4, 3),
        (5, 4),
        (6, 3),
        (7, 3),
        (0, 2),
        (1, 1),
        (2, 2),
    ] {
        entry_on(
            &app,
            client,
            back(days_back),
            &[(sleep, score), (meals, 3)],
            "",
        )
        .await;
    }
    // Another client of Sato's who checks in every day and is fine, and one who stopped.
    let fine = app
        .register_client(office, "鈴木 一郎", "すずき いちろう", sato)
        .await;
    let gone = app
        .register_client(office, "高橋 次郎", "たかはし じろう", sato)
        .await;
    let fine_ids = add_items(&app, fine, &["sleep"]).await;
    let gone_ids = add_items(&app, gone, &["mood"]).await;
    for days_back in 0..10 {
        entry_on(&app, fine, back(days_back), &[(fine_ids[0], 3)], "").await;
    }
    for days_back in 5..20 {
        entry_on(&app, gone, back(days_back), &[(gone_ids[0], 3)], "").await;
    }

    let sato_browser = app.signed_in_as("sato").await;
    let home = sato_browser.get("/").await;
    assert_eq!(home.status, StatusCode::OK);
    assert!(
        home.body
            .contains("睡眠: 3日続けて 2 以下（前の週の平均 3.4）"),
        "{}",
        home.body
    );
    assert!(
        home.body
            .contains(&format!("href=\"/clients/{client}/selfcheck\""))
    );
    assert!(!home.body.contains("食事:"), "a steady item is not listed");
    assert!(!home.body.contains(&format!("/clients/{fine}/selfcheck")));
    assert!(
        home.body.contains(&format!(
            "4日 セルフチェックがありません（最後は {}",
            short(back(5))
        )),
        "{}",
        home.body
    );
    assert!(home.body.contains(&format!("/clients/{gone}/selfcheck")));
    // The admin is nobody's supporter: no lines.
    assert!(!app.get("/").await.body.contains("3日続けて"));
}
