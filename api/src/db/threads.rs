//! Threads between a jobseeker and a facility about one posting: inquiry or application,
//! messages, stages, interviews, the decision and the training report. Every state change
//! is one conditional UPDATE, so racing requests get a clear 409 instead of a lost write.

use super::changes::{self, Kind};
use super::schema::{interviews, thread_messages, threads, training_reports};
use super::{is_unique_violation, DbConn};
use crate::clock::now;
use crate::domain::codes::{Decision, InterviewStatus, Sender, Stage, ThreadKind};
use crate::error::{ApiError, AppResult};
use crate::i18n::Msg;
use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use serde_json::json;

#[derive(Clone, Debug, Queryable)]
pub struct ThreadRow {
    pub id: i64,
    pub posting_id: i64,
    pub facility_id: i64,
    pub jobseeker_account_id: i64,
    pub kind: String,
    pub stage: String,
    pub version: i32,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub applied_at: Option<NaiveDateTime>,
    pub first_response_at: Option<NaiveDateTime>,
    pub last_message_at: NaiveDateTime,
    pub last_message_by: String,
    pub reminder_sent_at: Option<NaiveDateTime>,
    pub decided_at: Option<NaiveDateTime>,
    pub decision_result: Option<String>,
    pub decision_message: Option<String>,
    pub facility_read_at: Option<NaiveDateTime>,
    pub jobseeker_read_at: Option<NaiveDateTime>,
}

impl ThreadRow {
    pub fn kind(&self) -> ThreadKind {
        ThreadKind::parse(&self.kind).unwrap_or(ThreadKind::Inquiry)
    }
    pub fn stage(&self) -> Stage {
        Stage::parse(&self.stage).unwrap_or(Stage::Inquiry)
    }
}

#[derive(Clone, Debug, Queryable)]
pub struct MessageRow {
    pub id: i64,
    pub thread_id: i64,
    pub sender: String,
    pub sender_account_id: Option<i64>,
    pub body: String,
    pub created_at: NaiveDateTime,
}

#[derive(Clone, Debug, Queryable)]
pub struct InterviewRow {
    pub id: i64,
    pub thread_id: i64,
    pub starts_at: NaiveDateTime,
    pub duration_minutes: i32,
    pub video_url: String,
    pub note: String,
    pub status: String,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub reminded_at: Option<NaiveDateTime>,
    /// The iCalendar SEQUENCE of its invitation: 0, then one more per change.
    pub sequence: i32,
}

#[derive(Clone, Debug, Queryable)]
pub struct TrainingRow {
    pub thread_id: i64,
    pub completed_on: NaiveDate,
    pub items: String,
    pub other_items: Option<String>,
    pub hours_tenths: i32,
    pub materials: String,
    pub reported_by: Option<i64>,
    pub reported_at: NaiveDateTime,
}

/// Stages of an application still waiting for its result.
const APPLICATION_PENDING: [&str; 3] = ["applied", "screening", "interview"];
/// Stages of any thread still waiting for an outcome (see [`Stage::is_pending`]).
const ALL_PENDING: [&str; 4] = ["inquiry", "applied", "screening", "interview"];

pub fn find(conn: &mut DbConn, id: i64) -> AppResult<ThreadRow> {
    Ok(threads::table.find(id).first(conn)?)
}

pub fn find_for(
    conn: &mut DbConn,
    posting_id: i64,
    jobseeker: i64,
) -> AppResult<Option<ThreadRow>> {
    Ok(threads::table
        .filter(threads::posting_id.eq(posting_id))
        .filter(threads::jobseeker_account_id.eq(jobseeker))
        .first(conn)
        .optional()?)
}

/// Has this jobseeker contacted this posting (so that its masked fields are disclosed)?
pub fn has_contacted(conn: &mut DbConn, posting_id: i64, jobseeker: i64) -> AppResult<bool> {
    Ok(find_for(conn, posting_id, jobseeker)?.is_some())
}

/// The postings among `ids` this jobseeker contacted.
pub fn contacted_postings(conn: &mut DbConn, jobseeker: i64, ids: &[i64]) -> AppResult<Vec<i64>> {
    Ok(threads::table
        .filter(threads::jobseeker_account_id.eq(jobseeker))
        .filter(threads::posting_id.eq_any(ids))
        .select(threads::posting_id)
        .load(conn)?)
}

