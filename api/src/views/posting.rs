//! Posting views: [`PublicPosting`] for anyone, [`JobseekerPosting`] for a signed-in
//! jobseeker, [`FullPosting`] for the owning facility and admins, [`PartnerPosting`] for
//! partners with a full-detail scope. All are built from one stored row here, and only here.

use crate::db::accounts::FacilityRow;
use crate::db::postings::{PostingCore, PostingRow};
use crate::db::DbConn;
use crate::disclosure::{disclose, Audience};
use crate::domain::codes::{CloseReason, Duty, FacilityType, Occupation, PostingStatus};
use crate::domain::posting::{Contact, EmploymentPeriod, PublicDetails};
use crate::domain::prefecture::Prefecture;
use crate::error::{ApiError, AppResult};
use crate::i18n::Lang;
use chrono::{DateTime, NaiveDateTime, Utc};

/// An audience that always sees the withheld fields got them.
fn opened(identity: Option<PostingIdentity>) -> AppResult<PostingIdentity> {
    identity.ok_or_else(|| ApiError::internal("disclosure refused to a manager"))
}

/// Stored times are UTC; they leave the API with their offset.
pub fn utc(t: NaiveDateTime) -> DateTime<Utc> {
    DateTime::from_naive_utc_and_offset(t, Utc)
}
use serde::Serialize;
use serde_json::value::RawValue;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use utoipa::ToSchema;

/// Where the work is, without the street address (always public).
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct PublicWorkplace {
    pub facility_type: FacilityType,
    /// JIS X 0401 code.
    pub prefecture_code: String,
    pub prefecture_name: String,
    pub municipality: String,
}

/// The identifying fields that masking withholds (SPEC 3).
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct PostingIdentity {
    /// 医療機関名.
    pub facility_name: String,
    pub postal_code: String,
    /// 町名・番地.
    pub street_address: String,
    /// 具体的な施設名.
    pub workplace_name: String,
    /// ⑫ 担当者連絡先.
    pub contact: Contact,
}

/// The public fields of a posting, shared by every view.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct PostingCommon {
    pub id: i64,
    pub status: PostingStatus,
    pub close_reason: Option<CloseReason>,
    pub occupation: Occupation,
    pub workplace: PublicWorkplace,
    pub employment_period: EmploymentPeriod,
    #[serde(flatten)]
    pub details: PublicDetails,
    pub published_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl PostingCommon {
    fn from_row(row: &PostingRow) -> AppResult<PostingCommon> {
        let prefecture = Prefecture::parse(&row.prefecture_code)
            .ok_or_else(|| ApiError::internal(format!("posting {}: prefecture", row.id)))?;
        Ok(PostingCommon {
            id: row.id,
            status: row.status(),
            close_reason: row.close_reason.as_deref().and_then(CloseReason::parse),
            occupation: Occupation::parse(&row.occupation)
                .ok_or_else(|| ApiError::internal(format!("posting {}: occupation", row.id)))?,
            workplace: PublicWorkplace {
                facility_type: FacilityType::parse(&row.facility_type).ok_or_else(|| {
                    ApiError::internal(format!("posting {}: facility type", row.id))
                })?,
                prefecture_code: prefecture.code().to_string(),
                prefecture_name: prefecture.label().ja.to_string(),
                municipality: row.municipality.clone(),
            },
            employment_period: EmploymentPeriod {
                start: row.start_date,
                end: row.end_date,
            },
            details: row.details()?,
            published_at: utc(row.created_at),
            updated_at: utc(row.updated_at),
        })
    }
}

/// Which view a posting response is; the discriminator of [`PostingView`].
#[derive(Clone, Copy, Debug, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum PublicView {
    Public,
}

#[derive(Clone, Copy, Debug, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum JobseekerView {
    Jobseeker,
}

#[derive(Clone, Copy, Debug, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum FullView {
    Full,
}

/// What anyone sees. For a masked posting `identity` is absent, not empty.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct PublicPosting {
    pub view: PublicView,
    #[serde(flatten)]
    pub common: PostingCommon,
    /// True when the facility asked for masking: name, detailed address and contact are
    /// disclosed only to jobseekers who inquire or apply.
    pub masked: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub identity: Option<PostingIdentity>,
}

