//! Sign-in, token refresh, sign-out, account activation, and who-am-I.

use crate::auth::policy::bearer_token;
use crate::auth::rate_limit::client_address;
use crate::auth::sign_in::{check_password, request_reset, sign_in};
use crate::auth::tokens::{ACCESS_TOKEN_SECONDS, REFRESH_TOKEN_DAYS};
use crate::auth::{password, AuthUser};
use crate::db::accounts::{self, AccountRow};
use crate::db::sessions::{self, Continued, EndReason};
use crate::domain::codes::Role;
use crate::error::{ApiError, AppResult, ErrorBody};
use crate::extract::ValidJson;
use crate::state::AppState;
use actix_web::cookie::{Cookie, SameSite};
use actix_web::{get, post, web, HttpRequest, HttpResponse};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LoginRequest {
    /// E-mail address, or the facility ID (G-MIS ID) for a facility account.
    pub login_id: String,
    pub password: String,
}

#[derive(Serialize, ToSchema)]
pub struct TokenResponse {
    /// Short-lived bearer token (15 minutes).
    pub access_token: String,
    /// Always `Bearer`.
    pub token_type: &'static str,
    /// Seconds until `access_token` expires.
    pub expires_in: i64,
    pub role: Role,
    /// Exchange at `POST /api/v1/auth/refresh` for a new pair; single use. Absent when the
    /// refresh token travels only in the `keynet_refresh` cookie.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub refresh_token: Option<String>,
    pub refresh_expires_in: i64,
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RefreshRequest {
    /// The refresh token; leave it out to use the `keynet_refresh` cookie.
    #[serde(default)]
    pub refresh_token: Option<String>,
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ActivateRequest {
    /// The token from the link in the activation mail.
    pub token: String,
    /// 8–128 characters, not easy to guess (common passwords, words, names, the account's
    /// own address are refused with 422 `weak_password`).
    #[schema(schema_with = crate::domain::schema::password)]
    pub password: String,
}

#[derive(Serialize, ToSchema)]
pub struct ActivateResponse {
    /// Sign in with this (the facility ID for a facility account).
    pub login_id: String,
    pub role: Role,
}

#[derive(Serialize, ToSchema)]
pub struct MeFacility {
    pub id: i64,
    pub gmis_id: String,
    pub name: String,
    /// `active` or `suspended` (休止).
    pub status: String,
}

#[derive(Serialize, ToSchema)]
pub struct MeResponse {
    pub account_id: i64,
    pub role: Role,
    pub login_id: String,
    pub email: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub facility: Option<MeFacility>,
    /// Whether the address was confirmed by its mailed link (jobseekers confirm theirs at
    /// sign-up; alert mails wait for it). Facility, partner and admin addresses are given
    /// by the service and count as confirmed.
    pub email_confirmed: bool,
}

/// The cookie that carries the refresh token for the web client: `HttpOnly` (no script
/// reads it), `SameSite=Strict`, and sent only to the sign-in paths.
pub const REFRESH_COOKIE: &str = "keynet_refresh";
const REFRESH_COOKIE_PATH: &str = "/api/v1/auth";

fn refresh_cookie(state: &AppState, value: &str, max_age_secs: i64) -> Cookie<'static> {
    Cookie::build(REFRESH_COOKIE, value.to_string())
        .path(REFRESH_COOKIE_PATH)
        .http_only(true)
        .secure(state.settings.https())
        .same_site(SameSite::Strict)
        .max_age(actix_web::cookie::time::Duration::seconds(max_age_secs))
        .finish()
}

/// The answer to a sign-in or refresh: a new access token for the session, and the refresh
/// token in the cookie (and in the body when `in_body`).
fn token_response(
    state: &AppState,
    account: &AccountRow,
    session: Continued,
    in_body: bool,
) -> AppResult<HttpResponse> {
    let role = account.role();
    let access_token = state
        .keys
        .issue(account.id, role, account.facility_id, session.session_id)
        .map_err(ApiError::internal)?;
    let refresh_expires_in = REFRESH_TOKEN_DAYS * 86_400;
    Ok(HttpResponse::Ok()
        .cookie(refresh_cookie(
            state,
            &session.refresh_token,
            refresh_expires_in,
        ))
        .json(TokenResponse {
            access_token,
            token_type: "Bearer",
            expires_in: ACCESS_TOKEN_SECONDS,
            role,
            refresh_token: in_body.then_some(session.refresh_token),
            refresh_expires_in,
        }))
}

/// Sign in with a login ID and password. The refresh token comes in the body (for API
/// clients) and in the `keynet_refresh` cookie (for the web client).
#[utoipa::path(
    tag = "auth", request_body = LoginRequest,
    responses(
        (status = 200, body = TokenResponse, headers(("Set-Cookie" = String, description = "`keynet_refresh`: the refresh token; HttpOnly, SameSite=Strict, Path=/api/v1/auth"))),
        (status = 400, body = ErrorBody), (status = 401, description = "Wrong login ID or password", body = ErrorBody),
        (status = 413, description = "Body over 256 KB", body = ErrorBody),
        (status = 429, description = "Too many failed attempts for this login ID from this address (or in all); see Retry-After", body = ErrorBody),
    )
)]
#[post("/auth/login")]
pub async fn create_session(
    req: HttpRequest,
    state: web::Data<AppState>,
    body: ValidJson<LoginRequest>,
) -> AppResult<HttpResponse> {
    let LoginRequest { login_id, password } = body.0;
    let client = client_address(&req, state.settings.trust_proxy_headers);
    let (account, session) =
        sign_in(&state.db, state.login_limits, login_id, password, client).await?;
    token_response(&state, &account, session, true)
}

