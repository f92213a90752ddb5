//! The benchmark of the monthly claim run (issue #6): a national-scale, deterministic data
//! set ([`generate`]), the baseline of plain SELECTs over the rows a claim run reads
//! ([`plain_scan`]), and the timed comparison of the two ([`run`]), used by `teichaku bench`.
//!
//! Every figure is fictional. The data set is made from a seed with a small splitmix64
//! generator, so the same [`Scale`] gives the same rows on both engines. Rows are written
//! with explicit ids in multi-row INSERTs (the database must be empty), so the generator
//! knows every foreign key without reading anything back.

pub mod http;

use std::fmt;
use std::time::{Duration, Instant};

use anyhow::bail;
use time::{Date, Month, OffsetDateTime, UtcOffset};

use crate::clock::JST;
use crate::db::{Db, Engine, Tx};
use crate::domain::kokuho::municipality_check_digit;
use crate::domain::month::YearMonth;
use crate::domain::rules::period::{
    ServiceWindow, add_months, contract_end, months_from, service_window,
};
use crate::{on_db, on_tx};

/// How big a data set to make.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scale {
    pub offices: usize,
    /// Clients in service in the claimed month.
    pub clients: usize,
    /// Months of history (contacts, reports), the claimed month being the last.
    pub months: u32,
    pub seed: u64,
    /// Former clients per 1,000 in service ([`page_rows::FORMER_PER_MILLE`] by default).
    pub former_per_mille: u64,
}

impl Default for Scale {
    /// National scale (issue #6): 1,500 offices, 30,000 clients, three years of history.
    fn default() -> Scale {
        Scale {
            offices: 1_500,
            clients: 30_000,
            months: 36,
            seed: 0x7e1c_4a6b_2024_0401,
            former_per_mille: page_rows::FORMER_PER_MILLE,
        }
    }
}

/// Rows written per table, and how long it took.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Generated {
    pub rows: Vec<(&'static str, u64)>,
    pub elapsed: Duration,
}

impl Generated {
    /// Rows written to `table` (0 for a table the generator does not fill).
    pub fn count(&self, table: &str) -> u64 {
        self.rows
            .iter()
            .find(|(t, _)| *t == table)
            .map_or(0, |(_, n)| *n)
    }

    pub fn total(&self) -> u64 {
        self.rows.iter().map(|(_, n)| n).sum()
    }
}

impl fmt::Display for Generated {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "{:<22} {:>12}", "table", "rows")?;
        for (table, n) in &self.rows {
            writeln!(f, "{table:<22} {n:>12}")?;
        }
        writeln!(f, "{:<22} {:>12}", "total", self.total())?;
        write!(
            f,
            "generated in {:.1} s ({:.0} rows/s)",
            self.elapsed.as_secs_f64(),
            self.total() as f64 / self.elapsed.as_secs_f64().max(1e-9)
        )
    }
}

// ---------------------------------------------------------------------------------------
// Deterministic randomness
// ---------------------------------------------------------------------------------------

/// splitmix64: small, fast, and good enough to spread fictional records.
#[derive(Debug, Clone)]
struct Rng(u64);

impl Rng {
    fn new(seed: u64, stream: u64) -> Rng {
        let mut r = Rng(seed ^ stream.wrapping_mul(0x9e37_79b9_7f4a_7c15));
        r.next_u64();
        r
    }

    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// 0..n (n > 0).
    fn below(&mut self, n: u64) -> u64 {
        self.next_u64() % n.max(1)
    }

    /// lo..=hi.
    fn range(&mut self, lo: i64, hi: i64) -> i64 {
        lo + self.below((hi - lo + 1).max(1) as u64) as i64
    }

    /// True with probability `per_mille` / 1000.
    fn chance(&mut self, per_mille: u64) -> bool {
        self.below(1000) < per_mille
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }
}

// ---------------------------------------------------------------------------------------
// Reference data
// ---------------------------------------------------------------------------------------

/// Prefectures with their code (the first two digits of 事業所番号 and 市町村番号,
/// domain.md §7.3) and a rough population in 100,000s, to spread offices like people.
const PREFECTURES: [(u32, &str, u32); 47] = [
    (1, "北海道", 52),
    (2, "青森県", 12),
    (3, "岩手県", 12),
    (4, "宮城県", 23),
    (5, "秋田県", 10),
    (6, "山形県", 11),
    (7, "福島県", 18),
    (8, "茨城県", 29),
    (9, "栃木県", 19),
    (10, "群馬県", 19),
    (11, "埼玉県", 73),
    (12, "千葉県", 63),
    (13, "東京都", 140),
    (14, "神奈川県", 92),
    (15, "新潟県", 22),
    (16, "富山県", 10),
    (17, "石川県", 11),
    (18, "福井県", 8),
    (19, "山梨県", 8),
    (20, "長野県", 20),
    (21, "岐阜県", 20),
    (22, "静岡県", 36),
    (23, "愛知県", 75),
    (24, "三重県", 18),
    (25, "滋賀県", 14),
    (26, "京都府", 26),
    (27, "大阪府", 88),
    (28, "兵庫県", 54),
    (29, "奈良県", 13),
    (30, "和歌山県", 9),
    (31, "鳥取県", 5),
    (32, "島根県", 7),
    (33, "岡山県", 19),
    (34, "広島県", 28),
    (35, "山口県", 13),
    (36, "徳島県", 7),
    (37, "香川県", 9),
    (38, "愛媛県", 13),
    (39, "高知県", 7),
    (40, "福岡県", 51),
    (41, "佐賀県", 8),
    (42, "長崎県", 13),
    (43, "熊本県", 17),
    (44, "大分県", 11),
    (45, "宮崎県", 11),
    (46, "鹿児島県", 16),
    (47, "沖縄県", 15),
];

/// Made-up town names for the fictional municipalities.
const TOWNS: [&str; 16] = [
    "中央",
    "青葉",
    "桜台",
    "緑ヶ丘",
    "港南",
    "若葉",
    "東山",
    "西浜",
    "北原",
    "南野",
    "朝日",
    "旭",
    "白石",
    "大川",
    "松ヶ崎",
    "本町",
];

const FAMILY: [(&str, &str); 12] = [
    ("青木", "あおき"),
    ("石川", "いしかわ"),
    ("上田", "うえだ"),
    ("遠藤", "えんどう"),
    ("大野", "おおの"),
    ("川口", "かわぐち"),
    ("菊地", "きくち"),
    ("小西", "こにし"),
    ("沢井", "さわい"),
    ("杉本", "すぎもと"),
    ("高田", "たかだ"),
    ("中村", "なかむら"),
];

