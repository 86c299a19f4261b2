//! What a partner's systems call with their API key (SPEC 9): the change feed, the CSV,
//! counts, and their webhook endpoints and deliveries. Every answer is within the caller's
//! scope; reads of full posting data are audited.

use crate::auth::partner::PartnerCaller;
use crate::db::accounts::FacilityRow;
use crate::db::{audit, partners, postings as q};
use crate::error::{ApiError, AppResult, ErrorBody};
use crate::extract::ValidJson;
use crate::i18n::Msg;
use crate::jobs::webhooks::{check_target, NotAllowed};
use crate::partner::{csv_bytes, csv_rows, facilities_of, feed_page};
use crate::state::AppState;
use crate::views::partner::{
    ApiKeyList, ApiKeyView, ChangeItem, ChangesResponse, CountLine, CountsResponse,
    CreatedEndpoint, DeliveryList, DeliveryView, EndpointList, EndpointView, FeedOp,
    OrganisationView, PartnerPostingPage, CSV_HEADER,
};
use crate::views::posting::PartnerPosting;
use actix_web::{delete, get, http::header, post, web, HttpResponse};
use serde::Deserialize;
use std::collections::HashMap;
use utoipa::{IntoParams, ToSchema};

/// The calling organisation and its scope.
#[utoipa::path(
    tag = "partner", security(("api_key" = []), ("bearer" = [])),
    responses(
        (status = 200, body = OrganisationView),
        (status = 401, description = "No valid API key", body = ErrorBody),
        (status = 403, description = "Signed in, but not as a partner organisation's user", body = ErrorBody),
        (status = 429, description = "Too many requests with this key", body = ErrorBody),
    )
)]
#[get("/partner/me")]
pub async fn get_partner_me(partner: PartnerCaller) -> AppResult<web::Json<OrganisationView>> {
    Ok(web::Json(OrganisationView::from(&partner.organisation)))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ChangesParams {
    /// The `next_cursor` of the previous page; absent (or 0) to start from the beginning.
    #[param(minimum = 0)]
    pub after: Option<i64>,
    /// Items per page, 1–1000 (default 200).
    #[param(minimum = 1, maximum = 1000)]
    pub limit: Option<i64>,
}

/// The change feed (full-detail scopes). Start without `after` to get every open posting in
/// scope, then keep asking with `after=next_cursor`: postings that change arrive again as
/// `upsert`, and postings that close or leave the scope as `remove` with the reason.
/// Applying every item in order gives exactly the open postings in scope.
#[utoipa::path(
    tag = "partner", params(ChangesParams), security(("api_key" = []), ("bearer" = [])),
    responses(
        (status = 200, body = ChangesResponse),
        (status = 400, description = "`after` or `limit` is not a number", body = ErrorBody),
        (status = 401, description = "No valid API key", body = ErrorBody),
        (status = 403, description = "A counts-only scope; signed in, but not as a partner organisation's user", body = ErrorBody),
        (status = 422, description = "`limit` out of 1–1000, or `after` negative", body = ErrorBody),
        (status = 429, description = "Too many requests with this key", body = ErrorBody),
    )
)]
#[get("/partner/changes")]
pub async fn list_partner_changes(
    state: web::Data<AppState>,
    partner: PartnerCaller,
    params: web::Query<ChangesParams>,
) -> AppResult<HttpResponse> {
    partner.ensure_full_detail()?;
    let after = params.after.unwrap_or(0);
    let limit = params.limit.unwrap_or(200);
    if after < 0 {
        return Err(out_of_range("after"));
    }
    if !(1..=1000).contains(&limit) {
        return Err(out_of_range("limit"));
    }
    let org = partner.organisation;
    let org_id = org.id;
    // Built on a read connection, so a long page never holds SQLite's write lock; the audit
    // record of what was read is written after. Built and serialised on an export thread
    // (`Db::run_export`), so that the page's many small allocations are freed where they
    // were made.
    let (body, read) = state
        .db
        .run_export(move |c| {
            let page = feed_page(c, &org, after, limit as usize)?;
            let rows: Vec<_> = page.entries.iter().map(|e| &e.row).collect();
            let facilities = facilities_of(c, &rows)?;
            let mut items = vec![];
            let mut read = vec![];
            for e in &page.entries {
                let (op, reason, posting) = match &e.membership {
                    crate::partner::Membership::Upsert => {
                        read.push(e.row.id);
                        let f = &facilities[&e.row.facility_id];
                        (
                            FeedOp::Upsert,
                            None,
                            Some(PartnerPosting::from_row(c, &e.row, f)?),
                        )
                    }
                    crate::partner::Membership::Remove(r) => {
                        (FeedOp::Remove, Some(r.clone()), None)
                    }
                    crate::partner::Membership::Nothing => continue,
                };
                items.push(ChangeItem {
                    cursor: e.cursor,
                    posting_id: e.row.id,
                    op,
                    reason,
                    posting,
                });
            }
            let response = ChangesResponse {
                items,
                next_cursor: page.next,
                has_more: page.more,
            };
            Ok((json_body(&response)?, read))
        })
        .await?;
    audit_read(&state, org_id, "changes", &read).await?;
    Ok(HttpResponse::Ok()
        .content_type(header::ContentType::json())
        .body(body))
}

