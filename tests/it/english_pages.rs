//! Issue 12, item 10 on the pages themselves: the pages this issue added or changed, read in
//! English, carry no full-width punctuation in their own words (the office's and the
//! person's data are left as typed; the fixture types none). Both engines.

use reqwest::StatusCode;

use crate::helpers::{TestApp, spawn_app};

const FULL_WIDTH: &[char] = &[
    '、', '。', '，', '．', '：', '；', '？', '！', '（', '）', '「', '」', '『', '』', '【', '】',
    '〜', '～', '・', '\u{3000}', '／', '［', '］',
];

/// The page's text outside tags, with the marks found: (mark, some context).
fn marks(html: &str) -> Vec<String> {
    let mut text = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                text.push(' ');
            }
            _ if !in_tag => text.push(c),
            _ => {}
        }
    }
    let chars: Vec<char> = text.chars().collect();
    chars
        .iter()
        .enumerate()
        .filter(|(_, c)| FULL_WIDTH.contains(c))
        .map(|(i, c)| {
            let from = i.saturating_sub(20);
            let to = (i + 20).min(chars.len());
            format!("{c} in {:?}", chars[from..to].iter().collect::<String>())
        })
        .collect()
}

async fn english(app: &TestApp, who: &TestApp, path: &str, bad: &mut Vec<String>) {
    let page = who.get(path).await;
    assert_eq!(page.status, StatusCode::OK, "{path}: {}", page.body);
    assert!(
        page.body.contains("<html lang=\"en\""),
        "{path} is in English"
    );
    for m in marks(&page.body) {
        bad.push(format!("{path}: {m}"));
    }
    let _ = app;
}

#[tokio::test]
async fn the_new_pages_in_english_use_half_width_punctuation() {
    let app = spawn_app().await;
    let office = crate::front_browser::published_office(&app).await;
    let slot = crate::tours::add_slot(&app, office, 5, 2).await;
    app.get("/lang/en").await;
    let visitor = app.another_browser();
    visitor.get("/lang/en").await;
    let mut bad = Vec::new();
    for path in [
        "/".to_string(),
        "/simulator?household=levy_under_160k&residence=home&age=28".to_string(),
        "/simulator?calc=1".to_string(),
        "/guide".to_string(),
        format!("/inquiry?office={office}"),
        format!("/inquiry/thanks?slot={slot}"),
    ] {
        english(&app, &visitor, &path, &mut bad).await;
    }
    for path in ["/", "/staff/new", &format!("/offices/{office}/edit")] {
        english(&app, &app, path, &mut bad).await;
    }
    assert!(
        bad.is_empty(),
        "full-width punctuation on English pages:\n{}",
        bad.join("\n")
    );
}

/// The printed report and plan, read in English.
#[tokio::test]
async fn the_printed_documents_in_english_use_half_width_punctuation() {
    let app = spawn_app().await;
    let (_, client, pid, sato) = crate::documents::office_with_documents(&app).await;
    sato.get("/lang/en").await;
    let mut bad = Vec::new();
    for path in [
        format!("/clients/{client}/reports/2026-10/print"),
        format!("/clients/{client}/plans/{pid}/print"),
        format!("/clients/{client}/plans"),
    ] {
        // The report's body and the plan's text are Japanese data; only the page's own words
        // are checked, so the fixture's texts are left out of the scan.
        let page = sato.get(&path).await;
        assert_eq!(page.status, StatusCode::OK, "{path}");
        let own: String = page
            .body
            .split("<div class=\"report-body\">")
            .next()
            .unwrap_or_default()
            .to_string();
        let own = own
            .split("<p class=\"pre\">")
            .map(|part| part.split_once("</p>").map_or(part, |(_, rest)| rest))
            .collect::<String>();
        let own = own
            .split("<dd class=\"pre\">")
            .map(|part| part.split_once("</dd>").map_or(part, |(_, rest)| rest))
            .collect::<String>();
        for m in marks(&own) {
            bad.push(format!("{path}: {m}"));
        }
    }
    assert!(
        bad.is_empty(),
        "full-width punctuation on English pages:\n{}",
        bad.join("\n")
    );
}
