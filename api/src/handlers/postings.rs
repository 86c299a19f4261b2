//! Postings: register (by a facility, or by an admin on a facility's behalf), search,
//! read, edit, close, history, and a facility's own list.

use crate::auth::policy::RegistersFor;
use crate::auth::{AuthUser, MaybeUser};
use crate::db::accounts::{self, FacilityRow, NewFacility};
use crate::db::postings::{self as q, PageItem, PostingCore, PostingRow};
use crate::db::threads;
use crate::db::{write_tx_by, Actor};
use crate::domain::codes::{CloseReason, CloseRequestReason, Occupation, PostingStatus, Role};
use crate::domain::posting::{
    posting_form, CodesInput, ContactInput, DutiesInput, Errors, HoursInput, InsuranceInput,
    OtherListingsInput, PeriodInput, PostingForm, PostingInput, WageInput, WorkplaceInput,
};
use crate::domain::schema;
use crate::domain::search::{SearchParams, SearchQuery};
use crate::error::{ApiError, AppResult, ErrorBody};
use crate::extract::{from_value, ValidJson};
use crate::flows::{self, Registrant};
use crate::i18n::{Lang, Msg};
use crate::state::AppState;
use crate::views::posting::{
    Facets, FavouriteList, FullPosting, HistoryEntry, HistoryResponse, JobseekerPosting,
    NearResult, OwnPostingsResponse, PostingDistance, PostingJson, PostingThreadCounts,
    PostingView, RenderedPublicViews, SearchResponse,
};
use actix_web::{delete, get, http::header, post, put, web, HttpRequest, HttpResponse};
use serde::Deserialize;
use std::collections::HashMap;
use utoipa::ToSchema;

/// The facility an admin registers a posting for (the fax path).
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct FacilityInput {
    /// G-MIS ID: 1–20 ASCII letters, digits or hyphens.
    #[schema(schema_with = schema::gmis_id, required = true)]
    pub gmis_id: Option<String>,
    #[schema(schema_with = schema::text::<100>, required = true)]
    pub name: Option<String>,
    #[schema(schema_with = schema::required_prefecture_code, required = true)]
    pub prefecture_code: Option<String>,
    /// Where the activation mail goes.
    #[schema(schema_with = schema::email, required = true)]
    pub email: Option<String>,
}

posting_form! {
    /// `POST /api/v1/postings`: the form, plus `facility` when an admin registers on behalf of
    /// one. An admin must give `facility` (422 `required`); a facility account may not
    /// (403). Documents the body; the handler reads it as [`PostingInput`] and `facility`.
    #[allow(dead_code)]
    CreatePostingRequest {
        /// Admins only, and required for them.
        facility: Option<FacilityInput>,
    }
}

posting_form! {
    /// `PUT /api/v1/intake/postings/{external_ref}`: the form with its `facility`, as an admin
    /// sends it here. Documents the body; the intake handler reads it as the form and
    /// `facility`.
    #[allow(dead_code)]
    IntakePostingRequest {
        /// The facility the posting is for (created with its account when new); required.
        #[schema(required = true, value_type = FacilityInput)]
        facility: Option<FacilityInput>,
    }
}

