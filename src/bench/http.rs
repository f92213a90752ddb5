//! `teichaku bench --http` (issue #13): the pages people use, measured on a benchmark data
//! set. The server runs in this process on a free port; a generated account of each staff
//! role signs in through `/login` like a person would; then each page is requested by
//! [`CONCURRENCY`] keep-alive connections for a fixed time, and its requests/s, p50 and p99
//! are printed beside those of a static asset measured the same way (the baseline: what
//! the HTTP stack itself costs on this machine), with the server's peak RSS. The server
//! builds its past-case index before the first request, so the RSS includes it, and the
//! past-case pages are searches through it: a word and a hearing's sentence.
//!
//! The client is hyper's own HTTP/1.1 connection (already in the tree through axum), so the
//! measurement adds no crate and no connection pool of its own.
use std::fmt;
use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

use anyhow::{Context, bail};
use http_body_util::{BodyExt, Full};
use hyper::body::Bytes;
use hyper::client::conn::http1;
use hyper::{Request, StatusCode, header};
use hyper_util::rt::TokioIo;
use time::Date;

use crate::app::AppState;
use crate::config::Config;
use crate::db::Db;
use crate::domain::month::YearMonth;
use crate::on_db;

/// Connections requesting at once (issue #13's targets are at 16).
pub const CONCURRENCY: usize = 16;

/// The label of the claim page of one office, which is also measured alone.
pub const CLAIM_PAGE: &str = "/offices/{id}/claims?month=";

/// The past-case searches a supporter makes: a word, and what a client said at a hearing
/// (a sentence of the generated notes, searched loosely by its rarest bigrams).
pub const CASE_WORD: &str = "遅刻";
pub const CASE_SENTENCE: &str = "朝起きられず、今月2回遅刻した。";

/// Who requests a page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Public,
    Admin,
    Manager,
    Supporter,
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Role::Public => "public",
            Role::Admin => "admin",
            Role::Manager => "manager",
            Role::Supporter => "supporter",
        })
    }
}

/// One page to measure.
#[derive(Debug, Clone)]
pub struct Page {
    pub label: &'static str,
    pub role: Role,
    pub path: String,
}

/// What was measured of one page.
#[derive(Debug, Clone)]
pub struct Measured {
    pub page: Page,
    pub requests: u64,
    pub errors: u64,
    pub elapsed: Duration,
    pub p50: Duration,
    pub p99: Duration,
    /// The size of one answer's body.
    pub bytes: usize,
    /// The past cases that answer showed (`<li class="card case">`; 0 on other pages).
    pub cases_shown: usize,
    /// The server process's VmRSS once the page was measured.
    pub rss_after_kib: u64,
}

impl Measured {
    pub fn per_second(&self) -> f64 {
        self.requests as f64 / self.elapsed.as_secs_f64().max(1e-9)
    }
}

/// The whole run.
#[derive(Debug, Clone)]
pub struct Report {
    pub pages: Vec<Measured>,
    /// The highest VmRSS sampled while the pages were requested.
    pub peak_rss_kib: u64,
    /// The highest RssAnon sampled: the memory the server holds itself, without the pages of
    /// the SQLite file it reads through a memory map (`RssFile`, the page cache).
    pub peak_anon_kib: u64,
    /// VmHWM at the end: the process's peak, the data set's generation included when it
    /// ran in this process.
    pub hwm_kib: u64,
    pub office_id: i64,
    pub office_clients: i64,
    /// Cases in the server's past-case index, and the bytes it holds, once built.
    pub index_cases: usize,
    pub index_heap_bytes: usize,
    /// VmRSS before the index was built, and once it was.
    pub rss_before_index_kib: u64,
    pub rss_after_index_kib: u64,
}

