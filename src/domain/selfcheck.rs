//! セルフチェック (issue 11, item 2): the library of items a client may check every day, the
//! scores 1–4, the daily form's rules, the trend of an item over a range of days in words,
//! and the rules that put a client on their supporter's home page (missed days, falling
//! items). Pure: dates are passed in.
//!
//! The thresholds of the home page's rules are the product's own choice (issue 11: "the
//! supporter's home shows missed days and falling items with the reason"), not figures of
//! the 就労定着支援 rules; they are named constants with table tests, so changing one is a
//! one-line change that the tests describe.

use time::{Date, Duration};

use super::fields::normalize_ascii;

/// The library of items, by code. The words (a short question in plain Japanese with
/// ふりがな marks, and in English) are the messages `selfcheck.lib.<code>.label` and
/// `selfcheck.lib.<code>.question`.
pub const LIBRARY: [&str; 10] = [
    "sleep",
    "condition",
    "mood",
    "medication",
    "meals",
    "mistakes",
    "reporting",
    "commute",
    "tiredness",
    "people",
];

/// A client's own item: at most this many characters (issue 11).
pub const OWN_LABEL_MAX: usize = 30;
/// The day's comment: at most this many characters.
pub const COMMENT_MAX: usize = 400;
/// A supporter's reply: at most this many characters.
pub const REPLY_MAX: usize = 1000;
/// Active items at most: the daily check stays one screen on a phone.
pub const MAX_ACTIVE_ITEMS: usize = 8;

pub fn is_library_code(code: &str) -> bool {
    LIBRARY.contains(&code)
}

/// The message key of a library item's short name.
pub fn library_label_key(code: &str) -> String {
    format!("selfcheck.lib.{code}.label")
}

/// The message key of a library item's question.
pub fn library_question_key(code: &str) -> String {
    format!("selfcheck.lib.{code}.question")
}

/// A score: 1 (よくない) to 4 (よい). Higher is always better, so every item's question is
/// asked the way round that makes 4 the good answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Score(u8);

impl Score {
    pub const MIN: u8 = 1;
    pub const MAX: u8 = 4;
    pub const ALL: [Score; 4] = [Score(1), Score(2), Score(3), Score(4)];

    pub fn new(n: i64) -> Option<Score> {
        u8::try_from(n)
            .ok()
            .filter(|n| (Score::MIN..=Score::MAX).contains(n))
            .map(Score)
    }

    /// A score as sent by the form; the error is the field message's key.
    pub fn parse(typed: &str) -> Result<Score, &'static str> {
        let v = normalize_ascii(typed);
        if v.is_empty() {
            return Err("selfcheck.err.score_missing");
        }
        v.parse::<i64>()
            .ok()
            .and_then(Score::new)
            .ok_or("selfcheck.err.score_range")
    }

    pub fn value(self) -> u8 {
        self.0
    }

    /// The plain label (1 よくない … 4 よい).
    pub fn label_key(self) -> &'static str {
        match self.0 {
            1 => "selfcheck.score.1",
            2 => "selfcheck.score.2",
            3 => "selfcheck.score.3",
            _ => "selfcheck.score.4",
        }
    }
}

/// The name of the form field of item `item_id`'s score.
pub fn score_field(item_id: i64) -> String {
    format!("score_{item_id}")
}

/// A day's check, parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckInput {
    /// (item id, score), in the order of the items.
    pub scores: Vec<(i64, Score)>,
    pub comment: String,
}

/// The day's check's field messages: per item, and the comment's.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CheckErrors {
    pub scores: Vec<(i64, &'static str)>,
    pub comment: Option<&'static str>,
}

impl CheckErrors {
    pub fn is_empty(&self) -> bool {
        self.scores.is_empty() && self.comment.is_none()
    }
    pub fn score(&self, item_id: i64) -> Option<&'static str> {
        self.scores
            .iter()
            .find(|(id, _)| *id == item_id)
            .map(|(_, k)| *k)
    }
}

