//! The employer contact's pages for one client: the overview and the weekly observation
//! (週報), and the staff page that lists the observations. Polite Japanese for a supervisor.

/// (key, 日本語, English)
pub const MESSAGES: &[(&str, &str, &str)] = &[
    (
        "employer.client.title",
        "ご本人の情報",
        "The person you support",
    ),
    ("employer.client.back", "一覧にもどる", "Back to the list"),
    ("employer.client.employer", "貴社名", "Your company"),
    (
        "employer.client.shared",
        "ご本人の同意により共有している情報",
        "Shared with you by the person's consent",
    ),
    (
        "employer.client.consent_note",
        "ご本人が同意を取り消したときは、その時点から表示されなくなります。",
        "If the person withdraws their consent, it is no longer shown from that moment.",
    ),
    (
        "employer.client.menu",
        "ご利用いただけるページ",
        "Pages for you",
    ),
    ("employer.client.notes", "連絡帳", "Notebook"),
    (
        "employer.client.observations",
        "週報（今週のご様子）",
        "Weekly report (this week)",
    ),
    (
        "employer.client.reports",
        "支援レポート",
        "Monthly support reports",
    ),
    ("employer.client.selfcheck", "セルフチェック", "Self-check"),
    ("employer.obs.title", "週報", "Weekly report"),
    (
        "employer.obs.intro",
        "今週のご本人のご様子をお知らせください。週に1回、分かる範囲でご記入いただければ十分です。同じ週にもう一度送ると、内容が更新されます。",
        "Please tell us how the person's week went. Once a week, as far as you know, is enough. Sending again in the same week updates it.",
    ),
    ("employer.obs.this_week", "今週", "This week"),
    (
        "employer.obs.sent_this_week",
        "今週の週報はお送りいただいています。直したいときは、書き換えて「更新する」を押してください。",
        "This week's report has been sent. To change it, edit it and press Update.",
    ),
    ("employer.obs.send", "送る", "Send"),
    ("employer.obs.update", "更新する", "Update"),
    ("employer.obs.past", "これまでの週報", "Earlier weeks"),
    (
        "employer.obs.none",
        "まだ週報はありません。",
        "No weekly reports yet.",
    ),
    (
        "employer.obs.staff_title",
        "企業からの週報",
        "Weekly reports from the employer",
    ),
    (
        "employer.obs.staff_intro",
        "企業担当者が週に1回送る、出勤状況・業務の様子・気になることです。新しい週から並べています。",
        "Attendance, how work went and concerns, sent once a week by the employer contact; newest week first.",
    ),
    ("employer.obs.updated", "送信・更新", "Sent or updated"),
    ("employer.att.as_planned", "予定どおり", "As planned"),
    (
        "employer.att.late_or_early",
        "遅刻・早退があった",
        "Came late or left early",
    ),
    ("employer.att.absent", "休みがあった", "Was absent"),
    ("employer.att.unknown", "（不明）", "(unknown)"),
    (
        "employer.err.attendance",
        "出勤状況を選んでください。",
        "Please choose the attendance.",
    ),
    ("field.obs_attendance", "出勤状況", "Attendance"),
    (
        "field.obs_attendance_note",
        "出勤状況の補足",
        "About the attendance",
    ),
    ("field.obs_work_note", "業務の様子", "How work went"),
    ("field.obs_concerns", "気になること", "Concerns"),
    (
        "hint.obs_attendance_note",
        "遅刻・早退・休みがあったときの日にちや理由など（任意）。",
        "The days and reasons of lateness, early leaving or absence (optional).",
    ),
    (
        "hint.obs_work_note",
        "任せた仕事の進み具合、よかったことなど（任意）。",
        "How the assigned work went, what went well (optional).",
    ),
    (
        "hint.obs_concerns",
        "気づいたこと、事業所に相談したいことなど（任意）。",
        "Anything you noticed or would like to discuss with the office (optional).",
    ),
];
