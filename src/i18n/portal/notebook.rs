//! 連絡帳 (the notebook of a client, their office and their employer contact): the client's
//! page (plain Japanese with ふりがな, `note.me.*`), the staff page and the employer's
//! (`note.*`, `note.employer.*`).

/// (key, 日本語, English)
pub const MESSAGES: &[(&str, &str, &str)] = &[
    // Staff
    ("note.title", "連絡帳", "Notebook"),
    (
        "note.intro",
        "本人・事業所・企業担当者で共有する連絡帳です。事業所の職員はすべての連絡を読めます。企業には、本人の同意がその分類を含む間だけ表示されます。",
        "The notebook shared by the client, the office and the employer contact. Office staff read every message; the employer sees a message only while the client's consent covers its category.",
    ),
    (
        "note.body_hint",
        "1,000字まで。改行できます。",
        "Up to 1,000 characters. Line breaks are kept.",
    ),
    ("note.who_legend", "見られる人", "Who can read it"),
    (
        "note.always_office",
        "事業所の職員はいつでも読めます。",
        "Office staff can always read it.",
    ),
    ("note.to_client", "本人", "The client"),
    ("note.to_employer", "企業担当者", "The employer contact"),
    (
        "note.no_employer",
        "本人の同意がある企業担当者がいないため、企業には送れません。",
        "No employer contact has the client's consent now, so the employer cannot be included.",
    ),
    (
        "note.category_hint",
        "企業に送るとき、この連絡が当たる同意の分類です。本人の同意が含む分類だけを選べます。",
        "When the employer is included: the consent category this message falls under. Only categories the client's consent covers can be chosen.",
    ),
    ("note.category", "分類", "category"),
    (
        "note.employer_blocked_now",
        "この分類への本人の同意がいまはないため、企業担当者には表示されていません。",
        "The client's consent does not cover this category now: the employer contact does not see it.",
    ),
    (
        "note.observations_link",
        "企業からの週報を見る",
        "Read the employer's weekly reports",
    ),
    ("note.send", "送る", "Send"),
    (
        "note.list",
        "これまでの連絡（新しい順）",
        "Messages (newest first)",
    ),
    ("note.none", "まだ連絡はありません。", "No messages yet."),
    ("note.older", "前の連絡を見る", "Older messages"),
    ("note.readers", "見られる人: ", "Can read it: "),
    // Between the readers' names: 本人・事業所・企業.
    ("note.sep", "・", ", "),
    ("note.reader.client", "本人", "client"),
    ("note.reader.office", "事業所", "office"),
    ("note.reader.employer", "企業", "employer"),
    ("note.role.staff", "（事業所）", " (office)"),
    ("note.role.client", "（本人）", " (client)"),
    ("note.role.employer", "（企業）", " (employer)"),
    (
        "note.err.too_long",
        "1,000字以内で書いてください。",
        "Please write at most 1,000 characters.",
    ),
    (
        "note.err.category",
        "分類を選んでください。",
        "Please choose a category.",
    ),
    (
        "note.err.no_consent",
        "この分類は本人の同意に含まれていないため、企業には送れません。分類を変えるか、企業を外してください。",
        "The client's consent does not cover this category, so it cannot go to the employer. Choose another category or leave the employer out.",
    ),
    ("field.note_body", "本文", "Message"),
    ("field.note_category", "同意の分類", "Consent category"),
    ("field.note_to_client", "本人", "The client"),
    (
        "field.note_to_employer",
        "企業担当者",
        "The employer contact",
    ),
    // The employer contact
    ("note.employer.title", "連絡帳", "Notebook"),
    (
        "note.employer.intro",
        "ご本人・事業所とのやりとりです。ご本人の同意の範囲でお送りしています。",
        "Messages between you, the person and the office, shared within the person's consent.",
    ),
    (
        "note.employer.who_legend",
        "この連絡を見られる方",
        "Who can read this message",
    ),
    (
        "note.employer.always_office",
        "事業所の担当者には必ず届きます。",
        "The office always receives it.",
    ),
    (
        "note.employer.to_client",
        "ご本人にも見せる",
        "Show it to the person too",
    ),
    // The client (plain Japanese with ふりがな)
    ("note.me.title", "｜連絡帳《れんらくちょう》", "Notebook"),
    (
        "note.me.intro",
        "｜事業所《じぎょうしょ》の｜人《ひと》や｜会社《かいしゃ》の｜人《ひと》と、｜連絡《れんらく》ができます。",
        "Here you can send messages to the office and to the person at your company.",
    ),
    (
        "note.me.has_errors",
        "なおしてほしいところがあります",
        "Please check the form",
    ),
    ("note.me.body", "｜書《か》くこと", "Your message"),
    (
        "note.me.body_hint",
        "1000｜字《じ》まで｜書《か》けます。",
        "Up to 1,000 characters.",
    ),
    (
        "note.me.who_legend",
        "だれに｜見《み》せますか",
        "Who should read it?",
    ),
    (
        "note.me.always_office",
        "｜事業所《じぎょうしょ》の｜人《ひと》は、いつも｜読《よ》めます。",
        "The office can always read it.",
    ),
    (
        "note.me.to_employer",
        "｜会社《かいしゃ》の｜人《ひと》にも｜見《み》せる（しごとのこと）",
        "Show it to the person at my company too (about work)",
    ),
    (
        "note.me.no_employer",
        "いまは｜会社《かいしゃ》の｜人《ひと》には｜送《おく》れません。",
        "You cannot send to your company now.",
    ),
    ("note.me.send", "｜送《おく》る", "Send"),
    (
        "note.me.list",
        "これまでの｜連絡《れんらく》（｜新《あたら》しいものが｜上《うえ》）",
        "Messages (newest at the top)",
    ),
    (
        "note.me.none",
        "まだ｜連絡《れんらく》はありません。",
        "No messages yet.",
    ),
    ("note.me.you", "あなた", "You"),
    (
        "note.me.older",
        "もっと｜前《まえ》の｜連絡《れんらく》を｜見《み》る",
        "Older messages",
    ),
    (
        "note.me.readers",
        "｜見《み》られる｜人《ひと》：",
        "Can read it: ",
    ),
    ("note.me.reader.client", "あなた", "you"),
    (
        "note.me.reader.office",
        "｜事業所《じぎょうしょ》",
        "office",
    ),
    ("note.me.reader.employer", "｜会社《かいしゃ》", "company"),
    (
        "note.me.role.staff",
        "（｜事業所《じぎょうしょ》）",
        " (office)",
    ),
    ("note.me.role.client", "（あなた）", " (you)"),
    (
        "note.me.role.employer",
        "（｜会社《かいしゃ》）",
        " (company)",
    ),
    (
        "note.me.err.required",
        "｜書《か》くことを｜入《い》れてください。",
        "Please write your message.",
    ),
    (
        "note.me.err.too_long",
        "1000｜字《じ》までにしてください。",
        "Please write at most 1,000 characters.",
    ),
    (
        "note.me.err.no_consent",
        "いまは｜会社《かいしゃ》の｜人《ひと》には｜送《おく》れません。チェックを｜外《はず》してください。",
        "You cannot send to your company now. Please untick it.",
    ),
];
