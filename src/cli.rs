//! The command line: `teichaku [serve|migrate|backup FILE|seed-demo|version]`.

use std::process::ExitCode;

use clap::{Parser, Subcommand};
use tokio::net::TcpListener;

use crate::config::Config;
use crate::db::{Db, Engine};

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
    /// Write a consistent copy of the SQLite database to FILE while the server runs
    Backup { file: std::path::PathBuf },
    /// Load the fictional demo organisation (three offices, staff, about 30 clients)
    SeedDemo,
    /// Print the version
    Version,
}

pub fn main() -> ExitCode {
    let cli = Cli::parse();
    init_tracing(&cli.config.log);
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
        Command::Backup { file } => {
            let db = Db::connect(&config.database_url).await?;
            if db.engine() == Engine::Postgres {
                eprintln!(
                    "teichaku backup copies SQLite databases. For PostgreSQL use pg_dump, e.g.\n  pg_dump --format=custom --file=teichaku.dump \"$DATABASE_URL\""
                );
                return Ok(ExitCode::from(2));
            }
            crate::store::backup::sqlite_backup(&db, &file).await?;
            println!("backup written to {}", file.display());
        }
        Command::SeedDemo => {
            let state = crate::app::prepare(config).await?;
            match crate::demo::seed(&state.db).await? {
                Some(info) => println!("{info}"),
                None => {
                    println!("the database already has an organisation; the demo was not loaded")
                }
            }
        }
        Command::Serve => {
            let addr = config.addr.clone();
            let state = crate::app::prepare(config).await?;
            if cli.demo
                && let Some(info) = crate::demo::seed(&state.db).await?
            {
                println!("{info}");
            }
            let listener = TcpListener::bind(&addr)
                .await
                .map_err(|e| anyhow::anyhow!("cannot listen on {addr}: {e}"))?;
            let local = listener.local_addr()?;
            println!("Teichaku is running on http://{local}/  (Ctrl+C to stop)");
            crate::app::serve_on(state, listener, shutdown_signal()).await?;
        }
    }
    Ok(ExitCode::SUCCESS)
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
