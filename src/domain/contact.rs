//! 支援記録 (contacts): a hearing with the client, a meeting with the employer, a call with a
//! doctor… each with the concerns raised (category + severity), the advice given, the agreed
//! actions (which become follow-up tasks) and the next contact date. The categories follow
//! the troubles the source article lists and domain.md §8's reasons for leaving.

use time::{Date, OffsetDateTime, Time};

use super::fields::{self, FieldErrors, Pairs};

/// How the contact happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    FaceToFace,
    Phone,
    Online,
    WorkplaceVisit,
}

impl Mode {
    pub const ALL: [Mode; 4] = [
        Mode::FaceToFace,
        Mode::Phone,
        Mode::Online,
        Mode::WorkplaceVisit,
    ];
    pub fn code(self) -> &'static str {
        match self {
            Mode::FaceToFace => "face_to_face",
            Mode::Phone => "phone",
            Mode::Online => "online",
            Mode::WorkplaceVisit => "workplace_visit",
        }
    }
    pub fn parse(code: &str) -> Option<Mode> {
        Mode::ALL.into_iter().find(|m| m.code() == code)
    }
    pub fn label_key(self) -> &'static str {
        match self {
            Mode::FaceToFace => "contact.mode.face_to_face",
            Mode::Phone => "contact.mode.phone",
            Mode::Online => "contact.mode.online",
            Mode::WorkplaceVisit => "contact.mode.workplace_visit",
        }
    }
    /// Meeting the client in person: 対面 or a visit to the workplace (domain.md §3: at
    /// least once a month, in principle face to face).
    pub fn is_in_person(self) -> bool {
        matches!(self, Mode::FaceToFace | Mode::WorkplaceVisit)
    }
}

/// Where a support record stands. Only a final record counts for the month and the claim
/// (the face-to-face contact, the hand-over, the report's draft); a draft is unfinished work,
/// a withdrawn record (取消) stays readable with its reason and counts for nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ContactStatus {
    Draft,
    Final,
    Withdrawn,
}

impl ContactStatus {
    pub fn code(self) -> &'static str {
        match self {
            ContactStatus::Draft => "draft",
            ContactStatus::Final => "final",
            ContactStatus::Withdrawn => "withdrawn",
        }
    }
    pub fn parse(code: &str) -> Option<ContactStatus> {
        [
            ContactStatus::Draft,
            ContactStatus::Final,
            ContactStatus::Withdrawn,
        ]
        .into_iter()
        .find(|s| s.code() == code)
    }
    pub fn label_key(self) -> &'static str {
        match self {
            ContactStatus::Draft => "contact.status.draft",
            ContactStatus::Final => "contact.status.final",
            ContactStatus::Withdrawn => "contact.status.withdrawn",
        }
    }
    /// The status a save asks for: the form's `status` (`draft` from 下書きとして保存), else
    /// final. A final record never goes back to a draft.
    pub fn requested(form_value: &str, current: Option<ContactStatus>) -> ContactStatus {
        match (form_value.trim(), current) {
            (_, Some(ContactStatus::Final)) => ContactStatus::Final,
            ("draft", _) => ContactStatus::Draft,
            _ => ContactStatus::Final,
        }
    }
}

/// Why a record is corrected or withdrawn: required for a correction of a final record and
/// for a withdrawal, optional when a draft is worked on. One line, at most 200 characters.
pub fn parse_reason(errors: &mut FieldErrors, raw: &str, required: bool) -> String {
    if required {
        fields::required_text(errors, "contact_reason", raw, 200)
    } else {
        fields::optional_text(errors, "contact_reason", raw, 200)
    }
}

/// Who took part.
pub const PARTICIPANTS: [&str; 7] = [
    "client",
    "supervisor",
    "hr",
    "family",
    "doctor",
    "welfare_worker",
    "other",
];

/// Concern categories (困りごと).
pub const CONCERN_CATEGORIES: [&str; 14] = [
    "work_mistakes",
    "unfamiliar_tasks",
    "relationships",
    "atmosphere",
    "lateness_absence",
    "evaluation",
    "sleep_rhythm",
    "money",
    "physical_health",
    "medication",
    "anxiety_stress",
    "no_one_to_ask",
    "conditions_pay",
    "other",
];

