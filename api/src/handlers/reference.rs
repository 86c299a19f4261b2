//! Reference data: occupations, prefectures, facility types, duties, wage units,
//! insurance and listing codes, each with Japanese and English labels.

use crate::domain::codes::{Duty, FacilityType, Insurance, Occupation, OtherListing, WageUnit};
use crate::domain::prefecture::Prefecture;
use crate::views::reference::{CodeLabel, CodeList, PrefectureList, PrefectureRef};
use actix_web::{get, web::Json};

macro_rules! code_list {
    ($t:ty) => {
        Json(CodeList {
            items: <$t>::ALL
                .iter()
                .map(|c| CodeLabel::new(c.code(), c.label()))
                .collect(),
        })
    };
}

/// The 11 occupations (募集職種).
#[utoipa::path(tag = "reference", responses((status = 200, body = CodeList)))]
#[get("/reference/occupations")]
pub async fn list_occupations() -> Json<CodeList> {
    code_list!(Occupation)
}

/// The 47 prefectures with JIS codes and regions.
#[utoipa::path(tag = "reference", responses((status = 200, body = PrefectureList)))]
#[get("/reference/prefectures")]
pub async fn list_prefectures() -> Json<PrefectureList> {
    Json(PrefectureList {
        items: Prefecture::all()
            .map(|p| {
                let l = p.label();
                let r = p.region();
                PrefectureRef {
                    code: p.code(),
                    name_ja: l.ja,
                    name_en: l.en,
                    region: CodeLabel::new(r.code(), r.label()),
                }
            })
            .collect(),
    })
}

/// Facility types (施設類型).
#[utoipa::path(tag = "reference", responses((status = 200, body = CodeList)))]
#[get("/reference/facility-types")]
pub async fn list_facility_types() -> Json<CodeList> {
    code_list!(FacilityType)
}

/// Duties (業務内容).
#[utoipa::path(tag = "reference", responses((status = 200, body = CodeList)))]
#[get("/reference/duties")]
pub async fn list_duties() -> Json<CodeList> {
    code_list!(Duty)
}

/// Wage units (日給・月給・時給).
#[utoipa::path(tag = "reference", responses((status = 200, body = CodeList)))]
#[get("/reference/wage-units")]
pub async fn list_wage_units() -> Json<CodeList> {
    code_list!(WageUnit)
}

/// Insurance kinds (加入保険).
#[utoipa::path(tag = "reference", responses((status = 200, body = CodeList)))]
#[get("/reference/insurance")]
pub async fn list_insurance() -> Json<CodeList> {
    code_list!(Insurance)
}

/// Where a posting may already be listed (求人登録).
#[utoipa::path(tag = "reference", responses((status = 200, body = CodeList)))]
#[get("/reference/other-listings")]
pub async fn list_other_listings() -> Json<CodeList> {
    code_list!(OtherListing)
}

#[derive(serde::Serialize, utoipa::ToSchema)]
pub struct TrainingItemRef {
    pub code: &'static str,
    pub name_ja: &'static str,
    pub name_en: &'static str,
    /// Infection control (lecture, practice) and medical safety (lecture) are required.
    pub required: bool,
}

#[derive(serde::Serialize, utoipa::ToSchema)]
pub struct TrainingItemList {
    pub items: Vec<TrainingItemRef>,
}

#[derive(serde::Serialize, utoipa::ToSchema)]
pub struct TrainingMaterialList {
    pub items: Vec<crate::domain::training::Material>,
}

/// Training items a hire completes (別添1 (7)).
#[utoipa::path(tag = "reference", responses((status = 200, body = TrainingItemList)))]
#[get("/reference/training-items")]
pub async fn list_training_items() -> Json<TrainingItemList> {
    use crate::domain::codes::TrainingItem;
    Json(TrainingItemList {
        items: TrainingItem::ALL
            .iter()
            .map(|i| TrainingItemRef {
                code: i.code(),
                name_ja: i.label().ja,
                name_en: i.label().en,
                required: i.required(),
            })
            .collect(),
    })
}

/// The training materials the notice recommends.
#[utoipa::path(tag = "reference", responses((status = 200, body = TrainingMaterialList)))]
#[get("/reference/training-materials")]
pub async fn list_training_materials() -> Json<TrainingMaterialList> {
    Json(TrainingMaterialList {
        items: crate::domain::training::MATERIALS.to_vec(),
    })
}