/// A response body as JSON bytes.
fn json_body(value: &impl serde::Serialize) -> AppResult<Vec<u8>> {
    serde_json::to_vec(value).map_err(|e| ApiError::internal(format!("json: {e}")))
}

fn out_of_range(field: &'static str) -> ApiError {
    ApiError::field(
        field,
        "out_of_range",
        Msg::new("範囲外の値です。", "Out of range."),
    )
}

/// Open postings by occupation × prefecture within the scope (every scope, counts-only too).
#[utoipa::path(
    tag = "partner", security(("api_key" = []), ("bearer" = [])),
    responses(
        (status = 200, body = CountsResponse),
        (status = 401, description = "No valid API key", body = ErrorBody),
        (status = 403, description = "Signed in, but not as a partner organisation's user", body = ErrorBody),
        (status = 429, description = "Too many requests with this key", body = ErrorBody),
    )
)]
#[get("/partner/counts")]
pub async fn list_partner_counts(
    state: web::Data<AppState>,
    partner: PartnerCaller,
) -> AppResult<web::Json<CountsResponse>> {
    let scope = partner.scope();
    let counts = state
        .db
        .run(move |c| {
            let o: Vec<&str> = scope.occupations.iter().map(|o| o.code()).collect();
            let p: Vec<&str> = scope.prefectures.iter().map(|p| p.code()).collect();
            q::open_counts(c, &o, &p)
        })
        .await?;
    Ok(web::Json(CountsResponse {
        generated_at: chrono::Utc::now(),
        counts: counts
            .into_iter()
            .filter_map(|(o, p, n)| {
                Some(CountLine {
                    occupation: crate::domain::codes::Occupation::parse(&o)?,
                    prefecture_code: p,
                    open_postings: n,
                })
            })
            .collect(),
    }))
}

#[derive(Clone, Copy, Debug, Deserialize, ToSchema, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum CsvEncoding {
    /// UTF-8 with a BOM (opens right in current Excel).
    #[serde(rename = "utf-8")]
    Utf8,
    /// Shift_JIS (Windows-31J) for older Excel.
    Cp932,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct CsvParams {
    /// `utf-8` (default, with BOM) or `cp932` (Windows-31J).
    pub encoding: Option<CsvEncoding>,
}

/// Postings per page of the CSV stream: each page is one read and one audit commit, so
/// larger pages spend fewer commits per row; memory stays bounded by one page.
const CSV_PAGE: i64 = 2000;

/// One page of the CSV as read: the open postings in scope after an id, and their facilities.
struct CsvRead {
    rows: Vec<q::PostingRow>,
    facilities: HashMap<i64, FacilityRow>,
}

async fn csv_read(
    state: &AppState,
    org: &partners::OrganisationRow,
    after_id: i64,
) -> AppResult<CsvRead> {
    let scope = org.scope();
    state
        .db
        .run_export(move |c| {
            let o: Vec<&str> = scope.occupations.iter().map(|o| o.code()).collect();
            let p: Vec<&str> = scope.prefectures.iter().map(|p| p.code()).collect();
            let rows = q::open_in(c, &o, &p, after_id, CSV_PAGE)?;
            let facilities = facilities_of(c, &rows.iter().collect::<Vec<_>>())?;
            Ok(CsvRead { rows, facilities })
        })
        .await
}

