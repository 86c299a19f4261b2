//! Background work the server does on its own.

pub mod expire;
pub mod outbox;
pub mod schedule;
