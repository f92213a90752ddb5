//! The benchmark of past-case search and the early warning (issue 14, item 5),
//! `teichaku bench-search`: a deterministic data set of clients with their jobs, contact
//! notes, concerns, resolutions and separations, generated with their signals and noise
//! ([`generate`]); the search's latency over it through the real index and database
//! ([`search_latency`]) against the substring search it replaces; its quality on the judged
//! queries of `data/case_queries.tsv` ([`quality`]); and the warnings on the generated
//! histories ([`warnings`]).
//!
//! Every record is fictional, and generated data is not evidence of real-world accuracy:
//! the signals before a separation are put there by this generator.

use std::fmt;
use std::time::{Duration, Instant};

use time::format_description::well_known::Rfc3339;
use time::{Date, OffsetDateTime};

use crate::cases::{CaseIndex, CaseQuery};
use crate::db::{Db, Tx};
use crate::domain::case_search::Situation;
use crate::domain::contact::CONCERN_CATEGORIES;
use crate::domain::warning::{ConcernFact, History, Signal, Thresholds, signals};
use crate::on_tx;

/// How big a data set to make.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseScale {
    pub offices: usize,
    pub clients: usize,
    /// Contact notes in all.
    pub contacts: usize,
    pub seed: u64,
}

impl Default for CaseScale {
    /// Issue 14: 5 million contact notes; 1,500 offices and 50,000 clients over three years
    /// (about 100 notes per client, three a month).
    fn default() -> CaseScale {
        CaseScale {
            offices: 1_500,
            clients: 50_000,
            contacts: 5_000_000,
            seed: 0x14_ca5e_2026,
        }
    }
}

/// splitmix64.
#[derive(Debug, Clone)]
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Rng {
        Rng(seed)
    }
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
    fn chance(&mut self, per_mille: u64) -> bool {
        self.below(1000) < per_mille
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }
}

/// What a client says, per category. Notes seldom use the words of the judged queries
/// (寝坊, 怒られた, イライラ…): like real notes, they say 遅刻, 注意, 不安.
pub(crate) fn notes(category: &str) -> &'static [&'static str] {
    match category {
        "lateness_absence" => &[
            "朝起きられず遅刻した",
            "始業に間に合わない日が続いた",
            "電車を乗り過ごして遅刻",
            "体調不良で欠勤した",
        ],
        "sleep_rhythm" => &[
            "夜更かしで生活リズムが崩れた",
            "寝つきが悪く睡眠が足りない",
            "朝起きられない",
        ],
        "relationships" => &[
            "上司に強く注意されて落ち込んだ",
            "同僚と話せず孤立している",
            "上司との関係がぎくしゃくしている",
        ],
        "atmosphere" => &["職場の雰囲気になじめない", "休憩室にいづらい"],
        "medication" => &[
            "服薬を忘れる日がある",
            "服薬の時間が仕事と重なる",
            "通院日を忘れた",
        ],
        "physical_health" => &["疲れやすく体がだるい", "頭痛が続く"],
        "anxiety_stress" => &[
            "不安で夜中に目が覚める",
            "気持ちが落ち着かずストレスがたまる",
            "仕事を続ける自信がないと言う",
        ],
        "work_mistakes" => &[
            "入力の間違いが続いた",
            "手順を覚えられない",
            "確認漏れで注意された",
        ],
        "unfamiliar_tasks" => &["新しい作業に慣れない", "担当が変わって戸惑っている"],
        "evaluation" => &["評価面談で厳しく言われた", "頑張りが認められないと感じる"],
        "money" => &["お金の管理が難しい", "給料日前に生活費が足りない"],
        "no_one_to_ask" => &[
            "わからないことをそのままにしてしまう",
            "相談できる人がいない",
        ],
        "conditions_pay" => &["残業が多く疲れがたまる", "給料が少ないと感じる"],
        _ => &["その他の相談があった"],
    }
}

