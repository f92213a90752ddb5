//! Dates as spreadsheets hold them: Excel serial numbers, 和暦 (令和7年4月1日, R7.4.1,
//! H31.4.30), 西暦 with 年月日, slashes or dots, and full-width digits. Each is turned into
//! the `YYYY-MM-DD` the forms read, so a date cell gets the forms' own field message.

use time::{Date, Month};

use crate::domain::fields::normalize_ascii;

/// A Japanese era (元号): its names and the first day it was in force.
struct Era {
    kanji: &'static str,
    letter: char,
    first_day: Date,
}

/// The eras a living person's dates fall in, newest first, with the day each began:
/// - 令和 from 2019-05-01: 元号を改める政令 (平成31年政令第143号), in force 2019-05-01;
/// - 平成 from 1989-01-08: 元号を改める政令 (昭和64年政令第1号), in force 1989-01-08;
/// - 昭和 from 1926-12-25: the 改元の詔書 of 1926-12-25 (大正15年);
/// - 大正 from 1912-07-30: the 改元の詔書 of 1912-07-30 (明治45年).
const ERAS: [Era; 4] = [
    Era {
        kanji: "令和",
        letter: 'R',
        first_day: time::macros::date!(2019 - 05 - 01),
    },
    Era {
        kanji: "平成",
        letter: 'H',
        first_day: time::macros::date!(1989 - 01 - 08),
    },
    Era {
        kanji: "昭和",
        letter: 'S',
        first_day: time::macros::date!(1926 - 12 - 25),
    },
    Era {
        kanji: "大正",
        letter: 'T',
        first_day: time::macros::date!(1912 - 07 - 30),
    },
];

/// An Excel serial day number (the 1900 date system, Excel's default on Windows and
/// macOS since 2016) as a date. Excel counts 1900-02-29, a day that never was, as serial
/// 60 (kept for Lotus 1-2-3), so from serial 61 (1900-03-01) the date is 1899-12-30 plus the
/// serial. Serials up to 60 are refused: no date a client record holds is that early. A
/// time of day (the fraction) is dropped.
pub fn from_excel_serial(serial: f64) -> Option<Date> {
    if !serial.is_finite() || !(61.0..2_958_466.0).contains(&serial) {
        return None;
    }
    let epoch = time::macros::date!(1899 - 12 - 30);
    epoch.checked_add(time::Duration::days(serial.trunc() as i64))
}

/// A date written in a cell as text, as `YYYY-MM-DD`; `None` when it is no date this reads.
pub fn parse_text(value: &str) -> Option<Date> {
    let v: String = normalize_ascii(value)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    if v.is_empty() {
        return None;
    }
    if v.bytes().all(|b| b.is_ascii_digit()) && (3..=7).contains(&v.len()) {
        // A serial number that reached us as text (a CSV saved from Excel).
        return v.parse::<f64>().ok().and_then(from_excel_serial);
    }
    for era in &ERAS {
        let rest = v
            .strip_prefix(era.kanji)
            .or_else(|| v.strip_prefix(era.letter))
            .or_else(|| v.strip_prefix(era.letter.to_ascii_lowercase()));
        if let Some(rest) = rest {
            return era_date(era, rest);
        }
    }
    let (y, m, d) = split_ymd(&v)?;
    if y.len() != 4 {
        return None;
    }
    make_date(y.parse().ok()?, m, d)
}

/// `7年4月1日`, `元年5月1日`, `7.4.1`, `07/04/01` after the era's name.
fn era_date(era: &Era, rest: &str) -> Option<Date> {
    let rest = rest.replacen("元", "1", 1);
    let (y, m, d) = split_ymd(&rest)?;
    let year_of_era: i32 = y.parse().ok()?;
    if year_of_era < 1 || y.len() > 2 {
        return None;
    }
    let date = make_date(era.first_day.year() + year_of_era - 1, m, d)?;
    // The date must lie in the era: on or after its first day and before the next era's.
    let next = ERAS
        .iter()
        .filter(|e| e.first_day > era.first_day)
        .map(|e| e.first_day)
        .min();
    (date >= era.first_day && next.is_none_or(|n| date < n)).then_some(date)
}

