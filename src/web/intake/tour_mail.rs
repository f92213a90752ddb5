//! The emails a visitor gets about a tour: the confirmation (when, where, what to bring), the
//! reminder the day before, and a short note when the tour is moved or cancelled. Their words
//! are the templates `templates/email/tour_*.txt` (`email::messages`). Always in Japanese:
//! the visitor's language is not known when staff act on the inquiry.

use time::OffsetDateTime;

use crate::domain::tour;
use crate::email::OutgoingEmail;
use crate::email::messages::{
    Rendered, TourCancelled, TourConfirmed, TourMoved, TourReminder, Visit,
};
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
        match LANG {
            Lang::Ja => tour::label_ja(self.starts_at, self.ends_at),
            Lang::En => tour::label_en(self.starts_at, self.ends_at),
        }
    }
}

/// The address the visitor gave, if we can write to it.
fn recipient(inquiry: &Inquiry) -> Option<&str> {
    crate::email::is_valid_address(&inquiry.email).then_some(inquiry.email.as_str())
}

fn visit(office: &Office, inquiry: &Inquiry, when: &When) -> Visit {
    Visit {
        name: inquiry.name.clone(),
        when: when.label(),
        office_name: office.name.clone(),
        prefecture: office.prefecture.clone(),
        address: office.address.clone(),
        nearest_station: office.nearest_station.clone(),
        place_note: when.place_note.to_string(),
        office_phone: office.phone.clone(),
    }
}

/// The email to the visitor, or `None` when they gave no usable address (nothing is
/// rendered then).
fn message(
    inquiry: &Inquiry,
    render: impl FnOnce() -> Result<Rendered, askama::Error>,
) -> anyhow::Result<Option<OutgoingEmail>> {
    let Some(to) = recipient(inquiry) else {
        return Ok(None);
    };
    let r = render()?;
    Ok(Some(
        OutgoingEmail::new(to, r.subject, r.body).related_to("inquiry", inquiry.id),
    ))
}

/// The tour is confirmed: when, where, what to bring, and whether a reminder follows.
pub fn confirmation(
    office: &Office,
    inquiry: &Inquiry,
    when: &When,
    with_reminder: bool,
) -> anyhow::Result<Option<OutgoingEmail>> {
    message(inquiry, || {
        TourConfirmed {
            visit: visit(office, inquiry, when),
            with_reminder,
        }
        .render(LANG)
    })
}

/// The reminder, held in the outbox until `at` (the morning of the day before).
pub fn reminder(
    office: &Office,
    inquiry: &Inquiry,
    when: &When,
    at: OffsetDateTime,
) -> anyhow::Result<Option<OutgoingEmail>> {
    let mail = message(inquiry, || {
        TourReminder {
            visit: visit(office, inquiry, when),
        }
        .render(LANG)
    })?;
    Ok(mail.map(|m| m.not_before(at)))
}

/// The tour moved from `before` to `when`.
pub fn change(
    office: &Office,
    inquiry: &Inquiry,
    before: &When,
    when: &When,
) -> anyhow::Result<Option<OutgoingEmail>> {
    message(inquiry, || {
        TourMoved {
            visit: visit(office, inquiry, when),
            before: before.label(),
        }
        .render(LANG)
    })
}

/// The tour is cancelled.
pub fn cancellation(
    office: &Office,
    inquiry: &Inquiry,
    when: &When,
) -> anyhow::Result<Option<OutgoingEmail>> {
    message(inquiry, || {
        TourCancelled {
            visit: visit(office, inquiry, when),
        }
        .render(LANG)
    })
}
