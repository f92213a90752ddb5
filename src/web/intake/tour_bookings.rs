//! 見学予約 (tour bookings): a visitor asks for a slot on the public form (`web::intake::inquiries`
//! calls [`check_public_choice`] and [`book_seat`]); staff confirm it from the inquiry page
//! (the pipeline moves to 見学日程確定, the visitor gets the details, a reminder waits in the
//! outbox for the day before), move it to another slot, or cancel it (the seat is given back
//! and the pending reminder withdrawn). Staff also book a slot for an inquiry that came by
//! phone, or again after a cancellation. Each step is an `inquiry_events` row and an audit row.

use crate::web::access::{InquiryAccess, Policy, Routes};
use axum::response::Response;
use serde::Deserialize;
use time::OffsetDateTime;

use crate::clock;
use crate::db::Tx;
use crate::domain::audit::Action;
use crate::domain::fields::{self, FieldErrors};
use crate::domain::inquiry::InquiryStatus;
use crate::domain::tour::{self, BookingStatus};
use crate::error::{AppError, AppResult};
use crate::store::{self, inquiries::Inquiry, offices::Office, tours::Booking, tours::Slot};
use crate::web::{
    csrf::CsrfForm,
    ctx::Ctx,
    intake::inquiries::show_page,
    intake::tour_mail::{self, When},
    intake::tours::slot_label,
    see_other, unprocessable,
};

pub fn routes() -> Routes {
    Routes::new()
        .post(
            "/inquiries/{id}/tour/book",
            Policy::InquiryAccess,
            book_tour,
        )
        .post(
            "/inquiries/{id}/tour/confirm",
            Policy::InquiryAccess,
            confirm_tour,
        )
        .post(
            "/inquiries/{id}/tour/reschedule",
            Policy::InquiryAccess,
            reschedule_tour,
        )
        .post(
            "/inquiries/{id}/tour/cancel",
            Policy::InquiryAccess,
            cancel_tour,
        )
}

/// The slot chosen on the public form, checked against the chosen office: `Ok(None)` when
/// none was chosen (or the request is a question), the field message when it cannot be had.
pub async fn check_public_choice(
    ctx: &Ctx,
    kind: &str,
    raw: &str,
    office_id: i64,
) -> AppResult<Result<Option<Slot>, FieldErrors>> {
    let mut errors = FieldErrors::new();
    if kind != "tour" || raw.trim().is_empty() {
        return Ok(Ok(None));
    }
    let slot = match raw.trim().parse::<i64>() {
        Ok(id) => store::tours::find_slot(&ctx.app.db, id).await?,
        Err(_) => None,
    };
    let Some(slot) = slot else {
        errors.add("tour_slot_id", "err.choose");
        return Ok(Err(errors));
    };
    let offered = slot.closed_at.is_none() && slot.starts_at > clock::now();
    match tour::refusal(
        slot.office_id,
        office_id,
        offered,
        slot.capacity - slot.booked,
    ) {
        Some(key) => {
            errors.add("tour_slot_id", key);
            Ok(Err(errors))
        }
        None => Ok(Ok(Some(slot))),
    }
}

/// Takes a seat for the new inquiry in its transaction. False when the slot filled up
/// since it was checked: the caller rolls back and shows the form again.
pub async fn book_seat(
    tx: &mut Tx,
    slot: &Slot,
    inquiry_id: i64,
    now: OffsetDateTime,
) -> Result<bool, sqlx::Error> {
    if !store::tours::take_seat(tx, slot.id, slot.office_id, now).await? {
        return Ok(false);
    }
    store::tours::insert_booking(tx, inquiry_id, slot.id, now).await?;
    Ok(true)
}

/// The message for a field on the inquiry page, as a 422 with the page as it is now.
async fn refuse(
    ctx: &Ctx,
    inquiry: Inquiry,
    office: Office,
    field: &'static str,
    key: &'static str,
) -> AppResult<Response> {
    let mut errors = FieldErrors::new();
    errors.add(field, key);
    Ok(unprocessable(
        show_page(ctx, inquiry, office, errors).await?,
    ))
}

