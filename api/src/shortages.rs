//! Shortage dashboards: open postings, new postings, fills and time to a facility's first
//! response, by occupation × prefecture over time. Computed by replaying the change log from
//! its start — the log is the only source, so any past day gives the same figures again,
//! whatever happened to the rows since.

use crate::clock::jst;
use crate::db::changes::{self, Entity};
use crate::db::DbConn;
use crate::domain::codes::{CloseReason, Sender, StatsPeriod};
use crate::domain::partner::Scope;
use crate::error::AppResult;
use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime};
use std::collections::{BTreeMap, HashMap, HashSet};

/// The most periods one report covers.
pub const MAX_PERIODS: usize = 366;

/// (occupation code, prefecture code): a cell of the dashboard.
pub type Key = (String, String);

/// What a report covers: Japan-time days `from..=to` in periods, narrowed to an occupation
/// and a prefecture, and never beyond `scope` (a partner's; `None` for admins).
pub struct Selection {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub period: StatsPeriod,
    pub occupation: Option<String>,
    pub prefecture: Option<String>,
    pub scope: Option<Scope>,
}

impl Selection {
    fn selects(&self, (occupation, prefecture): &Key) -> bool {
        self.occupation.as_ref().is_none_or(|o| o == occupation)
            && self.prefecture.as_ref().is_none_or(|p| p == prefecture)
            && self
                .scope
                .as_ref()
                .is_none_or(|s| s.covers(occupation, prefecture))
    }

    fn covers_day(&self, d: NaiveDate) -> bool {
        self.from <= d && d <= self.to
    }

    /// The periods, each clipped to `from..=to`.
    pub fn periods(&self) -> Vec<(NaiveDate, NaiveDate)> {
        let mut out = vec![];
        let mut start = self.from;
        while start <= self.to && out.len() <= MAX_PERIODS {
            let next = next_start(self.period, start);
            let end = next.pred_opt().unwrap_or(next).min(self.to);
            out.push((start, end));
            if next == NaiveDate::MAX {
                break;
            }
            start = next;
        }
        out
    }
}

/// The first day of the period after the one `d` is in.
fn next_start(period: StatsPeriod, d: NaiveDate) -> NaiveDate {
    match period {
        StatsPeriod::Day => d.succ_opt().unwrap_or(NaiveDate::MAX),
        StatsPeriod::Week => d
            .checked_add_signed(Duration::days(
                7 - i64::from(d.weekday().num_days_from_monday()),
            ))
            .unwrap_or(NaiveDate::MAX),
        StatsPeriod::Month => {
            let (y, m) = if d.month() == 12 {
                (d.year() + 1, 1)
            } else {
                (d.year(), d.month() + 1)
            };
            NaiveDate::from_ymd_opt(y, m, 1).unwrap_or(NaiveDate::MAX)
        }
    }
}

/// The figures of one period or cell.
#[derive(Clone, Debug, Default)]
pub struct Tally {
    /// Open at the end of the period (of the last day, for a cell).
    pub open: i64,
    pub new: i64,
    /// Closed as filled.
    pub fills: i64,
    /// Hours from a jobseeker's first contact to the facility's first message, for the
    /// first messages sent in the period.
    pub response_hours: Vec<f64>,
}

impl Tally {
    pub fn median_response_hours(&self) -> Option<f64> {
        let mut h = self.response_hours.clone();
        if h.is_empty() {
            return None;
        }
        h.sort_by(f64::total_cmp);
        let n = h.len();
        let m = if n % 2 == 1 {
            h[n / 2]
        } else {
            (h[n / 2 - 1] + h[n / 2]) / 2.0
        };
        Some((m * 10.0).round() / 10.0)
    }

    fn add(&mut self, other: &Tally) {
        self.open += other.open;
        self.new += other.new;
        self.fills += other.fills;
        self.response_hours.extend(&other.response_hours);
    }
}

pub struct Report {
    /// One per period, in order.
    pub series: Vec<(NaiveDate, NaiveDate, Tally)>,
    /// Every occupation × prefecture with anything to show, over the whole range.
    pub cells: BTreeMap<Key, Tally>,
}

impl Report {
    /// The cells summed by `part` (0: occupation, 1: prefecture).
    pub fn by(&self, part: usize) -> BTreeMap<String, Tally> {
        let mut out: BTreeMap<String, Tally> = BTreeMap::new();
        for (key, t) in &self.cells {
            let k = if part == 0 { &key.0 } else { &key.1 };
            out.entry(k.clone()).or_default().add(t);
        }
        out
    }

    pub fn total(&self) -> Tally {
        let mut t = Tally::default();
        for c in self.cells.values() {
            t.add(c);
        }
        t
    }
}

/// Midnight at the start of a Japan-time day, in UTC.
fn start_utc(d: NaiveDate) -> NaiveDateTime {
    let midnight = d.and_hms_opt(0, 0, 0).unwrap_or_default();
    midnight
        .checked_sub_signed(Duration::hours(9))
        .unwrap_or(midnight)
}

fn text(v: &serde_json::Value, k: &str) -> Option<String> {
    v[k].as_str().map(str::to_string)
}

