use std::collections::BTreeMap;

use super::*;
use time::macros::date;

const TODAY: Date = date!(2026 - 11 - 27);

fn text(s: &str) -> Cell {
    if s.is_empty() {
        Cell::Empty
    } else {
        Cell::Text(s.to_string())
    }
}

fn headers() -> Vec<Cell> {
    template_headers().into_iter().map(text).collect()
}

/// A valid row in the template's column order, with the cells `changes` replaced.
fn row(changes: &[(&str, Cell)]) -> Vec<Cell> {
    let base: &[(&str, Cell)] = &[
        ("client_name", text("山田 花子")),
        ("kana", text("ヤマダ ハナコ")),
        ("birth_date", text("H7.5.5")),
        ("phone", Cell::Empty),
        ("email", Cell::Empty),
        ("address", Cell::Empty),
        ("disabilities", text("精神、発達障害")),
        ("prior_service", text("就労移行支援")),
        ("prior_office_name", text("就労移行支援事業所ひかり")),
        ("employer_name", text("株式会社サンプル")),
        ("workplace_address", text("宇都宮市")),
        ("supervisor_name", Cell::Empty),
        ("supervisor_contact", Cell::Empty),
        ("job_title", text("事務補助")),
        ("weekly_hours", Cell::Number(30.0)),
        ("ordinary_employment", text("はい")),
        ("hire_date", Cell::Number(45748.0)),
        ("return_to_work_date", Cell::Empty),
        ("certificate_number", text("０１２３４５６７８９")),
        ("municipality_code", Cell::Number(92015.0)),
        ("municipality_name", text("宇都宮市")),
        ("income_category", text("一般１")),
        ("monthly_cap_yen", Cell::Number(9300.0)),
        ("cap_manager_office", Cell::Empty),
        ("period_start", text("令和7年10月1日")),
        ("period_end", text("R8.9.30")),
        ("contract_date", text("2025/10/1")),
        ("start_date", text("2025-10-01")),
    ];
    COLUMNS
        .iter()
        .map(|c| {
            changes
                .iter()
                .chain(base)
                .find(|(k, _)| *k == c.code)
                .map(|(_, v)| v.clone())
                .unwrap_or(Cell::Empty)
        })
        .collect()
}

fn mapping() -> Mapping {
    let h: Vec<String> = template_headers().into_iter().map(String::from).collect();
    Mapping::guess(&h, &BTreeMap::new())
}

fn problems(r: &Row) -> Vec<(&'static str, &'static str)> {
    match &r.outcome {
        Outcome::Invalid(p) => p.clone(),
        other => panic!("row {} is {other:?}", r.line),
    }
}

#[test]
fn a_row_in_the_ways_offices_write_it_reads_as_the_forms_would() {
    let sheet = vec![headers(), row(&[])];
    let rows = read_rows(&sheet, &mapping(), &[], TODAY);
    let Outcome::New(input) = &rows[0].outcome else {
        panic!("{:?}", rows[0]);
    };
    assert_eq!(rows[0].line, 2);
    assert_eq!(input.client.kana, "やまだ はなこ");
    assert_eq!(input.client.birth_date, date!(1995 - 05 - 05));
    assert_eq!(input.client.disabilities_column(), "mental,developmental");
    let e = input.employment.as_ref().expect("employment");
    assert_eq!(e.hire_date, date!(2025 - 04 - 01), "Excel serial 45748");
    assert_eq!(input.certificate.number, "0123456789", "full-width digits");
    assert_eq!(
        input.certificate.municipality_code, "092015",
        "leading zero kept"
    );
    assert_eq!(input.certificate.income_category, "general1");
    assert_eq!(
        input.certificate.period,
        (date!(2025 - 10 - 01), date!(2026 - 09 - 30))
    );
    let c = input.contract.expect("contract");
    // 36 months from 2025-10-01 end on 2028-09-30, before the window's end 2028-09-30.
    assert_eq!(c.end, date!(2028 - 09 - 30));
}

