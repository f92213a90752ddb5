//! Importing clients from a spreadsheet (issue 15, item 1), for the office's manager and
//! admins: upload an .xlsx or CSV → map its columns (remembered per office) → a preview of
//! every row with its problems by row and column, in the forms' own messages → import the
//! valid rows in one transaction, or nothing. A row whose 受給者証番号 is already registered
//! is left alone, so importing the same file again changes nothing. Reading the file and
//! the rows is `domain::import`; the SQL is `store::import`.

use std::collections::BTreeMap;

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Multipart, Query};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

use crate::clock;
use crate::domain::audit::Action;
use crate::domain::csv::Csv;
use crate::domain::import::file::{self, FileError};
use crate::domain::import::{self as import, COLUMNS, Column, Mapping, Outcome, Row, Sheet};
use crate::error::{AppError, AppResult};
use crate::store::{self, offices::Office};
use crate::web::{
    access::{OfficeManage, Policy, Routes},
    csrf::{CsrfForm, check_token},
    ctx::{AuditRef, Ctx, Page},
    see_other,
};

pub fn routes() -> Routes {
    Routes::new()
        .get("/offices/{id}/import", Policy::OfficeManage, show_import)
        .post("/offices/{id}/import", Policy::OfficeManage, upload_file)
        .post(
            "/offices/{id}/import/mapping",
            Policy::OfficeManage,
            save_mapping,
        )
        .post("/offices/{id}/import/run", Policy::OfficeManage, run_import)
        .get(
            "/offices/{id}/import/template.csv",
            Policy::OfficeManage,
            download_template,
        )
}

/// A file column on the mapping page.
struct ColumnView {
    index: usize,
    /// A, B, … AA as the spreadsheet names it.
    letter: String,
    header: String,
    example: String,
    chosen: &'static str,
}

/// One problem of a row: where, and the message key.
struct ProblemView {
    letter: String,
    header: String,
    code: &'static str,
    key: &'static str,
}

struct RowView {
    line: usize,
    name: String,
    number: String,
    /// `new`, `exists` or `invalid`.
    status: &'static str,
    problems: Vec<ProblemView>,
}

/// What the last import did (from the redirect's query).
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct DoneQuery {
    imported: String,
    existing: String,
    invalid: String,
}

struct Done {
    imported: u32,
    existing: u32,
    invalid: u32,
}

#[derive(Template, WebTemplate)]
#[template(path = "records/import/import.html")]
struct ImportPage {
    page: Page,
    office: Office,
    done: Option<Done>,
    /// The upload form's message, if the file could not be read.
    file_error: Option<&'static str>,
    max_kb: usize,
    /// The file being imported, if there is one.
    file_name: Option<String>,
    columns: Vec<ColumnView>,
    options: &'static [Column],
    mapping_problems: Vec<(&'static str, &'static str)>,
    rows: Vec<RowView>,
    count_new: usize,
    count_exists: usize,
    count_invalid: usize,
}

impl ImportPage {
    fn status_key(&self, status: &str) -> String {
        format!("import.status.{status}")
    }
    fn required_mark(&self, c: &Column) -> bool {
        c.required
    }
}

fn letter(index: usize) -> String {
    let mut n = index + 1;
    let mut out = Vec::new();
    while n > 0 {
        let r = (n - 1) % 26;
        out.push(char::from(b'A' + r as u8));
        n = (n - 1) / 26;
    }
    out.iter().rev().collect()
}

fn headers_of(sheet: &Sheet) -> Vec<String> {
    sheet
        .first()
        .map(|r| r.iter().map(|c| c.display()).collect())
        .unwrap_or_default()
}

