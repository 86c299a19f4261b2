//! The mail consumer of the change log: reads the changes after its cursor and queues the
//! mail each one calls for in the outbox, in the transaction that moves its cursor, so every
//! change mails exactly once, whichever server gets there first. Handlers never send mail.
//!
//! One-time links are made here, when their mail is written: the change log names the
//! account, never a secret.

use crate::auth::tokens::ACTIVATION_TOKEN_DAYS;
use crate::db::changes::{self, ChangeRow, Kind};
use crate::db::schema::interviews;
use crate::db::{accounts, outbox, postings as q, threads, DbConn};
use crate::domain::codes::{Sender, ThreadKind};
use crate::error::AppResult;
use crate::flows::{
    both_sides, facility_recipient, jobseeker_address, jobseeker_recipient, occupation_label,
    posting_contact_email,
};
use crate::mail::Mail;
use crate::notify;
use diesel::prelude::*;

/// The consumer's name in `change_cursors`.
pub const CONSUMER: &str = "mail";

/// Handles every change not handled yet; returns how many mails were queued.
pub fn produce(conn: &mut DbConn, public_url: &str) -> AppResult<usize> {
    changes::consume(conn, CONSUMER, |c, batch| {
        outbox::hold_recipients(c)?;
        let mut n = 0;
        for change in batch {
            for mail in mails_for(c, change, public_url)? {
                outbox::enqueue(c, &mail)?;
                n += 1;
            }
        }
        Ok(n)
    })
}

fn kind_of(change: &ChangeRow) -> Option<Kind> {
    Kind::ALL.iter().copied().find(|k| k.code() == change.kind)
}

