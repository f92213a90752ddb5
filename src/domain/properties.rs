//! Property tests (proptest) of the parsers and writers that take text from outside: form
//! fields, dates and months, the unit price, the CSV writer (the 国保連 file's are beside it,
//! in `domain::kokuho`). Each property holds for any input, not only the table tests' (#18).
use proptest::prelude::*;

use super::csv::{self, Cell, Csv};
use super::fields::{self, FieldErrors};
use super::month::{YEARS, YearMonth};
use super::rules::charge::UnitPrice;

/// Any text, with control characters, line breaks, full-width forms and formula starts more
/// likely than in uniform strings.
fn text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        any::<char>().prop_map(|c| c.to_string()),
        Just("\0".to_string()),
        Just("\r\n".to_string()),
        Just("\t".to_string()),
        Just("=".to_string()),
        Just("-".to_string()),
        Just("\"".to_string()),
        Just(",".to_string()),
        Just("０".to_string()),
        Just("山田".to_string()),
        Just(" ".to_string()),
    ];
    proptest::collection::vec(piece, 0..24).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// A one-line field that has no message is trimmed, within its length and free of
    /// control characters; a multi-line one may keep only tab, CR and LF.
    #[test]
    fn text_fields_accept_only_clean_text(value in text(), max in 1usize..30) {
        let mut e = FieldErrors::new();
        let v = fields::optional_text(&mut e, "f", &value, max);
        if e.is_empty() {
            prop_assert!(!v.chars().any(char::is_control));
            prop_assert!(v.chars().count() <= max);
            prop_assert_eq!(v.trim(), v.as_str());
        }
        let mut e = FieldErrors::new();
        let v = fields::required_multiline(&mut e, "f", &value, max);
        if e.is_empty() {
            prop_assert!(!v.is_empty());
            prop_assert!(v.chars().all(|c| !c.is_control() || matches!(c, '\t' | '\r' | '\n')));
        }
    }

    /// A date that parses prints back as itself; any text either parses or is a message.
    #[test]
    fn dates_round_trip(y in 1i32..9999, m in 1u8..=12, d in 1u8..=31, noise in text()) {
        if let Ok(date) = time::Date::from_calendar_date(y, time::Month::try_from(m).expect("month"), d) {
            let typed = format!("{y:04}-{m:02}-{d:02}");
            prop_assert_eq!(fields::parse_date(&typed), Some(date));
            prop_assert_eq!(fields::parse_date(&format!("{y:04}/{m}/{d}")), Some(date));
        }
        let mut e = FieldErrors::new();
        let parsed = fields::date(&mut e, "f", &noise, true);
        prop_assert_eq!(parsed.is_none(), e.get("f").is_some());
    }

    /// Months: every month of the accepted years round-trips; nothing outside them parses.
    #[test]
    fn months_round_trip_and_stay_in_range(y in 0i32..10000, m in 0u8..14, noise in text()) {
        let typed = format!("{y:04}-{m:02}");
        match YearMonth::parse(&typed) {
            Some(ym) => {
                prop_assert!(YEARS.contains(&y) && (1..=12).contains(&m));
                prop_assert_eq!(ym.to_string(), typed);
                prop_assert!(ym.first_day() <= ym.last_day());
            }
            None => prop_assert!(!YEARS.contains(&y) || !(1..=12).contains(&m)),
        }
        if let Some(ym) = YearMonth::parse(&noise) {
            prop_assert!(YEARS.contains(&ym.year()));
        }
    }

    /// Whole numbers: in range and as typed, or a message.
    #[test]
    fn integers_are_in_range_or_refused(n in any::<i64>(), min in -1000i64..1000, span in 0i64..100_000, noise in text()) {
        let max = min + span;
        let mut e = FieldErrors::new();
        let parsed = fields::integer(&mut e, "f", &n.to_string(), min, max, true);
        prop_assert_eq!(parsed, (min..=max).contains(&n).then_some(n));
        let mut e = FieldErrors::new();
        if let Some(v) = fields::integer(&mut e, "f", &noise, min, max, false) {
            prop_assert!((min..=max).contains(&v));
        }
    }

    /// The unit price (money per unit, 円/単位): what parses prints back to the same value.
    #[test]
    fn unit_prices_round_trip(whole in 0u32..1000, cents in 0u32..100, noise in text()) {
        let typed = format!("{whole}.{cents:02}");
        if let Ok(p) = UnitPrice::parse(&typed) {
            prop_assert_eq!(p.hundredths(), whole * 100 + cents);
            prop_assert_eq!(UnitPrice::parse(&p.to_string()), Ok(p));
        }
        let _ = UnitPrice::parse(&noise);
    }

    /// The CSV writer: what it writes reads back cell for cell, with a text that a
    /// spreadsheet would run as a formula behind a `'`, and numbers as they are.
    #[test]
    fn csv_reads_back_and_never_starts_a_formula(rows in proptest::collection::vec(
        proptest::collection::vec(prop_oneof![text().prop_map(Cell::Text), any::<i64>().prop_map(Cell::Number)], 1..6),
        1..5,
    )) {
        let mut file = Csv::new();
        for row in &rows {
            file.row(row.iter().cloned());
        }
        let written = String::from_utf8(file.into_bytes()).expect("utf-8");
        let read = csv::parse(&written);
        prop_assert_eq!(read.len(), rows.len());
        for (row, back) in rows.iter().zip(&read) {
            prop_assert_eq!(row.len(), back.len());
            for (cell, back) in row.iter().zip(back) {
                match cell {
                    Cell::Number(n) => prop_assert_eq!(back, &n.to_string()),
                    Cell::Text(t) if csv::looks_like_formula(t) => prop_assert_eq!(back, &format!("'{t}")),
                    Cell::Text(t) => {
                        prop_assert_eq!(back, t);
                        prop_assert!(!csv::looks_like_formula(back));
                    }
                }
            }
        }
    }
}
