//! お問い合わせ for staff: each office's inbox with the intake pipeline (every step
//! timestamped with who moved it), phone and email inquiries entered by staff, and inquiries
//! not contacted within 2 business days flagged. The public form is `web::intake::inquiry_form`.

use crate::web::access::{InquiryAccess, OfficeView, Policy, Routes};
use askama::Template;
use askama_web::WebTemplate;
use axum::{
    extract::Query,
    response::{IntoResponse, Response},
};
use serde::Deserialize;

use crate::clock;
use crate::domain::audit::Action;
use crate::domain::fields::FieldErrors;
use crate::domain::inquiry::{
    Inbox, InquiryForm, InquiryStatus, contact_overdue, first_contact_due,
};
use crate::domain::month::YearMonth;
use crate::domain::paging::{self, Keyset};
use crate::domain::tour::BookingStatus;
use crate::error::AppResult;
use crate::store::{
    self,
    inquiries::{Event, Inquiry},
    offices::Office,
    tours::Booking,
};
use crate::web::{
    csrf::CsrfForm,
    ctx::{AuditRef, Ctx, Page},
    intake::tours::SlotChoice,
    see_other, unprocessable,
};

pub fn routes() -> Routes {
    Routes::new()
        .get(
            "/offices/{id}/inquiries",
            Policy::OfficeView,
            list_inquiries,
        )
        .post(
            "/offices/{id}/inquiries",
            Policy::OfficeView,
            create_staff_inquiry,
        )
        .get(
            "/offices/{id}/inquiries/new",
            Policy::OfficeView,
            new_staff_inquiry,
        )
        .get("/inquiries/{id}", Policy::InquiryAccess, show_inquiry)
        .post("/inquiries/{id}/move", Policy::InquiryAccess, move_inquiry)
}

pub struct InboxRow {
    pub inquiry: Inquiry,
    pub overdue: bool,
    pub due: time::Date,
}

#[derive(Template, WebTemplate)]
#[template(path = "intake/inquiries/inbox.html")]
struct InboxPage {
    page: Page,
    office: Office,
    rows: Vec<InboxRow>,
    /// What the list shows (the open ones unless asked).
    show: Inbox,
    statuses: [InquiryStatus; 8],
    counts: Vec<crate::domain::inquiry::MonthCounts>,
    /// The office's inquiries past their first-contact day, on every page.
    overdue_count: usize,
    prev_href: Option<String>,
    next_href: Option<String>,
}

/// Inquiries per page of the inbox (#13: keyset by (received_at, id), never `OFFSET`).
pub const PAGE_SIZE: usize = 50;

