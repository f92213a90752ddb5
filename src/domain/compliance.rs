//! The month at a glance: for each client served in a month, whether the monthly conditions
//! of the base reward are met and what else needs doing, most urgent first.
//!
//! The conditions of the base reward and the 支援体制構築未実施減算 are the claim's own:
//! [`super::client_month::decide`] decides them for both (domain.md §3, §4, §2.2, §7.4
//! rule 1), so that a green month is a claimable month. The other checks are duties that do
//! not stop the claim but must not be missed: the plan review (cycle per office, domain.md §3
//! UNCONFIRMED), a certificate ending within 90 days, the hand-over due within the last 6
//! months, and overdue follow-up tasks.

use time::{Date, Duration};

use super::client_month::{self, Handover, Unmet};

/// The month's report, as far as it got.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum ReportState {
    None,
    Draft,
    Final,
    /// Final and shared with the client.
    Shared,
}

/// The plan, as far as the review cycle goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlanState {
    /// No plan at all (or only a draft never agreed).
    Missing,
    /// Agreed, next review on this date.
    Agreed { review_on: Date },
}

/// The duties of the month that are not conditions of the claim.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Duties {
    pub plan: PlanState,
    pub overdue_tasks: usize,
}

/// How urgent an item is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Level {
    /// Stops the claim, or a 減算.
    Urgent,
    Warning,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Item {
    /// A condition of the base reward that is not met (the claim's blocker).
    Unmet(Unmet),
    PlanMissing,
    PlanReviewDue {
        on: Date,
    },
    CertificateEnding {
        end: Date,
    },
    /// Within 6 months of the end and no hand-over yet: start it by `by`.
    HandoverDue {
        by: Date,
    },
    /// The 支援体制構築未実施減算 applies this month: no hand-over by the line, or one started
    /// after it (`started_on`).
    HandoverMissed {
        by: Date,
        started_on: Option<Date>,
    },
    OverdueTasks {
        count: usize,
    },
}

impl Item {
    pub fn key(&self) -> &'static str {
        match self {
            Item::Unmet(u) => u.month_key(),
            Item::PlanMissing => "month.item.plan_missing",
            Item::PlanReviewDue { .. } => "month.item.plan_review",
            Item::CertificateEnding { .. } => "month.item.certificate_ending",
            Item::HandoverDue { .. } => "month.item.handover_due",
            Item::HandoverMissed {
                started_on: None, ..
            } => "month.item.handover_overdue",
            Item::HandoverMissed {
                started_on: Some(_),
                ..
            } => "month.item.handover_late",
            Item::OverdueTasks { .. } => "month.item.overdue_tasks",
        }
    }
    /// Conditions of the base reward for the month.
    pub fn blocks_claim(&self) -> bool {
        matches!(self, Item::Unmet(_))
    }
    pub fn level(&self) -> Level {
        match self {
            Item::Unmet(_) | Item::HandoverMissed { .. } => Level::Urgent,
            _ => Level::Warning,
        }
    }
    /// The date the item names, if any.
    pub fn date(&self) -> Option<Date> {
        match self {
            Item::PlanReviewDue { on } => Some(*on),
            Item::CertificateEnding { end } => Some(*end),
            Item::HandoverDue { by } | Item::HandoverMissed { by, .. } => Some(*by),
            _ => None,
        }
    }
    pub fn count(&self) -> Option<usize> {
        match self {
            Item::OverdueTasks { count } => Some(*count),
            _ => None,
        }
    }
}

/// Is the client served in the month (the service window overlaps it)?
pub fn served_in(window: &super::rules::period::ServiceWindow, first: Date, last: Date) -> bool {
    window.earliest_start <= last && window.latest_end >= first
}

