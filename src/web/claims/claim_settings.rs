//! An office's claim settings (`/offices/{id}/claim-settings`): its 地域区分, which decides the
//! unit price, and the 体制 加算・減算 it filed, each in force between two dates. Only the
//! office's managers and admins see or change them: they decide what the office claims.

use crate::web::access::{Child, OfOffice, OfficeManage, Policy, Routes, Sub};
use askama::Template;
use askama_web::WebTemplate;
use axum::response::{IntoResponse, Response};
use time::Date;

use crate::clock;
use crate::db::Db;
use crate::domain::audit::Action;
use crate::domain::claim::Adjustment;
use crate::domain::claim_records::{
    AREA_GRADES, AreaGradeForm, EndSettingForm, SettingForm, grade_key, item_key,
};
use crate::domain::fields::FieldErrors;
use crate::error::{AppError, AppResult};
use crate::store::{
    self,
    claims::{AreaGradeRow, OfficeSetting},
    offices::Office,
};
use crate::web::{
    csrf::CsrfForm,
    ctx::{AuditRef, Ctx, Page},
    see_other, unprocessable,
};

pub fn routes() -> Routes {
    Routes::new()
        .get(
            "/offices/{id}/claim-settings",
            Policy::OfficeManage,
            show_claim_settings,
        )
        .post(
            "/offices/{id}/claim-settings",
            Policy::OfficeManage,
            create_claim_setting,
        )
        .post(
            "/offices/{id}/claim-settings/area-grade",
            Policy::OfficeManage,
            update_area_grade,
        )
        .post(
            "/offices/{id}/claim-settings/{sid}/end",
            Policy::OfficeManage,
            end_claim_setting,
        )
}

/// A claim setting `{sid}` lives under its office: one of another office answers 404.
impl Child for OfficeSetting {
    type Of = OfOffice;
    const PARAM: &'static str = "sid";
    async fn load(db: &Db, office_id: i64, id: i64) -> Result<Option<Self>, sqlx::Error> {
        Ok(store::claims::office_settings(db, office_id)
            .await?
            .into_iter()
            .find(|s| s.id == id))
    }
}

/// A message on one setting's end form: (setting id, message key, the date as typed).
type EndError = (i64, &'static str, String);

#[derive(Template, WebTemplate)]
#[template(path = "claims/claim_records/settings.html")]
struct SettingsPage {
    page: Page,
    office: Office,
    grade_form: AreaGradeForm,
    grade_errors: FieldErrors,
    /// The office's dated grades, newest first.
    grade_history: Vec<AreaGradeRow>,
    in_force: Vec<OfficeSetting>,
    ended: Vec<OfficeSetting>,
    form: SettingForm,
    errors: FieldErrors,
    end_error: Option<EndError>,
    grades: [&'static str; 8],
    items: [Adjustment; 5],
    today: Date,
}

impl SettingsPage {
    fn grade_key(&self, code: &str) -> &'static str {
        grade_key(code)
    }
    fn item_key(&self, code: &str) -> &'static str {
        item_key(code)
    }
    fn end_error_for(&self, id: &i64) -> Option<&'static str> {
        self.end_error
            .as_ref()
            .filter(|(sid, _, _)| sid == id)
            .map(|(_, key, _)| *key)
    }
    fn end_on_for(&self, id: &i64) -> String {
        self.end_error
            .as_ref()
            .filter(|(sid, _, _)| sid == id)
            .map_or_else(|| self.today.to_string(), |(_, _, v)| v.clone())
    }
}

/// The page around whichever form was posted. `grade_form` is `None` for the stored grade.
async fn settings_page(
    ctx: &Ctx,
    office: Office,
    grade_form: Option<(AreaGradeForm, FieldErrors)>,
    form: SettingForm,
    errors: FieldErrors,
    end_error: Option<EndError>,
) -> AppResult<SettingsPage> {
    let db = &ctx.app.db;
    let today = clock::today();
    let (grade_form, grade_errors) = match grade_form {
        Some(g) => g,
        None => {
            // The grade in force today: the dated one, else the office's undated grade.
            let dated = store::claims::area_grades_on(db, Some(office.id), today)
                .await?
                .into_iter()
                .next()
                .map(|g| g.area_grade);
            let stored = match dated {
                Some(g) => g,
                None => store::claims::offices(db, Some(office.id))
                    .await?
                    .into_iter()
                    .next()
                    .map(|o| o.area_grade)
                    .unwrap_or_default(),
            };
            (
                AreaGradeForm {
                    area_grade: stored,
                    grade_from: today.to_string(),
                },
                FieldErrors::new(),
            )
        }
    };
    let grade_history = store::claims::area_grades(db, office.id).await?;
    let (in_force, ended) = store::claims::office_settings(db, office.id)
        .await?
        .into_iter()
        .partition(|s| s.valid_to.is_none_or(|to| to >= today));
    Ok(SettingsPage {
        page: ctx.form_page("records.settings.title").await?,
        office,
        grade_form,
        grade_errors,
        grade_history,
        in_force,
        ended,
        form,
        errors,
        end_error,
        grades: AREA_GRADES,
        items: Adjustment::OFFICE_SETTINGS,
        today,
    })
}

