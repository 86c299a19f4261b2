//! The bounds `openapi.yaml` states are the server's: at each edge, the spec's last valid
//! value is accepted and the first invalid one refused with the documented status and field.

use keynet_tests::*;
use serde_json::{json, Value};

async fn facility(app: &TestApp, gmis: &str) -> (Token, Token, Value) {
    let admin = app.admin().await;
    let (fac, posting) = app
        .facility_with_posting(&admin, gmis, posting_body())
        .await;
    (admin, fac, posting)
}

async fn create(app: &TestApp, token: &Token, body: &Value) -> (reqwest::StatusCode, Value) {
    json_of(app.post("/api/v1/postings", Some(token), body).await).await
}

fn field_code(body: &Value, field: &str) -> Option<String> {
    body["error"]["fields"]
        .as_array()?
        .iter()
        .find(|f| f["field"] == field)
        .map(|f| f["code"].as_str().unwrap_or_default().to_string())
}

#[tokio::test]
async fn wages_are_bounded_by_ten_million_yen_and_by_their_unit() {
    let app = TestApp::spawn().await;
    let (_, fac, _) = facility(&app, "G-8001").await;
    let mut body = posting_body();
    body["wage"] = json!({"unit": "monthly", "amount_yen": 10_000_000});
    assert_eq!(create(&app, &fac, &body).await.0, 201);
    body["wage"]["amount_yen"] = json!(10_000_001);
    let (status, err) = create(&app, &fac, &body).await;
    assert_eq!(status, 422, "{err}");
    assert_eq!(
        field_code(&err, "wage.amount_yen").as_deref(),
        Some("out_of_range")
    );
    // Within the schema's bound, above the hourly maximum: the documented cross-field rule.
    body["wage"] = json!({"unit": "hourly", "amount_yen": 100_001});
    let (status, err) = create(&app, &fac, &body).await;
    assert_eq!(status, 422);
    assert_eq!(
        field_code(&err, "wage.amount_yen").as_deref(),
        Some("out_of_range")
    );
}

#[tokio::test]
async fn text_length_is_counted_as_sent() {
    let app = TestApp::spawn().await;
    let (_, fac, _) = facility(&app, "G-8002").await;
    let mut body = posting_body();
    // 50 characters is the spec's maxLength; padding counts, as it does for `maxLength`.
    body["workplace"]["municipality"] = json!(format!("{}区", "千".repeat(49)));
    assert_eq!(create(&app, &fac, &body).await.0, 201);
    body["workplace"]["municipality"] = json!(format!(" {}区", "千".repeat(49)));
    let (status, err) = create(&app, &fac, &body).await;
    assert_eq!(status, 422);
    assert_eq!(
        field_code(&err, "workplace.municipality").as_deref(),
        Some("too_long")
    );
    // Blank is not text (the spec's pattern asks for a visible character).
    body["workplace"]["municipality"] = json!(" \u{3000}\t");
    let (status, err) = create(&app, &fac, &body).await;
    assert_eq!(status, 422);
    assert_eq!(
        field_code(&err, "workplace.municipality").as_deref(),
        Some("required")
    );
}

#[tokio::test]
async fn the_facility_block_is_for_admins_and_null_means_absent() {
    let app = TestApp::spawn().await;
    let (admin, fac, _) = facility(&app, "G-8003").await;
    let mut body = posting_body();
    body["facility"] = json!(null);
    assert_eq!(create(&app, &fac, &body).await.0, 201);
    let (status, err) = create(&app, &admin, &body).await;
    assert_eq!(status, 422);
    assert_eq!(field_code(&err, "facility").as_deref(), Some("required"));
    body["facility"] = json!({"gmis_id": "G-8004", "name": "別病院", "prefecture_code": "13", "email": "b@hosp.test"});
    assert_eq!(create(&app, &fac, &body).await.0, 403);
}