fn split_ymd(v: &str) -> Option<(&str, &str, &str)> {
    let v = v.strip_suffix('日').unwrap_or(v);
    let mut parts = v.split(['年', '月', '-', '/', '.']);
    let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() {
        return None;
    }
    Some((y, m, d))
}

fn make_date(year: i32, m: &str, d: &str) -> Option<Date> {
    if m.is_empty() || m.len() > 2 || d.is_empty() || d.len() > 2 {
        return None;
    }
    let month = Month::try_from(m.parse::<u8>().ok()?).ok()?;
    Date::from_calendar_date(year, month, d.parse().ok()?).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    /// Excel's 1900 date system: serial 1 is 1900-01-01 and serial 60 the 1900-02-29 that
    /// never was (Microsoft, "Excel incorrectly assumes that the year 1900 is a leap year").
    #[test]
    fn excel_serials() {
        let cases = [
            (61.0, Some(date!(1900 - 03 - 01))),
            (60.0, None),
            (45748.0, Some(date!(2025 - 04 - 01))),
            (45748.75, Some(date!(2025 - 04 - 01))),
            (36526.0, Some(date!(2000 - 01 - 01))),
            (-1.0, None),
            (f64::NAN, None),
        ];
        for (serial, expected) in cases {
            assert_eq!(from_excel_serial(serial), expected, "{serial}");
        }
    }

    /// The era start dates: 令和 2019-05-01 (平成31年政令第143号), 平成 1989-01-08 (昭和64年
    /// 政令第1号), 昭和 1926-12-25, 大正 1912-07-30 (改元の詔書). The last day of an era is
    /// its own; the next era's first day is not.
    #[test]
    fn japanese_era_dates() {
        let cases = [
            ("令和7年4月1日", Some(date!(2025 - 04 - 01))),
            ("R7.4.1", Some(date!(2025 - 04 - 01))),
            ("r07.04.01", Some(date!(2025 - 04 - 01))),
            ("Ｒ７．４．１", Some(date!(2025 - 04 - 01))),
            ("令和元年5月1日", Some(date!(2019 - 05 - 01))),
            ("R1.5.1", Some(date!(2019 - 05 - 01))),
            ("R1.4.30", None),
            ("H31.4.30", Some(date!(2019 - 04 - 30))),
            ("平成31年4月30日", Some(date!(2019 - 04 - 30))),
            ("H31.5.1", None),
            ("平成元年1月8日", Some(date!(1989 - 01 - 08))),
            ("H1.1.7", None),
            ("S64.1.7", Some(date!(1989 - 01 - 07))),
            ("昭和64年1月8日", None),
            ("S1.12.25", Some(date!(1926 - 12 - 25))),
            ("S1.12.24", None),
            ("T15.12.24", Some(date!(1926 - 12 - 24))),
            ("T1.7.30", Some(date!(1912 - 07 - 30))),
            ("令和7年2月29日", None),
            ("R0.4.1", None),
            ("令和7年", None),
        ];
        for (input, expected) in cases {
            assert_eq!(parse_text(input), expected, "{input}");
        }
    }

    #[test]
    fn western_dates_as_typed() {
        let cases = [
            ("2025-04-01", Some(date!(2025 - 04 - 01))),
            ("2025/4/1", Some(date!(2025 - 04 - 01))),
            ("2025.4.1", Some(date!(2025 - 04 - 01))),
            ("2025年4月1日", Some(date!(2025 - 04 - 01))),
            ("２０２５年４月１日", Some(date!(2025 - 04 - 01))),
            ("45748", Some(date!(2025 - 04 - 01))),
            ("25/4/1", None),
            ("2025-02-30", None),
            ("april", None),
            ("", None),
        ];
        for (input, expected) in cases {
            assert_eq!(parse_text(input), expected, "{input}");
        }
    }
}
