//! Every user-visible message, in Japanese (first) and English. Templates ask for a key with
//! `page.t("…")`; a test checks that every key the templates and code use exists here, so a
//! missing translation fails the build's tests rather than showing up on a page.

use std::{collections::HashMap, sync::LazyLock};

mod api;
mod claims;
#[cfg(test)]
mod english;
mod intake;
mod platform;
mod portal;
mod records;
mod support;

/// Every message table: the platform's (`MESSAGES`, below) and one per feature, so that
/// features add their messages in their own file.
pub const TABLES: &[&[(&str, &str, &str)]] = &[
    MESSAGES,
    platform::audit::MESSAGES,
    platform::totp::MESSAGES,
    platform::keeping::MESSAGES,
    platform::lists::MESSAGES,
    support::contacts::MESSAGES,
    support::consents::MESSAGES,
    support::reports::MESSAGES,
    support::compliance::MESSAGES,
    support::cases::MESSAGES,
    claims::records::MESSAGES,
    intake::public::MESSAGES,
    intake::inquiries::MESSAGES,
    intake::tours::MESSAGES,
    intake::email::MESSAGES,
    claims::claim::MESSAGES,
    claims::kokuho::MESSAGES,
    api::MESSAGES,
    records::client_moves::MESSAGES,
    records::import::MESSAGES,
    records::record_export::MESSAGES,
    records::followups::MESSAGES,
    records::handover::MESSAGES,
    portal::accounts::MESSAGES,
    portal::selfcheck::MESSAGES,
    portal::notebook::MESSAGES,
    portal::reports::MESSAGES,
    portal::employer::MESSAGES,
    support::documents::MESSAGES,
    platform::first_day::MESSAGES,
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    Ja,
    En,
}

impl Lang {
    pub fn code(self) -> &'static str {
        match self {
            Lang::Ja => "ja",
            Lang::En => "en",
        }
    }

    /// The message for `key`, or `key` itself marked as missing (the tests prevent that).
    pub fn t(self, key: &str) -> &'static str {
        self.get(key).unwrap_or("⚠ missing message")
    }

    /// The message for `key` with each `{name}` in it replaced by that name's value, in one
    /// pass (a value is never read as a placeholder). A `{…}` with no value stays as written.
    pub fn fill(self, key: &str, values: &[(&str, String)]) -> String {
        let mut rest = self.t(key);
        let mut out = String::with_capacity(rest.len());
        while let Some(open) = rest.find('{') {
            out.push_str(&rest[..open]);
            let after = &rest[open + 1..];
            let value = after.find('}').and_then(|close| {
                let name = &after[..close];
                values
                    .iter()
                    .find(|(n, _)| *n == name)
                    .map(|(_, v)| (v, close))
            });
            match value {
                Some((v, close)) => {
                    out.push_str(v);
                    rest = &after[close + 1..];
                }
                None => {
                    out.push('{');
                    rest = after;
                }
            }
        }
        out.push_str(rest);
        out
    }

    pub fn get(self, key: &str) -> Option<&'static str> {
        MESSAGES_BY_KEY.get(key).map(|(ja, en)| match self {
            Lang::Ja => *ja,
            Lang::En => *en,
        })
    }
}

static MESSAGES_BY_KEY: LazyLock<HashMap<&'static str, (&'static str, &'static str)>> =
    LazyLock::new(|| {
        TABLES
            .iter()
            .flat_map(|t| t.iter())
            .map(|(k, ja, en)| (*k, (*ja, *en)))
            .collect()
    });

