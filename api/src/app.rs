//! Builds the actix server from settings: state, middleware, routes, docs, web client.

use crate::auth::rate_limit::LoginLimits;
use crate::auth::tokens::{load_or_create_secret, TokenKeys};
use crate::config::Settings;
use crate::db::Db;
use crate::error::{localize_errors, ApiError, FieldError};
use crate::i18n::Msg;
use crate::mail::Mailer;
use crate::state::AppState;
use actix_web::http::Method;
use actix_web::{
    dev::Server, middleware, web, App, HttpRequest, HttpResponse, HttpServer, Responder,
};
use std::net::TcpListener;
use tracing_actix_web::TracingLogger;
use utoipa_swagger_ui::SwaggerUi;

/// Opens the database, applies migrations and builds the shared state.
pub fn build_state(settings: Settings) -> Result<AppState, String> {
    // Outbound https (webhooks) uses the same TLS provider as mail: aws-lc-rs.
    let _ = rustls::crypto::aws_lc_rs::default_provider().install_default();
    let db = Db::connect(&settings.database_url, settings.db_pool_size)?;
    let mut conn = db.pool.get().map_err(|e| format!("database: {e}"))?;
    let applied = crate::db::migrate(&mut conn)?;
    for m in applied {
        log::info!("applied migration {m}");
    }
    drop(conn);
    let secret = load_or_create_secret(settings.jwt_secret.as_deref(), &settings.data_dir)?;
    Ok(AppState {
        db,
        keys: TokenKeys::new(&secret),
        login_limits: LoginLimits::per_minute(settings.login_attempts_per_minute),
        mailer: std::sync::Arc::new(Mailer::from_settings(&settings)?),
        facet_cache: Default::default(),
        public_views: Default::default(),
        settings,
    })
}

fn bad_request(field: &str, code: &'static str, msg: Msg) -> actix_web::Error {
    ApiError::BadRequest(vec![FieldError::new(field, code, msg)]).into()
}

/// Unknown `/api/…` paths answer in the error shape (405 with `Allow` when the path exists
/// with other methods); anything else is the web client, whose router handles deep links.
async fn fallback(req: HttpRequest) -> actix_web::Result<HttpResponse> {
    let path = req.path();
    if path.starts_with("/api/") || path == "/api" {
        return Err(match crate::security::allowed_methods(path) {
            Some(allow) => ApiError::MethodNotAllowed { allow },
            None => ApiError::NotFound,
        }
        .into());
    }
    if !matches!(*req.method(), Method::GET | Method::HEAD) {
        return Err(ApiError::MethodNotAllowed {
            allow: "GET, HEAD".into(),
        }
        .into());
    }
    if let Some(id) = path
        .strip_prefix("/postings/")
        .and_then(|rest| rest.trim_end_matches('/').parse::<i64>().ok())
    {
        if let Some(state) = req.app_data::<web::Data<AppState>>() {
            let index = crate::web_client::index_html();
            let url = state.settings.public_url.clone();
            let head = state
                .db
                .run(move |c| crate::seo::head_for(c, id, &url))
                .await?;
            return Ok(crate::web_client::page(crate::seo::with_head(
                &index,
                head.as_ref(),
            )));
        }
    }
    Ok(crate::web_client::serve(&req, path))
}

/// `robots.txt` and `sitemap.xml`: real files, not the web client's page.
async fn robots(state: web::Data<AppState>) -> HttpResponse {
    HttpResponse::Ok()
        .content_type("text/plain; charset=utf-8")
        .insert_header((
            actix_web::http::header::CACHE_CONTROL,
            "public, max-age=3600",
        ))
        .body(crate::seo::robots(&state.settings.public_url))
}

async fn sitemap(state: web::Data<AppState>) -> actix_web::Result<HttpResponse> {
    let url = state.settings.public_url.clone();
    let xml = state.db.run(move |c| crate::seo::sitemap(c, &url)).await?;
    Ok(HttpResponse::Ok()
        .content_type("application/xml; charset=utf-8")
        .insert_header((
            actix_web::http::header::CACHE_CONTROL,
            "public, max-age=600",
        ))
        .body(xml))
}

