//! The fictional demo organisation: three offices (青森, 西船橋, 浜松駅前), staff of each role
//! and about 30 clients. Every name is made up from common name parts; every phone number
//! is in the 0120-000-xxx / 000 ranges that reach nobody; email addresses use the reserved
//! `example.jp` domain. One random password, printed once, signs in every demo account.

use time::{Date, Month};

use crate::clock;
use crate::db::Db;
use crate::domain::client::{ClientInput, Disability};
use crate::domain::office::OfficeInput;
use crate::domain::rules::eligibility::PriorService;
use crate::domain::staff::{Membership, Role};
use crate::store::{self, staff::StaffInput};

const OFFICES: [(&str, &str, &str, &str, &str); 3] = [
    (
        "青森",
        "青森県",
        "青森市新町一丁目0-0 定着ビル3階",
        "青森駅",
        "017-000-0001",
    ),
    (
        "西船橋",
        "千葉県",
        "船橋市西船四丁目0-0 みらいビル2階",
        "西船橋駅",
        "047-000-0002",
    ),
    (
        "浜松駅前",
        "静岡県",
        "浜松市中央区砂山町0-0 さくらビル5階",
        "浜松駅",
        "053-000-0003",
    ),
];

const FAMILY: [(&str, &str); 10] = [
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
];
const GIVEN: [(&str, &str); 10] = [
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
];

const EMPLOYERS: [(&str, &str); 6] = [
    ("株式会社みどり物流", "倉庫内軽作業"),
    ("あおば食品株式会社", "製造補助"),
    ("さくら事務サービス株式会社", "事務補助（データ入力）"),
    ("ひかりホテル株式会社", "客室清掃"),
    ("株式会社はまなすIT", "ソフトウェアテスト"),
    ("こもれび介護株式会社", "介護補助"),
];

/// Gives demo client `n` an employment, certificate periods and a contract placing them at
/// a different stage: months since hiring run from 2 to 44 across the 30 clients.
async fn add_history(
    tx: &mut crate::db::Tx,
    client_id: i64,
    n: usize,
    office_id: i64,
    now: time::OffsetDateTime,
) -> anyhow::Result<()> {
    use crate::domain::client::{CertificateInput, EmploymentInput};
    use crate::domain::rules::period::{add_months, contract_end, months_from, service_window};
    let today = clock::today();
    let months_ago = [
        2, 4, 7, 9, 12, 14, 16, 18, 20, 22, 24, 26, 28, 30, 32, 34, 36, 37, 38, 39, 40, 41, 43, 44,
        8, 11, 15, 19, 25, 31,
    ][n % 30];
    // A hire about `months_ago` months back: a calendar shift for demo data, not a period.
    let hire = add_months(today, -months_ago);
    let (employer, job) = EMPLOYERS[n % EMPLOYERS.len()];
    let employment = EmploymentInput {
        employer_name: employer.to_string(),
        workplace_address: "（デモ）市内".to_string(),
        supervisor_name: "人事担当（デモ）".to_string(),
        supervisor_contact: "000-0000-0000".to_string(),
        job_title: job.to_string(),
        weekly_minutes: [1200, 1500, 1800, 2400][n % 4],
        ordinary_employment: true,
        hire_date: hire,
        return_to_work_date: None,
        end_date: None,
        end_reason: String::new(),
    };
    store::employments::insert(tx, client_id, &employment, now).await?;
    let window = service_window(hire, None);
    if today < window.earliest_start {
        return Ok(());
    }
    // Yearly decision periods from the start; every fifth client has not renewed yet.
    let mut start = window.earliest_start;
    let mut first = true;
    let mut certificate_id = 0;
    while start <= today && start <= window.latest_end {
        // A decision period of a year (12 months, 民法第143条), at most to the window's end.
        let end = months_from(start, 12).last_day.min(window.latest_end);
        if first {
            let input = CertificateInput {
                number: format!("99{:08}", client_id),
                municipality_code: "999999".to_string(),
                municipality_name: "デモ市".to_string(),
                income_category: ["general1", "low_income", "general2", "welfare"][n % 4]
                    .to_string(),
                monthly_cap_yen: [9300, 0, 37200, 0][n % 4],
                cap_manager_office: String::new(),
                period: (start, end),
            };
            certificate_id = store::certificates::insert(tx, client_id, &input, now).await?;
            first = false;
        } else if !n.is_multiple_of(5) || end < today {
            store::certificates::insert_period(tx, certificate_id, start, end, now).await?;
        }
        start = end.next_day().unwrap_or(end);
    }
    if let Ok(end) = contract_end(&window, window.earliest_start) {
        store::certificates::insert_contract(
            tx,
            client_id,
            office_id,
            window.earliest_start,
            window.earliest_start,
            end,
            now,
        )
        .await?;
    }
    Ok(())
}

