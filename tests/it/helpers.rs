//! The test harness: `spawn_app()` starts Teichaku on 127.0.0.1:0 against a fresh database
//! (a new SQLite file, or a new PostgreSQL database when `TEST_DATABASE_URL=postgres://…`),
//! and hands the test an HTTP client with a cookie jar and helpers for forms.
//!
//! With `TEST_DATABASE_URL` set to PostgreSQL and the server unreachable, tests fail: they
//! never fall back to SQLite.

use std::{path::PathBuf, sync::Arc};

use reqwest::{StatusCode, redirect::Policy};
use teichaku::{app::AppState, config::Config, db::Db};

pub struct TestApp {
    pub addr: String,
    pub state: AppState,
    pub client: reqwest::Client,
    pub database_url: String,
    _guard: DbGuard,
}

/// Removes the test database when the test ends (pass or fail).
pub enum DbGuard {
    /// A second browser on the same app: the first one owns the database.
    None,
    Sqlite(PathBuf),
    Postgres {
        admin_url: String,
        name: String,
    },
}

impl Drop for DbGuard {
    fn drop(&mut self) {
        match self {
            DbGuard::None => {}
            DbGuard::Sqlite(dir) => {
                let _ = std::fs::remove_dir_all(dir);
            }
            DbGuard::Postgres { admin_url, name } => {
                let (admin_url, name) = (admin_url.clone(), name.clone());
                // A fresh runtime on a plain thread: Drop cannot await.
                let _ = std::thread::spawn(move || {
                    let rt = tokio::runtime::Builder::new_current_thread()
                        .enable_all()
                        .build();
                    if let Ok(rt) = rt {
                        rt.block_on(async {
                            if let Ok(db) = Db::connect(&admin_url).await {
                                let sql =
                                    format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
                                if let Db::Postgres(pool) = &db {
                                    let _ =
                                        sqlx::query(sqlx::AssertSqlSafe(sql)).execute(pool).await;
                                }
                                db.close().await;
                            }
                        });
                    }
                })
                .join();
            }
        }
    }
}

pub fn random_suffix() -> String {
    let mut b = [0u8; 8];
    getrandom::fill(&mut b).expect("random");
    hex::encode(b)
}

/// A new empty database: (url, guard).
pub async fn fresh_database() -> (String, DbGuard) {
    match std::env::var("TEST_DATABASE_URL") {
        Ok(base) if base.starts_with("postgres") => {
            let name = format!("teichaku_test_{}", random_suffix());
            let admin = Db::connect(&base).await.unwrap_or_else(|e| {
                panic!("TEST_DATABASE_URL is set but PostgreSQL is unreachable: {e}")
            });
            if let Db::Postgres(pool) = &admin {
                let sql = format!("CREATE DATABASE \"{name}\" ENCODING 'UTF8' TEMPLATE template0");
                sqlx::query(sqlx::AssertSqlSafe(sql))
                    .execute(pool)
                    .await
                    .expect("create test database");
            }
            admin.close().await;
            let url = replace_database(&base, &name);
            (
                url,
                DbGuard::Postgres {
                    admin_url: base,
                    name,
                },
            )
        }
        _ => {
            let dir = std::env::temp_dir().join(format!("teichaku-test-{}", random_suffix()));
            std::fs::create_dir_all(&dir).expect("temp dir");
            let url = format!("sqlite://{}", dir.join("test.db").display());
            (url, DbGuard::Sqlite(dir))
        }
    }
}

/// `postgres://u@h:5432/postgres?x` with the database name replaced.
fn replace_database(url: &str, name: &str) -> String {
    let (base, query) = match url.split_once('?') {
        Some((b, q)) => (b, format!("?{q}")),
        None => (url, String::new()),
    };
    let scheme_end = base.find("://").map(|i| i + 3).unwrap_or(0);
    let host_part = match base[scheme_end..].find('/') {
        Some(i) => &base[..scheme_end + i],
        None => base,
    };
    format!("{host_part}/{name}{query}")
}

