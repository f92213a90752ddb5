//! Server-side sessions. The cookie holds a random token; the table holds its SHA-256, so
//! a copy of the database does not let anyone take over a session.
use time::OffsetDateTime;

use crate::db::Db;
use crate::on_db;
use crate::store::portal::Owner;

/// Whom a session is for: nobody yet (a form's CSRF token), a staff member, or a client or
/// employer contact in the portal. One session is never two of these.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Anonymous,
    Staff(i64),
    Portal(Owner),
}

impl Kind {
    fn columns(self) -> (Option<i64>, Option<i64>, Option<i64>) {
        match self {
            Kind::Anonymous => (None, None, None),
            Kind::Staff(id) => (Some(id), None, None),
            Kind::Portal(Owner::Client(id)) => (None, Some(id), None),
            Kind::Portal(Owner::Employer(id)) => (None, None, Some(id)),
        }
    }
}

#[derive(Debug, Clone)]
pub struct Session {
    pub id: String,
    pub kind: Kind,
    pub csrf_token: String,
    pub last_seen_at: OffsetDateTime,
    pub expires_at: OffsetDateTime,
}

type Row = (
    String,
    Option<i64>,
    Option<i64>,
    Option<i64>,
    String,
    OffsetDateTime,
    OffsetDateTime,
);

pub async fn find(db: &Db, id: &str) -> Result<Option<Session>, sqlx::Error> {
    let row: Option<Row> = on_db!(db, pool => sqlx::query_as(
        "SELECT id, staff_id, client_account_id, employer_contact_id, csrf_token, last_seen_at,
                expires_at FROM sessions WHERE id = $1")
        .bind(id).fetch_optional(pool).await)?;
    Ok(row.map(
        |(id, staff, client, employer, csrf_token, last_seen_at, expires_at)| Session {
            id,
            kind: match (staff, client, employer) {
                (Some(s), _, _) => Kind::Staff(s),
                (None, Some(c), _) => Kind::Portal(Owner::Client(c)),
                (None, None, Some(e)) => Kind::Portal(Owner::Employer(e)),
                (None, None, None) => Kind::Anonymous,
            },
            csrf_token,
            last_seen_at,
            expires_at,
        },
    ))
}

pub async fn insert(
    db: &Db,
    id: &str,
    kind: Kind,
    csrf_token: &str,
    now: OffsetDateTime,
    expires_at: OffsetDateTime,
) -> Result<(), sqlx::Error> {
    let (staff, client, employer) = kind.columns();
    on_db!(db, pool => sqlx::query(
        "INSERT INTO sessions (id, staff_id, client_account_id, employer_contact_id, csrf_token,
                               created_at, last_seen_at, expires_at)
         VALUES ($1, $2, $3, $4, $5, $6, $6, $7)")
        .bind(id).bind(staff).bind(client).bind(employer).bind(csrf_token).bind(now)
        .bind(expires_at)
        .execute(pool).await.map(|r| r.rows_affected()))?;
    Ok(())
}

pub async fn touch(db: &Db, id: &str, now: OffsetDateTime) -> Result<(), sqlx::Error> {
    on_db!(db, pool => sqlx::query("UPDATE sessions SET last_seen_at = $2 WHERE id = $1")
        .bind(id).bind(now).execute(pool).await.map(|r| r.rows_affected()))?;
    Ok(())
}

pub async fn delete(db: &Db, id: &str) -> Result<(), sqlx::Error> {
    on_db!(db, pool => sqlx::query("DELETE FROM sessions WHERE id = $1").bind(id).execute(pool).await.map(|r| r.rows_affected()))?;
    Ok(())
}

/// Ends every session of a staff member (after a password change or deactivation).
pub async fn delete_for_staff(db: &Db, staff_id: i64) -> Result<(), sqlx::Error> {
    on_db!(db, pool => sqlx::query("DELETE FROM sessions WHERE staff_id = $1")
        .bind(staff_id).execute(pool).await.map(|r| r.rows_affected()))?;
    Ok(())
}

/// Removes sessions past their absolute expiry or idle since `idle_cutoff`.
pub async fn delete_stale(
    db: &Db,
    now: OffsetDateTime,
    idle_cutoff: OffsetDateTime,
) -> Result<u64, sqlx::Error> {
    let done = on_db!(db, pool => sqlx::query(
        "DELETE FROM sessions WHERE expires_at < $1 OR last_seen_at < $2")
        .bind(now).bind(idle_cutoff).execute(pool).await.map(|r| r.rows_affected()))?;
    Ok(done)
}
