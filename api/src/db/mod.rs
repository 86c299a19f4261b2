//! Database access: one `MultiConnection` over PostgreSQL and SQLite, a pool, migrations,
//! and the query functions. Every call here is blocking; handlers run them through
//! [`Db::run`], which moves them off the async executor.

pub mod accounts;
pub mod audit;
pub mod changes;
pub mod desks;
pub mod facilities;
pub mod favourites;
pub mod outbox;
pub mod partners;
pub mod postings;
pub mod saved_searches;
pub mod schema;
pub mod sessions;
pub mod stamps;
pub mod threads;

use crate::error::{ApiError, AppResult};
use diesel::connection::{AnsiTransactionManager, SimpleConnection, TransactionManager};
use diesel::prelude::*;
use diesel::r2d2::{self, ManageConnection};
use diesel::{PgConnection, SqliteConnection};
use diesel_migrations::{embed_migrations, EmbeddedMigrations, MigrationHarness};
use std::time::Duration;

const PG_MIGRATIONS: EmbeddedMigrations = embed_migrations!("../migrations/postgres");
const SQLITE_MIGRATIONS: EmbeddedMigrations = embed_migrations!("../migrations/sqlite");

/// A connection to either backend. Queries are written once against this type.
#[derive(diesel::MultiConnection)]
pub enum DbConn {
    Pg(PgConnection),
    Sqlite(SqliteConnection),
}

/// Runs `$body` with `$c` bound to the backend's own connection: for what diesel builds per
/// backend only, such as multi-row inserts (SQLite lacks `DEFAULT` in them, so
/// `MultiConnection` cannot express them), and for the hottest reads of fixed shape (a posting
/// by ID, the data generation): through `MultiConnection` a statement's whole SQL text is
/// built again for each pass diesel makes over it (cache key, cache check, binds), which was a
/// tenth of a detail read's CPU.
macro_rules! on_backend {
    ($conn:expr, |$c:ident| $body:expr) => {
        match $conn {
            $crate::db::DbConn::Pg($c) => $body,
            $crate::db::DbConn::Sqlite($c) => $body,
        }
    };
}
pub(crate) use on_backend;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    Postgres,
    Sqlite,
}

impl Backend {
    pub fn of_url(url: &str) -> Backend {
        if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Backend::Postgres
        } else {
            Backend::Sqlite
        }
    }
}

/// Strips an optional `sqlite://` prefix: diesel wants a plain path.
fn sqlite_path(url: &str) -> &str {
    url.strip_prefix("sqlite://").unwrap_or(url)
}

/// Opens a connection of the backend the URL names, so that a failure reads as that
/// backend's error rather than the last one tried.
pub fn establish(url: &str) -> ConnectionResult<DbConn> {
    match Backend::of_url(url) {
        Backend::Postgres => PgConnection::establish(url).map(DbConn::Pg),
        Backend::Sqlite => {
            let path = sqlite_path(url);
            if let Some(dir) = std::path::Path::new(path).parent() {
                if !dir.as_os_str().is_empty() {
                    let _ = std::fs::create_dir_all(dir);
                }
            }
            let mut conn = SqliteConnection::establish(path)?;
            // WAL lets readers run beside the one writer; busy_timeout makes writers queue.
            // synchronous=FULL syncs the WAL at every commit: an acknowledged write
            // survives power loss (NORMAL could lose the last commits).
            // optimize=0x10002 gathers planner statistics when they are missing or stale,
            // which the search's index choice depends on. Each connection's page cache holds
            // 8 MB (SQLITE_CACHE_KB): a keyword page touches 500–600 pages of 4 KB, which
            // SQLite's default 2 MB cache could not keep, so every run read them again from
            // the OS (a quarter of the CPU in pread); with the pool sized to the cores
            // ([`sqlite_pool_size`]) the caches stay bounded together. At 100,000 postings,
            // 2 cores: 千代田区 431 → 568 req/s, 発熱外来 511 → 876, resident 66 → 89 MB.
            // SQLite is built without its global memory accounting (.cargo/config.toml), so
            // there is no process-wide heap limit to set.
            conn.batch_execute(&format!(
                "PRAGMA busy_timeout = 10000; PRAGMA journal_mode = WAL; \
                 PRAGMA foreign_keys = ON; PRAGMA synchronous = FULL; PRAGMA optimize = 0x10002; \
                 PRAGMA cache_size = -{SQLITE_CACHE_KB};",
            ))
            .map_err(|e| ConnectionError::BadConnection(e.to_string()))?;
            Ok(DbConn::Sqlite(conn))
        }
    }
}

