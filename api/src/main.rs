//! `keynet`: serve (default) | migrate | create-admin | seed-demo | openapi.

use clap::{Parser, Subcommand};
use keynet::config::Settings;
use keynet::db::{self, Db};
use std::process::ExitCode;

/// mimalloc rather than glibc's malloc: at 32 concurrent searches glibc's per-thread arenas
/// either held tens of megabytes more (by default) or, capped at two arenas, cost a third of
/// the search throughput (measured with `make bench`'s mixes at 100,000 postings). It is
/// built without transparent huge pages (`no_thp`): with them its arenas were backed by 2 MB
/// pages and a loaded server stayed at 130 MB; without, at about 85 MB.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Returns freed memory to the system at once rather than after a second (a few megabytes
/// less under load, no throughput measured lost), and commits arena memory as it is used.
/// `MIMALLOC_*` variables still override these; `MALLOC_ARENA_MAX` the C library's arenas.
fn tune_allocator() {
    // Option numbers from mimalloc 3's `mimalloc.h` (`mi_option_e`); the crate names only
    // some of them.
    const ARENA_EAGER_COMMIT: libmimalloc_sys::mi_option_t = 4;
    const PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;
    for (option, var) in [
        (ARENA_EAGER_COMMIT, "MIMALLOC_ARENA_EAGER_COMMIT"),
        (PURGE_DELAY, "MIMALLOC_PURGE_DELAY"),
    ] {
        if std::env::var_os(var).is_none() {
            // SAFETY: the option only changes when mimalloc commits and returns memory.
            unsafe { libmimalloc_sys::mi_option_set(option, 0) };
        }
    }
    // SQLite allocates with the C library's malloc, which gives each busy thread an arena of
    // its own and keeps what they free: two arenas took a loaded server at 100,000 postings
    // from about 100 MB to 83 MB after keyword searches, at the same throughput.
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    if std::env::var_os("MALLOC_ARENA_MAX").is_none() {
        // SAFETY: called first thing in main, before any other thread exists.
        unsafe { libc::mallopt(libc::M_ARENA_MAX, 2) };
    }
}

#[derive(Parser)]
#[command(name = "keynet", about = "医療のお仕事 Key-Net server", version)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the API and the web client (the default).
    Serve,
    /// Apply pending database migrations.
    Migrate,
    /// Create an admin account, or reset its password.
    CreateAdmin {
        #[arg(long)]
        email: String,
        #[arg(long)]
        password: String,
    },
    /// Fill the database with deterministic, realistic demo postings.
    SeedDemo {
        #[arg(long, default_value_t = 2000)]
        postings: usize,
        /// Do nothing when the database already has postings.
        #[arg(long)]
        if_empty: bool,
    },
    /// Print the OpenAPI document (YAML).
    Openapi,
    /// Month-end account rest (Japan time) for a month, by hand; the server also runs it.
    MonthEnd {
        /// `YYYY-MM`; defaults to the month that ended last.
        #[arg(long)]
        month: Option<String>,
    },
    /// Send each partner organisation its digest for a Japanese calendar day (once per day;
    /// the server also runs it each morning for the day before).
    PartnerDigest {
        /// `YYYY-MM-DD`; defaults to yesterday in Japan.
        #[arg(long)]
        date: Option<String>,
    },
    /// Benchmark support: print the SQL one search runs (PostgreSQL only), one statement a line.
    #[command(hide = true)]
    SearchSql {
        #[arg(long)]
        query: String,
    },
    /// Benchmark support: run a search straight against the database from N threads.
    #[command(hide = true)]
    DriveSearch {
        #[arg(long)]
        query: String,
        #[arg(long, default_value_t = 32)]
        connections: usize,
        #[arg(long, default_value_t = 10)]
        seconds: u64,
    },
    /// Benchmark support: read postings by random ID (1..=postings) straight against the
    /// database from N threads.
    #[command(hide = true)]
    DriveDetail {
        #[arg(long)]
        postings: i64,
        #[arg(long, default_value_t = 32)]
        connections: usize,
        #[arg(long, default_value_t = 10)]
        seconds: u64,
    },
    /// Benchmark support: one-row durable commits straight against the database from N threads.
    #[command(hide = true)]
    DriveWrites {
        #[arg(long, default_value_t = 32)]
        connections: usize,
        #[arg(long, default_value_t = 10)]
        seconds: u64,
    },
}

/// Runs a benchmark driver on a pool of `connections` and prints its figures as `make bench`
/// reads them: req/s, p50 ms, p99 ms, requests.
fn drive(
    settings: &Settings,
    connections: usize,
    run: impl FnOnce(&keynet::db::Pool) -> Result<keynet::bench::DriverResult, String>,
) -> Result<(), String> {
    let db = Db::connect(&settings.database_url, connections as u32)?;
    let r = run(&db.pool)?;
    println!(
        "{:.1} {:.2} {:.2} {}",
        r.requests as f64 / r.seconds,
        r.p50_ms,
        r.p99_ms,
        r.requests
    );
    Ok(())
}

fn open_db(settings: &Settings) -> Result<Db, String> {
    let db = Db::connect(&settings.database_url, 2)?;
    let mut conn = db.pool.get().map_err(|e| format!("database: {e}"))?;
    for m in db::migrate(&mut conn)? {
        eprintln!("applied migration {m}");
    }
    Ok(db)
}

