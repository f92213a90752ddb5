//! The office finder a page at a time (keyset by id, 次へ/前へ links that are plain links)
//! and the public pages' cache (#13 item 2): ETag and Last-Modified, 304 for a visitor who
//! has the page, and a change made on one node seen on the other at once (two servers on
//! one database). Both engines.
use reqwest::StatusCode;
use reqwest::header::{ETAG, IF_NONE_MATCH, LAST_MODIFIED};

use crate::helpers::{TestApp, spawn_app};

async fn office(app: &TestApp, name: &str, prefecture: &str) -> i64 {
    let fields = [
        ("name", name),
        ("prefecture", prefecture),
        ("address", "中央1-0-0"),
        ("phone", "047-000-0000"),
        ("published", "1"),
    ];
    let page = app.submit("/offices/new", "/offices", &fields).await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    crate::helpers::id_from_location(&page.location(), "/offices/")
}

/// The `href` of the link with `rel`, unescaped.
/// The admin renames office `id` (in 千葉県, published) through its form.
async fn rename(app: &TestApp, id: i64, name: &str) {
    let page = app
        .submit(
            &format!("/offices/{id}/edit"),
            &format!("/offices/{id}"),
            &[
                ("name", name),
                ("prefecture", "千葉県"),
                ("address", "中央1-0-0"),
                ("phone", "047-000-0000"),
                ("published", "1"),
                ("plan_review_months", "6"),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
}

fn link(body: &str, rel: &str) -> Option<String> {
    let at = body.find(&format!("rel=\"{rel}\" href=\""))?;
    let rest = &body[at + rel.len() + 13..];
    Some(
        rest[..rest.find('"')?]
            .replace("&#38;", "&")
            .replace("&amp;", "&"),
    )
}

/// The office cards on a page, by name.
fn names(body: &str) -> Vec<String> {
    body.match_indices("事業所P")
        .map(|(i, _)| body[i..i + "事業所P".len() + 2].to_string())
        .collect()
}

#[tokio::test]
async fn the_finder_pages_by_keyset_with_plain_links() {
    let app = spawn_app().await;
    app.signed_in_admin().await;
    for i in 0..23 {
        office(&app, &format!("事業所P{i:02}"), "千葉県").await;
    }
    office(&app, "静岡の事業所", "静岡県").await;
    let visitor = app.new_client();
    let get = async |path: &str| {
        let r = visitor.get(app.url(path)).send().await.expect("GET");
        assert_eq!(r.status(), StatusCode::OK, "{path}");
        r.text().await.expect("body")
    };

    let first = get("/find").await;
    assert_eq!(names(&first).len(), 20, "20 a page by default");
    assert!(first.contains("24 か所"), "the count is of all offices");
    assert!(first.contains("aria-label=\"ページ送り\""));
    assert!(link(&first, "prev").is_none(), "no 前へ on the first page");
    let next = link(&first, "next").expect("次へ");
    assert!(next.contains("after="), "{next}");
    let second = get(&next).await;
    let mut on_second = names(&second);
    assert_eq!(on_second, ["事業所P20", "事業所P21", "事業所P22"]);
    assert!(second.contains("静岡の事業所"));
    assert!(link(&second, "next").is_none(), "the last page");
    let back = get(&link(&second, "prev").expect("前へ")).await;
    assert_eq!(
        names(&back),
        names(&first),
        "前へ gives the first page again"
    );
    assert!(link(&back, "prev").is_none());
    on_second.clear();

    let chiba = get("/find?prefecture=%E5%8D%83%E8%91%89%E7%9C%8C&size=50").await;
    assert_eq!(names(&chiba).len(), 23);
    assert!(!chiba.contains("静岡の事業所") && chiba.contains("23 か所"));
    assert!(link(&chiba, "next").is_none() && link(&chiba, "prev").is_none());
    // A size not offered, an unknown prefecture or a bad id: the first page, not an error.
    let odd = get("/find?size=100000&prefecture=x&after=abc").await;
    assert_eq!(names(&odd).len(), 20);
}

#[tokio::test]
async fn public_pages_are_cacheable_and_a_change_on_one_node_is_seen_on_the_other() {
    let a = spawn_app().await;
    a.signed_in_admin().await;
    let id = office(&a, "キャッシュ前の名前", "千葉県").await;
    let b = a.another_node(|_| {}).await;
    let visitor = a.new_client();

    for path in ["/find".to_string(), format!("/find/{id}"), "/guide".into()] {
        // Node B makes and keeps the page; node A has the same tag.
        let first = visitor.get(b.url(&path)).send().await.expect("GET");
        assert_eq!(first.status(), StatusCode::OK, "{path}");
        let tag = first.headers()[ETAG].to_str().expect("etag").to_string();
        assert!(first.headers().contains_key(LAST_MODIFIED), "{path}");
        let again = visitor
            .get(a.url(&path))
            .header(IF_NONE_MATCH, &tag)
            .send()
            .await
            .expect("GET");
        assert_eq!(again.status(), StatusCode::NOT_MODIFIED, "{path}");
        assert_eq!(again.text().await.expect("body"), "");
    }
    let before = visitor.get(b.url("/find")).send().await.expect("GET");
    let old_tag = before.headers()[ETAG].to_str().expect("etag").to_string();
    assert!(
        before
            .text()
            .await
            .expect("body")
            .contains("キャッシュ前の名前")
    );

    // The admin renames the office on node A; node B, which kept the page, shows the change.
    rename(&a, id, "変更後の名前").await;
    let after = visitor
        .get(b.url("/find"))
        .header(IF_NONE_MATCH, &old_tag)
        .send()
        .await
        .expect("GET");
    assert_eq!(after.status(), StatusCode::OK, "the old tag is stale");
    assert_ne!(after.headers()[ETAG].to_str().expect("etag"), old_tag);
    let body = after.text().await.expect("body");
    assert!(body.contains("変更後の名前") && !body.contains("キャッシュ前の名前"));

    // A signed-in person's page is theirs: made each time, no tag.
    let staff_view = a.client.get(a.url("/find")).send().await.expect("GET");
    assert_eq!(staff_view.status(), StatusCode::OK);
    assert!(!staff_view.headers().contains_key(ETAG));
}

/// The administrator's office list pages by keyset (50 a page); the home shows the first 20
/// with a link on.
#[tokio::test]
async fn the_office_list_and_the_admin_home_page_through_offices() {
    let app = spawn_app().await;
    app.signed_in_admin().await;
    for i in 0..52 {
        office(&app, &format!("事業所P{i:02}"), "千葉県").await;
    }
    let first = app.get("/offices").await;
    assert_eq!(first.status, StatusCode::OK);
    assert_eq!(names(&first.body).len(), 50);
    assert!(link(&first.body, "prev").is_none());
    let second = app.get(&link(&first.body, "next").expect("次へ")).await;
    assert_eq!(names(&second.body), ["事業所P50", "事業所P51"]);
    assert!(link(&second.body, "next").is_none());
    let back = app.get(&link(&second.body, "prev").expect("前へ")).await;
    assert_eq!(names(&back.body), names(&first.body));

    let home = app.get("/").await;
    assert_eq!(home.status, StatusCode::OK);
    assert_eq!(names(&home.body).len(), 20, "the home shows the first 20");
    let on = app
        .get(&link(&home.body, "next").expect("次へ on the home"))
        .await;
    assert_eq!(
        names(&on.body).first().map(String::as_str),
        Some("事業所P20")
    );
}

/// A node trusts the version it read for `public_recheck_ms`: within that time it answers
/// from its kept page even after another node changed the office (at most that stale), and
/// once the time has passed it reads the version again and shows the change.
#[tokio::test]
async fn a_node_reads_the_public_version_again_after_its_interval() {
    let a = spawn_app().await;
    a.signed_in_admin().await;
    let id = office(&a, "間隔前の名前", "千葉県").await;
    // B trusts its version for a minute, C for 1.5 s.
    let b = a.another_node(|c| c.public_recheck_ms = 60_000).await;
    let c = a.another_node(|c| c.public_recheck_ms = 1_500).await;
    let visitor = a.new_client();
    let find = |node: &TestApp| visitor.get(node.url("/find")).send();
    for node in [&b, &c] {
        let first = find(node).await.expect("GET").text().await.expect("body");
        assert!(first.contains("間隔前の名前"));
    }

    rename(&a, id, "間隔後の名前").await;
    // Node A reads the version on every request (the tests' setting): the change at once.
    let on_a = find(&a).await.expect("GET").text().await.expect("body");
    assert!(on_a.contains("間隔後の名前"));
    // Node B, within its minute, answers from the page it kept.
    let on_b = find(&b).await.expect("GET").text().await.expect("body");
    assert!(
        on_b.contains("間隔前の名前"),
        "within its interval B keeps its page"
    );
    // Node C, once its 1.5 s have passed, reads the version again and shows the change.
    tokio::time::sleep(std::time::Duration::from_millis(1_600)).await;
    let on_c = find(&c).await.expect("GET").text().await.expect("body");
    assert!(
        on_c.contains("間隔後の名前") && !on_c.contains("間隔前の名前"),
        "after its interval C shows the change"
    );
}
