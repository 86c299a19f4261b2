use keynet_tests::*;
use serde_json::{json, Value};

async fn create(app: &TestApp, token: &Token, body: &Value) -> (reqwest::StatusCode, Value) {
    json_of(app.post("/api/v1/postings", Some(token), body).await).await
}

async fn facility(app: &TestApp) -> Token {
    let admin = app.admin().await;
    app.facility_with_posting(&admin, "G-7001", posting_body())
        .await
        .0
}

#[tokio::test]
async fn input_is_normalised_before_it_is_stored() {
    let app = TestApp::spawn().await;
    let fac = facility(&app).await;
    let mut body = posting_body();
    body["workplace"]["postal_code"] = json!("１００－０００１");
    body["workplace"]["prefecture_code"] = json!("１３");
    body["employment_period"] = json!({"start": "令和8年12月1日", "end": "R9.3.31"});
    body["hours"]["start"] = json!("２２：３０");
    body["hours"]["end"] = json!("7:05");
    body["contact"]["phone"] = json!("０３－１２３４－５６７８");
    let (status, p) = create(&app, &fac, &body).await;
    assert_eq!(status, 201, "{p}");
    assert_eq!(p["identity"]["postal_code"], "1000001");
    assert_eq!(p["workplace"]["prefecture_code"], "13");
    assert_eq!(
        p["employment_period"],
        json!({"start": "2026-12-01", "end": "2027-03-31"})
    );
    assert_eq!(p["hours"]["start"], "22:30");
    assert_eq!(p["hours"]["end"], "07:05");
    assert_eq!(p["hours"]["overnight"], true);
    assert_eq!(p["identity"]["contact"]["phone"], "03-1234-5678");
    body["workplace"]["postal_code"] = json!("100-0001");
    let (status, p) = create(&app, &fac, &body).await;
    assert_eq!(status, 201);
    assert_eq!(p["identity"]["postal_code"], "1000001");
}

