//! The public site (no sign-in): 事業所を探す (the office finder and each office's page), the
//! guide to the service, and the fee simulator, which uses the same rules as the rules API
//! (`domain::rules::charge` and the dated tables in `domain::rules::master`). Also the admin's
//! page to edit the guide.

use crate::web::access::{Admin, Policy, Routes};
use askama::Template;
use askama_web::WebTemplate;
use axum::{
    extract::{Path, Query},
    http::{HeaderMap, Uri},
    response::{IntoResponse, Response},
};
use serde::Deserialize;

use crate::clock;
use crate::domain::audit::Action;
use crate::domain::fields::{self, FieldErrors, Pairs};
use crate::domain::guide::{DEFAULT_SECTIONS, DEFAULT_SECTIONS_EN};
use crate::domain::office::PREFECTURES;
use crate::domain::paging::{self, Keyset};
use crate::domain::rules::charge::{
    Household, IncomeCategory, Residence, UnitPrice, income_category, user_charge,
};
use crate::domain::rules::master::{cap_table_on, reward_table_on};
use crate::error::{AppError, AppResult};
use crate::i18n::Lang;
use crate::store::{self, offices::Office};
use crate::web::{
    csrf::CsrfForm,
    ctx::{AuditRef, Ctx, Page},
    encode_query, parse_id, see_other, unprocessable,
};

