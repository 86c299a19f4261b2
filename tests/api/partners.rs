//! Partners (SPEC 5, 9): each scope receives exactly its postings through the change feed,
//! the CSV, counts and webhooks — sentinels planted in postings outside a scope must never
//! reach it — and the feed converges to the truth under concurrent writes.

use keynet_tests::{json_of, posting_body, TestApp, Token};
use serde_json::{json, Value};
use std::collections::BTreeSet;
use std::sync::{Arc, Mutex};

const OSAKA_SENTINEL: &str = "SENT-OSAKA-NURSE-Z1";
const TOKYO_DOC_SENTINEL: &str = "SENT-TOKYO-DOC-Q7";
const TOKYO_NURSE_SENTINEL: &str = "SENT-TOKYO-NURSE-K3";

fn posting(
    occupation: &str,
    prefecture: &str,
    municipality: &str,
    sentinel: &str,
    masked: bool,
) -> Value {
    let mut b = posting_body();
    b["occupation"] = json!(occupation);
    b["mask_requested"] = json!(masked);
    b["workplace"]["prefecture_code"] = json!(prefecture);
    b["workplace"]["municipality"] = json!(municipality);
    b["workplace"]["street_address"] = json!(sentinel);
    b["contact"]["person_name"] = json!(sentinel);
    b
}

async fn create_posting(app: &TestApp, admin: &Token, gmis: &str, body: Value) -> i64 {
    let mut body = body;
    let pref = body["workplace"]["prefecture_code"].clone();
    body["facility"] = json!({"gmis_id": gmis, "name": format!("{gmis}病院"), "prefecture_code": pref,
                              "email": format!("{}@hospital.test", gmis.to_lowercase())});
    let (s, b) = json_of(app.post("/api/v1/postings", Some(admin), &body).await).await;
    assert_eq!(s, 201, "{b}");
    b["id"].as_i64().unwrap()
}

fn all_occupations() -> Vec<&'static str> {
    keynet::domain::codes::Occupation::ALL
        .iter()
        .map(|o| o.code())
        .collect()
}

fn all_prefectures() -> Vec<String> {
    (1..=47).map(|i| format!("{i:02}")).collect()
}

/// Creates an organisation and a key for it.
async fn organisation(app: &TestApp, admin: &Token, body: Value) -> (i64, Token) {
    let (s, org) = json_of(
        app.post("/api/v1/admin/organisations", Some(admin), &body)
            .await,
    )
    .await;
    assert_eq!(s, 201, "{org}");
    let id = org["id"].as_i64().unwrap();
    let (s, key) = json_of(
        app.post(
            &format!("/api/v1/admin/organisations/{id}/api-keys"),
            Some(admin),
            &json!({}),
        )
        .await,
    )
    .await;
    assert_eq!(s, 201, "{key}");
    assert!(key["key"].as_str().unwrap().starts_with("kn_"));
    (id, Token(key["key"].as_str().unwrap().to_string()))
}

/// A partner's copy of its postings, kept by applying the feed.
#[derive(Default)]
struct Replica {
    cursor: i64,
    postings: std::collections::BTreeMap<i64, Value>,
    bodies: String,
}

impl Replica {
    /// Applies the feed in small pages (7 items), so that tests cross many page ends.
    async fn sync(&mut self, app: &TestApp, key: &Token) -> Vec<Value> {
        self.sync_by(app, key, 7).await
    }

    async fn sync_by(&mut self, app: &TestApp, key: &Token, limit: usize) -> Vec<Value> {
        let mut applied = vec![];
        loop {
            let res = app
                .get(
                    &format!(
                        "/api/v1/partner/changes?after={}&limit={limit}",
                        self.cursor
                    ),
                    Some(key),
                )
                .await;
            let (s, page) = json_of(res).await;
            assert_eq!(s, 200, "{page}");
            self.bodies.push_str(&page.to_string());
            for item in page["items"].as_array().unwrap() {
                let id = item["posting_id"].as_i64().unwrap();
                match item["op"].as_str().unwrap() {
                    "upsert" => {
                        self.postings.insert(id, item["posting"].clone());
                    }
                    "remove" => {
                        self.postings.remove(&id);
                    }
                    op => panic!("unknown op {op}"),
                }
                applied.push(item.clone());
            }
            let next = page["next_cursor"].as_i64().unwrap();
            assert!(next >= self.cursor, "the cursor went back");
            self.cursor = next;
            if !page["has_more"].as_bool().unwrap() {
                return applied;
            }
        }
    }
    fn ids(&self) -> BTreeSet<i64> {
        self.postings.keys().copied().collect()
    }
}

/// A webhook receiver: a real HTTP server that records what it gets and answers `status`.
struct Receiver {
    url: String,
    got: Arc<Mutex<Vec<(actix_web::http::header::HeaderMap, String)>>>,
}

async fn receiver(status: u16) -> Receiver {
    receiver_with(Arc::new(std::sync::atomic::AtomicU16::new(status))).await
}

/// A receiver whose answer can be changed while it runs.
async fn receiver_with(status: Arc<std::sync::atomic::AtomicU16>) -> Receiver {
    receiver_full(status, 0).await
}

/// A receiver that takes `delay_ms` to answer each request.
async fn receiver_full(status: Arc<std::sync::atomic::AtomicU16>, delay_ms: u64) -> Receiver {
    use actix_web::{web, App, HttpRequest, HttpResponse, HttpServer};
    let got: Arc<Mutex<Vec<(actix_web::http::header::HeaderMap, String)>>> = Arc::default();
    let g = got.clone();
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let server = HttpServer::new(move || {
        let g = g.clone();
        let status = status.clone();
        App::new().default_service(web::to(move |req: HttpRequest, body: String| {
            let g = g.clone();
            let code = status.load(std::sync::atomic::Ordering::SeqCst);
            async move {
                g.lock().unwrap().push((req.headers().clone(), body));
                if delay_ms > 0 {
                    tokio::time::sleep(std::time::Duration::from_millis(delay_ms)).await;
                }
                HttpResponse::build(actix_web::http::StatusCode::from_u16(code).unwrap()).finish()
            }
        }))
    })
    .workers(1)
    .listen(listener)
    .unwrap()
    .run();
    tokio::spawn(server);
    Receiver {
        url: format!("http://127.0.0.1:{port}/hook"),
        got,
    }
}

