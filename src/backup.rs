//! Encrypted backups and their restore (issue #16, item 2).
//!
//! A backup holds every client's 要配慮個人情報, and backups are what ends up on USB sticks and
//! shared drives, so `teichaku backup FILE` encrypts by default, in the age format
//! (<https://age-encryption.org/v1>; docs/decisions/0008-backup-encryption.md): with a
//! passphrase (`TEICHAKU_BACKUP_PASSPHRASE` or `--passphrase-file`, scrypt) or to public keys
//! (`--recipient age1…`, X25519). The `age` and `rage` tools read the same files, so a backup
//! stays readable without Teichaku. An unencrypted copy needs `--plain` and says so.
//!
//! What a backup holds: on SQLite, a `VACUUM INTO` copy of the live database; on PostgreSQL,
//! `pg_dump --format=custom`. `teichaku restore FILE` decrypts into a fresh database only,
//! checks it, and on a wrong key or a damaged file says which and leaves nothing behind:
//! SQLite is written to a temporary file beside the target and renamed only when complete
//! and checked; PostgreSQL is decrypted whole (age authenticates every chunk and the end)
//! before `pg_restore --single-transaction` runs. Every file is written under a temporary
//! name and renamed when complete, so an interrupted backup never looks like a backup.
use std::fs::{self, File, OpenOptions};
use std::io::{self, BufRead, BufReader, BufWriter, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::str::FromStr;

use age::secrecy::{ExposeSecret, SecretString};
use anyhow::{Context, bail};

use crate::db::{Db, Engine};

/// The one environment variable of the backup passphrase.
pub const PASSPHRASE_VAR: &str = "TEICHAKU_BACKUP_PASSPHRASE";

const AGE_MAGIC: &[u8] = b"age-encryption.org/";
const SQLITE_MAGIC: &[u8] = b"SQLite format 3\0";
const PG_DUMP_MAGIC: &[u8] = b"PGDMP";

/// How a new backup is protected.
pub enum Protection {
    Plain,
    Passphrase(SecretString),
    Recipients(Vec<age::x25519::Recipient>),
}

impl Protection {
    /// From the flags and `TEICHAKU_BACKUP_PASSPHRASE`: exactly one way, or `--plain`.
    pub fn choose(
        recipients: &[String],
        recipients_files: &[PathBuf],
        passphrase_file: Option<&Path>,
        plain: bool,
    ) -> anyhow::Result<Protection> {
        let mut keys = Vec::new();
        for text in recipients {
            keys.push(parse_recipient(text)?);
        }
        for file in recipients_files {
            let text = fs::read_to_string(file)
                .with_context(|| format!("cannot read the recipients file {}", file.display()))?;
            let before = keys.len();
            for line in text.lines().map(str::trim) {
                if !line.is_empty() && !line.starts_with('#') {
                    keys.push(parse_recipient(line)?);
                }
            }
            if keys.len() == before {
                bail!("{} holds no age public key (age1…)", file.display());
            }
        }
        let passphrase = read_passphrase(passphrase_file)?;
        match (plain, passphrase, keys.is_empty()) {
            (true, None, true) => Ok(Protection::Plain),
            (true, _, _) => bail!(
                "--plain writes an unencrypted backup; it cannot be combined with a passphrase ({PASSPHRASE_VAR} or --passphrase-file) or --recipient"
            ),
            (false, Some(_), false) => bail!(
                "both a passphrase and --recipient were given; an age file is encrypted with one or the other (unset {PASSPHRASE_VAR} to use the recipients)"
            ),
            (false, Some(passphrase), true) => {
                if let Some(problem) =
                    crate::domain::password::backup_passphrase_weakness(passphrase.expose_secret())
                {
                    bail!("the backup passphrase is too weak: {problem}");
                }
                Ok(Protection::Passphrase(passphrase))
            }
            (false, None, false) => Ok(Protection::Recipients(keys)),
            (false, None, true) => bail!(
                "backups are encrypted: set {PASSPHRASE_VAR}, or pass --passphrase-file FILE or --recipient age1… (or --plain for an unencrypted copy)"
            ),
        }
    }

    fn describe(&self) -> &'static str {
        match self {
            Protection::Plain => "NOT encrypted",
            Protection::Passphrase(_) => "encrypted with the passphrase (age, scrypt)",
            Protection::Recipients(_) => "encrypted to the public key(s) given (age, X25519)",
        }
    }
}

