//! The public rules API over HTTP: each endpoint's answers with real figures
//! (`../shared/domain.md` §1, §4, §5, §6), every kind of bad input refused with a
//! field-specific JSON error, and the OpenAPI document. No database access.
use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::helpers::{TestApp, spawn_app};

struct Answer {
    status: StatusCode,
    content_type: String,
    body: Value,
}

async fn read(r: reqwest::Response) -> Answer {
    let status = r.status();
    let content_type = r
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_string();
    let text = r.text().await.expect("body");
    let body = serde_json::from_str(&text)
        .unwrap_or_else(|e| panic!("not JSON ({e}), status {status}: {text}"));
    Answer {
        status,
        content_type,
        body,
    }
}

async fn get(app: &TestApp, path: &str) -> Answer {
    read(app.client.get(app.url(path)).send().await.expect("GET")).await
}

async fn post(app: &TestApp, path: &str, content_type: &str, body: &str) -> Answer {
    read(
        app.client
            .post(app.url(path))
            .header("content-type", content_type)
            .body(body.to_string())
            .send()
            .await
            .expect("POST"),
    )
    .await
}

async fn post_json(app: &TestApp, body: Value) -> Answer {
    post(
        app,
        "/api/v1/rules/eligibility",
        "application/json",
        &body.to_string(),
    )
    .await
}

/// A refusal: the status, JSON, the field, and a message that names it.
fn assert_refused(a: &Answer, status: StatusCode, field: &str, what: &str) {
    assert_eq!(a.status, status, "{what}: {}", a.body);
    assert!(
        a.content_type.starts_with("application/json"),
        "{what}: {}",
        a.content_type
    );
    assert_eq!(a.body["field"], field, "{what}: {}", a.body);
    let message = a.body["error"].as_str().unwrap_or_default();
    assert!(
        message.to_lowercase().contains(&field.to_lowercase()),
        "{what}: the message names {field}: {message}"
    );
    assert!(
        !a.body["request_id"].as_str().unwrap_or_default().is_empty(),
        "{what}"
    );
}

/// domain.md §4: 6 months after the hire, then at most 3 years, counted under 民法第143条
/// (shared/domain.md §9 item 12: a period whose last month lacks the day ends on its last day).
#[tokio::test]
async fn service_window_from_hire_start_and_return_to_work() {
    let app = spawn_app().await;
    let a = get(&app, "/api/v1/rules/service-window?hire_date=2026-08-31").await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.body);
    assert!(a.content_type.starts_with("application/json"));
    assert_eq!(
        a.body,
        json!({"hire_date": "2026-08-31", "earliest_start": "2027-03-01", "latest_end": "2030-02-28"})
    );

    let a = get(
        &app,
        "/api/v1/rules/service-window?hire_date=2026-04-01&start_date=2026-11-15",
    )
    .await;
    assert_eq!(
        a.body,
        json!({
            "hire_date": "2026-04-01",
            "earliest_start": "2026-10-01",
            "latest_end": "2029-09-30",
            "end": "2029-09-30"
        })
    );

    // 2028 is a leap year: the 6 months from 2027-08-31 end on 2028-02-29.
    let a = get(&app, "/api/v1/rules/service-window?hire_date=2027-08-31").await;
    assert_eq!(a.body["earliest_start"], "2028-03-01");
    assert_eq!(a.body["latest_end"], "2031-02-28");
    let a = get(&app, "/api/v1/rules/service-window?hire_date=2027-08-29").await;
    assert_eq!(a.body["earliest_start"], "2028-02-29");
    assert_eq!(a.body["latest_end"], "2031-02-28");

    // After 休職 the 6 months count from the return to work.
    let a = get(
        &app,
        "/api/v1/rules/service-window?hire_date=2020-04-01&return_to_work=2026-01-31&start_date=2026-07-31",
    )
    .await;
    assert_eq!(
        a.body,
        json!({
            "hire_date": "2020-04-01",
            "earliest_start": "2026-07-31",
            "latest_end": "2029-07-30",
            "end": "2029-07-30"
        })
    );

    // An empty optional parameter (as an HTML form sends it) is absent.
    let a = get(
        &app,
        "/api/v1/rules/service-window?hire_date=2026-08-31&start_date=&return_to_work=",
    )
    .await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.body);
    assert!(a.body.get("end").is_none());
}

