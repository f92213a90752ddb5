//! Intake (issue 12, item 6): the person writing (相談者) and the person who needs support
//! (ご本人) are told apart, with the 続柄; ご本人's employer and hire date are kept and the
//! staff page shows when 就労定着支援 can be used (domain.md §4: from the 7th month after the
//! hire); the thanks page repeats the tour slot and says it is a 仮予約. Both engines.

use std::time::Duration;

use reqwest::StatusCode;

use crate::helpers::{TestApp, csrf_in, spawn_app};
use crate::tours::add_slot;

/// The form's CSRF token and signed `shown_at`, read from the page as a browser would.
async fn open_form(visitor: &reqwest::Client, app: &TestApp, office: i64) -> (String, String) {
    let form = visitor
        .get(app.url(&format!("/inquiry?office={office}")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(form.contains("id=\"f-relationship\"") && form.contains("id=\"f-hire_date\""));
    let marker = "name=\"shown_at\" value=\"";
    let start = form.find(marker).expect("shown_at") + marker.len();
    let shown_at = form[start..start + form[start..].find('"').unwrap()].to_string();
    (csrf_in(&form).expect("token"), shown_at)
}

async fn published_office(app: &TestApp) -> i64 {
    crate::front_browser::published_office(app).await
}

#[tokio::test]
async fn a_parent_writes_for_their_son_and_staff_see_both() {
    let app = spawn_app().await;
    let office = published_office(&app).await;
    let slot = add_slot(&app, office, 5, 2).await;
    let visitor = app.new_client();
    let (token, shown_at) = open_form(&visitor, &app, office).await;
    tokio::time::sleep(Duration::from_millis(3100)).await;
    let (o, s) = (office.to_string(), slot.to_string());
    let form = |relationship: &'static str, person: &'static str| {
        vec![
            ("_csrf", token.clone()),
            ("shown_at", shown_at.clone()),
            ("kind", "tour".to_string()),
            ("office_id", o.clone()),
            ("tour_slot_id", s.clone()),
            ("inquirer_name", "山田 洋子".to_string()),
            ("relationship", relationship.to_string()),
            ("person_name", person.to_string()),
            ("employer_name", "株式会社みどり物流".to_string()),
            ("hire_date", "2026-01-05".to_string()),
            ("contact_by", "phone".to_string()),
            ("phone", "090-0000-0000".to_string()),
            ("privacy", "1".to_string()),
        ]
    };
    let post = |f: Vec<(&'static str, String)>| {
        let visitor = visitor.clone();
        let url = app.url("/inquiry");
        async move {
            let r = visitor.post(url).form(&f).send().await.unwrap();
            let location = r
                .headers()
                .get("location")
                .map(|l| l.to_str().unwrap().to_string())
                .unwrap_or_default();
            (r.status(), location, r.text().await.unwrap_or_default())
        }
    };
    // No 続柄, or a parent who leaves out their son's name: field messages, nothing kept.
    let (status, _, body) = post(form("", "")).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(body.contains("id=\"e-relationship\""), "{body}");
    let (status, _, body) = post(form("parent", " ")).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        body.contains("ご本人のお名前: 入力してください。"),
        "{body}"
    );
    assert!(
        body.contains("value=\"株式会社みどり物流\""),
        "typed input is kept"
    );
    assert_eq!(app.count("inquiries").await, 0);

    let (status, location, _) = post(form("parent", "山田 一郎")).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(location, format!("/inquiry/thanks?slot={slot}"));
    let thanks = visitor.get(app.url(&location)).send().await.unwrap();
    let thanks = thanks.text().await.unwrap();
    assert!(thanks.contains("id=\"tour-request-slot\""), "{thanks}");
    assert!(thanks.contains("西船橋") && thanks.contains("仮予約"));
    // A slot id that is no slot: the plain thanks, never an error.
    for bad in ["999999", "x", ""] {
        let r = visitor
            .get(app.url(&format!("/inquiry/thanks?slot={bad}")))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::OK, "{bad}");
        assert!(!r.text().await.unwrap().contains("tour-request"));
    }

    let (relationship, person, employer, hire): (String, String, String, Option<time::Date>) =
        teichaku::on_db!(&app.state.db, pool => sqlx::query_as(
            "SELECT relationship, person_name, employer_name, hire_date FROM inquiries")
            .fetch_one(pool).await)
        .expect("row");
    assert_eq!(
        (relationship.as_str(), person.as_str(), employer.as_str()),
        ("parent", "山田 一郎", "株式会社みどり物流")
    );
    assert_eq!(hire, Some(time::macros::date!(2026 - 01 - 05)));
    let id: i64 = teichaku::on_db!(&app.state.db, pool => sqlx::query_scalar(
        "SELECT id FROM inquiries").fetch_one(pool).await)
    .expect("id");
    let page = app.get(&format!("/inquiries/{id}")).await;
    assert_eq!(page.status, StatusCode::OK);
    for text in [
        "<h1>山田 洋子",
        "id=\"person-relationship\">親<",
        "id=\"person-name\">山田 一郎<",
        "株式会社みどり物流",
        "2026-01-05",
        "id=\"person-outlook\"",
        // Hired 2026-01-05: the 6 months end on 2026-07-04, the service may start on
        // 2026-07-05 and ends on 2029-07-04 (domain.md §4, 民法第143条).
        "2026-07-05",
        "2029-07-04",
    ] {
        assert!(page.body.contains(text), "staff page has {text:?}");
    }
}

#[tokio::test]
async fn staff_note_a_call_with_or_without_the_person() {
    let app = spawn_app().await;
    let office = published_office(&app).await;
    let path = format!("/offices/{office}/inquiries");
    let new = format!("{path}/new");
    assert!(app.get(&new).await.body.contains("id=\"f-relationship\""));
    let base = [
        ("channel", "phone"),
        ("kind", "question"),
        ("inquirer_name", "電話 花子"),
        ("contact_by", "phone"),
        ("phone", "090-0000-0000"),
        ("message", "利用について知りたい"),
    ];
    // Staff may leave the person out (a short call).
    let saved = app.submit(&new, &path, &base).await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    let shown = app.get(&saved.location().replace("?n=created", "")).await;
    assert!(shown.body.contains("id=\"person-outlook-none\""));
    // A bad hire date is a field message.
    let mut bad = base.to_vec();
    bad.push(("relationship", "self"));
    bad.push(("hire_date", "2026-02-30"));
    let refused = app.submit(&new, &path, &bad).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        refused.body.contains("id=\"e-hire_date\""),
        "{}",
        refused.body
    );
    // The person writing for themself: their own name is ご本人's.
    let mut me = base.to_vec();
    me.push(("relationship", "self"));
    me.push(("hire_date", "2020-04-01"));
    let saved = app.submit(&new, &path, &me).await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    let shown = app.get(&saved.location().replace("?n=created", "")).await;
    assert!(shown.body.contains("id=\"person-name\">電話 花子<"));
    assert!(
        shown
            .body
            .contains("就労定着支援を使える期間は終わっています。"),
        "hired 2020-04-01: the 42 months ended on 2023-09-30"
    );
}
