//! From contact to hire: inquiries and applications, the message thread, stages,
//! interviews, the decision and the training report. A jobseeker reaches only their own
//! threads, a facility only those of its postings (others get 404), admins all.

use crate::auth::threads::{
    facility_acting, facility_side, jobseeker_acting, party_to, writer, Party,
};
use crate::auth::AuthUser;
use crate::db::accounts;
use crate::db::postings::{self as q, PostingRow};
use crate::db::threads::{self, Contacted, ThreadRow};
use crate::db::{audit, write_tx_by, Actor, DbConn};
use crate::disclosure::{disclose, Audience};
use crate::domain::codes::{Decision, Role, Sender, Stage, StageChange, ThreadBox, ThreadKind};
use crate::domain::interview::Interview;
use crate::domain::posting::Errors;
use crate::domain::prefecture::Prefecture;
use crate::domain::schema;
use crate::domain::training_report::TrainingReport;
use crate::error::{ApiError, AppResult, ErrorBody};
use crate::extract::ValidJson;
use crate::i18n::Msg;
use crate::state::AppState;
use crate::views::posting::{FullPosting, JobseekerPosting, PostingView};
use crate::views::thread::{
    InterviewView, MessageView, ThreadDetail, ThreadList, ThreadPosting, ThreadSummary,
    TrainingReportView,
};
use actix_web::{get, http::header, post, web, HttpResponse};
use serde::Deserialize;
use utoipa::{IntoParams, ToSchema};

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ContactRequest {
    /// 1–4000 characters, not blank.
    #[schema(schema_with = schema::text::<4000>)]
    pub message: String,
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct StageRequest {
    #[schema(value_type = StageChange)]
    pub stage: String,
    /// The thread's `version` this change starts from (409 when it is not the current one).
    #[schema(minimum = 1, maximum = 2_147_483_647)]
    pub version: i32,
}

pub use crate::domain::interview::InterviewRequest;

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct InterviewResponse {
    pub accept: bool,
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DecisionRequest {
    #[schema(value_type = Decision)]
    pub result: String,
    /// The message the jobseeker receives with the result (1–4000 characters, not blank).
    #[schema(schema_with = schema::text::<4000>)]
    pub message: String,
    /// The thread's `version` this decision starts from (409 when it is not the current one).
    #[schema(minimum = 1, maximum = 2_147_483_647)]
    pub version: i32,
}

pub use crate::domain::training_report::TrainingReportRequest;

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ThreadListParams {
    /// Facilities only (a jobseeker's list ignores it).
    #[param(value_type = Option<ThreadBox>)]
    pub r#box: Option<String>,
}

/// Who is looking at a thread.
fn message_text(e: &mut Errors, field: &str, v: &str) -> Option<String> {
    e.text(field, Some(v), 4000)
}

/// Builds the thread as `user` may see it, writing the audit records that seeing it implies.
fn detail(c: &mut DbConn, user: &AuthUser, t: &ThreadRow, p: Party) -> AppResult<ThreadDetail> {
    let posting = q::find(c, t.posting_id)?;
    let posting_view = match p {
        // A party of the thread contacted the posting; the disclosure is audited.
        Party::Jobseeker => PostingView::Jobseeker(JobseekerPosting::from_row(
            c,
            &posting,
            user.account_id,
            true,
        )?),
        Party::Facility | Party::Admin => {
            let facility = accounts::find_facility(c, t.facility_id)?;
            PostingView::Full(FullPosting::from_row(c, &posting, &facility)?)
        }
    };
    let jobseeker = match p {
        Party::Jobseeker => None,
        Party::Facility | Party::Admin => {
            let profile = accounts::jobseeker_record(c, t.jobseeker_account_id)?
                .map(crate::views::thread::JobseekerProfile::from);
            if profile.is_some() {
                audit::record(
                    c,
                    user.account_id,
                    audit::JOBSEEKER_VIEWED,
                    Some(posting.id),
                    Some(t.id),
                    Some(t.jobseeker_account_id),
                )?;
            }
            profile
        }
    };
    Ok(ThreadDetail {
        id: t.id,
        kind: t.kind(),
        stage: t.stage(),
        version: t.version,
        posting: posting_view,
        jobseeker,
        messages: threads::messages(c, t.id)?
            .into_iter()
            .map(MessageView::from)
            .collect(),
        interviews: threads::interviews_of(c, t.id)?
            .into_iter()
            .map(InterviewView::from)
            .collect(),
        decision: ThreadDetail::decision_of(t),
        training_report: threads::training_of(c, t.id)?.map(TrainingReportView::from),
        first_response_at: t.first_response_at.map(crate::views::posting::utc),
        created_at: crate::views::posting::utc(t.created_at),
        referred_by: crate::db::partners::referrers(c, &[t.id])?.remove(&t.id),
    })
}

async fn contact(
    state: web::Data<AppState>,
    user: AuthUser,
    posting_id: i64,
    kind: ThreadKind,
    body: ContactRequest,
) -> AppResult<HttpResponse> {
    if user.role != Role::Jobseeker {
        return Err(ApiError::Forbidden(Msg::new(
            "問い合わせ・応募は求職者のアカウントで行えます。",
            "Sign in as a jobseeker to contact a facility.",
        )));
    }
    let mut e = Errors::default();
    let Some(message) = message_text(&mut e, "message", &body.message) else {
        return Err(ApiError::Validation(e.0));
    };
    let (detail, created) = state
        .db
        .run(move |c| {
            write_tx_by(c, user.actor_account_id(), |c| {
                accounts::ensure_live_jobseeker(c, user.account_id)?;
                let posting = q::find(c, posting_id)?;
                let existing = threads::find_for(c, posting_id, user.account_id)?;
                // Holding the posting's row lock until commit: a close waits for this thread
                // to exist, and so tells it.
                if existing.is_none() && !q::lock_if_open(c, posting_id)? {
                    return Err(ApiError::Conflict(
                        "posting_closed",
                        Msg::new("この募集は終了しています。", "This posting is closed."),
                    ));
                }
                let outcome = threads::contact(
                    c,
                    posting_id,
                    posting.facility_id,
                    user.account_id,
                    kind,
                    &message,
                )?;
                let (t, created) = match outcome {
                    Contacted::Created(t) => (t, true),
                    Contacted::Upgraded(t) | Contacted::Existing(t) => (t, false),
                };
                Ok((detail(c, &user, &t, Party::Jobseeker)?, created))
            })
        })
        .await?;
    let mut res = if created {
        HttpResponse::Created()
    } else {
        HttpResponse::Ok()
    };
    Ok(res
        .insert_header((header::LOCATION, format!("/api/v1/threads/{}", detail.id)))
        .json(detail))
}

/// Send an inquiry (問い合わせ). The first one opens a thread (201) and discloses a masked
/// posting to this jobseeker; sending again returns the same thread (200).
#[utoipa::path(
    tag = "threads", params(("id" = i64, Path, description = "posting id")), request_body = ContactRequest, security(("bearer" = [])),
    responses(
        (status = 201, description = "A new thread; `Location` is the thread", body = ThreadDetail,
            headers(("Location" = String, description = "`/api/v1/threads/{id}`")), links(
                ("get_thread" = (operation_id = "get_thread", parameters(("id" = "$response.body#/id")))),
                ("create_message" = (operation_id = "create_message", parameters(("id" = "$response.body#/id")))),
            )),
        (status = 200, description = "The existing thread", body = ThreadDetail,
            headers(("Location" = String, description = "`/api/v1/threads/{id}`")), links(
                ("get_thread" = (operation_id = "get_thread", parameters(("id" = "$response.body#/id")))),
                ("create_message" = (operation_id = "create_message", parameters(("id" = "$response.body#/id")))),
            )),
        (status = 400, description = "Not JSON, an unknown field or a wrong type", body = ErrorBody),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not a jobseeker; a jobseeker account that has left", body = ErrorBody),
        (status = 404, description = "No such posting", body = ErrorBody),
        (status = 409, description = "The posting is closed", body = ErrorBody),
        (status = 413, description = "Body too large", body = ErrorBody),
        (status = 422, description = "A field breaks its rule (see the schema)", body = ErrorBody),
    )
)]
#[post("/postings/{id}/inquiries")]
pub async fn create_inquiry(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<i64>,
    body: ValidJson<ContactRequest>,
) -> AppResult<HttpResponse> {
    contact(state, user, id.into_inner(), ThreadKind::Inquiry, body.0).await
}

