//! The admins' facility directory: find a facility by ID, name or prefecture, see whether it
//! is active, resting or still waiting for its first sign-in, and correct its name or contact
//! address. A correction is a change in the log (who, old → new); the facility's open postings
//! take the new name ([`super::postings::rename_facility`]), so partners' feeds carry it.

use super::changes::{self, Entity, Kind};
use super::schema::{accounts, facilities, postings};
use super::DbConn;
use crate::clock::now;
pub use crate::domain::codes::FacilityStanding as Standing;
use crate::domain::codes::{PostingStatus, Role};
use crate::error::{ApiError, AppResult};
use crate::i18n::Msg;
use diesel::prelude::*;
use serde_json::json;

use super::accounts::FacilityRow;

pub struct Filter {
    /// Part of the name (width-folded) or the facility ID exactly.
    pub q: Option<String>,
    pub prefecture_code: Option<String>,
    pub standing: Option<Standing>,
}

pub struct DirectoryRow {
    pub facility: FacilityRow,
    pub standing: Standing,
    pub open_postings: i64,
}

/// Facility accounts without a password yet (`pending_accounts` as a subquery).
type FacilityAccounts =
    diesel::dsl::Filter<accounts::table, diesel::dsl::Eq<accounts::role, &'static str>>;
type PendingAccounts = diesel::dsl::Select<
    diesel::dsl::Filter<FacilityAccounts, diesel::dsl::IsNull<accounts::password_hash>>,
    diesel::dsl::AssumeNotNull<accounts::facility_id>,
>;

fn pending_accounts() -> PendingAccounts {
    accounts::table
        .filter(accounts::role.eq(Role::Facility.code()))
        .filter(accounts::password_hash.is_null())
        .select(accounts::facility_id.assume_not_null())
}

/// One page of the directory, by name; and how many match in all.
pub fn search(
    conn: &mut DbConn,
    f: &Filter,
    page: i64,
    per_page: i64,
) -> AppResult<(Vec<DirectoryRow>, i64)> {
    let query = || {
        let mut q = facilities::table.into_boxed();
        if let Some(text) = f.q.as_deref().map(crate::domain::text::fold_width) {
            let text = text.trim().to_string();
            if !text.is_empty() {
                let like = super::postings::escape_like(&text);
                q = q.filter(
                    facilities::gmis_id
                        .eq(text.clone())
                        .or(facilities::name.like(like).escape('\\')),
                );
            }
        }
        if let Some(p) = &f.prefecture_code {
            q = q.filter(facilities::prefecture_code.eq(p.clone()));
        }
        match f.standing {
            Some(Standing::PendingActivation) => {
                q = q.filter(facilities::id.eq_any(pending_accounts()))
            }
            Some(Standing::Resting) => {
                q = q
                    .filter(facilities::status.eq("suspended"))
                    .filter(facilities::id.ne_all(pending_accounts()))
            }
            Some(Standing::Active) => {
                q = q
                    .filter(facilities::status.ne("suspended"))
                    .filter(facilities::id.ne_all(pending_accounts()))
            }
            None => {}
        }
        q
    };
    let total: i64 = query().count().get_result(conn)?;
    let rows: Vec<FacilityRow> = query()
        .order((facilities::name.asc(), facilities::id.asc()))
        .limit(per_page)
        .offset((page - 1) * per_page)
        .load(conn)?;
    let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
    let pending: Vec<i64> = pending_accounts()
        .filter(accounts::facility_id.eq_any(&ids))
        .load(conn)?;
    let open: Vec<(i64, i64)> = postings::table
        .filter(postings::facility_id.eq_any(&ids))
        .filter(postings::status.eq(PostingStatus::Open.code()))
        .group_by(postings::facility_id)
        .select((postings::facility_id, diesel::dsl::count_star()))
        .load(conn)?;
    let items = rows
        .into_iter()
        .map(|facility| DirectoryRow {
            standing: standing_of(&facility, pending.contains(&facility.id)),
            open_postings: open
                .iter()
                .find(|(id, _)| *id == facility.id)
                .map_or(0, |(_, n)| *n),
            facility,
        })
        .collect();
    Ok((items, total))
}

fn standing_of(f: &FacilityRow, pending: bool) -> Standing {
    if pending {
        Standing::PendingActivation
    } else if f.is_suspended() {
        Standing::Resting
    } else {
        Standing::Active
    }
}

/// One facility with where it stands.
pub fn find(conn: &mut DbConn, id: i64) -> AppResult<DirectoryRow> {
    let facility = super::accounts::find_facility(conn, id)?;
    let pending: i64 = pending_accounts()
        .filter(accounts::facility_id.eq(id))
        .count()
        .get_result(conn)?;
    let open_postings = postings::table
        .filter(postings::facility_id.eq(id))
        .filter(postings::status.eq(PostingStatus::Open.code()))
        .count()
        .get_result(conn)?;
    Ok(DirectoryRow {
        standing: standing_of(&facility, pending > 0),
        open_postings,
        facility,
    })
}

/// What an admin corrects; `None` keeps the value.
pub struct Correction {
    pub name: Option<String>,
    pub email: Option<String>,
    pub reason: String,
}

/// Corrects a facility's name and/or contact address (the management account's address
/// follows). Nothing changed is not a change: it answers the facility as it is.
pub fn correct(conn: &mut DbConn, id: i64, by: i64, c: &Correction) -> AppResult<FacilityRow> {
    let old = super::accounts::find_facility(conn, id)?;
    let name = c.name.clone().filter(|n| *n != old.name);
    let email = c.email.clone().filter(|e| *e != old.email);
    if name.is_none() && email.is_none() {
        return Ok(old);
    }
    let mut fields = serde_json::Map::new();
    if let Some(n) = &name {
        fields.insert("name".into(), json!({"old": old.name, "new": n}));
    }
    if let Some(e) = &email {
        fields.insert("email".into(), json!({"old": old.email, "new": e}));
        let taken: i64 = accounts::table
            .filter(accounts::login_id.eq(e.to_lowercase()))
            .count()
            .get_result(conn)?;
        if taken > 0 {
            return Err(ApiError::field(
                "email",
                "taken",
                Msg::new(
                    "このメールアドレスは別のアカウントのログインIDとして使われています。",
                    "This address is another account's login ID.",
                ),
            ));
        }
    }
    let updated = diesel::update(facilities::table.find(id))
        .set((
            facilities::name.eq(name.as_deref().unwrap_or(&old.name)),
            facilities::email.eq(email.as_deref().unwrap_or(&old.email)),
            facilities::updated_at.eq(now()),
        ))
        .returning(facilities::all_columns)
        .get_result::<FacilityRow>(conn)?;
    if let Some(e) = &email {
        diesel::update(
            accounts::table
                .filter(accounts::facility_id.eq(id))
                .filter(accounts::role.eq(Role::Facility.code())),
        )
        .set(accounts::email.eq(e))
        .execute(conn)?;
    }
    changes::record(
        Kind::FacilityCorrected,
        id,
        json!({"by": by, "reason": c.reason, "fields": fields}),
    )?;
    if let Some(n) = &name {
        super::postings::rename_facility(conn, id, &old.name, n, by)?;
    }
    Ok(updated)
}

/// A facility's history: every change about it, oldest first.
pub fn history(conn: &mut DbConn, id: i64) -> AppResult<Vec<changes::ChangeRow>> {
    changes::history_of(conn, Entity::Facility, id)
}
