//! A partner's systems calling with an API key ([`PartnerCaller`]), the per-key request
//! limit, and the named checks partner handlers make.

use super::policy::bearer_token;
use crate::db::partners::{self, OrganisationRow, KEY_PREFIX};
use crate::domain::partner::Scope;
use crate::error::ApiError;
use crate::i18n::Msg;
use crate::state::AppState;
use actix_web::{dev::Payload, web, FromRequest, HttpRequest};
use futures_util::future::LocalBoxFuture;
use std::collections::HashMap;
use std::sync::Mutex;
use std::time::Instant;

/// The organisation whose live API key the request carries, or whose signed-in partner
/// user (role `partner`) makes it.
#[derive(Clone, Debug)]
pub struct PartnerCaller {
    pub organisation: OrganisationRow,
    pub via: Via,
}

impl crate::db::Actor for PartnerCaller {
    /// A member signed in acts as themself; an API key acts for the organisation only.
    fn actor_account_id(&self) -> Option<i64> {
        match self.via {
            Via::User(id) => Some(id),
            Via::ApiKey(_) => None,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Via {
    ApiKey(i64),
    User(i64),
}

/// Requests per key in the current minute (per server; a key is usually used by one
/// system, so the limit is about runaway loops, not about splitting a budget fairly).
static WINDOWS: Mutex<Option<HashMap<i64, (Instant, u32)>>> = Mutex::new(None);

fn admit(key_id: i64, per_minute: u32) -> Result<(), ApiError> {
    let mut guard = WINDOWS.lock().unwrap_or_else(|e| e.into_inner());
    let windows = guard.get_or_insert_with(HashMap::new);
    let now = Instant::now();
    let entry = windows.entry(key_id).or_insert((now, 0));
    let elapsed = now.duration_since(entry.0).as_secs();
    if elapsed >= 60 {
        *entry = (now, 0);
    }
    if entry.1 >= per_minute {
        return Err(ApiError::RateLimited {
            retry_after_secs: 60 - elapsed.min(59),
        });
    }
    entry.1 += 1;
    Ok(())
}

impl FromRequest for PartnerCaller {
    type Error = ApiError;
    type Future = LocalBoxFuture<'static, Result<Self, ApiError>>;
    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let req = req.clone();
        Box::pin(async move {
            let token = bearer_token(&req)?
                .ok_or(ApiError::Unauthenticated)?
                .to_string();
            let state = req
                .app_data::<web::Data<AppState>>()
                .ok_or_else(|| ApiError::internal("no state"))?
                .clone();
            if !token.starts_with(KEY_PREFIX) {
                // A signed-in partner user (the web client).
                let user = super::policy::from_headers(req)
                    .await?
                    .ok_or(ApiError::Unauthenticated)?;
                if user.role != crate::domain::codes::Role::Partner {
                    return Err(ApiError::Forbidden(Msg::new(
                        "関係機関のアカウントでログインしてください。",
                        "Sign in with a partner organisation's account.",
                    )));
                }
                let id = user.account_id;
                let organisation = state
                    .db
                    .run(move |c| partners::organisation_of_member(c, id))
                    .await?
                    .ok_or(ApiError::Unauthenticated)?;
                return Ok(PartnerCaller {
                    organisation,
                    via: Via::User(id),
                });
            }
            let found = state.db.run(move |c| partners::by_key(c, &token)).await?;
            let (organisation, key_id) = found.ok_or(ApiError::Unauthenticated)?;
            admit(key_id, state.settings.partner_requests_per_minute)?;
            Ok(PartnerCaller {
                organisation,
                via: Via::ApiKey(key_id),
            })
        })
    }
}

impl PartnerCaller {
    pub fn scope(&self) -> Scope {
        self.organisation.scope()
    }

    /// Posting data (feed, CSV) is for full-detail scopes; a counts-only scope gets 403.
    pub fn ensure_full_detail(&self) -> Result<Scope, ApiError> {
        let scope = self.scope();
        if scope.is_full() {
            Ok(scope)
        } else {
            Err(ApiError::Forbidden(Msg::new(
                "この組織の提供範囲は件数のみです。",
                "This organisation's scope gives counts only.",
            )))
        }
    }
}