/// How a concern of the category was resolved.
pub(crate) fn resolutions(category: &str) -> &'static [&'static str] {
    match category {
        "lateness_absence" | "sleep_rhythm" => &[
            "目覚ましを二つにして就寝時刻を決めた",
            "生活リズム表をつけて面談で振り返った",
            "始業時刻を相談し、時差出勤にした",
        ],
        "relationships" | "atmosphere" | "no_one_to_ask" | "evaluation" => &[
            "上司との三者面談で指示の出し方を合意した",
            "相談窓口になる先輩を決めてもらった",
            "困ったときのメモを一緒に作った",
        ],
        "medication" | "physical_health" => &[
            "服薬カレンダーを使うことにした",
            "主治医と相談して服薬時間を変えた",
            "通院日を会社と共有した",
        ],
        "anxiety_stress" => &[
            "不安なときの連絡方法を決めた",
            "面談の回数を増やして様子を見た",
        ],
        "work_mistakes" | "unfamiliar_tasks" => &[
            "手順書を写真つきで作った",
            "確認リストを作り、上司に確認してもらう流れにした",
        ],
        _ => &["家計の相談窓口を紹介した", "労働条件を会社と確認した"],
    }
}

const SURNAMES: [&str; 12] = [
    "佐藤", "鈴木", "高橋", "田中", "伊藤", "渡辺", "山本", "中村", "小林", "加藤", "吉田", "山田",
];
const GIVEN: [&str; 8] = ["花子", "一郎", "美咲", "大輔", "陽菜", "健太", "真由", "翔"];
const JOBS: [&str; 6] = [
    "一般事務",
    "倉庫内ピッキング",
    "ビル清掃",
    "製造ライン軽作業",
    "店舗の品出し",
    "データ入力",
];
/// The categories that bring a separation closer (domain.md §8: health, relationships,
/// attendance).
const RISK: [&str; 6] = [
    "lateness_absence",
    "sleep_rhythm",
    "relationships",
    "atmosphere",
    "medication",
    "anxiety_stress",
];

/// One generated client as the warnings read them.
#[derive(Debug, Clone)]
pub struct SimClient {
    pub hired: Date,
    pub separated: Option<Date>,
    pub contacts: Vec<Date>,
    pub concerns: Vec<ConcernFact>,
}

/// What was generated.
#[derive(Debug, Clone, Default)]
pub struct Generated {
    pub clients: Vec<SimClient>,
    pub contacts: u64,
    pub concerns: u64,
    pub resolved: u64,
    pub elapsed: Duration,
}

impl fmt::Display for Generated {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let separated = self
            .clients
            .iter()
            .filter(|c| c.separated.is_some())
            .count();
        write!(
            f,
            "clients {}, separations {}, contact notes {}, concerns {}, resolved (cases) {}; generated in {:.1} s",
            self.clients.len(),
            separated,
            self.contacts,
            self.concerns,
            self.resolved,
            self.elapsed.as_secs_f64()
        )
    }
}

fn at(day: Date, hour: u8) -> String {
    let t = day
        .with_hms(hour, 0, 0)
        .map(|d| d.assume_utc())
        .unwrap_or(OffsetDateTime::UNIX_EPOCH);
    t.format(&Rfc3339).unwrap_or_default()
}

/// Rows of one table written as literal multi-row INSERTs (every value is generated here,
/// quotes doubled), written parent tables first.
struct Batch {
    head: String,
    rows: Vec<String>,
}

impl Batch {
    fn new(table: &str, columns: &str) -> Batch {
        Batch {
            head: format!("INSERT INTO {table} ({columns}) VALUES "),
            rows: Vec::new(),
        }
    }
    fn push(&mut self, row: String) {
        self.rows.push(row);
    }
    /// Writes the rows collected, 500 a statement.
    async fn flush(&mut self, tx: &mut Tx) -> anyhow::Result<()> {
        for chunk in self.rows.chunks(500) {
            let sql = format!("{}{}", self.head, chunk.join(","));
            on_tx!(tx, c => sqlx::raw_sql(sqlx::AssertSqlSafe(sql)).execute(&mut *c).await.map(|_| ()))?;
        }
        self.rows.clear();
        Ok(())
    }
}

fn q(s: &str) -> String {
    format!("'{}'", s.replace('\'', "''"))
}

