//! The columns the import knows and the mapping of a file's columns to them.

use std::collections::BTreeMap;

use crate::domain::fields::normalize_ascii;

/// What a column is read as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    Text,
    Date,
    /// Digits of this length: a number cell lost its leading zeros in Excel, so it is padded.
    Digits(usize),
}

/// A column the import knows. Its code is the form field's name, so a row's messages are
/// the forms' messages for that field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Column {
    pub code: &'static str,
    /// The header in the template file.
    pub header: &'static str,
    /// Other headers that mean it, as other packages and offices' own sheets write them.
    aliases: &'static [&'static str],
    pub required: bool,
    pub(super) kind: Kind,
}

const fn col(
    code: &'static str,
    header: &'static str,
    aliases: &'static [&'static str],
    required: bool,
    kind: Kind,
) -> Column {
    Column {
        code,
        header,
        aliases,
        required,
        kind,
    }
}

/// Every column, in the template's order: the client, the employment, the 受給者証 with its
/// first 支給決定 period, and the contract.
pub const COLUMNS: &[Column] = &[
    col(
        "client_name",
        "氏名",
        &["利用者名", "名前", "利用者氏名"],
        true,
        Kind::Text,
    ),
    col(
        "kana",
        "ふりがな",
        &["フリガナ", "氏名カナ", "カナ", "よみがな"],
        true,
        Kind::Text,
    ),
    col("birth_date", "生年月日", &["誕生日"], true, Kind::Date),
    col(
        "phone",
        "電話番号",
        &["電話", "連絡先電話番号", "TEL"],
        false,
        Kind::Text,
    ),
    col(
        "email",
        "メールアドレス",
        &["メール", "Eメール", "E-mail"],
        false,
        Kind::Text,
    ),
    col("address", "住所", &["現住所"], false, Kind::Text),
    col(
        "disabilities",
        "障害種別",
        &["障害の種別", "障害"],
        true,
        Kind::Text,
    ),
    col(
        "prior_service",
        "利用前のサービス",
        &["前サービス", "利用していたサービス"],
        true,
        Kind::Text,
    ),
    col(
        "prior_office_name",
        "利用前の事業所名",
        &["前事業所", "送り出し事業所"],
        false,
        Kind::Text,
    ),
    col(
        "employer_name",
        "勤務先",
        &["就職先", "企業名", "会社名"],
        false,
        Kind::Text,
    ),
    col(
        "workplace_address",
        "勤務地の住所",
        &["勤務地", "勤務先住所"],
        false,
        Kind::Text,
    ),
    col(
        "supervisor_name",
        "上司の氏名",
        &["上司", "担当者"],
        false,
        Kind::Text,
    ),
    col(
        "supervisor_contact",
        "上司の連絡先",
        &["担当者連絡先"],
        false,
        Kind::Text,
    ),
    col(
        "job_title",
        "職務",
        &["職種", "業務内容"],
        false,
        Kind::Text,
    ),
    col(
        "weekly_hours",
        "週の所定労働時間",
        &["週所定労働時間", "労働時間"],
        false,
        Kind::Text,
    ),
    col(
        "ordinary_employment",
        "通常の事業所での雇用",
        &["一般就労"],
        false,
        Kind::Text,
    ),
    col(
        "hire_date",
        "雇用開始日",
        &["就職日", "入社日"],
        false,
        Kind::Date,
    ),
    col("return_to_work_date", "復職日", &[], false, Kind::Date),
    col(
        "certificate_number",
        "受給者証番号",
        &["受給者番号"],
        true,
        Kind::Digits(10),
    ),
    col(
        "municipality_code",
        "市町村番号",
        &["支給市町村番号", "市町村コード"],
        true,
        Kind::Digits(6),
    ),
    col(
        "municipality_name",
        "市町村名",
        &["支給市町村", "支給決定市町村"],
        true,
        Kind::Text,
    ),
    col(
        "income_category",
        "所得区分",
        &["負担区分"],
        true,
        Kind::Text,
    ),
    col(
        "monthly_cap_yen",
        "負担上限月額",
        &["利用者負担上限月額", "上限月額"],
        true,
        Kind::Text,
    ),
    col(
        "cap_manager_office",
        "上限額管理事業所",
        &[],
        false,
        Kind::Text,
    ),
    col(
        "period_start",
        "支給決定期間の開始日",
        &["支給決定開始日", "支給期間開始"],
        true,
        Kind::Date,
    ),
    col(
        "period_end",
        "支給決定期間の終了日",
        &["支給決定終了日", "支給期間終了"],
        true,
        Kind::Date,
    ),
    col(
        "contract_date",
        "契約日",
        &["契約締結日"],
        false,
        Kind::Date,
    ),
    col(
        "start_date",
        "利用開始日",
        &["サービス開始日"],
        false,
        Kind::Date,
    ),
];

pub(super) const EMPLOYMENT: &[&str] = &[
    "employer_name",
    "workplace_address",
    "supervisor_name",
    "supervisor_contact",
    "job_title",
    "weekly_hours",
    "ordinary_employment",
    "hire_date",
    "return_to_work_date",
];
pub(super) const CONTRACT: &[&str] = &["contract_date", "start_date"];

pub fn column(code: &str) -> Option<&'static Column> {
    COLUMNS.iter().find(|c| c.code == code)
}

/// A header as compared: full-width letters and digits made ASCII, spaces and brackets
/// dropped, lower case.
pub(super) fn header_key(h: &str) -> String {
    normalize_ascii(h)
        .chars()
        .filter(|c| !c.is_whitespace() && !"()（）「」[]【】・_".contains(*c))
        .flat_map(char::to_lowercase)
        .collect()
}

/// Which column each of the file's columns is: `None` is not imported.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Mapping(pub Vec<Option<&'static Column>>);

impl Mapping {
    /// The mapping for `headers`: a header remembered for this office (`remembered`:
    /// header → code) first, else the template's header or an alias.
    pub fn guess(headers: &[String], remembered: &BTreeMap<String, String>) -> Mapping {
        Mapping(
            headers
                .iter()
                .map(|h| {
                    if let Some(code) = remembered.get(h.trim()) {
                        return column(code);
                    }
                    let key = header_key(h);
                    COLUMNS.iter().find(|c| {
                        header_key(c.header) == key
                            || c.code == key
                            || c.aliases.iter().any(|a| header_key(a) == key)
                    })
                })
                .collect(),
        )
    }

    /// From the mapping form: one code (or "") per file column.
    pub fn from_codes(codes: &[String]) -> Mapping {
        Mapping(codes.iter().map(|c| column(c.trim())).collect())
    }

    /// What to remember for the office: header → code, for the mapped columns.
    pub fn remembered(&self, headers: &[String]) -> BTreeMap<String, String> {
        headers
            .iter()
            .zip(&self.0)
            .filter_map(|(h, c)| c.map(|c| (h.trim().to_string(), c.code.to_string())))
            .filter(|(h, _)| !h.is_empty())
            .collect()
    }

    /// The problems of the mapping itself: a required column no file column is mapped to
    /// (`import.err.missing_column`), or one mapped twice (`import.err.mapped_twice`).
    pub fn problems(&self) -> Vec<(&'static Column, &'static str)> {
        let mut out = Vec::new();
        for c in COLUMNS {
            let n = self
                .0
                .iter()
                .filter(|m| m.is_some_and(|m| m.code == c.code))
                .count();
            if n == 0 && c.required {
                out.push((c, "import.err.missing_column"));
            } else if n > 1 {
                out.push((c, "import.err.mapped_twice"));
            }
        }
        out
    }
}
