//! Every user-visible message, in Japanese (first) and English. Templates ask for a key with
//! `page.t("…")`; a test checks that every key the templates and code use exists here, so a
//! missing translation fails the build's tests rather than showing up on a page.

use std::{collections::HashMap, sync::LazyLock};

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

    pub fn get(self, key: &str) -> Option<&'static str> {
        MESSAGES_BY_KEY.get(key).map(|(ja, en)| match self {
            Lang::Ja => *ja,
            Lang::En => *en,
        })
    }
}

static MESSAGES_BY_KEY: LazyLock<HashMap<&'static str, (&'static str, &'static str)>> =
    LazyLock::new(|| {
        MESSAGES
            .iter()
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
        "同じ文字の繰り返しは使えません。",
        "A password of one repeated character is not allowed.",
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
        "初期設定が終わりました。作成した管理者でログインしてください。",
        "Setup is complete. Sign in as the administrator you created.",
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
    fn keys_are_unique_and_both_languages_are_filled() {
        let mut seen = std::collections::HashSet::new();
        for (k, ja, en) in MESSAGES {
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

    fn collect(dir: &std::path::Path, out: &mut Vec<String>) {
        let prefixes = [
            "err.", "notice.", "role.", "error.", "login.", "home.", "office.", "client.",
            "staff.", "audit.", "setup.", "account.", "form.", "nav.", "app.", "field.",
        ];
        // Audit actions share the dotted style but are not messages.
        let not_messages = [
            "office.create",
            "office.update",
            "office.delete",
            "staff.create",
            "staff.update",
            "staff.delete",
            "staff.password_change",
            "staff.password_reset",
            "setup.complete",
            "client.view",
        ];
        for entry in std::fs::read_dir(dir).expect("dir").flatten() {
            let path = entry.path();
            if path.is_dir() {
                collect(&path, out);
                continue;
            }
            if path.ends_with("i18n.rs") {
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
                if is_key && !not_messages.contains(&key) {
                    out.push(key.to_string());
                }
            }
            // Labels: `label("x")` → `field.x`.
            for (i, _) in text.match_indices("label(\"") {
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
        }
    }
}
