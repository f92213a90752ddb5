//! Who may use a route, in its types.
//!
//! Every handler names its access policy in its signature with one of the extractors here:
//! the extractor parses its own path id, loads the record, checks the signed-in principal
//! and answers with the error policy of `crate::error` when the check fails:
//!
//! | outcome | when |
//! |---|---|
//! | 303 to `/login?next=…` | nobody is signed in |
//! | 404 | the id is malformed, missing, or belongs to another organisation |
//! | 403 | signed in, same organisation, but not allowed (another office; a supporter where a manager is needed; not an admin) |
//!
//! | extractor | who |
//! |---|---|
//! | `Staff` | any signed-in staff member |
//! | `Admin` | an administrator of the organisation |
//! | `OfficeView` | staff of the office `{id}`, or an administrator |
//! | `OfficeManage` | the manager of the office `{id}`, or an administrator |
//! | `OfficeClaims` | the manager or the clerk (事務) of the office `{id}`, or an administrator: its claims |
//! | `OfficeAdmin` | an administrator, for the office `{id}` of the organisation (deleting it) |
//! | `StaffAdmin` | an administrator, for the staff member `{id}` of the organisation |
//! | `TourSlotManage` | the manager of the tour slot `{id}`'s office, or an administrator |
//! | `OutboxAdmin` | an administrator, for the outbox message `{id}` |
//! | `ClientAdmin` | an administrator, for the client `{id}` of the organisation (removing their records after the keeping period); a removed client is a 404 |
//! | `ClientView` | staff of the client `{id}`'s office, not its clerk (事務): the support records; writes `client.view` once per GET |
//! | `ClientEdit` | who may change the client `{id}`'s support records (the same staff) |
//! | `ClientFile` | staff of the client `{id}`'s office including its clerk: the client's file (the person, employment, 受給者証, contracts); writes `client.view` once per GET |
//! | `ClientFileEdit` | who may change the client `{id}`'s file (the same staff) |
//! | `ClientManage` | the manager of the client `{id}`'s office, or an administrator (moving the client to another office) |
//! | `InquiryAccess` | staff of the office the inquiry `{id}` was made to |
//! | `ClientSelf` | a client signed in to the portal: only their own record; writes `portal.view` once per GET |
//! | `ClientWrite` | the same client, for a change they make: 403 once their service has ended (they keep reading for 90 days) |
//! | `EmployerSelf` | an employer contact signed in to the portal |
//! | `EmployerClient` | an employer contact, for the client `{id}` linked to them while a consent naming them is in force (404 otherwise); writes `portal.view` once per GET |
//! | `Sub<P, T>` | a record `T` under its parent `P` (a plan under a client, a setting under an office): the parent's check, then 404 unless `T` belongs to it |
//!
//! The routes are declared with `Routes`, which takes the policy of every route next to its
//! path (`Routes::get(path, Policy::ClientView, handler)`), so the router cannot have a
//! route without a declared policy, and the role × route test (`tests/it/matrix.rs`) reads
//! `web::route_table()` to check each declared policy against what the route answers.
//!
//! A client or an employer contact has their own kind of session (`store::sessions::Kind`)
//! and their own extractors (`portal.rs`); the staff extractors do not see them (a portal
//! session has no staff principal, so a staff page sends them to the staff sign-in), and
//! the portal extractors answer 403 to staff.

mod portal;
pub use portal::{
    ClientSelf, ClientWrite, EmployerClient, EmployerSelf,
    allowed_categories as portal_allowed_categories,
};

use std::collections::HashMap;
use std::future::Future;

use axum::{
    Router,
    extract::{FromRef, FromRequestParts, OptionalFromRequestParts, Path},
    handler::Handler,
    http::{Method, request::Parts},
    routing::{get, post},
};

use crate::app::AppState;
use crate::db::Db;
use crate::domain::audit::Action;
use crate::domain::staff::Principal;
use crate::error::AppError;
use crate::store::{
    self, clients::Client, inquiries::Inquiry, offices::Office, outbox::Message,
    staff::Staff as StaffMember, tours::Slot,
};
use crate::web::ctx::{AuditRef, Ctx};

