//! SPEC 3: a masked posting's withheld fields reach nobody but its owner and admins.
//! Sentinels are planted in every withheld field and searched for in every response body.

use keynet_tests::*;
use serde_json::{json, Value};

const GMIS: &str = "GMIS-SENT-9";
const SENTINELS: [&str; 10] = [
    "SENTINEL-FNAME-7Q",
    "9876543",
    "SENTINEL-STREET-4K",
    "SENTINEL-BLDG-2P",
    "SENTINEL-PERSON-8M",
    "SENTINEL-CADDR-3X",
    "099-9876-5432",
    "97531",
    "099-1357-2468",
    "sentinel-mail-6w@hidden.test",
];

fn masked_body() -> Value {
    let mut b = posting_body();
    b["mask_requested"] = json!(true);
    b["workplace"]["postal_code"] = json!("987-6543");
    b["workplace"]["street_address"] = json!("SENTINEL-STREET-4K");
    b["workplace"]["facility_name"] = json!("SENTINEL-BLDG-2P");
    b["contact"] = json!({"person_name": "SENTINEL-PERSON-8M", "address": "SENTINEL-CADDR-3X", "phone": "099-9876-5432",
                          "extension": "97531", "application_phone": "099-1357-2468", "email": "sentinel-mail-6w@hidden.test"});
    b["notes"] = json!("公開される補足");
    b
}

async fn setup(app: &TestApp) -> (Token, Token, i64) {
    let admin = app.admin().await;
    let mut body = masked_body();
    body["facility"] = json!({"gmis_id": GMIS, "name": "SENTINEL-FNAME-7Q", "prefecture_code": "13", "email": "owner@hidden.test"});
    let (status, created) = json_of(app.post("/api/v1/postings", Some(&admin), &body).await).await;
    assert_eq!(status, 201, "{created}");
    let token = app.activation_token_for("owner@hidden.test").await;
    app.post(
        "/api/v1/auth/activate",
        None,
        &json!({"token": token, "password": "owner-pass-1"}),
    )
    .await;
    let owner = app.login(GMIS, "owner-pass-1").await;
    (admin, owner, created["id"].as_i64().unwrap())
}

fn assert_clean(what: &str, body: &str) {
    for s in SENTINELS.iter().chain([&GMIS]) {
        assert!(!body.contains(s), "{what} leaked {s}: {body}");
    }
}

async fn body_of(app: &TestApp, path: &str, token: Option<&Token>, lang: &str) -> (u16, String) {
    let res = app
        .req(reqwest::Method::GET, path, token)
        .header("Accept-Language", lang)
        .send()
        .await
        .unwrap();
    (res.status().as_u16(), res.text().await.unwrap())
}

#[tokio::test]
async fn withheld_fields_never_reach_visitors_jobseekers_or_other_facilities() {
    let app = TestApp::spawn().await;
    let (admin, _owner, id) = setup(&app).await;
    let (other_facility, _) = app
        .facility_with_posting(&admin, "G-OTHER-1", posting_body())
        .await;
    let seeker = app.signup_jobseeker("seeker@example.jp").await;

    let mut paths = vec![
        format!("/api/v1/postings/{id}"),
        "/api/v1/postings".to_string(),
        "/api/v1/postings?occupation=nurse&prefecture=13&municipality=千代田区".to_string(),
        "/api/v1/postings?sort=wage_desc".to_string(),
        "/api/v1/postings?sort=start_date&per_page=100".to_string(),
        "/api/v1/postings?q=公開される補足".to_string(),
        format!("/api/v1/postings/{id}/history"),
        format!("/api/v1/postings/{}", id + 1000),
    ];
    for s in SENTINELS.iter().chain([&GMIS]) {
        paths.push(format!("/api/v1/postings?q={}", s));
    }
    for (who, token) in [
        ("anonymous", None),
        ("jobseeker", Some(&seeker)),
        ("other facility", Some(&other_facility)),
    ] {
        for path in &paths {
            for lang in ["ja", "en"] {
                let (status, body) = body_of(&app, path, token, lang).await;
                assert_clean(&format!("{who} GET {path} ({status})"), &body);
            }
        }
        // The posting is there, marked masked, with its public fields.
        let (_, detail) = json_of(app.get(&format!("/api/v1/postings/{id}"), token).await).await;
        assert_eq!(detail["masked"], true, "{who}");
        assert!(detail.get("identity").is_none());
        assert_eq!(detail["workplace"]["municipality"], "千代田区");
        assert_eq!(detail["notes"], "公開される補足");
        // Searching for a hidden value finds nothing, and counts do not move.
        for s in SENTINELS.iter().filter(|s| s.len() > 5) {
            let (_, found) =
                json_of(app.get(&format!("/api/v1/postings?q={s}"), token).await).await;
            assert_eq!(found["total"], 0, "{who} found the posting by {s}");
            assert!(found["facets"]["occupation"].as_array().unwrap().is_empty());
        }
    }
}

