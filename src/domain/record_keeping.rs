//! How long a client's records are kept after their service ends, and when they may be
//! removed (記録の整備・保存 and 個人情報保護法). Pure: `today` is passed in.
//!
//! 指定基準 and the prefectural ordinances require the service records to be kept for 5
//! years; most ordinances count them from the end of the service (完結の日), but the count
//! and its start are UNCONFIRMED per prefecture, so the organisation sets the number of
//! years, never fewer than [`MIN_YEARS`]. After that period 個人情報保護法 (第22条: delete
//! personal data that is no longer needed) says the data must not be kept for ever: the
//! administrator removes it on approval.
//!
//! Not to be confused with `domain::retention`, the 就労定着率 of the claims.

use time::{Date, Month, OffsetDateTime};

use super::fields::{self, FieldErrors};
use super::rules::period::months_from;

/// The legal minimum: 5 years after the end of the service (指定基準・条例「記録の整備」).
pub const MIN_YEARS: i64 = 5;
/// The default of a new organisation (migration 0021).
pub const DEFAULT_YEARS: i64 = 5;
/// A bound so the period is a date `time` can hold and a typo of 500 is caught.
pub const MAX_YEARS: i64 = 50;

/// The organisation's setting as typed: the number of years, 5 to 50.
pub fn parse_years(e: &mut FieldErrors, value: &str) -> Option<i64> {
    let years = fields::integer(e, "keeping_years", value, i64::MIN, i64::MAX, true)?;
    if years < MIN_YEARS {
        e.add("keeping_years", "keeping.err_below_minimum");
        None
    } else if years > MAX_YEARS {
        e.add("keeping_years", "err.out_of_range");
        None
    } else {
        Some(years)
    }
}

/// The facts a client's service end is decided from.
#[derive(Debug, Clone)]
pub struct ServiceFacts {
    /// The end dates of the client's contracts (any order).
    pub contract_ends: Vec<Date>,
    /// The day of the latest service record (a contact, a 地域連携会議, the last day of a
    /// report's month), if any.
    pub last_record: Option<Date>,
    /// The day the client's record was made.
    pub registered_on: Date,
}

/// The end of a client's service, from which their records are kept: the **latest** of the
/// end of their last contract and the day of their last service record (a contact after
/// the contract's end, a hand-over meeting, the report of the last month). A client who
/// never had a contract nor a record is counted from the day their record was made.
///
/// The contract's end is the day the service ends under the contract (契約終了日, the day
/// of `store::portal::service_ended_on`); a record written after it is still a record of
/// the service, so it pushes the end later: the period never starts before the last record
/// it must keep. A contract ending in the future gives a future end, i.e. not yet ended.
pub fn service_end(f: &ServiceFacts) -> Date {
    let contract = f.contract_ends.iter().max().copied();
    match (contract, f.last_record) {
        (Some(c), Some(r)) => c.max(r),
        (Some(c), None) => c,
        (None, Some(r)) => r,
        (None, None) => f.registered_on,
    }
}

/// The last day the records must be kept: `years` years counted from the day after the
/// service end (民法第140条: the day of the event is not counted; 第143条 through
/// `period::months_from`). Service ended 2020-03-31, 5 years: kept until 2025-03-31.
pub fn keep_until(service_end: Date, years: i64) -> Date {
    let first = service_end.next_day().unwrap_or(service_end);
    let months = u32::try_from(years.clamp(0, MAX_YEARS) * 12).unwrap_or(0);
    months_from(first, months).last_day
}

/// May the client's records be removed on `today`? Only once their keeping period has
/// passed (the day after [`keep_until`]).
pub fn may_remove(service_end: Date, years: i64, today: Date) -> bool {
    keep_until(service_end, years) < today
}

/// The last day of a report month `YYYY-MM`, for [`ServiceFacts::last_record`].
pub fn month_last_day(month: &str) -> Option<Date> {
    let (y, m) = month.split_once('-')?;
    let year: i32 = y.parse().ok()?;
    let month = Month::try_from(m.parse::<u8>().ok()?).ok()?;
    Date::from_calendar_date(year, month, month.length(year)).ok()
}

/// The latest of some days, any of which may be missing.
pub fn latest(days: &[Option<Date>]) -> Option<Date> {
    days.iter().flatten().max().copied()
}

/// A Japan date of an instant (contacts and records are stored as instants).
pub fn japan_day(at: OffsetDateTime) -> Date {
    at.to_offset(time::macros::offset!(+9)).date()
}

/// What a removal did, table by table, for the audit row (counts only, never a name).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RemovalCounts(pub Vec<(&'static str, u64)>);

impl RemovalCounts {
    pub fn add(&mut self, table: &'static str, n: u64) {
        self.0.push((table, n));
    }

    pub fn get(&self, table: &str) -> u64 {
        self.0
            .iter()
            .filter(|(t, _)| *t == table)
            .map(|(_, n)| n)
            .sum()
    }

