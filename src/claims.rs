//! The monthly claim run: gathers the facts of a month for one office or for all of them
//! (a fixed number of queries, whatever the number of clients), looks up the master data in
//! force, and computes every client's claim with [`crate::domain::claim`]. The result is
//! plain data that the claim page shows, a lock stores as JSON, and the exports read.
use std::collections::{HashMap, HashSet};

use serde::{Deserialize, Serialize};
use time::{Date, Month};

use crate::db::Db;
use crate::domain::claim::{
    self, Adjustment, Base, CapDecision, CapManager, CapResult, Meeting, Rate, Terms,
    UnconfirmedRule,
};
use crate::domain::client_month::{self, Cap, Decision};
use crate::domain::csv::{Cell, Csv};
use crate::domain::kokuho;
use crate::domain::month::YearMonth;
use crate::domain::office_move;
use crate::domain::retention::{self, Job, Standing};
use crate::domain::rules::charge::UnitPrice;
use crate::domain::rules::eligibility::PriorService;
use crate::domain::rules::master::reward_table_on;
use crate::domain::rules::reward::{RewardTier, reward_tier};
use crate::i18n::Lang;
use crate::store::claims::{self as store, MasterRow};

/// The 就労定着率 behind an office's tier for a fiscal year.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct RetentionRate {
    pub fiscal_year: i32,
    pub served: u32,
    pub retained: u32,
    /// Taken from the office's filing (体制届) rather than computed from the records.
    pub filed: bool,
    /// Frozen when the fiscal year's first month was locked (that month, `YYYY-MM`): the
    /// tier is fixed for the fiscal year (domain.md §1.3).
    #[serde(default)]
    pub frozen_in: Option<String>,
    /// (retained, served) computed from today's records when they differ from the frozen
    /// rate: a correction to review, not applied.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub records_now: Option<(u32, u32)>,
    pub tier_label: Option<String>,
    pub units: Option<u32>,
}

/// One client served in the rate's 3 fiscal years and where they stood at its end.
#[derive(Debug, Clone)]
pub struct RetentionClient {
    pub client_id: i64,
    pub name: String,
    pub standing: Standing,
}

/// The computed rate for an office and a fiscal year, with the clients behind it.
#[derive(Debug, Clone)]
pub struct RetentionDetail {
    pub basis: retention::Basis,
    pub clients: Vec<RetentionClient>,
    pub retained: u32,
    pub served: u32,
}

/// The percent bound of a tier: `base_95` for 9割5分以上 (the key of its service code).
fn tier_key(t: &RewardTier) -> String {
    let pct = t.at_least.num * 100 / t.at_least.den.max(1);
    format!("base_{pct}")
}

/// Computes the rate of each office for fiscal year `fy` from the records (domain.md §1.3).
pub async fn computed_rates(
    db: &Db,
    office: Option<i64>,
    fy: i32,
) -> anyhow::Result<HashMap<i64, RetentionDetail>> {
    let basis = retention::basis(fy);
    let (served, all_jobs) = tokio::try_join!(
        store::served_between(db, office, basis.served_from, basis.as_of),
        store::jobs(db, office),
    )?;
    let mut jobs: HashMap<i64, Vec<Job>> = HashMap::new();
    for j in all_jobs {
        jobs.entry(j.client_id).or_default().push(Job {
            hire: j.hire_date,
            end: j.end_date,
            left_for_new_job: j.end_reason == "job_change",
            ordinary: j.ordinary_employment,
        });
    }
    let mut out: HashMap<i64, RetentionDetail> = HashMap::new();
    for s in served {
        let standing = retention::standing_on(
            jobs.get(&s.client_id).map(Vec::as_slice).unwrap_or(&[]),
            basis.as_of,
        );
        let d = out.entry(s.office_id).or_insert_with(|| RetentionDetail {
            basis,
            clients: Vec::new(),
            retained: 0,
            served: 0,
        });
        d.served += 1;
        if standing.retained() {
            d.retained += 1;
        }
        d.clients.push(RetentionClient {
            client_id: s.client_id,
            name: s.name,
            standing,
        });
    }
    Ok(out)
}

/// The rate and tier each office claims with in fiscal year `fy`: the filing if there is
/// one, else the records; the tier from the base-reward table in force on `on`.
pub async fn rates(
    db: &Db,
    office: Option<i64>,
    fy: i32,
    on: Date,
) -> anyhow::Result<HashMap<i64, RetentionRate>> {
    Ok(rates_and_details(db, office, fy, on).await?.0)
}

/// [`rates`], with the computed details (the clients behind each office's numbers).
pub async fn rates_and_details(
    db: &Db,
    office: Option<i64>,
    fy: i32,
    on: Date,
) -> anyhow::Result<(HashMap<i64, RetentionRate>, HashMap<i64, RetentionDetail>)> {
    let table = reward_table_on(on).ok();
    let rate = |retained: u32, served: u32, filed: bool| {
        let t = table.and_then(|t| reward_tier(retained, served, t).ok());
        RetentionRate {
            fiscal_year: fy,
            served,
            retained,
            filed,
            frozen_in: None,
            records_now: None,
            tier_label: t.map(|t| t.label_ja.to_string()),
            units: t.map(|t| t.units),
        }
    };
    let (computed, filings, frozen) = tokio::try_join!(
        computed_rates(db, office, fy),
        async {
            store::filings(db, office, fy)
                .await
                .map_err(anyhow::Error::from)
        },
        async {
            store::frozen_rates(db, office, fy)
                .await
                .map_err(anyhow::Error::from)
        }
    )?;
    let mut out: HashMap<i64, RetentionRate> = computed
        .iter()
        .map(|(office_id, d)| (*office_id, rate(d.retained, d.served, false)))
        .collect();
    // The rate frozen at the year's first lock stays the year's rate (domain.md §1.3); the
    // records' rate today is kept beside it when it differs.
    for f in frozen {
        let retained = u32::try_from(f.retained).unwrap_or(0);
        let served = u32::try_from(f.served).unwrap_or(0);
        let mut r = rate(retained, served, false);
        r.frozen_in = Some(f.month.clone());
        r.records_now = computed
            .get(&f.office_id)
            .map(|d| (d.retained, d.served))
            .filter(|now| *now != (retained, served));
        out.insert(f.office_id, r);
    }
    for f in filings {
        let retained = u32::try_from(f.retained).unwrap_or(0);
        let served = u32::try_from(f.served).unwrap_or(0);
        out.insert(f.office_id, rate(retained, served, true));
    }
    Ok((out, computed))
}

