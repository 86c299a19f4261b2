//! The posting form ①–⑬: the request body as sent, its validation into [`PostingForm`], and
//! the two JSON documents a posting is stored as (public details and maskable fields).

use super::codes::{Duty, FacilityType, Insurance, Occupation, OtherListing, WageUnit};
use super::prefecture::Prefecture;
use super::schema;
use super::text::{
    fold_search, fold_width, parse_date, parse_phone, parse_postal_code, parse_time,
};
use crate::error::FieldError;
use crate::i18n::Msg;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use validator::ValidateEmail;

// ---- The request body, as sent. Every field is optional here so that all missing fields
// ---- are reported at once; `PostingForm::parse` decides what is required.

/// Declares a request body made of the posting form plus `$extra` fields. The form's fields
/// are written once here, so that `PostingInput` (what the handlers parse) and the documented
/// request bodies (`CreatePostingRequest`, `UpdatePostingRequest`) cannot drift apart, and
/// each body is one complete schema (no `allOf` whose parts forbid each other's fields).
macro_rules! posting_form {
    ($(#[$m:meta])* $name:ident { $($(#[$fm:meta])* $f:ident : $t:ty,)* }) => {
        $(#[$m])*
        #[derive(Debug, Default, Deserialize, ToSchema)]
        #[serde(deny_unknown_fields)]
        pub struct $name {
            /// ② exactly one occupation.
            #[schema(value_type = Occupation, required = true)]
            pub occupation: Option<String>,
            /// ① publish with the facility name, detailed address and contact withheld.
            #[serde(default)]
            pub mask_requested: bool,
            /// ③
            #[schema(value_type = WorkplaceInput, required = true)]
            pub workplace: Option<WorkplaceInput>,
            /// ④ `end` must not be before `start` (422 `end_before_start`).
            #[schema(value_type = PeriodInput, required = true)]
            pub employment_period: Option<PeriodInput>,
            /// ⑤ probation length in weeks; `null` when there is no probation.
            #[schema(minimum = 1, maximum = 52)]
            pub probation_weeks: Option<i64>,
            /// ⑥ at least one duty.
            #[schema(value_type = DutiesInput, required = true)]
            pub duties: Option<CodesInput>,
            /// ⑦
            #[schema(value_type = WageInput, required = true)]
            pub wage: Option<WageInput>,
            /// ⑧ `end` must differ from `start` (422 `same_as_start`).
            #[schema(value_type = HoursInput, required = true)]
            pub hours: Option<HoursInput>,
            /// ⑨
            #[schema(value_type = Option<InsuranceInput>)]
            pub insurance: Option<CodesInput>,
            /// ⑩ no smoking anywhere on the premises.
            #[serde(default)]
            pub no_smoking_on_premises: bool,
            /// ⑪ supplementary notes.
            #[schema(schema_with = schema::optional_text::<2000>)]
            pub notes: Option<String>,
            /// ⑫
            #[schema(value_type = ContactInput, required = true)]
            pub contact: Option<ContactInput>,
            /// ⑬ where the posting is already listed.
            #[schema(value_type = Option<OtherListingsInput>)]
            pub other_listings: Option<CodesInput>,
            $($(#[$fm])* pub $f: $t,)*
        }
    };
}
pub(crate) use posting_form;

posting_form! {
    /// A posting as the facility fills in the form. Unknown fields are rejected.
    PostingInput {}
}

#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct WorkplaceInput {
    /// 7 digits; `100-0001` and full-width digits are accepted.
    #[schema(schema_with = schema::postal_code, required = true)]
    pub postal_code: Option<String>,
    #[schema(value_type = FacilityType, required = true)]
    pub facility_type: Option<String>,
    /// JIS X 0401 code, `"01"`–`"47"`.
    #[schema(schema_with = schema::required_prefecture_code, required = true)]
    pub prefecture_code: Option<String>,
    #[schema(schema_with = schema::text::<50>, required = true)]
    pub municipality: Option<String>,
    /// 町名・番地.
    #[schema(schema_with = schema::text::<200>, required = true)]
    pub street_address: Option<String>,
    /// The specific facility or building (具体的な施設名).
    #[schema(schema_with = schema::optional_text::<100>)]
    pub facility_name: Option<String>,
}

#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PeriodInput {
    /// `YYYY-MM-DD` in 2020–2100; `令和8年12月1日` and `R8.12.1` are read too.
    #[schema(schema_with = schema::date, required = true)]
    pub start: Option<String>,
    /// Not before `start`.
    #[schema(schema_with = schema::date, required = true)]
    pub end: Option<String>,
}

/// A set of codes, with free text when `other` is among them.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CodesInput {
    #[serde(default)]
    pub codes: Vec<String>,
    pub other_detail: Option<String>,
}

/// Documents [`CodesInput`] for one code list: `other_detail` (1–200 characters) is required
/// when `other` is chosen and refused otherwise (422 `required` / `other_not_selected`);
/// repeated codes count once.
macro_rules! codes_schema {
    ($(#[$m:meta])* $name:ident, $code:ty, $min:tt, $required:tt) => {
        $(#[$m])*
        #[derive(Deserialize, ToSchema)]
        #[serde(deny_unknown_fields)]
        #[allow(dead_code)]
        pub struct $name {
            #[serde(default)]
            #[schema(min_items = $min, required = $required)]
            codes: Vec<$code>,
            #[schema(schema_with = schema::optional_text::<200>)]
            other_detail: Option<String>,
        }
    };
}

codes_schema!(
    /// ⑥ duties: at least one; `other_detail` describes `other`.
    DutiesInput, Duty, 1, true
);
codes_schema!(
    /// ⑨ insurance; `other_detail` names `other`.
    InsuranceInput, Insurance, 0, false
);
codes_schema!(
    /// ⑬ other listings; `other_detail` names `other`.
    OtherListingsInput, OtherListing, 0, false
);

#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct WageInput {
    #[schema(value_type = WageUnit, required = true)]
    pub unit: Option<String>,
    /// Gross amount in yen: at most 100,000 an hour, 1,000,000 a day, 10,000,000 a month
    /// (above the unit's maximum: 422 `out_of_range`).
    #[schema(value_type = i64, required = true, minimum = 0, maximum = 10_000_000)]
    pub amount_yen: Option<i64>,
    /// Wage during probation, when it differs; the same bounds.
    #[schema(minimum = 0, maximum = 10_000_000)]
    pub probation_amount_yen: Option<i64>,
}

#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct HoursInput {
    /// `HH:MM`, to the minute.
    #[schema(schema_with = schema::time, required = true)]
    pub start: Option<String>,
    /// `HH:MM`; earlier than `start` means an overnight shift.
    #[schema(schema_with = schema::time, required = true)]
    pub end: Option<String>,
    #[schema(value_type = i64, required = true, minimum = 0, maximum = 720)]
    pub break_minutes: Option<i64>,
    #[serde(default)]
    pub overtime: bool,
    #[schema(schema_with = schema::optional_text::<200>)]
    pub overtime_detail: Option<String>,
    #[schema(schema_with = schema::optional_text::<200>)]
    pub holidays: Option<String>,
}

#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ContactInput {
    #[schema(schema_with = schema::text::<100>, required = true)]
    pub person_name: Option<String>,
    /// Only when it differs from the workplace address.
    #[schema(schema_with = schema::optional_text::<200>)]
    pub address: Option<String>,
    #[schema(schema_with = schema::phone, required = true)]
    pub phone: Option<String>,
    #[schema(schema_with = schema::extension)]
    pub extension: Option<String>,
    #[schema(schema_with = schema::optional_phone)]
    pub application_phone: Option<String>,
    #[schema(schema_with = schema::email, required = true)]
    pub email: Option<String>,
}