impl Receiver {
    async fn wait_for(&self, n: usize) -> Vec<(actix_web::http::header::HeaderMap, String)> {
        for _ in 0..150 {
            if self.got.lock().unwrap().len() >= n {
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        self.got.lock().unwrap().clone()
    }
}

async fn register(app: &TestApp, key: &Token, url: &str) -> String {
    let (s, b) = json_of(
        app.post("/api/v1/partner/webhooks", Some(key), &json!({"url": url}))
            .await,
    )
    .await;
    assert_eq!(s, 201, "{b}");
    let secret = b["secret"].as_str().unwrap().to_string();
    assert!(secret.starts_with("whsec_"));
    secret
}

fn verify(secret: &str, headers: &actix_web::http::header::HeaderMap, body: &str) {
    use base64::Engine;
    let key = base64::engine::general_purpose::STANDARD
        .decode(secret.strip_prefix("whsec_").unwrap())
        .unwrap();
    let id = headers.get("webhook-id").unwrap().to_str().unwrap();
    let ts = headers.get("webhook-timestamp").unwrap().to_str().unwrap();
    let sig = headers.get("webhook-signature").unwrap().to_str().unwrap();
    let expected = hmac_sha256(&key, format!("{id}.{ts}.{body}").as_bytes());
    assert_eq!(
        sig,
        format!(
            "v1,{}",
            base64::engine::general_purpose::STANDARD.encode(expected)
        ),
        "signature"
    );
}

/// HMAC-SHA256 written out, so the test does not trust the server's own crate.
fn hmac_sha256(key: &[u8], msg: &[u8]) -> [u8; 32] {
    use sha2::{Digest, Sha256};
    let mut k = [0u8; 64];
    if key.len() > 64 {
        k[..32].copy_from_slice(&Sha256::digest(key));
    } else {
        k[..key.len()].copy_from_slice(key);
    }
    let ipad: Vec<u8> = k.iter().map(|b| b ^ 0x36).collect();
    let opad: Vec<u8> = k.iter().map(|b| b ^ 0x5c).collect();
    let inner = Sha256::new()
        .chain_update(&ipad)
        .chain_update(msg)
        .finalize();
    Sha256::new()
        .chain_update(&opad)
        .chain_update(inner)
        .finalize()
        .into()
}

#[tokio::test]
async fn each_scope_receives_exactly_its_postings_through_every_channel() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let nursing = ["public_health_nurse", "midwife", "nurse", "assistant_nurse"];
    let (osaka_id, osaka) = organisation(
        &app,
        &admin,
        json!({"name": "大阪府ナースセンター", "kind": "nurse_center",
        "email": "nc@osaka.test", "prefecture_code": "27",
        "scope": {"occupations": nursing, "prefectures": ["27"], "detail": "full"}}),
    )
    .await;
    let (doctors_id, doctors) = organisation(&app, &admin, json!({"name": "女性医師バンク", "kind": "association",
        "email": "bank@med.test", "scope": {"occupations": ["doctor"], "prefectures": all_prefectures(), "detail": "full"}})).await;
    let (_, recruiter) = organisation(&app, &admin, json!({"name": "人材会社", "kind": "recruiter",
        "email": "r@agent.test", "scope": {"occupations": all_occupations(), "prefectures": all_prefectures(), "detail": "counts"}})).await;

    let (osaka_hook, doctors_hook, recruiter_hook) = (
        receiver(204).await,
        receiver(200).await,
        receiver(200).await,
    );
    let osaka_secret = register(&app, &osaka, &osaka_hook.url).await;
    register(&app, &doctors, &doctors_hook.url).await;
    let recruiter_secret = register(&app, &recruiter, &recruiter_hook.url).await;

    let a = create_posting(
        &app,
        &admin,
        "G-OSAKA-1",
        posting("nurse", "27", "大阪市北区", OSAKA_SENTINEL, true),
    )
    .await;
    let b = create_posting(
        &app,
        &admin,
        "G-TOKYO-1",
        posting("doctor", "13", "千代田区", TOKYO_DOC_SENTINEL, false),
    )
    .await;
    let c = create_posting(
        &app,
        &admin,
        "G-TOKYO-2",
        posting("nurse", "13", "港区", TOKYO_NURSE_SENTINEL, false),
    )
    .await;

    // The feed: each sees only its own, with the withheld fields of a masked posting.
    let mut osaka_copy = Replica::default();
    osaka_copy.sync(&app, &osaka).await;
    assert_eq!(osaka_copy.ids(), BTreeSet::from([a]));
    assert_eq!(
        osaka_copy.postings[&a]["identity"]["street_address"],
        OSAKA_SENTINEL
    );
    assert!(
        osaka_copy.postings[&a]["republishable"]
            .get("identity")
            .is_none(),
        "the public form stays masked"
    );
    let mut doctors_copy = Replica::default();
    doctors_copy.sync(&app, &doctors).await;
    assert_eq!(doctors_copy.ids(), BTreeSet::from([b]));
    let (s, _) = json_of(app.get("/api/v1/partner/changes", Some(&recruiter)).await).await;
    assert_eq!(s, 403, "counts-only scopes get no postings");

    // Counts.
    let (_, counts) = json_of(app.get("/api/v1/partner/counts", Some(&osaka)).await).await;
    assert_eq!(
        counts["counts"],
        json!([{"occupation": "nurse", "prefecture_code": "27", "open_postings": 1}])
    );
    let (_, counts) = json_of(app.get("/api/v1/partner/counts", Some(&recruiter)).await).await;
    assert_eq!(counts["counts"].as_array().unwrap().len(), 3, "{counts}");

    // CSV.
    let res = app.get("/api/v1/partner/postings.csv", Some(&osaka)).await;
    assert_eq!(res.status(), 200);
    assert!(res.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/csv"));
    let bytes = res.bytes().await.unwrap();
    assert_eq!(&bytes[..3], b"\xEF\xBB\xBF", "a UTF-8 BOM");
    let csv = String::from_utf8(bytes[3..].to_vec()).unwrap();
    assert!(csv.starts_with("求人ID,職種"), "{csv}");
    assert!(csv.contains("\r\n"));
    assert!(csv.contains(OSAKA_SENTINEL));
    let lines: Vec<&str> = csv.trim_end().split("\r\n").collect();
    assert_eq!(lines.len(), 2, "the header and one posting");
    let (s, _) = json_of(
        app.get("/api/v1/partner/postings.csv", Some(&recruiter))
            .await,
    )
    .await;
    assert_eq!(s, 403);

    // Webhooks: full scopes hear of their postings by id; the recruiter hears of each new
    // posting with its occupation and prefecture only.
    let got = osaka_hook.wait_for(1).await;
    assert_eq!(got.len(), 1);
    verify(&osaka_secret, &got[0].0, &got[0].1);
    let event: Value = serde_json::from_str(&got[0].1).unwrap();
    assert_eq!(event["type"], "posting.upserted");
    assert_eq!(event["data"]["posting_id"], a);
    let got = recruiter_hook.wait_for(3).await;
    assert_eq!(got.len(), 3);
    for (h, body) in &got {
        verify(&recruiter_secret, h, body);
        let e: Value = serde_json::from_str(body).unwrap();
        assert_eq!(e["type"], "posting.published");
        assert!(e["data"].get("posting_id").is_none(), "{body}");
        assert!(e["data"]["search_url"]
            .as_str()
            .unwrap()
            .contains("/?occupation="));
    }

    // The recruiter's notice of the Osaka posting names Osaka's nurse centre to turn to.
    let osaka_notice = got
        .iter()
        .map(|(_, b)| serde_json::from_str::<Value>(b).unwrap())
        .find(|e| e["data"]["prefecture_code"] == "27")
        .unwrap();
    assert_eq!(
        osaka_notice["data"]["contacts"][0]["name"],
        "大阪府ナースセンター"
    );

    // The facility edits A's occupation to doctor: it leaves Osaka's view and enters the bank's.
    let (s, full) = json_of(
        app.get(&format!("/api/v1/postings/{a}"), Some(&admin))
            .await,
    )
    .await;
    assert_eq!(s, 200);
    let mut edit = posting("doctor", "27", "大阪市北区", OSAKA_SENTINEL, true);
    edit["version"] = full["version"].clone();
    let (s, e) = json_of(
        app.put(&format!("/api/v1/postings/{a}"), Some(&admin), &edit)
            .await,
    )
    .await;
    assert_eq!(s, 200, "{e}");
    let items = osaka_copy.sync(&app, &osaka).await;
    assert_eq!(items.len(), 1);
    assert_eq!(items[0]["op"], "remove");
    assert_eq!(items[0]["reason"], "out_of_scope");
    assert!(osaka_copy.ids().is_empty());
    doctors_copy.sync(&app, &doctors).await;
    assert_eq!(doctors_copy.ids(), BTreeSet::from([a, b]));
    let csv = app
        .get("/api/v1/partner/postings.csv", Some(&osaka))
        .await
        .text()
        .await
        .unwrap();
    assert!(!csv.contains(OSAKA_SENTINEL));

    // An admin narrows the bank to Osaka: B (Tokyo) leaves its view.
    let (s, v) = json_of(
        app.put(
            &format!("/api/v1/admin/organisations/{doctors_id}/scope"),
            Some(&admin),
            &json!({"occupations": ["doctor"], "prefectures": ["27"], "detail": "full"}),
        )
        .await,
    )
    .await;
    assert_eq!(s, 200, "{v}");
    let items = doctors_copy.sync(&app, &doctors).await;
    assert_eq!(
        items
            .iter()
            .map(|i| (i["posting_id"].as_i64().unwrap(), i["reason"].clone()))
            .collect::<Vec<_>>(),
        vec![(b, json!("out_of_scope"))]
    );
    assert_eq!(doctors_copy.ids(), BTreeSet::from([a]));

    // A closes: a removal with its reason.
    let (s, _) = json_of(
        app.post(
            &format!("/api/v1/postings/{a}/close"),
            Some(&admin),
            &json!({"reason": "filled"}),
        )
        .await,
    )
    .await;
    assert_eq!(s, 200);
    let items = doctors_copy.sync(&app, &doctors).await;
    assert_eq!(items[0]["reason"], "filled");
    assert!(doctors_copy.ids().is_empty());

    // A fresh sync from the start gives the truth too, and nothing outside the scope ever
    // appeared in anything the partner received.
    let mut fresh = Replica::default();
    fresh.sync(&app, &doctors).await;
    assert!(fresh.ids().is_empty());
    for (who, text) in [
        ("osaka", &osaka_copy.bodies),
        ("doctors", &doctors_copy.bodies),
    ] {
        assert!(
            !text.contains(TOKYO_NURSE_SENTINEL),
            "{who} saw the Tokyo nurse posting"
        );
        assert!(
            !text.contains(&format!("\"posting_id\":{c}")),
            "{who} saw posting {c}"
        );
    }
    assert!(!osaka_copy.bodies.contains(TOKYO_DOC_SENTINEL));
    for (_, body) in recruiter_hook.wait_for(3).await {
        for s in [OSAKA_SENTINEL, TOKYO_DOC_SENTINEL, TOKYO_NURSE_SENTINEL] {
            assert!(!body.contains(s));
        }
    }
    // Osaka never heard of C or B by webhook either.
    for (_, body) in osaka_hook.wait_for(2).await {
        assert!(
            !body.contains(&format!("\"posting_id\":{b}"))
                && !body.contains(&format!("\"posting_id\":{c}"))
        );
    }

    // Every read of full data is audited with the organisation.
    let rows = app
        .with_db(move |c| {
            keynet::db::audit::select(c, &Default::default(), 0, 500)
                .unwrap()
                .0
        })
        .await;
    assert!(rows.iter().any(|r| r.organisation_id == Some(osaka_id)
        && r.detail
            .as_deref()
            .is_some_and(|d| d.contains(&a.to_string()))));
    // Admins read it with the organisation's name.
    let (_, log) = json_of(app.get("/api/v1/admin/audit-log", Some(&admin)).await).await;
    assert!(
        log["items"]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["action"] == "partner_read" && e["organisation"] == "大阪府ナースセンター"),
        "{log}"
    );
}

#[tokio::test]
async fn the_feed_converges_to_the_truth_under_concurrent_writes() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let (_, key) = organisation(&app, &admin, json!({"name": "厚労省", "kind": "mhlw", "email": "m@mhlw.test",
        "scope": {"occupations": ["nurse", "doctor"], "prefectures": all_prefectures(), "detail": "full"}})).await;
    let mut replica = Replica::default();
    let app = Arc::new(app);
    let mut writers = vec![];
    for w in 0..4 {
        let (app, admin) = (app.clone(), admin.clone());
        writers.push(tokio::spawn(async move {
            for i in 0..6 {
                let occ = if (w + i) % 3 == 0 {
                    "pharmacist"
                } else {
                    "nurse"
                };
                let id = create_posting(
                    &app,
                    &admin,
                    &format!("G-C{w}"),
                    posting(occ, "13", "港区", "x", false),
                )
                .await;
                if i % 2 == 1 {
                    app.post(
                        &format!("/api/v1/postings/{id}/close"),
                        Some(&admin),
                        &json!({"reason": "withdrawn"}),
                    )
                    .await;
                }
            }
        }));
    }
    // Sync while they write.
    for _ in 0..10 {
        replica.sync(&app, &key).await;
        tokio::time::sleep(std::time::Duration::from_millis(30)).await;
    }
    for w in writers {
        w.await.unwrap();
    }
    replica.sync(&app, &key).await;
    let truth: BTreeSet<i64> = app
        .with_db(|c| {
            use diesel::prelude::*;
            use keynet::db::schema::postings as p;
            p::table
                .filter(p::status.eq("open"))
                .filter(p::occupation.eq_any(["nurse", "doctor"]))
                .select(p::id)
                .load::<i64>(c)
                .unwrap()
                .into_iter()
                .collect()
        })
        .await;
    assert!(!truth.is_empty());
    assert_eq!(replica.ids(), truth);
}

