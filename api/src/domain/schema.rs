//! JSON Schemas for request fields whose rules a derive cannot state: text that must not be
//! blank, and the formats the parsers in [`super::text`] accept. Used with
//! `#[schema(schema_with = …)]`, so that what the spec accepts is what the server accepts.

use utoipa::openapi::schema::{ObjectBuilder, Schema, SchemaFormat, Type};
use utoipa::openapi::{KnownFormat, RefOr};

/// A character that is neither white space (as `str::trim` sees it) nor a control character:
/// a text is blank unless it holds one (control characters are dropped before trimming).
/// Unanchored, so the pattern means "contains such a character".
pub const MEANINGFUL: &str =
    "[^\\u0000-\\u0020\\u007f-\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]";

/// Digits as typed: ASCII or full-width (folded by the server).
const DIGIT: &str = "[0-9０-９]";
/// The hyphens and dashes people type in postal codes and phone numbers.
const DASH: &str = "[-－ー−‐‑–—―]";

fn string(nullable: bool) -> ObjectBuilder {
    let ty = if nullable {
        utoipa::openapi::schema::SchemaType::from_iter([Type::String, Type::Null])
    } else {
        utoipa::openapi::schema::SchemaType::new(Type::String)
    };
    ObjectBuilder::new().schema_type(ty)
}

fn done(b: ObjectBuilder) -> RefOr<Schema> {
    RefOr::T(Schema::Object(b.build()))
}

/// A required text: 1–`MAX` characters as sent, not blank.
pub fn text<const MAX: usize>() -> RefOr<Schema> {
    done(
        string(false)
            .min_length(Some(1))
            .max_length(Some(MAX))
            .pattern(Some(MEANINGFUL)),
    )
}

/// An optional text of at most `MAX` characters; blank or `null` means absent.
pub fn optional_text<const MAX: usize>() -> RefOr<Schema> {
    done(string(true).max_length(Some(MAX)))
}

/// An optional text that is absent or empty when left out (`""` by default).
pub fn text_or_empty<const MAX: usize>() -> RefOr<Schema> {
    done(string(false).max_length(Some(MAX)))
}

/// A required e-mail address.
pub fn email() -> RefOr<Schema> {
    done(
        string(false)
            .format(Some(SchemaFormat::KnownFormat(KnownFormat::Email)))
            .max_length(Some(254)),
    )
}

/// A JIS X 0401 prefecture code, `01`–`47`.
pub fn prefecture_code(nullable: bool) -> ObjectBuilder {
    // An optional code may be left empty.
    let pattern = if nullable {
        "^(0[1-9]|[1-3][0-9]|4[0-7]|)$"
    } else {
        "^(0[1-9]|[1-3][0-9]|4[0-7])$"
    };
    string(nullable)
        .pattern(Some(pattern))
        .examples([serde_json::json!("13")])
}

pub fn required_prefecture_code() -> RefOr<Schema> {
    done(prefecture_code(false))
}

pub fn optional_prefecture_code() -> RefOr<Schema> {
    done(prefecture_code(true))
}

/// 7 digits, with an optional hyphen and 〒: `1000001`, `100-0001`, `〒１００－０００１`.
pub fn postal_code() -> RefOr<Schema> {
    done(
        string(false)
            .pattern(Some(format!("^〒?{DIGIT}{{3}}{DASH}?{DIGIT}{{4}}$")))
            .examples([serde_json::json!("1000001")]),
    )
}

/// A date `YYYY-MM-DD` in 2020–2100 (the server also reads 令和 dates such as `令和8年12月1日`).
pub fn date() -> RefOr<Schema> {
    done(
        string(false)
            .format(Some(SchemaFormat::KnownFormat(KnownFormat::Date)))
            .pattern(Some(
                "^(20[2-9][0-9]|2100)-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$",
            ))
            .examples([serde_json::json!("2026-12-01")]),
    )
}

