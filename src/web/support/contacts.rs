//! 支援記録 pages: a client's history (every contact with its concerns and agreed actions,
//! and the open concerns by category over the last months), recording a contact, resolving
//! a concern (which makes it a past case, `crate::cases`) and finishing a task.
//!
//! A contact that shares information outside the office (what was shared with the employer
//! or an institution, or the hand-over at the end) must name the consent it relies on, and
//! `domain::consent::check` decides; a blocked sharing is a field message, nothing is saved.

use std::collections::BTreeMap;

use askama::Template;
use askama_web::WebTemplate;
use axum::{
    extract::{FromRef, FromRequestParts},
    http::request::Parts,
    response::{IntoResponse, Response},
};
use serde::Deserialize;

use crate::app::AppState;
use crate::clock;
use crate::db::Db;
use crate::domain::audit::Action;
use crate::domain::consent::Category;
use crate::domain::contact::{
    ACTION_ROWS, CONCERN_CATEGORIES, CONCERN_ROWS, ContactForm, Mode, PARTICIPANTS,
};
use crate::domain::fields::FieldErrors;
use crate::domain::month::YearMonth;
use crate::error::{AppError, AppResult};
use crate::store::{
    self,
    clients::Client,
    consents::ConsentRow,
    contacts::{Concern, Contact},
    offices::Office,
    staff::Staff,
    tasks::Task,
};
use crate::web::{
    access::{
        Child, ClientEdit, ClientView, OfClient, Policy, Routes, Sub, client_of, path_id, signed_in,
    },
    csrf::CsrfForm,
    ctx::{AuditRef, AuditTarget, Ctx, Page},
    safe_next, see_other, unprocessable,
};

pub fn routes() -> Routes {
    Routes::new()
        .get("/clients/{id}/contacts", Policy::ClientView, list_contacts)
        .post("/clients/{id}/contacts", Policy::ClientEdit, create_contact)
        .get(
            "/clients/{id}/contacts/new",
            Policy::ClientEdit,
            new_contact,
        )
        .post(
            "/clients/{id}/concerns/{kid}/resolve",
            Policy::ClientEdit,
            resolve_concern,
        )
        .post("/tasks/{id}/done", Policy::ClientEdit, finish_task)
}

/// `{kid}` in `/clients/{id}/concerns/{kid}/…`: a concern of that client.
impl Child for Concern {
    type Of = OfClient;
    const PARAM: &'static str = "kid";
    async fn load(db: &Db, client_id: i64, id: i64) -> Result<Option<Self>, sqlx::Error> {
        store::contacts::find_concern(db, client_id, id).await
    }
}

impl AuditTarget for Concern {
    fn audit_ref(&self) -> AuditRef {
        AuditRef::new("concern", self.id).client(self.client_id)
    }
}

impl AuditTarget for Task {
    fn audit_ref(&self) -> AuditRef {
        AuditRef::new("task", self.id).client(self.client_id)
    }
}

/// The task `{id}` (`/tasks/{id}/done`), for the staff of its client's office: the sign-in
/// redirect, 404 for a missing task (or one of another organisation), 403 for a task of
/// another office, as for the client's own pages.
pub struct TaskEdit {
    pub task: Task,
    pub client: Client,
    pub office: Office,
}

impl<S> FromRequestParts<S> for TaskEdit
where
    AppState: FromRef<S>,
    S: Send + Sync,
{
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let who = signed_in(parts)?;
        let id = path_id(parts, state, "id").await?;
        let db = AppState::from_ref(state).db;
        let task = store::tasks::find(&db, id)
            .await?
            .ok_or(AppError::NotFound)?;
        let (client, office) = client_of(&db, &who, task.client_id).await?;
        Ok(TaskEdit {
            task,
            client,
            office,
        })
    }
}

/// How many months the "open concerns by category" table covers.
const TREND_MONTHS: i32 = 6;