/// The CSV's pages in order, each as cells passed through `finish` (on the export thread that
/// built them, so that their allocations are freed there), yielded once the organisation's
/// read of it is recorded. While one page is turned into cells the next is already being
/// read (keyset paging knows where it starts as soon as this one is read), so the database's
/// work and ours overlap. At most two pages are in memory.
fn csv_pages<T: Send + 'static>(
    state: web::Data<AppState>,
    org: partners::OrganisationRow,
    finish: fn(Vec<Vec<String>>) -> AppResult<T>,
) -> impl futures_util::Stream<Item = AppResult<T>> {
    let read = {
        let (state, org) = (state.clone(), org.clone());
        move |after: i64| {
            let (state, org) = (state.clone(), org.clone());
            actix_web::rt::spawn(async move { csv_read(&state, &org, after).await })
        }
    };
    futures_util::stream::unfold(Some(read(0)), move |pending| {
        let (state, org, read) = (state.clone(), org.clone(), read.clone());
        async move {
            let page = match pending?.await {
                Ok(Ok(page)) => page,
                Ok(Err(e)) => return Some((Err(e), None)),
                Err(e) => return Some((Err(ApiError::internal(format!("csv read: {e}"))), None)),
            };
            let ids: Vec<i64> = page.rows.iter().map(|r| r.id).collect();
            let &last = ids.last()?;
            let next = read(last);
            let cells = state
                .db
                .run_export(move |c| finish(csv_rows(c, &page.rows, &page.facilities)?))
                .await;
            let out = match cells {
                Ok(cells) => audit_read(&state, org.id, "csv", &ids)
                    .await
                    .map(|()| cells),
                Err(e) => Err(e),
            };
            let more = out.is_ok().then_some(next);
            Some((out, more))
        }
    })
}

/// Records that the organisation read these postings in full (after reading them on a read
/// connection, so that a long read never holds SQLite's write lock).
async fn audit_read(state: &AppState, org_id: i64, channel: &str, ids: &[i64]) -> AppResult<()> {
    if ids.is_empty() {
        return Ok(());
    }
    let detail = format!(
        "{channel}: {}",
        ids.iter()
            .map(|i| i.to_string())
            .collect::<Vec<_>>()
            .join(", ")
    );
    state
        .db
        .write(move |c| audit::record_partner_read(c, org_id, detail))
        .await
}

/// The open postings in scope as CSV for Excel (full-detail scopes): UTF-8 with a BOM, or
/// `encoding=cp932`. Japanese header row, CRLF, ISO dates with the 令和 period beside them;
/// cells that would start a formula begin with `'`. In cp932, characters that Windows-31J
/// cannot hold are written as 〓 and listed in the `Keynet-Unencodable` header (e.g.
/// `U+9AD9 髙 in posting 12`), so nothing is lost without a word.
#[utoipa::path(
    tag = "partner", params(CsvParams), security(("api_key" = []), ("bearer" = [])),
    responses(
        (status = 200, description = "The CSV", content_type = "text/csv", body = String,
            headers(("Keynet-Unencodable" = String, description = "cp932 only: characters written as 〓, percent-encoded"))),
        (status = 400, description = "An unknown `encoding`", body = ErrorBody),
        (status = 401, description = "No valid API key", body = ErrorBody),
        (status = 403, description = "A counts-only scope; signed in, but not as a partner organisation's user", body = ErrorBody),
        (status = 429, description = "Too many requests with this key", body = ErrorBody),
    )
)]
#[get("/partner/postings.csv")]
pub async fn get_partner_postings_csv(
    state: web::Data<AppState>,
    partner: PartnerCaller,
    params: web::Query<CsvParams>,
) -> AppResult<HttpResponse> {
    partner.ensure_full_detail()?;
    let org = partner.organisation;
    let disposition = (
        header::CONTENT_DISPOSITION,
        "attachment; filename=\"keynet-postings.csv\"",
    );
    if params.encoding == Some(CsvEncoding::Cp932) {
        return cp932_csv(state, org).await.map(|(body, unencodable)| {
            let mut res = HttpResponse::Ok();
            res.content_type("text/csv; charset=Shift_JIS")
                .insert_header(disposition);
            if !unencodable.is_empty() {
                res.insert_header(("Keynet-Unencodable", unencodable));
            }
            res.body(body)
        });
    }
    // UTF-8 streams page by page, so memory stays flat however many postings there are.
    let header = {
        let mut b = vec![0xEF, 0xBB, 0xBF];
        b.extend(csv_bytes(&[CSV_HEADER
            .iter()
            .map(|s| s.to_string())
            .collect()])?);
        bytes::Bytes::from(b)
    };
    use futures_util::StreamExt;
    let first = futures_util::stream::once(async move { Ok::<_, ApiError>(header) });
    let rest =
        csv_pages(state, org, |rows| csv_bytes(&rows)).map(|page| page.map(bytes::Bytes::from));
    Ok(HttpResponse::Ok()
        .content_type("text/csv; charset=utf-8")
        .insert_header(disposition)
        .streaming(first.chain(rest)))
}

