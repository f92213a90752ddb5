//! Which rows an export holds. The whole organisation: every row. One office: the office,
//! every row that belongs to it through a chain of foreign keys (its clients, their
//! records, the records under those…), and every row those refer to (the organisation,
//! the staff in charge, an office a client moved from), so that the export restores into
//! an empty database on its own. One client: the client and every row under them.

use std::collections::{BTreeMap, BTreeSet, HashSet};

use crate::store::export::{Column, ForeignKey};

/// Tables never exported: sign-in state, one-time secrets of the running server, files
/// being imported, and the migrations table (the restoring binary makes its own).
pub const SKIPPED: &[&str] = &[
    "_sqlx_migrations",
    "sessions",
    "login_failures",
    "totp_pending",
    "import_uploads",
    // Derived and rebuilt by the running server: the public pages' version counter and
    // the change feed of the case index (each node builds its index from `cases`).
    "public_version",
    "case_changes",
];

/// One table as read from the database.
#[derive(Debug, Clone)]
pub struct Table {
    pub name: String,
    pub columns: Vec<Column>,
    pub foreign_keys: Vec<ForeignKey>,
    pub rows: Vec<Vec<Option<String>>>,
}

impl Table {
    fn index(&self, column: &str) -> Option<usize> {
        self.columns.iter().position(|c| c.name == column)
    }
}

/// What to export.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    Organisation,
    Office(i64),
    Client(i64),
}

/// The rows of each table in `scope`, by table name (row indexes, in order).
pub fn select(tables: &[Table], scope: Scope) -> BTreeMap<String, BTreeSet<usize>> {
    let by_name: BTreeMap<&str, &Table> = tables.iter().map(|t| (t.name.as_str(), t)).collect();
    let mut chosen: BTreeMap<String, BTreeSet<usize>> = BTreeMap::new();
    let (root_table, root_id) = match scope {
        Scope::Organisation => {
            for t in tables {
                chosen.insert(t.name.clone(), (0..t.rows.len()).collect());
            }
            return chosen;
        }
        Scope::Office(id) => ("offices", id),
        Scope::Client(id) => ("clients", id),
    };
    let root = id_string(root_id);
    // Owned: the root row and every row under it (a child whose foreign key names an owned
    // row). Only owned rows pull in their children.
    let mut owned: BTreeMap<String, BTreeSet<usize>> = BTreeMap::new();
    if let Some(t) = by_name.get(root_table)
        && let Some(i) = t.index("id")
    {
        let rows: BTreeSet<usize> = t
            .rows
            .iter()
            .enumerate()
            .filter(|(_, r)| r[i].as_deref() == Some(root.as_str()))
            .map(|(n, _)| n)
            .collect();
        owned.insert(root_table.to_string(), rows);
    }
    loop {
        let mut grew = false;
        for t in tables {
            for fk in &t.foreign_keys {
                // Rows under an organisation or staff member are not the office's own.
                if fk.parent == t.name || matches!(fk.parent.as_str(), "organizations" | "staff") {
                    continue;
                }
                let Some(parent_rows) = owned.get(&fk.parent) else {
                    continue;
                };
                let Some(parent) = by_name.get(fk.parent.as_str()) else {
                    continue;
                };
                let Some(pi) = parent.index(&fk.parent_column) else {
                    continue;
                };
                let keys: HashSet<&str> = parent_rows
                    .iter()
                    .filter_map(|&n| parent.rows[n][pi].as_deref())
                    .collect();
                let Some(ci) = t.index(&fk.column) else {
                    continue;
                };
                let mine = owned.entry(t.name.clone()).or_default();
                for (n, row) in t.rows.iter().enumerate() {
                    if row[ci].as_deref().is_some_and(|v| keys.contains(v)) && mine.insert(n) {
                        grew = true;
                    }
                }
            }
        }
        if !grew {
            break;
        }
    }
    // The audit rows about a client name it in a column that is no foreign key.
    if let Scope::Client(_) = scope
        && let Some(t) = by_name.get("audit_log")
        && let Some(i) = t.index("client_id")
    {
        let rows = owned.entry("audit_log".to_string()).or_default();
        for (n, row) in t.rows.iter().enumerate() {
            if row[i].as_deref() == Some(root.as_str()) {
                rows.insert(n);
            }
        }
    }
    chosen = owned;
    if let Scope::Client(_) = scope {
        return chosen;
    }
    // Referenced rows, up to the top, so the export restores on its own; and the tables
    // that refer to nothing (master data the claims read) in full.
    for t in tables {
        if t.foreign_keys.is_empty() && !chosen.contains_key(&t.name) {
            chosen.insert(t.name.clone(), (0..t.rows.len()).collect());
        }
    }
    loop {
        let mut grew = false;
        for t in tables {
            let rows: Vec<usize> = chosen
                .get(&t.name)
                .map(|s| s.iter().copied().collect())
                .unwrap_or_default();
            for fk in &t.foreign_keys {
                let (Some(ci), Some(parent)) =
                    (t.index(&fk.column), by_name.get(fk.parent.as_str()))
                else {
                    continue;
                };
                let Some(pi) = parent.index(&fk.parent_column) else {
                    continue;
                };
                let wanted: HashSet<&str> = rows
                    .iter()
                    .filter_map(|&n| t.rows[n][ci].as_deref())
                    .collect();
                if wanted.is_empty() {
                    continue;
                }
                let set = chosen.entry(fk.parent.clone()).or_default();
                for (n, row) in parent.rows.iter().enumerate() {
                    if row[pi].as_deref().is_some_and(|v| wanted.contains(v)) && set.insert(n) {
                        grew = true;
                    }
                }
            }
        }
        if !grew {
            break;
        }
    }
    chosen
}

