//! Posting queries: insert, edit with version check, close, history, and the search.
//!
//! Search, counting, facets and sorting touch public columns only (`public_search_text`
//! holds no withheld field of a masked posting), so nothing they return can depend on a
//! hidden value.

use super::changes::{self, Kind};
use super::schema::{posting_documents, posting_history, postings, search_state};
use super::{DbConn, MultiBackend};
use crate::clock::now;
use crate::disclosure::{disclose, Audience, Sealed, Withholding};
use crate::domain::codes::{CloseReason, Duty, PostingStatus};
use crate::domain::posting::{MaskableFields, PostingForm, PublicDetails};
use crate::domain::search::{SearchQuery, Sort};
use crate::error::{ApiError, AppResult};
use crate::i18n::Msg;
use chrono::{NaiveDate, NaiveDateTime};
use diesel::expression::BoxableExpression;
use diesel::prelude::*;
use diesel::sql_types::Bool;
use serde_json::json;

/// The columns of `postings`: what search filters and sorts on.
#[derive(Clone, Debug, PartialEq, Eq, Queryable)]
pub struct PostingCore {
    pub id: i64,
    pub facility_id: i64,
    pub status: String,
    pub close_reason: Option<String>,
    pub closed_at: Option<NaiveDateTime>,
    pub version: i32,
    #[diesel(deserialize_as = super::stamps::Stamp)]
    pub created_at: NaiveDateTime,
    #[diesel(deserialize_as = super::stamps::Stamp)]
    pub updated_at: NaiveDateTime,
    pub mask_requested: bool,
    pub occupation: String,
    pub facility_type: String,
    pub prefecture_code: String,
    pub municipality: String,
    #[diesel(deserialize_as = super::stamps::Day)]
    pub start_date: NaiveDate,
    #[diesel(deserialize_as = super::stamps::Day)]
    pub end_date: NaiveDate,
    pub duty_general_outpatient: bool,
    pub duty_returnee_contact_outpatient: bool,
    pub duty_health_center: bool,
    pub duty_mild_case_accommodation: bool,
    pub duty_other: bool,
    pub wage_unit: String,
    pub wage_amount_yen: i64,
    pub public_search_text: String,
    /// The municipality point it is placed at ([`crate::geo`]), e.g. `東京都千代田区`.
    pub place: Option<String>,
}

/// A whole posting: its columns and its document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PostingRow {
    pub core: PostingCore,
    pub details_json: String,
    pub maskable_json: String,
}

impl std::ops::Deref for PostingRow {
    type Target = PostingCore;
    fn deref(&self) -> &PostingCore {
        &self.core
    }
}

/// Attaches their documents to posting rows, keeping their order.
fn with_documents(conn: &mut DbConn, cores: Vec<PostingCore>) -> AppResult<Vec<PostingRow>> {
    if cores.is_empty() {
        return Ok(vec![]);
    }
    let ids: Vec<i64> = cores.iter().map(|c| c.id).collect();
    let mut docs = documents(conn, &ids)?;
    cores
        .into_iter()
        .map(|core| {
            let (details_json, maskable_json) = docs.remove(&core.id).ok_or_else(|| {
                ApiError::internal(format!("posting {} has no document", core.id))
            })?;
            Ok(PostingRow {
                core,
                details_json,
                maskable_json,
            })
        })
        .collect()
}

/// The documents of `ids`, by posting id, in one statement of fixed text, which both
/// backends keep prepared: PostgreSQL binds the ids as one array (`= ANY($1)`); SQLite, whose
/// `IN (?, ?, …)` list would make a new text (and a new plan) for every number of ids, gets
/// them as one JSON array it unpacks with `json_each`.
fn documents(
    conn: &mut DbConn,
    ids: &[i64],
) -> AppResult<std::collections::HashMap<i64, (String, String)>> {
    let columns = (
        posting_documents::posting_id,
        posting_documents::details_json,
        posting_documents::maskable_json,
    );
    let rows: Vec<(i64, String, String)> = match conn {
        DbConn::Sqlite(_) => {
            let list = serde_json::to_string(ids)
                .map_err(|e| ApiError::internal(format!("posting ids: {e}")))?;
            posting_documents::table
                .filter(InJsonList {
                    column: posting_documents::posting_id,
                    list,
                })
                .select(columns)
                .load(conn)?
        }
        DbConn::Pg(_) => posting_documents::table
            .filter(posting_documents::posting_id.eq_any(ids))
            .select(columns)
            .load(conn)?,
    };
    Ok(rows.into_iter().map(|(id, d, m)| (id, (d, m))).collect())
}

/// `column IN (SELECT value FROM json_each(?))`, for SQLite: a list of any length bound as
/// one JSON array, so the statement's text, and its prepared plan, stay the same. (Diesel's
/// raw `sql` fragments would be prepared anew every time.)
#[derive(Debug, Clone, diesel::query_builder::QueryId)]
struct InJsonList<C> {
    column: C,
    list: String,
}

impl<C> diesel::Expression for InJsonList<C> {
    type SqlType = Bool;
}

impl<C: AppearsOnTable<QS>, QS> AppearsOnTable<QS> for InJsonList<C> {}

impl<C> diesel::expression::ValidGrouping<()> for InJsonList<C> {
    type IsAggregate = diesel::expression::is_aggregate::Never;
}

impl<C: diesel::query_builder::QueryFragment<MultiBackend>>
    diesel::query_builder::QueryFragment<MultiBackend> for InJsonList<C>
{
    fn walk_ast<'b>(
        &'b self,
        mut out: diesel::query_builder::AstPass<'_, 'b, MultiBackend>,
    ) -> QueryResult<()> {
        self.column.walk_ast(out.reborrow())?;
        out.push_sql(" IN (SELECT value FROM json_each(");
        out.push_bind_param::<diesel::sql_types::Text, _>(&self.list)?;
        out.push_sql("))");
        Ok(())
    }
}

fn with_document(conn: &mut DbConn, core: PostingCore) -> AppResult<PostingRow> {
    with_documents(conn, vec![core])?
        .pop()
        .ok_or(ApiError::NotFound)
}

/// Open postings for the sitemap: id and when each last changed, newest first.
pub fn open_ids_for_sitemap(conn: &mut DbConn, limit: i64) -> AppResult<Vec<(i64, NaiveDateTime)>> {
    Ok(postings::table
        .filter(postings::status.eq(PostingStatus::Open.code()))
        .order(postings::id.desc())
        .limit(limit)
        .select((postings::id, postings::updated_at))
        .load(conn)?)
}

/// The postings of `ids` that exist, by id.
pub fn find_many(
    conn: &mut DbConn,
    ids: &[i64],
) -> AppResult<std::collections::HashMap<i64, PostingRow>> {
    let mut out = std::collections::HashMap::new();
    for chunk in ids.chunks(500) {
        let cores = postings::table
            .filter(postings::id.eq_any(chunk))
            .load::<PostingCore>(conn)?;
        out.extend(with_documents(conn, cores)?.into_iter().map(|r| (r.id, r)));
    }
    Ok(out)
}

