//! Shortage dashboards: admins see the nation, a partner organisation its scope (a
//! prefecture, its prefecture). The figures come from the change log ([`crate::shortages`]).

use crate::auth::partner::PartnerCaller;
use crate::auth::AuthUser;
use crate::clock::today_in_japan;
use crate::domain::codes::{Occupation, StatsPeriod};
use crate::domain::partner::Scope;
use crate::domain::prefecture::Prefecture;
use crate::error::{ApiError, AppResult, ErrorBody};
use crate::i18n::Msg;
use crate::shortages::{self, Selection, Tally, MAX_PERIODS};
use crate::state::AppState;
use actix_web::{get, web};
use chrono::{Duration, NaiveDate};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ShortageParams {
    /// First day, Japan time (default: 29 days before `to`).
    pub from: Option<NaiveDate>,
    /// Last day, Japan time, included (default: today).
    pub to: Option<NaiveDate>,
    /// How days are grouped (default `day`); at most 366 periods.
    #[param(inline, value_type = Option<StatsPeriod>)]
    pub period: Option<String>,
    #[param(inline, value_type = Option<Occupation>)]
    pub occupation: Option<String>,
    /// JIS X 0401 code (`13`).
    #[param(pattern = "^(0[1-9]|[1-3][0-9]|4[0-7])$")]
    pub prefecture: Option<String>,
}

/// The figures of a period or a group.
#[derive(Serialize, ToSchema)]
pub struct Measures {
    /// Open postings at the end (of the period, or of the last day).
    pub open: i64,
    /// Postings published.
    pub new: i64,
    /// Postings closed as filled.
    pub fills: i64,
    /// Facilities' first replies to a jobseeker's first contact.
    pub first_responses: i64,
    /// Median hours from a jobseeker's first contact to the facility's first reply, over
    /// those replies; `null` when there were none.
    pub median_first_response_hours: Option<f64>,
}

