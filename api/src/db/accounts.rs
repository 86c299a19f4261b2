//! Accounts, facilities, jobseekers, one-time and refresh tokens.

use super::changes::{self, Kind};
use super::schema::{accounts, facilities, jobseekers, one_time_tokens};
use super::sessions::{self, EndReason};
use super::{is_unique_violation, DbConn};
use crate::auth::tokens::{hash_token, new_opaque_token};
use crate::domain::codes::Role;
use crate::domain::profile::{Licence, Profile};
use crate::error::{ApiError, AppResult};
use crate::i18n::Msg;
use chrono::{Duration, NaiveDateTime};
use diesel::prelude::*;
use serde_json::json;

pub use crate::clock::now;

#[derive(Clone, Debug, Queryable)]
pub struct AccountRow {
    pub id: i64,
    pub role: String,
    pub login_id: String,
    pub email: String,
    pub password_hash: Option<String>,
    pub facility_id: Option<i64>,
    pub created_at: NaiveDateTime,
    pub last_login_at: Option<NaiveDateTime>,
}

impl AccountRow {
    pub fn role(&self) -> Role {
        Role::parse(&self.role).unwrap_or(Role::Jobseeker)
    }
}

#[derive(Clone, Debug, Queryable)]
pub struct FacilityRow {
    pub id: i64,
    pub gmis_id: String,
    pub name: String,
    pub prefecture_code: String,
    pub email: String,
    pub status: String,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub suspended_at: Option<NaiveDateTime>,
    pub last_posted_at: Option<NaiveDateTime>,
}

impl FacilityRow {
    pub fn is_suspended(&self) -> bool {
        self.status == "suspended"
    }
}

/// Login IDs: e-mail addresses are matched case-insensitively, facility IDs exactly.
pub fn login_key(login_id: &str) -> String {
    let t = crate::domain::text::fold_width(login_id);
    if t.contains('@') {
        t.to_lowercase()
    } else {
        t
    }
}

pub fn find_by_login(conn: &mut DbConn, login_id: &str) -> AppResult<Option<AccountRow>> {
    Ok(accounts::table
        .filter(accounts::login_id.eq(login_key(login_id)))
        .first::<AccountRow>(conn)
        .optional()?)
}

pub fn find_account(conn: &mut DbConn, id: i64) -> AppResult<AccountRow> {
    Ok(accounts::table.find(id).first::<AccountRow>(conn)?)
}

pub fn touch_login(conn: &mut DbConn, id: i64) -> AppResult<()> {
    diesel::update(accounts::table.find(id))
        .set(accounts::last_login_at.eq(now()))
        .execute(conn)?;
    Ok(())
}

/// A jobseeker's profile row, with the name (and phone) known at sign-up or referral.
fn insert_jobseeker_row(
    conn: &mut DbConn,
    account_id: i64,
    name: &str,
    phone: Option<&str>,
) -> AppResult<()> {
    diesel::insert_into(jobseekers::table)
        .values((
            jobseekers::account_id.eq(account_id),
            jobseekers::name.eq(name),
            jobseekers::phone.eq(phone),
            jobseekers::created_at.eq(now()),
            jobseekers::updated_at.eq(now()),
        ))
        .execute(conn)?;
    Ok(())
}

pub(crate) fn insert_account(
    conn: &mut DbConn,
    role: Role,
    login_id: &str,
    email: &str,
    password_hash: Option<&str>,
    facility_id: Option<i64>,
) -> Result<AccountRow, diesel::result::Error> {
    diesel::insert_into(accounts::table)
        .values((
            accounts::role.eq(role.code()),
            accounts::login_id.eq(login_id),
            accounts::email.eq(email),
            accounts::password_hash.eq(password_hash),
            accounts::facility_id.eq(facility_id),
            accounts::created_at.eq(now()),
        ))
        .returning(accounts::all_columns)
        .get_result::<AccountRow>(conn)
}

pub(crate) fn email_taken() -> ApiError {
    ApiError::Conflict(
        "email_taken",
        Msg::new(
            "このメールアドレスは既に登録されています。",
            "This e-mail address is already registered.",
        ),
    )
}

