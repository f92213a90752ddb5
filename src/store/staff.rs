//! 職員 (staff accounts) and their office memberships.
use time::OffsetDateTime;

use crate::db::{Db, Tx};
use crate::domain::lookup::Candidate;
use crate::domain::staff::{Membership, Principal, Role};
use crate::{on_db, on_tx};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Staff {
    pub id: i64,
    pub organization_id: i64,
    pub login: String,
    pub display_name: String,
    pub email: String,
    pub is_admin: bool,
    pub active: bool,
}

/// What sign-in needs.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Credentials {
    pub id: i64,
    pub password_hash: String,
    pub active: bool,
}

/// A membership row with the office's name, for lists.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct MembershipRow {
    pub staff_id: i64,
    pub office_id: i64,
    pub office_name: String,
    pub role: String,
}

/// What an admin sets on a staff account.
#[derive(Debug, Clone)]
pub struct StaffInput {
    pub login: String,
    pub display_name: String,
    pub email: String,
    pub is_admin: bool,
    pub active: bool,
}

const COLUMNS: &str = "id, organization_id, login, display_name, email, is_admin, active";

/// True once any staff account exists (the setup page is then closed).
pub async fn any_exists(db: &Db) -> Result<bool, sqlx::Error> {
    // Asked on every visit to `/`: one row, not a count of every staff member.
    on_db!(db, pool => sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM staff)").fetch_one(pool).await)
}

pub async fn credentials(db: &Db, login: &str) -> Result<Option<Credentials>, sqlx::Error> {
    on_db!(db, pool => sqlx::query_as("SELECT id, password_hash, active FROM staff WHERE login = $1")
        .bind(login).fetch_optional(pool).await)
}

pub async fn find(db: &Db, id: i64) -> Result<Option<Staff>, sqlx::Error> {
    let sql = format!("SELECT {COLUMNS} FROM staff WHERE id = $1");
    on_db!(db, pool => sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(id).fetch_optional(pool).await)
}

pub async fn list(db: &Db, organization_id: i64) -> Result<Vec<Staff>, sqlx::Error> {
    let sql = format!("SELECT {COLUMNS} FROM staff WHERE organization_id = $1 ORDER BY id");
    on_db!(db, pool => sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(organization_id).fetch_all(pool).await)
}

/// Every membership in the organisation, with office names.
pub async fn list_memberships(
    db: &Db,
    organization_id: i64,
) -> Result<Vec<MembershipRow>, sqlx::Error> {
    let sql = "SELECT so.staff_id, so.office_id, o.name AS office_name, so.role
               FROM staff_offices so JOIN offices o ON o.id = so.office_id
               WHERE o.organization_id = $1 ORDER BY so.office_id";
    on_db!(db, pool => sqlx::query_as(sql).bind(organization_id).fetch_all(pool).await)
}

/// The staff of one office with their role there, for the office page.
pub async fn list_for_office(db: &Db, office_id: i64) -> Result<Vec<(Staff, String)>, sqlx::Error> {
    #[derive(sqlx::FromRow)]
    struct Row {
        #[sqlx(flatten)]
        staff: Staff,
        role: String,
    }
    let sql = "SELECT s.id, s.organization_id, s.login, s.display_name, s.email, s.is_admin,
                      s.active, so.role
               FROM staff s JOIN staff_offices so ON so.staff_id = s.id
               WHERE so.office_id = $1 ORDER BY so.role, s.id";
    let rows: Vec<Row> =
        on_db!(db, pool => sqlx::query_as(sql).bind(office_id).fetch_all(pool).await)?;
    Ok(rows.into_iter().map(|r| (r.staff, r.role)).collect())
}