/// Open postings of the given occupations and prefectures after `after_id`, by id: a page of
/// a partner's CSV.
pub fn open_in(
    conn: &mut DbConn,
    occupations: &[&str],
    prefectures: &[&str],
    after_id: i64,
    limit: i64,
) -> AppResult<Vec<PostingRow>> {
    let cores = postings::table
        .filter(postings::status.eq(PostingStatus::Open.code()))
        .filter(postings::occupation.eq_any(occupations))
        .filter(postings::prefecture_code.eq_any(prefectures))
        .filter(postings::id.gt(after_id))
        .order(postings::id.asc())
        .limit(limit)
        .load::<PostingCore>(conn)?;
    with_documents(conn, cores)
}

/// Open postings by occupation × prefecture, within the given lists.
pub fn open_counts(
    conn: &mut DbConn,
    occupations: &[&str],
    prefectures: &[&str],
) -> AppResult<Vec<(String, String, i64)>> {
    Ok(postings::table
        .filter(postings::status.eq(PostingStatus::Open.code()))
        .filter(postings::occupation.eq_any(occupations))
        .filter(postings::prefecture_code.eq_any(prefectures))
        .group_by((postings::occupation, postings::prefecture_code))
        .select((
            postings::occupation,
            postings::prefecture_code,
            diesel::dsl::count_star(),
        ))
        .order((postings::occupation.asc(), postings::prefecture_code.asc()))
        .load(conn)?)
}

/// Marks that posting data changed, inside the writing transaction (see `FacetCache`).
fn bump_generation(conn: &mut DbConn) -> AppResult<()> {
    diesel::update(search_state::table.find(1))
        .set(search_state::generation.eq(search_state::generation + 1))
        .execute(conn)?;
    Ok(())
}

/// Writes a posting's document. Its callers change the posting's `version` in the same
/// transaction (a new posting has a new id): an equal core then means an equal document,
/// which [`crate::views::posting::RenderedPublicViews`] relies on.
fn write_document(
    conn: &mut DbConn,
    posting_id: i64,
    form: &PostingForm,
    facility_name: &str,
    insert: bool,
) -> AppResult<()> {
    let (details, maskable) = (
        to_json(&form.details)?,
        to_json(&form.maskable(facility_name))?,
    );
    if insert {
        diesel::insert_into(posting_documents::table)
            .values((
                posting_documents::posting_id.eq(posting_id),
                posting_documents::details_json.eq(details),
                posting_documents::maskable_json.eq(maskable),
            ))
            .execute(conn)?;
    } else {
        diesel::update(posting_documents::table.find(posting_id))
            .set((
                posting_documents::details_json.eq(details),
                posting_documents::maskable_json.eq(maskable),
            ))
            .execute(conn)?;
    }
    Ok(())
}

impl PostingRow {
    pub fn status(&self) -> PostingStatus {
        PostingStatus::parse(&self.status).unwrap_or(PostingStatus::Closed)
    }
    pub fn details(&self) -> AppResult<PublicDetails> {
        serde_json::from_str(&self.details_json)
            .map_err(|e| ApiError::internal(format!("posting {} details: {e}", self.id)))
    }
}

impl crate::disclosure::Withholding for PostingRow {
    fn mask_requested(&self) -> bool {
        self.mask_requested
    }
    fn sealed(&self) -> AppResult<crate::disclosure::Sealed> {
        serde_json::from_str::<MaskableFields>(&self.maskable_json)
            .map(crate::disclosure::Sealed::new)
            .map_err(|e| ApiError::internal(format!("posting {} maskable: {e}", self.id)))
    }
    fn posting_id(&self) -> Option<i64> {
        Some(self.id)
    }
}

fn to_json<T: serde::Serialize>(v: &T) -> AppResult<String> {
    serde_json::to_string(v).map_err(ApiError::internal)
}

/// A form about to be saved, as [`Withholding`] sees it.
struct FormToSave<'a> {
    form: &'a PostingForm,
    facility_name: &'a str,
}

impl Withholding for FormToSave<'_> {
    fn mask_requested(&self) -> bool {
        self.form.mask_requested
    }
    fn sealed(&self) -> AppResult<Sealed> {
        Ok(Sealed::new(self.form.maskable(self.facility_name)))
    }
    fn posting_id(&self) -> Option<i64> {
        None
    }
}

/// The text keyword search runs on: the form's public part, and of the withheld part only
/// what [`disclose`] opens to the public (nothing, when masked).
fn search_text(conn: &mut DbConn, form: &PostingForm, facility_name: &str) -> AppResult<String> {
    let public = disclose(
        conn,
        &FormToSave {
            form,
            facility_name,
        },
        Audience::Public,
    )?;
    Ok(match public {
        Some(i) => {
            form.public_search_text(&[&i.facility_name, &i.workplace_name, &i.street_address])
        }
        None => form.public_search_text(&[]),
    })
}

/// The column values a form sets, shared by insert and update.
macro_rules! form_columns {
    ($form:expr, $search_text:expr) => {{
        let f: &PostingForm = $form;
        (
            postings::mask_requested.eq(f.mask_requested),
            postings::occupation.eq(f.occupation.code()),
            postings::facility_type.eq(f.facility_type.code()),
            postings::prefecture_code.eq(f.prefecture.code()),
            postings::municipality.eq(f.municipality.clone()),
            postings::start_date.eq(f.period.start),
            postings::end_date.eq(f.period.end),
            (
                postings::duty_general_outpatient.eq(f.has_duty(Duty::GeneralOutpatient)),
                postings::duty_returnee_contact_outpatient
                    .eq(f.has_duty(Duty::ReturneeContactOutpatient)),
                postings::duty_health_center.eq(f.has_duty(Duty::HealthCenter)),
                postings::duty_mild_case_accommodation.eq(f.has_duty(Duty::MildCaseAccommodation)),
                postings::duty_other.eq(f.has_duty(Duty::Other)),
            ),
            postings::wage_unit.eq(f.details.wage.unit.code()),
            postings::wage_amount_yen.eq(f.details.wage.amount_yen),
            postings::public_search_text.eq($search_text),
            postings::place
                .eq(crate::geo::locate(f.prefecture.code(), &f.municipality).map(|p| p.label())),
        )
    }};
}

/// Notes in a posting's history where it came from, when not from a person (`intake`).
pub fn note_source(
    conn: &mut DbConn,
    posting_id: i64,
    action: &str,
    detail: serde_json::Value,
) -> AppResult<()> {
    record_history(conn, posting_id, None, action, detail)
}

fn record_history(
    conn: &mut DbConn,
    posting_id: i64,
    account_id: Option<i64>,
    action: &str,
    changes: serde_json::Value,
) -> AppResult<()> {
    diesel::insert_into(posting_history::table)
        .values((
            posting_history::posting_id.eq(posting_id),
            posting_history::account_id.eq(account_id),
            posting_history::action.eq(action),
            posting_history::changes_json.eq(changes.to_string()),
            posting_history::created_at.eq(now()),
        ))
        .execute(conn)?;
    Ok(())
}

