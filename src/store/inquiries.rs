//! お問い合わせ (inquiries), their pipeline events, and the server's generated secrets.
use time::OffsetDateTime;

use crate::db::{Db, Tx};
use crate::domain::fields::UnknownStatus;
use crate::domain::inquiry::{Inbox, InquiryInput, InquiryStatus};
use crate::domain::paging::Keyset;
use crate::{on_db, on_tx};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Inquiry {
    pub id: i64,
    pub office_id: i64,
    pub kind: String,
    pub channel: String,
    pub name: String,
    pub phone: String,
    pub email: String,
    pub contact_by: String,
    pub preferred_times: String,
    pub message: String,
    #[sqlx(try_from = "String")]
    pub status: InquiryStatus,
    pub close_reason: String,
    pub received_at: OffsetDateTime,
    pub first_contacted_at: Option<OffsetDateTime>,
    /// 続柄 of the writer to ご本人 (`domain::inquirer::RELATIONSHIPS`), "" if not asked.
    pub relationship: String,
    pub person_name: String,
    pub employer_name: String,
    pub hire_date: Option<time::Date>,
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Event {
    #[sqlx(try_from = "String")]
    pub from_status: InquiryStatus,
    #[sqlx(try_from = "String")]
    pub to_status: InquiryStatus,
    pub note: String,
    pub staff_name: Option<String>,
    pub at: OffsetDateTime,
}

const COLUMNS: &str =
    "id, office_id, kind, channel, name, phone, email, contact_by, preferred_times,
    message, status, close_reason, received_at, first_contacted_at, relationship, person_name,
    employer_name, hire_date";

/// Who sent an inquiry: a hash of the public sender's address and the public form's nonce
/// (a form sent twice fails on its unique index), or the staff member who recorded it.
#[derive(Debug, Clone, Copy, Default)]
pub struct Sender<'a> {
    pub address_hash: &'a str,
    pub form_nonce: Option<&'a str>,
    pub staff_id: Option<i64>,
}

pub async fn insert(
    tx: &mut Tx,
    i: &InquiryInput,
    from: Sender<'_>,
    now: OffsetDateTime,
) -> Result<i64, sqlx::Error> {
    on_tx!(tx, c => sqlx::query_scalar(
        "INSERT INTO inquiries (office_id, kind, channel, name, phone, email, contact_by,
             preferred_times, message, status, received_at, sender_hash, created_by, updated_at,
             form_nonce, relationship, person_name, employer_name, hire_date)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'new', $10, $11, $12, $10, $13,
                 $14, $15, $16, $17) RETURNING id")
        .bind(i.office_id).bind(&i.kind).bind(&i.channel).bind(&i.name).bind(&i.phone)
        .bind(&i.email).bind(&i.contact_by).bind(&i.preferred_times).bind(&i.message)
        .bind(now).bind(from.address_hash).bind(from.staff_id).bind(from.form_nonce)
        .bind(&i.person.relationship).bind(&i.person.name).bind(&i.person.employer_name)
        .bind(i.person.hire_date)
        .fetch_one(c).await)
}

pub async fn find(db: &Db, id: i64) -> Result<Option<Inquiry>, sqlx::Error> {
    let sql = format!("SELECT {COLUMNS} FROM inquiries WHERE id = $1");
    on_db!(db, pool => sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(id).fetch_optional(pool).await)
}

/// The text of [`page_for_office`]: the office (`$1`), the state if one (`$2`), the cursor
/// id if any, then the limit. Newest first by (received_at, id); the cursor is an id whose
/// (received_at, id) is read from the row within the office, and the time it was received
/// never changes, so a page goes on from where the last one ended even if that inquiry has
/// since moved on in the pipeline.
pub fn page_for_office_sql(show: Inbox, at: Keyset) -> String {
    let mut sql = format!("SELECT {COLUMNS} FROM inquiries WHERE office_id = $1");
    let mut n = 1;
    match show {
        Inbox::Open => sql.push_str(" AND status NOT IN ('contracted', 'closed')"),
        Inbox::One(_) => {
            n += 1;
            sql.push_str(&format!(" AND status = ${n}"));
        }
        Inbox::All => {}
    }
    let order = match at {
        Keyset::First => "received_at DESC, id DESC",
        Keyset::After(_) | Keyset::Before(_) => {
            n += 1;
            let (op, order) = match at {
                Keyset::After(_) => ("<", "received_at DESC, id DESC"),
                _ => (">", "received_at, id"),
            };
            sql.push_str(&format!(
                " AND (received_at, id) {op} (SELECT k.received_at, k.id FROM inquiries k
                                              WHERE k.id = ${n} AND k.office_id = $1)"
            ));
            order
        }
    };
    sql.push_str(&format!(" ORDER BY {order} LIMIT ${}", n + 1));
    sql
}

/// Up to `limit` of the office's inquiries that `show` keeps, at `at`, newest first.
pub async fn page_for_office(
    db: &Db,
    office_id: i64,
    show: Inbox,
    at: Keyset,
    limit: i64,
) -> Result<Vec<Inquiry>, sqlx::Error> {
    let sql = page_for_office_sql(show, at);
    let mut rows: Vec<Inquiry> = on_db!(db, pool => {
        let mut q = sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(office_id);
        if let Inbox::One(s) = show { q = q.bind(s.code()); }
        if let Keyset::After(id) | Keyset::Before(id) = at { q = q.bind(id); }
        q.bind(limit).fetch_all(pool).await
    })?;
    if let Keyset::Before(_) = at {
        rows.reverse();
    }
    Ok(rows)
}