pub fn create_jobseeker(
    conn: &mut DbConn,
    email: &str,
    password_hash: &str,
    name: &str,
) -> AppResult<AccountRow> {
    let email = login_key(email);
    let account = insert_account(
        conn,
        Role::Jobseeker,
        &email,
        &email,
        Some(password_hash),
        None,
    )
    .map_err(|e| {
        if is_unique_violation(&e) {
            email_taken()
        } else {
            e.into()
        }
    })?;
    insert_jobseeker_row(conn, account.id, name, None)?;
    changes::record(
        Kind::AccountIssued,
        account.id,
        json!({"role": "jobseeker"}),
    )?;
    Ok(account)
}

/// Creates the admin, or resets its password when it exists.
pub fn upsert_admin(conn: &mut DbConn, email: &str, password_hash: &str) -> AppResult<AccountRow> {
    let email = login_key(email);
    if let Some(existing) = find_by_login(conn, &email)? {
        if existing.role() != Role::Admin {
            return Err(email_taken());
        }
        diesel::update(accounts::table.find(existing.id))
            .set(accounts::password_hash.eq(password_hash))
            .execute(conn)?;
        return find_account(conn, existing.id);
    }
    let account = insert_account(conn, Role::Admin, &email, &email, Some(password_hash), None)?;
    changes::record(Kind::AccountIssued, account.id, json!({"role": "admin"}))?;
    Ok(account)
}

pub fn find_facility(conn: &mut DbConn, id: i64) -> AppResult<FacilityRow> {
    Ok(facilities::table.find(id).first::<FacilityRow>(conn)?)
}

pub fn facilities_by_ids(conn: &mut DbConn, ids: &[i64]) -> AppResult<Vec<FacilityRow>> {
    Ok(facilities::table
        .filter(facilities::id.eq_any(ids))
        .load::<FacilityRow>(conn)?)
}

/// A facility as the admin entered it for the fax path.
pub struct NewFacility {
    pub gmis_id: String,
    pub name: String,
    pub prefecture_code: String,
    pub email: String,
}

/// Finds the facility by G-MIS ID, or creates it with its management account (whose
/// one-time link the mail consumer sends, from the `account.issued` change).
pub fn find_or_create_facility(conn: &mut DbConn, f: &NewFacility) -> AppResult<FacilityRow> {
    if let Some(existing) = facilities::table
        .filter(facilities::gmis_id.eq(&f.gmis_id))
        .first::<FacilityRow>(conn)
        .optional()?
    {
        // An ID typed wrong must not publish a posting under another facility's name.
        let same = |a: &str| {
            crate::domain::text::fold_width(a)
                .split_whitespace()
                .collect::<String>()
        };
        if same(&existing.name) != same(&f.name) {
            return Err(ApiError::Conflict(
                "facility_mismatch",
                Msg::owned(
                    format!(
                        "医療機関ID {} は「{}」として登録されています（入力された名称：「{}」）。\
                         この医療機関の募集であれば名称を「{}」にして登録し直してください。\
                         別の医療機関であれば、医療機関IDを確かめて修正してください。",
                        existing.gmis_id, existing.name, f.name, existing.name
                    ),
                    format!(
                        "Facility ID {} is registered as “{}” (you entered “{}”). If the posting is \
                         theirs, enter the name “{}”; if it is another facility, correct the ID.",
                        existing.gmis_id, existing.name, f.name, existing.name
                    ),
                ),
            ));
        }
        return Ok(existing);
    }
    let facility = diesel::insert_into(facilities::table)
        .values((
            facilities::gmis_id.eq(&f.gmis_id),
            facilities::name.eq(&f.name),
            facilities::prefecture_code.eq(&f.prefecture_code),
            facilities::email.eq(&f.email),
            facilities::status.eq("active"),
            facilities::created_at.eq(now()),
            facilities::updated_at.eq(now()),
        ))
        .returning(facilities::all_columns)
        .get_result::<FacilityRow>(conn)
        .map_err(|e| {
            if is_unique_violation(&e) {
                ApiError::Conflict(
                    "facility_exists",
                    Msg::new(
                        "この医療機関IDは既に登録されています。",
                        "This facility ID is already registered.",
                    ),
                )
            } else {
                e.into()
            }
        })?;
    let account = insert_account(
        conn,
        Role::Facility,
        &f.gmis_id,
        &f.email,
        None,
        Some(facility.id),
    )
    .map_err(|e| {
        if is_unique_violation(&e) {
            ApiError::Conflict(
                "login_id_taken",
                Msg::new(
                    "このログインIDは既に使われています。",
                    "This login ID is already in use.",
                ),
            )
        } else {
            e.into()
        }
    })?;
    changes::record(
        Kind::AccountIssued,
        account.id,
        json!({"role": "facility", "facility_id": facility.id}),
    )?;
    Ok(facility)
}

