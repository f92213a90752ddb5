//! 利用者 pages: the office's client list (status, supporter, name search), registering and
//! editing a client, and the client page with the timeline and warnings. Reading a client's
//! record is audited (`client.view`): disability and health information is 要配慮個人情報.

use askama::Template;
use askama_web::WebTemplate;
use axum::{
    extract::Query,
    response::{IntoResponse, Response},
};
use serde::Deserialize;

use crate::clock;
use crate::domain::audit::Action;
use crate::domain::client::{ClientForm, Disability, disabilities_from_column, hours_label};
use crate::domain::client_list::Show;
use crate::domain::fields::{FieldErrors, Pairs};
use crate::domain::paging::{self, Keyset};
use crate::domain::rules::eligibility::PriorService;
use crate::domain::standing::{self, Facts, Standing, Timeline, stage_code};
use crate::error::AppResult;
use crate::store::{
    self,
    certificates::{Certificate, Contract, Period},
    clients::{Client, ClientListRow, ListFilter},
    employments::Employment,
    offices::Office,
    staff::Staff,
};
use crate::web::{
    access::{ClientFile, ClientFileEdit, OfficeView},
    csrf::CsrfForm,
    ctx::{AuditRef, Ctx, Page},
    encode_query, see_other, unprocessable,
};

/// The stage codes a list row can show (each has a `stage.<code>` label).
pub const STAGES: [&str; 5] = [
    "before_start",
    "active",
    "ending_soon",
    "ended",
    "no_employment",
];

/// The staff who may be a client's supporter in charge: the office's staff.
async fn office_staff(ctx: &Ctx, office_id: i64) -> AppResult<Vec<Staff>> {
    Ok(store::staff::list_for_office(&ctx.app.db, office_id)
        .await?
        .into_iter()
        .map(|(s, _)| s)
        .collect())
}

pub struct ListRow {
    pub row: ClientListRow,
    pub stage: &'static str,
}

#[derive(Template, WebTemplate)]
#[template(path = "records/clients/list.html")]
struct ListPage {
    page: Page,
    office: Office,
    rows: Vec<ListRow>,
    /// How many clients the filter keeps, on every page.
    total: i64,
    staff: Vec<Staff>,
    query: ListQuery,
    choices: &'static [(&'static str, &'static str)],
    prev_href: Option<String>,
    next_href: Option<String>,
}

/// Clients per page of the list (#13: keyset by (ふりがな, id), never `OFFSET`).
pub const PAGE_SIZE: usize = 50;

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ListQuery {
    /// "" (all, the default), `current`, `ended` (former clients) or one stage
    /// (`domain::client_list::Show`).
    pub status: String,
    pub supporter: String,
    pub q: String,
    pub after: String,
    pub before: String,
}

impl ListQuery {
    /// The list's address with these filters, at `at` ("" for the first page).
    fn href(&self, office_id: i64, at: &str) -> String {
        format!(
            "/offices/{office_id}/clients?q={}&status={}&supporter={}{at}",
            encode_query(&self.q),
            encode_query(&self.status),
            encode_query(&self.supporter),
        )
    }
}

impl ListPage {
    fn stage_key(&self, stage: &str) -> String {
        format!("stage.{stage}")
    }
    /// The import (`web::records::import`) is the office manager's and admins'.
    fn can_import(&self) -> bool {
        self.page
            .staff
            .as_ref()
            .is_some_and(|p| p.can_manage_office(self.office.id))
    }
}

pub async fn list_clients(
    ctx: Ctx,
    OfficeView { office, .. }: OfficeView,
    Query(query): Query<ListQuery>,
) -> AppResult<Response> {
    let today = clock::today();
    let filter = ListFilter {
        search: query.q.trim().replace(['　', ' '], ""),
        supporter_id: query.supporter.parse().ok(),
        condition: Show::parse(&query.status).condition(today),
    };
    let db = &ctx.app.db;
    let at = Keyset::from_query(&query.after, &query.before);
    let mut rows =
        store::clients::page_for_office(db, office.id, &filter, at, PAGE_SIZE as i64 + 1).await?;
    let links = paging::cut(&mut rows, PAGE_SIZE, at, |r| r.id);
    let total = store::clients::count_for_office(db, office.id, &filter).await?;
    let rows = rows
        .into_iter()
        .map(|row| {
            let stage = row.hire_date.map(|h| {
                crate::domain::rules::period::stage_on(
                    &crate::domain::rules::period::service_window(h, row.return_to_work_date),
                    today,
                )
            });
            ListRow {
                stage: stage_code(stage),
                row,
            }
        })
        .collect();
    let staff = office_staff(&ctx, office.id).await?;
    let page = ListPage {
        page: ctx.page("client.list_title"),
        prev_href: links
            .prev_before
            .map(|id| query.href(office.id, &format!("&before={id}"))),
        next_href: links
            .next_after
            .map(|id| query.href(office.id, &format!("&after={id}"))),
        office,
        rows,
        total,
        staff,
        query,
        choices: &Show::CHOICES,
    };
    Ok(page.into_response())
}

