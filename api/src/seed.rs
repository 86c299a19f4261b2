//! `keynet seed-demo`: deterministic, realistic postings across all 47 prefectures and
//! 11 occupations. The same N gives the same data (dates are relative to today).
//! It also creates a demo facility account `DEMO-0001` (password `keynet-demo-2026`) so
//! that a newcomer can sign in as a facility at once.

use crate::db::accounts::now;
use crate::db::schema::{accounts, facilities};
use crate::db::{postings, write_tx, DbConn};
use crate::domain::codes::{
    Duty, FacilityType, Insurance, Occupation, OtherListing, Role, WageUnit,
};
use crate::domain::posting::{
    Contact, Duties, EmploymentPeriod, Hours, InsuranceSet, OtherListings, PostingForm,
    PublicDetails, Wage,
};
use crate::domain::prefecture::Prefecture;
use crate::domain::text::format_time;
use crate::error::AppResult;
use crate::seed_data::*;
use chrono::{Duration, Utc};
use diesel::prelude::*;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

pub const DEMO_FACILITY_ID: &str = "DEMO-0001";
pub const DEMO_FACILITY_PASSWORD: &str = "keynet-demo-2026";

/// Postings per seeding transaction.
const SEED_BATCH: usize = 5_000;

fn pick<'a, T>(rng: &mut StdRng, xs: &'a [T]) -> &'a T {
    &xs[rng.gen_range(0..xs.len())]
}

