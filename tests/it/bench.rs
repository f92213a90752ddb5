//! The benchmark's data set on both engines: the scale is what was asked, every client is in
//! service in the claimed month, identifiers are well formed, the claim run has real cases
//! to find (no face-to-face contact, an unshared report), and one seed gives one data set.
use std::collections::{HashMap, HashSet};

use teichaku::bench::{self, Scale};
use teichaku::db::Db;
use teichaku::domain::rules::period::service_window;
use teichaku::on_db;
use time::macros::{date, datetime};
use time::{Date, OffsetDateTime};

use crate::helpers::spawn_app;

const MONTH: Date = date!(2026 - 10 - 01);
/// October 2026 in Japan time, as UTC instants.
const FROM: OffsetDateTime = datetime!(2026-09-30 15:00 UTC);
const UNTIL: OffsetDateTime = datetime!(2026-10-31 15:00 UTC);

/// Clients in service only: the checks below are about them (former clients and the page
/// rows are checked in `the_pages_rows_and_former_clients_are_there`).
fn small() -> Scale {
    Scale {
        offices: 5,
        clients: 60,
        months: 13,
        former_per_mille: 0,
        ..Scale::default()
    }
}

async fn count(db: &Db, sql: &'static str) -> i64 {
    on_db!(db, pool => sqlx::query_scalar(sql).fetch_one(pool).await).expect(sql)
}