fn id_string(id: i64) -> String {
    id.to_string()
}

/// The tables in an order that writes every parent before its children.
pub fn parents_first(tables: &[(String, Vec<ForeignKey>)]) -> Vec<String> {
    let mut done: Vec<String> = Vec::new();
    let mut left: Vec<&(String, Vec<ForeignKey>)> = tables.iter().collect();
    while !left.is_empty() {
        let before = left.len();
        left.retain(|(name, fks)| {
            let ready = fks.iter().all(|fk| {
                fk.parent == *name
                    || done.contains(&fk.parent)
                    || !tables.iter().any(|(t, _)| *t == fk.parent)
            });
            if ready {
                done.push(name.clone());
            }
            !ready
        });
        if left.len() == before {
            // A cycle: the rest in name order (none in the schema today).
            done.extend(left.iter().map(|(n, _)| n.clone()));
            break;
        }
    }
    done
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::export::Kind;

    fn table(name: &str, cols: &[&str], fks: &[(&str, &str)], rows: &[&[&str]]) -> Table {
        Table {
            name: name.into(),
            columns: cols
                .iter()
                .map(|c| Column {
                    name: c.to_string(),
                    kind: Kind::Text,
                    sql_type: "text".into(),
                })
                .collect(),
            foreign_keys: fks
                .iter()
                .map(|(c, p)| ForeignKey {
                    column: c.to_string(),
                    parent: p.to_string(),
                    parent_column: "id".into(),
                })
                .collect(),
            rows: rows
                .iter()
                .map(|r| {
                    r.iter()
                        .map(|v| (!v.is_empty()).then(|| v.to_string()))
                        .collect()
                })
                .collect(),
        }
    }

    fn schema() -> Vec<Table> {
        vec![
            table("organizations", &["id"], &[], &[&["1"]]),
            table(
                "offices",
                &["id", "organization_id"],
                &[("organization_id", "organizations")],
                &[&["1", "1"], &["2", "1"]],
            ),
            table("staff", &["id"], &[], &[&["10"], &["11"]]),
            table(
                "clients",
                &["id", "office_id", "supporter_id"],
                &[("office_id", "offices"), ("supporter_id", "staff")],
                &[&["100", "1", "10"], &["101", "2", "11"]],
            ),
            table(
                "certificates",
                &["id", "client_id"],
                &[("client_id", "clients")],
                &[&["5", "100"], &["6", "101"]],
            ),
            table(
                "periods",
                &["id", "certificate_id"],
                &[("certificate_id", "certificates")],
                &[&["7", "5"], &["8", "6"]],
            ),
            table(
                "moves",
                &["id", "client_id", "from_office_id"],
                &[("client_id", "clients"), ("from_office_id", "offices")],
                &[&["9", "101", "1"]],
            ),
            table("master", &["id"], &[], &[&["1"], &["2"]]),
            table(
                "audit_log",
                &["id", "client_id", "office_id"],
                &[("office_id", "offices")],
                &[&["1", "100", ""], &["2", "101", "2"]],
            ),
        ]
    }

    fn names(chosen: &BTreeMap<String, BTreeSet<usize>>, t: &str) -> Vec<usize> {
        chosen
            .get(t)
            .map(|s| s.iter().copied().collect())
            .unwrap_or_default()
    }

    #[test]
    fn an_office_takes_its_rows_and_what_they_refer_to() {
        let tables = schema();
        let chosen = select(&tables, Scope::Office(1));
        assert_eq!(
            names(&chosen, "clients"),
            vec![0, 1],
            "client 101 moved from office 1: referenced"
        );
        assert_eq!(
            names(&chosen, "certificates"),
            vec![0],
            "only the office's own client's"
        );
        assert_eq!(names(&chosen, "periods"), vec![0]);
        assert_eq!(names(&chosen, "moves"), vec![0]);
        assert_eq!(
            names(&chosen, "offices"),
            vec![0, 1],
            "office 2 referenced by its client"
        );
        assert_eq!(names(&chosen, "staff"), vec![0, 1]);
        assert_eq!(names(&chosen, "organizations"), vec![0]);
        assert_eq!(names(&chosen, "master"), vec![0, 1], "master data in full");
        assert!(
            names(&chosen, "audit_log").is_empty(),
            "office 2's audit row is not office 1's"
        );
    }

    #[test]
    fn a_client_takes_their_records_and_the_audit_rows_about_them() {
        let chosen = select(&schema(), Scope::Client(100));
        assert_eq!(names(&chosen, "clients"), vec![0]);
        assert_eq!(names(&chosen, "certificates"), vec![0]);
        assert_eq!(names(&chosen, "periods"), vec![0]);
        assert_eq!(names(&chosen, "audit_log"), vec![0]);
        assert!(names(&chosen, "offices").is_empty());
    }

    #[test]
    fn parents_are_written_first() {
        let t = schema();
        let list: Vec<(String, Vec<ForeignKey>)> = t
            .iter()
            .map(|t| (t.name.clone(), t.foreign_keys.clone()))
            .collect();
        let order = parents_first(&list);
        let at = |n: &str| order.iter().position(|x| x == n).expect("listed");
        assert!(at("organizations") < at("offices"));
        assert!(at("clients") < at("certificates"));
        assert!(at("certificates") < at("periods"));
        assert!(at("staff") < at("clients"));
    }
}
