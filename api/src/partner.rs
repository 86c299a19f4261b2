//! What a partner receives, decided in one place: the change feed and webhooks both ask
//! [`Membership::of`] what a posting change means for one organisation, so the two cannot
//! disagree, and nothing outside a scope is ever produced.
//!
//! The feed is the change log read by one partner. For each posting change it looks at the
//! posting *now*: open and in scope → `upsert` with the current posting; otherwise a
//! `remove` — but only when the change touched the posting while it was in this partner's
//! scope (judged with the scope in force at that change), so ids outside the scope never
//! appear. A reader that applies every item in order ends with exactly the open postings in
//! scope: every change that takes a posting out of scope is itself a later item.

use crate::db::changes::{self, ChangeRow, Entity, Kind};
use crate::db::partners::{scope_of_change, OrganisationRow};
use crate::db::postings::PostingRow;
use crate::db::{accounts, postings as q, DbConn};
use crate::domain::codes::PostingStatus;
use crate::domain::partner::Scope;
use crate::error::AppResult;
use serde_json::Value;
use std::collections::HashMap;

/// An organisation's scope over time: the scope in force at each change.
pub struct ScopeHistory {
    /// (seq from which it holds, scope), ascending.
    steps: Vec<(i64, Scope)>,
    pub now: Scope,
}

impl ScopeHistory {
    pub fn load(conn: &mut DbConn, org: &OrganisationRow) -> AppResult<ScopeHistory> {
        let steps = changes::history_of(conn, Entity::Organisation, org.id)?
            .into_iter()
            .filter_map(|c| scope_of_change(&c.data()).map(|s| (c.seq, s)))
            .collect();
        Ok(ScopeHistory {
            steps,
            now: org.scope(),
        })
    }

    /// The scope at change `seq` (`None` before the organisation existed).
    fn at(&self, seq: i64) -> Option<&Scope> {
        self.steps
            .iter()
            .rev()
            .find(|(from, _)| *from < seq)
            .map(|(_, s)| s)
    }
}

/// What a posting change means for one organisation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Membership {
    /// The posting is open and in scope now: send its current state.
    Upsert,
    /// It left the partner's view (or was in it when it changed): remove, with the reason.
    Remove(String),
    /// Nothing for this partner.
    Nothing,
}

fn attrs(v: &Value) -> Option<(&str, &str)> {
    Some((
        v.get("occupation")?.as_str()?,
        v.get("prefecture_code")?.as_str()?,
    ))
}

impl Membership {
    /// `row` is the posting now. Full-detail scopes only; counts scopes hear of new postings
    /// through [`is_new_in_scope`].
    pub fn of(
        change: &ChangeRow,
        org_id: i64,
        history: &ScopeHistory,
        row: &PostingRow,
    ) -> Membership {
        let Some(kind) = Kind::ALL.iter().copied().find(|k| k.code() == change.kind) else {
            return Membership::Nothing;
        };
        let data = change.data();
        let full_at = history.at(change.seq).filter(|s| s.is_full());
        let covers = |a: Option<(&str, &str)>| match (full_at, a) {
            (Some(s), Some((o, p))) => s.covers(o, p),
            _ => false,
        };
        let after = attrs(&data).or(Some((
            row.occupation.as_str(),
            row.prefecture_code.as_str(),
        )));
        let (was, is) = match kind {
            Kind::PostingCreated => (false, covers(after)),
            Kind::PostingUpdated => (
                covers(data.get("before").and_then(attrs).or(after)),
                covers(after),
            ),
            Kind::PostingClosed => (covers(after), false),
            Kind::PostingScopeChanged => {
                if data.get("organisation_id").and_then(Value::as_i64) != Some(org_id) {
                    return Membership::Nothing;
                }
                let entered = data
                    .get("entered")
                    .and_then(Value::as_bool)
                    .unwrap_or(false);
                (!entered, entered)
            }
            _ => return Membership::Nothing,
        };
        let now_in = history.now.is_full()
            && row.status() == PostingStatus::Open
            && history.now.covers(&row.occupation, &row.prefecture_code);
        if now_in {
            Membership::Upsert
        } else if was || is {
            let reason = match (row.status(), row.close_reason.as_deref()) {
                (PostingStatus::Closed, Some(r)) => r.to_string(),
                _ => "out_of_scope".to_string(),
            };
            Membership::Remove(reason)
        } else {
            Membership::Nothing
        }
    }
}

/// A new posting that a counts-only (or any) scope covers: the recruiter notice.
pub fn is_new_in_scope(change: &ChangeRow, history: &ScopeHistory) -> bool {
    change.kind == Kind::PostingCreated.code()
        && attrs(&change.data()).is_some_and(|(o, p)| history.now.covers(o, p))
}

/// One item of the feed, before the posting is rendered.
pub struct FeedEntry {
    pub cursor: i64,
    pub row: PostingRow,
    pub membership: Membership,
}

/// A page of the feed: items after `after`, at most `limit`, each posting once (its latest
/// change in the page). `next` is where to continue; `more` whether the log goes on.
pub struct FeedPage {
    pub entries: Vec<FeedEntry>,
    pub next: i64,
    pub more: bool,
}

/// How many log rows one request may read looking for items of this partner.
const SCAN_LIMIT: i64 = 20_000;
const BATCH: i64 = 1_000;

