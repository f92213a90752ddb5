//! Reliability harnesses run as commands (not in the default run; #18):
//!
//! - `crash_harness` (`scripts/crash-harness`): a `teichaku serve` process takes writes from
//!   4 writers while it is killed with SIGKILL at pseudo-random moments and restarted; at the
//!   end every write that was acknowledged (303) must be in the database. `CRASH_KILLS`
//!   (default 10) kills.
//! - `load_run` (`scripts/load-run`): `LOAD_SESSIONS` (default 20) signed-in sessions for
//!   `LOAD_SECONDS` (default 15) with 4 reads to 1 write: errors, p50/p95 latency and the
//!   server's peak RSS.
//!
//! Both use SQLite, or PostgreSQL when `TEST_DATABASE_URL=postgres://…` (a database of their
//! own, dropped afterwards).
use std::{
    collections::BTreeSet,
    process::Stdio,
    sync::{Arc, Mutex},
    time::{Duration, Instant},
};

use crate::helpers::{PASSWORD, csrf_in, on_postgres, random_suffix};

struct Server {
    child: std::process::Child,
    database_url: String,
    port: u16,
}

impl Server {
    fn start(database_url: &str, port: u16) -> Server {
        let child = std::process::Command::new(env!("CARGO_BIN_EXE_teichaku"))
            .arg("serve")
            .env("DATABASE_URL", database_url)
            .env("TEICHAKU_ADDR", format!("127.0.0.1:{port}"))
            .env("TEICHAKU_LOG", "error")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start teichaku serve");
        Server {
            child,
            database_url: database_url.to_string(),
            port,
        }
    }