#[tokio::test]
async fn suspending_is_for_admins_and_expired_is_not_a_request() {
    let app = TestApp::spawn().await;
    let (admin, fac, posting) = facility(&app, "G-8005").await;
    let id = posting["id"].as_i64().unwrap();
    let close = |reason: &str| json!({ "reason": reason });
    let path = format!("/api/v1/postings/{id}/close");
    assert_eq!(
        app.post(&path, Some(&fac), &close("suspended"))
            .await
            .status(),
        403
    );
    let (status, err) = json_of(app.post(&path, Some(&fac), &close("expired")).await).await;
    assert_eq!(status, 422);
    assert_eq!(field_code(&err, "reason").as_deref(), Some("unknown_code"));
    // A suspension needs a reason the facility is told; without one nothing is written.
    let (status, err) = json_of(app.post(&path, Some(&admin), &close("suspended")).await).await;
    assert_eq!(status, 422);
    assert_eq!(field_code(&err, "note").as_deref(), Some("required"));
    let note = "掲載基準に合わない内容（報酬の記載誤り）のため";
    let (status, closed) = json_of(
        app.post(
            &path,
            Some(&admin),
            &json!({"reason": "suspended", "note": note}),
        )
        .await,
    )
    .await;
    assert_eq!(status, 200, "{closed}");
    assert_eq!(closed["close_reason"], "suspended");
    let mail = app
        .mail_to("g-8005@hospital.test", "掲載を停止しました")
        .await;
    assert!(mail.contains(note), "{mail}");
    assert!(mail.contains(&format!("求人ID：{id}")), "{mail}");
    // The posting's history keeps who and why; the change log carries the reason code only.
    let (_, history) = json_of(
        app.get(&format!("/api/v1/postings/{id}/history"), Some(&admin))
            .await,
    )
    .await;
    assert!(history.to_string().contains(note), "{history}");
    let log = app
        .with_db(|c| {
            keynet::db::changes::after(c, 0, 1000)
                .unwrap()
                .into_iter()
                .map(|r| r.data)
                .collect::<Vec<_>>()
                .join("\n")
        })
        .await;
    assert!(!log.contains(note), "{log}");
}

#[tokio::test]
async fn pages_start_at_one() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    for q in ["page=0", "page=100001", "per_page=0", "per_page=101"] {
        let (status, err) = json_of(app.get(&format!("/api/v1/postings?{q}"), None).await).await;
        assert_eq!(status, 422, "{q}: {err}");
        let field = q.split('=').next().unwrap();
        assert_eq!(
            field_code(&err, field).as_deref(),
            Some("out_of_range"),
            "{q}"
        );
    }
    for (q, expected) in [
        ("page=0", 422),
        ("page=100001", 422),
        ("page=x", 400),
        ("page=1", 200),
    ] {
        let res = app
            .get(&format!("/api/v1/admin/audit-log?{q}"), Some(&admin))
            .await;
        assert_eq!(res.status(), expected, "{q}");
    }
}

#[tokio::test]
async fn an_unknown_inbox_box_is_refused() {
    let app = TestApp::spawn().await;
    let (_, fac, _) = facility(&app, "G-8006").await;
    for b in ["new", "awaiting_reply", "in_progress", "decided"] {
        assert_eq!(
            app.get(&format!("/api/v1/threads?box={b}"), Some(&fac))
                .await
                .status(),
            200
        );
    }
    let (status, err) = json_of(app.get("/api/v1/threads?box=inbox", Some(&fac)).await).await;
    assert_eq!(status, 422);
    assert_eq!(field_code(&err, "box").as_deref(), Some("unknown_code"));
}

