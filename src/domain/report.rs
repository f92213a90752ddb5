//! The monthly 支援レポート: the month it covers, the draft written from the month's records,
//! its versions, and where it stands for the month.
//!
//! Sharing the report once a month with the client and the others who need it (the employer
//! etc.) is a condition for claiming the 基本報酬 (../shared/domain.md §3, JEED handbook
//! p.192). So a report is a record that must not change silently once it is final: a
//! correction is a new version with its reason, and every version is kept. Sharing it with
//! anyone but the client needs the client's consent (`domain::consent::check`).
//!
//! Months are Japan months: a contact at 23:30 JST on the 31st belongs to that month even
//! though it is stored as 14:30 UTC.

use time::{Date, OffsetDateTime, Weekday};

use super::fields::{self, FieldErrors};
use super::month::YearMonth;
// Only the Japan offset constant: the domain never reads the clock.
use crate::clock::JST;

/// The month typed in the "作成する" form: a real month that has started (a report is about
/// what happened, so a later month cannot have one yet).
pub fn parse_month(
    errors: &mut FieldErrors,
    field: &'static str,
    value: &str,
    today: Date,
) -> Option<YearMonth> {
    if value.trim().is_empty() {
        errors.add(field, "err.required");
        return None;
    }
    let Some(m) = YearMonth::parse(value) else {
        errors.add(field, "report.err.month");
        return None;
    };
    if m > YearMonth::of(today) {
        errors.add(field, "report.err.month_future");
        return None;
    }
    Some(m)
}

/// Contact modes (`contacts.mode`).
pub const MODES: [&str; 4] = ["face_to_face", "phone", "online", "workplace_visit"];

/// Concern categories (`concerns.category`).
pub const CONCERN_CATEGORIES: [&str; 14] = [
    "work_mistakes",
    "unfamiliar_tasks",
    "relationships",
    "atmosphere",
    "lateness_absence",
    "evaluation",
    "sleep_rhythm",
    "money",
    "physical_health",
    "medication",
    "anxiety_stress",
    "no_one_to_ask",
    "conditions_pay",
    "other",
];

/// One contact of the month, as the draft needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContactFact {
    pub id: i64,
    pub occurred_at: OffsetDateTime,
    pub mode: String,
    pub heard: String,
    pub advice: String,
    pub shared_info: String,
    pub accommodations: String,
    pub next_contact_on: Option<Date>,
}

/// A concern raised in one of the month's contacts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConcernFact {
    pub category: String,
    pub severity: i64,
    pub note: String,
    pub resolved_at: Option<OffsetDateTime>,
    pub resolution: String,
}

/// An action agreed in one of the month's contacts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TaskFact {
    pub description: String,
    pub due_on: Date,
    pub done_at: Option<OffsetDateTime>,
}

/// The plan in force, for the progress section.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanFact {
    pub goals: String,
    pub contact_frequency: String,
    pub review_on: Date,
}

/// Everything the draft is written from.
#[derive(Debug, Clone)]
pub struct DraftInput<'a> {
    pub month: YearMonth,
    pub contacts: &'a [ContactFact],
    pub concerns: &'a [ConcernFact],
    pub tasks: &'a [TaskFact],
    pub plan: Option<&'a PlanFact>,
}

/// The Japanese message for a key (`|k| Lang::Ja.get(k)`): the report is a Japanese
/// document whatever language the screen is in, and its words live with the other messages.
pub type Words<'a> = &'a dyn Fn(&str) -> Option<&'static str>;

fn w<'a>(words: Words<'_>, key: &'a str) -> &'a str {
    words(key).unwrap_or(key)
}

/// `10/3（金）`: short, and what Japanese documents use within one month.
fn day_label(words: Words<'_>, d: Date) -> String {
    let wd = match d.weekday() {
        Weekday::Monday => "report.wd.mon",
        Weekday::Tuesday => "report.wd.tue",
        Weekday::Wednesday => "report.wd.wed",
        Weekday::Thursday => "report.wd.thu",
        Weekday::Friday => "report.wd.fri",
        Weekday::Saturday => "report.wd.sat",
        Weekday::Sunday => "report.wd.sun",
    };
    format!("{}/{}（{}）", u8::from(d.month()), d.day(), w(words, wd))
}