const GIVEN: [(&str, &str); 12] = [
    ("陽菜", "ひな"),
    ("大翔", "ひろと"),
    ("結衣", "ゆい"),
    ("蓮", "れん"),
    ("美咲", "みさき"),
    ("悠真", "ゆうま"),
    ("葵", "あおい"),
    ("湊", "みなと"),
    ("千尋", "ちひろ"),
    ("拓海", "たくみ"),
    ("楓", "かえで"),
    ("颯", "はやて"),
];

const EMPLOYERS: [(&str, &str); 8] = [
    ("株式会社みどり物流", "倉庫内軽作業"),
    ("あおば食品株式会社", "製造補助"),
    ("さくら事務サービス株式会社", "事務補助（データ入力）"),
    ("ひかりホテル株式会社", "客室清掃"),
    ("株式会社はまなすIT", "ソフトウェアテスト"),
    ("こもれび介護株式会社", "介護補助"),
    ("つばさ印刷株式会社", "梱包・発送"),
    ("株式会社あかね農園", "農作業補助"),
];

const HEARINGS: [(&str, &str); 6] = [
    (
        "朝起きられず、今月2回遅刻した。",
        "寝る時刻を決め、睡眠の記録をつける。",
    ),
    (
        "上司の指示が早口で聞き取りにくい。",
        "指示をメモで受け取れるよう上司に相談する。",
    ),
    (
        "検品の数え間違いが続いた。",
        "チェック表を作り、ダブルチェックを頼む。",
    ),
    (
        "薬を飲み忘れる日がある。",
        "朝食後に飲む習慣をつけ、主治医にも相談する。",
    ),
    ("新しい作業に不安が強い。", "作業手順を写真つきで整理する。"),
    (
        "職場の人間関係は落ち着いている。",
        "今の働き方を続け、疲れのサインを記録する。",
    ),
];

/// (income category, monthly cap in yen, share in ‰): 生活保護 and 低所得 pay nothing,
/// 一般1 is capped at 9,300 and 一般2 at 37,200 (domain.md §5).
const INCOME: [(&str, i64, u64); 4] = [
    ("welfare", 0, 250),
    ("low_income", 0, 450),
    ("general1", 9_300, 270),
    ("general2", 37_200, 30),
];

/// A fictional municipality: (prefecture index, 6-digit code, name).
struct Municipality {
    prefecture: usize,
    code: String,
    name: String,
}

/// About 200 municipalities spread over the prefectures by population, with codes shaped
/// like real ones (prefecture, a 3-digit town number from 201, the check digit of
/// `domain::kokuho`, domain.md §7.3).
fn municipalities() -> Vec<Municipality> {
    let total: u32 = PREFECTURES.iter().map(|p| p.2).sum();
    let mut list = Vec::new();
    for (index, (code, name, weight)) in PREFECTURES.iter().enumerate() {
        let n = ((200 * weight + total / 2) / total).max(2) as usize;
        let stem = name.trim_end_matches(['県', '府', '都']);
        for j in 0..n {
            let body = format!("{code:02}{:03}", 201 + j);
            let digit = municipality_check_digit(&body).unwrap_or(0);
            list.push(Municipality {
                prefecture: index,
                code: format!("{body}{digit}"),
                name: format!("{stem}{}市", TOWNS[j % TOWNS.len()]),
            });
        }
    }
    list
}

// ---------------------------------------------------------------------------------------
// Multi-row inserts
// ---------------------------------------------------------------------------------------

/// One bound value of any column type the generator writes.
#[derive(Debug, Clone)]
enum Val {
    I(i64),
    OptI(Option<i64>),
    Text(String),
    Str(&'static str),
    Bool(bool),
    Day(Date),
    OptDay(Option<Date>),
    At(OffsetDateTime),
    OptAt(Option<OffsetDateTime>),
}

impl From<i64> for Val {
    fn from(v: i64) -> Val {
        Val::I(v)
    }
}
impl From<Option<i64>> for Val {
    fn from(v: Option<i64>) -> Val {
        Val::OptI(v)
    }
}
impl From<String> for Val {
    fn from(v: String) -> Val {
        Val::Text(v)
    }
}
impl From<&'static str> for Val {
    fn from(v: &'static str) -> Val {
        Val::Str(v)
    }
}
impl From<bool> for Val {
    fn from(v: bool) -> Val {
        Val::Bool(v)
    }
}
impl From<Date> for Val {
    fn from(v: Date) -> Val {
        Val::Day(v)
    }
}
impl From<Option<Date>> for Val {
    fn from(v: Option<Date>) -> Val {
        Val::OptDay(v)
    }
}
impl From<OffsetDateTime> for Val {
    fn from(v: OffsetDateTime) -> Val {
        Val::At(v)
    }
}
impl From<Option<OffsetDateTime>> for Val {
    fn from(v: Option<OffsetDateTime>) -> Val {
        Val::OptAt(v)
    }
}

macro_rules! row {
    ($($v:expr),+ $(,)?) => { [$(Val::from($v)),+] };
}

// After `row!`, which it uses.
mod page_rows;

/// Rows waiting to be written to one table.
struct Table {
    name: &'static str,
    columns: &'static [&'static str],
    values: Vec<Val>,
    written: u64,
}

