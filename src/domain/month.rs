//! `YearMonth`: a calendar month in Japan, written `YYYY-MM` everywhere it leaves the program
//! (URLs, forms, `support_reports.month`, `claims.month`, audit details) and the one parser of
//! that text.
//!
//! A month typed in a URL or a form is accepted only for the years 2000–2100. The service
//! began in fiscal 2018 and no record, claim or report of it can lie outside that window;
//! a wider range would only let a typo such as `0000-01` or `9999-12` reach date arithmetic
//! and the databases (SQLite compares dates as text and `0000` sorts before every real date;
//! PostgreSQL has no year 0), where it became a 500 instead of "no such month". The bound
//! is on what is accepted from outside: a month taken from a date ([`YearMonth::of`]) or
//! reached by arithmetic is that month, whatever its year.

use std::fmt;

use time::{Date, Month, OffsetDateTime, PrimitiveDateTime, Time, UtcOffset};

use super::fields;
// Only the Japan offset constant: the domain never reads the clock.
use crate::clock::JST;

/// The first and last year accepted from a URL or a form (see the module comment).
pub const YEARS: std::ops::RangeInclusive<i32> = 2000..=2100;

/// A calendar month: `2026-11`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct YearMonth {
    year: i32,
    month: Month,
}

impl YearMonth {
    /// The month `year`-`month` (1–12), if the year is in [`YEARS`].
    pub fn new(year: i32, month: u8) -> Option<YearMonth> {
        if !YEARS.contains(&year) {
            return None;
        }
        Some(YearMonth {
            year,
            month: Month::try_from(month).ok()?,
        })
    }

    /// Parses exactly `YYYY-MM` (surrounding blanks and full-width digits accepted, as typed
    /// with an IME), with the year in [`YEARS`].
    pub fn parse(value: &str) -> Option<YearMonth> {
        let v = fields::normalize_ascii(value);
        let (y, m) = v.split_once('-')?;
        if y.len() != 4 || m.len() != 2 || !y.bytes().chain(m.bytes()).all(|b| b.is_ascii_digit()) {
            return None;
        }
        YearMonth::new(y.parse().ok()?, m.parse().ok()?)
    }

    /// The month a date falls in.
    pub fn of(date: Date) -> YearMonth {
        YearMonth {
            year: date.year(),
            month: date.month(),
        }
    }

    pub fn year(self) -> i32 {
        self.year
    }

    pub fn month(self) -> Month {
        self.month
    }

    /// 1–12.
    pub fn number(self) -> u8 {
        u8::from(self.month)
    }

    /// The number of days in the month.
    pub fn length(self) -> u8 {
        self.month.length(self.year)
    }

    pub fn first_day(self) -> Date {
        // Day 1 exists in every month of `time`'s calendar; the fallback is never taken.
        Date::from_calendar_date(self.year, self.month, 1).unwrap_or(Date::MIN)
    }

    pub fn last_day(self) -> Date {
        Date::from_calendar_date(self.year, self.month, self.length()).unwrap_or(Date::MAX)
    }

    /// First and last day.
    pub fn bounds(self) -> (Date, Date) {
        (self.first_day(), self.last_day())
    }

    /// Does the day fall in this month?
    pub fn contains_date(self, date: Date) -> bool {
        YearMonth::of(date) == self
    }

    /// The month `months` later (earlier when negative).
    pub fn shift(self, months: i32) -> YearMonth {
        let index = i64::from(self.year) * 12 + i64::from(self.number()) - 1 + i64::from(months);
        let year = i32::try_from(index.div_euclid(12)).unwrap_or(self.year);
        // rem_euclid(12) is 0..=11, so the month number is 1..=12.
        let month = Month::try_from(index.rem_euclid(12) as u8 + 1).unwrap_or(self.month);
        YearMonth { year, month }
    }

    pub fn next(self) -> YearMonth {
        self.shift(1)
    }

    pub fn previous(self) -> YearMonth {
        self.shift(-1)
    }

    /// The fiscal year (年度, April to March) the month is in: 2027-03 is in fiscal 2026.
    pub fn fiscal_year(self) -> i32 {
        if self.number() >= 4 {
            self.year
        } else {
            self.year - 1
        }
    }

    /// `YYYYMM`, as the 国保連 files write a month.
    pub fn digits(self) -> String {
        format!("{:04}{:02}", self.year, self.number())
    }

    /// `2026年11月`.
    pub fn japanese(self) -> String {
        format!("{}年{}月", self.year, self.number())
    }

    /// The month as instants: from 00:00 JST on the 1st (inclusive) to 00:00 JST on the 1st
    /// of the next month (exclusive), in UTC because the store keeps UTC.
    pub fn utc_range(self) -> (OffsetDateTime, OffsetDateTime) {
        let start = |m: YearMonth| {
            PrimitiveDateTime::new(m.first_day(), Time::MIDNIGHT)
                .assume_offset(JST)
                .to_offset(UtcOffset::UTC)
        };
        (start(self), start(self.next()))
    }

    /// Does the instant fall in this month, in Japan time?
    pub fn contains(self, at: OffsetDateTime) -> bool {
        YearMonth::of(at.to_offset(JST).date()) == self
    }
}

/// `YYYY-MM`.
impl fmt::Display for YearMonth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.number())
    }
}

impl std::str::FromStr for YearMonth {
    type Err = NotAMonth;
    fn from_str(s: &str) -> Result<YearMonth, NotAMonth> {
        YearMonth::parse(s).ok_or(NotAMonth)
    }
}

