//! The public rules API (`/api/v1/rules/…`): JSON answers computed from the request alone by
//! `domain::rules`, with no sign-in and no database. Described by `static/openapi.json`,
//! served at `/api/openapi.json`.
//!
//! Input is parsed here by hand, not by axum's `Query`/`Json` extractors, so that every
//! failure names its parameter: `{"error": "<sentence>", "field": "<parameter>"}`
//! (plus the `code` and `request_id` every API error carries, see `web::middleware`).
//! - 400: the text is not a value of the parameter's type: missing, not a date, not a
//!   non-negative integer, an unknown code, an unknown or repeated parameter, a body that is
//!   not a JSON object sent as `application/json`.
//! - 422: a well-formed value the rules forbid: no users served, a start outside the
//!   service period, a date with no confirmed master table.
//!
//! Messages are `api.*` keys (`i18n::api`), written in the request's language when the
//! answer is sent (`web::api::lang_of_request`: the `lang` cookie, else Accept-Language,
//! else Japanese); a parameter's name in the message stays as the client sent it.

use axum::{
    Json,
    body::Bytes,
    extract::{FromRequest, Request},
    http::{HeaderMap, StatusCode, header},
    response::{IntoResponse, Response},
};
use serde::Serialize;
use serde_json::{Map, Value};
use time::{Date, Month};

use crate::clock;
use crate::domain::rules::{
    charge::{self, Household, IncomeCategory, Residence, UnitPrice, UnitPriceError},
    eligibility::{self, Eligibility, PriorService},
    master::{self, MasterError},
    period::{self, PeriodError},
    reward::{self, RewardError},
};
use crate::i18n::Lang;
use crate::web::{api::lang_of_request, ctx::RequestId};

const OPENAPI: &str = include_str!("../../../static/openapi.json");

/// The OpenAPI 3.1 description of this API.
pub async fn openapi() -> Response {
    ([(header::CONTENT_TYPE, "application/json")], OPENAPI).into_response()
}

/// A refusal naming the parameter at fault.
#[derive(Debug)]
struct ApiError {
    status: StatusCode,
    field: String,
    text: Text,
}

/// What a refusal says, written in the request's language when the answer is sent.
#[derive(Debug)]
enum Text {
    /// An `api.*` message and the values of its `{name}`s.
    Message(&'static str, Vec<(&'static str, String)>),
    /// No confirmed master table for the date.
    Master(MasterError),
}