/// A flat `{field: value}` view of a posting's form, to diff for the history.
fn flat_form(row: &PostingRow) -> AppResult<serde_json::Map<String, serde_json::Value>> {
    let mut out = serde_json::Map::new();
    let mut flatten = |prefix: &str, v: serde_json::Value| {
        fn walk(
            out: &mut serde_json::Map<String, serde_json::Value>,
            path: String,
            v: serde_json::Value,
        ) {
            match v {
                serde_json::Value::Object(m) => {
                    for (k, v) in m {
                        walk(
                            out,
                            if path.is_empty() {
                                k
                            } else {
                                format!("{path}.{k}")
                            },
                            v,
                        )
                    }
                }
                other => {
                    out.insert(path, other);
                }
            }
        }
        walk(&mut out, prefix.to_string(), v)
    };
    flatten(
        "",
        serde_json::from_str(&row.details_json).map_err(ApiError::internal)?,
    );
    flatten(
        "",
        serde_json::from_str(&row.maskable_json).map_err(ApiError::internal)?,
    );
    flatten(
        "",
        json!({
            "mask_requested": row.mask_requested, "occupation": row.occupation,
            "facility_type": row.facility_type, "prefecture_code": row.prefecture_code,
            "municipality": row.municipality,
            "employment_period": {"start": row.start_date, "end": row.end_date},
        }),
    );
    Ok(out)
}

pub fn insert(
    conn: &mut DbConn,
    facility_id: i64,
    facility_name: &str,
    form: &PostingForm,
    by: Option<i64>,
) -> AppResult<PostingRow> {
    let row = diesel::insert_into(postings::table)
        .values((
            postings::facility_id.eq(facility_id),
            postings::status.eq(PostingStatus::Open.code()),
            postings::version.eq(1),
            postings::created_at.eq(now()),
            postings::updated_at.eq(now()),
            form_columns!(form, search_text(conn, form, facility_name)?),
        ))
        .returning(postings::all_columns)
        .get_result::<PostingCore>(conn)?;
    write_document(conn, row.id, form, facility_name, true)?;
    bump_generation(conn)?;
    record_history(conn, row.id, by, "created", json!({}))?;
    changes::record(
        Kind::PostingCreated,
        row.id,
        json!({"facility_id": row.facility_id, "occupation": row.occupation,
               "prefecture_code": row.prefecture_code}),
    )?;
    with_document(conn, row)
}

/// A posting to register in bulk (seeding): its facility and form.
pub struct NewPosting<'a> {
    pub facility_id: i64,
    pub facility_name: &'a str,
    pub form: PostingForm,
}

/// Rows per multi-row statement: well under both backends' limit on bound values.
const ROWS_PER_STATEMENT: usize = 500;

/// Registers many postings at once: the same rows, documents, history and changes as
/// [`insert`] writes for each, in a few multi-row statements per 500 postings and one
/// generation bump. For seeding; returns the new ids in the order of `items`.
pub fn insert_many(conn: &mut DbConn, items: &[NewPosting]) -> AppResult<Vec<i64>> {
    let at = now();
    let mut ids = Vec::with_capacity(items.len());
    for chunk in items.chunks(ROWS_PER_STATEMENT) {
        let mut rows = Vec::with_capacity(chunk.len());
        for it in chunk {
            let text = search_text(conn, &it.form, it.facility_name)?;
            rows.push((
                postings::facility_id.eq(it.facility_id),
                postings::status.eq(PostingStatus::Open.code()),
                postings::version.eq(1),
                postings::created_at.eq(at),
                postings::updated_at.eq(at),
                form_columns!(&it.form, text),
            ));
        }
        // Both backends number the rows of one INSERT in the order of its VALUES.
        let mut new_ids: Vec<i64> = super::on_backend!(conn, |c| {
            diesel::insert_into(postings::table)
                .values(&rows)
                .returning(postings::id)
                .get_results(c)?
        });
        new_ids.sort_unstable();
        let mut documents = Vec::with_capacity(chunk.len());
        let mut history = Vec::with_capacity(chunk.len());
        for (it, id) in chunk.iter().zip(&new_ids) {
            documents.push((
                posting_documents::posting_id.eq(*id),
                posting_documents::details_json.eq(to_json(&it.form.details)?),
                posting_documents::maskable_json.eq(to_json(&it.form.maskable(it.facility_name))?),
            ));
            history.push((
                posting_history::posting_id.eq(*id),
                posting_history::account_id.eq(None::<i64>),
                posting_history::action.eq("created"),
                posting_history::changes_json.eq("{}"),
                posting_history::created_at.eq(at),
            ));
            changes::record(
                Kind::PostingCreated,
                *id,
                json!({"facility_id": it.facility_id, "occupation": it.form.occupation.code(),
                       "prefecture_code": it.form.prefecture.code()}),
            )?;
        }
        super::on_backend!(conn, |c| {
            diesel::insert_into(posting_documents::table)
                .values(&documents)
                .execute(c)?;
            diesel::insert_into(posting_history::table)
                .values(&history)
                .execute(c)?;
        });
        ids.extend(new_ids);
    }
    if !items.is_empty() {
        bump_generation(conn)?;
    }
    Ok(ids)
}

/// One posting with its document: one statement, of fixed text, so both backends keep it
/// prepared (a posting's page is the most frequent read), run on the backend's own
/// connection (`on_backend!`).
pub fn find(conn: &mut DbConn, id: i64) -> AppResult<PostingRow> {
    let query = postings::table
        .inner_join(posting_documents::table)
        .filter(postings::id.eq(id))
        .select((
            postings::all_columns,
            posting_documents::details_json,
            posting_documents::maskable_json,
        ));
    let (core, details_json, maskable_json) =
        super::on_backend!(conn, |c| query.first::<(PostingCore, String, String)>(c))?;
    Ok(PostingRow {
        core,
        details_json,
        maskable_json,
    })
}

fn posting_closed() -> ApiError {
    ApiError::Conflict(
        "posting_closed",
        Msg::new(
            "この募集は終了しているため変更できません。",
            "This posting is closed and cannot be changed.",
        ),
    )
}

fn stale_version() -> ApiError {
    ApiError::Conflict(
        "stale_version",
        Msg::new(
            "他の方がこの募集を先に更新しました。最新の内容を読み込んでからやり直してください。",
            "Someone else updated this posting first. Reload it and try again.",
        ),
    )
}

