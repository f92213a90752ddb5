//! Messages of the support area: contacts, consent, reports, the month at a glance.

pub mod cases;
pub mod compliance;
pub mod consents;
pub mod contacts;
pub mod documents;
pub mod reports;
