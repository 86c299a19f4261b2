//! Sign-in, token refresh, sign-out, account activation, and who-am-I.

use crate::auth::tokens::{ACCESS_TOKEN_SECONDS, REFRESH_TOKEN_DAYS};
use crate::auth::{password, AuthUser};
use crate::db::accounts::{self, AccountRow};
use crate::domain::codes::Role;
use crate::error::{ApiError, AppResult, ErrorBody};
use crate::extract::ValidJson;
use crate::state::AppState;
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
    /// Exchange at `POST /api/v1/auth/refresh` for a new pair; single use.
    pub refresh_token: String,
    pub refresh_expires_in: i64,
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RefreshRequest {
    pub refresh_token: String,
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ActivateRequest {
    /// The token from the link in the activation mail.
    pub token: String,
    /// 8–128 characters with at least one letter and one digit.
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
}

async fn issue_tokens(state: &AppState, account: AccountRow) -> AppResult<TokenResponse> {
    let role = account.role();
    let access_token = state
        .keys
        .issue(account.id, role, account.facility_id)
        .map_err(ApiError::internal)?;
    let id = account.id;
    let refresh_token = state
        .db
        .write(move |c| {
            accounts::touch_login(c, id)?;
            accounts::issue_refresh_token(c, id)
        })
        .await?;
    Ok(TokenResponse {
        access_token,
        token_type: "Bearer",
        expires_in: ACCESS_TOKEN_SECONDS,
        role,
        refresh_token,
        refresh_expires_in: REFRESH_TOKEN_DAYS * 86_400,
    })
}

/// Sign in with a login ID and password.
#[utoipa::path(
    tag = "auth", request_body = LoginRequest,
    responses(
        (status = 200, body = TokenResponse),
        (status = 400, body = ErrorBody), (status = 401, description = "Wrong login ID or password", body = ErrorBody),
        (status = 429, description = "Too many attempts; see Retry-After", body = ErrorBody),
    )
)]
#[post("/auth/login")]
pub async fn create_session(
    req: HttpRequest,
    state: web::Data<AppState>,
    body: ValidJson<LoginRequest>,
) -> AppResult<web::Json<TokenResponse>> {
    let LoginRequest {
        login_id,
        password: given,
    } = body.0;
    let client = req
        .peer_addr()
        .map(|a| a.ip().to_string())
        .unwrap_or_default();
    state
        .login_limiter
        .check(&login_id, &client)
        .map_err(|retry_after_secs| ApiError::RateLimited { retry_after_secs })?;
    // A login ID with control characters matches nobody (and PostgreSQL refuses NUL).
    let account = if login_id.chars().any(char::is_control) {
        None
    } else {
        state
            .db
            .run(move |c| accounts::find_by_login(c, &login_id))
            .await?
    };
    // Verify even when there is no such account, so timing tells nothing.
    let hash = account.as_ref().and_then(|a| a.password_hash.clone());
    let ok = web::block(move || {
        let target = hash.as_deref().unwrap_or(password::dummy_hash());
        password::verify(&given, target) && hash.is_some()
    })
    .await?;
    match account {
        Some(a) if ok => Ok(web::Json(issue_tokens(&state, a).await?)),
        _ => Err(ApiError::InvalidCredentials),
    }
}

/// Exchange a refresh token for a new access and refresh token (the old one is spent).
#[utoipa::path(
    tag = "auth", request_body = RefreshRequest,
    responses((status = 200, body = TokenResponse), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody))
)]
#[post("/auth/refresh")]
pub async fn refresh_session(
    state: web::Data<AppState>,
    body: ValidJson<RefreshRequest>,
) -> AppResult<web::Json<TokenResponse>> {
    let token = body.0.refresh_token;
    let account = state
        .db
        .write(move |c| match accounts::spend_refresh_token(c, &token)? {
            Some(id) => Ok(Some(accounts::find_account(c, id)?)),
            None => Ok(None),
        })
        .await?
        .ok_or(ApiError::Unauthenticated)?;
    Ok(web::Json(issue_tokens(&state, account).await?))
}

/// Sign out: the refresh token stops working. Access tokens expire on their own.
#[utoipa::path(tag = "auth", request_body = RefreshRequest, responses((status = 204), (status = 400, body = ErrorBody)))]
#[post("/auth/logout")]
pub async fn delete_session(
    state: web::Data<AppState>,
    body: ValidJson<RefreshRequest>,
) -> AppResult<HttpResponse> {
    let token = body.0.refresh_token;
    state
        .db
        .write(move |c| accounts::spend_refresh_token(c, &token))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Set the password of an account issued by mail, using the one-time token from the link.
#[utoipa::path(
    tag = "auth", request_body = ActivateRequest,
    responses((status = 200, body = ActivateResponse), (status = 400, body = ErrorBody), (status = 422, description = "Invalid, expired or used token; weak password", body = ErrorBody))
)]
#[post("/auth/activate")]
pub async fn activate_account(
    state: web::Data<AppState>,
    body: ValidJson<ActivateRequest>,
) -> AppResult<web::Json<ActivateResponse>> {
    let ActivateRequest {
        token,
        password: new_password,
    } = body.0;
    if !password::acceptable(&new_password) {
        return Err(ApiError::Validation(vec![password::weak_password_error()]));
    }
    let hash = web::block(move || password::hash(&new_password))
        .await?
        .map_err(ApiError::internal)?;
    let account = state
        .db
        .write(move |c| accounts::activate(c, &token, &hash))
        .await?;
    Ok(web::Json(ActivateResponse {
        login_id: account.login_id.clone(),
        role: account.role(),
    }))
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
    let (account, facility) = state
        .db
        .run(move |c| {
            let a = accounts::find_account(c, user.account_id)
                .map_err(|_| ApiError::Unauthenticated)?;
            let f = match a.facility_id {
                Some(id) => Some(accounts::find_facility(c, id)?),
                None => None,
            };
            Ok((a, f))
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
    }))
}
