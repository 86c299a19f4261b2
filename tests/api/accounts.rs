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

fn reset_token_in(mail: &str) -> String {
    let start =
        mail.find("/reset-password?token=").expect("reset link") + "/reset-password?token=".len();
    mail[start..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
        .collect()
}

/// SPEC 8: a reset link is asked for with the same answer whether or not the login ID has an
/// account; the mailed link works once, for an hour, is stored hashed, and ends every session;
/// asking again and again is limited alike for known and unknown IDs.
#[tokio::test]
async fn password_reset_answers_alike_works_once_and_ends_every_session() {
    let app = TestApp::spawn().await;
    let nurse = app.signup_jobseeker("forgetful@example.jp").await;
    let (s, refreshable) = json_of(
        app.post(
            "/api/v1/auth/login",
            None,
            &json!({"login_id": "forgetful@example.jp", "password": "nurse-pass-1"}),
        )
        .await,
    )
    .await;
    assert_eq!(s, 200);

    let ask = |login_id: &'static str| {
        let app = &app;
        async move {
            let res = app
                .post(
                    "/api/v1/auth/password-reset",
                    None,
                    &json!({"login_id": login_id}),
                )
                .await;
            (res.status(), res.text().await.unwrap())
        }
    };
    let known = ask("ＦＯＲＧＥＴＦＵＬ@example.jp").await;
    let unknown = ask("nobody-here@example.jp").await;
    assert_eq!(known.0, 202, "{}", known.1);
    assert_eq!(
        known, unknown,
        "the answer tells whether the account exists"
    );
    let mail = app
        .mail_to("forgetful@example.jp", "/reset-password?token=")
        .await;
    assert!(mail.contains("1時間"), "{mail}");
    let token = reset_token_in(&mail);
    assert!(!app
        .mails()
        .iter()
        .any(|m| m.contains("nobody-here@example.jp")));
    // Stored hashed: the token is nowhere in the database.
    let stored = token.clone();
    let found = app
        .with_db(move |c| {
            use diesel::prelude::*;
            use keynet::db::schema::one_time_tokens::dsl::*;
            one_time_tokens
                .filter(token_hash.eq(&stored))
                .count()
                .get_result::<i64>(c)
                .unwrap()
        })
        .await;
    assert_eq!(found, 0);

    // A weak password is refused and leaves the link usable.
    let confirm = |token: String, password: &'static str| {
        let app = &app;
        async move {
            json_of(
                app.post(
                    "/api/v1/auth/password-reset/confirm",
                    None,
                    &json!({"token": token, "password": password}),
                )
                .await,
            )
            .await
        }
    };
    let (s, e) = confirm(token.clone(), "password").await;
    assert_eq!(s, 422, "{e}");
    assert_eq!(error_fields(&e), vec!["password"]);
    let (s, done) = confirm(token.clone(), "a-new-nurse-pass-9").await;
    assert_eq!(s, 200, "{done}");
    assert_eq!(done["login_id"], "forgetful@example.jp");
    // Once only.
    let (s, e) = confirm(token.clone(), "yet-another-pass-7").await;
    assert_eq!(
        (s.as_u16(), error_fields(&e)),
        (422, vec!["token".to_string()])
    );
    // Every session ended: the old access token and the old refresh token.
    assert_eq!(app.get("/api/v1/auth/me", Some(&nurse)).await.status(), 401);
    let (s, _) = json_of(
        app.post(
            "/api/v1/auth/refresh",
            None,
            &json!({"refresh_token": refreshable["refresh_token"]}),
        )
        .await,
    )
    .await;
    assert_eq!(s, 401);
    let res = app
        .post(
            "/api/v1/auth/login",
            None,
            &json!({"login_id": "forgetful@example.jp", "password": "nurse-pass-1"}),
        )
        .await;
    assert_eq!(res.status(), 401);
    let fresh = app
        .login("forgetful@example.jp", "a-new-nurse-pass-9")
        .await;
    app.mail_to("forgetful@example.jp", "パスワードが変更されました")
        .await;

    // An expired link does not work.
    ask("forgetful@example.jp").await;
    let mail = loop {
        let m: Vec<String> = app
            .mails()
            .into_iter()
            .filter(|m| m.contains("/reset-password?token=") && reset_token_in(m) != token)
            .collect();
        if let Some(m) = m.into_iter().next() {
            break m;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    };
    let second = reset_token_in(&mail);
    app.with_db(|c| {
        use diesel::prelude::*;
        use keynet::db::schema::one_time_tokens::dsl::*;
        diesel::update(one_time_tokens.filter(purpose.eq("reset")))
            .set(expires_at.eq(keynet::clock::now() - chrono::Duration::minutes(1)))
            .execute(c)
            .unwrap();
    })
    .await;
    let (s, e) = confirm(second, "expired-link-pass-5").await;
    assert_eq!(
        (s.as_u16(), error_fields(&e)),
        (422, vec!["token".to_string()])
    );

    // The limit meets known and unknown IDs alike, with a Retry-After.
    for id in ["forgetful@example.jp", "nobody-here@example.jp"] {
        let mut last = 0;
        for _ in 0..4 {
            let res = app
                .post(
                    "/api/v1/auth/password-reset",
                    None,
                    &json!({"login_id": id}),
                )
                .await;
            last = res.status().as_u16();
            if last == 429 {
                assert!(res.headers().contains_key("retry-after"));
                break;
            }
        }
        assert_eq!(last, 429, "{id}");
    }
    for body in [
        json!({"login_id": ""}),
        json!({"login_id": "x".repeat(255)}),
    ] {
        let (s, e) = json_of(app.post("/api/v1/auth/password-reset", None, &body).await).await;
        assert_eq!(
            (s.as_u16(), error_fields(&e)),
            (422, vec!["login_id".to_string()])
        );
    }

    // A signed-in change keeps this session and ends the others.
    let other = app
        .login("forgetful@example.jp", "a-new-nurse-pass-9")
        .await;
    let (s, e) = json_of(
        app.post(
            "/api/v1/auth/password",
            Some(&fresh),
            &json!({"current_password": "wrong-one-1", "new_password": "changed-pass-2026"}),
        )
        .await,
    )
    .await;
    assert_eq!(
        (s.as_u16(), error_fields(&e)),
        (422, vec!["current_password".to_string()])
    );
    let res = app
        .post(
            "/api/v1/auth/password",
            Some(&fresh),
            &json!({"current_password": "a-new-nurse-pass-9", "new_password": "changed-pass-2026"}),
        )
        .await;
    assert_eq!(res.status(), 204);
    assert_eq!(app.get("/api/v1/auth/me", Some(&fresh)).await.status(), 200);
    assert_eq!(app.get("/api/v1/auth/me", Some(&other)).await.status(), 401);
    app.login("forgetful@example.jp", "changed-pass-2026").await;
    // Wrong current passwords count like failed sign-ins: a stolen session cannot guess on.
    let mut last = 0;
    for _ in 0..12 {
        last = app
            .post(
                "/api/v1/auth/password",
                Some(&fresh),
                &json!({"current_password": "guess-guess-1", "new_password": "another-pass-2027"}),
            )
            .await
            .status()
            .as_u16();
        if last == 429 {
            break;
        }
        assert_eq!(last, 422);
    }
    assert_eq!(last, 429);
}

/// A facility resets by its facility ID; the link goes to the facility's address.
#[tokio::test]
async fn a_facility_resets_its_password_by_facility_id() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    app.facility_with_posting(&admin, "G-7001", posting_body())
        .await;
    let res = app
        .post(
            "/api/v1/auth/password-reset",
            None,
            &json!({"login_id": "Ｇ-７００１"}),
        )
        .await;
    assert_eq!(res.status(), 202);
    let token = reset_token_in(
        &app.mail_to("g-7001@hospital.test", "/reset-password?token=")
            .await,
    );
    let (s, done) = json_of(
        app.post(
            "/api/v1/auth/password-reset/confirm",
            None,
            &json!({"token": token, "password": "hospital-new-pass-3"}),
        )
        .await,
    )
    .await;
    assert_eq!(s, 200, "{done}");
    assert_eq!(done["role"], "facility");
    app.login("G-7001", "hospital-new-pass-3").await;
}
