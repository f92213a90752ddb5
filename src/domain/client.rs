//! 利用者 (client) records as forms see them: the client, their employment (就労), the
//! 受給者証 (certificate) with its 支給決定 periods, and the contract (契約). Each form parses
//! into a valid input or a list of field messages; nothing typed is lost.

use time::Date;

use super::fields::{self, FieldErrors, Pairs};
use super::rules::eligibility::PriorService;
use super::rules::period::{PeriodError, ServiceWindow, contract_end};

/// 障害種別. Several may apply to one person.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Disability {
    Physical,
    Intellectual,
    Mental,
    Developmental,
    Intractable,
}

impl Disability {
    pub const ALL: [Disability; 5] = [
        Disability::Physical,
        Disability::Intellectual,
        Disability::Mental,
        Disability::Developmental,
        Disability::Intractable,
    ];
    pub fn code(self) -> &'static str {
        match self {
            Disability::Physical => "physical",
            Disability::Intellectual => "intellectual",
            Disability::Mental => "mental",
            Disability::Developmental => "developmental",
            Disability::Intractable => "intractable",
        }
    }
    pub fn parse(code: &str) -> Option<Disability> {
        Disability::ALL.into_iter().find(|d| d.code() == code)
    }
    /// The i18n key of its name (身体, 知的, 精神, 発達, 難病).
    pub fn label_key(self) -> &'static str {
        match self {
            Disability::Physical => "disability.physical",
            Disability::Intellectual => "disability.intellectual",
            Disability::Mental => "disability.mental",
            Disability::Developmental => "disability.developmental",
            Disability::Intractable => "disability.intractable",
        }
    }
}

/// Codes stored in `clients.disability_categories`, comma-separated.
pub fn disabilities_from_column(column: &str) -> Vec<Disability> {
    column.split(',').filter_map(Disability::parse).collect()
}

/// A valid client.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClientInput {
    pub name: String,
    pub kana: String,
    pub birth_date: Date,
    pub phone: String,
    pub email: String,
    pub address: String,
    pub disabilities: Vec<Disability>,
    pub prior_service: PriorService,
    pub prior_office_name: String,
    /// The prior office is run together with this one (一体的に運営), so 初期加算 does not
    /// apply (domain.md §2.1).
    pub prior_office_integrated: bool,
    pub supporter_id: Option<i64>,
}

impl ClientInput {
    pub fn disabilities_column(&self) -> String {
        self.disabilities
            .iter()
            .map(|d| d.code())
            .collect::<Vec<_>>()
            .join(",")
    }
}

/// The client form as typed.
#[derive(Debug, Clone, Default)]
pub struct ClientForm {
    pub name: String,
    pub kana: String,
    pub birth_date: String,
    pub phone: String,
    pub email: String,
    pub address: String,
    pub disabilities: Vec<String>,
    pub prior_service: String,
    pub prior_office_name: String,
    pub prior_office_integrated: bool,
    pub supporter_id: String,
}

impl ClientForm {
    pub fn from_pairs(p: &Pairs) -> ClientForm {
        ClientForm {
            name: p.get("client_name"),
            kana: p.get("kana"),
            birth_date: p.get("birth_date"),
            phone: p.get("phone"),
            email: p.get("email"),
            address: p.get("address"),
            disabilities: p.all("disabilities"),
            prior_service: p.get("prior_service"),
            prior_office_name: p.get("prior_office_name"),
            prior_office_integrated: !p.get("prior_office_integrated").is_empty(),
            supporter_id: p.get("supporter_id"),
        }
    }

    pub fn has_disability(&self, code: &str) -> bool {
        self.disabilities.iter().any(|d| d == code)
    }

