//! 本人同意 (consent). Disability and health information is 要配慮個人情報 (APPI art. 2(3),
//! 20(2)): sharing it with anyone outside the office needs the client's consent. A consent
//! names a recipient (an employer contact, or an institution), the categories of information,
//! and the day it starts; a withdrawal takes effect at once and the record is kept.
//!
//! `check` is what every outward sharing calls first: it answers with the consent that
//! allows it, or with what is blocked and why, in words a supporter can act on.

use time::{Date, OffsetDateTime};

use super::fields::{self, FieldErrors, Pairs};

/// Categories of information a consent covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Category {
    /// 就労状況: attendance, work performance, the job.
    WorkStatus,
    /// 体調・服薬: health and medication.
    Health,
    /// 障害の状況・特性: the disability and how it shows.
    Disability,
    /// 支援記録の内容: what was heard and advised.
    SupportRecords,
    /// 支援レポート: the monthly report.
    Reports,
    /// 連絡先: the client's contact details.
    ContactInfo,
    /// 引き継ぎ資料: the hand-over package at the end of the service (`domain::handover`),
    /// which gathers years of troubles, what worked and contacts in one document: a consent
    /// to monthly reports or support records does not cover handing that summary to the
    /// party who takes over (domain.md §2.2 (ロ): the hand-over sharing needs consent).
    Handover,
}

impl Category {
    pub const ALL: [Category; 7] = [
        Category::WorkStatus,
        Category::Health,
        Category::Disability,
        Category::SupportRecords,
        Category::Reports,
        Category::ContactInfo,
        Category::Handover,
    ];
    pub fn code(self) -> &'static str {
        match self {
            Category::WorkStatus => "work_status",
            Category::Health => "health",
            Category::Disability => "disability",
            Category::SupportRecords => "support_records",
            Category::Reports => "reports",
            Category::ContactInfo => "contact_info",
            Category::Handover => "handover",
        }
    }
    pub fn parse(code: &str) -> Option<Category> {
        Category::ALL.into_iter().find(|c| c.code() == code)
    }
    /// The i18n key of its name.
    pub fn label_key(self) -> &'static str {
        match self {
            Category::WorkStatus => "consent.cat.work_status",
            Category::Health => "consent.cat.health",
            Category::Disability => "consent.cat.disability",
            Category::SupportRecords => "consent.cat.support_records",
            Category::Reports => "consent.cat.reports",
            Category::ContactInfo => "consent.cat.contact_info",
            Category::Handover => "consent.cat.handover",
        }
    }
}

/// Comma-separated codes (the `consents.categories` column).
pub fn categories_from_column(column: &str) -> Vec<Category> {
    column.split(',').filter_map(Category::parse).collect()
}

pub fn categories_to_column(categories: &[Category]) -> String {
    categories
        .iter()
        .map(|c| c.code())
        .collect::<Vec<_>>()
        .join(",")
}

/// Who receives the information.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Recipient {
    /// A named contact at the employer (`consents.recipient_kind = 'employer'`).
    Employer { name: String },
    /// An institution of the directory (`consents.recipient_kind = 'institution'`).
    Institution { id: i64 },
}

impl Recipient {
    /// The `consents.recipient_kind` column value.
    pub fn kind_code(&self) -> &'static str {
        match self {
            Recipient::Employer { .. } => "employer",
            Recipient::Institution { .. } => "institution",
        }
    }
}

/// A consent as recorded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConsentRecord {
    pub id: i64,
    pub recipient: Recipient,
    pub categories: Vec<Category>,
    pub valid_from: Date,
    pub withdrawn_at: Option<OffsetDateTime>,
}

/// Why a sharing is blocked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Blocked {
    /// No consent names this recipient.
    NoConsent,
    /// The only consents for this recipient were withdrawn (the latest withdrawal given).
    Withdrawn { at: OffsetDateTime },
    /// Consent exists but starts later.
    NotYetValid { from: Date },
    /// Consent exists but does not cover these categories.
    MissingCategories(Vec<Category>),
}