/// A time of day `HH:MM` (`8:45` and full-width digits too).
pub fn time() -> RefOr<Schema> {
    done(
        string(false)
            .pattern(Some(format!(
                "^([01０１]?{DIGIT}|[2２][0-3０-３])[:：][0-5０-５]{DIGIT}$"
            )))
            .examples([serde_json::json!("08:45")]),
    )
}

/// A Japanese phone number: 10 or 11 digits starting with 0, or `+` and 10–13 digits, written
/// with hyphens, brackets and spaces (at most two in a row); at most 20 characters.
fn phone_builder(nullable: bool) -> ObjectBuilder {
    let sep = "[-() +－ー−‐‑–—―（）＋\u{3000}]";
    let sep_no_plus = "[-() －ー−‐‑–—―（）\u{3000}]";
    string(nullable)
        .max_length(Some(20))
        .pattern(Some(format!(
            "^(\\+(?:{sep}{{0,2}}{DIGIT}){{10,13}}{sep}{{0,2}}|(?:{sep_no_plus}{sep}?)?[0０](?:{sep}{{0,2}}{DIGIT}){{9,10}}{sep}{{0,2}}{})$",
            // An optional number may be left empty.
            if nullable { "|" } else { "" }
        )))
        .examples([serde_json::json!("03-0000-0000")])
}

pub fn phone() -> RefOr<Schema> {
    done(phone_builder(false))
}

pub fn optional_phone() -> RefOr<Schema> {
    done(phone_builder(true))
}

/// An extension: up to 10 digits or hyphens.
pub fn extension() -> RefOr<Schema> {
    done(
        string(true)
            .pattern(Some(format!("^({DIGIT}|{DASH}){{0,10}}$")))
            .examples([serde_json::json!("123")]),
    )
}

/// A G-MIS ID: 1–20 ASCII letters, digits or hyphens (full-width ones are folded).
pub fn gmis_id() -> RefOr<Schema> {
    done(
        string(false)
            .pattern(Some(format!(
                "^({DIGIT}|[A-Za-zＡ-Ｚａ-ｚ]|{DASH}){{1,20}}$"
            )))
            .examples([serde_json::json!("G-1234")]),
    )
}

/// A password: 8–128 characters that are not easily guessed (422 `weak_password` otherwise).
pub fn password() -> RefOr<Schema> {
    done(string(false).min_length(Some(8)).max_length(Some(128)))
}

/// Any `YYYY-MM-DD` date (the server also reads 令和 dates).
pub fn any_date() -> RefOr<Schema> {
    done(
        string(false)
            .format(Some(SchemaFormat::KnownFormat(KnownFormat::Date)))
            .examples([serde_json::json!("2026-12-01")]),
    )
}

/// An http(s) link without white space, at most 500 characters.
pub fn video_url() -> RefOr<Schema> {
    done(
        string(false)
            .max_length(Some(500))
            .pattern(Some(
                "^https?://[^\\u0009-\\u000d\\u0020\\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]*$",
            ))
            .examples([serde_json::json!("https://meet.example.jp/abc")]),
    )
}

/// A non-empty list of prefecture codes (a scope names "all" as all 47).
pub fn prefecture_codes() -> RefOr<Schema> {
    RefOr::T(Schema::Array(
        utoipa::openapi::schema::ArrayBuilder::new()
            .items(prefecture_code(false))
            .min_items(Some(1))
            .max_items(Some(47))
            .build(),
    ))
}

/// An `https` URL (or `http` where the operator allows private receivers).
pub fn webhook_url() -> RefOr<Schema> {
    done(
        string(false)
            .format(Some(SchemaFormat::Custom("uri".into())))
            .pattern(Some("^[hH][tT][tT][pP][sS]?://"))
            .max_length(Some(2000)),
    )
}

/// An optional `http(s)://` link without spaces, at most 500 characters.
pub fn optional_link() -> RefOr<Schema> {
    done(
        string(true)
            .max_length(Some(500))
            .pattern(Some(
                "^(https?://[^\\u0009-\\u000d\\u0020\\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]*)?$",
            ))
            .examples([serde_json::json!("https://www.example.lg.jp/desk")]),
    )
}
