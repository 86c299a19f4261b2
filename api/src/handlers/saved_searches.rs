//! Saved searches and their alert mails (issue 11): a jobseeker's own, like favourites;
//! the signed one-click unsubscribe link works without signing in.

use crate::auth::AuthUser;
use crate::db::accounts;
use crate::db::saved_searches::{self as saved, SavedSearchRow};
use crate::domain::posting::Errors;
use crate::domain::schema;
use crate::domain::search::SearchQuery;
use crate::error::{ApiError, AppResult, ErrorBody, FieldError};
use crate::extract::ValidJson;
use crate::i18n::{Lang, Msg};
use crate::jobs::alerts::Frequency;
use crate::state::AppState;
use actix_web::{delete, get, post, web, HttpResponse};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SavedSearchInput {
    /// A name to recognise it by in mails (e.g. 大阪市・看護師).
    #[schema(schema_with = schema::text::<60>)]
    pub name: String,
    /// The search, as the query string of `GET /api/v1/postings` (e.g.
    /// `occupation=nurse&prefecture=27`); paging and sort are dropped. 422 for what that
    /// search would refuse, with the field named `query.<parameter>`.
    #[schema(max_length = 2000)]
    pub query: String,
    pub frequency: Frequency,
}

/// A saved search.
#[derive(Serialize, ToSchema)]
pub struct SavedSearch {
    pub id: i64,
    pub name: String,
    /// The search's query string (as for `GET /api/v1/postings`).
    pub query: String,
    pub frequency: Frequency,
    pub created_at: DateTime<Utc>,
    /// When its last alert mail was queued; `null` before the first.
    pub last_sent_at: Option<DateTime<Utc>>,
}

impl From<SavedSearchRow> for SavedSearch {
    fn from(r: SavedSearchRow) -> SavedSearch {
        SavedSearch {
            id: r.id,
            frequency: Frequency::parse(&r.frequency).unwrap_or(Frequency::Daily),
            name: r.name,
            query: r.query,
            created_at: crate::views::posting::utc(r.created_at),
            last_sent_at: r.last_sent_at.map(crate::views::posting::utc),
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct SavedSearchList {
    pub items: Vec<SavedSearch>,
    /// Alerts are mailed only to a confirmed address; until then they wait.
    pub email_confirmed: bool,
}

/// The search a saved query string stands for, without paging or order; errors name
/// `query.<parameter>`.
fn normalise_query(raw: &str) -> Result<String, Vec<FieldError>> {
    let raw = raw.trim().trim_start_matches('?');
    let kept: Vec<(String, String)> = url::form_urlencoded::parse(raw.as_bytes())
        .into_owned()
        .filter(|(k, v)| !matches!(k.as_str(), "page" | "per_page" | "sort") && !v.is_empty())
        .collect();
    let query = url::form_urlencoded::Serializer::new(String::new())
        .extend_pairs(kept)
        .finish();
    SearchQuery::parse(&query).map_err(|errors| {
        errors
            .into_iter()
            .map(|mut e| {
                e.field = format!("query.{}", e.field);
                e
            })
            .collect::<Vec<_>>()
    })?;
    Ok(query)
}

fn owner(user: &AuthUser) -> AppResult<i64> {
    super::jobseekers::ensure_jobseeker(user)?;
    Ok(user.account_id)
}

/// Save a search for alert mails: instant (at most one mail per 15 minutes) or daily
/// (07:00 Japan time). Mails list only postings that are new since the last one.
#[utoipa::path(
    tag = "jobseekers", request_body = SavedSearchInput, security(("bearer" = [])),
    responses(
        (status = 201, body = SavedSearch),
        (status = 400, description = "Not JSON, an unknown field or a wrong type", body = ErrorBody),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not a jobseeker", body = ErrorBody),
        (status = 409, description = "20 searches are saved already (`saved_search_limit`)", body = ErrorBody),
        (status = 413, description = "Body too large", body = ErrorBody),
        (status = 422, description = "An empty or too long name; a query the search refuses (`query.<parameter>`)", body = ErrorBody),
    )
)]
#[post("/saved-searches")]
pub async fn create_saved_search(
    state: web::Data<AppState>,
    user: AuthUser,
    body: ValidJson<SavedSearchInput>,
) -> AppResult<HttpResponse> {
    let me = owner(&user)?;
    let SavedSearchInput {
        name,
        query,
        frequency,
    } = body.0;
    let mut e = Errors::default();
    let name = e.text("name", Some(&name), 60);
    if query.chars().count() > 2000 {
        e.push(
            "query",
            "length",
            Msg::new(
                "2000文字以内で指定してください。",
                "Give at most 2000 characters.",
            ),
        );
    }
    let query = match normalise_query(&query) {
        Ok(q) => Some(q),
        Err(errors) => {
            e.0.extend(errors);
            None
        }
    };
    let (Some(name), Some(query), true) = (name, query, e.0.is_empty()) else {
        return Err(ApiError::Validation(e.0));
    };
    let row = state
        .db
        .write_by(&user, move |c| {
            accounts::ensure_live_jobseeker(c, me)?;
            saved::create(c, me, &name, &query, frequency.code())
        })
        .await?;
    Ok(HttpResponse::Created().json(SavedSearch::from(row)))
}

/// The signed-in jobseeker's saved searches, the oldest first.
#[utoipa::path(
    tag = "jobseekers", security(("bearer" = [])),
    responses(
        (status = 200, body = SavedSearchList),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not a jobseeker", body = ErrorBody),
    )
)]
#[get("/saved-searches")]
pub async fn list_saved_searches(
    state: web::Data<AppState>,
    user: AuthUser,
) -> AppResult<web::Json<SavedSearchList>> {
    let me = owner(&user)?;
    state
        .db
        .run(move |c| {
            let account = accounts::find_account(c, me)?;
            Ok(web::Json(SavedSearchList {
                items: saved::list(c, me)?
                    .into_iter()
                    .map(SavedSearch::from)
                    .collect(),
                email_confirmed: accounts::email_confirmed(c, &account)?,
            }))
        })
        .await
}

