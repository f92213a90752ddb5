//! The database: one `Db` that is either SQLite or PostgreSQL, chosen at run time by the
//! `DATABASE_URL` scheme, with embedded migrations and a transaction type for writes.
//!
//! Store functions write one SQL text that runs on both engines (`$1` placeholders work on
//! SQLite too) and run it through [`on_db!`] or [`on_tx!`], which expand the same body once
//! per engine. Where the dialects really differ the function says so in one `match`.
//!
//! SQLite settings: WAL journal, foreign keys on, a 5 s busy timeout, and
//! `synchronous = FULL`. In WAL mode `NORMAL` is crash-safe for the database file but may
//! roll back the last transactions after a power loss; we acknowledge writes of personal
//! records to people, so a commit must be on disk when we answer: FULL syncs the WAL at
//! every commit. The cost is one fsync per write transaction, which an office never notices.
//!
//! Reads go through a memory map of the file (`mmap_size`, up to `TEICHAKU_SQLITE_MMAP_MB`,
//! 4 GiB by default) instead of a `pread` and a copy per page into each connection's small
//! page cache: on the national data set the claim run took 0.75–0.76 s with it and 0.89–1.15 s
//! without (#13). The mapped pages are the operating system's page cache, shared and given
//! back under memory pressure, but they count in the process's RSS (as `RssFile`): at the
//! peak of `teichaku bench --http` 233 MiB instead of 155 MiB. `TEICHAKU_SQLITE_MMAP_MB=0`
//! turns the map off where RSS is what is watched.

use std::{borrow::Cow, str::FromStr, time::Duration};

use anyhow::{Context, bail};
use sqlx::{
    PgPool, Postgres, Sqlite, SqlitePool, Transaction,
    migrate::{Migration, MigrationType, Migrator},
    postgres::{PgConnectOptions, PgPoolOptions},
    sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous},
};

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/migrations.rs"));
}

/// How much of a SQLite file is read through a memory map (address space, not memory):
/// `TEICHAKU_SQLITE_MMAP_MB` (0 turns the map off), else 4 GiB.
fn sqlite_mmap_bytes() -> u64 {
    env_number("TEICHAKU_SQLITE_MMAP_MB", 0..=u64::MAX).map_or(4 << 30, |mb| mb.min(1 << 20) << 20)
}

/// The pool's size: `TEICHAKU_DB_CONNECTIONS` when it is a number from 1 to 256, else the
/// engine's default. Each SQLite connection is a thread of its own that every statement is
/// handed to and back from.
fn connections(default: u32) -> u32 {
    env_number("TEICHAKU_DB_CONNECTIONS", 1..=256)
        .and_then(|n| u32::try_from(n).ok())
        .unwrap_or(default)
}

/// The number in the environment variable `name`, if it is one within `range`.
fn env_number(name: &str, range: std::ops::RangeInclusive<u64>) -> Option<u64> {
    std::env::var(name)
        .ok()
        .and_then(|v| v.trim().parse().ok())
        .filter(|n| range.contains(n))
}

/// Which engine a `Db` talks to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Engine {
    Sqlite,
    Postgres,
}

/// A connection pool to SQLite or PostgreSQL.
#[derive(Clone, Debug)]
pub enum Db {
    Sqlite(SqlitePool),
    Postgres(PgPool),
}

