//! The 国保連 claim files for 就労定着支援 (domain.md §7): the J11 file (J111 請求書 per
//! municipality and J121 明細書 per client) and, when this office manages a client's cap,
//! the J41 file (J411 上限額管理結果票).
//!
//! Pure: the claims feature builds a [`ClaimFile`] from a locked month and gets bytes back, or
//! the list of [`Problem`]s that stop the file from being written. Nothing is computed here
//! that the claim does not already hold: the amounts are checked against domain.md §5/§6, not
//! recalculated, so a file never disagrees with the claim the office approved.
//!
//! The layouts come from the MHLW インタフェース仕様書 (令和7年4月) as extracted by a
//! third-party implementation (domain.md §7: kt-group1165/honobono_caremanager,
//! `migrations/_if_shogai.txt`), which was built for 居宅介護. Fields whose meaning for
//! 就労定着支援 is not confirmed are marked UNCONFIRMED where they are written.
//!
//! Format (domain.md §7.1): variable-length CSV in Shift_JIS, CRLF after every record, a
//! control record `1,…`, data records `2,連番,…` and an end record `3,連番`.
//!
//! UNCONFIRMED for 就労定着支援 (domain.md §7.2, §7.3, §9 item 8), to check against the
//! primary specification and the 取込送信システム's import check before go-live:
//! - J121-01 fields 11 and 13 (就労継続支援A型 減免) are written `1` (無し) as the reference
//!   does for other services; they may have to be empty.
//! - J121-01 fields 25/26 and J121-04 fields 19/20 carry the 決定利用者負担額 only when a
//!   管理結果 exists, as the reference does.
//! - J121-02 利用日数 and J121-04 サービス利用日数: which days count for a monthly service.
//! - J121-03 摘要 is left empty.
//! - J121-05 契約情報: whether it is required, and the 決定サービスコード.
//! - The サービス種類コード (47, probable) and every サービスコード are passed in, not known here.
//! - The digit widths of the amount fields are not in the extract and are not checked.
//! - J411 作成区分 is always 1 (新規): corrections and cancellations are not produced.

use std::collections::HashSet;
use std::fmt;

use encoding_rs::SHIFT_JIS;
use time::Date;

use super::claim::CapResult;
use super::month::YearMonth;
use crate::i18n::Lang;

/// The office that sends the file (請求事業所).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Office {
    /// 事業所番号, 10 digits.
    pub number: String,
    /// Not written: no J11 or J41 record has a name field.
    pub name: String,
}

/// One month's claim from one office: everything the J11 (and J41) file is built from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClaimFile {
    pub office: Office,
    /// 処理対象年月: the month the 国保連 processes the file, normally the month after the
    /// service; for a late claim, the month it is sent (domain.md §7.1).
    pub processing_month: YearMonth,
    /// サービス提供年月.
    pub service_month: YearMonth,
    /// 地域区分コード: `01`–`07` (1–7級地) or `20` (その他) (domain.md §7.2).
    pub region_code: String,
    /// 単位数単価 in hundredths of a yen: 1090 = 10.90円 (as `rules::charge::UnitPrice`).
    pub unit_price_hundredths: u32,
    /// サービス種類コード, from the master data (`47` for 就労定着支援 is probable, domain.md §7.3).
    pub service_kind: String,
    pub municipalities: Vec<Municipality>,
}

/// The clients whose 支給決定 comes from one municipality: one J111 請求書.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Municipality {
    /// 市町村番号, 6 digits with a check digit (domain.md §7.3).
    pub number: String,
    pub statements: Vec<Statement>,
}

/// One client's month: one J121 明細書. Amounts are whole yen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Statement {
    /// 受給者証番号, 10 digits.
    pub certificate_number: String,
    /// The name in kanji, for messages only: no J121 field holds it.
    pub name: String,
    /// フリガナ (full- or half-width katakana, or hiragana). Written in half-width katakana.
    pub name_kana: String,
    /// Not written (the J121 has no birth date field); checked against the month.
    pub birth_date: Date,
    /// 利用者負担上限月額 from the 受給者証.
    pub monthly_cap_yen: u64,
    /// 上限額管理事業所番号 (10 digits) when an office manages the cap: another office, or
    /// this one (then `cap_results` holds the J411).
    pub cap_manager_office: Option<String>,
    /// 管理結果, from the managing office's 結果票 (or this office's own, when it manages).
    pub cap_result: Option<CapResult>,
    /// 管理結果額: this office's share of the co-payment after management.
    pub cap_result_yen: Option<u64>,
    /// The service lines; written in ascending code order.
    pub lines: Vec<ServiceLine>,
    /// 給付単位数: the sum of the lines' units.
    pub total_units: u32,
    /// 総費用額 = floor(units × 単位数単価) (domain.md §6).
    pub total_cost_yen: u64,
    /// 1割相当額 = floor(総費用額 / 10) (domain.md §6).
    pub ten_percent_yen: u64,
    /// 上限月額調整 = min(利用者負担上限月額, 1割相当額) (domain.md §5).
    pub cap_adjusted_yen: u64,
    /// 決定利用者負担額.
    pub user_charge_yen: u64,
    /// 請求額 (給付費) = 総費用額 − 決定利用者負担額 (domain.md §6).
    pub claim_yen: u64,
    /// J121-02 開始年月日: the first day service was provided under the continuing contract,
    /// not the contract date and not the first contact of the month (domain.md §7.2).
    pub service_start: Date,
    /// J121-02 終了年月日: only when the contract ended in this month.
    pub service_end: Option<Date>,
    /// J121-02 利用日数 and J121-04 サービス利用日数: the days in the month with service.
    /// UNCONFIRMED which days count for 就労定着支援 (a monthly service); the claims feature
    /// passes the days with a support contact.
    pub service_days: u32,
    /// J121-05 契約情報. UNCONFIRMED whether 就労定着支援 needs it (domain.md §7.2): an empty
    /// list writes no 05 record.
    pub contracts: Vec<Contract>,
    /// The J411 上限額管理結果票, only when this office is the 上限額管理事業所.
    pub cap_results: Option<CapResultSheet>,
}

/// One J121-03 line: one サービスコード.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServiceLine {
    /// 6 digits, starting with the サービス種類コード (domain.md §7.3).
    pub code: String,
    /// 単位数 per time.
    pub units_per_time: u32,
    /// 回数.
    pub times: u32,
    /// サービス単位数 = 単位数 × 回数.
    pub units: u32,
}

/// One J121-05 契約情報 record (optional, see [`Statement::contracts`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Contract {
    /// 決定サービスコード, 6 digits. UNCONFIRMED for 就労定着支援 (domain.md §7.2).
    pub decision_code: String,
    /// 契約支給量 in hundredths (3 integer + 2 decimal digits: 12日 → `01200`).
    pub amount_hundredths: u32,
    pub start: Date,
    pub end: Option<Date>,
    /// 事業者記入欄番号, 1–99.
    pub entry_number: u8,
}

/// The J411 上限額管理結果票 of a client whose cap this office manages. Its 管理結果 is the
/// statement's [`Statement::cap_result`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CapResultSheet {
    /// The related offices, this office first (項番 1).
    pub offices: Vec<CapOffice>,
}

/// One J411-02 line: one related office.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CapOffice {
    /// 事業所番号, 10 digits.
    pub number: String,
    /// For messages only: the record has no name field.
    pub name: String,
    /// 総費用額.
    pub total_cost_yen: u64,
    /// 利用者負担額 before management.
    pub user_charge_yen: u64,
    /// 管理結果後利用者負担額.
    pub charge_after_yen: u64,
}

/// Why a file cannot be written: a message (`kokuho.*` in `i18n::claims::kokuho`) with the
/// values of its `{name}`s, and the municipality or client it is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub key: &'static str,
    pub values: Vec<(&'static str, String)>,
    pub at: Option<At>,
}

/// The part of the file a problem is in, named the way the office knows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum At {
    /// By its 市町村番号.
    Municipality(String),
    /// By the client's name.
    Client(String),
    /// By the 受給者証番号, when the client has no name.
    Certificate(String),
}

impl Problem {
    /// The sentence for people in `lang`, naming the field and where it is.
    pub fn message(&self, lang: Lang) -> String {
        let mut text = lang.fill(self.key, &self.values);
        if let Some(at) = &self.at {
            text.push_str(&match at {
                At::Municipality(number) => {
                    lang.fill("kokuho.at_municipality", &[("number", number.clone())])
                }
                At::Client(name) => lang.fill("kokuho.at_client", &[("name", name.clone())]),
                At::Certificate(number) => {
                    lang.fill("kokuho.at_certificate", &[("number", number.clone())])
                }
            });
        }
        text
    }
}

/// In Japanese, the language of the file's users.
impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Lang::Ja))
    }
}

/// データ種別 of a file (domain.md §7.1): the first 3 characters of its records' 交換情報識別番号.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DataKind {
    /// J111 請求書 + J121 明細書.
    J11,
    /// J411 上限額管理結果票.
    J41,
}

impl DataKind {
    pub fn code(self) -> &'static str {
        match self {
            DataKind::J11 => "J11",
            DataKind::J41 => "J41",
        }
    }
}

/// The file name: alphanumeric, starting with a letter, at most 8 characters, plus `.CSV`
/// (domain.md §7.1). The rule leaves the name to the sender; `J11` + `YYMM` of the service
/// month keeps a late claim sent with the current one from taking its name: `J112610.CSV`.
pub fn file_name(kind: DataKind, service_month: YearMonth) -> String {
    format!(
        "{}{:02}{:02}.CSV",
        kind.code(),
        service_month.year().rem_euclid(100),
        service_month.number()
    )
}

