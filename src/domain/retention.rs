//! 就労定着率: the share of the users served in the past 3 fiscal years who were still
//! employed at the end of the previous fiscal year (domain.md §1.3). It picks the office's
//! base-reward tier for a whole fiscal year.
//!
//! - Fiscal years run April to March. For fiscal year `fy` (April `fy` to March `fy + 1`)
//!   the users counted are those served from 1 April `fy − 3` to 31 March `fy`, and
//!   "employed" is judged on 31 March `fy` (domain.md §1.3, "Implement as").
//! - A change of job with re-employment within one month of leaving counts as continued
//!   employment, once (Q&A 2018-12-17, domain.md §1.3). A second change, or a longer gap,
//!   breaks it. Only a change of job counts: the job left for a new one (end reason
//!   `job_change`, not a dismissal, a resignation or the contract's end) and the new job with
//!   an ordinary employer (`ordinary_employment`; work at an A型 office is a welfare service,
//!   not a job at an 通常の事業所, domain.md §1.3 and §4).

use time::{Date, Month};

use super::rules::period::months_from;

/// The fiscal year (年度) a date falls in: 2027-03-31 is in fiscal year 2026.
pub fn fiscal_year_of(date: Date) -> i32 {
    if u8::from(date.month()) >= 4 {
        date.year()
    } else {
        date.year() - 1
    }
}

/// 1 April and 31 March of fiscal year `fy`.
pub fn fiscal_year_bounds(fy: i32) -> (Date, Date) {
    let first = Date::from_calendar_date(fy, Month::April, 1).unwrap_or(Date::MIN);
    let last = Date::from_calendar_date(fy + 1, Month::March, 31).unwrap_or(Date::MAX);
    (first, last)
}

/// The records a fiscal year's rate is computed from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Basis {
    /// The fiscal year whose tier this rate decides.
    pub fiscal_year: i32,
    /// First day of the 3 fiscal years looked at.
    pub served_from: Date,
    /// Last day of them, and the day employment is judged on (前年度末).
    pub as_of: Date,
}

/// domain.md §1.3: the past 3 fiscal years and the end of the previous one.
pub fn basis(fiscal_year: i32) -> Basis {
    Basis {
        fiscal_year,
        served_from: fiscal_year_bounds(fiscal_year - 3).0,
        as_of: fiscal_year_bounds(fiscal_year - 1).1,
    }
}

/// One job: hired on `hire`, left on `end` (the last day worked) if it ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Job {
    pub hire: Date,
    pub end: Option<Date>,
    /// Left for another job (end reason `job_change`), rather than dismissed, resigned, or at
    /// the end of the contract.
    pub left_for_new_job: bool,
    /// With an ordinary employer (通常の事業所), not an A型 office.
    pub ordinary: bool,
}

/// Where a person stood on the day employment is judged.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Standing {
    /// In the job they had, or in the one after the single allowed change.
    Employed { changed_job: bool },
    /// Between two jobs, re-employed within a month: counts as employed (the one change).
    BetweenJobs { left: Date, rehired: Date },
    /// Left work and not re-employed within a month.
    Left { on: Date },
    /// A second change of job (or a gap longer than a month before a new job).
    ChainBroken { on: Date },
    /// Left a job in a way that is not a change of job (dismissed, resigned, the contract
    /// ended), or moved to work that is not ordinary employment (an A型 office).
    ChangeNotCounted { on: Date },
    /// Not yet hired on that day.
    NotHired,
}

impl Standing {
    /// Counts as a 就労定着者.
    pub fn retained(self) -> bool {
        matches!(
            self,
            Standing::Employed { .. } | Standing::BetweenJobs { .. }
        )
    }

    pub fn key(self) -> &'static str {
        match self {
            Standing::Employed { changed_job: false } => "retention.standing.employed",
            Standing::Employed { changed_job: true } => "retention.standing.changed_job",
            Standing::BetweenJobs { .. } => "retention.standing.between_jobs",
            Standing::Left { .. } => "retention.standing.left",
            Standing::ChainBroken { .. } => "retention.standing.chain_broken",
            Standing::ChangeNotCounted { .. } => "retention.standing.change_not_counted",
            Standing::NotHired => "retention.standing.not_hired",
        }
    }
}

/// Re-employed within one month of leaving: hired on or before the last day of the month
/// counted from the day after the last day worked (民法第140条: leaving ends that day, so
/// the month starts the next day; 第143条 for its end, shared/domain.md §9 item 12). Left
/// 2025-06-20 → by 2025-07-20; left 2026-01-31 → by 2026-02-28.
fn within_a_month(left: Date, rehired: Date) -> bool {
    let first_day = left.next_day().unwrap_or(left);
    rehired <= months_from(first_day, 1).last_day
}

