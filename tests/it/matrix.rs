//! The role × route matrix: every route of the router (`teichaku::web::route_table()`) is
//! requested by every kind of visitor, with the ids of office A and of office B, and what it
//! answers is checked against the route's declared `Policy`.
//!
//! | identity | |
//! |---|---|
//! | anonymous | not signed in, but with the CSRF token of its own anonymous session, so a POST meets the access check rather than the CSRF check |
//! | supporter / manager of office A | |
//! | clerk (事務) of office A | intake, the client's file (受給者証, contracts), not the support records |
//! | administrator | |
//! | supporter / manager of office B | same organisation, another office |
//! | client A / client B | the client of office A (B) signed in to the portal |
//! | employer A / employer B | the employer contact of client A (B), with a consent naming them for every category |
//!
//! | policy | allowed | refused |
//! |---|---|---|
//! | `Public`, `Token` | everyone: never the sign-in redirect, never 403 | |
//! | `Staff` | any staff member | anonymous: 303 to `/login` |
//! | `Admin` | the administrator | other staff: 403 |
//! | `OfficeView`, `ClientFile`, `ClientFileEdit`, `InquiryAccess` | staff of the owning office (its clerk too), the administrator | staff of the other office: 403 (same organisation) |
//! | `ClientView`, `ClientEdit` (support records) | staff of the owning office but its clerk, the administrator | the clerk, staff of the other office: 403 |
//! | `OfficeManage`, `ClientManage` | the manager of the owning office, the administrator | supporters, the other office's manager: 403 |
//! | `OfficeClaims` | the manager or the clerk of the owning office, the administrator | supporters, the other office's staff: 403 |
//! | `ClientSelf` | clients (their own record: the path has no client id) | staff, employers: 403 |
//! | `EmployerSelf` | employer contacts | staff, clients: 403 |
//! | `EmployerClient` | the employer contact linked to the client `{id}` | the other employer: 404; staff, clients: 403 |
//!
//! Clients and employer contacts get the staff sign-in redirect on every staff route (a
//! portal session is not a staff session).
//!
//! "Allowed" is: not the sign-in redirect, not 403, not 404, no 5xx; a GET answers 200 or a
//! redirect elsewhere, a POST (with an empty or minimal form, so it fails validation where it
//! can rather than change data) 422, 409, 400 or 303. Where the fixture's state answers an
//! allowed request otherwise, `STATE_ANSWERS` says so with the reason; routes whose outcome
//! is not the policy's (`/setup` once set up, `/logout`) are in `exception()`. Every id
//! parameter replaced by a missing id answers 404 to the administrator.
//!
//! A refused POST writes nothing: the row counts of every table of the schema are the same
//! before and after it. No table is left out: a refusal (sign-in redirect, 403, 404) writes
//! no audit row, no session and no login failure (`AppError` renders them without a write;
//! only successful work and `client.view` on an allowed GET are audited).
//!
//! The matrix runs in three tests by area (`AREAS`), each with its own app and fixture, so
//! they run side by side. A path parameter this file does not know, in a route added later,
//! fails the test with the route's name: give the new route its fixture record here.
use std::collections::BTreeSet;
use std::fmt::Write as _;

use reqwest::StatusCode;
use teichaku::db::Db;
use teichaku::store::{self, outbox::NewMessage, portal::Owner};
use teichaku::web::access::{Policy, RouteSpec};

use crate::helpers::{Page, TestApp, id_from_location, spawn_app};

/// The month of the fixture's report and the claim month locked in the fixture.
const REPORT_MONTH: &str = "2026-10";
const CLAIM_MONTH: &str = "2019-01";
/// An id no record has.
const MISSING: &str = "999999";

/// One of every record a path can name, in one office.
#[derive(Debug)]
struct Ids {
    office: i64,
    client: i64,
    employment: i64,
    certificate: i64,
    plan: i64,
    share: i64,
    consent: i64,
    concern: i64,
    /// A support record of the client (`/clients/{id}/contacts/{rid}`).
    record: i64,
    task: i64,
    institution: i64,
    claim_setting: i64,
    inquiry: i64,
    slot: i64,
    staff: i64,
    outbox: i64,
    claim_version: i64,
    /// A self-check entry of the client, with a comment (`/selfcheck/entries/{eid}`).
    selfcheck_entry: i64,
    calendar_token: String,
    /// The employer contact linked to the office's client (set once the portal identities
    /// are made).
    contact: i64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Office {
    A,
    B,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Who {
    Anonymous,
    SupporterA,
    ManagerA,
    /// The clerk (事務) of office A.
    ClerkA,
    Admin,
    SupporterB,
    ManagerB,
    /// The client of office A, signed in to the portal.
    ClientA,
    ClientB,
    /// The employer contact linked to the client of office A, with a consent naming them.
    EmployerA,
    EmployerB,
}

impl Who {
    const ALL: [Who; 11] = [
        Who::Anonymous,
        Who::SupporterA,
        Who::ManagerA,
        Who::ClerkA,
        Who::Admin,
        Who::SupporterB,
        Who::ManagerB,
        Who::ClientA,
        Who::ClientB,
        Who::EmployerA,
        Who::EmployerB,
    ];

    fn is_client(self) -> bool {
        matches!(self, Who::ClientA | Who::ClientB)
    }

    fn is_employer(self) -> bool {
        matches!(self, Who::EmployerA | Who::EmployerB)
    }

    fn login(self) -> Option<&'static str> {
        match self {
            Who::Anonymous | Who::ClientA | Who::ClientB | Who::EmployerA | Who::EmployerB => None,
            Who::SupporterA => Some("sup.a"),
            Who::ManagerA => Some("mgr.a"),
            Who::ClerkA => Some("clerk.a"),
            Who::Admin => Some(crate::helpers::ADMIN_LOGIN),
            Who::SupporterB => Some("sup.b"),
            Who::ManagerB => Some("mgr.b"),
        }
    }

    fn office(self) -> Option<Office> {
        match self {
            Who::SupporterA | Who::ManagerA | Who::ClerkA | Who::ClientA | Who::EmployerA => {
                Some(Office::A)
            }
            Who::SupporterB | Who::ManagerB | Who::ClientB | Who::EmployerB => Some(Office::B),
            Who::Anonymous | Who::Admin => None,
        }
    }

    fn is_manager(self) -> bool {
        matches!(self, Who::ManagerA | Who::ManagerB)
    }

    fn is_clerk(self) -> bool {
        self == Who::ClerkA
    }
}

/// A browser of one identity, with the CSRF token of its session.
struct Identity {
    who: Who,
    /// The portal account of a client or employer identity.
    owner: Option<Owner>,
    app: TestApp,
    csrf: String,
}

/// What a request must answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Expect {
    SignIn,
    Forbidden,
    NotFound,
    Allowed,
    /// `Public` and `Token` routes: not the sign-in redirect, not 403, no 5xx.
    Open,
}