impl InboxPage {
    fn filtered_by(&self, s: &InquiryStatus) -> bool {
        self.show == Inbox::One(*s)
    }
    fn shows_all(&self) -> bool {
        self.show == Inbox::All
    }
    fn kind_key(&self, s: &str) -> String {
        format!("inquiry.kind.{s}")
    }
    fn channel_key(&self, s: &str) -> String {
        format!("inquiry.channel.{s}")
    }
    fn at(&self, at: &time::OffsetDateTime) -> String {
        clock::format_jst(*at)
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct InboxQuery {
    pub status: String,
    pub after: String,
    pub before: String,
}

pub async fn list_inquiries(
    ctx: Ctx,
    OfficeView { office, .. }: OfficeView,
    Query(q): Query<InboxQuery>,
) -> AppResult<Response> {
    let show = Inbox::parse(&q.status);
    let today = clock::today();
    let db = &ctx.app.db;
    let at = Keyset::from_query(&q.after, &q.before);
    let mut rows =
        store::inquiries::page_for_office(db, office.id, show, at, PAGE_SIZE as i64 + 1).await?;
    let links = paging::cut(&mut rows, PAGE_SIZE, at, |i| i.id);
    let rows = rows
        .into_iter()
        .map(|inquiry| {
            let received = inquiry.received_at.to_offset(clock::JST).date();
            InboxRow {
                overdue: contact_overdue(inquiry.status, received, today),
                due: first_contact_due(received),
                inquiry,
            }
        })
        .collect();
    let overdue_count = store::inquiries::new_for_office(db, office.id)
        .await?
        .iter()
        .filter(|i| contact_overdue(i.status, i.received_at.to_offset(clock::JST).date(), today))
        .count();
    // The last 6 months' figures, newest first.
    let this_month = YearMonth::of(today);
    let months: Vec<YearMonth> = (0..6).map(|i| this_month.shift(-i)).collect();
    let since = this_month.shift(-5).utc_range().0;
    let (received, events) = store::inquiries::timeline_for_office(db, office.id, since).await?;
    let counts = crate::domain::inquiry::monthly_counts(&received, &events, &months);
    let href = |cursor: String| {
        format!(
            "/offices/{}/inquiries?status={}&{cursor}",
            office.id,
            show.code()
        )
    };
    let page = ctx.page("inquiry.inbox_title");
    Ok(InboxPage {
        page,
        prev_href: links.prev_before.map(|id| href(format!("before={id}"))),
        next_href: links.next_after.map(|id| href(format!("after={id}"))),
        office,
        rows,
        show,
        statuses: InquiryStatus::ALL,
        counts,
        overdue_count,
    }
    .into_response())
}

#[derive(Template, WebTemplate)]
#[template(path = "intake/inquiries/staff_form.html")]
struct StaffFormPage {
    page: Page,
    office: Office,
    form: InquiryForm,
    errors: FieldErrors,
}

pub async fn new_staff_inquiry(
    ctx: Ctx,
    OfficeView { office, .. }: OfficeView,
) -> AppResult<Response> {
    let form = InquiryForm {
        office_id: office.id.to_string(),
        kind: "question".into(),
        channel: "phone".into(),
        contact_by: "phone".into(),
        ..InquiryForm::default()
    };
    Ok(StaffFormPage {
        page: ctx.page("inquiry.staff_new"),
        office,
        form,
        errors: FieldErrors::new(),
    }
    .into_response())
}

pub async fn create_staff_inquiry(
    ctx: Ctx,
    OfficeView { who, office }: OfficeView,
    CsrfForm(mut form): CsrfForm<InquiryForm>,
) -> AppResult<Response> {
    form.office_id = office.id.to_string();
    let input = match form.parse(&[office.id], false) {
        Ok(input) => input,
        Err(errors) => {
            return Ok(unprocessable(StaffFormPage {
                page: ctx.page("inquiry.staff_new"),
                office,
                form,
                errors,
            }));
        }
    };
    let mut tx = ctx.app.db.begin().await?;
    let sender = store::inquiries::Sender {
        staff_id: Some(who.id),
        ..Default::default()
    };
    let iid = store::inquiries::insert(&mut tx, &input, sender, clock::now()).await?;
    ctx.audit(Action::InquiryCreate, &AuditRef::new("inquiry", iid))
        .office(office.id)
        .detail(format!("kind={} channel={}", input.kind, input.channel))
        .write(&mut tx)
        .await?;
    tx.commit().await?;
    Ok(see_other(&format!("/inquiries/{iid}?n=created")))
}

impl StaffFormPage {
    fn channel_key(&self, s: &str) -> String {
        format!("inquiry.channel.{s}")
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "intake/inquiries/show.html")]
pub(crate) struct ShowPage {
    page: Page,
    office: Office,
    inquiry: Inquiry,
    events: Vec<Event>,
    /// The tour booking, with its time in the page's language.
    tour: Option<(Booking, String)>,
    /// The office's open slots the tour can move to.
    open_slots: Vec<SlotChoice>,
    next: &'static [InquiryStatus],
    errors: FieldErrors,
    overdue: bool,
    due: time::Date,
    /// When 就労定着支援 can be used, from ご本人's hire date (`domain::inquirer::outlook`).
    outlook: Option<crate::domain::inquirer::Outlook>,
}

impl ShowPage {
    fn relationship_key(&self) -> String {
        format!("inquiry.relationship.{}", self.inquiry.relationship)
    }
    fn stage_key(&self, o: &crate::domain::inquirer::Outlook) -> String {
        format!("inquiry.outlook.{}", o.stage.code())
    }
    fn kind_key(&self, s: &str) -> String {
        format!("inquiry.kind.{s}")
    }
    fn channel_key(&self, s: &str) -> String {
        format!("inquiry.channel.{s}")
    }
    fn at(&self, at: &time::OffsetDateTime) -> String {
        clock::format_jst(*at)
    }
    fn booking_key(&self, s: &BookingStatus) -> &'static str {
        s.label_key()
    }
    fn holds_seat(&self, s: &BookingStatus) -> bool {
        crate::domain::tour::holds_seat(*s)
    }
    fn can_confirm(&self, s: &BookingStatus) -> bool {
        crate::domain::tour::can_confirm(*s)
    }
    /// Staff may book a slot: no tour yet (or a cancelled one), at a stage before the tour.
    fn can_book(&self) -> bool {
        self.tour
            .as_ref()
            .is_none_or(|(b, _)| b.status == BookingStatus::Cancelled)
            && crate::domain::tour::steps_to_schedule(self.inquiry.status).is_some()
    }
    fn shown_booking_status(&self) -> &str {
        self.tour.as_ref().map_or("", |(b, _)| b.status.code())
    }
}

pub(crate) async fn show_page(
    ctx: &Ctx,
    inquiry: Inquiry,
    office: Office,
    errors: FieldErrors,
) -> AppResult<ShowPage> {
    let events = store::inquiries::events(&ctx.app.db, inquiry.id).await?;
    let tour = store::tours::find_booking(&ctx.app.db, inquiry.id)
        .await?
        .map(|b| {
            let label = crate::web::intake::tours::slot_label(ctx.lang, b.starts_at, b.ends_at);
            (b, label)
        });
    let open = store::tours::list_open_at(&ctx.app.db, office.id, clock::now())
        .await?
        .into_iter()
        .filter(|s| tour.as_ref().is_none_or(|(b, _)| b.slot_id != s.id))
        .collect::<Vec<_>>();
    let received = inquiry.received_at.to_offset(clock::JST).date();
    Ok(ShowPage {
        page: ctx.page("inquiry.title_staff"),
        open_slots: crate::web::intake::tours::choices(ctx.lang, &open),
        tour,
        next: inquiry.status.next(),
        overdue: contact_overdue(inquiry.status, received, clock::today()),
        due: first_contact_due(received),
        outlook: inquiry
            .hire_date
            .map(|d| crate::domain::inquirer::outlook(d, clock::today())),
        office,
        inquiry,
        events,
        errors,
    })
}

pub async fn show_inquiry(
    ctx: Ctx,
    InquiryAccess {
        inquiry, office, ..
    }: InquiryAccess,
) -> AppResult<Response> {
    ctx.audit(Action::InquiryView, &inquiry)
        .office(office.id)
        .write_now(&ctx.app.db)
        .await?;
    Ok(show_page(&ctx, inquiry, office, FieldErrors::new())
        .await?
        .into_response())
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct MoveForm {
    pub from: String,
    pub to: String,
    pub note: String,
}

pub async fn move_inquiry(
    ctx: Ctx,
    InquiryAccess {
        who,
        inquiry,
        office,
    }: InquiryAccess,
    CsrfForm(form): CsrfForm<MoveForm>,
) -> AppResult<Response> {
    let mut errors = FieldErrors::new();
    // A state this inquiry cannot move to, or no known state at all, is the same choice error.
    let to = InquiryStatus::parse(&form.to).filter(|to| inquiry.status.can_move_to(*to));
    if to.is_none() {
        errors.add("to", "err.choose");
    }
    let note = crate::domain::fields::optional_text(&mut errors, "note", &form.note, 500);
    if to == Some(InquiryStatus::Closed) && note.is_empty() {
        errors.add("note", "err.close_reason");
    }
    let holds_seat = store::tours::find_booking(&ctx.app.db, inquiry.id)
        .await?
        .is_some_and(|b| crate::domain::tour::holds_seat(b.status));
    if let Some(to) = to
        && crate::domain::tour::move_needs_cancel(inquiry.status, to, holds_seat)
    {
        errors.add("to", "err.tour_cancel_first");
    }
    if form.from != inquiry.status.code() {
        // Someone else moved it meanwhile: show the page as it is now.
        errors.add("to", "err.stale_inquiry");
    }
    let Some(to) = to.filter(|_| errors.is_empty()) else {
        return Ok(unprocessable(
            show_page(&ctx, inquiry, office, errors).await?,
        ));
    };
    let mut tx = ctx.app.db.begin().await?;
    let moved = store::inquiries::move_to(
        &mut tx,
        inquiry.id,
        inquiry.status,
        to,
        &note,
        who.id,
        clock::now(),
    )
    .await?;
    if moved {
        ctx.audit(Action::InquiryMove, &inquiry)
            .office(office.id)
            .detail(format!("{} -> {to}", inquiry.status))
            .write(&mut tx)
            .await?;
    }
    tx.commit().await?;
    Ok(see_other(&format!("/inquiries/{}?n=saved", inquiry.id)))
}
