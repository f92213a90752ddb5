//! iCalendar (RFC 5545) text for a supporter's feed: all-day events only, one summary each.
//!
//! Pure: the caller passes the events and the time stamp. The format rules that calendar
//! apps are strict about are all here: CRLF line ends (§3.1), lines folded at 75 octets
//! without cutting a UTF-8 character in two (§3.1), TEXT values escaped (§3.3.11), a UID
//! that stays the same for the same item across fetches (§3.8.4.7) so that apps update an
//! event instead of duplicating it, and DTSTAMP in UTC (§3.8.7.2).

use time::{Date, OffsetDateTime, UtcOffset};

/// The longest content line in octets, not counting the CRLF (RFC 5545 §3.1).
const MAX_OCTETS: usize = 75;

/// One all-day event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    /// Stable per item, e.g. `contact-12@teichaku`.
    pub uid: String,
    pub date: Date,
    /// Plain text; escaped when written.
    pub summary: String,
}

/// A whole VCALENDAR with `events`, every line ending in CRLF.
pub fn calendar(name: &str, events: &[Event], stamp: OffsetDateTime) -> String {
    let stamp = utc_stamp(stamp);
    let mut lines: Vec<String> = vec![
        "BEGIN:VCALENDAR".into(),
        "VERSION:2.0".into(),
        "PRODID:-//Teichaku//Teichaku//JA".into(),
        "CALSCALE:GREGORIAN".into(),
        "METHOD:PUBLISH".into(),
        // Not in RFC 5545, but Google Calendar, Outlook and Apple Calendar show it as the
        // subscription's name.
        format!("X-WR-CALNAME:{}", escape_text(name)),
    ];
    for e in events {
        lines.push("BEGIN:VEVENT".into());
        lines.push(format!("UID:{}", escape_text(&e.uid)));
        lines.push(format!("DTSTAMP:{stamp}"));
        lines.push(format!("DTSTART;VALUE=DATE:{}", ical_date(e.date)));
        // DTEND is exclusive: an all-day event ends at the start of the next day.
        lines.push(format!(
            "DTEND;VALUE=DATE:{}",
            ical_date(e.date.next_day().unwrap_or(e.date))
        ));
        lines.push(format!("SUMMARY:{}", escape_text(&e.summary)));
        // A reminder of a date, not a meeting that fills the day: show the time as free.
        lines.push("TRANSP:TRANSPARENT".into());
        lines.push("END:VEVENT".into());
    }
    lines.push("END:VCALENDAR".into());
    let mut out = String::new();
    for line in lines {
        out.push_str(&fold(&line));
        out.push_str("\r\n");
    }
    out
}

/// Escapes a TEXT value: backslash, semicolon, comma and line breaks (RFC 5545 §3.3.11).
/// Other control characters are not allowed in a content line and are dropped.
pub fn escape_text(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    let mut chars = value.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\r' => {
                // CRLF is one line break.
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push_str("\\n");
            }
            '\n' => out.push_str("\\n"),
            '\t' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Folds one content line: at most 75 octets per physical line, continuation lines start
/// with a space (which counts toward their 75), never cutting a character in two. Lines
/// are joined with CRLF; no CRLF at the end.
pub fn fold(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + line.len() / MAX_OCTETS * 3);
    let mut used = 0;
    for c in line.chars() {
        let len = c.len_utf8();
        if used + len > MAX_OCTETS {
            out.push_str("\r\n ");
            used = 1;
        }
        out.push(c);
        used += len;
    }
    out
}

/// `YYYYMMDD` (RFC 5545 DATE).
fn ical_date(d: Date) -> String {
    format!("{:04}{:02}{:02}", d.year(), u8::from(d.month()), d.day())
}