#[test]
fn each_bad_cell_gets_the_forms_message_on_its_row_and_column() {
    let sheet = vec![
        headers(),
        row(&[("municipality_code", text("092016"))]),
        row(&[
            ("certificate_number", text("1111111111")),
            ("birth_date", text("H31.5.1")),
        ]),
        row(&[
            ("certificate_number", text("2222222222")),
            ("monthly_cap_yen", text("37,200")),
        ]),
        row(&[
            ("certificate_number", text("3333333333")),
            ("kana", text("yamada")),
            ("hire_date", text("令和7年2月30日")),
        ]),
        row(&[("certificate_number", text("4444444444"))]),
        row(&[("certificate_number", text("４４４４４４４４４４"))]),
    ];
    let rows = read_rows(&sheet, &mapping(), &[], TODAY);
    assert_eq!(
        problems(&rows[0]),
        vec![("municipality_code", "import.err.municipality_check_digit")]
    );
    assert_eq!(problems(&rows[1]), vec![("birth_date", "err.date")]);
    assert_eq!(
        problems(&rows[2]),
        vec![("monthly_cap_yen", "import.err.cap_for_category")],
        "一般1 is 9,300 yen (domain.md §5)"
    );
    let p = problems(&rows[3]);
    assert!(p.contains(&("kana", "err.kana")), "{p:?}");
    assert!(p.contains(&("hire_date", "err.date")), "{p:?}");
    assert!(matches!(rows[4].outcome, Outcome::New(_)));
    assert_eq!(
        problems(&rows[5]),
        vec![("certificate_number", "import.err.duplicate_in_file")],
        "the same number in full-width digits"
    );
    assert_eq!(rows[5].line, 7);
}

#[test]
fn a_registered_number_is_left_alone() {
    let sheet = vec![headers(), row(&[])];
    let rows = read_rows(&sheet, &mapping(), &["0123456789".to_string()], TODAY);
    assert_eq!(rows[0].outcome, Outcome::Exists);
}

#[test]
fn headers_are_matched_by_name_alias_or_what_the_office_chose_before() {
    let h: Vec<String> = ["利用者名", "フリガナ", "受給者番号", "メモ", "ｼｭｳｼｮｸﾋﾞ"]
        .into_iter()
        .map(String::from)
        .collect();
    let mut remembered = BTreeMap::new();
    remembered.insert("ｼｭｳｼｮｸﾋﾞ".to_string(), "hire_date".to_string());
    let m = Mapping::guess(&h, &remembered);
    let codes: Vec<Option<&str>> = m.0.iter().map(|c| c.map(|c| c.code)).collect();
    assert_eq!(
        codes,
        vec![
            Some("client_name"),
            Some("kana"),
            Some("certificate_number"),
            None,
            Some("hire_date")
        ]
    );
    let missing: Vec<&str> = m.problems().iter().map(|(c, _)| c.code).collect();
    assert!(missing.contains(&"birth_date"));
    assert_eq!(m.remembered(&h).len(), 4, "the unmapped メモ is not kept");
    let twice = Mapping::from_codes(&["kana".to_string(), "kana".to_string()]);
    assert!(
        twice
            .problems()
            .contains(&(column("kana").expect("known"), "import.err.mapped_twice"))
    );
}

#[test]
fn half_width_katakana_becomes_full_width() {
    assert_eq!(katakana_half_to_full("ﾔﾏﾀﾞ ﾊﾅｺ"), "ヤマダ ハナコ");
    assert_eq!(katakana_half_to_full("ﾎﾟﾝﾌﾟ"), "ポンプ");
    assert_eq!(katakana_half_to_full("ｳﾞｨ"), "ヴィ");
}

/// The caps by income category (domain.md §5: 生活保護 0, 低所得 0, 一般1 9,300, 一般2 37,200).
#[test]
fn the_cap_must_be_the_categorys() {
    let cases = [
        ("welfare", 0, None),
        ("low_income", 0, None),
        ("low_income", 9_300, Some("import.err.cap_for_category")),
        ("general1", 9_300, None),
        ("general2", 37_200, None),
        ("general2", 9_300, Some("import.err.cap_for_category")),
    ];
    for (category, cap, expected) in cases {
        let c = CertificateInput {
            number: "0123456789".into(),
            municipality_code: "092015".into(),
            municipality_name: "宇都宮市".into(),
            income_category: category.into(),
            monthly_cap_yen: cap,
            cap_manager_office: String::new(),
            period: (date!(2025 - 10 - 01), date!(2026 - 09 - 30)),
        };
        assert_eq!(certificate_problem(&c), expected, "{category} {cap}");
    }
}
