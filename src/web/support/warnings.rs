//! 気になるサイン (issue 14, item 4): the list on the home page ("気になる利用者", each
//! client with the reasons in words), a client's signs with the dismissal form and its
//! history, and the office's thresholds. The signs are `domain::warning::signals`; this
//! file loads the facts and words them.

use std::collections::BTreeMap;

use askama::Template;
use askama_web::WebTemplate;
use axum::response::{IntoResponse, Response};
use time::{Date, Duration};

use crate::clock;
use crate::db::Db;
use crate::domain::audit::Action;
use crate::domain::fields::{self, FieldErrors, Pairs};
use crate::domain::selfcheck::library_label_key;
use crate::domain::staff::Principal;
use crate::domain::warning::{
    Area, ConcernFact, DISMISS_DAYS, History, LIMITS, Signal, Thresholds, signals,
};
use crate::error::AppResult;
use crate::i18n::Lang;
use crate::store::{
    self,
    clients::Client,
    offices::Office,
    warnings::{ClientInService, Dismissal},
};
use crate::web::portal::selfcheck::{short_date, watch};
use crate::web::{
    access::{ClientEdit, ClientView, OfficeManage, Policy, Routes},
    csrf::CsrfForm,
    ctx::{AuditRef, Ctx, Page},
    ruby, see_other, unprocessable,
};

pub fn routes() -> Routes {
    Routes::new()
        .get(
            "/offices/{id}/warnings",
            Policy::OfficeManage,
            show_settings,
        )
        .post(
            "/offices/{id}/warnings",
            Policy::OfficeManage,
            update_settings,
        )
        .get("/clients/{id}/warnings", Policy::ClientView, show_client)
        .post(
            "/clients/{id}/warnings/dismiss",
            Policy::ClientEdit,
            dismiss,
        )
}

/// A client on the list, with the reasons in words and the codes to dismiss.
#[derive(Debug, Clone)]
pub struct WarningLine {
    pub client_id: i64,
    pub client_name: String,
    /// (sign code, reason in words).
    pub reasons: Vec<(String, String)>,
}

/// How far back the facts are read.
const LOOK_BACK_DAYS: i64 = 400;

/// Every client in service of the office with their signs (dismissed ones left out when
/// `with_dismissed` is false), as (client, signs).
pub async fn office_signals(
    db: &Db,
    office_id: i64,
    today: Date,
    lang: Lang,
    with_dismissed: bool,
) -> AppResult<Vec<(ClientInService, Vec<(String, String)>)>> {
    let thresholds = store::warnings::thresholds(db, office_id).await?;
    let clients = store::warnings::clients_in_service(db, office_id).await?;
    if clients.is_empty() {
        return Ok(Vec::new());
    }
    let since = today - Duration::days(LOOK_BACK_DAYS);
    let since_at = time::PrimitiveDateTime::new(since, time::Time::MIDNIGHT).assume_utc();
    let mut histories: BTreeMap<i64, History> = BTreeMap::new();
    let mut names: BTreeMap<i64, Vec<watch::ItemPoints>> = BTreeMap::new();
    for (client, at) in store::warnings::last_contacts(db, office_id).await? {
        histories.entry(client).or_default().last_contact = Some(at.to_offset(clock::JST).date());
    }
    for (client, at, category, severity) in
        store::warnings::concerns_since(db, office_id, since_at).await?
    {
        histories
            .entry(client)
            .or_default()
            .concerns
            .push(ConcernFact {
                day: at.to_offset(clock::JST).date(),
                category,
                severity,
            });
    }
    for (client, week, attendance) in
        store::warnings::observations_since(db, office_id, today - Duration::days(35)).await?
    {
        histories
            .entry(client)
            .or_default()
            .observations
            .push((week, attendance));
    }
    for p in store::warnings::selfcheck_since(db, office_id, today - Duration::days(45)).await? {
        let h = histories.entry(p.client_id).or_default();
        if h.selfcheck_days.last() != Some(&p.day) {
            h.selfcheck_days.push(p.day);
        }
        let (Some(item), Some(score)) = (p.item_id, p.score.and_then(|s| u8::try_from(s).ok()))
        else {
            continue;
        };
        match h.selfcheck_items.iter_mut().find(|(id, _)| *id == item) {
            Some((_, points)) => points.push((p.day, score)),
            None => h.selfcheck_items.push((item, vec![(p.day, score)])),
        }
        let items = names.entry(p.client_id).or_default();
        if !items.iter().any(|(id, _, _)| *id == item) {
            let name = match &p.library_code {
                Some(code) => ruby::plain(lang.t(&library_label_key(code))),
                None => p.label.clone().unwrap_or_default(),
            };
            items.push((item, name, Vec::new()));
        }
    }
    let mut dismissed: BTreeMap<i64, Vec<String>> = BTreeMap::new();
    if !with_dismissed {
        for (client, signal) in store::warnings::dismissed(db, office_id, today).await? {
            dismissed.entry(client).or_default().push(signal);
        }
    }
    let mut out = Vec::new();
    for c in clients {
        let mut h = histories.remove(&c.id).unwrap_or_default();
        h.hired = Some(c.return_to_work_date.unwrap_or(c.hire_date));
        let none = Vec::new();
        let gone = dismissed.get(&c.id).unwrap_or(&none);
        let items = names.get(&c.id).map(Vec::as_slice).unwrap_or(&[]);
        let reasons: Vec<(String, String)> = signals(&h, &thresholds, today, gone)
            .iter()
            .map(|s| (s.code(), reason(s, items, lang)))
            .collect();
        out.push((c, reasons));
    }
    Ok(out)
}