/// Each SQLite connection's page cache, in KiB.
const SQLITE_CACHE_KB: u32 = 8000;

/// SQLite connections at most: two per core, at least four. A SQLite read is CPU only, so
/// more connections than that only queue on the cores, and each holds its own page cache
/// (SQLITE_CACHE_KB). On 2 cores, 4 connections served detail at 11,900 req/s and 8 at 10,000.
fn sqlite_pool_size() -> u32 {
    let cores = std::thread::available_parallelism().map_or(2, |n| n.get()) as u32;
    (2 * cores).max(4)
}

/// r2d2 manager that establishes by URL scheme.
pub struct Manager {
    url: String,
}

/// A pooled connection, with whether it is known to work: it was given back without an
/// error less than [`TRUSTED_FOR`] ago.
pub struct Pooled {
    conn: DbConn,
    worked_at: Option<std::time::Instant>,
    failed: bool,
}

/// How long a connection that just worked is lent out again without a ping (as HikariCP
/// does): under load every connection is back within milliseconds, and a ping would cost
/// PostgreSQL a round trip per request, a third of a posting's page.
const TRUSTED_FOR: Duration = Duration::from_millis(500);

impl Pooled {
    /// The work on it failed (perhaps the connection itself): ping it before its next use.
    pub fn distrust(&mut self) {
        self.failed = true;
    }
}

impl std::ops::Deref for Pooled {
    type Target = DbConn;
    fn deref(&self) -> &DbConn {
        &self.conn
    }
}

impl std::ops::DerefMut for Pooled {
    fn deref_mut(&mut self) -> &mut DbConn {
        &mut self.conn
    }
}

impl ManageConnection for Manager {
    type Connection = Pooled;
    type Error = r2d2::Error;

    fn connect(&self) -> Result<Pooled, r2d2::Error> {
        establish(&self.url)
            .map(|conn| Pooled {
                conn,
                worked_at: None,
                failed: false,
            })
            .map_err(r2d2::Error::ConnectionError)
    }
    /// A ping, unless the connection was given back without an error a moment ago.
    fn is_valid(&self, conn: &mut Pooled) -> Result<(), r2d2::Error> {
        let trusted = !conn.failed && conn.worked_at.is_some_and(|t| t.elapsed() < TRUSTED_FOR);
        if !trusted {
            diesel::sql_query("SELECT 1")
                .execute(&mut conn.conn)
                .map_err(r2d2::Error::QueryError)?;
            conn.failed = false;
        }
        Ok(())
    }
    /// A connection still inside a transaction (a panic unwound through [`write_tx`]) would
    /// keep its locks, and on SQLite the write lock, for good: drop it instead of lending it
    /// out again.
    fn has_broken(&self, conn: &mut Pooled) -> bool {
        let status = match &mut conn.conn {
            DbConn::Pg(c) => AnsiTransactionManager::transaction_manager_status_mut(c),
            DbConn::Sqlite(c) => AnsiTransactionManager::transaction_manager_status_mut(c),
        };
        let broken = !matches!(status.transaction_depth(), Ok(None));
        if !conn.failed {
            conn.worked_at = Some(std::time::Instant::now());
        }
        broken
    }
}

pub type Pool = r2d2::Pool<Manager>;

