//! 気になるサイン (issue 14, item 4): from a client's history and `today`, the signs that
//! they may be struggling, each with its reason and the data behind it. Never a score,
//! never a decision: staff read the reasons and decide, and may dismiss a sign with why.
//!
//! The signs follow domain.md §8 (risk signals to capture at each hearing: condition and
//! sleep, medication, relationships, attendance; thoughts of quitting start within 3
//! months) and §3 (meet the client at least once a month). The thresholds are each office's
//! (`Thresholds`); the defaults below are our judgement, not sourced figures.

use time::{Date, Duration};

use super::case_search::tenure_month;
use super::fields::{self, FieldErrors, Pairs};
use super::selfcheck::{self, Alert};

/// Which concerns count together.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Area {
    Health,
    Attendance,
    Relationships,
}

impl Area {
    pub const ALL: [Area; 3] = [Area::Health, Area::Attendance, Area::Relationships];

    /// The area of a concern category (`domain::contact::CONCERN_CATEGORIES`), if any.
    pub fn of(category: &str) -> Option<Area> {
        match category {
            "physical_health" | "medication" | "anxiety_stress" | "sleep_rhythm" => {
                Some(Area::Health)
            }
            "lateness_absence" => Some(Area::Attendance),
            "relationships" | "atmosphere" | "no_one_to_ask" => Some(Area::Relationships),
            _ => None,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Area::Health => "health",
            Area::Attendance => "attendance",
            Area::Relationships => "relationships",
        }
    }
}

/// An office's thresholds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Thresholds {
    /// No contact for this many weeks (§3: at least monthly; 5 weeks is a month missed).
    pub no_contact_weeks: i64,
    /// This many concerns of one area…
    pub repeat_count: i64,
    /// …within this many days.
    pub repeat_days: i64,
    /// The first months of tenure (§8: thoughts of quitting start within 3 months).
    pub early_months: i64,
    /// Weeks of lateness or absence the employer reported in the last four weeks.
    pub employer_weeks: i64,
}

impl Default for Thresholds {
    fn default() -> Thresholds {
        Thresholds {
            no_contact_weeks: 5,
            repeat_count: 2,
            repeat_days: 60,
            early_months: 3,
            employer_weeks: 2,
        }
    }
}

/// The allowed range of each threshold, for the settings form.
pub const LIMITS: [(&str, i64, i64); 5] = [
    ("no_contact_weeks", 1, 26),
    ("repeat_count", 2, 10),
    ("repeat_days", 7, 365),
    ("early_months", 0, 24),
    ("employer_weeks", 1, 4),
];

impl Thresholds {
    /// The settings form: each threshold a whole number within `LIMITS`.
    pub fn parse(form: &Pairs) -> Result<Thresholds, FieldErrors> {
        let mut errors = FieldErrors::new();
        let mut v = [0i64; 5];
        for (i, (field, min, max)) in LIMITS.iter().enumerate() {
            v[i] = fields::integer(&mut errors, field, &form.get(field), *min, *max, true)
                .unwrap_or_default();
        }
        errors.into_result(Thresholds {
            no_contact_weeks: v[0],
            repeat_count: v[1],
            repeat_days: v[2],
            early_months: v[3],
            employer_weeks: v[4],
        })
    }

    /// The value of a field of the settings form.
    pub fn value(&self, field: &str) -> i64 {
        match field {
            "no_contact_weeks" => self.no_contact_weeks,
            "repeat_count" => self.repeat_count,
            "repeat_days" => self.repeat_days,
            "early_months" => self.early_months,
            _ => self.employer_weeks,
        }
    }
}

/// How long a dismissed sign stays hidden.
pub const DISMISS_DAYS: i64 = 30;

/// A concern in the history.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConcernFact {
    pub day: Date,
    pub category: String,
    pub severity: i64,
}

/// What the rules read of one client.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct History {
    /// The current job's hire date (or its return-to-work date).
    pub hired: Option<Date>,
    pub last_contact: Option<Date>,
    pub concerns: Vec<ConcernFact>,
    /// The employer's weekly observations: (week start, attendance code).
    pub observations: Vec<(Date, String)>,
    /// Self-check days with an entry, and each item's (day, score) points.
    pub selfcheck_days: Vec<Date>,
    pub selfcheck_items: Vec<(i64, Vec<(Date, u8)>)>,
}

