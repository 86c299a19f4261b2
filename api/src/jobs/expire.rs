//! Postings past their employment period close as `expired` (SPEC 4, step 7). Runs at start
//! and every hour; the day is Japan's.

use crate::db::postings;
use crate::db::schema::postings as p;
use crate::db::{write_tx, Db, DbConn};
use crate::domain::codes::{CloseReason, PostingStatus};
use crate::error::AppResult;
use chrono::{FixedOffset, NaiveDate, Utc};
use diesel::prelude::*;
use std::time::Duration;

/// Today in Japan (UTC+9, no daylight saving).
pub fn today_in_japan() -> NaiveDate {
    let jst = FixedOffset::east_opt(9 * 3600).expect("valid offset");
    Utc::now().with_timezone(&jst).date_naive()
}

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
        if write_tx(conn, |c| postings::close(c, id, CloseReason::Expired, None)).is_ok() {
            closed += 1;
        }
    }
    Ok(closed)
}

/// Runs [`expire_postings`] now and then hourly, for as long as the server runs.
pub fn spawn(db: Db) {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(Duration::from_secs(3600));
        loop {
            tick.tick().await;
            match db.run(|c| expire_postings(c, today_in_japan())).await {
                Ok(0) => {}
                Ok(n) => log::info!("closed {n} expired postings"),
                Err(e) => log::error!("expiring postings: {e}"),
            }
        }
    });
}
