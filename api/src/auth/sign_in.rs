//! Signing in: the limits, the password check that takes as long whether or not the account
//! exists, and the session it starts.

use super::password;
use crate::db::accounts::{self, AccountRow};
use crate::db::sessions::{self, Continued, LoginLimits};
use crate::db::Db;
use crate::error::{ApiError, AppResult};

/// The key attempts are counted under: the one the login matches on, so width or case
/// variants share one allowance; control characters (PostgreSQL refuses NUL in text)
/// become U+FFFD.
fn attempt_key(login_id: &str) -> String {
    accounts::login_key(login_id)
        .to_lowercase()
        .chars()
        .map(|c| if c.is_control() { '\u{FFFD}' } else { c })
        .collect()
}

/// Checks `login_id` and `given` from `client` within `limits`; on success starts a session.
pub async fn sign_in(
    db: &Db,
    limits: LoginLimits,
    login_id: String,
    given: String,
    client: String,
) -> AppResult<(AccountRow, Continued)> {
    let account = check_password(db, limits, login_id, given, client).await?;
    let id = account.id;
    let session = db
        .write(move |conn| {
            accounts::touch_login(conn, id)?;
            sessions::start(conn, id)
        })
        .await?;
    Ok((account, session))
}

/// Checks `given` against the password of `login_id`, counted within `limits` like every
/// sign-in (a 429 past them); a wrong one is `InvalidCredentials`, a right one forgets the
/// failed attempts. Used to sign in, and to confirm a password change.
pub async fn check_password(
    db: &Db,
    limits: LoginLimits,
    login_id: String,
    given: String,
    client: String,
) -> AppResult<AccountRow> {
    let key = attempt_key(&login_id);
    let (k, c) = (key.clone(), client.clone());
    db.write(move |conn| sessions::begin_attempt(conn, limits, &k, &c))
        .await?
        .map_err(|retry_after_secs| ApiError::RateLimited { retry_after_secs })?;
    // A login ID with control characters matches nobody (and PostgreSQL refuses NUL).
    let account = if login_id.chars().any(char::is_control) {
        None
    } else {
        db.run(move |c| accounts::find_by_login(c, &login_id))
            .await?
    };
    // Verify even when there is no such account, so timing tells nothing.
    let hash = account.as_ref().and_then(|a| a.password_hash.clone());
    let ok = actix_web::web::block(move || {
        let target = hash.as_deref().unwrap_or(password::dummy_hash());
        password::verify(&given, target) && hash.is_some()
    })
    .await?;
    let Some(account) = account.filter(|_| ok) else {
        return Err(ApiError::InvalidCredentials);
    };
    db.write(move |conn| sessions::forget_attempts(conn, &key, &client))
        .await?;
    Ok(account)
}

/// Reset links one login ID may be sent from one address, from any address, and one
/// address may ask for, in an hour. The same whether or not the login ID has an account, so
/// a refusal tells nothing either.
const RESET_LIMITS: LoginLimits = LoginLimits {
    per_login_and_client: 3,
    per_login: 5,
    per_client: 20,
    window: chrono::Duration::hours(1),
};

/// Counts a request for a mailed link (a new confirmation link) under `key` from `client`,
/// with the reset links' limits; 429 past them. Call inside the write that records it.
pub fn limit_link_requests(conn: &mut crate::db::DbConn, key: &str, client: &str) -> AppResult<()> {
    let client = format!("link:{client}");
    sessions::begin_attempt(conn, RESET_LIMITS, key, &client)?
        .map_err(|retry_after_secs| ApiError::RateLimited { retry_after_secs })
}

/// Someone asks for a reset link for `login_id` from `client`: counted (a 429 past the
/// limits), then mailed by the mail consumer when the login ID names an account.
pub async fn request_reset(db: &Db, login_id: String, client: String) -> AppResult<()> {
    // Counted apart from sign-in attempts: their own keys, and their own window.
    let key = format!("reset:{}", attempt_key(&login_id));
    let client = format!("reset:{client}");
    db.write(move |conn| {
        sessions::begin_attempt(conn, RESET_LIMITS, &key, &client)?
            .map_err(|retry_after_secs| ApiError::RateLimited { retry_after_secs })?;
        if login_id.chars().any(char::is_control) {
            return Ok(());
        }
        accounts::request_reset(conn, &login_id)
    })
    .await
}