struct Fac {
    id: i64,
    name: String,
    prefecture: Prefecture,
    muni: (&'static str, &'static str, &'static str),
    kind: FacilityType,
}

fn facility_name(rng: &mut StdRng, kind: FacilityType, muni: &str) -> String {
    let place = muni.split(['市', '区', '町', '村']).next().unwrap_or(muni);
    match kind {
        FacilityType::Hospital => format!("{}{}", place, pick(rng, HOSPITAL_SUFFIXES)),
        FacilityType::Clinic => {
            format!("{}{}", pick(rng, FAMILY_NAMES), pick(rng, CLINIC_SUFFIXES))
        }
        FacilityType::HealthCenter => format!("{}保健所", place),
    }
}

fn create_facilities(conn: &mut DbConn, rng: &mut StdRng, count: usize) -> AppResult<Vec<Fac>> {
    let mut out = Vec::with_capacity(count);
    for i in 0..count {
        // Every prefecture gets facilities: walk them in order, then at random.
        let prefecture = if i < 47 {
            Prefecture::all()
                .nth(i)
                .unwrap_or_else(|| Prefecture::all().next().expect("47 prefectures"))
        } else {
            Prefecture::all()
                .nth(rng.gen_range(0..47))
                .expect("47 prefectures")
        };
        let muni = *pick(rng, MUNICIPALITIES[prefecture.index()]);
        let kind = match rng.gen_range(0..10) {
            0..=5 => FacilityType::Hospital,
            6..=8 => FacilityType::Clinic,
            _ => FacilityType::HealthCenter,
        };
        let name = if i == 0 {
            "キーネット中央病院".to_string()
        } else {
            facility_name(rng, kind, muni.0)
        };
        let gmis = if i == 0 {
            DEMO_FACILITY_ID.to_string()
        } else {
            format!("SEED-{:05}", i)
        };
        let id = diesel::insert_into(facilities::table)
            .values((
                facilities::gmis_id.eq(&gmis),
                facilities::name.eq(&name),
                facilities::prefecture_code.eq(prefecture.code()),
                facilities::email.eq(format!("jinji+{}@example.jp", gmis.to_lowercase())),
                facilities::status.eq("active"),
                facilities::created_at.eq(now()),
                facilities::updated_at.eq(now()),
            ))
            .returning(facilities::id)
            .get_result::<i64>(conn)?;
        out.push(Fac {
            id,
            name,
            prefecture,
            muni,
            kind: if i == 0 { FacilityType::Hospital } else { kind },
        });
    }
    Ok(out)
}

fn demo_form(rng: &mut StdRng, f: &Fac, i: usize) -> PostingForm {
    let occupation = Occupation::ALL[i % Occupation::ALL.len()];
    let today = Utc::now().date_naive();
    let start = today + Duration::days(rng.gen_range(-20..60));
    let end = start + Duration::days(rng.gen_range(30..240));
    let (unit, amount) = match (occupation, rng.gen_range(0..3)) {
        (Occupation::Doctor, 0) => (WageUnit::Daily, rng.gen_range(8..15) * 10_000),
        (Occupation::Doctor, _) => (WageUnit::Hourly, rng.gen_range(10..20) * 1_000),
        (Occupation::Clerical, _) => (WageUnit::Hourly, rng.gen_range(105..160) * 10),
        (_, 0) => (WageUnit::Monthly, rng.gen_range(24..42) * 10_000),
        (_, 1) => (WageUnit::Daily, rng.gen_range(12..30) * 1_000),
        _ => (WageUnit::Hourly, rng.gen_range(16..40) * 100),
    };
    let mut duties: Vec<Duty> = Duty::ALL
        .iter()
        .copied()
        .filter(|_| rng.gen_bool(0.3))
        .collect();
    if f.kind == FacilityType::HealthCenter && !duties.contains(&Duty::HealthCenter) {
        duties.push(Duty::HealthCenter);
    }
    if duties.is_empty() {
        duties.push(Duty::GeneralOutpatient);
    }
    duties.sort();
    let other_detail = duties
        .contains(&Duty::Other)
        .then(|| pick(rng, DEPARTMENTS).to_string());
    let (start_min, end_min): (u16, u16) = match rng.gen_range(0..5) {
        0 => (16 * 60 + 30, 9 * 60),      // overnight
        1 => (8 * 60 + 45, 17 * 60 + 10), // to the minute, as in the notice
        2 => (9 * 60, 18 * 60),
        3 => (8 * 60 + 30, 17 * 60 + 15),
        _ => (13 * 60, 17 * 60),
    };
    let person = format!("{} {}", pick(rng, FAMILY_NAMES), pick(rng, GIVEN_NAMES));
    let probation = rng.gen_bool(0.3).then(|| rng.gen_range(1..=12));
    PostingForm {
        occupation,
        mask_requested: rng.gen_bool(0.3),
        facility_type: f.kind,
        prefecture: f.prefecture,
        municipality: f.muni.0.to_string(),
        period: EmploymentPeriod { start, end },
        details: PublicDetails {
            probation_weeks: probation,
            duties: Duties {
                codes: duties,
                other_detail,
            },
            wage: Wage {
                unit,
                amount_yen: amount,
                probation_amount_yen: probation.map(|_| amount * 9 / 10),
            },
            hours: Hours {
                start: format_time(start_min),
                end: format_time(end_min),
                overnight: end_min < start_min,
                break_minutes: if end_min < start_min { 120 } else { 60 },
                overtime: rng.gen_bool(0.5),
                overtime_detail: Some("月10時間程度".to_string()).filter(|_| rng.gen_bool(0.5)),
                holidays: pick(rng, HOLIDAYS).to_string(),
            },
            insurance: InsuranceSet {
                codes: vec![
                    Insurance::Employment,
                    Insurance::WorkersCompensation,
                    Insurance::Health,
                    Insurance::Pension,
                ],
                other_detail: None,
            },
            no_smoking_on_premises: rng.gen_bool(0.8),
            notes: pick(rng, NOTES).to_string(),
            other_listings: OtherListings {
                codes: if rng.gen_bool(0.4) {
                    vec![OtherListing::HelloWork]
                } else {
                    vec![]
                },
                other_detail: None,
            },
        },
        postal_code: f.muni.1.to_string(),
        street_address: format!(
            "{}{}-{}-{}",
            f.muni.2,
            rng.gen_range(1..9),
            rng.gen_range(1..30),
            rng.gen_range(1..20)
        ),
        workplace_name: if rng.gen_bool(0.5) {
            format!(
                "{}棟{}階",
                pick(rng, &["本館", "新館", "東", "西"]),
                rng.gen_range(1..8)
            )
        } else {
            String::new()
        },
        contact: Contact {
            person_name: person,
            address: None,
            phone: format!(
                "0{}-{:04}-{:04}",
                rng.gen_range(3..99),
                rng.gen_range(0..10_000),
                rng.gen_range(0..10_000)
            ),
            extension: Some(rng.gen_range(100..999).to_string()).filter(|_| rng.gen_bool(0.5)),
            application_phone: None,
            email: format!("jinji{}@example.jp", f.id),
        },
    }
}

/// Seeds `n` postings; returns how many were written (0 with `if_empty` on a filled database).
pub fn seed_demo(conn: &mut DbConn, n: usize, if_empty: bool) -> AppResult<usize> {
    use crate::db::schema::postings as p;
    if if_empty && p::table.count().get_result::<i64>(conn)? > 0 {
        return Ok(0);
    }
    let mut rng = StdRng::seed_from_u64(20_200_527);
    let facility_count = (n / 4).clamp(47.min(n.max(1)), 20_000);
    let facilities = write_tx(conn, |conn| {
        let facilities = create_facilities(conn, &mut rng, facility_count)?;
        let hash = crate::auth::password::hash(DEMO_FACILITY_PASSWORD)
            .map_err(crate::error::ApiError::internal)?;
        let demo = &facilities[0];
        diesel::insert_into(accounts::table)
            .values((
                accounts::role.eq(Role::Facility.code()),
                accounts::login_id.eq(DEMO_FACILITY_ID),
                accounts::email.eq("jinji+demo-0001@example.jp"),
                accounts::password_hash.eq(Some(hash)),
                accounts::facility_id.eq(Some(demo.id)),
                accounts::created_at.eq(now()),
            ))
            .execute(conn)?;
        Ok(facilities)
    })?;
    // Postings in transactions of 5,000, each written in multi-row statements: a million
    // postings seed in minutes, in bounded memory.
    let mut i = 0;
    while i < n {
        let end = (i + SEED_BATCH).min(n);
        let batch: Vec<postings::NewPosting> = (i..end)
            .map(|i| {
                let f = &facilities[if i < facilities.len() {
                    i
                } else {
                    rng.gen_range(0..facilities.len())
                }];
                postings::NewPosting {
                    facility_id: f.id,
                    facility_name: &f.name,
                    form: demo_form(&mut rng, f, i),
                }
            })
            .collect();
        write_tx(conn, |conn| postings::insert_many(conn, &batch))?;
        i = end;
    }
    // Fresh planner statistics, so that searches pick the right index at once.
    diesel::sql_query("ANALYZE").execute(conn)?;
    Ok(n)
}

/// The partners of SPEC 5, one of each kind with its scope, each with an API key; returns
/// (organisation name, key) for the operator to try the partner API with.
pub fn seed_partners(conn: &mut DbConn) -> AppResult<Vec<(String, String)>> {
    use crate::domain::codes::{Occupation as O, OrganisationKind as K, ScopeDetail as D};
    use crate::domain::partner::{NewOrganisation, Scope};
    use crate::domain::prefecture::Prefecture;
    let all_prefs: Vec<Prefecture> = Prefecture::all().collect();
    let nursing = vec![
        O::PublicHealthNurse,
        O::Midwife,
        O::Nurse,
        O::AssistantNurse,
    ];
    let pref = |code: &str| Prefecture::parse(code).expect("prefecture");
    // Name, kind, own prefecture, occupations, prefectures, detail.
    type Demo<'a> = (&'a str, K, Option<&'a str>, Vec<O>, Vec<Prefecture>, D);
    let demo: Vec<Demo> = vec![
        (
            "東京都 福祉保健局",
            K::Prefecture,
            Some("13"),
            O::ALL.to_vec(),
            vec![pref("13")],
            D::Full,
        ),
        (
            "厚生労働省 医政局",
            K::Mhlw,
            None,
            O::ALL.to_vec(),
            all_prefs.clone(),
            D::Full,
        ),
        (
            "大阪労働局（ハローワーク）",
            K::LabourBureau,
            Some("27"),
            O::ALL.to_vec(),
            all_prefs.clone(),
            D::Full,
        ),
        (
            "日本医師会 女性医師バンク",
            K::Association,
            None,
            vec![O::Doctor],
            all_prefs.clone(),
            D::Full,
        ),
        (
            "日本看護協会 中央ナースセンター",
            K::Association,
            None,
            nursing.clone(),
            all_prefs.clone(),
            D::Full,
        ),
        (
            "日本診療放射線技師会",
            K::Association,
            None,
            vec![O::RadiologicalTechnologist],
            all_prefs.clone(),
            D::Full,
        ),
        (
            "日本臨床工学技士会",
            K::Association,
            None,
            vec![O::ClinicalEngineer],
            all_prefs.clone(),
            D::Full,
        ),
        (
            "日本臨床衛生検査技師会",
            K::Association,
            None,
            vec![O::ClinicalLaboratoryTechnologist],
            all_prefs.clone(),
            D::Full,
        ),
        (
            "大阪府ナースセンター",
            K::NurseCenter,
            Some("27"),
            nursing,
            vec![pref("27")],
            D::Full,
        ),
        (
            "メディカル人材サービス株式会社",
            K::Recruiter,
            None,
            O::ALL.to_vec(),
            all_prefs.clone(),
            D::Counts,
        ),
        (
            "G-MIS 連携",
            K::Upstream,
            None,
            O::ALL.to_vec(),
            all_prefs,
            D::Counts,
        ),
    ];
    write_tx(conn, |conn| {
        let mut out = vec![];
        for (i, (name, kind, pref_code, occupations, prefectures, detail)) in
            demo.into_iter().enumerate()
        {
            let org = crate::db::partners::create(
                conn,
                &NewOrganisation {
                    name: name.to_string(),
                    kind,
                    email: format!("partner{}@example.jp", i + 1),
                    prefecture: pref_code.map(pref),
                    scope: Scope {
                        occupations,
                        prefectures,
                        detail,
                    },
                },
            )?;
            let (_, key) = crate::db::partners::issue_key(conn, org.id)?;
            out.push((org.name, key));
        }
        Ok(out)
    })
}