posting_form! {
    /// `PUT /api/v1/postings/{id}`: the whole form again, with the version it was read at.
    #[allow(dead_code)]
    UpdatePostingRequest {
        /// The `version` of the posting this edit starts from (409 when it is not the
        /// current one).
        #[schema(minimum = 1, maximum = 2_147_483_647)]
        version: i32,
    }
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ClosePostingRequest {
    /// `filled` or `withdrawn`; admins may also use `suspended` (403 for anyone else).
    #[schema(value_type = CloseRequestReason)]
    pub reason: String,
    /// Why an admin suspends the posting: required with `suspended`, mailed to the facility
    /// and kept in the posting's history (never sent to partners).
    #[serde(default)]
    #[schema(schema_with = crate::domain::schema::optional_text::<500>)]
    pub note: Option<String>,
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct OwnPostingsParams {
    /// `open` or `closed`; both when absent.
    pub status: Option<PostingStatus>,
}

/// Splits the top-level keys `extra` off a JSON object and parses the rest as the form.
pub(crate) fn split_body(
    value: serde_json::Value,
    extra: &str,
) -> AppResult<(PostingInput, Option<serde_json::Value>)> {
    let serde_json::Value::Object(mut map) = value else {
        return Err(ApiError::BadRequest(vec![crate::error::FieldError::new(
            "",
            "invalid_type",
            Msg::new("JSONオブジェクトを送ってください。", "Send a JSON object."),
        )]));
    };
    // `null` means absent, as for every optional field.
    let taken = map.remove(extra).filter(|v| !v.is_null());
    Ok((from_value(serde_json::Value::Object(map))?, taken))
}

pub(crate) fn parse_facility(value: serde_json::Value) -> AppResult<NewFacility> {
    let input: FacilityInput = from_value(value).map_err(|e| match e {
        ApiError::BadRequest(mut f) => {
            for x in &mut f {
                x.field = format!("facility.{}", x.field);
            }
            ApiError::BadRequest(f)
        }
        other => other,
    })?;
    let mut e = Errors::default();
    let gmis_id = e
        .text("facility.gmis_id", input.gmis_id.as_deref(), 20)
        .map(|g| crate::domain::text::fold_width(&g));
    if let Some(g) = &gmis_id {
        if !g.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
            e.push(
                "facility.gmis_id",
                "invalid_gmis_id",
                Msg::new(
                    "医療機関IDは半角英数字とハイフン（20文字以内）です。",
                    "Facility IDs are up to 20 ASCII letters, digits or hyphens.",
                ),
            );
        }
    }
    let name = e.text("facility.name", input.name.as_deref(), 100);
    let prefecture = e.prefecture("facility.prefecture_code", input.prefecture_code.as_deref());
    let email = e.email("facility.email", input.email.as_deref());
    match (gmis_id, name, prefecture, email) {
        (Some(gmis_id), Some(name), Some(p), Some(email)) if e.0.is_empty() => Ok(NewFacility {
            gmis_id,
            name,
            prefecture_code: p.code().to_string(),
            email,
        }),
        _ => Err(ApiError::Validation(e.0)),
    }
}

/// Register a posting. A facility registers its own; an admin adds `facility` to register
/// for a facility that sent its form by fax (the facility and its account are created when
/// new, and the account's activation link is mailed to `facility.email`).
#[utoipa::path(
    tag = "postings", request_body = CreatePostingRequest, security(("bearer" = [])),
    responses(
        (status = 201, description = "Registered; `Location` is the posting", body = FullPosting,
            headers(("Location" = String, description = "`/api/v1/postings/{id}`")),
            links(
                ("get_posting" = (operation_id = "get_posting", parameters(("id" = "$response.body#/id")))),
                ("update_posting" = (operation_id = "update_posting", parameters(("id" = "$response.body#/id")))),
                ("close_posting" = (operation_id = "close_posting", parameters(("id" = "$response.body#/id")))),
                ("list_posting_history" = (operation_id = "list_posting_history", parameters(("id" = "$response.body#/id")))),
            )
        ),
        (status = 400, description = "Not JSON, an unknown field or a wrong type", body = ErrorBody),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not a facility or admin; a facility giving `facility`; a suspended facility", body = ErrorBody),
        (status = 409, description = "An admin named an existing facility ID with another name (`facility_mismatch`; the message shows the registered name), or a new facility's login ID is taken", body = ErrorBody),
        (status = 413, description = "Body too large", body = ErrorBody),
        (status = 422, description = "A field breaks a rule the schema cannot state: `employment_period.end` before `start`, `hours.end` equal to `start`, a wage above its unit's maximum, `other_detail` without `other` (or missing with it), or an admin without `facility`", body = ErrorBody),
    )
)]
#[post("/postings")]
pub async fn create_posting(
    state: web::Data<AppState>,
    user: AuthUser,
    body: ValidJson<serde_json::Value>,
) -> AppResult<HttpResponse> {
    let (input, facility_value) = split_body(body.0, "facility")?;
    let registrant = match (
        user.registers_for(facility_value.is_some())?,
        facility_value,
    ) {
        (RegistersFor::NamedFacility, Some(v)) => Registrant::OnBehalf(parse_facility(v)?),
        (RegistersFor::OwnFacility(id), _) => Registrant::Facility(id),
        (RegistersFor::NamedFacility, None) => return Err(ApiError::internal("no facility")),
    };
    let form = PostingForm::parse(&input).map_err(ApiError::Validation)?;
    let by = user.account_id;
    let view = state
        .db
        .write_by(&user, move |c| {
            flows::register_posting(c, registrant, &form, Some(by))
        })
        .await?;
    Ok(HttpResponse::Created()
        .insert_header((
            header::LOCATION,
            format!("/api/v1/postings/{}", view.common.id),
        ))
        .json(view))
}