/// Apply (応募). Opens a thread (201), or upgrades this jobseeker's inquiry to an
/// application, or returns the existing application (200). Never a duplicate.
#[utoipa::path(
    tag = "threads", params(("id" = i64, Path, description = "posting id")), request_body = ContactRequest, security(("bearer" = [])),
    responses(
        (status = 201, description = "A new thread; `Location` is the thread", body = ThreadDetail,
            headers(("Location" = String, description = "`/api/v1/threads/{id}`")), links(
                ("get_thread" = (operation_id = "get_thread", parameters(("id" = "$response.body#/id")))),
                ("create_message" = (operation_id = "create_message", parameters(("id" = "$response.body#/id")))),
            )),
        (status = 200, description = "The existing thread (upgraded from an inquiry if it was one)", body = ThreadDetail,
            headers(("Location" = String, description = "`/api/v1/threads/{id}`")), links(
                ("get_thread" = (operation_id = "get_thread", parameters(("id" = "$response.body#/id")))),
                ("create_message" = (operation_id = "create_message", parameters(("id" = "$response.body#/id")))),
            )),
        (status = 400, description = "Not JSON, an unknown field or a wrong type", body = ErrorBody),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not a jobseeker; a jobseeker account that has left", body = ErrorBody),
        (status = 404, description = "No such posting", body = ErrorBody),
        (status = 409, description = "The posting is closed", body = ErrorBody),
        (status = 413, description = "Body too large", body = ErrorBody),
        (status = 422, description = "A field breaks its rule (see the schema)", body = ErrorBody),
    )
)]
#[post("/postings/{id}/applications")]
pub async fn create_application(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<i64>,
    body: ValidJson<ContactRequest>,
) -> AppResult<HttpResponse> {
    contact(
        state,
        user,
        id.into_inner(),
        ThreadKind::Application,
        body.0,
    )
    .await
}

