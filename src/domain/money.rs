//! Amounts of money as people read them: `9,300` (digits grouped by three, the way every
//! Japanese form and invoice writes yen).

/// `9300` → `9,300`; `37200` → `37,200`; `0` → `0`.
pub fn grouped(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::grouped;

    #[test]
    fn digits_are_grouped_by_three() {
        let cases = [
            (0, "0"),
            (930, "930"),
            (9_300, "9,300"),
            (37_200, "37,200"),
            (100_000, "100,000"),
            (1_234_567, "1,234,567"),
        ];
        for (n, want) in cases {
            assert_eq!(grouped(n), want, "{n}");
        }
    }
}
