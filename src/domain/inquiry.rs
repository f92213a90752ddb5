//! お問い合わせ and 見学 (inquiries) and the intake pipeline (design.md §1, the source
//! article's flows): 新規 → 連絡済み → 見学日程確定 → 見学済み → 申請支援中 → 受給者証交付 →
//! 契約, or 終了 with a reason at any step. Also the first-contact deadline: an inquiry not
//! contacted within 2 business days is flagged.

use time::{Date, Duration, Month, Weekday};

use super::fields::{self, FieldErrors};
use super::inquirer::{Person, parse_person};
use super::month::YearMonth;

/// The pipeline's states (`inquiries.status`, `inquiry_events.from_status`/`to_status`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InquiryStatus {
    New,
    Contacted,
    TourScheduled,
    Toured,
    Applying,
    CertificateIssued,
    Contracted,
    Closed,
}

impl InquiryStatus {
    /// Every state, in pipeline order.
    pub const ALL: [InquiryStatus; 8] = [
        InquiryStatus::New,
        InquiryStatus::Contacted,
        InquiryStatus::TourScheduled,
        InquiryStatus::Toured,
        InquiryStatus::Applying,
        InquiryStatus::CertificateIssued,
        InquiryStatus::Contracted,
        InquiryStatus::Closed,
    ];
    /// The stored code.
    pub fn code(self) -> &'static str {
        match self {
            InquiryStatus::New => "new",
            InquiryStatus::Contacted => "contacted",
            InquiryStatus::TourScheduled => "tour_scheduled",
            InquiryStatus::Toured => "toured",
            InquiryStatus::Applying => "applying",
            InquiryStatus::CertificateIssued => "certificate_issued",
            InquiryStatus::Contracted => "contracted",
            InquiryStatus::Closed => "closed",
        }
    }
    pub fn parse(code: &str) -> Option<InquiryStatus> {
        InquiryStatus::ALL.into_iter().find(|s| s.code() == code)
    }
    /// The i18n key of its name.
    pub fn label_key(self) -> &'static str {
        match self {
            InquiryStatus::New => "inquiry.status.new",
            InquiryStatus::Contacted => "inquiry.status.contacted",
            InquiryStatus::TourScheduled => "inquiry.status.tour_scheduled",
            InquiryStatus::Toured => "inquiry.status.toured",
            InquiryStatus::Applying => "inquiry.status.applying",
            InquiryStatus::CertificateIssued => "inquiry.status.certificate_issued",
            InquiryStatus::Contracted => "inquiry.status.contracted",
            InquiryStatus::Closed => "inquiry.status.closed",
        }
    }
    /// The states an inquiry may move to from this one. 終了 (closed) is possible from every
    /// open state; a scheduled tour may go back to 連絡済み when it is cancelled.
    pub fn next(self) -> &'static [InquiryStatus] {
        use InquiryStatus::*;
        match self {
            New => &[Contacted, Closed],
            Contacted => &[TourScheduled, Applying, Closed],
            TourScheduled => &[Toured, Contacted, Closed],
            Toured => &[Applying, Closed],
            Applying => &[CertificateIssued, Closed],
            CertificateIssued => &[Contracted, Closed],
            Contracted | Closed => &[],
        }
    }
    pub fn can_move_to(self, to: InquiryStatus) -> bool {
        self.next().contains(&to)
    }
}

impl std::fmt::Display for InquiryStatus {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

/// For `sqlx::FromRow`'s `try_from`: the store reads the text column into the enum.
impl TryFrom<String> for InquiryStatus {
    type Error = fields::UnknownStatus;
    fn try_from(code: String) -> Result<InquiryStatus, fields::UnknownStatus> {
        InquiryStatus::parse(&code).ok_or(fields::UnknownStatus(code))
    }
}

/// Which inquiries the staff's inbox shows, from the query string's `status` (#13: the
/// inbox is read a page at a time, newest first within what it shows).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Inbox {
    /// Not yet contracted or closed: what still needs someone (the default).
    Open,
    One(InquiryStatus),
    /// Every inquiry, open or done, newest first.
    All,
}