/// The pool, shared by handlers.
#[derive(Clone)]
pub struct Db {
    pub pool: Pool,
    pub backend: Backend,
}

impl Db {
    pub fn connect(url: &str, size: u32) -> Result<Db, String> {
        let backend = Backend::of_url(url);
        // Probe once so that a bad URL fails fast with the backend's own message.
        establish(url).map_err(|e| format!("cannot connect to the database: {e}"))?;
        let size = if backend == Backend::Sqlite {
            size.min(sqlite_pool_size())
        } else {
            size
        };
        let pool = r2d2::Pool::builder()
            .max_size(size)
            .connection_timeout(Duration::from_secs(10))
            .build(Manager {
                url: url.to_string(),
            })
            .map_err(|e| format!("cannot open the database pool: {e}"))?;
        Ok(Db { pool, backend })
    }

    /// Runs blocking database work on the blocking thread pool.
    pub async fn run<T, F>(&self, f: F) -> AppResult<T>
    where
        F: FnOnce(&mut DbConn) -> AppResult<T> + Send + 'static,
        T: Send + 'static,
    {
        let pool = self.pool.clone();
        actix_web::web::block(move || {
            let mut conn = pool.get()?;
            let out = f(&mut conn);
            if out.is_err() {
                conn.distrust();
            }
            out
        })
        .await?
    }

    /// Like [`Db::run`], for a partner's bulk read (a feed or CSV page): on one of
    /// [`EXPORT_THREADS`] threads of its own. A page is megabytes of small allocations, and
    /// the allocator keeps what another thread frees with the thread that made it until that
    /// thread works again: spread over 32 idle blocking threads, one full sync left the server
    /// 60 MB larger. Bulk reads also queue here rather than take threads from the searches.
    pub async fn run_export<T, F>(&self, f: F) -> AppResult<T>
    where
        F: FnOnce(&mut DbConn) -> AppResult<T> + Send + 'static,
        T: Send + 'static,
    {
        let pool = self.pool.clone();
        let (tx, rx) = tokio::sync::oneshot::channel();
        let job: ExportJob = Box::new(move || {
            let out = pool.get().map_err(ApiError::from).and_then(|mut conn| {
                let out = f(&mut conn);
                if out.is_err() {
                    conn.distrust();
                }
                out
            });
            let _ = tx.send(out);
        });
        export_queue()
            .send(job)
            .map_err(|_| ApiError::internal("export threads gone"))?;
        rx.await
            .map_err(|_| ApiError::internal("export job failed"))?
    }

    /// Like [`Db::run`], inside one write transaction.
    pub async fn write<T, F>(&self, f: F) -> AppResult<T>
    where
        F: FnOnce(&mut DbConn) -> AppResult<T> + Send + 'static,
        T: Send + 'static,
    {
        self.run(move |conn| write_tx(conn, f)).await
    }

    /// Like [`Db::write`], for a caller: the changes name its account as their actor.
    pub async fn write_by<T, F>(&self, caller: &impl Actor, f: F) -> AppResult<T>
    where
        F: FnOnce(&mut DbConn) -> AppResult<T> + Send + 'static,
        T: Send + 'static,
    {
        let actor = caller.actor_account_id();
        self.run(move |conn| write_tx_by(conn, actor, f)).await
    }
}

/// SQLite lets one writer in at a time. This process's writers wait for each other here, each
/// woken as the one before it finishes, rather than in SQLite's busy handler, which sleeps in
/// growing steps (up to 100 ms) between tries: with 32 concurrent writers a write waited up to
/// a second there. One lock for the process: a server serves one SQLite database (tests, which
/// run several, only queue a little more). Other processes on the same file still queue on
/// `busy_timeout`.
static SQLITE_WRITER: std::sync::Mutex<()> = std::sync::Mutex::new(());

/// No transaction is open on the connection (so a write transaction begun now is the
/// outermost one).
fn outermost(c: &mut SqliteConnection) -> bool {
    matches!(
        AnsiTransactionManager::transaction_manager_status_mut(c).transaction_depth(),
        Ok(None)
    )
}

