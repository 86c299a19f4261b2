use keynet_tests::*;
use serde_json::{json, Value};

/// Five postings with known differences, registered by one facility.
async fn seeded() -> (TestApp, Token) {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let variants: Vec<Edit> = vec![
        Box::new(|_b| {}), // nurse, 13 千代田区, hospital, hourly 2500, 2026-12-01..2027-03-31
        Box::new(|b| {
            b["occupation"] = json!("doctor");
            b["wage"] = json!({"unit": "daily", "amount_yen": 120000});
            b["notes"] = json!("ＩＣＵ経験者歓迎");
        }),
        Box::new(|b| {
            b["workplace"]["prefecture_code"] = json!("27");
            b["workplace"]["municipality"] = json!("大阪市北区");
            b["workplace"]["facility_type"] = json!("health_center");
            b["duties"] = json!({"codes": ["health_center"]});
            b["wage"]["amount_yen"] = json!(3200);
        }),
        Box::new(|b| {
            b["workplace"]["prefecture_code"] = json!("01");
            b["workplace"]["municipality"] = json!("札幌市中央区");
            b["workplace"]["facility_type"] = json!("clinic");
            b["employment_period"] = json!({"start": "2027-06-01", "end": "2027-09-30"});
            b["duties"] = json!({"codes": ["mild_case_accommodation"]});
            b["wage"]["amount_yen"] = json!(1800);
        }),
        Box::new(|b| {
            b["occupation"] = json!("clerical");
            b["employment_period"] = json!({"start": "2026-12-15", "end": "2027-01-15"});
            b["wage"]["amount_yen"] = json!(1300);
        }),
    ];
    let mut facility = None;
    for (i, change) in variants.iter().enumerate() {
        let mut b = posting_body();
        change(&mut b);
        match &facility {
            None => facility = Some(app.facility_with_posting(&admin, "G-SRCH", b).await.0),
            Some(f) => {
                let (status, body) = json_of(app.post("/api/v1/postings", Some(f), &b).await).await;
                assert_eq!(status, 201, "variant {i}: {body}");
            }
        }
    }
    (app, facility.unwrap())
}

async fn search(app: &TestApp, query: &str) -> Value {
    let (status, body) = json_of(app.get(&format!("/api/v1/postings?{query}"), None).await).await;
    assert_eq!(status, 200, "{query}: {body}");
    body
}

fn ids(body: &Value) -> Vec<i64> {
    body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["id"].as_i64().unwrap())
        .collect()
}

fn facet(body: &Value, name: &str, code: &str) -> i64 {
    body["facets"][name]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["code"] == code)
        .map(|f| f["count"].as_i64().unwrap())
        .unwrap_or(0)
}

#[tokio::test]
async fn filters_narrow_the_results() {
    let (app, _) = seeded().await;
    assert_eq!(search(&app, "").await["total"], 5);
    assert_eq!(search(&app, "occupation=nurse").await["total"], 3);
    assert_eq!(
        search(&app, "occupation=nurse&occupation=doctor").await["total"],
        4
    );
    assert_eq!(search(&app, "occupation=nurse,clerical").await["total"], 4);
    assert_eq!(search(&app, "prefecture=27").await["total"], 1);
    assert_eq!(
        search(&app, "prefecture=01&prefecture=27").await["total"],
        2
    );
    assert_eq!(search(&app, "municipality=千代田区").await["total"], 3);
    assert_eq!(search(&app, "facility_type=clinic").await["total"], 1);
    assert_eq!(
        search(&app, "duty=health_center&duty=mild_case_accommodation").await["total"],
        2
    );
    assert_eq!(search(&app, "available_from=2027-05-01").await["total"], 1);
    assert_eq!(search(&app, "available_to=2026-12-10").await["total"], 3);
    assert_eq!(
        search(&app, "available_from=2027-01-20&available_to=2027-02-01").await["total"],
        3
    );
    assert_eq!(
        search(&app, "wage_unit=hourly&wage_min=2000").await["total"],
        2
    );
    assert_eq!(search(&app, "wage_unit=daily").await["total"], 1);
    assert_eq!(
        search(&app, "q=icu").await["total"],
        1,
        "full-width ＩＣＵ matches icu"
    );
    assert_eq!(
        search(&app, "q=%EF%BC%A9%EF%BC%A3%EF%BC%B5+%E6%AD%93%E8%BF%8E").await["total"],
        1
    );
    assert_eq!(
        search(&app, "q=看護師").await["total"],
        3,
        "occupation labels are searchable"
    );
    assert_eq!(
        search(&app, "q=50%25").await["total"],
        0,
        "LIKE wildcards are literal"
    );
    let (status, err) = json_of(app.get("/api/v1/postings?wage_min=1000", None).await).await;
    assert_eq!(status, 422);
    assert_eq!(error_fields(&err), vec!["wage_unit"]);
}