impl Inbox {
    /// `all`, a state's code, or anything else (`""` among them) for the open ones.
    pub fn parse(code: &str) -> Inbox {
        match code {
            "all" => Inbox::All,
            _ => InquiryStatus::parse(code).map_or(Inbox::Open, Inbox::One),
        }
    }
    /// The value that selects it ("" for the default).
    pub fn code(self) -> &'static str {
        match self {
            Inbox::Open => "",
            Inbox::One(s) => s.code(),
            Inbox::All => "all",
        }
    }
}

/// 国民の祝日 2025–2027 (内閣府「国民の祝日について」, https://www8.cao.go.jp/chosei/shukujitsu/gaiyou.html,
/// including 振替休日 and 国民の休日). Data, to be extended each year.
pub const HOLIDAYS: &[(i32, Month, u8)] = &[
    (2025, Month::January, 1),
    (2025, Month::January, 13),
    (2025, Month::February, 11),
    (2025, Month::February, 23),
    (2025, Month::February, 24),
    (2025, Month::March, 20),
    (2025, Month::April, 29),
    (2025, Month::May, 3),
    (2025, Month::May, 4),
    (2025, Month::May, 5),
    (2025, Month::May, 6),
    (2025, Month::July, 21),
    (2025, Month::August, 11),
    (2025, Month::September, 15),
    (2025, Month::September, 23),
    (2025, Month::October, 13),
    (2025, Month::November, 3),
    (2025, Month::November, 23),
    (2025, Month::November, 24),
    (2026, Month::January, 1),
    (2026, Month::January, 12),
    (2026, Month::February, 11),
    (2026, Month::February, 23),
    (2026, Month::March, 20),
    (2026, Month::April, 29),
    (2026, Month::May, 3),
    (2026, Month::May, 4),
    (2026, Month::May, 5),
    (2026, Month::May, 6),
    (2026, Month::July, 20),
    (2026, Month::August, 11),
    (2026, Month::September, 21),
    (2026, Month::September, 22),
    (2026, Month::September, 23),
    (2026, Month::October, 12),
    (2026, Month::November, 3),
    (2026, Month::November, 23),
    (2027, Month::January, 1),
    (2027, Month::January, 11),
    (2027, Month::February, 11),
    (2027, Month::February, 23),
    (2027, Month::March, 21),
    (2027, Month::March, 22),
    (2027, Month::April, 29),
    (2027, Month::May, 3),
    (2027, Month::May, 4),
    (2027, Month::May, 5),
    (2027, Month::July, 19),
    (2027, Month::August, 11),
    (2027, Month::September, 20),
    (2027, Month::September, 23),
    (2027, Month::October, 11),
    (2027, Month::November, 3),
    (2027, Month::November, 23),
];

/// A weekday that is not a national holiday.
pub fn is_business_day(d: Date) -> bool {
    !matches!(d.weekday(), Weekday::Saturday | Weekday::Sunday)
        && !HOLIDAYS
            .iter()
            .any(|(y, m, day)| d.year() == *y && d.month() == *m && d.day() == *day)
}

/// The last day on which first contact is still in time: the 2nd business day after the day
/// the inquiry arrived (an inquiry on Friday evening is in time on Tuesday).
pub fn first_contact_due(received_on: Date) -> Date {
    let mut d = received_on;
    let mut counted = 0;
    while counted < 2 {
        d += Duration::days(1);
        if is_business_day(d) {
            counted += 1;
        }
    }
    d
}

/// Not contacted in time: still 新規 after the due day.
pub fn contact_overdue(status: InquiryStatus, received_on: Date, today: Date) -> bool {
    status == InquiryStatus::New && today > first_contact_due(received_on)
}

/// A valid inquiry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InquiryInput {
    pub office_id: i64,
    pub kind: String,
    pub channel: String,
    pub name: String,
    pub phone: String,
    pub email: String,
    pub contact_by: String,
    pub preferred_times: String,
    pub message: String,
    /// ご本人: who the inquiry is about (`domain::inquirer`).
    pub person: Person,
}

