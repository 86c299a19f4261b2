//! One error type, one JSON shape: `{"error": {"code", "message", "fields": [...]}}`.
//!
//! Handlers return [`AppResult`]. The body is rendered in the caller's language by the
//! [`localize_errors`] middleware, which reads `Accept-Language`; database text never
//! reaches a client, and a 5xx answers only with an id that is also in the log.

use crate::i18n::{Lang, Msg};
use actix_web::{
    body::{BoxBody, MessageBody},
    dev::{ServiceRequest, ServiceResponse},
    http::{header, StatusCode},
    middleware::Next,
    HttpResponse, ResponseError,
};
use serde::Serialize;
use std::fmt;
use utoipa::ToSchema;

pub type AppResult<T> = Result<T, ApiError>;

/// One invalid field: a path such as `workplace.postal_code` or `duties.codes[1]`.
#[derive(Clone, Debug)]
pub struct FieldError {
    pub field: String,
    pub code: &'static str,
    pub message: Msg,
}

impl FieldError {
    pub fn new(field: impl Into<String>, code: &'static str, message: Msg) -> FieldError {
        FieldError {
            field: field.into(),
            code,
            message,
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    /// Well-formed input that breaks a rule (422).
    #[error("validation failed")]
    Validation(Vec<FieldError>),
    /// Input that cannot be read at all: bad JSON, unknown fields, wrong types (400).
    #[error("bad request")]
    BadRequest(Vec<FieldError>),
    #[error("unauthenticated")]
    Unauthenticated,
    #[error("invalid credentials")]
    InvalidCredentials,
    #[error("forbidden")]
    Forbidden(Msg),
    /// A 403 with its own code, e.g. `facility_suspended`.
    #[error("refused: {0}")]
    Refused(&'static str, Msg),
    #[error("not found")]
    NotFound,
    #[error("conflict: {0}")]
    Conflict(&'static str, Msg),
    #[error("rate limited")]
    RateLimited { retry_after_secs: u64 },
    /// The body is larger than the route accepts (413).
    #[error("body too large")]
    BodyTooLarge,
    /// The body did not arrive in time (408); the connection is closed.
    #[error("body timeout")]
    BodyTimeout,
    /// A known path called with a method it does not have (405, with `Allow`).
    #[error("method not allowed")]
    MethodNotAllowed { allow: String },
    #[error("internal error: {0}")]
    Internal(String),
}

impl ApiError {
    pub fn internal(cause: impl fmt::Display) -> ApiError {
        ApiError::Internal(cause.to_string())
    }
    pub fn field(field: impl Into<String>, code: &'static str, message: Msg) -> ApiError {
        ApiError::Validation(vec![FieldError::new(field, code, message)])
    }
}

impl From<diesel::result::Error> for ApiError {
    fn from(e: diesel::result::Error) -> Self {
        match e {
            diesel::result::Error::NotFound => ApiError::NotFound,
            other => ApiError::Internal(format!("database: {other}")),
        }
    }
}

impl From<diesel::r2d2::PoolError> for ApiError {
    fn from(e: diesel::r2d2::PoolError) -> Self {
        ApiError::Internal(format!("database pool: {e}"))
    }
}

/// A body that could not be read: too large (413), too slow (408), or broken (400).
impl From<actix_web::Error> for ApiError {
    fn from(e: actix_web::Error) -> Self {
        use actix_web::error::{JsonPayloadError, PayloadError};
        let payload =
            e.as_error::<PayloadError>()
                .or_else(|| match e.as_error::<JsonPayloadError>() {
                    Some(JsonPayloadError::Payload(p)) => Some(p),
                    _ => None,
                });
        match payload {
            Some(PayloadError::Overflow) => ApiError::BodyTooLarge,
            Some(PayloadError::Io(io)) if io.kind() == std::io::ErrorKind::TimedOut => {
                ApiError::BodyTimeout
            }
            _ if e.as_error::<JsonPayloadError>().is_some_and(|j| {
                matches!(
                    j,
                    JsonPayloadError::Overflow { .. }
                        | JsonPayloadError::OverflowKnownLength { .. }
                )
            }) =>
            {
                ApiError::BodyTooLarge
            }
            _ => ApiError::BadRequest(vec![FieldError::new(
                "",
                "invalid_body",
                Msg::new(
                    "送信内容を読み取れませんでした。",
                    "The request body could not be read.",
                ),
            )]),
        }
    }
}

impl From<actix_web::error::BlockingError> for ApiError {
    fn from(e: actix_web::error::BlockingError) -> Self {
        ApiError::Internal(format!("blocking task: {e}"))
    }
}

/// The error body as documented in the API.
#[derive(Serialize, ToSchema)]
pub struct ErrorBody {
    pub error: ErrorDetail,
}

#[derive(Serialize, ToSchema)]
pub struct ErrorDetail {
    /// Machine-readable code, e.g. `validation_failed`, `posting_closed`.
    pub code: String,
    /// Human-readable message (Japanese, or English for `Accept-Language: en`).
    pub message: String,
    /// Per-field problems; empty unless the input was invalid.
    pub fields: Vec<FieldErrorBody>,
}

#[derive(Serialize, ToSchema)]
pub struct FieldErrorBody {
    /// Path of the field in the request, e.g. `workplace.postal_code`.
    pub field: String,
    pub code: String,
    pub message: String,
}

/// What an error response carries until the middleware writes it in the caller's language.
#[derive(Clone)]
struct PendingError {
    code: &'static str,
    message: Msg,
    fields: Vec<FieldError>,
}

impl PendingError {
    fn render(&self, lang: Lang) -> ErrorBody {
        ErrorBody {
            error: ErrorDetail {
                code: self.code.to_string(),
                message: self.message.get(lang).to_string(),
                fields: self
                    .fields
                    .iter()
                    .map(|f| FieldErrorBody {
                        field: f.field.clone(),
                        code: f.code.to_string(),
                        message: f.message.get(lang).to_string(),
                    })
                    .collect(),
            },
        }
    }
}

impl ResponseError for ApiError {
    fn status_code(&self) -> StatusCode {
        match self {
            ApiError::Validation(_) => StatusCode::UNPROCESSABLE_ENTITY,
            ApiError::BadRequest(_) => StatusCode::BAD_REQUEST,
            ApiError::Unauthenticated | ApiError::InvalidCredentials => StatusCode::UNAUTHORIZED,
            ApiError::Forbidden(_) | ApiError::Refused(..) => StatusCode::FORBIDDEN,
            ApiError::NotFound => StatusCode::NOT_FOUND,
            ApiError::Conflict(..) => StatusCode::CONFLICT,
            ApiError::RateLimited { .. } => StatusCode::TOO_MANY_REQUESTS,
            ApiError::BodyTooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            ApiError::BodyTimeout => StatusCode::REQUEST_TIMEOUT,
            ApiError::MethodNotAllowed { .. } => StatusCode::METHOD_NOT_ALLOWED,
            ApiError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn error_response(&self) -> HttpResponse<BoxBody> {
        let (code, message, fields) = match self {
            ApiError::Validation(f) => (
                "validation_failed",
                Msg::new("入力内容に誤りがあります。", "Some fields are invalid."),
                f.clone(),
            ),
            ApiError::BadRequest(f) => (
                "bad_request",
                Msg::new(
                    "リクエストの形式が正しくありません。",
                    "The request is malformed.",
                ),
                f.clone(),
            ),
            ApiError::Unauthenticated => (
                "unauthenticated",
                Msg::new("ログインが必要です。", "Sign-in required."),
                vec![],
            ),
            ApiError::InvalidCredentials => (
                "invalid_credentials",
                Msg::new(
                    "ログインIDまたはパスワードが正しくありません。",
                    "The login ID or password is incorrect.",
                ),
                vec![],
            ),
            ApiError::Forbidden(m) => ("forbidden", m.clone(), vec![]),
            ApiError::Refused(code, m) => (*code, m.clone(), vec![]),
            ApiError::NotFound => (
                "not_found",
                Msg::new("見つかりません。", "Not found."),
                vec![],
            ),
            ApiError::Conflict(code, m) => (*code, m.clone(), vec![]),
            ApiError::RateLimited { .. } => (
                "rate_limited",
                Msg::new(
                    "試行回数が多すぎます。しばらくしてから再度お試しください。",
                    "Too many attempts. Please try again later.",
                ),
                vec![],
            ),
            ApiError::BodyTooLarge => (
                "body_too_large",
                Msg::new("送信内容が大きすぎます。", "The request body is too large."),
                vec![],
            ),
            ApiError::BodyTimeout => (
                "body_timeout",
                Msg::new(
                    "送信内容の受信が時間内に終わりませんでした。",
                    "The request body did not arrive in time.",
                ),
                vec![],
            ),
            ApiError::MethodNotAllowed { .. } => (
                "method_not_allowed",
                Msg::new(
                    "このURLではこの操作はできません。",
                    "This method is not allowed on this URL.",
                ),
                vec![],
            ),
            ApiError::Internal(cause) => {
                let id = uuid::Uuid::new_v4().simple().to_string();
                log::error!("internal error {id}: {cause}");
                (
                    "internal_error",
                    Msg::owned(
                        format!("サーバーで問題が発生しました（エラーID: {id}）。"),
                        format!("Something went wrong on the server (error id: {id})."),
                    ),
                    vec![],
                )
            }
        };
        let pending = PendingError {
            code,
            message,
            fields,
        };
        let mut res = HttpResponse::build(self.status_code());
        if let ApiError::RateLimited { retry_after_secs } = self {
            res.insert_header((header::RETRY_AFTER, retry_after_secs.to_string()));
        }
        if let ApiError::MethodNotAllowed { allow } = self {
            res.insert_header((header::ALLOW, allow.as_str()));
        }
        if matches!(self, ApiError::BodyTimeout) {
            res.insert_header((header::CONNECTION, "close"));
        }
        if matches!(self, ApiError::Unauthenticated) {
            res.insert_header((header::WWW_AUTHENTICATE, "Bearer"));
        }
        let mut res = res.json(pending.render(Lang::Ja));
        res.extensions_mut().insert(pending);
        res
    }
}

/// Rewrites error bodies in the caller's language.
pub async fn localize_errors(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, actix_web::Error> {
    let lang = Lang::of(req.request());
    let res = next.call(req).await?.map_into_boxed_body();
    if lang == Lang::Ja {
        return Ok(res);
    }
    let pending = res.response().extensions().get::<PendingError>().cloned();
    Ok(match pending {
        Some(p) => res
            .map_body(|_, _| BoxBody::new(serde_json::to_vec(&p.render(lang)).unwrap_or_default())),
        None => res,
    })
}
