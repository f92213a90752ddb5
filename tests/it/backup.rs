//! `teichaku backup FILE` copies a live SQLite database; on PostgreSQL it points to pg_dump.
use std::process::Command;

use crate::helpers::{on_postgres, random_suffix, spawn_app};

#[tokio::test]
async fn backup_makes_a_database_that_opens_with_the_same_rows() {
    let app = spawn_app().await;
    app.signed_in_admin().await;
    app.create_office("西船橋").await;
    app.create_office("青森").await;
    let file = std::env::temp_dir().join(format!("teichaku-backup-{}.db", random_suffix()));
    let out = Command::new(env!("CARGO_BIN_EXE_teichaku"))
        .arg("backup")
        .arg(&file)
        .env("DATABASE_URL", &app.database_url)
        .output()
        .expect("run teichaku backup");
    let stderr = String::from_utf8_lossy(&out.stderr);
    if on_postgres() {
        assert_eq!(out.status.code(), Some(2));
        assert!(stderr.contains("pg_dump"), "{stderr}");
        return;
    }
    assert!(out.status.success(), "{stderr}");
    // The server is still running and serving while the copy was made.
    assert_eq!(app.get("/offices").await.status, reqwest::StatusCode::OK);
    let copy = teichaku::db::Db::connect(&format!("sqlite://{}", file.display()))
        .await
        .expect("open backup");
    for table in ["organizations", "offices", "staff", "audit_log"] {
        let sql = format!("SELECT COUNT(*) FROM {table}");
        let n: i64 = teichaku::on_db!(&copy, pool => sqlx::query_scalar(sqlx::AssertSqlSafe(sql)).fetch_one(pool).await).unwrap();
        assert_eq!(n, app.count(table).await, "{table}");
    }
    let names: Vec<String> = teichaku::on_db!(&copy, pool => sqlx::query_scalar("SELECT name FROM offices ORDER BY id").fetch_all(pool).await).unwrap();
    assert_eq!(names, ["西船橋", "青森"]);
    copy.close().await;
    // A second backup never overwrites an existing file.
    let again = Command::new(env!("CARGO_BIN_EXE_teichaku"))
        .arg("backup")
        .arg(&file)
        .env("DATABASE_URL", &app.database_url)
        .output()
        .unwrap();
    assert!(!again.status.success());
    assert!(String::from_utf8_lossy(&again.stderr).contains("already exists"));
    let _ = std::fs::remove_file(&file);
}

#[test]
fn a_bad_database_url_is_one_clear_line() {
    let out = Command::new(env!("CARGO_BIN_EXE_teichaku"))
        .arg("migrate")
        .env("DATABASE_URL", "mysql://nope")
        .env_remove("RUST_BACKTRACE")
        .output()
        .unwrap();
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(stderr.trim().lines().count(), 1, "{stderr}");
    assert!(
        stderr.contains("DATABASE_URL must start with sqlite:// or postgres://"),
        "{stderr}"
    );
    let out = Command::new(env!("CARGO_BIN_EXE_teichaku"))
        .arg("migrate")
        .env("DATABASE_URL", "postgres://nobody:secret@127.0.0.1:1/x")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(stderr.trim().lines().count(), 1, "{stderr}");
    assert!(
        stderr.contains("cannot connect to PostgreSQL") && !stderr.contains("secret"),
        "{stderr}"
    );
}

#[test]
fn version_prints_the_version() {
    let out = Command::new(env!("CARGO_BIN_EXE_teichaku"))
        .arg("version")
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).trim(),
        format!("teichaku {}", env!("CARGO_PKG_VERSION"))
    );
}