fn insert_message(
    conn: &mut DbConn,
    thread_id: i64,
    sender: Sender,
    account: Option<i64>,
    body: &str,
) -> AppResult<MessageRow> {
    Ok(diesel::insert_into(thread_messages::table)
        .values((
            thread_messages::thread_id.eq(thread_id),
            thread_messages::sender.eq(sender.code()),
            thread_messages::sender_account_id.eq(account),
            thread_messages::body.eq(body),
            thread_messages::created_at.eq(now()),
        ))
        .returning(thread_messages::all_columns)
        .get_result(conn)?)
}

/// What `contact` did.
pub enum Contacted {
    Created(ThreadRow),
    Upgraded(ThreadRow),
    Existing(ThreadRow),
}

/// Opens a thread (inquiry or application) or returns the one this jobseeker already has with
/// the posting. An application on an inquiry upgrades it. Never makes a second thread: the
/// unique key (posting, jobseeker) settles a race between two tabs.
pub fn contact(
    conn: &mut DbConn,
    posting_id: i64,
    facility_id: i64,
    jobseeker: i64,
    kind: ThreadKind,
    message: &str,
) -> AppResult<Contacted> {
    if let Some(existing) = find_for(conn, posting_id, jobseeker)? {
        return upgrade_or_keep(conn, existing, kind, jobseeker, message);
    }
    let t = now();
    let stage = if kind == ThreadKind::Application {
        Stage::Applied
    } else {
        Stage::Inquiry
    };
    // A savepoint, so that losing the race leaves the outer transaction usable.
    let inserted = conn.transaction(|c| {
        diesel::insert_into(threads::table)
            .values((
                threads::posting_id.eq(posting_id),
                threads::facility_id.eq(facility_id),
                threads::jobseeker_account_id.eq(jobseeker),
                threads::kind.eq(kind.code()),
                threads::stage.eq(stage.code()),
                threads::version.eq(1),
                threads::created_at.eq(t),
                threads::updated_at.eq(t),
                threads::applied_at.eq((kind == ThreadKind::Application).then_some(t)),
                threads::last_message_at.eq(t),
                threads::last_message_by.eq(Sender::Jobseeker.code()),
            ))
            .returning(threads::all_columns)
            .get_result::<ThreadRow>(c)
    });
    match inserted {
        Ok(row) => {
            insert_message(conn, row.id, Sender::Jobseeker, Some(jobseeker), message)?;
            changes::record(
                Kind::ThreadOpened,
                row.id,
                json!({"posting_id": posting_id, "kind": kind.code()}),
            )?;
            Ok(Contacted::Created(row))
        }
        Err(e) if is_unique_violation(&e) => {
            let existing = find_for(conn, posting_id, jobseeker)?.ok_or(ApiError::NotFound)?;
            upgrade_or_keep(conn, existing, kind, jobseeker, message)
        }
        Err(e) => Err(e.into()),
    }
}

fn upgrade_or_keep(
    conn: &mut DbConn,
    existing: ThreadRow,
    kind: ThreadKind,
    jobseeker: i64,
    message: &str,
) -> AppResult<Contacted> {
    if !(kind == ThreadKind::Application
        && existing.kind() == ThreadKind::Inquiry
        && existing.stage() == Stage::Inquiry)
    {
        return Ok(Contacted::Existing(existing));
    }
    let t = now();
    let upgraded = diesel::update(
        threads::table
            .filter(threads::id.eq(existing.id))
            .filter(threads::kind.eq(ThreadKind::Inquiry.code()))
            .filter(threads::stage.eq(Stage::Inquiry.code())),
    )
    .set((
        threads::kind.eq(ThreadKind::Application.code()),
        threads::stage.eq(Stage::Applied.code()),
        threads::applied_at.eq(Some(t)),
        threads::version.eq(threads::version + 1),
        threads::updated_at.eq(t),
        threads::last_message_at.eq(t),
        threads::last_message_by.eq(Sender::Jobseeker.code()),
    ))
    .returning(threads::all_columns)
    .get_result::<ThreadRow>(conn)
    .optional()?;
    match upgraded {
        Some(row) => {
            insert_message(conn, row.id, Sender::Jobseeker, Some(jobseeker), message)?;
            changes::record(
                Kind::ThreadApplied,
                row.id,
                json!({"posting_id": row.posting_id}),
            )?;
            Ok(Contacted::Upgraded(row))
        }
        None => Ok(Contacted::Existing(find(conn, existing.id)?)),
    }
}

