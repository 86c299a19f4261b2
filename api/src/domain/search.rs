//! The search query of `GET /api/v1/postings`, parsed from the query string.
//! List parameters may repeat (`occupation=nurse&occupation=midwife`) or be comma-separated.

use super::codes::{Duty, FacilityType, Occupation, WageUnit};
use super::posting::Errors;
use super::prefecture::Prefecture;
use super::text::{fold_search, fold_width, parse_date};
use crate::error::FieldError;
use crate::i18n::Msg;
use chrono::NaiveDate;
use serde::Deserialize;
use utoipa::{IntoParams, ToSchema};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Sort {
    /// Newest first (default).
    #[default]
    Newest,
    /// Highest wage first (compare within one `wage_unit`).
    WageDesc,
    WageAsc,
    /// Earliest start of employment first.
    StartDate,
    /// Nearest municipality first (with `near`; otherwise newest first).
    Distance,
}

/// Query parameters of the search; documented here, parsed by [`SearchQuery::parse`].
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)]
pub struct SearchParams {
    /// Keywords (all must match, the first 10 count) over the public text of a posting.
    #[param(max_length = 200)]
    q: Option<String>,
    /// Occupation codes; repeatable.
    occupation: Option<Vec<Occupation>>,
    /// Prefecture JIS codes `01`–`47`; repeatable.
    #[param(inline, value_type = Option<Vec<PrefectureCode>>)]
    prefecture: Option<Vec<String>>,
    /// Municipality, exactly as listed (e.g. `千代田区`).
    #[param(max_length = 50)]
    municipality: Option<String>,
    /// Near a municipality (e.g. `府中市`, `東京都府中市`, `大阪市北区`): only postings whose
    /// municipality lies within `radius_km` of it. A name several prefectures share needs its
    /// prefecture, in front or as the only `prefecture` (422 `ambiguous_place`); a name the
    /// service's table of municipalities does not know is 422 `unknown_place`. Distances are
    /// between municipalities, never addresses.
    #[param(max_length = 60)]
    near: Option<String>,
    /// Radius around `near` in km, 1–100 (default 30).
    #[param(minimum = 1, maximum = 100)]
    radius_km: Option<i64>,
    /// Facility types; repeatable.
    facility_type: Option<Vec<FacilityType>>,
    /// Duties; repeatable; a posting matches when it has any of them.
    duty: Option<Vec<Duty>>,
    /// Postings whose employment period has not ended by this date (`YYYY-MM-DD`; 令和 is
    /// read too).
    #[param(value_type = Option<chrono::NaiveDate>)]
    available_from: Option<String>,
    /// Postings whose employment period starts on or before this date; not before
    /// `available_from` (422 `end_before_start`).
    #[param(value_type = Option<chrono::NaiveDate>)]
    available_to: Option<String>,
    wage_unit: Option<WageUnit>,
    /// Minimum gross wage in yen; needs `wage_unit` (422 `required` on `wage_unit`).
    #[param(minimum = 0, maximum = 10_000_000)]
    wage_min: Option<i64>,
    sort: Option<Sort>,
    /// 1-based page number.
    #[param(minimum = 1, maximum = 100_000)]
    page: Option<i64>,
    /// Items per page, 1–100 (default 20).
    #[param(minimum = 1, maximum = 100)]
    per_page: Option<i64>,
}

/// A JIS X 0401 prefecture code, `01`–`47`.
#[derive(utoipa::ToSchema)]
#[schema(pattern = "^(0[1-9]|[1-3][0-9]|4[0-7])$", example = "13")]
#[allow(dead_code)]
pub struct PrefectureCode(String);

/// The parameters that take a list of codes.
const LISTS: [&str; 4] = ["occupation", "prefecture", "facility_type", "duty"];

#[derive(Clone, Debug, Default)]
pub struct SearchQuery {
    pub near: Option<Near>,
    pub keywords: Vec<String>,
    pub occupations: Vec<Occupation>,
    pub prefectures: Vec<Prefecture>,
    pub municipality: Option<String>,
    pub facility_types: Vec<FacilityType>,
    pub duties: Vec<Duty>,
    pub available_from: Option<NaiveDate>,
    pub available_to: Option<NaiveDate>,
    pub wage_unit: Option<WageUnit>,
    pub wage_min: Option<i64>,
    pub sort: Sort,
    pub page: i64,
    pub per_page: i64,
}

/// A search around a municipality: where, how far, and the municipalities in reach.
#[derive(Clone, Debug)]
pub struct Near {
    pub origin: &'static crate::geo::Place,
    pub radius_km: i64,
    /// Nearest first, with their distance in km.
    pub places: Vec<(&'static crate::geo::Place, f64)>,
}

impl SearchQuery {
    pub fn offset(&self) -> i64 {
        (self.page - 1) * self.per_page
    }

