//! Sessions: one per sign-in, with refresh tokens that rotate inside it (a token family),
//! and the login attempts the limiter counts. Both live in the database so that every
//! server on it sees the same revocations and the same limits, across restarts too.

use super::schema::{login_attempts, refresh_tokens, sessions};
use super::DbConn;
use crate::auth::tokens::{hash_token, new_opaque_token, REFRESH_TOKEN_DAYS};
use crate::clock::now;
use crate::error::AppResult;
use chrono::{Duration, NaiveDateTime};
use diesel::prelude::*;

/// Why a session ended; kept on the row for the audit trail.
#[derive(Clone, Copy, Debug)]
pub enum EndReason {
    SignedOut,
    /// A spent refresh token came back: someone holds a copy (RFC 6819 5.2.2.3).
    RefreshTokenReused,
    PasswordChanged,
    AccountErased,
}

impl EndReason {
    fn code(self) -> &'static str {
        match self {
            EndReason::SignedOut => "signed_out",
            EndReason::RefreshTokenReused => "refresh_token_reused",
            EndReason::PasswordChanged => "password_changed",
            EndReason::AccountErased => "account_erased",
        }
    }
}

/// A live session and the refresh token that continues it.
pub struct Continued {
    pub account_id: i64,
    pub session_id: i64,
    pub refresh_token: String,
}

fn issue_refresh_token(conn: &mut DbConn, session_id: i64, account_id: i64) -> AppResult<String> {
    let (token, hash) = new_opaque_token();
    diesel::insert_into(refresh_tokens::table)
        .values((
            refresh_tokens::session_id.eq(session_id),
            refresh_tokens::account_id.eq(account_id),
            refresh_tokens::token_hash.eq(hash),
            refresh_tokens::expires_at.eq(now() + Duration::days(REFRESH_TOKEN_DAYS)),
            refresh_tokens::created_at.eq(now()),
        ))
        .execute(conn)?;
    Ok(token)
}

/// Starts a session for a successful sign-in.
pub fn start(conn: &mut DbConn, account_id: i64) -> AppResult<Continued> {
    let session_id = diesel::insert_into(sessions::table)
        .values((
            sessions::account_id.eq(account_id),
            sessions::created_at.eq(now()),
        ))
        .returning(sessions::id)
        .get_result::<i64>(conn)?;
    let refresh_token = issue_refresh_token(conn, session_id, account_id)?;
    Ok(Continued {
        account_id,
        session_id,
        refresh_token,
    })
}

/// Is the session live and the account's? Checked on every authenticated request.
pub fn is_live(conn: &mut DbConn, session_id: i64, account_id: i64) -> AppResult<bool> {
    Ok(sessions::table
        .find(session_id)
        .filter(sessions::account_id.eq(account_id))
        .filter(sessions::revoked_at.is_null())
        .select(sessions::id)
        .first::<i64>(conn)
        .optional()?
        .is_some())
}

/// Spends a refresh token and issues its successor in the same session. A token that was
/// already spent ends its whole session (the caller must commit that: this returns `Ok`).
/// `None` when the token does not continue a live session.
pub fn rotate(conn: &mut DbConn, token: &str) -> AppResult<Option<Continued>> {
    let found = refresh_tokens::table
        .filter(refresh_tokens::token_hash.eq(hash_token(token)))
        .select((
            refresh_tokens::id,
            refresh_tokens::session_id,
            refresh_tokens::account_id,
            refresh_tokens::expires_at,
            refresh_tokens::revoked_at,
        ))
        .first::<(i64, i64, i64, NaiveDateTime, Option<NaiveDateTime>)>(conn)
        .optional()?;
    let Some((id, session_id, account_id, expires_at, spent_at)) = found else {
        return Ok(None);
    };
    if spent_at.is_some() {
        end(conn, session_id, EndReason::RefreshTokenReused)?;
        return Ok(None);
    }
    if expires_at <= now() {
        return Ok(None);
    }
    // The check and the spend are one statement: of two racing uses, one spends it and
    // the other finds it spent, which is a reuse.
    let spent = diesel::update(
        refresh_tokens::table
            .find(id)
            .filter(refresh_tokens::revoked_at.is_null()),
    )
    .set(refresh_tokens::revoked_at.eq(now()))
    .execute(conn)?;
    if spent == 0 {
        end(conn, session_id, EndReason::RefreshTokenReused)?;
        return Ok(None);
    }
    if !is_live(conn, session_id, account_id)? {
        return Ok(None);
    }
    let refresh_token = issue_refresh_token(conn, session_id, account_id)?;
    Ok(Some(Continued {
        account_id,
        session_id,
        refresh_token,
    }))
}

/// The session a refresh token belongs to, spent or not.
pub fn of_refresh_token(conn: &mut DbConn, token: &str) -> AppResult<Option<i64>> {
    Ok(refresh_tokens::table
        .filter(refresh_tokens::token_hash.eq(hash_token(token)))
        .select(refresh_tokens::session_id)
        .first::<i64>(conn)
        .optional()?)
}

/// Ends one session: its refresh tokens and its access tokens stop working.
pub fn end(conn: &mut DbConn, session_id: i64, reason: EndReason) -> AppResult<()> {
    end_sessions(conn, &[session_id], reason)
}

