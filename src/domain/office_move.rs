//! A client moving between offices of the organisation: the form that records a move, and
//! which office served the client on which days (a client record keeps one office at a
//! time; its moves say which office it was before).
//!
//! One person, one office, one month: the claim of a month is made by one office for a
//! 受給者証 (domain.md §7.2: the J121 is per user; §2.1: 初期加算 once per user).

use serde::Deserialize;
use time::Date;

use super::fields::{self, FieldErrors};

/// A recorded move: from `from` to `to`, with `on` the first day at the new office.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Move {
    pub from: i64,
    pub to: i64,
    pub on: Date,
}

/// The offices a client belonged to on some day of `first..=last`, given the office today
/// and the moves (any order). Without moves, only today's office.
pub fn offices_in(current: i64, moves: &[Move], first: Date, last: Date) -> Vec<i64> {
    let mut moves: Vec<Move> = moves.to_vec();
    moves.sort_by_key(|m| m.on);
    let Some(earliest) = moves.first() else {
        return vec![current];
    };
    // (office, from, until) periods; the office before the first move has no start.
    let mut periods: Vec<(i64, Option<Date>, Option<Date>)> =
        vec![(earliest.from, None, earliest.on.previous_day())];
    for (i, m) in moves.iter().enumerate() {
        let until = moves.get(i + 1).and_then(|n| n.on.previous_day());
        periods.push((m.to, Some(m.on), until));
    }
    let mut out: Vec<i64> = Vec::new();
    for (office, from, until) in periods {
        let starts_by_end = from.is_none_or(|f| f <= last);
        let runs_past_start = until.is_none_or(|u| u >= first);
        if starts_by_end && runs_past_start && !out.contains(&office) {
            out.push(office);
        }
    }
    out
}

/// The move form as typed.
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(default)]
pub struct MoveForm {
    pub to_office: String,
    pub moved_on: String,
    pub move_note: String,
}

/// A valid move.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MoveInput {
    pub to_office: i64,
    pub moved_on: Date,
    pub note: String,
}

impl MoveForm {
    /// `current`: the client's office today; `offices`: the offices the mover may move the
    /// client to; `last_move`: the first day at the current office, if the client moved
    /// before (a new move must come after it).
    pub fn parse(
        &self,
        current: i64,
        offices: &[i64],
        last_move: Option<Date>,
    ) -> Result<MoveInput, FieldErrors> {
        let mut e = FieldErrors::new();
        let to = self.to_office.trim().parse::<i64>().ok();
        match to {
            None => e.add("to_office", "err.choose"),
            Some(t) if t == current => e.add("to_office", "move.err.same_office"),
            Some(t) if !offices.contains(&t) => e.add("to_office", "err.choose"),
            Some(_) => {}
        }
        let on = fields::date(&mut e, "moved_on", &self.moved_on, true);
        if let (Some(on), Some(last)) = (on, last_move)
            && on <= last
        {
            e.add("moved_on", "move.err.before_last_move");
        }
        let note = fields::optional_text(&mut e, "move_note", &self.move_note, 500);
        match (to, on) {
            (Some(to_office), Some(moved_on)) if e.is_empty() => Ok(MoveInput {
                to_office,
                moved_on,
                note,
            }),
            _ => Err(e),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    /// Issue 19, scenario 5: a client of office 1 moves to office 2 from 2026-10-16. October
    /// belongs to both (the claim then lets only one of them claim it); September only to
    /// office 1, November only to office 2.
    #[test]
    fn which_offices_served_the_month() {
        let moves = [Move {
            from: 1,
            to: 2,
            on: date!(2026 - 10 - 16),
        }];
        // (what, first, last, offices)
        let cases = [
            (
                "September",
                date!(2026 - 09 - 01),
                date!(2026 - 09 - 30),
                vec![1],
            ),
            (
                "October",
                date!(2026 - 10 - 01),
                date!(2026 - 10 - 31),
                vec![1, 2],
            ),
            (
                "November",
                date!(2026 - 11 - 01),
                date!(2026 - 11 - 30),
                vec![2],
            ),
        ];
        for (what, first, last, expected) in cases {
            assert_eq!(offices_in(2, &moves, first, last), expected, "{what}");
        }
        // A move on the 1st leaves the month to the new office alone.
        let on_first = [Move {
            from: 1,
            to: 2,
            on: date!(2026 - 11 - 01),
        }];
        assert_eq!(
            offices_in(2, &on_first, date!(2026 - 11 - 01), date!(2026 - 11 - 30)),
            vec![2]
        );
        assert_eq!(
            offices_in(2, &on_first, date!(2026 - 10 - 01), date!(2026 - 10 - 31)),
            vec![1]
        );
        // Back and forth: 1 → 2 on 2026-05-01, 2 → 1 on 2026-08-01.
        let twice = [
            Move {
                from: 2,
                to: 1,
                on: date!(2026 - 08 - 01),
            },
            Move {
                from: 1,
                to: 2,
                on: date!(2026 - 05 - 01),
            },
        ];
        let june = (date!(2026 - 06 - 01), date!(2026 - 06 - 30));
        assert_eq!(offices_in(1, &twice, june.0, june.1), vec![2]);
        let sept = (date!(2026 - 09 - 01), date!(2026 - 09 - 30));
        assert_eq!(offices_in(1, &twice, sept.0, sept.1), vec![1]);
        assert_eq!(offices_in(7, &[], june.0, june.1), vec![7]);
    }

    #[test]
    fn the_move_form() {
        let form = |to: &str, on: &str| MoveForm {
            to_office: to.into(),
            moved_on: on.into(),
            move_note: String::new(),
        };
        let offices = [1, 2, 3];
        assert_eq!(
            form("2", "2026-10-16").parse(1, &offices, None),
            Ok(MoveInput {
                to_office: 2,
                moved_on: date!(2026 - 10 - 16),
                note: String::new(),
            })
        );
        // (what, form, last move, field, message)
        let cases = [
            (
                "no office",
                form("", "2026-10-16"),
                None,
                "to_office",
                "err.choose",
            ),
            (
                "the same office",
                form("1", "2026-10-16"),
                None,
                "to_office",
                "move.err.same_office",
            ),
            (
                "another organisation's office",
                form("9", "2026-10-16"),
                None,
                "to_office",
                "err.choose",
            ),
            ("no date", form("2", ""), None, "moved_on", "err.required"),
            (
                "not a date",
                form("2", "2026-02-30"),
                None,
                "moved_on",
                "err.date",
            ),
            (
                "not after the last move",
                form("2", "2026-05-01"),
                Some(date!(2026 - 05 - 01)),
                "moved_on",
                "move.err.before_last_move",
            ),
        ];
        for (what, f, last, field, message) in cases {
            let e = f.parse(1, &offices, last).expect_err(what);
            assert_eq!(e.get(field), Some(message), "{what}");
        }
    }
}