impl Table {
    fn new(name: &'static str, columns: &'static [&'static str]) -> Table {
        Table {
            name,
            columns,
            values: Vec::new(),
            written: 0,
        }
    }

    fn push<const N: usize>(&mut self, row: [Val; N]) {
        debug_assert_eq!(N, self.columns.len(), "columns of {}", self.name);
        self.values.extend(row);
    }

    /// Writes the waiting rows in statements of as many rows as the engine's limit on bound
    /// parameters allows (SQLite 32,766; PostgreSQL 65,535), at most `MAX_ROWS` each.
    async fn flush(&mut self, tx: &mut Tx, engine: Engine) -> anyhow::Result<()> {
        const MAX_ROWS: usize = 1_000;
        let limit = match engine {
            Engine::Sqlite => 32_766,
            Engine::Postgres => 65_535,
        };
        let width = self.columns.len();
        let per_statement = (limit / width).min(MAX_ROWS);
        let rows = self.values.len() / width;
        let mut values = std::mem::take(&mut self.values).into_iter();
        let mut done = 0;
        while done < rows {
            let n = per_statement.min(rows - done);
            let sql = insert_sql(self.name, self.columns, n, engine);
            let batch: Vec<Val> = values.by_ref().take(n * width).collect();
            on_tx!(tx, conn => {
                let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
                for v in batch {
                    q = match v {
                        Val::I(x) => q.bind(x),
                        Val::OptI(x) => q.bind(x),
                        Val::Text(x) => q.bind(x),
                        Val::Str(x) => q.bind(x),
                        Val::Bool(x) => q.bind(x),
                        Val::Day(x) => q.bind(x),
                        Val::OptDay(x) => q.bind(x),
                        Val::At(x) => q.bind(x),
                        Val::OptAt(x) => q.bind(x),
                    };
                }
                q.execute(conn).await.map(|_| ())
            })?;
            done += n;
        }
        self.written += rows as u64;
        Ok(())
    }
}

/// `INSERT INTO t (a, b) VALUES ($1, $2), ($3, $4)…` for `rows` rows. SQLite gets `?`:
/// there `$1` is a named parameter, and binding thousands of names costs a search each.
fn insert_sql(table: &str, columns: &[&str], rows: usize, engine: Engine) -> String {
    let width = columns.len();
    let mut sql = format!("INSERT INTO {table} ({}) VALUES ", columns.join(", "));
    for r in 0..rows {
        if r > 0 {
            sql.push_str(", ");
        }
        sql.push('(');
        for c in 0..width {
            if c > 0 {
                sql.push_str(", ");
            }
            match engine {
                Engine::Sqlite => sql.push('?'),
                Engine::Postgres => {
                    sql.push('$');
                    sql.push_str(&(r * width + c + 1).to_string());
                }
            }
        }
        sql.push(')');
    }
    sql
}

// ---------------------------------------------------------------------------------------
// The generator
// ---------------------------------------------------------------------------------------

/// The tables in foreign-key order, with the columns the generator writes.
struct Tables {
    organizations: Table,
    offices: Table,
    staff: Table,
    staff_offices: Table,
    clients: Table,
    employments: Table,
    certificates: Table,
    certificate_periods: Table,
    contracts: Table,
    consents: Table,
    contacts: Table,
    support_reports: Table,
    report_shares: Table,
}

impl Tables {
    fn new() -> Tables {
        Tables {
            organizations: Table::new("organizations", &["id", "name", "created_at"]),
            offices: Table::new(
                "offices",
                &[
                    "id",
                    "organization_id",
                    "name",
                    "office_number",
                    "prefecture",
                    "address",
                    "nearest_station",
                    "phone",
                    "email",
                    "hours",
                    "created_at",
                    "updated_at",
                    "share_cases",
                ],
            ),
            staff: Table::new(
                "staff",
                &[
                    "id",
                    "organization_id",
                    "login",
                    "display_name",
                    "email",
                    "password_hash",
                    "is_admin",
                    "active",
                    "created_at",
                    "updated_at",
                ],
            ),
            staff_offices: Table::new("staff_offices", &["staff_id", "office_id", "role"]),
            clients: Table::new(
                "clients",
                &[
                    "id",
                    "office_id",
                    "supporter_id",
                    "name",
                    "kana",
                    "birth_date",
                    "phone",
                    "disability_categories",
                    "prior_service",
                    "prior_office_name",
                    "created_at",
                    "updated_at",
                ],
            ),
            employments: Table::new(
                "employments",
                &[
                    "id",
                    "client_id",
                    "employer_name",
                    "workplace_address",
                    "supervisor_name",
                    "supervisor_contact",
                    "job_title",
                    "weekly_minutes",
                    "ordinary_employment",
                    "hire_date",
                    "return_to_work_date",
                    "end_date",
                    "end_reason",
                    "created_at",
                    "updated_at",
                ],
            ),
            certificates: Table::new(
                "certificates",
                &[
                    "id",
                    "client_id",
                    "number",
                    "municipality_code",
                    "municipality_name",
                    "income_category",
                    "monthly_cap_yen",
                    "created_at",
                    "updated_at",
                ],
            ),
            certificate_periods: Table::new(
                "certificate_periods",
                &[
                    "id",
                    "certificate_id",
                    "start_date",
                    "end_date",
                    "created_at",
                ],
            ),
            contracts: Table::new(
                "contracts",
                &[
                    "id",
                    "client_id",
                    "office_id",
                    "contract_date",
                    "start_date",
                    "end_date",
                    "created_at",
                ],
            ),
            consents: Table::new(
                "consents",
                &[
                    "id",
                    "client_id",
                    "recipient_kind",
                    "recipient_name",
                    "categories",
                    "valid_from",
                    "recorded_by",
                    "withdrawn_at",
                    "created_at",
                ],
            ),
            contacts: Table::new(
                "contacts",
                &[
                    "id",
                    "client_id",
                    "office_id",
                    "staff_id",
                    "occurred_at",
                    "mode",
                    "place",
                    "participants",
                    "heard",
                    "advice",
                    "is_handover",
                    "next_contact_on",
                    "created_at",
                    "updated_at",
                ],
            ),
            support_reports: Table::new(
                "support_reports",
                &[
                    "id",
                    "client_id",
                    "month",
                    "version",
                    "status",
                    "body",
                    "correction_reason",
                    "finalised_at",
                    "finalised_by",
                    "created_at",
                    "updated_at",
                ],
            ),
            report_shares: Table::new(
                "report_shares",
                &[
                    "id",
                    "report_id",
                    "recipient_kind",
                    "recipient_name",
                    "consent_id",
                    "shared_on",
                    "method",
                    "acknowledged_on",
                    "recorded_by",
                    "created_at",
                ],
            ),
        }
    }

    fn all_mut(&mut self) -> [&mut Table; 13] {
        [
            &mut self.organizations,
            &mut self.offices,
            &mut self.staff,
            &mut self.staff_offices,
            &mut self.clients,
            &mut self.employments,
            &mut self.certificates,
            &mut self.certificate_periods,
            &mut self.contracts,
            &mut self.consents,
            &mut self.contacts,
            &mut self.support_reports,
            &mut self.report_shares,
        ]
    }

    /// Writes everything waiting, parents before children, in one transaction.
    async fn flush(&mut self, db: &Db) -> anyhow::Result<()> {
        let engine = db.engine();
        let mut tx = db.begin().await?;
        for table in self.all_mut() {
            table.flush(&mut tx, engine).await?;
        }
        tx.commit().await?;
        Ok(())
    }

