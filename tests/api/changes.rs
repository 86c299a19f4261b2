//! The change log: every write route appends exactly its change, in the transaction of the
//! change (a refused write appends none), and sequence numbers never go back or leave a
//! gap a reader could see, even with many writers at once.

use keynet_tests::{json_of, next_month_in_japan, posting_body, TestApp, Token};
use serde_json::{json, Value};

/// The changes after `seq`: (seq, kind, entity id).
async fn changes_after(app: &TestApp, seq: i64) -> Vec<(i64, String, i64)> {
    app.with_db(move |c| {
        keynet::db::changes::after(c, seq, 10_000)
            .unwrap()
            .into_iter()
            .map(|r| (r.seq, r.kind, r.entity_id))
            .collect()
    })
    .await
}

/// Watches the log: each step must add exactly the listed kinds, in order, numbered on
/// from the last one seen.
struct Log<'a> {
    app: &'a TestApp,
    seen: i64,
}

impl Log<'_> {
    async fn expect(&mut self, step: &str, kinds: &[&str]) -> Vec<i64> {
        let new = changes_after(self.app, self.seen).await;
        let got: Vec<&str> = new.iter().map(|(_, k, _)| k.as_str()).collect();
        assert_eq!(got, kinds, "{step}");
        for (i, (seq, _, _)) in new.iter().enumerate() {
            assert_eq!(
                *seq,
                self.seen + 1 + i as i64,
                "{step}: a gap in the sequence"
            );
        }
        if let Some((seq, _, _)) = new.last() {
            self.seen = *seq;
        }
        new.into_iter().map(|(_, _, id)| id).collect()
    }
}

async fn post(app: &TestApp, path: &str, token: &Token, body: Value) -> (u16, Value) {
    let (s, b) = json_of(app.post(path, Some(token), &body).await).await;
    (s.as_u16(), b)
}