/// One bullet with a label; continuation lines of a multi-line text are indented so the
/// bullet stays readable in a plain textarea and on paper.
fn item(out: &mut String, indent: &str, label: &str, text: &str) {
    let mut lines = text.trim().lines();
    let first = lines.next().unwrap_or_default();
    out.push_str(indent);
    out.push_str(label);
    out.push_str(first);
    out.push('\n');
    for line in lines {
        out.push_str(indent);
        out.push_str("　　");
        out.push_str(line.trim_end());
        out.push('\n');
    }
}

fn heading(out: &mut String, words: Words<'_>, key: &str) {
    if !out.is_empty() {
        out.push('\n');
    }
    out.push_str("■ ");
    out.push_str(w(words, key));
    out.push('\n');
}

fn concern_label<'a>(words: Words<'a>, code: &str) -> &'a str {
    words(&format!("report.concern.{code}"))
        .or_else(|| words("report.concern.other"))
        .unwrap_or("")
}

/// Writes the draft body from the month's records: plain text in Japanese with the five
/// sections the supporter then edits. Only what happened in `input.month` is used (the
/// store selects it; a concern or task counts as resolved or done only if that happened
/// before the month ended, so a report reads the same whenever it is drafted).
pub fn draft_body(input: &DraftInput<'_>, words: Words<'_>) -> String {
    let (_, month_end) = input.month.utc_range();
    let mut out = String::new();
    let contacts: Vec<&ContactFact> = input
        .contacts
        .iter()
        .filter(|c| input.month.contains(c.occurred_at))
        .collect();

    heading(&mut out, words, "report.draft.contacts");
    if contacts.is_empty() {
        out.push_str(w(words, "report.draft.no_contacts"));
        out.push('\n');
    }
    for c in &contacts {
        let at = c.occurred_at.to_offset(JST);
        let mode = words(&format!("report.mode.{}", c.mode)).unwrap_or(c.mode.as_str());
        out.push_str(&format!(
            "・{} {:02}:{:02} {}\n",
            day_label(words, at.date()),
            at.hour(),
            at.minute(),
            mode
        ));
        if !c.heard.trim().is_empty() {
            item(&mut out, "　", w(words, "report.draft.heard"), &c.heard);
        }
    }

    heading(&mut out, words, "report.draft.situation");
    if input.concerns.is_empty() {
        out.push_str(w(words, "report.draft.no_concerns"));
        out.push('\n');
    }
    for k in input.concerns {
        let severity = match k.severity {
            3 => "report.severity.3",
            2 => "report.severity.2",
            _ => "report.severity.1",
        };
        let label = format!(
            "・{}（{}）",
            concern_label(words, &k.category),
            w(words, severity)
        );
        if k.note.trim().is_empty() {
            out.push_str(&label);
            out.push('\n');
        } else {
            item(&mut out, "", &format!("{label}："), &k.note);
        }
        match k.resolved_at {
            Some(at) if at < month_end => {
                let text = if k.resolution.trim().is_empty() {
                    "-"
                } else {
                    k.resolution.as_str()
                };
                item(&mut out, "　", w(words, "report.draft.resolved"), text);
            }
            _ => {
                out.push('　');
                out.push_str(w(words, "report.draft.open"));
                out.push('\n');
            }
        }
    }

    heading(&mut out, words, "report.draft.advice");
    let mut any = false;
    for c in &contacts {
        let day = day_label(words, c.occurred_at.to_offset(JST).date());
        for (key, text) in [
            ("report.draft.advice_given", &c.advice),
            ("report.draft.shared_info", &c.shared_info),
            ("report.draft.accommodations", &c.accommodations),
        ] {
            if !text.trim().is_empty() {
                item(&mut out, "", &format!("・{day} {}", w(words, key)), text);
                any = true;
            }
        }
    }
    for t in input.tasks {
        let done = t.done_at.is_some_and(|d| d < month_end);
        let state = if done {
            w(words, "report.draft.task_done")
        } else {
            w(words, "report.draft.task_open")
        };
        out.push_str(&format!(
            "・{}{}（{} {}・{}）\n",
            w(words, "report.draft.task"),
            t.description.trim(),
            w(words, "report.draft.due"),
            day_label(words, t.due_on),
            state
        ));
        any = true;
    }
    if !any {
        out.push_str(w(words, "report.draft.no_advice"));
        out.push('\n');
    }

    heading(&mut out, words, "report.draft.next");
    let mut any = false;
    if let Some(next) = contacts.iter().filter_map(|c| c.next_contact_on).max() {
        out.push_str(&format!(
            "・{}{}\n",
            w(words, "report.draft.next_contact"),
            day_label(words, next)
        ));
        any = true;
    }
    let mut open: Vec<&TaskFact> = input
        .tasks
        .iter()
        .filter(|t| t.done_at.is_none_or(|d| d >= month_end))
        .collect();
    open.sort_by_key(|t| t.due_on);
    for t in open {
        out.push_str(&format!(
            "・{}（{} {}）\n",
            t.description.trim(),
            w(words, "report.draft.due"),
            day_label(words, t.due_on)
        ));
        any = true;
    }
    if !any {
        out.push_str(w(words, "report.draft.no_next"));
        out.push('\n');
    }

    heading(&mut out, words, "report.draft.plan");
    match input.plan {
        None => {
            out.push_str(w(words, "report.draft.no_plan"));
            out.push('\n');
        }
        Some(p) => {
            item(&mut out, "", w(words, "report.draft.goals"), &p.goals);
            out.push_str(&format!(
                "・{}{}（{}{}{}）\n",
                w(words, "report.draft.frequency"),
                p.contact_frequency.trim(),
                w(words, "report.draft.contacts_this_month"),
                contacts.len(),
                w(words, "report.draft.times")
            ));
            out.push_str(&format!(
                "・{}{}\n",
                w(words, "report.draft.review_on"),
                p.review_on
            ));
            out.push_str(w(words, "report.draft.progress"));
            out.push('\n');
        }
    }
    out
}

