//! 連絡帳, the notebook a client shares with their office and their employer contact(s)
//! (issue 11, item 3), and the employer contact's weekly observation (item 4).
//!
//! Who reads a message is one pure function, [`can_read`]: the office's staff always; the
//! author always reads their own; the client what is addressed to them; an employer contact
//! what is addressed to the employer only while the client's consent naming that contact
//! covers the message's category (`domain::consent`), decided again on every request, so a
//! withdrawal hides the messages at once.

use time::{Date, Duration};

use super::consent::Category;
use super::fields::{self, FieldErrors, Pairs};

/// The longest message, in characters (issue 11 brief: ≤ 1,000).
pub const BODY_MAX_CHARS: usize = 1000;
/// The longest text of a weekly observation field.
pub const OBSERVATION_MAX_CHARS: usize = 1000;
/// The category of a message to the employer when the author names none.
pub const DEFAULT_CATEGORY: Category = Category::WorkStatus;

/// Who wrote a message (`note_messages.author_kind` and its id column).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Author {
    Staff(i64),
    Client,
    /// An employer contact (`employer_contacts.id`).
    Employer(i64),
}

impl Author {
    pub fn kind_code(self) -> &'static str {
        match self {
            Author::Staff(_) => "staff",
            Author::Client => "client",
            Author::Employer(_) => "employer",
        }
    }
    /// From the stored columns. An author whose row was deleted (the id set to NULL)
    /// reads as id 0, which is nobody.
    pub fn from_columns(
        kind: &str,
        staff_id: Option<i64>,
        contact_id: Option<i64>,
    ) -> Option<Author> {
        match kind {
            "staff" => Some(Author::Staff(staff_id.unwrap_or(0))),
            "client" => Some(Author::Client),
            "employer" => Some(Author::Employer(contact_id.unwrap_or(0))),
            _ => None,
        }
    }
}

/// What decides who reads a message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Audience {
    pub author: Author,
    pub to_client: bool,
    /// Addressed to the client's employer contact(s). Only a message by staff or the client
    /// goes to the employer; an employer contact's own message is theirs and the office's.
    pub to_employer: bool,
    /// The consent category of a message to the employer.
    pub category: Option<Category>,
}

/// Who is reading.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reader<'a> {
    /// Staff allowed to see the client (the access extractor has decided that).
    Staff,
    /// The client themself.
    Client,
    /// An employer contact linked to the client, with the categories the client's consent
    /// naming them covers now.
    Employer {
        contact_id: i64,
        allowed: &'a [Category],
    },
}

/// May `reader` read a message with this audience?
pub fn can_read(msg: &Audience, reader: &Reader) -> bool {
    match *reader {
        Reader::Staff => true,
        Reader::Client => msg.to_client || msg.author == Author::Client,
        Reader::Employer {
            contact_id,
            allowed,
        } => {
            if msg.author == Author::Employer(contact_id) {
                return true;
            }
            let from_office_or_client = !matches!(msg.author, Author::Employer(_));
            from_office_or_client
                && msg.to_employer
                && msg
                    .category
                    .is_some_and(|category| allowed.contains(&category))
        }
    }
}

/// Who can read a message, in words ("見られる人: 本人・事業所・企業"): the office always,
/// the client and the employer when addressed (or the author).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Readers {
    pub client: bool,
    pub employer: bool,
}

impl Audience {
    pub fn readers(&self) -> Readers {
        Readers {
            client: self.to_client || self.author == Author::Client,
            employer: self.to_employer || matches!(self.author, Author::Employer(_)),
        }
    }
}

/// A message as the author typed it, for the form to show again.
#[derive(Debug, Clone, Default)]
pub struct NoteForm {
    pub body: String,
    pub to_client: bool,
    pub to_employer: bool,
    /// A `Category` code, or "" (the default).
    pub category: String,
}

/// A message ready to store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoteInput {
    pub body: String,
    pub to_client: bool,
    pub to_employer: bool,
    pub category: Option<Category>,
}

