//! The support area: 支援記録 (contacts) and concerns, consent, related institutions,
//! 就労定着支援計画, monthly reports and their shares, the month at a glance, the calendar.

pub mod calendar;
pub mod cases;
pub mod compliance;
pub mod consents;
pub mod contact_versions;
pub mod contacts;
pub mod institutions;
pub mod plan_print;
pub mod plans;
pub mod reports;
pub mod warnings;

use crate::web::access::Routes;

pub fn routes() -> Routes {
    Routes::new()
        .merge(contacts::routes())
        .merge(contact_versions::routes())
        .merge(cases::routes())
        .merge(consents::routes())
        .merge(institutions::routes())
        .merge(plans::routes())
        .merge(plan_print::routes())
        .merge(reports::routes())
        .merge(compliance::routes())
        .merge(calendar::routes())
        .merge(warnings::routes())
}