/// Not answered yet: never answered, or an inquiry answered before it became an application
/// that is still waiting at `applied` with the jobseeker's word last (so an upgraded inquiry
/// is new again, and never hides in another box).
fn is_new(t: &ThreadRow) -> bool {
    match t.first_response_at {
        None => true,
        Some(first) => {
            t.stage() == Stage::Applied
                && t.applied_at.is_some_and(|a| a > first)
                && t.last_message_by == Sender::Jobseeker.code()
        }
    }
}

fn in_box(t: &ThreadRow, b: &str) -> bool {
    let decided = !t.stage().is_pending();
    match b {
        "decided" => decided,
        "new" => !decided && is_new(t),
        "awaiting_reply" => !decided && !is_new(t) && t.last_message_by == Sender::Jobseeker.code(),
        "in_progress" => {
            !decided
                && t.first_response_at.is_some()
                && t.last_message_by != Sender::Jobseeker.code()
        }
        _ => true,
    }
}

/// The caller's threads as list lines: a jobseeker's own, or a facility's inbox across its
/// postings, in `box` when given.
fn inbox(c: &mut DbConn, user: &AuthUser, b: Option<ThreadBox>) -> AppResult<Vec<ThreadSummary>> {
    let (rows, facility_view) = match user.role {
        Role::Jobseeker => (threads::list_for_jobseeker(c, user.account_id)?, false),
        Role::Facility => (
            threads::list_for_facility(c, user.ensure_facility()?)?,
            true,
        ),
        _ => {
            return Err(ApiError::Forbidden(Msg::new(
                "求職者と医療機関のみ利用できます。",
                "For jobseekers and facilities.",
            )))
        }
    };
    let audience = if facility_view {
        Audience::Manager
    } else {
        Audience::Jobseeker {
            account_id: user.account_id,
            contacted: true,
        }
    };
    let ids: Vec<i64> = rows.iter().map(|t| t.id).collect();
    let referrers = crate::db::partners::referrers(c, &ids)?;
    let mut out = vec![];
    for t in rows
        .iter()
        .filter(|t| b.is_none_or(|b| in_box(t, b.code())))
    {
        let posting = q::find(c, t.posting_id)?;
        let name = if facility_view {
            Some(accounts::find_jobseeker(c, t.jobseeker_account_id)?.name)
        } else {
            None
        };
        let summary = thread_posting(c, &posting, audience)?;
        let mut line = ThreadSummary::new(t, summary, name, referrers.get(&t.id).cloned());
        line.unread = t.unread_by(if facility_view {
            threads::Side::Facility
        } else {
            threads::Side::Jobseeker
        });
        out.push(line);
    }
    Ok(out)
}

/// A jobseeker's threads, or a facility's inbox across its postings (filtered by `box`).
#[utoipa::path(
    tag = "threads", params(ThreadListParams), security(("bearer" = [])),
    responses(
        (status = 200, body = ThreadList),
        (status = 400, description = "A repeated or malformed parameter", body = ErrorBody),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Neither a jobseeker nor a facility", body = ErrorBody),
        (status = 422, description = "An unknown `box`", body = ErrorBody),
    )
)]
#[get("/threads")]
pub async fn list_threads(
    state: web::Data<AppState>,
    user: AuthUser,
    params: web::Query<ThreadListParams>,
) -> AppResult<web::Json<ThreadList>> {
    let b = match params.into_inner().r#box {
        None => None,
        Some(b) => Some(ThreadBox::parse(&b).ok_or_else(|| {
            ApiError::field(
                "box",
                "unknown_code",
                Msg::new("選択肢にない値です。", "Not one of the allowed values."),
            )
        })?),
    };
    let items = state.db.run(move |c| inbox(c, &user, b)).await?;
    Ok(web::Json(ThreadList { items }))
}

