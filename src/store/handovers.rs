//! The hand-over package (issue 15, item 4): what staff add to it (the 引き継ぎメモ and the
//! chosen recipient, one `handovers` row per client) and the records it is built from.
use time::{Date, OffsetDateTime};

use crate::clock::JST;
use crate::db::{Db, Tx};
use crate::domain::handover::{
    ConcernFact, ContactFact, EmploymentFact, HandoverInput, InstitutionFact, Records, TaskFact,
};
use crate::store;
use crate::{on_db, on_tx};

/// What staff added: the memo and the employer contact chosen to receive the package.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Handover {
    pub client_id: i64,
    pub memo: String,
    pub recipient_contact_id: Option<i64>,
    pub updated_by_name: Option<String>,
    pub updated_at: OffsetDateTime,
}

pub async fn find(db: &Db, client_id: i64) -> Result<Option<Handover>, sqlx::Error> {
    on_db!(db, pool => sqlx::query_as(
        "SELECT h.client_id, h.memo, h.recipient_contact_id, s.display_name AS updated_by_name,
                h.updated_at
         FROM handovers h LEFT JOIN staff s ON s.id = h.updated_by
         WHERE h.client_id = $1")
        .bind(client_id).fetch_optional(pool).await)
}

/// Saves the memo and the recipient (the row is made on the first save).
pub async fn save(
    tx: &mut Tx,
    client_id: i64,
    input: &HandoverInput,
    staff_id: i64,
    now: OffsetDateTime,
) -> Result<(), sqlx::Error> {
    on_tx!(tx, c => sqlx::query(
        "INSERT INTO handovers (client_id, memo, recipient_contact_id, updated_by, updated_at)
         VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (client_id) DO UPDATE
           SET memo = excluded.memo, recipient_contact_id = excluded.recipient_contact_id,
               updated_by = excluded.updated_by, updated_at = excluded.updated_at")
        .bind(client_id).bind(&input.memo).bind(input.recipient).bind(staff_id).bind(now)
        .execute(c).await.map(|r| r.rows_affected()))?;
    Ok(())
}

fn japan_day(at: OffsetDateTime) -> Date {
    at.to_offset(JST).date()
}

/// The institutions named in the client's contacts (whichever office's directory).
async fn institutions(db: &Db, client_id: i64) -> Result<Vec<InstitutionFact>, sqlx::Error> {
    let rows: Vec<(i64, String, String, String, String, String)> = on_db!(db, pool => sqlx::query_as(
        "SELECT i.id, i.name, i.kind, i.contact_person, i.phone, i.email FROM institutions i
         WHERE i.id IN (SELECT c.institution_id FROM contacts c WHERE c.client_id = $1)
         ORDER BY i.id")
        .bind(client_id).fetch_all(pool).await)?;
    Ok(rows
        .into_iter()
        .map(
            |(id, name, kind, contact_person, phone, email)| InstitutionFact {
                id,
                name,
                kind,
                contact_person,
                phone,
                email,
            },
        )
        .collect())
}

/// Everything under the client the package is built from.
pub async fn records(db: &Db, client_id: i64) -> Result<Records, sqlx::Error> {
    let concerns = store::contacts::concerns_for_client(db, client_id).await?;
    let contacts = store::contacts::list_for_client(db, client_id).await?;
    let tasks = store::tasks::for_client(db, client_id).await?;
    let employments = store::employments::list_for_client(db, client_id).await?;
    Ok(Records {
        concerns: concerns
            .into_iter()
            .map(|k| ConcernFact {
                category: k.category,
                severity: k.severity,
                raised_on: japan_day(k.occurred_at),
                resolved_on: k.resolved_at.map(japan_day),
                resolution: k.resolution,
            })
            .collect(),
        contacts: contacts
            .into_iter()
            .map(|c| ContactFact {
                on: japan_day(c.occurred_at),
                participants: c
                    .participants
                    .split(',')
                    .filter(|p| !p.is_empty())
                    .map(str::to_string)
                    .collect(),
                participants_note: c.participants_note,
                institution_id: c.institution_id,
                accommodations: c.accommodations,
            })
            .collect(),
        tasks: tasks
            .into_iter()
            .map(|t| TaskFact {
                description: t.description,
                due_on: t.due_on,
                done_on: t.done_at.map(japan_day),
                owner: t.owner_name,
            })
            .collect(),
        employments: employments
            .into_iter()
            .map(|e| EmploymentFact {
                employer_name: e.employer_name,
                workplace_address: e.workplace_address,
                supervisor_name: e.supervisor_name,
                supervisor_contact: e.supervisor_contact,
                job_title: e.job_title,
                hire_date: e.hire_date,
                end_date: e.end_date,
            })
            .collect(),
        institutions: institutions(db, client_id).await?,
    })
}
