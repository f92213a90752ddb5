//! 記録の保存期間: the setting, the list of clients whose keeping period has passed, and the
//! removal page (`web::platform::record_keeping`).

pub const MESSAGES: &[(&str, &str, &str)] = &[
    ("keeping.nav", "記録の保存期間", "Record keeping"),
    ("keeping.title", "記録の保存期間", "Record keeping"),
    (
        "keeping.intro",
        "サービス提供の記録は、サービスの終了から定めた年数のあいだ保存します（指定基準・条例の「記録の整備」。都道府県の条例で起算日と年数を確認してください）。保存期間を過ぎた個人情報は、管理者の承認で削除します（個人情報保護法）。",
        "Service records are kept for the set number of years after the service ends (指定基準 and the prefecture's ordinance: check its start and length there). After that period, personal data is removed on an administrator's approval (Act on the Protection of Personal Information).",
    ),
    ("keeping.setting", "保存年数", "Years kept"),
    (
        "field.keeping_years",
        "サービス終了後の保存年数（年）",
        "Years kept after the service ends",
    ),
    (
        "hint.keeping_years",
        "5年以上。条例がより長い年数を定めるときはその年数にします。",
        "At least 5. Use the longer period where the ordinance sets one.",
    ),
    (
        "keeping.err_below_minimum",
        "法令の最低保存期間（5年）より短くはできません。",
        "Cannot be shorter than the legal minimum of 5 years.",
    ),
    (
        "keeping.due",
        "保存期間を過ぎた利用者",
        "Clients past their keeping period",
    ),
    (
        "keeping.due_intro",
        "毎月確認してください。サービス終了日は、最後の契約の終了日と最後の支援記録（支援記録・地域連携会議・レポートの月）のうち遅い日です。",
        "Check it every month. The service end is the later of the last contract's end and the last service record (contact, 地域連携会議, report month).",
    ),
    ("keeping.as_of", "基準日", "as of"),
    (
        "keeping.none",
        "保存期間を過ぎた利用者はいません。",
        "No client is past their keeping period.",
    ),
    ("keeping.client", "利用者", "Client"),
    ("keeping.office", "事業所", "Office"),
    ("keeping.service_end", "サービス終了日", "Service ended"),
    ("keeping.keep_until", "保存期限", "Kept until"),
    ("keeping.actions", "操作", "Actions"),
    ("keeping.remove", "削除する", "Remove"),
    (
        "keeping.remove_title",
        "利用者の記録の削除",
        "Remove a client's records",
    ),
    ("keeping.years_unit", "年", "years"),
    ("keeping.what_happens", "削除すると", "What removal does"),
    (
        "keeping.will_delete",
        "削除: 受給者証、契約、就職先、支援計画、レポートとその共有、同意、課題、地域連携会議、上限額管理結果、事業所の移動、セルフチェック、連絡帳、企業からの週報、本人ポータルのアカウント・リンク・セッション、本人あての送信メール。",
        "Deleted: certificates, contracts, employments, plans, reports and their sharing, consents, tasks, 地域連携会議, cap results, office moves, self-checks, the notebook, the employer's weekly notes, the portal account with its links and sessions, and emails to the client.",
    ),
    (
        "keeping.will_anonymise",
        "匿名化: 氏名・ふりがな・生年月日・連絡先・障害種別・前の事業所を消し、この利用者の画面はどこからも開けなくなります。",
        "Anonymised: name, kana, birth date, contact details, disability categories and the prior office are erased; the client's pages no longer open anywhere.",
    ),
    (
        "keeping.will_keep_cases",
        "残すもの: 解決した課題（事業所の過去事例、氏名なし）。それが記録された支援記録は日付と形だけを残し、本文を消します。",
        "Kept: resolved concerns (the office's past cases, without names); the contact they were raised in keeps only its date and form, its words erased.",
    ),
    (
        "keeping.will_keep_claims",
        "残すもの: 確定した請求（請求時の明細のまま）と、確定した就労定着率の根拠。",
        "Kept: locked claims (their lines as filed) and the evidence of a frozen 就労定着率.",
    ),
    (
        "keeping.cannot_undo",
        "元に戻せません。削除は監査ログに件数だけが記録されます。",
        "This cannot be undone. The audit log records the counts only.",
    ),
    (
        "field.confirm_removal",
        "上の内容を確認し、この利用者の個人情報を削除します",
        "I have read the above and remove this client's personal data",
    ),
    (
        "keeping.err_confirm",
        "削除するには確認のチェックを入れてください。",
        "Tick the confirmation to remove.",
    ),
    (
        "keeping.not_yet",
        "保存期間中のため削除できません。保存期限:",
        "Still within the keeping period, so it cannot be removed. Kept until:",
    ),
    (
        "keeping.back",
        "保存期間の一覧へ戻る",
        "Back to record keeping",
    ),
    (
        "keeping.removed_notice",
        "利用者の個人情報を削除しました。",
        "The client's personal data was removed.",
    ),
];