fn thread_posting(c: &mut DbConn, p: &PostingRow, audience: Audience) -> AppResult<ThreadPosting> {
    Ok(ThreadPosting {
        id: p.id,
        occupation: crate::domain::codes::Occupation::parse(&p.occupation)
            .ok_or_else(|| ApiError::internal("occupation"))?,
        prefecture_name: Prefecture::parse(&p.prefecture_code)
            .map(|x| x.label().ja.to_string())
            .unwrap_or_default(),
        municipality: p.municipality.clone(),
        // Both parties of a thread may see the name (a jobseeker's view is audited).
        facility_name: disclose(c, p, audience)?.map(|i| i.facility_name),
    })
}

/// One thread with its messages, interviews, result and training report. Reading it is
/// audited: a masked posting disclosed to the jobseeker, the jobseeker's data to the facility.
#[utoipa::path(
    tag = "threads", params(("id" = i64, Path, minimum = 1)), security(("bearer" = [])),
    responses(
        (status = 200, body = ThreadDetail),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 404, description = "No such thread, or not a party to it", body = ErrorBody),
    )
)]
#[get("/threads/{id}")]
pub async fn get_thread(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<i64>,
) -> AppResult<web::Json<ThreadDetail>> {
    let id = id.into_inner();
    Ok(web::Json(
        state
            .db
            .run(move |c| {
                write_tx_by(c, user.actor_account_id(), |c| {
                    let (t, p) = party_to(c, &user, id)?;
                    detail(c, &user, &t, p)
                })
            })
            .await?,
    ))
}

/// Write in a thread. Two people answering at once both get their message in.
#[utoipa::path(
    tag = "threads", params(("id" = i64, Path, minimum = 1)), request_body = ContactRequest, security(("bearer" = [])),
    responses(
        (status = 201, body = MessageView),
        (status = 400, description = "Not JSON, an unknown field or a wrong type", body = ErrorBody),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "A suspended facility; a jobseeker account that has left", body = ErrorBody),
        (status = 404, description = "No such thread, or not a party to it", body = ErrorBody),
        (status = 409, description = "The jobseeker has left the service", body = ErrorBody),
        (status = 413, description = "Body too large", body = ErrorBody),
        (status = 422, description = "A field breaks its rule (see the schema)", body = ErrorBody),
    )
)]
#[post("/threads/{id}/messages")]
pub async fn create_message(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<i64>,
    body: ValidJson<ContactRequest>,
) -> AppResult<HttpResponse> {
    let id = id.into_inner();
    let mut e = Errors::default();
    let Some(message) = message_text(&mut e, "message", &body.0.message) else {
        return Err(ApiError::Validation(e.0));
    };
    let m = state
        .db
        .run(move |c| {
            write_tx_by(c, user.actor_account_id(), |c| {
                let (t, sender) = writer(c, &user, id)?;
                if t.stage() == Stage::Withdrawn {
                    return Err(ApiError::Conflict(
                        "withdrawn",
                        Msg::new(
                            "求職者が退会しています。",
                            "The jobseeker has left the service.",
                        ),
                    ));
                }
                threads::add_message(c, &t, sender, user.account_id, &message)
            })
        })
        .await?;
    Ok(HttpResponse::Created().json(MessageView::from(m)))
}

/// Move an application to screening or interview (the facility). A stale `version` is a 409.
#[utoipa::path(
    tag = "threads", params(("id" = i64, Path, minimum = 1)), request_body = StageRequest, security(("bearer" = [])),
    responses(
        (status = 200, body = ThreadDetail),
        (status = 400, description = "Not JSON, an unknown field or a wrong type", body = ErrorBody),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not the facility (or an admin); a suspended facility", body = ErrorBody),
        (status = 404, description = "No such thread, or not a party to it", body = ErrorBody),
        (status = 409, description = "A stale `version`, or a thread that cannot move there", body = ErrorBody),
        (status = 413, description = "Body too large", body = ErrorBody),
        (status = 422, description = "A field breaks its rule (see the schema)", body = ErrorBody),
    )
)]
#[post("/threads/{id}/stage")]
pub async fn update_thread_stage(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<i64>,
    body: ValidJson<StageRequest>,
) -> AppResult<web::Json<ThreadDetail>> {
    let id = id.into_inner();
    let stage = match StageChange::parse(body.0.stage.trim()) {
        Some(StageChange::Screening) => Stage::Screening,
        Some(StageChange::Interview) => Stage::Interview,
        None => {
            return Err(ApiError::field(
                "stage",
                "unknown_code",
                Msg::new(
                    "screening または interview を指定してください。",
                    "Use screening or interview.",
                ),
            ))
        }
    };
    let version = body.0.version;
    Ok(web::Json(
        state
            .db
            .run(move |c| {
                write_tx_by(c, user.actor_account_id(), |c| {
                    let (_, p) = facility_acting(c, &user, id)?;
                    let t = threads::set_stage(c, id, version, stage, user.account_id)?;
                    detail(c, &user, &t, p)
                })
            })
            .await?,
    ))
}

