//! The mail outbox: queue in the writing transaction, claim with a lease, mark sent.

use super::schema::outbox;
use super::DbConn;
use crate::clock::now;
use crate::error::AppResult;
use crate::mail::Mail;
use chrono::{Duration, NaiveDateTime};
use diesel::prelude::*;

pub const MAX_ATTEMPTS: i32 = 6;

/// The PostgreSQL advisory lock that orders mail to people against their erasure.
const RECIPIENTS_LOCK: i64 = 0x6b65_796e_6574_6d61; // "keynetma"

/// Taken first by a transaction that reads a person's address and queues mail to it:
/// an erasure under way finishes before the address is read, and an erasure that starts
/// meanwhile waits until this mail is queued, then cancels it. Many holders at once; on
/// SQLite the write lock already serialises them.
pub fn hold_recipients(conn: &mut DbConn) -> AppResult<()> {
    advisory(conn, "SELECT pg_advisory_xact_lock_shared($1)")
}

/// Taken first by an erasure (before it holds any other lock, so it waits for no one who
/// waits for it): mail queued to the person before it is cancelled, none after.
pub fn lock_recipients(conn: &mut DbConn) -> AppResult<()> {
    advisory(conn, "SELECT pg_advisory_xact_lock($1)")
}

fn advisory(conn: &mut DbConn, sql: &str) -> AppResult<()> {
    if let DbConn::Pg(c) = conn {
        diesel::sql_query(sql)
            .bind::<diesel::sql_types::BigInt, _>(RECIPIENTS_LOCK)
            .execute(c)?;
    }
    Ok(())
}

/// Queues a mail; call inside the transaction that makes the event true.
pub fn enqueue(conn: &mut DbConn, mail: &Mail) -> AppResult<()> {
    diesel::insert_into(outbox::table)
        .values((
            outbox::to_address.eq(&mail.to),
            outbox::subject.eq(&mail.subject),
            outbox::body.eq(&mail.body),
            outbox::ics.eq(&mail.ics),
            outbox::attachment_name.eq(mail.attachment.as_ref().map(|a| a.0.clone())),
            outbox::attachment_base64
                .eq(mail.attachment.as_ref().map(|a| {
                    base64::Engine::encode(&base64::engine::general_purpose::STANDARD, &a.1)
                })),
            outbox::list_unsubscribe.eq(&mail.list_unsubscribe),
            outbox::status.eq("pending"),
            outbox::attempts.eq(0),
            outbox::next_attempt_at.eq(now()),
            outbox::created_at.eq(now()),
        ))
        .execute(conn)?;
    Ok(())
}

#[derive(Clone, Debug, Queryable)]
pub struct OutboxRow {
    pub id: i64,
    pub to_address: String,
    pub subject: String,
    pub body: String,
    pub ics: Option<String>,
    pub status: String,
    pub attempts: i32,
    pub next_attempt_at: NaiveDateTime,
    pub locked_until: Option<NaiveDateTime>,
    pub sent_at: Option<NaiveDateTime>,
    pub last_error: Option<String>,
    pub created_at: NaiveDateTime,
    pub attachment_name: Option<String>,
    pub attachment_base64: Option<String>,
    pub list_unsubscribe: Option<String>,
}

impl OutboxRow {
    pub fn mail(&self) -> Mail {
        Mail {
            to: self.to_address.clone(),
            subject: self.subject.clone(),
            body: self.body.clone(),
            ics: self.ics.clone(),
            attachment: match (&self.attachment_name, &self.attachment_base64) {
                (Some(name), Some(data)) => {
                    base64::Engine::decode(&base64::engine::general_purpose::STANDARD, data)
                        .ok()
                        .map(|bytes| (name.clone(), bytes))
                }
                _ => None,
            },
            list_unsubscribe: self.list_unsubscribe.clone(),
        }
    }
}

/// Claims up to `limit` due messages for `lease`. On PostgreSQL the candidates are locked
/// with `FOR UPDATE SKIP LOCKED`, so concurrent workers take different rows; on SQLite the
/// write transaction already serializes workers.
pub fn claim(conn: &mut DbConn, limit: i64, lease: Duration) -> AppResult<Vec<OutboxRow>> {
    let t = now();
    let ids: Vec<i64> = match conn {
        DbConn::Pg(pg) => {
            #[derive(QueryableByName)]
            struct Id {
                #[diesel(sql_type = diesel::sql_types::BigInt)]
                id: i64,
            }
            diesel::sql_query(
                "UPDATE outbox SET locked_until = $1, attempts = attempts + 1 WHERE id IN ( \
                   SELECT id FROM outbox WHERE status = 'pending' AND next_attempt_at <= $2 \
                   AND (locked_until IS NULL OR locked_until < $2) \
                   ORDER BY id LIMIT $3 FOR UPDATE SKIP LOCKED) RETURNING id",
            )
            .bind::<diesel::sql_types::Timestamp, _>(t + lease)
            .bind::<diesel::sql_types::Timestamp, _>(t)
            .bind::<diesel::sql_types::BigInt, _>(limit)
            .load::<Id>(pg)?
            .into_iter()
            .map(|r| r.id)
            .collect()
        }
        DbConn::Sqlite(_) => {
            let ids: Vec<i64> = outbox::table
                .filter(outbox::status.eq("pending"))
                .filter(outbox::next_attempt_at.le(t))
                .filter(
                    outbox::locked_until
                        .is_null()
                        .or(outbox::locked_until.lt(t)),
                )
                .order(outbox::id.asc())
                .limit(limit)
                .select(outbox::id)
                .load(conn)?;
            diesel::update(outbox::table.filter(outbox::id.eq_any(&ids)))
                .set((
                    outbox::locked_until.eq(t + lease),
                    outbox::attempts.eq(outbox::attempts + 1),
                ))
                .execute(conn)?;
            ids
        }
    };
    Ok(outbox::table
        .filter(outbox::id.eq_any(&ids))
        .order(outbox::id.asc())
        .load(conn)?)
}

pub fn mark_sent(conn: &mut DbConn, id: i64) -> AppResult<()> {
    diesel::update(outbox::table.find(id))
        .set((
            outbox::status.eq("sent"),
            outbox::sent_at.eq(now()),
            outbox::locked_until.eq(None::<NaiveDateTime>),
        ))
        .execute(conn)?;
    Ok(())
}

/// Records a failed attempt: retried later with exponential backoff, or given up.
pub fn mark_failed(conn: &mut DbConn, row: &OutboxRow, error: &str) -> AppResult<()> {
    let give_up = row.attempts >= MAX_ATTEMPTS;
    let backoff = Duration::seconds(30 * (1i64 << row.attempts.clamp(0, 10)));
    diesel::update(outbox::table.find(row.id))
        .set((
            outbox::status.eq(if give_up { "failed" } else { "pending" }),
            outbox::next_attempt_at.eq(now() + backoff),
            outbox::locked_until.eq(None::<NaiveDateTime>),
            outbox::last_error.eq(error.chars().take(500).collect::<String>()),
        ))
        .execute(conn)?;
    Ok(())
}

/// Mail still waiting (queued or being retried) and when the oldest of it was queued.
pub fn backlog(conn: &mut DbConn) -> AppResult<(i64, Option<chrono::NaiveDateTime>)> {
    Ok(outbox::table
        .filter(outbox::status.eq("pending"))
        .select((
            diesel::dsl::count_star(),
            diesel::dsl::min(outbox::created_at),
        ))
        .first(conn)?)
}