/// What the caller may see of these rows beyond the public view: the facilities they
/// manage, and (for a jobseeker) the postings they contacted.
struct Access {
    facilities: HashMap<i64, FacilityRow>,
    contacted: Vec<i64>,
}

/// Loads [`Access`] for `rows`: the facilities the caller manages, the postings a jobseeker
/// contacted.
fn access<R: std::ops::Deref<Target = PostingCore>>(
    c: &mut crate::db::DbConn,
    user: &Option<AuthUser>,
    rows: &[R],
) -> AppResult<Access> {
    let ids = managed_facility_ids(user, rows);
    let facilities = if ids.is_empty() {
        vec![]
    } else {
        accounts::facilities_by_ids(c, &ids)?
    };
    let contacted = match user {
        Some(u) if u.role == Role::Jobseeker => {
            let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
            threads::contacted_postings(c, u.account_id, &ids)?
        }
        _ => vec![],
    };
    Ok(Access {
        facilities: facilities.into_iter().map(|f| (f.id, f)).collect(),
        contacted,
    })
}

/// The view of `row` for the caller; opening withheld fields (and auditing it) is left to
/// the view types, which ask `disclosure::disclose`.
fn view_for(
    c: &mut crate::db::DbConn,
    user: &Option<AuthUser>,
    row: &PostingRow,
    access: &Access,
    public_views: &RenderedPublicViews,
) -> AppResult<PostingJson> {
    match user {
        Some(u) if u.manages_facility(row.facility_id) => {
            let f = access
                .facilities
                .get(&row.facility_id)
                .ok_or_else(|| ApiError::internal("facility not loaded"))?;
            Ok(PostingJson::View(Box::new(PostingView::Full(
                FullPosting::from_row(c, row, f)?,
            ))))
        }
        Some(u) if u.role == Role::Jobseeker => Ok(PostingJson::View(Box::new(
            PostingView::Jobseeker(JobseekerPosting::from_row(
                c,
                row,
                u.account_id,
                access.contacted.contains(&row.id),
            )?),
        ))),
        _ => Ok(PostingJson::Rendered(public_views.of(c, row)?)),
    }
}

/// The facilities a caller may see in full among these rows.
fn managed_facility_ids<R: std::ops::Deref<Target = PostingCore>>(
    user: &Option<AuthUser>,
    rows: &[R],
) -> Vec<i64> {
    let mut ids: Vec<i64> = rows
        .iter()
        .filter(|r| {
            user.as_ref()
                .is_some_and(|u| u.manages_facility(r.facility_id))
        })
        .map(|r| r.facility_id)
        .collect();
    ids.sort_unstable();
    ids.dedup();
    ids
}

