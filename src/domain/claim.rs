//! One month's claim for one client (domain.md §7.4): whether the base reward can be claimed,
//! the units with each 加算 and 減算 and why, and the yen split between the user and the
//! municipality.
//!
//! The figures (units, percentages, service codes, unit prices) are master data with dates
//! and sources, passed in as [`Terms`]; this module holds only the rules:
//!
//! 1. The base reward needs the month's conditions (eligibility, a 受給者証, a contract, the
//!    client met in person on a day they all cover, the 支援レポート shared: domain.md §3,
//!    §4, §7.4 rule 1), which [`super::client_month::decide`] decides, plus a known tier and unit
//!    price. Without them nothing is claimed for the client that month, 加算 included.
//! 2. 減算 are percentages of the base units (所定単位数), applied one after another, each
//!    rounded to a whole unit, half up (domain.md §2.2: "each further % is taken from the
//!    base units after the earlier 減算"; the rounding is the 留意事項通知's general rule
//!    for units and is listed as UNCONFIRMED for this service in docs/claims.md).
//! 3. 加算 are added in units: those the records call for, as [`super::client_month::decide`]
//!    found them (地域連携会議実施加算 (Ⅰ) or (Ⅱ), 初期加算, 利用者負担上限額管理加算), and the
//!    office's 体制 加算 (domain.md §2.1).
//! 4. Yen: 総費用額 = floor(units × 単価), the user pays min(1割, 上限月額) unless the
//!    上限額管理結果 says otherwise, the rest is claimed (domain.md §5, §6).

use super::client_month::{Cap, Decision, Unmet};
use super::rules::charge::{Charge, UnitPrice, user_charge};

/// A 加算 or 減算 that the master data describes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Adjustment {
    RegionalMeeting1,
    RegionalMeeting2,
    Initial,
    RetentionRecord,
    JobCoach,
    CapManagement,
    NoSupportSystem,
    AbusePrevention,
    NoBcp,
    InfoNotPublished,
}

impl Adjustment {
    pub const ALL: [Adjustment; 10] = [
        Adjustment::RegionalMeeting1,
        Adjustment::RegionalMeeting2,
        Adjustment::Initial,
        Adjustment::RetentionRecord,
        Adjustment::JobCoach,
        Adjustment::CapManagement,
        Adjustment::NoSupportSystem,
        Adjustment::AbusePrevention,
        Adjustment::NoBcp,
        Adjustment::InfoNotPublished,
    ];

    /// 減算 come after the base in this order (domain.md §2.2).
    pub const REDUCTIONS: [Adjustment; 4] = [
        Adjustment::NoSupportSystem,
        Adjustment::AbusePrevention,
        Adjustment::NoBcp,
        Adjustment::InfoNotPublished,
    ];

    /// 体制 items an office files (届出) and records with dates, rather than items the
    /// records decide.
    pub const OFFICE_SETTINGS: [Adjustment; 5] = [
        Adjustment::RetentionRecord,
        Adjustment::JobCoach,
        Adjustment::AbusePrevention,
        Adjustment::NoBcp,
        Adjustment::InfoNotPublished,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Adjustment::RegionalMeeting1 => "regional_meeting_1",
            Adjustment::RegionalMeeting2 => "regional_meeting_2",
            Adjustment::Initial => "initial",
            Adjustment::RetentionRecord => "retention_record",
            Adjustment::JobCoach => "job_coach",
            Adjustment::CapManagement => "cap_management",
            Adjustment::NoSupportSystem => "no_support_system",
            Adjustment::AbusePrevention => "abuse_prevention",
            Adjustment::NoBcp => "no_bcp",
            Adjustment::InfoNotPublished => "info_not_published",
        }
    }

    pub fn parse(code: &str) -> Option<Adjustment> {
        Adjustment::ALL.into_iter().find(|a| a.code() == code)
    }

    pub fn is_reduction(self) -> bool {
        Adjustment::REDUCTIONS.contains(&self)
    }

    /// The i18n key of its name.
    pub fn key(self) -> String {
        format!("claim.item.{}", self.code())
    }
}