/// A version's state (`support_reports.status`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VersionStatus {
    Draft,
    Final,
}

impl VersionStatus {
    pub fn code(self) -> &'static str {
        match self {
            VersionStatus::Draft => "draft",
            VersionStatus::Final => "final",
        }
    }
    pub fn parse(code: &str) -> Option<VersionStatus> {
        match code {
            "draft" => Some(VersionStatus::Draft),
            "final" => Some(VersionStatus::Final),
            _ => None,
        }
    }
    pub fn label_key(self) -> &'static str {
        match self {
            VersionStatus::Draft => "report.status.draft",
            VersionStatus::Final => "report.status.final",
        }
    }
}

/// What may be done with the latest version of a month's report, and why not.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// The body of a final version cannot change; a correction is a new version.
    FinalIsFixed,
    /// Only a final version can be corrected (a draft is simply edited).
    NothingToCorrect,
    /// Only a final version can be shared.
    NotFinal,
    /// The form was for an older version than the latest (another tab, another person).
    Stale,
}

impl Refusal {
    pub fn key(self) -> &'static str {
        match self {
            Refusal::FinalIsFixed => "report.refused.final",
            Refusal::NothingToCorrect => "report.refused.correct",
            Refusal::NotFinal => "report.refused.not_final",
            Refusal::Stale => "report.refused.stale",
        }
    }
}

/// May the latest version (`latest`, with its number) be edited by a form made for
/// `form_version`?
pub fn may_edit(
    latest: VersionStatus,
    latest_version: i64,
    form_version: i64,
) -> Result<(), Refusal> {
    if latest == VersionStatus::Final {
        return Err(Refusal::FinalIsFixed);
    }
    if latest_version != form_version {
        return Err(Refusal::Stale);
    }
    Ok(())
}

/// May a correction start from the latest version?
pub fn may_correct(latest: VersionStatus) -> Result<(), Refusal> {
    match latest {
        VersionStatus::Final => Ok(()),
        VersionStatus::Draft => Err(Refusal::NothingToCorrect),
    }
}

/// The report body: required, and not a book.
pub fn parse_body(errors: &mut FieldErrors, value: &str) -> String {
    // Keep the supporter's line breaks; only normalise the line endings browsers send.
    let v = value.replace("\r\n", "\n");
    if !fields::plain_text(errors, "report_body", &v, true) {
        // The message is given.
    } else if v.trim().is_empty() {
        errors.add("report_body", "err.required");
    } else if v.chars().count() > 20_000 {
        errors.add("report_body", "err.too_long");
    }
    v.trim_end().to_string()
}

/// Why a final report is corrected: required, so the record says why it changed.
pub fn parse_correction_reason(errors: &mut FieldErrors, value: &str) -> String {
    fields::required_multiline(errors, "report_correction_reason", value, 1000)
}

/// How a report was handed over (`report_shares.method`).
pub const SHARE_METHODS: [&str; 4] = ["in_person", "mail", "portal", "email"];

/// The method of a share the portal records when the client or an employer contact reads
/// and confirms a final version online (issue 11, items 4 and 5).
pub const PORTAL_METHOD: &str = "portal";

