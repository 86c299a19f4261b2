//! The change log: what changed, in the order it was committed. Every state change appends
//! one row here in its own transaction ([`record`], written at the commit); mail, and later webhooks, partner
//! feeds, digests and alerts read it with their own cursor ([`after`], [`cursor`],
//! [`advance`]). A writer never knows who listens.

use super::schema::{change_cursors, change_log, change_seq};
use super::DbConn;
use crate::clock::now;
use crate::error::{ApiError, AppResult};
use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde_json::Value;
use std::cell::RefCell;

/// What a change is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Entity {
    Posting,
    Thread,
    Account,
    Facility,
    Organisation,
    Desk,
}

impl Entity {
    pub fn code(self) -> &'static str {
        match self {
            Entity::Posting => "posting",
            Entity::Thread => "thread",
            Entity::Account => "account",
            Entity::Facility => "facility",
            Entity::Organisation => "organisation",
            Entity::Desk => "desk",
        }
    }
}

/// The kinds of change, with the entity each is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    PostingCreated,
    PostingUpdated,
    /// Filled, withdrawn, expired or suspended: the reason is in the data.
    PostingClosed,
    /// An inquiry or application opened a thread (`kind` in the data).
    ThreadOpened,
    /// An inquiry became an application.
    ThreadApplied,
    ThreadMessage,
    ThreadStage,
    InterviewScheduled,
    InterviewAnswered,
    /// An interview was called off (`interview_id`, `reason`: `cancelled` by a side (`by`),
    /// or `decided`, `posting_closed`, `withdrawn` when the thread ended).
    InterviewCancelled,
    /// An interview was moved (`interview_id`, `by`).
    InterviewRescheduled,
    ThreadDecided,
    TrainingReported,
    /// The posting closed while the thread was pending.
    ThreadPostingClosed,
    /// The jobseeker left while the thread was pending.
    ThreadWithdrawn,
    /// A partner referred a jobseeker to the posting (`organisation_id` in the data).
    ThreadReferred,
    /// A jobseeker signed up, or a facility's account was issued.
    AccountIssued,
    /// A password was set from a one-time link.
    AccountActivated,
    /// A new one-time link was asked for (lost mail, forgotten password).
    AccountLinkRequested,
    AccountProfileUpdated,
    AccountErased,
    /// Someone asked for a password reset link for the account (mailed by the mail consumer).
    AccountResetRequested,
    /// The password was reset or changed; every (other) session ended.
    AccountPasswordChanged,
    /// A jobseeker saved a posting as a favourite (`posting_id`), or took it off.
    FavouriteAdded,
    FavouriteRemoved,
    /// A jobseeker saved a search for alert mails (`saved_search_id`, `frequency`), or it
    /// was removed (`saved_search_id`, `via`: `jobseeker` or `unsubscribe`).
    SavedSearchCreated,
    SavedSearchRemoved,
    /// A jobseeker asked for a new e-mail confirmation link (mailed by the mail consumer).
    EmailConfirmationRequested,
    /// The account's address was confirmed by its mailed link (`email`).
    EmailConfirmed,
    FacilityRested,
    FacilityReactivated,
    /// An admin corrected the facility's name or contact address (`by`, `reason`, `fields` old → new).
    FacilityCorrected,
    /// A posting entered or left one partner's scope because the scope changed
    /// (`organisation_id`, `entered` in the data).
    PostingScopeChanged,
    /// A partner organisation was created (its scope in the data).
    OrganisationCreated,
    /// An admin changed a partner's scope (`before` and `after` in the data).
    OrganisationScopeChanged,
    /// An admin issued or revoked an organisation's API key (`key_id` in the data).
    ApiKeyIssued,
    ApiKeyRevoked,
    /// A partner registered a webhook endpoint, or it was disabled (`endpoint_id`, `reason`).
    WebhookRegistered,
    WebhookDisabled,
    /// A prefecture registered, edited or removed a reception desk.
    DeskCreated,
    DeskUpdated,
    DeskRemoved,
}

