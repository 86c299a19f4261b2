//! The outbox worker: claims due mail, sends it, marks it sent or schedules a retry.

use crate::db::{outbox, write_tx, Db};
use crate::mail::Mailer;
use std::sync::Arc;
use std::time::Duration;

/// Turns new changes into mail, then sends what is due now; returns how many were sent.
pub fn send_due(db: &Db, mailer: &Mailer, from: &str, public_url: &str) -> Result<usize, String> {
    let mut conn = db.pool.get().map_err(|e| e.to_string())?;
    super::mail_from_changes::produce(&mut conn, public_url).map_err(|e| e.to_string())?;
    super::audit_from_changes::produce(&mut conn).map_err(|e| e.to_string())?;
    if let Ok((pending, oldest)) = outbox::backlog(&mut conn) {
        let m = crate::observe::metrics();
        m.outbox_pending.set(pending);
        m.outbox_oldest_age_seconds
            .set(oldest.map_or(0, |t| (crate::clock::now() - t).num_seconds().max(0)));
    }
    let rows = write_tx(&mut conn, |c| {
        outbox::claim(c, 5, chrono::Duration::minutes(10))
    })
    .map_err(|e| e.to_string())?;
    let mut sent = 0;
    for row in rows {
        match mailer.send(from, row.id, &row.mail()) {
            Ok(()) => {
                write_tx(&mut conn, |c| outbox::mark_sent(c, row.id)).map_err(|e| e.to_string())?;
                sent += 1;
            }
            Err(e) => {
                log::warn!("mail {} to outbox retry: {e}", row.id);
                write_tx(&mut conn, |c| outbox::mark_failed(c, &row, &e))
                    .map_err(|e| e.to_string())?;
            }
        }
    }
    Ok(sent)
}

/// Works the outbox every `interval` for as long as the server runs.
pub fn spawn(db: Db, mailer: Arc<Mailer>, from: String, public_url: String, interval: Duration) {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(interval);
        loop {
            tick.tick().await;
            let (db, mailer, from, url) =
                (db.clone(), mailer.clone(), from.clone(), public_url.clone());
            let result = actix_web::web::block(move || send_due(&db, &mailer, &from, &url)).await;
            if let Ok(r) = &result {
                crate::observe::job_ran("outbox", r);
            }
            match result {
                Ok(Ok(_)) => {}
                Ok(Err(e)) => log::error!("outbox: {e}"),
                Err(e) => log::error!("outbox worker: {e}"),
            }
        }
    });
}
