//! Jobseeker sign-up and profile.

use crate::auth::{password, AuthUser};
use crate::db::accounts;
use crate::domain::codes::Role;
use crate::domain::posting::Errors;
use crate::error::{ApiError, AppResult, ErrorBody};
use crate::extract::ValidJson;
use crate::state::AppState;
use actix_web::{get, http::header, post, web, HttpResponse};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SignupRequest {
    pub email: String,
    /// 8–128 characters with at least one letter and one digit.
    pub password: String,
    /// Full name (氏名).
    pub name: String,
}

#[derive(Serialize, ToSchema)]
pub struct JobseekerProfile {
    pub account_id: i64,
    pub email: String,
    pub name: String,
    pub name_kana: Option<String>,
    pub phone: Option<String>,
    pub prefecture_code: Option<String>,
}

/// Sign up as a jobseeker.
#[utoipa::path(
    tag = "jobseekers", request_body = SignupRequest,
    responses(
        (status = 201, body = JobseekerProfile), (status = 400, body = ErrorBody),
        (status = 409, description = "E-mail already registered", body = ErrorBody), (status = 422, body = ErrorBody),
    )
)]
#[post("/jobseekers")]
pub async fn create_jobseeker(
    state: web::Data<AppState>,
    body: ValidJson<SignupRequest>,
) -> AppResult<HttpResponse> {
    let SignupRequest {
        email,
        password: pw,
        name,
    } = body.0;
    let mut e = Errors::default();
    let email = e.email("email", Some(&email));
    let name = e.text("name", Some(&name), 100);
    if !password::acceptable(&pw) {
        e.0.push(password::weak_password_error());
    }
    let (Some(email), Some(name)) = (email, name) else {
        return Err(ApiError::Validation(e.0));
    };
    if !e.0.is_empty() {
        return Err(ApiError::Validation(e.0));
    }
    let hash = web::block(move || password::hash(&pw))
        .await?
        .map_err(ApiError::internal)?;
    let (account, profile) = state
        .db
        .write(move |c| {
            let a = accounts::create_jobseeker(c, &email, &hash, &name)?;
            let p = accounts::find_jobseeker(c, a.id)?;
            Ok((a, p))
        })
        .await?;
    Ok(HttpResponse::Created()
        .insert_header((header::LOCATION, "/api/v1/jobseekers/me"))
        .json(JobseekerProfile {
            account_id: account.id,
            email: account.email,
            name: profile.name,
            name_kana: profile.name_kana,
            phone: profile.phone,
            prefecture_code: profile.prefecture_code,
        }))
}

/// The signed-in jobseeker's profile.
#[utoipa::path(
    tag = "jobseekers", security(("bearer" = [])),
    responses((status = 200, body = JobseekerProfile), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody))
)]
#[get("/jobseekers/me")]
pub async fn get_jobseeker_me(
    state: web::Data<AppState>,
    user: AuthUser,
) -> AppResult<web::Json<JobseekerProfile>> {
    if user.role != Role::Jobseeker {
        return Err(ApiError::Forbidden(crate::i18n::Msg::new(
            "求職者のみ利用できます。",
            "Only for jobseekers.",
        )));
    }
    let (a, p) = state
        .db
        .run(move |c| {
            Ok((
                accounts::find_account(c, user.account_id)?,
                accounts::find_jobseeker(c, user.account_id)?,
            ))
        })
        .await?;
    Ok(web::Json(JobseekerProfile {
        account_id: a.id,
        email: a.email,
        name: p.name,
        name_kana: p.name_kana,
        phone: p.phone,
        prefecture_code: p.prefecture_code,
    }))
}