/// The mapping of the office's upload: as chosen on the mapping page, else guessed from the
/// headers and what the office chose last time.
async fn mapping_of(
    ctx: &Ctx,
    office_id: i64,
    upload: &store::import::Upload,
    headers: &[String],
) -> AppResult<Mapping> {
    if let Ok(codes) = serde_json::from_str::<Vec<String>>(&upload.mapping) {
        let mut m = Mapping::from_codes(&codes);
        m.0.resize(headers.len(), None);
        return Ok(m);
    }
    let remembered: BTreeMap<String, String> =
        store::import::remembered_mapping(&ctx.app.db, office_id)
            .await?
            .and_then(|json| serde_json::from_str(&json).ok())
            .unwrap_or_default();
    Ok(Mapping::guess(headers, &remembered))
}

fn row_view(row: &Row, sheet: &Sheet, mapping: &Mapping, headers: &[String]) -> RowView {
    let name = mapping
        .0
        .iter()
        .position(|c| c.is_some_and(|c| c.code == "client_name"))
        .and_then(|i| sheet.get(row.line - 1).and_then(|r| r.get(i)))
        .map(|c| c.display())
        .unwrap_or_default();
    let (status, problems) = match &row.outcome {
        Outcome::New(_) => ("new", Vec::new()),
        Outcome::Exists => ("exists", Vec::new()),
        Outcome::Invalid(p) => (
            "invalid",
            p.iter()
                .map(|(code, key)| {
                    let index = mapping
                        .0
                        .iter()
                        .position(|c| c.is_some_and(|c| c.code == *code));
                    ProblemView {
                        letter: index.map(letter).unwrap_or_default(),
                        header: index
                            .and_then(|i| headers.get(i).cloned())
                            .unwrap_or_default(),
                        code,
                        key,
                    }
                })
                .collect(),
        ),
    };
    RowView {
        line: row.line,
        name,
        number: row.certificate_number.clone(),
        status,
        problems,
    }
}

async fn render(
    ctx: &Ctx,
    office: Office,
    done: Option<Done>,
    file_error: Option<&'static str>,
) -> AppResult<Response> {
    let page = ctx.form_page("import.title").await?;
    let mut view = ImportPage {
        page,
        office,
        done,
        file_error,
        max_kb: file::MAX_BYTES / 1000,
        file_name: None,
        columns: Vec::new(),
        options: COLUMNS,
        mapping_problems: Vec::new(),
        rows: Vec::new(),
        count_new: 0,
        count_exists: 0,
        count_invalid: 0,
    };
    let upload = store::import::find_upload(&ctx.app.db, view.office.id).await?;
    if let Some(upload) = upload
        && let Ok(sheet) = file::read(&upload.content)
    {
        let headers = headers_of(&sheet);
        let mapping = mapping_of(ctx, view.office.id, &upload, &headers).await?;
        view.columns = headers
            .iter()
            .enumerate()
            .map(|(index, header)| ColumnView {
                index,
                letter: letter(index),
                header: header.clone(),
                example: sheet
                    .get(1)
                    .and_then(|r| r.get(index))
                    .map(|c| c.display())
                    .unwrap_or_default(),
                chosen: mapping
                    .0
                    .get(index)
                    .copied()
                    .flatten()
                    .map_or("", |c| c.code),
            })
            .collect();
        view.mapping_problems = mapping
            .problems()
            .into_iter()
            .map(|(c, key)| (c.code, key))
            .collect();
        if view.mapping_problems.is_empty() {
            let registered = store::import::registered_numbers(&ctx.app.db).await?;
            let rows = import::read_rows(&sheet, &mapping, &registered, clock::today());
            view.rows = rows
                .iter()
                .map(|r| row_view(r, &sheet, &mapping, &headers))
                .collect();
            view.count_new = view.rows.iter().filter(|r| r.status == "new").count();
            view.count_exists = view.rows.iter().filter(|r| r.status == "exists").count();
            view.count_invalid = view.rows.iter().filter(|r| r.status == "invalid").count();
        }
        view.file_name = Some(upload.file_name);
    }
    let status = if file_error.is_some() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    Ok((status, view).into_response())
}

