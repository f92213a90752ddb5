//! 利用者負担 (the user's co-payment, domain.md §5) and the yen arithmetic behind it
//! (domain.md §6): the income category that sets the monthly cap, the unit price, and the
//! split of the month's cost between the user and the public purse.
//!
//! Money is whole yen in integers and the unit price is hundredths of a yen, so no floating
//! point rounding can creep in: domain.md §6 rounds down at each step.
//!
//! domain.md §5 says the cap that binds is the one printed on the 受給者証; the income
//! category here is an estimate for planning and explaining, not a substitute for it.

use std::fmt;

/// The household's tax and assistance status (domain.md §5 table). For a user aged 18 or
/// over only the user and their spouse count (domain.md §5).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Household {
    /// 生活保護 (public assistance).
    Welfare,
    /// 市町村民税非課税.
    NonTaxable,
    /// 市町村民税課税, 所得割 under 160,000 yen.
    LevyUnder160k,
    /// Every other taxed household.
    OtherTaxable,
}

impl Household {
    pub const ALL: [Household; 4] = [
        Household::Welfare,
        Household::NonTaxable,
        Household::LevyUnder160k,
        Household::OtherTaxable,
    ];

    pub fn parse(code: &str) -> Option<Household> {
        Self::ALL.into_iter().find(|h| h.code() == code)
    }

    pub fn code(self) -> &'static str {
        match self {
            Household::Welfare => "welfare",
            Household::NonTaxable => "non_taxable",
            Household::LevyUnder160k => "levy_under_160k",
            Household::OtherTaxable => "other_taxable",
        }
    }

    pub fn label_ja(self) -> &'static str {
        match self {
            Household::Welfare => "生活保護受給世帯",
            Household::NonTaxable => "市町村民税非課税世帯",
            Household::LevyUnder160k => "市町村民税課税世帯（所得割16万円未満）",
            Household::OtherTaxable => "市町村民税課税世帯（上記以外）",
        }
    }
}

/// Where the user lives; it moves some households from 一般1 to 一般2 (domain.md §5).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Residence {
    Home,
    /// グループホーム.
    GroupHome,
    /// 入所施設.
    Facility,
}

impl Residence {
    pub const ALL: [Residence; 3] = [Residence::Home, Residence::GroupHome, Residence::Facility];

    pub fn parse(code: &str) -> Option<Residence> {
        Self::ALL.into_iter().find(|r| r.code() == code)
    }

    pub fn code(self) -> &'static str {
        match self {
            Residence::Home => "home",
            Residence::GroupHome => "group_home",
            Residence::Facility => "facility",
        }
    }

    pub fn label_ja(self) -> &'static str {
        match self {
            Residence::Home => "在宅",
            Residence::GroupHome => "グループホーム",
            Residence::Facility => "入所施設",
        }
    }
}

/// 所得区分: the row of the cap table (domain.md §5).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IncomeCategory {
    Welfare,
    LowIncome,
    General1,
    General2,
}

impl IncomeCategory {
    pub const ALL: [IncomeCategory; 4] = [
        IncomeCategory::Welfare,
        IncomeCategory::LowIncome,
        IncomeCategory::General1,
        IncomeCategory::General2,
    ];

    pub fn parse(code: &str) -> Option<IncomeCategory> {
        Self::ALL.into_iter().find(|c| c.code() == code)
    }

    pub fn code(self) -> &'static str {
        match self {
            IncomeCategory::Welfare => "welfare",
            IncomeCategory::LowIncome => "low_income",
            IncomeCategory::General1 => "general1",
            IncomeCategory::General2 => "general2",
        }
    }

    pub fn label_ja(self) -> &'static str {
        match self {
            IncomeCategory::Welfare => "生活保護",
            IncomeCategory::LowIncome => "低所得",
            IncomeCategory::General1 => "一般1",
            IncomeCategory::General2 => "一般2",
        }
    }
}

