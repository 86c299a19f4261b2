//! The audit log: every disclosure of a masked posting to a jobseeker and every view of a
//! jobseeker's personal data by a facility.

use super::schema::audit_log;
use super::DbConn;
use crate::clock::now;
use crate::error::AppResult;
use chrono::NaiveDateTime;
use diesel::prelude::*;

pub const POSTING_DISCLOSED: &str = "posting_disclosed";
pub const JOBSEEKER_VIEWED: &str = "jobseeker_viewed";

pub fn record(
    conn: &mut DbConn,
    actor: i64,
    action: &str,
    posting_id: Option<i64>,
    thread_id: Option<i64>,
    subject: Option<i64>,
) -> AppResult<()> {
    diesel::insert_into(audit_log::table)
        .values((
            audit_log::actor_account_id.eq(actor),
            audit_log::action.eq(action),
            audit_log::posting_id.eq(posting_id),
            audit_log::thread_id.eq(thread_id),
            audit_log::subject_account_id.eq(subject),
            audit_log::created_at.eq(now()),
        ))
        .execute(conn)?;
    Ok(())
}

#[derive(Clone, Debug, Queryable)]
pub struct AuditRow {
    pub id: i64,
    pub actor_account_id: Option<i64>,
    pub action: String,
    pub posting_id: Option<i64>,
    pub thread_id: Option<i64>,
    pub subject_account_id: Option<i64>,
    pub created_at: NaiveDateTime,
    pub organisation_id: Option<i64>,
    pub detail: Option<String>,
}

pub const PARTNER_READ: &str = "partner_read";

/// A partner organisation read full posting data; `detail` names the channel and postings.
pub fn record_partner_read(
    conn: &mut DbConn,
    organisation_id: i64,
    detail: String,
) -> AppResult<()> {
    diesel::insert_into(audit_log::table)
        .values((
            audit_log::action.eq(PARTNER_READ),
            audit_log::organisation_id.eq(Some(organisation_id)),
            audit_log::detail.eq(Some(detail)),
            audit_log::created_at.eq(now()),
        ))
        .execute(conn)?;
    Ok(())
}

pub fn page(conn: &mut DbConn, page: i64, per_page: i64) -> AppResult<(Vec<AuditRow>, i64)> {
    let total = audit_log::table.count().get_result(conn)?;
    let rows = audit_log::table
        .order((audit_log::created_at.desc(), audit_log::id.desc()))
        .limit(per_page)
        .offset((page - 1) * per_page)
        .load(conn)?;
    Ok((rows, total))
}