/// Rows of concerns and of agreed actions the form offers (the page works without
/// JavaScript, so it shows a fixed number of blank rows).
pub const CONCERN_ROWS: usize = 4;
pub const ACTION_ROWS: usize = 3;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConcernInput {
    pub category: String,
    pub severity: i64,
    pub note: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActionInput {
    pub description: String,
    pub owner_id: i64,
    pub due_on: Date,
}

/// A valid contact record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContactInput {
    pub occurred_at: OffsetDateTime,
    pub mode: Mode,
    pub place: String,
    pub participants: Vec<String>,
    pub participants_note: String,
    pub institution_id: Option<i64>,
    pub heard: String,
    pub advice: String,
    pub shared_info: String,
    pub accommodations: String,
    pub is_handover: bool,
    /// The consent under which information was shared outside the office, if any.
    pub shared_consent_id: Option<i64>,
    pub next_contact_on: Option<Date>,
    pub concerns: Vec<ConcernInput>,
    pub actions: Vec<ActionInput>,
}

impl ContactInput {
    pub fn participants_column(&self) -> String {
        self.participants.join(",")
    }
    /// Information left the office (shared with the employer or an institution).
    pub fn shares_outside(&self) -> bool {
        !self.shared_info.is_empty() || self.is_handover
    }
}

/// The contact form as typed (kept as pairs so that nothing typed is lost on an error).
#[derive(Debug, Clone, Default)]
pub struct ContactForm(pub Vec<(String, String)>);

impl ContactForm {
    fn pairs(&self) -> Pairs {
        Pairs(self.0.clone())
    }
    pub fn get(&self, key: &str) -> String {
        self.pairs().get(key)
    }
    pub fn checked(&self, key: &str, value: &str) -> bool {
        self.0.iter().any(|(k, v)| k == key && v == value)
    }
    pub fn row(&self, prefix: &str, i: &usize) -> String {
        self.get(&format!("{prefix}_{i}"))
    }

