//! The service period of 就労定着支援 (domain.md §4): when it may start after the hire (or the
//! return to work), how long a contract may run, and where a date falls in the period.
//!
//! Month arithmetic clamps to the month's end (see [`add_months`]). domain.md gives the
//! periods in months but no rule for a day that the target month lacks; clamping is the
//! convention chosen here and is tested with 1/31, 8/31 and 2/29 dates.

use time::{Date, Month};

/// `date` moved by `n` calendar months. When the target month is shorter than `date`'s
/// day, the day becomes that month's last day: 2026-08-31 + 6 months = 2027-02-28, and
/// 2027-08-31 + 6 months = 2028-02-29 (2028 is a leap year). A result outside the years
/// `time` can represent saturates at `Date::MIN` / `Date::MAX`.
pub fn add_months(date: Date, n: i32) -> Date {
    let index = i64::from(date.year()) * 12 + i64::from(u8::from(date.month())) - 1 + i64::from(n);
    let saturated = if n < 0 { Date::MIN } else { Date::MAX };
    let Ok(year) = i32::try_from(index.div_euclid(12)) else {
        return saturated;
    };
    // rem_euclid(12) is 0..=11, so the month number is 1..=12.
    let Ok(month) = Month::try_from(index.rem_euclid(12) as u8 + 1) else {
        return saturated;
    };
    let day = date.day().min(month.length(year));
    Date::from_calendar_date(year, month, day).unwrap_or(saturated)
}

/// The day before `date` (`Date::MIN` stays itself).
fn day_before(date: Date) -> Date {
    date.previous_day().unwrap_or(date)
}

/// When 就労定着支援 may run for one person (domain.md §4).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ServiceWindow {
    /// The day the 6 months are counted from: the return-to-work date after 休職, else the
    /// hire date (domain.md §4).
    pub base_date: Date,
    /// base + 6 months: the 送り出し事業所 supports the first 6 months after the hire, so
    /// 定着支援 starts in the 7th month (domain.md §4, "Before 定着支援 starts").
    pub earliest_start: Date,
    /// base + 42 months − 1 day: the 6 months before the start plus at most 3 years of
    /// service (domain.md §4, "Maximum period: 3 years").
    pub latest_end: Date,
}

/// The window for a person hired on `hire_date`, counted from `return_to_work` instead when
/// they came back from 休職 (domain.md §4: "The 6 months is counted from the return to
/// work").
pub fn service_window(hire_date: Date, return_to_work: Option<Date>) -> ServiceWindow {
    let base_date = return_to_work.unwrap_or(hire_date);
    ServiceWindow {
        base_date,
        earliest_start: add_months(base_date, 6),
        latest_end: day_before(add_months(base_date, 6 + 36)),
    }
}

/// A contract start that the window does not allow.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum PeriodError {
    /// Before the first 6 months after the hire are over (domain.md §4).
    #[error("the service cannot start before {earliest_start}")]
    TooEarly { earliest_start: Date },
    /// After the last day the service may run (domain.md §4).
    #[error("the service period ended on {latest_end}")]
    TooLate { latest_end: Date },
}

/// The last day of a contract starting on `start`: at most 3 years (start + 36 months − 1
/// day) and never past the window's end (domain.md §4, "3 years as a hard limit").
pub fn contract_end(window: &ServiceWindow, start: Date) -> Result<Date, PeriodError> {
    if start < window.earliest_start {
        return Err(PeriodError::TooEarly {
            earliest_start: window.earliest_start,
        });
    }
    if start > window.latest_end {
        return Err(PeriodError::TooLate {
            latest_end: window.latest_end,
        });
    }
    Ok(day_before(add_months(start, 36)).min(window.latest_end))
}

/// Where a date falls in the window.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ServiceStage {
    /// Still in the first 6 months after the hire (domain.md §4).
    BeforeStart,
    Active,
    /// In the last 6 months: time to prepare the hand-over, which must start at least 3
    /// months before the end (domain.md §2.2 支援体制構築未実施減算).
    EndingSoon,
    /// After the last day (domain.md §4).
    Ended,
}

