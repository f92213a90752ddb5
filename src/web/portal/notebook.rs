//! 連絡帳, the notebook a client shares with their office and their employer contact(s)
//! (issue 11, item 3): the client's page (`/me/notes`), the staff page
//! (`/clients/{id}/notes`) and the employer contact's (`/employer/clients/{id}/notes`).
//!
//! Each reader sees what `domain::notebook::can_read` lets them, decided on every request
//! from the consent in force then. Newest first, with the form above: on a phone without
//! JavaScript the page opens at its top, so the latest message and the place to answer are
//! on the first screen; each message stands on its own (a note, not a chat line), so reading
//! downwards into the past is natural, as in a paper 連絡帳 opened at the last page written.
//!
//! A new message queues one email to each other reader with an address: that there is a new
//! message and where to sign in, nothing else (`templates/email/note_new.*.txt`).

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::Query;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

use crate::clock;
use crate::domain::audit::Action;
use crate::domain::consent::Category;
use crate::domain::fields::{FieldErrors, Pairs};
use crate::domain::notebook::{self, Audience, Author, NoteForm, NoteInput, Reader};
use crate::email::{self, OutgoingEmail, messages::NoteNew};
use crate::error::AppResult;
use crate::i18n::Lang;
use crate::store::{self, clients::Client, notebook::NoteRow};
use crate::web::access::{
    ClientEdit, ClientSelf, ClientView, ClientWrite, EmployerClient, Policy, Routes,
    portal_allowed_categories,
};
use crate::web::{
    csrf::CsrfForm,
    ctx::{AuditRef, Ctx, Page},
    see_other, unprocessable,
};

pub fn routes() -> Routes {
    Routes::new()
        .get("/me/notes", Policy::ClientSelf, client_notes)
        .post("/me/notes", Policy::ClientSelf, client_post)
        .get("/clients/{id}/notes", Policy::ClientView, staff_notes)
        .post("/clients/{id}/notes", Policy::ClientEdit, staff_post)
        .get(
            "/employer/clients/{id}/notes",
            Policy::EmployerClient,
            employer_notes,
        )
        .post(
            "/employer/clients/{id}/notes",
            Policy::EmployerClient,
            employer_post,
        )
}

/// The most messages a page shows (the newest).
const PAGE_SIZE: usize = 100;

/// One message as a page shows it.
pub struct NoteView {
    pub id: i64,
    pub author_name: String,
    /// The author's side, for the reader ("note.role.staff", …).
    pub role_key: &'static str,
    /// Written by the person reading.
    pub mine: bool,
    pub body: String,
    pub when: String,
    /// `YYYY-MM-DDTHH:MM` in Japan time, for `<time datetime>`.
    pub when_iso: String,
    /// Who can read it, as message keys in the order 本人・事業所・企業.
    pub reader_keys: Vec<&'static str>,
    pub category_key: Option<&'static str>,
    /// (staff page) addressed to the employer, but no linked contact's consent covers its
    /// category now: nobody at the employer can read it.
    pub employer_blocked_now: bool,
}

/// Which words the page uses: the client's page speaks to "you", in plain Japanese.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Voice {
    Client,
    Staff,
    Employer,
}

fn view(
    row: &NoteRow,
    audience: &Audience,
    voice: Voice,
    mine: bool,
    receivable: &[Category],
) -> NoteView {
    let readers = audience.readers();
    let (client_key, office_key, employer_key) = if voice == Voice::Client {
        (
            "note.me.reader.client",
            "note.me.reader.office",
            "note.me.reader.employer",
        )
    } else {
        (
            "note.reader.client",
            "note.reader.office",
            "note.reader.employer",
        )
    };
    let mut reader_keys = Vec::new();
    if readers.client {
        reader_keys.push(client_key);
    }
    reader_keys.push(office_key);
    if readers.employer {
        reader_keys.push(employer_key);
    }
    let role_key = match (audience.author, voice) {
        (Author::Staff(_), Voice::Client) => "note.me.role.staff",
        (Author::Employer(_), Voice::Client) => "note.me.role.employer",
        (Author::Client, Voice::Client) => "note.me.role.client",
        (Author::Staff(_), _) => "note.role.staff",
        (Author::Employer(_), _) => "note.role.employer",
        (Author::Client, _) => "note.role.client",
    };
    let when = clock::format_jst(row.created_at);
    NoteView {
        id: row.id,
        author_name: row.author_name.clone(),
        role_key,
        mine,
        body: row.body.clone(),
        when_iso: when.replacen(' ', "T", 1),
        when,
        reader_keys,
        category_key: audience
            .category
            .filter(|_| audience.to_employer)
            .map(Category::label_key),
        employer_blocked_now: voice == Voice::Staff
            && audience.to_employer
            && audience.category.is_none_or(|c| !receivable.contains(&c)),
    }
}

