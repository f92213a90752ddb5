//! Who may use 就労定着支援 (domain.md §4 "Who qualifies"): someone who used one of six
//! welfare services, was newly hired by a regular employer, and has stayed employed for 6
//! months, within the service period.
//!
//! The 基準該当 versions of the six services count as the services themselves (domain.md §4),
//! so they share a code. The R6 一時利用 route (an employee who used 生活介護 etc. for a while
//! to work longer hours or to come back from leave) is covered by the same inputs: the
//! service they used and their ordinary employment.

use serde::{Serialize, Serializer};
use time::Date;

use super::period::service_window;

/// The welfare service used before the hire (domain.md §4, 告示 第14の2 注1).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PriorService {
    EmploymentTransition,
    ContinuousA,
    ContinuousB,
    LifeCare,
    IndependenceFunctional,
    IndependenceLife,
    /// None of the six.
    None,
}

impl PriorService {
    pub const ALL: [PriorService; 7] = [
        PriorService::EmploymentTransition,
        PriorService::ContinuousA,
        PriorService::ContinuousB,
        PriorService::LifeCare,
        PriorService::IndependenceFunctional,
        PriorService::IndependenceLife,
        PriorService::None,
    ];

    pub fn parse(code: &str) -> Option<PriorService> {
        Self::ALL.into_iter().find(|s| s.code() == code)
    }

    pub fn code(self) -> &'static str {
        match self {
            PriorService::EmploymentTransition => "employment_transition",
            PriorService::ContinuousA => "continuous_a",
            PriorService::ContinuousB => "continuous_b",
            PriorService::LifeCare => "life_care",
            PriorService::IndependenceFunctional => "independence_functional",
            PriorService::IndependenceLife => "independence_life",
            PriorService::None => "none",
        }
    }

    pub fn label_ja(self) -> &'static str {
        match self {
            PriorService::EmploymentTransition => "就労移行支援",
            PriorService::ContinuousA => "就労継続支援A型",
            PriorService::ContinuousB => "就労継続支援B型",
            PriorService::LifeCare => "生活介護",
            PriorService::IndependenceFunctional => "自立訓練(機能訓練)",
            PriorService::IndependenceLife => "自立訓練(生活訓練)",
            PriorService::None => "該当なし",
        }
    }

    /// The i18n key of its name on pages (`prior.<code>`), in the reader's language.
    pub fn label_key(self) -> String {
        format!("prior.{}", self.code())
    }

    /// All six services qualify (domain.md §4, condition 1).
    pub fn qualifies(self) -> bool {
        self != PriorService::None
    }
}

/// Why someone is not eligible, in the order they are listed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reason {
    /// None of the six services was used (domain.md §4, condition 1).
    NoQualifyingPriorService,
    /// Not hired by an 通常の事業所 (domain.md §4, condition 2).
    NotOrdinaryEmployment,
    /// The 6 months after the hire (or return to work) are not over yet (domain.md §4,
    /// condition 3).
    TooEarly,
    /// The 3 years after those 6 months are over (domain.md §4, "Maximum period").
    WindowEnded,
}

impl Reason {
    pub fn code(self) -> &'static str {
        match self {
            Reason::NoQualifyingPriorService => "no_qualifying_prior_service",
            Reason::NotOrdinaryEmployment => "not_ordinary_employment",
            Reason::TooEarly => "too_early",
            Reason::WindowEnded => "window_ended",
        }
    }

    /// A sentence for a client page.
    pub fn label_ja(self) -> &'static str {
        match self {
            Reason::NoQualifyingPriorService => {
                "対象となる障害福祉サービス（就労移行支援・就労継続支援・生活介護・自立訓練）の利用歴がありません"
            }
            Reason::NotOrdinaryEmployment => "通常の事業所に雇用されていません",
            Reason::TooEarly => "就職（復職）から6か月が経過していません",
            Reason::WindowEnded => "利用できる期間（6か月経過後の3年間）が終わっています",
        }
    }
}

impl Serialize for Reason {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.code())
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Eligibility {
    pub eligible: bool,
    /// Every reason that applies, in [`Reason`]'s order; empty when eligible.
    pub reasons: Vec<Reason>,
}

