//! The audit consumer of the change log: lists in the audit log what admins changed (fax
//! entries, edits, suspensions, corrections, organisations, scopes, keys), read from the
//! changes after its cursor, in the transaction that moves the cursor — so each admin change
//! is listed once, at the time it was made, and handlers never write audit rows for it.

use crate::db::audit::{self, AdminChange};
use crate::db::changes::{self, ChangeRow, Entity, Kind};
use crate::db::schema::accounts;
use crate::db::DbConn;
use crate::domain::codes::{AuditAction, Role};
use crate::error::AppResult;
use diesel::prelude::*;
use serde_json::Value;
use std::collections::HashSet;

/// The consumer's name in `change_cursors`.
pub const CONSUMER: &str = "audit";

/// Lists every admin change not listed yet; returns how many.
pub fn produce(conn: &mut DbConn) -> AppResult<usize> {
    changes::consume(conn, CONSUMER, |c, batch| {
        let admins = admins_among(c, batch)?;
        let mut n = 0;
        for change in batch {
            let actor = change.actor_account_id.filter(|a| admins.contains(a));
            if let Some(entry) = actor.and_then(|a| entry_for(change, a)) {
                audit::record_admin_change(c, &entry)?;
                n += 1;
            }
        }
        Ok(n)
    })
}

/// The actors of `batch` who are admins.
fn admins_among(c: &mut DbConn, batch: &[ChangeRow]) -> AppResult<HashSet<i64>> {
    let actors: HashSet<i64> = batch.iter().filter_map(|r| r.actor_account_id).collect();
    if actors.is_empty() {
        return Ok(HashSet::new());
    }
    Ok(accounts::table
        .filter(accounts::id.eq_any(actors.into_iter().collect::<Vec<_>>()))
        .filter(accounts::role.eq(Role::Admin.code()))
        .select(accounts::id)
        .load::<i64>(c)?
        .into_iter()
        .collect())
}

/// The audit action an admin's change is listed as; `None` for changes that only follow
/// from another one (postings entering a partner's scope when its scope changes, open
/// postings renamed with their facility) or that are not the admin's own doing.
fn action_of(kind: Kind, data: &Value) -> Option<AuditAction> {
    Some(match kind {
        Kind::PostingCreated => AuditAction::PostingEntered,
        Kind::PostingUpdated if data["fields"] == serde_json::json!(["facility_name"]) => {
            return None
        }
        Kind::PostingUpdated => AuditAction::PostingEdited,
        Kind::PostingClosed => AuditAction::PostingClosed,
        Kind::FacilityCorrected | Kind::FacilityRested | Kind::FacilityReactivated => {
            AuditAction::FacilityCorrected
        }
        Kind::AccountIssued | Kind::AccountLinkRequested => AuditAction::AccountIssued,
        Kind::OrganisationCreated | Kind::OrganisationScopeChanged => {
            AuditAction::OrganisationChanged
        }
        Kind::ApiKeyIssued
        | Kind::ApiKeyRevoked
        | Kind::WebhookRegistered
        | Kind::WebhookDisabled => AuditAction::CredentialsChanged,
        Kind::DeskCreated | Kind::DeskUpdated | Kind::DeskRemoved => AuditAction::DeskChanged,
        _ => return None,
    })
}

fn entry_for(change: &ChangeRow, actor: i64) -> Option<AdminChange> {
    let kind = Kind::ALL
        .iter()
        .copied()
        .find(|k| k.code() == change.kind)?;
    let data = change.data();
    let action = action_of(kind, &data)?;
    let id = change.entity_id;
    let (posting_id, organisation_id, subject) = match kind.entity() {
        Entity::Posting => (Some(id), None, None),
        Entity::Organisation => (None, Some(id), None),
        Entity::Account => (None, data["organisation_id"].as_i64(), Some(id)),
        Entity::Desk => (None, data["organisation_id"].as_i64(), None),
        _ => (None, None, None),
    };
    Some(AdminChange {
        actor,
        action: action.code(),
        at: change.occurred_at,
        posting_id,
        organisation_id,
        subject,
        detail: detail(kind, id, &data),
    })
}

/// What changed, in a line: the facts of the change that the entry's other columns do not
/// already say (the reason of a close, the fields of an edit, old → new of a correction).
fn detail(kind: Kind, id: i64, data: &Value) -> String {
    const SAID: [&str; 5] = [
        "by",
        "facility_id",
        "occupation",
        "prefecture_code",
        "organisation_id",
    ];
    let mut parts = vec![];
    if kind.entity() == Entity::Facility || kind.entity() == Entity::Desk {
        parts.push(format!("{}#{id}", kind.entity().code()));
    }
    if let Value::Object(map) = data {
        for (k, v) in map.iter().filter(|(k, _)| !SAID.contains(&k.as_str())) {
            let v = match v {
                Value::String(s) => s.clone(),
                other => other.to_string(),
            };
            parts.push(format!("{k}={v}"));
        }
    }
    parts.join(" · ")
}
