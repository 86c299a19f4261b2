//! Partners (SPEC 5, 9): the kinds of organisation, and the scope that decides what each
//! receives — occupations × prefectures × detail — as data, parsed here from requests.

use super::codes::{Occupation, OrganisationKind, ScopeDetail};
use super::posting::Errors;
use super::prefecture::Prefecture;
use super::schema;
use crate::error::FieldError;
use crate::i18n::Msg;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

impl OrganisationKind {
    /// Kinds that belong to one prefecture and must name it.
    pub fn is_prefecture_bound(self) -> bool {
        matches!(
            self,
            OrganisationKind::Prefecture | OrganisationKind::NurseCenter
        )
    }
}

/// A scope as sent: explicit code lists, never empty.
#[derive(Clone, Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ScopeInput {
    #[schema(value_type = Vec<Occupation>, min_items = 1, max_items = 11)]
    pub occupations: Vec<String>,
    #[schema(schema_with = schema::prefecture_codes)]
    pub prefectures: Vec<String>,
    #[schema(value_type = ScopeDetail)]
    pub detail: String,
}

/// A scope that breaks no rule.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Scope {
    pub occupations: Vec<Occupation>,
    pub prefectures: Vec<Prefecture>,
    pub detail: ScopeDetail,
}

/// A scope as it is shown.
#[derive(Clone, Debug, Serialize, Deserialize, ToSchema)]
pub struct ScopeView {
    pub occupations: Vec<Occupation>,
    #[schema(value_type = Vec<String>)]
    pub prefectures: Vec<String>,
    pub detail: ScopeDetail,
}

impl Scope {
    pub fn covers(&self, occupation: &str, prefecture_code: &str) -> bool {
        self.occupations.iter().any(|o| o.code() == occupation)
            && self.prefectures.iter().any(|p| p.code() == prefecture_code)
    }

    pub fn is_full(&self) -> bool {
        self.detail == ScopeDetail::Full
    }

    /// Stored as comma-separated codes.
    pub fn occupations_text(&self) -> String {
        join(self.occupations.iter().map(|o| o.code()))
    }
    pub fn prefectures_text(&self) -> String {
        join(self.prefectures.iter().map(|p| p.code()))
    }

    /// Reads a stored scope; unknown codes (none are written) are skipped.
    pub fn from_stored(occupations: &str, prefectures: &str, detail: &str) -> Scope {
        Scope {
            occupations: occupations
                .split(',')
                .filter_map(Occupation::parse)
                .collect(),
            prefectures: prefectures
                .split(',')
                .filter_map(Prefecture::parse)
                .collect(),
            detail: ScopeDetail::parse(detail).unwrap_or(ScopeDetail::Counts),
        }
    }

    pub fn view(&self) -> ScopeView {
        ScopeView {
            occupations: self.occupations.clone(),
            prefectures: self
                .prefectures
                .iter()
                .map(|p| p.code().to_string())
                .collect(),
            detail: self.detail,
        }
    }
}

fn join<'a>(codes: impl Iterator<Item = &'a str>) -> String {
    codes.collect::<Vec<_>>().join(",")
}

fn scope(e: &mut Errors, field: &str, input: &ScopeInput) -> Option<Scope> {
    let mut occupations = vec![];
    for (i, o) in input.occupations.iter().enumerate() {
        match Occupation::parse(o.trim()) {
            Some(o) if !occupations.contains(&o) => occupations.push(o),
            Some(_) => {}
            None => e.unknown_code(&format!("{field}.occupations[{i}]")),
        }
    }
    let mut prefectures = vec![];
    for (i, p) in input.prefectures.iter().enumerate() {
        if let Some(p) = e.prefecture(&format!("{field}.prefectures[{i}]"), Some(p)) {
            if !prefectures.contains(&p) {
                prefectures.push(p);
            }
        }
    }
    for (list, empty) in [
        ("occupations", input.occupations.is_empty()),
        ("prefectures", input.prefectures.is_empty()),
    ] {
        if empty {
            e.push(
                format!("{field}.{list}"),
                "required",
                Msg::new(
                    "1つ以上選んでください（すべての場合もすべて列挙します）。",
                    "Choose at least one (list every code for all).",
                ),
            );
        }
    }
    let detail = ScopeDetail::parse(input.detail.trim());
    if detail.is_none() {
        e.unknown_code(&format!("{field}.detail"));
    }
    occupations.sort();
    prefectures.sort();
    Some(Scope {
        occupations,
        prefectures,
        detail: detail?,
    })
}