/// The outcome the declared policy gives `who` on a route whose ids are `owner`'s.
fn expected(policy: Policy, who: Who, owner: Option<Office>) -> Expect {
    if matches!(policy, Policy::Public | Policy::Token) {
        return Expect::Open;
    }
    if who == Who::Anonymous {
        return Expect::SignIn;
    }
    if who.is_client() || who.is_employer() {
        return match policy {
            // A record named in the path (a consent of theirs) is another client's: 404.
            Policy::ClientSelf if who.is_client() => {
                if owner.is_none() || who.office() == owner {
                    Expect::Allowed
                } else {
                    Expect::NotFound
                }
            }
            Policy::EmployerSelf if who.is_employer() => Expect::Allowed,
            // Another office's client is not linked to them: as if it did not exist.
            Policy::EmployerClient if who.is_employer() => {
                if who.office() == owner {
                    Expect::Allowed
                } else {
                    Expect::NotFound
                }
            }
            Policy::ClientSelf | Policy::EmployerSelf | Policy::EmployerClient => Expect::Forbidden,
            // A portal session is not a staff session: staff pages ask for the staff sign-in.
            _ => Expect::SignIn,
        };
    }
    if matches!(
        policy,
        Policy::ClientSelf | Policy::EmployerSelf | Policy::EmployerClient
    ) {
        // Portal pages are for a signed-in client or employer contact, never staff.
        return Expect::Forbidden;
    }
    if who == Who::Admin {
        return Expect::Allowed;
    }
    let own = owner.is_some() && who.office() == owner;
    let allowed = match policy {
        Policy::Public | Policy::Token => true,
        // Handled as an exception in `run_matrix`.
        Policy::Setup => false,
        Policy::Staff => true,
        Policy::Admin => false,
        Policy::OfficeView
        | Policy::ClientFile
        | Policy::ClientFileEdit
        | Policy::InquiryAccess => own,
        Policy::ClientView | Policy::ClientEdit => own && !who.is_clerk(),
        Policy::OfficeManage | Policy::ClientManage => own && who.is_manager(),
        Policy::OfficeClaims => own && (who.is_manager() || who.is_clerk()),
        Policy::ClientSelf | Policy::EmployerSelf | Policy::EmployerClient => false,
    };
    if allowed {
        Expect::Allowed
    } else {
        Expect::Forbidden
    }
}

fn is_sign_in(page: &Page) -> bool {
    page.status == StatusCode::SEE_OTHER
        && (page.location().starts_with("/login") || page.location().starts_with("/portal/login"))
}

/// Allowed requests that the fixture's state answers with a status the general rule does
/// not list: the access check passed, then the record's state decided. (method, path,
/// status, why)
const STATE_ANSWERS: &[(&str, &str, StatusCode, &str)] = &[
    (
        "GET",
        "/clients/{id}/plans/new",
        StatusCode::CONFLICT,
        "one open plan at a time: the fixture's draft plan is open",
    ),
    (
        "GET",
        "/offices/{id}/claims/{month}/{version}/kokuho",
        StatusCode::UNPROCESSABLE_ENTITY,
        "the locked empty month fails the file check, whose problems page is shown",
    ),
    (
        "GET",
        "/offices/{id}/claims/{month}/{version}/cap-results",
        StatusCode::UNPROCESSABLE_ENTITY,
        "the locked empty month fails the file check, whose problems page is shown",
    ),
    (
        "POST",
        "/account/calendar",
        StatusCode::OK,
        "the new feed address is shown once on the page (only its hash is kept)",
    ),
    (
        "POST",
        "/clients/{id}/portal/invite",
        StatusCode::OK,
        "the invitation sheet with its one-time link is shown once on the page",
    ),
    (
        "POST",
        "/clients/{id}/contacts/similar",
        StatusCode::OK,
        "a step of the contact form: the form again as typed, with similar cases; nothing saved",
    ),
];

/// Whether `page` is what `expect` asks for.
fn answers(expect: Expect, spec: &RouteSpec, page: &Page) -> bool {
    let s = page.status;
    if s.is_server_error() {
        return false;
    }
    let post = spec.method == axum::http::Method::POST;
    if expect == Expect::Allowed
        && STATE_ANSWERS
            .iter()
            .any(|(m, p, status, _)| *m == spec.method.as_str() && *p == spec.path && *status == s)
    {
        return true;
    }
    match expect {
        Expect::SignIn => is_sign_in(page),
        Expect::Forbidden => s == StatusCode::FORBIDDEN,
        Expect::NotFound => s == StatusCode::NOT_FOUND,
        Expect::Open => !is_sign_in(page) && s != StatusCode::FORBIDDEN,
        Expect::Allowed if post => {
            !is_sign_in(page)
                && matches!(
                    s,
                    StatusCode::UNPROCESSABLE_ENTITY
                        | StatusCode::CONFLICT
                        | StatusCode::BAD_REQUEST
                        | StatusCode::SEE_OTHER
                )
        }
        Expect::Allowed => !is_sign_in(page) && (s == StatusCode::OK || s.is_redirection()),
    }
}

