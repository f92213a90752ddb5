//! How a client is named in a staff member's calendar feed (issue 16). The feed is added to
//! phone and cloud calendars, so whatever it says leaves our control for a third-party
//! calendar provider: that a person uses a disability-welfare service is itself
//! 要配慮個人情報. So the feed never carries a client's full name, and no free text (a
//! task's words can be about health); the staff member chooses a code or initials.

/// The staff member's choice (`staff.calendar_label`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CalendarLabel {
    /// 利用者番号: `C-0042` (the client's id; staff look it up in Teichaku).
    Code,
    /// かなの頭文字: `や・は` from `やまだ はなこ`.
    KanaInitials,
    /// Nobody named: the event says only what it is.
    None,
}

impl CalendarLabel {
    pub const ALL: [CalendarLabel; 3] = [
        CalendarLabel::Code,
        CalendarLabel::KanaInitials,
        CalendarLabel::None,
    ];
    pub fn code(self) -> &'static str {
        match self {
            CalendarLabel::Code => "code",
            CalendarLabel::KanaInitials => "kana_initials",
            CalendarLabel::None => "none",
        }
    }
    pub fn parse(code: &str) -> Option<CalendarLabel> {
        CalendarLabel::ALL.into_iter().find(|l| l.code() == code)
    }
    pub fn label_key(self) -> &'static str {
        match self {
            CalendarLabel::Code => "calendar.label.code",
            CalendarLabel::KanaInitials => "calendar.label.kana_initials",
            CalendarLabel::None => "calendar.label.none",
        }
    }

    /// What the feed calls the client, or `None` when nobody is named.
    pub fn name(self, client_id: i64, kana: &str) -> Option<String> {
        match self {
            CalendarLabel::Code => Some(format!("C-{client_id:04}")),
            CalendarLabel::KanaInitials => {
                let initials: Vec<String> = kana
                    .split(|c: char| c.is_whitespace() || c == '\u{3000}')
                    .filter_map(|part| part.chars().next())
                    .map(String::from)
                    .collect();
                if initials.is_empty() {
                    Some(format!("C-{client_id:04}"))
                } else {
                    Some(initials.join("・"))
                }
            }
            CalendarLabel::None => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn never_the_full_name() {
        let kana = "やまだ　はなこ";
        assert_eq!(
            CalendarLabel::Code.name(42, kana).as_deref(),
            Some("C-0042")
        );
        assert_eq!(
            CalendarLabel::Code.name(123456, kana).as_deref(),
            Some("C-123456")
        );
        assert_eq!(
            CalendarLabel::KanaInitials.name(42, kana).as_deref(),
            Some("や・は")
        );
        assert_eq!(
            CalendarLabel::KanaInitials
                .name(42, "やまだ はなこ")
                .as_deref(),
            Some("や・は")
        );
        // No kana recorded: the code, never a name.
        assert_eq!(
            CalendarLabel::KanaInitials.name(7, " ").as_deref(),
            Some("C-0007")
        );
        assert_eq!(CalendarLabel::None.name(42, kana), None);
        for l in CalendarLabel::ALL {
            assert_eq!(CalendarLabel::parse(l.code()), Some(l));
        }
        assert_eq!(CalendarLabel::parse("full_name"), None);
    }
}
