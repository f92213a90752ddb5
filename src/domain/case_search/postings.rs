//! The posting lists of the past-case index, compressed (docs/decisions/0013-case-postings.md):
//! for each case holding a token, the gap from the case before it and the token's count
//! there, written as one byte-aligned varint, with a skip entry every [`BLOCK`] postings so
//! that an intersection can jump over the parts it does not need.
//!
//! A posting is `(gap << 2) | code` in LEB128 (7 bits a byte, the high bit saying "more"):
//! `gap` is the slot minus the slot after the previous posting (so consecutive slots have
//! gap 0), `code` is the count 1–3 itself, or 0 when a byte holding the count follows. On
//! the benchmark's cases most gaps are under 32 and most counts 1: one byte a posting.

/// Postings between two skip entries.
const BLOCK: u32 = 128;

/// Where a block of postings starts: the base of its first gap (the slot after the
/// posting before it) and its offset in the bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Skip {
    base: u32,
    offset: u32,
}

/// One token's posting list: sorted slots and the token's count in each.
#[derive(Debug, Clone, Default)]
pub struct Postings {
    bytes: Vec<u8>,
    /// One entry for the postings 0, `BLOCK`, 2 × `BLOCK`… (while offsets fit in 32 bits;
    /// past that a seek reads on from the last entry, still right, only slower).
    skips: Vec<Skip>,
    len: u32,
    /// The slot after the last posting: the base of the next gap.
    next: u32,
}

impl Postings {
    /// Appends a posting. Slots must be pushed in increasing order (the index gives them
    /// out in order); a slot not above the last one is a bug of the caller.
    pub fn push(&mut self, slot: u32, tf: u8) {
        debug_assert!(
            self.len == 0 || slot >= self.next,
            "slot {slot} pushed after {}",
            self.next.wrapping_sub(1)
        );
        if self.len.is_multiple_of(BLOCK)
            && let Ok(offset) = u32::try_from(self.bytes.len())
        {
            self.skips.push(Skip {
                base: self.next,
                offset,
            });
        }
        let gap = slot.wrapping_sub(self.next);
        let code = if (1..=3).contains(&tf) { tf } else { 0 };
        let mut v = (u64::from(gap) << 2) | u64::from(code);
        while v >= 0x80 {
            self.bytes.push((v as u8) | 0x80);
            v >>= 7;
        }
        self.bytes.push(v as u8);
        if code == 0 {
            self.bytes.push(tf);
        }
        self.len += 1;
        self.next = slot.wrapping_add(1);
    }

    /// Postings in the list (the token's document frequency).
    pub fn len(&self) -> usize {
        self.len as usize
    }

    #[cfg(test)]
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The bytes held on the heap.
    pub fn heap_bytes(&self) -> usize {
        self.bytes.capacity() + self.skips.capacity() * std::mem::size_of::<Skip>()
    }

    /// The bytes the postings themselves take (without the skips).
    pub fn encoded_bytes(&self) -> usize {
        self.bytes.len()
    }

    /// Gives back the room the vectors grew into.
    pub fn compact(&mut self) {
        self.bytes.shrink_to_fit();
        self.skips.shrink_to_fit();
    }

    /// The postings in order, decoded as they are read.
    pub fn iter(&self) -> Cursor<'_> {
        Cursor {
            list: self,
            pos: 0,
            index: 0,
            next: 0,
            head: None,
        }
    }
}

/// Reads a posting list forwards: every posting in turn (`Iterator`), or the first at or
/// after a slot ([`Cursor::seek`]).
#[derive(Debug, Clone)]
pub struct Cursor<'a> {
    list: &'a Postings,
    /// The byte offset and the index of the next posting to decode, and its gap's base.
    pos: usize,
    index: u32,
    next: u32,
    /// The posting the last seek stopped at (not yet passed).
    head: Option<(u32, u8)>,
}

impl Cursor<'_> {
    fn decode(&mut self) -> Option<(u32, u8)> {
        if self.index >= self.list.len {
            return None;
        }
        let bytes = &self.list.bytes;
        let mut v: u64 = 0;
        let mut shift = 0;
        loop {
            let b = bytes[self.pos];
            self.pos += 1;
            v |= u64::from(b & 0x7f) << shift;
            if b < 0x80 {
                break;
            }
            shift += 7;
        }
        let tf = match (v & 3) as u8 {
            0 => {
                let tf = bytes[self.pos];
                self.pos += 1;
                tf
            }
            code => code,
        };
        let slot = self.next.wrapping_add((v >> 2) as u32);
        self.next = slot.wrapping_add(1);
        self.index += 1;
        Some((slot, tf))
    }

    /// The first posting whose slot is `target` or more, or `None` past the end. The
    /// posting found stays current: seeking it again (or an earlier slot) returns it again.
    pub fn seek(&mut self, target: u32) -> Option<(u32, u8)> {
        if let Some(head) = self.head
            && head.0 >= target
        {
            return Some(head);
        }
        // Every slot of the blocks before the last one whose base is at most `target` is
        // below that base: jump to it when it is ahead of the cursor.
        let skips = &self.list.skips;
        let block = skips
            .partition_point(|s| s.base <= target)
            .saturating_sub(1);
        if let Some(skip) = skips.get(block) {
            let start = block as u32 * BLOCK;
            if start >= self.index {
                self.pos = skip.offset as usize;
                self.next = skip.base;
                self.index = start;
            }
        }
        self.head = None;
        while let Some(p) = self.decode() {
            if p.0 >= target {
                self.head = Some(p);
                return Some(p);
            }
        }
        None
    }
}

