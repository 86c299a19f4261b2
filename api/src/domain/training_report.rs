//! A training report (SPEC 4, step 6): the request as sent and the validated
//! [`TrainingReport`] it parses into, with every field error at once.

use super::codes::TrainingItem;
use super::posting::Errors;
use super::schema;
use super::text::parse_date;
use super::training::TrainingMaterialCode;
use crate::error::FieldError;
use crate::i18n::Msg;
use chrono::NaiveDate;
use serde::Deserialize;
use utoipa::ToSchema;

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TrainingReportRequest {
    /// `YYYY-MM-DD`, not in the future (422 `in_the_future`); 令和 dates are read too.
    #[schema(schema_with = schema::any_date)]
    pub completed_on: String,
    /// Must include the three required items (422 `required_items_missing`); repeated items
    /// count once.
    #[schema(value_type = Vec<TrainingItem>)]
    pub items: Vec<String>,
    /// What `other` was (required with it, 422 `required`).
    #[schema(schema_with = schema::optional_text::<500>)]
    pub other_items: Option<String>,
    /// Hours in all, e.g. 2.5.
    #[schema(minimum = 0.5, maximum = 200.0)]
    pub hours: f64,
    /// Codes from `GET /api/v1/reference/training-materials`.
    #[serde(default)]
    #[schema(value_type = Vec<TrainingMaterialCode>)]
    pub materials: Vec<String>,
}

/// A report that breaks no rule: the required items are in, the date is not in the future.
#[derive(Clone, Debug)]
pub struct TrainingReport {
    pub completed_on: NaiveDate,
    pub items: Vec<TrainingItem>,
    pub other_items: Option<String>,
    pub hours_tenths: i32,
    pub materials: Vec<String>,
}

impl TrainingReport {
    /// Parses `b` as of `today` (Japan).
    pub fn parse(b: &TrainingReportRequest, today: NaiveDate) -> Result<Self, Vec<FieldError>> {
        let mut e = Errors::default();
        let completed_on = parse_date(&b.completed_on);
        match completed_on {
            None => e.push(
                "completed_on",
                "invalid_date",
                Msg::new("日付の形式が正しくありません。", "Not a valid date."),
            ),
            Some(d) if d > today => e.push(
                "completed_on",
                "in_the_future",
                Msg::new(
                    "未来の日付は指定できません。",
                    "This date is in the future.",
                ),
            ),
            _ => {}
        }
        let mut items = vec![];
        for (i, code) in b.items.iter().enumerate() {
            match TrainingItem::parse(code.trim()) {
                Some(item) if !items.contains(&item) => items.push(item),
                Some(_) => {}
                None => e.unknown_code(&format!("items[{i}]")),
            }
        }
        if TrainingItem::ALL
            .iter()
            .filter(|i| i.required())
            .any(|r| !items.contains(r))
        {
            e.push("items", "required_items_missing", Msg::new(
                "感染管理の講義・実技実習と医療安全の講義は必須です。",
                "Infection control (lecture and practice) and medical safety (lecture) are required.",
            ));
        }
        let other_items = e.optional_text("other_items", b.other_items.as_deref(), 500);
        if items.contains(&TrainingItem::Other) && other_items.is_none() {
            e.push(
                "other_items",
                "required",
                Msg::new(
                    "「その他」の内容を入力してください。",
                    "Describe the other items.",
                ),
            );
        }
        if !(b.hours.is_finite() && (0.5..=200.0).contains(&b.hours)) {
            e.push(
                "hours",
                "out_of_range",
                Msg::new(
                    "0.5〜200時間で入力してください。",
                    "Between 0.5 and 200 hours.",
                ),
            );
        }
        let mut materials = vec![];
        for (i, code) in b.materials.iter().enumerate() {
            match super::training::find(code.trim()) {
                Some(m) if !materials.contains(&m.code.to_string()) => {
                    materials.push(m.code.to_string())
                }
                Some(_) => {}
                None => e.unknown_code(&format!("materials[{i}]")),
            }
        }
        match completed_on {
            Some(completed_on) if e.0.is_empty() => Ok(TrainingReport {
                completed_on,
                items,
                other_items,
                hours_tenths: (b.hours * 10.0).round() as i32,
                materials,
            }),
            _ => Err(e.0),
        }
    }
}
