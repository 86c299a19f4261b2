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

/// An admin's change, as the audit consumer of the change log lists it; `at` is when the
/// change was made.
pub struct AdminChange {
    pub actor: i64,
    pub action: &'static str,
    pub at: NaiveDateTime,
    pub posting_id: Option<i64>,
    pub organisation_id: Option<i64>,
    pub subject: Option<i64>,
    pub detail: String,
}

pub fn record_admin_change(conn: &mut DbConn, c: &AdminChange) -> AppResult<()> {
    diesel::insert_into(audit_log::table)
        .values((
            audit_log::actor_account_id.eq(Some(c.actor)),
            audit_log::action.eq(c.action),
            audit_log::posting_id.eq(c.posting_id),
            audit_log::organisation_id.eq(c.organisation_id),
            audit_log::subject_account_id.eq(c.subject),
            audit_log::detail.eq(Some(&c.detail)),
            audit_log::created_at.eq(c.at),
        ))
        .execute(conn)?;
    Ok(())
}

/// What the admin narrows the audit log to; `None` is any.
#[derive(Clone, Debug, Default)]
pub struct Filter {
    pub action: Option<&'static str>,
    /// Part of the actor's name or e-mail address, or of the reading organisation's name.
    pub actor: Option<String>,
    /// Part of the jobseeker's name or e-mail address.
    pub subject: Option<String>,
    pub posting_id: Option<i64>,
    /// `[from, until)` in UTC.
    pub from: Option<NaiveDateTime>,
    pub until: Option<NaiveDateTime>,
}

/// The accounts and organisations whose name or address contains `text`.
fn matching(conn: &mut DbConn, text: &str, with_orgs: bool) -> AppResult<(Vec<i64>, Vec<i64>)> {
    use super::schema::{accounts, facilities, jobseekers, organisations};
    let like = super::postings::escape_like(&crate::domain::text::fold_width(text));
    let mut ids: Vec<i64> = accounts::table
        .filter(accounts::email.like(&like).escape('\\'))
        .select(accounts::id)
        .load(conn)?;
    ids.extend(
        jobseekers::table
            .filter(jobseekers::name.like(&like).escape('\\'))
            .filter(jobseekers::deleted_at.is_null())
            .select(jobseekers::account_id)
            .load::<i64>(conn)?,
    );
    let facility_ids: Vec<i64> = facilities::table
        .filter(facilities::name.like(&like).escape('\\'))
        .select(facilities::id)
        .load(conn)?;
    ids.extend(
        accounts::table
            .filter(accounts::facility_id.eq_any(&facility_ids))
            .select(accounts::id)
            .load::<i64>(conn)?,
    );
    let orgs = if with_orgs {
        organisations::table
            .filter(organisations::name.like(&like).escape('\\'))
            .select(organisations::id)
            .load(conn)?
    } else {
        vec![]
    };
    Ok((ids, orgs))
}

/// The entries `f` selects, newest first: `limit` of them from `offset`, and how many in all.
pub fn select(
    conn: &mut DbConn,
    f: &Filter,
    offset: i64,
    limit: i64,
) -> AppResult<(Vec<AuditRow>, i64)> {
    let actor = match &f.actor {
        Some(t) => Some(matching(conn, t, true)?),
        None => None,
    };
    let subject = match &f.subject {
        Some(t) => Some(matching(conn, t, false)?.0),
        None => None,
    };
    let query = || {
        let mut q = audit_log::table.into_boxed();
        if let Some(a) = f.action {
            q = q.filter(audit_log::action.eq(a));
        }
        if let Some((ids, orgs)) = &actor {
            q = q.filter(
                audit_log::actor_account_id
                    .eq_any(ids.clone())
                    .or(audit_log::organisation_id.eq_any(orgs.clone())),
            );
        }
        if let Some(ids) = &subject {
            q = q.filter(audit_log::subject_account_id.eq_any(ids.clone()));
        }
        if let Some(p) = f.posting_id {
            q = q.filter(audit_log::posting_id.eq(p));
        }
        if let Some(t) = f.from {
            q = q.filter(audit_log::created_at.ge(t));
        }
        if let Some(t) = f.until {
            q = q.filter(audit_log::created_at.lt(t));
        }
        q
    };
    let total = query().count().get_result(conn)?;
    let rows = query()
        .order((audit_log::created_at.desc(), audit_log::id.desc()))
        .limit(limit)
        .offset(offset)
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
