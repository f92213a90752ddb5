//! The property of issue 19: on generated client-months, the claim and the month at a glance
//! agree, and both agree with a plain, separately written reading of the rules.
//!
//! A seeded xorshift generates 60 months × 25 clients = 1,500 client-months with random
//! employment (some not eligible, some back from leave), certificate periods, contracts,
//! contacts (kind, day, whether the client took part), reports, hand-overs, meetings and
//! caps. The rows are shaped as the stores return them (the claim reads only the periods
//! overlapping the month, the month view all of them; contracts that started by the month's
//! end; the month's contacts), then go through the real code paths: [`super::compute`] for
//! the claim and `web::support::compliance::rows_from` for the month view. The oracle below walks the
//! month day by day instead of calling `client_month::decide`, so a mistake in the one
//! function fails here too.
use std::collections::HashMap;

use time::{Date, Duration, OffsetDateTime, Time};

use super::{MonthInput, RetentionRate, compute};
use crate::clock::JST;
use crate::domain::claim::Adjustment;
use crate::domain::client_month::Unmet;
use crate::domain::compliance::Item;
use crate::domain::month::YearMonth;
use crate::domain::rules::eligibility::Reason;
use crate::domain::rules::period::{add_months, handover_due, service_window};
use crate::store::claims as store;
use crate::store::client_month::{ContactRow, Gathered, ReportRow};
use crate::store::compliance as month_store;
use crate::web::support::compliance::rows_from;

/// xorshift64*: small, fast and the same on every machine.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    /// 0..n
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
    fn range(&mut self, lo: i64, hi: i64) -> i64 {
        lo + i64::try_from(self.below(u64::try_from(hi - lo + 1).unwrap_or(1))).unwrap_or(0)
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
    fn pick<T: Copy>(&mut self, xs: &[T]) -> T {
        xs[usize::try_from(self.below(xs.len() as u64)).unwrap_or(0)]
    }
}

const OFFICE: i64 = 1;
const OFFICE_NUMBER: &str = "1212345678";
const MODES: [&str; 4] = ["face_to_face", "workplace_visit", "phone", "online"];
const PARTICIPANTS: [&str; 6] = [
    "client",
    "client,supervisor",
    "supervisor",
    "supervisor,hr",
    "family",
    "hr,client",
];
const PRIOR: [&str; 7] = [
    "employment_transition",
    "continuous_a",
    "continuous_b",
    "life_care",
    "independence_functional",
    "independence_life",
    "none",
];

