//! From contact to hire (SPEC 3–4): disclosure, threads, interviews, results, training,
//! closing, oversight, month-end rest, account deletion and the outbox.

use keynet_tests::*;
use serde_json::{json, Value};

const HIDDEN: &str = "SENTINEL-THREAD-NAME";

/// A facility with one masked posting (the facility name is a sentinel).
async fn masked_posting(app: &TestApp, gmis: &str) -> (Token, Token, i64) {
    let admin = app.admin().await;
    let mut body = posting_body();
    body["mask_requested"] = json!(true);
    body["workplace"]["street_address"] = json!("SENTINEL-THREAD-STREET");
    body["facility"] = json!({"gmis_id": gmis, "name": HIDDEN, "prefecture_code": "13", "email": format!("{}@hosp.test", gmis.to_lowercase())});
    let (status, created) = json_of(app.post("/api/v1/postings", Some(&admin), &body).await).await;
    assert_eq!(status, 201, "{created}");
    let token = app
        .activation_token_for(&format!("{}@hosp.test", gmis.to_lowercase()))
        .await;
    app.post(
        "/api/v1/auth/activate",
        None,
        &json!({"token": token, "password": "facility-pass-1"}),
    )
    .await;
    (
        admin,
        app.login(gmis, "facility-pass-1").await,
        created["id"].as_i64().unwrap(),
    )
}

async fn second_posting(app: &TestApp, facility: &Token) -> i64 {
    let mut body = posting_body();
    body["mask_requested"] = json!(true);
    let (status, p) = json_of(app.post("/api/v1/postings", Some(facility), &body).await).await;
    assert_eq!(status, 201);
    p["id"].as_i64().unwrap()
}

async fn contact(
    app: &TestApp,
    who: &Token,
    posting: i64,
    kind: &str,
    message: &str,
) -> (reqwest::StatusCode, Value) {
    json_of(
        app.post(
            &format!("/api/v1/postings/{posting}/{kind}"),
            Some(who),
            &json!({"message": message}),
        )
        .await,
    )
    .await
}

async fn thread(app: &TestApp, who: &Token, id: i64) -> Value {
    let (status, t) = json_of(app.get(&format!("/api/v1/threads/{id}"), Some(who)).await).await;
    assert_eq!(status, 200, "{t}");
    t
}