/// Exchange a refresh token for a new access token and refresh token; the old one is spent.
/// Send `{"refresh_token": …}`, or `{}` to use the `keynet_refresh` cookie (then the new
/// refresh token comes only in the cookie). A refresh token used twice ends its session.
#[utoipa::path(
    tag = "auth", request_body = RefreshRequest,
    responses(
        (status = 200, body = TokenResponse, headers(("Set-Cookie" = String, description = "`keynet_refresh`: the new refresh token"))),
        (status = 400, body = ErrorBody), (status = 413, description = "Body over 256 KB", body = ErrorBody),
        (status = 401, description = "No live refresh token (unknown, expired, signed out, or reused — a reuse ends the whole session)", body = ErrorBody),
    )
)]
#[post("/auth/refresh")]
pub async fn refresh_session(
    req: HttpRequest,
    state: web::Data<AppState>,
    body: ValidJson<RefreshRequest>,
) -> AppResult<HttpResponse> {
    let (token, from_cookie) = match body.0.refresh_token {
        Some(t) => (t, false),
        None => (
            req.cookie(REFRESH_COOKIE)
                .map(|c| c.value().to_string())
                .ok_or(ApiError::Unauthenticated)?,
            true,
        ),
    };
    let continued = state
        .db
        .write(move |c| match sessions::rotate(c, &token)? {
            Some(s) => Ok(Some((accounts::find_account(c, s.account_id)?, s))),
            None => Ok(None),
        })
        .await?;
    match continued {
        Some((account, session)) => token_response(&state, &account, session, !from_cookie),
        None => {
            // Unauthenticated, and the browser forgets the dead cookie.
            let mut res = actix_web::ResponseError::error_response(&ApiError::Unauthenticated);
            if from_cookie {
                let _ = res.add_cookie(&refresh_cookie(&state, "", 0));
            }
            Ok(res)
        }
    }
}

