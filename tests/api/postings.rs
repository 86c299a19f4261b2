use keynet_tests::*;
use serde_json::{json, Value};

#[tokio::test]
async fn fax_path_creates_facility_account_and_mails_the_link() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let mut body = posting_body();
    body["facility"] = json!({"gmis_id": "G-2001", "name": "千代田中央病院", "prefecture_code": "13", "email": "jinji@chiyoda.test"});
    let (status, created) = json_of(app.post("/api/v1/postings", Some(&admin), &body).await).await;
    assert_eq!(status, 201, "{created}");
    assert_eq!(created["view"], "full");
    assert_eq!(created["facility"]["gmis_id"], "G-2001");
    assert_eq!(created["identity"]["facility_name"], "千代田中央病院");
    assert_eq!(created["version"], 1);

    let mail = app
        .mail_to("jinji@chiyoda.test", "http://keynet.test/activate?token=")
        .await;
    assert!(mail.contains("G-2001"));
    assert_eq!(app.mails().len(), 1);

    let token = app.activation_token_for("jinji@chiyoda.test").await;
    let (status, act) = json_of(
        app.post(
            "/api/v1/auth/activate",
            None,
            &json!({"token": token, "password": "weak"}),
        )
        .await,
    )
    .await;
    assert_eq!(status, 422, "{act}");
    let (status, act) = json_of(
        app.post(
            "/api/v1/auth/activate",
            None,
            &json!({"token": token, "password": "chiyoda-pass-1"}),
        )
        .await,
    )
    .await;
    assert_eq!(status, 200, "{act}");
    assert_eq!(act["login_id"], "G-2001");
    let fac = app.login("G-2001", "chiyoda-pass-1").await;
    let (_, me) = json_of(app.get("/api/v1/auth/me", Some(&fac)).await).await;
    assert_eq!(me["role"], "facility");
    assert_eq!(me["facility"]["gmis_id"], "G-2001");

    // The facility registers a second posting itself, and lists both.
    let mut second = posting_body();
    second["occupation"] = json!("doctor");
    let (status, p2) = json_of(app.post("/api/v1/postings", Some(&fac), &second).await).await;
    assert_eq!(status, 201, "{p2}");
    assert_eq!(p2["facility"]["gmis_id"], "G-2001");
    let (_, mine) = json_of(app.get("/api/v1/facility/postings", Some(&fac)).await).await;
    let items = mine["items"].as_array().unwrap();
    assert_eq!(items.len(), 2);
    assert!(items.iter().all(|p| p["status"] == "open"));

    // A second fax for the same facility reuses it and mails nothing new.
    let (status, _) = json_of(app.post("/api/v1/postings", Some(&admin), &body).await).await;
    assert_eq!(status, 201);
    tokio::time::sleep(std::time::Duration::from_millis(400)).await;
    assert_eq!(app.mails().len(), 1, "no second activation mail");
}

#[tokio::test]
async fn only_facilities_and_admins_register_and_admins_must_name_the_facility() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let seeker = app.signup_jobseeker("seeker@example.jp").await;
    assert_eq!(
        app.post("/api/v1/postings", None, &posting_body())
            .await
            .status(),
        401
    );
    assert_eq!(
        app.post("/api/v1/postings", Some(&seeker), &posting_body())
            .await
            .status(),
        403
    );
    let (status, body) = json_of(
        app.post("/api/v1/postings", Some(&admin), &posting_body())
            .await,
    )
    .await;
    assert_eq!(status, 422);
    assert_eq!(error_fields(&body), vec!["facility"]);
    let mut bad = posting_body();
    bad["facility"] =
        json!({"gmis_id": "ＢＡＤ ID!", "name": "", "prefecture_code": "48", "email": "x"});
    let (status, body) = json_of(app.post("/api/v1/postings", Some(&admin), &bad).await).await;
    assert_eq!(status, 422);
    let fields = error_fields(&body);
    for f in [
        "facility.gmis_id",
        "facility.name",
        "facility.prefecture_code",
        "facility.email",
    ] {
        assert!(fields.contains(&f.to_string()), "{f} missing in {body}");
    }
    let (fac, _) = app
        .facility_with_posting(&admin, "G-2002", posting_body())
        .await;
    let mut with_facility = posting_body();
    with_facility["facility"] = json!({"gmis_id": "OTHER"});
    let (status, body) = json_of(
        app.post("/api/v1/postings", Some(&fac), &with_facility)
            .await,
    )
    .await;
    // Registering for another facility is an admin's power, not a malformed body.
    assert_eq!(status, 403, "{body}");
}