#[derive(Template, WebTemplate)]
#[template(path = "support/contacts/list.html")]
struct ListPage {
    page: Page,
    client: Client,
    contacts: Vec<Contact>,
    concerns: Vec<Concern>,
    tasks: Vec<Task>,
    /// (category, counts per month oldest first) for categories with open concerns.
    trend: Vec<(String, Vec<usize>)>,
    months: Vec<String>,
    errors: FieldErrors,
    error_concern: Option<i64>,
    today: time::Date,
}

impl ListPage {
    fn concerns_of(&self, contact_id: &i64) -> Vec<&Concern> {
        self.concerns
            .iter()
            .filter(|k| k.contact_id == *contact_id)
            .collect()
    }
    fn tasks_of(&self, contact_id: &i64) -> Vec<&Task> {
        self.tasks
            .iter()
            .filter(|t| t.contact_id == Some(*contact_id))
            .collect()
    }
    fn open_concerns(&self) -> Vec<&Concern> {
        self.concerns
            .iter()
            .filter(|k| k.resolved_at.is_none())
            .collect()
    }
    fn at(&self, at: &time::OffsetDateTime) -> String {
        clock::format_jst(*at)
    }
    fn mode_key(&self, code: &str) -> String {
        format!("contact.mode.{code}")
    }
    fn participant_keys(&self, column: &str) -> Vec<String> {
        column
            .split(',')
            .filter(|p| !p.is_empty())
            .map(|p| format!("contact.who.{p}"))
            .collect()
    }
    fn category_key(&self, code: &str) -> String {
        format!("concern.cat.{code}")
    }
    fn severity_key(&self, severity: &i64) -> String {
        format!("concern.severity.{severity}")
    }
    fn error_for(&self, concern_id: &i64) -> bool {
        self.error_concern == Some(*concern_id)
    }
    fn overdue(&self, task: &Task) -> bool {
        store::tasks::is_overdue(task, self.today)
    }
}

/// Month labels (YYYY-MM, Japan time) for the last `TREND_MONTHS` months, oldest first.
fn recent_months(today: time::Date) -> Vec<String> {
    (0..TREND_MONTHS)
        .rev()
        .map(|i| YearMonth::of(today).shift(-i).to_string())
        .collect()
}

fn month_of(at: time::OffsetDateTime) -> String {
    YearMonth::of(at.to_offset(clock::JST).date()).to_string()
}

/// Open concerns counted by category and month raised.
fn trend(concerns: &[Concern], months: &[String]) -> Vec<(String, Vec<usize>)> {
    let mut by_category: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for k in concerns.iter().filter(|k| k.resolved_at.is_none()) {
        let Some(cat) = CONCERN_CATEGORIES.iter().position(|c| *c == k.category) else {
            continue;
        };
        if let Some(m) = months.iter().position(|m| *m == month_of(k.occurred_at)) {
            by_category
                .entry(cat)
                .or_insert_with(|| vec![0; months.len()])[m] += 1;
        }
    }
    by_category
        .into_iter()
        .map(|(cat, counts)| (CONCERN_CATEGORIES[cat].to_string(), counts))
        .collect()
}

async fn list_page(
    ctx: &Ctx,
    client: Client,
    errors: FieldErrors,
    error_concern: Option<i64>,
) -> AppResult<ListPage> {
    let db = &ctx.app.db;
    let contacts = store::contacts::list_for_client(db, client.id).await?;
    let concerns = store::contacts::concerns_for_client(db, client.id).await?;
    let tasks = store::tasks::for_client(db, client.id).await?;
    let today = clock::today();
    let months = recent_months(today);
    let trend = trend(&concerns, &months);
    Ok(ListPage {
        page: ctx.page("contact.list_title"),
        client,
        contacts,
        concerns,
        tasks,
        trend,
        months,
        errors,
        error_concern,
        today,
    })
}

/// The history page. Its `client.view` row is written by `ClientView`.
pub async fn list_contacts(ctx: Ctx, ClientView { client, .. }: ClientView) -> AppResult<Response> {
    Ok(list_page(&ctx, client, FieldErrors::new(), None)
        .await?
        .into_response())
}