/// The inquiry form as typed (the public form, or staff entering a phone call).
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(default)]
pub struct InquiryForm {
    pub office_id: String,
    pub kind: String,
    pub channel: String,
    pub inquirer_name: String,
    pub phone: String,
    pub email: String,
    pub contact_by: String,
    pub preferred_times: String,
    pub message: String,
    /// 続柄 of the writer to ご本人 (`domain::inquirer::RELATIONSHIPS`).
    pub relationship: String,
    /// ご本人's name, when someone else writes.
    pub person_name: String,
    /// ご本人's current employer and hire date, if they have a job.
    pub employer_name: String,
    pub hire_date: String,
    pub privacy: String,
    /// The tour slot asked for (checked against the office's open slots in `web`), or "".
    pub tour_slot_id: String,
    /// The honeypot: hidden from people, filled by bots.
    pub website: String,
    /// When the form was shown, signed (see `web::intake::inquiries`).
    pub shown_at: String,
}

impl InquiryForm {
    /// Parses the form. `offices` are the offices one may choose; `public` asks for the
    /// privacy consent and takes the channel as `web`.
    pub fn parse(&self, offices: &[i64], public: bool) -> Result<InquiryInput, FieldErrors> {
        let mut e = FieldErrors::new();
        let office_id = self
            .office_id
            .trim()
            .parse::<i64>()
            .ok()
            .filter(|id| offices.contains(id));
        if office_id.is_none() {
            e.add("office_id", "err.choose");
        }
        let kind = self.kind.trim().to_string();
        if !["question", "tour"].contains(&kind.as_str()) {
            e.add("kind", "err.choose");
        }
        let channel = if public {
            "web".to_string()
        } else {
            self.channel.trim().to_string()
        };
        if !["web", "phone", "email", "visit"].contains(&channel.as_str()) {
            e.add("channel", "err.choose");
        }
        let name = fields::required_text(&mut e, "inquirer_name", &self.inquirer_name, 100);
        let contact_by = self.contact_by.trim().to_string();
        let phone = fields::phone(&mut e, "phone", &self.phone, contact_by == "phone");
        let email = fields::email(&mut e, "email", &self.email, contact_by == "email");
        if !["phone", "email"].contains(&contact_by.as_str()) {
            e.add("contact_by", "err.choose");
        }
        let preferred_times =
            fields::optional_text(&mut e, "preferred_times", &self.preferred_times, 200);
        let message = fields::optional_multiline(&mut e, "message", &self.message, 2000);
        if kind == "question" && message.is_empty() {
            e.add("message", "err.required");
        }
        let person = parse_person(
            &mut e,
            &self.relationship,
            &self.person_name,
            &self.employer_name,
            &self.hire_date,
            public,
        );
        if public && self.privacy != "1" {
            e.add("privacy", "err.privacy");
        }
        match office_id {
            Some(office_id) if e.is_empty() => Ok(InquiryInput {
                office_id,
                kind,
                channel,
                name,
                phone,
                email,
                contact_by,
                preferred_times,
                message,
                person,
            }),
            _ => Err(e),
        }
    }
}

#[cfg(test)]
mod inbox_tests {
    use super::*;