/// Search open postings. Everyone may call it; each item is in the view the caller may see,
/// and keywords, counts and sorting use public fields only.
#[utoipa::path(
    tag = "postings", params(SearchParams), security((), ("bearer" = [])),
    responses(
        (status = 200, body = SearchResponse),
        (status = 401, description = "An invalid or expired token (send none to search anonymously)", body = ErrorBody),
        (status = 422, description = "A parameter out of its bounds or unknown; `wage_min` without `wage_unit`; `available_to` before `available_from`", body = ErrorBody),
    )
)]
#[get("/postings")]
pub async fn search_postings(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: MaybeUser,
    lang: Lang,
) -> AppResult<web::Json<SearchResponse>> {
    let query = SearchQuery::parse(req.query_string()).map_err(ApiError::Validation)?;
    let user = user.0;
    let (page, per_page) = (query.page, query.per_page);
    let near = query.near.clone();
    let user_for_db = user.clone();
    let st = state.clone();
    let (result, items) = state
        .db
        .run(move |c| {
            // No transaction: a search must not queue behind writers. Audit rows, when a
            // jobseeker's contacted posting is shown, are single inserts.
            // Anyone's view of a posting whose public view is already rendered from an equal
            // row needs neither its document nor rendering again.
            let anonymous = user_for_db.is_none();
            let known =
                |core: &PostingCore| anonymous.then(|| st.public_views.known(core)).flatten();
            let result = q::search(c, &query, &st.facet_cache, known)?;
            let access = access(c, &user_for_db, &result.rows)?;
            let items = result
                .rows
                .iter()
                .map(|item| match item {
                    PageItem::Known(_, json) => Ok(PostingJson::Rendered(json.clone())),
                    PageItem::Whole(r) => view_for(c, &user_for_db, r, &access, &st.public_views),
                })
                .collect::<AppResult<Vec<_>>>()?;
            Ok((result, items))
        })
        .await?;
    Ok(web::Json(SearchResponse {
        items,
        total: result.total,
        page,
        per_page,
        facets: Facets::rendered(&result.facets, lang)?,
        near: near.map(|n| NearResult {
            origin: n.origin.label(),
            radius_km: n.radius_km,
            distances: result
                .rows
                .iter()
                .filter_map(|r| {
                    let place = r.place.as_deref()?;
                    let (_, km) = n.places.iter().find(|(p, _)| p.label() == place)?;
                    Some(PostingDistance {
                        id: r.id,
                        km: km.round() as i64,
                    })
                })
                .collect(),
        }),
    }))
}

/// One posting, in the view the caller may see.
#[utoipa::path(
    tag = "postings", params(("id" = i64, Path, minimum = 1)), security((), ("bearer" = [])),
    responses(
        (status = 200, body = PostingView),
        (status = 401, description = "An invalid or expired token", body = ErrorBody),
        (status = 404, description = "No such posting", body = ErrorBody),
    )
)]
#[get("/postings/{id}")]
pub async fn get_posting(
    state: web::Data<AppState>,
    user: MaybeUser,
    id: web::Path<i64>,
) -> AppResult<web::Json<PostingJson>> {
    let id = id.into_inner();
    let user = user.0;
    let u = user.clone();
    let st = state.clone();
    Ok(web::Json(
        state
            .db
            .run(move |c| {
                let row = q::find(c, id)?;
                let access = access(c, &u, std::slice::from_ref(&row))?;
                view_for(c, &user, &row, &access, &st.public_views)
            })
            .await?,
    ))
}

/// Load a posting the caller manages (owner or admin), or refuse.
fn managed(c: &mut crate::db::DbConn, user: &AuthUser, id: i64) -> AppResult<PostingRow> {
    let row = q::find(c, id)?;
    user.ensure_manages_facility(row.facility_id)?;
    Ok(row)
}