/// The declared access policy of a route: what the matrix test expects it to answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Policy {
    /// Anyone, signed in or not (public pages, the rules API, health checks, sign-in).
    Public,
    /// Anyone holding the secret in the path (the calendar feed, a visitor's cancel link).
    Token,
    /// Only while the organisation has not been set up.
    Setup,
    Staff,
    Admin,
    OfficeView,
    OfficeManage,
    ClientView,
    ClientEdit,
    ClientManage,
    InquiryAccess,
    /// The client's file (the person, employment, 受給者証, contracts): staff of the client's
    /// office including its clerk (事務), or an administrator. `ClientView`/`ClientEdit` are
    /// the support records, which the clerk does not see.
    ClientFile,
    ClientFileEdit,
    /// The office `{id}`'s claims (請求): its manager or clerk (事務), or an administrator.
    OfficeClaims,
    /// A client signed in to the portal, for their own record only (`/me/…`).
    ClientSelf,
    /// An employer contact signed in to the portal (`/employer`).
    EmployerSelf,
    /// An employer contact, for the client `{id}` linked to them, while that client's consent
    /// naming them is in force (`/employer/clients/{id}/…`).
    EmployerClient,
}

/// One route of the router with its policy.
#[derive(Debug, Clone)]
pub struct RouteSpec {
    pub method: Method,
    pub path: &'static str,
    pub policy: Policy,
}

/// The router being built, and the table of its routes with their policies.
pub struct Routes {
    router: Router<AppState>,
    table: Vec<RouteSpec>,
}

impl Default for Routes {
    fn default() -> Self {
        Self::new()
    }
}

impl Routes {
    pub fn new() -> Routes {
        Routes {
            router: Router::new(),
            table: Vec::new(),
        }
    }

