//! 本人同意 pages: a client's consents as a history (active, not yet valid, withdrawn with
//! its time and note), recording a new consent, and withdrawing one. A withdrawal takes
//! effect at once and the row is kept.
//!
//! Every feature that sends information outside the office (reports, hand-over) calls
//! [`check_sharing`] first and shows [`blocked_message`] when it is refused.

use askama::Template;
use askama_web::WebTemplate;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use time::OffsetDateTime;

use crate::clock;
use crate::db::Db;
use crate::domain::audit::Action;
use crate::domain::consent::{
    self, Blocked, Category, ConsentForm, Recipient, categories_from_column, categories_to_column,
};
use crate::domain::fields::{self, FieldErrors, Pairs};
use crate::error::AppResult;
use crate::i18n::Lang;
use crate::store::{
    self, clients::Client, consents::ConsentRow, institutions::Institution, offices::Office,
};
use crate::web::{
    access::{Child, ClientEdit, ClientView, OfClient, Parent, Policy, Routes, Sub},
    csrf::CsrfForm,
    ctx::{AuditRef, AuditTarget, Ctx, Page},
    see_other, unprocessable,
};

pub fn routes() -> Routes {
    Routes::new()
        .get("/clients/{id}/consents", Policy::ClientView, list_consents)
        .post("/clients/{id}/consents", Policy::ClientEdit, create_consent)
        .post(
            "/clients/{id}/consents/{cid}/withdraw",
            Policy::ClientEdit,
            withdraw_consent,
        )
}

/// `{cid}` in `/clients/{id}/consents/{cid}/…`: a consent of that client.
impl Child for ConsentRow {
    type Of = OfClient;
    const PARAM: &'static str = "cid";
    async fn load(db: &Db, client_id: i64, id: i64) -> Result<Option<Self>, sqlx::Error> {
        store::consents::find(db, client_id, id).await
    }
}

impl AuditTarget for ConsentRow {
    fn audit_ref(&self) -> AuditRef {
        AuditRef::new("consent", self.id).client(self.client_id)
    }
}

/// May `needed` be shared about the client with `recipient` now? `Ok(Ok(consent id))` when
/// a consent allows it (record that id with the sharing), `Ok(Err(blocked))` when not (show
/// [`blocked_message`] and do not share).
///
/// The client is the access extractor of the caller's route (`ClientView`, `ClientEdit`),
/// so only a caller that has passed the client's check (sign-in, 403, 404 as for the
/// client's page) can ask, and nobody learns about another office's consents.
pub async fn check_sharing(
    ctx: &Ctx,
    client: &impl Parent<Kind = OfClient>,
    recipient: &Recipient,
    needed: &[Category],
) -> AppResult<Result<i64, Blocked>> {
    let records = store::consents::records_for_client(&ctx.app.db, client.parent_id()).await?;
    Ok(consent::check(
        &records,
        recipient,
        needed,
        clock::now(),
        clock::today(),
    ))
}

/// Why sharing is blocked, in the page's language, with the withdrawal time, the start
/// date or the names of the missing categories. Plain text: templates escape it.
pub fn blocked_message(page: &Page, blocked: &Blocked) -> String {
    let text = page.t(blocked.key());
    match blocked {
        Blocked::NoConsent => text.to_string(),
        Blocked::Withdrawn { at } => format!("{text} {}", clock::format_jst(*at)),
        Blocked::NotYetValid { from } => format!("{text} {from}"),
        Blocked::MissingCategories(missing) => {
            let separator = match page.lang {
                Lang::Ja => "、",
                Lang::En => ", ",
            };
            let names: Vec<&str> = missing.iter().map(|c| page.t(c.label_key())).collect();
            format!("{text} {}", names.join(separator))
        }
    }
}

/// Where a consent stands now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Active,
    NotYetValid,
    Withdrawn,
}

impl Status {
    fn of(row: &ConsentRow, now: OffsetDateTime, today: time::Date) -> Status {
        if row.withdrawn_at.is_some_and(|w| w <= now) {
            Status::Withdrawn
        } else if row.valid_from > today {
            Status::NotYetValid
        } else {
            Status::Active
        }
    }
    pub fn label_key(self) -> &'static str {
        match self {
            Status::Active => "consent.status.active",
            Status::NotYetValid => "consent.status.not_yet",
            Status::Withdrawn => "consent.status.withdrawn",
        }
    }
    /// The badge style, shared with the client stages (green, blue, grey).
    pub fn css_class(self) -> &'static str {
        match self {
            Status::Active => "stage stage-active",
            Status::NotYetValid => "stage stage-before_start",
            Status::Withdrawn => "stage stage-ended",
        }
    }
}

