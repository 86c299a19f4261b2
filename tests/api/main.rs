//! Black-box API tests. Run on SQLite by default, on PostgreSQL with
//! `KEYNET_TEST_POSTGRES_URL=postgres://postgres@127.0.0.1:5432`.

mod accounts;
mod alerts;
mod changes;
mod contract;
mod hardening;
mod masking;
mod openapi;
mod partners;
mod postings;
mod reference;
mod search;
mod sessions;
mod threads;
mod validation;
