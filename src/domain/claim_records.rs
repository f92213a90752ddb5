//! The records a month's claim reads, as typed into forms and parsed here: an office's
//! 地域区分 and 体制 settings, a client's 地域連携会議, the 上限額管理結果 of a month, and the
//! admin's master data (加算・減算 units and percents, service codes, unit prices).
//!
//! Every parser returns the valid input or field messages; dates that depend on "today" are
//! passed in.

use serde::Deserialize;
use time::Date;

use super::claim::{Adjustment, CapResult};
use super::fields::{self, FieldErrors, Pairs};
use super::rules::charge::UnitPrice;

// ---------------------------------------------------------------- 地域区分

/// 地域区分 codes as stored in `offices.area_grade` and `unit_prices.area_grade`
/// (domain.md §6): 1級地 … 7級地 and その他.
pub const AREA_GRADES: [&str; 8] = ["1", "2", "3", "4", "5", "6", "7", "other"];

/// The i18n key of a grade's name (an unknown code shows as その他).
pub fn grade_key(code: &str) -> &'static str {
    match code {
        "1" => "records.grade.1",
        "2" => "records.grade.2",
        "3" => "records.grade.3",
        "4" => "records.grade.4",
        "5" => "records.grade.5",
        "6" => "records.grade.6",
        "7" => "records.grade.7",
        _ => "records.grade.other",
    }
}

fn grade(errors: &mut FieldErrors, field: &'static str, value: &str) -> Option<&'static str> {
    let v = value.trim();
    let found = AREA_GRADES.into_iter().find(|g| *g == v);
    if found.is_none() {
        errors.add(field, "err.choose");
    }
    found
}

/// The office's 地域区分 from a date, like the 体制 settings: a 月遅れ claim for a month
/// before the change uses the grade in force then (issue 19, scenario 7).
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(default)]
pub struct AreaGradeForm {
    pub area_grade: String,
    pub grade_from: String,
}

impl AreaGradeForm {
    /// `latest_from`: the start of the newest dated grade; a change starts after it (an
    /// earlier one would rewrite months already in force).
    pub fn parse(&self, latest_from: Option<Date>) -> Result<(&'static str, Date), FieldErrors> {
        let mut e = FieldErrors::new();
        let g = grade(&mut e, "area_grade", &self.area_grade);
        let from = fields::date(&mut e, "grade_from", &self.grade_from, true);
        if let (Some(from), Some(latest)) = (from, latest_from)
            && from <= latest
        {
            e.add("grade_from", "records.err.grade_after_latest");
        }
        match (g, from) {
            (Some(g), Some(from)) if e.is_empty() => Ok((g, from)),
            _ => Err(e),
        }
    }
}

/// The i18n key of an item's name: the office's 体制 items, every 加算・減算, the base tiers
/// and the service kind.
pub fn item_key(code: &str) -> &'static str {
    // The claim page names the same items: one set of messages (`claim.item.*`) serves both.
    ITEM_KEYS
        .iter()
        .find(|(c, _)| *c == code)
        .map_or("records.item.unknown", |(_, key)| key)
}

/// The 告示・通知 an item's figure comes from, as a message (its name for people; the stored
/// `source` is the reference it was checked against). domain.md: the base reward and the
/// 加算・減算 are in the 報酬告示 (平成18年厚生労働省告示第523号, 第14の2 for 就労定着支援;
/// 職場適応援助者養成研修修了者配置体制加算 at 第14の2の5), the codes in the サービスコード表.
pub fn notice_key(code: &str) -> &'static str {
    match code {
        c if c.starts_with("base_") => "records.master.notice.base",
        "job_coach" => "records.master.notice.job_coach",
        "service_kind" => "records.master.notice.service_codes",
        _ => "records.master.notice.reward",
    }
}