/// The mail a change calls for (none for most).
fn mails_for(c: &mut DbConn, change: &ChangeRow, public_url: &str) -> AppResult<Vec<Mail>> {
    let id = change.entity_id;
    let data = change.data();
    let Some(kind) = kind_of(change) else {
        return Ok(vec![]);
    };
    Ok(match kind {
        Kind::AccountIssued | Kind::AccountLinkRequested => {
            let account = accounts::find_account(c, id)?;
            if account.role() == crate::domain::codes::Role::Partner {
                let Some(org) = crate::db::partners::organisation_of_member(c, id)? else {
                    return Ok(vec![]);
                };
                let token = accounts::replace_one_time_token(
                    c,
                    account.id,
                    accounts::ACTIVATE,
                    chrono::Duration::days(ACTIVATION_TOKEN_DAYS),
                )?;
                return Ok(vec![notify::partner_activation(
                    public_url,
                    &account.email,
                    &org.name,
                    &token,
                )]);
            }
            if account.role() == crate::domain::codes::Role::Jobseeker {
                // A jobseeker who signed up confirms the address; a referred one (no
                // password yet) is mailed by the referral.
                return confirmation_mail(c, &account, public_url);
            }
            let Some(facility_id) = account.facility_id else {
                return Ok(vec![]); // admins set their own password
            };
            let facility = accounts::find_facility(c, facility_id)?;
            // Earlier unused links stop working: only the newest one mailed is valid.
            let token = accounts::replace_one_time_token(
                c,
                account.id,
                accounts::ACTIVATE,
                chrono::Duration::days(ACTIVATION_TOKEN_DAYS),
            )?;
            vec![notify::activation(public_url, &facility, &token)]
        }
        Kind::AccountResetRequested => {
            let account = accounts::find_account(c, id)?;
            // Earlier unused reset links stop working: only the newest one mailed is valid.
            let token = accounts::replace_one_time_token(
                c,
                account.id,
                accounts::RESET,
                chrono::Duration::minutes(accounts::RESET_TOKEN_MINUTES),
            )?;
            vec![notify::password_reset(
                public_url,
                &account.email,
                &account.login_id,
                &token,
            )]
        }
        Kind::EmailConfirmationRequested => {
            let account = accounts::find_account(c, id)?;
            confirmation_mail(c, &account, public_url)?
        }
        Kind::AccountPasswordChanged => {
            let account = accounts::find_account(c, id)?;
            vec![notify::password_changed(
                public_url,
                &account.email,
                &account.login_id,
            )]
        }
        Kind::ThreadOpened | Kind::ThreadApplied => {
            let t = threads::find(c, id)?;
            let posting = q::find(c, t.posting_id)?;
            let facility = accounts::find_facility(c, t.facility_id)?;
            vec![notify::new_contact(
                &posting_contact_email(c, &posting)?,
                &facility.name,
                occupation_label(&posting),
                t.kind() == ThreadKind::Application,
                &notify::thread_link(public_url, t.id),
            )]
        }
        Kind::ThreadReferred => {
            let t = threads::find(c, id)?;
            let posting = q::find(c, t.posting_id)?;
            let organisation = data["organisation"]
                .as_str()
                .unwrap_or_default()
                .to_string();
            let Some((email, name)) = jobseeker_address(c, t.jobseeker_account_id)? else {
                return Ok(vec![]);
            };
            let account = accounts::find_account(c, t.jobseeker_account_id)?;
            // Someone without a password yet claims the account, or declines, with one link.
            let token = if account.password_hash.is_none() {
                Some(accounts::replace_one_time_token(
                    c,
                    account.id,
                    accounts::ACTIVATE,
                    chrono::Duration::days(ACTIVATION_TOKEN_DAYS),
                )?)
            } else {
                None
            };
            vec![notify::referred(
                public_url,
                &email,
                &name,
                &organisation,
                occupation_label(&posting),
                t.id,
                token.as_deref(),
            )]
        }
        // An interview answer is a message from the jobseeker too.
        Kind::ThreadMessage | Kind::InterviewAnswered => {
            let t = threads::find(c, id)?;
            let posting = q::find(c, t.posting_id)?;
            let link = notify::thread_link(public_url, t.id);
            let occupation = occupation_label(&posting);
            let sender = if kind == Kind::InterviewAnswered {
                Some(Sender::Jobseeker)
            } else {
                Sender::parse(data["sender"].as_str().unwrap_or(""))
            };
            let to = match sender {
                Some(Sender::Jobseeker) => Some(facility_recipient(c, &posting)?),
                Some(Sender::Facility) => jobseeker_recipient(c, t.jobseeker_account_id)?,
                _ => None,
            };
            to.map(|r| notify::new_message(&r.email, &r.greeting, occupation, &link))
                .into_iter()
                .collect()
        }
        Kind::InterviewScheduled | Kind::InterviewRescheduled | Kind::InterviewCancelled => {
            interview_mails(c, kind, id, &data, public_url)?
        }
        Kind::ThreadWithdrawn if data["by"] == "jobseeker" => {
            let t = threads::find(c, id)?;
            let posting = q::find(c, t.posting_id)?;
            let r = facility_recipient(c, &posting)?;
            vec![notify::withdrawn(
                &r.email,
                &r.greeting,
                occupation_label(&posting),
                &notify::thread_link(public_url, t.id),
            )]
        }
        Kind::ThreadDecided => {
            let t = threads::find(c, id)?;
            let posting = q::find(c, t.posting_id)?;
            match jobseeker_address(c, t.jobseeker_account_id)? {
                Some((email, name)) => vec![notify::decision(
                    &email,
                    &name,
                    occupation_label(&posting),
                    data["result"] == "hired",
                    t.decision_message.as_deref().unwrap_or(""),
                    &notify::thread_link(public_url, t.id),
                )],
                None => vec![],
            }
        }
        Kind::ThreadPostingClosed => {
            let t = threads::find(c, id)?;
            let posting = q::find(c, t.posting_id)?;
            match jobseeker_address(c, t.jobseeker_account_id)? {
                Some((email, name)) => vec![notify::posting_closed(
                    &email,
                    &name,
                    occupation_label(&posting),
                    &notify::thread_link(public_url, t.id),
                )],
                None => vec![],
            }
        }
        Kind::FacilityRested => {
            let f = accounts::find_facility(c, id)?;
            let month = data["month"].as_str().unwrap_or("");
            let label = match month.split_once('-') {
                Some((y, m)) => format!("{y}年{}月", m.trim_start_matches('0')),
                None => month.to_string(),
            };
            vec![notify::account_rest(&f.email, &f.name, &label)]
        }
        Kind::FacilityCorrected => {
            // The facility hears of it at its (new) address, and at the old one when that
            // changed, so a wrong correction does not go unnoticed.
            let f = accounts::find_facility(c, id)?;
            let fields = &data["fields"];
            let mut lines = vec![];
            let mut to = vec![f.email.clone()];
            if let Some(n) = fields.get("name") {
                lines.push(format!(
                    "名称 / Name：{} → {}",
                    n["old"].as_str().unwrap_or(""),
                    n["new"].as_str().unwrap_or("")
                ));
            }
            if let Some(e) = fields.get("email") {
                lines.push(format!(
                    "連絡先メール / E-mail：{} → {}",
                    e["old"].as_str().unwrap_or(""),
                    e["new"].as_str().unwrap_or("")
                ));
                if let Some(old) = e["old"].as_str() {
                    to.push(old.to_string());
                }
            }
            let reason = data["reason"].as_str().unwrap_or("");
            to.iter()
                .map(|addr| notify::facility_corrected(addr, &f.name, &lines.join("\n"), reason))
                .collect()
        }
        Kind::PostingClosed if data["reason"] == "suspended" => {
            // An admin suspended the posting: the facility is told why (the note is in the
            // posting's history, not in the log).
            let posting = q::find(c, id)?;
            let f = accounts::find_facility(c, posting.facility_id)?;
            let note = q::history(c, id)?
                .into_iter()
                .rev()
                .find(|h| h.action == "closed")
                .and_then(|h| serde_json::from_str::<serde_json::Value>(&h.changes_json).ok())
                .and_then(|v| v["note"].as_str().map(str::to_string))
                .unwrap_or_default();
            vec![notify::posting_suspended(
                &f.email,
                &f.name,
                id,
                occupation_label(&posting),
                &note,
            )]
        }
        Kind::PostingClosed => vec![],
        Kind::PostingCreated
        | Kind::PostingUpdated
        | Kind::ThreadStage
        | Kind::TrainingReported
        | Kind::ThreadWithdrawn
        | Kind::AccountActivated
        | Kind::AccountProfileUpdated
        | Kind::FavouriteAdded
        | Kind::FavouriteRemoved
        | Kind::SavedSearchCreated
        | Kind::SavedSearchRemoved
        | Kind::EmailConfirmed
        | Kind::AccountErased
        | Kind::FacilityReactivated
        | Kind::PostingScopeChanged
        | Kind::OrganisationCreated
        | Kind::OrganisationScopeChanged
        | Kind::ApiKeyIssued
        | Kind::ApiKeyRevoked
        | Kind::WebhookRegistered
        | Kind::WebhookDisabled
        | Kind::DeskCreated
        | Kind::DeskUpdated
        | Kind::DeskRemoved => vec![],
    })
}

