//! The OpenAPI document. Its paths are collected from the one route list
//! ([`crate::routes::api_v1`], through `utoipa-actix-web`), so a route cannot exist without
//! its spec entry; this module adds the title, security schemes and shared schemas.
//! `keynet openapi` prints it as YAML; `openapi.yaml` in the repository is that output.

use std::sync::OnceLock;
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};
use utoipa_actix_web::AppExt;

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
        components.add_security_scheme(
            "api_key",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .bearer_format("kn_…")
                    .description(Some(
                        "A partner organisation's API key (issued by an admin, shown once)",
                    ))
                    .build(),
            ),
        );
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
    components(schemas(
        crate::views::posting::PartnerPosting, crate::domain::search::Sort, crate::domain::codes::ThreadBox,
        crate::domain::posting::PostingInput, crate::handlers::partner::CsvEncoding,
    )),
    modifiers(&BearerAuth),
    tags(
        (name = "postings", description = "募集情報 — the posting form ①–⑬, search and masking"),
        (name = "auth", description = "Sign-in, tokens and account activation"),
        (name = "jobseekers", description = "Jobseeker accounts and profiles"),
        (name = "threads", description = "From contact to hire: inquiries, applications, messages, interviews, results, training reports"),
        (name = "admin", description = "Oversight: slow responders, missing training reports, the audit log"),
        (name = "organisations", description = "Partner organisations (admin): scopes, API keys, deliveries"),
        (name = "partner", description = "For partners' systems (API key): change feed, CSV, counts, webhooks"),
        (name = "reference", description = "Codes and labels"),
        (name = "system", description = "Operations"),
    )
)]
pub struct ApiDoc;

/// The whole document: [`ApiDoc`] with every path the route list registers. Built once.
pub fn document() -> &'static utoipa::openapi::OpenApi {
    static DOC: OnceLock<utoipa::openapi::OpenApi> = OnceLock::new();
    DOC.get_or_init(|| {
        let (_, mut doc) = actix_web::App::new()
            .into_utoipa_app()
            .openapi(ApiDoc::openapi())
            .configure(crate::routes::api_v1)
            .split_for_parts();
        LinkOperationIds.modify(&mut doc);
        doc
    })
}

/// The document as committed in `openapi.yaml`.
pub fn yaml() -> String {
    document()
        .to_yaml()
        .unwrap_or_else(|e| format!("# cannot render: {e}\n"))
}

/// The document as JSON (what `/api/openapi.json` serves).
pub fn json() -> String {
    document().to_json().unwrap_or_default()
}