/// What an administrator still has to do about an item's open version: check its figure
/// against the notice, enter its service code, replace a sample code (見本).
pub fn todo_keys(confirmed: bool, service_code: &str, sample: bool) -> Vec<&'static str> {
    let mut out = Vec::new();
    if !confirmed {
        out.push("records.master.todo.confirm");
    }
    if service_code.trim().is_empty() {
        out.push("records.master.todo.code");
    } else if sample {
        out.push("records.master.todo.sample");
    }
    out
}

const ITEM_KEYS: [(&str, &str); 19] = [
    ("regional_meeting_1", "claim.item.regional_meeting_1"),
    ("regional_meeting_2", "claim.item.regional_meeting_2"),
    ("initial", "claim.item.initial"),
    ("retention_record", "claim.item.retention_record"),
    ("job_coach", "claim.item.job_coach"),
    ("cap_management", "claim.item.cap_management"),
    ("no_support_system", "claim.item.no_support_system"),
    ("abuse_prevention", "claim.item.abuse_prevention"),
    ("no_bcp", "claim.item.no_bcp"),
    ("info_not_published", "claim.item.info_not_published"),
    ("service_kind", "claim.item.service_kind"),
    ("base_95", "claim.item.base_95"),
    ("base_90", "claim.item.base_90"),
    ("base_80", "claim.item.base_80"),
    ("base_70", "claim.item.base_70"),
    ("base_50", "claim.item.base_50"),
    ("base_30", "claim.item.base_30"),
    ("base_10", "claim.item.base_10"),
    ("base_0", "claim.item.base_0"),
];

// ---------------------------------------------------------------- 体制 settings

/// A 体制 item the office filed, with the dates it is in force.
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(default)]
pub struct SettingForm {
    pub setting_item: String,
    pub valid_from: String,
    pub valid_to: String,
    pub setting_note: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SettingInput {
    pub item: Adjustment,
    pub valid_from: Date,
    pub valid_to: Option<Date>,
    pub note: String,
}

impl SettingForm {
    pub fn parse(&self) -> Result<SettingInput, FieldErrors> {
        let mut e = FieldErrors::new();
        let item = Adjustment::parse(self.setting_item.trim())
            .filter(|a| Adjustment::OFFICE_SETTINGS.contains(a));
        if item.is_none() {
            e.add("setting_item", "err.choose");
        }
        let from = fields::date(&mut e, "valid_from", &self.valid_from, true);
        let to = fields::date(&mut e, "valid_to", &self.valid_to, false);
        if let (Some(f), Some(t)) = (from, to)
            && t < f
        {
            e.add("valid_to", "err.end_before_start");
        }
        let note = fields::optional_text(&mut e, "setting_note", &self.setting_note, 500);
        match (item, from) {
            (Some(item), Some(valid_from)) if e.is_empty() => Ok(SettingInput {
                item,
                valid_from,
                valid_to: to,
                note,
            }),
            _ => Err(e),
        }
    }
}

/// Ends a setting on a day, which may not be before the day it started.
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(default)]
pub struct EndSettingForm {
    pub end_on: String,
}

impl EndSettingForm {
    pub fn parse(&self, valid_from: Date) -> Result<Date, FieldErrors> {
        let mut e = FieldErrors::new();
        match fields::date(&mut e, "end_on", &self.end_on, true) {
            Some(d) if d < valid_from => {
                e.add("end_on", "err.end_before_start");
                Err(e)
            }
            Some(d) => Ok(d),
            None => Err(e),
        }
    }
}

// ---------------------------------------------------------------- 地域連携会議

/// kind '1': the サービス管理責任者 attended; '2': a 就労定着支援員 attended and shared it
/// with the サービス管理責任者 (domain.md §2.1, 地域連携会議実施加算 (Ⅰ)/(Ⅱ)).
pub const MEETING_KINDS: [&str; 2] = ["1", "2"];

pub fn meeting_kind_key(code: &str) -> &'static str {
    match code {
        "1" => "records.meeting.kind_1",
        _ => "records.meeting.kind_2",
    }
}

