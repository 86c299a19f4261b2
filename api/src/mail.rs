//! Outgoing mail: `.eml` files in `KEYNET_MAIL_DIR` by default, SMTP when
//! `KEYNET_SMTP_URL` is set. Mail is queued in the outbox ([`crate::db::outbox`]) and sent
//! by the worker ([`crate::jobs::outbox`]).

use lettre::message::{header::ContentType, Attachment, Mailbox, Message, MultiPart, SinglePart};
use lettre::{SmtpTransport, Transport};
use std::path::PathBuf;

pub enum Mailer {
    Files(PathBuf),
    Smtp(Box<SmtpTransport>),
}

/// A message to queue.
#[derive(Clone, Debug)]
pub struct Mail {
    pub to: String,
    pub subject: String,
    pub body: String,
    /// A calendar invitation (`text/calendar; method=REQUEST`) attached as `invite.ics`.
    pub ics: Option<String>,
    /// A CSV file attached under this name (digests).
    pub attachment: Option<(String, Vec<u8>)>,
    /// An RFC 8058 one-click unsubscribe URL: sent as `List-Unsubscribe` with
    /// `List-Unsubscribe-Post: List-Unsubscribe=One-Click` (alert mails).
    pub list_unsubscribe: Option<String>,
}

impl Mail {
    pub fn new(to: impl Into<String>, subject: impl Into<String>, body: impl Into<String>) -> Mail {
        Mail {
            to: to.into(),
            subject: subject.into(),
            body: body.into(),
            ics: None,
            attachment: None,
            list_unsubscribe: None,
        }
    }
}

impl Mailer {
    pub fn from_settings(settings: &crate::config::Settings) -> Result<Mailer, String> {
        if let Some(url) = &settings.smtp_url {
            let t = SmtpTransport::from_url(url)
                .map_err(|e| format!("KEYNET_SMTP_URL: {e}"))?
                .build();
            return Ok(Mailer::Smtp(Box::new(t)));
        }
        std::fs::create_dir_all(&settings.mail_dir)
            .map_err(|e| format!("cannot create {}: {e}", settings.mail_dir.display()))?;
        Ok(Mailer::Files(settings.mail_dir.clone()))
    }

    /// Sends outbox message `id`; blocking, so call it off the executor. The Message-ID (and
    /// the file name) derive from `id`, so a retry after a crash replaces rather than repeats.
    pub fn send(&self, from: &str, id: i64, mail: &Mail) -> Result<(), String> {
        let from: Mailbox = from.parse().map_err(|e| format!("sender address: {e}"))?;
        let to: Mailbox = mail
            .to
            .parse()
            .map_err(|e| format!("recipient address: {e}"))?;
        let mut builder = Message::builder()
            .from(from)
            .to(to)
            .subject(&mail.subject)
            .message_id(Some(format!("<outbox-{id}@keynet>")));
        if let Some(url) = &mail.list_unsubscribe {
            use lettre::message::header::{HeaderName, HeaderValue};
            builder = builder
                .raw_header(HeaderValue::new(
                    HeaderName::new_from_ascii_str("List-Unsubscribe"),
                    format!("<{url}>"),
                ))
                .raw_header(HeaderValue::new(
                    HeaderName::new_from_ascii_str("List-Unsubscribe-Post"),
                    "List-Unsubscribe=One-Click".into(),
                ));
        }
        let message = match (&mail.ics, &mail.attachment) {
            (None, Some((name, bytes))) => {
                let csv = ContentType::parse("text/csv; charset=utf-8")
                    .map_err(|e| format!("content type: {e}"))?;
                builder.multipart(
                    MultiPart::mixed()
                        .singlepart(SinglePart::plain(mail.body.clone()))
                        .singlepart(Attachment::new(name.clone()).body(bytes.clone(), csv)),
                )
            }
            (None, None) => builder
                .header(ContentType::TEXT_PLAIN)
                .body(mail.body.clone()),
            (Some(ics), _) => {
                let method = if ics.contains("\r\nMETHOD:CANCEL\r\n") {
                    "CANCEL"
                } else {
                    "REQUEST"
                };
                let calendar =
                    ContentType::parse(&format!("text/calendar; charset=utf-8; method={method}"))
                        .map_err(|e| format!("content type: {e}"))?;
                builder.multipart(
                    MultiPart::mixed()
                        .singlepart(SinglePart::plain(mail.body.clone()))
                        .singlepart(
                            Attachment::new("invite.ics".into()).body(ics.clone(), calendar),
                        ),
                )
            }
        }
        .map_err(|e| format!("building mail: {e}"))?;
        match self {
            Mailer::Files(dir) => {
                let tmp = dir.join(format!(".{id}.eml.tmp"));
                std::fs::write(&tmp, message.formatted())
                    .map_err(|e| format!("writing mail: {e}"))?;
                std::fs::rename(&tmp, dir.join(format!("{id}.eml")))
                    .map_err(|e| format!("writing mail: {e}"))
            }
            Mailer::Smtp(t) => t
                .send(&message)
                .map(|_| ())
                .map_err(|e| format!("SMTP: {e}")),
        }
    }
}

/// Escapes text for an iCalendar property value.
fn ics_text(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace(';', "\\;")
        .replace(',', "\\,")
        .replace('\n', "\\n")
}

/// What an invitation does to the event its UID names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IcsMethod {
    /// Add it, or replace it when `sequence` is higher than the calendar's copy.
    Request,
    /// Take it off the calendar.
    Cancel,
}

/// A one-event calendar invitation: the same `uid` for the life of an interview, `sequence`
/// one higher with each change, so calendars replace or remove the event.
#[allow(clippy::too_many_arguments)]
pub fn ics_invite(
    uid: &str,
    start_utc: chrono::NaiveDateTime,
    minutes: i64,
    summary: &str,
    url: &str,
    description: &str,
    method: IcsMethod,
    sequence: i32,
) -> String {
    let fmt = |t: chrono::NaiveDateTime| t.format("%Y%m%dT%H%M%SZ").to_string();
    let end = start_utc + chrono::Duration::minutes(minutes);
    [
        "BEGIN:VCALENDAR".to_string(),
        "VERSION:2.0".into(),
        "PRODID:-//Key-Net//Interview//JA".into(),
        match method {
            IcsMethod::Request => "METHOD:REQUEST".to_string(),
            IcsMethod::Cancel => "METHOD:CANCEL".to_string(),
        },
        "BEGIN:VEVENT".into(),
        format!("UID:{uid}"),
        format!("SEQUENCE:{sequence}"),
        match method {
            IcsMethod::Request => "STATUS:CONFIRMED".to_string(),
            IcsMethod::Cancel => "STATUS:CANCELLED".to_string(),
        },
        format!("DTSTAMP:{}", fmt(chrono::Utc::now().naive_utc())),
        format!("DTSTART:{}", fmt(start_utc)),
        format!("DTEND:{}", fmt(end)),
        format!("SUMMARY:{}", ics_text(summary)),
        format!("LOCATION:{}", ics_text(url)),
        format!("URL:{}", ics_text(url)),
        format!("DESCRIPTION:{}", ics_text(description)),
        "END:VEVENT".into(),
        "END:VCALENDAR".into(),
    ]
    .join("\r\n")
        + "\r\n"
}