/// Sign out: the session ends at once (its refresh token and its access tokens stop
/// working). Send `{"refresh_token": …}`, or `{}` with the cookie or a bearer token.
#[utoipa::path(
    tag = "auth", request_body = RefreshRequest,
    responses((status = 204, headers(("Set-Cookie" = String, description = "clears `keynet_refresh`"))), (status = 400, body = ErrorBody), (status = 413, description = "Body over 256 KB", body = ErrorBody))
)]
#[post("/auth/logout")]
pub async fn delete_session(
    req: HttpRequest,
    state: web::Data<AppState>,
    body: ValidJson<RefreshRequest>,
) -> AppResult<HttpResponse> {
    let refresh = body
        .0
        .refresh_token
        .or_else(|| req.cookie(REFRESH_COOKIE).map(|c| c.value().to_string()));
    let bearer = bearer_token(&req)
        .ok()
        .flatten()
        .and_then(|t| state.keys.verify(t))
        .map(|claims| claims.sid);
    state
        .db
        .write(move |c| {
            let from_refresh = match refresh {
                Some(t) => sessions::of_refresh_token(c, &t)?,
                None => None,
            };
            for id in [from_refresh, bearer].into_iter().flatten() {
                sessions::end(c, id, EndReason::SignedOut)?;
            }
            Ok(())
        })
        .await?;
    Ok(HttpResponse::NoContent()
        .cookie(refresh_cookie(&state, "", 0))
        .finish())
}

/// Sets a password from a mailed link for `purpose`: judged against the account the link
/// names (an unknown link is refused by `spend` alike), hashed off the async threads, then
/// set by `spend`, which spends the link in the same write.
async fn password_from_link(
    state: &AppState,
    token: String,
    new_password: String,
    purpose: &'static str,
    spend: fn(&mut crate::db::DbConn, &str, &str) -> AppResult<AccountRow>,
) -> AppResult<web::Json<ActivateResponse>> {
    let t = token.clone();
    if let Some(account) = state
        .db
        .run(move |c| accounts::account_of_token(c, &t, purpose))
        .await?
    {
        password::check(&new_password, &[&account.login_id, &account.email])
            .map_err(|e| ApiError::Validation(vec![e]))?;
    }
    let hash = web::block(move || password::hash(&new_password))
        .await?
        .map_err(ApiError::internal)?;
    let account = state.db.write(move |c| spend(c, &token, &hash)).await?;
    Ok(web::Json(ActivateResponse {
        login_id: account.login_id.clone(),
        role: account.role(),
    }))
}

