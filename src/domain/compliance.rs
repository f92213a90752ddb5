//! The month at a glance: for each client served in a month, whether the monthly conditions
//! of the base reward are met and what else needs doing, most urgent first.
//!
//! Conditions of the base reward for a month (domain.md §3, §7.4 rule 1): a valid 受給者証
//! during the month, at least one face-to-face contact (対面; a workplace visit meets the
//! client in person too), and the month's 支援レポート finalised and shared with the client.
//! Other checks are duties that do not stop the claim but must not be missed: the plan review
//! (cycle per office, domain.md §3 UNCONFIRMED), a certificate ending within 90 days, the
//! hand-over that must start 3 months before the end with consent (支援体制構築未実施減算,
//! domain.md §2.2), and overdue follow-up tasks.

use time::{Date, Duration};

use super::rules::period::{ServiceStage, ServiceWindow, handover_due, stage_on};

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

/// What is known about one client for the month.
#[derive(Debug, Clone)]
pub struct ClientMonth {
    pub window: ServiceWindow,
    /// 支給決定 periods (start, end).
    pub periods: Vec<(Date, Date)>,
    pub in_person_contact: bool,
    pub report: ReportState,
    pub plan: PlanState,
    /// A hand-over sharing with the employer or agencies was recorded (with consent).
    pub handover_started: bool,
    pub overdue_tasks: usize,
}

/// How urgent an item is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Level {
    /// Stops the claim, or a 減算 risk.
    Urgent,
    Warning,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Item {
    NoValidCertificate,
    NoFaceToFace,
    ReportNotFinal,
    ReportNotShared,
    PlanMissing,
    PlanReviewDue {
        on: Date,
    },
    CertificateEnding {
        end: Date,
    },
    /// Within 6 months of the end and no hand-over yet; `overdue` once the 3-month line passed.
    HandoverNotStarted {
        by: Date,
        overdue: bool,
    },
    OverdueTasks {
        count: usize,
    },
}

