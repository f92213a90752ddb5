//! Past cases across the organisation (issue 14, docs/decisions/0009-case-search.md):
//! making a case from a resolved concern (anonymised), the search index each node keeps in
//! memory, and `teichaku reindex`.
//!
//! The index is derived data. A node builds it from the `cases` table on its first search,
//! then before every search applies the `case_changes` it has not seen — so a case resolved
//! on another node of the same database is found on the next search. Changes are read from
//! a little before the newest one applied (`OVERLAP`) and applied once each, because on
//! PostgreSQL a change with a smaller id can become visible after a larger one (concurrent
//! transactions commit in any order). The cases shown are read again from the database, so
//! a case deleted with its client, or an office that stopped sharing, is never shown.

use std::collections::BTreeSet;
use std::time::{Duration, Instant};

use time::OffsetDateTime;
use tokio::sync::RwLock;

use crate::db::{Db, Tx};
use crate::domain::anonymise::anonymise;
use crate::domain::case_search::{
    CaseDoc, Index, Search, Situation, Thesaurus, disability_group, job_type, tenure_month,
};
use crate::store::cases::{self as store, Case, CaseSource, NewCase};

/// How far back (in change ids) each catch-up reads again.
const OVERLAP: i64 = 256;

/// Cases read at a time to build the index.
const LOAD_BATCH: i64 = 2_000;

/// The anonymised case of a resolved concern; `staff` are the names of the office's staff.
pub fn make_case(src: &CaseSource, staff: &[String]) -> NewCase {
    let mut known = vec![src.client_name.clone(), src.client_kana.clone()];
    known.extend(src.employer_name.clone());
    known.extend(src.supervisor_name.clone());
    known.extend(staff.iter().cloned());
    let day = src.occurred_at.to_offset(crate::clock::JST).date();
    let started = src.return_to_work_date.or(src.hire_date);
    NewCase {
        concern_id: src.concern_id,
        office_id: src.office_id,
        category: src.category.clone(),
        severity: src.severity,
        tenure_month: started.and_then(|d| tenure_month(d, day)),
        job_type: src
            .job_title
            .as_deref()
            .map_or("unknown", job_type)
            .to_string(),
        disability: disability_group(&src.disability_categories).to_string(),
        note: anonymise(&src.note, &known),
        heard: anonymise(&src.heard, &known),
        advice: anonymise(&src.advice, &known),
        resolution: anonymise(&src.resolution, &known),
    }
}

/// Writes the case of a concern just resolved, in the caller's transaction.
pub async fn record(tx: &mut Tx, concern_id: i64, now: OffsetDateTime) -> Result<(), sqlx::Error> {
    if let Some(src) = store::source(tx, concern_id).await? {
        let staff = store::staff_names_tx(tx, src.office_id).await?;
        store::upsert(tx, &make_case(&src, &staff), now).await?;
    }
    Ok(())
}

/// `teichaku reindex`: every case made again from its resolved concern (after the
/// anonymising rules changed, or to repair), in transactions of 500. Returns the count.
pub async fn reindex(db: &Db, now: OffsetDateTime) -> anyhow::Result<u64> {
    let mut after = 0;
    let mut count = 0;
    let mut staff_of: std::collections::HashMap<i64, Vec<String>> = Default::default();
    loop {
        let batch = store::sources_after(db, after, 500).await?;
        let Some(last) = batch.last() else { break };
        after = last.concern_id;
        let mut tx = db.begin().await?;
        for src in &batch {
            if let std::collections::hash_map::Entry::Vacant(e) = staff_of.entry(src.office_id) {
                e.insert(store::staff_names(db, src.office_id).await?);
            }
            let staff = &staff_of[&src.office_id];
            store::upsert(&mut tx, &make_case(src, staff), now).await?;
            count += 1;
        }
        tx.commit().await?;
    }
    Ok(count)
}

fn doc(c: &Case) -> CaseDoc {
    CaseDoc {
        id: c.id,
        office_id: c.office_id,
        category: c.category.clone(),
        tenure_month: c.tenure_month,
        job_type: c.job_type.clone(),
        helpful: c.helpful,
        text: [&c.note, &c.heard, &c.advice, &c.resolution]
            .map(String::as_str)
            .join("\n"),
    }
}

#[derive(Default)]
struct State {
    loaded: bool,
    index: Index,
    /// The newest change applied, and the ids applied within `OVERLAP` of it.
    last: i64,
    applied: BTreeSet<i64>,
}

/// One node's search index of past cases.
#[derive(Default)]
pub struct CaseIndex {
    state: RwLock<State>,
}

/// A search as a page asks it.
pub struct CaseQuery<'a> {
    pub text: &'a str,
    pub category: Option<&'a str>,
    pub situation: Situation,
    /// The searcher's office: its own cases and the shared ones are visible.
    pub office_id: i64,
    pub limit: usize,
}

impl CaseIndex {
    pub fn new() -> CaseIndex {
        CaseIndex::default()
    }

