//! Admins manage partner organisations (SPEC 5, 9): create them with a scope, change the
//! scope, issue and revoke API keys, and watch their webhook deliveries.

use crate::auth::AuthUser;
use crate::db::partners;
use crate::domain::partner::{CreateOrganisationRequest, NewOrganisation, Scope, ScopeInput};
use crate::error::{ApiError, AppResult, ErrorBody};
use crate::extract::ValidJson;
use crate::state::AppState;
use crate::views::partner::{
    ApiKeyView, DeliveryList, DeliveryView, EndpointView, IssuedApiKey, MemberView,
    OrganisationDetail, OrganisationList, OrganisationView,
};
use actix_web::{delete, get, http::header, post, put, web, HttpResponse};
use serde::Deserialize;
use utoipa::ToSchema;

/// Create a partner organisation with its scope (occupations × prefectures × detail).
#[utoipa::path(
    tag = "organisations", request_body = CreateOrganisationRequest, security(("bearer" = [])),
    responses(
        (status = 201, description = "Created; `Location` is the organisation", body = OrganisationView,
            headers(("Location" = String, description = "`/api/v1/admin/organisations/{id}`"))),
        (status = 400, description = "Not JSON, an unknown field or a wrong type", body = ErrorBody),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not an admin", body = ErrorBody),
        (status = 413, description = "Body too large", body = ErrorBody),
        (status = 422, description = "A field breaks its rule; `prefecture_code` is required for `prefecture` and `nurse_center`", body = ErrorBody),
    )
)]
#[post("/admin/organisations")]
pub async fn create_organisation(
    state: web::Data<AppState>,
    user: AuthUser,
    body: ValidJson<CreateOrganisationRequest>,
) -> AppResult<HttpResponse> {
    user.ensure_admin()?;
    let new = NewOrganisation::try_from(&body.0).map_err(ApiError::Validation)?;
    let row = state
        .db
        .write_by(&user, move |c| partners::create(c, &new))
        .await?;
    Ok(HttpResponse::Created()
        .insert_header((
            header::LOCATION,
            format!("/api/v1/admin/organisations/{}", row.id),
        ))
        .json(OrganisationView::from(&row)))
}

/// Every partner organisation.
#[utoipa::path(
    tag = "organisations", security(("bearer" = [])),
    responses(
        (status = 200, body = OrganisationList),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not an admin", body = ErrorBody),
    )
)]
#[get("/admin/organisations")]
pub async fn list_organisations(
    state: web::Data<AppState>,
    user: AuthUser,
) -> AppResult<web::Json<OrganisationList>> {
    user.ensure_admin()?;
    let rows = state.db.run(partners::list).await?;
    Ok(web::Json(OrganisationList {
        items: rows.iter().map(OrganisationView::from).collect(),
    }))
}

/// One organisation with its API keys (never the keys themselves) and webhook endpoints.
#[utoipa::path(
    tag = "organisations", params(("id" = i64, Path, minimum = 1)), security(("bearer" = [])),
    responses(
        (status = 200, body = OrganisationDetail),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not an admin", body = ErrorBody),
        (status = 404, description = "No such organisation", body = ErrorBody),
    )
)]
#[get("/admin/organisations/{id}")]
pub async fn get_organisation(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<i64>,
) -> AppResult<web::Json<OrganisationDetail>> {
    user.ensure_admin()?;
    let id = id.into_inner();
    let (org, keys, hooks, members) = state
        .db
        .run(move |c| {
            Ok((
                partners::find(c, id)?,
                partners::keys_of(c, id)?,
                partners::endpoints_of(c, id)?,
                partners::members_of(c, id)?,
            ))
        })
        .await?;
    Ok(web::Json(OrganisationDetail {
        organisation: OrganisationView::from(&org),
        api_keys: keys.iter().map(ApiKeyView::from).collect(),
        webhooks: hooks.iter().map(EndpointView::from).collect(),
        users: members.into_iter().map(MemberView::from).collect(),
    }))
}

/// Change the scope. Open postings that leave it reach the partner's feed as `remove`
/// (`out_of_scope`); postings that enter it as `upsert`.
#[utoipa::path(
    tag = "organisations", params(("id" = i64, Path, minimum = 1)), request_body = ScopeInput, security(("bearer" = [])),
    responses(
        (status = 200, body = OrganisationView),
        (status = 400, description = "Not JSON, an unknown field or a wrong type", body = ErrorBody),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not an admin", body = ErrorBody),
        (status = 404, description = "No such organisation", body = ErrorBody),
        (status = 413, description = "Body too large", body = ErrorBody),
        (status = 422, description = "A field breaks its rule", body = ErrorBody),
    )
)]
#[put("/admin/organisations/{id}/scope")]
pub async fn update_organisation_scope(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<i64>,
    body: ValidJson<ScopeInput>,
) -> AppResult<web::Json<OrganisationView>> {
    user.ensure_admin()?;
    let scope = Scope::try_from(&body.0).map_err(ApiError::Validation)?;
    let id = id.into_inner();
    let row = state
        .db
        .write_by(&user, move |c| partners::set_scope(c, id, &scope))
        .await?;
    Ok(web::Json(OrganisationView::from(&row)))
}

