//! The partners' daily digest (SPEC 9): for one Japanese calendar day, each organisation gets
//! a mail of what changed in its scope — full-detail scopes the day's new, changed and
//! closed postings with a CSV attached, counts-only scopes the counts and the day's new
//! postings by occupation × prefecture. It reads the change log for the day and asks the
//! same [`Membership`] the feed asks, so it can say nothing the feed would not. Runs once
//! per day across servers (`job_runs`); `keynet partner-digest` runs it by hand.

use crate::db::changes::{self, Entity, Kind};
use crate::db::schema::job_runs;
use crate::db::{audit, is_unique_violation, outbox, partners, postings as q, write_tx, DbConn};
use crate::domain::codes::{Occupation, OrganisationKind};
use crate::domain::prefecture::Prefecture;
use crate::error::AppResult;
use crate::mail::Mail;
use crate::partner::{csv_file, is_new_in_scope, Membership, ScopeHistory};
use chrono::{Duration, NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use std::collections::BTreeMap;

/// The UTC bounds of a Japanese calendar day.
fn day_bounds_utc(date: NaiveDate) -> (NaiveDateTime, NaiveDateTime) {
    let start = date.and_hms_opt(0, 0, 0).unwrap_or_default() - Duration::hours(9);
    (start, start + Duration::days(1))
}

/// The day before today in Japan: what the morning run reports.
pub fn yesterday_in_japan() -> NaiveDate {
    crate::clock::today_in_japan() - Duration::days(1)
}

/// Sends every organisation its digest for `date`; `None` when that day was already sent.
pub fn partner_digest(
    conn: &mut DbConn,
    date: NaiveDate,
    public_url: &str,
) -> AppResult<Option<usize>> {
    let (start, end) = day_bounds_utc(date);
    let key = date.to_string();
    write_tx(conn, |c| {
        let claimed = c.transaction(|c| {
            diesel::insert_into(job_runs::table)
                .values((
                    job_runs::name.eq("partner_digest"),
                    job_runs::run_key.eq(&key),
                    job_runs::ran_at.eq(crate::clock::now()),
                ))
                .execute(c)
        });
        match claimed {
            Ok(_) => {}
            Err(e) if is_unique_violation(&e) => return Ok(None),
            Err(e) => return Err(e.into()),
        }
        let day = changes::of_entity_between(c, Entity::Posting, start, end)?;
        let ids: Vec<i64> = day.iter().map(|ch| ch.entity_id).collect();
        let rows = q::find_many(c, &ids)?;
        let mut sent = 0;
        for org in partners::list(c)? {
            if org.kind() == Some(OrganisationKind::Upstream) {
                continue;
            }
            let history = ScopeHistory::load(c, &org)?;
            let mail = if history.now.is_full() {
                // posting id → (new that day, what it means now)
                let mut seen: BTreeMap<i64, (bool, Membership)> = BTreeMap::new();
                for ch in &day {
                    let Some(row) = rows.get(&ch.entity_id) else {
                        continue;
                    };
                    let m = Membership::of(ch, org.id, &history, row);
                    if m == Membership::Nothing {
                        continue;
                    }
                    let created = ch.kind == Kind::PostingCreated.code();
                    let entry = seen.entry(row.id).or_insert((created, m.clone()));
                    entry.0 |= created;
                    entry.1 = m;
                }
                let open: Vec<_> = seen
                    .iter()
                    .filter(|(_, (_, m))| *m == Membership::Upsert)
                    .filter_map(|(id, _)| rows.get(id).cloned())
                    .collect();
                let new = seen
                    .values()
                    .filter(|(n, m)| *n && *m == Membership::Upsert)
                    .count();
                let closed: Vec<String> = seen
                    .iter()
                    .filter_map(|(id, (_, m))| match m {
                        Membership::Remove(r) => {
                            Some(format!("  求人ID {id}（{}）", reason_label(r)))
                        }
                        _ => None,
                    })
                    .collect();
                if !open.is_empty() {
                    let ids: Vec<String> = open.iter().map(|r| r.id.to_string()).collect();
                    audit::record_partner_read(
                        c,
                        org.id,
                        format!("digest {key}: {}", ids.join(",")),
                    )?;
                }
                let csv = csv_file(c, &open)?;
                full_digest(
                    &org.email,
                    &org.name,
                    date,
                    new,
                    open.len() - new,
                    &closed,
                    csv,
                )
            } else {
                let mut by: BTreeMap<(String, String), i64> = BTreeMap::new();
                for ch in day.iter().filter(|ch| is_new_in_scope(ch, &history)) {
                    let d = ch.data();
                    let (Some(o), Some(p)) = (
                        d.get("occupation").and_then(|v| v.as_str()),
                        d.get("prefecture_code").and_then(|v| v.as_str()),
                    ) else {
                        continue;
                    };
                    *by.entry((o.to_string(), p.to_string())).or_default() += 1;
                }
                let o: Vec<&str> = history.now.occupations.iter().map(|o| o.code()).collect();
                let p: Vec<&str> = history.now.prefectures.iter().map(|p| p.code()).collect();
                let open: i64 = q::open_counts(c, &o, &p)?.iter().map(|x| x.2).sum();
                let organisations = partners::list(c)?;
                let desks = crate::db::desks::list(c, None)?;
                let mut prefs: Vec<&str> = by.keys().map(|(_, p)| p.as_str()).collect();
                prefs.sort();
                prefs.dedup();
                let contacts: Vec<String> = prefs
                    .iter()
                    .flat_map(|p| crate::partner::local_contacts(&organisations, &desks, p))
                    .map(|c| {
                        let how: Vec<&str> = ["phone", "email", "address", "hours"]
                            .iter()
                            .filter_map(|k| c[*k].as_str())
                            .collect();
                        format!("  {}：{}", c["name"].as_str().unwrap_or(""), how.join("　"))
                    })
                    .collect();
                counts_digest(
                    &org.email, &org.name, date, &by, open, public_url, &contacts,
                )
            };
            outbox::enqueue(c, &mail)?;
            sent += 1;
        }
        Ok(Some(sent))
    })
}

fn reason_label(code: &str) -> &'static str {
    match code {
        "filled" => "充足",
        "withdrawn" => "取下げ",
        "expired" => "期間満了",
        "suspended" => "掲載停止",
        _ => "提供範囲外",
    }
}