    #[test]
    fn the_inbox_shows_the_open_ones_unless_asked() {
        for (code, show) in [
            ("", Inbox::Open),
            ("nonsense", Inbox::Open),
            ("all", Inbox::All),
            ("closed", Inbox::One(InquiryStatus::Closed)),
            ("new", Inbox::One(InquiryStatus::New)),
        ] {
            assert_eq!(Inbox::parse(code), show, "{code}");
            if code != "nonsense" {
                assert_eq!(show.code(), code);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn states_keep_their_stored_codes() {
        use InquiryStatus::*;
        let cases = [
            ("new", New),
            ("contacted", Contacted),
            ("tour_scheduled", TourScheduled),
            ("toured", Toured),
            ("applying", Applying),
            ("certificate_issued", CertificateIssued),
            ("contracted", Contracted),
            ("closed", Closed),
        ];
        assert_eq!(cases.map(|(_, s)| s), InquiryStatus::ALL, "pipeline order");
        for (code, status) in cases {
            assert_eq!(status.code(), code);
            assert_eq!(status.to_string(), code);
            assert_eq!(InquiryStatus::parse(code), Some(status));
            assert_eq!(InquiryStatus::try_from(code.to_string()), Ok(status));
            assert_eq!(status.label_key(), format!("inquiry.status.{code}"));
            assert!(crate::i18n::Lang::Ja.get(status.label_key()).is_some());
            assert!(crate::i18n::Lang::En.get(status.label_key()).is_some());
        }
        for bad in ["", "New", "tour scheduled", "contract", " new", "closed "] {
            assert_eq!(InquiryStatus::parse(bad), None, "{bad:?}");
            assert!(InquiryStatus::try_from(bad.to_string()).is_err());
        }
    }

    #[test]
    fn the_pipeline_moves_forward_or_closes() {
        use InquiryStatus::*;
        let cases: [(InquiryStatus, &[InquiryStatus]); 8] = [
            (New, &[Contacted, Closed]),
            (Contacted, &[TourScheduled, Applying, Closed]),
            (TourScheduled, &[Toured, Contacted, Closed]),
            (Toured, &[Applying, Closed]),
            (Applying, &[CertificateIssued, Closed]),
            (CertificateIssued, &[Contracted, Closed]),
            (Contracted, &[]),
            (Closed, &[]),
        ];
        for (from, allowed) in cases {
            assert_eq!(from.next(), allowed, "{from}");
            for to in InquiryStatus::ALL {
                assert_eq!(from.can_move_to(to), allowed.contains(&to), "{from} → {to}");
            }
        }
        let spot_checks = [
            (New, Contracted, false),
            (TourScheduled, Contacted, true),
            (Contracted, Closed, false),
            (Closed, New, false),
            (Applying, Closed, true),
        ];
        for (from, to, ok) in spot_checks {
            assert_eq!(from.can_move_to(to), ok, "{from} → {to}");
        }
    }

    /// 2 business days, skipping weekends and 国民の祝日 (内閣府).
    #[test]
    fn first_contact_deadlines() {
        let cases = [
            (date!(2026 - 11 - 24), date!(2026 - 11 - 26)), // Tue → Thu
            (date!(2026 - 11 - 27), date!(2026 - 12 - 01)), // Fri → Tue
            (date!(2026 - 11 - 20), date!(2026 - 11 - 25)), // Fri → Wed (11/23 is 勤労感謝の日)
            (date!(2026 - 04 - 30), date!(2026 - 05 - 07)), // Thu → Thu (5/1 Fri, then 5/3–6 GW)
            (date!(2026 - 09 - 18), date!(2026 - 09 - 25)), // Fri → Fri (9/21–23 連休)
        ];
        for (received, due) in cases {
            assert_eq!(first_contact_due(received), due, "received {received}");
        }
        assert!(!contact_overdue(
            InquiryStatus::New,
            date!(2026 - 11 - 27),
            date!(2026 - 12 - 01)
        ));
        assert!(contact_overdue(
            InquiryStatus::New,
            date!(2026 - 11 - 27),
            date!(2026 - 12 - 02)
        ));
        assert!(!contact_overdue(
            InquiryStatus::Contacted,
            date!(2026 - 11 - 27),
            date!(2026 - 12 - 10)
        ));
    }

    #[test]
    fn the_public_form() {
        let form = InquiryForm {
            office_id: "2".into(),
            kind: "tour".into(),
            inquirer_name: "見学 太郎".into(),
            contact_by: "email".into(),
            email: "visitor@example.jp".into(),
            privacy: "1".into(),
            relationship: "self".into(),
            ..Default::default()
        };
        let input = form.parse(&[1, 2], true).expect("valid");
        assert_eq!((input.channel.as_str(), input.office_id), ("web", 2));
        let e = InquiryForm {
            office_id: "9".into(),
            kind: "question".into(),
            contact_by: "phone".into(),
            ..Default::default()
        }
        .parse(&[1, 2], true)
        .unwrap_err();
        assert_eq!(e.get("office_id"), Some("err.choose"));
        assert_eq!(e.get("inquirer_name"), Some("err.required"));
        assert_eq!(
            e.get("phone"),
            Some("err.required"),
            "phone needed to call back"
        );
        assert_eq!(
            e.get("message"),
            Some("err.required"),
            "a question needs its text"
        );
        assert_eq!(e.get("privacy"), Some("err.privacy"));
    }
}

/// One month's intake figures for an office.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MonthCounts {
    pub month: YearMonth,
    pub inquiries: usize,
    /// Visits done (moved to 見学済み) in the month.
    pub tours: usize,
    /// Contracts (moved to 契約) in the month.
    pub contracts: usize,
    /// Average hours from receipt to first contact, for the month's inquiries contacted so far.
    pub avg_hours_to_contact: Option<i64>,
}

/// Figures per month (Japan time): `received` holds each inquiry's
/// receipt and first-contact instants, `events` each pipeline step's target state and time.
pub fn monthly_counts(
    received: &[(time::OffsetDateTime, Option<time::OffsetDateTime>)],
    events: &[(InquiryStatus, time::OffsetDateTime)],
    months: &[YearMonth],
) -> Vec<MonthCounts> {
    months
        .iter()
        .map(|m| {
            let in_month: Vec<_> = received.iter().filter(|(r, _)| m.contains(*r)).collect();
            let waits: Vec<i64> = in_month
                .iter()
                .filter_map(|(r, f)| f.map(|f| (f - *r).whole_hours()))
                .collect();
            let count = |state: InquiryStatus| {
                events
                    .iter()
                    .filter(|(s, at)| *s == state && m.contains(*at))
                    .count()
            };
            MonthCounts {
                month: *m,
                inquiries: in_month.len(),
                tours: count(InquiryStatus::Toured),
                contracts: count(InquiryStatus::Contracted),
                avg_hours_to_contact: (!waits.is_empty())
                    .then(|| waits.iter().sum::<i64>() / waits.len() as i64),
            }
        })
        .collect()
}

#[cfg(test)]
mod count_tests {
    use super::*;
    use time::macros::datetime;

    fn month(text: &str) -> YearMonth {
        YearMonth::parse(text).expect("month")
    }

    #[test]
    fn months_are_counted_in_japan_time() {
        let received = [
            (
                datetime!(2026-10-31 15:30 UTC),
                Some(datetime!(2026-11-01 03:30 UTC)),
            ), // 11/1 00:30 JST, contacted after 12 h
            (
                datetime!(2026-11-10 01:00 UTC),
                Some(datetime!(2026-11-11 01:00 UTC)),
            ), // 24 h
            (datetime!(2026-11-20 01:00 UTC), None),
            (datetime!(2026-10-20 01:00 UTC), None),
        ];
        let events = [
            (InquiryStatus::Toured, datetime!(2026-11-05 01:00 UTC)),
            (InquiryStatus::Contracted, datetime!(2026-11-25 01:00 UTC)),
            (InquiryStatus::Toured, datetime!(2026-10-05 01:00 UTC)),
        ];
        let counts = monthly_counts(&received, &events, &[month("2026-10"), month("2026-11")]);
        assert_eq!(
            counts[0],
            MonthCounts {
                month: month("2026-10"),
                inquiries: 1,
                tours: 1,
                contracts: 0,
                avg_hours_to_contact: None
            }
        );
        assert_eq!(
            counts[1],
            MonthCounts {
                month: month("2026-11"),
                inquiries: 3,
                tours: 1,
                contracts: 1,
                avg_hours_to_contact: Some(18)
            }
        );
    }
}
