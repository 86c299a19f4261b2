//! HTTP handlers, one module per resource; each is `<verb>_<resource>` and documented
//! with `#[utoipa::path]`.

pub mod admin;
pub mod auth;
pub mod desks;
pub mod facility_directory;
pub mod intake;
pub mod jobseekers;
pub mod organisations;
pub mod partner;
pub mod postings;
pub mod reference;
pub mod referrals;
pub mod saved_searches;
pub mod shortages;
pub mod system;
pub mod threads;