    /// Parses the form. `supporters` are the staff ids allowed as the supporter in charge.
    pub fn parse(&self, today: Date, supporters: &[i64]) -> Result<ClientInput, FieldErrors> {
        let mut e = FieldErrors::new();
        let name = fields::required_text(&mut e, "client_name", &self.name, 100);
        let kana = parse_kana(&mut e, &self.kana);
        let birth_date = fields::date(&mut e, "birth_date", &self.birth_date, true);
        if let Some(b) = birth_date {
            // Someone in ordinary employment: between 15 and 100 years old.
            let age = age_on(b, today);
            if b >= today || !(15..=100).contains(&age) {
                e.add("birth_date", "err.birth_date");
            }
        }
        let phone = fields::phone(&mut e, "phone", &self.phone, false);
        let email = fields::email(&mut e, "email", &self.email, false);
        let address = fields::optional_text(&mut e, "address", &self.address, 200);
        let disabilities: Vec<Disability> = self
            .disabilities
            .iter()
            .filter_map(|c| Disability::parse(c))
            .collect();
        if disabilities.is_empty() {
            e.add("disabilities", "err.choose_one");
        }
        let prior_service = PriorService::parse(self.prior_service.trim());
        if prior_service.is_none() {
            e.add("prior_service", "err.choose");
        }
        let prior_office_name =
            fields::optional_text(&mut e, "prior_office_name", &self.prior_office_name, 100);
        if prior_service.is_some_and(|p| p.qualifies()) && prior_office_name.is_empty() {
            e.add("prior_office_name", "err.required");
        }
        // Run together with a prior office only when there was one.
        if self.prior_office_integrated && prior_service == Some(PriorService::None) {
            e.add("prior_office_integrated", "records.err.no_prior_office");
        }
        let supporter_id = match self.supporter_id.trim() {
            "" => None,
            s => match s.parse::<i64>() {
                Ok(id) if supporters.contains(&id) => Some(id),
                _ => {
                    e.add("supporter_id", "err.choose");
                    None
                }
            },
        };
        match (birth_date, prior_service) {
            (Some(birth_date), Some(prior_service)) if e.is_empty() => Ok(ClientInput {
                name,
                kana,
                birth_date,
                phone,
                email,
                address,
                disabilities,
                prior_service,
                prior_office_name,
                prior_office_integrated: self.prior_office_integrated,
                supporter_id,
            }),
            _ => Err(e),
        }
    }
}

/// ふりがな in hiragana; katakana is turned into hiragana, spaces are kept.
pub fn parse_kana(e: &mut FieldErrors, value: &str) -> String {
    let v: String = value
        .trim()
        .chars()
        .map(|c| match c {
            'ァ'..='ヶ' => char::from_u32(c as u32 - 0x60).unwrap_or(c),
            '\u{3000}' => ' ',
            _ => c,
        })
        .collect();
    if v.is_empty() {
        e.add("kana", "err.required");
    } else if v.chars().count() > 100 {
        e.add("kana", "err.too_long");
    } else if !v
        .chars()
        .all(|c| matches!(c, 'ぁ'..='ゖ' | 'ー' | 'ゝ' | 'ゞ' | ' '))
    {
        e.add("kana", "err.kana");
    }
    v
}

/// Age in whole years on `on`.
pub fn age_on(birth: Date, on: Date) -> i32 {
    let mut age = on.year() - birth.year();
    if (on.month() as u8, on.day()) < (birth.month() as u8, birth.day()) {
        age -= 1;
    }
    age
}

/// Why an employment ended.
pub const END_REASONS: [&str; 5] = [
    "resigned",
    "dismissed",
    "contract_ended",
    "job_change",
    "other",
];

/// A valid employment record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EmploymentInput {
    pub employer_name: String,
    pub workplace_address: String,
    pub supervisor_name: String,
    pub supervisor_contact: String,
    pub job_title: String,
    pub weekly_minutes: i64,
    pub ordinary_employment: bool,
    pub hire_date: Date,
    pub return_to_work_date: Option<Date>,
    pub end_date: Option<Date>,
    pub end_reason: String,
}

#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(default)]
pub struct EmploymentForm {
    pub employer_name: String,
    pub workplace_address: String,
    pub supervisor_name: String,
    pub supervisor_contact: String,
    pub job_title: String,
    pub weekly_hours: String,
    pub ordinary_employment: String,
    pub hire_date: String,
    pub return_to_work_date: String,
    pub end_date: String,
    pub end_reason: String,
}

