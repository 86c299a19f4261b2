//! The admins' facility directory: find, see, correct (with history).

use crate::auth::AuthUser;
use crate::db::facilities::{self, Correction, DirectoryRow, Filter, Standing};
use crate::db::{audit, changes};
use crate::domain::codes::{Occupation, PostingStatus};
use crate::domain::posting::Errors;
use crate::domain::prefecture::Prefecture;
use crate::domain::schema;
use crate::error::{ApiError, AppResult, ErrorBody};
use crate::i18n::Msg;
use crate::state::AppState;
use crate::views::posting::utc;
use actix_web::{get, put, web};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use utoipa::{IntoParams, ToSchema};

/// The directory shows 50 facilities a page.
const PER_PAGE: i64 = 50;

#[derive(Serialize, ToSchema)]
pub struct FacilityEntry {
    pub id: i64,
    /// The facility ID (G-MIS ID), which is also its login ID.
    pub gmis_id: String,
    pub name: String,
    pub prefecture_code: String,
    pub email: String,
    pub status: Standing,
    pub open_postings: i64,
    pub last_posted_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
}

impl From<DirectoryRow> for FacilityEntry {
    fn from(r: DirectoryRow) -> FacilityEntry {
        let f = r.facility;
        FacilityEntry {
            id: f.id,
            gmis_id: f.gmis_id,
            name: f.name,
            prefecture_code: f.prefecture_code,
            email: f.email,
            status: r.standing,
            open_postings: r.open_postings,
            last_posted_at: f.last_posted_at.map(utc),
            created_at: utc(f.created_at),
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct FacilityPage {
    pub items: Vec<FacilityEntry>,
    pub total: i64,
    pub page: i64,
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct FacilityParams {
    /// The facility ID exactly, or part of the name.
    #[param(max_length = 100)]
    pub q: Option<String>,
    /// JIS X 0401 code (`13`).
    #[param(pattern = "^(0[1-9]|[1-3][0-9]|4[0-7])$")]
    pub prefecture: Option<String>,
    #[param(inline, value_type = Option<Standing>)]
    pub status: Option<String>,
    /// 1-based page number.
    #[param(minimum = 1, maximum = 100_000)]
    pub page: Option<i64>,
}

fn not_allowed(field: &str) -> ApiError {
    ApiError::field(
        field,
        "unknown_code",
        Msg::new("選択肢にない値です。", "Not one of the allowed values."),
    )
}

/// Facilities by name, filtered by ID or name, prefecture and status.
#[utoipa::path(
    tag = "admin", params(FacilityParams), security(("bearer" = [])),
    responses(
        (status = 200, body = FacilityPage),
        (status = 400, description = "A parameter given twice or of the wrong type", body = ErrorBody),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not an admin", body = ErrorBody),
        (status = 422, description = "An unknown prefecture or status, a too long `q`, `page` out of range", body = ErrorBody),
    )
)]
#[get("/admin/facilities")]
pub async fn list_facilities(
    state: web::Data<AppState>,
    user: AuthUser,
    params: web::Query<FacilityParams>,
) -> AppResult<web::Json<FacilityPage>> {
    user.ensure_admin()?;
    let p = params.into_inner();
    let page = super::admin::page_number(p.page)?;
    let mut e = Errors::default();
    let q = e.optional_text("q", p.q.as_deref(), 100);
    if !e.0.is_empty() {
        return Err(ApiError::Validation(e.0));
    }
    let filter = Filter {
        q,
        prefecture_code: match p.prefecture {
            Some(code) => Some(
                Prefecture::parse(&code)
                    .ok_or_else(|| not_allowed("prefecture"))?
                    .code()
                    .to_string(),
            ),
            None => None,
        },
        standing: match p.status {
            Some(s) => Some(Standing::parse(&s).ok_or_else(|| not_allowed("status"))?),
            None => None,
        },
    };
    let (rows, total) = state
        .db
        .run(move |c| facilities::search(c, &filter, page, PER_PAGE))
        .await?;
    Ok(web::Json(FacilityPage {
        items: rows.into_iter().map(FacilityEntry::from).collect(),
        total,
        page,
    }))
}

/// One entry of a facility's history.
#[derive(Serialize, ToSchema)]
pub struct FacilityEvent {
    pub at: DateTime<Utc>,
    /// `facility.corrected`, `facility.rested` or `facility.reactivated`.
    pub kind: String,
    /// The admin who made a correction, by e-mail address.
    pub by: Option<String>,
    pub reason: Option<String>,
    /// Corrected fields: `{"name": {"old": …, "new": …}}`.
    #[schema(value_type = Object)]
    pub fields: Option<Value>,
}

#[derive(Serialize, ToSchema)]
pub struct FacilityDetail {
    #[serde(flatten)]
    pub facility: FacilityEntry,
    /// Its open postings, newest first (to edit or suspend).
    pub postings: Vec<OpenPosting>,
    pub history: Vec<FacilityEvent>,
}

/// An open posting of the facility, as the directory lists it.
#[derive(Serialize, ToSchema)]
pub struct OpenPosting {
    pub id: i64,
    pub occupation: Occupation,
    pub prefecture_code: String,
    pub municipality: String,
    pub published_at: DateTime<Utc>,
}

fn detail(c: &mut crate::db::DbConn, id: i64) -> AppResult<FacilityDetail> {
    let row = facilities::find(c, id)?;
    let events = facilities::history(c, id)?;
    let admins: Vec<i64> = events
        .iter()
        .filter_map(|e| e.data().get("by").and_then(Value::as_i64))
        .collect();
    let names = audit::names(c, &admins)?;
    let postings = crate::db::postings::list_for_facility(c, id, Some(PostingStatus::Open))?
        .into_iter()
        .map(|p| {
            Ok(OpenPosting {
                id: p.id,
                occupation: Occupation::parse(&p.occupation).ok_or_else(|| {
                    crate::error::ApiError::internal(format!("posting {} occupation", p.id))
                })?,
                prefecture_code: p.prefecture_code.clone(),
                municipality: p.municipality.clone(),
                published_at: utc(p.created_at),
            })
        })
        .collect::<AppResult<Vec<_>>>()?;
    Ok(FacilityDetail {
        facility: row.into(),
        postings,
        history: events
            .iter()
            .map(|e: &changes::ChangeRow| {
                let d = e.data();
                FacilityEvent {
                    at: utc(e.occurred_at),
                    kind: e.kind.clone(),
                    by: d
                        .get("by")
                        .and_then(Value::as_i64)
                        .and_then(|b| names.get(&b).cloned()),
                    reason: d.get("reason").and_then(Value::as_str).map(str::to_string),
                    fields: d.get("fields").cloned(),
                }
            })
            .collect(),
    })
}

/// A facility with its history.
#[utoipa::path(
    tag = "admin", params(("id" = i64, Path, minimum = 1, description = "facility id")), security(("bearer" = [])),
    responses(
        (status = 200, body = FacilityDetail),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not an admin", body = ErrorBody),
        (status = 404, description = "No such facility", body = ErrorBody),
    )
)]
#[get("/admin/facilities/{id}")]
pub async fn get_facility(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<i64>,
) -> AppResult<web::Json<FacilityDetail>> {
    user.ensure_admin()?;
    let id = id.into_inner();
    Ok(web::Json(state.db.run(move |c| detail(c, id)).await?))
}