async fn edit(
    app: &TestApp,
    token: &Token,
    posting: &Value,
    change: impl FnOnce(&mut Value),
) -> (reqwest::StatusCode, Value) {
    let mut body = posting_body();
    change(&mut body);
    body["version"] = posting["version"].clone();
    let id = posting["id"].as_i64().unwrap();
    json_of(
        app.put(&format!("/api/v1/postings/{id}"), Some(token), &body)
            .await,
    )
    .await
}

#[tokio::test]
async fn edits_keep_history_and_need_the_current_version() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let (fac, posting) = app
        .facility_with_posting(&admin, "G-3001", posting_body())
        .await;
    let id = posting["id"].as_i64().unwrap();

    let (status, edited) = edit(&app, &fac, &posting, |b| {
        b["wage"]["amount_yen"] = json!(2800)
    })
    .await;
    assert_eq!(status, 200, "{edited}");
    assert_eq!(edited["version"], 2);
    assert_eq!(edited["wage"]["amount_yen"], 2800);

    // The same stale version again: 409, and nothing changes.
    let (status, body) = edit(&app, &fac, &posting, |b| b["wage"]["amount_yen"] = json!(1)).await;
    assert_eq!(status, 409);
    assert_eq!(body["error"]["code"], "stale_version");
    let (_, now) = json_of(app.get(&format!("/api/v1/postings/{id}"), Some(&fac)).await).await;
    assert_eq!(now["wage"]["amount_yen"], 2800);

    let (status, history) = json_of(
        app.get(&format!("/api/v1/postings/{id}/history"), Some(&fac))
            .await,
    )
    .await;
    assert_eq!(status, 200);
    let items = history["items"].as_array().unwrap();
    assert_eq!(items.len(), 2);
    assert_eq!(items[0]["action"], "created");
    assert_eq!(items[1]["action"], "updated");
    assert!(items[1]["account_id"].is_i64());
    assert_eq!(
        items[1]["changes"]["wage.amount_yen"],
        json!({"from": 2500, "to": 2800})
    );
    assert_eq!(
        items[1]["changes"].as_object().unwrap().len(),
        1,
        "{history}"
    );
}

#[tokio::test]
async fn closed_postings_cannot_be_edited_or_closed_again() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let (fac, posting) = app
        .facility_with_posting(&admin, "G-3002", posting_body())
        .await;
    let id = posting["id"].as_i64().unwrap();
    let (status, _) = json_of(
        app.post(
            &format!("/api/v1/postings/{id}/close"),
            Some(&fac),
            &json!({"reason": "expired"}),
        )
        .await,
    )
    .await;
    assert_eq!(status, 422);
    let (status, closed) = json_of(
        app.post(
            &format!("/api/v1/postings/{id}/close"),
            Some(&fac),
            &json!({"reason": "filled"}),
        )
        .await,
    )
    .await;
    assert_eq!(status, 200, "{closed}");
    assert_eq!(closed["status"], "closed");
    assert_eq!(closed["close_reason"], "filled");
    let (status, body) = json_of(
        app.post(
            &format!("/api/v1/postings/{id}/close"),
            Some(&fac),
            &json!({"reason": "withdrawn"}),
        )
        .await,
    )
    .await;
    assert_eq!(status, 409);
    assert_eq!(body["error"]["code"], "posting_already_closed");
    let (status, body) = edit(&app, &fac, &closed, |_| {}).await;
    assert_eq!(status, 409);
    assert_eq!(body["error"]["code"], "posting_closed");

    let (_, open) = json_of(
        app.get("/api/v1/facility/postings?status=open", Some(&fac))
            .await,
    )
    .await;
    assert_eq!(open["items"].as_array().unwrap().len(), 0);
    let (_, all) = json_of(
        app.get("/api/v1/facility/postings?status=closed", Some(&fac))
            .await,
    )
    .await;
    assert_eq!(all["items"][0]["close_reason"], "filled");
    let (_, history) = json_of(
        app.get(&format!("/api/v1/postings/{id}/history"), Some(&admin))
            .await,
    )
    .await;
    assert_eq!(history["items"][1]["changes"]["reason"], "filled");
    // Closed postings leave the public search.
    let (_, found) = json_of(app.get("/api/v1/postings", None).await).await;
    assert_eq!(found["total"], 0);
}