#[tokio::test]
async fn keys_are_shown_once_and_revocable_and_only_keys_reach_the_partner_api() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let (id, key) = organisation(&app, &admin, json!({"name": "東京都", "kind": "prefecture", "email": "t@metro.test",
        "prefecture_code": "13", "scope": {"occupations": all_occupations(), "prefectures": ["13"], "detail": "full"}})).await;
    let (s, me) = json_of(app.get("/api/v1/partner/me", Some(&key)).await).await;
    assert_eq!(s, 200);
    assert_eq!(me["scope"]["prefectures"], json!(["13"]));
    let (_, detail) = json_of(
        app.get(&format!("/api/v1/admin/organisations/{id}"), Some(&admin))
            .await,
    )
    .await;
    assert!(
        !detail.to_string().contains(&key.0),
        "the key is never shown again"
    );
    let key_id = detail["api_keys"][0]["id"].as_i64().unwrap();
    // An admin is not a partner.
    assert_eq!(
        app.get("/api/v1/partner/me", Some(&admin)).await.status(),
        403
    );
    let res = app
        .delete(
            &format!("/api/v1/admin/organisations/{id}/api-keys/{key_id}"),
            Some(&admin),
        )
        .await;
    assert_eq!(res.status(), 204);
    assert_eq!(
        app.get("/api/v1/partner/me", Some(&key)).await.status(),
        401
    );
    // Prefecture-bound kinds must name their prefecture; lists are never empty.
    let (s, e) = json_of(app.post("/api/v1/admin/organisations", Some(&admin), &json!({"name": "x", "kind": "prefecture",
        "email": "x@x.test", "scope": {"occupations": [], "prefectures": ["13"], "detail": "full"}})).await).await;
    assert_eq!(s, 422);
    let fields = keynet_tests::error_fields(&e);
    assert!(
        fields.contains(&"prefecture_code".to_string())
            && fields.contains(&"scope.occupations".to_string()),
        "{e}"
    );
}

#[tokio::test]
async fn csv_neutralises_formulas_and_cp932_reports_what_it_cannot_hold() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let (_, key) = organisation(&app, &admin, json!({"name": "東京都", "kind": "prefecture", "email": "t@metro.test",
        "prefecture_code": "13", "scope": {"occupations": all_occupations(), "prefectures": ["13"], "detail": "full"}})).await;
    let mut body = posting("nurse", "13", "港区", "=HYPERLINK(\"http://x\")", false);
    body["contact"]["person_name"] = json!("𠮷田 @SUM(A1)");
    body["notes"] = json!("髙橋〜−");
    let id = create_posting(&app, &admin, "G-CSV-1", body).await;
    let csv = app
        .get("/api/v1/partner/postings.csv", Some(&key))
        .await
        .text()
        .await
        .unwrap();
    let row = csv.split("\r\n").nth(1).unwrap();
    assert!(row.contains("'=HYPERLINK"), "{row}");
    assert!(!row.contains(",=HYPERLINK"), "{row}");
    let header_cols = csv.split("\r\n").next().unwrap().split(',').count();
    assert!(header_cols >= 20);
    assert!(row.starts_with(&format!("{id},")));
    let res = app
        .get("/api/v1/partner/postings.csv?encoding=cp932", Some(&key))
        .await;
    assert_eq!(res.status(), 200);
    let report = res
        .headers()
        .get("keynet-unencodable")
        .map(|v| v.to_str().unwrap().to_string());
    assert!(
        report.as_deref().is_some_and(|r| r.contains("U+20BB7")
            && !r.contains("U+9AD9")
            && !r.contains("U+301C")),
        "{report:?}"
    );
    let bytes = res.bytes().await.unwrap();
    let (text, _, bad) = encoding_rs::SHIFT_JIS.decode(&bytes);
    assert!(!bad);
    assert!(text.starts_with("求人ID,職種"));
    assert!(text.contains("〓田"));
    assert!(text.contains(&format!("{id},")));
    let (s, _) = json_of(
        app.get("/api/v1/partner/postings.csv?encoding=latin1", Some(&key))
            .await,
    )
    .await;
    assert_eq!(s, 400);
}

#[tokio::test]
async fn a_receiver_that_answers_410_is_disabled_and_its_organisation_told() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let (_, key) = organisation(&app, &admin, json!({"name": "東京都", "kind": "prefecture", "email": "hooks@metro.test",
        "prefecture_code": "13", "scope": {"occupations": all_occupations(), "prefectures": ["13"], "detail": "full"}})).await;
    let gone = receiver(410).await;
    let ok = receiver(200).await;
    register(&app, &key, &gone.url).await;
    register(&app, &key, &ok.url).await;
    create_posting(
        &app,
        &admin,
        "G-HOOK-1",
        posting("nurse", "13", "港区", "x", false),
    )
    .await;
    assert_eq!(ok.wait_for(1).await.len(), 1);
    assert_eq!(gone.wait_for(1).await.len(), 1);
    let mail = app.mail_to("hooks@metro.test", "Webhook").await;
    assert!(mail.contains(&gone.url), "{mail}");
    let (_, hooks) = json_of(app.get("/api/v1/partner/webhooks", Some(&key)).await).await;
    let disabled: Vec<_> = hooks["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|h| !h["disabled_at"].is_null())
        .collect();
    assert_eq!(disabled.len(), 1);
    assert_eq!(disabled[0]["url"], gone.url.as_str());
    // The working endpoint's delivery can be replayed: the same webhook-id comes again.
    let ok_id = hooks["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|h| h["disabled_at"].is_null())
        .unwrap()["id"]
        .as_i64()
        .unwrap();
    let (_, list) = json_of(
        app.get(
            &format!("/api/v1/partner/webhooks/{ok_id}/deliveries"),
            Some(&key),
        )
        .await,
    )
    .await;
    assert_eq!(list["items"][0]["status"], "delivered");
    let delivery = list["items"][0]["id"].as_i64().unwrap();
    let (s, _) = json_of(
        app.post(
            &format!("/api/v1/partner/deliveries/{delivery}/replay"),
            Some(&key),
            &json!({}),
        )
        .await,
    )
    .await;
    assert_eq!(s, 202);
    let got = ok.wait_for(2).await;
    assert_eq!(got.len(), 2);
    assert_eq!(got[0].0.get("webhook-id"), got[1].0.get("webhook-id"));
}

#[tokio::test]
async fn webhook_urls_must_be_https_on_public_addresses() {
    let app = TestApp::spawn_with(|s| s.webhook_allow_private = false).await;
    let admin = app.admin().await;
    let (_, key) = organisation(&app, &admin, json!({"name": "東京都", "kind": "prefecture", "email": "t@metro.test",
        "prefecture_code": "13", "scope": {"occupations": all_occupations(), "prefectures": ["13"], "detail": "full"}})).await;
    for url in [
        "http://example.com/hook",
        "https://127.0.0.1/hook",
        "https://10.0.0.8/hook",
        "https://[::1]/x",
        "https://169.254.169.254/latest",
    ] {
        let (s, e) = json_of(
            app.post("/api/v1/partner/webhooks", Some(&key), &json!({"url": url}))
                .await,
        )
        .await;
        assert_eq!(s, 422, "{url}: {e}");
        assert_eq!(e["error"]["fields"][0]["code"], "url_not_allowed");
    }
}

#[tokio::test]
async fn organisations_and_scope_changes_are_in_the_change_log_and_a_refused_one_is_not() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let p = create_posting(
        &app,
        &admin,
        "G-LOG-1",
        posting("nurse", "13", "港区", "x", false),
    )
    .await;
    let last = || async {
        app.with_db(|c| {
            keynet::db::changes::after(c, 0, 10_000)
                .unwrap()
                .into_iter()
                .map(|r| (r.kind, r.entity_id))
                .collect::<Vec<_>>()
        })
        .await
    };
    let before = last().await.len();
    let (org, _) = organisation(&app, &admin, json!({"name": "東京都", "kind": "prefecture", "email": "t@metro.test",
        "prefecture_code": "13", "scope": {"occupations": ["nurse"], "prefectures": ["13"], "detail": "full"}})).await;
    // Refused: an empty list writes nothing.
    let (s, _) = json_of(
        app.put(
            &format!("/api/v1/admin/organisations/{org}/scope"),
            Some(&admin),
            &json!({"occupations": [], "prefectures": ["13"], "detail": "full"}),
        )
        .await,
    )
    .await;
    assert_eq!(s, 422);
    let (s, _) = json_of(
        app.put(
            &format!("/api/v1/admin/organisations/{org}/scope"),
            Some(&admin),
            &json!({"occupations": ["doctor"], "prefectures": ["13"], "detail": "full"}),
        )
        .await,
    )
    .await;
    assert_eq!(s, 200);
    let log = last().await;
    assert_eq!(
        log[before..].to_vec(),
        vec![
            ("organisation.created".to_string(), org),
            ("organisation.api_key_issued".to_string(), org),
            ("organisation.scope_changed".to_string(), org),
            ("posting.scope_changed".to_string(), p),
        ]
    );
}