/// The check digit of a 市町村番号 body (5 digits): modulus 10 with weights 2, 1, 2, 1, 2 from
/// the rightmost digit, adding the digits of each product (domain.md §7.3; an inference that
/// reproduces every published 栃木県 number).
pub fn municipality_check_digit(body: &str) -> Option<u8> {
    if !is_digits(body, 5) {
        return None;
    }
    let sum: u32 = body
        .bytes()
        .rev()
        .zip([2u32, 1].into_iter().cycle())
        .map(|(b, weight)| {
            let product = u32::from(b - b'0') * weight;
            product / 10 + product % 10
        })
        .sum();
    u8::try_from((10 - sum % 10) % 10).ok()
}

/// Whether `number` is 6 digits whose last is the check digit of the first 5.
pub fn is_valid_municipality_number(number: &str) -> bool {
    is_digits(number, 6)
        && municipality_check_digit(&number[..5]) == Some(number.as_bytes()[5] - b'0')
}

/// J121-04 単位数単価: 2 integer and 3 decimal digits (domain.md §7.2): 10.90円 → `10900`.
pub fn encode_unit_price(hundredths: u32) -> String {
    format!("{:05}", u64::from(hundredths) * 10)
}

/// Every reason the J11 (and J41) file cannot be written; empty when it can.
pub fn validate(claim: &ClaimFile) -> Vec<Problem> {
    let mut v = Validator::default();
    v.file(claim);
    v.problems
}

/// The J11 file in Shift_JIS with CRLF line ends, or the problems that stop it.
pub fn write(claim: &ClaimFile) -> Result<Vec<u8>, Vec<Problem>> {
    let problems = validate(claim);
    if !problems.is_empty() {
        return Err(problems);
    }
    encode(&envelope(
        DataKind::J11,
        claim,
        &claim_records(claim, &sorted(claim)),
    ))
}

/// The J41 file (J411 上限額管理結果票) for the clients whose cap this office manages;
/// `None` when there are none. The specification sends J411 in its own file, with データ種別
/// J41, not inside the J11 file (domain.md §7.1).
pub fn write_cap_results(claim: &ClaimFile) -> Result<Option<Vec<u8>>, Vec<Problem>> {
    let problems = validate(claim);
    if !problems.is_empty() {
        return Err(problems);
    }
    let records = cap_result_records(claim, &sorted(claim));
    if records.is_empty() {
        return Ok(None);
    }
    encode(&envelope(DataKind::J41, claim, &records)).map(Some)
}

fn is_digits(text: &str, len: usize) -> bool {
    text.len() == len && text.bytes().all(|b| b.is_ascii_digit())
}

#[derive(Default)]
struct Validator {
    problems: Vec<Problem>,
}

