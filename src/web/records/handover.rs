//! The hand-over package at the end of the service (issue 15, item 4), for staff:
//! `/clients/{id}/handover` shows the package built from the records (`domain::handover`)
//! with when it becomes available, and takes the 引き継ぎメモ and the recipient (an employer
//! contact linked to the client) with `ClientEdit`; `/clients/{id}/handover/print` is the A4
//! page, its printing audited. The employer reads it at `/employer/clients/{id}/handover`
//! (`web::portal::handover`) while the client's consent naming them covers it.

use askama::Template;
use askama_web::WebTemplate;
use axum::response::{IntoResponse, Response};
use time::Date;

use crate::clock;
use crate::db::Db;
use crate::domain::audit::Action;
use crate::domain::consent::{self, Blocked, Category, Recipient};
use crate::domain::fields::FieldErrors;
use crate::domain::handover::{self, HandoverForm, Package};
use crate::domain::month::YearMonth;
use crate::domain::report::japanese_date;
use crate::domain::rules::period::service_window;
use crate::error::AppResult;
use crate::i18n::Lang;
use crate::store::{self, clients::Client, handovers::Handover, offices::Office};
use crate::web::{
    access::{ClientEdit, ClientView, Policy, Routes},
    csrf::CsrfForm,
    ctx::{AuditRef, Ctx, Page},
    see_other, unprocessable,
};

pub fn routes() -> Routes {
    Routes::new()
        .get("/clients/{id}/handover", Policy::ClientView, show_handover)
        .post("/clients/{id}/handover", Policy::ClientEdit, save_handover)
        .get(
            "/clients/{id}/handover/print",
            Policy::ClientView,
            print_handover,
        )
}

/// The package with the words its template needs for dates.
pub struct PackageView {
    pub p: Package,
    pub lang: Lang,
}

impl PackageView {
    pub fn day(&self, d: &Date) -> String {
        match self.lang {
            Lang::Ja => japanese_date(*d),
            Lang::En => d.to_string(),
        }
    }
    pub fn month(&self, m: &YearMonth) -> String {
        match self.lang {
            Lang::Ja => m.japanese(),
            Lang::En => m.to_string(),
        }
    }
    /// Brackets and the list comma: full-width in Japanese, half-width in English.
    pub fn open(&self) -> &'static str {
        match self.lang {
            Lang::Ja => "（",
            Lang::En => " (",
        }
    }
    pub fn close(&self) -> &'static str {
        match self.lang {
            Lang::Ja => "）",
            Lang::En => ")",
        }
    }
    pub fn comma(&self) -> &'static str {
        match self.lang {
            Lang::Ja => "、",
            Lang::En => ", ",
        }
    }
    pub fn institution_kind_key(&self, kind: &str) -> String {
        format!("institution.kind.{kind}")
    }
    pub fn severity_key(&self, severity: &i64) -> String {
        format!("handover.severity.{}", severity.clamp(&1, &3))
    }
}

/// The client's package as seen on `today`.
pub async fn package(db: &Db, client_id: i64, today: Date, lang: Lang) -> AppResult<PackageView> {
    let records = store::handovers::records(db, client_id).await?;
    let contracts: Vec<(Date, Date)> = store::certificates::contracts_for_client(db, client_id)
        .await?
        .iter()
        .map(|c| (c.start_date, c.end_date))
        .collect();
    // The window is counted from the first employment (`domain::standing`).
    let window = store::employments::list_for_client(db, client_id)
        .await?
        .first()
        .map(|e| service_window(e.hire_date, e.return_to_work_date));
    let end = handover::service_end(window.as_ref(), &contracts);
    Ok(PackageView {
        p: handover::build(&records, end, today),
        lang,
    })
}

/// An employer contact linked to the client, as the recipient choice shows it.
pub struct Choice {
    pub contact_id: i64,
    pub label: String,
    pub recipient_name: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "records/handover/show.html")]
