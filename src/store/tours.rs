//! 見学枠 (tour slots) and 見学予約 (tour bookings). A seat is taken and given back only
//! through conditional UPDATEs, so that concurrent requests cannot overbook a slot.
use time::OffsetDateTime;

use crate::db::{Db, Tx};
use crate::domain::tour::{BookingStatus, SlotInput};
use crate::{on_db, on_tx};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Slot {
    pub id: i64,
    pub office_id: i64,
    pub starts_at: OffsetDateTime,
    pub ends_at: OffsetDateTime,
    pub capacity: i64,
    pub booked: i64,
    pub place_note: String,
    pub closed_at: Option<OffsetDateTime>,
}

/// A booking with its slot's times (what the inquiry page and the emails need).
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Booking {
    pub id: i64,
    pub inquiry_id: i64,
    pub slot_id: i64,
    #[sqlx(try_from = "String")]
    pub status: BookingStatus,
    pub reminder_outbox_id: Option<i64>,
    pub starts_at: OffsetDateTime,
    pub ends_at: OffsetDateTime,
    pub place_note: String,
}

/// Who holds a seat in one of the office's slots, for the slot list.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct SlotGuest {
    pub slot_id: i64,
    pub inquiry_id: i64,
    pub name: String,
    #[sqlx(try_from = "String")]
    pub status: BookingStatus,
}

const SLOT_COLUMNS: &str =
    "id, office_id, starts_at, ends_at, capacity, booked, place_note, closed_at";

pub async fn insert_slot(
    tx: &mut Tx,
    office_id: i64,
    s: &SlotInput,
    staff_id: i64,
    now: OffsetDateTime,
) -> Result<i64, sqlx::Error> {
    on_tx!(tx, c => sqlx::query_scalar(
        "INSERT INTO tour_slots (office_id, starts_at, ends_at, capacity, booked, place_note,
                                 created_by, created_at)
         VALUES ($1, $2, $3, $4, 0, $5, $6, $7) RETURNING id")
        .bind(office_id).bind(s.starts_at).bind(s.ends_at).bind(s.capacity).bind(&s.place_note)
        .bind(staff_id).bind(now)
        .fetch_one(c).await)
}

pub async fn find_slot(db: &Db, id: i64) -> Result<Option<Slot>, sqlx::Error> {
    let sql = format!("SELECT {SLOT_COLUMNS} FROM tour_slots WHERE id = $1");
    on_db!(db, pool => sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(id).fetch_optional(pool).await)
}

/// The office's slots that end after `since`, earliest first (open, full and closed).
pub async fn list_for_office(
    db: &Db,
    office_id: i64,
    since: OffsetDateTime,
) -> Result<Vec<Slot>, sqlx::Error> {
    let sql = format!(
        "SELECT {SLOT_COLUMNS} FROM tour_slots WHERE office_id = $1 AND ends_at > $2
         ORDER BY starts_at, id"
    );
    on_db!(db, pool => sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(office_id).bind(since)
        .fetch_all(pool).await)
}

/// The open slots of one office (`$1`), published or not: the office's own inquiry page.
pub const OPEN_AT_OFFICE: &str = "SELECT s.id, s.office_id, s.starts_at, s.ends_at, s.capacity, s.booked,
                s.place_note, s.closed_at
         FROM tour_slots s
         WHERE s.office_id = $1 AND s.starts_at > $2 AND s.closed_at IS NULL AND s.booked < s.capacity
         ORDER BY s.starts_at, s.id";

scoped! {
    /// The open slots of published offices: of one (`$1`) on the public inquiry form when
    /// the visitor chose it, else of all.
    pub const OPEN_PUBLIC = "SELECT s.id, s.office_id, s.starts_at, s.ends_at, s.capacity, s.booked,
                s.place_note, s.closed_at
         FROM tour_slots s JOIN offices o ON o.id = s.office_id
         WHERE o.published AND ", office: "s.office_id = $1",
        " AND s.starts_at > $2 AND s.closed_at IS NULL AND s.booked < s.capacity
         ORDER BY s.office_id, s.starts_at, s.id";
}

/// Slots of the office one can still ask for (starting after `now`, not closed, with a
/// seat left), earliest first.
pub async fn list_open_at(
    db: &Db,
    office_id: i64,
    now: OffsetDateTime,
) -> Result<Vec<Slot>, sqlx::Error> {
    on_db!(db, pool => sqlx::query_as(OPEN_AT_OFFICE).bind(office_id).bind(now)
        .fetch_all(pool).await)
}

/// Open slots of published offices, of `office_id` or of every office; by office, earliest
/// first.
pub async fn list_open_public(
    db: &Db,
    office_id: Option<i64>,
    now: OffsetDateTime,
) -> Result<Vec<Slot>, sqlx::Error> {
    on_db!(db, pool => sqlx::query_as(OPEN_PUBLIC.text(office_id)).bind(office_id).bind(now)
        .fetch_all(pool).await)
}

