//! The per-office queries (`store::per_office::queries`) read their office through an index
//! on both engines (#13 item 1). SQLite: `EXPLAIN QUERY PLAN` must show no `SCAN` of a large
//! table (a `SEARCH` through an index is what one office costs). PostgreSQL: with small test
//! data the planner would rightly choose sequential scans, so the session sets
//! `enable_seqscan = off` (a sequential scan then only appears where no index can serve the
//! query) and `plan_cache_mode = force_generic_plan` (the plan of the text, not of the NULLs
//! bound to `EXECUTE`), and the plan must show no `Seq Scan` of a large table. A second test
//! fails for a `scoped!` query in `src/store` that the list forgot, and for a query written
//! the old way, `$1 IS NULL OR office_id = $1`.
use teichaku::db::{Db, Engine};
use teichaku::store::per_office::{self, PerOffice};

use crate::helpers::spawn_app;

/// Tables that grow with the organisation (a full read of one costs what every office costs).
const LARGE: &[&str] = &[
    "offices",
    "clients",
    "employments",
    "certificates",
    "certificate_periods",
    "contracts",
    "consents",
    "contacts",
    "concerns",
    "tasks",
    "support_plans",
    "support_reports",
    "report_shares",
    "regional_meetings",
    "cap_results",
    "cap_result_offices",
    "claims",
    "inquiries",
    "tour_slots",
    "audit_log",
    "retention_filings",
    "retention_frozen",
    "office_claim_settings",
    "office_area_grades",
];

/// The large table a plan line reads in full, if any.
fn sqlite_full_scan(line: &str) -> Option<&'static str> {
    // "SCAN t", "SCAN t AS x", "SCAN t USING INDEX i" (a whole index is every office too);
    // "SEARCH t USING INDEX i (office_id=?)" is what we want.
    let rest = line.trim().strip_prefix("SCAN ")?;
    let table = rest.split_whitespace().next()?;
    LARGE.iter().copied().find(|t| *t == table)
}

fn postgres_full_scan(line: &str) -> Option<&'static str> {
    let at = line.find("Seq Scan on ")?;
    let table = line[at + "Seq Scan on ".len()..]
        .split_whitespace()
        .next()?;
    LARGE.iter().copied().find(|t| *t == table)
}

/// The highest `$n` in a text: the parameters `EXECUTE` must give.
fn parameters(sql: &str) -> usize {
    let mut max = 0;
    let bytes = sql.as_bytes();
    for (i, b) in bytes.iter().enumerate() {
        if *b == b'$' {
            let digits: String = sql[i + 1..]
                .chars()
                .take_while(char::is_ascii_digit)
                .collect();
            if let Ok(n) = digits.parse::<usize>() {
                max = max.max(n);
            }
        }
    }
    max
}

async fn plan(db: &Db, q: &PerOffice) -> Vec<String> {
    match db {
        Db::Sqlite(pool) => {
            let rows: Vec<(i64, i64, i64, String)> =
                sqlx::query_as(sqlx::AssertSqlSafe(format!("EXPLAIN QUERY PLAN {}", q.sql)))
                    .fetch_all(pool)
                    .await
                    .unwrap_or_else(|e| panic!("{}: {e}", q.name));
            rows.into_iter().map(|r| r.3).collect()
        }
        Db::Postgres(pool) => {
            let mut conn = pool.acquire().await.expect("connection");
            for set in [
                "SET enable_seqscan = off",
                "SET plan_cache_mode = force_generic_plan",
            ] {
                sqlx::query(set).execute(&mut *conn).await.expect(set);
            }
            sqlx::query(sqlx::AssertSqlSafe(format!(
                "PREPARE per_office AS {}",
                q.sql
            )))
            .execute(&mut *conn)
            .await
            .unwrap_or_else(|e| panic!("{}: {e}", q.name));
            let nulls = vec!["NULL"; parameters(&q.sql)].join(", ");
            let execute = if nulls.is_empty() {
                "EXPLAIN EXECUTE per_office".to_string()
            } else {
                format!("EXPLAIN EXECUTE per_office({nulls})")
            };
            let lines: Vec<String> = sqlx::query_scalar(sqlx::AssertSqlSafe(execute))
                .fetch_all(&mut *conn)
                .await
                .unwrap_or_else(|e| panic!("{}: {e}", q.name));
            for reset in [
                "DEALLOCATE per_office",
                "RESET enable_seqscan",
                "RESET plan_cache_mode",
            ] {
                sqlx::query(reset).execute(&mut *conn).await.expect(reset);
            }
            lines
        }
    }
}