impl Kind {
    pub const ALL: [Kind; 42] = [
        Kind::PostingCreated,
        Kind::PostingUpdated,
        Kind::PostingClosed,
        Kind::ThreadOpened,
        Kind::ThreadApplied,
        Kind::ThreadMessage,
        Kind::ThreadStage,
        Kind::InterviewScheduled,
        Kind::InterviewAnswered,
        Kind::InterviewCancelled,
        Kind::InterviewRescheduled,
        Kind::ThreadDecided,
        Kind::TrainingReported,
        Kind::ThreadPostingClosed,
        Kind::ThreadWithdrawn,
        Kind::ThreadReferred,
        Kind::AccountIssued,
        Kind::AccountActivated,
        Kind::AccountLinkRequested,
        Kind::AccountProfileUpdated,
        Kind::AccountErased,
        Kind::AccountResetRequested,
        Kind::AccountPasswordChanged,
        Kind::FavouriteAdded,
        Kind::FavouriteRemoved,
        Kind::SavedSearchCreated,
        Kind::SavedSearchRemoved,
        Kind::EmailConfirmationRequested,
        Kind::EmailConfirmed,
        Kind::FacilityRested,
        Kind::FacilityReactivated,
        Kind::FacilityCorrected,
        Kind::PostingScopeChanged,
        Kind::OrganisationCreated,
        Kind::OrganisationScopeChanged,
        Kind::ApiKeyIssued,
        Kind::ApiKeyRevoked,
        Kind::WebhookRegistered,
        Kind::WebhookDisabled,
        Kind::DeskCreated,
        Kind::DeskUpdated,
        Kind::DeskRemoved,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Kind::PostingCreated => "posting.created",
            Kind::PostingUpdated => "posting.updated",
            Kind::PostingClosed => "posting.closed",
            Kind::ThreadOpened => "thread.opened",
            Kind::ThreadApplied => "thread.applied",
            Kind::ThreadMessage => "thread.message",
            Kind::ThreadStage => "thread.stage",
            Kind::InterviewScheduled => "thread.interview_scheduled",
            Kind::InterviewAnswered => "thread.interview_answered",
            Kind::InterviewCancelled => "thread.interview_cancelled",
            Kind::InterviewRescheduled => "thread.interview_rescheduled",
            Kind::ThreadDecided => "thread.decided",
            Kind::TrainingReported => "thread.training_reported",
            Kind::ThreadPostingClosed => "thread.posting_closed",
            Kind::ThreadWithdrawn => "thread.withdrawn",
            Kind::ThreadReferred => "thread.referred",
            Kind::AccountIssued => "account.issued",
            Kind::AccountActivated => "account.activated",
            Kind::AccountLinkRequested => "account.link_requested",
            Kind::AccountProfileUpdated => "account.profile_updated",
            Kind::AccountErased => "account.erased",
            Kind::AccountResetRequested => "account.reset_requested",
            Kind::AccountPasswordChanged => "account.password_changed",
            Kind::FavouriteAdded => "account.favourite_added",
            Kind::FavouriteRemoved => "account.favourite_removed",
            Kind::SavedSearchCreated => "account.saved_search_created",
            Kind::SavedSearchRemoved => "account.saved_search_removed",
            Kind::EmailConfirmationRequested => "account.email_confirmation_requested",
            Kind::EmailConfirmed => "account.email_confirmed",
            Kind::FacilityRested => "facility.rested",
            Kind::FacilityReactivated => "facility.reactivated",
            Kind::FacilityCorrected => "facility.corrected",
            Kind::PostingScopeChanged => "posting.scope_changed",
            Kind::OrganisationCreated => "organisation.created",
            Kind::OrganisationScopeChanged => "organisation.scope_changed",
            Kind::ApiKeyIssued => "organisation.api_key_issued",
            Kind::ApiKeyRevoked => "organisation.api_key_revoked",
            Kind::WebhookRegistered => "organisation.webhook_registered",
            Kind::WebhookDisabled => "organisation.webhook_disabled",
            Kind::DeskCreated => "desk.created",
            Kind::DeskUpdated => "desk.updated",
            Kind::DeskRemoved => "desk.removed",
        }
    }

    pub fn entity(self) -> Entity {
        match self {
            Kind::PostingCreated
            | Kind::PostingUpdated
            | Kind::PostingClosed
            | Kind::PostingScopeChanged => Entity::Posting,
            Kind::OrganisationCreated
            | Kind::OrganisationScopeChanged
            | Kind::ApiKeyIssued
            | Kind::ApiKeyRevoked
            | Kind::WebhookRegistered
            | Kind::WebhookDisabled => Entity::Organisation,
            Kind::DeskCreated | Kind::DeskUpdated | Kind::DeskRemoved => Entity::Desk,
            Kind::ThreadOpened
            | Kind::ThreadApplied
            | Kind::ThreadMessage
            | Kind::ThreadStage
            | Kind::InterviewScheduled
            | Kind::InterviewAnswered
            | Kind::InterviewCancelled
            | Kind::InterviewRescheduled
            | Kind::ThreadDecided
            | Kind::TrainingReported
            | Kind::ThreadPostingClosed
            | Kind::ThreadWithdrawn
            | Kind::ThreadReferred => Entity::Thread,
            Kind::AccountIssued
            | Kind::AccountActivated
            | Kind::AccountLinkRequested
            | Kind::AccountProfileUpdated
            | Kind::AccountErased
            | Kind::AccountResetRequested
            | Kind::AccountPasswordChanged
            | Kind::FavouriteAdded
            | Kind::FavouriteRemoved
            | Kind::SavedSearchCreated
            | Kind::SavedSearchRemoved
            | Kind::EmailConfirmationRequested
            | Kind::EmailConfirmed => Entity::Account,
            Kind::FacilityRested | Kind::FacilityReactivated | Kind::FacilityCorrected => {
                Entity::Facility
            }
        }
    }
}

