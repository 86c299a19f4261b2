//! Postings past their employment period close as `expired` (SPEC 4, step 7), telling
//! pending applicants. The day is Japan's.

use crate::db::schema::postings as p;
use crate::db::{write_tx, DbConn};
use crate::domain::codes::{CloseReason, PostingStatus};
use crate::error::AppResult;
use chrono::NaiveDate;
use diesel::prelude::*;

pub use crate::clock::today_in_japan;

/// Closes every open posting whose employment period ended before `today`; returns how many.
pub fn expire_postings(conn: &mut DbConn, today: NaiveDate) -> AppResult<usize> {
    let due: Vec<i64> = p::table
        .filter(p::status.eq(PostingStatus::Open.code()))
        .filter(p::end_date.lt(today))
        .select(p::id)
        .load(conn)?;
    let mut closed = 0;
    for id in due {
        // Each in its own transaction; one a facility closed meanwhile is simply skipped.
        if write_tx(conn, |c| {
            crate::flows::close_posting(c, id, CloseReason::Expired, None, None)
        })
        .is_ok()
        {
            closed += 1;
        }
    }
    Ok(closed)
}
