//! After the service: light follow-up contacts with former clients (still employed? where?)
//! every 6 months from the end of the service until 6 years 6 months (78 months) after the
//! hire, the list of who is due, and the office's figure for 就労定着実績体制加算 with its
//! evidence (issue 15, item 5).
//!
//! 就労定着実績体制加算 (domain.md §2.1, https://office-ota.info/archives/1272 [B]): 300
//! units a month when, in the previous fiscal year, at least 70% of the users who ended
//! 就労定着支援 in the past 6 years had stayed employed with the same employer for 42 months
//! or more and less than 78 months. Read here as (the exact counting is UNCONFIRMED, like
//! the 就労定着率's boundaries, domain.md §1.3):
//! - counted: former clients whose service ended in the 6 fiscal years up to the end of the
//!   previous fiscal year;
//! - retained: the first employment (the one the service window counts from) has not ended,
//!   a follow-up in the previous fiscal year confirmed work with the same employer, and on
//!   that follow-up's day the employment had lasted 42 months or more and less than 78 (each
//!   counted by `rules::period::months_from`, 民法第143条). A former client with no such
//!   follow-up is not counted as retained: the evidence says so, so the office knows whom
//!   to contact.

use time::Date;

use super::fields::{self, FieldErrors};
use super::retention::fiscal_year_bounds;
use super::rules::period::months_from;

/// The share needed, in percent (domain.md §2.1: ≥ 70%).
pub const REQUIRED_PERCENT: i64 = 70;
/// The months between follow-ups after the end.
pub const EVERY_MONTHS: u32 = 6;
/// Follow-ups run until this many months after the hire (6 years 6 months, domain.md §2.1
/// and §4: "就労定着実績体制加算 rewards retention 42–78 months later").
pub const UNTIL_MONTHS: u32 = 78;
const FROM_MONTHS: u32 = 42;

/// A former client's facts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Former {
    pub client_id: i64,
    pub name: String,
    /// The first employment's hire date and, if it ended, its last day.
    pub hire: Date,
    pub employment_end: Option<Date>,
    /// The last day of the last contract.
    pub service_end: Date,
}

/// One follow-up contact.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Contact {
    pub client_id: i64,
    pub on: Date,
    pub still_employed: bool,
    pub same_employer: bool,
}

/// The days follow-ups are due for a service that ended on `service_end`: every 6 months
/// from the day after, while within 78 months of the hire.
pub fn schedule(hire: Date, service_end: Date) -> Vec<Date> {
    let until = months_from(hire, UNTIL_MONTHS).last_day;
    let start = service_end.next_day().unwrap_or(service_end);
    (1..=20u32)
        .map(|n| months_from(start, n * EVERY_MONTHS).day_after())
        .take_while(|d| *d <= until)
        .collect()
}

/// When the next follow-up is due (`None`: the follow-up years are over): the first
/// scheduled day after the latest contact, or the first one.
pub fn next_due(former: &Former, contacts: &[Contact], today: Date) -> Option<Date> {
    if former.service_end >= today {
        return None;
    }
    let latest = contacts
        .iter()
        .filter(|c| c.client_id == former.client_id)
        .map(|c| c.on)
        .max();
    let slots = schedule(former.hire, former.service_end);
    match latest {
        // A contact answers the slot it was made for (up to 3 months early).
        Some(last) => slots
            .into_iter()
            .find(|d| months_from(last, 3).last_day < *d),
        None => slots.into_iter().next(),
    }
}

/// Why a former client counts or not.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    Retained,
    /// Employment ended (recorded end date, or a follow-up said not employed or elsewhere).
    Left,
    /// Employed, but under 42 months on the follow-up's day.
    TooShort,
    /// Employed 78 months or more on the follow-up's day.
    TooLong,
    /// No follow-up in the previous fiscal year confirmed the employment.
    Unconfirmed,
}

impl Verdict {
    pub fn key(self) -> &'static str {
        match self {
            Verdict::Retained => "followup.verdict.retained",
            Verdict::Left => "followup.verdict.left",
            Verdict::TooShort => "followup.verdict.too_short",
            Verdict::TooLong => "followup.verdict.too_long",
            Verdict::Unconfirmed => "followup.verdict.unconfirmed",
        }
    }
}

/// One line of the evidence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Evidence {
    pub former: Former,
    /// The follow-up the verdict rests on.
    pub confirmed_on: Option<Date>,
    pub verdict: Verdict,
}

/// The figure for fiscal year `fy`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Figure {
    pub fiscal_year: i32,
    /// The service ends counted: from this day…
    pub ended_from: Date,
    /// …to this day (the end of the previous fiscal year).
    pub ended_to: Date,
    pub counted: usize,
    pub retained: usize,
    pub evidence: Vec<Evidence>,
}

impl Figure {
    /// The share in whole percent, rounded down (`None` with no one counted).
    pub fn percent(&self) -> Option<i64> {
        (self.counted > 0).then(|| (self.retained * 100 / self.counted) as i64)
    }
    /// Whether the 加算 can be filed (≥ 70%).
    pub fn meets(&self) -> bool {
        self.percent().is_some_and(|p| p >= REQUIRED_PERCENT)
    }
}