/// Replaces the form of an open posting if `expected_version` is still current.
/// The check and the write are one statement, so a racing edit or close cannot be lost.
pub fn update(
    conn: &mut DbConn,
    id: i64,
    expected_version: i32,
    form: &PostingForm,
    by: Option<i64>,
) -> AppResult<PostingRow> {
    let before = find(conn, id)?;
    let facility_name = disclose(conn, &before, Audience::Service)?
        .map(|i| i.facility_name)
        .ok_or_else(|| ApiError::internal("disclosure refused to the service"))?;
    let text = search_text(conn, form, &facility_name)?;
    let updated = diesel::update(
        postings::table
            .filter(postings::id.eq(id))
            .filter(postings::version.eq(expected_version))
            .filter(postings::status.eq(PostingStatus::Open.code())),
    )
    .set((
        postings::version.eq(postings::version + 1),
        postings::updated_at.eq(now()),
        form_columns!(form, text),
    ))
    .returning(postings::all_columns)
    .get_result::<PostingCore>(conn)
    .optional()?;
    let Some(after) = updated else {
        let current = find(conn, id)?;
        return Err(if current.status() == PostingStatus::Closed {
            posting_closed()
        } else {
            stale_version()
        });
    };
    write_document(conn, id, form, &facility_name, false)?;
    bump_generation(conn)?;
    let after = with_document(conn, after)?;
    let (old, new) = (flat_form(&before)?, flat_form(&after)?);
    let changes: serde_json::Map<String, serde_json::Value> = new
        .iter()
        .filter(|(k, v)| old.get(*k) != Some(*v))
        .map(|(k, v)| {
            (
                k.clone(),
                json!({"from": old.get(k).cloned().unwrap_or(serde_json::Value::Null), "to": v}),
            )
        })
        .collect();
    // The log names the fields that changed, never their values (some are withheld).
    let fields: Vec<String> = changes.keys().cloned().collect();
    record_history(conn, id, by, "updated", serde_json::Value::Object(changes))?;
    changes::record(
        Kind::PostingUpdated,
        id,
        json!({"facility_id": after.facility_id, "occupation": after.occupation,
               "prefecture_code": after.prefecture_code, "fields": fields,
               "before": {"occupation": before.occupation,
                          "prefecture_code": before.prefecture_code}}),
    )?;
    Ok(after)
}

/// The form a posting was saved from, rebuilt from its row.
fn form_of(row: &PostingRow) -> AppResult<PostingForm> {
    let bad = |what: &str| ApiError::internal(format!("posting {} {what}", row.id));
    let m: MaskableFields =
        serde_json::from_str(&row.maskable_json).map_err(|_| bad("maskable"))?;
    Ok(PostingForm {
        occupation: crate::domain::codes::Occupation::parse(&row.occupation)
            .ok_or_else(|| bad("occupation"))?,
        mask_requested: row.mask_requested,
        facility_type: crate::domain::codes::FacilityType::parse(&row.facility_type)
            .ok_or_else(|| bad("facility type"))?,
        prefecture: crate::domain::prefecture::Prefecture::parse(&row.prefecture_code)
            .ok_or_else(|| bad("prefecture"))?,
        municipality: row.municipality.clone(),
        period: crate::domain::posting::EmploymentPeriod {
            start: row.start_date,
            end: row.end_date,
        },
        details: row.details()?,
        postal_code: m.postal_code,
        street_address: m.street_address,
        workplace_name: m.workplace_name,
        contact: m.contact,
    })
}

/// A facility's name was corrected: its open postings carry the new name (document and
/// search text), each with a history entry and a `posting.updated` change, so partners'
/// feeds and webhooks republish them.
pub fn rename_facility(
    conn: &mut DbConn,
    facility_id: i64,
    old_name: &str,
    new_name: &str,
    by: i64,
) -> AppResult<()> {
    let open: Vec<PostingCore> = postings::table
        .filter(postings::facility_id.eq(facility_id))
        .filter(postings::status.eq(PostingStatus::Open.code()))
        .load(conn)?;
    for row in with_documents(conn, open)? {
        let form = form_of(&row)?;
        let text = search_text(conn, &form, new_name)?;
        diesel::update(postings::table.find(row.id))
            .set((
                postings::version.eq(postings::version + 1),
                postings::updated_at.eq(now()),
                postings::public_search_text.eq(text),
            ))
            .execute(conn)?;
        write_document(conn, row.id, &form, new_name, false)?;
        record_history(
            conn,
            row.id,
            Some(by),
            "updated",
            json!({"facility_name": {"from": old_name, "to": new_name}}),
        )?;
        changes::record(
            Kind::PostingUpdated,
            row.id,
            json!({"facility_id": facility_id, "occupation": row.occupation,
                   "prefecture_code": row.prefecture_code, "fields": ["facility_name"]}),
        )?;
    }
    bump_generation(conn)?;
    Ok(())
}

/// Takes the posting's row lock if it is open (a no-op update), so that a concurrent close
/// waits for the caller's transaction; false when it is closed.
pub fn lock_if_open(conn: &mut DbConn, id: i64) -> AppResult<bool> {
    Ok(diesel::update(
        postings::table
            .filter(postings::id.eq(id))
            .filter(postings::status.eq(PostingStatus::Open.code())),
    )
    .set(postings::status.eq(postings::status))
    .execute(conn)?
        == 1)
}

/// Closes an open posting. Closing twice is a conflict, not a second close.
pub fn close(
    conn: &mut DbConn,
    id: i64,
    reason: CloseReason,
    note: Option<&str>,
    by: Option<i64>,
) -> AppResult<PostingRow> {
    let closed = diesel::update(
        postings::table
            .filter(postings::id.eq(id))
            .filter(postings::status.eq(PostingStatus::Open.code())),
    )
    .set((
        postings::status.eq(PostingStatus::Closed.code()),
        postings::close_reason.eq(reason.code()),
        postings::closed_at.eq(now()),
        postings::updated_at.eq(now()),
        postings::version.eq(postings::version + 1),
    ))
    .returning(postings::all_columns)
    .get_result::<PostingCore>(conn)
    .optional()?;
    match closed {
        Some(row) => {
            bump_generation(conn)?;
            // The note (an admin's reason to suspend) stays in the history, for the facility's
            // mail; the change log, which partners' feeds read, carries the reason code only.
            let mut detail = json!({"reason": reason.code()});
            if let Some(n) = note {
                detail["note"] = json!(n);
            }
            record_history(conn, id, by, "closed", detail)?;
            changes::record(
                Kind::PostingClosed,
                id,
                json!({"facility_id": row.facility_id, "occupation": row.occupation,
                       "prefecture_code": row.prefecture_code, "reason": reason.code()}),
            )?;
            with_document(conn, row)
        }
        None => {
            find(conn, id)?; // 404 when it does not exist
            Err(ApiError::Conflict(
                "posting_already_closed",
                Msg::new(
                    "この募集は既に終了しています。",
                    "This posting is already closed.",
                ),
            ))
        }
    }
}

pub fn list_for_facility(
    conn: &mut DbConn,
    facility_id: i64,
    status: Option<PostingStatus>,
) -> AppResult<Vec<PostingRow>> {
    let mut q = postings::table
        .filter(postings::facility_id.eq(facility_id))
        .into_boxed();
    if let Some(s) = status {
        q = q.filter(postings::status.eq(s.code()));
    }
    let cores = q
        .order((postings::created_at.desc(), postings::id.desc()))
        .load::<PostingCore>(conn)?;
    with_documents(conn, cores)
}