/// A posting the caller may change now: theirs (or an admin's), and their account not
/// resting.
fn changing(c: &mut crate::db::DbConn, user: &AuthUser, id: i64) -> AppResult<PostingRow> {
    let row = managed(c, user, id)?;
    if !user.is_admin() {
        flows::ensure_active_facility(c, row.facility_id)?;
    }
    Ok(row)
}

/// The `version` an edit must carry (400 when missing or not an integer).
fn edit_version(v: Option<serde_json::Value>) -> AppResult<i32> {
    let (code, msg) = match v.map(from_value::<i32>) {
        Some(Ok(version)) => return Ok(version),
        None => (
            "required",
            Msg::new("必須項目です。", "This field is required."),
        ),
        Some(Err(_)) => (
            "invalid_type",
            Msg::new(
                "値の型が正しくありません。",
                "The value has the wrong type.",
            ),
        ),
    };
    Err(ApiError::BadRequest(vec![crate::error::FieldError::new(
        "version", code, msg,
    )]))
}

/// The reason a caller may close with: admins may also suspend.
fn close_reason(user: &AuthUser, reason: &str) -> AppResult<CloseReason> {
    match CloseRequestReason::parse(reason.trim()) {
        Some(CloseRequestReason::Filled) => Ok(CloseReason::Filled),
        Some(CloseRequestReason::Withdrawn) => Ok(CloseReason::Withdrawn),
        Some(CloseRequestReason::Suspended) if user.is_admin() => Ok(CloseReason::Suspended),
        Some(CloseRequestReason::Suspended) => Err(ApiError::Forbidden(Msg::new(
            "募集の停止は管理者が行います。",
            "Only admins suspend postings.",
        ))),
        None => Err(ApiError::field(
            "reason",
            "unknown_code",
            Msg::new(
                "終了理由は filled または withdrawn です。",
                "The reason is filled or withdrawn.",
            ),
        )),
    }
}

/// Edit an open posting: send the whole form with the `version` you read.
/// A closed posting cannot be edited, and a stale version is refused (both 409).
#[utoipa::path(
    tag = "postings", params(("id" = i64, Path, minimum = 1)), request_body = UpdatePostingRequest, security(("bearer" = [])),
    responses(
        (status = 200, body = FullPosting),
        (status = 400, description = "Not JSON, an unknown field or a wrong type", body = ErrorBody),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not the posting's facility nor an admin; a suspended facility", body = ErrorBody),
        (status = 404, description = "No such posting", body = ErrorBody),
        (status = 409, description = "Closed, or edited by someone else since `version`", body = ErrorBody),
        (status = 413, description = "Body too large", body = ErrorBody),
        (status = 422, description = "A field breaks a rule the schema cannot state (see `create_posting`)", body = ErrorBody),
    )
)]
#[put("/postings/{id}")]
pub async fn update_posting(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<i64>,
    body: ValidJson<serde_json::Value>,
) -> AppResult<web::Json<FullPosting>> {
    let id = id.into_inner();
    let (input, version) = split_body(body.0, "version")?;
    let version = edit_version(version)?;
    let u = user.clone();
    state
        .db
        .run(move |c| managed(c, &u, id).map(|_| ()))
        .await?;
    let form = PostingForm::parse(&input).map_err(ApiError::Validation)?;
    Ok(web::Json(
        state
            .db
            .run(move |c| {
                write_tx_by(c, user.actor_account_id(), |c| {
                    let row = changing(c, &user, id)?;
                    let updated = q::update(c, row.id, version, &form, Some(user.account_id))?;
                    let facility = accounts::find_facility(c, updated.facility_id)?;
                    FullPosting::from_row(c, &updated, &facility)
                })
            })
            .await?,
    ))
}

