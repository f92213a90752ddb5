//! All SQL lives here, one file per aggregate. Reads take `&Db`; writes take `&mut Tx` so a
//! handler can group a change and its audit row in one transaction. The same SQL text runs on
//! both engines; see `crate::db` for how.
pub mod audit;
pub mod backup;
pub mod calendar;
pub mod certificates;
pub mod claims;
pub mod client_month;
pub mod client_moves;
pub mod clients;
pub mod compliance;
pub mod consents;
pub mod contacts;
pub mod employments;
pub mod export;
pub mod followups;
pub mod guide;
pub mod handovers;
pub mod import;
pub mod inquiries;
pub mod institutions;
pub mod login_failures;
pub mod notebook;
pub mod offices;
pub mod organizations;
pub mod outbox;
pub mod plans;
pub mod portal;
pub mod record_keeping;
pub mod reports;
pub mod selfcheck;
pub mod sessions;
pub mod staff;
pub mod tasks;
pub mod totp;
pub mod tours;