    fn base(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    async fn ready(&self) {
        let c = reqwest::Client::new();
        for _ in 0..200 {
            if c.get(format!("{}/health", self.base()))
                .send()
                .await
                .is_ok()
            {
                return;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!("the server did not come up");
    }

    /// SIGKILL: no shutdown, no flush.
    fn kill(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }

    fn restart(&mut self) {
        self.kill();
        *self = Server::start(&self.database_url.clone(), self.port);
    }

    fn peak_rss_mb(&self) -> u64 {
        std::fs::read_to_string(format!("/proc/{}/status", self.child.id()))
            .ok()
            .and_then(|s| {
                s.lines()
                    .find_map(|l| l.strip_prefix("VmHWM:"))
                    .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
            })
            .unwrap_or(0)
            / 1024
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.kill();
    }
}

/// A database of the harness's own: (url, cleanup).
async fn database() -> (String, Option<(String, String)>, std::path::PathBuf) {
    let dir = std::env::temp_dir().join(format!("teichaku-harness-{}", random_suffix()));
    std::fs::create_dir_all(&dir).expect("dir");
    if on_postgres() {
        let admin = std::env::var("TEST_DATABASE_URL").expect("url");
        let name = format!("teichaku_harness_{}", random_suffix());
        let db = teichaku::db::Db::connect(&admin).await.expect("admin");
        teichaku::on_db!(&db, pool => sqlx::query(sqlx::AssertSqlSafe(format!(
            "CREATE DATABASE \"{name}\" ENCODING 'UTF8' TEMPLATE template0"))).execute(pool).await.map(|_| ()))
        .expect("create");
        db.close().await;
        let (base, _) = admin.rsplit_once('/').expect("url");
        (format!("{base}/{name}"), Some((admin, name)), dir)
    } else {
        (
            format!("sqlite://{}", dir.join("h.db").display()),
            None,
            dir,
        )
    }
}

async fn cleanup(pg: Option<(String, String)>, dir: std::path::PathBuf) {
    if let Some((admin, name)) = pg {
        let db = teichaku::db::Db::connect(&admin).await.expect("admin");
        let _ = teichaku::on_db!(&db, pool => sqlx::query(sqlx::AssertSqlSafe(format!(
            "DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"))).execute(pool).await.map(|_| ()));
    }
    let _ = std::fs::remove_dir_all(dir);
}

fn free_port() -> u16 {
    let l = std::net::TcpListener::bind("127.0.0.1:0").expect("port");
    l.local_addr().expect("addr").port()
}

fn browser() -> reqwest::Client {
    reqwest::Client::builder()
        .cookie_provider(Arc::new(reqwest::cookie::Jar::default()))
        .redirect(reqwest::redirect::Policy::none())
        .timeout(Duration::from_secs(10))
        .build()
        .expect("client")
}

/// The setup token the server printed on its console: the stored value it printed.
pub async fn console_setup_token(database_url: &str) -> String {
    let db = teichaku::db::Db::connect(database_url).await.expect("open");
    teichaku::web::platform::setup::issue_setup_token(&db)
        .await
        .expect("setup token")
        .expect("not set up yet")
}

/// Setup (organisation + admin) with the console's token, and a signed-in browser with its
/// CSRF token.
async fn setup_and_sign_in(base: &str, database_url: &str) -> (reqwest::Client, String) {
    let setup_token = console_setup_token(database_url).await;
    let c = browser();
    let page = c
        .get(format!("{base}/setup"))
        .send()
        .await
        .expect("setup")
        .text()
        .await
        .expect("body");
    let token = csrf_in(&page).expect("token");
    let r = c
        .post(format!("{base}/setup"))
        .form(&[
            ("_csrf", token.as_str()),
            ("setup_token", setup_token.as_str()),
            ("organization_name", "検証法人"),
            ("display_name", "管理 太郎"),
            ("login", "admin"),
            ("email", "admin@example.jp"),
            ("password", PASSWORD),
            ("password_confirm", PASSWORD),
        ])
        .send()
        .await
        .expect("setup");
    assert_eq!(r.status(), reqwest::StatusCode::SEE_OTHER);
    sign_in(base).await
}

async fn sign_in(base: &str) -> (reqwest::Client, String) {
    let c = browser();
    let page = c
        .get(format!("{base}/login"))
        .send()
        .await
        .expect("login")
        .text()
        .await
        .expect("body");
    let token = csrf_in(&page).expect("token");
    let r = c
        .post(format!("{base}/login"))
        .form(&[
            ("_csrf", token.as_str()),
            ("login", "admin"),
            ("password", PASSWORD),
        ])
        .send()
        .await
        .expect("sign in");
    assert_eq!(r.status(), reqwest::StatusCode::SEE_OTHER);
    let home = c
        .get(format!("{base}/"))
        .send()
        .await
        .expect("home")
        .text()
        .await
        .expect("body");
    let token = csrf_in(&home).expect("token");
    (c, token)
}

async fn create_office(c: &reqwest::Client, base: &str, token: &str, name: &str) -> Option<u16> {
    c.post(format!("{base}/offices"))
        .form(&[
            ("_csrf", token),
            ("name", name),
            ("prefecture", "千葉県"),
            ("address", "船橋市西船4-0-0"),
            ("phone", "047-000-0000"),
        ])
        .send()
        .await
        .ok()
        .map(|r| r.status().as_u16())
}

fn env_number(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// In every test run with 2 kills; `scripts/crash-harness` runs it with 10 (CRASH_KILLS).
#[tokio::test]
async fn crash_harness() {
    let kills = env_number("CRASH_KILLS", 2);
    let (url, pg, dir) = database().await;
    let mut server = Server::start(&url, free_port());
    server.ready().await;
    let base = server.base();
    let (c, token) = setup_and_sign_in(&base, &url).await;
    let acked = Arc::new(Mutex::new(BTreeSet::<String>::new()));
    let stop = Arc::new(std::sync::atomic::AtomicBool::new(false));
    let attempts = Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let mut writers = Vec::new();
    for w in 0..4 {
        let (c, token, base, acked, stop, attempts) = (
            c.clone(),
            token.clone(),
            base.clone(),
            acked.clone(),
            stop.clone(),
            attempts.clone(),
        );
        writers.push(tokio::spawn(async move {
            let mut n = 0;
            while !stop.load(std::sync::atomic::Ordering::SeqCst) {
                n += 1;
                let name = format!("crash-{w}-{n}");
                attempts.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                match create_office(&c, &base, &token, &name).await {
                    Some(303) => {
                        acked.lock().expect("lock").insert(name);
                    }
                    Some(_) => {}
                    None => tokio::time::sleep(Duration::from_millis(20)).await,
                }
            }
        }));
    }
    // Deterministic pseudo-random kill moments, 200–1000 ms apart.
    let mut seed: u64 = 0x2545_F491_4F6C_DD1D;
    for _ in 0..kills {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        tokio::time::sleep(Duration::from_millis(200 + seed % 800)).await;
        server.restart();
        server.ready().await;
    }
    tokio::time::sleep(Duration::from_millis(500)).await;
    stop.store(true, std::sync::atomic::Ordering::SeqCst);
    for w in writers {
        w.await.expect("writer");
    }
    server.kill();
    let db = teichaku::db::Db::connect(&url).await.expect("open");
    let names: BTreeSet<String> = teichaku::on_db!(&db, pool => sqlx::query_scalar("SELECT name FROM offices").fetch_all(pool).await)
        .expect("names")
        .into_iter()
        .collect();
    db.close().await;
    let acked = acked.lock().expect("lock").clone();
    let missing: Vec<&String> = acked.difference(&names).collect();
    println!(
        "crash harness ({}): {kills} kill -9, {} writes attempted, {} acknowledged, {} in the database, {} acknowledged but missing",
        if on_postgres() {
            "PostgreSQL"
        } else {
            "SQLite"
        },
        attempts.load(std::sync::atomic::Ordering::SeqCst),
        acked.len(),
        names.len(),
        missing.len()
    );
    cleanup(pg, dir).await;
    assert!(missing.is_empty(), "acknowledged but lost: {missing:?}");
}

/// In every test run with 4 sessions for 2 s; `scripts/load-run` runs 20 for 15 s.
#[tokio::test]
async fn load_run() {
    let sessions = env_number("LOAD_SESSIONS", 4) as usize;
    let seconds = env_number("LOAD_SECONDS", 2);
    let (url, pg, dir) = database().await;
    let server = Server::start(&url, free_port());
    server.ready().await;
    let base = server.base();
    let (admin, token) = setup_and_sign_in(&base, &url).await;
    assert_eq!(
        create_office(&admin, &base, &token, "西船橋").await,
        Some(303)
    );
    let mut browsers = Vec::new();
    for _ in 0..sessions {
        browsers.push(sign_in(&base).await);
    }
    let until = Instant::now() + Duration::from_secs(seconds);
    let mut tasks = Vec::new();
    for (i, (c, token)) in browsers.into_iter().enumerate() {
        let base = base.clone();
        tasks.push(tokio::spawn(async move {
            let mut latencies = Vec::new();
            let mut errors = 0usize;
            let mut n = 0usize;
            let reads = [
                "/",
                "/offices",
                "/offices/1",
                "/offices/1/clients",
                "/audit",
            ];
            while Instant::now() < until {
                n += 1;
                let started = Instant::now();
                let status = if n.is_multiple_of(5) {
                    create_office(&c, &base, &token, &format!("load-{i}-{n}")).await
                } else {
                    c.get(format!("{base}{}", reads[n % reads.len()]))
                        .send()
                        .await
                        .ok()
                        .map(|r| r.status().as_u16())
                };
                latencies.push(started.elapsed());
                if !matches!(status, Some(200 | 303)) {
                    errors += 1;
                }
            }
            (latencies, errors)
        }));
    }
    let mut latencies = Vec::new();
    let mut errors = 0;
    for t in tasks {
        let (l, e) = t.await.expect("task");
        latencies.extend(l);
        errors += e;
    }
    latencies.sort();
    let at = |q: f64| latencies[((latencies.len() as f64 - 1.0) * q) as usize];
    let peak = server.peak_rss_mb();
    println!(
        "load run ({}): {sessions} sessions × {seconds} s, {} requests ({:.0}/s), {errors} errors, p50 {:.1?}, p95 {:.1?}, max {:.1?}, peak RSS {peak} MB",
        if on_postgres() {
            "PostgreSQL"
        } else {
            "SQLite"
        },
        latencies.len(),
        latencies.len() as f64 / seconds as f64,
        at(0.5),
        at(0.95),
        at(1.0),
    );
    drop(server);
    cleanup(pg, dir).await;
    assert_eq!(errors, 0);
    assert!(peak < 200, "peak RSS {peak} MB");
}
