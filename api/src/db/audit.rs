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
    if action == POSTING_DISCLOSED {
        // The same person seeing the same posting again today adds to today's entry.
        let today = crate::clock::today_in_japan()
            .and_hms_opt(0, 0, 0)
            .unwrap_or_default()
            - chrono::Duration::hours(9);
        let n = diesel::update(
            audit_log::table
                .filter(audit_log::actor_account_id.eq(actor))
                .filter(audit_log::action.eq(action))
                .filter(audit_log::posting_id.eq(posting_id))
                .filter(audit_log::created_at.ge(today)),
        )
        .set((
            audit_log::times.eq(audit_log::times + 1),
            audit_log::last_at.eq(Some(now())),
        ))
        .execute(conn)?;
        if n > 0 {
            return Ok(());
        }
    }
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
    /// How many times on that day (disclosures of one posting to one person).
    pub times: i32,
    pub last_at: Option<NaiveDateTime>,
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

/// How people in the audit log are named: a jobseeker by name (「退会済み」 once erased), a
/// facility account by its facility, anyone else by e-mail address.
pub fn names(
    conn: &mut DbConn,
    account_ids: &[i64],
) -> AppResult<std::collections::HashMap<i64, String>> {
    use super::schema::{accounts, facilities, jobseekers};
    let mut out = std::collections::HashMap::new();
    let rows: Vec<(i64, String, String, Option<i64>)> = accounts::table
        .filter(accounts::id.eq_any(account_ids))
        .select((
            accounts::id,
            accounts::role,
            accounts::email,
            accounts::facility_id,
        ))
        .load(conn)?;
    let seekers: std::collections::HashMap<i64, (String, bool)> = jobseekers::table
        .filter(jobseekers::account_id.eq_any(account_ids))
        .select((
            jobseekers::account_id,
            jobseekers::name,
            jobseekers::deleted_at.is_not_null(),
        ))
        .load::<(i64, String, bool)>(conn)?
        .into_iter()
        .map(|(id, n, gone)| (id, (n, gone)))
        .collect();
    let facility_ids: Vec<i64> = rows.iter().filter_map(|r| r.3).collect();
    let facility_names: std::collections::HashMap<i64, String> = facilities::table
        .filter(facilities::id.eq_any(&facility_ids))
        .select((facilities::id, facilities::name))
        .load::<(i64, String)>(conn)?
        .into_iter()
        .collect();
    for (id, role, email, facility) in rows {
        let name = match (role.as_str(), seekers.get(&id), facility) {
            ("jobseeker", Some((_, true)), _) => "退会済みの求職者 / former jobseeker".to_string(),
            ("jobseeker", Some((n, false)), _) => n.clone(),
            ("facility", _, Some(f)) => facility_names.get(&f).cloned().unwrap_or(email),
            _ => email,
        };
        out.insert(id, name);
    }
    Ok(out)
}
