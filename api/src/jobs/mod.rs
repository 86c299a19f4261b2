//! Background work the server does on its own.

pub mod expire;