// ---- The stored and returned shapes.

#[derive(Clone, Debug, Serialize, Deserialize, ToSchema, PartialEq)]
pub struct EmploymentPeriod {
    pub start: NaiveDate,
    pub end: NaiveDate,
}

#[derive(Clone, Debug, Serialize, Deserialize, ToSchema, PartialEq)]
pub struct Duties {
    pub codes: Vec<Duty>,
    pub other_detail: Option<String>,
}

#[derive(Clone, Debug, Serialize, Deserialize, ToSchema, PartialEq)]
pub struct Wage {
    pub unit: WageUnit,
    pub amount_yen: i64,
    pub probation_amount_yen: Option<i64>,
}

#[derive(Clone, Debug, Serialize, Deserialize, ToSchema, PartialEq)]
pub struct Hours {
    /// `HH:MM`
    pub start: String,
    /// `HH:MM`
    pub end: String,
    /// True when the shift ends on the next day.
    pub overnight: bool,
    pub break_minutes: i64,
    pub overtime: bool,
    pub overtime_detail: Option<String>,
    pub holidays: String,
}

#[derive(Clone, Debug, Serialize, Deserialize, ToSchema, PartialEq)]
pub struct InsuranceSet {
    pub codes: Vec<Insurance>,
    pub other_detail: Option<String>,
}