#[tokio::test]
async fn the_daily_digest_gives_each_scope_its_day_and_nothing_more() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    organisation(&app, &admin, json!({"name": "大阪府", "kind": "prefecture", "email": "digest@osaka.test",
        "prefecture_code": "27", "scope": {"occupations": all_occupations(), "prefectures": ["27"], "detail": "full"}})).await;
    organisation(&app, &admin, json!({"name": "人材会社", "kind": "recruiter", "email": "digest@agent.test",
        "scope": {"occupations": all_occupations(), "prefectures": all_prefectures(), "detail": "counts"}})).await;
    let a = create_posting(
        &app,
        &admin,
        "G-DIG-1",
        posting("nurse", "27", "大阪市北区", OSAKA_SENTINEL, true),
    )
    .await;
    let gone = create_posting(
        &app,
        &admin,
        "G-DIG-2",
        posting("doctor", "27", "堺市", "SENT-GONE-2", false),
    )
    .await;
    create_posting(
        &app,
        &admin,
        "G-DIG-3",
        posting("nurse", "13", "港区", TOKYO_NURSE_SENTINEL, false),
    )
    .await;
    app.post(
        &format!("/api/v1/postings/{gone}/close"),
        Some(&admin),
        &json!({"reason": "filled"}),
    )
    .await;

    let today = keynet::clock::today_in_japan();
    let url = "http://keynet.test".to_string();
    let sent = app
        .with_db(move |c| keynet::jobs::digest::partner_digest(c, today, &url).unwrap())
        .await;
    assert_eq!(sent, Some(2));
    let url = "http://keynet.test".to_string();
    let again = app
        .with_db(move |c| keynet::jobs::digest::partner_digest(c, today, &url).unwrap())
        .await;
    assert_eq!(again, None, "once a day");

    let osaka = app.mail_to("digest@osaka.test", "keynet-").await;
    assert!(osaka.contains("新規：1件"), "{osaka}");
    assert!(osaka.contains(&format!("求人ID {gone}（充足）")), "{osaka}");
    assert!(osaka.contains("text/csv"));
    assert!(
        osaka.contains(OSAKA_SENTINEL),
        "the CSV carries the full posting"
    );
    assert!(
        osaka.contains(&format!("\r\n{a},")) || osaka.contains(&format!("\n{a},")),
        "{osaka}"
    );
    assert!(!osaka.contains(TOKYO_NURSE_SENTINEL));
    // "Key-Net" alone also finds the organisation's activation mail, which the outbox may have
    // written first (the test failed once on it).
    let agent = app.mail_to("digest@agent.test", "daily digest").await;
    assert!(agent.contains("看護師 × 大阪府：1件"), "{agent}");
    assert!(agent.contains("看護師 × 東京都：1件"), "{agent}");
    for s in [OSAKA_SENTINEL, TOKYO_NURSE_SENTINEL, "SENT-GONE-2", "G-DIG"] {
        assert!(!agent.contains(s), "the counts-only digest leaked {s}");
    }
}

#[tokio::test]
async fn a_partner_user_signs_in_by_email_and_sees_only_the_scope() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let (org, _) = organisation(
        &app,
        &admin,
        json!({"name": "大阪府ナースセンター", "kind": "nurse_center",
        "email": "nc@osaka.test", "prefecture_code": "27",
        "scope": {"occupations": ["nurse"], "prefectures": ["27"], "detail": "full"}}),
    )
    .await;
    let a = create_posting(
        &app,
        &admin,
        "G-USR-1",
        posting("nurse", "27", "大阪市北区", OSAKA_SENTINEL, true),
    )
    .await;
    create_posting(
        &app,
        &admin,
        "G-USR-2",
        posting("nurse", "13", "港区", TOKYO_NURSE_SENTINEL, false),
    )
    .await;
    let (s, m) = json_of(
        app.post(
            &format!("/api/v1/admin/organisations/{org}/users"),
            Some(&admin),
            &json!({"email": "Staff@Osaka.test"}),
        )
        .await,
    )
    .await;
    assert_eq!(s, 201, "{m}");
    let (s, _) = json_of(
        app.post(
            &format!("/api/v1/admin/organisations/{org}/users"),
            Some(&admin),
            &json!({"email": "staff@osaka.test"}),
        )
        .await,
    )
    .await;
    assert_eq!(s, 409, "one account per address");
    let token = app.activation_token_for("staff@osaka.test").await;
    let (s, b) = json_of(
        app.post(
            "/api/v1/auth/activate",
            None,
            &json!({"token": token, "password": "osaka-nurse-centre-2026"}),
        )
        .await,
    )
    .await;
    assert_eq!(s, 200, "{b}");
    let user = app
        .login("staff@osaka.test", "osaka-nurse-centre-2026")
        .await;
    let (s, me) = json_of(app.get("/api/v1/partner/me", Some(&user)).await).await;
    assert_eq!(s, 200);
    assert_eq!(me["id"], org);
    let (s, page) = json_of(app.get("/api/v1/partner/postings", Some(&user)).await).await;
    assert_eq!(s, 200, "{page}");
    assert_eq!(page["items"].as_array().unwrap().len(), 1);
    assert_eq!(page["items"][0]["id"], a);
    assert!(page.to_string().contains(OSAKA_SENTINEL));
    assert!(!page.to_string().contains(TOKYO_NURSE_SENTINEL));
    let (_, detail) = json_of(
        app.get(&format!("/api/v1/admin/organisations/{org}"), Some(&admin))
            .await,
    )
    .await;
    assert_eq!(detail["users"][0]["activated"], true);
    // Other roles are not partners.
    let jobseeker = app.signup_jobseeker("hanako@example.test").await;
    assert_eq!(
        app.get("/api/v1/partner/me", Some(&jobseeker))
            .await
            .status(),
        403
    );
    assert_eq!(
        app.get("/api/v1/partner/me", Some(&admin)).await.status(),
        403
    );
}

#[tokio::test]
async fn a_failed_delivery_waits_in_the_database_and_any_server_retries_it_with_the_same_id() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let (_, key) = organisation(&app, &admin, json!({"name": "東京都", "kind": "prefecture", "email": "t@metro.test",
        "prefecture_code": "13", "scope": {"occupations": all_occupations(), "prefectures": ["13"], "detail": "full"}})).await;
    let status = Arc::new(std::sync::atomic::AtomicU16::new(503));
    let hook = receiver_with(status.clone()).await;
    register(&app, &key, &hook.url).await;
    create_posting(
        &app,
        &admin,
        "G-RETRY-1",
        posting("nurse", "13", "港区", "x", false),
    )
    .await;
    assert_eq!(hook.wait_for(1).await.len(), 1);
    // The failure is kept, with its status and the time of the next attempt.
    let (_, hooks) = json_of(app.get("/api/v1/partner/webhooks", Some(&key)).await).await;
    let id = hooks["items"][0]["id"].as_i64().unwrap();
    let (_, list) = json_of(
        app.get(
            &format!("/api/v1/partner/webhooks/{id}/deliveries"),
            Some(&key),
        )
        .await,
    )
    .await;
    assert_eq!(list["items"][0]["status"], "pending");
    assert_eq!(list["items"][0]["last_status_code"], 503);
    assert!(!list["items"][0]["next_attempt_at"].is_null());
    // A second server on the same database (as after a restart) takes part; the receiver
    // recovers; the retry after the 5-second backoff arrives once, with the same id.
    let sibling = app.spawn_sibling().await;
    status.store(200, std::sync::atomic::Ordering::SeqCst);
    let got = hook.wait_for(2).await;
    assert_eq!(got.len(), 2, "retried once");
    assert_eq!(got[0].0.get("webhook-id"), got[1].0.get("webhook-id"));
    tokio::time::sleep(std::time::Duration::from_millis(1500)).await;
    assert_eq!(
        hook.got.lock().unwrap().len(),
        2,
        "never sent twice by two servers"
    );
    let (_, list) = json_of(
        sibling
            .get(
                &format!("/api/v1/partner/webhooks/{id}/deliveries"),
                Some(&key),
            )
            .await,
    )
    .await;
    assert_eq!(list["items"][0]["status"], "delivered");
    assert_eq!(list["items"][0]["attempts"], 2);
}

