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

/// An unmasked posting whose street is a sentinel: its owner, and its id.
async fn unmasked_with_street_sentinel(app: &TestApp, gmis: &str) -> (Token, i64) {
    let admin = app.admin().await;
    let mut body = posting_body();
    body["workplace"]["street_address"] = json!("SENTINEL-STREET-4K");
    let (owner, created) = app.facility_with_posting(&admin, gmis, body).await;
    (owner, created["id"].as_i64().unwrap())
}

/// The owner edits the posting to be masked (its street still the sentinel).
async fn mask_by_edit(app: &TestApp, owner: &Token, id: i64) {
    let (_, current) = json_of(
        app.get(&format!("/api/v1/postings/{id}"), Some(owner))
            .await,
    )
    .await;
    let mut body = posting_body();
    body["workplace"]["street_address"] = json!("SENTINEL-STREET-4K");
    body["mask_requested"] = json!(true);
    body["version"] = current["version"].clone();
    let (status, _) = json_of(
        app.put(&format!("/api/v1/postings/{id}"), Some(owner), &body)
            .await,
    )
    .await;
    assert_eq!(status, 200);
}

#[tokio::test]
async fn turning_masking_on_by_edit_hides_the_fields_and_the_keywords() {
    let app = TestApp::spawn().await;
    let (owner, id) = unmasked_with_street_sentinel(&app, "G-EDIT-1").await;
    let (_, found) = json_of(app.get("/api/v1/postings?q=SENTINEL-STREET-4K", None).await).await;
    assert_eq!(found["total"], 1);
    mask_by_edit(&app, &owner, id).await;
    let (_, text) = body_of(&app, "/api/v1/postings?q=SENTINEL-STREET-4K", None, "ja").await;
    assert_clean("search after masking", &text);
    let (_, text) = body_of(&app, &format!("/api/v1/postings/{id}"), None, "ja").await;
    assert_clean("detail after masking", &text);
}

/// A public search reuses the public view it rendered before only for an unchanged posting:
/// after an edit turns masking on, the same search (no keyword, so the posting is still on
/// the page) shows it masked, without the withheld values it showed a moment ago.
#[tokio::test]
async fn a_search_shown_before_an_edit_shows_the_edited_posting() {
    let app = TestApp::spawn().await;
    let (owner, id) = unmasked_with_street_sentinel(&app, "G-EDIT-2").await;
    for _ in 0..2 {
        let (_, text) = body_of(&app, "/api/v1/postings", None, "ja").await;
        assert!(text.contains("SENTINEL-STREET-4K"), "unmasked: shown");
    }
    mask_by_edit(&app, &owner, id).await;
    for _ in 0..2 {
        let (_, text) = body_of(&app, "/api/v1/postings", None, "ja").await;
        assert_clean("the same search after masking", &text);
        let list: Value = serde_json::from_str(&text).unwrap();
        let item = list["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|i| i["id"] == id)
            .expect("still on the page");
        assert_eq!(item["masked"], true);
    }
}

/// The page the server sends for `/postings/{id}` carries a title, description, Open Graph
/// tags and schema.org JobPosting without JavaScript — for a masked posting, none of its
/// withheld values: the employer is "confidential" and the place stops at the municipality.
/// `robots.txt` and `sitemap.xml` are real files listing open postings only.
#[tokio::test]
async fn link_previews_and_job_posting_data_hold_no_withheld_value() {
    let app = TestApp::spawn().await;
    let (admin, owner, masked) = setup(&app).await;
    let (status, page) = body_of(&app, &format!("/postings/{masked}"), None, "ja").await;
    assert_eq!(status, 200);
    assert_clean("the masked posting's page", &page);
    assert!(page.contains("property=\"og:title\""), "{page}");
    assert!(
        page.contains("<title>看護師の募集（東京都千代田区）| 医療のお仕事 Key-Net</title>"),
        "{page}"
    );
    let ld_start = page
        .find("<script type=\"application/ld+json\">")
        .expect("JSON-LD")
        + 35;
    let ld_end = ld_start + page[ld_start..].find("</script>").unwrap();
    let ld: Value = serde_json::from_str(&page[ld_start..ld_end]).expect("JSON-LD parses");
    assert_eq!(ld["@type"], "JobPosting");
    assert_eq!(ld["hiringOrganization"], "confidential");
    assert_eq!(ld["jobLocation"]["address"]["addressLocality"], "千代田区");
    assert!(ld["jobLocation"]["address"].get("streetAddress").is_none());
    assert_eq!(ld["validThrough"], "2027-03-31T23:59:59+09:00");
    assert_eq!(ld["identifier"]["value"], masked.to_string());
    assert_eq!(ld["baseSalary"]["value"]["unitText"], "HOUR");

    // An unmasked posting names its employer and street.
    let mut open_body = posting_body();
    open_body["workplace"]["street_address"] = json!("丸の内1-1");
    let (s, open) = json_of(app.post("/api/v1/postings", Some(&owner), &open_body).await).await;
    assert_eq!(s, 201, "{open}");
    let open_id = open["id"].as_i64().unwrap();
    let (_, page) = body_of(&app, &format!("/postings/{open_id}"), None, "ja").await;
    assert!(page.contains("\"streetAddress\":\"丸の内1-1\""), "{page}");
    assert!(page.contains("\"@type\":\"Organization\""), "{page}");

    // A closed posting is not indexed and says nothing of itself.
    let (s, _) = json_of(
        app.post(
            &format!("/postings/{open_id}/close").replace("/postings", "/api/v1/postings"),
            Some(&admin),
            &json!({"reason": "filled"}),
        )
        .await,
    )
    .await;
    assert_eq!(s, 200);
    let (_, closed) = body_of(&app, &format!("/postings/{open_id}"), None, "ja").await;
    assert!(
        closed.contains("noindex") && !closed.contains("ld+json"),
        "{closed}"
    );

    let res = app.get("/robots.txt", None).await;
    assert!(res.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/plain"));
    let robots = res.text().await.unwrap();
    assert!(
        robots.contains("Sitemap: http://keynet.test/sitemap.xml"),
        "{robots}"
    );
    let res = app.get("/sitemap.xml", None).await;
    assert!(res.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("application/xml"));
    let sitemap = res.text().await.unwrap();
    assert!(
        sitemap.contains(&format!("/postings/{masked}</loc>")),
        "{sitemap}"
    );
    assert!(
        !sitemap.contains(&format!("/postings/{open_id}</loc>")),
        "{sitemap}"
    );
    assert_clean("the sitemap", &sitemap);
}