#[derive(Debug, Default, Clone, Deserialize)]
#[serde(default)]
pub struct MeetingForm {
    pub held_on: String,
    pub meeting_kind: String,
    pub agencies: String,
    pub summary: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MeetingInput {
    pub held_on: Date,
    pub kind: &'static str,
    pub agencies: String,
    pub summary: String,
}

impl MeetingForm {
    /// A meeting is recorded after it took place: `held_on` may not be after `today`.
    pub fn parse(&self, today: Date) -> Result<MeetingInput, FieldErrors> {
        let mut e = FieldErrors::new();
        let held_on = fields::date(&mut e, "held_on", &self.held_on, true);
        if held_on.is_some_and(|d| d > today) {
            e.add("held_on", "records.err.future");
        }
        let kind = MEETING_KINDS
            .into_iter()
            .find(|k| *k == self.meeting_kind.trim());
        if kind.is_none() {
            e.add("meeting_kind", "err.choose");
        }
        let agencies = fields::required_text(&mut e, "agencies", &self.agencies, 200);
        let summary = fields::optional_multiline(&mut e, "summary", &self.summary, 2000);
        match (held_on, kind) {
            (Some(held_on), Some(kind)) if e.is_empty() => Ok(MeetingInput {
                held_on,
                kind,
                agencies,
                summary,
            }),
            _ => Err(e),
        }
    }
}

// ---------------------------------------------------------------- 上限額管理結果

/// The highest 負担上限月額 (一般2, domain.md §5): no decided amount can be above it.
pub const MAX_CAP_YEN: i64 = 37_200;
/// A 総費用額 above this is a typing mistake, not a month of one service.
const MAX_TOTAL_COST_YEN: i64 = 9_999_999;

/// The other offices of a managed cap: at most 4 rows on the form (J411 明細).
pub const OTHER_OFFICE_ROWS: usize = 4;

/// The field names of each row: number, name, 総費用額, 利用者負担額, 管理結果後利用者負担額.
pub const OTHER_OFFICE_FIELDS: [[&str; 5]; OTHER_OFFICE_ROWS] = [
    [
        "o1_number",
        "o1_name",
        "o1_total",
        "o1_charge",
        "o1_decided",
    ],
    [
        "o2_number",
        "o2_name",
        "o2_total",
        "o2_charge",
        "o2_decided",
    ],
    [
        "o3_number",
        "o3_name",
        "o3_total",
        "o3_charge",
        "o3_decided",
    ],
    [
        "o4_number",
        "o4_name",
        "o4_total",
        "o4_charge",
        "o4_decided",
    ],
];

/// result 1: the managing office collects the whole amount and the others 0 円; 2: the total
/// is within the cap, no adjustment; 3: adjusted (domain.md §5).
pub const CAP_RESULTS: [&str; 3] = ["1", "2", "3"];

pub fn cap_result_key(code: &str) -> &'static str {
    match code {
        "1" => "records.cap.result_1",
        "2" => "records.cap.result_2",
        _ => "records.cap.result_3",
    }
}

#[derive(Debug, Default, Clone)]
pub struct CapForm {
    pub cap_result: String,
    pub amount_yen: String,
    /// As typed, in the order of [`OTHER_OFFICE_FIELDS`].
    pub others: [[String; 5]; OTHER_OFFICE_ROWS],
}

/// Another office of the cap, valid.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OtherOffice {
    pub number: String,
    pub name: String,
    pub total_cost_yen: i64,
    pub charge_yen: i64,
    pub decided_yen: i64,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CapInput {
    pub result: CapResult,
    pub amount_yen: i64,
    pub others: Vec<OtherOffice>,
}

impl CapForm {
    pub fn from_pairs(p: &Pairs) -> CapForm {
        let mut others: [[String; 5]; OTHER_OFFICE_ROWS] = Default::default();
        for (row, names) in others.iter_mut().zip(OTHER_OFFICE_FIELDS) {
            for (cell, name) in row.iter_mut().zip(names) {
                *cell = p.get(name);
            }
        }
        CapForm {
            cap_result: p.get("cap_result"),
            amount_yen: p.get("amount_yen"),
            others,
        }
    }