#[tokio::test]
async fn each_rule_names_its_field() {
    let app = TestApp::spawn().await;
    let fac = facility(&app).await;
    let cases: Vec<(&str, Edit, &str)> = vec![
        (
            "occupation",
            Box::new(|b| b["occupation"] = json!("surgeon")),
            "unknown_code",
        ),
        (
            "occupation",
            Box::new(|b| b["occupation"] = json!(null)),
            "required",
        ),
        (
            "workplace.postal_code",
            Box::new(|b| b["workplace"]["postal_code"] = json!("100-00011")),
            "invalid_postal_code",
        ),
        (
            "workplace.postal_code",
            Box::new(|b| b["workplace"]["postal_code"] = json!("abc")),
            "invalid_postal_code",
        ),
        (
            "workplace.facility_type",
            Box::new(|b| b["workplace"]["facility_type"] = json!("pharmacy")),
            "unknown_code",
        ),
        (
            "workplace.prefecture_code",
            Box::new(|b| b["workplace"]["prefecture_code"] = json!("48")),
            "unknown_code",
        ),
        (
            "workplace.municipality",
            Box::new(|b| b["workplace"]["municipality"] = json!("")),
            "required",
        ),
        (
            "workplace.street_address",
            Box::new(|b| b["workplace"]["street_address"] = json!("あ".repeat(201))),
            "too_long",
        ),
        (
            "employment_period.start",
            Box::new(|b| b["employment_period"]["start"] = json!("2026-02-30")),
            "invalid_date",
        ),
        (
            "employment_period.end",
            Box::new(|b| b["employment_period"]["end"] = json!("2026-11-30")),
            "end_before_start",
        ),
        (
            "probation_weeks",
            Box::new(|b| b["probation_weeks"] = json!(0)),
            "out_of_range",
        ),
        (
            "duties.codes",
            Box::new(|b| b["duties"] = json!({"codes": []})),
            "required",
        ),
        (
            "duties.codes[1]",
            Box::new(|b| b["duties"]["codes"] = json!(["general_outpatient", "surgery"])),
            "unknown_code",
        ),
        (
            "duties.other_detail",
            Box::new(|b| b["duties"] = json!({"codes": ["other"]})),
            "required",
        ),
        (
            "wage.amount_yen",
            Box::new(|b| b["wage"]["amount_yen"] = json!(-1)),
            "out_of_range",
        ),
        (
            "wage.amount_yen",
            Box::new(|b| b["wage"]["amount_yen"] = json!(100_001)),
            "out_of_range",
        ),
        (
            "wage.unit",
            Box::new(|b| b["wage"]["unit"] = json!("weekly")),
            "unknown_code",
        ),
        (
            "hours.start",
            Box::new(|b| b["hours"]["start"] = json!("24:00")),
            "invalid_time",
        ),
        (
            "hours.end",
            Box::new(|b| b["hours"]["end"] = json!("5pm")),
            "invalid_time",
        ),
        (
            "hours.end",
            Box::new(|b| b["hours"]["end"] = json!("08:45")),
            "same_as_start",
        ),
        (
            "hours.break_minutes",
            Box::new(|b| b["hours"]["break_minutes"] = json!(-5)),
            "out_of_range",
        ),
        (
            "insurance.other_detail",
            Box::new(|b| b["insurance"] = json!({"codes": ["other"]})),
            "required",
        ),
        (
            "notes",
            Box::new(|b| b["notes"] = json!("x".repeat(2001))),
            "too_long",
        ),
        (
            "contact.phone",
            Box::new(|b| b["contact"]["phone"] = json!("12345")),
            "invalid_phone",
        ),
        (
            "contact.email",
            Box::new(|b| b["contact"]["email"] = json!("jinji@")),
            "invalid_email",
        ),
        (
            "contact.extension",
            Box::new(|b| b["contact"]["extension"] = json!("内線123")),
            "invalid_extension",
        ),
        (
            "other_listings.codes[0]",
            Box::new(|b| b["other_listings"]["codes"] = json!(["indeed"])),
            "unknown_code",
        ),
    ];
    for (field, change, code) in cases {
        let mut body = posting_body();
        change(&mut body);
        let (status, err) = create(&app, &fac, &body).await;
        assert_eq!(status, 422, "{field}: {err}");
        let f = err["error"]["fields"].as_array().unwrap();
        assert!(
            f.iter().any(|x| x["field"] == field && x["code"] == code),
            "expected {field}/{code}, got {err}"
        );
        assert!(f
            .iter()
            .all(|x| x["message"].as_str().is_some_and(|m| !m.is_empty())));
    }
    // Nothing was half-written.
    let (_, mine) = json_of(app.get("/api/v1/facility/postings", Some(&fac)).await).await;
    assert_eq!(mine["items"].as_array().unwrap().len(), 1);
}

#[tokio::test]
async fn an_empty_form_lists_every_required_field() {
    let app = TestApp::spawn().await;
    let fac = facility(&app).await;
    let (status, err) = create(&app, &fac, &json!({})).await;
    assert_eq!(status, 422);
    let fields = error_fields(&err);
    for f in [
        "occupation",
        "workplace.postal_code",
        "workplace.prefecture_code",
        "employment_period.start",
        "wage.unit",
        "wage.amount_yen",
        "hours.start",
        "hours.break_minutes",
        "contact.person_name",
        "contact.email",
    ] {
        assert!(fields.contains(&f.to_string()), "{f} not in {fields:?}");
    }
}

