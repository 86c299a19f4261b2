//! Operations that span several tables and send mail, shared by handlers and scheduled jobs.
//! Each runs inside the caller's write transaction, so the change and its mail are atomic.

use crate::db::accounts::{self, FacilityRow};
use crate::db::postings::{self, PostingRow};
use crate::db::{threads, DbConn};
use crate::disclosure::{disclose, Audience};
use crate::domain::codes::{CloseReason, Occupation};
use crate::error::{ApiError, AppResult};
use crate::i18n::Msg;
use crate::notify;

pub fn occupation_label(row: &PostingRow) -> &'static str {
    Occupation::parse(&row.occupation)
        .map(|o| o.label().ja)
        .unwrap_or("")
}

/// Where mail about a posting's threads goes: the posting's contact person.
pub fn posting_contact_email(conn: &mut DbConn, row: &PostingRow) -> AppResult<String> {
    disclose(conn, row, Audience::Service)?
        .map(|i| i.contact.email)
        .ok_or_else(|| ApiError::internal("disclosure refused to the service"))
}

/// Someone mail goes to, with the greeting that opens it.
pub struct Recipient {
    pub email: String,
    pub greeting: String,
}

/// The facility's side of a thread: the posting's contact address, greeted as the facility.
pub fn facility_recipient(conn: &mut DbConn, posting: &PostingRow) -> AppResult<Recipient> {
    let facility = accounts::find_facility(conn, posting.facility_id)?;
    Ok(Recipient {
        email: posting_contact_email(conn, posting)?,
        greeting: format!("{} ご担当者様", facility.name),
    })
}

/// The jobseeker's side of a thread, unless they deleted their account.
pub fn jobseeker_recipient(conn: &mut DbConn, account_id: i64) -> AppResult<Option<Recipient>> {
    Ok(
        jobseeker_address(conn, account_id)?.map(|(email, name)| Recipient {
            email,
            greeting: format!("{name} 様"),
        }),
    )
}

/// Both sides of a thread about `posting` (the jobseeker's only while they have an account).
pub fn both_sides(
    conn: &mut DbConn,
    posting: &PostingRow,
    jobseeker_account_id: i64,
) -> AppResult<Vec<Recipient>> {
    let mut out = vec![facility_recipient(conn, posting)?];
    out.extend(jobseeker_recipient(conn, jobseeker_account_id)?);
    Ok(out)
}

/// The jobseeker's address and name, unless they deleted their account. Mail is addressed
/// with this inside a write transaction: it takes the jobseeker's row lock first, so an
/// erasure running at the same time either finishes before (and there is no address) or
/// waits for this mail to be queued (and then blanks it with the rest).
pub fn jobseeker_address(
    conn: &mut DbConn,
    account_id: i64,
) -> AppResult<Option<(String, String)>> {
    accounts::lock_jobseeker(conn, account_id)?;
    let js = accounts::find_jobseeker(conn, account_id)?;
    if js.deleted_at.is_some() {
        return Ok(None);
    }
    Ok(Some((
        accounts::find_account(conn, account_id)?.email,
        js.name,
    )))
}

/// Closes a posting and tells every pending inquirer and applicant, kindly, in their thread
/// (and by mail, from the `thread.posting_closed` change).
pub fn close_posting(
    conn: &mut DbConn,
    id: i64,
    reason: CloseReason,
    note: Option<&str>,
    by: Option<i64>,
) -> AppResult<PostingRow> {
    let row = postings::close(conn, id, reason, note, by)?;
    for t in threads::close_pending_for_posting(conn, id)? {
        threads::system_message(conn, t.id, notify::POSTING_CLOSED_NOTICE)?;
    }
    Ok(row)
}

/// For whom a posting is registered.
pub enum Registrant {
    Facility(i64),
    /// The fax path: the facility, and its account, are created when new.
    OnBehalf(accounts::NewFacility),
}

/// Registers a posting: finds (or creates) the facility, wakes a resting account (SPEC 4,
/// step 8) and inserts the posting; the owner's view of it comes back.
pub fn register_posting(
    conn: &mut DbConn,
    registrant: Registrant,
    form: &crate::domain::posting::PostingForm,
    by: Option<i64>,
) -> AppResult<crate::views::posting::FullPosting> {
    let facility = match registrant {
        Registrant::OnBehalf(f) => accounts::find_or_create_facility(conn, &f)?,
        Registrant::Facility(id) => accounts::find_facility(conn, id)?,
    };
    accounts::mark_posted(conn, facility.id)?;
    let row = postings::insert(conn, facility.id, &facility.name, form, by)?;
    crate::views::posting::FullPosting::from_row(conn, &row, &facility)
}

/// Refuses facility actions while the account rests (休止), except those SPEC 4 step 8
/// allows (registering a posting, reading, training reports), which do not call this.
pub fn ensure_active_facility(conn: &mut DbConn, facility_id: i64) -> AppResult<FacilityRow> {
    let f = accounts::find_facility(conn, facility_id)?;
    if f.is_suspended() {
        return Err(ApiError::Refused("facility_suspended", Msg::new(
            "アカウントは休止中です。新しい募集を登録すると再開されます（募集の登録・履歴の閲覧・研修の報告は休止中も行えます）。",
            "This account is resting. Registering a new posting reactivates it (registering, reading history and training reports stay available).",
        )));
    }
    Ok(f)
}

/// What an intake call did.
pub enum Intake {
    Created(crate::views::posting::FullPosting),
    Updated(crate::views::posting::FullPosting),
    Unchanged(crate::views::posting::FullPosting),
}

