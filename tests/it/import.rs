//! The client import over HTTP, on both engines: an .xlsx of 30 clients with 3 bad rows, its
//! messages by row and column, the valid rows imported, the file fixed and imported again
//! (no duplicates), and the files that are no sheet.
use reqwest::StatusCode;

use crate::helpers::{Page, TestApp, spawn_app};
use crate::import_files::{X, multipart, thirty_clients, xlsx};

async fn upload(app: &TestApp, office: i64, name: &str, bytes: &[u8]) -> Page {
    let path = format!("/offices/{office}/import");
    let token = app.csrf(&path).await;
    let (content_type, body) = multipart(&token, name, bytes);
    let r = app
        .client
        .post(app.url(&path))
        .header("content-type", content_type)
        .body(body)
        .send()
        .await
        .expect("upload");
    let status = r.status();
    let headers = r.headers().clone();
    Page {
        status,
        headers,
        body: r.text().await.unwrap_or_default(),
    }
}

fn count(body: &str, id: &str) -> usize {
    let marker = format!("id=\"{id}\">");
    let at = body.find(&marker).unwrap_or_else(|| panic!("no {id}"));
    body[at + marker.len()..]
        .split('<')
        .next()
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or_else(|| panic!("no number in {id}"))
}

fn row_html(body: &str, line: usize) -> &str {
    let marker = format!("id=\"row-{line}\"");
    let at = body
        .find(&marker)
        .unwrap_or_else(|| panic!("no row {line}"));
    let rest = &body[at..];
    &rest[..rest.find("</tr>").unwrap_or(rest.len())]
}

#[tokio::test]
async fn thirty_clients_three_bad_then_fixed_and_imported_again_without_duplicates() {
    let app = spawn_app().await;
    app.signed_in_admin().await;
    let office = app.create_office("取込").await;
    let path = format!("/offices/{office}/import");

    let page = upload(&app, office, "clients.xlsx", &xlsx(&thirty_clients(true))).await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    let page = app.get(&path).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("clients.xlsx"));
    // The unknown 備考 column is shown as not imported; everything else was recognised.
    assert!(page.body.contains("知らない見出しの列です"));
    assert!(
        !page.body.contains("id=\"mapping-problems\""),
        "{}",
        page.body
    );
    assert_eq!(count(&page.body, "count-new"), 27);
    assert_eq!(count(&page.body, "count-invalid"), 3);
    // Row 6 is client 5 (the header is row 1): column N is the 市町村番号.
    let r = row_html(&page.body, 6);
    assert!(r.contains("列 N (市町村番号)"), "{r}");
    assert!(r.contains("検査数字"), "{r}");
    let r = row_html(&page.body, 13);
    assert!(r.contains("列 M (受給者番号)"), "{r}");
    assert!(r.contains("ファイルの上の行にもあります"), "{r}");
    let r = row_html(&page.body, 21);
    assert!(r.contains("列 C (生年月日)"), "{r}");

    let page = app
        .submit(&path, &format!("{path}/run"), &[("choice", "valid")])
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    assert!(
        page.location().contains("imported=27"),
        "{}",
        page.location()
    );
    assert_eq!(app.count("clients").await, 27);
    assert_eq!(app.count("certificates").await, 27);
    assert_eq!(app.count("employments").await, 27);
    assert_eq!(app.count("import_uploads").await, 0);
    assert_eq!(app.audit_rows("client.import").await.len(), 27);
    assert_eq!(app.audit_rows("import.run").await.len(), 1);

    // The file fixed and uploaded again: the 3 are new, the 27 left alone; the mapping is
    // the one remembered.
    let fixed = xlsx(&thirty_clients(false));
    upload(&app, office, "clients-fixed.xlsx", &fixed).await;
    let page = app.get(&path).await;
    assert_eq!(count(&page.body, "count-new"), 3);
    assert_eq!(count(&page.body, "count-exists"), 27);
    assert_eq!(count(&page.body, "count-invalid"), 0);
    let page = app
        .submit(&path, &format!("{path}/run"), &[("choice", "valid")])
        .await;
    assert!(
        page.location().contains("imported=3"),
        "{}",
        page.location()
    );
    assert_eq!(app.count("clients").await, 30);

    // Once more: nothing changes.
    upload(&app, office, "clients-fixed.xlsx", &fixed).await;
    let page = app
        .submit(&path, &format!("{path}/run"), &[("choice", "valid")])
        .await;
    assert!(
        page.location().contains("imported=0&existing=30"),
        "{}",
        page.location()
    );
    assert_eq!(app.count("clients").await, 30);
    assert_eq!(app.count("certificates").await, 30);
    assert_eq!(app.count("certificate_periods").await, 30);
}

