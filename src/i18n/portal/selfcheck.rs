//! (placeholder: filled by its feature's change)

/// (key, 日本語, English)
pub const MESSAGES: &[(&str, &str, &str)] = &[];