/// Threads for partners' bulk reads ([`Db::run_export`]): two, so that the CSV can read one
/// page while it formats the one before.
const EXPORT_THREADS: usize = 2;

type ExportJob = Box<dyn FnOnce() + Send>;

/// The queue of the export threads, started on first use. A job that panics loses its answer
/// (the caller gets a 500), not the thread.
fn export_queue() -> &'static std::sync::mpsc::Sender<ExportJob> {
    static QUEUE: std::sync::OnceLock<std::sync::mpsc::Sender<ExportJob>> =
        std::sync::OnceLock::new();
    QUEUE.get_or_init(|| {
        let (tx, rx) = std::sync::mpsc::channel::<ExportJob>();
        let rx = std::sync::Arc::new(std::sync::Mutex::new(rx));
        for i in 0..EXPORT_THREADS {
            let rx = rx.clone();
            let spawned = std::thread::Builder::new()
                .name(format!("keynet-export-{i}"))
                .spawn(move || loop {
                    let next = match rx.lock() {
                        Ok(rx) => rx.recv(),
                        Err(_) => return,
                    };
                    let Ok(job) = next else { return };
                    let _ = std::panic::catch_unwind(std::panic::AssertUnwindSafe(job));
                });
            if let Err(e) = spawned {
                tracing::error!("cannot start an export thread: {e}");
            }
        }
        tx
    })
}

/// Whoever makes a change: the account it is recorded under in the change log, if any.
pub trait Actor {
    fn actor_account_id(&self) -> Option<i64>;
}

/// A write transaction. On SQLite it begins IMMEDIATE, taking the write lock up front, so
/// that two writers queue instead of failing when a read lock upgrades; the writers of this
/// process queue on [`SQLITE_WRITER`] first.
pub fn write_tx<T>(conn: &mut DbConn, f: impl FnOnce(&mut DbConn) -> AppResult<T>) -> AppResult<T> {
    write_tx_by(conn, None, f)
}

/// A write transaction made for `actor`, the signed-in account, whose changes name it.
pub fn write_tx_by<T>(
    conn: &mut DbConn,
    actor: Option<i64>,
    f: impl FnOnce(&mut DbConn) -> AppResult<T>,
) -> AppResult<T> {
    // Held until the outermost transaction has committed or rolled back.
    let _writer = match conn {
        DbConn::Sqlite(c) => outermost(c).then(|| {
            SQLITE_WRITER
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner)
        }),
        DbConn::Pg(_) => None,
    };
    match conn {
        DbConn::Pg(c) => AnsiTransactionManager::begin_transaction(c)?,
        DbConn::Sqlite(c) => AnsiTransactionManager::begin_transaction_sql(c, "BEGIN IMMEDIATE")?,
    }
    // The outermost write transaction collects the changes its work records and appends
    // them to the change log just before it commits.
    let changes = changes::open(actor);
    let result = f(conn);
    let result = match (result, &changes) {
        (Ok(v), Some(c)) => c.flush(conn).map(|_| v),
        (other, _) => other,
    };
    drop(changes);
    let end = match (&result, &mut *conn) {
        (Ok(_), DbConn::Pg(c)) => AnsiTransactionManager::commit_transaction(c),
        (Ok(_), DbConn::Sqlite(c)) => AnsiTransactionManager::commit_transaction(c),
        (Err(_), DbConn::Pg(c)) => AnsiTransactionManager::rollback_transaction(c),
        (Err(_), DbConn::Sqlite(c)) => AnsiTransactionManager::rollback_transaction(c),
    };
    match (result, end) {
        (Ok(v), Ok(())) => Ok(v),
        (Ok(_), Err(e)) => Err(ApiError::from(e)),
        (Err(e), _) => Err(e),
    }
}