fn parse_recipient(text: &str) -> anyhow::Result<age::x25519::Recipient> {
    age::x25519::Recipient::from_str(text.trim())
        .map_err(|_| anyhow::anyhow!("{text:?} is not an age public key (age1…)"))
}

/// The passphrase from `--passphrase-file` (its first line), else from
/// `TEICHAKU_BACKUP_PASSPHRASE`; an empty one is refused.
fn read_passphrase(file: Option<&Path>) -> anyhow::Result<Option<SecretString>> {
    let text = match file {
        Some(file) => {
            let text = fs::read_to_string(file)
                .with_context(|| format!("cannot read the passphrase file {}", file.display()))?;
            Some(text.lines().next().unwrap_or_default().to_string())
        }
        None => std::env::var(PASSPHRASE_VAR).ok(),
    };
    match text {
        Some(text) if text.is_empty() => bail!("the backup passphrase is empty"),
        Some(text) => Ok(Some(SecretString::from(text))),
        None => Ok(None),
    }
}

/// What opens a backup: the passphrase and/or age identity files (`AGE-SECRET-KEY-…`).
pub struct Unlock {
    passphrase: Option<SecretString>,
    identities: Vec<Box<dyn age::Identity>>,
}

impl Unlock {
    pub fn from_args(
        identity_files: &[PathBuf],
        passphrase_file: Option<&Path>,
    ) -> anyhow::Result<Unlock> {
        let mut identities: Vec<Box<dyn age::Identity>> = Vec::new();
        for file in identity_files {
            let text = fs::read_to_string(file)
                .with_context(|| format!("cannot read the identity file {}", file.display()))?;
            let before = identities.len();
            for line in text.lines().map(str::trim) {
                if !line.is_empty() && !line.starts_with('#') {
                    let identity = age::x25519::Identity::from_str(line).map_err(|_| {
                        anyhow::anyhow!(
                            "{} is not an age identity file (AGE-SECRET-KEY-… lines)",
                            file.display()
                        )
                    })?;
                    identities.push(Box::new(identity));
                }
            }
            if identities.len() == before {
                bail!("{} holds no age identity", file.display());
            }
        }
        let passphrase = read_passphrase(passphrase_file)?;
        Ok(Unlock {
            passphrase,
            identities,
        })
    }
}

/// The kinds of file a backup can be once decrypted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Content {
    Sqlite,
    PgDump,
}

impl Content {
    fn of(head: &[u8]) -> Option<Content> {
        if head.starts_with(SQLITE_MAGIC) {
            Some(Content::Sqlite)
        } else if head.starts_with(PG_DUMP_MAGIC) {
            Some(Content::PgDump)
        } else {
            None
        }
    }
}

/// A file written under a temporary name, removed on drop unless kept.
struct Partial {
    path: PathBuf,
    keep: bool,
}

impl Partial {
    /// A new private file `.NAME.partial-RANDOM` in the directory of `beside`.
    fn beside(beside: &Path, what: &str) -> anyhow::Result<(Partial, File)> {
        let dir = match beside.parent() {
            Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
            _ => PathBuf::from("."),
        };
        let name = beside
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let path = dir.join(format!(".{name}.{what}-{}", random_hex()?));
        let file = create_private(&path)?;
        Ok((Partial { path, keep: false }, file))
    }

    /// Renames the finished file to `target` (refusing to replace an existing one).
    fn finish(mut self, target: &Path) -> anyhow::Result<()> {
        if target.exists() {
            bail!(
                "{} already exists; choose a new file name",
                target.display()
            );
        }
        fs::rename(&self.path, target)
            .with_context(|| format!("cannot rename the finished file to {}", target.display()))?;
        self.keep = true;
        if let Some(dir) = target.parent().filter(|d| !d.as_os_str().is_empty()) {
            // The rename itself must reach the disk too.
            if let Ok(d) = File::open(dir) {
                let _ = d.sync_all();
            }
        }
        Ok(())
    }
}

