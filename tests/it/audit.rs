//! The audit log: rows for sign-in events and changes, with actor, target, time, request id
//! and address, and the admin page with filters.
use reqwest::StatusCode;

use crate::helpers::{ADMIN_LOGIN, spawn_app};

#[tokio::test]
async fn changes_carry_actor_target_and_the_request_id() {
    let app = spawn_app().await;
    app.signed_in_admin().await;
    let token = app.csrf("/offices/new").await;
    let r = app
        .client
        .post(app.url("/offices"))
        .form(&[
            ("_csrf", token.as_str()),
            ("name", "西船橋"),
            ("prefecture", "千葉県"),
            ("address", "x"),
            ("phone", "0470000000"),
        ])
        .send()
        .await
        .unwrap();
    let request_id = r.headers()["x-request-id"].to_str().unwrap().to_string();
    let rows = app.audit_rows("office.create").await;
    assert_eq!(rows.len(), 1);
    let (actor, target, rid) = &rows[0];
    assert_eq!(actor, ADMIN_LOGIN);
    let office_id: i64 = target.parse().unwrap();
    assert!(
        r.headers()["location"]
            .to_str()
            .unwrap()
            .starts_with(&format!("/offices/{office_id}"))
    );
    assert_eq!(rid, &request_id, "the audit row names the request");
    let address: String = teichaku::on_db!(&app.state.db, pool => sqlx::query_scalar(
        "SELECT address FROM audit_log WHERE action = 'office.create'").fetch_one(pool).await)
    .unwrap();
    assert_eq!(address, "127.0.0.1");
}

#[tokio::test]
async fn reading_a_client_record_is_audited() {
    let app = spawn_app().await;
    app.signed_in_admin().await;
    let office = app.create_office("青森").await;
    let mut tx = app.state.db.begin().await.unwrap();
    let id = teichaku::store::clients::insert(
        &mut tx,
        &teichaku::store::clients::NewClient {
            office_id: office,
            supporter_id: None,
            name: "山田 一子".into(),
            kana: "やまだ いちこ".into(),
            birth_date: time::macros::date!(1990 - 01 - 01),
        },
        teichaku::clock::now(),
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    assert_eq!(
        app.get(&format!("/clients/{id}")).await.status,
        StatusCode::OK
    );
    let rows = app.audit_rows("client.view").await;
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].1, id.to_string());
}

#[tokio::test]
async fn the_admin_page_lists_and_filters_the_log() {
    let app = spawn_app().await;
    app.signed_in_admin().await;
    app.another_browser()
        .login("nobody", "wrong password here")
        .await;
    app.create_office("西船橋").await;
    let all = app.get("/audit").await;
    assert_eq!(all.status, StatusCode::OK);
    for action in [
        "auth.sign_in",
        "auth.sign_in_failed",
        "office.create",
        "setup.complete",
    ] {
        assert!(all.body.contains(action), "{action} listed");
    }
    let only = app.get("/audit?action=office.create").await;
    assert!(only.body.contains("data-action=\"office.create\""));
    assert!(
        !only.body.contains("data-action=\"auth.sign_in\""),
        "filtered out"
    );
    let tomorrow = (teichaku::clock::today() + time::Duration::days(1)).to_string();
    let future = app.get(&format!("/audit?from={tomorrow}")).await;
    assert!(future.body.contains("該当する記録はありません。"));
    let bad = app.get("/audit?from=2026-13-45").await;
    assert!(bad.body.contains("日付は 2026-04-01 の形で"));
}

/// The `href` of the "older" link, unescaped, if the page has one.
fn older_link(body: &str) -> Option<String> {
    let end = body.find("\">さらに古い記録")?;
    let start = body[..end].rfind("href=\"")? + "href=\"".len();
    Some(body[start..end].replace("&amp;", "&").replace("&#38;", "&"))
}