/// Generates the data set into an empty, migrated database. `today` ends the history.
pub async fn generate(db: &Db, scale: &CaseScale, today: Date) -> anyhow::Result<Generated> {
    let started = Instant::now();
    let mut r = Rng::new(scale.seed);
    let mut tx = db.begin().await?;
    let now = at(today, 0);
    on_tx!(&mut tx, c => sqlx::raw_sql(sqlx::AssertSqlSafe(format!(
        "INSERT INTO organizations (id, name, created_at) VALUES (1, 'ベンチ法人', '{now}')"
    ))).execute(&mut *c).await.map(|_| ()))?;
    let mut offices = Batch::new(
        "offices",
        "id, organization_id, name, prefecture, address, nearest_station, phone, email, created_at, updated_at, share_cases",
    );
    for o in 1..=scale.offices {
        // Four offices in five share their cases with the organisation.
        let share = if o % 5 == 0 { "FALSE" } else { "TRUE" };
        offices
            .push(format!(
                    "({o}, 1, 'ベンチ事業所{o}', '東京都', '千代田区0-0', '東京駅', '03-0000-0000', '', '{now}', '{now}', {share})"
                ),
            );
    }
    offices.flush(&mut tx).await?;
    tx.commit().await?;

    let mut out = Generated::default();
    let per_client = (scale.contacts / scale.clients.max(1)).max(1);
    let history_days = 3 * 365;
    let (mut contact_id, mut concern_id) = (0i64, 0i64);
    let mut tx = db.begin().await?;
    let mut clients = Batch::new(
        "clients",
        "id, office_id, name, kana, birth_date, created_at, updated_at, disability_categories",
    );
    let mut jobs = Batch::new(
        "employments",
        "id, client_id, employer_name, workplace_address, supervisor_name, supervisor_contact, job_title, weekly_minutes, ordinary_employment, hire_date, end_date, end_reason, created_at, updated_at",
    );
    let mut contacts = Batch::new(
        "contacts",
        "id, client_id, office_id, occurred_at, mode, participants, heard, advice, created_at, updated_at",
    );
    let mut concerns = Batch::new(
        "concerns",
        "id, contact_id, client_id, category, severity, note, resolved_at, resolution",
    );
    for id in 1..=scale.clients as i64 {
        let office = 1 + (id as usize - 1) % scale.offices.max(1);
        let name = format!("{} {}", r.pick(&SURNAMES), r.pick(&GIVEN));
        let disability = *r.pick(&[
            "mental",
            "developmental",
            "intellectual",
            "physical",
            "mental,developmental",
        ]);
        clients.push(format!(
            "({id}, {office}, {}, 'べんち', '1995-04-01', '{now}', '{now}', '{disability}')",
            q(&name)
        ));
        // Hired 2 to 36 months ago; one in five leaves the job.
        let hired = today - time::Duration::days(60 + r.below(history_days - 60) as i64);
        let span = (today - hired).whole_days();
        let separated = r
            .chance(200)
            .then(|| hired + time::Duration::days(30 + r.below((span - 30).max(1) as u64) as i64))
            .filter(|d| *d < today);
        let job = *r.pick(&JOBS);
        let end = separated.map_or("NULL".to_string(), |d| format!("'{d}'"));
        jobs.push(format!(
                "({id}, {id}, '株式会社ベンチ{office}', '千代田区', '{} 課長', '03-0000-0000', '{job}', 1800, TRUE, '{hired}', {end}, '{}', '{now}', '{now}')",
                r.pick(&SURNAMES),
                if separated.is_some() { "other" } else { "" }
            ),
        );
        let last = separated.unwrap_or(today);
        let active_days = (last - hired).whole_days().max(1);
        // A separation is preceded by signs with probability 3 in 4: concerns of one risk
        // area, rising, in the 30–120 days before; or a gap without contact.
        let signalled = separated.is_some() && r.chance(750);
        let gap_before = signalled && r.chance(300);
        let risk = *r.pick(&RISK);
        let mut sim = SimClient {
            hired,
            separated,
            contacts: Vec::new(),
            concerns: Vec::new(),
        };
        let n = per_client.min(active_days as usize * 2).max(1);
        let mut days: Vec<Date> = (0..n)
            .map(|_| hired + time::Duration::days(r.below(active_days as u64) as i64))
            .filter(|d| !(gap_before && *d > last - time::Duration::days(60)))
            .collect();
        days.sort();
        for day in days {
            contact_id += 1;
            let before_end = (last - day).whole_days();
            let in_window = signalled && (30..=120).contains(&before_end);
            // Noise: one contact in five raises a concern; before a signalled separation,
            // three in five, in the risk area and getting more serious.
            let raise = if in_window {
                r.chance(600)
            } else {
                r.chance(200)
            };
            let mut heard = String::from(if r.chance(500) {
                "職場の様子を聞いた。"
            } else {
                "近況を確認した。"
            });
            let mut new_concern = None;
            if raise {
                let (category, severity) = if in_window {
                    (risk, 1 + (120 - before_end).clamp(0, 90) / 45)
                } else {
                    (*r.pick(&CONCERN_CATEGORIES), 1 + r.below(2) as i64)
                };
                let note = *r.pick(notes(category));
                // Some notes name the client or a number, as real notes do.
                heard = if r.chance(300) {
                    format!(
                        "{}さんより: {note}。{}回目。",
                        name.split(' ').next().unwrap_or(""),
                        1 + r.below(5)
                    )
                } else {
                    format!("{note}。")
                };
                new_concern = Some((category, severity, note));
            }
            contacts
                .push(format!(
                        "({contact_id}, {id}, {office}, '{}', 'face_to_face', 'client', {}, '様子を見ながら続ける。', '{now}', '{now}')",
                        at(day, 1),
                        q(&heard)
                    ),
                );
            sim.contacts.push(day);
            if let Some((category, severity, note)) = new_concern {
                concern_id += 1;
                // Seven in ten are resolved, a week or two later.
                let resolved = r.chance(700) && (today - day).whole_days() > 14;
                let (when, how) = if resolved {
                    out.resolved += 1;
                    (
                        format!(
                            "'{}'",
                            at(day + time::Duration::days(7 + r.below(7) as i64), 2)
                        ),
                        q(r.pick::<&str>(resolutions(category))),
                    )
                } else {
                    ("NULL".to_string(), "''".to_string())
                };
                concerns
                    .push(format!(
                            "({concern_id}, {contact_id}, {id}, '{category}', {severity}, {}, {when}, {how})",
                            q(note)
                        ),
                    );
                sim.concerns.push(ConcernFact {
                    day,
                    category: category.to_string(),
                    severity,
                });
            }
        }
        out.clients.push(sim);
        if contacts.rows.len() >= 2_000 {
            for b in [&mut clients, &mut jobs, &mut contacts, &mut concerns] {
                b.flush(&mut tx).await?;
            }
        }
        if id % 2_000 == 0 {
            for b in [&mut clients, &mut jobs, &mut contacts, &mut concerns] {
                b.flush(&mut tx).await?;
            }
            tx.commit().await?;
            tx = db.begin().await?;
        }
    }
    for b in [&mut clients, &mut jobs, &mut contacts, &mut concerns] {
        b.flush(&mut tx).await?;
    }
    tx.commit().await?;
    crate::store::cases::after_bulk_load(db).await?;
    out.contacts = contact_id as u64;
    out.concerns = concern_id as u64;
    out.elapsed = started.elapsed();
    Ok(out)
}