#[derive(Template, WebTemplate)]
#[template(path = "support/contacts/form.html")]
struct FormPage {
    page: Page,
    client: Client,
    form: ContactForm,
    errors: FieldErrors,
    staff: Vec<Staff>,
    institutions: Vec<(i64, String)>,
    consents: Vec<ConsentRow>,
    blocked: Option<String>,
    concern_rows: Vec<usize>,
    action_rows: Vec<usize>,
    /// The "似た事例を見る" step (web::support::cases).
    similar: crate::web::support::cases::Similar,
}

impl FormPage {
    fn modes(&self) -> [Mode; 4] {
        Mode::ALL
    }
    fn participants(&self) -> [&'static str; 7] {
        PARTICIPANTS
    }
    fn categories(&self) -> [&'static str; 14] {
        CONCERN_CATEGORIES
    }
    fn who_key(&self, code: &str) -> String {
        format!("contact.who.{code}")
    }
    fn category_key(&self, code: &str) -> String {
        format!("concern.cat.{code}")
    }
    fn field(&self, prefix: &str, i: &usize) -> String {
        format!("{prefix}_{i}")
    }
    fn row_error(&self, prefix: &str, i: &usize) -> Option<&'static str> {
        self.errors.get(&format!("{prefix}_{i}"))
    }
    fn selected(&self, key: &str, value: &str) -> bool {
        self.form.get(key) == value
    }
}

async fn form_page(
    ctx: &Ctx,
    client: Client,
    office: &Office,
    form: ContactForm,
    errors: FieldErrors,
    blocked: Option<String>,
) -> AppResult<FormPage> {
    let db = &ctx.app.db;
    let staff = store::staff::list_for_office(db, office.id)
        .await?
        .into_iter()
        .map(|(s, _)| s)
        .collect();
    let institutions = store::contacts::institution_choices(db, office.id).await?;
    let consents = store::consents::list_for_client(db, client.id)
        .await?
        .into_iter()
        .filter(|c| c.withdrawn_at.is_none())
        .collect();
    Ok(FormPage {
        page: ctx.page("contact.new"),
        client,
        form,
        errors,
        staff,
        institutions,
        consents,
        blocked,
        concern_rows: (1..=CONCERN_ROWS).collect(),
        action_rows: (1..=ACTION_ROWS).collect(),
        similar: Default::default(),
    })
}

/// The form as typed, with the similar cases found for it (web::support::cases).
pub async fn form_with_similar(
    ctx: &Ctx,
    client: Client,
    office: &Office,
    form: ContactForm,
    similar: crate::web::support::cases::Similar,
) -> AppResult<Response> {
    let mut page = form_page(ctx, client, office, form, FieldErrors::new(), None).await?;
    page.similar = similar;
    Ok(page.into_response())
}

pub async fn new_contact(
    ctx: Ctx,
    ClientEdit {
        who,
        client,
        office,
    }: ClientEdit,
) -> AppResult<Response> {
    let now = clock::now().to_offset(clock::JST);
    let form = ContactForm(vec![
        ("contact_date".into(), now.date().to_string()),
        (
            "contact_time".into(),
            format!("{:02}:{:02}", now.hour(), now.minute()),
        ),
        ("mode".into(), "face_to_face".into()),
        ("participants".into(), "client".into()),
        ("action_owner_1".into(), who.id.to_string()),
        ("action_owner_2".into(), who.id.to_string()),
        ("action_owner_3".into(), who.id.to_string()),
    ]);
    Ok(
        form_page(&ctx, client, &office, form, FieldErrors::new(), None)
            .await?
            .into_response(),
    )
}