#[tokio::test]
async fn every_write_records_exactly_its_change() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let mut log = Log { app: &app, seen: 0 };
    log.seen = changes_after(&app, 0).await.last().map_or(0, |c| c.0);

    let (facility, posting) = app
        .facility_with_posting(&admin, "CHG-0001", posting_body())
        .await;
    let pid = posting["id"].as_i64().unwrap();
    let ids = log
        .expect(
            "fax path + activation",
            &["account.issued", "posting.created", "account.activated"],
        )
        .await;
    assert_eq!(ids[1], pid);

    let nurse = app.signup_jobseeker("chg@example.jp").await;
    log.expect("sign-up", &["account.issued"]).await;
    let (s, _) = json_of(
        app.put(
            "/api/v1/jobseekers/me",
            Some(&nurse),
            &json!({"name": "看護 花子", "phone": "090-0000-0000"}),
        )
        .await,
    )
    .await;
    assert_eq!(s, 200);
    log.expect("profile", &["account.profile_updated"]).await;

    let inquiries = format!("/api/v1/postings/{pid}/inquiries");
    let (s, t) = post(&app, &inquiries, &nurse, json!({"message": "質問です"})).await;
    assert_eq!(s, 201);
    let tid = t["id"].as_i64().unwrap();
    assert_eq!(log.expect("inquiry", &["thread.opened"]).await, vec![tid]);
    let (s, _) = post(&app, &inquiries, &nurse, json!({"message": "もう一度"})).await;
    assert_eq!(s, 200);
    log.expect("the same inquiry again changes nothing", &[])
        .await;

    let (s, _) = post(
        &app,
        &format!("/api/v1/threads/{tid}/messages"),
        &facility,
        json!({"message": "お答えします"}),
    )
    .await;
    assert_eq!(s, 201);
    log.expect("message", &["thread.message"]).await;

    let (s, _) = post(
        &app,
        &format!("/api/v1/postings/{pid}/applications"),
        &nurse,
        json!({"message": "応募します"}),
    )
    .await;
    assert_eq!(s, 200);
    log.expect("application on the inquiry", &["thread.applied"])
        .await;

    let v = |t: &Value| t["version"].clone();
    let (_, th) = json_of(
        app.get(&format!("/api/v1/threads/{tid}"), Some(&facility))
            .await,
    )
    .await;
    let (s, th) = post(
        &app,
        &format!("/api/v1/threads/{tid}/stage"),
        &facility,
        json!({"stage": "screening", "version": v(&th)}),
    )
    .await;
    assert_eq!(s, 200, "{th}");
    log.expect("stage", &["thread.stage"]).await;
    let (s, _) = post(
        &app,
        &format!("/api/v1/threads/{tid}/stage"),
        &facility,
        json!({"stage": "interview", "version": 1}),
    )
    .await;
    assert_eq!(s, 409);
    log.expect("a stale stage change", &[]).await;

    let starts = (chrono::Utc::now() + chrono::Duration::days(3))
        .format("%Y-%m-%dT14:00")
        .to_string();
    let (s, iv) = post(
        &app,
        &format!("/api/v1/threads/{tid}/interviews"),
        &facility,
        json!({"starts_at": starts, "duration_minutes": 30, "video_url": "https://meet.example.jp/x", "note": ""}),
    )
    .await;
    assert_eq!(s, 201, "{iv}");
    log.expect("interview", &["thread.interview_scheduled"])
        .await;
    let iid = iv["id"].as_i64().unwrap();
    let (s, _) = post(
        &app,
        &format!("/api/v1/threads/{tid}/interviews/{iid}/response"),
        &nurse,
        json!({"accept": true}),
    )
    .await;
    assert_eq!(s, 200);
    log.expect("interview answered", &["thread.interview_answered"])
        .await;

    let (_, th) = json_of(
        app.get(&format!("/api/v1/threads/{tid}"), Some(&facility))
            .await,
    )
    .await;
    let (s, decided) = post(
        &app,
        &format!("/api/v1/threads/{tid}/decision"),
        &facility,
        json!({"result": "hired", "message": "ようこそ", "version": v(&th)}),
    )
    .await;
    assert_eq!(s, 200);
    // The interview scheduled above is still to come: the decision calls it off, which is
    // a change of its own (both calendars get a cancellation).
    log.expect(
        "decision (its message is part of it)",
        &["thread.decided", "thread.interview_cancelled"],
    )
    .await;
    let (s, _) = post(
        &app,
        &format!("/api/v1/threads/{tid}/decision"),
        &facility,
        json!({"result": "not_hired", "message": "x", "version": v(&decided)}),
    )
    .await;
    assert_eq!(s, 409);
    log.expect("a second decision", &[]).await;

    let report = json!({"completed_on": "2026-11-20", "items": ["infection_control_lecture",
        "infection_control_practice", "medical_safety_lecture"], "hours": 2.0, "materials": []});
    let training = format!("/api/v1/threads/{tid}/training-report");
    let (s, _) = post(&app, &training, &facility, report.clone()).await;
    assert_eq!(s, 201);
    log.expect("training report", &["thread.training_reported"])
        .await;
    let (s, _) = post(&app, &training, &facility, report).await;
    assert_eq!(s, 409);
    log.expect("a second training report", &[]).await;

    // Edits: a good one, a stale one, an invalid one.
    let (_, current) = json_of(
        app.get(&format!("/api/v1/postings/{pid}"), Some(&facility))
            .await,
    )
    .await;
    let mut edit = posting_body();
    edit["wage"]["amount_yen"] = json!(2800);
    edit["version"] = current["version"].clone();
    let (s, body) = json_of(
        app.put(&format!("/api/v1/postings/{pid}"), Some(&facility), &edit)
            .await,
    )
    .await;
    assert_eq!(s, 200, "{body}");
    log.expect("edit", &["posting.updated"]).await;
    let (s, _) = json_of(
        app.put(&format!("/api/v1/postings/{pid}"), Some(&facility), &edit)
            .await,
    )
    .await;
    assert_eq!(s, 409);
    let mut invalid = posting_body();
    invalid["workplace"]["postal_code"] = json!("12");
    let (s, _) = json_of(
        app.post("/api/v1/postings", Some(&facility), &invalid)
            .await,
    )
    .await;
    assert_eq!(s, 422);
    log.expect("a stale edit and an invalid posting", &[]).await;

    // Another applicant, then the posting closes: the close and what it did to the thread.
    let other = app.signup_jobseeker("chg2@example.jp").await;
    let (s, t2) = post(
        &app,
        &format!("/api/v1/postings/{pid}/applications"),
        &other,
        json!({"message": "応募します"}),
    )
    .await;
    assert_eq!(s, 201);
    log.expect("second applicant", &["account.issued", "thread.opened"])
        .await;
    let (s, _) = post(
        &app,
        &format!("/api/v1/postings/{pid}/close"),
        &facility,
        json!({"reason": "filled"}),
    )
    .await;
    assert_eq!(s, 200);
    let ids = log
        .expect("close", &["posting.closed", "thread.posting_closed"])
        .await;
    assert_eq!(ids, vec![pid, t2["id"].as_i64().unwrap()]);
    let (s, _) = post(
        &app,
        &format!("/api/v1/postings/{pid}/close"),
        &facility,
        json!({"reason": "filled"}),
    )
    .await;
    assert_eq!(s, 409);
    log.expect("closing twice", &[]).await;

    // A new link for the facility, a new posting; a jobseeker with a pending thread leaves.
    let (_, me) = json_of(app.get("/api/v1/auth/me", Some(&facility)).await).await;
    let fid = me["facility"]["id"].as_i64().unwrap();
    let res = app
        .post(
            &format!("/api/v1/admin/facilities/{fid}/activation"),
            Some(&admin),
            &json!({}),
        )
        .await;
    assert!(res.status().is_success());
    log.expect("new link", &["account.link_requested"]).await;
    let (s, p2) = post(&app, "/api/v1/postings", &facility, posting_body()).await;
    assert_eq!(s, 201);
    log.expect("second posting", &["posting.created"]).await;
    let (s, _) = post(
        &app,
        &format!("/api/v1/postings/{}/inquiries", p2["id"]),
        &other,
        json!({"message": "質問"}),
    )
    .await;
    assert_eq!(s, 201);
    log.expect("inquiry", &["thread.opened"]).await;
    assert_eq!(
        app.delete("/api/v1/jobseekers/me", Some(&other))
            .await
            .status(),
        204
    );
    log.expect("leaving", &["thread.withdrawn", "account.erased"])
        .await;
}