/// p50, p95, p99 and the number of timings.
#[derive(Debug, Clone, Copy, Default)]
pub struct Latency {
    pub p50: Duration,
    pub p95: Duration,
    pub p99: Duration,
    pub n: usize,
}

impl Latency {
    fn of(mut times: Vec<Duration>) -> Latency {
        times.sort();
        let at = |p: f64| {
            let i = ((times.len() as f64 * p).ceil() as usize).clamp(1, times.len().max(1)) - 1;
            times.get(i).copied().unwrap_or_default()
        };
        Latency {
            p50: at(0.50),
            p95: at(0.95),
            p99: at(0.99),
            n: times.len(),
        }
    }
}

impl fmt::Display for Latency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let ms = |d: Duration| d.as_secs_f64() * 1000.0;
        write!(
            f,
            "p50 {:.1} ms, p95 {:.1} ms, p99 {:.1} ms ({} searches)",
            ms(self.p50),
            ms(self.p95),
            ms(self.p99),
            self.n
        )
    }
}

/// A judged query: the words and the categories whose cases answer it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Judged {
    pub query: String,
    pub relevant: Vec<String>,
}

/// The judged queries of `data/case_queries.tsv` (query, tab, relevant categories).
pub fn judged_queries() -> Vec<Judged> {
    include_str!("../data/case_queries.tsv")
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .filter_map(|l| l.split_once('\t'))
        .map(|(q, cats)| Judged {
            query: q.trim().to_string(),
            relevant: cats.split(',').map(|c| c.trim().to_string()).collect(),
        })
        .collect()
}