/// The home page's list: a supporter's own clients; for a manager, every client of the
/// offices they manage.
pub async fn home_lines(db: &Db, me: &Principal, lang: Lang) -> AppResult<Vec<WarningLine>> {
    let today = clock::today();
    let mut out = Vec::new();
    for m in &me.memberships {
        let manager = me.role_in(m.office_id) == Some(crate::domain::staff::Role::Manager);
        for (c, reasons) in office_signals(db, m.office_id, today, lang, false).await? {
            if reasons.is_empty() || !(manager || c.supporter_id == Some(me.id)) {
                continue;
            }
            out.push(WarningLine {
                client_id: c.id,
                client_name: c.name,
                reasons,
            });
        }
    }
    Ok(out)
}

fn area_name(area: Area, lang: Lang) -> &'static str {
    lang.t(match area {
        Area::Health => "warn.area.health",
        Area::Attendance => "warn.area.attendance",
        Area::Relationships => "warn.area.relationships",
    })
}

/// A sign in words, with its data: never a score alone.
pub fn reason(signal: &Signal, items: &[watch::ItemPoints], lang: Lang) -> String {
    match signal {
        Signal::Repeating {
            area,
            count,
            days,
            last,
        } => lang
            .t("warn.sign.repeating")
            .replace("{area}", area_name(*area, lang))
            .replace("{days}", &days.to_string())
            .replace("{count}", &count.to_string())
            .replace("{last}", &short_date(*last)),
        Signal::Rising { area, from, to } => lang
            .t("warn.sign.rising")
            .replace("{area}", area_name(*area, lang))
            .replace("{from}", lang.t(&format!("concern.severity.{from}")))
            .replace("{to}", lang.t(&format!("concern.severity.{to}"))),
        Signal::NoContact {
            weeks,
            last: Some(last),
        } => lang
            .t("warn.sign.no_contact")
            .replace("{weeks}", &weeks.to_string())
            .replace("{last}", &short_date(*last)),
        Signal::NoContact { last: None, .. } => lang.t("warn.sign.never_contacted").to_string(),
        Signal::SelfCheck(alert) => format!(
            "{}{}",
            lang.t("warn.sign.selfcheck"),
            watch::reason(alert, items, lang)
        ),
        Signal::Employer { late, absent } => lang
            .t("warn.sign.employer")
            .replace("{late}", &late.to_string())
            .replace("{absent}", &absent.to_string()),
        Signal::EarlyTenure { month } => lang
            .t("warn.sign.early_tenure")
            .replace("{month}", &month.to_string()),
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "support/warnings/client.html")]
struct ClientPage {
    page: Page,
    client: Client,
    /// (code, reason, dismissed now)
    signs: Vec<(String, String, bool)>,
    dismissals: Vec<Dismissal>,
    errors: FieldErrors,
    form_signal: String,
    form_reason: String,
}

impl ClientPage {
    fn at(&self, at: &time::OffsetDateTime) -> String {
        clock::format_jst(*at)
    }
    fn sign_key(&self, code: &str) -> String {
        format!("warn.code.{code}")
    }
}

async fn client_page(
    ctx: &Ctx,
    client: Client,
    errors: FieldErrors,
    form_signal: String,
    form_reason: String,
) -> AppResult<ClientPage> {
    let db = &ctx.app.db;
    let today = clock::today();
    let all = office_signals(db, client.office_id, today, ctx.lang, true).await?;
    let hidden: Vec<String> = store::warnings::dismissed(db, client.office_id, today)
        .await?
        .into_iter()
        .filter(|(c, _)| *c == client.id)
        .map(|(_, s)| s)
        .collect();
    let signs = all
        .into_iter()
        .find(|(c, _)| c.id == client.id)
        .map(|(_, r)| r)
        .unwrap_or_default()
        .into_iter()
        .map(|(code, text)| {
            let gone = hidden.contains(&code);
            (code, text, gone)
        })
        .collect();
    let dismissals = store::warnings::dismissals_for_client(db, client.id).await?;
    Ok(ClientPage {
        page: ctx.page("warn.client_title"),
        client,
        signs,
        dismissals,
        errors,
        form_signal,
        form_reason,
    })
}

