//! The per-office queries in one list, for the test that reads their plans on both engines
//! (`tests/it/per_office_plans.rs`): a one-office page must cost what its office costs, so
//! none of these may read a large table without an index that narrows it to the office.
//! Every `scoped!` query is here (a test fails for one that is missing), with the plain
//! per-office texts of the pages that list an office's rows.
use crate::db::Engine;
use crate::domain::client_list::Condition;
use crate::domain::inquiry::{Inbox, InquiryStatus};
use crate::domain::paging::Keyset;

use super::{Scoped, audit, claims, client_month, clients, inquiries, tours};

/// One per-office query text, and the engine it is written for (`None`: both).
#[derive(Debug, Clone)]
pub struct PerOffice {
    pub name: String,
    pub sql: String,
    pub engine: Option<Engine>,
}

impl PerOffice {
    fn scoped(q: &Scoped) -> PerOffice {
        PerOffice {
            name: q.name.to_string(),
            sql: q.office.to_string(),
            engine: None,
        }
    }

    fn plain(name: &str, sql: &str) -> PerOffice {
        PerOffice {
            name: name.to_string(),
            sql: sql.to_string(),
            engine: None,
        }
    }

    fn only(mut self, engine: Engine) -> PerOffice {
        self.engine = Some(engine);
        self
    }
}

/// The `scoped!` queries that read other offices on purpose, with the reason; the plan test
/// skips them and the completeness test accepts them.
pub const CROSS_OFFICE: &[(&str, &str)] = &[(
    claims::OTHER_OFFICES_LOCKED.name,
    "finds a 受給者証 number another office claimed in the month: reads the month's claims",
)];

/// Every per-office query text, as the pages and the claim run send it.
pub fn queries() -> Vec<PerOffice> {
    let mut list: Vec<PerOffice> = [
        claims::SETTINGS_IN,
        claims::FILINGS,
        claims::SERVED_BETWEEN,
        claims::JOBS,
        claims::FIRST_CONTRACTS,
        claims::OFFICES,
        claims::MONTH_CLIENTS,
        claims::MONTH_CERTIFICATES,
        claims::MONTH_MEETINGS,
        claims::MONTH_CAP_RESULTS,
        claims::MONTH_CAP_OFFICES,
        claims::AREA_GRADES_ON,
        claims::FROZEN_RATES,
        claims::FIRST_CONTRACT_STARTS,
        client_month::CONTRACTS,
        client_month::HANDOVERS,
        client_month::REPORTS,
        tours::OPEN_PUBLIC,
    ]
    .iter()
    .map(PerOffice::scoped)
    .collect();
    list.push(PerOffice::scoped(&client_month::CONTACT_DAYS_SQLITE).only(Engine::Sqlite));
    list.push(PerOffice::scoped(&client_month::CONTACT_DAYS_POSTGRES).only(Engine::Postgres));
    list.push(PerOffice::plain(
        "store::tours::OPEN_AT_OFFICE",
        tours::OPEN_AT_OFFICE,
    ));
    list.push(PerOffice::plain(
        "store::audit::list (one office, next page)",
        &audit::list_sql(&audit::Filter {
            office_id: Some(1),
            before_id: Some(1),
            ..audit::Filter::default()
        }),
    ));
    list.extend(paged_lists());
    list
}

/// The client list and the inquiry inbox (#13), read a page at a time: each shape of their
/// texts (first page, after, before; with and without each filter).
fn paged_lists() -> Vec<PerOffice> {
    let day = time::Date::from_calendar_date(2026, time::Month::April, 1).ok();
    let plain = clients::ListFilter {
        search: String::new(),
        supporter_id: None,
        condition: Condition::Any,
    };
    let filtered = clients::ListFilter {
        search: "やま".into(),
        supporter_id: Some(1),
        condition: Condition::Base {
            from: day,
            to: day,
            or_no_employment: true,
        },
    };
    let mut list = vec![
        PerOffice::plain(
            "store::clients::page_for_office (first page)",
            &clients::page_for_office_sql(&plain, Keyset::First),
        ),
        PerOffice::plain(
            "store::clients::page_for_office (filtered, next page)",
            &clients::page_for_office_sql(&filtered, Keyset::After(1)),
        ),
        PerOffice::plain(
            "store::clients::page_for_office (former clients, previous page)",
            &clients::page_for_office_sql(
                &clients::ListFilter {
                    condition: Condition::Base {
                        from: None,
                        to: day,
                        or_no_employment: false,
                    },
                    ..plain.clone()
                },
                Keyset::Before(1),
            ),
        ),
        PerOffice::plain(
            "store::clients::count_for_office",
            &clients::count_for_office_sql(&filtered),
        ),
    ];
    for (show, at) in [
        (Inbox::Open, Keyset::First),
        (Inbox::One(InquiryStatus::New), Keyset::After(1)),
        (Inbox::All, Keyset::Before(1)),
    ] {
        list.push(PerOffice::plain(
            &format!("store::inquiries::page_for_office ({show:?}, {at:?})"),
            &inquiries::page_for_office_sql(show, at),
        ));
    }
    list
}

/// The names of every `scoped!` query, listed here or in [`CROSS_OFFICE`] (for the test that
/// no new one is forgotten).
pub fn covered_names() -> Vec<String> {
    queries()
        .into_iter()
        .map(|q| q.name)
        .chain(CROSS_OFFICE.iter().map(|(name, _)| name.to_string()))
        .collect()
}
