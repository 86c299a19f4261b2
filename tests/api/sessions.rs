//! Sessions end when they should: sign-out, a reused refresh token, a new password and an
//! erased account end them at once, on every server of one database; the login limiter
//! stops guessing without locking the owner out; the web client's refresh token lives in
//! an HttpOnly cookie.

use keynet_tests::{json_of, posting_body, TestApp, Token};
use reqwest::{Client, StatusCode};
use serde_json::{json, Value};
use std::net::{IpAddr, Ipv4Addr};

async fn login_body(app: &TestApp, login_id: &str, password: &str) -> Value {
    let (status, body) = json_of(
        app.post(
            "/api/v1/auth/login",
            None,
            &json!({"login_id": login_id, "password": password}),
        )
        .await,
    )
    .await;
    assert_eq!(status, 200, "{body}");
    body
}

fn access(body: &Value) -> Token {
    Token(body["access_token"].as_str().expect("access token").into())
}

async fn refresh(app: &TestApp, token: &str) -> (StatusCode, Value) {
    json_of(
        app.post(
            "/api/v1/auth/refresh",
            None,
            &json!({"refresh_token": token}),
        )
        .await,
    )
    .await
}

async fn me(app: &TestApp, token: &Token) -> StatusCode {
    app.get("/api/v1/auth/me", Some(token)).await.status()
}

/// A client whose requests come from `127.0.0.n`, as if from another address.
fn client_from(n: u8) -> Client {
    Client::builder()
        .local_address(IpAddr::V4(Ipv4Addr::new(127, 0, 0, n)))
        .build()
        .expect("client")
}

async fn try_login(app: &TestApp, client: &Client, login_id: &str, password: &str) -> StatusCode {
    client
        .post(app.url("/api/v1/auth/login"))
        .json(&json!({"login_id": login_id, "password": password}))
        .send()
        .await
        .expect("request")
        .status()
}

#[tokio::test]
async fn an_erased_account_is_signed_out_everywhere_at_once() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let mut masked = posting_body();
    masked["mask_requested"] = json!(true);
    let (_, posting) = app.facility_with_posting(&admin, "SES-0001", masked).await;
    let id = posting["id"].as_i64().unwrap();
    let token = app.signup_jobseeker("leaving@example.jp").await;
    let (status, _) = json_of(
        app.post(
            &format!("/api/v1/postings/{id}/inquiries"),
            Some(&token),
            &json!({"message": "詳しく教えてください"}),
        )
        .await,
    )
    .await;
    assert_eq!(status, 201);
    let detail = app
        .get(&format!("/api/v1/postings/{id}"), Some(&token))
        .await;
    assert_eq!(detail.status(), 200);
    assert_eq!(
        app.delete("/api/v1/jobseekers/me", Some(&token))
            .await
            .status(),
        204
    );
    // The same access token, seconds later: reads and writes alike are refused.
    assert_eq!(me(&app, &token).await, 401);
    assert_eq!(app.get("/api/v1/threads", Some(&token)).await.status(), 401);
    assert_eq!(
        app.get(&format!("/api/v1/postings/{id}"), Some(&token))
            .await
            .status(),
        401
    );
    assert_eq!(
        app.put(
            "/api/v1/jobseekers/me",
            Some(&token),
            &json!({"name": "戻ってきた"})
        )
        .await
        .status(),
        401
    );
}

#[tokio::test]
async fn signing_out_ends_the_access_token_too() {
    let app = TestApp::spawn().await;
    app.signup_jobseeker("out@example.jp").await;
    let body = login_body(&app, "out@example.jp", "nurse-pass-1").await;
    let token = access(&body);
    assert_eq!(me(&app, &token).await, 200);
    let res = app
        .post(
            "/api/v1/auth/logout",
            None,
            &json!({"refresh_token": body["refresh_token"]}),
        )
        .await;
    assert_eq!(res.status(), 204);
    assert_eq!(me(&app, &token).await, 401);
    // Another session of the same account is untouched.
    let other = access(&login_body(&app, "out@example.jp", "nurse-pass-1").await);
    assert_eq!(me(&app, &other).await, 200);
    // A bearer token alone can sign its own session out.
    let res = app
        .post("/api/v1/auth/logout", Some(&other), &json!({}))
        .await;
    assert_eq!(res.status(), 204);
    assert_eq!(me(&app, &other).await, 401);
}

