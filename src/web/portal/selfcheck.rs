//! セルフチェック (issue 11, item 2): the client's daily check (`check`), the items the
//! client and the supporter choose together (`items`), the trends drawn as SVG for the
//! client, the supporter and, with Health consent, the employer contact (`trend`), the
//! supporter's page with the replies to comments (`staff`), and the supporter's home-page
//! lines (`watch`). Rules in `domain::selfcheck`, SQL in `store::selfcheck`.
//!
//! | route | who |
//! |---|---|
//! | `GET /me/check`, `/me/check/trend`, `/me/check/items` | the client (`ClientSelf`) |
//! | `POST /me/check`, `/me/check/items` | the client while their service goes on (`ClientWrite`) |
//! | `GET /clients/{id}/selfcheck` | staff of the client's office (`ClientView`) |
//! | `POST /clients/{id}/selfcheck/items`, `…/entries/{eid}/reply` | the same staff (`ClientEdit`) |
//! | `GET /employer/clients/{id}/selfcheck` | the employer contact, with Health consent (`EmployerClient`) |

use crate::db::Db;
use crate::domain::selfcheck::{self as rules};
use crate::i18n::Lang;
use crate::store::{self, selfcheck::EntryRow, selfcheck::ItemRow};
use crate::web::access::{Child, OfClient, Policy, Routes};
use crate::web::ruby;

mod check;
mod items;
mod staff;
mod trend;
pub mod watch;

pub fn routes() -> Routes {
    Routes::new()
        .get("/me/check", Policy::ClientSelf, check::show_check)
        .post("/me/check", Policy::ClientSelf, check::save_check)
        .get("/me/check/trend", Policy::ClientSelf, trend::client_trend)
        .get("/me/check/items", Policy::ClientSelf, items::client_items)
        .post(
            "/me/check/items",
            Policy::ClientSelf,
            items::change_client_items,
        )
        .get(
            "/clients/{id}/selfcheck",
            Policy::ClientView,
            staff::show_selfcheck,
        )
        .post(
            "/clients/{id}/selfcheck/items",
            Policy::ClientEdit,
            items::change_staff_items,
        )
        .post(
            "/clients/{id}/selfcheck/entries/{eid}/reply",
            Policy::ClientEdit,
            staff::reply,
        )
        .get(
            "/employer/clients/{id}/selfcheck",
            Policy::EmployerClient,
            trend::employer_trend,
        )
}

/// `{eid}` in `/clients/{id}/selfcheck/entries/{eid}/…`: an entry of that client.
impl Child for EntryRow {
    type Of = OfClient;
    const PARAM: &'static str = "eid";
    async fn load(db: &Db, client_id: i64, id: i64) -> Result<Option<Self>, sqlx::Error> {
        store::selfcheck::find_entry(db, client_id, id).await
    }
}

/// An item as the pages show it.
#[derive(Debug, Clone)]
pub struct ItemView {
    pub id: i64,
    /// The library item's code, or `None` for the client's own.
    pub code: Option<String>,
    /// The short name, as HTML with ふりがな (escaped: use `|safe`).
    pub label_html: String,
    /// The short name without readings (titles, staff pages, attributes).
    pub label: String,
    /// The question on the daily form, as HTML with ふりがな.
    pub question_html: String,
    pub active: bool,
}

impl ItemView {
    pub fn of(row: &ItemRow, lang: Lang) -> ItemView {
        let (label_text, question_text) = match &row.library_code {
            Some(code) => (
                lang.t(&rules::library_label_key(code)).to_string(),
                lang.t(&rules::library_question_key(code)).to_string(),
            ),
            None => (row.label.clone(), row.label.clone()),
        };
        ItemView {
            id: row.id,
            code: row.library_code.clone(),
            label_html: ruby::ruby(&label_text),
            label: ruby::plain(&label_text),
            question_html: ruby::ruby(&question_text),
            active: row.is_active(),
        }
    }
}

/// The library items the client does not check now, to offer: (code, name as HTML, plain).
pub fn offered(items: &[ItemView], lang: Lang) -> Vec<(&'static str, String, String)> {
    rules::LIBRARY
        .into_iter()
        .filter(|code| {
            !items
                .iter()
                .any(|i| i.active && i.code.as_deref() == Some(*code))
        })
        .map(|code| {
            let text = lang.t(&rules::library_label_key(code));
            (code, ruby::ruby(text), ruby::plain(text))
        })
        .collect()
}

/// A day as the pages show it: `12/1`.
pub fn short_date(d: time::Date) -> String {
    format!("{}/{}", u8::from(d.month()), d.day())
}