impl EmploymentForm {
    pub fn parse(&self, today: Date) -> Result<EmploymentInput, FieldErrors> {
        let mut e = FieldErrors::new();
        let employer_name =
            fields::required_text(&mut e, "employer_name", &self.employer_name, 100);
        let workplace_address =
            fields::required_text(&mut e, "workplace_address", &self.workplace_address, 200);
        let supervisor_name =
            fields::optional_text(&mut e, "supervisor_name", &self.supervisor_name, 100);
        let supervisor_contact =
            fields::optional_text(&mut e, "supervisor_contact", &self.supervisor_contact, 100);
        let job_title = fields::required_text(&mut e, "job_title", &self.job_title, 100);
        let weekly_minutes = parse_weekly_hours(&mut e, &self.weekly_hours);
        let ordinary_employment = match self.ordinary_employment.as_str() {
            "yes" => Some(true),
            "no" => Some(false),
            _ => {
                e.add("ordinary_employment", "err.choose");
                None
            }
        };
        let hire_date = fields::date(&mut e, "hire_date", &self.hire_date, true);
        let return_to_work_date = fields::date(
            &mut e,
            "return_to_work_date",
            &self.return_to_work_date,
            false,
        );
        let end_date = fields::date(&mut e, "end_date", &self.end_date, false);
        if let Some(h) = hire_date {
            if h > today + time::Duration::days(366) {
                e.add("hire_date", "err.too_far_future");
            }
            if return_to_work_date.is_some_and(|r| r <= h) {
                e.add("return_to_work_date", "err.after_hire_date");
            }
            if end_date.is_some_and(|d| d < h) {
                e.add("end_date", "err.after_hire_date");
            }
        }
        let end_reason = self.end_reason.trim().to_string();
        if end_date.is_some() && !END_REASONS.contains(&end_reason.as_str()) {
            e.add("end_reason", "err.choose");
        }
        if end_date.is_none() && !end_reason.is_empty() {
            e.add("end_date", "err.end_date_for_reason");
        }
        match (weekly_minutes, ordinary_employment, hire_date) {
            (Some(weekly_minutes), Some(ordinary_employment), Some(hire_date)) if e.is_empty() => {
                Ok(EmploymentInput {
                    employer_name,
                    workplace_address,
                    supervisor_name,
                    supervisor_contact,
                    job_title,
                    weekly_minutes,
                    ordinary_employment,
                    hire_date,
                    return_to_work_date,
                    end_date,
                    end_reason,
                })
            }
            _ => Err(e),
        }
    }
}

/// Weekly working hours, e.g. `30` or `20.5`, stored in minutes. 1 to 60 hours.
fn parse_weekly_hours(e: &mut FieldErrors, value: &str) -> Option<i64> {
    let v = fields::normalize_ascii(value);
    if v.is_empty() {
        e.add("weekly_hours", "err.required");
        return None;
    }
    let (whole, frac) = v.split_once('.').unwrap_or((&v, ""));
    let minutes = match (whole.parse::<i64>(), frac) {
        (Ok(h), "") => Some(h * 60),
        (Ok(h), f) if f.len() <= 2 && f.bytes().all(|b| b.is_ascii_digit()) => {
            let f: i64 = f.parse().unwrap_or(0);
            let hundredths = if frac.len() == 1 { f * 10 } else { f };
            Some(h * 60 + hundredths * 60 / 100)
        }
        _ => None,
    };
    match minutes {
        Some(m) if (60..=3600).contains(&m) => Some(m),
        Some(_) => {
            e.add("weekly_hours", "err.weekly_hours");
            None
        }
        None => {
            e.add("weekly_hours", "err.number");
            None
        }
    }
}

/// Minutes as hours for display: 1830 → "30.5".
pub fn hours_label(minutes: i64) -> String {
    if minutes % 60 == 0 {
        format!("{}", minutes / 60)
    } else {
        let hundredths = (minutes % 60) * 100 / 60;
        format!(
            "{}.{}",
            minutes / 60,
            format!("{hundredths:02}").trim_end_matches('0')
        )
    }
}

/// Income categories written on a 受給者証, with their codes.
pub const INCOME_CATEGORIES: [&str; 4] = ["welfare", "low_income", "general1", "general2"];

/// A valid 受給者証 with its first 支給決定 period.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CertificateInput {
    pub number: String,
    pub municipality_code: String,
    pub municipality_name: String,
    pub income_category: String,
    pub monthly_cap_yen: i64,
    pub cap_manager_office: String,
    pub period: (Date, Date),
}

#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(default)]
pub struct CertificateForm {
    /// The form field is `certificate_number` (its label is 受給者証番号).
    #[serde(rename = "certificate_number")]
    pub number: String,
    pub municipality_code: String,
    pub municipality_name: String,
    pub income_category: String,
    pub monthly_cap_yen: String,
    pub cap_manager_office: String,
    pub period_start: String,
    pub period_end: String,
}