/// 就労定着実績体制加算's figure for fiscal year `fy` (see the module's reading of it).
pub fn figure(fy: i32, formers: &[Former], contacts: &[Contact]) -> Figure {
    let (prev_first, prev_last) = fiscal_year_bounds(fy - 1);
    let ended_from = fiscal_year_bounds(fy - 6).0;
    let mut evidence: Vec<Evidence> = formers
        .iter()
        .filter(|f| (ended_from..=prev_last).contains(&f.service_end))
        .map(|f| {
            let latest = contacts
                .iter()
                .filter(|c| c.client_id == f.client_id && (prev_first..=prev_last).contains(&c.on))
                .max_by_key(|c| c.on);
            let verdict = match (f.employment_end, latest) {
                (Some(end), _) if end <= prev_last => Verdict::Left,
                (_, None) => Verdict::Unconfirmed,
                (_, Some(c)) if !(c.still_employed && c.same_employer) => Verdict::Left,
                (_, Some(c)) if months_from(f.hire, FROM_MONTHS).last_day > c.on => {
                    Verdict::TooShort
                }
                (_, Some(c)) if months_from(f.hire, UNTIL_MONTHS).last_day <= c.on => {
                    Verdict::TooLong
                }
                _ => Verdict::Retained,
            };
            Evidence {
                former: f.clone(),
                confirmed_on: latest.map(|c| c.on),
                verdict,
            }
        })
        .collect();
    evidence.sort_by_key(|e| (e.verdict != Verdict::Unconfirmed, e.former.service_end));
    Figure {
        fiscal_year: fy,
        ended_from,
        ended_to: prev_last,
        counted: evidence.len(),
        retained: evidence
            .iter()
            .filter(|e| e.verdict == Verdict::Retained)
            .count(),
        evidence,
    }
}

/// The follow-up form as typed.
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(default)]
pub struct FollowupForm {
    pub contacted_on: String,
    /// `same`, `other` (employed elsewhere) or `none`.
    pub working_now: String,
    pub employer_name: String,
    #[serde(rename = "followup_note")]
    pub note: String,
}

/// A valid follow-up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FollowupInput {
    pub contacted_on: Date,
    pub still_employed: bool,
    pub same_employer: bool,
    pub employer_name: String,
    pub note: String,
}

