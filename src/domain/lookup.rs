//! One record from what a person typed (#13: the audit log's 職員 and 事業所 fields, which
//! listed all 6,034 staff and 1,500 offices as choices): a key typed whole (a login ID, a
//! 事業所番号) or a name, whole or in part. The store reads a few candidates; this decides.

/// A record the store found for the text: its id, its key and its name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    pub id: i64,
    pub key: String,
    pub name: String,
}

/// What the text names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Found {
    /// Nothing typed: any record.
    Any,
    Nothing,
    One(Candidate),
    /// Several: the person chooses (`more` when the store had more than it read).
    Several {
        choices: Vec<Candidate>,
        more: bool,
    },
}

/// The text as the store matches it: trimmed, spaces (half- and full-width) removed, as
/// names are written both with and without the space between family and given name.
pub fn normalize(typed: &str) -> String {
    typed.replace([' ', '\u{3000}'], "")
}

/// The text as a key (login ID, 事業所番号): trimmed, full-width letters and digits made
/// ASCII (`fields::normalize_ascii`); compared without regard to ASCII case.
pub fn key(typed: &str) -> String {
    crate::domain::fields::normalize_ascii(typed)
}

/// Decides among the `candidates` the store read for `typed` (at most `limit` of them
/// shown; the store reads one more to know there are more). A key typed whole wins; then a
/// name typed whole when only one record has it; then the only candidate.
pub fn resolve(typed: &str, mut candidates: Vec<Candidate>, limit: usize) -> Found {
    let text = normalize(typed);
    if text.is_empty() {
        return Found::Any;
    }
    if let Some(c) = candidates
        .iter()
        .find(|c| !c.key.is_empty() && c.key.eq_ignore_ascii_case(&key(typed)))
    {
        return Found::One(c.clone());
    }
    let whole: Vec<&Candidate> = candidates
        .iter()
        .filter(|c| normalize(&c.name) == text)
        .collect();
    if let [one] = whole.as_slice() {
        return Found::One((*one).clone());
    }
    match candidates.len() {
        0 => Found::Nothing,
        1 => Found::One(candidates.remove(0)),
        n => {
            candidates.truncate(limit);
            Found::Several {
                choices: candidates,
                more: n > limit,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(id: i64, key: &str, name: &str) -> Candidate {
        Candidate {
            id,
            key: key.into(),
            name: name.into(),
        }
    }

    #[test]
    fn what_the_text_names() {
        let tanaka = c(1, "tanaka", "田中 一郎");
        let tanaka2 = c(2, "tanaka2", "田中 一郎");
        let tanakab = c(3, "tanakab", "田中 一郎太");
        type Case = (&'static str, Vec<Candidate>, Found);
        let cases: Vec<Case> = vec![
            ("", vec![], Found::Any),
            ("  \u{3000}", vec![tanaka.clone()], Found::Any),
            ("誰か", vec![], Found::Nothing),
            ("田中", vec![tanaka.clone()], Found::One(tanaka.clone())),
            // A 事業所番号 typed in full-width digits.
            (
                "１２３４５６７８９０",
                vec![
                    c(9, "1234567890", "西船橋"),
                    c(8, "", "１２３４５６７８９０ビル"),
                ],
                Found::One(c(9, "1234567890", "西船橋")),
            ),
            // The login typed whole, in any case, wins over names containing it.
            (
                "TANAKA",
                vec![tanaka.clone(), tanaka2.clone()],
                Found::One(tanaka.clone()),
            ),
            // A name typed whole, with or without its space, when only one has it.
            (
                "田中一郎太",
                vec![tanakab.clone(), tanaka.clone()],
                Found::One(tanakab.clone()),
            ),
            (
                "田中 一郎",
                vec![tanaka.clone(), tanakab.clone()],
                Found::One(tanaka.clone()),
            ),
            // Two people of the same name: the person chooses.
            (
                "田中一郎",
                vec![tanaka.clone(), tanaka2.clone(), tanakab.clone()],
                Found::Several {
                    choices: vec![tanaka.clone(), tanaka2.clone()],
                    more: true,
                },
            ),
            (
                "田中",
                vec![tanaka.clone(), tanaka2.clone()],
                Found::Several {
                    choices: vec![tanaka.clone(), tanaka2.clone()],
                    more: false,
                },
            ),
        ];
        for (typed, candidates, expected) in cases {
            assert_eq!(resolve(typed, candidates, 2), expected, "{typed:?}");
        }
    }
}