impl PublicPosting {
    pub fn from_row(conn: &mut DbConn, row: &PostingRow) -> AppResult<PublicPosting> {
        PublicPosting::with_common(conn, row, PostingCommon::from_row(row)?)
    }

    /// With the common part already read from `row` (its document decoded once).
    fn with_common(
        conn: &mut DbConn,
        row: &PostingRow,
        common: PostingCommon,
    ) -> AppResult<PublicPosting> {
        Ok(PublicPosting {
            view: PublicView::Public,
            common,
            masked: row.mask_requested,
            identity: disclose(conn, row, Audience::Public)?,
        })
    }
}

/// What a signed-in jobseeker sees: the identity of a masked posting appears once they
/// have inquired or applied (`disclosed`).
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct JobseekerPosting {
    pub view: JobseekerView,
    #[serde(flatten)]
    pub common: PostingCommon,
    pub masked: bool,
    /// True when a masked posting is shown in full because this jobseeker contacted it.
    pub disclosed: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub identity: Option<PostingIdentity>,
}

impl JobseekerPosting {
    pub fn from_row(
        conn: &mut DbConn,
        row: &PostingRow,
        account_id: i64,
        contacted: bool,
    ) -> AppResult<JobseekerPosting> {
        let identity = disclose(
            conn,
            row,
            Audience::Jobseeker {
                account_id,
                contacted,
            },
        )?;
        Ok(JobseekerPosting {
            view: JobseekerView::Jobseeker,
            common: PostingCommon::from_row(row)?,
            masked: row.mask_requested && identity.is_none(),
            disclosed: row.mask_requested && identity.is_some(),
            identity,
        })
    }
}

/// The facility behind a posting (never shown publicly).
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct PostingFacility {
    pub id: i64,
    /// G-MIS ID.
    pub gmis_id: String,
    pub name: String,
    pub prefecture_code: String,
}

impl From<&FacilityRow> for PostingFacility {
    fn from(f: &FacilityRow) -> Self {
        PostingFacility {
            id: f.id,
            gmis_id: f.gmis_id.clone(),
            name: f.name.clone(),
            prefecture_code: f.prefecture_code.clone(),
        }
    }
}

/// What the owning facility and admins see: everything, with the version to edit against.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct FullPosting {
    pub view: FullView,
    #[serde(flatten)]
    pub common: PostingCommon,
    pub mask_requested: bool,
    pub identity: PostingIdentity,
    pub facility: PostingFacility,
    /// Send this back with an edit; a stale one gets 409.
    pub version: i32,
    pub closed_at: Option<DateTime<Utc>>,
}

impl FullPosting {
    /// For the owning facility or an admin: the caller has checked `manages_facility`.
    pub fn from_row(
        conn: &mut DbConn,
        row: &PostingRow,
        facility: &FacilityRow,
    ) -> AppResult<FullPosting> {
        Ok(FullPosting {
            view: FullView::Full,
            common: PostingCommon::from_row(row)?,
            mask_requested: row.mask_requested,
            identity: opened(disclose(conn, row, Audience::Manager)?)?,
            facility: facility.into(),
            version: row.version,
            closed_at: row.closed_at.map(utc),
        })
    }
}

/// What a partner with a full-detail scope receives: the full data for its own placement
/// work, and the form it may republish (masked when the facility asked).
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct PartnerPosting {
    #[serde(flatten)]
    pub common: PostingCommon,
    pub mask_requested: bool,
    pub identity: PostingIdentity,
    pub facility_gmis_id: String,
    /// The form to use for anything published.
    pub republishable: PublicPosting,
}

/// What a full-detail partner receives without the republishable form: what the CSV
/// holds.
pub struct PartnerRecord {
    pub common: PostingCommon,
    pub mask_requested: bool,
    pub identity: PostingIdentity,
    pub facility_gmis_id: String,
}

