//! What each table holds, in people's words: the headings of a client's record export and
//! the list in docs/export.md (a test keeps the two and the schema together).

/// (table, 日本語, English).
pub const TABLES: &[(&str, &str, &str)] = &[
    ("organizations", "法人", "Organisation"),
    ("offices", "事業所", "Offices"),
    ("staff", "職員", "Staff"),
    (
        "staff_offices",
        "職員の所属と役割",
        "Staff memberships and roles",
    ),
    (
        "sessions",
        "サインイン中のセッション（書き出さない）",
        "Signed-in sessions (not exported)",
    ),
    (
        "login_failures",
        "サインインの失敗（書き出さない）",
        "Failed sign-ins (not exported)",
    ),
    (
        "audit_log",
        "監査ログ（だれがいつ何をしたか・記録を見たか）",
        "Audit log (who did or viewed what, when)",
    ),
    ("clients", "利用者", "Clients"),
    ("employments", "就労（勤務先・雇用開始日）", "Employment"),
    ("certificates", "受給者証", "Certificates (受給者証)"),
    (
        "certificate_periods",
        "支給決定期間",
        "Decision periods of the certificates",
    ),
    ("contracts", "契約", "Contracts"),
    ("institutions", "関係機関", "Institutions"),
    ("contacts", "支援記録", "Support records (contacts)"),
    (
        "concerns",
        "課題（支援記録で挙がったこと）",
        "Concerns raised in the support records",
    ),
    ("tasks", "対応すること（タスク）", "Tasks agreed"),
    (
        "consents",
        "情報提供の同意",
        "Consents to share information",
    ),
    ("support_plans", "就労定着支援計画", "Support plans"),
    ("support_reports", "支援レポート", "Monthly support reports"),
    (
        "report_shares",
        "レポートの共有・確認",
        "Report shares and confirmations",
    ),
    (
        "calendar_tokens",
        "職員のカレンダー配信（鍵の要約のみ）",
        "Staff calendar feeds (token hashes only)",
    ),
    ("email_outbox", "送信メール", "Outgoing email"),
    ("guide_sections", "公開ページの案内文", "Public guide text"),
    (
        "app_secrets",
        "サーバーの秘密鍵（問い合わせフォームの署名）",
        "Server secrets (inquiry form signatures)",
    ),
    ("inquiries", "問い合わせ", "Inquiries"),
    ("inquiry_events", "問い合わせの経過", "Inquiry steps"),
    ("tour_slots", "見学枠", "Tour slots"),
    ("tour_bookings", "見学の予約", "Tour bookings"),
    (
        "claim_master",
        "加算・減算とサービスコードの版",
        "Claim master data (additions, reductions, codes)",
    ),
    ("unit_prices", "単位数単価", "Unit prices"),
    (
        "office_claim_settings",
        "事業所の体制の届出",
        "Offices' filed claim settings",
    ),
    (
        "retention_filings",
        "就労定着率の届出",
        "Retention rate filings",
    ),
    (
        "regional_meetings",
        "地域連携会議",
        "Regional coordination meetings",
    ),
    (
        "cap_results",
        "上限額管理結果",
        "Co-payment cap management results",
    ),
    (
        "cap_result_offices",
        "上限額管理結果の他事業所",
        "Other offices of the cap results",
    ),
    ("claims", "請求（確定した版）", "Claims (locked versions)"),
    (
        "office_area_grades",
        "地域区分の履歴",
        "Area grades over time",
    ),
    (
        "retention_frozen",
        "確定した就労定着率と根拠",
        "Frozen retention rates with their evidence",
    ),
    (
        "client_office_moves",
        "事業所の移動",
        "Moves between offices",
    ),
    (
        "client_accounts",
        "本人のポータルアカウント",
        "Clients' portal accounts",
    ),
    ("employer_contacts", "企業の担当者", "Employer contacts"),
    (
        "employer_links",
        "企業担当者と利用者のつながり",
        "Links between employer contacts and clients",
    ),
    (
        "portal_tokens",
        "ポータルの招待・ワンタイムリンク",
        "Portal invitations and one-time links",
    ),
    (
        "selfcheck_items",
        "セルフチェックの項目",
        "Self-check items",
    ),
    (
        "selfcheck_entries",
        "セルフチェックの記入",
        "Self-check entries",
    ),
    (
        "selfcheck_scores",
        "セルフチェックの点数",
        "Self-check scores",
    ),
    (
        "selfcheck_replies",
        "セルフチェックへの返信",
        "Replies to self-checks",
    ),
    ("note_messages", "連絡帳のメッセージ", "Notebook messages"),
    (
        "employer_observations",
        "企業担当者の週ごとのメモ",
        "Employer contacts' weekly notes",
    ),
    ("staff_totp", "職員の2段階認証", "Staff two-factor settings"),
    (
        "staff_recovery_codes",
        "2段階認証の予備コード（要約のみ）",
        "Two-factor recovery codes (hashes only)",
    ),
    (
        "totp_pending",
        "2段階認証の途中（書き出さない）",
        "Two-factor sign-ins in progress (not exported)",
    ),
    (
        "import_uploads",
        "取り込み中のファイル（書き出さない）",
        "Files being imported (not exported)",
    ),
    (
        "import_mappings",
        "取り込みの列の割り当て",
        "Import column mappings",
    ),
    (
        "followups",
        "支援終了後のフォローアップ",
        "Follow-ups after the service",
    ),
    (
        "contact_versions",
        "支援記録の版（訂正の履歴）",
        "Support record versions (corrections)",
    ),
    (
        "public_version",
        "公開ページの版（書き出さない）",
        "Version of the public pages (not exported)",
    ),
    ("cases", "過去の事例（匿名）", "Past cases (anonymised)"),
    (
        "case_changes",
        "事例の索引の更新（書き出さない）",
        "Changes for the case index (not exported)",
    ),
    (
        "case_helpful",
        "役に立った事例",
        "Past cases noted as helpful",
    ),
    (
        "warning_dismissals",
        "気になるサインの見送り",
        "Warnings dismissed",
    ),
    (
        "handovers",
        "引き継ぎ資料のメモと共有先",
        "Hand-over package memo and recipient",
    ),
];

/// The heading of `table` in Japanese or English (the table's name when it has none yet).
pub fn title(table: &str, japanese: bool) -> String {
    TABLES
        .iter()
        .find(|(t, _, _)| *t == table)
        .map(|(_, ja, en)| if japanese { *ja } else { *en }.to_string())
        .unwrap_or_else(|| table.to_string())
}