impl Drop for Partial {
    fn drop(&mut self) {
        if !self.keep {
            let _ = fs::remove_file(&self.path);
            for suffix in ["-wal", "-shm", "-journal"] {
                let mut p = self.path.clone().into_os_string();
                p.push(suffix);
                let _ = fs::remove_file(p);
            }
        }
    }
}

/// Creates a new file readable by its owner only.
fn create_private(path: &Path) -> anyhow::Result<File> {
    let mut options = OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options
        .open(path)
        .with_context(|| format!("cannot create {}", path.display()))
}

fn random_hex() -> anyhow::Result<String> {
    let mut b = [0u8; 6];
    getrandom::fill(&mut b).map_err(|e| anyhow::anyhow!("no randomness: {e}"))?;
    Ok(hex::encode(b))
}

/// Copies `input` to `out` through the protection; returns the bytes of plain content.
fn protect_into(protection: &Protection, input: &mut dyn Read, out: File) -> anyhow::Result<u64> {
    let mut writer = BufWriter::new(out);
    let n = match protection {
        Protection::Plain => io::copy(input, &mut writer)?,
        Protection::Passphrase(passphrase) => {
            let encryptor = age::Encryptor::with_user_passphrase(passphrase.clone());
            let mut w = encryptor.wrap_output(&mut writer)?;
            let n = io::copy(input, &mut w)?;
            w.finish()?;
            n
        }
        Protection::Recipients(keys) => {
            let encryptor =
                age::Encryptor::with_recipients(keys.iter().map(|k| k as &dyn age::Recipient))
                    .map_err(|e| anyhow::anyhow!("cannot encrypt to these recipients: {e}"))?;
            let mut w = encryptor.wrap_output(&mut writer)?;
            let n = io::copy(input, &mut w)?;
            w.finish()?;
            n
        }
    };
    let file = writer
        .into_inner()
        .map_err(|e| anyhow::anyhow!("writing the backup: {}", e.error()))?;
    file.sync_all()?;
    Ok(n)
}

/// `teichaku backup FILE`: a consistent copy of the database, protected, written to FILE.
pub async fn backup(
    db: &Db,
    url: &str,
    file: &Path,
    protection: &Protection,
) -> anyhow::Result<()> {
    if file.exists() {
        bail!("{} already exists; choose a new file name", file.display());
    }
    let (partial, out) = Partial::beside(file, "partial")?;
    match db.engine() {
        Engine::Sqlite => {
            // The plain copy sits beside the live database (already plain on that disk), never
            // beside FILE, which may be a USB stick or a shared drive; it is removed at once.
            let main = crate::store::backup::sqlite_main_file(db).await?;
            let copy = main.with_file_name(format!(
                ".{}.backup-{}",
                main.file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default(),
                random_hex()?
            ));
            let copy_guard = Partial {
                path: copy.clone(),
                keep: false,
            };
            crate::store::backup::vacuum_into(db, &copy).await?;
            let mut input = BufReader::new(File::open(&copy)?);
            protect_into(protection, &mut input, out)?;
            drop(copy_guard);
        }
        Engine::Postgres => {
            let (target, password) = libpq_target(url);
            let mut command = Command::new("pg_dump");
            command
                .arg("--format=custom")
                .arg(format!("--dbname={target}"))
                .stdin(Stdio::null())
                .stdout(Stdio::piped())
                .stderr(Stdio::piped());
            if let Some(password) = password {
                command.env("PGPASSWORD", password);
            }
            let mut child = command.spawn().map_err(|e| {
                anyhow::anyhow!(
                    "cannot run pg_dump ({e}); install the PostgreSQL client tools (the server's major version), or pipe: pg_dump --format=custom \"$DATABASE_URL\" | teichaku encrypt > FILE"
                )
            })?;
            let mut stdout = child.stdout.take().context("pg_dump has no output")?;
            let copied = protect_into(protection, &mut stdout, out);
            // Closed before waiting: had writing stopped early, pg_dump would block on a full
            // pipe for ever; closed, it ends with a broken pipe.
            drop(stdout);
            let output = child.wait_with_output()?;
            if !output.status.success() {
                bail!(
                    "pg_dump failed ({}): {}",
                    output.status,
                    String::from_utf8_lossy(&output.stderr).trim()
                );
            }
            copied?;
        }
    }
    partial.finish(file)?;
    println!(
        "backup written to {} ({})",
        file.display(),
        protection.describe()
    );
    if matches!(protection, Protection::Plain) {
        eprintln!(
            "warning: {} is NOT encrypted: it holds every client's personal and health records in the clear. Keep it off shared drives and removable media.",
            file.display()
        );
    }
    Ok(())
}

