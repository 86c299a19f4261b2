//! Alert mails for saved searches (issue 11). Two steps, each in its own transactions:
//!
//! 1. **Find** — a consumer of the change log with its own cursor: the postings created or
//!    changed in a batch are matched against every saved search with the search's own
//!    conditions ([`q::matching`]); a posting created after the search was saved and found
//!    by it becomes a hit, once per pair, in the transaction that moves the cursor. So a
//!    posting is announced once and never missed, whichever server gets there first.
//! 2. **Mail** — the searches with unsent hits whose time has come (instant: at most one
//!    mail per `min_interval`; daily: once a Japanese day, from 07:00) get one mail listing
//!    at most [`MAX_LISTED`] still-open postings in their public view, with a signed
//!    one-click unsubscribe link (RFC 8058). Only a confirmed address is mailed.

use crate::auth::tokens::TokenKeys;
use crate::db::changes::{self, Kind};
use crate::db::saved_searches::{self as saved, SavedSearchRow};
use crate::db::{accounts, outbox, postings as q, write_tx, Db, DbConn};
use crate::domain::search::SearchQuery;
use crate::error::AppResult;
use crate::notify::{self, AlertItem, AlertNotice};
use crate::views::posting::PublicPosting;
use chrono::{Duration, NaiveDateTime};
use std::collections::BTreeSet;

/// The consumer's name in `change_cursors`.
pub const CONSUMER: &str = "alerts";

/// At most this many postings are listed in one alert mail; the rest are counted.
pub const MAX_LISTED: usize = 10;

/// The Japan-time hour daily alerts go out.
pub const DAILY_HOUR_JST: u32 = 7;

/// How often alerts go out.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize, utoipa::ToSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Frequency {
    /// As postings appear (at most one mail per 15 minutes per search).
    Instant,
    /// Once a day, at 07:00 Japan time.
    Daily,
}

impl Frequency {
    pub fn code(self) -> &'static str {
        match self {
            Frequency::Instant => "instant",
            Frequency::Daily => "daily",
        }
    }

    pub fn parse(s: &str) -> Option<Frequency> {
        match s {
            "instant" => Some(Frequency::Instant),
            "daily" => Some(Frequency::Daily),
            _ => None,
        }
    }
}

/// Step 1: turns new changes into hits; returns how many hits were found.
pub fn find(conn: &mut DbConn) -> AppResult<usize> {
    changes::consume(conn, CONSUMER, |c, batch| {
        let ids: BTreeSet<i64> = batch
            .iter()
            .filter(|ch| {
                ch.kind == Kind::PostingCreated.code() || ch.kind == Kind::PostingUpdated.code()
            })
            .map(|ch| ch.entity_id)
            .collect();
        if ids.is_empty() {
            return Ok(0);
        }
        let ids: Vec<i64> = ids.into_iter().collect();
        let created = q::find_many(c, &ids)?;
        let mut found = 0;
        for search in saved::all(c)? {
            let Ok(query) = SearchQuery::parse(&search.query) else {
                continue;
            };
            // Only postings that appeared after the search was saved are news to it.
            let newer: Vec<i64> = ids
                .iter()
                .copied()
                .filter(|id| {
                    created
                        .get(id)
                        .is_some_and(|p| p.created_at >= search.created_at)
                })
                .collect();
            if newer.is_empty() {
                continue;
            }
            for posting_id in q::matching(c, &query, &newer)? {
                if saved::add_hit(c, search.id, posting_id)? {
                    found += 1;
                }
            }
        }
        Ok(found)
    })
}

/// When a search's next mail may go: instant after `min_interval`, daily from 07:00 Japan
/// time on a day it was not mailed yet.
fn is_due(s: &SavedSearchRow, now: NaiveDateTime, min_interval: Duration) -> bool {
    let Some(last) = s.last_sent_at else {
        return match Frequency::parse(&s.frequency) {
            Some(Frequency::Daily) => now >= todays_send_time(now),
            _ => true,
        };
    };
    match Frequency::parse(&s.frequency) {
        Some(Frequency::Daily) => now >= todays_send_time(now) && last < todays_send_time(now),
        _ => now - last >= min_interval,
    }
}

/// 07:00 Japan time of the Japanese day `now` (UTC) falls in, in UTC.
fn todays_send_time(now: NaiveDateTime) -> NaiveDateTime {
    let jst_day = (now + Duration::hours(9)).date();
    jst_day
        .and_hms_opt(DAILY_HOUR_JST, 0, 0)
        .unwrap_or_default()
        - Duration::hours(9)
}

/// Step 2: queues the alert mails that are due; returns how many.
pub fn mail_due(
    conn: &mut DbConn,
    keys: &TokenKeys,
    public_url: &str,
    min_interval: Duration,
) -> AppResult<usize> {
    let now = crate::clock::now();
    let mut queued = 0;
    for search in saved::with_unsent_hits(conn)? {
        if !is_due(&search, now, min_interval) {
            continue;
        }
        let sent = write_tx(conn, |c| {
            outbox::hold_recipients(c)?;
            mail_one(c, &search, keys, public_url)
        })?;
        queued += usize::from(sent);
    }
    Ok(queued)
}