/// The figures of one 加算 or 減算 in force for the month.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rate {
    /// Units for a 加算.
    pub units: u32,
    /// Percent for a 減算.
    pub percent: u32,
    pub service_code: String,
}

/// What the master data and the office give for the month.
#[derive(Debug, Clone)]
pub struct Terms {
    /// The base tier: units and service code; `None` when no 就労定着率 is known.
    pub base: Option<Base>,
    /// 単位数単価 of the office's 地域区分; `None` when the master data has none.
    pub unit_price: Option<UnitPrice>,
    /// Every 加算/減算 in force (from the master data) with its figures.
    pub rates: Vec<(Adjustment, Rate)>,
    /// The office's 体制 items in force during the month.
    pub office_settings: Vec<Adjustment>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Base {
    pub units: u32,
    pub tier_label: String,
    pub service_code: String,
}

impl Terms {
    fn rate(&self, a: Adjustment) -> Option<&Rate> {
        self.rates.iter().find(|(x, _)| *x == a).map(|(_, r)| r)
    }
}

/// Which 地域連携会議 took place in the month (the better one when both did).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Meeting {
    /// (Ⅱ): another staff member attended and shared it with the サービス管理責任者.
    Second,
    /// (Ⅰ): the サービス管理責任者 attended.
    First,
}

/// Who manages the user's monthly cap (上限額管理, domain.md §5).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CapManager {
    /// Nobody: the user uses only this office.
    None,
    ThisOffice,
    AnotherOffice,
}

/// 管理結果 (domain.md §5): how the managing office's 上限額管理結果票 settled the month. The
/// claim, the cap-result form and the J121/J411 records all use this one type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CapResult {
    /// 1: the managing office takes the whole co-payment; the others charge 0.
    ManagerTakesAll,
    /// 2: the combined total is within the cap; no adjustment.
    WithinCap,
    /// 3: adjusted as the 結果票 shows.
    Adjusted,
}

impl CapResult {
    pub const ALL: [CapResult; 3] = [
        CapResult::ManagerTakesAll,
        CapResult::WithinCap,
        CapResult::Adjusted,
    ];
    /// The code on the 結果票, in `cap_results.result` and in the files: 1, 2 or 3.
    pub fn code(self) -> u8 {
        match self {
            CapResult::ManagerTakesAll => 1,
            CapResult::WithinCap => 2,
            CapResult::Adjusted => 3,
        }
    }
    pub fn from_code(code: i64) -> Option<CapResult> {
        CapResult::ALL
            .into_iter()
            .find(|r| i64::from(r.code()) == code)
    }
}

/// The 結果票 as this office recorded it: the 管理結果 and this office's decided amount (what
/// counts for result 3).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CapDecision {
    pub result: CapResult,
    pub amount_yen: u64,
}

/// Why the base reward cannot be claimed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Blocker {
    /// A condition of the month that [`super::client_month::decide`] found unmet.
    Unmet(Unmet),
    NoRetentionTier,
    NoUnitPrice,
}

impl Blocker {
    pub fn key(self) -> &'static str {
        match self {
            Blocker::Unmet(u) => u.claim_key(),
            Blocker::NoRetentionTier => "claim.blocker.no_tier",
            Blocker::NoUnitPrice => "claim.blocker.no_unit_price",
        }
    }
}

/// A rule the claim applies that domain.md marks UNCONFIRMED. The claim page names each one
/// the month's claim actually applied, so that nobody takes it for a checked fact.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum UnconfirmedRule {
    /// The 市町村番号 check digit is an inference from published numbers (domain.md §7.3, §9
    /// item 9); the 国保連 file of every claimable client is checked with it.
    MunicipalityCheckDigit,
    /// The month's report shared with the client in the following month still counts
    /// (domain.md §9 item 13).
    ReportSharedNextMonth,
    /// The 就労定着率 of an office without 3 fiscal years of history, computed from the years
    /// it has (domain.md §1.3: the default for new offices is UNCONFIRMED).
    RateWithoutHistory,
    /// Each 減算 is rounded half up to a whole unit before the next (docs/claims.md; not in
    /// domain.md).
    RoundingAfterEachReduction,
    /// 利用日数 in the J121 are the days with any contact (docs/claims.md).
    ServiceDaysAsContactDays,
    /// 支援体制構築未実施減算 is applied per client from the hand-over records; the (イ) policy
    /// and responsible person are not recorded (domain.md §2.2, docs/claims.md).
    SupportSystemPerClient,
    /// A 体制 setting in force on only part of the month (e.g. ending on the 5th) counts for
    /// the whole month (docs/claims.md).
    SettingPartOfMonth,
}