/// Where someone with these jobs stood on `on` (domain.md §1.3). The first job is the one
/// 定着支援 began with; each later job is a change of job.
pub fn standing_on(jobs: &[Job], on: Date) -> Standing {
    let mut jobs: Vec<Job> = jobs.to_vec();
    jobs.sort_by_key(|j| j.hire);
    let Some(first) = jobs.first().copied() else {
        return Standing::NotHired;
    };
    if first.hire > on {
        return Standing::NotHired;
    }
    let mut current = first;
    let mut changed = false;
    for next in jobs.iter().skip(1) {
        let Some(left) = current.end else {
            // Still in the current job: a later hire is a second job, not a change.
            break;
        };
        if left >= on {
            break;
        }
        if !current.left_for_new_job || !next.ordinary {
            return if next.hire <= on {
                Standing::ChangeNotCounted { on: left }
            } else {
                Standing::Left { on: left }
            };
        }
        if changed || !within_a_month(left, next.hire) {
            return if next.hire <= on {
                Standing::ChainBroken { on: left }
            } else {
                Standing::Left { on: left }
            };
        }
        if next.hire > on {
            return Standing::BetweenJobs {
                left,
                rehired: next.hire,
            };
        }
        changed = true;
        current = *next;
    }
    match current.end {
        Some(left) if left < on => Standing::Left { on: left },
        _ => Standing::Employed {
            changed_job: changed,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    /// An ordinary job left (if it ended) for another one.
    fn job(hire: Date, end: Option<Date>) -> Job {
        Job {
            hire,
            end,
            left_for_new_job: true,
            ordinary: true,
        }
    }

    #[test]
    fn fiscal_years_start_in_april() {
        let cases = [
            (date!(2026 - 04 - 01), 2026),
            (date!(2026 - 03 - 31), 2025),
            (date!(2027 - 03 - 31), 2026),
            (date!(2026 - 12 - 31), 2026),
            (date!(2027 - 01 - 01), 2026),
        ];
        for (d, fy) in cases {
            assert_eq!(fiscal_year_of(d), fy, "{d}");
        }
        assert_eq!(
            fiscal_year_bounds(2026),
            (date!(2026 - 04 - 01), date!(2027 - 03 - 31))
        );
    }

    /// domain.md §1.3: past 3 fiscal years, judged at the end of the previous one.
    #[test]
    fn the_basis_of_fiscal_year_2026() {
        assert_eq!(
            basis(2026),
            Basis {
                fiscal_year: 2026,
                served_from: date!(2023 - 04 - 01),
                as_of: date!(2026 - 03 - 31),
            }
        );
    }

    /// domain.md §1.3 and the Q&A of 2018-12-17: one change of job with re-employment within
    /// a month counts as employed; a second change or a longer gap does not.
    #[test]
    fn standing_on_the_last_day_of_march() {
        let on = date!(2026 - 03 - 31);
        let d = |y, m, day| Date::from_calendar_date(y, Month::try_from(m).unwrap(), day).unwrap();
        let cases: Vec<(&str, Vec<Job>, Standing)> = vec![
            ("no job", vec![], Standing::NotHired),
            (
                "hired after the day",
                vec![job(d(2026, 4, 1), None)],
                Standing::NotHired,
            ),
            (
                "still in the first job",
                vec![job(d(2024, 4, 1), None)],
                Standing::Employed { changed_job: false },
            ),
            (
                "left on the day itself is still employed that day",
                vec![job(d(2024, 4, 1), Some(on))],
                Standing::Employed { changed_job: false },
            ),
            (
                "left the day before",
                vec![job(d(2024, 4, 1), Some(d(2026, 3, 30)))],
                Standing::Left { on: d(2026, 3, 30) },
            ),
            (
                "one change, re-employed after 10 days",
                vec![
                    job(d(2024, 4, 1), Some(d(2025, 6, 20))),
                    job(d(2025, 6, 30), None),
                ],
                Standing::Employed { changed_job: true },
            ),
            (
                "one change, re-employed exactly one month later",
                vec![
                    job(d(2024, 4, 1), Some(d(2025, 6, 20))),
                    job(d(2025, 7, 20), None),
                ],
                Standing::Employed { changed_job: true },
            ),
            (
                "one change, re-employed one month and a day later",
                vec![
                    job(d(2024, 4, 1), Some(d(2025, 6, 20))),
                    job(d(2025, 7, 21), None),
                ],
                Standing::ChainBroken { on: d(2025, 6, 20) },
            ),
            (
                "between jobs on the day, rehired within a month",
                vec![
                    job(d(2024, 4, 1), Some(d(2026, 3, 15))),
                    job(d(2026, 4, 10), None),
                ],
                Standing::BetweenJobs {
                    left: d(2026, 3, 15),
                    rehired: d(2026, 4, 10),
                },
            ),
            (
                "between jobs on the day, rehired too late",
                vec![
                    job(d(2024, 4, 1), Some(d(2026, 3, 15))),
                    job(d(2026, 5, 10), None),
                ],
                Standing::Left { on: d(2026, 3, 15) },
            ),
            (
                "second change breaks it even when quick",
                vec![
                    job(d(2024, 4, 1), Some(d(2024, 9, 30))),
                    job(d(2024, 10, 1), Some(d(2025, 5, 31))),
                    job(d(2025, 6, 1), None),
                ],
                Standing::ChainBroken { on: d(2025, 5, 31) },
            ),
            (
                "second job alongside the first is not a change",
                vec![job(d(2024, 4, 1), None), job(d(2025, 4, 1), None)],
                Standing::Employed { changed_job: false },
            ),
            (
                "the changed job then ended",
                vec![
                    job(d(2024, 4, 1), Some(d(2024, 9, 30))),
                    job(d(2024, 10, 15), Some(d(2026, 1, 31))),
                ],
                Standing::Left { on: d(2026, 1, 31) },
            ),
        ];
        for (what, jobs, expected) in cases {
            let s = standing_on(&jobs, on);
            assert_eq!(s, expected, "{what}");
        }
        assert!(Standing::Employed { changed_job: true }.retained());
        assert!(
            Standing::BetweenJobs {
                left: on,
                rehired: on
            }
            .retained()
        );
        assert!(!Standing::Left { on }.retained());
        assert!(!Standing::ChainBroken { on }.retained());
        assert!(!Standing::NotHired.retained());
    }

    /// Issue 19, scenario 4 (domain.md §1.3, Q&A 2018-12-17): only a move to ordinary
    /// employment, re-employed within one month of leaving for it, is the allowed change.
    /// 転職 with a hire on 2025-06-30 after leaving on 2025-06-20, judged on 2026-03-31.
    #[test]
    fn only_a_change_to_ordinary_employment_counts() {
        let on = date!(2026 - 03 - 31);
        let first = |left_for_new_job| Job {
            hire: date!(2024 - 04 - 01),
            end: Some(date!(2025 - 06 - 20)),
            left_for_new_job,
            ordinary: true,
        };
        let next = |ordinary| Job {
            hire: date!(2025 - 06 - 30),
            end: None,
            left_for_new_job: false,
            ordinary,
        };
        // (what, left for a new job, next job ordinary, standing)
        let cases = [
            (
                "転職 to an ordinary employer",
                true,
                true,
                Standing::Employed { changed_job: true },
            ),
            (
                "dismissed, then work at an A型 office",
                false,
                false,
                Standing::ChangeNotCounted {
                    on: date!(2025 - 06 - 20),
                },
            ),
            (
                "dismissed, then an ordinary employer",
                false,
                true,
                Standing::ChangeNotCounted {
                    on: date!(2025 - 06 - 20),
                },
            ),
            (
                "転職, but to an A型 office",
                true,
                false,
                Standing::ChangeNotCounted {
                    on: date!(2025 - 06 - 20),
                },
            ),
        ];
        for (what, left_for_new_job, ordinary, expected) in cases {
            let s = standing_on(&[first(left_for_new_job), next(ordinary)], on);
            assert_eq!(s, expected, "{what}");
            assert_eq!(s.retained(), expected.retained(), "{what}");
        }
        assert!(
            !Standing::ChangeNotCounted {
                on: date!(2025 - 06 - 20)
            }
            .retained()
        );
        // Dismissed on 2026-03-15 and not yet in the next job on the day: left.
        let dismissed = Job {
            hire: date!(2024 - 04 - 01),
            end: Some(date!(2026 - 03 - 15)),
            left_for_new_job: false,
            ordinary: true,
        };
        let later = Job {
            hire: date!(2026 - 04 - 01),
            ..next(true)
        };
        assert_eq!(
            standing_on(&[dismissed, later], on),
            Standing::Left {
                on: date!(2026 - 03 - 15)
            }
        );
    }
}