/// What a path parameter names, read from the literal segment before it; an unknown one is
/// an error naming the route.
fn param_value(route: &str, before: &str, name: &str, ids: &Ids) -> Result<String, String> {
    let v = match (before, name) {
        ("offices" | "find", "id") => ids.office,
        ("clients", "id") => ids.client,
        // Removing a client's records after the keeping period: `{id}` is the client
        // (still served in the fixture, so the administrator's POST is refused with 409).
        ("record-keeping", "id") => ids.client,
        ("inquiries", "id") => ids.inquiry,
        ("staff", "id") => ids.staff,
        ("tour-slots", "id") => ids.slot,
        ("tasks", "id") => ids.task,
        ("outbox", "id") => ids.outbox,
        ("employments", "eid") => ids.employment,
        ("certificates", "cid") => ids.certificate,
        ("consents" | "sharing", "cid") => ids.consent,
        // 上限額管理結果: `{cid}` is the client.
        ("cap", "cid") => ids.client,
        ("plans", "pid") => ids.plan,
        ("shares", "sid") => ids.share,
        ("claim-settings", "sid") => ids.claim_setting,
        ("concerns", "kid") => ids.concern,
        ("contacts", "rid") => ids.record,
        ("institutions", "iid") => ids.institution,
        ("claims", "version") => ids.claim_version,
        ("entries", "eid") => ids.selfcheck_entry,
        ("reports", "month") => return Ok(REPORT_MONTH.to_string()),
        ("claims", "month") => return Ok(CLAIM_MONTH.to_string()),
        ("lang", "code") => return Ok("ja".to_string()),
        ("calendar", "file") => return Ok(format!("{}.ics", ids.calendar_token)),
        ("employer", "cid") => ids.contact,
        // A well-formed one-time link no invitation has.
        ("invite" | "link" | "welcome", "token") => return Ok("0f".repeat(32)),
        _ => {
            return Err(format!(
                "{route}: the matrix test does not know the parameter {{{name}}} after /{before}/; \
                 give it a fixture record in tests/it/matrix.rs"
            ));
        }
    };
    Ok(v.to_string())
}

/// Whether the parameter is a record id (a missing one must answer 404).
fn is_id(name: &str) -> bool {
    !matches!(name, "month" | "code" | "file" | "token")
}

/// The parameters of a path: (index of the segment, literal segment before it, name).
fn params(path: &str) -> Vec<(usize, String, String)> {
    let segments: Vec<&str> = path.split('/').collect();
    let mut out = Vec::new();
    let mut before = "";
    for (i, seg) in segments.iter().enumerate() {
        if let Some(name) = seg.strip_prefix('{').and_then(|s| s.strip_suffix('}')) {
            out.push((i, before.to_string(), name.to_string()));
        } else if !seg.is_empty() {
            before = seg;
        }
    }
    out
}

/// The path with every parameter filled from `ids`, and `missing` (a parameter name) set
/// to an id no record has.
fn try_fill(route: &str, ids: &Ids, missing: Option<&str>) -> Result<String, String> {
    let mut segments: Vec<String> = route.split('/').map(str::to_string).collect();
    for (i, before, name) in params(route) {
        segments[i] = if missing == Some(name.as_str()) {
            MISSING.to_string()
        } else {
            param_value(route, &before, &name, ids)?
        };
    }
    Ok(segments.join("/"))
}

/// `try_fill`, failing the test on a parameter it does not know.
fn fill(route: &str, ids: &Ids, missing: Option<&str>) -> String {
    try_fill(route, ids, missing).unwrap_or_else(|e| panic!("{e}"))
}

/// The query a route needs to answer at all (a month), appended to its path.
fn query_for(route: &str) -> &'static str {
    match route {
        "/offices/{id}/claims/cap/{cid}" => "?month=2026-10",
        // A download with clients' names says why (issue 16).
        "/offices/{id}/claims/{month}/{version}/claim.csv"
        | "/offices/{id}/claims/{month}/{version}/kokuho"
        | "/offices/{id}/claims/{month}/{version}/cap-results" => "?purpose=claim",
        "/offices/{id}/claims/{month}/{version}/invoices" => "?purpose=clients",
        _ => "",
    }
}

/// The form of a POST: empty, except where an empty form would be refused before the
/// access check could be seen (or would change data).
fn form_for(path: &str) -> Vec<(&'static str, &'static str)> {
    match path {
        // An empty month is answered 404 (no such month); a stale version is a 422.
        "/offices/{id}/claims/lock" => vec![("month", CLAIM_MONTH), ("version", "99")],
        _ => vec![],
    }
}

/// The tables of the schema.
async fn tables(db: &Db) -> Vec<String> {
    match db {
        Db::Sqlite(pool) => sqlx::query_scalar(
            "SELECT name FROM sqlite_master WHERE type = 'table'
             AND name NOT LIKE 'sqlite_%' AND name <> '_sqlx_migrations' ORDER BY name",
        )
        .fetch_all(pool)
        .await
        .expect("tables"),
        Db::Postgres(pool) => sqlx::query_scalar(
            "SELECT table_name::text FROM information_schema.tables
             WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'
             AND table_name <> '_sqlx_migrations' ORDER BY 1",
        )
        .fetch_all(pool)
        .await
        .expect("tables"),
    }
}