/// The messages `reader` may read, newest first, at most `PAGE_SIZE`, older than the
/// message `before` when given; with the id to continue from when there are older ones.
async fn readable(
    ctx: &Ctx,
    client_id: i64,
    reader: Reader<'_>,
    voice: Voice,
    me: Option<Author>,
    receivable: &[Category],
    before: Option<i64>,
) -> AppResult<(Vec<NoteView>, Option<i64>)> {
    let rows = store::notebook::list_messages(&ctx.app.db, client_id).await?;
    let mut notes: Vec<NoteView> = rows
        .iter()
        .filter(|row| before.is_none_or(|b| row.id < b))
        .filter_map(|row| {
            let audience = row.audience()?;
            notebook::can_read(&audience, &reader).then(|| {
                let mine = me == Some(audience.author);
                view(row, &audience, voice, mine, receivable)
            })
        })
        .take(PAGE_SIZE + 1)
        .collect();
    let older = if notes.len() > PAGE_SIZE {
        notes.truncate(PAGE_SIZE);
        notes.last().map(|n| n.id)
    } else {
        None
    };
    Ok((notes, older))
}

/// `?before=<id>`: the page of messages older than that one. Anything else is the newest.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Older {
    pub before: String,
}

impl Older {
    fn id(&self) -> Option<i64> {
        self.before.trim().parse().ok().filter(|id| *id > 0)
    }
}

/// A live link of the client to an employer contact, with the categories the client's
/// consent naming that contact covers now (empty: the contact sees nothing).
struct Receiver {
    contact_id: i64,
    email: String,
    active: bool,
    allowed: Vec<Category>,
}

async fn receivers(ctx: &Ctx, client_id: i64) -> AppResult<Vec<Receiver>> {
    let db = &ctx.app.db;
    let consents = store::consents::records_for_client(db, client_id).await?;
    let (now, today) = (clock::now(), clock::today());
    Ok(store::portal::contacts_of_client(db, client_id)
        .await?
        .into_iter()
        .filter(|c| c.revoked_at.is_none())
        .map(|c| Receiver {
            contact_id: c.contact_id,
            active: c.status().may_sign_in(),
            allowed: portal_allowed_categories(&consents, &c.recipient_name, now, today),
            email: c.email,
        })
        .collect())
}

/// The categories at least one linked employer contact may receive now.
fn receivable(receivers: &[Receiver]) -> Vec<Category> {
    Category::ALL
        .into_iter()
        .filter(|c| receivers.iter().any(|r| r.allowed.contains(c)))
        .collect()
}

/// Stores the message with its audit row and queues the notifications, in one
/// transaction.
async fn save(
    ctx: &Ctx,
    client: &Client,
    author: Author,
    author_name: &str,
    input: &NoteInput,
    receivers: &[Receiver],
) -> AppResult<i64> {
    let db = &ctx.app.db;
    let mut emails: Vec<(String, String)> = Vec::new();
    let audience = Audience {
        author,
        to_client: input.to_client,
        to_employer: input.to_employer,
        category: input.category,
    };
    let base = ctx.app.config.public_url.trim_end_matches('/').to_string();
    if author != Author::Client
        && audience.readers().client
        && let Some(address) = store::notebook::client_account_email(db, client.id).await?
    {
        emails.push((address, format!("{base}/portal/login?next=/me/notes")));
    }
    for r in receivers.iter().filter(|r| r.active) {
        let reader = Reader::Employer {
            contact_id: r.contact_id,
            allowed: &r.allowed,
        };
        if author != Author::Employer(r.contact_id) && notebook::can_read(&audience, &reader) {
            emails.push((
                r.email.clone(),
                format!(
                    "{base}/portal/login?next=/employer/clients/{}/notes",
                    client.id
                ),
            ));
        }
    }
    if let Some(supporter) = client.supporter_id.filter(|s| author != Author::Staff(*s))
        && let Some(staff) = store::staff::find(db, supporter).await?
        && staff.active
    {
        emails.push((
            staff.email,
            format!("{base}/login?next=/clients/{}/notes", client.id),
        ));
    }
    let mut tx = db.begin().await?;
    let id = store::notebook::insert_message(
        &mut tx,
        client.id,
        author,
        author_name,
        input,
        clock::now(),
    )
    .await?;
    ctx.audit(
        Action::NoteMessage,
        &AuditRef::new("note_message", id)
            .client(client.id)
            .office(client.office_id),
    )
    .detail(format!(
        "client={} author={} to_client={} to_employer={} category={}",
        client.id,
        author.kind_code(),
        input.to_client,
        input.to_employer,
        input.category.map_or("", Category::code)
    ))
    .write(&mut tx)
    .await?;
    let mut sent: Vec<String> = Vec::new();
    for (address, link) in emails {
        let address = address.trim().to_string();
        if address.is_empty()
            || !email::is_valid_address(&address)
            || sent.iter().any(|a| a.eq_ignore_ascii_case(&address))
        {
            continue;
        }
        // Japanese: the readers' language is not known (the portal is Japanese first).
        let r = NoteNew { link }
            .render(Lang::Ja)
            .map_err(anyhow::Error::from)?;
        email::enqueue(
            &mut tx,
            &OutgoingEmail::new(&address, r.subject, r.body).related_to("note_message", id),
        )
        .await?;
        sent.push(address);
    }
    tx.commit().await?;
    Ok(id)
}