/// Registers or updates the posting an upstream system knows as `external_ref` (SPEC 9):
/// the first call creates it (and the facility with its account, like the fax path), the
/// same body again changes nothing, a different body edits it.
pub fn intake_posting(
    conn: &mut DbConn,
    organisation: &crate::db::partners::OrganisationRow,
    external_ref: &str,
    body_hash: &str,
    facility: accounts::NewFacility,
    form: &crate::domain::posting::PostingForm,
) -> AppResult<Intake> {
    use crate::db::partners;
    let view = |conn: &mut DbConn, id: i64| {
        let row = postings::find(conn, id)?;
        let f = accounts::find_facility(conn, row.facility_id)?;
        crate::views::posting::FullPosting::from_row(conn, &row, &f)
    };
    match partners::find_intake(conn, organisation.id, external_ref)? {
        None => {
            let created = register_posting(conn, Registrant::OnBehalf(facility), form, None)?;
            let id = created.common.id;
            postings::note_source(
                conn,
                id,
                "intake",
                serde_json::json!({"organisation": organisation.name, "external_ref": external_ref}),
            )?;
            partners::insert_intake(conn, organisation.id, external_ref, id, body_hash)?;
            Ok(Intake::Created(created))
        }
        Some(r) if r.body_hash == body_hash => Ok(Intake::Unchanged(view(conn, r.posting_id)?)),
        Some(r) => {
            let current = postings::find(conn, r.posting_id)?;
            let owner = accounts::find_facility(conn, current.facility_id)?;
            if owner.gmis_id != facility.gmis_id {
                return Err(ApiError::Conflict(
                    "intake_facility_changed",
                    Msg::owned(
                        format!(
                            "参照番号 {external_ref} の募集は医療機関ID {} のものです。医療機関を変える場合は、別の参照番号で登録してください。",
                            owner.gmis_id
                        ),
                        format!(
                            "Reference {external_ref} belongs to facility {}; register another facility's posting under a new reference.",
                            owner.gmis_id
                        ),
                    ),
                ));
            }
            postings::update(conn, r.posting_id, current.version, form, None)?;
            partners::touch_intake(conn, organisation.id, external_ref, body_hash)?;
            Ok(Intake::Updated(view(conn, r.posting_id)?))
        }
    }
}

/// Someone a partner met in person, as the partner entered them.
pub struct ReferredPerson {
    pub name: String,
    pub email: String,
    pub phone: Option<String>,
}

/// A partner (prefecture desk, Hello Work, nurse centre) refers a jobseeker to a posting in
/// its scope (SPEC 9): the jobseeker's account is found or made (without a password), an
/// application is opened (or the existing thread kept), and the thread remembers who
/// referred. Returns the thread and whether it is new.
pub fn refer(
    conn: &mut DbConn,
    organisation: &crate::db::partners::OrganisationRow,
    posting_id: i64,
    person: &ReferredPerson,
    message: &str,
) -> AppResult<(threads::ThreadRow, bool)> {
    let posting = postings::find(conn, posting_id)?;
    // A posting outside the scope is as absent as one that does not exist.
    if !organisation
        .scope()
        .covers(&posting.occupation, &posting.prefecture_code)
    {
        return Err(ApiError::NotFound);
    }
    let jobseeker =
        accounts::referred_jobseeker(conn, &person.email, &person.name, person.phone.as_deref())?;
    let existing = threads::find_for(conn, posting_id, jobseeker)?;
    if existing.is_none() && !postings::lock_if_open(conn, posting_id)? {
        return Err(ApiError::Conflict(
            "posting_closed",
            Msg::new("この募集は終了しています。", "This posting is closed."),
        ));
    }
    let outcome = threads::contact(
        conn,
        posting_id,
        posting.facility_id,
        jobseeker,
        crate::domain::codes::ThreadKind::Application,
        message,
    )?;
    let (t, created) = match outcome {
        threads::Contacted::Created(t) => (t, true),
        threads::Contacted::Upgraded(t) | threads::Contacted::Existing(t) => (t, false),
    };
    if created {
        crate::db::partners::insert_referral(conn, t.id, organisation.id)?;
        crate::db::changes::record(
            crate::db::changes::Kind::ThreadReferred,
            t.id,
            serde_json::json!({"organisation_id": organisation.id, "organisation": organisation.name}),
        )?;
    }
    Ok((t, created))
}

/// Erases a jobseeker (their own deletion, or declining a referral): pending threads are
/// withdrawn with a note to the facility, and their personal data is gone.
pub fn erase_jobseeker(conn: &mut DbConn, account_id: i64) -> AppResult<()> {
    crate::db::outbox::lock_recipients(conn)?;
    for t in threads::erase_jobseeker(conn, account_id)? {
        threads::system_message(
            conn,
            t.id,
            "求職者が退会したため、このやりとりは終了しました。",
        )?;
    }
    crate::db::favourites::forget_all(conn, account_id)?;
    crate::db::saved_searches::forget_all(conn, account_id)?;
    accounts::erase_jobseeker(conn, account_id)
}

/// Declines a referral from the link in its mail: only an account that was never claimed
/// (no password) is erased this way.
pub fn decline_referral(conn: &mut DbConn, token: &str) -> AppResult<()> {
    crate::db::outbox::lock_recipients(conn)?;
    let account_id = accounts::spend_token(conn, token, accounts::ACTIVATE)?;
    let account = accounts::find_account(conn, account_id)?;
    if account.role() != crate::domain::codes::Role::Jobseeker || account.password_hash.is_some() {
        return Err(accounts::invalid_token());
    }
    erase_jobseeker(conn, account_id)
}