    fn counts(&mut self) -> Vec<(&'static str, u64)> {
        self.all_mut()
            .into_iter()
            .map(|t| (t.name, t.written))
            .collect()
    }
}

/// The next id of each table with generated ids.
#[derive(Default)]
struct Ids {
    employment: i64,
    certificate: i64,
    period: i64,
    contract: i64,
    consent: i64,
    contact: i64,
    report: i64,
    share: i64,
}

fn next(id: &mut i64) -> i64 {
    *id += 1;
    *id
}

/// One office as the client generator needs it.
struct OfficeFacts {
    id: i64,
    prefecture: usize,
    manager: i64,
    supporters: Vec<i64>,
}

/// An instant at `hour:minute` Japan time on `date`, as UTC whole seconds.
fn at_jst(date: Date, hour: u8, minute: u8) -> OffsetDateTime {
    date.with_hms(hour, minute, 0)
        .unwrap_or(date.midnight())
        .assume_offset(JST)
        .to_offset(UtcOffset::UTC)
}

fn first_of_month(date: Date) -> Date {
    date.replace_day(1).unwrap_or(date)
}

fn last_of_month(date: Date) -> Date {
    add_months(first_of_month(date), 1)
        .previous_day()
        .unwrap_or(date)
}

fn day_in(month: Date, day: i64) -> Date {
    let d = day.clamp(1, i64::from(month.month().length(month.year()))) as u8;
    month.replace_day(d).unwrap_or(month)
}

fn days(n: i64) -> time::Duration {
    time::Duration::days(n)
}

/// Fills an empty, migrated database with a fictional organisation of `scale.offices`
/// offices and `scale.clients` clients who are all in service in `month` (the first day of
/// the month to claim), with `scale.months` months of history ending with `month`.
///
/// The data set has the gaps a claim run must find: months without a face-to-face
/// contact, reports still in draft or not shared with the client, certificates that ran
/// out before or during the month, clients without a contract, job changes and clients who
/// left work.
pub async fn generate(db: &Db, scale: &Scale, month: Date) -> anyhow::Result<Generated> {
    let started = Instant::now();
    let month = first_of_month(month);
    if month.day() != 1 {
        bail!("the month to claim must be given by its first day");
    }
    if scale.offices == 0 || scale.months == 0 {
        bail!("a benchmark needs at least one office and one month");
    }
    ensure_empty(db).await?;

    let mut t = Tables::new();
    let mut ids = Ids::default();
    let municipalities = municipalities();
    let created = at_jst(add_months(month, -(scale.months as i32) - 44), 9, 0);

    t.organizations.push(row!(
        1_i64,
        "社会福祉法人 ベンチマーク定着会（架空）",
        created
    ));

    // Offices, spread over the prefectures by population, and their staff.
    let mut rng = Rng::new(scale.seed, 0);
    let weights: u64 = PREFECTURES.iter().map(|p| u64::from(p.2)).sum();
    let mut offices = Vec::with_capacity(scale.offices);
    let mut staff_id = 1_i64;
    t.staff.push(row!(
        staff_id,
        1_i64,
        "bench-admin",
        "本部 管理者（架空）",
        "bench-admin@example.jp",
        // Not an argon2 hash: benchmark accounts cannot sign in.
        "!benchmark",
        true,
        true,
        created,
        created
    ));
    for i in 0..scale.offices {
        let id = i as i64 + 1;
        let mut x = rng.below(weights);
        let mut prefecture = 0;
        for (k, p) in PREFECTURES.iter().enumerate() {
            if x < u64::from(p.2) {
                prefecture = k;
                break;
            }
            x -= u64::from(p.2);
        }
        let (code, pref_name, _) = PREFECTURES[prefecture];
        let town = rng.pick(&TOWNS);
        // 事業所番号: 10 digits, the prefecture first (domain.md §7.3); the rest made
        // unique by the office's index.
        let number = format!("{code:02}6{:07}", 100_000 + id);
        t.offices.push(row!(
            id,
            1_i64,
            format!("定着支援センター{town}{id:04}（架空）"),
            number,
            pref_name,
            format!("{pref_name}{town}市本町{}-0-0", 1 + i % 9),
            format!("{town}駅"),
            format!("000-0000-{:04}", id % 10_000),
            format!("office{id}@example.jp"),
            "平日 9:00〜18:00",
            created,
            created,
            // Four offices in five share their past cases, as in `bench-search`.
            id % 5 != 0
        ));
        staff_id += 1;
        let manager = staff_id;
        t.staff.push(row!(
            manager,
            1_i64,
            format!("bench-m{id}"),
            format!("管理者{id}（架空・サビ管）"),
            format!("bench-m{id}@example.jp"),
            "!benchmark",
            false,
            true,
            created,
            created
        ));
        t.staff_offices.push(row!(manager, id, "manager"));
        let mut supporters = Vec::new();
        for k in 0..rng.range(2, 4) {
            staff_id += 1;
            t.staff.push(row!(
                staff_id,
                1_i64,
                format!("bench-s{id}-{k}"),
                format!("支援員{id}-{k}（架空）"),
                format!("bench-s{id}-{k}@example.jp"),
                "!benchmark",
                false,
                true,
                created,
                created
            ));
            t.staff_offices.push(row!(staff_id, id, "supporter"));
            supporters.push(staff_id);
        }
        offices.push(OfficeFacts {
            id,
            prefecture,
            manager,
            supporters,
        });
    }
    t.flush(db).await?;

    // Clients per office: uneven, 5 to 60 by weight, scaled to the total asked for.
    let office_weights: Vec<u64> = (0..scale.offices).map(|_| 5 + rng.below(56)).collect();
    let weight_sum: u64 = office_weights.iter().sum();
    let mut per_office: Vec<usize> = office_weights
        .iter()
        .map(|w| (scale.clients as u64 * w / weight_sum) as usize)
        .collect();
    let mut short = scale.clients - per_office.iter().sum::<usize>();
    let mut k = 0;
    while short > 0 {
        per_office[k % scale.offices] += 1;
        short -= 1;
        k += 1;
    }

    let by_prefecture: Vec<Vec<usize>> = (0..PREFECTURES.len())
        .map(|p| {
            municipalities
                .iter()
                .enumerate()
                .filter(|(_, m)| m.prefecture == p)
                .map(|(i, _)| i)
                .collect()
        })
        .collect();
    let history_start = add_months(month, 1 - scale.months as i32);
    let mut client_id = 0_i64;
    let mut pending = 0;
    for (office, count) in offices.iter().zip(per_office) {
        for _ in 0..count {
            client_id += 1;
            let mut r = Rng::new(scale.seed, client_id as u64);
            let muni = if r.chance(900) && !by_prefecture[office.prefecture].is_empty() {
                &municipalities[*r.pick(&by_prefecture[office.prefecture])]
            } else {
                r.pick(&municipalities)
            };
            let facts = ClientFacts {
                id: client_id,
                office,
                municipality: muni,
                month,
                history_start,
            };
            facts.generate(&mut r, &mut t, &mut ids);
            pending += 1;
        }
        if pending >= 1_000 {
            t.flush(db).await?;
            pending = 0;
        }
    }
    t.flush(db).await?;
    let former = (scale.clients as u64 * scale.former_per_mille / 1_000) as usize;
    page_rows::former_clients(
        &mut t,
        &mut ids,
        &offices,
        &municipalities,
        scale.seed,
        former,
        client_id + 1,
        month,
    );
    t.flush(db).await?;
    let mut rows = t.counts();
    rows.extend(page_rows::add(db, scale.seed, month).await?);
    after_explicit_ids(db).await?;
    rows.push(page_rows::cases(db, month).await?);
    Ok(Generated {
        rows,
        elapsed: started.elapsed(),
    })
}

/// Refuses a database that already holds an organisation or any client, so that nobody
/// benchmarks into real records.
pub async fn ensure_empty(db: &Db) -> anyhow::Result<()> {
    let (organizations, clients): (i64, i64) = on_db!(db, pool => sqlx::query_as(
        "SELECT (SELECT COUNT(*) FROM organizations), (SELECT COUNT(*) FROM clients)")
        .fetch_one(pool).await)?;
    if organizations > 0 || clients > 0 {
        bail!(
            "the database is not empty ({organizations} organisation(s), {clients} client(s)); \
             the benchmark writes millions of rows and needs an empty database"
        );
    }
    Ok(())
}

/// PostgreSQL identity columns do not move past explicit ids: set each sequence after the
/// highest id so that the application can add rows to a benchmark database afterwards.
async fn after_explicit_ids(db: &Db) -> anyhow::Result<()> {
    if let Db::Postgres(pool) = db {
        for table in [
            "organizations",
            "offices",
            "staff",
            "clients",
            "employments",
            "certificates",
            "certificate_periods",
            "contracts",
            "consents",
            "contacts",
            "support_reports",
            "report_shares",
            "support_plans",
            "concerns",
            "tasks",
        ] {
            let sql = format!(
                "SELECT setval(pg_get_serial_sequence('{table}', 'id'), \
                 (SELECT COALESCE(MAX(id), 0) + 1 FROM {table}), false)"
            );
            sqlx::query(sqlx::AssertSqlSafe(sql)).execute(pool).await?;
        }
        // Autovacuum would analyse the new tables soon after; do it now so that the first
        // measured run sees the plans production would.
        sqlx::query("ANALYZE").execute(pool).await?;
    }
    Ok(())
}

/// One client to generate.
struct ClientFacts<'a> {
    id: i64,
    office: &'a OfficeFacts,
    municipality: &'a Municipality,
    /// The claimed month's first day.
    month: Date,
    /// The first month of history (contacts, reports).
    history_start: Date,
}