fn blank_setting() -> SettingForm {
    SettingForm {
        valid_from: clock::today().to_string(),
        ..SettingForm::default()
    }
}

pub async fn show_claim_settings(
    ctx: Ctx,
    OfficeManage { office, .. }: OfficeManage,
) -> AppResult<Response> {
    Ok(settings_page(
        &ctx,
        office,
        None,
        blank_setting(),
        FieldErrors::new(),
        None,
    )
    .await?
    .into_response())
}

pub async fn update_area_grade(
    ctx: Ctx,
    OfficeManage { who, office }: OfficeManage,
    CsrfForm(form): CsrfForm<AreaGradeForm>,
) -> AppResult<Response> {
    let latest = store::claims::area_grades(&ctx.app.db, office.id)
        .await?
        .first()
        .map(|g| g.valid_from);
    let (grade, from) = match form.parse(latest) {
        Ok(g) => g,
        Err(errors) => {
            let page = settings_page(
                &ctx,
                office,
                Some((form, errors)),
                blank_setting(),
                FieldErrors::new(),
                None,
            )
            .await?;
            return Ok(unprocessable(page));
        }
    };
    let mut tx = ctx.app.db.begin().await?;
    store::claims::insert_area_grade(
        &mut tx,
        office.id,
        grade,
        from,
        clock::today(),
        who.id,
        clock::now(),
    )
    .await?;
    ctx.audit(Action::OfficeAreaGrade, &office)
        .detail(format!("area_grade={grade} from={from}"))
        .write(&mut tx)
        .await?;
    tx.commit().await?;
    Ok(see_other(&format!(
        "/offices/{}/claim-settings?n=saved",
        office.id
    )))
}

pub async fn create_claim_setting(
    ctx: Ctx,
    OfficeManage { who, office }: OfficeManage,
    CsrfForm(form): CsrfForm<SettingForm>,
) -> AppResult<Response> {
    let input = match form.parse() {
        Ok(input) => input,
        Err(errors) => {
            let page = settings_page(&ctx, office, None, form, errors, None).await?;
            return Ok(unprocessable(page));
        }
    };
    let mut tx = ctx.app.db.begin().await?;
    let sid = store::claims::insert_setting(
        &mut tx,
        office.id,
        input.item.code(),
        input.valid_from,
        input.valid_to,
        &input.note,
        who.id,
        clock::now(),
    )
    .await?;
    ctx.audit(
        Action::ClaimSettingCreate,
        &AuditRef::new("office_claim_setting", sid).office(office.id),
    )
    .detail(format!(
        "item={} from={} to={}",
        input.item.code(),
        input.valid_from,
        input.valid_to.map(|d| d.to_string()).unwrap_or_default()
    ))
    .write(&mut tx)
    .await?;
    tx.commit().await?;
    Ok(see_other(&format!(
        "/offices/{}/claim-settings?n=created",
        office.id
    )))
}

pub async fn end_claim_setting(
    ctx: Ctx,
    Sub(OfficeManage { office, .. }, setting): Sub<OfficeManage, OfficeSetting>,
    CsrfForm(form): CsrfForm<EndSettingForm>,
) -> AppResult<Response> {
    let sid = setting.id;
    let on = match form.parse(setting.valid_from) {
        Ok(on) => on,
        Err(errors) => {
            let key = errors.get("end_on").unwrap_or("err.date");
            let page = settings_page(
                &ctx,
                office,
                None,
                blank_setting(),
                FieldErrors::new(),
                Some((sid, key, form.end_on)),
            )
            .await?;
            return Ok(unprocessable(page));
        }
    };
    let mut tx = ctx.app.db.begin().await?;
    if !store::claims::end_setting(&mut tx, office.id, sid, on).await? {
        return Err(AppError::NotFound);
    }
    ctx.audit(
        Action::ClaimSettingEnd,
        &AuditRef::new("office_claim_setting", sid).office(office.id),
    )
    .detail(format!("item={} to={on}", setting.item))
    .write(&mut tx)
    .await?;
    tx.commit().await?;
    Ok(see_other(&format!(
        "/offices/{}/claim-settings?n=saved",
        office.id
    )))
}
