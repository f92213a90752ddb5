//! Who an inquiry is about: the person writing (相談者, often a parent) is not always the
//! person who needs support (ご本人). The form asks for the writer's 続柄 to the person, the
//! person's name when someone else writes, and the person's current employer and hire date,
//! from which the staff page shows when 就労定着支援 can be used (domain.md §4: from the 7th
//! month after the hire, for at most 3 years; `rules::period::service_window`).

use time::Date;

use super::fields::{self, FieldErrors};
use super::rules::period::{ServiceStage, service_window, stage_on};

/// 続柄: the writer's relationship to the person who needs support (`inquiries.relationship`).
/// `self` is the person writing for themself.
pub const RELATIONSHIPS: [&str; 8] = [
    "self",
    "parent",
    "spouse",
    "sibling",
    "child",
    "other_family",
    "supporter",
    "other",
];

/// Hire dates accepted: a typo such as 0202 or 9999 is refused rather than stored.
const HIRE_YEARS: std::ops::RangeInclusive<i32> = 1950..=2100;

/// The person the inquiry is about, as checked.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Person {
    /// One of [`RELATIONSHIPS`], or "" when staff did not ask (a phone call noted briefly).
    pub relationship: String,
    /// ご本人's name; "" when they wrote themself (their name is the writer's).
    pub name: String,
    pub employer_name: String,
    pub hire_date: Option<Date>,
}

impl Person {
    pub fn writes_for_self(&self) -> bool {
        self.relationship == "self"
    }
}

/// Checks the person's fields. `relationship_required`: the public form asks it; staff
/// noting a call may leave it out.
pub fn parse_person(
    e: &mut FieldErrors,
    relationship: &str,
    name: &str,
    employer_name: &str,
    hire_date: &str,
    relationship_required: bool,
) -> Person {
    let relationship = relationship.trim().to_string();
    if relationship.is_empty() {
        if relationship_required {
            e.add("relationship", "err.choose");
        }
    } else if !RELATIONSHIPS.contains(&relationship.as_str()) {
        e.add("relationship", "err.choose");
    }
    let name = if relationship == "self" {
        fields::optional_text(e, "person_name", name, 100);
        String::new()
    } else if relationship.is_empty() {
        fields::optional_text(e, "person_name", name, 100)
    } else {
        fields::required_text(e, "person_name", name, 100)
    };
    let employer_name = fields::optional_text(e, "employer_name", employer_name, 100);
    let hire_date = fields::date(e, "hire_date", hire_date, false);
    if hire_date.is_some_and(|d| !HIRE_YEARS.contains(&d.year())) {
        e.add("hire_date", "err.date");
    }
    Person {
        relationship,
        name,
        employer_name,
        hire_date,
    }
}

/// What the hire date says about 就労定着支援 on `today` (domain.md §4): where the person
/// stands and the window (from the day after the first 6 months, to the last day of the 42
/// months counted from the hire). The prior service and the kind of employment are not asked
/// on the form; staff check them at the first meeting.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Outlook {
    pub stage: ServiceStage,
    pub earliest_start: Date,
    pub latest_end: Date,
}

pub fn outlook(hire_date: Date, today: Date) -> Outlook {
    let window = service_window(hire_date, None);
    Outlook {
        stage: stage_on(&window, today),
        earliest_start: window.earliest_start,
        latest_end: window.latest_end,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    fn parse(r: &str, name: &str, hire: &str, required: bool) -> (Person, FieldErrors) {
        let mut e = FieldErrors::new();
        let p = parse_person(&mut e, r, name, "株式会社みどり物流", hire, required);
        (p, e)
    }

    #[test]
    fn the_person_is_named_when_someone_else_writes() {
        let (p, e) = parse("parent", "山田 花子", "2026-01-05", true);
        assert!(e.is_empty());
        assert_eq!(p.name, "山田 花子");
        assert_eq!(p.hire_date, Some(date!(2026 - 01 - 05)));
        let (_, e) = parse("parent", " ", "", true);
        assert_eq!(e.get("person_name"), Some("err.required"));
        let (p, e) = parse("self", "本人の名前", "", true);
        assert!(e.is_empty() && p.writes_for_self() && p.name.is_empty());
    }

    #[test]
    fn the_relationship_is_one_of_the_list() {
        assert_eq!(
            parse("", "", "", true).1.get("relationship"),
            Some("err.choose")
        );
        assert!(
            parse("", "", "", false).1.is_empty(),
            "staff may leave it out"
        );
        assert_eq!(
            parse("uncle", "x", "", true).1.get("relationship"),
            Some("err.choose")
        );
        for r in RELATIONSHIPS {
            assert!(parse(r, "山田 花子", "", true).1.is_empty(), "{r}");
        }
    }

    #[test]
    fn hire_dates_are_real_dates_in_range() {
        for bad in ["2026-02-30", "0202-04-01", "9999-01-01", "昨日"] {
            assert_eq!(
                parse("self", "", bad, true).1.get("hire_date"),
                Some("err.date"),
                "{bad}"
            );
        }
    }

    /// domain.md §4 and §9 item 12: hired 2025-08-31, the service may start on 2026-03-01
    /// (the 7th month) and ends on 2029-02-28.
    #[test]
    fn the_outlook_follows_the_service_window() {
        let hired = date!(2025 - 08 - 31);
        let cases = [
            (date!(2026 - 02 - 28), ServiceStage::BeforeStart),
            (date!(2026 - 03 - 01), ServiceStage::Active),
            (date!(2028 - 08 - 31), ServiceStage::EndingSoon),
            (date!(2029 - 02 - 28), ServiceStage::EndingSoon),
            (date!(2029 - 03 - 01), ServiceStage::Ended),
        ];
        for (today, stage) in cases {
            let o = outlook(hired, today);
            assert_eq!(o.stage, stage, "{today}");
            assert_eq!(
                (o.earliest_start, o.latest_end),
                (date!(2026 - 03 - 01), date!(2029 - 02 - 28))
            );
        }
    }
}
