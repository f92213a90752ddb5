//! Messages of a client's whole-record export (本人開示, issue 15, item 2): (key, 日本語,
//! English).
pub const MESSAGES: &[(&str, &str, &str)] = &[
    (
        "record.nav",
        "記録をすべて書き出す（本人開示）",
        "Export the whole record (disclosure)",
    ),
    (
        "record.title",
        "利用者の記録の書き出し",
        "A client's whole record",
    ),
    (
        "record.intro",
        "この利用者について保存しているすべての記録（利用者情報、就労、受給者証、契約、支援記録、計画、レポート、同意、セルフチェック、連絡帳、だれが記録を見たかの監査ログ）を1つのZIPファイルにまとめます。中には、読みやすいページ（A4で印刷できます）と、表ごとのCSVが入っています。書き出しは監査ログに目的とともに残ります。",
        "Puts every record held about this client (the client, employment, certificates, contracts, support records, plans, reports, consents, self-checks, notebook messages and the audit log of who viewed the record) into one ZIP file: a readable page (printable on A4) and one CSV per table. The export is written in the audit log with its purpose.",
    ),
    ("record.purpose", "書き出す目的", "Purpose of the export"),
    (
        "record.download",
        "ZIPファイルをダウンロード",
        "Download the ZIP file",
    ),
    ("record.made_at", "作成日時：", "Made at:"),
    ("record.office", "事業所：", "Office:"),
    (
        "record.html_intro",
        "個人情報の保護に関する法律に基づく開示のため、事業所が保存しているこの方の記録をすべて載せています。同じ内容を表ごとのCSVでも添えています。",
        "For disclosure under the Act on the Protection of Personal Information: every record the office holds about this person. The same is attached as one CSV per table.",
    ),
    ("record.contents", "目次", "Contents"),
    (
        "record.purpose.disclosure",
        "本人開示（ご本人から求められた）",
        "Disclosure (the person asked for it)",
    ),
    (
        "record.purpose.transfer",
        "事業所の移転・引継ぎ",
        "Transfer to another office",
    ),
];