/// The row count of every table, in one query.
async fn snapshot(db: &Db, tables: &[String]) -> Vec<(String, i64)> {
    let sql = tables
        .iter()
        .map(|t| format!("SELECT CAST('{t}' AS TEXT), COUNT(*) FROM {t}"))
        .collect::<Vec<_>>()
        .join(" UNION ALL ");
    let mut rows: Vec<(String, i64)> = teichaku::on_db!(db, pool =>
        sqlx::query_as(sqlx::AssertSqlSafe(sql)).fetch_all(pool).await)
    .expect("row counts");
    rows.sort();
    rows
}

fn differences(before: &[(String, i64)], after: &[(String, i64)]) -> String {
    let mut out = String::new();
    for ((t, b), (_, a)) in before.iter().zip(after) {
        if a != b {
            let _ = write!(out, "{t}: {b} → {a}; ");
        }
    }
    out
}

async fn one_id(app: &TestApp, sql: &'static str, bind: i64) -> i64 {
    teichaku::on_db!(&app.state.db, pool => sqlx::query_scalar(sql).bind(bind).fetch_one(pool).await)
        .unwrap_or_else(|e| panic!("{sql}: {e}"))
}

fn must(page: Page, what: &str) -> Page {
    assert!(
        page.status == StatusCode::SEE_OTHER,
        "fixture: {what}: {} {}",
        page.status,
        page.body
    );
    page
}

