//! 就労定着支援計画 (the support plan): its form, its states and the review date.
//!
//! The plan is written by the サービス管理責任者 and explained to the client, who agrees to
//! it (../shared/domain.md §3, 基準第206条の6). A plan is reviewed on a cycle that is
//! UNCONFIRMED for 定着支援 (§3: "make it configurable; default to 3 months"), so the cycle is
//! the office setting `offices.plan_review_months` and the review date defaults to the start
//! plus that many months.
//!
//! States, as a pure state machine (table-tested below):
//!
//! ```text
//! draft ──agree──▶ agreed ──review──▶ under_review ──revise──▶ revised
//! ```
//!
//! Revising keeps the old plan as it was (status `revised`) and starts a new draft that
//! replaces it, so what the client agreed to is never rewritten. Only a draft can be edited.

use time::Date;

use super::fields::{self, FieldErrors};
use super::rules::period::months_from;

/// Where a plan is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlanStatus {
    /// Being written; may be edited.
    Draft,
    /// Explained to the client and agreed (`agreed_on` set); in force.
    Agreed,
    /// In force, and its review (モニタリング) has started.
    UnderReview,
    /// Replaced by a newer plan; kept as the record of what was agreed.
    Revised,
}

impl PlanStatus {
    pub const ALL: [PlanStatus; 4] = [
        PlanStatus::Draft,
        PlanStatus::Agreed,
        PlanStatus::UnderReview,
        PlanStatus::Revised,
    ];
    /// The `support_plans.status` code.
    pub fn code(self) -> &'static str {
        match self {
            PlanStatus::Draft => "draft",
            PlanStatus::Agreed => "agreed",
            PlanStatus::UnderReview => "under_review",
            PlanStatus::Revised => "revised",
        }
    }
    pub fn parse(code: &str) -> Option<PlanStatus> {
        PlanStatus::ALL.into_iter().find(|s| s.code() == code)
    }
    /// The i18n key of its name.
    pub fn label_key(self) -> &'static str {
        match self {
            PlanStatus::Draft => "plan.status.draft",
            PlanStatus::Agreed => "plan.status.agreed",
            PlanStatus::UnderReview => "plan.status.under_review",
            PlanStatus::Revised => "plan.status.revised",
        }
    }
    /// Still part of the client's current plan (not replaced by a newer one).
    pub fn is_open(self) -> bool {
        self != PlanStatus::Revised
    }
}

/// What a staff member asks to do with a plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Record the client's explanation and agreement (説明・同意).
    Agree,
    /// Start the review (モニタリング).
    Review,
    /// Close the review by writing a new version of the plan.
    Revise,
}

impl Action {
    pub const ALL: [Action; 3] = [Action::Agree, Action::Review, Action::Revise];
    pub fn code(self) -> &'static str {
        match self {
            Action::Agree => "agree",
            Action::Review => "review",
            Action::Revise => "revise",
        }
    }
}

/// A transition that the state machine does not allow.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Illegal {
    pub from: PlanStatus,
    pub action: Action,
}

impl Illegal {
    /// The i18n key of the explanation: what the action needs. The page adds the current
    /// state, so the supporter sees both what is wrong and where the plan stands.
    pub fn key(self) -> &'static str {
        match self.action {
            Action::Agree => "plan.illegal.agree",
            Action::Review => "plan.illegal.review",
            Action::Revise => "plan.illegal.revise",
        }
    }
}

/// The state after `action`, or why it is not allowed.
pub fn transition(from: PlanStatus, action: Action) -> Result<PlanStatus, Illegal> {
    match (from, action) {
        (PlanStatus::Draft, Action::Agree) => Ok(PlanStatus::Agreed),
        (PlanStatus::Agreed, Action::Review) => Ok(PlanStatus::UnderReview),
        (PlanStatus::UnderReview, Action::Revise) => Ok(PlanStatus::Revised),
        _ => Err(Illegal { from, action }),
    }
}

/// Only a draft may be edited: an agreed plan is what the client agreed to.
pub fn editable(status: PlanStatus) -> bool {
    status == PlanStatus::Draft
}

/// The facts about a plan that rules look at (the store's row gives one with `.plan()`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    pub status: PlanStatus,
    pub start_on: Date,
    pub review_on: Date,
    pub agreed_on: Option<Date>,
}

/// Is the plan's review due on `today`? True for an agreed plan from its review date on.
/// A plan under review is already being reviewed; a draft is not in force yet.
pub fn review_due(plan: &Plan, today: Date) -> bool {
    plan.status == PlanStatus::Agreed && today >= plan.review_on
}

/// The default review date: the day after the office's review cycle, a period of that many
/// months counted from the start (../shared/domain.md §3, UNCONFIRMED, default 3; counted
/// under 民法第143条, §9 item 12: 2026-04-01 → 2026-07-01, 2026-11-30 → 2027-03-01). A
/// setting outside 1–24 months is taken as the nearest of those, so a bad setting cannot
/// make a review date before the start or decades away.
pub fn default_review_on(start_on: Date, review_months: i64) -> Date {
    let months = u32::try_from(review_months.clamp(1, 24)).unwrap_or(3);
    months_from(start_on, months).day_after()
}

