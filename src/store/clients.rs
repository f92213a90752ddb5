//! 利用者 (clients).
use time::{Date, OffsetDateTime};

use crate::db::{Db, Tx};
use crate::domain::client::ClientInput;
use crate::domain::client_list::Condition;
use crate::domain::paging::Keyset;
use crate::{on_db, on_tx};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Client {
    pub id: i64,
    pub office_id: i64,
    pub supporter_id: Option<i64>,
    pub name: String,
    pub kana: String,
    pub birth_date: Date,
    pub phone: String,
    pub email: String,
    pub address: String,
    pub disability_categories: String,
    pub prior_service: String,
    pub prior_office_name: String,
    pub prior_office_integrated: bool,
}

/// A client row for lists: the supporter's name and the first employment's dates, from
/// which the list computes where the client stands.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ClientListRow {
    pub id: i64,
    pub name: String,
    pub kana: String,
    pub supporter_id: Option<i64>,
    pub supporter_name: Option<String>,
    pub hire_date: Option<Date>,
    pub return_to_work_date: Option<Date>,
}

/// The minimal record the demo and tests create directly.
#[derive(Debug, Clone)]
pub struct NewClient {
    pub office_id: i64,
    pub supporter_id: Option<i64>,
    pub name: String,
    pub kana: String,
    pub birth_date: Date,
}

const COLUMNS: &str = "id, office_id, supporter_id, name, kana, birth_date, phone, email, address,
                       disability_categories, prior_service, prior_office_name,
                       prior_office_integrated";

/// The client `id`; a removed client (`store::record_keeping::remove`) is missing, so every
/// page that loads a client through here answers 404 for them.
pub async fn find(db: &Db, id: i64) -> Result<Option<Client>, sqlx::Error> {
    let sql = format!("SELECT {COLUMNS} FROM clients WHERE id = $1 AND removed_at IS NULL");
    on_db!(db, pool => sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(id).fetch_optional(pool).await)
}

/// What the paged client list asks for (`web::records::clients::list_clients`).
#[derive(Debug, Clone)]
pub struct ListFilter {
    /// Part of the name or ふりがな, spaces removed ("" for any).
    pub search: String,
    pub supporter_id: Option<i64>,
    /// Which stages, as base dates (`domain::client_list`).
    pub condition: Condition,
}

/// A value bound to a built text, in order.
enum Arg {
    Int(i64),
    Text(String),
    Day(Date),
}

/// The client's first employment, whose dates give the stage (see `domain::rules::period`).
const FIRST_EMPLOYMENT: &str = " LEFT JOIN employments e ON e.id = (
              SELECT e2.id FROM employments e2 WHERE e2.client_id = c.id
              ORDER BY e2.hire_date, e2.id LIMIT 1)";

/// The `WHERE` of the paged list and its count, with its arguments from `$1` (the office).
fn list_where(office_id: i64, f: &ListFilter) -> (String, Vec<Arg>) {
    let mut sql = String::from(" WHERE c.office_id = $1 AND c.removed_at IS NULL");
    let mut args = vec![Arg::Int(office_id)];
    let next = |args: &mut Vec<Arg>, arg: Arg| {
        args.push(arg);
        format!("${}", args.len())
    };
    if !f.search.is_empty() {
        let n = next(&mut args, Arg::Text(super::like_contains(&f.search)));
        sql.push_str(&format!(
            " AND (c.name LIKE {n} ESCAPE '\\' OR c.kana LIKE {n} ESCAPE '\\'
                   OR REPLACE(c.name, ' ', '') LIKE {n} ESCAPE '\\'
                   OR REPLACE(c.kana, ' ', '') LIKE {n} ESCAPE '\\')"
        ));
    }
    if let Some(id) = f.supporter_id {
        let n = next(&mut args, Arg::Int(id));
        sql.push_str(&format!(" AND c.supporter_id = {n}"));
    }
    match f.condition {
        Condition::Any => {}
        Condition::NoEmployment => sql.push_str(" AND e.id IS NULL"),
        Condition::Base {
            from,
            to,
            or_no_employment,
        } => {
            let mut base = String::from("e.id IS NOT NULL");
            let day = "COALESCE(e.return_to_work_date, e.hire_date)";
            if let Some(d) = from {
                let n = next(&mut args, Arg::Day(d));
                base.push_str(&format!(" AND {day} >= {n}"));
            }
            if let Some(d) = to {
                let n = next(&mut args, Arg::Day(d));
                base.push_str(&format!(" AND {day} <= {n}"));
            }
            if or_no_employment {
                sql.push_str(&format!(" AND (({base}) OR e.id IS NULL)"));
            } else {
                sql.push_str(&format!(" AND {base}"));
            }
        }
    }
    (sql, args)
}

/// The text of [`page_for_office`] (for the plan test; the office is `$1`).
pub fn page_for_office_sql(f: &ListFilter, at: Keyset) -> String {
    page_query(1, f, at).0
}

/// The text of [`count_for_office`] (for the plan test).
pub fn count_for_office_sql(f: &ListFilter) -> String {
    count_query(1, f).0
}

fn count_query(office_id: i64, f: &ListFilter) -> (String, Vec<Arg>) {
    let (conditions, args) = list_where(office_id, f);
    (
        format!("SELECT COUNT(*) FROM clients c{FIRST_EMPLOYMENT}{conditions}"),
        args,
    )
}