/// Office `name` with a supporter, a manager, a further staff member and one of every
/// record, made by the signed-in administrator `app` through the forms.
async fn office_records(app: &TestApp, name: &str, suffix: &str, outbox: i64) -> Ids {
    let page = app
        .submit(
            "/offices/new",
            "/offices",
            &[
                ("name", name),
                ("prefecture", "千葉県"),
                ("address", "船橋市西船4-0-0"),
                ("nearest_station", "西船橋駅"),
                ("phone", "047-000-0000"),
                ("email", "office@example.jp"),
                ("published", "1"),
            ],
        )
        .await;
    let office = id_from_location(&must(page, "office").location(), "/offices/");
    let supporter = app
        .create_staff(&format!("sup.{suffix}"), office, "supporter")
        .await;
    app.create_staff(&format!("mgr.{suffix}"), office, "manager")
        .await;
    app.create_staff(&format!("clerk.{suffix}"), office, "clerk")
        .await;
    let staff = app
        .create_staff(&format!("staff.{suffix}"), office, "supporter")
        .await;
    let client = app
        .register_client(office, "山田 花子", "やまだ はなこ", supporter)
        .await;
    let c = format!("/clients/{client}");

    must(
        app.submit(
            &format!("{c}/employments/new"),
            &format!("{c}/employments"),
            &[
                ("employer_name", "株式会社みどり物流"),
                ("workplace_address", "船橋市本町0-0"),
                ("supervisor_name", "物流 課長"),
                ("job_title", "倉庫内軽作業"),
                ("weekly_hours", "30"),
                ("ordinary_employment", "yes"),
                ("hire_date", "2026-04-01"),
            ],
        )
        .await,
        "employment",
    );
    let employment = one_id(
        app,
        "SELECT MAX(id) FROM employments WHERE client_id = $1",
        client,
    )
    .await;

    must(
        app.submit(
            &format!("{c}/certificates/new"),
            &format!("{c}/certificates"),
            &[
                ("certificate_number", "0123456789"),
                ("municipality_code", "122044"),
                ("municipality_name", "船橋市"),
                ("income_category", "general1"),
                ("monthly_cap_yen", "9300"),
                ("cap_manager_office", ""),
                ("period_start", "2026-04-01"),
                ("period_end", "2027-03-31"),
            ],
        )
        .await,
        "certificate",
    );
    let certificate = one_id(
        app,
        "SELECT MAX(id) FROM certificates WHERE client_id = $1",
        client,
    )
    .await;

    must(
        app.submit(
            &format!("{c}/plans/new"),
            &format!("{c}/plans"),
            &[
                ("plan_goals", "週5日、休まずに働き続ける"),
                ("plan_support_content", "月2回の面談で様子を聞く"),
                ("plan_contact_frequency", "月2回面談"),
                ("plan_employer_role", "相談先を決める"),
                ("plan_start_on", "2026-04-01"),
                ("plan_review_on", ""),
            ],
        )
        .await,
        "plan",
    );
    let plan = one_id(
        app,
        "SELECT MAX(id) FROM support_plans WHERE client_id = $1",
        client,
    )
    .await;

    let reports = format!("{c}/reports");
    must(
        app.submit(&reports, &reports, &[("report_month", REPORT_MONTH)])
            .await,
        "report",
    );
    let month = format!("{reports}/{REPORT_MONTH}");
    must(
        app.submit(
            &month,
            &format!("{month}/finalise"),
            &[
                ("version", "1"),
                ("report_body", "十月のレポート"),
                ("confirm", "yes"),
            ],
        )
        .await,
        "finalise",
    );
    let today = teichaku::clock::today().to_string();
    must(
        app.submit(
            &month,
            &format!("{month}/shares"),
            &[
                ("version", "1"),
                ("share_recipient", "client"),
                ("share_shared_on", &today),
                ("share_method", "in_person"),
            ],
        )
        .await,
        "share",
    );
    let share = one_id(
        app,
        "SELECT MAX(h.id) FROM report_shares h JOIN support_reports r ON r.id = h.report_id
         WHERE r.client_id = $1",
        client,
    )
    .await;

    let consents = format!("{c}/consents");
    must(
        app.submit(
            &consents,
            &consents,
            &[
                ("consent_recipient", "employer"),
                ("consent_recipient_name", "株式会社みどり物流"),
                ("consent_categories", "health"),
                ("consent_valid_from", "2026-04-01"),
            ],
        )
        .await,
        "consent",
    );
    let consent = one_id(
        app,
        "SELECT MAX(id) FROM consents WHERE client_id = $1",
        client,
    )
    .await;

    let owner = supporter.to_string();
    let next_week = (teichaku::clock::today() + time::Duration::days(7)).to_string();
    must(
        app.submit(
            &format!("{c}/contacts/new"),
            &format!("{c}/contacts"),
            &[
                ("contact_date", &today),
                ("contact_time", "10:00"),
                ("mode", "face_to_face"),
                ("participants", "client"),
                ("heard", "朝起きられず、遅刻が2回あった。"),
                ("advice", "寝る時刻を決めて記録する。"),
                ("concern_category_1", "lateness_absence"),
                ("concern_severity_1", "3"),
                ("concern_note_1", "今月2回"),
                ("action_1", "上司と始業時刻を相談する"),
                ("action_owner_1", &owner),
                ("action_due_1", &next_week),
            ],
        )
        .await,
        "contact",
    );
    let concern = one_id(
        app,
        "SELECT MAX(id) FROM concerns WHERE client_id = $1",
        client,
    )
    .await;
    let task = one_id(
        app,
        "SELECT MAX(id) FROM tasks WHERE client_id = $1",
        client,
    )
    .await;
    let record = one_id(
        app,
        "SELECT MAX(id) FROM contacts WHERE client_id = $1",
        client,
    )
    .await;

    let institutions = format!("/offices/{office}/institutions/new");
    must(
        app.submit(
            &institutions,
            &institutions,
            &[
                ("institution_name", "船橋こころクリニック"),
                ("institution_kind", "medical"),
                ("contact_person", "相談 一郎"),
                ("phone", "047-000-1111"),
            ],
        )
        .await,
        "institution",
    );
    let institution = one_id(
        app,
        "SELECT MAX(id) FROM institutions WHERE office_id = $1",
        office,
    )
    .await;

    let settings = format!("/offices/{office}/claim-settings");
    must(
        app.submit(
            &settings,
            &settings,
            &[
                ("setting_item", "job_coach"),
                ("valid_from", "2026-04-01"),
                ("setting_note", "届出済み"),
            ],
        )
        .await,
        "claim setting",
    );
    let claim_setting = one_id(
        app,
        "SELECT MAX(id) FROM office_claim_settings WHERE office_id = $1",
        office,
    )
    .await;

    let page = must(
        app.submit(
            &format!("/offices/{office}/inquiries/new"),
            &format!("/offices/{office}/inquiries"),
            &[
                ("channel", "phone"),
                ("kind", "tour"),
                ("inquirer_name", "電話 一郎"),
                ("contact_by", "phone"),
                ("phone", "090-1111-2222"),
            ],
        )
        .await,
        "inquiry",
    );
    let inquiry = id_from_location(&page.location(), "/inquiries/");

    let tours = format!("/offices/{office}/tours");
    let in_three_days = (teichaku::clock::today() + time::Duration::days(3)).to_string();
    must(
        app.submit(
            &tours,
            &tours,
            &[
                ("slot_date", &in_three_days),
                ("start_time", "14:00"),
                ("end_time", "15:00"),
                ("capacity", "2"),
                ("place_note", "3階の受付へ"),
            ],
        )
        .await,
        "tour slot",
    );
    let slot = one_id(
        app,
        "SELECT MAX(id) FROM tour_slots WHERE office_id = $1",
        office,
    )
    .await;
    // Booked, so that deleting the slot closes it instead and it stays for the next case.
    let slot_id = slot.to_string();
    must(
        app.submit(
            &format!("/inquiries/{inquiry}"),
            &format!("/inquiries/{inquiry}/tour/book"),
            &[("booking_status", ""), ("tour_slot_id", &slot_id)],
        )
        .await,
        "tour booking",
    );

    // A locked claim (a month without service: nothing is claimed, but it locks).
    let claims = format!("/offices/{office}/claims?month={CLAIM_MONTH}");
    must(
        app.submit(
            &claims,
            &format!("/offices/{office}/claims/lock"),
            &[
                ("month", CLAIM_MONTH),
                ("version", "0"),
                ("claim_reason", ""),
                ("confirm", "yes"),
            ],
        )
        .await,
        "claim lock",
    );
    let claim_version = one_id(
        app,
        "SELECT CAST(MAX(version) AS BIGINT) FROM claims WHERE office_id = $1",
        office,
    )
    .await;

    // A self-check entry of the client, with a comment to reply to.
    let mut tx = app.state.db.begin().await.expect("tx");
    let item = store::selfcheck::add_own_item(&mut tx, client, "朝の散歩", teichaku::clock::now())
        .await
        .expect("self-check item");
    let selfcheck_entry = store::selfcheck::save_entry(
        &mut tx,
        client,
        teichaku::clock::today(),
        &teichaku::domain::selfcheck::CheckInput {
            scores: vec![(
                item,
                teichaku::domain::selfcheck::Score::new(3).expect("score"),
            )],
            comment: "ねむい".into(),
        },
        teichaku::clock::now(),
    )
    .await
    .expect("self-check entry");
    tx.commit().await.expect("commit");

    // The calendar feed of the office's supporter, with a token this test knows.
    let calendar_token = suffix.repeat(64);
    let mut tx = app.state.db.begin().await.expect("tx");
    store::calendar::set_token(
        &mut tx,
        supporter,
        &teichaku::web::session::hash_token(&calendar_token),
        teichaku::clock::now(),
    )
    .await
    .expect("calendar token");
    tx.commit().await.expect("commit");

    Ids {
        office,
        client,
        employment,
        certificate,
        plan,
        share,
        consent,
        concern,
        record,
        task,
        institution,
        claim_setting,
        inquiry,
        slot,
        staff,
        outbox,
        claim_version,
        selfcheck_entry,
        calendar_token,
        contact: 0,
    }
}

