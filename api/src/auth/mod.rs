//! Authentication: password hashing, access and refresh tokens, the [`AuthUser`] extractor,
//! the login rate limiter, and the named policy checks handlers call.

pub mod partner;
pub mod password;
pub mod policy;
pub mod rate_limit;
pub mod sign_in;
pub mod threads;
pub mod tokens;

pub use policy::{AuthUser, MaybeUser};
