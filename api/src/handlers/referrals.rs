//! Referrals (SPEC 9): a prefecture desk, Hello Work or a nurse centre refers a jobseeker it
//! met in person to a posting in its scope, and follows the thread's stage and result; the
//! jobseeker claims the account from the mail, or declines.

use crate::auth::partner::PartnerCaller;
use crate::db::{partners, threads, DbConn};
use crate::domain::codes::{Decision, OrganisationKind, Stage};
use crate::domain::posting::Errors;
use crate::error::{ApiError, AppResult, ErrorBody};
use crate::extract::ValidJson;
use crate::flows::{self, ReferredPerson};
use crate::i18n::Msg;
use crate::state::AppState;
use crate::views::posting::utc;
use actix_web::{get, http::header, post, web, HttpResponse};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ReferredJobseekerInput {
    #[schema(schema_with = crate::domain::schema::text::<100>)]
    pub name: String,
    /// The account's login ID; the claim (or decline) link goes there.
    #[schema(schema_with = crate::domain::schema::email)]
    pub email: String,
    #[schema(schema_with = crate::domain::schema::optional_phone)]
    pub phone: Option<String>,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ReferralRequest {
    #[schema(minimum = 1)]
    pub posting_id: i64,
    pub jobseeker: ReferredJobseekerInput,
    /// To the facility, as the application's first message.
    #[schema(schema_with = crate::domain::schema::text::<2000>)]
    pub message: String,
}

/// A referral as the referring organisation follows it.
#[derive(Serialize, ToSchema)]
pub struct ReferralView {
    /// The thread (`id` of SPEC 9).
    pub id: i64,
    pub posting_id: i64,
    pub stage: Stage,
    /// `hired` or `not_hired` once decided.
    pub result: Option<Decision>,
    /// The name the organisation entered (`null` once the jobseeker declined or left).
    pub jobseeker_name: Option<String>,
    pub created_at: DateTime<Utc>,
    pub decided_at: Option<DateTime<Utc>>,
}

#[derive(Serialize, ToSchema)]
pub struct ReferralList {
    pub items: Vec<ReferralView>,
}

fn view(c: &mut DbConn, thread_id: i64) -> AppResult<ReferralView> {
    let t = threads::find(c, thread_id)?;
    let js = crate::db::accounts::find_jobseeker(c, t.jobseeker_account_id)?;
    Ok(ReferralView {
        id: t.id,
        posting_id: t.posting_id,
        stage: t.stage(),
        result: t.decision_result.as_deref().and_then(Decision::parse),
        jobseeker_name: js.deleted_at.is_none().then_some(js.name),
        created_at: utc(t.created_at),
        decided_at: t.decided_at.map(utc),
    })
}

/// Refer a jobseeker met in person to a posting in the organisation's scope (prefecture,
/// labour bureau and nurse-centre organisations). The facility sees an application marked
/// with the organisation; the jobseeker gets a mail to claim the account or decline.
/// A posting outside the scope is 404, like one that does not exist.
#[utoipa::path(
    tag = "partner", request_body = ReferralRequest, security(("api_key" = []), ("bearer" = [])),
    responses(
        (status = 201, description = "Referred; the body's `id` is the thread", body = ReferralView),
        (status = 200, description = "This jobseeker already has a thread with the posting", body = ReferralView),
        (status = 400, description = "Not JSON, an unknown field or a wrong type", body = ErrorBody),
        (status = 401, description = "No valid API key", body = ErrorBody),
        (status = 403, description = "Not a prefecture, labour bureau or nurse centre", body = ErrorBody),
        (status = 404, description = "No such posting in the scope", body = ErrorBody),
        (status = 409, description = "The posting is closed; the address already has an account of its own (`jobseeker_has_account`: the person applies themselves)", body = ErrorBody),
        (status = 413, description = "Body too large", body = ErrorBody),
        (status = 422, description = "A field breaks its rule", body = ErrorBody),
        (status = 429, description = "Too many requests with this key", body = ErrorBody),
    )
)]
#[post("/partner/referrals")]
pub async fn create_referral(
    state: web::Data<AppState>,
    partner: PartnerCaller,
    body: ValidJson<ReferralRequest>,
) -> AppResult<HttpResponse> {
    use OrganisationKind as K;
    if !matches!(
        partner.organisation.kind(),
        Some(K::Prefecture | K::LabourBureau | K::NurseCenter)
    ) {
        return Err(ApiError::Forbidden(Msg::new(
            "紹介できるのは都道府県・労働局・ナースセンターです。",
            "Only prefectures, labour bureaus and nurse centres refer jobseekers.",
        )));
    }
    let b = body.0;
    let mut e = Errors::default();
    let name = e.text("jobseeker.name", Some(&b.jobseeker.name), 100);
    let email = e.email("jobseeker.email", Some(&b.jobseeker.email));
    let phone = e.phone("jobseeker.phone", b.jobseeker.phone.as_deref(), false);
    let message = e.text("message", Some(&b.message), 2000);
    let (Some(name), Some(email), Some(message)) = (name, email, message) else {
        return Err(ApiError::Validation(e.0));
    };
    if !e.0.is_empty() {
        return Err(ApiError::Validation(e.0));
    }
    let person = ReferredPerson { name, email, phone };
    let org = partner.organisation.clone();
    let posting_id = b.posting_id;
    let (v, created) = state
        .db
        .write_by(&partner, move |c| {
            let (t, created) = flows::refer(c, &org, posting_id, &person, &message)?;
            Ok((view(c, t.id)?, created))
        })
        .await?;
    let mut res = if created {
        HttpResponse::Created()
    } else {
        HttpResponse::Ok()
    };
    Ok(res
        .insert_header((header::LOCATION, "/api/v1/partner/referrals"))
        .json(v))
}

