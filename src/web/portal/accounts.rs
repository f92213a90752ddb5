//! The staff side of portal accounts (`/clients/{id}/portal`): the client's account and
//! the employer contacts of the client, their state, an invitation (an A4 sheet with a QR
//! code to hand over, and optionally an email through the outbox), and stopping access.
//!
//! An invitation's token is shown once, on the page answering the POST that made it: the
//! database keeps its hash only, so printing again means a new invitation (which makes the
//! older sheet stop working).

use askama::Template;
use askama_web::WebTemplate;
use axum::{
    extract::Path,
    http::HeaderMap,
    response::{IntoResponse, Response},
};
use serde::Deserialize;
use time::OffsetDateTime;

use crate::clock;
use crate::domain::audit::Action;
use crate::domain::consent::Category;
use crate::domain::fields::{self, FieldErrors};
use crate::domain::portal::{self, AccountStatus, LinkState, TokenPurpose};
use crate::email::messages::PortalInvite;
use crate::error::{AppError, AppResult};
use crate::i18n::Lang;
use crate::store::{
    self,
    outbox::NewMessage,
    portal::{ClientAccount, ClientContactRow, Owner},
};
use crate::web::{
    access::{ClientEdit, ClientView, Policy, Routes, portal_allowed_categories},
    csrf::CsrfForm,
    ctx::{Ctx, Page},
    see_other,
    session::{hash_token, random_token},
    unprocessable,
};

pub fn routes() -> Routes {
    Routes::new()
        .get("/clients/{id}/portal", Policy::ClientView, show)
        .post(
            "/clients/{id}/portal/invite",
            Policy::ClientEdit,
            invite_client,
        )
        .post(
            "/clients/{id}/portal/revoke",
            Policy::ClientEdit,
            revoke_client,
        )
        .post(
            "/clients/{id}/portal/employer",
            Policy::ClientEdit,
            invite_employer,
        )
        .post(
            "/clients/{id}/portal/employer/{cid}/revoke",
            Policy::ClientEdit,
            revoke_employer,
        )
}

/// The client's account as the staff page shows it.
pub struct AccountView {
    pub account: ClientAccount,
    pub status: AccountStatus,
    /// While the account waits for its invitation: until when the newest link works.
    pub invite_until: Option<String>,
    /// …or why it no longer does (the message key).
    pub invite_problem: Option<&'static str>,
    pub last_sign_in: Option<String>,
}

/// An employer contact of the client, with what the client's consent lets them see now.
pub struct ContactView {
    pub row: ClientContactRow,
    pub status: AccountStatus,
    pub allowed: Vec<Category>,
    pub linked: bool,
}

#[derive(Template, WebTemplate)]
#[template(path = "portal/accounts/show.html")]
struct ShowPage {
    page: Page,
    client_id: i64,
    client_name: String,
    account: Option<AccountView>,
    contacts: Vec<ContactView>,
    client_email: String,
    employer: EmployerForm,
    errors: FieldErrors,
}