/// Ends every session of an account (a new password, an erased account).
pub fn end_all(conn: &mut DbConn, account_id: i64, reason: EndReason) -> AppResult<()> {
    end_all_but(conn, account_id, None, reason)
}

/// Ends every session of an account but `keep` (the one changing the password).
pub fn end_all_but(
    conn: &mut DbConn,
    account_id: i64,
    keep: Option<i64>,
    reason: EndReason,
) -> AppResult<()> {
    let live: Vec<i64> = sessions::table
        .filter(sessions::account_id.eq(account_id))
        .filter(sessions::revoked_at.is_null())
        .select(sessions::id)
        .load::<i64>(conn)?
        .into_iter()
        .filter(|id| Some(*id) != keep)
        .collect();
    end_sessions(conn, &live, reason)
}

fn end_sessions(conn: &mut DbConn, ids: &[i64], reason: EndReason) -> AppResult<()> {
    if ids.is_empty() {
        return Ok(());
    }
    diesel::update(
        sessions::table
            .filter(sessions::id.eq_any(ids))
            .filter(sessions::revoked_at.is_null()),
    )
    .set((
        sessions::revoked_at.eq(Some(now())),
        sessions::revoke_reason.eq(Some(reason.code())),
    ))
    .execute(conn)?;
    diesel::update(
        refresh_tokens::table
            .filter(refresh_tokens::session_id.eq_any(ids))
            .filter(refresh_tokens::revoked_at.is_null()),
    )
    .set(refresh_tokens::revoked_at.eq(Some(now())))
    .execute(conn)?;
    Ok(())
}

/// How many failed sign-ins the limiter allows within [`LoginLimits::window`].
#[derive(Clone, Copy, Debug)]
pub struct LoginLimits {
    /// One login ID from one client address: the tight limit a guesser meets first.
    pub per_login_and_client: i64,
    /// One login ID from any address: a looser ceiling against guessing spread over many
    /// addresses. Looser, so that someone guessing cannot lock the owner out.
    pub per_login: i64,
    /// One client address, whatever the login ID.
    pub per_client: i64,
    pub window: Duration,
}

impl LoginLimits {
    pub fn per_minute(n: u32) -> LoginLimits {
        let n = i64::from(n.max(1));
        LoginLimits {
            per_login_and_client: n,
            per_login: n * 10,
            per_client: n * 3,
            window: Duration::minutes(1),
        }
    }
}

/// Records a sign-in attempt before the password is checked, unless a limit is spent;
/// then `Err(seconds to wait)`. [`forget_attempts`] clears the pair's record on success.
pub fn begin_attempt(
    conn: &mut DbConn,
    limits: LoginLimits,
    login_key: &str,
    client: &str,
) -> AppResult<Result<(), u64>> {
    let now = now();
    let since = now - limits.window;
    // Forget attempts no limit counts any more (sign-in counts a minute, reset links an hour).
    let forget_before = now - limits.window.max(Duration::hours(1));
    diesel::delete(login_attempts::table.filter(login_attempts::created_at.lt(forget_before)))
        .execute(conn)?;
    let checks = [
        (
            recent_attempts(conn, since, Some(login_key), Some(client))?,
            limits.per_login_and_client,
        ),
        (
            recent_attempts(conn, since, Some(login_key), None)?,
            limits.per_login,
        ),
        (
            recent_attempts(conn, since, None, Some(client))?,
            limits.per_client,
        ),
    ];
    for ((count, oldest), limit) in checks {
        if count >= limit {
            let free_at = oldest.unwrap_or(now) + limits.window;
            return Ok(Err((free_at - now).num_seconds().max(1) as u64));
        }
    }
    diesel::insert_into(login_attempts::table)
        .values((
            login_attempts::login_key.eq(login_key),
            login_attempts::client.eq(client),
            login_attempts::created_at.eq(now),
        ))
        .execute(conn)?;
    Ok(Ok(()))
}

/// How many attempts since `since` match the login key and/or client, and the oldest.
fn recent_attempts(
    conn: &mut DbConn,
    since: NaiveDateTime,
    login_key: Option<&str>,
    client: Option<&str>,
) -> AppResult<(i64, Option<NaiveDateTime>)> {
    let mut q = login_attempts::table
        .filter(login_attempts::created_at.ge(since))
        .into_boxed();
    if let Some(k) = login_key {
        q = q.filter(login_attempts::login_key.eq(k));
    }
    if let Some(c) = client {
        q = q.filter(login_attempts::client.eq(c));
    }
    Ok(q.select((
        diesel::dsl::count_star(),
        diesel::dsl::min(login_attempts::created_at),
    ))
    .first(conn)?)
}

/// A successful sign-in: the pair's failures are forgiven.
pub fn forget_attempts(conn: &mut DbConn, login_key: &str, client: &str) -> AppResult<()> {
    diesel::delete(
        login_attempts::table
            .filter(login_attempts::login_key.eq(login_key))
            .filter(login_attempts::client.eq(client)),
    )
    .execute(conn)?;
    Ok(())
}
