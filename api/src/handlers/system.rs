//! Health: liveness (the process answers) and readiness (database reachable, migrations
//! current), for load balancers and orchestrators; `/metrics` is served beside them.

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

#[derive(Serialize, ToSchema)]
pub struct Liveness {
    /// Always `ok`: the process answers.
    pub status: &'static str,
}

/// Liveness: the process answers (it does not touch the database).
#[utoipa::path(tag = "system", responses((status = 200, body = Liveness)))]
#[get("/health/live")]
pub async fn get_liveness() -> HttpResponse {
    HttpResponse::Ok().json(Liveness { status: "ok" })
}

#[derive(Serialize, ToSchema)]
pub struct Readiness {
    /// `ready`, or `not_ready` with the reasons.
    pub status: &'static str,
    /// Whether the database answered.
    pub database_reachable: bool,
    /// Whether every migration this binary knows is applied.
    pub migrations_current: bool,
}

/// Readiness: the database answers and its schema is the one this binary expects; 503
/// otherwise (send no traffic here yet).
#[utoipa::path(tag = "system", responses((status = 200, body = Readiness), (status = 503, body = Readiness)))]
#[get("/health/ready")]
pub async fn get_readiness(state: web::Data<AppState>) -> HttpResponse {
    let checked = state
        .db
        .run(|c| {
            diesel::sql_query("SELECT 1").execute(c)?;
            Ok(crate::db::migrations_pending(c))
        })
        .await;
    let (database_reachable, migrations_current) = match checked {
        Ok(Ok(0)) => (true, true),
        Ok(_) => (true, false),
        Err(_) => (false, false),
    };
    let ready = database_reachable && migrations_current;
    let body = Readiness {
        status: if ready { "ready" } else { "not_ready" },
        database_reachable,
        migrations_current,
    };
    if ready {
        HttpResponse::Ok().json(body)
    } else {
        HttpResponse::ServiceUnavailable().json(body)
    }
}
