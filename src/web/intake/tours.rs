//! 見学枠 (tour slots): each office's list of the times it offers for visits, with who has
//! asked for each; the office's manager (or an admin) publishes, closes and deletes them.
//! Everyone in the office may look.

use crate::web::access::{OfficeManage, OfficeView, Policy, Routes, TourSlotManage};
use askama::Template;
use askama_web::WebTemplate;
use axum::response::{IntoResponse, Response};

use crate::clock;
use crate::domain::audit::Action;
use crate::domain::fields::FieldErrors;
use crate::domain::staff::Principal;
use crate::domain::tour::{self, BookingStatus, SlotForm};
use crate::error::AppResult;
use crate::i18n::Lang;
use crate::store::{
    self,
    offices::Office,
    tours::{Slot, SlotGuest},
};
use crate::web::{
    csrf::CsrfForm,
    ctx::{AuditRef, AuditTarget, Ctx, Page},
    see_other, unprocessable,
};

pub fn routes() -> Routes {
    Routes::new()
        .get("/offices/{id}/tours", Policy::OfficeView, list_tour_slots)
        .post(
            "/offices/{id}/tours",
            Policy::OfficeManage,
            create_tour_slot,
        )
        .post(
            "/tour-slots/{id}/close",
            Policy::OfficeManage,
            close_tour_slot,
        )
        .post(
            "/tour-slots/{id}/delete",
            Policy::OfficeManage,
            delete_tour_slot,
        )
}

/// A slot as a choice on a form: its time in the reader's language and the seats left.
#[derive(Debug, Clone)]
pub struct SlotChoice {
    pub id: i64,
    pub office_id: i64,
    pub label: String,
    pub seats_left: i64,
}

/// The slot's time, in the page's language.
pub fn slot_label(
    lang: Lang,
    starts_at: time::OffsetDateTime,
    ends_at: time::OffsetDateTime,
) -> String {
    match lang {
        Lang::Ja => tour::label_ja(starts_at, ends_at),
        Lang::En => tour::label_en(starts_at, ends_at),
    }
}

pub fn choices(lang: Lang, slots: &[Slot]) -> Vec<SlotChoice> {
    slots
        .iter()
        .map(|s| SlotChoice {
            id: s.id,
            office_id: s.office_id,
            label: slot_label(lang, s.starts_at, s.ends_at),
            seats_left: s.capacity - s.booked,
        })
        .collect()
}

/// One row of the slot list.
pub struct SlotRow {
    pub slot: Slot,
    pub label: String,
    pub guests: Vec<SlotGuest>,
}

#[derive(Template, WebTemplate)]
#[template(path = "intake/tours/list.html")]
struct ListPage {
    page: Page,
    office: Office,
    rows: Vec<SlotRow>,
    can_manage: bool,
    form: SlotForm,
    errors: FieldErrors,
}

impl ListPage {
    fn booking_key(&self, status: &BookingStatus) -> &'static str {
        status.label_key()
    }
}

async fn list_page(
    ctx: &Ctx,
    who: &Principal,
    office: Office,
    form: SlotForm,
    errors: FieldErrors,
) -> AppResult<ListPage> {
    let now = clock::now();
    let slots = store::tours::list_for_office(&ctx.app.db, office.id, now).await?;
    let guests = store::tours::guests_for_office(&ctx.app.db, office.id).await?;
    let rows = slots
        .into_iter()
        .map(|slot| SlotRow {
            label: slot_label(ctx.lang, slot.starts_at, slot.ends_at),
            guests: guests
                .iter()
                .filter(|g| g.slot_id == slot.id)
                .cloned()
                .collect(),
            slot,
        })
        .collect();
    Ok(ListPage {
        page: ctx.form_page("tour.list_title").await?,
        can_manage: who.can_manage_office(office.id),
        office,
        rows,
        form,
        errors,
    })
}

/// Everyone in the office sees the slots; only its manager (or an admin) gets the form.
pub async fn list_tour_slots(
    ctx: Ctx,
    OfficeView { who, office }: OfficeView,
) -> AppResult<Response> {
    let form = SlotForm {
        capacity: "1".into(),
        ..SlotForm::default()
    };
    Ok(list_page(&ctx, &who, office, form, FieldErrors::new())
        .await?
        .into_response())
}

pub async fn create_tour_slot(
    ctx: Ctx,
    OfficeManage { who, office }: OfficeManage,
    CsrfForm(form): CsrfForm<SlotForm>,
) -> AppResult<Response> {
    let now = clock::now();
    let input = match form.parse(now) {
        Ok(input) => input,
        Err(errors) => {
            return Ok(unprocessable(
                list_page(&ctx, &who, office, form, errors).await?,
            ));
        }
    };
    let mut tx = ctx.app.db.begin().await?;
    let sid = store::tours::insert_slot(&mut tx, office.id, &input, who.id, now).await?;
    ctx.audit(
        Action::TourSlotCreate,
        &AuditRef::new("tour_slot", sid).office(office.id),
    )
    .detail(format!("{} capacity={}", input.starts_at, input.capacity))
    .write(&mut tx)
    .await?;
    tx.commit().await?;
    Ok(see_other(&format!(
        "/offices/{}/tours?n=created",
        office.id
    )))
}

impl AuditTarget for Slot {
    fn audit_ref(&self) -> AuditRef {
        AuditRef::new("tour_slot", self.id).office(self.office_id)
    }
}

pub async fn close_tour_slot(
    ctx: Ctx,
    TourSlotManage { slot, office, .. }: TourSlotManage,
    CsrfForm(_): CsrfForm<Vec<(String, String)>>,
) -> AppResult<Response> {
    let mut tx = ctx.app.db.begin().await?;
    if store::tours::close_slot(&mut tx, slot.id, clock::now()).await? {
        ctx.audit(Action::TourSlotClose, &slot)
            .write(&mut tx)
            .await?;
    }
    tx.commit().await?;
    Ok(see_other(&format!("/offices/{}/tours?n=saved", office.id)))
}

pub async fn delete_tour_slot(
    ctx: Ctx,
    TourSlotManage { slot, office, .. }: TourSlotManage,
    CsrfForm(_): CsrfForm<Vec<(String, String)>>,
) -> AppResult<Response> {
    let mut tx = ctx.app.db.begin().await?;
    if !store::tours::delete_slot(&mut tx, slot.id).await? {
        // Someone has asked for it: it stays, closed, so their booking keeps its time.
        drop(tx);
        return Ok(see_other(&format!(
            "/offices/{}/tours?n=slot_booked",
            office.id
        )));
    }
    ctx.audit(Action::TourSlotDelete, &slot)
        .write(&mut tx)
        .await?;
    tx.commit().await?;
    Ok(see_other(&format!(
        "/offices/{}/tours?n=deleted",
        office.id
    )))
}