#[tokio::test]
async fn the_data_set_has_the_asked_scale_and_the_cases_a_claim_must_find() {
    let app = spawn_app().await;
    let db = &app.state.db;
    let generated = bench::generate(db, &small(), MONTH)
        .await
        .expect("generate");

    assert_eq!(count(db, "SELECT COUNT(*) FROM offices").await, 5);
    assert_eq!(count(db, "SELECT COUNT(*) FROM clients").await, 60);
    let contacts = count(db, "SELECT COUNT(*) FROM contacts").await;
    assert_eq!(contacts as u64, generated.count("contacts"));
    // About 1 to 3 a month over up to 13 months of service.
    assert!(
        (60..=60 * 13 * 3).contains(&contacts),
        "{contacts} contacts"
    );
    assert_eq!(
        count(db, "SELECT COUNT(*) FROM certificates").await,
        60,
        "one 受給者証 per client"
    );
    for (table, rows) in &generated.rows {
        if *table != "organizations" && *table != "report_shares" {
            assert!(*rows > 0, "{table} is empty");
        }
    }

    // Every client's claimed month lies in the service window of the first employment.
    let employments: Vec<(i64, Date, Option<Date>)> = on_db!(db, pool => sqlx::query_as(
        "SELECT client_id, hire_date, return_to_work_date FROM employments
         ORDER BY client_id, hire_date, id")
        .fetch_all(pool).await)
    .expect("employments");
    let mut first: HashMap<i64, (Date, Option<Date>)> = HashMap::new();
    for (client, hire, returned) in employments {
        first.entry(client).or_insert((hire, returned));
    }
    assert_eq!(first.len(), 60, "every client has an employment");
    for (client, (hire, returned)) in &first {
        let window = service_window(*hire, *returned);
        assert!(
            window.earliest_start <= MONTH && window.latest_end >= date!(2026 - 10 - 31),
            "client {client}: {window:?}"
        );
    }
    let job_changes = count(
        db,
        "SELECT COUNT(*) FROM (SELECT client_id FROM employments GROUP BY client_id HAVING COUNT(*) > 1) x",
    )
    .await;
    assert!(job_changes > 0, "no job change to exercise");

    // 事業所番号: 10 digits, unique, starting with a prefecture code (domain.md §7.3).
    let numbers: Vec<Option<String>> = on_db!(db, pool => sqlx::query_scalar(
        "SELECT office_number FROM offices").fetch_all(pool).await)
    .expect("office numbers");
    let numbers: Vec<String> = numbers.into_iter().map(|n| n.expect("a number")).collect();
    for n in &numbers {
        assert!(
            n.len() == 10 && n.bytes().all(|b| b.is_ascii_digit()),
            "{n}"
        );
        let prefecture: u32 = n[..2].parse().expect("digits");
        assert!((1..=47).contains(&prefecture), "{n}");
    }
    assert_eq!(numbers.iter().collect::<HashSet<_>>().len(), numbers.len());

    // 受給者証番号 10 digits; 市町村番号 with a valid check digit (domain.md §7.3).
    let certificates: Vec<(String, String)> = on_db!(db, pool => sqlx::query_as(
        "SELECT number, municipality_code FROM certificates").fetch_all(pool).await)
    .expect("certificates");
    for (number, code) in &certificates {
        assert!(
            number.len() == 10 && number.bytes().all(|b| b.is_ascii_digit()),
            "{number}"
        );
        assert!(
            teichaku::domain::kokuho::is_valid_municipality_number(code),
            "{code}"
        );
    }

    // The claim has real cases: clients met face to face in the month and clients who
    // were not, reports shared with the client and reports that were not.
    let met: Vec<i64> = on_db!(db, pool => sqlx::query_scalar(
        "SELECT DISTINCT client_id FROM contacts
         WHERE occurred_at >= $1 AND occurred_at < $2
           AND mode IN ('face_to_face', 'workplace_visit')")
        .bind(FROM).bind(UNTIL).fetch_all(pool).await)
    .expect("met");
    assert!(!met.is_empty() && met.len() < 60, "{} of 60 met", met.len());
    let shared: Vec<i64> = on_db!(db, pool => sqlx::query_scalar(
        "SELECT DISTINCT r.client_id FROM support_reports r
         JOIN report_shares s ON s.report_id = r.id
         WHERE r.month = '2026-10' AND r.status = 'final' AND s.recipient_kind = 'client'")
        .fetch_all(pool).await)
    .expect("shared");
    assert!(
        !shared.is_empty() && shared.len() < 60,
        "{} of 60 shared",
        shared.len()
    );

    // The baseline reads those rows; the comparison runs it and the hook.
    let scan = bench::plain_scan(db, MONTH).await.expect("scan");
    assert_eq!(scan.clients, 60);
    assert_eq!(scan.certificates, 60);
    let in_month = on_db!(db, pool => sqlx::query_scalar::<_, i64>(
        "SELECT COUNT(*) FROM contacts WHERE occurred_at >= $1 AND occurred_at < $2")
        .bind(FROM).bind(UNTIL).fetch_one(pool).await)
    .expect("in month");
    assert_eq!(scan.contacts as i64, in_month);
    let report = bench::run(db, MONTH, bench::claim_run_hook)
        .await
        .expect("run");
    assert_eq!(report.claims, 60);
    assert_eq!(report.scan.runs.len(), bench::MEASURED);
    assert_eq!(report.claim.runs.len(), bench::MEASURED);
    assert_eq!(report.scan_counts, scan);
}

/// Every contact of a data set, in id order: who, when, how.
async fn contacts(db: &Db) -> Vec<(i64, i64, OffsetDateTime, String)> {
    on_db!(db, pool => sqlx::query_as(
        "SELECT id, client_id, occurred_at, mode FROM contacts ORDER BY id")
        .fetch_all(pool).await)
    .expect("contacts")
}

#[tokio::test]
async fn one_seed_gives_one_data_set_and_a_full_database_is_refused() {
    let (a, b) = (spawn_app().await, spawn_app().await);
    let first = bench::generate(&a.state.db, &small(), MONTH)
        .await
        .expect("first");
    let second = bench::generate(&b.state.db, &small(), MONTH)
        .await
        .expect("second");
    assert_eq!(first.rows, second.rows);
    assert_eq!(
        bench::plain_scan(&a.state.db, MONTH).await.expect("scan a"),
        bench::plain_scan(&b.state.db, MONTH).await.expect("scan b")
    );
    assert_eq!(contacts(&a.state.db).await, contacts(&b.state.db).await);

    let again = bench::generate(&a.state.db, &small(), MONTH).await;
    let message = format!(
        "{:#}",
        again.expect_err("a second run into the same database")
    );
    assert!(message.contains("not empty"), "{message}");
}

/// The rows the pages read (#13 item 5): former clients (no contract in the claimed month,
/// a contract that ended before it), a plan history per client with one plan in force,
/// concerns raised at contacts with the older ones mostly resolved, follow-up tasks.
#[tokio::test]
async fn the_pages_rows_and_former_clients_are_there() {
    let app = spawn_app().await;
    let db = &app.state.db;
    let scale = Scale {
        former_per_mille: 250,
        ..small()
    };
    let generated = bench::generate(db, &scale, MONTH).await.expect("generate");
    assert_eq!(count(db, "SELECT COUNT(*) FROM clients").await, 60 + 15);
    let in_service: Vec<i64> = on_db!(db, pool => sqlx::query_scalar(
        "SELECT DISTINCT client_id FROM contracts WHERE start_date <= $1 AND end_date >= $2")
        .bind(date!(2026 - 10 - 31)).bind(MONTH).fetch_all(pool).await)
    .expect("in service");
    let ended: i64 = on_db!(db, pool => sqlx::query_scalar(
        "SELECT COUNT(DISTINCT client_id) FROM contracts WHERE end_date < $1")
        .bind(MONTH).fetch_one(pool).await)
    .expect("ended");
    assert!(in_service.len() <= 60, "{} in service", in_service.len());
    assert_eq!(
        ended, 15,
        "every former client's contract ended before the month"
    );

    for table in ["support_plans", "concerns", "tasks"] {
        let rows = count_table(db, table).await;
        assert!(rows > 0, "{table} is empty");
        assert_eq!(rows as u64, generated.count(table), "{table}");
    }
    let in_force = count(
        db,
        "SELECT COUNT(DISTINCT client_id) FROM support_plans WHERE status <> 'revised'",
    )
    .await;
    assert!(in_force >= 55, "{in_force} clients with a plan in force");
    let (open, resolved) = (
        count(
            db,
            "SELECT COUNT(*) FROM concerns WHERE resolved_at IS NULL",
        )
        .await,
        count(
            db,
            "SELECT COUNT(*) FROM concerns WHERE resolved_at IS NOT NULL",
        )
        .await,
    );
    assert!(
        resolved > open && open > 0,
        "{resolved} resolved, {open} open"
    );
    let orphans = count(
        db,
        "SELECT COUNT(*) FROM concerns k JOIN contacts c ON c.id = k.contact_id
         WHERE c.client_id <> k.client_id",
    )
    .await;
    assert_eq!(orphans, 0, "a concern belongs to its contact's client");

    // Every resolved concern is a past case, made as `teichaku reindex` makes them (one
    // change row each, for the index to catch up on), without the client's name; four
    // offices in five share theirs.
    assert_eq!(count_table(db, "cases").await, resolved);
    assert_eq!(generated.count("cases"), resolved as u64);
    assert_eq!(count_table(db, "case_changes").await, resolved);
    let named = count(
        db,
        "SELECT COUNT(*) FROM cases cs JOIN concerns k ON k.id = cs.concern_id
         JOIN clients cl ON cl.id = k.client_id
         WHERE cs.note LIKE '%' || cl.name || '%' OR cs.heard LIKE '%' || cl.name || '%'",
    )
    .await;
    assert_eq!(named, 0, "a case names no client");
    let sharing = count(db, "SELECT COUNT(*) FROM offices WHERE share_cases").await;
    assert_eq!(sharing, 4, "offices 1-4 share, office 5 keeps its cases");
}

async fn count_table(db: &Db, table: &str) -> i64 {
    let sql = format!("SELECT COUNT(*) FROM {table}");
    on_db!(db, pool => sqlx::query_scalar(sqlx::AssertSqlSafe(sql)).fetch_one(pool).await)
        .expect("count")
}