/// Schedule an online interview (the facility). Both sides get mail with an `.ics` invitation.
#[utoipa::path(
    tag = "threads", params(("id" = i64, Path, minimum = 1)), request_body = InterviewRequest, security(("bearer" = [])),
    responses(
        (status = 201, body = InterviewView, links(
            ("respond_interview" = (operation_id = "respond_interview", parameters(("id" = "$request.path.id"), ("interview_id" = "$response.body#/id")))),
        )),
        (status = 400, description = "Not JSON, an unknown field or a wrong type", body = ErrorBody),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not the facility (or an admin); a suspended facility", body = ErrorBody),
        (status = 404, description = "No such thread, or not a party to it", body = ErrorBody),
        (status = 409, description = "The thread is decided or withdrawn", body = ErrorBody),
        (status = 413, description = "Body too large", body = ErrorBody),
        (status = 422, description = "`starts_at` in the past", body = ErrorBody),
    )
)]
#[post("/threads/{id}/interviews")]
pub async fn create_interview(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<i64>,
    body: ValidJson<InterviewRequest>,
) -> AppResult<HttpResponse> {
    let id = id.into_inner();
    let new = Interview::parse(&body.0, crate::clock::now()).map_err(ApiError::Validation)?;
    let interview = state
        .db
        .run(move |c| {
            write_tx_by(c, user.actor_account_id(), |c| {
                let (t, _) = facility_acting(c, &user, id)?;
                threads::schedule_interview(c, &t, &new)
            })
        })
        .await?;
    Ok(HttpResponse::Created().json(InterviewView::from(interview)))
}

/// Accept or decline a proposed interview (the jobseeker), once.
#[utoipa::path(
    tag = "threads", params(("id" = i64, Path, minimum = 1), ("interview_id" = i64, Path, minimum = 1)), request_body = InterviewResponse, security(("bearer" = [])),
    responses(
        (status = 200, body = InterviewView),
        (status = 400, description = "Not JSON, an unknown field or a wrong type", body = ErrorBody),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not the thread's jobseeker; an account that has left", body = ErrorBody),
        (status = 404, description = "No such thread or interview, or not a party to it", body = ErrorBody),
        (status = 409, description = "Already answered, or cancelled", body = ErrorBody),
        (status = 413, description = "Body too large", body = ErrorBody),
    )
)]
#[post("/threads/{id}/interviews/{interview_id}/response")]
pub async fn respond_interview(
    state: web::Data<AppState>,
    user: AuthUser,
    path: web::Path<(i64, i64)>,
    body: ValidJson<InterviewResponse>,
) -> AppResult<web::Json<InterviewView>> {
    let (id, interview_id) = path.into_inner();
    let accept = body.0.accept;
    let i = state
        .db
        .run(move |c| {
            write_tx_by(c, user.actor_account_id(), |c| {
                let t = jobseeker_acting(c, &user, id)?;
                let i = threads::respond_interview(c, id, interview_id, accept)?;
                let text = if accept {
                    "面接の日程を承諾しました。"
                } else {
                    "面接の日程を辞退しました。"
                };
                threads::append_message(c, &t, Sender::Jobseeker, user.account_id, text)?;
                Ok(i)
            })
        })
        .await?;
    Ok(web::Json(InterviewView::from(i)))
}

