//! Two-factor sign-in: staff members' TOTP secrets, their recovery codes (hashed), sign-ins
//! waiting for their second step, and the organisation's requirement. The checks that must
//! hold under concurrent requests (a code's step used once, a recovery code used once) are
//! single conditional UPDATEs.
use time::OffsetDateTime;

use crate::db::{Db, Tx};
use crate::{on_db, on_tx};

/// A staff member's TOTP secret; `enabled_at` is `None` while it is being set up.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct StaffTotp {
    pub staff_id: i64,
    pub secret: String,
    pub enabled_at: Option<OffsetDateTime>,
    pub last_step: i64,
}

pub async fn find(db: &Db, staff_id: i64) -> Result<Option<StaffTotp>, sqlx::Error> {
    on_db!(db, pool => sqlx::query_as(
        "SELECT staff_id, secret, enabled_at, last_step FROM staff_totp WHERE staff_id = $1")
        .bind(staff_id).fetch_optional(pool).await)
}

/// Whether the staff member has two-factor sign-in turned on.
pub async fn is_enabled(db: &Db, staff_id: i64) -> Result<bool, sqlx::Error> {
    Ok(find(db, staff_id)
        .await?
        .is_some_and(|t| t.enabled_at.is_some()))
}

/// Starts setting up: a new secret, not yet enabled. Does nothing if two-factor is already on.
pub async fn begin_setup(
    db: &Db,
    staff_id: i64,
    secret: &str,
    now: OffsetDateTime,
) -> Result<(), sqlx::Error> {
    on_db!(db, pool => sqlx::query(
        "INSERT INTO staff_totp (staff_id, secret, enabled_at, last_step, created_at)
         VALUES ($1, $2, NULL, 0, $3)
         ON CONFLICT (staff_id) DO UPDATE SET secret = excluded.secret,
                                              created_at = excluded.created_at
         WHERE staff_totp.enabled_at IS NULL")
        .bind(staff_id).bind(secret).bind(now).execute(pool).await.map(|r| r.rows_affected()))?;
    Ok(())
}

/// Turns two-factor on with the step of the confirming code, and stores the recovery codes'
/// hashes (replacing any old ones). False if it was not being set up (already on, or reset).
pub async fn enable(
    tx: &mut Tx,
    staff_id: i64,
    step: i64,
    recovery_hashes: &[String],
    now: OffsetDateTime,
) -> Result<bool, sqlx::Error> {
    let done = on_tx!(tx, c => sqlx::query(
        "UPDATE staff_totp SET enabled_at = $2, last_step = $3
         WHERE staff_id = $1 AND enabled_at IS NULL")
        .bind(staff_id).bind(now).bind(step).execute(&mut *c).await.map(|r| r.rows_affected()))?;
    if done != 1 {
        return Ok(false);
    }
    on_tx!(tx, c => sqlx::query("DELETE FROM staff_recovery_codes WHERE staff_id = $1")
        .bind(staff_id).execute(&mut *c).await.map(|r| r.rows_affected()))?;
    for hash in recovery_hashes {
        on_tx!(tx, c => sqlx::query(
            "INSERT INTO staff_recovery_codes (staff_id, code_hash) VALUES ($1, $2)")
            .bind(staff_id).bind(hash).execute(&mut *c).await.map(|r| r.rows_affected()))?;
    }
    Ok(true)
}

/// Accepts the time step `step` for the staff member if it is later than every step
/// accepted before: one UPDATE, so two requests with the same code cannot both pass.
pub async fn accept_step(db: &Db, staff_id: i64, step: i64) -> Result<bool, sqlx::Error> {
    let done = on_db!(db, pool => sqlx::query(
        "UPDATE staff_totp SET last_step = $2
         WHERE staff_id = $1 AND enabled_at IS NOT NULL AND last_step < $2")
        .bind(staff_id).bind(step).execute(pool).await.map(|r| r.rows_affected()))?;
    Ok(done == 1)
}

/// Uses the recovery code with this hash, once: false if it is unknown or already used.
pub async fn use_recovery_code(
    db: &Db,
    staff_id: i64,
    code_hash: &str,
    now: OffsetDateTime,
) -> Result<bool, sqlx::Error> {
    let done = on_db!(db, pool => sqlx::query(
        "UPDATE staff_recovery_codes SET used_at = $3
         WHERE staff_id = $1 AND code_hash = $2 AND used_at IS NULL")
        .bind(staff_id).bind(code_hash).bind(now).execute(pool).await.map(|r| r.rows_affected()))?;
    Ok(done == 1)
}

/// How many unused recovery codes the staff member has left.
pub async fn recovery_codes_left(db: &Db, staff_id: i64) -> Result<i64, sqlx::Error> {
    on_db!(db, pool => sqlx::query_scalar(
        "SELECT COUNT(*) FROM staff_recovery_codes WHERE staff_id = $1 AND used_at IS NULL")
        .bind(staff_id).fetch_one(pool).await)
}

/// Turns two-factor off: the secret and the recovery codes are deleted. False if it was off.
pub async fn remove(tx: &mut Tx, staff_id: i64) -> Result<bool, sqlx::Error> {
    on_tx!(tx, c => sqlx::query("DELETE FROM staff_recovery_codes WHERE staff_id = $1")
        .bind(staff_id).execute(&mut *c).await.map(|r| r.rows_affected()))?;
    let done = on_tx!(tx, c => sqlx::query(
        "DELETE FROM staff_totp WHERE staff_id = $1 AND enabled_at IS NOT NULL")
        .bind(staff_id).execute(&mut *c).await.map(|r| r.rows_affected()))?;
    Ok(done == 1)
}

/// What a sign-in waiting for its second step is waiting for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    /// A code from the app (or a recovery code).
    Code,
    /// Setting two-factor up, required by the organisation.
    Enroll,
}

impl Purpose {
    fn code(self) -> &'static str {
        match self {
            Purpose::Code => "code",
            Purpose::Enroll => "enroll",
        }
    }
}

/// A sign-in whose password was right, waiting for its second step.
#[derive(Debug, Clone)]
pub struct Pending {
    pub staff_id: i64,
    pub purpose: Purpose,
    pub next: String,
    pub created_at: OffsetDateTime,
}

pub async fn insert_pending(
    db: &Db,
    session_id: &str,
    staff_id: i64,
    purpose: Purpose,
    next: &str,
    now: OffsetDateTime,
) -> Result<(), sqlx::Error> {
    on_db!(db, pool => sqlx::query(
        "INSERT INTO totp_pending (session_id, staff_id, purpose, next, created_at)
         VALUES ($1, $2, $3, $4, $5)")
        .bind(session_id).bind(staff_id).bind(purpose.code()).bind(next).bind(now)
        .execute(pool).await.map(|r| r.rows_affected()))?;
    Ok(())
}

pub async fn find_pending(db: &Db, session_id: &str) -> Result<Option<Pending>, sqlx::Error> {
    let row: Option<(i64, String, String, OffsetDateTime)> = on_db!(db, pool => sqlx::query_as(
        "SELECT staff_id, purpose, next, created_at FROM totp_pending WHERE session_id = $1")
        .bind(session_id).fetch_optional(pool).await)?;
    Ok(row.map(|(staff_id, purpose, next, created_at)| Pending {
        staff_id,
        purpose: if purpose == "enroll" {
            Purpose::Enroll
        } else {
            Purpose::Code
        },
        next,
        created_at,
    }))
}

pub async fn delete_pending(db: &Db, session_id: &str) -> Result<(), sqlx::Error> {
    on_db!(db, pool => sqlx::query("DELETE FROM totp_pending WHERE session_id = $1")
        .bind(session_id).execute(pool).await.map(|r| r.rows_affected()))?;
    Ok(())
}

/// Whether the organisation requires two-factor sign-in of its staff.
pub async fn required(db: &Db) -> Result<bool, sqlx::Error> {
    let r: Option<bool> = on_db!(db, pool => sqlx::query_scalar(
        "SELECT require_totp FROM organizations ORDER BY id LIMIT 1")
        .fetch_optional(pool).await)?;
    Ok(r.unwrap_or(false))
}

pub async fn set_required(tx: &mut Tx, required: bool) -> Result<(), sqlx::Error> {
    on_tx!(tx, c => sqlx::query("UPDATE organizations SET require_totp = $1")
        .bind(required).execute(c).await.map(|r| r.rows_affected()))?;
    Ok(())
}
