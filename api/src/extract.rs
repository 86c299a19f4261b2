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
            let bytes = bytes.await.map_err(|_| {
                ApiError::BadRequest(vec![FieldError::new(
                    "",
                    "body_too_large",
                    Msg::new("送信内容が大きすぎます。", "The request body is too large."),
                )])
            })?;
            let de = &mut serde_json::Deserializer::from_slice(&bytes);
            let value = serde_path_to_error::deserialize(de).map_err(json_error)?;
            Ok(ValidJson(value))
        })
    }
}