/// The values of a message's `{name}`s.
fn values<const N: usize>(pairs: [(&'static str, &str); N]) -> Vec<(&'static str, String)> {
    pairs.iter().map(|(n, v)| (*n, v.to_string())).collect()
}

impl ApiError {
    fn new(
        status: StatusCode,
        field: &str,
        key: &'static str,
        values: Vec<(&'static str, String)>,
    ) -> ApiError {
        ApiError {
            status,
            field: field.to_string(),
            text: Text::Message(key, values),
        }
    }

    /// 400: not a value of the parameter's type.
    fn malformed(field: &str, key: &'static str, values: Vec<(&'static str, String)>) -> ApiError {
        Self::new(StatusCode::BAD_REQUEST, field, key, values)
    }

    /// 422: well formed, but the rules forbid it.
    fn impossible(field: &str, key: &'static str, values: Vec<(&'static str, String)>) -> ApiError {
        Self::new(StatusCode::UNPROCESSABLE_ENTITY, field, key, values)
    }

    fn missing(field: &str) -> ApiError {
        Self::malformed(field, "api.missing", self::values([("field", field)]))
    }

    /// 422: no confirmed table for `as_of`.
    fn no_table(e: MasterError) -> ApiError {
        ApiError {
            status: StatusCode::UNPROCESSABLE_ENTITY,
            field: "as_of".to_string(),
            text: Text::Master(e),
        }
    }

    fn message(&self, lang: Lang) -> String {
        match &self.text {
            Text::Message(key, values) => lang.fill(key, values),
            Text::Master(e) => format!("{}: {}", self.field, e.message(lang)),
        }
    }
}

/// The answer, or the error in the API's error shape, in `lang`.
fn reply<T: Serialize>(lang: Lang, request_id: String, result: Result<T, ApiError>) -> Response {
    match result {
        Ok(body) => Json(body).into_response(),
        Err(e) => {
            let code = match e.status {
                StatusCode::BAD_REQUEST => "bad_request",
                StatusCode::PAYLOAD_TOO_LARGE => "too_large",
                _ => "unprocessable",
            };
            tracing::info!(field = %e.field, status = e.status.as_u16(), "rules API refused input");
            let body = serde_json::json!({
                "error": e.message(lang),
                "field": e.field,
                "code": code,
                "request_id": request_id,
            });
            (e.status, Json(body)).into_response()
        }
    }
}

fn request_id(req: &Request) -> String {
    req.extensions()
        .get::<RequestId>()
        .map(|r| r.0.clone())
        .unwrap_or_default()
}

/// Echoes a parameter name the client sent, cut short so a long one cannot fill the answer.
fn shorten(name: &str) -> String {
    name.chars().take(40).collect()
}

/// A query string's parameters, each at most once and each one this endpoint knows.
struct Params(Vec<(String, String)>);

impl Params {
    fn parse(raw: Option<&str>, known: &[&str]) -> Result<Params, ApiError> {
        let pairs: Vec<(String, String)> = serde_urlencoded::from_str(raw.unwrap_or(""))
            .map_err(|_| ApiError::malformed("query", "api.query_unreadable", Vec::new()))?;
        for (i, (name, _)) in pairs.iter().enumerate() {
            if !known.contains(&name.as_str()) {
                let name = shorten(name);
                return Err(ApiError::malformed(
                    &name,
                    "api.unknown_parameter",
                    values([("name", &name), ("known", &known.join(", "))]),
                ));
            }
            if pairs[..i].iter().any(|(n, _)| n == name) {
                return Err(ApiError::malformed(
                    name,
                    "api.repeated_parameter",
                    values([("name", name)]),
                ));
            }
        }
        Ok(Params(pairs))
    }

    /// The value, or `None` when absent or empty (an HTML form sends empty optional fields).
    fn optional(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
            .filter(|v| !v.trim().is_empty())
    }

    fn required(&self, name: &str) -> Result<&str, ApiError> {
        self.optional(name).ok_or_else(|| ApiError::missing(name))
    }
}

/// The range of years accepted: wide enough for any real hire date, narrow enough that
/// adding 42 months can never leave the calendar.
const YEARS: std::ops::RangeInclusive<i32> = 1900..=2999;

/// A strict ISO date, `YYYY-MM-DD`.
fn parse_date(field: &str, text: &str) -> Result<Date, ApiError> {
    let text = text.trim();
    let b = text.as_bytes();
    let shape_ok = b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
    if !shape_ok {
        return Err(ApiError::malformed(
            field,
            "api.date_shape",
            values([("field", field)]),
        ));
    }
    // The shape check makes these slices ASCII digits.
    let number = |range: std::ops::Range<usize>| text[range].parse::<i32>().unwrap_or(0);
    let (year, month, day) = (number(0..4), number(5..7), number(8..10));
    let date = u8::try_from(month)
        .ok()
        .and_then(|m| Month::try_from(m).ok())
        .zip(u8::try_from(day).ok())
        .and_then(|(m, d)| Date::from_calendar_date(year, m, d).ok());
    let Some(date) = date else {
        return Err(ApiError::malformed(
            field,
            "api.date_unknown",
            values([("field", field), ("text", text)]),
        ));
    };
    if !YEARS.contains(&year) {
        return Err(ApiError::impossible(
            field,
            "api.date_years",
            values([
                ("field", field),
                ("from", &YEARS.start().to_string()),
                ("to", &YEARS.end().to_string()),
            ]),
        ));
    }
    Ok(date)
}

fn optional_date(params: &Params, field: &str) -> Result<Option<Date>, ApiError> {
    params
        .optional(field)
        .map(|t| parse_date(field, t))
        .transpose()
}

/// `YYYY-MM-DD`.
fn iso(date: Date) -> String {
    format!(
        "{:04}-{:02}-{:02}",
        date.year(),
        u8::from(date.month()),
        date.day()
    )
}

/// A non-negative integer that fits in `u32` (ASCII digits only: no sign, no point).
fn parse_count(field: &str, text: &str) -> Result<u32, ApiError> {
    let text = text.trim();
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if text.strip_prefix('-').is_some_and(digits) {
        return Err(ApiError::malformed(
            field,
            "api.count_negative",
            values([("field", field)]),
        ));
    }
    if !digits(text) {
        return Err(ApiError::malformed(
            field,
            "api.count_shape",
            values([("field", field)]),
        ));
    }
    text.parse().map_err(|_| {
        ApiError::impossible(
            field,
            "api.count_too_large",
            values([("field", field), ("max", &u32::MAX.to_string())]),
        )
    })
}

/// One of a fixed list of codes.
fn parse_code<T: Copy>(
    field: &str,
    text: &str,
    all: &[T],
    code: fn(T) -> &'static str,
) -> Result<T, ApiError> {
    all.iter()
        .copied()
        .find(|v| code(*v) == text)
        .ok_or_else(|| {
            let codes: Vec<&str> = all.iter().map(|v| code(*v)).collect();
            ApiError::malformed(
                field,
                "api.code",
                values([("field", field), ("codes", &codes.join(", "))]),
            )
        })
}

/// A date on or after the hire date: nobody returns to a job before starting it.
fn check_return_to_work(hire_date: Date, return_to_work: Option<Date>) -> Result<(), ApiError> {
    match return_to_work {
        Some(back) if back < hire_date => Err(ApiError::impossible(
            "return_to_work",
            "api.return_before_hire",
            values([("back", &iso(back)), ("hire", &iso(hire_date))]),
        )),
        _ => Ok(()),
    }
}

#[derive(Serialize)]
struct WindowAnswer {
    hire_date: String,
    earliest_start: String,
    latest_end: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    end: Option<String>,
}

/// `GET /api/v1/rules/service-window?hire_date=…[&start_date=…][&return_to_work=…]`
/// (domain.md §4).
pub async fn service_window(req: Request) -> Response {
    let (lang, id) = (lang_of_request(req.headers()), request_id(&req));
    reply(lang, id, window_answer(req.uri().query()))
}

fn window_answer(query: Option<&str>) -> Result<WindowAnswer, ApiError> {
    let params = Params::parse(query, &["hire_date", "start_date", "return_to_work"])?;
    let hire_date = parse_date("hire_date", params.required("hire_date")?)?;
    let start_date = optional_date(&params, "start_date")?;
    let return_to_work = optional_date(&params, "return_to_work")?;
    check_return_to_work(hire_date, return_to_work)?;
    let window = period::service_window(hire_date, return_to_work);
    let end = match start_date {
        None => None,
        Some(start) => Some(period::contract_end(&window, start).map_err(|e| {
            let (key, values) = match e {
                PeriodError::TooEarly { earliest_start } => (
                    "api.start_too_early",
                    values([("start", &iso(start)), ("earliest", &iso(earliest_start))]),
                ),
                PeriodError::TooLate { latest_end } => (
                    "api.start_too_late",
                    values([("start", &iso(start)), ("latest", &iso(latest_end))]),
                ),
            };
            ApiError::impossible("start_date", key, values)
        })?),
    };
    Ok(WindowAnswer {
        hire_date: iso(hire_date),
        earliest_start: iso(window.earliest_start),
        latest_end: iso(window.latest_end),
        end: end.map(iso),
    })
}

/// The JSON object in a request body, sent as `application/json`.
struct JsonBody(Map<String, Value>);

impl JsonBody {
    fn parse(headers: &HeaderMap, bytes: &[u8], known: &[&str]) -> Result<JsonBody, ApiError> {
        let media_type = headers
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.split(';').next())
            .map(|v| v.trim().to_ascii_lowercase());
        if media_type.as_deref() != Some("application/json") {
            return Err(ApiError::malformed(
                "content-type",
                "api.content_type",
                Vec::new(),
            ));
        }
        let value: Value = serde_json::from_slice(bytes).map_err(|e| {
            ApiError::malformed(
                "body",
                "api.body_not_json",
                values([
                    ("line", &e.line().to_string()),
                    ("column", &e.column().to_string()),
                ]),
            )
        })?;
        let Value::Object(map) = value else {
            return Err(ApiError::malformed(
                "body",
                "api.body_not_object",
                Vec::new(),
            ));
        };
        if let Some(name) = map.keys().find(|k| !known.contains(&k.as_str())) {
            let name = shorten(name);
            return Err(ApiError::malformed(
                &name,
                "api.unknown_item",
                values([("name", &name), ("known", &known.join(", "))]),
            ));
        }
        Ok(JsonBody(map))
    }

    /// The value, or `None` when absent or `null`.
    fn optional(&self, name: &str) -> Option<&Value> {
        self.0.get(name).filter(|v| !v.is_null())
    }

    fn required(&self, name: &str) -> Result<&Value, ApiError> {
        self.optional(name).ok_or_else(|| ApiError::missing(name))
    }

    fn date(&self, name: &str) -> Result<Option<Date>, ApiError> {
        match self.optional(name) {
            None => Ok(None),
            Some(Value::String(s)) => parse_date(name, s).map(Some),
            Some(_) => Err(ApiError::malformed(
                name,
                "api.date_string",
                values([("field", name)]),
            )),
        }
    }

    fn required_date(&self, name: &str) -> Result<Date, ApiError> {
        self.required(name)?;
        self.date(name)?.ok_or_else(|| ApiError::missing(name))
    }
}

