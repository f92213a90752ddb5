//! 事業所 (offices).
use time::OffsetDateTime;

use crate::db::{Db, Tx};
use crate::domain::lookup::Candidate;
use crate::domain::office::OfficeInput;
use crate::domain::paging::Keyset;
use crate::domain::staff::Principal;
use crate::{on_db, on_tx};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Office {
    pub id: i64,
    pub organization_id: i64,
    pub name: String,
    pub office_number: Option<String>,
    pub prefecture: String,
    pub address: String,
    pub nearest_station: String,
    pub hours: String,
    pub services: String,
    pub published: bool,
    pub plan_review_months: i64,
    pub phone: String,
    pub email: String,
    /// Printed documents are dated in the era calendar (和暦, `domain::era`).
    pub era_dates: bool,
}

/// An office with the number of clients in it, for lists.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct OfficeSummary {
    pub id: i64,
    pub name: String,
    pub prefecture: String,
    pub address: String,
    pub client_count: i64,
}

const COLUMNS: &str =
    "id, organization_id, name, office_number, prefecture, address, nearest_station, phone, email,
     hours, services, published, plan_review_months, era_dates";

pub async fn find(db: &Db, id: i64) -> Result<Option<Office>, sqlx::Error> {
    let sql = format!("SELECT {COLUMNS} FROM offices WHERE id = $1");
    on_db!(db, pool => sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(id).fetch_optional(pool).await)
}

/// The text of [`page_visible`]: `$1` is the organisation (an admin sees all its offices)
/// or the staff member (the offices they belong to); then the keyset id, then the limit.
pub fn page_visible_sql(admin: bool, at: Keyset) -> String {
    let mut sql = String::from(
        "SELECT o.id, o.name, o.prefecture, o.address,
                (SELECT COUNT(*) FROM clients c
                 WHERE c.office_id = o.id AND c.removed_at IS NULL) AS client_count
         FROM offices o WHERE ",
    );
    sql.push_str(if admin {
        "o.organization_id = $1"
    } else {
        "o.id IN (SELECT so.office_id FROM staff_offices so WHERE so.staff_id = $1)"
    });
    let (condition, order) = match at {
        Keyset::First => ("", "o.id LIMIT $2"),
        Keyset::After(_) => (" AND o.id > $2", "o.id LIMIT $3"),
        Keyset::Before(_) => (" AND o.id < $2", "o.id DESC LIMIT $3"),
    };
    sql.push_str(condition);
    sql.push_str(" ORDER BY ");
    sql.push_str(order);
    sql
}

/// Up to `limit` of the offices a staff member may see (all of the organisation's for an
/// admin, otherwise the ones they belong to) at `at`, by id, with their client counts.
pub async fn page_visible(
    db: &Db,
    who: &Principal,
    at: Keyset,
    limit: i64,
) -> Result<Vec<OfficeSummary>, sqlx::Error> {
    let sql = page_visible_sql(who.is_admin, at);
    let owner = if who.is_admin {
        who.organization_id
    } else {
        who.id
    };
    let mut rows: Vec<OfficeSummary> = on_db!(db, pool => {
        let mut q = sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(owner);
        if let Keyset::After(id) | Keyset::Before(id) = at { q = q.bind(id); }
        q.bind(limit).fetch_all(pool).await
    })?;
    if let Keyset::Before(_) = at {
        rows.reverse();
    }
    Ok(rows)
}

/// Every office of the organisation (for the admin's staff forms).
pub async fn list_all(db: &Db, organization_id: i64) -> Result<Vec<Office>, sqlx::Error> {
    let sql = format!("SELECT {COLUMNS} FROM offices WHERE organization_id = $1 ORDER BY id");
    on_db!(db, pool => sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(organization_id).fetch_all(pool).await)
}

pub async fn insert(
    tx: &mut Tx,
    organization_id: i64,
    o: &OfficeInput,
    now: OffsetDateTime,
) -> Result<i64, sqlx::Error> {
    let sql = "INSERT INTO offices (organization_id, name, office_number, prefecture, address,
                                    nearest_station, phone, email, hours, services, published,
                                    plan_review_months, created_at, updated_at)
               VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $13) RETURNING id";
    let id = on_tx!(tx, c => sqlx::query_scalar(sql)
        .bind(organization_id).bind(&o.name).bind(&o.office_number).bind(&o.prefecture)
        .bind(&o.address).bind(&o.nearest_station).bind(&o.phone).bind(&o.email)
        .bind(&o.hours).bind(&o.services).bind(o.published).bind(o.plan_review_months).bind(now)
        .fetch_one(c).await)?;
    super::public_version::bump(tx, now).await?;
    Ok(id)
}

pub async fn update(
    tx: &mut Tx,
    id: i64,
    o: &OfficeInput,
    now: OffsetDateTime,
) -> Result<bool, sqlx::Error> {
    let sql = "UPDATE offices SET name = $2, office_number = $3, prefecture = $4, address = $5,
                      nearest_station = $6, phone = $7, email = $8, hours = $9, services = $10,
                      published = $11, plan_review_months = $12, updated_at = $13
               WHERE id = $1";
    let done = on_tx!(tx, c => sqlx::query(sql)
        .bind(id).bind(&o.name).bind(&o.office_number).bind(&o.prefecture).bind(&o.address)
        .bind(&o.nearest_station).bind(&o.phone).bind(&o.email).bind(&o.hours).bind(&o.services)
        .bind(o.published).bind(o.plan_review_months).bind(now)
        .execute(c).await.map(|r| r.rows_affected()))?;
    super::public_version::bump(tx, now).await?;
    Ok(done == 1)
}

