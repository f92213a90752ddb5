//! Messages of the support area: contacts, consent, reports, the month at a glance.

pub mod compliance;
pub mod consents;
pub mod contacts;
pub mod documents;
pub mod reports;
