use keynet_tests::*;
use serde_json::json;

#[tokio::test]
async fn jobseeker_signs_up_and_signs_in() {
    let app = TestApp::spawn().await;
    let (status, body) = json_of(
        app.post(
            "/api/v1/jobseekers",
            None,
            &json!({"email": "Hanako@Example.jp", "password": "nurse-pass-1", "name": "看護 花子"}),
        )
        .await,
    )
    .await;
    assert_eq!(status, 201, "{body}");
    assert_eq!(body["email"], "hanako@example.jp");
    assert_eq!(body["name"], "看護 花子");
    assert!(body.get("password_hash").is_none());

    let (status, _) = json_of(
        app.post(
            "/api/v1/jobseekers",
            None,
            &json!({"email": "hanako@example.jp", "password": "nurse-pass-2", "name": "別人"}),
        )
        .await,
    )
    .await;
    assert_eq!(status, 409);

    let token = app.login("HANAKO@example.jp", "nurse-pass-1").await;
    let (status, me) = json_of(app.get("/api/v1/auth/me", Some(&token)).await).await;
    assert_eq!(status, 200);
    assert_eq!(me["role"], "jobseeker");
    let (status, profile) = json_of(app.get("/api/v1/jobseekers/me", Some(&token)).await).await;
    assert_eq!(status, 200);
    assert_eq!(profile["name"], "看護 花子");
}

#[tokio::test]
async fn signup_rejects_bad_input_field_by_field() {
    let app = TestApp::spawn().await;
    let (status, body) = json_of(
        app.post(
            "/api/v1/jobseekers",
            None,
            &json!({"email": "nope", "password": "short", "name": ""}),
        )
        .await,
    )
    .await;
    assert_eq!(status, 422);
    let fields = error_fields(&body);
    assert!(
        fields.contains(&"email".to_string())
            && fields.contains(&"password".to_string())
            && fields.contains(&"name".to_string()),
        "{body}"
    );
    let (status, body) = json_of(
        app.post(
            "/api/v1/jobseekers",
            None,
            &json!({"email": "a@b.jp", "password": "nurse-pass-1", "name": "x", "role": "admin"}),
        )
        .await,
    )
    .await;
    assert_eq!(status, 400);
    assert_eq!(error_fields(&body), vec!["role"]);
}

#[tokio::test]
async fn unknown_login_ids_and_unactivated_accounts_look_the_same() {
    let app = TestApp::spawn().await;
    let (s1, b1) = json_of(
        app.post(
            "/api/v1/auth/login",
            None,
            &json!({"login_id": "ghost@example.jp", "password": "whatever-1"}),
        )
        .await,
    )
    .await;
    assert_eq!(s1, 401);
    assert_eq!(b1["error"]["code"], "invalid_credentials");
}

#[tokio::test]
async fn tokens_refresh_rotate_and_revoke() {
    let app = TestApp::spawn().await;
    app.signup_jobseeker("rot@example.jp").await;
    let (_, login) = json_of(
        app.post(
            "/api/v1/auth/login",
            None,
            &json!({"login_id": "rot@example.jp", "password": "nurse-pass-1"}),
        )
        .await,
    )
    .await;
    assert_eq!(login["token_type"], "Bearer");
    assert!(login["expires_in"].as_i64().unwrap() <= 900);
    let refresh = login["refresh_token"].as_str().unwrap().to_string();

    let (status, renewed) = json_of(
        app.post(
            "/api/v1/auth/refresh",
            None,
            &json!({"refresh_token": refresh}),
        )
        .await,
    )
    .await;
    assert_eq!(status, 200);
    let token = Token(renewed["access_token"].as_str().unwrap().into());
    assert_eq!(app.get("/api/v1/auth/me", Some(&token)).await.status(), 200);
    // The spent token is dead.
    let (status, _) = json_of(
        app.post(
            "/api/v1/auth/refresh",
            None,
            &json!({"refresh_token": refresh}),
        )
        .await,
    )
    .await;
    assert_eq!(status, 401);
    // Signing out kills the new one.
    let second = renewed["refresh_token"].as_str().unwrap();
    assert_eq!(
        app.post(
            "/api/v1/auth/logout",
            None,
            &json!({"refresh_token": second})
        )
        .await
        .status(),
        204
    );
    assert_eq!(
        app.post(
            "/api/v1/auth/refresh",
            None,
            &json!({"refresh_token": second})
        )
        .await
        .status(),
        401
    );
}