    /// Parses the form. `owners` are the staff who may own a task; `institutions` the
    /// office's directory; times are Japan time.
    pub fn parse(
        &self,
        today: Date,
        owners: &[i64],
        institutions: &[i64],
    ) -> Result<ContactInput, FieldErrors> {
        let mut e = FieldErrors::new();
        let date = fields::date(&mut e, "contact_date", &self.get("contact_date"), true);
        if date.is_some_and(|d| d > today + time::Duration::days(1)) {
            e.add("contact_date", "err.contact_in_future");
        }
        let time_of_day = parse_time(&mut e, &self.get("contact_time"));
        let mode = Mode::parse(self.get("mode").trim());
        if mode.is_none() {
            e.add("mode", "err.choose");
        }
        let place = fields::optional_text(&mut e, "place", &self.get("place"), 100);
        let participants: Vec<String> = self
            .pairs()
            .all("participants")
            .into_iter()
            .filter(|p| PARTICIPANTS.contains(&p.as_str()))
            .collect();
        let institution_id = match self.get("institution_id").trim() {
            "" => None,
            s => match s.parse::<i64>() {
                Ok(id) if institutions.contains(&id) => Some(id),
                _ => {
                    e.add("institution_id", "err.choose");
                    None
                }
            },
        };
        if participants.is_empty() && institution_id.is_none() {
            e.add("participants", "err.choose_one");
        }
        let participants_note = fields::optional_text(
            &mut e,
            "participants_note",
            &self.get("participants_note"),
            200,
        );
        let heard = fields::optional_multiline(&mut e, "heard", &self.get("heard"), 4000);
        let advice = fields::optional_multiline(&mut e, "advice", &self.get("advice"), 4000);
        let shared_info =
            fields::optional_multiline(&mut e, "shared_info", &self.get("shared_info"), 4000);
        let accommodations =
            fields::optional_multiline(&mut e, "accommodations", &self.get("accommodations"), 2000);
        if heard.is_empty() && advice.is_empty() && shared_info.is_empty() {
            e.add("heard", "err.contact_empty");
        }
        let is_handover = self.get("is_handover") == "1";
        let shared_consent_id = self.get("shared_consent_id").trim().parse::<i64>().ok();
        let next_contact_on = fields::date(
            &mut e,
            "next_contact_on",
            &self.get("next_contact_on"),
            false,
        );
        if let (Some(n), Some(d)) = (next_contact_on, date)
            && n < d
        {
            e.add("next_contact_on", "err.next_before_contact");
        }
        let mut concerns = Vec::new();
        for i in 1..=CONCERN_ROWS {
            let category = self.row("concern_category", &i).trim().to_string();
            let note = self.row("concern_note", &i).trim().to_string();
            if category.is_empty() && note.is_empty() {
                continue;
            }
            let field: &'static str = CONCERN_FIELDS[i - 1];
            if !CONCERN_CATEGORIES.contains(&category.as_str()) {
                e.add(field, "err.concern_category");
                continue;
            }
            let severity = match self.row("concern_severity", &i).trim() {
                "1" => 1,
                "3" => 3,
                _ => 2,
            };
            if !fields::plain_text(&mut e, field, &note, false) {
                continue;
            }
            if note.chars().count() > 1000 {
                e.add(field, "err.too_long");
            }
            concerns.push(ConcernInput {
                category,
                severity,
                note,
            });
        }
        let mut actions = Vec::new();
        for i in 1..=ACTION_ROWS {
            let description = self.row("action", &i).trim().to_string();
            let due = self.row("action_due", &i);
            if description.is_empty() && due.trim().is_empty() {
                continue;
            }
            let field: &'static str = ACTION_FIELDS[i - 1];
            if !fields::plain_text(&mut e, field, &description, false) {
                continue;
            }
            let mut row_errors = FieldErrors::new();
            let due_on = fields::date(&mut row_errors, field, &due, true);
            let owner = self
                .row("action_owner", &i)
                .trim()
                .parse::<i64>()
                .ok()
                .filter(|o| owners.contains(o));
            match (description.is_empty(), due_on, owner) {
                (true, _, _) => e.add(field, "err.action_description"),
                (_, None, _) => e.add(field, "err.action_due"),
                (_, _, None) => e.add(field, "err.action_owner"),
                (false, Some(due_on), Some(owner_id)) if description.chars().count() <= 500 => {
                    actions.push(ActionInput {
                        description,
                        owner_id,
                        due_on,
                    })
                }
                _ => e.add(field, "err.too_long"),
            }
        }
        match (date, time_of_day, mode) {
            (Some(d), Some(t), Some(mode)) if e.is_empty() => Ok(ContactInput {
                occurred_at: d
                    .with_time(t)
                    .assume_offset(crate::clock::JST)
                    .to_offset(time::UtcOffset::UTC),
                mode,
                place,
                participants,
                participants_note,
                institution_id,
                heard,
                advice,
                shared_info,
                accommodations,
                is_handover,
                shared_consent_id,
                next_contact_on,
                concerns,
                actions,
            }),
            _ => Err(e),
        }
    }
}

/// Field names of the concern and action rows (for messages and error links).
pub const CONCERN_FIELDS: [&str; CONCERN_ROWS] = [
    "concern_category_1",
    "concern_category_2",
    "concern_category_3",
    "concern_category_4",
];
pub const ACTION_FIELDS: [&str; ACTION_ROWS] = ["action_1", "action_2", "action_3"];

/// `14:30` (or empty: the start of the day).
fn parse_time(e: &mut FieldErrors, value: &str) -> Option<Time> {
    let v = fields::normalize_ascii(value);
    if v.is_empty() {
        return Some(Time::MIDNIGHT);
    }
    let parsed = v
        .split_once(':')
        .and_then(|(h, m)| Some((h.parse::<u8>().ok()?, m.parse::<u8>().ok()?)))
        .and_then(|(h, m)| Time::from_hms(h, m, 0).ok());
    if parsed.is_none() {
        e.add("contact_time", "err.time");
    }
    parsed
}

#[cfg(test)]
mod tests {

    #[test]
    fn a_final_record_never_goes_back_to_a_draft() {
        use ContactStatus::*;
        let table = [
            ("draft", None, Draft),
            ("", None, Final),
            ("final", None, Final),
            ("draft", Some(Draft), Draft),
            ("", Some(Draft), Final),
            ("draft", Some(Final), Final),
            ("", Some(Final), Final),
        ];
        for (form, current, want) in table {
            assert_eq!(
                ContactStatus::requested(form, current),
                want,
                "{form} {current:?}"
            );
        }
        for s in [Draft, Final, Withdrawn] {
            assert_eq!(ContactStatus::parse(s.code()), Some(s));
        }
    }

