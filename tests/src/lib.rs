//! Test harness: [`TestApp::spawn`] starts the real server on port 0 with a fresh database
//! (a temporary SQLite file, or — when `KEYNET_TEST_POSTGRES_URL` is set — a new PostgreSQL
//! database that is dropped afterwards). Tests talk to it over HTTP only.

use diesel::{Connection, PgConnection, RunQueryDsl};
use keynet::config::Settings;
use reqwest::{Client, Method, RequestBuilder, Response, StatusCode};
use serde_json::{json, Value};
use std::path::PathBuf;

pub const ADMIN_EMAIL: &str = "admin@keynet.test";
pub const ADMIN_PASSWORD: &str = "admin-pass-2026";

pub struct TestApp {
    pub base: String,
    pub client: Client,
    pub mail_dir: PathBuf,
    pub backend: &'static str,
    db_url: String,
    _dir: tempfile::TempDir,
    pg_drop: Option<(String, String)>,
}

impl Drop for TestApp {
    fn drop(&mut self) {
        if let Some((admin_url, name)) = self.pg_drop.take() {
            // Dropped from a plain thread: the test's runtime may be shutting down.
            let _ = std::thread::spawn(move || {
                if let Ok(mut c) = PgConnection::establish(&admin_url) {
                    let _ =
                        diesel::sql_query(format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
                            .execute(&mut c);
                }
            })
            .join();
        }
    }
}

/// A signed-in caller's bearer token.
#[derive(Clone, Debug)]
pub struct Token(pub String);

impl TestApp {
    pub async fn spawn() -> TestApp {
        Self::spawn_with(|_| {}).await
    }

    pub async fn spawn_with(adjust: impl FnOnce(&mut Settings)) -> TestApp {
        let _ = env_logger::builder().is_test(true).try_init();
        let dir = tempfile::tempdir().expect("temp dir");
        let (database_url, pg_drop, backend) = match std::env::var("KEYNET_TEST_POSTGRES_URL") {
            Ok(base) if !base.is_empty() => {
                let base = base.trim_end_matches('/').to_string();
                let name = format!("keynet_t_{}", uuid::Uuid::new_v4().simple());
                let admin_url = format!("{base}/postgres");
                let mut c = PgConnection::establish(&admin_url).expect("PostgreSQL for tests");
                diesel::sql_query(format!("CREATE DATABASE {name}"))
                    .execute(&mut c)
                    .expect("create test database");
                (
                    format!("{base}/{name}"),
                    Some((admin_url, name)),
                    "postgres",
                )
            }
            _ => (
                dir.path()
                    .join("test.sqlite3")
                    .to_string_lossy()
                    .into_owned(),
                None,
                "sqlite",
            ),
        };
        let mail_dir = dir.path().join("mail");
        Self::start(database_url, dir, mail_dir, pg_drop, backend, adjust).await
    }

    /// A second server on this app's database, as when the service scales out: it shares
    /// everything the database holds and nothing else.
    pub async fn spawn_sibling(&self) -> TestApp {
        let dir = tempfile::tempdir().expect("temp dir");
        Self::start(
            self.db_url.clone(),
            dir,
            self.mail_dir.clone(),
            None,
            self.backend,
            |_| {},
        )
        .await
    }

    async fn start(
        database_url: String,
        dir: tempfile::TempDir,
        mail_dir: PathBuf,
        pg_drop: Option<(String, String)>,
        backend: &'static str,
        adjust: impl FnOnce(&mut Settings),
    ) -> TestApp {
        let mut settings = Settings {
            database_url: database_url.clone(),
            bind: "127.0.0.1:0".into(),
            public_url: "http://keynet.test".into(),
            data_dir: dir.path().to_path_buf(),
            mail_dir,
            smtp_url: None,
            mail_from: "Key-Net <no-reply@keynet.test>".into(),
            jwt_secret: Some("test-secret-test-secret-test-secret-0123".into()),
            web_dir: Some(dir.path().join("no-web")),
            login_attempts_per_minute: 10,
            trust_proxy_headers: false,
            body_timeout_secs: 10,
            db_pool_size: 8,
            workers: Some(2),
            first_response_hours: 48,
            outbox_interval_ms: 100,
            jobs_interval_secs: 3600,
            webhook_allow_private: true,
            webhook_interval_ms: 100,
            partner_requests_per_minute: 100_000,
            alert_min_interval_secs: 0,
        };
        adjust(&mut settings);
        let mail_dir = settings.mail_dir.clone();
        let state = keynet::app::build_state(settings).expect("server state");
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
        let port = listener.local_addr().expect("addr").port();
        let server = keynet::app::run(state, listener).expect("server");
        tokio::spawn(server);
        TestApp {
            base: format!("http://127.0.0.1:{port}"),
            client: Client::new(),
            mail_dir,
            backend,
            db_url: database_url,
            _dir: dir,
            pg_drop,
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.base, path)
    }

