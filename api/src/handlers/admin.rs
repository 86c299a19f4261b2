//! Oversight for admins: slow first responses, hires without a training report, the audit log.

use crate::auth::AuthUser;
use crate::db::{accounts, audit, postings as q, threads};
use crate::domain::codes::{AuditAction, ThreadKind};
use crate::error::{ApiError, AppResult, ErrorBody};
use crate::i18n::Msg;
use crate::state::AppState;
use crate::views::posting::utc;
use actix_web::{get, post, web, HttpResponse};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use utoipa::{IntoParams, ToSchema};

#[derive(Serialize, ToSchema)]
pub struct SlowResponse {
    pub thread_id: i64,
    pub posting_id: i64,
    pub facility_id: i64,
    pub facility_name: String,
    pub kind: ThreadKind,
    pub created_at: DateTime<Utc>,
    /// `null` while still unanswered.
    pub first_response_at: Option<DateTime<Utc>>,
    /// Hours from opening to the first answer (or to now, while unanswered).
    pub hours_waiting: i64,
}

#[derive(Serialize, ToSchema)]
pub struct SlowResponseList {
    /// The threshold in hours (`KEYNET_FIRST_RESPONSE_HOURS`).
    pub threshold_hours: i64,
    pub items: Vec<SlowResponse>,
}

#[derive(Serialize, ToSchema)]
pub struct MissingTraining {
    pub thread_id: i64,
    pub posting_id: i64,
    pub facility_id: i64,
    pub facility_name: String,
    pub jobseeker_name: String,
    pub decided_at: Option<DateTime<Utc>>,
    pub days_since: i64,
}

#[derive(Serialize, ToSchema)]
pub struct MissingTrainingList {
    pub items: Vec<MissingTraining>,
}

#[derive(Serialize, ToSchema)]
pub struct AuditEntry {
    pub at: DateTime<Utc>,
    pub actor_account_id: Option<i64>,
    /// Who acted, by name: a jobseeker's name, a facility's name, or an e-mail address.
    pub actor: Option<String>,
    /// The partner organisation that read (for `partner_read`).
    pub organisation: Option<String>,
    /// `posting_disclosed`, `jobseeker_viewed`, `partner_read`, or an admin action
    /// (`posting_entered`, `posting_edited`, `posting_closed`, `facility_corrected`, …).
    pub action: String,
    pub posting_id: Option<i64>,
    pub thread_id: Option<i64>,
    pub subject_account_id: Option<i64>,
    /// The jobseeker whose data was viewed, by name.
    pub subject: Option<String>,
    /// For `partner_read`: the channel and the postings read; for an admin action: the
    /// change and its facts.
    pub detail: Option<String>,
    /// Repeated views of one posting by one person on one day are one entry.
    pub times: i32,
    /// The last of those views.
    pub last_at: Option<DateTime<Utc>>,
}

#[derive(Serialize, ToSchema)]
pub struct AuditPage {
    pub items: Vec<AuditEntry>,
    pub total: i64,
    pub page: i64,
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PageParams {
    /// 1-based page number.
    #[param(minimum = 1, maximum = 100_000)]
    pub page: Option<i64>,
}

/// A 1-based page number of an admin list: 1 when absent, 1–100000.
pub(crate) fn page_number(page: Option<i64>) -> AppResult<i64> {
    let page = page.unwrap_or(1);
    if !(1..=100_000).contains(&page) {
        return Err(ApiError::field(
            "page",
            "out_of_range",
            Msg::new(
                "1〜100000の整数で指定してください。",
                "Must be a whole number from 1 to 100000.",
            ),
        ));
    }
    Ok(page)
}

/// Facilities slow to give a first response: still unanswered past the threshold, or answered late.
#[utoipa::path(
    tag = "admin", security(("bearer" = [])),
    responses((status = 200, body = SlowResponseList), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody))
)]
#[get("/admin/slow-responses")]
pub async fn list_slow_responses(
    state: web::Data<AppState>,
    user: AuthUser,
) -> AppResult<web::Json<SlowResponseList>> {
    user.ensure_admin()?;
    let hours = state.settings.first_response_hours;
    let items = state
        .db
        .run(move |c| {
            let threshold = chrono::Duration::hours(hours);
            let now = accounts::now();
            let mut rows = threads::unanswered_since(c, now - threshold)?;
            rows.extend(threads::answered_late(c, threshold)?);
            let mut out = vec![];
            for t in rows {
                let f = accounts::find_facility(c, t.facility_id)?;
                let until = t.first_response_at.unwrap_or(now);
                out.push(SlowResponse {
                    thread_id: t.id,
                    posting_id: t.posting_id,
                    facility_id: f.id,
                    facility_name: f.name,
                    kind: t.kind(),
                    created_at: utc(t.created_at),
                    first_response_at: t.first_response_at.map(utc),
                    hours_waiting: (until - t.created_at).num_hours(),
                });
            }
            out.sort_by_key(|s| std::cmp::Reverse(s.hours_waiting));
            Ok(out)
        })
        .await?;
    Ok(web::Json(SlowResponseList {
        threshold_hours: hours,
        items,
    }))
}

