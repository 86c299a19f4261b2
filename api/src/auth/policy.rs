//! Who is calling ([`AuthUser`], [`MaybeUser`]) and the named checks handlers make.

use crate::domain::codes::Role;
use crate::error::ApiError;
use crate::i18n::Msg;
use crate::state::AppState;
use actix_web::{dev::Payload, http::header, web, FromRequest, HttpRequest};
use std::future::{ready, Ready};

/// A signed-in caller, from a valid `Authorization: Bearer` access token.
#[derive(Clone, Debug)]
pub struct AuthUser {
    pub account_id: i64,
    pub role: Role,
    pub facility_id: Option<i64>,
}

/// The caller when signing in is optional; a present but invalid token is still a 401,
/// so that clients refresh instead of silently seeing less.
#[derive(Clone, Debug)]
pub struct MaybeUser(pub Option<AuthUser>);

fn from_headers(req: &HttpRequest) -> Result<Option<AuthUser>, ApiError> {
    let Some(value) = req.headers().get(header::AUTHORIZATION) else {
        return Ok(None);
    };
    let token = value
        .to_str()
        .ok()
        .and_then(|v| {
            v.strip_prefix("Bearer ")
                .or_else(|| v.strip_prefix("bearer "))
        })
        .ok_or(ApiError::Unauthenticated)?;
    let state = req
        .app_data::<web::Data<AppState>>()
        .ok_or_else(|| ApiError::internal("no state"))?;
    let claims = state
        .keys
        .verify(token.trim())
        .ok_or(ApiError::Unauthenticated)?;
    let account_id = claims.sub.parse().map_err(|_| ApiError::Unauthenticated)?;
    Ok(Some(AuthUser {
        account_id,
        role: claims.role,
        facility_id: claims.fac,
    }))
}

impl FromRequest for AuthUser {
    type Error = ApiError;
    type Future = Ready<Result<Self, ApiError>>;
    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        ready(from_headers(req).and_then(|u| u.ok_or(ApiError::Unauthenticated)))
    }
}

impl FromRequest for MaybeUser {
    type Error = ApiError;
    type Future = Ready<Result<Self, ApiError>>;
    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        ready(from_headers(req).map(MaybeUser))
    }
}

fn forbidden() -> ApiError {
    ApiError::Forbidden(Msg::new(
        "この操作を行う権限がありません。",
        "You are not allowed to do this.",
    ))
}

impl AuthUser {
    pub fn is_admin(&self) -> bool {
        self.role == Role::Admin
    }

    pub fn ensure_admin(&self) -> Result<(), ApiError> {
        if self.is_admin() {
            Ok(())
        } else {
            Err(forbidden())
        }
    }

    /// The caller's facility, when the caller is a facility account.
    pub fn ensure_facility(&self) -> Result<i64, ApiError> {
        match (self.role, self.facility_id) {
            (Role::Facility, Some(id)) => Ok(id),
            _ => Err(forbidden()),
        }
    }

    /// May this caller see and change everything about a posting of `facility_id`?
    pub fn manages_facility(&self, facility_id: i64) -> bool {
        self.is_admin() || (self.role == Role::Facility && self.facility_id == Some(facility_id))
    }

    pub fn ensure_manages_facility(&self, facility_id: i64) -> Result<(), ApiError> {
        if self.manages_facility(facility_id) {
            Ok(())
        } else {
            Err(forbidden())
        }
    }
}
