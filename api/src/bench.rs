//! Support for `make bench`: the SQL a search runs (to replay with pgbench) and a small
//! driver that runs the search queries straight against the database at a given
//! concurrency, without HTTP, so the API layer's cost can be seen.

use crate::db::{postings, DbConn, Pool};
use crate::domain::search::SearchQuery;
use crate::views::posting::RenderedPublicViews;
use diesel::connection::{Instrumentation, InstrumentationEvent};
use diesel::Connection;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// Parses a bind list such as `"open", 5, 2026-12-01, ["a", "b"]` into SQL literals,
/// up to the closing `]` of the list; returns the literals and the rest of the text.
fn parse_values(mut rest: &str) -> Result<(Vec<String>, &str), String> {
    let mut values = Vec::new();
    loop {
        rest = rest.trim_start().trim_start_matches(',').trim_start();
        if rest.is_empty() {
            return Ok((values, rest));
        }
        if let Some(r) = rest.strip_prefix(']') {
            return Ok((values, r));
        }
        if let Some(r) = rest.strip_prefix('[') {
            let (inner, r) = parse_values(r)?;
            values.push(format!("ARRAY[{}]", inner.join(", ")));
            rest = r;
        } else if let Some(r) = rest.strip_prefix('"') {
            let mut out = String::new();
            let mut chars = r.char_indices();
            let end = loop {
                match chars.next() {
                    Some((_, '\\')) => {
                        if let Some((_, c)) = chars.next() {
                            out.push(c);
                        }
                    }
                    Some((i, '"')) => break i,
                    Some((_, c)) => out.push(c),
                    None => return Err("unterminated string in binds".into()),
                }
            };
            values.push(format!("'{}'", out.replace('\'', "''")));
            rest = &r[end + 1..];
        } else {
            let end = rest.find([',', ']']).unwrap_or(rest.len());
            let v = rest[..end].trim();
            let is_date = v.len() == 10 && v.as_bytes()[4] == b'-';
            values.push(if is_date {
                format!("'{v}'")
            } else {
                v.to_string()
            });
            rest = &rest[end..];
        }
    }
}

/// Turns diesel's `SQL -- binds: [..]` display into plain SQL with literals. Only the
/// value kinds a search binds are handled: strings, integers, booleans, dates and lists.
fn inline_binds(display: &str) -> Result<String, String> {
    let Some((sql, binds)) = display.rsplit_once(" -- binds: [") else {
        return Ok(display.to_string());
    };
    let (values, _) = parse_values(binds)?;
    let mut sql = sql.to_string();
    for (i, v) in values.iter().enumerate().rev() {
        sql = sql.replace(&format!("${}", i + 1), v);
    }
    Ok(sql)
}

struct Capture(Arc<Mutex<Vec<String>>>);

impl Instrumentation for Capture {
    fn on_connection_event(&mut self, event: InstrumentationEvent<'_>) {
        if let InstrumentationEvent::StartQuery { query, .. } = event {
            if let Ok(mut v) = self.0.lock() {
                v.push(query.to_string());
            }
        }
    }
}

/// The SQL statements one search runs on PostgreSQL, binds inlined.
pub fn search_sql_pg(url: &str, query_string: &str) -> Result<Vec<String>, String> {
    let q =
        SearchQuery::parse(query_string).map_err(|e| format!("bad query: {} fields", e.len()))?;
    let mut pg = diesel::PgConnection::establish(url).map_err(|e| e.to_string())?;
    let captured = Arc::new(Mutex::new(Vec::new()));
    pg.set_instrumentation(Capture(captured.clone()));
    let mut conn = DbConn::Pg(pg);
    // Warm the facet cache first, then record what a search runs (as most requests do).
    let cache = postings::FacetCache::default();
    let views = RenderedPublicViews::default();
    anonymous_search(&mut conn, &q, &cache, &views).map_err(|e| e.to_string())?;
    captured.lock().map_err(|e| e.to_string())?.clear();
    anonymous_search(&mut conn, &q, &cache, &views).map_err(|e| e.to_string())?;
    let statements = captured.lock().map_err(|e| e.to_string())?.clone();
    statements.iter().map(|s| inline_binds(s)).collect()
}

/// The statements of an anonymous search, as the API runs them: the documents only of
/// postings whose public view is not kept rendered yet (rendered here then, as the API does).
fn anonymous_search(
    conn: &mut DbConn,
    q: &SearchQuery,
    cache: &postings::FacetCache,
    views: &RenderedPublicViews,
) -> crate::error::AppResult<()> {
    let result = postings::search(conn, q, cache, |core| views.known(core))?;
    for item in &result.rows {
        if let postings::PageItem::Whole(row) = item {
            views.of(conn, row)?;
        }
    }
    Ok(())
}

