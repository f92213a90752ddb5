//! One client, one month: every condition of the base reward and every 加算・減算 that the
//! records call for, with the reasons. This is the one place where they are decided: the
//! claim (`crate::claims` → [`super::claim`]), the month at a glance and the supporter's
//! home (`web::support::compliance` → [`super::compliance`]) all call [`decide`]; the stores only
//! gather the facts. Pure: the month and `today` are passed in.
//!
//! The base reward of a month needs (domain.md §3, §4, §7.4 rule 1):
//! - the person is eligible: one of the six prior services, and the first job (the one the
//!   window counts from) with an 通常の事業所 (domain.md §4, 告示 第14の2 注1, conditions 1
//!   and 2; conditions 3 and the 3-year limit are the service window itself);
//! - a 支給決定 period and a contract with this office on some day of the month the service
//!   window runs;
//! - the client met in person (対面, or a 職場訪問 the client took part in; a meeting with the
//!   supervisor alone is not meeting the client, domain.md §3) on a day that the period, the
//!   contract and the window **all** cover;
//! - the month's 支援レポート final and shared with the client (domain.md §3, JEED p.192).
//!
//! 加算・減算 the records decide (the office's filed 体制 items and the figures are
//! [`super::claim::Terms`]): 支援体制構築未実施減算 when the month reaches the hand-over line
//! (3 months before the end) and no hand-over sharing was recorded on or before it — one
//! started later does not count (domain.md §2.2 (ロ)); 地域連携会議実施加算 (Ⅰ)/(Ⅱ) at most
//! once a month and in four months of the fiscal year; 初期加算 in the first month of the
//! contract unless the client came from an office run together with this one or had a
//! contract at another office before (once per person); and
//! 利用者負担上限額管理加算 when this office manages a cap above 0 and the result is entered
//! (domain.md §2.1, §5).

use time::Date;

use super::claim::{Adjustment, CapDecision, CapManager, Meeting, Skipped};
use super::compliance::ReportState;
use super::contact::Mode;
use super::rules::eligibility::{self, PriorService, Reason};
use super::rules::period::{ServiceStage, ServiceWindow, handover_due, service_window, stage_on};

/// One contact of the month: its day in Japan time, how it happened, and whether the client
/// was among the participants.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Contact {
    pub day: Date,
    pub mode: Mode,
    pub client_present: bool,
}

impl Contact {
    /// Meeting the client in person (domain.md §3).
    pub fn meets_client(&self) -> bool {
        self.mode.is_in_person() && self.client_present
    }
}

/// The user's monthly cap and who manages it (domain.md §5).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cap {
    pub monthly_cap_yen: u64,
    pub manager: CapManager,
    pub result: Option<CapDecision>,
}

impl Default for Cap {
    fn default() -> Self {
        Cap {
            monthly_cap_yen: 0,
            manager: CapManager::None,
            result: None,
        }
    }
}

/// What the records say about one client and one office for a month.
#[derive(Debug, Clone)]
pub struct Facts {
    pub prior_service: PriorService,
    /// The first employment: (hire date, return-to-work date, ordinary employment).
    pub basis: Option<(Date, Option<Date>, bool)>,
    /// 支給決定 periods (start, end), any order.
    pub periods: Vec<(Date, Date)>,
    /// Contracts with this office (start, end), any order.
    pub contracts: Vec<(Date, Date)>,
    /// The month's contacts (others are ignored).
    pub contacts: Vec<Contact>,
    pub report: ReportState,
    /// The first day the month's report was shared with the client.
    pub report_shared_on: Option<Date>,
    /// Days (Japan time) of every hand-over sharing recorded for the client.
    pub handovers: Vec<Date>,
    /// The month's 地域連携会議, the better one when both kinds took place.
    pub meeting: Option<Meeting>,
    /// Earlier months of the same fiscal year with a 地域連携会議.
    pub meetings_earlier_in_year: u32,
    /// The client came from an office run together with this one (no 初期加算).
    pub prior_office_integrated: bool,
    /// The client's first contract start at any office (the same 受給者証 included):
    /// 初期加算 is granted once per person, not again at a second office (domain.md §2.1).
    pub first_contract_anywhere: Option<Date>,
    pub cap: Cap,
}

