//! The SQLite and PostgreSQL schemas must not drift: after all migrations, both have the
//! same tables with the same columns. This needs both engines, so it runs in the
//! PostgreSQL pass of the suite (`TEST_DATABASE_URL=postgres://…`), which CI always makes.
use std::collections::BTreeMap;

use teichaku::db::Db;

use crate::helpers::{on_postgres, spawn_app};

type Schema = BTreeMap<String, Vec<String>>;

async fn sqlite_schema(db: &Db) -> Schema {
    let Db::Sqlite(pool) = db else {
        panic!("expected SQLite")
    };
    let tables: Vec<String> = sqlx::query_scalar(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '_sqlx_migrations'",
    )
    .fetch_all(pool)
    .await
    .unwrap();
    let mut out = Schema::new();
    for t in tables {
        let mut cols: Vec<String> = sqlx::query_scalar("SELECT name FROM pragma_table_info($1)")
            .bind(&t)
            .fetch_all(pool)
            .await
            .unwrap();
        cols.sort();
        out.insert(t, cols);
    }
    out
}

async fn postgres_schema(db: &Db) -> Schema {
    let Db::Postgres(pool) = db else {
        panic!("expected PostgreSQL")
    };
    let rows: Vec<(String, String)> = sqlx::query_as(
        "SELECT table_name::text, column_name::text FROM information_schema.columns
         WHERE table_schema = current_schema() AND table_name <> '_sqlx_migrations'",
    )
    .fetch_all(pool)
    .await
    .unwrap();
    let mut out = Schema::new();
    for (t, c) in rows {
        out.entry(t).or_default().push(c);
    }
    for cols in out.values_mut() {
        cols.sort();
    }
    out
}

#[tokio::test]
async fn sqlite_and_postgres_schemas_match() {
    if !on_postgres() {
        eprintln!("schema parity runs in the PostgreSQL pass (TEST_DATABASE_URL=postgres://…)");
        return;
    }
    let app = spawn_app().await;
    let pg = postgres_schema(&app.state.db).await;
    let dir = std::env::temp_dir().join(format!(
        "teichaku-parity-{}",
        crate::helpers::random_suffix()
    ));
    std::fs::create_dir_all(&dir).unwrap();
    let lite = Db::connect(&format!("sqlite://{}", dir.join("p.db").display()))
        .await
        .unwrap();
    lite.migrate().await.unwrap();
    let sqlite = sqlite_schema(&lite).await;
    lite.close().await;
    let _ = std::fs::remove_dir_all(&dir);
    assert!(
        sqlite.contains_key("audit_log") && sqlite.len() >= 8,
        "{sqlite:?}"
    );
    let only_sqlite: Vec<_> = sqlite.keys().filter(|t| !pg.contains_key(*t)).collect();
    let only_pg: Vec<_> = pg.keys().filter(|t| !sqlite.contains_key(*t)).collect();
    assert!(
        only_sqlite.is_empty() && only_pg.is_empty(),
        "tables only in SQLite: {only_sqlite:?}; only in PostgreSQL: {only_pg:?}"
    );
    for (table, cols) in &sqlite {
        assert_eq!(cols, &pg[table], "columns of {table} differ");
    }
}