impl Validator {
    /// A problem with the whole file.
    fn add(&mut self, key: &'static str, values: Vec<(&'static str, String)>) {
        self.problems.push(Problem {
            key,
            values,
            at: None,
        });
    }

    /// A problem with one municipality's or client's part.
    fn add_at(&mut self, at: &At, key: &'static str, values: Vec<(&'static str, String)>) {
        self.problems.push(Problem {
            key,
            values,
            at: Some(at.clone()),
        });
    }

    fn file(&mut self, claim: &ClaimFile) {
        if !is_digits(&claim.office.number, 10) {
            self.add("kokuho.office_number", Vec::new());
        }
        // The 国保連 processes a month's claim after the month ends (domain.md §7.1). Both
        // months are `YearMonth`s, so a real month of a sane year by construction.
        if claim.processing_month <= claim.service_month {
            self.add("kokuho.processing_after_service", Vec::new());
        }
        // domain.md §7.2: 01–07 are 1–7級地, 20 is その他.
        let region = claim.region_code.as_str();
        if !matches!(
            region,
            "01" | "02" | "03" | "04" | "05" | "06" | "07" | "20"
        ) {
            self.add("kokuho.region_code", vec![("region", region.to_string())]);
        }
        // Two integer digits in J121-04 (domain.md §7.2): at most 99.99円.
        if !(1..=9_999).contains(&claim.unit_price_hundredths) {
            self.add("kokuho.unit_price", Vec::new());
        }
        if !is_digits(&claim.service_kind, 2) {
            self.add("kokuho.service_kind", Vec::new());
        }
        if claim.municipalities.is_empty() {
            self.add("kokuho.no_municipality", Vec::new());
        }
        let mut seen = HashSet::new();
        for m in &claim.municipalities {
            if !seen.insert(m.number.as_str()) {
                let at = At::Municipality(m.number.clone());
                self.add_at(&at, "kokuho.municipality_repeated", Vec::new());
            }
            self.municipality(claim, m);
        }
    }

    fn municipality(&mut self, claim: &ClaimFile, m: &Municipality) {
        let at = &At::Municipality(m.number.clone());
        if !is_digits(&m.number, 6) {
            self.add_at(at, "kokuho.municipality_number", Vec::new());
        } else if !is_valid_municipality_number(&m.number) {
            // domain.md §7.3: the 6th digit is a check digit.
            self.add_at(at, "kokuho.municipality_check_digit", Vec::new());
        }
        if m.statements.is_empty() {
            self.add_at(at, "kokuho.no_client", Vec::new());
        }
        let mut seen = HashSet::new();
        for s in &m.statements {
            if !seen.insert(s.certificate_number.as_str()) {
                let at = At::Client(s.name.clone());
                self.add_at(&at, "kokuho.certificate_repeated", Vec::new());
            }
            self.statement(claim, s);
        }
    }

    fn statement(&mut self, claim: &ClaimFile, s: &Statement) {
        let at = &if s.name.trim().is_empty() {
            At::Certificate(s.certificate_number.clone())
        } else {
            At::Client(s.name.clone())
        };
        if s.name.trim().is_empty() {
            self.add_at(at, "kokuho.name_missing", Vec::new());
        }
        if !is_digits(&s.certificate_number, 10) {
            self.add_at(at, "kokuho.certificate_number", Vec::new());
        }
        if let Err(bad) = transmission_kana(&s.name_kana) {
            let chars = bad.iter().map(|c| format!("「{c}」")).collect::<String>();
            self.add_at(at, "kokuho.kana", vec![("chars", chars)]);
        }
        self.dates(s, claim.service_month, at);
        self.lines(claim, s, at);
        self.amounts(claim, s, at);
        self.cap_management(claim, s, at);
        for c in &s.contracts {
            self.contract(c, at);
        }
    }

    fn dates(&mut self, s: &Statement, month: YearMonth, at: &At) {
        if s.birth_date > month.last_day() {
            self.add_at(at, "kokuho.birth_after_month", Vec::new());
        }
        // J121-02 開始年月日: service under the contract began on or before this month.
        if s.service_start > month.last_day() {
            self.add_at(at, "kokuho.start_after_month", Vec::new());
        }
        if let Some(end) = s.service_end
            && (!month.contains_date(end) || end < s.service_start)
        {
            self.add_at(at, "kokuho.end_outside_month", Vec::new());
        }
        if s.service_days > u32::from(month.length()) {
            self.add_at(at, "kokuho.days", Vec::new());
        }
    }

    fn lines(&mut self, claim: &ClaimFile, s: &Statement, at: &At) {
        if s.lines.is_empty() {
            self.add_at(at, "kokuho.no_lines", Vec::new());
        }
        let mut seen = HashSet::new();
        for line in &s.lines {
            let code = &line.code;
            // domain.md §7.3: サービスコード = サービス種類コード (2) + item (4).
            if !is_digits(code, 6) || !code.starts_with(claim.service_kind.as_str()) {
                self.add_at(
                    at,
                    "kokuho.service_code",
                    vec![
                        ("kind", claim.service_kind.clone()),
                        ("code", code.to_string()),
                    ],
                );
            }
            // One J121-03 record per サービスコード (domain.md §7.2).
            if !seen.insert(code.as_str()) {
                self.add_at(
                    at,
                    "kokuho.service_code_repeated",
                    vec![("code", code.to_string())],
                );
            }
            if line.times == 0 {
                self.add_at(at, "kokuho.times", vec![("code", code.to_string())]);
            }
            if u64::from(line.units_per_time) * u64::from(line.times) != u64::from(line.units) {
                self.add_at(at, "kokuho.line_units", vec![("code", code.to_string())]);
            }
        }
        let sum: u64 = s.lines.iter().map(|l| u64::from(l.units)).sum();
        if sum != u64::from(s.total_units) {
            self.add_at(
                at,
                "kokuho.total_units",
                vec![
                    ("total", s.total_units.to_string()),
                    ("sum", sum.to_string()),
                ],
            );
        }
    }

    fn amounts(&mut self, claim: &ClaimFile, s: &Statement, at: &At) {
        // domain.md §6: 総費用額 = floor(units × 単価); 1割相当額 = floor(総費用額 / 10).
        let cost = u64::from(s.total_units) * u64::from(claim.unit_price_hundredths) / 100;
        if s.total_cost_yen != cost {
            self.add_at(at, "kokuho.total_cost", vec![("cost", cost.to_string())]);
        }
        let ten_percent = s.total_cost_yen / 10;
        if s.ten_percent_yen != ten_percent {
            self.add_at(
                at,
                "kokuho.ten_percent",
                vec![("ten_percent", ten_percent.to_string())],
            );
        }
        // domain.md §5: 上限月額調整 = min(負担上限月額, 1割相当額).
        let adjusted = s.monthly_cap_yen.min(s.ten_percent_yen);
        if s.cap_adjusted_yen != adjusted {
            self.add_at(
                at,
                "kokuho.cap_adjusted",
                vec![("adjusted", adjusted.to_string())],
            );
        }
        if s.user_charge_yen > s.cap_adjusted_yen {
            let yen = s.cap_adjusted_yen.to_string();
            self.add_at(at, "kokuho.charge_over_adjusted", vec![("yen", yen)]);
        }
        // domain.md §6: 請求額 = 総費用額 − 決定利用者負担額.
        match s.total_cost_yen.checked_sub(s.user_charge_yen) {
            Some(claim_yen) if claim_yen == s.claim_yen => {}
            Some(claim_yen) => self.add_at(
                at,
                "kokuho.claim_amount",
                vec![("claim_yen", claim_yen.to_string())],
            ),
            None => self.add_at(at, "kokuho.charge_over_cost", Vec::new()),
        }
    }

    /// domain.md §5 上限額管理 and the 管理結果 codes.
    fn cap_management(&mut self, claim: &ClaimFile, s: &Statement, at: &At) {
        let managed = s.cap_manager_office.is_some() || s.cap_result.is_some();
        if s.monthly_cap_yen == 0 {
            // "No 上限額管理 is done when the cap is 0 yen."
            if managed || s.cap_result_yen.is_some() || s.cap_results.is_some() {
                self.add_at(at, "kokuho.zero_cap_managed", Vec::new());
            }
            if s.user_charge_yen != s.cap_adjusted_yen {
                let yen = s.cap_adjusted_yen.to_string();
                self.add_at(at, "kokuho.charge_equals_adjusted", vec![("yen", yen)]);
            }
            return;
        }
        if let Some(manager) = &s.cap_manager_office
            && !is_digits(manager, 10)
        {
            self.add_at(at, "kokuho.manager_number", Vec::new());
        }
        match (&s.cap_manager_office, s.cap_result) {
            (Some(_), None) => self.add_at(at, "kokuho.manager_needs_result", Vec::new()),
            (None, Some(_)) => self.add_at(at, "kokuho.result_needs_manager", Vec::new()),
            _ => {}
        }
        let self_managed = s.cap_manager_office.as_deref() == Some(claim.office.number.as_str());
        match (s.cap_result, s.cap_result_yen) {
            (Some(result), Some(result_yen)) => {
                if result_yen > s.cap_adjusted_yen {
                    let yen = s.cap_adjusted_yen.to_string();
                    self.add_at(at, "kokuho.result_over_adjusted", vec![("yen", yen)]);
                }
                if s.user_charge_yen != result_yen {
                    self.add_at(
                        at,
                        "kokuho.charge_equals_result",
                        vec![("result_yen", result_yen.to_string())],
                    );
                }
                match result {
                    CapResult::ManagerTakesAll if !self_managed && result_yen != 0 => {
                        self.add_at(at, "kokuho.result1_zero", Vec::new());
                    }
                    CapResult::WithinCap if result_yen != s.cap_adjusted_yen => {
                        let yen = s.cap_adjusted_yen.to_string();
                        self.add_at(at, "kokuho.result2_adjusted", vec![("yen", yen)]);
                    }
                    _ => {}
                }
            }
            (Some(_), None) => self.add_at(at, "kokuho.result_amount_missing", Vec::new()),
            (None, Some(_)) => self.add_at(at, "kokuho.result_amount_without_result", Vec::new()),
            (None, None) => {
                if s.user_charge_yen != s.cap_adjusted_yen {
                    let yen = s.cap_adjusted_yen.to_string();
                    self.add_at(at, "kokuho.unmanaged_charge", vec![("yen", yen)]);
                }
            }
        }
        match (&s.cap_results, self_managed) {
            (None, true) => self.add_at(at, "kokuho.sheet_missing", Vec::new()),
            (Some(_), false) => self.add_at(at, "kokuho.sheet_not_manager", Vec::new()),
            (Some(sheet), true) => self.cap_result_sheet(claim, s, sheet, at),
            (None, false) => {}
        }
    }

    /// The J411 上限額管理結果票 (domain.md §5).
    fn cap_result_sheet(
        &mut self,
        claim: &ClaimFile,
        s: &Statement,
        sheet: &CapResultSheet,
        at: &At,
    ) {
        let Some(own) = sheet.offices.first() else {
            self.add_at(at, "kokuho.sheet_empty", Vec::new());
            return;
        };
        if own.number != claim.office.number {
            self.add_at(at, "kokuho.sheet_first_row", Vec::new());
        } else {
            // The sheet and this office's J121 describe the same month.
            if own.total_cost_yen != s.total_cost_yen || own.user_charge_yen != s.cap_adjusted_yen {
                self.add_at(at, "kokuho.sheet_own_amounts", Vec::new());
            }
            if Some(own.charge_after_yen) != s.cap_result_yen {
                self.add_at(at, "kokuho.sheet_own_after", Vec::new());
            }
        }
        let mut seen = HashSet::new();
        for office in &sheet.offices {
            let name = &office.name;
            if !is_digits(&office.number, 10) {
                self.add_at(
                    at,
                    "kokuho.sheet_office_number",
                    vec![("name", name.to_string())],
                );
            }
            if !seen.insert(office.number.as_str()) {
                self.add_at(
                    at,
                    "kokuho.sheet_office_repeated",
                    vec![("name", name.to_string())],
                );
            }
            if office.charge_after_yen > office.user_charge_yen {
                self.add_at(
                    at,
                    "kokuho.sheet_after_over_charge",
                    vec![("name", name.to_string())],
                );
            }
        }
        let before: u64 = sheet.offices.iter().map(|o| o.user_charge_yen).sum();
        let after: u64 = sheet.offices.iter().map(|o| o.charge_after_yen).sum();
        if after > s.monthly_cap_yen {
            self.add_at(
                at,
                "kokuho.sheet_after_over_cap",
                vec![("after", after.to_string())],
            );
        }
        let others_pay = sheet
            .offices
            .iter()
            .skip(1)
            .any(|o| o.charge_after_yen != 0);
        let unchanged = sheet
            .offices
            .iter()
            .all(|o| o.charge_after_yen == o.user_charge_yen);
        let wrong = match s.cap_result {
            Some(CapResult::ManagerTakesAll) => others_pay.then_some("kokuho.result1_others"),
            Some(CapResult::WithinCap) => {
                (before > s.monthly_cap_yen || !unchanged).then_some("kokuho.result2_use")
            }
            // An adjustment brings a total above the cap down to the cap.
            Some(CapResult::Adjusted) => (before <= s.monthly_cap_yen
                || after != s.monthly_cap_yen)
                .then_some("kokuho.result3_use"),
            None => None,
        };
        if let Some(key) = wrong {
            self.add_at(at, key, Vec::new());
        }
    }

    fn contract(&mut self, c: &Contract, at: &At) {
        let code = &c.decision_code;
        if !is_digits(code, 6) {
            self.add_at(at, "kokuho.decision_code", vec![("code", code.to_string())]);
        }
        // J121-05 field 8: 3 integer and 2 decimal digits.
        if c.amount_hundredths > 99_999 {
            self.add_at(
                at,
                "kokuho.contract_amount",
                vec![("code", code.to_string())],
            );
        }
        if !(1..=99).contains(&c.entry_number) {
            self.add_at(at, "kokuho.entry_number", vec![("code", code.to_string())]);
        }
        if c.end.is_some_and(|end| end < c.start) {
            self.add_at(at, "kokuho.contract_end", vec![("code", code.to_string())]);
        }
    }
}

/// Half-width katakana for a フリガナ, spaces dropped, as the 国保連 reads the カナ fields
/// (full-width or hiragana is rejected on import, per the reference implementation's notes
/// in domain.md §7). Returns the characters that have no half-width form.
fn transmission_kana(kana: &str) -> Result<String, Vec<char>> {
    // U+FF66..=U+FF9D in order, and the full-width katakana each one stands for.
    const PLAIN: &str = "ヲァィゥェォャュョッーアイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワン";
    const VOICED: &str = "ガギグゲゴザジズゼゾダヂヅデドバビブベボ";
    const VOICED_BASE: &str = "カキクケコサシスセソタチツテトハヒフヘホ";
    const SEMI: &str = "パピプペポ";
    const SEMI_BASE: &str = "ハヒフヘホ";
    let half = |full: char| -> Option<char> {
        PLAIN
            .chars()
            .position(|c| c == full)
            .and_then(|i| u32::try_from(i).ok())
            .and_then(|i| char::from_u32(0xFF66 + i))
    };
    let mut out = String::new();
    let mut bad = Vec::new();
    for c in kana.chars() {
        // Hiragana ぁ..ゖ sit 0x60 below their katakana.
        let c = if ('\u{3041}'..='\u{3096}').contains(&c) {
            char::from_u32(u32::from(c) + 0x60).unwrap_or(c)
        } else {
            c
        };
        if c == ' ' || c == '\u{3000}' {
            continue;
        }
        if ('\u{FF66}'..='\u{FF9F}').contains(&c) {
            out.push(c);
        } else if let Some(h) = half(c) {
            out.push(h);
        } else if let Some(i) = VOICED.chars().position(|v| v == c) {
            out.extend(VOICED_BASE.chars().nth(i).and_then(half));
            out.push('ﾞ');
        } else if let Some(i) = SEMI.chars().position(|v| v == c) {
            out.extend(SEMI_BASE.chars().nth(i).and_then(half));
            out.push('ﾟ');
        } else if c == 'ヴ' {
            out.push_str("ｳﾞ");
        } else {
            bad.push(c);
        }
    }
    if bad.is_empty() { Ok(out) } else { Err(bad) }
}