#[tokio::test]
async fn the_owner_and_admins_see_everything() {
    let app = TestApp::spawn().await;
    let (admin, owner, id) = setup(&app).await;
    for token in [&owner, &admin] {
        let (status, p) = json_of(
            app.get(&format!("/api/v1/postings/{id}"), Some(token))
                .await,
        )
        .await;
        assert_eq!(status, 200);
        assert_eq!(p["view"], "full");
        assert_eq!(p["identity"]["facility_name"], "SENTINEL-FNAME-7Q");
        assert_eq!(p["identity"]["postal_code"], "9876543");
        assert_eq!(
            p["identity"]["contact"]["email"],
            "sentinel-mail-6w@hidden.test"
        );
        assert_eq!(p["facility"]["gmis_id"], GMIS);
        let (_, list) = json_of(app.get("/api/v1/postings", Some(token)).await).await;
        assert_eq!(
            list["items"][0]["identity"]["street_address"],
            "SENTINEL-STREET-4K"
        );
    }
}

#[tokio::test]
async fn unmasked_postings_show_identity_but_never_the_facility_id() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let mut body = posting_body();
    body["facility"] = json!({"gmis_id": GMIS, "name": "公開病院", "prefecture_code": "13", "email": "open@hidden.test"});
    let (_, created) = json_of(app.post("/api/v1/postings", Some(&admin), &body).await).await;
    let id = created["id"].as_i64().unwrap();
    let seeker = app.signup_jobseeker("seeker2@example.jp").await;
    for token in [None, Some(&seeker)] {
        let (_, text) = body_of(&app, &format!("/api/v1/postings/{id}"), token, "ja").await;
        assert!(!text.contains(GMIS), "{text}");
        let p: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(p["masked"], false);
        assert_eq!(p["identity"]["facility_name"], "公開病院");
        assert_eq!(p["identity"]["contact"]["phone"], "03-0000-0000");
        let (_, list) = body_of(&app, "/api/v1/postings?q=公開病院", token, "ja").await;
        assert!(!list.contains(GMIS));
        let list: Value = serde_json::from_str(&list).unwrap();
        assert_eq!(list["total"], 1, "the unmasked name is searchable");
    }
}

#[tokio::test]
async fn turning_masking_on_by_edit_hides_the_fields_and_the_keywords() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let mut body = posting_body();
    body["workplace"]["street_address"] = json!("SENTINEL-STREET-4K");
    let (owner, created) = app
        .facility_with_posting(&admin, "G-EDIT-1", body.clone())
        .await;
    let id = created["id"].as_i64().unwrap();
    let (_, found) = json_of(app.get("/api/v1/postings?q=SENTINEL-STREET-4K", None).await).await;
    assert_eq!(found["total"], 1);
    body["mask_requested"] = json!(true);
    body["version"] = created["version"].clone();
    let (status, _) = json_of(
        app.put(&format!("/api/v1/postings/{id}"), Some(&owner), &body)
            .await,
    )
    .await;
    assert_eq!(status, 200);
    let (_, text) = body_of(&app, "/api/v1/postings?q=SENTINEL-STREET-4K", None, "ja").await;
    assert_clean("search after masking", &text);
    let (_, text) = body_of(&app, &format!("/api/v1/postings/{id}"), None, "ja").await;
    assert_clean("detail after masking", &text);
}
