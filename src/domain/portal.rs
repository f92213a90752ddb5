//! The client and the employer contact inside Teichaku (issue 11): who they are once signed
//! in, their accounts' states, and the one-time links that invite them or sign them in.
//!
//! Neither ever gets a password typed by staff. Staff invite them; the invitation is a
//! one-time link (valid `INVITE_DAYS`), handed over on an A4 sheet with a QR code or sent by
//! email. On it the person sets a passphrase; later they sign in with the short sign-in ID
//! printed on the sheet and that passphrase, or ask for a one-time sign-in link by email
//! (valid `SIGN_IN_LINK_MINUTES`).

use time::{Date, Duration, OffsetDateTime};

/// How long an invitation link stays valid (issue 11: 7 days).
pub const INVITE_DAYS: i64 = 7;
/// How long an emailed sign-in link stays valid.
pub const SIGN_IN_LINK_MINUTES: i64 = 15;
/// A client whose service ended keeps read access to their own past for this many days,
/// then the account closes (issue 11, "Bad input and edges").
pub const READ_ACCESS_DAYS_AFTER_END: i64 = 90;
/// A client's or employer contact's passphrase: at least this many characters. Shorter than
/// staff passwords (they open one person's own record, not an office's), long enough for a
/// phrase ("あさごはんをたべる" is 9).
pub const PASSPHRASE_MIN_CHARS: usize = 8;

/// A portal account's state (`client_accounts.status`, `employer_contacts.status`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AccountStatus {
    /// Invited; no passphrase yet.
    Invited,
    Active,
    /// Stopped by staff.
    Revoked,
    /// Closed after the end of service (clients) or when no client is linked any more.
    Closed,
}

impl AccountStatus {
    pub const ALL: [AccountStatus; 4] = [
        AccountStatus::Invited,
        AccountStatus::Active,
        AccountStatus::Revoked,
        AccountStatus::Closed,
    ];
    pub fn code(self) -> &'static str {
        match self {
            AccountStatus::Invited => "invited",
            AccountStatus::Active => "active",
            AccountStatus::Revoked => "revoked",
            AccountStatus::Closed => "closed",
        }
    }
    pub fn parse(code: &str) -> Option<AccountStatus> {
        AccountStatus::ALL.into_iter().find(|s| s.code() == code)
    }
    pub fn label_key(self) -> &'static str {
        match self {
            AccountStatus::Invited => "portal.status.invited",
            AccountStatus::Active => "portal.status.active",
            AccountStatus::Revoked => "portal.status.revoked",
            AccountStatus::Closed => "portal.status.closed",
        }
    }
    /// May sign in (with a passphrase or a sign-in link).
    pub fn may_sign_in(self) -> bool {
        self == AccountStatus::Active
    }
}

/// What a one-time link is for (`portal_tokens.purpose`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenPurpose {
    Invite,
    SignIn,
}

impl TokenPurpose {
    pub fn code(self) -> &'static str {
        match self {
            TokenPurpose::Invite => "invite",
            TokenPurpose::SignIn => "sign_in",
        }
    }
    pub fn parse(code: &str) -> Option<TokenPurpose> {
        match code {
            "invite" => Some(TokenPurpose::Invite),
            "sign_in" => Some(TokenPurpose::SignIn),
            _ => None,
        }
    }
    /// When a link made at `now` stops working.
    pub fn expires(self, now: OffsetDateTime) -> OffsetDateTime {
        match self {
            TokenPurpose::Invite => now + Duration::days(INVITE_DAYS),
            TokenPurpose::SignIn => now + Duration::minutes(SIGN_IN_LINK_MINUTES),
        }
    }
}

/// Whether a one-time link can still be used, and if not, why (each reason has its own calm
/// page saying what to do).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkState {
    Usable,
    Expired,
    Used,
    Revoked,
}

impl LinkState {
    pub fn of(
        expires_at: OffsetDateTime,
        used_at: Option<OffsetDateTime>,
        revoked_at: Option<OffsetDateTime>,
        now: OffsetDateTime,
    ) -> LinkState {
        if revoked_at.is_some() {
            LinkState::Revoked
        } else if used_at.is_some() {
            LinkState::Used
        } else if expires_at <= now {
            LinkState::Expired
        } else {
            LinkState::Usable
        }
    }
    /// The i18n key of the page's explanation.
    pub fn message_key(self) -> &'static str {
        match self {
            LinkState::Usable => "portal.link.usable",
            LinkState::Expired => "portal.link.expired",
            LinkState::Used => "portal.link.used",
            LinkState::Revoked => "portal.link.revoked",
        }
    }
}

/// A signed-in client (本人).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClientPrincipal {
    pub account_id: i64,
    pub client_id: i64,
    pub office_id: i64,
    pub organization_id: i64,
    pub login: String,
    /// The client's name (氏名), for the page header.
    pub name: String,
}

/// A signed-in employer contact (企業担当者).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EmployerPrincipal {
    pub contact_id: i64,
    pub organization_id: i64,
    pub login: String,
    pub name: String,
    pub employer_name: String,
}

/// Who is signed in to the portal: a session of this kind is never a staff session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PortalPrincipal {
    Client(ClientPrincipal),
    Employer(EmployerPrincipal),
}

