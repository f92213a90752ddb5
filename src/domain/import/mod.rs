//! Importing clients from a spreadsheet (issue 15): the columns the import knows, the
//! mapping of a file's columns to them, and each row read into the same inputs the forms
//! make (`domain::client`), with the forms' own field messages by row and column. The file
//! itself is read in `file`, dates in `dates`. Nothing here touches the database: which
//! 受給者証番号 are already registered is passed in.

pub mod dates;
pub mod file;

use std::collections::{BTreeMap, HashMap};

use time::Date;

use super::client::{
    CertificateForm, CertificateInput, ClientForm, ClientInput, ContractInput, Disability,
    EmploymentForm, EmploymentInput, parse_contract,
};
use super::fields::{FieldErrors, Pairs, normalize_ascii};
use super::kokuho::is_valid_municipality_number;
use super::rules::charge::IncomeCategory;
use super::rules::eligibility::PriorService;
use super::rules::master::cap_table_on;
use super::rules::period::service_window;

/// A spreadsheet cell as read from the file.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Empty,
    Text(String),
    /// A number cell (a serial day number when the column is a date).
    Number(f64),
    Bool(bool),
}

impl Cell {
    /// As shown in the preview.
    pub fn display(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(s) => s.trim().to_string(),
            Cell::Number(n) => number_text(*n),
            Cell::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_string(),
        }
    }

    pub fn is_empty(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(s) => s.trim().is_empty(),
            _ => false,
        }
    }
}

fn number_text(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        format!("{n}")
    }
}

/// The rows of the first sheet, the header row first.
pub type Sheet = Vec<Vec<Cell>>;

/// What a column is read as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
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
    kind: Kind,
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

const EMPLOYMENT: &[&str] = &[
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
const CONTRACT: &[&str] = &["contract_date", "start_date"];

pub fn column(code: &str) -> Option<&'static Column> {
    COLUMNS.iter().find(|c| c.code == code)
}

/// A header as compared: full-width letters and digits made ASCII, spaces and brackets
/// dropped, lower case.
fn header_key(h: &str) -> String {
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

/// One row's inputs, ready to be stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowInput {
    pub client: ClientInput,
    pub employment: Option<EmploymentInput>,
    pub certificate: CertificateInput,
    pub contract: Option<ContractInput>,
}

/// What happens to a row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Valid and new: imported.
    New(Box<RowInput>),
    /// Its 受給者証番号 is already registered: left as it is (importing a file again changes
    /// nothing).
    Exists,
    /// Problems: (column code, message key), not imported.
    Invalid(Vec<(&'static str, &'static str)>),
}

/// A data row of the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// Its row number in the spreadsheet (the header is row 1).
    pub line: usize,
    pub certificate_number: String,
    pub outcome: Outcome,
}

/// Reads every data row under `mapping`. `registered` are the 受給者証番号 already in the
/// database. Wholly empty rows are skipped.
pub fn read_rows(sheet: &Sheet, mapping: &Mapping, registered: &[String], today: Date) -> Vec<Row> {
    let mut rows = Vec::new();
    let mut seen: HashMap<String, usize> = HashMap::new();
    for (i, cells) in sheet.iter().enumerate().skip(1) {
        if cells.iter().all(Cell::is_empty) {
            continue;
        }
        let values = values_of(cells, mapping);
        let number = normalize_ascii(values.get("certificate_number").map_or("", String::as_str));
        let mut outcome = read_row(&values, today);
        if !number.is_empty() {
            if seen.contains_key(&number) {
                outcome = with_problem(
                    outcome,
                    "certificate_number",
                    "import.err.duplicate_in_file",
                );
            } else {
                seen.insert(number.clone(), i + 1);
                if registered.contains(&number) && !matches!(outcome, Outcome::Invalid(_)) {
                    outcome = Outcome::Exists;
                }
            }
        }
        rows.push(Row {
            line: i + 1,
            certificate_number: number,
            outcome,
        });
    }
    rows
}

fn with_problem(outcome: Outcome, code: &'static str, key: &'static str) -> Outcome {
    match outcome {
        Outcome::Invalid(mut p) => {
            if !p.iter().any(|(c, _)| *c == code) {
                p.push((code, key));
            } else if let Some(slot) = p.iter_mut().find(|(c, _)| *c == code) {
                slot.1 = key;
            }
            Outcome::Invalid(p)
        }
        _ => Outcome::Invalid(vec![(code, key)]),
    }
}

/// The row's values by column code, as the forms would receive them.
fn values_of(cells: &[Cell], mapping: &Mapping) -> HashMap<&'static str, String> {
    let mut out = HashMap::new();
    for (cell, c) in cells.iter().zip(&mapping.0) {
        if let Some(c) = c {
            out.insert(c.code, value_for(cell, c.kind));
        }
    }
    out
}

