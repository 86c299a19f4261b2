use keynet_tests::*;
use serde_json::Value;

#[tokio::test]
async fn health_names_the_backend() {
    let app = TestApp::spawn().await;
    let (status, body) = json_of(app.get("/api/v1/health", None).await).await;
    assert_eq!(status, 200);
    assert_eq!(body["database"], app.backend);
}

#[tokio::test]
async fn reference_lists_have_both_languages() {
    let app = TestApp::spawn().await;
    let (_, prefs) = json_of(app.get("/api/v1/reference/prefectures", None).await).await;
    let items = prefs["items"].as_array().unwrap();
    assert_eq!(items.len(), 47);
    assert_eq!(items[0]["code"], "01");
    assert_eq!(items[12]["name_ja"], "東京都");
    assert_eq!(items[12]["region"]["name_ja"], "関東");
    assert_eq!(items[46]["region"]["code"], "kyushu_okinawa");
    let regions: std::collections::BTreeSet<&str> = items
        .iter()
        .map(|p| p["region"]["code"].as_str().unwrap())
        .collect();
    assert_eq!(regions.len(), 8);

    for (path, n) in [
        ("occupations", 11),
        ("facility-types", 3),
        ("duties", 5),
        ("wage-units", 3),
        ("insurance", 5),
        ("other-listings", 4),
    ] {
        let (status, body) =
            json_of(app.get(&format!("/api/v1/reference/{path}"), None).await).await;
        assert_eq!(status, 200);
        let items = body["items"].as_array().unwrap();
        assert_eq!(items.len(), n, "{path}");
        assert!(items
            .iter()
            .all(|i: &Value| i["name_ja"].is_string() && i["name_en"].is_string()));
    }
}

#[tokio::test]
async fn unknown_api_paths_answer_in_the_error_shape() {
    let app = TestApp::spawn().await;
    let (status, body) = json_of(app.get("/api/v1/nothing-here", None).await).await;
    assert_eq!(status, 404);
    assert_eq!(body["error"]["code"], "not_found");
    let (status, _) = json_of(app.get("/api/v1/postings/not-a-number", None).await).await;
    assert_eq!(status, 404);
}

#[tokio::test]
async fn swagger_ui_and_spec_are_served() {
    let app = TestApp::spawn().await;
    let (status, spec) = json_of(app.get("/api/openapi.json", None).await).await;
    assert_eq!(status, 200);
    assert!(spec["paths"]["/api/v1/postings"].is_object());
    let res = app.client.get(app.url("/api/docs")).send().await.unwrap();
    assert_eq!(res.status(), 200);
    assert!(res.text().await.unwrap().contains("swagger"));
}
