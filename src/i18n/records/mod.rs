//! Messages of the records area that have their own table.
pub mod client_moves;
pub mod followups;
pub mod handover;
pub mod import;
pub mod record_export;
