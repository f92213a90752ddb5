//! Messages of two-factor sign-in for staff (`web::platform::two_factor`).

pub const MESSAGES: &[(&str, &str, &str)] = &[
    ("totp.title", "2段階認証", "Two-factor sign-in"),
    (
        "totp.intro",
        "ログインのとき、パスワードに加えて、スマートフォンの認証アプリ(Google Authenticator、Microsoft Authenticator など)に表示される6桁のコードを入力します。",
        "When signing in, you enter a 6-digit code from an authenticator app on your phone (Google Authenticator, Microsoft Authenticator…) as well as your password.",
    ),
    (
        "totp.required_note",
        "この法人では2段階認証が必須です。設定が終わるとログインできます。",
        "Your organisation requires two-factor sign-in. You will be signed in once it is set up.",
    ),
    (
        "totp.step_scan",
        "認証アプリでこのQRコードを読み取ってください。",
        "Scan this QR code with your authenticator app.",
    ),
    (
        "totp.qr_label",
        "認証アプリに登録するためのQRコード",
        "QR code to add this account to your authenticator app",
    ),
    (
        "totp.step_text",
        "読み取れない場合は、次の文字列(シークレットキー)をアプリに入力してください。",
        "If you cannot scan it, enter this secret key in the app instead.",
    ),
    (
        "totp.step_confirm",
        "アプリに表示されている6桁のコードを入力して、設定を完了してください。",
        "Enter the 6-digit code the app shows to finish setting up.",
    ),
    (
        "totp.enable",
        "2段階認証を有効にする",
        "Turn on two-factor sign-in",
    ),
    (
        "totp.status_on",
        "2段階認証は有効です。",
        "Two-factor sign-in is on.",
    ),
    (
        "totp.recovery_left",
        "未使用のリカバリーコード",
        "Unused recovery codes",
    ),
    (
        "totp.disable_heading",
        "2段階認証を無効にする",
        "Turn off two-factor sign-in",
    ),
    (
        "totp.disable_required_note",
        "この法人では2段階認証が必須のため、無効にすると次回のログインで再設定が必要になります。",
        "Your organisation requires two-factor sign-in: if you turn it off, you will set it up again at your next sign-in.",
    ),
    ("totp.disable", "無効にする", "Turn off"),
    ("totp.recovery_title", "リカバリーコード", "Recovery codes"),
    (
        "totp.enabled_notice",
        "2段階認証を有効にしました。",
        "Two-factor sign-in is now on.",
    ),
    (
        "totp.recovery_intro",
        "スマートフォンをなくしたときは、認証アプリのコードの代わりに次のリカバリーコードでログインできます。印刷するか、安全な場所に書き写してください。",
        "If you lose your phone, you can sign in with one of these recovery codes instead of a code from the app. Print them or write them down somewhere safe.",
    ),
    (
        "totp.recovery_once",
        "リカバリーコードはこの画面でしか表示されません。各コードは1回だけ使えます。",
        "The recovery codes are shown only on this page. Each code works once.",
    ),
    ("totp.continue", "続ける", "Continue"),
    (
        "totp.step_title",
        "2段階認証コードの入力",
        "Two-factor code",
    ),
    (
        "totp.step_intro",
        "認証アプリに表示されている6桁のコードを入力してください。スマートフォンが手元にないときは、リカバリーコードも使えます。",
        "Enter the 6-digit code your authenticator app shows. Without your phone, you can use a recovery code.",
    ),
    ("totp.verify", "確認してログイン", "Verify and sign in"),
    (
        "totp.step_expired",
        "ログインの手続きが見つからないか、時間切れです。もう一度ログインしてください。",
        "No sign-in is waiting here, or it has expired. Please sign in again.",
    ),
    (
        "totp.require_heading",
        "2段階認証の必須化",
        "Requiring two-factor sign-in",
    ),
    (
        "totp.require_label",
        "すべての職員に2段階認証を必須にする",
        "Require two-factor sign-in for all staff",
    ),
    (
        "totp.require_note",
        "必須にすると、2段階認証を設定していない職員は、次回のログイン直後に設定を求められ、設定が終わるまで他の画面を使えません。",
        "When required, staff without two-factor sign-in are asked to set it up right after their next sign-in and can use nothing else until they have.",
    ),
    ("totp.require_save", "保存する", "Save"),
    (
        "totp.reset_heading",
        "2段階認証のリセット",
        "Resetting two-factor sign-in",
    ),
    (
        "totp.reset_note",
        "スマートフォンをなくした職員の2段階認証を解除します。本人は次回のログインで再設定します。",
        "Removes the two-factor sign-in of a staff member who lost their phone. They set it up again at their next sign-in.",
    ),
    (
        "totp.reset",
        "2段階認証をリセットする",
        "Reset two-factor sign-in",
    ),
    ("totp.state_on", "2段階認証: 有効", "Two-factor: on"),
    (
        "totp.state_off",
        "2段階認証: 未設定",
        "Two-factor: not set up",
    ),
    ("field.code", "確認コード", "Code"),
    (
        "hint.code",
        "6桁の数字、またはリカバリーコード(例: abcde-12345)",
        "6 digits, or a recovery code (e.g. abcde-12345)",
    ),
    (
        "err.totp_code_missing",
        "コードを入力してください。",
        "Enter the code.",
    ),
    (
        "err.totp_code_wrong",
        "コードが正しくありません。アプリに表示されている最新のコードを入力してください。",
        "The code is not right. Enter the latest code your app shows.",
    ),
    (
        "err.totp_code_used",
        "このコードは使用済みです。次のコードが表示されるまでお待ちください。",
        "This code has already been used. Wait for the next code.",
    ),
    (
        "err.totp_setup_expired",
        "設定の手続きが見つかりません。ページを開き直してください。",
        "The set-up was not found. Open the page again.",
    ),
    (
        "notice.totp_off",
        "2段階認証を無効にしました。",
        "Two-factor sign-in has been turned off.",
    ),
    (
        "notice.totp_reset",
        "2段階認証をリセットしました。",
        "Two-factor sign-in has been reset.",
    ),
    (
        "notice.totp_required",
        "2段階認証の設定を保存しました。",
        "The two-factor setting has been saved.",
    ),
];
