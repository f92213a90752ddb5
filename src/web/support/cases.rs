//! Past cases (issue 14): the search across the organisation (`/offices/{id}/cases`, a case
//! opened with `?open=`), 役に立った, the "似た事例を見る" step of the contact form, and the
//! administrator's sharing setting. Every search and every opened case is audited; a case
//! carries no client id, name or date to the page (`store::cases::Case`).

use askama::Template;
use askama_web::WebTemplate;
use axum::{
    extract::Query,
    response::{IntoResponse, Response},
};
use serde::Deserialize;

use crate::cases::CaseQuery;
use crate::clock;
use crate::domain::audit::Action;
use crate::domain::case_search::{Situation, check_query, job_type, tenure_month};
use crate::domain::contact::{CONCERN_CATEGORIES, CONCERN_ROWS, ContactForm};
use crate::error::{AppError, AppResult};
use crate::store::{self, cases::Case, offices::Office};
use crate::web::{
    access::{Admin, ClientEdit, OfficeView, Policy, Routes},
    csrf::CsrfForm,
    ctx::{AuditRef, Ctx, Page},
    see_other,
};

/// Cases on the search page, and offered on the contact form.
const PAGE_CASES: usize = 20;
const SIMILAR_CASES: usize = 5;

pub fn routes() -> Routes {
    Routes::new()
        .get("/offices/{id}/cases", Policy::OfficeView, search_cases)
        .post(
            "/offices/{id}/cases/helpful",
            Policy::OfficeView,
            note_helpful,
        )
        .post(
            "/clients/{id}/contacts/similar",
            Policy::ClientEdit,
            similar_cases,
        )
        .get("/admin/case-sharing", Policy::Admin, show_sharing)
        .post("/admin/case-sharing", Policy::Admin, update_sharing)
}

/// How a case is shown: its facts as message keys, and whose office it comes from.
pub struct CaseView {
    pub case: Case,
    pub own_office: bool,
}