/// `teichaku encrypt`: standard input to standard output (for `pg_dump … | teichaku encrypt`
/// and for re-encrypting an old backup with a new key).
pub fn encrypt_stream(protection: &Protection) -> anyhow::Result<()> {
    if matches!(protection, Protection::Plain) {
        bail!("teichaku encrypt needs a key: {PASSPHRASE_VAR}, --passphrase-file or --recipient");
    }
    let mut stdout = io::stdout().lock();
    let mut input = io::stdin().lock();
    match protection {
        Protection::Passphrase(p) => {
            let mut w = age::Encryptor::with_user_passphrase(p.clone()).wrap_output(&mut stdout)?;
            io::copy(&mut input, &mut w)?;
            w.finish()?;
        }
        Protection::Recipients(keys) => {
            let mut w =
                age::Encryptor::with_recipients(keys.iter().map(|k| k as &dyn age::Recipient))
                    .map_err(|e| anyhow::anyhow!("cannot encrypt to these recipients: {e}"))?
                    .wrap_output(&mut stdout)?;
            io::copy(&mut input, &mut w)?;
            w.finish()?;
        }
        Protection::Plain => {}
    }
    stdout.flush()?;
    Ok(())
}

/// Opens a backup file: the plain content's reader (decrypting an age file) and its kind.
///
/// The kind is `None` for an age file of anything else (`teichaku encrypt` takes any input:
/// `decrypt` gives it back; only `restore` needs a backup).
fn open_backup(
    file: &Path,
    unlock: &Unlock,
) -> anyhow::Result<(Box<dyn BufRead>, Option<Content>)> {
    let f = File::open(file).with_context(|| format!("cannot open {}", file.display()))?;
    let mut reader = BufReader::new(f);
    let head = reader.fill_buf()?.to_vec();
    if head.starts_with(AGE_MAGIC) {
        let decryptor = age::Decryptor::new_buffered(reader).map_err(|e| damaged(file, &e))?;
        let scrypt = decryptor.is_scrypt();
        let mut identities: Vec<&dyn age::Identity> = Vec::new();
        let scrypt_identity = unlock.passphrase.clone().map(age::scrypt::Identity::new);
        if let Some(id) = &scrypt_identity {
            identities.push(id);
        }
        identities.extend(unlock.identities.iter().map(|b| b.as_ref()));
        if identities.is_empty() {
            bail!(
                "{} is encrypted; give its key: {}",
                file.display(),
                if scrypt {
                    format!("the passphrase in {PASSPHRASE_VAR} or --passphrase-file")
                } else {
                    "--identity FILE (the age secret key it was encrypted to)".to_string()
                }
            );
        }
        let plain = decryptor
            .decrypt(identities.into_iter())
            .map_err(|e| match e {
                age::DecryptError::DecryptionFailed if scrypt => anyhow::anyhow!(
                    "wrong passphrase: {} cannot be decrypted with it; nothing was restored",
                    file.display()
                ),
                age::DecryptError::NoMatchingKeys if scrypt => anyhow::anyhow!(
                    "{} is encrypted with a passphrase: set {PASSPHRASE_VAR} or pass --passphrase-file",
                    file.display()
                ),
                age::DecryptError::NoMatchingKeys => anyhow::anyhow!(
                    "none of the keys given opens {} (it was encrypted to other public keys); nothing was restored",
                    file.display()
                ),
                age::DecryptError::ExcessiveWork { .. } => anyhow::anyhow!(
                    "{} asks for an excessive passphrase work factor; it was not made by teichaku backup",
                    file.display()
                ),
                other => damaged(file, &other),
            })?;
        let mut plain: Box<dyn BufRead> = Box::new(BufReader::with_capacity(1 << 16, plain));
        let head = plain
            .fill_buf()
            .map_err(|e| damaged_body(file, &e))?
            .to_vec();
        Ok((plain, Content::of(&head)))
    } else if let Some(content) = Content::of(&head) {
        eprintln!("note: {} is an unencrypted backup", file.display());
        Ok((Box::new(reader), Some(content)))
    } else {
        bail!(
            "{} is not a Teichaku backup (neither an age-encrypted file, an SQLite database nor a pg_dump archive), or it is damaged",
            file.display()
        )
    }
}

