//! Field-level validation shared by every form: the error list, and the normalisations a
//! Japanese form needs (full-width digits and hyphens typed by an IME).

/// Messages per form field. The message is an i18n key (see `crate::i18n`).
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct FieldErrors(Vec<(&'static str, &'static str)>);

impl FieldErrors {
    pub fn new() -> Self {
        Self::default()
    }
    pub fn add(&mut self, field: &'static str, message_key: &'static str) {
        if self.get(field).is_none() {
            self.0.push((field, message_key));
        }
    }
    /// The message key for a field, if it has one.
    pub fn get(&self, field: &str) -> Option<&'static str> {
        self.0.iter().find(|(f, _)| *f == field).map(|(_, m)| *m)
    }
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
    pub fn iter(&self) -> impl Iterator<Item = &(&'static str, &'static str)> {
        self.0.iter()
    }
    /// `Ok(value)` when there are no errors.
    pub fn into_result<T>(self, value: T) -> Result<T, FieldErrors> {
        if self.is_empty() {
            Ok(value)
        } else {
            Err(self)
        }
    }
}

/// Trims, and turns full-width ASCII (０-９, Ａ-Ｚ, －, ＠ …) and the long-vowel/dash
/// variants people type for a hyphen into their ASCII forms.
pub fn normalize_ascii(s: &str) -> String {
    s.trim()
        .chars()
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            '\u{3000}' => ' ',
            'ー' | '‐' | '−' | '–' | '—' => '-',
            _ => c,
        })
        .collect()
}

/// Control characters (Unicode Cc: C0, DEL, C1) in a text field: one-line fields (names,
/// addresses, short notes) take none, not even a line break; multi-line fields (textareas)
/// take tab, CR and LF. PostgreSQL cannot store NUL at all and SQLite would keep it
/// silently, so this check, here where every text field is read, keeps the engines alike.
/// Adds `err.line_break` or `err.control_chars` and says whether the text is clean.
pub fn plain_text(
    errors: &mut FieldErrors,
    field: &'static str,
    value: &str,
    multiline: bool,
) -> bool {
    match control_message(value, multiline) {
        Some(key) => {
            errors.add(field, key);
            false
        }
        None => true,
    }
}

/// The message key for a text's control characters (see [`plain_text`]), for forms that
/// keep their messages in their own shape.
pub fn control_message(value: &str, multiline: bool) -> Option<&'static str> {
    let allowed = |c: char| multiline && matches!(c, '\t' | '\r' | '\n');
    if !value.chars().any(|c| c.is_control() && !allowed(c)) {
        return None;
    }
    let only_breaks = value
        .chars()
        .filter(|c| c.is_control())
        .all(|c| matches!(c, '\r' | '\n'));
    Some(if only_breaks {
        "err.line_break"
    } else {
        "err.control_chars"
    })
}

/// A required one-line text: trimmed, not empty, no control characters, at most `max`
/// characters.
pub fn required_text(
    errors: &mut FieldErrors,
    field: &'static str,
    value: &str,
    max: usize,
) -> String {
    checked_text(errors, field, value, max, true, false)
}

/// An optional one-line text: trimmed, no control characters, at most `max` characters.
pub fn optional_text(
    errors: &mut FieldErrors,
    field: &'static str,
    value: &str,
    max: usize,
) -> String {
    checked_text(errors, field, value, max, false, false)
}

/// A required multi-line text (a textarea): trimmed, not empty, no control characters but
/// tab, CR and LF, at most `max` characters.
pub fn required_multiline(
    errors: &mut FieldErrors,
    field: &'static str,
    value: &str,
    max: usize,
) -> String {
    checked_text(errors, field, value, max, true, true)
}

/// An optional multi-line text (a textarea).
pub fn optional_multiline(
    errors: &mut FieldErrors,
    field: &'static str,
    value: &str,
    max: usize,
) -> String {
    checked_text(errors, field, value, max, false, true)
}

fn checked_text(
    errors: &mut FieldErrors,
    field: &'static str,
    value: &str,
    max: usize,
    required: bool,
    multiline: bool,
) -> String {
    let v = value.trim().to_string();
    if !plain_text(errors, field, &v, multiline) {
        return v;
    }
    if v.is_empty() {
        if required {
            errors.add(field, "err.required");
        }
    } else if v.chars().count() > max {
        errors.add(field, "err.too_long");
    }
    v
}

/// Exactly `len` digits (full-width digits accepted), or empty when `required` is false.
pub fn digits(
    errors: &mut FieldErrors,
    field: &'static str,
    value: &str,
    len: usize,
    required: bool,
) -> Option<String> {
    let v = normalize_ascii(value);
    if v.is_empty() {
        if required {
            errors.add(field, "err.required");
        }
        return None;
    }
    if v.len() != len || !v.bytes().all(|b| b.is_ascii_digit()) {
        errors.add(
            field,
            match len {
                6 => "err.digits6",
                10 => "err.digits10",
                _ => "err.digits",
            },
        );
        return None;
    }
    Some(v)
}

