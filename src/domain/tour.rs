//! 見学 (tours): the slots an office offers, the rules for publishing one, the booking's
//! states, and when the reminder goes out. Times are Japan time on the forms and UTC in the
//! database; `now`/`today` are passed in.

use time::{Date, Duration, OffsetDateTime, PrimitiveDateTime, Time, UtcOffset, macros::offset};

use super::fields::{self, FieldErrors};
use super::inquiry::InquiryStatus;

/// Japan Standard Time (no daylight saving), in which offices publish their slots.
const JST: UtcOffset = offset!(+9);

/// The most visitors one slot takes. A tour is a small walk through the office with staff
/// answering questions; a larger group is an information session, not a tour.
pub const MAX_CAPACITY: i64 = 20;

/// How far ahead a slot may be published.
pub const MAX_DAYS_AHEAD: i64 = 365;

/// The hour (Japan time) of the day before the tour at which the reminder is sent.
pub const REMINDER_HOUR: u8 = 9;

/// A booking's states (`tour_bookings.status`): asked for on the public form, confirmed by
/// staff, or cancelled.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BookingStatus {
    Requested,
    Confirmed,
    Cancelled,
}

impl BookingStatus {
    pub const ALL: [BookingStatus; 3] = [
        BookingStatus::Requested,
        BookingStatus::Confirmed,
        BookingStatus::Cancelled,
    ];
    /// The `tour_bookings.status` code.
    pub fn code(self) -> &'static str {
        match self {
            BookingStatus::Requested => "requested",
            BookingStatus::Confirmed => "confirmed",
            BookingStatus::Cancelled => "cancelled",
        }
    }
    pub fn parse(code: &str) -> Option<BookingStatus> {
        BookingStatus::ALL.into_iter().find(|s| s.code() == code)
    }
    /// The i18n key of its name.
    pub fn label_key(self) -> &'static str {
        match self {
            BookingStatus::Requested => "tour.booking.requested",
            BookingStatus::Confirmed => "tour.booking.confirmed",
            BookingStatus::Cancelled => "tour.booking.cancelled",
        }
    }
}

impl std::fmt::Display for BookingStatus {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

/// For `sqlx::FromRow`'s `try_from`: the store reads the text column into the enum.
impl TryFrom<String> for BookingStatus {
    type Error = fields::UnknownStatus;
    fn try_from(code: String) -> Result<BookingStatus, fields::UnknownStatus> {
        BookingStatus::parse(&code).ok_or(fields::UnknownStatus(code))
    }
}

/// A slot as typed on the staff form.
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(default)]
pub struct SlotForm {
    pub slot_date: String,
    pub start_time: String,
    pub end_time: String,
    pub capacity: String,
    pub place_note: String,
}

/// A valid slot, in UTC.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SlotInput {
    pub starts_at: OffsetDateTime,
    pub ends_at: OffsetDateTime,
    pub capacity: i64,
    pub place_note: String,
}

impl SlotForm {
    /// Parses the form: a date from today up to a year ahead, a start still in the future,
    /// an end after the start on the same day, 1 to [`MAX_CAPACITY`] visitors.
    pub fn parse(&self, now: OffsetDateTime) -> Result<SlotInput, FieldErrors> {
        let mut e = FieldErrors::new();
        let today = now.to_offset(JST).date();
        let date = fields::date(&mut e, "slot_date", &self.slot_date, true);
        if let Some(d) = date {
            if d < today {
                e.add("slot_date", "err.tour_past");
            } else if d > today + Duration::days(MAX_DAYS_AHEAD) {
                e.add("slot_date", "err.tour_too_far");
            }
        }
        let start = time_of_day(&mut e, "start_time", &self.start_time);
        let end = time_of_day(&mut e, "end_time", &self.end_time);
        if let (Some(s), Some(t)) = (start, end)
            && t <= s
        {
            e.add("end_time", "err.tour_end_before_start");
        }
        let capacity = fields::integer(&mut e, "capacity", &self.capacity, 1, MAX_CAPACITY, true);
        let place_note = fields::optional_text(&mut e, "place_note", &self.place_note, 200);
        let (Some(d), Some(s), Some(t), Some(capacity)) = (date, start, end, capacity) else {
            return Err(e);
        };
        let starts_at = in_japan(d, s);
        if starts_at <= now && e.get("slot_date").is_none() {
            e.add("start_time", "err.tour_past");
        }
        e.into_result(SlotInput {
            starts_at,
            ends_at: in_japan(d, t),
            capacity,
            place_note,
        })
    }
}