#[tokio::test]
async fn a_start_outside_the_window_is_422() {
    let app = spawn_app().await;
    for start in ["2026-09-30", "2029-10-01"] {
        let a = get(
            &app,
            &format!("/api/v1/rules/service-window?hire_date=2026-04-01&start_date={start}"),
        )
        .await;
        assert_refused(&a, StatusCode::UNPROCESSABLE_ENTITY, "start_date", start);
        assert_eq!(a.body["code"], "unprocessable");
    }
    // The first and last allowed days are fine.
    for start in ["2026-10-01", "2029-09-30"] {
        let a = get(
            &app,
            &format!("/api/v1/rules/service-window?hire_date=2026-04-01&start_date={start}"),
        )
        .await;
        assert_eq!(a.status, StatusCode::OK, "{start}: {}", a.body);
        assert_eq!(a.body["end"], "2029-09-30");
    }
}

/// domain.md §4: six services, a regular employer, inside the window; all reasons listed.
#[tokio::test]
async fn eligibility_lists_every_reason_in_order() {
    let app = spawn_app().await;
    let a = post_json(
        &app,
        json!({
            "prior_service": "employment_transition",
            "ordinary_employment": true,
            "hire_date": "2026-04-01",
            "as_of": "2026-11-27"
        }),
    )
    .await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.body);
    assert_eq!(a.body, json!({"eligible": true, "reasons": []}));

    let a = post_json(
        &app,
        json!({
            "prior_service": "none",
            "ordinary_employment": false,
            "hire_date": "2026-04-01",
            "as_of": "2026-09-30"
        }),
    )
    .await;
    assert_eq!(
        a.body,
        json!({
            "eligible": false,
            "reasons": ["no_qualifying_prior_service", "not_ordinary_employment", "too_early"]
        })
    );

    let a = post_json(
        &app,
        json!({
            "prior_service": "continuous_b",
            "ordinary_employment": true,
            "hire_date": "2026-04-01",
            "as_of": "2029-10-01"
        }),
    )
    .await;
    assert_eq!(
        a.body,
        json!({"eligible": false, "reasons": ["window_ended"]})
    );

    // Counted from the return to work; `null` is the same as leaving it out.
    let a = post_json(
        &app,
        json!({
            "prior_service": "life_care",
            "ordinary_employment": true,
            "hire_date": "2020-04-01",
            "return_to_work": "2026-01-31",
            "as_of": "2026-07-31"
        }),
    )
    .await;
    assert_eq!(a.body, json!({"eligible": true, "reasons": []}));
    let a = post_json(
        &app,
        json!({
            "prior_service": "life_care",
            "ordinary_employment": true,
            "hire_date": "2020-04-01",
            "return_to_work": null,
            "as_of": "2026-07-31"
        }),
    )
    .await;
    assert_eq!(
        a.body,
        json!({"eligible": false, "reasons": ["window_ended"]})
    );
}

/// The rules API takes calls from other sites' tools (no cookie gives it authority).
#[tokio::test]
async fn eligibility_accepts_cross_origin_posts() {
    let app = spawn_app().await;
    let r = app
        .client
        .post(app.url("/api/v1/rules/eligibility"))
        .header("origin", "https://tools.example")
        .header("sec-fetch-site", "cross-site")
        .json(&json!({
            "prior_service": "continuous_a",
            "ordinary_employment": true,
            "hire_date": "2026-04-01",
            "as_of": "2027-01-01"
        }))
        .send()
        .await
        .expect("POST");
    let a = read(r).await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.body);
    assert_eq!(a.body["eligible"], true);
}

