//! The OpenAPI document: every route, its security and its error responses.
//! `keynet openapi` prints it as YAML; `openapi.yaml` in the repository is that output.

use crate::handlers::{admin, auth, jobseekers, postings, reference, system, threads};
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};

struct BearerAuth;

impl Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .bearer_format("JWT")
                    .build(),
            ),
        );
    }
}

/// Handlers are mounted under `/api/v1` (see `routes.rs`); their paths say so here too.
struct ApiPrefix;

impl Modify for ApiPrefix {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let paths = std::mem::take(&mut openapi.paths.paths);
        openapi.paths.paths = paths
            .into_iter()
            .map(|(path, item)| (format!("/api/v1{path}"), item))
            .collect();
    }
}

/// utoipa 5 writes a link's `operationId` as `operation_id`; move it where OpenAPI reads it.
struct LinkOperationIds;

impl Modify for LinkOperationIds {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        for item in openapi.paths.paths.values_mut() {
            let ops = [
                &mut item.get,
                &mut item.put,
                &mut item.post,
                &mut item.delete,
                &mut item.patch,
            ];
            for op in ops.into_iter().flatten() {
                for response in op.responses.responses.values_mut() {
                    let utoipa::openapi::RefOr::T(response) = response else {
                        continue;
                    };
                    for link in response.links.values_mut() {
                        let utoipa::openapi::RefOr::T(link) = link else {
                            continue;
                        };
                        let id = std::mem::take(&mut link.operation_id);
                        if !id.is_empty() {
                            link.extensions
                                .get_or_insert_with(Default::default)
                                .insert("operationId".into(), id.into());
                        }
                    }
                }
            }
        }
    }
}

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Key-Net API",
        description = "医療のお仕事 Key-Net: urgent medical staffing. Errors share one shape \
                       (`ErrorBody`); messages are Japanese, or English with `Accept-Language: en`.",
        version = "1.0.0"
    ),
    servers((url = "/")),
    paths(
        system::get_health, system::get_liveness, system::get_readiness,
        auth::create_session, auth::refresh_session, auth::delete_session, auth::activate_account, auth::get_me,
        jobseekers::create_jobseeker, jobseekers::get_jobseeker_me, jobseekers::update_jobseeker_me,
        jobseekers::delete_jobseeker_me,
        postings::create_posting, postings::search_postings, postings::get_posting, postings::update_posting,
        postings::close_posting, postings::list_posting_history, postings::list_own_postings,
        threads::create_inquiry, threads::create_application, threads::list_threads, threads::get_thread,
        threads::create_message, threads::update_thread_stage, threads::create_interview, threads::respond_interview,
        threads::create_decision, threads::create_training_report,
        admin::list_slow_responses, admin::list_missing_training_reports, admin::list_audit_log,
        admin::create_facility_activation,
        reference::list_occupations, reference::list_prefectures, reference::list_facility_types,
        reference::list_duties, reference::list_wage_units, reference::list_insurance, reference::list_other_listings,
        reference::list_training_items, reference::list_training_materials,
    ),
    components(schemas(
        crate::views::posting::PartnerPosting, crate::domain::search::Sort, crate::domain::codes::ThreadBox,
        crate::domain::posting::PostingInput,
    )),
    modifiers(&BearerAuth, &ApiPrefix, &LinkOperationIds),
    tags(
        (name = "postings", description = "募集情報 — the posting form ①–⑬, search and masking"),
        (name = "auth", description = "Sign-in, tokens and account activation"),
        (name = "jobseekers", description = "Jobseeker accounts and profiles"),
        (name = "threads", description = "From contact to hire: inquiries, applications, messages, interviews, results, training reports"),
        (name = "admin", description = "Oversight: slow responders, missing training reports, the audit log"),
        (name = "reference", description = "Codes and labels"),
        (name = "system", description = "Operations"),
    )
)]
pub struct ApiDoc;

/// The document as committed in `openapi.yaml`.
pub fn yaml() -> String {
    ApiDoc::openapi()
        .to_yaml()
        .unwrap_or_else(|e| format!("# cannot render: {e}\n"))
}

/// The document as JSON (what `/api/openapi.json` serves).
pub fn json() -> String {
    ApiDoc::openapi().to_json().unwrap_or_default()
}