/// The organisation's referrals with their stage and result, newest first.
#[utoipa::path(
    tag = "partner", security(("api_key" = []), ("bearer" = [])),
    responses(
        (status = 200, body = ReferralList),
        (status = 401, description = "No valid API key", body = ErrorBody),
        (status = 403, description = "Signed in, but not as a partner organisation's user", body = ErrorBody),
        (status = 429, description = "Too many requests with this key", body = ErrorBody),
    )
)]
#[get("/partner/referrals")]
pub async fn list_referrals(
    state: web::Data<AppState>,
    partner: PartnerCaller,
) -> AppResult<web::Json<ReferralList>> {
    let org = partner.organisation.id;
    let items = state
        .db
        .run(move |c| {
            partners::referred_by(c, org)?
                .into_iter()
                .map(|id| view(c, id))
                .collect::<AppResult<Vec<_>>>()
        })
        .await?;
    Ok(web::Json(ReferralList { items }))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DeclineRequest {
    /// The token from the referral mail's link.
    #[schema(schema_with = crate::domain::schema::text::<200>)]
    pub token: String,
}

/// Decline a referral from its mail: the account made for it, and everything entered, is
/// erased (only an account whose password was never set).
#[utoipa::path(
    tag = "threads", request_body = DeclineRequest,
    responses(
        (status = 204, description = "Declined; the data is erased"),
        (status = 400, description = "Not JSON, an unknown field or a wrong type", body = ErrorBody),
        (status = 413, description = "Body too large", body = ErrorBody),
        (status = 422, description = "The link is invalid, expired or already used (`invalid_token`)", body = ErrorBody),
    )
)]
#[post("/referrals/decline")]
pub async fn decline_referral(
    state: web::Data<AppState>,
    body: ValidJson<DeclineRequest>,
) -> AppResult<HttpResponse> {
    let token = body.0.token;
    state
        .db
        .write(move |c| flows::decline_referral(c, token.trim()))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