/// Starts serving on `listener` (port 0 in tests).
pub fn run(state: AppState, listener: TcpListener) -> std::io::Result<Server> {
    let state = web::Data::new(state);
    crate::jobs::outbox::spawn(
        state.db.clone(),
        state.mailer.clone(),
        state.settings.mail_from.clone(),
        state.settings.public_url.clone(),
        std::time::Duration::from_millis(state.settings.outbox_interval_ms.max(50)),
    );
    crate::jobs::alerts::spawn(
        state.db.clone(),
        state.keys.clone(),
        state.settings.public_url.clone(),
        chrono::Duration::seconds(state.settings.alert_min_interval_secs.max(0)),
        std::time::Duration::from_millis(state.settings.outbox_interval_ms.max(50)),
    );
    crate::jobs::schedule::spawn(
        state.db.clone(),
        state.settings.public_url.clone(),
        state.settings.first_response_hours,
        std::time::Duration::from_secs(state.settings.jobs_interval_secs.max(1)),
    );
    crate::jobs::webhooks::spawn(
        state.db.clone(),
        state.settings.public_url.clone(),
        state.settings.webhook_allow_private,
        std::time::Duration::from_millis(state.settings.webhook_interval_ms.max(50)),
    );
    let web_dir = state.settings.web_dir.clone();
    let workers = state.settings.workers;
    let pool_size = state.db.pool.max_size();
    let mut server = HttpServer::new(move || {
        let json_cfg = web::JsonConfig::default().error_handler(|e, _| {
            match ApiError::from(actix_web::Error::from(e)) {
                ApiError::BadRequest(_) => bad_request(
                    "",
                    "invalid_json",
                    Msg::new("JSONとして読み取れません。", "The body is not valid JSON."),
                ),
                other => other.into(),
            }
        });
        let path_cfg = web::PathConfig::default().error_handler(|_, _| ApiError::NotFound.into());
        let query_cfg = web::QueryConfig::default().error_handler(|e, _| {
            bad_request(
                "",
                "invalid_query",
                Msg::owned(
                    "クエリパラメータが正しくありません。".into(),
                    format!("Invalid query parameters: {e}"),
                ),
            )
        });
        let mut app = App::new()
            .app_data(state.clone())
            .app_data(json_cfg)
            .app_data(path_cfg)
            .app_data(query_cfg)
            .app_data(web::PayloadConfig::new(256 * 1024))
            .wrap(middleware::from_fn(crate::security::body_deadline))
            .wrap(middleware::from_fn(localize_errors))
            .wrap(middleware::Compress::default())
            .wrap(middleware::from_fn(crate::security::headers))
            .wrap(crate::observe::http_metrics())
            .wrap(TracingLogger::<crate::observe::RequestSpan>::new())
            .configure(|cfg| {
                crate::routes::api_v1(&mut utoipa_actix_web::service_config::ServiceConfig::new(
                    cfg,
                ))
            })
            .service(
                SwaggerUi::new("/api/docs/{_:.*}")
                    .url("/api/openapi.json", crate::openapi::document().clone()),
            )
            // Not an API route (so not in the spec): the docs' address without its slash.
            .service(web::resource("/api/docs").to(|| async {
                HttpResponse::PermanentRedirect()
                    .insert_header(("Location", "/api/docs/"))
                    .finish()
            }))
            .service(web::resource("/robots.txt").get(robots))
            .service(web::resource("/sitemap.xml").get(sitemap));
        if let Some(dir) = web_dir.as_ref().filter(|d| d.join("index.html").is_file()) {
            // KEYNET_WEB_DIR: a web client from disk; paths that are not files get index.html.
            let index = dir.join("index.html");
            app = app.service(
                actix_files::Files::new("/", dir)
                    .prefer_utf8(true)
                    .index_file("index.html")
                    .default_handler(web::to(move |req: HttpRequest| {
                        let index = index.clone();
                        async move {
                            if req.path().starts_with("/api/") {
                                return fallback(req).await;
                            }
                            Ok(actix_files::NamedFile::open(index)?
                                .use_etag(true)
                                .customize()
                                .insert_header(("Cache-Control", "no-cache"))
                                .respond_to(&req)
                                .map_into_boxed_body())
                        }
                    })),
            );
        } else if web_dir.is_some() {
            // A KEYNET_WEB_DIR without a build: the API alone (the fallback page at `/`).
            app = app.service(web::resource("/").to(|| async {
                HttpResponse::Ok()
                    .content_type("text/html; charset=utf-8")
                    .body("<!doctype html><html lang=\"ja\"><meta charset=\"utf-8\"><title>Key-Net</title><p>Web client not built. API: <a href=\"/api/docs/\">/api/docs/</a></p></html>")
            }));
        }
        app.default_service(web::to(fallback))
    });
    let workers = workers.unwrap_or_else(|| {
        std::thread::available_parallelism()
            .map(|n| n.get())
            .unwrap_or(1)
    });
    // Database work runs on each worker's blocking threads, one pool connection each: more
    // threads than connections would only wait for one, and switching between them cost
    // throughput and memory under load. Two more per worker for work without the database
    // (password hashing, mail).
    let blocking = (pool_size as usize).div_ceil(workers) + 2;
    server = server
        .workers(workers)
        .worker_max_blocking_threads(blocking);
    // The request head must arrive within 5 s (slow headers); bodies have their own
    // deadline (`security::body_deadline`).
    server = server
        .client_request_timeout(std::time::Duration::from_secs(5))
        .client_disconnect_timeout(std::time::Duration::from_secs(2));
    Ok(server.listen(listener)?.run())
}
