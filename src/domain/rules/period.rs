//! The service period of 就労定着支援 (domain.md §4): when it may start after the hire (or the
//! return to work), how long a contract may run, and where a date falls in the period.
//!
//! Every period given in months is counted by [`months_from`], under 民法第140条・第143条
//! (shared/domain.md §9 item 12): a period of N months ends on the day before the day that
//! corresponds to its first day in the N-th month after; where that month has no such day
//! (the 29th–31st before a shorter month), it ends on that month's last day. "N months
//! after" a date is the day after such a period ([`MonthsPeriod::day_after`]), and "N months
//! before" a date is its inverse, [`months_before`]. How municipalities apply the rule to
//! month-end hires is UNCONFIRMED (item 12), so it lives in this one function and the dates
//! are shown to the user.

use time::{Date, Month};

/// A period of whole months: its first day (counted, 民法第140条) and its last day
/// (民法第143条).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MonthsPeriod {
    pub first_day: Date,
    pub last_day: Date,
}

impl MonthsPeriod {
    /// The day after the last day: the first day on which the months have passed.
    pub fn day_after(self) -> Date {
        self.last_day.next_day().unwrap_or(self.last_day)
    }
}

/// The period of `months` months whose first day is `first_day`, counted under 民法第143条
/// (shared/domain.md §9 item 12). It ends on the day before the day corresponding to
/// `first_day` in the last month (第2項: 2026-04-15 + 6 months ends on 2026-10-14; from the
/// 1st this is the end of the previous month, as 第1項 gives for a period counted from the
/// beginning of a month). Where the last month has no corresponding day, the period ends
/// on that month's last day (第2項ただし書: 2025-08-31 + 6 months ends on 2026-02-28, so
/// the months have passed on 2026-03-01).
///
/// The caller decides which day is the first: under 民法第140条 it is the day after the
/// event unless the period starts at the beginning of a day (a hire date, a contract's
/// first day). A result past the years `time` can represent saturates at `Date::MAX`.
pub fn months_from(first_day: Date, months: u32) -> MonthsPeriod {
    let last_day = match month_after(first_day, i64::from(months)) {
        None => Date::MAX,
        Some((year, month)) if first_day.day() <= month.length(year) => {
            // The corresponding day exists: the period ends the day before it.
            Date::from_calendar_date(year, month, first_day.day())
                .ok()
                .and_then(Date::previous_day)
                .unwrap_or(Date::MAX)
        }
        Some((year, month)) => {
            // No corresponding day: the last day of that month.
            Date::from_calendar_date(year, month, month.length(year)).unwrap_or(Date::MAX)
        }
    };
    MonthsPeriod {
        first_day,
        last_day,
    }
}

/// The latest day from which `months` months have passed by `day`: the latest `s` with
/// `months_from(s, months).day_after() <= day`, for "N months before" a date (the hand-over
/// 3 months before the end, domain.md §2.2). It is the same day of the month N months
/// earlier, or that month's last day when the month is shorter; the tests check it against
/// [`months_from`] day by day.
pub fn months_before(day: Date, months: u32) -> Date {
    i32::try_from(months).map_or(Date::MIN, |m| add_months(day, -m))
}

/// The year and month `n` months after `date`'s month, if `time` can represent it.
fn month_after(date: Date, n: i64) -> Option<(i32, Month)> {
    let index = i64::from(date.year()) * 12 + i64::from(u8::from(date.month())) - 1 + n;
    let year = i32::try_from(index.div_euclid(12)).ok()?;
    // rem_euclid(12) is 0..=11, so the month number is 1..=12.
    let month = Month::try_from(u8::try_from(index.rem_euclid(12) + 1).ok()?).ok()?;
    (Date::from_calendar_date(year, month, 1).is_ok()).then_some((year, month))
}

/// `date` moved by `n` calendar months, the day clamped to the target month's last day
/// (2026-08-31 + 6 = 2027-02-28). This is **not** a period: every legal period in months
/// is [`months_from`]. It serves where a date only has to fall in another month (demo and
/// benchmark data "about N months ago", stepping from one month's first day to the next),
/// and as the answer of [`months_before`]. A result outside the years `time` can represent
/// saturates at `Date::MIN` / `Date::MAX`.
pub fn add_months(date: Date, n: i32) -> Date {
    let saturated = if n < 0 { Date::MIN } else { Date::MAX };
    match month_after(date, i64::from(n)) {
        None => saturated,
        Some((year, month)) => {
            Date::from_calendar_date(year, month, date.day().min(month.length(year)))
                .unwrap_or(saturated)
        }
    }
}

