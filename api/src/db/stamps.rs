//! Dates and timestamps read from SQLite without chrono's format parser.
//!
//! SQLite keeps them as text (`2026-12-07 12:44:04.134088493`, `2027-01-07`), and diesel
//! reads a timestamp by trying its formats one after another with `parse_from_str`, which
//! interprets the format string every time: on a search page of 20 postings that was 7 % of
//! the server's CPU. Fields of rows read in bulk name these types in
//! `#[diesel(deserialize_as = …)]`; the text diesel writes is read here directly, anything
//! else (a value written by hand, a Julian day) falls back to diesel's own reading.
//! PostgreSQL sends binary values: read as diesel reads them.

use super::MultiBackend;
use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use diesel::backend::Backend;
use diesel::deserialize::{self, FromSql};
use diesel::pg::Pg;
use diesel::sql_types::{Date, Timestamp};
use diesel::sqlite::Sqlite;

/// A `Timestamp` column read into a [`NaiveDateTime`].
#[derive(Debug, diesel::deserialize::FromSqlRow)]
pub struct Stamp(pub NaiveDateTime);

/// A `Date` column read into a [`NaiveDate`].
#[derive(Debug, diesel::deserialize::FromSqlRow)]
pub struct Day(pub NaiveDate);

impl From<Stamp> for NaiveDateTime {
    fn from(s: Stamp) -> Self {
        s.0
    }
}

impl From<Day> for NaiveDate {
    fn from(d: Day) -> Self {
        d.0
    }
}

/// The number in `digits`, all of which must be ASCII digits.
fn number(digits: &[u8]) -> Option<u32> {
    digits.iter().try_fold(0u32, |n, &b| {
        b.is_ascii_digit().then(|| n * 10 + u32::from(b - b'0'))
    })
}

/// `YYYY-MM-DD`.
fn day(text: &[u8]) -> Option<NaiveDate> {
    if text.len() != 10 || text[4] != b'-' || text[7] != b'-' {
        return None;
    }
    NaiveDate::from_ymd_opt(
        number(&text[0..4])? as i32,
        number(&text[5..7])?,
        number(&text[8..10])?,
    )
}

/// `YYYY-MM-DD HH:MM:SS`, optionally with `T` for the space and a fraction of 1–9 digits.
fn stamp(text: &[u8]) -> Option<NaiveDateTime> {
    if text.len() < 19 || !matches!(text[10], b' ' | b'T') || text[13] != b':' || text[16] != b':' {
        return None;
    }
    let nanos = match &text[19..] {
        [] => 0,
        [b'.', fraction @ ..] if (1..=9).contains(&fraction.len()) => {
            number(fraction)? * 10u32.pow(9 - fraction.len() as u32)
        }
        _ => return None,
    };
    let time = NaiveTime::from_hms_nano_opt(
        number(&text[11..13])?,
        number(&text[14..16])?,
        number(&text[17..19])?,
        nanos,
    )?;
    Some(day(&text[..10])?.and_time(time))
}

impl FromSql<Timestamp, Sqlite> for Stamp {
    fn from_sql(mut value: <Sqlite as Backend>::RawValue<'_>) -> deserialize::Result<Self> {
        match stamp(value.read_text().as_bytes()) {
            Some(t) => Ok(Stamp(t)),
            None => <NaiveDateTime as FromSql<Timestamp, Sqlite>>::from_sql(value).map(Stamp),
        }
    }
}

impl FromSql<Date, Sqlite> for Day {
    fn from_sql(mut value: <Sqlite as Backend>::RawValue<'_>) -> deserialize::Result<Self> {
        match day(value.read_text().as_bytes()) {
            Some(d) => Ok(Day(d)),
            None => <NaiveDate as FromSql<Date, Sqlite>>::from_sql(value).map(Day),
        }
    }
}

impl FromSql<Timestamp, Pg> for Stamp {
    fn from_sql(value: <Pg as Backend>::RawValue<'_>) -> deserialize::Result<Self> {
        <NaiveDateTime as FromSql<Timestamp, Pg>>::from_sql(value).map(Stamp)
    }
}

impl FromSql<Date, Pg> for Day {
    fn from_sql(value: <Pg as Backend>::RawValue<'_>) -> deserialize::Result<Self> {
        <NaiveDate as FromSql<Date, Pg>>::from_sql(value).map(Day)
    }
}

impl FromSql<Timestamp, MultiBackend> for Stamp {
    fn from_sql(value: <MultiBackend as Backend>::RawValue<'_>) -> deserialize::Result<Self> {
        value.from_sql::<Self, Timestamp>()
    }
}

impl FromSql<Date, MultiBackend> for Day {
    fn from_sql(value: <MultiBackend as Backend>::RawValue<'_>) -> deserialize::Result<Self> {
        value.from_sql::<Self, Date>()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What diesel writes is read to the same value as diesel reads it.
    #[test]
    fn reads_what_diesel_writes_as_chrono_does() {
        for text in [
            "2026-12-07 12:44:04.134088493",
            "2026-12-07 12:44:04.1",
            "2026-12-07 12:44:04",
            "2026-12-07T00:00:00.000001",
            "2024-02-29 23:59:59.999999999",
        ] {
            let by_chrono = NaiveDateTime::parse_from_str(&text.replace('T', " "), "%F %T%.f")
                .expect("chrono reads it");
            assert_eq!(stamp(text.as_bytes()), Some(by_chrono), "{text}");
        }
        assert_eq!(
            day(b"2027-01-07"),
            NaiveDate::from_ymd_opt(2027, 1, 7),
            "a date"
        );
    }

    /// What is not exactly that shape is left to diesel's reading (which may still know it).
    #[test]
    fn leaves_other_shapes_to_diesel() {
        for text in [
            "2026-12-07",
            "2026-12-07 12:44",
            "2026-12-07 12:44:04.",
            "2026-12-07 12:44:04.1234567890",
            "2026-12-07 12:44:04Z",
            "2026-02-30 00:00:00",
            "2026-12-07 24:00:00",
            "２０２６-12-07 00:00:00",
            "2461378.5",
        ] {
            assert_eq!(stamp(text.as_bytes()), None, "{text}");
        }
        for text in ["2027-1-07", "2027-02-29", "2027/01/07", "2027-01-07 "] {
            assert_eq!(day(text.as_bytes()), None, "{text}");
        }
    }
}