/// The mails of an interview scheduled, moved or called off: both sides, each with the
/// invitation (same UID, the interview's SEQUENCE) that adds, replaces or removes the event.
fn interview_mails(
    c: &mut DbConn,
    kind: Kind,
    thread_id: i64,
    data: &serde_json::Value,
    public_url: &str,
) -> AppResult<Vec<Mail>> {
    let t = threads::find(c, thread_id)?;
    let interview_id = data["interview_id"].as_i64().unwrap_or_default();
    let i: threads::InterviewRow = interviews::table.find(interview_id).first(c)?;
    let posting = q::find(c, t.posting_id)?;
    let facility = accounts::find_facility(c, t.facility_id)?;
    let occupation = occupation_label(&posting);
    let notice =
        notify::InterviewNotice::new(public_url, t.id, occupation, i.starts_at, &i.video_url);
    let cancelled = kind == Kind::InterviewCancelled;
    let ics = crate::mail::ics_invite(
        &format!("interview-{}@keynet", i.id),
        i.starts_at,
        i64::from(i.duration_minutes),
        &format!("オンライン面接：{}（{}）", occupation, facility.name),
        &i.video_url,
        &i.note,
        if cancelled {
            crate::mail::IcsMethod::Cancel
        } else {
            crate::mail::IcsMethod::Request
        },
        i.sequence,
    );
    let why = match (data["reason"].as_str(), data["by"].as_str()) {
        (Some("decided"), _) => "選考結果が通知されたためです。",
        (Some("posting_closed"), _) => "募集が終了したためです。",
        (Some("withdrawn"), _) => "問い合わせ・応募が取り下げられたためです。",
        (_, Some("jobseeker")) => "求職者による変更です。",
        (_, Some("facility")) => "医療機関による変更です。",
        _ => "",
    };
    Ok(both_sides(c, &posting, t.jobseeker_account_id)?
        .into_iter()
        .map(|r| match kind {
            Kind::InterviewScheduled => {
                notify::interview(&r.email, &r.greeting, &notice, ics.clone())
            }
            _ => notify::interview_changed(
                &r.email,
                &r.greeting,
                &notice,
                ics.clone(),
                cancelled,
                why,
            ),
        })
        .collect())
}

/// A link to confirm a jobseeker's address, unless it is confirmed already or the account
/// has no password (a referral not claimed yet).
fn confirmation_mail(
    c: &mut DbConn,
    account: &accounts::AccountRow,
    public_url: &str,
) -> AppResult<Vec<Mail>> {
    if account.password_hash.is_none() || accounts::email_confirmed(c, account)? {
        return Ok(vec![]);
    }
    let token = accounts::replace_one_time_token(
        c,
        account.id,
        accounts::CONFIRM,
        chrono::Duration::days(ACTIVATION_TOKEN_DAYS),
    )?;
    Ok(vec![notify::email_confirmation(
        public_url,
        &account.email,
        &token,
    )])
}