/// (key, 日本語, English)
pub const MESSAGES: &[(&str, &str, &str)] = &[
    ("app.name", "定着 Teichaku", "Teichaku"),
    (
        "app.footer",
        "定着 Teichaku — 就労定着支援のための業務システム",
        "Teichaku — software for employment retention support offices",
    ),
    // Navigation
    ("nav.skip", "本文へ移動", "Skip to main content"),
    ("nav.label", "メインメニュー", "Main menu"),
    ("nav.home", "ホーム", "Home"),
    ("nav.offices", "事業所", "Offices"),
    ("nav.staff", "職員", "Staff"),
    ("nav.audit", "監査ログ", "Audit log"),
    ("nav.sign_out", "ログアウト", "Sign out"),
    // Forms
    ("form.required", "必須", "required"),
    (
        "form.has_errors",
        "入力内容を確認してください",
        "Please check what you entered",
    ),
    ("form.save", "保存する", "Save"),
    ("form.cancel", "キャンセル", "Cancel"),
    ("form.edit", "編集する", "Edit"),
    ("form.choose", "選んでください", "Please choose"),
    ("form.not_set", "未設定", "Not set"),
    ("form.all", "すべて", "All"),
    ("form.filter", "絞り込む", "Filter"),
    // Field labels
    ("field.organization_name", "法人名", "Organisation name"),
    ("field.display_name", "氏名", "Name"),
    ("field.login", "ログインID", "Sign-in ID"),
    ("field.email", "メールアドレス", "Email address"),
    ("field.password", "パスワード", "Password"),
    (
        "field.password_confirm",
        "パスワード（確認）",
        "Password (again)",
    ),
    (
        "field.current_password",
        "現在のパスワード",
        "Current password",
    ),
    ("field.name", "事業所名", "Office name"),
    ("field.office_number", "事業所番号", "Office number"),
    ("field.prefecture", "都道府県", "Prefecture"),
    ("field.address", "住所", "Address"),
    ("field.nearest_station", "最寄り駅", "Nearest station"),
    ("field.phone", "電話番号", "Phone number"),
    ("field.client_name", "氏名", "Name"),
    ("field.kana", "ふりがな", "Furigana"),
    ("field.birth_date", "生年月日", "Date of birth"),
    ("field.supporter", "担当支援員", "Supporter in charge"),
    ("field.is_admin", "権限", "Permissions"),
    // Hints
    (
        "hint.password",
        "12文字以上。長い文（パスフレーズ）がおすすめです。",
        "At least 12 characters. A long phrase is best.",
    ),
    (
        "hint.password_confirm",
        "確認のため、もう一度入力してください。",
        "Type the same password again.",
    ),
    (
        "hint.login",
        "半角英数字と . _ - @ で3〜64文字。",
        "3–64 characters: letters, digits, . _ - @",
    ),
    (
        "hint.office_number",
        "指定を受けた10桁の番号。指定前は空欄でかまいません。",
        "The 10-digit designation number; leave empty until designated.",
    ),
    // Field messages
    (
        "err.required",
        "入力してください。",
        "This field is required.",
    ),
    (
        "err.control_chars",
        "使えない文字（制御文字）が含まれています。取り除いてください。",
        "This contains control characters that cannot be used. Please remove them.",
    ),
    (
        "err.line_break",
        "この欄には改行を入れられません。1行で入力してください。",
        "This field cannot contain line breaks. Please enter one line.",
    ),
    (
        "err.too_long",
        "長すぎます。短くしてください。",
        "This is too long.",
    ),
    (
        "err.digits",
        "数字で入力してください。",
        "Enter digits only.",
    ),
    (
        "err.digits6",
        "6桁の数字で入力してください。",
        "Enter 6 digits.",
    ),
    (
        "err.digits10",
        "10桁の数字で入力してください。",
        "Enter 10 digits.",
    ),
    (
        "err.phone",
        "電話番号は10桁か11桁の数字で入力してください（ハイフンは入れても入れなくてもかまいません）。",
        "Enter a phone number of 10 or 11 digits (hyphens optional).",
    ),
    (
        "err.email",
        "メールアドレスの形が正しくありません（例: name@example.jp）。",
        "Enter an email address like name@example.jp.",
    ),
    (
        "err.prefecture",
        "一覧から都道府県を選んでください。",
        "Choose a prefecture from the list.",
    ),
    (
        "err.date",
        "日付は 2026-04-01 の形で入力してください。",
        "Enter a date like 2026-04-01.",
    ),
    (
        "err.password_short",
        "パスワードは12文字以上にしてください。",
        "The password must be at least 12 characters.",
    ),
    (
        "err.password_weak",
        "推測されやすいパスワードです。よくある単語・数字の並び・繰り返しを避け、長めの文にしてください。",
        "This password is easy to guess. Avoid common words, runs of digits and repetition; a longer phrase works well.",
    ),
    (
        "err.password_personal",
        "ログインID・氏名・法人名を含むパスワードは使えません。",
        "The password must not contain your sign-in ID, your name or the organisation's name.",
    ),
    (
        "err.password_mismatch",
        "パスワードが一致しません。",
        "The passwords do not match.",
    ),
    (
        "err.current_password",
        "現在のパスワードが違います。",
        "The current password is not correct.",
    ),
    (
        "err.login_format",
        "ログインIDは半角英数字と . _ - @ で3〜64文字にしてください。",
        "Use 3–64 characters: letters, digits, . _ - @",
    ),
    (
        "err.login_taken",
        "このログインIDはすでに使われています。",
        "This sign-in ID is already in use.",
    ),
    (
        "err.office_name_taken",
        "同じ名前の事業所がすでにあります。",
        "An office with this name already exists.",
    ),
    (
        "err.office_number_taken",
        "この事業所番号はすでに登録されています。",
        "This office number is already registered.",
    ),
    (
        "err.last_admin",
        "管理者が一人もいなくなるため、この変更はできません。",
        "This would leave no administrator.",
    ),
    (
        "err.cannot_demote_self",
        "自分自身の管理者権限やアカウントは無効にできません。",
        "You cannot remove your own admin rights or account.",
    ),
    (
        "err.cannot_delete_self",
        "自分自身は削除できません。",
        "You cannot delete yourself.",
    ),
    // Notices after a redirect
    ("notice.saved", "保存しました。", "Saved."),
    ("notice.created", "登録しました。", "Created."),
    ("notice.deleted", "削除しました。", "Deleted."),
    (
        "notice.setup_done",
        "初期設定が終わりました。下の「はじめの準備」を順に進めてください。",
        "Setup is complete. Work through the first steps below.",
    ),
    (
        "notice.signed_out",
        "ログアウトしました。",
        "You have signed out.",
    ),
    (
        "notice.password_changed",
        "パスワードを変更しました。",
        "The password has been changed.",
    ),
    (
        "notice.office_has_clients",
        "利用者が登録されている事業所は削除できません。先に利用者を移すか終了してください。",
        "An office with clients cannot be deleted. Move or end its clients first.",
    ),
    // Roles
    ("role.admin", "法人管理者", "Administrator"),
    (
        "role.manager",
        "サービス管理責任者・管理者",
        "Service manager",
    ),
    ("role.supporter", "就労定着支援員", "Support worker"),
    ("role.none", "所属なし", "No role"),
    // Setup
    ("setup.title", "初期設定", "First-time setup"),
    (
        "setup.intro",
        "はじめに、法人と最初の管理者アカウントを作成します。ここで決めたパスワードでログインします。",
        "First, create the organisation and the first administrator account. You will sign in with the password you choose here.",
    ),
    ("setup.organization", "法人", "Organisation"),
    ("setup.admin", "最初の管理者", "First administrator"),
    ("setup.submit", "作成する", "Create"),
    // Sign-in
    ("login.title", "ログイン", "Sign in"),
    ("login.submit", "ログインする", "Sign in"),
    (
        "login.missing",
        "ログインIDとパスワードを入力してください。",
        "Enter your sign-in ID and password.",
    ),
    (
        "login.failed",
        "ログインIDまたはパスワードが違います。",
        "The sign-in ID or password is not correct.",
    ),
    (
        "login.throttled",
        "ログインの失敗が続いたため、しばらくログインできません。15分ほど待ってから、もう一度お試しください。",
        "Too many failed sign-ins. Please wait about 15 minutes and try again.",
    ),
    (
        "account.password_title",
        "パスワードの変更",
        "Change password",
    ),
    // Home
    ("home.title", "ホーム", "Home"),
    ("home.welcome", "ようこそ、", "Welcome,"),
    ("home.your_offices", "担当の事業所", "Your offices"),
    (
        "home.no_offices",
        "まだ事業所に所属していません。管理者に連絡してください。",
        "You do not belong to an office yet. Please ask an administrator.",
    ),
    ("home.role", "役割", "Role"),
    (
        "home.calendar_link",
        "予定と期限をいつものカレンダーに表示する（カレンダー連携）",
        "Show plans and due dates in your calendar app",
    ),
    ("home.admin", "法人の管理", "Organisation"),
    // Offices
    ("office.title", "事業所", "Office"),
    ("office.list_title", "事業所一覧", "Offices"),
    ("office.new", "事業所を追加", "Add an office"),
    ("office.edit", "事業所の編集", "Edit office"),
    (
        "office.none",
        "事業所はまだありません。",
        "There are no offices yet.",
    ),
    ("office.clients", "利用者", "Clients"),
    ("office.staff", "職員", "Staff"),
    ("office.no_staff", "職員はまだいません。", "No staff yet."),
    ("office.delete", "事業所を削除", "Delete office"),
    (
        "office.delete_help",
        "利用者が登録されていない事業所だけ削除できます。",
        "Only an office without clients can be deleted.",
    ),
    // Clients
    ("client.title", "利用者", "Client"),
    (
        "client.none",
        "利用者はまだ登録されていません。",
        "No clients yet.",
    ),
    // Staff
    ("staff.list_title", "職員一覧", "Staff"),
    ("staff.new", "職員を追加", "Add staff"),
    ("staff.edit", "職員の編集", "Edit staff"),
    (
        "staff.offices_roles",
        "所属事業所と役割",
        "Offices and roles",
    ),
    ("staff.status", "状態", "Status"),
    ("staff.active", "有効", "Active"),
    ("staff.inactive", "無効", "Inactive"),
    ("staff.permissions", "権限", "Permissions"),
    (
        "staff.is_admin",
        "法人管理者（すべての事業所と職員を管理）",
        "Administrator (manages all offices and staff)",
    ),
    (
        "staff.active_account",
        "アカウントを有効にする",
        "Account is active",
    ),
    (
        "staff.reset_password",
        "パスワードを再設定",
        "Reset password",
    ),
    ("staff.delete", "職員を削除", "Delete staff member"),
    (
        "staff.delete_help",
        "削除すると、この職員はログインできなくなります。記録に残った名前は監査ログに残ります。",
        "The staff member will no longer be able to sign in. Their name stays in the audit log.",
    ),
    // Audit log
    ("audit.title", "監査ログ", "Audit log"),
    ("audit.at", "日時", "When"),
    ("audit.actor", "操作した人", "Who"),
    ("audit.action", "操作", "Action"),
    ("audit.target", "対象", "Target"),
    ("audit.detail", "内容", "Detail"),
    ("audit.address", "接続元", "From"),
    ("audit.office", "事業所", "Office"),
    ("audit.from", "開始日", "From date"),
    ("audit.to", "終了日", "To date"),
    (
        "audit.none",
        "該当する記録はありません。",
        "No matching records.",
    ),
    ("audit.older", "さらに古い記録", "Older records"),
    // Clients
    ("client.list_title", "利用者一覧", "Clients"),
    ("client.new", "利用者を登録", "Register a client"),
    ("client.edit", "基本情報を編集", "Edit details"),
    (
        "client.search",
        "氏名・ふりがなで検索",
        "Search by name or furigana",
    ),
    ("client.status", "状況", "Status"),
    ("client.count_suffix", "人", "clients"),
    ("client.section_person", "本人の情報", "About the client"),
    (
        "client.section_prior",
        "以前に利用したサービス",
        "Service used before",
    ),
    (
        "client.sections",
        "この利用者の記録",
        "This client's records",
    ),
    ("client.nav_contacts", "支援記録", "Support records"),
    ("client.nav_consents", "本人同意", "Consent"),
    ("client.nav_plans", "支援計画", "Support plan"),
    ("client.nav_reports", "支援レポート", "Monthly reports"),
    ("office.sections", "事業所の業務", "Office work"),
    ("office.nav_month", "今月の状況", "This month"),
    ("office.nav_cases", "過去の事例を探す", "Search past cases"),
    ("office.nav_institutions", "関係機関", "Institutions"),
    ("client.recent", "最近の支援記録", "Recent contacts"),
    (
        "client.all_history",
        "すべての記録（タイムライン）を見る",
        "See the whole history",
    ),
    ("client.warnings", "確認が必要なこと", "Needs attention"),
    (
        "field.disabilities",
        "障害種別（あてはまるものすべて）",
        "Disability (all that apply)",
    ),
    (
        "field.prior_service",
        "利用していたサービス",
        "Service used before",
    ),
    (
        "field.prior_office_name",
        "そのサービスの事業所名",
        "Office that provided it",
    ),
    ("field.supporter_id", "担当支援員", "Supporter in charge"),
    ("disability.physical", "身体障害", "Physical"),
    ("disability.intellectual", "知的障害", "Intellectual"),
    ("disability.mental", "精神障害", "Mental"),
    ("disability.developmental", "発達障害", "Developmental"),
    ("disability.intractable", "難病", "Intractable disease"),
    ("stage.before_start", "利用開始前", "Before start"),
    ("stage.active", "利用中", "Active"),
    ("stage.ending_soon", "終了間近", "Ending soon"),
    ("stage.ended", "終了", "Ended"),
    (
        "stage.no_employment",
        "就労情報なし",
        "No employment recorded",
    ),
    // Employment
    ("employment.title", "就労", "Employment"),
    ("employment.new", "就労先を登録", "Add employment"),
    (
        "employment.edit",
        "就労情報の編集・離職の記録",
        "Edit employment / record leaving",
    ),
    ("employment.section_employer", "勤務先", "Employer"),
    ("employment.section_job", "仕事の内容", "The job"),
    ("employment.section_dates", "日付", "Dates"),
    (
        "employment.ordinary_yes",
        "一般就労（通常の事業所に雇用）",
        "Ordinary employment (hired by a regular employer)",
    ),
    (
        "employment.ordinary_no",
        "一般就労ではない（A型など）",
        "Not ordinary employment (e.g. type A)",
    ),
    ("employment.still_employed", "在職中", "Still employed"),
    ("employment.hours_unit", "時間／週", "hours a week"),
    ("field.employer_name", "勤務先（会社名）", "Employer"),
    (
        "field.workplace_address",
        "勤務地の住所",
        "Workplace address",
    ),
    (
        "field.supervisor_name",
        "職場の担当者（上司）",
        "Supervisor to contact",
    ),
    (
        "field.supervisor_contact",
        "担当者の連絡先",
        "Supervisor's contact",
    ),
    ("field.job_title", "仕事の内容・職種", "Job"),
    ("field.weekly_hours", "週の労働時間（時間）", "Weekly hours"),
    (
        "field.ordinary_employment",
        "雇用の形",
        "Type of employment",
    ),
    ("field.hire_date", "入社日", "Hire date"),
    (
        "field.return_to_work_date",
        "復職日（休職から戻った場合）",
        "Return-to-work date (after leave)",
    ),
    ("field.end_date", "離職日", "Date of leaving"),
    ("field.end_reason", "離職の理由", "Reason for leaving"),
    ("hint.weekly_hours", "例: 30 または 20.5", "e.g. 30 or 20.5"),
    (
        "hint.return_to_work_date",
        "休職から復職した場合、6か月はこの日から数えます。",
        "For a return from leave, the 6 months count from this date.",
    ),
    ("reason.resigned", "自己都合退職", "Resigned"),
    ("reason.dismissed", "会社都合退職", "Dismissed"),
    ("reason.contract_ended", "契約期間満了", "Contract ended"),
    ("reason.job_change", "転職", "Job change"),
    ("reason.other", "その他", "Other"),
    // Certificates
    ("certificate.title", "受給者証", "Beneficiary certificate"),
    ("certificate.new", "受給者証を登録", "Add certificate"),
    (
        "certificate.renew",
        "支給決定期間を追加（更新）",
        "Add a decision period (renewal)",
    ),
    ("certificate.period", "支給決定期間", "Decision period"),
    (
        "field.certificate_number",
        "受給者証番号",
        "Certificate number",
    ),
    (
        "field.municipality_code",
        "市町村番号",
        "Municipality number",
    ),
    ("field.municipality_name", "市町村名", "Municipality"),
    (
        "field.income_category",
        "負担上限月額の区分",
        "Income category",
    ),
    (
        "field.monthly_cap_yen",
        "負担上限月額（円）",
        "Monthly cap (yen)",
    ),
    (
        "field.cap_manager_office",
        "上限額管理事業所",
        "Cap-managing office",
    ),
    ("field.period_start", "開始日", "Start date"),
    ("field.period_end", "終了日", "End date"),
    (
        "hint.certificate_number",
        "受給者証に書かれた10桁の番号",
        "The 10-digit number on the certificate",
    ),
    (
        "hint.municipality_code",
        "受給者証に書かれた6桁の番号",
        "The 6-digit number on the certificate",
    ),
    (
        "hint.monthly_cap_yen",
        "受給者証に書かれた金額をそのまま入力します。",
        "Enter the amount printed on the certificate.",
    ),
    (
        "hint.cap_manager_office",
        "他の事業所が上限額を管理している場合、その事業所名",
        "If another office manages the cap, its name",
    ),
    (
        "income.welfare",
        "生活保護（0円）",
        "Public assistance (0 yen)",
    ),
    ("income.low_income", "低所得（0円）", "Low income (0 yen)"),
    (
        "income.general1",
        "一般1（9,300円）",
        "General 1 (9,300 yen)",
    ),
    (
        "income.general2",
        "一般2（37,200円）",
        "General 2 (37,200 yen)",
    ),
    ("unit.yen", "円", "yen"),
    // Contracts
    ("contract.title", "契約", "Contract"),
    ("contract.new", "契約を登録", "Add contract"),
    (
        "contract.window",
        "このサービスを利用できる期間",
        "The period in which the service can run",
    ),
    (
        "contract.end_rule",
        "契約の終了日は、開始日から最長3年、かつ利用できる期間の最終日までで自動的に決まります。",
        "The end is set automatically: at most 3 years from the start, and never past the last day of the period.",
    ),
    ("contract.end", "終了日", "End date"),
    ("field.contract_date", "契約日", "Contract date"),
    ("field.start_date", "利用開始日", "Service start date"),
    // Warnings and the timeline
    (
        "warn.no_employment",
        "就労先がまだ登録されていません。",
        "No employment has been recorded yet.",
    ),
    (
        "warn.not_ordinary",
        "一般就労ではないため、就労定着支援の対象になりません。",
        "Not ordinary employment: the service does not apply.",
    ),
    (
        "warn.no_prior_service",
        "対象となるサービス（就労移行支援など）の利用歴がありません。",
        "No qualifying prior service (e.g. employment transition support).",
    ),
    (
        "warn.not_yet_eligible",
        "まだ利用開始前です（入社から6か月は送り出し事業所が支援します）。利用できるのは次の日から:",
        "Not yet eligible (the sending office supports the first 6 months). The service can start on:",
    ),
    (
        "warn.service_ended",
        "利用できる期間が終わりました。最終日:",
        "The service period has ended. Last day:",
    ),
    (
        "warn.service_ending",
        "利用できる期間が6か月以内に終わります。最終日:",
        "The service period ends within 6 months. Last day:",
    ),
    (
        "warn.handover_by",
        "／引き継ぎ（企業・関係機関との情報共有）はこの日までに始めてください:",
        "/ Start the handover (sharing with the employer and agencies) by:",
    ),
    (
        "warn.no_certificate",
        "今日有効な受給者証（支給決定期間）がありません。",
        "No certificate (decision period) is valid today.",
    ),
    (
        "warn.certificate_ending",
        "受給者証の支給決定期間が90日以内に終わります。更新の手続きを確認してください。終了日:",
        "The certificate's decision period ends within 90 days. Check the renewal. End:",
    ),
    (
        "warn.no_contract",
        "今日有効な契約がありません。",
        "No contract is in force today.",
    ),
    (
        "warn.contract_end_differs",
        "登録済みの契約の終了日が、いまの計算（開始日から最長3年、利用できる期間の最終日まで。月の期間は民法第143条で数えます）と異なります。契約の内容を確認してください。登録済みの終了日:",
        "A stored contract's end differs from the one computed now (at most 3 years from the start, never past the last day of the period; months counted under Article 143 of the Civil Code). Please check the contract. Stored end:",
    ),
    (
        "warn.contract_end_computed",
        "／計算上の終了日:",
        "/ Computed end:",
    ),
    (
        "warn.contract_outside_window",
        "登録済みの契約の開始日が、いまの計算で利用できる期間（月の期間は民法第143条で数えます）の外にあります。契約の内容を確認してください。開始日:",
        "A stored contract starts outside the period computed now (months counted under Article 143 of the Civil Code). Please check the contract. Start:",
    ),
    (
        "timeline.title",
        "利用期間のタイムライン",
        "Service timeline",
    ),
    (
        "timeline.desc",
        "入社から、送り出し事業所の支援期間、このサービスを利用できる期間、受給者証の期間、契約、今日までを示します。日付は下の一覧にもあります。",
        "From hiring: the sending office's period, the period this service can run, certificate periods, contracts and today. The dates are also listed below.",
    ),
    (
        "timeline.sending_office",
        "送り出し事業所の支援（6か月）",
        "Sending office's support (6 months)",
    ),
    (
        "timeline.window",
        "就労定着支援を利用できる期間",
        "Period this service can run",
    ),
    (
        "timeline.certificate",
        "受給者証の支給決定期間",
        "Certificate decision period",
    ),
    ("timeline.contract", "契約期間", "Contract"),
    (
        "timeline.hire",
        "入社日（起算日）",
        "Hire date (start of counting)",
    ),
    (
        "timeline.handover",
        "引き継ぎ開始の期限（終了3か月前）",
        "Handover must start by (3 months before the end)",
    ),
    (
        "timeline.latest_end",
        "最終日（入社から3年6か月）",
        "Last day (3 years 6 months after hiring)",
    ),
    ("timeline.today", "今日", "Today"),
    // More field messages
    (
        "err.birth_date",
        "生年月日を確かめてください（15歳から100歳まで）。",
        "Check the date of birth (ages 15 to 100).",
    ),
    (
        "err.kana",
        "ふりがなは、ひらがなで入力してください。",
        "Enter the furigana in hiragana.",
    ),
    (
        "err.choose",
        "一覧から選んでください。",
        "Choose from the list.",
    ),
    (
        "err.choose_one",
        "1つ以上選んでください。",
        "Choose at least one.",
    ),
    ("err.number", "数字で入力してください。", "Enter a number."),
    (
        "err.out_of_range",
        "入力できる範囲を超えています。",
        "This number is out of range.",
    ),
    (
        "err.weekly_hours",
        "週の労働時間は1時間から60時間の間で入力してください。",
        "Weekly hours must be between 1 and 60.",
    ),
    (
        "err.too_far_future",
        "1年以上先の日付は入力できません。",
        "The date cannot be more than a year ahead.",
    ),
    (
        "err.after_hire_date",
        "入社日より後の日付を入力してください。",
        "Enter a date after the hire date.",
    ),
    (
        "err.end_date_for_reason",
        "離職の理由を選んだときは、離職日も入力してください。",
        "Enter the date of leaving with the reason.",
    ),
    (
        "err.end_before_start",
        "終了日は開始日より後にしてください。",
        "The end must be after the start.",
    ),
    (
        "err.period_too_long",
        "支給決定期間が長すぎます。受給者証の日付を確かめてください。",
        "The period is too long; check the dates on the certificate.",
    ),
    (
        "err.period_overlap",
        "すでに登録されている期間と重なっています。",
        "This overlaps a period already recorded.",
    ),
    (
        "err.contract_after_start",
        "契約日は利用開始日より前（同じ日も可）にしてください。",
        "The contract date must be on or before the start date.",
    ),
    (
        "err.no_employment_for_contract",
        "先に就労先（入社日）を登録してください。契約期間は入社日から決まります。",
        "Record the employment (hire date) first: the contract period depends on it.",
    ),
    (
        "err.start_too_early",
        "入社から6か月たつまでは利用を開始できません。",
        "The service cannot start within 6 months of hiring.",
    ),
    (
        "err.start_too_late",
        "利用できる期間（入社から3年6か月）を過ぎています。",
        "This is after the service period (3 years 6 months after hiring).",
    ),
    // Error pages
    ("error.status", "状態", "Status"),
    ("error.request_id", "受付番号", "Request ID"),
    ("error.back_home", "ホームに戻る", "Back to home"),
    (
        "error.not_found.title",
        "ページが見つかりません",
        "Page not found",
    ),
    (
        "error.not_found.message",
        "お探しのページは見つかりませんでした。アドレスを確かめるか、ホームから探してください。",
        "We could not find that page. Check the address, or start again from the home page.",
    ),
    (
        "error.forbidden.title",
        "このページは表示できません",
        "You cannot view this page",
    ),
    (
        "error.forbidden.message",
        "このページを見る権限がありません。必要なときは法人の管理者に相談してください。",
        "You do not have permission to see this page. Ask your administrator if you need it.",
    ),
    (
        "error.csrf.title",
        "送信を受け付けられませんでした",
        "The form could not be accepted",
    ),
    (
        "error.csrf.message",
        "安全のため、この送信は受け付けませんでした。ページを開き直してから、もう一度送信してください。",
        "For your safety this submission was refused. Reload the page and send it again.",
    ),
    (
        "error.bad_request.title",
        "リクエストを処理できません",
        "The request could not be processed",
    ),
    (
        "error.bad_request.message",
        "送られた内容を読み取れませんでした。ページを開き直して、もう一度お試しください。",
        "We could not read what was sent. Reload the page and try again.",
    ),
    (
        "error.busy.title",
        "ただいま混み合っています",
        "The server is busy",
    ),
    (
        "error.busy.message",
        "少し待ってから、もう一度お試しください。",
        "Please wait a moment and try again.",
    ),
    (
        "error.too_large.title",
        "送信された内容が大きすぎます",
        "What was sent is too large",
    ),
    (
        "error.too_large.message",
        "一度に送れる量を超えました。文章を短くするか、分けて送ってください。",
        "This is more than can be sent at once. Please shorten it or send it in parts.",
    ),
    (
        "error.internal.title",
        "ただいま処理できません",
        "Something went wrong",
    ),
    (
        "error.internal.message",
        "申し訳ありません。システムで問題が起きました。入力した内容は保存されていない可能性があります。少し待ってからもう一度お試しください。続くときは受付番号を添えて管理者に連絡してください。",
        "Sorry, something went wrong on our side. What you entered may not have been saved. Please try again shortly; if it keeps happening, tell your administrator the request ID.",
    ),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fill_replaces_each_named_value_once() {
        let values = [
            ("name", "{known}".to_string()),
            ("known", "a, b".to_string()),
        ];
        assert_eq!(
            Lang::Ja.fill("api.unknown_parameter", &values),
            "{known} というパラメータはありません（使えるもの: a, b）"
        );
        assert_eq!(
            Lang::En.fill("api.body_not_object", &[]),
            "Send the request body (body) as a JSON object ({ … })"
        );
        assert_eq!(Lang::En.fill("api.missing", &[]), "{field} is required");
    }

    /// Every `{name}` in a message is in both languages, so no translation drops a value.
    #[test]
    fn both_languages_have_the_same_placeholders() {
        let names = |text: &str| {
            let mut names: Vec<String> = text
                .split('{')
                .skip(1)
                .filter_map(|s| s.split_once('}').map(|(n, _)| n.to_string()))
                .filter(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_lowercase() || b == b'_'))
                .collect();
            names.sort();
            names
        };
        for (k, ja, en) in TABLES.iter().flat_map(|t| t.iter()) {
            assert_eq!(names(ja), names(en), "{k}");
        }
    }

    #[test]
    fn keys_are_unique_and_both_languages_are_filled() {
        let mut seen = std::collections::HashSet::new();
        for (k, ja, en) in TABLES.iter().flat_map(|t| t.iter()) {
            assert!(seen.insert(*k), "duplicate key {k}");
            assert!(!ja.is_empty() && !en.is_empty(), "empty message for {k}");
        }
    }

    /// Every `t("…")`, `label("…")` and message key written in templates and code exists.
    #[test]
    fn every_key_used_exists() {
        let root = concat!(env!("CARGO_MANIFEST_DIR"), "/");
        let mut used = Vec::new();
        for dir in ["templates", "src"] {
            collect(std::path::Path::new(&format!("{root}{dir}")), &mut used);
        }
        assert!(used.len() > 50, "the scan found the keys");
        let missing: Vec<_> = used.iter().filter(|k| Lang::Ja.get(k).is_none()).collect();
        assert!(missing.is_empty(), "missing messages: {missing:?}");
    }

    /// Keys built from codes at run time: `stage.<code>`, `reason.<code>`, `income.<code>`.
    #[test]
    fn every_code_has_a_label() {
        let mut keys: Vec<String> = Vec::new();
        keys.extend(
            crate::web::records::clients::STAGES
                .iter()
                .map(|c| format!("stage.{c}")),
        );
        keys.extend(
            crate::domain::client::END_REASONS
                .iter()
                .map(|c| format!("reason.{c}")),
        );
        keys.extend(
            crate::domain::client::INCOME_CATEGORIES
                .iter()
                .map(|c| format!("income.{c}")),
        );
        let missing: Vec<_> = keys
            .iter()
            .filter(|k| Lang::Ja.get(k).is_none() || Lang::En.get(k).is_none())
            .collect();
        assert!(missing.is_empty(), "missing labels: {missing:?}");
    }

    const KEY_PREFIXES: &str = "err. notice. role. error. login. home. office. client. staff. audit. setup. account. form. nav. app. field. warn. timeline. disability. employment. certificate. contract. unit. stage. hint. contact. concern. task. case. consent. institution. plan. report. share. month. calendar. public. guide. sim. email. outbox. inquiry. claim. retention. csv. invoice. receipt. tour. records. api. rules. kokuho. portal. selfcheck. note. employer. totp. keeping. sheet. prior. import. record. followup. handover.";

    fn collect(dir: &std::path::Path, out: &mut Vec<String>) {
        // Message keys start with one of these (a space-separated list, so that adding one is
        // a one-word change).
        let prefixes: Vec<&str> = KEY_PREFIXES.split_whitespace().collect();
        for entry in std::fs::read_dir(dir).expect("dir").flatten() {
            let path = entry.path();
            if path.is_dir() {
                collect(&path, out);
                continue;
            }
            if path.components().any(|c| c.as_os_str() == "i18n") {
                continue; // the definitions, and this scanner's own examples
            }
            let text = std::fs::read_to_string(&path).unwrap_or_default();
            for (i, _) in text.match_indices('"') {
                let rest = &text[i + 1..];
                let Some(end) = rest.find('"') else { continue };
                let key = &rest[..end];
                let is_key = prefixes.iter().any(|p| key.starts_with(p))
                    && key.bytes().all(|b| {
                        b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'.' || b == b'_'
                    })
                    && !key.ends_with(".html")
                    && !key.ends_with('.');
                // Audit action codes (`domain::audit`)
                // look alike but are not messages.
                let is_audit_action =
                    text[..i].ends_with("audit(") || path.ends_with("domain/audit.rs");
                if is_key && !is_audit_action {
                    out.push(key.to_string());
                }
            }
            // Labels: `label("x")` → `field.x`.
            for (i, _) in text.match_indices("label(\"") {
                // `actor_label("…")` (the audit builder) is not a form label.
                if text[..i].ends_with('_') {
                    continue;
                }
                let rest = &text[i + 7..];
                if let Some(end) = rest.find('"') {
                    out.push(format!("field.{}", &rest[..end]));
                }
            }
            // Form macro calls: f::text(page, errors, "x", …) → `field.x`.
            for (i, _) in text.match_indices("errors, \"") {
                let rest = &text[i + 9..];
                if let Some(end) = rest.find('"') {
                    out.push(format!("field.{}", &rest[..end]));
                }
            }
            // Field messages: `errors.add("x", …)` is listed in the error summary under the
            // label `field.x`, even when the field is not drawn by the form macro.
            for pattern in ["e.add(\"", "errors.add(\""] {
                for (i, _) in text.match_indices(pattern) {
                    let rest = &text[i + pattern.len()..];
                    if let Some(end) = rest.find('"') {
                        out.push(format!("field.{}", &rest[..end]));
                    }
                }
            }
        }
    }
}
