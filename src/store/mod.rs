//! All SQL lives here, one file per aggregate. Reads take `&Db`; writes take `&mut Tx` so a
//! handler can group a change and its audit row in one transaction. The same SQL text runs on
//! both engines; see `crate::db` for how.

/// A query that a one-office page and an organisation-wide run both need, written once as
/// `head` + condition + `tail` and compiled into two texts: [`Scoped::office`] with the
/// office's condition (`office_id = $1`, which the office index serves on both engines) and
/// [`Scoped::all`] with `$1 IS NULL` in its place (the same binds, `$1` bound to NULL). The
/// old single text `($1 IS NULL OR office_id = $1)` made SQLite's planner read every office
/// for one. Every per-office text is listed in [`per_office::QUERIES`], where a test reads
/// its plan on both engines.
macro_rules! scoped {
    ($(#[$m:meta])* $vis:vis const $name:ident = $head:literal, office: $cond:literal, $tail:literal;) => {
        $(#[$m])*
        $vis const $name: $crate::store::Scoped = $crate::store::Scoped {
            name: concat!(module_path!(), "::", stringify!($name)),
            office: concat!($head, $cond, $tail),
            all: concat!($head, "$1 IS NULL", $tail),
        };
    };
}

/// One query's two texts (see `scoped!`).
#[derive(Debug, Clone, Copy)]
pub struct Scoped {
    pub name: &'static str,
    pub office: &'static str,
    pub all: &'static str,
}

impl Scoped {
    /// The text for one office (`Some`) or the whole organisation (`None`).
    pub fn text(&self, office: Option<i64>) -> &'static str {
        match office {
            Some(_) => self.office,
            None => self.all,
        }
    }
}

/// `%text%` for `LIKE … ESCAPE '\'`: the text's own `\`, `%` and `_` match themselves.
pub(crate) fn like_contains(text: &str) -> String {
    format!(
        "%{}%",
        text.replace('\\', "\\\\")
            .replace('%', "\\%")
            .replace('_', "\\_")
    )
}

/// The candidates a lookup text `sql` finds (`domain::lookup`): its binds are the
/// organisation ($1), the whole key typed ($2), the name as a `LIKE` pattern ($3), the name
/// ($4) and the limit ($5); its rows are (id, key, name).
pub(crate) async fn lookup_candidates(
    db: &crate::db::Db,
    sql: &'static str,
    organization_id: i64,
    key: &str,
    name: &str,
    limit: i64,
) -> Result<Vec<crate::domain::lookup::Candidate>, sqlx::Error> {
    let rows: Vec<(i64, String, String)> = crate::on_db!(db, pool => sqlx::query_as(sql)
        .bind(organization_id).bind(key).bind(like_contains(name)).bind(name).bind(limit)
        .fetch_all(pool).await)?;
    Ok(rows
        .into_iter()
        .map(|(id, key, name)| crate::domain::lookup::Candidate { id, key, name })
        .collect())
}

pub mod audit;
pub mod backup;
pub mod calendar;
pub mod cases;
pub mod certificates;
pub mod claims;
pub mod client_month;
pub mod client_moves;
pub mod clients;
pub mod compliance;
pub mod consents;
pub mod contacts;
pub mod employments;
pub mod export;
pub mod followups;
pub mod guide;
pub mod handovers;
pub mod import;
pub mod inquiries;
pub mod institutions;
pub mod login_failures;
pub mod notebook;
pub mod offices;
pub mod organizations;
pub mod outbox;
pub mod per_office;
pub mod plans;
pub mod portal;
pub mod public_version;
pub mod record_keeping;
pub mod reports;
pub mod selfcheck;
pub mod sessions;
pub mod staff;
pub mod tasks;
pub mod totp;
pub mod tours;
pub mod warnings;
