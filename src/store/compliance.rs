//! The facts the month view needs for every client of an office, gathered in a few queries
//! (one per kind of fact, not one per client). The facts it shares with the claim come from
//! [`super::client_month::gather`], the same queries the claim runs.
use std::collections::HashMap;

use time::{Date, OffsetDateTime};

use super::client_month::{self, Gathered};
use crate::db::Db;
use crate::domain::compliance::PlanState;
use crate::on_db;

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ClientRow {
    pub id: i64,
    pub name: String,
    pub kana: String,
    pub supporter_id: Option<i64>,
    pub supporter_name: Option<String>,
    pub prior_service: String,
    pub hire_date: Option<Date>,
    pub return_to_work_date: Option<Date>,
    pub ordinary_employment: Option<bool>,
}

/// Everything per client id.
#[derive(Debug, Default)]
pub struct MonthFacts {
    pub office_id: i64,
    pub clients: Vec<ClientRow>,
    pub periods: HashMap<i64, Vec<(Date, Date)>>,
    /// Contracts, contacts, hand-overs and the report: the claim's own queries.
    pub shared: Gathered,
    pub plans: HashMap<i64, PlanState>,
    pub overdue_tasks: HashMap<i64, usize>,
}

/// Facts for the office's clients (only those of `supporter` when given) for the month whose
/// instants are `from..until` (UTC bounds of the month in Japan time), `month` = YYYY-MM
/// ending on `last`.
#[allow(clippy::too_many_arguments)]
pub async fn month_facts(
    db: &Db,
    office_id: i64,
    supporter: Option<i64>,
    month: &str,
    last: Date,
    from: OffsetDateTime,
    until: OffsetDateTime,
    today: Date,
) -> Result<MonthFacts, sqlx::Error> {
    // One text per case: the office alone, or the office and one supporter.
    let by_supporter = if supporter.is_some() {
        "AND c.supporter_id = $2"
    } else {
        ""
    };
    let sql = format!(
        "SELECT c.id, c.name, c.kana, c.supporter_id, s.display_name AS supporter_name, c.prior_service,
                e.hire_date, e.return_to_work_date, e.ordinary_employment
         FROM clients c
         LEFT JOIN staff s ON s.id = c.supporter_id
         LEFT JOIN employments e ON e.id = (
             SELECT e2.id FROM employments e2 WHERE e2.client_id = c.id ORDER BY e2.hire_date, e2.id LIMIT 1)
         WHERE c.office_id = $1 AND c.removed_at IS NULL {by_supporter}
         ORDER BY c.kana, c.id"
    );
    let clients: Vec<ClientRow> = on_db!(db, pool => {
        let q = sqlx::query_as(sqlx::AssertSqlSafe(sql.clone())).bind(office_id);
        match supporter {
            Some(s) => q.bind(s),
            None => q,
        }
        .fetch_all(pool)
        .await
    })?;
    let mut facts = MonthFacts {
        office_id,
        clients,
        shared: client_month::gather(db, Some(office_id), month, last, from, until).await?,
        ..MonthFacts::default()
    };

    let periods: Vec<(i64, Date, Date)> = on_db!(db, pool => sqlx::query_as(
        "SELECT c.client_id, p.start_date, p.end_date
         FROM certificate_periods p JOIN certificates c ON c.id = p.certificate_id
         JOIN clients cl ON cl.id = c.client_id WHERE cl.office_id = $1")
        .bind(office_id).fetch_all(pool).await)?;
    for (client, s, e) in periods {
        facts.periods.entry(client).or_default().push((s, e));
    }

    // The plan in force: the newest that was not replaced by a revision.
    let plans: Vec<(i64, String, Date)> = on_db!(db, pool => sqlx::query_as(
        "SELECT p.client_id, p.status, p.review_on FROM support_plans p
         JOIN clients cl ON cl.id = p.client_id
         WHERE cl.office_id = $1 AND p.status <> 'revised'
         ORDER BY p.client_id, p.start_on, p.id")
        .bind(office_id).fetch_all(pool).await)?;
    for (client, status, review_on) in plans {
        let state = match status.as_str() {
            "agreed" | "under_review" => PlanState::Agreed { review_on },
            _ => PlanState::Missing,
        };
        // A later agreed plan wins; a later draft does not undo an agreed one.
        match (facts.plans.get(&client), state) {
            (Some(PlanState::Agreed { .. }), PlanState::Missing) => {}
            _ => {
                facts.plans.insert(client, state);
            }
        }
    }

    let overdue: Vec<(i64, i64)> = on_db!(db, pool => sqlx::query_as(
        "SELECT t.client_id, COUNT(*) FROM tasks t JOIN clients cl ON cl.id = t.client_id
         WHERE cl.office_id = $1 AND t.done_at IS NULL AND t.due_on < $2
         GROUP BY t.client_id")
        .bind(office_id).bind(today).fetch_all(pool).await)?;
    for (client, n) in overdue {
        facts
            .overdue_tasks
            .insert(client, usize::try_from(n).unwrap_or(0));
    }
    Ok(facts)
}