    /// The value typed in row `row`, column `col` (for the template).
    pub fn other(&self, row: &usize, col: &usize) -> &str {
        self.others
            .get(*row)
            .and_then(|r| r.get(*col))
            .map_or("", |s| s.as_str())
    }

    /// `manages`: this office manages the cap, so the other offices' rows count; otherwise
    /// they are not on the form and are ignored.
    pub fn parse(&self, manages: bool) -> Result<CapInput, FieldErrors> {
        let mut e = FieldErrors::new();
        let result = CapResult::ALL
            .into_iter()
            .find(|r| r.code().to_string() == self.cap_result.trim());
        if result.is_none() {
            e.add("cap_result", "err.choose");
        }
        // The decided amount is what the 結果票 says for result 3; for 1 and 2 it may be left
        // empty (0 円 or the unadjusted amount, which the claim computes).
        let amount = fields::integer(
            &mut e,
            "amount_yen",
            &self.amount_yen,
            0,
            MAX_CAP_YEN,
            result == Some(CapResult::Adjusted),
        );
        let mut others = Vec::new();
        if manages {
            for (row, names) in self.others.iter().zip(OTHER_OFFICE_FIELDS) {
                if row.iter().all(|v| v.trim().is_empty()) {
                    continue;
                }
                let number = fields::digits(&mut e, names[0], &row[0], 10, true);
                let name = fields::required_text(&mut e, names[1], &row[1], 100);
                let total = fields::integer(&mut e, names[2], &row[2], 0, MAX_TOTAL_COST_YEN, true);
                let charge = fields::integer(&mut e, names[3], &row[3], 0, MAX_CAP_YEN, true);
                let decided = fields::integer(&mut e, names[4], &row[4], 0, MAX_CAP_YEN, true);
                if let (Some(number), Some(total), Some(charge), Some(decided)) =
                    (number, total, charge, decided)
                {
                    others.push(OtherOffice {
                        number,
                        name,
                        total_cost_yen: total,
                        charge_yen: charge,
                        decided_yen: decided,
                    });
                }
            }
        }
        match result {
            Some(r) if e.is_empty() => Ok(CapInput {
                result: r,
                amount_yen: amount.unwrap_or(0),
                others,
            }),
            _ => Err(e),
        }
    }
}

// ---------------------------------------------------------------- master data

/// What figures an item of the master data carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ItemShape {
    /// A 加算: units.
    Units,
    /// A 減算: a percent of the base units.
    Percent,
    /// A base tier: only its 6-digit service code (the units are in the reward tables).
    BaseTier,
    /// The サービス種類コード: 2 digits.
    ServiceKind,
}

/// The base tiers by the lower bound of their 就労定着率 (domain.md §1.1, R6).
pub const BASE_ITEMS: [&str; 8] = [
    "base_95", "base_90", "base_80", "base_70", "base_50", "base_30", "base_10", "base_0",
];

/// Every item code the master data may hold, in the order the form lists them.
pub fn master_items() -> Vec<&'static str> {
    let mut items: Vec<&'static str> = Adjustment::ALL.into_iter().map(|a| a.code()).collect();
    items.extend(BASE_ITEMS);
    items.push("service_kind");
    items
}

pub fn item_shape(code: &str) -> Option<ItemShape> {
    if let Some(a) = Adjustment::parse(code) {
        return Some(if a.is_reduction() {
            ItemShape::Percent
        } else {
            ItemShape::Units
        });
    }
    if BASE_ITEMS.contains(&code) {
        return Some(ItemShape::BaseTier);
    }
    (code == "service_kind").then_some(ItemShape::ServiceKind)
}