fn damaged(file: &Path, e: &dyn std::fmt::Display) -> anyhow::Error {
    anyhow::anyhow!(
        "{} is damaged (its age header cannot be read: {e}); nothing was restored",
        file.display()
    )
}

fn damaged_body(file: &Path, e: &io::Error) -> anyhow::Error {
    anyhow::anyhow!(
        "{} is damaged or incomplete ({e}); nothing was restored",
        file.display()
    )
}

/// Copies the whole plain content to `out` and syncs it; a damaged chunk or a missing end
/// is an error (age authenticates each 64 KiB chunk and the last one).
fn copy_plain(file: &Path, input: &mut dyn BufRead, out: File) -> anyhow::Result<u64> {
    let mut writer = BufWriter::new(out);
    let n = io::copy(input, &mut writer).map_err(|e| {
        if e.kind() == io::ErrorKind::InvalidData || e.kind() == io::ErrorKind::UnexpectedEof {
            damaged_body(file, &e)
        } else {
            anyhow::anyhow!("restoring {}: {e}", file.display())
        }
    })?;
    let out = writer
        .into_inner()
        .map_err(|e| anyhow::anyhow!("writing the restored file: {}", e.error()))?;
    out.sync_all()?;
    Ok(n)
}

/// `teichaku decrypt FILE`: the plain content to standard output. Damage is found at the end
/// at the latest; the exit status then fails, so pipe with `set -o pipefail`.
pub fn decrypt_to_stdout(file: &Path, unlock: &Unlock) -> anyhow::Result<()> {
    let (mut input, _) = open_backup(file, unlock)?;
    let mut stdout = io::stdout().lock();
    io::copy(&mut input, &mut stdout).map_err(|e| damaged_body(file, &e))?;
    stdout.flush()?;
    Ok(())
}

/// `teichaku restore FILE`: into the fresh database at `url`, checked.
pub async fn restore(file: &Path, url: &str, unlock: &Unlock) -> anyhow::Result<()> {
    let (mut input, content) = open_backup(file, unlock)?;
    let content = content.with_context(|| {
        format!(
            "{} decrypts, but to neither an SQLite database nor a pg_dump archive; nothing was restored",
            file.display()
        )
    })?;
    let target_engine = if url.starts_with("sqlite:") {
        Engine::Sqlite
    } else {
        Engine::Postgres
    };
    match (content, target_engine) {
        (Content::Sqlite, Engine::Sqlite) => restore_sqlite(file, &mut input, url).await,
        (Content::PgDump, Engine::Postgres) => restore_postgres(file, &mut input, url).await,
        (Content::Sqlite, Engine::Postgres) => bail!(
            "{} is an SQLite backup; restore it to a sqlite:// URL",
            file.display()
        ),
        (Content::PgDump, Engine::Sqlite) => bail!(
            "{} is a PostgreSQL backup; restore it to a postgres:// URL",
            file.display()
        ),
    }
}

