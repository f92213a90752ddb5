//! Where a client stands in time on a given day: the service window from their employment,
//! the stage (before start, active, ending soon, ended), the warnings a supporter must see,
//! and the timeline drawn on the client page. Pure: `today` is passed in.
//!
//! The window is counted from the client's first employment (the hiring that followed the
//! prior service), from its return-to-work date for a 復職 case; a later job change does not
//! restart it (domain.md §4, §1.3: one job change within a month counts as continued
//! employment).
//!
//! A stored contract keeps the dates it was saved with: when the window or the contract's end
//! computed now (民法第143条, shared/domain.md §9 item 12) differs from them, for instance a
//! contract saved before month-end hires were counted under that rule, the client page warns
//! and staff confirm the contract; nothing rewrites it.

use time::{Date, Duration};

use super::rules::eligibility::PriorService;
use super::rules::period::{
    ServiceStage, ServiceWindow, contract_end, handover_due, service_window, stage_on,
};

/// The facts the standing is computed from.
#[derive(Debug, Clone)]
pub struct Facts {
    pub prior_service: PriorService,
    /// The first employment: (hire date, return-to-work date, ordinary employment).
    pub basis: Option<(Date, Option<Date>, bool)>,
    /// 支給決定 periods (start, end), any order.
    pub periods: Vec<(Date, Date)>,
    /// Contracts (start, end), any order.
    pub contracts: Vec<(Date, Date)>,
}

/// Something the supporter must act on. Each has an i18n key and the dates it names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Warning {
    NoEmployment,
    NotOrdinaryEmployment,
    NoQualifyingPriorService,
    /// Not yet in the window: the service can start on this date.
    NotYetEligible {
        from: Date,
    },
    /// The service window has closed.
    ServiceEnded {
        on: Date,
    },
    /// Within 6 months of the end; handover must start by `handover_by` (3 months before).
    ServiceEndingSoon {
        end: Date,
        handover_by: Date,
    },
    /// No 支給決定 period covers today while the service runs.
    NoValidCertificate,
    /// The current period ends within 90 days and no renewal is recorded.
    CertificateEndingSoon {
        end: Date,
    },
    /// The service runs but no contract covers today.
    NoContract,
    /// A stored contract's end is not the end computed now for its start (at most 3 years,
    /// never past the window, domain.md §4): staff confirm it.
    ContractEndDiffers {
        end: Date,
        computed: Date,
    },
    /// A stored contract starts outside the window computed now: staff confirm it.
    ContractOutsideWindow {
        start: Date,
    },
}

impl Warning {
    pub fn key(&self) -> &'static str {
        match self {
            Warning::NoEmployment => "warn.no_employment",
            Warning::NotOrdinaryEmployment => "warn.not_ordinary",
            Warning::NoQualifyingPriorService => "warn.no_prior_service",
            Warning::NotYetEligible { .. } => "warn.not_yet_eligible",
            Warning::ServiceEnded { .. } => "warn.service_ended",
            Warning::ServiceEndingSoon { .. } => "warn.service_ending",
            Warning::NoValidCertificate => "warn.no_certificate",
            Warning::CertificateEndingSoon { .. } => "warn.certificate_ending",
            Warning::NoContract => "warn.no_contract",
            Warning::ContractEndDiffers { .. } => "warn.contract_end_differs",
            Warning::ContractOutsideWindow { .. } => "warn.contract_outside_window",
        }
    }
    /// The date the message refers to, if any.
    pub fn date(&self) -> Option<Date> {
        match self {
            Warning::NotYetEligible { from } => Some(*from),
            Warning::ServiceEnded { on } => Some(*on),
            Warning::ServiceEndingSoon { end, .. } => Some(*end),
            Warning::CertificateEndingSoon { end } => Some(*end),
            Warning::ContractEndDiffers { end, .. } => Some(*end),
            Warning::ContractOutsideWindow { start } => Some(*start),
            _ => None,
        }
    }
    pub fn second_date(&self) -> Option<Date> {
        match self {
            Warning::ServiceEndingSoon { handover_by, .. } => Some(*handover_by),
            Warning::ContractEndDiffers { computed, .. } => Some(*computed),
            _ => None,
        }
    }
    /// The i18n key of the words before the second date.
    pub fn second_key(&self) -> &'static str {
        match self {
            Warning::ContractEndDiffers { .. } => "warn.contract_end_computed",
            _ => "warn.handover_by",
        }
    }
}

