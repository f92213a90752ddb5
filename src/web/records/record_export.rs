//! `/clients/{id}/record-export`: a client's whole record as one ZIP (本人開示, issue 15,
//! item 2), for the manager of the client's office and admins, with the purpose asked as
//! the claims' downloads ask it (`domain::export::Purpose`) and written in the audit row.
//! The ZIP holds `record.html` (readable, A4 print) and one CSV per table; what goes in is
//! `export::record`.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::Query;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

use crate::clock;
use crate::domain::audit::Action;
use crate::domain::export::Purpose;
use crate::error::{AppError, AppResult};
use crate::export::record::{self, Section};
use crate::i18n::Lang;
use crate::store::{clients::Client, offices::Office};
use crate::web::{
    access::{ClientManage, Policy, Routes},
    ctx::{Ctx, Page},
};

pub fn routes() -> Routes {
    Routes::new().get(
        "/clients/{id}/record-export",
        Policy::ClientManage,
        export_record,
    )
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct PurposeQuery {
    purpose: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "records/export/ask.html")]
struct AskPage {
    page: Page,
    client: Client,
    purposes: [Purpose; 3],
    asked: bool,
}

/// The readable record inside the ZIP: a page of its own (no site chrome), with print CSS.
#[derive(Template)]
#[template(path = "records/export/record.html")]
struct RecordHtml<'a> {
    lang: Lang,
    client: &'a Client,
    office: &'a Office,
    made_at: String,
    sections: &'a [Section],
}

impl RecordHtml<'_> {
    fn t(&self, key: &str) -> &'static str {
        self.lang.t(key)
    }
    /// A column's name for people: the form's label when there is one.
    fn column(&self, name: &str) -> String {
        self.lang
            .get(&format!("field.{name}"))
            .map(str::to_string)
            .unwrap_or_else(|| name.to_string())
    }
}

pub async fn export_record(
    ctx: Ctx,
    ClientManage { client, office, .. }: ClientManage,
    Query(q): Query<PurposeQuery>,
) -> AppResult<Response> {
    let Some(purpose) = Purpose::parse_in(q.purpose.trim(), &Purpose::RECORD) else {
        return Ok(AskPage {
            page: ctx.page("record.title"),
            client,
            purposes: Purpose::RECORD,
            asked: !q.purpose.is_empty(),
        }
        .into_response());
    };
    // Written first, so the record's own audit rows show this export too.
    ctx.audit(Action::ClientRecordExport, &client)
        .office(office.id)
        .detail(format!("purpose={}", purpose.code()))
        .write_now(&ctx.app.db)
        .await?;
    let japanese = ctx.lang == Lang::Ja;
    let (mut files, sections) = record::gather(&ctx.app.db, client.id, japanese)
        .await
        .map_err(AppError::Internal)?;
    let html = RecordHtml {
        lang: ctx.lang,
        client: &client,
        office: &office,
        made_at: clock::format_jst(clock::now()),
        sections: &sections,
    }
    .render()
    .map_err(|e| AppError::Internal(e.into()))?;
    files.insert(0, ("record.html".to_string(), html.into_bytes()));
    let bytes = record::zip(&files).map_err(AppError::Internal)?;
    let name = format!("client-{}-record-{}.zip", client.id, clock::today());
    Ok((
        [
            (header::CONTENT_TYPE, "application/zip".to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}\""),
            ),
        ],
        bytes,
    )
        .into_response())
}