impl FollowupForm {
    pub fn parse(&self, today: Date) -> Result<FollowupInput, FieldErrors> {
        let mut e = FieldErrors::new();
        let on = fields::date(&mut e, "contacted_on", &self.contacted_on, true);
        if on.is_some_and(|d| d > today) {
            e.add("contacted_on", "followup.err.future");
        }
        let (still_employed, same_employer) = match self.working_now.as_str() {
            "same" => (true, true),
            "other" => (true, false),
            "none" => (false, false),
            _ => {
                e.add("working_now", "err.choose");
                (false, false)
            }
        };
        let employer_name =
            fields::optional_text(&mut e, "employer_name", &self.employer_name, 100);
        if self.working_now == "other" && employer_name.is_empty() {
            e.add("employer_name", "err.required");
        }
        let note = fields::optional_multiline(&mut e, "followup_note", &self.note, 2000);
        match on {
            Some(contacted_on) if e.is_empty() => Ok(FollowupInput {
                contacted_on,
                still_employed,
                same_employer,
                employer_name,
                note,
            }),
            _ => Err(e),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    fn former(id: i64, hire: Date, end: Date) -> Former {
        Former {
            client_id: id,
            name: format!("c{id}"),
            hire,
            employment_end: None,
            service_end: end,
        }
    }

    fn contact(id: i64, on: Date, employed: bool, same: bool) -> Contact {
        Contact {
            client_id: id,
            on,
            still_employed: employed,
            same_employer: same,
        }
    }

    /// Every 6 months from the day after the end, up to 78 months after the hire (domain.md
    /// §2.1): hired 2020-04-01, served until 2023-09-30 (42 months), follow-ups 2024-04-01 …
    /// and the last on or before 2026-09-30, the 78 months' last day.
    #[test]
    fn the_schedule_runs_to_78_months_after_the_hire() {
        let s = schedule(date!(2020 - 04 - 01), date!(2023 - 09 - 30));
        assert_eq!(
            s,
            vec![
                date!(2024 - 04 - 01),
                date!(2024 - 10 - 01),
                date!(2025 - 04 - 01),
                date!(2025 - 10 - 01),
                date!(2026 - 04 - 01),
            ]
        );
    }

    #[test]
    fn the_next_due_follows_the_latest_contact() {
        let f = former(1, date!(2020 - 04 - 01), date!(2023 - 09 - 30));
        let today = date!(2024 - 05 - 01);
        assert_eq!(next_due(&f, &[], today), Some(date!(2024 - 04 - 01)));
        let c = [contact(1, date!(2024 - 03 - 20), true, true)];
        assert_eq!(next_due(&f, &c, today), Some(date!(2024 - 10 - 01)));
        let c = [contact(1, date!(2026 - 04 - 02), true, true)];
        assert_eq!(
            next_due(&f, &c, today),
            None,
            "the follow-up years are over"
        );
        assert_eq!(
            next_due(&f, &[], date!(2023 - 09 - 30)),
            None,
            "still served"
        );
    }

    /// The verdicts, for fiscal year 2026 (previous year 2025-04-01..2026-03-31; ends from
    /// 2020-04-01): 42 months or more and under 78 on the follow-up's day (domain.md §2.1).
    #[test]
    fn retention_42_to_78_months_with_the_same_employer() {
        let formers = vec![
            former(1, date!(2021 - 04 - 01), date!(2024 - 09 - 30)),
            former(2, date!(2021 - 04 - 01), date!(2024 - 09 - 30)),
            former(3, date!(2023 - 01 - 01), date!(2025 - 06 - 30)),
            former(4, date!(2018 - 04 - 01), date!(2021 - 09 - 30)),
            former(5, date!(2021 - 04 - 01), date!(2024 - 09 - 30)),
            former(6, date!(2012 - 04 - 01), date!(2019 - 09 - 30)),
            Former {
                employment_end: Some(date!(2025 - 01 - 31)),
                ..former(7, date!(2021 - 04 - 01), date!(2024 - 09 - 30))
            },
        ];
        let contacts = vec![
            // 42 months from 2021-04-01 end on 2024-09-30: retained on 2025-06-01, the
            // year's latest (a later answer, in fiscal year 2026, does not count yet).
            contact(1, date!(2025 - 06 - 01), true, true),
            contact(1, date!(2026 - 04 - 15), false, false),
            contact(2, date!(2025 - 06 - 01), true, false),
            // Hired 2023-01-01: 42 months end 2026-06-30, so on 2026-03-01 too short.
            contact(3, date!(2026 - 03 - 01), true, true),
            // Hired 2018-04-01: 78 months end 2024-09-30: too long by 2025-05-01.
            contact(4, date!(2025 - 05 - 01), true, true),
            // 5 has no follow-up in the year.
            contact(5, date!(2024 - 12 - 01), true, true),
            contact(7, date!(2025 - 06 - 01), true, true),
        ];
        let f = figure(2026, &formers, &contacts);
        assert_eq!(f.ended_from, date!(2020 - 04 - 01));
        assert_eq!(f.ended_to, date!(2026 - 03 - 31));
        let verdict = |id: i64| {
            f.evidence
                .iter()
                .find(|e| e.former.client_id == id)
                .map(|e| e.verdict)
        };
        assert_eq!(verdict(1), Some(Verdict::Retained));
        assert_eq!(verdict(2), Some(Verdict::Left), "another employer");
        assert_eq!(verdict(3), Some(Verdict::TooShort));
        assert_eq!(verdict(4), Some(Verdict::TooLong));
        assert_eq!(verdict(5), Some(Verdict::Unconfirmed));
        assert_eq!(verdict(6), None, "ended before the 6 years");
        assert_eq!(
            verdict(7),
            Some(Verdict::Left),
            "the employment record ended"
        );
        assert_eq!((f.counted, f.retained), (6, 1));
        assert_eq!(f.percent(), Some(16));
        assert!(!f.meets());
    }

    #[test]
    fn seventy_percent_meets_it() {
        let formers: Vec<Former> = (1..=10)
            .map(|i| former(i, date!(2021 - 04 - 01), date!(2024 - 09 - 30)))
            .collect();
        let contacts: Vec<Contact> = (1..=7)
            .map(|i| contact(i, date!(2025 - 06 - 01), true, true))
            .collect();
        let f = figure(2026, &formers, &contacts);
        assert_eq!(f.percent(), Some(70));
        assert!(f.meets(), "70% or more (以上)");
        let f = figure(2026, &formers, &contacts[..6]);
        assert!(!f.meets());
    }

    #[test]
    fn the_form_needs_a_date_and_an_answer() {
        let today = date!(2026 - 12 - 01);
        let e = FollowupForm::default().parse(today).unwrap_err();
        assert_eq!(e.get("contacted_on"), Some("err.required"));
        assert_eq!(e.get("working_now"), Some("err.choose"));
        let e = FollowupForm {
            contacted_on: "R8.11.30".into(),
            working_now: "other".into(),
            ..Default::default()
        }
        .parse(today)
        .unwrap_err();
        assert_eq!(
            e.get("contacted_on"),
            Some("err.date"),
            "the form takes western dates"
        );
        assert_eq!(e.get("employer_name"), Some("err.required"));
        let ok = FollowupForm {
            contacted_on: "2026-11-30".into(),
            working_now: "same".into(),
            ..Default::default()
        }
        .parse(today)
        .expect("valid");
        assert!(ok.still_employed && ok.same_employer);
    }
}
