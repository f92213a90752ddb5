//! Messages of the follow-ups after the service and 就労定着実績体制加算 (issue 15, item 5):
//! (key, 日本語, English).
pub const MESSAGES: &[(&str, &str, &str)] = &[
    (
        "followup.title",
        "支援終了後のフォローアップ",
        "Follow-ups after the service",
    ),
    (
        "followup.nav",
        "支援終了後のフォローアップ",
        "Follow-ups after the service",
    ),
    (
        "followup.intro",
        "就労定着支援が終わった方に、雇用開始から6年6か月までの間、6か月ごとに軽く連絡して「今も同じ会社で働いているか」を記録します。その記録が就労定着実績体制加算の根拠になります。",
        "Former clients are contacted lightly every 6 months until 6 years 6 months after their hire, to record whether they still work with the same employer. These records are the evidence for the retention track-record addition (就労定着実績体制加算).",
    ),
    (
        "followup.due_title",
        "連絡する時期の方（1か月以内・過ぎている方）",
        "Due within a month, or overdue",
    ),
    (
        "followup.due_none",
        "今、連絡する時期の方はいません。",
        "No one is due now.",
    ),
    ("followup.service_end", "支援の終了日", "Service ended"),
    ("followup.due_on", "連絡の目安日", "Due on"),
    ("followup.overdue", "過ぎています", "overdue"),
    (
        "followup.figure_title",
        "就労定着実績体制加算",
        "Retention track-record addition (就労定着実績体制加算)",
    ),
    (
        "followup.fiscal_year",
        "算定する年度",
        "Fiscal year claimed",
    ),
    (
        "followup.figure_rule",
        "前年度に、過去6年間に就労定着支援を終えた方のうち、同じ会社で42か月以上78か月未満働き続けている方が7割以上なら、1月300単位（届出が必要）。前年度のフォローアップで同じ会社での勤務を確かめた方だけを数えます（数え方の細部は未確認）。",
        "300 units a month (a filing is required) when, in the previous fiscal year, at least 70% of the clients who ended the service in the past 6 years had worked with the same employer for 42 months or more and less than 78. Only clients whose work with the same employer a follow-up in the previous fiscal year confirmed are counted (the exact counting is unconfirmed).",
    ),
    (
        "followup.ended_between",
        "支援を終えた期間",
        "Service ended between",
    ),
    ("followup.counted", "対象の人数", "Clients counted"),
    (
        "followup.retained",
        "42か月以上78か月未満、同じ会社で勤務",
        "Worked 42 to under 78 months with the same employer",
    ),
    ("followup.percent", "割合", "Share"),
    (
        "followup.meets",
        "要件を満たします",
        "meets the requirement",
    ),
    (
        "followup.not_met",
        "要件に届きません：必要な割合",
        "does not meet it: required",
    ),
    (
        "followup.evidence",
        "根拠となる方の一覧",
        "Evidence: the clients counted",
    ),
    (
        "followup.evidence_none",
        "対象になる方はいません。",
        "No client is counted.",
    ),
    ("followup.confirmed_on", "確かめた日", "Confirmed on"),
    ("followup.verdict", "判定", "Verdict"),
    (
        "followup.verdict.retained",
        "数える（42か月以上78か月未満）",
        "Counted (42 to under 78 months)",
    ),
    ("followup.verdict.left", "退職・転職", "Left the employer"),
    (
        "followup.verdict.too_short",
        "42か月未満",
        "Under 42 months",
    ),
    (
        "followup.verdict.too_long",
        "78か月以上",
        "78 months or more",
    ),
    (
        "followup.verdict.unconfirmed",
        "前年度に確認していません（連絡してください）",
        "Not confirmed in the previous year (please contact them)",
    ),
    (
        "followup.client_title",
        "支援終了後のフォローアップ",
        "Follow-ups after the service",
    ),
    (
        "followup.client_intro",
        "支援が終わった後の連絡の記録です。6か月ごとを目安に、今の勤務先を確かめて記録してください。",
        "Contacts after the service ended. About every 6 months, confirm where they work and record it.",
    ),
    (
        "followup.none",
        "まだ記録はありません。",
        "Nothing recorded yet.",
    ),
    ("followup.by", "記録した人", "Recorded by"),
    (
        "followup.new",
        "フォローアップを記録する",
        "Record a follow-up",
    ),
    (
        "followup.employment.same",
        "同じ会社で働いている",
        "Working with the same employer",
    ),
    (
        "followup.employment.other",
        "別の会社で働いている",
        "Working with another employer",
    ),
    ("followup.employment.none", "働いていない", "Not working"),
    (
        "followup.err.future",
        "未来の日付は記録できません。",
        "A date in the future cannot be recorded.",
    ),
    ("field.contacted_on", "連絡した日", "Contacted on"),
    ("field.working_now", "今の勤務", "Work now"),
    (
        "field.followup_note",
        "メモ（勤務の様子など）",
        "Note (how work is going)",
    ),
];