// ---- the client: /me/notes ----

#[derive(Template, WebTemplate)]
#[template(path = "portal/notebook/me.html")]
struct ClientNotesPage {
    page: Page,
    notes: Vec<NoteView>,
    /// The id to continue from for older messages (`?before=`).
    older: Option<i64>,
    form: NoteForm,
    errors: FieldErrors,
    /// The employer can receive a message of the client's (its category, 就労状況, is
    /// covered by a linked contact's consent).
    employer_can_receive: bool,
}

async fn client_page(
    ctx: &Ctx,
    client_id: i64,
    form: NoteForm,
    errors: FieldErrors,
    before: Option<i64>,
) -> AppResult<ClientNotesPage> {
    let receivers = receivers(ctx, client_id).await?;
    let (notes, older) = readable(
        ctx,
        client_id,
        Reader::Client,
        Voice::Client,
        Some(Author::Client),
        &[],
        before,
    )
    .await?;
    Ok(ClientNotesPage {
        page: ctx.form_page("note.me.title").await?,
        notes,
        older,
        form,
        errors,
        employer_can_receive: receivable(&receivers).contains(&notebook::DEFAULT_CATEGORY),
    })
}

async fn client_notes(
    ctx: Ctx,
    ClientSelf(me): ClientSelf,
    Query(older): Query<Older>,
) -> AppResult<Response> {
    let page = client_page(
        &ctx,
        me.client_id,
        NoteForm::default(),
        FieldErrors::new(),
        older.id(),
    )
    .await?;
    Ok(page.into_response())
}

async fn client_post(
    ctx: Ctx,
    ClientWrite(me): ClientWrite,
    CsrfForm(pairs): CsrfForm<Vec<(String, String)>>,
) -> AppResult<Response> {
    let mut form = NoteForm::from_pairs(&Pairs(pairs));
    // The client's message to the employer is about work (就労状況); they choose no category.
    form.category = String::new();
    let client = store::clients::find(&ctx.app.db, me.client_id)
        .await?
        .ok_or(crate::error::AppError::NotFound)?;
    let receivers = receivers(&ctx, client.id).await?;
    let input = match form.parse(Author::Client, &receivable(&receivers)) {
        Ok(input) => input,
        Err(errors) => {
            let errors = in_plain_words(&errors);
            return Ok(unprocessable(
                client_page(&ctx, client.id, form, errors, None).await?,
            ));
        }
    };
    save(
        &ctx,
        &client,
        Author::Client,
        &client.name,
        &input,
        &receivers,
    )
    .await?;
    Ok(see_other("/me/notes?n=created"))
}

/// The field messages in the client's words (plain Japanese with ふりがな).
fn in_plain_words(errors: &FieldErrors) -> FieldErrors {
    let mut out = FieldErrors::new();
    for (field, key) in errors.iter() {
        let plain = match *key {
            "err.required" => "note.me.err.required",
            "note.err.too_long" => "note.me.err.too_long",
            "note.err.no_consent" | "note.err.category" => "note.me.err.no_consent",
            other => other,
        };
        out.add(field, plain);
    }
    out
}

// ---- staff: /clients/{id}/notes ----

#[derive(Template, WebTemplate)]
#[template(path = "support/notebook/list.html")]
struct StaffNotesPage {
    page: Page,
    client: Client,
    notes: Vec<NoteView>,
    /// The id to continue from for older messages (`?before=`).
    older: Option<i64>,
    form: NoteForm,
    errors: FieldErrors,
    /// The categories a message to the employer may have (covered by a linked contact's
    /// consent now); empty: the employer cannot be addressed.
    categories: Vec<Category>,
}