/// The municipalities in ascending 市町村番号, each with its statements in ascending
/// 受給者証番号, as the reference implementation matched real submissions (domain.md §7).
fn sorted(claim: &ClaimFile) -> Vec<(&Municipality, Vec<&Statement>)> {
    let mut municipalities: Vec<_> = claim
        .municipalities
        .iter()
        .map(|m| {
            let mut statements: Vec<_> = m.statements.iter().collect();
            statements.sort_by(|a, b| a.certificate_number.cmp(&b.certificate_number));
            (m, statements)
        })
        .collect();
    municipalities.sort_by(|a, b| a.0.number.cmp(&b.0.number));
    municipalities
}

type Record = Vec<String>;

fn yyyymmdd(date: Date) -> String {
    format!(
        "{:04}{:02}{:02}",
        date.year(),
        u8::from(date.month()),
        date.day()
    )
}

fn opt<T: ToString>(value: Option<T>) -> String {
    value.map_or_else(String::new, |v| v.to_string())
}

/// The J11 data records: per municipality its J111 (01, 02), then its clients' J121s.
fn claim_records(
    claim: &ClaimFile,
    municipalities: &[(&Municipality, Vec<&Statement>)],
) -> Vec<Record> {
    let month = claim.service_month.digits();
    let office = claim.office.number.as_str();
    let kind = claim.service_kind.as_str();
    let mut records = Vec::new();
    for (m, statements) in municipalities {
        let muni = m.number.as_str();
        let count = statements.len() as u64;
        let units: u64 = statements.iter().map(|s| u64::from(s.total_units)).sum();
        let cost: u64 = statements.iter().map(|s| s.total_cost_yen).sum();
        let claimed: u64 = statements.iter().map(|s| s.claim_yen).sum();
        let charged: u64 = statements.iter().map(|s| s.user_charge_yen).sum();
        let head = |record_kind: &str| -> Record {
            vec![
                "J111".into(),
                record_kind.into(),
                month.clone(),
                muni.into(),
                office.into(),
            ]
        };
        // J111-01 基本情報, 23 fields: 請求金額, the 小計 for 介護給付費等, the empty 小計 for
        // 特定障害者特別給付費 (not claimed by 就労定着支援), and the 合計, equal to the 小計.
        let totals = [
            count.to_string(),   // 件数
            units.to_string(),   // 単位数
            cost.to_string(),    // 費用合計
            claimed.to_string(), // 給付費請求額
            String::new(),       // 特別対策費
            charged.to_string(), // 利用者負担額
            String::new(),       // 自治体助成額
        ];
        let mut basic = head("01");
        basic.push(claimed.to_string()); // 6 請求金額
        basic.extend(totals.clone()); // 7–13
        basic.extend([String::new(), String::new(), String::new()]); // 14–16
        basic.extend(totals); // 17–23
        records.push(basic);
        // J111-02 明細情報, 14 fields, one per サービス種類: one kind in this file.
        let mut detail = head("02");
        detail.extend([
            "1".into(), // 6 給付種別: 1 = 介護給付費等 (訓練等給付費 included)
            kind.into(),
            count.to_string(),
            units.to_string(),
            cost.to_string(),
            claimed.to_string(),
            String::new(), // 12 特別対策費
            charged.to_string(),
            String::new(), // 14 自治体助成額
        ]);
        records.push(detail);
        for s in statements {
            statement_records(claim, muni, s, &mut records);
        }
    }
    records
}

/// One client's J121: 01 基本, 02 日数, 03 明細 per サービスコード, 04 集計, 05 契約.
fn statement_records(claim: &ClaimFile, muni: &str, s: &Statement, records: &mut Vec<Record>) {
    let head = |record_kind: &str| -> Record {
        vec![
            "J121".into(),
            record_kind.into(),
            claim.service_month.digits(),
            muni.into(),
            claim.office.number.clone(),
            s.certificate_number.clone(),
        ]
    };
    let managed = s.cap_result.is_some();
    let after_management = if managed {
        s.user_charge_yen.to_string()
    } else {
        String::new()
    };
    let e = String::new;

    // 01 基本情報, 35 fields.
    let mut basic = head("01");
    basic.extend([
        e(),                                                 // 7 助成自治体番号
        transmission_kana(&s.name_kana).unwrap_or_default(), // 8 支給決定者氏名カナ (optional)
        e(),                                                 // 9 支給決定児童氏名カナ: adults only
        claim.region_code.clone(),                           // 10 地域区分コード
        // 11 and 13 concern 就労継続支援A型's 減免; "1 = 無し" as the reference writes for
        // other services. UNCONFIRMED whether 就労定着支援 should leave them empty.
        "1".into(),                             // 11 A型減免措置実施
        s.monthly_cap_yen.to_string(),          // 12 利用者負担上限月額
        "1".into(),                             // 13 A型減免対象者
        e(),                                    // 14 障害支援区分コード (J131 only)
        opt(s.cap_manager_office.as_ref()),     // 15 上限額管理事業所番号
        opt(s.cap_result.map(CapResult::code)), // 16 管理結果
        opt(s.cap_result_yen),                  // 17 管理結果額
        e(),                                    // 18 日中支援 事業所番号 (not this service)
        e(),                                    // 19 通所日数 (not this service)
        s.total_units.to_string(),              // 20 給付単位数
        s.total_cost_yen.to_string(),           // 21 総費用額
        s.cap_adjusted_yen.to_string(),         // 22 上限月額調整
        e(),                                    // 23 A型事業者減免額
        e(),                                    // 24 減免後利用者負担額
        after_management.clone(),               // 25 調整後利用者負担額 (with 上限額管理)
        after_management.clone(),               // 26 上限額管理後利用者負担額
        s.user_charge_yen.to_string(),          // 27 決定利用者負担額
        s.claim_yen.to_string(),                // 28 請求額 給付費
        e(),                                    // 29 高額障害福祉サービス費
        e(),                                    // 30 特別対策費
        e(),                                    // 31 自治体助成分請求額
        e(),                                    // 32–35 特定障害者特別給付費
        e(),
        e(),
        e(),
    ]);
    records.push(basic);

    // 02 日数情報, 12 fields, one per サービス種類.
    let mut days = head("02");
    days.extend([
        claim.service_kind.clone(),       // 7 サービス種類コード
        yyyymmdd(s.service_start),        // 8 開始年月日
        opt(s.service_end.map(yyyymmdd)), // 9 終了年月日
        s.service_days.to_string(),       // 10 利用日数 (UNCONFIRMED, see Statement)
        e(),                              // 11 入院日数
        e(),                              // 12 外泊日数
    ]);
    records.push(days);

    // 03 明細情報, 11 fields, one per サービスコード in ascending order.
    let mut lines: Vec<&ServiceLine> = s.lines.iter().collect();
    lines.sort_by(|a, b| a.code.cmp(&b.code));
    for line in lines {
        let mut record = head("03");
        record.extend([
            line.code.clone(),
            line.units_per_time.to_string(),
            line.times.to_string(),
            line.units.to_string(),
            e(), // 11 摘要: UNCONFIRMED whether any 就労定着支援 code needs one
        ]);
        records.push(record);
    }

    // 04 集計情報, 33 fields, one per サービス種類.
    let mut total = head("04");
    total.extend([
        claim.service_kind.clone(),                     // 7 サービス種類コード
        "1".into(),                                     // 8 集計欄分類番号
        s.service_days.to_string(),                     // 9 サービス利用日数 (UNCONFIRMED)
        s.total_units.to_string(),                      // 10 給付単位数
        encode_unit_price(claim.unit_price_hundredths), // 11 単位数単価
        "0".into(),                                     // 12 給付率: 0 under R6
        s.total_cost_yen.to_string(),                   // 13 総費用額
        s.ten_percent_yen.to_string(),                  // 14 1割相当額
        s.ten_percent_yen.to_string(),                  // 15 利用者負担額②
        s.cap_adjusted_yen.to_string(),                 // 16 上限月額調整
        e(),                                            // 17 A型事業者減免額
        e(),                                            // 18 減免後利用者負担額
        after_management.clone(),                       // 19 調整後利用者負担額
        after_management,                               // 20 上限額管理後利用者負担額
        s.user_charge_yen.to_string(),                  // 21 決定利用者負担額
        s.claim_yen.to_string(),                        // 22 請求額 給付費
        e(),                                            // 23 高額障害福祉サービス費
        e(),                                            // 24 特別対策費
        e(),                                            // 25 自治体助成分請求額
        e(),                                            // 26–29 特定障害者特別給付費
        e(),
        e(),
        e(),
        e(), // 30–33 利用日数管理票: not this service
        e(),
        e(),
        e(),
    ]);
    records.push(total);

    // 05 契約情報, 11 fields, one per 決定サービスコード: only when the claim has them
    // (UNCONFIRMED for 就労定着支援).
    for c in &s.contracts {
        let mut record = head("05");
        record.extend([
            c.decision_code.clone(),
            format!("{:05}", c.amount_hundredths), // 8 契約支給量: 3 + 2 digits
            yyyymmdd(c.start),
            opt(c.end.map(yyyymmdd)),
            c.entry_number.to_string(), // 11 事業者記入欄番号, no leading zero
        ]);
        records.push(record);
    }
}