/// Adds a message. The facility's first message sets `first_response_at`, once.
pub fn add_message(
    conn: &mut DbConn,
    thread: &ThreadRow,
    sender: Sender,
    account: i64,
    body: &str,
) -> AppResult<MessageRow> {
    let message = append_message(conn, thread, sender, account, body)?;
    changes::record(
        Kind::ThreadMessage,
        thread.id,
        json!({"message_id": message.id, "sender": sender.code()}),
    )?;
    Ok(message)
}

/// A message as part of another change (a decision, an interview answer): no change of
/// its own.
pub fn append_message(
    conn: &mut DbConn,
    thread: &ThreadRow,
    sender: Sender,
    account: i64,
    body: &str,
) -> AppResult<MessageRow> {
    let message = insert_message(conn, thread.id, sender, Some(account), body)?;
    diesel::update(threads::table.find(thread.id))
        .set((
            threads::last_message_at.eq(message.created_at),
            threads::last_message_by.eq(sender.code()),
            threads::updated_at.eq(message.created_at),
        ))
        .execute(conn)?;
    if sender == Sender::Facility {
        mark_first_response(conn, thread.id)?;
    }
    Ok(message)
}

fn mark_first_response(conn: &mut DbConn, thread_id: i64) -> AppResult<()> {
    diesel::update(
        threads::table
            .find(thread_id)
            .filter(threads::first_response_at.is_null()),
    )
    .set(threads::first_response_at.eq(Some(now())))
    .execute(conn)?;
    Ok(())
}

pub fn system_message(conn: &mut DbConn, thread_id: i64, body: &str) -> AppResult<()> {
    insert_message(conn, thread_id, Sender::System, None, body)?;
    diesel::update(threads::table.find(thread_id))
        .set((
            threads::last_message_at.eq(now()),
            threads::last_message_by.eq(Sender::System.code()),
        ))
        .execute(conn)?;
    Ok(())
}

fn stale() -> ApiError {
    ApiError::Conflict(
        "stale_version",
        Msg::new(
            "このやりとりは他の方が先に更新しました。最新の状態を読み込んでください。",
            "Someone else updated this thread first. Reload it.",
        ),
    )
}

fn not_pending(stage: Stage) -> ApiError {
    match stage {
        Stage::PostingClosed => ApiError::Conflict(
            "posting_closed",
            Msg::new("この募集は終了しています。", "This posting is closed."),
        ),
        Stage::Hired | Stage::NotHired => ApiError::Conflict(
            "already_decided",
            Msg::new(
                "結果は既に通知済みです。",
                "The result has already been notified.",
            ),
        ),
        Stage::Withdrawn => ApiError::Conflict(
            "withdrawn",
            Msg::new(
                "求職者が退会しています。",
                "The jobseeker has left the service.",
            ),
        ),
        _ => ApiError::Conflict(
            "not_an_application",
            Msg::new(
                "応募ではないため、この操作はできません。",
                "This is not an application.",
            ),
        ),
    }
}

/// Moves an application on (screening, interview) if `version` is current and it is pending.
pub fn set_stage(
    conn: &mut DbConn,
    id: i64,
    version: i32,
    stage: Stage,
    by: i64,
) -> AppResult<ThreadRow> {
    let pending = APPLICATION_PENDING;
    let row = diesel::update(
        threads::table
            .filter(threads::id.eq(id))
            .filter(threads::version.eq(version))
            .filter(threads::stage.eq_any(pending)),
    )
    .set((
        threads::stage.eq(stage.code()),
        threads::version.eq(threads::version + 1),
        threads::updated_at.eq(now()),
    ))
    .returning(threads::all_columns)
    .get_result::<ThreadRow>(conn)
    .optional()?;
    match row {
        Some(r) => {
            let _ = by;
            mark_first_response(conn, id)?;
            changes::record(Kind::ThreadStage, id, json!({"stage": stage.code()}))?;
            Ok(r)
        }
        None => Err(refusal(conn, id, version)?),
    }
}