#[derive(Clone, Debug, Queryable)]
pub struct HistoryRow {
    pub id: i64,
    pub posting_id: i64,
    pub account_id: Option<i64>,
    pub action: String,
    pub changes_json: String,
    pub created_at: NaiveDateTime,
}

pub fn history(conn: &mut DbConn, posting_id: i64) -> AppResult<Vec<HistoryRow>> {
    Ok(posting_history::table
        .filter(posting_history::posting_id.eq(posting_id))
        .order(posting_history::id.asc())
        .load::<HistoryRow>(conn)?)
}

// ---- Search

type Condition = Box<dyn BoxableExpression<postings::table, MultiBackend, SqlType = Bool>>;

/// `term` as a LIKE pattern that contains it anywhere (escape character `\`).
pub(crate) fn escape_like(term: &str) -> String {
    format!("%{}%", like_literal(term))
}

/// `term` with LIKE's wildcards escaped (escape character `\`), to build a pattern around.
fn like_literal(term: &str) -> String {
    let mut s = String::with_capacity(term.len() + 2);
    for c in term.chars() {
        if matches!(c, '%' | '_' | '\\') {
            s.push('\\');
        }
        s.push(c);
    }
    s
}

/// One keyword: through the FTS5 trigram index when `fts` (the term as one quoted phrase: a
/// substring, like LIKE), otherwise LIKE, which PostgreSQL serves from its pg_trgm index.
/// Both find the same postings.
fn keyword_condition(term: &str, lookup: Lookup, sqlite: bool) -> Condition {
    if lookup == Lookup::Walk {
        // A case-sensitive substring test, as the trigram index and PostgreSQL's LIKE are;
        // a function call, which no trigram index serves, so the page walks its sort order.
        let test = if sqlite {
            "instr(postings.public_search_text, "
        } else {
            "strpos(postings.public_search_text, "
        };
        return Box::new(
            diesel::dsl::sql::<Bool>(test)
                .bind::<diesel::sql_types::Text, _>(term.to_string())
                .sql(") > 0"),
        );
    }
    if lookup == Lookup::Index {
        let phrase = format!("\"{}\"", term.replace('"', "\"\""));
        Box::new(
            diesel::dsl::sql::<Bool>(
                "postings.id IN (SELECT rowid FROM postings_fts WHERE postings_fts MATCH ",
            )
            .bind::<diesel::sql_types::Text, _>(phrase)
            .sql(")"),
        )
    } else {
        Box::new(
            postings::public_search_text
                .like(escape_like(term))
                .escape('\\'),
        )
    }
}

/// How a keyword is matched: scanned with LIKE, looked up in the FTS5 index, or tested on
/// each row while the page walks its sort order's index.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Lookup {
    Like,
    Index,
    Walk,
}

/// For each keyword of a search, whether it is long enough for a trigram index (three
/// characters or more): on SQLite it is then looked up in the FTS5 index rather than scanned
/// with LIKE; on PostgreSQL LIKE itself uses the pg_trgm index. Measured at 100,000 postings (`make
/// bench`, 2 shared cores, noisy): a rare term (千代田区) ran at 412 req/s through the index
/// and 111 with LIKE; a term in many postings (発熱外来) at 121 and 163. Choosing per term
/// from `fts5vocab` counts cost more than it saved (285 and 136), so every term long enough
/// takes the index for the counts. The page of a search whose matches are dense walks the
/// sort order's index instead ([`walk_is_cheaper`]). `KEYNET_KEYWORD_INDEX=like` turns
/// the index off, for `make bench`.
#[derive(Clone, Debug, Default)]
pub struct KeywordPlan {
    indexed: Vec<bool>,
    /// SQLite (FTS5, `instr`) rather than PostgreSQL (pg_trgm, `strpos`).
    sqlite: bool,
}

/// Whether a page of `rows` (offset and page size) is cheaper found by walking the sort
/// order's index, testing the keywords on each posting, than by collecting all `total`
/// matches from the trigram index (FTS5 on SQLite, pg_trgm on PostgreSQL) and sorting them. Spread through `open` postings, the matches
/// leave a walk about `rows × open / total` postings to read; a posting walked costs about
/// half a match collected. At 1,000,000 postings a page of 発熱外来 (27,000 matches) took
/// 0.14 s through the index and 0.01 s walking; 千代田区 (9,000) 0.12 s and under 0.01 s.
fn walk_is_cheaper(total: i64, open: i64, rows: i64) -> bool {
    total > 0 && rows.saturating_mul(open) <= total.saturating_mul(total).saturating_mul(2)
}

impl KeywordPlan {
    pub fn for_search(conn: &DbConn, q: &SearchQuery) -> KeywordPlan {
        static OFF: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
        let off =
            *OFF.get_or_init(|| std::env::var("KEYNET_KEYWORD_INDEX").is_ok_and(|v| v == "like"));
        if off {
            return KeywordPlan::default();
        }
        KeywordPlan {
            indexed: q.keywords.iter().map(|t| t.chars().count() >= 3).collect(),
            sqlite: matches!(conn, DbConn::Sqlite(_)),
        }
    }
}

/// How each keyword of a search is matched, by its position.
trait Lookups {
    fn lookup(&self, i: usize) -> Lookup;
    fn sqlite(&self) -> bool;
}

impl Lookups for KeywordPlan {
    fn lookup(&self, i: usize) -> Lookup {
        if self.sqlite && self.is_indexed(i) {
            Lookup::Index
        } else {
            Lookup::Like
        }
    }
    fn sqlite(&self) -> bool {
        self.sqlite
    }
}

impl KeywordPlan {
    /// The plan for a page: indexed terms are walked when `walk` (see [`walk_is_cheaper`]).
    fn for_page(&self, walk: bool) -> PagePlan<'_> {
        PagePlan { plan: self, walk }
    }

    fn is_indexed(&self, i: usize) -> bool {
        self.indexed.get(i) == Some(&true)
    }

    fn uses_index(&self) -> bool {
        self.indexed.iter().any(|&indexed| indexed)
    }
}

/// A [`KeywordPlan`] as the page query applies it.
struct PagePlan<'a> {
    plan: &'a KeywordPlan,
    walk: bool,
}

impl Lookups for PagePlan<'_> {
    fn lookup(&self, i: usize) -> Lookup {
        if self.walk && self.plan.is_indexed(i) {
            Lookup::Walk
        } else {
            self.plan.lookup(i)
        }
    }
    fn sqlite(&self) -> bool {
        self.plan.sqlite
    }
}

/// The duty's boolean column as a condition.
fn duty_column(d: Duty) -> Condition {
    Box::new(diesel::dsl::sql::<diesel::sql_types::Bool>(
        duty_column_name(d),
    ))
}