impl Report {
    /// The static asset's requests/s.
    pub fn baseline(&self) -> f64 {
        self.pages.first().map_or(0.0, Measured::per_second)
    }
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "{} connections (the last line: 1); office {} ({} clients)",
            CONCURRENCY, self.office_id, self.office_clients
        )?;
        writeln!(
            f,
            "{:<34} {:<9} {:>9} {:>7} {:>8} {:>8} {:>6} {:>9} {:>8}",
            "page", "as", "req/s", "share", "p50 ms", "p99 ms", "errors", "bytes", "RSS MiB"
        )?;
        let base = self.baseline();
        for m in &self.pages {
            writeln!(
                f,
                "{:<34} {:<9} {:>9.0} {:>6.1}% {:>8.1} {:>8.1} {:>6} {:>9} {:>8.0}",
                m.page.label,
                m.page.role.to_string(),
                m.per_second(),
                100.0 * m.per_second() / base.max(1e-9),
                ms(m.p50),
                ms(m.p99),
                m.errors,
                m.bytes,
                m.rss_after_kib as f64 / 1024.0
            )?;
        }
        writeln!(
            f,
            "past-case index built before the first request: {} cases, {:.1} MB of heap, RSS {:.0} -> {:.0} MiB; cases shown: {}",
            self.index_cases,
            self.index_heap_bytes as f64 / 1e6,
            self.rss_before_index_kib as f64 / 1024.0,
            self.rss_after_index_kib as f64 / 1024.0,
            self.pages
                .iter()
                .filter(|m| m.page.label.starts_with("/offices/{id}/cases"))
                .map(|m| m.cases_shown.to_string())
                .collect::<Vec<_>>()
                .join(", ")
        )?;
        write!(
            f,
            "server peak RSS while measuring: {:.0} MiB, of which its own memory (RssAnon) {:.0} MiB, the rest mapped database pages (VmHWM of the process: {:.0} MiB)",
            self.peak_rss_kib as f64 / 1024.0,
            self.peak_anon_kib as f64 / 1024.0,
            self.hwm_kib as f64 / 1024.0
        )
    }
}

/// A kernel figure of this process from /proc/self/status, in KiB (0 where there is none).
fn proc_status_kib(field: &str) -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with(field))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|n| n.parse().ok())
        })
        .unwrap_or(0)
}

/// One keep-alive HTTP/1.1 connection with the cookie of one signed-in account.
struct Connection {
    sender: http1::SendRequest<Full<Bytes>>,
    host: String,
    cookie: Option<String>,
}

impl Connection {
    async fn open(addr: SocketAddr, cookie: Option<String>) -> anyhow::Result<Connection> {
        let stream = tokio::net::TcpStream::connect(addr).await?;
        stream.set_nodelay(true)?;
        let (sender, conn) = http1::handshake(TokioIo::new(stream)).await?;
        tokio::spawn(async move {
            let _ = conn.await;
        });
        Ok(Connection {
            sender,
            host: addr.to_string(),
            cookie,
        })
    }

    async fn send(
        &mut self,
        method: &str,
        path: &str,
        form: Option<String>,
    ) -> anyhow::Result<(StatusCode, hyper::HeaderMap, Bytes)> {
        let mut req = Request::builder()
            .method(method)
            .uri(path)
            .header(header::HOST, &self.host);
        if let Some(cookie) = &self.cookie {
            req = req.header(header::COOKIE, cookie);
        }
        let body = match form {
            Some(form) => {
                req = req
                    .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                    .header(header::ORIGIN, format!("http://{}", self.host));
                Full::new(Bytes::from(form))
            }
            None => Full::new(Bytes::new()),
        };
        self.sender.ready().await?;
        let res = self.sender.send_request(req.body(body)?).await?;
        let status = res.status();
        let headers = res.headers().clone();
        let body = res.into_body().collect().await?.to_bytes();
        Ok((status, headers, body))
    }
}