pub async fn create_contact(
    ctx: Ctx,
    access: ClientEdit,
    CsrfForm(pairs): CsrfForm<Vec<(String, String)>>,
) -> AppResult<Response> {
    let ClientEdit {
        who,
        client,
        office,
    } = &access;
    let db = &ctx.app.db;
    let form = ContactForm(pairs);
    let owners: Vec<i64> = store::staff::list_for_office(db, office.id)
        .await?
        .iter()
        .map(|(s, _)| s.id)
        .collect();
    let institutions: Vec<i64> = store::contacts::institution_choices(db, office.id)
        .await?
        .iter()
        .map(|(i, _)| *i)
        .collect();
    let input = match form.parse(clock::today(), &owners, &institutions) {
        Ok(input) => input,
        Err(errors) => {
            return Ok(unprocessable(
                form_page(&ctx, client.clone(), office, form, errors, None).await?,
            ));
        }
    };
    if input.shares_outside() {
        // Sharing outside the office needs the client's consent for support records.
        let rows = store::consents::list_for_client(db, client.id).await?;
        let chosen = input
            .shared_consent_id
            .and_then(|cid| rows.iter().find(|r| r.id == cid));
        let mut errors = FieldErrors::new();
        let blocked = match chosen {
            None => {
                errors.add("shared_consent_id", "err.consent_required");
                None
            }
            Some(row) => {
                let recipient = row.record().recipient;
                let needed = [Category::SupportRecords];
                match crate::web::support::consents::check_sharing(
                    &ctx, &access, &recipient, &needed,
                )
                .await?
                {
                    Ok(_) => None,
                    Err(b) => {
                        errors.add("shared_consent_id", b.key());
                        Some(crate::web::support::consents::blocked_message(
                            &ctx.page("contact.new"),
                            &b,
                        ))
                    }
                }
            }
        };
        if !errors.is_empty() {
            return Ok(unprocessable(
                form_page(&ctx, client.clone(), office, form, errors, blocked).await?,
            ));
        }
    }
    let mut tx = db.begin().await?;
    let contact_id =
        store::contacts::insert(&mut tx, client.id, office.id, who.id, &input, clock::now())
            .await?;
    ctx.audit(
        Action::ContactCreate,
        &AuditRef::new("contact", contact_id).client(client.id),
    )
    .office(office.id)
    .detail(format!(
        "client={} mode={} concerns={} actions={} handover={}",
        client.id,
        input.mode.code(),
        input.concerns.len(),
        input.actions.len(),
        input.is_handover
    ))
    .write(&mut tx)
    .await?;
    tx.commit().await?;
    Ok(see_other(&format!(
        "/clients/{}/contacts?n=saved",
        client.id
    )))
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ResolveForm {
    pub resolution: String,
}

pub async fn resolve_concern(
    ctx: Ctx,
    Sub(
        ClientEdit {
            who,
            client,
            office,
        },
        concern,
    ): Sub<ClientEdit, Concern>,
    CsrfForm(form): CsrfForm<ResolveForm>,
) -> AppResult<Response> {
    let mut errors = FieldErrors::new();
    let resolution =
        crate::domain::fields::required_text(&mut errors, "resolution", &form.resolution, 2000);
    if !errors.is_empty() {
        return Ok(unprocessable(
            list_page(&ctx, client, errors, Some(concern.id)).await?,
        ));
    }
    let mut tx = ctx.app.db.begin().await?;
    store::contacts::resolve_concern(&mut tx, concern.id, &resolution, who.id, clock::now())
        .await?;
    // The resolved concern becomes a past case (anonymised) in the same transaction.
    crate::cases::record(&mut tx, concern.id, clock::now()).await?;
    ctx.audit(Action::ConcernResolve, &concern)
        .office(office.id)
        .detail(format!(
            "client={} category={}",
            client.id, concern.category
        ))
        .write(&mut tx)
        .await?;
    tx.commit().await?;
    Ok(see_other(&format!(
        "/clients/{}/contacts?n=saved",
        client.id
    )))
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct DoneForm {
    pub next: String,
}

pub async fn finish_task(
    ctx: Ctx,
    TaskEdit {
        task,
        client,
        office,
    }: TaskEdit,
    CsrfForm(form): CsrfForm<DoneForm>,
) -> AppResult<Response> {
    let mut tx = ctx.app.db.begin().await?;
    store::tasks::mark_done(&mut tx, task.id, clock::now()).await?;
    ctx.audit(Action::TaskDone, &task)
        .office(office.id)
        .detail(format!("client={}", client.id))
        .write(&mut tx)
        .await?;
    tx.commit().await?;
    let back = if form.next.is_empty() {
        format!("/clients/{}/contacts", client.id)
    } else {
        safe_next(&form.next).to_string()
    };
    Ok(see_other(&back))
}