/// An open write transaction on either engine.
pub enum Tx {
    Sqlite(Transaction<'static, Sqlite>),
    Postgres(Transaction<'static, Postgres>),
}

/// Runs `$body` with `$pool` bound to the engine's pool (`&SqlitePool` or `&PgPool`).
#[macro_export]
macro_rules! on_db {
    ($db:expr, $pool:ident => $body:expr) => {
        match $db {
            $crate::db::Db::Sqlite($pool) => $body,
            $crate::db::Db::Postgres($pool) => $body,
        }
    };
}

/// Runs `$body` with `$conn` bound to the transaction's connection (`&mut SqliteConnection`
/// or `&mut PgConnection`).
#[macro_export]
macro_rules! on_tx {
    ($tx:expr, $conn:ident => $body:expr) => {
        match $tx {
            $crate::db::Tx::Sqlite(t) => {
                let $conn = &mut **t;
                $body
            }
            $crate::db::Tx::Postgres(t) => {
                let $conn = &mut **t;
                $body
            }
        }
    };
}

impl Db {
    /// Connects to `url` (`sqlite://path` or `postgres://…`). Errors are one readable line.
    pub async fn connect(url: &str) -> anyhow::Result<Db> {
        if url.starts_with("sqlite:") {
            let opts = SqliteConnectOptions::from_str(url)
                .with_context(|| format!("DATABASE_URL is not a valid SQLite URL: {url}"))?
                .create_if_missing(true)
                .journal_mode(SqliteJournalMode::Wal)
                .synchronous(SqliteSynchronous::Full)
                .foreign_keys(true)
                .busy_timeout(Duration::from_secs(5))
                .pragma("mmap_size", sqlite_mmap_bytes().to_string());
            let pool = SqlitePoolOptions::new()
                .max_connections(connections(8))
                .connect_with(opts)
                .await
                .map_err(|e| anyhow::anyhow!("cannot open the SQLite database {url}: {e}"))?;
            Ok(Db::Sqlite(pool))
        } else if url.starts_with("postgres:") || url.starts_with("postgresql:") {
            let opts = PgConnectOptions::from_str(url)
                .map_err(|e| anyhow::anyhow!("DATABASE_URL is not a valid PostgreSQL URL: {e}"))?;
            let pool = PgPoolOptions::new()
                .max_connections(connections(16))
                .acquire_timeout(Duration::from_secs(10))
                .connect_with(opts)
                .await
                .map_err(|e| {
                    anyhow::anyhow!("cannot connect to PostgreSQL at {}: {e}", redact(url))
                })?;
            Ok(Db::Postgres(pool))
        } else {
            bail!(
                "DATABASE_URL must start with sqlite:// or postgres:// (got {:?})",
                redact(url)
            )
        }
    }

    pub fn engine(&self) -> Engine {
        match self {
            Db::Sqlite(_) => Engine::Sqlite,
            Db::Postgres(_) => Engine::Postgres,
        }
    }

    /// Applies every embedded migration that has not run yet.
    pub async fn migrate(&self) -> anyhow::Result<()> {
        match self {
            Db::Sqlite(pool) => migrator(embedded::SQLITE).run(pool).await?,
            Db::Postgres(pool) => migrator(embedded::POSTGRES).run(pool).await?,
        }
        Ok(())
    }

    pub async fn begin(&self) -> Result<Tx, sqlx::Error> {
        Ok(match self {
            Db::Sqlite(pool) => Tx::Sqlite(pool.begin().await?),
            Db::Postgres(pool) => Tx::Postgres(pool.begin().await?),
        })
    }

    /// True when the database answers a trivial query.
    pub async fn ping(&self) -> bool {
        on_db!(self, pool => sqlx::query("SELECT 1").execute(pool).await.is_ok())
    }

    pub async fn close(&self) {
        on_db!(self, pool => pool.close().await)
    }
}

impl Tx {
    pub async fn commit(self) -> Result<(), sqlx::Error> {
        match self {
            Tx::Sqlite(t) => t.commit().await,
            Tx::Postgres(t) => t.commit().await,
        }
    }
}

/// The names of the embedded migrations for an engine, in order (for the parity test).
pub fn migration_names(engine: Engine) -> Vec<String> {
    let list = match engine {
        Engine::Sqlite => embedded::SQLITE,
        Engine::Postgres => embedded::POSTGRES,
    };
    list.iter().map(|(v, d, _)| format!("{v:04}_{d}")).collect()
}

fn migrator(list: &'static [(i64, &'static str, &'static str)]) -> Migrator {
    let migrations = list
        .iter()
        .map(|(version, description, sql)| {
            Migration::new(
                *version,
                Cow::Borrowed(*description),
                MigrationType::Simple,
                sqlx::SqlStr::from_static(sql),
                false,
            )
        })
        .collect();
    Migrator::with_migrations(migrations)
}

/// Hides a password in a connection URL before it is printed.
pub fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme_end), Some(at)) if at > scheme_end => {
            let userinfo = &url[scheme_end + 3..at];
            match userinfo.split_once(':') {
                Some((user, _)) => format!("{}{user}:***{}", &url[..scheme_end + 3], &url[at..]),
                None => url.to_string(),
            }
        }
        _ => url.to_string(),
    }
}

/// True when a database error is a unique-constraint violation (both engines).
pub fn is_unique_violation(err: &sqlx::Error) -> bool {
    matches!(err, sqlx::Error::Database(e) if e.is_unique_violation())
}

#[cfg(test)]
mod tests {

    use super::*;

    #[test]
    fn redacts_passwords_only() {
        assert_eq!(redact("postgres://u:secret@h/db"), "postgres://u:***@h/db");
        assert_eq!(redact("postgres://u@h/db"), "postgres://u@h/db");
        assert_eq!(redact("sqlite://teichaku.db"), "sqlite://teichaku.db");
    }

    #[test]
    fn both_engines_have_the_same_migration_names() {
        assert_eq!(
            migration_names(Engine::Sqlite),
            migration_names(Engine::Postgres)
        );
        assert!(!migration_names(Engine::Sqlite).is_empty());
    }
}