/// One client behind a frozen rate, as stored with it (the evidence of the year's tier).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct EvidenceClient {
    pub client_id: i64,
    pub name: String,
    /// i18n key of the client's standing on the day employment was judged.
    pub standing: String,
    pub retained: bool,
}

/// The evidence list of a computed rate.
pub fn evidence(detail: &RetentionDetail) -> Vec<EvidenceClient> {
    detail
        .clients
        .iter()
        .map(|c| EvidenceClient {
            client_id: c.client_id,
            name: c.name.clone(),
            standing: c.standing.key().to_string(),
            retained: c.standing.retained(),
        })
        .collect()
}

/// The clients whose standing in today's records differs from the frozen evidence: (as
/// frozen, now); `None` on one side for a client counted on the other side only.
pub fn evidence_changes(
    frozen: &[EvidenceClient],
    now: &[EvidenceClient],
) -> Vec<(Option<EvidenceClient>, Option<EvidenceClient>)> {
    let mut out = Vec::new();
    for f in frozen {
        match now.iter().find(|n| n.client_id == f.client_id) {
            Some(n) if n.standing == f.standing => {}
            other => out.push((Some(f.clone()), other.cloned())),
        }
    }
    for n in now {
        if !frozen.iter().any(|f| f.client_id == n.client_id) {
            out.push((None, Some(n.clone())));
        }
    }
    out
}

/// A claim line as stored.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct LineOut {
    /// `base` or an [`Adjustment`] code.
    pub item: String,
    pub units: i64,
    pub service_code: String,
}

/// Another office in a cap this office manages (J411 明細).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct CapOfficeOut {
    pub office_number: String,
    pub office_name: String,
    pub total_cost_yen: u64,
    pub charge_yen: u64,
    pub decided_yen: u64,
}

/// One client's claim as shown, stored and exported.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct ClientOut {
    pub client_id: i64,
    pub name: String,
    pub kana: String,
    pub birth_date: Date,
    pub certificate_number: String,
    pub municipality_code: String,
    pub municipality_name: String,
    pub monthly_cap_yen: u64,
    /// `none`, `this_office` or `another_office`.
    pub cap_manager: String,
    pub cap_manager_office: String,
    pub cap_result: Option<(u8, u64)>,
    pub cap_offices: Vec<CapOfficeOut>,
    pub contract_start: Option<Date>,
    /// The contract's end, when it ends within the month.
    pub contract_end: Option<Date>,
    /// Days in the month with a support contact.
    pub service_days: u32,
    /// i18n keys of what stops the base reward.
    pub blockers: Vec<String>,
    /// The other office that already claimed the month for this 受給者証.
    #[serde(default)]
    pub claimed_by: Option<String>,
    pub lines: Vec<LineOut>,
    /// Adjustment codes suggested by the records but not claimed, with the reason key.
    pub skipped: Vec<(String, String)>,
    pub total_units: u32,
    pub total_cost_yen: u64,
    pub ten_percent_yen: u64,
    pub decided_user_charge_yen: u64,
    pub claimed_yen: u64,
    pub cap_issue: Option<String>,
}

impl ClientOut {
    pub fn claimable(&self) -> bool {
        self.blockers.is_empty()
    }
}

/// Totals for one municipality (or the office).
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq, Eq)]
pub struct Totals {
    pub code: String,
    pub name: String,
    pub clients: u32,
    pub units: u64,
    pub total_cost_yen: u64,
    pub user_charge_yen: u64,
    pub claimed_yen: u64,
}

impl Totals {
    fn add(&mut self, c: &ClientOut) {
        self.clients += 1;
        self.units += u64::from(c.total_units);
        self.total_cost_yen += c.total_cost_yen;
        self.user_charge_yen += c.decided_user_charge_yen;
        self.claimed_yen += c.claimed_yen;
    }
}

/// One office's claim for a month.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct OfficeClaim {
    pub office_id: i64,
    pub office_name: String,
    pub office_number: String,
    pub area_grade: String,
    pub month: String,
    pub unit_price_hundredths: Option<u32>,
    pub service_kind: String,
    pub rate: Option<RetentionRate>,
    pub clients: Vec<ClientOut>,
    /// Master items in force that domain.md marks UNCONFIRMED (check before filing).
    pub unconfirmed: Vec<String>,
    /// Rules the claim applied this month that domain.md marks UNCONFIRMED
    /// ([`UnconfirmedRule`] codes). Absent from claims locked before they were listed.
    #[serde(default)]
    pub unconfirmed_rules: Vec<String>,
    /// Items the office settings name, in force during the month.
    pub settings: Vec<String>,
}

impl OfficeClaim {
    /// The same claim, apart from how the rate is known (frozen since, or a difference of
    /// today's records to review): what a new locked version would change.
    pub fn same_claim(&self, other: &OfficeClaim) -> bool {
        let plain = |c: &OfficeClaim| {
            let mut c = c.clone();
            if let Some(r) = c.rate.as_mut() {
                r.frozen_in = None;
                r.records_now = None;
            }
            // The UNCONFIRMED rules follow from the rest of the claim (and a claim locked
            // before they were listed has none).
            c.unconfirmed_rules.clear();
            c
        };
        plain(self) == plain(other)
    }

    /// Claimable clients' totals per municipality, by code.
    pub fn by_municipality(&self) -> Vec<Totals> {
        let mut map: Vec<Totals> = Vec::new();
        for c in self.clients.iter().filter(|c| c.claimable()) {
            match map.iter_mut().find(|t| t.code == c.municipality_code) {
                Some(t) => t.add(c),
                None => {
                    let mut t = Totals {
                        code: c.municipality_code.clone(),
                        name: c.municipality_name.clone(),
                        ..Totals::default()
                    };
                    t.add(c);
                    map.push(t);
                }
            }
        }
        map.sort_by(|a, b| a.code.cmp(&b.code));
        map
    }