    pub fn get<H, T>(mut self, path: &'static str, policy: Policy, handler: H) -> Routes
    where
        H: Handler<T, AppState>,
        T: 'static,
    {
        self.router = self.router.route(path, get(handler));
        self.table.push(RouteSpec {
            method: Method::GET,
            path,
            policy,
        });
        self
    }

    pub fn post<H, T>(mut self, path: &'static str, policy: Policy, handler: H) -> Routes
    where
        H: Handler<T, AppState>,
        T: 'static,
    {
        self.router = self.router.route(path, post(handler));
        self.table.push(RouteSpec {
            method: Method::POST,
            path,
            policy,
        });
        self
    }

    pub fn merge(mut self, other: Routes) -> Routes {
        self.router = self.router.merge(other.router);
        self.table.extend(other.table);
        self
    }

    pub fn table(&self) -> &[RouteSpec] {
        &self.table
    }

    pub fn into_router(self) -> Router<AppState> {
        self.router
    }
}

/// The path parameters of the request, by name.
pub(crate) async fn path_params<S: Send + Sync>(
    parts: &mut Parts,
    state: &S,
) -> Result<HashMap<String, String>, AppError> {
    <Path<HashMap<String, String>> as FromRequestParts<S>>::from_request_parts(parts, state)
        .await
        .map(|Path(p)| p)
        .map_err(|_| AppError::NotFound)
}

/// The numeric path parameter `name`, or 404.
pub(crate) async fn path_id<S: Send + Sync>(
    parts: &mut Parts,
    state: &S,
    name: &str,
) -> Result<i64, AppError> {
    let params = path_params(parts, state).await?;
    params
        .get(name)
        .and_then(|v| v.parse::<i64>().ok())
        .ok_or(AppError::NotFound)
}

/// The signed-in staff member, or the sign-in redirect.
pub(crate) fn signed_in(parts: &Parts) -> Result<Principal, AppError> {
    let session = parts
        .extensions
        .get::<crate::web::session::SessionHandle>()
        .cloned()
        .unwrap_or_default();
    session.principal().ok_or_else(|| AppError::SignInRequired {
        next: parts
            .uri
            .path_and_query()
            .map(|p| p.as_str().to_string())
            .unwrap_or_default(),
    })
}

/// An office the staff member may see: 404 if missing or of another organisation, 403 if
/// it is not one of theirs.
pub(crate) async fn office_for(db: &Db, who: &Principal, id: i64) -> Result<Office, AppError> {
    let office = store::offices::find(db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    if office.organization_id != who.organization_id {
        return Err(AppError::NotFound);
    }
    if !who.can_view_office(id) {
        return Err(AppError::Forbidden);
    }
    Ok(office)
}

/// Any signed-in staff member.
pub struct Staff(pub Principal);

impl<S> FromRequestParts<S> for Staff
where
    AppState: FromRef<S>,
    S: Send + Sync,
{
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        signed_in(parts).map(Staff)
    }
}

/// Signed in or not, for a page that answers both (the home page sends a visitor to the
/// sign-in page without a `next`).
impl<S> OptionalFromRequestParts<S> for Staff
where
    AppState: FromRef<S>,
    S: Send + Sync,
{
    type Rejection = AppError;

    async fn from_request_parts(
        parts: &mut Parts,
        _state: &S,
    ) -> Result<Option<Self>, Self::Rejection> {
        Ok(signed_in(parts).ok().map(Staff))
    }
}

/// An administrator of the organisation.
pub struct Admin(pub Principal);

impl<S> FromRequestParts<S> for Admin
where
    AppState: FromRef<S>,
    S: Send + Sync,
{
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        let who = signed_in(parts)?;
        if who.is_admin {
            Ok(Admin(who))
        } else {
            Err(AppError::Forbidden)
        }
    }
}

/// The office `{id}`, seen by one of its staff or an administrator.
pub struct OfficeView {
    pub who: Principal,
    pub office: Office,
}

impl<S> FromRequestParts<S> for OfficeView
where
    AppState: FromRef<S>,
    S: Send + Sync,
{
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let who = signed_in(parts)?;
        let id = path_id(parts, state, "id").await?;
        let office = office_for(&AppState::from_ref(state).db, &who, id).await?;
        Ok(OfficeView { who, office })
    }
}

/// The office `{id}`, managed by its manager or an administrator.
pub struct OfficeManage {
    pub who: Principal,
    pub office: Office,
}

impl<S> FromRequestParts<S> for OfficeManage
where
    AppState: FromRef<S>,
    S: Send + Sync,
{
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let OfficeView { who, office } = OfficeView::from_request_parts(parts, state).await?;
        if !who.can_manage_office(office.id) {
            return Err(AppError::Forbidden);
        }
        Ok(OfficeManage { who, office })
    }
}

/// The office `{id}`'s claims (請求, invoices, the 国保連 file, 上限額管理結果, 就労定着率): its
/// manager or its clerk (事務), or an administrator.
pub struct OfficeClaims {
    pub who: Principal,
    pub office: Office,
}

impl<S> FromRequestParts<S> for OfficeClaims
where
    AppState: FromRef<S>,
    S: Send + Sync,
{
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let OfficeView { who, office } = OfficeView::from_request_parts(parts, state).await?;
        if !who.can_claim(office.id) {
            return Err(AppError::Forbidden);
        }
        Ok(OfficeClaims { who, office })
    }
}

/// The office `{id}`, for an administrator of its organisation (403 for anyone else
/// signed in, before the id is looked at).
pub struct OfficeAdmin {
    pub who: Principal,
    pub office: Office,
}

impl<S> FromRequestParts<S> for OfficeAdmin
where
    AppState: FromRef<S>,
    S: Send + Sync,
{
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let Admin(who) = Admin::from_request_parts(parts, state).await?;
        let id = path_id(parts, state, "id").await?;
        let office = office_for(&AppState::from_ref(state).db, &who, id).await?;
        Ok(OfficeAdmin { who, office })
    }
}

