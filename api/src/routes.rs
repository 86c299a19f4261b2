//! The one place where paths are wired, and the one list of routes: the OpenAPI document is
//! collected from it (`utoipa-actix-web`), so every route registered here is in the spec.

use crate::handlers::{admin, auth, jobseekers, postings, reference, system, threads};
use utoipa_actix_web::{scope, service_config::ServiceConfig};

pub fn api_v1(cfg: &mut ServiceConfig) {
    cfg.service(
        scope("/api/v1")
            .service(system::get_health)
            .service(system::get_liveness)
            .service(system::get_readiness)
            .service(auth::create_session)
            .service(auth::refresh_session)
            .service(auth::delete_session)
            .service(auth::activate_account)
            .service(auth::get_me)
            .service(jobseekers::create_jobseeker)
            .service(jobseekers::get_jobseeker_me)
            .service(jobseekers::update_jobseeker_me)
            .service(jobseekers::delete_jobseeker_me)
            .service(postings::create_posting)
            .service(postings::search_postings)
            .service(postings::get_posting)
            .service(postings::update_posting)
            .service(postings::close_posting)
            .service(postings::list_posting_history)
            .service(postings::list_own_postings)
            .service(threads::create_inquiry)
            .service(threads::create_application)
            .service(threads::list_threads)
            .service(threads::get_thread)
            .service(threads::create_message)
            .service(threads::update_thread_stage)
            .service(threads::create_interview)
            .service(threads::respond_interview)
            .service(threads::create_decision)
            .service(threads::create_training_report)
            .service(admin::list_slow_responses)
            .service(admin::list_missing_training_reports)
            .service(admin::list_audit_log)
            .service(admin::create_facility_activation)
            .service(reference::list_occupations)
            .service(reference::list_prefectures)
            .service(reference::list_facility_types)
            .service(reference::list_duties)
            .service(reference::list_wage_units)
            .service(reference::list_insurance)
            .service(reference::list_other_listings)
            .service(reference::list_training_items)
            .service(reference::list_training_materials),
    );
}