/// A fictional hearing last month and, for most clients, one this month, with concerns and
/// a follow-up task, so that the month view and the past cases have something to show.
async fn add_contacts(
    tx: &mut crate::db::Tx,
    client_id: i64,
    n: usize,
    office_id: i64,
    supporter: i64,
) -> anyhow::Result<()> {
    use crate::domain::contact::{ActionInput, ConcernInput, ContactInput, Mode};
    let today = clock::today();
    let hearings = [
        (
            "lateness_absence",
            "朝起きられず、今月2回遅刻した。",
            "寝る時刻を決め、睡眠の記録をつける。",
        ),
        (
            "relationships",
            "上司の指示が早口で聞き取りにくい。",
            "指示をメモで受け取れるよう上司に相談する。",
        ),
        (
            "work_mistakes",
            "検品の数え間違いが続いた。",
            "チェック表を作り、ダブルチェックを頼む。",
        ),
        (
            "medication",
            "薬を飲み忘れる日がある。",
            "朝食後に飲む習慣をつけ、主治医にも相談する。",
        ),
        (
            "anxiety_stress",
            "新しい作業に不安が強い。",
            "作業手順を写真つきで整理する。",
        ),
    ];
    let (category, heard, advice) = hearings[n % hearings.len()];
    for (months_ago, resolved) in [(1, true), (0, false)] {
        if months_ago == 0 && n.is_multiple_of(3) {
            continue; // not yet met this month: the month view shows them in red
        }
        let day = crate::domain::rules::period::add_months(today, -months_ago)
            .replace_day(3)
            .unwrap_or(today);
        let occurred_at = day
            .with_hms(10, 0, 0)
            .unwrap_or(day.midnight())
            .assume_offset(clock::JST)
            .to_offset(time::UtcOffset::UTC);
        let input = ContactInput {
            occurred_at,
            mode: if n % 4 == 1 {
                Mode::WorkplaceVisit
            } else {
                Mode::FaceToFace
            },
            place: "事業所の面談室".to_string(),
            participants: vec!["client".to_string()],
            participants_note: String::new(),
            institution_id: None,
            heard: heard.to_string(),
            advice: advice.to_string(),
            shared_info: String::new(),
            accommodations: String::new(),
            is_handover: false,
            shared_consent_id: None,
            next_contact_on: Some(day + time::Duration::days(28)),
            concerns: vec![ConcernInput {
                category: category.to_string(),
                severity: 1 + (n % 3) as i64,
                note: String::new(),
            }],
            actions: vec![ActionInput {
                description: format!("次回までに確認: {advice}"),
                owner_id: supporter,
                due_on: day + time::Duration::days(14),
            }],
        };
        let contact = store::contacts::insert(
            tx,
            client_id,
            office_id,
            supporter,
            &input,
            time::OffsetDateTime::now_utc(),
        )
        .await?;
        if resolved {
            crate::on_tx!(tx, c => sqlx::query("UPDATE concerns SET resolved_at = $2, resolution = $3, resolved_by = $4 WHERE contact_id = $1")
                .bind(contact).bind(occurred_at + time::Duration::days(20)).bind(advice).bind(supporter)
                .execute(c).await.map(|r| r.rows_affected()))?;
            crate::on_tx!(tx, c => sqlx::query("UPDATE tasks SET done_at = $2 WHERE contact_id = $1")
                .bind(contact).bind(occurred_at + time::Duration::days(10))
                .execute(c).await.map(|r| r.rows_affected()))?;
        }
    }
    Ok(())
}