pub fn issue_one_time_token(
    conn: &mut DbConn,
    account_id: i64,
    purpose: &str,
    valid: Duration,
) -> AppResult<String> {
    let (token, hash) = new_opaque_token();
    diesel::insert_into(one_time_tokens::table)
        .values((
            one_time_tokens::account_id.eq(account_id),
            one_time_tokens::purpose.eq(purpose),
            one_time_tokens::token_hash.eq(hash),
            one_time_tokens::expires_at.eq(now() + valid),
            one_time_tokens::created_at.eq(now()),
        ))
        .execute(conn)?;
    Ok(token)
}

/// Spends an activation token (once, atomically) and sets the account's password.
pub fn activate(conn: &mut DbConn, token: &str, password_hash: &str) -> AppResult<AccountRow> {
    let account_id = spend_token(conn, token, ACTIVATE)?;
    diesel::update(accounts::table.find(account_id))
        .set(accounts::password_hash.eq(password_hash))
        .execute(conn)?;
    // A new password ends every session the account had (a stolen one included).
    sessions::end_all(conn, account_id, EndReason::PasswordChanged)?;
    changes::record(Kind::AccountActivated, account_id, json!({}))?;
    find_account(conn, account_id)
}

/// What a one-time link is for.
pub const ACTIVATE: &str = "activate";
pub const RESET: &str = "reset";
pub const CONFIRM: &str = "confirm";

/// Whether the account's current address is the one it confirmed.
pub fn email_confirmed(conn: &mut DbConn, account: &AccountRow) -> AppResult<bool> {
    use super::schema::confirmed_emails as ce;
    Ok(ce::table
        .find(account.id)
        .select(ce::email)
        .first::<String>(conn)
        .optional()?
        .is_some_and(|e| e == account.email))
}

/// Spends a confirmation link and marks the account's current address confirmed; a link
/// used again is refused like any spent token.
pub fn confirm_email(conn: &mut DbConn, token: &str) -> AppResult<()> {
    use super::schema::confirmed_emails as ce;
    let account_id = spend_token(conn, token, CONFIRM)?;
    let account = find_account(conn, account_id)?;
    diesel::delete(ce::table.find(account_id)).execute(conn)?;
    diesel::insert_into(ce::table)
        .values((
            ce::account_id.eq(account_id),
            ce::email.eq(&account.email),
            ce::confirmed_at.eq(now()),
        ))
        .execute(conn)?;
    changes::record(Kind::EmailConfirmed, account_id, json!({}))
}

/// A jobseeker asks for a new confirmation link; nothing when already confirmed.
pub fn request_confirmation(conn: &mut DbConn, account_id: i64) -> AppResult<bool> {
    let account = find_account(conn, account_id)?;
    if email_confirmed(conn, &account)? {
        return Ok(false);
    }
    changes::record(Kind::EmailConfirmationRequested, account_id, json!({}))?;
    Ok(true)
}

/// How long a password reset link works.
pub const RESET_TOKEN_MINUTES: i64 = 60;

/// Spends an unspent, unexpired one-time token for `purpose` once; the account it was for.
pub fn spend_token(conn: &mut DbConn, token: &str, purpose: &str) -> AppResult<i64> {
    let hash = hash_token(token);
    let spent = diesel::update(
        one_time_tokens::table
            .filter(one_time_tokens::token_hash.eq(&hash))
            .filter(one_time_tokens::purpose.eq(purpose))
            .filter(one_time_tokens::used_at.is_null())
            .filter(one_time_tokens::expires_at.gt(now())),
    )
    .set(one_time_tokens::used_at.eq(now()))
    .returning(one_time_tokens::account_id)
    .get_result::<i64>(conn)
    .optional()?;
    spent.ok_or_else(invalid_token)
}

