//! The 就労定着支援 rules that turn dates, counts and codes into answers: the service period,
//! who qualifies, the user's co-payment and the base reward tier. Pure functions: no I/O and
//! no clock, so every date ("today", "as of") is an argument.
//!
//! Every figure comes from `../shared/domain.md` (cited as "domain.md §n") and the figures
//! that change with a 報酬改定 live in one place, [`master`], as dated data with their source.

pub mod charge;
pub mod eligibility;
pub mod master;
pub mod period;
pub mod reward;
