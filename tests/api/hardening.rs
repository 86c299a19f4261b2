//! Pages and API that resist attack: security headers everywhere, 413 for big bodies,
//! 405 with `Allow`, a deadline for slow bodies, one meaning per JSON body; and what
//! operations watch: liveness, readiness, metrics.

use keynet_tests::{json_of, posting_body, TestApp};
use serde_json::json;
use std::io::{Read, Write};
use std::time::{Duration, Instant};

#[tokio::test]
async fn every_page_and_answer_carries_the_security_headers() {
    let app = TestApp::spawn().await;
    for path in [
        "/",
        "/postings/1",
        "/facility/postings",
        "/api/docs/",
        "/api/v1/postings",
        "/api/v1/nope",
    ] {
        let res = app.get(path, None).await;
        let h = res.headers();
        let csp = h
            .get("content-security-policy")
            .unwrap_or_else(|| panic!("{path}: no CSP"))
            .to_str()
            .unwrap();
        assert!(csp.contains("frame-ancestors 'none'"), "{path}: {csp}");
        assert!(
            !csp.contains("script-src 'self' 'unsafe-inline'"),
            "{path}: {csp}"
        );
        if !path.starts_with("/api/v1") {
            assert!(csp.contains("script-src 'self'"), "{path}: {csp}");
        }
        assert_eq!(h.get("x-frame-options").unwrap(), "DENY", "{path}");
        assert_eq!(
            h.get("x-content-type-options").unwrap(),
            "nosniff",
            "{path}"
        );
        assert!(h.get("x-request-id").is_some(), "{path}");
    }
    // Swagger UI loads no inline script: its page names only script files.
    let docs = app.get("/api/docs/", None).await.text().await.unwrap();
    let inline_scripts = docs
        .split("<script")
        .skip(1)
        .filter(|tag| !tag.split('>').next().unwrap_or("").contains("src="))
        .count();
    assert_eq!(inline_scripts, 0, "{docs}");
    // Answers with personal data are not kept by browsers or proxies.
    let token = app.signup_jobseeker("nostore@example.jp").await;
    let res = app.get("/api/v1/jobseekers/me", Some(&token)).await;
    assert_eq!(res.headers().get("cache-control").unwrap(), "no-store");
}

#[tokio::test]
async fn oversized_bodies_get_413() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let mut body = posting_body();
    body["notes"] = json!("あ".repeat(300_000));
    let (status, err) = json_of(app.post("/api/v1/postings", Some(&admin), &body).await).await;
    assert_eq!(status, 413, "{err}");
    assert_eq!(err["error"]["code"], "body_too_large");
    // Also before a byte of the body is read, from its declared length.
    let (status, _) = json_of(
        app.post(
            "/api/v1/auth/login",
            None,
            &json!({"login_id": "x".repeat(400_000), "password": "p"}),
        )
        .await,
    )
    .await;
    assert_eq!(status, 413);
}

#[tokio::test]
async fn wrong_methods_get_405_with_allow() {
    let app = TestApp::spawn().await;
    for (method, path, allow) in [
        (reqwest::Method::DELETE, "/api/v1/postings", "GET, POST"),
        (reqwest::Method::PUT, "/api/v1/auth/login", "POST"),
        (reqwest::Method::PATCH, "/api/v1/postings/1", "GET, PUT"),
        (reqwest::Method::GET, "/api/v1/postings/1/close", "POST"),
    ] {
        let res = app.req(method.clone(), path, None).send().await.unwrap();
        assert_eq!(res.status(), 405, "{method} {path}");
        assert_eq!(
            res.headers().get("allow").unwrap(),
            allow,
            "{method} {path}"
        );
        let (_, body) = json_of(res).await;
        assert_eq!(body["error"]["code"], "method_not_allowed");
    }
    assert_eq!(app.get("/api/v1/no-such-thing", None).await.status(), 404);
    let res = app
        .req(reqwest::Method::POST, "/some/page", None)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 405);
}

#[tokio::test]
async fn a_slow_body_is_cut_off() {
    let app = TestApp::spawn_with(|s| s.body_timeout_secs = 2).await;
    let addr = app.base.trim_start_matches("http://").to_string();
    let started = Instant::now();
    let answer = tokio::task::spawn_blocking(move || {
        let mut s = std::net::TcpStream::connect(addr).unwrap();
        s.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
        s.write_all(
            b"POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n\
              Content-Length: 200\r\n\r\n{",
        )
        .unwrap();
        // A byte a second: each arrives well within any per-read timeout.
        let mut out = Vec::new();
        for _ in 0..8 {
            std::thread::sleep(Duration::from_millis(1000));
            if s.write_all(b" ").is_err() {
                break;
            }
        }
        let _ = s.read_to_end(&mut out);
        String::from_utf8_lossy(&out).into_owned()
    })
    .await
    .unwrap();
    assert!(answer.starts_with("HTTP/1.1 408"), "{answer}");
    assert!(answer.contains("body_timeout"), "{answer}");
    // Cut at the deadline, and the connection closed (read_to_end returned).
    assert!(started.elapsed() < Duration::from_secs(15));
}

