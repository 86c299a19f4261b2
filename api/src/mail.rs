//! Outgoing mail: `.eml` files in `KEYNET_MAIL_DIR` by default, SMTP when
//! `KEYNET_SMTP_URL` is set.

use lettre::message::{header::ContentType, Mailbox, Message};
use lettre::{FileTransport, SmtpTransport, Transport};

pub enum Mailer {
    Files(FileTransport, std::path::PathBuf),
    Smtp(Box<SmtpTransport>),
}

pub struct Mail {
    pub to: String,
    pub subject: String,
    pub body: String,
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
        Ok(Mailer::Files(
            FileTransport::new(&settings.mail_dir),
            settings.mail_dir.clone(),
        ))
    }

    /// Sends one message; blocking, so call it off the executor.
    pub fn send(&self, from: &str, mail: &Mail) -> Result<(), String> {
        let from: Mailbox = from.parse().map_err(|e| format!("sender address: {e}"))?;
        let to: Mailbox = mail
            .to
            .parse()
            .map_err(|e| format!("recipient address: {e}"))?;
        let message = Message::builder()
            .from(from)
            .to(to)
            .subject(&mail.subject)
            .header(ContentType::TEXT_PLAIN)
            .body(mail.body.clone())
            .map_err(|e| format!("building mail: {e}"))?;
        match self {
            Mailer::Files(t, _) => t
                .send(&message)
                .map(|_| ())
                .map_err(|e| format!("writing mail: {e}")),
            Mailer::Smtp(t) => t
                .send(&message)
                .map(|_| ())
                .map_err(|e| format!("SMTP: {e}")),
        }
    }
}