/// Hires whose training completion has not been reported.
#[utoipa::path(
    tag = "admin", security(("bearer" = [])),
    responses((status = 200, body = MissingTrainingList), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody))
)]
#[get("/admin/missing-training-reports")]
pub async fn list_missing_training_reports(
    state: web::Data<AppState>,
    user: AuthUser,
) -> AppResult<web::Json<MissingTrainingList>> {
    user.ensure_admin()?;
    let items = state
        .db
        .run(|c| {
            let now = accounts::now();
            let mut out = vec![];
            for t in threads::hires_without_training(c)? {
                let f = accounts::find_facility(c, t.facility_id)?;
                let name = accounts::find_jobseeker(c, t.jobseeker_account_id)?.name;
                let _ = q::find(c, t.posting_id)?;
                out.push(MissingTraining {
                    thread_id: t.id,
                    posting_id: t.posting_id,
                    facility_id: f.id,
                    facility_name: f.name,
                    jobseeker_name: name,
                    decided_at: t.decided_at.map(utc),
                    days_since: t.decided_at.map(|d| (now - d).num_days()).unwrap_or(0),
                });
            }
            Ok(out)
        })
        .await?;
    Ok(web::Json(MissingTrainingList { items }))
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AuditParams {
    #[param(inline, value_type = Option<AuditAction>)]
    pub action: Option<String>,
    /// Part of the name or e-mail address of who acted (or of the reading organisation).
    #[param(max_length = 100)]
    pub actor: Option<String>,
    /// Part of the name or e-mail address of the jobseeker concerned.
    #[param(max_length = 100)]
    pub subject: Option<String>,
    #[param(minimum = 1, maximum = 9_007_199_254_740_991_i64)]
    pub posting_id: Option<i64>,
    /// First day, Japan time (`2026-11-01`).
    pub from: Option<chrono::NaiveDate>,
    /// Last day, Japan time, included.
    pub to: Option<chrono::NaiveDate>,
    /// 1-based page number (the CSV ignores it).
    #[param(minimum = 1, maximum = 100_000)]
    pub page: Option<i64>,
}

impl AuditParams {
    fn filter(&self) -> AppResult<audit::Filter> {
        let mut e = crate::domain::posting::Errors::default();
        let actor = e.optional_text("actor", self.actor.as_deref(), 100);
        let subject = e.optional_text("subject", self.subject.as_deref(), 100);
        let action = match self.action.as_deref() {
            Some(a) => match AuditAction::parse(a) {
                Some(a) => Some(a.code()),
                None => {
                    e.push(
                        "action",
                        "unknown_code",
                        Msg::new("選択肢にない値です。", "Not one of the allowed values."),
                    );
                    None
                }
            },
            None => None,
        };
        if let (Some(f), Some(t)) = (self.from, self.to) {
            if t < f {
                e.push(
                    "to",
                    "end_before_start",
                    Msg::new(
                        "開始日より後の日付を指定してください。",
                        "Must not be before the first day.",
                    ),
                );
            }
        }
        if self.posting_id.is_some_and(|p| p < 1) {
            e.push(
                "posting_id",
                "out_of_range",
                Msg::new("1以上の整数で指定してください。", "Must be 1 or more."),
            );
        }
        if !e.0.is_empty() {
            return Err(ApiError::Validation(e.0));
        }
        // Japan-time days, as UTC instants.
        let start = |d: chrono::NaiveDate| {
            d.and_hms_opt(0, 0, 0).unwrap_or_default() - chrono::Duration::hours(9)
        };
        Ok(audit::Filter {
            action,
            actor,
            subject,
            posting_id: self.posting_id,
            from: self.from.map(start),
            until: self.to.and_then(|d| d.succ_opt()).map(start),
        })
    }
}

/// The entries of `filter` with people and organisations named; and how many match.
fn audit_entries(
    c: &mut crate::db::DbConn,
    filter: &audit::Filter,
    offset: i64,
    limit: i64,
) -> AppResult<(Vec<AuditEntry>, i64)> {
    let (rows, total) = audit::select(c, filter, offset, limit)?;
    let ids: Vec<i64> = rows
        .iter()
        .flat_map(|r| [r.actor_account_id, r.subject_account_id])
        .flatten()
        .collect();
    let names = audit::names(c, &ids)?;
    let orgs: HashMap<i64, String> = crate::db::partners::list(c)?
        .into_iter()
        .map(|o| (o.id, o.name))
        .collect();
    let name = |id: Option<i64>| id.and_then(|i| names.get(&i).cloned());
    let items = rows
        .into_iter()
        .map(|r| AuditEntry {
            at: utc(r.created_at),
            actor_account_id: r.actor_account_id,
            actor: name(r.actor_account_id),
            organisation: r.organisation_id.and_then(|o| orgs.get(&o).cloned()),
            action: r.action,
            posting_id: r.posting_id,
            thread_id: r.thread_id,
            subject_account_id: r.subject_account_id,
            subject: name(r.subject_account_id),
            detail: r.detail,
            times: r.times,
            last_at: r.last_at.map(utc),
        })
        .collect();
    Ok((items, total))
}

/// The audit log, newest first, 50 a page, narrowed by action, actor, jobseeker, posting and
/// Japan-time days.
#[utoipa::path(
    tag = "admin", params(AuditParams), security(("bearer" = [])),
    responses(
        (status = 200, body = AuditPage),
        (status = 400, description = "A parameter of the wrong type (a date not `YYYY-MM-DD`)", body = ErrorBody),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not an admin", body = ErrorBody),
        (status = 422, description = "`page` out of 1–100000; an unknown action; `to` before `from`", body = ErrorBody),
    )
)]
#[get("/admin/audit-log")]
pub async fn list_audit_log(
    state: web::Data<AppState>,
    user: AuthUser,
    params: web::Query<AuditParams>,
) -> AppResult<web::Json<AuditPage>> {
    user.ensure_admin()?;
    let page = page_number(params.page)?;
    let filter = params.filter()?;
    let (items, total) = state
        .db
        .run(move |c| audit_entries(c, &filter, (page - 1) * 50, 50))
        .await?;
    Ok(web::Json(AuditPage { items, total, page }))
}