/// Why a conditional update touched nothing.
fn refusal(conn: &mut DbConn, id: i64, version: i32) -> AppResult<ApiError> {
    let current = find(conn, id)?;
    let stage = current.stage();
    Ok(
        if !matches!(stage, Stage::Applied | Stage::Screening | Stage::Interview) {
            not_pending(stage)
        } else if current.version != version {
            stale()
        } else {
            ApiError::internal("thread update refused without a reason")
        },
    )
}

/// Records hired / not hired with its message; refused once decided or closed.
pub fn decide(
    conn: &mut DbConn,
    id: i64,
    version: i32,
    decision: Decision,
    message: &str,
    by: i64,
) -> AppResult<ThreadRow> {
    let pending = APPLICATION_PENDING;
    let t = now();
    let stage = if decision == Decision::Hired {
        Stage::Hired
    } else {
        Stage::NotHired
    };
    let row = diesel::update(
        threads::table
            .filter(threads::id.eq(id))
            .filter(threads::version.eq(version))
            .filter(threads::stage.eq_any(pending)),
    )
    .set((
        threads::stage.eq(stage.code()),
        threads::version.eq(threads::version + 1),
        threads::decided_at.eq(Some(t)),
        threads::decision_result.eq(Some(decision.code())),
        threads::decision_message.eq(Some(message)),
        threads::updated_at.eq(t),
    ))
    .returning(threads::all_columns)
    .get_result::<ThreadRow>(conn)
    .optional()?;
    match row {
        Some(r) => {
            append_message(conn, &r, Sender::Facility, by, message)?;
            changes::record(Kind::ThreadDecided, id, json!({"result": decision.code()}))?;
            cancel_open_interviews(conn, id, "decided")?;
            Ok(r)
        }
        None => Err(refusal(conn, id, version)?),
    }
}

/// Pending threads of a posting that just closed: each moves to `posting_closed`. Returns
/// them so that their jobseekers can be told.
pub fn close_pending_for_posting(conn: &mut DbConn, posting_id: i64) -> AppResult<Vec<ThreadRow>> {
    let pending = ALL_PENDING;
    let closed: Vec<ThreadRow> = diesel::update(
        threads::table
            .filter(threads::posting_id.eq(posting_id))
            .filter(threads::stage.eq_any(pending)),
    )
    .set((
        threads::stage.eq(Stage::PostingClosed.code()),
        threads::version.eq(threads::version + 1),
        threads::updated_at.eq(now()),
    ))
    .returning(threads::all_columns)
    .get_results(conn)?;
    for t in &closed {
        changes::record(
            Kind::ThreadPostingClosed,
            t.id,
            json!({"posting_id": posting_id}),
        )?;
        cancel_open_interviews(conn, t.id, "posting_closed")?;
    }
    Ok(closed)
}

pub fn list_for_facility(conn: &mut DbConn, facility_id: i64) -> AppResult<Vec<ThreadRow>> {
    Ok(threads::table
        .filter(threads::facility_id.eq(facility_id))
        .order((threads::last_message_at.desc(), threads::id.desc()))
        .load(conn)?)
}

pub fn list_for_jobseeker(conn: &mut DbConn, account: i64) -> AppResult<Vec<ThreadRow>> {
    Ok(threads::table
        .filter(threads::jobseeker_account_id.eq(account))
        .order((threads::last_message_at.desc(), threads::id.desc()))
        .load(conn)?)
}

pub fn messages(conn: &mut DbConn, thread_id: i64) -> AppResult<Vec<MessageRow>> {
    Ok(thread_messages::table
        .filter(thread_messages::thread_id.eq(thread_id))
        .order(thread_messages::id.asc())
        .load(conn)?)
}

pub fn interviews_of(conn: &mut DbConn, thread_id: i64) -> AppResult<Vec<InterviewRow>> {
    Ok(interviews::table
        .filter(interviews::thread_id.eq(thread_id))
        .order(interviews::id.asc())
        .load(conn)?)
}

pub fn training_of(conn: &mut DbConn, thread_id: i64) -> AppResult<Option<TrainingRow>> {
    Ok(training_reports::table
        .find(thread_id)
        .first(conn)
        .optional()?)
}

