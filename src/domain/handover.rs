//! The hand-over package at the end of the service (issue 15, item 4): built from the
//! records a supporter kept over the years, it says what troubled the person (by concern
//! category: how often, first and last month, resolved or not and how), what worked (the
//! accommodations agreed with the employer, the resolutions, the agreed actions carried
//! out), who to contact (the employer's supervisor, the institutions involved, the family
//! where they took part) and what is still open.
//!
//! When it becomes available: from 3 months before the end of the service, the line by
//! which information sharing with the employer and the agencies taking over must have
//! started (shared/domain.md §2.2 支援体制構築未実施減算 (ロ), §3 "End-of-period handover",
//! §4 "After 3 years"). "3 months before" is `rules::period::months_before`, the inverse of
//! `months_from` (民法第143条, §9 item 12). Pure: `today` is passed in.

use std::collections::BTreeMap;

use time::Date;

use super::contact::CONCERN_CATEGORIES;
use super::fields::{self, FieldErrors};
use super::month::YearMonth;
use super::rules::period::{ServiceWindow, months_before};

/// Months before the end from which the package is available (domain.md §2.2 (ロ)).
pub const MONTHS_BEFORE_END: u32 = 3;
/// The longest 引き継ぎメモ, in characters.
pub const MEMO_MAX: usize = 4000;

/// The last day of the service: the last contract's end, never past the window's end
/// (domain.md §4, 3 years as a hard limit); without a contract, the window's end. `None`
/// without an employment to count the window from.
pub fn service_end(window: Option<&ServiceWindow>, contracts: &[(Date, Date)]) -> Option<Date> {
    let last_contract = contracts.iter().map(|(_, end)| *end).max();
    match (window.map(|w| w.latest_end), last_contract) {
        (Some(w), Some(c)) => Some(c.min(w)),
        (w, c) => w.or(c),
    }
}

/// Whether the package can be shared on a given day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Availability {
    /// No end of service is known (no employment recorded).
    Unknown,
    /// Before 3 months before the end: available from `from`.
    NotYet { from: Date, end: Date },
    /// Available since `from` (the service may have ended).
    Open { from: Date, end: Date },
}

impl Availability {
    pub fn is_open(self) -> bool {
        matches!(self, Availability::Open { .. })
    }
    /// The first day it is available.
    pub fn from(self) -> Option<Date> {
        match self {
            Availability::Unknown => None,
            Availability::NotYet { from, .. } | Availability::Open { from, .. } => Some(from),
        }
    }
    pub fn end(self) -> Option<Date> {
        match self {
            Availability::Unknown => None,
            Availability::NotYet { end, .. } | Availability::Open { end, .. } => Some(end),
        }
    }
}

/// From 3 months before `end` (domain.md §2.2 (ロ): the sharing starts at least 3 months
/// before the support period ends).
pub fn availability(end: Option<Date>, today: Date) -> Availability {
    let Some(end) = end else {
        return Availability::Unknown;
    };
    let from = months_before(end, MONTHS_BEFORE_END);
    if today < from {
        Availability::NotYet { from, end }
    } else {
        Availability::Open { from, end }
    }
}

// ---- the records the package is built from ----

/// A concern raised in a contact.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConcernFact {
    pub category: String,
    pub severity: i64,
    /// The day (Japan time) of the contact that raised it.
    pub raised_on: Date,
    pub resolved_on: Option<Date>,
    pub resolution: String,
}

/// A contact (支援記録), as far as the package uses it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContactFact {
    pub on: Date,
    /// Participant codes (`domain::contact::PARTICIPANTS`).
    pub participants: Vec<String>,
    pub participants_note: String,
    /// The institution involved, by its id.
    pub institution_id: Option<i64>,
    /// 合理的配慮 agreed with the employer.
    pub accommodations: String,
}

/// An agreed action (task).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TaskFact {
    pub description: String,
    pub due_on: Date,
    pub done_on: Option<Date>,
    pub owner: Option<String>,
}

