//! Run-time configuration from flags and environment variables (one variable per concept).
use clap::Args;

#[derive(Debug, Clone, Args)]
pub struct Config {
    /// Database URL: sqlite://FILE or postgres://USER@HOST/DB
    #[arg(
        long,
        env = "DATABASE_URL",
        default_value = "sqlite://teichaku.db",
        global = true
    )]
    pub database_url: String,

    /// Address to listen on
    #[arg(
        long,
        env = "TEICHAKU_ADDR",
        default_value = "127.0.0.1:8080",
        global = true
    )]
    pub addr: String,

    /// Log filter (tracing EnvFilter syntax), e.g. info or teichaku=debug
    #[arg(long, env = "TEICHAKU_LOG", default_value = "info", global = true)]
    pub log: String,

    /// The public base URL (https://… makes cookies Secure and turns on HSTS)
    #[arg(long, env = "TEICHAKU_PUBLIC_URL", default_value = "", global = true)]
    pub public_url: String,

    /// Trust X-Forwarded-For / X-Forwarded-Proto from a reverse proxy in front of Teichaku
    #[arg(
        long,
        env = "TEICHAKU_TRUST_PROXY",
        default_value_t = false,
        global = true
    )]
    pub trust_proxy: bool,

    /// Minutes of inactivity after which a staff session ends
    #[arg(
        long,
        env = "TEICHAKU_SESSION_IDLE_MINUTES",
        default_value_t = 30,
        global = true
    )]
    pub session_idle_minutes: i64,

    /// SMTP server for outgoing email: smtp://HOST:PORT (plain, for a local relay),
    /// smtp://USER:PASS@HOST:587?tls=required (STARTTLS) or smtps://USER:PASS@HOST:465.
    /// Empty: nothing is sent and messages wait in the outbox.
    // hide_env_values: `--help` would otherwise print the value, password included.
    #[arg(
        long,
        env = "TEICHAKU_SMTP_URL",
        default_value = "",
        hide_env_values = true,
        global = true
    )]
    pub smtp_url: String,

    /// The sender address of outgoing email
    #[arg(
        long,
        env = "TEICHAKU_MAIL_FROM",
        default_value = "no-reply@localhost",
        global = true
    )]
    pub mail_from: String,

    /// Milliseconds between two runs of the outbox worker
    #[arg(
        long,
        env = "TEICHAKU_OUTBOX_INTERVAL_MS",
        default_value_t = 5000,
        global = true
    )]
    pub outbox_interval_ms: u64,

    /// Seconds a request's body may take to arrive (then 408); a request's handling may take
    /// twice as long (then 503)
    #[arg(
        long,
        env = "TEICHAKU_REQUEST_TIMEOUT_SECONDS",
        default_value_t = 30,
        global = true
    )]
    pub request_timeout_seconds: u64,

    /// How long (ms) a node trusts the public pages' version it last read before reading it
    /// again: a change is on every node's public pages within this time. 0: read it on every
    /// request
    #[arg(
        long,
        env = "TEICHAKU_PUBLIC_RECHECK_MS",
        default_value_t = 1000,
        global = true
    )]
    pub public_recheck_ms: u64,

    /// Run as if today were this day (YYYY-MM-DD, Japan time), e.g. to train the month close
    /// on the 1st; the clock keeps moving from there. Empty: the real day
    #[arg(long, env = "TEICHAKU_TODAY", default_value = "", global = true)]
    pub today: String,
}

impl Config {
    /// A configuration for a given database with every other setting at its default.
    pub fn for_database(database_url: &str) -> Config {
        Config {
            database_url: database_url.to_string(),
            addr: "127.0.0.1:0".to_string(),
            log: "info".to_string(),
            public_url: String::new(),
            trust_proxy: false,
            session_idle_minutes: 30,
            smtp_url: String::new(),
            mail_from: "no-reply@localhost".to_string(),
            outbox_interval_ms: 5000,
            request_timeout_seconds: 30,
            public_recheck_ms: 1000,
            today: String::new(),
        }
    }

    pub fn https(&self) -> bool {
        self.public_url.starts_with("https://")
    }
}