#[tokio::test]
async fn an_inquiry_discloses_that_posting_only_to_that_jobseeker_and_is_audited() {
    let app = TestApp::spawn().await;
    let (admin, facility, p1) = masked_posting(&app, "G-T1").await;
    let p2 = second_posting(&app, &facility).await;
    let nurse = app.signup_jobseeker("nurse@example.jp").await;
    let other = app.signup_jobseeker("other@example.jp").await;

    let (status, t) = contact(
        &app,
        &nurse,
        p1,
        "inquiries",
        "勤務開始日について教えてください",
    )
    .await;
    assert_eq!(status, 201, "{t}");
    assert_eq!(t["kind"], "inquiry");
    assert_eq!(t["posting"]["view"], "jobseeker");
    assert_eq!(t["posting"]["disclosed"], true);
    assert_eq!(t["posting"]["identity"]["facility_name"], HIDDEN);
    assert!(t.get("jobseeker").is_none() || t["jobseeker"].is_null());

    let (_, d1) = json_of(
        app.get(&format!("/api/v1/postings/{p1}"), Some(&nurse))
            .await,
    )
    .await;
    assert_eq!(d1["identity"]["street_address"], "SENTINEL-THREAD-STREET");
    for (who, path) in [
        (&nurse, format!("/api/v1/postings/{p2}")),
        (&other, format!("/api/v1/postings/{p1}")),
    ] {
        let text = app.get(&path, Some(who)).await.text().await.unwrap();
        assert!(
            !text.contains(HIDDEN) && !text.contains("SENTINEL-THREAD-STREET"),
            "{text}"
        );
    }
    let (_, found) = json_of(app.get("/api/v1/postings", Some(&nurse)).await).await;
    let items = found["items"].as_array().unwrap();
    let shown: Vec<bool> = items.iter().map(|p| p.get("identity").is_some()).collect();
    assert_eq!(
        items.iter().find(|p| p["id"] == p1).unwrap()["disclosed"],
        true
    );
    assert_eq!(
        items.iter().find(|p| p["id"] == p2).unwrap()["masked"],
        true
    );
    assert_eq!(shown.iter().filter(|s| **s).count(), 1);
    let text = app
        .get("/api/v1/postings", Some(&other))
        .await
        .text()
        .await
        .unwrap();
    assert!(!text.contains(HIDDEN));

    let (_, log) = json_of(app.get("/api/v1/admin/audit-log", Some(&admin)).await).await;
    let disclosures: Vec<&serde_json::Value> = log["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["action"] == "posting_disclosed" && e["posting_id"] == p1)
        .collect();
    // Contact, detail and search each disclosed it: one entry for the day, with the count.
    assert_eq!(disclosures.len(), 1, "{log}");
    assert!(disclosures[0]["times"].as_i64().unwrap() >= 3, "{log}");
    assert!(disclosures[0]["actor"].is_string(), "named: {log}");
    assert_eq!(
        app.get("/api/v1/admin/audit-log", Some(&facility))
            .await
            .status(),
        403
    );
}

/// The audit log narrows by action, actor, jobseeker, posting and Japan-time day, and exports
/// the same selection as CSV for Excel, with formula-like names neutralised.
#[tokio::test]
async fn the_audit_log_filters_and_exports_csv() {
    let app = TestApp::spawn().await;
    let (admin, _facility, p1) = masked_posting(&app, "G-T9").await;
    let res = app
        .post(
            "/api/v1/jobseekers",
            None,
            &json!({"email": "formula@example.jp", "password": "nurse-pass-1", "name": "=1+2"}),
        )
        .await;
    assert_eq!(res.status(), 201);
    let formula = app.login("formula@example.jp", "nurse-pass-1").await;
    let nurse = app.signup_jobseeker("nurse-audit@example.jp").await;
    for who in [&formula, &nurse] {
        let (status, t) = contact(&app, who, p1, "inquiries", "見学できますか").await;
        assert_eq!(status, 201, "{t}");
    }
    let get = |q: String| {
        let (app, admin) = (&app, &admin);
        async move {
            json_of(
                app.get(&format!("/api/v1/admin/audit-log?{q}"), Some(admin))
                    .await,
            )
            .await
        }
    };
    // (The admin's fax entry is listed too, by the audit consumer a moment later.)
    let (_, all) = get("action=posting_disclosed".into()).await;
    assert_eq!(all["total"], 2, "{all}");
    let (_, by_actor) = get("actor=nurse-audit%40example".into()).await;
    assert_eq!(by_actor["total"], 1, "{by_actor}");
    assert_eq!(by_actor["items"][0]["actor"], "看護 花子");
    let (_, nobody) = get("actor=nobody".into()).await;
    assert_eq!(nobody["total"], 0);
    let (_, disclosed) = get(format!("action=posting_disclosed&posting_id={p1}")).await;
    assert_eq!(disclosed["total"], 2);
    let (_, viewed) = get("action=jobseeker_viewed".into()).await;
    assert_eq!(viewed["total"], 0);
    let (_, other_posting) = get(format!("posting_id={}", p1 + 1000)).await;
    assert_eq!(other_posting["total"], 0);
    let today = keynet::clock::today_in_japan();
    let tomorrow = today.succ_opt().unwrap();
    let (_, on_today) = get(format!("action=posting_disclosed&from={today}&to={today}")).await;
    assert_eq!(on_today["total"], 2);
    let (_, from_tomorrow) = get(format!("from={tomorrow}")).await;
    assert_eq!(from_tomorrow["total"], 0);
    let (status, err) = get(format!("from={tomorrow}&to={today}")).await;
    assert_eq!(status, 422, "{err}");
    assert_eq!(err["error"]["fields"][0]["field"], "to");
    let (status, _) = get("action=deleted".into()).await;
    assert_eq!(status, 422);
    let (status, _) = get("from=R8-11-01".into()).await;
    assert_eq!(status, 400);

    let res = app
        .get(
            "/api/v1/admin/audit-log.csv?action=posting_disclosed",
            Some(&admin),
        )
        .await;
    assert_eq!(res.status(), 200);
    assert!(res.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/csv"));
    let bytes = res.bytes().await.unwrap();
    assert!(bytes.starts_with(&[0xEF, 0xBB, 0xBF]));
    let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
    let lines: Vec<&str> = text.split("\r\n").filter(|l| !l.is_empty()).collect();
    assert_eq!(lines.len(), 3, "{text}");
    assert!(lines[0].starts_with("日時（日本時間）,操作,"), "{text}");
    assert!(
        lines[1..]
            .iter()
            .all(|l| l.contains("非公開の募集を求職者に開示")),
        "{text}"
    );
    assert!(text.contains("'=1+2") && !text.contains(",=1+2"), "{text}");
    let (_, facility_token, _) = masked_posting(&app, "G-T10").await;
    assert_eq!(
        app.get("/api/v1/admin/audit-log.csv", Some(&facility_token))
            .await
            .status(),
        403
    );
}

#[tokio::test]
async fn the_same_jobseeker_gets_the_same_thread_and_an_inquiry_upgrades() {
    let app = TestApp::spawn().await;
    let (_, facility, p1) = masked_posting(&app, "G-T2").await;
    let nurse = app.signup_jobseeker("n2@example.jp").await;
    let (s1, t1) = contact(&app, &nurse, p1, "inquiries", "質問です").await;
    let (s2, t2) = contact(&app, &nurse, p1, "inquiries", "質問です").await;
    assert_eq!((s1.as_u16(), s2.as_u16()), (201, 200));
    assert_eq!(t1["id"], t2["id"]);
    assert_eq!(
        t2["messages"].as_array().unwrap().len(),
        1,
        "a repeat is not a second message"
    );
    let (s3, t3) = contact(&app, &nurse, p1, "applications", "応募します").await;
    assert_eq!(s3, 200);
    assert_eq!(
        (t3["id"].clone(), t3["kind"].as_str(), t3["stage"].as_str()),
        (t1["id"].clone(), Some("application"), Some("applied"))
    );
    assert_eq!(t3["messages"].as_array().unwrap().len(), 2);
    let (s4, t4) = contact(&app, &nurse, p1, "applications", "応募します").await;
    assert_eq!((s4.as_u16(), t4["id"].clone()), (200, t1["id"].clone()));

    // Two tabs applying at once: one thread.
    let p2 = second_posting(&app, &facility).await;
    let (a, b) = tokio::join!(
        contact(&app, &nurse, p2, "applications", "同時送信"),
        contact(&app, &nurse, p2, "applications", "同時送信")
    );
    let mut codes = [a.0.as_u16(), b.0.as_u16()];
    codes.sort();
    assert_eq!(codes, [200, 201], "{a:?} {b:?}");
    assert_eq!(a.1["id"], b.1["id"]);
    let (_, inbox) = json_of(app.get("/api/v1/threads", Some(&facility)).await).await;
    assert_eq!(inbox["items"].as_array().unwrap().len(), 2);

    let (status, err) = contact(&app, &nurse, p1, "applications", "").await;
    assert_eq!(status, 422, "{err}");
    let facility_try = contact(&app, &facility, p1, "inquiries", "x").await;
    assert_eq!(facility_try.0, 403);
    assert_eq!(
        app.post(
            &format!("/api/v1/postings/{p1}/inquiries"),
            None,
            &json!({"message": "x"})
        )
        .await
        .status(),
        401
    );
}

#[tokio::test]
async fn nobody_reaches_a_thread_that_is_not_theirs() {
    let app = TestApp::spawn().await;
    let (admin, facility, p1) = masked_posting(&app, "G-T3").await;
    let (other_facility, _) = app
        .facility_with_posting(&admin, "G-T3B", posting_body())
        .await;
    let nurse = app.signup_jobseeker("n3@example.jp").await;
    let stranger = app.signup_jobseeker("stranger@example.jp").await;
    let (_, t) = contact(&app, &nurse, p1, "applications", "応募します").await;
    let id = t["id"].as_i64().unwrap();
    let v = t["version"].clone();
    for who in [&stranger, &other_facility] {
        for res in [
            app.get(&format!("/api/v1/threads/{id}"), Some(who)).await,
            app.post(
                &format!("/api/v1/threads/{id}/messages"),
                Some(who),
                &json!({"message": "覗き見"}),
            )
            .await,
            app.post(
                &format!("/api/v1/threads/{id}/stage"),
                Some(who),
                &json!({"stage": "screening", "version": v}),
            )
            .await,
            app.post(
                &format!("/api/v1/threads/{id}/decision"),
                Some(who),
                &json!({"result": "hired", "message": "x", "version": v}),
            )
            .await,
        ] {
            let status = res.status().as_u16();
            let text = res.text().await.unwrap();
            assert!(status == 404 || status == 403, "{status} {text}");
            assert!(
                !text.contains("応募します") && !text.contains(HIDDEN),
                "{text}"
            );
        }
        let (_, list) = json_of(app.get("/api/v1/threads", Some(who)).await).await;
        assert!(list["items"].as_array().unwrap().is_empty());
    }
    // The jobseeker cannot act as the facility.
    let res = app
        .post(
            &format!("/api/v1/threads/{id}/decision"),
            Some(&nurse),
            &json!({"result": "hired", "message": "x", "version": v}),
        )
        .await;
    assert_eq!(res.status(), 403);
    assert_eq!(
        app.get(&format!("/api/v1/threads/{id}"), None)
            .await
            .status(),
        401
    );
    assert_eq!(
        thread(&app, &facility, id).await["jobseeker"]["email"],
        "n3@example.jp"
    );
    assert_eq!(thread(&app, &admin, id).await["id"], id);
}

#[tokio::test]
async fn from_application_to_reported_training() {
    let app = TestApp::spawn().await;
    let (admin, facility, p1) = masked_posting(&app, "G-T4").await;
    let nurse = app.signup_jobseeker("n4@example.jp").await;
    let profile = json!({"name": "看護 花子", "name_kana": "かんご はなこ", "phone": "090-1234-5678", "prefecture_code": "13",
        "availability": "平日日中", "experience": "病棟10年", "years_away": 5,
        "licences": [{"occupation": "nurse", "licence_number": "123456", "licence_year": 2010}]});
    let (status, p) = json_of(
        app.put("/api/v1/jobseekers/me", Some(&nurse), &profile)
            .await,
    )
    .await;
    assert_eq!(status, 200, "{p}");
    assert_eq!(p["licences"][0]["occupation"], "nurse");

    let (_, t) = contact(
        &app,
        &nurse,
        p1,
        "applications",
        "応募します。よろしくお願いします。",
    )
    .await;
    let id = t["id"].as_i64().unwrap();
    app.mail_to("jinji@example.jp", "応募が届きました").await;
    let (_, new_box) = json_of(app.get("/api/v1/threads?box=new", Some(&facility)).await).await;
    assert_eq!(new_box["items"][0]["id"], id);
    assert_eq!(new_box["items"][0]["jobseeker_name"], "看護 花子");

    let (status, _) = json_of(
        app.post(
            &format!("/api/v1/threads/{id}/messages"),
            Some(&facility),
            &json!({"message": "ご応募ありがとうございます"}),
        )
        .await,
    )
    .await;
    assert_eq!(status, 201);
    app.mail_to("n4@example.jp", "新しいメッセージ").await;
    let (_, new_box) = json_of(app.get("/api/v1/threads?box=new", Some(&facility)).await).await;
    assert!(new_box["items"].as_array().unwrap().is_empty());
    let seen = thread(&app, &facility, id).await;
    assert!(seen["first_response_at"].is_string());
    assert_eq!(seen["jobseeker"]["licences"][0]["licence_number"], "123456");

    let v = seen["version"].clone();
    let (status, moved) = json_of(
        app.post(
            &format!("/api/v1/threads/{id}/stage"),
            Some(&facility),
            &json!({"stage": "screening", "version": v}),
        )
        .await,
    )
    .await;
    assert_eq!(status, 200, "{moved}");
    let (status, stale) = json_of(
        app.post(
            &format!("/api/v1/threads/{id}/stage"),
            Some(&facility),
            &json!({"stage": "interview", "version": v}),
        )
        .await,
    )
    .await;
    assert_eq!(
        (status.as_u16(), stale["error"]["code"].as_str()),
        (409, Some("stale_version"))
    );

    let starts = (chrono::Utc::now() + chrono::Duration::days(3))
        .format("%Y-%m-%dT14:00")
        .to_string();
    let (status, iv) = json_of(app.post(&format!("/api/v1/threads/{id}/interviews"), Some(&facility),
        &json!({"starts_at": starts, "duration_minutes": 30, "video_url": "https://meet.example.jp/abc", "note": "カメラをオンにしてください"})).await).await;
    assert_eq!(status, 201, "{iv}");
    assert!(
        iv["starts_at"].as_str().unwrap().ends_with("+09:00"),
        "{iv}"
    );
    for to in ["n4@example.jp", "jinji@example.jp"] {
        let mail = app.mail_to(to, "オンライン面接").await;
        assert!(
            mail.contains("text/calendar")
                && mail.contains("BEGIN:VCALENDAR")
                && mail.contains("METHOD:REQUEST"),
            "{mail}"
        );
        assert!(
            mail.contains("DTSTART:") && mail.contains("0500"),
            "14:00 JST is 05:00 UTC: {mail}"
        );
    }
    let iid = iv["id"].as_i64().unwrap();
    // A day before, both sides are reminded, once.
    let starts_utc = chrono::DateTime::parse_from_rfc3339(iv["starts_at"].as_str().unwrap())
        .unwrap()
        .naive_utc();
    let day_before = starts_utc - chrono::Duration::hours(12);
    let remind = move |c: &mut keynet::db::DbConn| {
        keynet::jobs::schedule::send_interview_reminders(c, day_before, "http://keynet.test")
            .unwrap()
    };
    assert_eq!(app.with_db(remind).await, 1);
    assert_eq!(app.with_db(remind).await, 0);
    app.mail_to("n4@example.jp", "オンライン面接が近づいています")
        .await;
    app.mail_to("jinji@example.jp", "オンライン面接が近づいています")
        .await;
    let (status, _) = json_of(
        app.post(
            &format!("/api/v1/threads/{id}/interviews/{iid}/response"),
            Some(&facility),
            &json!({"accept": true}),
        )
        .await,
    )
    .await;
    assert_eq!(status, 403);
    let (status, answered) = json_of(
        app.post(
            &format!("/api/v1/threads/{id}/interviews/{iid}/response"),
            Some(&nurse),
            &json!({"accept": true}),
        )
        .await,
    )
    .await;
    assert_eq!(
        (status.as_u16(), answered["status"].as_str()),
        (200, Some("accepted"))
    );
    let (status, _) = json_of(
        app.post(
            &format!("/api/v1/threads/{id}/interviews/{iid}/response"),
            Some(&nurse),
            &json!({"accept": false}),
        )
        .await,
    )
    .await;
    assert_eq!(status, 409);
    let bad =
        json!({"starts_at": "2020-01-01T10:00", "duration_minutes": 1, "video_url": "ftp://x"});
    let (status, err) = json_of(
        app.post(
            &format!("/api/v1/threads/{id}/interviews"),
            Some(&facility),
            &bad,
        )
        .await,
    )
    .await;
    assert_eq!(status, 422);
    assert_eq!(error_fields(&err).len(), 3, "{err}");

    let current = thread(&app, &facility, id).await;
    assert_eq!(current["stage"], "interview");
    let (status, decided) = json_of(app.post(&format!("/api/v1/threads/{id}/decision"), Some(&facility),
        &json!({"result": "hired", "message": "ぜひ一緒に働きましょう", "version": current["version"]})).await).await;
    assert_eq!(status, 200, "{decided}");
    assert_eq!(decided["decision"]["result"], "hired");
    app.mail_to("n4@example.jp", "採用が決まりました").await;
    let (status, _) = json_of(
        app.post(
            &format!("/api/v1/threads/{id}/decision"),
            Some(&facility),
            &json!({"result": "not_hired", "message": "x", "version": decided["version"]}),
        )
        .await,
    )
    .await;
    assert_eq!(status, 409);
    let seen_by_nurse = thread(&app, &nurse, id).await;
    assert_eq!(
        seen_by_nurse["decision"]["message"],
        "ぜひ一緒に働きましょう"
    );

    let (_, missing) = json_of(
        app.get("/api/v1/admin/missing-training-reports", Some(&admin))
            .await,
    )
    .await;
    assert_eq!(missing["items"][0]["thread_id"], id);
    let incomplete = json!({"completed_on": "2026-11-20", "items": ["infection_control_lecture"], "hours": 1.0, "materials": []});
    let (status, err) = json_of(
        app.post(
            &format!("/api/v1/threads/{id}/training-report"),
            Some(&facility),
            &incomplete,
        )
        .await,
    )
    .await;
    assert_eq!(
        (status.as_u16(), error_fields(&err)),
        (422, vec!["items".to_string()])
    );
    let report = json!({"completed_on": "令和8年11月20日", "items": ["infection_control_lecture", "infection_control_practice", "medical_safety_lecture", "ppe_donning"],
        "hours": 2.5, "materials": ["jsipc_covid_guide_3", "jma_gown"]});
    let (status, r) = json_of(
        app.post(
            &format!("/api/v1/threads/{id}/training-report"),
            Some(&facility),
            &report,
        )
        .await,
    )
    .await;
    assert_eq!(status, 201, "{r}");
    assert_eq!(
        (r["completed_on"].as_str(), r["hours"].as_f64()),
        (Some("2026-11-20"), Some(2.5))
    );
    let (status, _) = json_of(
        app.post(
            &format!("/api/v1/threads/{id}/training-report"),
            Some(&facility),
            &report,
        )
        .await,
    )
    .await;
    assert_eq!(status, 409);
    let (_, missing) = json_of(
        app.get("/api/v1/admin/missing-training-reports", Some(&admin))
            .await,
    )
    .await;
    assert!(missing["items"].as_array().unwrap().is_empty());
    let (_, decided_box) = json_of(
        app.get("/api/v1/threads?box=decided", Some(&facility))
            .await,
    )
    .await;
    assert_eq!(decided_box["items"][0]["stage"], "hired");
    let (_, catalogue) = json_of(app.get("/api/v1/reference/training-materials", None).await).await;
    assert!(catalogue["items"].as_array().unwrap().len() >= 10);
}

#[tokio::test]
async fn closing_as_filled_tells_the_other_applicants_kindly() {
    let app = TestApp::spawn().await;
    let (_, facility, p1) = masked_posting(&app, "G-T5").await;
    let hired = app.signup_jobseeker("hired@example.jp").await;
    let waiting = app.signup_jobseeker("waiting@example.jp").await;
    let (_, th) = contact(&app, &hired, p1, "applications", "応募します").await;
    let (_, tw) = contact(&app, &waiting, p1, "applications", "私も応募します").await;
    let (status, _) = json_of(
        app.post(
            &format!("/api/v1/threads/{}/decision", th["id"]),
            Some(&facility),
            &json!({"result": "hired", "message": "採用です", "version": th["version"]}),
        )
        .await,
    )
    .await;
    assert_eq!(status, 200);
    let (status, _) = json_of(
        app.post(
            &format!("/api/v1/postings/{p1}/close"),
            Some(&facility),
            &json!({"reason": "filled"}),
        )
        .await,
    )
    .await;
    assert_eq!(status, 200);
    let w = thread(&app, &waiting, tw["id"].as_i64().unwrap()).await;
    assert_eq!(w["stage"], "posting_closed");
    assert!(w["messages"]
        .as_array()
        .unwrap()
        .iter()
        .any(|m| m["sender"] == "system"
            && m["body"]
                .as_str()
                .unwrap()
                .contains("ありがとうございました")));
    app.mail_to("waiting@example.jp", "医療機関の判断により終了しました")
        .await;
    assert_eq!(
        thread(&app, &hired, th["id"].as_i64().unwrap()).await["stage"],
        "hired"
    );
    let (status, err) = json_of(
        app.post(
            &format!("/api/v1/threads/{}/decision", tw["id"]),
            Some(&facility),
            &json!({"result": "hired", "message": "やはり採用", "version": w["version"]}),
        )
        .await,
    )
    .await;
    assert_eq!(
        (status.as_u16(), err["error"]["code"].as_str()),
        (409, Some("posting_closed"))
    );
    let (status, _) = contact(
        &app,
        &app.signup_jobseeker("late@example.jp").await,
        p1,
        "applications",
        "遅れて応募",
    )
    .await;
    assert_eq!(status, 409);
}

#[tokio::test]
async fn a_decision_racing_a_close_ends_one_way_or_the_other() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    for round in 0..4 {
        let (facility, posting) = app
            .facility_with_posting(&admin, &format!("G-RACE{round}"), posting_body())
            .await;
        let pid = posting["id"].as_i64().unwrap();
        let nurse = app
            .signup_jobseeker(&format!("race{round}@example.jp"))
            .await;
        let (_, t) = contact(&app, &nurse, pid, "applications", "応募します").await;
        let (decide_path, close_path) = (
            format!("/api/v1/threads/{}/decision", t["id"]),
            format!("/api/v1/postings/{pid}/close"),
        );
        let (decide_body, close_body) = (
            json!({"result": "hired", "message": "採用", "version": t["version"]}),
            json!({"reason": "filled"}),
        );
        let (decided, closed) = tokio::join!(
            app.post(&decide_path, Some(&facility), &decide_body),
            app.post(&close_path, Some(&facility), &close_body)
        );
        assert_eq!(closed.status(), 200);
        let final_stage = thread(&app, &nurse, t["id"].as_i64().unwrap()).await["stage"]
            .as_str()
            .unwrap()
            .to_string();
        match decided.status().as_u16() {
            200 => assert_eq!(final_stage, "hired"),
            409 => assert_eq!(final_stage, "posting_closed"),
            other => panic!("decision answered {other}"),
        }
    }
}

#[tokio::test]
async fn two_staff_answering_at_once_both_get_through() {
    let app = TestApp::spawn().await;
    let (_, facility, p1) = masked_posting(&app, "G-T6").await;
    let second_desk = app.login("G-T6", "facility-pass-1").await;
    let nurse = app.signup_jobseeker("n6@example.jp").await;
    let (_, t) = contact(&app, &nurse, p1, "inquiries", "質問").await;
    let path = format!("/api/v1/threads/{}/messages", t["id"]);
    let (ma, mb) = (
        json!({"message": "担当Aです"}),
        json!({"message": "担当Bです"}),
    );
    let (a, b) = tokio::join!(
        app.post(&path, Some(&facility), &ma),
        app.post(&path, Some(&second_desk), &mb)
    );
    assert_eq!((a.status().as_u16(), b.status().as_u16()), (201, 201));
    let seen = thread(&app, &nurse, t["id"].as_i64().unwrap()).await;
    let bodies: Vec<&str> = seen["messages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["body"].as_str().unwrap())
        .collect();
    assert!(
        bodies.contains(&"担当Aです") && bodies.contains(&"担当Bです"),
        "{bodies:?}"
    );
}

#[tokio::test]
async fn unanswered_contacts_remind_the_facility_once_and_show_to_admins() {
    let app = TestApp::spawn_with(|s| s.first_response_hours = 0).await;
    let (admin, _facility, p1) = masked_posting(&app, "G-T7").await;
    let nurse = app.signup_jobseeker("n7@example.jp").await;
    let (_, t) = contact(&app, &nurse, p1, "inquiries", "質問").await;
    let later = chrono::Utc::now().naive_utc() + chrono::Duration::hours(49);
    let run = move |c: &mut keynet::db::DbConn| {
        keynet::jobs::schedule::send_first_response_reminders(c, later, 48, "http://keynet.test")
            .unwrap()
    };
    assert_eq!(app.with_db(run).await, 1);
    assert_eq!(app.with_db(run).await, 0, "once only");
    app.mail_to("jinji@example.jp", "48時間以上ご返信がありません")
        .await;
    let (_, slow) = json_of(app.get("/api/v1/admin/slow-responses", Some(&admin)).await).await;
    assert_eq!(slow["items"][0]["thread_id"], t["id"]);
    assert_eq!(slow["items"][0]["facility_name"], HIDDEN);
}

#[tokio::test]
async fn month_end_rests_idle_facilities_and_a_new_posting_wakes_them() {
    let app = TestApp::spawn().await;
    let (_, facility, p1) = masked_posting(&app, "G-T8").await;
    let nurse = app.signup_jobseeker("n8@example.jp").await;
    let (_, t) = contact(&app, &nurse, p1, "applications", "応募します").await;
    let (_, decided) = json_of(
        app.post(
            &format!("/api/v1/threads/{}/decision", t["id"]),
            Some(&facility),
            &json!({"result": "hired", "message": "採用", "version": t["version"]}),
        )
        .await,
    )
    .await;
    app.post(
        &format!("/api/v1/postings/{p1}/close"),
        Some(&facility),
        &json!({"reason": "filled"}),
    )
    .await;
    // It registered a posting this month; next month it registers none.
    let (y, m) = next_month_in_japan();
    // A month with nothing registered and nothing open: it rests.
    assert_eq!(
        app.with_db(move |c| keynet::jobs::schedule::month_end(c, y, m).unwrap())
            .await,
        Some(1)
    );
    assert_eq!(
        app.with_db(move |c| keynet::jobs::schedule::month_end(c, y, m).unwrap())
            .await,
        None,
        "once per month"
    );
    app.mail_to("g-t8@hosp.test", "休止").await;
    let (_, me) = json_of(app.get("/api/v1/auth/me", Some(&facility)).await).await;
    assert_eq!(me["facility"]["status"], "suspended");
    let (status, err) = json_of(
        app.post(
            &format!("/api/v1/threads/{}/messages", t["id"]),
            Some(&facility),
            &json!({"message": "x"}),
        )
        .await,
    )
    .await;
    assert_eq!(
        (status.as_u16(), err["error"]["code"].as_str()),
        (403, Some("facility_suspended"))
    );
    // Reading and training reports stay open.
    assert_eq!(
        app.get("/api/v1/facility/postings", Some(&facility))
            .await
            .status(),
        200
    );
    let report = json!({"completed_on": "2026-11-20", "items": ["infection_control_lecture", "infection_control_practice", "medical_safety_lecture"], "hours": 2.0});
    let (status, _) = json_of(
        app.post(
            &format!("/api/v1/threads/{}/training-report", decided["id"]),
            Some(&facility),
            &report,
        )
        .await,
    )
    .await;
    assert_eq!(status, 201);
    // Registering a posting wakes the account at once.
    assert_eq!(
        app.post("/api/v1/postings", Some(&facility), &posting_body())
            .await
            .status(),
        201
    );
    let (_, me) = json_of(app.get("/api/v1/auth/me", Some(&facility)).await).await;
    assert_eq!(me["facility"]["status"], "active");
}

#[tokio::test]
async fn a_deleted_jobseeker_leaves_only_the_record_of_the_application() {
    let app = TestApp::spawn().await;
    let (_, facility, p1) = masked_posting(&app, "G-T9").await;
    let nurse = app.signup_jobseeker("gone@example.jp").await;
    let (_, t) = contact(
        &app,
        &nurse,
        p1,
        "applications",
        "電話番号は090-0000-1111です",
    )
    .await;
    assert_eq!(
        app.req(
            reqwest::Method::DELETE,
            "/api/v1/jobseekers/me",
            Some(&nurse)
        )
        .send()
        .await
        .unwrap()
        .status(),
        204
    );
    let res = app
        .post(
            "/api/v1/auth/login",
            None,
            &json!({"login_id": "gone@example.jp", "password": "nurse-pass-1"}),
        )
        .await;
    assert_eq!(res.status(), 401);
    let seen = thread(&app, &facility, t["id"].as_i64().unwrap()).await;
    assert!(seen["jobseeker"].is_null());
    assert_eq!(seen["stage"], "withdrawn");
    assert_eq!(seen["kind"], "application");
    let text = serde_json::to_string(&seen).unwrap();
    assert!(
        !text.contains("090-0000-1111") && !text.contains("gone@example.jp"),
        "{text}"
    );
    let (_, inbox) = json_of(app.get("/api/v1/threads", Some(&facility)).await).await;
    assert_eq!(inbox["items"][0]["jobseeker_name"], "（退会済み）");
    // The address is free again.
    app.signup_jobseeker("gone@example.jp").await;
}

#[tokio::test]
async fn the_outbox_sends_each_mail_once_even_with_several_workers() {
    let app = TestApp::spawn().await;
    let (_, facility, p1) = masked_posting(&app, "G-T10").await;
    for i in 0..6 {
        let js = app.signup_jobseeker(&format!("w{i}@example.jp")).await;
        contact(&app, &js, p1, "inquiries", "質問").await;
        let _ = &facility;
    }
    // Two more workers beside the server's own, on the same database and mail folder.
    let url = app.database_url();
    let dir = app.mail_dir.clone();
    let workers: Vec<_> = (0..2)
        .map(|_| {
            let (url, dir) = (url.clone(), dir.clone());
            std::thread::spawn(move || {
                let db = keynet::db::Db::connect(&url, 2).unwrap();
                let mailer = keynet::mail::Mailer::Files(dir);
                (0..20)
                    .map(|_| {
                        keynet::jobs::outbox::send_due(
                            &db,
                            &mailer,
                            "k@keynet.test",
                            "http://keynet.test",
                        )
                        .unwrap()
                    })
                    .sum::<usize>()
            })
        })
        .collect();
    for w in workers {
        w.join().unwrap();
    }
    // Wait until every queued mail is sent, by whichever worker.
    let mut pending = (0, 0);
    for _ in 0..100 {
        pending = app
            .with_db(|c| {
                use diesel::prelude::*;
                use keynet::db::schema::outbox::dsl::*;
                let sent: i64 = outbox
                    .filter(status.eq("sent"))
                    .count()
                    .get_result(c)
                    .unwrap();
                let all: i64 = outbox.count().get_result(c).unwrap();
                (sent, all)
            })
            .await;
        if pending.0 == pending.1 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    let files = app.mails().len() as i64;
    assert_eq!(pending.0, pending.1, "all sent");
    assert!(pending.1 >= 7, "activation + 6 inquiries: {pending:?}");
    assert_eq!(files, pending.1, "one file per queued mail, none twice");
}

#[tokio::test]
async fn failed_sends_are_kept_and_retried() {
    let app = TestApp::spawn_with(|s| s.smtp_url = Some("smtp://127.0.0.1:9".into())).await;
    let admin = app.admin().await;
    let mut body = posting_body();
    body["facility"] = json!({"gmis_id": "G-SMTP", "name": "SMTP病院", "prefecture_code": "13", "email": "smtp@hosp.test"});
    assert_eq!(
        app.post("/api/v1/postings", Some(&admin), &body)
            .await
            .status(),
        201
    );
    let mut last = (0, String::new(), None);
    for _ in 0..100 {
        // The mail is queued by the change-log consumer, then tried by the sender.
        last = app
            .with_db(|c| {
                use diesel::prelude::*;
                use keynet::db::schema::outbox::dsl::*;
                outbox
                    .select((attempts, status, last_error))
                    .first::<(i32, String, Option<String>)>(c)
                    .optional()
                    .unwrap()
            })
            .await
            .unwrap_or(last);
        if last.0 >= 1 && last.2.is_some() {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert!(last.0 >= 1, "{last:?}");
    assert_eq!(last.1, "pending", "kept for a retry");
    assert!(last.2.unwrap().contains("SMTP"));
}

#[tokio::test]
async fn profiles_validate_field_by_field() {
    let app = TestApp::spawn().await;
    let nurse = app.signup_jobseeker("p@example.jp").await;
    let bad = json!({"name": "", "phone": "12", "prefecture_code": "99", "years_away": 99,
                     "licences": [{"occupation": "surgeon", "licence_year": 1900}]});
    let (status, err) = json_of(app.put("/api/v1/jobseekers/me", Some(&nurse), &bad).await).await;
    assert_eq!(status, 422);
    let fields = error_fields(&err);
    for f in [
        "name",
        "phone",
        "prefecture_code",
        "years_away",
        "licences[0].occupation",
        "licences[0].licence_year",
    ] {
        assert!(fields.contains(&f.to_string()), "{f} in {fields:?}");
    }
}

#[tokio::test]
async fn finished_threads_stay_finished_and_deleted_accounts_stay_deleted() {
    let app = TestApp::spawn().await;
    let (_, facility, p1) = masked_posting(&app, "G-T11").await;
    let nurse = app.signup_jobseeker("n11@example.jp").await;
    let (_, t) = contact(&app, &nurse, p1, "applications", "応募します").await;
    let id = t["id"].as_i64().unwrap();
    let starts = (chrono::Utc::now() + chrono::Duration::days(2))
        .format("%Y-%m-%dT10:00")
        .to_string();
    let (_, iv) = json_of(app.post(&format!("/api/v1/threads/{id}/interviews"), Some(&facility),
        &json!({"starts_at": starts, "duration_minutes": 30, "video_url": "https://meet.example.jp/x"})).await).await;
    let current = thread(&app, &facility, id).await;
    let (status, _) = json_of(app.post(&format!("/api/v1/threads/{id}/decision"), Some(&facility),
        &json!({"result": "not_hired", "message": "今回は見送ります", "version": current["version"]})).await).await;
    assert_eq!(status, 200);
    // Neither a new interview nor an answer to the old one reopens a decided thread.
    let (status, _) = json_of(app.post(&format!("/api/v1/threads/{id}/interviews"), Some(&facility),
        &json!({"starts_at": starts, "duration_minutes": 30, "video_url": "https://meet.example.jp/x"})).await).await;
    assert_eq!(status, 409);
    let (status, _) = json_of(
        app.post(
            &format!("/api/v1/threads/{id}/interviews/{}/response", iv["id"]),
            Some(&nurse),
            &json!({"accept": true}),
        )
        .await,
    )
    .await;
    assert_eq!(status, 409);
    assert_eq!(thread(&app, &nurse, id).await["stage"], "not_hired");

    // A blank message made of control characters is blank.
    let (status, _) = contact(&app, &nurse, p1, "inquiries", "\u{1}\u{0}").await;
    assert!(status == 422 || status == 200, "{status}");
    let (status, err) = json_of(
        app.post(
            &format!("/api/v1/threads/{id}/messages"),
            Some(&nurse),
            &json!({"message": "\u{1}"}),
        )
        .await,
    )
    .await;
    assert_eq!(
        (status.as_u16(), error_fields(&err)),
        (422, vec!["message".to_string()])
    );

    // After deletion, the still-valid access token can neither write nor restore anything.
    assert_eq!(
        app.req(
            reqwest::Method::DELETE,
            "/api/v1/jobseekers/me",
            Some(&nurse)
        )
        .send()
        .await
        .unwrap()
        .status(),
        204
    );
    let p2 = second_posting(&app, &facility).await;
    assert_eq!(
        contact(&app, &nurse, p2, "inquiries", "まだいます").await.0,
        401
    );
    let profile = json!({"name": "復活", "licences": [{"occupation": "nurse", "licence_number": "L-RETURN-7731"}]});
    assert_eq!(
        app.put("/api/v1/jobseekers/me", Some(&nurse), &profile)
            .await
            .status(),
        401
    );
    let (status, _) = json_of(
        app.post(
            &format!("/api/v1/threads/{id}/messages"),
            Some(&nurse),
            &json!({"message": "x"}),
        )
        .await,
    )
    .await;
    assert_eq!(status, 401);
    let text = serde_json::to_string(&thread(&app, &facility, id).await).unwrap();
    // (A distinctive licence number: "999" also turns up in timestamps.)
    assert!(!text.contains("復活") && !text.contains("L-RETURN-7731"));
    // Mail queued for them carries nothing of theirs any more.
    let leftovers = app
        .with_db(|c| {
            use diesel::prelude::*;
            use keynet::db::schema::outbox::dsl::*;
            outbox
                .filter(to_address.eq("n11@example.jp"))
                .select((subject, status))
                .load::<(String, String)>(c)
                .unwrap()
        })
        .await;
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[tokio::test]
async fn nul_bytes_and_look_alike_login_ids_get_no_special_treatment() {
    let app = TestApp::spawn().await;
    assert_eq!(
        app.get("/api/v1/postings?q=%00abc", None).await.status(),
        200
    );
    let res = app
        .post(
            "/api/v1/auth/login",
            None,
            &json!({"login_id": "a\u{0}@example.jp", "password": "x"}),
        )
        .await;
    assert_eq!(res.status(), 401);
    app.signup_jobseeker("same@example.jp").await;
    let variants = [
        "same@example.jp",
        "SAME@example.jp",
        " same@example.jp",
        "ｓａｍｅ@example.jp",
    ];
    let mut limited = false;
    for i in 0..12 {
        let res = app
            .post(
                "/api/v1/auth/login",
                None,
                &json!({"login_id": variants[i % 4], "password": "wrong-pass-9"}),
            )
            .await;
        limited |= res.status() == 429;
    }
    assert!(limited, "variants of one login ID share one allowance");
}

/// Favourites (お気に入り) are a jobseeker's own: nobody else sees or changes them, saving
/// twice or removing twice is harmless, a masked posting stays masked on the list, and leaving
/// the service forgets them.
#[tokio::test]
async fn favourites_are_a_jobseekers_own() {
    let app = TestApp::spawn().await;
    let (_admin, facility, p1) = masked_posting(&app, "G-FAV").await;
    let hanako = app.signup_jobseeker("fav-hanako@example.jp").await;
    let taro = app.signup_jobseeker("fav-taro@example.jp").await;
    let put = |who: Option<&Token>, id: i64| {
        let app = &app;
        let who = who.cloned();
        async move {
            app.req(
                reqwest::Method::PUT,
                &format!("/api/v1/favourites/{id}"),
                who.as_ref(),
            )
            .send()
            .await
            .unwrap()
            .status()
            .as_u16()
        }
    };
    let list = |who: &Token| {
        let app = &app;
        let who = who.clone();
        async move {
            let (s, body) = json_of(app.get("/api/v1/favourites", Some(&who)).await).await;
            assert_eq!(s, 200, "{body}");
            body
        }
    };
    assert_eq!(put(Some(&hanako), p1).await, 204);
    assert_eq!(
        put(Some(&hanako), p1).await,
        204,
        "saving twice is harmless"
    );
    assert_eq!(put(Some(&hanako), p1 + 999).await, 404);
    assert_eq!(put(Some(&facility), p1).await, 403);
    assert_eq!(put(None, p1).await, 401);
    let mine = list(&hanako).await;
    assert_eq!(mine["items"].as_array().unwrap().len(), 1, "{mine}");
    assert_eq!(mine["items"][0]["id"], p1);
    assert_eq!(mine["items"][0]["view"], "jobseeker");
    assert!(
        !mine.to_string().contains(HIDDEN),
        "a masked favourite shows withheld data"
    );
    assert_eq!(
        list(&taro).await["items"],
        json!([]),
        "another jobseeker sees them"
    );
    // Taro cannot take Hanako's favourite off: his DELETE touches his own list only.
    let res = app
        .delete(&format!("/api/v1/favourites/{p1}"), Some(&taro))
        .await;
    assert_eq!(res.status(), 204);
    assert_eq!(list(&hanako).await["items"].as_array().unwrap().len(), 1);
    for _ in 0..2 {
        let res = app
            .delete(&format!("/api/v1/favourites/{p1}"), Some(&hanako))
            .await;
        assert_eq!(res.status(), 204);
    }
    assert_eq!(list(&hanako).await["items"], json!([]));
    // An ID no posting can have is not found, as the contract says (Schemathesis found a 204).
    for bad in ["0", "-1"] {
        let res = app
            .delete(&format!("/api/v1/favourites/{bad}"), Some(&hanako))
            .await;
        assert_eq!(res.status(), 404, "DELETE /favourites/{bad}");
    }
    // Leaving forgets them.
    assert_eq!(put(Some(&hanako), p1).await, 204);
    let res = app.delete("/api/v1/jobseekers/me", Some(&hanako)).await;
    assert!(res.status().is_success(), "{}", res.status());
    let left = app
        .with_db(|c| {
            use diesel::prelude::*;
            keynet::db::schema::favourites::table
                .count()
                .get_result::<i64>(c)
                .unwrap()
        })
        .await;
    assert_eq!(left, 0);
}

/// Every mail to `to` so far that contains `text`.
fn mails_with(app: &TestApp, to: &str, text: &str) -> Vec<String> {
    app.mails()
        .into_iter()
        .filter(|m| m.contains(&format!("To: {to}")) && m.contains(text))
        .collect()
}

/// Waits until a mail to `to` contains every one of `texts`.
async fn mail_with_all(app: &TestApp, to: &str, texts: &[&str]) -> String {
    for _ in 0..200 {
        if let Some(m) = app
            .mails()
            .into_iter()
            .find(|m| m.contains(&format!("To: {to}")) && texts.iter().all(|t| m.contains(t)))
        {
            return m;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    panic!("no mail to {to} with {texts:?}")
}

#[tokio::test]
async fn either_side_moves_or_calls_off_an_interview_and_calendars_follow() {
    let app = TestApp::spawn().await;
    let (_admin, facility, p1) = masked_posting(&app, "G-IVX").await;
    let nurse = app.signup_jobseeker("ivx@example.jp").await;
    let other = app.signup_jobseeker("ivx-other@example.jp").await;
    let (_, t) = contact(&app, &nurse, p1, "applications", "応募します").await;
    let id = t["id"].as_i64().unwrap();
    let at = |days: i64| {
        (chrono::Utc::now() + chrono::Duration::days(days))
            .format("%Y-%m-%dT10:00")
            .to_string()
    };
    let (s, iv) = json_of(app.post(&format!("/api/v1/threads/{id}/interviews"), Some(&facility),
        &json!({"starts_at": at(3), "duration_minutes": 30, "video_url": "https://meet.example.jp/ivx"})).await).await;
    assert_eq!(s, 201, "{iv}");
    let iid = iv["id"].as_i64().unwrap();
    let uid = format!("UID:interview-{iid}@keynet");
    mail_with_all(
        &app,
        "ivx@example.jp",
        &[&uid, "SEQUENCE:0", "METHOD:REQUEST"],
    )
    .await;

    // The facility moves it: a new invitation, the same UID, SEQUENCE 1, waiting for an answer.
    let (s, moved) = json_of(app.post(&format!("/api/v1/threads/{id}/interviews/{iid}/reschedule"), Some(&facility),
        &json!({"starts_at": at(4), "duration_minutes": 45, "video_url": "https://meet.example.jp/ivx2", "message": "日程を変更させてください"})).await).await;
    assert_eq!(s, 200, "{moved}");
    assert_eq!(
        (moved["status"].as_str(), moved["duration_minutes"].as_i64()),
        (Some("proposed"), Some(45))
    );
    for to in ["ivx@example.jp", "jinji@example.jp"] {
        mail_with_all(
            &app,
            to,
            &[&uid, "SEQUENCE:1", "METHOD:REQUEST", "日時が変更されました"],
        )
        .await;
    }
    // The jobseeker moves it: their own time stands accepted; the link stays the facility's.
    let (s, mine) = json_of(app.post(&format!("/api/v1/threads/{id}/interviews/{iid}/reschedule"), Some(&nurse),
        &json!({"starts_at": at(5), "duration_minutes": 30, "video_url": "https://evil.example/x"})).await).await;
    assert_eq!(s, 200, "{mine}");
    assert_eq!(mine["status"], "accepted");
    assert_eq!(mine["video_url"], "https://meet.example.jp/ivx2");
    mail_with_all(
        &app,
        "jinji@example.jp",
        &[&uid, "SEQUENCE:2", "求職者による変更です"],
    )
    .await;
    // Someone else cannot touch it; a time in the past is refused.
    let (s, _) = json_of(
        app.post(
            &format!("/api/v1/threads/{id}/interviews/{iid}/cancel"),
            Some(&other),
            &json!({}),
        )
        .await,
    )
    .await;
    assert_eq!(s, 404);
    let (s, e) = json_of(
        app.post(
            &format!("/api/v1/threads/{id}/interviews/{iid}/reschedule"),
            Some(&facility),
            &json!({"starts_at": "2020-01-01T10:00", "duration_minutes": 30}),
        )
        .await,
    )
    .await;
    assert_eq!(s, 422, "{e}");
    // Called off: a cancellation for both calendars; a second call is a clear 409.
    let (s, off) = json_of(
        app.post(
            &format!("/api/v1/threads/{id}/interviews/{iid}/cancel"),
            Some(&nurse),
            &json!({"message": "都合が悪くなりました"}),
        )
        .await,
    )
    .await;
    assert_eq!(s, 200, "{off}");
    assert_eq!(off["status"], "cancelled");
    for to in ["ivx@example.jp", "jinji@example.jp"] {
        let m = mail_with_all(
            &app,
            to,
            &[&uid, "SEQUENCE:3", "METHOD:CANCEL", "STATUS:CANCELLED"],
        )
        .await;
        assert!(
            m.contains("method=CANCEL"),
            "the part's content type says REQUEST: {m}"
        );
    }
    let (s, again) = json_of(
        app.post(
            &format!("/api/v1/threads/{id}/interviews/{iid}/cancel"),
            Some(&facility),
            &json!({}),
        )
        .await,
    )
    .await;
    assert_eq!(
        (s.as_u16(), again["error"]["code"].as_str()),
        (409, Some("interview_not_open"))
    );
    let detail = thread(&app, &nurse, id).await;
    assert!(
        detail.to_string().contains("都合が悪くなりました"),
        "the reason is not in the thread"
    );
}

#[tokio::test]
async fn a_decision_calls_off_interviews_and_a_jobseeker_can_withdraw() {
    let app = TestApp::spawn().await;
    let (_admin, facility, p1) = masked_posting(&app, "G-WDR").await;
    let p2 = second_posting(&app, &facility).await;
    let nurse = app.signup_jobseeker("wdr@example.jp").await;
    let (_, t) = contact(&app, &nurse, p1, "applications", "応募します").await;
    let id = t["id"].as_i64().unwrap();
    let starts = (chrono::Utc::now() + chrono::Duration::days(3))
        .format("%Y-%m-%dT10:00")
        .to_string();
    let (_, iv) = json_of(app.post(&format!("/api/v1/threads/{id}/interviews"), Some(&facility),
        &json!({"starts_at": starts, "duration_minutes": 30, "video_url": "https://meet.example.jp/w"})).await).await;
    let iid = iv["id"].as_i64().unwrap();
    let current = thread(&app, &facility, id).await;
    let (s, decided) = json_of(app.post(&format!("/api/v1/threads/{id}/decision"), Some(&facility),
        &json!({"result": "not_hired", "message": "今回は見送ります", "version": current["version"]})).await).await;
    assert_eq!(s, 200, "{decided}");
    assert_eq!(decided["interviews"][0]["status"], "cancelled", "{decided}");
    mail_with_all(
        &app,
        "wdr@example.jp",
        &[
            &format!("UID:interview-{iid}@keynet"),
            "METHOD:CANCEL",
            "選考結果が通知されたため",
        ],
    )
    .await;

    // Withdrawing the other thread: the facility is told, twice is a 409.
    let (_, t2) = contact(&app, &nurse, p2, "inquiries", "質問です").await;
    let id2 = t2["id"].as_i64().unwrap();
    let v = thread(&app, &nurse, id2).await["version"].clone();
    let (s, other) = json_of(
        app.post(
            &format!("/api/v1/threads/{id2}/withdraw"),
            Some(&facility),
            &json!({"version": v}),
        )
        .await,
    )
    .await;
    assert_eq!(s, 403, "{other}");
    let (s, w) = json_of(
        app.post(
            &format!("/api/v1/threads/{id2}/withdraw"),
            Some(&nurse),
            &json!({"version": v, "message": "別の職場が決まりました"}),
        )
        .await,
    )
    .await;
    assert_eq!(s, 200, "{w}");
    assert_eq!(w["stage"], "withdrawn");
    app.mail_to("jinji@example.jp", "取り下げられました").await;
    let (s, _) = json_of(
        app.post(
            &format!("/api/v1/threads/{id2}/withdraw"),
            Some(&nurse),
            &json!({"version": w["version"]}),
        )
        .await,
    )
    .await;
    assert_eq!(s, 409);
    assert!(mails_with(&app, "wdr@example.jp", "取り下げられました").is_empty());
}

#[tokio::test]
async fn an_inquiry_turned_application_is_new_again_and_unread_counts_follow() {
    let app = TestApp::spawn().await;
    let (_admin, facility, p1) = masked_posting(&app, "G-UNR").await;
    let nurse = app.signup_jobseeker("unr@example.jp").await;
    let count = |who: Token| {
        let app = &app;
        async move {
            let (s, c) = json_of(app.get("/api/v1/threads/unread-count", Some(&who)).await).await;
            assert_eq!(s, 200, "{c}");
            c
        }
    };
    let boxed = |b: &'static str| {
        let app = &app;
        let facility = facility.clone();
        async move {
            let (_, l) = json_of(
                app.get(&format!("/api/v1/threads?box={b}"), Some(&facility))
                    .await,
            )
            .await;
            l["items"].as_array().unwrap().len()
        }
    };
    let (_, t) = contact(&app, &nurse, p1, "inquiries", "質問です").await;
    let id = t["id"].as_i64().unwrap();
    assert_eq!(
        count(facility.clone()).await,
        json!({"unread": 1, "new": 1})
    );
    let res = app
        .req(
            reqwest::Method::POST,
            &format!("/api/v1/threads/{id}/read"),
            Some(&facility),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 204);
    assert_eq!(count(facility.clone()).await["unread"], 0);
    let (s, _) = json_of(
        app.post(
            &format!("/api/v1/threads/{id}/messages"),
            Some(&facility),
            &json!({"message": "お答えします"}),
        )
        .await,
    )
    .await;
    assert_eq!(s, 201);
    assert_eq!(count(nurse.clone()).await, json!({"unread": 1}));
    assert_eq!((boxed("new").await, boxed("in_progress").await), (0, 1));

    // The inquiry becomes an application: new again, in no other box, unread again.
    let (s, _) = contact(&app, &nurse, p1, "applications", "応募します").await;
    assert!(s.is_success());
    assert_eq!(
        (
            boxed("new").await,
            boxed("awaiting_reply").await,
            boxed("in_progress").await
        ),
        (1, 0, 0)
    );
    assert_eq!(
        count(facility.clone()).await,
        json!({"unread": 1, "new": 1})
    );
    let (_, own) = json_of(app.get("/api/v1/facility/postings", Some(&facility)).await).await;
    let c = own["thread_counts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["posting_id"] == p1)
        .cloned()
        .unwrap();
    assert_eq!(
        (
            c["inquiries"].as_i64(),
            c["applications"].as_i64(),
            c["unread"].as_i64()
        ),
        (Some(0), Some(1), Some(1))
    );
    let (_, list) = json_of(app.get("/api/v1/threads", Some(&facility)).await).await;
    assert_eq!(list["items"][0]["unread"], json!(true));
}

/// A mail producer that read the address before the account was deleted holds the
/// recipients' lock while it queues (as the mail, alert and reminder jobs do): the deletion
/// waits for it and then cancels that mail too. Without the lock, PostgreSQL let the
/// deletion commit first and the mail stayed queued to the deleted address.
#[tokio::test]
async fn mail_queued_while_an_account_is_deleted_is_cancelled_with_it() {
    let app = TestApp::spawn().await;
    let nurse = app.signup_jobseeker("racing@example.jp").await;
    let (queued_tx, queued_rx) = tokio::sync::oneshot::channel();
    let url = app.database_url();
    let producer = tokio::task::spawn_blocking(move || {
        let mut conn = keynet::db::establish(&url).expect("db");
        keynet::db::write_tx(&mut conn, |c| {
            keynet::db::outbox::hold_recipients(c)?;
            let mail = keynet::mail::Mail {
                to: "racing@example.jp".into(),
                subject: "SENTINEL-RACING-SUBJECT".into(),
                body: "本文".into(),
                ics: None,
                attachment: None,
                list_unsubscribe: None,
            };
            keynet::db::outbox::enqueue(c, &mail)?;
            queued_tx.send(()).expect("signal");
            // The deletion is sent meanwhile and must wait for this commit.
            std::thread::sleep(std::time::Duration::from_millis(1500));
            Ok(())
        })
        .expect("producer")
    });
    queued_rx.await.expect("queued");
    let deleted = app.delete("/api/v1/jobseekers/me", Some(&nurse)).await;
    assert_eq!(deleted.status(), 204);
    producer.await.expect("join");
    let leftovers = app
        .with_db(|c| {
            use diesel::prelude::*;
            use keynet::db::schema::outbox::dsl::*;
            outbox
                .filter(
                    to_address
                        .eq("racing@example.jp")
                        .or(subject.eq("SENTINEL-RACING-SUBJECT")),
                )
                .select((to_address, subject, status))
                .load::<(String, String, String)>(c)
                .unwrap()
        })
        .await;
    assert!(leftovers.is_empty(), "{leftovers:?}");
}
