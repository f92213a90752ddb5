//! The command line: `teichaku [serve|migrate|backup FILE|restore FILE|encrypt|decrypt FILE|
//! backup-key FILE|seed-demo|bench|version]`.

use std::process::ExitCode;

use clap::{Parser, Subcommand};
use tokio::net::TcpListener;

use crate::config::Config;
use crate::db::Db;

#[derive(Debug, Parser)]
#[command(
    name = "teichaku",
    version,
    about = "Teichaku (定着): software for 就労定着支援 offices"
)]
pub struct Cli {
    #[command(flatten)]
    pub config: Config,
    /// With `serve`: load the fictional demo organisation first if the database is empty
    #[arg(long, global = true)]
    pub demo: bool,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run the web server (the default)
    Serve,
    /// Apply database migrations and exit
    Migrate,
    /// Write an encrypted, consistent backup of the database to FILE while the server runs
    /// (SQLite: a copy of the database; PostgreSQL: pg_dump's custom format), with the
    /// passphrase in TEICHAKU_BACKUP_PASSPHRASE or --passphrase-file, or to --recipient keys
    Backup(BackupArgs),
    /// Restore a backup into a new, empty database (--database-url) and check it
    Restore(RestoreArgs),
    /// Encrypt standard input to standard output, as backups are (e.g. after pg_dump)
    Encrypt(KeyArgs),
    /// Decrypt a backup to standard output (e.g. into pg_restore, or to re-encrypt it)
    Decrypt(RestoreArgs),
    /// Make a new backup key pair: the secret key into FILE, the public key printed
    BackupKey { file: std::path::PathBuf },
    /// Load the fictional demo organisation (three offices, staff, about 30 clients)
    SeedDemo,
    /// Generate a national-scale data set in a fresh database and time one month's claim run
    /// for every office against a plain scan of the same rows
    Bench(BenchArgs),
    /// Make every past case again from its resolved concern (anonymised by the current
    /// rules); each node's search index applies the changes on its next search
    Reindex,
    /// Generate clients with contact notes, concerns, resolutions and separations in a fresh
    /// database, and measure the past-case search and the early warning on them
    BenchSearch(BenchSearchArgs),
    /// Export the whole organisation, or one office (--office N), as one CSV per table into
    /// the new directory DIR (docs/export.md)
    Export {
        /// Only this office: its rows and the rows they refer to
        #[arg(long)]
        office: Option<i64>,
        dir: std::path::PathBuf,
    },
    /// Restore an export (a directory written by `export`) into a fresh database
    /// (--database-url), migrated first; then count the rows against its manifest
    ImportExport { dir: std::path::PathBuf },
    /// Print the version
    Version,
}

/// How a backup is encrypted: a passphrase (`TEICHAKU_BACKUP_PASSPHRASE` or
/// `--passphrase-file`) or public keys (`--recipient`, `--recipients-file`).
#[derive(Debug, clap::Args)]
pub struct KeyArgs {
    /// Encrypt to this age public key (age1…); repeat for several
    #[arg(long = "recipient", value_name = "AGE1…")]
    pub recipients: Vec<String>,
    /// Encrypt to the age public keys in FILE (one a line, # comments)
    #[arg(long = "recipients-file", value_name = "FILE")]
    pub recipients_files: Vec<std::path::PathBuf>,
    /// Read the passphrase from the first line of FILE instead of TEICHAKU_BACKUP_PASSPHRASE
    #[arg(long, value_name = "FILE")]
    pub passphrase_file: Option<std::path::PathBuf>,
}

/// `teichaku backup FILE`.
#[derive(Debug, clap::Args)]
pub struct BackupArgs {
    /// The backup file to write (it must not exist yet)
    pub file: std::path::PathBuf,
    #[command(flatten)]
    pub key: KeyArgs,
    /// Write the backup unencrypted (it then holds every client's records in the clear)
    #[arg(long)]
    pub plain: bool,
}