    /// Builds the index from the `cases` table (the first search does it too).
    pub async fn load(&self, db: &Db) -> Result<(), sqlx::Error> {
        let mut st = self.state.write().await;
        if st.loaded {
            return Ok(());
        }
        // The newest change first: a case changed while loading is applied again after.
        let last = store::last_change(db).await?;
        let mut index = Index::new();
        let mut after = 0;
        // Small batches: the rows, with their texts, only pass through; with batches of
        // 20,000 a process holding the index had 10–20 MB more RSS than with 2,000, and
        // built it no faster (README, "Past-case search").
        loop {
            let batch = store::list_after(db, after, LOAD_BATCH).await?;
            let Some(c) = batch.last() else { break };
            after = c.id;
            for c in &batch {
                index.upsert(doc(c));
            }
        }
        index.compact();
        st.index = index;
        st.last = last;
        st.applied.clear();
        st.loaded = true;
        Ok(())
    }

    /// Applies the changes not yet applied.
    pub async fn catch_up(&self, db: &Db) -> Result<(), sqlx::Error> {
        if !self.state.read().await.loaded {
            self.load(db).await?;
        }
        let from = {
            let st = self.state.read().await;
            (st.last - OVERLAP).max(0)
        };
        // Nothing new when the window holds exactly the changes applied: the usual case,
        // answered by one read of the primary key.
        let (count, newest) = store::change_window(db, from).await?;
        {
            let st = self.state.read().await;
            let applied = st.applied.range(from + 1..).count() as i64;
            if newest == st.last && count == applied {
                return Ok(());
            }
        }
        let changes = store::changes_after(db, from).await?;
        let fresh: Vec<(i64, i64)> = {
            let st = self.state.read().await;
            changes
                .into_iter()
                .filter(|(id, _)| *id > st.last || !st.applied.contains(id))
                .collect()
        };
        if fresh.is_empty() {
            return Ok(());
        }
        let mut ids: Vec<i64> = fresh.iter().map(|(_, case)| *case).collect();
        ids.sort_unstable();
        ids.dedup();
        let mut cases = Vec::new();
        for chunk in ids.chunks(1000) {
            cases.extend(store::find_many(db, chunk).await?);
        }
        let by_id: std::collections::HashMap<i64, &Case> =
            cases.iter().map(|c| (c.id, c)).collect();
        let mut st = self.state.write().await;
        for id in &ids {
            match by_id.get(id) {
                Some(case) => st.index.upsert(doc(case)),
                None => st.index.remove(*id),
            }
        }
        for (change, _) in fresh {
            st.applied.insert(change);
            st.last = st.last.max(change);
        }
        let keep_from = st.last - OVERLAP;
        st.applied = st.applied.split_off(&keep_from);
        Ok(())
    }

    /// Cases in the index.
    pub async fn len(&self) -> usize {
        self.state.read().await.index.len()
    }

    pub async fn is_empty(&self) -> bool {
        self.state.read().await.index.is_empty()
    }

    /// (distinct tokens, postings, compressed bytes of the postings) of the index.
    pub async fn size(&self) -> (usize, usize, usize) {
        self.state.read().await.index.size()
    }

    /// The bytes the index holds on the heap, about.
    pub async fn heap_bytes(&self) -> usize {
        self.state.read().await.index.heap_bytes()
    }

    /// The best cases for the query that the office may see, best first, read from the
    /// database.
    pub async fn search(&self, db: &Db, q: &CaseQuery<'_>) -> Result<Vec<Case>, sqlx::Error> {
        self.search_timed(db, q).await.map(|(cases, _)| cases)
    }

    /// The same, with the time each part took (for the benchmark's profile).
    pub async fn search_timed(
        &self,
        db: &Db,
        q: &CaseQuery<'_>,
    ) -> Result<(Vec<Case>, SearchTimes), sqlx::Error> {
        let mut times = SearchTimes::default();
        let started = Instant::now();
        self.catch_up(db).await?;
        times.catch_up = started.elapsed();
        let started = Instant::now();
        let hidden = store::hidden_offices(db, q.office_id).await?;
        times.sharing = started.elapsed();
        let visible = |office: i64| hidden.binary_search(&office).is_err();
        let started = Instant::now();
        let ids: Vec<i64> = {
            let st = self.state.read().await;
            st.index
                .search(
                    &Search {
                        text: q.text,
                        category: q.category,
                        situation: &q.situation,
                        visible: &visible,
                        limit: q.limit,
                    },
                    Thesaurus::builtin(),
                )
                .iter()
                .map(|h| h.id)
                .collect()
        };
        times.scoring = started.elapsed();
        let started = Instant::now();
        let cases = store::find_visible(db, &ids, q.office_id).await?;
        times.rows = started.elapsed();
        Ok((cases, times))
    }
}

/// Where a search's time went: the catch-up on `case_changes`, reading which offices
/// share, scoring in the index, and reading the hits' rows.
#[derive(Debug, Clone, Copy, Default)]
pub struct SearchTimes {
    pub catch_up: Duration,
    pub sharing: Duration,
    pub scoring: Duration,
    pub rows: Duration,
}
