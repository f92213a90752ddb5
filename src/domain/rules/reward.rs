//! 基本報酬 (the base reward per user per month) by 就労定着率 (domain.md §1): the table's
//! shape and the tier lookup. The figures themselves are dated data in [`super::master`].
//!
//! The rate is compared as an exact fraction, never as a float: 19 of 20 retained is exactly
//! 95% and must land in the 95% tier (domain.md §1.3: 「以上」 at the lower bound,
//! 「未満」 at the upper).

use time::Date;

/// A tier's lower bound as a fraction: 9割5分 is `95 / 100`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rate {
    pub num: u32,
    pub den: u32,
}

impl Rate {
    /// Whether `retained / served` is at least this rate (served > 0).
    fn is_reached_by(self, retained: u32, served: u32) -> bool {
        u64::from(retained) * u64::from(self.den) >= u64::from(self.num) * u64::from(served)
    }
}

/// One row of a reward table: from `at_least` (以上) up to the row above (未満).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RewardTier {
    pub at_least: Rate,
    pub units: u32,
    /// The row as the 告示 names it, e.g. 「9割以上9割5分未満」.
    pub label_ja: &'static str,
}

/// A 基本報酬 table in force from `valid_from` to `valid_to` (inclusive; `None` while in
/// force), with the page it was taken from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RewardTable {
    pub name: &'static str,
    pub valid_from: Date,
    pub valid_to: Option<Date>,
    pub source: &'static str,
    /// A limit on what the table covers (e.g. only offices with 20 users or fewer).
    pub note: Option<&'static str>,
    /// Highest tier first; the last tier's bound is 0 so that every rate finds a row.
    pub tiers: &'static [RewardTier],
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum RewardError {
    /// No users served: the rate is undefined.
    #[error("no users were served, so there is no retention rate")]
    NoneServed,
    /// More users retained than served.
    #[error("{retained} retained is more than {served} served")]
    RetainedExceedsServed { retained: u32, served: u32 },
    /// The table has no row for the rate: a defect in the master data (its tests check that
    /// every table ends with a 0 bound).
    #[error("the reward table has no tier for this rate")]
    NoTier,
}

/// The tier for `retained` of `served` users (domain.md §1.3): the first row, from the top,
/// whose lower bound the rate reaches.
pub fn reward_tier(
    retained: u32,
    served: u32,
    table: &RewardTable,
) -> Result<&'static RewardTier, RewardError> {
    if served == 0 {
        return Err(RewardError::NoneServed);
    }
    if retained > served {
        return Err(RewardError::RetainedExceedsServed { retained, served });
    }
    table
        .tiers
        .iter()
        .find(|t| t.at_least.is_reached_by(retained, served))
        .ok_or(RewardError::NoTier)
}

/// The units per user per month for `retained` of `served` users (domain.md §1).
pub fn reward_units(retained: u32, served: u32, table: &RewardTable) -> Result<u32, RewardError> {
    reward_tier(retained, served, table).map(|t| t.units)
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    const TIERS: &[RewardTier] = &[
        RewardTier {
            at_least: Rate { num: 1, den: 2 },
            units: 2,
            label_ja: "5割以上",
        },
        RewardTier {
            at_least: Rate { num: 0, den: 1 },
            units: 1,
            label_ja: "5割未満",
        },
    ];
    const TABLE: RewardTable = RewardTable {
        name: "test",
        valid_from: date!(2024 - 04 - 01),
        valid_to: None,
        source: "test",
        note: None,
        tiers: TIERS,
    };

    #[test]
    fn the_bound_is_inclusive_and_exact() {
        assert_eq!(reward_units(1, 2, &TABLE), Ok(2));
        assert_eq!(reward_units(500, 1000, &TABLE), Ok(2));
        assert_eq!(reward_units(499, 1000, &TABLE), Ok(1));
        assert_eq!(reward_units(0, 1, &TABLE), Ok(1));
        assert_eq!(reward_units(u32::MAX, u32::MAX, &TABLE), Ok(2));
        assert_eq!(reward_tier(1, 3, &TABLE).map(|t| t.label_ja), Ok("5割未満"));
    }

    #[test]
    fn impossible_counts_are_errors() {
        assert_eq!(reward_units(0, 0, &TABLE), Err(RewardError::NoneServed));
        assert_eq!(
            reward_units(3, 2, &TABLE),
            Err(RewardError::RetainedExceedsServed {
                retained: 3,
                served: 2
            })
        );
        let empty = RewardTable {
            tiers: &[],
            ..TABLE
        };
        assert_eq!(reward_units(1, 2, &empty), Err(RewardError::NoTier));
    }
}