/// Schedules an interview on a pending application and moves it to the interview stage.
pub fn schedule_interview(
    conn: &mut DbConn,
    thread: &ThreadRow,
    new: &crate::domain::interview::Interview,
) -> AppResult<InterviewRow> {
    let t = now();
    // Move to (or stay at) the interview stage in one conditional statement first, so that
    // a decision, close or withdrawal committed meanwhile is never undone.
    let moved = diesel::update(
        threads::table
            .find(thread.id)
            .filter(threads::stage.eq_any(APPLICATION_PENDING)),
    )
    .set((
        threads::stage.eq(Stage::Interview.code()),
        threads::version.eq(threads::version + 1),
        threads::updated_at.eq(t),
    ))
    .execute(conn)?;
    if moved == 0 {
        return Err(not_pending(find(conn, thread.id)?.stage()));
    }
    let row = diesel::insert_into(interviews::table)
        .values((
            interviews::thread_id.eq(thread.id),
            interviews::starts_at.eq(new.starts_at),
            interviews::duration_minutes.eq(new.minutes),
            interviews::video_url.eq(&new.video_url),
            interviews::note.eq(&new.note),
            interviews::status.eq(InterviewStatus::Proposed.code()),
            interviews::created_at.eq(t),
            interviews::updated_at.eq(t),
        ))
        .returning(interviews::all_columns)
        .get_result::<InterviewRow>(conn)?;
    mark_first_response(conn, thread.id)?;
    changes::record(
        Kind::InterviewScheduled,
        thread.id,
        json!({"interview_id": row.id}),
    )?;
    Ok(row)
}

/// The jobseeker accepts or declines a proposed interview (once), while the application is
/// still pending.
pub fn respond_interview(
    conn: &mut DbConn,
    thread_id: i64,
    interview_id: i64,
    accept: bool,
) -> AppResult<InterviewRow> {
    ensure_application_pending(conn, thread_id)?;
    let status = if accept {
        InterviewStatus::Accepted
    } else {
        InterviewStatus::Declined
    };
    let row = diesel::update(
        interviews::table
            .filter(interviews::id.eq(interview_id))
            .filter(interviews::thread_id.eq(thread_id))
            .filter(interviews::status.eq(InterviewStatus::Proposed.code())),
    )
    .set((
        interviews::status.eq(status.code()),
        interviews::updated_at.eq(now()),
    ))
    .returning(interviews::all_columns)
    .get_result::<InterviewRow>(conn)
    .optional()?;
    match row {
        Some(r) => {
            changes::record(
                Kind::InterviewAnswered,
                thread_id,
                json!({"interview_id": r.id, "accepted": accept}),
            )?;
            Ok(r)
        }
        None => Err(refused_interview(
            conn,
            thread_id,
            interview_id,
            ApiError::Conflict(
                "already_answered",
                Msg::new(
                    "この面接には既に回答済みです。",
                    "This interview has already been answered.",
                ),
            ),
        )?),
    }
}

/// Reports the training of a hire, once.
pub fn report_training(
    conn: &mut DbConn,
    thread: &ThreadRow,
    t: &crate::domain::training_report::TrainingReport,
    by: i64,
) -> AppResult<TrainingRow> {
    if thread.stage() != Stage::Hired {
        return Err(ApiError::Conflict(
            "not_hired",
            Msg::new(
                "研修の報告は採用者についてのみ行えます。",
                "Training is reported for hires only.",
            ),
        ));
    }
    let items: Vec<&str> = t.items.iter().map(|i| i.code()).collect();
    let row: TrainingRow = diesel::insert_into(training_reports::table)
        .values((
            training_reports::thread_id.eq(thread.id),
            training_reports::completed_on.eq(t.completed_on),
            training_reports::items.eq(items.join(",")),
            training_reports::other_items.eq(t.other_items.as_deref()),
            training_reports::hours_tenths.eq(t.hours_tenths),
            training_reports::materials.eq(t.materials.join(",")),
            training_reports::reported_by.eq(Some(by)),
            training_reports::reported_at.eq(now()),
        ))
        .returning(training_reports::all_columns)
        .get_result(conn)
        .map_err(|e| {
            if is_unique_violation(&e) {
                ApiError::Conflict(
                    "already_reported",
                    Msg::new(
                        "この採用者の研修は既に報告済みです。",
                        "Training for this hire has already been reported.",
                    ),
                )
            } else {
                e.into()
            }
        })?;
    changes::record(Kind::TrainingReported, thread.id, json!({}))?;
    Ok(row)
}

