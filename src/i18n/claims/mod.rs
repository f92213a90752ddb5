//! Messages of the claims area: the claim pages and the records a claim reads.

pub mod claim;
pub mod kokuho;
pub mod records;