/// A condition of the base reward that is not met.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unmet {
    /// Not eligible: no qualifying prior service, or the first job is not ordinary
    /// employment (domain.md §4).
    NotEligible(Reason),
    NoCertificate,
    NoContract,
    /// No 対面 contact or 職場訪問 at all.
    NoFaceToFace,
    /// In-person contacts, but the client took part in none of them.
    MetWithoutClient,
    /// The client was met, but on no day that the period, the contract and the window all
    /// cover.
    MetOnUncoveredDay,
    ReportNotFinal,
    ReportNotShared,
}

impl Unmet {
    /// The message on the claim page.
    pub fn claim_key(self) -> &'static str {
        match self {
            Unmet::NotEligible(Reason::NotOrdinaryEmployment) => "claim.blocker.not_ordinary",
            Unmet::NotEligible(_) => "claim.blocker.no_prior_service",
            Unmet::NoCertificate => "claim.blocker.no_certificate",
            Unmet::NoContract => "claim.blocker.no_contract",
            Unmet::NoFaceToFace => "claim.blocker.no_face_to_face",
            Unmet::MetWithoutClient => "claim.blocker.met_without_client",
            Unmet::MetOnUncoveredDay => "claim.blocker.met_on_uncovered_day",
            Unmet::ReportNotFinal => "claim.blocker.report_not_final",
            Unmet::ReportNotShared => "claim.blocker.report_not_shared",
        }
    }

    /// The message on the month at a glance.
    pub fn month_key(self) -> &'static str {
        match self {
            Unmet::NotEligible(Reason::NotOrdinaryEmployment) => "month.item.not_ordinary",
            Unmet::NotEligible(_) => "month.item.no_prior_service",
            Unmet::NoCertificate => "month.item.no_certificate",
            Unmet::NoContract => "month.item.no_contract",
            Unmet::NoFaceToFace => "month.item.no_face_to_face",
            Unmet::MetWithoutClient => "month.item.met_without_client",
            Unmet::MetOnUncoveredDay => "month.item.met_on_uncovered_day",
            Unmet::ReportNotFinal => "month.item.report_not_final",
            Unmet::ReportNotShared => "month.item.report_not_shared",
        }
    }
}

/// Where the hand-over stands for the month (domain.md §2.2 支援体制構築未実施減算, §3).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Handover {
    /// Not yet in the last 6 months, or started on or before the line.
    Fine,
    /// In the last 6 months, the line not reached, nothing recorded yet: start by `by`.
    Due { by: Date },
    /// The month reaches the line and no sharing was recorded on or before it: the 減算
    /// applies. `started_on` is a later start, which does not count.
    Missed { by: Date, started_on: Option<Date> },
}

/// The decision for one client and month.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decision {
    /// The service window overlaps the month (else the client is not served in it, and
    /// nothing else below means anything).
    pub served: bool,
    pub window: Option<ServiceWindow>,
    /// Conditions of the base reward not met, in a fixed order; empty when it can be claimed.
    pub unmet: Vec<Unmet>,
    /// The first day the client was met on a day everything covers.
    pub met_on: Option<Date>,
    pub handover: Handover,
    /// 加算・減算 the records call for, in this order: 支援体制構築未実施減算, 地域連携会議,
    /// 初期加算, 上限額管理加算. Decided whether or not the base reward can be claimed (the
    /// claim drops them all when it cannot).
    pub adjustments: Vec<Adjustment>,
    pub skipped: Vec<Skipped>,
    /// The first day of service under contract with this office.
    pub contract_start: Option<Date>,
    /// Days of the month with any contact (利用日数, UNCONFIRMED: docs/claims.md).
    pub contact_days: u32,
    /// The report was shared with the client only after the month ended (domain.md §9
    /// item 13, UNCONFIRMED whether that still counts; counted here).
    pub report_shared_late: bool,
    pub cap: Cap,
}

