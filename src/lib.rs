//! Teichaku (定着): software for Japanese 就労定着支援 offices.
//!
//! A guided tour, from the outside in:
//! - [`cli`] parses the command line (`serve`, `migrate`, `backup`, `restore`, `seed-demo`,
//!   `bench`, `version`…).
//! - [`app`] builds the shared state and the axum router with its middleware.
//! - [`web`] holds the handlers: extract, authorise, call `store`/`domain`, render a template.
//! - [`domain`] holds pure types and rules; it never touches the database or the clock.
//! - [`store`] holds all SQL, one file per aggregate, written once for SQLite and PostgreSQL.
//! - [`db`] is the connection to either engine, the embedded migrations and transactions.
//! - [`error`] is the one error type the web layer returns, and the error policy.
//! - [`i18n`] holds every user-visible message in Japanese and English.
//! - [`bench`] generates a national-scale data set and times the monthly claim run on it.
//! - [`backup`] writes encrypted backups (age) and restores them into a fresh database.
//! - [`bench_cases`] generates cases, separations and their signals, and measures the
//!   past-case search and the early warning on them.
//! - [`cases`] makes anonymised past cases and keeps each node's search index of them.
//! - [`email`] queues outgoing email in the database and sends it over SMTP in the background.

pub mod app;
pub mod backup;
pub mod bench;
pub mod bench_cases;
pub mod cases;
pub mod claims;
pub mod cli;
pub mod clock;
pub mod config;
pub mod db;
pub mod demo;
pub mod domain;
pub mod email;
pub mod error;
pub mod export;
pub mod i18n;
pub mod store;
pub mod web;