/// The J411 records: for each client whose cap this office manages, 01 基本 then 02 per office.
fn cap_result_records(
    claim: &ClaimFile,
    municipalities: &[(&Municipality, Vec<&Statement>)],
) -> Vec<Record> {
    let month = claim.service_month.digits();
    let office = claim.office.number.as_str();
    let mut records = Vec::new();
    for (m, statements) in municipalities {
        for s in statements {
            let (Some(sheet), Some(result)) = (&s.cap_results, s.cap_result) else {
                continue;
            };
            let sum = |f: fn(&CapOffice) -> u64| -> String {
                sheet.offices.iter().map(f).sum::<u64>().to_string()
            };
            // 01 基本情報, 14 fields.
            records.push(vec![
                "J411".into(),
                "01".into(),
                month.clone(),
                "1".into(), // 4 作成区分: 1 = 新規 (修正 and 取消 are not produced here)
                m.number.clone(),
                office.into(), // 6 上限額管理事業所番号: this office
                s.certificate_number.clone(),
                transmission_kana(&s.name_kana).unwrap_or_default(), // 8 カナ (optional)
                String::new(),                                       // 9 児童カナ
                s.monthly_cap_yen.to_string(),
                result.code().to_string(),
                sum(|o| o.total_cost_yen),
                sum(|o| o.user_charge_yen),
                sum(|o| o.charge_after_yen),
            ]);
            // 02 明細情報, 11 fields, 項番 from 1.
            for (i, o) in sheet.offices.iter().enumerate() {
                records.push(vec![
                    "J411".into(),
                    "02".into(),
                    month.clone(),
                    m.number.clone(),
                    office.into(),
                    s.certificate_number.clone(),
                    (i + 1).to_string(),
                    o.number.clone(),
                    o.total_cost_yen.to_string(),
                    o.user_charge_yen.to_string(),
                    o.charge_after_yen.to_string(),
                ]);
            }
        }
    }
    records
}

/// Control record, data records and end record, each followed by CRLF (domain.md §7.1).
fn envelope(kind: DataKind, claim: &ClaimFile, records: &[Record]) -> String {
    let mut text = String::new();
    // 1,連番,ボリューム通番 0,データ件数,データ種別,市町村番号 0 (an office's file),
    // 事業所番号,都道府県番号 0,媒体区分 1 (伝送; 介護保険 uses 7),処理対象年月,予備 (empty).
    text.push_str(&format!(
        "1,1,0,{},{},0,{},0,1,{},\r\n",
        records.len(),
        kind.code(),
        claim.office.number,
        claim.processing_month.digits()
    ));
    for (i, record) in records.iter().enumerate() {
        text.push_str(&format!("2,{},{}\r\n", i + 2, record.join(",")));
    }
    text.push_str(&format!("3,{}\r\n", records.len() + 2));
    text
}

