//! Messages for 本人同意 (consent), the institutions directory (関係機関) and the calendar
//! feed: (key, 日本語, English).
pub const MESSAGES: &[(&str, &str, &str)] = &[
    (
        "consent.cat.work_status",
        "就労の状況（勤怠・仕事ぶり）",
        "Work status (attendance, performance)",
    ),
    ("consent.cat.health", "体調・服薬", "Health and medication"),
    (
        "consent.cat.disability",
        "障害の状況・特性",
        "The disability and its characteristics",
    ),
    (
        "consent.cat.support_records",
        "支援記録の内容",
        "Support records",
    ),
    (
        "consent.cat.reports",
        "支援レポート",
        "Monthly support reports",
    ),
    (
        "consent.cat.contact_info",
        "本人の連絡先",
        "The client's contact details",
    ),
    (
        "consent.cat.handover",
        "引き継ぎ資料（支援終了時）",
        "Hand-over package (end of service)",
    ),
    (
        "consent.blocked.none",
        "この相手への情報提供について、本人の同意が記録されていません。共有できません。",
        "No consent is recorded for this recipient: sharing is blocked.",
    ),
    (
        "consent.blocked.withdrawn",
        "本人がこの相手への同意を撤回しています。共有できません。撤回日時:",
        "The client withdrew consent for this recipient: sharing is blocked. Withdrawn:",
    ),
    (
        "consent.blocked.not_yet",
        "同意はまだ有効になっていません。共有できません。有効になる日:",
        "The consent is not valid yet: sharing is blocked. Valid from:",
    ),
    (
        "consent.blocked.categories",
        "同意の範囲に含まれていない情報があります。共有できません。足りない項目:",
        "Some information is outside the consent: sharing is blocked. Missing:",
    ),
    ("consent.title", "本人同意", "Consent to share information"),
    (
        "consent.intro",
        "障害や体調などの情報を勤務先や関係機関に伝えるには、本人の同意が必要です。同意を得たら、伝える相手・伝えてよい情報・開始日をここに記録します。本人が同意をやめたいと言ったら、すぐに撤回を記録してください。",
        "Disability and health information may go to the employer or an institution only with the client's consent. Record here who may receive which information from when. When the client takes consent back, record the withdrawal at once.",
    ),
    ("consent.history", "同意の記録", "Consents recorded"),
    (
        "consent.none",
        "同意の記録はまだありません。",
        "No consent has been recorded yet.",
    ),
    ("consent.to_employer", "勤務先の担当者", "Employer contact"),
    ("consent.to_institution", "関係機関", "Institution"),
    ("consent.status.active", "有効", "Active"),
    ("consent.status.not_yet", "開始前", "Not started yet"),
    ("consent.status.withdrawn", "撤回", "Withdrawn"),
    ("consent.covers", "伝えてよい情報", "May be shared"),
    ("consent.recorded", "記録した日時", "Recorded"),
    ("consent.withdrawn_at", "撤回した日時", "Withdrawn"),
    (
        "consent.withdraw",
        "同意の撤回を記録する",
        "Record the withdrawal",
    ),
    (
        "consent.new",
        "新しい同意を記録する",
        "Record a new consent",
    ),
    ("consent.record", "同意を記録する", "Record the consent"),
    (
        "consent.err.recipient",
        "どちらかを選んでください。",
        "Choose one.",
    ),
    ("field.consent_recipient", "情報を伝える相手", "Recipient"),
    (
        "field.consent_recipient_name",
        "勤務先の担当者の氏名",
        "Name of the employer contact",
    ),
    (
        "hint.consent_recipient_name",
        "「勤務先の担当者」を選んだときに入力します。例: 山田 課長",
        "Fill in when the recipient is an employer contact, e.g. Yamada, section chief.",
    ),
    ("field.consent_institution", "関係機関", "Institution"),
    (
        "hint.consent_institution",
        "「関係機関」を選んだときに、一覧から選びます。一覧にないときは、先に登録してください。",
        "Choose from the list when the recipient is an institution. Add it to the directory first if it is missing.",
    ),
    (
        "field.consent_categories",
        "伝えてよい情報",
        "Information that may be shared",
    ),
    (
        "hint.consent_categories",
        "本人が同意した項目だけを選んでください。",
        "Choose only what the client agreed to.",
    ),
    ("field.consent_valid_from", "同意の開始日", "Valid from"),
    (
        "field.withdraw_note",
        "撤回のメモ",
        "Note on the withdrawal",
    ),
    (
        "hint.withdraw_note",
        "書かなくてもかまいません。撤回の理由や、本人から聞いた場面など。",
        "Optional: the reason, or how the client told you.",
    ),
    // 関係機関
    ("institution.list_title", "関係機関", "Institutions"),
    (
        "institution.intro",
        "利用者の支援でやりとりする医療機関や支援機関の連絡先です。事業所の職員みんなで使います。",
        "The medical and support agencies the office works with. Everyone in the office shares this list.",
    ),
    (
        "institution.new",
        "関係機関を登録する",
        "Add an institution",
    ),
    (
        "institution.edit",
        "関係機関を編集する",
        "Edit the institution",
    ),
    (
        "institution.none",
        "関係機関はまだ登録されていません。",
        "No institution has been added yet.",
    ),
    ("institution.reach", "連絡先", "Phone and email"),
    ("institution.kind.medical", "医療機関", "Medical"),
    ("institution.kind.welfare", "福祉機関", "Welfare"),
    (
        "institution.kind.nakapotsu",
        "障害者就業・生活支援センター",
        "Employment and Life Support Center",
    ),
    ("institution.kind.hello_work", "ハローワーク", "Hello Work"),
    (
        "institution.kind.vocational_center",
        "地域障害者職業センター",
        "Local Vocational Center for Persons with Disabilities",
    ),
    ("institution.kind.other", "その他", "Other"),
    ("field.institution_name", "機関名", "Name"),
    ("field.institution_kind", "種類", "Kind"),
    ("field.contact_person", "担当者", "Contact person"),
    ("field.institution_notes", "メモ", "Notes"),
    (
        "hint.institution_notes",
        "受付時間や連絡のしかたなど。利用者の病名や体調はここに書かないでください。",
        "Opening hours, how best to reach them… Do not write clients' health details here.",
    ),
    // カレンダー連携
    ("calendar.title", "カレンダー連携", "Calendar feed"),
    (
        "calendar.intro",
        "次回面談の予定と、担当しているタスクの期限を、お使いのカレンダーアプリ（Google カレンダー、Outlook、iPhone のカレンダーなど）に表示できます。",
        "Show your planned next contacts and the deadlines of your tasks in your calendar app (Google Calendar, Outlook, iPhone Calendar…).",
    ),
    (
        "calendar.contents",
        "カレンダーは外部のサービスに保存されるため、利用者の氏名やタスクの内容は表示しません。表示されるのは、予定の種類・日付と、下で選んだ呼び方（利用者番号または、かなの頭文字）だけです。",
        "Calendars are kept by outside services, so clients' names and task text are never shown: only the kind of event, its date, and the label chosen below (the client number or kana initials).",
    ),
    (
        "calendar.secret",
        "このURLを知っている人は、だれでも予定を見ることができます。ほかの人に教えたり、メールやチャットに貼ったりしないでください。",
        "Anyone who knows this URL can see the events. Do not share it or paste it into email or chat.",
    ),
    ("calendar.url_title", "カレンダーのURL", "Feed URL"),
    (
        "calendar.url_label",
        "URL（コピーして、カレンダーアプリに登録してください）",
        "URL (copy it into your calendar app)",
    ),
    (
        "calendar.url_once",
        "安全のため、このURLは今だけ表示されます。あとから見ることはできません。",
        "For safety this URL is shown only now; it cannot be shown again later.",
    ),
    (
        "calendar.how_to",
        "カレンダーアプリの「URLで追加」「照会カレンダーを追加」などから登録します。",
        "In your calendar app, use \"Add from URL\" or \"Subscribe to calendar\".",
    ),
    ("calendar.exists", "URLを作った日時:", "URL made on:"),
    (
        "calendar.url_hidden",
        "URLは作ったときにだけ表示されます。わからなくなったときは、作り直してください。",
        "The URL is shown only when it is made. If you no longer have it, make a new one.",
    ),
    (
        "calendar.no_url",
        "まだURLを作っていません。",
        "You have not made a feed URL yet.",
    ),
    (
        "calendar.regenerate_help",
        "作り直すと、前のURLは使えなくなります。",
        "Making a new URL stops the old one from working.",
    ),
    ("calendar.regenerate", "URLを作り直す", "Make a new URL"),
    ("calendar.create", "URLを作る", "Make the URL"),
    (
        "calendar.created",
        "新しいURLを作りました。前に作ったURLがあれば、それはもう使えません。",
        "A new URL was made. Any earlier URL no longer works.",
    ),
    ("calendar.event_contact", "次回面談", "Next contact"),
    ("calendar.event_task", "対応の期限", "Task due"),
    (
        "calendar.label.title",
        "カレンダーでの利用者の呼び方",
        "How the calendar names clients",
    ),
    (
        "calendar.label.code",
        "利用者番号（例: C-0042）",
        "Client number (e.g. C-0042)",
    ),
    (
        "calendar.label.kana_initials",
        "かなの頭文字（例: や・は）",
        "Kana initials (e.g. や, は)",
    ),
    (
        "calendar.label.none",
        "表示しない（「次回面談」だけ）",
        "None (\"Next contact\" only)",
    ),
    ("calendar.label.save", "呼び方を保存する", "Save the label"),
    (
        "calendar.label.choose",
        "呼び方を選んでください。",
        "Please choose a label.",
    ),
    ("calendar.feed_name", "定着 Teichaku の予定", "Teichaku"),
];

