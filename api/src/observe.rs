//! Operations: structured logs with a request id (`tracing`, `tracing-actix-web`),
//! Prometheus metrics (`actix-web-prom`, plus the outbox backlog and job runs).
//!
//! Logs name a request by method, route pattern and path — never the query string (the
//! web client's `/activate?token=…` links carry secrets there) nor bodies or headers.

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::{Error, HttpMessage};
use prometheus::{IntCounterVec, IntGauge, Opts, Registry};
use std::sync::OnceLock;
use tracing::Span;
use tracing_actix_web::{RequestId, RootSpanBuilder};

/// Starts the log subscriber: `RUST_LOG` filters (default `info`), `KEYNET_LOG_FORMAT=json`
/// gives one JSON object per line. `log` records from libraries are forwarded.
pub fn init_logging() {
    use tracing_subscriber::{fmt::format::FmtSpan, EnvFilter};
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info"));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_span_events(FmtSpan::CLOSE)
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .with_writer(std::io::stderr)
        .with_target(false);
    let json = std::env::var("KEYNET_LOG_FORMAT").is_ok_and(|v| v == "json");
    let _ = if json {
        builder.json().try_init()
    } else {
        builder.try_init()
    };
}

/// The root span of a request: what is safe to log about it.
pub struct RequestSpan;

impl RootSpanBuilder for RequestSpan {
    fn on_request_start(request: &ServiceRequest) -> Span {
        let request_id = request
            .extensions()
            .get::<RequestId>()
            .map(|id| id.to_string())
            .unwrap_or_default();
        tracing::info_span!(
            "request",
            method = %request.method(),
            route = %request.match_pattern().unwrap_or_else(|| "-".into()),
            path = %request.path(),
            request_id = %request_id,
            status = tracing::field::Empty,
        )
    }

    fn on_request_end<B: MessageBody>(span: Span, outcome: &Result<ServiceResponse<B>, Error>) {
        let status = match outcome {
            Ok(res) => res.status().as_u16(),
            Err(e) => e.as_response_error().status_code().as_u16(),
        };
        span.record("status", status);
    }
}

/// The service's own metrics, beside the per-route request metrics.
pub struct Metrics {
    pub registry: Registry,
    pub outbox_pending: IntGauge,
    pub outbox_oldest_age_seconds: IntGauge,
    pub job_runs: IntCounterVec,
}

/// The metrics, registered once per process (every server in a test process shares them).
pub fn metrics() -> &'static Metrics {
    static METRICS: OnceLock<Metrics> = OnceLock::new();
    METRICS.get_or_init(|| {
        let registry = Registry::new();
        let outbox_pending = IntGauge::new(
            "keynet_outbox_pending",
            "Mail waiting in the outbox (queued or being retried).",
        )
        .expect("metric");
        let outbox_oldest_age_seconds = IntGauge::new(
            "keynet_outbox_oldest_age_seconds",
            "Age of the oldest mail still waiting in the outbox.",
        )
        .expect("metric");
        let job_runs = IntCounterVec::new(
            Opts::new(
                "keynet_job_runs_total",
                "Scheduled job runs by job and outcome.",
            ),
            &["job", "outcome"],
        )
        .expect("metric");
        for m in [
            Box::new(outbox_pending.clone()) as Box<dyn prometheus::core::Collector>,
            Box::new(outbox_oldest_age_seconds.clone()),
            Box::new(job_runs.clone()),
        ] {
            let _ = registry.register(m);
        }
        Metrics {
            registry,
            outbox_pending,
            outbox_oldest_age_seconds,
            job_runs,
        }
    })
}

/// Counts one run of a scheduled job.
pub fn job_ran<T, E>(job: &str, result: &Result<T, E>) {
    let outcome = if result.is_ok() { "ok" } else { "error" };
    metrics().job_runs.with_label_values(&[job, outcome]).inc();
}

/// The request metrics middleware (`keynet_http_requests_total`,
/// `keynet_http_requests_duration_seconds` by route pattern) serving `/metrics`.
pub fn http_metrics() -> actix_web_prom::PrometheusMetrics {
    static HTTP: OnceLock<actix_web_prom::PrometheusMetrics> = OnceLock::new();
    HTTP.get_or_init(|| {
        actix_web_prom::PrometheusMetricsBuilder::new("keynet")
            .registry(metrics().registry.clone())
            .endpoint("/metrics")
            .mask_unmatched_patterns("UNMATCHED")
            .build()
            .expect("metrics middleware")
    })
    .clone()
}
