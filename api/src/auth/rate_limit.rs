//! Login attempt limits (governor, MIT): per login ID and per client address.

use governor::{clock::DefaultClock, state::keyed::DefaultKeyedStateStore, Quota, RateLimiter};
use std::num::NonZeroU32;

type Keyed = RateLimiter<String, DefaultKeyedStateStore<String>, DefaultClock>;

pub struct LoginLimiter {
    by_login: Keyed,
    by_client: Keyed,
}

impl LoginLimiter {
    pub fn new(per_minute: u32) -> LoginLimiter {
        let n = NonZeroU32::new(per_minute.max(1)).unwrap_or(NonZeroU32::MIN);
        let m = NonZeroU32::new(per_minute.max(1).saturating_mul(3)).unwrap_or(NonZeroU32::MIN);
        LoginLimiter {
            by_login: RateLimiter::keyed(Quota::per_minute(n)),
            by_client: RateLimiter::keyed(Quota::per_minute(m)),
        }
    }

    /// `Err(seconds to wait)` when either limit is spent.
    pub fn check(&self, login_id: &str, client: &str) -> Result<(), u64> {
        let wait = |r: Result<(), governor::NotUntil<_>>| {
            r.map_err(|nu| {
                use governor::clock::Clock;
                nu.wait_time_from(DefaultClock::default().now())
                    .as_secs()
                    .max(1)
            })
        };
        wait(self.by_client.check_key(&client.to_string()))?;
        // The same key the login matches on, so width or case variants share one allowance.
        wait(
            self.by_login
                .check_key(&crate::db::accounts::login_key(login_id).to_lowercase()),
        )
    }
}
