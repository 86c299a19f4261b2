//! Webhooks: a consumer of the change log that queues a delivery per endpoint and event
//! (cursor `webhooks`), and a sender that works the durable queue. Deliveries follow
//! Standard Webhooks v1; each endpoint is sent to by its own task, so one slow or dead
//! receiver never holds up the others.

use crate::db::changes::{self, Entity};
use crate::db::partners::{self, DeliveryRow, EndpointRow, OrganisationRow};
use crate::db::{outbox, postings as q, write_tx, Db, DbConn};
use crate::error::AppResult;
use crate::partner::{is_new_in_scope, Membership, ScopeHistory};
use serde_json::json;
use std::collections::{HashMap, HashSet};
use std::net::IpAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

const CONSUMER: &str = "webhooks";

/// Why a URL may not receive webhooks.
#[derive(Debug)]
pub struct NotAllowed(pub &'static str);

fn is_public(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => {
            let o = v4.octets();
            !(v4.is_private()
                || v4.is_loopback()
                || v4.is_link_local()
                || v4.is_unspecified()
                || v4.is_broadcast()
                || v4.is_documentation()
                || v4.is_multicast()
                || o[0] == 0
                || (o[0] == 100 && (64..128).contains(&o[1])) // shared address space
                || (o[0] == 198 && (o[1] == 18 || o[1] == 19))
                || o[0] >= 240)
        }
        IpAddr::V6(v6) => {
            if let Some(v4) = v6.to_ipv4_mapped() {
                return is_public(IpAddr::V4(v4));
            }
            let s = v6.segments();
            !(v6.is_loopback()
                || v6.is_unspecified()
                || v6.is_multicast()
                || (s[0] & 0xfe00) == 0xfc00 // unique local
                || (s[0] & 0xffc0) == 0xfe80 // link local
                || s[0] == 0x2001 && s[1] == 0x0db8) // documentation
        }
    }
}

/// Checks a receiver URL: `https` to public addresses only, unless private receivers are
/// allowed (`KEYNET_WEBHOOK_ALLOW_PRIVATE`). Every address the name resolves to must pass.
pub async fn check_target(raw: &str, allow_private: bool) -> Result<url::Url, NotAllowed> {
    let url = url::Url::parse(raw.trim()).map_err(|_| NotAllowed("invalid_url"))?;
    match url.scheme() {
        "https" => {}
        "http" if allow_private => {}
        _ => return Err(NotAllowed("https_required")),
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(NotAllowed("credentials_in_url"));
    }
    let host = url.host_str().ok_or(NotAllowed("invalid_url"))?.to_string();
    let port = url.port_or_known_default().unwrap_or(443);
    if allow_private {
        return Ok(url);
    }
    let host = host
        .trim_start_matches('[')
        .trim_end_matches(']')
        .to_string();
    let addrs: Vec<IpAddr> = match host.parse::<IpAddr>() {
        Ok(ip) => vec![ip],
        Err(_) => tokio::time::timeout(
            Duration::from_secs(3),
            tokio::net::lookup_host((host.as_str(), port)),
        )
        .await
        .map_err(|_| NotAllowed("unresolvable_host"))?
        .map_err(|_| NotAllowed("unresolvable_host"))?
        .map(|a| a.ip())
        .collect(),
    };
    if addrs.is_empty() || !addrs.into_iter().all(is_public) {
        return Err(NotAllowed("private_address"));
    }
    Ok(url)
}

/// The message of a change for one endpoint's organisation, if it gets one.
fn message_for(
    change: &changes::ChangeRow,
    org: &OrganisationRow,
    history: &ScopeHistory,
    row: &q::PostingRow,
    public_url: &str,
    organisations: &[OrganisationRow],
    desks: &[crate::db::desks::DeskRow],
) -> Option<(String, serde_json::Value)> {
    let at = crate::clock::now().and_utc().to_rfc3339();
    if history.now.is_full() {
        let (ty, op, reason) = match Membership::of(change, org.id, history, row) {
            Membership::Upsert => ("posting.upserted", "upsert", None),
            Membership::Remove(r) => ("posting.removed", "remove", Some(r)),
            Membership::Nothing => return None,
        };
        Some((
            ty.to_string(),
            json!({"type": ty, "timestamp": at,
                   "data": {"posting_id": row.id, "op": op, "reason": reason,
                            "cursor": change.seq}}),
        ))
    } else if is_new_in_scope(change, history) {
        // Counts-only scopes hear that a posting was published, never its fields.
        let ty = "posting.published";
        Some((
            ty.to_string(),
            json!({"type": ty, "timestamp": at,
                   "data": {"occupation": row.occupation, "prefecture_code": row.prefecture_code,
                            "search_url": format!("{}/?occupation={}&prefecture={}",
                                public_url.trim_end_matches('/'), row.occupation,
                                row.prefecture_code),
                            "contacts": crate::partner::local_contacts(organisations, desks, &row.prefecture_code)}}),
        ))
    } else {
        None
    }
}