/// Replays the postings' and threads' changes up to the end of `sel.to`.
pub fn compute(conn: &mut DbConn, sel: &Selection) -> AppResult<Report> {
    const CHUNK: i64 = 5_000;
    let until = sel.to.succ_opt().map_or(NaiveDateTime::MAX, start_utc);
    let periods = sel.periods();
    let mut series: Vec<(NaiveDate, NaiveDate, Tally)> = periods
        .iter()
        .map(|&(s, e)| (s, e, Tally::default()))
        .collect();
    let period_of = |d: NaiveDate| periods.iter().position(|&(s, e)| s <= d && d <= e);
    let mut cells: BTreeMap<Key, Tally> = BTreeMap::new();
    // The replayed state: each posting's cell, the open ones, open counts by cell, and the
    // threads still waiting for a first response (their posting and when they began).
    let mut key_of: HashMap<i64, Key> = HashMap::new();
    let mut open: HashSet<i64> = HashSet::new();
    let mut open_by_key: HashMap<Key, i64> = HashMap::new();
    let mut waiting: HashMap<i64, (i64, NaiveDateTime)> = HashMap::new();
    let mut snapshotted = 0;
    let snapshot =
        |i: usize, series: &mut Vec<(NaiveDate, NaiveDate, Tally)>, by: &HashMap<Key, i64>| {
            series[i].2.open = by
                .iter()
                .filter(|(k, _)| sel.selects(k))
                .map(|(_, n)| n)
                .sum();
        };
    let mut cursor = 0;
    loop {
        let batch = changes::of_entities_before(
            conn,
            &[Entity::Posting, Entity::Thread],
            cursor,
            until,
            CHUNK,
        )?;
        let Some(last) = batch.last().map(|c| c.seq) else {
            break;
        };
        cursor = last;
        for change in &batch {
            let day = jst(change.occurred_at).date_naive();
            while snapshotted < series.len() && series[snapshotted].1 < day {
                snapshot(snapshotted, &mut series, &open_by_key);
                snapshotted += 1;
            }
            let data = change.data();
            let id = change.entity_id;
            let counted = |key: &Key| sel.covers_day(day) && sel.selects(key);
            match change.kind.as_str() {
                "posting.created" => {
                    let (Some(o), Some(p)) =
                        (text(&data, "occupation"), text(&data, "prefecture_code"))
                    else {
                        continue;
                    };
                    let key = (o, p);
                    *open_by_key.entry(key.clone()).or_default() += 1;
                    open.insert(id);
                    if counted(&key) {
                        if let Some(i) = period_of(day) {
                            series[i].2.new += 1;
                        }
                        cells.entry(key.clone()).or_default().new += 1;
                    }
                    key_of.insert(id, key);
                }
                "posting.updated" => {
                    let (Some(o), Some(p)) =
                        (text(&data, "occupation"), text(&data, "prefecture_code"))
                    else {
                        continue;
                    };
                    let key = (o, p);
                    if let Some(before) = key_of.insert(id, key.clone()) {
                        if before != key && open.contains(&id) {
                            *open_by_key.entry(before).or_default() -= 1;
                            *open_by_key.entry(key).or_default() += 1;
                        }
                    }
                }
                "posting.closed" => {
                    let Some(key) = key_of.get(&id).cloned() else {
                        continue;
                    };
                    if open.remove(&id) {
                        *open_by_key.entry(key.clone()).or_default() -= 1;
                    }
                    if data["reason"] == CloseReason::Filled.code() && counted(&key) {
                        if let Some(i) = period_of(day) {
                            series[i].2.fills += 1;
                        }
                        cells.entry(key).or_default().fills += 1;
                    }
                }
                "thread.opened" => {
                    if let Some(p) = data["posting_id"].as_i64() {
                        waiting.insert(id, (p, change.occurred_at));
                    }
                }
                "thread.message" if data["sender"] == Sender::Facility.code() => {
                    let Some((p, began)) = waiting.remove(&id) else {
                        continue;
                    };
                    let Some(key) = key_of.get(&p).cloned() else {
                        continue;
                    };
                    if counted(&key) {
                        let hours = (change.occurred_at - began).num_seconds() as f64 / 3600.0;
                        if let Some(i) = period_of(day) {
                            series[i].2.response_hours.push(hours);
                        }
                        cells.entry(key).or_default().response_hours.push(hours);
                    }
                }
                _ => {}
            }
        }
        if (batch.len() as i64) < CHUNK {
            break;
        }
    }
    while snapshotted < series.len() {
        snapshot(snapshotted, &mut series, &open_by_key);
        snapshotted += 1;
    }
    for (key, n) in open_by_key {
        if n > 0 && sel.selects(&key) {
            cells.entry(key).or_default().open = n;
        }
    }
    Ok(Report { series, cells })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sel(from: &str, to: &str, period: StatsPeriod) -> Selection {
        Selection {
            from: from.parse().unwrap(),
            to: to.parse().unwrap(),
            period,
            occupation: None,
            prefecture: None,
            scope: None,
        }
    }

    #[test]
    fn periods_are_clipped_to_the_range() {
        let weeks = sel("2026-11-04", "2026-11-18", StatsPeriod::Week).periods();
        let d = |s: &str| s.parse::<NaiveDate>().unwrap();
        assert_eq!(
            weeks,
            vec![
                (d("2026-11-04"), d("2026-11-08")),
                (d("2026-11-09"), d("2026-11-15")),
                (d("2026-11-16"), d("2026-11-18")),
            ]
        );
        let months = sel("2026-11-20", "2027-01-05", StatsPeriod::Month).periods();
        assert_eq!(months.len(), 3);
        assert_eq!(months[1], (d("2026-12-01"), d("2026-12-31")));
        assert_eq!(
            sel("2026-11-01", "2026-11-30", StatsPeriod::Day)
                .periods()
                .len(),
            30
        );
    }

    #[test]
    fn the_median_is_the_middle_one_or_the_mean_of_two() {
        let t = |h: &[f64]| Tally {
            response_hours: h.to_vec(),
            ..Tally::default()
        };
        assert_eq!(t(&[]).median_response_hours(), None);
        assert_eq!(t(&[5.0, 1.0, 3.0]).median_response_hours(), Some(3.0));
        assert_eq!(t(&[1.0, 2.0, 10.0, 4.0]).median_response_hours(), Some(3.0));
    }
}