#[tokio::test]
async fn prefectures_register_desks_that_anyone_sees_and_recruiters_are_told_of() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let (_, osaka) = organisation(&app, &admin, json!({"name": "大阪府", "kind": "prefecture", "email": "p@osaka.test",
        "prefecture_code": "27", "scope": {"occupations": all_occupations(), "prefectures": ["27"], "detail": "full"}})).await;
    let (_, nc) = organisation(&app, &admin, json!({"name": "大阪府ナースセンター", "kind": "nurse_center", "email": "nc@osaka.test",
        "prefecture_code": "27", "scope": {"occupations": ["nurse"], "prefectures": ["27"], "detail": "full"}})).await;
    let (_, recruiter) = organisation(&app, &admin, json!({"name": "人材会社", "kind": "recruiter", "email": "r@agent.test",
        "scope": {"occupations": all_occupations(), "prefectures": all_prefectures(), "detail": "counts"}})).await;
    let desk = json!({"name": "大阪府 医療人材相談窓口", "address": "大阪市中央区大手前2丁目", "phone": "06-6941-0351",
                      "hours": "平日 9:00〜17:45", "url": "https://www.pref.osaka.lg.jp/desk"});
    let (s, created) = json_of(app.post("/api/v1/partner/desks", Some(&osaka), &desk).await).await;
    assert_eq!(s, 201, "{created}");
    let id = created["id"].as_i64().unwrap();
    // Only prefectures run desks; another organisation cannot touch this one.
    let (s, _) = json_of(app.post("/api/v1/partner/desks", Some(&nc), &desk).await).await;
    assert_eq!(s, 403);
    let (s, _) = json_of(
        app.put(&format!("/api/v1/partner/desks/{id}"), Some(&nc), &desk)
            .await,
    )
    .await;
    assert_eq!(s, 403);
    let (s, e) = json_of(
        app.post(
            "/api/v1/partner/desks",
            Some(&osaka),
            &json!({"name": "", "address": "x",
        "phone": "abc", "hours": "x", "url": "javascript:alert(1)"}),
        )
        .await,
    )
    .await;
    assert_eq!(s, 422);
    let fields = keynet_tests::error_fields(&e);
    for f in ["name", "phone", "url"] {
        assert!(fields.contains(&f.to_string()), "{e}");
    }
    // Anyone lists them by prefecture.
    let (s, list) = json_of(app.get("/api/v1/desks?prefecture=27", None).await).await;
    assert_eq!(s, 200);
    assert_eq!(list["items"][0]["name"], "大阪府 医療人材相談窓口");
    assert_eq!(list["items"][0]["prefecture_name"], "大阪府");
    let (_, tokyo) = json_of(app.get("/api/v1/desks?prefecture=13", None).await).await;
    assert_eq!(tokyo["items"], json!([]));
    assert_eq!(
        app.get("/api/v1/desks?prefecture=99", None).await.status(),
        422
    );
    // A recruiter's notice of a new Osaka posting names the desk first.
    let hook = receiver(200).await;
    register(&app, &recruiter, &hook.url).await;
    create_posting(
        &app,
        &admin,
        "G-DESK-1",
        posting("nurse", "27", "大阪市北区", "x", false),
    )
    .await;
    let got = hook.wait_for(1).await;
    let e: Value = serde_json::from_str(&got[0].1).unwrap();
    assert_eq!(e["data"]["contacts"][0]["kind"], "desk");
    assert_eq!(e["data"]["contacts"][0]["phone"], "06-6941-0351");
    let names: Vec<&str> = e["data"]["contacts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["name"].as_str().unwrap())
        .collect();
    assert!(
        names.contains(&"大阪府ナースセンター") && names.contains(&"大阪府"),
        "{names:?}"
    );
    // Removing it is final.
    assert_eq!(
        app.delete(&format!("/api/v1/partner/desks/{id}"), Some(&osaka))
            .await
            .status(),
        204
    );
    assert_eq!(
        app.delete(&format!("/api/v1/partner/desks/{id}"), Some(&osaka))
            .await
            .status(),
        404
    );
    let (_, list) = json_of(app.get("/api/v1/desks?prefecture=27", None).await).await;
    assert_eq!(list["items"], json!([]));
}

#[tokio::test]
async fn an_upstream_system_registers_and_updates_postings_by_its_own_reference() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let (_, gmis) = organisation(&app, &admin, json!({"name": "G-MIS 連携", "kind": "upstream", "email": "ops@gmis.test",
        "scope": {"occupations": all_occupations(), "prefectures": all_prefectures(), "detail": "counts"}})).await;
    let (_, other) = organisation(&app, &admin, json!({"name": "東京都", "kind": "prefecture", "email": "t@metro.test",
        "prefecture_code": "13", "scope": {"occupations": all_occupations(), "prefectures": ["13"], "detail": "full"}})).await;
    let mut body = posting_body();
    body["facility"] = json!({"gmis_id": "G-UP-1", "name": "上流総合病院", "prefecture_code": "13", "email": "up@hospital.test"});

    let res = app
        .put("/api/v1/intake/postings/REF-2026.001", Some(&gmis), &body)
        .await;
    assert_eq!(res.status(), 201);
    let location = res.headers()["location"].to_str().unwrap().to_string();
    let created: Value = res.json().await.unwrap();
    let id = created["id"].as_i64().unwrap();
    assert_eq!(location, format!("/api/v1/postings/{id}"));
    // The new facility's account gets its activation mail, as on the fax path.
    app.mail_to("up@hospital.test", "/activate?token=").await;

    // The same call again (keys in another order) changes nothing.
    let reordered: Value = serde_json::from_str(&{
        let mut m: Vec<(String, Value)> = body.as_object().unwrap().clone().into_iter().collect();
        m.reverse();
        let obj: serde_json::Map<String, Value> = m.into_iter().collect();
        Value::Object(obj).to_string()
    })
    .unwrap();
    let (s, again) = json_of(
        app.put(
            "/api/v1/intake/postings/REF-2026.001",
            Some(&gmis),
            &reordered,
        )
        .await,
    )
    .await;
    assert_eq!(s, 200, "{again}");
    assert_eq!(again["id"], id);
    assert_eq!(again["version"], created["version"], "unchanged");

    // A changed body edits the same posting.
    body["wage"]["amount_yen"] = json!(3100);
    let (s, updated) = json_of(
        app.put("/api/v1/intake/postings/REF-2026.001", Some(&gmis), &body)
            .await,
    )
    .await;
    assert_eq!(s, 200, "{updated}");
    assert_eq!(updated["id"], id);
    assert_eq!(updated["wage"]["amount_yen"], 3100);
    assert_eq!(
        updated["version"].as_i64().unwrap(),
        created["version"].as_i64().unwrap() + 1
    );
    let (_, history) = json_of(
        app.get(&format!("/api/v1/postings/{id}/history"), Some(&admin))
            .await,
    )
    .await;
    let actions: Vec<&str> = history["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["action"].as_str().unwrap())
        .collect();
    assert!(actions.contains(&"intake"), "{actions:?}");
    let count = app
        .with_db(|c| {
            use diesel::prelude::*;
            keynet::db::schema::postings::table
                .count()
                .get_result::<i64>(c)
                .unwrap()
        })
        .await;
    assert_eq!(count, 1, "never two postings for one reference");

    // The reference stays with its facility; validation is the form's; only upstream systems send.
    let mut moved = body.clone();
    moved["facility"]["gmis_id"] = json!("G-UP-2");
    let (s, e) = json_of(
        app.put("/api/v1/intake/postings/REF-2026.001", Some(&gmis), &moved)
            .await,
    )
    .await;
    assert_eq!(
        (s.as_u16(), e["error"]["code"].as_str()),
        (409, Some("intake_facility_changed")),
        "{e}"
    );
    let mut bad = body.clone();
    bad["wage"]["amount_yen"] = json!(-5);
    let (s, e) = json_of(
        app.put("/api/v1/intake/postings/REF-2", Some(&gmis), &bad)
            .await,
    )
    .await;
    assert_eq!(s, 422, "{e}");
    let mut no_facility = body.clone();
    no_facility.as_object_mut().unwrap().remove("facility");
    let (s, e) = json_of(
        app.put("/api/v1/intake/postings/REF-3", Some(&gmis), &no_facility)
            .await,
    )
    .await;
    assert_eq!(s, 422);
    assert_eq!(keynet_tests::error_fields(&e), vec!["facility".to_string()]);
    assert_eq!(
        app.put("/api/v1/intake/postings/REF-4", Some(&other), &body)
            .await
            .status(),
        403
    );
    assert_eq!(
        app.put("/api/v1/intake/postings/bad%20ref", Some(&gmis), &body)
            .await
            .status(),
        422
    );
    // A closed posting is not reopened by intake.
    app.post(
        &format!("/api/v1/postings/{id}/close"),
        Some(&admin),
        &json!({"reason": "filled"}),
    )
    .await;
    body["wage"]["amount_yen"] = json!(3200);
    let (s, _) = json_of(
        app.put("/api/v1/intake/postings/REF-2026.001", Some(&gmis), &body)
            .await,
    )
    .await;
    assert_eq!(s, 409);
}