#[tokio::test]
async fn every_per_office_query_reads_its_office_through_an_index() {
    let app = spawn_app().await;
    let db = &app.state.db;
    let engine = db.engine();
    let mut failures = Vec::new();
    let mut checked = 0;
    for q in per_office::queries() {
        if q.engine.is_some_and(|e| e != engine) {
            continue;
        }
        checked += 1;
        let lines = plan(db, &q).await;
        let scans: Vec<&str> = lines
            .iter()
            .filter_map(|l| match engine {
                Engine::Sqlite => sqlite_full_scan(l),
                Engine::Postgres => postgres_full_scan(l),
            })
            .collect();
        if !scans.is_empty() {
            failures.push(format!(
                "{} reads all of {scans:?}:\n  {}",
                q.name,
                lines.join("\n  ")
            ));
        }
    }
    assert!(checked >= 20, "only {checked} queries checked");
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn the_plan_readers_find_full_scans_of_large_tables_only() {
    assert_eq!(sqlite_full_scan("SCAN contracts"), Some("contracts"));
    assert_eq!(sqlite_full_scan("SCAN k USING INDEX x"), None);
    assert_eq!(
        sqlite_full_scan("SCAN clients USING INDEX clients_kana"),
        Some("clients")
    );
    assert_eq!(
        sqlite_full_scan("SEARCH contacts USING INDEX contacts_office (office_id=?)"),
        None
    );
    assert_eq!(sqlite_full_scan("SCAN client_office_moves"), None);
    assert_eq!(
        postgres_full_scan("  ->  Seq Scan on contracts k  (cost=10000000000.00..1)"),
        Some("contracts")
    );
    assert_eq!(
        postgres_full_scan("Index Scan using contacts_office on contacts"),
        None
    );
    assert_eq!(parameters("a = $1 AND b < $12 OR c = $3"), 12);
    assert_eq!(parameters("no parameters"), 0);
}

/// Every `scoped!` query in `src/store` is in the per-office list (or named as reading other
/// offices on purpose), and no query is written as `$n IS NULL OR … office_id = $n` again.
#[test]
fn no_per_office_query_is_left_out_of_the_list() {
    let covered = per_office::covered_names();
    let mut missing = Vec::new();
    let mut old_form = Vec::new();
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/src/store");
    for entry in std::fs::read_dir(dir).expect("src/store") {
        let path = entry.expect("entry").path();
        let text = std::fs::read_to_string(&path).expect("read");
        let module = path
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or_default()
            .to_string();
        let mut lines = text.lines().peekable();
        while let Some(line) = lines.next() {
            if line.trim_start().starts_with("scoped! {") {
                // The const's name is on the first line that declares it.
                for next in lines.by_ref() {
                    if let Some(rest) = next.trim_start().split("const ").nth(1) {
                        let name = rest.split_whitespace().next().unwrap_or_default();
                        let full = format!("teichaku::store::{module}::{name}");
                        if !covered.contains(&full) {
                            missing.push(full);
                        }
                        break;
                    }
                }
            }
            let l = line.to_ascii_lowercase();
            let optional_parameter = (1..=9).any(|n| l.contains(&format!("${n} is null or")));
            if !l.trim_start().starts_with("//") && optional_parameter && l.contains("office_id") {
                old_form.push(format!("{module}: {}", line.trim()));
            }
        }
    }
    assert!(missing.is_empty(), "add to store::per_office: {missing:?}");
    assert!(old_form.is_empty(), "one text per case: {old_form:?}");
    assert!(covered.len() >= 20);
}
