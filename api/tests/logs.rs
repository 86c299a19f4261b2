//! The real binary's logs (what operators ship elsewhere) never carry a secret: not a
//! token (access, refresh, activation — even in a page's query string), not a password,
//! not a withheld field of a masked posting. Yet every request is logged with its id.

use serde_json::{json, Value};
use std::io::Read;
use std::process::{Command, Stdio};
use std::time::Duration;

const SENTINELS: [&str; 6] = [
    "SENTINEL-FACILITY-NAME-71c",
    "SENTINEL-STREET-4be",
    "SENTINEL-PERSON-93d",
    "sentinel-mail-5aa@example.jp",
    "SENTINEL-BUILDING-2f0",
    "Sentinel-Password-Q8-zebra",
];

fn masked_posting() -> Value {
    json!({
        "occupation": "nurse",
        "mask_requested": true,
        "workplace": {"postal_code": "1000001", "facility_type": "hospital", "prefecture_code": "13",
                      "municipality": "千代田区", "street_address": SENTINELS[1], "facility_name": SENTINELS[4]},
        "employment_period": {"start": "2026-12-01", "end": "2027-03-31"},
        "probation_weeks": null,
        "duties": {"codes": ["general_outpatient"], "other_detail": null},
        "wage": {"unit": "hourly", "amount_yen": 2500, "probation_amount_yen": null},
        "hours": {"start": "08:45", "end": "17:10", "break_minutes": 60, "overtime": false,
                  "overtime_detail": null, "holidays": "土日祝"},
        "insurance": {"codes": ["employment"], "other_detail": null},
        "no_smoking_on_premises": true,
        "notes": "",
        "contact": {"person_name": SENTINELS[2], "address": null, "phone": "03-0000-0000", "extension": null,
                    "application_phone": null, "email": SENTINELS[3]},
        "other_listings": {"codes": [], "other_detail": null},
        "facility": {"gmis_id": "LOG-0001", "name": SENTINELS[0], "prefecture_code": "13",
                     "email": "log-0001@hospital.test"}
    })
}

#[tokio::test]
async fn logs_carry_no_secret_and_every_request() {
    let dir = tempfile::tempdir().unwrap();
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let env = [
        (
            "KEYNET_DATABASE_URL",
            dir.path().join("db.sqlite3").display().to_string(),
        ),
        ("KEYNET_DATA_DIR", dir.path().display().to_string()),
        (
            "KEYNET_MAIL_DIR",
            dir.path().join("mail").display().to_string(),
        ),
        ("KEYNET_BIND", format!("127.0.0.1:{port}")),
        (
            "KEYNET_JWT_SECRET",
            "log-test-secret-0123456789abcdef-0123".into(),
        ),
        (
            "KEYNET_WEB_DIR",
            dir.path().join("no-web").display().to_string(),
        ),
        ("KEYNET_OUTBOX_INTERVAL_MS", "100".into()),
        ("RUST_LOG", "info".into()),
    ];
    let bin = env!("CARGO_BIN_EXE_keynet");
    let status = Command::new(bin)
        .args(["create-admin", "--email", "admin@log.test", "--password"])
        .arg(SENTINELS[5])
        .envs(env.clone())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .unwrap();
    assert!(status.success());
    let log_path = dir.path().join("server.log");
    let log = std::fs::File::create(&log_path).unwrap();
    let mut server = Command::new(bin)
        .arg("serve")
        .envs(env)
        .stdout(log.try_clone().unwrap())
        .stderr(log)
        .spawn()
        .unwrap();
    let base = format!("http://127.0.0.1:{port}");
    // reqwest is built without a TLS provider of its own; the server installs aws-lc-rs.
    let _ = rustls::crypto::aws_lc_rs::default_provider().install_default();
    let http = reqwest::Client::new();
    let mut up = false;
    for _ in 0..100 {
        if http
            .get(format!("{base}/api/v1/health/live"))
            .send()
            .await
            .is_ok()
        {
            up = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(up, "server did not start");

    let mut secrets: Vec<String> = SENTINELS.iter().map(|s| s.to_string()).collect();
    let login: Value = http
        .post(format!("{base}/api/v1/auth/login"))
        .json(&json!({"login_id": "admin@log.test", "password": SENTINELS[5]}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let access = login["access_token"].as_str().unwrap().to_string();
    secrets.push(access.clone());
    secrets.push(login["refresh_token"].as_str().unwrap().to_string());
    // A wrong password is logged as a 401, without the password.
    http.post(format!("{base}/api/v1/auth/login"))
        .json(&json!({"login_id": "admin@log.test", "password": "Wrong-Sentinel-Pw-8812"}))
        .send()
        .await
        .unwrap();
    secrets.push("Wrong-Sentinel-Pw-8812".into());
    let res = http
        .post(format!("{base}/api/v1/postings"))
        .bearer_auth(&access)
        .json(&masked_posting())
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 201);
    let posting: Value = res.json().await.unwrap();
    let id = posting["id"].as_i64().unwrap();
    // Invalid input that echoes a withheld value: refused, and not logged.
    let mut bad = masked_posting();
    bad["workplace"]["postal_code"] = json!("SENTINEL-BUILDING-2f0");
    http.post(format!("{base}/api/v1/postings"))
        .bearer_auth(&access)
        .json(&bad)
        .send()
        .await
        .unwrap();
    http.get(format!("{base}/api/v1/postings/{id}"))
        .bearer_auth(&access)
        .send()
        .await
        .unwrap();
    // The activation mail's token, and a page link carrying one in its query string.
    let db_url = dir.path().join("db.sqlite3").display().to_string();
    // The activation mail is queued by the change-log consumer, shortly.
    let mut token = None;
    for _ in 0..100 {
        let bodies: Vec<String> = {
            use diesel::prelude::*;
            use keynet::db::schema::outbox;
            let mut conn = keynet::db::establish(&db_url).unwrap();
            outbox::table.select(outbox::body).load(&mut conn).unwrap()
        };
        token = bodies.iter().find_map(|text| {
            let i = text.find("token=")?;
            Some(
                text[i + 6..]
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
                    .collect::<String>(),
            )
        });
        if token.is_some() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let token = token.expect("activation mail");
    http.get(format!("{base}/activate?token={token}"))
        .send()
        .await
        .unwrap();
    secrets.push(token);
    http.post(format!("{base}/api/v1/auth/logout"))
        .bearer_auth(&access)
        .json(&json!({}))
        .send()
        .await
        .unwrap();
    tokio::time::sleep(Duration::from_millis(300)).await;
    let _ = server.kill();
    let _ = server.wait();

    let mut logs = String::new();
    std::fs::File::open(&log_path)
        .unwrap()
        .read_to_string(&mut logs)
        .unwrap();
    for s in &secrets {
        assert!(!logs.contains(s.as_str()), "the log contains {s}:\n{logs}");
    }
    // Not vacuous: the requests are there, by route, with an id and a status.
    assert!(logs.contains("/api/v1/postings/{id}"), "{logs}");
    assert!(logs.contains("path=/activate"), "{logs}");
    assert!(logs.contains("request_id="), "{logs}");
    assert!(logs.contains("status=401"), "{logs}");
}