    pub fn totals(&self) -> Totals {
        let mut t = Totals::default();
        for c in self.clients.iter().filter(|c| c.claimable()) {
            t.add(c);
        }
        t
    }
}

fn rate_of(row: &MasterRow) -> Rate {
    Rate {
        units: row.units.and_then(|u| u32::try_from(u).ok()).unwrap_or(0),
        percent: row.percent.and_then(|p| u32::try_from(p).ok()).unwrap_or(0),
        service_code: row.service_code.clone(),
    }
}

fn cap_manager_of(cert_manager: &str, office_number: &str) -> CapManager {
    let m = cert_manager.trim();
    if m.is_empty() {
        CapManager::None
    } else if !office_number.is_empty() && m == office_number {
        CapManager::ThisOffice
    } else {
        CapManager::AnotherOffice
    }
}

/// The moves of each client.
fn moves_by_client(rows: &[(i64, i64, i64, Date)]) -> HashMap<i64, Vec<office_move::Move>> {
    let mut out: HashMap<i64, Vec<office_move::Move>> = HashMap::new();
    for (client, from, to, on) in rows {
        out.entry(*client).or_default().push(office_move::Move {
            from: *from,
            to: *to,
            on: *on,
        });
    }
    out
}

/// 受給者証 numbers claimed (claimable in the newest locked version) for the month, with
/// the offices (id, name) that claimed them.
fn claimed_elsewhere(locked: &[(i64, String, String)]) -> HashMap<String, Vec<(i64, String)>> {
    let mut out: HashMap<String, Vec<(i64, String)>> = HashMap::new();
    for (office_id, name, snapshot) in locked {
        let Ok(claim) = serde_json::from_str::<OfficeClaim>(snapshot) else {
            continue;
        };
        for c in claim.clients.iter().filter(|c| c.claimable()) {
            if !c.certificate_number.is_empty() {
                out.entry(c.certificate_number.clone())
                    .or_default()
                    .push((*office_id, name.clone()));
            }
        }
    }
    out
}

/// One person, one office, one month: another office already claimed the month for the
/// same 受給者証, so this office claims nothing for it (the J121 is one per user and month,
/// domain.md §7.2).
fn refuse_second_office(c: &mut ClientOut, other: &str) {
    c.blockers.insert(0, CLAIMED_ELSEWHERE.to_string());
    c.claimed_by = Some(other.to_string());
    c.lines.clear();
    c.skipped.clear();
    c.total_units = 0;
    c.total_cost_yen = 0;
    c.ten_percent_yen = 0;
    c.decided_user_charge_yen = 0;
    c.claimed_yen = 0;
    c.cap_issue = None;
}

/// The blocker of a month another office claimed for the same 受給者証.
pub const CLAIMED_ELSEWHERE: &str = "claim.blocker.claimed_elsewhere";

/// Everything a month's claim reads, for one office or all: the input of [`compute`].
#[derive(Debug)]
pub struct MonthInput {
    pub first: Date,
    pub last: Date,
    pub offices: Vec<store::OfficeRow>,
    pub master: Vec<MasterRow>,
    pub prices: Vec<store::PriceRow>,
    pub settings: Vec<store::OfficeSetting>,
    pub rates: HashMap<i64, RetentionRate>,
    /// The first day of service under any contract, per office (its history, for the
    /// UNCONFIRMED rate of an office without 3 years of it).
    pub first_contracts: HashMap<i64, Date>,
    pub rows: store::MonthRows,
    /// Each client's moves between offices.
    pub moves: HashMap<i64, Vec<office_move::Move>>,
    /// Each client's first contract start at any office (初期加算 once per person).
    pub first_starts: HashMap<i64, Date>,
    /// 受給者証 numbers another office already claimed for the month, with those offices.
    pub elsewhere: HashMap<String, Vec<(i64, String)>>,
}

/// Computes the month's claims for one office (`Some(id)`) or every office (`None`).
pub async fn run_month(
    db: &Db,
    office: Option<i64>,
    month: YearMonth,
) -> anyhow::Result<Vec<OfficeClaim>> {
    Ok(compute(&read_month(db, office, month).await?))
}

/// The reads of [`run_month`], run together on the pool's connections.
pub async fn read_month(
    db: &Db,
    office: Option<i64>,
    month: YearMonth,
) -> anyhow::Result<MonthInput> {
    let (first, last) = month.bounds();
    let code = month.to_string();
    let fy = month.fiscal_year();
    let (from, until) = month.utc_range();
    let year_first = retention::fiscal_year_bounds(fy).0;
    let sql = |e: sqlx::Error| anyhow::Error::from(e);
    let (offices, master, prices, settings, rates, first_contracts, rows) = tokio::try_join!(
        async {
            // The 地域区分 in force on the month's first day (an office without dated grades:
            // its only grade).
            let (mut offices, grades) = tokio::try_join!(
                store::offices(db, office),
                store::area_grades_on(db, office, first)
            )
            .map_err(sql)?;
            for o in &mut offices {
                if let Some(g) = grades.iter().find(|g| g.office_id == o.id) {
                    o.area_grade = g.area_grade.clone();
                }
            }
            Ok::<_, anyhow::Error>(offices)
        },
        async { store::master_on(db, first).await.map_err(sql) },
        async { store::prices_on(db, first).await.map_err(sql) },
        async {
            store::settings_in(db, office, first, last)
                .await
                .map_err(sql)
        },
        rates(db, office, fy, first),
        async { store::first_contracts(db, office).await.map_err(sql) },
        async {
            store::month_rows(db, office, &code, first, last, from, until, year_first)
                .await
                .map_err(sql)
        },
    )?;
    let (moves, first_starts, elsewhere) = tokio::try_join!(
        store::office_moves(db),
        store::first_contract_starts(db, office),
        store::other_offices_locked(db, office, &code),
    )
    .map_err(sql)?;
    Ok(MonthInput {
        first,
        last,
        offices,
        master,
        prices,
        settings,
        rates,
        first_contracts: first_contracts.into_iter().collect(),
        rows,
        moves: moves_by_client(&moves),
        first_starts: first_starts.into_iter().collect(),
        elsewhere: claimed_elsewhere(&elsewhere),
    })
}

