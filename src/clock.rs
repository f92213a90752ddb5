//! The only place that reads the wall clock. Domain rules take `today`/`now` as arguments.
use time::{Date, OffsetDateTime, UtcOffset, macros::offset};

/// Japan Standard Time. Japan has no daylight saving time, so a fixed offset is exact.
pub const JST: UtcOffset = offset!(+9);

/// Now, in UTC, truncated to whole seconds so that stored timestamps share one text format.
pub fn now() -> OffsetDateTime {
    let now = OffsetDateTime::now_utc();
    now.replace_nanosecond(0).unwrap_or(now)
}

/// Today's date in Japan.
pub fn today() -> Date {
    now().to_offset(JST).date()
}

/// `2026-11-27 11:51` in Japan time, for display.
pub fn format_jst(at: OffsetDateTime) -> String {
    let t = at.to_offset(JST);
    format!(
        "{:04}-{:02}-{:02} {:02}:{:02}",
        t.year(),
        u8::from(t.month()),
        t.day(),
        t.hour(),
        t.minute()
    )
}