/// An employment (the employer, the supervisor).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EmploymentFact {
    pub employer_name: String,
    pub workplace_address: String,
    pub supervisor_name: String,
    pub supervisor_contact: String,
    pub job_title: String,
    pub hire_date: Date,
    pub end_date: Option<Date>,
}

/// An institution of the office's directory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InstitutionFact {
    pub id: i64,
    pub name: String,
    pub kind: String,
    pub contact_person: String,
    pub phone: String,
    pub email: String,
}

/// Everything the package is built from.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Records {
    pub concerns: Vec<ConcernFact>,
    pub contacts: Vec<ContactFact>,
    pub tasks: Vec<TaskFact>,
    pub employments: Vec<EmploymentFact>,
    pub institutions: Vec<InstitutionFact>,
}

// ---- the package ----

/// One way a trouble was resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resolution {
    pub on: Date,
    pub text: String,
}

/// The troubles of one concern category over the years.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Trouble {
    pub category: String,
    pub count: usize,
    pub first: YearMonth,
    pub last: YearMonth,
    pub resolved: usize,
    /// The highest severity raised (1 low – 3 high).
    pub max_severity: i64,
    /// How it was resolved, oldest first, each text once.
    pub resolutions: Vec<Resolution>,
}

impl Trouble {
    pub fn open(&self) -> usize {
        self.count - self.resolved
    }
    pub fn label_key(&self) -> String {
        format!("concern.cat.{}", self.category)
    }
}

/// Something dated: an accommodation first agreed on a day, an action done on a day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dated {
    pub on: Date,
    pub text: String,
}

/// An institution that took part, with how often and when last.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InstitutionContact {
    pub institution: InstitutionFact,
    pub times: usize,
    pub last_on: Date,
}

/// The family, where they took part in contacts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Family {
    pub times: usize,
    pub last_on: Date,
    /// The participants' notes of those contacts (who came), each once.
    pub notes: Vec<String>,
}

/// An open agreed action.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenTask {
    pub description: String,
    pub due_on: Date,
    pub owner: Option<String>,
    pub overdue: bool,
}

/// The package.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Package {
    pub availability: Availability,
    /// By category, the most frequent first.
    pub troubles: Vec<Trouble>,
    /// 合理的配慮 agreed with the employer, each text once, oldest first.
    pub accommodations: Vec<Dated>,
    /// Agreed actions carried out, oldest first.
    pub done: Vec<Dated>,
    /// Employments, the current (not ended) first, then the latest.
    pub employers: Vec<EmploymentFact>,
    pub institutions: Vec<InstitutionContact>,
    pub family: Option<Family>,
    /// Open agreed actions, earliest due first.
    pub open_tasks: Vec<OpenTask>,
}

impl Package {
    pub fn is_empty(&self) -> bool {
        self.troubles.is_empty()
            && self.accommodations.is_empty()
            && self.done.is_empty()
            && self.open_tasks.is_empty()
    }
}

/// Builds the package from the records, as seen on `today`.
pub fn build(records: &Records, end: Option<Date>, today: Date) -> Package {
    Package {
        availability: availability(end, today),
        troubles: troubles(&records.concerns),
        accommodations: accommodations(&records.contacts),
        done: done(&records.tasks),
        employers: employers(&records.employments),
        institutions: institutions(&records.contacts, &records.institutions),
        family: family(&records.contacts),
        open_tasks: open_tasks(&records.tasks, today),
    }
}

fn category_rank(category: &str) -> usize {
    CONCERN_CATEGORIES
        .iter()
        .position(|c| *c == category)
        .unwrap_or(CONCERN_CATEGORIES.len())
}