impl ClientFacts<'_> {
    fn generate(&self, r: &mut Rng, t: &mut Tables, ids: &mut Ids) {
        let (id, office, month) = (self.id, self.office, self.month);
        let supporter = *r.pick(&office.supporters);

        // The employment: the claimed month lies in the service window (hire + 6 months to
        // hire + 42 months, domain.md §4) — `since` months after the base date.
        let since = r.range(6, 41) as i32;
        let base_day = if since == 6 { 1 } else { r.range(1, 28) };
        let base = day_in(add_months(month, -since), base_day);
        let returned = r.chance(20);
        let hire = if returned {
            add_months(base, -(r.range(12, 60) as i32))
        } else {
            base
        };
        let window = service_window(hire, returned.then_some(base));
        let created = at_jst(hire, 10, 0);
        let (employer, job) = *r.pick(&EMPLOYERS);
        let weekly_minutes = *r.pick(&[1_200_i64, 1_500, 1_800, 2_100, 2_400]);

        let (family, family_kana) = *r.pick(&FAMILY);
        let (given, given_kana) = *r.pick(&GIVEN);
        let birth = Date::from_calendar_date(
            r.range(1965, 2004) as i32,
            Month::try_from(r.range(1, 12) as u8).unwrap_or(Month::January),
            r.range(1, 28) as u8,
        )
        .unwrap_or(hire);
        let disability = *r.pick(&[
            "mental",
            "mental",
            "mental",
            "developmental",
            "developmental",
            "intellectual",
            "physical",
            "intractable",
        ]);
        let prior = *r.pick(&[
            "employment_transition",
            "employment_transition",
            "employment_transition",
            "continuous_a",
            "continuous_b",
            "life_care",
        ]);
        t.clients.push(row!(
            id,
            office.id,
            Some(supporter),
            format!("{family} {given}"),
            format!("{family_kana} {given_kana}"),
            birth,
            format!("090-0000-{:04}", id % 10_000),
            disability,
            prior,
            "就労移行支援事業所（架空）",
            created,
            created
        ));

        // A job change (once, within a month of leaving, domain.md §1.3), or leaving work.
        let mut first_end = None;
        let mut second_hire = None;
        if since >= 12 && r.chance(80) {
            let end = add_months(window.base_date, r.range(3, i64::from(since) - 2) as i32);
            first_end = Some((end, "転職（労働条件の向上）"));
            second_hire = Some(end + days(r.range(1, 28)));
        } else if since >= 9 && r.chance(30) {
            let end = add_months(window.base_date, r.range(7, i64::from(since) - 1) as i32);
            first_end = Some((end.min(month - days(1)), "自己都合退職"));
        }
        t.employments.push(row!(
            next(&mut ids.employment),
            id,
            employer,
            "（架空）市内",
            "人事担当（架空）",
            "000-0000-0000",
            job,
            weekly_minutes,
            true,
            hire,
            returned.then_some(base),
            first_end.map(|e| e.0),
            first_end.map_or("", |e| e.1),
            created,
            created
        ));
        if let Some(hired) = second_hire {
            let (employer, job) = *r.pick(&EMPLOYERS);
            let at = at_jst(hired, 10, 0);
            t.employments.push(row!(
                next(&mut ids.employment),
                id,
                employer,
                "（架空）市内",
                "人事担当（架空）",
                "000-0000-0000",
                job,
                weekly_minutes,
                true,
                hired,
                None::<Date>,
                None::<Date>,
                "",
                at,
                at
            ));
        }

        self.certificate(r, t, ids, &window);

        // The contract from the start of the service; a few are missing.
        let start = window.earliest_start;
        if !r.chance(10)
            && let Ok(end) = contract_end(&window, start)
        {
            let signed = start - days(r.range(0, 10));
            t.contracts.push(row!(
                next(&mut ids.contract),
                id,
                office.id,
                signed,
                start,
                end,
                at_jst(signed, 11, 0)
            ));
        }

        // Consent to share with the employer (most), and with a clinic (some).
        let mut employer_consent = None;
        if r.chance(900) {
            let consent = next(&mut ids.consent);
            let withdrawn = r
                .chance(30)
                .then(|| at_jst(start + days(r.range(30, 300)), 15, 0));
            t.consents.push(row!(
                consent,
                id,
                "employer",
                format!("{employer} 人事担当"),
                "work_status,support_records,reports",
                start,
                Some(supporter),
                withdrawn,
                at_jst(start, 10, 30)
            ));
            if withdrawn.is_none() {
                employer_consent = Some((consent, employer));
            }
        }
        if r.chance(300) {
            t.consents.push(row!(
                next(&mut ids.consent),
                id,
                "institution",
                "こころのクリニック（架空）",
                "health,work_status",
                start,
                Some(supporter),
                None::<OffsetDateTime>,
                at_jst(start, 10, 40)
            ));
        }

        // The months of history the client was in service.
        let first_service_month = first_of_month(window.earliest_start);
        let mut m = first_service_month.max(self.history_start);
        while m <= month {
            self.contacts_in(r, t, ids, m, &window, supporter);
            self.report_for(r, t, ids, m, supporter, employer_consent);
            m = add_months(m, 1);
        }
    }

    /// The 受給者証 and its yearly 支給決定 periods from the start of the service. A few
    /// were not renewed: the period that should cover the claimed month ends before it
    /// (about 2%) or during it (about 1%).
    fn certificate(&self, r: &mut Rng, t: &mut Tables, ids: &mut Ids, window: &ServiceWindow) {
        let month = self.month;
        let month_end = last_of_month(month);
        let certificate = next(&mut ids.certificate);
        let mut x = r.below(1000);
        let mut income = INCOME[0];
        for i in INCOME {
            if x < i.2 {
                income = i;
                break;
            }
            x -= i.2;
        }
        let start = window.earliest_start;
        t.certificates.push(row!(
            certificate,
            self.id,
            format!("{:03}{:07}", 100 + r.below(900), self.id % 10_000_000),
            self.municipality.code.clone(),
            self.municipality.name.clone(),
            income.0,
            income.1,
            at_jst(start - days(20), 14, 0),
            at_jst(start - days(20), 14, 0)
        ));
        let lapse = r.below(1000);
        let mut from = start;
        while from <= month_end && from <= window.latest_end {
            // A decision period of a year (12 months, 民法第143条).
            let mut end = months_from(from, 12).last_day.min(window.latest_end);
            let covers_month = from <= month_end && end >= month;
            if covers_month && lapse < 20 && from < month {
                end = month - days(1);
            } else if covers_month && lapse < 30 {
                end = end.min(day_in(month, 10 + r.range(0, 15)));
            }
            t.certificate_periods.push(row!(
                next(&mut ids.period),
                certificate,
                from,
                end,
                at_jst(from - days(20), 14, 0)
            ));
            if covers_month && lapse < 30 {
                break;
            }
            from = end + days(1);
        }
    }

    /// 0 to 3 contacts in month `m`: mostly face to face, some by phone; about 5% of months
    /// have none.
    fn contacts_in(
        &self,
        r: &mut Rng,
        t: &mut Tables,
        ids: &mut Ids,
        m: Date,
        window: &ServiceWindow,
        supporter: i64,
    ) {
        let x = r.below(1000);
        let n = match x {
            0..50 => 0,
            50..500 => 1,
            500..850 => 2,
            _ => 3,
        };
        let first_day = if first_of_month(window.earliest_start) == m {
            i64::from(window.earliest_start.day())
        } else {
            1
        };
        let last_day = i64::from(m.month().length(m.year()));
        // In the last 3 months of the window (the 3 months from the month's first day reach
        // the last day), the hand-over to the employer and agencies.
        let handover_month = months_from(m, 3).last_day >= window.latest_end;
        for k in 0..n {
            let mode = if k == 0 {
                *r.pick(&[
                    "face_to_face",
                    "face_to_face",
                    "face_to_face",
                    "face_to_face",
                    "face_to_face",
                    "face_to_face",
                    "face_to_face",
                    "face_to_face",
                    "workplace_visit",
                    "phone",
                    "phone",
                    "online",
                ])
            } else {
                *r.pick(&[
                    "face_to_face",
                    "phone",
                    "phone",
                    "online",
                    "workplace_visit",
                ])
            };
            let day = day_in(m, r.range(first_day, last_day));
            let at = at_jst(day, r.range(9, 17) as u8, (r.below(4) * 15) as u8);
            let staff = if r.chance(850) {
                supporter
            } else {
                self.office.manager
            };
            let (heard, advice) = *r.pick(&HEARINGS);
            let (place, participants) = match mode {
                "workplace_visit" => ("職場", "client,supervisor"),
                "phone" => ("電話", "client"),
                "online" => ("オンライン", "client"),
                _ => ("事業所の面談室", "client"),
            };
            t.contacts.push(row!(
                next(&mut ids.contact),
                self.id,
                self.office.id,
                Some(staff),
                at,
                mode,
                place,
                participants,
                heard,
                advice,
                handover_month && k == 0,
                Some(day + days(28)),
                at + time::Duration::hours(2),
                at + time::Duration::hours(2)
            ));
        }
    }

    /// The month's 支援レポート: final and shared with the client in most months; in draft
    /// (4%), missing (3%) or final but not shared (6%) in a few; a correction (version 2)
    /// now and then; shared with the employer too when they consented.
    fn report_for(
        &self,
        r: &mut Rng,
        t: &mut Tables,
        ids: &mut Ids,
        m: Date,
        supporter: i64,
        employer_consent: Option<(i64, &'static str)>,
    ) {
        let x = r.below(1000);
        if x < 30 {
            return;
        }
        let label = YearMonth::of(m).to_string();
        let written = last_of_month(m) - days(r.range(0, 5));
        let body = format!(
            "{}年{}月の支援のまとめ：職場での様子は概ね安定している。{}",
            m.year(),
            u8::from(m.month()),
            r.pick(&HEARINGS).1
        );
        if x < 70 {
            let at = at_jst(written, 16, 0);
            t.support_reports.push(row!(
                next(&mut ids.report),
                self.id,
                label,
                1_i64,
                "draft",
                body,
                "",
                None::<OffsetDateTime>,
                None::<i64>,
                at,
                at
            ));
            return;
        }
        let finalised = at_jst(written, 17, 0);
        let mut report = next(&mut ids.report);
        t.support_reports.push(row!(
            report,
            self.id,
            label.clone(),
            1_i64,
            "final",
            body.clone(),
            "",
            Some(finalised),
            Some(self.office.manager),
            finalised - time::Duration::hours(1),
            finalised
        ));
        if r.chance(10) {
            let corrected = finalised + time::Duration::days(1);
            report = next(&mut ids.report);
            t.support_reports.push(row!(
                report,
                self.id,
                label,
                2_i64,
                "final",
                body,
                "勤務時間の記載誤りを訂正",
                Some(corrected),
                Some(self.office.manager),
                corrected,
                corrected
            ));
        }
        if x < 130 {
            return; // final, not shared with the client
        }
        let shared_on = written + days(r.range(0, 6));
        let method = *r.pick(&["in_person", "in_person", "in_person", "mail", "email"]);
        let acknowledged = r.chance(800).then(|| shared_on + days(r.range(0, 7)));
        t.report_shares.push(row!(
            next(&mut ids.share),
            report,
            "client",
            "本人",
            None::<i64>,
            shared_on,
            method,
            acknowledged,
            Some(supporter),
            at_jst(shared_on, 18, 0)
        ));
        if let Some((consent, employer)) = employer_consent
            && r.chance(150)
        {
            t.report_shares.push(row!(
                next(&mut ids.share),
                report,
                "employer",
                format!("{employer} 人事担当"),
                Some(consent),
                shared_on,
                "email",
                None::<Date>,
                Some(supporter),
                at_jst(shared_on, 18, 5)
            ));
        }
    }
}