pub async fn events(db: &Db, inquiry_id: i64) -> Result<Vec<Event>, sqlx::Error> {
    on_db!(db, pool => sqlx::query_as(
        "SELECT e.from_status, e.to_status, e.note, s.display_name AS staff_name, e.at
         FROM inquiry_events e LEFT JOIN staff s ON s.id = e.staff_id
         WHERE e.inquiry_id = $1 ORDER BY e.at, e.id")
        .bind(inquiry_id).fetch_all(pool).await)
}

/// Moves the inquiry if it is still in `from` (a second click or a stale page changes
/// nothing); records the event. Returns whether it moved.
pub async fn move_to(
    tx: &mut Tx,
    id: i64,
    from: InquiryStatus,
    to: InquiryStatus,
    note: &str,
    staff_id: i64,
    now: OffsetDateTime,
) -> Result<bool, sqlx::Error> {
    let (from, to) = (from.code(), to.code());
    on_tx!(tx, c => {
        let moved = sqlx::query(
            "UPDATE inquiries SET status = $3, updated_at = $4,
                 first_contacted_at = CASE WHEN first_contacted_at IS NULL AND $3 <> 'closed' THEN $4 ELSE first_contacted_at END,
                 close_reason = CASE WHEN $3 = 'closed' THEN $5 ELSE close_reason END
             WHERE id = $1 AND status = $2")
            .bind(id).bind(from).bind(to).bind(now).bind(note)
            .execute(&mut *c).await?.rows_affected() == 1;
        if moved {
            sqlx::query("INSERT INTO inquiry_events (inquiry_id, from_status, to_status, note, staff_id, at)
                         VALUES ($1, $2, $3, $4, $5, $6)")
                .bind(id).bind(from).bind(to).bind(note).bind(staff_id).bind(now)
                .execute(&mut *c).await?;
        }
        Ok(moved)
    })
}

/// Records a step that does not change the pipeline state (a tour confirmed, moved or
/// cancelled while the inquiry stays where it is), with who and when.
pub async fn add_event(
    tx: &mut Tx,
    id: i64,
    status: InquiryStatus,
    note: &str,
    staff_id: i64,
    now: OffsetDateTime,
) -> Result<(), sqlx::Error> {
    on_tx!(tx, c => sqlx::query("INSERT INTO inquiry_events (inquiry_id, from_status, to_status, note, staff_id, at)
                                 VALUES ($1, $2, $2, $3, $4, $5)")
        .bind(id).bind(status.code()).bind(note).bind(staff_id).bind(now).execute(c).await.map(|_| ()))
}

/// The named secret, generated (32 random bytes, hex) the first time it is asked for.
pub async fn secret(
    db: &Db,
    name: &str,
    fresh: &str,
    now: OffsetDateTime,
) -> Result<String, sqlx::Error> {
    on_db!(db, pool => {
        sqlx::query("INSERT INTO app_secrets (name, value, created_at) VALUES ($1, $2, $3) ON CONFLICT (name) DO NOTHING")
            .bind(name).bind(fresh).bind(now).execute(pool).await?;
        sqlx::query_scalar("SELECT value FROM app_secrets WHERE name = $1").bind(name).fetch_one(pool).await
    })
}

/// The receipt and first contact of every inquiry received since `since`, and every
/// pipeline step (target state, time) taken since then, of the office: the raw material of
/// the monthly counts (the inbox shows the last 6 months, so older rows are not read).
pub async fn timeline_for_office(
    db: &Db,
    office_id: i64,
    since: OffsetDateTime,
) -> Result<
    (
        Vec<(OffsetDateTime, Option<OffsetDateTime>)>,
        Vec<(InquiryStatus, OffsetDateTime)>,
    ),
    sqlx::Error,
> {
    let received = on_db!(db, pool => sqlx::query_as(
        "SELECT received_at, first_contacted_at FROM inquiries
         WHERE office_id = $1 AND received_at >= $2")
        .bind(office_id).bind(since).fetch_all(pool).await)?;
    let events: Vec<(String, OffsetDateTime)> = on_db!(db, pool => sqlx::query_as(
        "SELECT e.to_status, e.at FROM inquiry_events e JOIN inquiries i ON i.id = e.inquiry_id
         WHERE i.office_id = $1 AND e.at >= $2")
        .bind(office_id).bind(since).fetch_all(pool).await)?;
    let events = events
        .into_iter()
        .map(|(code, at)| {
            InquiryStatus::try_from(code)
                .map(|s| (s, at))
                .map_err(|e: UnknownStatus| sqlx::Error::Decode(Box::new(e)))
        })
        .collect::<Result<_, _>>()?;
    Ok((received, events))
}

/// New inquiries (not contacted yet) of one office, oldest first: the manager's home.
pub async fn new_for_office(db: &Db, office_id: i64) -> Result<Vec<Inquiry>, sqlx::Error> {
    let sql = format!(
        "SELECT {COLUMNS} FROM inquiries WHERE office_id = $1 AND status = 'new'
         ORDER BY received_at, id"
    );
    on_db!(db, pool => sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(office_id).fetch_all(pool).await)
}