struct ShowPage {
    page: Page,
    client: Client,
    view: PackageView,
    saved: Option<Handover>,
    saved_at: String,
    choices: Vec<Choice>,
    form: HandoverForm,
    errors: FieldErrors,
    /// The chosen recipient's name and whether the consent naming them covers the package
    /// now (`None`: it does; `Some((key, detail))`: why not).
    recipient: Option<(String, Option<(&'static str, String)>)>,
}

impl ShowPage {
    fn is_chosen(&self, id: &i64) -> bool {
        self.form.handover_recipient == id.to_string()
    }
}

async fn choices(db: &Db, client_id: i64, lang: Lang) -> AppResult<Vec<Choice>> {
    Ok(store::portal::contacts_of_client(db, client_id)
        .await?
        .into_iter()
        .filter(|c| c.revoked_at.is_none())
        .map(|c| Choice {
            contact_id: c.contact_id,
            label: match lang {
                Lang::Ja => format!("{}（{}）", c.name, c.employer_name),
                Lang::En => format!("{} ({})", c.name, c.employer_name),
            },
            recipient_name: c.recipient_name,
        })
        .collect())
}

async fn show_page(
    ctx: &Ctx,
    client: Client,
    form: Option<HandoverForm>,
    errors: FieldErrors,
) -> AppResult<ShowPage> {
    let db = &ctx.app.db;
    let view = package(db, client.id, clock::today(), ctx.lang).await?;
    let saved = store::handovers::find(db, client.id).await?;
    let choices = choices(db, client.id, ctx.lang).await?;
    let form = form.unwrap_or_else(|| HandoverForm {
        handover_memo: saved.as_ref().map(|h| h.memo.clone()).unwrap_or_default(),
        handover_recipient: saved
            .as_ref()
            .and_then(|h| h.recipient_contact_id)
            .map(|id| id.to_string())
            .unwrap_or_default(),
    });
    let chosen = saved.as_ref().and_then(|h| h.recipient_contact_id);
    let recipient = match chosen.and_then(|id| choices.iter().find(|c| c.contact_id == id)) {
        Some(c) => {
            let consents = store::consents::records_for_client(db, client.id).await?;
            let who = Recipient::Employer {
                name: c.recipient_name.clone(),
            };
            let blocked = consent::check(
                &consents,
                &who,
                &[Category::Handover],
                clock::now(),
                clock::today(),
            )
            .err()
            .map(|b| (b.key(), blocked_detail(ctx.lang, &b)));
            Some((c.label.clone(), blocked))
        }
        None => None,
    };
    Ok(ShowPage {
        page: ctx.form_page("handover.title").await?,
        saved_at: saved
            .as_ref()
            .map(|h| clock::format_jst(h.updated_at))
            .unwrap_or_default(),
        client,
        view,
        saved,
        choices,
        form,
        errors,
        recipient,
    })
}

/// What the blocked message names after its colon: when, or the missing categories.
fn blocked_detail(lang: Lang, b: &Blocked) -> String {
    match b {
        Blocked::NoConsent => String::new(),
        Blocked::Withdrawn { at } => clock::format_jst(*at),
        Blocked::NotYetValid { from } => from.to_string(),
        Blocked::MissingCategories(missing) => missing
            .iter()
            .map(|c| lang.t(c.label_key()))
            .collect::<Vec<_>>()
            .join(match lang {
                Lang::Ja => "、",
                Lang::En => ", ",
            }),
    }
}

/// The staff page. Its `client.view` row is written by `ClientView`.
pub async fn show_handover(ctx: Ctx, ClientView { client, .. }: ClientView) -> AppResult<Response> {
    Ok(show_page(&ctx, client, None, FieldErrors::new())
        .await?
        .into_response())
}

pub async fn save_handover(
    ctx: Ctx,
    ClientEdit {
        client,
        office,
        who,
    }: ClientEdit,
    CsrfForm(form): CsrfForm<HandoverForm>,
) -> AppResult<Response> {
    let linked: Vec<i64> = choices(&ctx.app.db, client.id, ctx.lang)
        .await?
        .iter()
        .map(|c| c.contact_id)
        .collect();
    let input = match form.parse(&linked) {
        Ok(i) => i,
        Err(errors) => {
            return Ok(unprocessable(
                show_page(&ctx, client, Some(form), errors).await?,
            ));
        }
    };
    let mut tx = ctx.app.db.begin().await?;
    store::handovers::save(&mut tx, client.id, &input, who.id, clock::now()).await?;
    ctx.audit(
        Action::HandoverSave,
        &AuditRef::new("handover", client.id).client(client.id),
    )
    .office(office.id)
    .detail(format!(
        "client={} recipient={} memo_chars={}",
        client.id,
        input
            .recipient
            .map_or_else(|| "none".to_string(), |r| r.to_string()),
        input.memo.chars().count()
    ))
    .write(&mut tx)
    .await?;
    tx.commit().await?;
    Ok(see_other(&format!(
        "/clients/{}/handover?n=saved",
        client.id
    )))
}

#[derive(Template, WebTemplate)]
#[template(path = "records/handover/print.html")]
struct PrintPage {
    page: Page,
    client: Client,
    office: Office,
    view: PackageView,
    memo: String,
    recipient: Option<String>,
    printed_on: String,
}

/// The A4 page. Printing takes the package out of the system onto paper: audited.
pub async fn print_handover(
    ctx: Ctx,
    ClientView { client, office, .. }: ClientView,
) -> AppResult<Response> {
    let db = &ctx.app.db;
    let today = clock::today();
    let view = package(db, client.id, today, ctx.lang).await?;
    let saved = store::handovers::find(db, client.id).await?;
    let chosen = saved.as_ref().and_then(|h| h.recipient_contact_id);
    let recipient = choices(db, client.id, ctx.lang)
        .await?
        .into_iter()
        .find(|c| Some(c.contact_id) == chosen)
        .map(|c| c.label);
    ctx.audit(
        Action::HandoverPrint,
        &AuditRef::new("handover", client.id).client(client.id),
    )
    .office(office.id)
    .detail(format!("client={}", client.id))
    .write_now(db)
    .await?;
    Ok(PrintPage {
        page: ctx.page("handover.print_title"),
        printed_on: view.day(&today),
        client,
        office,
        view,
        memo: saved.map(|h| h.memo).unwrap_or_default(),
        recipient,
    }
    .into_response())
}