/// Threads still without a first response from the facility, opened before `before`.
pub fn unanswered_since(conn: &mut DbConn, before: NaiveDateTime) -> AppResult<Vec<ThreadRow>> {
    let pending: Vec<&str> = [Stage::Inquiry, Stage::Applied]
        .iter()
        .map(|s| s.code())
        .collect();
    Ok(threads::table
        .filter(threads::first_response_at.is_null())
        .filter(threads::created_at.lt(before))
        .filter(threads::stage.eq_any(pending))
        .order(threads::created_at.asc())
        .load(conn)?)
}

/// Marks that the facility was reminded; false if another server did it first.
pub fn mark_reminded(conn: &mut DbConn, id: i64) -> AppResult<bool> {
    Ok(diesel::update(
        threads::table
            .find(id)
            .filter(threads::reminder_sent_at.is_null()),
    )
    .set(threads::reminder_sent_at.eq(Some(now())))
    .execute(conn)?
        == 1)
}

/// Threads answered late: first response more than `threshold` after the thread opened.
pub fn answered_late(conn: &mut DbConn, threshold: chrono::Duration) -> AppResult<Vec<ThreadRow>> {
    let answered: Vec<ThreadRow> = threads::table
        .filter(threads::first_response_at.is_not_null())
        .load(conn)?;
    Ok(answered
        .into_iter()
        .filter(|t| {
            t.first_response_at
                .is_some_and(|f| f - t.created_at > threshold)
        })
        .collect())
}

/// Hires with no training report yet.
pub fn hires_without_training(conn: &mut DbConn) -> AppResult<Vec<ThreadRow>> {
    Ok(threads::table
        .left_join(training_reports::table)
        .filter(threads::stage.eq(Stage::Hired.code()))
        .filter(training_reports::thread_id.nullable().is_null())
        .select(threads::all_columns)
        .order(threads::decided_at.asc())
        .load(conn)?)
}

/// After a jobseeker deletes their account: their threads stay (the facility keeps the
/// record that an application existed) but their words are erased and pending ones end.
pub fn erase_jobseeker(conn: &mut DbConn, account: i64) -> AppResult<Vec<ThreadRow>> {
    let ids: Vec<i64> = threads::table
        .filter(threads::jobseeker_account_id.eq(account))
        .select(threads::id)
        .load(conn)?;
    diesel::update(
        thread_messages::table
            .filter(thread_messages::thread_id.eq_any(&ids))
            .filter(thread_messages::sender.eq(Sender::Jobseeker.code())),
    )
    .set(thread_messages::body.eq("（退会により削除されました）"))
    .execute(conn)?;
    let pending = ALL_PENDING;
    let ended: Vec<ThreadRow> = diesel::update(
        threads::table
            .filter(threads::id.eq_any(&ids))
            .filter(threads::stage.eq_any(pending)),
    )
    .set((
        threads::stage.eq(Stage::Withdrawn.code()),
        threads::version.eq(threads::version + 1),
        threads::updated_at.eq(now()),
    ))
    .returning(threads::all_columns)
    .get_results(conn)?;
    for t in &ended {
        changes::record(Kind::ThreadWithdrawn, t.id, json!({}))?;
        cancel_open_interviews(conn, t.id, "withdrawn")?;
    }
    Ok(ended)
}

/// The interviews of a thread that are still on (proposed or accepted) and not over.
const OPEN_INTERVIEW: [&str; 2] = ["proposed", "accepted"];

/// Calls off the thread's interviews still to come, once the thread ended (`reason`:
/// `decided`, `posting_closed`, `withdrawn`): each is cancelled with a new SEQUENCE, and the
/// mail consumer sends both sides a cancellation for their calendars.
pub fn cancel_open_interviews(conn: &mut DbConn, thread_id: i64, reason: &str) -> AppResult<()> {
    let cancelled: Vec<InterviewRow> = diesel::update(
        interviews::table
            .filter(interviews::thread_id.eq(thread_id))
            .filter(interviews::status.eq_any(OPEN_INTERVIEW))
            .filter(interviews::starts_at.gt(now())),
    )
    .set((
        interviews::status.eq(InterviewStatus::Cancelled.code()),
        interviews::sequence.eq(interviews::sequence + 1),
        interviews::updated_at.eq(now()),
    ))
    .returning(interviews::all_columns)
    .get_results(conn)?;
    for i in cancelled {
        changes::record(
            Kind::InterviewCancelled,
            thread_id,
            json!({"interview_id": i.id, "reason": reason}),
        )?;
    }
    Ok(())
}