/// The facts of the month per client and office, indexed from the rows.
struct Index<'a> {
    certificates: HashMap<i64, &'a store::CertificateRow>,
    certified: HashMap<i64, Vec<(Date, Date)>>,
    meeting_now: HashMap<(i64, i64), Meeting>,
    meeting_months: HashMap<(i64, i64), HashSet<(i32, Month)>>,
    cap_results: HashMap<(i64, i64), &'a store::CapResultRow>,
}

impl<'a> Index<'a> {
    fn new(rows: &'a store::MonthRows, first: Date) -> Index<'a> {
        let mut ix = Index {
            certificates: HashMap::new(),
            certified: HashMap::new(),
            meeting_now: HashMap::new(),
            meeting_months: HashMap::new(),
            cap_results: HashMap::new(),
        };
        for c in &rows.certificates {
            // Newest period first: the first certificate seen is the one in force.
            ix.certificates.entry(c.client_id).or_insert(c);
            ix.certified
                .entry(c.client_id)
                .or_default()
                .push((c.start_date, c.end_date));
        }
        // Meetings: this month's best, and earlier months of the fiscal year with one.
        for (client, office_id, day, kind) in &rows.meetings {
            let key = (*client, *office_id);
            if *day >= first {
                let m = if kind == "1" {
                    Meeting::First
                } else {
                    Meeting::Second
                };
                let e = ix.meeting_now.entry(key).or_insert(m);
                *e = (*e).max(m);
            } else {
                ix.meeting_months
                    .entry(key)
                    .or_default()
                    .insert((day.year(), day.month()));
            }
        }
        for r in &rows.cap_results {
            ix.cap_results.insert((r.client_id, r.office_id), r);
        }
        ix
    }
}

/// The client-month facts of a client at an office, as the claim reads them.
fn client_facts(
    rows: &store::MonthRows,
    ix: &Index<'_>,
    c: &store::ClientRow,
    office_id: i64,
    office_number: &str,
) -> client_month::Facts {
    let cert = ix.certificates.get(&c.id).copied();
    let result = ix.cap_results.get(&(c.id, office_id)).copied();
    let (report, report_shared_on) = rows.shared.report_of(c.id);
    client_month::Facts {
        prior_service: PriorService::parse(&c.prior_service).unwrap_or(PriorService::None),
        basis: c.hire_date.map(|h| {
            (
                h,
                c.return_to_work_date,
                c.ordinary_employment.unwrap_or(false),
            )
        }),
        periods: ix.certified.get(&c.id).cloned().unwrap_or_default(),
        contracts: rows.shared.contracts_of(c.id, office_id),
        contacts: rows.shared.contacts_of(c.id, office_id),
        report,
        report_shared_on,
        handovers: rows.shared.handovers_of(c.id),
        meeting: ix.meeting_now.get(&(c.id, office_id)).copied(),
        meetings_earlier_in_year: ix
            .meeting_months
            .get(&(c.id, office_id))
            .map_or(0, |m| u32::try_from(m.len()).unwrap_or(u32::MAX)),
        prior_office_integrated: c.prior_office_integrated,
        first_contract_anywhere: None,
        cap: Cap {
            monthly_cap_yen: cert
                .map(|c| u64::try_from(c.monthly_cap_yen).unwrap_or(0))
                .unwrap_or(0),
            manager: cert
                .map(|c| cap_manager_of(&c.cap_manager_office, office_number))
                .unwrap_or(CapManager::None),
            result: result.and_then(|r| {
                Some(CapDecision {
                    result: CapResult::from_code(r.result)?,
                    amount_yen: u64::try_from(r.amount_yen).unwrap_or(0),
                })
            }),
        },
    }
}

/// The claims of the month from what [`read_month`] read: pure, every client decided by
/// [`client_month::decide`] and priced by [`claim::claim`].
pub fn compute(input: &MonthInput) -> Vec<OfficeClaim> {
    let MonthInput {
        first,
        last,
        offices,
        master,
        prices,
        settings,
        rates,
        first_contracts,
        rows,
        moves,
        first_starts,
        elsewhere,
    } = input;
    let (first, last) = (*first, *last);
    let code = YearMonth::of(first).to_string();
    let basis = retention::basis(retention::fiscal_year_of(first));
    let table = reward_table_on(first).ok();
    let rates_by_item: Vec<(Adjustment, Rate)> = master
        .iter()
        .filter_map(|m| Adjustment::parse(&m.item).map(|a| (a, rate_of(m))))
        .collect();
    let service_code_of = |item: &str| {
        master
            .iter()
            .find(|m| m.item == item)
            .map(|m| m.service_code.clone())
            .unwrap_or_default()
    };
    let service_kind = service_code_of("service_kind");
    let ix = Index::new(rows, first);

    let mut out = Vec::with_capacity(offices.len());
    let mut by_office: HashMap<i64, Vec<&store::ClientRow>> = HashMap::new();
    // A client who moved office is in the month of each office that served them in it.
    for c in &rows.clients {
        let client_moves = moves.get(&c.id).map(Vec::as_slice).unwrap_or(&[]);
        for o in office_move::offices_in(c.office_id, client_moves, first, last) {
            by_office.entry(o).or_default().push(c);
        }
    }
    for o in offices {
        let office_number = o.office_number.clone().unwrap_or_default();
        let price = prices.iter().find(|p| p.area_grade == o.area_grade);
        let unit_price = price
            .and_then(|p| u32::try_from(p.hundredths).ok())
            .and_then(|h| UnitPrice::from_hundredths(h).ok());
        let rate = rates.get(&o.id).cloned();
        let base_tier = rate.as_ref().and_then(|r| {
            let t = table?;
            reward_tier(r.retained, r.served, t).ok()
        });
        let office_rows: Vec<&store::OfficeSetting> =
            settings.iter().filter(|s| s.office_id == o.id).collect();
        let office_settings: Vec<Adjustment> = office_rows
            .iter()
            .filter_map(|s| Adjustment::parse(&s.item))
            .collect();
        let mut unconfirmed: Vec<String> = master
            .iter()
            .filter(|m| !m.confirmed)
            .map(|m| m.item.clone())
            .collect();
        if price.is_some_and(|p| !p.confirmed) {
            unconfirmed.push(format!("unit_price_{}", o.area_grade));
        }
        let terms = Terms {
            base: base_tier.map(|t| Base {
                units: t.units,
                tier_label: t.label_ja.to_string(),
                service_code: service_code_of(&tier_key(t)),
            }),
            unit_price,
            rates: rates_by_item.clone(),
            office_settings: office_settings.clone(),
        };
        let mut clients = Vec::new();
        let mut applied = Vec::new();
        for c in by_office.get(&o.id).map(Vec::as_slice).unwrap_or(&[]) {
            let mut facts = client_facts(rows, &ix, c, o.id, &office_number);
            facts.first_contract_anywhere = first_starts.get(&c.id).copied();
            // The claim does not depend on the day it is computed: `today` only moves the
            // month view's "hand-over due" warning, which the claim does not read.
            let decision = client_month::decide(&facts, first, last, last);
            if !decision.served {
                continue;
            }
            let computed = claim::claim(&decision, &terms);
            let cert = ix.certificates.get(&c.id).copied();
            let result = ix.cap_results.get(&(c.id, o.id)).copied();
            let cap_offices = result
                .map(|r| {
                    rows.cap_offices
                        .iter()
                        .filter(|x| x.cap_result_id == r.id)
                        .map(|x| CapOfficeOut {
                            office_number: x.office_number.clone(),
                            office_name: x.office_name.clone(),
                            total_cost_yen: u64::try_from(x.total_cost_yen).unwrap_or(0),
                            charge_yen: u64::try_from(x.charge_yen).unwrap_or(0),
                            decided_yen: u64::try_from(x.decided_yen).unwrap_or(0),
                        })
                        .collect()
                })
                .unwrap_or_default();
            let contract_end = facts.contracts.iter().map(|(_, e)| *e).max();
            let mut out_client = ClientOut {
                client_id: c.id,
                name: c.name.clone(),
                kana: c.kana.clone(),
                birth_date: c.birth_date,
                certificate_number: cert.map(|c| c.number.clone()).unwrap_or_default(),
                municipality_code: cert
                    .map(|c| c.municipality_code.clone())
                    .unwrap_or_default(),
                municipality_name: cert
                    .map(|c| c.municipality_name.clone())
                    .unwrap_or_default(),
                monthly_cap_yen: facts.cap.monthly_cap_yen,
                cap_manager: match facts.cap.manager {
                    CapManager::None => "none",
                    CapManager::ThisOffice => "this_office",
                    CapManager::AnotherOffice => "another_office",
                }
                .into(),
                cap_manager_office: cert
                    .map(|c| c.cap_manager_office.clone())
                    .unwrap_or_default(),
                cap_result: facts.cap.result.map(|r| (r.result.code(), r.amount_yen)),
                cap_offices,
                contract_start: decision.contract_start,
                contract_end: contract_end.filter(|end| *end <= last),
                service_days: decision.contact_days,
                lines: computed
                    .lines
                    .iter()
                    .map(|l| LineOut {
                        item: l.adjustment.map_or("base", Adjustment::code).to_string(),
                        units: l.units,
                        service_code: l.service_code.clone(),
                    })
                    .collect(),
                skipped: computed
                    .skipped
                    .iter()
                    .map(|s| match s {
                        claim::Skipped::MeetingYearLimit => (
                            "regional_meeting".to_string(),
                            "claim.skipped.year_limit".to_string(),
                        ),
                        claim::Skipped::NoRate(a) => {
                            (a.code().to_string(), "claim.skipped.no_rate".to_string())
                        }
                    })
                    .collect(),
                total_units: computed.total_units,
                total_cost_yen: computed.charge.total_cost_yen,
                ten_percent_yen: computed.charge.ten_percent_yen,
                decided_user_charge_yen: computed.decided_user_charge_yen,
                claimed_yen: computed.claimed_yen,
                cap_issue: computed.cap_issue.map(|i| i.key().to_string()),
                blockers: computed
                    .blockers
                    .iter()
                    .map(|b| b.key().to_string())
                    .collect(),
                claimed_by: None,
            };
            let other = elsewhere
                .get(&out_client.certificate_number)
                .and_then(|by| by.iter().find(|(id, _)| *id != o.id));
            if let Some((_, other)) = other {
                refuse_second_office(&mut out_client, other);
            }
            if out_client.claimable() {
                applied.extend(rules_applied(&decision, &computed));
            }
            clients.push(out_client);
        }
        // The office's own UNCONFIRMED rules, applied only when someone is claimed.
        if !applied.is_empty() {
            let young = first_contracts
                .get(&o.id)
                .is_none_or(|d| *d > basis.served_from);
            if rate.as_ref().is_some_and(|r| !r.filed) && young {
                applied.push(UnconfirmedRule::RateWithoutHistory);
            }
            // A 体制 setting in force on only part of the month still counts for all of it.
            if office_rows.iter().any(|s| {
                Adjustment::parse(&s.item).is_some()
                    && (s.valid_from > first || s.valid_to.is_some_and(|t| t < last))
            }) {
                applied.push(UnconfirmedRule::SettingPartOfMonth);
            }
        }
        applied.sort();
        applied.dedup();
        out.push(OfficeClaim {
            office_id: o.id,
            office_name: o.name.clone(),
            office_number,
            area_grade: o.area_grade.clone(),
            month: code.clone(),
            unit_price_hundredths: unit_price.map(UnitPrice::hundredths),
            service_kind: service_kind.clone(),
            rate,
            clients,
            unconfirmed,
            unconfirmed_rules: applied.iter().map(|r| r.code().to_string()).collect(),
            settings: office_settings
                .iter()
                .map(|a| a.code().to_string())
                .collect(),
        });
    }
    out
}

/// The UNCONFIRMED rules (domain.md) that one claimable client's claim applied.
fn rules_applied(d: &Decision, c: &claim::ClientClaim) -> Vec<UnconfirmedRule> {
    // Every claimable client goes into the 国保連 file, whose 市町村番号 is checked with the
    // inferred check digit, and whose 利用日数 are the contact days.
    let mut v = vec![
        UnconfirmedRule::MunicipalityCheckDigit,
        UnconfirmedRule::ServiceDaysAsContactDays,
    ];
    if d.report_shared_late {
        v.push(UnconfirmedRule::ReportSharedNextMonth);
    }
    let reductions = c
        .lines
        .iter()
        .filter(|l| l.adjustment.is_some_and(Adjustment::is_reduction))
        .count();
    if reductions > 0 {
        v.push(UnconfirmedRule::RoundingAfterEachReduction);
    }
    if c.lines
        .iter()
        .any(|l| l.adjustment == Some(Adjustment::NoSupportSystem))
    {
        v.push(UnconfirmedRule::SupportSystemPerClient);
    }
    v
}

/// How one client's claim would differ if the month were run now, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Difference {
    pub client_id: i64,
    pub name: String,
    /// (claimable, units, claimed yen) as locked; `None`: not in the locked claim.
    pub locked: Option<(bool, u32, u64)>,
    /// The same if run now; `None`: no longer in the month.
    pub now: Option<(bool, u32, u64)>,
    /// i18n keys of what stops the base reward now but did not when locked…
    pub new_blockers: Vec<String>,
    /// …and of what stopped it when locked but no longer does.
    pub cleared_blockers: Vec<String>,
    /// Lines as `item units`, in one and not the other.
    pub lines_locked: Vec<(String, i64)>,
    pub lines_now: Vec<(String, i64)>,
}