#[tokio::test]
async fn month_end_rest_and_the_wake_up_are_changes_too() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let (facility, posting) = app
        .facility_with_posting(&admin, "CHG-0002", posting_body())
        .await;
    let pid = posting["id"].as_i64().unwrap();
    post(
        &app,
        &format!("/api/v1/postings/{pid}/close"),
        &facility,
        json!({"reason": "withdrawn"}),
    )
    .await;
    let mut log = Log { app: &app, seen: 0 };
    log.seen = changes_after(&app, 0).await.last().map_or(0, |c| c.0);
    // The facility was made this month; rest it as of next month's end.
    let (y, m) = next_month_in_japan();
    let rested = app
        .with_db(move |c| keynet::jobs::schedule::month_end(c, y, m).unwrap())
        .await;
    assert_eq!(rested, Some(1));
    log.expect("month end", &["facility.rested"]).await;
    let (s, _) = post(&app, "/api/v1/postings", &facility, posting_body()).await;
    assert_eq!(s, 201);
    log.expect(
        "a posting wakes it",
        &["facility.reactivated", "posting.created"],
    )
    .await;
}

#[tokio::test]
async fn many_writers_never_show_a_reader_a_gap() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let (facility, _) = app
        .facility_with_posting(&admin, "CHG-0003", posting_body())
        .await;
    let start = changes_after(&app, 0).await.last().map_or(0, |c| c.0);
    let url = app.database_url();
    let done = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    // The reader: polls as fast as it can; every batch must continue exactly where the
    // last one ended.
    let reader = {
        let done = done.clone();
        tokio::task::spawn_blocking(move || {
            let mut conn = keynet::db::establish(&url).unwrap();
            let mut cursor = start;
            let mut polls = 0;
            loop {
                let finished = done.load(std::sync::atomic::Ordering::SeqCst);
                let batch = keynet::db::changes::after(&mut conn, cursor, 1000).unwrap();
                for row in &batch {
                    assert_eq!(row.seq, cursor + 1, "a gap after {cursor}");
                    cursor = row.seq;
                }
                polls += 1;
                if finished && batch.is_empty() {
                    return (cursor, polls);
                }
            }
        })
    };
    let writers = 8;
    let each = 6;
    let tasks: Vec<_> = (0..writers)
        .map(|_| {
            let (client, base, token) = (app.client.clone(), app.base.clone(), facility.0.clone());
            tokio::spawn(async move {
                for _ in 0..each {
                    let res = client
                        .post(format!("{base}/api/v1/postings"))
                        .bearer_auth(&token)
                        .json(&posting_body())
                        .send()
                        .await
                        .unwrap();
                    assert_eq!(res.status(), 201);
                }
            })
        })
        .collect();
    for t in tasks {
        t.await.unwrap();
    }
    done.store(true, std::sync::atomic::Ordering::SeqCst);
    let (last, polls) = reader.await.unwrap();
    assert_eq!(last, start + (writers * each) as i64);
    assert!(polls > 1);
}
