//! The rows the pages read beyond the claim (issue #13 item 5), so that `bench --http`
//! measures what an organisation of that size has: former clients (service ended before
//! the history), and for every client a support plan history, concerns raised at contacts
//! (most of the older ones resolved) and the follow-up tasks agreed at them, and the
//! anonymised past cases made from the resolved concerns, as `teichaku reindex` makes them.
//!
//! Kept apart from the claim's generator: [`former_clients`] adds clients to its tables in
//! the same pass, and [`add`] is a second pass that reads the contacts back a slice of
//! clients at a time and writes its own tables, so the first pass is unchanged.
use anyhow::Result;
use time::{Date, OffsetDateTime};

use super::{
    ClientFacts, HEARINGS, Ids, OfficeFacts, Rng, Table, Tables, Val, add_months, days,
    first_of_month, last_of_month,
};
use crate::db::Db;
use crate::domain::contact::CONCERN_CATEGORIES;
use crate::on_db;

/// Former clients per 1,000 clients in service: about a quarter again, who finished their
/// 3 years (or left) before the history kept for the claim begins.
pub const FORMER_PER_MILLE: u64 = 250;

/// Clients whose service ended 10 to 45 months before `month`: generated as clients in
/// service 40 months earlier (their employment, 受給者証 and contract; their contacts and
/// reports are older than the history and so not written).
#[allow(clippy::too_many_arguments)]
pub(super) fn former_clients(
    t: &mut Tables,
    ids: &mut Ids,
    offices: &[OfficeFacts],
    municipalities: &[super::Municipality],
    seed: u64,
    count: usize,
    first_id: i64,
    month: Date,
) {
    let then = add_months(month, -40);
    for k in 0..count {
        let id = first_id + k as i64;
        let mut r = Rng::new(seed ^ 0x0f0f_f0f0, id as u64);
        let office = &offices[k % offices.len()];
        let facts = ClientFacts {
            id,
            office,
            municipality: r.pick(municipalities),
            month: then,
            history_start: month,
        };
        facts.generate(&mut r, t, ids);
    }
}

/// The page tables.
struct PageTables {
    concerns: Table,
    tasks: Table,
    support_plans: Table,
}

impl PageTables {
    fn new() -> PageTables {
        PageTables {
            concerns: Table::new(
                "concerns",
                &[
                    "id",
                    "contact_id",
                    "client_id",
                    "category",
                    "severity",
                    "note",
                    "resolved_at",
                    "resolution",
                    "resolved_by",
                ],
            ),
            tasks: Table::new(
                "tasks",
                &[
                    "id",
                    "client_id",
                    "contact_id",
                    "owner_id",
                    "description",
                    "due_on",
                    "done_at",
                    "created_at",
                ],
            ),
            support_plans: Table::new(
                "support_plans",
                &[
                    "id",
                    "client_id",
                    "status",
                    "goals",
                    "support_content",
                    "contact_frequency",
                    "employer_role",
                    "start_on",
                    "review_on",
                    "agreed_on",
                    "replaces_id",
                    "created_by",
                    "created_at",
                    "updated_at",
                ],
            ),
        }
    }

    async fn flush(&mut self, db: &Db) -> Result<()> {
        let engine = db.engine();
        let mut tx = db.begin().await?;
        for table in [&mut self.support_plans, &mut self.concerns, &mut self.tasks] {
            table.flush(&mut tx, engine).await?;
        }
        tx.commit().await?;
        Ok(())
    }
}

type ContactRow = (i64, i64, Option<i64>, OffsetDateTime);

