//! Messages of the platform area that have their own table.

pub mod audit;
pub mod first_day;
pub mod keeping;
pub mod lists;
pub mod totp;