#[derive(Clone, Debug, Serialize, Deserialize, ToSchema, PartialEq)]
pub struct OtherListings {
    pub codes: Vec<OtherListing>,
    pub other_detail: Option<String>,
}

#[derive(Clone, Debug, Serialize, Deserialize, ToSchema, PartialEq)]
pub struct Contact {
    pub person_name: String,
    pub address: Option<String>,
    pub phone: String,
    pub extension: Option<String>,
    pub application_phone: Option<String>,
    pub email: String,
}

/// Fields of the form that are always public (stored as `details_json`).
#[derive(Clone, Debug, Serialize, Deserialize, ToSchema, PartialEq)]
pub struct PublicDetails {
    /// `null` when there is no probation.
    pub probation_weeks: Option<i64>,
    pub duties: Duties,
    pub wage: Wage,
    pub hours: Hours,
    pub insurance: InsuranceSet,
    pub no_smoking_on_premises: bool,
    pub notes: String,
    pub other_listings: OtherListings,
}

/// Exactly the fields that masking withholds (stored as `maskable_json`; SPEC 3).
#[derive(Clone, Debug, Serialize, Deserialize, ToSchema, PartialEq)]
pub struct MaskableFields {
    /// 医療機関名.
    pub facility_name: String,
    pub postal_code: String,
    /// 町名・番地.
    pub street_address: String,
    /// 具体的な施設名.
    pub workplace_name: String,
    pub contact: Contact,
}

/// A fully validated posting form.
#[derive(Clone, Debug, PartialEq)]
pub struct PostingForm {
    pub occupation: Occupation,
    pub mask_requested: bool,
    pub facility_type: FacilityType,
    pub prefecture: Prefecture,
    pub municipality: String,
    pub period: EmploymentPeriod,
    pub details: PublicDetails,
    /// Everything maskable but the facility name, which comes from the facility.
    pub postal_code: String,
    pub street_address: String,
    pub workplace_name: String,
    pub contact: Contact,
}

impl PostingForm {
    pub fn maskable(&self, facility_name: &str) -> MaskableFields {
        MaskableFields {
            facility_name: facility_name.to_string(),
            postal_code: self.postal_code.clone(),
            street_address: self.street_address.clone(),
            workplace_name: self.workplace_name.clone(),
            contact: self.contact.clone(),
        }
    }

    pub fn has_duty(&self, duty: Duty) -> bool {
        self.details.duties.codes.contains(&duty)
    }

