//! Messages of the first day (issue 12, item 8): the setup token and the administrator's
//! checklist on the home page: (key, 日本語, English).
pub const MESSAGES: &[(&str, &str, &str)] = &[
    ("field.setup_token", "初期設定のトークン", "Setup token"),
    (
        "hint.setup_token",
        "サーバーを起動したときに画面（ログ）に表示された値です。表示されたアドレスから開くと、入力済みになります。",
        "The value the server printed on its console (log) when it started. Opening the address printed there fills it in.",
    ),
    (
        "err.setup_token",
        "トークンが違います。サーバーの画面（ログ）に表示された値を入力してください。",
        "The token is not right. Enter the value printed on the server's console (log).",
    ),
    (
        "home.no_offices_admin",
        "まだ事業所がありません。「はじめの準備」から事業所を登録してください。",
        "There is no office yet. Add one from the first steps above.",
    ),
    ("setup.checklist_title", "はじめの準備", "First steps"),
    (
        "setup.checklist_intro",
        "上から順に進めてください。終わった手順には印がつき、全部終わるとこの欄は消えます。",
        "Work from the top. Each finished step is marked, and this box goes away when all are done.",
    ),
    ("setup.step_done", "済み", "Done"),
    ("setup.step_todo", "まだ", "To do"),
    ("setup.step.office", "事業所を登録する", "Add an office"),
    (
        "setup.step.office_help",
        "名前、事業所番号、住所、電話番号を入れます。",
        "Its name, office number, address and phone number.",
    ),
    (
        "setup.step.area_grade",
        "地域区分を入れる",
        "Set the area grade",
    ),
    (
        "setup.step.area_grade_help",
        "請求の単価は事業所のある地域の区分で決まります。",
        "The unit price of the claim depends on the office's area grade.",
    ),
    ("setup.step.staff", "職員を登録する", "Add staff"),
    (
        "setup.step.staff_help",
        "支援員、サービス管理責任者、事務の方のアカウントを作ります。",
        "Accounts for supporters, the service manager and the office clerk.",
    ),
    (
        "setup.step.claim_master",
        "請求マスタのサービスコードを入れる",
        "Enter the service codes in the claim master",
    ),
    (
        "setup.step.claim_master_help",
        "国保連に送るファイルにはサービスコードが必要です。",
        "The file sent to the 国保連 (claims office) needs the service codes.",
    ),
    ("setup.step.client", "利用者を登録する", "Register a client"),
    (
        "setup.step.client_help",
        "最初の利用者を登録すると、準備は終わりです。",
        "Registering the first client finishes the first steps.",
    ),
    // The prior services' names (`PriorService::label_key`), English for item 10.
    (
        "prior.employment_transition",
        "就労移行支援",
        "Employment transition support",
    ),
    (
        "prior.continuous_a",
        "就労継続支援A型",
        "Continuous employment support, type A",
    ),
    (
        "prior.continuous_b",
        "就労継続支援B型",
        "Continuous employment support, type B",
    ),
    ("prior.life_care", "生活介護", "Life care"),
    (
        "prior.independence_functional",
        "自立訓練(機能訓練)",
        "Independence training (functional)",
    ),
    (
        "prior.independence_life",
        "自立訓練(生活訓練)",
        "Independence training (daily life)",
    ),
    ("prior.none", "該当なし", "None of these"),
    // Staff invited by email (`web::platform::staff_invite`)
    ("staff.invite.legend", "パスワード", "Password"),
    (
        "staff.invite.option",
        "パスワードは本人に決めてもらう（招待メールを送る）",
        "Let the staff member choose their password (send an invitation email)",
    ),
    (
        "staff.invite.option_hint",
        "メールのリンクは7日間、1回だけ使えます。チェックを外したときは、下にパスワードを入れてください。",
        "The link in the email works once, for 7 days. If you uncheck this, enter a password below.",
    ),
    (
        "staff.invite.sent_notice",
        "招待メールを送りました。本人がリンクを開いてパスワードを決めると、ログインできます。",
        "The invitation was sent. The staff member can sign in once they open the link and choose a password.",
    ),
    (
        "staff.invite.resend_heading",
        "招待メール",
        "Invitation email",
    ),
    (
        "staff.invite.resend_hint",
        "新しいリンクを送ります。前に送ったリンクは使えなくなります。",
        "Sends a new link. The link sent before stops working.",
    ),
    (
        "staff.invite.resend",
        "招待メールを送り直す",
        "Send the invitation again",
    ),
    (
        "staff.invite.title",
        "パスワードを決める",
        "Choose your password",
    ),
    (
        "staff.invite.intro",
        "定着 Teichaku の職員アカウントへようこそ。ログインに使うパスワードを決めてください。",
        "Welcome to your staff account in Teichaku. Choose the password you will sign in with.",
    ),
    ("staff.invite.your_login", "ログインID:", "Sign-in ID:"),
    (
        "staff.invite.submit",
        "パスワードを決めてログインする",
        "Set the password and sign in",
    ),
    (
        "staff.invite.expired",
        "このリンクは期限が切れています。管理者に招待メールを送り直してもらってください。",
        "This link has expired. Please ask an administrator to send the invitation again.",
    ),
    (
        "staff.invite.used",
        "このリンクはもう使われています。決めたパスワードでログインしてください。",
        "This link has already been used. Sign in with the password you chose.",
    ),
    (
        "staff.invite.revoked",
        "このリンクは使えません。新しい招待メールが届いていないか確かめるか、管理者に連絡してください。",
        "This link cannot be used. Check for a newer invitation email, or contact an administrator.",
    ),
    (
        "staff.invite.to_login",
        "ログインのページへ",
        "Go to the sign-in page",
    ),
    // The 事務 role (`domain::staff::Role::Clerk`)
    ("role.clerk", "事務", "Office clerk"),
];