    pub fn parse(query_string: &str) -> Result<SearchQuery, Vec<FieldError>> {
        let mut e = Errors::default();
        let mut q = SearchQuery {
            page: 1,
            per_page: 20,
            ..Default::default()
        };
        let (mut near, mut radius_km) = (None::<String>, None::<i64>);
        let pairs: Vec<(String, String)> = url::form_urlencoded::parse(query_string.as_bytes())
            .into_owned()
            .collect();
        let list = |v: &str| -> Vec<String> {
            v.split(',')
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty())
                .collect()
        };
        fn push_code<T: PartialEq>(
            e: &mut Errors,
            out: &mut Vec<T>,
            field: &str,
            v: &str,
            parse: impl Fn(&str) -> Option<T>,
        ) {
            match parse(v) {
                Some(c) if !out.contains(&c) => out.push(c),
                Some(_) => {}
                None => e.unknown_code(field),
            }
        }
        let number = |e: &mut Errors, field: &str, v: &str, min: i64, max: i64| -> Option<i64> {
            match fold_width(v).parse::<i64>() {
                Ok(n) if (min..=max).contains(&n) => Some(n),
                _ => {
                    e.push(
                        field,
                        "out_of_range",
                        Msg::owned(
                            format!("{min}〜{max}の整数で指定してください。"),
                            format!("Must be a whole number from {min} to {max}."),
                        ),
                    );
                    None
                }
            }
        };
        for (key, value) in &pairs {
            let raw_len = value.chars().count();
            let value = value.trim();
            // An empty keyword or municipality is no filter; any other parameter left empty
            // is not one of its values (the spec types it), and is refused like them.
            if value.is_empty() && matches!(key.as_str(), "q" | "municipality" | "near") {
                continue;
            }
            if value.is_empty() && LISTS.contains(&key.as_str()) {
                e.unknown_code(key);
                continue;
            }
            match key.as_str() {
                "q" => {
                    if raw_len > 200 {
                        e.push(
                            "q",
                            "too_long",
                            Msg::new(
                                "キーワードは200文字以内で指定してください。",
                                "Keywords are limited to 200 characters.",
                            ),
                        );
                    } else {
                        q.keywords.extend(
                            fold_search(value)
                                .split_whitespace()
                                .take(10)
                                .map(str::to_string),
                        );
                    }
                }
                "occupation" => {
                    for v in list(value) {
                        push_code(
                            &mut e,
                            &mut q.occupations,
                            "occupation",
                            &v,
                            Occupation::parse,
                        )
                    }
                }
                "prefecture" => {
                    for v in list(value) {
                        push_code(
                            &mut e,
                            &mut q.prefectures,
                            "prefecture",
                            &fold_width(&v),
                            Prefecture::parse,
                        )
                    }
                }
                "facility_type" => {
                    for v in list(value) {
                        push_code(
                            &mut e,
                            &mut q.facility_types,
                            "facility_type",
                            &v,
                            FacilityType::parse,
                        )
                    }
                }
                "duty" => {
                    for v in list(value) {
                        push_code(&mut e, &mut q.duties, "duty", &v, Duty::parse)
                    }
                }
                "near" => near = e.optional_text("near", Some(value), 60),
                "radius_km" => radius_km = number(&mut e, "radius_km", value, 1, 100),
                "municipality" => {
                    q.municipality = e
                        .optional_text("municipality", Some(value), 50)
                        .map(|m| crate::domain::text::fold_width(&m))
                }
                "available_from" | "available_to" => {
                    let d = parse_date(value);
                    if d.is_none() {
                        e.push(
                            key.clone(),
                            "invalid_date",
                            Msg::new(
                                "日付の形式が正しくありません（例: 2026-12-01）。",
                                "Not a valid date (e.g. 2026-12-01).",
                            ),
                        );
                    }
                    if key == "available_from" {
                        q.available_from = d
                    } else {
                        q.available_to = d
                    }
                }
                "wage_unit" => {
                    q.wage_unit = WageUnit::parse(value);
                    if q.wage_unit.is_none() {
                        e.unknown_code("wage_unit");
                    }
                }
                "wage_min" => q.wage_min = number(&mut e, "wage_min", value, 0, 10_000_000),
                "sort" => match serde_json::from_value::<Sort>(serde_json::Value::String(
                    value.to_string(),
                )) {
                    Ok(s) => q.sort = s,
                    Err(_) => e.unknown_code("sort"),
                },
                "page" => q.page = number(&mut e, "page", value, 1, 100_000).unwrap_or(1),
                "per_page" => q.per_page = number(&mut e, "per_page", value, 1, 100).unwrap_or(20),
                other => e.push(
                    other.to_string(),
                    "unknown_parameter",
                    Msg::new("不明なパラメータです。", "Unknown parameter."),
                ),
            }
        }
        if let Some(text) = near {
            let radius_km = radius_km.unwrap_or(30);
            match crate::geo::find(&text, &q.prefectures) {
                Ok(origin) => {
                    q.near = Some(Near {
                        origin,
                        radius_km,
                        places: crate::geo::within(origin, radius_km as f64),
                    })
                }
                Err(crate::geo::NotFound::Unknown) => e.push(
                    "near",
                    "unknown_place",
                    Msg::new(
                        "市区町村が見つかりません。「府中市」や「東京都府中市」のように入力してください。",
                        "No such municipality; type it like 府中市 or 東京都府中市.",
                    ),
                ),
                Err(crate::geo::NotFound::Ambiguous(options)) => e.push(
                    "near",
                    "ambiguous_place",
                    Msg::owned(
                        format!(
                            "同じ名前の市区町村が複数あります。都道府県名から入力してください（{}）。",
                            options.join("、")
                        ),
                        format!(
                            "More than one municipality has this name; put its prefecture first ({}).",
                            options.join(", ")
                        ),
                    ),
                ),
            }
        }
        if q.wage_min.is_some() && q.wage_unit.is_none() {
            e.push(
                "wage_unit",
                "required",
                Msg::new(
                    "最低給与を指定するときは給与の単位も指定してください。",
                    "Give wage_unit together with wage_min.",
                ),
            );
        }
        if let (Some(f), Some(t)) = (q.available_from, q.available_to) {
            if t < f {
                e.push(
                    "available_to",
                    "end_before_start",
                    Msg::new(
                        "終了日は開始日以降にしてください。",
                        "The end must not be before the start.",
                    ),
                );
            }
        }
        e.into_result(|| q)
    }
}