fn when(b: &Booking) -> When<'_> {
    When {
        starts_at: b.starts_at,
        ends_at: b.ends_at,
        place_note: &b.place_note,
    }
}

fn slot_when(s: &Slot) -> When<'_> {
    When {
        starts_at: s.starts_at,
        ends_at: s.ends_at,
        place_note: &s.place_note,
    }
}

/// Queues the reminder for a confirmed tour, if its time has not passed and the visitor gave
/// an email address; returns its outbox id.
async fn queue_reminder(
    tx: &mut Tx,
    office: &Office,
    inquiry: &Inquiry,
    when: &When<'_>,
    now: OffsetDateTime,
) -> AppResult<Option<i64>> {
    let Some(at) = tour::reminder_at(when.starts_at, now) else {
        return Ok(None);
    };
    match tour_mail::reminder(office, inquiry, when, at)? {
        Some(m) => Ok(Some(crate::email::enqueue(tx, &m).await?)),
        None => Ok(None),
    }
}

async fn enqueue(tx: &mut Tx, msg: Option<crate::email::OutgoingEmail>) -> Result<(), sqlx::Error> {
    if let Some(m) = msg {
        crate::email::enqueue(tx, &m).await?;
    }
    Ok(())
}

/// What the inquiry page's tour forms send: the booking's state as the page showed it (so a
/// stale page changes nothing), and for a move the new slot, for a cancellation a note.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct TourForm {
    pub booking_status: String,
    pub tour_slot_id: String,
    pub note: String,
}

/// The inquiry's tour booking, or 404.
async fn booking_of(ctx: &Ctx, inquiry: &Inquiry) -> AppResult<Booking> {
    let booking = store::tours::find_booking(&ctx.app.db, inquiry.id)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(booking)
}

/// The office's slot chosen on a staff form, other than `current`.
async fn chosen_slot(
    ctx: &Ctx,
    raw: &str,
    office: &Office,
    current: Option<i64>,
) -> AppResult<Option<Slot>> {
    let slot = match raw.trim().parse::<i64>() {
        Ok(sid) => store::tours::find_slot(&ctx.app.db, sid).await?,
        Err(_) => None,
    };
    Ok(slot.filter(|s| s.office_id == office.id && Some(s.id) != current))
}

/// Books a slot for an inquiry without a tour (one taken by phone) or whose tour was
/// cancelled. The booking starts as requested; confirming it is the next step.
pub async fn book_tour(
    ctx: Ctx,
    InquiryAccess {
        who,
        inquiry,
        office,
    }: InquiryAccess,
    CsrfForm(form): CsrfForm<TourForm>,
) -> AppResult<Response> {
    let booking = store::tours::find_booking(&ctx.app.db, inquiry.id).await?;
    let shown = booking.as_ref().map_or("", |b| b.status.code());
    if booking
        .as_ref()
        .is_some_and(|b| b.status != BookingStatus::Cancelled)
        || form.booking_status != shown
    {
        return refuse(&ctx, inquiry, office, "tour", "err.stale_inquiry").await;
    }
    if tour::steps_to_schedule(inquiry.status).is_none() {
        return refuse(&ctx, inquiry, office, "tour", "err.tour_not_now").await;
    }
    let Some(slot) = chosen_slot(&ctx, &form.tour_slot_id, &office, None).await? else {
        return refuse(&ctx, inquiry, office, "tour_slot_id", "err.choose").await;
    };
    let now = clock::now();
    let mut tx = ctx.app.db.begin().await?;
    if !store::tours::take_seat(&mut tx, slot.id, office.id, now).await? {
        drop(tx);
        return refuse(&ctx, inquiry, office, "tour_slot_id", "err.tour_slot_full").await;
    }
    let booked = match &booking {
        None => {
            store::tours::insert_booking(&mut tx, inquiry.id, slot.id, now).await?;
            true
        }
        Some(b) => {
            store::tours::update_booking(
                &mut tx,
                b.id,
                BookingStatus::Cancelled,
                b.slot_id,
                BookingStatus::Requested,
                slot.id,
                None,
                now,
            )
            .await?
        }
    };
    if !booked {
        drop(tx);
        return refuse(&ctx, inquiry, office, "tour", "err.stale_inquiry").await;
    }
    let label = slot_label(ctx.lang, slot.starts_at, slot.ends_at);
    let note = format!("{}: {label}", ctx.lang.t("tour.event_booked"));
    store::inquiries::add_event(&mut tx, inquiry.id, inquiry.status, &note, who.id, now).await?;
    ctx.audit(Action::TourBook, &inquiry)
        .office(office.id)
        .detail(format!("slot={}", slot.id))
        .write(&mut tx)
        .await?;
    tx.commit().await?;
    Ok(see_other(&format!("/inquiries/{}?n=saved", inquiry.id)))
}