impl Blocked {
    /// The i18n key of the explanation.
    pub fn key(&self) -> &'static str {
        match self {
            Blocked::NoConsent => "consent.blocked.none",
            Blocked::Withdrawn { .. } => "consent.blocked.withdrawn",
            Blocked::NotYetValid { .. } => "consent.blocked.not_yet",
            Blocked::MissingCategories(_) => "consent.blocked.categories",
        }
    }
}

fn names_recipient(record: &Recipient, wanted: &Recipient) -> bool {
    match (record, wanted) {
        (Recipient::Employer { name: a }, Recipient::Employer { name: b }) => {
            normalise(a) == normalise(b)
        }
        (Recipient::Institution { id: a }, Recipient::Institution { id: b }) => a == b,
        _ => false,
    }
}

/// Names compare without spaces (全角 or 半角), so "山田 課長" matches "山田　課長".
fn normalise(name: &str) -> String {
    name.chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{3000}')
        .collect()
}

/// May `needed` be shared with `recipient` at `now`? Returns the consent that allows it.
/// A withdrawal at or before `now` removes a consent at once.
pub fn check(
    consents: &[ConsentRecord],
    recipient: &Recipient,
    needed: &[Category],
    now: OffsetDateTime,
    today: Date,
) -> Result<i64, Blocked> {
    let for_recipient: Vec<&ConsentRecord> = consents
        .iter()
        .filter(|c| names_recipient(&c.recipient, recipient))
        .collect();
    if for_recipient.is_empty() {
        return Err(Blocked::NoConsent);
    }
    let active: Vec<&&ConsentRecord> = for_recipient
        .iter()
        .filter(|c| c.withdrawn_at.is_none_or(|w| w > now))
        .collect();
    if active.is_empty() {
        let at = for_recipient
            .iter()
            .filter_map(|c| c.withdrawn_at)
            .max()
            .unwrap_or(now);
        return Err(Blocked::Withdrawn { at });
    }
    let started: Vec<&&&ConsentRecord> = active.iter().filter(|c| c.valid_from <= today).collect();
    if started.is_empty() {
        let from = active.iter().map(|c| c.valid_from).min().unwrap_or(today);
        return Err(Blocked::NotYetValid { from });
    }
    // One consent must cover every needed category.
    if let Some(c) = started
        .iter()
        .find(|c| needed.iter().all(|n| c.categories.contains(n)))
    {
        return Ok(c.id);
    }
    let best = started
        .iter()
        .min_by_key(|c| needed.iter().filter(|n| !c.categories.contains(n)).count())
        .map(|c| c.categories.clone())
        .unwrap_or_default();
    let mut missing: Vec<Category> = needed
        .iter()
        .copied()
        .filter(|n| !best.contains(n))
        .collect();
    missing.sort();
    missing.dedup();
    Err(Blocked::MissingCategories(missing))
}

/// The form that records a consent, as typed. The field names carry a `consent_` prefix
/// because their labels are worded for consent (the report pages have recipients too).
#[derive(Debug, Default, Clone)]
pub struct ConsentForm {
    /// `employer` or `institution` (a radio group).
    pub recipient: String,
    /// The named contact at the employer.
    pub recipient_name: String,
    /// The id of an institution of the office's directory.
    pub institution: String,
    /// Category codes (repeated check boxes).
    pub categories: Vec<String>,
    pub valid_from: String,
}

/// A valid consent, ready to store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConsentInput {
    pub recipient: Recipient,
    /// Stored beside the recipient so the history reads the same after a directory edit:
    /// the employer contact's name, or the institution's name at the time of consent.
    pub recipient_name: String,
    /// In the order of `Category::ALL`, no repeats.
    pub categories: Vec<Category>,
    pub valid_from: Date,
}

impl ConsentForm {
    pub fn from_pairs(p: &Pairs) -> ConsentForm {
        ConsentForm {
            recipient: p.get("consent_recipient"),
            recipient_name: p.get("consent_recipient_name"),
            institution: p.get("consent_institution"),
            categories: p.all("consent_categories"),
            valid_from: p.get("consent_valid_from"),
        }
    }