/// Shift_JIS bytes, refusing (never replacing) a character Shift_JIS cannot hold.
fn encode(text: &str) -> Result<Vec<u8>, Vec<Problem>> {
    let (bytes, _, unmappable) = SHIFT_JIS.encode(text);
    if unmappable {
        let bad: String = text
            .chars()
            .filter(|c| SHIFT_JIS.encode(&c.to_string()).2)
            .collect();
        return Err(vec![Problem {
            key: "kokuho.shift_jis",
            values: vec![("chars", bad)],
            at: None,
        }]);
    }
    Ok(bytes.into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    const OFFICE: &str = "0912345678";
    const A: &str = "0000123456";
    const B: &str = "0000234567";
    const C: &str = "0000345678";

    fn line(code: &str, units_per_time: u32, times: u32) -> ServiceLine {
        ServiceLine {
            code: code.into(),
            units_per_time,
            times,
            units: units_per_time * times,
        }
    }

    /// A small office in 6級地 (10.27円, domain.md §6 45% row): 宇都宮市 with two clients (A:
    /// another office manages the cap, 管理結果 3; B: cap 0), 足利市 with one (C: this office
    /// manages the cap, so C has a J411). The service codes are made up: the real ones are
    /// UNCONFIRMED (domain.md §7.3). Inputs are deliberately out of order.
    fn small_office() -> ClaimFile {
        // A: 3,699 units × 10.27 = 37,988.73 → 37,988円; 1割 3,798; cap 9,300 → 3,798;
        // the managing office's 結果票 leaves 1,500 here.
        let a = Statement {
            certificate_number: A.into(),
            name: "山田 太郎".into(),
            name_kana: "ヤマダ タロウ".into(),
            birth_date: date!(1990 - 05 - 14),
            monthly_cap_yen: 9_300,
            cap_manager_office: Some("0911111112".into()),
            cap_result: Some(CapResult::Adjusted),
            cap_result_yen: Some(1_500),
            lines: vec![line("476010", 250, 1), line("471111", 3_449, 1)],
            total_units: 3_699,
            total_cost_yen: 37_988,
            ten_percent_yen: 3_798,
            cap_adjusted_yen: 3_798,
            user_charge_yen: 1_500,
            claim_yen: 36_488,
            service_start: date!(2025 - 04 - 07),
            service_end: None,
            service_days: 2,
            contracts: vec![],
            cap_results: None,
        };
        // B: cap 0 (生活保護), no 上限額管理 (domain.md §5). 3,449 × 10.27 = 35,421.23.
        let b = Statement {
            certificate_number: B.into(),
            name: "佐藤 花子".into(),
            name_kana: "さとう　はなこ".into(),
            birth_date: date!(1985 - 11 - 02),
            monthly_cap_yen: 0,
            cap_manager_office: None,
            cap_result: None,
            cap_result_yen: None,
            lines: vec![line("471111", 3_449, 1)],
            total_units: 3_449,
            total_cost_yen: 35_421,
            ten_percent_yen: 3_542,
            cap_adjusted_yen: 0,
            user_charge_yen: 0,
            claim_yen: 35_421,
            service_start: date!(2026 - 10 - 02),
            service_end: None,
            service_days: 1,
            contracts: vec![],
            cap_results: None,
        };
        // C: this office manages the cap. 3,599 × 10.27 = 36,961.73. The other office's
        // 9,300 and this office's 3,696 exceed the 9,300 cap, so the other office is
        // adjusted down to 5,604 (管理結果 3).
        let c = Statement {
            certificate_number: C.into(),
            name: "鈴木 一郎".into(),
            name_kana: "スズキ イチロウ".into(),
            birth_date: date!(1978 - 01 - 30),
            monthly_cap_yen: 9_300,
            cap_manager_office: Some(OFFICE.into()),
            cap_result: Some(CapResult::Adjusted),
            cap_result_yen: Some(3_696),
            lines: vec![line("471111", 3_449, 1), line("475020", 150, 1)],
            total_units: 3_599,
            total_cost_yen: 36_961,
            ten_percent_yen: 3_696,
            cap_adjusted_yen: 3_696,
            user_charge_yen: 3_696,
            claim_yen: 33_265,
            service_start: date!(2024 - 11 - 15),
            service_end: None,
            service_days: 1,
            contracts: vec![],
            cap_results: Some(CapResultSheet {
                offices: vec![
                    CapOffice {
                        number: OFFICE.into(),
                        name: "ていちゃく定着支援センター".into(),
                        total_cost_yen: 36_961,
                        user_charge_yen: 3_696,
                        charge_after_yen: 3_696,
                    },
                    CapOffice {
                        number: "0922222223".into(),
                        name: "あしかがワークス".into(),
                        total_cost_yen: 120_000,
                        user_charge_yen: 9_300,
                        charge_after_yen: 5_604,
                    },
                ],
            }),
        };
        ClaimFile {
            office: Office {
                number: OFFICE.into(),
                name: "ていちゃく定着支援センター".into(),
            },
            processing_month: YearMonth::new(2026, 11).expect("month"),
            service_month: YearMonth::new(2026, 10).expect("month"),
            region_code: "06".into(),
            unit_price_hundredths: 1_027,
            service_kind: "47".into(),
            municipalities: vec![
                Municipality {
                    number: "092023".into(),
                    statements: vec![c],
                },
                Municipality {
                    number: "092015".into(),
                    statements: vec![b, a],
                },
            ],
        }
    }

    fn client<'a>(claim: &'a mut ClaimFile, certificate: &str) -> &'a mut Statement {
        claim
            .municipalities
            .iter_mut()
            .flat_map(|m| m.statements.iter_mut())
            .find(|s| s.certificate_number == certificate)
            .expect("fixture client")
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(128))]

        /// Whatever the names and kana (and with amounts that do not add up), the file is either refused with problems or
        /// written as Shift_JIS records of a fixed shape: control, data and end records with
        /// CRLF, no cell a spreadsheet would run as a formula, nothing left unencodable (#18).
        #[test]
        fn the_file_is_well_formed_or_refused(
            name in "\\PC{0,12}",
            kana in proptest::prop_oneof![
                proptest::prelude::Just("ヤマダ タロウ".to_string()),
                "[ァ-ヶー　 ]{0,12}",
                "\\PC{0,12}",
            ],
            break_amounts in 0u32..3,
        ) {
            let mut claim = small_office();
            let s = client(&mut claim, A);
            s.name = name;
            s.name_kana = kana;
            if break_amounts == 0 {
                // Amounts that no longer add up: refused.
                s.total_units += 1;
            }
            match write(&claim) {
                Err(problems) => proptest::prop_assert!(!problems.is_empty()),
                Ok(bytes) => {
                    let (text, _, bad) = SHIFT_JIS.decode(&bytes);
                    proptest::prop_assert!(!bad);
                    proptest::prop_assert!(text.ends_with("\r\n"));
                    let lines: Vec<&str> = text.trim_end_matches("\r\n").split("\r\n").collect();
                    proptest::prop_assert!(lines[0].starts_with("1,"));
                    proptest::prop_assert!(lines[lines.len() - 1].starts_with("3,"));
                    for line in &lines[1..lines.len() - 1] {
                        proptest::prop_assert!(line.starts_with("2,"));
                        for cell in line.split(',') {
                            proptest::prop_assert!(!cell.chars().any(char::is_control), "{line}");
                            proptest::prop_assert!(!cell.starts_with(['=', '+', '@']), "{line}");
                        }
                    }
                }
            }
        }
    }

    fn sheet(claim: &mut ClaimFile) -> &mut CapResultSheet {
        client(claim, C)
            .cap_results
            .as_mut()
            .expect("fixture sheet")
    }

    /// The 25 published 栃木県 numbers (domain.md §7.3, tochigi-kokuho.jp 参考資料).
    #[test]
    fn municipality_check_digits_match_the_published_numbers() {
        let published = [
            "092015", "092023", "092031", "092049", "092056", "092064", "092080", "092098",
            "092106", "092114", "092130", "092148", "092155", "092163", "093013", "093427",
            "093435", "093443", "093450", "093617", "093641", "093849", "093864", "094078",
            "094110",
        ];
        for number in published {
            assert!(is_valid_municipality_number(number), "{number}");
        }
        // The JIS 地方公共団体コード is not the 市町村番号 (宇都宮市 092011), and one wrong
        // digit or two swapped neighbours change the check digit.
        for number in [
            "092011", "092016", "092025", "090215", "09201", "0920155", "09201a",
        ] {
            assert!(!is_valid_municipality_number(number), "{number}");
        }
        assert_eq!(municipality_check_digit("09201"), Some(5));
        assert_eq!(municipality_check_digit("00000"), Some(0));
        assert_eq!(municipality_check_digit("0920"), None);
    }

    /// domain.md §7.2: J121-04 field 11 is 2 integer and 3 decimal digits (11.05円 → 11050).
    #[test]
    fn unit_prices_are_encoded_with_three_decimals() {
        let cases = [
            (1_105, "11050"),
            (1_090, "10900"),
            (1_000, "10000"),
            (1_140, "11400"),
            (1_014, "10140"),
            (1_027, "10270"),
            (1, "00010"),
            (9_999, "99990"),
        ];
        for (hundredths, expected) in cases {
            assert_eq!(encode_unit_price(hundredths), expected, "{hundredths}");
        }
    }

    /// domain.md §7 (reference implementation's notes): カナ fields take half-width katakana.
    #[test]
    fn kana_becomes_half_width_katakana() {
        let ok = [
            ("ヤマダ タロウ", "ﾔﾏﾀﾞﾀﾛｳ"),
            ("さとう　はなこ", "ｻﾄｳﾊﾅｺ"),
            ("パーヴェル", "ﾊﾟｰｳﾞｪﾙ"),
            ("ｷｯﾁﾝ", "ｷｯﾁﾝ"),
            ("ジョウ", "ｼﾞｮｳ"),
            ("", ""),
        ];
        for (kana, expected) in ok {
            assert_eq!(transmission_kana(kana).as_deref(), Ok(expected), "{kana}");
        }
        assert_eq!(transmission_kana("ヰセキ"), Err(vec!['ヰ']));
        assert_eq!(
            transmission_kana("山田Taro"),
            Err("山田Taro".chars().collect())
        );
    }

    /// domain.md §7.1: a letter first, at most 8 alphanumerics, `.CSV`.
    #[test]
    fn file_names_follow_the_rule() {
        let month = YearMonth::new(2026, 4).expect("month");
        for (kind, expected) in [
            (DataKind::J11, "J112604.CSV"),
            (DataKind::J41, "J412604.CSV"),
        ] {
            let name = file_name(kind, month);
            assert_eq!(name, expected);
            let stem = name.trim_end_matches(".CSV");
            assert!(stem.len() <= 8 && stem.starts_with(|c: char| c.is_ascii_alphabetic()));
            assert!(stem.chars().all(|c| c.is_ascii_alphanumeric()));
        }
    }

    /// A problem reads in Japanese and English and names where it is: the client, the
    /// certificate when the name is missing, the municipality.
    #[test]
    fn problems_read_in_both_languages_and_say_where() {
        let mut claim = small_office();
        let m = &mut claim.municipalities[0];
        let number = m.number.clone();
        m.statements[0].name = String::new();
        let certificate = m.statements[0].certificate_number.clone();
        m.statements.truncate(1);
        claim.unit_price_hundredths = 0;
        let problems = validate(&claim);
        let ja: Vec<String> = problems.iter().map(|p| p.message(Lang::Ja)).collect();
        let en: Vec<String> = problems.iter().map(|p| p.message(Lang::En)).collect();
        assert!(
            ja.contains(&format!(
                "氏名を入力してください（受給者証番号 {certificate}）"
            )),
            "{ja:#?}"
        );
        assert!(
            en.contains(&format!("Enter the name (certificate {certificate})")),
            "{en:#?}"
        );
        assert!(
            en.contains(&"The unit price must be from 0.01 to 99.99 yen".to_string()),
            "{en:#?}"
        );
        assert_eq!(problems[0].to_string(), ja[0], "Display is Japanese");
        let dup = Problem {
            key: "kokuho.municipality_repeated",
            values: Vec::new(),
            at: Some(At::Municipality(number.clone())),
        };
        assert_eq!(
            dup.message(Lang::En),
            format!("The municipality number appears twice (municipality {number})")
        );
        for p in &problems {
            for lang in [Lang::Ja, Lang::En] {
                let text = p.message(lang);
                assert!(!text.contains('{') && !text.contains("⚠"), "{text}");
            }
        }
    }

    #[test]
    fn the_small_office_is_valid() {
        assert_eq!(validate(&small_office()), vec![]);
    }

    /// One mutation of the valid office per rule, and the message it must produce.
    #[test]
    fn each_rule_reports_a_problem() {
        type Case = (&'static str, fn(&mut ClaimFile));
        let cases: Vec<Case> = vec![
            // domain.md §7.3: 事業所番号 10 digits.
            (
                "事業所番号は10桁の数字で入力してください",
                |c| c.office.number = "091234567".into(),
            ),
            // domain.md §7.1: 処理対象年月 after the service month (a month outside
            // 2000–2100 or 1–12 cannot be a `YearMonth`: see `domain::month`).
            (
                "処理対象年月はサービス提供年月より後の月",
                |c| c.processing_month = c.service_month,
            ),
            // domain.md §7.2: 地域区分コード 01–07 or 20.
            (
                "地域区分コードは01〜07または20で入力してください（08）",
                |c| c.region_code = "08".into(),
            ),
            ("地域区分コードは01〜07または20", |c| {
                c.region_code = "6".into()
            }),
            // domain.md §7.2: 2 integer digits for the price.
            ("単位数単価は0.01円から99.99円", |c| {
                c.unit_price_hundredths = 0
            }),
            ("単位数単価は0.01円から99.99円", |c| {
                c.unit_price_hundredths = 10_000
            }),
            // domain.md §7.3: サービス種類コード 2 digits.
            ("サービス種類コードは2桁", |c| {
                c.service_kind = "4".into()
            }),
            ("請求する市町村がありません", |c| {
                c.municipalities.clear()
            }),
            // domain.md §7.3: 市町村番号 6 digits with a check digit.
            (
                "市町村番号は6桁の数字で入力してください（市町村番号 09201）",
                |c| c.municipalities[1].number = "09201".into(),
            ),
            (
                "市町村番号の検査数字が合いません。受給者証の番号を確認してください（市町村番号 092011）",
                |c| c.municipalities[1].number = "092011".into(),
            ),
            (
                "市町村番号が重複しています（市町村番号 092015）",
                |c| c.municipalities[0].number = "092015".into(),
            ),
            (
                "請求する利用者がいません（市町村番号 092023）",
                |c| c.municipalities[0].statements.clear(),
            ),
            // domain.md §7.3: 受給者証番号 10 digits (no check digit: UNCONFIRMED).
            (
                "受給者証番号は10桁の数字で入力してください（山田 太郎）",
                |c| client(c, A).certificate_number = "000012345".into(),
            ),
            (
                "受給者証番号は10桁の数字で入力してください（山田 太郎）",
                |c| client(c, A).certificate_number = "000012345X".into(),
            ),
            (
                "受給者証番号が同じ市町村で重複しています（山田 太郎）",
                |c| client(c, B).certificate_number = A.into(),
            ),
            (
                "氏名を入力してください（受給者証番号 0000123456）",
                |c| client(c, A).name = " ".into(),
            ),
            // domain.md §7.1: Shift_JIS, half-width カナ; never replaced silently.
            (
                "フリガナに伝送できない文字があります（「ヰ」）（山田 太郎）",
                |c| client(c, A).name_kana = "ヰセキ".into(),
            ),
            (
                "フリガナに伝送できない文字があります（「𠮷」「田」）（山田 太郎）",
                |c| client(c, A).name_kana = "𠮷田".into(),
            ),
            ("生年月日がサービス提供年月より後", |c| {
                client(c, A).birth_date = date!(2026 - 11 - 01)
            }),
            // domain.md §7.2: 開始年月日, the first day under the continuing contract.
            (
                "開始年月日はサービス提供年月の末日までの日付にしてください（鈴木 一郎）",
                |c| client(c, C).service_start = date!(2026 - 11 - 01),
            ),
            ("終了年月日はサービス提供年月の中で", |c| {
                client(c, C).service_end = Some(date!(2026 - 11 - 01))
            }),
            ("終了年月日はサービス提供年月の中で", |c| {
                let s = client(c, B);
                s.service_end = Some(date!(2026 - 10 - 01));
            }),
            ("利用日数はその月の日数以下", |c| {
                client(c, A).service_days = 32
            }),
            // domain.md §7.2/§7.3: lines, codes, units.
            (
                "サービスの明細がありません（佐藤 花子）",
                |c| client(c, B).lines.clear(),
            ),
            (
                "サービスコードは47から始まる6桁の数字で入力してください（サービスコード 461111）（佐藤 花子）",
                |c| client(c, B).lines[0].code = "461111".into(),
            ),
            (
                "サービスコードは47から始まる6桁の数字で入力してください（サービスコード 47111）",
                |c| client(c, B).lines[0].code = "47111".into(),
            ),
            (
                "サービスコードが重複しています（サービスコード 471111）（山田 太郎）",
                |c| client(c, A).lines[0].code = "471111".into(),
            ),
            ("回数は1以上で入力してください", |c| {
                let l = &mut client(c, B).lines[0];
                l.times = 0;
                l.units = 0;
            }),
            (
                "サービス単位数が単位数×回数と合いません（サービスコード 471111）",
                |c| client(c, B).lines[0].times = 2,
            ),
            (
                "給付単位数（3700）が明細のサービス単位数の合計（3699）と合いません（山田 太郎）",
                |c| client(c, A).total_units = 3_700,
            ),
            // domain.md §6: the yen arithmetic rounds down at each step.
            (
                "総費用額は給付単位数×単位数単価の円未満を切り捨てた額（37988円）にしてください（山田 太郎）",
                |c| {
                    let s = client(c, A);
                    s.total_cost_yen = 37_989;
                    s.claim_yen = 36_489;
                },
            ),
            (
                "1割相当額は総費用額の1割の円未満を切り捨てた額（3542円）",
                |c| client(c, B).ten_percent_yen = 3_543,
            ),
            // domain.md §5: 上限月額調整 = min(cap, 1割).
            (
                "上限月額調整は利用者負担上限月額と1割相当額の少ない方（3798円）",
                |c| client(c, A).cap_adjusted_yen = 9_300,
            ),
            (
                "請求額は総費用額から決定利用者負担額を引いた額（36488円）",
                |c| client(c, A).claim_yen = 37_988,
            ),
            (
                "決定利用者負担額が上限月額調整（0円）を超えています（佐藤 花子）",
                |c| {
                    let s = client(c, B);
                    s.user_charge_yen = 100;
                    s.claim_yen = 35_321;
                },
            ),
            // domain.md §5: no 上限額管理 when the cap is 0.
            (
                "利用者負担上限月額が0円のときは上限額管理を設定しません（佐藤 花子）",
                |c| {
                    let s = client(c, B);
                    s.cap_manager_office = Some("0911111112".into());
                    s.cap_result = Some(CapResult::WithinCap);
                    s.cap_result_yen = Some(0);
                },
            ),
            // domain.md §5: 管理結果 present whenever an office manages the cap.
            (
                "上限額管理事業所があるときは管理結果（1〜3）を入力してください（山田 太郎）",
                |c| {
                    let s = client(c, A);
                    s.cap_result = None;
                    s.cap_result_yen = None;
                },
            ),
            (
                "管理結果があるときは上限額管理事業所番号を入力してください（山田 太郎）",
                |c| client(c, A).cap_manager_office = None,
            ),
            (
                "上限額管理事業所番号は10桁の数字で入力してください（山田 太郎）",
                |c| client(c, A).cap_manager_office = Some("091111111".into()),
            ),
            (
                "管理結果額を入力してください（山田 太郎）",
                |c| client(c, A).cap_result_yen = None,
            ),
            (
                "決定利用者負担額は管理結果額（1500円）と同じにしてください",
                |c| {
                    let s = client(c, A);
                    s.user_charge_yen = 1_400;
                    s.claim_yen = 36_588;
                },
            ),
            (
                "管理結果額が上限月額調整（3798円）を超えています",
                |c| client(c, A).cap_result_yen = Some(3_799),
            ),
            (
                "管理結果1（管理事業所で充当）のとき、管理結果額は0円です",
                |c| client(c, A).cap_result = Some(CapResult::ManagerTakesAll),
            ),
            (
                "管理結果2（調整なし）のとき、管理結果額は上限月額調整（3798円）と同じです",
                |c| client(c, A).cap_result = Some(CapResult::WithinCap),
            ),
            (
                "上限額管理がないとき、決定利用者負担額は上限月額調整（3798円）と同じにしてください",
                |c| {
                    let s = client(c, A);
                    s.cap_manager_office = None;
                    s.cap_result = None;
                    s.cap_result_yen = None;
                },
            ),
            // domain.md §7.2: J411 only when this office manages the cap.
            (
                "この事業所が上限額管理事業所のときは上限額管理結果票の関係事業所を入力してください（鈴木 一郎）",
                |c| client(c, C).cap_results = None,
            ),
            (
                "上限額管理結果票はこの事業所が上限額管理事業所のときだけ作成します（山田 太郎）",
                |c| {
                    let sheet = sheet(c).clone();
                    client(c, A).cap_results = Some(sheet);
                },
            ),
            (
                "上限額管理結果票の関係事業所がありません",
                |c| sheet(c).offices.clear(),
            ),
            (
                "上限額管理結果票の1行目はこの事業所にしてください",
                |c| sheet(c).offices.swap(0, 1),
            ),
            (
                "上限額管理結果票のこの事業所の総費用額・利用者負担額が明細書と合いません",
                |c| sheet(c).offices[0].total_cost_yen = 36_000,
            ),
            (
                "関係事業所の事業所番号は10桁の数字で入力してください（あしかがワークス）",
                |c| sheet(c).offices[1].number = "092222222".into(),
            ),
            ("関係事業所が重複しています", |c| {
                sheet(c).offices[1].number = OFFICE.into()
            }),
            (
                "管理結果後利用者負担額の合計（9301円）が利用者負担上限月額を超えています",
                |c| sheet(c).offices[1].charge_after_yen = 5_605,
            ),
            (
                "管理結果3は利用者負担額の合計が上限月額を超え",
                |c| sheet(c).offices[1].charge_after_yen = 5_000,
            ),
            (
                "管理結果2は利用者負担額の合計が上限月額以下",
                |c| client(c, C).cap_result = Some(CapResult::WithinCap),
            ),
            (
                "管理結果1のとき、他の事業所の管理結果後利用者負担額は0円です",
                |c| client(c, C).cap_result = Some(CapResult::ManagerTakesAll),
            ),
            // domain.md §7.2: J121-05 契約情報 (optional).
            (
                "決定サービスコードは6桁の数字で入力してください（47000）",
                |c| {
                    client(c, A).contracts.push(Contract {
                        decision_code: "47000".into(),
                        amount_hundredths: 100,
                        start: date!(2025 - 04 - 01),
                        end: None,
                        entry_number: 1,
                    })
                },
            ),
            (
                "契約支給量は999.99以下で入力してください",
                |c| {
                    client(c, A).contracts.push(Contract {
                        decision_code: "470000".into(),
                        amount_hundredths: 100_000,
                        start: date!(2025 - 04 - 01),
                        end: None,
                        entry_number: 1,
                    })
                },
            ),
            (
                "事業者記入欄番号は1〜99で入力してください",
                |c| {
                    client(c, A).contracts.push(Contract {
                        decision_code: "470000".into(),
                        amount_hundredths: 100,
                        start: date!(2025 - 04 - 01),
                        end: Some(date!(2025 - 03 - 31)),
                        entry_number: 0,
                    })
                },
            ),
        ];
        for (expected, mutate) in cases {
            let mut claim = small_office();
            mutate(&mut claim);
            let problems = validate(&claim);
            assert!(
                problems
                    .iter()
                    .any(|p| p.message(Lang::Ja).contains(expected)),
                "{expected}\n  got: {problems:#?}"
            );
            assert_eq!(write(&claim), Err(problems.clone()), "{expected}");
            assert_eq!(write_cap_results(&claim), Err(problems), "{expected}");
        }
    }

    /// The exact bytes, checked by eye field by field against the layouts in domain.md §7.2
    /// and the IF extract: the text below is what `tests/golden/j11_small.csv` decodes to.
    const J11_TEXT: &str = "\
1,1,0,18,J11,0,0912345678,0,1,202611,\r
2,2,J111,01,202610,092015,0912345678,71909,2,7148,73409,71909,,1500,,,,,2,7148,73409,71909,,1500,\r
2,3,J111,02,202610,092015,0912345678,1,47,2,7148,73409,71909,,1500,\r
2,4,J121,01,202610,092015,0912345678,0000123456,,ﾔﾏﾀﾞﾀﾛｳ,,06,1,9300,1,,0911111112,3,1500,,,3699,37988,3798,,,1500,1500,1500,36488,,,,,,,\r
2,5,J121,02,202610,092015,0912345678,0000123456,47,20250407,,2,,\r
2,6,J121,03,202610,092015,0912345678,0000123456,471111,3449,1,3449,\r
2,7,J121,03,202610,092015,0912345678,0000123456,476010,250,1,250,\r
2,8,J121,04,202610,092015,0912345678,0000123456,47,1,2,3699,10270,0,37988,3798,3798,3798,,,1500,1500,1500,36488,,,,,,,,,,,\r
2,9,J121,01,202610,092015,0912345678,0000234567,,ｻﾄｳﾊﾅｺ,,06,1,0,1,,,,,,,3449,35421,0,,,,,0,35421,,,,,,,\r
2,10,J121,02,202610,092015,0912345678,0000234567,47,20261002,,1,,\r
2,11,J121,03,202610,092015,0912345678,0000234567,471111,3449,1,3449,\r
2,12,J121,04,202610,092015,0912345678,0000234567,47,1,1,3449,10270,0,35421,3542,3542,0,,,,,0,35421,,,,,,,,,,,\r
2,13,J111,01,202610,092023,0912345678,33265,1,3599,36961,33265,,3696,,,,,1,3599,36961,33265,,3696,\r
2,14,J111,02,202610,092023,0912345678,1,47,1,3599,36961,33265,,3696,\r
2,15,J121,01,202610,092023,0912345678,0000345678,,ｽｽﾞｷｲﾁﾛｳ,,06,1,9300,1,,0912345678,3,3696,,,3599,36961,3696,,,3696,3696,3696,33265,,,,,,,\r
2,16,J121,02,202610,092023,0912345678,0000345678,47,20241115,,1,,\r
2,17,J121,03,202610,092023,0912345678,0000345678,471111,3449,1,3449,\r
2,18,J121,03,202610,092023,0912345678,0000345678,475020,150,1,150,\r
2,19,J121,04,202610,092023,0912345678,0000345678,47,1,1,3599,10270,0,36961,3696,3696,3696,,,3696,3696,3696,33265,,,,,,,,,,,\r
3,20\r
";

    const J41_TEXT: &str = "\
1,1,0,3,J41,0,0912345678,0,1,202611,\r
2,2,J411,01,202610,1,092023,0912345678,0000345678,ｽｽﾞｷｲﾁﾛｳ,,9300,3,156961,12996,9300\r
2,3,J411,02,202610,092023,0912345678,0000345678,1,0912345678,36961,3696,3696\r
2,4,J411,02,202610,092023,0912345678,0000345678,2,0922222223,120000,9300,5604\r
3,5\r
";

    const J11_GOLDEN: &[u8] = include_bytes!("../../tests/golden/j11_small.csv");
    const J41_GOLDEN: &[u8] = include_bytes!("../../tests/golden/j41_small.csv");

    fn decode(bytes: &[u8]) -> String {
        let (text, unmappable) = SHIFT_JIS.decode_without_bom_handling(bytes);
        assert!(!unmappable, "not Shift_JIS");
        text.into_owned()
    }

    #[test]
    fn the_small_office_matches_the_golden_files() {
        let claim = small_office();
        let j11 = write(&claim).expect("valid");
        let j41 = write_cap_results(&claim)
            .expect("valid")
            .expect("C has a J411");
        assert_eq!(decode(&j11), J11_TEXT);
        assert_eq!(decode(&j41), J41_TEXT);
        assert_eq!(decode(J11_GOLDEN), J11_TEXT);
        assert_eq!(decode(J41_GOLDEN), J41_TEXT);
        assert!(
            j11 == J11_GOLDEN,
            "J11 bytes differ from tests/golden/j11_small.csv"
        );
        assert!(
            j41 == J41_GOLDEN,
            "J41 bytes differ from tests/golden/j41_small.csv"
        );
        // Half-width katakana are single bytes 0xA1–0xDF in Shift_JIS: ﾔﾏﾀﾞﾀﾛｳ.
        let kana = [0xD4, 0xCF, 0xC0, 0xDE, 0xC0, 0xDB, 0xB3];
        assert!(j11.windows(kana.len()).any(|w| w == kana));
    }

    /// domain.md §7.1: CRLF after every record, no lone LF or CR.
    #[test]
    fn every_record_ends_in_crlf() {
        for bytes in [J11_GOLDEN, J41_GOLDEN] {
            assert!(bytes.ends_with(b"\r\n"));
            for (i, &b) in bytes.iter().enumerate() {
                if b == b'\n' {
                    assert_eq!(bytes.get(i.wrapping_sub(1)), Some(&b'\r'), "lone LF at {i}");
                }
                if b == b'\r' {
                    assert_eq!(bytes.get(i + 1), Some(&b'\n'), "lone CR at {i}");
                }
            }
        }
    }

    /// The field count of every record type (domain.md §7.2), 連番 1, 2, 3… and データ件数.
    fn check_structure(text: &str) -> Vec<Vec<String>> {
        let records: Vec<Vec<String>> = text
            .split_terminator("\r\n")
            .map(|r| r.split(',').map(String::from).collect())
            .collect();
        let (control, rest) = records.split_first().expect("control record");
        let (end, data) = rest.split_last().expect("end record");
        assert_eq!(control.len(), 11, "control record: {control:?}");
        assert_eq!(control[0], "1");
        assert_eq!(control[3], data.len().to_string(), "データ件数");
        assert_eq!(control[10], "", "予備");
        assert_eq!(end.len(), 2);
        assert_eq!(end[0], "3");
        for (i, record) in records.iter().enumerate() {
            assert_eq!(record[1], (i + 1).to_string(), "連番 of record {i}");
        }
        // データ種別 is the first data record's 交換情報識別番号 without its last digit.
        assert_eq!(data[0][2][..3], control[4], "データ種別");
        for record in data {
            assert_eq!(record[0], "2");
            let fields = &record[2..];
            let expected = match (fields[0].as_str(), fields[1].as_str()) {
                ("J111", "01") => 23,
                ("J111", "02") => 14,
                ("J121", "01") => 35,
                ("J121", "02") => 12,
                ("J121", "03") => 11,
                ("J121", "04") => 33,
                ("J121", "05") => 11,
                ("J411", "01") => 14,
                ("J411", "02") => 11,
                other => panic!("unexpected record {other:?}"),
            };
            assert_eq!(fields.len(), expected, "{record:?}");
        }
        data.iter().map(|r| r[2..].to_vec()).collect()
    }

    #[test]
    fn records_have_the_specified_field_counts() {
        let mut claim = small_office();
        check_structure(J11_TEXT);
        check_structure(J41_TEXT);
        // With a J121-05 契約情報 record too.
        client(&mut claim, A).contracts.push(Contract {
            decision_code: "470000".into(),
            amount_hundredths: 1_200,
            start: date!(2025 - 04 - 01),
            end: None,
            entry_number: 1,
        });
        let text = decode(&write(&claim).expect("valid"));
        let data = check_structure(&text);
        let contract = data
            .iter()
            .find(|f| f[0] == "J121" && f[1] == "05")
            .expect("a 05 record");
        assert_eq!(contract[6..], ["470000", "01200", "20250401", "", "1"]);
    }

    /// domain.md §7.2: each J111 holds the totals of its municipality's J121s.
    #[test]
    fn invoice_totals_are_the_sums_of_the_statements() {
        let data = check_structure(J11_TEXT);
        let num = |f: &str| -> u64 { f.parse().unwrap_or(0) };
        for invoice in data.iter().filter(|f| f[0] == "J111" && f[1] == "01") {
            let statements: Vec<_> = data
                .iter()
                .filter(|f| f[0] == "J121" && f[1] == "01" && f[3] == invoice[3])
                .collect();
            let sum = |i: usize| statements.iter().map(|f| num(&f[i])).sum::<u64>();
            // 件数, 単位数 (20), 費用合計 (21), 給付費 (28), 利用者負担額 (27); fields are 1-based.
            assert_eq!(num(&invoice[6]), statements.len() as u64);
            assert_eq!(num(&invoice[7]), sum(19));
            assert_eq!(num(&invoice[8]), sum(20));
            assert_eq!(num(&invoice[9]), sum(27));
            assert_eq!(num(&invoice[11]), sum(26));
            assert_eq!(num(&invoice[5]), sum(27), "請求金額");
            assert_eq!(invoice[6..13], invoice[16..23], "小計 = 合計");
        }
    }

    #[test]
    fn no_cap_results_file_without_a_managed_client() {
        let mut claim = small_office();
        claim.municipalities.retain(|m| m.number == "092015");
        assert_eq!(write_cap_results(&claim), Ok(None));
    }

    /// domain.md §7.1: a character outside Shift_JIS is refused, never replaced.
    #[test]
    fn characters_outside_shift_jis_are_refused() {
        assert!(encode("ﾔﾏﾀﾞ,092015\r\n").is_ok());
        let problems = encode("1,𠮷,😀\r\n").expect_err("not Shift_JIS");
        assert_eq!(
            problems[0].message(Lang::Ja),
            "Shift_JISで書けない文字があります（𠮷😀）"
        );
        assert_eq!(
            problems[0].message(Lang::En),
            "Some characters cannot be written in Shift_JIS (𠮷😀)"
        );
    }
}
