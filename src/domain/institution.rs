//! 関係機関 (institutions): the office's directory of the medical, welfare and employment
//! agencies a supporter works with, and the form that adds or edits one. Consents can name
//! an institution of this directory as their recipient.

use serde::Deserialize;

use super::fields::{self, FieldErrors};

/// The kinds of institution, in the order the form lists them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// 医療機関: the clinic or hospital, the 主治医.
    Medical,
    /// 福祉機関: 相談支援事業所, the municipality's welfare office.
    Welfare,
    /// 障害者就業・生活支援センター (なかぽつ).
    Nakapotsu,
    /// ハローワーク.
    HelloWork,
    /// 地域障害者職業センター (ジョブコーチ).
    VocationalCenter,
    Other,
}

impl Kind {
    pub const ALL: [Kind; 6] = [
        Kind::Medical,
        Kind::Welfare,
        Kind::Nakapotsu,
        Kind::HelloWork,
        Kind::VocationalCenter,
        Kind::Other,
    ];
    /// The `institutions.kind` column value.
    pub fn code(self) -> &'static str {
        match self {
            Kind::Medical => "medical",
            Kind::Welfare => "welfare",
            Kind::Nakapotsu => "nakapotsu",
            Kind::HelloWork => "hello_work",
            Kind::VocationalCenter => "vocational_center",
            Kind::Other => "other",
        }
    }
    pub fn parse(code: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.code() == code)
    }
    /// The i18n key of its name.
    pub fn label_key(self) -> &'static str {
        match self {
            Kind::Medical => "institution.kind.medical",
            Kind::Welfare => "institution.kind.welfare",
            Kind::Nakapotsu => "institution.kind.nakapotsu",
            Kind::HelloWork => "institution.kind.hello_work",
            Kind::VocationalCenter => "institution.kind.vocational_center",
            Kind::Other => "institution.kind.other",
        }
    }
}

/// The institution form as typed. Field names carry an `institution_` prefix where a plain
/// name (`name`, `notes`) already has another label.
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(default)]
pub struct InstitutionForm {
    pub institution_name: String,
    pub institution_kind: String,
    pub contact_person: String,
    pub phone: String,
    pub email: String,
    pub address: String,
    pub institution_notes: String,
}

/// A valid institution, ready to store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InstitutionInput {
    pub name: String,
    pub kind: Kind,
    pub contact_person: String,
    pub phone: String,
    pub email: String,
    pub address: String,
    pub notes: String,
}

impl InstitutionForm {
    pub fn parse(&self) -> Result<InstitutionInput, FieldErrors> {
        let mut e = FieldErrors::new();
        let name = fields::required_text(&mut e, "institution_name", &self.institution_name, 100);
        let kind = Kind::parse(self.institution_kind.trim());
        if kind.is_none() {
            e.add("institution_kind", "err.choose");
        }
        let contact_person =
            fields::optional_text(&mut e, "contact_person", &self.contact_person, 100);
        let phone = fields::phone(&mut e, "phone", &self.phone, false);
        let email = fields::email(&mut e, "email", &self.email, false);
        let address = fields::optional_text(&mut e, "address", &self.address, 200);
        let notes =
            fields::optional_multiline(&mut e, "institution_notes", &self.institution_notes, 2000);
        match kind {
            Some(kind) if e.is_empty() => Ok(InstitutionInput {
                name,
                kind,
                contact_person,
                phone,
                email,
                address,
                notes,
            }),
            _ => Err(e),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_round_trip() {
        for k in Kind::ALL {
            assert_eq!(Kind::parse(k.code()), Some(k));
        }
        assert_eq!(Kind::parse("school"), None);
    }

    #[test]
    fn the_form_needs_a_name_and_a_kind() {
        let e = InstitutionForm {
            phone: "123".into(),
            email: "not an address".into(),
            ..Default::default()
        }
        .parse()
        .unwrap_err();
        assert_eq!(e.get("institution_name"), Some("err.required"));
        assert_eq!(e.get("institution_kind"), Some("err.choose"));
        assert_eq!(e.get("phone"), Some("err.phone"));
        assert_eq!(e.get("email"), Some("err.email"));

        let ok = InstitutionForm {
            institution_name: " 船橋障害者就業・生活支援センター ".into(),
            institution_kind: "nakapotsu".into(),
            phone: "０４７－０００－００００".into(),
            ..Default::default()
        }
        .parse()
        .expect("valid");
        assert_eq!(ok.name, "船橋障害者就業・生活支援センター");
        assert_eq!(ok.kind, Kind::Nakapotsu);
        assert_eq!(ok.phone, "047-000-0000");
    }
}