#[tokio::test]
async fn a_body_has_one_meaning() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let raw = serde_json::to_string(&posting_body()).unwrap();
    // The same key twice, at the top and deeper down: refused, wherever it is.
    let top = raw.replacen(
        "\"mask_requested\":false",
        "\"mask_requested\":true,\"mask_requested\":false",
        1,
    );
    assert_ne!(top, raw);
    let nested = raw.replacen(
        "\"postal_code\":\"1000001\"",
        "\"postal_code\":\"1000001\",\"postal_code\":\"1000002\"",
        1,
    );
    assert_ne!(nested, raw);
    for (body, field) in [(top, "mask_requested"), (nested, "workplace.postal_code")] {
        let res = app
            .req(reqwest::Method::POST, "/api/v1/postings", Some(&admin))
            .header("content-type", "application/json")
            .body(body)
            .send()
            .await
            .unwrap();
        let (status, err) = json_of(res).await;
        assert_eq!(status, 400, "{err}");
        assert_eq!(err["error"]["fields"][0]["field"], field, "{err}");
        assert_eq!(err["error"]["fields"][0]["code"], "duplicate_key", "{err}");
    }
    // Anything after the JSON value but whitespace.
    for tail in ["{}", " x", "\n[1]"] {
        let res = app
            .req(reqwest::Method::POST, "/api/v1/auth/login", None)
            .header("content-type", "application/json")
            .body(format!(
                r#"{{"login_id": "a@b.jp", "password": "x"}}{tail}"#
            ))
            .send()
            .await
            .unwrap();
        let (status, err) = json_of(res).await;
        assert_eq!(status, 400, "{tail}: {err}");
        assert_eq!(err["error"]["fields"][0]["code"], "trailing_characters");
    }
    // Nothing was written by any of it.
    let (_, list) = json_of(app.get("/api/v1/postings", None).await).await;
    assert_eq!(list["total"], 0);
}

#[tokio::test]
async fn liveness_readiness_and_metrics() {
    let app = TestApp::spawn().await;
    let (status, live) = json_of(app.get("/api/v1/health/live", None).await).await;
    assert_eq!(
        (status.as_u16(), live["status"].as_str()),
        (200, Some("ok"))
    );
    let (status, ready) = json_of(app.get("/api/v1/health/ready", None).await).await;
    assert_eq!(status, 200, "{ready}");
    assert_eq!(ready["migrations_current"], true);
    assert_eq!(ready["database_reachable"], true);
    app.get("/api/v1/postings/12345", None).await;
    let metrics = app.get("/metrics", None).await.text().await.unwrap();
    // By route pattern, never by raw path (ids would explode the series).
    assert!(
        metrics.contains("keynet_http_requests_total{endpoint=\"/api/v1/postings/{id}\""),
        "{metrics}"
    );
    assert!(!metrics.contains("/api/v1/postings/12345"));
    assert!(metrics.contains("keynet_http_requests_duration_seconds"));
    assert!(metrics.contains("keynet_outbox_pending"));
    assert!(metrics.contains("keynet_outbox_oldest_age_seconds"));
    assert!(metrics.contains("keynet_job_runs_total"));
}

#[tokio::test]
async fn keynet_web_dir_serves_a_web_client_from_disk() {
    let web = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(web.path().join("assets")).unwrap();
    std::fs::write(
        web.path().join("index.html"),
        "<!doctype html><div id=\"root\">from-disk</div>",
    )
    .unwrap();
    std::fs::write(web.path().join("assets/app-1234.js"), "console.log(1)").unwrap();
    let dir = web.path().to_path_buf();
    let app = TestApp::spawn_with(move |s| s.web_dir = Some(dir)).await;
    for path in ["/", "/postings/12", "/threads/3"] {
        let res = app.get(path, None).await;
        assert_eq!(res.status(), 200, "{path}");
        assert!(res.headers().get("content-security-policy").is_some());
        assert!(res.text().await.unwrap().contains("from-disk"), "{path}");
    }
    let js = app.get("/assets/app-1234.js", None).await;
    assert_eq!(js.status(), 200);
    assert_eq!(js.text().await.unwrap(), "console.log(1)");
    // The API keeps its own answers beside it.
    assert_eq!(app.get("/api/v1/nope", None).await.status(), 404);
}

#[tokio::test]
async fn an_acknowledged_write_is_synced_to_disk() {
    let app = TestApp::spawn().await;
    if app.backend != "sqlite" {
        return; // PostgreSQL's defaults (fsync, synchronous_commit) are what it runs with.
    }
    let url = app.database_url();
    let mode = tokio::task::spawn_blocking(move || {
        use diesel::prelude::*;
        #[derive(QueryableByName)]
        struct Mode {
            #[diesel(sql_type = diesel::sql_types::Integer)]
            synchronous: i32,
        }
        let mut c = keynet::db::establish(&url).unwrap();
        diesel::sql_query("PRAGMA synchronous")
            .get_result::<Mode>(&mut c)
            .unwrap()
            .synchronous
    })
    .await
    .unwrap();
    assert_eq!(mode, 2, "PRAGMA synchronous = FULL");
}
