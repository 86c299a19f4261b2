//! Jobseeker sign-up, profile, and account deletion.

use crate::auth::{password, AuthUser};
use crate::db::accounts;
use crate::domain::codes::Role;
use crate::domain::posting::Errors;
use crate::domain::profile::Profile;
use crate::domain::schema;
use crate::error::{ApiError, AppResult, ErrorBody};
use crate::extract::ValidJson;
use crate::i18n::Msg;
use crate::state::AppState;
use crate::views::thread::JobseekerProfile;
use actix_web::{delete, get, http::header, post, put, web, HttpResponse};
use serde::Deserialize;
use utoipa::ToSchema;

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SignupRequest {
    #[schema(schema_with = schema::email)]
    pub email: String,
    /// 8–128 characters, not easily guessed (422 `weak_password` otherwise).
    #[schema(schema_with = schema::password)]
    pub password: String,
    /// Full name (氏名).
    #[schema(schema_with = schema::text::<100>)]
    pub name: String,
}

pub use crate::domain::profile::{LicenceInput, ProfileInput};

pub(crate) fn ensure_jobseeker(user: &AuthUser) -> AppResult<()> {
    if user.role == Role::Jobseeker {
        Ok(())
    } else {
        Err(ApiError::Forbidden(Msg::new(
            "求職者のみ利用できます。",
            "Only for jobseekers.",
        )))
    }
}

async fn profile_of(state: &AppState, account_id: i64) -> AppResult<JobseekerProfile> {
    state
        .db
        .run(move |c| {
            accounts::jobseeker_record(c, account_id)?
                .map(JobseekerProfile::from)
                .ok_or(ApiError::Unauthenticated)
        })
        .await
}

/// Sign up as a jobseeker.
#[utoipa::path(
    tag = "jobseekers", request_body = SignupRequest,
    responses(
        (status = 201, description = "Signed up; `Location` is the profile", body = JobseekerProfile,
            headers(("Location" = String, description = "`/api/v1/jobseekers/me`"))),
        (status = 400, description = "Not JSON, an unknown field or a wrong type", body = ErrorBody),
        (status = 409, description = "E-mail already registered", body = ErrorBody),
        (status = 413, description = "Body too large", body = ErrorBody),
        (status = 422, description = "A field breaks its rule; a password that is easily guessed (`weak_password`)", body = ErrorBody),
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
    let (email_raw, name_raw) = (email.clone(), name.clone());
    let email = e.email("email", Some(&email));
    let name = e.text("name", Some(&name), 100);
    if let Err(weak) = password::check(&pw, &[email_raw.as_str(), name_raw.as_str()]) {
        e.0.push(weak);
    }
    let (Some(email), Some(name), true) = (email, name, e.0.is_empty()) else {
        return Err(ApiError::Validation(e.0));
    };
    let hash = web::block(move || password::hash(&pw))
        .await?
        .map_err(ApiError::internal)?;
    let account = state
        .db
        .write(move |c| accounts::create_jobseeker(c, &email, &hash, &name))
        .await?;
    Ok(HttpResponse::Created()
        .insert_header((header::LOCATION, "/api/v1/jobseekers/me"))
        .json(profile_of(&state, account.id).await?))
}

/// The signed-in jobseeker's profile.
#[utoipa::path(
    tag = "jobseekers", security(("bearer" = [])),
    responses(
        (status = 200, body = JobseekerProfile),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not a jobseeker", body = ErrorBody),
    )
)]
#[get("/jobseekers/me")]
pub async fn get_jobseeker_me(
    state: web::Data<AppState>,
    user: AuthUser,
) -> AppResult<web::Json<JobseekerProfile>> {
    ensure_jobseeker(&user)?;
    Ok(web::Json(profile_of(&state, user.account_id).await?))
}

/// Update the profile: name and kana, contact, licences, prefecture, availability,
/// experience and years away from practice.
#[utoipa::path(
    tag = "jobseekers", request_body = ProfileInput, security(("bearer" = [])),
    responses(
        (status = 200, body = JobseekerProfile),
        (status = 400, description = "Not JSON, an unknown field or a wrong type", body = ErrorBody),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not a jobseeker", body = ErrorBody),
        (status = 413, description = "Body too large", body = ErrorBody),
        (status = 422, description = "A field breaks its rule; a licence year after this year", body = ErrorBody),
    )
)]
#[put("/jobseekers/me")]
pub async fn update_jobseeker_me(
    state: web::Data<AppState>,
    user: AuthUser,
    body: ValidJson<ProfileInput>,
) -> AppResult<web::Json<JobseekerProfile>> {
    ensure_jobseeker(&user)?;
    let update = Profile::try_from(&body.0).map_err(ApiError::Validation)?;
    let id = user.account_id;
    state
        .db
        .write_by(&user, move |c| accounts::update_jobseeker(c, id, &update))
        .await?;
    Ok(web::Json(profile_of(&state, id).await?))
}

/// Delete the account: personal data is erased; facilities keep only the record that an
/// inquiry or application existed. Pending threads are withdrawn.
#[utoipa::path(
    tag = "jobseekers", security(("bearer" = [])),
    responses(
        (status = 204, description = "Deleted"),
        (status = 401, description = "Not signed in (or already deleted)", body = ErrorBody),
        (status = 403, description = "Not a jobseeker", body = ErrorBody),
    )
)]
#[delete("/jobseekers/me")]
pub async fn delete_jobseeker_me(
    state: web::Data<AppState>,
    user: AuthUser,
) -> AppResult<HttpResponse> {
    ensure_jobseeker(&user)?;
    let id = user.account_id;
    state
        .db
        .write_by(&user, move |c| crate::flows::erase_jobseeker(c, id))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