/// The filters that are not facets: status, keywords, municipality, period and wage.
fn base_conditions(q: &SearchQuery, plan: &dyn Lookups) -> Condition {
    let mut c: Condition = Box::new(postings::status.eq(PostingStatus::Open.code()));
    for (i, term) in q.keywords.iter().enumerate() {
        c = Box::new(c.and(keyword_condition(term, plan.lookup(i), plan.sqlite())));
    }
    if let Some(m) = &q.municipality {
        // The municipality itself; a city's wards (大阪市 → 大阪市北区); a ward of a city
        // named alone (北区 → 大阪市北区), and the start of a name (千代田 → 千代田区).
        let m_lit = like_literal(m);
        c = Box::new(
            c.and(
                postings::municipality
                    .eq(m.clone())
                    .or(postings::municipality
                        .like(format!("{m_lit}%"))
                        .escape('\\'))
                    .or(postings::municipality
                        .like(format!("%市{m_lit}"))
                        .escape('\\')),
            ),
        );
    }
    if let Some(near) = &q.near {
        // The municipalities within the radius (by great-circle distance between their
        // points): the posting's own place must be one of them.
        let places: Vec<String> = near.places.iter().map(|(p, _)| p.label()).collect();
        c = Box::new(c.and(postings::place.assume_not_null().eq_any(places)));
    }
    if let Some(from) = q.available_from {
        c = Box::new(c.and(postings::end_date.ge(from)));
    }
    if let Some(to) = q.available_to {
        c = Box::new(c.and(postings::start_date.le(to)));
    }
    if let Some(unit) = q.wage_unit {
        c = Box::new(c.and(postings::wage_unit.eq(unit.code())));
    }
    if let Some(min) = q.wage_min {
        c = Box::new(c.and(postings::wage_amount_yen.ge(min)));
    }
    c
}

/// Every filter: the base ones and the facets (occupation, prefecture, facility type, duty).
fn all_conditions(q: &SearchQuery, plan: &dyn Lookups) -> Condition {
    // One code is an equality, several an `IN`/`= ANY`: PostgreSQL walks an index in its order
    // after an equality but not after `= ANY(ARRAY[x])`, so "nurses in Tokyo, newest first"
    // would otherwise filter thousands of other postings out of the newest-first index.
    macro_rules! one_of {
        ($c:expr, $column:expr, $values:expr) => {{
            let v: Vec<&str> = $values.iter().map(|x| x.code()).collect();
            match v.as_slice() {
                [] => $c,
                [one] => Box::new($c.and($column.eq(*one))) as Condition,
                _ => Box::new($c.and($column.eq_any(v))),
            }
        }};
    }
    let mut c = base_conditions(q, plan);
    c = one_of!(c, postings::occupation, q.occupations);
    c = one_of!(c, postings::prefecture_code, q.prefectures);
    c = one_of!(c, postings::facility_type, q.facility_types);
    let mut any: Option<Condition> = None;
    for d in &q.duties {
        any = Some(match any {
            None => duty_column(*d),
            Some(prev) => Box::new(prev.or(duty_column(*d))),
        });
    }
    if let Some(any) = any {
        c = Box::new(c.and(any));
    }
    c
}

/// The one place a duty is tied to its column.
fn duty_column_name(d: Duty) -> &'static str {
    match d {
        Duty::GeneralOutpatient => "duty_general_outpatient",
        Duty::ReturneeContactOutpatient => "duty_returnee_contact_outpatient",
        Duty::HealthCenter => "duty_health_center",
        Duty::MildCaseAccommodation => "duty_mild_case_accommodation",
        Duty::Other => "duty_other",
    }
}

#[derive(Debug, Default, Clone)]
pub struct FacetCounts {
    pub occupation: Vec<(String, i64)>,
    pub prefecture: Vec<(String, i64)>,
    pub facility_type: Vec<(String, i64)>,
    pub duty: Vec<(Duty, i64)>,
    /// These counts as a response renders them, once per language (Japanese, English):
    /// counts are shared by every search with the same filters until the data changes, and
    /// labelling and serialising them was 7 % of a warm search's CPU.
    pub rendered: [std::sync::OnceLock<std::sync::Arc<serde_json::value::RawValue>>; 2],
}

pub struct SearchResult<T> {
    pub rows: Vec<PageItem<T>>,
    pub total: i64,
    pub facets: std::sync::Arc<FacetCounts>,
}

/// One row of the facet cube: postings matching the base filters, by occupation ×
/// prefecture × facility type, with per-duty counts and the count matching the duty filter.
type CubeRow = (String, String, String, i64, i64, i64, i64, i64, i64);

/// Places the postings written before places existed (or before the table knew their
/// municipality) at their municipality's point; one update per municipality.
pub fn place_unplaced(conn: &mut DbConn) -> AppResult<usize> {
    let unplaced: Vec<(String, String)> = postings::table
        .filter(postings::place.is_null())
        .select((postings::prefecture_code, postings::municipality))
        .distinct()
        .load(conn)?;
    let mut n = 0;
    for (prefecture, municipality) in unplaced {
        if let Some(p) = crate::geo::locate(&prefecture, &municipality) {
            n += diesel::update(
                postings::table
                    .filter(postings::place.is_null())
                    .filter(postings::prefecture_code.eq(&prefecture))
                    .filter(postings::municipality.eq(&municipality)),
            )
            .set(postings::place.eq(p.label()))
            .execute(conn)?;
        }
    }
    Ok(n)
}

/// Which of `ids` are open postings the search `q` finds (the alert job's matching: the
/// same conditions as the search itself).
pub fn matching(conn: &mut DbConn, q: &SearchQuery, ids: &[i64]) -> AppResult<Vec<i64>> {
    Ok(postings::table
        .filter(all_conditions(q, &KeywordPlan::for_search(conn, q)))
        .filter(postings::id.eq_any(ids))
        .order(postings::id.asc())
        .select(postings::id)
        .load(conn)?)
}

/// A posting of a search page: one the caller already holds a rendering of for this very
/// core (`known`; its document is not read), or the whole posting.
pub enum PageItem<T> {
    Known(PostingCore, T),
    Whole(PostingRow),
}

impl<T> std::ops::Deref for PageItem<T> {
    type Target = PostingCore;
    fn deref(&self) -> &PostingCore {
        match self {
            PageItem::Known(core, _) => core,
            PageItem::Whole(row) => &row.core,
        }
    }
}

/// The search: one grouped scan (served by a covering index) yields the total and every
/// facet count; a second, index-ordered query fetches the page. Each facet ignores its own
/// filter, so the alternatives stay visible. The page's documents are read (a third
/// statement) only for the postings `known` has nothing for.
pub fn search<T>(
    conn: &mut DbConn,
    q: &SearchQuery,
    cache: &FacetCache,
    known: impl Fn(&PostingCore) -> Option<T>,
) -> AppResult<SearchResult<T>> {
    super::read_together(conn, |conn| search_in(conn, q, cache, known))
}

