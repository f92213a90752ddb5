//! `teichaku bench-search` at a small size on both engines, so that it cannot rot: the data
//! set has what was asked; cases are made and anonymised (no client name in any case);
//! every search is timed; the judged queries find their cases better than the substring
//! search they replace; the warnings flag most generated separations a month ahead.
use teichaku::bench_cases::{self, CaseScale};
use teichaku::cases::CaseIndex;
use teichaku::domain::warning::Thresholds;
use teichaku::on_db;

use crate::helpers::spawn_app;

#[tokio::test]
async fn the_search_and_warning_benchmark_runs_at_a_small_size() {
    let app = spawn_app().await;
    let db = &app.state.db;
    let scale = CaseScale {
        offices: 6,
        clients: 200,
        contacts: 6_000,
        ..CaseScale::default()
    };
    let today = teichaku::clock::today();
    let generated = bench_cases::generate(db, &scale, today)
        .await
        .expect("generate");
    let contacts: i64 = on_db!(db, pool => sqlx::query_scalar("SELECT COUNT(*) FROM contacts").fetch_one(pool).await).expect("count");
    assert_eq!(contacts as u64, generated.contacts);
    assert!(generated.contacts > 3_000, "{generated}");
    assert!(generated.resolved > 300, "{generated}");
    let made = teichaku::cases::reindex(db, teichaku::clock::now())
        .await
        .expect("reindex");
    assert_eq!(made, generated.resolved);
    // Notes naming the client ("佐藤さんより…") and counts are anonymised in the cases.
    let heard: Vec<String> =
        on_db!(db, pool => sqlx::query_scalar("SELECT heard FROM cases").fetch_all(pool).await)
            .expect("heard");
    assert!(
        heard.iter().any(|h| h.contains("〇〇さん")),
        "names replaced"
    );
    for h in &heard {
        for surname in ["佐藤", "鈴木", "高橋", "山田"] {
            assert!(!h.contains(surname), "{h}");
        }
        assert!(!h.chars().any(|c| c.is_ascii_digit()), "{h}");
    }
    let index = CaseIndex::new();
    index.load(db).await.expect("load");
    assert_eq!(index.len().await as u64, made);
    let latency = bench_cases::search_latency(db, &index, scale.offices, 2)
        .await
        .expect("latency")
        .total;
    assert_eq!(latency.n, 2 * (bench_cases::judged_queries().len() + 2));
    assert!(latency.p50 <= latency.p95 && latency.p95 <= latency.p99);
    let quality = bench_cases::quality(db, &index, 1).await.expect("quality");
    let (index_recall, substring_recall) = quality.mean();
    assert!(
        index_recall > substring_recall && index_recall >= 0.8,
        "{quality}"
    );
    let warnings = bench_cases::warnings(&generated, today, &Thresholds::default());
    assert!(warnings.separations > 10, "{warnings}");
    assert!(
        warnings.flagged_30_days * 2 > warnings.separations,
        "{warnings}"
    );
    assert!(warnings.alerts_per_supporter_month > 0.0, "{warnings}");
}
