//! The SQL of backups and restores (`crate::backup` drives them): the online copy of an
//! SQLite database with `VACUUM INTO` (a consistent snapshot taken in one read transaction,
//! while the server keeps serving), and what a restore checks in the database it made: the
//! tables and their rows, the migrations it has, SQLite's integrity check.
use std::path::{Path, PathBuf};

use anyhow::{Context, bail};

use crate::db::Db;

/// Writes a consistent copy of the SQLite database to `file`, which must not exist.
pub async fn vacuum_into(db: &Db, file: &Path) -> anyhow::Result<()> {
    let Db::Sqlite(pool) = db else {
        bail!("VACUUM INTO copies SQLite databases only")
    };
    if file.exists() {
        bail!("{} already exists; choose a new file name", file.display());
    }
    let target = file
        .to_str()
        .context("the backup file name must be valid UTF-8")?;
    sqlx::query("VACUUM INTO $1")
        .bind(target)
        .execute(pool)
        .await
        .with_context(|| format!("writing the copy to {}", file.display()))?;
    Ok(())
}

/// The file of an SQLite database's main schema (where a temporary copy can sit beside it).
pub async fn sqlite_main_file(db: &Db) -> anyhow::Result<PathBuf> {
    let Db::Sqlite(pool) = db else {
        bail!("not an SQLite database")
    };
    let file: String =
        sqlx::query_scalar("SELECT file FROM pragma_database_list WHERE name = 'main'")
            .fetch_one(pool)
            .await?;
    if file.is_empty() {
        bail!("the SQLite database is in memory; there is no file to back up")
    }
    Ok(PathBuf::from(file))
}

/// `PRAGMA integrity_check`: `["ok"]` for a sound SQLite file, else the problems found
/// (at most 100). PostgreSQL has no equivalent; there the answer is `["ok"]`.
pub async fn integrity_check(db: &Db) -> anyhow::Result<Vec<String>> {
    match db {
        Db::Sqlite(pool) => Ok(sqlx::query_scalar("PRAGMA integrity_check")
            .fetch_all(pool)
            .await?),
        Db::Postgres(_) => Ok(vec!["ok".to_string()]),
    }
}

/// The tables of the database (without the engine's own), by name.
pub async fn list_tables(db: &Db) -> anyhow::Result<Vec<String>> {
    Ok(match db {
        Db::Sqlite(pool) => {
            sqlx::query_scalar(
                "SELECT name FROM sqlite_master
                 WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'
                 ORDER BY name",
            )
            .fetch_all(pool)
            .await?
        }
        Db::Postgres(pool) => {
            sqlx::query_scalar(
                "SELECT table_name::text FROM information_schema.tables
                 WHERE table_schema NOT IN ('pg_catalog', 'information_schema')
                   AND table_type = 'BASE TABLE'
                 ORDER BY table_name",
            )
            .fetch_all(pool)
            .await?
        }
    })
}

/// The number of rows of each table in `tables`.
pub async fn count_rows(db: &Db, tables: &[String]) -> anyhow::Result<Vec<(String, i64)>> {
    let mut counts = Vec::with_capacity(tables.len());
    for table in tables {
        // The names come from the catalogue (`list_tables`), quoted as identifiers.
        let sql = format!("SELECT COUNT(*) FROM \"{}\"", table.replace('"', "\"\""));
        let n: i64 = crate::on_db!(db, pool => sqlx::query_scalar(sqlx::AssertSqlSafe(sql)).fetch_one(pool).await)?;
        counts.push((table.clone(), n));
    }
    Ok(counts)
}

/// The migrations recorded in `_sqlx_migrations`: (version, applied successfully).
pub async fn list_migrations(db: &Db) -> anyhow::Result<Vec<(i64, bool)>> {
    let sql = "SELECT version, success FROM _sqlx_migrations ORDER BY version";
    Ok(crate::on_db!(db, pool => sqlx::query_as(sql).fetch_all(pool).await)?)
}