/// Notify the result, hired or not hired, with a message (the facility). Refused (409) once
/// decided, when the posting closed first, or on a stale `version`.
#[utoipa::path(
    tag = "threads", params(("id" = i64, Path, minimum = 1)), request_body = DecisionRequest, security(("bearer" = [])),
    responses(
        (status = 200, body = ThreadDetail),
        (status = 400, description = "Not JSON, an unknown field or a wrong type", body = ErrorBody),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not the facility (or an admin); a suspended facility", body = ErrorBody),
        (status = 404, description = "No such thread, or not a party to it", body = ErrorBody),
        (status = 409, description = "Already decided, the posting closed first, or a stale `version`", body = ErrorBody),
        (status = 413, description = "Body too large", body = ErrorBody),
        (status = 422, description = "A field breaks its rule (see the schema)", body = ErrorBody),
    )
)]
#[post("/threads/{id}/decision")]
pub async fn create_decision(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<i64>,
    body: ValidJson<DecisionRequest>,
) -> AppResult<web::Json<ThreadDetail>> {
    let id = id.into_inner();
    let b = body.0;
    let mut e = Errors::default();
    let decision = Decision::parse(b.result.trim());
    if decision.is_none() {
        e.unknown_code("result");
    }
    let message = message_text(&mut e, "message", &b.message);
    let (Some(decision), Some(message), true) = (decision, message, e.0.is_empty()) else {
        return Err(ApiError::Validation(e.0));
    };
    Ok(web::Json(
        state
            .db
            .run(move |c| {
                write_tx_by(c, user.actor_account_id(), |c| {
                    let (_, p) = facility_acting(c, &user, id)?;
                    let t = threads::decide(c, id, b.version, decision, &message, user.account_id)?;
                    detail(c, &user, &t, p)
                })
            })
            .await?,
    ))
}

