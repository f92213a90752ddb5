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
    ("portal.me.today", "きょうのこと", "Today"),
    (
        "portal.me.nothing",
        "きょう することは ありません。",
        "Nothing waits for you today.",
    ),
    (
        "portal.me.check_done",
        "きょうの セルフチェックは すみました。ありがとうございます。",
        "Today's self-check is done. Thank you.",
    ),
    (
        "portal.me.check_waiting",
        "きょうの セルフチェックは まだです。",
        "Today's self-check is not done yet.",
    ),
    (
        "portal.me.report_waiting",
        "の レポートを｜読《よ》んで、｜確認《かくにん》してください",
        ": please read and confirm the report",
    ),
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
    (
        "portal.link.title",
        "はじめての｜設定《せってい》",
        "Getting started",
    ),
    (
        "portal.link.to_login",
        "ログインページへ",
        "Go to the sign-in page",
    ),
    (
        "portal.link.invite_intro",
        "｜事業所《じぎょうしょ》からの｜招待《しょうたい》です。ログインに｜使《つか》う「あいことば」を｜決《き》めてください。",
        "This is an invitation from the office. Please choose the passphrase you will sign in with.",
    ),
    (
        "portal.link.your_login",
        "あなたのログインID：",
        "Your sign-in ID:",
    ),
    (
        "portal.link.set_and_start",
        "あいことばを｜決《き》めてはじめる",
        "Set the passphrase and start",
    ),
    (
        "portal.link.sign_in_intro",
        "ボタンを｜押《お》すとログインします。",
        "Press the button to sign in.",
    ),
    ("portal.link.sign_in", "ログインする", "Sign in"),
    (
        "portal.form.has_errors",
        "｜入力《にゅうりょく》を｜確《たし》かめてください",
        "Please check what you entered",
    ),
    ("portal.field.passphrase", "あいことば", "Passphrase"),
    (
        "portal.field.passphrase_confirm",
        "あいことば（もう｜一度《いちど》）",
        "Passphrase (again)",
    ),
    ("portal.field.login", "ログインID", "Sign-in ID"),
    ("portal.field.email", "メールアドレス", "Email address"),
    ("portal.field.contact_name", "ご担当者", "Contact"),
    (
        "portal.hint.passphrase",
        "8｜文字《もじ》｜以上《いじょう》。ひらがなの｜文《ぶん》でも｜大丈夫《だいじょうぶ》です（｜例《れい》：あさはパンをたべる）。",
        "At least 8 characters. A sentence in any script is fine.",
    ),
    (
        "portal.hint.login",
        "｜招待《しょうたい》の｜紙《かみ》に｜書《か》いてある「ログインID」です。",
        "The sign-in ID printed on your invitation sheet.",
    ),
    (
        "portal.err.passphrase_short",
        "あいことばは 8｜文字《もじ》｜以上《いじょう》にしてください",
        "Use at least 8 characters",
    ),
    (
        "portal.err.passphrase_long",
        "あいことばは 200｜文字《もじ》までにしてください",
        "Use at most 200 characters",
    ),
    (
        "portal.err.passphrase_control",
        "あいことばに｜使《つか》えない｜文字《もじ》があります",
        "The passphrase contains a character that cannot be used",
    ),
    (
        "portal.err.passphrase_is_login",
        "ログインIDとちがう あいことばにしてください",
        "Use a passphrase different from your sign-in ID",
    ),
    (
        "portal.err.passphrase_mismatch",
        "2つの あいことばが ちがいます",
        "The two passphrases are different",
    ),
    (
        "portal.login.title",
        "ログイン（ご｜本人《ほんにん》・｜企業《きぎょう》ご｜担当者《たんとうしゃ》）",
        "Sign in (clients and employer contacts)",
    ),
    (
        "portal.login.missing",
        "ログインIDと あいことばを｜入《い》れてください。",
        "Please enter your sign-in ID and passphrase.",
    ),
    (
        "portal.login.failed",
        "ログインIDか あいことばが ちがいます。",
        "The sign-in ID or the passphrase is not right.",
    ),
    (
        "portal.login.throttled",
        "｜何度《なんど》もまちがえたので、しばらく（15｜分《ふん》）まってから、もう｜一度《いちど》ためしてください。",
        "Too many attempts. Please wait 15 minutes and try again.",
    ),
    ("portal.login.submit", "ログインする", "Sign in"),
    (
        "portal.login.by_email",
        "メールでログインする",
        "Sign in by email",
    ),
    (
        "portal.login.by_email_intro",
        "あいことばを｜忘《わす》れたときは、｜登録《とうろく》したメールアドレスに ログイン｜用《よう》のリンクを｜送《おく》ります。",
        "Forgot your passphrase? We send a sign-in link to the email address on record.",
    ),
    (
        "portal.login.send_link",
        "リンクを｜送《おく》る",
        "Send the link",
    ),
    (
        "portal.login.link_sent",
        "｜登録《とうろく》があれば、メールを｜送《おく》りました。15｜分《ふん》いないにリンクを｜開《ひら》いてください。",
        "If that address is on record, we have sent an email. Please open its link within 15 minutes.",
    ),
    (
        "portal.login.help",
        "わからないときは、｜事業所《じぎょうしょ》にお｜問《と》い｜合《あ》わせください。",
        "If you are stuck, please contact the office.",
    ),
    (
        "portal.login.staff",
        "職員の方はこちら",
        "Staff sign in here",
    ),
    // The staff page of a client's portal accounts
    (
        "portal.accounts.nav",
        "本人・企業のアカウント",
        "Client and employer access",
    ),
    (
        "portal.accounts.title",
        "本人・企業担当者のアカウント",
        "Client and employer accounts",
    ),
    (
        "portal.accounts.intro",
        "ご本人と企業のご担当者を招待すると、セルフチェック・連絡帳・支援レポートの確認をオンラインでできます。パスワードは職員が決めません。招待状のリンクでご本人が「あいことば」を決めます。",
        "Invite the client and the employer contact to use the self-check, the notebook and the monthly report online. Staff never set their password: the person chooses a passphrase on the invitation link.",
    ),
    ("portal.accounts.client", "ご本人", "The client"),
    ("portal.accounts.state", "状態", "State"),
    (
        "portal.accounts.invite_until",
        "招待リンクの期限:",
        "Invitation link valid until",
    ),
    (
        "portal.accounts.last_sign_in",
        "最後のログイン",
        "Last sign-in",
    ),
    ("portal.accounts.never", "まだありません", "Not yet"),
    (
        "portal.accounts.none",
        "まだ招待していません。",
        "Not invited yet.",
    ),
    (
        "portal.accounts.send_email",
        "招待状をメールでも送る（送信メールに入ります）",
        "Also send the invitation by email (through the outbox)",
    ),
    (
        "portal.accounts.invite_hint",
        "「招待状を作る」と、QRコード付きの招待状（A4）が表示されます。印刷してお渡しください。新しい招待状を作ると、前の招待状は使えなくなります。",
        "Making an invitation shows an A4 sheet with a QR code to print and hand over. A new invitation makes the older one stop working.",
    ),
    (
        "portal.accounts.invite",
        "招待状を作る",
        "Make an invitation",
    ),
    (
        "portal.accounts.reinvite",
        "招待状を作り直す",
        "Make a new invitation",
    ),
    (
        "portal.accounts.revoke",
        "アカウントを停止する",
        "Stop the account",
    ),
    (
        "portal.accounts.employers",
        "企業のご担当者",
        "Employer contacts",
    ),
    (
        "portal.accounts.employer_intro",
        "企業のご担当者には、ご本人が同意した内容だけが表示されます。同意がなければ何も表示されません。",
        "An employer contact sees only what the client consented to share with them; with no consent, nothing.",
    ),
    (
        "portal.accounts.no_employers",
        "まだ招待していません。",
        "None invited yet.",
    ),
    (
        "portal.accounts.consent_now",
        "いま同意されている共有",
        "Shared by consent now",
    ),
    (
        "portal.accounts.no_consent",
        "同意なし（何も表示されません）",
        "No consent (nothing is shown)",
    ),
    ("portal.accounts.actions", "操作", "Actions"),
    ("portal.accounts.unlinked", "閲覧終了", "Access ended"),
    ("portal.accounts.unlink", "閲覧を終える", "End access"),
    (
        "portal.accounts.invite_employer",
        "企業のご担当者を招待する",
        "Invite an employer contact",
    ),
    (
        "field.invite_email",
        "ご本人のメールアドレス",
        "Client's email address",
    ),
    (
        "field.contact_name",
        "ご担当者のお名前（同意書と同じ表記）",
        "Contact's name (as on the consent)",
    ),
    ("field.contact_employer", "会社名", "Company"),
    (
        "field.contact_email",
        "ご担当者のメールアドレス",
        "Contact's email address",
    ),
    // The invitation sheet
    ("portal.sheet.title", "招待状", "Invitation"),
    (
        "portal.sheet.back",
        "アカウントのページにもどる",
        "Back to the accounts page",
    ),
    (
        "portal.sheet.print_hint",
        "ブラウザの印刷（Ctrl+P）でA4に印刷できます。この招待状はこの画面でしか表示されません。",
        "Print with the browser's print command (Ctrl+P) on A4. This sheet is shown only now.",
    ),
    (
        "portal.sheet.emailed",
        "招待状をメールで送りました（送信メールに入りました）:",
        "The invitation was queued by email to",
    ),
    (
        "portal.sheet.heading_client",
        "あなたのページへの｜招待状《しょうたいじょう》",
        "Your invitation",
    ),
    (
        "portal.sheet.heading_employer",
        "企業ご担当者さま用ページへのご招待",
        "Invitation for the employer contact",
    ),
    (
        "portal.sheet.dear_client",
        "さんへ",
        ": this invitation is for you",
    ),
    (
        "portal.sheet.dear_employer",
        "様",
        ": this invitation is for you",
    ),
    ("field.passphrase", "あいことば", "Passphrase"),
    (
        "field.passphrase_confirm",
        "あいことば（もう一度）",
        "Passphrase (again)",
    ),
    (
        "portal.sheet.step_scan",
        "スマートフォンのカメラで、｜下《した》のQRコードを｜読《よ》みとります。",
        "Scan the QR code below with your phone's camera.",
    ),
    (
        "portal.sheet.step_pass",
        "ログインに｜使《つか》う「あいことば」を｜決《き》めます。",
        "Choose the passphrase you will sign in with.",
    ),
    (
        "portal.sheet.step_next",
        "つぎからは、ログインIDと あいことばでログインします。",
        "From then on, sign in with the sign-in ID and your passphrase.",
    ),
    (
        "portal.sheet.step_scan_employer",
        "下のQRコードを読み取るか、URLを入力してください。",
        "Scan the QR code below or type the address.",
    ),
    (
        "portal.sheet.step_pass_employer",
        "ログインに使う「あいことば」（パスフレーズ）を決めてください。",
        "Choose the passphrase you will sign in with.",
    ),
    (
        "portal.sheet.step_next_employer",
        "次回からはログインIDとあいことばでログインできます。",
        "From then on, sign in with the sign-in ID and your passphrase.",
    ),
    (
        "portal.sheet.qr_label",
        "招待リンクのQRコード",
        "QR code of the invitation link",
    ),
    (
        "portal.sheet.or_type",
        "QRコードが｜使《つか》えないときは、このアドレスを｜入力《にゅうりょく》します：",
        "If you cannot use the QR code, type this address:",
    ),
    (
        "portal.sheet.expires",
        "この｜招待《しょうたい》は、つぎの｜日時《にちじ》まで｜使《つか》えます：",
        "This invitation works until",
    ),
    (
        "portal.sheet.ask",
        "わからないときのお｜問《と》い｜合《あ》わせ：",
        "Questions:",
    ),
    // The client's own sharing settings
    (
        "portal.nav.sharing",
        "｜共有《きょうゆう》の｜設定《せってい》",
        "What I share",
    ),
    (
        "portal.sharing.title",
        "｜共有《きょうゆう》の｜設定《せってい》",
        "What I share",
    ),
    (
        "portal.sharing.intro",
        "あなたが「｜見《み》せてよい」と｜決《き》めた｜相手《あいて》と｜内容《ないよう》です。やめたいときは、いつでもやめられます。",
        "The people you agreed to share with, and what. You can stop at any time.",
    ),
    (
        "portal.sharing.none",
        "いまは、だれにも｜共有《きょうゆう》していません。",
        "You share nothing with anyone now.",
    ),
    (
        "portal.sharing.employer",
        "｜会社《かいしゃ》の｜人《ひと》",
        "at your workplace",
    ),
    (
        "portal.sharing.institution",
        "｜病院《びょういん》などの｜機関《きかん》",
        "an institution",
    ),
    (
        "portal.sharing.what",
        "｜見《み》せてよいこと：",
        "What they may see:",
    ),
    ("portal.sharing.since", "はじめた｜日《ひ》：", "Since:"),
    (
        "portal.sharing.active",
        "いま｜共有《きょうゆう》しています",
        "Shared now",
    ),
    (
        "portal.sharing.stop",
        "この｜共有《きょうゆう》をやめる",
        "Stop this sharing",
    ),
    ("portal.sharing.stopped_on", "やめました：", "Stopped:"),
    (
        "portal.sharing.confirm_title",
        "｜共有《きょうゆう》をやめますか",
        "Stop sharing?",
    ),
    (
        "portal.sharing.confirm_who",
        "やめる｜相手《あいて》：",
        "Stop sharing with:",
    ),
    (
        "portal.sharing.confirm_effect",
        "やめると、この｜人《ひと》は すぐに なにも｜見《み》られなくなります。また｜共有《きょうゆう》したいときは、｜事業所《じぎょうしょ》の｜人《ひと》に｜話《はな》してください。",
        "Once you stop, this person sees nothing at once. To share again later, talk to the office.",
    ),
    ("portal.sharing.confirm_button", "やめる", "Stop sharing"),
    (
        "portal.sharing.keep",
        "やめないで もどる",
        "Keep sharing and go back",
    ),
    (
        "portal.sharing.stopped",
        "｜共有《きょうゆう》をやめました。",
        "Sharing stopped.",
    ),
    (
        "portal.cat.work_status",
        "｜仕事《しごと》の｜様子《ようす》（｜出勤《しゅっきん》・｜仕事《しごと》ぶり）",
        "How work goes (attendance, work)",
    ),
    (
        "portal.cat.health",
        "｜体調《たいちょう》と｜薬《くすり》（セルフチェックをふくむ）",
        "Health and medicine (including the self-check)",
    ),
    (
        "portal.cat.disability",
        "｜障害《しょうがい》のこと・｜苦手《にがて》なこと",
        "Your disability and what is hard for you",
    ),
    (
        "portal.cat.support_records",
        "｜相談《そうだん》した｜内容《ないよう》",
        "What you talked about with the office",
    ),
    (
        "portal.cat.reports",
        "｜毎月《まいつき》の｜支援《しえん》レポート",
        "The monthly support report",
    ),
    (
        "portal.cat.contact_info",
        "あなたの｜連絡先《れんらくさき》",
        "Your contact details",
    ),
    (
        "portal.cat.handover",
        "｜支援《しえん》が｜終《お》わるときの｜引《ひ》き｜継《つ》ぎ｜資料《しりょう》",
        "The hand-over summary at the end of support",
    ),
    (
        "portal.reports.confirmed_notice",
        "｜確認《かくにん》しました。ありがとうございます。",
        "Confirmed. Thank you.",
    ),
];