impl UnconfirmedRule {
    pub const ALL: [UnconfirmedRule; 7] = [
        UnconfirmedRule::MunicipalityCheckDigit,
        UnconfirmedRule::ReportSharedNextMonth,
        UnconfirmedRule::RateWithoutHistory,
        UnconfirmedRule::RoundingAfterEachReduction,
        UnconfirmedRule::ServiceDaysAsContactDays,
        UnconfirmedRule::SupportSystemPerClient,
        UnconfirmedRule::SettingPartOfMonth,
    ];

    pub fn code(self) -> &'static str {
        match self {
            UnconfirmedRule::MunicipalityCheckDigit => "municipality_check_digit",
            UnconfirmedRule::ReportSharedNextMonth => "report_shared_next_month",
            UnconfirmedRule::RateWithoutHistory => "rate_without_history",
            UnconfirmedRule::RoundingAfterEachReduction => "rounding_after_each_reduction",
            UnconfirmedRule::ServiceDaysAsContactDays => "service_days_as_contact_days",
            UnconfirmedRule::SupportSystemPerClient => "support_system_per_client",
            UnconfirmedRule::SettingPartOfMonth => "setting_part_of_month",
        }
    }

    pub fn parse(code: &str) -> Option<UnconfirmedRule> {
        UnconfirmedRule::ALL.into_iter().find(|r| r.code() == code)
    }

    /// The i18n key of its sentence.
    pub fn key(self) -> String {
        format!("claim.rule.{}", self.code())
    }
}

/// A 加算 that the records suggest but that is not claimed, and why.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Skipped {
    /// 地域連携会議: already claimed four times this fiscal year.
    MeetingYearLimit,
    /// The master data has no figure in force for it.
    NoRate(Adjustment),
}

/// A problem with the cap management that must be settled before filing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CapIssue {
    /// Another office manages the cap and its 結果票 is not entered yet.
    ResultMissing,
    /// This office manages the cap (上限額管理事業所) and has not entered the month's result:
    /// the claim cannot be filed without its J411 (domain.md §5, §7.4 rule 3).
    OwnResultMissing,
    /// The entered amount is more than this office's 1割 or the cap.
    AmountTooHigh,
}

impl CapIssue {
    pub fn key(self) -> &'static str {
        match self {
            CapIssue::ResultMissing => "claim.cap.result_missing",
            CapIssue::OwnResultMissing => "claim.cap.own_result_missing",
            CapIssue::AmountTooHigh => "claim.cap.amount_too_high",
        }
    }
}

/// One line of the claim: the base, a 加算 (positive) or a 減算 (negative units).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    /// `None` for the base.
    pub adjustment: Option<Adjustment>,
    pub units: i64,
    pub service_code: String,
}

/// The client's claim for the month.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClientClaim {
    pub blockers: Vec<Blocker>,
    pub lines: Vec<Line>,
    pub skipped: Vec<Skipped>,
    pub total_units: u32,
    pub charge: Charge,
    /// 決定利用者負担額: what the user pays this office after the cap management.
    pub decided_user_charge_yen: u64,
    /// 請求額: 総費用額 − 決定利用者負担額.
    pub claimed_yen: u64,
    pub cap_issue: Option<CapIssue>,
}

impl ClientClaim {
    pub fn claimable(&self) -> bool {
        self.blockers.is_empty()
    }
}

/// `units × (100 − percent) / 100`, rounded half up.
fn reduce(units: u32, percent: u32) -> u32 {
    let kept = u64::from(units) * u64::from(100u32.saturating_sub(percent));
    u32::try_from((kept + 50) / 100).unwrap_or(u32::MAX)
}

