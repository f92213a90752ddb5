//! Pure types and rules: no database, no clock, no HTTP. Every rule with a figure cites
//! `docs/domain.md`'s source and has a table test beside it.
pub mod audit;
pub mod calendar_label;
pub mod claim;
pub mod claim_records;
pub mod client;
pub mod client_month;
pub mod compliance;
pub mod consent;
pub mod contact;
pub mod csv;
pub mod export;
pub mod fields;
pub mod guide;
pub mod ical;
pub mod import;
pub mod inquiry;
pub mod institution;
pub mod kokuho;
pub mod month;
pub mod notebook;
pub mod office;
pub mod office_move;
pub mod outbox;
pub mod password;
pub mod plan;
pub mod portal;
#[cfg(test)]
mod properties;
pub mod record_keeping;
pub mod report;
pub mod retention;
pub mod rules;
pub mod selfcheck;
pub mod staff;
pub mod standing;
pub mod totp;
pub mod tour;
