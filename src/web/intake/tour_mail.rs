//! The emails a visitor gets about a tour: the confirmation (when, where, what to bring), the
//! reminder the day before, and a short note when the tour is moved or cancelled. Always in
//! Japanese: the visitor's language is not known when staff act on the inquiry.

use time::OffsetDateTime;

use crate::domain::tour;
use crate::email::OutgoingEmail;
use crate::i18n::Lang;
use crate::store::{inquiries::Inquiry, offices::Office};

const LANG: Lang = Lang::Ja;

/// The slot a message is about.
pub struct When<'a> {
    pub starts_at: OffsetDateTime,
    pub ends_at: OffsetDateTime,
    pub place_note: &'a str,
}

impl When<'_> {
    fn label(&self) -> String {
        tour::label_ja(self.starts_at, self.ends_at)
    }
}

/// The address the visitor gave, if we can write to it.
fn recipient(inquiry: &Inquiry) -> Option<&str> {
    crate::email::is_valid_address(&inquiry.email).then_some(inquiry.email.as_str())
}

/// Date, place, nearest station and the meeting point.
fn details(office: &Office, when: &When) -> String {
    let t = |k| LANG.t(k);
    let mut out = format!(
        "{}: {}\n{}: {}（{} {}）\n",
        t("tour.mail_when"),
        when.label(),
        t("tour.mail_where"),
        office.name,
        office.prefecture,
        office.address
    );
    if !office.nearest_station.is_empty() {
        out.push_str(&format!(
            "{}: {}\n",
            t("field.nearest_station"),
            office.nearest_station
        ));
    }
    if !when.place_note.is_empty() {
        out.push_str(&format!("{}: {}\n", t("field.place_note"), when.place_note));
    }
    out
}

fn footer(office: &Office) -> String {
    format!(
        "{}\n{} {}\n\n{}\n",
        LANG.t("tour.mail_contact"),
        office.name,
        office.phone,
        LANG.t("email.inquiry_footer")
    )
}

fn message(inquiry: &Inquiry, subject: String, body: String) -> Option<OutgoingEmail> {
    let to = recipient(inquiry)?;
    Some(OutgoingEmail::new(to, subject, body).related_to("inquiry", inquiry.id))
}

fn subject(key: &str, office: &Office) -> String {
    format!("{}（{}）", LANG.t(key), office.name)
}

/// The tour is confirmed: when, where, what to bring, and whether a reminder follows.
pub fn confirmation(
    office: &Office,
    inquiry: &Inquiry,
    when: &When,
    with_reminder: bool,
) -> Option<OutgoingEmail> {
    let mut body = format!(
        "{} 様\n\n{}\n\n{}\n{}\n",
        inquiry.name,
        LANG.t("tour.mail_confirmed_body"),
        details(office, when),
        LANG.t("tour.mail_bring")
    );
    if with_reminder {
        body.push_str(&format!("\n{}\n", LANG.t("tour.mail_reminder_follows")));
    }
    body.push_str(&format!("\n{}", footer(office)));
    message(
        inquiry,
        subject("tour.mail_confirmed_subject", office),
        body,
    )
}

/// The reminder, held in the outbox until `at` (the morning of the day before).
pub fn reminder(
    office: &Office,
    inquiry: &Inquiry,
    when: &When,
    at: OffsetDateTime,
) -> Option<OutgoingEmail> {
    let body = format!(
        "{} 様\n\n{}\n\n{}\n{}\n\n{}",
        inquiry.name,
        LANG.t("tour.mail_reminder_body"),
        details(office, when),
        LANG.t("tour.mail_bring"),
        footer(office)
    );
    message(inquiry, subject("tour.mail_reminder_subject", office), body).map(|m| m.not_before(at))
}

/// The tour moved from `before` to `when`.
pub fn change(
    office: &Office,
    inquiry: &Inquiry,
    before: &When,
    when: &When,
) -> Option<OutgoingEmail> {
    let body = format!(
        "{} 様\n\n{}\n\n{}: {}\n{}\n{}\n\n{}",
        inquiry.name,
        LANG.t("tour.mail_changed_body"),
        LANG.t("tour.mail_before"),
        before.label(),
        details(office, when),
        LANG.t("tour.mail_bring"),
        footer(office)
    );
    message(inquiry, subject("tour.mail_changed_subject", office), body)
}

/// The tour is cancelled.
pub fn cancellation(office: &Office, inquiry: &Inquiry, when: &When) -> Option<OutgoingEmail> {
    let body = format!(
        "{} 様\n\n{}\n\n{}: {}\n\n{}",
        inquiry.name,
        LANG.t("tour.mail_cancelled_body"),
        LANG.t("tour.mail_when"),
        when.label(),
        footer(office)
    );
    message(
        inquiry,
        subject("tour.mail_cancelled_subject", office),
        body,
    )
}