/// Parses the daily form for the client's active items: every item needs a score 1–4, the
/// comment is optional and at most `COMMENT_MAX` characters.
pub fn parse_check(
    item_ids: &[i64],
    pairs: &[(String, String)],
) -> Result<CheckInput, CheckErrors> {
    let value = |name: &str| {
        pairs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
            .unwrap_or("")
    };
    let mut errors = CheckErrors::default();
    let mut scores = Vec::with_capacity(item_ids.len());
    for id in item_ids {
        match Score::parse(value(&score_field(*id))) {
            Ok(s) => scores.push((*id, s)),
            Err(key) => errors.scores.push((*id, key)),
        }
    }
    let comment = value("comment").trim().to_string();
    if let Some(key) = super::fields::control_message(&comment, true) {
        errors.comment = Some(key);
    } else if item_ids.is_empty() {
        errors.comment = Some("selfcheck.err.no_items");
    } else if comment.chars().count() > COMMENT_MAX {
        errors.comment = Some("selfcheck.err.comment_long");
    }
    if errors.is_empty() {
        Ok(CheckInput { scores, comment })
    } else {
        Err(errors)
    }
}

/// A client's own item's words: trimmed, 1 to `OWN_LABEL_MAX` characters.
pub fn parse_own_label(typed: &str) -> Result<String, &'static str> {
    let v = typed.trim();
    if let Some(key) = super::fields::control_message(v, false) {
        Err(key)
    } else if v.is_empty() {
        Err("selfcheck.err.label_missing")
    } else if v.chars().count() > OWN_LABEL_MAX {
        Err("selfcheck.err.label_long")
    } else {
        Ok(v.to_string())
    }
}

/// A supporter's reply: trimmed, 1 to `REPLY_MAX` characters.
pub fn parse_reply(typed: &str) -> Result<String, &'static str> {
    let v = typed.trim();
    if let Some(key) = super::fields::control_message(v, true) {
        Err(key)
    } else if v.is_empty() {
        Err("selfcheck.err.reply_missing")
    } else if v.chars().count() > REPLY_MAX {
        Err("selfcheck.err.reply_long")
    } else {
        Ok(v.to_string())
    }
}

/// A change to a client's list of items, as the buttons of the items page send it
/// (`op=add:sleep`, `op=remove:12`, `op=up:12`, `op=down:12`, `op=add_own` with `label`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ItemChange {
    AddLibrary(&'static str),
    AddOwn,
    Remove(i64),
    Up(i64),
    Down(i64),
}

impl ItemChange {
    pub fn parse(op: &str) -> Option<ItemChange> {
        if op == "add_own" {
            return Some(ItemChange::AddOwn);
        }
        let (verb, arg) = op.split_once(':')?;
        match verb {
            "add" => LIBRARY
                .iter()
                .find(|c| **c == arg)
                .map(|c| ItemChange::AddLibrary(c)),
            "remove" => arg.parse().ok().map(ItemChange::Remove),
            "up" => arg.parse().ok().map(ItemChange::Up),
            "down" => arg.parse().ok().map(ItemChange::Down),
            _ => None,
        }
    }
}

/// The new order of the active items (ids in their order) after moving `id` up or down one
/// place; `None` when it cannot move (first up, last down, not there).
pub fn moved(order: &[i64], id: i64, up: bool) -> Option<Vec<i64>> {
    let i = order.iter().position(|x| *x == id)?;
    let j = if up { i.checked_sub(1)? } else { i + 1 };
    if j >= order.len() {
        return None;
    }
    let mut out = order.to_vec();
    out.swap(i, j);
    Some(out)
}

/// The range of a trend page (`?range=2w|3m|6m`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Range {
    TwoWeeks,
    ThreeMonths,
    SixMonths,
}

impl Range {
    pub const ALL: [Range; 3] = [Range::TwoWeeks, Range::ThreeMonths, Range::SixMonths];