impl From<&Tally> for Measures {
    fn from(t: &Tally) -> Measures {
        Measures {
            open: t.open,
            new: t.new,
            fills: t.fills,
            first_responses: t.response_hours.len() as i64,
            median_first_response_hours: t.median_response_hours(),
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct PeriodMeasures {
    pub start: NaiveDate,
    /// Last day, included.
    pub end: NaiveDate,
    #[serde(flatten)]
    pub measures: Measures,
}

#[derive(Serialize, ToSchema)]
pub struct PrefectureMeasures {
    #[schema(schema_with = crate::domain::schema::required_prefecture_code)]
    pub prefecture_code: String,
    #[serde(flatten)]
    pub measures: Measures,
}

#[derive(Serialize, ToSchema)]
pub struct OccupationMeasures {
    #[schema(value_type = Occupation)]
    pub occupation: String,
    #[serde(flatten)]
    pub measures: Measures,
}

#[derive(Serialize, ToSchema)]
pub struct CellMeasures {
    #[schema(value_type = Occupation)]
    pub occupation: String,
    #[schema(schema_with = crate::domain::schema::required_prefecture_code)]
    pub prefecture_code: String,
    #[serde(flatten)]
    pub measures: Measures,
}

/// Open postings, new postings, fills and time to a first reply, over time and by
/// occupation × prefecture.
#[derive(Serialize, ToSchema)]
pub struct ShortageReport {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub period: StatsPeriod,
    /// The occupation the report is narrowed to, if any.
    pub occupation: Option<Occupation>,
    /// The prefecture the report is narrowed to, if any.
    #[schema(schema_with = crate::domain::schema::optional_prefecture_code)]
    pub prefecture: Option<String>,
    /// One entry per period, in order.
    pub series: Vec<PeriodMeasures>,
    /// The whole range (open: at the end of `to`).
    pub total: Measures,
    pub by_prefecture: Vec<PrefectureMeasures>,
    pub by_occupation: Vec<OccupationMeasures>,
    /// Every occupation × prefecture with something to show.
    pub cells: Vec<CellMeasures>,
}

fn unknown(field: &str) -> ApiError {
    ApiError::field(
        field,
        "unknown_code",
        Msg::new("選択肢にない値です。", "Not one of the allowed values."),
    )
}

impl ShortageParams {
    fn selection(self, scope: Option<Scope>) -> AppResult<Selection> {
        let to = self.to.unwrap_or_else(today_in_japan);
        let from = self
            .from
            .unwrap_or(to.checked_sub_signed(Duration::days(29)).unwrap_or(to));
        let period = match self.period.as_deref() {
            Some(p) => StatsPeriod::parse(p).ok_or_else(|| unknown("period"))?,
            None => StatsPeriod::Day,
        };
        let occupation = match self.occupation.as_deref() {
            Some(o) => Some(
                Occupation::parse(o)
                    .ok_or_else(|| unknown("occupation"))?
                    .code()
                    .to_string(),
            ),
            None => None,
        };
        let prefecture = match self.prefecture.as_deref() {
            Some(p) => Some(
                Prefecture::parse(p)
                    .ok_or_else(|| unknown("prefecture"))?
                    .code()
                    .to_string(),
            ),
            None => None,
        };
        if to < from {
            return Err(ApiError::field(
                "to",
                "end_before_start",
                Msg::new(
                    "開始日より後の日付を指定してください。",
                    "Must not be before the first day.",
                ),
            ));
        }
        let sel = Selection {
            from,
            to,
            period,
            occupation,
            prefecture,
            scope,
        };
        if sel.periods().len() > MAX_PERIODS {
            return Err(ApiError::field(
                "from",
                "too_many_periods",
                Msg::new(
                    "期間が長すぎます。366区切り以内になるよう、期間を短くするか週別・月別にしてください。",
                    "Too long: shorten the range or group by week or month (at most 366 periods).",
                ),
            ));
        }
        Ok(sel)
    }
}

async fn report(state: &AppState, sel: Selection) -> AppResult<ShortageReport> {
    state
        .db
        .run(move |c| {
            let r = shortages::compute(c, &sel)?;
            Ok(ShortageReport {
                from: sel.from,
                to: sel.to,
                period: sel.period,
                occupation: sel.occupation.as_deref().and_then(Occupation::parse),
                prefecture: sel.prefecture.clone(),
                series: r
                    .series
                    .iter()
                    .map(|(start, end, t)| PeriodMeasures {
                        start: *start,
                        end: *end,
                        measures: t.into(),
                    })
                    .collect(),
                total: (&r.total()).into(),
                by_prefecture: r
                    .by(1)
                    .iter()
                    .map(|(p, t)| PrefectureMeasures {
                        prefecture_code: p.clone(),
                        measures: t.into(),
                    })
                    .collect(),
                by_occupation: r
                    .by(0)
                    .iter()
                    .map(|(o, t)| OccupationMeasures {
                        occupation: o.clone(),
                        measures: t.into(),
                    })
                    .collect(),
                cells: r
                    .cells
                    .iter()
                    .map(|((o, p), t)| CellMeasures {
                        occupation: o.clone(),
                        prefecture_code: p.clone(),
                        measures: t.into(),
                    })
                    .collect(),
            })
        })
        .await
}

/// The nation's shortages, for admins.
#[utoipa::path(
    tag = "admin", params(ShortageParams), security(("bearer" = [])),
    responses(
        (status = 200, body = ShortageReport),
        (status = 400, description = "A parameter of the wrong type (a date not `YYYY-MM-DD`)", body = ErrorBody),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not an admin", body = ErrorBody),
        (status = 422, description = "An unknown code; `to` before `from`; more than 366 periods", body = ErrorBody),
    )
)]
#[get("/admin/shortages")]
pub async fn get_admin_shortages(
    state: web::Data<AppState>,
    user: AuthUser,
    params: web::Query<ShortageParams>,
) -> AppResult<web::Json<ShortageReport>> {
    user.ensure_admin()?;
    let sel = params.into_inner().selection(None)?;
    Ok(web::Json(report(&state, sel).await?))
}

/// The shortages within the organisation's scope (a prefecture: its prefecture). Counts
/// only: this never names a posting or a facility.
#[utoipa::path(
    tag = "partner", params(ShortageParams), security(("api_key" = []), ("bearer" = [])),
    responses(
        (status = 200, body = ShortageReport),
        (status = 400, description = "A parameter of the wrong type (a date not `YYYY-MM-DD`)", body = ErrorBody),
        (status = 401, description = "No valid API key", body = ErrorBody),
        (status = 403, description = "Signed in, but not as a partner organisation's user", body = ErrorBody),
        (status = 422, description = "An unknown code; `to` before `from`; more than 366 periods", body = ErrorBody),
        (status = 429, description = "Too many requests with this key", body = ErrorBody),
    )
)]
#[get("/partner/shortages")]
pub async fn get_partner_shortages(
    state: web::Data<AppState>,
    partner: PartnerCaller,
    params: web::Query<ShortageParams>,
) -> AppResult<web::Json<ShortageReport>> {
    let sel = params.into_inner().selection(Some(partner.scope()))?;
    Ok(web::Json(report(&state, sel).await?))
}
