//! Messages for 就労定着支援計画 (support plans) and monthly 支援レポート, with their sharing:
//! (key, 日本語, English). Field labels are `field.plan_…`, `field.report_…` and
//! `field.share_…` so they do not collide with other forms'. The report body is drafted
//! from the Japanese `report.draft.*`, `report.mode.*`, `report.concern.*`, `report.wd.*` and
//! `report.severity.*` (the report is a Japanese document whatever the screen language).
pub const MESSAGES: &[(&str, &str, &str)] = &[
    // Plans
    ("plan.title", "就労定着支援計画", "Support plan"),
    ("plan.new", "計画を作る", "New plan"),
    ("plan.edit", "計画を編集する", "Edit the plan"),
    (
        "plan.intro",
        "本人の目標と、そのための支援の内容を決めた計画です。本人に説明して同意をもらい、決めた時期に見直します。",
        "The client's goals and the support to reach them. Explain it to the client, get their agreement, and review it on time.",
    ),
    (
        "plan.review_cycle",
        "この事業所の見直し間隔：",
        "This office reviews plans every",
    ),
    ("plan.months", "か月", " months"),
    (
        "plan.none",
        "まだ計画がありません。",
        "There is no plan yet.",
    ),
    (
        "plan.period",
        "開始日と見直し予定日",
        "Start and review dates",
    ),
    (
        "plan.review_due",
        "見直しの時期が来ています。見直しを始めてください。",
        "The review is due. Please start the review.",
    ),
    (
        "plan.not_agreed",
        "まだ同意をもらっていません",
        "Not agreed yet",
    ),
    ("plan.written_by", "作成した人", "Written by"),
    ("plan.replaces", "前の計画", "Previous plan"),
    ("plan.older", "前の版を見る", "See the previous version"),
    ("plan.replaced_by", "新しい計画", "Newer plan"),
    ("plan.newer", "新しい版を見る", "See the newer version"),
    (
        "plan.agree_legend",
        "本人への説明と同意",
        "Explanation to the client and agreement",
    ),
    ("plan.agree", "同意を記録する", "Record the agreement"),
    (
        "plan.review_help",
        "見直し（モニタリング）を始めると、見直しの結果を新しい計画にできます。",
        "Starting the review (monitoring) lets you turn its result into a new plan.",
    ),
    ("plan.start_review", "見直しを始める", "Start the review"),
    (
        "plan.revise_help",
        "見直しの結果を新しい計画（下書き）にします。今の計画は「改定済み」として残ります。",
        "Turns the review into a new plan (a draft). The current plan is kept as \"revised\".",
    ),
    (
        "plan.revise",
        "新しい計画を作る（改定）",
        "Write the new plan (revise)",
    ),
    (
        "plan.refused_title",
        "この操作はできません",
        "This cannot be done",
    ),
    ("plan.current_status", "いまの状態：", "Current state:"),
    ("plan.status.draft", "下書き", "Draft"),
    ("plan.status.agreed", "同意済み", "Agreed"),
    ("plan.status.under_review", "見直し中", "Under review"),
    ("plan.status.revised", "改定済み", "Revised"),
    (
        "plan.illegal.agree",
        "同意を記録できるのは、下書きの計画だけです。",
        "Only a draft plan can be agreed.",
    ),
    (
        "plan.illegal.review",
        "見直しを始められるのは、同意済みの計画だけです。",
        "Only an agreed plan can be reviewed.",
    ),
    (
        "plan.illegal.revise",
        "改定できるのは、見直し中の計画だけです。先に見直しを始めてください。",
        "Only a plan under review can be revised. Start the review first.",
    ),
    (
        "plan.refused.edit",
        "編集できるのは下書きの計画だけです。同意済みの計画を変えるときは、見直しをして新しい計画を作ってください。",
        "Only a draft can be edited. To change an agreed plan, review it and write a new plan.",
    ),
    (
        "plan.refused.open_exists",
        "この利用者には、使っている計画があります。新しい計画は、今の計画の見直しから作ってください。",
        "This client has a current plan. Write the next plan by reviewing the current one.",
    ),
    (
        "plan.refused.moved",
        "ほかの人が先にこの計画を変更しました。画面の内容を確かめてください。",
        "Someone else changed this plan first. Please check the page.",
    ),
    (
        "plan.err.review_before_start",
        "見直し予定日は開始日より後にしてください。",
        "The review date must be after the start date.",
    ),
    (
        "plan.err.agreed_in_future",
        "まだ来ていない日は入力できません。",
        "This date has not come yet.",
    ),
    (
        "plan.err.agreed_after_review",
        "見直し予定日より後の日は入力できません。日付を確かめてください。",
        "This is after the review date. Please check the date.",
    ),
    ("field.plan_goals", "本人の目標", "The client's goals"),
    (
        "field.plan_support_content",
        "支援の内容",
        "Support to give",
    ),
    (
        "field.plan_contact_frequency",
        "面談・連絡の頻度",
        "How often to meet or contact",
    ),
    (
        "field.plan_employer_role",
        "職場にお願いすること",
        "What the employer does",
    ),
    ("field.plan_start_on", "開始日", "Start date"),
    ("field.plan_review_on", "見直し予定日", "Review date"),
    (
        "field.plan_agreed_on",
        "説明・同意の日",
        "Date explained and agreed",
    ),
    (
        "hint.plan_contact_frequency",
        "例：月2回面談",
        "For example: two meetings a month",
    ),
    (
        "hint.plan_employer_role",
        "例：困ったときに相談できる担当者を決める",
        "For example: name a person the client can ask for help",
    ),
    (
        "hint.plan_review_on",
        "空欄のときは、開始日に事業所の見直し間隔を足した日になります。",
        "If left empty: the start date plus the office's review interval.",
    ),
    (
        "hint.plan_agreed_on",
        "本人に計画を説明し、同意をもらった日です。",
        "The day the plan was explained to the client and they agreed.",
    ),
    // Reports
    ("report.title", "支援レポート", "Monthly reports"),
    ("report.month_title", "支援レポート", "Monthly report"),
    (
        "report.print_title",
        "支援レポート（印刷用）",
        "Monthly report (print)",
    ),
    (
        "report.intro",
        "毎月、支援の内容と本人の様子をまとめて、本人と職場などに共有します。毎月の共有は、基本報酬を請求するための条件です。",
        "Each month, write down the support and how the client is doing, and share it with the client and the employer etc. Sharing it every month is a condition for the base reward.",
    ),
    (
        "report.create_legend",
        "レポートを作る月",
        "Month of the report",
    ),
    ("report.create", "作成する", "Create"),
    (
        "report.create_help",
        "この月の支援記録から下書きを作ります。",
        "Drafts the report from this month's records.",
    ),
    ("report.months", "これまでのレポート", "Reports so far"),
    (
        "report.none",
        "まだレポートがありません。",
        "There are no reports yet.",
    ),
    ("report.month", "対象の月", "Month"),
    ("report.latest_version", "最新の版", "Latest version"),
    ("report.sharing", "共有の状況", "Sharing"),
    ("report.version_label", "第{n}版", "version {n}"),
    ("report.month_status.none", "未作成", "Not written"),
    ("report.month_status.draft", "下書き", "Draft"),
    (
        "report.month_status.final_not_shared",
        "確定（まだ共有していません）",
        "Final, not shared yet",
    ),
    (
        "report.month_status.shared_with_others_only",
        "職場などにだけ共有（本人はまだ）",
        "Shared with the employer etc. only, not with the client",
    ),
    (
        "report.month_status.shared_with_client",
        "本人に共有済み",
        "Shared with the client",
    ),
    (
        "report.month_status.shared_with_client_and_others",
        "本人と職場などに共有済み",
        "Shared with the client and the employer etc.",
    ),
    ("report.status.draft", "下書き", "Draft"),
    ("report.status.final", "確定", "Final"),
    (
        "report.refused_title",
        "この操作はできません",
        "This cannot be done",
    ),
    (
        "report.refused.final",
        "確定したレポートは書き換えられません。直すときは「訂正版を作る」から新しい版を作ってください。",
        "A final report cannot be changed. To correct it, make a new version with \"Make a corrected version\".",
    ),
    (
        "report.refused.correct",
        "訂正できるのは確定したレポートだけです。下書きはそのまま編集してください。",
        "Only a final report can be corrected. Edit the draft instead.",
    ),
    (
        "report.refused.not_final",
        "共有できるのは確定したレポートだけです。先に確定してください。",
        "Only a final report can be shared. Finalise it first.",
    ),
    (
        "report.refused.stale",
        "この画面を開いたあとに、レポートが更新されています。画面を読み込み直してください。",
        "The report changed after this page was opened. Please reload the page.",
    ),
    (
        "report.month_empty",
        "この月のレポートはまだありません。",
        "There is no report for this month yet.",
    ),
    (
        "report.finalise_help",
        "確定すると、この版は書き換えられなくなります。あとで直すときは訂正版を作ります。",
        "Once final, this version cannot be changed. To correct it later, you make a new version.",
    ),
    ("report.save_draft", "下書きを保存する", "Save the draft"),
    ("report.versions", "確定した版", "Final versions"),
    ("report.finalised", "確定", "Finalised"),
    (
        "report.print",
        "印刷用のページを開く",
        "Open the printable page",
    ),
    (
        "report.correct_title",
        "訂正版を作る",
        "Make a corrected version",
    ),
    (
        "report.correct_help",
        "確定した版はそのまま残し、同じ内容の新しい版（下書き）を作ります。訂正の理由を書いてください。",
        "The final version stays as it is; a new version (a draft) starts with the same text. Please give the reason.",
    ),
    ("report.correct", "訂正版を作る", "Make a corrected version"),
    (
        "report.err.month",
        "年と月は 2026-10 の形で入力してください。",
        "Enter the month as 2026-10.",
    ),
    (
        "report.err.month_future",
        "まだ始まっていない月のレポートは作れません。",
        "A report cannot be written for a month that has not started.",
    ),
    ("report.print_heading", "支援レポート", "Support report"),
    ("report.print_client", "利用者", "Client"),
    ("report.print_office", "事業所", "Office"),
    ("field.report_body", "本文", "Text"),
    (
        "field.report_correction_reason",
        "訂正の理由",
        "Reason for the correction",
    ),
    ("field.report_month", "対象の月", "Month"),
    (
        "hint.report_body",
        "記録から作った下書きです。本人や職場が読んで分かる言葉に直してください。",
        "Drafted from the records. Rewrite it in words the client and the employer understand.",
    ),
    (
        "hint.report_month",
        "2026-10 のように、年と月を入力してください。",
        "The year and month, like 2026-10.",
    ),
    ("report.mode.face_to_face", "対面", "In person"),
    ("report.mode.phone", "電話", "Phone"),
    ("report.mode.online", "オンライン", "Online"),
    ("report.mode.workplace_visit", "職場訪問", "Workplace visit"),
    (
        "report.concern.work_mistakes",
        "仕事のミス",
        "Mistakes at work",
    ),
    (
        "report.concern.unfamiliar_tasks",
        "業務に慣れない",
        "Not used to the tasks",
    ),
    (
        "report.concern.relationships",
        "上司・同僚との人間関係",
        "Relationships with boss and colleagues",
    ),
    (
        "report.concern.atmosphere",
        "職場の雰囲気",
        "Workplace atmosphere",
    ),
    (
        "report.concern.lateness_absence",
        "遅刻・欠勤",
        "Lateness and absence",
    ),
    (
        "report.concern.evaluation",
        "周囲の評価",
        "How others see their work",
    ),
    (
        "report.concern.sleep_rhythm",
        "生活リズム・睡眠",
        "Daily rhythm and sleep",
    ),
    ("report.concern.money", "金銭管理", "Money management"),
    ("report.concern.physical_health", "体調", "Physical health"),
    ("report.concern.medication", "服薬", "Medication"),
    (
        "report.concern.anxiety_stress",
        "不安・ストレス",
        "Anxiety and stress",
    ),
    (
        "report.concern.no_one_to_ask",
        "相談できない",
        "No one to ask",
    ),
    (
        "report.concern.conditions_pay",
        "労働条件・賃金",
        "Working conditions and pay",
    ),
    ("report.concern.other", "その他", "Other"),
    ("report.severity.1", "重さ：軽い", "severity: low"),
    ("report.severity.2", "重さ：中くらい", "severity: medium"),
    ("report.severity.3", "重さ：重い", "severity: high"),
    ("report.wd.mon", "月", "Mon"),
    ("report.wd.tue", "火", "Tue"),
    ("report.wd.wed", "水", "Wed"),
    ("report.wd.thu", "木", "Thu"),
    ("report.wd.fri", "金", "Fri"),
    ("report.wd.sat", "土", "Sat"),
    ("report.wd.sun", "日", "Sun"),
    (
        "report.draft.contacts",
        "今月の面談・連絡",
        "Meetings and contacts this month",
    ),
    (
        "report.draft.situation",
        "本人の様子と困りごと",
        "How the client is doing, and concerns",
    ),
    (
        "report.draft.advice",
        "助言と取り組み",
        "Advice and actions",
    ),
    ("report.draft.next", "次の予定", "Next steps"),
    (
        "report.draft.plan",
        "計画の進み具合",
        "Progress on the plan",
    ),
    (
        "report.draft.no_contacts",
        "（今月の面談・連絡の記録はありません）",
        "(No meetings or contacts recorded this month)",
    ),
    ("report.draft.heard", "聞き取ったこと：", "Heard: "),
    (
        "report.draft.no_concerns",
        "（困りごとの記録はありません）",
        "(No concerns recorded)",
    ),
    ("report.draft.resolved", "解決しました：", "Resolved: "),
    (
        "report.draft.open",
        "（対応を続けています）",
        "(Still being worked on)",
    ),
    ("report.draft.advice_given", "助言：", "Advice: "),
    (
        "report.draft.shared_info",
        "職場と共有したこと：",
        "Shared with the employer: ",
    ),
    (
        "report.draft.accommodations",
        "合理的配慮：",
        "Reasonable accommodation: ",
    ),
    ("report.draft.task", "取り組むこと：", "Action: "),
    ("report.draft.due", "期限", "due"),
    ("report.draft.task_done", "済み", "done"),
    ("report.draft.task_open", "まだ", "open"),
    (
        "report.draft.no_advice",
        "（記録はありません）",
        "(Nothing recorded)",
    ),
    (
        "report.draft.next_contact",
        "次回の面談・連絡：",
        "Next meeting or contact: ",
    ),
    (
        "report.draft.no_next",
        "（決まった予定はまだありません）",
        "(Nothing planned yet)",
    ),
    (
        "report.draft.no_plan",
        "（同意済みの支援計画はありません）",
        "(No agreed support plan)",
    ),
    ("report.draft.goals", "・目標：", "- Goals: "),
    (
        "report.draft.frequency",
        "面談・連絡の目安：",
        "Planned contact: ",
    ),
    (
        "report.draft.contacts_this_month",
        "今月の面談・連絡：",
        "this month: ",
    ),
    ("report.draft.times", "回", " times"),
    ("report.draft.review_on", "次の見直し：", "Next review: "),
    (
        "report.draft.progress",
        "・進み具合：（ここに書いてください）",
        "- Progress: (write here)",
    ),
    // Sharing
    ("share.title", "共有の記録", "Sharing"),
    (
        "share.intro",
        "確定したレポートを本人や、同意のある相手（職場・関係機関）に渡したら記録します。本人以外に渡すには、本人の同意が必要です。",
        "Record each time a final report is given to the client or to someone the client consented to (employer, agency). Anyone but the client needs the client's consent.",
    ),
    ("share.recipient", "共有した相手", "Recipient"),
    ("share.version", "版", "Version"),
    ("share.kind.client", "本人", "Client"),
    ("share.kind.employer", "職場", "Employer"),
    ("share.kind.institution", "関係機関", "Agency"),
    ("share.method.in_person", "手渡し", "In person"),
    ("share.method.mail", "郵送", "Mail"),
    (
        "share.method.portal",
        "ポータル（オンラインで確認）",
        "Portal (confirmed online)",
    ),
    ("share.method.email", "メール", "Email"),
    (
        "share.other_employer",
        "そのほかの職場の担当者（名前を入力）",
        "Another contact at the employer (enter the name)",
    ),
    (
        "share.no_consents",
        "支援レポートの共有に同意している相手が、まだ登録されていません。",
        "No recipient with consent for monthly reports is recorded yet.",
    ),
    (
        "share.consents_link",
        "本人同意を確かめる",
        "Check the consents",
    ),
    ("share.which_version", "共有する版：", "Version to share:"),
    ("share.record", "共有を記録する", "Record the sharing"),
    (
        "share.acknowledge",
        "確認を記録する",
        "Record the confirmation",
    ),
    (
        "share.not_acknowledged",
        "まだ確認していません",
        "Not confirmed yet",
    ),
    ("share.none", "まだ共有していません。", "Not shared yet."),
    (
        "share.blocked",
        "この相手には支援レポートを共有できません。",
        "The report cannot be shared with this recipient.",
    ),
    (
        "share.err.future",
        "まだ来ていない日は入力できません。",
        "This date has not come yet.",
    ),
    (
        "share.err.before_final",
        "確定した日より前の日は入力できません。",
        "This is before the report was finalised.",
    ),
    (
        "share.err.ack_before_share",
        "共有した日より前の日は入力できません。",
        "This is before the report was shared.",
    ),
    (
        "share.refused.acknowledged",
        "この共有の確認は、すでに記録されています。",
        "The confirmation of this sharing is already recorded.",
    ),
    (
        "share.portal_note",
        "本人や企業担当者がポータルで読んで「確認」を押すと、ポータルでの共有として自動で記録されます（手で記録する必要はありません）。",
        "When the client or an employer contact reads the report in the portal and confirms it, the portal records that sharing itself (no need to record it here).",
    ),
    (
        "share.online.client",
        "本人がオンラインで確認 {at}",
        "Confirmed online by the client {at}",
    ),
    (
        "share.online.employer",
        "企業担当者 {name} が確認 {at}",
        "Confirmed online by the employer contact {name} {at}",
    ),
    (
        "report.print_online_client",
        "本人確認欄：オンラインで確認（{date}）",
        "Client's confirmation: confirmed online ({date})",
    ),
    (
        "report.print_online_employer",
        "企業担当者 {name}：オンラインで確認（{date}）",
        "Employer contact {name}: confirmed online ({date})",
    ),
    ("field.share_recipient", "共有する相手", "Recipient"),
    (
        "field.share_employer_name",
        "職場の担当者の名前",
        "Name of the employer contact",
    ),
    ("field.share_shared_on", "共有した日", "Date shared"),
    ("field.share_method", "渡し方", "How it was given"),
    (
        "field.share_acknowledged_on",
        "相手が確認した日",
        "Date confirmed",
    ),
    (
        "hint.share_employer_name",
        "「そのほかの職場の担当者」を選んだときに入力します。本人の同意に書かれた名前と同じにしてください。",
        "Only for \"another contact at the employer\": the name as written in the client's consent.",
    ),
    // The confirmation before 確定 (web::confirm).
    ("form.confirm_back", "戻って見直す", "Go back and review"),
    (
        "report.confirm_title",
        "支援レポートの確定",
        "Finalise the report",
    ),
    (
        "report.confirm_lead",
        "{name} さんの {month} の支援レポート（{version}）を確定します。内容を確かめてください。",
        "You are finalising {name}'s report for {month} ({version}). Please check it.",
    ),
    ("report.confirm_client", "利用者", "Client"),
    ("report.confirm_month", "対象月", "Month"),
    ("report.confirm_version", "版", "Version"),
    (
        "report.confirm_warning",
        "確定した版は書き換えられません。直すときは訂正で新しい版を作ります。確定したら本人に共有してください（共有は基本報酬の要件です）。",
        "A final version cannot be changed; a correction makes a new version. Once final, share it with the client (sharing is a condition of the base reward).",
    ),
    (
        "report.confirm_button",
        "この内容で確定する",
        "Finalise this report",
    ),
    (
        "report.finalise_next",
        "確定の確認へ進む",
        "Review and finalise",
    ),
];

#[cfg(test)]
mod tests {
    use crate::domain::{plan::PlanStatus, report};
    use crate::i18n::Lang;

    /// Keys built from codes at run time have a label in both languages.
    #[test]
    fn every_code_has_a_label() {
        let mut keys: Vec<String> = Vec::new();
        keys.extend(report::MODES.iter().map(|c| format!("report.mode.{c}")));
        keys.extend(
            report::CONCERN_CATEGORIES
                .iter()
                .map(|c| format!("report.concern.{c}")),
        );
        keys.extend(
            report::SHARE_METHODS
                .iter()
                .map(|c| format!("share.method.{c}")),
        );
        keys.extend(
            report::RECIPIENT_KINDS
                .iter()
                .map(|c| format!("share.kind.{c}")),
        );
        keys.extend(PlanStatus::ALL.iter().map(|s| s.label_key().to_string()));
        keys.extend(
            report::ReportStatus::ALL
                .iter()
                .map(|s| s.label_key().to_string()),
        );
        let missing: Vec<_> = keys
            .iter()
            .filter(|k| Lang::Ja.get(k).is_none() || Lang::En.get(k).is_none())
            .collect();
        assert!(missing.is_empty(), "missing labels: {missing:?}");
    }
}
