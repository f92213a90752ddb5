//! 職員 pages (admin only): list, create, edit with office roles, reset a password, delete.
//! Nobody can remove the last active admin, or their own admin rights or account.

use askama::Template;
use askama_web::WebTemplate;
use axum::response::{IntoResponse, Response};

use crate::clock;
use crate::db::is_unique_violation;
use crate::domain::audit::Action;
use crate::domain::fields::{self, FieldErrors};
use crate::domain::staff::{Membership, Role, check_new_password, parse_login};
use crate::error::AppResult;
use crate::store::{
    self,
    offices::Office,
    staff::{MembershipRow, Staff, StaffInput},
};
use crate::web::{
    access::{Admin, StaffAdmin},
    csrf::CsrfForm,
    ctx::{AuditRef, AuditTarget, Ctx, Page},
    hash_password, see_other, unprocessable,
};

pub struct StaffRow {
    pub staff: Staff,
    pub memberships: Vec<MembershipRow>,
}

#[derive(Template, WebTemplate)]
#[template(path = "platform/staff/list.html")]
struct ListPage {
    page: Page,
    rows: Vec<StaffRow>,
    /// The organisation requires two-factor sign-in (`web::platform::two_factor`).
    totp_required: bool,
}

impl ListPage {
    fn role_label(&self, role: &str) -> &'static str {
        Role::parse(role)
            .map(Role::label_key)
            .unwrap_or("role.none")
    }
}

/// The staff form as typed: fixed fields plus one `role_<office id>` per office.
#[derive(Debug, Default, Clone)]
pub struct StaffForm {
    pub display_name: String,
    pub login: String,
    pub email: String,
    pub password: String,
    pub password_confirm: String,
    pub is_admin: bool,
    pub active: bool,
    pub roles: Vec<(i64, String)>,
    /// A new account: email the staff member a link to choose their own password
    /// (`web::platform::staff_invite`) instead of the administrator typing one.
    pub invite: bool,
}

impl StaffForm {
    fn from_pairs(pairs: Vec<(String, String)>) -> StaffForm {
        let mut f = StaffForm::default();
        for (k, v) in pairs {
            match k.as_str() {
                "display_name" => f.display_name = v,
                "login" => f.login = v,
                "email" => f.email = v,
                "password" => f.password = v,
                "password_confirm" => f.password_confirm = v,
                "is_admin" => f.is_admin = v == "1",
                "active" => f.active = v == "1",
                "invite" => f.invite = v == "1",
                _ => {
                    if let Some(id) = k.strip_prefix("role_").and_then(|id| id.parse().ok()) {
                        f.roles.push((id, v));
                    }
                }
            }
        }
        f
    }

    /// The role chosen for an office ("" for none).
    pub fn role_for(&self, office_id: &i64) -> &str {
        self.roles
            .iter()
            .find(|(id, _)| id == office_id)
            .map(|(_, r)| r.as_str())
            .unwrap_or("")
    }

    /// Checks the fields; memberships only for the organisation's offices.
    fn parse(&self, offices: &[Office], e: &mut FieldErrors) -> (StaffInput, Vec<Membership>) {
        let input = StaffInput {
            display_name: fields::required_text(e, "display_name", &self.display_name, 100),
            login: parse_login(e, &self.login),
            email: fields::email(e, "email", &self.email, true),
            is_admin: self.is_admin,
            active: self.active,
        };
        let memberships = offices
            .iter()
            .filter_map(|o| {
                Role::parse(self.role_for(&o.id)).map(|role| Membership {
                    office_id: o.id,
                    role,
                })
            })
            .collect();
        (input, memberships)
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "platform/staff/form.html")]
struct FormPage {
    page: Page,
    form: StaffForm,
    errors: FieldErrors,
    password_errors: FieldErrors,
    offices: Vec<Office>,
    is_new: bool,
    staff_id: Option<i64>,
    action: String,
    /// The staff member being edited has two-factor sign-in on (the admin may reset it).
    totp_on: bool,
}

pub async fn list_staff(ctx: Ctx, Admin(who): Admin) -> AppResult<Response> {
    let staff = store::staff::list(&ctx.app.db, who.organization_id).await?;
    let memberships = store::staff::list_memberships(&ctx.app.db, who.organization_id).await?;
    let rows = staff
        .into_iter()
        .map(|s| {
            let memberships = memberships
                .iter()
                .filter(|m| m.staff_id == s.id)
                .cloned()
                .collect();
            StaffRow {
                staff: s,
                memberships,
            }
        })
        .collect();
    Ok(ListPage {
        page: ctx.page("staff.list_title"),
        rows,
        totp_required: store::totp::required(&ctx.app.db).await?,
    }
    .into_response())
}