#[derive(Debug, Default, Clone, Deserialize)]
#[serde(default)]
pub struct EmployerForm {
    pub contact_name: String,
    pub contact_employer: String,
    pub contact_email: String,
    pub send_email: String,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct InviteForm {
    pub invite_email: String,
    pub send_email: String,
}

fn jst(at: OffsetDateTime) -> String {
    clock::format_jst(at)
}

async fn load_page(
    ctx: &Ctx,
    client: &store::clients::Client,
    employer: EmployerForm,
    errors: FieldErrors,
) -> AppResult<ShowPage> {
    let db = &ctx.app.db;
    let now = clock::now();
    let account = match store::portal::client_account(db, client.id).await? {
        Some(account) => {
            let status = account.status();
            let invite = if status == AccountStatus::Invited {
                store::portal::latest_invite(db, Owner::Client(account.id)).await?
            } else {
                None
            };
            let usable = invite.as_ref().map(|t| t.state(now));
            Some(AccountView {
                invite_until: invite
                    .as_ref()
                    .filter(|_| usable == Some(LinkState::Usable))
                    .map(|t| jst(t.expires_at)),
                invite_problem: usable
                    .filter(|s| *s != LinkState::Usable)
                    .map(LinkState::message_key),
                last_sign_in: account.last_sign_in_at.map(jst),
                account,
                status,
            })
        }
        None => None,
    };
    let consents = store::consents::records_for_client(db, client.id).await?;
    let today = clock::today();
    let contacts = store::portal::contacts_of_client(db, client.id)
        .await?
        .into_iter()
        .map(|row| ContactView {
            status: row.status(),
            allowed: portal_allowed_categories(&consents, &row.recipient_name, now, today),
            linked: row.revoked_at.is_none(),
            row,
        })
        .collect();
    let employer = if employer.contact_name.is_empty() && employer.contact_employer.is_empty() {
        // Offered from the employment record: the supervisor named there.
        match store::employments::list_for_client(db, client.id)
            .await?
            .into_iter()
            .rfind(|e| e.end_date.is_none())
        {
            Some(e) => EmployerForm {
                contact_name: e.supervisor_name,
                contact_employer: e.employer_name,
                ..employer
            },
            None => employer,
        }
    } else {
        employer
    };
    Ok(ShowPage {
        page: ctx.form_page("portal.accounts.title").await?,
        client_id: client.id,
        client_name: client.name.clone(),
        account,
        contacts,
        client_email: client.email.clone(),
        employer,
        errors,
    })
}

async fn show(ctx: Ctx, ClientView { client, .. }: ClientView) -> AppResult<Response> {
    Ok(
        load_page(&ctx, &client, EmployerForm::default(), FieldErrors::new())
            .await?
            .into_response(),
    )
}

/// The invitation sheet: the link, its QR code and the sign-in ID, shown once.
#[derive(Template, WebTemplate)]
#[template(path = "portal/accounts/sheet.html")]
struct SheetPage {
    page: Page,
    client_id: i64,
    /// `client` or `employer`.
    kind: &'static str,
    person_name: String,
    office_name: String,
    office_phone: String,
    url: String,
    qr_svg: String,
    login: String,
    expires: String,
    emailed_to: Option<String>,
}

/// The QR code of `url` as an SVG element (dark modules on white, with its quiet zone).
pub fn qr_svg(url: &str) -> Result<String, AppError> {
    let code = qrcode::QrCode::new(url.as_bytes())
        .map_err(|e| AppError::Internal(anyhow::anyhow!("QR code: {e}")))?;
    Ok(code
        .render::<qrcode::render::svg::Color>()
        .min_dimensions(240, 240)
        .dark_color(qrcode::render::svg::Color("#000000"))
        .light_color(qrcode::render::svg::Color("#ffffff"))
        .build())
}

/// A fresh sign-in ID not used by any account.
async fn new_login(ctx: &Ctx) -> AppResult<String> {
    loop {
        let mut bytes = [0u8; 8];
        getrandom::fill(&mut bytes).map_err(|e| AppError::Internal(anyhow::anyhow!("{e}")))?;
        let login = portal::login_from_random(bytes);
        if !store::portal::login_taken(&ctx.app.db, &login).await? {
            return Ok(login);
        }
    }
}

fn wants_email(flag: &str) -> bool {
    matches!(flag, "1" | "on" | "yes")
}

async fn invite_client(
    ctx: Ctx,
    headers: HeaderMap,
    ClientEdit {
        who,
        client,
        office,
    }: ClientEdit,
    CsrfForm(form): CsrfForm<InviteForm>,
) -> AppResult<Response> {
    let db = &ctx.app.db;
    let mut e = FieldErrors::new();
    let send = wants_email(&form.send_email);
    let email = fields::email(&mut e, "invite_email", &form.invite_email, send);
    if !e.is_empty() {
        let mut page = load_page(&ctx, &client, EmployerForm::default(), e).await?;
        page.client_email = form.invite_email;
        return Ok(unprocessable(page));
    }
    let now = clock::now();
    let existing = store::portal::client_account(db, client.id).await?;
    let mut tx = db.begin().await?;
    let (account_id, login) = match existing {
        Some(a) => {
            store::portal::reinvite(&mut tx, Owner::Client(a.id), &email, now).await?;
            (a.id, a.login)
        }
        None => {
            let login = new_login(&ctx).await?;
            let id = store::portal::create_client_account(
                &mut tx, client.id, &login, &email, who.id, now,
            )
            .await?;
            (id, login)
        }
    };
    ctx.audit(Action::PortalInvite, &client)
        .detail(if send {
            "client, email"
        } else {
            "client, sheet"
        })
        .write(&mut tx)
        .await?;
    let invite = Invite {
        kind: "client",
        owner: Owner::Client(account_id),
        person_name: client.name.clone(),
        login,
        send_to: send.then_some(email),
    };
    issue(&ctx, &headers, tx, who.id, client.id, &office, invite, now).await
}

/// An invitation about to be made: whose account, and where to email it (if asked).
struct Invite {
    kind: &'static str,
    owner: Owner,
    person_name: String,
    login: String,
    send_to: Option<String>,
}

/// Makes the invitation's one-time link (revoking the owner's older ones), queues the email
/// if asked, commits `tx` (which holds the account's change and its audit row), and shows
/// the sheet: the link's only showing, since its token is kept as a hash.
#[allow(clippy::too_many_arguments)]
async fn issue(
    ctx: &Ctx,
    headers: &HeaderMap,
    mut tx: crate::db::Tx,
    staff_id: i64,
    client_id: i64,
    office: &store::offices::Office,
    invite: Invite,
    now: OffsetDateTime,
) -> AppResult<Response> {
    let token = random_token();
    store::portal::insert_token(
        &mut tx,
        TokenPurpose::Invite,
        invite.owner,
        &hash_token(&token),
        Some(staff_id),
        now,
    )
    .await?;
    let url = format!("{}/invite/{token}", crate::web::public_base(ctx, headers));
    let expires = jst(TokenPurpose::Invite.expires(now));
    if let Some(to) = &invite.send_to {
        queue_invite(
            &mut tx,
            office,
            invite.kind,
            &url,
            &invite.login,
            &expires,
            to,
            now,
        )
        .await?;
    }
    tx.commit().await?;
    Ok(SheetPage {
        page: ctx.page("portal.sheet.title"),
        client_id,
        kind: invite.kind,
        person_name: invite.person_name,
        office_name: office.name.clone(),
        office_phone: office.phone.clone(),
        qr_svg: qr_svg(&url)?,
        url,
        login: invite.login,
        expires,
        emailed_to: invite.send_to,
    }
    .into_response())
}

/// Queues the invitation email (always in Japanese: the person's language is not known
/// before they open the portal; the English page is one link away there).
#[allow(clippy::too_many_arguments)]
async fn queue_invite(
    tx: &mut crate::db::Tx,
    office: &store::offices::Office,
    kind: &'static str,
    url: &str,
    login: &str,
    expires: &str,
    to: &str,
    now: OffsetDateTime,
) -> AppResult<()> {
    let mail = PortalInvite {
        office_name: office.name.clone(),
        office_phone: office.phone.clone(),
        kind,
        url: url.to_string(),
        login: login.to_string(),
        expires: expires.to_string(),
    }
    .render(Lang::Ja)
    .map_err(|e| AppError::Internal(e.into()))?;
    store::outbox::insert(
        tx,
        &NewMessage {
            to_address: to,
            subject: &mail.subject,
            body_text: &mail.body,
            related_type: Some("portal_invite"),
            related_id: None,
            not_before: None,
        },
        now,
    )
    .await?;
    Ok(())
}

async fn revoke_client(
    ctx: Ctx,
    ClientEdit { client, .. }: ClientEdit,
    CsrfForm(_): CsrfForm<Vec<(String, String)>>,
) -> AppResult<Response> {
    let db = &ctx.app.db;
    let Some(account) = store::portal::client_account(db, client.id).await? else {
        return Err(AppError::NotFound);
    };
    if matches!(
        account.status(),
        AccountStatus::Revoked | AccountStatus::Closed
    ) {
        return Ok(see_other(&format!("/clients/{}/portal", client.id)));
    }
    let mut tx = db.begin().await?;
    store::portal::stop(
        &mut tx,
        Owner::Client(account.id),
        AccountStatus::Revoked,
        clock::now(),
    )
    .await?;
    ctx.audit(Action::PortalRevoke, &client)
        .detail("client")
        .write(&mut tx)
        .await?;
    tx.commit().await?;
    Ok(see_other(&format!("/clients/{}/portal?n=saved", client.id)))
}

async fn invite_employer(
    ctx: Ctx,
    headers: HeaderMap,
    ClientEdit {
        who,
        client,
        office,
    }: ClientEdit,
    CsrfForm(form): CsrfForm<EmployerForm>,
) -> AppResult<Response> {
    let db = &ctx.app.db;
    let mut e = FieldErrors::new();
    let name = fields::required_text(&mut e, "contact_name", &form.contact_name, 100);
    let employer_name =
        fields::required_text(&mut e, "contact_employer", &form.contact_employer, 100);
    let send = wants_email(&form.send_email);
    let email = fields::email(&mut e, "contact_email", &form.contact_email, send);
    if !e.is_empty() {
        return Ok(unprocessable(load_page(&ctx, &client, form, e).await?));
    }
    let now = clock::now();
    let employment = store::employments::list_for_client(db, client.id)
        .await?
        .into_iter()
        .rfind(|e| e.end_date.is_none())
        .map(|e| e.id);
    // One account per person: the same email in the organisation is the same contact.
    let existing = if email.is_empty() {
        None
    } else {
        store::portal::contact_by_email(db, who.organization_id, &email).await?
    };
    let mut tx = db.begin().await?;
    let (contact_id, login) = match existing {
        Some(c) => {
            store::portal::reinvite(&mut tx, Owner::Employer(c.id), &email, now).await?;
            (c.id, c.login)
        }
        None => {
            let login = new_login(&ctx).await?;
            let id = store::portal::create_contact(
                &mut tx,
                &store::portal::NewContact {
                    organization_id: who.organization_id,
                    login: &login,
                    name: &name,
                    employer_name: &employer_name,
                    email: &email,
                    created_by: who.id,
                },
                now,
            )
            .await?;
            (id, login)
        }
    };
    store::portal::link(
        &mut tx, contact_id, client.id, employment, &name, who.id, now,
    )
    .await?;
    ctx.audit(Action::EmployerInvite, &client)
        .detail(format!("contact {contact_id}"))
        .write(&mut tx)
        .await?;
    let invite = Invite {
        kind: "employer",
        owner: Owner::Employer(contact_id),
        person_name: name,
        login,
        send_to: send.then_some(email),
    };
    issue(&ctx, &headers, tx, who.id, client.id, &office, invite, now).await
}

/// Ends the contact's access to this client. Their account stays for other clients they
/// are linked to; with none left it is stopped too.
async fn revoke_employer(
    ctx: Ctx,
    ClientEdit { client, .. }: ClientEdit,
    Path(params): Path<std::collections::HashMap<String, String>>,
    CsrfForm(_): CsrfForm<Vec<(String, String)>>,
) -> AppResult<Response> {
    let db = &ctx.app.db;
    let contact_id = params
        .get("cid")
        .and_then(|v| v.parse::<i64>().ok())
        .ok_or(AppError::NotFound)?;
    let linked = store::portal::contacts_of_client(db, client.id)
        .await?
        .into_iter()
        .find(|c| c.contact_id == contact_id)
        .ok_or(AppError::NotFound)?;
    if linked.revoked_at.is_some() {
        // Ended already (a second click): nothing changes.
        return Ok(see_other(&format!("/clients/{}/portal", client.id)));
    }
    let now = clock::now();
    let mut tx = db.begin().await?;
    store::portal::unlink(&mut tx, contact_id, client.id, now).await?;
    ctx.audit(Action::EmployerRevoke, &client)
        .detail(format!("contact {contact_id}"))
        .write(&mut tx)
        .await?;
    tx.commit().await?;
    if store::portal::links_of_contact(db, contact_id)
        .await?
        .is_empty()
    {
        let mut tx = db.begin().await?;
        store::portal::stop(
            &mut tx,
            Owner::Employer(contact_id),
            AccountStatus::Revoked,
            now,
        )
        .await?;
        tx.commit().await?;
    }
    Ok(see_other(&format!("/clients/{}/portal?n=saved", client.id)))
}