impl ServiceStage {
    pub fn code(self) -> &'static str {
        match self {
            ServiceStage::BeforeStart => "before_start",
            ServiceStage::Active => "active",
            ServiceStage::EndingSoon => "ending_soon",
            ServiceStage::Ended => "ended",
        }
    }

    pub fn label_ja(self) -> &'static str {
        match self {
            ServiceStage::BeforeStart => "利用開始前",
            ServiceStage::Active => "利用期間中",
            ServiceStage::EndingSoon => "終了6か月前以内",
            ServiceStage::Ended => "利用期間終了",
        }
    }
}

/// The stage on `date`. "Ending soon" is the last 6 months: `date` after `latest_end − 6
/// months`.
pub fn stage_on(window: &ServiceWindow, date: Date) -> ServiceStage {
    if date < window.earliest_start {
        ServiceStage::BeforeStart
    } else if date > window.latest_end {
        ServiceStage::Ended
    } else if date > add_months(window.latest_end, -6) {
        ServiceStage::EndingSoon
    } else {
        ServiceStage::Active
    }
}

/// The last day to start sharing information with the employer and the agencies who take
/// over: 3 months before the end (domain.md §2.2 支援体制構築未実施減算, (ロ) "started ≥3
/// months before the support period ends").
pub fn handover_due(window: &ServiceWindow) -> Date {
    add_months(window.latest_end, -3)
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn add_months_clamps_to_the_end_of_the_month() {
        let cases = [
            // Month ends and leap years.
            (date!(2026 - 08 - 31), 6, date!(2027 - 02 - 28)),
            (date!(2027 - 08 - 31), 6, date!(2028 - 02 - 29)),
            (date!(2026 - 01 - 31), 1, date!(2026 - 02 - 28)),
            (date!(2028 - 01 - 31), 1, date!(2028 - 02 - 29)),
            (date!(2026 - 01 - 31), 3, date!(2026 - 04 - 30)),
            (date!(2028 - 02 - 29), 12, date!(2029 - 02 - 28)),
            (date!(2028 - 02 - 29), 48, date!(2032 - 02 - 29)),
            (date!(2028 - 02 - 29), 6, date!(2028 - 08 - 29)),
            // Ordinary days and year boundaries.
            (date!(2026 - 04 - 15), 6, date!(2026 - 10 - 15)),
            (date!(2026 - 10 - 15), 6, date!(2027 - 04 - 15)),
            (date!(2026 - 12 - 01), 1, date!(2027 - 01 - 01)),
            (date!(2026 - 04 - 15), 0, date!(2026 - 04 - 15)),
            // Backwards.
            (date!(2027 - 03 - 31), -1, date!(2027 - 02 - 28)),
            (date!(2030 - 02 - 27), -6, date!(2029 - 08 - 27)),
            (date!(2026 - 01 - 15), -1, date!(2025 - 12 - 15)),
            (date!(2026 - 01 - 15), -13, date!(2024 - 12 - 15)),
        ];
        for (from, n, expected) in cases {
            assert_eq!(add_months(from, n), expected, "{from} + {n} months");
        }
    }

    #[test]
    fn add_months_saturates_instead_of_panicking() {
        assert_eq!(add_months(Date::MAX, 1), Date::MAX);
        assert_eq!(add_months(Date::MIN, -1), Date::MIN);
        assert_eq!(add_months(date!(2026 - 01 - 01), i32::MAX), Date::MAX);
        assert_eq!(add_months(date!(2026 - 01 - 01), i32::MIN), Date::MIN);
    }

    /// domain.md §4: start = base + 6 months; end = base + 42 months − 1 day.
    #[test]
    fn window_from_the_hire_date() {
        let cases = [
            // hire, earliest start, latest end
            (
                date!(2026 - 04 - 01),
                date!(2026 - 10 - 01),
                date!(2029 - 09 - 30),
            ),
            (
                date!(2026 - 01 - 31),
                date!(2026 - 07 - 31),
                date!(2029 - 07 - 30),
            ),
            (
                date!(2026 - 08 - 31),
                date!(2027 - 02 - 28),
                date!(2030 - 02 - 27),
            ),
            (
                date!(2027 - 08 - 31),
                date!(2028 - 02 - 29),
                date!(2031 - 02 - 27),
            ),
            (
                date!(2028 - 02 - 29),
                date!(2028 - 08 - 29),
                date!(2031 - 08 - 28),
            ),
            (
                date!(2024 - 08 - 29),
                date!(2025 - 02 - 28),
                date!(2028 - 02 - 28),
            ),
        ];
        for (hire, start, end) in cases {
            let w = service_window(hire, None);
            assert_eq!(w.base_date, hire);
            assert_eq!(w.earliest_start, start, "start for {hire}");
            assert_eq!(w.latest_end, end, "end for {hire}");
        }
    }

    /// domain.md §4: after 休職 the 6 months count from the return to work.
    #[test]
    fn window_from_the_return_to_work() {
        let w = service_window(date!(2020 - 04 - 01), Some(date!(2026 - 01 - 31)));
        assert_eq!(w.base_date, date!(2026 - 01 - 31));
        assert_eq!(w.earliest_start, date!(2026 - 07 - 31));
        assert_eq!(w.latest_end, date!(2029 - 07 - 30));
    }

    /// domain.md §4: at most 3 years, never past the window.
    #[test]
    fn contract_end_is_three_years_within_the_window() {
        let w = service_window(date!(2026 - 04 - 01), None);
        let cases = [
            (date!(2026 - 10 - 01), Ok(date!(2029 - 09 - 30))),
            (date!(2027 - 01 - 15), Ok(date!(2029 - 09 - 30))),
            (date!(2029 - 09 - 30), Ok(date!(2029 - 09 - 30))),
            (
                date!(2026 - 09 - 30),
                Err(PeriodError::TooEarly {
                    earliest_start: date!(2026 - 10 - 01),
                }),
            ),
            (
                date!(2029 - 10 - 01),
                Err(PeriodError::TooLate {
                    latest_end: date!(2029 - 09 - 30),
                }),
            ),
        ];
        for (start, expected) in cases {
            assert_eq!(contract_end(&w, start), expected, "start {start}");
        }
        // Month-end and leap-year hires: the contract starting on the first allowed day ends
        // on the window's last day.
        for hire in [
            date!(2026 - 01 - 31),
            date!(2026 - 08 - 31),
            date!(2027 - 08 - 31),
            date!(2028 - 02 - 29),
        ] {
            let w = service_window(hire, None);
            assert_eq!(
                contract_end(&w, w.earliest_start),
                Ok(w.latest_end),
                "{hire}"
            );
        }
    }

    #[test]
    fn stages_and_the_handover_date() {
        // Window 2026-10-01 ..= 2029-09-30; the last 6 months begin after 2029-03-30.
        let w = service_window(date!(2026 - 04 - 01), None);
        let cases = [
            (date!(2026 - 09 - 30), ServiceStage::BeforeStart),
            (date!(2026 - 10 - 01), ServiceStage::Active),
            (date!(2029 - 03 - 30), ServiceStage::Active),
            (date!(2029 - 03 - 31), ServiceStage::EndingSoon),
            (date!(2029 - 09 - 30), ServiceStage::EndingSoon),
            (date!(2029 - 10 - 01), ServiceStage::Ended),
        ];
        for (on, expected) in cases {
            assert_eq!(stage_on(&w, on), expected, "{on}");
        }
        // domain.md §2.2: the hand-over starts at least 3 months before the end.
        assert_eq!(handover_due(&w), date!(2029 - 06 - 30));
        let leap = service_window(date!(2027 - 08 - 31), None);
        assert_eq!(leap.latest_end, date!(2031 - 02 - 27));
        assert_eq!(handover_due(&leap), date!(2030 - 11 - 27));
    }
}