    /// The range asked for; anything else is two weeks.
    pub fn parse(code: Option<&str>) -> Range {
        Range::ALL
            .into_iter()
            .find(|r| Some(r.code()) == code)
            .unwrap_or(Range::TwoWeeks)
    }
    pub fn code(self) -> &'static str {
        match self {
            Range::TwoWeeks => "2w",
            Range::ThreeMonths => "3m",
            Range::SixMonths => "6m",
        }
    }
    pub fn label_key(self) -> &'static str {
        match self {
            Range::TwoWeeks => "selfcheck.range.2w",
            Range::ThreeMonths => "selfcheck.range.3m",
            Range::SixMonths => "selfcheck.range.6m",
        }
    }
    /// How many days it shows, today included.
    pub fn days(self) -> i64 {
        match self {
            Range::TwoWeeks => 14,
            Range::ThreeMonths => 91,
            Range::SixMonths => 182,
        }
    }
    /// Its first day, when the last is `today`.
    pub fn first_day(self, today: Date) -> Date {
        today - Duration::days(self.days() - 1)
    }
}

/// One item's scores over consecutive days: `scores[i]` is the score of `first + i` days,
/// `None` on a day without a check (drawn as a gap).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Series {
    pub first: Date,
    pub scores: Vec<Option<u8>>,
}

impl Series {
    /// The series from `first` to `last` (both included) of the scores `points` (other
    /// days ignored).
    pub fn of(first: Date, last: Date, points: &[(Date, u8)]) -> Series {
        let len = ((last - first).whole_days() + 1).max(0) as usize;
        let mut scores = vec![None; len];
        for (day, score) in points {
            let i = (*day - first).whole_days();
            if i >= 0 && (i as usize) < len {
                scores[i as usize] = Some(*score);
            }
        }
        Series { first, scores }
    }
    pub fn day(&self, i: usize) -> Date {
        self.first + Duration::days(i as i64)
    }
    pub fn answered(&self) -> usize {
        self.scores.iter().flatten().count()
    }
    /// The trend in numbers, for the chart's words. The direction compares the average of
    /// the later half of the answers with the earlier half (by answers, not by calendar, so
    /// a client who started a month ago still has a direction over six months).
    pub fn summary(&self) -> Summary {
        let answered: Vec<u8> = self.scores.iter().flatten().copied().collect();
        let (earlier, later) = answered.split_at(answered.len() / 2);
        let direction = match (average(earlier), average(later)) {
            (Some(a), Some(b)) if earlier.len() >= TREND_MIN_ANSWERS => {
                if b - a >= TREND_STEP {
                    Direction::Up
                } else if a - b >= TREND_STEP {
                    Direction::Down
                } else {
                    Direction::Steady
                }
            }
            _ => Direction::TooFew,
        };
        let latest = self
            .scores
            .iter()
            .enumerate()
            .rev()
            .find_map(|(i, s)| s.map(|s| (self.day(i), s)));
        Summary {
            days: self.scores.len(),
            answered: answered.len(),
            average: average(&answered),
            direction,
            latest,
        }
    }
}

/// Each half of the answers needs this many for the trend to have a direction.
pub const TREND_MIN_ANSWERS: usize = 2;
/// The later half's average this much above or below the earlier's is "up" or "down".
pub const TREND_STEP: f64 = 0.5;

/// Which way an item went over the range: the later half of the answers against the earlier.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    Up,
    Down,
    Steady,
    /// Too few answers to say.
    TooFew,
}

impl Direction {
    pub fn label_key(self) -> &'static str {
        match self {
            Direction::Up => "selfcheck.trend.up",
            Direction::Down => "selfcheck.trend.down",
            Direction::Steady => "selfcheck.trend.steady",
            Direction::TooFew => "selfcheck.trend.too_few",
        }
    }
}

/// An item's trend over a range, in numbers.
#[derive(Debug, Clone, PartialEq)]
pub struct Summary {
    pub days: usize,
    pub answered: usize,
    pub average: Option<f64>,
    pub direction: Direction,
    /// The last day with a score, and that score.
    pub latest: Option<(Date, u8)>,
}

pub fn average(scores: &[u8]) -> Option<f64> {
    if scores.is_empty() {
        None
    } else {
        Some(scores.iter().map(|s| f64::from(*s)).sum::<f64>() / scores.len() as f64)
    }
}

// The supporter's home page: who may need a call. Thresholds (issue 11; the team's choice).