/// Close a posting as filled or withdrawn (admins may also suspend it). Closing a closed
/// posting is a 409.
#[utoipa::path(
    tag = "postings", params(("id" = i64, Path, minimum = 1)), request_body = ClosePostingRequest, security(("bearer" = [])),
    responses(
        (status = 200, body = FullPosting),
        (status = 400, description = "Not JSON, an unknown field or a wrong type", body = ErrorBody),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not the posting's facility nor an admin; `suspended` from a non-admin; a suspended facility", body = ErrorBody),
        (status = 404, description = "No such posting", body = ErrorBody),
        (status = 409, description = "Already closed", body = ErrorBody),
        (status = 413, description = "Body too large", body = ErrorBody),
        (status = 422, description = "An unknown reason; `suspended` without a `note` (`note`/`required`)", body = ErrorBody),
    )
)]
#[post("/postings/{id}/close")]
pub async fn close_posting(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<i64>,
    body: ValidJson<ClosePostingRequest>,
) -> AppResult<web::Json<FullPosting>> {
    let id = id.into_inner();
    let reason = close_reason(&user, &body.0.reason)?;
    let mut e = crate::domain::posting::Errors::default();
    let note = if reason == CloseReason::Suspended {
        e.text("note", body.0.note.as_deref(), 500)
    } else {
        e.optional_text("note", body.0.note.as_deref(), 500)
    };
    if !e.0.is_empty() {
        return Err(ApiError::Validation(e.0));
    }
    Ok(web::Json(
        state
            .db
            .run(move |c| {
                write_tx_by(c, user.actor_account_id(), |c| {
                    let row = changing(c, &user, id)?;
                    let closed = flows::close_posting(
                        c,
                        row.id,
                        reason,
                        note.as_deref(),
                        Some(user.account_id),
                    )?;
                    let facility = accounts::find_facility(c, closed.facility_id)?;
                    FullPosting::from_row(c, &closed, &facility)
                })
            })
            .await?,
    ))
}

/// Every change of a posting: who, when, what (owner and admins).
#[utoipa::path(
    tag = "postings", params(("id" = i64, Path, minimum = 1)), security(("bearer" = [])),
    responses(
        (status = 200, body = HistoryResponse),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not the posting's facility nor an admin", body = ErrorBody),
        (status = 404, description = "No such posting", body = ErrorBody),
    )
)]
#[get("/postings/{id}/history")]
pub async fn list_posting_history(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<i64>,
) -> AppResult<web::Json<HistoryResponse>> {
    let id = id.into_inner();
    let rows = state
        .db
        .run(move |c| {
            managed(c, &user, id)?;
            q::history(c, id)
        })
        .await?;
    Ok(web::Json(HistoryResponse {
        items: rows
            .into_iter()
            .map(|h| HistoryEntry {
                action: h.action,
                account_id: h.account_id,
                changes: serde_json::from_str(&h.changes_json).unwrap_or(serde_json::Value::Null),
                at: crate::views::posting::utc(h.created_at),
            })
            .collect(),
    }))
}

/// The signed-in facility's postings with their status, newest first.
#[utoipa::path(
    tag = "postings", params(OwnPostingsParams), security(("bearer" = [])),
    responses(
        (status = 200, body = OwnPostingsResponse),
        (status = 400, description = "An unknown `status`", body = ErrorBody),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not a facility account", body = ErrorBody),
    )
)]
#[get("/facility/postings")]
pub async fn list_own_postings(
    state: web::Data<AppState>,
    user: AuthUser,
    params: web::Query<OwnPostingsParams>,
) -> AppResult<web::Json<OwnPostingsResponse>> {
    let facility_id = user.ensure_facility()?;
    let status = params.into_inner().status;
    state
        .db
        .run(move |c| {
            let rows = q::list_for_facility(c, facility_id, status)?;
            let facility = accounts::find_facility(c, facility_id)?;
            let items = rows
                .iter()
                .map(|r| FullPosting::from_row(c, r, &facility))
                .collect::<AppResult<_>>()?;
            let mut counts = std::collections::BTreeMap::<i64, PostingThreadCounts>::new();
            for t in crate::db::threads::list_for_facility(c, facility_id)? {
                let n = counts.entry(t.posting_id).or_insert(PostingThreadCounts {
                    posting_id: t.posting_id,
                    ..Default::default()
                });
                match t.kind() {
                    crate::domain::codes::ThreadKind::Inquiry => n.inquiries += 1,
                    crate::domain::codes::ThreadKind::Application => n.applications += 1,
                }
                n.unread += i64::from(t.unread_by(crate::db::threads::Side::Facility));
            }
            Ok(web::Json(OwnPostingsResponse {
                items,
                thread_counts: counts.into_values().collect(),
            }))
        })
        .await
}