fn troubles(concerns: &[ConcernFact]) -> Vec<Trouble> {
    let mut by: BTreeMap<&str, Vec<&ConcernFact>> = BTreeMap::new();
    for k in concerns {
        by.entry(k.category.as_str()).or_default().push(k);
    }
    let mut out: Vec<Trouble> = by
        .into_iter()
        .filter_map(|(category, mut ks)| {
            ks.sort_by_key(|k| (k.raised_on, k.resolved_on));
            let first = YearMonth::of(ks.first()?.raised_on);
            let last = YearMonth::of(ks.last()?.raised_on);
            let mut resolved: Vec<(Date, &str)> = ks
                .iter()
                .filter_map(|k| k.resolved_on.map(|d| (d, k.resolution.trim())))
                .collect();
            let resolved_count = resolved.len();
            resolved.sort();
            let mut resolutions: Vec<Resolution> = Vec::new();
            for (on, text) in resolved {
                if !text.is_empty() && !resolutions.iter().any(|r| r.text == text) {
                    resolutions.push(Resolution {
                        on,
                        text: text.to_string(),
                    });
                }
            }
            Some(Trouble {
                category: category.to_string(),
                count: ks.len(),
                first,
                last,
                resolved: resolved_count,
                max_severity: ks.iter().map(|k| k.severity).max().unwrap_or(1),
                resolutions,
            })
        })
        .collect();
    out.sort_by(|a, b| {
        b.count
            .cmp(&a.count)
            .then_with(|| category_rank(&a.category).cmp(&category_rank(&b.category)))
    });
    out
}

fn accommodations(contacts: &[ContactFact]) -> Vec<Dated> {
    let mut sorted: Vec<&ContactFact> = contacts.iter().collect();
    sorted.sort_by_key(|c| c.on);
    let mut out: Vec<Dated> = Vec::new();
    for c in sorted {
        let text = c.accommodations.trim();
        if !text.is_empty() && !out.iter().any(|d| d.text == text) {
            out.push(Dated {
                on: c.on,
                text: text.to_string(),
            });
        }
    }
    out
}

fn done(tasks: &[TaskFact]) -> Vec<Dated> {
    let mut out: Vec<Dated> = tasks
        .iter()
        .filter_map(|t| {
            t.done_on.map(|on| Dated {
                on,
                text: t.description.clone(),
            })
        })
        .collect();
    out.sort_by(|a, b| a.on.cmp(&b.on).then_with(|| a.text.cmp(&b.text)));
    out
}

fn employers(employments: &[EmploymentFact]) -> Vec<EmploymentFact> {
    let mut out = employments.to_vec();
    // Current ones first, then by hire date, the latest first.
    out.sort_by(|a, b| {
        a.end_date
            .is_some()
            .cmp(&b.end_date.is_some())
            .then_with(|| b.hire_date.cmp(&a.hire_date))
    });
    out
}

fn institutions(
    contacts: &[ContactFact],
    directory: &[InstitutionFact],
) -> Vec<InstitutionContact> {
    let mut out: Vec<InstitutionContact> = Vec::new();
    for c in contacts {
        let Some(id) = c.institution_id else { continue };
        if let Some(seen) = out.iter_mut().find(|i| i.institution.id == id) {
            seen.times += 1;
            seen.last_on = seen.last_on.max(c.on);
        } else if let Some(inst) = directory.iter().find(|i| i.id == id) {
            out.push(InstitutionContact {
                institution: inst.clone(),
                times: 1,
                last_on: c.on,
            });
        }
    }
    out.sort_by(|a, b| {
        b.last_on
            .cmp(&a.last_on)
            .then_with(|| b.times.cmp(&a.times))
    });
    out
}

fn family(contacts: &[ContactFact]) -> Option<Family> {
    let with: Vec<&ContactFact> = contacts
        .iter()
        .filter(|c| c.participants.iter().any(|p| p == "family"))
        .collect();
    let last_on = with.iter().map(|c| c.on).max()?;
    let mut notes: Vec<String> = Vec::new();
    for c in &with {
        let n = c.participants_note.trim();
        if !n.is_empty() && !notes.iter().any(|x| x == n) {
            notes.push(n.to_string());
        }
    }
    Some(Family {
        times: with.len(),
        last_on,
        notes,
    })
}