impl PartnerRecord {
    /// For a partner whose full-detail scope covers the posting (checked by the caller).
    pub fn from_row(
        conn: &mut DbConn,
        row: &PostingRow,
        facility: &FacilityRow,
    ) -> AppResult<PartnerRecord> {
        Ok(PartnerRecord {
            common: PostingCommon::from_row(row)?,
            mask_requested: row.mask_requested,
            identity: opened(disclose(conn, row, Audience::Partner)?)?,
            facility_gmis_id: facility.gmis_id.clone(),
        })
    }
}

impl PartnerPosting {
    /// For a partner whose full-detail scope covers the posting (checked by the caller).
    pub fn from_row(
        conn: &mut DbConn,
        row: &PostingRow,
        facility: &FacilityRow,
    ) -> AppResult<PartnerPosting> {
        let r = PartnerRecord::from_row(conn, row, facility)?;
        Ok(PartnerPosting {
            republishable: PublicPosting::with_common(conn, row, r.common.clone())?,
            common: r.common,
            mask_requested: r.mask_requested,
            identity: r.identity,
            facility_gmis_id: r.facility_gmis_id,
        })
    }
}

/// One posting, in the view the caller may see (discriminated by `view`).
#[derive(Clone, Debug, Serialize, ToSchema)]
#[serde(untagged)]
pub enum PostingView {
    Public(PublicPosting),
    Jobseeker(JobseekerPosting),
    Full(FullPosting),
}

/// A search facet value and how many postings have it.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct FacetCount {
    pub code: String,
    pub label: String,
    pub count: i64,
}

#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct Facets {
    pub occupation: Vec<FacetCount>,
    pub prefecture: Vec<FacetCount>,
    pub facility_type: Vec<FacetCount>,
    pub duty: Vec<FacetCount>,
}

impl Facets {
    /// The facets of `f` in `lang` as JSON: rendered once per counts and language.
    pub fn rendered(f: &crate::db::postings::FacetCounts, lang: Lang) -> AppResult<Arc<RawValue>> {
        let slot = &f.rendered[match lang {
            Lang::Ja => 0,
            Lang::En => 1,
        }];
        if let Some(json) = slot.get() {
            return Ok(json.clone());
        }
        let json: Arc<RawValue> = serde_json::value::to_raw_value(&Facets::from_counts(f, lang))
            .map_err(|e| ApiError::internal(format!("facets: {e}")))?
            .into();
        Ok(slot.get_or_init(|| json).clone())
    }

    /// The counts of a search, labelled in the caller's language and ordered by code.
    fn from_counts(f: &crate::db::postings::FacetCounts, lang: Lang) -> Facets {
        Facets {
            occupation: facet_counts(&f.occupation, Occupation::parse, Occupation::label, lang),
            prefecture: facet_counts(&f.prefecture, Prefecture::parse, Prefecture::label, lang),
            facility_type: facet_counts(
                &f.facility_type,
                FacilityType::parse,
                FacilityType::label,
                lang,
            ),
            duty: facet_counts(
                &f.duty
                    .iter()
                    .map(|(d, n)| (d.code().to_string(), *n))
                    .collect::<Vec<_>>(),
                Duty::parse,
                Duty::label,
                lang,
            ),
        }
    }
}

fn facet_counts<T: Copy>(
    counts: &[(String, i64)],
    parse: fn(&str) -> Option<T>,
    label: fn(T) -> crate::i18n::Label,
    lang: Lang,
) -> Vec<FacetCount> {
    let mut out: Vec<FacetCount> = counts
        .iter()
        .filter_map(|(code, count)| {
            let l = label(parse(code)?);
            Some(FacetCount {
                label: if lang == Lang::En { l.en } else { l.ja }.to_string(),
                code: code.clone(),
                count: *count,
            })
        })
        .collect();
    out.sort_by(|a, b| a.code.cmp(&b.code));
    out
}

#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct FavouriteList {
    /// The postings the jobseeker saved, the newest saved first (closed ones too, marked by
    /// `status`).
    #[schema(value_type = Vec<PostingView>)]
    pub items: Vec<PostingJson>,
}

/// A posting as a response carries it: a view built for this caller, or the public view
/// already rendered from an identical row ([`RenderedPublicViews`]); the same JSON either way.
#[derive(Clone, Debug)]
pub enum PostingJson {
    View(Box<PostingView>),
    Rendered(Arc<RawValue>),
}