/// What changed in the office's terms between the locked claim and a run now: i18n keys
/// of the terms (the rate, the 地域区分, the unit price, the 体制 settings).
pub fn term_changes(locked: &OfficeClaim, now: &OfficeClaim) -> Vec<&'static str> {
    let mut out = Vec::new();
    let tier = |c: &OfficeClaim| {
        c.rate
            .as_ref()
            .map(|r| (r.retained, r.served, r.filed, r.units))
    };
    if tier(locked) != tier(now) {
        out.push("claim.diff.rate");
    }
    if locked.area_grade != now.area_grade {
        out.push("claim.diff.area_grade");
    }
    if locked.unit_price_hundredths != now.unit_price_hundredths {
        out.push("claim.diff.unit_price");
    }
    if locked.settings != now.settings {
        out.push("claim.diff.settings");
    }
    out
}

/// Client by client, how a run now differs from the locked claim (the locked claim itself
/// is never changed: a new version is locked instead).
pub fn differences(locked: &OfficeClaim, now: &OfficeClaim) -> Vec<Difference> {
    let summary = |c: &ClientOut| (c.claimable(), c.total_units, c.claimed_yen);
    let lines = |c: Option<&ClientOut>| -> Vec<(String, i64)> {
        c.map(|c| c.lines.iter().map(|l| (l.item.clone(), l.units)).collect())
            .unwrap_or_default()
    };
    let mut ids: Vec<i64> = locked.clients.iter().map(|c| c.client_id).collect();
    for c in &now.clients {
        if !ids.contains(&c.client_id) {
            ids.push(c.client_id);
        }
    }
    let mut out = Vec::new();
    for id in ids {
        let then = locked.clients.iter().find(|c| c.client_id == id);
        let current = now.clients.iter().find(|c| c.client_id == id);
        if then == current {
            continue;
        }
        let blockers = |c: Option<&ClientOut>| c.map(|c| c.blockers.clone()).unwrap_or_default();
        let (b_then, b_now) = (blockers(then), blockers(current));
        let (l_then, l_now) = (lines(then), lines(current));
        out.push(Difference {
            client_id: id,
            name: current.or(then).map(|c| c.name.clone()).unwrap_or_default(),
            locked: then.map(summary),
            now: current.map(summary),
            new_blockers: b_now
                .iter()
                .filter(|b| !b_then.contains(b))
                .cloned()
                .collect(),
            cleared_blockers: b_then
                .iter()
                .filter(|b| !b_now.contains(b))
                .cloned()
                .collect(),
            lines_locked: l_then
                .iter()
                .filter(|l| !l_now.contains(l))
                .cloned()
                .collect(),
            lines_now: l_now
                .iter()
                .filter(|l| !l_then.contains(l))
                .cloned()
                .collect(),
        });
    }
    out
}

