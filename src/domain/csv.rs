//! The one CSV writer for every file people open in a spreadsheet (the claim for the books):
//! UTF-8 with a BOM (so that Excel reads it as UTF-8), CRLF line ends, RFC 4180 quoting, and
//! text cells that a spreadsheet would run as a formula neutralised.
//!
//! Formula injection (OWASP "CSV Injection"): a cell starting with `=`, `+`, `-`, `@`, a tab
//! or a carriage return is taken by Excel and LibreOffice as a formula (`=cmd|' /C calc'!A0`,
//! `=HYPERLINK(…)`). Such a *text* cell is written with a leading `'`, which the spreadsheet
//! shows as text. Numbers are written by [`Cell::Number`] and never prefixed, so `-1200`
//! stays a number a formula can add up. (The 国保連 file, `domain::kokuho`, is not this: a
//! fixed interface file of validated codes, digits and half-width kana.)

/// One cell: text (neutralised, quoted when needed) or a whole number (as is).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cell {
    Text(String),
    Number(i64),
}

impl From<&str> for Cell {
    fn from(s: &str) -> Self {
        Cell::Text(s.to_string())
    }
}

impl From<String> for Cell {
    fn from(s: String) -> Self {
        Cell::Text(s)
    }
}

impl From<i64> for Cell {
    fn from(n: i64) -> Self {
        Cell::Number(n)
    }
}

impl From<u64> for Cell {
    fn from(n: u64) -> Self {
        i64::try_from(n).map_or_else(|_| Cell::Text(n.to_string()), Cell::Number)
    }
}

impl From<u32> for Cell {
    fn from(n: u32) -> Self {
        Cell::Number(i64::from(n))
    }
}

/// A CSV file being written.
#[derive(Debug, Clone)]
pub struct Csv {
    out: String,
}

impl Default for Csv {
    fn default() -> Self {
        Self::new()
    }
}

impl Csv {
    /// An empty file, starting with the UTF-8 BOM.
    pub fn new() -> Self {
        Csv {
            out: String::from("\u{feff}"),
        }
    }

    /// Appends one row.
    pub fn row(&mut self, cells: impl IntoIterator<Item = Cell>) {
        for (i, cell) in cells.into_iter().enumerate() {
            if i > 0 {
                self.out.push(',');
            }
            match cell {
                Cell::Number(n) => self.out.push_str(&n.to_string()),
                Cell::Text(s) => push_text(&mut self.out, &s),
            }
        }
        self.out.push_str("\r\n");
    }

    pub fn into_bytes(self) -> Vec<u8> {
        self.out.into_bytes()
    }
}

/// True when a spreadsheet would read this text as a formula.
pub fn looks_like_formula(s: &str) -> bool {
    s.starts_with(['=', '+', '-', '@', '\t', '\r'])
}

fn push_text(out: &mut String, value: &str) {
    let neutral;
    let value = if looks_like_formula(value) {
        neutral = format!("'{value}");
        neutral.as_str()
    } else {
        value
    };
    if value.contains([',', '"', '\n', '\r']) {
        out.push('"');
        out.push_str(&value.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(value);
    }
}

/// Reads a CSV text (BOM skipped; CRLF, LF or CR line ends; RFC 4180 quoting) into rows of
/// unquoted cells: what [`Csv`] writes, and the files the client import takes
/// (`domain::import::file`).
pub fn parse(text: &str) -> Vec<Vec<String>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut cell = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                cell.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => cell.push(c),
            (false, '"') => quoted = true,
            (false, ',') => row.push(std::mem::take(&mut cell)),
            (false, '\r' | '\n') => {
                if c == '\r' && chars.peek() == Some(&'\n') {
                    chars.next();
                }
                row.push(std::mem::take(&mut cell));
                rows.push(std::mem::take(&mut row));
            }
            (false, c) => cell.push(c),
        }
    }
    if !cell.is_empty() || !row.is_empty() {
        row.push(cell);
        rows.push(row);
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_in_text_are_neutralised_numbers_are_not() {
        let cases = [
            ("=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"),
            (
                "=HYPERLINK(\"http://x\")",
                "\"'=HYPERLINK(\"\"http://x\"\")\"",
            ),
            ("+1+1", "'+1+1"),
            ("-2+3", "'-2+3"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\tx", "'\tx"),
            ("\r=1", "\"'\r=1\""),
            ("山田 花子", "山田 花子"),
            ("a,b", "\"a,b\""),
            ("", ""),
        ];
        for (text, written) in cases {
            let mut csv = Csv::new();
            csv.row([Cell::from(text)]);
            let bytes = csv.into_bytes();
            let out = String::from_utf8(bytes).expect("utf-8");
            assert_eq!(out, format!("\u{feff}{written}\r\n"), "{text:?}");
        }
        let mut csv = Csv::new();
        csv.row([Cell::Number(-1200), Cell::from(3u32), Cell::from("x")]);
        assert_eq!(
            String::from_utf8(csv.into_bytes()).expect("utf-8"),
            "\u{feff}-1200,3,x\r\n"
        );
    }

    #[test]
    fn what_is_written_reads_back() {
        let mut csv = Csv::new();
        csv.row([Cell::from("a,\"b\"\r\nc"), Cell::Number(-5), Cell::from("")]);
        csv.row([Cell::from("x")]);
        let text = String::from_utf8(csv.into_bytes()).expect("utf-8");
        assert_eq!(
            parse(&text),
            vec![
                vec!["a,\"b\"\r\nc".to_string(), "-5".into(), String::new()],
                vec!["x".to_string()]
            ]
        );
    }
}