/// `POST /api/v1/rules/eligibility` with `{"prior_service", "ordinary_employment",
/// "hire_date", "as_of"[, "return_to_work"]}` (domain.md §4).
pub async fn eligibility(req: Request) -> Response {
    let (lang, id) = (lang_of_request(req.headers()), request_id(&req));
    let headers = req.headers().clone();
    let bytes = match Bytes::from_request(req, &()).await {
        Ok(b) => b,
        Err(rejection) => {
            let status = if crate::web::middleware::is_body_timeout(&rejection) {
                StatusCode::REQUEST_TIMEOUT
            } else {
                rejection.status()
            };
            let key = if status == StatusCode::PAYLOAD_TOO_LARGE {
                "api.body_too_large"
            } else {
                "api.body_unreadable"
            };
            let e = ApiError::new(status, "body", key, Vec::new());
            return reply::<Eligibility>(lang, id, Err(e));
        }
    };
    reply(lang, id, eligibility_answer(&headers, &bytes))
}

fn eligibility_answer(headers: &HeaderMap, bytes: &[u8]) -> Result<Eligibility, ApiError> {
    let body = JsonBody::parse(
        headers,
        bytes,
        &[
            "prior_service",
            "ordinary_employment",
            "hire_date",
            "as_of",
            "return_to_work",
        ],
    )?;
    let prior = match body.required("prior_service")? {
        Value::String(s) => parse_code("prior_service", s, &PriorService::ALL, PriorService::code)?,
        _ => {
            return Err(ApiError::malformed(
                "prior_service",
                "api.prior_service_type",
                Vec::new(),
            ));
        }
    };
    let Value::Bool(ordinary) = body.required("ordinary_employment")? else {
        return Err(ApiError::malformed(
            "ordinary_employment",
            "api.boolean",
            values([("field", "ordinary_employment")]),
        ));
    };
    let hire_date = body.required_date("hire_date")?;
    let as_of = body.required_date("as_of")?;
    let return_to_work = body.date("return_to_work")?;
    check_return_to_work(hire_date, return_to_work)?;
    Ok(eligibility::eligibility(
        prior,
        *ordinary,
        hire_date,
        return_to_work,
        as_of,
    ))
}