/// A certificate warns this many days before its period ends (domain.md §4: warn 60–90 days
/// before expiry; the issue asks for 90).
pub const CERTIFICATE_WARNING_DAYS: i64 = 90;

#[derive(Debug, Clone)]
pub struct Standing {
    pub window: Option<ServiceWindow>,
    pub stage: Option<ServiceStage>,
    pub warnings: Vec<Warning>,
}

pub fn standing(f: &Facts, today: Date) -> Standing {
    let mut warnings = Vec::new();
    if !f.prior_service.qualifies() {
        warnings.push(Warning::NoQualifyingPriorService);
    }
    let Some((hire, return_to_work, ordinary)) = f.basis else {
        warnings.push(Warning::NoEmployment);
        return Standing {
            window: None,
            stage: None,
            warnings,
        };
    };
    if !ordinary {
        warnings.push(Warning::NotOrdinaryEmployment);
    }
    let window = service_window(hire, return_to_work);
    let stage = stage_on(&window, today);
    match stage {
        ServiceStage::BeforeStart => warnings.push(Warning::NotYetEligible {
            from: window.earliest_start,
        }),
        ServiceStage::Ended => warnings.push(Warning::ServiceEnded {
            on: window.latest_end,
        }),
        ServiceStage::EndingSoon => warnings.push(Warning::ServiceEndingSoon {
            end: window.latest_end,
            handover_by: handover_due(&window),
        }),
        ServiceStage::Active => {}
    }
    if matches!(stage, ServiceStage::Active | ServiceStage::EndingSoon) {
        match f.periods.iter().find(|(s, e)| *s <= today && today <= *e) {
            None => warnings.push(Warning::NoValidCertificate),
            Some((_, end)) => {
                let renewed = f.periods.iter().any(|(s, _)| s > end);
                // No renewal is needed when the service ends with this period.
                if !renewed
                    && *end < window.latest_end
                    && *end - today <= Duration::days(CERTIFICATE_WARNING_DAYS)
                {
                    warnings.push(Warning::CertificateEndingSoon { end: *end });
                }
            }
        }
        if !f.contracts.iter().any(|(s, e)| *s <= today && today <= *e) {
            warnings.push(Warning::NoContract);
        }
    }
    warnings.extend(contract_warnings(&window, &f.contracts));
    Standing {
        window: Some(window),
        stage: Some(stage),
        warnings,
    }
}

/// The stored contracts whose dates are not the ones computed now, oldest first.
fn contract_warnings(window: &ServiceWindow, contracts: &[(Date, Date)]) -> Vec<Warning> {
    let mut contracts = contracts.to_vec();
    contracts.sort();
    contracts
        .into_iter()
        .filter_map(|(start, end)| match contract_end(window, start) {
            Ok(computed) if computed != end => Some(Warning::ContractEndDiffers { end, computed }),
            Ok(_) => None,
            Err(_) => Some(Warning::ContractOutsideWindow { start }),
        })
        .collect()
}

/// The stage's code and i18n key, for lists and filters.
pub fn stage_code(stage: Option<ServiceStage>) -> &'static str {
    match stage {
        None => "no_employment",
        Some(ServiceStage::BeforeStart) => "before_start",
        Some(ServiceStage::Active) => "active",
        Some(ServiceStage::EndingSoon) => "ending_soon",
        Some(ServiceStage::Ended) => "ended",
    }
}

/// One bar or marker of the timeline, positioned in per-mille of the timeline's width.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bar {
    pub row: u8,
    pub x: i64,
    pub width: i64,
    pub class: &'static str,
    pub label_key: &'static str,
    pub from: Date,
    pub to: Date,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Marker {
    pub x: i64,
    pub class: &'static str,
    pub label_key: &'static str,
    pub on: Date,
}