/// The text and arguments (before the limit) of a page in ふりがな order (kana, id), from
/// the start, after the client `id` or before it. The cursor is the id alone; its (kana, id)
/// is read from the row, within the office, so that no name travels in a URL (an id of
/// another office gives an empty page).
fn page_query(office_id: i64, f: &ListFilter, at: Keyset) -> (String, Vec<Arg>) {
    let (conditions, mut args) = list_where(office_id, f);
    let mut sql = format!(
        "SELECT c.id, c.name, c.kana, c.supporter_id, s.display_name AS supporter_name,
                e.hire_date, e.return_to_work_date
         FROM clients c LEFT JOIN staff s ON s.id = c.supporter_id{FIRST_EMPLOYMENT}{conditions}"
    );
    let order = match at {
        Keyset::First => "c.kana, c.id",
        Keyset::After(id) | Keyset::Before(id) => {
            args.push(Arg::Int(id));
            let (op, order) = match at {
                Keyset::After(_) => (">", "c.kana, c.id"),
                _ => ("<", "c.kana DESC, c.id DESC"),
            };
            sql.push_str(&format!(
                " AND (c.kana, c.id) {op} (SELECT k.kana, k.id FROM clients k
                                          WHERE k.id = ${} AND k.office_id = $1)",
                args.len()
            ));
            order
        }
    };
    sql.push_str(&format!(" ORDER BY {order} LIMIT ${}", args.len() + 1));
    (sql, args)
}

/// Up to `limit` of the office's clients that `f` keeps, at `at`, in ふりがな order.
pub async fn page_for_office(
    db: &Db,
    office_id: i64,
    f: &ListFilter,
    at: Keyset,
    limit: i64,
) -> Result<Vec<ClientListRow>, sqlx::Error> {
    let (sql, args) = page_query(office_id, f, at);
    let mut rows: Vec<ClientListRow> = on_db!(db, pool => {
        let mut q = sqlx::query_as(sqlx::AssertSqlSafe(sql));
        for a in args {
            q = match a {
                Arg::Int(v) => q.bind(v),
                Arg::Text(v) => q.bind(v),
                Arg::Day(v) => q.bind(v),
            };
        }
        q.bind(limit).fetch_all(pool).await
    })?;
    if let Keyset::Before(_) = at {
        rows.reverse();
    }
    Ok(rows)
}

/// How many of the office's clients `f` keeps (the list's total, shown above its pages).
pub async fn count_for_office(db: &Db, office_id: i64, f: &ListFilter) -> Result<i64, sqlx::Error> {
    let (sql, args) = count_query(office_id, f);
    on_db!(db, pool => {
        let mut q = sqlx::query_scalar(sqlx::AssertSqlSafe(sql));
        for a in args {
            q = match a {
                Arg::Int(v) => q.bind(v),
                Arg::Text(v) => q.bind(v),
                Arg::Day(v) => q.bind(v),
            };
        }
        q.fetch_one(pool).await
    })
}

/// Inserts a minimal client (demo data and test builders).
pub async fn insert(tx: &mut Tx, c: &NewClient, now: OffsetDateTime) -> Result<i64, sqlx::Error> {
    on_tx!(tx, conn => sqlx::query_scalar(
        "INSERT INTO clients (office_id, supporter_id, name, kana, birth_date, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $6) RETURNING id")
        .bind(c.office_id).bind(c.supporter_id).bind(&c.name).bind(&c.kana).bind(c.birth_date)
        .bind(now).fetch_one(conn).await)
}

pub async fn create(
    tx: &mut Tx,
    office_id: i64,
    c: &ClientInput,
    now: OffsetDateTime,
) -> Result<i64, sqlx::Error> {
    let sql = "INSERT INTO clients (office_id, supporter_id, name, kana, birth_date, phone, email,
                                    address, disability_categories, prior_service,
                                    prior_office_name, prior_office_integrated, created_at,
                                    updated_at)
               VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $13, $12, $12) RETURNING id";
    on_tx!(tx, conn => sqlx::query_scalar(sql)
        .bind(office_id).bind(c.supporter_id).bind(&c.name).bind(&c.kana).bind(c.birth_date)
        .bind(&c.phone).bind(&c.email).bind(&c.address).bind(c.disabilities_column())
        .bind(c.prior_service.code()).bind(&c.prior_office_name).bind(now)
        .bind(c.prior_office_integrated)
        .fetch_one(conn).await)
}

pub async fn update(
    tx: &mut Tx,
    id: i64,
    c: &ClientInput,
    now: OffsetDateTime,
) -> Result<u64, sqlx::Error> {
    let sql = "UPDATE clients SET supporter_id = $2, name = $3, kana = $4, birth_date = $5,
                      phone = $6, email = $7, address = $8, disability_categories = $9,
                      prior_service = $10, prior_office_name = $11, updated_at = $12,
                      prior_office_integrated = $13
               WHERE id = $1";
    on_tx!(tx, conn => sqlx::query(sql)
        .bind(id).bind(c.supporter_id).bind(&c.name).bind(&c.kana).bind(c.birth_date)
        .bind(&c.phone).bind(&c.email).bind(&c.address).bind(c.disabilities_column())
        .bind(c.prior_service.code()).bind(&c.prior_office_name).bind(now)
        .bind(c.prior_office_integrated)
        .execute(conn).await.map(|r| r.rows_affected()))
}