impl TryFrom<&ScopeInput> for Scope {
    type Error = Vec<FieldError>;
    fn try_from(input: &ScopeInput) -> Result<Scope, Vec<FieldError>> {
        let mut e = Errors::default();
        let s = scope(&mut e, "", input);
        match s {
            Some(s) if e.0.is_empty() => Ok(s),
            _ => Err(e
                .0
                .into_iter()
                .map(|mut f| {
                    f.field = f.field.trim_start_matches('.').to_string();
                    f
                })
                .collect()),
        }
    }
}

/// `POST /admin/organisations`.
#[derive(Clone, Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateOrganisationRequest {
    #[schema(schema_with = schema::text::<200>)]
    pub name: String,
    #[schema(value_type = OrganisationKind)]
    pub kind: String,
    /// Where digests, and notices about failing webhooks, go.
    #[schema(schema_with = schema::email)]
    pub email: String,
    /// Required for `prefecture` and `nurse_center` (422 `required`); the scope of such an
    /// organisation is usually its own prefecture.
    #[schema(schema_with = schema::optional_prefecture_code)]
    pub prefecture_code: Option<String>,
    pub scope: ScopeInput,
}

/// An organisation that breaks no rule.
#[derive(Clone, Debug)]
pub struct NewOrganisation {
    pub name: String,
    pub kind: OrganisationKind,
    pub email: String,
    pub prefecture: Option<Prefecture>,
    pub scope: Scope,
}

impl TryFrom<&CreateOrganisationRequest> for NewOrganisation {
    type Error = Vec<FieldError>;
    fn try_from(r: &CreateOrganisationRequest) -> Result<NewOrganisation, Vec<FieldError>> {
        let mut e = Errors::default();
        let name = e.text("name", Some(&r.name), 200);
        let kind = OrganisationKind::parse(r.kind.trim());
        if kind.is_none() {
            e.unknown_code("kind");
        }
        let email = e.email("email", Some(&r.email));
        let prefecture = match r
            .prefecture_code
            .as_deref()
            .filter(|p| !p.trim().is_empty())
        {
            Some(p) => e.prefecture("prefecture_code", Some(p)),
            None => {
                if kind.is_some_and(OrganisationKind::is_prefecture_bound) {
                    e.required("prefecture_code");
                }
                None
            }
        };
        let scope = scope(&mut e, "scope", &r.scope);
        match (name, kind, email, scope) {
            (Some(name), Some(kind), Some(email), Some(scope)) if e.0.is_empty() => {
                Ok(NewOrganisation {
                    name,
                    kind,
                    email,
                    prefecture,
                    scope,
                })
            }
            _ => Err(e.0),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(o: &[&str], p: &[&str], d: &str) -> ScopeInput {
        ScopeInput {
            occupations: o.iter().map(|s| s.to_string()).collect(),
            prefectures: p.iter().map(|s| s.to_string()).collect(),
            detail: d.into(),
        }
    }

    #[test]
    fn a_scope_covers_exactly_its_occupations_and_prefectures() {
        let s = Scope::try_from(&input(&["nurse", "midwife"], &["27"], "full")).unwrap();
        assert!(s.covers("nurse", "27"));
        assert!(!s.covers("nurse", "13"));
        assert!(!s.covers("doctor", "27"));
        let stored = Scope::from_stored(&s.occupations_text(), &s.prefectures_text(), "full");
        assert_eq!(stored, s);
    }

    #[test]
    fn empty_lists_and_unknown_codes_are_refused_by_field() {
        let e = Scope::try_from(&input(&[], &["99"], "all")).unwrap_err();
        let fields: Vec<_> = e.iter().map(|f| (f.field.as_str(), f.code)).collect();
        assert!(fields.contains(&("occupations", "required")));
        assert!(fields.contains(&("prefectures[0]", "unknown_code")));
        assert!(fields.contains(&("detail", "unknown_code")));
    }
}
