//! お問い合わせ: the public form (a question or a tour request for an office, with one of its
//! open tour slots), with spam protection that needs no third-party service (a honeypot
//! field, a signed time-to-submit check, a per-address limit) and a nonce that makes a form
//! sent twice one inquiry. Staff work on inquiries in `web::intake::inquiries`.

use crate::web::access::{Policy, Routes};
use askama::Template;
use askama_web::WebTemplate;
use axum::{
    extract::Query,
    response::{IntoResponse, Response},
};
use serde::Deserialize;
use sha2::{Digest, Sha256};

use crate::clock;
use crate::domain::audit::Action;
use crate::domain::fields::FieldErrors;
use crate::domain::inquiry::InquiryForm;
use crate::email::{
    OutgoingEmail,
    messages::{InquiryNotice, InquiryReceived},
};
use crate::error::{AppError, AppResult};
use crate::store::{
    self,
    login_failures::{Limits, Reservation},
    offices::Office,
};
use crate::web::{
    csrf::CsrfForm,
    ctx::{AuditRef, Ctx, Page},
    intake::tour_bookings,
    intake::tours::SlotChoice,
    see_other, throttle, unprocessable,
};

pub fn routes() -> Routes {
    Routes::new()
        .get("/inquiry", Policy::Public, new_public_inquiry)
        .post("/inquiry", Policy::Public, create_public_inquiry)
        .get("/inquiry/thanks", Policy::Public, thanks)
}

/// People need a few seconds to fill the form; a faster post is a bot.
const MIN_SECONDS_TO_SUBMIT: i64 = 3;
/// A form shown longer ago than this is stale (the signed time expires).
const MAX_FORM_AGE_SECONDS: i64 = 24 * 3600;
/// At most 5 inquiries an hour from one address (kept as a hash: the key is the address).
const SENDER_LIMITS: Limits = Limits {
    window: time::Duration::hours(1),
    per_key: 5,
    per_address: None,
};

/// HMAC-SHA-256 (RFC 2104) of `message` under `key`.
fn hmac_sha256(key: &[u8], message: &[u8]) -> [u8; 32] {
    let mut block = [0u8; 64];
    if key.len() > 64 {
        block[..32].copy_from_slice(&Sha256::digest(key));
    } else {
        block[..key.len()].copy_from_slice(key);
    }
    let mut inner = Sha256::new();
    inner.update(block.map(|b| b ^ 0x36));
    inner.update(message);
    let mut outer = Sha256::new();
    outer.update(block.map(|b| b ^ 0x5c));
    outer.update(inner.finalize());
    outer.finalize().into()
}

async fn form_secret(ctx: &Ctx) -> AppResult<String> {
    Ok(store::inquiries::secret(
        &ctx.app.db,
        "inquiry_form",
        &crate::web::session::random_token(),
        clock::now(),
    )
    .await?)
}

/// `unix-seconds.nonce.signature`: when the form was shown, signed so a bot cannot fake it,
/// with a random nonce that makes each shown form unique (a form sent twice is recognised).
async fn sign_shown_at(ctx: &Ctx) -> AppResult<String> {
    let secret = form_secret(ctx).await?;
    let at = clock::now().unix_timestamp();
    let nonce = &crate::web::session::random_token()[..32];
    let signed = format!("{at}.{nonce}");
    Ok(format!(
        "{signed}.{}",
        hex::encode(hmac_sha256(secret.as_bytes(), signed.as_bytes()))
    ))
}

/// A verified "shown at" value: seconds since the form was shown, and its nonce.
struct Shown {
    seconds: i64,
    nonce: String,
}

/// The form's "shown at" value, if the signature is ours.
async fn verify_shown_at(ctx: &Ctx, value: &str) -> AppResult<Option<Shown>> {
    let Some((signed, sig)) = value.rsplit_once('.') else {
        return Ok(None);
    };
    let Some((at, nonce)) = signed.split_once('.') else {
        return Ok(None);
    };
    let Ok(at_secs) = at.parse::<i64>() else {
        return Ok(None);
    };
    let secret = form_secret(ctx).await?;
    let expected = hex::encode(hmac_sha256(secret.as_bytes(), signed.as_bytes()));
    Ok((expected == sig).then(|| Shown {
        seconds: clock::now().unix_timestamp() - at_secs,
        nonce: nonce.to_string(),
    }))
}

#[derive(Template, WebTemplate)]
#[template(path = "intake/inquiries/public_form.html")]
struct PublicFormPage {
    page: Page,
    offices: Vec<Office>,
    /// Open tour slots by office: only the chosen office's once one is chosen, so that the
    /// form works without JavaScript.
    slot_groups: Vec<(Office, Vec<SlotChoice>)>,
    form: InquiryForm,
    errors: FieldErrors,
    message: Option<&'static str>,
}