#[cfg(test)]
mod tests {
    /// The platform's key scanner (`super::super::tests`) knows only the platform's key
    /// prefixes; this checks the keys of these features in their templates and handlers.
    #[test]
    fn every_consent_institution_and_calendar_key_used_exists() {
        let root = concat!(env!("CARGO_MANIFEST_DIR"), "/");
        let files = [
            "templates/support/consents/list.html",
            "templates/support/institutions/list.html",
            "templates/support/institutions/form.html",
            "templates/support/calendar/show.html",
            "src/web/support/consents.rs",
            "src/web/support/institutions.rs",
            "src/web/support/calendar.rs",
            "src/domain/consent.rs",
            "src/domain/institution.rs",
        ];
        let mut used = Vec::new();
        for file in files {
            let text = std::fs::read_to_string(format!("{root}{file}")).expect(file);
            for (i, _) in text.match_indices('"') {
                let rest = &text[i + 1..];
                let Some(end) = rest.find('"') else { continue };
                let key = &rest[..end];
                let is_key = ["consent.", "institution.", "calendar."]
                    .iter()
                    .any(|p| key.starts_with(p))
                    && key.bytes().all(|b| {
                        b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'.' || b == b'_'
                    })
                    && !key.ends_with(".html")
                    && !key.ends_with('.');
                // Audit actions (codes of `domain::audit::Action`) are not messages.
                if is_key && !text[..i].ends_with("audit(") {
                    used.push(key.to_string());
                }
            }
        }
        assert!(used.len() > 20, "the scan found the keys: {used:?}");
        let missing: Vec<_> = used
            .iter()
            .filter(|k| crate::i18n::Lang::Ja.get(k).is_none())
            .collect();
        assert!(missing.is_empty(), "missing messages: {missing:?}");
    }

    /// Keys built from codes at run time: categories, institution kinds.
    #[test]
    fn every_code_has_a_label() {
        use crate::i18n::Lang;
        let keys = crate::domain::consent::Category::ALL
            .iter()
            .map(|c| c.label_key())
            .chain(
                crate::domain::institution::Kind::ALL
                    .iter()
                    .map(|k| k.label_key()),
            );
        for k in keys {
            assert!(
                Lang::Ja.get(k).is_some() && Lang::En.get(k).is_some(),
                "{k}"
            );
        }
    }
}