/// The searches' latency in all, and of each part (`crate::cases::SearchTimes`).
#[derive(Debug, Clone, Copy, Default)]
pub struct SearchProfile {
    pub total: Latency,
    pub catch_up: Latency,
    pub sharing: Latency,
    pub scoring: Latency,
    pub rows: Latency,
}

impl fmt::Display for SearchProfile {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "{}", self.total)?;
        writeln!(f, "    catch-up on case_changes: {}", self.catch_up)?;
        writeln!(f, "    offices that share:       {}", self.sharing)?;
        writeln!(f, "    scoring in the index:     {}", self.scoring)?;
        write!(f, "    reading the hits' rows:   {}", self.rows)
    }
}

/// The searches of the benchmark: every judged query from `rounds` offices in turn, plus
/// a hearing's sentence, through the index and the database as a page does.
pub async fn search_latency(
    db: &Db,
    index: &CaseIndex,
    offices: usize,
    rounds: usize,
) -> anyhow::Result<SearchProfile> {
    let mut queries: Vec<String> = judged_queries().into_iter().map(|j| j.query).collect();
    queries.push("朝なかなか起きられず寝坊して遅刻しそうになる".into());
    queries.push("上司に怒られてから職場に行くのがつらい".into());
    let mut times: [Vec<Duration>; 5] = Default::default();
    for round in 0..rounds {
        let office = 1 + (round * 7919) % offices.max(1);
        for text in &queries {
            let started = Instant::now();
            let (_, parts) = index
                .search_timed(
                    db,
                    &CaseQuery {
                        text,
                        category: None,
                        situation: Situation::default(),
                        office_id: office as i64,
                        limit: 5,
                    },
                )
                .await?;
            times[0].push(started.elapsed());
            times[1].push(parts.catch_up);
            times[2].push(parts.sharing);
            times[3].push(parts.scoring);
            times[4].push(parts.rows);
        }
    }
    let [total, catch_up, sharing, scoring, rows] = times.map(Latency::of);
    Ok(SearchProfile {
        total,
        catch_up,
        sharing,
        scoring,
        rows,
    })
}

/// The substring search it replaces (LIKE over every resolved concern the office may see),
/// timed on the same queries.
pub async fn baseline_latency(db: &Db, offices: usize, rounds: usize) -> anyhow::Result<Latency> {
    let queries: Vec<String> = judged_queries().into_iter().map(|j| j.query).collect();
    let mut times = Vec::new();
    for round in 0..rounds {
        let office = 1 + (round * 7919) % offices.max(1);
        for text in &queries {
            let started = Instant::now();
            crate::store::cases::substring_baseline(db, office as i64, text, 5).await?;
            times.push(started.elapsed());
        }
    }
    Ok(Latency::of(times))
}

/// Search quality: recall@5 (relevant cases among the first five, over the fewer of five
/// and the relevant cases there are), for the index and for the substring baseline.
#[derive(Debug, Clone, Default)]
pub struct Quality {
    /// (query, index recall@5, substring recall@5)
    pub per_query: Vec<(String, f64, f64)>,
}

impl Quality {
    pub fn mean(&self) -> (f64, f64) {
        let n = self.per_query.len().max(1) as f64;
        (
            self.per_query.iter().map(|q| q.1).sum::<f64>() / n,
            self.per_query.iter().map(|q| q.2).sum::<f64>() / n,
        )
    }
}

