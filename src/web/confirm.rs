//! The confirmation step before an irreversible 確定 (a report finalised, a claim locked, a
//! 就労定着率 filed): the first POST checks the form and answers this page, which says what
//! will be fixed and carries the form again with `confirm=yes`; only that second POST
//! commits. No JavaScript: the page is a plain form with a commit button styled apart from
//! 保存 (`button.commit`) and a way back.

use askama::Template;
use askama_web::WebTemplate;

use crate::web::ctx::Page;

/// The confirmation page. Its fields are the words of the page and the form to send again.
#[derive(Template, WebTemplate)]
#[template(path = "confirm.html")]
pub struct ConfirmPage {
    pub page: Page,
    /// What happens, one sentence (already in the page's language).
    pub lead: String,
    /// What will be fixed, one line each ("算定できる 5/9 人", "国保連ファイルの点検 0 件").
    pub facts: Vec<(String, String)>,
    /// The text that will be fixed, if any (a report's body), shown as written.
    pub body: Option<String>,
    /// What cannot be undone afterwards.
    pub warning: String,
    pub action: String,
    /// The form's fields, sent again with `confirm=yes`.
    pub hidden: Vec<(String, String)>,
    pub button: String,
    pub back_href: String,
}

/// `confirm=yes` on the second POST.
pub fn confirmed(value: &str) -> bool {
    value == "yes"
}