/// A cell as the form field's text: dates as `YYYY-MM-DD` (left as written when they are no
/// date, so the form says so), numbers without `.0`, digits padded where Excel dropped
/// leading zeros.
fn value_for(cell: &Cell, kind: Kind) -> String {
    match (cell, kind) {
        (Cell::Empty, _) => String::new(),
        (Cell::Number(n), Kind::Date) => dates::from_excel_serial(*n)
            .map(|d| d.to_string())
            .unwrap_or_else(|| number_text(*n)),
        (Cell::Text(s), Kind::Date) => dates::parse_text(s)
            .map(|d| d.to_string())
            .unwrap_or_else(|| s.trim().to_string()),
        (Cell::Number(n), Kind::Digits(len)) if n.fract() == 0.0 && *n >= 0.0 => {
            format!("{:0len$}", *n as u64)
        }
        (Cell::Bool(b), _) => if *b { "yes" } else { "no" }.to_string(),
        (c, _) => c.display(),
    }
}

fn read_row(v: &HashMap<&'static str, String>, today: Date) -> Outcome {
    let get = |k: &str| v.get(k).cloned().unwrap_or_default();
    let mut problems: Vec<(&'static str, &'static str)> = Vec::new();
    let mut take = |e: FieldErrors| problems.extend(e.iter().copied());

    let mut pairs = vec![
        ("client_name".to_string(), get("client_name")),
        ("kana".to_string(), katakana_half_to_full(&get("kana"))),
        ("birth_date".to_string(), get("birth_date")),
        ("phone".to_string(), get("phone")),
        ("email".to_string(), get("email")),
        ("address".to_string(), get("address")),
        (
            "prior_service".to_string(),
            prior_service_code(&get("prior_service")),
        ),
        ("prior_office_name".to_string(), get("prior_office_name")),
    ];
    for d in disability_codes(&get("disabilities")) {
        pairs.push(("disabilities".to_string(), d));
    }
    let client = ClientForm::from_pairs(&Pairs(pairs))
        .parse(today, &[])
        .map_err(&mut take)
        .ok();

    let has_employment = EMPLOYMENT.iter().any(|k| !get(k).trim().is_empty());
    let employment = if has_employment {
        EmploymentForm {
            employer_name: get("employer_name"),
            workplace_address: get("workplace_address"),
            supervisor_name: get("supervisor_name"),
            supervisor_contact: get("supervisor_contact"),
            job_title: get("job_title"),
            weekly_hours: get("weekly_hours"),
            ordinary_employment: yes_no(&get("ordinary_employment")),
            hire_date: get("hire_date"),
            return_to_work_date: get("return_to_work_date"),
            end_date: String::new(),
            end_reason: String::new(),
        }
        .parse(today)
        .map_err(&mut take)
        .ok()
    } else {
        None
    };

    let certificate = CertificateForm {
        number: get("certificate_number"),
        municipality_code: get("municipality_code"),
        municipality_name: get("municipality_name"),
        income_category: income_category_code(&get("income_category")),
        monthly_cap_yen: get("monthly_cap_yen"),
        cap_manager_office: get("cap_manager_office"),
        period_start: get("period_start"),
        period_end: get("period_end"),
    }
    .parse()
    .map_err(&mut take)
    .ok();
    if let Some(c) = &certificate {
        if let Some(key) = certificate_problem(c) {
            let field = if key == "import.err.municipality_check_digit" {
                "municipality_code"
            } else {
                "monthly_cap_yen"
            };
            problems.push((field, key));
        }
    }

    let has_contract = CONTRACT.iter().any(|k| !get(k).trim().is_empty());
    let contract = if has_contract {
        let window = employment
            .as_ref()
            .map(|e| service_window(e.hire_date, e.return_to_work_date));
        let mut e = FieldErrors::new();
        let c = parse_contract(
            &mut e,
            &get("contract_date"),
            &get("start_date"),
            window.as_ref(),
        );
        // Without a valid employment the contract cannot be checked; the employment's own
        // message says why.
        if has_employment && employment.is_none() {
            None
        } else {
            problems.extend(e.iter().copied());
            c
        }
    } else {
        None
    };

    match (client, certificate) {
        (Some(client), Some(certificate)) if problems.is_empty() => {
            Outcome::New(Box::new(RowInput {
                client,
                employment,
                certificate,
                contract,
            }))
        }
        _ => Outcome::Invalid(problems),
    }
}