/// The plan form as typed. Field names carry the `plan_` prefix so their labels
/// (`field.plan_…`) do not collide with other forms'.
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(default)]
pub struct PlanForm {
    pub plan_goals: String,
    pub plan_support_content: String,
    pub plan_contact_frequency: String,
    pub plan_employer_role: String,
    pub plan_start_on: String,
    pub plan_review_on: String,
}

/// A checked plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanInput {
    pub goals: String,
    pub support_content: String,
    pub contact_frequency: String,
    pub employer_role: String,
    pub start_on: Date,
    pub review_on: Date,
}

impl PlanForm {
    /// Checks the form. An empty review date becomes the start plus `review_months`.
    pub fn parse(&self, review_months: i64) -> Result<PlanInput, FieldErrors> {
        let mut e = FieldErrors::new();
        let goals = fields::required_multiline(&mut e, "plan_goals", &self.plan_goals, 2000);
        let support_content = fields::required_multiline(
            &mut e,
            "plan_support_content",
            &self.plan_support_content,
            4000,
        );
        let contact_frequency = fields::required_text(
            &mut e,
            "plan_contact_frequency",
            &self.plan_contact_frequency,
            200,
        );
        let employer_role = fields::optional_multiline(
            &mut e,
            "plan_employer_role",
            &self.plan_employer_role,
            2000,
        );
        let start_on = fields::date(&mut e, "plan_start_on", &self.plan_start_on, true);
        let review_on = fields::date(&mut e, "plan_review_on", &self.plan_review_on, false);
        let review_on = match (start_on, review_on) {
            (Some(s), Some(r)) if r <= s => {
                e.add("plan_review_on", "plan.err.review_before_start");
                None
            }
            (Some(s), None) if self.plan_review_on.trim().is_empty() => {
                Some(default_review_on(s, review_months))
            }
            (_, r) => r,
        };
        match (start_on, review_on) {
            (Some(start_on), Some(review_on)) if e.is_empty() => Ok(PlanInput {
                goals,
                support_content,
                contact_frequency,
                employer_role,
                start_on,
                review_on,
            }),
            _ => Err(e),
        }
    }

    /// The form filled from a stored plan (for editing).
    pub fn from_input(p: &PlanInput) -> PlanForm {
        PlanForm {
            plan_goals: p.goals.clone(),
            plan_support_content: p.support_content.clone(),
            plan_contact_frequency: p.contact_frequency.clone(),
            plan_employer_role: p.employer_role.clone(),
            plan_start_on: p.start_on.to_string(),
            plan_review_on: p.review_on.to_string(),
        }
    }
}

/// Checks the agreement date (説明・同意の日). It must be given and must have happened (not
/// after `today`). It must not be after the review date: a plan agreed only after it was due
/// for review is a typing mistake or a plan that should be rewritten first. It may be before
/// the start (explained, then started: the normal order) or after it (the first plan is due
/// within about a month of the contract, ../shared/domain.md §2.2), so the start does not
/// bound it.
pub fn parse_agreed_on(
    errors: &mut FieldErrors,
    value: &str,
    plan: &Plan,
    today: Date,
) -> Option<Date> {
    let d = fields::date(errors, "plan_agreed_on", value, true)?;
    if d > today {
        errors.add("plan_agreed_on", "plan.err.agreed_in_future");
        return None;
    }
    if d > plan.review_on {
        errors.add("plan_agreed_on", "plan.err.agreed_after_review");
        return None;
    }
    Some(d)
}