/// One consent as the history shows it.
pub struct ConsentView {
    pub row: ConsentRow,
    pub status: Status,
    pub categories: Vec<Category>,
    pub recorded_at: String,
    pub recorded_by: String,
    pub withdrawn_at: String,
}

impl ConsentView {
    pub fn is_employer(&self) -> bool {
        self.row.recipient_kind == "employer"
    }
}

/// A message on one consent's withdraw form: (consent id, message key, the note as typed).
type WithdrawError = (i64, &'static str, String);

#[derive(Template, WebTemplate)]
#[template(path = "support/consents/list.html")]
struct ConsentsPage {
    page: Page,
    client: Client,
    office: Office,
    consents: Vec<ConsentView>,
    institutions: Vec<Institution>,
    /// Supervisors named in the client's employments, offered as suggestions.
    employer_contacts: Vec<String>,
    form: ConsentForm,
    errors: FieldErrors,
    withdraw_error: Option<WithdrawError>,
    categories: [Category; 7],
}

impl ConsentsPage {
    fn withdraw_error_for(&self, id: &i64) -> Option<&'static str> {
        self.withdraw_error
            .as_ref()
            .filter(|(cid, _, _)| cid == id)
            .map(|(_, key, _)| *key)
    }
    fn withdraw_note_for(&self, id: &i64) -> &str {
        self.withdraw_error
            .as_ref()
            .filter(|(cid, _, _)| cid == id)
            .map_or("", |(_, _, note)| note.as_str())
    }
    fn recipient_is(&self, kind: &str) -> bool {
        self.form.recipient == kind
    }
    fn institution_selected(&self, id: &i64) -> bool {
        self.form.institution == id.to_string()
    }
}

/// Loads everything the consents page shows around a form.
async fn consents_page(
    ctx: &Ctx,
    client: Client,
    office: Office,
    form: ConsentForm,
    errors: FieldErrors,
    withdraw_error: Option<WithdrawError>,
) -> AppResult<ConsentsPage> {
    let db = &ctx.app.db;
    let rows = store::consents::list_for_client(db, client.id).await?;
    let staff = store::staff::list_for_office(db, office.id).await?;
    let (now, today) = (clock::now(), clock::today());
    // Newest first: the history reads from the current state backwards.
    let consents = rows
        .into_iter()
        .rev()
        .map(|row| {
            let recorded_by = row
                .recorded_by
                .and_then(|id| staff.iter().find(|(s, _)| s.id == id))
                .map(|(s, _)| s.display_name.clone())
                .unwrap_or_default();
            ConsentView {
                status: Status::of(&row, now, today),
                categories: categories_from_column(&row.categories),
                recorded_at: clock::format_jst(row.created_at),
                recorded_by,
                withdrawn_at: row.withdrawn_at.map(clock::format_jst).unwrap_or_default(),
                row,
            }
        })
        .collect();
    let institutions = store::institutions::list_for_office(db, office.id).await?;
    let mut employer_contacts: Vec<String> = Vec::new();
    for e in store::employments::list_for_client(db, client.id).await? {
        let name = e.supervisor_name.trim();
        if !name.is_empty() && !employer_contacts.iter().any(|n| n == name) {
            employer_contacts.push(name.to_string());
        }
    }
    Ok(ConsentsPage {
        page: ctx.page("consent.title"),
        client,
        office,
        consents,
        institutions,
        employer_contacts,
        form,
        errors,
        withdraw_error,
        categories: Category::ALL,
    })
}

pub async fn list_consents(
    ctx: Ctx,
    ClientView { client, office, .. }: ClientView,
) -> AppResult<Response> {
    let form = ConsentForm {
        valid_from: clock::today().to_string(),
        ..ConsentForm::default()
    };
    Ok(
        consents_page(&ctx, client, office, form, FieldErrors::new(), None)
            .await?
            .into_response(),
    )
}

