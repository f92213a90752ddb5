//! Where a message of the email outbox (`email_outbox.status`) stands. The sending itself is
//! `crate::email`; the rows are `store::outbox`, which parses the stored text into this.

use std::fmt;

use super::fields::UnknownStatus;

/// A message's state: waiting (maybe after failed attempts), sent, or given up after the
/// last attempt (an admin may queue it again).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MessageStatus {
    Queued,
    Sent,
    Failed,
}

impl MessageStatus {
    pub const ALL: [MessageStatus; 3] = [
        MessageStatus::Queued,
        MessageStatus::Sent,
        MessageStatus::Failed,
    ];
    /// The `email_outbox.status` code.
    pub fn code(self) -> &'static str {
        match self {
            MessageStatus::Queued => "queued",
            MessageStatus::Sent => "sent",
            MessageStatus::Failed => "failed",
        }
    }
    pub fn parse(code: &str) -> Option<MessageStatus> {
        MessageStatus::ALL.into_iter().find(|s| s.code() == code)
    }
    /// The i18n key of its name.
    pub fn label_key(self) -> &'static str {
        match self {
            MessageStatus::Queued => "email.status.queued",
            MessageStatus::Sent => "email.status.sent",
            MessageStatus::Failed => "email.status.failed",
        }
    }
}

impl fmt::Display for MessageStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// For `sqlx::FromRow`'s `try_from`: the store reads the text column into the enum.
impl TryFrom<String> for MessageStatus {
    type Error = UnknownStatus;
    fn try_from(code: String) -> Result<MessageStatus, UnknownStatus> {
        MessageStatus::parse(&code).ok_or(UnknownStatus(code))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip_and_stay_as_stored() {
        let cases = [
            ("queued", MessageStatus::Queued),
            ("sent", MessageStatus::Sent),
            ("failed", MessageStatus::Failed),
        ];
        for (code, status) in cases {
            assert_eq!(status.code(), code);
            assert_eq!(MessageStatus::parse(code), Some(status));
            assert_eq!(MessageStatus::try_from(code.to_string()), Ok(status));
            assert!(crate::i18n::Lang::Ja.get(status.label_key()).is_some());
        }
        for bad in ["", "Sent", "sending", "queued "] {
            assert_eq!(MessageStatus::parse(bad), None, "{bad:?}");
            assert!(MessageStatus::try_from(bad.to_string()).is_err());
        }
    }
}