/// Whether the office's printed documents are dated in the era calendar (和暦); kept apart
/// from `OfficeInput` because it is a setting of the documents, not a fact of the office.
pub async fn set_era_dates(tx: &mut Tx, id: i64, era_dates: bool) -> Result<(), sqlx::Error> {
    on_tx!(tx, c => sqlx::query("UPDATE offices SET era_dates = $2 WHERE id = $1")
        .bind(id).bind(era_dates).execute(c).await.map(|_| ()))
}

/// Number of clients recorded in the office (an office with clients cannot be deleted).
pub async fn count_clients(tx: &mut Tx, id: i64) -> Result<i64, sqlx::Error> {
    on_tx!(tx, c => sqlx::query_scalar("SELECT COUNT(*) FROM clients WHERE office_id = $1")
        .bind(id).fetch_one(c).await)
}

pub async fn delete(tx: &mut Tx, id: i64, now: OffsetDateTime) -> Result<bool, sqlx::Error> {
    let done = on_tx!(tx, c => sqlx::query("DELETE FROM offices WHERE id = $1").bind(id).execute(c).await.map(|r| r.rows_affected()))?;
    super::public_version::bump(tx, now).await?;
    Ok(done == 1)
}

/// The organisation's offices shown on the public site (the inquiry form's choice).
pub async fn list_published(db: &Db) -> Result<Vec<Office>, sqlx::Error> {
    let sql = format!("SELECT {COLUMNS} FROM offices WHERE published ORDER BY id");
    on_db!(db, pool => sqlx::query_as(sqlx::AssertSqlSafe(sql)).fetch_all(pool).await)
}

/// The prefectures with a published office, with how many each has.
pub async fn published_prefectures(db: &Db) -> Result<Vec<(String, i64)>, sqlx::Error> {
    on_db!(db, pool => sqlx::query_as(
        "SELECT prefecture, COUNT(*) FROM offices WHERE published GROUP BY prefecture")
        .fetch_all(pool).await)
}

/// The text of [`page_published`]: of one prefecture or all, from the start, after an id
/// or before one (keyset paging by id; `before` reads backwards, the caller turns it round).
pub fn page_published_sql(prefecture: bool, at: Keyset) -> String {
    let mut sql = format!("SELECT {COLUMNS} FROM offices WHERE published");
    let mut n = 0;
    if prefecture {
        n += 1;
        sql.push_str(&format!(" AND prefecture = ${n}"));
    }
    let order = match at {
        Keyset::First => "id",
        Keyset::After(_) => {
            n += 1;
            sql.push_str(&format!(" AND id > ${n}"));
            "id"
        }
        Keyset::Before(_) => {
            n += 1;
            sql.push_str(&format!(" AND id < ${n}"));
            "id DESC"
        }
    };
    sql.push_str(&format!(" ORDER BY {order} LIMIT ${}", n + 1));
    sql
}

/// Up to `limit` published offices (of `prefecture` unless empty) at `at`, by id.
pub async fn page_published(
    db: &Db,
    prefecture: &str,
    at: Keyset,
    limit: i64,
) -> Result<Vec<Office>, sqlx::Error> {
    let sql = page_published_sql(!prefecture.is_empty(), at);
    let mut rows: Vec<Office> = on_db!(db, pool => {
        let mut q = sqlx::query_as(sqlx::AssertSqlSafe(sql));
        if !prefecture.is_empty() { q = q.bind(prefecture); }
        if let Keyset::After(id) | Keyset::Before(id) = at { q = q.bind(id); }
        q.bind(limit).fetch_all(pool).await
    })?;
    if let Keyset::Before(_) = at {
        rows.reverse();
    }
    Ok(rows)
}

/// The first `limit` published offices (the landing page shows their phone numbers) and
/// whether there are more.
pub async fn first_published(db: &Db, limit: i64) -> Result<(Vec<Office>, bool), sqlx::Error> {
    let sql = format!("SELECT {COLUMNS} FROM offices WHERE published = $1 ORDER BY id LIMIT $2");
    let mut rows: Vec<Office> = on_db!(db, pool => sqlx::query_as(sqlx::AssertSqlSafe(sql))
        .bind(true).bind(limit + 1).fetch_all(pool).await)?;
    let more = rows.len() as i64 > limit;
    rows.truncate(usize::try_from(limit).unwrap_or(0));
    Ok((rows, more))
}

/// Up to `limit` of the organisation's offices for a typed text (`domain::lookup`): the one
/// whose 事業所番号 is `key`, then the one named `name` (spaces removed), then those whose
/// name contains it, by name.
pub async fn matching(
    db: &Db,
    organization_id: i64,
    key: &str,
    name: &str,
    limit: i64,
) -> Result<Vec<Candidate>, sqlx::Error> {
    let sql = "SELECT id, COALESCE(office_number, ''), name FROM offices
               WHERE organization_id = $1
                 AND (office_number = $2
                      OR REPLACE(REPLACE(name, ' ', ''), '　', '') LIKE $3 ESCAPE '\\')
               ORDER BY CASE WHEN office_number = $2 THEN 0
                             WHEN REPLACE(REPLACE(name, ' ', ''), '　', '') = $4 THEN 1
                             ELSE 2 END,
                        name, id
               LIMIT $5";
    super::lookup_candidates(db, sql, organization_id, key, name, limit).await
}
