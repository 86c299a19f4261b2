//! Key-Net: the API server of 医療のお仕事 Key-Net, as a library so that tests can start
//! the real server on port 0.

pub mod app;
pub mod auth;
pub mod bench;
pub mod clock;
pub mod config;
pub mod db;
pub mod disclosure;
pub mod domain;
pub mod error;
pub mod extract;
pub mod flows;
pub mod geo;
pub mod handlers;
pub mod i18n;
pub mod jobs;
pub mod mail;
pub mod notify;
pub mod observe;
pub mod openapi;
pub mod partner;
pub mod routes;
pub mod security;
pub mod seed;
pub mod seed_data;
pub mod seo;
pub mod shortages;
pub mod state;
pub mod views;
pub mod web_client;
