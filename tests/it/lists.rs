//! Long lists read a page at a time (#13): the client list by (ふりがな, id), the inquiry
//! inbox by (received_at, id) within its status filter, and the audit log's staff and office
//! typed instead of chosen from every one of them. Paging forwards and back returns every
//! row exactly once in order, with rows tied on the sort key across page edges.
use reqwest::StatusCode;
use teichaku::on_db;
use time::{Date, Duration, OffsetDateTime};

use crate::helpers::{TestApp, spawn_app};

/// The `href` of the paging link `rel` ("next"/"prev"), unescaped.
fn link(body: &str, rel: &str) -> Option<String> {
    let at = body.find(&format!("<a rel=\"{rel}\" href=\""))? + 16 + rel.len();
    let end = body[at..].find('"')?;
    Some(
        body[at..at + end]
            .replace("&amp;", "&")
            .replace("&#38;", "&"),
    )
}

/// The ids in the page's links `prefix{id}"`, in page order.
fn ids(body: &str, prefix: &str) -> Vec<i64> {
    body.split(prefix)
        .skip(1)
        .filter_map(|s| s.split('"').next()?.parse().ok())
        .collect()
}

/// Every page from `first`, following `rel`: the ids of each page, in order.
async fn walk(app: &TestApp, first: &str, rel: &str, prefix: &str) -> Vec<Vec<i64>> {
    let mut pages = Vec::new();
    let mut next = Some(first.to_string());
    while let Some(path) = next {
        let page = app.get(&path).await;
        assert_eq!(page.status, StatusCode::OK, "{path}");
        pages.push(ids(&page.body, prefix));
        next = link(&page.body, rel);
        assert!(pages.len() < 20, "the paging ends");
    }
    pages
}