/// Everything to see for one client in the month `first..=last`, judged on `today`, most
/// urgent first; `None` when the client is not served in the month.
pub fn check(
    f: &client_month::Facts,
    duties: &Duties,
    first: Date,
    last: Date,
    today: Date,
) -> Option<Vec<Item>> {
    let d = client_month::decide(f, first, last, today);
    let window = d.window.filter(|_| d.served)?;
    let mut items: Vec<Item> = d.unmet.iter().map(|u| Item::Unmet(*u)).collect();
    match d.handover {
        Handover::Fine => {}
        Handover::Due { by } => items.push(Item::HandoverDue { by }),
        Handover::Missed { by, started_on } => items.push(Item::HandoverMissed { by, started_on }),
    }
    match duties.plan {
        PlanState::Missing => items.push(Item::PlanMissing),
        PlanState::Agreed { review_on } if review_on <= last => {
            items.push(Item::PlanReviewDue { on: review_on })
        }
        PlanState::Agreed { .. } => {}
    }
    // The period covering today ends within 90 days, no later one is recorded, and the
    // service itself goes on after it (no renewal is needed at the very end).
    if let Some((_, end)) = f.periods.iter().find(|(s, e)| *s <= today && today <= *e)
        && *end - today <= Duration::days(super::standing::CERTIFICATE_WARNING_DAYS)
        && !f.periods.iter().any(|(s, _)| s > end)
        && *end < window.latest_end
    {
        items.push(Item::CertificateEnding { end: *end });
    }
    if duties.overdue_tasks > 0 {
        items.push(Item::OverdueTasks {
            count: duties.overdue_tasks,
        });
    }
    items.sort_by_key(|i| i.level());
    Some(items)
}

