//! Anonymising the text of a past case (issue 14, item 1): what a supporter heard, advised
//! and how a concern was resolved is shared across the organisation without anything that
//! names or dates the person. docs/cases.md says what is removed and what cannot be
//! guaranteed.
//!
//! In order, on the NFKC form of the text (so ０３ and ｶﾀｶﾅ are caught as 03 and カタカナ):
//! e-mail addresses; the names known to the record (the client's name and reading, the
//! employer, the supervisor, the office's staff — whole and by part); company names with
//! 株式会社・有限会社・合同会社 and the like; telephone numbers; dates (2026年4月1日,
//! 令和8年, 4/1); every other number (受給者証番号, ages, counts); and a name written before
//! an honorific or a title (〜さん, 〜様, 〜氏, 〜君, 〜課長…).

use unicode_normalization::UnicodeNormalization;

/// What replaces a person's name.
pub const NAME: &str = "〇〇";
/// What replaces a company's name.
pub const COMPANY: &str = "〇〇社";
pub const EMAIL: &str = "〔メール〕";
pub const PHONE: &str = "〔電話〕";
pub const DATE: &str = "〔日付〕";
pub const NUMBER: &str = "＊";

/// Honorifics and titles written after a name.
const AFTER_NAME: [&str; 16] = [
    "さん",
    "様",
    "さま",
    "氏",
    "君",
    "くん",
    "ちゃん",
    "殿",
    "先生",
    "課長",
    "部長",
    "係長",
    "主任",
    "店長",
    "社長",
    "先輩",
];

/// Words before an honorific that are not names (お客様, 上司さん, お母さん…).
const NOT_NAMES: [&str; 20] = [
    "客",
    "皆",
    "母",
    "父",
    "奥",
    "兄",
    "姉",
    "上司",
    "同僚",
    "先輩",
    "家族",
    "担当者",
    "相手",
    "本人",
    "利用者",
    "主治医",
    "医師",
    "支援者",
    "社員",
    "職員",
];

/// Company forms, written before or after the company's own name.
const COMPANY_FORMS: [&str; 8] = [
    "株式会社",
    "有限会社",
    "合同会社",
    "合資会社",
    "合名会社",
    "(株)",
    "(有)",
    "㈱",
];

/// The text without the names in `known` (names known to the record) and without the
/// identifying patterns listed at the top of this module.
pub fn anonymise(text: &str, known: &[String]) -> String {
    let text: String = text.nfkc().collect();
    let text = emails(&text);
    let text = known_names(&text, known);
    let text = companies(&text);
    let text = numbers(&text);
    honorific_names(&text)
}

fn is_kanji(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}' | '々' | '〆')
}

fn is_katakana(c: char) -> bool {
    matches!(c, '\u{30A1}'..='\u{30FA}' | 'ー')
}

fn is_hiragana(c: char) -> bool {
    matches!(c, '\u{3041}'..='\u{3096}')
}

/// A character that may be part of a name or a company name written in kanji, katakana or
/// Latin letters (hiragana is left out: it is what joins words in a sentence).
fn is_name_char(c: char) -> bool {
    is_kanji(c) || is_katakana(c) || c.is_ascii_alphabetic()
}

fn emails(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let local = |c: char| c.is_ascii_alphanumeric() || "._%+-".contains(c);
    let domain = |c: char| c.is_ascii_alphanumeric() || ".-".contains(c);
    let mut out = String::new();
    let mut i = 0;
    while i < chars.len() {
        if chars[i] == '@' {
            let mut start = i;
            while start > 0 && local(chars[start - 1]) {
                start -= 1;
            }
            let mut end = i + 1;
            while end < chars.len() && domain(chars[end]) {
                end += 1;
            }
            if start < i && end > i + 1 {
                // Take back the local part already copied.
                let copied: usize = chars[start..i].iter().map(|c| c.len_utf8()).sum();
                out.truncate(out.len() - copied);
                out.push_str(EMAIL);
                i = end;
                continue;
            }
        }
        out.push(chars[i]);
        i += 1;
    }
    out
}

fn hiragana_to_katakana(s: &str) -> String {
    s.chars()
        .map(|c| {
            if is_hiragana(c) {
                char::from_u32(c as u32 + 0x60).unwrap_or(c)
            } else {
                c
            }
        })
        .collect()
}

