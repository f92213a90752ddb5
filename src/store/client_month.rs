//! The facts of a client-month that both the claim and the month at a glance read, gathered
//! once here so that the two cannot read them differently: the contracts with the office,
//! the month's contacts (day in Japan time, kind, whether the client took part), the
//! hand-over sharings, and the month's report with the day it was shared with the client.
//! One query per kind of fact, for one office or all (`None`).
use std::collections::HashMap;

use time::{Date, OffsetDateTime};

use crate::clock::JST;
use crate::db::Db;
use crate::domain::client_month::Contact;
use crate::domain::compliance::ReportState;
use crate::domain::contact::Mode;
use crate::on_db;

/// One contact of the month, as far as the conditions go.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ContactRow {
    pub client_id: i64,
    pub office_id: i64,
    /// The day in Japan time.
    pub day: Date,
    pub mode: String,
    /// `client` is among the participants.
    pub client_present: bool,
}

/// A version of the month's report: its status and the first day it was shared with the
/// client.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ReportRow {
    pub client_id: i64,
    pub status: String,
    pub shared_on: Option<Date>,
}

/// The shared facts, by client (and office where the fact belongs to one).
#[derive(Debug, Default, Clone)]
pub struct Gathered {
    /// Contracts (start, end) per (client, office) that started by the month's end.
    pub contracts: HashMap<(i64, i64), Vec<(Date, Date)>>,
    /// The month's contacts per (client, office).
    pub contacts: HashMap<(i64, i64), Vec<Contact>>,
    /// Days (Japan time) of every hand-over sharing per client.
    pub handovers: HashMap<i64, Vec<Date>>,
    /// The month's report per client: how far it got and when it was first shared with them.
    pub reports: HashMap<i64, (ReportState, Option<Date>)>,
}

impl Gathered {
    pub fn contracts_of(&self, client: i64, office: i64) -> Vec<(Date, Date)> {
        self.contracts
            .get(&(client, office))
            .cloned()
            .unwrap_or_default()
    }
    pub fn contacts_of(&self, client: i64, office: i64) -> Vec<Contact> {
        self.contacts
            .get(&(client, office))
            .cloned()
            .unwrap_or_default()
    }
    pub fn handovers_of(&self, client: i64) -> Vec<Date> {
        self.handovers.get(&client).cloned().unwrap_or_default()
    }
    pub fn report_of(&self, client: i64) -> (ReportState, Option<Date>) {
        self.reports
            .get(&client)
            .copied()
            .unwrap_or((ReportState::None, None))
    }

    /// Indexes the rows the queries return (public for tests that build rows directly).
    pub fn index(
        contracts: Vec<(i64, i64, Date, Date)>,
        contacts: Vec<ContactRow>,
        handovers: Vec<(i64, OffsetDateTime)>,
        reports: Vec<ReportRow>,
    ) -> Gathered {
        let mut g = Gathered::default();
        for (client, office, start, end) in contracts {
            g.contracts
                .entry((client, office))
                .or_default()
                .push((start, end));
        }
        for c in contacts {
            // A mode the domain does not know cannot meet the client; it still is a contact day.
            let mode = Mode::parse(&c.mode).unwrap_or(Mode::Phone);
            g.contacts
                .entry((c.client_id, c.office_id))
                .or_default()
                .push(Contact {
                    day: c.day,
                    mode,
                    client_present: c.client_present,
                });
        }
        for (client, at) in handovers {
            g.handovers
                .entry(client)
                .or_default()
                .push(at.to_offset(JST).date());
        }
        for r in reports {
            let state = match (r.status.as_str(), r.shared_on) {
                ("final", Some(_)) => ReportState::Shared,
                ("final", None) => ReportState::Final,
                _ => ReportState::Draft,
            };
            let shared_on = r.shared_on.filter(|_| r.status == "final");
            let e = g
                .reports
                .entry(r.client_id)
                .or_insert((ReportState::None, None));
            e.0 = e.0.max(state);
            e.1 = match (e.1, shared_on) {
                (Some(a), Some(b)) => Some(a.min(b)),
                (a, b) => a.or(b),
            };
        }
        g
    }
}