/// The content a revision starts from: the old plan's text, starting `today`, with the review
/// date one cycle later. The supporter edits it before the client agrees again.
pub fn revision_of(old: &PlanInput, today: Date, review_months: i64) -> PlanInput {
    PlanInput {
        start_on: today,
        review_on: default_review_on(today, review_months),
        ..old.clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn transitions_table() {
        use Action::*;
        use PlanStatus::*;
        // (from, action, expected)
        let cases = [
            (Draft, Agree, Some(Agreed)),
            (Draft, Review, None),
            (Draft, Revise, None),
            (Agreed, Agree, None),
            (Agreed, Review, Some(UnderReview)),
            (Agreed, Revise, None),
            (UnderReview, Agree, None),
            (UnderReview, Review, None),
            (UnderReview, Revise, Some(Revised)),
            (Revised, Agree, None),
            (Revised, Review, None),
            (Revised, Revise, None),
        ];
        for (from, action, expected) in cases {
            let got = transition(from, action);
            match expected {
                Some(to) => assert_eq!(got, Ok(to), "{from:?} {action:?}"),
                None => assert_eq!(got, Err(Illegal { from, action }), "{from:?} {action:?}"),
            }
        }
        assert!(editable(Draft));
        for s in [Agreed, UnderReview, Revised] {
            assert!(!editable(s), "{s:?}");
        }
    }

    #[test]
    fn codes_round_trip() {
        for s in PlanStatus::ALL {
            assert_eq!(PlanStatus::parse(s.code()), Some(s));
        }
        assert_eq!(PlanStatus::parse("final"), None);
    }

    #[test]
    fn review_is_due_for_an_agreed_plan_from_its_date() {
        let plan = |status| Plan {
            status,
            start_on: date!(2026 - 04 - 01),
            review_on: date!(2026 - 07 - 01),
            agreed_on: Some(date!(2026 - 03 - 28)),
        };
        let cases = [
            (PlanStatus::Agreed, date!(2026 - 06 - 30), false),
            (PlanStatus::Agreed, date!(2026 - 07 - 01), true),
            (PlanStatus::Agreed, date!(2026 - 09 - 01), true),
            (PlanStatus::Draft, date!(2026 - 09 - 01), false),
            (PlanStatus::UnderReview, date!(2026 - 09 - 01), false),
            (PlanStatus::Revised, date!(2026 - 09 - 01), false),
        ];
        for (status, today, expected) in cases {
            assert_eq!(
                review_due(&plan(status), today),
                expected,
                "{status:?} {today}"
            );
        }
    }

    #[test]
    fn the_review_date_defaults_to_the_office_cycle() {
        let form = |start: &str, review: &str| PlanForm {
            plan_goals: "週5日、休まずに働く".into(),
            plan_support_content: "月2回の面談".into(),
            plan_contact_frequency: "月2回面談".into(),
            plan_employer_role: String::new(),
            plan_start_on: start.into(),
            plan_review_on: review.into(),
        };
        // (start, review typed, months, expected review date or error key)
        let cases = [
            ("2026-04-01", "", 3, Ok(date!(2026 - 07 - 01))),
            ("2026-04-01", "", 6, Ok(date!(2026 - 10 - 01))),
            // 民法第143条: the 3 months from 11/30 end on 2/28 (no 2/30), so the review falls
            // on 3/1; from 11/28 they end on 2/27.
            ("2026-11-30", "", 3, Ok(date!(2027 - 03 - 01))),
            ("2026-11-28", "", 3, Ok(date!(2027 - 02 - 28))),
            ("2027-11-29", "", 3, Ok(date!(2028 - 02 - 29))),
            ("2026-04-01", "2026-05-15", 3, Ok(date!(2026 - 05 - 15))),
            (
                "2026-04-01",
                "2026-04-01",
                3,
                Err("plan.err.review_before_start"),
            ),
            ("2026-04-01", "someday", 3, Err("err.date")),
        ];
        for (start, review, months, expected) in cases {
            let got = form(start, review).parse(months);
            match expected {
                Ok(d) => assert_eq!(got.map(|p| p.review_on), Ok(d), "{start} {review}"),
                Err(key) => {
                    let e = got.expect_err("refused");
                    assert_eq!(e.get("plan_review_on"), Some(key), "{start} {review}");
                }
            }
        }
        let empty = PlanForm::default().parse(3).expect_err("empty");
        for f in [
            "plan_goals",
            "plan_support_content",
            "plan_contact_frequency",
            "plan_start_on",
        ] {
            assert_eq!(empty.get(f), Some("err.required"), "{f}");
        }
        assert_eq!(empty.get("plan_employer_role"), None);
    }

    #[test]
    fn agreement_date() {
        let plan = Plan {
            status: PlanStatus::Draft,
            start_on: date!(2026 - 04 - 01),
            review_on: date!(2026 - 07 - 01),
            agreed_on: None,
        };
        let today = date!(2026 - 05 - 10);
        let cases = [
            ("2026-03-28", None),
            ("2026-04-20", None),
            ("2026-05-10", None),
            ("", Some("err.required")),
            ("2026-05-11", Some("plan.err.agreed_in_future")),
            ("2026-02-30", Some("err.date")),
        ];
        for (input, expected) in cases {
            let mut e = FieldErrors::new();
            let got = parse_agreed_on(&mut e, input, &plan, today);
            assert_eq!(e.get("plan_agreed_on"), expected, "{input}");
            assert_eq!(got.is_some(), expected.is_none(), "{input}");
        }
        let late = Plan {
            review_on: date!(2026 - 05 - 01),
            ..plan
        };
        let mut e = FieldErrors::new();
        parse_agreed_on(&mut e, "2026-05-02", &late, today);
        assert_eq!(
            e.get("plan_agreed_on"),
            Some("plan.err.agreed_after_review")
        );
    }

    #[test]
    fn a_revision_copies_the_content_and_restarts_the_cycle() {
        let old = PlanInput {
            goals: "目標".into(),
            support_content: "内容".into(),
            contact_frequency: "月2回面談".into(),
            employer_role: "上司が声をかける".into(),
            start_on: date!(2026 - 04 - 01),
            review_on: date!(2026 - 07 - 01),
        };
        let new = revision_of(&old, date!(2026 - 07 - 03), 3);
        assert_eq!(new.goals, old.goals);
        assert_eq!(new.employer_role, old.employer_role);
        assert_eq!(new.start_on, date!(2026 - 07 - 03));
        assert_eq!(new.review_on, date!(2026 - 10 - 03));
    }
}