#[tokio::test]
async fn thread_rules_at_their_edges() {
    let app = TestApp::spawn().await;
    let (_, fac, posting) = facility(&app, "G-8007").await;
    let seeker = app.signup_jobseeker("edge@example.jp").await;
    let id = posting["id"].as_i64().unwrap();
    let apply = |m: Value| json!({ "message": m });
    let path = format!("/api/v1/postings/{id}/applications");
    let (status, err) = json_of(app.post(&path, Some(&seeker), &apply(json!(" \n "))).await).await;
    assert_eq!(status, 422);
    assert_eq!(field_code(&err, "message").as_deref(), Some("required"));
    let (status, err) = json_of(
        app.post(&path, Some(&seeker), &apply(json!("あ".repeat(4001))))
            .await,
    )
    .await;
    assert_eq!(status, 422);
    assert_eq!(field_code(&err, "message").as_deref(), Some("too_long"));
    let (status, thread) = json_of(
        app.post(&path, Some(&seeker), &apply(json!("あ".repeat(4000))))
            .await,
    )
    .await;
    assert_eq!(status, 201, "{thread}");
    let t = thread["id"].as_i64().unwrap();

    // The largest version the spec allows is a stale one, not an overflow.
    for (op, body) in [
        ("stage", json!({"stage": "screening", "version": i32::MAX})),
        (
            "decision",
            json!({"result": "hired", "message": "ok", "version": i32::MAX}),
        ),
    ] {
        let res = app
            .post(&format!("/api/v1/threads/{t}/{op}"), Some(&fac), &body)
            .await;
        assert_eq!(res.status(), 409, "{op}");
    }
    // The stage enum holds only what a facility may set.
    let (status, err) = json_of(
        app.post(
            &format!("/api/v1/threads/{t}/stage"),
            Some(&fac),
            &json!({"stage": "hired", "version": 1}),
        )
        .await,
    )
    .await;
    assert_eq!(status, 422);
    assert_eq!(field_code(&err, "stage").as_deref(), Some("unknown_code"));

    let interview = |minutes: i64| {
        json!({"starts_at": "2099-12-03T14:00:00+09:00", "duration_minutes": minutes,
               "video_url": "https://meet.example.jp/x"})
    };
    let path = format!("/api/v1/threads/{t}/interviews");
    for minutes in [4, 481] {
        let (status, err) = json_of(app.post(&path, Some(&fac), &interview(minutes)).await).await;
        assert_eq!(status, 422);
        assert_eq!(
            field_code(&err, "duration_minutes").as_deref(),
            Some("out_of_range")
        );
    }
    assert_eq!(
        app.post(&path, Some(&fac), &interview(480)).await.status(),
        201
    );
}

#[tokio::test]
async fn a_profile_holds_at_most_twenty_licences() {
    let app = TestApp::spawn().await;
    let seeker = app.signup_jobseeker("licences@example.jp").await;
    let licences: Vec<Value> = (0..21).map(|_| json!({"occupation": "nurse"})).collect();
    let (status, err) = json_of(
        app.put(
            "/api/v1/jobseekers/me",
            Some(&seeker),
            &json!({"name": "看護 花子", "licences": licences[..20].to_vec()}),
        )
        .await,
    )
    .await;
    assert_eq!(status, 200, "{err}");
    let (status, err) = json_of(
        app.put(
            "/api/v1/jobseekers/me",
            Some(&seeker),
            &json!({"name": "看護 花子", "licences": licences}),
        )
        .await,
    )
    .await;
    assert_eq!(status, 422);
    assert_eq!(field_code(&err, "licences").as_deref(), Some("too_many"));
}

#[test]
fn request_bodies_are_complete_schemas_with_their_bounds() {
    let spec: Value = serde_json::from_str(&keynet::openapi::json()).unwrap();
    let schemas = &spec["components"]["schemas"];
    for name in ["CreatePostingRequest", "UpdatePostingRequest"] {
        let s = &schemas[name];
        assert!(s.get("allOf").is_none(), "{name} must be one object schema");
        assert_eq!(s["additionalProperties"], false, "{name}");
        assert!(s["properties"]["wage"].is_object(), "{name}");
    }
    assert!(schemas["CreatePostingRequest"]["properties"]["facility"].is_object());
    assert!(schemas["UpdatePostingRequest"]["required"]
        .as_array()
        .unwrap()
        .contains(&json!("version")));
    assert_eq!(
        schemas["WageInput"]["properties"]["amount_yen"]["maximum"],
        10_000_000
    );
    assert_eq!(
        schemas["CloseRequestReason"]["enum"],
        json!(["filled", "withdrawn", "suspended"])
    );
    assert_eq!(
        schemas["StageChange"]["enum"],
        json!(["screening", "interview"])
    );
    assert_eq!(
        schemas["InterviewRequest"]["properties"]["duration_minutes"]["maximum"],
        480
    );
    assert_eq!(
        schemas["ContactRequest"]["properties"]["message"]["minLength"],
        1
    );
    let links = &spec["paths"]["/api/v1/postings"]["post"]["responses"]["201"]["links"];
    assert_eq!(links["get_posting"]["operationId"], "get_posting");
    assert_eq!(
        links["get_posting"]["parameters"]["id"],
        "$response.body#/id"
    );
}
