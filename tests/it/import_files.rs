//! Spreadsheets for the import tests, made here: an .xlsx is a zip of a few XML parts
//! (ECMA-376 Part 1: the content types, the package and workbook relationships, the
//! workbook and one worksheet with inline strings), written with the `zip` crate the
//! application already uses. And the data set of the issue: 30 clients, 3 of them bad.
use std::io::{Cursor, Write};

use teichaku::domain::kokuho::municipality_check_digit;

/// A cell of a test sheet.
#[derive(Debug, Clone)]
pub enum X {
    S(String),
    N(f64),
    Empty,
}

fn s(v: impl Into<String>) -> X {
    X::S(v.into())
}

fn col_name(mut i: usize) -> String {
    let mut out = Vec::new();
    i += 1;
    while i > 0 {
        out.push(char::from(b'A' + ((i - 1) % 26) as u8));
        i = (i - 1) / 26;
    }
    out.iter().rev().collect()
}

fn escape(v: &str) -> String {
    v.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The workbook bytes for `rows` (the first sheet).
pub fn xlsx(rows: &[Vec<X>]) -> Vec<u8> {
    let mut sheet = String::from(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"#,
    );
    for (r, row) in rows.iter().enumerate() {
        sheet.push_str(&format!(r#"<row r="{}">"#, r + 1));
        for (c, cell) in row.iter().enumerate() {
            let at = format!("{}{}", col_name(c), r + 1);
            match cell {
                X::S(v) => sheet.push_str(&format!(
                    r#"<c r="{at}" t="inlineStr"><is><t>{}</t></is></c>"#,
                    escape(v)
                )),
                X::N(n) => sheet.push_str(&format!(r#"<c r="{at}"><v>{n}</v></c>"#)),
                X::Empty => {}
            }
        }
        sheet.push_str("</row>");
    }
    sheet.push_str("</sheetData></worksheet>");
    let parts = [
        (
            "[Content_Types].xml",
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"#.to_string(),
        ),
        (
            "_rels/.rels",
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#.to_string(),
        ),
        (
            "xl/workbook.xml",
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="利用者" sheetId="1" r:id="rId1"/></sheets></workbook>"#.to_string(),
        ),
        (
            "xl/_rels/workbook.xml.rels",
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#.to_string(),
        ),
        ("xl/worksheets/sheet1.xml", sheet),
    ];
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for (name, body) in parts {
        zip.start_file(name, zip::write::SimpleFileOptions::default())
            .expect("zip part");
        zip.write_all(body.as_bytes()).expect("zip write");
    }
    zip.finish().expect("zip").into_inner()
}

/// The headers as an office's own sheet might have them: the template's words, an alias
/// (受給者番号, フリガナ) and a column the import does not know (備考).
pub const HEADERS: [&str; 20] = [
    "氏名",
    "フリガナ",
    "生年月日",
    "障害種別",
    "利用前のサービス",
    "利用前の事業所名",
    "勤務先",
    "勤務地の住所",
    "職務",
    "週の所定労働時間",
    "通常の事業所での雇用",
    "雇用開始日",
    "受給者番号",
    "市町村番号",
    "市町村名",
    "所得区分",
    "負担上限月額",
    "支給決定期間の開始日",
    "支給決定期間の終了日",
    "備考",
];

/// The 受給者証番号 of client `i` (1-based).
pub fn certificate_number(i: usize) -> String {
    format!("{:010}", 5_100_000_000u64 + i as u64)
}

fn municipality(i: usize) -> String {
    let body = format!("{:05}", 12_200 + i);
    let digit = municipality_check_digit(&body).expect("5 digits");
    format!("{body}{digit}")
}

/// The rows of 30 clients. With `bad`, three are wrong: client 5's 市町村番号 has a wrong
/// check digit, client 12 repeats client 11's 受給者証番号, client 20 was born on H31.5.1 (a
/// day of 令和, not 平成). Dates are written as serial numbers, in 和暦 and with full-width
/// digits, as offices' sheets do.
pub fn thirty_clients(bad: bool) -> Vec<Vec<X>> {
    let mut rows = vec![HEADERS.iter().map(|h| s(*h)).collect::<Vec<_>>()];
    for i in 1..=30 {
        let birth = match i % 3 {
            0 => X::N(35_000.0 + i as f64), // 1995-10-…, an Excel date
            1 => s(format!("H8.4.{}", i % 28 + 1)),
            _ => s(format!("１９９７年５月{}日", i % 28 + 1)),
        };
        let birth = if bad && i == 20 { s("H31.5.1") } else { birth };
        let mut number = certificate_number(i);
        if bad && i == 12 {
            number = certificate_number(11);
        }
        let mut muni = municipality(i);
        if bad && i == 5 {
            let last = muni.pop().and_then(|c| c.to_digit(10)).unwrap_or(0);
            muni.push(char::from_digit((last + 1) % 10, 10).unwrap_or('0'));
        }
        let (category, cap) = if i % 2 == 0 {
            ("一般1", 9_300.0)
        } else {
            ("一般2", 37_200.0)
        };
        rows.push(vec![
            s(format!("取込 利用者{i}")),
            s("トリコミ リヨウシャ"),
            birth,
            s(if i % 4 == 0 {
                "精神、発達"
            } else {
                "精神"
            }),
            s("就労移行支援"),
            s("就労移行支援事業所みなと"),
            s(format!("株式会社サンプル{i}")),
            s("千葉県船橋市本町1-1"),
            s("事務補助"),
            X::N(30.0),
            s("はい"),
            X::N(45_748.0), // 2025-04-01
            s(number),
            s(muni),
            s("船橋市"),
            s(category),
            X::N(cap),
            s("令和7年10月1日"),
            s("R8.9.30"),
            if i == 7 { s("メモ") } else { X::Empty },
        ]);
    }
    rows
}

/// A multipart body with the CSRF token and the file: (content type, body).
pub fn multipart(token: &str, file_name: &str, bytes: &[u8]) -> (String, Vec<u8>) {
    let boundary = "teichakuTestBoundary7MA4YWxkTrZu0gW";
    let mut body = Vec::new();
    body.extend(
        format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n{token}\r\n--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{file_name}\"\r\nContent-Type: application/octet-stream\r\n\r\n"
        )
        .as_bytes(),
    );
    body.extend(bytes);
    body.extend(format!("\r\n--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}
