//! Staff (職員): roles, who may do what, and the rules for sign-in names and passwords.
//!
//! Roles (design.md §5): `admin` is organisation-wide; `manager` (サービス管理責任者/管理者)
//! and `supporter` (就労定着支援員) are held per office. A staff member sees only the offices
//! they belong to; an admin sees every office of the organisation.

use super::fields::{self, FieldErrors};

/// A role held in one office.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Manager,
    Supporter,
    /// 事務: intake, the client's file (受給者証, contracts, employment), not the content of
    /// support records (contacts, concerns, plans, reports, self-checks, notebook).
    Clerk,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Manager => "manager",
            Role::Supporter => "supporter",
            Role::Clerk => "clerk",
        }
    }
    pub fn parse(s: &str) -> Option<Role> {
        match s {
            "manager" => Some(Role::Manager),
            "supporter" => Some(Role::Supporter),
            "clerk" => Some(Role::Clerk),
            _ => None,
        }
    }
    /// The i18n key of the role's name.
    pub fn label_key(self) -> &'static str {
        match self {
            Role::Manager => "role.manager",
            Role::Supporter => "role.supporter",
            Role::Clerk => "role.clerk",
        }
    }
}

/// Membership of one office.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Membership {
    pub office_id: i64,
    pub role: Role,
}

/// The signed-in staff member, with everything authorisation needs.
#[derive(Debug, Clone)]
pub struct Principal {
    pub id: i64,
    pub organization_id: i64,
    pub login: String,
    pub display_name: String,
    pub is_admin: bool,
    pub memberships: Vec<Membership>,
}

impl Principal {
    /// May see the office and the clients in it.
    pub fn can_view_office(&self, office_id: i64) -> bool {
        self.is_admin || self.memberships.iter().any(|m| m.office_id == office_id)
    }
    /// May change the office's settings and manage its work (admin or the office's manager).
    pub fn can_manage_office(&self, office_id: i64) -> bool {
        self.is_admin
            || self
                .memberships
                .iter()
                .any(|m| m.office_id == office_id && m.role == Role::Manager)
    }
    /// May read and write the content of the office's support records (contacts, concerns,
    /// plans, reports, self-checks, notebook): admin, or the office's manager or supporter —
    /// not its clerk (事務).
    pub fn can_see_support_records(&self, office_id: i64) -> bool {
        self.is_admin
            || self
                .memberships
                .iter()
                .any(|m| m.office_id == office_id && m.role != Role::Clerk)
    }
    /// May prepare and lock the office's claims: admin, or the office's manager or clerk (事務).
    pub fn can_claim(&self, office_id: i64) -> bool {
        self.is_admin
            || self
                .memberships
                .iter()
                .any(|m| m.office_id == office_id && matches!(m.role, Role::Manager | Role::Clerk))
    }
    pub fn role_in(&self, office_id: i64) -> Option<Role> {
        self.memberships
            .iter()
            .find(|m| m.office_id == office_id)
            .map(|m| m.role)
    }
}

/// Minimum password length. NIST SP 800-63B asks for at least 8; staff accounts open
/// 要配慮個人情報, so we ask for more and allow long passphrases.
pub const PASSWORD_MIN_CHARS: usize = 12;
pub const PASSWORD_MAX_CHARS: usize = 256;

/// Checks a new password and its confirmation: its length, and its strength against a
/// guesser who knows `personal` (the login, the person's name, the organisation's name):
/// `domain::password::weakness`.
pub fn check_new_password(
    errors: &mut FieldErrors,
    password: &str,
    confirm: &str,
    personal: &[&str],
) {
    let n = password.chars().count();
    if n == 0 {
        errors.add("password", "err.required");
    } else if n < PASSWORD_MIN_CHARS {
        errors.add("password", "err.password_short");
    } else if n > PASSWORD_MAX_CHARS {
        errors.add("password", "err.too_long");
    } else if let Some(why) = super::password::weakness(password, personal) {
        errors.add("password", why);
    }
    if password != confirm {
        errors.add("password_confirm", "err.password_mismatch");
    }
}

/// A sign-in name: 3–64 characters of a-z, 0-9, `.`, `_`, `-`, `@` (so an email works).
/// Stored lower-case, so sign-in does not depend on case.
pub fn parse_login(errors: &mut FieldErrors, value: &str) -> String {
    let v = fields::normalize_ascii(value).to_lowercase();
    if v.is_empty() {
        errors.add("login", "err.required");
    } else if !(3..=64).contains(&v.len())
        || !v
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"._-@".contains(&b))
    {
        errors.add("login", "err.login_format");
    }
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    fn principal(is_admin: bool, memberships: Vec<Membership>) -> Principal {
        Principal {
            id: 1,
            organization_id: 1,
            login: "x".into(),
            display_name: "x".into(),
            is_admin,
            memberships,
        }
    }

    #[test]
    fn office_visibility_follows_membership() {
        let supporter = principal(
            false,
            vec![Membership {
                office_id: 1,
                role: Role::Supporter,
            }],
        );
        let manager = principal(
            false,
            vec![Membership {
                office_id: 2,
                role: Role::Manager,
            }],
        );
        let admin = principal(true, vec![]);
        // (who, office, can view, can manage)
        let cases = [
            (&supporter, 1, true, false),
            (&supporter, 2, false, false),
            (&manager, 2, true, true),
            (&manager, 1, false, false),
            (&admin, 1, true, true),
            (&admin, 99, true, true),
        ];
        for (who, office, view, manage) in cases {
            assert_eq!(who.can_view_office(office), view, "view {office}");
            assert_eq!(who.can_manage_office(office), manage, "manage {office}");
        }
    }

    #[test]
    fn password_rules() {
        let cases = [
            ("", "", Some("err.required")),
            ("short-pass1", "short-pass1", Some("err.password_short")),
            ("aaaaaaaaaaaa", "aaaaaaaaaaaa", Some("err.password_weak")),
            ("長いパスフレーズですよね", "長いパスフレーズですよね", None),
            ("correct horse battery", "correct horse battery", None),
        ];
        for (pw, confirm, expected) in cases {
            let mut e = FieldErrors::new();
            check_new_password(&mut e, pw, confirm, &["sato"]);
            assert_eq!(e.get("password"), expected, "{pw:?}");
        }
        let mut e = FieldErrors::new();
        check_new_password(&mut e, "correct horse battery", "correct horse batter", &[]);
        assert_eq!(e.get("password_confirm"), Some("err.password_mismatch"));
    }

    #[test]
    fn login_names_are_lower_case_ascii() {
        let mut e = FieldErrors::new();
        assert_eq!(parse_login(&mut e, " Ｓａｔｏ.K "), "sato.k");
        assert!(e.is_empty());
        for bad in ["ab", "佐藤", "a b c", "x;drop"] {
            let mut e = FieldErrors::new();
            parse_login(&mut e, bad);
            assert_eq!(e.get("login"), Some("err.login_format"), "{bad}");
        }
    }
}
