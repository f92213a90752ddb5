//! Long lists (#13): the audit log's staff and office fields, and the paging and filters of
//! the client list and the inquiry inbox.

pub const MESSAGES: &[(&str, &str, &str)] = &[
    // The audit log's filter: text fields resolved on the server.
    // The field names of the two typed filters (for their messages).
    ("field.actor", "職員", "Staff member"),
    ("field.office", "事業所", "Office"),
    (
        "audit.staff_field",
        "職員（ログインIDまたは氏名）",
        "Staff member (login ID or name)",
    ),
    (
        "audit.office_field",
        "事業所（事業所番号または名称）",
        "Office (office number or name)",
    ),
    (
        "audit.field_hint",
        "ログインID・事業所番号は全部を、氏名・名称は一部でも入力できます。",
        "Type a whole login ID or office number, or any part of a name.",
    ),
    (
        "audit.no_staff",
        "該当する職員がいません。",
        "No staff member matches.",
    ),
    (
        "audit.no_office",
        "該当する事業所がありません。",
        "No office matches.",
    ),
    (
        "audit.choose_staff",
        "該当する職員が複数います。一人を選ぶと、その職員の記録を表示します。",
        "Several staff members match. Choose one to see their records.",
    ),
    (
        "audit.choose_office",
        "該当する事業所が複数あります。一つを選ぶと、その事業所の記録を表示します。",
        "Several offices match. Choose one to see its records.",
    ),
    (
        "audit.choices_cut",
        "ここには最初の 20 件だけを表示しています。もう少し詳しく入力してください。",
        "Only the first 20 are listed here. Type more of the name.",
    ),
    (
        "audit.choose_first",
        "職員・事業所を一つに絞ると、記録を表示します。",
        "The records are shown once the staff member and the office are each one.",
    ),
    ("audit.chosen", "選択中：", "Chosen: "),
    ("audit.paging", "監査ログのページ送り", "Audit log pages"),
    ("audit.newest", "最新の記録へ", "Newest records"),
    // The client list.
    (
        "client.show.current",
        "現在の利用者（終了を除く）",
        "Current clients (all but ended)",
    ),
    (
        "client.show.ended",
        "終了した元利用者",
        "Ended (former clients)",
    ),
    (
        "client.paged_note",
        "（ふりがな順に 50 人ずつ表示）",
        " (50 a page, by furigana)",
    ),
    (
        "client.paging",
        "利用者一覧のページ送り",
        "Client list pages",
    ),
    (
        "office.clients_more",
        "ここには最初の 50 人を表示しています。全員は利用者一覧で（ページ送り・検索）",
        "The first 50 are shown here. See them all in the client list (pages and search)",
    ),
    // The inquiry inbox.
    (
        "inquiry.show.open",
        "未対応・対応中",
        "Open (new or in progress)",
    ),
    (
        "inquiry.show.all",
        "すべて（新しい順）",
        "All (newest first)",
    ),
    (
        "inquiry.paged_note",
        "受付の新しい順に 50 件ずつ表示します。",
        "Newest first, 50 a page.",
    ),
    ("inquiry.paging", "問い合わせのページ送り", "Inquiry pages"),
];
