//! Messages for the month at a glance (compliance) and the calendar feed: (key, 日本語, English).
pub const MESSAGES: &[(&str, &str, &str)] = &[];