#[derive(Debug, Clone)]
pub struct Timeline {
    pub start: Date,
    pub end: Date,
    pub bars: Vec<Bar>,
    pub markers: Vec<Marker>,
}

/// The timeline from hiring to the latest end: the 6 months the sending office covers, the
/// window in which this service can run, each certificate period and contract, today and the
/// date handover must start.
pub fn timeline(window: &ServiceWindow, f: &Facts, today: Date) -> Timeline {
    let start = window.base_date.min(today);
    let end = (window.latest_end + Duration::days(30)).max(today + Duration::days(30));
    let span = (end - start).whole_days().max(1);
    let pos = |d: Date| ((d.clamp(start, end) - start).whole_days() * 1000 / span).clamp(0, 1000);
    let bar = |row, from: Date, to: Date, class, label_key| Bar {
        row,
        x: pos(from),
        width: (pos(to) - pos(from)).max(4),
        class,
        label_key,
        from,
        to,
    };
    let mut bars = vec![
        bar(
            0,
            window.base_date,
            window.earliest_start - Duration::days(1),
            "tl-sending",
            "timeline.sending_office",
        ),
        bar(
            0,
            window.earliest_start,
            window.latest_end,
            "tl-window",
            "timeline.window",
        ),
    ];
    let mut periods = f.periods.clone();
    periods.sort();
    for (s, e) in periods {
        bars.push(bar(1, s, e, "tl-certificate", "timeline.certificate"));
    }
    let mut contracts = f.contracts.clone();
    contracts.sort();
    for (s, e) in contracts {
        bars.push(bar(2, s, e, "tl-contract", "timeline.contract"));
    }
    let markers = vec![
        Marker {
            x: pos(window.base_date),
            class: "tl-hire",
            label_key: "timeline.hire",
            on: window.base_date,
        },
        Marker {
            x: pos(handover_due(window)),
            class: "tl-handover",
            label_key: "timeline.handover",
            on: handover_due(window),
        },
        Marker {
            x: pos(window.latest_end),
            class: "tl-end",
            label_key: "timeline.latest_end",
            on: window.latest_end,
        },
        Marker {
            x: pos(today),
            class: "tl-today",
            label_key: "timeline.today",
            on: today,
        },
    ];
    Timeline {
        start,
        end,
        bars,
        markers,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    fn facts(hire: Date) -> Facts {
        Facts {
            prior_service: PriorService::parse("employment_transition").expect("code"),
            basis: Some((hire, None, true)),
            periods: vec![],
            contracts: vec![],
        }
    }

    /// Hire 2025-04-01: window 2025-10-01 … 2028-09-30 (domain.md §4: +6 months, +42 months − 1 day).
    #[test]
    fn warnings_through_the_years() {
        let hire = date!(2025 - 04 - 01);
        let mut f = facts(hire);
        f.periods = vec![(date!(2025 - 10 - 01), date!(2026 - 09 - 30))];
        f.contracts = vec![(date!(2025 - 10 - 01), date!(2028 - 09 - 30))];
        let cases: [(Date, &[&str]); 6] = [
            (date!(2025 - 06 - 01), &["warn.not_yet_eligible"]),
            (date!(2025 - 10 - 01), &[]),
            (date!(2026 - 07 - 01), &[]),
            (date!(2026 - 07 - 02), &["warn.certificate_ending"]),
            (date!(2026 - 10 - 01), &["warn.no_certificate"]),
            (date!(2028 - 10 - 01), &["warn.service_ended"]),
        ];
        for (today, expected) in cases {
            let keys: Vec<_> = standing(&f, today)
                .warnings
                .iter()
                .map(Warning::key)
                .collect();
            assert_eq!(keys, expected, "on {today}");
        }
        // A renewal silences the ending certificate.
        f.periods
            .push((date!(2026 - 10 - 01), date!(2027 - 09 - 30)));
        assert!(standing(&f, date!(2026 - 08 - 01)).warnings.is_empty());
    }

    #[test]
    fn the_last_six_months_ask_for_handover() {
        let mut f = facts(date!(2025 - 04 - 01));
        f.periods = vec![(date!(2027 - 10 - 01), date!(2028 - 09 - 30))];
        f.contracts = vec![(date!(2025 - 10 - 01), date!(2028 - 09 - 30))];
        let s = standing(&f, date!(2028 - 06 - 01));
        assert_eq!(
            s.warnings,
            vec![Warning::ServiceEndingSoon {
                end: date!(2028 - 09 - 30),
                handover_by: date!(2028 - 06 - 30)
            }]
        );
        assert_eq!(stage_code(s.stage), "ending_soon");
    }

    /// Contracts saved before month-end hires were counted under 民法第143条 (shared/domain.md
    /// §9 item 12) keep their dates and are shown for staff to confirm. Hired 2025-08-31: the
    /// old count gave 2026-02-28 … 2029-02-27, the rule gives 2026-03-01 … 2029-02-28.
    #[test]
    fn stored_contracts_that_differ_from_the_rule_are_warnings() {
        let mut f = facts(date!(2025 - 08 - 31));
        f.periods = vec![(date!(2026 - 03 - 01), date!(2027 - 02 - 28))];
        f.contracts = vec![
            (date!(2026 - 05 - 01), date!(2029 - 02 - 28)),
            (date!(2026 - 04 - 01), date!(2029 - 02 - 27)),
            (date!(2026 - 02 - 28), date!(2029 - 02 - 27)),
        ];
        let s = standing(&f, date!(2026 - 06 - 01));
        assert_eq!(
            s.warnings,
            vec![
                Warning::ContractOutsideWindow {
                    start: date!(2026 - 02 - 28)
                },
                Warning::ContractEndDiffers {
                    end: date!(2029 - 02 - 27),
                    computed: date!(2029 - 02 - 28)
                },
            ]
        );
        let w = &s.warnings[1];
        assert_eq!(w.key(), "warn.contract_end_differs");
        assert_eq!(w.date(), Some(date!(2029 - 02 - 27)));
        assert_eq!(w.second_date(), Some(date!(2029 - 02 - 28)));
        assert_eq!(w.second_key(), "warn.contract_end_computed");
        // A contract saved under the rule is no warning, in any stage.
        f.contracts = vec![(date!(2026 - 03 - 01), date!(2029 - 02 - 28))];
        for today in [
            date!(2026 - 01 - 01),
            date!(2026 - 06 - 01),
            date!(2029 - 03 - 01),
        ] {
            let s = standing(&f, today);
            assert!(
                !s.warnings.iter().any(|w| matches!(
                    w,
                    Warning::ContractEndDiffers { .. } | Warning::ContractOutsideWindow { .. }
                )),
                "{today}: {:?}",
                s.warnings
            );
        }
    }

    #[test]
    fn missing_facts_are_warnings() {
        let f = Facts {
            prior_service: PriorService::parse("none").expect("code"),
            basis: None,
            periods: vec![],
            contracts: vec![],
        };
        let keys: Vec<_> = standing(&f, date!(2026 - 01 - 01))
            .warnings
            .iter()
            .map(Warning::key)
            .collect();
        assert_eq!(keys, ["warn.no_prior_service", "warn.no_employment"]);
        let mut g = facts(date!(2025 - 04 - 01));
        g.basis = Some((date!(2025 - 04 - 01), None, false));
        let keys: Vec<_> = standing(&g, date!(2026 - 01 - 01))
            .warnings
            .iter()
            .map(Warning::key)
            .collect();
        assert_eq!(
            keys,
            [
                "warn.not_ordinary",
                "warn.no_certificate",
                "warn.no_contract"
            ]
        );
    }

    #[test]
    fn timeline_positions_are_in_order() {
        let f = facts(date!(2025 - 04 - 01));
        let window = service_window(date!(2025 - 04 - 01), None);
        let t = timeline(&window, &f, date!(2026 - 04 - 01));
        let sending = &t.bars[0];
        let service = &t.bars[1];
        assert_eq!(sending.x, 0);
        assert!(sending.x + sending.width <= service.x + 1 && service.x + service.width <= 1000);
        let today = t
            .markers
            .iter()
            .find(|m| m.class == "tl-today")
            .expect("today");
        assert!(today.x > service.x && today.x < service.x + service.width);
    }
}