impl Decision {
    pub fn claimable(&self) -> bool {
        self.served && self.unmet.is_empty()
    }
    pub fn reduction_for_handover(&self) -> bool {
        self.adjustments.contains(&Adjustment::NoSupportSystem)
    }
}

fn covers(ranges: &[(Date, Date)], day: Date) -> bool {
    ranges.iter().any(|(s, e)| *s <= day && day <= *e)
}

fn overlaps(ranges: &[(Date, Date)], first: Date, last: Date) -> bool {
    ranges.iter().any(|(s, e)| *s <= last && *e >= first)
}

/// Decides the month `first..=last` for a client, as seen on `today` (only the hand-over's
/// "due" warning depends on `today`; the claim does not).
pub fn decide(f: &Facts, first: Date, last: Date, today: Date) -> Decision {
    let window = f.basis.map(|(hire, rtw, _)| service_window(hire, rtw));
    let mut d = Decision {
        served: false,
        window,
        unmet: Vec::new(),
        met_on: None,
        handover: Handover::Fine,
        adjustments: Vec::new(),
        skipped: Vec::new(),
        contract_start: f.contracts.iter().map(|(s, _)| *s).min(),
        contact_days: 0,
        report_shared_late: false,
        cap: f.cap,
    };
    let (Some(w), Some((hire, rtw, ordinary))) = (window, f.basis) else {
        return d;
    };
    d.served = w.earliest_start <= last && w.latest_end >= first;
    if !d.served {
        return d;
    }
    let service_first = first.max(w.earliest_start);
    let service_last = last.min(w.latest_end);

    // Eligibility: the same rule as the client page (domain.md §4). The dates are the
    // window's, checked here on the day the service first runs in the month.
    let e = eligibility::eligibility(f.prior_service, ordinary, hire, rtw, service_first);
    for r in e.reasons {
        if matches!(
            r,
            Reason::NoQualifyingPriorService | Reason::NotOrdinaryEmployment
        ) {
            d.unmet.push(Unmet::NotEligible(r));
        }
    }
    let certificate = overlaps(&f.periods, service_first, service_last);
    let contract = overlaps(&f.contracts, service_first, service_last);
    if !certificate {
        d.unmet.push(Unmet::NoCertificate);
    }
    if !contract {
        d.unmet.push(Unmet::NoContract);
    }
    let month: Vec<&Contact> = f
        .contacts
        .iter()
        .filter(|c| first <= c.day && c.day <= last)
        .collect();
    let covered = |day: Date| {
        service_first <= day
            && day <= service_last
            && covers(&f.periods, day)
            && covers(&f.contracts, day)
    };
    d.met_on = month
        .iter()
        .filter(|c| c.meets_client() && covered(c.day))
        .map(|c| c.day)
        .min();
    if !month.iter().any(|c| c.mode.is_in_person()) {
        d.unmet.push(Unmet::NoFaceToFace);
    } else if !month.iter().any(|c| c.meets_client()) {
        d.unmet.push(Unmet::MetWithoutClient);
    } else if d.met_on.is_none() && certificate && contract {
        d.unmet.push(Unmet::MetOnUncoveredDay);
    }
    match f.report {
        ReportState::None | ReportState::Draft => d.unmet.push(Unmet::ReportNotFinal),
        ReportState::Final => d.unmet.push(Unmet::ReportNotShared),
        ReportState::Shared => {}
    }
    d.report_shared_late =
        f.report == ReportState::Shared && f.report_shared_on.is_some_and(|s| s > last);
    let mut days: Vec<Date> = month.iter().map(|c| c.day).collect();
    days.sort();
    days.dedup();
    d.contact_days = u32::try_from(days.len()).unwrap_or(u32::MAX);

    // The hand-over (domain.md §2.2 (ロ)): started on or before the line, or the 減算.
    let line = handover_due(&w);
    let started_by_line = f.handovers.iter().any(|h| *h <= line);
    d.handover = if started_by_line {
        Handover::Fine
    } else if last >= line {
        Handover::Missed {
            by: line,
            started_on: f.handovers.iter().min().copied(),
        }
    } else if stage_on(&w, today.clamp(first, last)) == ServiceStage::EndingSoon {
        Handover::Due { by: line }
    } else {
        Handover::Fine
    };
    if matches!(d.handover, Handover::Missed { .. }) {
        d.adjustments.push(Adjustment::NoSupportSystem);
    }
    match f.meeting {
        Some(_) if f.meetings_earlier_in_year >= 4 => d.skipped.push(Skipped::MeetingYearLimit),
        Some(Meeting::First) => d.adjustments.push(Adjustment::RegionalMeeting1),
        Some(Meeting::Second) => d.adjustments.push(Adjustment::RegionalMeeting2),
        None => {}
    }
    let first_month = d
        .contract_start
        .is_some_and(|s| s.year() == first.year() && s.month() == first.month());
    let first_anywhere = d
        .contract_start
        .zip(f.first_contract_anywhere)
        .is_none_or(|(here, anywhere)| here <= anywhere);
    if !f.prior_office_integrated && first_month && first_anywhere {
        d.adjustments.push(Adjustment::Initial);
    }
    if f.cap.manager == CapManager::ThisOffice
        && f.cap.monthly_cap_yen > 0
        && f.cap.result.is_some()
    {
        d.adjustments.push(Adjustment::CapManagement);
    }
    d
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    const OCT: (Date, Date) = (date!(2026 - 10 - 01), date!(2026 - 10 - 31));
    const TODAY: Date = date!(2026 - 11 - 02);

    fn met(day: Date) -> Contact {
        Contact {
            day,
            mode: Mode::FaceToFace,
            client_present: true,
        }
    }

    /// Hired 2025-01-10: the window runs 2025-07-10 … 2028-07-09 (domain.md §4). Everything
    /// in place for October 2026.
    fn good() -> Facts {
        Facts {
            prior_service: PriorService::EmploymentTransition,
            basis: Some((date!(2025 - 01 - 10), None, true)),
            periods: vec![(date!(2026 - 04 - 01), date!(2027 - 03 - 31))],
            contracts: vec![(date!(2025 - 07 - 10), date!(2028 - 07 - 09))],
            contacts: vec![met(date!(2026 - 10 - 15))],
            report: ReportState::Shared,
            report_shared_on: Some(date!(2026 - 10 - 31)),
            handovers: vec![],
            meeting: None,
            meetings_earlier_in_year: 0,
            prior_office_integrated: true,
            first_contract_anywhere: None,
            cap: Cap::default(),
        }
    }

    fn unmet(f: &Facts) -> Vec<Unmet> {
        decide(f, OCT.0, OCT.1, TODAY).unmet
    }

    #[test]
    fn a_good_month_is_claimable() {
        let d = decide(&good(), OCT.0, OCT.1, TODAY);
        assert!(d.claimable(), "{d:?}");
        assert_eq!(d.met_on, Some(date!(2026 - 10 - 15)));
        assert_eq!(d.handover, Handover::Fine);
        assert!(d.adjustments.is_empty());
        assert_eq!(d.contact_days, 1);
    }

    /// Scenario 1 (domain.md §3: the user is met face to face): who took part decides.
    #[test]
    fn meeting_means_the_client_took_part() {
        // (mode, client present, unmet)
        let cases = [
            (Mode::FaceToFace, true, vec![]),
            (Mode::WorkplaceVisit, true, vec![]),
            (Mode::WorkplaceVisit, false, vec![Unmet::MetWithoutClient]),
            (Mode::FaceToFace, false, vec![Unmet::MetWithoutClient]),
            (Mode::Phone, true, vec![Unmet::NoFaceToFace]),
            (Mode::Online, true, vec![Unmet::NoFaceToFace]),
        ];
        for (mode, client_present, expected) in cases {
            let mut f = good();
            f.contacts = vec![Contact {
                day: date!(2026 - 10 - 15),
                mode,
                client_present,
            }];
            assert_eq!(unmet(&f), expected, "{mode:?} client {client_present}");
        }
        // A supervisor meeting and a phone call with the client: still not met.
        let mut f = good();
        f.contacts = vec![
            Contact {
                day: date!(2026 - 10 - 05),
                mode: Mode::WorkplaceVisit,
                client_present: false,
            },
            Contact {
                day: date!(2026 - 10 - 06),
                mode: Mode::Phone,
                client_present: true,
            },
        ];
        assert_eq!(unmet(&f), vec![Unmet::MetWithoutClient]);
        assert_eq!(decide(&f, OCT.0, OCT.1, TODAY).contact_days, 2);
    }

    /// Scenario 2 (domain.md §3, §4, §7.4 rule 1): the meeting falls on a day that the
    /// 支給決定 period, the contract and the window all cover.
    #[test]
    fn the_meeting_day_is_covered_by_everything() {
        type Change = fn(&mut Facts);
        let cases: Vec<(&str, Change, Vec<Unmet>)> = vec![
            (
                "certificate to 9/30, renewed from 10/20, met 10/05",
                |f| {
                    f.periods = vec![
                        (date!(2025 - 10 - 01), date!(2026 - 09 - 30)),
                        (date!(2026 - 10 - 20), date!(2027 - 10 - 19)),
                    ];
                    f.contacts = vec![met(date!(2026 - 10 - 05))];
                },
                vec![Unmet::MetOnUncoveredDay],
            ),
            (
                "the same, met 10/20 (the renewal's first day)",
                |f| {
                    f.periods = vec![
                        (date!(2025 - 10 - 01), date!(2026 - 09 - 30)),
                        (date!(2026 - 10 - 20), date!(2027 - 10 - 19)),
                    ];
                    f.contacts = vec![met(date!(2026 - 10 - 20))];
                },
                vec![],
            ),
            (
                "window from 10/15 (hired 2026-04-15), met 10/03",
                |f| {
                    f.basis = Some((date!(2026 - 04 - 15), None, true));
                    f.contacts = vec![met(date!(2026 - 10 - 03))];
                },
                vec![Unmet::MetOnUncoveredDay],
            ),
            (
                "window from 10/15, met 10/15",
                |f| {
                    f.basis = Some((date!(2026 - 04 - 15), None, true));
                    f.contacts = vec![met(date!(2026 - 10 - 15))];
                },
                vec![],
            ),
            (
                "back from leave 2026-04-20: window from 10/20, met 10/19",
                |f| {
                    f.basis = Some((date!(2024 - 01 - 10), Some(date!(2026 - 04 - 20)), true));
                    f.contacts = vec![met(date!(2026 - 10 - 19))];
                },
                vec![Unmet::MetOnUncoveredDay],
            ),
            (
                "contract from 10/20, met 10/10",
                |f| {
                    f.contracts = vec![(date!(2026 - 10 - 20), date!(2028 - 07 - 09))];
                    f.contacts = vec![met(date!(2026 - 10 - 10))];
                },
                vec![Unmet::MetOnUncoveredDay],
            ),
            (
                "contract to 10/08, met 10/08 and 10/20: the 8th counts",
                |f| {
                    f.contracts = vec![(date!(2025 - 07 - 10), date!(2026 - 10 - 08))];
                    f.contacts = vec![met(date!(2026 - 10 - 20)), met(date!(2026 - 10 - 08))];
                },
                vec![],
            ),
            (
                "window ends 10/09 (hired 2023-04-10), met 10/10",
                |f| {
                    f.basis = Some((date!(2023 - 04 - 10), None, true));
                    f.contacts = vec![met(date!(2026 - 10 - 10))];
                },
                vec![Unmet::MetOnUncoveredDay],
            ),
            (
                "no period at all in the month: no certificate, not also an uncovered day",
                |f| f.periods = vec![(date!(2025 - 10 - 01), date!(2026 - 09 - 30))],
                vec![Unmet::NoCertificate],
            ),
            (
                "a period only before the window opens (10/15): no certificate",
                |f| {
                    f.basis = Some((date!(2026 - 04 - 15), None, true));
                    f.periods = vec![(date!(2026 - 04 - 01), date!(2026 - 10 - 14))];
                },
                vec![Unmet::NoCertificate],
            ),
        ];
        for (what, change, expected) in cases {
            let mut f = good();
            change(&mut f);
            assert_eq!(unmet(&f), expected, "{what}");
        }
    }

    /// Scenario 6 (domain.md §4, 告示 第14の2 注1 conditions 1 and 2): the client page's rule.
    #[test]
    fn eligibility() {
        let mut f = good();
        f.prior_service = PriorService::None;
        assert_eq!(
            unmet(&f),
            vec![Unmet::NotEligible(Reason::NoQualifyingPriorService)]
        );
        f.basis = Some((date!(2025 - 01 - 10), None, false));
        assert_eq!(
            unmet(&f),
            vec![
                Unmet::NotEligible(Reason::NoQualifyingPriorService),
                Unmet::NotEligible(Reason::NotOrdinaryEmployment)
            ]
        );
        for s in PriorService::ALL.into_iter().filter(|s| s.qualifies()) {
            let mut f = good();
            f.prior_service = s;
            assert!(unmet(&f).is_empty(), "{s:?}");
        }
    }

    /// Scenario 10: no contract, or one starting next month or ended last month.
    #[test]
    fn no_contract() {
        for contracts in [
            vec![],
            vec![(date!(2026 - 11 - 01), date!(2028 - 07 - 09))],
            vec![(date!(2025 - 07 - 10), date!(2026 - 09 - 30))],
        ] {
            let mut f = good();
            f.contracts = contracts.clone();
            assert_eq!(unmet(&f), vec![Unmet::NoContract], "{contracts:?}");
        }
    }

    #[test]
    fn the_report() {
        for (state, expected) in [
            (ReportState::None, vec![Unmet::ReportNotFinal]),
            (ReportState::Draft, vec![Unmet::ReportNotFinal]),
            (ReportState::Final, vec![Unmet::ReportNotShared]),
            (ReportState::Shared, vec![]),
        ] {
            let mut f = good();
            f.report = state;
            assert_eq!(unmet(&f), expected, "{state:?}");
        }
        // Shared on 11/01: counted, and flagged as the UNCONFIRMED rule (domain.md §9 item 13).
        let mut f = good();
        f.report_shared_on = Some(date!(2026 - 11 - 01));
        let d = decide(&f, OCT.0, OCT.1, TODAY);
        assert!(d.claimable() && d.report_shared_late);
        assert!(!decide(&good(), OCT.0, OCT.1, TODAY).report_shared_late);
    }

    /// Scenario 9 (domain.md §2.2 (ロ): sharing started ≥3 months before the end). Hired
    /// 2023-06-01: the window ends 2026-11-30 and the line is 2026-08-30.
    #[test]
    fn the_handover_line() {
        let ending = |handovers: Vec<Date>| Facts {
            basis: Some((date!(2023 - 06 - 01), None, true)),
            handovers,
            ..good()
        };
        let by = date!(2026 - 08 - 30);
        // (month, today, hand-overs, expected)
        let cases = [
            (
                (date!(2026 - 07 - 01), date!(2026 - 07 - 31)),
                date!(2026 - 07 - 10),
                vec![],
                Handover::Due { by },
            ),
            (
                (date!(2026 - 05 - 01), date!(2026 - 05 - 31)),
                date!(2026 - 05 - 10),
                vec![],
                Handover::Fine,
            ),
            (
                (date!(2026 - 08 - 01), date!(2026 - 08 - 31)),
                date!(2026 - 08 - 10),
                vec![],
                Handover::Missed {
                    by,
                    started_on: None,
                },
            ),
            (
                OCT,
                TODAY,
                vec![date!(2026 - 09 - 10)],
                Handover::Missed {
                    by,
                    started_on: Some(date!(2026 - 09 - 10)),
                },
            ),
            (OCT, TODAY, vec![date!(2026 - 08 - 30)], Handover::Fine),
            (
                OCT,
                TODAY,
                vec![date!(2026 - 09 - 10), date!(2026 - 08 - 20)],
                Handover::Fine,
            ),
        ];
        for ((first, last), today, handovers, expected) in cases {
            let d = decide(&ending(handovers.clone()), first, last, today);
            assert_eq!(d.handover, expected, "{first} {handovers:?}");
            assert_eq!(
                d.reduction_for_handover(),
                matches!(expected, Handover::Missed { .. }),
                "{first} {handovers:?}"
            );
        }
    }

    /// 加算 from the records (domain.md §2.1).
    #[test]
    fn additions() {
        let adj = |f: &Facts| decide(f, OCT.0, OCT.1, TODAY).adjustments;
        let mut f = good();
        f.meeting = Some(Meeting::First);
        assert_eq!(adj(&f), vec![Adjustment::RegionalMeeting1]);
        f.meeting = Some(Meeting::Second);
        f.meetings_earlier_in_year = 3;
        assert_eq!(adj(&f), vec![Adjustment::RegionalMeeting2]);
        f.meetings_earlier_in_year = 4;
        assert!(adj(&f).is_empty());
        assert_eq!(
            decide(&f, OCT.0, OCT.1, TODAY).skipped,
            vec![Skipped::MeetingYearLimit]
        );
        // 初期加算: the contract's first month, not from an office run together.
        let mut f = good();
        f.contracts = vec![(date!(2026 - 10 - 01), date!(2028 - 07 - 09))];
        assert!(adj(&f).is_empty(), "from the office run together");
        f.prior_office_integrated = false;
        assert_eq!(adj(&f), vec![Adjustment::Initial]);
        f.first_contract_anywhere = Some(date!(2026 - 10 - 01));
        assert_eq!(adj(&f), vec![Adjustment::Initial], "its own first contract");
        f.first_contract_anywhere = Some(date!(2025 - 04 - 01));
        assert!(
            adj(&f).is_empty(),
            "once per person: not at a second office"
        );
        f.first_contract_anywhere = None;
        f.contracts = vec![(date!(2026 - 09 - 30), date!(2028 - 07 - 09))];
        assert!(adj(&f).is_empty(), "a later month");
        // 上限額管理加算: this office manages a cap above 0 and the result is in.
        let mut f = good();
        f.cap = Cap {
            monthly_cap_yen: 9_300,
            manager: CapManager::ThisOffice,
            result: Some(CapDecision {
                result: crate::domain::claim::CapResult::WithinCap,
                amount_yen: 0,
            }),
        };
        assert_eq!(adj(&f), vec![Adjustment::CapManagement]);
        f.cap.monthly_cap_yen = 0;
        assert!(adj(&f).is_empty());
    }

    #[test]
    fn not_served_outside_the_window() {
        let mut f = good();
        f.basis = Some((date!(2026 - 05 - 01), None, true));
        assert!(!decide(&f, OCT.0, OCT.1, TODAY).served);
        f.basis = None;
        assert!(!decide(&f, OCT.0, OCT.1, TODAY).served);
        f.basis = Some((date!(2023 - 03 - 01), None, true));
        assert!(!decide(&f, OCT.0, OCT.1, TODAY).served, "ended 2026-08-31");
    }
}