#[tokio::test]
async fn a_slow_receiver_never_holds_up_another() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let (_, slow_org) = organisation(&app, &admin, json!({"name": "遅い県", "kind": "prefecture", "email": "s@slow.test",
        "prefecture_code": "13", "scope": {"occupations": all_occupations(), "prefectures": ["13"], "detail": "full"}})).await;
    let (_, fast_org) = organisation(&app, &admin, json!({"name": "速い局", "kind": "mhlw", "email": "f@fast.test",
        "scope": {"occupations": all_occupations(), "prefectures": all_prefectures(), "detail": "full"}})).await;
    // The slow one takes 8 s to answer each of its deliveries.
    let slow = receiver_full(Arc::new(std::sync::atomic::AtomicU16::new(200)), 8000).await;
    let fast = receiver(200).await;
    register(&app, &slow_org, &slow.url).await;
    register(&app, &fast_org, &fast.url).await;
    for i in 0..3 {
        create_posting(
            &app,
            &admin,
            &format!("G-SLOW-{i}"),
            posting("nurse", "13", "港区", "x", false),
        )
        .await;
    }
    assert_eq!(fast.wait_for(3).await.len(), 3);
    // Each slow delivery holds its endpoint 8 s, one after another: all three fast ones
    // arrived while the slow endpoint was still on its first.
    assert!(
        slow.got.lock().unwrap().len() <= 1,
        "the fast receiver waited for the slow one"
    );
}

fn link_token(mail: &str, path: &str) -> String {
    let start = mail
        .find(path)
        .unwrap_or_else(|| panic!("no {path} in {mail}"))
        + path.len();
    mail[start..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
        .collect()
}

#[tokio::test]
async fn a_nurse_centre_refers_a_jobseeker_the_facility_sees_who_referred_and_the_jobseeker_claims_or_declines(
) {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let (_, nc) = organisation(&app, &admin, json!({"name": "大阪府ナースセンター", "kind": "nurse_center", "email": "nc@osaka.test",
        "prefecture_code": "27", "scope": {"occupations": ["nurse"], "prefectures": ["27"], "detail": "full"}})).await;
    let (_, recruiter) = organisation(&app, &admin, json!({"name": "人材会社", "kind": "recruiter", "email": "r@agent.test",
        "scope": {"occupations": all_occupations(), "prefectures": all_prefectures(), "detail": "counts"}})).await;
    let (facility, created) = app
        .facility_with_posting(
            &admin,
            "G-REF-1",
            posting("nurse", "27", "大阪市北区", "x", false),
        )
        .await;
    let p_in = created["id"].as_i64().unwrap();
    let p_out = create_posting(
        &app,
        &admin,
        "G-REF-2",
        posting("doctor", "27", "堺市", "x", false),
    )
    .await;
    let referral = |posting: i64, email: &str| {
        json!({"posting_id": posting, "jobseeker": {"name": "紹介 花子", "email": email, "phone": "090-1234-5678"},
               "message": "窓口でお会いした方です。夜勤も可能です。"})
    };
    // Outside the scope is as absent as nothing; recruiters do not refer.
    let (s, _) = json_of(
        app.post(
            "/api/v1/partner/referrals",
            Some(&nc),
            &referral(p_out, "a@example.test"),
        )
        .await,
    )
    .await;
    assert_eq!(s, 404);
    let (s, _) = json_of(
        app.post(
            "/api/v1/partner/referrals",
            Some(&nc),
            &referral(999_999, "a@example.test"),
        )
        .await,
    )
    .await;
    assert_eq!(s, 404);
    let (s, _) = json_of(
        app.post(
            "/api/v1/partner/referrals",
            Some(&recruiter),
            &referral(p_in, "a@example.test"),
        )
        .await,
    )
    .await;
    assert_eq!(s, 403);

    let (s, r) = json_of(
        app.post(
            "/api/v1/partner/referrals",
            Some(&nc),
            &referral(p_in, "hanako.ref@example.test"),
        )
        .await,
    )
    .await;
    assert_eq!(s, 201, "{r}");
    let thread = r["id"].as_i64().unwrap();
    let (s, again) = json_of(
        app.post(
            "/api/v1/partner/referrals",
            Some(&nc),
            &referral(p_in, "Hanako.Ref@example.test"),
        )
        .await,
    )
    .await;
    assert_eq!(
        (s.as_u16(), again["id"].as_i64()),
        (200, Some(thread)),
        "never a second thread"
    );

    // The facility sees an application marked with the organisation.
    let (_, inbox) = json_of(app.get("/api/v1/threads", Some(&facility)).await).await;
    let line = inbox["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["id"] == thread)
        .unwrap()
        .clone();
    assert_eq!(line["kind"], "application");
    assert_eq!(line["referred_by"], "大阪府ナースセンター");
    let (_, detail) = json_of(
        app.get(&format!("/api/v1/threads/{thread}"), Some(&facility))
            .await,
    )
    .await;
    assert_eq!(detail["referred_by"], "大阪府ナースセンター");
    assert_eq!(detail["jobseeker"]["name"], "紹介 花子");

    // The referring partner follows it.
    let (_, list) = json_of(app.get("/api/v1/partner/referrals", Some(&nc)).await).await;
    assert_eq!(list["items"][0]["id"], thread);
    assert_eq!(list["items"][0]["stage"], "applied");
    assert_eq!(list["items"][0]["jobseeker_name"], "紹介 花子");

    // The jobseeker claims the account from the mail and sees the thread.
    let mail = app
        .mail_to("hanako.ref@example.test", "大阪府ナースセンター")
        .await;
    let token = link_token(&mail, "/activate?token=");
    assert!(mail.contains("/decline-referral?token="));
    let (s, b) = json_of(
        app.post(
            "/api/v1/auth/activate",
            None,
            &json!({"token": token, "password": "osaka-referred-2026"}),
        )
        .await,
    )
    .await;
    assert_eq!(s, 200, "{b}");
    let hanako = app
        .login("hanako.ref@example.test", "osaka-referred-2026")
        .await;
    let (_, mine) = json_of(app.get("/api/v1/threads", Some(&hanako)).await).await;
    assert_eq!(mine["items"][0]["id"], thread);
    // Once claimed, the decline link no longer erases anything.
    let (s, _) = json_of(
        app.post("/api/v1/referrals/decline", None, &json!({"token": token}))
            .await,
    )
    .await;
    assert_eq!(s, 422);
    // With an account of her own she applies herself: nobody refers her again.
    let (s, e) = json_of(
        app.post(
            "/api/v1/partner/referrals",
            Some(&nc),
            &referral(p_in, "hanako.ref@example.test"),
        )
        .await,
    )
    .await;
    assert_eq!(
        (s.as_u16(), e["error"]["code"].as_str()),
        (409, Some("jobseeker_has_account")),
        "{e}"
    );
    app.signup_jobseeker("own.account@example.test").await;
    let (s, _) = json_of(
        app.post(
            "/api/v1/partner/referrals",
            Some(&nc),
            &referral(p_in, "own.account@example.test"),
        )
        .await,
    )
    .await;
    assert_eq!(
        s, 409,
        "never an application in the name of someone with their own account"
    );

    // Someone else declines: their data is erased, the facility's thread ends.
    let (_, r2) = json_of(
        app.post(
            "/api/v1/partner/referrals",
            Some(&nc),
            &referral(p_in, "taro.ref@example.test"),
        )
        .await,
    )
    .await;
    let t2 = r2["id"].as_i64().unwrap();
    let mail = app.mail_to("taro.ref@example.test", "辞退").await;
    let token = link_token(&mail, "/decline-referral?token=");
    let res = app
        .post("/api/v1/referrals/decline", None, &json!({"token": token}))
        .await;
    assert_eq!(res.status(), 204);
    let (s, _) = json_of(
        app.post("/api/v1/referrals/decline", None, &json!({"token": token}))
            .await,
    )
    .await;
    assert_eq!(s, 422, "a link works once");
    let (_, list) = json_of(app.get("/api/v1/partner/referrals", Some(&nc)).await).await;
    let declined = list["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == t2)
        .unwrap()
        .clone();
    assert!(declined["jobseeker_name"].is_null(), "{declined}");
    let (_, detail) = json_of(
        app.get(&format!("/api/v1/threads/{t2}"), Some(&facility))
            .await,
    )
    .await;
    assert!(detail["jobseeker"].is_null());
    assert!(!detail.to_string().contains("taro.ref@example.test"));
}

/// The admins' facility directory: find by ID, name, prefecture and status; a correction keeps
/// history (who, when, old → new), tells the facility at both addresses, and reaches partners'
/// feeds; a refused correction writes nothing.
#[tokio::test]
async fn admins_find_and_correct_facilities_with_history() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let (facility, posting) = app
        .facility_with_posting(&admin, "G-2001", posting_body())
        .await;
    let fid = posting["facility"]["id"].as_i64().unwrap();
    create_posting(&app, &admin, "G-2002", {
        let mut b = posting_body();
        b["workplace"]["prefecture_code"] = json!("27");
        b
    })
    .await;
    let (_, key) = organisation(&app, &admin, json!({"name": "厚労省", "kind": "mhlw", "email": "m@mhlw.test",
        "scope": {"occupations": all_occupations(), "prefectures": all_prefectures(), "detail": "full"}})).await;
    let mut replica = Replica::default();
    replica.sync(&app, &key).await;

    let list = |q: &'static str| {
        let app = &app;
        let admin = &admin;
        async move {
            json_of(
                app.get(&format!("/api/v1/admin/facilities{q}"), Some(admin))
                    .await,
            )
            .await
        }
    };
    let gmis = |page: &Value| -> Vec<(String, String)> {
        page["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| {
                (
                    f["gmis_id"].as_str().unwrap().to_string(),
                    f["status"].as_str().unwrap().to_string(),
                )
            })
            .collect()
    };
    assert_eq!(
        app.get("/api/v1/admin/facilities", Some(&facility))
            .await
            .status(),
        403
    );
    let (s, all) = list("").await;
    assert_eq!((s.as_u16(), all["total"].as_i64()), (200, Some(2)), "{all}");
    assert_eq!(
        gmis(&all),
        vec![
            ("G-2001".to_string(), "active".to_string()),
            ("G-2002".to_string(), "pending_activation".to_string())
        ]
    );
    assert_eq!(all["items"][0]["open_postings"], 1);
    let (_, by_id) = list("?q=G-2001").await;
    assert_eq!(gmis(&by_id).len(), 1);
    // Part of the name, typed full-width.
    let (_, by_name) = list("?q=%EF%BC%92%EF%BC%90%EF%BC%90%EF%BC%92%E7%97%85").await;
    assert_eq!(
        gmis(&by_name),
        vec![("G-2002".into(), "pending_activation".into())]
    );
    let (_, osaka) = list("?prefecture=27").await;
    assert_eq!(gmis(&osaka).len(), 1);
    let (_, pending) = list("?status=pending_activation").await;
    assert_eq!(
        gmis(&pending),
        vec![("G-2002".into(), "pending_activation".into())]
    );
    let (_, active) = list("?status=active&prefecture=13").await;
    assert_eq!(gmis(&active), vec![("G-2001".into(), "active".into())]);
    let (s, _) = list("?status=closed").await;
    assert_eq!(s, 422);

    // A correction that breaks a rule writes nothing.
    app.signup_jobseeker("taken@example.test").await;
    let path = format!("/api/v1/admin/facilities/{fid}");
    for (body, field) in [
        (
            json!({"name": "訂正後 中央病院", "email": "g-2001@hospital.test", "reason": " "}),
            "reason",
        ),
        (
            json!({"name": "訂正後 中央病院", "email": "taken@example.test", "reason": "届出の誤り"}),
            "email",
        ),
        (
            json!({"name": "", "email": "g-2001@hospital.test", "reason": "届出の誤り"}),
            "name",
        ),
    ] {
        let (s, b) = json_of(app.put(&path, Some(&admin), &body).await).await;
        assert_eq!(s, 422, "{b}");
        assert_eq!(b["error"]["fields"][0]["field"], field, "{b}");
    }
    assert_eq!(
        app.put(
            &path,
            Some(&facility),
            &json!({"name": "x", "email": "a@b.test", "reason": "x"})
        )
        .await
        .status(),
        403
    );
    let (_, unchanged) = json_of(app.get(&path, Some(&admin)).await).await;
    assert_eq!(unchanged["name"], "G-2001病院");
    assert_eq!(unchanged["history"].as_array().unwrap().len(), 0);

    let (s, corrected) = json_of(
        app.put(
            &path,
            Some(&admin),
            &json!({"name": "訂正後 中央病院", "email": "new-contact@hospital.test", "reason": "届出の誤り"}),
        )
        .await,
    )
    .await;
    assert_eq!(s, 200, "{corrected}");
    assert_eq!(corrected["name"], "訂正後 中央病院");
    assert_eq!(corrected["email"], "new-contact@hospital.test");
    let history = corrected["history"].as_array().unwrap();
    assert_eq!(history.len(), 1, "{corrected}");
    assert_eq!(history[0]["kind"], "facility.corrected");
    assert_eq!(history[0]["by"], "admin@keynet.test");
    assert_eq!(history[0]["reason"], "届出の誤り");
    assert_eq!(history[0]["fields"]["name"]["old"], "G-2001病院");
    assert_eq!(
        history[0]["fields"]["email"]["new"],
        "new-contact@hospital.test"
    );
    // Sending the same values again is not another change.
    let (_, again) = json_of(
        app.put(
            &path,
            Some(&admin),
            &json!({"name": "訂正後 中央病院", "email": "new-contact@hospital.test", "reason": "再送"}),
        )
        .await,
    )
    .await;
    assert_eq!(again["history"].as_array().unwrap().len(), 1);
    // The facility hears of it at both addresses.
    app.mail_to("g-2001@hospital.test", "訂正後 中央病院").await;
    app.mail_to("new-contact@hospital.test", "届出の誤り").await;
    // The partner's feed republishes the open posting with the new name.
    let applied = replica.sync(&app, &key).await;
    assert!(
        applied.iter().any(|i| i["op"] == "upsert"
            && i["posting_id"] == posting["id"]
            && i.to_string().contains("訂正後 中央病院")),
        "{applied:?}"
    );
    // The facility still signs in with its ID.
    app.login("G-2001", "facility-pass-1").await;

    // The audit log lists the admin's actions by name, read from the change log: the two
    // fax entries, the organisation, its key and the correction — and not the postings
    // renamed by the correction, nor anything the facility did itself.
    let audit = |action: &'static str| {
        let app = &app;
        let admin = &admin;
        async move {
            for _ in 0..200 {
                let (_, page) = json_of(
                    app.get(
                        &format!("/api/v1/admin/audit-log?action={action}"),
                        Some(admin),
                    )
                    .await,
                )
                .await;
                if page["total"].as_i64() > Some(0) {
                    return page;
                }
                tokio::time::sleep(std::time::Duration::from_millis(50)).await;
            }
            panic!("no {action} in the audit log")
        }
    };
    let corrected = audit("facility_corrected").await;
    assert_eq!(corrected["total"], 1, "{corrected}");
    let entry = &corrected["items"][0];
    assert_eq!(entry["actor"], "admin@keynet.test");
    let detail = entry["detail"].as_str().unwrap();
    assert!(
        detail.contains("届出の誤り") && detail.contains("訂正後 中央病院"),
        "{detail}"
    );
    let entered = audit("posting_entered").await;
    assert_eq!(entered["total"], 2, "{entered}");
    assert!(entered["items"]
        .as_array()
        .unwrap()
        .iter()
        .any(|e| e["posting_id"] == posting["id"]));
    let org = audit("organisation_changed").await;
    assert_eq!(org["items"][0]["organisation"], "厚労省");
    assert_eq!(audit("credentials_changed").await["total"], 1);
    let (_, edited) = json_of(
        app.get(
            "/api/v1/admin/audit-log?action=posting_edited",
            Some(&admin),
        )
        .await,
    )
    .await;
    assert_eq!(edited["total"], 0, "{edited}");
    let (_, by_admin) = json_of(
        app.get("/api/v1/admin/audit-log?actor=admin%40keynet", Some(&admin))
            .await,
    )
    .await;
    assert!(by_admin["items"]
        .as_array()
        .unwrap()
        .iter()
        .all(|e| e["actor"] == "admin@keynet.test"));
}