/// Mails the unsent hits of one search, when its owner's address is confirmed; the hits
/// and the search's send time move in the transaction that queues the mail.
fn mail_one(
    c: &mut DbConn,
    search: &SavedSearchRow,
    keys: &TokenKeys,
    public_url: &str,
) -> AppResult<bool> {
    let account = accounts::find_account(c, search.jobseeker_account_id)?;
    if !accounts::email_confirmed(c, &account)? {
        return Ok(false); // kept until the address is confirmed
    }
    let hits = saved::unsent_hits(c, search.id)?;
    if hits.is_empty() {
        return Ok(false); // another server mailed them
    }
    let mut rows = q::find_many(c, &hits)?;
    let base = public_url.trim_end_matches('/');
    let open: Vec<_> = hits
        .iter()
        .filter_map(|id| rows.remove(id))
        .filter(|r| r.status() == crate::domain::codes::PostingStatus::Open)
        .collect();
    if !open.is_empty() {
        let mut items = Vec::new();
        for row in open.iter().take(MAX_LISTED) {
            items.push(item(&PublicPosting::from_row(c, row)?, base));
        }
        let token = keys
            .sign_unsubscribe(search.id)
            .map_err(crate::error::ApiError::internal)?;
        let mail = notify::alert(&AlertNotice {
            to: &account.email,
            search_name: &search.name,
            items: &items,
            more: open.len() - items.len(),
            search_link: &format!("{base}/?{}", search.query),
            unsubscribe_page: &format!("{base}/unsubscribe?token={token}"),
            unsubscribe_post: &format!("{base}/api/v1/alerts/unsubscribe?token={token}"),
        });
        outbox::enqueue(c, &mail)?;
    }
    // Closed meanwhile: nothing to announce, and never announced later.
    saved::mark_sent(c, search.id, &hits)?;
    Ok(!open.is_empty())
}

/// One posting as an alert lists it: only what its public view shows.
fn item(p: &PublicPosting, base: &str) -> AlertItem {
    let c = &p.common;
    let occupation = c.occupation.label().ja;
    let kind = c.workplace.facility_type.label().ja;
    let title = match &p.identity {
        Some(i) => format!("{occupation}（{kind}・{}）", i.facility_name),
        None => format!("{occupation}（{kind}）"),
    };
    AlertItem {
        title,
        place: format!(
            "{}{}",
            c.workplace.prefecture_name, c.workplace.municipality
        ),
        wage: format!(
            "{}{}円",
            c.details.wage.unit.label().ja,
            c.details.wage.amount_yen
        ),
        link: format!("{base}/postings/{}", c.id),
    }
}

/// One pass: find, then mail.
pub fn run_once(
    db: &Db,
    keys: &TokenKeys,
    public_url: &str,
    min_interval: Duration,
) -> Result<usize, String> {
    let mut conn = db.pool.get().map_err(|e| e.to_string())?;
    find(&mut conn).map_err(|e| e.to_string())?;
    mail_due(&mut conn, keys, public_url, min_interval).map_err(|e| e.to_string())
}

/// Works the alerts every `interval` for as long as the server runs.
pub fn spawn(
    db: Db,
    keys: TokenKeys,
    public_url: String,
    min_interval: Duration,
    interval: std::time::Duration,
) {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(interval);
        loop {
            tick.tick().await;
            let (db, keys, url) = (db.clone(), keys.clone(), public_url.clone());
            let result =
                actix_web::web::block(move || run_once(&db, &keys, &url, min_interval)).await;
            if let Ok(r) = &result {
                crate::observe::job_ran("alerts", r);
            }
            match result {
                Ok(Ok(_)) => {}
                Ok(Err(e)) => log::error!("alerts: {e}"),
                Err(e) => log::error!("alerts worker: {e}"),
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn at(y: i32, m: u32, d: u32, h: u32, min: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(y, m, d)
            .unwrap()
            .and_hms_opt(h, min, 0)
            .unwrap()
    }

    fn search(frequency: &str, last: Option<NaiveDateTime>) -> SavedSearchRow {
        SavedSearchRow {
            id: 1,
            jobseeker_account_id: 1,
            name: "n".into(),
            query: String::new(),
            frequency: frequency.into(),
            created_at: at(2026, 1, 1, 0, 0),
            last_sent_at: last,
        }
    }

    #[test]
    fn daily_goes_once_a_japanese_day_from_seven() {
        // 06:59 JST on 2 Jan = 21:59 UTC on 1 Jan.
        let before = at(2026, 1, 1, 21, 59);
        let seven = at(2026, 1, 1, 22, 0);
        let m = Duration::minutes(15);
        assert!(!is_due(&search("daily", None), before, m));
        assert!(is_due(&search("daily", None), seven, m));
        // Mailed at 07:00 JST today: not again until tomorrow 07:00 JST.
        let sent = search("daily", Some(seven));
        assert!(!is_due(&sent, at(2026, 1, 2, 21, 59), m));
        assert!(is_due(&sent, at(2026, 1, 2, 22, 0), m));
        // Mailed yesterday evening JST: due this morning.
        let evening = search("daily", Some(at(2026, 1, 1, 12, 0)));
        assert!(is_due(&evening, seven, m));
    }

    #[test]
    fn instant_waits_the_minimum_interval() {
        let t = at(2026, 1, 1, 3, 0);
        let m = Duration::minutes(15);
        assert!(is_due(&search("instant", None), t, m));
        let sent = search("instant", Some(t));
        assert!(!is_due(&sent, t + Duration::minutes(14), m));
        assert!(is_due(&sent, t + Duration::minutes(15), m));
    }
}