scoped! {
    /// Contracts that started by `$2`.
    pub const CONTRACTS = "SELECT client_id, office_id, start_date, end_date FROM contracts
         WHERE ", office: "office_id = $1", " AND start_date <= $2";
}

scoped! {
    /// One row per client, office, day (Japan time), kind and presence of the client in
    /// `$2..$3`: the day of a timestamp is where the two engines need different SQL.
    pub const CONTACT_DAYS_SQLITE = "SELECT DISTINCT client_id, office_id, date(occurred_at, '+9 hours') AS day, mode,
                (',' || participants || ',') LIKE '%,client,%' AS client_present
         FROM contacts
         WHERE ", office: "office_id = $1", " AND occurred_at >= $2 AND occurred_at < $3
           AND status = 'final'";
}

scoped! {
    /// [`CONTACT_DAYS_SQLITE`] on PostgreSQL.
    pub const CONTACT_DAYS_POSTGRES = "SELECT DISTINCT client_id, office_id, (occurred_at AT TIME ZONE 'Asia/Tokyo')::date AS day, mode,
                (',' || participants || ',') LIKE '%,client,%' AS client_present
         FROM contacts
         WHERE ", office: "office_id = $1", " AND occurred_at >= $2 AND occurred_at < $3
           AND status = 'final'";
}

scoped! {
    /// Hand-over contacts: `is_handover` written as it is in `contacts_handover`'s own
    /// condition, so both engines read that partial index instead of every contact.
    pub const HANDOVERS = "SELECT client_id, occurred_at FROM contacts
         WHERE ", office: "office_id = $1", " AND is_handover AND status = 'final'";
}

scoped! {
    /// The month's reports of the office's clients (and of those who moved away from it).
    // One office: each client's report found by (month, client_id) or (client_id, month).
    // The clients are a subquery, not a join beside the month: PostgreSQL then read every
    // report (a hash join, 68 ms at 1,500 offices), and SQLite, which has no statistics, the
    // whole organisation's month through the month index. The organisation: the month
    // through `support_reports_month`.
    pub const REPORTS = "SELECT r.client_id, r.status,
                (SELECT MIN(s.shared_on) FROM report_shares s
                 WHERE s.report_id = r.id AND s.recipient_kind = 'client') AS shared_on
         FROM support_reports r
         WHERE ",
        office: "r.client_id IN (SELECT c.id FROM clients c WHERE c.office_id = $1
                                 UNION SELECT m.client_id FROM client_office_moves m
                                       WHERE m.from_office_id = $1)",
        " AND r.month = $2";
}

/// The shared facts of the month `month` (YYYY-MM) ending on `last`, whose instants are
/// `from..until` (the month in Japan time), for one office or all.
pub async fn gather(
    db: &Db,
    office: Option<i64>,
    month: &str,
    last: Date,
    from: OffsetDateTime,
    until: OffsetDateTime,
) -> Result<Gathered, sqlx::Error> {
    let contracts = async {
        on_db!(db, pool => sqlx::query_as(CONTRACTS.text(office))
        .bind(office).bind(last).fetch_all(pool).await)
    };
    // One row per client, office, day (Japan time), kind and presence of the client: the
    // day of a timestamp is where the two engines need different SQL.
    let contacts = async {
        match db {
            Db::Sqlite(pool) => {
                sqlx::query_as(CONTACT_DAYS_SQLITE.text(office))
                    .bind(office)
                    .bind(from)
                    .bind(until)
                    .fetch_all(pool)
                    .await
            }
            Db::Postgres(pool) => {
                sqlx::query_as(CONTACT_DAYS_POSTGRES.text(office))
                    .bind(office)
                    .bind(from)
                    .bind(until)
                    .fetch_all(pool)
                    .await
            }
        }
    };
    let handovers = async {
        on_db!(db, pool => sqlx::query_as(HANDOVERS.text(office))
        .bind(office).fetch_all(pool).await)
    };
    let reports = async {
        on_db!(db, pool => sqlx::query_as(REPORTS.text(office))
        .bind(office).bind(month).fetch_all(pool).await)
    };
    let (contracts, contacts, handovers, reports) =
        tokio::try_join!(contracts, contacts, handovers, reports)?;
    Ok(Gathered::index(contracts, contacts, handovers, reports))
}
