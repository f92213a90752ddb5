//! Portal accounts: navigation, invitations, sign-in, account states.

/// (key, 日本語, English)
pub const MESSAGES: &[(&str, &str, &str)] = &[
    ("portal.nav.home", "ホーム", "Home"),
    ("portal.nav.check", "セルフチェック", "Self-check"),
    ("portal.nav.notes", "｜連絡帳《れんらくちょう》", "Notebook"),
    (
        "portal.nav.reports",
        "｜支援《しえん》レポート",
        "Monthly reports",
    ),
    ("portal.nav.sign_out", "ログアウト", "Sign out"),
    ("portal.footer.signed_in_as", "ログイン中：", "Signed in as"),
    ("portal.me.title", "わたしのページ", "My page"),
    ("portal.me.greeting", "さん、こんにちは。", ", hello."),
    (
        "portal.employer.title",
        "企業ご担当者さまのページ",
        "Employer contact's page",
    ),
    (
        "portal.employer.none",
        "いま表示できる方はいません。ご本人の同意が必要です。事業所にお問い合わせください。",
        "There is nobody to show now: the person's consent is needed. Please ask the office.",
    ),
    (
        "portal.employer.consented",
        "ご本人が同意した共有",
        "Shared with you by consent",
    ),
    ("portal.status.invited", "招待中", "Invited"),
    ("portal.status.active", "利用中", "Active"),
    ("portal.status.revoked", "停止", "Stopped"),
    ("portal.status.closed", "終了", "Closed"),
    (
        "portal.link.usable",
        "このリンクは使えます。",
        "This link can be used.",
    ),
    (
        "portal.link.expired",
        "このリンクは｜期限《きげん》が｜切《き》れています。｜事業所《じぎょうしょ》に｜新《あたら》しい｜招待《しょうたい》をお｜願《ねが》いしてください。",
        "This link has expired. Please ask the office for a new invitation.",
    ),
    (
        "portal.link.used",
        "このリンクはもう｜使《つか》われています。ログインページからログインしてください。わからないときは｜事業所《じぎょうしょ》にお｜問《と》い｜合《あ》わせください。",
        "This link has already been used. Please sign in from the sign-in page, or ask the office.",
    ),
    (
        "portal.link.revoked",
        "このリンクは｜使《つか》えなくなりました。｜事業所《じぎょうしょ》にお｜問《と》い｜合《あ》わせください。",
        "This link no longer works. Please ask the office.",
    ),
];