/// 地域区分コード (domain.md §7.2): 01–07 for 1–7級地, 20 for その他.
pub fn region_code(grade: &str) -> String {
    match grade {
        "1" | "2" | "3" | "4" | "5" | "6" | "7" => format!("0{grade}"),
        _ => "20".to_string(),
    }
}

/// One client's J121 (and J411 when this office manages the cap). 減算 are folded into the
/// base line's units: the combined service codes for a tier with a 減算 are UNCONFIRMED
/// (domain.md §7.3), so the base code carries the reduced units.
fn statement(c: &ClientOut, claim: &OfficeClaim, first: Date) -> kokuho::Statement {
    let mut base_units: i64 = 0;
    let mut base_code = String::new();
    let mut lines = Vec::new();
    for l in &c.lines {
        let reduction = Adjustment::parse(&l.item).is_some_and(Adjustment::is_reduction);
        if l.item == "base" {
            base_units += l.units;
            base_code = l.service_code.clone();
        } else if reduction {
            base_units += l.units;
        } else {
            let units = u32::try_from(l.units).unwrap_or(0);
            lines.push(kokuho::ServiceLine {
                code: l.service_code.clone(),
                units_per_time: units,
                times: 1,
                units,
            });
        }
    }
    let base_units = u32::try_from(base_units).unwrap_or(0);
    lines.insert(
        0,
        kokuho::ServiceLine {
            code: base_code,
            units_per_time: base_units,
            times: 1,
            units: base_units,
        },
    );
    let managed = c.monthly_cap_yen > 0 && !c.cap_manager_office.trim().is_empty();
    let cap_adjusted = c.ten_percent_yen.min(c.monthly_cap_yen);
    let result = c.cap_result.filter(|_| managed);
    let cap_results = (managed && c.cap_manager == "this_office" && result.is_some()).then(|| {
        let mut offices = vec![kokuho::CapOffice {
            number: claim.office_number.clone(),
            name: claim.office_name.clone(),
            total_cost_yen: c.total_cost_yen,
            user_charge_yen: cap_adjusted,
            charge_after_yen: c.decided_user_charge_yen,
        }];
        offices.extend(c.cap_offices.iter().map(|o| kokuho::CapOffice {
            number: o.office_number.clone(),
            name: o.office_name.clone(),
            total_cost_yen: o.total_cost_yen,
            user_charge_yen: o.charge_yen,
            charge_after_yen: o.decided_yen,
        }));
        kokuho::CapResultSheet { offices }
    });
    kokuho::Statement {
        certificate_number: c.certificate_number.clone(),
        name: c.name.clone(),
        name_kana: c.kana.clone(),
        birth_date: c.birth_date,
        monthly_cap_yen: c.monthly_cap_yen,
        cap_manager_office: managed.then(|| c.cap_manager_office.trim().to_string()),
        cap_result: result.and_then(|(code, _)| CapResult::from_code(i64::from(code))),
        cap_result_yen: result.map(|_| c.decided_user_charge_yen),
        lines,
        total_units: c.total_units,
        total_cost_yen: c.total_cost_yen,
        ten_percent_yen: c.ten_percent_yen,
        cap_adjusted_yen: cap_adjusted,
        user_charge_yen: c.decided_user_charge_yen,
        claim_yen: c.claimed_yen,
        service_start: c.contract_start.unwrap_or(first),
        service_end: c.contract_end,
        service_days: c.service_days,
        contracts: Vec::new(),
        cap_results,
    }
}

