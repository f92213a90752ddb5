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