fn main() -> ExitCode {
    tune_allocator();
    keynet::observe::init_logging();
    let cli = Cli::parse();
    let settings = Settings::from_env();
    let result: Result<(), String> = match cli.command.unwrap_or(Command::Serve) {
        Command::Serve => serve(settings),
        Command::Migrate => open_db(&settings).map(|_| eprintln!("database is up to date")),
        Command::CreateAdmin { email, password } => create_admin(&settings, &email, &password),
        Command::SeedDemo { postings, if_empty } => open_db(&settings).and_then(|db| {
            let mut conn = db.pool.get().map_err(|e| e.to_string())?;
            let n = keynet::seed::seed_demo(&mut conn, postings, if_empty)
                .map_err(|e| e.to_string())?;
            eprintln!("seeded {n} postings");
            if n > 0 {
                let keys = keynet::seed::seed_partners(&mut conn).map_err(|e| e.to_string())?;
                eprintln!(
                    "seeded {} partner organisations; their API keys:",
                    keys.len()
                );
                for (name, key) in keys {
                    println!("{key}\t{name}");
                }
            }
            Ok(())
        }),
        Command::SearchSql { query } => {
            keynet::bench::search_sql_pg(&settings.database_url, &query).map(|stmts| {
                for s in stmts {
                    println!("{};", s.replace('\n', " "));
                }
            })
        }
        Command::DriveSearch {
            query,
            connections,
            seconds,
        } => drive(&settings, connections, |pool| {
            keynet::bench::drive_search(pool, &query, connections, seconds)
        }),
        Command::DriveDetail {
            postings,
            connections,
            seconds,
        } => drive(&settings, connections, |pool| {
            keynet::bench::drive_detail(pool, postings, connections, seconds)
        }),
        Command::DriveWrites {
            connections,
            seconds,
        } => drive(&settings, connections, |pool| {
            keynet::bench::drive_writes(pool, connections, seconds)
        }),
        Command::MonthEnd { month } => open_db(&settings).and_then(|db| {
            let (y, m) = match month {
                Some(s) => {
                    let (y, m) = s.split_once('-').ok_or("use --month YYYY-MM")?;
                    (
                        y.parse().map_err(|_| "bad year")?,
                        m.parse().map_err(|_| "bad month")?,
                    )
                }
                None => {
                    keynet::jobs::schedule::previous_month_in_japan(keynet::db::accounts::now())
                }
            };
            let mut conn = db.pool.get().map_err(|e| e.to_string())?;
            match keynet::jobs::schedule::month_end(&mut conn, y, m).map_err(|e| e.to_string())? {
                Some(n) => eprintln!("{y}-{m:02}: {n} facilities rested"),
                None => eprintln!("{y}-{m:02} was already processed"),
            }
            Ok(())
        }),
        Command::PartnerDigest { date } => open_db(&settings).and_then(|db| {
            let date = match date {
                Some(d) => chrono::NaiveDate::parse_from_str(&d, "%Y-%m-%d")
                    .map_err(|_| "use --date YYYY-MM-DD".to_string())?,
                None => keynet::jobs::digest::yesterday_in_japan(),
            };
            let mut conn = db.pool.get().map_err(|e| e.to_string())?;
            match keynet::jobs::digest::partner_digest(&mut conn, date, &settings.public_url)
                .map_err(|e| e.to_string())?
            {
                Some(n) => eprintln!("{date}: {n} digests queued"),
                None => eprintln!("{date}: digests were already sent"),
            }
            drop(conn);
            // Send what is queued now, as the server's outbox worker would.
            let mailer = keynet::mail::Mailer::from_settings(&settings)?;
            let sent = keynet::jobs::outbox::send_due(
                &db,
                &mailer,
                &settings.mail_from,
                &settings.public_url,
            )?;
            eprintln!("{sent} mails sent");
            Ok(())
        }),
        Command::Openapi => {
            print!("{}", keynet::openapi::yaml());
            Ok(())
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("keynet: {e}");
            ExitCode::FAILURE
        }
    }
}

fn create_admin(settings: &Settings, email: &str, password: &str) -> Result<(), String> {
    let mut errors = keynet::domain::posting::Errors::default();
    let email = errors
        .email("email", Some(email))
        .ok_or("not a valid e-mail address")?;
    if let Err(weak) = keynet::auth::password::check(password, &[email.as_str()]) {
        return Err(format!(
            "password: {}",
            weak.message.get(keynet::i18n::Lang::En)
        ));
    }
    let db = open_db(settings)?;
    let mut conn = db.pool.get().map_err(|e| e.to_string())?;
    let hash = keynet::auth::password::hash(password)?;
    let account = keynet::db::write_tx(&mut conn, |c| {
        keynet::db::accounts::upsert_admin(c, &email, &hash)
    })
    .map_err(|e| e.to_string())?;
    eprintln!("admin {} ready (account {})", account.login_id, account.id);
    Ok(())
}

fn serve(settings: Settings) -> Result<(), String> {
    let bind = settings.bind.clone();
    let state = keynet::app::build_state(settings)?;
    let listener =
        std::net::TcpListener::bind(&bind).map_err(|e| format!("cannot listen on {bind}: {e}"))?;
    eprintln!("Key-Net listening on http://{bind} (API docs: http://{bind}/api/docs/)");
    let rt = actix_web::rt::System::new();
    rt.block_on(async move {
        let server = keynet::app::run(state, listener).map_err(|e| e.to_string())?;
        server.await.map_err(|e| e.to_string())
    })
}
