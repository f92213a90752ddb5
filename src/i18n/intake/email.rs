//! Messages for outgoing email and the admin's 送信メール page (the outbox):
//! (key, 日本語, English).
pub const MESSAGES: &[(&str, &str, &str)] = &[
    ("nav.outbox", "送信メール", "Outgoing email"),
    ("outbox.title", "送信メール", "Outgoing email"),
    (
        "outbox.intro",
        "システムが送るメール（問い合わせ・見学予約の確認など）の送信状況です。送信できなかったメールは時間をおいて自動で再送します。",
        "What the system sends (inquiry and tour confirmations…) and whether it went out. A message that could not be sent is tried again automatically after a while.",
    ),
    (
        "outbox.not_configured",
        "送信サーバー（TEICHAKU_SMTP_URL）が設定されていないため、メールは送信されずに待機しています。設定すると順に送信されます。",
        "No mail server is configured (TEICHAKU_SMTP_URL), so messages are waiting here unsent. Once it is configured they are sent in order.",
    ),
    ("outbox.created", "作成日時", "Created"),
    ("outbox.to", "宛先", "To"),
    ("outbox.subject", "件名", "Subject"),
    ("outbox.status", "状態", "Status"),
    ("outbox.attempts", "送信試行", "Attempts"),
    ("outbox.next_attempt", "次の送信", "Next attempt"),
    ("outbox.last_error", "最後のエラー", "Last error"),
    ("outbox.actions", "操作", "Actions"),
    ("outbox.retry", "今すぐ再送する", "Retry now"),
    (
        "outbox.retried",
        "再送の予定に入れました。まもなく送信します。",
        "Queued again: it will be sent shortly.",
    ),
    (
        "outbox.none",
        "送信メールはまだありません。",
        "No email yet.",
    ),
    ("outbox.older", "さらに古いメール", "Older messages"),
    ("email.status.queued", "送信待ち", "Waiting"),
    ("email.status.sent", "送信済み", "Sent"),
    ("email.status.failed", "送信失敗", "Failed"),
];