/// A time of day as `<input type="time">` sends it (`14:00`), or typed `9:30` / `１４：００`.
fn time_of_day(errors: &mut FieldErrors, field: &'static str, value: &str) -> Option<Time> {
    let v = fields::normalize_ascii(value);
    if v.is_empty() {
        errors.add(field, "err.required");
        return None;
    }
    let parsed = v.split_once(':').and_then(|(h, m)| {
        let ok = (1..=2).contains(&h.len()) && m.len() == 2;
        let (h, m) = (h.parse::<u8>().ok()?, m.parse::<u8>().ok()?);
        ok.then(|| Time::from_hms(h, m, 0).ok()).flatten()
    });
    if parsed.is_none() {
        errors.add(field, "err.time");
    }
    parsed
}

/// The instant of a Japan-time date and time, in UTC.
pub fn in_japan(date: Date, time: Time) -> OffsetDateTime {
    PrimitiveDateTime::new(date, time)
        .assume_offset(JST)
        .to_offset(time::UtcOffset::UTC)
}

/// When the reminder goes out: at [`REMINDER_HOUR`] Japan time on the day before the tour.
/// `None` when that moment has passed (a tour confirmed the day before, after 9:00, or on
/// the day itself): the confirmation itself is then the reminder.
pub fn reminder_at(starts_at: OffsetDateTime, now: OffsetDateTime) -> Option<OffsetDateTime> {
    let day_before = starts_at.to_offset(JST).date() - Duration::days(1);
    let at = in_japan(day_before, Time::from_hms(REMINDER_HOUR, 0, 0).ok()?);
    (at > now).then_some(at)
}

/// The pipeline steps that confirming a tour takes the inquiry through: confirming a new
/// inquiry is also its first contact. `None` when the inquiry is past the tour stage.
pub fn steps_to_schedule(status: InquiryStatus) -> Option<&'static [InquiryStatus]> {
    use InquiryStatus::*;
    match status {
        New => Some(&[Contacted, TourScheduled]),
        Contacted => Some(&[TourScheduled]),
        TourScheduled => Some(&[]),
        Toured | Applying | CertificateIssued | Contracted | Closed => None,
    }
}

/// Why a slot chosen on the public form cannot be booked (an i18n key), if it cannot:
/// another office's slot, one no longer offered (closed or started), or one that is full.
pub fn refusal(
    slot_office: i64,
    chosen_office: i64,
    offered: bool,
    seats_left: i64,
) -> Option<&'static str> {
    if slot_office != chosen_office {
        Some("err.tour_slot_office")
    } else if !offered {
        Some("err.tour_slot_closed")
    } else if seats_left <= 0 {
        Some("err.tour_slot_full")
    } else {
        None
    }
}

/// A pipeline move that would leave a tour holding a seat (and its reminder pending) for an
/// inquiry that no longer expects it: closing the inquiry, or taking a scheduled tour back
/// to 連絡済み. Staff cancel the tour first, which frees the seat and tells the visitor.
pub fn move_needs_cancel(from: InquiryStatus, to: InquiryStatus, booking_holds_seat: bool) -> bool {
    use InquiryStatus::*;
    booking_holds_seat && (to == Closed || (from == TourScheduled && to == Contacted))
}

/// A booking may be confirmed while it is only requested.
pub fn can_confirm(status: BookingStatus) -> bool {
    status == BookingStatus::Requested
}

/// A booking may be cancelled or moved while it holds a seat.
pub fn holds_seat(status: BookingStatus) -> bool {
    matches!(status, BookingStatus::Requested | BookingStatus::Confirmed)
}

const WEEKDAYS_JA: [&str; 7] = ["月", "火", "水", "木", "金", "土", "日"];

