//! Office and organisation exports restored into a fresh database (issue 15, item 3): on
//! the engine of the run (`TEST_DATABASE_URL`), and from SQLite into it (so SQLite →
//! PostgreSQL when the run is on PostgreSQL). "The same rows": the restored database,
//! exported whole, gives byte for byte the files of the export.
use teichaku::db::Db;
use teichaku::export::{self, scope::Scope};

use crate::helpers::{TestApp, fresh_database, random_suffix, spawn_app, spawn_app_with};
use crate::import_files::{multipart, thirty_clients, xlsx};

/// Two offices: one with the 30 imported clients (and a supporter, and a client of its own
/// registered through the form), the other with one client.
async fn two_offices(app: &TestApp) -> (i64, i64) {
    app.signed_in_admin().await;
    let office = app.create_office("取込").await;
    let other = app.create_office("別の事業所").await;
    let sato = app.create_staff("sato", office, "supporter").await;
    app.register_client(office, "山田 花子", "やまだ はなこ", sato)
        .await;
    let suzuki = app.create_staff("suzuki", other, "supporter").await;
    app.register_client(other, "鈴木 一郎", "すずき いちろう", suzuki)
        .await;
    let path = format!("/offices/{office}/import");
    let token = app.csrf(&path).await;
    let (content_type, body) = multipart(&token, "c.xlsx", &xlsx(&thirty_clients(false)));
    app.client
        .post(app.url(&path))
        .header("content-type", content_type)
        .body(body)
        .send()
        .await
        .expect("upload");
    let page = app
        .submit(&path, &format!("{path}/run"), &[("choice", "valid")])
        .await;
    assert!(
        page.location().contains("imported=30"),
        "{}",
        page.location()
    );
    (office, other)
}

fn temp_dir() -> std::path::PathBuf {
    std::env::temp_dir().join(format!("teichaku-export-{}", random_suffix()))
}

/// Exports `scope` of `db`, restores it into a fresh database and checks the restored
/// database holds exactly the exported rows.
pub async fn round_trip(db: &Db, scope: Scope) -> Vec<(String, Vec<u8>)> {
    let dir = temp_dir();
    let said = export::export_to_dir(db, scope, &dir)
        .await
        .expect("export");
    assert!(said.starts_with("exported"), "{said}");
    let files = export::files(db, scope).await.expect("files");
    let (url, _guard) = fresh_database().await;
    let target = Db::connect(&url).await.expect("connect");
    target.migrate().await.expect("migrate");
    let said = export::restore_from_dir(&target, &dir)
        .await
        .expect("restore");
    assert!(said.starts_with("restored"), "{said}");
    let again = export::files(&target, Scope::Organisation)
        .await
        .expect("files of the restored database");
    for ((name, bytes), (name2, bytes2)) in files.iter().zip(&again).skip(1) {
        assert_eq!(name, name2);
        assert!(
            bytes == bytes2,
            "{name} differs after the restore:\n{}\n---\n{}",
            String::from_utf8_lossy(bytes),
            String::from_utf8_lossy(bytes2)
        );
    }
    // A second restore into the same database is refused: it is no longer fresh.
    let err = export::restore_from_dir(&target, &dir)
        .await
        .expect_err("not fresh");
    assert!(err.to_string().contains("fresh database"), "{err}");
    target.close().await;
    let _ = std::fs::remove_dir_all(&dir);
    files
}

pub fn rows_of(files: &[(String, Vec<u8>)], table: &str) -> usize {
    let (_, bytes) = files
        .iter()
        .find(|(n, _)| n == &format!("{table}.csv"))
        .expect("table file");
    teichaku::domain::csv::parse(&String::from_utf8_lossy(bytes)).len() - 1
}

#[tokio::test]
async fn an_office_and_the_organisation_restore_into_a_fresh_database() {
    let app = spawn_app().await;
    let (office, _other) = two_offices(&app).await;
    let files = round_trip(&app.state.db, Scope::Office(office)).await;
    assert_eq!(
        rows_of(&files, "clients"),
        31,
        "the office's own clients only"
    );
    assert_eq!(rows_of(&files, "certificates"), 30);
    assert!(rows_of(&files, "audit_log") > 30, "the office's audit rows");
    let files = round_trip(&app.state.db, Scope::Organisation).await;
    assert_eq!(rows_of(&files, "clients"), 32);
    assert_eq!(rows_of(&files, "offices"), 2);
}

