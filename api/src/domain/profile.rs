//! A jobseeker's profile: the request as sent ([`ProfileInput`]) and the validated
//! [`Profile`] it parses into, with every field error at once.

use super::codes::Occupation;
use super::posting::Errors;
use super::schema;
use crate::error::FieldError;
use crate::i18n::Msg;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LicenceInput {
    #[schema(value_type = Occupation)]
    pub occupation: String,
    #[schema(schema_with = schema::optional_text::<30>)]
    pub licence_number: Option<String>,
    /// The year the licence was obtained: 1950 to this year (a later year: 422 `out_of_range`).
    #[schema(minimum = 1950, maximum = 2100)]
    pub licence_year: Option<i32>,
}

/// The editable profile; absent optional fields are cleared.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ProfileInput {
    #[schema(schema_with = schema::text::<100>, required = true)]
    pub name: Option<String>,
    #[schema(schema_with = schema::optional_text::<100>)]
    pub name_kana: Option<String>,
    #[schema(schema_with = schema::optional_phone)]
    pub phone: Option<String>,
    #[schema(schema_with = schema::optional_prefecture_code)]
    pub prefecture_code: Option<String>,
    #[schema(schema_with = schema::optional_text::<500>)]
    pub availability: Option<String>,
    #[schema(schema_with = schema::optional_text::<2000>)]
    pub experience: Option<String>,
    #[schema(minimum = 0, maximum = 60)]
    pub years_away: Option<i32>,
    #[serde(default)]
    #[schema(max_items = 20)]
    pub licences: Vec<LicenceInput>,
}

/// A licence, validated.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct Licence {
    pub occupation: Occupation,
    pub licence_number: Option<String>,
    pub licence_year: Option<i32>,
}

/// A profile that breaks no rule: what is stored, and what the jobseeker, the facilities
/// they contacted and admins see (inside [`crate::views::thread::JobseekerProfile`]).
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct Profile {
    /// 氏名.
    pub name: String,
    /// ふりがな.
    pub name_kana: Option<String>,
    pub phone: Option<String>,
    pub prefecture_code: Option<String>,
    /// When they can work (free text, e.g. 「平日日中、12月から」).
    pub availability: Option<String>,
    pub experience: Option<String>,
    /// Years away from clinical practice.
    pub years_away: Option<i32>,
    pub licences: Vec<Licence>,
}

impl TryFrom<&ProfileInput> for Profile {
    type Error = Vec<FieldError>;

    fn try_from(p: &ProfileInput) -> Result<Profile, Vec<FieldError>> {
        let mut e = Errors::default();
        let name = e.text("name", p.name.as_deref(), 100);
        let name_kana = e.optional_text("name_kana", p.name_kana.as_deref(), 100);
        let phone = e.phone("phone", p.phone.as_deref(), false);
        let prefecture_code = match p
            .prefecture_code
            .as_deref()
            .filter(|v| !v.trim().is_empty())
        {
            None => None,
            Some(v) => e
                .prefecture("prefecture_code", Some(v))
                .map(|p| p.code().to_string()),
        };
        let availability = e.optional_text("availability", p.availability.as_deref(), 500);
        let experience = e.optional_text("experience", p.experience.as_deref(), 2000);
        if p.years_away.is_some_and(|y| !(0..=60).contains(&y)) {
            e.push(
                "years_away",
                "out_of_range",
                Msg::new("0〜60年で入力してください。", "Between 0 and 60 years."),
            );
        }
        let licences = licences(&mut e, &p.licences);
        match name {
            Some(name) if e.0.is_empty() => Ok(Profile {
                name,
                name_kana,
                phone,
                prefecture_code,
                availability,
                experience,
                years_away: p.years_away,
                licences,
            }),
            _ => Err(e.0),
        }
    }
}

fn licences(e: &mut Errors, input: &[LicenceInput]) -> Vec<Licence> {
    let this_year = chrono::Datelike::year(&chrono::Utc::now());
    if input.len() > 20 {
        e.push(
            "licences",
            "too_many",
            Msg::new("資格は20件までです。", "At most 20 licences."),
        );
    }
    let mut out = vec![];
    for (i, l) in input.iter().enumerate().take(20) {
        let occupation = Occupation::parse(l.occupation.trim());
        if occupation.is_none() {
            e.unknown_code(&format!("licences[{i}].occupation"));
        }
        let number = e.optional_text(
            &format!("licences[{i}].licence_number"),
            l.licence_number.as_deref(),
            30,
        );
        if l.licence_year
            .is_some_and(|y| !(1950..=this_year).contains(&y))
        {
            e.push(
                format!("licences[{i}].licence_year"),
                "out_of_range",
                Msg::new("取得年が正しくありません。", "Not a valid year."),
            );
        }
        if let Some(occupation) = occupation {
            out.push(Licence {
                occupation,
                licence_number: number,
                licence_year: l.licence_year,
            });
        }
    }
    out
}
