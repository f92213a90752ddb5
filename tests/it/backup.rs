//! `teichaku backup FILE` writes an age-encrypted backup (SQLite: a copy of the live
//! database; PostgreSQL: pg_dump), `teichaku restore FILE` puts it into a fresh database and
//! checks it; a wrong key or a damaged file restores nothing; `--plain` is needed for an
//! unencrypted copy; a key is rotated by `decrypt | encrypt`. Run on both engines.
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use crate::helpers::{TestApp, fresh_database, on_postgres, random_suffix, spawn_app};

const PASSPHRASE: &str = "霧の朝 青い自転車 七つの鍵 川";

/// Runs `teichaku ARGS` against `database_url`, with `passphrase` (or none) in the
/// environment.
fn teichaku(database_url: &str, args: &[&str], passphrase: Option<&str>) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_teichaku"));
    command
        .args(args)
        .env("DATABASE_URL", database_url)
        .env_remove("TEICHAKU_BACKUP_PASSPHRASE");
    if let Some(p) = passphrase {
        command.env("TEICHAKU_BACKUP_PASSPHRASE", p);
    }
    command.output().expect("run teichaku")
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// A private scratch directory, removed at the end of the test.
struct Scratch(PathBuf);

impl Scratch {
    fn new() -> Scratch {
        let dir = std::env::temp_dir().join(format!("teichaku-backup-test-{}", random_suffix()));
        std::fs::create_dir_all(&dir).unwrap();
        Scratch(dir)
    }
    fn path(&self, name: &str) -> PathBuf {
        self.0.join(name)
    }
    /// The names in the directory (to see that nothing half-written stays behind).
    fn names(&self) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(&self.0)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// An app with an organisation and two named offices.
async fn app_with_offices() -> TestApp {
    let app = spawn_app().await;
    app.signed_in_admin().await;
    app.create_office("西船橋").await;
    app.create_office("青森").await;
    app
}

/// A new backup key pair: (identity file, public key).
fn new_key(scratch: &Scratch, name: &str) -> (PathBuf, String) {
    let file = scratch.path(name);
    let out = teichaku(
        "sqlite://unused.db",
        &["backup-key", file.to_str().unwrap()],
        None,
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let public = String::from_utf8_lossy(&out.stdout).trim().to_string();
    assert!(public.starts_with("age1"), "{public}");
    (file, public)
}

/// A fresh restore target: (URL, guard that removes it, its SQLite file if any).
async fn fresh_target(scratch: &Scratch) -> (String, crate::helpers::DbGuard, Option<PathBuf>) {
    let (url, guard) = fresh_database().await;
    if on_postgres() {
        (url, guard, None)
    } else {
        let file = scratch.path("restored.db");
        (format!("sqlite://{}", file.display()), guard, Some(file))
    }
}

/// The rows of the tables a restore must bring back, and the offices' names.
async fn snapshot(url: &str) -> (Vec<i64>, Vec<String>) {
    let db = teichaku::db::Db::connect(url).await.expect("open");
    let mut counts = Vec::new();
    for table in [
        "organizations",
        "offices",
        "staff",
        "audit_log",
        "_sqlx_migrations",
    ] {
        let sql = format!("SELECT COUNT(*) FROM {table}");
        let n: i64 = teichaku::on_db!(&db, pool => sqlx::query_scalar(sqlx::AssertSqlSafe(sql)).fetch_one(pool).await).unwrap();
        counts.push(n);
    }
    let names: Vec<String> = teichaku::on_db!(&db, pool => sqlx::query_scalar("SELECT name FROM offices ORDER BY id").fetch_all(pool).await).unwrap();
    db.close().await;
    (counts, names)
}

/// The number of tables in a database (0: nothing was restored into it).
async fn table_count(url: &str) -> usize {
    let db = teichaku::db::Db::connect(url).await.expect("open");
    let n = teichaku::store::backup::list_tables(&db)
        .await
        .unwrap()
        .len();
    db.close().await;
    n
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

#[tokio::test]
async fn an_encrypted_backup_restores_into_a_fresh_database_with_the_same_rows() {
    let app = app_with_offices().await;
    let scratch = Scratch::new();
    let (identity, public) = new_key(&scratch, "key.txt");
    let file = scratch.path("teichaku.age");
    let out = teichaku(
        &app.database_url,
        &["backup", file.to_str().unwrap(), "--recipient", &public],
        None,
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(String::from_utf8_lossy(&out.stdout).contains("encrypted"));
    // The server kept serving while the backup was made.
    assert_eq!(app.get("/offices").await.status, reqwest::StatusCode::OK);
    // The file is age, and no office name can be read in it.
    let bytes = std::fs::read(&file).unwrap();
    assert!(bytes.starts_with(b"age-encryption.org/v1\n"));
    assert!(!contains(&bytes, "西船橋".as_bytes()));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&file).unwrap().permissions().mode();
        assert_eq!(mode & 0o077, 0, "the backup is readable by its owner only");
    }
    // A second backup never overwrites the first.
    let again = teichaku(
        &app.database_url,
        &["backup", file.to_str().unwrap(), "--recipient", &public],
        None,
    );
    assert!(!again.status.success());
    assert!(stderr(&again).contains("already exists"));

    let (target, _guard, _) = fresh_target(&scratch).await;
    let out = teichaku(
        &target,
        &[
            "restore",
            file.to_str().unwrap(),
            "--identity",
            identity.to_str().unwrap(),
        ],
        None,
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(
        said.contains("checked") && said.contains("offices 2"),
        "{said}"
    );
    let original = snapshot(&app.database_url).await;
    assert_eq!(snapshot(&target).await, original);
    assert_eq!(original.1, ["西船橋", "青森"]);

    // Rotating the key: the old backup re-encrypted to a new key opens with the new key only.
    let (new_identity, new_public) = new_key(&scratch, "key-2027.txt");
    let reencrypted = scratch.path("teichaku-2027.age");
    let mut decrypt = Command::new(env!("CARGO_BIN_EXE_teichaku"))
        .args([
            "decrypt",
            file.to_str().unwrap(),
            "-i",
            identity.to_str().unwrap(),
        ])
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let encrypt = Command::new(env!("CARGO_BIN_EXE_teichaku"))
        .args(["encrypt", "--recipient", &new_public])
        .env_remove("TEICHAKU_BACKUP_PASSPHRASE")
        .stdin(decrypt.stdout.take().unwrap())
        .stdout(std::fs::File::create(&reencrypted).unwrap())
        .output()
        .unwrap();
    assert!(decrypt.wait().unwrap().success());
    assert!(encrypt.status.success(), "{}", stderr(&encrypt));
    let (second_target, _guard2) = fresh_database().await;
    let second_target = if on_postgres() {
        second_target
    } else {
        format!("sqlite://{}", scratch.path("rotated.db").display())
    };
    let old_key = teichaku(
        &second_target,
        &[
            "restore",
            reencrypted.to_str().unwrap(),
            "-i",
            identity.to_str().unwrap(),
        ],
        None,
    );
    assert!(!old_key.status.success());
    assert!(
        stderr(&old_key).contains("none of the keys given"),
        "{}",
        stderr(&old_key)
    );
    let new_key = teichaku(
        &second_target,
        &[
            "restore",
            reencrypted.to_str().unwrap(),
            "-i",
            new_identity.to_str().unwrap(),
        ],
        None,
    );
    assert!(new_key.status.success(), "{}", stderr(&new_key));
    assert_eq!(snapshot(&second_target).await, original);

    // encrypt and decrypt take any content (a pg_dump of one's own, say).
    let mut encrypt = Command::new(env!("CARGO_BIN_EXE_teichaku"))
        .args(["encrypt", "--recipient", &public])
        .env_remove("TEICHAKU_BACKUP_PASSPHRASE")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    encrypt
        .stdin
        .take()
        .unwrap()
        .write_all(b"SELECT 1;\n")
        .unwrap();
    let sealed = encrypt.wait_with_output().unwrap();
    assert!(sealed.status.success());
    let sealed_file = scratch.path("any.age");
    std::fs::write(&sealed_file, &sealed.stdout).unwrap();
    let opened = teichaku(
        "sqlite://unused.db",
        &[
            "decrypt",
            sealed_file.to_str().unwrap(),
            "-i",
            identity.to_str().unwrap(),
        ],
        None,
    );
    assert!(opened.status.success(), "{}", stderr(&opened));
    assert_eq!(opened.stdout, b"SELECT 1;\n");
}

#[tokio::test]
async fn an_unencrypted_backup_needs_the_plain_flag_and_says_so() {
    let app = app_with_offices().await;
    let scratch = Scratch::new();
    let file = scratch.path("teichaku.backup");
    let out = teichaku(&app.database_url, &["backup", file.to_str().unwrap()], None);
    assert!(!out.status.success());
    let said = stderr(&out);
    assert!(
        said.contains("backups are encrypted") && said.contains("--plain"),
        "{said}"
    );
    assert!(scratch.names().is_empty(), "{:?}", scratch.names());
    // --plain with a key is a contradiction, refused.
    let out = teichaku(
        &app.database_url,
        &["backup", file.to_str().unwrap(), "--plain"],
        Some(PASSPHRASE),
    );
    assert!(!out.status.success());
    assert!(stderr(&out).contains("--plain"));

    let out = teichaku(
        &app.database_url,
        &["backup", file.to_str().unwrap(), "--plain"],
        None,
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).contains("NOT encrypted"), "{}", stderr(&out));
    let bytes = std::fs::read(&file).unwrap();
    let magic: &[u8] = if on_postgres() {
        b"PGDMP"
    } else {
        b"SQLite format 3\0"
    };
    assert!(bytes.starts_with(magic));
    // A plain backup restores too, with a note that it was not encrypted.
    let (target, _guard, _) = fresh_target(&scratch).await;
    let out = teichaku(&target, &["restore", file.to_str().unwrap()], None);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).contains("unencrypted"));
    assert_eq!(snapshot(&target).await, snapshot(&app.database_url).await);
}