/// The income category (domain.md §5): 一般1 is a taxed household with 所得割 under 160,000
/// yen, except for users of a グループホーム and users of an 入所施設 aged 20 or over, who
/// fall to 一般2 with everyone else who is taxed.
pub fn income_category(household: Household, residence: Residence, age: u32) -> IncomeCategory {
    match household {
        Household::Welfare => IncomeCategory::Welfare,
        Household::NonTaxable => IncomeCategory::LowIncome,
        Household::LevyUnder160k => match residence {
            Residence::GroupHome => IncomeCategory::General2,
            Residence::Facility if age >= 20 => IncomeCategory::General2,
            Residence::Home | Residence::Facility => IncomeCategory::General1,
        },
        Household::OtherTaxable => IncomeCategory::General2,
    }
}

/// 単位数単価 in hundredths of a yen: 10.90円 is `UnitPrice(1090)`. Prices are set to 2
/// decimals (domain.md §6), so hundredths hold them exactly.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct UnitPrice(u32);

/// The highest price accepted: 100.00円. The real prices are 10.00–11.40円 (domain.md §6);
/// the limit only catches a unit mistake such as a price typed in sen.
const MAX_UNIT_PRICE_HUNDREDTHS: u32 = 10_000;

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum UnitPriceError {
    /// Not a decimal number such as `10.90`.
    #[error("not a decimal number such as 10.90")]
    Malformed,
    /// More than 2 decimals.
    #[error("at most 2 decimals")]
    TooManyDecimals,
    /// Zero.
    #[error("must be more than 0")]
    NotPositive,
    /// Above 100.00.
    #[error("must be at most 100.00")]
    TooHigh,
}

impl UnitPriceError {
    /// Whether the text is not a price at all (as opposed to a price out of range).
    pub fn is_malformed(self) -> bool {
        matches!(
            self,
            UnitPriceError::Malformed | UnitPriceError::TooManyDecimals
        )
    }
}

impl UnitPrice {
    /// A price from hundredths of a yen, within (0, 100.00].
    pub fn from_hundredths(hundredths: u32) -> Result<UnitPrice, UnitPriceError> {
        if hundredths == 0 {
            Err(UnitPriceError::NotPositive)
        } else if hundredths > MAX_UNIT_PRICE_HUNDREDTHS {
            Err(UnitPriceError::TooHigh)
        } else {
            Ok(UnitPrice(hundredths))
        }
    }

    /// Parses `11`, `10.9` or `10.90` (ASCII digits, an optional point and at most 2
    /// decimals; surrounding spaces are ignored).
    pub fn parse(text: &str) -> Result<UnitPrice, UnitPriceError> {
        let text = text.trim();
        let (whole, fraction) = match text.split_once('.') {
            Some((w, f)) => (w, Some(f)),
            None => (text, None),
        };
        let all_digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
        if !all_digits(whole) || fraction.is_some_and(|f| !all_digits(f)) {
            return Err(UnitPriceError::Malformed);
        }
        let fraction = fraction.unwrap_or("");
        if fraction.len() > 2 {
            return Err(UnitPriceError::TooManyDecimals);
        }
        // Leading zeros do not change the value; anything longer than 3 digits is too high.
        let whole = whole.trim_start_matches('0');
        if whole.len() > 3 {
            return Err(UnitPriceError::TooHigh);
        }
        let whole: u32 = if whole.is_empty() {
            0
        } else {
            whole.parse().map_err(|_| UnitPriceError::Malformed)?
        };
        let cents: u32 = match fraction.len() {
            0 => 0,
            1 => {
                fraction
                    .parse::<u32>()
                    .map_err(|_| UnitPriceError::Malformed)?
                    * 10
            }
            _ => fraction.parse().map_err(|_| UnitPriceError::Malformed)?,
        };
        Self::from_hundredths(whole * 100 + cents)
    }

    pub fn hundredths(self) -> u32 {
        self.0
    }
}

impl fmt::Display for UnitPrice {
    /// `10.90`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{:02}", self.0 / 100, self.0 % 100)
    }
}

