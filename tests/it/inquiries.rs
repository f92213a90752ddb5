//! お問い合わせ: the public form with its spam protection, and the staff inbox with the
//! pipeline. Both engines.
use std::time::Duration;

use reqwest::StatusCode;

use crate::helpers::{TestApp, csrf_in, spawn_app};

pub(crate) async fn published_office(app: &TestApp, name: &str) -> i64 {
    let page = app
        .submit(
            "/offices/new",
            "/offices",
            &[
                ("name", name),
                ("prefecture", "千葉県"),
                ("address", "船橋市"),
                ("phone", "0470000000"),
                ("published", "1"),
            ],
        )
        .await;
    crate::helpers::id_from_location(&page.location(), "/offices/")
}

/// The public form's hidden fields (CSRF token and the signed time it was shown).
pub(crate) async fn form_fields(
    visitor: &reqwest::Client,
    app: &TestApp,
    office: i64,
) -> (String, String) {
    let body = visitor
        .get(app.url(&format!("/inquiry?office={office}")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let marker = "name=\"shown_at\" value=\"";
    let start = body.find(marker).expect("shown_at") + marker.len();
    let shown_at = body[start..start + body[start..].find('"').unwrap()].to_string();
    (csrf_in(&body).expect("token"), shown_at)
}

pub(crate) async fn send(
    visitor: &reqwest::Client,
    app: &TestApp,
    fields: &[(&str, &str)],
) -> (StatusCode, String) {
    let r = visitor
        .post(app.url("/inquiry"))
        .form(fields)
        .send()
        .await
        .unwrap();
    (r.status(), r.text().await.unwrap_or_default())
}

#[tokio::test]
async fn a_visitor_asks_for_a_tour_and_the_office_sees_it() {
    let app = spawn_app().await;
    app.signed_in_admin().await;
    let office = published_office(&app, "西船橋").await;
    let other = published_office(&app, "浜松駅前").await;
    let visitor = app.new_client();
    let (token, shown_at) = form_fields(&visitor, &app, office).await;
    let office_id = office.to_string();
    let fields = |privacy: &'static str| {
        vec![
            ("_csrf", token.clone()),
            ("shown_at", shown_at.clone()),
            ("kind", "tour".into()),
            ("office_id", office_id.clone()),
            ("inquirer_name", "見学 太郎".into()),
            ("contact_by", "email".into()),
            ("email", "visitor@example.jp".into()),
            ("preferred_times", "平日の午後".into()),
            ("privacy", privacy.into()),
            ("relationship", "self".into()),
        ]
    };
    let as_refs = |v: &Vec<(&'static str, String)>| {
        v.iter().map(|(k, v)| (*k, v.clone())).collect::<Vec<_>>()
    };
    // Sent within a second of seeing the form: a bot, refused without losing the text.
    let (status, body) = send(
        &visitor,
        &app,
        &as_refs(&fields("1"))
            .iter()
            .map(|(k, v)| (*k, v.as_str()))
            .collect::<Vec<_>>(),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(body.contains("送信を確認できませんでした") && body.contains("value=\"見学 太郎\""));
    tokio::time::sleep(Duration::from_millis(3100)).await;
    let no_consent = fields("");
    let (status, body) = send(
        &visitor,
        &app,
        &no_consent
            .iter()
            .map(|(k, v)| (*k, v.as_str()))
            .collect::<Vec<_>>(),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(body.contains("個人情報の取り扱いへの同意が必要です。"));
    let ok = fields("1");
    let r = visitor
        .post(app.url("/inquiry"))
        .form(&ok.iter().map(|(k, v)| (*k, v.as_str())).collect::<Vec<_>>())
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(r.headers()["location"], "/inquiry/thanks");
    assert_eq!(app.count("inquiries").await, 1);
    let inbox = app.get(&format!("/offices/{office}/inquiries")).await;
    assert!(
        inbox.body.contains("見学 太郎")
            && inbox.body.contains("新規")
            && inbox.body.contains("見学したい")
    );
    assert!(
        !app.get(&format!("/offices/{other}/inquiries"))
            .await
            .body
            .contains("見学 太郎")
    );
    assert_eq!(app.audit_rows("inquiry.create").await.len(), 1);
}

#[tokio::test]
async fn bots_and_floods_are_stopped() {
    let app = spawn_app().await;
    app.signed_in_admin().await;
    let office = published_office(&app, "西船橋").await;
    let visitor = app.new_client();
    let (token, shown_at) = form_fields(&visitor, &app, office).await;
    tokio::time::sleep(Duration::from_millis(3100)).await;
    let o = office.to_string();
    let base = |website: &'static str| {
        vec![
            ("_csrf", token.as_str()),
            ("shown_at", shown_at.as_str()),
            ("kind", "question"),
            ("office_id", o.as_str()),
            ("inquirer_name", "質問 花子"),
            ("contact_by", "phone"),
            ("phone", "090-0000-0000"),
            ("message", "利用料について知りたいです。"),
            ("privacy", "1"),
            ("relationship", "self"),
            ("website", website),
        ]
    };
    let (status, _) = send(&visitor, &app, &base("http://spam.example")).await;
    assert_eq!(
        status,
        StatusCode::SEE_OTHER,
        "the honeypot answers like success"
    );
    assert_eq!(app.count("inquiries").await, 0, "but keeps nothing");
    let forged: Vec<(&str, &str)> = base("")
        .into_iter()
        .map(|(k, v)| {
            if k == "shown_at" {
                (k, "1.deadbeef")
            } else {
                (k, v)
            }
        })
        .collect();
    assert_eq!(
        send(&visitor, &app, &forged).await.0,
        StatusCode::UNPROCESSABLE_ENTITY,
        "a forged time is refused"
    );
    // Each post from a freshly shown form (the same form posted again is one inquiry).
    let mut forms = Vec::new();
    for _ in 0..6 {
        forms.push(form_fields(&visitor, &app, office).await);
    }
    tokio::time::sleep(Duration::from_millis(3100)).await;
    let fresh = |(token, shown_at): &(String, String)| {
        base("")
            .into_iter()
            .map(|(k, v)| match k {
                "_csrf" => (k, token.clone()),
                "shown_at" => (k, shown_at.clone()),
                _ => (k, v.to_string()),
            })
            .collect::<Vec<_>>()
    };
    for form in &forms[..5] {
        let fields = fresh(form);
        let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
        assert_eq!(send(&visitor, &app, &fields).await.0, StatusCode::SEE_OTHER);
    }
    let last = fresh(&forms[5]);
    let last: Vec<(&str, &str)> = last.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let (status, body) = send(&visitor, &app, &last).await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS);
    assert!(body.contains("短い時間に多くのお問い合わせがありました"));
    assert_eq!(app.count("inquiries").await, 5);
}

#[tokio::test]
async fn staff_record_a_phone_inquiry_and_move_it_through_the_pipeline() {
    let app = spawn_app().await;
    let (office, _, _) = app.office_with_client().await;
    let bad = app
        .submit(
            &format!("/offices/{office}/inquiries/new"),
            &format!("/offices/{office}/inquiries"),
            &[("channel", "phone"), ("kind", "question")],
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    let page = app
        .submit(
            &format!("/offices/{office}/inquiries/new"),
            &format!("/offices/{office}/inquiries"),
            &[
                ("channel", "phone"),
                ("kind", "tour"),
                ("inquirer_name", "電話 一郎"),
                ("contact_by", "phone"),
                ("phone", "090-1111-2222"),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    let id = crate::helpers::id_from_location(&page.location(), "/inquiries/");
    let path = format!("/inquiries/{id}");
    let mv = |from: &'static str, to: &'static str, note: &'static str| {
        let path = path.clone();
        let app = &app;
        async move {
            app.submit(
                &path,
                &format!("{path}/move"),
                &[("from", from), ("to", to), ("note", note)],
            )
            .await
        }
    };
    assert_eq!(
        mv("new", "contracted", "").await.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "no skipping"
    );
    // A value that is no state at all is the same field message, not a server error.
    for unknown in ["", "Contacted", "signed", "contacted "] {
        let r = mv("new", unknown, "").await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{unknown:?}");
        assert!(r.body.contains("一覧から選んでください。"), "{unknown:?}");
    }
    assert_eq!(
        mv("new", "contacted", "折り返し電話をした").await.status,
        StatusCode::SEE_OTHER
    );
    assert_eq!(
        mv("new", "closed", "x").await.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "a stale page changes nothing"
    );
    assert_eq!(
        mv("contacted", "tour_scheduled", "12/5 10:00").await.status,
        StatusCode::SEE_OTHER
    );
    let close = mv("tour_scheduled", "closed", "").await;
    assert_eq!(close.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(close.body.contains("終了の理由を書いてください。"));
    // The inbox filter: a known state selects it, an unknown one shows the open ones.
    let inbox = app
        .get(&format!(
            "/offices/{office}/inquiries?status=tour_scheduled"
        ))
        .await;
    assert!(
        inbox
            .body
            .contains(r#"<option value="tour_scheduled" selected>"#)
    );
    assert!(inbox.body.contains("電話 一郎"));
    let inbox = app
        .get(&format!("/offices/{office}/inquiries?status=closed"))
        .await;
    assert!(!inbox.body.contains("電話 一郎"));
    let inbox = app
        .get(&format!("/offices/{office}/inquiries?status=bogus"))
        .await;
    assert_eq!(inbox.status, StatusCode::OK);
    assert!(inbox.body.contains("電話 一郎") && !inbox.body.contains(" selected>"));
    let show = app.get(&path).await;
    assert!(
        show.body.contains("見学日程確定")
            && show.body.contains("折り返し電話をした")
            && show.body.contains("12/5 10:00")
    );
    assert!(show.body.contains("（管理 太郎）"), "who moved it");
    let first: Option<time::OffsetDateTime> = teichaku::on_db!(&app.state.db, pool => sqlx::query_scalar("SELECT first_contacted_at FROM inquiries WHERE id = $1").bind(id).fetch_one(pool).await).unwrap();
    assert!(first.is_some(), "time to first contact is kept");
    assert_eq!(app.audit_rows("inquiry.move").await.len(), 2);
}

#[tokio::test]
async fn uncontacted_inquiries_are_flagged_after_two_business_days() {
    let app = spawn_app().await;
    let (office, _, _) = app.office_with_client().await;
    let old = teichaku::clock::now() - time::Duration::days(10);
    let id: i64 = teichaku::on_db!(&app.state.db, pool => sqlx::query_scalar(
        "INSERT INTO inquiries (office_id, kind, channel, name, contact_by, status, received_at, updated_at)
         VALUES ($1, 'question', 'web', '古い 問い合わせ', 'phone', 'new', $2, $2) RETURNING id")
        .bind(office).bind(old).fetch_one(pool).await).unwrap();
    let inbox = app.get(&format!("/offices/{office}/inquiries")).await;
    assert!(
        inbox
            .body
            .contains(&format!("<tr id=\"inquiry-{id}\" class=\"overdue\">")),
        "flagged"
    );
    assert!(
        inbox
            .body
            .contains("2営業日以内に連絡できていないお問い合わせ: 1")
    );
    let path = format!("/inquiries/{id}");
    app.submit(
        &path,
        &format!("{path}/move"),
        &[("from", "new"), ("to", "contacted")],
    )
    .await;
    let inbox = app.get(&format!("/offices/{office}/inquiries")).await;
    assert!(!inbox.body.contains("class=\"overdue\""), "contacted now");
    let other = app.create_office("青森").await;
    app.create_staff("aomori", other, "supporter").await;
    let a = app.signed_in_as("aomori").await;
    assert_eq!(
        a.get(&format!("/offices/{office}/inquiries")).await.status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(a.get(&path).await.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn the_visitor_and_the_office_get_an_email() {
    let sink = crate::smtp_sink::SmtpSink::start().await;
    let url = sink.url();
    let app = crate::helpers::spawn_app_with(move |c| {
        c.smtp_url = url;
        c.outbox_interval_ms = 200;
    })
    .await;
    app.signed_in_admin().await;
    let page = app
        .submit(
            "/offices/new",
            "/offices",
            &[
                ("name", "西船橋"),
                ("prefecture", "千葉県"),
                ("address", "船橋市"),
                ("phone", "0470000000"),
                ("email", "office@example.jp"),
                ("published", "1"),
            ],
        )
        .await;
    let office = crate::helpers::id_from_location(&page.location(), "/offices/");
    let visitor = app.new_client();
    let (token, shown_at) = form_fields(&visitor, &app, office).await;
    tokio::time::sleep(Duration::from_millis(3100)).await;
    let o = office.to_string();
    let (status, _) = send(
        &visitor,
        &app,
        &[
            ("_csrf", &token),
            ("shown_at", &shown_at),
            ("kind", "tour"),
            ("office_id", &o),
            ("inquirer_name", "見学 太郎"),
            ("contact_by", "email"),
            ("email", "visitor@example.jp"),
            ("privacy", "1"),
            ("relationship", "self"),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let got = sink.wait_for(2, Duration::from_secs(10)).await;
    assert_eq!(got.len(), 2, "a confirmation and a notice");
    let to_visitor = got
        .iter()
        .find(|m| m.rcpt_to.iter().any(|r| r.contains("visitor@example.jp")))
        .expect("visitor mail");
    let subject = crate::email::decode_header(
        &crate::email::header(&to_visitor.data, "Subject").unwrap_or_default(),
    );
    assert_eq!(subject, "【定着】お問い合わせを受け付けました");
    assert!(crate::email::decode_body(&to_visitor.data).contains("西船橋"));
    let to_office = got
        .iter()
        .find(|m| m.rcpt_to.iter().any(|r| r.contains("office@example.jp")))
        .expect("office mail");
    let body = crate::email::decode_body(&to_office.data);
    assert!(
        body.contains("/inquiries/") && !body.contains("見学 太郎"),
        "the office notice carries no personal details"
    );
}

#[tokio::test]
async fn an_inquiry_becomes_a_client_without_retyping() {
    let app = spawn_app().await;
    let (office, _, _) = app.office_with_client().await;
    let page = app
        .submit(
            &format!("/offices/{office}/inquiries/new"),
            &format!("/offices/{office}/inquiries"),
            &[
                ("channel", "phone"),
                ("kind", "tour"),
                ("inquirer_name", "契約 三郎"),
                ("contact_by", "phone"),
                ("phone", "090-3333-4444"),
                ("email", "keiyaku@example.jp"),
            ],
        )
        .await;
    let id = crate::helpers::id_from_location(&page.location(), "/inquiries/");
    let show = app.get(&format!("/inquiries/{id}")).await;
    assert!(
        show.body
            .contains(&format!("/offices/{office}/clients/new?from_inquiry={id}"))
    );
    let form = app
        .get(&format!("/offices/{office}/clients/new?from_inquiry={id}"))
        .await;
    for v in [
        "value=\"契約 三郎\"",
        "value=\"090-3333-4444\"",
        "value=\"keiyaku@example.jp\"",
    ] {
        assert!(form.body.contains(v), "{v}");
    }
    let other = app.create_office("青森").await;
    let elsewhere = app
        .get(&format!("/offices/{other}/clients/new?from_inquiry={id}"))
        .await;
    assert!(
        !elsewhere.body.contains("契約 三郎"),
        "another office's inquiry is not carried over"
    );
}

#[tokio::test]
async fn the_inbox_counts_inquiries_visits_and_contracts_by_month() {
    let app = spawn_app().await;
    let (office, _, _) = app.office_with_client().await;
    let page = app
        .submit(
            &format!("/offices/{office}/inquiries/new"),
            &format!("/offices/{office}/inquiries"),
            &[
                ("channel", "phone"),
                ("kind", "tour"),
                ("inquirer_name", "件数 四郎"),
                ("contact_by", "phone"),
                ("phone", "090-5555-6666"),
            ],
        )
        .await;
    let id = crate::helpers::id_from_location(&page.location(), "/inquiries/");
    let path = format!("/inquiries/{id}");
    for (from, to) in [
        ("new", "contacted"),
        ("contacted", "tour_scheduled"),
        ("tour_scheduled", "toured"),
    ] {
        let r = app
            .submit(
                &path,
                &format!("{path}/move"),
                &[("from", from), ("to", to)],
            )
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{from} → {to}");
    }
    let month = teichaku::domain::month::YearMonth::of(teichaku::clock::today()).to_string();
    let inbox = app.get(&format!("/offices/{office}/inquiries")).await;
    let row_start = inbox
        .body
        .find(&format!("id=\"count-{month}\""))
        .expect("this month's row");
    let row = &inbox.body[row_start..row_start + inbox.body[row_start..].find("</tr>").unwrap()];
    assert!(row.contains("<td class=\"num\">1</td><td class=\"num\">1</td><td class=\"num\">0</td><td class=\"num\">0</td>"), "{row}");
}
