//! Reception desks (窓口) of prefecture organisations.

use super::changes::{self, Kind};
use super::schema::desks;
use super::DbConn;
use crate::clock::now;
use crate::domain::desk::Desk;
use crate::error::AppResult;
use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde_json::json;

#[derive(Clone, Debug, Queryable, Selectable)]
#[diesel(table_name = desks)]
pub struct DeskRow {
    pub id: i64,
    pub organisation_id: i64,
    pub prefecture_code: String,
    pub name: String,
    pub address: String,
    pub phone: String,
    pub hours: String,
    pub url: Option<String>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

pub fn create(
    conn: &mut DbConn,
    organisation_id: i64,
    prefecture: &str,
    d: &Desk,
) -> AppResult<DeskRow> {
    let row: DeskRow = diesel::insert_into(desks::table)
        .values((
            desks::organisation_id.eq(organisation_id),
            desks::prefecture_code.eq(prefecture),
            desks::name.eq(&d.name),
            desks::address.eq(&d.address),
            desks::phone.eq(&d.phone),
            desks::hours.eq(&d.hours),
            desks::url.eq(&d.url),
            desks::created_at.eq(now()),
            desks::updated_at.eq(now()),
        ))
        .returning(desks::all_columns)
        .get_result(conn)?;
    changes::record(
        Kind::DeskCreated,
        row.id,
        json!({"organisation_id": organisation_id}),
    )?;
    Ok(row)
}

/// Edits one of the organisation's desks (404 for anyone else's).
pub fn update(conn: &mut DbConn, organisation_id: i64, id: i64, d: &Desk) -> AppResult<DeskRow> {
    let row: DeskRow = diesel::update(
        desks::table
            .find(id)
            .filter(desks::organisation_id.eq(organisation_id)),
    )
    .set((
        desks::name.eq(&d.name),
        desks::address.eq(&d.address),
        desks::phone.eq(&d.phone),
        desks::hours.eq(&d.hours),
        desks::url.eq(&d.url),
        desks::updated_at.eq(now()),
    ))
    .returning(desks::all_columns)
    .get_result(conn)?;
    changes::record(
        Kind::DeskUpdated,
        row.id,
        json!({"organisation_id": organisation_id}),
    )?;
    Ok(row)
}

/// Removes one of the organisation's desks (404 for anyone else's, or when already gone).
pub fn remove(conn: &mut DbConn, organisation_id: i64, id: i64) -> AppResult<()> {
    let n = diesel::delete(
        desks::table
            .find(id)
            .filter(desks::organisation_id.eq(organisation_id)),
    )
    .execute(conn)?;
    if n == 0 {
        return Err(crate::error::ApiError::NotFound);
    }
    changes::record(
        Kind::DeskRemoved,
        id,
        json!({"organisation_id": organisation_id}),
    )?;
    Ok(())
}

pub fn of_organisation(conn: &mut DbConn, organisation_id: i64) -> AppResult<Vec<DeskRow>> {
    Ok(desks::table
        .filter(desks::organisation_id.eq(organisation_id))
        .order(desks::id.asc())
        .load(conn)?)
}

/// Every desk, or those of one prefecture, in prefecture order.
pub fn list(conn: &mut DbConn, prefecture: Option<&str>) -> AppResult<Vec<DeskRow>> {
    let mut q = desks::table.into_boxed();
    if let Some(p) = prefecture {
        q = q.filter(desks::prefecture_code.eq(p.to_string()));
    }
    Ok(q.order((desks::prefecture_code.asc(), desks::id.asc()))
        .load(conn)?)
}
