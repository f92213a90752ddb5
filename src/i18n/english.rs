//! English is complete and written with half-width punctuation (issue 12, item 10): every
//! English message, the English emails and the English guide. Japanese terms may stand in
//! English text (就労定着支援, 受給者証), but the punctuation around them is English.

use super::{Lang, TABLES};

/// Full-width punctuation that has no place in English text.
const FULL_WIDTH: &[char] = &[
    '、', '。', '，', '．', '：', '；', '？', '！', '（', '）', '「', '」', '『', '』', '【', '】',
    '〈', '〉', '《', '》', '［', '］', '｛', '｝', '＜', '＞', '〜', '～', '・', '\u{3000}', '／',
    '＝', '＋', '－', '％', '＆', '＃', '＠', '＿', '｜', '＂', '＇',
];

/// The full-width punctuation marks in `text`, in order.
fn full_width_in(text: &str) -> Vec<char> {
    text.chars().filter(|c| FULL_WIDTH.contains(c)).collect()
}

#[test]
fn the_check_finds_full_width_punctuation() {
    assert_eq!(full_width_in("Date: 2026-11-30 (Mon)"), Vec::<char>::new());
    assert_eq!(full_width_in("Example：Reiwa（令和）"), ['：', '（', '）']);
    assert_eq!(full_width_in("就労定着支援, 受給者証"), Vec::<char>::new());
    assert_eq!(full_width_in("a　b・c〜d"), ['\u{3000}', '・', '〜']);
}

#[test]
fn english_messages_use_half_width_punctuation() {
    let bad: Vec<String> = TABLES
        .iter()
        .flat_map(|t| t.iter())
        .filter(|(_, _, en)| !full_width_in(en).is_empty())
        .map(|(key, _, en)| format!("{key}: {en}"))
        .collect();
    assert!(
        bad.is_empty(),
        "full-width punctuation in English:\n{}",
        bad.join("\n")
    );
}

#[test]
fn english_emails_and_the_guide_use_half_width_punctuation() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/templates/email");
    let mut bad = Vec::new();
    let mut seen = 0;
    for entry in std::fs::read_dir(dir).expect("templates/email").flatten() {
        let path = entry.path();
        if !path.to_string_lossy().ends_with(".en.txt") {
            continue;
        }
        seen += 1;
        let text = std::fs::read_to_string(&path).expect("template");
        for (n, line) in text.lines().enumerate() {
            // The values put in at run time (`{{ … }}`) are the recipient's own words.
            let fixed: String = line
                .split("{{")
                .map(|p| p.split_once("}}").map_or(p, |(_, rest)| rest))
                .collect();
            if !full_width_in(&fixed).is_empty() {
                bad.push(format!("{}:{}: {line}", path.display(), n + 1));
            }
        }
    }
    assert!(seen >= 5, "the English emails were found");
    for (title, body) in crate::domain::guide::DEFAULT_SECTIONS_EN {
        if !full_width_in(title).is_empty() || !full_width_in(body).is_empty() {
            bad.push(format!("guide: {title}"));
        }
    }
    assert!(
        bad.is_empty(),
        "full-width punctuation in English:\n{}",
        bad.join("\n")
    );
}

/// Keys built from codes at run time on the pages of issue 12: each has both languages.
#[test]
fn codes_shown_on_the_new_pages_have_both_languages() {
    use crate::domain::rules::eligibility::PriorService;
    use crate::domain::rules::period::ServiceStage;
    let mut keys: Vec<String> = PriorService::ALL.iter().map(|p| p.label_key()).collect();
    keys.extend(
        crate::domain::inquirer::RELATIONSHIPS
            .iter()
            .map(|r| format!("inquiry.relationship.{r}")),
    );
    keys.extend(
        [
            ServiceStage::BeforeStart,
            ServiceStage::Active,
            ServiceStage::EndingSoon,
            ServiceStage::Ended,
        ]
        .iter()
        .map(|s| format!("inquiry.outlook.{}", s.code())),
    );
    let facts = crate::domain::first_day::FirstDayFacts::default();
    for step in crate::domain::first_day::checklist(&facts).expect("steps") {
        keys.push(format!("setup.step.{}", step.code));
        keys.push(format!("setup.step.{}_help", step.code));
    }
    let missing: Vec<_> = keys
        .iter()
        .filter(|k| Lang::Ja.get(k).is_none() || Lang::En.get(k).is_none())
        .collect();
    assert!(missing.is_empty(), "missing labels: {missing:?}");
}
