//! Messages for 本人同意 (consent) and the institutions directory: (key, 日本語, English).
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
];
