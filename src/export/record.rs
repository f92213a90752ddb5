//! A client's whole record for 本人開示 (issue 15, item 2): every row under the client
//! (`scope::Scope::Client`: employment, 受給者証, contracts, support records, concerns,
//! tasks, consents, plans, reports and their shares, self-checks, notebook messages…) and
//! the audit rows about them, as one CSV per table and as sections a person can read; the
//! ZIP holding both is made by [`zip`]. Hashes and tokens are left out: they are keys, not
//! information about the person.

use std::io::{Cursor, Write};

use crate::db::Db;
use crate::export::scope::{self, Scope};
use crate::export::{table_csv, tables};

/// One table of the record, for the readable page.
#[derive(Debug, Clone)]
pub struct Section {
    pub table: String,
    pub title: String,
    /// Each row as (column, value) pairs.
    pub rows: Vec<Vec<(String, String)>>,
}

/// Whether a column holds a key rather than information (left out of the record).
fn is_secret(column: &str) -> bool {
    ["hash", "secret", "token"]
        .iter()
        .any(|w| column.contains(w))
}

/// The client's record: (CSV file name, bytes) per table with rows, and the sections.
pub async fn gather(
    db: &Db,
    client_id: i64,
    japanese: bool,
) -> anyhow::Result<(Vec<(String, Vec<u8>)>, Vec<Section>)> {
    let mut all = crate::export::read_tables(db).await?;
    for t in &mut all {
        let keep: Vec<usize> = (0..t.columns.len())
            .filter(|&i| !is_secret(&t.columns[i].name))
            .collect();
        t.columns = keep.iter().map(|&i| t.columns[i].clone()).collect();
        t.rows = t
            .rows
            .iter()
            .map(|r| keep.iter().map(|&i| r[i].clone()).collect())
            .collect();
    }
    let chosen = scope::select(&all, Scope::Client(client_id));
    let mut files = Vec::new();
    let mut sections = Vec::new();
    for t in &all {
        let Some(rows) = chosen.get(&t.name).filter(|r| !r.is_empty()) else {
            continue;
        };
        files.push((format!("csv/{}.csv", t.name), table_csv(t, rows)));
        sections.push(Section {
            table: t.name.clone(),
            title: tables::title(&t.name, japanese),
            rows: rows
                .iter()
                .map(|&n| {
                    t.columns
                        .iter()
                        .zip(&t.rows[n])
                        .map(|(c, v)| (c.name.clone(), v.clone().unwrap_or_default()))
                        .collect()
                })
                .collect(),
        });
    }
    Ok((files, sections))
}

/// A ZIP of `files` (deflated).
pub fn zip(files: &[(String, Vec<u8>)]) -> anyhow::Result<Vec<u8>> {
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, bytes) in files {
        zip.start_file(name.as_str(), options)?;
        zip.write_all(bytes)?;
    }
    Ok(zip.finish()?.into_inner())
}