pub fn routes() -> Routes {
    Routes::new()
        .get("/find", Policy::Public, find_offices)
        .get("/find/{id}", Policy::Public, show_public_office)
        .get("/guide", Policy::Public, show_guide)
        .get("/simulator", Policy::Public, simulate_fee)
        .get("/admin/guide", Policy::Admin, edit_guide)
        .post("/admin/guide", Policy::Admin, save_guide)
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct FindQuery {
    pub prefecture: String,
    /// Offices per page: one of [`PAGE_SIZES`] (else the first).
    pub size: String,
    /// Keyset paging: the page after / before this office id.
    pub after: String,
    pub before: String,
}

/// The page sizes a visitor can choose on the office finder.
const PAGE_SIZES: [usize; 3] = [20, 50, 100];

#[derive(Template, WebTemplate)]
#[template(path = "intake/public/find.html")]
struct FindPage {
    page: Page,
    offices: Vec<Office>,
    prefectures: Vec<String>,
    query: FindQuery,
    /// Published offices in the chosen prefecture (or all).
    total: i64,
    size: usize,
    sizes: [usize; 3],
    prev_href: Option<String>,
    next_href: Option<String>,
}

/// The organisation's published offices, by prefecture, a page at a time (keyset by id);
/// cacheable (`web::public_cache`).
pub async fn find_offices(
    ctx: Ctx,
    headers: HeaderMap,
    uri: Uri,
    Query(query): Query<FindQuery>,
) -> AppResult<Response> {
    let key = uri.to_string();
    crate::web::public_cache::serve(&ctx, &headers, &key, async || {
        let counts = store::offices::published_prefectures(&ctx.app.db).await?;
        // Only the prefectures that have an office, in the official order.
        let prefectures: Vec<String> = PREFECTURES
            .iter()
            .filter(|p| counts.iter().any(|(c, _)| c == **p))
            .map(|p| p.to_string())
            .collect();
        let prefecture = if prefectures.contains(&query.prefecture) {
            query.prefecture.clone()
        } else {
            String::new()
        };
        let total = counts
            .iter()
            .filter(|(p, _)| prefecture.is_empty() || *p == prefecture)
            .map(|(_, n)| n)
            .sum();
        let size = PAGE_SIZES
            .into_iter()
            .find(|s| s.to_string() == query.size.trim())
            .unwrap_or(PAGE_SIZES[0]);
        let at = Keyset::from_query(&query.after, &query.before);
        let mut offices =
            store::offices::page_published(&ctx.app.db, &prefecture, at, size as i64 + 1).await?;
        let links = paging::cut(&mut offices, size, at, |o| o.id);
        let href = |key: &str, id: i64| {
            format!(
                "/find?prefecture={}&size={size}&{key}={id}",
                encode_query(&prefecture)
            )
        };
        let (prev_href, next_href) = (
            links.prev_before.map(|id| href("before", id)),
            links.next_after.map(|id| href("after", id)),
        );
        let page = FindPage {
            page: ctx.page("public.find_title"),
            offices,
            prefectures,
            query: FindQuery {
                prefecture,
                ..FindQuery::default()
            },
            total,
            size,
            sizes: PAGE_SIZES,
            prev_href,
            next_href,
        };
        Ok(page.render().map_err(anyhow::Error::from)?)
    })
    .await
}

#[derive(Template, WebTemplate)]
#[template(path = "intake/public/office.html")]
struct OfficePage {
    page: Page,
    office: Office,
}

impl OfficePage {
    /// A map search for the address (opens the visitor's map service; no map is embedded).
    fn map_href(&self) -> String {
        format!(
            "https://www.google.com/maps/search/?api=1&query={}",
            encode_query(&format!(
                "{}{}",
                self.office.prefecture, self.office.address
            ))
        )
    }
    fn tel_href(&self) -> String {
        format!(
            "tel:{}",
            self.office
                .phone
                .chars()
                .filter(|c| c.is_ascii_digit())
                .collect::<String>()
        )
    }
}

pub async fn show_public_office(
    ctx: Ctx,
    headers: HeaderMap,
    uri: Uri,
    Path(id): Path<String>,
) -> AppResult<Response> {
    let id = parse_id(&id)?;
    crate::web::public_cache::serve(&ctx, &headers, &uri.to_string(), async || {
        let office = store::offices::find(&ctx.app.db, id)
            .await?
            .filter(|o| o.published)
            .ok_or(AppError::NotFound)?;
        let page = OfficePage {
            page: ctx.page("public.office_title"),
            office,
        };
        Ok(page.render().map_err(anyhow::Error::from)?)
    })
    .await
}

/// The guide's sections: as an admin saved them, or the built-in text.
async fn guide_sections(ctx: &Ctx, lang: Lang) -> AppResult<Vec<(String, String)>> {
    let saved = store::guide::list(&ctx.app.db).await?;
    let built_in = match lang {
        Lang::Ja => &DEFAULT_SECTIONS,
        Lang::En => &DEFAULT_SECTIONS_EN,
    };
    Ok(if saved.is_empty() {
        built_in
            .iter()
            .map(|(t, b)| (t.to_string(), b.to_string()))
            .collect()
    } else {
        saved.into_iter().map(|s| (s.title, s.body)).collect()
    })
}

#[derive(Template, WebTemplate)]
#[template(path = "intake/public/guide.html")]
struct GuidePage {
    page: Page,
    sections: Vec<(String, String)>,
}

impl GuidePage {
    fn paragraphs(&self, body: &str) -> Vec<String> {
        body.split("\n\n")
            .map(|p| p.trim().to_string())
            .filter(|p| !p.is_empty())
            .collect()
    }
}

pub async fn show_guide(ctx: Ctx, headers: HeaderMap) -> AppResult<Response> {
    crate::web::public_cache::serve(&ctx, &headers, "/guide", async || {
        let page = GuidePage {
            page: ctx.page("public.guide_title"),
            sections: guide_sections(&ctx, ctx.lang).await?,
        };
        Ok(page.render().map_err(anyhow::Error::from)?)
    })
    .await
}

#[derive(Template, WebTemplate)]
#[template(path = "intake/public/guide_edit.html")]
struct GuideEditPage {
    page: Page,
    sections: Vec<(String, String)>,
    errors: FieldErrors,
}

pub async fn edit_guide(ctx: Ctx, Admin(_): Admin) -> AppResult<Response> {
    let sections = guide_sections(&ctx, Lang::Ja).await?;
    Ok(GuideEditPage {
        page: ctx.page("guide.edit_title"),
        sections,
        errors: FieldErrors::new(),
    }
    .into_response())
}

/// Saves every section (`title_N`, `body_N`); a section with both fields empty is removed.
pub async fn save_guide(
    ctx: Ctx,
    Admin(who): Admin,
    CsrfForm(pairs): CsrfForm<Vec<(String, String)>>,
) -> AppResult<Response> {
    let p = Pairs(pairs);
    let mut sections = Vec::new();
    let mut errors = FieldErrors::new();
    for i in 0..20 {
        let (title, body) = (
            p.get(&format!("title_{i}")).trim().to_string(),
            p.get(&format!("body_{i}")).trim().to_string(),
        );
        if title.is_empty() && body.is_empty() {
            continue;
        }
        if title.is_empty() || body.is_empty() {
            errors.add("guide", "err.guide_section");
        }
        fields::plain_text(&mut errors, "guide", &title, false);
        fields::plain_text(&mut errors, "guide", &body, true);
        if title.chars().count() > 100 || body.chars().count() > 5000 {
            errors.add("guide", "err.too_long");
        }
        sections.push((title, body));
    }
    if sections.is_empty() {
        errors.add("guide", "err.guide_empty");
    }
    if !errors.is_empty() {
        return Ok(unprocessable(GuideEditPage {
            page: ctx.page("guide.edit_title"),
            sections,
            errors,
        }));
    }
    let mut tx = ctx.app.db.begin().await?;
    store::guide::replace(&mut tx, &sections, who.id, clock::now()).await?;
    ctx.audit(Action::GuideUpdate, &AuditRef::new("guide", "guide"))
        .detail(format!("{} sections", sections.len()))
        .write(&mut tx)
        .await?;
    tx.commit().await?;
    Ok(see_other("/guide?n=saved"))
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct SimQuery {
    pub household: String,
    pub residence: String,
    pub age: String,
    /// Set by the form's hidden field: the visitor pressed 計算する (even with nothing
    /// chosen, which must answer with the field messages rather than a blank page).
    pub calc: String,
}

/// The simulator's answer.
pub struct SimResult {
    pub category: IncomeCategory,
    pub cap_yen: u64,
    /// The monthly charge for the lowest and the highest base-reward tier at 10.00円 a unit.
    pub low_yen: u64,
    pub high_yen: u64,
    pub low_units: u32,
    pub high_units: u32,
}

#[derive(Template, WebTemplate)]
#[template(path = "intake/public/simulator.html")]
struct SimPage {
    page: Page,
    query: SimQuery,
    errors: FieldErrors,
    result: Option<SimResult>,
    households: [Household; 4],
    residences: [Residence; 3],
}

impl SimPage {
    fn category_key(&self, category: &IncomeCategory) -> String {
        format!("income.{}", category.code())
    }
    fn household_key(&self, h: &Household) -> String {
        format!("sim.household.{}", h.code())
    }
    fn residence_key(&self, r: &Residence) -> String {
        format!("sim.residence.{}", r.code())
    }
    /// `9,300`.
    fn yen(&self, n: &u64) -> String {
        crate::domain::money::grouped(*n)
    }
}

/// Income category, monthly cap, and the monthly charge between the lowest and the highest
/// base-reward tier (domain.md §1.1, §5, §6). The unit price depends on the office's 地域区分
/// (§6, UNCONFIRMED for this service), so the page says the figure is for 10.00円 a unit.
pub fn simulate(q: &SimQuery, today: time::Date) -> Result<SimResult, FieldErrors> {
    let mut e = FieldErrors::new();
    let household = Household::parse(&q.household);
    if household.is_none() {
        e.add("household", "err.choose");
    }
    let residence = Residence::parse(&q.residence);
    if residence.is_none() {
        e.add("residence", "err.choose");
    }
    let age = crate::domain::fields::integer(&mut e, "age", &q.age, 15, 120, true);
    let (Some(household), Some(residence), Some(age)) = (household, residence, age) else {
        return Err(e);
    };
    let category = income_category(household, residence, u32::try_from(age).unwrap_or(0));
    let (Ok(caps), Ok(rewards), Ok(price)) = (
        cap_table_on(today),
        reward_table_on(today),
        UnitPrice::parse("10.00"),
    ) else {
        e.add("household", "err.no_rule_table");
        return Err(e);
    };
    let cap_yen = caps.cap_yen(category);
    let units: Vec<u32> = rewards.tiers.iter().map(|t| t.units).collect();
    let (low_units, high_units) = (
        units.iter().copied().min().unwrap_or(0),
        units.iter().copied().max().unwrap_or(0),
    );
    Ok(SimResult {
        category,
        cap_yen,
        low_yen: user_charge(low_units, price, cap_yen).user_charge_yen,
        high_yen: user_charge(high_units, price, cap_yen).user_charge_yen,
        low_units,
        high_units,
    })
}

pub async fn simulate_fee(ctx: Ctx, Query(query): Query<SimQuery>) -> AppResult<Response> {
    let asked = !query.calc.is_empty()
        || !query.household.is_empty()
        || !query.residence.is_empty()
        || !query.age.is_empty();
    let (result, errors) = if asked {
        match simulate(&query, clock::today()) {
            Ok(r) => (Some(r), FieldErrors::new()),
            Err(e) => (None, e),
        }
    } else {
        (None, FieldErrors::new())
    };
    let page = SimPage {
        page: ctx.page("public.sim_title"),
        query,
        errors,
        result,
        households: Household::ALL,
        residences: Residence::ALL,
    };
    Ok(page.into_response())
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    fn q(h: &str, r: &str, a: &str) -> SimQuery {
        SimQuery {
            household: h.into(),
            residence: r.into(),
            age: a.into(),
            calc: "1".into(),
        }
    }

    /// R6 tiers run from 1,074 to 3,512 units (domain.md §1.1); at 10.00円 a unit that is
    /// 10,740円 to 35,120円 of cost, of which the user pays 10%, up to the cap (§5).
    #[test]
    fn the_simulator_uses_the_rules() {
        let today = date!(2026 - 11 - 27);
        let cases = [
            (q("welfare", "home", "30"), IncomeCategory::Welfare, 0, 0, 0),
            (
                q("non_taxable", "home", "30"),
                IncomeCategory::LowIncome,
                0,
                0,
                0,
            ),
            (
                q("levy_under_160k", "home", "30"),
                IncomeCategory::General1,
                9_300,
                1_074,
                3_512,
            ),
            (
                q("levy_under_160k", "group_home", "30"),
                IncomeCategory::General2,
                37_200,
                1_074,
                3_512,
            ),
            (
                q("levy_under_160k", "facility", "19"),
                IncomeCategory::General1,
                9_300,
                1_074,
                3_512,
            ),
            (
                q("other_taxable", "home", "45"),
                IncomeCategory::General2,
                37_200,
                1_074,
                3_512,
            ),
        ];
        for (query, category, cap, low, high) in cases {
            let r = simulate(&query, today).expect("valid");
            assert_eq!(
                (r.category, r.cap_yen, r.low_yen, r.high_yen),
                (category, cap, low, high),
                "{:?}",
                query.household
            );
        }
        let e = simulate(&q("rich", "moon", "abc"), today)
            .err()
            .expect("invalid");
        assert_eq!(
            (e.get("household"), e.get("residence"), e.get("age")),
            (Some("err.choose"), Some("err.choose"), Some("err.number"))
        );
    }
}