/// Set the password of an account issued by mail, using the one-time token from the link.
#[utoipa::path(
    tag = "auth", request_body = ActivateRequest,
    responses((status = 200, body = ActivateResponse), (status = 400, body = ErrorBody), (status = 413, description = "Body over 256 KB", body = ErrorBody), (status = 422, description = "Invalid, expired or used token; weak password", body = ErrorBody))
)]
#[post("/auth/activate")]
pub async fn activate_account(
    state: web::Data<AppState>,
    body: ValidJson<ActivateRequest>,
) -> AppResult<web::Json<ActivateResponse>> {
    let ActivateRequest { token, password } = body.0;
    password_from_link(
        &state,
        token,
        password,
        accounts::ACTIVATE,
        accounts::activate,
    )
    .await
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PasswordResetRequest {
    /// E-mail address, or the facility ID for a facility account.
    #[schema(min_length = 1, max_length = 254)]
    pub login_id: String,
}

#[derive(Serialize, ToSchema)]
pub struct PasswordResetAccepted {
    /// The same words whether or not the login ID has an account.
    pub message: String,
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PasswordResetConfirm {
    /// The token from the link in the reset mail (valid for an hour, once).
    pub token: String,
    /// 8–128 characters, not easy to guess (422 `weak_password` otherwise).
    #[schema(schema_with = crate::domain::schema::password)]
    pub password: String,
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ChangePasswordRequest {
    pub current_password: String,
    /// 8–128 characters, not easy to guess (422 `weak_password` otherwise).
    #[schema(schema_with = crate::domain::schema::password)]
    pub new_password: String,
}

/// Ask for a password reset link. The answer is the same whether or not the login ID has an
/// account; when it has, a link valid for an hour is mailed to the account's address.
#[utoipa::path(
    tag = "auth", request_body = PasswordResetRequest,
    responses(
        (status = 202, body = PasswordResetAccepted),
        (status = 400, body = ErrorBody),
        (status = 413, description = "Body over 256 KB", body = ErrorBody),
        (status = 422, description = "An empty or too long `login_id`", body = ErrorBody),
        (status = 429, description = "Too many links asked for this login ID or from this address in an hour; see Retry-After", body = ErrorBody),
    )
)]
#[post("/auth/password-reset")]
pub async fn create_password_reset(
    req: HttpRequest,
    state: web::Data<AppState>,
    lang: crate::i18n::Lang,
    body: ValidJson<PasswordResetRequest>,
) -> AppResult<HttpResponse> {
    let login_id = body.0.login_id;
    if login_id.is_empty() || login_id.chars().count() > 254 {
        return Err(ApiError::field(
            "login_id",
            "length",
            crate::i18n::Msg::new(
                "1〜254文字で入力してください。",
                "Give 1 to 254 characters.",
            ),
        ));
    }
    let client = client_address(&req, state.settings.trust_proxy_headers);
    request_reset(&state.db, login_id.trim().to_string(), client).await?;
    Ok(HttpResponse::Accepted().json(PasswordResetAccepted {
        message: crate::i18n::Msg::new(
            "ご登録があれば、パスワード再設定用のリンクをメールでお送りしました（有効期限：1時間）。",
            "If the login ID has an account, a link to reset its password is on its way by mail (valid for an hour).",
        )
        .get(lang)
        .to_string(),
    }))
}

/// Set a new password with the token from a reset mail; every session of the account ends.
#[utoipa::path(
    tag = "auth", request_body = PasswordResetConfirm,
    responses(
        (status = 200, body = ActivateResponse),
        (status = 400, body = ErrorBody),
        (status = 413, description = "Body over 256 KB", body = ErrorBody),
        (status = 422, description = "Invalid, expired or used token; weak password", body = ErrorBody),
    )
)]
#[post("/auth/password-reset/confirm")]
pub async fn confirm_password_reset(
    state: web::Data<AppState>,
    body: ValidJson<PasswordResetConfirm>,
) -> AppResult<web::Json<ActivateResponse>> {
    let PasswordResetConfirm { token, password } = body.0;
    password_from_link(
        &state,
        token,
        password,
        accounts::RESET,
        accounts::reset_password,
    )
    .await
}