impl fmt::Display for Quality {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (q, a, b) in &self.per_query {
            writeln!(f, "  {q:<16} index {a:.2}  substring {b:.2}")?;
        }
        let (a, b) = self.mean();
        write!(f, "  mean recall@5: index {a:.2}, substring (LIKE) {b:.2}")
    }
}

pub async fn quality(db: &Db, index: &CaseIndex, office: i64) -> anyhow::Result<Quality> {
    let mut out = Quality::default();
    for j in judged_queries() {
        let found = index
            .search(
                db,
                &CaseQuery {
                    text: &j.query,
                    category: None,
                    situation: Situation::default(),
                    office_id: office,
                    limit: 5,
                },
            )
            .await?;
        let relevant_total = crate::store::cases::count_visible_in(db, office, &j.relevant).await?;
        let cap = relevant_total.clamp(1, 5) as f64;
        let hits = found
            .iter()
            .filter(|c| j.relevant.contains(&c.category))
            .count() as f64;
        let base = crate::store::cases::substring_baseline(db, office, &j.query, 5).await?;
        let base_hits = base.iter().filter(|c| j.relevant.contains(c)).count() as f64;
        out.per_query
            .push((j.query.clone(), hits / cap, base_hits / cap));
    }
    Ok(out)
}

/// The warnings on the generated histories.
#[derive(Debug, Clone, Copy, Default)]
pub struct WarningFigures {
    pub separations: usize,
    /// Separations with a sign (other than early tenure alone) at least 30 days before.
    pub flagged_30_days: usize,
    /// Client-months on the list, over supporter-months (40 clients a supporter, the
    /// staffing rule of domain.md §3).
    pub alerts_per_supporter_month: f64,
}

impl fmt::Display for WarningFigures {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "separations flagged at least 30 days before: {}/{} ({:.0}%); alerts per supporter per month: {:.1}",
            self.flagged_30_days,
            self.separations,
            100.0 * self.flagged_30_days as f64 / self.separations.max(1) as f64,
            self.alerts_per_supporter_month
        )
    }
}

/// The history of a generated client as it was on `day`.
fn history_on(c: &SimClient, day: Date) -> History {
    History {
        hired: Some(c.hired),
        last_contact: c.contacts.iter().filter(|d| **d <= day).max().copied(),
        concerns: c
            .concerns
            .iter()
            .filter(|k| k.day <= day)
            .cloned()
            .collect(),
        ..History::default()
    }
}

fn flagged(c: &SimClient, day: Date, t: &Thresholds) -> bool {
    signals(&history_on(c, day), t, day, &[])
        .iter()
        .any(|s| !matches!(s, Signal::EarlyTenure { .. }))
}

/// Runs `domain::warning::signals` on the generated histories with thresholds `t`:
/// each separation looked at weekly from 90 to 30 days before it; the list counted on the
/// first of each of the last 12 months.
pub fn warnings(g: &Generated, today: Date, t: &Thresholds) -> WarningFigures {
    let t = *t;
    let mut out = WarningFigures::default();
    for c in &g.clients {
        let Some(sep) = c.separated else { continue };
        out.separations += 1;
        let hit = (0..=8).any(|w| {
            let day = sep - time::Duration::days(30 + 7 * w);
            day > c.hired && flagged(c, day, &t)
        });
        if hit {
            out.flagged_30_days += 1;
        }
    }
    let mut alerts = 0usize;
    let mut client_months = 0usize;
    for m in 1..=12 {
        let day = crate::domain::month::YearMonth::of(today)
            .shift(-m)
            .first_day();
        for c in &g.clients {
            let employed = c.hired < day && c.separated.is_none_or(|s| s > day);
            if employed {
                client_months += 1;
                if flagged(c, day, &t) {
                    alerts += 1;
                }
            }
        }
    }
    let supporter_months = (client_months as f64 / 40.0).max(1.0);
    out.alerts_per_supporter_month = alerts as f64 / supporter_months;
    out
}