#[tokio::test]
async fn malformed_bodies_get_400_with_the_path() {
    let app = TestApp::spawn().await;
    let fac = facility(&app).await;
    let mut body = posting_body();
    body["workplace"]["floor"] = json!("3");
    let (status, err) = create(&app, &fac, &body).await;
    assert_eq!(status, 400);
    assert_eq!(error_fields(&err), vec!["workplace.floor"]);
    assert_eq!(err["error"]["fields"][0]["code"], "unknown_field");

    let mut body = posting_body();
    body["occupation"] = json!(["nurse", "doctor"]);
    let (status, err) = create(&app, &fac, &body).await;
    assert_eq!(status, 400);
    assert_eq!(error_fields(&err), vec!["occupation"]);

    let mut body = posting_body();
    body["wage"]["amount_yen"] = json!("2500円");
    let (status, err) = create(&app, &fac, &body).await;
    assert_eq!(status, 400);
    assert_eq!(error_fields(&err), vec!["wage.amount_yen"]);

    for raw in ["", "{", "[]", "null", "{\"occupation\": 1e999}", "\u{0}"] {
        let res = app
            .req(reqwest::Method::POST, "/api/v1/postings", Some(&fac))
            .header("content-type", "application/json")
            .body(raw)
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 400, "{raw:?}");
    }
}

#[tokio::test]
async fn messages_are_japanese_and_english_on_request() {
    let app = TestApp::spawn().await;
    let fac = facility(&app).await;
    let mut body = posting_body();
    body["workplace"]["postal_code"] = json!("12");
    let (_, ja) = create(&app, &fac, &body).await;
    assert!(ja["error"]["fields"][0]["message"]
        .as_str()
        .unwrap()
        .contains("郵便番号"));
    let res = app
        .req(reqwest::Method::POST, "/api/v1/postings", Some(&fac))
        .header("Accept-Language", "en-US,en;q=0.9,ja;q=0.5")
        .json(&body)
        .send()
        .await
        .unwrap();
    let (status, en) = json_of(res).await;
    assert_eq!(status, 422);
    assert_eq!(en["error"]["message"], "Some fields are invalid.");
    assert!(en["error"]["fields"][0]["message"]
        .as_str()
        .unwrap()
        .contains("Postal codes"));
    let res = app
        .req(reqwest::Method::GET, "/api/v1/postings/424242", None)
        .header("Accept-Language", "en")
        .send()
        .await
        .unwrap();
    let (_, en) = json_of(res).await;
    assert_eq!(en["error"]["message"], "Not found.");
}

#[tokio::test]
async fn no_input_makes_the_server_answer_500() {
    let app = TestApp::spawn().await;
    let fac = facility(&app).await;
    let base = posting_body();
    let odd = [
        json!(null),
        json!(true),
        json!(-1),
        json!(1.5),
        json!(i64::MAX),
        json!(""),
        json!("\u{0}"),
        json!([]),
        json!({}),
        json!("𠮷".repeat(5000)),
        json!("'; DROP TABLE postings; --"),
    ];
    let mut checked = 0;
    for key in [
        "occupation",
        "mask_requested",
        "workplace",
        "employment_period",
        "probation_weeks",
        "duties",
        "wage",
        "hours",
        "insurance",
        "no_smoking_on_premises",
        "notes",
        "contact",
        "other_listings",
    ] {
        for v in &odd {
            let mut body = base.clone();
            body[key] = v.clone();
            let (status, err) = create(&app, &fac, &body).await;
            assert!(
                status.is_client_error() || status == 201,
                "{key}={v}: {status} {err}"
            );
            checked += 1;
        }
    }
    for path in [
        "/api/v1/postings?page=-1",
        "/api/v1/postings?per_page=0",
        "/api/v1/postings?per_page=1000",
        "/api/v1/postings?wage_min=abc&wage_unit=hourly",
        "/api/v1/postings?available_from=2026-13-01",
        "/api/v1/postings?sort=random",
        "/api/v1/postings?q=%25%5F%5C",
        "/api/v1/postings?prefecture=99",
        "/api/v1/postings?page=99999999999999999999",
    ] {
        let res = app.get(path, None).await;
        assert!(
            res.status().is_client_error() || res.status() == 200,
            "{path}: {}",
            res.status()
        );
        checked += 1;
    }
    assert!(checked > 100);
}