    #[test]
    fn a_reason_is_one_line_and_required_when_asked() {
        let mut e = FieldErrors::new();
        assert_eq!(parse_reason(&mut e, "  日付の誤り ", true), "日付の誤り");
        assert!(e.is_empty());
        parse_reason(&mut e, " ", true);
        assert!(e.get("contact_reason").is_some());
        let mut e = FieldErrors::new();
        parse_reason(&mut e, "", false);
        assert!(e.is_empty());
        parse_reason(&mut e, &"あ".repeat(201), false);
        assert!(e.get("contact_reason").is_some());
    }
    use super::*;
    use time::macros::{date, datetime};

    fn form(kv: &[(&str, &str)]) -> ContactForm {
        ContactForm(
            kv.iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
        )
    }

    #[test]
    fn a_hearing_with_concerns_and_actions() {
        let f = form(&[
            ("contact_date", "2026-11-20"),
            ("contact_time", "14:30"),
            ("mode", "face_to_face"),
            ("participants", "client"),
            ("participants", "supervisor"),
            ("heard", "朝起きられず遅刻が2回あった。"),
            ("advice", "就寝時刻を決める。"),
            ("concern_category_1", "lateness_absence"),
            ("concern_severity_1", "3"),
            ("concern_note_1", "今月2回"),
            ("concern_category_2", "sleep_rhythm"),
            ("action_1", "上司と勤務時間を相談"),
            ("action_owner_1", "7"),
            ("action_due_1", "2026-11-30"),
            ("next_contact_on", "2026-12-04"),
        ]);
        let c = f.parse(date!(2026 - 11 - 27), &[7], &[]).expect("valid");
        assert_eq!(c.occurred_at, datetime!(2026-11-20 05:30 UTC), "14:30 JST");
        assert_eq!(c.participants_column(), "client,supervisor");
        assert_eq!(c.concerns.len(), 2);
        assert_eq!(c.concerns[0].severity, 3);
        assert_eq!(c.concerns[1].severity, 2, "medium by default");
        assert_eq!(
            c.actions,
            vec![ActionInput {
                description: "上司と勤務時間を相談".into(),
                owner_id: 7,
                due_on: date!(2026 - 11 - 30)
            }]
        );
        assert!(c.mode.is_in_person());
        assert!(!c.shares_outside());
    }

    #[test]
    fn each_bad_row_gets_its_message() {
        let f = form(&[
            ("contact_date", "2026-12-25"),
            ("contact_time", "25:00"),
            ("mode", "letter"),
            ("concern_category_2", "astrology"),
            ("action_1", "電話する"),
            ("action_owner_1", "99"),
            ("action_due_1", "2026-12-01"),
            ("action_due_3", "2026-12-01"),
            ("next_contact_on", "2026-12-01"),
        ]);
        let e = f.parse(date!(2026 - 11 - 27), &[7], &[]).unwrap_err();
        assert_eq!(e.get("contact_date"), Some("err.contact_in_future"));
        assert_eq!(e.get("contact_time"), Some("err.time"));
        assert_eq!(e.get("mode"), Some("err.choose"));
        assert_eq!(e.get("participants"), Some("err.choose_one"));
        assert_eq!(e.get("heard"), Some("err.contact_empty"));
        assert_eq!(e.get("concern_category_2"), Some("err.concern_category"));
        assert_eq!(e.get("action_1"), Some("err.action_owner"));
        assert_eq!(e.get("action_3"), Some("err.action_description"));
        assert_eq!(e.get("next_contact_on"), Some("err.next_before_contact"));
    }

    #[test]
    fn in_person_modes() {
        let cases = [
            ("face_to_face", true),
            ("workplace_visit", true),
            ("phone", false),
            ("online", false),
        ];
        for (code, expected) in cases {
            assert_eq!(
                Mode::parse(code).map(Mode::is_in_person),
                Some(expected),
                "{code}"
            );
        }
    }
}
