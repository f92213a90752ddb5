//! Embeds the SQL migrations in the binary: writes `migrations.rs` into OUT_DIR with one
//! `(version, description, sql)` entry per file for each engine, read with `include_str!`.
use std::{env, fmt::Write as _, fs, path::Path};

fn main() {
    let out = Path::new(&env::var("OUT_DIR").expect("OUT_DIR")).join("migrations.rs");
    let root = Path::new(&env::var("CARGO_MANIFEST_DIR").expect("manifest dir")).join("migrations");
    println!("cargo:rerun-if-changed=migrations");
    let mut code = String::new();
    for engine in ["sqlite", "postgres"] {
        let dir = root.join(engine);
        println!("cargo:rerun-if-changed={}", dir.display());
        let mut files: Vec<_> = fs::read_dir(&dir)
            .expect("migrations dir")
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "sql"))
            .collect();
        files.sort();
        writeln!(
            code,
            "pub const {}: &[(i64, &str, &str)] = &[",
            engine.to_uppercase()
        )
        .unwrap();
        for path in files {
            let stem = path.file_stem().unwrap().to_string_lossy().to_string();
            let (version, description) = stem.split_once('_').expect("NNNN_description.sql");
            let version: i64 = version.parse().expect("numeric migration version");
            writeln!(
                code,
                "    ({version}, {description:?}, include_str!({:?})),",
                path.display()
            )
            .unwrap();
        }
        writeln!(code, "];").unwrap();
    }
    fs::write(out, code).expect("write migrations.rs");
}
