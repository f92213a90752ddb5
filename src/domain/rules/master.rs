//! Master data: the figures a 報酬改定 changes, each table dated (`valid_from`, `valid_to`)
//! and carrying the page it was taken from (domain.md: "Store all units, rates and prices
//! as versioned master data"). The rules take a table as an argument; this module only
//! answers "which table was in force on this date".
//!
//! A period whose table is UNCONFIRMED in domain.md has no table here, so a lookup for it
//! is an error that says so, never a guess.

use time::{Date, macros::date};

use super::charge::IncomeCategory;
use super::reward::{Rate, RewardTable, RewardTier};
use crate::i18n::Lang;

/// The R6 基本報酬, from 2024-04-01: one axis, 就労定着率, no 利用者数 bands (domain.md
/// §1.1).
const R6_TIERS: &[RewardTier] = &[
    tier(95, 100, 3512, "9割5分以上"),
    tier(90, 100, 3348, "9割以上9割5分未満"),
    tier(80, 100, 2768, "8割以上9割未満"),
    tier(70, 100, 2234, "7割以上8割未満"),
    tier(50, 100, 1690, "5割以上7割未満"),
    tier(30, 100, 1433, "3割以上5割未満"),
    tier(0, 1, 1074, "3割未満"),
];

/// The R1.10 基本報酬 for offices with 20 users or fewer, 2019-10-01 to 2021-03-31
/// (domain.md §1.2, for back-claims only).
const R1_10_TIERS: &[RewardTier] = &[
    tier(90, 100, 3215, "9割以上"),
    tier(80, 100, 2652, "8割以上9割未満"),
    tier(70, 100, 2130, "7割以上8割未満"),
    tier(50, 100, 1607, "5割以上7割未満"),
    tier(30, 100, 1366, "3割以上5割未満"),
    tier(10, 100, 1206, "1割以上3割未満"),
    tier(0, 1, 1045, "1割未満"),
];

const fn tier(num: u32, den: u32, units: u32, label_ja: &'static str) -> RewardTier {
    RewardTier {
        at_least: Rate { num, den },
        units,
        label_ja,
    }
}

/// Every confirmed 基本報酬 table, newest first. 2021-04-01 to 2024-03-31 (R3) is missing on
/// purpose: domain.md §1.2 and §9 item 1 mark it UNCONFIRMED.
pub static REWARD_TABLES: &[RewardTable] = &[
    RewardTable {
        name: "令和6年度報酬改定",
        valid_from: date!(2024 - 04 - 01),
        valid_to: None,
        source: "https://fukushisoft.co.jp/?p=6360",
        note: None,
        tiers: R6_TIERS,
    },
    RewardTable {
        name: "令和元年10月報酬改定（利用者数20人以下）",
        valid_from: date!(2019 - 10 - 01),
        valid_to: Some(date!(2021 - 03 - 31)),
        source: "https://kaigosupport.com/2021/02/19/shuurouteichakuhoushuukijyun/",
        // domain.md §1.2: the 21–40 and 41+ user tables existed but are not in the source.
        note: Some("利用者数20人以下の事業所の表です。21人以上の事業所の表は収録していません。"),
        tiers: R1_10_TIERS,
    },
];

/// Periods known to have had a table that is not confirmed yet, with the message key saying
/// why (domain.md §1.2).
const UNCONFIRMED_REWARD_PERIODS: &[(Date, Date, &str)] = &[(
    date!(2021 - 04 - 01),
    date!(2024 - 03 - 31),
    "rules.reward_r3_unconfirmed",
)];

/// 負担上限月額 by income category (domain.md §5).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CapTable {
    pub valid_from: Date,
    pub valid_to: Option<Date>,
    pub source: &'static str,
    pub welfare_yen: u64,
    pub low_income_yen: u64,
    pub general1_yen: u64,
    pub general2_yen: u64,
}

impl CapTable {
    pub fn cap_yen(&self, category: IncomeCategory) -> u64 {
        match category {
            IncomeCategory::Welfare => self.welfare_yen,
            IncomeCategory::LowIncome => self.low_income_yen,
            IncomeCategory::General1 => self.general1_yen,
            IncomeCategory::General2 => self.general2_yen,
        }
    }
}

