//! Sign-in attempt limits. Attempts are counted in the database (`login_attempts`), so
//! every server on one database enforces the same limits, and a restart forgets nothing.
//! The tight limit is per login ID *and* client address: someone guessing from elsewhere
//! cannot lock the owner out; a looser ceiling per login ID stops guessing spread over many
//! addresses, and one per address stops an address trying many IDs.

pub use crate::db::sessions::LoginLimits;
use actix_web::HttpRequest;

/// The client's address as the limiter keys it: the peer address, or the address a
/// trusted reverse proxy reports when `KEYNET_TRUST_PROXY_HEADERS` is set.
pub fn client_address(req: &HttpRequest, trust_proxy_headers: bool) -> String {
    if trust_proxy_headers {
        if let Some(ip) = req.connection_info().realip_remote_addr() {
            return ip.to_string();
        }
    }
    req.peer_addr()
        .map(|a| a.ip().to_string())
        .unwrap_or_default()
}
