//! The administrator's first day: the steps that make a new installation usable, in the
//! order each depends on the one before (事業所 → 地域区分 → 職員 → 請求マスタ → 利用者). The
//! home page shows the list until every step is done; each step says whether it is done from
//! the records themselves, so nothing has to be ticked off by hand.

/// What the records say about each step (read by `store::organizations::first_day_facts`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct FirstDayFacts {
    /// The first office, when there is one (the later steps link into it).
    pub first_office: Option<i64>,
    /// A 地域区分 was recorded for an office (a dated grade, `office_area_grades`).
    pub area_grade_set: bool,
    /// A staff account besides the administrator(s).
    pub staff_added: bool,
    /// A service code entered in the claim master for a reward item (the 国保連 file needs
    /// them; the サービス種類 code 47 comes with the installation and does not count).
    pub service_codes_entered: bool,
    /// A client registered.
    pub client_added: bool,
}

/// One step: its i18n key (`setup.step.<code>` and `setup.step.<code>_help`), where to do it,
/// and whether it is done.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step {
    pub code: &'static str,
    pub href: String,
    pub done: bool,
}

/// The steps in order, or `None` once all are done (the list is no longer shown).
pub fn checklist(f: &FirstDayFacts) -> Option<Vec<Step>> {
    let office = |path: &str| match f.first_office {
        Some(id) => format!("/offices/{id}{path}"),
        None => "/offices/new".to_string(),
    };
    let steps = vec![
        Step {
            code: "office",
            href: "/offices/new".to_string(),
            done: f.first_office.is_some(),
        },
        Step {
            code: "area_grade",
            href: office("/claim-settings"),
            done: f.area_grade_set,
        },
        Step {
            code: "staff",
            href: "/staff/new".to_string(),
            done: f.staff_added,
        },
        Step {
            code: "claim_master",
            href: "/admin/claim-master".to_string(),
            done: f.service_codes_entered,
        },
        Step {
            code: "client",
            href: office("/clients/new"),
            done: f.client_added,
        },
    ];
    (!steps.iter().all(|s| s.done)).then_some(steps)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_steps_run_in_order_and_link_into_the_first_office() {
        let none = checklist(&FirstDayFacts::default()).expect("shown");
        let codes: Vec<&str> = none.iter().map(|s| s.code).collect();
        assert_eq!(
            codes,
            ["office", "area_grade", "staff", "claim_master", "client"]
        );
        assert!(none.iter().all(|s| !s.done));
        assert_eq!(
            none[1].href, "/offices/new",
            "no office yet: make one first"
        );
        let some = checklist(&FirstDayFacts {
            first_office: Some(7),
            staff_added: true,
            ..Default::default()
        })
        .expect("shown");
        let done: Vec<bool> = some.iter().map(|s| s.done).collect();
        assert_eq!(done, [true, false, true, false, false]);
        assert_eq!(some[1].href, "/offices/7/claim-settings");
        assert_eq!(some[4].href, "/offices/7/clients/new");
    }

    #[test]
    fn the_list_goes_away_when_every_step_is_done() {
        let all = FirstDayFacts {
            first_office: Some(1),
            area_grade_set: true,
            staff_added: true,
            service_codes_entered: true,
            client_added: true,
        };
        assert_eq!(checklist(&all), None);
        for missing in 0..5 {
            let mut f = all;
            match missing {
                0 => f.first_office = None,
                1 => f.area_grade_set = false,
                2 => f.staff_added = false,
                3 => f.service_codes_entered = false,
                _ => f.client_added = false,
            }
            assert!(checklist(&f).is_some(), "step {missing} missing");
        }
    }
}