/// Reads that belong together, e.g. a search's counts and its page. On SQLite they run in
/// one read transaction: one snapshot, and one take of the WAL read lock instead of one per
/// statement (a reader never waits for the writer in WAL mode). On PostgreSQL they run as
/// they are: a transaction would add two round trips. Inside a transaction, as they are.
pub fn read_together<T>(
    conn: &mut DbConn,
    f: impl FnOnce(&mut DbConn) -> AppResult<T>,
) -> AppResult<T> {
    let DbConn::Sqlite(c) = conn else {
        return f(conn);
    };
    let status = AnsiTransactionManager::transaction_manager_status_mut(c);
    if !matches!(status.transaction_depth(), Ok(None)) {
        return f(conn);
    }
    AnsiTransactionManager::begin_transaction(c)?;
    let result = f(conn);
    // (Still SQLite: `f` cannot change the backend of the connection it borrows.)
    let DbConn::Sqlite(c) = conn else {
        return result;
    };
    let end = if result.is_ok() {
        AnsiTransactionManager::commit_transaction(c)
    } else {
        AnsiTransactionManager::rollback_transaction(c)
    };
    match (result, end) {
        (Ok(v), Ok(())) => Ok(v),
        (Ok(_), Err(e)) => Err(ApiError::from(e)),
        (Err(e), _) => Err(e),
    }
}

/// Applies pending migrations of the connection's backend.
pub fn migrate(conn: &mut DbConn) -> Result<Vec<String>, String> {
    let applied = match conn {
        DbConn::Pg(c) => c.run_pending_migrations(PG_MIGRATIONS),
        DbConn::Sqlite(c) => c.run_pending_migrations(SQLITE_MIGRATIONS),
    }
    .map_err(|e| format!("migration failed: {e}"))?;
    let applied: Vec<String> = applied.iter().map(|v| v.to_string()).collect();
    postings::place_unplaced(conn).map_err(|e| format!("placing postings: {e}"))?;
    Ok(applied)
}

/// How many of this binary's migrations the database lacks (`Err` when it cannot tell).
pub fn migrations_pending(conn: &mut DbConn) -> Result<usize, String> {
    match conn {
        DbConn::Pg(c) => c.pending_migrations(PG_MIGRATIONS).map(|m| m.len()),
        DbConn::Sqlite(c) => c.pending_migrations(SQLITE_MIGRATIONS).map(|m| m.len()),
    }
    .map_err(|e| e.to_string())
}

/// True when the error is a unique-constraint violation (a lost race on an insert).
pub fn is_unique_violation(e: &diesel::result::Error) -> bool {
    matches!(
        e,
        diesel::result::Error::DatabaseError(diesel::result::DatabaseErrorKind::UniqueViolation, _)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `.cargo/config.toml` builds SQLite with the query planner stability guarantee (without
    /// it every kept statement with a bound `LIMIT` is planned again at each run) and without
    /// global memory accounting (see README, "What the server does for speed"); losing either
    /// would slow every search, which no functional test would notice.
    #[test]
    fn sqlite_is_built_with_the_planner_stability_guarantee() {
        #[derive(QueryableByName)]
        struct Opt {
            #[diesel(sql_type = diesel::sql_types::Text)]
            compile_options: String,
        }
        let mut conn = SqliteConnection::establish(":memory:").expect("in-memory SQLite");
        let opts: Vec<String> = diesel::sql_query("PRAGMA compile_options")
            .load::<Opt>(&mut conn)
            .expect("compile options")
            .into_iter()
            .map(|o| o.compile_options)
            .collect();
        assert!(
            opts.iter().any(|o| o == "ENABLE_QPSG"),
            "SQLite was built without ENABLE_QPSG: {opts:?}"
        );
        // And without the process-wide memory accounting every allocation queued on.
        assert!(
            opts.iter().any(|o| o == "DEFAULT_MEMSTATUS=0")
                && !opts.iter().any(|o| o == "ENABLE_MEMORY_MANAGEMENT"),
            "SQLite was built with global memory accounting: {opts:?}"
        );
    }
}