#[derive(Serialize)]
struct ChargeAnswer {
    income_category: &'static str,
    total_cost_yen: u64,
    ten_percent_yen: u64,
    monthly_cap_yen: u64,
    user_charge_yen: u64,
    public_charge_yen: u64,
}

/// The oldest age accepted: anything above is a typing mistake.
const MAX_AGE: u32 = 150;

/// `GET /api/v1/rules/user-charge?units=…&unit_price=…&household=…&residence=…&age=…
/// [&as_of=…]` (domain.md §5, §6).
pub async fn user_charge(req: Request) -> Response {
    let (lang, id) = (lang_of_request(req.headers()), request_id(&req));
    reply(lang, id, charge_answer(req.uri().query(), clock::today()))
}

fn charge_answer(query: Option<&str>, today: Date) -> Result<ChargeAnswer, ApiError> {
    let params = Params::parse(
        query,
        &[
            "units",
            "unit_price",
            "household",
            "residence",
            "age",
            "as_of",
        ],
    )?;
    let units = parse_count("units", params.required("units")?)?;
    let unit_price = UnitPrice::parse(params.required("unit_price")?).map_err(|e| {
        let key = match e {
            UnitPriceError::Malformed => "api.unit_price_shape",
            UnitPriceError::TooManyDecimals => "api.unit_price_decimals",
            UnitPriceError::NotPositive => "api.unit_price_not_positive",
            UnitPriceError::TooHigh => "api.unit_price_too_high",
        };
        if e.is_malformed() {
            ApiError::malformed("unit_price", key, Vec::new())
        } else {
            ApiError::impossible("unit_price", key, Vec::new())
        }
    })?;
    let household = parse_code(
        "household",
        params.required("household")?,
        &Household::ALL,
        Household::code,
    )?;
    let residence = parse_code(
        "residence",
        params.required("residence")?,
        &Residence::ALL,
        Residence::code,
    )?;
    let age = parse_count("age", params.required("age")?)?;
    if age > MAX_AGE {
        return Err(ApiError::impossible(
            "age",
            "api.age_max",
            values([("max", &MAX_AGE.to_string())]),
        ));
    }
    let as_of = optional_date(&params, "as_of")?.unwrap_or(today);
    let caps = master::cap_table_on(as_of).map_err(ApiError::no_table)?;
    let category: IncomeCategory = charge::income_category(household, residence, age);
    let c = charge::user_charge(units, unit_price, caps.cap_yen(category));
    Ok(ChargeAnswer {
        income_category: category.code(),
        total_cost_yen: c.total_cost_yen,
        ten_percent_yen: c.ten_percent_yen,
        monthly_cap_yen: c.monthly_cap_yen,
        user_charge_yen: c.user_charge_yen,
        public_charge_yen: c.public_charge_yen,
    })
}