/// Orders rows: most urgent items first, then most items.
pub fn urgency(items: &[Item]) -> (usize, usize) {
    let urgent = items.iter().filter(|i| i.level() == Level::Urgent).count();
    (usize::MAX - urgent, usize::MAX - items.len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::client_month::{Cap, Contact, Facts};
    use crate::domain::contact::Mode;
    use crate::domain::rules::eligibility::PriorService;
    use crate::domain::rules::period::service_window;
    use time::macros::date;

    /// Hired 2025-04-01: the window runs 2025-10-01 … 2028-09-30 (domain.md §4).
    fn good() -> Facts {
        Facts {
            prior_service: PriorService::EmploymentTransition,
            basis: Some((date!(2025 - 04 - 01), None, true)),
            periods: vec![(date!(2026 - 04 - 01), date!(2027 - 03 - 31))],
            contracts: vec![(date!(2025 - 10 - 01), date!(2028 - 09 - 30))],
            contacts: vec![Contact {
                day: date!(2026 - 11 - 10),
                mode: Mode::FaceToFace,
                client_present: true,
            }],
            report: ReportState::Shared,
            report_shared_on: Some(date!(2026 - 11 - 27)),
            handovers: vec![],
            meeting: None,
            meetings_earlier_in_year: 0,
            prior_office_integrated: true,
            first_contract_anywhere: None,
            cap: Cap::default(),
        }
    }

    fn duties() -> Duties {
        Duties {
            plan: PlanState::Agreed {
                review_on: date!(2027 - 01 - 15),
            },
            overdue_tasks: 0,
        }
    }

    const NOV: (Date, Date) = (date!(2026 - 11 - 01), date!(2026 - 11 - 30));
    const TODAY: Date = date!(2026 - 11 - 27);

    fn items(c: &Facts, d: &Duties, month: (Date, Date), today: Date) -> Vec<Item> {
        check(c, d, month.0, month.1, today).expect("served")
    }

    #[test]
    fn the_monthly_conditions() {
        let keys = |c: &Facts, d: &Duties| {
            items(c, d, NOV, TODAY)
                .iter()
                .map(Item::key)
                .collect::<Vec<_>>()
        };
        assert!(keys(&good(), &duties()).is_empty(), "all met: green");
        type Change = Box<dyn Fn(&mut Facts, &mut Duties)>;
        let cases: Vec<(Change, Vec<&str>)> = vec![
            (
                Box::new(|c, _| c.contacts.clear()),
                vec!["month.item.no_face_to_face"],
            ),
            (
                Box::new(|c, _| c.contacts[0].client_present = false),
                vec!["month.item.met_without_client"],
            ),
            (
                Box::new(|c, _| c.report = ReportState::Draft),
                vec!["month.item.report_not_final"],
            ),
            (
                Box::new(|c, _| c.report = ReportState::Final),
                vec!["month.item.report_not_shared"],
            ),
            (
                Box::new(|c, _| c.periods = vec![(date!(2025 - 10 - 01), date!(2026 - 10 - 31))]),
                vec!["month.item.no_certificate"],
            ),
            (
                Box::new(|c, _| c.periods = vec![(date!(2025 - 12 - 01), date!(2026 - 11 - 15))]),
                vec![],
            ),
            (
                Box::new(|c, _| c.periods = vec![(date!(2025 - 12 - 01), date!(2026 - 11 - 05))]),
                vec!["month.item.met_on_uncovered_day"],
            ),
            (
                Box::new(|c, _| c.contracts.clear()),
                vec!["month.item.no_contract"],
            ),
            (
                Box::new(|c, _| c.prior_service = PriorService::None),
                vec!["month.item.no_prior_service"],
            ),
            (
                Box::new(|c, _| c.basis = Some((date!(2025 - 04 - 01), None, false))),
                vec!["month.item.not_ordinary"],
            ),
            (
                Box::new(|_, d| d.plan = PlanState::Missing),
                vec!["month.item.plan_missing"],
            ),
            (
                Box::new(|_, d| {
                    d.plan = PlanState::Agreed {
                        review_on: date!(2026 - 11 - 30),
                    }
                }),
                vec!["month.item.plan_review"],
            ),
            (
                Box::new(|c, _| c.periods = vec![(date!(2026 - 01 - 01), date!(2027 - 01 - 20))]),
                vec!["month.item.certificate_ending"],
            ),
            (
                Box::new(|_, d| d.overdue_tasks = 2),
                vec!["month.item.overdue_tasks"],
            ),
        ];
        for (i, (change, expected)) in cases.into_iter().enumerate() {
            let (mut c, mut d) = (good(), duties());
            change(&mut c, &mut d);
            assert_eq!(keys(&c, &d), expected, "case {i}");
        }
    }

    /// domain.md §2.2 (ロ): the sharing starts ≥3 months before the end. The window ends
    /// 2028-09-30: ending soon from 2028-04-01; the line is 2028-06-30.
    #[test]
    fn the_handover_three_months_before_the_end() {
        let mut c = good();
        c.periods = vec![(date!(2027 - 10 - 01), date!(2028 - 09 - 30))];
        let mut d = duties();
        d.plan = PlanState::Agreed {
            review_on: date!(2028 - 12 - 31),
        };
        let at = |c: &mut Facts, day: Date| {
            c.contacts[0].day = day;
            c.report_shared_on = Some(day);
        };
        let may = (date!(2028 - 05 - 01), date!(2028 - 05 - 31));
        let july = (date!(2028 - 07 - 01), date!(2028 - 07 - 31));
        let by = date!(2028 - 06 - 30);
        at(&mut c, date!(2028 - 05 - 10));
        assert_eq!(
            items(&c, &d, may, date!(2028 - 05 - 10)),
            vec![Item::HandoverDue { by }]
        );
        at(&mut c, date!(2028 - 07 - 05));
        let july_items = items(&c, &d, july, date!(2028 - 07 - 05));
        assert_eq!(
            july_items,
            vec![Item::HandoverMissed {
                by,
                started_on: None
            }]
        );
        assert_eq!(july_items[0].level(), Level::Urgent);
        // Scenario 9: a hand-over started after the line does not clear the month.
        c.handovers = vec![date!(2028 - 07 - 02)];
        assert_eq!(
            items(&c, &d, july, date!(2028 - 07 - 05)),
            vec![Item::HandoverMissed {
                by,
                started_on: Some(date!(2028 - 07 - 02))
            }]
        );
        // Started on the line: clear.
        c.handovers = vec![by];
        assert!(items(&c, &d, july, date!(2028 - 07 - 05)).is_empty());
    }

    #[test]
    fn urgent_items_sort_first() {
        let mut c = good();
        c.contacts.clear();
        let mut d = duties();
        d.overdue_tasks = 1;
        let items = items(&c, &d, NOV, TODAY);
        assert_eq!(items[0], Item::Unmet(Unmet::NoFaceToFace));
        assert!(
            urgency(&items) < urgency(&[Item::OverdueTasks { count: 1 }]),
            "more urgent sorts first"
        );
    }

    #[test]
    fn served_months_and_bounds() {
        let w = service_window(date!(2025 - 04 - 01), None);
        assert!(!served_in(&w, date!(2025 - 09 - 01), date!(2025 - 09 - 30)));
        assert!(served_in(&w, date!(2025 - 10 - 01), date!(2025 - 10 - 31)));
        assert!(served_in(&w, date!(2028 - 09 - 01), date!(2028 - 09 - 30)));
        assert!(!served_in(&w, date!(2028 - 10 - 01), date!(2028 - 10 - 31)));
        let sept = (date!(2025 - 09 - 01), date!(2025 - 09 - 30));
        assert_eq!(check(&good(), &duties(), sept.0, sept.1, TODAY), None);
    }
}