#[tokio::test]
async fn forged_and_foreign_tokens_are_refused() {
    use base64::Engine;
    let app = TestApp::spawn().await;
    let engine = base64::engine::general_purpose::URL_SAFE_NO_PAD;
    let header = engine.encode(r#"{"alg":"none","typ":"JWT"}"#);
    let claims = engine.encode(
        r#"{"sub":"1","role":"admin","iss":"keynet","aud":"keynet-api","iat":0,"exp":9999999999}"#,
    );
    for t in [
        format!("{header}.{claims}."),
        "garbage".into(),
        format!("{header}.{claims}.c2ln"),
    ] {
        let (status, body) = json_of(app.get("/api/v1/auth/me", Some(&Token(t))).await).await;
        assert_eq!(status, 401, "{body}");
    }
    // A present but bad token on a public route is a 401 too, not a quieter view.
    assert_eq!(
        app.get("/api/v1/postings", Some(&Token("garbage".into())))
            .await
            .status(),
        401
    );
    assert_eq!(app.get("/api/v1/auth/me", None).await.status(), 401);
}

#[tokio::test]
async fn activation_links_work_once() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let (_fac, _) = app
        .facility_with_posting(&admin, "G-1001", posting_body())
        .await;
    let token = app.activation_token_for("g-1001@hospital.test").await;
    let (status, body) = json_of(
        app.post(
            "/api/v1/auth/activate",
            None,
            &json!({"token": token, "password": "another-pass-2"}),
        )
        .await,
    )
    .await;
    assert_eq!(status, 422);
    assert_eq!(error_fields(&body), vec!["token"]);
    let (status, _) = json_of(
        app.post(
            "/api/v1/auth/activate",
            None,
            &json!({"token": "made-up", "password": "another-pass-2"}),
        )
        .await,
    )
    .await;
    assert_eq!(status, 422);
}

#[tokio::test]
async fn admins_can_send_a_facility_a_new_link() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let (facility, posting) = app
        .facility_with_posting(&admin, "G-1002", posting_body())
        .await;
    let first = app.activation_token_for("g-1002@hospital.test").await;
    let fid = posting["facility"]["id"].as_i64().unwrap();
    let path = format!("/api/v1/admin/facilities/{fid}/activation");
    assert_eq!(
        app.post(&path, Some(&facility), &json!({})).await.status(),
        403
    );
    assert_eq!(
        app.post(
            "/api/v1/admin/facilities/999999/activation",
            Some(&admin),
            &json!({})
        )
        .await
        .status(),
        404
    );
    let (status, sent) = json_of(app.post(&path, Some(&admin), &json!({})).await).await;
    assert_eq!(
        (status.as_u16(), sent["sent_to"].as_str()),
        (202, Some("g-1002@hospital.test"))
    );
    // The newest mail carries a different token; the old one is dead, the new one works.
    let mut second = first.clone();
    for _ in 0..100 {
        let tokens: Vec<String> = app
            .mails()
            .iter()
            .filter(|m| m.contains("To: g-1002@hospital.test"))
            .filter_map(|m| {
                m.split("/activate?token=").nth(1).map(|t| {
                    t.chars()
                        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
                        .collect()
                })
            })
            .collect();
        if let Some(t) = tokens.into_iter().find(|t| *t != first) {
            second = t;
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert_ne!(second, first);
    let (status, _) = json_of(
        app.post(
            "/api/v1/auth/activate",
            None,
            &json!({"token": first, "password": "another-pass-3"}),
        )
        .await,
    )
    .await;
    assert_eq!(status, 422);
    let (status, _) = json_of(
        app.post(
            "/api/v1/auth/activate",
            None,
            &json!({"token": second, "password": "another-pass-3"}),
        )
        .await,
    )
    .await;
    assert_eq!(status, 200);
    app.login("G-1002", "another-pass-3").await;
}