/// The staff member `{id}` of the organisation, for an administrator (403 for anyone else
/// signed in; 404 for a missing id or one of another organisation).
pub struct StaffAdmin {
    pub who: Principal,
    pub staff: StaffMember,
}

impl<S> FromRequestParts<S> for StaffAdmin
where
    AppState: FromRef<S>,
    S: Send + Sync,
{
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let Admin(who) = Admin::from_request_parts(parts, state).await?;
        let id = path_id(parts, state, "id").await?;
        let staff = store::staff::find(&AppState::from_ref(state).db, id)
            .await?
            .filter(|s| s.organization_id == who.organization_id)
            .ok_or(AppError::NotFound)?;
        Ok(StaffAdmin { who, staff })
    }
}

/// The tour slot `{id}` with its office, for the office's manager or an administrator:
/// 404 for a missing slot or one of another organisation, 403 for other staff.
pub struct TourSlotManage {
    pub who: Principal,
    pub slot: Slot,
    pub office: Office,
}

impl<S> FromRequestParts<S> for TourSlotManage
where
    AppState: FromRef<S>,
    S: Send + Sync,
{
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let who = signed_in(parts)?;
        let id = path_id(parts, state, "id").await?;
        let db = AppState::from_ref(state).db;
        let slot = store::tours::find_slot(&db, id)
            .await?
            .ok_or(AppError::NotFound)?;
        let office = office_for(&db, &who, slot.office_id).await?;
        if !who.can_manage_office(office.id) {
            return Err(AppError::Forbidden);
        }
        Ok(TourSlotManage { who, slot, office })
    }
}

/// The outbox message `{id}`, for an administrator (403 for anyone else signed in).
pub struct OutboxAdmin {
    pub who: Principal,
    pub message: Message,
}

impl<S> FromRequestParts<S> for OutboxAdmin
where
    AppState: FromRef<S>,
    S: Send + Sync,
{
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let Admin(who) = Admin::from_request_parts(parts, state).await?;
        let id = path_id(parts, state, "id").await?;
        let message = store::outbox::find(&AppState::from_ref(state).db, id)
            .await?
            .ok_or(AppError::NotFound)?;
        Ok(OutboxAdmin { who, message })
    }
}

/// The client `{id}` of the organisation, for an administrator (403 for anyone else signed
/// in, before the id is looked at; 404 for a missing, removed or foreign client).
pub struct ClientAdmin {
    pub who: Principal,
    pub client: Client,
    pub office: Office,
}

impl<S> FromRequestParts<S> for ClientAdmin
where
    AppState: FromRef<S>,
    S: Send + Sync,
{
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let Admin(who) = Admin::from_request_parts(parts, state).await?;
        let id = path_id(parts, state, "id").await?;
        let (client, office) = client_of(&AppState::from_ref(state).db, &who, id).await?;
        Ok(ClientAdmin {
            who,
            client,
            office,
        })
    }
}

/// Marks a request whose `client.view` row is written, so a second extractor does not
/// write another.
#[derive(Clone, Copy)]
struct ClientViewAudited;

/// Loads the client `{id}` for the signed-in staff member.
pub(crate) async fn client_for<S>(
    parts: &mut Parts,
    state: &S,
) -> Result<(Principal, Client, Office), AppError>
where
    AppState: FromRef<S>,
    S: Send + Sync,
{
    let who = signed_in(parts)?;
    let id = path_id(parts, state, "id").await?;
    let (client, office) = client_of(&AppState::from_ref(state).db, &who, id).await?;
    Ok((who, client, office))
}

/// [`client_for`], for the client's support records: 403 to the office's clerk (事務).
async fn support_client_for<S>(
    parts: &mut Parts,
    state: &S,
) -> Result<(Principal, Client, Office), AppError>
where
    AppState: FromRef<S>,
    S: Send + Sync,
{
    let who = signed_in(parts)?;
    let id = path_id(parts, state, "id").await?;
    let (client, office) = support_client_of(&AppState::from_ref(state).db, &who, id).await?;
    Ok((who, client, office))
}

