//! 初期設定: on an empty database, create the organisation and the first administrator.
//! The page exists only while there is no staff account; there is no default password.

use askama::Template;
use askama_web::WebTemplate;
use axum::response::Response;
use serde::Deserialize;

use crate::clock;
use crate::db::is_unique_violation;
use crate::domain::audit::Action;
use crate::domain::fields::{self, FieldErrors};
use crate::domain::staff::{check_new_password, parse_login};
use crate::error::{AppError, AppResult};
use crate::store::{self, staff::StaffInput};
use crate::web::{
    csrf::CsrfForm,
    ctx::{AuditRef, Ctx, Page},
    hash_password, see_other, unprocessable,
};

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct SetupForm {
    pub organization_name: String,
    pub display_name: String,
    pub login: String,
    pub email: String,
    pub password: String,
    pub password_confirm: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "platform/setup.html")]
struct SetupPage {
    page: Page,
    form: SetupForm,
    errors: FieldErrors,
}

pub async fn show_setup(ctx: Ctx) -> AppResult<Response> {
    if store::staff::any_exists(&ctx.app.db).await? {
        return Ok(see_other("/login"));
    }
    let page = ctx.form_page("setup.title").await?;
    Ok(axum::response::IntoResponse::into_response(SetupPage {
        page,
        form: SetupForm::default(),
        errors: FieldErrors::new(),
    }))
}

pub async fn create_setup(ctx: Ctx, CsrfForm(form): CsrfForm<SetupForm>) -> AppResult<Response> {
    if store::staff::any_exists(&ctx.app.db).await? {
        return Err(AppError::NotFound);
    }
    let mut e = FieldErrors::new();
    let org_name = fields::required_text(&mut e, "organization_name", &form.organization_name, 100);
    let input = StaffInput {
        display_name: fields::required_text(&mut e, "display_name", &form.display_name, 100),
        login: parse_login(&mut e, &form.login),
        email: fields::email(&mut e, "email", &form.email, true),
        is_admin: true,
        active: true,
    };
    check_new_password(
        &mut e,
        &form.password,
        &form.password_confirm,
        &[&input.login, &input.display_name, &org_name],
    );
    if !e.is_empty() {
        let page = ctx.form_page("setup.title").await?;
        return Ok(unprocessable(SetupPage {
            page,
            form,
            errors: e,
        }));
    }
    let hash = hash_password(form.password.clone()).await?;
    let now = clock::now();
    let mut tx = ctx.app.db.begin().await?;
    let org_id = match store::organizations::insert(&mut tx, &org_name, now).await {
        Ok(id) => id,
        // Someone finished the setup a moment earlier.
        Err(err) if is_unique_violation(&err) => return Err(AppError::NotFound),
        Err(err) => return Err(err.into()),
    };
    let staff_id = store::staff::insert(&mut tx, org_id, &input, &hash, now).await?;
    ctx.audit(
        Action::SetupComplete,
        &AuditRef::new("organization", org_id),
    )
    .by(staff_id, input.login.clone())
    .detail(org_name)
    .write(&mut tx)
    .await?;
    ctx.audit(Action::StaffCreate, &AuditRef::new("staff", staff_id))
        .by(staff_id, input.login.clone())
        .detail(format!("login={} admin=true", input.login))
        .write(&mut tx)
        .await?;
    tx.commit().await?;
    Ok(see_other("/login?n=setup"))
}