fn blockers(d: &Decision, terms: &Terms) -> Vec<Blocker> {
    let mut b: Vec<Blocker> = d.unmet.iter().map(|u| Blocker::Unmet(*u)).collect();
    if terms.base.is_none() {
        b.push(Blocker::NoRetentionTier);
    }
    if terms.unit_price.is_none() {
        b.push(Blocker::NoUnitPrice);
    }
    b
}

/// The 加算 and 減算 the decision and the office call for, in claim order: 減算 first.
fn applicable(d: &Decision, terms: &Terms, skipped: &mut Vec<Skipped>) -> Vec<Adjustment> {
    let wants = |a: &Adjustment| d.adjustments.contains(a);
    let filed = |a: &Adjustment| terms.office_settings.contains(a);
    let mut wanted: Vec<Adjustment> = Adjustment::REDUCTIONS
        .into_iter()
        .filter(|a| wants(a) || filed(a))
        .collect();
    wanted.extend(
        [
            Adjustment::RegionalMeeting1,
            Adjustment::RegionalMeeting2,
            Adjustment::Initial,
        ]
        .into_iter()
        .filter(wants),
    );
    wanted.extend(
        [Adjustment::RetentionRecord, Adjustment::JobCoach]
            .into_iter()
            .filter(filed),
    );
    if wants(&Adjustment::CapManagement) {
        wanted.push(Adjustment::CapManagement);
    }
    wanted
        .into_iter()
        .filter(|a| {
            let known = terms.rate(*a).is_some();
            if !known {
                skipped.push(Skipped::NoRate(*a));
            }
            known
        })
        .collect()
}

/// What the user pays this office after the cap management (domain.md §5, 管理結果 codes).
fn decided_charge(cap: &Cap, charge: &Charge) -> (u64, Option<CapIssue>) {
    let plain = charge.user_charge_yen;
    if cap.monthly_cap_yen == 0 {
        return (0, None);
    }
    match (cap.manager, cap.result) {
        (CapManager::None, _) => (plain, None),
        (CapManager::AnotherOffice, None) => (plain, Some(CapIssue::ResultMissing)),
        (CapManager::ThisOffice, None) => (plain, Some(CapIssue::OwnResultMissing)),
        // 1: the managing office takes the whole co-payment; the others charge nothing.
        (
            CapManager::AnotherOffice,
            Some(CapDecision {
                result: CapResult::ManagerTakesAll,
                ..
            }),
        ) => (0, None),
        (
            CapManager::ThisOffice,
            Some(CapDecision {
                result: CapResult::ManagerTakesAll,
                ..
            }),
        ) => (plain, None),
        // 3: adjusted as the 結果票 shows.
        (
            _,
            Some(CapDecision {
                result: CapResult::Adjusted,
                amount_yen,
            }),
        ) if amount_yen > plain => (plain, Some(CapIssue::AmountTooHigh)),
        (
            _,
            Some(CapDecision {
                result: CapResult::Adjusted,
                amount_yen,
            }),
        ) => (amount_yen, None),
        // 2: within the cap, no adjustment.
        (_, Some(_)) => (plain, None),
    }
}