/// Report that a hire completed the training (the facility; allowed while resting too).
#[utoipa::path(
    tag = "threads", params(("id" = i64, Path, minimum = 1)), request_body = TrainingReportRequest, security(("bearer" = [])),
    responses(
        (status = 201, body = TrainingReportView),
        (status = 400, description = "Not JSON, an unknown field or a wrong type", body = ErrorBody),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not the facility (or an admin)", body = ErrorBody),
        (status = 404, description = "No such thread, or not a party to it", body = ErrorBody),
        (status = 409, description = "Not a hire, or already reported", body = ErrorBody),
        (status = 413, description = "Body too large", body = ErrorBody),
        (status = 422, description = "`completed_on` in the future; a required item missing; `other` without `other_items`", body = ErrorBody),
    )
)]
#[post("/threads/{id}/training-report")]
pub async fn create_training_report(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<i64>,
    body: ValidJson<TrainingReportRequest>,
) -> AppResult<HttpResponse> {
    let id = id.into_inner();
    let report = TrainingReport::parse(&body.0, crate::clock::today_in_japan())
        .map_err(ApiError::Validation)?;
    let report = state
        .db
        .run(move |c| {
            write_tx_by(c, user.actor_account_id(), |c| {
                let (t, _) = facility_side(c, &user, id)?;
                threads::report_training(c, &t, &report, user.account_id)
            })
        })
        .await?;
    Ok(HttpResponse::Created().json(TrainingReportView::from(report)))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct WithdrawRequest {
    /// The thread's `version` as last read (409 when it moved meanwhile).
    pub version: i32,
    /// A word to the facility, optional (1–4000 characters when given).
    #[serde(default)]
    #[schema(schema_with = schema::text::<4000>)]
    pub message: Option<String>,
}

/// Withdraw an inquiry or application (the jobseeker), while it is pending. The facility is
/// mailed; interviews still to come are called off (both calendars get a cancellation).
#[utoipa::path(
    tag = "threads", params(("id" = i64, Path, minimum = 1)), request_body = WithdrawRequest, security(("bearer" = [])),
    responses(
        (status = 200, body = ThreadDetail),
        (status = 400, description = "Not JSON, an unknown field or a wrong type", body = ErrorBody),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not the thread's jobseeker; an account that has left", body = ErrorBody),
        (status = 404, description = "No such thread, or not a party to it", body = ErrorBody),
        (status = 409, description = "Decided, closed or withdrawn already, or a stale `version`", body = ErrorBody),
        (status = 413, description = "Body too large", body = ErrorBody),
        (status = 422, description = "A blank or too long message", body = ErrorBody),
    )
)]
#[post("/threads/{id}/withdraw")]
pub async fn withdraw_thread(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<i64>,
    body: ValidJson<WithdrawRequest>,
) -> AppResult<web::Json<ThreadDetail>> {
    let id = id.into_inner();
    let WithdrawRequest { version, message } = body.0;
    let mut e = Errors::default();
    let message = match message {
        Some(m) => match message_text(&mut e, "message", &m) {
            Some(m) => Some(m),
            None => return Err(ApiError::Validation(e.0)),
        },
        None => None,
    };
    Ok(web::Json(
        state
            .db
            .run(move |c| {
                write_tx_by(c, user.actor_account_id(), |c| {
                    jobseeker_acting(c, &user, id)?;
                    let t = threads::withdraw(c, id, version, user.account_id, message.as_deref())?;
                    detail(c, &user, &t, Party::Jobseeker)
                })
            })
            .await?,
    ))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct InterviewChange {
    /// For a new time: RFC 3339 (or `YYYY-MM-DDTHH:MM`, Japan time), in the future.
    #[schema(format = DateTime, example = "2026-12-04T10:00:00+09:00")]
    pub starts_at: String,
    /// 5–480 minutes.
    #[schema(minimum = 5, maximum = 480)]
    pub duration_minutes: i32,
    /// A new video link (the facility only; the jobseeker's change keeps the link).
    #[serde(default)]
    #[schema(schema_with = schema::video_url)]
    pub video_url: Option<String>,
    /// Why, written into the thread (optional, 1–4000 characters).
    #[serde(default)]
    #[schema(schema_with = schema::text::<4000>)]
    pub message: Option<String>,
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct InterviewCancel {
    /// Why, written into the thread (optional, 1–4000 characters).
    #[serde(default)]
    #[schema(schema_with = schema::text::<4000>)]
    pub message: Option<String>,
}

/// The optional message of an interview change, checked like any message.
fn optional_message(message: Option<String>) -> AppResult<Option<String>> {
    let mut e = Errors::default();
    match message {
        None => Ok(None),
        Some(m) => message_text(&mut e, "message", &m)
            .map(Some)
            .ok_or(ApiError::Validation(e.0)),
    }
}

/// Move an interview to a new time (either side, while the application is pending). Both
/// sides get mail with the updated invitation (same UID, a higher SEQUENCE). Moved by the
/// facility it waits for the jobseeker's answer again; moved by the jobseeker it stands
/// accepted.
#[utoipa::path(
    tag = "threads", params(("id" = i64, Path, minimum = 1), ("interview_id" = i64, Path, minimum = 1)), request_body = InterviewChange, security(("bearer" = [])),
    responses(
        (status = 200, body = InterviewView),
        (status = 400, description = "Not JSON, an unknown field or a wrong type", body = ErrorBody),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "A suspended facility; a jobseeker account that has left", body = ErrorBody),
        (status = 404, description = "No such thread or interview, or not a party to it", body = ErrorBody),
        (status = 409, description = "Cancelled or declined already, or the thread is not pending", body = ErrorBody),
        (status = 413, description = "Body too large", body = ErrorBody),
        (status = 422, description = "`starts_at` in the past; a field breaks its rule", body = ErrorBody),
    )
)]
#[post("/threads/{id}/interviews/{interview_id}/reschedule")]
pub async fn reschedule_interview(
    state: web::Data<AppState>,
    user: AuthUser,
    path: web::Path<(i64, i64)>,
    body: ValidJson<InterviewChange>,
) -> AppResult<web::Json<InterviewView>> {
    let (id, interview_id) = path.into_inner();
    let InterviewChange {
        starts_at,
        duration_minutes,
        video_url,
        message,
    } = body.0;
    let message = optional_message(message)?;
    let i = state
        .db
        .run(move |c| {
            write_tx_by(c, user.actor_account_id(), |c| {
                let (t, sender) = acting_side(c, &user, id)?;
                let current: threads::InterviewRow = threads::interviews_of(c, id)?
                    .into_iter()
                    .find(|i| i.id == interview_id)
                    .ok_or(ApiError::NotFound)?;
                let request = crate::domain::interview::InterviewRequest {
                    starts_at,
                    duration_minutes,
                    video_url: match (sender, video_url) {
                        (Sender::Facility, Some(url)) => url,
                        _ => current.video_url.clone(),
                    },
                    note: current.note.clone(),
                };
                let new = Interview::parse(&request, crate::clock::now())
                    .map_err(ApiError::Validation)?;
                let i = threads::reschedule_interview(c, id, interview_id, sender, &new)?;
                if let Some(m) = &message {
                    threads::append_message(c, &t, sender, user.account_id, m)?;
                }
                Ok(i)
            })
        })
        .await?;
    Ok(web::Json(InterviewView::from(i)))
}