async fn restore_sqlite(file: &Path, input: &mut dyn BufRead, url: &str) -> anyhow::Result<()> {
    let target = sqlx::sqlite::SqliteConnectOptions::from_str(url)
        .with_context(|| format!("not a valid SQLite URL: {url}"))?
        .get_filename()
        .to_path_buf();
    if target.exists() && fs::metadata(&target)?.len() > 0 {
        bail!(
            "{} already exists and is not empty; restore into a new file",
            target.display()
        );
    }
    let (partial, out) = Partial::beside(&target, "restore")?;
    copy_plain(file, input, out)?;
    let temp_url = format!("sqlite://{}", partial.path.display());
    let options = sqlx::sqlite::SqliteConnectOptions::from_str(&temp_url)?.create_if_missing(false);
    let pool = sqlx::sqlite::SqlitePoolOptions::new()
        .max_connections(1)
        .connect_with(options)
        .await
        .with_context(|| format!("{} does not open as an SQLite database", file.display()))?;
    let db = Db::Sqlite(pool);
    let checked = check(&db).await;
    db.close().await;
    let summary = checked
        .with_context(|| format!("{} failed the checks; nothing was restored", file.display()))?;
    if target.exists() {
        // An empty file made by an earlier connection: the restored database replaces it.
        fs::remove_file(&target)?;
    }
    partial.finish(&target)?;
    println!("restored {} to {url}: {summary}", file.display());
    Ok(())
}

async fn restore_postgres(file: &Path, input: &mut dyn BufRead, url: &str) -> anyhow::Result<()> {
    let db = Db::connect(url).await?;
    let tables = crate::store::backup::list_tables(&db).await?;
    if !tables.is_empty() {
        db.close().await;
        bail!(
            "{} is not empty ({} tables); restore into a new database (CREATE DATABASE …)",
            crate::db::redact(url),
            tables.len()
        );
    }
    // The whole archive is decrypted and authenticated before anything reaches the database.
    let dir = std::env::temp_dir().join(format!("teichaku-restore-{}", random_hex()?));
    fs::create_dir(&dir)?;
    let dir_guard = TempDir(dir.clone());
    let archive = dir.join("teichaku.dump");
    let out = create_private(&archive)?;
    copy_plain(file, input, out)?;
    let (target, password) = libpq_target(url);
    let list = pg_restore(&["--list"], &archive, None)?;
    if !list.contains(" _sqlx_migrations ") {
        bail!(
            "{} is a pg_dump archive, but not of a Teichaku database (no migrations table); nothing was restored",
            file.display()
        );
    }
    pg_restore(
        &[
            "--single-transaction",
            "--exit-on-error",
            "--no-owner",
            "--no-privileges",
            &format!("--dbname={target}"),
        ],
        &archive,
        password.as_deref(),
    )
    .with_context(|| {
        format!(
            "restoring {} (the database was left unchanged)",
            file.display()
        )
    })?;
    drop(dir_guard);
    let summary = check(&db).await;
    db.close().await;
    let summary = summary.with_context(|| {
        format!(
            "{} was restored to {}, but failed the checks",
            file.display(),
            crate::db::redact(url)
        )
    })?;
    println!(
        "restored {} to {}: {summary}",
        file.display(),
        crate::db::redact(url)
    );
    Ok(())
}

/// Runs pg_restore on `archive`; its standard output on success.
fn pg_restore(args: &[&str], archive: &Path, password: Option<&str>) -> anyhow::Result<String> {
    let mut command = Command::new("pg_restore");
    command.args(args).arg(archive).stdin(Stdio::null());
    if let Some(password) = password {
        command.env("PGPASSWORD", password);
    }
    let output = command.output().map_err(|e| {
        anyhow::anyhow!("cannot run pg_restore ({e}); install the PostgreSQL client tools")
    })?;
    if !output.status.success() {
        bail!(
            "pg_restore failed: {}",
            String::from_utf8_lossy(&output.stderr).trim()
        );
    }
    Ok(String::from_utf8_lossy(&output.stdout).into_owned())
}

struct TempDir(PathBuf);

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
    }
}