pub async fn new_staff(ctx: Ctx, Admin(who): Admin) -> AppResult<Response> {
    let offices = store::offices::list_all(&ctx.app.db, who.organization_id).await?;
    let form = StaffForm {
        active: true,
        invite: true,
        ..StaffForm::default()
    };
    Ok(FormPage {
        page: ctx.page("staff.new"),
        form,
        errors: FieldErrors::new(),
        password_errors: FieldErrors::new(),
        offices,
        is_new: true,
        staff_id: None,
        action: "/staff".into(),
        totp_on: false,
    }
    .into_response())
}

fn login_taken(err: &sqlx::Error, e: &mut FieldErrors) -> bool {
    if is_unique_violation(err) {
        e.add("login", "err.login_taken");
        true
    } else {
        false
    }
}

fn describe(s: &StaffInput, memberships: &[Membership]) -> String {
    let roles: Vec<String> = memberships
        .iter()
        .map(|m| format!("{}:{}", m.office_id, m.role.as_str()))
        .collect();
    format!(
        "login={} admin={} active={} roles=[{}]",
        s.login,
        s.is_admin,
        s.active,
        roles.join(",")
    )
}

pub async fn create_staff(
    ctx: Ctx,
    headers: axum::http::HeaderMap,
    Admin(who): Admin,
    CsrfForm(pairs): CsrfForm<Vec<(String, String)>>,
) -> AppResult<Response> {
    let mut form = StaffForm::from_pairs(pairs);
    form.active = true;
    let offices = store::offices::list_all(&ctx.app.db, who.organization_id).await?;
    let mut e = FieldErrors::new();
    let (input, memberships) = form.parse(&offices, &mut e);
    let organization = store::organizations::find(&ctx.app.db)
        .await?
        .map(|o| o.name);
    if !form.invite {
        check_new_password(
            &mut e,
            &form.password,
            &form.password_confirm,
            &[
                &input.login,
                &input.display_name,
                organization.as_deref().unwrap_or(""),
            ],
        );
    }
    let render = |form: StaffForm, errors: FieldErrors, offices: Vec<Office>| FormPage {
        page: ctx.page("staff.new"),
        form,
        errors,
        password_errors: FieldErrors::new(),
        offices,
        is_new: true,
        staff_id: None,
        action: "/staff".into(),
        totp_on: false,
    };
    if !e.is_empty() {
        return Ok(unprocessable(render(form, e, offices)));
    }
    // An invited account gets a password nobody knows until the staff member sets theirs.
    let password = if form.invite {
        crate::web::session::random_token()
    } else {
        form.password.clone()
    };
    let hash = hash_password(password).await?;
    let now = clock::now();
    let mut tx = ctx.app.db.begin().await?;
    let id = match store::staff::insert(&mut tx, who.organization_id, &input, &hash, now).await {
        Ok(id) => id,
        Err(err) if login_taken(&err, &mut e) => {
            return Ok(unprocessable(render(form, e, offices)));
        }
        Err(err) => return Err(err.into()),
    };
    store::staff::set_memberships(&mut tx, id, &memberships).await?;
    ctx.audit(Action::StaffCreate, &AuditRef::new("staff", id))
        .detail(describe(&input, &memberships))
        .write(&mut tx)
        .await?;
    if form.invite {
        let staff = (id, input.login.as_str(), input.email.as_str());
        super::staff_invite::invite(&ctx, &headers, &mut tx, staff, who.id, now).await?;
        ctx.audit(Action::StaffInvite, &AuditRef::new("staff", id))
            .write(&mut tx)
            .await?;
    }
    tx.commit().await?;
    Ok(see_other(if form.invite {
        "/staff?n=invited"
    } else {
        "/staff?n=created"
    }))
}

impl AuditTarget for Staff {
    fn audit_ref(&self) -> AuditRef {
        AuditRef::new("staff", self.id)
    }
}

async fn edit_page(
    ctx: &Ctx,
    staff: &Staff,
    form: StaffForm,
    errors: FieldErrors,
    password_errors: FieldErrors,
) -> AppResult<FormPage> {
    let offices = store::offices::list_all(&ctx.app.db, staff.organization_id).await?;
    Ok(FormPage {
        page: ctx.page("staff.edit"),
        form,
        errors,
        password_errors,
        offices,
        is_new: false,
        staff_id: Some(staff.id),
        action: format!("/staff/{}", staff.id),
        totp_on: store::totp::is_enabled(&ctx.app.db, staff.id).await?,
    })
}

/// The edit form filled with the account as it is now.
async fn current_form(ctx: &Ctx, staff: &Staff) -> AppResult<StaffForm> {
    let memberships = store::staff::list_memberships(&ctx.app.db, staff.organization_id).await?;
    Ok(StaffForm {
        display_name: staff.display_name.clone(),
        login: staff.login.clone(),
        email: staff.email.clone(),
        is_admin: staff.is_admin,
        active: staff.active,
        roles: memberships
            .into_iter()
            .filter(|m| m.staff_id == staff.id)
            .map(|m| (m.office_id, m.role))
            .collect(),
        ..StaffForm::default()
    })
}

