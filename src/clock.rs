//! The only place that reads the clock. Domain rules take `today`/`now` as arguments.
//!
//! The clock can be set to run from another day (`--today`, `TEICHAKU_TODAY`): training on
//! the month close on the 1st, or a test that walks a month on fixed dates. The shift is one
//! number for the whole process, set once at start (`app::prepare`) before any request; time
//! keeps moving from there, so sessions and timestamps behave as on a real day. The test
//! runner (nextest) gives every test its own process, so one test's day is not another's.
use std::sync::atomic::{AtomicI64, Ordering};

use time::{Date, OffsetDateTime, UtcOffset, macros::offset};

/// Japan Standard Time. Japan has no daylight saving time, so a fixed offset is exact.
pub const JST: UtcOffset = offset!(+9);

/// Seconds added to the wall clock (0 unless the clock was set to another day).
static SHIFT_SECONDS: AtomicI64 = AtomicI64::new(0);

/// Runs the clock from `day` (Japan time) at the wall clock's current time of day.
pub fn run_from(day: Date) {
    let wall = OffsetDateTime::now_utc().to_offset(JST);
    let shift = (day - wall.date()).whole_seconds();
    SHIFT_SECONDS.store(shift, Ordering::SeqCst);
}

/// Now, in UTC, truncated to whole seconds so that stored timestamps share one text format.
pub fn now() -> OffsetDateTime {
    let now =
        OffsetDateTime::now_utc() + time::Duration::seconds(SHIFT_SECONDS.load(Ordering::Relaxed));
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

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn runs_from_the_day_given() {
        run_from(date!(2026 - 12 - 01));
        assert_eq!(today(), date!(2026 - 12 - 01));
        run_from(date!(2027 - 01 - 10));
        assert_eq!(today(), date!(2027 - 01 - 10));
    }
}
