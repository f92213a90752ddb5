//! The fictional demo organisation: three offices (青森, 西船橋, 浜松駅前), staff of each role
//! and about 30 clients. Every name is made up from common name parts; every phone number
//! is in the 0120-000-xxx / 000 ranges that reach nobody; email addresses use the reserved
//! `example.jp` domain. One random password, printed once, signs in every demo account.

use time::{Date, Month};

use crate::clock;
use crate::db::Db;
use crate::domain::office::OfficeInput;
use crate::domain::staff::{Membership, Role};
use crate::store::{self, clients::NewClient, staff::StaffInput};

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
        let client = NewClient {
            office_id: office_ids[office],
            supporter_id: Some(supporters[office][n % 2]),
            name: format!("{family} {given}"),
            kana: format!("{family_kana} {given_kana}"),
            birth_date: birth,
        };
        store::clients::insert(&mut tx, &client, now).await?;
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