/// Unicode characters that Windows-31J holds under another code point (JIS X 0208 vs
/// Microsoft's mapping): written as the one Excel shows the same.
fn cp932_equivalent(ch: char) -> char {
    match ch {
        '\u{301C}' => '\u{FF5E}', // 〜 wave dash → fullwidth tilde
        '\u{2016}' => '\u{2225}', // ‖
        '\u{2212}' => '\u{FF0D}', // − minus sign
        '\u{00A2}' => '\u{FFE0}', // ¢
        '\u{00A3}' => '\u{FFE1}', // £
        '\u{00AC}' => '\u{FFE2}', // ¬
        '\u{2014}' => '\u{2015}', // — em dash
        c => c,
    }
}

fn cp932_can_hold(ch: char) -> bool {
    !encoding_rs::SHIFT_JIS.encode(ch.encode_utf8(&mut [0; 4])).2
}

/// The whole CSV in Windows-31J, and the report of what it could not hold.
async fn cp932_csv(
    state: web::Data<AppState>,
    org: partners::OrganisationRow,
) -> AppResult<(Vec<u8>, String)> {
    use futures_util::StreamExt;
    let mut text = String::from_utf8(csv_bytes(&[CSV_HEADER
        .iter()
        .map(|s| s.to_string())
        .collect()])?)
    .map_err(|e| ApiError::internal(format!("csv: {e}")))?;
    let mut report: Vec<String> = vec![];
    let mut pages = std::pin::pin!(csv_pages(state, org, Ok));
    while let Some(rows) = pages.next().await {
        let rows = rows?;
        for r in &rows {
            for ch in r.iter().flat_map(|cell| cell.chars()).map(cp932_equivalent) {
                if !cp932_can_hold(ch) && report.len() < 50 {
                    report.push(format!("U+{:04X} {} in posting {}", ch as u32, ch, r[0]));
                }
            }
        }
        text.push_str(
            &String::from_utf8(csv_bytes(&rows)?)
                .map_err(|e| ApiError::internal(format!("csv: {e}")))?,
        );
    }
    // Replace what cannot be held with 〓 (geta), the customary mark, before encoding.
    let text: String = text
        .chars()
        .map(cp932_equivalent)
        .map(|ch| if cp932_can_hold(ch) { ch } else { '〓' })
        .collect();
    let (bytes, _, _) = encoding_rs::SHIFT_JIS.encode(&text);
    let report = report
        .join("; ")
        .chars()
        .map(|c| {
            if c.is_ascii() && !c.is_ascii_control() {
                c.to_string()
            } else {
                c.encode_utf8(&mut [0; 4])
                    .bytes()
                    .map(|b| format!("%{b:02X}"))
                    .collect()
            }
        })
        .collect();
    Ok((bytes.into_owned(), report))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateWebhookRequest {
    /// Where to send: `https` to a public address.
    #[schema(schema_with = crate::domain::schema::webhook_url)]
    pub url: String,
}

/// Register a webhook endpoint. The answer carries its signing secret, shown this once.
#[utoipa::path(
    tag = "partner", request_body = CreateWebhookRequest, security(("api_key" = []), ("bearer" = [])),
    responses(
        (status = 201, body = CreatedEndpoint),
        (status = 400, description = "Not JSON, an unknown field or a wrong type", body = ErrorBody),
        (status = 401, description = "No valid API key", body = ErrorBody),
        (status = 403, description = "Signed in, but not as a partner organisation's user", body = ErrorBody),
        (status = 413, description = "Body too large", body = ErrorBody),
        (status = 422, description = "`url` is not `https` to a public address (`url_not_allowed`)", body = ErrorBody),
        (status = 429, description = "Too many requests with this key", body = ErrorBody),
    )
)]
#[post("/partner/webhooks")]
pub async fn create_webhook(
    state: web::Data<AppState>,
    partner: PartnerCaller,
    body: ValidJson<CreateWebhookRequest>,
) -> AppResult<HttpResponse> {
    let url = check_target(&body.0.url, state.settings.webhook_allow_private)
        .await
        .map_err(|NotAllowed(why)| {
            ApiError::field(
                "url",
                "url_not_allowed",
                Msg::owned(
                    format!("https で公開されたアドレスのURLを指定してください（{why}）。"),
                    format!("Give an https URL on a public address ({why})."),
                ),
            )
        })?;
    let org_id = partner.organisation.id;
    let e = state
        .db
        .write_by(&partner, move |c| {
            partners::create_endpoint(c, org_id, url.as_str())
        })
        .await?;
    Ok(HttpResponse::Created().json(CreatedEndpoint {
        id: e.id,
        url: e.url,
        secret: e.secret,
    }))
}