pub fn on_postgres() -> bool {
    std::env::var("TEST_DATABASE_URL").is_ok_and(|u| u.starts_with("postgres"))
}

pub async fn spawn_app() -> TestApp {
    spawn_app_with(|_| {}).await
}

pub async fn spawn_app_with(adjust: impl FnOnce(&mut Config)) -> TestApp {
    // `TEICHAKU_TEST_LOG=info` shows the server's request log in a failing test's output.
    if let Ok(filter) = std::env::var("TEICHAKU_TEST_LOG") {
        let _ = tracing_subscriber::fmt()
            .with_env_filter(filter)
            .with_test_writer()
            .try_init();
    }
    let (database_url, guard) = fresh_database().await;
    let mut config = Config::for_database(&database_url);
    // Tests read the public pages right after changing them: every request reads the
    // version (public_paging.rs tests the interval itself).
    config.public_recheck_ms = 0;
    adjust(&mut config);
    let state = teichaku::app::prepare(config).await.expect("prepare app");
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let addr = format!("127.0.0.1:{}", listener.local_addr().expect("addr").port());
    let server_state = state.clone();
    tokio::spawn(async move {
        let _ = teichaku::app::serve_on(server_state, listener, std::future::pending()).await;
    });
    let client = reqwest::Client::builder()
        .cookie_provider(Arc::new(reqwest::cookie::Jar::default()))
        .redirect(Policy::none())
        .build()
        .expect("client");
    TestApp {
        addr,
        state,
        client,
        database_url,
        _guard: guard,
    }
}

pub const ADMIN_LOGIN: &str = "admin";
pub const PASSWORD: &str = "correct horse battery staple";

pub struct Page {
    pub status: StatusCode,
    pub headers: reqwest::header::HeaderMap,
    pub body: String,
}

impl Page {
    pub fn location(&self) -> String {
        self.headers
            .get("location")
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_string()
    }
}

impl TestApp {
    pub fn url(&self, path: &str) -> String {
        format!("http://{}{}", self.addr, path)
    }

    /// A client with its own, empty cookie jar (another browser).
    pub fn new_client(&self) -> reqwest::Client {
        reqwest::Client::builder()
            .cookie_provider(Arc::new(reqwest::cookie::Jar::default()))
            .redirect(Policy::none())
            .build()
            .expect("client")
    }

    pub async fn get(&self, path: &str) -> Page {
        Self::read(self.client.get(self.url(path)).send().await.expect("GET")).await
    }

    pub async fn post_form(&self, path: &str, form: &[(&str, &str)]) -> Page {
        Self::read(
            self.client
                .post(self.url(path))
                .form(form)
                .send()
                .await
                .expect("POST"),
        )
        .await
    }

    async fn read(r: reqwest::Response) -> Page {
        let status = r.status();
        let headers = r.headers().clone();
        let body = r.text().await.unwrap_or_default();
        Page {
            status,
            headers,
            body,
        }
    }

    /// The CSRF token in the form on `path` (starting a session if needed).
    pub async fn csrf(&self, path: &str) -> String {
        let page = self.get(path).await;
        csrf_in(&page.body).unwrap_or_else(|| panic!("no CSRF token on {path}: {}", page.status))
    }

    /// Posts a form from `page_path` with its CSRF token added.
    pub async fn submit(&self, page_path: &str, action: &str, form: &[(&str, &str)]) -> Page {
        let token = self.csrf(page_path).await;
        let mut fields: Vec<(&str, &str)> = vec![("_csrf", token.as_str())];
        fields.extend_from_slice(form);
        self.post_form(action, &fields).await
    }