/// The people holding seats in the office's slots (requested or confirmed).
pub async fn guests_for_office(db: &Db, office_id: i64) -> Result<Vec<SlotGuest>, sqlx::Error> {
    on_db!(db, pool => sqlx::query_as(
        "SELECT b.slot_id, b.inquiry_id, i.name, b.status
         FROM tour_bookings b JOIN inquiries i ON i.id = b.inquiry_id
         JOIN tour_slots s ON s.id = b.slot_id
         WHERE s.office_id = $1 AND b.status IN ('requested', 'confirmed')
         ORDER BY b.id")
        .bind(office_id).fetch_all(pool).await)
}

/// Takes one seat of the slot if it still belongs to `office_id`, is open, has not started
/// and has a seat left. The database checks all of it under the row's write lock, so two
/// requests for the last seat cannot both get it. Returns whether a seat was taken.
pub async fn take_seat(
    tx: &mut Tx,
    slot_id: i64,
    office_id: i64,
    now: OffsetDateTime,
) -> Result<bool, sqlx::Error> {
    let sql = "UPDATE tour_slots SET booked = booked + 1
               WHERE id = $1 AND office_id = $2 AND closed_at IS NULL AND starts_at > $3
                 AND booked < capacity";
    let n = on_tx!(tx, c => sqlx::query(sql).bind(slot_id).bind(office_id).bind(now)
        .execute(c).await.map(|r| r.rows_affected()))?;
    Ok(n == 1)
}

/// Gives a seat back (a booking cancelled or moved away).
pub async fn release_seat(tx: &mut Tx, slot_id: i64) -> Result<(), sqlx::Error> {
    on_tx!(tx, c => sqlx::query("UPDATE tour_slots SET booked = booked - 1 WHERE id = $1 AND booked > 0")
        .bind(slot_id).execute(c).await.map(|_| ()))
}

/// Stops offering the slot; bookings already made stay.
pub async fn close_slot(tx: &mut Tx, id: i64, now: OffsetDateTime) -> Result<bool, sqlx::Error> {
    let n = on_tx!(tx, c => sqlx::query("UPDATE tour_slots SET closed_at = $2 WHERE id = $1 AND closed_at IS NULL")
        .bind(id).bind(now).execute(c).await.map(|r| r.rows_affected()))?;
    Ok(n == 1)
}

/// Deletes a slot nobody ever booked. False when it has bookings (close it instead).
pub async fn delete_slot(tx: &mut Tx, id: i64) -> Result<bool, sqlx::Error> {
    let n = on_tx!(tx, c => sqlx::query(
        "DELETE FROM tour_slots WHERE id = $1
         AND NOT EXISTS (SELECT 1 FROM tour_bookings WHERE slot_id = $1)")
        .bind(id).execute(c).await.map(|r| r.rows_affected()))?;
    Ok(n == 1)
}

pub async fn insert_booking(
    tx: &mut Tx,
    inquiry_id: i64,
    slot_id: i64,
    now: OffsetDateTime,
) -> Result<i64, sqlx::Error> {
    on_tx!(tx, c => sqlx::query_scalar(
        "INSERT INTO tour_bookings (inquiry_id, slot_id, status, created_at, updated_at)
         VALUES ($1, $2, 'requested', $3, $3) RETURNING id")
        .bind(inquiry_id).bind(slot_id).bind(now).fetch_one(c).await)
}

pub async fn find_booking(db: &Db, inquiry_id: i64) -> Result<Option<Booking>, sqlx::Error> {
    on_db!(db, pool => sqlx::query_as(
        "SELECT b.id, b.inquiry_id, b.slot_id, b.status, b.reminder_outbox_id,
                s.starts_at, s.ends_at, s.place_note
         FROM tour_bookings b JOIN tour_slots s ON s.id = b.slot_id WHERE b.inquiry_id = $1")
        .bind(inquiry_id).fetch_optional(pool).await)
}

/// Moves the booking from `from` to `to` (and onto `slot_id`) if nobody changed it
/// meanwhile; sets the pending reminder. Returns whether it changed.
#[allow(clippy::too_many_arguments)]
pub async fn update_booking(
    tx: &mut Tx,
    id: i64,
    from_status: BookingStatus,
    from_slot: i64,
    to_status: BookingStatus,
    to_slot: i64,
    reminder_outbox_id: Option<i64>,
    now: OffsetDateTime,
) -> Result<bool, sqlx::Error> {
    let n = on_tx!(tx, c => sqlx::query(
        "UPDATE tour_bookings SET status = $4, slot_id = $5, reminder_outbox_id = $6, updated_at = $7
         WHERE id = $1 AND status = $2 AND slot_id = $3")
        .bind(id).bind(from_status.code()).bind(from_slot).bind(to_status.code()).bind(to_slot)
        .bind(reminder_outbox_id).bind(now)
        .execute(c).await.map(|r| r.rows_affected()))?;
    Ok(n == 1)
}

/// A tour asked for and not yet confirmed by staff (the manager's home).
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Unconfirmed {
    pub inquiry_id: i64,
    pub name: String,
    pub starts_at: OffsetDateTime,
}

/// The office's tours still `requested`, soonest first.
pub async fn unconfirmed_for_office(
    db: &Db,
    office_id: i64,
) -> Result<Vec<Unconfirmed>, sqlx::Error> {
    on_db!(db, pool => sqlx::query_as(
        "SELECT b.inquiry_id, i.name, s.starts_at
         FROM tour_bookings b
         JOIN tour_slots s ON s.id = b.slot_id
         JOIN inquiries i ON i.id = b.inquiry_id
         WHERE s.office_id = $1 AND b.status = 'requested'
         ORDER BY s.starts_at, b.id")
        .bind(office_id).fetch_all(pool).await)
}