#[tokio::test]
async fn an_office_exported_from_sqlite_restores_into_the_engine_of_the_run() {
    let dir = temp_dir();
    std::fs::create_dir_all(&dir).expect("dir");
    let file = dir.join("source.db");
    let app = spawn_app_with(|c| c.database_url = format!("sqlite://{}", file.display())).await;
    assert!(matches!(app.state.db, Db::Sqlite(_)));
    let (office, _) = two_offices(&app).await;
    let files = round_trip(&app.state.db, Scope::Office(office)).await;
    assert_eq!(rows_of(&files, "clients"), 31);
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::test]
async fn a_directory_that_is_no_export_is_refused() {
    let dir = temp_dir();
    std::fs::create_dir_all(&dir).expect("dir");
    std::fs::write(dir.join("manifest.csv"), "kind,name,value\r\n").expect("write");
    let (url, _guard) = fresh_database().await;
    let db = Db::connect(&url).await.expect("connect");
    db.migrate().await.expect("migrate");
    let err = export::restore_from_dir(&db, &dir)
        .await
        .expect_err("refused");
    assert!(err.to_string().contains("not a Teichaku export"), "{err}");
    assert_eq!(
        teichaku::store::backup::count_rows(&db, &["clients".to_string()])
            .await
            .expect("count")[0]
            .1,
        0
    );
    db.close().await;
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::test]
async fn a_clients_whole_record_is_one_zip_with_who_viewed_it() {
    let app = spawn_app().await;
    let (_office, _sato, client) = app.office_with_client().await;
    let other_office = app.create_office("別").await;
    let kato = app.create_staff("kato", other_office, "supporter").await;
    app.register_client(other_office, "加藤 次郎", "かとう じろう", kato)
        .await;
    let path = format!("/clients/{client}/record-export");
    let page = app.get(&path).await;
    assert_eq!(page.status, reqwest::StatusCode::OK);
    assert!(
        page.body.contains("name=\"purpose\""),
        "the purpose is asked"
    );
    let r = app
        .client
        .get(app.url(&format!("{path}?purpose=disclosure")))
        .send()
        .await
        .expect("download");
    assert_eq!(r.status(), reqwest::StatusCode::OK);
    assert_eq!(
        r.headers()
            .get("content-type")
            .and_then(|v| v.to_str().ok()),
        Some("application/zip")
    );
    let bytes = r.bytes().await.expect("body").to_vec();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip");
    let mut read = |name: &str| {
        use std::io::Read;
        let mut s = String::new();
        zip.by_name(name)
            .unwrap_or_else(|_| panic!("{name} in the zip"))
            .read_to_string(&mut s)
            .expect("text");
        s
    };
    let html = read("record.html");
    assert!(html.contains("山田 花子"));
    assert!(html.contains("@page { size: A4"));
    assert!(
        !html.contains("加藤"),
        "another client's record is not in it"
    );
    let clients = read("csv/clients.csv");
    assert_eq!(
        teichaku::domain::csv::parse(&clients).len(),
        2,
        "header and the client"
    );
    let audit = read("csv/audit_log.csv");
    assert!(audit.contains("client.view"), "who viewed the record");
    assert!(audit.contains("client.record_export"), "this export itself");
    assert_eq!(app.audit_rows("client.record_export").await.len(), 1);
}

/// docs/export.md describes every table of the schema, and the record's headings name them.
#[tokio::test]
async fn every_table_is_described() {
    let app = spawn_app().await;
    let doc = std::fs::read_to_string("docs/export.md").expect("docs/export.md");
    for table in teichaku::store::backup::list_tables(&app.state.db)
        .await
        .expect("tables")
    {
        if table == "_sqlx_migrations" {
            continue;
        }
        assert!(
            doc.contains(&format!("`{table}`")),
            "docs/export.md: {table}"
        );
        assert!(
            teichaku::export::tables::TABLES
                .iter()
                .any(|(t, _, _)| *t == table),
            "export::tables: {table}"
        );
    }
}