async fn insert_client(app: &TestApp, office: i64, name: &str, kana: &str) -> i64 {
    let mut tx = app.state.db.begin().await.unwrap();
    let id = teichaku::store::clients::insert(
        &mut tx,
        &teichaku::store::clients::NewClient {
            office_id: office,
            supporter_id: None,
            name: name.into(),
            kana: kana.into(),
            birth_date: time::macros::date!(1990 - 01 - 01),
        },
        teichaku::clock::now(),
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    id
}

async fn hire(app: &TestApp, client: i64, on: Date) {
    let now = teichaku::clock::now();
    on_db!(&app.state.db, pool => sqlx::query(
        "INSERT INTO employments (client_id, employer_name, workplace_address, supervisor_name,
                                  supervisor_contact, job_title, weekly_minutes,
                                  ordinary_employment, hire_date, created_at, updated_at)
         VALUES ($1, '株式会社みどり物流', '船橋市', '', '', '軽作業', 1800, TRUE, $2, $3, $3)")
        .bind(client).bind(on).bind(now).execute(pool).await.map(|_| ()))
    .expect("employment");
}

#[tokio::test]
async fn the_client_list_pages_every_client_once_in_kana_order() {
    let app = spawn_app().await;
    let (office, _, first) = app.office_with_client().await;
    // 121 clients (with 山田 花子, "やまだ はなこ"), most of them tied on ふりがな in
    // groups of up to 13, so page edges (50 a page) fall inside ties.
    let kana = [
        "あいだ",
        "いとう",
        "うえだ",
        "えんどう",
        "おかだ",
        "かとう",
        "きむら",
    ];
    let mut all = vec![(String::from("やまだ はなこ"), first)];
    for i in 0..120 {
        let k = kana[i % kana.len()];
        let id = insert_client(&app, office, &format!("利用者 {i:03}"), k).await;
        all.push((k.to_string(), id));
    }
    let other = app.create_office("青森").await;
    let stranger = insert_client(&app, other, "他 事業所", "あいだ").await;
    all.sort();
    let expected: Vec<i64> = all.iter().map(|(_, id)| *id).collect();

    let first_page = format!("/offices/{office}/clients");
    let pages = walk(&app, &first_page, "next", "<a href=\"/clients/").await;
    assert_eq!(
        pages.iter().map(Vec::len).collect::<Vec<_>>(),
        [50, 50, 21],
        "50 a page"
    );
    assert_eq!(pages.concat(), expected, "every client once, by (kana, id)");
    assert!(!pages.concat().contains(&stranger), "only this office");
    let top = app.get(&first_page).await;
    assert!(top.body.contains("121 人"), "the total on every page");

    // From the last page back with 前へ: the same pages, the other way.
    let last_path = {
        let mut path = first_page.clone();
        for _ in 0..2 {
            path = link(&app.get(&path).await.body, "next").expect("next");
        }
        path
    };
    let mut back = walk(&app, &last_path, "prev", "<a href=\"/clients/").await;
    back.reverse();
    assert_eq!(back, pages, "前へ retraces the pages");

    // A cursor of another office's client shows nothing of either office.
    let foreign = app
        .get(&format!("/offices/{office}/clients?after={stranger}"))
        .await;
    assert_eq!(foreign.status, StatusCode::OK);
    assert!(ids(&foreign.body, "<a href=\"/clients/").is_empty());
}

#[tokio::test]
async fn the_client_list_filters_by_stage_name_and_supporter_in_sql() {
    let app = spawn_app().await;
    let (office, sato, hanako) = app.office_with_client().await;
    let suzuki = app.create_staff("suzuki", office, "supporter").await;
    let today = teichaku::clock::today();
    let make = |name: &'static str, kana: &'static str, supporter: i64| {
        let app = &app;
        async move { app.register_client(office, name, kana, supporter).await }
    };
    let former = make("終了 一郎", "しゅうりょう いちろう", sato).await;
    let active = make("利用 二郎", "りよう じろう", suzuki).await;
    let early = make("開始前 三郎", "かいしまえ さぶろう", sato).await;
    // Hired 4 years ago: the 42 months from the hire are over (domain.md §4).
    hire(&app, former, today - Duration::days(4 * 365)).await;
    hire(&app, active, today - Duration::days(365)).await;
    hire(&app, early, today - Duration::days(30)).await;
    // 山田 花子 has no employment.

    let shown = |q: &'static str| {
        let app = &app;
        async move {
            let page = app.get(&format!("/offices/{office}/clients?{q}")).await;
            assert_eq!(page.status, StatusCode::OK, "{q}");
            let mut got = ids(&page.body, "<a href=\"/clients/");
            got.sort_unstable();
            got
        }
    };
    let sorted = |mut v: Vec<i64>| {
        v.sort_unstable();
        v
    };
    for (q, expected) in [
        ("", vec![hanako, former, active, early]),
        ("status=current", vec![hanako, active, early]),
        ("status=ended", vec![former]),
        ("status=active", vec![active]),
        ("status=before_start", vec![early]),
        ("status=no_employment", vec![hanako]),
        ("status=ending_soon", vec![]),
        ("status=nonsense", vec![hanako, former, active, early]),
        ("q=%E3%81%97%E3%82%85%E3%81%86", vec![former]), // しゅう
        ("q=%E5%88%A9%E7%94%A8%E3%80%80%E4%BA%8C", vec![active]), // 利用　二 (full-width space)
        ("q=%25", vec![]),
    ] {
        assert_eq!(shown(q).await, sorted(expected), "{q}");
    }
    let by_sato = format!("supporter={sato}&status=current");
    let page = app
        .get(&format!("/offices/{office}/clients?{by_sato}"))
        .await;
    let mut got = ids(&page.body, "<a href=\"/clients/");
    got.sort_unstable();
    assert_eq!(got, sorted(vec![hanako, early]));
    assert!(page.body.contains("2 人"), "the filtered total");
}

