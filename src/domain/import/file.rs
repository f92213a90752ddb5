//! An uploaded file as a sheet of cells: .xlsx (read with calamine, docs/decisions/0010),
//! or CSV in UTF-8 (with or without a BOM) or Shift_JIS, Excel's default for CSV on Japanese
//! Windows (read with encoding_rs, docs/decisions/0003). A file that is none of these gets a
//! message key saying what it is instead.

use std::io::Cursor;

use calamine::{Data, Reader, Xlsx};
use encoding_rs::SHIFT_JIS;

use super::{Cell, Sheet};

/// The largest file the import takes. The request body limit (`app::router`, 1 MiB) is
/// above it with room for the form around the file.
pub const MAX_BYTES: usize = 1000 * 1000;

/// Why a file cannot be read: the message key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileError {
    /// Nothing in it (`import.err.empty_file`).
    Empty,
    /// Over [`MAX_BYTES`] (`import.err.too_large`).
    TooLarge,
    /// An OLE compound file: a password-protected .xlsx (Excel encrypts into one) or an old
    /// .xls (`import.err.encrypted`).
    Encrypted,
    /// A zip that is no readable workbook (`import.err.broken_xlsx`).
    BrokenXlsx,
    /// Text in neither UTF-8 nor Shift_JIS (`import.err.encoding`).
    Encoding,
}

impl FileError {
    pub fn key(self) -> &'static str {
        match self {
            FileError::Empty => "import.err.empty_file",
            FileError::TooLarge => "import.err.too_large",
            FileError::Encrypted => "import.err.encrypted",
            FileError::BrokenXlsx => "import.err.broken_xlsx",
            FileError::Encoding => "import.err.encoding",
        }
    }
}

/// The signature of an OLE compound file (MS-CFB §2.2).
const CFB_MAGIC: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
/// A zip's local file header ("PK\x03\x04"): every .xlsx starts with one.
const ZIP_MAGIC: [u8; 4] = [0x50, 0x4B, 0x03, 0x04];

/// Reads the file's first sheet (a workbook) or its rows (CSV).
pub fn read(bytes: &[u8]) -> Result<Sheet, FileError> {
    if bytes.len() > MAX_BYTES {
        return Err(FileError::TooLarge);
    }
    let sheet = if bytes.starts_with(&CFB_MAGIC) {
        return Err(FileError::Encrypted);
    } else if bytes.starts_with(&ZIP_MAGIC) {
        read_xlsx(bytes)?
    } else {
        read_csv(bytes)?
    };
    if sheet.iter().all(|r| r.iter().all(|c| c.is_empty())) {
        return Err(FileError::Empty);
    }
    Ok(sheet)
}

fn read_xlsx(bytes: &[u8]) -> Result<Sheet, FileError> {
    let mut workbook: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).map_err(|_| FileError::BrokenXlsx)?;
    let range = workbook
        .worksheet_range_at(0)
        .ok_or(FileError::Empty)?
        .map_err(|_| FileError::BrokenXlsx)?;
    // The range starts at its first used cell; rows above it are empty.
    let (first_row, first_col) = range.start().unwrap_or((0, 0));
    let mut sheet: Sheet = vec![Vec::new(); first_row as usize];
    for row in range.rows() {
        let mut cells = vec![Cell::Empty; first_col as usize];
        cells.extend(row.iter().map(cell_of));
        sheet.push(cells);
    }
    // The header is the first row with anything in it.
    let skip = sheet
        .iter()
        .position(|r| r.iter().any(|c| !c.is_empty()))
        .unwrap_or(0);
    Ok(sheet.split_off(skip))
}

fn cell_of(d: &Data) -> Cell {
    match d {
        Data::Empty | Data::Error(_) => Cell::Empty,
        Data::Int(n) => Cell::Number(*n as f64),
        Data::Float(f) => Cell::Number(*f),
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => Cell::Text(s.clone()),
        Data::Bool(b) => Cell::Bool(*b),
        // A date-formatted cell: the workbook knows its epoch (1900 or 1904).
        Data::DateTime(dt) => {
            let (y, m, d, ..) = dt.to_ymd_hms_milli();
            Cell::Text(format!("{y:04}-{m:02}-{d:02}"))
        }
    }
}

fn read_csv(bytes: &[u8]) -> Result<Sheet, FileError> {
    let text = match std::str::from_utf8(bytes) {
        Ok(t) => t.to_string(),
        Err(_) => {
            let (text, had_errors) = SHIFT_JIS.decode_without_bom_handling(bytes);
            if had_errors {
                return Err(FileError::Encoding);
            }
            text.into_owned()
        }
    };
    if text.contains('\0') {
        return Err(FileError::Encoding);
    }
    Ok(crate::domain::csv::parse(&text)
        .into_iter()
        .map(|row| {
            row.into_iter()
                .map(|s| {
                    if s.trim().is_empty() {
                        Cell::Empty
                    } else {
                        Cell::Text(s)
                    }
                })
                .collect()
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_in_utf8_with_or_without_bom_and_in_shift_jis() {
        let text = "氏名,ふりがな\r\n山田 花子,やまだ はなこ\r\n";
        let expected = vec![
            vec![Cell::Text("氏名".into()), Cell::Text("ふりがな".into())],
            vec![
                Cell::Text("山田 花子".into()),
                Cell::Text("やまだ はなこ".into()),
            ],
        ];
        assert_eq!(read(text.as_bytes()), Ok(expected.clone()));
        assert_eq!(
            read(format!("\u{feff}{text}").as_bytes()),
            Ok(expected.clone())
        );
        let (sjis, _, bad) = SHIFT_JIS.encode(text);
        assert!(!bad);
        assert_eq!(read(&sjis), Ok(expected));
    }

    #[test]
    fn files_that_are_no_sheet() {
        let mut encrypted = CFB_MAGIC.to_vec();
        encrypted.extend([0u8; 504]);
        assert_eq!(read(&encrypted), Err(FileError::Encrypted));
        let mut broken = ZIP_MAGIC.to_vec();
        broken.extend(b"not really a workbook");
        assert_eq!(read(&broken), Err(FileError::BrokenXlsx));
        assert_eq!(read(b""), Err(FileError::Empty));
        assert_eq!(read(b" ,\r\n,\r\n"), Err(FileError::Empty));
        assert_eq!(read(&[0x82, 0xA0, 0xFF, 0xFF]), Err(FileError::Encoding));
        assert_eq!(read(&vec![b'a'; MAX_BYTES + 1]), Err(FileError::TooLarge));
    }
}