    /// The text keyword search runs on: the public fields, and `disclosed`: what of the
    /// withheld fields is public (decided by `disclosure::disclose`; nothing when masked).
    pub fn public_search_text(&self, disclosed: &[&str]) -> String {
        let mut parts: Vec<&str> = vec![
            self.occupation.label().ja,
            self.occupation.label().en,
            self.facility_type.label().ja,
            self.prefecture.label().ja,
            self.municipality.as_str(),
            self.details.notes.as_str(),
            self.details.hours.holidays.as_str(),
        ];
        for d in &self.details.duties.codes {
            parts.push(d.label().ja);
        }
        if let Some(o) = &self.details.duties.other_detail {
            parts.push(o);
        }
        parts.extend_from_slice(disclosed);
        fold_search(&parts.join(" "))
    }
}

// ---- Validation.

/// Collects field errors while a form is parsed.
#[derive(Default)]
pub struct Errors(pub Vec<FieldError>);

impl Errors {
    pub fn push(&mut self, field: impl Into<String>, code: &'static str, message: Msg) {
        self.0.push(FieldError::new(field, code, message));
    }
    pub fn required(&mut self, field: &str) {
        self.push(
            field,
            "required",
            Msg::new("必須項目です。", "This field is required."),
        );
    }
    pub fn into_result<T>(self, value: impl FnOnce() -> T) -> Result<T, Vec<FieldError>> {
        if self.0.is_empty() {
            Ok(value())
        } else {
            Err(self.0)
        }
    }

    /// A required text of at most `max` characters (after trimming and width folding).
    pub fn text(&mut self, field: &str, value: Option<&str>, max: usize) -> Option<String> {
        let before = self.0.len();
        let v = self.optional_text(field, value, max);
        if v.is_none() && self.0.len() == before {
            self.required(field);
        }
        v
    }

    /// An optional text of at most `max` characters; empty means absent.
    pub fn optional_text(
        &mut self,
        field: &str,
        value: Option<&str>,
        max: usize,
    ) -> Option<String> {
        let value = value?;
        // The length is judged as sent, so that it means what `maxLength` says in the spec.
        if value.chars().count() > max {
            self.push(
                field,
                "too_long",
                Msg::owned(
                    format!("{max}文字以内で入力してください。"),
                    format!("At most {max} characters."),
                ),
            );
            return None;
        }
        // Control characters go first (NUL is refused by PostgreSQL), then blankness is judged.
        let v: String = value
            .chars()
            .filter(|c| !c.is_control() || *c == '\n')
            .collect();
        let v = v.trim().to_string();
        (!v.is_empty()).then_some(v)
    }

    pub fn email(&mut self, field: &str, value: Option<&str>) -> Option<String> {
        let v = self.text(field, value, 254)?;
        let v = fold_width(&v);
        if !v.validate_email() {
            self.push(
                field,
                "invalid_email",
                Msg::new(
                    "メールアドレスの形式が正しくありません。",
                    "Not a valid e-mail address.",
                ),
            );
            return None;
        }
        Some(v)
    }

    pub fn prefecture(&mut self, field: &str, value: Option<&str>) -> Option<Prefecture> {
        let Some(v) = value.map(fold_width).filter(|v| !v.is_empty()) else {
            self.required(field);
            return None;
        };
        let p = Prefecture::parse(&v);
        if p.is_none() {
            self.unknown_code(field);
        }
        p
    }

    pub fn unknown_code(&mut self, field: &str) {
        self.push(
            field,
            "unknown_code",
            Msg::new("選択肢にない値です。", "Not one of the allowed values."),
        );
    }

    fn code<T>(
        &mut self,
        field: &str,
        value: Option<&str>,
        parse: fn(&str) -> Option<T>,
    ) -> Option<T> {
        let Some(v) = value.map(str::trim).filter(|v| !v.is_empty()) else {
            self.required(field);
            return None;
        };
        let parsed = parse(v);
        if parsed.is_none() {
            self.unknown_code(field);
        }
        parsed
    }