/// A Japanese phone number: 10 or 11 digits once hyphens are removed. Kept as typed
/// (normalised to ASCII), because people read it with their own hyphens.
pub fn phone(errors: &mut FieldErrors, field: &'static str, value: &str, required: bool) -> String {
    let v = normalize_ascii(value);
    if v.is_empty() {
        if required {
            errors.add(field, "err.required");
        }
        return v;
    }
    let digits: String = v.chars().filter(|c| *c != '-').collect();
    if !(10..=11).contains(&digits.len()) || !digits.bytes().all(|b| b.is_ascii_digit()) {
        errors.add(field, "err.phone");
    }
    v
}

/// An email address: one `@`, something on both sides, a dot in the domain, no spaces.
pub fn email(errors: &mut FieldErrors, field: &'static str, value: &str, required: bool) -> String {
    let v = normalize_ascii(value);
    if v.is_empty() {
        if required {
            errors.add(field, "err.required");
        }
        return v;
    }
    let ok = match v.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !domain.contains('@')
        }
        None => false,
    };
    if !ok || v.len() > 254 || v.chars().any(|c| c.is_whitespace() || c.is_control()) {
        errors.add(field, "err.email");
    }
    v
}

/// A state code read from the database that is none of the enum's (`MessageStatus`,
/// `BookingStatus`…): the store's `TryFrom<String>` fails with it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownStatus(pub String);

impl std::fmt::Display for UnknownStatus {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "unknown status {:?}", self.0)
    }
}

impl std::error::Error for UnknownStatus {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_width_input_is_normalised() {
        assert_eq!(normalize_ascii(" ０１２３ー４５６７ "), "0123-4567");
        assert_eq!(
            normalize_ascii("ＡＢＣ＠ｅｘａｍｐｌｅ．ｊｐ"),
            "ABC@example.jp"
        );
    }

    #[test]
    fn digits_checks_length_and_content() {
        let cases = [
            ("1234567890", 10, true, None),
            ("１２３４５６７８９０", 10, true, None),
            ("123456789", 10, true, Some("err.digits10")),
            ("12345a7890", 10, true, Some("err.digits10")),
            ("", 10, true, Some("err.required")),
            ("", 10, false, None),
            ("12345", 6, true, Some("err.digits6")),
        ];
        for (input, len, required, expected) in cases {
            let mut e = FieldErrors::new();
            digits(&mut e, "f", input, len, required);
            assert_eq!(e.get("f"), expected, "input {input:?}");
        }
    }

    #[test]
    fn phone_and_email() {
        let mut e = FieldErrors::new();
        phone(&mut e, "a", "047-123-4567", true);
        phone(&mut e, "b", "090-1234-5678", true);
        phone(&mut e, "c", "123", true);
        email(&mut e, "d", "office@example.jp", true);
        email(&mut e, "e", "office@example", true);
        email(&mut e, "f", "a b@example.jp", true);
        assert_eq!(e.get("a"), None);
        assert_eq!(e.get("b"), None);
        assert_eq!(e.get("c"), Some("err.phone"));
        assert_eq!(e.get("d"), None);
        assert_eq!(e.get("e"), Some("err.email"));
        assert_eq!(e.get("f"), Some("err.email"));
    }

    /// A NUL or another control character is a field message, not a 500 on PostgreSQL
    /// (which cannot store NUL) and a silent store on SQLite; a one-line field takes no line
    /// break, a multi-line one takes tab, CR and LF (#18).
    #[test]
    fn control_characters_are_refused_with_a_field_message() {
        let one_line = |v: &str| {
            let mut e = FieldErrors::new();
            optional_text(&mut e, "f", v, 100);
            required_text(&mut e, "g", v, 100);
            (e.get("f"), e.get("g"))
        };
        for v in ["a\0b", "a\u{7}b", "a\u{1b}[31m", "a\u{7f}", "a\u{85}b"] {
            assert_eq!(
                one_line(v),
                (Some("err.control_chars"), Some("err.control_chars")),
                "{v:?}"
            );
        }
        for v in ["a\nb", "a\r\nb", "a\rb"] {
            assert_eq!(
                one_line(v),
                (Some("err.line_break"), Some("err.line_break")),
                "{v:?}"
            );
        }
        assert_eq!(
            one_line("a\tb"),
            (Some("err.control_chars"), Some("err.control_chars"))
        );
        assert_eq!(one_line(" 山田 花子\n"), (None, None), "trimmed first");
        let multi = |v: &str| {
            let mut e = FieldErrors::new();
            optional_multiline(&mut e, "f", v, 100);
            required_multiline(&mut e, "g", v, 100);
            (e.get("f"), e.get("g"))
        };
        assert_eq!(multi("一行目\r\n二行目\tタブ"), (None, None));
        assert_eq!(
            multi("a\0b"),
            (Some("err.control_chars"), Some("err.control_chars"))
        );
        let mut e = FieldErrors::new();
        email(&mut e, "m", "a\0@example.jp", true);
        assert_eq!(e.get("m"), Some("err.email"));
    }

