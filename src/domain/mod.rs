//! Pure types and rules: no database, no clock, no HTTP. Every rule with a figure cites
//! `docs/domain.md`'s source and has a table test beside it.
pub mod client;
pub mod fields;
pub mod office;
pub mod password;
pub mod rules;
pub mod staff;
pub mod standing;
