//! Health check.

use crate::error::AppResult;
use crate::state::AppState;
use actix_web::{get, web, HttpResponse};
use diesel::RunQueryDsl;
use serde::Serialize;
use utoipa::ToSchema;

#[derive(Serialize, ToSchema)]
pub struct Health {
    /// `ok` when the database answers.
    pub status: &'static str,
    /// `postgres` or `sqlite`.
    pub database: &'static str,
}

/// Is the service up and its database reachable?
#[utoipa::path(tag = "system", responses((status = 200, body = Health), (status = 500, body = crate::error::ErrorBody)))]
#[get("/health")]
pub async fn get_health(state: web::Data<AppState>) -> AppResult<HttpResponse> {
    state
        .db
        .run(|c| Ok(diesel::sql_query("SELECT 1").execute(c)?))
        .await?;
    let database = match state.db.backend {
        crate::db::Backend::Postgres => "postgres",
        crate::db::Backend::Sqlite => "sqlite",
    };
    Ok(HttpResponse::Ok().json(Health {
        status: "ok",
        database,
    }))
}
