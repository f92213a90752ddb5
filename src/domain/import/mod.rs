//! Importing clients from a spreadsheet (issue 15): the columns the import knows, the
//! mapping of a file's columns to them, and each row read into the same inputs the forms
//! make (`domain::client`), with the forms' own field messages by row and column. The file
//! itself is read in `file`, dates in `dates`. Nothing here touches the database: which
//! 受給者証番号 are already registered is passed in.

mod columns;
pub mod dates;
pub mod file;
mod values;

pub use columns::{COLUMNS, Column, Mapping, column};
use columns::{CONTRACT, EMPLOYMENT, Kind};
use values::{
    disability_codes, income_category_code, katakana_half_to_full, prior_service_code, yes_no,
};

use std::collections::HashMap;

use time::Date;

use super::client::{
    CertificateForm, CertificateInput, ClientForm, ClientInput, ContractInput, EmploymentForm,
    EmploymentInput, parse_contract,
};
use super::fields::{FieldErrors, Pairs, normalize_ascii};
use super::kokuho::is_valid_municipality_number;
use super::rules::charge::IncomeCategory;
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
    if let Some(key) = certificate.as_ref().and_then(certificate_problem) {
        let field = if key == "import.err.municipality_check_digit" {
            "municipality_code"
        } else {
            "monthly_cap_yen"
        };
        problems.push((field, key));
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

/// The template file's header row.
pub fn template_headers() -> Vec<&'static str> {
    COLUMNS.iter().map(|c| c.header).collect()
}

#[cfg(test)]
mod tests;