/// One sign with the data behind it.
#[derive(Debug, Clone, PartialEq)]
pub enum Signal {
    /// `count` concerns of the area within `days` days, the latest on `last`.
    Repeating {
        area: Area,
        count: usize,
        days: i64,
        last: Date,
    },
    /// The area's concerns rose in severity from `from` to `to`.
    Rising { area: Area, from: i64, to: i64 },
    /// No contact since `last` (`weeks` weeks), or never.
    NoContact { weeks: i64, last: Option<Date> },
    /// The self-check's own alert (missed days, a falling item).
    SelfCheck(Alert),
    /// The employer reported lateness (`late` weeks) or absence (`absent` weeks) in the
    /// last four weeks.
    Employer { late: usize, absent: usize },
    /// In the `month`th month of tenure, shown only beside another sign.
    EarlyTenure { month: i64 },
}

impl Signal {
    /// The code a dismissal names.
    pub fn code(&self) -> String {
        match self {
            Signal::Repeating { area, .. } => format!("repeating_{}", area.code()),
            Signal::Rising { area, .. } => format!("rising_{}", area.code()),
            Signal::NoContact { .. } => "no_contact".into(),
            Signal::SelfCheck(_) => "selfcheck".into(),
            Signal::Employer { .. } => "employer".into(),
            Signal::EarlyTenure { .. } => "early_tenure".into(),
        }
    }

    /// Whether `code` names a sign (a dismissal form's field).
    pub fn is_code(code: &str) -> bool {
        let fixed = ["no_contact", "selfcheck", "employer", "early_tenure"];
        fixed.contains(&code)
            || Area::ALL.iter().any(|a| {
                code == format!("repeating_{}", a.code()) || code == format!("rising_{}", a.code())
            })
    }
}