    /// Another browser (own cookie jar) on the same server and database.
    pub fn another_browser(&self) -> TestApp {
        TestApp {
            addr: self.addr.clone(),
            state: self.state.clone(),
            client: self.new_client(),
            database_url: self.database_url.clone(),
            _guard: DbGuard::None,
        }
    }

    /// A second server (node) on the same database, with its own background work (outbox
    /// worker, housekeeping), as a second `teichaku serve` would be.
    pub async fn another_node(&self, adjust: impl FnOnce(&mut Config)) -> TestApp {
        let mut config = Config::for_database(&self.database_url);
        config.public_recheck_ms = 0;
        adjust(&mut config);
        let state = teichaku::app::prepare(config).await.expect("prepare node");
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind");
        let addr = format!("127.0.0.1:{}", listener.local_addr().expect("addr").port());
        let server_state = state.clone();
        tokio::spawn(async move {
            let _ = teichaku::app::serve_on(server_state, listener, std::future::pending()).await;
        });
        TestApp {
            addr,
            state,
            client: self.new_client(),
            database_url: self.database_url.clone(),
            _guard: DbGuard::None,
        }
    }

    /// Another browser on the same server, signed in as `login` (password `PASSWORD`).
    pub async fn signed_in_as(&self, login: &str) -> TestApp {
        let other = self.another_browser();
        let page = other.login(login, PASSWORD).await;
        assert_eq!(
            page.status,
            StatusCode::SEE_OTHER,
            "{login} signs in: {}",
            page.body
        );
        other
    }

    /// The setup token the server prints on its console at the first start.
    pub async fn setup_token(&self) -> String {
        teichaku::web::platform::setup::issue_setup_token(&self.state.db)
            .await
            .expect("setup token")
            .expect("not set up yet")
    }

    /// Runs the setup page with the console's token: organisation + first admin (`admin` /
    /// `PASSWORD`). The setup happens in a browser of its own (which ends up signed in), so
    /// this one stays signed out.
    pub async fn setup_admin(&self) {
        let token = self.setup_token().await;
        let page = self
            .another_browser()
            .submit(
                "/setup",
                "/setup",
                &[
                    ("setup_token", &token),
                    ("organization_name", "テスト法人"),
                    ("display_name", "管理 太郎"),
                    ("login", ADMIN_LOGIN),
                    ("email", "admin@example.jp"),
                    ("password", PASSWORD),
                    ("password_confirm", PASSWORD),
                ],
            )
            .await;
        assert_eq!(
            page.status,
            StatusCode::SEE_OTHER,
            "setup failed: {}",
            page.body
        );
    }

    pub async fn login(&self, login: &str, password: &str) -> Page {
        self.submit(
            "/login",
            "/login",
            &[("login", login), ("password", password)],
        )
        .await
    }

    /// Setup + sign in as the admin.
    pub async fn signed_in_admin(&self) {
        self.setup_admin().await;
        let page = self.login(ADMIN_LOGIN, PASSWORD).await;
        assert_eq!(
            page.status,
            StatusCode::SEE_OTHER,
            "admin sign-in failed: {}",
            page.body
        );
    }

    /// Creates an office through the admin form; returns its id.
    pub async fn create_office(&self, name: &str) -> i64 {
        let page = self
            .submit(
                "/offices/new",
                "/offices",
                &[
                    ("name", name),
                    ("prefecture", "千葉県"),
                    ("address", "船橋市西船4-0-0"),
                    ("nearest_station", "西船橋駅"),
                    ("phone", "047-000-0000"),
                ],
            )
            .await;
        assert_eq!(
            page.status,
            StatusCode::SEE_OTHER,
            "create office: {}",
            page.body
        );
        id_from_location(&page.location(), "/offices/")
    }