/// [`client_of`], for the client's support records (a task under a contact, say): 403 to the
/// office's clerk (事務).
pub(crate) async fn support_client_of(
    db: &Db,
    who: &Principal,
    client_id: i64,
) -> Result<(Client, Office), AppError> {
    let (client, office) = client_of(db, who, client_id).await?;
    if !who.can_see_support_records(office.id) {
        return Err(AppError::Forbidden);
    }
    Ok((client, office))
}

/// A client the staff member may see, with their office: 404 if missing or of another
/// organisation, 403 if of another office.
pub(crate) async fn client_of(
    db: &Db,
    who: &Principal,
    client_id: i64,
) -> Result<(Client, Office), AppError> {
    let client = store::clients::find(db, client_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let office = office_for(db, who, client.office_id).await?;
    Ok((client, office))
}

/// Writes `client.view` for a page that shows the client's record (GET), once per request.
pub(crate) async fn audit_client_view<S>(
    parts: &mut Parts,
    state: &S,
    client: &Client,
) -> Result<(), AppError>
where
    AppState: FromRef<S>,
    S: Send + Sync,
{
    if !matches!(parts.method, Method::GET | Method::HEAD)
        || parts.extensions.get::<ClientViewAudited>().is_some()
    {
        return Ok(());
    }
    let ctx = Ctx::from_request_parts(parts, state).await?;
    ctx.audit(Action::ClientView, client)
        .write_now(&ctx.app.db)
        .await?;
    parts.extensions.insert(ClientViewAudited);
    Ok(())
}

/// A client extractor: the client `{id}` found by `$find` (which says who may reach them),
/// with a GET audited as a view of the record. The four differ only in who may reach the
/// client; each stays its own type so that the policy reads in the handler's signature.
macro_rules! client_extractor {
    ($(#[$m:meta])* $name:ident, $find:ident) => {
        $(#[$m])*
        pub struct $name {
            pub who: Principal,
            pub client: Client,
            pub office: Office,
        }

        impl<S> FromRequestParts<S> for $name
        where
            AppState: FromRef<S>,
            S: Send + Sync,
        {
            type Rejection = AppError;

            async fn from_request_parts(
                parts: &mut Parts,
                state: &S,
            ) -> Result<Self, Self::Rejection> {
                let (who, client, office) = $find(parts, state).await?;
                audit_client_view(parts, state, &client).await?;
                Ok($name {
                    who,
                    client,
                    office,
                })
            }
        }
    };
}

client_extractor!(
    /// The client `{id}`, seen by the staff of their office. Every GET through it writes the
    /// `client.view` audit row (要配慮個人情報: every access to a client's record is audited).
    ClientView,
    support_client_for
);

client_extractor!(
    /// The client `{id}`, for a change to their record (and the form that makes it, whose GET
    /// is audited as a view).
    ClientEdit,
    support_client_for
);

client_extractor!(
    /// The client `{id}`'s file (the person, employment, 受給者証, contracts), for anyone of the
    /// client's office including the clerk (事務). A GET is audited as a view.
    ClientFile,
    client_for
);

client_extractor!(
    /// A change to the client `{id}`'s file (and its form), for the same people as
    /// [`ClientFile`].
    ClientFileEdit,
    client_for
);

/// The client `{id}`, for what only the manager of the client's office (or an admin) may
/// do, such as moving the client to another office. A GET is audited as a view.
pub struct ClientManage {
    pub who: Principal,
    pub client: Client,
    pub office: Office,
}

impl<S> FromRequestParts<S> for ClientManage
where
    AppState: FromRef<S>,
    S: Send + Sync,
{
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let (who, client, office) = client_for(parts, state).await?;
        if !who.can_manage_office(office.id) {
            return Err(AppError::Forbidden);
        }
        audit_client_view(parts, state, &client).await?;
        Ok(ClientManage {
            who,
            client,
            office,
        })
    }
}

/// The inquiry `{id}`, for the staff of the office it was made to.
pub struct InquiryAccess {
    pub who: Principal,
    pub inquiry: Inquiry,
    pub office: Office,
}

impl<S> FromRequestParts<S> for InquiryAccess
where
    AppState: FromRef<S>,
    S: Send + Sync,
{
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let who = signed_in(parts)?;
        let id = path_id(parts, state, "id").await?;
        let app = AppState::from_ref(state);
        let inquiry = store::inquiries::find(&app.db, id)
            .await?
            .ok_or(AppError::NotFound)?;
        let office = office_for(&app.db, &who, inquiry.office_id).await?;
        Ok(InquiryAccess {
            who,
            inquiry,
            office,
        })
    }
}

/// A parent extractor that a `Sub` record can be checked against.
pub trait Parent {
    /// What kind of record the parent is (`Client`, `Office`, `Inquiry`).
    type Kind;
    fn parent_id(&self) -> i64;
}

/// Marker kinds of parent.
pub struct OfClient;
pub struct OfOffice;
pub struct OfInquiry;

impl Parent for ClientView {
    type Kind = OfClient;
    fn parent_id(&self) -> i64 {
        self.client.id
    }
}
impl Parent for ClientEdit {
    type Kind = OfClient;
    fn parent_id(&self) -> i64 {
        self.client.id
    }
}
impl Parent for ClientFileEdit {
    type Kind = OfClient;
    fn parent_id(&self) -> i64 {
        self.client.id
    }
}
impl Parent for OfficeView {
    type Kind = OfOffice;
    fn parent_id(&self) -> i64 {
        self.office.id
    }
}
impl Parent for OfficeManage {
    type Kind = OfOffice;
    fn parent_id(&self) -> i64 {
        self.office.id
    }
}
impl Parent for OfficeClaims {
    type Kind = OfOffice;
    fn parent_id(&self) -> i64 {
        self.office.id
    }
}
impl Parent for InquiryAccess {
    type Kind = OfInquiry;
    fn parent_id(&self) -> i64 {
        self.inquiry.id
    }
}

/// A record that lives under a parent and is named by its own path parameter.
pub trait Child: Sized + Send {
    type Of;
    /// The path parameter with its id (e.g. `pid` in `/clients/{id}/plans/{pid}`).
    const PARAM: &'static str;
    /// Loads it by id, within its parent.
    fn load(
        db: &Db,
        parent_id: i64,
        id: i64,
    ) -> impl Future<Output = Result<Option<Self>, sqlx::Error>> + Send;
}

/// A record `T` under its parent `P`: `P`'s check first, then 404 unless `T` exists under it.
pub struct Sub<P, T>(pub P, pub T);

impl<S, P, T> FromRequestParts<S> for Sub<P, T>
where
    AppState: FromRef<S>,
    S: Send + Sync,
    P: Parent + FromRequestParts<S, Rejection = AppError> + Send,
    T: Child<Of = P::Kind>,
{
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let parent = P::from_request_parts(parts, state).await?;
        let id = path_id(parts, state, T::PARAM).await?;
        let db = AppState::from_ref(state).db;
        let child = T::load(&db, parent.parent_id(), id)
            .await?
            .ok_or(AppError::NotFound)?;
        Ok(Sub(parent, child))
    }
}

impl crate::web::ctx::AuditTarget for Client {
    fn audit_ref(&self) -> AuditRef {
        AuditRef::new("client", self.id).office(self.office_id)
    }
}

impl crate::web::ctx::AuditTarget for Office {
    fn audit_ref(&self) -> AuditRef {
        AuditRef::new("office", self.id).office(self.id)
    }
}

impl crate::web::ctx::AuditTarget for Inquiry {
    fn audit_ref(&self) -> AuditRef {
        AuditRef::new("inquiry", self.id).office(self.office_id)
    }
}