/// One committed change.
#[derive(Clone, Debug, Queryable)]
pub struct ChangeRow {
    pub seq: i64,
    pub occurred_at: NaiveDateTime,
    pub entity: String,
    pub entity_id: i64,
    pub kind: String,
    pub data: String,
    /// The signed-in account whose request made the change (none for jobs and API keys).
    pub actor_account_id: Option<i64>,
}

impl ChangeRow {
    pub fn data(&self) -> Value {
        serde_json::from_str(&self.data).unwrap_or(Value::Null)
    }
}

/// A change waiting for its transaction to end.
struct Pending {
    kind: Kind,
    entity_id: i64,
    data: Value,
}

thread_local! {
    /// The changes of the write transaction running on this thread ([`super::write_tx`]
    /// runs a transaction on one thread, start to end).
    static PENDING: RefCell<Option<Vec<Pending>>> = const { RefCell::new(None) };
}

/// Notes a change of the current write transaction; it is appended to the log when the
/// transaction is about to commit ([`flush`]), and dropped with it when it rolls back.
/// Outside a write transaction this is a bug, reported as an internal error.
pub fn record(kind: Kind, entity_id: i64, data: Value) -> AppResult<()> {
    PENDING.with(|p| match p.borrow_mut().as_mut() {
        Some(list) => {
            list.push(Pending {
                kind,
                entity_id,
                data,
            });
            Ok(())
        }
        None => Err(ApiError::internal(format!(
            "change {} recorded outside a write transaction",
            kind.code()
        ))),
    })
}

/// Opens this thread's list of pending changes, made by `actor` (the signed-in account, if
/// any); `None` when an outer transaction already owns it. Dropping the guard discards
/// whatever was not flushed.
pub(crate) fn open(actor: Option<i64>) -> Option<PendingGuard> {
    PENDING.with(|p| {
        let mut p = p.borrow_mut();
        if p.is_some() {
            return None;
        }
        *p = Some(Vec::new());
        Some(PendingGuard { actor })
    })
}