async fn outbox_message(app: &TestApp, to: &str) -> i64 {
    let mut tx = app.state.db.begin().await.expect("tx");
    let id = store::outbox::insert(
        &mut tx,
        &NewMessage {
            to_address: to,
            subject: "見学のご案内",
            body_text: "本文",
            related_type: None,
            related_id: None,
            not_before: None,
        },
        teichaku::clock::now(),
    )
    .await
    .expect("outbox");
    tx.commit().await.expect("commit");
    id
}

/// The app with offices A and B and every identity (`Who::ALL`) signed in.
async fn fixture() -> (TestApp, Ids, Ids, Vec<Identity>) {
    let app = spawn_app().await;
    app.signed_in_admin().await;
    let outbox_a = outbox_message(&app, "a@example.jp").await;
    let outbox_b = outbox_message(&app, "b@example.jp").await;
    let a = office_records(&app, "西船橋", "a", outbox_a).await;
    let b = office_records(&app, "浜松駅前", "b", outbox_b).await;
    let (mut a, mut b) = (a, b);
    let mut identities = Vec::new();
    for who in Who::ALL {
        let ids = if who.office() == Some(Office::B) {
            &mut b
        } else {
            &mut a
        };
        let (browser, owner, page) = match (who.login(), who) {
            (_, Who::ClientA | Who::ClientB) => {
                let account = app.client_account(ids.client, ids.staff).await;
                let owner = Owner::Client(account);
                (app.portal_browser(owner).await, Some(owner), "/me")
            }
            (_, Who::EmployerA | Who::EmployerB) => {
                let contact = app
                    .employer_contact(ids.client, "物流 課長", ids.staff)
                    .await;
                app.consent_for_employer(
                    ids.client,
                    "物流 課長",
                    &[
                        "work_status",
                        "health",
                        "disability",
                        "support_records",
                        "reports",
                        "contact_info",
                        "handover",
                    ],
                )
                .await;
                ids.contact = contact;
                let owner = Owner::Employer(contact);
                (app.portal_browser(owner).await, Some(owner), "/employer")
            }
            (None, _) => (app.another_browser(), None, "/login"),
            (Some(login), _) => (app.signed_in_as(login).await, None, "/account/password"),
        };
        let csrf = browser.csrf(page).await;
        identities.push(Identity {
            who,
            owner,
            app: browser,
            csrf,
        });
    }
    (app, a, b, identities)
}

/// Counts and collects the cases.
#[derive(Default)]
struct Tally {
    cases: usize,
    failures: Vec<String>,
}

impl Tally {
    fn check(&mut self, ok: bool, what: impl FnOnce() -> String) {
        self.cases += 1;
        if !ok {
            self.failures.push(what());
        }
    }
}

/// GET `path`, or POST the route's minimal form to it with the identity's CSRF token.
async fn request(id: &Identity, spec: &RouteSpec, path: &str) -> Page {
    if spec.method == axum::http::Method::POST {
        let mut fields: Vec<(&str, &str)> = vec![("_csrf", id.csrf.as_str())];
        fields.extend(form_for(spec.path));
        id.app.post_form(path, &fields).await
    } else {
        id.app.get(path).await
    }
}

/// The row counts of the last refused POST's "after", while nothing else has been sent
/// since (any other request may write: a GET of a client page writes `client.view`).
type Counts = Option<Vec<(String, i64)>>;

/// Sends the request; for a POST that must be refused, also that no table changed.
#[allow(clippy::too_many_arguments)]
async fn case(
    tally: &mut Tally,
    db: &Db,
    tables: &[String],
    last: &mut Counts,
    id: &Identity,
    spec: &RouteSpec,
    path: &str,
    expect: Expect,
) {
    let post = spec.method == axum::http::Method::POST;
    let refused = matches!(
        expect,
        Expect::SignIn | Expect::Forbidden | Expect::NotFound
    );
    let before = if post && refused {
        match last.take() {
            Some(counts) => Some(counts),
            None => Some(snapshot(db, tables).await),
        }
    } else {
        *last = None;
        None
    };
    let page = request(id, spec, path).await;
    let ok = answers(expect, spec, &page);
    tally.check(ok, || {
        format!(
            "{} {} ({path}) as {:?}: expected {expect:?} ({:?}), got {} {}",
            spec.method,
            spec.path,
            id.who,
            spec.policy,
            page.status,
            page.location()
        )
    });
    if let Some(before) = before {
        let after = snapshot(db, tables).await;
        tally.check(before == after, || {
            format!(
                "{} {} ({path}) as {:?}: the refused POST wrote {}",
                spec.method,
                spec.path,
                id.who,
                differences(&before, &after)
            )
        });
        *last = Some(after);
    }
}

/// Routes whose outcome does not follow from the policy alone, with the reason.
fn exception(spec: &RouteSpec) -> Option<&'static str> {
    match (spec.method.as_str(), spec.path) {
        ("GET" | "POST", "/setup") => Some(
            "Setup: the organisation is set up, so the page sends everyone to /login (GET) \
             and the form answers 404 (POST)",
        ),
        ("POST", "/logout") => Some(
            "sign-out ends the session the rest of the matrix uses: each identity signs out \
             a session of its own, and is sent to /login",
        ),
        ("POST", "/portal/logout") => Some(
            "portal sign-out ends the session the rest of the matrix uses: each identity signs \
             out a session of its own, and is sent to /portal/login",
        ),
        _ => None,
    }
}