impl NoteForm {
    pub fn from_pairs(p: &Pairs) -> NoteForm {
        NoteForm {
            body: p.get("note_body"),
            to_client: !p.get("note_to_client").is_empty(),
            to_employer: !p.get("note_to_employer").is_empty(),
            category: p.get("note_category"),
        }
    }

    /// Checks the message of `author`. `employer_can_receive` are the categories that at
    /// least one linked employer contact's consent covers now: a message to the employer in
    /// another category would reach nobody, so the author is told instead of it being saved
    /// (as every sharing outside the office is checked first, `domain::consent::check`).
    pub fn parse(
        &self,
        author: Author,
        employer_can_receive: &[Category],
    ) -> Result<NoteInput, FieldErrors> {
        let mut errors = FieldErrors::new();
        let body = self.body.replace("\r\n", "\n");
        let body = body.trim();
        if !fields::plain_text(&mut errors, "note_body", body, true) {
            // The message is given.
        } else if body.is_empty() {
            errors.add("note_body", "err.required");
        } else if body.chars().count() > BODY_MAX_CHARS {
            errors.add("note_body", "note.err.too_long");
        }
        // Who may address whom: the client is always a reader of their own; an employer's
        // message goes to the office and, if they choose, the client.
        let (to_client, to_employer) = match author {
            Author::Staff(_) => (self.to_client, self.to_employer),
            Author::Client => (true, self.to_employer),
            Author::Employer(_) => (self.to_client, false),
        };
        let category = if to_employer {
            let category = if self.category.trim().is_empty() {
                Some(DEFAULT_CATEGORY)
            } else {
                Category::parse(self.category.trim())
            };
            match category {
                None => {
                    errors.add("note_category", "note.err.category");
                    None
                }
                Some(c) if !employer_can_receive.contains(&c) => {
                    errors.add("note_category", "note.err.no_consent");
                    None
                }
                Some(c) => Some(c),
            }
        } else {
            None
        };
        errors.into_result(NoteInput {
            body: body.to_string(),
            to_client,
            to_employer,
            category,
        })
    }
}

/// The Monday of the week `today` is in (weeks start on Monday, Japan date).
pub fn week_start(today: Date) -> Date {
    today - Duration::days(i64::from(today.weekday().number_days_from_monday()))
}

/// 出勤状況 on the weekly form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Attendance {
    /// 予定どおり
    AsPlanned,
    /// 遅刻・早退があった
    LateOrEarly,
    /// 休みがあった
    Absent,
}

impl Attendance {
    pub const ALL: [Attendance; 3] = [
        Attendance::AsPlanned,
        Attendance::LateOrEarly,
        Attendance::Absent,
    ];
    pub fn code(self) -> &'static str {
        match self {
            Attendance::AsPlanned => "as_planned",
            Attendance::LateOrEarly => "late_or_early",
            Attendance::Absent => "absent",
        }
    }
    pub fn parse(code: &str) -> Option<Attendance> {
        Attendance::ALL.into_iter().find(|a| a.code() == code)
    }
    pub fn label_key(self) -> &'static str {
        match self {
            Attendance::AsPlanned => "employer.att.as_planned",
            Attendance::LateOrEarly => "employer.att.late_or_early",
            Attendance::Absent => "employer.att.absent",
        }
    }
}

/// The weekly form as typed.
#[derive(Debug, Clone, Default)]
pub struct ObservationForm {
    pub attendance: String,
    pub attendance_note: String,
    pub work_note: String,
    pub concerns: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ObservationInput {
    pub attendance: Attendance,
    pub attendance_note: String,
    pub work_note: String,
    pub concerns: String,
}

impl ObservationForm {
    pub fn from_pairs(p: &Pairs) -> ObservationForm {
        ObservationForm {
            attendance: p.get("obs_attendance"),
            attendance_note: p.get("obs_attendance_note"),
            work_note: p.get("obs_work_note"),
            concerns: p.get("obs_concerns"),
        }
    }

