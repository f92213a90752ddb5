//! 和暦 (the Japanese era calendar) for printed documents: `令和8年11月` instead of
//! `2026年11月` when the office chooses it.
//!
//! An era begins on the day its 改元 took effect and lasts until the next one begins; the
//! first year of an era is written 元年. The start dates:
//! - 明治: 1868-10-23 (明治改元の詔, 慶応4年9月8日; the decree also renamed the earlier part of
//!   that year, which this table does not follow: documents here are never that old)
//! - 大正: 1912-07-30 (大正改元の詔書)
//! - 昭和: 1926-12-25 (昭和改元の詔書)
//! - 平成: 1989-01-08 (元号を改める政令, 昭和64年政令第1号, 元号法 昭和54年法律第43号)
//! - 令和: 2019-05-01 (元号を改める政令, 平成31年政令第143号)
//!
//! A month is written in the era in force on its first day (2019年5月 is 令和元年5月, 2019年4月
//! 平成31年4月; 1989年1月 began in 昭和 and is 昭和64年1月).

use time::{Date, Month};

use super::month::YearMonth;

/// One era: its name and the day it began.
struct Era {
    name: &'static str,
    start: (i32, Month, u8),
}

/// The eras, newest first (see the module comment for the sources of the dates).
const ERAS: [Era; 5] = [
    Era {
        name: "令和",
        start: (2019, Month::May, 1),
    },
    Era {
        name: "平成",
        start: (1989, Month::January, 8),
    },
    Era {
        name: "昭和",
        start: (1926, Month::December, 25),
    },
    Era {
        name: "大正",
        start: (1912, Month::July, 30),
    },
    Era {
        name: "明治",
        start: (1868, Month::October, 23),
    },
];

/// The era in force on `date` and the year within it (1 for the first year), or `None` before
/// 明治.
pub fn era_year(date: Date) -> Option<(&'static str, i32)> {
    ERAS.iter().find_map(|era| {
        let (y, m, d) = era.start;
        let start = Date::from_calendar_date(y, m, d).ok()?;
        (date >= start).then(|| (era.name, date.year() - y + 1))
    })
}

/// `令和8年` / `令和元年`: an era year as written on a form.
fn era_year_text(name: &str, year: i32) -> String {
    if year == 1 {
        format!("{name}元年")
    } else {
        format!("{name}{year}年")
    }
}

/// A month on a printed document: `2026年11月`, or `令和8年11月` in the era calendar (a month
/// before 明治 stays in the Western calendar).
pub fn month_text(month: YearMonth, use_era: bool) -> String {
    let era = use_era.then(|| era_year(month.first_day())).flatten();
    match era {
        Some((name, year)) => format!("{}{}月", era_year_text(name, year), month.number()),
        None => format!("{}年{}月", month.year(), month.number()),
    }
}

/// A date on a printed document: `2026年11月30日`, or `令和8年11月30日` in the era calendar.
pub fn date_text(date: Date, use_era: bool) -> String {
    let day = date.day();
    let month = u8::from(date.month());
    match use_era.then(|| era_year(date)).flatten() {
        Some((name, year)) => format!("{}{month}月{day}日", era_year_text(name, year)),
        None => format!("{}年{month}月{day}日", date.year()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    /// The days around each 改元 (sources in the module comment).
    #[test]
    fn eras_begin_on_their_start_dates() {
        let cases = [
            (date!(2026 - 11 - 30), Some(("令和", 8))),
            (date!(2019 - 05 - 01), Some(("令和", 1))),
            (date!(2019 - 04 - 30), Some(("平成", 31))),
            (date!(1989 - 01 - 08), Some(("平成", 1))),
            (date!(1989 - 01 - 07), Some(("昭和", 64))),
            (date!(1926 - 12 - 25), Some(("昭和", 1))),
            (date!(1926 - 12 - 24), Some(("大正", 15))),
            (date!(1912 - 07 - 30), Some(("大正", 1))),
            (date!(1912 - 07 - 29), Some(("明治", 45))),
            (date!(1868 - 10 - 23), Some(("明治", 1))),
            (date!(1868 - 10 - 22), None),
        ];
        for (day, want) in cases {
            assert_eq!(era_year(day), want, "{day}");
        }
    }

    #[test]
    fn months_are_written_in_the_era_of_their_first_day() {
        let ym = |s: &str| YearMonth::parse(s).expect("month");
        let cases = [
            ("2026-11", false, "2026年11月"),
            ("2026-11", true, "令和8年11月"),
            ("2019-05", true, "令和元年5月"),
            ("2019-04", true, "平成31年4月"),
            ("2000-01", true, "平成12年1月"),
            ("2027-01", true, "令和9年1月"),
        ];
        for (month, use_era, want) in cases {
            assert_eq!(month_text(ym(month), use_era), want, "{month} {use_era}");
        }
    }

    #[test]
    fn dates_are_written_with_or_without_the_era() {
        assert_eq!(date_text(date!(2026 - 12 - 01), false), "2026年12月1日");
        assert_eq!(date_text(date!(2026 - 12 - 01), true), "令和8年12月1日");
        assert_eq!(date_text(date!(2019 - 05 - 01), true), "令和元年5月1日");
        assert_eq!(date_text(date!(1989 - 01 - 07), true), "昭和64年1月7日");
    }
}