/// Every table's row count.
async fn table_counts(db: &teichaku::db::Db) -> Vec<(String, i64)> {
    let tables: Vec<String> = match db {
        teichaku::db::Db::Sqlite(pool) => sqlx::query_scalar(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
             AND name NOT LIKE '%_fts%' ORDER BY name",
        )
        .fetch_all(pool)
        .await
        .expect("tables"),
        teichaku::db::Db::Postgres(pool) => sqlx::query_scalar(
            "SELECT table_name::text FROM information_schema.tables
             WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1",
        )
        .fetch_all(pool)
        .await
        .expect("tables"),
    };
    let mut out = Vec::new();
    for t in tables {
        let sql = format!("SELECT COUNT(*) FROM \"{t}\"");
        let n: i64 = teichaku::on_db!(db, pool => sqlx::query_scalar(sqlx::AssertSqlSafe(sql)).fetch_one(pool).await)
            .expect("count");
        out.push((t, n));
    }
    out
}

/// A backup restored as the documented steps say (README, "Backups") holds every row, and a
/// server started on it serves the same records: `teichaku backup` + copying the file back on
/// SQLite; `pg_dump --format=custom` + `pg_restore` into a new database on PostgreSQL (when
/// pg_dump is on PATH; otherwise the PostgreSQL pass says so and checks nothing).
#[tokio::test]
async fn backup_and_restore_round_trip() {
    let app = spawn_app().await;
    let (_office, _sato, client) = app.office_with_client().await;
    let before = table_counts(&app.state.db).await;
    assert!(before.len() > 20, "{before:?}");
    let dir = std::env::temp_dir().join(format!("teichaku-restore-{}", random_suffix()));
    std::fs::create_dir_all(&dir).expect("dir");
    let (restored_url, pg_cleanup) = if on_postgres() {
        if Command::new("pg_dump").arg("--version").output().is_err() {
            eprintln!("pg_dump is not on PATH: the PostgreSQL round trip is not checked");
            return;
        }
        let dump = dir.join("teichaku.dump");
        let out = Command::new("pg_dump")
            .args(["--format=custom", "--no-owner", "--file"])
            .arg(&dump)
            .arg(&app.database_url)
            .output()
            .expect("pg_dump");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let admin_url = std::env::var("TEST_DATABASE_URL").expect("url");
        let name = format!("teichaku_restore_{}", random_suffix());
        let admin = teichaku::db::Db::connect(&admin_url).await.expect("admin");
        teichaku::on_db!(&admin, pool => sqlx::query(sqlx::AssertSqlSafe(format!(
            "CREATE DATABASE \"{name}\" ENCODING 'UTF8' TEMPLATE template0"))).execute(pool).await.map(|_| ()))
        .expect("create");
        let (base, rest) = app.database_url.rsplit_once('/').expect("url");
        let _ = rest;
        let url = format!("{base}/{name}");
        let out = Command::new("pg_restore")
            .args(["--no-owner", "--exit-on-error", "--dbname"])
            .arg(&url)
            .arg(&dump)
            .output()
            .expect("pg_restore");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        (url, Some((admin, name)))
    } else {
        let file = dir.join("backup.db");
        let out = Command::new(env!("CARGO_BIN_EXE_teichaku"))
            .arg("backup")
            .arg(&file)
            .env("DATABASE_URL", &app.database_url)
            .output()
            .expect("teichaku backup");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        // Restore: the file put in place of the database (here, a new place).
        let restored = dir.join("restored.db");
        std::fs::copy(&file, &restored).expect("copy");
        (format!("sqlite://{}", restored.display()), None)
    };
    let url = restored_url.clone();
    let restored = crate::helpers::spawn_app_with(move |c| c.database_url = url).await;
    assert_eq!(table_counts(&restored.state.db).await, before);
    let page = restored
        .login(crate::helpers::ADMIN_LOGIN, crate::helpers::PASSWORD)
        .await;
    assert_eq!(
        page.status,
        reqwest::StatusCode::SEE_OTHER,
        "sign-in on the restored copy"
    );
    let client_page = restored.get(&format!("/clients/{client}")).await;
    assert!(client_page.body.contains("山田 花子"));
    restored.state.db.close().await;
    if let Some((admin, name)) = pg_cleanup {
        drop(restored);
        let _ = teichaku::on_db!(&admin, pool => sqlx::query(sqlx::AssertSqlSafe(format!(
            "DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"))).execute(pool).await.map(|_| ()));
    }
    let _ = std::fs::remove_dir_all(&dir);
}