/// Posting changes handled per transaction.
const BATCH: i64 = 500;

/// Queues the deliveries of every posting change after the cursor, a batch per
/// transaction, until the log is drained (a bulk import reaches partners in minutes,
/// not at 500 changes a tick).
pub fn queue_from_changes(conn: &mut DbConn, public_url: &str) -> AppResult<usize> {
    let mut total = 0;
    loop {
        let (queued, handled) = queue_batch(conn, public_url)?;
        total += queued;
        if handled < BATCH as usize {
            return Ok(total);
        }
    }
}

/// One batch: the deliveries it queued and the changes it handled.
fn queue_batch(conn: &mut DbConn, public_url: &str) -> AppResult<(usize, usize)> {
    write_tx(conn, |c| {
        let cursor = changes::lock_cursor(c, CONSUMER)?;
        let batch = changes::of_entity_after(c, Entity::Posting, cursor, BATCH)?;
        let Some(last) = batch.last().map(|b| b.seq) else {
            // Skip past other entities' changes so the cursor keeps up with the log.
            return Ok((0, 0));
        };
        let endpoints = partners::live_endpoints(c)?;
        let mut histories: HashMap<i64, ScopeHistory> = HashMap::new();
        for (_, org) in &endpoints {
            if let std::collections::hash_map::Entry::Vacant(e) = histories.entry(org.id) {
                e.insert(ScopeHistory::load(c, org)?);
            }
        }
        let ids: Vec<i64> = batch.iter().map(|b| b.entity_id).collect();
        let rows = q::find_many(c, &ids)?;
        let organisations = partners::list(c)?;
        let desks = crate::db::desks::list(c, None)?;
        let mut queued = 0;
        for change in &batch {
            let Some(row) = rows.get(&change.entity_id) else {
                continue;
            };
            for (endpoint, org) in &endpoints {
                let Some((ty, payload)) = message_for(
                    change,
                    org,
                    &histories[&org.id],
                    row,
                    public_url,
                    &organisations,
                    &desks,
                ) else {
                    continue;
                };
                let id = format!("msg_{}_{}", change.seq, endpoint.id);
                partners::enqueue_delivery(c, endpoint.id, &id, &ty, &payload.to_string())?;
                queued += 1;
            }
        }
        changes::advance(c, CONSUMER, last)?;
        Ok((queued, batch.len()))
    })
}

/// Sends one delivery and reads at most a small prefix of the answer.
async fn attempt(
    client: &reqwest::Client,
    e: &EndpointRow,
    d: &DeliveryRow,
    allow_private: bool,
) -> partners::Attempt {
    let failed = |error: String, code: Option<i32>| partners::Attempt {
        status_code: code,
        error: Some(error),
        delivered: false,
    };
    if let Err(NotAllowed(why)) = check_target(&e.url, allow_private).await {
        return failed(format!("target not allowed: {why}"), None);
    }
    let secret = e.secret.as_str();
    // An empty key would sign with nothing: refuse rather than send an unverifiable message.
    let signer = match secret
        .strip_prefix("whsec_")
        .filter(|s| !s.is_empty())
        .map(standardwebhooks::Webhook::new)
    {
        Some(Ok(w)) => w,
        _ => return failed("endpoint has no usable secret".into(), None),
    };
    let ts = chrono::Utc::now().timestamp();
    let signature = match signer.sign(&d.message_id, ts, d.payload.as_bytes()) {
        Ok(s) => s,
        Err(e) => return failed(format!("signing: {e}"), None),
    };
    let sent = client
        .post(&e.url)
        .header("content-type", "application/json")
        .header("webhook-id", &d.message_id)
        .header("webhook-timestamp", ts.to_string())
        .header("webhook-signature", signature)
        .body(d.payload.clone())
        .send()
        .await;
    match sent {
        Ok(res) => {
            let code = i32::from(res.status().as_u16());
            let ok = res.status().is_success();
            let mut prefix = Vec::new();
            let mut res = res;
            while prefix.len() < 256 {
                match tokio::time::timeout(Duration::from_secs(2), res.chunk()).await {
                    Ok(Ok(Some(chunk))) => prefix.extend_from_slice(&chunk),
                    _ => break,
                }
            }
            prefix.truncate(256);
            partners::Attempt {
                status_code: Some(code),
                error: (!ok).then(|| format!("HTTP {code}: {}", String::from_utf8_lossy(&prefix))),
                delivered: ok,
            }
        }
        Err(err) => failed(
            if err.is_timeout() {
                "timed out".into()
            } else if err.is_connect() {
                "could not connect".into()
            } else {
                "request failed".into()
            },
            None,
        ),
    }
}

fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .connect_timeout(Duration::from_secs(5))
        .timeout(Duration::from_secs(15))
        .user_agent("Key-Net-Webhooks/1")
        .build()
        .expect("http client")
}

/// Queues, then sends what is due; runs every `interval` for as long as the server runs.
pub fn spawn(db: Db, public_url: String, allow_private: bool, interval: Duration) {
    let busy: Arc<Mutex<HashSet<i64>>> = Arc::default();
    let client = client();
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(interval);
        loop {
            tick.tick().await;
            let url = public_url.clone();
            if let Err(e) = db.run(move |c| queue_from_changes(c, &url)).await {
                log::error!("webhooks: queueing: {e}");
            }
            let skip: Vec<i64> = busy
                .lock()
                .map(|b| b.iter().copied().collect())
                .unwrap_or_default();
            let due = db
                .run(move |c| partners::claim_due(c, 200, chrono::Duration::seconds(60), &skip))
                .await;
            let due = match due {
                Ok(d) => d,
                Err(e) => {
                    log::error!("webhooks: claiming: {e}");
                    continue;
                }
            };
            let mut by_endpoint: HashMap<i64, (EndpointRow, Vec<DeliveryRow>)> = HashMap::new();
            for (d, e) in due {
                by_endpoint
                    .entry(e.id)
                    .or_insert_with(|| (e, vec![]))
                    .1
                    .push(d);
            }
            for (id, (endpoint, deliveries)) in by_endpoint {
                if let Ok(mut b) = busy.lock() {
                    b.insert(id);
                }
                let (db, client, busy) = (db.clone(), client.clone(), busy.clone());
                tokio::spawn(async move {
                    for d in deliveries {
                        let a = attempt(&client, &endpoint, &d, allow_private).await;
                        let (e2, d2) = (endpoint.clone(), d.clone());
                        let r = db
                            .write(move |c| {
                                if partners::record_attempt(c, &d2, &a)? {
                                    disable(c, &e2)?;
                                }
                                Ok(())
                            })
                            .await;
                        if let Err(e) = r {
                            log::error!("webhooks: recording: {e}");
                        }
                    }
                    if let Ok(mut b) = busy.lock() {
                        b.remove(&id);
                    }
                });
            }
        }
    });
}

/// Disables an endpoint and tells its organisation by mail.
fn disable(c: &mut DbConn, e: &EndpointRow) -> AppResult<()> {
    if partners::disable_endpoint(c, e.id, "failing")? {
        let org = partners::find(c, e.organisation_id)?;
        outbox::enqueue(
            c,
            &crate::notify::webhook_disabled(&org.email, &org.name, &e.url),
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn private_and_special_addresses_are_not_public() {
        for a in [
            "127.0.0.1",
            "10.1.2.3",
            "192.168.0.1",
            "172.16.5.5",
            "169.254.169.254",
            "100.64.0.1",
            "0.0.0.0",
            "::1",
            "fc00::1",
            "fe80::1",
            "::ffff:10.0.0.1",
        ] {
            assert!(!is_public(a.parse().unwrap()), "{a}");
        }
        for a in ["8.8.8.8", "133.242.0.1", "2400:4050::1"] {
            assert!(is_public(a.parse().unwrap()), "{a}");
        }
    }

    #[tokio::test]
    async fn only_https_to_public_addresses_unless_allowed() {
        assert!(check_target("http://8.8.8.8/hook", false).await.is_err());
        assert!(check_target("https://127.0.0.1/hook", false).await.is_err());
        assert!(check_target("https://[::1]/hook", false).await.is_err());
        assert!(check_target("https://8.8.8.8/hook", false).await.is_ok());
        assert!(check_target("ftp://8.8.8.8/hook", true).await.is_err());
        assert!(check_target("http://127.0.0.1:9/hook", true).await.is_ok());
    }
}