/// One month's cost split (domain.md §5, §6). All amounts are whole yen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Charge {
    /// 総費用額 = floor(units × unit price).
    pub total_cost_yen: u64,
    /// 1割相当額 = floor(総費用額 / 10).
    pub ten_percent_yen: u64,
    /// 負担上限月額.
    pub monthly_cap_yen: u64,
    /// 利用者負担額 = min(1割相当額, 上限月額).
    pub user_charge_yen: u64,
    /// 給付費 = 総費用額 − 利用者負担額.
    pub public_charge_yen: u64,
}

/// The month's cost and who pays it: the user pays 10% of the cost, rounded down, but no
/// more than the cap; the rest is the 給付費 claimed from the municipality (domain.md §5
/// "上限月額調整 = min(負担上限月額, 1割相当額)", §6 "Yen calculation").
pub fn user_charge(units: u32, unit_price: UnitPrice, cap_yen: u64) -> Charge {
    // u32 × u32 cannot overflow u64.
    let total_cost_yen = u64::from(units) * u64::from(unit_price.hundredths()) / 100;
    let ten_percent_yen = total_cost_yen / 10;
    let user_charge_yen = ten_percent_yen.min(cap_yen);
    Charge {
        total_cost_yen,
        ten_percent_yen,
        monthly_cap_yen: cap_yen,
        user_charge_yen,
        public_charge_yen: total_cost_yen - user_charge_yen,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip() {
        for h in Household::ALL {
            assert_eq!(Household::parse(h.code()), Some(h));
        }
        for r in Residence::ALL {
            assert_eq!(Residence::parse(r.code()), Some(r));
        }
        for c in IncomeCategory::ALL {
            assert_eq!(IncomeCategory::parse(c.code()), Some(c));
        }
        assert_eq!(Household::parse("general"), None);
        let labels: Vec<_> = IncomeCategory::ALL.iter().map(|c| c.label_ja()).collect();
        assert_eq!(labels, ["生活保護", "低所得", "一般1", "一般2"]);
    }

    /// domain.md §5: 一般1 excludes グループホーム users and 入所施設 users aged 20+.
    #[test]
    fn income_categories() {
        use Household as H;
        use IncomeCategory as C;
        use Residence as R;
        let cases = [
            (H::Welfare, R::Home, 30, C::Welfare),
            (H::Welfare, R::GroupHome, 30, C::Welfare),
            (H::Welfare, R::Facility, 30, C::Welfare),
            (H::NonTaxable, R::Home, 30, C::LowIncome),
            (H::NonTaxable, R::GroupHome, 30, C::LowIncome),
            (H::NonTaxable, R::Facility, 30, C::LowIncome),
            (H::LevyUnder160k, R::Home, 30, C::General1),
            (H::LevyUnder160k, R::Home, 19, C::General1),
            (H::LevyUnder160k, R::GroupHome, 19, C::General2),
            (H::LevyUnder160k, R::GroupHome, 30, C::General2),
            (H::LevyUnder160k, R::Facility, 19, C::General1),
            (H::LevyUnder160k, R::Facility, 20, C::General2),
            (H::LevyUnder160k, R::Facility, 21, C::General2),
            (H::OtherTaxable, R::Home, 30, C::General2),
            (H::OtherTaxable, R::Facility, 19, C::General2),
        ];
        for (h, r, age, expected) in cases {
            assert_eq!(
                income_category(h, r, age),
                expected,
                "{} {} {age}",
                h.code(),
                r.code()
            );
        }
    }

    #[test]
    fn unit_prices_parse_exactly() {
        let ok = [
            ("10.9", 1090),
            ("10.90", 1090),
            ("11", 1100),
            ("0.01", 1),
            ("100", 10000),
            ("100.00", 10000),
            (" 10.14 ", 1014),
            ("010.5", 1050),
        ];
        for (text, hundredths) in ok {
            assert_eq!(
                UnitPrice::parse(text).map(UnitPrice::hundredths),
                Ok(hundredths),
                "{text:?}"
            );
        }
        let bad = [
            ("11.", UnitPriceError::Malformed),
            (".5", UnitPriceError::Malformed),
            ("", UnitPriceError::Malformed),
            ("abc", UnitPriceError::Malformed),
            ("-10.9", UnitPriceError::Malformed),
            ("+10.9", UnitPriceError::Malformed),
            ("10,90", UnitPriceError::Malformed),
            ("1e1", UnitPriceError::Malformed),
            ("10.9.1", UnitPriceError::Malformed),
            ("１０.９", UnitPriceError::Malformed),
            ("10.905", UnitPriceError::TooManyDecimals),
            ("0", UnitPriceError::NotPositive),
            ("0.00", UnitPriceError::NotPositive),
            ("100.01", UnitPriceError::TooHigh),
            ("1090", UnitPriceError::TooHigh),
            ("99999999999999999999", UnitPriceError::TooHigh),
        ];
        for (text, expected) in bad {
            assert_eq!(UnitPrice::parse(text), Err(expected), "{text:?}");
        }
        assert!(UnitPriceError::TooManyDecimals.is_malformed());
        assert!(!UnitPriceError::TooHigh.is_malformed());
        assert_eq!(
            UnitPrice::parse("10.9").map(|p| p.to_string()),
            Ok("10.90".to_string())
        );
    }

    /// domain.md §5 (min of 10% and the cap) and §6 (round down at each step).
    #[test]
    fn charges_round_down_and_respect_the_cap() {
        let price = |s| UnitPrice::parse(s).unwrap_or(UnitPrice(1000));
        // units, price, cap → total, 10%, user, public
        let cases = [
            // 3512 × 10.90 = 38,280.8 → 38,280; 10% = 3,828 (一般1 cap 9,300 does not bind).
            (3512, "10.90", 9_300, (38_280, 3_828, 3_828, 34_452)),
            // 一般2 cap 37,200.
            (3512, "10.90", 37_200, (38_280, 3_828, 3_828, 34_452)),
            // 生活保護 / 低所得: cap 0, the user pays nothing.
            (3512, "10.90", 0, (38_280, 3_828, 0, 38_280)),
            // The cap binds: 3512 + 579 + 300 units at 11.40 = 50,057.4 → 50,057; 10% 5,005.
            (4391, "11.40", 3_000, (50_057, 5_005, 3_000, 47_057)),
            // Exactly at the cap.
            (3512, "10.90", 3_828, (38_280, 3_828, 3_828, 34_452)),
            // One yen under.
            (3512, "10.90", 3_827, (38_280, 3_828, 3_827, 34_453)),
            // 1074 × 10.00 = 10,740; 10% = 1,074.
            (1074, "10", 9_300, (10_740, 1_074, 1_074, 9_666)),
            // 1433 × 10.14 = 14,530.62 → 14,530; 10% = 1,453.
            (1433, "10.14", 37_200, (14_530, 1_453, 1_453, 13_077)),
            // Nothing to pay for nothing.
            (0, "10.90", 9_300, (0, 0, 0, 0)),
            // 9 units × 1.00 = 9 yen; 10% of 9 rounds down to 0.
            (9, "1", 9_300, (9, 0, 0, 9)),
        ];
        for (units, p, cap, (total, ten, user, public)) in cases {
            let c = user_charge(units, price(p), cap);
            assert_eq!(
                (
                    c.total_cost_yen,
                    c.ten_percent_yen,
                    c.monthly_cap_yen,
                    c.user_charge_yen,
                    c.public_charge_yen
                ),
                (total, ten, cap, user, public),
                "{units} units × {p}, cap {cap}"
            );
        }
        // The largest input does not overflow.
        let c = user_charge(u32::MAX, UnitPrice(MAX_UNIT_PRICE_HUNDREDTHS), u64::MAX);
        assert_eq!(c.total_cost_yen, u64::from(u32::MAX) * 100);
        assert_eq!(c.user_charge_yen + c.public_charge_yen, c.total_cost_yen);
    }
}
