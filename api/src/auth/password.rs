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

/// Password rule: 8–128 characters with at least one letter and one digit.
pub fn acceptable(password: &str) -> bool {
    let n = password.chars().count();
    (8..=128).contains(&n)
        && password.chars().any(|c| c.is_ascii_alphabetic())
        && password.chars().any(|c| c.is_ascii_digit())
}

/// The field error for a password that breaks [`acceptable`].
pub fn weak_password_error() -> crate::error::FieldError {
    crate::error::FieldError::new(
        "password",
        "weak_password",
        crate::i18n::Msg::new(
            "パスワードは英字と数字を含む8〜128文字にしてください。",
            "Use 8 to 128 characters with at least one letter and one digit.",
        ),
    )
}