    /// A set of codes; `other` needs `other_detail`, and `other_detail` needs `other`.
    fn code_set<T: Copy + Ord>(
        &mut self,
        field: &str,
        input: Option<&CodesInput>,
        parse: fn(&str) -> Option<T>,
        other: T,
        at_least_one: bool,
    ) -> Option<(Vec<T>, Option<String>)> {
        let empty = CodesInput::default();
        let input = input.unwrap_or(&empty);
        let before = self.0.len();
        let mut codes = Vec::new();
        for (i, c) in input.codes.iter().enumerate() {
            match parse(c.trim()) {
                Some(code) => codes.push(code),
                None => self.unknown_code(&format!("{field}.codes[{i}]")),
            }
        }
        codes.sort();
        codes.dedup();
        if at_least_one && input.codes.is_empty() {
            self.push(
                format!("{field}.codes"),
                "required",
                Msg::new("1つ以上選択してください。", "Choose at least one."),
            );
        }
        let detail_field = format!("{field}.other_detail");
        let detail = self.optional_text(&detail_field, input.other_detail.as_deref(), 200);
        if codes.contains(&other)
            && detail.is_none()
            && input
                .other_detail
                .as_deref()
                .map(str::trim)
                .unwrap_or("")
                .is_empty()
        {
            self.push(
                &detail_field,
                "required",
                Msg::new(
                    "「その他」を選んだときは内容を入力してください。",
                    "Describe the 'other' choice.",
                ),
            );
        }
        if !codes.contains(&other) && detail.is_some() {
            self.push(
                &detail_field,
                "other_not_selected",
                Msg::new(
                    "「その他」を選んだときだけ入力できます。",
                    "Only allowed when 'other' is chosen.",
                ),
            );
        }
        (self.0.len() == before).then_some((codes, detail))
    }

    fn yen(&mut self, field: &str, value: Option<i64>, max: i64, required: bool) -> Option<i64> {
        let Some(v) = value else {
            if required {
                self.required(field);
            }
            return None;
        };
        if !(0..=max).contains(&v) {
            self.push(
                field,
                "out_of_range",
                Msg::owned(
                    format!("0円以上{max}円以下で入力してください。"),
                    format!("Must be between 0 and {max} yen."),
                ),
            );
            return None;
        }
        Some(v)
    }

    pub fn phone(&mut self, field: &str, value: Option<&str>, required: bool) -> Option<String> {
        let v = value.map(str::trim).filter(|v| !v.is_empty());
        let Some(v) = v else {
            if required {
                self.required(field);
            }
            return None;
        };
        let parsed = parse_phone(v);
        if parsed.is_none() {
            self.push(
                field,
                "invalid_phone",
                Msg::new(
                    "電話番号の形式が正しくありません（例: 03-1234-5678）。",
                    "Not a valid phone number (e.g. 03-1234-5678).",
                ),
            );
        }
        parsed
    }
}

fn invalid_date(errors: &mut Errors, field: &str) {
    errors.push(
        field,
        "invalid_date",
        Msg::new(
            "日付の形式が正しくありません（例: 2026-12-01 または 令和8年12月1日）。",
            "Not a valid date (e.g. 2026-12-01).",
        ),
    );
}