#[derive(Debug, Default, Clone, Deserialize)]
#[serde(default)]
pub struct MasterForm {
    pub master_item: String,
    pub master_from: String,
    pub units: String,
    pub percent: String,
    pub service_code: String,
    pub master_source: String,
    pub master_confirmed: String,
    pub master_note: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MasterInput {
    pub item: &'static str,
    pub valid_from: Date,
    pub units: Option<i64>,
    pub percent: Option<i64>,
    pub service_code: String,
    pub source: String,
    pub confirmed: bool,
    pub note: String,
}

impl MasterForm {
    pub fn parse(&self) -> Result<MasterInput, FieldErrors> {
        let mut e = FieldErrors::new();
        let item = master_items()
            .into_iter()
            .find(|i| *i == self.master_item.trim());
        let shape = item.and_then(item_shape);
        if item.is_none() {
            e.add("master_item", "err.choose");
        }
        let valid_from = fields::date(&mut e, "master_from", &self.master_from, true);
        let (mut units, mut percent) = (None, None);
        match shape {
            // domain.md §2.1: 加算 are 120–900 units today; 1–9999 catches typing mistakes.
            Some(ItemShape::Units) => {
                units = fields::integer(&mut e, "units", &self.units, 1, 9999, true);
                if !self.percent.trim().is_empty() {
                    e.add("percent", "records.err.not_for_item");
                }
            }
            // domain.md §2.2: 減算 are 1–10 % today.
            Some(ItemShape::Percent) => {
                percent = fields::integer(&mut e, "percent", &self.percent, 1, 99, true);
                if !self.units.trim().is_empty() {
                    e.add("units", "records.err.not_for_item");
                }
            }
            Some(ItemShape::BaseTier | ItemShape::ServiceKind) => {
                if !self.units.trim().is_empty() {
                    e.add("units", "records.err.not_for_item");
                }
                if !self.percent.trim().is_empty() {
                    e.add("percent", "records.err.not_for_item");
                }
            }
            None => {}
        }
        // サービスコード: 6 digits (種類 2 + 項目 4); the サービス種類コード alone is 2 digits.
        // Optional for 加算・減算 (UNCONFIRMED, domain.md §7.3), required for the others.
        let service_code = match shape {
            Some(ItemShape::ServiceKind) => {
                fields::digits(&mut e, "service_code", &self.service_code, 2, true)
            }
            Some(ItemShape::BaseTier) => {
                fields::digits(&mut e, "service_code", &self.service_code, 6, true)
            }
            _ => fields::digits(&mut e, "service_code", &self.service_code, 6, false),
        };
        let source = fields::required_text(&mut e, "master_source", &self.master_source, 500);
        let note = fields::optional_text(&mut e, "master_note", &self.master_note, 500);
        match (item, valid_from) {
            (Some(item), Some(valid_from)) if e.is_empty() => Ok(MasterInput {
                item,
                valid_from,
                units,
                percent,
                service_code: service_code.unwrap_or_default(),
                source,
                confirmed: !self.master_confirmed.is_empty(),
                note,
            }),
            _ => Err(e),
        }
    }
}

#[derive(Debug, Default, Clone, Deserialize)]
#[serde(default)]
pub struct PriceForm {
    pub price_grade: String,
    pub price_from: String,
    pub price: String,
    pub price_source: String,
    pub price_confirmed: String,
    pub price_note: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PriceInput {
    pub grade: &'static str,
    pub valid_from: Date,
    pub hundredths: i64,
    pub source: String,
    pub confirmed: bool,
    pub note: String,
}

impl PriceForm {
    pub fn parse(&self) -> Result<PriceInput, FieldErrors> {
        let mut e = FieldErrors::new();
        let grade = grade(&mut e, "price_grade", &self.price_grade);
        let valid_from = fields::date(&mut e, "price_from", &self.price_from, true);
        let price = if self.price.trim().is_empty() {
            e.add("price", "err.required");
            None
        } else {
            match UnitPrice::parse(&fields::normalize_ascii(&self.price)) {
                Ok(p) => Some(p),
                Err(err) if err.is_malformed() => {
                    e.add("price", "records.err.price");
                    None
                }
                Err(_) => {
                    e.add("price", "err.out_of_range");
                    None
                }
            }
        };
        let source = fields::required_text(&mut e, "price_source", &self.price_source, 500);
        let note = fields::optional_text(&mut e, "price_note", &self.price_note, 500);
        match (grade, valid_from, price) {
            (Some(grade), Some(valid_from), Some(price)) if e.is_empty() => Ok(PriceInput {
                grade,
                valid_from,
                hundredths: i64::from(price.hundredths()),
                source,
                confirmed: !self.price_confirmed.is_empty(),
                note,
            }),
            _ => Err(e),
        }
    }
}

/// 10.90 for 1090 hundredths.
pub fn format_price(hundredths: i64) -> String {
    format!("{}.{:02}", hundredths / 100, hundredths % 100)
}

#[cfg(test)]
mod tests {
    #[test]
    fn an_open_item_says_what_is_left_to_do() {
        let table = [
            (true, "471111", false, vec![]),
            (false, "471111", false, vec!["records.master.todo.confirm"]),
            (true, "", false, vec!["records.master.todo.code"]),
            (true, "479001", true, vec!["records.master.todo.sample"]),
            (
                false,
                " ",
                true,
                vec!["records.master.todo.confirm", "records.master.todo.code"],
            ),
        ];
        for (confirmed, code, sample, want) in table {
            assert_eq!(
                todo_keys(confirmed, code, sample),
                want,
                "{confirmed} {code:?} {sample}"
            );
        }
        assert_eq!(notice_key("base_95"), "records.master.notice.base");
        assert_eq!(notice_key("job_coach"), "records.master.notice.job_coach");
        assert_eq!(notice_key("no_bcp"), "records.master.notice.reward");
    }

