//! The monthly 支援レポート in the portal: the client's pages (plain Japanese with ふりがな
//! marks, `｜漢字《かんじ》`) and the employer contact's.

/// (key, 日本語, English)
pub const MESSAGES: &[(&str, &str, &str)] = &[
    // The client (本人)
    (
        "portal.reports.title",
        "｜支援《しえん》レポート",
        "Monthly reports",
    ),
    (
        "portal.reports.intro",
        "｜毎月《まいつき》の｜支援《しえん》のまとめです。｜読《よ》んだら「｜読《よ》みました」のボタンを｜押《お》してください。",
        "A summary of each month's support. When you have read one, press the “I have read it” button.",
    ),
    (
        "portal.reports.none",
        "まだレポートはありません。できたら、ここに｜出《で》ます。",
        "There is no report yet. It will appear here when it is ready.",
    ),
    (
        "portal.reports.state.todo",
        "｜未確認《みかくにん》",
        "Not confirmed yet",
    ),
    (
        "portal.reports.state.done",
        "｜確認済《かくにんず》み",
        "Confirmed",
    ),
    (
        "portal.reports.acked",
        "｜確認済《かくにんず》み（{at}）",
        "Confirmed ({at})",
    ),
    (
        "portal.reports.month_title",
        "｜支援《しえん》レポート",
        "Monthly report",
    ),
    (
        "portal.reports.back",
        "レポートの｜一覧《いちらん》へ｜戻《もど》る",
        "Back to the list of reports",
    ),
    ("portal.reports.version_label", "｜版《はん》", "Version"),
    (
        "portal.reports.version",
        "｜第《だい》{n}｜版《はん》",
        "Version {n}",
    ),
    (
        "portal.reports.finalised_on",
        "できた｜日《ひ》",
        "Finished on",
    ),
    (
        "portal.reports.corrected",
        "｜直《なお》した｜理由《りゆう》",
        "Why it was corrected",
    ),
    ("portal.reports.body", "｜内容《ないよう》", "The report"),
    (
        "portal.reports.body_note",
        "｜支援員《しえんいん》が｜書《か》いた｜文《ぶん》です。",
        "Written by your supporter, in Japanese.",
    ),
    ("portal.reports.ack_title", "｜確認《かくにん》", "Confirm"),
    (
        "portal.reports.ack_help",
        "｜読《よ》んだら、｜下《した》のボタンを｜押《お》してください。｜事業所《じぎょうしょ》に「｜読《よ》みました」と｜伝《つた》わります。",
        "When you have read it, press the button below. The office will know that you have read it.",
    ),
    (
        "portal.reports.ack_button",
        "｜読《よ》みました（｜確認《かくにん》する）",
        "I have read it (confirm)",
    ),
    (
        "portal.reports.refused.stale",
        "レポートが｜新《あたら》しくなりました。もう｜一度《いちど》｜読《よ》んでから、ボタンを｜押《お》してください。",
        "The report has been updated. Please read it again, then press the button.",
    ),
    (
        "portal.reports.refused.not_final",
        "このレポートは、まだ｜確認《かくにん》できません。",
        "This report cannot be confirmed yet.",
    ),
    // The employer contact (企業担当者)
    (
        "portal.reports.employer_title",
        "支援レポート",
        "Monthly support reports",
    ),
    (
        "portal.reports.employer_intro",
        "ご本人の同意にもとづいて共有される、毎月の支援レポートです。お読みになったら、確認したことを事業所にお知らせください。",
        "The monthly support reports shared with you under the person's consent. When you have read one, please let the office know.",
    ),
    (
        "portal.reports.employer_none",
        "共有できる支援レポートはまだありません。",
        "There is no report to share yet.",
    ),
    (
        "portal.reports.employer_client",
        "ご本人",
        "Person supported",
    ),
    (
        "portal.reports.employer_ack_title",
        "確認のお知らせ",
        "Confirm you have read it",
    ),
    (
        "portal.reports.employer_ack_help",
        "お読みになったら、下のボタンを押してください。確認した方のお名前と日時が、このレポートの共有の記録に残ります。",
        "When you have read it, press the button below. Your name and the time are recorded with this report's sharing.",
    ),
    (
        "portal.reports.employer_ack_button",
        "確認しました",
        "I have read this report",
    ),
    (
        "portal.reports.employer_acked",
        "{name} さまが確認済み（{at}）",
        "Confirmed by {name} ({at})",
    ),
];