#[tokio::test]
async fn others_cannot_edit_close_or_read_history() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let (fac_a, posting) = app
        .facility_with_posting(&admin, "G-4001", posting_body())
        .await;
    let (fac_b, _) = app
        .facility_with_posting(&admin, "G-4002", posting_body())
        .await;
    let seeker = app.signup_jobseeker("s@example.jp").await;
    let id = posting["id"].as_i64().unwrap();
    for who in [&fac_b, &seeker] {
        let (status, _) = edit(&app, who, &posting, |_| {}).await;
        assert_eq!(status, 403);
        assert_eq!(
            app.post(
                &format!("/api/v1/postings/{id}/close"),
                Some(who),
                &json!({"reason": "filled"})
            )
            .await
            .status(),
            403
        );
        assert_eq!(
            app.get(&format!("/api/v1/postings/{id}/history"), Some(who))
                .await
                .status(),
            403
        );
    }
    assert_eq!(
        app.get("/api/v1/facility/postings", Some(&seeker))
            .await
            .status(),
        403
    );
    assert_eq!(
        app.get(&format!("/api/v1/postings/{id}/history"), None)
            .await
            .status(),
        401
    );
    // The admin may edit on the facility's behalf.
    let (status, _) = edit(&app, &admin, &posting, |b| {
        b["notes"] = json!("管理者が修正")
    })
    .await;
    assert_eq!(status, 200);
    let (_, p) = json_of(
        app.get(&format!("/api/v1/postings/{id}"), Some(&fac_a))
            .await,
    )
    .await;
    assert_eq!(p["notes"], "管理者が修正");
    assert_eq!(app.get("/api/v1/postings/999999", None).await.status(), 404);
}

#[tokio::test]
async fn racing_edits_with_one_version_let_exactly_one_win() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let (fac, posting) = app
        .facility_with_posting(&admin, "G-5001", posting_body())
        .await;
    let mut tasks = vec![];
    for n in 0..6 {
        let (app_ref, fac, posting) = (&app, fac.clone(), posting.clone());
        tasks.push(async move {
            edit(app_ref, &fac, &posting, |b| {
                b["wage"]["amount_yen"] = json!(3000 + n)
            })
            .await
        });
    }
    let results = futures_util::future::join_all(tasks).await;
    let ok = results.iter().filter(|(s, _)| *s == 200).count();
    let conflicts = results.iter().filter(|(s, _)| *s == 409).count();
    assert_eq!((ok, conflicts), (1, 5), "{results:?}");
    let id = posting["id"].as_i64().unwrap();
    let (_, history) = json_of(
        app.get(&format!("/api/v1/postings/{id}/history"), Some(&fac))
            .await,
    )
    .await;
    assert_eq!(history["items"].as_array().unwrap().len(), 2);
}

#[tokio::test]
async fn an_edit_racing_a_close_never_lands_on_a_closed_posting() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    for round in 0..4 {
        let (fac, posting) = app
            .facility_with_posting(&admin, &format!("G-6{round:03}"), posting_body())
            .await;
        let id = posting["id"].as_i64().unwrap();
        let (close_path, close_body) = (
            format!("/api/v1/postings/{id}/close"),
            json!({"reason": "withdrawn"}),
        );
        let close = app.post(&close_path, Some(&fac), &close_body);
        let change = edit(&app, &fac, &posting, |b| b["notes"] = json!("変更"));
        let (closed, (edit_status, _)) = tokio::join!(close, change);
        assert_eq!(closed.status(), 200);
        assert!(edit_status == 200 || edit_status == 409, "{edit_status}");
        let (_, history) = json_of(
            app.get(&format!("/api/v1/postings/{id}/history"), Some(&fac))
                .await,
        )
        .await;
        let actions: Vec<&str> = history["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|h| h["action"].as_str().unwrap())
            .collect();
        assert_eq!(
            actions.last(),
            Some(&"closed"),
            "an edit landed after the close: {actions:?}"
        );
    }
}

#[tokio::test]
async fn postings_past_their_period_close_as_expired() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let mut old = posting_body();
    old["employment_period"] = json!({"start": "2026-01-05", "end": "2026-03-31"});
    let (fac, expired) = app.facility_with_posting(&admin, "G-8001", old).await;
    let (_, current) = json_of(
        app.post("/api/v1/postings", Some(&fac), &posting_body())
            .await,
    )
    .await;
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
    assert_eq!(
        app.with_db(move |c| keynet::jobs::expire::expire_postings(c, today).unwrap())
            .await,
        1
    );
    let id = expired["id"].as_i64().unwrap();
    let (_, p) = json_of(app.get(&format!("/api/v1/postings/{id}"), Some(&fac)).await).await;
    assert_eq!(
        (p["status"].as_str(), p["close_reason"].as_str()),
        (Some("closed"), Some("expired"))
    );
    let (_, found) = json_of(app.get("/api/v1/postings", None).await).await;
    assert_eq!(found["items"][0]["id"], current["id"]);
    assert_eq!(found["total"], 1);
    // Running again changes nothing.
    assert_eq!(
        app.with_db(move |c| keynet::jobs::expire::expire_postings(c, today).unwrap())
            .await,
        0
    );
}

