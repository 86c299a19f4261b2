//! The web client, embedded in the binary at build time (`web-client/dist`), so that
//! `keynet serve` from any folder serves the whole site. Vite's hashed files under
//! `/assets/` are cached for a year (`immutable`); everything else, `index.html` above
//! all, is revalidated (`no-cache`). The build precompresses files (`.br`, `.gz`), which
//! are sent as they are to clients that accept them. `KEYNET_WEB_DIR` serves a folder
//! from disk instead (development).

use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse};
use std::borrow::Cow;

#[derive(rust_embed::Embed)]
#[folder = "../web-client/dist/"]
#[allow_missing = true]
struct Assets;

/// A page for when no web client was built into the binary.
const NOT_BUILT: &str = "<!doctype html><html lang=\"ja\"><meta charset=\"utf-8\">\
    <title>医療のお仕事 Key-Net</title><h1>医療のお仕事 Key-Net</h1>\
    <p>Web クライアントは未ビルドです。API: <a href=\"/api/docs/\">/api/docs/</a></p></html>";

/// The web client's `index.html` (the page saying it is not built, when none is embedded).
pub fn index_html() -> String {
    Assets::get("index.html")
        .map(|f| String::from_utf8_lossy(&f.data).into_owned())
        .unwrap_or_else(|| NOT_BUILT.to_string())
}

/// `index.html` as it is, or with a posting's head put in (`seo::with_head`): sent fresh
/// every time, as what it says can change.
pub fn page(html: String) -> HttpResponse {
    HttpResponse::Ok()
        .content_type("text/html; charset=utf-8")
        .insert_header((header::CACHE_CONTROL, "no-cache"))
        .body(html)
}

/// Is a web client embedded?
pub fn embedded() -> bool {
    Assets::get("index.html").is_some()
}

fn accepts(req: &HttpRequest, encoding: &str) -> bool {
    req.headers()
        .get_all(header::ACCEPT_ENCODING)
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .any(|part| {
            let mut it = part.split(';');
            let name = it.next().unwrap_or("").trim();
            let refused = it.any(|p| {
                let p = p.trim().replace(' ', "");
                p == "q=0" || p == "q=0.0" || p == "q=0.00" || p == "q=0.000"
            });
            name.eq_ignore_ascii_case(encoding) && !refused
        })
}

/// Serves `path` from the embedded web client; paths that are not files get
/// `index.html`, whose router handles deep links.
pub fn serve(req: &HttpRequest, path: &str) -> HttpResponse {
    let name = path.trim_start_matches('/');
    let (name, file) = match Assets::get(name).filter(|_| !name.is_empty()) {
        Some(f) => (Cow::Borrowed(name), f),
        None => match Assets::get("index.html") {
            Some(f) => (Cow::Borrowed("index.html"), f),
            None => {
                return HttpResponse::Ok()
                    .content_type("text/html; charset=utf-8")
                    .insert_header((header::CACHE_CONTROL, "no-cache"))
                    .body(NOT_BUILT)
            }
        },
    };
    let etag = format!("\"{}\"", hex::encode(&file.metadata.sha256_hash()[..16]));
    let cache = if name.starts_with("assets/") {
        "public, max-age=31536000, immutable"
    } else {
        "no-cache"
    };
    let mut res = HttpResponse::Ok();
    res.insert_header((header::CACHE_CONTROL, cache))
        .insert_header((header::ETAG, etag.clone()))
        .insert_header((header::VARY, "Accept-Encoding"));
    let fresh = req
        .headers()
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.split(',').any(|t| t.trim() == etag || t.trim() == "*"));
    if fresh {
        return HttpResponse::NotModified()
            .insert_header((header::CACHE_CONTROL, cache))
            .insert_header((header::ETAG, etag))
            .finish();
    }
    let mime = file.metadata.mimetype();
    let content_type = if mime.starts_with("text/") || mime.ends_with("javascript") {
        format!("{mime}; charset=utf-8")
    } else {
        mime.to_string()
    };
    res.content_type(content_type);
    for (encoding, ext) in [("br", "br"), ("gzip", "gz")] {
        if accepts(req, encoding) {
            if let Some(packed) = Assets::get(&format!("{name}.{ext}")) {
                return res
                    .insert_header((header::CONTENT_ENCODING, encoding))
                    .body(packed.data.into_owned());
            }
        }
    }
    res.body(file.data.into_owned())
}