/// The open slots of the chosen office, or of every published office with some.
async fn slot_groups(
    ctx: &Ctx,
    offices: &[Office],
    chosen: &str,
) -> AppResult<Vec<(Office, Vec<SlotChoice>)>> {
    let chosen = offices.iter().find(|o| o.id.to_string() == chosen.trim());
    let slots =
        store::tours::list_open_public(&ctx.app.db, chosen.map(|o| o.id), clock::now()).await?;
    let choices = crate::web::intake::tours::choices(ctx.lang, &slots);
    Ok(offices
        .iter()
        .filter(|o| chosen.is_none_or(|c| c.id == o.id))
        .map(|o| {
            let mine = choices.iter().filter(|c| c.office_id == o.id);
            (o.clone(), mine.cloned().collect::<Vec<_>>())
        })
        .filter(|(_, slots)| !slots.is_empty())
        .collect())
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct PublicQuery {
    pub office: String,
    pub kind: String,
}

async fn public_form(
    ctx: &Ctx,
    form: InquiryForm,
    errors: FieldErrors,
    message: Option<&'static str>,
) -> AppResult<PublicFormPage> {
    let offices = store::offices::list_published(&ctx.app.db).await?;
    let mut page = ctx.form_page("inquiry.title").await?;
    page.title_key = "inquiry.title";
    let mut form = form;
    form.shown_at = sign_shown_at(ctx).await?;
    Ok(PublicFormPage {
        page,
        slot_groups: slot_groups(ctx, &offices, &form.office_id).await?,
        offices,
        form,
        errors,
        message,
    })
}

pub async fn new_public_inquiry(ctx: Ctx, Query(q): Query<PublicQuery>) -> AppResult<Response> {
    let form = InquiryForm {
        office_id: q.office,
        kind: if q.kind == "question" {
            "question".into()
        } else {
            "tour".into()
        },
        contact_by: "phone".into(),
        ..InquiryForm::default()
    };
    Ok(public_form(&ctx, form, FieldErrors::new(), None)
        .await?
        .into_response())
}

fn sender_hash(address: &str) -> String {
    hex::encode(Sha256::digest(
        format!("inquiry-sender:{address}").as_bytes(),
    ))
}

pub async fn create_public_inquiry(
    ctx: Ctx,
    CsrfForm(form): CsrfForm<InquiryForm>,
) -> AppResult<Response> {
    // A filled honeypot: answer as if it worked, keep nothing.
    if !form.website.trim().is_empty() {
        tracing::info!("inquiry honeypot filled; dropped");
        return Ok(see_other("/inquiry/thanks"));
    }
    let nonce = match verify_shown_at(&ctx, &form.shown_at).await? {
        Some(s) if (MIN_SECONDS_TO_SUBMIT..=MAX_FORM_AGE_SECONDS).contains(&s.seconds) => s.nonce,
        _ => {
            return Ok(unprocessable(
                public_form(&ctx, form, FieldErrors::new(), Some("inquiry.too_fast")).await?,
            ));
        }
    };
    let published: Vec<i64> = store::offices::list_published(&ctx.app.db)
        .await?
        .iter()
        .map(|o| o.id)
        .collect();
    let input = match form.parse(&published, true) {
        Ok(input) => input,
        Err(errors) => return Ok(unprocessable(public_form(&ctx, form, errors, None).await?)),
    };
    let hash = sender_hash(&ctx.address);
    let now = clock::now();
    // Reserved before anything is written, so posts sent at once cannot all pass the limit.
    let key = format!("inquiry:{hash}");
    let reservation =
        match store::login_failures::reserve(&ctx.app.db, &key, &key, now, SENDER_LIMITS).await? {
            Reservation::Reserved(id) => id,
            Reservation::Throttled => {
                let page =
                    public_form(&ctx, form, FieldErrors::new(), Some("inquiry.rate_limited"))
                        .await?;
                return Ok(throttle::too_many_requests(page, SENDER_LIMITS));
            }
        };
    let slot = match tour_bookings::check_public_choice(
        &ctx,
        &input.kind,
        &form.tour_slot_id,
        input.office_id,
    )
    .await?
    {
        Ok(slot) => slot,
        Err(errors) => return Ok(unprocessable(public_form(&ctx, form, errors, None).await?)),
    };
    let office = store::offices::find(&ctx.app.db, input.office_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let mut tx = ctx.app.db.begin().await?;
    let sender = store::inquiries::Sender {
        address_hash: &hash,
        form_nonce: Some(&nonce),
        staff_id: None,
    };
    let id = match store::inquiries::insert(&mut tx, &input, sender, now).await {
        Ok(id) => id,
        // The same form sent again (a double click, a reload): the first one was received.
        Err(e) if crate::db::is_unique_violation(&e) => {
            drop(tx);
            store::login_failures::release(&ctx.app.db, reservation).await?;
            return Ok(see_other("/inquiry/thanks"));
        }
        Err(e) => return Err(e.into()),
    };
    if let Some(slot) = &slot
        && !tour_bookings::book_seat(&mut tx, slot, id, now).await?
    {
        // Taken by someone else since the check: nothing is kept, nothing typed is lost.
        drop(tx);
        store::login_failures::release(&ctx.app.db, reservation).await?;
        let mut errors = FieldErrors::new();
        errors.add("tour_slot_id", "err.tour_slot_full");
        return Ok(unprocessable(public_form(&ctx, form, errors, None).await?));
    }
    let requested = slot
        .as_ref()
        .map(|s| crate::web::intake::tours::slot_label(ctx.lang, s.starts_at, s.ends_at));
    // The emails go out with the inquiry or not at all (the outbox is in this transaction).
    for email in notification_emails(&ctx, &office, &input, id, requested.as_deref())
        .map_err(anyhow::Error::from)?
    {
        crate::email::enqueue(&mut tx, &email).await?;
    }
    ctx.audit(Action::InquiryCreate, &AuditRef::new("inquiry", id))
        .office(input.office_id)
        .actor_label("public")
        .detail(format!("kind={} channel=web", input.kind))
        .write(&mut tx)
        .await?;
    tx.commit().await?;
    Ok(see_other(&match &slot {
        // The thanks page repeats the slot asked for (slot times are public, on the form).
        Some(slot) => format!("/inquiry/thanks?slot={}", slot.id),
        None => "/inquiry/thanks".to_string(),
    }))
}

/// A confirmation to the sender (when they gave an email address) and a notice to the
/// office, both in the sender's language. The office's notice carries no personal details,
/// only where to look. Their words are `templates/email/inquiry_*.txt`.
fn notification_emails(
    ctx: &Ctx,
    office: &Office,
    input: &crate::domain::inquiry::InquiryInput,
    id: i64,
    requested_slot: Option<&str>,
) -> Result<Vec<OutgoingEmail>, askama::Error> {
    let mut out = Vec::new();
    if crate::email::is_valid_address(&input.email) {
        let r = InquiryReceived {
            office_name: office.name.clone(),
            office_phone: office.phone.clone(),
            kind: input.kind.clone(),
            requested_slot: requested_slot.map(str::to_string),
        }
        .render(ctx.lang)?;
        out.push(OutgoingEmail::new(&input.email, r.subject, r.body).related_to("inquiry", id));
    }
    if crate::email::is_valid_address(&office.email) {
        let r = InquiryNotice {
            kind: input.kind.clone(),
            inquiry_id: id,
        }
        .render(ctx.lang)?;
        out.push(OutgoingEmail::new(&office.email, r.subject, r.body).related_to("inquiry", id));
    }
    Ok(out)
}

#[derive(Template, WebTemplate)]
#[template(path = "intake/inquiries/thanks.html")]
struct ThanksPage {
    page: Page,
    /// The tour asked for: the office's name and the slot's time, a 仮予約 until staff
    /// confirm it.
    tour: Option<(String, String)>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ThanksQuery {
    pub slot: String,
}

/// The thanks page; after a tour request it repeats the slot and says it is a 仮予約 until
/// staff confirm. An unknown or malformed slot shows the plain thanks.
pub async fn thanks(ctx: Ctx, Query(q): Query<ThanksQuery>) -> AppResult<Response> {
    let slot = match q.slot.trim().parse::<i64>() {
        Ok(id) => store::tours::find_slot(&ctx.app.db, id).await?,
        Err(_) => None,
    };
    let mut tour = None;
    if let Some(slot) = slot
        && let Some(office) = store::offices::find(&ctx.app.db, slot.office_id)
            .await?
            .filter(|o| o.published)
    {
        let label = crate::web::intake::tours::slot_label(ctx.lang, slot.starts_at, slot.ends_at);
        tour = Some((office.name, label));
    }
    Ok(ThanksPage {
        page: ctx.page("inquiry.thanks_title"),
        tour,
    }
    .into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// RFC 4231 test case 2.
    #[test]
    fn hmac_matches_the_rfc_vector() {
        let mac = hmac_sha256(b"Jefe", b"what do ya want for nothing?");
        assert_eq!(
            hex::encode(mac),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        );
    }
}