fn search_in<T>(
    conn: &mut DbConn,
    q: &SearchQuery,
    cache: &FacetCache,
    known: impl Fn(&PostingCore) -> Option<T>,
) -> AppResult<SearchResult<T>> {
    let plan = KeywordPlan::for_search(conn, q);
    let (total, facets) = cache.counts(conn, q, &plan)?;
    let walk = plan.uses_index() && {
        let (open, _) = cache.counts(conn, &SearchQuery::default(), &KeywordPlan::default())?;
        walk_is_cheaper(total, open, q.offset() + q.per_page)
    };
    let mut page = postings::table
        .filter(all_conditions(q, &plan.for_page(walk)))
        .into_boxed();
    page = match q.sort {
        Sort::Newest => page.order((postings::created_at.desc(), postings::id.desc())),
        Sort::WageDesc => page.order((postings::wage_amount_yen.desc(), postings::id.desc())),
        Sort::WageAsc => page.order((postings::wage_amount_yen.asc(), postings::id.desc())),
        Sort::StartDate => page.order((postings::start_date.asc(), postings::id.desc())),
        Sort::Distance => match &q.near {
            Some(near) => page.order((nearest_first(near), postings::id.desc())),
            None => page.order((postings::created_at.desc(), postings::id.desc())),
        },
    };
    let rows = if total > q.offset() {
        let cores = page
            .limit(q.per_page)
            .offset(q.offset())
            .load::<PostingCore>(conn)?;
        page_items(conn, cores, known)?
    } else {
        vec![]
    };
    Ok(SearchResult {
        rows,
        total,
        facets,
    })
}

/// The page's postings in order: those `known` answers for as they are, the others whole
/// (their documents read in one statement, in the same snapshot as their cores).
fn page_items<T>(
    conn: &mut DbConn,
    cores: Vec<PostingCore>,
    known: impl Fn(&PostingCore) -> Option<T>,
) -> AppResult<Vec<PageItem<T>>> {
    let mut items = Vec::with_capacity(cores.len());
    let mut unknown = vec![];
    for core in cores {
        match known(&core) {
            Some(t) => items.push(Some(PageItem::Known(core, t))),
            None => {
                items.push(None);
                unknown.push(core);
            }
        }
    }
    let mut whole = with_documents(conn, unknown)?.into_iter();
    items
        .into_iter()
        .map(|item| {
            item.or_else(|| whole.next().map(PageItem::Whole))
                .ok_or_else(|| ApiError::internal("search page: a posting went missing"))
        })
        .collect()
}

/// The rank of a posting's place by distance from the search's origin (0 = nearest), as an
/// SQL expression. The place names come from the embedded table, never from input; quotes are
/// doubled all the same.
fn nearest_first(
    near: &crate::domain::search::Near,
) -> Box<dyn BoxableExpression<postings::table, MultiBackend, SqlType = diesel::sql_types::BigInt>>
{
    let mut case = String::from("CASE place");
    for (rank, (p, _)) in near.places.iter().enumerate() {
        case.push_str(&format!(
            " WHEN '{}' THEN {rank}",
            p.label().replace('\'', "''")
        ));
    }
    case.push_str(&format!(" ELSE {} END", near.places.len()));
    Box::new(diesel::dsl::sql::<diesel::sql_types::BigInt>(&case))
}

/// Facet cubes by base filters, and the counts read from them by the whole filter set,
/// each stamped with the data generation it was computed at. An entry is reused only while
/// `search_state.generation` is unchanged, which every posting write bumps in its own
/// transaction; so no instance serves counts older than the data.
/// A cube shared between the cache and the requests reading it.
type Cube = std::sync::Arc<Vec<CubeRow>>;
/// A search's total and facet counts, shared the same way.
type Counts = std::sync::Arc<FacetCounts>;

/// A cube of one generation, computed or being computed: the first search that misses it
/// computes it holding the slot, and the others with the same filters wait for that result
/// rather than compute it too (after a posting write every concurrent search misses at once).
type CubeSlot = std::sync::Arc<std::sync::Mutex<Option<Cube>>>;

#[derive(Default)]
pub struct FacetCache {
    cubes: std::sync::Mutex<std::collections::HashMap<String, (i64, CubeSlot)>>,
    counts: std::sync::Mutex<std::collections::HashMap<String, (i64, i64, Counts)>>,
}

const FACET_CACHE_ENTRIES: usize = 256;

/// Keeps `map` under [`FACET_CACHE_ENTRIES`]: drops entries of older generations first.
fn make_room<V>(map: &mut std::collections::HashMap<String, V>, current: impl Fn(&V) -> bool) {
    if map.len() >= FACET_CACHE_ENTRIES {
        map.retain(|_, v| current(v));
        if map.len() >= FACET_CACHE_ENTRIES {
            map.clear();
        }
    }
}

impl FacetCache {
    /// The total and facet counts of `q`: counted once per filter set and data generation
    /// from the cube of its base filters.
    fn counts(
        &self,
        conn: &mut DbConn,
        q: &SearchQuery,
        plan: &KeywordPlan,
    ) -> AppResult<(i64, Counts)> {
        // On the backend's own connection, as the hottest reads are (`on_backend!`).
        let generation_of = search_state::table.find(1).select(search_state::generation);
        let generation: i64 = super::on_backend!(conn, |c| generation_of.first(c))?;
        let base = Self::base_key(q);
        let key = format!(
            "{base}|{:?}|{:?}|{:?}",
            q.occupations, q.prefectures, q.facility_types
        );
        if let Ok(counts) = self.counts.lock() {
            if let Some((g, total, c)) = counts.get(&key) {
                if *g == generation {
                    return Ok((*total, c.clone()));
                }
            }
        }
        let cube = self.cube(conn, q, plan, base, generation)?;
        let (total, facets) = count_facets(q, &cube);
        let facets = std::sync::Arc::new(facets);
        if let Ok(mut counts) = self.counts.lock() {
            make_room(&mut counts, |(g, _, _)| *g == generation);
            counts.insert(key, (generation, total, facets.clone()));
        }
        Ok((total, facets))
    }

    /// The filters a cube is grouped under (the rest are read from the cube).
    fn base_key(q: &SearchQuery) -> String {
        format!(
            "{:?}|{:?}|{:?}|{:?}|{:?}|{:?}|{:?}|{:?}",
            q.near.as_ref().map(|n| (n.origin.label(), n.radius_km)),
            q.keywords,
            q.municipality,
            q.available_from,
            q.available_to,
            q.wage_unit,
            q.wage_min,
            q.duties
        )
    }

    fn cube(
        &self,
        conn: &mut DbConn,
        q: &SearchQuery,
        plan: &KeywordPlan,
        key: String,
        generation: i64,
    ) -> AppResult<Cube> {
        self.cube_once(key, generation, || load_cube(conn, q, plan))
    }

    /// The cube under `key` at `generation`, computed by `load` at most once at a time: a
    /// caller that finds the slot being filled waits for it. A failed `load` leaves the slot
    /// empty for the next caller. A caller with an older generation than the cached one (its
    /// snapshot began before a write) computes its own without replacing the newer.
    fn cube_once(
        &self,
        key: String,
        generation: i64,
        load: impl FnOnce() -> AppResult<Vec<CubeRow>>,
    ) -> AppResult<Cube> {
        let slot = {
            let mut cubes = self.cubes.lock().unwrap_or_else(|e| e.into_inner());
            match cubes.get(&key) {
                Some((g, slot)) if *g == generation => slot.clone(),
                Some((g, _)) if *g > generation => CubeSlot::default(),
                _ => {
                    make_room(&mut cubes, |(g, _)| *g == generation);
                    let slot = CubeSlot::default();
                    cubes.insert(key, (generation, slot.clone()));
                    slot
                }
            }
        };
        let mut cube = slot.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(cube) = cube.as_ref() {
            return Ok(cube.clone());
        }
        let loaded = std::sync::Arc::new(load()?);
        *cube = Some(loaded.clone());
        Ok(loaded)
    }
}