/// The 国保連 claim file's content for the claim of `service_month`, processed in
/// `processing_month`. Only claimable clients are in it.
pub fn kokuho_file(
    claim: &OfficeClaim,
    service_month: YearMonth,
    processing_month: YearMonth,
) -> kokuho::ClaimFile {
    let first = service_month.first_day();
    let mut municipalities: Vec<kokuho::Municipality> = Vec::new();
    for c in claim.clients.iter().filter(|c| c.claimable()) {
        let s = statement(c, claim, first);
        match municipalities
            .iter_mut()
            .find(|m| m.number == c.municipality_code)
        {
            Some(m) => m.statements.push(s),
            None => municipalities.push(kokuho::Municipality {
                number: c.municipality_code.clone(),
                statements: vec![s],
            }),
        }
    }
    municipalities.sort_by(|a, b| a.number.cmp(&b.number));
    kokuho::ClaimFile {
        office: kokuho::Office {
            number: claim.office_number.clone(),
            name: claim.office_name.clone(),
        },
        processing_month,
        service_month,
        region_code: region_code(&claim.area_grade),
        unit_price_hundredths: claim.unit_price_hundredths.unwrap_or(0),
        service_kind: claim.service_kind.clone(),
        municipalities,
    }
}

/// The month the 国保連 processes a claim locked on `today`: the month after the service, or
/// the current month for a late claim or a re-claim (domain.md §7.1 処理対象年月).
pub fn processing_month(service_month: YearMonth, today: Date) -> YearMonth {
    service_month.next().max(YearMonth::of(today))
}