    use super::*;
    use time::macros::date;

    #[test]
    fn settings_need_a_known_item_and_ordered_dates() {
        let ok = SettingForm {
            setting_item: "job_coach".into(),
            valid_from: "2026-04-01".into(),
            valid_to: "".into(),
            setting_note: "".into(),
        };
        let input = ok.parse().expect("valid");
        assert_eq!(input.item, Adjustment::JobCoach);
        assert_eq!(input.valid_to, None);
        // (item, from, to, field with a message, message)
        let cases = [
            ("bogus", "2026-04-01", "", "setting_item", "err.choose"),
            // 初期加算 is decided by the records, not filed.
            ("initial", "2026-04-01", "", "setting_item", "err.choose"),
            ("no_bcp", "2026-02-30", "", "valid_from", "err.date"),
            ("no_bcp", "", "", "valid_from", "err.required"),
            (
                "no_bcp",
                "2026-04-01",
                "2026-03-31",
                "valid_to",
                "err.end_before_start",
            ),
        ];
        for (item, from, to, field, key) in cases {
            let f = SettingForm {
                setting_item: item.into(),
                valid_from: from.into(),
                valid_to: to.into(),
                setting_note: "".into(),
            };
            assert_eq!(f.parse().err().and_then(|e| e.get(field)), Some(key));
        }
        let end = EndSettingForm {
            end_on: "2026-03-31".into(),
        };
        assert!(end.parse(date!(2026 - 04 - 01)).is_err());
        assert_eq!(end.parse(date!(2026 - 03 - 31)), Ok(date!(2026 - 03 - 31)));
    }

    #[test]
    fn meetings_are_in_the_past_with_a_kind_and_agencies() {
        let today = date!(2026 - 10 - 15);
        let f = MeetingForm {
            held_on: "2026-10-15".into(),
            meeting_kind: "2".into(),
            agencies: "ハローワーク".into(),
            summary: "".into(),
        };
        assert_eq!(f.parse(today).map(|m| m.kind), Ok("2"));
        let future = MeetingForm {
            held_on: "2026-10-16".into(),
            ..f.clone()
        };
        assert_eq!(
            future.parse(today).err().and_then(|e| e.get("held_on")),
            Some("records.err.future")
        );
        let bad = MeetingForm {
            held_on: "2026-10-01".into(),
            meeting_kind: "3".into(),
            agencies: "あ".repeat(201),
            summary: "い".repeat(2001),
        };
        let e = bad.parse(today).expect_err("invalid");
        assert_eq!(e.get("meeting_kind"), Some("err.choose"));
        assert_eq!(e.get("agencies"), Some("err.too_long"));
        assert_eq!(e.get("summary"), Some("err.too_long"));
    }