/// Loads the signed-in principal: the account and its memberships. `None` if the account
/// is gone or deactivated.
/// The signed-in staff member with their memberships, read on every staff request: one
/// statement (the account joined to its memberships, a row per office).
pub async fn principal(db: &Db, id: i64) -> Result<Option<Principal>, sqlx::Error> {
    type Line = (
        i64,
        i64,
        String,
        String,
        bool,
        bool,
        Option<i64>,
        Option<String>,
    );
    let rows: Vec<Line> = on_db!(db, pool => sqlx::query_as(
        "SELECT s.id, s.organization_id, s.login, s.display_name, s.is_admin, s.active,
                so.office_id, so.role
         FROM staff s LEFT JOIN staff_offices so ON so.staff_id = s.id
         WHERE s.id = $1 ORDER BY so.office_id")
        .bind(id).fetch_all(pool).await)?;
    let Some((id, organization_id, login, display_name, is_admin, active, _, _)) =
        rows.first().cloned()
    else {
        return Ok(None);
    };
    if !active {
        return Ok(None);
    }
    let memberships = rows
        .into_iter()
        .filter_map(|(.., office_id, role)| {
            Some(Membership {
                office_id: office_id?,
                role: Role::parse(&role?)?,
            })
        })
        .collect();
    Ok(Some(Principal {
        id,
        organization_id,
        login,
        display_name,
        is_admin,
        memberships,
    }))
}

pub async fn insert(
    tx: &mut Tx,
    organization_id: i64,
    s: &StaffInput,
    password_hash: &str,
    now: OffsetDateTime,
) -> Result<i64, sqlx::Error> {
    let sql = "INSERT INTO staff (organization_id, login, display_name, email, password_hash,
                                  is_admin, active, created_at, updated_at)
               VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8) RETURNING id";
    on_tx!(tx, c => sqlx::query_scalar(sql)
        .bind(organization_id).bind(&s.login).bind(&s.display_name).bind(&s.email)
        .bind(password_hash).bind(s.is_admin).bind(s.active).bind(now)
        .fetch_one(c).await)
}

pub async fn update(
    tx: &mut Tx,
    id: i64,
    s: &StaffInput,
    now: OffsetDateTime,
) -> Result<bool, sqlx::Error> {
    let sql = "UPDATE staff SET login = $2, display_name = $3, email = $4, is_admin = $5,
                      active = $6, updated_at = $7 WHERE id = $1";
    let done = on_tx!(tx, c => sqlx::query(sql)
        .bind(id).bind(&s.login).bind(&s.display_name).bind(&s.email).bind(s.is_admin)
        .bind(s.active).bind(now).execute(c).await.map(|r| r.rows_affected()))?;
    Ok(done == 1)
}

pub async fn set_password(
    tx: &mut Tx,
    id: i64,
    hash: &str,
    now: OffsetDateTime,
) -> Result<(), sqlx::Error> {
    on_tx!(tx, c => sqlx::query("UPDATE staff SET password_hash = $2, updated_at = $3 WHERE id = $1")
        .bind(id).bind(hash).bind(now).execute(c).await.map(|r| r.rows_affected()))?;
    Ok(())
}

/// Replaces the staff member's office memberships.
pub async fn set_memberships(
    tx: &mut Tx,
    staff_id: i64,
    memberships: &[Membership],
) -> Result<(), sqlx::Error> {
    on_tx!(tx, c => {
        sqlx::query("DELETE FROM staff_offices WHERE staff_id = $1").bind(staff_id).execute(&mut *c).await?;
        for m in memberships {
            sqlx::query("INSERT INTO staff_offices (staff_id, office_id, role) VALUES ($1, $2, $3)")
                .bind(staff_id).bind(m.office_id).bind(m.role.as_str()).execute(&mut *c).await?;
        }
        Ok(())
    })
}

/// Number of active admins other than `except` (the last admin cannot be removed).
pub async fn count_other_active_admins(tx: &mut Tx, except: i64) -> Result<i64, sqlx::Error> {
    on_tx!(tx, c => sqlx::query_scalar(
        "SELECT COUNT(*) FROM staff WHERE is_admin = $1 AND active = $1 AND id <> $2")
        .bind(true).bind(except).fetch_one(c).await)
}

pub async fn delete(tx: &mut Tx, id: i64) -> Result<bool, sqlx::Error> {
    let done = on_tx!(tx, c => sqlx::query("DELETE FROM staff WHERE id = $1").bind(id).execute(c).await.map(|r| r.rows_affected()))?;
    Ok(done == 1)
}

/// Up to `limit` of the organisation's staff for a typed text (`domain::lookup`): the one
/// whose login is `key`, then those whose name (spaces removed) is `name`, then those whose
/// name contains it, by name. Reads the organisation's staff rows, not a list of them.
pub async fn matching(
    db: &Db,
    organization_id: i64,
    key: &str,
    name: &str,
    limit: i64,
) -> Result<Vec<Candidate>, sqlx::Error> {
    let sql = "SELECT id, login, display_name FROM staff
               WHERE organization_id = $1
                 AND (LOWER(login) = LOWER($2)
                      OR REPLACE(REPLACE(display_name, ' ', ''), '　', '') LIKE $3 ESCAPE '\\')
               ORDER BY CASE WHEN LOWER(login) = LOWER($2) THEN 0
                             WHEN REPLACE(REPLACE(display_name, ' ', ''), '　', '') = $4 THEN 1
                             ELSE 2 END,
                        display_name, id
               LIMIT $5";
    super::lookup_candidates(db, sql, organization_id, key, name, limit).await
}