/// Someone asked to reset the password of `login_id`: when it names a live account, that is
/// a change the mail consumer answers with a link; when not, nothing happens, and the caller
/// answers the same either way.
pub fn request_reset(conn: &mut DbConn, login_id: &str) -> AppResult<()> {
    let Some(account) = find_by_login(conn, login_id)? else {
        return Ok(());
    };
    if account.role() == Role::Jobseeker && find_jobseeker(conn, account.id)?.deleted_at.is_some() {
        return Ok(());
    }
    changes::record(Kind::AccountResetRequested, account.id, json!({}))
}

/// Sets a new password from a reset link: the link is spent, and every session of the
/// account ends (a stolen one included).
pub fn reset_password(
    conn: &mut DbConn,
    token: &str,
    password_hash: &str,
) -> AppResult<AccountRow> {
    let account_id = spend_token(conn, token, RESET)?;
    set_password(conn, account_id, password_hash, None, "reset")
}

/// Sets a new password; every session but `keep` ends.
pub fn set_password(
    conn: &mut DbConn,
    account_id: i64,
    password_hash: &str,
    keep: Option<i64>,
    how: &str,
) -> AppResult<AccountRow> {
    diesel::update(accounts::table.find(account_id))
        .set(accounts::password_hash.eq(password_hash))
        .execute(conn)?;
    sessions::end_all_but(conn, account_id, keep, EndReason::PasswordChanged)?;
    changes::record(
        Kind::AccountPasswordChanged,
        account_id,
        json!({"how": how}),
    )?;
    find_account(conn, account_id)
}

/// A one-time link that is unknown, expired, used, or not for this.
pub fn invalid_token() -> ApiError {
    ApiError::field(
        "token",
        "invalid_token",
        Msg::new(
            "このリンクは無効か、期限が切れているか、既に使用されています。",
            "This link is invalid, expired or already used.",
        ),
    )
}

/// The jobseeker account of `email` for a referral: one an earlier referral made and nobody
/// claimed yet, or a new one without a password (the jobseeker claims it from the mail, or
/// declines). An address with an account of its own is a conflict.
pub fn referred_jobseeker(
    conn: &mut DbConn,
    email: &str,
    name: &str,
    phone: Option<&str>,
) -> AppResult<i64> {
    let email = login_key(email);
    if let Some(existing) = find_by_login(conn, &email)? {
        // Only an account an earlier referral made, not yet claimed: a partner never applies
        // in the name of someone who has their own account (and profile).
        let unclaimed = existing.role() == Role::Jobseeker
            && existing.password_hash.is_none()
            && find_jobseeker(conn, existing.id)?.deleted_at.is_none();
        return if unclaimed {
            Ok(existing.id)
        } else {
            Err(ApiError::Conflict(
                "jobseeker_has_account",
                Msg::new(
                    "このメールアドレスは既にアカウントに使われています。ご本人から応募していただくよう、ご案内ください。",
                    "This address already has an account; ask the person to apply themselves.",
                ),
            ))
        };
    }
    let account = insert_account(conn, Role::Jobseeker, &email, &email, None, None)?;
    insert_jobseeker_row(conn, account.id, name, phone)?;
    changes::record(
        Kind::AccountIssued,
        account.id,
        json!({"role": "jobseeker", "referred": true}),
    )?;
    Ok(account.id)
}

/// The account an unspent, unexpired activation token belongs to (to judge the new
/// password against its login ID and address before spending the token).
pub fn account_of_token(
    conn: &mut DbConn,
    token: &str,
    purpose: &str,
) -> AppResult<Option<AccountRow>> {
    let account_id = one_time_tokens::table
        .filter(one_time_tokens::token_hash.eq(hash_token(token)))
        .filter(one_time_tokens::purpose.eq(purpose))
        .filter(one_time_tokens::used_at.is_null())
        .filter(one_time_tokens::expires_at.gt(now()))
        .select(one_time_tokens::account_id)
        .first::<i64>(conn)
        .optional()?;
    match account_id {
        Some(id) => Ok(Some(find_account(conn, id)?)),
        None => Ok(None),
    }
}