/// What the forms do not check on a certificate but a file from elsewhere may get wrong:
/// the 市町村番号's check digit (domain.md §7.3, an inference reproducing every published
/// 栃木県 number) and a cap that is not the one the income category has (domain.md §5: the
/// cap is read from the certificate, so a different figure is a typing slip to look at).
pub fn certificate_problem(c: &CertificateInput) -> Option<&'static str> {
    if !is_valid_municipality_number(&c.municipality_code) {
        return Some("import.err.municipality_check_digit");
    }
    let category = IncomeCategory::parse(&c.income_category)?;
    let table = cap_table_on(c.period.0).ok()?;
    (u64::try_from(c.monthly_cap_yen).ok() != Some(table.cap_yen(category)))
        .then_some("import.err.cap_for_category")
}

/// 所得区分 as written (生活保護, 低所得, 一般1, 一般２…) or as its code.
fn income_category_code(v: &str) -> String {
    let v = normalize_ascii(v).replace(' ', "");
    IncomeCategory::ALL
        .into_iter()
        .find(|c| c.code() == v || c.label_ja() == v || v.starts_with(c.label_ja()))
        .map_or(v, |c| c.code().to_string())
}

/// 利用前のサービス as written (就労移行支援, 就労継続支援Ｂ型, なし…) or as its code.
fn prior_service_code(v: &str) -> String {
    let key = header_key(v);
    if matches!(key.as_str(), "なし" | "無" | "該当なし") {
        return PriorService::None.code().to_string();
    }
    PriorService::ALL
        .into_iter()
        .find(|s| s.code() == key || header_key(s.label_ja()) == key)
        .map_or(v.trim().to_string(), |s| s.code().to_string())
}

/// 障害種別, several separated by 、 , ・ / or spaces: 精神, 精神障害, 発達 or the codes.
/// An unknown word gives no code, so the form says to choose one.
fn disability_codes(v: &str) -> Vec<String> {
    normalize_ascii(v)
        .split(['、', ',', '・', '/', ' ', '，'])
        .filter(|w| !w.is_empty())
        .filter_map(|w| {
            let w = w.trim_end_matches("障害");
            Disability::ALL
                .into_iter()
                .find(|d| {
                    d.code() == w
                        || matches!(
                            (d, w),
                            (Disability::Physical, "身体")
                                | (Disability::Intellectual, "知的")
                                | (Disability::Mental, "精神")
                                | (Disability::Developmental, "発達")
                                | (Disability::Intractable, "難病")
                        )
                })
                .map(|d| d.code().to_string())
        })
        .collect()
}

/// はい/いいえ, yes/no, ○/×, 1/0 as the form's `yes`/`no`; anything else as written.
fn yes_no(v: &str) -> String {
    match normalize_ascii(v).to_lowercase().as_str() {
        "はい" | "yes" | "○" | "◯" | "1" | "true" | "有" => "yes".to_string(),
        "いいえ" | "no" | "×" | "0" | "false" | "無" => "no".to_string(),
        other => other.to_string(),
    }
}

/// Half-width katakana (ﾔﾏﾀﾞ ﾊﾅｺ, as older packages export) as full-width, so the form's
/// ふりがな check reads it; dakuten and handakuten are joined.
fn katakana_half_to_full(v: &str) -> String {
    const BASE: &str = "ｦｧｨｩｪｫｬｭｮｯｰｱｲｳｴｵｶｷｸｹｺｻｼｽｾｿﾀﾁﾂﾃﾄﾅﾆﾇﾈﾉﾊﾋﾌﾍﾎﾏﾐﾑﾒﾓﾔﾕﾖﾗﾘﾙﾚﾛﾜﾝ";
    const FULL: &str = "ヲァィゥェォャュョッーアイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワン";
    let mut out = String::new();
    for c in v.chars() {
        match c {
            'ﾞ' | 'ﾟ' => {
                let combined = out.pop().and_then(|prev| {
                    let step = if c == 'ﾞ' { 1 } else { 2 };
                    let ok = if c == 'ﾞ' {
                        "カキクケコサシスセソタチツテトハヒフヘホ".contains(prev)
                    } else {
                        "ハヒフヘホ".contains(prev)
                    };
                    if ok {
                        char::from_u32(prev as u32 + step)
                    } else if prev == 'ウ' && c == 'ﾞ' {
                        Some('ヴ')
                    } else {
                        out.push(prev);
                        None
                    }
                });
                if let Some(x) = combined {
                    out.push(x);
                }
            }
            _ => match BASE.chars().position(|b| b == c) {
                Some(i) => out.extend(FULL.chars().nth(i)),
                None => out.push(c),
            },
        }
    }
    out
}

/// The template file's header row.
pub fn template_headers() -> Vec<&'static str> {
    COLUMNS.iter().map(|c| c.header).collect()
}

#[cfg(test)]
mod tests;