/// `teichaku restore FILE` and `teichaku decrypt FILE`: the backup and what opens it.
#[derive(Debug, clap::Args)]
pub struct RestoreArgs {
    /// The backup file (age-encrypted, or a plain SQLite copy or pg_dump archive)
    pub file: std::path::PathBuf,
    /// An age identity file (AGE-SECRET-KEY-…) for a backup encrypted to a public key;
    /// repeat for several (old and new keys)
    #[arg(long = "identity", short = 'i', value_name = "FILE")]
    pub identities: Vec<std::path::PathBuf>,
    /// Read the passphrase from the first line of FILE instead of TEICHAKU_BACKUP_PASSPHRASE
    #[arg(long, value_name = "FILE")]
    pub passphrase_file: Option<std::path::PathBuf>,
}

/// `teichaku bench`: the scale of the data set and where it goes.
#[derive(Debug, clap::Args)]
pub struct BenchArgs {
    /// Offices in the data set
    #[arg(long, default_value_t = 1_500)]
    pub offices: usize,
    /// Clients in service in the claimed month
    #[arg(long, default_value_t = 30_000)]
    pub clients: usize,
    /// Months of history, the claimed month being the last
    #[arg(long, default_value_t = 36)]
    pub months: u32,
    /// The month to claim, YYYY-MM (default: last month)
    #[arg(long)]
    pub month: Option<String>,
    /// Write the SQLite database to FILE and keep it (default: a temporary file, removed)
    #[arg(long)]
    pub keep: Option<std::path::PathBuf>,
    /// Measure the pages over HTTP (`bench http`, issue 13) instead of the claim run
    #[arg(long)]
    pub http: bool,
    /// Seconds each page is requested for with --http
    #[arg(long, default_value_t = 8.0)]
    pub seconds: f64,
    /// With --http: measure only the pages whose label contains one of these (comma
    /// separated, e.g. `--pages "home,/audit"`); the static baseline is always measured
    #[arg(long, value_delimiter = ',')]
    pub pages: Vec<String>,
    /// Use the data set already there: the --keep FILE made by an earlier run, or the
    /// PostgreSQL database of DATABASE_URL (without --http: the claim run again on it)
    #[arg(long)]
    pub reuse: bool,
}

/// `teichaku bench-search`: the scale of the data set.
#[derive(Debug, clap::Args)]
pub struct BenchSearchArgs {
    /// Offices in the data set
    #[arg(long, default_value_t = 1_500)]
    pub offices: usize,
    /// Clients
    #[arg(long, default_value_t = 50_000)]
    pub clients: usize,
    /// Contact notes in all
    #[arg(long, default_value_t = 5_000_000)]
    pub contacts: usize,
    /// Rounds of the judged queries to time
    #[arg(long, default_value_t = 30)]
    pub rounds: usize,
    /// Time the searches again on the database of an earlier run (`DATABASE_URL`: a
    /// PostgreSQL database, or `sqlite://FILE` kept with `--keep`; its data set and cases
    /// as they are; no generation, no warnings)
    #[arg(long)]
    pub searches_only: bool,
    /// SQLite: make the data set in FILE (new) and keep it, instead of a temporary file
    #[arg(long, value_name = "FILE")]
    pub keep: Option<std::path::PathBuf>,
}

pub fn main() -> ExitCode {
    let cli = Cli::parse();
    if matches!(
        cli.command,
        Some(Command::Bench(_) | Command::BenchSearch(_))
    ) {
        // The benchmark's multi-row INSERTs are slow statements by design; their text is
        // thousands of placeholders long.
        // With --http the server runs in this process: its request log would be the output.
        // `TEICHAKU_LOG=sqlx=debug` still shows every statement with its time, to profile.
        let quiet_sql = if cli.config.log.contains("sqlx") {
            ""
        } else {
            ",sqlx::query=error"
        };
        init_tracing(&format!("{}{quiet_sql},teichaku::web=warn", cli.config.log));
    } else {
        init_tracing(&cli.config.log);
    }
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("teichaku: cannot start the async runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(run(cli)) {
        Ok(code) => code,
        Err(e) => {
            // One clear line, no backtrace.
            eprintln!("teichaku: {e:#}");
            ExitCode::FAILURE
        }
    }
}

