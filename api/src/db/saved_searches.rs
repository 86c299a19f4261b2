//! A jobseeker's saved searches (保存した検索条件) and the postings found for them: theirs
//! alone, keyed by their account. The alert job fills and mails the hits.

use super::changes::{self, Kind};
use super::schema::{alert_hits, saved_searches};
use super::DbConn;
use crate::clock::now;
use crate::error::{ApiError, AppResult};
use crate::i18n::Msg;
use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde_json::json;

/// How many searches one jobseeker may save.
pub const MAX_PER_JOBSEEKER: i64 = 20;

#[derive(Clone, Debug, Queryable, Selectable)]
#[diesel(table_name = saved_searches)]
pub struct SavedSearchRow {
    pub id: i64,
    pub jobseeker_account_id: i64,
    pub name: String,
    pub query: String,
    pub frequency: String,
    pub created_at: NaiveDateTime,
    pub last_sent_at: Option<NaiveDateTime>,
}

/// Saves a search for `owner`; 409 beyond [`MAX_PER_JOBSEEKER`].
pub fn create(
    conn: &mut DbConn,
    owner: i64,
    name: &str,
    query: &str,
    frequency: &str,
) -> AppResult<SavedSearchRow> {
    super::accounts::lock_jobseeker(conn, owner)?;
    let n: i64 = saved_searches::table
        .filter(saved_searches::jobseeker_account_id.eq(owner))
        .count()
        .get_result(conn)?;
    if n >= MAX_PER_JOBSEEKER {
        return Err(ApiError::Conflict(
            "saved_search_limit",
            Msg::new(
                "保存できる検索条件は20件までです。不要なものを削除してください。",
                "You can save up to 20 searches; delete one you no longer need.",
            ),
        ));
    }
    let row = diesel::insert_into(saved_searches::table)
        .values((
            saved_searches::jobseeker_account_id.eq(owner),
            saved_searches::name.eq(name),
            saved_searches::query.eq(query),
            saved_searches::frequency.eq(frequency),
            saved_searches::created_at.eq(now()),
        ))
        .returning(saved_searches::all_columns)
        .get_result::<SavedSearchRow>(conn)?;
    changes::record(
        Kind::SavedSearchCreated,
        owner,
        json!({"saved_search_id": row.id, "frequency": frequency}),
    )?;
    Ok(row)
}

/// `owner`'s saved searches, the oldest first.
pub fn list(conn: &mut DbConn, owner: i64) -> AppResult<Vec<SavedSearchRow>> {
    Ok(saved_searches::table
        .filter(saved_searches::jobseeker_account_id.eq(owner))
        .order(saved_searches::id.asc())
        .select(SavedSearchRow::as_select())
        .load(conn)?)
}

/// Every saved search (the alert job matches new postings against them).
pub fn all(conn: &mut DbConn) -> AppResult<Vec<SavedSearchRow>> {
    Ok(saved_searches::table
        .order(saved_searches::id.asc())
        .select(SavedSearchRow::as_select())
        .load(conn)?)
}

fn delete_row(conn: &mut DbConn, id: i64) -> AppResult<()> {
    diesel::delete(alert_hits::table.filter(alert_hits::saved_search_id.eq(id))).execute(conn)?;
    diesel::delete(saved_searches::table.find(id)).execute(conn)?;
    Ok(())
}

/// Removes `owner`'s saved search `id`; 404 when it is not theirs (or gone).
pub fn remove(conn: &mut DbConn, owner: i64, id: i64) -> AppResult<()> {
    let found = saved_searches::table
        .find(id)
        .filter(saved_searches::jobseeker_account_id.eq(owner))
        .select(saved_searches::id)
        .first::<i64>(conn)
        .optional()?;
    if found.is_none() {
        return Err(ApiError::NotFound);
    }
    delete_row(conn, id)?;
    changes::record(
        Kind::SavedSearchRemoved,
        owner,
        json!({"saved_search_id": id, "via": "jobseeker"}),
    )
}

/// Stops the alerts of saved search `id` from a signed unsubscribe link: removed once, and
/// a second click (or a mail client's one-click POST after a human's) changes nothing.
pub fn unsubscribe(conn: &mut DbConn, id: i64) -> AppResult<()> {
    let owner = saved_searches::table
        .find(id)
        .select(saved_searches::jobseeker_account_id)
        .first::<i64>(conn)
        .optional()?;
    let Some(owner) = owner else {
        return Ok(());
    };
    delete_row(conn, id)?;
    changes::record(
        Kind::SavedSearchRemoved,
        owner,
        json!({"saved_search_id": id, "via": "unsubscribe"}),
    )
}

/// Forgets every saved search of an erased jobseeker.
pub fn forget_all(conn: &mut DbConn, owner: i64) -> AppResult<()> {
    for s in list(conn, owner)? {
        delete_row(conn, s.id)?;
    }
    Ok(())
}

/// Notes that `posting_id` was found for saved search `id`; once per pair.
pub fn add_hit(conn: &mut DbConn, id: i64, posting_id: i64) -> AppResult<bool> {
    let exists = alert_hits::table
        .find((id, posting_id))
        .count()
        .get_result::<i64>(conn)?
        > 0;
    if exists {
        return Ok(false);
    }
    diesel::insert_into(alert_hits::table)
        .values((
            alert_hits::saved_search_id.eq(id),
            alert_hits::posting_id.eq(posting_id),
            alert_hits::found_at.eq(now()),
        ))
        .execute(conn)?;
    Ok(true)
}

/// The saved searches with postings found and not mailed yet.
pub fn with_unsent_hits(conn: &mut DbConn) -> AppResult<Vec<SavedSearchRow>> {
    let ids: Vec<i64> = alert_hits::table
        .filter(alert_hits::sent_at.is_null())
        .select(alert_hits::saved_search_id)
        .distinct()
        .load(conn)?;
    Ok(saved_searches::table
        .filter(saved_searches::id.eq_any(ids))
        .order(saved_searches::id.asc())
        .select(SavedSearchRow::as_select())
        .load(conn)?)
}

/// The postings found for `id` and not mailed yet, in the order they were found.
pub fn unsent_hits(conn: &mut DbConn, id: i64) -> AppResult<Vec<i64>> {
    Ok(alert_hits::table
        .filter(alert_hits::saved_search_id.eq(id))
        .filter(alert_hits::sent_at.is_null())
        .order((alert_hits::found_at.asc(), alert_hits::posting_id.asc()))
        .select(alert_hits::posting_id)
        .load(conn)?)
}

/// Marks what was just mailed for `id` as sent.
pub fn mark_sent(conn: &mut DbConn, id: i64, posting_ids: &[i64]) -> AppResult<()> {
    let t = now();
    diesel::update(
        alert_hits::table
            .filter(alert_hits::saved_search_id.eq(id))
            .filter(alert_hits::posting_id.eq_any(posting_ids)),
    )
    .set(alert_hits::sent_at.eq(Some(t)))
    .execute(conn)?;
    diesel::update(saved_searches::table.find(id))
        .set(saved_searches::last_sent_at.eq(Some(t)))
        .execute(conn)?;
    Ok(())
}