/// domain.md §5 (caps, income categories) and §6 (round down).
#[tokio::test]
async fn user_charge_with_real_figures() {
    let app = spawn_app().await;
    let path = |household: &str, residence: &str, age: u32| {
        format!(
            "/api/v1/rules/user-charge?units=3512&unit_price=10.90&household={household}\
             &residence={residence}&age={age}&as_of=2026-11-27"
        )
    };
    // 3512 × 10.90 = 38,280.8 → 38,280; 10% = 3,828 under the 一般1 cap of 9,300.
    let a = get(&app, &path("levy_under_160k", "home", 30)).await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.body);
    assert_eq!(
        a.body,
        json!({
            "income_category": "general1",
            "total_cost_yen": 38280,
            "ten_percent_yen": 3828,
            "monthly_cap_yen": 9300,
            "user_charge_yen": 3828,
            "public_charge_yen": 34452
        })
    );
    let cases = [
        ("levy_under_160k", "group_home", 30, "general2", 37200, 3828),
        ("levy_under_160k", "facility", 19, "general1", 9300, 3828),
        ("levy_under_160k", "facility", 20, "general2", 37200, 3828),
        ("other_taxable", "home", 30, "general2", 37200, 3828),
        ("non_taxable", "home", 30, "low_income", 0, 0),
        ("welfare", "group_home", 30, "welfare", 0, 0),
    ];
    for (household, residence, age, category, cap, user) in cases {
        let a = get(&app, &path(household, residence, age)).await;
        assert_eq!(a.status, StatusCode::OK, "{}", a.body);
        let what = format!("{household} {residence} {age}");
        assert_eq!(a.body["income_category"], category, "{what}");
        assert_eq!(a.body["monthly_cap_yen"], cap, "{what}");
        assert_eq!(a.body["user_charge_yen"], user, "{what}");
        assert_eq!(a.body["public_charge_yen"], 38280 - user, "{what}");
    }
    // The cap binds: 100,000 units × 11.40 = 1,140,000; 10% = 114,000 > 37,200.
    let a = get(
        &app,
        "/api/v1/rules/user-charge?units=100000&unit_price=11.4&household=other_taxable\
         &residence=home&age=45",
    )
    .await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.body);
    assert_eq!(a.body["total_cost_yen"], 1_140_000);
    assert_eq!(a.body["ten_percent_yen"], 114_000);
    assert_eq!(a.body["user_charge_yen"], 37_200);
    assert_eq!(a.body["public_charge_yen"], 1_102_800);
    // No confirmed cap table before 2024-04-01.
    let a = get(
        &app,
        "/api/v1/rules/user-charge?units=3512&unit_price=10.90&household=welfare\
         &residence=home&age=30&as_of=2024-03-31",
    )
    .await;
    assert_refused(
        &a,
        StatusCode::UNPROCESSABLE_ENTITY,
        "as_of",
        "cap before R6",
    );
}

/// domain.md §1.1 and §1.2: exact fractions at each bound, the table by date.
#[tokio::test]
async fn reward_tier_with_real_figures() {
    let app = spawn_app().await;
    let cases = [
        (19, 20, 3512),
        (18, 20, 3348),
        (949, 1000, 3348),
        (3, 10, 1433),
        (29, 100, 1074),
        (0, 7, 1074),
    ];
    for (retained, served, units) in cases {
        let a = get(
            &app,
            &format!(
                "/api/v1/rules/reward-tier?retained={retained}&served={served}&as_of=2026-11-27"
            ),
        )
        .await;
        assert_eq!(a.status, StatusCode::OK, "{}", a.body);
        assert_eq!(
            a.body,
            json!({
                "retained": retained,
                "served": served,
                "units": units,
                "valid_from": "2024-04-01",
                "source": "https://fukushisoft.co.jp/?p=6360"
            }),
            "{retained}/{served}"
        );
    }
    // Without as_of: today's table (R6 is in force with no end date).
    let a = get(&app, "/api/v1/rules/reward-tier?retained=19&served=20").await;
    assert_eq!(a.body["units"], 3512, "{}", a.body);
    // A back-claim in 2020: the R1.10 table (20 users or fewer).
    let a = get(
        &app,
        "/api/v1/rules/reward-tier?retained=9&served=10&as_of=2020-06-30",
    )
    .await;
    assert_eq!(a.body["units"], 3215, "{}", a.body);
    assert_eq!(a.body["valid_from"], "2019-10-01");
    // The R3 table is unconfirmed.
    let a = get(
        &app,
        "/api/v1/rules/reward-tier?retained=9&served=10&as_of=2022-06-30",
    )
    .await;
    assert_refused(&a, StatusCode::UNPROCESSABLE_ENTITY, "as_of", "R3");
    assert!(
        a.body["error"]
            .as_str()
            .unwrap_or_default()
            .contains("未確認"),
        "{}",
        a.body
    );
}

