//! The month close: from the 1st of a month to the 国保連 deadline, last month's unfinished
//! records (contacts, reports, shares) come first, because they decide last month's claim.
//! The window is a function of `today` alone; what is unfinished is decided by
//! [`super::compliance`] with the claim's own rules.

use time::{Date, Duration, Weekday};

use super::month::YearMonth;

/// The day of the month by which a month's claim goes to the 国保連: the 10th of the
/// following month (domain.md §7.3, "Claims are due by the 10th of the following month: a
/// common practice, UNCONFIRMED"). domain.md names no rule that moves the deadline when the
/// 10th is a weekend or a holiday, so it does not move here either.
pub const DEADLINE_DAY: u8 = 10;

/// Last month's close, while it is open.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Close {
    /// The month being closed (the service month).
    pub month: YearMonth,
    /// The day the claim is due at the 国保連.
    pub deadline: Date,
    /// Days from today to the deadline (0 on the day itself).
    pub days_left: i64,
}

/// Last month's close from the 1st to the deadline (both included); `None` after it.
pub fn window(today: Date) -> Option<Close> {
    if today.day() > DEADLINE_DAY {
        return None;
    }
    let deadline = today.replace_day(DEADLINE_DAY).ok()?;
    Some(Close {
        month: YearMonth::of(today).previous(),
        deadline,
        days_left: (deadline - today).whole_days(),
    })
}

/// Today and the last day of this week (Sunday): the span of "this week's" planned visits.
pub fn this_week(today: Date) -> (Date, Date) {
    let to_sunday = 6 - i64::from(today.weekday().number_days_from_monday());
    (today, today + Duration::days(to_sunday))
}

/// Is `day` a Saturday or a Sunday (shown beside a deadline that falls on one)?
pub fn is_weekend(day: Date) -> bool {
    matches!(day.weekday(), Weekday::Saturday | Weekday::Sunday)
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    /// domain.md §7.3: due by the 10th of the following month (UNCONFIRMED, not moved for
    /// weekends or holidays because domain.md names no such rule).
    #[test]
    fn the_close_runs_from_the_first_to_the_tenth() {
        let ym = |s: &str| YearMonth::parse(s).unwrap();
        let table = [
            // (today, Some((closing month, deadline, days left)))
            (
                date!(2026 - 12 - 01),
                Some((ym("2026-11"), date!(2026 - 12 - 10), 9)),
            ),
            (
                date!(2026 - 12 - 09),
                Some((ym("2026-11"), date!(2026 - 12 - 10), 1)),
            ),
            (
                date!(2026 - 12 - 10),
                Some((ym("2026-11"), date!(2026 - 12 - 10), 0)),
            ),
            (date!(2026 - 12 - 11), None),
            (date!(2026 - 12 - 31), None),
            // Across the year: December closes in January.
            (
                date!(2027 - 01 - 01),
                Some((ym("2026-12"), date!(2027 - 01 - 10), 9)),
            ),
            // 2027-01-10 is a Sunday and 2027-01-11 a holiday (成人の日): still the 10th.
            (
                date!(2027 - 01 - 10),
                Some((ym("2026-12"), date!(2027 - 01 - 10), 0)),
            ),
            (date!(2027 - 01 - 11), None),
            // March after a short February.
            (
                date!(2027 - 03 - 01),
                Some((ym("2027-02"), date!(2027 - 03 - 10), 9)),
            ),
        ];
        for (today, want) in table {
            let got = window(today).map(|c| (c.month, c.deadline, c.days_left));
            assert_eq!(got, want, "{today}");
        }
    }

    #[test]
    fn a_deadline_on_a_weekend_is_named_as_such() {
        assert!(is_weekend(date!(2027 - 01 - 10)));
        assert!(!is_weekend(date!(2026 - 12 - 10)));
    }

    #[test]
    fn this_week_ends_on_sunday() {
        // 2026-12-01 is a Tuesday.
        assert_eq!(
            this_week(date!(2026 - 12 - 01)),
            (date!(2026 - 12 - 01), date!(2026 - 12 - 06))
        );
        assert_eq!(
            this_week(date!(2026 - 12 - 06)),
            (date!(2026 - 12 - 06), date!(2026 - 12 - 06))
        );
        assert_eq!(
            this_week(date!(2026 - 12 - 07)),
            (date!(2026 - 12 - 07), date!(2026 - 12 - 13))
        );
    }
}