pub async fn show_import(
    ctx: Ctx,
    OfficeManage { office, .. }: OfficeManage,
    Query(q): Query<DoneQuery>,
) -> AppResult<Response> {
    let done = match (
        q.imported.parse::<u32>(),
        q.existing.parse::<u32>(),
        q.invalid.parse::<u32>(),
    ) {
        (Ok(imported), Ok(existing), Ok(invalid)) => Some(Done {
            imported,
            existing,
            invalid,
        }),
        _ => None,
    };
    render(&ctx, office, done, None).await
}

/// `POST /offices/{id}/import` (multipart): the file, checked and kept for mapping.
pub async fn upload_file(
    ctx: Ctx,
    OfficeManage { office, who }: OfficeManage,
    mut multipart: Multipart,
) -> AppResult<Response> {
    let mut token = String::new();
    let mut file_name = String::new();
    let mut content: Option<Vec<u8>> = None;
    let mut too_large = false;
    loop {
        let field = match multipart.next_field().await {
            Ok(Some(f)) => f,
            Ok(None) => break,
            Err(e) if e.status() == StatusCode::PAYLOAD_TOO_LARGE => {
                too_large = true;
                break;
            }
            Err(e) => return Err(AppError::BadRequest(format!("upload: {e}"))),
        };
        match field.name() {
            Some("_csrf") => {
                token = field
                    .text()
                    .await
                    .map_err(|e| AppError::BadRequest(format!("upload: {e}")))?;
            }
            Some("file") => {
                file_name = field.file_name().unwrap_or_default().trim().to_string();
                match field.bytes().await {
                    Ok(b) => content = Some(b.to_vec()),
                    Err(e) if e.status() == StatusCode::PAYLOAD_TOO_LARGE => {
                        too_large = true;
                        break;
                    }
                    Err(e) => return Err(AppError::BadRequest(format!("upload: {e}"))),
                }
            }
            _ => {}
        }
    }
    // A body cut off at the limit has no token to check; it changes nothing either.
    if too_large {
        return render(&ctx, office, None, Some(FileError::TooLarge.key())).await;
    }
    check_token(&ctx.session, &token)?;
    let content = match content {
        Some(c) if !(c.is_empty() && file_name.is_empty()) => c,
        _ => return render(&ctx, office, None, Some("import.err.no_file")).await,
    };
    if let Err(e) = file::read(&content) {
        return render(&ctx, office, None, Some(e.key())).await;
    }
    let file_name: String = file_name
        .chars()
        .filter(|c| !c.is_control())
        .take(200)
        .collect();
    let mut tx = ctx.app.db.begin().await?;
    store::import::save_upload(
        &mut tx,
        office.id,
        who.id,
        &file_name,
        &content,
        clock::now(),
    )
    .await?;
    ctx.audit(Action::ImportUpload, &office)
        .detail(format!("file={file_name} bytes={}", content.len()))
        .write(&mut tx)
        .await?;
    tx.commit().await?;
    Ok(see_other(&format!("/offices/{}/import#mapping", office.id)))
}