pub async fn edit_staff(ctx: Ctx, StaffAdmin { staff, .. }: StaffAdmin) -> AppResult<Response> {
    let form = current_form(&ctx, &staff).await?;
    Ok(
        edit_page(&ctx, &staff, form, FieldErrors::new(), FieldErrors::new())
            .await?
            .into_response(),
    )
}

pub async fn update_staff(
    ctx: Ctx,
    StaffAdmin { who, staff }: StaffAdmin,
    CsrfForm(pairs): CsrfForm<Vec<(String, String)>>,
) -> AppResult<Response> {
    let form = StaffForm::from_pairs(pairs);
    let offices = store::offices::list_all(&ctx.app.db, staff.organization_id).await?;
    let mut e = FieldErrors::new();
    let (input, memberships) = form.parse(&offices, &mut e);
    if staff.id == who.id && (!input.is_admin || !input.active) {
        e.add("is_admin", "err.cannot_demote_self");
    }
    let mut tx = ctx.app.db.begin().await?;
    let removes_admin = staff.is_admin && staff.active && !(input.is_admin && input.active);
    if removes_admin && store::staff::count_other_active_admins(&mut tx, staff.id).await? == 0 {
        e.add("is_admin", "err.last_admin");
    }
    if !e.is_empty() {
        drop(tx);
        return Ok(unprocessable(
            edit_page(&ctx, &staff, form, e, FieldErrors::new()).await?,
        ));
    }
    match store::staff::update(&mut tx, staff.id, &input, clock::now()).await {
        Ok(_) => {}
        Err(err) if login_taken(&err, &mut e) => {
            drop(tx);
            return Ok(unprocessable(
                edit_page(&ctx, &staff, form, e, FieldErrors::new()).await?,
            ));
        }
        Err(err) => return Err(err.into()),
    }
    store::staff::set_memberships(&mut tx, staff.id, &memberships).await?;
    ctx.audit(Action::StaffUpdate, &staff)
        .detail(describe(&input, &memberships))
        .write(&mut tx)
        .await?;
    tx.commit().await?;
    if !input.active {
        store::sessions::delete_for_staff(&ctx.app.db, staff.id).await?;
    }
    Ok(see_other("/staff?n=saved"))
}

#[derive(Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct PasswordForm {
    pub password: String,
    pub password_confirm: String,
}

pub async fn reset_password(
    ctx: Ctx,
    StaffAdmin { staff, .. }: StaffAdmin,
    CsrfForm(form): CsrfForm<PasswordForm>,
) -> AppResult<Response> {
    let mut e = FieldErrors::new();
    let organization = store::organizations::find(&ctx.app.db)
        .await?
        .map(|o| o.name);
    check_new_password(
        &mut e,
        &form.password,
        &form.password_confirm,
        &[
            &staff.login,
            &staff.display_name,
            organization.as_deref().unwrap_or(""),
        ],
    );
    if !e.is_empty() {
        let edit = current_form(&ctx, &staff).await?;
        return Ok(unprocessable(
            edit_page(&ctx, &staff, edit, FieldErrors::new(), e).await?,
        ));
    }
    let hash = hash_password(form.password).await?;
    let mut tx = ctx.app.db.begin().await?;
    store::staff::set_password(&mut tx, staff.id, &hash, clock::now()).await?;
    ctx.audit(Action::StaffPasswordReset, &staff)
        .write(&mut tx)
        .await?;
    tx.commit().await?;
    store::sessions::delete_for_staff(&ctx.app.db, staff.id).await?;
    Ok(see_other("/staff?n=password"))
}

pub async fn delete_staff(
    ctx: Ctx,
    StaffAdmin { who, staff }: StaffAdmin,
    CsrfForm(_): CsrfForm<Vec<(String, String)>>,
) -> AppResult<Response> {
    let mut tx = ctx.app.db.begin().await?;
    let mut e = FieldErrors::new();
    if staff.id == who.id {
        e.add("is_admin", "err.cannot_delete_self");
    } else if staff.is_admin
        && staff.active
        && store::staff::count_other_active_admins(&mut tx, staff.id).await? == 0
    {
        e.add("is_admin", "err.last_admin");
    }
    if !e.is_empty() {
        drop(tx);
        let form = current_form(&ctx, &staff).await?;
        return Ok(unprocessable(
            edit_page(&ctx, &staff, form, e, FieldErrors::new()).await?,
        ));
    }
    store::staff::delete(&mut tx, staff.id).await?;
    ctx.audit(Action::StaffDelete, &staff)
        .detail(format!("login={} name={}", staff.login, staff.display_name))
        .write(&mut tx)
        .await?;
    tx.commit().await?;
    Ok(see_other("/staff?n=deleted"))
}
