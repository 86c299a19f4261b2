//! An online interview (SPEC 4, step 5): the request as sent and the validated
//! [`Interview`] it parses into, with every field error at once.

use super::posting::Errors;
use super::schema;
use super::text::fold_width;
use crate::error::FieldError;
use crate::i18n::Msg;
use chrono::{DateTime, NaiveDateTime, TimeZone};
use serde::Deserialize;
use utoipa::ToSchema;

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct InterviewRequest {
    /// RFC 3339 (the server also reads `YYYY-MM-DDTHH:MM` as Japan time). Must be in the
    /// future (422 `in_the_past`).
    #[schema(format = DateTime, example = "2026-12-03T14:00:00+09:00")]
    pub starts_at: String,
    /// 5–480 minutes.
    #[schema(minimum = 5, maximum = 480)]
    pub duration_minutes: i32,
    /// The video call link (http or https), at most 500 characters.
    #[schema(schema_with = schema::video_url)]
    pub video_url: String,
    #[serde(default)]
    #[schema(schema_with = schema::text_or_empty::<1000>)]
    pub note: String,
}

/// An interview that breaks no rule: in the future, 5–480 minutes, an http(s) link.
#[derive(Clone, Debug)]
pub struct Interview {
    /// UTC.
    pub starts_at: NaiveDateTime,
    pub minutes: i32,
    pub video_url: String,
    pub note: String,
}

/// Parses an interview time: RFC 3339, or a plain local time taken as Japan time.
fn parse_start(s: &str) -> Option<NaiveDateTime> {
    let s = fold_width(s);
    if let Ok(t) = DateTime::parse_from_rfc3339(&s) {
        return Some(t.naive_utc());
    }
    let local = NaiveDateTime::parse_from_str(&s, "%Y-%m-%dT%H:%M")
        .or_else(|_| NaiveDateTime::parse_from_str(&s, "%Y-%m-%d %H:%M"))
        .or_else(|_| NaiveDateTime::parse_from_str(&s, "%Y-%m-%dT%H:%M:%S"))
        .ok()?;
    crate::clock::japan()
        .from_local_datetime(&local)
        .single()
        .map(|t| t.naive_utc())
}

impl Interview {
    /// Parses `b` as of `now` (UTC).
    pub fn parse(b: &InterviewRequest, now: NaiveDateTime) -> Result<Interview, Vec<FieldError>> {
        let mut e = Errors::default();
        let starts = parse_start(&b.starts_at);
        match starts {
            None => e.push(
                "starts_at",
                "invalid_datetime",
                Msg::new(
                    "日時の形式が正しくありません（例: 2026-12-03T14:00）。",
                    "Not a valid date and time (e.g. 2026-12-03T14:00).",
                ),
            ),
            Some(t) if t < now => e.push(
                "starts_at",
                "in_the_past",
                Msg::new("過去の日時は指定できません。", "This time has passed."),
            ),
            _ => {}
        }
        if !(5..=480).contains(&b.duration_minutes) {
            e.push(
                "duration_minutes",
                "out_of_range",
                Msg::new("5〜480分で指定してください。", "Between 5 and 480 minutes."),
            );
        }
        let url = e.text("video_url", Some(&b.video_url), 500);
        if url.as_deref().is_some_and(|u| {
            !(u.starts_with("https://") || u.starts_with("http://"))
                || u.contains(char::is_whitespace)
        }) {
            e.push(
                "video_url",
                "invalid_url",
                Msg::new(
                    "https:// で始まるURLを入力してください。",
                    "Give an https:// link.",
                ),
            );
        }
        let note = e
            .optional_text("note", Some(&b.note), 1000)
            .unwrap_or_default();
        match (starts, url) {
            (Some(starts_at), Some(video_url)) if e.0.is_empty() => Ok(Interview {
                starts_at,
                minutes: b.duration_minutes,
                video_url,
                note,
            }),
            _ => Err(e.0),
        }
    }
}
