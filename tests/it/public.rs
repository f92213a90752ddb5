//! The public site: office finder, office pages, the guide (and its admin editing), the fee
//! simulator. No sign-in; both engines.
use reqwest::StatusCode;

use crate::helpers::{TestApp, spawn_app};

async fn office(app: &TestApp, name: &str, prefecture: &str, published: bool) -> i64 {
    let mut fields = vec![
        ("name", name),
        ("prefecture", prefecture),
        ("address", "中央1-0-0"),
        ("nearest_station", "中央駅"),
        ("phone", "047-000-0000"),
        ("hours", "平日 9:00〜18:00"),
        ("services", "就労定着支援"),
    ];
    if published {
        fields.push(("published", "1"));
    }
    let page = app.submit("/offices/new", "/offices", &fields).await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    crate::helpers::id_from_location(&page.location(), "/offices/")
}

#[tokio::test]
async fn visitors_find_published_offices_by_prefecture() {
    let app = spawn_app().await;
    app.signed_in_admin().await;
    let funabashi = office(&app, "西船橋", "千葉県", true).await;
    office(&app, "浜松駅前", "静岡県", true).await;
    let hidden = office(&app, "準備中の事業所", "千葉県", false).await;
    let visitor = app.new_client();
    let get = |path: String| {
        let visitor = visitor.clone();
        let url = app.url(&path);
        async move {
            let r = visitor.get(url).send().await.unwrap();
            (r.status(), r.text().await.unwrap())
        }
    };
    let (status, all) = get("/find".into()).await;
    assert_eq!(status, StatusCode::OK);
    assert!(all.contains("西船橋") && all.contains("浜松駅前") && !all.contains("準備中"));
    let (_, chiba) = get(format!(
        "/find?prefecture={}",
        "%E5%8D%83%E8%91%89%E7%9C%8C"
    ))
    .await;
    assert!(chiba.contains("西船橋") && !chiba.contains("浜松駅前"));
    let (status, page) = get(format!("/find/{funabashi}")).await;
    assert_eq!(status, StatusCode::OK);
    for text in [
        "千葉県中央1-0-0",
        "中央駅",
        "平日 9:00〜18:00",
        "tel:0470000000",
        "https://www.google.com/maps/search/",
    ] {
        assert!(page.contains(text), "{text}");
    }
    assert_eq!(
        get(format!("/find/{hidden}")).await.0,
        StatusCode::NOT_FOUND,
        "unpublished offices are not public"
    );
    assert_eq!(get("/find/999999".into()).await.0, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn the_guide_is_built_in_until_an_admin_edits_it() {
    let app = spawn_app().await;
    app.signed_in_admin().await;
    let visitor = app.new_client();
    let guide = visitor
        .get(app.url("/guide"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(guide.contains("就労移行支援とのちがい") && guide.contains("7か月目"));
    let bad = app
        .submit(
            "/admin/guide",
            "/admin/guide",
            &[("title_0", "見出しだけ"), ("body_0", "")],
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.body.contains("見出しと本文の両方を入力してください。"));
    assert!(bad.body.contains("value=\"見出しだけ\""), "typed text kept");
    let ok = app
        .submit(
            "/admin/guide",
            "/admin/guide",
            &[
                ("title_0", "私たちについて"),
                (
                    "body_0",
                    "西船橋で就労定着支援をしています。\n\n見学はいつでもどうぞ。",
                ),
            ],
        )
        .await;
    assert_eq!(ok.status, StatusCode::SEE_OTHER);
    let guide = visitor
        .get(app.url("/guide"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        guide.contains("私たちについて")
            && guide.contains("見学はいつでもどうぞ。")
            && !guide.contains("就労移行支援とのちがい")
    );
    assert_eq!(app.audit_rows("guide.update").await.len(), 1);
    let other = app.create_office("西船橋").await;
    app.create_staff("sato", other, "supporter").await;
    let sato = app.signed_in_as("sato").await;
    assert_eq!(sato.get("/admin/guide").await.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn the_fee_simulator_answers_with_the_rules() {
    let app = spawn_app().await;
    let visitor = app.new_client();
    let get = |q: &'static str| {
        let url = app.url(&format!("/simulator{q}"));
        let visitor = visitor.clone();
        async move {
            let r = visitor.get(url).send().await.unwrap();
            (r.status(), r.text().await.unwrap())
        }
    };
    let (status, empty) = get("").await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        !empty.contains("id=\"result\""),
        "no result before answering"
    );
    let (_, general1) = get("?household=levy_under_160k&residence=home&age=28").await;
    assert!(
        general1.contains("一般1（9,300円）")
            && general1.contains("9,300 円")
            && general1.contains("1,074 〜 3,512 円"),
        "{general1}"
    );
    // 世帯 is explained next to the question (whose income decides the category).
    assert!(general1.contains("ご本人と配偶者"));
    let (_, group_home) = get("?household=levy_under_160k&residence=group_home&age=28").await;
    assert!(
        group_home.contains("一般2（37,200円）"),
        "group-home residents fall to 一般2"
    );
    let (_, welfare) = get("?household=welfare&residence=home&age=40").await;
    assert!(welfare.contains("<dd id=\"sim-monthly\">0 円</dd>"));
    let (_, bad) = get("?household=rich&residence=&age=-3").await;
    assert!(
        bad.contains("一覧から選んでください。") && bad.contains("入力できる範囲を超えています。"),
        "{bad}"
    );
    assert!(!bad.contains("id=\"result\""));
    // 計算する with nothing chosen: a message at each question, not a blank page.
    let (status, nothing) = get("?calc=1&age=").await;
    assert_eq!(status, StatusCode::OK);
    for id in ["e-household", "e-residence", "e-age"] {
        assert!(nothing.contains(&format!("id=\"{id}\"")), "{id}: {nothing}");
    }
    assert!(nothing.contains("世帯の税金の状況: 一覧から選んでください。"));
    assert!(!nothing.contains("id=\"result\""));
    // In English: separators and no full-width range mark.
    visitor.get(app.url("/lang/en")).send().await.unwrap();
    let (_, english) = get("?household=levy_under_160k&residence=home&age=28").await;
    assert!(
        english.contains("9,300 yen") && english.contains("1,074 to 3,512 yen"),
        "{english}"
    );
}

#[tokio::test]
async fn visitors_land_on_the_public_page_and_staff_on_their_home() {
    let app = spawn_app().await;
    app.signed_in_admin().await;
    let office = app.create_office("西船橋").await;
    let visitor = app.another_browser();
    let none = visitor.get("/").await;
    assert!(none.body.contains("id=\"landing-phone\""), "{}", none.body);
    let published = app
        .submit(
            &format!("/offices/{office}/edit"),
            &format!("/offices/{office}"),
            &[
                ("name", "西船橋"),
                ("prefecture", "千葉県"),
                ("address", "船橋市西船4-0-0"),
                ("phone", "047-000-0000"),
                ("published", "1"),
            ],
        )
        .await;
    assert_eq!(
        published.status,
        StatusCode::SEE_OTHER,
        "{}",
        published.body
    );
    let landing = visitor.get("/").await;
    assert_eq!(landing.status, StatusCode::OK);
    for text in [
        "はたらき続けるための相談窓口",
        "まずはお電話ください",
        "href=\"tel:0470000000\"",
        "047-000-0000",
        &format!("href=\"/find/{office}\""),
        "href=\"/find\"",
        "href=\"/simulator\"",
        "href=\"/inquiry\"",
        "href=\"/login\"",
    ] {
        assert!(landing.body.contains(text), "landing has {text:?}");
    }
    // The phone section comes before everything else the visitor can do.
    let phone = landing.body.find("id=\"landing-phone\"").expect("phone");
    let inquiry = landing
        .body
        .find("id=\"landing-inquiry\"")
        .expect("inquiry");
    assert!(phone < inquiry);
    // Signed-in staff reach their home at the same address.
    let home = app.get("/").await;
    assert_eq!(home.status, StatusCode::OK);
    assert!(home.body.contains("id=\"welcome\""));
    assert!(!home.body.contains("id=\"landing-phone\""));
}
