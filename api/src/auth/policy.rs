//! Who is calling ([`AuthUser`], [`MaybeUser`]) and the named checks handlers make.

use crate::domain::codes::Role;
use crate::error::ApiError;
use crate::i18n::Msg;
use crate::state::AppState;
use actix_web::{dev::Payload, http::header, web, FromRequest, HttpRequest};
use futures_util::future::LocalBoxFuture;

/// A signed-in caller, from a valid `Authorization: Bearer` access token whose session is
/// still live: sign-out, a reused refresh token, a new password or an erased account end
/// the session, and its access tokens stop working on the next request.
#[derive(Clone, Debug)]
pub struct AuthUser {
    pub account_id: i64,
    pub role: Role,
    pub facility_id: Option<i64>,
    pub session_id: i64,
}

/// The caller when signing in is optional; a present but invalid token is still a 401,
/// so that clients refresh instead of silently seeing less.
#[derive(Clone, Debug)]
pub struct MaybeUser(pub Option<AuthUser>);

/// The bearer token of the request, if it carries one.
pub fn bearer_token(req: &HttpRequest) -> Result<Option<&str>, ApiError> {
    let Some(value) = req.headers().get(header::AUTHORIZATION) else {
        return Ok(None);
    };
    value
        .to_str()
        .ok()
        .and_then(|v| {
            v.strip_prefix("Bearer ")
                .or_else(|| v.strip_prefix("bearer "))
        })
        .map(|t| Some(t.trim()))
        .ok_or(ApiError::Unauthenticated)
}

pub(crate) async fn from_headers(req: HttpRequest) -> Result<Option<AuthUser>, ApiError> {
    let Some(token) = bearer_token(&req)? else {
        return Ok(None);
    };
    let state = req
        .app_data::<web::Data<AppState>>()
        .ok_or_else(|| ApiError::internal("no state"))?;
    let claims = state.keys.verify(token).ok_or(ApiError::Unauthenticated)?;
    let account_id: i64 = claims.sub.parse().map_err(|_| ApiError::Unauthenticated)?;
    let session_id = claims.sid;
    // One primary-key read per request, on the database every server shares.
    let live = state
        .db
        .run(move |c| crate::db::sessions::is_live(c, session_id, account_id))
        .await?;
    if !live {
        return Err(ApiError::Unauthenticated);
    }
    Ok(Some(AuthUser {
        account_id,
        role: claims.role,
        facility_id: claims.fac,
        session_id,
    }))
}

impl FromRequest for AuthUser {
    type Error = ApiError;
    type Future = LocalBoxFuture<'static, Result<Self, ApiError>>;
    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let req = req.clone();
        Box::pin(async move { from_headers(req).await?.ok_or(ApiError::Unauthenticated) })
    }
}

impl FromRequest for MaybeUser {
    type Error = ApiError;
    type Future = LocalBoxFuture<'static, Result<Self, ApiError>>;
    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let req = req.clone();
        Box::pin(async move { from_headers(req).await.map(MaybeUser) })
    }
}

/// For whom a caller registers a posting (SPEC 4, step 1).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RegistersFor {
    /// A facility account, for itself.
    OwnFacility(i64),
    /// An admin, for the facility the body names (the fax path).
    NamedFacility,
}

fn forbidden() -> ApiError {
    ApiError::Forbidden(Msg::new(
        "この操作を行う権限がありません。",
        "You are not allowed to do this.",
    ))
}

impl crate::db::Actor for AuthUser {
    fn actor_account_id(&self) -> Option<i64> {
        Some(self.account_id)
    }
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

    /// Facilities register their own postings; admins register for the facility the body
    /// names (and must name one); nobody else registers.
    pub fn registers_for(&self, names_facility: bool) -> Result<RegistersFor, ApiError> {
        match (self.role, names_facility) {
            (Role::Admin, true) => Ok(RegistersFor::NamedFacility),
            (Role::Admin, false) => Err(ApiError::field(
                "facility",
                "required",
                Msg::new(
                    "代理登録では医療機関の情報が必要です。",
                    "Give the facility you register for.",
                ),
            )),
            (Role::Facility, false) => self
                .facility_id
                .map(RegistersFor::OwnFacility)
                .ok_or(ApiError::Unauthenticated),
            (Role::Facility, true) => Err(ApiError::Forbidden(Msg::new(
                "医療機関の情報を指定できるのは管理者だけです。",
                "Only admins register postings for a facility.",
            ))),
            _ => Err(ApiError::Forbidden(Msg::new(
                "募集情報を登録できるのは医療機関と管理者です。",
                "Only facilities and admins register postings.",
            ))),
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