impl PortalPrincipal {
    pub fn name(&self) -> &str {
        match self {
            PortalPrincipal::Client(c) => &c.name,
            PortalPrincipal::Employer(e) => &e.name,
        }
    }
    /// The audit log's actor label: the kind and the sign-in ID (`client:k7m2-p9qx`).
    pub fn actor_label(&self) -> String {
        match self {
            PortalPrincipal::Client(c) => format!("client:{}", c.login),
            PortalPrincipal::Employer(e) => format!("employer:{}", e.login),
        }
    }
    /// The portal's home page for this kind of principal.
    pub fn home(&self) -> &'static str {
        match self {
            PortalPrincipal::Client(_) => "/me",
            PortalPrincipal::Employer(_) => "/employer",
        }
    }
    pub fn is_client(&self) -> bool {
        matches!(self, PortalPrincipal::Client(_))
    }
}

/// The letters of a sign-in ID: lower-case letters and digits without the ones people
/// confuse when reading a printed sheet (0/o, 1/l/i).
const LOGIN_ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyz23456789";

/// A sign-in ID from 8 random bytes: `xxxx-xxxx` (31^8 ≈ 8.5e11 IDs; the ID is not a
/// secret, the passphrase is).
pub fn login_from_random(bytes: [u8; 8]) -> String {
    let mut out = String::with_capacity(9);
    for (i, b) in bytes.iter().enumerate() {
        if i == 4 {
            out.push('-');
        }
        out.push(LOGIN_ALPHABET[*b as usize % LOGIN_ALPHABET.len()] as char);
    }
    out
}

/// A sign-in ID as typed: trimmed, full-width folded, lower case, the hyphen optional.
pub fn normalise_login(typed: &str) -> String {
    let ascii = super::fields::normalize_ascii(typed).to_lowercase();
    let plain: String = ascii
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .collect();
    if plain.len() == 8 {
        format!("{}-{}", &plain[..4], &plain[4..])
    } else {
        ascii
    }
}

/// The last day a client whose service ended on `service_end` may still read their own
/// record. `None` while the service goes on.
pub fn read_access_until(service_end: Option<Date>) -> Option<Date> {
    service_end.map(|end| end + Duration::days(READ_ACCESS_DAYS_AFTER_END))
}

/// May a client whose service ended on `service_end` still use their account on `today`?
pub fn client_may_use(service_end: Option<Date>, today: Date) -> bool {
    read_access_until(service_end).is_none_or(|last| today <= last)
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::{date, datetime};

    #[test]
    fn link_states() {
        let now = datetime!(2026-12-01 10:00 UTC);
        let later = now + Duration::days(1);
        let earlier = now - Duration::minutes(1);
        assert_eq!(LinkState::of(later, None, None, now), LinkState::Usable);
        assert_eq!(LinkState::of(now, None, None, now), LinkState::Expired);
        assert_eq!(LinkState::of(earlier, None, None, now), LinkState::Expired);
        assert_eq!(
            LinkState::of(later, Some(earlier), None, now),
            LinkState::Used
        );
        // Revoked wins over used and expired: it is what staff did last.
        assert_eq!(
            LinkState::of(earlier, Some(earlier), Some(earlier), now),
            LinkState::Revoked
        );
    }

    #[test]
    fn invitations_last_seven_days_and_sign_in_links_fifteen_minutes() {
        let now = datetime!(2026-12-01 10:00 UTC);
        assert_eq!(
            TokenPurpose::Invite.expires(now),
            datetime!(2026-12-08 10:00 UTC)
        );
        assert_eq!(
            TokenPurpose::SignIn.expires(now),
            datetime!(2026-12-01 10:15 UTC)
        );
        for p in [TokenPurpose::Invite, TokenPurpose::SignIn] {
            assert_eq!(TokenPurpose::parse(p.code()), Some(p));
        }
    }

    #[test]
    fn sign_in_ids_avoid_confusable_letters_and_read_back_as_typed() {
        let id = login_from_random([0, 1, 2, 3, 250, 251, 252, 255]);
        assert_eq!(id.len(), 9);
        assert_eq!(&id[4..5], "-");
        assert!(!id.contains(['0', 'o', '1', 'l', 'i']));
        // Typed on a phone: full-width, upper case, without the hyphen, with spaces.
        let typed: String = id
            .to_uppercase()
            .replace('-', "")
            .chars()
            .map(|c| char::from_u32(c as u32 + 0xFEE0).unwrap())
            .collect();
        assert_eq!(normalise_login(&format!(" {typed} ")), id);
        assert_eq!(normalise_login("abc"), "abc");
    }

    #[test]
    fn read_access_ends_ninety_days_after_the_service() {
        let end = date!(2026 - 03 - 31);
        assert_eq!(read_access_until(Some(end)), Some(date!(2026 - 06 - 29)));
        assert!(client_may_use(Some(end), date!(2026 - 06 - 29)));
        assert!(!client_may_use(Some(end), date!(2026 - 06 - 30)));
        assert!(client_may_use(None, date!(2040 - 01 - 01)));
    }

    #[test]
    fn statuses_read_back() {
        for s in AccountStatus::ALL {
            assert_eq!(AccountStatus::parse(s.code()), Some(s));
        }
        assert!(AccountStatus::Active.may_sign_in());
        assert!(!AccountStatus::Invited.may_sign_in());
        assert!(!AccountStatus::Revoked.may_sign_in());
    }
}