pub(crate) struct PendingGuard {
    actor: Option<i64>,
}

impl Drop for PendingGuard {
    fn drop(&mut self) {
        PENDING.with(|p| *p.borrow_mut() = None);
    }
}

impl PendingGuard {
    /// Appends the transaction's changes to the log, as its last statements. Taking the
    /// sequence numbers locks the counter row until the commit, so numbers are handed out
    /// in commit order and a rollback leaves no gap; taken last, that lock is never held
    /// while waiting for another lock, so writers cannot deadlock on it.
    pub(crate) fn flush(&self, conn: &mut DbConn) -> AppResult<()> {
        let list = PENDING.with(|p| p.borrow_mut().as_mut().map(std::mem::take));
        let list = list.unwrap_or_default();
        if list.is_empty() {
            return Ok(());
        }
        let last = diesel::update(change_seq::table.find(1))
            .set(change_seq::last_seq.eq(change_seq::last_seq + list.len() as i64))
            .returning(change_seq::last_seq)
            .get_result::<i64>(conn)?;
        let first = last - list.len() as i64 + 1;
        let at = now();
        let rows: Vec<_> = list
            .into_iter()
            .enumerate()
            .map(|(i, c)| {
                (
                    change_log::seq.eq(first + i as i64),
                    change_log::occurred_at.eq(at),
                    change_log::entity.eq(c.kind.entity().code()),
                    change_log::entity_id.eq(c.entity_id),
                    change_log::kind.eq(c.kind.code()),
                    change_log::data.eq(c.data.to_string()),
                    change_log::actor_account_id.eq(self.actor),
                )
            })
            .collect();
        // A few hundred rows per statement, well under both backends' limit on bound values.
        for chunk in rows.chunks(500) {
            super::on_backend!(conn, |c| diesel::insert_into(change_log::table)
                .values(chunk)
                .execute(c)?);
        }
        Ok(())
    }
}

/// Up to `limit` changes after `cursor`, in order.
pub fn after(conn: &mut DbConn, cursor: i64, limit: i64) -> AppResult<Vec<ChangeRow>> {
    Ok(change_log::table
        .filter(change_log::seq.gt(cursor))
        .order(change_log::seq.asc())
        .limit(limit)
        .load(conn)?)
}

/// Up to `limit` changes of one entity kind after `cursor`, in order.
pub fn of_entity_after(
    conn: &mut DbConn,
    entity: Entity,
    cursor: i64,
    limit: i64,
) -> AppResult<Vec<ChangeRow>> {
    Ok(change_log::table
        .filter(change_log::entity.eq(entity.code()))
        .filter(change_log::seq.gt(cursor))
        .order(change_log::seq.asc())
        .limit(limit)
        .load(conn)?)
}

/// The changes of one entity kind that occurred in `[start, end)`, in order.
pub fn of_entity_between(
    conn: &mut DbConn,
    entity: Entity,
    start: NaiveDateTime,
    end: NaiveDateTime,
) -> AppResult<Vec<ChangeRow>> {
    Ok(change_log::table
        .filter(change_log::entity.eq(entity.code()))
        .filter(change_log::occurred_at.ge(start))
        .filter(change_log::occurred_at.lt(end))
        .order(change_log::seq.asc())
        .load(conn)?)
}

/// Up to `limit` changes of the given entity kinds after `cursor` that occurred before
/// `until`, in order.
pub fn of_entities_before(
    conn: &mut DbConn,
    entities: &[Entity],
    cursor: i64,
    until: NaiveDateTime,
    limit: i64,
) -> AppResult<Vec<ChangeRow>> {
    let codes: Vec<&str> = entities.iter().map(|e| e.code()).collect();
    Ok(change_log::table
        .filter(change_log::entity.eq_any(codes))
        .filter(change_log::seq.gt(cursor))
        .filter(change_log::occurred_at.lt(until))
        .order(change_log::seq.asc())
        .limit(limit)
        .load(conn)?)
}