async fn run_exception(
    tally: &mut Tally,
    app: &TestApp,
    tables: &[String],
    identities: &[Identity],
    spec: &RouteSpec,
) {
    let db = &app.state.db;
    for id in identities {
        match (spec.method.as_str(), spec.path) {
            ("GET", "/setup") => {
                let page = id.app.get("/setup").await;
                tally.check(
                    page.status == StatusCode::SEE_OTHER && page.location() == "/login",
                    || format!("GET /setup as {:?}: {}", id.who, page.status),
                );
            }
            ("POST", "/setup") => {
                let before = snapshot(db, tables).await;
                let page = request(id, spec, "/setup").await;
                tally.check(page.status == StatusCode::NOT_FOUND, || {
                    format!("POST /setup as {:?}: {}", id.who, page.status)
                });
                let after = snapshot(db, tables).await;
                tally.check(before == after, || {
                    format!(
                        "POST /setup as {:?} wrote {}",
                        id.who,
                        differences(&before, &after)
                    )
                });
            }
            ("POST", "/logout") => {
                let (browser, form_page) = match id.who.login() {
                    None => (app.another_browser(), "/login"),
                    Some(login) => (app.signed_in_as(login).await, "/account/password"),
                };
                let token = browser.csrf(form_page).await;
                let page = browser.post_form("/logout", &[("_csrf", &token)]).await;
                let home = browser.get("/offices").await;
                tally.check(
                    page.status == StatusCode::SEE_OTHER
                        && page.location().starts_with("/login")
                        && is_sign_in(&home),
                    || {
                        format!(
                            "POST /logout as {:?}: {} {}, then /offices {} {}",
                            id.who,
                            page.status,
                            page.location(),
                            home.status,
                            home.location()
                        )
                    },
                );
            }
            ("POST", "/portal/logout") => {
                let (browser, form_page) = match (id.owner, id.who.login()) {
                    (Some(owner), _) => (
                        app.portal_browser(owner).await,
                        if id.who.is_client() {
                            "/me"
                        } else {
                            "/employer"
                        },
                    ),
                    (None, None) => (app.another_browser(), "/portal/login"),
                    (None, Some(login)) => (app.signed_in_as(login).await, "/account/password"),
                };
                let token = browser.csrf(form_page).await;
                let page = browser
                    .post_form("/portal/logout", &[("_csrf", &token)])
                    .await;
                let after = browser.get(form_page).await;
                let signed_out = match (id.owner, id.who.login()) {
                    (Some(_), _) => is_sign_in(&after),
                    // Staff are not signed out by the portal's sign-out.
                    (None, Some(_)) => after.status == StatusCode::OK,
                    (None, None) => true,
                };
                let to = if id.who.login().is_some() {
                    "/"
                } else {
                    "/portal/login"
                };
                tally.check(
                    page.status == StatusCode::SEE_OTHER
                        && page.location().starts_with(to)
                        && signed_out,
                    || {
                        format!(
                            "POST /portal/logout as {:?}: {} {}, then {form_page} {}",
                            id.who,
                            page.status,
                            page.location(),
                            after.status
                        )
                    },
                );
            }
            _ => unreachable!("{} {} has no exception", spec.method, spec.path),
        }
    }
}

/// An area of the matrix: its name, and whether a route's path is in it.
type Area = (&'static str, fn(&str) -> bool);

/// The areas the matrix is run in, one test each (each with its own app and fixture, so
/// nextest runs them side by side): (name, whether a path is in it).
const AREAS: [Area; 3] = [
    ("client records", |p| p.starts_with("/clients/")),
    ("offices and claims", |p| p.starts_with("/offices/")),
    ("platform, intake, api", |p| {
        !p.starts_with("/clients/") && !p.starts_with("/offices/")
    }),
];

#[tokio::test]
async fn client_routes_answer_as_their_policies_declare() {
    run_matrix(AREAS[0]).await;
}

#[tokio::test]
async fn office_routes_answer_as_their_policies_declare() {
    run_matrix(AREAS[1]).await;
}

#[tokio::test]
async fn platform_intake_and_api_routes_answer_as_their_policies_declare() {
    run_matrix(AREAS[2]).await;
}

/// Every route of the area × every identity × the ids of office A and of office B.
async fn run_matrix((area, in_area): Area) {
    let started = std::time::Instant::now();
    let (app, a, b, identities) = fixture().await;
    let fixture_time = started.elapsed();
    let db = &app.state.db;
    let tables = tables(db).await;
    assert!(tables.len() > 30, "the schema's tables: {tables:?}");

    // Deleting runs last, so a record deleted by an allowed case is not missed by a later one.
    let mut routes: Vec<RouteSpec> = teichaku::web::route_table()
        .into_iter()
        .filter(|r| in_area(r.path))
        .collect();
    // Revoking a portal account ends the portal identities' sessions: it runs last too.
    routes.sort_by_key(|r| r.path.ends_with("/delete") || r.path.ends_with("/revoke"));
    let admin = identities
        .iter()
        .find(|i| i.who == Who::Admin)
        .expect("admin");

    let mut tally = Tally::default();
    let mut last: Counts = None;
    for spec in &routes {
        if let Some(reason) = exception(spec) {
            eprintln!("exception: {} {}: {reason}", spec.method, spec.path);
            run_exception(&mut tally, &app, &tables, &identities, spec).await;
            last = None;
            continue;
        }
        let ps = params(spec.path);
        // Only a record id makes a path someone's (a month or a token does not).
        let owners: &[Option<Office>] = if !ps.iter().any(|(_, _, name)| is_id(name)) {
            &[None]
        } else {
            &[Some(Office::A), Some(Office::B)]
        };
        for &owner in owners {
            let ids = if owner == Some(Office::B) { &b } else { &a };
            let path = fill(spec.path, ids, None) + query_for(spec.path);
            for id in &identities {
                let expect = expected(spec.policy, id.who, owner);
                case(&mut tally, db, &tables, &mut last, id, spec, &path, expect).await;
            }
        }
        // A missing id answers 404, to the administrator too (on a portal page, to the
        // portal user it is for).
        let asker = match spec.policy {
            Policy::EmployerClient | Policy::EmployerSelf => identities
                .iter()
                .find(|i| i.who == Who::EmployerA)
                .expect("employer"),
            Policy::ClientSelf => identities
                .iter()
                .find(|i| i.who == Who::ClientA)
                .expect("client"),
            _ => admin,
        };
        for (_, _, name) in ps.iter().filter(|(_, _, name)| is_id(name)) {
            let path = fill(spec.path, &a, Some(name)) + query_for(spec.path);
            let expect = Expect::NotFound;
            case(
                &mut tally, db, &tables, &mut last, asker, spec, &path, expect,
            )
            .await;
        }
    }

    for (method, path, status, why) in STATE_ANSWERS {
        if in_area(path) {
            eprintln!("allowed, answered {status} by the fixture's state: {method} {path}: {why}");
        }
    }
    eprintln!(
        "role × route matrix, {area}: {} routes, {} cases asserted ({} failed); fixture {:.1?}, total {:.1?}",
        routes.len(),
        tally.cases,
        tally.failures.len(),
        fixture_time,
        started.elapsed()
    );
    assert!(
        tally.failures.is_empty(),
        "{area}: {} of {} cases disagree with the declared policy:\n{}",
        tally.failures.len(),
        tally.cases,
        tally.failures.join("\n")
    );
    assert!(
        routes.len() >= 20 && tally.cases >= 6 * routes.len(),
        "{area}: too few cases asserted: {} for {} routes",
        tally.cases,
        routes.len()
    );
}

/// The `.get("/…"` and `.post("/…"` routes written in the areas' `routes()` functions.
fn routes_in_source() -> BTreeSet<(String, String)> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/web");
    let mut files = vec![root];
    let mut found = BTreeSet::new();
    while let Some(path) = files.pop() {
        if path.is_dir() {
            for entry in std::fs::read_dir(&path).expect("read dir") {
                files.push(entry.expect("entry").path());
            }
            continue;
        }
        if path.extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let text = std::fs::read_to_string(&path).expect("read source");
        for method in ["get", "post"] {
            let call = format!(".{method}(");
            let mut rest = text.as_str();
            while let Some(at) = rest.find(&call) {
                rest = &rest[at + call.len()..];
                let arg = rest.trim_start();
                if let Some(literal) = arg.strip_prefix("\"/") {
                    let end = literal.find('"').expect("end of literal");
                    found.insert((method.to_uppercase(), format!("/{}", &literal[..end])));
                }
            }
        }
    }
    found
}