impl CertificateForm {
    pub fn parse(&self) -> Result<CertificateInput, FieldErrors> {
        let mut e = FieldErrors::new();
        // 受給者証番号 10 digits, 市町村番号 6 digits (domain.md §7.3).
        let number = fields::digits(&mut e, "certificate_number", &self.number, 10, true);
        let municipality_code = fields::digits(
            &mut e,
            "municipality_code",
            &self.municipality_code,
            6,
            true,
        );
        let municipality_name =
            fields::required_text(&mut e, "municipality_name", &self.municipality_name, 50);
        let income_category = self.income_category.trim().to_string();
        if !INCOME_CATEGORIES.contains(&income_category.as_str()) {
            e.add("income_category", "err.choose");
        }
        // The cap is read from the certificate, never computed (domain.md §5).
        let cap = fields::integer(
            &mut e,
            "monthly_cap_yen",
            &self.monthly_cap_yen,
            0,
            100_000,
            true,
        );
        let cap_manager_office =
            fields::optional_text(&mut e, "cap_manager_office", &self.cap_manager_office, 100);
        let period = parse_period(&mut e, &self.period_start, &self.period_end);
        match (number, municipality_code, cap, period) {
            (Some(number), Some(municipality_code), Some(monthly_cap_yen), Some(period))
                if e.is_empty() =>
            {
                Ok(CertificateInput {
                    number,
                    municipality_code,
                    municipality_name,
                    income_category,
                    monthly_cap_yen,
                    cap_manager_office,
                    period,
                })
            }
            _ => Err(e),
        }
    }
}

/// A 支給決定 period: both dates, the end not before the start, at most about a year and a
/// half (a decision is normally one year; domain.md §4, UNCONFIRMED).
pub fn parse_period(e: &mut FieldErrors, start: &str, end: &str) -> Option<(Date, Date)> {
    let s = fields::date(e, "period_start", start, true);
    let t = fields::date(e, "period_end", end, true);
    match (s, t) {
        (Some(s), Some(t)) if t < s => {
            e.add("period_end", "err.end_before_start");
            None
        }
        (Some(s), Some(t)) if t > s + time::Duration::days(550) => {
            e.add("period_end", "err.period_too_long");
            None
        }
        (Some(s), Some(t)) => Some((s, t)),
        _ => None,
    }
}

/// A valid contract: signed on `contract_date`, running `start`..=`end`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ContractInput {
    pub contract_date: Date,
    pub start: Date,
    pub end: Date,
}

