//! The office's client list (#13): which clients a status filter shows, said as a range of
//! base dates (the first employment's return-to-work date, else its hire date) that the
//! store compares in SQL, so that the list can be read a page at a time in ふりがな order
//! instead of read whole and filtered here.
//!
//! A client's stage on a day depends only on that base date (`rules::period::service_window`,
//! domain.md §4), and every boundary of the window moves forward with it, so each stage is
//! one range of base dates: the oldest bases have ended, then come the last 6 months, then
//! the period, and the newest are still in the 6 months before it starts. The ranges are
//! found by bisection over the rule itself and checked against it day by day below.

use time::Date;

use crate::domain::rules::period::{ServiceStage, months_from, service_window};

/// What the list shows, from the query string's `status`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Show {
    /// Every client (the default, as the list always showed).
    All,
    /// Every client whose period has not ended: before the start, in the period, in its
    /// last 6 months, and those with no employment recorded yet.
    Current,
    /// One stage; `Ended` is the former clients (元利用者).
    Stage(ServiceStage),
    /// No employment recorded.
    NoEmployment,
}

impl Show {
    /// The choices of the filter, in the order people think of them: (code, i18n key).
    pub const CHOICES: [(&'static str, &'static str); 6] = [
        ("current", "client.show.current"),
        ("ended", "client.show.ended"),
        ("before_start", "stage.before_start"),
        ("active", "stage.active"),
        ("ending_soon", "stage.ending_soon"),
        ("no_employment", "stage.no_employment"),
    ];

    /// An unknown value shows every client, as "" does.
    pub fn parse(code: &str) -> Show {
        match code {
            "current" => Show::Current,
            "ended" => Show::Stage(ServiceStage::Ended),
            "before_start" => Show::Stage(ServiceStage::BeforeStart),
            "active" => Show::Stage(ServiceStage::Active),
            "ending_soon" => Show::Stage(ServiceStage::EndingSoon),
            "no_employment" => Show::NoEmployment,
            _ => Show::All,
        }
    }

    /// The clients shown on `today`, as a condition on the base date.
    pub fn condition(self, today: Date) -> Condition {
        let b = Bounds::on(today);
        let after = |d: Date| d.next_day();
        match self {
            Show::All => Condition::Any,
            Show::NoEmployment => Condition::NoEmployment,
            Show::Current => Condition::Base {
                from: after(b.ended_last),
                to: None,
                or_no_employment: true,
            },
            Show::Stage(ServiceStage::Ended) => Condition::Base {
                from: None,
                to: Some(b.ended_last),
                or_no_employment: false,
            },
            Show::Stage(ServiceStage::EndingSoon) => Condition::Base {
                from: after(b.ended_last),
                to: Some(b.ending_soon_last),
                or_no_employment: false,
            },
            Show::Stage(ServiceStage::Active) => Condition::Base {
                from: after(b.ending_soon_last),
                to: b.before_start_first.previous_day(),
                or_no_employment: false,
            },
            Show::Stage(ServiceStage::BeforeStart) => Condition::Base {
                from: Some(b.before_start_first),
                to: None,
                or_no_employment: false,
            },
        }
    }
}

/// Which clients a filter keeps, for the store's SQL.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Condition {
    Any,
    NoEmployment,
    /// A base date in `from..=to` (an end that is `None` is open), or no employment at all
    /// when `or_no_employment`.
    Base {
        from: Option<Date>,
        to: Option<Date>,
        or_no_employment: bool,
    },
}

/// The base dates where the stage changes on one day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Bounds {
    /// The newest base whose period ended before `today`.
    ended_last: Date,
    /// The newest base whose last day is within the 6 months counted from `today`.
    ending_soon_last: Date,
    /// The oldest base whose period has not started on `today`.
    before_start_first: Date,
}