impl Iterator for Cursor<'_> {
    type Item = (u32, u8);

    fn next(&mut self) -> Option<(u32, u8)> {
        match self.head.take() {
            Some(head) => Some(head),
            None => self.decode(),
        }
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let left = (self.list.len - self.index) as usize + usize::from(self.head.is_some());
        (left, Some(left))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    type List = Vec<(u32, u8)>;

    fn encode(postings: &[(u32, u8)]) -> Postings {
        let mut p = Postings::default();
        for (slot, tf) in postings {
            p.push(*slot, *tf);
        }
        p
    }

    /// What a linear search of the plain list finds for every target.
    fn check_seeks(postings: &[(u32, u8)], targets: &[u32]) {
        let p = encode(postings);
        let mut cursor = p.iter();
        let mut sorted = targets.to_vec();
        sorted.sort_unstable();
        for t in sorted {
            let expected = postings.iter().find(|(s, _)| *s >= t).copied();
            assert_eq!(cursor.seek(t), expected, "seek {t}");
        }
        // A fresh cursor for each target too (a jump from the start).
        for t in targets {
            let expected = postings.iter().find(|(s, _)| s >= t).copied();
            assert_eq!(p.iter().seek(*t), expected, "fresh seek {t}");
        }
    }

    #[test]
    fn decodes_exactly_what_was_encoded() {
        let block = BLOCK as usize;
        let dense: Vec<(u32, u8)> = (0..1000).map(|s| (s, 1)).collect();
        let every_tf: Vec<(u32, u8)> = (0..=255u8).map(|tf| (u32::from(tf) * 3, tf)).collect();
        let one_block: Vec<(u32, u8)> = (0..block as u32).map(|s| (s * 7, 2)).collect();
        let block_and_one: Vec<(u32, u8)> = (0..=block as u32).map(|s| (s * 7, 4)).collect();
        // (what, the postings, the bytes they take)
        let cases: [(&str, List, usize); 11] = [
            ("empty", vec![], 0),
            ("one posting", vec![(0, 1)], 1),
            ("one posting, last slot, max tf", vec![(u32::MAX, 255)], 6),
            ("largest gaps", vec![(0, 1), (u32::MAX, 1)], 6),
            ("a gap of 31 is one byte, 32 two", vec![(31, 1), (64, 1)], 3),
            ("max tf takes a byte more", vec![(5, 255), (6, 3)], 3),
            // Counts 0 and 4–255 are written in a byte of their own; 1–3 in the code.
            ("every count", every_tf, 256 + 253),
            ("dense", dense, 1000),
            ("exactly one block", one_block, block),
            ("a block and one", block_and_one, 2 * (block + 1)),
            (
                "gaps around block starts",
                vec![(1, 1), (1 << 20, 7), ((1 << 20) + 1, 1), (u32::MAX - 1, 2)],
                1 + 5 + 1 + 5,
            ),
        ];
        for (name, postings, bytes) in cases {
            let p = encode(&postings);
            assert_eq!(p.iter().collect::<Vec<_>>(), postings, "{name}");
            assert_eq!(p.len(), postings.len(), "{name}");
            assert_eq!(p.is_empty(), postings.is_empty(), "{name}");
            assert_eq!(p.encoded_bytes(), bytes, "{name}: bytes");
            let mut targets: Vec<u32> = postings.iter().map(|(s, _)| *s).collect();
            targets.extend(postings.iter().map(|(s, _)| s.saturating_add(1)));
            targets.extend([0, 1, 1 << 20, u32::MAX]);
            check_seeks(&postings, &targets);
        }
    }

    #[test]
    fn a_seek_keeps_the_posting_it_found() {
        let p = encode(&[(3, 1), (10, 2), (500, 9)]);
        let mut c = p.iter();
        assert_eq!(c.seek(4), Some((10, 2)));
        // Asked again, or for an earlier slot: the same posting, not the one after it.
        assert_eq!(c.seek(10), Some((10, 2)));
        assert_eq!(c.seek(5), Some((10, 2)));
        assert_eq!(c.next(), Some((10, 2)));
        assert_eq!(c.next(), Some((500, 9)));
        assert_eq!(c.seek(501), None);
        assert_eq!(c.next(), None);
    }

    fn postings() -> impl Strategy<Value = Vec<(u32, u8)>> {
        // Dense runs, small gaps and huge ones, over several blocks.
        let gap = prop_oneof![
            4 => Just(0u32),
            8 => 0u32..40,
            3 => 0u32..100_000,
            1 => 0..u32::MAX / 16,
        ];
        proptest::collection::vec((gap, any::<u8>()), 0..700).prop_map(|gaps| {
            let mut out = Vec::with_capacity(gaps.len());
            let mut next: u64 = 0;
            for (gap, tf) in gaps {
                let slot = next + u64::from(gap);
                let Ok(slot) = u32::try_from(slot) else {
                    continue;
                };
                out.push((slot, tf));
                next = u64::from(slot) + 1;
            }
            out
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        #[test]
        fn any_list_decodes_to_what_was_encoded(list in postings(), targets in proptest::collection::vec(any::<u32>(), 0..50)) {
            let p = encode(&list);
            prop_assert_eq!(p.iter().collect::<Vec<_>>(), list.clone());
            prop_assert_eq!(p.len(), list.len());
            let mut all = targets;
            all.extend(list.iter().map(|(s, _)| *s));
            check_seeks(&list, &all);
        }
    }
}