/// A client's signs, each with the dismissal form, and the dismissals so far. Its
/// `client.view` row is written by `ClientView`.
pub async fn show_client(ctx: Ctx, ClientView { client, .. }: ClientView) -> AppResult<Response> {
    Ok(client_page(
        &ctx,
        client,
        FieldErrors::new(),
        String::new(),
        String::new(),
    )
    .await?
    .into_response())
}

/// Dismisses a sign: who (the signed-in staff member), why (required) and until when
/// (`DISMISS_DAYS`). Audited.
pub async fn dismiss(
    ctx: Ctx,
    ClientEdit {
        who,
        client,
        office,
    }: ClientEdit,
    CsrfForm(pairs): CsrfForm<Vec<(String, String)>>,
) -> AppResult<Response> {
    let form = Pairs(pairs);
    let mut errors = FieldErrors::new();
    let signal = form.get("signal");
    if !Signal::is_code(&signal) {
        errors.add("signal", "err.choose");
    }
    let reason = fields::required_text(&mut errors, "reason", &form.get("reason"), 500);
    if !errors.is_empty() {
        return Ok(unprocessable(
            client_page(&ctx, client, errors, signal, form.get("reason")).await?,
        ));
    }
    let today = clock::today();
    let until = today + Duration::days(DISMISS_DAYS);
    let mut tx = ctx.app.db.begin().await?;
    let id = store::warnings::dismiss(
        &mut tx,
        client.id,
        &signal,
        &reason,
        who.id,
        clock::now(),
        until,
    )
    .await?;
    ctx.audit(
        Action::WarningDismiss,
        &AuditRef::new("warning_dismissal", id).client(client.id),
    )
    .office(office.id)
    .detail(format!(
        "client={} signal={signal} until={until}",
        client.id
    ))
    .write(&mut tx)
    .await?;
    tx.commit().await?;
    Ok(see_other(&format!(
        "/clients/{}/warnings?n=saved",
        client.id
    )))
}

#[derive(Template, WebTemplate)]
#[template(path = "support/warnings/settings.html")]
struct SettingsPage {
    page: Page,
    office: Office,
    values: Vec<(&'static str, String)>,
    errors: FieldErrors,
}

fn values_of(t: &Thresholds) -> Vec<(&'static str, String)> {
    LIMITS
        .iter()
        .map(|(f, _, _)| (*f, t.value(f).to_string()))
        .collect()
}

impl SettingsPage {
    fn limits(&self, field: &str) -> (i64, i64) {
        LIMITS
            .iter()
            .find(|(f, _, _)| *f == field)
            .map_or((0, 0), |(_, lo, hi)| (*lo, *hi))
    }
}

/// The office's thresholds (the manager's).
pub async fn show_settings(
    ctx: Ctx,
    OfficeManage { office, .. }: OfficeManage,
) -> AppResult<Response> {
    let t = store::warnings::thresholds(&ctx.app.db, office.id).await?;
    Ok(SettingsPage {
        page: ctx.page("warn.settings_title"),
        office,
        values: values_of(&t),
        errors: FieldErrors::new(),
    }
    .into_response())
}

pub async fn update_settings(
    ctx: Ctx,
    OfficeManage { office, .. }: OfficeManage,
    CsrfForm(pairs): CsrfForm<Vec<(String, String)>>,
) -> AppResult<Response> {
    let form = Pairs(pairs);
    let t = match Thresholds::parse(&form) {
        Ok(t) => t,
        Err(errors) => {
            let values = LIMITS.iter().map(|(f, _, _)| (*f, form.get(f))).collect();
            return Ok(unprocessable(SettingsPage {
                page: ctx.page("warn.settings_title"),
                office,
                values,
                errors,
            }));
        }
    };
    let mut tx = ctx.app.db.begin().await?;
    store::warnings::update_thresholds(&mut tx, office.id, &t).await?;
    ctx.audit(
        Action::WarningSettingsUpdate,
        &AuditRef::new("office", office.id),
    )
    .office(office.id)
    .detail(format!(
        "no_contact_weeks={} repeat_count={} repeat_days={} early_months={} employer_weeks={}",
        t.no_contact_weeks, t.repeat_count, t.repeat_days, t.early_months, t.employer_weeks
    ))
    .write(&mut tx)
    .await?;
    tx.commit().await?;
    Ok(see_other(&format!(
        "/offices/{}/warnings?n=saved",
        office.id
    )))
}