/// Issue an API key. The key is in this answer only; it is stored as a hash.
#[utoipa::path(
    tag = "organisations", params(("id" = i64, Path, minimum = 1)), security(("bearer" = [])),
    responses(
        (status = 201, body = IssuedApiKey),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not an admin", body = ErrorBody),
        (status = 404, description = "No such organisation", body = ErrorBody),
    )
)]
#[post("/admin/organisations/{id}/api-keys")]
pub async fn create_api_key(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<i64>,
) -> AppResult<HttpResponse> {
    user.ensure_admin()?;
    let id = id.into_inner();
    let (row, key) = state
        .db
        .write_by(&user, move |c| partners::issue_key(c, id))
        .await?;
    Ok(HttpResponse::Created().json(IssuedApiKey {
        id: row.id,
        key,
        prefix: row.key_prefix,
    }))
}

/// Revoke an API key: it stops working at once. Revoking twice is harmless.
#[utoipa::path(
    tag = "organisations",
    params(("id" = i64, Path, minimum = 1), ("key_id" = i64, Path, minimum = 1)),
    security(("bearer" = [])),
    responses(
        (status = 204, description = "Revoked"),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not an admin", body = ErrorBody),
        (status = 404, description = "No such key of this organisation", body = ErrorBody),
    )
)]
#[delete("/admin/organisations/{id}/api-keys/{key_id}")]
pub async fn delete_api_key(
    state: web::Data<AppState>,
    user: AuthUser,
    path: web::Path<(i64, i64)>,
) -> AppResult<HttpResponse> {
    user.ensure_admin()?;
    let (id, key_id) = path.into_inner();
    state
        .db
        .write_by(&user, move |c| partners::revoke_key(c, id, key_id))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// The organisation's recent webhook deliveries (all endpoints), newest first.
#[utoipa::path(
    tag = "organisations", params(("id" = i64, Path, minimum = 1)), security(("bearer" = [])),
    responses(
        (status = 200, body = DeliveryList),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not an admin", body = ErrorBody),
        (status = 404, description = "No such organisation", body = ErrorBody),
    )
)]
#[get("/admin/organisations/{id}/deliveries")]
pub async fn list_organisation_deliveries(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<i64>,
) -> AppResult<web::Json<DeliveryList>> {
    user.ensure_admin()?;
    let id = id.into_inner();
    let rows = state
        .db
        .run(move |c| {
            partners::find(c, id)?;
            let mut out = vec![];
            for e in partners::endpoints_of(c, id)? {
                out.extend(partners::deliveries_of(c, e.id, 100)?);
            }
            out.sort_by_key(|d| std::cmp::Reverse(d.id));
            out.truncate(100);
            Ok(out)
        })
        .await?;
    Ok(web::Json(DeliveryList {
        items: rows.iter().map(DeliveryView::from).collect(),
    }))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AddMemberRequest {
    /// The user's e-mail address: the activation link goes there, and it is the login ID.
    #[schema(schema_with = crate::domain::schema::email)]
    pub email: String,
}

/// Add a user to the organisation (sign-in by e-mail address). An activation mail with a
/// one-time link to set the password goes to the address, as for facilities.
#[utoipa::path(
    tag = "organisations", params(("id" = i64, Path, minimum = 1)), request_body = AddMemberRequest, security(("bearer" = [])),
    responses(
        (status = 201, body = MemberView),
        (status = 400, description = "Not JSON, an unknown field or a wrong type", body = ErrorBody),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not an admin", body = ErrorBody),
        (status = 404, description = "No such organisation", body = ErrorBody),
        (status = 409, description = "The address already has an account", body = ErrorBody),
        (status = 413, description = "Body too large", body = ErrorBody),
        (status = 422, description = "Not an e-mail address", body = ErrorBody),
    )
)]
#[post("/admin/organisations/{id}/users")]
pub async fn create_organisation_user(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<i64>,
    body: ValidJson<AddMemberRequest>,
) -> AppResult<HttpResponse> {
    user.ensure_admin()?;
    let mut e = crate::domain::posting::Errors::default();
    let email = e.email("email", Some(&body.0.email));
    let email = e
        .into_result(|| email)
        .map_err(ApiError::Validation)?
        .unwrap_or_default();
    let id = id.into_inner();
    let account = state
        .db
        .write_by(&user, move |c| partners::add_member(c, id, &email))
        .await?;
    Ok(HttpResponse::Created().json(MemberView::from((account.id, account.email, false))))
}
