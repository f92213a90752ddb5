//! Messages for the month at a glance (compliance): (key, 日本語, English).
pub const MESSAGES: &[(&str, &str, &str)] = &[
    ("month.title", "今月の状況", "This month"),
    (
        "month.mine",
        "担当利用者の今月の状況",
        "Your clients this month",
    ),
    (
        "month.intro",
        "利用者ごとに、基本報酬の要件（有効な受給者証・対面での支援・支援レポートの確定と本人への共有）と、そのほかの期限を確認できます。急ぎのものが上に並びます。",
        "For each client: the conditions of the base reward (a valid certificate, a face-to-face contact, the report finalised and shared with the client) and other deadlines. The most urgent come first.",
    ),
    ("month.summary_served", "対象の利用者", "Clients served"),
    ("month.summary_met", "要件を満たしている", "Conditions met"),
    (
        "month.none",
        "この月に支援期間中の利用者はいません。",
        "No clients were in their service period this month.",
    ),
    (
        "month.bad_month",
        "月は 2026-11 の形で指定してください。今月を表示しています。",
        "Give the month like 2026-11. Showing this month.",
    ),
    (
        "month.col_claim",
        "基本報酬の要件",
        "Base reward conditions",
    ),
    ("month.col_items", "確認すること", "To do"),
    ("month.met", "満たしている", "Met"),
    ("month.not_met", "満たしていない", "Not met"),
    (
        "month.end_title",
        "月末の確認: 基本報酬の要件を満たしていない利用者",
        "Month end: clients whose base reward conditions are not met",
    ),
    (
        "month.end_all_met",
        "すべての利用者が要件を満たしています。",
        "Every client meets the conditions.",
    ),
    (
        "month.item.no_certificate",
        "この月に有効な受給者証がありません",
        "No valid certificate this month",
    ),
    (
        "month.item.no_face_to_face",
        "今月まだ対面で会っていません",
        "No face-to-face contact yet this month",
    ),
    (
        "month.item.report_not_final",
        "支援レポートが確定していません",
        "The report is not finalised",
    ),
    (
        "month.item.report_not_shared",
        "支援レポートを本人に共有していません",
        "The report has not been shared with the client",
    ),
    (
        "month.item.plan_missing",
        "本人の同意を得た支援計画がありません",
        "No agreed support plan",
    ),
    (
        "month.item.plan_review",
        "支援計画の見直し時期です。見直し日:",
        "The plan is due for review. Review date:",
    ),
    (
        "month.item.certificate_ending",
        "受給者証の支給決定期間が90日以内に終わります。終了日:",
        "The certificate period ends within 90 days. End:",
    ),
    (
        "month.item.handover_due",
        "支援終了が近づいています。引き継ぎ（同意を得た企業・関係機関との情報共有）をこの日までに始めてください:",
        "Support is ending: start the handover (sharing with the employer and agencies, with consent) by:",
    ),
    (
        "month.item.handover_overdue",
        "引き継ぎ（同意を得た情報共有）が期限（終了の3か月前）までに始まっていません。この月は支援体制構築未実施減算（−10%）の対象です。期限:",
        "The handover (sharing with consent) did not start by the deadline (3 months before the end): this month takes the reduction for no support system (−10%). Deadline:",
    ),
    (
        "month.item.handover_late",
        "引き継ぎの開始が期限（終了の3か月前）より後でした。この月は支援体制構築未実施減算（−10%）の対象です。期限:",
        "The handover started after the deadline (3 months before the end): this month takes the reduction for no support system (−10%). Deadline:",
    ),
    (
        "month.item.no_contract",
        "この月に有効な契約がありません",
        "No contract covering this month",
    ),
    (
        "month.item.no_prior_service",
        "対象となる障害福祉サービスの利用歴がありません（就労定着支援の対象外）",
        "No qualifying prior welfare service (not eligible)",
    ),
    (
        "month.item.not_ordinary",
        "最初の就職が通常の事業所への雇用ではありません（就労定着支援の対象外）",
        "The first job is not ordinary employment (not eligible)",
    ),
    (
        "month.item.met_without_client",
        "今月の対面・職場訪問に本人が参加していません（上司などとの面談だけでは本人に会ったことになりません）",
        "The client took part in none of this month's face-to-face contacts or visits (meeting the supervisor alone does not count)",
    ),
    (
        "month.item.met_on_uncovered_day",
        "本人と対面した日が、受給者証・契約・支援期間のすべてが有効な日ではありません",
        "The client was not met on a day that the certificate, the contract and the service period all cover",
    ),
    (
        "month.item.overdue_tasks",
        "期限切れのフォローアップ:",
        "Overdue follow-ups:",
    ),
    // Last month's close (domain::month_close), first from the 1st to the 10th.
    ("month.close.title", "先月の締め", "Closing last month"),
    (
        "month.close.deadline",
        "国保連への請求期限",
        "Claim due at the 国保連 by",
    ),
    ("month.close.weekend", "土日", "a weekend"),
    ("month.close.days_left", "あと{days}日", "{days} days left"),
    ("month.close.today", "今日が期限です", "Due today"),
    (
        "month.close.all_done",
        "先月の記録はすべて揃っています。請求に進めます。",
        "Last month's records are complete. The claim can go ahead.",
    ),
    ("month.close.unfinished", "未完了", "Unfinished"),
    (
        "month.close.contacts",
        "対面の支援",
        "face-to-face contacts",
    ),
    (
        "month.close.reports",
        "レポートの確定",
        "reports to finalise",
    ),
    ("month.close.shares", "本人への共有", "reports to share"),
    (
        "month.close.per_supporter",
        "担当者ごとの締め",
        "The close per supporter",
    ),
    ("month.close.col_supporter", "担当者", "Supporter"),
    (
        "month.close.col_unmet",
        "未完了の利用者",
        "Clients unfinished",
    ),
    ("month.close.col_served", "対象の利用者", "Clients served"),
    ("month.close.no_supporter", "担当者なし", "No supporter"),
    (
        "month.close.claim_link",
        "先月の請求を開く",
        "Open last month's claim",
    ),
    // The staff home page's month close, planned visits and the manager's office.
    (
        "home.manage_title",
        "事業所の状況",
        "Your office at a glance",
    ),
    (
        "home.close_details",
        "未完了の利用者と直すページ",
        "Unfinished clients and where to fix them",
    ),
    ("home.new_inquiries", "新しいお問い合わせ", "New inquiries:"),
    (
        "home.unconfirmed_tours",
        "未確定の見学",
        "Tours not confirmed yet:",
    ),
    ("home.none_waiting", "ありません。", "None."),
    ("home.planned_title", "予定している支援", "Planned visits"),
    ("home.planned_today", "今日", "Today"),
    ("home.planned_week", "今週", "This week"),
    (
        "home.planned_none",
        "予定はありません。",
        "Nothing planned.",
    ),
];
