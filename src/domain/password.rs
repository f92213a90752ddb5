//! Passwords: hashing with argon2id with the argon2 crate's defaults (m=19456 KiB, t=2, p=1,
//! the OWASP-recommended minimum), a random salt per hash, stored as a PHC string; and the
//! strength a new password (or a client's passphrase) must have ([`weakness`]).
use std::cell::RefCell;

use argon2::{
    Algorithm, Argon2, Block, Params, Version,
    password_hash::phc::{Output, ParamsString, PasswordHash, Salt},
};

thread_local! {
    /// The argon2 working memory (19 MiB with the default parameters), kept by each thread
    /// that hashes and reused. Letting the argon2 crate allocate it on every call does not
    /// give it back: a process's resident memory grew by 19 MiB at every sign-in attempt
    /// (measured with VmRSS: 6 MB → 106 MB after 5 verifications on one thread; #18). The
    /// web layer hashes on two dedicated threads (`web::hashing`), so this is ~40 MiB once.
    static BLOCKS: RefCell<Vec<Block>> = const { RefCell::new(Vec::new()) };
}

/// Runs argon2 with this thread's working memory, grown to `count` blocks if needed.
fn with_blocks<T>(count: usize, f: impl FnOnce(&mut [Block]) -> T) -> T {
    BLOCKS.with(|cell| {
        let mut blocks = cell.borrow_mut();
        if blocks.len() < count {
            blocks.resize(count, Block::default());
        }
        f(&mut blocks[..count])
    })
}

/// Hashes with argon2id (the crate's default parameters) and a random 16-byte salt, as a PHC
/// string (`$argon2id$v=19$m=19456,t=2,p=1$…$…`).
pub fn hash(password: &str) -> anyhow::Result<String> {
    let argon = Argon2::default();
    let mut salt = [0u8; 16];
    getrandom::fill(&mut salt).map_err(|e| anyhow::anyhow!("no random salt: {e}"))?;
    let mut out = [0u8; 32];
    with_blocks(argon.params().block_count(), |blocks| {
        argon.hash_password_into_with_memory(password.as_bytes(), &salt, &mut out, blocks)
    })
    .map_err(|e| anyhow::anyhow!("hashing a password failed: {e}"))?;
    let phc = PasswordHash {
        algorithm: argon2::ARGON2ID_IDENT,
        version: Some(Version::V0x13.into()),
        params: ParamsString::try_from(argon.params())
            .map_err(|e| anyhow::anyhow!("argon2 parameters: {e}"))?,
        salt: Some(Salt::new(&salt).map_err(|e| anyhow::anyhow!("salt: {e}"))?),
        hash: Some(Output::new(&out).map_err(|e| anyhow::anyhow!("output: {e}"))?),
    };
    Ok(phc.to_string())
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
    matches(password, candidate).unwrap_or(false) && real
}

/// Recomputes the PHC string's hash for `password` and compares in constant time.
fn matches(password: &str, phc: &str) -> Option<bool> {
    let parsed = PasswordHash::new(phc).ok()?;
    let algorithm = Algorithm::try_from(parsed.algorithm.as_str()).ok()?;
    let version = match parsed.version {
        Some(v) => Version::try_from(v).ok()?,
        None => Version::default(),
    };
    let params = Params::try_from(&parsed).ok()?;
    let (Some(salt), Some(expected)) = (&parsed.salt, &parsed.hash) else {
        return Some(false);
    };
    let argon = Argon2::new(algorithm, version, params.clone());
    let mut out = vec![0u8; expected.as_bytes().len()];
    with_blocks(params.block_count(), |blocks| {
        argon.hash_password_into_with_memory(password.as_bytes(), salt.as_ref(), &mut out, blocks)
    })
    .ok()?;
    // `Output`'s equality is constant-time.
    Some(Output::new(&out).ok()? == *expected)
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

    /// Hashes stored before (made by the argon2 crate's own hasher) still verify, and ours
    /// verify with the crate's verifier.
    #[test]
    fn hashes_are_compatible_with_the_argon2_crate() {
        use argon2::password_hash::{PasswordHasher, PasswordVerifier};
        let theirs = Argon2::default()
            .hash_password(b"correct horse battery")
            .expect("hash")
            .to_string();
        assert!(verify("correct horse battery", Some(&theirs)));
        assert!(!verify("correct horse batter", Some(&theirs)));
        let ours = hash("correct horse battery").expect("hash");
        let parsed = PasswordHash::new(&ours).expect("phc");
        assert!(
            Argon2::default()
                .verify_password(b"correct horse battery", &parsed)
                .is_ok()
        );
        assert!(
            ours.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"),
            "{ours}"
        );
    }

    /// Verifying again and again on one thread does not grow the process (each call grew it
    /// by 19 MiB before: #18, memory exhaustion).
    #[test]
    #[cfg(target_os = "linux")]
    fn hashing_reuses_its_memory() {
        let rss_kib = || -> u64 {
            std::fs::read_to_string("/proc/self/status")
                .ok()
                .and_then(|s| {
                    s.lines()
                        .find_map(|l| l.strip_prefix("VmRSS:"))
                        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
                })
                .unwrap_or(0)
        };
        // In a thread of its own, so that other tests' threads do not count.
        std::thread::spawn(move || {
            verify("x", None);
            let before = rss_kib();
            for _ in 0..8 {
                verify("x", None);
            }
            let grown = rss_kib().saturating_sub(before);
            assert!(
                grown < 30 * 1024,
                "grew by {} MiB over 8 verifications",
                grown / 1024
            );
        })
        .join()
        .expect("thread");
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