fn label(o: &str, p: &str) -> String {
    format!(
        "{} × {}",
        Occupation::parse(o).map(|o| o.label().ja).unwrap_or(""),
        Prefecture::parse(p).map(|p| p.label().ja).unwrap_or("")
    )
}

fn full_digest(
    to: &str,
    name: &str,
    date: NaiveDate,
    new: usize,
    changed: usize,
    closed: &[String],
    csv: Vec<u8>,
) -> Mail {
    let day = crate::domain::text::reiwa(date);
    let closed_text = if closed.is_empty() {
        "  なし".to_string()
    } else {
        closed.join("\n")
    };
    let mut m = Mail::new(
        to,
        format!("【Key-Net】{day}の募集情報（新規{new}件・更新{changed}件・終了{}件）", closed.len()),
        format!(
            "{name} ご担当者様\n\n{day}（{date}）の提供範囲内の募集情報です。\n\n\
             新規：{new}件\n更新：{changed}件\n終了・範囲外：{}件\n{closed_text}\n\n\
             新規・更新の募集は添付のCSV（UTF-8、BOM付き）に全項目を収めています。\n\
             最新の状態は変更フィード（/api/v1/partner/changes）で取得できます。\n\n\
             Key-Net daily digest for {date}: {new} new, {changed} changed, {} closed or out of scope; CSV attached.{}",
            closed.len(),
            closed.len(),
            crate::notify::FOOTER
        ),
    );
    m.attachment = Some((format!("keynet-{date}.csv"), csv));
    m
}

fn counts_digest(
    to: &str,
    name: &str,
    date: NaiveDate,
    new: &BTreeMap<(String, String), i64>,
    open: i64,
    public_url: &str,
    contacts: &[String],
) -> Mail {
    let contacts = if contacts.is_empty() {
        String::new()
    } else {
        format!(
            "\n求職者の相談先（相談窓口・都道府県・ハローワーク・ナースセンター）：\n{}\n",
            contacts.join("\n")
        )
    };
    let day = crate::domain::text::reiwa(date);
    let lines = if new.is_empty() {
        "  なし".to_string()
    } else {
        new.iter()
            .map(|((o, p), n)| format!("  {}：{n}件", label(o, p)))
            .collect::<Vec<_>>()
            .join("\n")
    };
    let total: i64 = new.values().sum();
    Mail::new(
        to,
        format!("【Key-Net】{day}の新規募集（{total}件）"),
        format!(
            "{name} ご担当者様\n\n{day}（{date}）に掲載された新規の募集（職種 × 都道府県）です。\n\n{lines}\n\n\
             掲載中の募集（提供範囲内）：{open}件\n\n募集の内容は公開の検索でご覧ください：{}/\n{contacts}\n\
             Key-Net daily digest for {date}: {total} new postings in your scope.{}",
            public_url.trim_end_matches('/'),
            crate::notify::FOOTER
        ),
    )
}