    pub fn req(&self, method: Method, path: &str, token: Option<&Token>) -> RequestBuilder {
        let b = self.client.request(method, self.url(path));
        match token {
            Some(t) => b.bearer_auth(&t.0),
            None => b,
        }
    }

    pub async fn get(&self, path: &str, token: Option<&Token>) -> Response {
        self.req(Method::GET, path, token)
            .send()
            .await
            .expect("request")
    }

    pub async fn post(&self, path: &str, token: Option<&Token>, body: &Value) -> Response {
        self.req(Method::POST, path, token)
            .json(body)
            .send()
            .await
            .expect("request")
    }

    pub async fn delete(&self, path: &str, token: Option<&Token>) -> Response {
        self.req(Method::DELETE, path, token)
            .send()
            .await
            .expect("request")
    }

    pub async fn put(&self, path: &str, token: Option<&Token>, body: &Value) -> Response {
        self.req(Method::PUT, path, token)
            .json(body)
            .send()
            .await
            .expect("request")
    }

    pub async fn login(&self, login_id: &str, password: &str) -> Token {
        let res = self
            .post(
                "/api/v1/auth/login",
                None,
                &json!({"login_id": login_id, "password": password}),
            )
            .await;
        let status = res.status();
        let body: Value = res.json().await.expect("json");
        assert_eq!(status, StatusCode::OK, "login {login_id}: {body}");
        Token(body["access_token"].as_str().expect("token").to_string())
    }

    /// Runs what a command of the `keynet` binary runs (create-admin, the scheduled jobs)
    /// on this app's database.
    pub async fn with_db<T: Send + 'static>(
        &self,
        f: impl FnOnce(&mut keynet::db::DbConn) -> T + Send + 'static,
    ) -> T {
        let url = self.database_url();
        tokio::task::spawn_blocking(move || f(&mut keynet::db::establish(&url).expect("db")))
            .await
            .expect("join")
    }

    /// The admin, made the way `keynet create-admin` makes it.
    pub async fn admin(&self) -> Token {
        self.with_db(|conn| {
            let hash = keynet::auth::password::hash(ADMIN_PASSWORD).expect("hash");
            keynet::db::write_tx(conn, |c| {
                keynet::db::accounts::upsert_admin(c, ADMIN_EMAIL, &hash)
            })
            .expect("admin");
        })
        .await;
        self.login(ADMIN_EMAIL, ADMIN_PASSWORD).await
    }

    pub fn database_url(&self) -> String {
        self.db_url.clone()
    }

    pub async fn signup_jobseeker(&self, email: &str) -> Token {
        let res = self
            .post(
                "/api/v1/jobseekers",
                None,
                &json!({"email": email, "password": "nurse-pass-1", "name": "看護 花子"}),
            )
            .await;
        assert_eq!(res.status(), StatusCode::CREATED);
        self.login(email, "nurse-pass-1").await
    }

    /// Every mail written so far, as text.
    pub fn mails(&self) -> Vec<String> {
        let mut out = vec![];
        if let Ok(entries) = std::fs::read_dir(&self.mail_dir) {
            for e in entries.flatten() {
                if e.path().extension().is_some_and(|x| x == "eml") {
                    out.push(decode_mail(
                        &std::fs::read_to_string(e.path()).unwrap_or_default(),
                    ));
                }
            }
        }
        out
    }

