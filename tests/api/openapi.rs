//! `openapi.yaml` is generated from the code; this fails when the committed file drifts.

use std::path::Path;

#[test]
fn committed_openapi_yaml_matches_the_code() {
    let generated = keynet::openapi::yaml();
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../openapi.yaml");
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    if committed != generated {
        if std::env::var("KEYNET_UPDATE_OPENAPI").is_ok() {
            std::fs::write(&path, &generated).expect("write openapi.yaml");
        } else {
            panic!("openapi.yaml is stale: run `make openapi` and commit it");
        }
    }
}

#[test]
fn every_operation_documents_errors_and_security() {
    let spec: serde_json::Value = serde_json::from_str(&keynet::openapi::json()).unwrap();
    let public = [
        "get_health",
        "get_liveness",
        "get_readiness",
        "list_occupations",
        "list_prefectures",
        "list_facility_types",
        "list_duties",
        "list_wage_units",
        "list_insurance",
        "list_other_listings",
        "create_session",
        "refresh_session",
        "delete_session",
        "activate_account",
        "create_password_reset",
        "confirm_password_reset",
        "create_jobseeker",
        "list_training_items",
        "list_training_materials",
        "list_desks",
        "decline_referral",
        "confirm_email",
        "unsubscribe_alert",
    ];
    for (path, item) in spec["paths"].as_object().unwrap() {
        for (method, op) in item.as_object().unwrap() {
            let id = op["operationId"].as_str().unwrap_or_default();
            let codes: Vec<&String> = op["responses"].as_object().unwrap().keys().collect();
            if !id.starts_with("get_health")
                && !["get_liveness", "get_readiness"].contains(&id)
                && !id.starts_with("list_")
                || id == "list_posting_history"
                || id == "list_own_postings"
            {
                assert!(
                    codes.iter().any(|c| c.starts_with('4')),
                    "{method} {path} documents no 4xx"
                );
            }
            if !public.contains(&id) {
                assert!(
                    op["security"].is_array(),
                    "{method} {path} ({id}) has no security"
                );
            }
        }
    }
}