/// `2026年12月3日（木）14:00〜15:00`, in Japan time, for emails and Japanese pages.
pub fn label_ja(starts_at: OffsetDateTime, ends_at: OffsetDateTime) -> String {
    let (s, e) = (starts_at.to_offset(JST), ends_at.to_offset(JST));
    format!(
        "{}年{}月{}日（{}）{:02}:{:02}〜{:02}:{:02}",
        s.year(),
        u8::from(s.month()),
        s.day(),
        WEEKDAYS_JA[usize::from(s.weekday().number_days_from_monday())],
        s.hour(),
        s.minute(),
        e.hour(),
        e.minute()
    )
}

/// `Thu 3 Dec 2026, 14:00–15:00`, in Japan time.
pub fn label_en(starts_at: OffsetDateTime, ends_at: OffsetDateTime) -> String {
    let (s, e) = (starts_at.to_offset(JST), ends_at.to_offset(JST));
    let weekday = s.weekday().to_string();
    let month = s.month().to_string();
    format!(
        "{} {} {} {}, {:02}:{:02}–{:02}:{:02}",
        &weekday[..3],
        s.day(),
        &month[..3],
        s.year(),
        s.hour(),
        s.minute(),
        e.hour(),
        e.minute()
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::{date, datetime};

    // 2026-11-27 10:00 JST.
    const NOW: OffsetDateTime = datetime!(2026-11-27 01:00 UTC);

    fn form(d: &str, s: &str, e: &str, c: &str) -> SlotForm {
        SlotForm {
            slot_date: d.into(),
            start_time: s.into(),
            end_time: e.into(),
            capacity: c.into(),
            place_note: String::new(),
        }
    }

    #[test]
    fn a_slot_is_stored_in_utc() {
        let input = form("2026-12-03", "14:00", "１５：３０", "3")
            .parse(NOW)
            .expect("valid");
        assert_eq!(input.starts_at, datetime!(2026-12-03 05:00 UTC));
        assert_eq!(input.ends_at, datetime!(2026-12-03 06:30 UTC));
        assert_eq!(input.capacity, 3);
    }

    #[test]
    fn bad_slots() {
        let cases = [
            (
                form("2026-11-26", "14:00", "15:00", "3"),
                "slot_date",
                "err.tour_past",
            ),
            (
                form("2026-11-27", "09:00", "10:00", "3"),
                "start_time",
                "err.tour_past",
            ),
            (
                form("2028-01-01", "14:00", "15:00", "3"),
                "slot_date",
                "err.tour_too_far",
            ),
            (
                form("2026-12-03", "15:00", "14:00", "3"),
                "end_time",
                "err.tour_end_before_start",
            ),
            (
                form("2026-12-03", "15:00", "15:00", "3"),
                "end_time",
                "err.tour_end_before_start",
            ),
            (
                form("2026-12-03", "25:00", "26:00", "3"),
                "start_time",
                "err.time",
            ),
            (
                form("2026-12-03", "14:00", "15:00", "0"),
                "capacity",
                "err.out_of_range",
            ),
            (
                form("2026-12-03", "14:00", "15:00", "21"),
                "capacity",
                "err.out_of_range",
            ),
            (
                form("2026-12-03", "14:00", "15:00", "100000"),
                "capacity",
                "err.out_of_range",
            ),
            (form("", "14:00", "15:00", "3"), "slot_date", "err.required"),
            (
                form("2026-12-03", "", "15:00", "3"),
                "start_time",
                "err.required",
            ),
        ];
        for (f, field, key) in cases {
            let e = f.parse(NOW).unwrap_err();
            assert_eq!(e.get(field), Some(key), "{f:?}");
        }
        assert!(
            form("2026-11-27", "10:30", "11:00", "1").parse(NOW).is_ok(),
            "later today"
        );
    }

    #[test]
    fn the_reminder_goes_out_at_nine_the_day_before() {
        let tour = datetime!(2026-12-03 05:00 UTC); // 12/3 14:00 JST
        let cases = [
            (NOW, Some(datetime!(2026-12-02 00:00 UTC))), // 12/2 09:00 JST
            (
                datetime!(2026-12-01 23:59 UTC),
                Some(datetime!(2026-12-02 00:00 UTC)),
            ),
            (datetime!(2026-12-02 00:00 UTC), None), // confirmed at 9:00 the day before
            (datetime!(2026-12-02 03:00 UTC), None),
        ];
        for (now, expected) in cases {
            assert_eq!(reminder_at(tour, now), expected, "{now}");
        }
        // A tour at 08:00 JST on 12/3 is 23:00 UTC on 12/2: the day is counted in Japan.
        assert_eq!(
            reminder_at(datetime!(2026-12-02 23:00 UTC), NOW),
            Some(datetime!(2026-12-02 00:00 UTC))
        );
    }

    #[test]
    fn confirming_moves_the_pipeline() {
        assert_eq!(
            steps_to_schedule(InquiryStatus::New),
            Some(&[InquiryStatus::Contacted, InquiryStatus::TourScheduled][..])
        );
        assert_eq!(
            steps_to_schedule(InquiryStatus::Contacted),
            Some(&[InquiryStatus::TourScheduled][..])
        );
        assert_eq!(
            steps_to_schedule(InquiryStatus::TourScheduled),
            Some(&[][..])
        );
        assert_eq!(steps_to_schedule(InquiryStatus::Closed), None);
        assert_eq!(steps_to_schedule(InquiryStatus::Toured), None);
        use BookingStatus::{Cancelled, Confirmed, Requested};
        assert!(can_confirm(Requested) && !can_confirm(Confirmed) && !can_confirm(Cancelled));
        assert!(holds_seat(Requested) && holds_seat(Confirmed) && !holds_seat(Cancelled));
    }

    #[test]
    fn booking_states_keep_their_stored_codes() {
        let cases = [
            ("requested", BookingStatus::Requested),
            ("confirmed", BookingStatus::Confirmed),
            ("cancelled", BookingStatus::Cancelled),
        ];
        for (code, status) in cases {
            assert_eq!(status.code(), code);
            assert_eq!(status.to_string(), code);
            assert_eq!(BookingStatus::try_from(code.to_string()), Ok(status));
            assert!(crate::i18n::Lang::Ja.get(status.label_key()).is_some());
        }
        for bad in ["", "Requested", "booked", "canceled"] {
            assert_eq!(BookingStatus::parse(bad), None, "{bad:?}");
            assert!(BookingStatus::try_from(bad.to_string()).is_err());
        }
    }

    #[test]
    fn a_held_seat_is_cancelled_before_the_inquiry_leaves_the_tour() {
        use InquiryStatus::*;
        let cases = [
            (New, Contacted, true, false),
            (Contacted, Closed, true, true),
            (TourScheduled, Contacted, true, true),
            (TourScheduled, Toured, true, false),
            (TourScheduled, Closed, false, false),
        ];
        for (from, to, holds, expected) in cases {
            assert_eq!(
                move_needs_cancel(from, to, holds),
                expected,
                "{from} → {to}"
            );
        }
    }

    #[test]
    fn a_chosen_slot_is_refused_with_a_reason() {
        assert_eq!(refusal(1, 2, true, 3), Some("err.tour_slot_office"));
        assert_eq!(refusal(1, 1, false, 3), Some("err.tour_slot_closed"));
        assert_eq!(refusal(1, 1, true, 0), Some("err.tour_slot_full"));
        assert_eq!(refusal(1, 1, true, 1), None);
    }

    #[test]
    fn labels_in_japan_time() {
        let (s, e) = (
            datetime!(2026-12-03 05:00 UTC),
            datetime!(2026-12-03 06:30 UTC),
        );
        assert_eq!(label_ja(s, e), "2026年12月3日（木）14:00〜15:30");
        assert_eq!(label_en(s, e), "Thu 3 Dec 2026, 14:00–15:30");
        assert_eq!(
            in_japan(date!(2026 - 12 - 03), Time::MIDNIGHT),
            datetime!(2026-12-02 15:00 UTC)
        );
    }
}
