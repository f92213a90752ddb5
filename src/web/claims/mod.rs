//! The claims area: the monthly claim and its exports, the 就労定着率, the office's claim
//! settings (地域区分, 体制), 上限額管理 results and the claim master data.

pub mod cap_results;
pub mod claim;
pub mod claim_master;
pub mod claim_settings;

use crate::web::access::Routes;

pub fn routes() -> Routes {
    Routes::new()
        .merge(claim_settings::routes())
        .merge(cap_results::routes())
        .merge(claim_master::routes())
        .merge(claim::routes())
}