/// At most this many entries go into one CSV (narrow the filter for more).
const AUDIT_CSV_MAX: i64 = 100_000;

/// The audit log as CSV for Excel (UTF-8 with BOM, CRLF, Japan time), with the same filters;
/// at most 100,000 entries, newest first.
#[utoipa::path(
    tag = "admin", params(AuditParams), security(("bearer" = [])),
    responses(
        (status = 200, content_type = "text/csv", body = String),
        (status = 400, description = "A parameter of the wrong type (a date not `YYYY-MM-DD`)", body = ErrorBody),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not an admin", body = ErrorBody),
        (status = 422, description = "`page` out of 1–100000; an unknown action; `to` before `from`", body = ErrorBody),
    )
)]
#[get("/admin/audit-log.csv")]
pub async fn get_audit_log_csv(
    state: web::Data<AppState>,
    user: AuthUser,
    params: web::Query<AuditParams>,
) -> AppResult<HttpResponse> {
    user.ensure_admin()?;
    page_number(params.page)?;
    let filter = params.filter()?;
    let (items, _) = state
        .db
        .run(move |c| audit_entries(c, &filter, 0, AUDIT_CSV_MAX))
        .await?;
    let cell = crate::views::partner::neutralise;
    let jst = |t: DateTime<Utc>| {
        crate::clock::jst(t.naive_utc())
            .format("%Y-%m-%d %H:%M:%S")
            .to_string()
    };
    let mut rows = vec![[
        "日時（日本時間）",
        "操作",
        "操作した人・組織",
        "求人ID",
        "対象の求職者",
        "詳細",
        "この日の回数",
        "最後の日時（日本時間）",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect::<Vec<_>>()];
    for e in items {
        rows.push(vec![
            jst(e.at),
            AuditAction::parse(&e.action)
                .map(|a| a.label().ja.to_string())
                .unwrap_or(e.action.clone()),
            cell(&e.organisation.or(e.actor).unwrap_or_default()),
            e.posting_id.map(|p| p.to_string()).unwrap_or_default(),
            cell(&e.subject.unwrap_or_default()),
            cell(&e.detail.unwrap_or_default()),
            e.times.to_string(),
            e.last_at.map(jst).unwrap_or_default(),
        ]);
    }
    let mut body = vec![0xEF, 0xBB, 0xBF];
    body.extend(crate::partner::csv_bytes(&rows)?);
    Ok(HttpResponse::Ok()
        .content_type("text/csv; charset=utf-8")
        .insert_header((
            "Content-Disposition",
            "attachment; filename=\"keynet-audit-log.csv\"",
        ))
        .body(body))
}

#[derive(Serialize, ToSchema)]
pub struct ActivationSent {
    /// Where the new link went (the facility's registered address).
    pub sent_to: String,
}

/// Send a facility a new one-time link to set its password (the first mail was lost, or the
/// password forgotten). Earlier unused links stop working.
#[utoipa::path(
    tag = "admin", params(("id" = i64, Path, minimum = 1, description = "facility id")), security(("bearer" = [])),
    responses(
        (status = 202, body = ActivationSent),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not an admin", body = ErrorBody),
        (status = 404, description = "No such facility", body = ErrorBody),
    )
)]
#[post("/admin/facilities/{id}/activation")]
pub async fn create_facility_activation(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<i64>,
) -> AppResult<HttpResponse> {
    user.ensure_admin()?;
    let id = id.into_inner();
    let sent_to = state
        .db
        .write_by(&user, move |c| Ok(accounts::request_new_link(c, id)?.email))
        .await?;
    Ok(HttpResponse::Accepted().json(ActivationSent { sent_to }))
}
