//! Who may act on a thread: the named checks thread handlers make before they act.
//! Anyone who is not a party gets 404, as if the thread did not exist.

use super::AuthUser;
use crate::db::threads::{self, ThreadRow};
use crate::db::{accounts, DbConn};
use crate::domain::codes::{Role, Sender};
use crate::error::{ApiError, AppResult};
use crate::flows;
use crate::i18n::Msg;

/// The caller's part in a thread.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Party {
    Jobseeker,
    Facility,
    Admin,
}

/// The thread and the caller's part in it.
pub fn party_to(c: &mut DbConn, user: &AuthUser, id: i64) -> AppResult<(ThreadRow, Party)> {
    let t = threads::find(c, id)?;
    let p = match user.role {
        Role::Admin => Party::Admin,
        Role::Jobseeker if t.jobseeker_account_id == user.account_id => Party::Jobseeker,
        Role::Facility if user.facility_id == Some(t.facility_id) => Party::Facility,
        _ => return Err(ApiError::NotFound),
    };
    Ok((t, p))
}

/// The facility's side of a thread (or an admin), even while the facility rests: reading
/// and training reports stay open then (SPEC 4, step 8).
pub fn facility_side(c: &mut DbConn, user: &AuthUser, id: i64) -> AppResult<(ThreadRow, Party)> {
    let (t, p) = party_to(c, user, id)?;
    match p {
        Party::Facility | Party::Admin => Ok((t, p)),
        Party::Jobseeker => Err(ApiError::Forbidden(Msg::new(
            "医療機関のみが行える操作です。",
            "Only the facility can do this.",
        ))),
    }
}

/// The facility's side of a thread, acting: refused while the facility rests.
pub fn facility_acting(c: &mut DbConn, user: &AuthUser, id: i64) -> AppResult<(ThreadRow, Party)> {
    let (t, p) = facility_side(c, user, id)?;
    if p == Party::Facility {
        flows::ensure_active_facility(c, t.facility_id)?;
    }
    Ok((t, p))
}

/// The thread's jobseeker, acting (an account that has left cannot).
pub fn jobseeker_acting(c: &mut DbConn, user: &AuthUser, id: i64) -> AppResult<ThreadRow> {
    let (t, p) = party_to(c, user, id)?;
    if p != Party::Jobseeker {
        return Err(ApiError::Forbidden(Msg::new(
            "この操作は求職者が行います。",
            "The jobseeker does this.",
        )));
    }
    accounts::ensure_live_jobseeker(c, user.account_id)?;
    Ok(t)
}

/// Either party writing in a thread, as whom the message is sent.
pub fn writer(c: &mut DbConn, user: &AuthUser, id: i64) -> AppResult<(ThreadRow, Sender)> {
    let (t, p) = party_to(c, user, id)?;
    let sender = match p {
        Party::Jobseeker => {
            accounts::ensure_live_jobseeker(c, user.account_id)?;
            Sender::Jobseeker
        }
        Party::Facility => {
            flows::ensure_active_facility(c, t.facility_id)?;
            Sender::Facility
        }
        Party::Admin => Sender::Facility,
    };
    Ok((t, sender))
}