pub fn feed_page(
    conn: &mut DbConn,
    org: &OrganisationRow,
    after: i64,
    limit: usize,
) -> AppResult<FeedPage> {
    let history = ScopeHistory::load(conn, org)?;
    let mut entries: Vec<FeedEntry> = vec![];
    let mut next = after;
    let mut scanned = 0;
    let mut more = true;
    'scan: while scanned < SCAN_LIMIT {
        let batch = changes::of_entity_after(conn, Entity::Posting, next, BATCH)?;
        if batch.is_empty() {
            more = false;
            break;
        }
        scanned += batch.len() as i64;
        let ids: Vec<i64> = batch.iter().map(|c| c.entity_id).collect();
        let rows = q::find_many(conn, &ids)?;
        for change in &batch {
            if entries.len() >= limit {
                break 'scan;
            }
            next = change.seq;
            let Some(row) = rows.get(&change.entity_id) else {
                continue;
            };
            let membership = Membership::of(change, org.id, &history, row);
            if membership == Membership::Nothing {
                continue;
            }
            // The posting's latest change in the page stands for all of them.
            entries.retain(|e| e.row.id != row.id);
            entries.push(FeedEntry {
                cursor: change.seq,
                row: row.clone(),
                membership,
            });
        }
        if (batch.len() as i64) < BATCH {
            more = false;
            break;
        }
    }
    // `more` stays true when the page filled up: the log may hold more after `next`.
    if entries.len() >= limit {
        more = changes::of_entity_after(conn, Entity::Posting, next, 1)?.len() == 1;
    }
    Ok(FeedPage {
        entries,
        next,
        more,
    })
}

/// The facilities of `rows`, by id (one query per 500).
pub fn facilities_of(
    conn: &mut DbConn,
    rows: &[&PostingRow],
) -> AppResult<HashMap<i64, accounts::FacilityRow>> {
    let mut ids: Vec<i64> = rows.iter().map(|r| r.facility_id).collect();
    ids.sort_unstable();
    ids.dedup();
    let mut out = HashMap::new();
    for chunk in ids.chunks(500) {
        out.extend(
            accounts::facilities_by_ids(conn, chunk)?
                .into_iter()
                .map(|f| (f.id, f)),
        );
    }
    Ok(out)
}

/// Encodes rows as CSV with CRLF line ends.
pub fn csv_bytes(rows: &[Vec<String>]) -> AppResult<Vec<u8>> {
    // About 500 bytes a posting: one allocation for the page instead of a doubling series.
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::with_capacity(rows.len() * 512));
    for r in rows {
        w.write_record(r)
            .map_err(|e| crate::error::ApiError::internal(format!("csv: {e}")))?;
    }
    w.into_inner()
        .map_err(|e| crate::error::ApiError::internal(format!("csv: {e}")))
}

/// The CSV cells of postings a full-detail scope covers (checked by the caller), with their
/// facilities ([`facilities_of`]).
pub fn csv_rows(
    conn: &mut DbConn,
    rows: &[PostingRow],
    facilities: &HashMap<i64, accounts::FacilityRow>,
) -> AppResult<Vec<Vec<String>>> {
    let mut out = Vec::with_capacity(rows.len());
    for r in rows {
        let record =
            crate::views::posting::PartnerRecord::from_row(conn, r, &facilities[&r.facility_id])?;
        out.push(crate::views::partner::csv_cells(record));
    }
    Ok(out)
}

/// A whole CSV file (UTF-8 with BOM, header first) of these postings.
pub fn csv_file(conn: &mut DbConn, rows: &[PostingRow]) -> AppResult<Vec<u8>> {
    let mut out = vec![0xEF, 0xBB, 0xBF];
    let mut all = vec![crate::views::partner::CSV_HEADER
        .iter()
        .map(|s| s.to_string())
        .collect::<Vec<_>>()];
    let facilities = facilities_of(conn, &rows.iter().collect::<Vec<_>>())?;
    all.extend(csv_rows(conn, rows, &facilities)?);
    out.extend(csv_bytes(&all)?);
    Ok(out)
}

/// Where a jobseeker can get help in a prefecture: its reception desks (窓口), then the
/// prefecture's office, its labour bureau (Hello Work) and its nurse centre as registered
/// organisations. Recruiters' notices and digests carry them (SPEC 9).
pub fn local_contacts(
    organisations: &[OrganisationRow],
    desks: &[crate::db::desks::DeskRow],
    prefecture_code: &str,
) -> Vec<serde_json::Value> {
    use crate::domain::codes::OrganisationKind as K;
    let desks = desks
        .iter()
        .filter(|d| d.prefecture_code == prefecture_code)
        .map(|d| {
            serde_json::json!({"kind": "desk", "name": d.name, "address": d.address,
                               "phone": d.phone, "hours": d.hours, "url": d.url})
        });
    let offices = organisations
        .iter()
        .filter(|o| o.prefecture_code.as_deref() == Some(prefecture_code))
        .filter(|o| {
            matches!(
                o.kind(),
                Some(K::Prefecture | K::LabourBureau | K::NurseCenter)
            )
        })
        .map(|o| serde_json::json!({"kind": o.kind, "name": o.name, "email": o.email}));
    desks.chain(offices).collect()
}
