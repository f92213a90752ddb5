//! Messages for 支援記録 (contacts), concerns, follow-up tasks and past cases: (key, 日本語, English).
pub const MESSAGES: &[(&str, &str, &str)] = &[];