#[tokio::test]
async fn facets_count_the_alternatives() {
    let (app, _) = seeded().await;
    let all = search(&app, "").await;
    assert_eq!(facet(&all, "occupation", "nurse"), 3);
    assert_eq!(facet(&all, "occupation", "doctor"), 1);
    assert_eq!(facet(&all, "prefecture", "13"), 3);
    assert_eq!(facet(&all, "facility_type", "hospital"), 3);
    assert_eq!(facet(&all, "duty", "general_outpatient"), 3);
    assert_eq!(facet(&all, "duty", "health_center"), 1);
    let sum: i64 = all["facets"]["occupation"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["count"].as_i64().unwrap())
        .sum();
    assert_eq!(sum, 5);
    // Filtering by occupation keeps the occupation facet whole and narrows the others.
    let nurses = search(&app, "occupation=nurse").await;
    assert_eq!(facet(&nurses, "occupation", "doctor"), 1);
    assert_eq!(facet(&nurses, "prefecture", "13"), 1);
    assert_eq!(facet(&nurses, "prefecture", "27"), 1);
    // Labels in the caller's language, however often the same counts were shown before in
    // the other (the rendered facets are kept per counts and language).
    for (lang, tokyo) in [("ja", "東京都"), ("en", "Tokyo"), ("ja", "東京都")] {
        let res = app
            .req(reqwest::Method::GET, "/api/v1/postings", None)
            .header("Accept-Language", lang)
            .send()
            .await
            .unwrap();
        let (_, labels) = json_of(res).await;
        let prefecture_labels: Vec<&str> = labels["facets"]["prefecture"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|f| f["label"].as_str())
            .collect();
        assert!(
            prefecture_labels.contains(&tokyo),
            "{lang}: {prefecture_labels:?}"
        );
    }
}

