//! Typed settings from environment variables, with working defaults.

use std::path::PathBuf;

/// Everything the server needs to start; `Settings::from_env()` reads it.
#[derive(Clone, Debug)]
pub struct Settings {
    /// `postgres://…` selects PostgreSQL; anything else is a SQLite file path
    /// (optionally prefixed with `sqlite://`).
    pub database_url: String,
    pub bind: String,
    /// Base of the links in outgoing mail.
    pub public_url: String,
    pub data_dir: PathBuf,
    pub mail_dir: PathBuf,
    pub smtp_url: Option<String>,
    pub mail_from: String,
    pub jwt_secret: Option<String>,
    /// A folder with a built web client to serve at `/` instead of the one embedded in the
    /// binary (development).
    pub web_dir: Option<PathBuf>,
    /// Failed sign-ins allowed per login ID and client address per minute (10× that per
    /// login ID from any address, 3× per client address whatever the ID).
    pub login_attempts_per_minute: u32,
    /// Take the client address from `Forwarded`/`X-Forwarded-For` (only behind a reverse
    /// proxy that sets them).
    pub trust_proxy_headers: bool,
    /// A request body must arrive within this many seconds of the request head.
    pub body_timeout_secs: u64,
    pub db_pool_size: u32,
    /// HTTP worker threads; defaults to the number of cores.
    pub workers: Option<usize>,
    /// A first response is due within this many hours (reminders, oversight).
    pub first_response_hours: i64,
    /// How often the outbox worker looks for mail to send.
    pub outbox_interval_ms: u64,
    /// How often scheduled jobs (expiry, reminders, month-end) run.
    pub jobs_interval_secs: u64,
    /// Also allow `http` and loopback/private webhook receivers (tests, local setups).
    pub webhook_allow_private: bool,
    /// How often the webhook worker looks for deliveries due.
    pub webhook_interval_ms: u64,
    /// Requests per minute allowed to one partner API key.
    pub partner_requests_per_minute: u32,
    /// An instant alert mails one saved search at most once per this many seconds.
    pub alert_min_interval_secs: i64,
}

fn env(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.trim().is_empty())
}

impl Settings {
    /// Cookies get `Secure` when the service is reached over https.
    pub fn https(&self) -> bool {
        self.public_url.starts_with("https://")
    }

    pub fn from_env() -> Settings {
        let data_dir = PathBuf::from(env("KEYNET_DATA_DIR").unwrap_or_else(|| "./data".into()));
        let bind = env("KEYNET_BIND").unwrap_or_else(|| "127.0.0.1:8080".into());
        Settings {
            database_url: env("KEYNET_DATABASE_URL").unwrap_or_else(|| {
                data_dir
                    .join("keynet.sqlite3")
                    .to_string_lossy()
                    .into_owned()
            }),
            public_url: env("KEYNET_PUBLIC_URL").unwrap_or_else(|| format!("http://{bind}")),
            bind,
            mail_dir: env("KEYNET_MAIL_DIR")
                .map(PathBuf::from)
                .unwrap_or_else(|| data_dir.join("mail")),
            smtp_url: env("KEYNET_SMTP_URL"),
            mail_from: env("KEYNET_MAIL_FROM")
                .unwrap_or_else(|| "医療のお仕事 Key-Net <no-reply@keynet.example.jp>".into()),
            jwt_secret: env("KEYNET_JWT_SECRET"),
            web_dir: env("KEYNET_WEB_DIR").map(PathBuf::from),
            login_attempts_per_minute: env("KEYNET_LOGIN_ATTEMPTS_PER_MINUTE")
                .and_then(|v| v.parse().ok())
                .unwrap_or(10),
            trust_proxy_headers: env("KEYNET_TRUST_PROXY_HEADERS")
                .map(|v| v == "true" || v == "1")
                .unwrap_or(false),
            body_timeout_secs: env("KEYNET_BODY_TIMEOUT_SECS")
                .and_then(|v| v.parse().ok())
                .unwrap_or(10),
            db_pool_size: env("KEYNET_DB_POOL_SIZE")
                .and_then(|v| v.parse().ok())
                .unwrap_or(16),
            workers: env("KEYNET_WORKERS").and_then(|v| v.parse().ok()),
            first_response_hours: env("KEYNET_FIRST_RESPONSE_HOURS")
                .and_then(|v| v.parse().ok())
                .unwrap_or(48),
            outbox_interval_ms: env("KEYNET_OUTBOX_INTERVAL_MS")
                .and_then(|v| v.parse().ok())
                .unwrap_or(2000),
            jobs_interval_secs: env("KEYNET_JOBS_INTERVAL_SECS")
                .and_then(|v| v.parse().ok())
                .unwrap_or(300),
            webhook_allow_private: env("KEYNET_WEBHOOK_ALLOW_PRIVATE")
                .is_some_and(|v| v == "true" || v == "1"),
            webhook_interval_ms: env("KEYNET_WEBHOOK_INTERVAL_MS")
                .and_then(|v| v.parse().ok())
                .unwrap_or(1000),
            partner_requests_per_minute: env("KEYNET_PARTNER_REQUESTS_PER_MINUTE")
                .and_then(|v| v.parse().ok())
                .unwrap_or(600),
            alert_min_interval_secs: env("KEYNET_ALERT_MIN_INTERVAL_SECS")
                .and_then(|v| v.parse().ok())
                .unwrap_or(900),
            data_dir,
        }
    }
}
