//! Validated domain types. Request bodies are parsed into these once, in the handler;
//! code below never re-checks them.

pub mod codes;
pub mod posting;
pub mod prefecture;
pub mod prefecture_data;
pub mod schema;
pub mod search;
pub mod text;
pub mod training;