#[tokio::test]
async fn a_reused_refresh_token_ends_its_whole_family() {
    let app = TestApp::spawn().await;
    app.signup_jobseeker("family@example.jp").await;
    let first = login_body(&app, "family@example.jp", "nurse-pass-1").await;
    let r1 = first["refresh_token"].as_str().unwrap().to_string();
    let (status, second) = refresh(&app, &r1).await;
    assert_eq!(status, 200);
    let r2 = second["refresh_token"].as_str().unwrap().to_string();
    let a2 = access(&second);
    assert_eq!(me(&app, &a2).await, 200);
    // An untouched session of the same account must survive what follows.
    let bystander = access(&login_body(&app, "family@example.jp", "nurse-pass-1").await);

    // Someone replays the spent token: refused, and the family it belongs to ends.
    assert_eq!(refresh(&app, &r1).await.0, 401);
    assert_eq!(refresh(&app, &r2).await.0, 401, "the successor still works");
    assert_eq!(
        me(&app, &a2).await,
        401,
        "the family's access token still works"
    );
    assert_eq!(me(&app, &access(&first)).await, 401);
    assert_eq!(me(&app, &bystander).await, 200);
}

#[tokio::test]
async fn racing_refreshes_with_one_token_end_the_session() {
    let app = TestApp::spawn().await;
    app.signup_jobseeker("race@example.jp").await;
    let first = login_body(&app, "race@example.jp", "nurse-pass-1").await;
    let r1 = first["refresh_token"].as_str().unwrap().to_string();
    let results = futures_util::future::join_all((0..4).map(|_| refresh(&app, &r1))).await;
    let ok: Vec<&Value> = results
        .iter()
        .filter(|(s, _)| *s == 200)
        .map(|(_, b)| b)
        .collect();
    assert!(ok.len() <= 1, "one token refreshed {} times", ok.len());
    // Whatever won, the reuse ended the session.
    for b in ok {
        assert_eq!(me(&app, &access(b)).await, 401);
        assert_eq!(
            refresh(&app, b["refresh_token"].as_str().unwrap()).await.0,
            401
        );
    }
}

#[tokio::test]
async fn a_new_password_ends_every_other_session() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let (facility, posting) = app
        .facility_with_posting(&admin, "SES-0002", posting_body())
        .await;
    let other_login = login_body(&app, "SES-0002", "facility-pass-1").await;
    assert_eq!(me(&app, &facility).await, 200);
    let (_, me_body) = json_of(app.get("/api/v1/auth/me", Some(&facility)).await).await;
    let facility_id = me_body["facility"]["id"].as_i64().unwrap();
    assert!(posting["id"].is_i64());
    // The admin sends a new link (the password was forgotten, or leaked).
    let res = app
        .post(
            &format!("/api/v1/admin/facilities/{facility_id}/activation"),
            Some(&admin),
            &json!({}),
        )
        .await;
    assert!(res.status().is_success(), "{}", res.status());
    let link = loop {
        let mails = app.mails();
        let links: Vec<String> = mails
            .iter()
            .filter(|m| m.contains("To: ses-0002@hospital.test"))
            .filter_map(|m| {
                let i = m.find("/activate?token=")? + "/activate?token=".len();
                Some(
                    m[i..]
                        .chars()
                        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
                        .collect(),
                )
            })
            .collect();
        if links.len() >= 2 {
            break links;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    };
    let mut activated = false;
    for token in link {
        let res = app
            .post(
                "/api/v1/auth/activate",
                None,
                &json!({"token": token, "password": "hinoki-Mado-2027"}),
            )
            .await;
        activated |= res.status() == 200;
    }
    assert!(activated);
    assert_eq!(me(&app, &facility).await, 401);
    assert_eq!(me(&app, &access(&other_login)).await, 401);
    assert_eq!(
        refresh(&app, other_login["refresh_token"].as_str().unwrap())
            .await
            .0,
        401
    );
    login_body(&app, "SES-0002", "hinoki-Mado-2027").await;
}