#[tokio::test]
async fn no_users_served_or_more_retained_than_served_is_422() {
    let app = spawn_app().await;
    let a = get(&app, "/api/v1/rules/reward-tier?retained=0&served=0").await;
    assert_refused(&a, StatusCode::UNPROCESSABLE_ENTITY, "served", "served=0");
    let a = get(&app, "/api/v1/rules/reward-tier?retained=21&served=20").await;
    assert_refused(
        &a,
        StatusCode::UNPROCESSABLE_ENTITY,
        "retained",
        "retained > served",
    );
}

/// Every malformed or impossible query parameter names itself; nothing is a 500.
#[tokio::test]
async fn bad_query_parameters_are_named() {
    let app = spawn_app().await;
    let bad = StatusCode::BAD_REQUEST;
    let impossible = StatusCode::UNPROCESSABLE_ENTITY;
    let sw = "/api/v1/rules/service-window?";
    let uc = "/api/v1/rules/user-charge?";
    let ok_charge = "units=3512&unit_price=10.90&household=welfare&residence=home&age=30";
    let rt = "/api/v1/rules/reward-tier?";
    let cases: Vec<(String, StatusCode, &str)> = vec![
        // service-window
        (sw.to_string(), bad, "hire_date"),
        (format!("{sw}hire_date="), bad, "hire_date"),
        (format!("{sw}hire_date=2026/04/01"), bad, "hire_date"),
        (format!("{sw}hire_date=2026-4-1"), bad, "hire_date"),
        (format!("{sw}hire_date=2026-13-01"), bad, "hire_date"),
        (format!("{sw}hire_date=2027-02-29"), bad, "hire_date"),
        (format!("{sw}hire_date=yesterday"), bad, "hire_date"),
        (format!("{sw}hire_date=1800-01-01"), impossible, "hire_date"),
        (
            format!("{sw}hire_date=2026-04-01&start_date=soon"),
            bad,
            "start_date",
        ),
        (
            format!("{sw}hire_date=2026-04-01&return_to_work=2026-02-30"),
            bad,
            "return_to_work",
        ),
        (
            format!("{sw}hire_date=2026-04-01&return_to_work=2026-03-31"),
            impossible,
            "return_to_work",
        ),
        (format!("{sw}hire_dat=2026-04-01"), bad, "hire_dat"),
        (
            format!("{sw}hire_date=2026-04-01&hire_date=2026-05-01"),
            bad,
            "hire_date",
        ),
        // user-charge
        (format!("{uc}{ok_charge}&units=1"), bad, "units"),
        (
            format!("{uc}unit_price=10.90&household=welfare&residence=home&age=30"),
            bad,
            "units",
        ),
        (
            format!("{uc}{}", ok_charge.replace("3512", "-5")),
            bad,
            "units",
        ),
        (
            format!("{uc}{}", ok_charge.replace("3512", "abc")),
            bad,
            "units",
        ),
        (
            format!("{uc}{}", ok_charge.replace("3512", "35.5")),
            bad,
            "units",
        ),
        (
            format!("{uc}{}", ok_charge.replace("3512", "99999999999")),
            impossible,
            "units",
        ),
        (
            format!("{uc}{}", ok_charge.replace("10.90", "ten")),
            bad,
            "unit_price",
        ),
        (
            format!("{uc}{}", ok_charge.replace("10.90", "-10.90")),
            bad,
            "unit_price",
        ),
        (
            format!("{uc}{}", ok_charge.replace("10.90", "10.905")),
            bad,
            "unit_price",
        ),
        (
            format!("{uc}{}", ok_charge.replace("10.90", "0")),
            impossible,
            "unit_price",
        ),
        (
            format!("{uc}{}", ok_charge.replace("10.90", "100.01")),
            impossible,
            "unit_price",
        ),
        (
            format!("{uc}{}", ok_charge.replace("welfare", "rich")),
            bad,
            "household",
        ),
        (
            format!("{uc}{}", ok_charge.replace("home", "castle")),
            bad,
            "residence",
        ),
        (format!("{uc}{}", ok_charge.replace("=30", "=")), bad, "age"),
        (
            format!("{uc}{}", ok_charge.replace("=30", "=-1")),
            bad,
            "age",
        ),
        (
            format!("{uc}{}", ok_charge.replace("=30", "=thirty")),
            bad,
            "age",
        ),
        (
            format!("{uc}{}", ok_charge.replace("=30", "=200")),
            impossible,
            "age",
        ),
        (format!("{uc}{ok_charge}&as_of=2026-02-30"), bad, "as_of"),
        (format!("{uc}{ok_charge}&asof=2026-04-01"), bad, "asof"),
        // reward-tier
        (format!("{rt}served=20"), bad, "retained"),
        (format!("{rt}retained=19"), bad, "served"),
        (format!("{rt}retained=x&served=20"), bad, "retained"),
        (format!("{rt}retained=19&served=-20"), bad, "served"),
        (format!("{rt}retained=19&served=20.0"), bad, "served"),
        (
            format!("{rt}retained=19&served=20&as_of=26-11-27"),
            bad,
            "as_of",
        ),
        (
            format!("{rt}retained=19&served=20&as_of=2019-09-30"),
            impossible,
            "as_of",
        ),
    ];
    for (path, status, field) in cases {
        let a = get(&app, &path).await;
        assert_refused(&a, status, field, &path);
        let code = if status == bad {
            "bad_request"
        } else {
            "unprocessable"
        };
        assert_eq!(a.body["code"], code, "{path}");
    }
}