/// Writes plans, concerns and tasks for every client, `SLICE` clients at a time; returns
/// the rows written per table.
pub(super) async fn add(db: &Db, seed: u64, month: Date) -> Result<Vec<(&'static str, u64)>> {
    const SLICE: i64 = 1_000;
    let mut t = PageTables::new();
    let (mut concern, mut task, mut plan) = (0_i64, 0_i64, 0_i64);
    let max: i64 = on_db!(db, pool => sqlx::query_scalar("SELECT COALESCE(MAX(id), 0) FROM clients")
        .fetch_one(pool).await)?;
    let month_end = last_of_month(month);
    let mut from = 1;
    while from <= max {
        let to = from + SLICE - 1;
        let clients: Vec<(i64, Option<i64>, Date)> = on_db!(db, pool => sqlx::query_as(
            "SELECT c.id, c.supporter_id, MIN(k.start_date) FROM clients c
             JOIN contracts k ON k.client_id = c.id
             WHERE c.id BETWEEN $1 AND $2 GROUP BY c.id, c.supporter_id ORDER BY c.id")
            .bind(from).bind(to).fetch_all(pool).await)?;
        let contacts: Vec<ContactRow> = on_db!(db, pool => sqlx::query_as(
            "SELECT id, client_id, staff_id, occurred_at FROM contacts
             WHERE client_id BETWEEN $1 AND $2 ORDER BY id")
            .bind(from).bind(to).fetch_all(pool).await)?;
        for (client, supporter, start) in clients {
            let mut r = Rng::new(seed ^ 0x9a9e_5000, client as u64);
            plans(
                &mut t, &mut plan, &mut r, client, supporter, start, month_end,
            );
        }
        for (id, client, staff, at) in contacts {
            let mut r = Rng::new(seed ^ 0xc0c0_0000, id as u64);
            concerns_and_tasks(
                &mut t,
                (&mut concern, &mut task),
                &mut r,
                (id, client, staff, at),
                month,
            );
        }
        t.flush(db).await?;
        from = to + 1;
    }
    Ok(vec![
        ("support_plans", t.support_plans.written),
        ("concerns", t.concerns.written),
        ("tasks", t.tasks.written),
    ])
}

/// The past cases of the resolved concerns, made by `teichaku reindex`'s own code
/// (`crate::cases::reindex`: anonymised, one `case_changes` row each).
pub(super) async fn cases(db: &Db, month: Date) -> Result<(&'static str, u64)> {
    let now = super::at_jst(last_of_month(month), 18, 0);
    Ok(("cases", crate::cases::reindex(db, now).await?))
}

/// A plan every 6 months from the start of the service: the older ones revised, the newest
/// agreed (under review once its review day passed; a draft now and then).
fn plans(
    t: &mut PageTables,
    next_id: &mut i64,
    r: &mut Rng,
    client: i64,
    supporter: Option<i64>,
    start: Date,
    month_end: Date,
) {
    let mut on = start;
    let mut previous: Option<i64> = None;
    while on <= month_end {
        *next_id += 1;
        let review = add_months(on, 6) - days(1);
        let newest = add_months(on, 6) > month_end;
        let status = match (newest, r.chance(50), review < month_end) {
            (false, _, _) => "revised",
            (true, true, _) => "draft",
            (true, false, true) => "under_review",
            (true, false, false) => "agreed",
        };
        let agreed = (status != "draft").then(|| on - days(r.range(0, 7)));
        let at = super::at_jst(on - days(10), 14, 0);
        t.support_plans.push(row!(
            *next_id,
            client,
            status,
            "職場で安定して働き続ける。体調の波に早めに気づき、相談できる。",
            super::HEARINGS[r.below(HEARINGS.len() as u64) as usize].1,
            "月1回以上の面談、必要に応じて職場訪問",
            "作業手順の見える化に協力していただく",
            on,
            review,
            agreed,
            previous,
            supporter,
            at,
            at
        ));
        previous = Some(*next_id);
        on = add_months(on, 6);
    }
}

/// About a quarter of contacts raise a concern (resolved within two months in most cases
/// once old enough); about one in seven ends with a follow-up task for the staff member.
fn concerns_and_tasks(
    t: &mut PageTables,
    (concern, task): (&mut i64, &mut i64),
    r: &mut Rng,
    (contact, client, staff, at): ContactRow,
    month: Date,
) {
    let day = at.to_offset(crate::clock::JST).date();
    if r.chance(250) {
        *concern += 1;
        // What the client said and how it was resolved, in the words of the category
        // (`bench-search`'s notes), so that the past-case search finds what it is asked.
        let category = *r.pick(&CONCERN_CATEGORIES);
        let note = *r.pick(crate::bench_cases::notes(category));
        let resolution = *r.pick(crate::bench_cases::resolutions(category));
        let old = day < add_months(first_of_month(month), -2);
        let resolved = (old && r.chance(850)).then(|| at + time::Duration::days(r.range(7, 60)));
        t.concerns.push(row!(
            *concern,
            contact,
            client,
            category,
            r.range(1, 3),
            note,
            resolved,
            if resolved.is_some() { resolution } else { "" },
            resolved.and(staff)
        ));
    }
    if r.chance(150) {
        *task += 1;
        let due = day + days(r.range(7, 28));
        let done = (due < month && r.chance(900)).then(|| super::at_jst(due, 17, 0));
        t.tasks.push(row!(
            *task,
            client,
            Some(contact),
            staff,
            "面談で合意したことを確認する（架空）",
            due,
            done,
            at
        ));
    }
}
