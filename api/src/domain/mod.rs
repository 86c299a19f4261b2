//! Validated domain types. Request bodies are parsed into these once, in the handler;
//! code below never re-checks them.

pub mod codes;
pub mod desk;
pub mod interview;
pub mod partner;
pub mod posting;
pub mod prefecture;
pub mod prefecture_data;
pub mod profile;
pub mod schema;
pub mod search;
pub mod text;
pub mod training;
pub mod training_report;
