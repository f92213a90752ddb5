//! Cells as people write them, turned into what the forms read: 所得区分, 利用前のサービス,
//! 障害種別, yes/no, half-width katakana.

use super::columns::header_key;
use crate::domain::client::Disability;
use crate::domain::fields::normalize_ascii;
use crate::domain::rules::charge::IncomeCategory;
use crate::domain::rules::eligibility::PriorService;

/// 所得区分 as written (生活保護, 低所得, 一般1, 一般２…) or as its code.
pub(super) fn income_category_code(v: &str) -> String {
    let v = normalize_ascii(v).replace(' ', "");
    IncomeCategory::ALL
        .into_iter()
        .find(|c| c.code() == v || c.label_ja() == v || v.starts_with(c.label_ja()))
        .map_or(v, |c| c.code().to_string())
}

/// 利用前のサービス as written (就労移行支援, 就労継続支援Ｂ型, なし…) or as its code.
pub(super) fn prior_service_code(v: &str) -> String {
    let key = header_key(v);
    if matches!(key.as_str(), "なし" | "無" | "該当なし") {
        return PriorService::None.code().to_string();
    }
    PriorService::ALL
        .into_iter()
        .find(|s| s.code() == key || header_key(s.label_ja()) == key)
        .map_or(v.trim().to_string(), |s| s.code().to_string())
}

/// 障害種別, several separated by 、 , ・ / or spaces: 精神, 精神障害, 発達 or the codes.
/// An unknown word gives no code, so the form says to choose one.
pub(super) fn disability_codes(v: &str) -> Vec<String> {
    normalize_ascii(v)
        .split(['、', ',', '・', '/', ' ', '，'])
        .filter(|w| !w.is_empty())
        .filter_map(|w| {
            let w = w.trim_end_matches("障害");
            Disability::ALL
                .into_iter()
                .find(|d| {
                    d.code() == w
                        || matches!(
                            (d, w),
                            (Disability::Physical, "身体")
                                | (Disability::Intellectual, "知的")
                                | (Disability::Mental, "精神")
                                | (Disability::Developmental, "発達")
                                | (Disability::Intractable, "難病")
                        )
                })
                .map(|d| d.code().to_string())
        })
        .collect()
}

/// はい/いいえ, yes/no, ○/×, 1/0 as the form's `yes`/`no`; anything else as written.
pub(super) fn yes_no(v: &str) -> String {
    match normalize_ascii(v).to_lowercase().as_str() {
        "はい" | "yes" | "○" | "◯" | "1" | "true" | "有" => "yes".to_string(),
        "いいえ" | "no" | "×" | "0" | "false" | "無" => "no".to_string(),
        other => other.to_string(),
    }
}

/// Half-width katakana (ﾔﾏﾀﾞ ﾊﾅｺ, as older packages export) as full-width, so the form's
/// ふりがな check reads it; dakuten and handakuten are joined.
pub(super) fn katakana_half_to_full(v: &str) -> String {
    const BASE: &str = "ｦｧｨｩｪｫｬｭｮｯｰｱｲｳｴｵｶｷｸｹｺｻｼｽｾｿﾀﾁﾂﾃﾄﾅﾆﾇﾈﾉﾊﾋﾌﾍﾎﾏﾐﾑﾒﾓﾔﾕﾖﾗﾘﾙﾚﾛﾜﾝ";
    const FULL: &str = "ヲァィゥェォャュョッーアイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワン";
    let mut out = String::new();
    for c in v.chars() {
        match c {
            'ﾞ' | 'ﾟ' => {
                let combined = out.pop().and_then(|prev| {
                    let step = if c == 'ﾞ' { 1 } else { 2 };
                    let ok = if c == 'ﾞ' {
                        "カキクケコサシスセソタチツテトハヒフヘホ".contains(prev)
                    } else {
                        "ハヒフヘホ".contains(prev)
                    };
                    if ok {
                        char::from_u32(prev as u32 + step)
                    } else if prev == 'ウ' && c == 'ﾞ' {
                        Some('ヴ')
                    } else {
                        out.push(prev);
                        None
                    }
                });
                if let Some(x) = combined {
                    out.push(x);
                }
            }
            _ => match BASE.chars().position(|b| b == c) {
                Some(i) => out.extend(FULL.chars().nth(i)),
                None => out.push(c),
            },
        }
    }
    out
}
