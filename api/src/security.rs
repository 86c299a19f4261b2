//! What every response carries against attack, and limits on what a request may take:
//! a strict Content-Security-Policy (no inline script anywhere, Swagger UI included),
//! framing denied, `no-store` on API answers (they carry personal data), a deadline for
//! request bodies (slow senders cannot hold connections), and `405` with `Allow` for a
//! known path called with a method it does not have.

use actix_web::body::MessageBody;
use actix_web::dev::{Payload, ServiceRequest, ServiceResponse};
use actix_web::error::PayloadError;
use actix_web::http::header::{self, HeaderValue};
use actix_web::middleware::Next;
use actix_web::web::Bytes;
use actix_web::{Error, HttpMessage};
use futures_util::Stream;
use std::pin::Pin;
use std::sync::OnceLock;
use std::task::{Context, Poll};
use std::time::Duration;

/// The policy for pages: scripts, styles and everything else from this origin only.
pub const PAGE_CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self'; \
     img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; \
     base-uri 'self'; form-action 'self'; frame-ancestors 'none'";
/// Swagger UI injects inline styles (checked in Chromium: refused under `style-src 'self'`);
/// styles only are loosened, scripts stay file-only.
pub const DOCS_CSP: &str = "default-src 'self'; script-src 'self'; \
     style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'; \
     connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; \
     frame-ancestors 'none'";
/// API answers are data, never documents.
pub const API_CSP: &str = "default-src 'none'; frame-ancestors 'none'";

/// Adds the security headers to every response.
pub async fn headers(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, Error> {
    let path = req.path().to_string();
    let request_id = req
        .extensions()
        .get::<tracing_actix_web::RequestId>()
        .map(|id| id.to_string());
    let mut res = next.call(req).await?;
    let h = res.headers_mut();
    let csp = if path.starts_with("/api/docs") {
        DOCS_CSP
    } else if path.starts_with("/api/") || path == "/metrics" {
        API_CSP
    } else {
        PAGE_CSP
    };
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(csp),
    );
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("same-origin"),
    );
    if path.starts_with("/api/v1/") && !path.starts_with("/api/v1/reference/") {
        h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    if let Some(id) = request_id.and_then(|id| HeaderValue::from_str(&id).ok()) {
        h.insert(header::HeaderName::from_static("x-request-id"), id);
    }
    Ok(res)
}

/// Gives a request body `KEYNET_BODY_TIMEOUT_SECS` to arrive in full, counted from the
/// request head; after that reading it fails with a timeout (408), whatever the pace of
/// the bytes.
pub async fn body_deadline(
    mut req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, Error> {
    let secs = req
        .app_data::<actix_web::web::Data<crate::state::AppState>>()
        .map_or(10, |s| s.settings.body_timeout_secs);
    let inner = req.take_payload();
    req.set_payload(Payload::Stream {
        payload: Box::pin(DeadlineStream {
            inner,
            deadline: Box::pin(tokio::time::sleep(Duration::from_secs(secs.max(1)))),
            expired: false,
        }),
    });
    next.call(req).await
}

struct DeadlineStream {
    inner: Payload,
    deadline: Pin<Box<tokio::time::Sleep>>,
    expired: bool,
}

impl Stream for DeadlineStream {
    type Item = Result<Bytes, PayloadError>;
    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        if self.expired {
            return Poll::Ready(None);
        }
        if let Poll::Ready(item) = Pin::new(&mut self.inner).poll_next(cx) {
            return Poll::Ready(item);
        }
        if self.deadline.as_mut().poll(cx).is_ready() {
            self.expired = true;
            return Poll::Ready(Some(Err(PayloadError::Io(std::io::Error::new(
                std::io::ErrorKind::TimedOut,
                "request body not received in time",
            )))));
        }
        Poll::Pending
    }
}

use std::future::Future;

/// The API's paths and their methods, from the OpenAPI document (which lists every route).
fn route_table() -> &'static Vec<(actix_web::dev::ResourceDef, Vec<&'static str>)> {
    static TABLE: OnceLock<Vec<(actix_web::dev::ResourceDef, Vec<&'static str>)>> = OnceLock::new();
    TABLE.get_or_init(|| {
        crate::openapi::document()
            .paths
            .paths
            .iter()
            .map(|(path, item)| {
                let methods = [
                    ("GET", item.get.is_some()),
                    ("PUT", item.put.is_some()),
                    ("POST", item.post.is_some()),
                    ("DELETE", item.delete.is_some()),
                    ("PATCH", item.patch.is_some()),
                ]
                .into_iter()
                .filter_map(|(m, on)| on.then_some(m))
                .collect();
                (actix_web::dev::ResourceDef::new(path.as_str()), methods)
            })
            .collect()
    })
}

/// The methods `path` answers to, when it is a known API path.
pub fn allowed_methods(path: &str) -> Option<String> {
    let mut methods: Vec<&str> = route_table()
        .iter()
        .filter(|(def, _)| def.is_match(path))
        .flat_map(|(_, m)| m.iter().copied())
        .collect();
    if methods.is_empty() {
        return None;
    }
    methods.sort_unstable();
    methods.dedup();
    Some(methods.join(", "))
}