/// When 就労定着支援 may run for one person (domain.md §4).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ServiceWindow {
    /// The day the 6 months are counted from: the return-to-work date after 休職, else the
    /// hire date (domain.md §4).
    pub base_date: Date,
    /// The day after the 6 months counted from the base date: the 送り出し事業所 supports
    /// the first 6 months after the hire, so 定着支援 starts in the 7th month (domain.md §4,
    /// "Before 定着支援 starts"; hired 2025-08-31 → 2026-03-01, §9 item 12).
    pub earliest_start: Date,
    /// The last day of the 42 months counted from the base date: the 6 months before the
    /// start plus at most 3 years of service (domain.md §4, "Maximum period: 3 years";
    /// hired 2025-08-31 → 2029-02-28, §9 item 12).
    pub latest_end: Date,
}

/// The window for a person hired on `hire_date`, counted from `return_to_work` instead when
/// they came back from 休職 (domain.md §4: "The 6 months is counted from the return to
/// work"). Work starts at the beginning of that day, so it is the first day counted
/// (民法第140条ただし書) and the periods run by [`months_from`] (民法第143条, §9 item 12).
pub fn service_window(hire_date: Date, return_to_work: Option<Date>) -> ServiceWindow {
    let base_date = return_to_work.unwrap_or(hire_date);
    ServiceWindow {
        base_date,
        earliest_start: months_from(base_date, 6).day_after(),
        latest_end: months_from(base_date, 6 + 36).last_day,
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

/// The last day of a contract starting on `start`: at most 3 years (the last day of the 36
/// months counted from `start`, 民法第143条) and never past the window's end (domain.md §4,
/// "3 years as a hard limit").
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
    Ok(months_from(start, 36).last_day.min(window.latest_end))
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

/// The stage on `date`. "Ending soon" is the last 6 months: the 6 months counted from
/// `date` reach the last day.
pub fn stage_on(window: &ServiceWindow, date: Date) -> ServiceStage {
    if date < window.earliest_start {
        ServiceStage::BeforeStart
    } else if date > window.latest_end {
        ServiceStage::Ended
    } else if months_from(date, 6).last_day >= window.latest_end {
        ServiceStage::EndingSoon
    } else {
        ServiceStage::Active
    }
}

/// The last day to start sharing information with the employer and the agencies who take
/// over: 3 months before the end (domain.md §2.2 支援体制構築未実施減算, (ロ) "started ≥3
/// months before the support period ends"), the latest day from which 3 months
/// ([`months_from`]) have passed by the last day (hired 2025-08-31: last day 2029-02-28,
/// hand-over by 2028-11-28).
pub fn handover_due(window: &ServiceWindow) -> Date {
    months_before(window.latest_end, 3)
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    /// 民法第143条 (shared/domain.md §9 item 12): a month counted from every day from the 28th
    /// to the 31st of every month, in a common year (2025, February has 28 days) and a leap
    /// year (2028, February has 29). The period ends the day before the corresponding day;
    /// where the next month has no such day, on its last day; "—" is a day the month lacks.
    #[test]
    fn one_month_from_the_28th_to_the_31st() {
        // (first month, last day of the month counted from the 28th, 29th, 30th, 31st)
        #[rustfmt::skip]
        let table: [(&str, [&str; 4]); 24] = [
            ("2025-01", ["2025-02-27", "2025-02-28", "2025-02-28", "2025-02-28"]),
            ("2025-02", ["2025-03-27", "—", "—", "—"]),
            ("2025-03", ["2025-04-27", "2025-04-28", "2025-04-29", "2025-04-30"]),
            ("2025-04", ["2025-05-27", "2025-05-28", "2025-05-29", "—"]),
            ("2025-05", ["2025-06-27", "2025-06-28", "2025-06-29", "2025-06-30"]),
            ("2025-06", ["2025-07-27", "2025-07-28", "2025-07-29", "—"]),
            ("2025-07", ["2025-08-27", "2025-08-28", "2025-08-29", "2025-08-30"]),
            ("2025-08", ["2025-09-27", "2025-09-28", "2025-09-29", "2025-09-30"]),
            ("2025-09", ["2025-10-27", "2025-10-28", "2025-10-29", "—"]),
            ("2025-10", ["2025-11-27", "2025-11-28", "2025-11-29", "2025-11-30"]),
            ("2025-11", ["2025-12-27", "2025-12-28", "2025-12-29", "—"]),
            ("2025-12", ["2026-01-27", "2026-01-28", "2026-01-29", "2026-01-30"]),
            ("2028-01", ["2028-02-27", "2028-02-28", "2028-02-29", "2028-02-29"]),
            ("2028-02", ["2028-03-27", "2028-03-28", "—", "—"]),
            ("2028-03", ["2028-04-27", "2028-04-28", "2028-04-29", "2028-04-30"]),
            ("2028-04", ["2028-05-27", "2028-05-28", "2028-05-29", "—"]),
            ("2028-05", ["2028-06-27", "2028-06-28", "2028-06-29", "2028-06-30"]),
            ("2028-06", ["2028-07-27", "2028-07-28", "2028-07-29", "—"]),
            ("2028-07", ["2028-08-27", "2028-08-28", "2028-08-29", "2028-08-30"]),
            ("2028-08", ["2028-09-27", "2028-09-28", "2028-09-29", "2028-09-30"]),
            ("2028-09", ["2028-10-27", "2028-10-28", "2028-10-29", "—"]),
            ("2028-10", ["2028-11-27", "2028-11-28", "2028-11-29", "2028-11-30"]),
            ("2028-11", ["2028-12-27", "2028-12-28", "2028-12-29", "—"]),
            ("2028-12", ["2029-01-27", "2029-01-28", "2029-01-29", "2029-01-30"]),
        ];
        let format = time::macros::format_description!("[year]-[month]-[day]");
        for (month, ends) in table {
            for (day, expected) in (28..=31).zip(ends) {
                let first = Date::parse(&format!("{month}-{day}"), &format);
                let Ok(first) = first else {
                    assert_eq!(expected, "—", "{month}-{day} exists");
                    continue;
                };
                let expected = Date::parse(expected, &format).expect("a date in the table");
                let p = months_from(first, 1);
                assert_eq!(p.first_day, first);
                assert_eq!(p.last_day, expected, "1 month from {first}");
                assert_eq!(p.day_after(), expected.next_day().unwrap(), "{first}");
            }
        }
    }

    /// 民法第143条 over longer periods (shared/domain.md §9 item 12): the 6 and 42 months of
    /// the service window and the 12 and 36 months of decision periods and contracts, from
    /// month ends and 2/29, and ordinary days for contrast.
    #[test]
    fn months_from_month_ends_and_leap_days() {
        // (first day, months, last day, day after)
        let cases = [
            // The issue's example: hired 2025-08-31 (2026-02-31 and 2029-02-31 do not exist).
            (
                date!(2025 - 08 - 31),
                6,
                date!(2026 - 02 - 28),
                date!(2026 - 03 - 01),
            ),
            (
                date!(2025 - 08 - 31),
                42,
                date!(2029 - 02 - 28),
                date!(2029 - 03 - 01),
            ),
            (
                date!(2025 - 08 - 30),
                6,
                date!(2026 - 02 - 28),
                date!(2026 - 03 - 01),
            ),
            (
                date!(2025 - 08 - 29),
                6,
                date!(2026 - 02 - 28),
                date!(2026 - 03 - 01),
            ),
            (
                date!(2025 - 08 - 28),
                6,
                date!(2026 - 02 - 27),
                date!(2026 - 02 - 28),
            ),
            // Into a leap February: 2028-02-29 exists.
            (
                date!(2027 - 08 - 31),
                6,
                date!(2028 - 02 - 29),
                date!(2028 - 03 - 01),
            ),
            (
                date!(2027 - 08 - 30),
                6,
                date!(2028 - 02 - 29),
                date!(2028 - 03 - 01),
            ),
            (
                date!(2027 - 08 - 29),
                6,
                date!(2028 - 02 - 28),
                date!(2028 - 02 - 29),
            ),
            (
                date!(2027 - 08 - 31),
                42,
                date!(2031 - 02 - 28),
                date!(2031 - 03 - 01),
            ),
            (
                date!(2024 - 08 - 29),
                42,
                date!(2028 - 02 - 28),
                date!(2028 - 02 - 29),
            ),
            (
                date!(2024 - 08 - 30),
                42,
                date!(2028 - 02 - 29),
                date!(2028 - 03 - 01),
            ),
            // From 2/29: a year later has no 2/29, four years later has.
            (
                date!(2028 - 02 - 29),
                12,
                date!(2029 - 02 - 28),
                date!(2029 - 03 - 01),
            ),
            (
                date!(2028 - 02 - 29),
                36,
                date!(2031 - 02 - 28),
                date!(2031 - 03 - 01),
            ),
            (
                date!(2028 - 02 - 29),
                48,
                date!(2032 - 02 - 28),
                date!(2032 - 02 - 29),
            ),
            (
                date!(2028 - 02 - 28),
                12,
                date!(2029 - 02 - 27),
                date!(2029 - 02 - 28),
            ),
            // Other short months, and a year boundary.
            (
                date!(2026 - 12 - 31),
                2,
                date!(2027 - 02 - 28),
                date!(2027 - 03 - 01),
            ),
            (
                date!(2026 - 11 - 30),
                3,
                date!(2027 - 02 - 28),
                date!(2027 - 03 - 01),
            ),
            (
                date!(2026 - 05 - 31),
                4,
                date!(2026 - 09 - 30),
                date!(2026 - 10 - 01),
            ),
            // Ordinary days: the day before the same day; from the 1st, the previous month's
            // end (民法第143条第1項).
            (
                date!(2026 - 04 - 15),
                6,
                date!(2026 - 10 - 14),
                date!(2026 - 10 - 15),
            ),
            (
                date!(2026 - 04 - 01),
                6,
                date!(2026 - 09 - 30),
                date!(2026 - 10 - 01),
            ),
            (
                date!(2026 - 03 - 01),
                36,
                date!(2029 - 02 - 28),
                date!(2029 - 03 - 01),
            ),
            (
                date!(2026 - 10 - 15),
                6,
                date!(2027 - 04 - 14),
                date!(2027 - 04 - 15),
            ),
        ];
        for (first, months, last, after) in cases {
            let p = months_from(first, months);
            assert_eq!(p.last_day, last, "{months} months from {first}");
            assert_eq!(p.day_after(), after, "{months} months from {first}");
        }
    }

    #[test]
    fn months_from_saturates_instead_of_panicking() {
        assert_eq!(months_from(Date::MAX, 1).last_day, Date::MAX);
        assert_eq!(
            months_from(date!(2026 - 01 - 01), u32::MAX).last_day,
            Date::MAX
        );
        assert_eq!(months_before(Date::MIN, 1), Date::MIN);
        assert_eq!(months_before(date!(2026 - 01 - 01), u32::MAX), Date::MIN);
    }

    /// `months_before` is the inverse of `months_from`, checked on every day of 2027–2029
    /// (a leap February in the middle).
    #[test]
    fn months_before_is_the_latest_start_that_has_passed() {
        let mut day = date!(2027 - 01 - 01);
        while day <= date!(2029 - 12 - 31) {
            for months in [1, 3, 6, 12] {
                let s = months_before(day, months);
                assert!(
                    months_from(s, months).day_after() <= day,
                    "{months} before {day}"
                );
                let next = s.next_day().unwrap();
                assert!(
                    months_from(next, months).day_after() > day,
                    "{months} before {day}"
                );
            }
            day = day.next_day().unwrap();
        }
    }

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

    /// domain.md §4 counted under 民法第143条 (§9 item 12): the start is the day after the 6
    /// months from the hire, the end the last day of the 42 months.
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
            // The issue's example.
            (
                date!(2025 - 08 - 31),
                date!(2026 - 03 - 01),
                date!(2029 - 02 - 28),
            ),
            (
                date!(2025 - 08 - 28),
                date!(2026 - 02 - 28),
                date!(2029 - 02 - 27),
            ),
            (
                date!(2026 - 08 - 31),
                date!(2027 - 03 - 01),
                date!(2030 - 02 - 28),
            ),
            (
                date!(2027 - 08 - 31),
                date!(2028 - 03 - 01),
                date!(2031 - 02 - 28),
            ),
            (
                date!(2027 - 08 - 29),
                date!(2028 - 02 - 29),
                date!(2031 - 02 - 28),
            ),
            (
                date!(2028 - 02 - 29),
                date!(2028 - 08 - 29),
                date!(2031 - 08 - 28),
            ),
            (
                date!(2024 - 08 - 29),
                date!(2025 - 03 - 01),
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
            date!(2025 - 08 - 31),
            date!(2026 - 08 - 31),
            date!(2027 - 08 - 29),
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
        // Month-end hires (民法第143条, §9 item 12): the last day moves to the month's end and
        // the hand-over date with it; the last 6 months begin the day after 6 months before.
        let issue = service_window(date!(2025 - 08 - 31), None);
        assert_eq!(handover_due(&issue), date!(2028 - 11 - 28));
        assert_eq!(
            stage_on(&issue, date!(2028 - 08 - 28)),
            ServiceStage::Active
        );
        assert_eq!(
            stage_on(&issue, date!(2028 - 08 - 29)),
            ServiceStage::EndingSoon
        );
        assert_eq!(
            stage_on(&issue, date!(2026 - 02 - 28)),
            ServiceStage::BeforeStart
        );
        assert_eq!(
            stage_on(&issue, date!(2026 - 03 - 01)),
            ServiceStage::Active
        );
        let leap = service_window(date!(2027 - 08 - 31), None);
        assert_eq!(leap.latest_end, date!(2031 - 02 - 28));
        assert_eq!(handover_due(&leap), date!(2030 - 11 - 28));
    }
}