// ---------------------------------------------------------------------------------------
// The baseline and the comparison
// ---------------------------------------------------------------------------------------

/// Rows read by [`plain_scan`], per query.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ScanCounts {
    /// Every client with its office.
    pub clients: usize,
    pub employments: usize,
    pub certificates: usize,
    pub certificate_periods: usize,
    /// Contracts in force in the month.
    pub contracts: usize,
    /// The month's contacts (Japan time).
    pub contacts: usize,
    /// The month's reports, every version.
    pub reports: usize,
    pub report_shares: usize,
    /// Contracts in force in the past 3 fiscal years (the 就労定着率, domain.md §1.3).
    pub retention_contracts: usize,
    /// Employments of the clients with those contracts.
    pub retention_employments: usize,
}

impl ScanCounts {
    pub fn total(&self) -> usize {
        self.clients
            + self.employments
            + self.certificates
            + self.certificate_periods
            + self.contracts
            + self.contacts
            + self.reports
            + self.report_shares
            + self.retention_contracts
            + self.retention_employments
    }
}

impl fmt::Display for ScanCounts {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (what, n) in [
            ("clients (with office)", self.clients),
            ("employments", self.employments),
            ("certificates", self.certificates),
            ("certificate periods", self.certificate_periods),
            ("contracts in the month", self.contracts),
            ("contacts in the month", self.contacts),
            ("reports of the month", self.reports),
            ("report shares", self.report_shares),
            ("contracts, 3 fiscal years", self.retention_contracts),
            ("employments, 3 fiscal yrs", self.retention_employments),
        ] {
            writeln!(f, "{what:<28} {n:>10}")?;
        }
        write!(f, "{:<28} {:>10}", "rows read", self.total())
    }
}