#[tokio::test]
async fn the_admin_page_reads_in_japanese_and_pages_through_a_large_log() {
    use teichaku::domain::audit::Action;
    use teichaku::store::audit::{Entry, record_now};

    let app = spawn_app().await;
    app.signed_in_admin().await;
    let office = app.create_office("西船橋").await;
    let admin: i64 = teichaku::on_db!(&app.state.db, pool => sqlx::query_scalar(
        "SELECT id FROM staff WHERE login = $1").bind(ADMIN_LOGIN).fetch_one(pool).await)
    .expect("admin id");
    // 2026-12-01 04:05 UTC is 13:05 in Japan.
    let at = time::macros::datetime!(2026-12-01 04:05 UTC);
    for i in 0..250 {
        let entry = Entry {
            at,
            actor_id: Some(admin),
            actor_label: ADMIN_LOGIN.into(),
            action: Action::OfficeUpdate,
            target_type: "office",
            target_id: office.to_string(),
            office_id: Some(office),
            client_id: None,
            detail: format!("row-{i:03}"),
            request_id: String::new(),
            address: String::new(),
        };
        record_now(&app.state.db, &entry).await.expect("row");
    }

    let first = app.get("/audit").await;
    assert_eq!(first.status, StatusCode::OK);
    let row = first
        .body
        .split("<tr>")
        .find(|r| r.contains("<td>row-249</td>"))
        .expect("the newest row on the first page");
    for shown in [
        "2026-12-01 13:05",
        "管理 太郎",
        "事業所情報の変更",
        "西船橋",
    ] {
        assert!(row.contains(shown), "{shown} in {row}");
    }
    assert!(!row.contains("+00:00"), "{row}");
    assert!(
        !row.contains(">admin<"),
        "the display name, not the login: {row}"
    );
    assert!(
        first
            .body
            .contains("<option value=\"office.update\">事業所情報の変更</option>"),
        "the filter lists the action names"
    );

    let mut seen = vec![0; 250];
    let mut pages = 0;
    let mut page = first;
    loop {
        pages += 1;
        assert_eq!(page.status, StatusCode::OK);
        for (i, n) in seen.iter_mut().enumerate() {
            *n += page.body.matches(&format!("<td>row-{i:03}</td>")).count();
        }
        match older_link(&page.body) {
            Some(href) => {
                assert!(href.contains("before="), "{href}");
                page = app.get(&href).await;
            }
            None => break,
        }
        assert!(pages < 10, "the paging ends");
    }
    assert_eq!(pages, 3, "100 rows a page");
    let wrong: Vec<_> = seen.iter().enumerate().filter(|(_, n)| **n != 1).collect();
    assert!(wrong.is_empty(), "every row exactly once: {wrong:?}");
}

/// Issue 16 item 5: the access report of one client lists who read or changed their
/// record and when, the client's own reads included, and nothing of another client.
#[tokio::test]
async fn the_access_report_lists_who_read_or_changed_one_clients_record() {
    let app = crate::helpers::spawn_app().await;
    let (office, sato, client) = app.office_with_client().await;
    let other = app
        .register_client(office, "田中 次郎", "たなか じろう", sato)
        .await;
    let supporter = app.signed_in_as("sato").await;
    assert_eq!(
        supporter.get(&format!("/clients/{client}")).await.status,
        reqwest::StatusCode::OK
    );
    app.consent_for_employer(client, "山田 課長", &["work_status"])
        .await;
    app.get(&format!("/clients/{other}")).await;
    let me = app.as_client(client, sato).await;
    me.get("/me").await;

    // A supporter may not print it (the manager or an administrator handles 本人開示).
    let path = format!("/clients/{client}/access");
    assert_eq!(
        supporter.get(&path).await.status,
        reqwest::StatusCode::FORBIDDEN
    );
    let page = app.get(&path).await;
    assert_eq!(page.status, reqwest::StatusCode::OK, "{}", page.body);
    let table = &page.body[page.body.find("id=\"access-rows\"").expect("table")..];
    assert!(table.contains("閲覧"), "reads are listed: {table}");
    assert!(table.contains("ご本人"), "the client's own read");
    assert!(table.contains("consent"), "the consent under the client");
    assert!(
        !table.contains(&format!("client {other}<")),
        "nothing of another client"
    );
    let rows = teichaku::store::audit::for_client(&app.state.db, client)
        .await
        .expect("rows");
    assert!(rows.iter().any(|r| r.action == "consent.create"));
    assert!(rows.iter().any(|r| r.action == "portal.view"));
    assert!(
        rows.iter()
            .all(|r| r.target_id != other.to_string() || r.target_type != "client")
    );
    assert_eq!(app.audit_rows("client.access_report").await.len(), 1);
}