/// No check on this many days in a row (yesterday and back; today may still come) …
pub const MISSED_DAYS: i64 = 3;
/// … by a client who checked in on at least `USUAL_MIN_DAYS` of the `USUAL_WINDOW_DAYS`
/// days up to their last check (someone who usually checks in).
pub const USUAL_WINDOW_DAYS: i64 = 14;
pub const USUAL_MIN_DAYS: usize = 7;
/// An item scored `LOW_MAX` or less on `LOW_RUN_DAYS` days in a row, the last of them
/// today or yesterday …
pub const LOW_RUN_DAYS: usize = 3;
pub const LOW_MAX: u8 = 2;
/// … after a week (the 7 days before the run) with at least `PREV_MIN_ANSWERS` scores
/// averaging at least `PREV_MIN_AVERAGE`: it fell, it was not always low.
pub const PREV_MIN_ANSWERS: usize = 3;
pub const PREV_MIN_AVERAGE: f64 = 2.5;
/// Or: the last 7 days' average is at least `DROP` below the 7 days before (each with at
/// least `PREV_MIN_ANSWERS` scores).
pub const DROP: f64 = 1.0;

/// Why a client is on the supporter's home page. Each is shown with its reason in words.
#[derive(Debug, Clone, PartialEq)]
pub enum Alert {
    /// No check on the `days` days since `last`; `usual` checks in the 14 days up to it.
    Missed { days: i64, last: Date, usual: usize },
    /// The item scored `max` or less on `run` days in a row; the week before averaged
    /// `previous`.
    LowRun {
        item_id: i64,
        run: usize,
        max: u8,
        previous: f64,
    },
    /// The item's last 7 days averaged `recent`, the 7 days before `previous`.
    Drop {
        item_id: i64,
        recent: f64,
        previous: f64,
    },
}

/// Missed days: the days with a check (`days`, any order) and today.
pub fn missed(days: &[Date], today: Date) -> Option<Alert> {
    if days.contains(&today) {
        return None;
    }
    let last = days.iter().filter(|d| **d < today).max().copied()?;
    let gap = (today - last).whole_days() - 1;
    if gap < MISSED_DAYS {
        return None;
    }
    let window_start = last - Duration::days(USUAL_WINDOW_DAYS - 1);
    let mut usual: Vec<&Date> = days
        .iter()
        .filter(|d| **d >= window_start && **d <= last)
        .collect();
    usual.sort();
    usual.dedup();
    (usual.len() >= USUAL_MIN_DAYS).then_some(Alert::Missed {
        days: gap,
        last,
        usual: usual.len(),
    })
}

/// A falling item: `points` are its (day, score), any order.
pub fn falling(item_id: i64, points: &[(Date, u8)], today: Date) -> Option<Alert> {
    let mut points = points.to_vec();
    points.sort();
    points.dedup_by_key(|p| p.0);
    let scores_between = |from: Date, to: Date| -> Vec<u8> {
        points
            .iter()
            .filter(|(d, _)| *d >= from && *d <= to)
            .map(|(_, s)| *s)
            .collect()
    };
    // The run: the latest scores, on consecutive days, all low.
    let mut run: Vec<(Date, u8)> = Vec::new();
    for p in points.iter().rev() {
        let next_day = run.last().map(|(d, _)| *d - Duration::days(1));
        if p.1 > LOW_MAX || next_day.is_some_and(|d| d != p.0) {
            break;
        }
        run.push(*p);
    }
    let run_is_recent = run
        .first()
        .is_some_and(|(d, _)| *d >= today - Duration::days(1));
    if run.len() >= LOW_RUN_DAYS && run_is_recent {
        let start = run.last().map(|(d, _)| *d).unwrap_or(today);
        let before = scores_between(start - Duration::days(7), start - Duration::days(1));
        if let Some(previous) = average(&before)
            && before.len() >= PREV_MIN_ANSWERS
            && previous >= PREV_MIN_AVERAGE
        {
            let max = run.iter().map(|(_, s)| *s).max().unwrap_or(LOW_MAX);
            return Some(Alert::LowRun {
                item_id,
                run: run.len(),
                max,
                previous,
            });
        }
    }
    let recent = scores_between(today - Duration::days(6), today);
    let before = scores_between(today - Duration::days(13), today - Duration::days(7));
    match (average(&recent), average(&before)) {
        (Some(r), Some(b))
            if recent.len() >= PREV_MIN_ANSWERS
                && before.len() >= PREV_MIN_ANSWERS
                && b - r >= DROP =>
        {
            Some(Alert::Drop {
                item_id,
                recent: r,
                previous: b,
            })
        }
        _ => None,
    }
}

