//! Time in one place: UTC for stored timestamps, Japan time for dates people see.

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, Utc};

/// Now, in UTC, as stored in the database.
pub fn now() -> NaiveDateTime {
    Utc::now().naive_utc()
}

/// Japan Standard Time (UTC+9, no daylight saving).
pub fn japan() -> FixedOffset {
    FixedOffset::east_opt(9 * 3600).expect("valid offset")
}

/// A stored UTC timestamp in Japan time.
pub fn jst(t: NaiveDateTime) -> DateTime<FixedOffset> {
    t.and_utc().with_timezone(&japan())
}

/// Today's date in Japan.
pub fn today_in_japan() -> NaiveDate {
    Utc::now().with_timezone(&japan()).date_naive()
}