/// The client's signs on `today`, those in `dismissed` (codes) left out. Early tenure is
/// listed only with another sign: alone it would flag every new employee.
pub fn signals(h: &History, t: &Thresholds, today: Date, dismissed: &[String]) -> Vec<Signal> {
    let mut out = Vec::new();
    let since = today - Duration::days(t.repeat_days);
    for area in Area::ALL {
        let mut recent: Vec<&ConcernFact> = h
            .concerns
            .iter()
            .filter(|c| c.day > since && c.day <= today && Area::of(&c.category) == Some(area))
            .collect();
        recent.sort_by_key(|c| c.day);
        if recent.len() as i64 >= t.repeat_count
            && let Some(last) = recent.last()
        {
            out.push(Signal::Repeating {
                area,
                count: recent.len(),
                days: t.repeat_days,
                last: last.day,
            });
        }
        // Rising: the latest concern more severe than the one before it.
        if let [.., before, latest] = recent.as_slice()
            && latest.severity > before.severity
        {
            out.push(Signal::Rising {
                area,
                from: before.severity,
                to: latest.severity,
            });
        }
    }
    let weeks_since = h.last_contact.map(|d| (today - d).whole_weeks());
    match weeks_since {
        Some(w) if w >= t.no_contact_weeks => out.push(Signal::NoContact {
            weeks: w,
            last: h.last_contact,
        }),
        None if h.hired.is_some() => out.push(Signal::NoContact {
            weeks: 0,
            last: None,
        }),
        _ => {}
    }
    out.extend(
        selfcheck::alerts(&h.selfcheck_days, &h.selfcheck_items, today)
            .into_iter()
            .map(Signal::SelfCheck),
    );
    let four_weeks = today - Duration::days(28);
    let recent_obs = || h.observations.iter().filter(|(w, _)| *w > four_weeks);
    let late = recent_obs().filter(|(_, a)| a == "late_or_early").count();
    let absent = recent_obs().filter(|(_, a)| a == "absent").count();
    if (late + absent) as i64 >= t.employer_weeks {
        out.push(Signal::Employer { late, absent });
    }
    out.retain(|s| !dismissed.contains(&s.code()));
    if !out.is_empty()
        && let Some(month) = h.hired.and_then(|d| tenure_month(d, today))
        && month <= t.early_months
        && !dismissed.iter().any(|d| d == "early_tenure")
    {
        out.push(Signal::EarlyTenure { month });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    const TODAY: Date = date!(2026 - 12 - 01);

    fn back(days: i64) -> Date {
        TODAY - Duration::days(days)
    }

    fn concern(days_back: i64, category: &str, severity: i64) -> ConcernFact {
        ConcernFact {
            day: back(days_back),
            category: category.into(),
            severity,
        }
    }

    fn codes(h: &History, dismissed: &[&str]) -> Vec<String> {
        let dismissed: Vec<String> = dismissed.iter().map(|d| d.to_string()).collect();
        signals(h, &Thresholds::default(), TODAY, &dismissed)
            .iter()
            .map(Signal::code)
            .collect()
    }

    fn base() -> History {
        History {
            hired: Some(date!(2025 - 01 - 06)),
            last_contact: Some(back(7)),
            ..History::default()
        }
    }

    #[test]
    fn each_sign_with_its_threshold() {
        let cases: [(&str, History, &[&str]); 9] = [
            ("nothing", base(), &[]),
            (
                // Two attendance concerns within 60 days, the second more severe.
                "repeating and rising",
                History {
                    concerns: vec![
                        concern(40, "lateness_absence", 1),
                        concern(5, "lateness_absence", 2),
                    ],
                    ..base()
                },
                &["repeating_attendance", "rising_attendance"],
            ),
            (
                "one concern is not a repeat",
                History {
                    concerns: vec![concern(5, "relationships", 3)],
                    ..base()
                },
                &[],
            ),
            (
                "the earlier one is outside the 60 days",
                History {
                    concerns: vec![concern(61, "medication", 1), concern(5, "medication", 1)],
                    ..base()
                },
                &[],
            ),
            (
                "health counts medication and sleep together",
                History {
                    concerns: vec![concern(30, "medication", 2), concern(5, "sleep_rhythm", 2)],
                    ..base()
                },
                &["repeating_health"],
            ),
            (
                // §3: at least once a month; 5 weeks without contact.
                "no contact for five weeks",
                History {
                    last_contact: Some(back(35)),
                    ..base()
                },
                &["no_contact"],
            ),
            (
                "four weeks is not yet",
                History {
                    last_contact: Some(back(34)),
                    ..base()
                },
                &[],
            ),
            (
                "the employer reported two weeks late or absent",
                History {
                    observations: vec![
                        (back(21), "late_or_early".into()),
                        (back(14), "as_planned".into()),
                        (back(7), "absent".into()),
                    ],
                    ..base()
                },
                &["employer"],
            ),
            (
                // §8: the first 3 months, beside another sign only.
                "early tenure beside another sign",
                History {
                    hired: Some(date!(2026 - 10 - 01)),
                    last_contact: None,
                    ..base()
                },
                &["no_contact", "early_tenure"],
            ),
        ];
        for (what, h, expected) in cases {
            assert_eq!(codes(&h, &[]), expected, "{what}");
        }
    }

    #[test]
    fn early_tenure_alone_is_no_sign() {
        let h = History {
            hired: Some(date!(2026 - 10 - 01)),
            ..base()
        };
        assert!(codes(&h, &[]).is_empty());
    }

    #[test]
    fn a_dismissed_sign_is_left_out() {
        let h = History {
            last_contact: Some(back(60)),
            hired: Some(date!(2026 - 10 - 01)),
            ..base()
        };
        assert_eq!(codes(&h, &[]), ["no_contact", "early_tenure"]);
        assert!(codes(&h, &["no_contact"]).is_empty());
    }

    #[test]
    fn the_data_behind_a_sign() {
        let h = History {
            concerns: vec![
                concern(20, "relationships", 1),
                concern(10, "atmosphere", 3),
            ],
            ..base()
        };
        let got = signals(&h, &Thresholds::default(), TODAY, &[]);
        assert_eq!(
            got,
            [
                Signal::Repeating {
                    area: Area::Relationships,
                    count: 2,
                    days: 60,
                    last: back(10)
                },
                Signal::Rising {
                    area: Area::Relationships,
                    from: 1,
                    to: 3
                }
            ]
        );
    }

    #[test]
    fn thresholds_are_read_within_their_limits() {
        let form = |pairs: &[(&str, &str)]| {
            Pairs(
                pairs
                    .iter()
                    .map(|(k, v)| (k.to_string(), v.to_string()))
                    .collect(),
            )
        };
        let all = [
            ("no_contact_weeks", "６"),
            ("repeat_count", "3"),
            ("repeat_days", "90"),
            ("early_months", "0"),
            ("employer_weeks", "1"),
        ];
        let t = Thresholds::parse(&form(&all)).expect("valid");
        assert_eq!(t.no_contact_weeks, 6);
        assert_eq!(t.value("repeat_days"), 90);
        let cases: [(&str, &str, &str); 4] = [
            ("repeat_count", "1", "err.out_of_range"),
            ("repeat_days", "", "err.required"),
            ("employer_weeks", "5", "err.out_of_range"),
            ("no_contact_weeks", "abc", "err.number"),
        ];
        for (field, value, key) in cases {
            let mut pairs = all.to_vec();
            pairs.retain(|(k, _)| *k != field);
            pairs.push((field, value));
            let errors = Thresholds::parse(&form(&pairs)).expect_err(field);
            assert_eq!(errors.get(field), Some(key), "{field}={value}");
        }
    }

    #[test]
    fn sign_codes_are_known() {
        assert!(Signal::is_code("no_contact"));
        assert!(Signal::is_code("rising_health"));
        assert!(!Signal::is_code("rising_money"));
        assert!(!Signal::is_code(""));
    }
}