/// A client's alerts: missed days, then each falling item in the items' order.
pub fn alerts(days: &[Date], items: &[(i64, Vec<(Date, u8)>)], today: Date) -> Vec<Alert> {
    let mut out: Vec<Alert> = missed(days, today).into_iter().collect();
    out.extend(
        items
            .iter()
            .filter_map(|(id, points)| falling(*id, points, today)),
    );
    out
}

/// A number with one decimal (3.4), for the reasons in words.
pub fn one_decimal(x: f64) -> String {
    format!("{x:.1}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    const TODAY: Date = date!(2026 - 12 - 01);

    fn day(back: i64) -> Date {
        TODAY - Duration::days(back)
    }

    /// (days back, score) → points.
    fn pts(list: &[(i64, u8)]) -> Vec<(Date, u8)> {
        list.iter().map(|(b, s)| (day(*b), *s)).collect()
    }

    #[test]
    fn scores_are_one_to_four() {
        let cases: [(&str, Result<u8, &str>); 8] = [
            ("1", Ok(1)),
            ("4", Ok(4)),
            ("３", Ok(3)),
            (" 2 ", Ok(2)),
            ("", Err("selfcheck.err.score_missing")),
            ("0", Err("selfcheck.err.score_range")),
            ("5", Err("selfcheck.err.score_range")),
            ("good", Err("selfcheck.err.score_range")),
        ];
        for (typed, want) in cases {
            assert_eq!(Score::parse(typed).map(Score::value), want, "{typed:?}");
        }
        assert_eq!(Score::new(-1), None);
        assert_eq!(Score::new(300), None);
    }

    #[test]
    fn the_daily_form_needs_every_score_and_a_short_comment() {
        let pairs = |list: &[(&str, &str)]| -> Vec<(String, String)> {
            list.iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect()
        };
        let ok = parse_check(
            &[7, 9],
            &pairs(&[("score_7", "4"), ("score_9", "2"), ("comment", " ねむい ")]),
        )
        .expect("valid");
        assert_eq!(ok.scores, vec![(7, Score(4)), (9, Score(2))]);
        assert_eq!(ok.comment, "ねむい");

        let long = "あ".repeat(COMMENT_MAX + 1);
        let err = parse_check(
            &[7, 9],
            &pairs(&[("score_7", "5"), ("comment", long.as_str())]),
        )
        .expect_err("invalid");
        assert_eq!(err.score(7), Some("selfcheck.err.score_range"));
        assert_eq!(err.score(9), Some("selfcheck.err.score_missing"));
        assert_eq!(err.comment, Some("selfcheck.err.comment_long"));
        // Exactly the limit is fine.
        let at_limit = "あ".repeat(COMMENT_MAX);
        assert!(parse_check(&[7], &pairs(&[("score_7", "1"), ("comment", &at_limit)])).is_ok());
        // A score for an item that is not the client's is ignored, not stored.
        let extra =
            parse_check(&[7], &pairs(&[("score_7", "1"), ("score_8", "3")])).expect("valid");
        assert_eq!(extra.scores, vec![(7, Score(1))]);
        assert_eq!(
            parse_check(&[], &[]).expect_err("no items").comment,
            Some("selfcheck.err.no_items")
        );
    }

    #[test]
    fn own_items_and_replies_have_limits() {
        assert_eq!(parse_own_label(" 朝の散歩 "), Ok("朝の散歩".to_string()));
        assert_eq!(parse_own_label("  "), Err("selfcheck.err.label_missing"));
        assert!(parse_own_label(&"あ".repeat(OWN_LABEL_MAX)).is_ok());
        assert_eq!(
            parse_own_label(&"あ".repeat(OWN_LABEL_MAX + 1)),
            Err("selfcheck.err.label_long")
        );
        assert_eq!(parse_reply(""), Err("selfcheck.err.reply_missing"));
        assert!(parse_reply(&"a".repeat(REPLY_MAX + 1)).is_err());
    }

    #[test]
    fn item_changes_read_from_the_buttons() {
        assert_eq!(
            ItemChange::parse("add:sleep"),
            Some(ItemChange::AddLibrary("sleep"))
        );
        assert_eq!(ItemChange::parse("add:nothing"), None);
        assert_eq!(ItemChange::parse("remove:12"), Some(ItemChange::Remove(12)));
        assert_eq!(ItemChange::parse("up:3"), Some(ItemChange::Up(3)));
        assert_eq!(ItemChange::parse("down:x"), None);
        assert_eq!(ItemChange::parse("add_own"), Some(ItemChange::AddOwn));
        assert_eq!(ItemChange::parse(""), None);
        assert_eq!(moved(&[1, 2, 3], 2, true), Some(vec![2, 1, 3]));
        assert_eq!(moved(&[1, 2, 3], 2, false), Some(vec![1, 3, 2]));
        assert_eq!(moved(&[1, 2, 3], 1, true), None);
        assert_eq!(moved(&[1, 2, 3], 3, false), None);
        assert_eq!(moved(&[1, 2, 3], 9, false), None);
    }

    #[test]
    fn ranges() {
        assert_eq!(Range::parse(Some("3m")), Range::ThreeMonths);
        assert_eq!(Range::parse(Some("6m")), Range::SixMonths);
        assert_eq!(Range::parse(Some("1y")), Range::TwoWeeks);
        assert_eq!(Range::parse(None), Range::TwoWeeks);
        assert_eq!(Range::TwoWeeks.first_day(TODAY), date!(2026 - 11 - 18));
        for r in Range::ALL {
            assert_eq!(Range::parse(Some(r.code())), r);
        }
    }

    #[test]
    fn a_series_has_gaps_on_missed_days_and_a_direction() {
        let s = Series::of(day(3), TODAY, &pts(&[(3, 4), (1, 2), (0, 1), (9, 4)]));
        assert_eq!(s.scores, vec![Some(4), None, Some(2), Some(1)]);
        let sum = s.summary();
        assert_eq!(sum.answered, 3);
        assert_eq!(sum.latest, Some((TODAY, 1)));
        assert_eq!(
            sum.direction,
            Direction::TooFew,
            "one answer in the first half"
        );

        let down = Series::of(day(5), TODAY, &pts(&[(5, 4), (4, 3), (2, 2), (1, 2)]));
        assert_eq!(down.summary().direction, Direction::Down);
        let up = Series::of(day(5), TODAY, &pts(&[(5, 1), (4, 2), (2, 3), (1, 3)]));
        assert_eq!(up.summary().direction, Direction::Up);
        let steady = Series::of(day(5), TODAY, &pts(&[(5, 3), (4, 4), (2, 3), (1, 4)]));
        assert_eq!(steady.summary().direction, Direction::Steady);
        assert_eq!(Series::of(TODAY, TODAY, &[]).summary().average, None);
    }

    /// Missed days: (days with a check, back from today; expected (gap, usual) or none).
    #[test]
    fn missed_days_table() {
        let every_day_until = |from: i64, to: i64| -> Vec<i64> { (to..=from).collect() };
        type Case = (&'static str, Vec<i64>, Option<(i64, usize)>);
        let cases: Vec<Case> = vec![
            ("checked today", every_day_until(20, 0), None),
            ("checked yesterday", every_day_until(20, 1), None),
            ("two days missed: not yet", every_day_until(20, 3), None),
            ("three days missed", every_day_until(20, 4), Some((3, 14))),
            ("ten days missed", every_day_until(30, 11), Some((10, 14))),
            (
                "seldom checks in: not flagged",
                vec![4, 8, 12, 16, 20, 24],
                None,
            ),
            (
                "seven of fourteen is usual",
                vec![4, 6, 8, 10, 12, 14, 16],
                Some((3, 7)),
            ),
            ("never checked", vec![], None),
        ];
        for (name, back, want) in cases {
            let days: Vec<Date> = back.iter().map(|b| day(*b)).collect();
            let got = missed(&days, TODAY).map(|a| match a {
                Alert::Missed { days, usual, .. } => (days, usual),
                other => panic!("{other:?}"),
            });
            assert_eq!(got, want, "{name}");
        }
    }

    /// Falling items: (name, points (days back, score), expected).
    #[test]
    fn falling_items_table() {
        let steady_week = [(3, 4), (4, 3), (5, 4), (6, 3), (7, 3)];
        let mut low_run = steady_week.to_vec();
        low_run.extend([(0, 2), (1, 1), (2, 2)]);
        let mut run_to_yesterday = steady_week
            .iter()
            .map(|(d, s)| (d + 1, *s))
            .collect::<Vec<_>>();
        run_to_yesterday.extend([(1, 2), (2, 2), (3, 1)]);
        let mut run_with_gap = steady_week.to_vec();
        run_with_gap.extend([(0, 2), (2, 2)]);
        let mut run_broken = steady_week.to_vec();
        run_broken.extend([(0, 2), (1, 3), (2, 2)]);
        let always_low: Vec<(i64, u8)> = (0..12).map(|d| (d, 2)).collect();
        let mut old_run = steady_week
            .iter()
            .map(|(d, s)| (d + 3, *s))
            .collect::<Vec<_>>();
        old_run.extend([(2, 2), (3, 2), (4, 2)]);
        let drop = vec![(0, 3), (2, 2), (4, 2), (7, 4), (9, 3), (11, 4)];
        let small_drop = vec![(0, 3), (2, 3), (4, 3), (7, 4), (9, 3), (11, 4)];

        type Want = Option<(&'static str, String)>;
        let low = |run: usize, max: u8, prev: &str| -> Want {
            Some(("low", format!("{run} {max} {prev}")))
        };
        type Case = (&'static str, Vec<(i64, u8)>, Want);
        let cases: Vec<Case> = vec![
            (
                "three low days after a good week",
                low_run,
                low(3, 2, "3.4"),
            ),
            (
                "the run may end yesterday",
                run_to_yesterday,
                low(3, 2, "3.4"),
            ),
            ("a missed day breaks the run", run_with_gap, None),
            ("a good day breaks the run", run_broken, None),
            ("always low: not falling", always_low, None),
            ("a run that ended days ago", old_run, None),
            (
                "the week's average fell by a point",
                drop,
                Some(("drop", "2.3 3.7".into())),
            ),
            ("a small fall is not flagged", small_drop, None),
            ("nothing", vec![], None),
        ];
        for (name, list, want) in cases {
            let got = falling(5, &pts(&list), TODAY).map(|a| match a {
                Alert::LowRun {
                    item_id,
                    run,
                    max,
                    previous,
                } => {
                    assert_eq!(item_id, 5);
                    ("low", format!("{run} {max} {}", one_decimal(previous)))
                }
                Alert::Drop {
                    recent, previous, ..
                } => (
                    "drop",
                    format!("{} {}", one_decimal(recent), one_decimal(previous)),
                ),
                other => panic!("{other:?}"),
            });
            assert_eq!(got, want, "{name}");
        }
    }

    #[test]
    fn alerts_put_missed_days_first() {
        let days: Vec<Date> = (4..=20).map(day).collect();
        let sleep: Vec<(Date, u8)> = (4..=20).map(|b| (day(b), 3)).collect();
        let got = alerts(&days, &[(1, sleep)], TODAY);
        assert_eq!(got.len(), 1);
        assert!(matches!(got[0], Alert::Missed { days: 3, .. }));
    }

    #[test]
    fn the_library_has_the_items_of_the_issue() {
        for code in [
            "sleep",
            "condition",
            "mood",
            "medication",
            "meals",
            "mistakes",
            "reporting",
            "commute",
            "tiredness",
            "people",
        ] {
            assert!(is_library_code(code), "{code}");
        }
        assert_eq!(library_label_key("sleep"), "selfcheck.lib.sleep.label");
    }
}
