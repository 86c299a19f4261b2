//! Argon2id password hashing.

use argon2::password_hash::{
    rand_core::OsRng, PasswordHash, PasswordHasher, PasswordVerifier, SaltString,
};
use argon2::Argon2;

pub fn hash(password: &str) -> Result<String, String> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default() // Argon2id, v19, OWASP-recommended defaults
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| e.to_string())
}

pub fn verify(password: &str, hash: &str) -> bool {
    PasswordHash::new(hash)
        .map(|parsed| {
            Argon2::default()
                .verify_password(password.as_bytes(), &parsed)
                .is_ok()
        })
        .unwrap_or(false)
}

/// A hash to verify against when the account does not exist, so that timing does not
/// tell which login IDs exist.
pub fn dummy_hash() -> &'static str {
    static DUMMY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    DUMMY.get_or_init(|| hash("not-a-real-password").unwrap_or_default())
}

/// The least zxcvbn score accepted: "safely unguessable" (more than 10^8 guesses), which
/// with Argon2id and the sign-in limiter keeps online and offline guessing out of reach.
const MIN_SCORE: zxcvbn::Score = zxcvbn::Score::Three;

/// Password rule: 8–128 characters that a strength estimator (zxcvbn, with its lists of
/// common passwords, words, names and keyboard patterns) judges hard to guess, also
/// considering the account's own login ID, address and name (`context`).
pub fn check(password: &str, context: &[&str]) -> Result<(), crate::error::FieldError> {
    let n = password.chars().count();
    if !(8..=128).contains(&n) {
        return Err(password_error(
            "password_length",
            crate::i18n::Msg::new(
                "パスワードは8〜128文字にしてください。",
                "Use 8 to 128 characters.",
            ),
        ));
    }
    // Parts of the address count too: "hanako" of hanako@example.jp.
    let mut inputs: Vec<&str> = Vec::new();
    for c in context {
        inputs.push(c);
        inputs.extend(c.split(['@', '.', '-', '_', '+']).filter(|p| p.len() >= 3));
    }
    if zxcvbn::zxcvbn(password, &inputs).score() < MIN_SCORE {
        return Err(weak_password_error());
    }
    Ok(())
}

fn password_error(code: &'static str, msg: crate::i18n::Msg) -> crate::error::FieldError {
    crate::error::FieldError::new("password", code, msg)
}

/// The field error for a password that is easy to guess.
pub fn weak_password_error() -> crate::error::FieldError {
    password_error(
        "weak_password",
        crate::i18n::Msg::new(
            "推測されやすいパスワードです。よく使われる語やメールアドレス・名前を避け、単語を組み合わせるなどして長くしてください。",
            "This password is easy to guess. Avoid common words, your address or name; a longer phrase of several words works well.",
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::check;

    #[test]
    fn common_and_personal_passwords_are_refused() {
        for weak in [
            "password1",
            "qwerty123",
            "hanako2026",
            "hanako@example.jp1",
            "12345678",
        ] {
            assert!(
                check(weak, &["hanako@example.jp"]).is_err(),
                "{weak} accepted"
            );
        }
        assert!(check("short1", &[]).is_err());
        assert!(check(&"a".repeat(129), &[]).is_err());
    }

    #[test]
    fn unusual_passwords_are_accepted() {
        for strong in [
            "tsubaki-Kairo-2031!",
            "midori no yane 7 kai",
            "nurse-pass-1xQ9",
        ] {
            assert!(
                check(strong, &["hanako@example.jp"]).is_ok(),
                "{strong} refused"
            );
        }
    }
}