    pub fn parse(&self) -> Result<ObservationInput, FieldErrors> {
        let mut errors = FieldErrors::new();
        let attendance = Attendance::parse(self.attendance.trim());
        if attendance.is_none() {
            errors.add("obs_attendance", "employer.err.attendance");
        }
        let text = |errors: &mut FieldErrors, field: &'static str, value: &str| {
            fields::optional_multiline(
                errors,
                field,
                &value.replace("\r\n", "\n"),
                OBSERVATION_MAX_CHARS,
            )
        };
        let attendance_note = text(&mut errors, "obs_attendance_note", &self.attendance_note);
        let work_note = text(&mut errors, "obs_work_note", &self.work_note);
        let concerns = text(&mut errors, "obs_concerns", &self.concerns);
        match attendance {
            Some(attendance) if errors.is_empty() => Ok(ObservationInput {
                attendance,
                attendance_note,
                work_note,
                concerns,
            }),
            _ => Err(errors),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    const WORK: &[Category] = &[Category::WorkStatus];
    const WORK_HEALTH: &[Category] = &[Category::WorkStatus, Category::Health];
    const NONE: &[Category] = &[];

    fn msg(author: Author, to_client: bool, to_employer: bool, cat: Option<Category>) -> Audience {
        Audience {
            author,
            to_client,
            to_employer,
            category: cat,
        }
    }

    #[test]
    fn who_reads_a_message() {
        use Category::{Health, WorkStatus};
        let boss = |allowed| Reader::Employer {
            contact_id: 7,
            allowed,
        };
        let other_boss = Reader::Employer {
            contact_id: 8,
            allowed: WORK_HEALTH,
        };
        // (message, reader, reads?, why)
        let table: Vec<(Audience, Reader, bool, &str)> = vec![
            (
                msg(Author::Client, false, false, None),
                Reader::Staff,
                true,
                "staff read everything",
            ),
            (
                msg(Author::Client, false, false, None),
                Reader::Client,
                true,
                "the author reads their own",
            ),
            (
                msg(Author::Client, false, false, None),
                boss(WORK_HEALTH),
                false,
                "to the office only",
            ),
            (
                msg(Author::Staff(1), false, false, None),
                Reader::Client,
                false,
                "staff note to the office",
            ),
            (
                msg(Author::Staff(1), true, false, None),
                Reader::Client,
                true,
                "addressed to the client",
            ),
            (
                msg(Author::Staff(1), true, true, Some(WorkStatus)),
                boss(WORK),
                true,
                "consent covers work_status",
            ),
            (
                msg(Author::Staff(1), true, true, Some(WorkStatus)),
                boss(NONE),
                false,
                "consent withdrawn",
            ),
            (
                msg(Author::Staff(1), false, true, Some(Health)),
                boss(WORK),
                false,
                "health not consented",
            ),
            (
                msg(Author::Staff(1), false, true, Some(Health)),
                boss(WORK_HEALTH),
                true,
                "health consented",
            ),
            (
                msg(Author::Staff(1), false, true, None),
                boss(WORK_HEALTH),
                false,
                "no category: never to the employer",
            ),
            (
                msg(Author::Client, true, true, Some(WorkStatus)),
                boss(WORK),
                true,
                "the client wrote to the employer",
            ),
            (
                msg(Author::Employer(7), false, false, None),
                boss(NONE),
                true,
                "the author reads their own",
            ),
            (
                msg(Author::Employer(7), false, false, None),
                Reader::Client,
                false,
                "employer to the office only",
            ),
            (
                msg(Author::Employer(7), true, false, None),
                Reader::Client,
                true,
                "employer included the client",
            ),
            (
                msg(Author::Employer(7), true, false, None),
                Reader::Staff,
                true,
                "the office reads it",
            ),
            (
                msg(Author::Employer(7), true, true, Some(WorkStatus)),
                other_boss,
                false,
                "another contact's message is not theirs",
            ),
        ];
        for (m, reader, reads, why) in table {
            assert_eq!(can_read(&m, &reader), reads, "{why}: {m:?} by {reader:?}");
        }
    }

    #[test]
    fn readers_in_words() {
        let r = msg(Author::Staff(1), true, true, Some(Category::WorkStatus)).readers();
        assert_eq!((r.client, r.employer), (true, true));
        let r = msg(Author::Client, false, false, None).readers();
        assert_eq!((r.client, r.employer), (true, false));
        let r = msg(Author::Employer(3), false, false, None).readers();
        assert_eq!((r.client, r.employer), (false, true));
        let r = msg(Author::Staff(1), false, false, None).readers();
        assert_eq!((r.client, r.employer), (false, false));
    }

    fn form(body: &str, to_client: bool, to_employer: bool, category: &str) -> NoteForm {
        NoteForm {
            body: body.into(),
            to_client,
            to_employer,
            category: category.into(),
        }
    }

    #[test]
    fn a_message_is_checked() {
        let staff = Author::Staff(1);
        let ok = form("  きょうは\r\nよくできました  ", true, true, "")
            .parse(staff, WORK)
            .expect("valid");
        assert_eq!(ok.body, "きょうは\nよくできました");
        assert_eq!(ok.category, Some(Category::WorkStatus), "the default");
        let e = form("   ", false, false, "")
            .parse(staff, WORK)
            .unwrap_err();
        assert_eq!(e.get("note_body"), Some("err.required"));
        let long = "あ".repeat(BODY_MAX_CHARS + 1);
        let e = form(&long, false, false, "")
            .parse(staff, WORK)
            .unwrap_err();
        assert_eq!(e.get("note_body"), Some("note.err.too_long"));
        assert!(
            form(&"あ".repeat(BODY_MAX_CHARS), false, false, "")
                .parse(staff, WORK)
                .is_ok()
        );
        let e = form("x", false, true, "health")
            .parse(staff, WORK)
            .unwrap_err();
        assert_eq!(e.get("note_category"), Some("note.err.no_consent"));
        let e = form("x", false, true, "nonsense")
            .parse(staff, WORK)
            .unwrap_err();
        assert_eq!(e.get("note_category"), Some("note.err.category"));
        // Not to the employer: the category is not asked for.
        let ok = form("x", false, false, "health")
            .parse(staff, NONE)
            .expect("valid");
        assert_eq!(ok.category, None);
        // The client always reads their own; an employer never addresses the employer.
        let ok = form("x", false, false, "")
            .parse(Author::Client, NONE)
            .expect("valid");
        assert!(ok.to_client);
        let ok = form("x", true, true, "")
            .parse(Author::Employer(7), NONE)
            .expect("valid");
        assert!(ok.to_client && !ok.to_employer && ok.category.is_none());
    }

    #[test]
    fn weeks_start_on_monday() {
        // 2026-12-01 is a Tuesday.
        for (day, monday) in [
            (date!(2026 - 11 - 30), date!(2026 - 11 - 30)),
            (date!(2026 - 12 - 01), date!(2026 - 11 - 30)),
            (date!(2026 - 12 - 06), date!(2026 - 11 - 30)),
            (date!(2026 - 12 - 07), date!(2026 - 12 - 07)),
            (date!(2027 - 01 - 01), date!(2026 - 12 - 28)),
        ] {
            assert_eq!(week_start(day), monday, "{day}");
        }
    }

    #[test]
    fn the_weekly_form_is_checked() {
        let f = ObservationForm {
            attendance: "late_or_early".into(),
            attendance_note: "火曜に30分遅刻".into(),
            work_note: String::new(),
            concerns: String::new(),
        };
        assert_eq!(
            f.parse().expect("valid").attendance,
            Attendance::LateOrEarly
        );
        let e = ObservationForm::default().parse().unwrap_err();
        assert_eq!(e.get("obs_attendance"), Some("employer.err.attendance"));
        let e = ObservationForm {
            attendance: "as_planned".into(),
            concerns: "あ".repeat(OBSERVATION_MAX_CHARS + 1),
            ..ObservationForm::default()
        }
        .parse()
        .unwrap_err();
        assert_eq!(e.get("obs_concerns"), Some("err.too_long"));
        for a in Attendance::ALL {
            assert_eq!(Attendance::parse(a.code()), Some(a));
        }
    }
}
