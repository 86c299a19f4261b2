//! Access tokens (HS256 JWT, 15 minutes, issuer and audience checked) and opaque
//! one-time/refresh tokens (random, stored only as SHA-256 hashes).

use crate::domain::codes::Role;
use jsonwebtoken::{decode, encode, Algorithm, DecodingKey, EncodingKey, Header, Validation};
use rand::RngCore;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

pub const ACCESS_TOKEN_SECONDS: i64 = 15 * 60;
pub const REFRESH_TOKEN_DAYS: i64 = 14;
pub const ACTIVATION_TOKEN_DAYS: i64 = 7;
const ISSUER: &str = "keynet";
const AUDIENCE: &str = "keynet-api";

#[derive(Debug, Serialize, Deserialize)]
pub struct Claims {
    pub sub: String,
    pub role: Role,
    /// The facility of a facility account.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fac: Option<i64>,
    /// The session this token belongs to; every request checks that it is still live.
    pub sid: i64,
    pub iss: String,
    pub aud: String,
    pub iat: i64,
    pub exp: i64,
}

#[derive(Clone)]
pub struct TokenKeys {
    encoding: EncodingKey,
    decoding: DecodingKey,
}

impl TokenKeys {
    pub fn new(secret: &[u8]) -> TokenKeys {
        TokenKeys {
            encoding: EncodingKey::from_secret(secret),
            decoding: DecodingKey::from_secret(secret),
        }
    }

    pub fn issue(
        &self,
        account_id: i64,
        role: Role,
        facility_id: Option<i64>,
        session_id: i64,
    ) -> Result<String, String> {
        let now = chrono::Utc::now().timestamp();
        let claims = Claims {
            sub: account_id.to_string(),
            role,
            fac: facility_id,
            sid: session_id,
            iss: ISSUER.into(),
            aud: AUDIENCE.into(),
            iat: now,
            exp: now + ACCESS_TOKEN_SECONDS,
        };
        encode(&Header::new(Algorithm::HS256), &claims, &self.encoding).map_err(|e| e.to_string())
    }

    pub fn verify(&self, token: &str) -> Option<Claims> {
        let mut v = Validation::new(Algorithm::HS256); // the only algorithm accepted
        v.set_issuer(&[ISSUER]);
        v.set_audience(&[AUDIENCE]);
        v.set_required_spec_claims(&["exp", "iss", "aud", "sub"]); // and `sid`, by its type
        v.leeway = 5;
        decode::<Claims>(token, &self.decoding, &v)
            .ok()
            .map(|d| d.claims)
    }
}

/// What an unsubscribe link signs: one saved search, for good (no expiry: a link in an old
/// mail must still stop the mails). Its own audience, so no access token can pass for it.
#[derive(Debug, Serialize, Deserialize)]
struct UnsubscribeClaims {
    sub: String,
    iss: String,
    aud: String,
}

const UNSUBSCRIBE_AUDIENCE: &str = "keynet-unsubscribe";

impl TokenKeys {
    /// A signed token that stops the alerts of saved search `id`.
    pub fn sign_unsubscribe(&self, id: i64) -> Result<String, String> {
        let claims = UnsubscribeClaims {
            sub: id.to_string(),
            iss: ISSUER.into(),
            aud: UNSUBSCRIBE_AUDIENCE.into(),
        };
        encode(&Header::new(Algorithm::HS256), &claims, &self.encoding).map_err(|e| e.to_string())
    }

    /// The saved search an unsubscribe token names, when its signature holds.
    pub fn verify_unsubscribe(&self, token: &str) -> Option<i64> {
        let mut v = Validation::new(Algorithm::HS256);
        v.set_issuer(&[ISSUER]);
        v.set_audience(&[UNSUBSCRIBE_AUDIENCE]);
        v.set_required_spec_claims(&["iss", "aud", "sub"]);
        v.validate_exp = false;
        decode::<UnsubscribeClaims>(token, &self.decoding, &v)
            .ok()
            .and_then(|d| d.claims.sub.parse().ok())
    }
}

/// A random URL-safe token and the hash to store.
pub fn new_opaque_token() -> (String, String) {
    let mut bytes = [0u8; 32];
    rand::thread_rng().fill_bytes(&mut bytes);
    let token = base64::Engine::encode(&base64::engine::general_purpose::URL_SAFE_NO_PAD, bytes);
    let hash = hash_token(&token);
    (token, hash)
}

pub fn hash_token(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// The signing secret: from the setting, or generated once and kept in the data directory.
pub fn load_or_create_secret(
    configured: Option<&str>,
    data_dir: &std::path::Path,
) -> Result<Vec<u8>, String> {
    if let Some(s) = configured {
        if s.len() < 32 {
            return Err("KEYNET_JWT_SECRET must be at least 32 characters".into());
        }
        return Ok(s.as_bytes().to_vec());
    }
    let path = data_dir.join("jwt-secret");
    if let Ok(existing) = std::fs::read_to_string(&path) {
        if existing.trim().len() >= 32 {
            return Ok(existing.trim().as_bytes().to_vec());
        }
    }
    std::fs::create_dir_all(data_dir)
        .map_err(|e| format!("cannot create {}: {e}", data_dir.display()))?;
    let (secret, _) = new_opaque_token();
    std::fs::write(&path, &secret).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let _ = std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600));
    }
    Ok(secret.into_bytes())
}