#[tokio::test]
async fn common_and_personal_passwords_are_refused() {
    let app = TestApp::spawn().await;
    for weak in [
        "password1",
        "qwerty123",
        "hanako@example.jp1",
        "hanako123",
        "12345678",
    ] {
        let (status, body) = json_of(
            app.post(
                "/api/v1/jobseekers",
                None,
                &json!({"email": "hanako@example.jp", "password": weak, "name": "看護 花子"}),
            )
            .await,
        )
        .await;
        assert_eq!(status, 422, "{weak}: {body}");
        assert_eq!(body["error"]["fields"][0]["field"], "password", "{body}");
        assert_eq!(
            body["error"]["fields"][0]["code"], "weak_password",
            "{body}"
        );
    }
    let res = app
        .post(
            "/api/v1/jobseekers",
            None,
            &json!({"email": "hanako@example.jp", "password": "sakura-Tegami-2031", "name": "看護 花子"}),
        )
        .await;
    assert_eq!(res.status(), 201);
}

#[tokio::test]
async fn a_guesser_elsewhere_does_not_lock_the_owner_out() {
    let app = TestApp::spawn().await;
    app.signup_jobseeker("owner@example.jp").await;
    let attacker = client_from(2);
    let owner = client_from(3);
    for _ in 0..10 {
        assert_eq!(
            try_login(&app, &attacker, "owner@example.jp", "wrong-guess-1").await,
            401
        );
    }
    // The guesser is stopped, even when the next guess is right…
    let res = attacker
        .post(app.url("/api/v1/auth/login"))
        .json(&json!({"login_id": "owner@example.jp", "password": "nurse-pass-1"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 429);
    assert!(res.headers().get("retry-after").is_some());
    let (_, body) = json_of(res).await;
    assert_eq!(body["error"]["code"], "rate_limited");
    // …and the owner, from their own address, signs in.
    assert_eq!(
        try_login(&app, &owner, "owner@example.jp", "nurse-pass-1").await,
        200
    );
}

#[tokio::test]
async fn guessing_spread_over_many_addresses_meets_a_ceiling() {
    let app = TestApp::spawn_with(|s| s.login_attempts_per_minute = 2).await;
    app.signup_jobseeker("spread@example.jp").await;
    // 2 per address and login ID, 20 per login ID from anywhere.
    for n in 10..20u8 {
        let c = client_from(n);
        for _ in 0..2 {
            assert_eq!(
                try_login(&app, &c, "spread@example.jp", "wrong-guess-1").await,
                401
            );
        }
        assert_eq!(
            try_login(&app, &c, "spread@example.jp", "wrong-guess-1").await,
            429
        );
    }
    assert_eq!(
        try_login(&app, &client_from(30), "spread@example.jp", "wrong-guess-1").await,
        429
    );
}

#[tokio::test]
async fn two_servers_on_one_database_behave_as_one() {
    let a = TestApp::spawn().await;
    let b = a.spawn_sibling().await;
    a.signup_jobseeker("twins@example.jp").await;

    // Failed sign-ins on one server count on the other.
    for _ in 0..10 {
        assert_eq!(
            try_login(&a, &a.client, "twins@example.jp", "wrong-guess-1").await,
            401
        );
    }
    assert_eq!(
        try_login(&b, &b.client, "twins@example.jp", "nurse-pass-1").await,
        429
    );

    // A session started on one server and ended on the other is ended on both.
    let c = a.spawn_sibling().await; // a third server, on a fresh limiter key below
    let owner = client_from(5);
    let res = owner
        .post(c.url("/api/v1/auth/login"))
        .json(&json!({"login_id": "twins@example.jp", "password": "nurse-pass-1"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let body: Value = res.json().await.unwrap();
    let token = access(&body);
    assert_eq!(me(&a, &token).await, 200);
    assert_eq!(me(&b, &token).await, 200);
    let res = b
        .post(
            "/api/v1/auth/logout",
            None,
            &json!({"refresh_token": body["refresh_token"]}),
        )
        .await;
    assert_eq!(res.status(), 204);
    assert_eq!(me(&a, &token).await, 401);
    assert_eq!(me(&c, &token).await, 401);

    // A refresh token spent on one server and replayed on another ends the family.
    let res = owner
        .post(a.url("/api/v1/auth/login"))
        .json(&json!({"login_id": "twins@example.jp", "password": "nurse-pass-1"}))
        .send()
        .await
        .unwrap();
    let body: Value = res.json().await.unwrap();
    let r1 = body["refresh_token"].as_str().unwrap();
    let (status, renewed) = refresh(&a, r1).await;
    assert_eq!(status, 200);
    assert_eq!(refresh(&b, r1).await.0, 401);
    assert_eq!(me(&c, &access(&renewed)).await, 401);
}

#[tokio::test]
async fn the_web_client_keeps_its_refresh_token_in_an_httponly_cookie() {
    let app = TestApp::spawn().await;
    app.signup_jobseeker("cookie@example.jp").await;
    let res = app
        .post(
            "/api/v1/auth/login",
            None,
            &json!({"login_id": "cookie@example.jp", "password": "nurse-pass-1"}),
        )
        .await;
    assert_eq!(res.status(), 200);
    let set_cookie = res
        .headers()
        .get("set-cookie")
        .expect("a refresh cookie")
        .to_str()
        .unwrap()
        .to_string();
    assert!(set_cookie.starts_with("keynet_refresh="), "{set_cookie}");
    for attr in ["HttpOnly", "SameSite=Strict", "Path=/api/v1/auth"] {
        assert!(set_cookie.contains(attr), "{attr} missing: {set_cookie}");
    }
    // Not Secure on http://; KEYNET_PUBLIC_URL=https://… adds it (below).
    assert!(!set_cookie.contains("Secure"), "{set_cookie}");
    let cookie = set_cookie.split(';').next().unwrap().to_string();

    // The cookie alone refreshes; the new refresh token is not put where script can read it.
    let res = app
        .req(reqwest::Method::POST, "/api/v1/auth/refresh", None)
        .header("cookie", &cookie)
        .json(&json!({}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let rotated = res
        .headers()
        .get("set-cookie")
        .unwrap()
        .to_str()
        .unwrap()
        .split(';')
        .next()
        .unwrap()
        .to_string();
    assert_ne!(rotated, cookie);
    let body: Value = res.json().await.unwrap();
    assert!(body.get("refresh_token").is_none(), "{body}");
    assert_eq!(me(&app, &access(&body)).await, 200);

    // No cookie, no session.
    let res = app.post("/api/v1/auth/refresh", None, &json!({})).await;
    assert_eq!(res.status(), 401);

    // Signing out with the cookie ends the session and clears the cookie.
    let res = app
        .req(reqwest::Method::POST, "/api/v1/auth/logout", None)
        .header("cookie", &rotated)
        .json(&json!({}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 204);
    let cleared = res.headers().get("set-cookie").unwrap().to_str().unwrap();
    assert!(cleared.contains("Max-Age=0"), "{cleared}");
    assert_eq!(me(&app, &access(&body)).await, 401);

    let https = TestApp::spawn_with(|s| s.public_url = "https://keynet.example.jp".into()).await;
    https.signup_jobseeker("secure@example.jp").await;
    let res = https
        .post(
            "/api/v1/auth/login",
            None,
            &json!({"login_id": "secure@example.jp", "password": "nurse-pass-1"}),
        )
        .await;
    let set_cookie = res.headers().get("set-cookie").unwrap().to_str().unwrap();
    assert!(set_cookie.contains("Secure"), "{set_cookie}");
}