/// Shortage dashboards replay the change log: open, new, fills and time to a first reply by
/// day and by occupation × prefecture, the same for any past day asked again; a prefecture
/// sees its own prefecture only.
#[tokio::test]
async fn shortage_dashboards_count_from_the_change_log_and_stay_in_scope() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    // The doctor posting was published three days ago: its changes (the log's first) are
    // moved back, keeping the log in time order.
    let p3 = create_posting(
        &app,
        &admin,
        "G-S3",
        posting("doctor", "13", "新宿区", TOKYO_DOC_SENTINEL, false),
    )
    .await;
    let today = keynet::clock::today_in_japan();
    let three_days_ago = today - chrono::Duration::days(3);
    app.with_db(move |c| {
        use diesel::prelude::*;
        use keynet::db::schema::change_log::dsl::*;
        diesel::update(change_log)
            .set(occurred_at.eq(keynet::clock::now() - chrono::Duration::days(3)))
            .execute(c)
            .unwrap();
    })
    .await;
    let (facility, p1) = app
        .facility_with_posting(&admin, "G-S1", posting_body())
        .await;
    let p1 = p1["id"].as_i64().unwrap();
    assert!(p1 > p3);
    create_posting(
        &app,
        &admin,
        "G-S2",
        posting("nurse", "27", "大阪市北区", OSAKA_SENTINEL, false),
    )
    .await;
    // A nurse applies to the Tokyo nurse posting, the hospital answers, and it is filled.
    let nurse = app.signup_jobseeker("shortage-nurse@example.jp").await;
    let (s, t) = json_of(
        app.post(
            &format!("/api/v1/postings/{p1}/applications"),
            Some(&nurse),
            &json!({"message": "応募します"}),
        )
        .await,
    )
    .await;
    assert_eq!(s, 201, "{t}");
    let tid = t["id"].as_i64().unwrap();
    let (s, _) = json_of(
        app.post(
            &format!("/api/v1/threads/{tid}/messages"),
            Some(&facility),
            &json!({"message": "面接しましょう"}),
        )
        .await,
    )
    .await;
    assert_eq!(s, 201);
    let (s, _) = json_of(
        app.post(
            &format!("/api/v1/postings/{p1}/close"),
            Some(&facility),
            &json!({"reason": "filled"}),
        )
        .await,
    )
    .await;
    assert_eq!(s, 200);

    let get = |path: String, who: Token| {
        let app = &app;
        async move { json_of(app.get(&path, Some(&who)).await).await }
    };
    let (s, r) = get("/api/v1/admin/shortages".into(), admin.clone()).await;
    assert_eq!(s, 200, "{r}");
    assert_eq!(r["period"], "day");
    assert_eq!(r["series"].as_array().unwrap().len(), 30);
    assert_eq!(
        (
            &r["total"]["open"],
            &r["total"]["new"],
            &r["total"]["fills"],
            &r["total"]["first_responses"]
        ),
        (&json!(2), &json!(3), &json!(1), &json!(1)),
        "{r}"
    );
    assert!(r["total"]["median_first_response_hours"].as_f64().unwrap() >= 0.0);
    let day = |d: chrono::NaiveDate| {
        r["series"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["start"] == d.to_string())
            .cloned()
            .unwrap()
    };
    assert_eq!(
        (
            day(three_days_ago)["new"].clone(),
            day(three_days_ago)["open"].clone()
        ),
        (json!(1), json!(1))
    );
    assert_eq!(day(today - chrono::Duration::days(1))["open"], 1);
    assert_eq!(
        (
            day(today)["new"].clone(),
            day(today)["open"].clone(),
            day(today)["fills"].clone()
        ),
        (json!(2), json!(2), json!(1))
    );
    let tokyo = r["by_prefecture"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["prefecture_code"] == "13")
        .unwrap();
    assert_eq!(
        (
            tokyo["open"].clone(),
            tokyo["new"].clone(),
            tokyo["fills"].clone()
        ),
        (json!(1), json!(2), json!(1))
    );
    let cell = r["cells"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["occupation"] == "nurse" && c["prefecture_code"] == "27")
        .unwrap();
    assert_eq!(
        (cell["open"].clone(), cell["new"].clone()),
        (json!(1), json!(1))
    );

    // A past day asked on its own gives that day's figures.
    let (_, past) = get(
        format!("/api/v1/admin/shortages?from={three_days_ago}&to={three_days_ago}"),
        admin.clone(),
    )
    .await;
    assert_eq!(
        (
            past["total"]["open"].clone(),
            past["total"]["new"].clone(),
            past["total"]["fills"].clone()
        ),
        (json!(1), json!(1), json!(0)),
        "{past}"
    );
    let (_, weekly) = get(
        format!("/api/v1/admin/shortages?period=month&occupation=doctor&from={three_days_ago}"),
        admin.clone(),
    )
    .await;
    assert_eq!(weekly["total"]["new"], 1, "{weekly}");
    assert!(weekly["series"].as_array().unwrap().len() <= 2);

    // Bad input is a 4xx with the field; a facility may not look.
    for (q, field) in [
        ("period=year", "period"),
        ("prefecture=48", "prefecture"),
        ("from=2026-11-10&to=2026-11-01", "to"),
        ("from=2020-01-01&to=2026-11-01", "from"),
    ] {
        let (s, e) = get(format!("/api/v1/admin/shortages?{q}"), admin.clone()).await;
        assert!(
            s == 422 || (field == "prefecture" && s == 400),
            "{q}: {s} {e}"
        );
    }
    assert_eq!(
        app.get("/api/v1/admin/shortages", Some(&facility))
            .await
            .status(),
        403
    );

    // Tokyo sees Tokyo: nothing of Osaka, even when it asks for it.
    let (_, key) = organisation(&app, &admin, json!({"name": "東京都", "kind": "prefecture", "email": "t@metro.test",
        "prefecture_code": "13", "scope": {"occupations": all_occupations(), "prefectures": ["13"], "detail": "counts"}})).await;
    let (s, mine) = get("/api/v1/partner/shortages".into(), key.clone()).await;
    assert_eq!(s, 200, "{mine}");
    assert_eq!(
        (mine["total"]["new"].clone(), mine["total"]["open"].clone()),
        (json!(2), json!(1)),
        "{mine}"
    );
    assert!(
        mine["by_prefecture"]
            .as_array()
            .unwrap()
            .iter()
            .all(|p| p["prefecture_code"] == "13"),
        "{mine}"
    );
    let (_, osaka) = get(
        "/api/v1/partner/shortages?prefecture=27".into(),
        key.clone(),
    )
    .await;
    assert_eq!(
        (osaka["total"]["new"].clone(), osaka["cells"].clone()),
        (json!(0), json!([])),
        "{osaka}"
    );
    assert!(!osaka.to_string().contains(OSAKA_SENTINEL));
}