/// Loads the demo unless an organisation exists. Returns how to sign in.
pub async fn seed(db: &Db) -> anyhow::Result<Option<String>> {
    if store::organizations::find(db).await?.is_some() {
        return Ok(None);
    }
    let password = crate::web::session::random_token()[..16].to_string();
    let hash = crate::domain::password::hash(&password)?;
    let now = clock::now();
    let mut tx = db.begin().await?;
    let org =
        store::organizations::insert(&mut tx, "社会福祉法人 みらい定着会（デモ）", now).await?;
    let mut office_ids = Vec::new();
    for (i, (name, pref, address, station, phone)) in OFFICES.iter().enumerate() {
        let input = OfficeInput {
            name: (*name).to_string(),
            office_number: Some(format!("{:02}0000000{}", [2, 12, 22][i], i + 1)),
            prefecture: (*pref).to_string(),
            address: (*address).to_string(),
            nearest_station: (*station).to_string(),
            phone: (*phone).to_string(),
            email: format!("office{}@example.jp", i + 1),
            hours: "平日 9:00〜18:00（土日祝休み）".to_string(),
            services: "就労定着支援（職場での困りごとの相談、企業との調整、生活面の支援）。就労移行支援も行っています。".to_string(),
            published: true,
            plan_review_months: 3,
        };
        office_ids.push(store::offices::insert(&mut tx, org, &input, now).await?);
    }
    let mut accounts = Vec::new();
    let admin = StaffInput {
        login: "admin".into(),
        display_name: "本部 管理者".into(),
        email: "admin@example.jp".into(),
        is_admin: true,
        active: true,
    };
    store::staff::insert(&mut tx, org, &admin, &hash, now).await?;
    accounts.push((
        "admin".to_string(),
        "法人管理者 / administrator".to_string(),
    ));
    let mut supporters: Vec<Vec<i64>> = vec![Vec::new(); office_ids.len()];
    let staff_names = [
        ("森 一郎", "もり"),
        ("林 さくら", "はやし"),
        ("原 健太", "はら"),
    ];
    for (i, office_id) in office_ids.iter().enumerate() {
        let n = i + 1;
        let manager = StaffInput {
            login: format!("manager{n}"),
            display_name: format!("{} ({}・サビ管)", staff_names[i].0, OFFICES[i].0),
            email: format!("manager{n}@example.jp"),
            is_admin: false,
            active: true,
        };
        let id = store::staff::insert(&mut tx, org, &manager, &hash, now).await?;
        store::staff::set_memberships(
            &mut tx,
            id,
            &[Membership {
                office_id: *office_id,
                role: Role::Manager,
            }],
        )
        .await?;
        accounts.push((
            manager.login.clone(),
            format!("{} サービス管理責任者 / manager", OFFICES[i].0),
        ));
        for k in 1..=2 {
            let login = format!("supporter{n}{k}");
            let s = StaffInput {
                login: login.clone(),
                display_name: format!("支援員{} ({})", ["A", "B"][k - 1], OFFICES[i].0),
                email: format!("{login}@example.jp"),
                is_admin: false,
                active: true,
            };
            let id = store::staff::insert(&mut tx, org, &s, &hash, now).await?;
            store::staff::set_memberships(
                &mut tx,
                id,
                &[Membership {
                    office_id: *office_id,
                    role: Role::Supporter,
                }],
            )
            .await?;
            supporters[i].push(id);
            accounts.push((
                login,
                format!("{} 就労定着支援員 / supporter", OFFICES[i].0),
            ));
        }
    }
    for n in 0..30usize {
        let office = n % office_ids.len();
        let (family, family_kana) = FAMILY[n % FAMILY.len()];
        let (given, given_kana) = GIVEN[(n * 3 + n / 10) % GIVEN.len()];
        let birth = Date::from_calendar_date(
            1975 + (n as i32 * 7) % 28,
            Month::try_from(1 + ((n * 5) % 12) as u8)?,
            1 + ((n * 11) % 28) as u8,
        )?;
        let client = ClientInput {
            name: format!("{family} {given}"),
            kana: format!("{family_kana} {given_kana}"),
            birth_date: birth,
            phone: format!("090-0000-{:04}", n),
            email: String::new(),
            address: String::new(),
            disabilities: vec![
                [
                    Disability::Mental,
                    Disability::Developmental,
                    Disability::Intellectual,
                    Disability::Physical,
                    Disability::Intractable,
                ][n % 5],
            ],
            prior_service: [
                PriorService::EmploymentTransition,
                PriorService::ContinuousA,
                PriorService::ContinuousB,
                PriorService::LifeCare,
            ][n % 4],
            prior_office_name: [
                "就労移行支援事業所 あさひ（デモ）",
                "就労継続支援A型 こだま（デモ）",
                "就労継続支援B型 そよかぜ（デモ）",
                "生活介護 ひだまり（デモ）",
            ][n % 4]
                .to_string(),
            prior_office_integrated: false,
            supporter_id: Some(supporters[office][n % 2]),
        };
        let client_id = store::clients::create(&mut tx, office_ids[office], &client, now).await?;
        add_history(&mut tx, client_id, n, office_ids[office], now).await?;
        add_contacts(
            &mut tx,
            client_id,
            n,
            office_ids[office],
            supporters[office][n % 2],
        )
        .await?;
    }
    tx.commit().await?;
    let mut out = String::from(
        "Demo data loaded: 社会福祉法人 みらい定着会（デモ） with offices 青森, 西船橋, 浜松駅前 and 30 fictional clients.\n",
    );
    out.push_str(&format!(
        "Every demo account signs in with the password: {password}\n"
    ));
    for (login, what) in accounts {
        out.push_str(&format!("  {login:<14} {what}\n"));
    }
    Ok(Some(out))
}