#[tokio::test]
async fn sorting_and_paging() {
    let (app, _) = seeded().await;
    let newest = ids(&search(&app, "").await);
    let mut sorted = newest.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(newest, sorted, "newest first");
    let by_wage = search(&app, "wage_unit=hourly&sort=wage_desc").await;
    let wages: Vec<i64> = by_wage["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["wage"]["amount_yen"].as_i64().unwrap())
        .collect();
    assert_eq!(wages, vec![3200, 2500, 1800, 1300]);
    let by_start = search(&app, "sort=start_date").await;
    let starts: Vec<&str> = by_start["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["employment_period"]["start"].as_str().unwrap())
        .collect();
    let mut s = starts.clone();
    s.sort();
    assert_eq!(starts, s);
    let p1 = search(&app, "per_page=2&page=1").await;
    let p2 = search(&app, "per_page=2&page=2").await;
    let p3 = search(&app, "per_page=2&page=3").await;
    let p4 = search(&app, "per_page=2&page=4").await;
    assert_eq!(
        (
            p1["total"].as_i64(),
            p1["page"].as_i64(),
            p1["per_page"].as_i64()
        ),
        (Some(5), Some(1), Some(2))
    );
    let mut paged: Vec<i64> = [ids(&p1), ids(&p2), ids(&p3)].concat();
    assert_eq!(paged, newest);
    paged.dedup();
    assert_eq!(paged.len(), 5);
    assert!(ids(&p4).is_empty());
    assert_eq!(p4["total"], 5);
    for bad in [
        "per_page=101",
        "page=0",
        "sort=cheapest",
        "occupation=surgeon",
        "foo=bar",
    ] {
        assert_eq!(
            app.get(&format!("/api/v1/postings?{bad}"), None)
                .await
                .status(),
            422,
            "{bad}"
        );
    }
}

#[tokio::test]
async fn counts_follow_every_write_at_once() {
    let (app, facility) = seeded().await;
    assert_eq!(search(&app, "occupation=nurse").await["total"], 3);
    let (_, created) = json_of(
        app.post("/api/v1/postings", Some(&facility), &posting_body())
            .await,
    )
    .await;
    let after_insert = search(&app, "occupation=nurse").await;
    assert_eq!(after_insert["total"], 4);
    assert_eq!(
        facet(&after_insert, "prefecture", "13"),
        2,
        "nurses in Tokyo"
    );
    let id = created["id"].as_i64().unwrap();
    let mut edit = posting_body();
    edit["occupation"] = json!("midwife");
    edit["version"] = created["version"].clone();
    assert_eq!(
        app.put(&format!("/api/v1/postings/{id}"), Some(&facility), &edit)
            .await
            .status(),
        200
    );
    assert_eq!(search(&app, "occupation=nurse").await["total"], 3);
    assert_eq!(facet(&search(&app, "").await, "occupation", "midwife"), 1);
    app.post(
        &format!("/api/v1/postings/{id}/close"),
        Some(&facility),
        &json!({"reason": "withdrawn"}),
    )
    .await;
    assert_eq!(facet(&search(&app, "").await, "occupation", "midwife"), 0);
}

/// A city finds its wards, a ward named alone finds the city's ward of that name, the start
/// of a name finds the municipality — and a neighbouring city is not a ward: 大阪市 is not
/// 東大阪市. Full-width input is folded; LIKE wildcards typed are plain characters.
#[tokio::test]
async fn a_city_finds_its_wards() {
    let (app, facility) = seeded().await;
    for (pref, m) in [("27", "大阪市中央区"), ("27", "東大阪市"), ("13", "北区")] {
        let mut b = posting_body();
        b["workplace"]["prefecture_code"] = json!(pref);
        b["workplace"]["municipality"] = json!(m);
        let (s, body) = json_of(app.post("/api/v1/postings", Some(&facility), &b).await).await;
        assert_eq!(s, 201, "{body}");
    }
    let places = |body: &Value| -> Vec<String> {
        let mut v: Vec<String> = body["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["workplace"]["municipality"].as_str().unwrap().to_string())
            .collect();
        v.sort();
        v
    };
    let enc = |s: &str| s.bytes().map(|b| format!("%{b:02X}")).collect::<String>();
    let osaka = search(&app, &format!("municipality={}", enc("大阪市"))).await;
    assert_eq!(
        places(&osaka),
        vec!["大阪市中央区", "大阪市北区"],
        "{osaka}"
    );
    let sapporo = search(&app, &format!("municipality={}", enc("札幌市"))).await;
    assert_eq!(places(&sapporo), vec!["札幌市中央区"]);
    let kita = search(&app, &format!("municipality={}", enc("北区"))).await;
    assert_eq!(places(&kita), vec!["北区", "大阪市北区"], "{kita}");
    let kita_tokyo = search(&app, &format!("municipality={}&prefecture=13", enc("北区"))).await;
    assert_eq!(places(&kita_tokyo), vec!["北区"]);
    let east = search(&app, &format!("municipality={}", enc("東大阪市"))).await;
    assert_eq!(places(&east), vec!["東大阪市"]);
    let start = search(&app, &format!("municipality={}", enc("千代田"))).await;
    assert_eq!(start["total"], 3);
    let wild = search(&app, &format!("municipality={}", enc("%"))).await;
    assert_eq!(wild["total"], 0);
}

#[tokio::test]
async fn near_a_municipality_finds_what_is_within_the_radius_nearest_first() {
    let (app, facility) = seeded().await;
    // 3 postings in 千代田区, 1 in 大阪市北区 and 1 in 札幌市中央区 from `seeded`; add 横浜市中区
    // (about 28 km from 千代田区), 府中市 in Tokyo (about 22 km), and a masked one in 千代田区
    // whose street is a sentinel.
    for (pref, m) in [("14", "横浜市中区"), ("13", "府中市")] {
        let mut b = posting_body();
        b["workplace"]["prefecture_code"] = json!(pref);
        b["workplace"]["municipality"] = json!(m);
        let (s, body) = json_of(app.post("/api/v1/postings", Some(&facility), &b).await).await;
        assert_eq!(s, 201, "{body}");
    }
    let mut masked = posting_body();
    masked["mask_requested"] = json!(true);
    masked["workplace"]["street_address"] = json!("SENTINEL-NEAR-STREET");
    let (s, m) = json_of(app.post("/api/v1/postings", Some(&facility), &masked).await).await;
    assert_eq!(s, 201, "{m}");
    let masked_id = m["id"].as_i64().unwrap();
    let enc = |s: &str| s.bytes().map(|b| format!("%{b:02X}")).collect::<String>();
    let places = |body: &Value| -> Vec<String> {
        body["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["workplace"]["municipality"].as_str().unwrap().to_string())
            .collect()
    };

    let near = search(
        &app,
        &format!("near={}&radius_km=40&sort=distance", enc("千代田区")),
    )
    .await;
    assert_eq!(near["total"], 6, "{near}");
    assert_eq!(
        places(&near),
        vec![
            "千代田区",
            "千代田区",
            "千代田区",
            "千代田区",
            "府中市",
            "横浜市中区"
        ],
        "nearest first"
    );
    assert_eq!(near["near"]["origin"], "東京都千代田区");
    assert_eq!(near["near"]["radius_km"], 40);
    let km: std::collections::HashMap<i64, i64> = near["near"]["distances"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| (d["id"].as_i64().unwrap(), d["km"].as_i64().unwrap()))
        .collect();
    assert_eq!(km.len(), 6);
    assert_eq!(
        km[&masked_id], 0,
        "a masked posting is as far as its municipality"
    );
    let yokohama = near["items"][5]["id"].as_i64().unwrap();
    assert!((20..40).contains(&km[&yokohama]), "{km:?}");
    assert!(!near.to_string().contains("SENTINEL-NEAR-STREET"));

    // A smaller radius leaves Yokohama out; the default radius is 30 km.
    let close = search(&app, &format!("near={}&radius_km=10", enc("千代田区"))).await;
    assert_eq!(close["total"], 4);
    let default = search(&app, &format!("near={}", enc("東京都千代田区"))).await;
    assert_eq!(default["near"]["radius_km"], 30);
    // A ward of a designated city is at its city.
    let osaka = search(&app, &format!("near={}", enc("大阪市北区"))).await;
    assert_eq!(places(&osaka), vec!["大阪市北区"], "{osaka}");
    assert_eq!(osaka["near"]["origin"], "大阪府大阪市");

    // 府中市 is in Tokyo and in Hiroshima: the prefecture settles it.
    let (s, e) = json_of(
        app.get(&format!("/api/v1/postings?near={}", enc("府中市")), None)
            .await,
    )
    .await;
    assert_eq!(s, 422, "{e}");
    assert_eq!(e["error"]["fields"][0]["code"], "ambiguous_place");
    assert!(e.to_string().contains("広島県府中市"), "{e}");
    let fuchu = search(
        &app,
        &format!("near={}&prefecture=13&radius_km=5", enc("府中市")),
    )
    .await;
    assert_eq!(places(&fuchu), vec!["府中市"]);
    let (s, e) = json_of(
        app.get(
            &format!("/api/v1/postings?near={}", enc("どこでもない市")),
            None,
        )
        .await,
    )
    .await;
    assert_eq!(s, 422);
    assert_eq!(error_fields(&e), vec!["near"]);
    let (s, _) = json_of(
        app.get(
            &format!("/api/v1/postings?near={}&radius_km=500", enc("千代田区")),
            None,
        )
        .await,
    )
    .await;
    assert_eq!(s, 422);
}

/// Keyword search finds substrings — Japanese, mixed case, LIKE's wildcards and quotes taken
/// literally — through FTS5 trigram on SQLite and pg_trgm on PostgreSQL. This same test runs
/// on both backends against the same expected IDs, so both give the same answers; an edit
/// is found at once (the index moves in the writing transaction).
#[tokio::test]
async fn keywords_find_the_same_postings_on_both_databases() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let notes = [
        "夜勤専従スタッフ募集 ICU経験者歓迎",
        "日勤のみ icu不問",
        "50%オフ_の食堂あり",
        "引用\"符\"テスト",
        "病棟勤務",
    ];
    let mut made = vec![];
    let mut facility = None;
    for n in notes {
        let mut b = posting_body();
        b["notes"] = json!(n);
        b["duties"] = json!({"codes": ["health_center"]});
        b["workplace"]["facility_type"] = json!("health_center");
        let id = match &facility {
            None => {
                let (f, p) = app.facility_with_posting(&admin, "G-KW", b).await;
                facility = Some(f);
                p["id"].as_i64().unwrap()
            }
            Some(f) => {
                let (s, p) = json_of(app.post("/api/v1/postings", Some(f), &b).await).await;
                assert_eq!(s, 201, "{p}");
                p["id"].as_i64().unwrap()
            }
        };
        made.push(id);
    }
    let facility = facility.unwrap();
    let enc = |s: &str| s.bytes().map(|b| format!("%{b:02X}")).collect::<String>();
    let found = |q: &'static str| {
        let app = &app;
        async move {
            let mut v = ids(&search(app, &format!("q={}&per_page=100", enc(q))).await);
            v.sort();
            v
        }
    };
    let (a, b, c, d, e) = (made[0], made[1], made[2], made[3], made[4]);
    for (q, want) in [
        ("夜勤専従", vec![a]),
        ("ICU", vec![a, b]),
        ("icu経験", vec![a]),
        ("スタッフ募集", vec![a]),
        ("%オフ", vec![c]),
        ("_の", vec![c]),
        ("0%オ", vec![c]),
        ("\"符\"", vec![d]),
        ("病棟", vec![e]),
        ("歓迎 食堂", vec![]),
        ("専従 icu", vec![a]),
        ("存在しない語", vec![]),
    ] {
        assert_eq!(found(q).await, want, "q={q}");
    }
    // An edit is searchable at once; a closed posting is not found.
    let (_, current) = json_of(
        app.get(&format!("/api/v1/postings/{b}"), Some(&facility))
            .await,
    )
    .await;
    let mut edit = posting_body();
    edit["notes"] = json!("日勤のみ 夜勤専従も可");
    edit["duties"] = json!({"codes": ["health_center"]});
    edit["workplace"]["facility_type"] = json!("health_center");
    edit["version"] = current["version"].clone();
    let (s, body) = json_of(
        app.put(&format!("/api/v1/postings/{b}"), Some(&facility), &edit)
            .await,
    )
    .await;
    assert_eq!(s, 200, "{body}");
    assert_eq!(found("夜勤専従").await, vec![a, b]);
    assert_eq!(found("icu").await, vec![a], "the old text is still indexed");
    let (s, body) = json_of(
        app.post(
            &format!("/api/v1/postings/{a}/close"),
            Some(&facility),
            &json!({"reason": "filled"}),
        )
        .await,
    )
    .await;
    assert_eq!(s, 200, "{body}");
    assert_eq!(found("夜勤専従").await, vec![b]);
}

/// A keyword in many postings is matched by walking the sort order's index
/// on SQLite rather than through the trigram index: every page, in every sort, must be the
/// one the plain rule gives (open postings whose public text contains the term, in the sort's
/// order), on both backends.
#[tokio::test]
async fn a_keyword_in_many_postings_pages_like_a_rare_one() {
    let app = TestApp::spawn().await;
    let n = 8_000;
    app.with_db(move |c| keynet::seed::seed_demo(c, n, false).expect("seed"))
        .await;
    let rows = app
        .with_db(move |c| {
            let ids: Vec<i64> = (1..=n as i64).collect();
            keynet::db::postings::find_many(c, &ids).expect("rows")
        })
        .await;
    let term = "外来業務";
    let mut matching: Vec<_> = rows
        .values()
        .filter(|r| r.status == "open" && r.public_search_text.contains(term))
        .collect();
    assert!(
        matching.len() >= 5_000,
        "{} matches: too few to walk",
        matching.len()
    );
    let enc: String = term.bytes().map(|b| format!("%{b:02X}")).collect();
    for (sort, page) in [
        ("newest", 1),
        ("newest", 3),
        ("start_date", 2),
        ("wage_desc", 1),
    ] {
        matching.sort_by(|a, b| match sort {
            "start_date" => a.start_date.cmp(&b.start_date).then(b.id.cmp(&a.id)),
            "wage_desc" => b
                .wage_amount_yen
                .cmp(&a.wage_amount_yen)
                .then(b.id.cmp(&a.id)),
            _ => b.created_at.cmp(&a.created_at).then(b.id.cmp(&a.id)),
        });
        let want: Vec<i64> = matching
            .iter()
            .skip((page - 1) * 20)
            .take(20)
            .map(|r| r.id)
            .collect();
        let body = search(
            &app,
            &format!("q={enc}&sort={sort}&page={page}&per_page=20"),
        )
        .await;
        assert_eq!(body["total"], matching.len() as i64, "sort={sort}");
        assert_eq!(ids(&body), want, "sort={sort} page={page}");
    }
}