/// The methods staff may record by hand: every method but the portal's. A portal share is
/// only ever written by the portal, with who confirmed and when, never typed by staff.
pub const STAFF_SHARE_METHODS: [&str; 3] = ["in_person", "mail", "email"];

/// May the person confirm online the version `form_version` (the one their page showed),
/// when `latest_final` is the month's latest final version now? A confirmation is of what
/// was read: if a correction was finalised since the page was loaded, they read the new
/// one first (`Stale`); a month with nothing final has nothing to confirm (`NotFinal`).
pub fn may_acknowledge(
    latest_final: Option<i64>,
    form_version: Option<i64>,
) -> Result<(), Refusal> {
    match latest_final {
        None => Err(Refusal::NotFinal),
        Some(latest) if form_version == Some(latest) => Ok(()),
        Some(_) => Err(Refusal::Stale),
    }
}

/// `2026年12月1日`: the date as written on a Japanese form (the print's 本人確認欄).
pub fn japanese_date(d: Date) -> String {
    format!("{}年{}月{}日", d.year(), u8::from(d.month()), d.day())
}

/// Who received a report (`report_shares.recipient_kind`).
pub const RECIPIENT_KINDS: [&str; 3] = ["client", "employer", "institution"];

/// Where a client's report stands for a month: what the compliance view needs to know about
/// the 基本報酬 condition (shared with the client and the employer etc., §3).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReportStatus {
    /// No report for the month.
    None,
    /// Only a draft: nothing final yet.
    Draft,
    /// A final version exists but was not shared with anyone.
    FinalNotShared,
    /// Shared with an employer or institution, not (yet) with the client.
    SharedWithOthersOnly,
    /// Shared with the client, not (yet) with anyone else.
    SharedWithClient,
    /// Shared with the client and with at least one consented recipient (employer etc.).
    SharedWithClientAndOthers,
}

impl ReportStatus {
    pub const ALL: [ReportStatus; 6] = [
        ReportStatus::None,
        ReportStatus::Draft,
        ReportStatus::FinalNotShared,
        ReportStatus::SharedWithOthersOnly,
        ReportStatus::SharedWithClient,
        ReportStatus::SharedWithClientAndOthers,
    ];
    pub fn code(self) -> &'static str {
        match self {
            ReportStatus::None => "none",
            ReportStatus::Draft => "draft",
            ReportStatus::FinalNotShared => "final_not_shared",
            ReportStatus::SharedWithOthersOnly => "shared_with_others_only",
            ReportStatus::SharedWithClient => "shared_with_client",
            ReportStatus::SharedWithClientAndOthers => "shared_with_client_and_others",
        }
    }
    pub fn label_key(self) -> &'static str {
        match self {
            ReportStatus::None => "report.month_status.none",
            ReportStatus::Draft => "report.month_status.draft",
            ReportStatus::FinalNotShared => "report.month_status.final_not_shared",
            ReportStatus::SharedWithOthersOnly => "report.month_status.shared_with_others_only",
            ReportStatus::SharedWithClient => "report.month_status.shared_with_client",
            ReportStatus::SharedWithClientAndOthers => {
                "report.month_status.shared_with_client_and_others"
            }
        }
    }
    /// Shared with the client: the part of the monthly condition the office always controls.
    pub fn shared_with_client(self) -> bool {
        matches!(
            self,
            ReportStatus::SharedWithClient | ReportStatus::SharedWithClientAndOthers
        )
    }
}

