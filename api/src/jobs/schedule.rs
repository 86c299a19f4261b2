//! Scheduled work: expiry, first-response reminders, and month-end account rest (SPEC 4
//! step 8) in Japan time. Each is a plain function of the clock it is given, so tests and
//! `keynet month-end` drive it directly; the server runs them every few minutes.

use crate::db::accounts::{now, FacilityRow};
use crate::db::schema::{facilities, job_runs, postings};
use crate::db::{is_unique_violation, outbox, postings as q, threads, write_tx, Db, DbConn};
use crate::domain::codes::PostingStatus;
use crate::error::AppResult;
use crate::notify;
use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime};
use diesel::prelude::*;

/// Mails the facility once about every inquiry or application still unanswered after
/// `hours`; returns how many reminders were queued.
pub fn send_first_response_reminders(
    conn: &mut DbConn,
    at: NaiveDateTime,
    hours: i64,
    public_url: &str,
) -> AppResult<usize> {
    let mut sent = 0;
    for t in threads::unanswered_since(conn, at - Duration::hours(hours))? {
        if t.reminder_sent_at.is_some() {
            continue;
        }
        let queued = write_tx(conn, |c| {
            if !threads::mark_reminded(c, t.id)? {
                return Ok(false);
            }
            let posting = q::find(c, t.posting_id)?;
            let facility = crate::db::accounts::find_facility(c, t.facility_id)?;
            let mail = notify::first_response_reminder(
                &crate::flows::posting_contact_email(c, &posting)?,
                &facility.name,
                crate::flows::occupation_label(&posting),
                hours,
                &notify::thread_link(public_url, t.id),
            );
            outbox::enqueue(c, &mail)?;
            Ok(true)
        })?;
        sent += usize::from(queued);
    }
    Ok(sent)
}

/// Mails both sides once, about a day before each interview still on; returns how many
/// interviews were reminded of.
pub fn send_interview_reminders(
    conn: &mut DbConn,
    at: NaiveDateTime,
    public_url: &str,
) -> AppResult<usize> {
    let mut sent = 0;
    for i in threads::interviews_due_for_reminder(conn, at, Duration::hours(24))? {
        let queued = write_tx(conn, |c| {
            outbox::hold_recipients(c)?;
            if !threads::mark_interview_reminded(c, i.id)? {
                return Ok(false);
            }
            let t = threads::find(c, i.thread_id)?;
            if !t.stage().is_pending() {
                return Ok(false);
            }
            let posting = q::find(c, t.posting_id)?;
            let occupation = crate::flows::occupation_label(&posting);
            let notice = notify::InterviewNotice::new(
                public_url,
                t.id,
                occupation,
                i.starts_at,
                &i.video_url,
            );
            for r in crate::flows::both_sides(c, &posting, t.jobseeker_account_id)? {
                outbox::enqueue(
                    c,
                    &notify::interview_reminder(&r.email, &r.greeting, &notice),
                )?;
            }
            Ok(true)
        })?;
        sent += usize::from(queued);
    }
    Ok(sent)
}

/// The calendar month before the one `at` (UTC) falls in, in Japan time.
pub fn previous_month_in_japan(at: NaiveDateTime) -> (i32, u32) {
    let jst = at + Duration::hours(9);
    if jst.month() == 1 {
        (jst.year() - 1, 12)
    } else {
        (jst.year(), jst.month() - 1)
    }
}

/// The UTC instants at which a Japanese calendar month starts and ends.
fn month_bounds_utc(year: i32, month: u32) -> Option<(NaiveDateTime, NaiveDateTime)> {
    let start = NaiveDate::from_ymd_opt(year, month, 1)?;
    let next = if month == 12 {
        NaiveDate::from_ymd_opt(year + 1, 1, 1)?
    } else {
        NaiveDate::from_ymd_opt(year, month + 1, 1)?
    };
    Some((
        start.and_hms_opt(0, 0, 0)? - Duration::hours(9),
        next.and_hms_opt(0, 0, 0)? - Duration::hours(9),
    ))
}

/// Month-end account rest for `year`-`month` (Japan time): every active facility with no
/// open posting that registered no posting during the month is suspended, and told.
/// Runs once per month across all servers; returns how many facilities were suspended, or
/// `None` when that month was already processed.
pub fn month_end(conn: &mut DbConn, year: i32, month: u32) -> AppResult<Option<usize>> {
    let Some((start, end)) = month_bounds_utc(year, month) else {
        return Ok(Some(0));
    };
    let key = format!("{year:04}-{month:02}");
    write_tx(conn, |c| {
        let claimed = c.transaction(|c| {
            diesel::insert_into(job_runs::table)
                .values((
                    job_runs::name.eq("month_end"),
                    job_runs::run_key.eq(&key),
                    job_runs::ran_at.eq(now()),
                ))
                .execute(c)
        });
        match claimed {
            Ok(_) => {}
            Err(e) if is_unique_violation(&e) => return Ok(None),
            Err(e) => return Err(e.into()),
        }
        let candidates: Vec<FacilityRow> = facilities::table
            .filter(facilities::status.eq("active"))
            .filter(facilities::created_at.lt(end))
            .load(c)?;
        let mut resting = vec![];
        for f in candidates {
            // One conditional statement per facility: a posting registered meanwhile has
            // written `last_posted_at` on this very row, which the update re-checks.
            let open = postings::table
                .filter(postings::facility_id.eq(f.id))
                .filter(postings::status.eq(PostingStatus::Open.code()));
            let rested = diesel::update(
                facilities::table
                    .find(f.id)
                    .filter(facilities::status.eq("active"))
                    .filter(
                        facilities::last_posted_at
                            .is_null()
                            .or(facilities::last_posted_at.lt(start)),
                    )
                    .filter(diesel::dsl::not(diesel::dsl::exists(open))),
            )
            .set((
                facilities::status.eq("suspended"),
                facilities::suspended_at.eq(Some(now())),
                facilities::updated_at.eq(now()),
            ))
            .execute(c)?;
            if rested == 1 {
                crate::db::changes::record(
                    crate::db::changes::Kind::FacilityRested,
                    f.id,
                    serde_json::json!({"month": key}),
                )?;
                resting.push(f.id);
            }
        }
        Ok(Some(resting.len()))
    })
}

/// Runs the scheduled jobs every `interval` for as long as the server runs.
pub fn spawn(db: Db, public_url: String, first_response_hours: i64, interval: std::time::Duration) {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(interval);
        loop {
            tick.tick().await;
            let url = public_url.clone();
            let result = db
                .run(move |c| {
                    let expired =
                        super::expire::expire_postings(c, super::expire::today_in_japan())?;
                    let reminded =
                        send_first_response_reminders(c, now(), first_response_hours, &url)?
                            + send_interview_reminders(c, now(), &url)?;
                    let (y, m) = previous_month_in_japan(now());
                    let rested = month_end(c, y, m)?;
                    // Partners' digests for yesterday, from 07:00 Japan time.
                    if crate::clock::jst(now()).format("%H").to_string().as_str() >= "07" {
                        super::digest::partner_digest(
                            c,
                            super::digest::yesterday_in_japan(),
                            &url,
                        )?;
                    }
                    Ok((expired, reminded, rested))
                })
                .await;
            crate::observe::job_ran("scheduled", &result);
            match result {
                Ok((0, 0, None | Some(0))) => {}
                Ok((e, r, s)) => {
                    log::info!("jobs: {e} postings expired, {r} reminders queued, month-end: {s:?}")
                }
                Err(e) => log::error!("scheduled jobs: {e}"),
            }
        }
    });
}