/// The session cookie a response sets, as `name=value`.
fn session_cookie(headers: &hyper::HeaderMap) -> Option<String> {
    headers
        .get_all(header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .filter_map(|v| v.split(';').next())
        .find(|v| v.starts_with(crate::web::session::COOKIE) && !v.ends_with('='))
        .map(str::to_string)
}

/// Signs in through the sign-in form; returns the session cookie.
async fn sign_in(addr: SocketAddr, login: &str, password: &str) -> anyhow::Result<String> {
    let mut c = Connection::open(addr, None).await?;
    let (_, headers, body) = c.send("GET", "/login", None).await?;
    let cookie = session_cookie(&headers).context("no session cookie on /login")?;
    let body = String::from_utf8_lossy(&body);
    let marker = "name=\"_csrf\" value=\"";
    let start = body.find(marker).context("no _csrf on /login")? + marker.len();
    let csrf = &body[start..start + body[start..].find('"').unwrap_or(0)];
    c.cookie = Some(cookie.clone());
    let form = serde_urlencoded::to_string([
        ("_csrf", csrf),
        ("login", login),
        ("password", password),
        ("next", "/"),
    ])?;
    let (status, headers, body) = c.send("POST", "/login", Some(form)).await?;
    if status != StatusCode::SEE_OTHER {
        bail!(
            "sign-in of {login} answered {status}: {}",
            String::from_utf8_lossy(&body)
                .chars()
                .take(300)
                .collect::<String>()
        );
    }
    // The session is renewed at sign-in.
    Ok(session_cookie(&headers).unwrap_or(cookie))
}

/// The accounts and records the pages are about: the office with the median number of
/// clients, its manager and first supporter, its first client.
struct Subjects {
    office: i64,
    office_clients: i64,
    manager: String,
    supporter: String,
    client: i64,
}

async fn subjects(db: &Db) -> anyhow::Result<Subjects> {
    let offices: Vec<(i64, i64)> = on_db!(db, pool => sqlx::query_as(
        "SELECT office_id, COUNT(*) FROM clients WHERE removed_at IS NULL
         GROUP BY office_id ORDER BY COUNT(*), office_id")
        .fetch_all(pool).await)?;
    let Some(&(office, office_clients)) = offices.get(offices.len() / 2) else {
        bail!("the database has no clients: make a data set with `teichaku bench` first");
    };
    let staff: Vec<(String, String)> = on_db!(db, pool => sqlx::query_as(
        "SELECT s.login, so.role FROM staff s JOIN staff_offices so ON so.staff_id = s.id
         WHERE so.office_id = $1 AND s.active ORDER BY s.id")
        .bind(office).fetch_all(pool).await)?;
    let of_role = |role: &str| {
        staff
            .iter()
            .find(|(_, r)| r == role)
            .map(|(l, _)| l.clone())
            .with_context(|| format!("office {office} has no {role}"))
    };
    let client: i64 = on_db!(db, pool => sqlx::query_scalar(
        "SELECT MIN(id) FROM clients WHERE office_id = $1 AND removed_at IS NULL")
        .bind(office).fetch_one(pool).await)?;
    Ok(Subjects {
        office,
        office_clients,
        manager: of_role("manager")?,
        supporter: of_role("supporter")?,
        client,
    })
}

/// The admin account of the benchmark organisation.
async fn admin_login(db: &Db) -> anyhow::Result<String> {
    let login: Option<String> = on_db!(db, pool => sqlx::query_scalar(
        "SELECT login FROM staff WHERE is_admin AND active ORDER BY id LIMIT 1")
        .fetch_optional(pool).await)?;
    login.context("no administrator in the data set")
}

/// Gives the accounts a password for this run (benchmark accounts have none that works).
async fn set_password(db: &Db, logins: &[&str], hash: &str) -> anyhow::Result<()> {
    for login in logins {
        on_db!(db, pool => sqlx::query("UPDATE staff SET password_hash = $1 WHERE login = $2")
            .bind(hash).bind(*login).execute(pool).await.map(|_| ()))?;
    }
    Ok(())
}

/// The pages measured, the static asset first.
fn pages(s: &Subjects, month: Date) -> Vec<Page> {
    let m = YearMonth::of(month).to_string();
    let (o, c) = (s.office, s.client);
    let page = |label, role, path: String| Page { label, role, path };
    vec![
        page(
            "/static/app.css (baseline)",
            Role::Public,
            "/static/app.css".into(),
        ),
        page("/ (administrator's home)", Role::Admin, "/".into()),
        page("/ (manager's home)", Role::Manager, "/".into()),
        page("/ (supporter's home)", Role::Supporter, "/".into()),
        page("/offices", Role::Admin, "/offices".into()),
        page(
            "/offices/{id}/month",
            Role::Manager,
            format!("/offices/{o}/month?month={m}"),
        ),
        page(
            "/offices/{id}/clients",
            Role::Supporter,
            format!("/offices/{o}/clients"),
        ),
        page("/clients/{id}", Role::Supporter, format!("/clients/{c}")),
        page(
            "/clients/{id}/contacts",
            Role::Supporter,
            format!("/clients/{c}/contacts"),
        ),
        page(
            "/clients/{id}/reports/{month}",
            Role::Supporter,
            format!("/clients/{c}/reports/{m}"),
        ),
        page(
            CLAIM_PAGE,
            Role::Manager,
            format!("/offices/{o}/claims?month={m}"),
        ),
        page(
            "/offices/{id}/cases?q=遅刻",
            Role::Supporter,
            format!("/offices/{o}/cases?q={}", query(CASE_WORD)),
        ),
        page(
            "/offices/{id}/cases?q=(a sentence)",
            Role::Supporter,
            format!("/offices/{o}/cases?q={}", query(CASE_SENTENCE)),
        ),
        page("/audit", Role::Admin, "/audit".into()),
        page("/find", Role::Public, "/find".into()),
    ]
}

/// A query string's value, percent-encoded.
fn query(text: &str) -> String {
    serde_urlencoded::to_string([("", text)])
        .map(|s| s.trim_start_matches('=').to_string())
        .unwrap_or_default()
}

/// Requests `path` from `connections` connections for `duration`.
async fn measure(
    addr: SocketAddr,
    page: Page,
    cookie: Option<String>,
    duration: Duration,
    connections: usize,
) -> anyhow::Result<Measured> {
    // One answer first: it must be a page (200), and its size is reported.
    let mut probe = Connection::open(addr, cookie.clone()).await?;
    let (status, _, body) = probe.send("GET", &page.path, None).await?;
    if status != StatusCode::OK {
        bail!("{} answered {status} as {}", page.path, page.role);
    }
    let stop = Arc::new(AtomicBool::new(false));
    let errors = Arc::new(AtomicU64::new(0));
    let started = Instant::now();
    let mut workers = Vec::new();
    for _ in 0..connections {
        let (stop, errors, path, cookie) = (
            stop.clone(),
            errors.clone(),
            page.path.clone(),
            cookie.clone(),
        );
        workers.push(tokio::spawn(async move {
            let mut times = Vec::new();
            let mut conn = Connection::open(addr, cookie.clone()).await?;
            while !stop.load(Ordering::Relaxed) {
                let at = Instant::now();
                match conn.send("GET", &path, None).await {
                    Ok((StatusCode::OK, _, _)) => times.push(at.elapsed()),
                    Ok(_) => {
                        errors.fetch_add(1, Ordering::Relaxed);
                    }
                    Err(_) => {
                        errors.fetch_add(1, Ordering::Relaxed);
                        conn = Connection::open(addr, cookie.clone()).await?;
                    }
                }
            }
            Ok::<_, anyhow::Error>(times)
        }));
    }
    tokio::time::sleep(duration).await;
    stop.store(true, Ordering::Relaxed);
    let mut times = Vec::new();
    for w in workers {
        times.extend(w.await??);
    }
    let elapsed = started.elapsed();
    times.sort();
    let at = |q: f64| {
        times
            .get(((times.len() as f64 * q) as usize).min(times.len().saturating_sub(1)))
            .copied()
            .unwrap_or_default()
    };
    Ok(Measured {
        requests: times.len() as u64,
        errors: errors.load(Ordering::Relaxed),
        elapsed,
        p50: at(0.50),
        p99: at(0.99),
        bytes: body.len(),
        cases_shown: String::from_utf8_lossy(&body)
            .matches("<li class=\"card case\">")
            .count(),
        rss_after_kib: proc_status_kib("VmRSS:"),
        page,
    })
}

/// Starts the server on `database_url` (a benchmark data set for `month`), signs in, and
/// measures every page for `per_page`.
/// `only`: measure just the pages whose label holds one of these (the baseline always).
pub async fn run(
    database_url: &str,
    month: Date,
    per_page: Duration,
    only: &[String],
) -> anyhow::Result<Report> {
    let mut config = Config::for_database(database_url);
    config.log = "error".into();
    let state: AppState = crate::app::prepare(config).await?;
    let db = state.db.clone();
    // The index every node builds on its first search, built now so that the first
    // measured request does not pay for it and the peak RSS holds it. A data set kept from
    // before the cases existed gets them first, made as `teichaku reindex` makes them.
    let rss_before_index_kib = proc_status_kib("VmRSS:");
    state.cases.load(&db).await?;
    if state.cases.is_empty().await {
        crate::cases::reindex(&db, crate::clock::now()).await?;
        state.cases.catch_up(&db).await?;
    }
    let (index_cases, index_heap_bytes, rss_after_index_kib) = (
        state.cases.len().await,
        state.cases.heap_bytes().await,
        proc_status_kib("VmRSS:"),
    );
    let s = subjects(&db).await?;
    let admin = admin_login(&db).await?;
    let password = crate::web::session::random_token();
    let hash = crate::domain::password::hash(&password)?;
    set_password(&db, &[&admin, &s.manager, &s.supporter], &hash).await?;

    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let addr = listener.local_addr()?;
    let (stop_server, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(crate::app::serve_on(state, listener, async {
        let _ = stopped.await;
    }));

    let mut cookies = Vec::new();
    for (role, login) in [
        (Role::Admin, &admin),
        (Role::Manager, &s.manager),
        (Role::Supporter, &s.supporter),
    ] {
        cookies.push((role, sign_in(addr, login, &password).await?));
    }
    let cookie_of = |role: Role| {
        cookies
            .iter()
            .find(|(r, _)| *r == role)
            .map(|(_, c)| c.clone())
    };

    let sampling = Arc::new(AtomicBool::new(true));
    let peak = Arc::new(AtomicU64::new(0));
    let peak_anon = Arc::new(AtomicU64::new(0));
    let sampler = {
        let (sampling, peak, peak_anon) = (sampling.clone(), peak.clone(), peak_anon.clone());
        tokio::spawn(async move {
            while sampling.load(Ordering::Relaxed) {
                peak.fetch_max(proc_status_kib("VmRSS:"), Ordering::Relaxed);
                peak_anon.fetch_max(proc_status_kib("RssAnon:"), Ordering::Relaxed);
                tokio::time::sleep(Duration::from_millis(50)).await;
            }
        })
    };
    let mut measured = Vec::new();
    let mut claim_page = None;
    let wanted = |i: usize, page: &Page| {
        i == 0 || only.is_empty() || only.iter().any(|o| page.label.contains(o.as_str()))
    };
    for (_, page) in pages(&s, month)
        .into_iter()
        .enumerate()
        .filter(|(i, p)| wanted(*i, p))
    {
        let cookie = cookie_of(page.role);
        if page.label == CLAIM_PAGE {
            claim_page = Some((page.clone(), cookie.clone()));
        }
        measured.push(measure(addr, page, cookie, per_page, CONCURRENCY).await?);
    }
    // The claim page of one office alone (one connection): the "≤ 20 ms alone".
    let alone = match claim_page {
        Some((mut page, cookie)) => {
            page.label = "  the same, alone (1 connection)";
            Some(measure(addr, page, cookie, per_page, 1).await?)
        }
        None => None,
    };
    measured.extend(alone);
    sampling.store(false, Ordering::Relaxed);
    let _ = sampler.await;
    let _ = stop_server.send(());
    let _ = server.await;
    db.close().await;
    Ok(Report {
        pages: measured,
        peak_rss_kib: peak.load(Ordering::Relaxed),
        peak_anon_kib: peak_anon.load(Ordering::Relaxed),
        hwm_kib: proc_status_kib("VmHWM:"),
        office_id: s.office,
        office_clients: s.office_clients,
        index_cases,
        index_heap_bytes,
        rss_before_index_kib,
        rss_after_index_kib,
    })
}