/// Call off an interview (either side, while the application is pending). Both sides get
/// mail with a cancellation for their calendars (`METHOD:CANCEL`, a higher SEQUENCE).
#[utoipa::path(
    tag = "threads", params(("id" = i64, Path, minimum = 1), ("interview_id" = i64, Path, minimum = 1)), request_body = InterviewCancel, security(("bearer" = [])),
    responses(
        (status = 200, body = InterviewView),
        (status = 400, description = "Not JSON, an unknown field or a wrong type", body = ErrorBody),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "A suspended facility; a jobseeker account that has left", body = ErrorBody),
        (status = 404, description = "No such thread or interview, or not a party to it", body = ErrorBody),
        (status = 409, description = "Cancelled or declined already, or the thread is not pending", body = ErrorBody),
        (status = 413, description = "Body too large", body = ErrorBody),
        (status = 422, description = "A blank or too long message", body = ErrorBody),
    )
)]
#[post("/threads/{id}/interviews/{interview_id}/cancel")]
pub async fn cancel_interview(
    state: web::Data<AppState>,
    user: AuthUser,
    path: web::Path<(i64, i64)>,
    body: ValidJson<InterviewCancel>,
) -> AppResult<web::Json<InterviewView>> {
    let (id, interview_id) = path.into_inner();
    let message = optional_message(body.0.message)?;
    let i = state
        .db
        .run(move |c| {
            write_tx_by(c, user.actor_account_id(), |c| {
                let (t, sender) = acting_side(c, &user, id)?;
                let i = threads::cancel_interview(c, id, interview_id, sender)?;
                if let Some(m) = &message {
                    threads::append_message(c, &t, sender, user.account_id, m)?;
                }
                Ok(i)
            })
        })
        .await?;
    Ok(web::Json(InterviewView::from(i)))
}

/// Either side acting on an interview: the facility (an active one, or an admin for it) or
/// the thread's live jobseeker.
fn acting_side(c: &mut DbConn, user: &AuthUser, id: i64) -> AppResult<(ThreadRow, Sender)> {
    let (_, p) = party_to(c, user, id)?;
    Ok(match p {
        Party::Jobseeker => (jobseeker_acting(c, user, id)?, Sender::Jobseeker),
        Party::Facility | Party::Admin => (facility_acting(c, user, id)?.0, Sender::Facility),
    })
}

/// Note that the caller (the facility or the jobseeker of the thread) has read it; unread
/// counts follow. An admin's reading changes nothing.
#[utoipa::path(
    tag = "threads", params(("id" = i64, Path, minimum = 1)), security(("bearer" = [])),
    responses(
        (status = 204, description = "Marked read"),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 404, description = "No such thread, or not a party to it", body = ErrorBody),
    )
)]
#[post("/threads/{id}/read")]
pub async fn mark_thread_read(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<i64>,
) -> AppResult<HttpResponse> {
    let id = id.into_inner();
    state
        .db
        .run(move |c| {
            let (_, p) = party_to(c, &user, id)?;
            match p {
                Party::Facility => threads::mark_read(c, id, threads::Side::Facility),
                Party::Jobseeker => threads::mark_read(c, id, threads::Side::Jobseeker),
                Party::Admin => Ok(()),
            }
        })
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

#[derive(serde::Serialize, ToSchema)]
pub struct UnreadCount {
    /// Threads where the other side wrote since the caller last read them.
    pub unread: i64,
    /// The facility's inbox only: threads in the `new` box (nothing answered yet, or an
    /// application not answered since it came).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub new: Option<i64>,
}

/// How many of the caller's threads are unread (a facility's or a jobseeker's), for the
/// header.
#[utoipa::path(
    tag = "threads", security(("bearer" = [])),
    responses(
        (status = 200, body = UnreadCount),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Neither a facility nor a jobseeker", body = ErrorBody),
    )
)]
#[get("/threads/unread-count")]
pub async fn get_unread_count(
    state: web::Data<AppState>,
    user: AuthUser,
) -> AppResult<web::Json<UnreadCount>> {
    let (rows, side) = match (user.role, user.facility_id) {
        (Role::Facility, Some(f)) => (
            state
                .db
                .run(move |c| threads::list_for_facility(c, f))
                .await?,
            threads::Side::Facility,
        ),
        (Role::Jobseeker, _) => {
            let me = user.account_id;
            (
                state
                    .db
                    .run(move |c| threads::list_for_jobseeker(c, me))
                    .await?,
                threads::Side::Jobseeker,
            )
        }
        _ => {
            return Err(ApiError::Forbidden(Msg::new(
                "医療機関と求職者のみ利用できます。",
                "Only for facilities and jobseekers.",
            )))
        }
    };
    Ok(web::Json(UnreadCount {
        unread: rows.iter().filter(|t| t.unread_by(side)).count() as i64,
        new: (side == threads::Side::Facility)
            .then(|| rows.iter().filter(|t| in_box(t, "new")).count() as i64),
    }))
}