/// Every malformed or impossible eligibility body names the member (or the body itself).
#[tokio::test]
async fn bad_eligibility_bodies_are_named() {
    let app = spawn_app().await;
    let bad = StatusCode::BAD_REQUEST;
    let good = json!({
        "prior_service": "employment_transition",
        "ordinary_employment": true,
        "hire_date": "2026-04-01",
        "as_of": "2026-11-27"
    });
    let with = |key: &str, value: Value| {
        let mut body = good.clone();
        body[key] = value;
        body.to_string()
    };
    let without = |key: &str| {
        let mut body = good.clone();
        if let Some(map) = body.as_object_mut() {
            map.remove(key);
        }
        body.to_string()
    };
    let json_type = "application/json";
    let cases: Vec<(&str, String, StatusCode, &str)> = vec![
        (json_type, "{\"prior_service\": ".to_string(), bad, "body"),
        (json_type, String::new(), bad, "body"),
        (json_type, "[1, 2]".to_string(), bad, "body"),
        (json_type, "\"text\"".to_string(), bad, "body"),
        ("text/plain", good.to_string(), bad, "content-type"),
        (
            "application/x-www-form-urlencoded",
            "prior_service=none".to_string(),
            bad,
            "content-type",
        ),
        (json_type, without("prior_service"), bad, "prior_service"),
        (
            json_type,
            with("prior_service", json!("employment")),
            bad,
            "prior_service",
        ),
        (
            json_type,
            with("prior_service", json!(3)),
            bad,
            "prior_service",
        ),
        (
            json_type,
            with("prior_service", Value::Null),
            bad,
            "prior_service",
        ),
        (
            json_type,
            without("ordinary_employment"),
            bad,
            "ordinary_employment",
        ),
        (
            json_type,
            with("ordinary_employment", json!("yes")),
            bad,
            "ordinary_employment",
        ),
        (
            json_type,
            with("ordinary_employment", json!(1)),
            bad,
            "ordinary_employment",
        ),
        (json_type, without("hire_date"), bad, "hire_date"),
        (
            json_type,
            with("hire_date", json!("2026-02-30")),
            bad,
            "hire_date",
        ),
        (
            json_type,
            with("hire_date", json!(20260401)),
            bad,
            "hire_date",
        ),
        (json_type, without("as_of"), bad, "as_of"),
        (json_type, with("as_of", json!("today")), bad, "as_of"),
        (
            json_type,
            with("return_to_work", json!("2026/05/01")),
            bad,
            "return_to_work",
        ),
        (
            json_type,
            with("return_to_work", json!("2026-03-31")),
            StatusCode::UNPROCESSABLE_ENTITY,
            "return_to_work",
        ),
        (json_type, with("hire", json!("2026-04-01")), bad, "hire"),
    ];
    for (content_type, body, status, field) in cases {
        let a = post(&app, "/api/v1/rules/eligibility", content_type, &body).await;
        assert_refused(&a, status, field, &format!("{content_type} {body}"));
    }
}