/// The organisation's webhook endpoints.
#[utoipa::path(
    tag = "partner", security(("api_key" = []), ("bearer" = [])),
    responses(
        (status = 200, body = EndpointList),
        (status = 401, description = "No valid API key", body = ErrorBody),
        (status = 403, description = "Signed in, but not as a partner organisation's user", body = ErrorBody),
        (status = 429, description = "Too many requests with this key", body = ErrorBody),
    )
)]
#[get("/partner/webhooks")]
pub async fn list_webhooks(
    state: web::Data<AppState>,
    partner: PartnerCaller,
) -> AppResult<web::Json<EndpointList>> {
    let org_id = partner.organisation.id;
    let rows = state
        .db
        .run(move |c| partners::endpoints_of(c, org_id))
        .await?;
    Ok(web::Json(EndpointList {
        items: rows.iter().map(EndpointView::from).collect(),
    }))
}

/// Stop an endpoint (deliveries to it end; its history stays).
#[utoipa::path(
    tag = "partner", params(("id" = i64, Path, minimum = 1)), security(("api_key" = []), ("bearer" = [])),
    responses(
        (status = 204, description = "Stopped"),
        (status = 401, description = "No valid API key", body = ErrorBody),
        (status = 403, description = "Signed in, but not as a partner organisation's user", body = ErrorBody),
        (status = 404, description = "No such endpoint of this organisation", body = ErrorBody),
        (status = 429, description = "Too many requests with this key", body = ErrorBody),
    )
)]
#[delete("/partner/webhooks/{id}")]
pub async fn delete_webhook(
    state: web::Data<AppState>,
    partner: PartnerCaller,
    id: web::Path<i64>,
) -> AppResult<HttpResponse> {
    let (org_id, id) = (partner.organisation.id, id.into_inner());
    state
        .db
        .write_by(&partner, move |c| {
            partners::endpoint_of(c, org_id, id)?;
            partners::disable_endpoint(c, id, "removed")
        })
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// An endpoint's recent deliveries with their status, newest first (100).
#[utoipa::path(
    tag = "partner", params(("id" = i64, Path, minimum = 1)), security(("api_key" = []), ("bearer" = [])),
    responses(
        (status = 200, body = DeliveryList),
        (status = 401, description = "No valid API key", body = ErrorBody),
        (status = 403, description = "Signed in, but not as a partner organisation's user", body = ErrorBody),
        (status = 404, description = "No such endpoint of this organisation", body = ErrorBody),
        (status = 429, description = "Too many requests with this key", body = ErrorBody),
    )
)]
#[get("/partner/webhooks/{id}/deliveries")]
pub async fn list_webhook_deliveries(
    state: web::Data<AppState>,
    partner: PartnerCaller,
    id: web::Path<i64>,
) -> AppResult<web::Json<DeliveryList>> {
    let (org_id, id) = (partner.organisation.id, id.into_inner());
    let rows = state
        .db
        .run(move |c| {
            partners::endpoint_of(c, org_id, id)?;
            partners::deliveries_of(c, id, 100)
        })
        .await?;
    Ok(web::Json(DeliveryList {
        items: rows.iter().map(DeliveryView::from).collect(),
    }))
}

