//! Intake from an upstream system (G-MIS in the notice, SPEC 9): postings registered and
//! updated by the system's own reference, with an API key of an `upstream` organisation.

use crate::auth::partner::PartnerCaller;
use crate::domain::codes::OrganisationKind;
use crate::domain::posting::PostingForm;
use crate::error::{ApiError, AppResult, ErrorBody};
use crate::extract::ValidJson;
use crate::flows::{self, Intake};
use crate::handlers::postings::{parse_facility, split_body, IntakePostingRequest};
use crate::i18n::Msg;
use crate::state::AppState;
use actix_web::{http::header, put, web, HttpResponse};
use sha2::{Digest, Sha256};

/// The body with its object keys sorted, so that the same posting sent with keys in
/// another order is recognised as unchanged.
fn canonical(v: &serde_json::Value) -> String {
    match v {
        serde_json::Value::Object(m) => {
            let mut keys: Vec<&String> = m.keys().collect();
            keys.sort();
            let inner: Vec<String> = keys
                .into_iter()
                .map(|k| {
                    format!(
                        "{}:{}",
                        serde_json::Value::String(k.clone()),
                        canonical(&m[k])
                    )
                })
                .collect();
            format!("{{{}}}", inner.join(","))
        }
        serde_json::Value::Array(a) => {
            format!(
                "[{}]",
                a.iter().map(canonical).collect::<Vec<_>>().join(",")
            )
        }
        other => other.to_string(),
    }
}

/// Register or update a posting by the upstream system's reference. The body is the admin
/// posting body of `POST /postings` (the form with its `facility` block). The first call
/// creates the posting (and the facility with its account, as for a fax) → 201; the same
/// call again → 200 and nothing changes; a changed body edits the posting → 200. The
/// posting's history says it came by intake.
#[utoipa::path(
    tag = "partner",
    params(("external_ref" = String, Path, pattern = "^[A-Za-z0-9._-]{1,100}$", description = "The upstream system's own reference")),
    request_body = IntakePostingRequest,
    security(("api_key" = []), ("bearer" = [])),
    responses(
        (status = 201, description = "Created; `Location` is the posting", body = crate::views::posting::FullPosting,
            headers(("Location" = String, description = "`/api/v1/postings/{id}`"))),
        (status = 200, description = "Updated, or unchanged", body = crate::views::posting::FullPosting),
        (status = 400, description = "Not JSON, an unknown field or a wrong type", body = ErrorBody),
        (status = 401, description = "No valid API key", body = ErrorBody),
        (status = 403, description = "Not an upstream organisation", body = ErrorBody),
        (status = 409, description = "The posting is closed; the reference belongs to another facility; a facility ID with another name (`facility_mismatch`); the same reference sent twice at once", body = ErrorBody),
        (status = 413, description = "Body too large", body = ErrorBody),
        (status = 422, description = "A field breaks its rule (as for `POST /postings`), `facility` missing, or a malformed reference", body = ErrorBody),
        (status = 429, description = "Too many requests with this key", body = ErrorBody),
    )
)]
#[put("/intake/postings/{external_ref}")]
pub async fn put_intake_posting(
    state: web::Data<AppState>,
    partner: PartnerCaller,
    external_ref: web::Path<String>,
    body: ValidJson<serde_json::Value>,
) -> AppResult<HttpResponse> {
    if partner.organisation.kind() != Some(OrganisationKind::Upstream) {
        return Err(ApiError::Forbidden(Msg::new(
            "連携システムとして登録された組織だけが募集を送信できます。",
            "Only upstream-system organisations send postings.",
        )));
    }
    let external_ref = external_ref.into_inner();
    let ok = (1..=100).contains(&external_ref.len())
        && external_ref
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'));
    if !ok {
        return Err(ApiError::field(
            "external_ref",
            "invalid_reference",
            Msg::new(
                "参照番号は半角英数字と . _ - の100文字以内です。",
                "A reference is up to 100 ASCII letters, digits, '.', '_' or '-'.",
            ),
        ));
    }
    let hash = hex::encode(Sha256::digest(canonical(&body.0).as_bytes()));
    let (input, facility) = split_body(body.0, "facility")?;
    let facility = parse_facility(facility.ok_or_else(|| {
        ApiError::field(
            "facility",
            "required",
            Msg::new("医療機関の情報が必要です。", "Give the facility."),
        )
    })?)?;
    let form = PostingForm::parse(&input).map_err(ApiError::Validation)?;
    let org = partner.organisation;
    let done = state
        .db
        .write(move |c| flows::intake_posting(c, &org, &external_ref, &hash, facility, &form))
        .await?;
    Ok(match done {
        Intake::Created(v) => HttpResponse::Created()
            .insert_header((
                header::LOCATION,
                format!("/api/v1/postings/{}", v.common.id),
            ))
            .json(v),
        Intake::Updated(v) | Intake::Unchanged(v) => HttpResponse::Ok().json(v),
    })
}