/// The signed-in jobseeker, or 403.
fn favourites_owner(user: &AuthUser) -> AppResult<i64> {
    super::jobseekers::ensure_jobseeker(user)?;
    Ok(user.account_id)
}

/// Save a posting as a favourite (お気に入り); saving it again changes nothing.
#[utoipa::path(
    tag = "jobseekers", params(("posting_id" = i64, Path, minimum = 1)), security(("bearer" = [])),
    responses(
        (status = 204, description = "Saved (or already saved)"),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not a jobseeker", body = ErrorBody),
        (status = 404, description = "No such posting", body = ErrorBody),
    )
)]
#[put("/favourites/{posting_id}")]
pub async fn put_favourite(
    state: web::Data<AppState>,
    user: AuthUser,
    posting_id: web::Path<i64>,
) -> AppResult<HttpResponse> {
    let me = favourites_owner(&user)?;
    let id = posting_id.into_inner();
    state
        .db
        .write_by(&user, move |c| {
            q::find(c, id)?;
            crate::db::favourites::add(c, me, id)
        })
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Take a posting off the favourites; taking it off again changes nothing.
#[utoipa::path(
    tag = "jobseekers", params(("posting_id" = i64, Path, minimum = 1)), security(("bearer" = [])),
    responses(
        (status = 204, description = "Not a favourite (any more)"),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not a jobseeker", body = ErrorBody),
        (status = 404, description = "A `posting_id` that is no posting ID (not a whole number in range)", body = ErrorBody),
    )
)]
#[delete("/favourites/{posting_id}")]
pub async fn delete_favourite(
    state: web::Data<AppState>,
    user: AuthUser,
    posting_id: web::Path<i64>,
) -> AppResult<HttpResponse> {
    let me = favourites_owner(&user)?;
    let id = posting_id.into_inner();
    // No posting has an ID below 1: 404 as the contract says, not the 204 of taking off a
    // favourite that is not there.
    if id < 1 {
        return Err(ApiError::NotFound);
    }
    state
        .db
        .write_by(&user, move |c| crate::db::favourites::remove(c, me, id))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// The signed-in jobseeker's favourites, the newest saved first, as they may see them.
#[utoipa::path(
    tag = "jobseekers", security(("bearer" = [])),
    responses(
        (status = 200, body = FavouriteList),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not a jobseeker", body = ErrorBody),
    )
)]
#[get("/favourites")]
pub async fn list_favourites(
    state: web::Data<AppState>,
    user: AuthUser,
) -> AppResult<web::Json<FavouriteList>> {
    let me = favourites_owner(&user)?;
    let user = Some(user);
    let st = state.clone();
    let items = state
        .db
        .run(move |c| {
            let ids = crate::db::favourites::posting_ids(c, me)?;
            let mut rows = q::find_many(c, &ids)?;
            let rows: Vec<PostingRow> = ids.iter().filter_map(|id| rows.remove(id)).collect();
            let access = access(c, &user, &rows)?;
            rows.iter()
                .map(|r| view_for(c, &user, r, &access, &st.public_views))
                .collect::<AppResult<Vec<_>>>()
        })
        .await?;
    Ok(web::Json(FavouriteList { items }))
}