impl PostingForm {
    /// Turns the request body into a form that cannot hold a bad value.
    pub fn parse(input: &PostingInput) -> Result<PostingForm, Vec<FieldError>> {
        let mut e = Errors::default();
        let occupation = e.code("occupation", input.occupation.as_deref(), Occupation::parse);

        let empty_w = WorkplaceInput::default();
        let w = input.workplace.as_ref().unwrap_or(&empty_w);
        let postal_code = match w
            .postal_code
            .as_deref()
            .map(str::trim)
            .filter(|v| !v.is_empty())
        {
            None => {
                e.required("workplace.postal_code");
                None
            }
            Some(v) => {
                let p = parse_postal_code(v);
                if p.is_none() {
                    e.push(
                        "workplace.postal_code",
                        "invalid_postal_code",
                        Msg::new(
                            "郵便番号は7桁で入力してください（例: 100-0001）。",
                            "Postal codes have 7 digits (e.g. 100-0001).",
                        ),
                    );
                }
                p
            }
        };
        let facility_type = e.code(
            "workplace.facility_type",
            w.facility_type.as_deref(),
            FacilityType::parse,
        );
        let prefecture = e.prefecture("workplace.prefecture_code", w.prefecture_code.as_deref());
        let municipality = e.text("workplace.municipality", w.municipality.as_deref(), 50);
        let street_address = e.text("workplace.street_address", w.street_address.as_deref(), 200);
        let workplace_name =
            e.optional_text("workplace.facility_name", w.facility_name.as_deref(), 100);

        let empty_p = PeriodInput::default();
        let p = input.employment_period.as_ref().unwrap_or(&empty_p);
        let date = |e: &mut Errors, field: &str, v: Option<&str>| -> Option<NaiveDate> {
            let Some(v) = v.map(str::trim).filter(|v| !v.is_empty()) else {
                e.required(field);
                return None;
            };
            match parse_date(v) {
                Some(d) if (2020..=2100).contains(&chrono::Datelike::year(&d)) => Some(d),
                _ => {
                    invalid_date(e, field);
                    None
                }
            }
        };
        let start = date(&mut e, "employment_period.start", p.start.as_deref());
        let end = date(&mut e, "employment_period.end", p.end.as_deref());
        if let (Some(s), Some(en)) = (start, end) {
            if en < s {
                e.push(
                    "employment_period.end",
                    "end_before_start",
                    Msg::new(
                        "終了日は開始日以降の日付にしてください。",
                        "The end date must not be before the start date.",
                    ),
                );
            }
        }

        let probation_weeks = match input.probation_weeks {
            Some(w) if !(1..=52).contains(&w) => {
                e.push(
                    "probation_weeks",
                    "out_of_range",
                    Msg::new(
                        "試用期間は1〜52週で入力してください。",
                        "Probation must be 1 to 52 weeks.",
                    ),
                );
                None
            }
            w => w,
        };

        let duties = e.code_set(
            "duties",
            input.duties.as_ref(),
            Duty::parse,
            Duty::Other,
            true,
        );

        let empty_wage = WageInput::default();
        let wage_in = input.wage.as_ref().unwrap_or(&empty_wage);
        let unit = e.code("wage.unit", wage_in.unit.as_deref(), WageUnit::parse);
        let max = unit.map(WageUnit::max_amount_yen).unwrap_or(10_000_000);
        let amount = e.yen("wage.amount_yen", wage_in.amount_yen, max, true);
        let probation_amount = e.yen(
            "wage.probation_amount_yen",
            wage_in.probation_amount_yen,
            max,
            false,
        );

        let empty_h = HoursInput::default();
        let h = input.hours.as_ref().unwrap_or(&empty_h);
        let time = |e: &mut Errors, field: &str, v: Option<&str>| -> Option<u16> {
            let Some(v) = v.map(str::trim).filter(|v| !v.is_empty()) else {
                e.required(field);
                return None;
            };
            let t = parse_time(v);
            if t.is_none() {
                e.push(
                    field,
                    "invalid_time",
                    Msg::new(
                        "時刻は HH:MM で入力してください（例: 08:45）。",
                        "Use HH:MM (e.g. 08:45).",
                    ),
                );
            }
            t
        };
        let h_start = time(&mut e, "hours.start", h.start.as_deref());
        let h_end = time(&mut e, "hours.end", h.end.as_deref());
        if let (Some(s), Some(en)) = (h_start, h_end) {
            if s == en {
                e.push(
                    "hours.end",
                    "same_as_start",
                    Msg::new(
                        "開始と終了が同じ時刻です。",
                        "Start and end are the same time.",
                    ),
                );
            }
        }
        let break_minutes = match h.break_minutes {
            None => {
                e.required("hours.break_minutes");
                None
            }
            Some(b) if !(0..=720).contains(&b) => {
                e.push(
                    "hours.break_minutes",
                    "out_of_range",
                    Msg::new(
                        "休憩時間は0〜720分で入力してください。",
                        "Break must be 0 to 720 minutes.",
                    ),
                );
                None
            }
            Some(b) => Some(b),
        };
        let overtime_detail =
            e.optional_text("hours.overtime_detail", h.overtime_detail.as_deref(), 200);
        let holidays = e
            .optional_text("hours.holidays", h.holidays.as_deref(), 200)
            .unwrap_or_default();

        let insurance = e.code_set(
            "insurance",
            input.insurance.as_ref(),
            Insurance::parse,
            Insurance::Other,
            false,
        );
        let notes = e
            .optional_text("notes", input.notes.as_deref(), 2000)
            .unwrap_or_default();

        let empty_c = ContactInput::default();
        let c = input.contact.as_ref().unwrap_or(&empty_c);
        let person_name = e.text("contact.person_name", c.person_name.as_deref(), 100);
        let address = e.optional_text("contact.address", c.address.as_deref(), 200);
        let phone = e.phone("contact.phone", c.phone.as_deref(), true);
        let extension = match c
            .extension
            .as_deref()
            .map(fold_width)
            .filter(|v| !v.is_empty())
        {
            Some(x) if x.len() > 10 || !x.chars().all(|ch| ch.is_ascii_digit() || ch == '-') => {
                e.push(
                    "contact.extension",
                    "invalid_extension",
                    Msg::new(
                        "内線番号は10桁以内の数字で入力してください。",
                        "Extensions are up to 10 digits.",
                    ),
                );
                None
            }
            x => x,
        };
        let application_phone = e.phone(
            "contact.application_phone",
            c.application_phone.as_deref(),
            false,
        );
        let email = e.email("contact.email", c.email.as_deref());

        let other_listings = e.code_set(
            "other_listings",
            input.other_listings.as_ref(),
            OtherListing::parse,
            OtherListing::Other,
            false,
        );

        if !e.0.is_empty() {
            return Err(e.0);
        }
        // Every `None` below was reported above; the unwraps are therefore unreachable,
        // but we stay panic-free all the same.
        let build = || -> Option<PostingForm> {
            let (duty_codes, duty_other) = duties?;
            let (ins_codes, ins_other) = insurance?;
            let (ol_codes, ol_other) = other_listings?;
            let (h_start, h_end) = (h_start?, h_end?);
            Some(PostingForm {
                occupation: occupation?,
                mask_requested: input.mask_requested,
                facility_type: facility_type?,
                prefecture: prefecture?,
                municipality: municipality?,
                period: EmploymentPeriod {
                    start: start?,
                    end: end?,
                },
                details: PublicDetails {
                    probation_weeks,
                    duties: Duties {
                        codes: duty_codes,
                        other_detail: duty_other,
                    },
                    wage: Wage {
                        unit: unit?,
                        amount_yen: amount?,
                        probation_amount_yen: probation_amount,
                    },
                    hours: Hours {
                        start: super::text::format_time(h_start),
                        end: super::text::format_time(h_end),
                        overnight: h_end < h_start,
                        break_minutes: break_minutes?,
                        overtime: h.overtime,
                        overtime_detail,
                        holidays,
                    },
                    insurance: InsuranceSet {
                        codes: ins_codes,
                        other_detail: ins_other,
                    },
                    no_smoking_on_premises: input.no_smoking_on_premises,
                    notes,
                    other_listings: OtherListings {
                        codes: ol_codes,
                        other_detail: ol_other,
                    },
                },
                postal_code: postal_code?,
                street_address: street_address?,
                workplace_name: workplace_name.unwrap_or_default(),
                contact: Contact {
                    person_name: person_name?,
                    address,
                    phone: phone?,
                    extension,
                    application_phone,
                    email: email?,
                },
            })
        };
        build().ok_or_else(|| {
            vec![FieldError::new(
                "",
                "invalid",
                Msg::new("入力内容に誤りがあります。", "Invalid input."),
            )]
        })
    }
}