/// The text is not a `YYYY-MM` month in [`YEARS`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NotAMonth;

impl fmt::Display for NotAMonth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "a month is written YYYY-MM with a year from {} to {}",
            YEARS.start(),
            YEARS.end()
        )
    }
}

impl std::error::Error for NotAMonth {}

impl serde::Serialize for YearMonth {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> serde::Deserialize<'de> for YearMonth {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<YearMonth, D::Error> {
        let text = String::deserialize(d)?;
        YearMonth::parse(&text).ok_or_else(|| serde::de::Error::custom(NotAMonth))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::{date, datetime};

    #[test]
    fn the_parser_takes_only_yyyy_mm_in_range() {
        let good = [
            ("2026-11", "2026-11"),
            ("2026-01", "2026-01"),
            (" 2026-12 ", "2026-12"),
            ("２０２６－１０", "2026-10"),
            // The bounds themselves.
            ("2000-01", "2000-01"),
            ("2100-12", "2100-12"),
        ];
        for (input, shown) in good {
            let m = YearMonth::parse(input).unwrap_or_else(|| panic!("{input:?}"));
            assert_eq!(m.to_string(), shown, "{input:?}");
        }
        let bad = [
            "",
            "2026",
            "2026-",
            "-11",
            "2026-1",
            "26-11",
            "2026-001",
            "2026/11",
            "2026-11-01",
            "2026-00",
            "2026-13",
            "abcd-ef",
            "+026-11",
            "2026-+1",
            "2026--1",
            // Out of the accepted years.
            "0000-01",
            "0001-01",
            "1999-12",
            "2101-01",
            "9999-12",
            "9999-99",
        ];
        for input in bad {
            assert_eq!(YearMonth::parse(input), None, "{input:?}");
            assert!(input.parse::<YearMonth>().is_err(), "{input:?}");
        }
        assert_eq!(YearMonth::new(2026, 0), None);
        assert_eq!(YearMonth::new(1999, 5), None);
        assert_eq!(YearMonth::new(2026, 11), YearMonth::parse("2026-11"));
    }

    #[test]
    fn days_and_shifts() {
        let cases = [
            // month, first, last, days
            ("2026-11", date!(2026 - 11 - 01), date!(2026 - 11 - 30), 30),
            ("2028-02", date!(2028 - 02 - 01), date!(2028 - 02 - 29), 29),
            ("2027-02", date!(2027 - 02 - 01), date!(2027 - 02 - 28), 28),
            ("2026-12", date!(2026 - 12 - 01), date!(2026 - 12 - 31), 31),
        ];
        for (text, first, last, days) in cases {
            let m = YearMonth::parse(text).expect("month");
            assert_eq!(m.bounds(), (first, last), "{text}");
            assert_eq!(m.length(), days, "{text}");
            assert!(m.contains_date(first) && m.contains_date(last), "{text}");
            assert!(!m.contains_date(last.next_day().expect("day")), "{text}");
        }
        let dec = YearMonth::parse("2026-12").expect("month");
        for (by, expected) in [
            (0, "2026-12"),
            (1, "2027-01"),
            (-1, "2026-11"),
            (-12, "2025-12"),
            (-11, "2026-01"),
            (25, "2029-01"),
        ] {
            assert_eq!(dec.shift(by).to_string(), expected, "{by}");
        }
        assert_eq!(dec.next().previous(), dec);
        assert_eq!(
            YearMonth::of(date!(2027 - 01 - 31)).previous().to_string(),
            "2026-12"
        );
        assert!(YearMonth::parse("2026-12") < YearMonth::parse("2027-01"));
    }

    /// Fiscal years run April to March (domain.md §1.3).
    #[test]
    fn fiscal_years_start_in_april() {
        for (month, fy) in [
            ("2026-04", 2026),
            ("2027-03", 2026),
            ("2026-03", 2025),
            ("2026-12", 2026),
        ] {
            let m = YearMonth::parse(month).expect("month");
            assert_eq!(m.fiscal_year(), fy, "{month}");
        }
    }

    #[test]
    fn formats() {
        let m = YearMonth::parse("2026-04").expect("month");
        assert_eq!(m.to_string(), "2026-04");
        assert_eq!(m.digits(), "202604");
        assert_eq!(m.japanese(), "2026年4月");
        assert_eq!(m.number(), 4);
        assert_eq!(m.year(), 2026);
        assert_eq!(serde_json::to_string(&m).expect("json"), "\"2026-04\"");
        let back: YearMonth = serde_json::from_str("\"2026-04\"").expect("json");
        assert_eq!(back, m);
        assert!(serde_json::from_str::<YearMonth>("\"0000-01\"").is_err());
    }

    #[test]
    fn months_cover_japan_time() {
        let oct = YearMonth::parse("2026-10").expect("month");
        let (start, end) = oct.utc_range();
        assert_eq!(start, datetime!(2026-09-30 15:00 UTC));
        assert_eq!(end, datetime!(2026-10-31 15:00 UTC));
        // 10/31 23:30 JST is October; 11/1 00:30 JST is November; 10/1 08:59 JST is October.
        let cases = [
            (datetime!(2026-10-31 14:30 UTC), true),
            (datetime!(2026-10-31 15:30 UTC), false),
            (datetime!(2026-09-30 23:59 UTC), true),
            (datetime!(2026-09-30 14:59 UTC), false),
        ];
        for (at, inside) in cases {
            assert_eq!(oct.contains(at), inside, "{at}");
            assert_eq!(at >= start && at < end, inside, "{at}");
        }
    }
}