/// Send a delivery again now, with the same `webhook-id`.
#[utoipa::path(
    tag = "partner", params(("id" = i64, Path, minimum = 1)), security(("api_key" = []), ("bearer" = [])),
    responses(
        (status = 202, body = DeliveryView),
        (status = 401, description = "No valid API key", body = ErrorBody),
        (status = 403, description = "Signed in, but not as a partner organisation's user", body = ErrorBody),
        (status = 404, description = "No such delivery of this organisation", body = ErrorBody),
        (status = 409, description = "The endpoint is disabled", body = ErrorBody),
        (status = 429, description = "Too many requests with this key", body = ErrorBody),
    )
)]
#[post("/partner/deliveries/{id}/replay")]
pub async fn replay_delivery(
    state: web::Data<AppState>,
    partner: PartnerCaller,
    id: web::Path<i64>,
) -> AppResult<HttpResponse> {
    let (org_id, id) = (partner.organisation.id, id.into_inner());
    let d = state
        .db
        .write(move |c| partners::replay(c, org_id, id))
        .await?;
    Ok(HttpResponse::Accepted().json(DeliveryView::from(&d)))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PostingPageParams {
    /// The `next_after` of the previous page; absent for the first.
    #[param(minimum = 0)]
    pub after: Option<i64>,
}

/// The open postings in scope, 50 a page by id, with every field (full-detail scopes).
/// For keeping a copy, use the change feed; this is for looking.
#[utoipa::path(
    tag = "partner", params(PostingPageParams), security(("api_key" = []), ("bearer" = [])),
    responses(
        (status = 200, body = PartnerPostingPage),
        (status = 400, description = "`after` is not a number", body = ErrorBody),
        (status = 401, description = "No valid API key", body = ErrorBody),
        (status = 403, description = "A counts-only scope; signed in, but not as a partner organisation's user", body = ErrorBody),
        (status = 422, description = "`after` negative", body = ErrorBody),
        (status = 429, description = "Too many requests with this key", body = ErrorBody),
    )
)]
#[get("/partner/postings")]
pub async fn list_partner_postings(
    state: web::Data<AppState>,
    partner: PartnerCaller,
    params: web::Query<PostingPageParams>,
) -> AppResult<web::Json<PartnerPostingPage>> {
    let scope = partner.ensure_full_detail()?;
    let after = params.after.unwrap_or(0);
    if after < 0 {
        return Err(out_of_range("after"));
    }
    let org_id = partner.organisation.id;
    let (items, ids) = state
        .db
        .run(move |c| {
            let o: Vec<&str> = scope.occupations.iter().map(|o| o.code()).collect();
            let p: Vec<&str> = scope.prefectures.iter().map(|p| p.code()).collect();
            let rows = q::open_in(c, &o, &p, after, 51)?;
            let refs: Vec<_> = rows.iter().take(50).collect();
            let facilities = facilities_of(c, &refs)?;
            let mut items = vec![];
            for r in rows.iter().take(50) {
                items.push(PartnerPosting::from_row(c, r, &facilities[&r.facility_id])?);
            }
            let ids: Vec<i64> = rows.iter().take(50).map(|r| r.id).collect();
            Ok(((items, rows.len() > 50), ids))
        })
        .await?;
    audit_read(&state, org_id, "postings", &ids).await?;
    let (items, more) = items;
    Ok(web::Json(PartnerPostingPage {
        next_after: if more { ids.last().copied() } else { None },
        items,
    }))
}

/// The organisation's API keys (their first characters; keys are shown only when issued).
#[utoipa::path(
    tag = "partner", security(("api_key" = []), ("bearer" = [])),
    responses(
        (status = 200, body = ApiKeyList),
        (status = 401, description = "No valid API key", body = ErrorBody),
        (status = 403, description = "Signed in, but not as a partner organisation's user", body = ErrorBody),
        (status = 429, description = "Too many requests with this key", body = ErrorBody),
    )
)]
#[get("/partner/api-keys")]
pub async fn list_partner_api_keys(
    state: web::Data<AppState>,
    partner: PartnerCaller,
) -> AppResult<web::Json<ApiKeyList>> {
    let org_id = partner.organisation.id;
    let rows = state.db.run(move |c| partners::keys_of(c, org_id)).await?;
    Ok(web::Json(ApiKeyList {
        items: rows.iter().map(ApiKeyView::from).collect(),
    }))
}
