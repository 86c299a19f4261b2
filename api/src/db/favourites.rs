//! A jobseeker's favourite postings (お気に入り): theirs alone, keyed by their account.

use super::changes::{self, Kind};
use super::schema::favourites;
use super::DbConn;
use crate::clock::now;
use crate::error::AppResult;
use diesel::prelude::*;
use serde_json::json;

/// Saves `posting_id` as a favourite of `jobseeker`; saving it again changes nothing.
pub fn add(conn: &mut DbConn, jobseeker: i64, posting_id: i64) -> AppResult<()> {
    let exists = favourites::table
        .find((jobseeker, posting_id))
        .count()
        .get_result::<i64>(conn)?
        > 0;
    if exists {
        return Ok(());
    }
    // A savepoint: a second tab saving the same posting at once finds it there.
    let inserted = conn.transaction(|c| {
        diesel::insert_into(favourites::table)
            .values((
                favourites::jobseeker_account_id.eq(jobseeker),
                favourites::posting_id.eq(posting_id),
                favourites::created_at.eq(now()),
            ))
            .execute(c)
    });
    match inserted {
        Ok(_) => changes::record(
            Kind::FavouriteAdded,
            jobseeker,
            json!({"posting_id": posting_id}),
        ),
        Err(e) if super::is_unique_violation(&e) => Ok(()),
        Err(e) => Err(e.into()),
    }
}

/// Takes `posting_id` off the favourites of `jobseeker`; taking it off again changes nothing.
pub fn remove(conn: &mut DbConn, jobseeker: i64, posting_id: i64) -> AppResult<()> {
    let n = diesel::delete(favourites::table.find((jobseeker, posting_id))).execute(conn)?;
    if n > 0 {
        changes::record(
            Kind::FavouriteRemoved,
            jobseeker,
            json!({"posting_id": posting_id}),
        )?;
    }
    Ok(())
}

/// The postings `jobseeker` saved, the newest saved first.
pub fn posting_ids(conn: &mut DbConn, jobseeker: i64) -> AppResult<Vec<i64>> {
    Ok(favourites::table
        .filter(favourites::jobseeker_account_id.eq(jobseeker))
        .order((favourites::created_at.desc(), favourites::posting_id.desc()))
        .select(favourites::posting_id)
        .limit(500)
        .load(conn)?)
}

/// Forgets every favourite of an erased jobseeker.
pub fn forget_all(conn: &mut DbConn, jobseeker: i64) -> AppResult<()> {
    diesel::delete(favourites::table.filter(favourites::jobseeker_account_id.eq(jobseeker)))
        .execute(conn)?;
    Ok(())
}
