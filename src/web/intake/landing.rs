//! The public landing page at `/` for visitors (signed-in staff get their home there, see
//! `web::platform::home`): what the service is in plain Japanese, the phone numbers first
//! (most people who need the service, or their families, call), then finding an office, the
//! fee simulator, the inquiry form and the guide.

use askama::Template;
use askama_web::WebTemplate;
use axum::response::{IntoResponse, Response};

use crate::error::AppResult;
use crate::store::{self, offices::Office};
use crate::web::ctx::{Ctx, Page};

/// How many offices' phone numbers the landing page lists before it sends people to the
/// office finder.
const PHONES_SHOWN: i64 = 3;

#[derive(Template, WebTemplate)]
#[template(path = "intake/public/landing.html")]
struct LandingPage {
    page: Page,
    offices: Vec<Office>,
    more: bool,
}

impl LandingPage {
    fn tel_href(&self, phone: &str) -> String {
        format!(
            "tel:{}",
            phone
                .chars()
                .filter(|c| c.is_ascii_digit())
                .collect::<String>()
        )
    }
}

pub async fn landing(ctx: &Ctx) -> AppResult<Response> {
    let (offices, more) = store::offices::first_published(&ctx.app.db, PHONES_SHOWN).await?;
    Ok(LandingPage {
        page: ctx.page("public.landing_title"),
        offices,
        more,
    }
    .into_response())
}
