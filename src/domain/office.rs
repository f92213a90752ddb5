//! 事業所 (office): what an office record must hold, and how a form becomes one.
use serde::Deserialize;

use super::fields::{self, FieldErrors};

/// The 47 prefectures, in the JIS X 0401 order (北海道 = 01 … 沖縄県 = 47).
pub const PREFECTURES: [&str; 47] = [
    "北海道",
    "青森県",
    "岩手県",
    "宮城県",
    "秋田県",
    "山形県",
    "福島県",
    "茨城県",
    "栃木県",
    "群馬県",
    "埼玉県",
    "千葉県",
    "東京都",
    "神奈川県",
    "新潟県",
    "富山県",
    "石川県",
    "福井県",
    "山梨県",
    "長野県",
    "岐阜県",
    "静岡県",
    "愛知県",
    "三重県",
    "滋賀県",
    "京都府",
    "大阪府",
    "兵庫県",
    "奈良県",
    "和歌山県",
    "鳥取県",
    "島根県",
    "岡山県",
    "広島県",
    "山口県",
    "徳島県",
    "香川県",
    "愛媛県",
    "高知県",
    "福岡県",
    "佐賀県",
    "長崎県",
    "熊本県",
    "大分県",
    "宮崎県",
    "鹿児島県",
    "沖縄県",
];

/// The office form as typed.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct OfficeForm {
    pub name: String,
    pub office_number: String,
    pub prefecture: String,
    pub address: String,
    pub nearest_station: String,
    pub phone: String,
    pub email: String,
    pub hours: String,
    pub services: String,
    /// "1" when the office is shown on the public site.
    pub published: String,
    pub plan_review_months: String,
    /// "1" when printed documents are dated in the era calendar (和暦, `domain::era`).
    pub era_dates: String,
}

/// A valid office.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OfficeInput {
    pub name: String,
    /// 事業所番号: 10 digits (domain.md §7.3); optional until the office is designated.
    pub office_number: Option<String>,
    pub prefecture: String,
    pub address: String,
    pub nearest_station: String,
    pub phone: String,
    pub email: String,
    /// 営業時間, as people write it (e.g. 平日 9:00〜18:00).
    pub hours: String,
    /// The services offered, for the public office page.
    pub services: String,
    /// Shown on the public site (事業所を探す).
    pub published: bool,
    /// Months between support plan reviews (domain.md §3: UNCONFIRMED, so an office setting;
    /// 3 by default, at most 12).
    pub plan_review_months: i64,
}

impl OfficeForm {
    /// Printed documents dated in the era calendar (和暦).
    pub fn era_dates(&self) -> bool {
        self.era_dates == "1"
    }

    pub fn parse(&self) -> Result<OfficeInput, FieldErrors> {
        let mut e = FieldErrors::new();
        let name = fields::required_text(&mut e, "name", &self.name, 100);
        let office_number = fields::digits(&mut e, "office_number", &self.office_number, 10, false);
        let prefecture = self.prefecture.trim().to_string();
        if prefecture.is_empty() {
            e.add("prefecture", "err.required");
        } else if !PREFECTURES.contains(&prefecture.as_str()) {
            e.add("prefecture", "err.prefecture");
        }
        let address = fields::required_text(&mut e, "address", &self.address, 200);
        let nearest_station =
            fields::optional_text(&mut e, "nearest_station", &self.nearest_station, 100);
        let phone = fields::phone(&mut e, "phone", &self.phone, true);
        let email = fields::email(&mut e, "email", &self.email, false);
        let hours = fields::optional_text(&mut e, "hours", &self.hours, 200);
        let services = fields::optional_multiline(&mut e, "services", &self.services, 2000);
        let published = self.published == "1";
        let plan_review_months = if self.plan_review_months.trim().is_empty() {
            Some(3)
        } else {
            fields::integer(
                &mut e,
                "plan_review_months",
                &self.plan_review_months,
                1,
                12,
                true,
            )
        };
        e.into_result(OfficeInput {
            name,
            office_number,
            prefecture,
            address,
            nearest_station,
            phone,
            email,
            hours,
            services,
            published,
            plan_review_months: plan_review_months.unwrap_or(3),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form() -> OfficeForm {
        OfficeForm {
            name: "西船橋".into(),
            office_number: "１２１２３４５６７８".into(),
            prefecture: "千葉県".into(),
            address: "船橋市西船4-1-1".into(),
            nearest_station: "西船橋駅".into(),
            phone: "047-000-0000".into(),
            email: "".into(),
            ..Default::default()
        }
    }

    #[test]
    fn a_complete_form_parses_and_normalises_digits() {
        let office = form().parse().expect("valid");
        assert_eq!(office.office_number.as_deref(), Some("1212345678"));
        assert_eq!(office.prefecture, "千葉県");
    }

    #[test]
    fn each_bad_field_gets_its_own_message() {
        let bad = OfficeForm {
            name: " ".into(),
            office_number: "12345".into(),
            prefecture: "千葉".into(),
            phone: "abc".into(),
            email: "x@".into(),
            ..form()
        };
        let e = bad.parse().unwrap_err();
        assert_eq!(e.get("name"), Some("err.required"));
        assert_eq!(e.get("office_number"), Some("err.digits10"));
        assert_eq!(e.get("prefecture"), Some("err.prefecture"));
        assert_eq!(e.get("phone"), Some("err.phone"));
        assert_eq!(e.get("email"), Some("err.email"));
        assert_eq!(e.get("address"), None);
    }

    #[test]
    fn there_are_47_distinct_prefectures() {
        let mut p = PREFECTURES.to_vec();
        p.sort();
        p.dedup();
        assert_eq!(p.len(), 47);
    }
}