/// The month's status from its versions (`(status)` of each) and the recipient kinds of the
/// shares of its final versions. A correction being drafted does not undo an earlier share.
pub fn status_of(versions: &[VersionStatus], shared_with: &[&str]) -> ReportStatus {
    if versions.is_empty() {
        return ReportStatus::None;
    }
    if !versions.contains(&VersionStatus::Final) {
        return ReportStatus::Draft;
    }
    let client = shared_with.contains(&"client");
    let others = shared_with.iter().any(|k| *k != "client");
    match (client, others) {
        (false, false) => ReportStatus::FinalNotShared,
        (false, true) => ReportStatus::SharedWithOthersOnly,
        (true, false) => ReportStatus::SharedWithClient,
        (true, true) => ReportStatus::SharedWithClientAndOthers,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::{date, datetime};

    fn words(key: &str) -> Option<&'static str> {
        crate::i18n::Lang::Ja.get(key)
    }

    #[test]
    fn the_form_month_must_have_started() {
        let today = date!(2026 - 11 - 05);
        let cases = [
            ("2026-11", None),
            ("2026-10", None),
            ("2026-12", Some("report.err.month_future")),
            ("2026-1", Some("report.err.month")),
            ("", Some("err.required")),
        ];
        for (input, expected) in cases {
            let mut e = FieldErrors::new();
            let got = parse_month(&mut e, "report_month", input, today);
            assert_eq!(e.get("report_month"), expected, "{input}");
            assert_eq!(got.is_some(), expected.is_none());
        }
    }

    fn october() -> (Vec<ContactFact>, Vec<ConcernFact>, Vec<TaskFact>, PlanFact) {
        let contacts = vec![
            ContactFact {
                id: 1,
                // 2026-10-31 23:30 JST
                occurred_at: datetime!(2026-10-31 14:30 UTC),
                mode: "face_to_face".into(),
                heard: "新しい作業に慣れず、疲れている。\n帰宅後はすぐ寝ている。".into(),
                advice: "作業手順をメモにする。".into(),
                shared_info: "上司と作業の順番を確認した。".into(),
                accommodations: "".into(),
                next_contact_on: Some(date!(2026 - 11 - 12)),
            },
            ContactFact {
                id: 2,
                // 2026-11-01 00:30 JST: November, must not appear.
                occurred_at: datetime!(2026-10-31 15:30 UTC),
                mode: "phone".into(),
                heard: "十一月の話".into(),
                advice: "".into(),
                shared_info: "".into(),
                accommodations: "".into(),
                next_contact_on: None,
            },
        ];
        let concerns = vec![
            ConcernFact {
                category: "unfamiliar_tasks".into(),
                severity: 2,
                note: "検品作業".into(),
                resolved_at: None,
                resolution: String::new(),
            },
            ConcernFact {
                category: "sleep_rhythm".into(),
                severity: 1,
                note: String::new(),
                resolved_at: Some(datetime!(2026-10-20 01:00 UTC)),
                resolution: "就寝時刻を決めた".into(),
            },
            ConcernFact {
                category: "a_new_code".into(),
                severity: 3,
                note: String::new(),
                // Resolved after the month: still open in October's report.
                resolved_at: Some(datetime!(2026-11-03 01:00 UTC)),
                resolution: "十一月に解決".into(),
            },
        ];
        let tasks = vec![
            TaskFact {
                description: "手順メモを作る".into(),
                due_on: date!(2026 - 11 - 10),
                done_at: None,
            },
            TaskFact {
                description: "上司に相談する".into(),
                due_on: date!(2026 - 10 - 30),
                done_at: Some(datetime!(2026-10-29 03:00 UTC)),
            },
        ];
        let plan = PlanFact {
            goals: "週5日、休まずに働く".into(),
            contact_frequency: "月2回面談".into(),
            review_on: date!(2027 - 01 - 01),
        };
        (contacts, concerns, tasks, plan)
    }

    #[test]
    fn the_draft_has_the_five_sections_from_the_months_records() {
        let (contacts, concerns, tasks, plan) = october();
        let body = draft_body(
            &DraftInput {
                month: YearMonth::parse("2026-10").expect("month"),
                contacts: &contacts,
                concerns: &concerns,
                tasks: &tasks,
                plan: Some(&plan),
            },
            &words,
        );
        let expected = [
            "■ 今月の面談・連絡",
            "■ 本人の様子と困りごと",
            "■ 助言と取り組み",
            "■ 次の予定",
            "■ 計画の進み具合",
            "・10/31（土） 23:30 対面",
            "新しい作業に慣れず、疲れている。",
            "　　　帰宅後はすぐ寝ている。",
            "業務に慣れない（重さ：中くらい）：検品作業",
            "生活リズム・睡眠（重さ：軽い）",
            "解決しました：就寝時刻を決めた",
            "その他（重さ：重い）",
            "作業手順をメモにする。",
            "上司と作業の順番を確認した。",
            "手順メモを作る（期限 11/10（火）・まだ）",
            "上司に相談する（期限 10/30（金）・済み）",
            "次回の面談・連絡：11/12（木）",
            "週5日、休まずに働く",
            "月2回面談（今月の面談・連絡：1回）",
            "2027-01-01",
        ];
        for e in expected {
            assert!(body.contains(e), "missing {e:?} in\n{body}");
        }
        for absent in ["十一月の話", "十一月に解決", "電話", "⚠"] {
            assert!(!body.contains(absent), "{absent:?} must not be in\n{body}");
        }
        // The sections come in order.
        let pos = |s: &str| body.find(s).unwrap_or(usize::MAX);
        assert!(pos("今月の面談・連絡") < pos("本人の様子と困りごと"));
        assert!(pos("本人の様子と困りごと") < pos("助言と取り組み"));
        assert!(pos("助言と取り組み") < pos("次の予定"));
        assert!(pos("次の予定") < pos("計画の進み具合"));
    }

    #[test]
    fn an_empty_month_says_so_in_each_section() {
        let body = draft_body(
            &DraftInput {
                month: YearMonth::parse("2026-10").expect("month"),
                contacts: &[],
                concerns: &[],
                tasks: &[],
                plan: None,
            },
            &words,
        );
        for key in [
            "report.draft.no_contacts",
            "report.draft.no_concerns",
            "report.draft.no_advice",
            "report.draft.no_next",
            "report.draft.no_plan",
        ] {
            let text = words(key).expect("message");
            assert!(body.contains(text), "{key}");
        }
    }

    #[test]
    fn a_final_version_is_never_edited() {
        use VersionStatus::*;
        let cases = [
            (Draft, 1, 1, Ok(())),
            (Draft, 2, 1, Err(Refusal::Stale)),
            (Final, 1, 1, Err(Refusal::FinalIsFixed)),
            (Final, 2, 1, Err(Refusal::FinalIsFixed)),
        ];
        for (latest, version, form, expected) in cases {
            assert_eq!(may_edit(latest, version, form), expected);
        }
        assert_eq!(may_correct(Final), Ok(()));
        assert_eq!(may_correct(Draft), Err(Refusal::NothingToCorrect));
    }

    #[test]
    fn month_status_table() {
        use ReportStatus as S;
        use VersionStatus::*;
        let cases: [(&[VersionStatus], &[&str], ReportStatus); 7] = [
            (&[], &[], S::None),
            (&[Draft], &[], S::Draft),
            (&[Final], &[], S::FinalNotShared),
            (&[Final], &["employer"], S::SharedWithOthersOnly),
            (&[Final], &["client"], S::SharedWithClient),
            (
                &[Final, Draft],
                &["client", "institution"],
                S::SharedWithClientAndOthers,
            ),
            (
                &[Final, Final],
                &["employer", "client"],
                S::SharedWithClientAndOthers,
            ),
        ];
        for (versions, shares, expected) in cases {
            assert_eq!(
                status_of(versions, shares),
                expected,
                "{versions:?} {shares:?}"
            );
        }
        assert!(S::SharedWithClient.shared_with_client());
        assert!(!S::SharedWithOthersOnly.shared_with_client());
    }

    #[test]
    fn only_the_latest_final_version_is_confirmed_online() {
        let cases = [
            (None, Some(1), Err(Refusal::NotFinal)),
            (None, None, Err(Refusal::NotFinal)),
            (Some(1), Some(1), Ok(())),
            // A correction finalised since the page was shown: read it first.
            (Some(2), Some(1), Err(Refusal::Stale)),
            (Some(2), None, Err(Refusal::Stale)),
            (Some(2), Some(3), Err(Refusal::Stale)),
        ];
        for (latest, form, expected) in cases {
            assert_eq!(
                may_acknowledge(latest, form),
                expected,
                "{latest:?} {form:?}"
            );
        }
        assert!(!STAFF_SHARE_METHODS.contains(&PORTAL_METHOD));
        assert!(SHARE_METHODS.contains(&PORTAL_METHOD));
        assert!(
            STAFF_SHARE_METHODS
                .iter()
                .all(|m| SHARE_METHODS.contains(m))
        );
    }

    #[test]
    fn japanese_dates() {
        assert_eq!(japanese_date(date!(2026 - 12 - 01)), "2026年12月1日");
        assert_eq!(japanese_date(date!(2027 - 01 - 31)), "2027年1月31日");
    }

    #[test]
    fn body_and_reason_are_required() {
        let mut e = FieldErrors::new();
        assert_eq!(parse_body(&mut e, "一行目\r\n二行目\r\n"), "一行目\n二行目");
        assert!(e.is_empty());
        parse_body(&mut e, " \r\n ");
        parse_correction_reason(&mut e, "");
        assert_eq!(e.get("report_body"), Some("err.required"));
        assert_eq!(e.get("report_correction_reason"), Some("err.required"));
    }
}