#[tokio::test]
async fn a_wrong_passphrase_or_a_damaged_file_restores_nothing() {
    let app = app_with_offices().await;
    let scratch = Scratch::new();
    // A weak passphrase is refused before anything is written.
    let file = scratch.path("teichaku.age");
    let weak = teichaku(
        &app.database_url,
        &["backup", file.to_str().unwrap()],
        Some("password1234"),
    );
    assert!(!weak.status.success());
    assert!(stderr(&weak).contains("too weak"), "{}", stderr(&weak));
    assert!(!file.exists());

    let out = teichaku(
        &app.database_url,
        &["backup", file.to_str().unwrap()],
        Some(PASSPHRASE),
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let bytes = std::fs::read(&file).unwrap();
    assert!(bytes.starts_with(b"age-encryption.org/v1\n-> scrypt "));

    let (target, _guard, target_file) = fresh_target(&scratch).await;
    let before = scratch.names();
    let restore = |file: &Path, passphrase: Option<&str>| {
        teichaku(&target, &["restore", file.to_str().unwrap()], passphrase)
    };
    let nothing_restored = || async {
        if let Some(f) = &target_file {
            assert!(!f.exists(), "no restored file");
        } else {
            assert_eq!(table_count(&target).await, 0, "no table restored");
        }
        assert_eq!(scratch.names(), before, "no temporary file left");
    };

    let out = restore(&file, None);
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("TEICHAKU_BACKUP_PASSPHRASE"),
        "{}",
        stderr(&out)
    );
    nothing_restored().await;

    let out = restore(&file, Some("a different long passphrase 2026"));
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("wrong passphrase"),
        "{}",
        stderr(&out)
    );
    nothing_restored().await;

    // One flipped byte in the encrypted data, far from the header.
    let mut flipped = bytes.clone();
    let i = bytes.len() - 100;
    flipped[i] ^= 0x01;
    let damaged = scratch.path("damaged.age");
    std::fs::write(&damaged, &flipped).unwrap();
    // The end cut off.
    let truncated = scratch.path("truncated.age");
    std::fs::write(&truncated, &bytes[..bytes.len() - 1000]).unwrap();
    // The header's MAC broken.
    let mut header = bytes.clone();
    let mac = bytes.windows(4).position(|w| w == b"--- ").unwrap() + 6;
    header[mac] = if header[mac] == b'A' { b'B' } else { b'A' };
    let bad_header = scratch.path("header.age");
    std::fs::write(&bad_header, &header).unwrap();
    let before = scratch.names();
    for (broken, expected) in [
        (&damaged, "damaged"),
        (&truncated, "damaged or incomplete"),
        (&bad_header, "damaged"),
    ] {
        let out = restore(broken, Some(PASSPHRASE));
        assert!(!out.status.success(), "{}", broken.display());
        let said = stderr(&out);
        assert!(
            said.contains(expected) && said.contains("nothing was restored"),
            "{}: {said}",
            broken.display()
        );
        assert_eq!(said.trim().lines().count(), 1, "{said}");
        if let Some(f) = &target_file {
            assert!(!f.exists());
        } else {
            assert_eq!(table_count(&target).await, 0);
        }
        assert_eq!(scratch.names(), before, "no temporary file left");
    }

    // The right passphrase, from a file as cron would give it.
    let passphrase_file = scratch.path("passphrase");
    let mut f = std::fs::File::create(&passphrase_file).unwrap();
    writeln!(f, "{PASSPHRASE}").unwrap();
    let out = teichaku(
        &target,
        &[
            "restore",
            file.to_str().unwrap(),
            "--passphrase-file",
            passphrase_file.to_str().unwrap(),
        ],
        None,
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(snapshot(&target).await, snapshot(&app.database_url).await);
}

#[tokio::test]
async fn restore_refuses_a_database_that_is_not_empty() {
    let app = app_with_offices().await;
    let scratch = Scratch::new();
    let file = scratch.path("teichaku.age");
    let out = teichaku(
        &app.database_url,
        &["backup", file.to_str().unwrap()],
        Some(PASSPHRASE),
    );
    assert!(out.status.success(), "{}", stderr(&out));
    app.create_office("浜松駅前").await;
    let before = snapshot(&app.database_url).await;
    // Restoring over the live database is refused, and it is left as it was.
    let out = teichaku(
        &app.database_url,
        &["restore", file.to_str().unwrap()],
        Some(PASSPHRASE),
    );
    assert!(!out.status.success());
    assert!(stderr(&out).contains("not empty"), "{}", stderr(&out));
    assert_eq!(snapshot(&app.database_url).await, before);
    assert_eq!(before.1.len(), 3);
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
        // An unencrypted copy (`--plain`), to be put in place as a file; the encrypted
        // backup and `teichaku restore` are tested above.
        let out = Command::new(env!("CARGO_BIN_EXE_teichaku"))
            .args(["backup", "--plain"])
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
