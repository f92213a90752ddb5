//! Online backup of an SQLite database with `VACUUM INTO`: a consistent snapshot taken in
//! one read transaction, while the server keeps serving.
use std::path::Path;

use anyhow::{Context, bail};

use crate::db::Db;

pub async fn sqlite_backup(db: &Db, file: &Path) -> anyhow::Result<()> {
    let Db::Sqlite(pool) = db else {
        bail!("backup copies SQLite databases only")
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
        .with_context(|| format!("writing the backup to {}", file.display()))?;
    Ok(())
}