/// `YYYYMMDDTHHMMSSZ` (RFC 5545 DATE-TIME in UTC).
fn utc_stamp(at: OffsetDateTime) -> String {
    let t = at.to_offset(UtcOffset::UTC);
    format!(
        "{}T{:02}{:02}{:02}Z",
        ical_date(t.date()),
        t.hour(),
        t.minute(),
        t.second()
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::{date, datetime};

    /// Undoes folding (RFC 5545 §3.1): a CRLF followed by one space disappears.
    fn unfold(text: &str) -> String {
        text.replace("\r\n ", "")
    }

    #[test]
    fn a_long_japanese_line_is_folded_between_characters() {
        let summary = "期限: 主治医の意見書を受け取り、職場の上司と配慮事項を確認する (山田 花子)";
        let line = format!("SUMMARY:{}", escape_text(summary));
        assert!(line.len() > MAX_OCTETS, "the test line needs folding");
        let folded = fold(&line);
        let parts: Vec<&str> = folded.split("\r\n").collect();
        assert!(parts.len() >= 2, "{folded:?}");
        for (i, part) in parts.iter().enumerate() {
            assert!(
                part.len() <= MAX_OCTETS,
                "line {i} is {} octets",
                part.len()
            );
            if i > 0 {
                assert!(part.starts_with(' '), "continuation starts with a space");
            }
        }
        // Each line is filled as far as whole characters allow: the next character would
        // not have fitted.
        for pair in parts.windows(2) {
            let next = pair[1][1..].chars().next().map_or(0, char::len_utf8);
            assert!(pair[0].len() + next > MAX_OCTETS, "{pair:?}");
        }
        assert_eq!(unfold(&folded), line);
    }

    #[test]
    fn lines_of_75_octets_or_less_are_left_alone() {
        let exact = "X".repeat(75);
        assert_eq!(fold(&exact), exact);
        let over = "X".repeat(76);
        assert_eq!(fold(&over), format!("{}\r\n X", "X".repeat(75)));
        // A long ASCII line: continuation lines carry 74 octets after their space.
        let long = "Y".repeat(75 + 74 + 10);
        let folded = fold(&long);
        let parts: Vec<&str> = folded.split("\r\n").collect();
        assert_eq!(
            parts.iter().map(|p| p.len()).collect::<Vec<_>>(),
            vec![75, 75, 11]
        );
    }

    #[test]
    fn text_values_are_escaped() {
        let cases = [
            ("a,b;c", "a\\,b\\;c"),
            ("C:\\tmp", "C:\\\\tmp"),
            ("一行目\n二行目", "一行目\\n二行目"),
            ("一行目\r\n二行目\r三行目", "一行目\\n二行目\\n三行目"),
            ("tab\there", "tab here"),
            ("bell\u{7}", "bell"),
            ("期限: 書類 (山田)", "期限: 書類 (山田)"),
        ];
        for (input, expected) in cases {
            assert_eq!(escape_text(input), expected, "{input:?}");
        }
    }

    #[test]
    fn a_calendar_with_all_day_events() {
        let events = vec![
            Event {
                uid: "contact-12@teichaku".into(),
                date: date!(2026 - 12 - 31),
                summary: "次回面談: 山田 花子".into(),
            },
            Event {
                uid: "task-3@teichaku".into(),
                date: date!(2026 - 12 - 01),
                summary: "期限: 書類を届ける, 会社へ; 確認 (山田 花子)".into(),
            },
        ];
        let text = calendar("定着 Teichaku", &events, datetime!(2026-11-27 10:05:09 +9));
        assert!(text.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"));
        assert!(text.ends_with("END:VCALENDAR\r\n"));
        // Every line break is CRLF.
        assert_eq!(text.matches('\n').count(), text.matches("\r\n").count());
        for expected in [
            "UID:contact-12@teichaku\r\n",
            "DTSTAMP:20261127T010509Z\r\n",
            "DTSTART;VALUE=DATE:20261231\r\nDTEND;VALUE=DATE:20270101\r\n",
            "SUMMARY:次回面談: 山田 花子\r\n",
            "DTSTART;VALUE=DATE:20261201\r\n",
            "SUMMARY:期限: 書類を届ける\\, 会社へ\\; 確認 (山田 花子)\r\n",
        ] {
            assert!(text.contains(expected), "missing {expected:?} in {text}");
        }
        assert_eq!(text.matches("BEGIN:VEVENT").count(), 2);
        assert_eq!(text.matches("END:VEVENT").count(), 2);
    }

    #[test]
    fn an_empty_calendar_is_still_valid() {
        let text = calendar("x", &[], datetime!(2026-01-01 00:00 UTC));
        assert_eq!(
            text,
            "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Teichaku//Teichaku//JA\r\n\
             CALSCALE:GREGORIAN\r\nMETHOD:PUBLISH\r\nX-WR-CALNAME:x\r\nEND:VCALENDAR\r\n"
        );
    }
}
