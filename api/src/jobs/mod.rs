//! Background work the server does on its own.

pub mod alerts;
pub mod audit_from_changes;
pub mod digest;
pub mod expire;
pub mod mail_from_changes;
pub mod outbox;
pub mod schedule;
pub mod webhooks;