#[tokio::test]
async fn a_fax_posting_naming_an_existing_facility_id_with_another_name_is_refused_with_the_registered_name(
) {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let (_, first) = app
        .facility_with_posting(&admin, "G-FAX-7", posting_body())
        .await;
    let mut body = posting_body();
    body["facility"] = json!({"gmis_id": "G-FAX-7", "name": "まちがい総合病院", "prefecture_code": "13",
                              "email": "other@hospital.test"});
    let (s, e) = json_of(app.post("/api/v1/postings", Some(&admin), &body).await).await;
    assert_eq!(s, 409, "{e}");
    assert_eq!(e["error"]["code"], "facility_mismatch");
    let message = e["error"]["message"].as_str().unwrap();
    assert!(
        message.contains("G-FAX-7病院") && message.contains("まちがい総合病院"),
        "{message}"
    );
    // Nothing was written: the facility still has its one posting.
    let (_, own) = json_of(app.get("/api/v1/postings?q=まちがい", None).await).await;
    assert_eq!(own["total"], 0);
    // The registered name (width and spaces aside) is accepted for the same facility.
    body["facility"]["name"] = json!("Ｇ-ＦＡＸ-７病院");
    let (s, created) = json_of(app.post("/api/v1/postings", Some(&admin), &body).await).await;
    assert_eq!(s, 201, "{created}");
    assert!(first["facility"]["id"].is_i64());
    assert_eq!(created["facility"]["id"], first["facility"]["id"]);
    assert_eq!(created["facility"]["name"], "G-FAX-7病院");
}

/// `keynet seed-demo` writes postings in bulk (multi-row statements of 500, transactions of
/// 5,000): each must read exactly as one registered through the API — its own document, a
/// history entry and one change — and a masked one must stay masked.
#[tokio::test]
async fn bulk_seeded_postings_read_like_registered_ones() {
    let app = TestApp::spawn().await;
    let n = 1_203;
    let seeded = app
        .with_db(move |c| keynet::seed::seed_demo(c, n, false).expect("seed"))
        .await;
    assert_eq!(seeded, n);
    let (status, page) = json_of(app.get("/api/v1/postings?per_page=1", None).await).await;
    assert_eq!(status, 200, "{page}");
    assert_eq!(page["total"], n as i64);

    let (rows, changes) = app
        .with_db(|c| {
            let ids: Vec<i64> = (1..=1_203).collect();
            let rows = keynet::db::postings::find_many(c, &ids).expect("rows");
            let changes = keynet::db::changes::after(c, 0, 10_000).expect("changes");
            (rows, changes)
        })
        .await;
    assert_eq!(rows.len(), n, "every id from 1 to n is a posting");
    for row in rows.values() {
        // The document belongs to its row: the wage the search filters on is the one shown.
        let details: Value = serde_json::from_str(&row.details_json).unwrap();
        assert_eq!(
            details["wage"]["amount_yen"], row.wage_amount_yen,
            "posting {}",
            row.id
        );
        assert_eq!(
            details["wage"]["unit"],
            row.wage_unit.as_str(),
            "posting {}",
            row.id
        );
    }
    let mut created: Vec<i64> = changes
        .iter()
        .filter(|c| c.kind == "posting.created")
        .map(|c| c.entity_id)
        .collect();
    created.sort_unstable();
    assert_eq!(
        created,
        (1..=n as i64).collect::<Vec<_>>(),
        "one change per posting"
    );

    // A masked one across a statement boundary: its facility name is in no public byte.
    let masked = rows
        .values()
        .filter(|r| r.mask_requested && r.id > 500)
        .min_by_key(|r| r.id)
        .expect("some seeded postings are masked");
    let maskable: Value = serde_json::from_str(&masked.maskable_json).unwrap();
    let name = maskable["facility_name"].as_str().unwrap().to_string();
    let res = app
        .get(&format!("/api/v1/postings/{}", masked.id), None)
        .await;
    assert_eq!(res.status(), 200);
    let body = res.text().await.unwrap();
    assert!(!body.contains(&name), "masked facility name {name} shown");
    assert!(!masked.public_search_text.contains(&name));
    let (status, history) = json_of(
        app.get(
            &format!("/api/v1/postings/{}/history", masked.id),
            Some(&app.admin().await),
        )
        .await,
    )
    .await;
    assert_eq!(status, 200, "{history}");
    assert_eq!(history["items"].as_array().unwrap().len(), 1, "{history}");
}
