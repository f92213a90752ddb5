//! The fictional demo organisation: three offices (青森, 西船橋, 浜松駅前), staff of each role
//! and about 30 clients. Every name is made up from common name parts; every phone number
//! is in the 0120-000-xxx / 000 ranges that reach nobody; email addresses use the reserved
//! `example.jp` domain. One random password, printed once, signs in every demo account.
//!
//! Every date is relative to `today` (passed in) and no record of the past is dated after
//! it. Last month has contacts and reports (most final and shared, some left unfinished for
//! the month close); each office has tour slots, a new inquiry and a tour to confirm. The
//! 国保連 file can be written end to end: the municipality number has a valid check digit
//! and every claim item has a service code, entered as 見本 (made up, marked `sample`, the
//! claim page says so) because the real codes are UNCONFIRMED (domain.md §7.3).

use time::{Date, Month};

use crate::clock;
use crate::db::{Db, Tx};
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
    tx: &mut Tx,
    client_id: i64,
    n: usize,
    office_id: i64,
    today: Date,
    now: time::OffsetDateTime,
) -> anyhow::Result<()> {
    use crate::domain::client::{CertificateInput, EmploymentInput};
    use crate::domain::rules::period::{add_months, contract_end, months_from, service_window};
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
                municipality_code: demo_municipality(),
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

/// The fictional デモ市's 市町村番号: the body 99999 (no real municipality) with its check
/// digit (domain.md §7.3), so that the 国保連 file's check passes.
fn demo_municipality() -> String {
    let body = "99999";
    let digit = crate::domain::kokuho::municipality_check_digit(body).unwrap_or(0);
    format!("{body}{digit}")
}

/// A fictional hearing last month and, for most clients, one this month (once the 3rd has
/// come: nothing is dated after `now`), with concerns and a follow-up task, so that the
/// month view and the past cases have something to show.
async fn add_contacts(
    tx: &mut Tx,
    client_id: i64,
    n: usize,
    office_id: i64,
    supporter: i64,
    now: time::OffsetDateTime,
) -> anyhow::Result<()> {
    use crate::domain::contact::{ActionInput, ConcernInput, ContactInput, Mode};
    let today = now.to_offset(clock::JST).date();
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
        if occurred_at > now {
            continue; // this month's hearing has not happened yet
        }
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
            // Last month's hearing planned the next one in the coming days (so the home
            // page lists today's and this week's visits); this month's in four weeks.
            next_contact_on: Some(if months_ago == 1 {
                today + time::Duration::days((n % 6) as i64)
            } else {
                day + time::Duration::days(28)
            }),
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
        let contact =
            store::contacts::insert(tx, client_id, office_id, supporter, &input, now).await?;
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

/// Last month's 支援レポート: most clients' final and shared with them on the 28th; every
/// fifth client's still a draft and every seventh's not started, so that the month close
/// on the home page has something to finish.
async fn add_last_month_report(
    tx: &mut Tx,
    client_id: i64,
    n: usize,
    supporter: i64,
    now: time::OffsetDateTime,
) -> anyhow::Result<()> {
    use crate::domain::month::YearMonth;
    if n % 7 == 6 {
        return Ok(());
    }
    let month = YearMonth::of(now.to_offset(clock::JST).date()).previous();
    let body = format!(
        "{month} の支援レポート（デモ）\n\n今月の様子: 職場での面談を行い、困りごとを一緒に整理しました。\n次の月に向けて: 生活リズムと職場での報告・連絡・相談を続けて確認します。"
    );
    let id = store::reports::insert_first(tx, client_id, month, &body, now).await?;
    if n % 5 == 1 {
        return Ok(()); // left as a draft
    }
    store::reports::finalise(tx, id, supporter, now).await?;
    let shared_on = month.last_day().replace_day(28).unwrap_or(month.last_day());
    let share = store::reports::NewShare {
        recipient_kind: "client",
        recipient_name: String::new(),
        consent_id: None,
        shared_on,
        method: "in_person".to_string(),
    };
    store::reports::insert_share(tx, id, &share, supporter, now).await?;
    Ok(())
}

/// A 見本 service code for every claim item (the real ones are UNCONFIRMED, domain.md §7.3):
/// the サービス種類 47 and 9xxx, made up, marked `sample` so that the master and claim pages
/// say they must not be sent. Entered from the master's start day, so each replaces the
/// open row of its item (`store::claims::insert_master`).
async fn add_sample_service_codes(
    tx: &mut Tx,
    rows: &[store::claims::MasterRow],
    now: time::OffsetDateTime,
) -> anyhow::Result<()> {
    for (i, r) in rows.iter().filter(|r| r.item != "service_kind").enumerate() {
        let code = format!("479{:03}", i + 1);
        let input = store::claims::MasterInput {
            item: &r.item,
            valid_from: r.valid_from,
            valid_to: None,
            units: r.units,
            percent: r.percent,
            service_code: &code,
            source: &r.source,
            confirmed: r.confirmed,
            note: &r.note,
            sample: true,
        };
        store::claims::insert_master(tx, &input, None, now).await?;
    }
    Ok(())
}

/// Tour slots on the next weekdays, a new inquiry and a tour asked for, not yet confirmed.
async fn add_tours(
    tx: &mut Tx,
    office_id: i64,
    i: usize,
    manager: i64,
    now: time::OffsetDateTime,
) -> anyhow::Result<()> {
    use crate::domain::inquiry::InquiryInput;
    use crate::domain::tour::SlotInput;
    let today = now.to_offset(clock::JST).date();
    let mut day = today;
    let mut slots = Vec::new();
    while slots.len() < 3 {
        day = day.next_day().unwrap_or(day);
        if crate::domain::month_close::is_weekend(day) {
            continue;
        }
        let at = |h: u8| {
            day.with_hms(h, 0, 0)
                .unwrap_or(day.midnight())
                .assume_offset(clock::JST)
                .to_offset(time::UtcOffset::UTC)
        };
        let slot = SlotInput {
            starts_at: at(14),
            ends_at: at(15),
            capacity: 3,
            place_note: "1階の受付でお名前をお伝えください。".to_string(),
        };
        slots.push(store::tours::insert_slot(tx, office_id, &slot, manager, now).await?);
    }
    let from = crate::store::inquiries::Sender {
        staff_id: Some(manager),
        ..Default::default()
    };
    let question = InquiryInput {
        office_id,
        kind: "question".into(),
        channel: "phone".into(),
        name: format!("{} 保護者（デモ）", FAMILY[(i + 3) % FAMILY.len()].0),
        phone: format!("0120-000-{:03}", 100 + i),
        email: String::new(),
        contact_by: "phone".into(),
        preferred_times: "平日の午後".into(),
        message: "息子が就職して半年になります。定着支援の利用について話を聞きたいです。".into(),
        person: crate::domain::inquirer::Person {
            relationship: "parent".into(),
            name: format!(
                "{} {}（デモ）",
                FAMILY[(i + 3) % FAMILY.len()].0,
                GIVEN[(i + 1) % GIVEN.len()].0
            ),
            employer_name: "株式会社みほん物流（デモ）".into(),
            hire_date: Some(now.date() - time::Duration::days(200)),
        },
    };
    store::inquiries::insert(tx, &question, from, now).await?;
    let tour = InquiryInput {
        office_id,
        kind: "tour".into(),
        channel: "web".into(),
        name: format!(
            "{} {}（デモ）",
            FAMILY[(i + 5) % FAMILY.len()].0,
            GIVEN[i].0
        ),
        phone: String::new(),
        email: format!("visitor{}@example.jp", i + 1),
        contact_by: "email".into(),
        preferred_times: String::new(),
        message: "見学を希望します。".into(),
        person: crate::domain::inquirer::Person {
            relationship: "self".into(),
            ..Default::default()
        },
    };
    let inquiry = store::inquiries::insert(tx, &tour, Default::default(), now).await?;
    if store::tours::take_seat(tx, slots[0], office_id, now).await? {
        store::tours::insert_booking(tx, inquiry, slots[0], now).await?;
    }
    Ok(())
}

/// Loads the demo unless an organisation exists, dated relative to `now` (the caller's
/// clock). Returns how to sign in.
pub async fn seed(db: &Db, now: time::OffsetDateTime) -> anyhow::Result<Option<String>> {
    if store::organizations::find(db).await?.is_some() {
        return Ok(None);
    }
    let today = now.to_offset(clock::JST).date();
    let password = crate::web::session::random_token()[..16].to_string();
    let hash = crate::domain::password::hash(&password)?;
    // The items in force from the R6 revision, read before the transaction takes the
    // database (SQLite's one writer).
    let master = store::claims::master_on(db, time::macros::date!(2024 - 04 - 01)).await?;
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
    let mut managers: Vec<i64> = Vec::new();
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
        managers.push(id);
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
        add_history(&mut tx, client_id, n, office_ids[office], today, now).await?;
        add_contacts(
            &mut tx,
            client_id,
            n,
            office_ids[office],
            supporters[office][n % 2],
            now,
        )
        .await?;
        add_last_month_report(&mut tx, client_id, n, supporters[office][n % 2], now).await?;
    }
    add_sample_service_codes(&mut tx, &master, now).await?;
    for (i, office_id) in office_ids.iter().enumerate() {
        add_tours(&mut tx, *office_id, i, managers[i], now).await?;
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
