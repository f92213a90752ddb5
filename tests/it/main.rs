//! The one integration test binary. Each test spawns Teichaku on port 0 against a fresh
//! database: SQLite by default, PostgreSQL when `TEST_DATABASE_URL=postgres://…`.
mod access;
mod api_rules;
mod audit;
mod auth;
mod backup;
mod bench;
mod browser;
mod claim_records;
mod claims;
mod clients;
mod compliance;
mod consents;
mod contacts;
mod csrf;
mod email;
mod helpers;
mod inquiries;
mod offices;
mod platform;
mod public;
mod reports;
mod schema;
mod setup;
mod smtp_sink;
mod staff;
mod tours;