impl StaffNotesPage {
    fn category_selected(&self, c: &Category) -> bool {
        let chosen = if self.form.category.is_empty() {
            notebook::DEFAULT_CATEGORY.code()
        } else {
            self.form.category.as_str()
        };
        chosen == c.code()
    }
}

async fn staff_page(
    ctx: &Ctx,
    staff_id: i64,
    client: Client,
    form: NoteForm,
    errors: FieldErrors,
    before: Option<i64>,
) -> AppResult<StaffNotesPage> {
    let receivers = receivers(ctx, client.id).await?;
    let categories = receivable(&receivers);
    let me = Some(Author::Staff(staff_id));
    let (notes, older) = readable(
        ctx,
        client.id,
        Reader::Staff,
        Voice::Staff,
        me,
        &categories,
        before,
    )
    .await?;
    Ok(StaffNotesPage {
        page: ctx.form_page("note.title").await?,
        client,
        notes,
        older,
        form,
        errors,
        categories,
    })
}

async fn staff_notes(
    ctx: Ctx,
    ClientView { who, client, .. }: ClientView,
    Query(older): Query<Older>,
) -> AppResult<Response> {
    let form = NoteForm {
        to_client: true,
        ..NoteForm::default()
    };
    Ok(
        staff_page(&ctx, who.id, client, form, FieldErrors::new(), older.id())
            .await?
            .into_response(),
    )
}

async fn staff_post(
    ctx: Ctx,
    ClientEdit { who, client, .. }: ClientEdit,
    CsrfForm(pairs): CsrfForm<Vec<(String, String)>>,
) -> AppResult<Response> {
    let form = NoteForm::from_pairs(&Pairs(pairs));
    let receivers = receivers(&ctx, client.id).await?;
    let author = Author::Staff(who.id);
    let input = match form.parse(author, &receivable(&receivers)) {
        Ok(input) => input,
        Err(errors) => {
            return Ok(unprocessable(
                staff_page(&ctx, who.id, client, form, errors, None).await?,
            ));
        }
    };
    save(&ctx, &client, author, &who.display_name, &input, &receivers).await?;
    Ok(see_other(&format!(
        "/clients/{}/notes?n=created",
        client.id
    )))
}

// ---- the employer contact: /employer/clients/{id}/notes ----

#[derive(Template, WebTemplate)]
#[template(path = "portal/employer/notes.html")]
struct EmployerNotesPage {
    page: Page,
    client: Client,
    notes: Vec<NoteView>,
    /// The id to continue from for older messages (`?before=`).
    older: Option<i64>,
    form: NoteForm,
    errors: FieldErrors,
}

async fn employer_page(
    ctx: &Ctx,
    ec: EmployerClient,
    form: NoteForm,
    errors: FieldErrors,
    before: Option<i64>,
) -> AppResult<EmployerNotesPage> {
    let reader = Reader::Employer {
        contact_id: ec.who.contact_id,
        allowed: &ec.allowed,
    };
    let me = Author::Employer(ec.who.contact_id);
    let (notes, older) = readable(
        ctx,
        ec.client.id,
        reader,
        Voice::Employer,
        Some(me),
        &[],
        before,
    )
    .await?;
    Ok(EmployerNotesPage {
        page: ctx.form_page("note.employer.title").await?,
        client: ec.client,
        notes,
        older,
        form,
        errors,
    })
}

async fn employer_notes(
    ctx: Ctx,
    ec: EmployerClient,
    Query(older): Query<Older>,
) -> AppResult<Response> {
    let page = employer_page(
        &ctx,
        ec,
        NoteForm::default(),
        FieldErrors::new(),
        older.id(),
    )
    .await?;
    Ok(page.into_response())
}

async fn employer_post(
    ctx: Ctx,
    ec: EmployerClient,
    CsrfForm(pairs): CsrfForm<Vec<(String, String)>>,
) -> AppResult<Response> {
    let form = NoteForm::from_pairs(&Pairs(pairs));
    let author = Author::Employer(ec.who.contact_id);
    let input = match form.parse(author, &[]) {
        Ok(input) => input,
        Err(errors) => {
            return Ok(unprocessable(
                employer_page(&ctx, ec, form, errors, None).await?,
            ));
        }
    };
    let receivers = receivers(&ctx, ec.client.id).await?;
    let name = format!("{} {}", ec.who.employer_name, ec.who.name);
    save(&ctx, &ec.client, author, &name, &input, &receivers).await?;
    Ok(see_other(&format!(
        "/employer/clients/{}/notes?n=created",
        ec.client.id
    )))
}