fn open_tasks(tasks: &[TaskFact], today: Date) -> Vec<OpenTask> {
    let mut out: Vec<OpenTask> = tasks
        .iter()
        .filter(|t| t.done_on.is_none())
        .map(|t| OpenTask {
            description: t.description.clone(),
            due_on: t.due_on,
            owner: t.owner.clone(),
            overdue: t.due_on < today,
        })
        .collect();
    out.sort_by_key(|t| t.due_on);
    out
}

// ---- the staff's form: the memo and the recipient ----

/// The form as typed.
#[derive(Debug, Default, Clone, serde::Deserialize)]
#[serde(default)]
pub struct HandoverForm {
    pub handover_memo: String,
    /// The employer contact's id, or empty for nobody yet.
    pub handover_recipient: String,
}

/// A valid form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HandoverInput {
    pub memo: String,
    pub recipient: Option<i64>,
}

impl HandoverForm {
    /// `linked` are the employer contacts linked to the client now, the only recipients.
    pub fn parse(&self, linked: &[i64]) -> Result<HandoverInput, FieldErrors> {
        let mut e = FieldErrors::new();
        let memo =
            fields::optional_multiline(&mut e, "handover_memo", &self.handover_memo, MEMO_MAX);
        let recipient = match self.handover_recipient.trim() {
            "" => None,
            raw => match raw.parse::<i64>() {
                Ok(id) if linked.contains(&id) => Some(id),
                _ => {
                    e.add("handover_recipient", "err.choose");
                    None
                }
            },
        };
        e.into_result(HandoverInput { memo, recipient })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::rules::period::service_window;
    use time::macros::date;

    /// When the package becomes available: from 3 months before the end of the service
    /// (domain.md §2.2 支援体制構築未実施減算 (ロ), §3), the end being the window's last day
    /// (42 months from the hire, §4, counted under 民法第143条, §9 item 12) or an earlier
    /// last contract end.
    #[test]
    fn available_from_three_months_before_the_end() {
        // (hire, last contract end, today, expected: None = unknown, (from, open))
        type Row = (Option<Date>, Option<Date>, Date, Option<(Date, bool)>);
        #[rustfmt::skip]
        let table: [Row; 10] = [
            // Hired 2025-08-31: the window ends 2029-02-28 (§9 item 12), open from 2028-11-28.
            (Some(date!(2025-08-31)), None, date!(2028-11-27), Some((date!(2028-11-28), false))),
            (Some(date!(2025-08-31)), None, date!(2028-11-28), Some((date!(2028-11-28), true))),
            // Hired 2025-04-01: ends 2028-09-30, open from 2028-06-30.
            (Some(date!(2025-04-01)), None, date!(2028-06-29), Some((date!(2028-06-30), false))),
            (Some(date!(2025-04-01)), None, date!(2028-06-30), Some((date!(2028-06-30), true))),
            // After the end the package stays available.
            (Some(date!(2025-04-01)), None, date!(2029-01-15), Some((date!(2028-06-30), true))),
            // A contract ending at the window's end changes nothing.
            (Some(date!(2025-04-01)), Some(date!(2028-09-30)), date!(2028-06-29), Some((date!(2028-06-30), false))),
            // A contract ending earlier (the service ends early): from 3 months before it;
            // a month-end without the same day 3 months before: the last day of that month.
            (Some(date!(2025-04-01)), Some(date!(2027-05-31)), date!(2027-02-27), Some((date!(2027-02-28), false))),
            (Some(date!(2025-04-01)), Some(date!(2027-05-31)), date!(2027-02-28), Some((date!(2027-02-28), true))),
            // A stored contract past the window's end is held to the window (§4).
            (Some(date!(2025-04-01)), Some(date!(2028-12-31)), date!(2028-06-30), Some((date!(2028-06-30), true))),
            // No employment: no window, no end.
            (None, None, date!(2028-06-30), None),
        ];
        for (hire, contract, today, expected) in table {
            let window = hire.map(|h| service_window(h, None));
            let contracts: Vec<(Date, Date)> = contract
                .map(|end| (date!(2025 - 10 - 01), end))
                .into_iter()
                .collect();
            let a = availability(service_end(window.as_ref(), &contracts), today);
            let got = a.from().map(|from| (from, a.is_open()));
            assert_eq!(
                got, expected,
                "hire {hire:?}, contract {contract:?}, on {today}"
            );
            if let Some(from) = a.from() {
                // 3 months counted from `from` (民法第143条) have passed by the end.
                let end = a.end().expect("an end");
                assert!(
                    crate::domain::rules::period::months_from(from, 3).day_after() <= end,
                    "{from} → {end}"
                );
            }
        }
    }

    fn concern(cat: &str, sev: i64, on: Date, resolved: Option<(Date, &str)>) -> ConcernFact {
        ConcernFact {
            category: cat.into(),
            severity: sev,
            raised_on: on,
            resolved_on: resolved.map(|r| r.0),
            resolution: resolved.map(|r| r.1.to_string()).unwrap_or_default(),
        }
    }

    fn contact(on: Date, who: &[&str], note: &str, inst: Option<i64>, acc: &str) -> ContactFact {
        ContactFact {
            on,
            participants: who.iter().map(|s| s.to_string()).collect(),
            participants_note: note.into(),
            institution_id: inst,
            accommodations: acc.into(),
        }
    }

    #[test]
    fn the_package_from_the_records() {
        let records = Records {
            concerns: vec![
                concern(
                    "sleep_rhythm",
                    2,
                    date!(2026 - 05 - 10),
                    Some((date!(2026 - 06 - 01), "就寝時刻を記録")),
                ),
                concern(
                    "sleep_rhythm",
                    3,
                    date!(2027 - 01 - 20),
                    Some((date!(2027 - 02 - 01), "就寝時刻を記録")),
                ),
                concern("sleep_rhythm", 1, date!(2027 - 09 - 02), None),
                concern(
                    "relationships",
                    2,
                    date!(2026 - 07 - 15),
                    Some((date!(2026 - 08 - 01), "  ")),
                ),
                concern("work_mistakes", 1, date!(2026 - 04 - 03), None),
            ],
            contacts: vec![
                contact(
                    date!(2026 - 05 - 10),
                    &["client", "family"],
                    "母",
                    None,
                    "指示は紙で渡す",
                ),
                contact(
                    date!(2026 - 08 - 01),
                    &["client", "supervisor"],
                    "",
                    Some(7),
                    "指示は紙で渡す",
                ),
                contact(
                    date!(2027 - 01 - 20),
                    &["client", "family"],
                    "母、姉",
                    Some(7),
                    "午後に休憩10分",
                ),
                contact(date!(2027 - 03 - 01), &["client"], "", Some(99), ""),
            ],
            tasks: vec![
                TaskFact {
                    description: "主治医に相談".into(),
                    due_on: date!(2026 - 06 - 01),
                    done_on: Some(date!(2026 - 05 - 30)),
                    owner: None,
                },
                TaskFact {
                    description: "職場訪問".into(),
                    due_on: date!(2027 - 10 - 01),
                    done_on: None,
                    owner: Some("田中".into()),
                },
                TaskFact {
                    description: "面談".into(),
                    due_on: date!(2027 - 12 - 01),
                    done_on: None,
                    owner: None,
                },
            ],
            employments: vec![
                EmploymentFact {
                    employer_name: "旧社".into(),
                    workplace_address: String::new(),
                    supervisor_name: "A".into(),
                    supervisor_contact: String::new(),
                    job_title: String::new(),
                    hire_date: date!(2025 - 04 - 01),
                    end_date: Some(date!(2025 - 09 - 30)),
                },
                EmploymentFact {
                    employer_name: "物流".into(),
                    workplace_address: String::new(),
                    supervisor_name: "B".into(),
                    supervisor_contact: "03".into(),
                    job_title: String::new(),
                    hire_date: date!(2025 - 10 - 15),
                    end_date: None,
                },
            ],
            institutions: vec![InstitutionFact {
                id: 7,
                name: "ナカポツ".into(),
                kind: "nakapotsu".into(),
                contact_person: "佐藤".into(),
                phone: String::new(),
                email: String::new(),
            }],
        };
        let p = build(&records, Some(date!(2028 - 09 - 30)), date!(2027 - 11 - 01));
        assert_eq!(
            p.availability,
            Availability::NotYet {
                from: date!(2028 - 06 - 30),
                end: date!(2028 - 09 - 30)
            }
        );
        // Most frequent first; equal counts in the categories' order.
        let cats: Vec<&str> = p.troubles.iter().map(|t| t.category.as_str()).collect();
        assert_eq!(cats, ["sleep_rhythm", "work_mistakes", "relationships"]);
        let sleep = &p.troubles[0];
        assert_eq!(
            (
                sleep.count,
                sleep.resolved,
                sleep.open(),
                sleep.max_severity
            ),
            (3, 2, 1, 3)
        );
        assert_eq!(
            (sleep.first.to_string(), sleep.last.to_string()),
            ("2026-05".into(), "2027-09".into())
        );
        assert_eq!(
            sleep.resolutions,
            vec![Resolution {
                on: date!(2026 - 06 - 01),
                text: "就寝時刻を記録".into()
            }]
        );
        // Resolved without words: counted, no text.
        assert_eq!(
            (p.troubles[2].resolved, p.troubles[2].resolutions.len()),
            (1, 0)
        );
        assert_eq!(
            p.accommodations
                .iter()
                .map(|d| (d.on, d.text.as_str()))
                .collect::<Vec<_>>(),
            [
                (date!(2026 - 05 - 10), "指示は紙で渡す"),
                (date!(2027 - 01 - 20), "午後に休憩10分")
            ]
        );
        assert_eq!(
            p.done,
            vec![Dated {
                on: date!(2026 - 05 - 30),
                text: "主治医に相談".into()
            }]
        );
        assert_eq!(p.employers[0].employer_name, "物流");
        // An institution no longer in the directory is left out.
        assert_eq!(p.institutions.len(), 1);
        assert_eq!(
            (p.institutions[0].times, p.institutions[0].last_on),
            (2, date!(2027 - 01 - 20))
        );
        let family = p.family.clone().expect("family took part");
        assert_eq!((family.times, family.last_on), (2, date!(2027 - 01 - 20)));
        assert_eq!(family.notes, ["母", "母、姉"]);
        assert_eq!(p.open_tasks.len(), 2);
        // Earliest due first; due before today is overdue.
        assert_eq!(
            p.open_tasks
                .iter()
                .map(|t| (t.description.as_str(), t.overdue))
                .collect::<Vec<_>>(),
            [("職場訪問", true), ("面談", false)]
        );
        assert!(!p.is_empty());
        assert!(build(&Records::default(), None, date!(2027 - 11 - 01)).is_empty());
    }

    #[test]
    fn the_recipient_must_be_linked() {
        let form = |memo: &str, r: &str| HandoverForm {
            handover_memo: memo.into(),
            handover_recipient: r.into(),
        };
        assert_eq!(
            form(" 引き継ぎ ", "5").parse(&[5]),
            Ok(HandoverInput {
                memo: "引き継ぎ".into(),
                recipient: Some(5)
            })
        );
        assert_eq!(form("", "").parse(&[5]).map(|i| i.recipient), Ok(None));
        for bad in ["6", "x", "-1"] {
            let e = form("", bad).parse(&[5]).expect_err(bad);
            assert_eq!(e.get("handover_recipient"), Some("err.choose"));
        }
        let long = "あ".repeat(MEMO_MAX + 1);
        assert!(form(&long, "").parse(&[]).is_err());
        assert!(form("a\u{7}b", "").parse(&[]).is_err());
    }
}
