//! The client import (issue 15, item 1): the office's uploaded file while it is mapped and
//! previewed, the column mapping the office chose last, the 受給者証番号 already
//! registered, and the rows written.

use time::OffsetDateTime;

use crate::db::{Db, Tx};
use crate::domain::import::RowInput;
use crate::{on_db, on_tx};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Upload {
    pub office_id: i64,
    pub staff_id: i64,
    pub file_name: String,
    pub content: Vec<u8>,
    pub mapping: String,
}

/// Keeps `content` as the office's file being imported, replacing an earlier one.
pub async fn save_upload(
    tx: &mut Tx,
    office_id: i64,
    staff_id: i64,
    file_name: &str,
    content: &[u8],
    now: OffsetDateTime,
) -> Result<(), sqlx::Error> {
    let sql =
        "INSERT INTO import_uploads (office_id, staff_id, file_name, content, mapping, created_at)
               VALUES ($1, $2, $3, $4, '', $5)
               ON CONFLICT (office_id) DO UPDATE SET staff_id = excluded.staff_id,
                   file_name = excluded.file_name, content = excluded.content, mapping = '',
                   created_at = excluded.created_at";
    on_tx!(tx, conn => sqlx::query(sql)
        .bind(office_id).bind(staff_id).bind(file_name).bind(content).bind(now)
        .execute(conn).await.map(|_| ()))
}

pub async fn find_upload(db: &Db, office_id: i64) -> Result<Option<Upload>, sqlx::Error> {
    on_db!(db, pool => sqlx::query_as(
        "SELECT office_id, staff_id, file_name, content, mapping FROM import_uploads
         WHERE office_id = $1")
        .bind(office_id).fetch_optional(pool).await)
}

/// The upload, read inside the import's transaction (a second import of the same upload
/// finds it gone).
pub async fn take_upload(tx: &mut Tx, office_id: i64) -> Result<Option<Upload>, sqlx::Error> {
    let upload: Option<Upload> = on_tx!(tx, conn => sqlx::query_as(
        "DELETE FROM import_uploads WHERE office_id = $1
         RETURNING office_id, staff_id, file_name, content, mapping")
        .bind(office_id).fetch_optional(conn).await)?;
    Ok(upload)
}

pub async fn set_upload_mapping(
    tx: &mut Tx,
    office_id: i64,
    mapping: &str,
) -> Result<u64, sqlx::Error> {
    on_tx!(tx, conn => sqlx::query("UPDATE import_uploads SET mapping = $2 WHERE office_id = $1")
        .bind(office_id).bind(mapping).execute(conn).await.map(|r| r.rows_affected()))
}

pub async fn delete_upload(tx: &mut Tx, office_id: i64) -> Result<u64, sqlx::Error> {
    on_tx!(tx, conn => sqlx::query("DELETE FROM import_uploads WHERE office_id = $1")
        .bind(office_id).execute(conn).await.map(|r| r.rows_affected()))
}

/// Uploads made before `cutoff` and never imported (housekeeping).
pub async fn delete_uploads_before(db: &Db, cutoff: OffsetDateTime) -> Result<u64, sqlx::Error> {
    on_db!(db, pool => sqlx::query("DELETE FROM import_uploads WHERE created_at < $1")
        .bind(cutoff).execute(pool).await.map(|r| r.rows_affected()))
}

/// The mapping the office chose last (JSON: header → column code), if any.
pub async fn remembered_mapping(db: &Db, office_id: i64) -> Result<Option<String>, sqlx::Error> {
    on_db!(db, pool => sqlx::query_scalar(
        "SELECT mapping FROM import_mappings WHERE office_id = $1")
        .bind(office_id).fetch_optional(pool).await)
}

pub async fn remember_mapping(
    tx: &mut Tx,
    office_id: i64,
    mapping: &str,
    now: OffsetDateTime,
) -> Result<(), sqlx::Error> {
    let sql = "INSERT INTO import_mappings (office_id, mapping, updated_at) VALUES ($1, $2, $3)
               ON CONFLICT (office_id) DO UPDATE SET mapping = excluded.mapping,
                   updated_at = excluded.updated_at";
    on_tx!(tx, conn => sqlx::query(sql).bind(office_id).bind(mapping).bind(now)
        .execute(conn).await.map(|_| ()))
}

/// Every 受給者証番号 of a client still on record: a row with one of these is left alone.
const REGISTERED: &str = "SELECT DISTINCT ce.number FROM certificates ce
                          JOIN clients c ON c.id = ce.client_id WHERE c.removed_at IS NULL";

pub async fn registered_numbers(db: &Db) -> Result<Vec<String>, sqlx::Error> {
    on_db!(db, pool => sqlx::query_scalar(REGISTERED).fetch_all(pool).await)
}

/// The same, inside the import's transaction.
pub async fn registered_numbers_in(tx: &mut Tx) -> Result<Vec<String>, sqlx::Error> {
    on_tx!(tx, conn => sqlx::query_scalar(REGISTERED).fetch_all(conn).await)
}

/// Writes one row: the client, their employment, the 受給者証 with its period and the
/// contract, through the same store functions the forms use. Returns the client's id.
pub async fn insert_row(
    tx: &mut Tx,
    office_id: i64,
    row: &RowInput,
    now: OffsetDateTime,
) -> Result<i64, sqlx::Error> {
    let client_id = super::clients::create(tx, office_id, &row.client, now).await?;
    if let Some(e) = &row.employment {
        super::employments::insert(tx, client_id, e, now).await?;
    }
    super::certificates::insert(tx, client_id, &row.certificate, now).await?;
    if let Some(c) = &row.contract {
        super::certificates::insert_contract(
            tx,
            client_id,
            office_id,
            c.contract_date,
            c.start,
            c.end,
            now,
        )
        .await?;
    }
    Ok(client_id)
}