/// The claim for one client and month, from the month's [`Decision`] (every condition and
/// every 加算・減算 the records call for) and the figures in force.
pub fn claim(d: &Decision, terms: &Terms) -> ClientClaim {
    let blockers = blockers(d, terms);
    let mut skipped = Vec::new();
    let mut lines = Vec::new();
    let mut total: u32 = 0;
    if let (true, Some(base)) = (blockers.is_empty(), terms.base.as_ref()) {
        let mut reduced = base.units;
        skipped.extend(d.skipped.iter().copied());
        let wanted = applicable(d, terms, &mut skipped);
        let mut adjustment_lines = Vec::new();
        for a in wanted {
            let Some(rate) = terms.rate(a) else { continue };
            if a.is_reduction() {
                let after = reduce(reduced, rate.percent);
                adjustment_lines.push(Line {
                    adjustment: Some(a),
                    units: i64::from(after) - i64::from(reduced),
                    service_code: rate.service_code.clone(),
                });
                reduced = after;
            } else {
                adjustment_lines.push(Line {
                    adjustment: Some(a),
                    units: i64::from(rate.units),
                    service_code: rate.service_code.clone(),
                });
                total = total.saturating_add(rate.units);
            }
        }
        total = total.saturating_add(reduced);
        lines.push(Line {
            adjustment: None,
            units: i64::from(base.units),
            service_code: base.service_code.clone(),
        });
        lines.extend(adjustment_lines);
    }
    let charge = match terms.unit_price {
        Some(price) => user_charge(total, price, d.cap.monthly_cap_yen),
        None => Charge {
            total_cost_yen: 0,
            ten_percent_yen: 0,
            monthly_cap_yen: d.cap.monthly_cap_yen,
            user_charge_yen: 0,
            public_charge_yen: 0,
        },
    };
    let (decided, cap_issue) = if blockers.is_empty() {
        decided_charge(&d.cap, &charge)
    } else {
        (0, None)
    };
    ClientClaim {
        blockers,
        lines,
        skipped,
        total_units: total,
        claimed_yen: charge.total_cost_yen - decided,
        decided_user_charge_yen: decided,
        charge,
        cap_issue,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    /// domain.md §5: 管理結果 1, 2 and 3, and nothing else.
    #[test]
    fn cap_result_codes() {
        let cases = [
            (1, Some(CapResult::ManagerTakesAll)),
            (2, Some(CapResult::WithinCap)),
            (3, Some(CapResult::Adjusted)),
            (0, None),
            (4, None),
            (-1, None),
        ];
        for (code, result) in cases {
            assert_eq!(CapResult::from_code(code), result, "{code}");
            if let Some(r) = result {
                assert_eq!(i64::from(r.code()), code);
            }
        }
    }

    /// R6 figures from domain.md §2.1 and §2.2.
    fn terms() -> Terms {
        let add = |a, units| {
            (
                a,
                Rate {
                    units,
                    percent: 0,
                    service_code: String::new(),
                },
            )
        };
        let cut = |a, percent| {
            (
                a,
                Rate {
                    units: 0,
                    percent,
                    service_code: String::new(),
                },
            )
        };
        Terms {
            // 9割5分以上 (domain.md §1.1).
            base: Some(Base {
                units: 3512,
                tier_label: "9割5分以上".into(),
                service_code: String::new(),
            }),
            unit_price: UnitPrice::from_hundredths(1090).ok(),
            rates: vec![
                add(Adjustment::RegionalMeeting1, 579),
                add(Adjustment::RegionalMeeting2, 405),
                add(Adjustment::Initial, 900),
                add(Adjustment::RetentionRecord, 300),
                add(Adjustment::JobCoach, 120),
                add(Adjustment::CapManagement, 150),
                cut(Adjustment::NoSupportSystem, 10),
                cut(Adjustment::AbusePrevention, 1),
                cut(Adjustment::NoBcp, 1),
                cut(Adjustment::InfoNotPublished, 5),
            ],
            office_settings: vec![],
        }
    }

    /// A month whose conditions are all met, nothing else called for; cap 一般1 9,300.
    fn facts() -> Decision {
        Decision {
            served: true,
            window: None,
            unmet: vec![],
            met_on: Some(date!(2026 - 10 - 15)),
            handover: crate::domain::client_month::Handover::Fine,
            adjustments: vec![],
            skipped: vec![],
            contract_start: Some(date!(2025 - 04 - 01)),
            contact_days: 1,
            report_shared_late: false,
            cap: Cap {
                monthly_cap_yen: 9_300,
                manager: CapManager::None,
                result: None,
            },
        }
    }

    fn units_of(c: &ClientClaim) -> Vec<(Option<&'static str>, i64)> {
        c.lines
            .iter()
            .map(|l| (l.adjustment.map(Adjustment::code), l.units))
            .collect()
    }

    #[test]
    fn codes_round_trip() {
        for a in Adjustment::ALL {
            assert_eq!(Adjustment::parse(a.code()), Some(a));
        }
        assert_eq!(Adjustment::parse("bogus"), None);
    }

    /// domain.md §3 and §7.4 rule 1: each unmet condition, alone, stops the claim, 加算
    /// included.
    #[test]
    fn each_condition_blocks_the_whole_claim() {
        let all = [
            Unmet::NotEligible(crate::domain::rules::eligibility::Reason::NoQualifyingPriorService),
            Unmet::NoCertificate,
            Unmet::NoContract,
            Unmet::NoFaceToFace,
            Unmet::MetWithoutClient,
            Unmet::MetOnUncoveredDay,
            Unmet::ReportNotFinal,
            Unmet::ReportNotShared,
        ];
        for unmet in all {
            let mut f = facts();
            f.adjustments = vec![Adjustment::RegionalMeeting1];
            f.unmet = vec![unmet];
            let c = claim(&f, &terms());
            assert_eq!(c.blockers, vec![Blocker::Unmet(unmet)]);
            assert!(c.lines.is_empty());
            assert_eq!((c.total_units, c.charge.total_cost_yen), (0, 0));
            assert_eq!((c.decided_user_charge_yen, c.claimed_yen), (0, 0));
        }
        let mut t = terms();
        t.base = None;
        t.unit_price = None;
        assert_eq!(
            claim(&facts(), &t).blockers,
            vec![Blocker::NoRetentionTier, Blocker::NoUnitPrice]
        );
    }

    /// Units (domain.md §1.1, §2.1, §2.2) and yen (§5, §6): one row per case.
    #[test]
    fn units_and_yen() {
        type Change = fn(&mut Decision, &mut Terms);
        // (what, change, lines, total units, 総費用額, user, claimed)
        type Case = (
            &'static str,
            Change,
            Vec<(Option<&'static str>, i64)>,
            u32,
            u64,
            u64,
            u64,
        );
        let cases: Vec<Case> = vec![
            (
                "base only: 3512 × 10.90 = 38,280.8 → 38,280; 1割 3,828",
                |_, _| {},
                vec![(None, 3512)],
                3512,
                38_280,
                3_828,
                34_452,
            ),
            (
                "地域連携会議(Ⅰ) 579",
                |f, _| f.adjustments = vec![Adjustment::RegionalMeeting1],
                vec![(None, 3512), (Some("regional_meeting_1"), 579)],
                4091,
                44_591, // 4091 × 10.90 = 44,591.9
                4_459,
                40_132,
            ),
            (
                "地域連携会議(Ⅱ) 405",
                |f, _| f.adjustments = vec![Adjustment::RegionalMeeting2],
                vec![(None, 3512), (Some("regional_meeting_2"), 405)],
                3917,
                42_695, // 3917 × 10.90 = 42,695.3
                4_269,
                38_426,
            ),
            (
                "the fifth meeting of the fiscal year is not claimed (the decision skipped it)",
                |f, _| f.skipped = vec![Skipped::MeetingYearLimit],
                vec![(None, 3512)],
                3512,
                38_280,
                3_828,
                34_452,
            ),
            (
                "the fourth is",
                |f, _| f.adjustments = vec![Adjustment::RegionalMeeting2],
                vec![(None, 3512), (Some("regional_meeting_2"), 405)],
                3917,
                42_695,
                4_269,
                38_426,
            ),
            (
                "初期加算 900 in the contract's first month",
                |f, _| f.adjustments = vec![Adjustment::Initial],
                vec![(None, 3512), (Some("initial"), 900)],
                4412,
                48_090, // 4412 × 10.90 = 48,090.8
                4_809,
                43_281,
            ),
            (
                "支援体制構築未実施減算 −10%: 3512 → 3160.8 → 3161",
                |f, _| f.adjustments = vec![Adjustment::NoSupportSystem],
                vec![(None, 3512), (Some("no_support_system"), -351)],
                3161,
                34_454, // 3161 × 10.90 = 34,454.9
                3_445,
                31_009,
            ),
            (
                "減算 in a row: −10% then −1% of 3161 = 3129.39 → 3129, then −5% = 2972.55 → 2973",
                |f, t| {
                    f.adjustments = vec![Adjustment::NoSupportSystem];
                    t.office_settings =
                        vec![Adjustment::AbusePrevention, Adjustment::InfoNotPublished];
                },
                vec![
                    (None, 3512),
                    (Some("no_support_system"), -351),
                    (Some("abuse_prevention"), -32),
                    (Some("info_not_published"), -156),
                ],
                2973,
                32_405, // 2973 × 10.90 = 32,405.7
                3_240,
                29_165,
            ),
            (
                "減算 only reduce the base; 加算 are added whole",
                |f, t| {
                    f.adjustments = vec![Adjustment::RegionalMeeting1];
                    t.office_settings = vec![Adjustment::NoBcp, Adjustment::JobCoach];
                },
                vec![
                    (None, 3512),
                    (Some("no_bcp"), -35),
                    (Some("regional_meeting_1"), 579),
                    (Some("job_coach"), 120),
                ],
                4176,   // 3477 + 579 + 120
                45_518, // 4176 × 10.90 = 45,518.4
                4_551,
                40_967,
            ),
            (
                "体制加算: 就労定着実績体制加算 300 and 職場適応援助者 120",
                |_, t| t.office_settings = vec![Adjustment::RetentionRecord, Adjustment::JobCoach],
                vec![
                    (None, 3512),
                    (Some("retention_record"), 300),
                    (Some("job_coach"), 120),
                ],
                3932,
                42_858, // 3932 × 10.90 = 42,858.8
                4_285,
                38_573,
            ),
            (
                "the lowest tier, 3割未満 1074 at 10.00",
                |_, t| {
                    t.base = Some(Base {
                        units: 1074,
                        tier_label: "3割未満".into(),
                        service_code: String::new(),
                    });
                    t.unit_price = UnitPrice::from_hundredths(1000).ok();
                },
                vec![(None, 1074)],
                1074,
                10_740,
                1_074,
                9_666,
            ),
            (
                "cap 0 (生活保護・低所得): the user pays nothing",
                |f, _| f.cap.monthly_cap_yen = 0,
                vec![(None, 3512)],
                3512,
                38_280,
                0,
                38_280,
            ),
            (
                "the cap binds: 一般1 9,300 is not reached, a 3,000 cap is",
                |f, _| f.cap.monthly_cap_yen = 3_000,
                vec![(None, 3512)],
                3512,
                38_280,
                3_000,
                35_280,
            ),
            (
                "another office manages the cap, result 1: this office charges 0",
                |f, _| {
                    f.cap.manager = CapManager::AnotherOffice;
                    f.cap.result = Some(CapDecision {
                        result: CapResult::ManagerTakesAll,
                        amount_yen: 0,
                    });
                },
                vec![(None, 3512)],
                3512,
                38_280,
                0,
                38_280,
            ),
            (
                "another office manages the cap, result 2: no adjustment",
                |f, _| {
                    f.cap.manager = CapManager::AnotherOffice;
                    f.cap.result = Some(CapDecision {
                        result: CapResult::WithinCap,
                        amount_yen: 0,
                    });
                },
                vec![(None, 3512)],
                3512,
                38_280,
                3_828,
                34_452,
            ),
            (
                "another office manages the cap, result 3: the amount on the 結果票",
                |f, _| {
                    f.cap.manager = CapManager::AnotherOffice;
                    f.cap.result = Some(CapDecision {
                        result: CapResult::Adjusted,
                        amount_yen: 1_200,
                    });
                },
                vec![(None, 3512)],
                3512,
                38_280,
                1_200,
                37_080,
            ),
            (
                "this office manages the cap: 上限額管理加算 150",
                |f, _| {
                    f.adjustments = vec![Adjustment::CapManagement];
                    f.cap.manager = CapManager::ThisOffice;
                    f.cap.result = Some(CapDecision {
                        result: CapResult::Adjusted,
                        amount_yen: 2_000,
                    });
                },
                vec![(None, 3512), (Some("cap_management"), 150)],
                3662,
                39_915, // 3662 × 10.90 = 39,915.8
                2_000,
                37_915,
            ),
            (
                "no 上限額管理 and no 加算 when the cap is 0 (domain.md §5)",
                |f, _| {
                    f.cap.monthly_cap_yen = 0;
                    f.cap.manager = CapManager::ThisOffice;
                    f.cap.result = Some(CapDecision {
                        result: CapResult::WithinCap,
                        amount_yen: 0,
                    });
                },
                vec![(None, 3512)],
                3512,
                38_280,
                0,
                38_280,
            ),
        ];
        for (what, change, lines, units, total, user, claimed) in cases {
            let (mut f, mut t) = (facts(), terms());
            change(&mut f, &mut t);
            let c = claim(&f, &t);
            assert!(c.claimable(), "{what}");
            assert_eq!(units_of(&c), lines, "{what}");
            assert_eq!(c.total_units, units, "{what}");
            assert_eq!(c.charge.total_cost_yen, total, "{what}");
            assert_eq!(c.decided_user_charge_yen, user, "{what}");
            assert_eq!(c.claimed_yen, claimed, "{what}");
            assert_eq!(c.claimed_yen + c.decided_user_charge_yen, total, "{what}");
            assert_eq!(c.cap_issue, None, "{what}");
        }
    }

    #[test]
    fn cap_results_that_must_be_settled() {
        let mut f = facts();
        f.cap.manager = CapManager::AnotherOffice;
        let c = claim(&f, &terms());
        assert_eq!(c.cap_issue, Some(CapIssue::ResultMissing));
        assert_eq!(c.decided_user_charge_yen, 3_828);
        f.cap.result = Some(CapDecision {
            result: CapResult::Adjusted,
            amount_yen: 3_829,
        });
        let c = claim(&f, &terms());
        assert_eq!(c.cap_issue, Some(CapIssue::AmountTooHigh));
        assert_eq!(c.decided_user_charge_yen, 3_828);
    }

    /// Issue 19, scenario 8 (domain.md §5, §7.4 rule 3; docs/claims.md): when this office
    /// manages the cap, the month's result must be entered before filing. Cap 9,300, 1割
    /// 3,828: without a result the claim has an issue (and no 上限額管理加算 150); with
    /// result 2 it has none and the 加算 is claimed. Cap 0: no management, no issue.
    #[test]
    fn this_office_managing_the_cap_needs_its_result() {
        // (what, cap, result, issue, total units)
        let cases = [
            (
                "no result entered",
                9_300,
                None,
                Some(CapIssue::OwnResultMissing),
                3512,
            ),
            (
                "result 2 entered",
                9_300,
                Some(CapDecision {
                    result: CapResult::WithinCap,
                    amount_yen: 0,
                }),
                None,
                3662,
            ),
            ("cap 0: nothing to manage", 0, None, None, 3512),
        ];
        for (what, cap, result, issue, units) in cases {
            let mut f = facts();
            f.cap.manager = CapManager::ThisOffice;
            f.cap.monthly_cap_yen = cap;
            f.cap.result = result;
            // The 加算 as client_month::decide calls for it (its own table test).
            if cap > 0 && result.is_some() {
                f.adjustments = vec![Adjustment::CapManagement];
            }
            let c = claim(&f, &terms());
            assert_eq!(c.cap_issue, issue, "{what}");
            assert_eq!(c.total_units, units, "{what}");
        }
    }

    #[test]
    fn a_rate_missing_from_the_master_is_reported_not_guessed() {
        let mut t = terms();
        t.rates.retain(|(a, _)| *a != Adjustment::RegionalMeeting1);
        let mut f = facts();
        f.adjustments = vec![Adjustment::RegionalMeeting1];
        let c = claim(&f, &t);
        assert_eq!(c.total_units, 3512);
        assert_eq!(
            c.skipped,
            vec![Skipped::NoRate(Adjustment::RegionalMeeting1)]
        );
    }

    #[test]
    fn rounding_is_half_up() {
        // (units, percent, expected): x.5 rounds up, below x.5 down.
        let cases = [
            (3512, 10, 3161),
            (3161, 1, 3129),
            (3129, 5, 2973),
            (1074, 10, 967), // 966.6
            (1433, 1, 1419), // 1418.67
            (1450, 1, 1436), // 1435.5 → 1436
            (3512, 0, 3512),
            (3512, 100, 0),
        ];
        for (units, percent, expected) in cases {
            assert_eq!(reduce(units, percent), expected, "{units} −{percent}%");
        }
    }
}
