//! What every handler can reach.

use crate::auth::rate_limit::LoginLimits;
use crate::auth::tokens::TokenKeys;
use crate::config::Settings;
use crate::db::Db;
use crate::mail::Mailer;

pub struct AppState {
    pub db: Db,
    pub keys: TokenKeys,
    pub settings: Settings,
    pub login_limits: LoginLimits,
    pub mailer: std::sync::Arc<Mailer>,
    pub facet_cache: crate::db::postings::FacetCache,
    pub public_views: crate::views::posting::RenderedPublicViews,
}
