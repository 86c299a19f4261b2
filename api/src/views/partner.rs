//! What partners and the admins who manage them see: organisations, keys, webhook
//! endpoints and deliveries, the change feed, counts and the CSV.

use super::posting::{utc, PartnerPosting, PartnerRecord};
use crate::db::partners::{ApiKeyRow, DeliveryRow, EndpointRow, OrganisationRow};
use crate::domain::codes::{Occupation, OrganisationKind};
use crate::domain::partner::ScopeView;
use chrono::{DateTime, Utc};
use serde::Serialize;
use utoipa::ToSchema;

#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct OrganisationView {
    pub id: i64,
    pub name: String,
    pub kind: OrganisationKind,
    pub email: String,
    pub prefecture_code: Option<String>,
    pub scope: ScopeView,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl From<&OrganisationRow> for OrganisationView {
    fn from(o: &OrganisationRow) -> OrganisationView {
        OrganisationView {
            id: o.id,
            name: o.name.clone(),
            kind: o.kind().unwrap_or(OrganisationKind::Recruiter),
            email: o.email.clone(),
            prefecture_code: o.prefecture_code.clone(),
            scope: o.scope().view(),
            created_at: utc(o.created_at),
            updated_at: utc(o.updated_at),
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct OrganisationList {
    pub items: Vec<OrganisationView>,
}

/// A key as listed: never the key itself, only its first characters.
#[derive(Serialize, ToSchema)]
pub struct ApiKeyView {
    pub id: i64,
    /// The first characters of the key, to tell keys apart.
    pub prefix: String,
    pub created_at: DateTime<Utc>,
    pub revoked_at: Option<DateTime<Utc>>,
    pub last_used_at: Option<DateTime<Utc>>,
}

impl From<&ApiKeyRow> for ApiKeyView {
    fn from(k: &ApiKeyRow) -> ApiKeyView {
        ApiKeyView {
            id: k.id,
            prefix: k.key_prefix.clone(),
            created_at: utc(k.created_at),
            revoked_at: k.revoked_at.map(utc),
            last_used_at: k.last_used_at.map(utc),
        }
    }
}

/// A new key, shown this once.
#[derive(Serialize, ToSchema)]
pub struct IssuedApiKey {
    pub id: i64,
    /// Send as `Authorization: Bearer <key>`. It is not shown again.
    pub key: String,
    pub prefix: String,
}

#[derive(Serialize, ToSchema)]
pub struct EndpointView {
    pub id: i64,
    pub url: String,
    pub created_at: DateTime<Utc>,
    pub disabled_at: Option<DateTime<Utc>>,
    pub disabled_reason: Option<String>,
    pub consecutive_failures: i32,
}

impl From<&EndpointRow> for EndpointView {
    fn from(e: &EndpointRow) -> EndpointView {
        EndpointView {
            id: e.id,
            url: e.url.clone(),
            created_at: utc(e.created_at),
            disabled_at: e.disabled_at.map(utc),
            disabled_reason: e.disabled_reason.clone(),
            consecutive_failures: e.consecutive_failures,
        }
    }
}

/// A new endpoint with its signing secret, shown this once.
#[derive(Serialize, ToSchema)]
pub struct CreatedEndpoint {
    pub id: i64,
    pub url: String,
    /// `whsec_…`: verify `webhook-signature` with it (Standard Webhooks v1).
    pub secret: String,
}

/// An organisation as its admins see it: with keys and endpoints.
#[derive(Serialize, ToSchema)]
pub struct OrganisationDetail {
    #[serde(flatten)]
    pub organisation: OrganisationView,
    pub api_keys: Vec<ApiKeyView>,
    pub webhooks: Vec<EndpointView>,
    pub users: Vec<MemberView>,
}

/// A partner organisation's user.
#[derive(Serialize, ToSchema)]
pub struct MemberView {
    pub account_id: i64,
    pub email: String,
    /// The password is set (the activation link was used).
    pub activated: bool,
}

impl From<(i64, String, bool)> for MemberView {
    fn from((account_id, email, activated): (i64, String, bool)) -> MemberView {
        MemberView {
            account_id,
            email,
            activated,
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct ApiKeyList {
    pub items: Vec<ApiKeyView>,
}

/// A page of the open postings in scope, every field.
#[derive(Serialize, ToSchema)]
pub struct PartnerPostingPage {
    pub items: Vec<PartnerPosting>,
    /// Pass as `after` for the next page; `null` on the last.
    pub next_after: Option<i64>,
}

#[derive(Serialize, ToSchema)]
pub struct EndpointList {
    pub items: Vec<EndpointView>,
}

#[derive(Serialize, ToSchema)]
pub struct DeliveryView {
    pub id: i64,
    pub endpoint_id: i64,
    /// The `webhook-id` header: the same on every attempt and replay.
    pub message_id: String,
    pub event_type: String,
    /// `pending`, `delivered` or `failed` (gave up after the retry schedule).
    pub status: String,
    pub attempts: i32,
    pub next_attempt_at: Option<DateTime<Utc>>,
    pub last_status_code: Option<i32>,
    /// The start of the last error (at most 300 characters).
    pub last_error: Option<String>,
    pub created_at: DateTime<Utc>,
    pub delivered_at: Option<DateTime<Utc>>,
}

impl From<&DeliveryRow> for DeliveryView {
    fn from(d: &DeliveryRow) -> DeliveryView {
        DeliveryView {
            id: d.id,
            endpoint_id: d.endpoint_id,
            message_id: d.message_id.clone(),
            event_type: d.event_type.clone(),
            status: d.status.clone(),
            attempts: d.attempts,
            next_attempt_at: (d.status == crate::db::partners::PENDING)
                .then(|| utc(d.next_attempt_at)),
            last_status_code: d.last_status_code,
            last_error: d.last_error.clone(),
            created_at: utc(d.created_at),
            delivered_at: d.delivered_at.map(utc),
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct DeliveryList {
    pub items: Vec<DeliveryView>,
}

#[derive(Clone, Copy, Debug, Serialize, ToSchema, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum FeedOp {
    Upsert,
    Remove,
}

/// One change of the partner's view.
#[derive(Serialize, ToSchema)]
pub struct ChangeItem {
    /// The change log's sequence number of this change; pass the last one as `after`.
    pub cursor: i64,
    pub posting_id: i64,
    pub op: FeedOp,
    /// For `remove`: `filled`, `withdrawn`, `expired`, `suspended` or `out_of_scope`.
    pub reason: Option<String>,
    /// For `upsert`: the posting with every field (withheld ones included) and its public,
    /// masked form (`republishable`) for anything published.
    pub posting: Option<PartnerPosting>,
}

#[derive(Serialize, ToSchema)]
pub struct ChangesResponse {
    pub items: Vec<ChangeItem>,
    /// Where to continue (`after`). Keep it: the next sync starts here.
    pub next_cursor: i64,
    /// More changes follow right away; ask again with `after=next_cursor`.
    pub has_more: bool,
}

#[derive(Serialize, ToSchema)]
pub struct CountLine {
    pub occupation: Occupation,
    pub prefecture_code: String,
    pub open_postings: i64,
}

#[derive(Serialize, ToSchema)]
pub struct CountsResponse {
    pub generated_at: DateTime<Utc>,
    pub counts: Vec<CountLine>,
}

/// The CSV header (Japanese, as offices expect) and the cells of one posting.
pub const CSV_HEADER: [&str; 27] = [
    "求人ID",
    "職種",
    "施設類型",
    "都道府県コード",
    "都道府県",
    "市区町村",
    "医療機関名",
    "医療機関ID",
    "郵便番号",
    "町名・番地",
    "勤務先名",
    "雇用開始日",
    "雇用終了日",
    "雇用期間（和暦）",
    "試用期間（週）",
    "業務内容",
    "賃金区分",
    "賃金（円）",
    "始業",
    "終業",
    "休憩（分）",
    "休日",
    "担当者",
    "電話番号",
    "メールアドレス",
    "公開時非公表",
    "登録日",
];

/// A cell a spreadsheet would run as a formula gets a leading `'` (OWASP CSV injection).
pub fn neutralise(cell: &str) -> String {
    neutralised(cell.to_string())
}

/// [`neutralise`] of an owned cell, which is returned as it is when it needs nothing.
fn neutralised(mut cell: String) -> String {
    if matches!(
        cell.as_bytes().first(),
        Some(b'=' | b'+' | b'-' | b'@' | b'\t' | b'\r')
    ) {
        cell.insert(0, '\'');
    }
    cell
}

/// The cells of one posting, in [`CSV_HEADER`] order, neutralised.
pub fn csv_cells(p: PartnerRecord) -> Vec<String> {
    let PartnerRecord {
        common: c,
        mask_requested,
        identity: i,
        facility_gmis_id,
    } = p;
    let (d, w, period) = (c.details, c.workplace, c.employment_period);
    let wareki = crate::domain::text::reiwa;
    let cells = vec![
        c.id.to_string(),
        c.occupation.label().ja.to_string(),
        w.facility_type.label().ja.to_string(),
        w.prefecture_code,
        w.prefecture_name,
        w.municipality,
        i.facility_name,
        facility_gmis_id,
        i.postal_code,
        i.street_address,
        i.workplace_name,
        period.start.to_string(),
        period.end.to_string(),
        format!("{}〜{}", wareki(period.start), wareki(period.end)),
        d.probation_weeks.map(|w| w.to_string()).unwrap_or_default(),
        d.duties
            .codes
            .iter()
            .map(|x| x.label().ja)
            .collect::<Vec<_>>()
            .join("・"),
        d.wage.unit.label().ja.to_string(),
        d.wage.amount_yen.to_string(),
        d.hours.start,
        d.hours.end,
        d.hours.break_minutes.to_string(),
        d.hours.holidays,
        i.contact.person_name,
        i.contact.phone,
        i.contact.email,
        if mask_requested {
            "はい"
        } else {
            "いいえ"
        }
        .to_string(),
        c.published_at.date_naive().to_string(),
    ];
    cells.into_iter().map(neutralised).collect()
}

/// A reception desk (窓口), as anyone sees it.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct DeskView {
    pub id: i64,
    pub prefecture_code: String,
    pub prefecture_name: String,
    pub name: String,
    pub address: String,
    pub phone: String,
    pub hours: String,
    pub url: Option<String>,
    pub updated_at: DateTime<Utc>,
}

impl From<&crate::db::desks::DeskRow> for DeskView {
    fn from(d: &crate::db::desks::DeskRow) -> DeskView {
        DeskView {
            id: d.id,
            prefecture_code: d.prefecture_code.clone(),
            prefecture_name: crate::domain::prefecture::Prefecture::parse(&d.prefecture_code)
                .map(|p| p.label().ja.to_string())
                .unwrap_or_default(),
            name: d.name.clone(),
            address: d.address.clone(),
            phone: d.phone.clone(),
            hours: d.hours.clone(),
            url: d.url.clone(),
            updated_at: utc(d.updated_at),
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct DeskList {
    pub items: Vec<DeskView>,
}
