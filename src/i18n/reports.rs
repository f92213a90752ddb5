//! Messages for 就労定着支援計画 (support plans) and monthly 支援レポート: (key, 日本語, English).
pub const MESSAGES: &[(&str, &str, &str)] = &[];