/// The month's bounds: its first and last day, its instants in Japan time as UTC, its
/// `YYYY-MM` label, and the past 3 fiscal years (April to March) before the month's own.
struct Bounds {
    first: Date,
    last: Date,
    from: OffsetDateTime,
    until: OffsetDateTime,
    label: String,
    fy_from: Date,
    fy_to: Date,
}

fn bounds(month: Date) -> Bounds {
    let first = first_of_month(month);
    let next = add_months(first, 1);
    let fy_start = Date::from_calendar_date(YearMonth::of(first).fiscal_year(), Month::April, 1)
        .unwrap_or(first);
    Bounds {
        first,
        last: next - days(1),
        from: at_jst(first, 0, 0),
        until: at_jst(next, 0, 0),
        label: YearMonth::of(first).to_string(),
        fy_from: add_months(fy_start, -36),
        fy_to: fy_start - days(1),
    }
}

type ClientScanRow = (i64, i64, Option<i64>, Option<String>, String);
type EmploymentScanRow = (i64, i64, Date, Option<Date>, Option<Date>);

/// Every client with its office: the first query of a claim run.
async fn scan_clients(db: &Db) -> Result<Vec<ClientScanRow>, sqlx::Error> {
    on_db!(db, pool => sqlx::query_as(
        "SELECT c.id, c.office_id, c.supporter_id, o.office_number, o.prefecture
         FROM clients c JOIN offices o ON o.id = c.office_id
         ORDER BY c.office_id, c.id")
        .fetch_all(pool).await)
}

/// The baseline: plain SELECTs over the rows a claim run for `month` reads, counted and
/// thrown away, with no computation.
pub async fn plain_scan(db: &Db, month: Date) -> anyhow::Result<ScanCounts> {
    let b = bounds(month);
    let clients = scan_clients(db).await?.len();
    let employments: Vec<EmploymentScanRow> = on_db!(db, pool => sqlx::query_as(
        "SELECT id, client_id, hire_date, return_to_work_date, end_date FROM employments
         ORDER BY client_id, hire_date, id")
        .fetch_all(pool).await)?;
    let certificates: Vec<(i64, i64, String, String, String, i64)> = on_db!(db, pool => sqlx::query_as(
        "SELECT id, client_id, number, municipality_code, income_category, monthly_cap_yen
         FROM certificates")
        .fetch_all(pool).await)?;
    let periods: Vec<(i64, i64, Date, Date)> = on_db!(db, pool => sqlx::query_as(
        "SELECT c.client_id, p.certificate_id, p.start_date, p.end_date
         FROM certificate_periods p JOIN certificates c ON c.id = p.certificate_id")
        .fetch_all(pool).await)?;
    let contracts: Vec<(i64, i64, Date, Date)> = on_db!(db, pool => sqlx::query_as(
        "SELECT client_id, office_id, start_date, end_date FROM contracts
         WHERE start_date <= $1 AND end_date >= $2")
        .bind(b.last).bind(b.first).fetch_all(pool).await)?;
    let contacts: Vec<(i64, i64, String, bool)> = on_db!(db, pool => sqlx::query_as(
        "SELECT client_id, office_id, mode, is_handover FROM contacts
         WHERE occurred_at >= $1 AND occurred_at < $2")
        .bind(b.from).bind(b.until).fetch_all(pool).await)?;
    let reports: Vec<(i64, i64, i64, String)> = on_db!(db, pool => sqlx::query_as(
        "SELECT id, client_id, version, status FROM support_reports WHERE month = $1")
        .bind(&b.label).fetch_all(pool).await)?;
    let shares: Vec<(i64, String, Date)> = on_db!(db, pool => sqlx::query_as(
        "SELECT s.report_id, s.recipient_kind, s.shared_on
         FROM report_shares s JOIN support_reports r ON r.id = s.report_id
         WHERE r.month = $1")
        .bind(&b.label).fetch_all(pool).await)?;
    let retention_contracts: Vec<(i64, i64, Date, Date)> = on_db!(db, pool => sqlx::query_as(
        "SELECT client_id, office_id, start_date, end_date FROM contracts
         WHERE start_date <= $1 AND end_date >= $2")
        .bind(b.fy_to).bind(b.fy_from).fetch_all(pool).await)?;
    let retention_employments: Vec<(i64, Date, Option<Date>)> = on_db!(db, pool => sqlx::query_as(
        "SELECT e.client_id, e.hire_date, e.end_date FROM employments e
         WHERE e.client_id IN (SELECT client_id FROM contracts
                               WHERE start_date <= $1 AND end_date >= $2)")
        .bind(b.fy_to).bind(b.fy_from).fetch_all(pool).await)?;
    Ok(ScanCounts {
        clients,
        employments: employments.len(),
        certificates: certificates.len(),
        certificate_periods: periods.len(),
        contracts: contracts.len(),
        contacts: contacts.len(),
        reports: reports.len(),
        report_shares: shares.len(),
        retention_contracts: retention_contracts.len(),
        retention_employments: retention_employments.len(),
    })
}

/// The claim run measured: one month's claims for every office
/// ([`crate::claims::run_month`] with no office filter); returns the number of
/// client-claims computed.
pub async fn claim_run_hook(db: &Db, month: Date) -> anyhow::Result<usize> {
    let offices = crate::claims::run_month(db, None, YearMonth::of(month)).await?;
    Ok(offices.iter().map(|o| o.clients.len()).sum())
}

/// Warm-up runs (not measured) and measured runs of each side.
pub const WARM_UP: usize = 1;
pub const MEASURED: usize = 5;

/// Times of one side of the comparison.
#[derive(Debug, Clone, PartialEq)]
pub struct Timing {
    pub runs: Vec<Duration>,
}

impl Timing {
    pub fn min(&self) -> Duration {
        self.runs.iter().copied().min().unwrap_or_default()
    }

    pub fn median(&self) -> Duration {
        let mut runs = self.runs.clone();
        runs.sort();
        match runs.len() {
            0 => Duration::ZERO,
            n if n % 2 == 1 => runs[n / 2],
            n => (runs[n / 2 - 1] + runs[n / 2]) / 2,
        }
    }
}

/// What [`run`] measured.
#[derive(Debug, Clone)]
pub struct Report {
    pub month: Date,
    pub scan: Timing,
    pub claim: Timing,
    pub scan_counts: ScanCounts,
    /// Client-claims computed by the claim run.
    pub claims: usize,
}

impl Report {
    /// Median claim run over median plain scan.
    pub fn ratio(&self) -> f64 {
        self.claim.median().as_secs_f64() / self.scan.median().as_secs_f64().max(1e-9)
    }
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "claim month {:04}-{:02}: {} runs of each after {} warm-up",
            self.month.year(),
            u8::from(self.month.month()),
            self.scan.runs.len(),
            WARM_UP
        )?;
        writeln!(
            f,
            "{:<12} {:>10} {:>10} {:>10}",
            "", "min ms", "median ms", "rows"
        )?;
        writeln!(
            f,
            "{:<12} {:>10.1} {:>10.1} {:>10}",
            "plain scan",
            ms(self.scan.min()),
            ms(self.scan.median()),
            self.scan_counts.total()
        )?;
        writeln!(
            f,
            "{:<12} {:>10.1} {:>10.1} {:>10}",
            "claim run",
            ms(self.claim.min()),
            ms(self.claim.median()),
            self.claims
        )?;
        write!(f, "claim / scan (medians): {:.2}", self.ratio())
    }
}

/// Runs the plain scan and `claim_run` alternately, [`WARM_UP`] + [`MEASURED`] times each,
/// so that both see the same cache state, and reports their times.
pub async fn run<F>(db: &Db, month: Date, claim_run: F) -> anyhow::Result<Report>
where
    F: AsyncFn(&Db, Date) -> anyhow::Result<usize>,
{
    let month = first_of_month(month);
    let mut scan = Timing { runs: Vec::new() };
    let mut claim = Timing { runs: Vec::new() };
    let mut scan_counts = ScanCounts::default();
    let mut claims = 0;
    for i in 0..WARM_UP + MEASURED {
        let started = Instant::now();
        scan_counts = plain_scan(db, month).await?;
        let scan_time = started.elapsed();
        let started = Instant::now();
        claims = claim_run(db, month).await?;
        let claim_time = started.elapsed();
        if i >= WARM_UP {
            scan.runs.push(scan_time);
            claim.runs.push(claim_time);
        }
    }
    Ok(Report {
        month,
        scan,
        claim,
        scan_counts,
        claims,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn about_200_valid_unique_municipalities() {
        let list = municipalities();
        assert!((180..=230).contains(&list.len()), "{}", list.len());
        let mut codes: Vec<&str> = list.iter().map(|m| m.code.as_str()).collect();
        assert!(
            codes
                .iter()
                .all(|c| crate::domain::kokuho::is_valid_municipality_number(c))
        );
        codes.sort();
        codes.dedup();
        assert_eq!(codes.len(), list.len());
    }

    #[test]
    fn the_generator_is_deterministic() {
        let a: Vec<u64> = {
            let mut r = Rng::new(7, 3);
            (0..5).map(|_| r.next_u64()).collect()
        };
        let b: Vec<u64> = {
            let mut r = Rng::new(7, 3);
            (0..5).map(|_| r.next_u64()).collect()
        };
        assert_eq!(a, b);
        assert_ne!(a, {
            let mut r = Rng::new(7, 4);
            (0..5).map(|_| r.next_u64()).collect::<Vec<_>>()
        });
    }

    #[test]
    fn fiscal_years_before_the_month() {
        let b = bounds(date!(2026 - 10 - 01));
        assert_eq!(b.fy_from, date!(2023 - 04 - 01));
        assert_eq!(b.fy_to, date!(2026 - 03 - 31));
        assert_eq!(b.last, date!(2026 - 10 - 31));
        let b = bounds(date!(2027 - 02 - 01));
        assert_eq!(b.fy_to, date!(2026 - 03 - 31));
        assert_eq!(b.label, "2027-02");
    }

    #[test]
    fn insert_sql_numbers_every_placeholder() {
        assert_eq!(
            insert_sql("t", &["a", "b"], 2, Engine::Postgres),
            "INSERT INTO t (a, b) VALUES ($1, $2), ($3, $4)"
        );
        assert_eq!(
            insert_sql("t", &["a", "b"], 2, Engine::Sqlite),
            "INSERT INTO t (a, b) VALUES (?, ?), (?, ?)"
        );
    }

    #[test]
    fn median_of_an_even_count_is_the_mean_of_the_middle_two() {
        let t = Timing {
            runs: [4, 1, 3, 2].map(Duration::from_millis).to_vec(),
        };
        assert_eq!(t.min(), Duration::from_millis(1));
        assert_eq!(t.median(), Duration::from_micros(2_500));
    }
}