/// The contract form's dates against the client's service window (`None` without an
/// employment): the end is computed, at most 3 years from the start and never past the
/// window's end (domain.md §4).
pub fn parse_contract(
    e: &mut FieldErrors,
    contract_date: &str,
    start_date: &str,
    window: Option<&ServiceWindow>,
) -> Option<ContractInput> {
    let contract_date = fields::date(e, "contract_date", contract_date, true);
    let start = fields::date(e, "start_date", start_date, true);
    if let (Some(c), Some(s)) = (contract_date, start)
        && c > s
    {
        e.add("contract_date", "err.contract_after_start");
    }
    let end = match (window, start) {
        (None, _) => {
            e.add("start_date", "err.no_employment_for_contract");
            None
        }
        (Some(w), Some(s)) => match contract_end(w, s) {
            Ok(end) => Some(end),
            Err(PeriodError::TooEarly { .. }) => {
                e.add("start_date", "err.start_too_early");
                None
            }
            Err(PeriodError::TooLate { .. }) => {
                e.add("start_date", "err.start_too_late");
                None
            }
        },
        (Some(_), None) => None,
    };
    match (contract_date, start, end) {
        (Some(contract_date), Some(start), Some(end)) if e.is_empty() => Some(ContractInput {
            contract_date,
            start,
            end,
        }),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    fn pairs(kv: &[(&str, &str)]) -> Pairs {
        Pairs(
            kv.iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
        )
    }

    #[test]
    fn a_complete_client_form_parses() {
        let p = pairs(&[
            ("client_name", "山田 花子"),
            ("kana", "ヤマダ ハナコ"),
            ("birth_date", "1995-05-05"),
            ("disabilities", "mental"),
            ("disabilities", "developmental"),
            ("prior_service", "employment_transition"),
            ("prior_office_name", "就労移行支援事業所ひかり"),
            ("supporter_id", "7"),
        ]);
        let c = ClientForm::from_pairs(&p)
            .parse(date!(2026 - 11 - 27), &[7])
            .expect("valid");
        assert_eq!(c.kana, "やまだ はなこ", "katakana becomes hiragana");
        assert_eq!(c.disabilities_column(), "mental,developmental");
        assert_eq!(c.supporter_id, Some(7));
        assert!(!c.prior_office_integrated, "unchecked by default");
    }

    /// 初期加算 does not apply after an office run together with this one (domain.md §2.1);
    /// that needs a prior office.
    #[test]
    fn prior_office_run_together() {
        let form = |service: &str| {
            pairs(&[
                ("client_name", "山田 花子"),
                ("kana", "やまだ はなこ"),
                ("birth_date", "1995-05-05"),
                ("disabilities", "mental"),
                ("prior_service", service),
                ("prior_office_name", "就労移行支援事業所ひかり"),
                ("prior_office_integrated", "on"),
            ])
        };
        let today = date!(2026 - 11 - 27);
        let c = ClientForm::from_pairs(&form("employment_transition"))
            .parse(today, &[])
            .expect("valid");
        assert!(c.prior_office_integrated);
        let e = ClientForm::from_pairs(&form("none"))
            .parse(today, &[])
            .unwrap_err();
        assert_eq!(
            e.get("prior_office_integrated"),
            Some("records.err.no_prior_office")
        );
    }

    #[test]
    fn client_form_messages() {
        let p = pairs(&[
            ("client_name", ""),
            ("kana", "yamada"),
            ("birth_date", "2020-01-01"),
            ("prior_service", "employment_transition"),
            ("supporter_id", "99"),
        ]);
        let e = ClientForm::from_pairs(&p)
            .parse(date!(2026 - 11 - 27), &[7])
            .unwrap_err();
        assert_eq!(e.get("client_name"), Some("err.required"));
        assert_eq!(e.get("kana"), Some("err.kana"));
        assert_eq!(e.get("birth_date"), Some("err.birth_date"));
        assert_eq!(e.get("disabilities"), Some("err.choose_one"));
        assert_eq!(e.get("prior_office_name"), Some("err.required"));
        assert_eq!(
            e.get("supporter_id"),
            Some("err.choose"),
            "only the office's staff"
        );
    }

    #[test]
    fn ages() {
        assert_eq!(age_on(date!(2000 - 02 - 29), date!(2026 - 02 - 28)), 25);
        assert_eq!(age_on(date!(2000 - 02 - 29), date!(2026 - 03 - 01)), 26);
        assert_eq!(age_on(date!(2006 - 11 - 27), date!(2026 - 11 - 27)), 20);
    }

    #[test]
    fn weekly_hours_in_minutes() {
        let cases = [
            ("30", Some(1800)),
            ("20.5", Some(1230)),
            ("２０", Some(1200)),
            ("0.5", None),
            ("61", None),
            ("abc", None),
        ];
        for (input, expected) in cases {
            let mut e = FieldErrors::new();
            assert_eq!(parse_weekly_hours(&mut e, input), expected, "{input}");
        }
        assert_eq!(hours_label(1230), "20.5");
        assert_eq!(hours_label(1800), "30");
    }

    #[test]
    fn employment_dates_must_be_in_order() {
        let f = EmploymentForm {
            employer_name: "株式会社サンプル".into(),
            workplace_address: "船橋市".into(),
            job_title: "事務補助".into(),
            weekly_hours: "30".into(),
            ordinary_employment: "yes".into(),
            hire_date: "2026-04-01".into(),
            return_to_work_date: "2026-03-01".into(),
            end_date: "2026-03-31".into(),
            end_reason: "".into(),
            ..Default::default()
        };
        let e = f.parse(date!(2026 - 11 - 27)).unwrap_err();
        assert_eq!(e.get("return_to_work_date"), Some("err.after_hire_date"));
        assert_eq!(e.get("end_date"), Some("err.after_hire_date"));
        assert_eq!(e.get("end_reason"), Some("err.choose"));
        let ok = EmploymentForm {
            return_to_work_date: "".into(),
            end_date: "".into(),
            ..f
        };
        let input = ok.parse(date!(2026 - 11 - 27)).expect("valid");
        assert!(input.ordinary_employment);
        assert_eq!(input.weekly_minutes, 1800);
    }

    #[test]
    fn certificate_checks_digits_and_period() {
        let f = CertificateForm {
            number: "123456789".into(),
            municipality_code: "12204".into(),
            municipality_name: "船橋市".into(),
            income_category: "general1".into(),
            monthly_cap_yen: "9,300".into(),
            period_start: "2026-10-01".into(),
            period_end: "2026-09-30".into(),
            ..Default::default()
        };
        let e = f.parse().unwrap_err();
        assert_eq!(e.get("certificate_number"), Some("err.digits10"));
        assert_eq!(e.get("municipality_code"), Some("err.digits6"));
        assert_eq!(e.get("period_end"), Some("err.end_before_start"));
        let ok = CertificateForm {
            number: "0123456789".into(),
            municipality_code: "122044".into(),
            period_end: "2027-09-30".into(),
            ..f
        };
        let c = ok.parse().expect("valid");
        assert_eq!(c.monthly_cap_yen, 9300);
        assert_eq!(c.period, (date!(2026 - 10 - 01), date!(2027 - 09 - 30)));
    }
}
