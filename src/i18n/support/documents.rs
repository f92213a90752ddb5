//! Messages of the printed documents (支援レポート, 就労定着支援計画, invoices): the issuer block
//! (`templates/_sheet_head.html`), the signature lines, and the plan's print:
//! (key, 日本語, English).
pub const MESSAGES: &[(&str, &str, &str)] = &[
    ("sheet.office_number", "事業所番号", "Office number"),
    ("sheet.phone", "電話", "Phone"),
    ("sheet.employer", "勤務先", "Employer"),
    ("sheet.colon", "：", ": "),
    // Brackets around a detail, in each language's punctuation: 西船橋（千葉県）, 西船橋 (千葉県).
    ("sheet.paren_open", "（", " ("),
    ("sheet.paren_close", "）", ")"),
    // A list of short items (遅刻・欠勤 / lateness · absence) in each language's punctuation;
    // `sheet.colon` above puts a label before its value the same way.
    ("sheet.sep", "・", " · "),
    (
        "sheet.sign_client",
        "本人確認欄　内容を確認しました。",
        "Client: I have read this document.",
    ),
    (
        "sheet.sign_employer",
        "勤務先確認欄",
        "Employer confirmation:",
    ),
    (
        "sheet.date_blank",
        "確認した日　　　　年　　月　　日",
        "Date: ______________",
    ),
    ("sheet.signature", "署名", "Signature: ______________"),
    // 就労定着支援計画（2026-04-01 〜）/ Support plan (from 2026-04-01)
    ("plan.period_open", "（", " (from "),
    ("plan.period_close", " 〜）", ")"),
    ("plan.print_title", "計画の印刷", "Print the plan"),
    (
        "plan.print",
        "印刷用の計画を開く",
        "Open the printable plan",
    ),
    ("plan.print_draft", "（案）", " (draft)"),
    ("plan.print_period", "計画の期間", "Plan period"),
    ("plan.print_to", "〜", "to"),
    (
        "plan.print_statement",
        "この計画について説明を受け、内容に同意しました。",
        "The plan was explained to me and I agree to it.",
    ),
    ("plan.print_client_sign", "本人", "Client"),
    (
        "plan.print_manager_sign",
        "サービス管理責任者",
        "Service manager",
    ),
    ("plan.print_agreed_on", "同意日", "Agreed on"),
    (
        "office.era_dates",
        "印刷する書類の年月を和暦で書く（例：令和8年11月）",
        "Date printed documents in the Japanese era calendar (e.g. Reiwa 8)",
    ),
    (
        "office.era_dates_hint",
        "チェックしないときは西暦（例：2026年11月）で書きます。",
        "Unchecked, documents use the Western calendar (e.g. November 2026).",
    ),
];
