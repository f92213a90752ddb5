//! Two-factor sign-in for staff: time-based one-time codes (RFC 6238: HMAC-SHA1, 6 digits,
//! 30-second steps, as every authenticator app expects) and recovery codes. Pure: the time
//! and the random bytes are passed in.

use totp_rs::{Algorithm, Builder, Secret, Totp};

/// Codes one step either side of now are accepted (RFC 6238 §5.2 recommends at most one
/// step of network delay; phones' clocks drift by seconds).
pub const SKEW_STEPS: u16 = 1;
/// How many recovery codes a person gets when they set up two-factor sign-in.
pub const RECOVERY_CODES: usize = 10;
/// Crockford's base32 alphabet: no I, L, O or U, so a code read aloud or copied by hand is
/// not misread.
const ALPHABET: &[u8; 32] = b"0123456789abcdefghjkmnpqrstvwxyz";

/// What the person typed at the second step.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Entered {
    /// Six digits from the authenticator app.
    Code(String),
    /// A recovery code, normalised (`abcde-fghjk`).
    Recovery(String),
    Nothing,
}

/// Reads what was typed: spaces and hyphens are ignored; six digits are a code, ten base32
/// characters a recovery code (O read as 0, I and L as 1).
pub fn parse_entered(input: &str) -> Entered {
    let compact: String = input
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-' && *c != '－')
        .map(|c| c.to_ascii_lowercase())
        .collect();
    if compact.is_empty() {
        return Entered::Nothing;
    }
    if compact.len() == 6 && compact.bytes().all(|b| b.is_ascii_digit()) {
        return Entered::Code(compact);
    }
    let mapped: String = compact
        .chars()
        .map(|c| match c {
            'o' => '0',
            'i' | 'l' => '1',
            c => c,
        })
        .collect();
    if mapped.len() == 10 && mapped.bytes().all(|b| ALPHABET.contains(&b)) {
        return Entered::Recovery(format!("{}-{}", &mapped[..5], &mapped[5..]));
    }
    // Anything else is checked as a code and fails: the answer is the same "wrong code".
    Entered::Code(compact)
}

/// The TOTP of a base32 secret, or `None` if the stored secret is not valid base32.
pub fn totp(secret_base32: &str, issuer: &str, account: &str) -> Option<Totp> {
    let secret = Secret::try_from_base32(secret_base32).ok()?;
    Builder::new()
        .with_algorithm(Algorithm::SHA1)
        .with_digits(6)
        .with_skew(SKEW_STEPS)
        .with_step_duration(30)
        .with_secret(secret)
        .with_issuer(Some(issuer.replace(':', " ")))
        .with_account_name(account.replace(':', " "))
        .build()
        .ok()
}

/// A new secret from 20 random bytes (160 bits, RFC 4226 §4's recommended length), base32.
pub fn secret_from(bytes: [u8; 20]) -> String {
    Secret::from(bytes.to_vec()).to_base32()
}

/// The time step a code matches at `unix_time` (within ±`SKEW_STEPS`), if it does.
pub fn check_code(secret_base32: &str, code: &str, unix_time: u64) -> Option<u64> {
    totp(secret_base32, "x", "x")?.check(code, unix_time)
}

/// A recovery code from 10 random bytes (50 bits used): `abcde-fghjk`.
pub fn recovery_code_from(bytes: [u8; 10]) -> String {
    let chars: Vec<char> = bytes
        .iter()
        .map(|b| ALPHABET[(*b & 31) as usize] as char)
        .collect();
    let s: String = chars.into_iter().collect();
    format!("{}-{}", &s[..5], &s[5..])
}

#[cfg(test)]
mod tests {
    use super::*;

    /// RFC 6238 Appendix B: the SHA-1 secret "12345678901234567890", 8-digit codes
    /// truncated to the 6 we use.
    #[test]
    fn rfc_6238_test_vectors() {
        let secret = secret_from(*b"12345678901234567890");
        for (time, code8) in [
            (59u64, "94287082"),
            (1111111109, "07081804"),
            (1111111111, "14050471"),
            (1234567890, "89005924"),
            (2000000000, "69279037"),
        ] {
            let code6 = &code8[2..];
            let step = check_code(&secret, code6, time);
            assert_eq!(step, Some(time / 30), "t={time}");
        }
    }

    #[test]
    fn one_step_of_skew_either_side_and_no_more() {
        let secret = secret_from([7; 20]);
        let t = totp(&secret, "Teichaku", "sato").unwrap();
        let now = 1_800_000_000u64;
        let code = t.generate(now).to_string();
        assert!(check_code(&secret, &code, now + 30).is_some());
        assert!(check_code(&secret, &code, now - 30).is_some());
        assert!(check_code(&secret, &code, now + 60).is_none());
        assert!(check_code(&secret, &code, now - 60).is_none());
    }

    #[test]
    fn what_was_typed() {
        assert_eq!(parse_entered(" 123 456 "), Entered::Code("123456".into()));
        assert_eq!(parse_entered(""), Entered::Nothing);
        assert_eq!(
            parse_entered("ABCDE-FGHJK"),
            Entered::Recovery("abcde-fghjk".into())
        );
        assert_eq!(
            parse_entered("abcdo fghjl"),
            Entered::Recovery("abcd0-fghj1".into())
        );
        assert_eq!(parse_entered("12345"), Entered::Code("12345".into()));
    }

    #[test]
    fn recovery_codes_read_back_as_themselves() {
        let code = recovery_code_from([0, 1, 2, 3, 31, 32, 200, 9, 10, 255]);
        assert_eq!(code.len(), 11);
        assert_eq!(parse_entered(&code), Entered::Recovery(code.clone()));
    }
}