    fn cap(result: &str, amount: &str, rows: &[[&str; 5]]) -> CapForm {
        let mut f = CapForm {
            cap_result: result.into(),
            amount_yen: amount.into(),
            ..CapForm::default()
        };
        for (i, r) in rows.iter().enumerate() {
            f.others[i] = r.map(String::from);
        }
        f
    }

    #[test]
    fn cap_results() {
        assert_eq!(
            cap("2", "", &[]).parse(false),
            Ok(CapInput {
                result: CapResult::WithinCap,
                amount_yen: 0,
                others: vec![]
            })
        );
        // domain.md §5: 37,200 is the highest cap.
        assert_eq!(
            cap("3", "37200", &[]).parse(false).map(|c| c.amount_yen),
            Ok(37_200)
        );
        let cases = [
            (cap("", "0", &[]), "cap_result", "err.choose"),
            (cap("4", "0", &[]), "cap_result", "err.choose"),
            (cap("3", "", &[]), "amount_yen", "err.required"),
            (cap("3", "37201", &[]), "amount_yen", "err.out_of_range"),
            (cap("3", "-1", &[]), "amount_yen", "err.out_of_range"),
            (cap("1", "abc", &[]), "amount_yen", "err.number"),
        ];
        for (form, field, key) in cases {
            assert_eq!(
                form.parse(false).err().and_then(|e| e.get(field)),
                Some(key)
            );
        }
    }

    #[test]
    fn other_offices_of_a_managed_cap() {
        let full = ["1312345678", "就労移行あおば", "150000", "9300", "5300"];
        let partial = ["", "", "1000", "", ""];
        let f = cap("3", "4000", &[full, ["", " ", "", "", ""], partial]);
        let e = f.parse(true).expect_err("row 3 is partly filled");
        assert_eq!(e.get("o3_number"), Some("err.required"));
        assert_eq!(e.get("o3_name"), Some("err.required"));
        assert_eq!(e.get("o3_charge"), Some("err.required"));
        assert_eq!(e.get("o3_total"), None);
        assert_eq!(e.get("o2_number"), None, "an empty row is ignored");
        // Not the manager: the rows are not on the form and do not count.
        assert_eq!(f.parse(false).map(|c| c.others.len()), Ok(0));
        let ok = cap("3", "4000", &[full]).parse(true).expect("valid");
        assert_eq!(ok.others[0].number, "1312345678");
        assert_eq!(ok.others[0].decided_yen, 5300);
        let bad = cap("3", "4000", &[["123", "x", "1", "40000", "0"]]);
        let e = bad.parse(true).expect_err("invalid");
        assert_eq!(e.get("o1_number"), Some("err.digits10"));
        assert_eq!(e.get("o1_charge"), Some("err.out_of_range"));
    }

    fn master(item: &str, units: &str, percent: &str, code: &str) -> MasterForm {
        MasterForm {
            master_item: item.into(),
            master_from: "2027-04-01".into(),
            units: units.into(),
            percent: percent.into(),
            service_code: code.into(),
            master_source: "https://example.jp/kokuji".into(),
            master_confirmed: "on".into(),
            master_note: "".into(),
        }
    }