/// The claim as a CSV for the office's own books (`domain::csv`: UTF-8 with a BOM, CRLF, text
/// that looks like a formula neutralised), one row per client served, claimable or not.
pub fn books_csv(claim: &OfficeClaim, lang: Lang) -> Vec<u8> {
    let mut out = Csv::new();
    let header = [
        "csv.municipality_code",
        "csv.municipality_name",
        "csv.certificate_number",
        "csv.name",
        "csv.claimable",
        "csv.reason",
        "csv.lines",
        "csv.units",
        "csv.total_cost",
        "csv.ten_percent",
        "csv.cap",
        "csv.user_charge",
        "csv.claimed",
    ];
    out.row(header.iter().map(|k| Cell::from(lang.t(k))));
    for c in &claim.clients {
        let reasons: Vec<&str> = c.blockers.iter().map(|b| lang.t(b)).collect();
        let lines: Vec<String> = c
            .lines
            .iter()
            .map(|l| {
                let name = if l.item == "base" {
                    lang.t("claim.item.base")
                } else {
                    lang.t(&format!("claim.item.{}", l.item))
                };
                format!("{name} {:+}", l.units)
            })
            .collect();
        let claimable = if c.claimable() { "csv.yes" } else { "csv.no" };
        out.row([
            Cell::from(c.municipality_code.as_str()),
            Cell::from(c.municipality_name.as_str()),
            Cell::from(c.certificate_number.as_str()),
            Cell::from(c.name.as_str()),
            Cell::from(lang.t(claimable)),
            Cell::from(reasons.join(" / ")),
            Cell::from(lines.join(" / ")),
            Cell::from(c.total_units),
            Cell::from(c.total_cost_yen),
            Cell::from(c.ten_percent_yen),
            Cell::from(c.monthly_cap_yen),
            Cell::from(c.decided_user_charge_yen),
            Cell::from(c.claimed_yen),
        ]);
    }
    let t = claim.totals();
    let empty = || Cell::from("");
    out.row([
        empty(),
        Cell::from(lang.t("csv.total")),
        empty(),
        empty(),
        Cell::from(t.clients),
        empty(),
        empty(),
        Cell::from(t.units),
        Cell::from(t.total_cost_yen),
        empty(),
        empty(),
        Cell::from(t.user_charge_yen),
        Cell::from(t.claimed_yen),
    ]);
    out.into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    fn client(id: i64, blockers: &[&str], units: u32) -> ClientOut {
        ClientOut {
            client_id: id,
            name: format!("client {id}"),
            kana: String::new(),
            birth_date: date!(1996 - 08 - 31),
            certificate_number: format!("{:010}", 1_000_000_000 + id),
            municipality_code: "122044".into(),
            municipality_name: "船橋市".into(),
            monthly_cap_yen: 9_300,
            cap_manager: "none".into(),
            cap_manager_office: String::new(),
            cap_result: None,
            cap_offices: Vec::new(),
            contract_start: None,
            contract_end: None,
            service_days: 1,
            blockers: blockers.iter().map(|b| b.to_string()).collect(),
            claimed_by: None,
            lines: if blockers.is_empty() {
                vec![LineOut {
                    item: "base".into(),
                    units: i64::from(units),
                    service_code: String::new(),
                }]
            } else {
                Vec::new()
            },
            skipped: Vec::new(),
            total_units: units,
            total_cost_yen: u64::from(units) * 11,
            ten_percent_yen: 0,
            decided_user_charge_yen: 0,
            claimed_yen: u64::from(units) * 11,
            cap_issue: None,
        }
    }

    fn office(clients: Vec<ClientOut>) -> OfficeClaim {
        OfficeClaim {
            office_id: 1,
            office_name: "西船橋".into(),
            office_number: "1212345678".into(),
            area_grade: "3".into(),
            month: "2026-10".into(),
            unit_price_hundredths: Some(1105),
            service_kind: "47".into(),
            rate: Some(RetentionRate {
                fiscal_year: 2026,
                served: 6,
                retained: 6,
                filed: false,
                frozen_in: None,
                records_now: None,
                tier_label: Some("9割5分以上".into()),
                units: Some(3512),
            }),
            clients,
            unconfirmed: Vec::new(),
            unconfirmed_rules: Vec::new(),
            settings: Vec::new(),
        }
    }

    /// What a run now would change, client by client, and why (issue 19: a locked claim stays
    /// as locked; the differences are shown).
    #[test]
    fn differences_of_a_run_now() {
        let blocked = "claim.blocker.no_face_to_face";
        let locked = office(vec![client(1, &[], 3512), client(2, &[blocked], 0)]);
        let now = office(vec![
            client(1, &[], 3512),
            client(2, &[], 3512),
            client(3, &[], 3512),
        ]);
        let d = differences(&locked, &now);
        assert_eq!(d.len(), 2);
        assert_eq!(d[0].client_id, 2);
        assert_eq!(d[0].locked, Some((false, 0, 0)));
        assert_eq!(d[0].now, Some((true, 3512, 38_632)));
        assert_eq!(d[0].cleared_blockers, vec![blocked.to_string()]);
        assert_eq!(d[0].lines_now, vec![("base".to_string(), 3512)]);
        assert_eq!((d[1].client_id, d[1].locked), (3, None));
        assert!(term_changes(&locked, &now).is_empty());
        let mut regraded = now.clone();
        regraded.area_grade = "1".into();
        regraded.unit_price_hundredths = Some(1140);
        assert_eq!(
            term_changes(&locked, &regraded),
            vec!["claim.diff.area_grade", "claim.diff.unit_price"]
        );
    }

    /// A rate frozen since the lock, or a correction of the records to review, is not a
    /// change of the claim.
    #[test]
    fn how_the_rate_is_known_is_not_a_change_of_the_claim() {
        let locked = office(vec![client(1, &[], 3512)]);
        let mut now = locked.clone();
        if let Some(r) = now.rate.as_mut() {
            r.frozen_in = Some("2026-10".into());
            r.records_now = Some((5, 6));
        }
        assert!(locked.same_claim(&now));
        assert_ne!(locked, now);
        if let Some(r) = now.rate.as_mut() {
            r.retained = 5;
        }
        assert!(!locked.same_claim(&now));
    }

    /// One office per 受給者証 and month: another office's locked claim blocks it; the office's
    /// own lock does not.
    #[test]
    fn a_month_claimed_by_another_office() {
        let theirs = office(vec![client(7, &[], 3512), client(8, &["x"], 0)]);
        let snapshot = serde_json::to_string(&theirs).expect("json");
        let by = claimed_elsewhere(&[(1, "西船橋".into(), snapshot)]);
        assert_eq!(by.get("1000000007"), Some(&vec![(1, "西船橋".to_string())]));
        assert_eq!(by.get("1000000008"), None, "not claimable there");
        let mut ours = client(7, &[], 3512);
        refuse_second_office(&mut ours, "西船橋");
        assert!(!ours.claimable());
        assert_eq!(ours.blockers, vec![CLAIMED_ELSEWHERE.to_string()]);
        assert_eq!(ours.claimed_by.as_deref(), Some("西船橋"));
        assert!(ours.lines.is_empty());
        assert_eq!((ours.total_units, ours.claimed_yen), (0, 0));
    }

    /// A client name made to run in Excel is written as text; the amounts stay numbers
    /// (#18: formula injection).
    #[test]
    fn books_csv_neutralises_formulas_but_keeps_numbers() {
        let names = [
            "=cmd|' /C calc'!A0",
            "+1+1",
            "-2+3",
            "@SUM(A1)",
            "\tx",
            "\r=1",
        ];
        let clients = names
            .iter()
            .enumerate()
            .map(|(i, name)| {
                let mut c = client(i as i64 + 1, &[], 100);
                c.name = (*name).into();
                c
            })
            .collect();
        let csv = String::from_utf8(books_csv(&office(clients), Lang::Ja)).expect("utf-8");
        let rows: Vec<&str> = csv.split("\r\n").collect();
        for (i, name) in names.iter().enumerate() {
            let row = rows[i + 1];
            let cell = row.split(',').nth(3).expect("name cell");
            assert!(
                cell.starts_with('\'') || cell.starts_with("\"'"),
                "{name:?} written as {cell:?} in {row:?}"
            );
        }
        assert!(rows[1].ends_with(",100,1100,0,9300,0,1100"), "{}", rows[1]);
    }

    /// The evidence of a frozen rate against today's records.
    #[test]
    fn evidence_against_the_records() {
        let e = |id: i64, standing: &str| EvidenceClient {
            client_id: id,
            name: format!("client {id}"),
            standing: standing.into(),
            retained: standing == "retention.standing.employed",
        };
        let frozen = vec![
            e(1, "retention.standing.employed"),
            e(2, "retention.standing.employed"),
        ];
        let now = vec![
            e(1, "retention.standing.employed"),
            e(2, "retention.standing.left"),
            e(3, "retention.standing.employed"),
        ];
        let changes = evidence_changes(&frozen, &now);
        assert_eq!(
            changes,
            vec![
                (
                    Some(e(2, "retention.standing.employed")),
                    Some(e(2, "retention.standing.left"))
                ),
                (None, Some(e(3, "retention.standing.employed"))),
            ]
        );
    }
}

#[cfg(test)]
mod agreement;