impl Serialize for PostingJson {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            PostingJson::View(v) => v.serialize(s),
            PostingJson::Rendered(raw) => raw.serialize(s),
        }
    }
}

/// Public views rendered as JSON, each kept with the core of the row it was made from and
/// reused only for an equal core: the public view is a function of the row alone (no caller,
/// no other table), and every write of a posting's document changes its core's `version` in
/// the same transaction, so an equal core means an equal row, and a reused view is exactly
/// what rendering again would give, whichever server changed the posting. Spares public
/// searches reading the page's documents, and searches and detail reads parsing two
/// documents and serialising every item again. Bounded; an arbitrary eighth is dropped when
/// full.
#[derive(Default)]
pub struct RenderedPublicViews {
    entries: Mutex<HashMap<i64, (PostingCore, Arc<RawValue>)>>,
}

const RENDERED_PUBLIC_VIEWS: usize = 2048;

impl RenderedPublicViews {
    /// The public view rendered from a row with this core, if one is kept.
    pub fn known(&self, core: &PostingCore) -> Option<Arc<RawValue>> {
        let entries = self.entries.lock().ok()?;
        let (seen, json) = entries.get(&core.id)?;
        (seen == core).then(|| json.clone())
    }

    /// The public view of `row` as JSON.
    pub fn of(&self, conn: &mut DbConn, row: &PostingRow) -> AppResult<Arc<RawValue>> {
        if let Some(json) = self.known(&row.core) {
            return Ok(json);
        }
        let view = PostingView::Public(PublicPosting::from_row(conn, row)?);
        let json: Arc<RawValue> = serde_json::value::to_raw_value(&view)
            .map_err(|e| ApiError::internal(format!("posting {}: {e}", row.id)))?
            .into();
        if let Ok(mut entries) = self.entries.lock() {
            if entries.len() >= RENDERED_PUBLIC_VIEWS {
                let drop: Vec<i64> = entries
                    .keys()
                    .take(RENDERED_PUBLIC_VIEWS / 8)
                    .copied()
                    .collect();
                for id in drop {
                    entries.remove(&id);
                }
            }
            entries.insert(row.id, (row.core.clone(), json.clone()));
        }
        Ok(json)
    }
}

#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct SearchResponse {
    #[schema(value_type = Vec<PostingView>)]
    pub items: Vec<PostingJson>,
    /// Matching open postings in all pages.
    pub total: i64,
    pub page: i64,
    pub per_page: i64,
    /// Counts per value; each facet ignores its own filter, so alternatives stay visible.
    #[schema(value_type = Facets)]
    pub facets: Arc<RawValue>,
    /// With `near`: the place searched around, and how far each posting on this page is.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub near: Option<NearResult>,
}

/// Where a `near` search was centred, and the distances of the page's postings.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct NearResult {
    /// The municipality searched around, as understood (e.g. `東京都府中市`).
    pub origin: String,
    pub radius_km: i64,
    /// Kilometres from `origin` to each posting's municipality (whole km; between
    /// municipalities, never addresses), by posting ID.
    pub distances: Vec<PostingDistance>,
}

#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct PostingDistance {
    pub id: i64,
    pub km: i64,
}

/// A facility's own postings.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct OwnPostingsResponse {
    pub items: Vec<FullPosting>,
    /// Per posting with any: its inquiries and applications (an inquiry that became an
    /// application counts as an application), and how many are unread.
    pub thread_counts: Vec<PostingThreadCounts>,
}

#[derive(Clone, Debug, Default, Serialize, ToSchema)]
pub struct PostingThreadCounts {
    pub posting_id: i64,
    pub inquiries: i64,
    pub applications: i64,
    pub unread: i64,
}

/// One change of a posting.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct HistoryEntry {
    /// `created`, `updated` or `closed`.
    pub action: String,
    pub account_id: Option<i64>,
    /// For `updated`: `{field: {from, to}}`; for `closed`: `{reason}`.
    #[schema(value_type = Object)]
    pub changes: serde_json::Value,
    pub at: DateTime<Utc>,
}

#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct HistoryResponse {
    pub items: Vec<HistoryEntry>,
}
