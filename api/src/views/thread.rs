//! Thread views: what a jobseeker and a facility see of their conversation, and the
//! jobseeker's profile as a facility sees it.

use super::posting::{utc, PostingView};
use crate::db::accounts::JobseekerRecord;
use crate::db::threads::{InterviewRow, MessageRow, ThreadRow, TrainingRow};
use crate::domain::codes::{
    Decision, InterviewStatus, Occupation, Sender, Stage, ThreadKind, TrainingItem,
};
use crate::domain::profile::Profile;
use chrono::{DateTime, FixedOffset, NaiveDate, Utc};
use serde::Serialize;
use utoipa::ToSchema;

pub use crate::clock::jst;

/// A jobseeker's profile: shown to the jobseeker, to facilities they contacted, and admins.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct JobseekerProfile {
    pub account_id: i64,
    pub email: String,
    #[serde(flatten)]
    pub profile: Profile,
}

impl From<JobseekerRecord> for JobseekerProfile {
    fn from(r: JobseekerRecord) -> JobseekerProfile {
        JobseekerProfile {
            account_id: r.account_id,
            email: r.email,
            profile: r.profile,
        }
    }
}

#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct ThreadPosting {
    pub id: i64,
    pub occupation: Occupation,
    pub prefecture_name: String,
    pub municipality: String,
    /// `null` when the viewer may not see it (never for the parties of a thread).
    pub facility_name: Option<String>,
}

/// One line of an inbox or a jobseeker's list.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct ThreadSummary {
    pub id: i64,
    pub kind: ThreadKind,
    pub stage: Stage,
    pub posting: ThreadPosting,
    /// The facility's view only.
    pub jobseeker_name: Option<String>,
    pub last_message_at: DateTime<Utc>,
    pub last_message_by: Sender,
    /// Whose turn it is to answer, while the thread is open.
    pub awaiting: Option<Sender>,
    pub created_at: DateTime<Utc>,
    /// The organisation that referred the jobseeker (紹介), when a partner did.
    pub referred_by: Option<String>,
    /// The other side wrote since the viewer last opened the thread.
    pub unread: bool,
}

impl ThreadSummary {
    pub fn new(
        t: &ThreadRow,
        posting: ThreadPosting,
        jobseeker_name: Option<String>,
        referred_by: Option<String>,
    ) -> ThreadSummary {
        let by = Sender::parse(&t.last_message_by).unwrap_or(Sender::System);
        let awaiting = if t.stage().is_pending() {
            match by {
                Sender::Jobseeker => Some(Sender::Facility),
                Sender::Facility => Some(Sender::Jobseeker),
                Sender::System => None,
            }
        } else {
            None
        };
        ThreadSummary {
            id: t.id,
            kind: t.kind(),
            stage: t.stage(),
            posting,
            jobseeker_name,
            last_message_at: utc(t.last_message_at),
            last_message_by: by,
            awaiting,
            created_at: utc(t.created_at),
            referred_by,
            unread: false,
        }
    }
}

#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct ThreadList {
    pub items: Vec<ThreadSummary>,
}

#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct MessageView {
    pub id: i64,
    pub sender: Sender,
    pub body: String,
    pub created_at: DateTime<Utc>,
}

impl From<MessageRow> for MessageView {
    fn from(m: MessageRow) -> Self {
        MessageView {
            id: m.id,
            sender: Sender::parse(&m.sender).unwrap_or(Sender::System),
            body: m.body,
            created_at: utc(m.created_at),
        }
    }
}

#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct InterviewView {
    pub id: i64,
    /// Japan time, with its offset.
    #[schema(value_type = String, format = DateTime)]
    pub starts_at: DateTime<FixedOffset>,
    pub duration_minutes: i32,
    pub video_url: String,
    pub note: String,
    pub status: InterviewStatus,
}

impl From<InterviewRow> for InterviewView {
    fn from(i: InterviewRow) -> Self {
        InterviewView {
            id: i.id,
            starts_at: jst(i.starts_at),
            duration_minutes: i.duration_minutes,
            video_url: i.video_url,
            note: i.note,
            status: InterviewStatus::parse(&i.status).unwrap_or(InterviewStatus::Proposed),
        }
    }
}

#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct DecisionView {
    pub result: Decision,
    pub message: String,
    pub decided_at: DateTime<Utc>,
}

#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct TrainingReportView {
    pub completed_on: NaiveDate,
    pub items: Vec<TrainingItem>,
    pub other_items: Option<String>,
    pub hours: f64,
    /// Codes from `GET /api/v1/reference/training-materials`.
    pub materials: Vec<String>,
    pub reported_at: DateTime<Utc>,
}

impl From<TrainingRow> for TrainingReportView {
    fn from(t: TrainingRow) -> Self {
        TrainingReportView {
            completed_on: t.completed_on,
            items: t.items.split(',').filter_map(TrainingItem::parse).collect(),
            other_items: t.other_items,
            hours: f64::from(t.hours_tenths) / 10.0,
            materials: t
                .materials
                .split(',')
                .filter(|m| !m.is_empty())
                .map(str::to_string)
                .collect(),
            reported_at: utc(t.reported_at),
        }
    }
}

/// A whole thread, for one of its parties (or an admin).
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct ThreadDetail {
    pub id: i64,
    pub kind: ThreadKind,
    pub stage: Stage,
    /// Send back with stage changes and decisions; a stale one gets 409.
    pub version: i32,
    /// The jobseeker sees it in full (`view: jobseeker`, disclosed); the facility `full`.
    pub posting: PostingView,
    /// The facility's and admins' view only; `null` once the jobseeker deleted their account.
    pub jobseeker: Option<JobseekerProfile>,
    pub messages: Vec<MessageView>,
    pub interviews: Vec<InterviewView>,
    pub decision: Option<DecisionView>,
    pub training_report: Option<TrainingReportView>,
    pub first_response_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    /// The organisation that referred the jobseeker (紹介), when a partner did.
    pub referred_by: Option<String>,
}

impl ThreadDetail {
    pub fn decision_of(t: &ThreadRow) -> Option<DecisionView> {
        Some(DecisionView {
            result: Decision::parse(t.decision_result.as_deref()?)?,
            message: t.decision_message.clone().unwrap_or_default(),
            decided_at: utc(t.decided_at?),
        })
    }
}