/// Whether someone may use 就労定着支援 on `as_of` (domain.md §4).
pub fn eligibility(
    prior: PriorService,
    ordinary_employment: bool,
    hire_date: Date,
    return_to_work: Option<Date>,
    as_of: Date,
) -> Eligibility {
    let window = service_window(hire_date, return_to_work);
    let mut reasons = Vec::new();
    if !prior.qualifies() {
        reasons.push(Reason::NoQualifyingPriorService);
    }
    if !ordinary_employment {
        reasons.push(Reason::NotOrdinaryEmployment);
    }
    if as_of < window.earliest_start {
        reasons.push(Reason::TooEarly);
    }
    if as_of > window.latest_end {
        reasons.push(Reason::WindowEnded);
    }
    Eligibility {
        eligible: reasons.is_empty(),
        reasons,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn codes_round_trip_and_only_none_does_not_qualify() {
        for s in PriorService::ALL {
            assert_eq!(PriorService::parse(s.code()), Some(s));
            assert!(!s.label_ja().is_empty());
            assert_eq!(s.qualifies(), s != PriorService::None, "{}", s.code());
        }
        assert_eq!(PriorService::parse("Employment_Transition"), None);
        assert_eq!(PriorService::parse(""), None);
        assert_eq!(
            PriorService::IndependenceLife.label_ja(),
            "自立訓練(生活訓練)"
        );
    }

    #[test]
    fn reasons_serialise_as_their_codes() {
        let e = Eligibility {
            eligible: false,
            reasons: vec![Reason::NotOrdinaryEmployment, Reason::TooEarly],
        };
        assert_eq!(
            serde_json::to_value(&e).ok(),
            Some(serde_json::json!({
                "eligible": false,
                "reasons": ["not_ordinary_employment", "too_early"]
            }))
        );
    }

    /// domain.md §4: six services, a regular employer, 6 months after the hire, then 3 years.
    #[test]
    fn eligibility_table() {
        use PriorService as P;
        use Reason as R;
        // Hired 2026-08-31: window 2027-03-01 ..= 2030-02-28 (民法第143条: 2027-02-31 and
        // 2030-02-31 do not exist, so the periods end on February's last day; §9 item 12).
        let hire = date!(2026 - 08 - 31);
        type Case = (P, bool, Option<Date>, Date, &'static [Reason]);
        let cases: [Case; 12] = [
            (
                P::EmploymentTransition,
                true,
                None,
                date!(2027 - 03 - 01),
                &[],
            ),
            (P::ContinuousA, true, None, date!(2030 - 02 - 28), &[]),
            (P::ContinuousB, true, None, date!(2028 - 06 - 01), &[]),
            (P::LifeCare, true, None, date!(2028 - 06 - 01), &[]),
            (
                P::IndependenceFunctional,
                true,
                None,
                date!(2028 - 06 - 01),
                &[],
            ),
            (P::IndependenceLife, true, None, date!(2028 - 06 - 01), &[]),
            (
                P::EmploymentTransition,
                true,
                None,
                date!(2027 - 02 - 28),
                &[R::TooEarly],
            ),
            (
                P::EmploymentTransition,
                true,
                None,
                date!(2030 - 03 - 01),
                &[R::WindowEnded],
            ),
            (
                P::None,
                true,
                None,
                date!(2028 - 06 - 01),
                &[R::NoQualifyingPriorService],
            ),
            (
                P::LifeCare,
                false,
                None,
                date!(2028 - 06 - 01),
                &[R::NotOrdinaryEmployment],
            ),
            (
                P::None,
                false,
                None,
                date!(2026 - 09 - 01),
                &[
                    R::NoQualifyingPriorService,
                    R::NotOrdinaryEmployment,
                    R::TooEarly,
                ],
            ),
            // 復職 on 2030-01-15 after 休職: counted from the return, so eligible from
            // 2030-07-15 even though the hire window has ended.
            (
                P::EmploymentTransition,
                true,
                Some(date!(2030 - 01 - 15)),
                date!(2030 - 07 - 15),
                &[],
            ),
        ];
        for (prior, ordinary, back, as_of, expected) in cases {
            let e = eligibility(prior, ordinary, hire, back, as_of);
            assert_eq!(e.reasons, expected, "{} {ordinary} {as_of}", prior.code());
            assert_eq!(e.eligible, expected.is_empty());
        }
        // Before the return-to-work window starts, even though the hire was long ago.
        let e = eligibility(
            P::ContinuousA,
            true,
            date!(2020 - 04 - 01),
            Some(date!(2026 - 01 - 31)),
            date!(2026 - 07 - 30),
        );
        assert_eq!(e.reasons, [R::TooEarly]);
        let e = eligibility(
            P::None,
            false,
            date!(2020 - 04 - 01),
            None,
            date!(2026 - 01 - 01),
        );
        assert_eq!(
            e.reasons,
            [
                R::NoQualifyingPriorService,
                R::NotOrdinaryEmployment,
                R::WindowEnded
            ]
        );
    }
}