#[derive(Clone, Debug, Queryable)]
pub struct JobseekerRow {
    pub account_id: i64,
    pub name: String,
    pub name_kana: Option<String>,
    pub phone: Option<String>,
    pub prefecture_code: Option<String>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub availability: Option<String>,
    pub experience: Option<String>,
    pub years_away: Option<i32>,
    pub deleted_at: Option<NaiveDateTime>,
}

pub fn find_jobseeker(conn: &mut DbConn, account_id: i64) -> AppResult<JobseekerRow> {
    Ok(jobseekers::table
        .find(account_id)
        .first::<JobseekerRow>(conn)?)
}

/// Takes the jobseeker's row lock until the transaction ends (a no-op update: both
/// backends, no `FOR UPDATE` needed).
pub fn lock_jobseeker(conn: &mut DbConn, account_id: i64) -> AppResult<()> {
    diesel::update(jobseekers::table.find(account_id))
        .set(jobseekers::deleted_at.eq(jobseekers::deleted_at))
        .execute(conn)?;
    Ok(())
}

/// Records that the facility registered a posting, which (re)activates a resting (休止)
/// account (SPEC 4 step 8). Always writes the row, so a month-end run racing it waits and
/// then sees `last_posted_at`.
pub fn mark_posted(conn: &mut DbConn, id: i64) -> AppResult<()> {
    let woke = diesel::update(
        facilities::table
            .find(id)
            .filter(facilities::status.eq("suspended")),
    )
    .set(facilities::status.eq("active"))
    .execute(conn)?;
    if woke == 1 {
        changes::record(Kind::FacilityReactivated, id, json!({}))?;
    }
    diesel::update(facilities::table.find(id))
        .set((
            facilities::status.eq("active"),
            facilities::suspended_at.eq(None::<NaiveDateTime>),
            facilities::last_posted_at.eq(Some(now())),
            facilities::updated_at.eq(now()),
        ))
        .execute(conn)?;
    Ok(())
}

/// Everything of a jobseeker's profile: their address and the profile with licences.
#[derive(Clone, Debug)]
pub struct JobseekerRecord {
    pub account_id: i64,
    pub email: String,
    pub profile: Profile,
}

/// A jobseeker's profile with licences, or `None` once they deleted their account.
pub fn jobseeker_record(conn: &mut DbConn, account_id: i64) -> AppResult<Option<JobseekerRecord>> {
    use super::schema::jobseeker_licences as l;
    let row = find_jobseeker(conn, account_id)?;
    if row.deleted_at.is_some() {
        return Ok(None);
    }
    let account = find_account(conn, account_id)?;
    let licences = l::table
        .filter(l::account_id.eq(account_id))
        .order(l::position.asc())
        .select((l::occupation, l::licence_number, l::licence_year))
        .load::<(String, Option<String>, Option<i32>)>(conn)?
        .into_iter()
        .filter_map(|(o, n, y)| {
            Some(Licence {
                occupation: crate::domain::codes::Occupation::parse(&o)?,
                licence_number: n,
                licence_year: y,
            })
        })
        .collect();
    Ok(Some(JobseekerRecord {
        account_id,
        email: account.email,
        profile: Profile {
            name: row.name,
            name_kana: row.name_kana,
            phone: row.phone,
            prefecture_code: row.prefecture_code,
            availability: row.availability,
            experience: row.experience,
            years_away: row.years_away,
            licences,
        },
    }))
}

pub fn update_jobseeker(conn: &mut DbConn, account_id: i64, p: &Profile) -> AppResult<()> {
    use super::schema::jobseeker_licences as l;
    ensure_live_jobseeker(conn, account_id)?;
    diesel::update(
        jobseekers::table
            .find(account_id)
            .filter(jobseekers::deleted_at.is_null()),
    )
    .set((
        jobseekers::name.eq(&p.name),
        jobseekers::name_kana.eq(&p.name_kana),
        jobseekers::phone.eq(&p.phone),
        jobseekers::prefecture_code.eq(&p.prefecture_code),
        jobseekers::availability.eq(&p.availability),
        jobseekers::experience.eq(&p.experience),
        jobseekers::years_away.eq(p.years_away),
        jobseekers::updated_at.eq(now()),
    ))
    .execute(conn)?;
    diesel::delete(l::table.filter(l::account_id.eq(account_id))).execute(conn)?;
    for (i, licence) in p.licences.iter().enumerate() {
        diesel::insert_into(l::table)
            .values((
                l::account_id.eq(account_id),
                l::occupation.eq(licence.occupation.code()),
                l::licence_number.eq(&licence.licence_number),
                l::licence_year.eq(licence.licence_year),
                l::position.eq(i as i32),
            ))
            .execute(conn)?;
    }
    changes::record(Kind::AccountProfileUpdated, account_id, json!({}))?;
    Ok(())
}

