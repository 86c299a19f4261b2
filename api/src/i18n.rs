//! Languages: Japanese first, English on request (`Accept-Language: en`).

use actix_web::{dev::Payload, http::header, FromRequest, HttpRequest};
use serde::Serialize;
use std::{borrow::Cow, convert::Infallible, future::Ready};

/// The language a caller reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lang {
    Ja,
    En,
}

impl Lang {
    /// Picks English only when the caller prefers it over Japanese.
    pub fn from_accept_language(value: Option<&str>) -> Lang {
        let Some(value) = value else { return Lang::Ja };
        let mut best: Option<(f32, Lang)> = None;
        for part in value.split(',') {
            let mut bits = part.trim().split(';');
            let tag = bits.next().unwrap_or("").trim().to_ascii_lowercase();
            let q = bits
                .find_map(|b| {
                    b.trim()
                        .strip_prefix("q=")
                        .and_then(|q| q.parse::<f32>().ok())
                })
                .unwrap_or(1.0);
            let lang = if tag.starts_with("en") {
                Lang::En
            } else if tag.starts_with("ja") {
                Lang::Ja
            } else {
                continue;
            };
            if best.is_none_or(|(bq, _)| q > bq) {
                best = Some((q, lang));
            }
        }
        best.map(|(_, l)| l).unwrap_or(Lang::Ja)
    }

    pub fn of(req: &HttpRequest) -> Lang {
        Lang::from_accept_language(
            req.headers()
                .get(header::ACCEPT_LANGUAGE)
                .and_then(|v| v.to_str().ok()),
        )
    }
}

impl FromRequest for Lang {
    type Error = Infallible;
    type Future = Ready<Result<Self, Self::Error>>;
    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        std::future::ready(Ok(Lang::of(req)))
    }
}

/// A message in both languages; picked when the response is written.
#[derive(Clone, Debug, Serialize)]
pub struct Msg {
    pub ja: Cow<'static, str>,
    pub en: Cow<'static, str>,
}

impl Msg {
    pub const fn new(ja: &'static str, en: &'static str) -> Msg {
        Msg {
            ja: Cow::Borrowed(ja),
            en: Cow::Borrowed(en),
        }
    }
    pub fn owned(ja: String, en: String) -> Msg {
        Msg {
            ja: Cow::Owned(ja),
            en: Cow::Owned(en),
        }
    }
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Ja => &self.ja,
            Lang::En => &self.en,
        }
    }
}

/// A label pair for reference data.
#[derive(Clone, Copy, Debug)]
pub struct Label {
    pub ja: &'static str,
    pub en: &'static str,
}