/// The forms of the known names to remove, longest first: each name whole (with and
/// without its spaces) and each part of two characters or more (three for a part all in
/// hiragana, which is too often an ordinary word), readings also in katakana.
fn name_forms(known: &[String]) -> Vec<String> {
    let mut forms: Vec<String> = Vec::new();
    for name in known {
        let name: String = name.nfkc().collect::<String>().trim().to_string();
        if name.is_empty() {
            continue;
        }
        let mut candidates = vec![name.replace(' ', ""), name.clone()];
        candidates.extend(name.split_whitespace().map(str::to_string));
        for c in candidates {
            let n = c.chars().count();
            let min = if c.chars().all(is_hiragana) { 3 } else { 2 };
            if n >= min {
                let kata = hiragana_to_katakana(&c);
                if kata != c {
                    forms.push(kata);
                }
                forms.push(c);
            }
        }
    }
    forms.sort_by_key(|f| std::cmp::Reverse(f.chars().count()));
    forms.dedup();
    forms
}

fn known_names(text: &str, known: &[String]) -> String {
    let mut out = text.to_string();
    for form in name_forms(known) {
        out = out.replace(&form, NAME);
    }
    out
}

fn companies(text: &str) -> String {
    let mut out = text.to_string();
    for form in COMPANY_FORMS {
        while let Some(at) = out.find(form) {
            let before: Vec<char> = out[..at].chars().collect();
            let after: Vec<char> = out[at + form.len()..].chars().collect();
            let name_after = after.iter().take_while(|c| is_name_char(**c)).count();
            let name_before = before
                .iter()
                .rev()
                .take_while(|c| is_name_char(**c))
                .count();
            // 株式会社ミライ or ミライ株式会社: the name is on the side that has one.
            let (keep_before, keep_after) = if name_after > 0 {
                (before.len(), name_after)
            } else {
                (before.len() - name_before, 0)
            };
            let head: String = before[..keep_before].iter().collect();
            let tail: String = after[keep_after..].iter().collect();
            out = format!("{head}{COMPANY}{tail}");
        }
    }
    out
}

/// Telephone numbers, dates and every other number. A run of digits joined by hyphens,
/// slashes, dots or parentheses is one number: with 7 digits or more and a hyphen or
/// parenthesis it is a telephone number; followed by 年・月・日, or written as 4/1 or
/// 2026/4/1, it is a date; otherwise a number.
fn numbers(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    while i < chars.len() {
        // Era names start a date: 令和8年, 平成元年.
        if let Some(len) = era_date(&chars[i..]) {
            i += len;
            i += date_tail(&chars[i..]);
            out.push_str(DATE);
            continue;
        }
        if !(chars[i].is_ascii_digit() || chars[i] == '(' && next_is_digit(&chars, i)) {
            out.push(chars[i]);
            i += 1;
            continue;
        }
        let start = i;
        let mut digits = 0;
        let mut separators = String::new();
        while i < chars.len() {
            let c = chars[i];
            if c.is_ascii_digit() {
                digits += 1;
            } else if ("-/.()".contains(c) && next_is_digit(&chars, i)) || (c == ')' && i > start) {
                separators.push(c);
            } else {
                break;
            }
            i += 1;
        }
        let phone = digits >= 7 && separators.chars().any(|c| "-()".contains(c));
        let slashed = separators.contains('/') && digits <= 8;
        let unit = date_tail(&chars[i..]);
        if phone {
            out.push_str(PHONE);
        } else if slashed || unit > 0 {
            i += unit;
            out.push_str(DATE);
        } else {
            let _ = start;
            out.push_str(NUMBER);
        }
    }
    out
}

fn next_is_digit(chars: &[char], i: usize) -> bool {
    chars.get(i + 1).is_some_and(|c| c.is_ascii_digit())
}

/// 令和8年 / 平成元年 at the start of `chars`: its length.
fn era_date(chars: &[char]) -> Option<usize> {
    for era in ["令和", "平成", "昭和"] {
        let e: Vec<char> = era.chars().collect();
        if chars.starts_with(&e) {
            let rest = &chars[e.len()..];
            let n = if rest.first() == Some(&'元') {
                1
            } else {
                rest.iter().take_while(|c| c.is_ascii_digit()).count()
            };
            if n > 0 && rest.get(n) == Some(&'年') {
                return Some(e.len() + n + 1);
            }
        }
    }
    None
}