pub async fn create_consent(
    ctx: Ctx,
    ClientEdit {
        who,
        client,
        office,
    }: ClientEdit,
    CsrfForm(pairs): CsrfForm<Vec<(String, String)>>,
) -> AppResult<Response> {
    let form = ConsentForm::from_pairs(&Pairs(pairs));
    let directory: Vec<(i64, String)> =
        store::institutions::list_for_office(&ctx.app.db, office.id)
            .await?
            .into_iter()
            .map(|i| (i.id, i.name))
            .collect();
    let input = match form.parse(&directory) {
        Ok(input) => input,
        Err(errors) => {
            let page = consents_page(&ctx, client, office, form, errors, None).await?;
            return Ok(unprocessable(page));
        }
    };
    let mut tx = ctx.app.db.begin().await?;
    let cid = store::consents::insert(&mut tx, client.id, &input, who.id, clock::now()).await?;
    ctx.audit(
        Action::ConsentCreate,
        &AuditRef::new("consent", cid).client(client.id),
    )
    .office(office.id)
    .detail(format!(
        "client={} recipient={} categories={} valid_from={}",
        client.id,
        describe_recipient(&input.recipient, &input.recipient_name),
        categories_to_column(&input.categories),
        input.valid_from
    ))
    .write(&mut tx)
    .await?;
    tx.commit().await?;
    Ok(see_other(&format!(
        "/clients/{}/consents?n=created",
        client.id
    )))
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct WithdrawForm {
    pub withdraw_note: String,
}

pub async fn withdraw_consent(
    ctx: Ctx,
    Sub(ClientEdit { client, office, .. }, row): Sub<ClientEdit, ConsentRow>,
    CsrfForm(form): CsrfForm<WithdrawForm>,
) -> AppResult<Response> {
    let mut errors = FieldErrors::new();
    let note = fields::optional_multiline(&mut errors, "withdraw_note", &form.withdraw_note, 500);
    if let Some(key) = errors.get("withdraw_note") {
        let form_state = ConsentForm {
            valid_from: clock::today().to_string(),
            ..ConsentForm::default()
        };
        let page = consents_page(
            &ctx,
            client,
            office,
            form_state,
            FieldErrors::new(),
            Some((row.id, key, form.withdraw_note)),
        )
        .await?;
        return Ok(unprocessable(page));
    }
    let mut tx = ctx.app.db.begin().await?;
    // Already withdrawn (a second click, another tab): nothing changes, nothing is audited.
    if store::consents::withdraw(&mut tx, client.id, row.id, &note, clock::now()).await? {
        let record = row.record();
        ctx.audit(Action::ConsentWithdraw, &row)
            .office(office.id)
            .detail(format!(
                "client={} recipient={}",
                client.id,
                describe_recipient(&record.recipient, &row.recipient_name)
            ))
            .write(&mut tx)
            .await?;
    }
    tx.commit().await?;
    Ok(see_other(&format!(
        "/clients/{}/consents?n=saved",
        client.id
    )))
}

/// The recipient for the audit detail: `employer:山田 課長` or `institution:4 船橋…`.
fn describe_recipient(recipient: &Recipient, name: &str) -> String {
    match recipient {
        Recipient::Employer { name } => format!("employer:{name}"),
        Recipient::Institution { id } => format!("institution:{id} {name}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::{date, datetime};

    fn page(lang: Lang) -> Page {
        Page {
            lang,
            title_key: "consent.title",
            staff: None,
            portal: None,
            csrf: String::new(),
            path: String::new(),
            notice: None,
            request_id: String::new(),
        }
    }

    #[test]
    fn blocked_messages_name_the_date_or_the_categories() {
        let ja = page(Lang::Ja);
        assert_eq!(
            blocked_message(&ja, &Blocked::NoConsent),
            Lang::Ja.t("consent.blocked.none")
        );
        let m = blocked_message(
            &ja,
            &Blocked::Withdrawn {
                at: datetime!(2026-11-27 02:51 UTC),
            },
        );
        assert!(m.starts_with("本人がこの相手への同意を撤回"), "{m}");
        assert!(m.ends_with("2026-11-27 11:51"), "Japan time: {m}");
        let m = blocked_message(
            &ja,
            &Blocked::NotYetValid {
                from: date!(2026 - 12 - 01),
            },
        );
        assert!(m.ends_with("有効になる日: 2026-12-01"), "{m}");
        let m = blocked_message(
            &ja,
            &Blocked::MissingCategories(vec![Category::Health, Category::Reports]),
        );
        assert!(m.ends_with("足りない項目: 体調・服薬、支援レポート"), "{m}");
        let m = blocked_message(
            &page(Lang::En),
            &Blocked::MissingCategories(vec![Category::Health, Category::Reports]),
        );
        assert!(
            m.ends_with("Missing: Health and medication, Monthly support reports"),
            "{m}"
        );
    }

    #[test]
    fn describes_the_recipient_for_the_audit_log() {
        assert_eq!(
            describe_recipient(
                &Recipient::Employer {
                    name: "山田 課長".into()
                },
                "山田 課長"
            ),
            "employer:山田 課長"
        );
        assert_eq!(
            describe_recipient(&Recipient::Institution { id: 4 }, "船橋なかぽつ"),
            "institution:4 船橋なかぽつ"
        );
    }
}