/// One generated client-month, in the terms of the records.
#[derive(Debug, Clone)]
struct World {
    id: i64,
    prior: &'static str,
    hire: Date,
    rtw: Option<Date>,
    ordinary: bool,
    integrated: bool,
    periods: Vec<(Date, Date)>,
    contracts: Vec<(Date, Date)>,
    /// (day, mode, participants) in the month.
    contacts: Vec<(Date, &'static str, &'static str)>,
    /// (status, day shared with the client) of each version of the month's report.
    reports: Vec<(&'static str, Option<Date>)>,
    handovers: Vec<Date>,
    /// (day, kind) of 地域連携会議 from the fiscal year's start to the month's end.
    meetings: Vec<(Date, &'static str)>,
    cap_yen: i64,
    cap_manager: &'static str,
    cap_result: Option<i64>,
}

fn day(first: Date, offset: i64) -> Date {
    first + Duration::days(offset)
}

fn generate(rng: &mut Rng, id: i64, first: Date, last: Date) -> World {
    let len = (last - first).whole_days();
    // Hired between 45 and 5 months before the month: before, in and after the window.
    let hire = day(
        add_months(first, -i32::try_from(rng.range(5, 45)).unwrap_or(12)),
        rng.range(0, 27),
    );
    let rtw = rng
        .chance(10)
        .then(|| day(hire, rng.range(60, 500)))
        .filter(|d| *d < last);
    let span = |rng: &mut Rng| {
        let s = day(first, rng.range(-60, len + 10));
        (s, day(s, rng.range(0, 400)))
    };
    let periods = (0..rng.range(0, 2)).map(|_| span(rng)).collect();
    let contracts = (0..rng.range(0, 2)).map(|_| span(rng)).collect();
    let contacts = (0..rng.range(0, 4))
        .map(|_| {
            (
                day(first, rng.range(0, len)),
                rng.pick(&MODES),
                rng.pick(&PARTICIPANTS),
            )
        })
        .collect();
    let reports = (0..rng.range(0, 2))
        .map(|_| {
            let status = rng.pick(&["draft", "final", "final"]);
            let shared = rng.chance(70).then(|| day(first, rng.range(0, len + 15)));
            (status, shared)
        })
        .collect();
    let window = service_window(hire, rtw);
    let line = handover_due(&window);
    let handovers = (0..rng.range(0, 2))
        .map(|_| day(line, rng.range(-90, 60)))
        .collect();
    let fy_first = crate::domain::retention::fiscal_year_bounds(
        crate::domain::retention::fiscal_year_of(first),
    )
    .0;
    let meetings = (0..rng.range(0, 3))
        .map(|_| {
            let span = (last - fy_first).whole_days();
            (day(fy_first, rng.range(0, span)), rng.pick(&["1", "2"]))
        })
        .collect();
    World {
        id,
        prior: rng.pick(&PRIOR[..]),
        hire,
        rtw,
        ordinary: rng.chance(90),
        integrated: rng.chance(50),
        periods,
        contracts,
        contacts,
        reports,
        handovers,
        meetings,
        cap_yen: rng.pick(&[0, 9_300, 37_200]),
        cap_manager: rng.pick(&["", "", OFFICE_NUMBER, "1299999999"]),
        cap_result: rng.chance(50).then(|| rng.range(1, 3)),
    }
}

/// What the rules say, read plainly: walk the month's days.
struct Expected {
    served: bool,
    claimable: bool,
    /// 支援体制構築未実施減算 applies to the month (claimed or not).
    reduction: bool,
    initial: bool,
    unmet: Vec<Unmet>,
}

fn oracle(w: &World, first: Date, last: Date) -> Expected {
    let window = service_window(w.hire, w.rtw);
    let in_window = |d: Date| window.earliest_start <= d && d <= window.latest_end;
    let mut days = Vec::new();
    let mut d = first;
    while d <= last {
        days.push(d);
        match d.next_day() {
            Some(next) => d = next,
            None => break,
        }
    }
    let served = days.iter().any(|d| in_window(*d));
    let in_any = |rs: &[(Date, Date)], d: Date| rs.iter().any(|(s, e)| *s <= d && d <= *e);
    let service_days: Vec<Date> = days.iter().copied().filter(|d| in_window(*d)).collect();
    let mut unmet = Vec::new();
    if w.prior == "none" {
        unmet.push(Unmet::NotEligible(Reason::NoQualifyingPriorService));
    }
    if !w.ordinary {
        unmet.push(Unmet::NotEligible(Reason::NotOrdinaryEmployment));
    }
    let certificate = service_days.iter().any(|d| in_any(&w.periods, *d));
    let contract = service_days.iter().any(|d| in_any(&w.contracts, *d));
    if !certificate {
        unmet.push(Unmet::NoCertificate);
    }
    if !contract {
        unmet.push(Unmet::NoContract);
    }
    let in_person: Vec<&(Date, &str, &str)> = w
        .contacts
        .iter()
        .filter(|(_, mode, _)| *mode == "face_to_face" || *mode == "workplace_visit")
        .collect();
    let with_client: Vec<&&(Date, &str, &str)> = in_person
        .iter()
        .filter(|(_, _, who)| who.split(',').any(|p| p == "client"))
        .collect();
    let met_on_good_day = with_client.iter().any(|(d, _, _)| {
        service_days.contains(d) && in_any(&w.periods, *d) && in_any(&w.contracts, *d)
    });
    if in_person.is_empty() {
        unmet.push(Unmet::NoFaceToFace);
    } else if with_client.is_empty() {
        unmet.push(Unmet::MetWithoutClient);
    } else if !met_on_good_day && certificate && contract {
        unmet.push(Unmet::MetOnUncoveredDay);
    }
    let finals: Vec<_> = w.reports.iter().filter(|(s, _)| *s == "final").collect();
    if finals.is_empty() {
        unmet.push(Unmet::ReportNotFinal);
    } else if !finals.iter().any(|(_, shared)| shared.is_some()) {
        unmet.push(Unmet::ReportNotShared);
    }
    let line = handover_due(&window);
    let reduction = last >= line && !w.handovers.iter().any(|h| *h <= line);
    let contract_start = w
        .contracts
        .iter()
        .filter(|(s, _)| *s <= last)
        .map(|(s, _)| *s)
        .min();
    let initial = !w.integrated
        && contract_start.is_some_and(|s| s.year() == first.year() && s.month() == first.month());
    Expected {
        served,
        claimable: served && unmet.is_empty(),
        reduction,
        initial,
        unmet,
    }
}

fn at_ten_jst(d: Date) -> OffsetDateTime {
    d.with_time(Time::from_hms(10, 0, 0).unwrap_or(Time::MIDNIGHT))
        .assume_offset(JST)
}

/// The shared rows as the store's queries return them.
fn gathered(worlds: &[World], first: Date, last: Date) -> Gathered {
    let mut contracts = Vec::new();
    let mut contacts = Vec::new();
    let mut handovers = Vec::new();
    let mut reports = Vec::new();
    for w in worlds {
        for (s, e) in &w.contracts {
            if *s <= last {
                contracts.push((w.id, OFFICE, *s, *e));
            }
        }
        for (d, mode, who) in &w.contacts {
            if first <= *d && *d <= last {
                contacts.push(ContactRow {
                    client_id: w.id,
                    office_id: OFFICE,
                    day: *d,
                    mode: (*mode).to_string(),
                    client_present: format!(",{who},").contains(",client,"),
                });
            }
        }
        handovers.extend(w.handovers.iter().map(|d| (w.id, at_ten_jst(*d))));
        reports.extend(w.reports.iter().map(|(status, shared)| ReportRow {
            client_id: w.id,
            status: (*status).to_string(),
            shared_on: *shared,
        }));
    }
    Gathered::index(contracts, contacts, handovers, reports)
}

fn claim_input(worlds: &[World], first: Date, last: Date) -> MonthInput {
    let master_row =
        |id: i64, item: &str, units: Option<i64>, percent: Option<i64>| store::MasterRow {
            id,
            item: item.to_string(),
            valid_from: Date::MIN,
            valid_to: None,
            units,
            percent,
            service_code: format!("47{id:04}"),
            source: String::new(),
            confirmed: true,
            note: String::new(),
            sample: false,
        };
    let master = Adjustment::ALL
        .iter()
        .enumerate()
        .map(|(i, a)| {
            let id = i64::try_from(i).unwrap_or(0) + 1;
            if a.is_reduction() {
                master_row(
                    id,
                    a.code(),
                    None,
                    Some(if *a == Adjustment::NoSupportSystem {
                        10
                    } else {
                        1
                    }),
                )
            } else {
                master_row(id, a.code(), Some(100 + id), None)
            }
        })
        .collect();
    let mut rows = store::MonthRows {
        shared: gathered(worlds, first, last),
        ..store::MonthRows::default()
    };
    for w in worlds {
        rows.clients.push(store::ClientRow {
            id: w.id,
            office_id: OFFICE,
            name: format!("利用者{}", w.id),
            kana: format!("りようしゃ{:05}", w.id),
            birth_date: Date::MIN,
            prior_office_integrated: w.integrated,
            prior_service: w.prior.to_string(),
            hire_date: Some(w.hire),
            return_to_work_date: w.rtw,
            ordinary_employment: Some(w.ordinary),
        });
        // The claim reads the periods overlapping the month, newest first.
        let mut periods: Vec<&(Date, Date)> = w
            .periods
            .iter()
            .filter(|(s, e)| *s <= last && *e >= first)
            .collect();
        periods.sort_by_key(|p| std::cmp::Reverse(p.0));
        for (s, e) in periods {
            rows.certificates.push(store::CertificateRow {
                client_id: w.id,
                certificate_id: w.id,
                number: format!("{:010}", w.id),
                municipality_code: "122044".into(),
                municipality_name: "船橋市".into(),
                monthly_cap_yen: w.cap_yen,
                cap_manager_office: w.cap_manager.into(),
                start_date: *s,
                end_date: *e,
            });
        }
        for (d, kind) in &w.meetings {
            rows.meetings.push((w.id, OFFICE, *d, (*kind).to_string()));
        }
        if let Some(code) = w.cap_result {
            rows.cap_results.push(store::CapResultRow {
                id: w.id,
                client_id: w.id,
                office_id: OFFICE,
                result: code,
                amount_yen: 0,
            });
        }
    }
    MonthInput {
        first,
        last,
        offices: vec![store::OfficeRow {
            id: OFFICE,
            name: "西船橋".into(),
            office_number: Some(OFFICE_NUMBER.into()),
            area_grade: "3".into(),
        }],
        master,
        prices: vec![store::PriceRow {
            id: 1,
            area_grade: "3".into(),
            valid_from: Date::MIN,
            valid_to: None,
            hundredths: 1105,
            source: String::new(),
            confirmed: true,
            note: String::new(),
        }],
        settings: Vec::new(),
        rates: HashMap::from([(
            OFFICE,
            RetentionRate {
                fiscal_year: 2026,
                served: 10,
                retained: 10,
                filed: true,
                frozen_in: None,
                records_now: None,
                tier_label: None,
                units: None,
            },
        )]),
        first_contracts: HashMap::new(),
        rows,
        moves: HashMap::new(),
        first_starts: HashMap::new(),
        elsewhere: HashMap::new(),
    }
}

fn month_facts(worlds: &[World], first: Date, last: Date) -> month_store::MonthFacts {
    let mut f = month_store::MonthFacts {
        office_id: OFFICE,
        shared: gathered(worlds, first, last),
        ..month_store::MonthFacts::default()
    };
    for w in worlds {
        f.clients.push(month_store::ClientRow {
            id: w.id,
            name: format!("利用者{}", w.id),
            kana: String::new(),
            supporter_id: None,
            supporter_name: None,
            prior_service: w.prior.to_string(),
            hire_date: Some(w.hire),
            return_to_work_date: w.rtw,
            ordinary_employment: Some(w.ordinary),
        });
        // The month view reads every period.
        f.periods.insert(w.id, w.periods.clone());
    }
    f
}

const ALL_UNMET: [Unmet; 9] = [
    Unmet::NotEligible(Reason::NoQualifyingPriorService),
    Unmet::NotEligible(Reason::NotOrdinaryEmployment),
    Unmet::NoCertificate,
    Unmet::NoContract,
    Unmet::NoFaceToFace,
    Unmet::MetWithoutClient,
    Unmet::MetOnUncoveredDay,
    Unmet::ReportNotFinal,
    Unmet::ReportNotShared,
];

#[test]
fn the_claim_and_the_month_view_agree_on_generated_months() {
    let mut rng = Rng(0x5EED_1905_2026_0001);
    let (mut cases, mut served, mut claimable, mut reduced) = (0, 0, 0, 0);
    let mut seen_unmet: HashMap<&'static str, usize> = HashMap::new();
    for batch in 0..60 {
        let month = u8::try_from(rng.range(1, 12)).unwrap_or(10);
        let year = i32::try_from(rng.range(2026, 2027)).unwrap_or(2026);
        let (first, last) = YearMonth::new(year, month)
            .expect("a month of 2026–2027")
            .bounds();
        let today = day(first, rng.range(0, 45));
        let worlds: Vec<World> = (0..25)
            .map(|i| generate(&mut rng, batch * 100 + i + 1, first, last))
            .collect();
        let claim = compute(&claim_input(&worlds, first, last));
        let office = claim.first().expect("the office's claim");
        let rows = rows_from(&month_facts(&worlds, first, last), first, last, today);
        for w in &worlds {
            cases += 1;
            let e = oracle(w, first, last);
            let c = office.clients.iter().find(|c| c.client_id == w.id);
            let r = rows.iter().find(|r| r.client_id == w.id);
            let what = format!("{first} {w:?}");
            assert_eq!(c.is_some(), e.served, "claim served: {what}");
            assert_eq!(r.is_some(), e.served, "month served: {what}");
            let (Some(c), Some(r)) = (c, r) else { continue };
            served += 1;
            // The verdict and its reasons, in the same order on both pages.
            let claim_reasons: Vec<Unmet> = c
                .blockers
                .iter()
                .filter_map(|k| ALL_UNMET.into_iter().find(|u| u.claim_key() == k))
                .collect();
            let month_reasons: Vec<Unmet> = r
                .items
                .iter()
                .filter_map(|i| match i {
                    Item::Unmet(u) => Some(*u),
                    _ => None,
                })
                .collect();
            assert_eq!(claim_reasons, e.unmet, "claim reasons: {what}");
            assert_eq!(month_reasons, e.unmet, "month reasons: {what}");
            assert_eq!(c.blockers.len(), claim_reasons.len(), "{what}");
            assert_eq!(c.claimable(), e.claimable, "claim verdict: {what}");
            assert_eq!(r.green(), e.claimable, "month verdict: {what}");
            // The 減算: the month view shows it exactly when the claim applies it.
            let has = |item: &str| c.lines.iter().any(|l| l.item == item);
            let shows_missed = r
                .items
                .iter()
                .any(|i| matches!(i, Item::HandoverMissed { .. }));
            assert_eq!(shows_missed, e.reduction, "month hand-over: {what}");
            assert_eq!(
                has("no_support_system"),
                e.claimable && e.reduction,
                "claim 減算: {what}"
            );
            assert_eq!(has("base"), e.claimable, "{what}");
            assert_eq!(has("initial"), e.claimable && e.initial, "{what}");
            if e.claimable {
                claimable += 1;
                // The 減算 takes 10 % of the base, rounded half up.
                let base = c.lines.iter().find(|l| l.item == "base").map(|l| l.units);
                let cut = c
                    .lines
                    .iter()
                    .find(|l| l.item == "no_support_system")
                    .map(|l| l.units);
                if let (Some(base), Some(cut)) = (base, cut) {
                    assert_eq!(base + cut, (base * 90 + 50) / 100, "{what}");
                    reduced += 1;
                }
            }
            for u in &e.unmet {
                *seen_unmet.entry(u.claim_key()).or_default() += 1;
            }
        }
    }
    // The generator reaches every case that matters.
    assert!(cases >= 1_000, "{cases} client-months");
    assert!(served >= 500, "{served} served");
    assert!(claimable >= 30, "{claimable} claimable");
    assert!(reduced >= 3, "{reduced} reduced");
    for u in ALL_UNMET {
        assert!(
            seen_unmet.get(u.claim_key()).copied().unwrap_or(0) >= 5,
            "{u:?} seen {:?} times",
            seen_unmet.get(u.claim_key())
        );
    }
}
