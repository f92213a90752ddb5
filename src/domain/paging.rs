//! Keyset paging (#13): a long list is read a page at a time from where the last page
//! ended (`id > last`) or the next one began (`id < first`), never by skipping rows
//! (`OFFSET n` reads the n rows it skips, so the last page of a long list costs the list).
//! The store reads one row more than the page to know whether there is another page.

/// Where a page starts, from the query string's `after` / `before`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Keyset {
    First,
    After(i64),
    Before(i64),
}

impl Keyset {
    /// `after` wins over `before`; anything that is not a positive id is the first page.
    pub fn from_query(after: &str, before: &str) -> Keyset {
        let id = |s: &str| s.trim().parse::<i64>().ok().filter(|n| *n > 0);
        match (id(after), id(before)) {
            (Some(a), _) => Keyset::After(a),
            (None, Some(b)) => Keyset::Before(b),
            (None, None) => Keyset::First,
        }
    }
}

/// The ids the page links go on from: `before` for 前へ, `after` for 次へ.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Links {
    pub prev_before: Option<i64>,
    pub next_after: Option<i64>,
}

/// Cuts `rows` (read with a limit of `size + 1`, in display order, id ascending) to the page
/// and says which links it has. Reading backwards, the extra row is the first; else the last.
pub fn cut<T>(rows: &mut Vec<T>, size: usize, at: Keyset, id: impl Fn(&T) -> i64) -> Links {
    let more = rows.len() > size;
    match at {
        Keyset::Before(_) => {
            if more {
                rows.remove(0);
            }
        }
        _ => rows.truncate(size),
    }
    let (first, last) = match (rows.first(), rows.last()) {
        (Some(f), Some(l)) => (id(f), id(l)),
        _ => return Links::default(),
    };
    match at {
        Keyset::First => Links {
            prev_before: None,
            next_after: more.then_some(last),
        },
        Keyset::After(_) => Links {
            prev_before: Some(first),
            next_after: more.then_some(last),
        },
        Keyset::Before(_) => Links {
            prev_before: more.then_some(first),
            next_after: Some(last),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_query_names_where_to_start() {
        for (after, before, expected) in [
            ("", "", Keyset::First),
            ("12", "", Keyset::After(12)),
            ("", "7", Keyset::Before(7)),
            ("12", "7", Keyset::After(12)),
            ("-3", "", Keyset::First),
            ("0", "x", Keyset::First),
            (" 5 ", "", Keyset::After(5)),
        ] {
            assert_eq!(
                Keyset::from_query(after, before),
                expected,
                "{after:?} {before:?}"
            );
        }
    }

    #[test]
    fn pages_and_links() {
        // (rows read, page size, at, rows shown, links)
        type Case = (&'static [i64], usize, Keyset, &'static [i64], Links);
        let cases: [Case; 7] = [
            (&[1, 2, 3], 2, Keyset::First, &[1, 2], links(None, Some(2))),
            (&[1, 2], 2, Keyset::First, &[1, 2], links(None, None)),
            (
                &[3, 4, 5],
                2,
                Keyset::After(2),
                &[3, 4],
                links(Some(3), Some(4)),
            ),
            (&[5], 2, Keyset::After(4), &[5], links(Some(5), None)),
            (
                &[1, 2, 3],
                2,
                Keyset::Before(4),
                &[2, 3],
                links(Some(2), Some(3)),
            ),
            (&[1, 2], 2, Keyset::Before(3), &[1, 2], links(None, Some(2))),
            (&[], 2, Keyset::After(9), &[], links(None, None)),
        ];
        for (read, size, at, shown, expected) in cases {
            let mut rows = read.to_vec();
            let got = cut(&mut rows, size, at, |r| *r);
            assert_eq!((rows.as_slice(), got), (shown, expected), "{read:?} {at:?}");
        }
    }

    fn links(prev_before: Option<i64>, next_after: Option<i64>) -> Links {
        Links {
            prev_before,
            next_after,
        }
    }
}