/// Every confirmed cap table, newest first. The municipal pages domain.md §5 cites
/// (also http://city.onojo.fukuoka.jp/s052/030/030/050/020/f023.html and
/// https://info-faq.city.matsuyama.ehime.jp/faq/show/816) describe the caps in force; they
/// are recorded from the R6 revision, the revision domain.md is written against.
pub static CAP_TABLES: &[CapTable] = &[CapTable {
    valid_from: date!(2024 - 04 - 01),
    valid_to: None,
    source: "https://www.city.mizuho.lg.jp/1874.htm",
    welfare_yen: 0,
    low_income_yen: 0,
    general1_yen: 9_300,
    general2_yen: 37_200,
}];

/// No confirmed table for a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum MasterError {
    #[error("no confirmed reward table for {date}")]
    NoRewardTable {
        date: Date,
        /// The message key saying why, when the period is a known gap.
        why: Option<&'static str>,
    },
    #[error("no confirmed monthly cap table for {date}")]
    NoCapTable { date: Date },
}

impl MasterError {
    /// A sentence for people, in `lang` (messages `rules.*`).
    pub fn message(&self, lang: Lang) -> String {
        match self {
            MasterError::NoRewardTable { date, why } => {
                let oldest = REWARD_TABLES.iter().map(|t| t.valid_from).min();
                let why = match (why, oldest) {
                    (Some(why), _) => lang.t(why).to_string(),
                    (None, Some(oldest)) if *date < oldest => lang.fill(
                        "rules.reward_before_oldest",
                        &[("oldest", oldest.to_string())],
                    ),
                    (None, _) => lang.t("rules.reward_not_included").to_string(),
                };
                lang.fill(
                    "rules.no_reward_table",
                    &[("date", date.to_string()), ("why", why)],
                )
            }
            MasterError::NoCapTable { date } => {
                let oldest = CAP_TABLES.iter().map(|t| t.valid_from).min();
                match oldest {
                    Some(oldest) if *date < oldest => lang.fill(
                        "rules.no_cap_table_before",
                        &[("date", date.to_string()), ("oldest", oldest.to_string())],
                    ),
                    _ => lang.fill("rules.no_cap_table", &[("date", date.to_string())]),
                }
            }
        }
    }
}

fn in_force(valid_from: Date, valid_to: Option<Date>, date: Date) -> bool {
    valid_from <= date && valid_to.is_none_or(|to| date <= to)
}

/// The 基本報酬 table in force on `date`.
pub fn reward_table_on(date: Date) -> Result<&'static RewardTable, MasterError> {
    REWARD_TABLES
        .iter()
        .find(|t| in_force(t.valid_from, t.valid_to, date))
        .ok_or_else(|| MasterError::NoRewardTable {
            date,
            why: UNCONFIRMED_REWARD_PERIODS
                .iter()
                .find(|(from, to, _)| *from <= date && date <= *to)
                .map(|(_, _, why)| *why),
        })
}

/// The cap table in force on `date`.
pub fn cap_table_on(date: Date) -> Result<&'static CapTable, MasterError> {
    CAP_TABLES
        .iter()
        .find(|t| in_force(t.valid_from, t.valid_to, date))
        .ok_or(MasterError::NoCapTable { date })
}

