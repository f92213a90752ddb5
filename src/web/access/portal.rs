//! The portal's extractors: a client for their own record, an employer contact for the
//! clients whose consent names them.
//!
//! | outcome | when |
//! |---|---|
//! | 303 to `/portal/login?next=…` | nobody is signed in |
//! | 403 | signed in as staff, or as the other kind of portal user |
//! | 404 | (employer) the client is not linked to them, or no consent naming them is in force |

use axum::{
    extract::{FromRef, FromRequestParts},
    http::{Method, request::Parts},
};

use crate::app::AppState;
use crate::clock;
use crate::domain::audit::Action;
use crate::domain::consent::{self, Category, Recipient};
use crate::domain::portal::{ClientPrincipal, EmployerPrincipal, PortalPrincipal};
use crate::error::AppError;
use crate::store::{self, clients::Client, portal::EmployerLink};
use crate::web::ctx::Ctx;
use crate::web::session::SessionHandle;

use super::path_id;

fn session(parts: &Parts) -> SessionHandle {
    parts
        .extensions
        .get::<SessionHandle>()
        .cloned()
        .unwrap_or_default()
}

/// The portal principal, or the portal's sign-in redirect (403 for a staff session).
fn portal_principal(parts: &Parts) -> Result<PortalPrincipal, AppError> {
    let session = session(parts);
    if let Some(p) = session.portal() {
        return Ok(p);
    }
    if session.principal().is_some() {
        return Err(AppError::Forbidden);
    }
    Err(AppError::PortalSignInRequired {
        next: parts
            .uri
            .path_and_query()
            .map(|p| p.as_str().to_string())
            .unwrap_or_default(),
    })
}

#[derive(Clone, Copy)]
struct PortalViewAudited;

/// Writes `portal.view` of the client's record for a GET, once per request: every read by a
/// client or an employer contact is audited (issue 11, item 6).
async fn audit_portal_view<S>(
    parts: &mut Parts,
    state: &S,
    client_id: i64,
    office_id: i64,
) -> Result<(), AppError>
where
    AppState: FromRef<S>,
    S: Send + Sync,
{
    if !matches!(parts.method, Method::GET | Method::HEAD)
        || parts.extensions.get::<PortalViewAudited>().is_some()
    {
        return Ok(());
    }
    let ctx = Ctx::from_request_parts(parts, state).await?;
    let target = crate::web::ctx::AuditRef::new("client", client_id).office(office_id);
    ctx.audit(Action::PortalView, &target)
        .detail(parts.uri.path().to_string())
        .write_now(&ctx.app.db)
        .await?;
    parts.extensions.insert(PortalViewAudited);
    Ok(())
}

/// A client signed in to the portal. Their pages take no client id from the path: what
/// they see is always their own.
pub struct ClientSelf(pub ClientPrincipal);

impl<S> FromRequestParts<S> for ClientSelf
where
    AppState: FromRef<S>,
    S: Send + Sync,
{
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        match portal_principal(parts)? {
            PortalPrincipal::Client(c) => {
                audit_portal_view(parts, state, c.client_id, c.office_id).await?;
                Ok(ClientSelf(c))
            }
            PortalPrincipal::Employer(_) => Err(AppError::Forbidden),
        }
    }
}

/// A client signed in to the portal, for a change they make (a self-check, a message, an
/// acknowledgement). After the end of their service a client keeps reading their own past
/// for `domain::portal::READ_ACCESS_DAYS_AFTER_END` days but writes nothing new: 403.
pub struct ClientWrite(pub ClientPrincipal);

impl<S> FromRequestParts<S> for ClientWrite
where
    AppState: FromRef<S>,
    S: Send + Sync,
{
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let ClientSelf(me) = ClientSelf::from_request_parts(parts, state).await?;
        let db = AppState::from_ref(state).db;
        if store::portal::service_ended_on(&db, me.client_id, clock::today())
            .await?
            .is_some()
        {
            return Err(AppError::Forbidden);
        }
        Ok(ClientWrite(me))
    }
}

/// An employer contact signed in to the portal.
pub struct EmployerSelf(pub EmployerPrincipal);

impl<S> FromRequestParts<S> for EmployerSelf
where
    AppState: FromRef<S>,
    S: Send + Sync,
{
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        match portal_principal(parts)? {
            PortalPrincipal::Employer(e) => Ok(EmployerSelf(e)),
            PortalPrincipal::Client(_) => Err(AppError::Forbidden),
        }
    }
}

/// The client `{id}`, for an employer contact linked to them, with the categories the
/// client's consent naming the contact allows right now. Checked on every request, so a
/// withdrawal takes effect on the next one.
pub struct EmployerClient {
    pub who: EmployerPrincipal,
    pub client: Client,
    pub link: EmployerLink,
    /// The consented categories in force now (never empty: with none, the client is a 404).
    pub allowed: Vec<Category>,
}

impl EmployerClient {
    pub fn allows(&self, category: Category) -> bool {
        self.allowed.contains(&category)
    }
    /// 403 unless the consent covers `category`.
    pub fn require(&self, category: Category) -> Result<(), AppError> {
        if self.allows(category) {
            Ok(())
        } else {
            Err(AppError::Forbidden)
        }
    }
}

/// The categories that the consents allow sharing with `recipient_name` now.
pub fn allowed_categories(
    consents: &[consent::ConsentRecord],
    recipient_name: &str,
    now: time::OffsetDateTime,
    today: time::Date,
) -> Vec<Category> {
    let recipient = Recipient::Employer {
        name: recipient_name.to_string(),
    };
    Category::ALL
        .into_iter()
        .filter(|c| consent::check(consents, &recipient, &[*c], now, today).is_ok())
        .collect()
}

impl<S> FromRequestParts<S> for EmployerClient
where
    AppState: FromRef<S>,
    S: Send + Sync,
{
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let EmployerSelf(who) = EmployerSelf::from_request_parts(parts, state).await?;
        let id = path_id(parts, state, "id").await?;
        let db = AppState::from_ref(state).db;
        let link = store::portal::live_link(&db, who.contact_id, id)
            .await?
            .ok_or(AppError::NotFound)?;
        let client = store::clients::find(&db, id)
            .await?
            .ok_or(AppError::NotFound)?;
        let consents = store::consents::records_for_client(&db, id).await?;
        let now = clock::now();
        let allowed = allowed_categories(&consents, &link.recipient_name, now, clock::today());
        if allowed.is_empty() {
            return Err(AppError::NotFound);
        }
        audit_portal_view(parts, state, client.id, client.office_id).await?;
        Ok(EmployerClient {
            who,
            client,
            link,
            allowed,
        })
    }
}