/// Delete a saved search: its alerts stop.
#[utoipa::path(
    tag = "jobseekers", params(("id" = i64, Path, minimum = 1)), security(("bearer" = [])),
    responses(
        (status = 204, description = "Deleted"),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not a jobseeker", body = ErrorBody),
        (status = 404, description = "No saved search of yours has this ID", body = ErrorBody),
    )
)]
#[delete("/saved-searches/{id}")]
pub async fn delete_saved_search(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<i64>,
) -> AppResult<HttpResponse> {
    let me = owner(&user)?;
    let id = id.into_inner();
    state
        .db
        .write_by(&user, move |c| saved::remove(c, me, id))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct UnsubscribeParams {
    /// The signed token from the alert mail's link.
    #[param(max_length = 2000)]
    pub token: String,
}

#[derive(Serialize, ToSchema)]
pub struct Unsubscribed {
    pub message: String,
}

/// Stop a saved search's alert mails from the signed link in one of them, without signing
/// in. This is the `List-Unsubscribe` target (RFC 8058: mail clients POST
/// `List-Unsubscribe=One-Click` to it; the body is not read). Unsubscribing again answers
/// the same.
#[utoipa::path(
    tag = "jobseekers", params(UnsubscribeParams),
    responses(
        (status = 200, body = Unsubscribed),
        (status = 400, description = "No `token`", body = ErrorBody),
        (status = 422, description = "A token that is not one of our signed links (`token`)", body = ErrorBody),
    )
)]
#[post("/alerts/unsubscribe")]
pub async fn unsubscribe_alert(
    state: web::Data<AppState>,
    lang: Lang,
    params: web::Query<UnsubscribeParams>,
) -> AppResult<web::Json<Unsubscribed>> {
    let Some(id) = state.keys.verify_unsubscribe(&params.token) else {
        return Err(ApiError::field(
            "token",
            "invalid_token",
            Msg::new(
                "配信停止のリンクが正しくありません。メールのリンクをそのまま開いてください。",
                "This unsubscribe link is not valid; open the link from the mail as it is.",
            ),
        ));
    };
    state.db.write(move |c| saved::unsubscribe(c, id)).await?;
    Ok(web::Json(Unsubscribed {
        message: Msg::new(
            "この検索条件の新着お知らせメールを停止しました。",
            "Alert mails for this saved search have stopped.",
        )
        .get(lang)
        .to_string(),
    }))
}