impl CaseView {
    fn of(cases: Vec<Case>, office_id: i64) -> Vec<CaseView> {
        cases
            .into_iter()
            .map(|case| CaseView {
                own_office: case.office_id == office_id,
                case,
            })
            .collect()
    }
    pub fn category_key(&self) -> String {
        format!("concern.cat.{}", self.case.category)
    }
    pub fn severity_key(&self) -> String {
        format!("concern.severity.{}", self.case.severity)
    }
    pub fn job_key(&self) -> String {
        format!("case.job.{}", self.case.job_type)
    }
    pub fn disability_key(&self) -> String {
        match self.case.disability.as_str() {
            "multiple" => "case.disability_multiple".into(),
            "none" => "case.disability_none".into(),
            d => format!("disability.{d}"),
        }
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct SearchParams {
    pub category: String,
    pub q: String,
    /// A case to show whole.
    pub open: String,
    /// `helpful` after noting it.
    pub n: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "support/cases/search.html")]
struct SearchPage {
    page: Page,
    office: Office,
    params: SearchParams,
    cases: Vec<CaseView>,
    opened: Option<CaseView>,
    opened_helpful: bool,
    problem: Option<&'static str>,
    searched: bool,
    shares: bool,
}

impl SearchPage {
    fn categories(&self) -> [&'static str; 14] {
        CONCERN_CATEGORIES
    }
    fn category_key(&self, code: &str) -> String {
        format!("concern.cat.{code}")
    }
}

/// The search page; `?open=N` shows that case whole (if the office may see it).
pub async fn search_cases(
    ctx: Ctx,
    OfficeView { who, office }: OfficeView,
    Query(params): Query<SearchParams>,
) -> AppResult<Response> {
    let db = &ctx.app.db;
    let category = CONCERN_CATEGORIES
        .iter()
        .find(|c| **c == params.category)
        .copied();
    let (text, problem) = match check_query(&params.q) {
        Ok(q) => (q, None),
        Err(p) => (String::new(), Some(p.key())),
    };
    let searched = category.is_some() || !text.is_empty();
    let cases = if searched {
        let found = ctx
            .app
            .cases
            .search(
                db,
                &CaseQuery {
                    text: &text,
                    category,
                    situation: Situation {
                        category: category.map(str::to_string),
                        ..Situation::default()
                    },
                    office_id: office.id,
                    limit: PAGE_CASES,
                },
            )
            .await?;
        ctx.audit(
            Action::CaseSearch,
            &AuditRef::new("office", office.id).office(office.id),
        )
        .detail(format!(
            "where=search category={} words={} found={}",
            category.unwrap_or("-"),
            text.chars().count(),
            found.len()
        ))
        .write_now(db)
        .await?;
        CaseView::of(found, office.id)
    } else {
        Vec::new()
    };
    let mut opened = None;
    let mut opened_helpful = false;
    if let Ok(id) = params.open.trim().parse::<i64>() {
        let found = store::cases::find_visible(db, &[id], office.id).await?;
        let Some(case) = found.into_iter().next() else {
            return Err(AppError::NotFound);
        };
        ctx.audit(
            Action::CaseOpen,
            &AuditRef::new("case", case.id).office(office.id),
        )
        .detail(format!("from_office={}", case.office_id))
        .write_now(db)
        .await?;
        opened_helpful = store::cases::noted_helpful(db, case.id, who.id).await?;
        opened = CaseView::of(vec![case], office.id).pop();
    }
    let shares = store::cases::sharing(db, office.id).await?;
    Ok(SearchPage {
        page: ctx.page("case.title"),
        office,
        params,
        cases,
        opened,
        opened_helpful,
        problem,
        searched,
        shares,
    }
    .into_response())
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct HelpfulForm {
    pub case: String,
}

/// 役に立った: a signal for ranking, once per case and person.
pub async fn note_helpful(
    ctx: Ctx,
    OfficeView { who, office }: OfficeView,
    CsrfForm(form): CsrfForm<HelpfulForm>,
) -> AppResult<Response> {
    let db = &ctx.app.db;
    let Ok(id) = form.case.trim().parse::<i64>() else {
        return Err(AppError::BadRequest("case".into()));
    };
    let Some(case) = store::cases::find_visible(db, &[id], office.id)
        .await?
        .into_iter()
        .next()
    else {
        return Err(AppError::NotFound);
    };
    let mut tx = db.begin().await?;
    let added =
        store::cases::note_helpful(&mut tx, case.id, who.id, office.id, clock::now()).await?;
    if added {
        ctx.audit(
            Action::CaseHelpful,
            &AuditRef::new("case", case.id).office(office.id),
        )
        .detail(format!("from_office={}", case.office_id))
        .write(&mut tx)
        .await?;
    }
    tx.commit().await?;
    Ok(see_other(&format!(
        "/offices/{}/cases?open={}&n=helpful#case",
        office.id, case.id
    )))
}

/// The cases offered on the contact form after "似た事例を見る".
#[derive(Default)]
pub struct Similar {
    /// Whether the step was asked for.
    pub asked: bool,
    pub office_id: i64,
    pub cases: Vec<CaseView>,
}

/// The words of the form to search with: the concerns' notes, or else the first 200
/// characters of what was heard; and the situation: the first concern's category, the
/// client's month of tenure and kind of job.
fn form_query(form: &ContactForm) -> (String, Option<String>) {
    let mut words: Vec<String> = Vec::new();
    let mut category = None;
    for i in 1..=CONCERN_ROWS {
        let cat = form.get(&format!("concern_category_{i}"));
        if category.is_none() && CONCERN_CATEGORIES.contains(&cat.as_str()) {
            category = Some(cat);
        }
        let note = form.get(&format!("concern_note_{i}"));
        if !note.trim().is_empty() {
            words.push(note.trim().to_string());
        }
    }
    if words.is_empty() {
        words.push(form.get("heard").chars().take(200).collect());
    }
    let mut text: String = words.join(" ");
    text = text.chars().take(200).collect();
    (text, category)
}

/// "似た事例を見る": the contact form again, as typed, with the five most similar cases.
/// Nothing of the contact is saved.
pub async fn similar_cases(
    ctx: Ctx,
    ClientEdit { client, office, .. }: ClientEdit,
    CsrfForm(pairs): CsrfForm<Vec<(String, String)>>,
) -> AppResult<Response> {
    let db = &ctx.app.db;
    let form = ContactForm(pairs);
    let (text, category) = form_query(&form);
    let today = clock::today();
    let job = store::employments::list_for_client(db, client.id)
        .await?
        .into_iter()
        .filter(|e| e.hire_date <= today && e.end_date.is_none())
        .max_by_key(|e| e.hire_date);
    let situation = Situation {
        category: category.clone(),
        tenure_month: job
            .as_ref()
            .and_then(|e| tenure_month(e.return_to_work_date.unwrap_or(e.hire_date), today)),
        job_type: job.as_ref().map(|e| job_type(&e.job_title).to_string()),
    };
    let text = check_query(&text).unwrap_or_default();
    let found = if text.is_empty() && category.is_none() {
        Vec::new()
    } else {
        ctx.app
            .cases
            .search(
                db,
                &CaseQuery {
                    text: &text,
                    category: if text.is_empty() {
                        category.as_deref()
                    } else {
                        None
                    },
                    situation,
                    office_id: office.id,
                    limit: SIMILAR_CASES,
                },
            )
            .await?
    };
    ctx.audit(
        Action::CaseSearch,
        &AuditRef::new("office", office.id).office(office.id),
    )
    .detail(format!(
        "where=contact_form category={} words={} found={}",
        category.as_deref().unwrap_or("-"),
        text.chars().count(),
        found.len()
    ))
    .write_now(db)
    .await?;
    let similar = Similar {
        asked: true,
        office_id: office.id,
        cases: CaseView::of(found, office.id),
    };
    crate::web::support::contacts::form_with_similar(&ctx, client, &office, form, similar).await
}

#[derive(Template, WebTemplate)]
#[template(path = "support/cases/sharing.html")]
struct SharingPage {
    page: Page,
    offices: Vec<(Office, bool)>,
}

/// The administrator's page: which offices share their cases with the organisation.
pub async fn show_sharing(ctx: Ctx, Admin(me): Admin) -> AppResult<Response> {
    let db = &ctx.app.db;
    let mut offices = Vec::new();
    for o in store::offices::list_all(db, me.organization_id).await? {
        let shares = store::cases::sharing(db, o.id).await?;
        offices.push((o, shares));
    }
    Ok(SharingPage {
        page: ctx.page("case.sharing_title"),
        offices,
    }
    .into_response())
}

/// Saves the sharing setting of every office: those ticked share, the others do not. Each
/// change is audited.
pub async fn update_sharing(
    ctx: Ctx,
    Admin(me): Admin,
    CsrfForm(pairs): CsrfForm<Vec<(String, String)>>,
) -> AppResult<Response> {
    let db = &ctx.app.db;
    let ticked: Vec<i64> = pairs
        .iter()
        .filter(|(k, _)| k == "share")
        .filter_map(|(_, v)| v.trim().parse().ok())
        .collect();
    let mut tx = db.begin().await?;
    for o in store::offices::list_all(db, me.organization_id).await? {
        let now_shares = ticked.contains(&o.id);
        if store::cases::sharing(db, o.id).await? != now_shares {
            store::cases::set_sharing(&mut tx, o.id, now_shares).await?;
            ctx.audit(Action::CaseSharingUpdate, &AuditRef::new("office", o.id))
                .office(o.id)
                .detail(format!("share={now_shares}"))
                .write(&mut tx)
                .await?;
        }
    }
    tx.commit().await?;
    Ok(see_other("/admin/case-sharing?n=saved"))
}