/// Erases a jobseeker's personal data. The account row stays (threads point at it) but can
/// no longer sign in, and its e-mail address is free to register again.
pub fn erase_jobseeker(conn: &mut DbConn, account_id: i64) -> AppResult<()> {
    use super::schema::jobseeker_licences as l;
    diesel::update(jobseekers::table.find(account_id))
        .set((
            jobseekers::name.eq("（退会済み）"),
            jobseekers::name_kana.eq(None::<String>),
            jobseekers::phone.eq(None::<String>),
            jobseekers::prefecture_code.eq(None::<String>),
            jobseekers::availability.eq(None::<String>),
            jobseekers::experience.eq(None::<String>),
            jobseekers::years_away.eq(None::<i32>),
            jobseekers::deleted_at.eq(Some(now())),
            jobseekers::updated_at.eq(now()),
        ))
        .execute(conn)?;
    diesel::delete(l::table.filter(l::account_id.eq(account_id))).execute(conn)?;
    // Mail to them: queued mail is cancelled, and sent mail keeps no trace of them.
    let email = find_account(conn, account_id)?.email;
    {
        use super::schema::outbox as o;
        diesel::update(
            o::table
                .filter(o::to_address.eq(&email))
                .filter(o::status.eq("pending")),
        )
        .set(o::status.eq("cancelled"))
        .execute(conn)?;
        diesel::update(o::table.filter(o::to_address.eq(&email)))
            .set((
                o::to_address.eq(format!("deleted-{account_id}@invalid")),
                o::subject.eq("（削除済み）"),
                o::body.eq("（退会により削除されました）"),
                o::ics.eq(None::<String>),
            ))
            .execute(conn)?;
    }
    diesel::delete(super::schema::confirmed_emails::table.find(account_id)).execute(conn)?;
    let gone = format!("deleted-{account_id}@invalid");
    diesel::update(accounts::table.find(account_id))
        .set((
            accounts::login_id.eq(&gone),
            accounts::email.eq(&gone),
            accounts::password_hash.eq(None::<String>),
        ))
        .execute(conn)?;
    sessions::end_all(conn, account_id, EndReason::AccountErased)?;
    changes::record(Kind::AccountErased, account_id, json!({}))?;
    Ok(())
}

/// Refuses a jobseeker whose account was deleted (their sessions end with it; this guards
/// a write that raced the deletion).
pub fn ensure_live_jobseeker(conn: &mut DbConn, account_id: i64) -> AppResult<()> {
    match find_jobseeker(conn, account_id)?.deleted_at {
        None => Ok(()),
        Some(_) => Err(ApiError::Unauthenticated),
    }
}

/// A facility asks (through an admin) for a new one-time link (lost mail, forgotten
/// password); the mail consumer makes and sends it. Returns the facility.
pub fn request_new_link(conn: &mut DbConn, facility_id: i64) -> AppResult<FacilityRow> {
    let facility = find_facility(conn, facility_id)?;
    let account = accounts::table
        .filter(accounts::facility_id.eq(facility_id))
        .filter(accounts::role.eq(Role::Facility.code()))
        .first::<AccountRow>(conn)?;
    changes::record(Kind::AccountLinkRequested, account.id, json!({}))?;
    Ok(facility)
}

/// A new one-time token for `purpose`; the account's earlier unused ones stop working.
pub fn replace_one_time_token(
    conn: &mut DbConn,
    account_id: i64,
    purpose: &str,
    valid: Duration,
) -> AppResult<String> {
    diesel::update(
        one_time_tokens::table
            .filter(one_time_tokens::account_id.eq(account_id))
            .filter(one_time_tokens::purpose.eq(purpose))
            .filter(one_time_tokens::used_at.is_null()),
    )
    .set(one_time_tokens::used_at.eq(Some(now())))
    .execute(conn)?;
    issue_one_time_token(conn, account_id, purpose, valid)
}
