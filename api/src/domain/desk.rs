//! A reception desk (窓口) a prefecture runs: where people can ask about work in person.

use super::posting::Errors;
use super::schema;
use crate::error::FieldError;
use crate::i18n::Msg;
use serde::Deserialize;
use utoipa::ToSchema;

/// A desk as sent (`POST /partner/desks`, `PUT /partner/desks/{id}`).
#[derive(Clone, Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DeskInput {
    /// e.g. 「東京都ナースプラザ 相談窓口」.
    #[schema(schema_with = schema::text::<100>)]
    pub name: String,
    #[schema(schema_with = schema::text::<200>)]
    pub address: String,
    #[schema(schema_with = schema::phone)]
    pub phone: String,
    /// Opening hours, e.g. 「平日 9:00〜17:00」.
    #[schema(schema_with = schema::text::<200>)]
    pub hours: String,
    /// A page about the desk (`http(s)://`).
    #[schema(schema_with = schema::optional_link)]
    pub url: Option<String>,
}

/// A desk that breaks no rule.
#[derive(Clone, Debug)]
pub struct Desk {
    pub name: String,
    pub address: String,
    pub phone: String,
    pub hours: String,
    pub url: Option<String>,
}

impl TryFrom<&DeskInput> for Desk {
    type Error = Vec<FieldError>;
    fn try_from(d: &DeskInput) -> Result<Desk, Vec<FieldError>> {
        let mut e = Errors::default();
        let name = e.text("name", Some(&d.name), 100);
        let address = e.text("address", Some(&d.address), 200);
        let phone = e.phone("phone", Some(&d.phone), true);
        let hours = e.text("hours", Some(&d.hours), 200);
        let url = e.optional_text("url", d.url.as_deref(), 500);
        if url.as_deref().is_some_and(|u| {
            !(u.starts_with("https://") || u.starts_with("http://"))
                || u.contains(char::is_whitespace)
        }) {
            e.push(
                "url",
                "invalid_url",
                Msg::new(
                    "https:// で始まるURLを入力してください。",
                    "Give an https:// link.",
                ),
            );
        }
        match (name, address, phone, hours) {
            (Some(name), Some(address), Some(phone), Some(hours)) if e.0.is_empty() => Ok(Desk {
                name,
                address,
                phone,
                hours,
                url,
            }),
            _ => Err(e.0),
        }
    }
}