/// A 基本報酬 row's name in `lang`: the 告示's own words in Japanese; in English, the range
/// of 就労定着率 the row covers, read from the table it belongs to ("90% to under 95%").
/// A name no table has is returned as it is.
pub fn tier_label(label_ja: &str, lang: Lang) -> String {
    if lang == Lang::Ja {
        return label_ja.to_string();
    }
    let pct = |r: Rate| r.num * 100 / r.den;
    for table in REWARD_TABLES {
        if let Some(i) = table.tiers.iter().position(|t| t.label_ja == label_ja) {
            let lower = pct(table.tiers[i].at_least);
            let upper = i.checked_sub(1).map(|j| pct(table.tiers[j].at_least));
            return match (lower, upper) {
                (_, None) => format!("{lower}% or more"),
                (0, Some(u)) => format!("under {u}%"),
                (l, Some(u)) => format!("{l}% to under {u}%"),
            };
        }
    }
    label_ja.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::rules::reward::{RewardError, reward_tier, reward_units};

    /// Tables are well formed: dated, sourced, tiers strictly descending down to a 0 bound,
    /// and no two tables in force on the same day.
    #[test]
    fn master_data_is_well_formed() {
        for t in REWARD_TABLES {
            assert!(t.source.starts_with("http"), "{}", t.name);
            assert!(t.valid_to.is_none_or(|to| t.valid_from <= to), "{}", t.name);
            let last = t.tiers.last().map(|l| l.at_least.num);
            assert_eq!(last, Some(0), "{} ends with a 0 bound", t.name);
            for pair in t.tiers.windows(2) {
                let (hi, lo) = (pair[0].at_least, pair[1].at_least);
                assert!(
                    u64::from(hi.num) * u64::from(lo.den) > u64::from(lo.num) * u64::from(hi.den),
                    "{}: bounds descend",
                    t.name
                );
                assert!(pair[0].units > pair[1].units, "{}: units descend", t.name);
            }
        }
        let starts: Vec<Date> = REWARD_TABLES.iter().map(|t| t.valid_from).collect();
        for t in REWARD_TABLES {
            for s in &starts {
                if *s != t.valid_from {
                    assert!(!in_force(t.valid_from, t.valid_to, *s), "overlap at {s}");
                }
            }
        }
        for c in CAP_TABLES {
            assert!(c.source.starts_with("http"));
        }
    }

    /// domain.md §1.1 (R6): every tier exactly at, just below and just above its bound.
    #[test]
    fn r6_tiers_at_every_boundary() {
        let r6 = reward_table_on(date!(2026 - 04 - 01));
        assert_eq!(r6.map(|t| t.valid_from), Ok(date!(2024 - 04 - 01)));
        let Ok(r6) = r6 else { return };
        let cases = [
            (20, 20, 3512),
            (19, 20, 3512),    // exactly 95%
            (950, 1000, 3512), // exactly 95%
            (951, 1000, 3512), // just above
            (949, 1000, 3348), // just below 95%
            (18, 20, 3348),    // exactly 90%
            (900, 1000, 3348), // exactly 90%
            (899, 1000, 2768), // just below 90%
            (901, 1000, 3348), // just above 90%
            (8, 10, 2768),     // exactly 80%
            (799, 1000, 2234), // just below 80%
            (801, 1000, 2768), // just above 80%
            (7, 10, 2234),     // exactly 70%
            (699, 1000, 1690), // just below 70%
            (701, 1000, 2234), // just above 70%
            (1, 2, 1690),      // exactly 50%
            (499, 1000, 1433), // just below 50%
            (501, 1000, 1690), // just above 50%
            (3, 10, 1433),     // exactly 30%
            (30, 100, 1433),   // exactly 30%
            (29, 100, 1074),   // just below 30%
            (301, 1000, 1433), // just above 30%
            (0, 20, 1074),     // nobody retained
            (2, 3, 1690),      // 66.7%: a rate with no exact decimal
            (19, 21, 3348),    // 90.48%
        ];
        for (retained, served, units) in cases {
            assert_eq!(
                reward_units(retained, served, r6),
                Ok(units),
                "{retained}/{served}"
            );
        }
        assert_eq!(
            reward_tier(18, 20, r6).map(|t| t.label_ja),
            Ok("9割以上9割5分未満")
        );
        assert_eq!(reward_units(1, 0, r6), Err(RewardError::NoneServed));
        assert_eq!(
            reward_units(21, 20, r6),
            Err(RewardError::RetainedExceedsServed {
                retained: 21,
                served: 20
            })
        );
    }

    /// domain.md §1.2 (R1.10, 20 users or fewer).
    #[test]
    fn r1_10_tiers_at_every_boundary() {
        let Ok(old) = reward_table_on(date!(2020 - 06 - 30)) else {
            panic!("R1.10 table")
        };
        assert_eq!(old.valid_from, date!(2019 - 10 - 01));
        assert!(old.note.is_some(), "says it is the 20-or-fewer table");
        let cases = [
            (19, 20, 3215),
            (9, 10, 3215),
            (899, 1000, 2652),
            (8, 10, 2652),
            (799, 1000, 2130),
            (7, 10, 2130),
            (699, 1000, 1607),
            (5, 10, 1607),
            (499, 1000, 1366),
            (3, 10, 1366),
            (299, 1000, 1206),
            (1, 10, 1206),
            (99, 1000, 1045),
            (0, 5, 1045),
        ];
        for (retained, served, units) in cases {
            assert_eq!(
                reward_units(retained, served, old),
                Ok(units),
                "{retained}/{served}"
            );
        }
    }

    /// The table in force on each day, and the UNCONFIRMED R3 period (domain.md §1.2, §9).
    #[test]
    fn reward_table_by_date() {
        let on = |d| reward_table_on(d).map(|t| t.valid_from);
        assert_eq!(on(date!(2024 - 04 - 01)), Ok(date!(2024 - 04 - 01)));
        assert_eq!(on(date!(2030 - 01 - 01)), Ok(date!(2024 - 04 - 01)));
        assert_eq!(on(date!(2019 - 10 - 01)), Ok(date!(2019 - 10 - 01)));
        assert_eq!(on(date!(2021 - 03 - 31)), Ok(date!(2019 - 10 - 01)));
        for d in [
            date!(2021 - 04 - 01),
            date!(2022 - 10 - 01),
            date!(2024 - 03 - 31),
        ] {
            let e = reward_table_on(d);
            assert!(
                matches!(e, Err(MasterError::NoRewardTable { why: Some(_), .. })),
                "{d}"
            );
            let message = e.err().map(|e| e.message(Lang::Ja)).unwrap_or_default();
            assert!(message.contains("未確認"), "{message}");
            let english = e.err().map(|e| e.message(Lang::En)).unwrap_or_default();
            assert!(
                english.contains("unconfirmed") && english.contains(&d.to_string()),
                "{english}"
            );
        }
        let e = reward_table_on(date!(2019 - 09 - 30)).err();
        assert_eq!(
            e,
            Some(MasterError::NoRewardTable {
                date: date!(2019 - 09 - 30),
                why: None
            })
        );
        let message = e.map(|e| e.message(Lang::Ja)).unwrap_or_default();
        assert!(message.contains("2019-10-01 より前"), "{message}");
        let english = e.map(|e| e.message(Lang::En)).unwrap_or_default();
        assert!(english.contains("before 2019-10-01"), "{english}");
    }

    /// domain.md §5: 0 / 0 / 9,300 / 37,200 yen.
    #[test]
    fn caps_by_category_and_date() {
        let Ok(caps) = cap_table_on(date!(2026 - 11 - 27)) else {
            panic!("cap table")
        };
        let got: Vec<u64> = IncomeCategory::ALL
            .iter()
            .map(|c| caps.cap_yen(*c))
            .collect();
        assert_eq!(got, [0, 0, 9_300, 37_200]);
        assert!(cap_table_on(date!(2024 - 04 - 01)).is_ok());
        let e = cap_table_on(date!(2024 - 03 - 31));
        assert_eq!(
            e,
            Err(MasterError::NoCapTable {
                date: date!(2024 - 03 - 31)
            })
        );
        let message = e.err().map(|e| e.message(Lang::Ja)).unwrap_or_default();
        assert!(message.contains("2024-04-01 より前"), "{message}");
        let english = e.err().map(|e| e.message(Lang::En)).unwrap_or_default();
        assert!(english.contains("before 2024-04-01"), "{english}");
    }

    /// The English names of the R6 rows (domain.md §1.1) and of the R1.10 rows (§1.2).
    #[test]
    fn tier_names_in_english_follow_the_table() {
        let cases = [
            ("9割5分以上", "95% or more"),
            ("9割以上9割5分未満", "90% to under 95%"),
            ("5割以上7割未満", "50% to under 70%"),
            ("3割未満", "under 30%"),
            ("9割以上", "90% or more"),
            ("1割未満", "under 10%"),
            ("表にない名前", "表にない名前"),
        ];
        for (ja, en) in cases {
            assert_eq!(tier_label(ja, Lang::En), en, "{ja}");
            assert_eq!(tier_label(ja, Lang::Ja), ja);
        }
    }
}