#[tokio::test]
async fn openapi_document_describes_the_four_endpoints() {
    let app = spawn_app().await;
    let a = get(&app, "/api/openapi.json").await;
    assert_eq!(a.status, StatusCode::OK);
    assert!(a.content_type.starts_with("application/json"));
    assert!(
        a.body["openapi"]
            .as_str()
            .unwrap_or_default()
            .starts_with("3.1")
    );
    let paths = a.body["paths"].as_object().expect("paths");
    let mut names: Vec<&str> = paths.keys().map(String::as_str).collect();
    names.sort();
    assert_eq!(
        names,
        [
            "/api/v1/rules/eligibility",
            "/api/v1/rules/reward-tier",
            "/api/v1/rules/service-window",
            "/api/v1/rules/user-charge",
        ]
    );
    assert!(paths["/api/v1/rules/eligibility"]["post"].is_object());
    for p in [
        "/api/v1/rules/service-window",
        "/api/v1/rules/user-charge",
        "/api/v1/rules/reward-tier",
    ] {
        assert!(paths[p]["get"].is_object(), "{p}");
    }
    assert!(a.body["components"]["schemas"]["Error"].is_object());
}

async fn get_in(app: &TestApp, path: &str, accept: &str, cookie: Option<&str>) -> Answer {
    let mut request = app
        .client
        .get(app.url(path))
        .header("accept-language", accept);
    if let Some(c) = cookie {
        request = request.header("cookie", c);
    }
    read(request.send().await.expect("GET")).await
}

/// The error is written in the language the request asks for (Accept-Language, or the
/// site's `lang` cookie first); the shape and the field stay the same.
#[tokio::test]
async fn errors_answer_in_the_requested_language() {
    let app = spawn_app().await;
    let path = "/api/v1/rules/service-window?hire_date=2026-02-30";
    let en = get_in(&app, path, "en-US,en;q=0.9,ja;q=0.5", None).await;
    assert_refused(&en, StatusCode::BAD_REQUEST, "hire_date", "English");
    assert_eq!(en.body["code"], "bad_request");
    assert_eq!(
        en.body["error"],
        "hire_date: 2026-02-30 is not a date in the calendar"
    );
    let ja = get_in(&app, path, "ja,en;q=0.8", None).await;
    assert_eq!(
        ja.body["error"],
        "hire_date の 2026-02-30 は存在しない日付です"
    );
    let cookie = get_in(&app, path, "en", Some("lang=ja")).await;
    assert_eq!(
        cookie.body["error"], ja.body["error"],
        "the cookie comes first"
    );
    let mut keys: Vec<&String> = en.body.as_object().expect("object").keys().collect();
    keys.sort();
    assert_eq!(keys, ["code", "error", "field", "request_id"]);

    // A rule refusal, with the master table's reason in English too.
    let r3 = get_in(
        &app,
        "/api/v1/rules/reward-tier?retained=9&served=10&as_of=2022-06-30",
        "en",
        None,
    )
    .await;
    assert_refused(
        &r3,
        StatusCode::UNPROCESSABLE_ENTITY,
        "as_of",
        "R3 in English",
    );
    let message = r3.body["error"].as_str().unwrap_or_default();
    assert!(
        message.starts_with("as_of: There is no confirmed reward table for 2022-06-30")
            && message.contains("unconfirmed"),
        "{message}"
    );

    // Errors outside the handlers (an unknown API path) follow the same language.
    let missing = get_in(&app, "/api/v1/rules/nothing", "en", None).await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    let missing_ja = get_in(&app, "/api/v1/rules/nothing", "ja", None).await;
    assert_ne!(missing.body["error"], missing_ja.body["error"]);
}