/// A correction of a facility's name or contact address; unchanged values are not changes.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct FacilityCorrection {
    #[schema(schema_with = schema::text::<100>)]
    pub name: String,
    /// The contact address; the management account's mail goes there from now on.
    #[schema(schema_with = schema::email)]
    pub email: String,
    /// Why (kept in the history and told to the facility).
    #[schema(schema_with = schema::text::<500>)]
    pub reason: String,
}

/// Correct a facility's name or contact address. The facility is told at the old and new
/// address; partners' feeds carry the new name on its open postings.
#[utoipa::path(
    tag = "admin", params(("id" = i64, Path, minimum = 1, description = "facility id")), security(("bearer" = [])),
    request_body = FacilityCorrection,
    responses(
        (status = 200, body = FacilityDetail),
        (status = 400, description = "Not JSON, or an unknown field", body = ErrorBody),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not an admin", body = ErrorBody),
        (status = 404, description = "No such facility", body = ErrorBody),
        (status = 422, description = "A field breaks a rule; the address is another account's login ID", body = ErrorBody),
    )
)]
#[put("/admin/facilities/{id}")]
pub async fn update_facility(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<i64>,
    body: web::Json<FacilityCorrection>,
) -> AppResult<web::Json<FacilityDetail>> {
    user.ensure_admin()?;
    let id = id.into_inner();
    let mut e = Errors::default();
    let name = e.text("name", Some(&body.name), 100);
    let email = e.email("email", Some(&body.email));
    let reason = e.text("reason", Some(&body.reason), 500);
    let correction = match (name, email, reason) {
        (Some(name), Some(email), Some(reason)) if e.0.is_empty() => Correction {
            name: Some(name),
            email: Some(email),
            reason,
        },
        _ => return Err(ApiError::Validation(e.0)),
    };
    let by = user.account_id;
    state
        .db
        .write_by(&user, move |c| facilities::correct(c, id, by, &correction))
        .await?;
    // Read after the commit, which is when the change reaches the log.
    let out = state.db.run(move |c| detail(c, id)).await?;
    Ok(web::Json(out))
}
