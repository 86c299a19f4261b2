//! Partner organisations, their scope, API keys, webhook endpoints and the durable queue of
//! webhook deliveries.

use super::changes::{self, Kind};
use super::schema::{
    accounts, api_keys, organisations, partner_members, postings, webhook_deliveries,
    webhook_endpoints,
};
use super::DbConn;
use crate::auth::tokens::{hash_token, new_opaque_token};
use crate::clock::now;
use crate::domain::codes::{OrganisationKind, PostingStatus};
use crate::domain::partner::{NewOrganisation, Scope};
use crate::error::{ApiError, AppResult};
use crate::i18n::Msg;
use chrono::{Duration, NaiveDateTime};
use diesel::prelude::*;
use serde_json::json;

#[derive(Clone, Debug, Queryable, Selectable)]
#[diesel(table_name = organisations)]
pub struct OrganisationRow {
    pub id: i64,
    pub name: String,
    pub kind: String,
    pub email: String,
    pub prefecture_code: Option<String>,
    pub scope_occupations: String,
    pub scope_prefectures: String,
    pub scope_detail: String,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

impl OrganisationRow {
    pub fn scope(&self) -> Scope {
        Scope::from_stored(
            &self.scope_occupations,
            &self.scope_prefectures,
            &self.scope_detail,
        )
    }
    pub fn kind(&self) -> Option<OrganisationKind> {
        OrganisationKind::parse(&self.kind)
    }
}

fn scope_json(s: &Scope) -> serde_json::Value {
    json!({"occupations": s.occupations_text(), "prefectures": s.prefectures_text(),
           "detail": s.detail.code()})
}

/// The scope recorded in an `organisation.*` change.
pub fn scope_of_change(data: &serde_json::Value) -> Option<Scope> {
    let s = data.get("scope")?;
    Some(Scope::from_stored(
        s.get("occupations")?.as_str()?,
        s.get("prefectures")?.as_str()?,
        s.get("detail")?.as_str()?,
    ))
}

pub fn create(conn: &mut DbConn, o: &NewOrganisation) -> AppResult<OrganisationRow> {
    let row = diesel::insert_into(organisations::table)
        .values((
            organisations::name.eq(&o.name),
            organisations::kind.eq(o.kind.code()),
            organisations::email.eq(&o.email),
            organisations::prefecture_code.eq(o.prefecture.map(|p| p.code())),
            organisations::scope_occupations.eq(o.scope.occupations_text()),
            organisations::scope_prefectures.eq(o.scope.prefectures_text()),
            organisations::scope_detail.eq(o.scope.detail.code()),
            organisations::created_at.eq(now()),
            organisations::updated_at.eq(now()),
        ))
        .returning(organisations::all_columns)
        .get_result::<OrganisationRow>(conn)?;
    changes::record(
        Kind::OrganisationCreated,
        row.id,
        json!({"scope": scope_json(&o.scope)}),
    )?;
    Ok(row)
}

pub fn find(conn: &mut DbConn, id: i64) -> AppResult<OrganisationRow> {
    Ok(organisations::table.find(id).first(conn)?)
}

pub fn list(conn: &mut DbConn) -> AppResult<Vec<OrganisationRow>> {
    Ok(organisations::table
        .order(organisations::id.asc())
        .load(conn)?)
}

/// Changes a scope. Every open posting that enters or leaves the partner's view gets its own
/// change (`posting.scope_changed`), so the partner's feed hears of it as an upsert or an
/// `out_of_scope` removal, in order with everything else.
pub fn set_scope(conn: &mut DbConn, id: i64, scope: &Scope) -> AppResult<OrganisationRow> {
    // The row lock orders concurrent scope changes of one organisation.
    let before = diesel::update(organisations::table.find(id))
        .set(organisations::updated_at.eq(now()))
        .returning(organisations::all_columns)
        .get_result::<OrganisationRow>(conn)?
        .scope();
    let after = diesel::update(organisations::table.find(id))
        .set((
            organisations::scope_occupations.eq(scope.occupations_text()),
            organisations::scope_prefectures.eq(scope.prefectures_text()),
            organisations::scope_detail.eq(scope.detail.code()),
        ))
        .returning(organisations::all_columns)
        .get_result::<OrganisationRow>(conn)?;
    if before == *scope {
        return Ok(after);
    }
    changes::record(
        Kind::OrganisationScopeChanged,
        id,
        json!({"scope": scope_json(scope), "before": scope_json(&before)}),
    )?;
    let (was_full, is_full) = (before.is_full(), scope.is_full());
    let open: Vec<(i64, String, String)> = postings::table
        .filter(postings::status.eq(PostingStatus::Open.code()))
        .select((
            postings::id,
            postings::occupation,
            postings::prefecture_code,
        ))
        .order(postings::id.asc())
        .load(conn)?;
    for (posting_id, occupation, prefecture) in open {
        let was = was_full && before.covers(&occupation, &prefecture);
        let is = is_full && scope.covers(&occupation, &prefecture);
        if was != is {
            changes::record(
                Kind::PostingScopeChanged,
                posting_id,
                json!({"organisation_id": id, "entered": is,
                       "occupation": occupation, "prefecture_code": prefecture}),
            )?;
        }
    }
    Ok(after)
}

// ---- Partner user accounts.

/// Adds a user to an organisation: an account (role `partner`, signing in with its e-mail
/// address) without a password; the activation mail follows from the change.
pub fn add_member(
    conn: &mut DbConn,
    organisation_id: i64,
    email: &str,
) -> AppResult<super::accounts::AccountRow> {
    find(conn, organisation_id)?;
    let email = super::accounts::login_key(email);
    let account = super::accounts::insert_account(
        conn,
        crate::domain::codes::Role::Partner,
        &email,
        &email,
        None,
        None,
    )
    .map_err(|e| {
        if super::is_unique_violation(&e) {
            super::accounts::email_taken()
        } else {
            e.into()
        }
    })?;
    diesel::insert_into(partner_members::table)
        .values((
            partner_members::account_id.eq(account.id),
            partner_members::organisation_id.eq(organisation_id),
        ))
        .execute(conn)?;
    changes::record(
        Kind::AccountIssued,
        account.id,
        json!({"role": "partner", "organisation_id": organisation_id}),
    )?;
    Ok(account)
}

/// The organisation a partner user belongs to.
pub fn organisation_of_member(
    conn: &mut DbConn,
    account_id: i64,
) -> AppResult<Option<OrganisationRow>> {
    Ok(partner_members::table
        .inner_join(organisations::table)
        .filter(partner_members::account_id.eq(account_id))
        .select(OrganisationRow::as_select())
        .first(conn)
        .optional()?)
}

/// An organisation's users: (account id, e-mail, activated).
pub fn members_of(conn: &mut DbConn, organisation_id: i64) -> AppResult<Vec<(i64, String, bool)>> {
    Ok(partner_members::table
        .inner_join(accounts::table)
        .filter(partner_members::organisation_id.eq(organisation_id))
        .select((
            accounts::id,
            accounts::email,
            accounts::password_hash.is_not_null(),
        ))
        .order(accounts::id.asc())
        .load(conn)?)
}

// ---- API keys.

#[derive(Clone, Debug, Queryable, Selectable)]
#[diesel(table_name = api_keys)]
pub struct ApiKeyRow {
    pub id: i64,
    pub organisation_id: i64,
    pub key_prefix: String,
    pub key_hash: String,
    pub created_at: NaiveDateTime,
    pub revoked_at: Option<NaiveDateTime>,
    pub last_used_at: Option<NaiveDateTime>,
}

/// Every key starts so, which tells it from an access token (and secret scanners find it).
pub const KEY_PREFIX: &str = "kn_";

/// Issues a key: the key itself is returned once and only its hash is kept.
pub fn issue_key(conn: &mut DbConn, organisation_id: i64) -> AppResult<(ApiKeyRow, String)> {
    find(conn, organisation_id)?;
    let (token, _) = new_opaque_token();
    let key = format!("{KEY_PREFIX}{token}");
    let row = diesel::insert_into(api_keys::table)
        .values((
            api_keys::organisation_id.eq(organisation_id),
            api_keys::key_prefix.eq(key.chars().take(10).collect::<String>()),
            api_keys::key_hash.eq(hash_token(&key)),
            api_keys::created_at.eq(now()),
        ))
        .returning(api_keys::all_columns)
        .get_result::<ApiKeyRow>(conn)?;
    changes::record(
        Kind::ApiKeyIssued,
        organisation_id,
        json!({"key_id": row.id}),
    )?;
    Ok((row, key))
}

pub fn keys_of(conn: &mut DbConn, organisation_id: i64) -> AppResult<Vec<ApiKeyRow>> {
    Ok(api_keys::table
        .filter(api_keys::organisation_id.eq(organisation_id))
        .order(api_keys::id.asc())
        .load(conn)?)
}

/// Revokes a key of the organisation; revoking twice is harmless.
pub fn revoke_key(conn: &mut DbConn, organisation_id: i64, key_id: i64) -> AppResult<()> {
    let key = api_keys::table
        .find(key_id)
        .filter(api_keys::organisation_id.eq(organisation_id))
        .first::<ApiKeyRow>(conn)?;
    if key.revoked_at.is_none() {
        diesel::update(api_keys::table.find(key_id))
            .set(api_keys::revoked_at.eq(Some(now())))
            .execute(conn)?;
        changes::record(
            Kind::ApiKeyRevoked,
            organisation_id,
            json!({"key_id": key_id}),
        )?;
    }
    Ok(())
}

/// The organisation of a live key, and the key's id.
pub fn by_key(conn: &mut DbConn, key: &str) -> AppResult<Option<(OrganisationRow, i64)>> {
    let found = api_keys::table
        .inner_join(organisations::table)
        .filter(api_keys::key_hash.eq(hash_token(key)))
        .filter(api_keys::revoked_at.is_null())
        .select((
            OrganisationRow::as_select(),
            api_keys::id,
            api_keys::last_used_at,
        ))
        .first::<(OrganisationRow, i64, Option<NaiveDateTime>)>(conn)
        .optional()?;
    let Some((org, key_id, last_used)) = found else {
        return Ok(None);
    };
    // Written at most once a minute, so that reads stay reads.
    if last_used.is_none_or(|t| now() - t > Duration::minutes(1)) {
        diesel::update(api_keys::table.find(key_id))
            .set(api_keys::last_used_at.eq(Some(now())))
            .execute(conn)?;
    }
    Ok(Some((org, key_id)))
}

// ---- Webhook endpoints and deliveries.

#[derive(Clone, Debug, Queryable, Selectable)]
#[diesel(table_name = webhook_endpoints)]
pub struct EndpointRow {
    pub id: i64,
    pub organisation_id: i64,
    pub url: String,
    pub secret: String,
    pub created_at: NaiveDateTime,
    pub disabled_at: Option<NaiveDateTime>,
    pub disabled_reason: Option<String>,
    pub consecutive_failures: i32,
}

/// A new `whsec_` secret: 32 random bytes, base64.
fn new_secret() -> String {
    use rand::RngCore;
    let mut bytes = [0u8; 32];
    rand::thread_rng().fill_bytes(&mut bytes);
    format!(
        "whsec_{}",
        base64::Engine::encode(&base64::engine::general_purpose::STANDARD, bytes)
    )
}

pub fn create_endpoint(
    conn: &mut DbConn,
    organisation_id: i64,
    url: &str,
) -> AppResult<EndpointRow> {
    let row: EndpointRow = diesel::insert_into(webhook_endpoints::table)
        .values((
            webhook_endpoints::organisation_id.eq(organisation_id),
            webhook_endpoints::url.eq(url),
            webhook_endpoints::secret.eq(new_secret()),
            webhook_endpoints::created_at.eq(now()),
            webhook_endpoints::consecutive_failures.eq(0),
        ))
        .returning(webhook_endpoints::all_columns)
        .get_result(conn)?;
    changes::record(
        Kind::WebhookRegistered,
        organisation_id,
        json!({"endpoint_id": row.id}),
    )?;
    Ok(row)
}

pub fn endpoints_of(conn: &mut DbConn, organisation_id: i64) -> AppResult<Vec<EndpointRow>> {
    Ok(webhook_endpoints::table
        .filter(webhook_endpoints::organisation_id.eq(organisation_id))
        .order(webhook_endpoints::id.asc())
        .load(conn)?)
}

/// The organisation's endpoint, or 404 (another organisation's endpoint is not found either).
pub fn endpoint_of(conn: &mut DbConn, organisation_id: i64, id: i64) -> AppResult<EndpointRow> {
    Ok(webhook_endpoints::table
        .find(id)
        .filter(webhook_endpoints::organisation_id.eq(organisation_id))
        .first(conn)?)
}

/// Endpoints that receive deliveries, with their organisation.
pub fn live_endpoints(conn: &mut DbConn) -> AppResult<Vec<(EndpointRow, OrganisationRow)>> {
    Ok(webhook_endpoints::table
        .inner_join(organisations::table)
        .filter(webhook_endpoints::disabled_at.is_null())
        .select((EndpointRow::as_select(), OrganisationRow::as_select()))
        .order(webhook_endpoints::id.asc())
        .load(conn)?)
}

pub fn disable_endpoint(conn: &mut DbConn, id: i64, reason: &str) -> AppResult<bool> {
    let disabled: Option<i64> = diesel::update(
        webhook_endpoints::table
            .find(id)
            .filter(webhook_endpoints::disabled_at.is_null()),
    )
    .set((
        webhook_endpoints::disabled_at.eq(Some(now())),
        webhook_endpoints::disabled_reason.eq(Some(reason)),
    ))
    .returning(webhook_endpoints::organisation_id)
    .get_result(conn)
    .optional()?;
    if let Some(org) = disabled {
        changes::record(
            Kind::WebhookDisabled,
            org,
            json!({"endpoint_id": id, "reason": reason}),
        )?;
    }
    Ok(disabled.is_some())
}

#[derive(Clone, Debug, Queryable, Selectable)]
#[diesel(table_name = webhook_deliveries)]
pub struct DeliveryRow {
    pub id: i64,
    pub endpoint_id: i64,
    pub message_id: String,
    pub event_type: String,
    pub payload: String,
    pub status: String,
    pub attempts: i32,
    pub next_attempt_at: NaiveDateTime,
    pub last_status_code: Option<i32>,
    pub last_error: Option<String>,
    pub created_at: NaiveDateTime,
    pub delivered_at: Option<NaiveDateTime>,
}

pub const PENDING: &str = "pending";
pub const DELIVERED: &str = "delivered";
pub const FAILED: &str = "failed";

/// Queues one message for one endpoint; the same message twice is one delivery.
pub fn enqueue_delivery(
    conn: &mut DbConn,
    endpoint_id: i64,
    message_id: &str,
    event_type: &str,
    payload: &str,
) -> AppResult<()> {
    let exists = webhook_deliveries::table
        .filter(webhook_deliveries::endpoint_id.eq(endpoint_id))
        .filter(webhook_deliveries::message_id.eq(message_id))
        .count()
        .get_result::<i64>(conn)?
        > 0;
    if !exists {
        diesel::insert_into(webhook_deliveries::table)
            .values((
                webhook_deliveries::endpoint_id.eq(endpoint_id),
                webhook_deliveries::message_id.eq(message_id),
                webhook_deliveries::event_type.eq(event_type),
                webhook_deliveries::payload.eq(payload),
                webhook_deliveries::status.eq(PENDING),
                webhook_deliveries::attempts.eq(0),
                webhook_deliveries::next_attempt_at.eq(now()),
                webhook_deliveries::created_at.eq(now()),
            ))
            .execute(conn)?;
    }
    Ok(())
}

/// Claims up to `limit` deliveries that are due, skipping the endpoints in `busy`, by moving
/// their next attempt `lease` ahead (so another server does not send them too).
pub fn claim_due(
    conn: &mut DbConn,
    limit: i64,
    lease: Duration,
    busy: &[i64],
) -> AppResult<Vec<(DeliveryRow, EndpointRow)>> {
    let due: Vec<(DeliveryRow, EndpointRow)> = webhook_deliveries::table
        .inner_join(webhook_endpoints::table)
        .filter(webhook_deliveries::status.eq(PENDING))
        .filter(webhook_deliveries::next_attempt_at.le(now()))
        .filter(webhook_endpoints::disabled_at.is_null())
        .filter(webhook_endpoints::id.ne_all(busy))
        .order(webhook_deliveries::id.asc())
        .limit(limit)
        .select((DeliveryRow::as_select(), EndpointRow::as_select()))
        .load(conn)?;
    let mut claimed = vec![];
    for (d, e) in due {
        let n = diesel::update(
            webhook_deliveries::table
                .find(d.id)
                .filter(webhook_deliveries::next_attempt_at.eq(d.next_attempt_at))
                .filter(webhook_deliveries::status.eq(PENDING)),
        )
        .set(webhook_deliveries::next_attempt_at.eq(now() + lease))
        .execute(conn)?;
        if n == 1 {
            claimed.push((d, e));
        }
    }
    Ok(claimed)
}

/// The outcome of one attempt.
pub struct Attempt {
    pub status_code: Option<i32>,
    pub error: Option<String>,
    pub delivered: bool,
}

/// Retry delays after the 1st, 2nd, … failed attempt (Standard Webhooks' suggestion).
const BACKOFF_SECS: [i64; 9] = [5, 300, 1800, 7200, 18000, 36000, 50400, 72000, 86400];

/// Records an attempt. Returns true when the endpoint should now be disabled (it answered
/// 410, or kept failing through the whole schedule).
pub fn record_attempt(conn: &mut DbConn, d: &DeliveryRow, a: &Attempt) -> AppResult<bool> {
    let attempts = d.attempts + 1;
    let exhausted = attempts as usize > BACKOFF_SECS.len();
    let status = if a.delivered {
        DELIVERED
    } else if exhausted {
        FAILED
    } else {
        PENDING
    };
    let next = now() + Duration::seconds(BACKOFF_SECS[(attempts as usize - 1).min(8)]);
    let error = a
        .error
        .as_deref()
        .map(|e| e.chars().take(300).collect::<String>());
    diesel::update(webhook_deliveries::table.find(d.id))
        .set((
            webhook_deliveries::status.eq(status),
            webhook_deliveries::attempts.eq(attempts),
            webhook_deliveries::next_attempt_at.eq(next),
            webhook_deliveries::last_status_code.eq(a.status_code),
            webhook_deliveries::last_error.eq(error),
            webhook_deliveries::delivered_at.eq(a.delivered.then(now)),
        ))
        .execute(conn)?;
    let failures = if a.delivered {
        0
    } else {
        webhook_endpoints::table
            .find(d.endpoint_id)
            .select(webhook_endpoints::consecutive_failures)
            .first::<i32>(conn)?
            + 1
    };
    diesel::update(webhook_endpoints::table.find(d.endpoint_id))
        .set(webhook_endpoints::consecutive_failures.eq(failures))
        .execute(conn)?;
    Ok(a.status_code == Some(410) || exhausted)
}

/// An endpoint's recent deliveries, newest first.
pub fn deliveries_of(
    conn: &mut DbConn,
    endpoint_id: i64,
    limit: i64,
) -> AppResult<Vec<DeliveryRow>> {
    Ok(webhook_deliveries::table
        .filter(webhook_deliveries::endpoint_id.eq(endpoint_id))
        .order(webhook_deliveries::id.desc())
        .limit(limit)
        .load(conn)?)
}

/// Sends a delivery again now (same `webhook-id`, so the receiver can de-duplicate).
pub fn replay(conn: &mut DbConn, organisation_id: i64, delivery_id: i64) -> AppResult<DeliveryRow> {
    let (d, e): (DeliveryRow, EndpointRow) = webhook_deliveries::table
        .inner_join(webhook_endpoints::table)
        .filter(webhook_deliveries::id.eq(delivery_id))
        .filter(webhook_endpoints::organisation_id.eq(organisation_id))
        .select((DeliveryRow::as_select(), EndpointRow::as_select()))
        .first(conn)?;
    if e.disabled_at.is_some() {
        return Err(ApiError::Conflict(
            "endpoint_disabled",
            Msg::new(
                "この送信先は停止されています。新しく登録し直してください。",
                "This endpoint is disabled; register it again.",
            ),
        ));
    }
    Ok(diesel::update(webhook_deliveries::table.find(d.id))
        .set((
            webhook_deliveries::status.eq(PENDING),
            webhook_deliveries::next_attempt_at.eq(now()),
        ))
        .returning(webhook_deliveries::all_columns)
        .get_result(conn)?)
}

// ---- Intake from upstream systems.

#[derive(Clone, Debug, Queryable, Selectable)]
#[diesel(table_name = super::schema::intake_refs)]
pub struct IntakeRef {
    pub organisation_id: i64,
    pub external_ref: String,
    pub posting_id: i64,
    pub body_hash: String,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

pub fn find_intake(
    conn: &mut DbConn,
    organisation_id: i64,
    external_ref: &str,
) -> AppResult<Option<IntakeRef>> {
    use super::schema::intake_refs as i;
    Ok(i::table
        .find((organisation_id, external_ref))
        .first(conn)
        .optional()?)
}

/// Records the posting an external reference made; a concurrent first call for the same
/// reference is a conflict (its transaction rolls back, and a retry finds this one).
pub fn insert_intake(
    conn: &mut DbConn,
    organisation_id: i64,
    external_ref: &str,
    posting_id: i64,
    body_hash: &str,
) -> AppResult<()> {
    use super::schema::intake_refs as i;
    diesel::insert_into(i::table)
        .values((
            i::organisation_id.eq(organisation_id),
            i::external_ref.eq(external_ref),
            i::posting_id.eq(posting_id),
            i::body_hash.eq(body_hash),
            i::created_at.eq(now()),
            i::updated_at.eq(now()),
        ))
        .execute(conn)
        .map_err(|e| {
            if super::is_unique_violation(&e) {
                ApiError::Conflict(
                    "intake_in_progress",
                    Msg::new(
                        "同じ参照番号の登録が同時に行われました。もう一度送信してください。",
                        "The same reference was sent at the same time; send it again.",
                    ),
                )
            } else {
                e.into()
            }
        })?;
    Ok(())
}

pub fn touch_intake(
    conn: &mut DbConn,
    organisation_id: i64,
    external_ref: &str,
    body_hash: &str,
) -> AppResult<()> {
    use super::schema::intake_refs as i;
    diesel::update(i::table.find((organisation_id, external_ref)))
        .set((i::body_hash.eq(body_hash), i::updated_at.eq(now())))
        .execute(conn)?;
    Ok(())
}

// ---- Referrals.

pub fn insert_referral(conn: &mut DbConn, thread_id: i64, organisation_id: i64) -> AppResult<()> {
    use super::schema::referrals as r;
    diesel::insert_into(r::table)
        .values((
            r::thread_id.eq(thread_id),
            r::organisation_id.eq(organisation_id),
            r::created_at.eq(now()),
        ))
        .execute(conn)?;
    Ok(())
}

/// The organisations that referred these threads, by thread id.
pub fn referrers(
    conn: &mut DbConn,
    thread_ids: &[i64],
) -> AppResult<std::collections::HashMap<i64, String>> {
    use super::schema::referrals as r;
    Ok(r::table
        .inner_join(organisations::table)
        .filter(r::thread_id.eq_any(thread_ids))
        .select((r::thread_id, organisations::name))
        .load::<(i64, String)>(conn)?
        .into_iter()
        .collect())
}

/// The threads an organisation referred, newest first.
pub fn referred_by(conn: &mut DbConn, organisation_id: i64) -> AppResult<Vec<i64>> {
    use super::schema::referrals as r;
    Ok(r::table
        .filter(r::organisation_id.eq(organisation_id))
        .order(r::thread_id.desc())
        .select(r::thread_id)
        .limit(500)
        .load(conn)?)
}