    /// Creates a staff account with one role in one office; returns its id.
    pub async fn create_staff(&self, login: &str, office_id: i64, role: &str) -> i64 {
        let role_field = format!("role_{office_id}");
        let page = self
            .submit(
                "/staff/new",
                "/staff",
                &[
                    ("display_name", login),
                    ("login", login),
                    ("email", &format!("{login}@example.jp")),
                    ("password", PASSWORD),
                    ("password_confirm", PASSWORD),
                    (&role_field, role),
                ],
            )
            .await;
        assert_eq!(
            page.status,
            StatusCode::SEE_OTHER,
            "create staff: {}",
            page.body
        );
        let id: i64 = teichaku::on_db!(&self.state.db, pool => sqlx::query_scalar("SELECT id FROM staff WHERE login = $1")
            .bind(login).fetch_one(pool).await).expect("staff id");
        id
    }

    /// Registers a client through the form (mental + developmental disability, prior
    /// service 就労移行支援) with `supporter` in charge; returns the client's id.
    pub async fn register_client(
        &self,
        office: i64,
        name: &str,
        kana: &str,
        supporter: i64,
    ) -> i64 {
        let supporter = supporter.to_string();
        let page = self
            .submit(
                &format!("/offices/{office}/clients/new"),
                &format!("/offices/{office}/clients"),
                &[
                    ("client_name", name),
                    ("kana", kana),
                    ("birth_date", "1996-08-31"),
                    ("disabilities", "mental"),
                    ("disabilities", "developmental"),
                    ("prior_service", "employment_transition"),
                    ("prior_office_name", "就労移行支援事業所あさひ"),
                    ("supporter_id", &supporter),
                ],
            )
            .await;
        assert_eq!(
            page.status,
            StatusCode::SEE_OTHER,
            "register client: {}",
            page.body
        );
        id_from_location(&page.location(), "/clients/")
    }

    /// The admin signed in, office 西船橋 with supporter `sato`, and client 山田 花子 in
    /// sato's charge: (office, sato, client).
    pub async fn office_with_client(&self) -> (i64, i64, i64) {
        self.signed_in_admin().await;
        let office = self.create_office("西船橋").await;
        let sato = self.create_staff("sato", office, "supporter").await;
        let client = self
            .register_client(office, "山田 花子", "やまだ はなこ", sato)
            .await;
        (office, sato, client)
    }

    /// Audit rows with this action, oldest first: (actor_label, target_id, request_id).
    pub async fn audit_rows(&self, action: &str) -> Vec<(String, String, String)> {
        teichaku::on_db!(&self.state.db, pool => sqlx::query_as(
            "SELECT actor_label, target_id, request_id FROM audit_log WHERE action = $1 ORDER BY id")
            .bind(action).fetch_all(pool).await).expect("audit rows")
    }

    pub async fn count(&self, table: &str) -> i64 {
        let sql = format!("SELECT COUNT(*) FROM {table}");
        teichaku::on_db!(&self.state.db, pool => sqlx::query_scalar(sqlx::AssertSqlSafe(sql)).fetch_one(pool).await)
            .expect("count")
    }
}

pub fn csrf_in(body: &str) -> Option<String> {
    let marker = "name=\"_csrf\" value=\"";
    let start = body.find(marker)? + marker.len();
    let end = body[start..].find('"')?;
    Some(body[start..start + end].to_string())
}

pub fn id_from_location(location: &str, prefix: &str) -> i64 {
    location
        .strip_prefix(prefix)
        .and_then(|rest| rest.split(['?', '/']).next())
        .and_then(|id| id.parse().ok())
        .unwrap_or_else(|| panic!("no id in {location:?}"))
}

#[test]
fn replaces_the_database_name() {
    assert_eq!(
        replace_database("postgres://postgres@127.0.0.1:5432/postgres", "x"),
        "postgres://postgres@127.0.0.1:5432/x"
    );
    assert_eq!(
        replace_database("postgres://u@h/db?sslmode=disable", "x"),
        "postgres://u@h/x?sslmode=disable"
    );
    assert_eq!(replace_database("postgres://u@h", "x"), "postgres://u@h/x");
}