#[derive(Template, WebTemplate)]
#[template(path = "records/clients/form.html")]
struct FormPage {
    page: Page,
    office: Office,
    form: ClientForm,
    errors: FieldErrors,
    staff: Vec<Staff>,
    action: String,
    disabilities: [Disability; 5],
    prior_services: Vec<PriorService>,
}

fn form_page(
    page: Page,
    office: Office,
    form: ClientForm,
    errors: FieldErrors,
    staff: Vec<Staff>,
    action: String,
) -> FormPage {
    FormPage {
        page,
        office,
        form,
        errors,
        staff,
        action,
        disabilities: Disability::ALL,
        prior_services: PriorService::ALL.to_vec(),
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct NewClientQuery {
    /// Carry over what an inquiry collected (no retyping).
    pub from_inquiry: String,
}

pub async fn new_client(
    ctx: Ctx,
    OfficeView { who, office }: OfficeView,
    Query(q): Query<NewClientQuery>,
) -> AppResult<Response> {
    let staff = office_staff(&ctx, office.id).await?;
    let mut form = ClientForm {
        supporter_id: if who.role_in(office.id).is_some() {
            who.id.to_string()
        } else {
            String::new()
        },
        ..ClientForm::default()
    };
    if let Ok(iid) = q.from_inquiry.parse::<i64>()
        && let Some(inquiry) = store::inquiries::find(&ctx.app.db, iid).await?
        && inquiry.office_id == office.id
    {
        form.name = inquiry.name;
        form.phone = inquiry.phone;
        form.email = inquiry.email;
    }
    let action = format!("/offices/{}/clients", office.id);
    Ok(form_page(
        ctx.page("client.new"),
        office,
        form,
        FieldErrors::new(),
        staff,
        action,
    )
    .into_response())
}

pub async fn create_client(
    ctx: Ctx,
    OfficeView { office, .. }: OfficeView,
    CsrfForm(pairs): CsrfForm<Vec<(String, String)>>,
) -> AppResult<Response> {
    let staff = office_staff(&ctx, office.id).await?;
    let form = ClientForm::from_pairs(&Pairs(pairs));
    let ids: Vec<i64> = staff.iter().map(|s| s.id).collect();
    let input = match form.parse(clock::today(), &ids) {
        Ok(input) => input,
        Err(e) => {
            let action = format!("/offices/{}/clients", office.id);
            return Ok(unprocessable(form_page(
                ctx.page("client.new"),
                office,
                form,
                e,
                staff,
                action,
            )));
        }
    };
    let mut tx = ctx.app.db.begin().await?;
    let client_id = store::clients::create(&mut tx, office.id, &input, clock::now()).await?;
    ctx.audit(
        Action::ClientCreate,
        &AuditRef::new("client", client_id).office(office.id),
    )
    .write(&mut tx)
    .await?;
    tx.commit().await?;
    Ok(see_other(&format!("/clients/{client_id}?n=created")))
}

pub async fn edit_client(
    ctx: Ctx,
    ClientFileEdit { client, office, .. }: ClientFileEdit,
) -> AppResult<Response> {
    let staff = office_staff(&ctx, office.id).await?;
    let form = ClientForm {
        name: client.name.clone(),
        kana: client.kana.clone(),
        birth_date: client.birth_date.to_string(),
        phone: client.phone.clone(),
        email: client.email.clone(),
        address: client.address.clone(),
        disabilities: disabilities_from_column(&client.disability_categories)
            .iter()
            .map(|d| d.code().to_string())
            .collect(),
        prior_service: client.prior_service.clone(),
        prior_office_name: client.prior_office_name.clone(),
        prior_office_integrated: client.prior_office_integrated,
        supporter_id: client
            .supporter_id
            .map(|s| s.to_string())
            .unwrap_or_default(),
    };
    let action = format!("/clients/{}", client.id);
    Ok(form_page(
        ctx.page("client.edit"),
        office,
        form,
        FieldErrors::new(),
        staff,
        action,
    )
    .into_response())
}

pub async fn update_client(
    ctx: Ctx,
    ClientFileEdit { client, office, .. }: ClientFileEdit,
    CsrfForm(pairs): CsrfForm<Vec<(String, String)>>,
) -> AppResult<Response> {
    let staff = office_staff(&ctx, office.id).await?;
    let form = ClientForm::from_pairs(&Pairs(pairs));
    let ids: Vec<i64> = staff.iter().map(|s| s.id).collect();
    let input = match form.parse(clock::today(), &ids) {
        Ok(input) => input,
        Err(e) => {
            let action = format!("/clients/{}", client.id);
            return Ok(unprocessable(form_page(
                ctx.page("client.edit"),
                office,
                form,
                e,
                staff,
                action,
            )));
        }
    };
    let mut tx = ctx.app.db.begin().await?;
    store::clients::update(&mut tx, client.id, &input, clock::now()).await?;
    ctx.audit(Action::ClientUpdate, &client)
        .office(office.id)
        .write(&mut tx)
        .await?;
    tx.commit().await?;
    Ok(see_other(&format!("/clients/{}?n=saved", client.id)))
}

#[derive(Template, WebTemplate)]
#[template(path = "records/clients/show.html")]
struct ShowPage {
    page: Page,
    client: Client,
    office: Office,
    supporter: Option<String>,
    disabilities: Vec<Disability>,
    prior_service: Option<PriorService>,
    employments: Vec<Employment>,
    certificates: Vec<Certificate>,
    periods: Vec<Period>,
    contracts: Vec<Contract>,
    standing: Standing,
    timeline: Option<Timeline>,
    /// The latest contacts and the number of open concerns (the full history is on the
    /// contacts page).
    recent: Vec<store::contacts::Contact>,
    open_concerns: usize,
}

impl ShowPage {
    /// May move the client to another office (the office's manager or an admin).
    fn can_move(&self) -> bool {
        self.page
            .staff
            .as_ref()
            .is_some_and(|s| s.can_manage_office(self.office.id))
    }
    fn hours(&self, minutes: &i64) -> String {
        hours_label(*minutes)
    }
    fn periods_of(&self, certificate_id: &i64) -> Vec<&Period> {
        self.periods
            .iter()
            .filter(|p| p.certificate_id == *certificate_id)
            .collect()
    }
    fn stage_code(&self) -> &'static str {
        stage_code(self.standing.stage)
    }
    fn stage_key(&self) -> String {
        format!("stage.{}", self.stage_code())
    }
    /// The y coordinate of a timeline row (window, certificates, contracts).
    fn row_y(&self, row: &u8) -> i32 {
        8 + i32::from(*row) * 36
    }
    fn reason_key(&self, reason: &str) -> String {
        format!("reason.{reason}")
    }
    fn category_key(&self, category: &str) -> String {
        format!("income.{category}")
    }
    fn at(&self, at: &time::OffsetDateTime) -> String {
        clock::format_jst(*at)
    }
    fn mode_key(&self, code: &str) -> String {
        format!("contact.mode.{code}")
    }
}

/// The client page. Its `client.view` row is written by `ClientFile`.
pub async fn show_client(
    ctx: Ctx,
    ClientFile { client, office, .. }: ClientFile,
) -> AppResult<Response> {
    let db = &ctx.app.db;
    let supporter = match client.supporter_id {
        Some(sid) => store::staff::find(db, sid).await?.map(|s| s.display_name),
        None => None,
    };
    let employments = store::employments::list_for_client(db, client.id).await?;
    let certificates = store::certificates::list_for_client(db, client.id).await?;
    let periods = store::certificates::periods_for_client(db, client.id).await?;
    let contracts = store::certificates::contracts_for_client(db, client.id).await?;
    let prior_service = PriorService::parse(&client.prior_service);
    let facts = Facts {
        prior_service: prior_service.unwrap_or(PriorService::None),
        basis: employments
            .first()
            .map(|e| (e.hire_date, e.return_to_work_date, e.ordinary_employment)),
        periods: periods.iter().map(|p| (p.start_date, p.end_date)).collect(),
        contracts: contracts
            .iter()
            .map(|c| (c.start_date, c.end_date))
            .collect(),
    };
    let today = clock::today();
    let standing = standing::standing(&facts, today);
    let timeline = standing
        .window
        .as_ref()
        .map(|w| standing::timeline(w, &facts, today));
    let disabilities = disabilities_from_column(&client.disability_categories);
    let mut recent = store::contacts::list_for_client(db, client.id).await?;
    recent.truncate(3);
    let open_concerns = store::contacts::concerns_for_client(db, client.id)
        .await?
        .iter()
        .filter(|k| k.resolved_at.is_none())
        .count();
    let page = ShowPage {
        page: ctx.page("client.title"),
        client,
        office,
        supporter,
        disabilities,
        prior_service,
        employments,
        certificates,
        periods,
        contracts,
        standing,
        timeline,
        recent,
        open_concerns,
    };
    Ok(page.into_response())
}
