//! The SQL of the table-by-table exports (`crate::export`): the catalogue (tables, columns
//! with their types, foreign keys), every row of a table as text in one format on both
//! engines, and the rows written back into a fresh database. The backups' own SQL
//! (`store::backup`) lists the tables and counts the rows for both.

use anyhow::Context;

use crate::db::{Db, Engine, Tx};
use crate::on_tx;

/// How a column's value is written as text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Text,
    Integer,
    /// `1` or `0` on both engines (SQLite keeps booleans as integers).
    Boolean,
    /// UTC, `YYYY-MM-DDTHH:MM:SSZ` (what the application writes on SQLite).
    Timestamp,
    /// Hexadecimal.
    Bytes,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Column {
    pub name: String,
    pub kind: Kind,
    /// The engine's own type name (PostgreSQL's, for the casts of a restore).
    pub sql_type: String,
}

/// A foreign key: `column` holds a value of `parent`'s `parent_column`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ForeignKey {
    pub column: String,
    pub parent: String,
    pub parent_column: String,
}

fn quote(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

fn kind_of(engine: Engine, sql_type: &str) -> Kind {
    let t = sql_type.to_ascii_lowercase();
    match engine {
        Engine::Sqlite => {
            if t.contains("blob") {
                Kind::Bytes
            } else if t.contains("bool") {
                Kind::Boolean
            } else if t.contains("int") {
                Kind::Integer
            } else {
                Kind::Text
            }
        }
        Engine::Postgres => match t.as_str() {
            "boolean" => Kind::Boolean,
            "bytea" => Kind::Bytes,
            "timestamp with time zone" => Kind::Timestamp,
            "bigint" | "integer" | "smallint" => Kind::Integer,
            _ => Kind::Text,
        },
    }
}

/// The columns of `table`, in the table's order.
pub async fn columns(db: &Db, table: &str) -> anyhow::Result<Vec<Column>> {
    let rows: Vec<(String, String)> = match db {
        Db::Sqlite(pool) => {
            sqlx::query_as("SELECT name, type FROM pragma_table_info($1) ORDER BY cid")
                .bind(table)
                .fetch_all(pool)
                .await?
        }
        Db::Postgres(pool) => {
            sqlx::query_as(
                "SELECT column_name::text, data_type::text FROM information_schema.columns
                 WHERE table_schema = current_schema() AND table_name = $1
                 ORDER BY ordinal_position",
            )
            .bind(table)
            .fetch_all(pool)
            .await?
        }
    };
    Ok(rows
        .into_iter()
        .map(|(name, sql_type)| Column {
            name,
            kind: kind_of(db.engine(), &sql_type),
            sql_type,
        })
        .collect())
}

/// The foreign keys of `table`.
pub async fn foreign_keys(db: &Db, table: &str) -> anyhow::Result<Vec<ForeignKey>> {
    let rows: Vec<(String, String, String)> = match db {
        Db::Sqlite(pool) => sqlx::query_as(
            "SELECT \"from\", \"table\", COALESCE(\"to\", 'id') FROM pragma_foreign_key_list($1)",
        )
        .bind(table)
        .fetch_all(pool)
        .await?,
        Db::Postgres(pool) => {
            sqlx::query_as(
                "SELECT kcu.column_name::text, ccu.table_name::text, ccu.column_name::text
                 FROM information_schema.table_constraints tc
                 JOIN information_schema.key_column_usage kcu
                   ON kcu.constraint_name = tc.constraint_name
                  AND kcu.table_schema = tc.table_schema
                 JOIN information_schema.constraint_column_usage ccu
                   ON ccu.constraint_name = tc.constraint_name
                  AND ccu.table_schema = tc.table_schema
                 WHERE tc.constraint_type = 'FOREIGN KEY'
                   AND tc.table_schema = current_schema() AND tc.table_name = $1",
            )
            .bind(table)
            .fetch_all(pool)
            .await?
        }
    };
    Ok(rows
        .into_iter()
        .map(|(column, parent, parent_column)| ForeignKey {
            column,
            parent,
            parent_column,
        })
        .collect())
}

fn select_expression(engine: Engine, c: &Column) -> String {
    let q = quote(&c.name);
    match (engine, c.kind) {
        (Engine::Sqlite, Kind::Bytes) => format!("hex({q})"),
        (Engine::Sqlite, _) => format!("CAST({q} AS TEXT)"),
        (Engine::Postgres, Kind::Boolean) => {
            format!("CASE WHEN {q} IS NULL THEN NULL WHEN {q} THEN '1' ELSE '0' END")
        }
        (Engine::Postgres, Kind::Bytes) => format!("upper(encode({q}, 'hex'))"),
        (Engine::Postgres, Kind::Timestamp) => {
            format!("to_char({q} AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')")
        }
        (Engine::Postgres, _) => format!("{q}::text"),
    }
}

/// Every row of `table` as text (NULL as `None`), ordered by the first column.
pub async fn rows(
    db: &Db,
    table: &str,
    columns: &[Column],
) -> anyhow::Result<Vec<Vec<Option<String>>>> {
    let list: Vec<String> = columns
        .iter()
        .map(|c| select_expression(db.engine(), c))
        .collect();
    // Names from the catalogue, quoted as identifiers.
    let sql = format!(
        "SELECT {} FROM {} ORDER BY 1",
        list.join(", "),
        quote(table)
    );
    let n = columns.len();
    let rows = match db {
        Db::Sqlite(pool) => {
            use sqlx::Row;
            sqlx::query(sqlx::AssertSqlSafe(sql))
                .fetch_all(pool)
                .await?
                .iter()
                .map(|r| (0..n).map(|i| r.try_get(i)).collect())
                .collect::<Result<Vec<Vec<Option<String>>>, _>>()?
        }
        Db::Postgres(pool) => {
            use sqlx::Row;
            sqlx::query(sqlx::AssertSqlSafe(sql))
                .fetch_all(pool)
                .await?
                .iter()
                .map(|r| (0..n).map(|i| r.try_get(i)).collect())
                .collect::<Result<Vec<Vec<Option<String>>>, _>>()?
        }
    };
    Ok(rows)
}

/// Deletes every row of `table` (rows the migrations wrote, replaced by the export's).
pub async fn clear(tx: &mut Tx, table: &str) -> anyhow::Result<()> {
    let sql = format!("DELETE FROM {}", quote(table));
    on_tx!(tx, conn => sqlx::query(sqlx::AssertSqlSafe(sql)).execute(conn).await.map(|_| ()))?;
    Ok(())
}

/// Inserts rows of text values into `table`'s `columns`, cast to each column's type.
pub async fn insert_rows(
    tx: &mut Tx,
    engine: Engine,
    table: &str,
    columns: &[Column],
    rows: &[Vec<Option<String>>],
) -> anyhow::Result<()> {
    let names: Vec<String> = columns.iter().map(|c| quote(&c.name)).collect();
    let values: Vec<String> = columns
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let p = format!("${}", i + 1);
            match (engine, c.kind) {
                (Engine::Sqlite, Kind::Bytes) => format!("unhex({p})"),
                (Engine::Sqlite, _) => p,
                (Engine::Postgres, Kind::Bytes) => format!("decode({p}, 'hex')"),
                (Engine::Postgres, _) => format!("CAST({p} AS {})", c.sql_type),
            }
        })
        .collect();
    let sql = format!(
        "INSERT INTO {} ({}) VALUES ({})",
        quote(table),
        names.join(", "),
        values.join(", ")
    );
    for row in rows {
        let done = on_tx!(tx, conn => {
            let mut q = sqlx::query(sqlx::AssertSqlSafe(sql.clone()));
            for v in row {
                q = q.bind(v.clone());
            }
            q.execute(conn).await.map(|_| ())
        });
        done.with_context(|| format!("a row of {table}"))?;
    }
    Ok(())
}

/// After rows were written with their ids, PostgreSQL's identity sequences continue after
/// the largest (SQLite's INTEGER PRIMARY KEY needs nothing).
pub async fn reset_sequence(tx: &mut Tx, table: &str) -> anyhow::Result<()> {
    if let Tx::Postgres(t) = tx {
        let sql = format!(
            "SELECT setval(pg_get_serial_sequence($1, 'id'), COALESCE((SELECT MAX(id) FROM {}), 0) + 1, false)
             WHERE pg_get_serial_sequence($1, 'id') IS NOT NULL",
            quote(table)
        );
        sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(table)
            .execute(&mut **t)
            .await?;
    }
    Ok(())
}
