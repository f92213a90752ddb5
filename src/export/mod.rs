//! Table-by-table exports, so that an organisation can leave or move engines (issue 15,
//! item 3; the files are described in docs/export.md): `teichaku export [--office N] DIR`
//! writes one CSV per table and a manifest; `teichaku import-export DIR` restores them into
//! a fresh database of either engine. A client's whole record (本人開示, item 2) is the same
//! selection for one client (`record`). The encrypted whole-database backup is
//! `crate::backup`; both list the tables and count the rows through `store::backup`.

pub mod record;
pub mod scope;
pub mod tables;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use anyhow::{Context, bail};

use crate::db::Db;
use crate::domain::csv::{Cell, Csv};
use crate::store::export::{self as store, Kind};
use scope::{SKIPPED, Scope, Table};

/// The manifest's name and the format it declares.
pub const MANIFEST: &str = "manifest.csv";
const FORMAT: &str = "teichaku-export-1";

/// Reads every exported table (catalogue and rows) of the database.
pub async fn read_tables(db: &Db) -> anyhow::Result<Vec<Table>> {
    let mut out = Vec::new();
    for name in crate::store::backup::list_tables(db).await? {
        if SKIPPED.contains(&name.as_str()) {
            continue;
        }
        let columns = store::columns(db, &name).await?;
        let foreign_keys = store::foreign_keys(db, &name).await?;
        let rows = store::rows(db, &name, &columns).await?;
        out.push(Table {
            name,
            columns,
            foreign_keys,
            rows,
        });
    }
    Ok(out)
}

/// A value as a cell. NULL is `\N`; a text starting with `\` or `'` has that character
/// doubled, so that the `'` the CSV writer puts before a formula-like text (`domain::csv`)
/// and the NULL mark are told apart on reading. Whole numbers are numbers.
fn cell(kind: Kind, value: &Option<String>) -> Cell {
    match value {
        None => Cell::Text("\\N".to_string()),
        Some(v) if kind == Kind::Integer => v
            .parse::<i64>()
            .map(Cell::Number)
            .unwrap_or_else(|_| Cell::Text(v.clone())),
        Some(v) if v.starts_with('\\') || v.starts_with('\'') => {
            Cell::Text(format!("{}{v}", &v[..1]))
        }
        Some(v) => Cell::Text(v.clone()),
    }
}

/// A cell read back as the value.
pub fn value(cell: &str) -> Option<String> {
    if cell == "\\N" {
        return None;
    }
    Some(
        cell.strip_prefix('\'')
            .or_else(|| cell.strip_prefix('\\'))
            .unwrap_or(cell)
            .to_string(),
    )
}

/// The CSV of the chosen rows of one table, its header the column names.
pub fn table_csv(t: &Table, rows: &BTreeSet<usize>) -> Vec<u8> {
    let mut csv = Csv::new();
    csv.row(t.columns.iter().map(|c| Cell::Text(c.name.clone())));
    for &n in rows {
        csv.row(
            t.columns
                .iter()
                .zip(&t.rows[n])
                .map(|(c, v)| cell(c.kind, v)),
        );
    }
    csv.into_bytes()
}

/// What an export holds: (file name, bytes) of each table and the manifest.
pub async fn files(db: &Db, scope: Scope) -> anyhow::Result<Vec<(String, Vec<u8>)>> {
    let tables = read_tables(db).await?;
    let chosen = scope::select(&tables, scope);
    let latest = crate::store::backup::list_migrations(db)
        .await?
        .last()
        .map(|(v, _)| *v)
        .unwrap_or_default();
    let mut manifest = Csv::new();
    manifest.row(["kind", "name", "value"].map(Cell::from));
    manifest.row(["format", "format", FORMAT].map(Cell::from));
    let scope_text = match scope {
        Scope::Organisation => ("organisation".to_string(), String::new()),
        Scope::Office(id) => ("office".to_string(), id.to_string()),
        Scope::Client(id) => ("client".to_string(), id.to_string()),
    };
    manifest.row([
        Cell::from("scope"),
        Cell::Text(scope_text.0),
        Cell::Text(scope_text.1),
    ]);
    manifest.row([
        Cell::from("migration"),
        Cell::from("latest"),
        Cell::Number(latest),
    ]);
    let mut out = Vec::new();
    for t in &tables {
        let empty = BTreeSet::new();
        let rows = chosen.get(&t.name).unwrap_or(&empty);
        manifest.row([
            Cell::from("table"),
            Cell::Text(t.name.clone()),
            Cell::from(rows.len() as u64),
        ]);
        out.push((format!("{}.csv", t.name), table_csv(t, rows)));
    }
    out.insert(0, (MANIFEST.to_string(), manifest.into_bytes()));
    Ok(out)
}

/// `teichaku export [--office N] DIR`: writes the files into DIR (made; it must not exist
/// or be empty). Prints the tables and rows.
pub async fn export_to_dir(db: &Db, scope: Scope, dir: &Path) -> anyhow::Result<String> {
    if dir.exists() && dir.read_dir()?.next().is_some() {
        bail!(
            "{} is not empty; export into a new directory",
            dir.display()
        );
    }
    if let Scope::Office(id) = scope
        && crate::store::offices::find(db, id).await?.is_none()
    {
        bail!("there is no office {id}");
    }
    let files = files(db, scope).await?;
    std::fs::create_dir_all(dir)?;
    for (name, bytes) in &files {
        std::fs::write(dir.join(name), bytes)
            .with_context(|| format!("writing {}", dir.join(name).display()))?;
    }
    Ok(format!(
        "exported {} tables to {}",
        files.len() - 1,
        dir.display()
    ))
}