/// The date units after a number: 年, 月, 日 and further numbers with their units
/// (2026年4月1日 → "年4月1日" after 2026). 0 when the number is not followed by one.
fn date_tail(chars: &[char]) -> usize {
    let mut i = 0;
    loop {
        match chars.get(i) {
            Some('年' | '月' | '日') => {
                // 月 in 月曜 / 日 in 日中 still reads as a date after a number; keep going.
                i += 1;
                let n = chars[i..].iter().take_while(|c| c.is_ascii_digit()).count();
                if n > 0 && matches!(chars.get(i + n), Some('月' | '日')) {
                    i += n;
                } else {
                    return i;
                }
            }
            _ => return i,
        }
    }
}

/// A name written before an honorific or a title: the run of kanji, katakana or Latin
/// letters right before it, unless that run is a word like 客 or 上司.
fn honorific_names(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out: Vec<char> = Vec::with_capacity(chars.len());
    let mut i = 0;
    'scan: while i < chars.len() {
        for suffix in AFTER_NAME {
            let s: Vec<char> = suffix.chars().collect();
            if chars[i..].starts_with(&s) {
                let run = out
                    .iter()
                    .rev()
                    .take_while(|c| is_name_char(**c))
                    .take(8)
                    .count();
                let word: String = out[out.len() - run..].iter().collect();
                let placeholder = word == NAME || word.ends_with('〇');
                if run > 0 && !placeholder && !NOT_NAMES.contains(&word.as_str()) {
                    out.truncate(out.len() - run);
                    out.extend(NAME.chars());
                }
                out.extend(s.iter());
                i += s.len();
                continue 'scan;
            }
        }
        out.push(chars[i]);
        i += 1;
    }
    out.into_iter().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn known() -> Vec<String> {
        vec![
            "山田 太郎".into(),
            "やまだ たろう".into(),
            "ミライ商事株式会社".into(),
            "佐々木 一".into(),
        ]
    }

    #[test]
    fn removes_what_identifies_the_person() {
        let cases: [(&str, &str); 22] = [
            // Names known to the record, whole and by part, also in katakana.
            ("山田太郎さんが遅刻した", "〇〇さんが遅刻した"),
            ("山田 太郎は朝が弱い", "〇〇は朝が弱い"),
            ("太郎が話した", "〇〇が話した"),
            ("ヤマダと面談", "〇〇と面談"),
            ("佐々木と同行した", "〇〇と同行した"),
            // Names before honorifics and titles that the record does not know.
            ("鈴木さんに相談した", "〇〇さんに相談した"),
            ("上司の田中課長から注意", "上司の〇〇課長から注意"),
            ("ケンジ君と話す", "〇〇君と話す"),
            ("高橋氏の意見", "〇〇氏の意見"),
            ("お客様の対応に困る", "お客様の対応に困る"),
            ("上司さんと話す", "上司さんと話す"),
            // Companies.
            ("株式会社アオバ物流に就職", "〇〇社に就職"),
            ("アオバ物流株式会社の倉庫", "〇〇社の倉庫"),
            ("(株)サクラで勤務", "〇〇社で勤務"),
            ("ミライ商事株式会社へ", "〇〇へ"),
            // Telephone numbers, e-mail addresses, dates, numbers.
            ("電話は090-1234-5678です", "電話は〔電話〕です"),
            ("03(1234)5678に連絡", "〔電話〕に連絡"),
            ("taro.y@example.jpへ送った", "〔メール〕へ送った"),
            ("2026年4月1日に面談", "〔日付〕に面談"),
            (
                "令和8年から勤務、4/1に休んだ",
                "〔日付〕から勤務、〔日付〕に休んだ",
            ),
            ("受給者証番号1234567890を確認", "受給者証番号＊を確認"),
            ("3回遅刻した", "＊回遅刻した"),
        ];
        for (input, expected) in cases {
            assert_eq!(anonymise(input, &known()), expected, "{input}");
        }
    }

    #[test]
    fn full_width_and_half_width_forms_are_caught() {
        // NFKC first: full-width digits and half-width katakana are the same text.
        assert_eq!(
            anonymise("０９０－１１１１－２２２２、ﾔﾏﾀﾞさん", &known()),
            "〔電話〕、〇〇さん"
        );
        assert_eq!(anonymise("１２月３日", &[]), "〔日付〕");
    }

    #[test]
    fn ordinary_text_is_kept() {
        let text = "朝起きられず遅刻が続いた。生活リズムを整えるため目覚ましを二つにした。";
        assert_eq!(anonymise(text, &known()), text);
        assert_eq!(anonymise("", &known()), "");
    }
}