/// Refuses an action on an interview unless the thread is an application still pending.
fn ensure_application_pending(conn: &mut DbConn, thread_id: i64) -> AppResult<()> {
    let stage = find(conn, thread_id)?.stage();
    if APPLICATION_PENDING.contains(&stage.code()) {
        Ok(())
    } else {
        Err(not_pending(stage))
    }
}

/// Why a conditional update of an interview touched nothing: 404 when the thread has no
/// such interview, else `conflict`.
fn refused_interview(
    conn: &mut DbConn,
    thread_id: i64,
    interview_id: i64,
    conflict: ApiError,
) -> AppResult<ApiError> {
    interviews::table
        .filter(interviews::id.eq(interview_id))
        .filter(interviews::thread_id.eq(thread_id))
        .first::<InterviewRow>(conn)?;
    Ok(conflict)
}

fn interview_not_open() -> ApiError {
    ApiError::Conflict(
        "interview_not_open",
        Msg::new(
            "この面接は既に取り消されたか、辞退されています。",
            "This interview was already cancelled or declined.",
        ),
    )
}

/// One side calls off an interview (proposed or accepted, still to come) while the thread is
/// pending; `by` says who, for the mail and the thread.
pub fn cancel_interview(
    conn: &mut DbConn,
    thread_id: i64,
    interview_id: i64,
    by: Sender,
) -> AppResult<InterviewRow> {
    ensure_application_pending(conn, thread_id)?;
    let row = diesel::update(
        interviews::table
            .filter(interviews::id.eq(interview_id))
            .filter(interviews::thread_id.eq(thread_id))
            .filter(interviews::status.eq_any(OPEN_INTERVIEW)),
    )
    .set((
        interviews::status.eq(InterviewStatus::Cancelled.code()),
        interviews::sequence.eq(interviews::sequence + 1),
        interviews::updated_at.eq(now()),
    ))
    .returning(interviews::all_columns)
    .get_result::<InterviewRow>(conn)
    .optional()?;
    let Some(row) = row else {
        return Err(refused_interview(
            conn,
            thread_id,
            interview_id,
            interview_not_open(),
        )?);
    };
    changes::record(
        Kind::InterviewCancelled,
        thread_id,
        json!({"interview_id": row.id, "reason": "cancelled", "by": by.code()}),
    )?;
    Ok(row)
}

/// One side moves an interview to a new time (and, the facility, a new video link): the
/// invitation keeps its UID with a new SEQUENCE. Moved by the facility it waits for the
/// jobseeker's answer again; moved by the jobseeker it is the time they chose (accepted),
/// which the facility may move again or call off.
pub fn reschedule_interview(
    conn: &mut DbConn,
    thread_id: i64,
    interview_id: i64,
    by: Sender,
    new: &crate::domain::interview::Interview,
) -> AppResult<InterviewRow> {
    ensure_application_pending(conn, thread_id)?;
    let status = if by == Sender::Facility {
        InterviewStatus::Proposed
    } else {
        InterviewStatus::Accepted
    };
    let target = interviews::table
        .filter(interviews::id.eq(interview_id))
        .filter(interviews::thread_id.eq(thread_id))
        .filter(interviews::status.eq_any(OPEN_INTERVIEW));
    let row = if by == Sender::Facility {
        diesel::update(target)
            .set((
                interviews::starts_at.eq(new.starts_at),
                interviews::duration_minutes.eq(new.minutes),
                interviews::video_url.eq(&new.video_url),
                interviews::note.eq(&new.note),
                interviews::status.eq(status.code()),
                interviews::sequence.eq(interviews::sequence + 1),
                interviews::reminded_at.eq(None::<NaiveDateTime>),
                interviews::updated_at.eq(now()),
            ))
            .returning(interviews::all_columns)
            .get_result::<InterviewRow>(conn)
            .optional()?
    } else {
        diesel::update(target)
            .set((
                interviews::starts_at.eq(new.starts_at),
                interviews::duration_minutes.eq(new.minutes),
                interviews::status.eq(status.code()),
                interviews::sequence.eq(interviews::sequence + 1),
                interviews::reminded_at.eq(None::<NaiveDateTime>),
                interviews::updated_at.eq(now()),
            ))
            .returning(interviews::all_columns)
            .get_result::<InterviewRow>(conn)
            .optional()?
    };
    let Some(row) = row else {
        return Err(refused_interview(
            conn,
            thread_id,
            interview_id,
            interview_not_open(),
        )?);
    };
    changes::record(
        Kind::InterviewRescheduled,
        thread_id,
        json!({"interview_id": row.id, "by": by.code()}),
    )?;
    Ok(row)
}