#[derive(Serialize)]
struct RewardAnswer {
    retained: u32,
    served: u32,
    units: u32,
    valid_from: String,
    source: &'static str,
}

/// `GET /api/v1/rules/reward-tier?retained=…&served=…[&as_of=…]` (domain.md §1).
pub async fn reward_tier(req: Request) -> Response {
    let (lang, id) = (lang_of_request(req.headers()), request_id(&req));
    reply(lang, id, reward_answer(req.uri().query(), clock::today()))
}

fn reward_answer(query: Option<&str>, today: Date) -> Result<RewardAnswer, ApiError> {
    let params = Params::parse(query, &["retained", "served", "as_of"])?;
    let retained = parse_count("retained", params.required("retained")?)?;
    let served = parse_count("served", params.required("served")?)?;
    let as_of = optional_date(&params, "as_of")?.unwrap_or(today);
    let table = master::reward_table_on(as_of).map_err(ApiError::no_table)?;
    let units = reward::reward_units(retained, served, table).map_err(|e| match e {
        RewardError::NoneServed => ApiError::impossible("served", "api.none_served", Vec::new()),
        RewardError::RetainedExceedsServed { retained, served } => ApiError::impossible(
            "retained",
            "api.retained_exceeds_served",
            values([
                ("retained", &retained.to_string()),
                ("served", &served.to_string()),
            ]),
        ),
        RewardError::NoTier => ApiError::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "as_of",
            "api.no_tier",
            Vec::new(),
        ),
    })?;
    Ok(RewardAnswer {
        retained,
        served,
        units,
        valid_from: iso(table.valid_from),
        source: table.source,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn dates_are_strict_iso() {
        assert_eq!(
            parse_date("d", "2028-02-29").ok(),
            Some(date!(2028 - 02 - 29))
        );
        assert_eq!(iso(date!(2028 - 02 - 29)), "2028-02-29");
        for (text, status) in [
            ("2027-02-29", StatusCode::BAD_REQUEST),
            ("2026-13-01", StatusCode::BAD_REQUEST),
            ("2026-00-10", StatusCode::BAD_REQUEST),
            ("2026-4-1", StatusCode::BAD_REQUEST),
            ("2026/04/01", StatusCode::BAD_REQUEST),
            ("20260401", StatusCode::BAD_REQUEST),
            ("+026-04-01", StatusCode::BAD_REQUEST),
            ("２０２６-04-01", StatusCode::BAD_REQUEST),
            ("1899-12-31", StatusCode::UNPROCESSABLE_ENTITY),
            ("3000-01-01", StatusCode::UNPROCESSABLE_ENTITY),
        ] {
            let e = parse_date("hire_date", text).err();
            assert_eq!(e.as_ref().map(|e| e.status), Some(status), "{text}");
            assert!(
                e.is_some_and(|e| e.field == "hire_date"
                    && e.message(Lang::Ja).contains("hire_date")
                    && e.message(Lang::En).contains("hire_date")),
                "{text}"
            );
        }
    }

    #[test]
    fn counts_are_plain_non_negative_integers() {
        assert_eq!(parse_count("units", "3512").ok(), Some(3512));
        assert_eq!(parse_count("units", "0").ok(), Some(0));
        for (text, status) in [
            ("-1", StatusCode::BAD_REQUEST),
            ("+1", StatusCode::BAD_REQUEST),
            ("1.5", StatusCode::BAD_REQUEST),
            ("abc", StatusCode::BAD_REQUEST),
            ("1e3", StatusCode::BAD_REQUEST),
            ("4294967296", StatusCode::UNPROCESSABLE_ENTITY),
        ] {
            assert_eq!(
                parse_count("units", text).err().map(|e| e.status),
                Some(status),
                "{text}"
            );
        }
    }

    #[test]
    fn the_answers_use_the_rules() {
        let w = window_answer(Some("hire_date=2026-08-31&start_date=2027-03-01")).ok();
        assert_eq!(
            w.map(|w| (w.earliest_start, w.latest_end, w.end)),
            Some((
                "2027-03-01".to_string(),
                "2030-02-28".to_string(),
                Some("2030-02-28".to_string())
            ))
        );
        let c = charge_answer(
            Some("units=3512&unit_price=10.90&household=levy_under_160k&residence=home&age=30"),
            date!(2026 - 11 - 27),
        )
        .ok();
        assert_eq!(
            c.map(|c| (c.income_category, c.user_charge_yen, c.public_charge_yen)),
            Some(("general1", 3828, 34452))
        );
        let r = reward_answer(Some("retained=19&served=20"), date!(2026 - 11 - 27)).ok();
        assert_eq!(r.map(|r| r.units), Some(3512));
    }

    /// The OpenAPI document's Date declares the years `parse_date` accepts, and its
    /// service-window example is what the API answers (民法第143条, issue 17).
    #[test]
    fn openapi_declares_the_date_range_and_a_true_example() {
        let doc: Value = serde_json::from_str(OPENAPI).unwrap_or(Value::Null);
        let date = &doc["components"]["schemas"]["Date"];
        let (first, last) = (*YEARS.start(), *YEARS.end());
        assert_eq!(date["formatMinimum"], format!("{first}-01-01"));
        assert_eq!(date["formatMaximum"], format!("{last}-12-31"));
        assert_eq!(
            date["pattern"], "^(19[0-9]{2}|2[0-9]{3})-[0-9]{2}-[0-9]{2}$",
            "the pattern's years are {first}–{last}"
        );
        assert!(parse_date("d", &format!("{first}-01-01")).is_ok());
        assert!(parse_date("d", &format!("{last}-12-31")).is_ok());
        assert!(parse_date("d", &format!("{}-12-31", first - 1)).is_err());
        assert!(parse_date("d", &format!("{}-01-01", last + 1)).is_err());

        let get = &doc["paths"]["/api/v1/rules/service-window"]["get"];
        let example = |name: &str| {
            get["parameters"]
                .as_array()
                .and_then(|ps| ps.iter().find(|p| p["name"] == name))
                .and_then(|p| p["example"].as_str())
                .unwrap_or_default()
                .to_string()
        };
        let query = format!(
            "hire_date={}&start_date={}",
            example("hire_date"),
            example("start_date")
        );
        let answer = window_answer(Some(&query)).map(|w| serde_json::to_value(w).ok());
        let documented = &get["responses"]["200"]["content"]["application/json"]["example"];
        assert_eq!(answer.ok().flatten().as_ref(), Some(documented));
        assert_eq!(documented["earliest_start"], "2026-03-01");
        assert_eq!(documented["latest_end"], "2029-02-28");
    }

    /// The document served at /api/openapi.json is JSON and describes every route here.
    #[test]
    fn openapi_lists_every_rules_route() {
        let doc: Value = serde_json::from_str(OPENAPI).unwrap_or(Value::Null);
        assert!(
            doc["openapi"]
                .as_str()
                .is_some_and(|v| v.starts_with("3.1"))
        );
        for path in [
            "/api/v1/rules/service-window",
            "/api/v1/rules/eligibility",
            "/api/v1/rules/user-charge",
            "/api/v1/rules/reward-tier",
        ] {
            assert!(doc["paths"][path].is_object(), "{path}");
        }
    }
}