    #[test]
    fn text_limits_count_characters_not_bytes() {
        let mut e = FieldErrors::new();
        assert_eq!(required_text(&mut e, "a", " 西船橋 ", 3), "西船橋");
        required_text(&mut e, "b", "西船橋駅", 3);
        required_text(&mut e, "c", "  ", 3);
        assert_eq!(e.get("a"), None);
        assert_eq!(e.get("b"), Some("err.too_long"));
        assert_eq!(e.get("c"), Some("err.required"));
    }
}

/// A date typed as `2026-04-01` (what `<input type="date">` sends), `2026/4/1`, or with
/// full-width digits. Returns `None` (with a message) when it is not a real calendar date.
pub fn date(
    errors: &mut FieldErrors,
    field: &'static str,
    value: &str,
    required: bool,
) -> Option<time::Date> {
    let v = normalize_ascii(value);
    if v.is_empty() {
        if required {
            errors.add(field, "err.required");
        }
        return None;
    }
    let parsed = parse_date(&v);
    if parsed.is_none() {
        errors.add(field, "err.date");
    }
    parsed
}

/// Parses `YYYY-MM-DD` or `YYYY/M/D` into a calendar date.
pub fn parse_date(v: &str) -> Option<time::Date> {
    let parts: Vec<&str> = v.split(['-', '/']).collect();
    let [y, m, d] = parts.as_slice() else {
        return None;
    };
    if y.len() != 4 || m.is_empty() || m.len() > 2 || d.is_empty() || d.len() > 2 {
        return None;
    }
    let year: i32 = y.parse().ok()?;
    let month: u8 = m.parse().ok()?;
    let day: u8 = d.parse().ok()?;
    time::Date::from_calendar_date(year, time::Month::try_from(month).ok()?, day).ok()
}

/// A whole number in `min..=max` (full-width digits and thousands separators accepted).
pub fn integer(
    errors: &mut FieldErrors,
    field: &'static str,
    value: &str,
    min: i64,
    max: i64,
    required: bool,
) -> Option<i64> {
    let v: String = normalize_ascii(value)
        .chars()
        .filter(|c| *c != ',')
        .collect();
    if v.is_empty() {
        if required {
            errors.add(field, "err.required");
        }
        return None;
    }
    match v.parse::<i64>() {
        Ok(n) if (min..=max).contains(&n) => Some(n),
        Ok(_) => {
            errors.add(field, "err.out_of_range");
            None
        }
        Err(_) => {
            errors.add(field, "err.number");
            None
        }
    }
}

/// Form bodies with repeated keys (check boxes) and dynamic names, as key/value pairs.
pub struct Pairs(pub Vec<(String, String)>);

impl Pairs {
    /// The first value for `key`, or "".
    pub fn get(&self, key: &str) -> String {
        self.0
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    }
    /// Every value for `key`.
    pub fn all(&self, key: &str) -> Vec<String> {
        self.0
            .iter()
            .filter(|(k, _)| k == key)
            .map(|(_, v)| v.clone())
            .collect()
    }
}

#[cfg(test)]
mod date_tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn dates_in_the_forms_people_type() {
        let cases = [
            ("2026-04-01", Some(date!(2026 - 04 - 01))),
            ("2026/4/1", Some(date!(2026 - 04 - 01))),
            ("２０２８－０２－２９", Some(date!(2028 - 02 - 29))),
            ("2027-02-29", None),
            ("2026-13-01", None),
            ("26-04-01", None),
            ("2026-04", None),
            ("yesterday", None),
        ];
        for (input, expected) in cases {
            assert_eq!(parse_date(&normalize_ascii(input)), expected, "{input}");
        }
    }

    #[test]
    fn integers_with_range() {
        let mut e = FieldErrors::new();
        assert_eq!(
            integer(&mut e, "a", "３７，２００", 0, 100_000, true),
            Some(37_200)
        );
        assert_eq!(integer(&mut e, "b", "-1", 0, 10, true), None);
        assert_eq!(integer(&mut e, "c", "abc", 0, 10, true), None);
        assert_eq!(e.get("a"), None);
        assert_eq!(e.get("b"), Some("err.out_of_range"));
        assert_eq!(e.get("c"), Some("err.number"));
    }
}