/// The jobseeker withdraws a pending inquiry or application, with an optional message to
/// the facility; interviews still to come are called off.
pub fn withdraw(
    conn: &mut DbConn,
    id: i64,
    version: i32,
    jobseeker: i64,
    message: Option<&str>,
) -> AppResult<ThreadRow> {
    let row = diesel::update(
        threads::table
            .filter(threads::id.eq(id))
            .filter(threads::version.eq(version))
            .filter(threads::stage.eq_any(ALL_PENDING)),
    )
    .set((
        threads::stage.eq(Stage::Withdrawn.code()),
        threads::version.eq(threads::version + 1),
        threads::updated_at.eq(now()),
    ))
    .returning(threads::all_columns)
    .get_result::<ThreadRow>(conn)
    .optional()?;
    let Some(row) = row else {
        return Err(refusal(conn, id, version)?);
    };
    match message {
        Some(m) => {
            append_message(conn, &row, Sender::Jobseeker, jobseeker, m)?;
        }
        None => system_message(conn, id, "求職者が問い合わせ・応募を取り下げました。")?,
    }
    changes::record(Kind::ThreadWithdrawn, id, json!({"by": "jobseeker"}))?;
    cancel_open_interviews(conn, id, "withdrawn")?;
    find(conn, id)
}

/// Which side of a thread reads it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Side {
    Facility,
    Jobseeker,
}

/// Notes that `side` has read the thread up to now.
pub fn mark_read(conn: &mut DbConn, id: i64, side: Side) -> AppResult<()> {
    let q = diesel::update(threads::table.find(id));
    match side {
        Side::Facility => q
            .set(threads::facility_read_at.eq(Some(now())))
            .execute(conn)?,
        Side::Jobseeker => q
            .set(threads::jobseeker_read_at.eq(Some(now())))
            .execute(conn)?,
    };
    Ok(())
}

impl ThreadRow {
    /// Whether the other side wrote since `side` last read it.
    pub fn unread_by(&self, side: Side) -> bool {
        let (other, read) = match side {
            Side::Facility => (Sender::Jobseeker, self.facility_read_at),
            Side::Jobseeker => (Sender::Facility, self.jobseeker_read_at),
        };
        self.last_message_by == other.code() && read.is_none_or(|r| r < self.last_message_at)
    }
}

/// Interviews starting within `window` after `at` that are still on (proposed or accepted)
/// and whose parties were not reminded yet.
pub fn interviews_due_for_reminder(
    conn: &mut DbConn,
    at: NaiveDateTime,
    window: chrono::Duration,
) -> AppResult<Vec<InterviewRow>> {
    let on = [
        InterviewStatus::Proposed.code(),
        InterviewStatus::Accepted.code(),
    ];
    Ok(interviews::table
        .filter(interviews::starts_at.gt(at))
        .filter(interviews::starts_at.le(at + window))
        .filter(interviews::status.eq_any(on))
        .filter(interviews::reminded_at.is_null())
        .load(conn)?)
}

/// Marks an interview reminded; false if another server did it first.
pub fn mark_interview_reminded(conn: &mut DbConn, id: i64) -> AppResult<bool> {
    Ok(diesel::update(
        interviews::table
            .find(id)
            .filter(interviews::reminded_at.is_null()),
    )
    .set(interviews::reminded_at.eq(Some(now())))
    .execute(conn)?
        == 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pending_stage_lists_match_the_enum() {
        let all: Vec<&str> = Stage::ALL
            .iter()
            .filter(|s| s.is_pending())
            .map(|s| s.code())
            .collect();
        assert_eq!(all, ALL_PENDING);
        assert_eq!(&ALL_PENDING[1..], APPLICATION_PENDING);
    }
}
