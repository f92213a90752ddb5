//! Passwords: hashing with argon2id with the argon2 crate's defaults (m=19456 KiB, t=2, p=1,
//! the OWASP-recommended minimum), a random salt per hash, stored as a PHC string; and the
//! strength a new password (or a client's passphrase) must have ([`weakness`]).
use argon2::{
    Argon2,
    password_hash::{PasswordHasher, PasswordVerifier, phc::PasswordHash},
};

pub fn hash(password: &str) -> anyhow::Result<String> {
    Argon2::default()
        .hash_password(password.as_bytes())
        .map(|h| h.to_string())
        .map_err(|e| anyhow::anyhow!("hashing a password failed: {e}"))
}

/// True when `password` matches `stored`. With no stored hash (an unknown account) a dummy
/// hash is checked anyway, so the answer takes the same time either way.
pub fn verify(password: &str, stored: Option<&str>) -> bool {
    static DUMMY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    let dummy = DUMMY.get_or_init(|| hash("dummy password for timing").unwrap_or_default());
    let (candidate, real) = match stored {
        Some(s) => (s, true),
        None => (dummy.as_str(), false),
    };
    let Ok(parsed) = PasswordHash::new(candidate) else {
        return false;
    };
    Argon2::default()
        .verify_password(password.as_bytes(), &parsed)
        .is_ok()
        && real
}

/// The zxcvbn score a new password must reach: 3 is "safely unguessable" (about 10^8
/// guesses; zxcvbn's own advice for passwords behind an online limit and a slow hash, which
/// is our case: `web::throttle` and argon2id).
pub const MIN_SCORE: u8 = 3;

/// Why a new password is too weak to accept, as a message key, or `None` when it is strong
/// enough. `personal` are words of the person and the place (their login, name, the
/// organisation's name): a password made of them, or containing one of them, is refused.
/// The length rules are the caller's (`domain::staff::check_new_password`).
pub fn weakness(password: &str, personal: &[&str]) -> Option<&'static str> {
    let folded = fold(password);
    let contains_personal = personal
        .iter()
        .map(|w| fold(w))
        .any(|w| w.chars().count() >= 3 && folded.contains(&w));
    if contains_personal {
        return Some("err.password_personal");
    }
    let words: Vec<&str> = personal.iter().copied().filter(|w| !w.is_empty()).collect();
    if u8::from(zxcvbn::zxcvbn(password, &words).score()) < MIN_SCORE {
        return Some("err.password_weak");
    }
    None
}

/// The length a backup passphrase must have, in characters.
pub const BACKUP_PASSPHRASE_MIN_CHARS: usize = 16;

/// Why a passphrase is too weak to encrypt backups with, or `None`. A stolen backup can be
/// guessed at offline for as long as the thief likes: scrypt makes each guess cost about a
/// second of one core, but nothing limits the cores or the attempts. So the bar is higher
/// than a sign-in's (behind `web::throttle`): at least 16 characters and zxcvbn's best score,
/// 4 ("very unguessable", about 10^10 guesses), with the product's own words counted as
/// known (they are a thief's first guesses). A few random words pass.
pub fn backup_passphrase_weakness(passphrase: &str) -> Option<&'static str> {
    if passphrase.chars().count() < BACKUP_PASSPHRASE_MIN_CHARS {
        return Some(
            "it must have at least 16 characters (four or five random words, for example)",
        );
    }
    let known = ["teichaku", "定着", "backup", "バックアップ"];
    if u8::from(zxcvbn::zxcvbn(passphrase, &known).score()) < 4 {
        return Some("it is too easy to guess (use four or five random words, for example)");
    }
    None
}

/// Lower-case letters and digits only (other characters, such as blanks, dots and full-width
/// forms, are dropped or made ASCII), so `Admin.2026` contains `admin`.
fn fold(s: &str) -> String {
    crate::domain::fields::normalize_ascii(s)
        .to_lowercase()
        .chars()
        .filter(|c| c.is_alphanumeric())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backup_passphrases_must_be_long_and_unguessable() {
        let cases = [
            ("short but odd!", true),
            ("passwordpassword", true),
            ("1234567890123456", true),
            ("teichakuteichaku", true),
            ("correct horse battery staple", false),
            ("霧の朝 青い自転車 七つの鍵 川", false),
        ];
        for (passphrase, weak) in cases {
            assert_eq!(
                backup_passphrase_weakness(passphrase).is_some(),
                weak,
                "{passphrase}"
            );
        }
    }

    /// The passwords the probe got accepted, and ones made of the login or the
    /// organisation's name, are refused; passphrases pass (#18).
    #[test]
    fn weak_and_personal_passwords_are_refused() {
        let personal = ["sato", "佐藤 花子", "テスト法人"];
        let cases = [
            ("password1234", Some("err.password_weak")),
            ("123456789012", Some("err.password_weak")),
            ("qwertyuiop12", Some("err.password_weak")),
            ("satosatosato", Some("err.password_personal")),
            ("Sato.2026-2027!", Some("err.password_personal")),
            ("テスト法人テスト法人", Some("err.password_personal")),
            ("correct horse battery staple", None),
            ("長いパスフレーズですよね", None),
            ("Tr0ub4dor&3x-blue", None),
        ];
        for (password, expected) in cases {
            assert_eq!(weakness(password, &personal), expected, "{password:?}");
        }
        assert_eq!(
            weakness("adminadminadmin", &["admin"]),
            Some("err.password_personal")
        );
        assert_eq!(
            weakness("ab-long-passphrase-ok", &["ab"]),
            None,
            "short words are not matched"
        );
    }

    #[test]
    fn hash_is_argon2id_salted_and_verifies() {
        let a = hash("correct horse battery").expect("hash");
        let b = hash("correct horse battery").expect("hash");
        assert!(a.starts_with("$argon2id$"));
        assert_ne!(a, b, "each hash has its own salt");
        assert!(verify("correct horse battery", Some(&a)));
        assert!(!verify("correct horse batter", Some(&a)));
        assert!(!verify("anything", None));
        assert!(!verify("anything", Some("not a hash")));
    }
}