impl Bounds {
    /// As `rules::period::stage_on` decides, for every base date at once.
    fn on(today: Date) -> Bounds {
        let soon = months_from(today, 6).last_day;
        let end = |b: Date| service_window(b, None).latest_end;
        let start = |b: Date| service_window(b, None).earliest_start;
        Bounds {
            ended_last: last_where(today, |b| end(b) < today),
            ending_soon_last: last_where(today, |b| end(b) <= soon),
            before_start_first: last_where(today, |b| start(b) <= today)
                .next_day()
                .unwrap_or(Date::MAX),
        }
    }
}

/// The latest base date for which `holds` is true, where `holds` is true for every base
/// date up to some day and false after it (the window's days move forward with the base).
/// The answer lies within 4 years of `today` either way (the window is 42 months long).
fn last_where(today: Date, holds: impl Fn(Date) -> bool) -> Date {
    let (mut lo, mut hi) = (
        today.to_julian_day() - 4 * 366,
        today.to_julian_day() + 4 * 366,
    );
    let day = |n: i32| Date::from_julian_day(n).unwrap_or(today);
    // Invariant: holds(lo), !holds(hi).
    while hi - lo > 1 {
        let mid = lo + (hi - lo) / 2;
        if holds(day(mid)) {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    day(lo)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::rules::period::stage_on;
    use time::macros::date;

    fn keeps(c: Condition, base: Option<Date>) -> bool {
        match (c, base) {
            (Condition::Any, _) => true,
            (Condition::NoEmployment, b) => b.is_none(),
            (
                Condition::Base {
                    or_no_employment, ..
                },
                None,
            ) => or_no_employment,
            (Condition::Base { from, to, .. }, Some(b)) => {
                from.is_none_or(|f| b >= f) && to.is_none_or(|t| b <= t)
            }
        }
    }

    /// Every base date from 4 years before to a year after each day, month ends and leap
    /// days among them, lands in the same stage by the ranges as by `stage_on` itself.
    #[test]
    fn the_ranges_agree_with_the_rule_day_by_day() {
        for today in [
            date!(2026 - 12 - 01),
            date!(2029 - 02 - 28),
            date!(2029 - 03 - 01),
            date!(2028 - 02 - 29),
            date!(2026 - 08 - 31),
            date!(2027 - 01 - 31),
        ] {
            let mut base = date!(2020 - 01 - 01).max(today - time::Duration::days(4 * 365));
            let last = today + time::Duration::days(365);
            while base <= last {
                let stage = stage_on(&service_window(base, None), today);
                for (code, _) in Show::CHOICES {
                    let show = Show::parse(code);
                    let expected = match show {
                        Show::Current => stage != ServiceStage::Ended,
                        Show::Stage(s) => s == stage,
                        Show::NoEmployment => false,
                        Show::All => true,
                    };
                    assert_eq!(
                        keeps(show.condition(today), Some(base)),
                        expected,
                        "{code} on {today}, base {base} ({stage:?})"
                    );
                }
                base = base.next_day().expect("a day");
            }
        }
    }

    /// domain.md §9 item 12: hired 2025-08-31, the period's last day is 2029-02-28, so the
    /// client is a former client from 2029-03-01 and not before.
    #[test]
    fn a_client_hired_on_2025_08_31_is_former_from_2029_03_01() {
        let ended = Show::parse("ended");
        let hired = Some(date!(2025 - 08 - 31));
        assert!(!keeps(ended.condition(date!(2029 - 02 - 28)), hired));
        assert!(keeps(ended.condition(date!(2029 - 03 - 01)), hired));
        assert!(keeps(
            Show::parse("current").condition(date!(2029 - 02 - 28)),
            hired
        ));
    }

    #[test]
    fn clients_without_employment() {
        let today = date!(2026 - 12 - 01);
        for (code, kept) in [
            ("", true),
            ("current", true),
            ("no_employment", true),
            ("ended", false),
            ("active", false),
            ("before_start", false),
            ("ending_soon", false),
            ("nonsense", true),
        ] {
            assert_eq!(
                keeps(Show::parse(code).condition(today), None),
                kept,
                "{code}"
            );
        }
    }
}
