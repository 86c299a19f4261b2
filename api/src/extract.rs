//! Request body parsing with field paths: `ValidJson<T>` reports `workplace.foo` for an
//! unknown field, a missing one or a wrong type, as a 400 in the error shape.

use crate::error::{ApiError, FieldError};
use crate::i18n::Msg;
use actix_web::{dev::Payload, web, FromRequest, HttpRequest};
use futures_util::future::LocalBoxFuture;
use serde::de::DeserializeOwned;

pub struct ValidJson<T>(pub T);

fn json_error(e: serde_path_to_error::Error<serde_json::Error>) -> ApiError {
    let path = e.path().to_string();
    let path = if path == "." { String::new() } else { path };
    let inner = e.inner();
    let text = inner.to_string();
    let (code, msg) = if text.starts_with("unknown field") {
        (
            "unknown_field",
            Msg::new(
                "この項目は受け付けていません。",
                "This field is not accepted.",
            ),
        )
    } else if text.starts_with("missing field") {
        (
            "required",
            Msg::new("必須項目です。", "This field is required."),
        )
    } else if text.starts_with("invalid type")
        || text.starts_with("invalid value")
        || text.starts_with("unknown variant")
    {
        (
            "invalid_type",
            Msg::new(
                "値の型が正しくありません。",
                "The value has the wrong type.",
            ),
        )
    } else {
        (
            "invalid_json",
            Msg::new("JSONとして読み取れません。", "The body is not valid JSON."),
        )
    };
    // For unknown/missing fields serde names the field in its message; put it in the path.
    let field = match (code, text.split('`').nth(1)) {
        ("unknown_field" | "required", Some(name)) if !path.ends_with(name) => {
            if path.is_empty() {
                name.to_string()
            } else {
                format!("{path}.{name}")
            }
        }
        _ => path,
    };
    ApiError::BadRequest(vec![FieldError::new(field, code, msg)])
}

/// Deserializes a JSON value with field paths in the error.
pub fn from_value<T: DeserializeOwned>(value: serde_json::Value) -> Result<T, ApiError> {
    serde_path_to_error::deserialize(value).map_err(json_error)
}

impl<T: DeserializeOwned + 'static> FromRequest for ValidJson<T> {
    type Error = ApiError;
    type Future = LocalBoxFuture<'static, Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let bytes = web::Bytes::from_request(req, payload);
        Box::pin(async move {
            let bytes = bytes.await.map_err(ApiError::from)?;
            // Keys must be unique at every depth: with duplicates, which one "wins" differs
            // between parsers, so `"mask_requested": true, …, "mask_requested": false`
            // could mean one thing to a client's checks and another here.
            refuse_duplicate_keys(&bytes)?;
            let de = &mut serde_json::Deserializer::from_slice(&bytes);
            let mut value: serde_json::Value =
                serde_path_to_error::deserialize(&mut *de).map_err(json_error)?;
            // Nothing may follow the JSON value but whitespace.
            de.end().map_err(|_| {
                ApiError::BadRequest(vec![FieldError::new(
                    "",
                    "trailing_characters",
                    Msg::new(
                        "JSONの後ろに余分な文字があります。",
                        "There is more after the JSON value.",
                    ),
                )])
            })?;
            integral_floats_as_integers(&mut value);
            Ok(ValidJson(from_value(value)?))
        })
    }
}

/// JSON Schema counts `1977.0` as an integer, so the server must too: a number with no
/// fraction becomes an integer before the typed parse (a float field takes it either way).
fn integral_floats_as_integers(value: &mut serde_json::Value) {
    use serde_json::Value;
    match value {
        Value::Number(n) => {
            if let Some(f) = n.as_f64().filter(|_| n.is_f64()) {
                if f.fract() == 0.0 && f.abs() < 9_007_199_254_740_992.0 {
                    *value = Value::from(f as i64);
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(integral_floats_as_integers),
        Value::Object(map) => map.values_mut().for_each(integral_floats_as_integers),
        _ => {}
    }
}

/// Walks the JSON once, refusing an object that names a key twice (with the key's path).
fn refuse_duplicate_keys(bytes: &[u8]) -> Result<(), ApiError> {
    use serde::de::{DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
    use std::fmt;

    struct Walk<'p>(&'p str);

    impl<'de> DeserializeSeed<'de> for Walk<'_> {
        type Value = ();
        fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
            d.deserialize_any(self)
        }
    }

    impl<'de> Visitor<'de> for Walk<'_> {
        type Value = ();
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("JSON")
        }
        fn visit_bool<E>(self, _: bool) -> Result<(), E> {
            Ok(())
        }
        fn visit_i64<E>(self, _: i64) -> Result<(), E> {
            Ok(())
        }
        fn visit_u64<E>(self, _: u64) -> Result<(), E> {
            Ok(())
        }
        fn visit_f64<E>(self, _: f64) -> Result<(), E> {
            Ok(())
        }
        fn visit_str<E>(self, _: &str) -> Result<(), E> {
            Ok(())
        }
        fn visit_unit<E>(self) -> Result<(), E> {
            Ok(())
        }
        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
            let mut i = 0;
            loop {
                let path = format!("{}[{i}]", self.0);
                if seq.next_element_seed(Walk(&path))?.is_none() {
                    return Ok(());
                }
                i += 1;
            }
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
            let mut seen = std::collections::HashSet::new();
            while let Some(key) = map.next_key::<String>()? {
                let path = if self.0.is_empty() {
                    key.clone()
                } else {
                    format!("{}.{key}", self.0)
                };
                if !seen.insert(key) {
                    return Err(serde::de::Error::custom(format!("duplicate key `{path}`")));
                }
                map.next_value_seed(Walk(&path))?;
            }
            Ok(())
        }
    }

    let mut de = serde_json::Deserializer::from_slice(bytes);
    match Walk("").deserialize(&mut de) {
        Ok(()) => Ok(()),
        Err(e) => {
            let text = e.to_string();
            match text
                .strip_prefix("duplicate key `")
                .and_then(|t| t.split('`').next())
            {
                Some(path) => Err(ApiError::BadRequest(vec![FieldError::new(
                    path,
                    "duplicate_key",
                    Msg::new(
                        "同じ項目が2回以上指定されています。",
                        "This field is given more than once.",
                    ),
                )])),
                // Not JSON at all: the typed parse that follows reports it.
                None => Ok(()),
            }
        }
    }
}
