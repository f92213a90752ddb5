//! 見学: managers publish tour slots, a visitor chooses one on the inquiry form (a full slot
//! is refused, a form sent twice books once, concurrent requests never overbook), staff
//! confirm it (the details go out by email, a reminder waits for the day before), move it or
//! cancel it; and no office sees another's. Both engines.
use std::time::Duration;

use reqwest::StatusCode;
use teichaku::{clock, domain::tour, store::outbox};

use crate::helpers::{TestApp, csrf_in, spawn_app, spawn_app_with};
use crate::smtp_sink::SmtpSink;

/// A published office 西船橋 with an address, a station and an email; returns its id.
async fn published_office(app: &TestApp, name: &str) -> i64 {
    let page = app
        .submit(
            "/offices/new",
            "/offices",
            &[
                ("name", name),
                ("prefecture", "千葉県"),
                ("address", "船橋市西船4-0-0"),
                ("nearest_station", "西船橋駅"),
                ("phone", "047-000-0000"),
                ("email", "office@example.jp"),
                ("published", "1"),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    crate::helpers::id_from_location(&page.location(), "/offices/")
}

/// A date `days` from today (Japan time), as the form takes it.
fn in_days(days: i64) -> String {
    (clock::today() + time::Duration::days(days)).to_string()
}

/// Publishes a slot through the form; returns the response.
async fn post_slot(
    app: &TestApp,
    office: i64,
    date: &str,
    start: &str,
    end: &str,
    capacity: &str,
) -> crate::helpers::Page {
    let path = format!("/offices/{office}/tours");
    app.submit(
        &path,
        &path,
        &[
            ("slot_date", date),
            ("start_time", start),
            ("end_time", end),
            ("capacity", capacity),
            ("place_note", "3階の受付へ"),
        ],
    )
    .await
}

/// Publishes a slot `days` ahead at 14:00–15:00; returns its id.
pub(crate) async fn add_slot(app: &TestApp, office: i64, days: i64, capacity: i64) -> i64 {
    let page = post_slot(
        app,
        office,
        &in_days(days),
        "14:00",
        "15:00",
        &capacity.to_string(),
    )
    .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    teichaku::on_db!(&app.state.db, pool => sqlx::query_scalar("SELECT MAX(id) FROM tour_slots")
        .fetch_one(pool).await)
    .expect("slot id")
}

/// A visitor (own cookies) who has opened the inquiry form for `office`.
pub(crate) struct Visitor {
    client: reqwest::Client,
    token: String,
    shown_at: String,
    form: String,
}

pub(crate) async fn open_form(app: &TestApp, office: i64) -> Visitor {
    let client = app.new_client();
    let form = client
        .get(app.url(&format!("/inquiry?office={office}")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let marker = "name=\"shown_at\" value=\"";
    let start = form.find(marker).expect("shown_at") + marker.len();
    let shown_at = form[start..start + form[start..].find('"').unwrap()].to_string();
    Visitor {
        client,
        token: csrf_in(&form).expect("token"),
        shown_at,
        form,
    }
}

impl Visitor {
    /// Sends a tour request for `slot` (or none) in the name of `name`.
    pub(crate) async fn request(
        &self,
        app: &TestApp,
        office: i64,
        slot: Option<i64>,
        name: &str,
    ) -> (StatusCode, String) {
        let (office, slot) = (office.to_string(), slot.map(|s| s.to_string()));
        let r = self
            .client
            .post(app.url("/inquiry"))
            .form(&[
                ("_csrf", self.token.as_str()),
                ("shown_at", &self.shown_at),
                ("kind", "tour"),
                ("office_id", &office),
                ("tour_slot_id", slot.as_deref().unwrap_or("")),
                ("inquirer_name", name),
                ("contact_by", "email"),
                ("email", "visitor@example.jp"),
                ("preferred_times", "平日の午後"),
                ("privacy", "1"),
                ("relationship", "self"),
            ])
            .send()
            .await
            .unwrap();
        (r.status(), r.text().await.unwrap_or_default())
    }
}

/// The visitors must take at least 3 s to fill in the form.
async fn think() {
    tokio::time::sleep(Duration::from_millis(3100)).await;
}

pub(crate) async fn booked(app: &TestApp, slot: i64) -> i64 {
    teichaku::on_db!(&app.state.db, pool => sqlx::query_scalar("SELECT booked FROM tour_slots WHERE id = $1")
        .bind(slot).fetch_one(pool).await)
    .unwrap()
}

async fn inquiry_id(app: &TestApp, name: &str) -> i64 {
    teichaku::on_db!(&app.state.db, pool => sqlx::query_scalar("SELECT id FROM inquiries WHERE name = $1")
        .bind(name).fetch_one(pool).await)
    .unwrap()
}

async fn status_of(app: &TestApp, inquiry: i64) -> (String, String) {
    teichaku::on_db!(&app.state.db, pool => sqlx::query_as(
        "SELECT i.status, b.status FROM inquiries i JOIN tour_bookings b ON b.inquiry_id = i.id WHERE i.id = $1")
        .bind(inquiry).fetch_one(pool).await)
    .unwrap()
}

/// Outbox rows about the inquiry: (id, subject, status, next_attempt_at).
async fn outbox_rows(
    app: &TestApp,
    inquiry: i64,
) -> Vec<(i64, String, String, time::OffsetDateTime)> {
    teichaku::on_db!(&app.state.db, pool => sqlx::query_as(
        "SELECT id, subject, status, next_attempt_at FROM email_outbox
         WHERE related_type = 'inquiry' AND related_id = $1 ORDER BY id")
        .bind(inquiry).fetch_all(pool).await)
    .unwrap()
}

async fn tour_action(
    app: &TestApp,
    inquiry: i64,
    action: &str,
    fields: &[(&str, &str)],
) -> crate::helpers::Page {
    let path = format!("/inquiries/{inquiry}");
    app.submit(&path, &format!("{path}/tour/{action}"), fields)
        .await
}

#[tokio::test]
async fn managers_publish_slots_and_bad_ones_are_refused() {
    let app = spawn_app().await;
    app.signed_in_admin().await;
    let office = published_office(&app, "西船橋").await;
    let cases = [
        (
            in_days(-1),
            "14:00",
            "15:00",
            "2",
            "過ぎた日時は選べません。",
        ),
        (
            in_days(3),
            "15:00",
            "14:00",
            "2",
            "終了時刻は開始時刻より後にしてください。",
        ),
        (in_days(3), "14:00", "15:00", "0", "範囲"),
        (in_days(3), "14:00", "15:00", "1000", "範囲"),
        (
            in_days(400),
            "14:00",
            "15:00",
            "2",
            "1年以内の日付にしてください。",
        ),
    ];
    for (date, start, end, capacity, message) in &cases {
        let page = post_slot(&app, office, date, start, end, capacity).await;
        assert_eq!(
            page.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{date} {start}-{end} ×{capacity}"
        );
        assert!(page.body.contains(message), "{message}: {}", page.body);
        assert!(
            page.body.contains(&format!("value=\"{date}\""))
                && page.body.contains("value=\"3階の受付へ\""),
            "what was typed stays"
        );
    }
    assert_eq!(app.count("tour_slots").await, 0);
    let slot = add_slot(&app, office, 3, 2).await;
    let list = app.get(&format!("/offices/{office}/tours")).await;
    let starts = tour::in_japan(
        clock::today() + time::Duration::days(3),
        time::Time::from_hms(14, 0, 0).unwrap(),
    );
    let label = tour::label_ja(starts, starts + time::Duration::hours(1));
    assert!(
        list.body.contains(&label) && list.body.contains("0 / 2"),
        "{}",
        list.body
    );
    assert_eq!(app.audit_rows("tour_slot.create").await.len(), 1);

    // A supporter sees the slots but does not publish them.
    app.create_staff("sato", office, "supporter").await;
    let sato = app.signed_in_as("sato").await;
    let seen = sato.get(&format!("/offices/{office}/tours")).await;
    assert_eq!(seen.status, StatusCode::OK);
    assert!(seen.body.contains(&label) && !seen.body.contains("id=\"add-slot\""));
    assert_eq!(
        post_slot(&sato, office, &in_days(4), "10:00", "11:00", "1")
            .await
            .status,
        StatusCode::FORBIDDEN
    );

    // Closed: no longer offered to visitors. Deleted: gone.
    let list_path = format!("/offices/{office}/tours");
    let r = app
        .submit(&list_path, &format!("/tour-slots/{slot}/close"), &[])
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert!(app.get(&list_path).await.body.contains("受付終了"));
    assert!(
        !open_form(&app, office)
            .await
            .form
            .contains(&format!("id=\"slot-{slot}\""))
    );
    let r = app
        .submit(&list_path, &format!("/tour-slots/{slot}/delete"), &[])
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert_eq!(app.count("tour_slots").await, 0);
    assert_eq!(app.audit_rows("tour_slot.delete").await.len(), 1);
}

#[tokio::test]
async fn a_visitor_chooses_a_slot_and_a_full_one_is_refused_without_losing_the_form() {
    let app = spawn_app().await;
    app.signed_in_admin().await;
    let office = published_office(&app, "西船橋").await;
    let other = published_office(&app, "浜松駅前").await;
    let slot = add_slot(&app, office, 3, 1).await;
    let elsewhere = add_slot(&app, other, 3, 1).await;
    let first = open_form(&app, office).await;
    let second = open_form(&app, office).await;
    assert!(
        first.form.contains(&format!("id=\"slot-{slot}\"")),
        "the office's slot is offered"
    );
    assert!(
        !first.form.contains(&format!("id=\"slot-{elsewhere}\"")),
        "only the chosen office's slots"
    );
    let all = app
        .new_client()
        .get(app.url("/inquiry"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        all.contains(&format!("id=\"slot-{slot}\""))
            && all.contains(&format!("id=\"slot-{elsewhere}\"")),
        "without an office, every office's slots, grouped"
    );
    think().await;
    let (status, body) = first.request(&app, office, Some(slot), "見学 太郎").await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{body}");
    assert_eq!(booked(&app, slot).await, 1);
    let (status, body) = second.request(&app, office, Some(slot), "見学 次郎").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(body.contains("この日時は満席になりました。"), "{body}");
    assert!(
        body.contains("id=\"e-tour_slot_id\""),
        "a field-level message"
    );
    for typed in [
        "value=\"見学 次郎\"",
        "value=\"visitor@example.jp\"",
        "value=\"平日の午後\"",
    ] {
        assert!(body.contains(typed), "{typed} stays");
    }
    assert!(
        !body.contains(&format!("id=\"slot-{slot}\"")),
        "the full slot is no longer offered"
    );
    assert_eq!(app.count("inquiries").await, 1);
    // Another office's slot is refused too.
    let third = open_form(&app, office).await;
    think().await;
    let (status, body) = third
        .request(&app, office, Some(elsewhere), "見学 三郎")
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(body.contains("選んだ事業所のものではありません"));
    let id = inquiry_id(&app, "見学 太郎").await;
    let show = app.get(&format!("/inquiries/{id}")).await;
    assert!(
        show.body.contains("id=\"tour-status\">希望<") && show.body.contains("id=\"confirm-tour\"")
    );
}

#[tokio::test]
async fn a_form_sent_twice_books_once() {
    let app = spawn_app().await;
    app.signed_in_admin().await;
    let office = published_office(&app, "西船橋").await;
    let slot = add_slot(&app, office, 3, 5).await;
    let visitor = open_form(&app, office).await;
    think().await;
    let (a, b) = tokio::join!(
        visitor.request(&app, office, Some(slot), "二度 押し"),
        visitor.request(&app, office, Some(slot), "二度 押し"),
    );
    assert_eq!(
        (a.0, b.0),
        (StatusCode::SEE_OTHER, StatusCode::SEE_OTHER),
        "both answered as received"
    );
    let (c, _) = visitor.request(&app, office, Some(slot), "二度 押し").await;
    assert_eq!(c, StatusCode::SEE_OTHER, "a reload of the same form too");
    assert_eq!(app.count("inquiries").await, 1);
    assert_eq!(app.count("tour_bookings").await, 1);
    assert_eq!(booked(&app, slot).await, 1);
}

#[tokio::test]
async fn concurrent_requests_never_overbook_a_slot() {
    let app = spawn_app().await;
    app.signed_in_admin().await;
    let office = published_office(&app, "西船橋").await;
    let slot = add_slot(&app, office, 3, 2).await;
    let mut visitors = Vec::new();
    for _ in 0..4 {
        visitors.push(open_form(&app, office).await);
    }
    think().await;
    let (a, b, c, d) = tokio::join!(
        visitors[0].request(&app, office, Some(slot), "同時 一"),
        visitors[1].request(&app, office, Some(slot), "同時 二"),
        visitors[2].request(&app, office, Some(slot), "同時 三"),
        visitors[3].request(&app, office, Some(slot), "同時 四"),
    );
    let answers = [a, b, c, d];
    let ok = answers
        .iter()
        .filter(|(s, _)| *s == StatusCode::SEE_OTHER)
        .count();
    let full = answers
        .iter()
        .filter(|(s, b)| *s == StatusCode::UNPROCESSABLE_ENTITY && b.contains("満席"))
        .count();
    assert_eq!((ok, full), (2, 2), "{answers:?}");
    assert_eq!(booked(&app, slot).await, 2);
    assert_eq!(app.count("tour_bookings").await, 2);
    assert_eq!(app.count("inquiries").await, 2);
}

#[tokio::test]
async fn staff_confirm_the_visitor_gets_the_details_and_a_cancel_withdraws_the_reminder() {
    let sink = SmtpSink::start().await;
    let url = sink.url();
    let app = spawn_app_with(move |c| {
        c.smtp_url = url;
        c.outbox_interval_ms = 200;
    })
    .await;
    app.signed_in_admin().await;
    let office = published_office(&app, "西船橋").await;
    let slot = add_slot(&app, office, 3, 2).await;
    let visitor = open_form(&app, office).await;
    think().await;
    let (status, _) = visitor.request(&app, office, Some(slot), "見学 花子").await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let got = sink.wait_for(2, Duration::from_secs(10)).await;
    assert_eq!(
        got.len(),
        2,
        "the visitor's receipt and the office's notice"
    );
    let id = inquiry_id(&app, "見学 花子").await;

    let r = tour_action(&app, id, "confirm", &[("booking_status", "requested")]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_eq!(
        status_of(&app, id).await,
        ("tour_scheduled".into(), "confirmed".into())
    );
    let again = tour_action(&app, id, "confirm", &[("booking_status", "requested")]).await;
    assert_eq!(
        again.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "a second click changes nothing"
    );
    let got = sink.wait_for(3, Duration::from_secs(10)).await;
    assert_eq!(got.len(), 3, "the confirmation, and not yet the reminder");
    let mail = &got[2];
    assert!(
        mail.rcpt_to
            .iter()
            .any(|r| r.contains("visitor@example.jp"))
    );
    let subject = crate::email::decode_header(
        &crate::email::header(&mail.data, "Subject").unwrap_or_default(),
    );
    assert_eq!(subject, "【定着】見学の日時が決まりました（西船橋）");
    let body = crate::email::decode_body(&mail.data);
    let starts = tour::in_japan(
        clock::today() + time::Duration::days(3),
        time::Time::from_hms(14, 0, 0).unwrap(),
    );
    for part in [
        "見学 花子 様",
        &tour::label_ja(starts, starts + time::Duration::hours(1)),
        "千葉県 船橋市西船4-0-0",
        "西船橋駅",
        "3階の受付へ",
        "筆記用具",
        "受給者証",
        "047-000-0000",
    ] {
        assert!(body.contains(part), "{part} in:\n{body}");
    }
    // The reminder waits in the outbox until 9:00 (Japan time) the day before.
    let rows = outbox_rows(&app, id).await;
    let reminder = rows
        .iter()
        .find(|r| r.1.contains("明日は見学の日です"))
        .expect("a reminder is queued");
    assert_eq!(reminder.2, "queued");
    assert_eq!(reminder.3, tour::reminder_at(starts, clock::now()).unwrap());
    assert_eq!(
        reminder.3.to_offset(clock::JST).date(),
        clock::today() + time::Duration::days(2)
    );
    assert_eq!(reminder.3.to_offset(clock::JST).hour(), 9);
    let show = app.get(&format!("/inquiries/{id}")).await;
    assert!(
        show.body.contains("見学を確定") && show.body.contains("見学日程確定"),
        "recorded in the history"
    );
    assert_eq!(app.audit_rows("tour.confirm").await.len(), 1);

    // Closing the inquiry or going back a step would leave the seat taken and the reminder
    // pending: the tour is cancelled first.
    let path = format!("/inquiries/{id}");
    for (to, note) in [("contacted", ""), ("closed", "辞退")] {
        let r = app
            .submit(
                &path,
                &format!("{path}/move"),
                &[("from", "tour_scheduled"), ("to", to), ("note", note)],
            )
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{to}");
        assert!(
            r.body
                .contains("先に「見学を取り消す」で取り消してください"),
            "{to}"
        );
    }
    // Cancelled: the seat is free again, the reminder withdrawn, the visitor told.
    let r = tour_action(
        &app,
        id,
        "cancel",
        &[("booking_status", "confirmed"), ("note", "ご本人の都合")],
    )
    .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_eq!(
        status_of(&app, id).await,
        ("contacted".into(), "cancelled".into())
    );
    assert_eq!(booked(&app, slot).await, 0);
    assert!(
        outbox::find(&app.state.db, reminder.0)
            .await
            .unwrap()
            .is_none(),
        "reminder withdrawn"
    );
    let got = sink.wait_for(4, Duration::from_secs(10)).await;
    let subject = crate::email::decode_header(
        &crate::email::header(&got[3].data, "Subject").unwrap_or_default(),
    );
    assert_eq!(subject, "【定着】見学の予約を取り消しました（西船橋）");
    let show = app.get(&format!("/inquiries/{id}")).await;
    assert!(show.body.contains("見学を取り消し") && show.body.contains("ご本人の都合"));
    assert_eq!(app.audit_rows("tour.cancel").await.len(), 1);
}

#[tokio::test]
async fn staff_move_a_tour_to_another_slot() {
    let app = spawn_app().await;
    app.signed_in_admin().await;
    let office = published_office(&app, "西船橋").await;
    let first = add_slot(&app, office, 3, 2).await;
    let second = add_slot(&app, office, 5, 1).await;
    let full = add_slot(&app, office, 6, 1).await;
    let visitor = open_form(&app, office).await;
    let taker = open_form(&app, office).await;
    think().await;
    assert_eq!(
        visitor
            .request(&app, office, Some(first), "変更 花子")
            .await
            .0,
        StatusCode::SEE_OTHER
    );
    assert_eq!(
        taker.request(&app, office, Some(full), "満席 一郎").await.0,
        StatusCode::SEE_OTHER
    );
    let id = inquiry_id(&app, "変更 花子").await;
    assert_eq!(
        tour_action(&app, id, "confirm", &[("booking_status", "requested")])
            .await
            .status,
        StatusCode::SEE_OTHER
    );
    let old_reminder = outbox_rows(&app, id)
        .await
        .into_iter()
        .find(|r| r.1.contains("明日は"))
        .expect("reminder");

    let full_id = full.to_string();
    let r = tour_action(
        &app,
        id,
        "reschedule",
        &[("booking_status", "confirmed"), ("tour_slot_id", &full_id)],
    )
    .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("この日時は満席になりました。"));
    let second_id = second.to_string();
    let r = tour_action(
        &app,
        id,
        "reschedule",
        &[
            ("booking_status", "confirmed"),
            ("tour_slot_id", &second_id),
        ],
    )
    .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_eq!(
        (booked(&app, first).await, booked(&app, second).await),
        (0, 1)
    );
    assert_eq!(
        status_of(&app, id).await,
        ("tour_scheduled".into(), "confirmed".into())
    );
    let rows = outbox_rows(&app, id).await;
    assert!(
        rows.iter().all(|r| r.0 != old_reminder.0),
        "the old reminder is withdrawn"
    );
    let new_reminder = rows
        .iter()
        .find(|r| r.1.contains("明日は"))
        .expect("a new reminder");
    assert_eq!(
        new_reminder.3.to_offset(clock::JST).date(),
        clock::today() + time::Duration::days(4)
    );
    assert!(
        rows.iter()
            .any(|r| r.1.contains("見学の日時を変更しました")),
        "the visitor is told"
    );
    let show = app.get(&format!("/inquiries/{id}")).await;
    assert!(show.body.contains("見学日時を変更"));
    assert_eq!(app.audit_rows("tour.reschedule").await.len(), 1);
}

#[tokio::test]
async fn offices_never_see_each_others_tours() {
    let app = spawn_app().await;
    app.signed_in_admin().await;
    let office = published_office(&app, "西船橋").await;
    let other = published_office(&app, "浜松駅前").await;
    let slot = add_slot(&app, office, 3, 2).await;
    let visitor = open_form(&app, office).await;
    think().await;
    assert_eq!(
        visitor
            .request(&app, office, Some(slot), "秘密 花子")
            .await
            .0,
        StatusCode::SEE_OTHER
    );
    let id = inquiry_id(&app, "秘密 花子").await;
    app.create_staff("hamamatsu", other, "manager").await;
    app.create_staff("funabashi", office, "supporter").await;
    let h = app.signed_in_as("hamamatsu").await;
    let own = format!("/offices/{other}/tours");
    assert_eq!(
        h.get(&format!("/offices/{office}/tours")).await.status,
        StatusCode::FORBIDDEN
    );
    assert!(!h.get(&own).await.body.contains("秘密 花子"));
    let token = h.csrf(&own).await;
    for action in [
        format!("/offices/{office}/tours"),
        format!("/tour-slots/{slot}/close"),
        format!("/tour-slots/{slot}/delete"),
        format!("/inquiries/{id}/tour/confirm"),
        format!("/inquiries/{id}/tour/cancel"),
        format!("/inquiries/{id}/tour/reschedule"),
    ] {
        let r = h
            .post_form(
                &action,
                &[
                    ("_csrf", &token),
                    ("booking_status", "requested"),
                    ("slot_date", &in_days(4)),
                    ("start_time", "10:00"),
                    ("end_time", "11:00"),
                    ("capacity", "1"),
                ],
            )
            .await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "{action}");
    }
    for missing in ["/tour-slots/999999/close", "/inquiries/999999/tour/confirm"] {
        assert_eq!(
            h.post_form(missing, &[("_csrf", &token)]).await.status,
            StatusCode::NOT_FOUND,
            "{missing}"
        );
    }
    assert_eq!(
        status_of(&app, id).await,
        ("new".into(), "requested".into()),
        "nothing changed"
    );
    assert_eq!(app.count("tour_slots").await, 1);
    // A supporter of the office confirms tours, but does not manage its slots.
    let f = app.signed_in_as("funabashi").await;
    let r = f
        .submit(
            &format!("/inquiries/{id}"),
            &format!("/inquiries/{id}/tour/confirm"),
            &[("booking_status", "requested")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let r = f
        .submit(
            &format!("/offices/{office}/tours"),
            &format!("/tour-slots/{slot}/close"),
            &[],
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn staff_book_a_slot_for_a_phone_inquiry_and_again_after_a_cancellation() {
    let app = spawn_app().await;
    app.signed_in_admin().await;
    let office = published_office(&app, "西船橋").await;
    let slot = add_slot(&app, office, 3, 1).await;
    let page = app
        .submit(
            &format!("/offices/{office}/inquiries/new"),
            &format!("/offices/{office}/inquiries"),
            &[
                ("channel", "phone"),
                ("kind", "tour"),
                ("inquirer_name", "電話 見学"),
                ("contact_by", "phone"),
                ("phone", "090-1111-2222"),
            ],
        )
        .await;
    let id = crate::helpers::id_from_location(&page.location(), "/inquiries/");
    let show = app.get(&format!("/inquiries/{id}")).await;
    assert!(
        show.body.contains("id=\"book-tour\""),
        "a slot can be booked"
    );
    let slot_id = slot.to_string();
    let book = [("booking_status", ""), ("tour_slot_id", slot_id.as_str())];
    let r = tour_action(&app, id, "book", &book).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_eq!(
        status_of(&app, id).await,
        ("new".into(), "requested".into())
    );
    assert_eq!(booked(&app, slot).await, 1);
    assert_eq!(
        tour_action(&app, id, "book", &book).await.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "booked once"
    );
    let r = tour_action(&app, id, "confirm", &[("booking_status", "requested")]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert_eq!(status_of(&app, id).await.0, "tour_scheduled");
    assert!(
        outbox_rows(&app, id).await.is_empty(),
        "no email address, no email"
    );
    let r = tour_action(&app, id, "cancel", &[("booking_status", "confirmed")]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let again = [
        ("booking_status", "cancelled"),
        ("tour_slot_id", slot_id.as_str()),
    ];
    let r = tour_action(&app, id, "book", &again).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_eq!(
        status_of(&app, id).await,
        ("contacted".into(), "requested".into())
    );
    assert_eq!(booked(&app, slot).await, 1);
    let show = app.get(&format!("/inquiries/{id}")).await;
    assert!(show.body.contains("見学枠を予約") && show.body.contains("見学を取り消し"));
    assert_eq!(app.audit_rows("tour.book").await.len(), 2);
}