pub async fn confirm_tour(
    ctx: Ctx,
    InquiryAccess {
        who,
        inquiry,
        office,
    }: InquiryAccess,
    CsrfForm(form): CsrfForm<TourForm>,
) -> AppResult<Response> {
    let booking = booking_of(&ctx, &inquiry).await?;
    let steps = tour::steps_to_schedule(inquiry.status);
    if !tour::can_confirm(booking.status) || form.booking_status != booking.status.code() {
        return refuse(&ctx, inquiry, office, "tour", "err.stale_inquiry").await;
    }
    let Some(steps) = steps else {
        return refuse(&ctx, inquiry, office, "tour", "err.tour_not_now").await;
    };
    let now = clock::now();
    let w = when(&booking);
    let label = slot_label(ctx.lang, booking.starts_at, booking.ends_at);
    let note = format!("{}: {label}", ctx.lang.t("tour.event_confirmed"));
    let mut tx = ctx.app.db.begin().await?;
    let reminder = queue_reminder(&mut tx, &office, &inquiry, &w, now).await?;
    let mut changed = store::tours::update_booking(
        &mut tx,
        booking.id,
        BookingStatus::Requested,
        booking.slot_id,
        BookingStatus::Confirmed,
        booking.slot_id,
        reminder,
        now,
    )
    .await?;
    let mut from = inquiry.status;
    for (i, step) in steps.iter().enumerate() {
        let step_note = if i + 1 == steps.len() {
            note.as_str()
        } else {
            ""
        };
        changed &=
            store::inquiries::move_to(&mut tx, inquiry.id, from, *step, step_note, who.id, now)
                .await?;
        from = *step;
    }
    if steps.is_empty() {
        store::inquiries::add_event(&mut tx, inquiry.id, from, &note, who.id, now).await?;
    }
    if !changed {
        drop(tx);
        return refuse(&ctx, inquiry, office, "tour", "err.stale_inquiry").await;
    }
    enqueue(
        &mut tx,
        tour_mail::confirmation(&office, &inquiry, &w, reminder.is_some())?,
    )
    .await?;
    ctx.audit(Action::TourConfirm, &inquiry)
        .office(office.id)
        .detail(format!("slot={}", booking.slot_id))
        .write(&mut tx)
        .await?;
    tx.commit().await?;
    Ok(see_other(&format!("/inquiries/{}?n=saved", inquiry.id)))
}

