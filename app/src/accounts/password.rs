//! Password hashing with Argon2id (OWASP's parameters: 19 MiB, 2 passes, 1 lane), never
//! on the async runtime's threads. It runs on a small pool of its own threads rather
//! than `spawn_blocking`: every hash takes 19 MiB, and a burst of sign-ins spread over
//! the blocking pool (up to 512 threads) would take that much memory on each of them.
//! With the pool, the memory for hashing is bounded by its size, and the extra
//! requests wait in line (the sign-in limits keep the line short).

use argon2::password_hash::{self, rand_core::OsRng, Output, PasswordHash, SaltString};
use argon2::{Algorithm, Argon2, Block, Params, Version};
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

const MEMORY_KIB: u32 = 19 * 1024;
const OUTPUT_BYTES: usize = 32;

fn params() -> Params {
    Params::new(MEMORY_KIB, 2, 1, Some(OUTPUT_BYTES)).expect("valid Argon2 parameters")
}

thread_local! {
    /// Each hashing thread keeps its 19 MiB of Argon2 memory for good: allocating and
    /// freeing it per hash left the allocator holding a new 19 MiB after almost every
    /// sign-in (measured: 15 MiB at start, 231 MiB after twenty sign-ins).
    static MEMORY: std::cell::RefCell<Vec<Block>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// Argon2id of `password` and raw `salt` with `params`, into `out`, on this thread's memory.
fn argon2_into(password: &[u8], salt: &[u8], params: Params, out: &mut [u8]) -> Result<(), argon2::Error> {
    let blocks = params.block_count();
    MEMORY.with(|memory| {
        let mut memory = memory.borrow_mut();
        if memory.len() < blocks {
            memory.resize(blocks, Block::default());
        }
        Argon2::new(Algorithm::Argon2id, Version::V0x13, params).hash_password_into_with_memory(
            password,
            salt,
            out,
            &mut memory[..blocks],
        )
    })
}

/// Hashes a password (PHC string with salt and parameters).
pub async fn hash(password: String) -> Result<String, crate::error::AppError> {
    on_pool(move || hash_now(&password)).await.unwrap_or_else(|| {
        tracing::error!("the password-hashing pool is gone");
        Err(crate::error::AppError::Internal)
    })
}

fn hash_now(password: &str) -> Result<String, crate::error::AppError> {
    let failed = |e: &dyn std::fmt::Display| {
        tracing::error!(error = %e, "password hashing failed");
        crate::error::AppError::Internal
    };
    let salt = SaltString::generate(&mut OsRng);
    let mut salt_buf = [0u8; 64];
    let raw_salt = salt.as_salt().decode_b64(&mut salt_buf).map_err(|e| failed(&e))?;
    let mut out = [0u8; OUTPUT_BYTES];
    argon2_into(password.as_bytes(), raw_salt, params(), &mut out).map_err(|e| failed(&e))?;
    let phc = PasswordHash {
        algorithm: argon2::ARGON2ID_IDENT,
        version: Some(Version::V0x13.into()),
        params: (&params()).try_into().map_err(|e: password_hash::Error| failed(&e))?,
        salt: Some(salt.as_salt()),
        hash: Some(Output::new(&out).map_err(|e| failed(&e))?),
    };
    Ok(phc.to_string())
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
        verify_now(&password, hash) && real
    })
    .await
    .unwrap_or(false)
}

fn verify_now(password: &str, stored: &str) -> bool {
    let Ok(parsed) = PasswordHash::new(stored) else {
        return false;
    };
    let (Some(salt), Some(expected)) = (parsed.salt, parsed.hash) else {
        return false;
    };
    if parsed.algorithm != argon2::ARGON2ID_IDENT {
        return false;
    }
    let Ok(params) = Params::try_from(&parsed) else {
        return false;
    };
    let mut salt_buf = [0u8; 64];
    let Ok(raw_salt) = salt.decode_b64(&mut salt_buf) else {
        return false;
    };
    let mut out = vec![0u8; expected.len()];
    if argon2_into(password.as_bytes(), raw_salt, params, &mut out).is_err() {
        return false;
    }
    // `Output`'s equality is constant-time.
    Output::new(&out).is_ok_and(|computed| computed == expected)
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

    #[test]
    fn hashes_are_standard_phc_strings_the_argon2_crate_verifies() {
        use argon2::PasswordVerifier;
        let ours = hash_now("zielony tramwaj").unwrap();
        let parsed = PasswordHash::new(&ours).unwrap();
        assert!(Argon2::default().verify_password(b"zielony tramwaj", &parsed).is_ok());
        // And the other way round: a hash made by the crate's own API verifies here.
        use argon2::PasswordHasher;
        let salt = SaltString::generate(&mut OsRng);
        let theirs = Argon2::new(Algorithm::Argon2id, Version::V0x13, params())
            .hash_password(b"czerwony tramwaj", &salt)
            .unwrap()
            .to_string();
        assert!(verify_now("czerwony tramwaj", &theirs));
        assert!(!verify_now("zielony tramwaj", &theirs));
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