/// The CSV streams in pages of a few thousand postings: an export longer than several pages
/// holds every open posting in scope exactly once, in id order, each row whole.
#[tokio::test]
async fn a_csv_of_several_pages_holds_every_posting_once() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let n = 4_321;
    app.with_db(move |c| keynet::seed::seed_demo(c, n, false).expect("seed"))
        .await;
    let (_, key) = organisation(&app, &admin, json!({"name": "厚生労働省", "kind": "mhlw", "email": "m@mhlw.test",
        "scope": {"occupations": all_occupations(), "prefectures": all_prefectures(), "detail": "full"}})).await;
    let (_, open) = json_of(app.get("/api/v1/postings?per_page=1", None).await).await;
    let res = app.get("/api/v1/partner/postings.csv", Some(&key)).await;
    assert_eq!(res.status(), 200);
    let body = res.bytes().await.unwrap();
    let mut reader = csv::ReaderBuilder::new().from_reader(&body[3..]); // after the BOM
    let width = reader.headers().unwrap().len();
    let mut ids = Vec::new();
    for record in reader.records() {
        let record = record.unwrap();
        assert_eq!(record.len(), width);
        ids.push(record[0].parse::<i64>().unwrap());
    }
    assert_eq!(ids.len() as i64, open["total"].as_i64().unwrap());
    assert!(ids.len() > 4_000, "{}", ids.len());
    assert!(ids.windows(2).all(|w| w[0] < w[1]), "ascending, no repeats");
}

/// Partners' bulk reads share two export threads: several CSV exports and full feed syncs at
/// once, by two organisations, each get their own whole answer (no page of one in another,
/// none lost), and a full-detail scope of one prefecture sees only that prefecture.
#[tokio::test]
async fn concurrent_exports_each_get_their_own_whole_answer() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    app.with_db(move |c| keynet::seed::seed_demo(c, 4_321, false).expect("seed"))
        .await;
    let (_, all) = organisation(&app, &admin, json!({"name": "厚生労働省", "kind": "mhlw", "email": "m@mhlw.test",
        "scope": {"occupations": all_occupations(), "prefectures": all_prefectures(), "detail": "full"}})).await;
    let (_, osaka) = organisation(
        &app,
        &admin,
        json!({"name": "大阪府", "kind": "prefecture", "email": "o@osaka.test",
        "prefecture_code": "27",
        "scope": {"occupations": all_occupations(), "prefectures": ["27"], "detail": "full"}}),
    )
    .await;
    let csv_ids = |body: &[u8]| -> Vec<(i64, String)> {
        let mut reader = csv::ReaderBuilder::new().from_reader(&body[3..]);
        reader
            .records()
            .map(|r| {
                let r = r.unwrap();
                (r[0].parse().unwrap(), r[3].to_string())
            })
            .collect()
    };
    let csv = |key: Token| {
        let app = &app;
        async move {
            let res = app.get("/api/v1/partner/postings.csv", Some(&key)).await;
            assert_eq!(res.status(), 200);
            res.bytes().await.unwrap().to_vec()
        }
    };
    let feed = |key: Token| {
        let app = &app;
        async move {
            let mut replica = Replica::default();
            replica.sync_by(app, &key, 1000).await;
            replica.ids()
        }
    };
    let (csvs, feeds) = tokio::join!(
        futures_util::future::join_all([
            csv(all.clone()),
            csv(osaka.clone()),
            csv(all.clone()),
            csv(osaka.clone())
        ]),
        futures_util::future::join_all([feed(all.clone()), feed(osaka.clone())]),
    );
    let (_, open) = json_of(app.get("/api/v1/postings?per_page=1", None).await).await;
    let (_, in_osaka) = json_of(
        app.get("/api/v1/postings?per_page=1&prefecture=27", None)
            .await,
    )
    .await;
    let everything = csv_ids(&csvs[0]);
    assert_eq!(everything.len() as i64, open["total"].as_i64().unwrap());
    assert_eq!(
        csvs[2], csvs[0],
        "the same export twice at once is the same bytes"
    );
    assert_eq!(csvs[3], csvs[1]);
    let osaka_rows = csv_ids(&csvs[1]);
    assert_eq!(osaka_rows.len() as i64, in_osaka["total"].as_i64().unwrap());
    assert!(osaka_rows.iter().all(|(_, p)| p == "27"), "only Osaka");
    let ids = |rows: &[(i64, String)]| rows.iter().map(|(i, _)| *i).collect::<BTreeSet<_>>();
    assert_eq!(feeds[0], ids(&everything), "the feed and the CSV agree");
    assert_eq!(feeds[1], ids(&osaka_rows));
}