pub async fn reschedule_tour(
    ctx: Ctx,
    InquiryAccess {
        who,
        inquiry,
        office,
    }: InquiryAccess,
    CsrfForm(form): CsrfForm<TourForm>,
) -> AppResult<Response> {
    let booking = booking_of(&ctx, &inquiry).await?;
    if !tour::holds_seat(booking.status) || form.booking_status != booking.status.code() {
        return refuse(&ctx, inquiry, office, "tour", "err.stale_inquiry").await;
    }
    let Some(slot) = chosen_slot(&ctx, &form.tour_slot_id, &office, Some(booking.slot_id)).await?
    else {
        return refuse(&ctx, inquiry, office, "tour_slot_id", "err.choose").await;
    };
    let now = clock::now();
    let mut tx = ctx.app.db.begin().await?;
    // The new seat first: when the slot filled up meanwhile nothing else has changed yet.
    if !store::tours::take_seat(&mut tx, slot.id, office.id, now).await? {
        drop(tx);
        return refuse(&ctx, inquiry, office, "tour_slot_id", "err.tour_slot_full").await;
    }
    store::tours::release_seat(&mut tx, booking.slot_id).await?;
    if let Some(r) = booking.reminder_outbox_id {
        store::outbox::delete_queued(&mut tx, r).await?;
    }
    let confirmed = booking.status == BookingStatus::Confirmed;
    let reminder = if confirmed {
        queue_reminder(&mut tx, &office, &inquiry, &slot_when(&slot), now).await?
    } else {
        None
    };
    if !store::tours::update_booking(
        &mut tx,
        booking.id,
        booking.status,
        booking.slot_id,
        booking.status,
        slot.id,
        reminder,
        now,
    )
    .await?
    {
        drop(tx);
        return refuse(&ctx, inquiry, office, "tour", "err.stale_inquiry").await;
    }
    let before = slot_label(ctx.lang, booking.starts_at, booking.ends_at);
    let after = slot_label(ctx.lang, slot.starts_at, slot.ends_at);
    let note = format!("{}: {before} → {after}", ctx.lang.t("tour.event_moved"));
    store::inquiries::add_event(&mut tx, inquiry.id, inquiry.status, &note, who.id, now).await?;
    if confirmed {
        let mail = tour_mail::change(&office, &inquiry, &when(&booking), &slot_when(&slot))?;
        enqueue(&mut tx, mail).await?;
    }
    ctx.audit(Action::TourReschedule, &inquiry)
        .office(office.id)
        .detail(format!("slot={} -> {}", booking.slot_id, slot.id))
        .write(&mut tx)
        .await?;
    tx.commit().await?;
    Ok(see_other(&format!("/inquiries/{}?n=saved", inquiry.id)))
}

pub async fn cancel_tour(
    ctx: Ctx,
    InquiryAccess {
        who,
        inquiry,
        office,
    }: InquiryAccess,
    CsrfForm(form): CsrfForm<TourForm>,
) -> AppResult<Response> {
    let booking = booking_of(&ctx, &inquiry).await?;
    if !tour::holds_seat(booking.status) || form.booking_status != booking.status.code() {
        return refuse(&ctx, inquiry, office, "tour", "err.stale_inquiry").await;
    }
    let mut errors = FieldErrors::new();
    let reason = fields::optional_text(&mut errors, "note", &form.note, 200);
    if !errors.is_empty() {
        return Ok(unprocessable(
            show_page(&ctx, inquiry, office, errors).await?,
        ));
    }
    let now = clock::now();
    let mut tx = ctx.app.db.begin().await?;
    if !store::tours::update_booking(
        &mut tx,
        booking.id,
        booking.status,
        booking.slot_id,
        BookingStatus::Cancelled,
        booking.slot_id,
        None,
        now,
    )
    .await?
    {
        drop(tx);
        return refuse(&ctx, inquiry, office, "tour", "err.stale_inquiry").await;
    }
    store::tours::release_seat(&mut tx, booking.slot_id).await?;
    if let Some(r) = booking.reminder_outbox_id {
        store::outbox::delete_queued(&mut tx, r).await?;
    }
    let label = slot_label(ctx.lang, booking.starts_at, booking.ends_at);
    let mut note = format!("{}: {label}", ctx.lang.t("tour.event_cancelled"));
    if !reason.is_empty() {
        note.push_str(&format!("（{reason}）"));
    }
    // A scheduled tour goes back to 連絡済み; otherwise the inquiry stays where it is.
    if inquiry.status == InquiryStatus::TourScheduled {
        store::inquiries::move_to(
            &mut tx,
            inquiry.id,
            InquiryStatus::TourScheduled,
            InquiryStatus::Contacted,
            &note,
            who.id,
            now,
        )
        .await?;
    } else {
        store::inquiries::add_event(&mut tx, inquiry.id, inquiry.status, &note, who.id, now)
            .await?;
    }
    enqueue(
        &mut tx,
        tour_mail::cancellation(&office, &inquiry, &when(&booking))?,
    )
    .await?;
    ctx.audit(Action::TourCancel, &inquiry)
        .office(office.id)
        .detail(format!("slot={}", booking.slot_id))
        .write(&mut tx)
        .await?;
    tx.commit().await?;
    Ok(see_other(&format!("/inquiries/{}?n=saved", inquiry.id)))
}
