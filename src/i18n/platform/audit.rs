//! The audit log's names for people: one per `domain::audit::Action`, and the page's words.

pub const MESSAGES: &[(&str, &str, &str)] = &[
    ("audit.action.auth.sign_in", "サインイン", "Signed in"),
    (
        "audit.action.auth.sign_in_failed",
        "サインイン失敗",
        "Sign-in failed",
    ),
    (
        "audit.action.auth.sign_in_throttled",
        "サインインの一時制限",
        "Sign-in throttled",
    ),
    (
        "audit.action.portal.invite",
        "本人・企業担当者の招待",
        "Invited a client or employer contact",
    ),
    (
        "audit.action.portal.revoke",
        "本人・企業担当者のアカウント停止",
        "Revoked a client or employer account",
    ),
    (
        "audit.action.portal.activate",
        "本人・企業担当者のアカウント開始",
        "Client or employer account activated",
    ),
    (
        "audit.action.portal.sign_in",
        "本人・企業担当者のサインイン",
        "Client or employer signed in",
    ),
    (
        "audit.action.portal.sign_in_failed",
        "本人・企業担当者のサインイン失敗",
        "Client or employer sign-in failed",
    ),
    (
        "audit.action.portal.sign_in_throttled",
        "本人・企業担当者のサインイン制限",
        "Client or employer sign-in throttled",
    ),
    (
        "audit.action.portal.sign_in_link",
        "サインイン用リンクの送信",
        "Sign-in link sent",
    ),
    (
        "audit.action.portal.sign_out",
        "本人・企業担当者のサインアウト",
        "Client or employer signed out",
    ),
    (
        "audit.action.portal.view",
        "本人・企業担当者による閲覧",
        "Viewed by the client or employer",
    ),
    (
        "audit.action.employer.invite",
        "企業担当者の招待",
        "Invited an employer contact",
    ),
    (
        "audit.action.employer.revoke",
        "企業担当者の閲覧停止",
        "Employer contact's access ended",
    ),
    (
        "audit.action.employer.observation",
        "企業からの週報",
        "Employer's weekly observation",
    ),
    (
        "audit.action.selfcheck.items",
        "セルフチェック項目の設定",
        "Self-check items set",
    ),
    (
        "audit.action.selfcheck.entry",
        "セルフチェックの記入",
        "Self-check entered",
    ),
    (
        "audit.action.selfcheck.reply",
        "セルフチェックへの返信",
        "Replied to a self-check",
    ),
    (
        "audit.action.note.message",
        "連絡帳への書き込み",
        "Wrote in the shared notebook",
    ),
    (
        "audit.action.calendar.label_set",
        "カレンダーの呼び方の変更",
        "Calendar label changed",
    ),
    (
        "audit.action.client.access_report",
        "アクセス記録の閲覧",
        "Access report viewed",
    ),
    ("audit.access.title", "アクセス記録", "Access report"),
    ("audit.access.client", "利用者", "Client"),
    ("audit.access.office", "事業所", "Office"),
    ("audit.access.printed", "作成日時", "Made on"),
    (
        "audit.access.intro",
        "この利用者の記録を、だれが、いつ、見たり変えたりしたかの一覧です（監査ログから。本人開示の請求や事故の調査に使えます）。ブラウザの印刷で A4 に印刷できます。",
        "Who read or changed this client's record, and when (from the audit log: for a disclosure request or an incident). Print it with the browser's print command.",
    ),
    ("audit.access.when", "日時", "When"),
    ("audit.access.who", "だれが", "Who"),
    ("audit.access.what", "したこと", "What"),
    ("audit.access.record", "対象の記録", "Record"),
    ("audit.access.count", "件数:", "Rows:"),
    ("audit.access.nav", "アクセス記録", "Access report"),
    ("audit.actor.client", "ご本人", "The client"),
    ("audit.actor.employer", "企業担当者", "Employer contact"),
    ("audit.action.auth.sign_out", "サインアウト", "Signed out"),
    (
        "audit.action.setup.complete",
        "初期設定の完了",
        "Setup completed",
    ),
    (
        "audit.action.staff.create",
        "職員の登録",
        "Staff member added",
    ),
    (
        "audit.action.staff.update",
        "職員情報の変更",
        "Staff member changed",
    ),
    (
        "audit.action.staff.delete",
        "職員の削除",
        "Staff member removed",
    ),
    (
        "audit.action.staff.password_reset",
        "パスワードの再設定",
        "Password reset",
    ),
    (
        "audit.action.staff.password_change",
        "パスワードの変更",
        "Password changed",
    ),
    ("audit.action.office.create", "事業所の登録", "Office added"),
    (
        "audit.action.office.update",
        "事業所情報の変更",
        "Office changed",
    ),
    (
        "audit.action.office.delete",
        "事業所の削除",
        "Office removed",
    ),
    (
        "audit.action.office.area_grade",
        "地域区分の変更",
        "Area grade changed",
    ),
    (
        "audit.action.guide.update",
        "公開ページの案内の変更",
        "Public guide changed",
    ),
    (
        "audit.action.client.view",
        "利用者記録の閲覧",
        "Client record viewed",
    ),
    ("audit.action.client.create", "利用者の登録", "Client added"),
    (
        "audit.action.client.update",
        "利用者情報の変更",
        "Client changed",
    ),
    (
        "audit.action.client.move",
        "利用者の事業所の移動",
        "Client moved to another office",
    ),
    (
        "audit.action.employment.create",
        "就労先の登録",
        "Employment added",
    ),
    (
        "audit.action.employment.update",
        "就労先の変更",
        "Employment changed",
    ),
    (
        "audit.action.certificate.create",
        "受給者証の登録",
        "Certificate added",
    ),
    (
        "audit.action.certificate.renew",
        "支給決定期間の追加",
        "Certificate period added",
    ),
    (
        "audit.action.contract.create",
        "契約の登録",
        "Contract added",
    ),
    (
        "audit.action.meeting.create",
        "地域連携会議の記録",
        "Regional meeting recorded",
    ),
    (
        "audit.action.contact.create",
        "支援記録の作成",
        "Support record written",
    ),
    (
        "audit.action.concern.resolve",
        "困りごとの解決",
        "Concern resolved",
    ),
    (
        "audit.action.consent.create",
        "同意の記録",
        "Consent recorded",
    ),
    (
        "audit.action.consent.withdraw",
        "同意の撤回",
        "Consent withdrawn",
    ),
    (
        "audit.action.institution.create",
        "関係機関の登録",
        "Institution added",
    ),
    (
        "audit.action.institution.update",
        "関係機関の変更",
        "Institution changed",
    ),
    (
        "audit.action.plan.create",
        "支援計画の作成",
        "Support plan drafted",
    ),
    (
        "audit.action.plan.update",
        "支援計画の変更",
        "Support plan changed",
    ),
    (
        "audit.action.plan.agree",
        "支援計画の同意",
        "Support plan agreed",
    ),
    (
        "audit.action.plan.review",
        "支援計画の見直し開始",
        "Support plan review started",
    ),
    (
        "audit.action.plan.revise",
        "支援計画の改定",
        "Support plan revised",
    ),
    (
        "audit.action.report.create",
        "月次報告の作成",
        "Monthly report drafted",
    ),
    (
        "audit.action.report.update",
        "月次報告の変更",
        "Monthly report changed",
    ),
    (
        "audit.action.report.finalise",
        "月次報告の確定",
        "Monthly report finalised",
    ),
    (
        "audit.action.report.correct",
        "月次報告の訂正",
        "Monthly report corrected",
    ),
    (
        "audit.action.report.share",
        "月次報告の共有",
        "Monthly report shared",
    ),
    (
        "audit.action.report.acknowledge",
        "月次報告の受領確認",
        "Monthly report acknowledged",
    ),
    (
        "audit.action.report.print",
        "月次報告の印刷",
        "Monthly report printed",
    ),
    ("audit.action.task.done", "タスクの完了", "Task done"),
    (
        "audit.action.calendar.token_create",
        "カレンダー配信URLの発行",
        "Calendar feed link issued",
    ),
    (
        "audit.action.inquiry.create",
        "問い合わせの登録",
        "Inquiry added",
    ),
    (
        "audit.action.inquiry.view",
        "問い合わせの閲覧",
        "Inquiry viewed",
    ),
    (
        "audit.action.inquiry.move",
        "問い合わせの段階の変更",
        "Inquiry moved",
    ),
    ("audit.action.tour.book", "見学の予約", "Tour booked"),
    ("audit.action.tour.confirm", "見学の確定", "Tour confirmed"),
    (
        "audit.action.tour.reschedule",
        "見学日時の変更",
        "Tour rescheduled",
    ),
    (
        "audit.action.tour.cancel",
        "見学の取り消し",
        "Tour cancelled",
    ),
    (
        "audit.action.tour_slot.create",
        "見学枠の作成",
        "Tour slot created",
    ),
    (
        "audit.action.tour_slot.close",
        "見学枠の締め切り",
        "Tour slot closed",
    ),
    (
        "audit.action.tour_slot.delete",
        "見学枠の削除",
        "Tour slot deleted",
    ),
    ("audit.action.email.retry", "メールの再送", "Email retried"),
    ("audit.action.claims.view", "請求の閲覧", "Claim viewed"),
    (
        "audit.action.claims.rate_view",
        "就労定着率の閲覧",
        "Retention rate viewed",
    ),
    (
        "audit.action.claims.rate_file",
        "就労定着率の届出",
        "Retention rate filed",
    ),
    ("audit.action.claims.lock", "請求の確定", "Claim locked"),
    (
        "audit.action.claims.rate_freeze",
        "就労定着率の年度固定",
        "Retention rate fixed for the fiscal year",
    ),
    (
        "audit.action.claims.export_csv",
        "請求CSVの出力",
        "Claim CSV exported",
    ),
    (
        "audit.action.claims.export_kokuho",
        "国保連ファイルの出力",
        "Kokuho file exported",
    ),
    (
        "audit.action.claims.invoices",
        "請求書・領収書の出力",
        "Invoices printed",
    ),
    (
        "audit.action.claim_setting.create",
        "体制の登録",
        "Claim setting added",
    ),
    (
        "audit.action.claim_setting.end",
        "体制の終了",
        "Claim setting ended",
    ),
    (
        "audit.action.cap_result.save",
        "上限額管理結果の保存",
        "Cap management result saved",
    ),
    (
        "audit.action.claim_master.create",
        "請求マスタの追加",
        "Claim master row added",
    ),
    (
        "audit.action.unit_price.create",
        "単位数単価の追加",
        "Unit price added",
    ),
    (
        "audit.action.totp.enable",
        "2段階認証の有効化",
        "Two-factor sign-in turned on",
    ),
    (
        "audit.action.totp.disable",
        "2段階認証の無効化",
        "Two-factor sign-in turned off",
    ),
    (
        "audit.action.totp.reset",
        "2段階認証のリセット",
        "Two-factor sign-in reset",
    ),
    (
        "audit.action.totp.require",
        "2段階認証の必須設定",
        "Two-factor requirement changed",
    ),
    (
        "audit.action.auth.second_factor_failed",
        "2段階認証コードの誤り",
        "Wrong two-factor code",
    ),
    (
        "audit.action.auth.recovery_code_used",
        "リカバリーコードの使用",
        "Recovery code used",
    ),
    (
        "audit.action.keeping.setting_update",
        "記録の保存年数の変更",
        "Record-keeping period changed",
    ),
    (
        "audit.action.client.remove",
        "保存期間を過ぎた利用者の削除",
        "Client removed after the keeping period",
    ),
    (
        "audit.action.contact.correct",
        "支援記録の訂正",
        "Support record corrected",
    ),
    (
        "audit.action.contact.withdraw",
        "支援記録の取消",
        "Support record withdrawn",
    ),
    (
        "audit.action.contact.history_view",
        "支援記録の履歴の閲覧",
        "Support record history viewed",
    ),
    ("audit.action.plan.print", "計画の印刷", "Plan printed"),
    (
        "audit.action.staff.invite",
        "職員への招待メール",
        "Staff invitation sent",
    ),
    (
        "audit.action.staff.invite_accept",
        "招待からのパスワード設定",
        "Password set from an invitation",
    ),
    (
        "audit.action.case.search",
        "過去の事例の検索",
        "Past cases searched",
    ),
    (
        "audit.action.case.open",
        "過去の事例の表示",
        "Past case opened",
    ),
    (
        "audit.action.case.helpful",
        "過去の事例に「役に立った」",
        "Past case noted as helpful",
    ),
    (
        "audit.action.case.sharing_update",
        "事例の共有設定の変更",
        "Case sharing changed",
    ),
    (
        "audit.action.warning.settings_update",
        "気になるサインの基準の変更",
        "Warning thresholds changed",
    ),
    (
        "audit.action.warning.dismiss",
        "気になるサインの見送り",
        "Warning dismissed",
    ),
    (
        "audit.action.import.upload",
        "取り込むファイルのアップロード",
        "File uploaded for import",
    ),
    (
        "audit.action.import.run",
        "利用者の取り込み",
        "Clients imported",
    ),
    (
        "audit.action.client.import",
        "取り込みによる利用者の登録",
        "Client added by import",
    ),
    (
        "audit.action.client.record_export",
        "利用者の記録の書き出し（本人開示）",
        "Client's whole record exported (disclosure)",
    ),
    (
        "audit.action.followup.create",
        "支援終了後のフォローアップの記録",
        "Follow-up after the service recorded",
    ),
    (
        "audit.action.handover.save",
        "引き継ぎ資料のメモ・共有先の保存",
        "Hand-over package memo and recipient saved",
    ),
    (
        "audit.action.handover.print",
        "引き継ぎ資料の印刷",
        "Hand-over package printed",
    ),
];

#[cfg(test)]
mod tests {
    use crate::domain::audit::Action;
    use crate::i18n::Lang;

    #[test]
    fn every_action_has_a_name_in_both_languages() {
        for a in Action::ALL {
            assert!(Lang::Ja.get(a.label_key()).is_some(), "{a:?}");
            assert!(Lang::En.get(a.label_key()).is_some(), "{a:?}");
        }
    }
}