fn init_tracing(filter: &str) {
    let filter = tracing_subscriber::EnvFilter::try_new(filter)
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_target(false)
        .try_init();
}

async fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    let config = cli.config;
    match cli.command.unwrap_or(Command::Serve) {
        Command::Version => {
            println!("teichaku {}", env!("CARGO_PKG_VERSION"));
        }
        Command::Migrate => {
            let db = Db::connect(&config.database_url).await?;
            db.migrate().await?;
            println!(
                "migrations applied to {}",
                crate::db::redact(&config.database_url)
            );
        }
        Command::Backup(args) => {
            // The key is checked before anything is read from the database.
            let protection = crate::backup::Protection::choose(
                &args.key.recipients,
                &args.key.recipients_files,
                args.key.passphrase_file.as_deref(),
                args.plain,
            )?;
            let db = Db::connect(&config.database_url).await?;
            let result =
                crate::backup::backup(&db, &config.database_url, &args.file, &protection).await;
            db.close().await;
            result?;
        }
        Command::Restore(args) => {
            let unlock = crate::backup::Unlock::from_args(
                &args.identities,
                args.passphrase_file.as_deref(),
            )?;
            crate::backup::restore(&args.file, &config.database_url, &unlock).await?;
        }
        Command::Encrypt(key) => {
            let protection = crate::backup::Protection::choose(
                &key.recipients,
                &key.recipients_files,
                key.passphrase_file.as_deref(),
                false,
            )?;
            crate::backup::encrypt_stream(&protection)?;
        }
        Command::Decrypt(args) => {
            let unlock = crate::backup::Unlock::from_args(
                &args.identities,
                args.passphrase_file.as_deref(),
            )?;
            crate::backup::decrypt_to_stdout(&args.file, &unlock)?;
        }
        Command::BackupKey { file } => crate::backup::generate_key(&file)?,
        Command::SeedDemo => {
            let state = crate::app::prepare(config).await?;
            match crate::demo::seed(&state.db, crate::clock::now()).await? {
                Some(info) => println!("{info}"),
                None => {
                    println!("the database already has an organisation; the demo was not loaded")
                }
            }
        }
        Command::Bench(args) => bench(&config, args).await?,
        Command::Reindex => {
            let state = crate::app::prepare(config).await?;
            let started = std::time::Instant::now();
            let n = crate::cases::reindex(&state.db, crate::clock::now()).await?;
            println!(
                "{n} past cases made again in {:.1} s",
                started.elapsed().as_secs_f64()
            );
        }
        Command::BenchSearch(args) => bench_search(&config, args).await?,
        Command::Export { office, dir } => {
            let db = Db::connect(&config.database_url).await?;
            let scope = match office {
                Some(id) => crate::export::scope::Scope::Office(id),
                None => crate::export::scope::Scope::Organisation,
            };
            let result = crate::export::export_to_dir(&db, scope, &dir).await;
            db.close().await;
            println!("{}", result?);
        }
        Command::ImportExport { dir } => {
            let db = Db::connect(&config.database_url).await?;
            db.migrate().await?;
            let result = crate::export::restore_from_dir(&db, &dir).await;
            db.close().await;
            println!("{}", result?);
        }
        Command::Serve => {
            let addr = config.addr.clone();
            let state = crate::app::prepare(config).await?;
            if cli.demo
                && let Some(info) = crate::demo::seed(&state.db, crate::clock::now()).await?
            {
                println!("{info}");
            }
            let listener = TcpListener::bind(&addr)
                .await
                .map_err(|e| anyhow::anyhow!("cannot listen on {addr}: {e}"))?;
            let local = listener.local_addr()?;
            println!("Teichaku is running on http://{local}/  (Ctrl+C to stop)");
            // The first start: only whoever reads this console may create the administrator.
            if let Some(token) = crate::web::platform::setup::issue_setup_token(&state.db).await? {
                let base = match state.config.public_url.trim_end_matches('/') {
                    "" => format!("http://{local}"),
                    public => public.to_string(),
                };
                println!("初期設定のトークン (setup token): {token}");
                println!("初期設定はこのアドレスから (open to set up): {base}/setup?token={token}");
                tracing::warn!("setup is waiting for the token printed on the console");
            }
            crate::app::serve_on(state, listener, shutdown_signal()).await?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Runs the benchmark on a fresh SQLite file (temporary unless `--keep`), or on the
/// configured PostgreSQL database when it is empty. A configured SQLite database is never
/// touched.
async fn bench(config: &Config, args: BenchArgs) -> anyhow::Result<()> {
    let month = match &args.month {
        Some(text) => crate::domain::month::YearMonth::parse(text)
            .map(|m| m.first_day())
            .ok_or_else(|| anyhow::anyhow!("--month must be YYYY-MM (got {text:?})"))?,
        None => crate::domain::month::YearMonth::of(crate::clock::today())
            .previous()
            .first_day(),
    };
    let scale = crate::bench::Scale {
        offices: args.offices,
        clients: args.clients,
        months: args.months,
        ..crate::bench::Scale::default()
    };
    let postgres = config.database_url.starts_with("postgres");
    let mut temp_dir = None;
    let (url, file) = if postgres {
        if args.keep.is_some() {
            anyhow::bail!(
                "--keep names a SQLite file; on PostgreSQL the data stays in the database"
            );
        }
        (config.database_url.clone(), None)
    } else {
        let file = match &args.keep {
            Some(file) if args.reuse => {
                if !file.exists() {
                    anyhow::bail!("--reuse: {} does not exist", file.display());
                }
                file.clone()
            }
            Some(file) => {
                if file.exists() {
                    anyhow::bail!(
                        "{} already exists; the benchmark writes a new file",
                        file.display()
                    );
                }
                file.clone()
            }
            None if args.reuse => anyhow::bail!("--reuse needs --keep FILE, the data set to use"),
            None => {
                let dir =
                    std::env::temp_dir().join(format!("teichaku-bench-{}", std::process::id()));
                std::fs::create_dir_all(&dir)?;
                temp_dir = Some(dir.clone());
                dir.join("bench.db")
            }
        };
        (format!("sqlite://{}", file.display()), Some(file))
    };
    let result = if args.reuse && args.http {
        Ok(())
    } else if args.reuse {
        // The claim run again on the data set already there (no generation).
        async {
            let db = Db::connect(&url).await?;
            db.migrate().await?;
            claim_bench(&db, month).await?;
            db.close().await;
            Ok(())
        }
        .await
    } else {
        bench_on(&url, file.as_deref(), &scale, month, !args.http).await
    };
    let result = match result {
        Ok(()) if args.http => {
            let per_page = std::time::Duration::from_secs_f64(args.seconds.clamp(0.1, 600.0));
            println!(
                "teichaku bench --http: {:.1} s per page",
                per_page.as_secs_f64()
            );
            crate::bench::http::run(&url, month, per_page, &args.pages)
                .await
                .map(|report| println!("{report}"))
        }
        other => other,
    };
    if let Some(dir) = temp_dir {
        let _ = std::fs::remove_dir_all(dir);
    }
    result
}

async fn bench_on(
    url: &str,
    file: Option<&std::path::Path>,
    scale: &crate::bench::Scale,
    month: time::Date,
    claim_run: bool,
) -> anyhow::Result<()> {
    let db = Db::connect(url).await?;
    if let Db::Postgres(pool) = &db {
        // Refuse a database with tables of its own before migrating anything into it.
        let tables: Vec<String> = sqlx::query_scalar(
            "SELECT table_name::text FROM information_schema.tables
             WHERE table_schema = current_schema() AND table_name <> '_sqlx_migrations'",
        )
        .fetch_all(pool)
        .await?;
        if !tables.is_empty() && !tables.iter().any(|t| t == "organizations") {
            anyhow::bail!(
                "{} has tables that are not Teichaku's; the benchmark needs an empty database",
                crate::db::redact(url)
            );
        }
    }
    db.migrate().await?;
    crate::bench::ensure_empty(&db).await.map_err(|e| {
        anyhow::anyhow!("{e:#}: {} (point --database-url at a new, empty PostgreSQL database, or leave it unset for a temporary SQLite file)", crate::db::redact(url))
    })?;
    println!(
        "teichaku bench: {} offices, {} clients, {} months of history, claiming {:04}-{:02}, on {}",
        scale.offices,
        scale.clients,
        scale.months,
        month.year(),
        u8::from(month.month()),
        crate::db::redact(url)
    );
    let generated = crate::bench::generate(&db, scale, month).await?;
    println!("{generated}");
    match (&db, file) {
        (Db::Sqlite(pool), Some(file)) => {
            sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)")
                .execute(pool)
                .await?;
            let size = std::fs::metadata(file).map(|m| m.len()).unwrap_or(0);
            println!(
                "database size: {:.1} MiB ({})",
                size as f64 / 1_048_576.0,
                file.display()
            );
        }
        (Db::Postgres(pool), _) => {
            let size: i64 = sqlx::query_scalar("SELECT pg_database_size(current_database())")
                .fetch_one(pool)
                .await?;
            println!("database size: {:.1} MiB", size as f64 / 1_048_576.0);
        }
        _ => {}
    }
    if claim_run {
        claim_bench(&db, month).await?;
    }
    db.close().await;
    Ok(())
}

/// The plain scan and the claim run, alternately, with their figures.
async fn claim_bench(db: &Db, month: time::Date) -> anyhow::Result<()> {
    let report = crate::bench::run(db, month, crate::bench::claim_run_hook).await?;
    println!("{}", report.scan_counts);
    println!("{report}");
    Ok(())
}

/// `teichaku bench-search` on a fresh SQLite file, or on the configured PostgreSQL database
/// when it is empty.
async fn bench_search(config: &Config, args: BenchSearchArgs) -> anyhow::Result<()> {
    let scale = crate::bench_cases::CaseScale {
        offices: args.offices,
        clients: args.clients,
        contacts: args.contacts,
        ..Default::default()
    };
    let postgres = config.database_url.starts_with("postgres");
    let dir = std::env::temp_dir().join(format!("teichaku-bench-search-{}", std::process::id()));
    if args.searches_only {
        return bench_searches_again(&config.database_url, &scale, args.rounds).await;
    }
    let url = match (&args.keep, postgres) {
        (_, true) => config.database_url.clone(),
        (Some(file), false) => {
            if file.exists() {
                anyhow::bail!("{} exists already: --keep makes a new file", file.display());
            }
            format!("sqlite://{}", file.display())
        }
        (None, false) => {
            std::fs::create_dir_all(&dir)?;
            format!("sqlite://{}", dir.join("bench.db").display())
        }
    };
    let result = bench_search_on(&url, &scale, args.rounds).await;
    if !postgres {
        let _ = std::fs::remove_dir_all(&dir);
    }
    result
}

async fn bench_search_on(
    url: &str,
    scale: &crate::bench_cases::CaseScale,
    rounds: usize,
) -> anyhow::Result<()> {
    use crate::bench_cases as b;
    let db = Db::connect(url).await?;
    db.migrate().await?;
    crate::bench::ensure_empty(&db).await.map_err(|e| {
        anyhow::anyhow!("{e:#}: {} (point --database-url at a new, empty PostgreSQL database, or leave it unset for a temporary SQLite file)", crate::db::redact(url))
    })?;
    let today = crate::clock::today();
    println!(
        "teichaku bench-search: {} offices, {} clients, {} contact notes, on {}",
        scale.offices,
        scale.clients,
        scale.contacts,
        crate::db::redact(url)
    );
    let generated = b::generate(&db, scale, today).await?;
    println!("{generated}");
    let started = std::time::Instant::now();
    let n = crate::cases::reindex(&db, crate::clock::now()).await?;
    println!(
        "cases made (anonymised): {n} in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    let index = crate::cases::CaseIndex::new();
    let started = std::time::Instant::now();
    index.load(&db).await?;
    println!("{}", index_built(&index, started.elapsed()).await);
    // One round first to warm the caches; then the timed rounds.
    b::search_latency(&db, &index, scale.offices, 1).await?;
    println!(
        "search (index, top 5): {}",
        b::search_latency(&db, &index, scale.offices, rounds).await?
    );
    println!(
        "baseline (LIKE over resolved concerns, top 5): {}",
        b::baseline_latency(&db, scale.offices, rounds.min(3)).await?
    );
    println!("quality (judged queries, data/case_queries.tsv):");
    println!("{}", b::quality(&db, &index, 1).await?);
    let defaults = crate::domain::warning::Thresholds::default();
    println!(
        "warnings (default thresholds): {}",
        b::warnings(&generated, today, &defaults)
    );
    let stricter = crate::domain::warning::Thresholds {
        repeat_count: 3,
        ..defaults
    };
    println!(
        "warnings (3 concerns of one area in 60 days): {}",
        b::warnings(&generated, today, &stricter)
    );
    println!("generated data is not evidence of real-world accuracy");
    db.close().await;
    Ok(())
}

/// `bench-search --searches-only`: the index built and the searches timed on a database an
/// earlier run filled.
async fn bench_searches_again(
    url: &str,
    scale: &crate::bench_cases::CaseScale,
    rounds: usize,
) -> anyhow::Result<()> {
    use crate::bench_cases as b;
    let db = Db::connect(url).await?;
    db.migrate().await?;
    println!(
        "teichaku bench-search --searches-only on {}",
        crate::db::redact(url)
    );
    let index = crate::cases::CaseIndex::new();
    let started = std::time::Instant::now();
    index.load(&db).await?;
    println!("{}", index_built(&index, started.elapsed()).await);
    b::search_latency(&db, &index, scale.offices, 1).await?;
    println!(
        "search (index, top 5): {}",
        b::search_latency(&db, &index, scale.offices, rounds).await?
    );
    println!("quality (judged queries, data/case_queries.tsv):");
    println!("{}", b::quality(&db, &index, 1).await?);
    db.close().await;
    Ok(())
}

/// What the benchmark says of the index just built.
async fn index_built(index: &crate::cases::CaseIndex, took: std::time::Duration) -> String {
    let (tokens, postings, bytes) = index.size().await;
    format!(
        "index built: {} cases, {tokens} distinct tokens, {postings} postings ({} bytes, {:.2} a posting), in {:.1} s; index heap {:.0} MB; process RSS {}",
        index.len().await,
        bytes,
        bytes as f64 / postings.max(1) as f64,
        took.as_secs_f64(),
        index.heap_bytes().await as f64 / 1e6,
        rss()
    )
}

/// The process's resident memory, from /proc (Linux), or "n/a".
fn rss() -> String {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmRSS:"))
                .map(|l| l.trim_start_matches("VmRSS:").trim().to_string())
        })
        .unwrap_or_else(|| "n/a".into())
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        if let Ok(mut s) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        {
            s.recv().await;
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! { _ = ctrl_c => {}, _ = term => {} }
    tracing::info!("shutting down");
}
