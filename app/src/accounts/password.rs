//! Password hashing with Argon2id (OWASP's parameters: 19 MiB, 2 passes, 1 lane), never
//! on the async runtime's threads. It runs on a small pool of its own threads rather
//! than `spawn_blocking`: every hash takes 19 MiB, and a burst of sign-ins spread over
//! the blocking pool (up to 512 threads) would take that much memory on each of them.
//! With the pool, the memory for hashing is bounded by its size, and the extra
//! requests wait in line (the sign-in limits keep the line short).

use argon2::password_hash::{rand_core::OsRng, PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};
use std::sync::mpsc::{channel, Receiver, Sender};
use std::sync::{Arc, Mutex, OnceLock};

type Job = Box<dyn FnOnce() + Send>;

/// How many hashes run at once: the cores, at least two.
fn pool_size() -> usize {
    std::thread::available_parallelism().map_or(2, |n| n.get().max(2))
}

fn pool() -> &'static Mutex<Sender<Job>> {
    static POOL: OnceLock<Mutex<Sender<Job>>> = OnceLock::new();
    POOL.get_or_init(|| {
        let (sender, receiver) = channel::<Job>();
        let receiver = Arc::new(Mutex::new(receiver));
        for n in 0..pool_size() {
            let receiver: Arc<Mutex<Receiver<Job>>> = receiver.clone();
            let spawned = std::thread::Builder::new().name(format!("argon2-{n}")).spawn(move || loop {
                let job = receiver.lock().unwrap_or_else(std::sync::PoisonError::into_inner).recv();
                match job {
                    Ok(job) => job(),
                    Err(_) => break,
                }
            });
            if let Err(e) = spawned {
                tracing::error!(error = %e, "cannot start a password-hashing thread");
            }
        }
        Mutex::new(sender)
    })
}

/// Runs `work` on the hashing pool and waits for it without blocking the runtime.
async fn on_pool<T: Send + 'static>(work: impl FnOnce() -> T + Send + 'static) -> Option<T> {
    let (done, result) = tokio::sync::oneshot::channel();
    let job: Job = Box::new(move || {
        let _ = done.send(work());
    });
    pool().lock().unwrap_or_else(std::sync::PoisonError::into_inner).send(job).ok()?;
    result.await.ok()
}

fn argon2() -> Argon2<'static> {
    let params = Params::new(19 * 1024, 2, 1, None).expect("valid Argon2 parameters");
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

/// Hashes a password (PHC string with salt and parameters).
pub async fn hash(password: String) -> Result<String, crate::error::AppError> {
    on_pool(move || hash_now(&password)).await.unwrap_or_else(|| {
        tracing::error!("the password-hashing pool is gone");
        Err(crate::error::AppError::Internal)
    })
}

fn hash_now(password: &str) -> Result<String, crate::error::AppError> {
    let salt = SaltString::generate(&mut OsRng);
    argon2().hash_password(password.as_bytes(), &salt).map(|h| h.to_string()).map_err(|e| {
        tracing::error!(error = %e, "password hashing failed");
        crate::error::AppError::Internal
    })
}

/// Checks a password against a stored hash. With no hash (unknown email, or an account
/// that signs in only through the city's provider) a dummy hash is checked instead, so
/// the answer takes as long either way and timing reveals nothing.
pub async fn verify(password: String, stored: Option<String>) -> bool {
    on_pool(move || {
        let dummy = dummy_hash();
        let (hash, real) = match stored.as_deref() {
            Some(h) => (h, true),
            None => (dummy, false),
        };
        let Ok(parsed) = PasswordHash::new(hash) else {
            return false;
        };
        argon2().verify_password(password.as_bytes(), &parsed).is_ok() && real
    })
    .await
    .unwrap_or(false)
}

fn dummy_hash() -> &'static str {
    static DUMMY: OnceLock<String> = OnceLock::new();
    DUMMY.get_or_init(|| hash_now("not a real password, only for timing").unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_hash_verifies_its_password_only() {
        let h = hash("zielony tramwaj".to_owned()).await.unwrap();
        assert!(h.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"));
        assert!(verify("zielony tramwaj".to_owned(), Some(h.clone())).await);
        assert!(!verify("czerwony tramwaj".to_owned(), Some(h)).await);
        assert!(!verify("not a real password, only for timing".to_owned(), None).await);
        assert!(!verify("x".to_owned(), Some("garbage".to_owned())).await);
    }

    #[tokio::test]
    async fn many_hashes_at_once_all_finish_on_the_bounded_pool() {
        let hashes = futures_join(16).await;
        assert_eq!(hashes.len(), 16);
        assert!(hashes.iter().all(|h| h.starts_with("$argon2id$")));
    }

    async fn futures_join(n: usize) -> Vec<String> {
        let tasks: Vec<_> = (0..n).map(|i| tokio::spawn(hash(format!("hasło numer {i} do testu")))).collect();
        let mut out = Vec::new();
        for task in tasks {
            out.push(task.await.unwrap().unwrap());
        }
        out
    }
}