#[tokio::test]
async fn nothing_is_imported_when_the_person_chooses_none() {
    let app = spawn_app().await;
    app.signed_in_admin().await;
    let office = app.create_office("取込").await;
    let path = format!("/offices/{office}/import");
    upload(&app, office, "c.xlsx", &xlsx(&thirty_clients(false))).await;
    // Housekeeping removes an upload left for a day, not a fresh one.
    let now = teichaku::clock::now();
    let db = &app.state.db;
    let removed = teichaku::store::import::delete_uploads_before(db, now - time::Duration::days(1))
        .await
        .expect("housekeeping");
    assert_eq!(removed, 0);
    let page = app
        .submit(&path, &format!("{path}/run"), &[("choice", "none")])
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    assert_eq!(app.count("clients").await, 0);
    assert_eq!(app.count("import_uploads").await, 0);
}

#[tokio::test]
async fn shift_jis_csv_and_a_chosen_mapping_are_read() {
    let app = spawn_app().await;
    app.signed_in_admin().await;
    let office = app.create_office("取込").await;
    let path = format!("/offices/{office}/import");
    let rows = thirty_clients(false);
    let text: String = rows
        .iter()
        .take(3)
        .map(|r| {
            r.iter()
                .map(|c| match c {
                    X::S(v) => v.clone(),
                    X::N(n) => n.to_string(),
                    X::Empty => String::new(),
                })
                .collect::<Vec<_>>()
                .join(",")
                + "\r\n"
        })
        .collect();
    let text = text.replace("フリガナ", "よみ"); // a header nobody knows
    let (sjis, _, bad) = encoding_rs::SHIFT_JIS.encode(&text);
    assert!(!bad);
    upload(&app, office, "clients.csv", &sjis).await;
    let page = app.get(&path).await;
    assert!(
        page.body.contains("id=\"mapping-problems\""),
        "ふりがな unmapped"
    );
    // Map column B (index 1) to ふりがな, keep the rest as guessed.
    let mut form: Vec<(String, String)> = Vec::new();
    let guessed = [
        "client_name",
        "kana",
        "birth_date",
        "disabilities",
        "prior_service",
        "prior_office_name",
        "employer_name",
        "workplace_address",
        "job_title",
        "weekly_hours",
        "ordinary_employment",
        "hire_date",
        "certificate_number",
        "municipality_code",
        "municipality_name",
        "income_category",
        "monthly_cap_yen",
        "period_start",
        "period_end",
        "",
    ];
    for (i, code) in guessed.iter().enumerate() {
        form.push((format!("col_{i}"), code.to_string()));
    }
    let fields: Vec<(&str, &str)> = form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let page = app.submit(&path, &format!("{path}/mapping"), &fields).await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    let page = app.get(&path).await;
    assert_eq!(count(&page.body, "count-new"), 2, "{}", page.body);
    // The next file with the same headers gets the remembered mapping.
    upload(&app, office, "clients.csv", &sjis).await;
    let page = app.get(&path).await;
    assert!(!page.body.contains("id=\"mapping-problems\""));
}

#[tokio::test]
async fn files_that_are_no_sheet_get_a_message_and_nothing_is_kept() {
    let app = spawn_app().await;
    app.signed_in_admin().await;
    let office = app.create_office("取込").await;
    let mut encrypted = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    encrypted.extend([0u8; 1024]);
    let cases: [(&str, Vec<u8>, &str); 3] = [
        ("locked.xlsx", encrypted, "パスワード付き"),
        (
            "broken.xlsx",
            b"PK\x03\x04broken".to_vec(),
            "Excelファイルとして読めませんでした",
        ),
        ("big.csv", vec![b'a'; 1_100_000], "ファイルが大きすぎます"),
    ];
    for (name, bytes, message) in cases {
        let page = upload(&app, office, name, &bytes).await;
        assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY, "{name}");
        assert!(page.body.contains(message), "{name}: {}", page.body);
        assert_eq!(app.count("import_uploads").await, 0, "{name}");
    }
}