#[test]
fn the_route_table_is_the_router() {
    let table = teichaku::web::route_table();
    assert!(table.len() > 100, "{} routes", table.len());
    let mut seen = BTreeSet::new();
    for r in &table {
        assert!(
            seen.insert((r.method.to_string(), r.path.to_string())),
            "{} {} is declared twice",
            r.method,
            r.path
        );
        assert!(r.path.starts_with('/'), "{} {}", r.method, r.path);
    }
    let written = routes_in_source();
    let missing: Vec<_> = written.difference(&seen).collect();
    assert!(
        missing.is_empty(),
        "routes written in src/web but not in the route table: {missing:?}"
    );
    let unwritten: Vec<_> = seen.difference(&written).collect();
    assert!(
        unwritten.is_empty(),
        "routes in the table that the source scan did not find: {unwritten:?}"
    );
    // The matrix tests run by area: every route is in exactly one.
    for r in &table {
        let n = AREAS.iter().filter(|(_, in_area)| in_area(r.path)).count();
        assert_eq!(n, 1, "{} {} is in {n} matrix areas", r.method, r.path);
    }
    // Every area is in the table.
    for prefix in [
        "/login",
        "/offices/{id}/inquiries",
        "/clients/{id}/employments",
        "/clients/{id}/reports",
        "/offices/{id}/claims",
        "/api/v1/rules/",
        "/admin/outbox",
    ] {
        assert!(
            table.iter().any(|r| r.path.starts_with(prefix)),
            "no route under {prefix}"
        );
    }
}

#[test]
fn every_parameter_of_the_table_has_a_fixture() {
    let ids = Ids {
        office: 1,
        client: 2,
        employment: 3,
        certificate: 4,
        plan: 5,
        share: 6,
        consent: 7,
        concern: 8,
        record: 8,
        task: 9,
        institution: 10,
        claim_setting: 11,
        inquiry: 12,
        slot: 13,
        staff: 14,
        outbox: 15,
        claim_version: 16,
        selfcheck_entry: 17,
        calendar_token: "t".into(),
        contact: 17,
    };
    for r in teichaku::web::route_table() {
        let path = fill(r.path, &ids, None);
        assert!(!path.contains('{'), "{} {}: {path}", r.method, r.path);
    }
    assert_eq!(
        fill("/clients/{id}/consents/{cid}/withdraw", &ids, None),
        "/clients/2/consents/7/withdraw"
    );
    assert_eq!(
        fill("/offices/{id}/claims/cap/{cid}", &ids, Some("cid")),
        "/offices/1/claims/cap/999999"
    );
    assert_eq!(
        fill("/offices/{id}/claims/{month}/{version}/kokuho", &ids, None),
        format!("/offices/1/claims/{CLAIM_MONTH}/16/kokuho")
    );
    let unknown = try_fill("/widgets/{id}/parts", &ids, None).expect_err("unknown parameter");
    assert!(
        unknown.starts_with("/widgets/{id}/parts:"),
        "the failure names the route: {unknown}"
    );
    let unknown = try_fill("/clients/{id}/notes/{nid}", &ids, None).expect_err("unknown");
    assert!(unknown.contains("{nid}"), "{unknown}");
}
