//! Portal accounts (本人, 企業担当者), their links to clients, and one-time links.
//! The database keeps the SHA-256 of a one-time link's token, never the token.
use time::OffsetDateTime;

use crate::db::{Db, Tx};
use crate::domain::portal::{
    AccountStatus, ClientPrincipal, EmployerPrincipal, LinkState, TokenPurpose,
};
use crate::{on_db, on_tx};

/// Whose account a one-time link or a session belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Owner {
    Client(i64),
    Employer(i64),
}

impl Owner {
    /// The column that names this owner in `portal_tokens` and `sessions`, and the id.
    fn column(self) -> (&'static str, i64) {
        match self {
            Owner::Client(id) => ("client_account_id", id),
            Owner::Employer(id) => ("employer_contact_id", id),
        }
    }
    fn columns(self) -> (Option<i64>, Option<i64>) {
        match self {
            Owner::Client(id) => (Some(id), None),
            Owner::Employer(id) => (None, Some(id)),
        }
    }
    fn from_columns(client: Option<i64>, employer: Option<i64>) -> Option<Owner> {
        match (client, employer) {
            (Some(c), None) => Some(Owner::Client(c)),
            (None, Some(e)) => Some(Owner::Employer(e)),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ClientAccount {
    pub id: i64,
    pub client_id: i64,
    pub login: String,
    pub email: String,
    pub status: String,
    pub created_at: OffsetDateTime,
    pub activated_at: Option<OffsetDateTime>,
    pub last_sign_in_at: Option<OffsetDateTime>,
}

impl ClientAccount {
    pub fn status(&self) -> AccountStatus {
        AccountStatus::parse(&self.status).unwrap_or(AccountStatus::Closed)
    }
}

const ACCOUNT_COLUMNS: &str =
    "id, client_id, login, email, status, created_at, activated_at, last_sign_in_at";

pub async fn client_account(db: &Db, client_id: i64) -> Result<Option<ClientAccount>, sqlx::Error> {
    let sql = format!("SELECT {ACCOUNT_COLUMNS} FROM client_accounts WHERE client_id = $1");
    on_db!(db, pool => sqlx::query_as(sqlx::AssertSqlSafe(sql))
        .bind(client_id).fetch_optional(pool).await)
}

/// Creates the client's account in the invited state; returns its id.
pub async fn create_client_account(
    tx: &mut Tx,
    client_id: i64,
    login: &str,
    email: &str,
    created_by: i64,
    now: OffsetDateTime,
) -> Result<i64, sqlx::Error> {
    on_tx!(tx, conn => sqlx::query_scalar(
        "INSERT INTO client_accounts (client_id, login, email, status, created_by, created_at, updated_at)
         VALUES ($1, $2, $3, 'invited', $4, $5, $5) RETURNING id")
        .bind(client_id).bind(login).bind(email).bind(created_by).bind(now)
        .fetch_one(conn).await)
}

/// A new invitation for an account staff had stopped: back to invited, without a
/// passphrase (the person sets a new one on the link), with the email given now.
pub async fn reinvite(
    tx: &mut Tx,
    owner: Owner,
    email: &str,
    now: OffsetDateTime,
) -> Result<(), sqlx::Error> {
    let (table, id) = table_of(owner);
    let sql = format!(
        "UPDATE {table} SET status = CASE WHEN status = 'active' THEN 'active' ELSE 'invited' END,
                passphrase_hash = CASE WHEN status = 'active' THEN passphrase_hash ELSE NULL END,
                email = $2, updated_at = $3
         WHERE id = $1"
    );
    on_tx!(tx, conn => sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(id).bind(email).bind(now).execute(conn).await.map(|r| r.rows_affected()))?;
    Ok(())
}

fn table_of(owner: Owner) -> (&'static str, i64) {
    match owner {
        Owner::Client(id) => ("client_accounts", id),
        Owner::Employer(id) => ("employer_contacts", id),
    }
}

/// Sets the passphrase and makes the account active.
pub async fn activate(
    tx: &mut Tx,
    owner: Owner,
    passphrase_hash: &str,
    now: OffsetDateTime,
) -> Result<(), sqlx::Error> {
    let (table, id) = table_of(owner);
    let sql = format!(
        "UPDATE {table} SET passphrase_hash = $2, status = 'active', activated_at = $3,
                updated_at = $3 WHERE id = $1"
    );
    on_tx!(tx, conn => sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(id).bind(passphrase_hash).bind(now).execute(conn).await.map(|r| r.rows_affected()))?;
    Ok(())
}

/// Stops the account (`revoked`) or closes it (`closed`): its sessions end and its unused
/// links stop working.
pub async fn stop(
    tx: &mut Tx,
    owner: Owner,
    status: AccountStatus,
    now: OffsetDateTime,
) -> Result<(), sqlx::Error> {
    let (table, id) = table_of(owner);
    let sql = format!("UPDATE {table} SET status = $2, updated_at = $3 WHERE id = $1");
    on_tx!(tx, conn => sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(id).bind(status.code()).bind(now).execute(conn).await.map(|r| r.rows_affected()))?;
    revoke_tokens(tx, owner, now).await?;
    let (column, id) = owner.column();
    let sql = format!("DELETE FROM sessions WHERE {column} = $1");
    on_tx!(tx, conn => sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(id).execute(conn).await.map(|r| r.rows_affected()))?;
    Ok(())
}

pub async fn touch_sign_in(db: &Db, owner: Owner, now: OffsetDateTime) -> Result<(), sqlx::Error> {
    let (table, id) = table_of(owner);
    let sql = format!("UPDATE {table} SET last_sign_in_at = $2 WHERE id = $1");
    on_db!(db, pool => sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(id).bind(now).execute(pool).await.map(|r| r.rows_affected()))?;
    Ok(())
}

/// What sign-in needs of an account found by its sign-in ID or email.
#[derive(Debug, Clone)]
pub struct Credentials {
    pub owner: Owner,
    pub login: String,
    pub email: String,
    pub passphrase_hash: Option<String>,
    pub status: AccountStatus,
}

#[derive(sqlx::FromRow)]
struct CredentialRow {
    kind: String,
    id: i64,
    login: String,
    email: String,
    passphrase_hash: Option<String>,
    status: String,
}

const CREDENTIALS: &str = "SELECT 'client' AS kind, id, login, email, passphrase_hash, status
       FROM client_accounts WHERE {col} = $1
     UNION ALL
     SELECT 'employer' AS kind, id, login, email, passphrase_hash, status
       FROM employer_contacts WHERE {col} = $1";

fn credentials_of(rows: Vec<CredentialRow>) -> Vec<Credentials> {
    rows.into_iter()
        .map(|r| Credentials {
            owner: if r.kind == "client" {
                Owner::Client(r.id)
            } else {
                Owner::Employer(r.id)
            },
            login: r.login,
            email: r.email,
            passphrase_hash: r.passphrase_hash,
            status: AccountStatus::parse(&r.status).unwrap_or(AccountStatus::Closed),
        })
        .collect()
}

/// The account with this sign-in ID (IDs are unique across both kinds in practice: 31^8
/// random IDs; the first is taken if two ever collide).
pub async fn credentials_by_login(
    db: &Db,
    login: &str,
) -> Result<Option<Credentials>, sqlx::Error> {
    let sql = CREDENTIALS.replace("{col}", "login");
    let rows: Vec<CredentialRow> = on_db!(db, pool => sqlx::query_as(sqlx::AssertSqlSafe(sql))
        .bind(login).fetch_all(pool).await)?;
    Ok(credentials_of(rows).into_iter().next())
}

/// The accounts with this email address (a parent may hold a client's and, rarely, an
/// employer's): a sign-in link is sent for each active one.
pub async fn credentials_by_email(db: &Db, email: &str) -> Result<Vec<Credentials>, sqlx::Error> {
    let sql = CREDENTIALS.replace("{col}", "email");
    let rows: Vec<CredentialRow> = on_db!(db, pool => sqlx::query_as(sqlx::AssertSqlSafe(sql))
        .bind(email).fetch_all(pool).await)?;
    Ok(credentials_of(rows))
}

/// The sign-in ID of the owner's account.
pub async fn login_of(db: &Db, owner: Owner) -> Result<Option<String>, sqlx::Error> {
    let (table, id) = table_of(owner);
    let sql = format!("SELECT login FROM {table} WHERE id = $1");
    on_db!(db, pool => sqlx::query_scalar(sqlx::AssertSqlSafe(sql))
        .bind(id).fetch_optional(pool).await)
}

pub async fn login_taken(db: &Db, login: &str) -> Result<bool, sqlx::Error> {
    Ok(credentials_by_login(db, login).await?.is_some())
}

/// The signed-in client, while the account is active.
pub async fn client_principal(
    db: &Db,
    account_id: i64,
) -> Result<Option<ClientPrincipal>, sqlx::Error> {
    let row: Option<(i64, i64, i64, String, String)> = on_db!(db, pool => sqlx::query_as(
        "SELECT c.id, c.office_id, o.organization_id, a.login, c.name
         FROM client_accounts a JOIN clients c ON c.id = a.client_id
         JOIN offices o ON o.id = c.office_id
         WHERE a.id = $1 AND a.status = 'active'")
        .bind(account_id).fetch_optional(pool).await)?;
    Ok(row.map(
        |(client_id, office_id, organization_id, login, name)| ClientPrincipal {
            account_id,
            client_id,
            office_id,
            organization_id,
            login,
            name,
        },
    ))
}

/// The signed-in employer contact, while the account is active.
pub async fn employer_principal(
    db: &Db,
    contact_id: i64,
) -> Result<Option<EmployerPrincipal>, sqlx::Error> {
    let row: Option<(i64, String, String, String)> = on_db!(db, pool => sqlx::query_as(
        "SELECT organization_id, login, name, employer_name FROM employer_contacts
         WHERE id = $1 AND status = 'active'")
        .bind(contact_id).fetch_optional(pool).await)?;
    Ok(row.map(
        |(organization_id, login, name, employer_name)| EmployerPrincipal {
            contact_id,
            organization_id,
            login,
            name,
            employer_name,
        },
    ))
}

/// The day the client's service ended, if it has by `today`: the end of their last
/// contract (契約支給量の終了日) when no contract covers `today` or later. `None` while a
/// contract runs or starts later, and for a client with no contract yet (not started: the
/// account is for the time before the first contract too).
pub async fn service_ended_on(
    db: &Db,
    client_id: i64,
    today: time::Date,
) -> Result<Option<time::Date>, sqlx::Error> {
    let last: Option<time::Date> = on_db!(db, pool => sqlx::query_scalar(
        "SELECT MAX(end_date) FROM contracts WHERE client_id = $1")
        .bind(client_id).fetch_one(pool).await)?;
    Ok(last.filter(|end| *end < today))
}

/// Closes the client's account once their read access after the end of service is over
/// (`domain::portal::client_may_use`); true when the account may still be used.
pub async fn keep_open(
    db: &Db,
    account_id: i64,
    client_id: i64,
    today: time::Date,
    now: OffsetDateTime,
) -> Result<bool, sqlx::Error> {
    let ended = service_ended_on(db, client_id, today).await?;
    if crate::domain::portal::client_may_use(ended, today) {
        return Ok(true);
    }
    let mut tx = db.begin().await?;
    stop(
        &mut tx,
        Owner::Client(account_id),
        AccountStatus::Closed,
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(false)
}

// ---- employer contacts and their links to clients ----

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct EmployerContact {
    pub id: i64,
    pub organization_id: i64,
    pub login: String,
    pub name: String,
    pub employer_name: String,
    pub email: String,
    pub status: String,
    pub created_at: OffsetDateTime,
    pub activated_at: Option<OffsetDateTime>,
    pub last_sign_in_at: Option<OffsetDateTime>,
}

impl EmployerContact {
    pub fn status(&self) -> AccountStatus {
        AccountStatus::parse(&self.status).unwrap_or(AccountStatus::Closed)
    }
}

const CONTACT_COLUMNS: &str = "id, organization_id, login, name, employer_name, email, status, created_at, activated_at, last_sign_in_at";

/// The organisation's employer contact with this email (one account per person, whatever
/// the number of clients they supervise).
pub async fn contact_by_email(
    db: &Db,
    organization_id: i64,
    email: &str,
) -> Result<Option<EmployerContact>, sqlx::Error> {
    let sql = format!(
        "SELECT {CONTACT_COLUMNS} FROM employer_contacts
         WHERE organization_id = $1 AND email = $2 AND email <> '' ORDER BY id LIMIT 1"
    );
    on_db!(db, pool => sqlx::query_as(sqlx::AssertSqlSafe(sql))
        .bind(organization_id).bind(email).fetch_optional(pool).await)
}

pub async fn contact(db: &Db, contact_id: i64) -> Result<Option<EmployerContact>, sqlx::Error> {
    let sql = format!("SELECT {CONTACT_COLUMNS} FROM employer_contacts WHERE id = $1");
    on_db!(db, pool => sqlx::query_as(sqlx::AssertSqlSafe(sql))
        .bind(contact_id).fetch_optional(pool).await)
}

pub struct NewContact<'a> {
    pub organization_id: i64,
    pub login: &'a str,
    pub name: &'a str,
    pub employer_name: &'a str,
    pub email: &'a str,
    pub created_by: i64,
}

pub async fn create_contact(
    tx: &mut Tx,
    c: &NewContact<'_>,
    now: OffsetDateTime,
) -> Result<i64, sqlx::Error> {
    on_tx!(tx, conn => sqlx::query_scalar(
        "INSERT INTO employer_contacts (organization_id, login, name, employer_name, email, status,
                                        created_by, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, 'invited', $6, $7, $7) RETURNING id")
        .bind(c.organization_id).bind(c.login).bind(c.name).bind(c.employer_name).bind(c.email)
        .bind(c.created_by).bind(now)
        .fetch_one(conn).await)
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct EmployerLink {
    pub id: i64,
    pub contact_id: i64,
    pub client_id: i64,
    pub employment_id: Option<i64>,
    pub recipient_name: String,
    pub created_at: OffsetDateTime,
    pub revoked_at: Option<OffsetDateTime>,
}

const LINK_COLUMNS: &str =
    "id, contact_id, client_id, employment_id, recipient_name, created_at, revoked_at";

/// Links the contact to the client (again, if the link had ended).
pub async fn link(
    tx: &mut Tx,
    contact_id: i64,
    client_id: i64,
    employment_id: Option<i64>,
    recipient_name: &str,
    created_by: i64,
    now: OffsetDateTime,
) -> Result<(), sqlx::Error> {
    on_tx!(tx, conn => sqlx::query(
        "INSERT INTO employer_links (contact_id, client_id, employment_id, recipient_name, created_by, created_at)
         VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (contact_id, client_id) DO UPDATE
           SET revoked_at = NULL, employment_id = excluded.employment_id,
               recipient_name = excluded.recipient_name")
        .bind(contact_id).bind(client_id).bind(employment_id).bind(recipient_name)
        .bind(created_by).bind(now)
        .execute(conn).await.map(|r| r.rows_affected()))?;
    Ok(())
}

/// Ends the contact's access to the client (the account itself stays for other clients).
pub async fn unlink(
    tx: &mut Tx,
    contact_id: i64,
    client_id: i64,
    now: OffsetDateTime,
) -> Result<bool, sqlx::Error> {
    let done = on_tx!(tx, conn => sqlx::query(
        "UPDATE employer_links SET revoked_at = $3
         WHERE contact_id = $1 AND client_id = $2 AND revoked_at IS NULL")
        .bind(contact_id).bind(client_id).bind(now)
        .execute(conn).await.map(|r| r.rows_affected()))?;
    Ok(done == 1)
}

/// The contact's live link to the client, if any.
pub async fn live_link(
    db: &Db,
    contact_id: i64,
    client_id: i64,
) -> Result<Option<EmployerLink>, sqlx::Error> {
    let sql = format!(
        "SELECT {LINK_COLUMNS} FROM employer_links
         WHERE contact_id = $1 AND client_id = $2 AND revoked_at IS NULL"
    );
    on_db!(db, pool => sqlx::query_as(sqlx::AssertSqlSafe(sql))
        .bind(contact_id).bind(client_id).fetch_optional(pool).await)
}

/// The contact's live links, one per client.
pub async fn links_of_contact(db: &Db, contact_id: i64) -> Result<Vec<EmployerLink>, sqlx::Error> {
    let sql = format!(
        "SELECT {LINK_COLUMNS} FROM employer_links
         WHERE contact_id = $1 AND revoked_at IS NULL ORDER BY client_id"
    );
    on_db!(db, pool => sqlx::query_as(sqlx::AssertSqlSafe(sql))
        .bind(contact_id).fetch_all(pool).await)
}

/// A client's employer contacts with their link (live or ended), newest first.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ClientContactRow {
    pub contact_id: i64,
    pub name: String,
    pub employer_name: String,
    pub email: String,
    pub login: String,
    pub status: String,
    pub recipient_name: String,
    pub linked_at: OffsetDateTime,
    pub revoked_at: Option<OffsetDateTime>,
    pub last_sign_in_at: Option<OffsetDateTime>,
}

impl ClientContactRow {
    pub fn status(&self) -> AccountStatus {
        AccountStatus::parse(&self.status).unwrap_or(AccountStatus::Closed)
    }
}

pub async fn contacts_of_client(
    db: &Db,
    client_id: i64,
) -> Result<Vec<ClientContactRow>, sqlx::Error> {
    on_db!(db, pool => sqlx::query_as(
        "SELECT e.id AS contact_id, e.name, e.employer_name, e.email, e.login, e.status,
                l.recipient_name, l.created_at AS linked_at, l.revoked_at, e.last_sign_in_at
         FROM employer_links l JOIN employer_contacts e ON e.id = l.contact_id
         WHERE l.client_id = $1 ORDER BY l.id DESC")
        .bind(client_id).fetch_all(pool).await)
}

// ---- one-time links ----

#[derive(Debug, Clone)]
pub struct Token {
    pub id: i64,
    pub purpose: TokenPurpose,
    pub owner: Owner,
    pub expires_at: OffsetDateTime,
    pub used_at: Option<OffsetDateTime>,
    pub revoked_at: Option<OffsetDateTime>,
}

impl Token {
    pub fn state(&self, now: OffsetDateTime) -> LinkState {
        LinkState::of(self.expires_at, self.used_at, self.revoked_at, now)
    }
}

type TokenRow = (
    i64,
    String,
    Option<i64>,
    Option<i64>,
    OffsetDateTime,
    Option<OffsetDateTime>,
    Option<OffsetDateTime>,
);

/// Stores a new one-time link (its token's hash). An invitation revokes the owner's
/// earlier unused links, so only the newest sheet works.
pub async fn insert_token(
    tx: &mut Tx,
    purpose: TokenPurpose,
    owner: Owner,
    token_hash: &str,
    created_by: Option<i64>,
    now: OffsetDateTime,
) -> Result<i64, sqlx::Error> {
    if purpose == TokenPurpose::Invite {
        revoke_tokens(tx, owner, now).await?;
    }
    let (client, employer) = owner.columns();
    on_tx!(tx, conn => sqlx::query_scalar(
        "INSERT INTO portal_tokens (token_hash, purpose, client_account_id, employer_contact_id,
                                    created_by, created_at, expires_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id")
        .bind(token_hash).bind(purpose.code()).bind(client).bind(employer)
        .bind(created_by).bind(now).bind(purpose.expires(now))
        .fetch_one(conn).await)
}

pub async fn find_token(db: &Db, token_hash: &str) -> Result<Option<Token>, sqlx::Error> {
    let row: Option<TokenRow> = on_db!(db, pool => sqlx::query_as(
        "SELECT id, purpose, client_account_id, employer_contact_id, expires_at, used_at, revoked_at
         FROM portal_tokens WHERE token_hash = $1")
        .bind(token_hash).fetch_optional(pool).await)?;
    Ok(
        row.and_then(|(id, purpose, c, e, expires_at, used_at, revoked_at)| {
            Some(Token {
                id,
                purpose: TokenPurpose::parse(&purpose)?,
                owner: Owner::from_columns(c, e)?,
                expires_at,
                used_at,
                revoked_at,
            })
        }),
    )
}

/// Uses the link once: true for the one request that does, false for any other (two taps
/// on the same link at once sign in once).
pub async fn use_token(tx: &mut Tx, id: i64, now: OffsetDateTime) -> Result<bool, sqlx::Error> {
    let done = on_tx!(tx, conn => sqlx::query(
        "UPDATE portal_tokens SET used_at = $2
         WHERE id = $1 AND used_at IS NULL AND revoked_at IS NULL AND expires_at > $2")
        .bind(id).bind(now).execute(conn).await.map(|r| r.rows_affected()))?;
    Ok(done == 1)
}

/// Revokes the owner's unused links.
pub async fn revoke_tokens(
    tx: &mut Tx,
    owner: Owner,
    now: OffsetDateTime,
) -> Result<(), sqlx::Error> {
    let (column, id) = owner.column();
    let sql = format!(
        "UPDATE portal_tokens SET revoked_at = $2
         WHERE {column} = $1 AND used_at IS NULL AND revoked_at IS NULL"
    );
    on_tx!(tx, conn => sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(id).bind(now)
        .execute(conn).await.map(|r| r.rows_affected()))?;
    Ok(())
}

/// The newest invitation of the owner, for the staff page's state ("招待中: 12/8 まで").
pub async fn latest_invite(db: &Db, owner: Owner) -> Result<Option<Token>, sqlx::Error> {
    let (column, id) = owner.column();
    let sql = format!(
        "SELECT id, purpose, client_account_id, employer_contact_id, expires_at, used_at, revoked_at
         FROM portal_tokens WHERE {column} = $1 AND purpose = 'invite'
         ORDER BY id DESC LIMIT 1"
    );
    let row: Option<TokenRow> = on_db!(db, pool => sqlx::query_as(sqlx::AssertSqlSafe(sql))
        .bind(id).fetch_optional(pool).await)?;
    Ok(
        row.and_then(|(id, purpose, c, e, expires_at, used_at, revoked_at)| {
            Some(Token {
                id,
                purpose: TokenPurpose::parse(&purpose)?,
                owner: Owner::from_columns(c, e)?,
                expires_at,
                used_at,
                revoked_at,
            })
        }),
    )
}

/// A staff invitation: a one-time link in `portal_tokens` owned by a staff account (the staff
/// member sets their own password, `web::platform::staff_invite`).
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct StaffToken {
    pub id: i64,
    pub staff_id: i64,
    pub expires_at: OffsetDateTime,
    pub used_at: Option<OffsetDateTime>,
    pub revoked_at: Option<OffsetDateTime>,
}

impl StaffToken {
    pub fn state(&self, now: OffsetDateTime) -> LinkState {
        LinkState::of(self.expires_at, self.used_at, self.revoked_at, now)
    }
}

/// Stores a staff invitation (its token's hash), revoking the staff member's unused ones, so
/// only the newest link works.
pub async fn insert_staff_token(
    tx: &mut Tx,
    staff_id: i64,
    token_hash: &str,
    created_by: i64,
    now: OffsetDateTime,
) -> Result<i64, sqlx::Error> {
    on_tx!(tx, conn => {
        sqlx::query("UPDATE portal_tokens SET revoked_at = $2
                     WHERE staff_id = $1 AND used_at IS NULL AND revoked_at IS NULL")
            .bind(staff_id).bind(now).execute(&mut *conn).await?;
        sqlx::query_scalar(
            "INSERT INTO portal_tokens (token_hash, purpose, staff_id, created_by, created_at,
                                        expires_at)
             VALUES ($1, $2, $3, $4, $5, $6) RETURNING id")
            .bind(token_hash).bind(TokenPurpose::Invite.code()).bind(staff_id)
            .bind(created_by).bind(now).bind(TokenPurpose::Invite.expires(now))
            .fetch_one(&mut *conn).await
    })
}

/// The staff invitation with this token hash (a portal link is not one).
pub async fn find_staff_token(
    db: &Db,
    token_hash: &str,
) -> Result<Option<StaffToken>, sqlx::Error> {
    on_db!(db, pool => sqlx::query_as(
        "SELECT id, staff_id, expires_at, used_at, revoked_at FROM portal_tokens
         WHERE token_hash = $1 AND staff_id IS NOT NULL AND purpose = $2")
        .bind(token_hash).bind(TokenPurpose::Invite.code()).fetch_optional(pool).await)
}