    /// Waits (up to 10 s) for the outbox worker to deliver a mail to `to` containing `text`.
    pub async fn mail_to(&self, to: &str, text: &str) -> String {
        for _ in 0..200 {
            if let Some(m) = self
                .mails()
                .into_iter()
                .find(|m| m.contains(&format!("To: {to}")) && m.contains(text))
            {
                return m;
            }
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
        panic!(
            "no mail to {to} containing {text:?}; mails: {:#?}",
            self.mails()
        )
    }

    /// The activation token mailed to `to`.
    pub async fn activation_token_for(&self, to: &str) -> String {
        let mail = self.mail_to(to, "/activate?token=").await;
        let start =
            mail.find("/activate?token=").expect("activation link") + "/activate?token=".len();
        mail[start..]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
            .collect()
    }

    /// Admin registers a posting for a new facility (fax path); the facility activates its
    /// account from the mail and signs in. Returns the facility's token and the posting.
    pub async fn facility_with_posting(
        &self,
        admin: &Token,
        gmis_id: &str,
        posting: Value,
    ) -> (Token, Value) {
        let email = format!("{}@hospital.test", gmis_id.to_lowercase());
        let mut body = posting;
        body["facility"] = json!({"gmis_id": gmis_id, "name": format!("{gmis_id}病院"), "prefecture_code": "13", "email": email});
        let res = self.post("/api/v1/postings", Some(admin), &body).await;
        let status = res.status();
        let created: Value = res.json().await.expect("json");
        assert_eq!(status, StatusCode::CREATED, "{created}");
        let token = self.activation_token_for(&email).await;
        let res = self
            .post(
                "/api/v1/auth/activate",
                None,
                &json!({"token": token, "password": "facility-pass-1"}),
            )
            .await;
        assert_eq!(res.status(), StatusCode::OK);
        (self.login(gmis_id, "facility-pass-1").await, created)
    }
}

/// Undoes the transfer encodings of a mail (and of each part of a multipart one) so that
/// tests can read it.
fn decode_mail(raw: &str) -> String {
    let (head, body) = raw.split_once("\r\n\r\n").unwrap_or((raw, ""));
    let lower = head.to_ascii_lowercase();
    let decoded = if let Some(i) = lower.find("boundary=") {
        let boundary: String = head[i + 9..]
            .trim_start_matches('"')
            .chars()
            .take_while(|c| *c != '"' && *c != '\r' && *c != ';')
            .collect();
        body.split(&format!("--{boundary}"))
            .map(decode_mail)
            .collect::<Vec<_>>()
            .join("\r\n")
    } else if lower.contains("content-transfer-encoding: base64") {
        use base64::Engine;
        let compact: String = body.split_whitespace().collect();
        String::from_utf8(
            base64::engine::general_purpose::STANDARD
                .decode(compact)
                .unwrap_or_default(),
        )
        .unwrap_or_default()
    } else if lower.contains("quoted-printable") {
        quoted_printable(body)
    } else {
        body.to_string()
    };
    format!("{head}\r\n\r\n{decoded}")
}

fn quoted_printable(s: &str) -> String {
    let mut bytes = Vec::new();
    let s = s.replace("=\r\n", "").replace("=\n", "");
    let raw = s.as_bytes();
    let mut i = 0;
    while i < raw.len() {
        if raw[i] == b'=' && i + 2 < raw.len() {
            if let Ok(b) = u8::from_str_radix(&s[i + 1..i + 3], 16) {
                bytes.push(b);
                i += 3;
                continue;
            }
        }
        bytes.push(raw[i]);
        i += 1;
    }
    String::from_utf8_lossy(&bytes).into_owned()
}

/// A complete, valid posting body (the example of SPEC 8).
pub fn posting_body() -> Value {
    json!({
        "occupation": "nurse",
        "mask_requested": false,
        "workplace": {"postal_code": "1000001", "facility_type": "hospital", "prefecture_code": "13",
                      "municipality": "千代田区", "street_address": "千代田1-1", "facility_name": "本館3階"},
        "employment_period": {"start": "2026-12-01", "end": "2027-03-31"},
        "probation_weeks": 2,
        "duties": {"codes": ["general_outpatient", "other"], "other_detail": "内科"},
        "wage": {"unit": "hourly", "amount_yen": 2500, "probation_amount_yen": null},
        "hours": {"start": "08:45", "end": "17:10", "break_minutes": 60, "overtime": true,
                  "overtime_detail": "月10時間程度", "holidays": "土日祝"},
        "insurance": {"codes": ["employment", "workers_compensation", "health", "pension"], "other_detail": null},
        "no_smoking_on_premises": true,
        "notes": "",
        "contact": {"person_name": "山田花子", "address": null, "phone": "03-0000-0000", "extension": "123",
                    "application_phone": "03-0000-0001", "email": "jinji@example.jp"},
        "other_listings": {"codes": ["hello_work"], "other_detail": null}
    })
}

pub async fn json_of(res: Response) -> (StatusCode, Value) {
    let status = res.status();
    let text = res.text().await.expect("body");
    let value = serde_json::from_str(&text).unwrap_or(Value::String(text));
    (status, value)
}

/// The field paths of a validation error body.
pub fn error_fields(body: &Value) -> Vec<String> {
    body["error"]["fields"]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|f| f["field"].as_str().unwrap_or("").to_string())
                .collect()
        })
        .unwrap_or_default()
}

/// A change to a request body, for table-driven tests.
pub type Edit = Box<dyn Fn(&mut Value)>;

/// The month after the current one in Japan time, as (year, month): a month in which a
/// facility made today has registered nothing (whatever day of the month the tests run).
pub fn next_month_in_japan() -> (i32, u32) {
    use chrono::Datelike;
    let today = (chrono::Utc::now() + chrono::Duration::hours(9)).date_naive();
    if today.month() == 12 {
        (today.year() + 1, 1)
    } else {
        (today.year(), today.month() + 1)
    }
}