fn read_csv(path: &Path) -> anyhow::Result<Vec<Vec<String>>> {
    let bytes = std::fs::read(path).with_context(|| format!("reading {}", path.display()))?;
    let text =
        String::from_utf8(bytes).with_context(|| format!("{} is not UTF-8", path.display()))?;
    Ok(crate::domain::csv::parse(&text))
}

/// `teichaku import-export DIR`: the export in DIR into the fresh database `db` (migrated,
/// with no organisation, office, staff or client yet), in one transaction; then the rows
/// are counted against the manifest.
pub async fn restore_from_dir(db: &Db, dir: &Path) -> anyhow::Result<String> {
    let manifest = read_csv(&dir.join(MANIFEST))?;
    let find = |kind: &str| {
        manifest
            .iter()
            .find(|r| r.first().map(String::as_str) == Some(kind))
    };
    if find("format").and_then(|r| r.get(2)).map(String::as_str) != Some(FORMAT) {
        bail!(
            "{} is not a Teichaku export ({MANIFEST} names no {FORMAT})",
            dir.display()
        );
    }
    let latest: i64 = find("migration")
        .and_then(|r| r.get(2))
        .and_then(|v| v.parse().ok())
        .unwrap_or_default();
    let ours = crate::store::backup::list_migrations(db)
        .await?
        .last()
        .map(|(v, _)| *v)
        .unwrap_or_default();
    if latest > ours {
        bail!(
            "the export was made by a newer Teichaku (migration {latest:04}); restore it with that version"
        );
    }
    for table in ["organizations", "offices", "staff", "clients"] {
        let n = crate::store::backup::count_rows(db, &[table.to_string()]).await?;
        if n.first().is_some_and(|(_, n)| *n > 0) {
            bail!("the database already has {table}; restore into a fresh database");
        }
    }
    let expected: BTreeMap<String, i64> = manifest
        .iter()
        .filter(|r| r.first().map(String::as_str) == Some("table"))
        .filter_map(|r| Some((r.get(1)?.clone(), r.get(2)?.parse().ok()?)))
        .collect();
    let ours = crate::store::backup::list_tables(db).await?;
    let mut catalogue = Vec::new();
    for name in expected.keys() {
        if !ours.contains(name) {
            bail!("the export has a table {name} this Teichaku does not know");
        }
        catalogue.push((name.clone(), store::foreign_keys(db, name).await?));
    }
    let order = scope::parents_first(&catalogue);
    let engine = db.engine();
    let mut tx = db.begin().await?;
    // Rows the migrations wrote (master data) make way for the export's.
    for name in order.iter().rev() {
        store::clear(&mut tx, name).await?;
    }
    for name in &order {
        let columns = store::columns(db, name).await?;
        let rows = read_csv(&dir.join(format!("{name}.csv")))?;
        let Some((header, data)) = rows.split_first() else {
            bail!("{name}.csv has no header");
        };
        let mut chosen = Vec::new();
        for h in header {
            let c = columns
                .iter()
                .find(|c| c.name == *h)
                .with_context(|| format!("{name}.csv has a column {h} the table does not"))?;
            chosen.push(c.clone());
        }
        let values: Vec<Vec<Option<String>>> = data
            .iter()
            .map(|r| r.iter().map(|c| value(c)).collect())
            .collect();
        if values.iter().any(|r| r.len() != chosen.len()) {
            bail!("{name}.csv has a row with a different number of cells than its header");
        }
        store::insert_rows(&mut tx, engine, name, &chosen, &values).await?;
        if columns.iter().any(|c| c.name == "id") {
            store::reset_sequence(&mut tx, name).await?;
        }
    }
    tx.commit().await?;
    let names: Vec<String> = expected.keys().cloned().collect();
    let counts = crate::store::backup::count_rows(db, &names).await?;
    for (table, n) in &counts {
        if expected.get(table) != Some(n) {
            bail!(
                "{table} has {n} rows after the restore; the export said {:?}",
                expected.get(table)
            );
        }
    }
    let rows: i64 = counts.iter().map(|(_, n)| n).sum();
    Ok(format!(
        "restored {} tables, {rows} rows from {}",
        counts.len(),
        dir.display()
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_read_back_as_written() {
        let cases: [Option<&str>; 9] = [
            None,
            Some(""),
            Some("\\N"),
            Some("=SUM(A1)"),
            Some("'=x"),
            Some("'quoted"),
            Some("\\path"),
            Some("-5 yen"),
            Some("普通の文"),
        ];
        for v in cases {
            let v = v.map(String::from);
            let mut csv = Csv::new();
            csv.row([cell(Kind::Text, &v)]);
            let text = String::from_utf8(csv.into_bytes()).expect("utf-8");
            let back = crate::domain::csv::parse(&text);
            assert_eq!(value(&back[0][0]), v, "{v:?}");
        }
        assert_eq!(cell(Kind::Integer, &Some("-12".into())), Cell::Number(-12));
    }
}