    /// `table=n` pairs, space-separated, for the audit row's detail.
    pub fn detail(&self) -> String {
        self.0
            .iter()
            .map(|(t, n)| format!("{t}={n}"))
            .collect::<Vec<_>>()
            .join(" ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::{date, datetime};

    #[test]
    fn service_end_table() {
        let reg = date!(2018 - 04 - 01);
        // (contract ends, last record, expected end, why)
        let cases: &[(&[Date], Option<Date>, Date, &str)] = &[
            (
                &[],
                None,
                reg,
                "nothing but the record: the day it was made",
            ),
            (
                &[date!(2021 - 03 - 31)],
                None,
                date!(2021 - 03 - 31),
                "one contract",
            ),
            (
                &[date!(2021 - 03 - 31), date!(2019 - 03 - 31)],
                None,
                date!(2021 - 03 - 31),
                "the last contract, whatever the order",
            ),
            (
                &[date!(2021 - 03 - 31)],
                Some(date!(2021 - 02 - 10)),
                date!(2021 - 03 - 31),
                "records inside the contract",
            ),
            (
                &[date!(2021 - 03 - 31)],
                Some(date!(2021 - 04 - 20)),
                date!(2021 - 04 - 20),
                "a record after the contract's end pushes the end",
            ),
            (
                &[],
                Some(date!(2019 - 06 - 30)),
                date!(2019 - 06 - 30),
                "records without a contract",
            ),
            (
                &[date!(2030 - 03 - 31)],
                None,
                date!(2030 - 03 - 31),
                "a contract still running: an end in the future",
            ),
        ];
        for (contracts, record, expected, why) in cases {
            let f = ServiceFacts {
                contract_ends: contracts.to_vec(),
                last_record: *record,
                registered_on: reg,
            };
            assert_eq!(service_end(&f), *expected, "{why}");
        }
    }

    #[test]
    fn keep_until_table() {
        // (service end, years, kept until) — 民法第140条・第143条 through months_from.
        let cases = [
            (date!(2020 - 03 - 31), 5, date!(2025 - 03 - 31)),
            (date!(2020 - 04 - 15), 5, date!(2025 - 04 - 15)),
            (date!(2020 - 02 - 28), 5, date!(2025 - 02 - 28)),
            // From 2020-03-01 (a leap year's 29 Feb + 1): ends 2025-02-28.
            (date!(2020 - 02 - 29), 5, date!(2025 - 02 - 28)),
            (date!(2020 - 12 - 31), 5, date!(2025 - 12 - 31)),
            (date!(2020 - 03 - 31), 7, date!(2027 - 03 - 31)),
        ];
        for (end, years, until) in cases {
            assert_eq!(keep_until(end, years), until, "{end} + {years}y");
        }
    }

    #[test]
    fn may_remove_only_after_the_period() {
        let end = date!(2020 - 03 - 31);
        assert!(!may_remove(end, 5, date!(2025 - 03 - 30)));
        assert!(!may_remove(end, 5, date!(2025 - 03 - 31)), "the last day");
        assert!(may_remove(end, 5, date!(2025 - 04 - 01)), "the day after");
        assert!(!may_remove(end, 6, date!(2025 - 04 - 01)));
        assert!(!may_remove(date!(2030 - 03 - 31), 5, date!(2026 - 12 - 01)));
    }

    #[test]
    fn years_are_at_least_the_legal_minimum() {
        let cases = [
            ("5", Some(5), None),
            ("10", Some(10), None),
            ("５０", Some(50), None),
            ("4", None, Some("keeping.err_below_minimum")),
            ("0", None, Some("keeping.err_below_minimum")),
            ("-5", None, Some("keeping.err_below_minimum")),
            ("51", None, Some("err.out_of_range")),
            ("", None, Some("err.required")),
            ("five", None, Some("err.number")),
        ];
        for (typed, years, err) in cases {
            let mut e = FieldErrors::new();
            assert_eq!(parse_years(&mut e, typed), years, "{typed:?}");
            assert_eq!(e.get("keeping_years"), err, "{typed:?}");
        }
    }

    #[test]
    fn month_and_day_helpers() {
        assert_eq!(month_last_day("2024-02"), Some(date!(2024 - 02 - 29)));
        assert_eq!(month_last_day("2025-12"), Some(date!(2025 - 12 - 31)));
        assert_eq!(month_last_day("2025-13"), None);
        assert_eq!(month_last_day("x"), None);
        assert_eq!(
            latest(&[
                None,
                Some(date!(2020 - 01 - 02)),
                Some(date!(2019 - 01 - 01))
            ]),
            Some(date!(2020 - 01 - 02))
        );
        assert_eq!(latest(&[None, None]), None);
        assert_eq!(
            japan_day(datetime!(2020-03-31 15:30 UTC)),
            date!(2020 - 04 - 01)
        );
    }

    #[test]
    fn counts_detail_has_no_names() {
        let mut c = RemovalCounts::default();
        c.add("contacts", 3);
        c.add("clients", 1);
        assert_eq!(c.detail(), "contacts=3 clients=1");
        assert_eq!(c.get("contacts"), 3);
        assert_eq!(c.get("nothing"), 0);
    }
}