/// Every change of one entity, in order.
pub fn history_of(conn: &mut DbConn, entity: Entity, id: i64) -> AppResult<Vec<ChangeRow>> {
    Ok(change_log::table
        .filter(change_log::entity.eq(entity.code()))
        .filter(change_log::entity_id.eq(id))
        .order(change_log::seq.asc())
        .load(conn)?)
}

/// The last change a consumer has handled (0 before the first).
pub fn cursor(conn: &mut DbConn, consumer: &str) -> AppResult<i64> {
    Ok(change_cursors::table
        .find(consumer)
        .select(change_cursors::last_seq)
        .first::<i64>(conn)
        .optional()?
        .unwrap_or(0))
}

/// Claims the consumer's cursor for this transaction (so two servers never handle the
/// same changes twice) and returns it.
pub fn lock_cursor(conn: &mut DbConn, consumer: &str) -> AppResult<i64> {
    // A no-op update takes the row lock on PostgreSQL; SQLite's write lock is already held.
    let lock = |c: &mut DbConn| {
        diesel::update(change_cursors::table.find(consumer))
            .set(change_cursors::last_seq.eq(change_cursors::last_seq))
            .execute(c)
    };
    if lock(conn)? == 0 {
        // First run: create the cursor (a savepoint, as another server may do it too).
        let created = conn.transaction(|c| {
            diesel::insert_into(change_cursors::table)
                .values((
                    change_cursors::consumer.eq(consumer),
                    change_cursors::last_seq.eq(0i64),
                    change_cursors::updated_at.eq(now()),
                ))
                .execute(c)
        });
        match created {
            Ok(_) => {}
            Err(e) if super::is_unique_violation(&e) => {}
            Err(e) => return Err(e.into()),
        }
        lock(conn)?;
    }
    cursor(conn, consumer)
}

/// Hands every change after `consumer`'s cursor to `handle`, 500 at a time, each batch in
/// one write transaction that also moves the cursor past it: whatever `handle` writes is
/// done exactly once per change, whichever server gets there first. Returns the sum of
/// what `handle` returned.
pub fn consume(
    conn: &mut DbConn,
    consumer: &str,
    mut handle: impl FnMut(&mut DbConn, &[ChangeRow]) -> AppResult<usize>,
) -> AppResult<usize> {
    const BATCH: i64 = 500;
    // Most ticks find nothing new: a plain read says so without taking the write lock
    // (SQLite has one for the whole database).
    let seen = cursor(conn, consumer)?;
    let newer = change_log::table
        .filter(change_log::seq.gt(seen))
        .select(change_log::seq)
        .first::<i64>(conn)
        .optional()?;
    if newer.is_none() {
        return Ok(0);
    }
    let mut total = 0;
    loop {
        let (n, handled) = super::write_tx(conn, |c| {
            let cursor = lock_cursor(c, consumer)?;
            let batch = after(c, cursor, BATCH)?;
            let Some(last) = batch.last().map(|r| r.seq) else {
                return Ok((0, 0));
            };
            let n = handle(c, &batch)?;
            advance(c, consumer, last)?;
            Ok((n, batch.len() as i64))
        })?;
        total += n;
        if handled < BATCH {
            return Ok(total);
        }
    }
}

/// Moves a consumer's cursor to `seq`, in the transaction of what it did with the changes.
pub fn advance(conn: &mut DbConn, consumer: &str, seq: i64) -> AppResult<()> {
    diesel::update(change_cursors::table.find(consumer))
        .set((
            change_cursors::last_seq.eq(seq),
            change_cursors::updated_at.eq(now()),
        ))
        .execute(conn)?;
    Ok(())
}
