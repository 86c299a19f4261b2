//! Reception desks (窓口, SPEC 9): a prefecture organisation registers its desks; anyone can
//! list them by prefecture.

use crate::auth::partner::PartnerCaller;
use crate::db::desks;
use crate::domain::desk::{Desk, DeskInput};
use crate::domain::prefecture::Prefecture;
use crate::error::{ApiError, AppResult, ErrorBody};
use crate::extract::ValidJson;
use crate::i18n::Msg;
use crate::state::AppState;
use crate::views::partner::{DeskList, DeskView};
use actix_web::{delete, get, post, put, web, HttpResponse};
use serde::Deserialize;
use utoipa::IntoParams;

/// Desks belong to prefecture organisations, in their own prefecture.
fn desk_prefecture(partner: &PartnerCaller) -> Result<String, ApiError> {
    match (
        partner.organisation.kind(),
        &partner.organisation.prefecture_code,
    ) {
        (Some(crate::domain::codes::OrganisationKind::Prefecture), Some(p)) => Ok(p.clone()),
        _ => Err(ApiError::Forbidden(Msg::new(
            "相談窓口を登録できるのは都道府県です。",
            "Only prefectures register reception desks.",
        ))),
    }
}

/// Register a reception desk of the calling prefecture.
#[utoipa::path(
    tag = "partner", request_body = DeskInput, security(("api_key" = []), ("bearer" = [])),
    responses(
        (status = 201, body = DeskView),
        (status = 400, description = "Not JSON, an unknown field or a wrong type", body = ErrorBody),
        (status = 401, description = "No valid API key", body = ErrorBody),
        (status = 403, description = "Not a prefecture organisation; signed in, but not as a partner organisation's user", body = ErrorBody),
        (status = 413, description = "Body too large", body = ErrorBody),
        (status = 422, description = "A field breaks its rule", body = ErrorBody),
        (status = 429, description = "Too many requests with this key", body = ErrorBody),
    )
)]
#[post("/partner/desks")]
pub async fn create_desk(
    state: web::Data<AppState>,
    partner: PartnerCaller,
    body: ValidJson<DeskInput>,
) -> AppResult<HttpResponse> {
    let prefecture = desk_prefecture(&partner)?;
    let desk = Desk::try_from(&body.0).map_err(ApiError::Validation)?;
    let org = partner.organisation.id;
    let row = state
        .db
        .write_by(&partner, move |c| desks::create(c, org, &prefecture, &desk))
        .await?;
    Ok(HttpResponse::Created().json(DeskView::from(&row)))
}

/// The calling organisation's desks.
#[utoipa::path(
    tag = "partner", security(("api_key" = []), ("bearer" = [])),
    responses(
        (status = 200, body = DeskList),
        (status = 401, description = "No valid API key", body = ErrorBody),
        (status = 403, description = "Signed in, but not as a partner organisation's user", body = ErrorBody),
        (status = 429, description = "Too many requests with this key", body = ErrorBody),
    )
)]
#[get("/partner/desks")]
pub async fn list_own_desks(
    state: web::Data<AppState>,
    partner: PartnerCaller,
) -> AppResult<web::Json<DeskList>> {
    let org = partner.organisation.id;
    let rows = state
        .db
        .run(move |c| desks::of_organisation(c, org))
        .await?;
    Ok(web::Json(DeskList {
        items: rows.iter().map(DeskView::from).collect(),
    }))
}

/// Edit one of the calling prefecture's desks.
#[utoipa::path(
    tag = "partner", params(("id" = i64, Path, minimum = 1)), request_body = DeskInput, security(("api_key" = []), ("bearer" = [])),
    responses(
        (status = 200, body = DeskView),
        (status = 400, description = "Not JSON, an unknown field or a wrong type", body = ErrorBody),
        (status = 401, description = "No valid API key", body = ErrorBody),
        (status = 403, description = "Not a prefecture organisation; signed in, but not as a partner organisation's user", body = ErrorBody),
        (status = 404, description = "No such desk of this organisation", body = ErrorBody),
        (status = 413, description = "Body too large", body = ErrorBody),
        (status = 422, description = "A field breaks its rule", body = ErrorBody),
        (status = 429, description = "Too many requests with this key", body = ErrorBody),
    )
)]
#[put("/partner/desks/{id}")]
pub async fn update_desk(
    state: web::Data<AppState>,
    partner: PartnerCaller,
    id: web::Path<i64>,
    body: ValidJson<DeskInput>,
) -> AppResult<web::Json<DeskView>> {
    desk_prefecture(&partner)?;
    let desk = Desk::try_from(&body.0).map_err(ApiError::Validation)?;
    let (org, id) = (partner.organisation.id, id.into_inner());
    let row = state
        .db
        .write_by(&partner, move |c| desks::update(c, org, id, &desk))
        .await?;
    Ok(web::Json(DeskView::from(&row)))
}

/// Remove one of the calling prefecture's desks.
#[utoipa::path(
    tag = "partner", params(("id" = i64, Path, minimum = 1)), security(("api_key" = []), ("bearer" = [])),
    responses(
        (status = 204, description = "Removed"),
        (status = 401, description = "No valid API key", body = ErrorBody),
        (status = 403, description = "Not a prefecture organisation; signed in, but not as a partner organisation's user", body = ErrorBody),
        (status = 404, description = "No such desk of this organisation", body = ErrorBody),
        (status = 429, description = "Too many requests with this key", body = ErrorBody),
    )
)]
#[delete("/partner/desks/{id}")]
pub async fn delete_desk(
    state: web::Data<AppState>,
    partner: PartnerCaller,
    id: web::Path<i64>,
) -> AppResult<HttpResponse> {
    desk_prefecture(&partner)?;
    let (org, id) = (partner.organisation.id, id.into_inner());
    state
        .db
        .write_by(&partner, move |c| desks::remove(c, org, id))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct DeskParams {
    /// JIS X 0401 code (`13`); every prefecture's desks when absent.
    #[param(pattern = "^(0[1-9]|[1-3][0-9]|4[0-7])$")]
    pub prefecture: Option<String>,
}

/// Reception desks where people can ask about work in person (public).
#[utoipa::path(
    tag = "reference", params(DeskParams),
    responses(
        (status = 200, body = DeskList),
        (status = 400, description = "`prefecture` given twice or not a string", body = ErrorBody),
        (status = 422, description = "An unknown prefecture code", body = ErrorBody),
    )
)]
#[get("/desks")]
pub async fn list_desks(
    state: web::Data<AppState>,
    params: web::Query<DeskParams>,
) -> AppResult<web::Json<DeskList>> {
    let prefecture = match params.into_inner().prefecture {
        Some(p) => Some(
            Prefecture::parse(&p)
                .ok_or_else(|| {
                    ApiError::field(
                        "prefecture",
                        "unknown_code",
                        Msg::new("選択肢にない値です。", "Not one of the allowed values."),
                    )
                })?
                .code(),
        ),
        None => None,
    };
    let rows = state.db.run(move |c| desks::list(c, prefecture)).await?;
    Ok(web::Json(DeskList {
        items: rows.iter().map(DeskView::from).collect(),
    }))
}