    #[test]
    fn master_rows_carry_what_the_item_needs() {
        let ok = master("job_coach", "130", "", "").parse().expect("valid");
        assert_eq!(
            (ok.units, ok.percent, ok.confirmed),
            (Some(130), None, true)
        );
        let ok = master("no_bcp", "", "3", "471234").parse().expect("valid");
        assert_eq!((ok.units, ok.percent), (None, Some(3)));
        assert!(master("base_95", "", "", "471111").parse().is_ok());
        assert!(master("service_kind", "", "", "47").parse().is_ok());
        let cases = [
            (master("bogus", "1", "", ""), "master_item", "err.choose"),
            (
                master("job_coach", "0", "", ""),
                "units",
                "err.out_of_range",
            ),
            (
                master("job_coach", "10000", "", ""),
                "units",
                "err.out_of_range",
            ),
            (master("job_coach", "", "", ""), "units", "err.required"),
            (
                master("job_coach", "100", "5", ""),
                "percent",
                "records.err.not_for_item",
            ),
            (
                master("no_bcp", "", "100", ""),
                "percent",
                "err.out_of_range",
            ),
            (master("no_bcp", "", "0", ""), "percent", "err.out_of_range"),
            (
                master("base_95", "", "", ""),
                "service_code",
                "err.required",
            ),
            (
                master("base_95", "", "", "47"),
                "service_code",
                "err.digits6",
            ),
            (
                master("service_kind", "", "", "471111"),
                "service_code",
                "err.digits",
            ),
            (
                master("initial", "900", "", "12345"),
                "service_code",
                "err.digits6",
            ),
        ];
        for (form, field, key) in cases {
            assert_eq!(
                form.parse().err().and_then(|e| e.get(field)),
                Some(key),
                "{field}"
            );
        }
        let mut no_source = master("initial", "900", "", "");
        no_source.master_source = " ".into();
        assert_eq!(
            no_source.parse().err().and_then(|e| e.get("master_source")),
            Some("err.required")
        );
    }

    #[test]
    fn prices() {
        let f = PriceForm {
            price_grade: "3".into(),
            price_from: "2027-04-01".into(),
            price: "11.05".into(),
            price_source: "告示".into(),
            price_confirmed: "".into(),
            price_note: "".into(),
        };
        let p = f.parse().expect("valid");
        assert_eq!((p.grade, p.hundredths, p.confirmed), ("3", 1105, false));
        assert_eq!(format_price(p.hundredths), "11.05");
        assert_eq!(format_price(1000), "10.00");
        let bad = PriceForm {
            price_grade: "8".into(),
            price: "abc".into(),
            ..f.clone()
        };
        let e = bad.parse().expect_err("invalid");
        assert_eq!(e.get("price_grade"), Some("err.choose"));
        assert_eq!(e.get("price"), Some("records.err.price"));
        let zero = PriceForm {
            price: "0".into(),
            ..f
        };
        assert_eq!(
            zero.parse().err().and_then(|e| e.get("price")),
            Some("err.out_of_range")
        );
    }

    /// Issue 19, scenario 7: the grade needs the day it is in force from, after the newest
    /// dated grade (3級地 from 2027-04-01 after a grade from 2024-04-01).
    #[test]
    fn area_grades_have_a_start() {
        let form = |g: &str, from: &str| AreaGradeForm {
            area_grade: g.into(),
            grade_from: from.into(),
        };
        let latest = Some(time::macros::date!(2024 - 04 - 01));
        assert_eq!(
            form("3", "2027-04-01").parse(latest),
            Ok(("3", time::macros::date!(2027 - 04 - 01)))
        );
        assert_eq!(
            form("other", "2000-01-01").parse(None),
            Ok(("other", time::macros::date!(2000 - 01 - 01)))
        );
        // (what, form, field, message)
        let cases = [
            (
                "unknown grade",
                form("8", "2027-04-01"),
                "area_grade",
                "err.choose",
            ),
            ("no date", form("3", ""), "grade_from", "err.required"),
            (
                "not a date",
                form("3", "2027-02-30"),
                "grade_from",
                "err.date",
            ),
            (
                "not after the newest grade",
                form("3", "2024-04-01"),
                "grade_from",
                "records.err.grade_after_latest",
            ),
        ];
        for (what, f, field, message) in cases {
            let e = f.parse(latest).expect_err(what);
            assert_eq!(e.get(field), Some(message), "{what}");
        }
    }
}