fn load_cube(conn: &mut DbConn, q: &SearchQuery, plan: &KeywordPlan) -> AppResult<Vec<CubeRow>> {
    use diesel::dsl::sql;
    use diesel::sql_types::BigInt;
    // Column names only (from the Duty enum), never input: safe to write as SQL.
    let sum = |col: &str| sql::<BigInt>(&format!("SUM(CASE WHEN {col} THEN 1 ELSE 0 END)"));
    let matching = if q.duties.is_empty() {
        "COUNT(*)".to_string()
    } else {
        let any: Vec<&str> = q.duties.iter().map(|d| duty_column_name(*d)).collect();
        format!("SUM(CASE WHEN ({}) THEN 1 ELSE 0 END)", any.join(" OR "))
    };
    let cube: Vec<CubeRow> = postings::table
        .filter(base_conditions(q, plan))
        .group_by((
            postings::occupation,
            postings::prefecture_code,
            postings::facility_type,
        ))
        .select((
            postings::occupation,
            postings::prefecture_code,
            postings::facility_type,
            sql::<BigInt>(&matching),
            sum(duty_column_name(Duty::GeneralOutpatient)),
            sum(duty_column_name(Duty::ReturneeContactOutpatient)),
            sum(duty_column_name(Duty::HealthCenter)),
            sum(duty_column_name(Duty::MildCaseAccommodation)),
            sum(duty_column_name(Duty::Other)),
        ))
        .load(conn)?;
    Ok(cube)
}

/// Total and facet counts from the cube; each facet ignores its own filter.
fn count_facets(q: &SearchQuery, cube: &[CubeRow]) -> (i64, FacetCounts) {
    let occ_ok = |c: &str| q.occupations.is_empty() || q.occupations.iter().any(|o| o.code() == c);
    let pref_ok = |c: &str| q.prefectures.is_empty() || q.prefectures.iter().any(|p| p.code() == c);
    let type_ok =
        |c: &str| q.facility_types.is_empty() || q.facility_types.iter().any(|f| f.code() == c);
    let mut total = 0;
    let mut occupation = std::collections::BTreeMap::<String, i64>::new();
    let mut prefecture = std::collections::BTreeMap::<String, i64>::new();
    let mut facility_type = std::collections::BTreeMap::<String, i64>::new();
    let mut duty = [0i64; 5];
    let add = |m: &mut std::collections::BTreeMap<String, i64>, code: &str, n: i64| match m
        .get_mut(code)
    {
        Some(v) => *v += n,
        None => {
            m.insert(code.to_string(), n);
        }
    };
    for (occ, pref, ftype, matched, d0, d1, d2, d3, d4) in cube {
        let (o, p, t) = (occ_ok(occ), pref_ok(pref), type_ok(ftype));
        if o && p && t {
            total += matched;
            for (slot, n) in duty.iter_mut().zip([d0, d1, d2, d3, d4]) {
                *slot += n;
            }
        }
        if p && t {
            add(&mut occupation, occ, *matched);
        }
        if o && t {
            add(&mut prefecture, pref, *matched);
        }
        if o && p {
            add(&mut facility_type, ftype, *matched);
        }
    }
    let nonzero = |m: std::collections::BTreeMap<String, i64>| {
        m.into_iter().filter(|(_, n)| *n > 0).collect::<Vec<_>>()
    };
    let facets = FacetCounts {
        occupation: nonzero(occupation),
        prefecture: nonzero(prefecture),
        facility_type: nonzero(facility_type),
        duty: Duty::ALL
            .iter()
            .copied()
            .zip(duty)
            .filter(|(_, n)| *n > 0)
            .collect(),
        rendered: Default::default(),
    };
    (total, facets)
}

#[cfg(test)]
mod tests {
    use super::{walk_is_cheaper, FacetCache};
    use crate::error::ApiError;
    use std::sync::atomic::{AtomicUsize, Ordering};

    #[test]
    fn a_missing_cube_is_computed_once_however_many_searches_want_it() {
        let cache = FacetCache::default();
        let loads = AtomicUsize::new(0);
        let load = || {
            loads.fetch_add(1, Ordering::SeqCst);
            std::thread::sleep(std::time::Duration::from_millis(100));
            Ok(vec![(
                "nurse".into(),
                "13".into(),
                "hospital".into(),
                1,
                1,
                0,
                0,
                0,
                0,
            )])
        };
        let cubes: Vec<_> = std::thread::scope(|s| {
            let handles: Vec<_> = (0..8)
                .map(|_| s.spawn(|| cache.cube_once("k".into(), 7, load).unwrap()))
                .collect();
            handles.into_iter().map(|h| h.join().unwrap()).collect()
        });
        assert_eq!(loads.load(Ordering::SeqCst), 1, "computed more than once");
        assert!(cubes.iter().all(|c| std::sync::Arc::ptr_eq(c, &cubes[0])));
        // Other filters, and the next generation, are computed again.
        cache.cube_once("other".into(), 7, load).unwrap();
        cache.cube_once("k".into(), 8, load).unwrap();
        assert_eq!(loads.load(Ordering::SeqCst), 3);
        // A search whose snapshot is older computes its own and leaves the newer cube.
        cache.cube_once("k".into(), 7, load).unwrap();
        cache.cube_once("k".into(), 8, load).unwrap();
        assert_eq!(loads.load(Ordering::SeqCst), 4);
    }

    #[test]
    fn a_failed_cube_is_computed_again_by_the_next_search() {
        let cache = FacetCache::default();
        let failed = cache.cube_once("k".into(), 1, || {
            Err(ApiError::Internal("database gone".into()))
        });
        assert!(failed.is_err());
        let cube = cache.cube_once("k".into(), 1, || Ok(vec![])).unwrap();
        assert!(cube.is_empty());
    }

    #[test]
    fn dense_keywords_walk_and_rare_ones_use_the_index() {
        // 発熱外来 and 千代田区 at 1,000,000 postings: walk.
        assert!(walk_is_cheaper(27_000, 1_000_000, 20));
        assert!(walk_is_cheaper(9_000, 1_000_000, 20));
        // The same terms at 10,000 postings, and a rare one at a million: the index.
        assert!(!walk_is_cheaper(270, 10_000, 20));
        assert!(!walk_is_cheaper(90, 1_000_000, 20));
        // A deep page of a dense term walks far: the index.
        assert!(!walk_is_cheaper(9_000, 1_000_000, 20_000));
        assert!(!walk_is_cheaper(0, 1_000, 20));
    }
}