/// Change the signed-in account's password; its other sessions end, this one goes on.
#[utoipa::path(
    tag = "auth", request_body = ChangePasswordRequest, security(("bearer" = [])),
    responses(
        (status = 204),
        (status = 400, body = ErrorBody),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 413, description = "Body over 256 KB", body = ErrorBody),
        (status = 422, description = "The current password is wrong (`current_password`/`wrong_password`); weak new password", body = ErrorBody),
        (status = 429, description = "Too many wrong passwords for this account (counted with sign-ins); see Retry-After", body = ErrorBody),
    )
)]
#[post("/auth/password")]
pub async fn change_password(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: AuthUser,
    body: ValidJson<ChangePasswordRequest>,
) -> AppResult<HttpResponse> {
    let ChangePasswordRequest {
        current_password,
        new_password,
    } = body.0;
    let id = user.account_id;
    let account = state.db.run(move |c| accounts::find_account(c, id)).await?;
    password::check(&new_password, &[&account.login_id, &account.email]).map_err(|mut e| {
        e.field = "new_password".into();
        ApiError::Validation(vec![e])
    })?;
    // Counted like a sign-in: someone holding a stolen session cannot guess on and on.
    let client = client_address(&req, state.settings.trust_proxy_headers);
    match check_password(
        &state.db,
        state.login_limits,
        account.login_id.clone(),
        current_password,
        client,
    )
    .await
    {
        Ok(a) if a.id == id => {}
        Err(ApiError::RateLimited { retry_after_secs }) => {
            return Err(ApiError::RateLimited { retry_after_secs })
        }
        _ => {
            return Err(ApiError::field(
                "current_password",
                "wrong_password",
                crate::i18n::Msg::new(
                    "現在のパスワードが正しくありません。",
                    "The current password is not right.",
                ),
            ))
        }
    }
    let hash = web::block(move || password::hash(&new_password)).await?;
    let hash = hash.map_err(ApiError::internal)?;
    let keep = user.session_id;
    state
        .db
        .write_by(&user, move |c| {
            accounts::set_password(c, id, &hash, Some(keep), "changed").map(|_| ())
        })
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// The signed-in account.
#[utoipa::path(
    tag = "auth", security(("bearer" = [])),
    responses((status = 200, body = MeResponse), (status = 401, body = ErrorBody))
)]
#[get("/auth/me")]
pub async fn get_me(
    state: web::Data<AppState>,
    user: AuthUser,
) -> AppResult<web::Json<MeResponse>> {
    let (account, facility, email_confirmed) = state
        .db
        .run(move |c| {
            let a = accounts::find_account(c, user.account_id)
                .map_err(|_| ApiError::Unauthenticated)?;
            let f = match a.facility_id {
                Some(id) => Some(accounts::find_facility(c, id)?),
                None => None,
            };
            let confirmed = a.role() != Role::Jobseeker || accounts::email_confirmed(c, &a)?;
            Ok((a, f, confirmed))
        })
        .await?;
    Ok(web::Json(MeResponse {
        account_id: account.id,
        role: account.role(),
        login_id: account.login_id.clone(),
        email: account.email.clone(),
        facility: facility.map(|f| MeFacility {
            id: f.id,
            gmis_id: f.gmis_id,
            name: f.name,
            status: f.status,
        }),
        email_confirmed,
    }))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct EmailConfirmation {
    /// The token from the link in the confirmation mail (valid for 7 days, once).
    pub token: String,
}

/// Confirm a jobseeker's e-mail address with the token from the mail sent at sign-up (or
/// asked for again); signing in is not needed.
#[utoipa::path(
    tag = "auth", request_body = EmailConfirmation,
    responses(
        (status = 204, description = "Confirmed"),
        (status = 400, body = ErrorBody),
        (status = 413, description = "Body over 256 KB", body = ErrorBody),
        (status = 422, description = "Invalid, expired or used token (`token`)", body = ErrorBody),
    )
)]
#[post("/auth/email-confirmation")]
pub async fn confirm_email(
    state: web::Data<AppState>,
    body: ValidJson<EmailConfirmation>,
) -> AppResult<HttpResponse> {
    let token = body.0.token;
    state
        .db
        .write(move |c| accounts::confirm_email(c, &token))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Mail the signed-in jobseeker a new confirmation link (earlier ones stop working); 204
/// without a mail when the address is confirmed already.
#[utoipa::path(
    tag = "auth", security(("bearer" = [])),
    responses(
        (status = 202, description = "A new link is on its way"),
        (status = 204, description = "Already confirmed: no mail"),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not a jobseeker", body = ErrorBody),
        (status = 429, description = "Asked too often; see Retry-After", body = ErrorBody),
    )
)]
#[post("/auth/email-confirmation/resend")]
pub async fn resend_email_confirmation(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: AuthUser,
) -> AppResult<HttpResponse> {
    super::jobseekers::ensure_jobseeker(&user)?;
    let id = user.account_id;
    let client = client_address(&req, state.settings.trust_proxy_headers);
    let key = format!("confirm:{id}");
    let mailed = state
        .db
        .write_by(&user, move |c| {
            crate::auth::sign_in::limit_link_requests(c, &key, &client)?;
            accounts::request_confirmation(c, id)
        })
        .await?;
    Ok(if mailed {
        HttpResponse::Accepted().finish()
    } else {
        HttpResponse::NoContent().finish()
    })
}