impl Item {
    pub fn key(&self) -> &'static str {
        match self {
            Item::NoValidCertificate => "month.item.no_certificate",
            Item::NoFaceToFace => "month.item.no_face_to_face",
            Item::ReportNotFinal => "month.item.report_not_final",
            Item::ReportNotShared => "month.item.report_not_shared",
            Item::PlanMissing => "month.item.plan_missing",
            Item::PlanReviewDue { .. } => "month.item.plan_review",
            Item::CertificateEnding { .. } => "month.item.certificate_ending",
            Item::HandoverNotStarted { overdue: true, .. } => "month.item.handover_overdue",
            Item::HandoverNotStarted { overdue: false, .. } => "month.item.handover_due",
            Item::OverdueTasks { .. } => "month.item.overdue_tasks",
        }
    }
    /// Conditions of the base reward for the month.
    pub fn blocks_claim(&self) -> bool {
        matches!(
            self,
            Item::NoValidCertificate
                | Item::NoFaceToFace
                | Item::ReportNotFinal
                | Item::ReportNotShared
        )
    }
    pub fn level(&self) -> Level {
        match self {
            Item::HandoverNotStarted { overdue: true, .. } => Level::Urgent,
            i if i.blocks_claim() => Level::Urgent,
            _ => Level::Warning,
        }
    }
    /// The date the item names, if any.
    pub fn date(&self) -> Option<Date> {
        match self {
            Item::PlanReviewDue { on } => Some(*on),
            Item::CertificateEnding { end } => Some(*end),
            Item::HandoverNotStarted { by, .. } => Some(*by),
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
pub fn served_in(window: &ServiceWindow, first: Date, last: Date) -> bool {
    window.earliest_start <= last && window.latest_end >= first
}

/// Everything to see for one client in the month `first..=last`, judged on `today`, most
/// urgent first.
pub fn check(c: &ClientMonth, first: Date, last: Date, today: Date) -> Vec<Item> {
    let mut items = Vec::new();
    // A certificate valid on some day of the month that the service runs.
    let service_first = first.max(c.window.earliest_start);
    let service_last = last.min(c.window.latest_end);
    if !c
        .periods
        .iter()
        .any(|(s, e)| *s <= service_last && *e >= service_first)
    {
        items.push(Item::NoValidCertificate);
    }
    if !c.in_person_contact {
        items.push(Item::NoFaceToFace);
    }
    match c.report {
        ReportState::None | ReportState::Draft => items.push(Item::ReportNotFinal),
        ReportState::Final => items.push(Item::ReportNotShared),
        ReportState::Shared => {}
    }
    let handover_by = handover_due(&c.window);
    if stage_on(&c.window, today.min(last).max(first)) == ServiceStage::EndingSoon
        && !c.handover_started
    {
        items.push(Item::HandoverNotStarted {
            by: handover_by,
            overdue: today >= handover_by,
        });
    }
    match c.plan {
        PlanState::Missing => items.push(Item::PlanMissing),
        PlanState::Agreed { review_on } if review_on <= last => {
            items.push(Item::PlanReviewDue { on: review_on })
        }
        PlanState::Agreed { .. } => {}
    }
    // The period covering today ends within 90 days, no later one is recorded, and the
    // service itself goes on after it (no renewal is needed at the very end).
    if let Some((_, end)) = c.periods.iter().find(|(s, e)| *s <= today && today <= *e)
        && *end - today <= Duration::days(super::standing::CERTIFICATE_WARNING_DAYS)
        && !c.periods.iter().any(|(s, _)| s > end)
        && *end < c.window.latest_end
    {
        items.push(Item::CertificateEnding { end: *end });
    }
    if c.overdue_tasks > 0 {
        items.push(Item::OverdueTasks {
            count: c.overdue_tasks,
        });
    }
    items.sort_by_key(|i| i.level());
    items
}

/// Orders rows: most urgent items first, then most items.
pub fn urgency(items: &[Item]) -> (usize, usize) {
    let urgent = items.iter().filter(|i| i.level() == Level::Urgent).count();
    (usize::MAX - urgent, usize::MAX - items.len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::rules::period::service_window;
    use time::macros::date;

    /// Hired 2025-04-01: the window runs 2025-10-01 … 2028-09-30 (domain.md §4).
    fn good() -> ClientMonth {
        ClientMonth {
            window: service_window(date!(2025 - 04 - 01), None),
            periods: vec![(date!(2026 - 04 - 01), date!(2027 - 03 - 31))],
            in_person_contact: true,
            report: ReportState::Shared,
            plan: PlanState::Agreed {
                review_on: date!(2027 - 01 - 15),
            },
            handover_started: false,
            overdue_tasks: 0,
        }
    }

    const NOV: (Date, Date) = (date!(2026 - 11 - 01), date!(2026 - 11 - 30));
    const TODAY: Date = date!(2026 - 11 - 27);

    #[test]
    fn the_monthly_conditions() {
        let keys = |c: &ClientMonth| {
            check(c, NOV.0, NOV.1, TODAY)
                .iter()
                .map(Item::key)
                .collect::<Vec<_>>()
        };
        assert!(keys(&good()).is_empty(), "all met: green");
        type Change = Box<dyn Fn(&mut ClientMonth)>;
        let cases: Vec<(Change, Vec<&str>)> = vec![
            (
                Box::new(|c| c.in_person_contact = false),
                vec!["month.item.no_face_to_face"],
            ),
            (
                Box::new(|c| c.report = ReportState::Draft),
                vec!["month.item.report_not_final"],
            ),
            (
                Box::new(|c| c.report = ReportState::Final),
                vec!["month.item.report_not_shared"],
            ),
            (
                Box::new(|c| c.periods = vec![(date!(2025 - 10 - 01), date!(2026 - 10 - 31))]),
                vec!["month.item.no_certificate"],
            ),
            (
                Box::new(|c| c.periods = vec![(date!(2025 - 12 - 01), date!(2026 - 11 - 15))]),
                vec![],
            ),
            (
                Box::new(|c| c.plan = PlanState::Missing),
                vec!["month.item.plan_missing"],
            ),
            (
                Box::new(|c| {
                    c.plan = PlanState::Agreed {
                        review_on: date!(2026 - 11 - 30),
                    }
                }),
                vec!["month.item.plan_review"],
            ),
            (
                Box::new(|c| c.periods = vec![(date!(2026 - 01 - 01), date!(2027 - 01 - 20))]),
                vec!["month.item.certificate_ending"],
            ),
            (
                Box::new(|c| c.overdue_tasks = 2),
                vec!["month.item.overdue_tasks"],
            ),
        ];
        for (i, (change, expected)) in cases.into_iter().enumerate() {
            let mut c = good();
            change(&mut c);
            assert_eq!(keys(&c), expected, "case {i}");
        }
    }

    #[test]
    fn the_handover_three_months_before_the_end() {
        // Window ends 2028-09-30: ending soon from 2028-04-01; hand-over due by 2028-06-30.
        let mut c = good();
        c.periods = vec![(date!(2027 - 10 - 01), date!(2028 - 09 - 30))];
        c.plan = PlanState::Agreed {
            review_on: date!(2028 - 12 - 31),
        };
        let may = (date!(2028 - 05 - 01), date!(2028 - 05 - 31));
        let july = (date!(2028 - 07 - 01), date!(2028 - 07 - 31));
        assert_eq!(
            check(&c, may.0, may.1, date!(2028 - 05 - 10)),
            vec![Item::HandoverNotStarted {
                by: date!(2028 - 06 - 30),
                overdue: false
            }]
        );
        let items = check(&c, july.0, july.1, date!(2028 - 07 - 05));
        assert_eq!(
            items,
            vec![Item::HandoverNotStarted {
                by: date!(2028 - 06 - 30),
                overdue: true
            }]
        );
        assert_eq!(items[0].level(), Level::Urgent);
        c.handover_started = true;
        assert!(check(&c, july.0, july.1, date!(2028 - 07 - 05)).is_empty());
    }

    #[test]
    fn urgent_items_sort_first() {
        let mut c = good();
        c.overdue_tasks = 1;
        c.in_person_contact = false;
        let items = check(&c, NOV.0, NOV.1, TODAY);
        assert_eq!(items[0], Item::NoFaceToFace);
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
    }
}