pub struct DriverResult {
    pub requests: usize,
    pub seconds: f64,
    pub p50_ms: f64,
    pub p99_ms: f64,
}

/// Runs the search function straight on pooled connections from `threads` threads.
pub fn drive_search(
    pool: &Pool,
    query_string: &str,
    threads: usize,
    seconds: u64,
) -> Result<DriverResult, String> {
    let q =
        SearchQuery::parse(query_string).map_err(|e| format!("bad query: {} fields", e.len()))?;
    let cache = Arc::new(postings::FacetCache::default());
    let views = Arc::new(RenderedPublicViews::default());
    drive(pool, threads, seconds, move |conn| {
        anonymous_search(conn, &q, &cache, &views)
    })
}

/// One posting read by ID per call, the IDs drawn at random from `1..=postings` as the API's
/// detail load draws them: the statement an anonymous detail sends ([`postings::find`]), without
/// HTTP or the view. The database's own ceiling under the API's detail figures.
pub fn drive_detail(
    pool: &Pool,
    postings: i64,
    threads: usize,
    seconds: u64,
) -> Result<DriverResult, String> {
    use rand::Rng;
    drive(pool, threads, seconds, move |conn| {
        let id = rand::thread_rng().gen_range(1..=postings.max(1));
        postings::find(conn, id).map(drop)
    })
}

/// One small durable write per call (a row in its own transaction, committed with the
/// backend's durability settings): the floor under the API's write figures.
pub fn drive_writes(pool: &Pool, threads: usize, seconds: u64) -> Result<DriverResult, String> {
    drive(pool, threads, seconds, |conn| {
        crate::db::write_tx(conn, |c| {
            use crate::db::schema::login_attempts as a;
            use diesel::prelude::*;
            diesel::insert_into(a::table)
                .values((
                    a::login_key.eq("bench"),
                    a::client.eq("bench"),
                    a::created_at.eq(crate::clock::now()),
                ))
                .execute(c)?;
            Ok(())
        })
    })
}

/// Runs `op` from `threads` threads for `seconds`, a pool connection per call as a request
/// takes one, and reports the rate and latency percentiles.
fn drive(
    pool: &Pool,
    threads: usize,
    seconds: u64,
    op: impl Fn(&mut crate::db::DbConn) -> crate::error::AppResult<()> + Send + Sync + 'static,
) -> Result<DriverResult, String> {
    let op = Arc::new(op);
    // Once first, as the API side is measured after one request: warm caches on both sides.
    {
        let mut conn = pool
            .get_timeout(Duration::from_secs(seconds + 60))
            .map_err(|e| e.to_string())?;
        op(&mut conn).map_err(|e| e.to_string())?;
    }
    let deadline = Instant::now() + Duration::from_secs(seconds);
    let started = Instant::now();
    let handles: Vec<_> = (0..threads)
        .map(|_| {
            let (pool, op) = (pool.clone(), op.clone());
            std::thread::spawn(move || -> Result<Vec<f64>, String> {
                let mut lat = Vec::new();
                while Instant::now() < deadline {
                    let t = Instant::now();
                    // Wait as long as the run lasts: a slow search at 32 threads on SQLite's
                    // few connections queues longer than the pool's usual 10 s.
                    let mut conn = pool
                        .get_timeout(Duration::from_secs(seconds + 60))
                        .map_err(|e| e.to_string())?;
                    op(&mut conn).map_err(|e| e.to_string())?;
                    lat.push(t.elapsed().as_secs_f64() * 1000.0);
                }
                Ok(lat)
            })
        })
        .collect();
    let mut all = Vec::new();
    for h in handles {
        all.extend(
            h.join()
                .map_err(|_| "driver thread panicked".to_string())??,
        );
    }
    let seconds = started.elapsed().as_secs_f64();
    all.sort_by(|a, b| a.total_cmp(b));
    let pct = |p: f64| {
        all.get(((all.len() as f64 * p) as usize).min(all.len().saturating_sub(1)))
            .copied()
            .unwrap_or(0.0)
    };
    Ok(DriverResult {
        requests: all.len(),
        seconds,
        p50_ms: pct(0.50),
        p99_ms: pct(0.99),
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn binds_are_inlined() {
        let s = super::inline_binds(r#"SELECT 1 WHERE a = $1 AND b = $2 AND c >= $3 AND d = $10 AND e = ANY($4) -- binds: ["o'k", 5, 2026-12-01, ["a", "b,c"], "x", "x", "x", "x", "x", "ten"]"#).unwrap();
        assert_eq!(s, "SELECT 1 WHERE a = 'o''k' AND b = 5 AND c >= '2026-12-01' AND d = 'ten' AND e = ANY(ARRAY['a', 'b,c'])");
    }
}