async fn insert_inquiry(
    app: &TestApp,
    office: i64,
    name: &str,
    status: &str,
    at: OffsetDateTime,
) -> i64 {
    on_db!(&app.state.db, pool => sqlx::query_scalar(
        "INSERT INTO inquiries (office_id, kind, channel, name, contact_by, status, received_at, updated_at)
         VALUES ($1, 'question', 'web', $2, 'phone', $3, $4, $4) RETURNING id")
        .bind(office).bind(name).bind(status).bind(at).fetch_one(pool).await)
    .expect("inquiry")
}

#[tokio::test]
async fn the_inbox_pages_open_inquiries_newest_first_and_filters_by_status() {
    let app = spawn_app().await;
    let (office, _, _) = app.office_with_client().await;
    let base = teichaku::clock::now() - Duration::days(1);
    // 130 inquiries received in groups of 9 at the same instant; every fourth is done.
    let mut open = Vec::new();
    let mut every = Vec::new();
    let mut closed = Vec::new();
    for i in 0..130i64 {
        let at = base - Duration::hours(i / 9);
        let status = match i % 4 {
            0 => "closed",
            1 => "new",
            2 => "contacted",
            _ => "applying",
        };
        let id = insert_inquiry(&app, office, &format!("問い合わせ {i:03}"), status, at).await;
        every.push((at, id));
        if status == "closed" {
            closed.push((at, id));
        } else {
            open.push((at, id));
        }
    }
    let other = app.create_office("青森").await;
    let stranger = insert_inquiry(&app, other, "他 事業所", "new", base).await;
    let newest_first = |mut v: Vec<(OffsetDateTime, i64)>| {
        v.sort_by(|a, b| b.cmp(a));
        v.into_iter().map(|(_, id)| id).collect::<Vec<_>>()
    };
    let link_of = "<a href=\"/inquiries/";
    for (query, expected, sizes) in [
        ("", newest_first(open.clone()), vec![50, 47]),
        ("?status=all", newest_first(every.clone()), vec![50, 50, 30]),
        ("?status=closed", newest_first(closed.clone()), vec![33]),
    ] {
        let first = format!("/offices/{office}/inquiries{query}");
        let pages = walk(&app, &first, "next", link_of).await;
        assert_eq!(
            pages.iter().map(Vec::len).collect::<Vec<_>>(),
            sizes,
            "{query}"
        );
        assert_eq!(pages.concat(), expected, "{query}: each once, newest first");
        assert!(!pages.concat().contains(&stranger));
        if pages.len() > 1 {
            let mut last = first.clone();
            for _ in 1..pages.len() {
                last = link(&app.get(&last).await.body, "next").expect("next");
            }
            let mut back = walk(&app, &last, "prev", link_of).await;
            back.reverse();
            assert_eq!(back, pages, "{query}: 前へ retraces the pages");
        }
    }
    // An inquiry that is closed after its page was shown does not move the next page.
    let page1 = app.get(&format!("/offices/{office}/inquiries")).await;
    let next = link(&page1.body, "next").expect("next");
    let cursor: i64 = next.rsplit('=').next().unwrap().parse().unwrap();
    on_db!(&app.state.db, pool => sqlx::query("UPDATE inquiries SET status = 'closed' WHERE id = $1")
        .bind(cursor).execute(pool).await.map(|_| ()))
    .unwrap();
    let page2 = app.get(&next).await;
    assert_eq!(
        ids(&page2.body, link_of),
        newest_first(open.clone())[50..].to_vec()
    );
    // Another office's id as the cursor shows nothing.
    let foreign = app
        .get(&format!("/offices/{office}/inquiries?after={stranger}"))
        .await;
    assert!(ids(&foreign.body, link_of).is_empty());
}

/// The audit rows' `data-action` cells on a page.
fn listed(body: &str) -> usize {
    body.matches("data-action=").count()
}

#[tokio::test]
async fn the_audit_log_takes_a_typed_staff_member_and_office() {
    let app = spawn_app().await;
    app.signed_in_admin().await;
    let page = app
        .submit(
            "/offices/new",
            "/offices",
            &[
                ("name", "西船橋"),
                ("office_number", "1234567890"),
                ("prefecture", "千葉県"),
                ("address", "船橋市西船4-0-0"),
                ("phone", "047-000-0000"),
            ],
        )
        .await;
    let nishi = crate::helpers::id_from_location(&page.location(), "/offices/");
    let funa = app.create_office("船橋北").await;
    app.create_office("青森").await;
    app.create_staff("tanaka1", nishi, "supporter").await;
    app.create_staff("tanaka2", funa, "manager").await;
    let rename = |login: &'static str, name: &'static str| {
        let app = &app;
        async move {
            on_db!(&app.state.db, pool => sqlx::query("UPDATE staff SET display_name = $2 WHERE login = $1")
                .bind(login).bind(name).execute(pool).await.map(|_| ()))
            .unwrap();
        }
    };
    rename("tanaka1", "田中 一郎").await;
    rename("tanaka2", "田中 二郎").await;
    // Each signs in once: a row by each.
    for login in ["tanaka1", "tanaka2"] {
        app.signed_in_as(login).await;
    }

    // A login typed whole: only that staff member's rows, and who it is under the field.
    let one = app.get("/audit?actor=TANAKA1").await;
    assert_eq!(one.status, StatusCode::OK);
    assert!(
        one.body.contains("選択中：田中 一郎 (tanaka1)"),
        "{}",
        one.body
    );
    assert_eq!(listed(&one.body), 1, "the sign-in of tanaka1");
    // A name typed in part naming two: the choices, as links, and no rows yet.
    let two = app.get("/audit?actor=%E7%94%B0%E4%B8%AD").await; // 田中
    assert_eq!(two.status, StatusCode::OK);
    assert!(two.body.contains("該当する職員が複数います"));
    assert_eq!(listed(&two.body), 0);
    assert!(two.body.contains("id=\"not-listed\""));
    let choices = &two.body[two.body.find("id=\"choose-actor\"").expect("choices")..];
    let choice = choices
        .split("<li><a href=\"")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .expect("a choice")
        .replace("&amp;", "&")
        .replace("&#38;", "&");
    assert!(choice.contains("actor=tanaka1"), "{choice}");
    assert_eq!(listed(&app.get(&choice).await.body), 1);
    // A whole name naming one.
    let whole = app
        .get("/audit?actor=%E7%94%B0%E4%B8%AD%E4%BA%8C%E9%83%8E")
        .await; // 田中二郎
    assert!(whole.body.contains("選択中：田中 二郎 (tanaka2)"));
    // Nothing matches: a message at the field, the page still there.
    let none = app.get("/audit?actor=nobody-at-all").await;
    assert_eq!(none.status, StatusCode::OK);
    assert!(
        none.body
            .contains("<p class=\"field-error\" id=\"e-actor\">該当する職員がいません。</p>")
    );
    assert!(none.body.contains("aria-invalid=\"true\""));
    assert_eq!(listed(&none.body), 0);

    // The office by number (full-width digits too) and by part of its name.
    let rows_of = |office: i64| {
        let app = &app;
        async move {
            let n: i64 = on_db!(&app.state.db, pool => sqlx::query_scalar(
                "SELECT COUNT(*) FROM audit_log WHERE office_id = $1").bind(office).fetch_one(pool).await)
            .unwrap();
            n as usize
        }
    };
    for query in [
        "office=1234567890",
        "office=%EF%BC%91%EF%BC%92%EF%BC%93%EF%BC%94%EF%BC%95%EF%BC%96%EF%BC%97%EF%BC%98%EF%BC%99%EF%BC%90",
        "office=%E8%A5%BF%E8%88%B9", // 西船
    ] {
        let page = app.get(&format!("/audit?{query}")).await;
        assert!(page.body.contains("選択中：西船橋 (1234567890)"), "{query}");
        assert_eq!(listed(&page.body), rows_of(nishi).await, "{query}");
    }
    // 船橋 is the whole name of none but part of two: choose.
    let both = app.get("/audit?office=%E8%88%B9%E6%A9%8B").await; // 船橋
    assert!(both.body.contains("該当する事業所が複数あります"));
    assert!(both.body.contains("office=1234567890"));
    assert!(
        both.body.contains("office=%E8%88%B9%E6%A9%8B%E5%8C%97"),
        "by name when no number"
    );
    let none = app.get("/audit?office=%E6%9C%AD%E5%B9%8C").await; // 札幌
    assert!(none.body.contains("該当する事業所がありません。"));

    // Only administrators read the log: a manager is refused, whatever the office.
    let manager = app.signed_in_as("tanaka2").await;
    assert_eq!(
        manager.get(&format!("/audit?office={funa}")).await.status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        manager.get("/audit?office=1234567890").await.status,
        StatusCode::FORBIDDEN
    );
}

#[tokio::test]
async fn the_audit_page_does_not_grow_with_the_staff_and_offices() {
    let app = spawn_app().await;
    app.signed_in_admin().await;
    app.create_office("事業所 00").await;
    let tomorrow = (teichaku::clock::today() + Duration::days(1)).to_string();
    let path = format!("/audit?from={tomorrow}");
    let before = app.get(&path).await;
    for i in 1..=12 {
        let office = app.create_office(&format!("事業所 {i:02}")).await;
        app.create_staff(&format!("staff{i:02}"), office, "supporter")
            .await;
    }
    let after = app.get(&path).await;
    assert!(!after.body.contains("staff07"), "no staff listed");
    assert!(!after.body.contains("事業所 07"), "no office listed");
    let grew = after.body.len().abs_diff(before.body.len());
    assert!(
        grew < 64,
        "{} → {} bytes",
        before.body.len(),
        after.body.len()
    );
}

#[tokio::test]
async fn the_three_lists_read_in_english() {
    let app = spawn_app().await;
    let (office, _, _) = app.office_with_client().await;
    app.get("/lang/en").await;
    let clients = app.get(&format!("/offices/{office}/clients")).await;
    assert!(clients.body.contains("Current clients (all but ended)"));
    assert!(clients.body.contains("1 clients"));
    let inbox = app.get(&format!("/offices/{office}/inquiries")).await;
    assert!(inbox.body.contains("Open (new or in progress)"));
    assert!(inbox.body.contains("Newest first, 50 a page."));
    let audit = app.get("/audit?actor=nobody-at-all").await;
    assert!(audit.body.contains("Staff member (login ID or name)"));
    assert!(audit.body.contains("No staff member matches."));
    for page in [&clients, &inbox, &audit] {
        assert!(!page.body.contains("該当する"), "no Japanese message left");
    }
}
