//! The public rules API (`/api/v1/rules/…`): no sign-in, answers computed from the request
//! alone, described by `/api/openapi.json`.

pub mod api_rules;

use crate::web::access::{Policy, Routes};

pub fn routes() -> Routes {
    Routes::new()
        .get("/api/openapi.json", Policy::Public, api_rules::openapi)
        .get(
            "/api/v1/rules/service-window",
            Policy::Public,
            api_rules::service_window,
        )
        .post(
            "/api/v1/rules/eligibility",
            Policy::Public,
            api_rules::eligibility,
        )
        .get(
            "/api/v1/rules/user-charge",
            Policy::Public,
            api_rules::user_charge,
        )
        .get(
            "/api/v1/rules/reward-tier",
            Policy::Public,
            api_rules::reward_tier,
        )
}