/// What the checks of a restored database found, as one line.
async fn check(db: &Db) -> anyhow::Result<String> {
    use crate::store::backup as store;
    let problems = store::integrity_check(db).await?;
    if problems != ["ok"] {
        bail!("SQLite's integrity check found: {}", problems.join("; "));
    }
    let tables = store::list_tables(db).await?;
    if !tables.iter().any(|t| t == "_sqlx_migrations") {
        bail!("not a Teichaku database: it has no migrations table");
    }
    let migrations = store::list_migrations(db).await?;
    if let Some((version, _)) = migrations.iter().find(|(_, ok)| !ok) {
        bail!("migration {version:04} had failed in the backed-up database");
    }
    let known: Vec<i64> = crate::db::migration_names(db.engine())
        .iter()
        .filter_map(|n| n.get(..4).and_then(|v| v.parse().ok()))
        .collect();
    if let Some((version, _)) = migrations.iter().find(|(v, _)| !known.contains(v)) {
        bail!(
            "the backup was made by a newer Teichaku (migration {version:04} is unknown to {}); restore it with that version",
            env!("CARGO_PKG_VERSION")
        );
    }
    let counts = store::count_rows(db, &tables).await?;
    let rows: i64 = counts.iter().map(|(_, n)| n).sum();
    let named: Vec<String> = counts
        .iter()
        .filter(|(t, _)| {
            ["organizations", "offices", "staff", "clients", "audit_log"].contains(&t.as_str())
        })
        .map(|(t, n)| format!("{t} {n}"))
        .collect();
    Ok(format!(
        "checked: {} migrations (latest {:04}), {} tables, {rows} rows ({}){}",
        migrations.len(),
        migrations.last().map(|(v, _)| *v).unwrap_or_default(),
        tables.len(),
        named.join(", "),
        if db.engine() == Engine::Sqlite {
            ", integrity ok"
        } else {
            ""
        }
    ))
}

/// `teichaku backup-key FILE`: a new age identity (secret key) in FILE, readable by its owner
/// only; prints the public key to give to `teichaku backup --recipient`.
pub fn generate_key(file: &Path) -> anyhow::Result<()> {
    if file.exists() {
        bail!("{} already exists; choose a new file name", file.display());
    }
    let identity = age::x25519::Identity::generate();
    let public = identity.to_public();
    let mut out = create_private(file)?;
    writeln!(
        out,
        "# teichaku backup key: keep it secret and away from the backups"
    )?;
    writeln!(out, "# public key: {public}")?;
    writeln!(out, "{}", identity.to_string().expose_secret())?;
    out.sync_all()?;
    println!("{public}");
    eprintln!(
        "secret key written to {}; back up with --recipient {public}",
        file.display()
    );
    Ok(())
}

/// A PostgreSQL URL for libpq without its password (so it never shows in the process list),
/// and the password, percent-decoded, for `PGPASSWORD`.
fn libpq_target(url: &str) -> (String, Option<String>) {
    let (Some(scheme_end), Some(at)) = (url.find("://"), url.rfind('@')) else {
        return (url.to_string(), None);
    };
    if at < scheme_end {
        return (url.to_string(), None);
    }
    let userinfo = &url[scheme_end + 3..at];
    match userinfo.split_once(':') {
        Some((user, password)) => (
            format!("{}{user}{}", &url[..scheme_end + 3], &url[at..]),
            Some(percent_decode(password)),
        ),
        None => (url.to_string(), None),
    }
}

fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && let Some(hex) = text.get(i + 1..i + 3)
            && let Ok(b) = u8::from_str_radix(hex, 16)
        {
            out.push(b);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_password_leaves_the_url_for_pgpassword() {
        assert_eq!(
            libpq_target("postgres://u:p%40ss@h:5432/db?sslmode=require"),
            (
                "postgres://u@h:5432/db?sslmode=require".to_string(),
                Some("p@ss".to_string())
            )
        );
        assert_eq!(
            libpq_target("postgres://u@h/db"),
            ("postgres://u@h/db".to_string(), None)
        );
        assert_eq!(
            libpq_target("postgres://h/db"),
            ("postgres://h/db".to_string(), None)
        );
    }

    #[test]
    fn content_is_told_by_its_first_bytes() {
        assert_eq!(Content::of(b"SQLite format 3\0rest"), Some(Content::Sqlite));
        assert_eq!(Content::of(b"PGDMP\x01\x0e"), Some(Content::PgDump));
        assert_eq!(Content::of(b"age-encryption.org/v1"), None);
        assert_eq!(Content::of(b""), None);
    }
}
