//! Abuse limits kept in memory: fixed windows per key (an IP address, an email) and a
//! lockout with exponential back-off after repeated failed sign-ins. Limits per IP are
//! generous, because a library, a school or a mobile network puts many residents
//! behind one address; the tight limits are per account.

use std::collections::HashMap;
use std::sync::Mutex;

/// Entries kept before old ones are swept (bounds memory under a flood of keys).
const MAX_KEYS: usize = 100_000;

pub struct Window {
    limit: u32,
    seconds: i64,
    hits: Mutex<HashMap<String, (i64, u32)>>,
}

impl Window {
    pub fn new(limit: u32, seconds: i64) -> Self {
        Window { limit, seconds, hits: Mutex::new(HashMap::new()) }
    }

    /// Counts a hit for `key`; false when the key is over its limit in this window.
    pub fn allow(&self, key: &str, now: i64) -> bool {
        let mut hits = self.hits.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        if hits.len() > MAX_KEYS {
            hits.retain(|_, (start, _)| now - *start < self.seconds);
        }
        let entry = hits.entry(key.to_owned()).or_insert((now, 0));
        if now - entry.0 >= self.seconds {
            *entry = (now, 0);
        }
        entry.1 += 1;
        entry.1 <= self.limit
    }
}

/// Failed sign-ins per account key: after `FREE_FAILURES` the key is locked for one
/// minute, doubling with every further failure up to an hour. Kept for every email
/// typed, registered or not, so a lockout says nothing about whether an account exists.
#[derive(Default)]
pub struct Lockout {
    failures: Mutex<HashMap<String, (u32, i64)>>,
}

const FREE_FAILURES: u32 = 5;
const MAX_LOCK_SECONDS: i64 = 60 * 60;

impl Lockout {
    /// Seconds until `key` may try again, if it is locked now.
    pub fn locked_for(&self, key: &str, now: i64) -> Option<i64> {
        let failures = self.failures.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        failures.get(key).map(|(_, until)| until - now).filter(|left| *left > 0)
    }

    pub fn fail(&self, key: &str, now: i64) {
        let mut failures = self.failures.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        if failures.len() > MAX_KEYS {
            failures.retain(|_, (_, until)| *until > now);
        }
        let entry = failures.entry(key.to_owned()).or_insert((0, 0));
        entry.0 += 1;
        if entry.0 >= FREE_FAILURES {
            let exponent = (entry.0 - FREE_FAILURES).min(6);
            entry.1 = now + (60_i64 << exponent).min(MAX_LOCK_SECONDS);
        }
    }

    pub fn succeed(&self, key: &str) {
        self.failures.lock().unwrap_or_else(std::sync::PoisonError::into_inner).remove(key);
    }
}

/// The limits of the account routes.
pub struct Limits {
    pub sign_in_per_ip: Window,
    pub sign_in_lockout: Lockout,
    pub sign_up_per_ip: Window,
    pub reset_per_ip: Window,
    pub reset_per_email: Window,
    /// Remarks and replies per account: a resident commenting on every provision of a
    /// long act stays well under it; a script does not.
    pub remarks_per_user: Window,
    /// Newsletter subscriptions per IP address (each sends a confirmation mail).
    pub newsletter_per_ip: Window,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            sign_in_per_ip: Window::new(100, 15 * 60),
            sign_in_lockout: Lockout::default(),
            sign_up_per_ip: Window::new(20, 60 * 60),
            reset_per_ip: Window::new(20, 60 * 60),
            reset_per_email: Window::new(3, 60 * 60),
            remarks_per_user: Window::new(60, 60 * 60),
            newsletter_per_ip: Window::new(20, 60 * 60),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_window_counts_per_key_and_starts_again() {
        let w = Window::new(2, 60);
        assert!(w.allow("a", 0));
        assert!(w.allow("a", 1));
        assert!(!w.allow("a", 2));
        assert!(w.allow("b", 2), "another key has its own count");
        assert!(w.allow("a", 61), "a new window starts");
    }

    #[test]
    fn lockout_starts_after_five_failures_and_backs_off() {
        let l = Lockout::default();
        for _ in 0..4 {
            l.fail("x", 0);
        }
        assert_eq!(l.locked_for("x", 0), None);
        l.fail("x", 0);
        assert_eq!(l.locked_for("x", 0), Some(60));
        l.fail("x", 0);
        assert_eq!(l.locked_for("x", 0), Some(120));
        for _ in 0..20 {
            l.fail("x", 0);
        }
        assert_eq!(l.locked_for("x", 0), Some(3600), "never more than an hour");
        l.succeed("x");
        assert_eq!(l.locked_for("x", 0), None);
    }
}