/// `POST /offices/{id}/import/mapping`: `col_0`, `col_1`, … the column code of each file
/// column ("" = not imported). Kept for this upload and remembered for the office.
pub async fn save_mapping(
    ctx: Ctx,
    OfficeManage { office, .. }: OfficeManage,
    CsrfForm(pairs): CsrfForm<Vec<(String, String)>>,
) -> AppResult<Response> {
    let Some(upload) = store::import::find_upload(&ctx.app.db, office.id).await? else {
        return Ok(see_other(&format!("/offices/{}/import", office.id)));
    };
    let Ok(sheet) = file::read(&upload.content) else {
        return Ok(see_other(&format!("/offices/{}/import", office.id)));
    };
    let headers = headers_of(&sheet);
    let codes: Vec<String> = (0..headers.len())
        .map(|i| {
            let name = format!("col_{i}");
            pairs
                .iter()
                .find(|(k, _)| *k == name)
                .map(|(_, v)| v.clone())
                .unwrap_or_default()
        })
        .collect();
    let mapping = Mapping::from_codes(&codes);
    let chosen: Vec<&str> = mapping.0.iter().map(|c| c.map_or("", |c| c.code)).collect();
    let remembered = serde_json::to_string(&mapping.remembered(&headers))
        .map_err(|e| AppError::Internal(anyhow::Error::from(e)))?;
    let chosen =
        serde_json::to_string(&chosen).map_err(|e| AppError::Internal(anyhow::Error::from(e)))?;
    let mut tx = ctx.app.db.begin().await?;
    store::import::set_upload_mapping(&mut tx, office.id, &chosen).await?;
    store::import::remember_mapping(&mut tx, office.id, &remembered, clock::now()).await?;
    tx.commit().await?;
    Ok(see_other(&format!("/offices/{}/import#preview", office.id)))
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct RunForm {
    /// `valid`: import the rows without problems; `none`: import nothing.
    choice: String,
}

/// `POST /offices/{id}/import/run`: the valid rows in one transaction (with an audit row for
/// each client and one for the file), or none.
pub async fn run_import(
    ctx: Ctx,
    OfficeManage { office, .. }: OfficeManage,
    CsrfForm(form): CsrfForm<RunForm>,
) -> AppResult<Response> {
    let back = format!("/offices/{}/import", office.id);
    if !matches!(form.choice.as_str(), "valid" | "none") {
        return Err(AppError::BadRequest("choice".into()));
    }
    let mut tx = ctx.app.db.begin().await?;
    // Taken first, with a write: a second press of the button finds nothing to import.
    let Some(upload) = store::import::take_upload(&mut tx, office.id).await? else {
        return Ok(see_other(&back));
    };
    if form.choice == "none" {
        ctx.audit(Action::ImportRun, &office)
            .detail(format!(
                "file={} imported=0 (none chosen)",
                upload.file_name
            ))
            .write(&mut tx)
            .await?;
        tx.commit().await?;
        return Ok(see_other(&back));
    }
    // The page shows why a file or mapping cannot be imported; nothing is taken then.
    let Ok(sheet) = file::read(&upload.content) else {
        return Ok(see_other(&back));
    };
    let headers = headers_of(&sheet);
    let mapping = mapping_of(&ctx, office.id, &upload, &headers).await?;
    if !mapping.problems().is_empty() {
        return Ok(see_other(&back));
    }
    let registered = store::import::registered_numbers_in(&mut tx).await?;
    let rows = import::read_rows(&sheet, &mapping, &registered, clock::today());
    let now = clock::now();
    let (mut imported, mut existing, mut invalid) = (0u32, 0u32, 0u32);
    for row in &rows {
        match &row.outcome {
            Outcome::New(input) => {
                let id = store::import::insert_row(&mut tx, office.id, input, now).await?;
                ctx.audit(
                    Action::ClientImport,
                    &AuditRef::new("client", id).client(id),
                )
                .office(office.id)
                .detail(format!(
                    "file={} row={} certificate={}",
                    upload.file_name, row.line, input.certificate.number
                ))
                .write(&mut tx)
                .await?;
                imported += 1;
            }
            Outcome::Exists => existing += 1,
            Outcome::Invalid(_) => invalid += 1,
        }
    }
    ctx.audit(Action::ImportRun, &office)
        .detail(format!(
            "file={} imported={imported} existing={existing} invalid={invalid}",
            upload.file_name
        ))
        .write(&mut tx)
        .await?;
    tx.commit().await?;
    Ok(see_other(&format!(
        "{back}?imported={imported}&existing={existing}&invalid={invalid}"
    )))
}

/// The template: the header row of every column the import knows, as CSV for Excel.
pub async fn download_template(
    _ctx: Ctx,
    OfficeManage { .. }: OfficeManage,
) -> AppResult<Response> {
    let mut csv = Csv::new();
    csv.row(import::template_headers().into_iter().map(Into::into));
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"teichaku-clients.csv\"",
            ),
        ],
        csv.into_bytes(),
    )
        .into_response())
}