    pub fn has_category(&self, code: &str) -> bool {
        self.categories.iter().any(|c| c == code)
    }

    /// Parses the form. `institutions` are the (id, name) pairs of the office's directory,
    /// the only institutions a consent may name.
    pub fn parse(&self, institutions: &[(i64, String)]) -> Result<ConsentInput, FieldErrors> {
        let mut e = FieldErrors::new();
        let recipient = match self.recipient.trim() {
            "employer" => {
                let name = fields::required_text(
                    &mut e,
                    "consent_recipient_name",
                    &self.recipient_name,
                    100,
                );
                Some((Recipient::Employer { name: name.clone() }, name))
            }
            "institution" => {
                let chosen = self
                    .institution
                    .trim()
                    .parse::<i64>()
                    .ok()
                    .and_then(|id| institutions.iter().find(|(i, _)| *i == id));
                match chosen {
                    Some((id, name)) => Some((Recipient::Institution { id: *id }, name.clone())),
                    None => {
                        e.add("consent_institution", "err.choose");
                        None
                    }
                }
            }
            _ => {
                e.add("consent_recipient", "consent.err.recipient");
                None
            }
        };
        let categories: Vec<Category> = Category::ALL
            .into_iter()
            .filter(|c| self.has_category(c.code()))
            .collect();
        if categories.is_empty() {
            e.add("consent_categories", "err.choose_one");
        }
        let valid_from = fields::date(&mut e, "consent_valid_from", &self.valid_from, true);
        match (recipient, valid_from) {
            (Some((recipient, recipient_name)), Some(valid_from)) if e.is_empty() => {
                Ok(ConsentInput {
                    recipient,
                    recipient_name,
                    categories,
                    valid_from,
                })
            }
            _ => Err(e),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::{date, datetime};

    fn employer(
        id: i64,
        name: &str,
        cats: &[Category],
        from: Date,
        withdrawn: Option<OffsetDateTime>,
    ) -> ConsentRecord {
        ConsentRecord {
            id,
            recipient: Recipient::Employer { name: name.into() },
            categories: cats.to_vec(),
            valid_from: from,
            withdrawn_at: withdrawn,
        }
    }

    const NOW: OffsetDateTime = datetime!(2026-11-27 10:00 UTC);
    const TODAY: Date = date!(2026 - 11 - 27);

    #[test]
    fn consent_allows_or_says_why_not() {
        use Category::*;
        let boss = Recipient::Employer {
            name: "山田　課長".into(),
        };
        let records = vec![
            employer(
                1,
                "山田 課長",
                &[WorkStatus, Reports],
                date!(2026 - 04 - 01),
                None,
            ),
            employer(
                2,
                "佐藤 部長",
                &[Health],
                date!(2026 - 04 - 01),
                Some(datetime!(2026-11-01 09:00 UTC)),
            ),
            employer(3, "鈴木 主任", &[Reports], date!(2026 - 12 - 01), None),
        ];
        // (recipient, needed, expected)
        let cases: Vec<(Recipient, Vec<Category>, Result<i64, Blocked>)> = vec![
            (boss.clone(), vec![Reports], Ok(1)),
            (boss.clone(), vec![WorkStatus, Reports], Ok(1)),
            (
                boss.clone(),
                vec![Reports, Health],
                Err(Blocked::MissingCategories(vec![Health])),
            ),
            (
                Recipient::Employer {
                    name: "佐藤 部長".into(),
                },
                vec![Health],
                Err(Blocked::Withdrawn {
                    at: datetime!(2026-11-01 09:00 UTC),
                }),
            ),
            (
                Recipient::Employer {
                    name: "鈴木 主任".into(),
                },
                vec![Reports],
                Err(Blocked::NotYetValid {
                    from: date!(2026 - 12 - 01),
                }),
            ),
            (
                Recipient::Employer {
                    name: "知らない人".into(),
                },
                vec![Reports],
                Err(Blocked::NoConsent),
            ),
            (
                Recipient::Institution { id: 1 },
                vec![Reports],
                Err(Blocked::NoConsent),
            ),
        ];
        for (recipient, needed, expected) in cases {
            assert_eq!(
                check(&records, &recipient, &needed, NOW, TODAY),
                expected,
                "{recipient:?} {needed:?}"
            );
        }
    }

    #[test]
    fn withdrawal_takes_effect_at_once() {
        let r = Recipient::Institution { id: 7 };
        let mut c = ConsentRecord {
            id: 9,
            recipient: r.clone(),
            categories: vec![Category::Health],
            valid_from: date!(2026 - 01 - 01),
            withdrawn_at: None,
        };
        assert_eq!(
            check(
                std::slice::from_ref(&c),
                &r,
                &[Category::Health],
                NOW,
                TODAY
            ),
            Ok(9)
        );
        c.withdrawn_at = Some(NOW);
        assert!(matches!(
            check(&[c], &r, &[Category::Health], NOW, TODAY),
            Err(Blocked::Withdrawn { .. })
        ));
    }

    fn form(pairs: &[(&str, &str)]) -> ConsentForm {
        ConsentForm::from_pairs(&Pairs(
            pairs
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
        ))
    }

    #[test]
    fn the_consent_form_says_what_is_missing() {
        let directory = vec![(4, "船橋なかぽつ".to_string())];
        let e = form(&[("consent_recipient", "employer")])
            .parse(&directory)
            .unwrap_err();
        assert_eq!(e.get("consent_recipient_name"), Some("err.required"));
        assert_eq!(e.get("consent_categories"), Some("err.choose_one"));
        assert_eq!(e.get("consent_valid_from"), Some("err.required"));

        let e = form(&[
            ("consent_categories", "reports"),
            ("consent_valid_from", "2026-04-01"),
        ])
        .parse(&directory)
        .unwrap_err();
        assert_eq!(e.get("consent_recipient"), Some("consent.err.recipient"));

        // Only an institution of the office's own directory.
        let e = form(&[
            ("consent_recipient", "institution"),
            ("consent_institution", "5"),
            ("consent_categories", "reports"),
            ("consent_valid_from", "2026-04-01"),
        ])
        .parse(&directory)
        .unwrap_err();
        assert_eq!(e.get("consent_institution"), Some("err.choose"));
    }

    #[test]
    fn a_valid_consent_form() {
        let directory = vec![(4, "船橋なかぽつ".to_string())];
        let ok = form(&[
            ("consent_recipient", "institution"),
            ("consent_recipient_name", "ignored for an institution"),
            ("consent_institution", "4"),
            ("consent_categories", "reports"),
            ("consent_categories", "work_status"),
            ("consent_categories", "reports"),
            ("consent_categories", "unknown"),
            ("consent_valid_from", "２０２６/4/1"),
        ])
        .parse(&directory)
        .expect("valid");
        assert_eq!(ok.recipient, Recipient::Institution { id: 4 });
        assert_eq!(ok.recipient_name, "船橋なかぽつ");
        assert_eq!(ok.categories, vec![Category::WorkStatus, Category::Reports]);
        assert_eq!(ok.valid_from, date!(2026 - 04 - 01));

        let ok = form(&[
            ("consent_recipient", "employer"),
            ("consent_recipient_name", " 山田 課長 "),
            ("consent_categories", "health"),
            ("consent_valid_from", "2026-04-01"),
        ])
        .parse(&directory)
        .expect("valid");
        assert_eq!(
            ok.recipient,
            Recipient::Employer {
                name: "山田 課長".into()
            }
        );
        assert_eq!(ok.recipient.kind_code(), "employer");
    }

    #[test]
    fn columns_round_trip() {
        let cats = vec![Category::WorkStatus, Category::Reports];
        assert_eq!(categories_from_column(&categories_to_column(&cats)), cats);
        assert_eq!(
            categories_from_column("reports,unknown,,health"),
            vec![Category::Reports, Category::Health]
        );
    }
}
