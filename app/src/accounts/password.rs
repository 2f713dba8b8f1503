//! Password hashing with Argon2id (OWASP's parameters: 19 MiB, 2 passes, 1 lane), always
//! on a blocking thread so a burst of sign-ins never stalls the async runtime.

use argon2::password_hash::{rand_core::OsRng, PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};
use std::sync::OnceLock;

fn argon2() -> Argon2<'static> {
    let params = Params::new(19 * 1024, 2, 1, None).expect("valid Argon2 parameters");
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

/// Hashes a password (PHC string with salt and parameters).
pub async fn hash(password: String) -> Result<String, crate::error::AppError> {
    tokio::task::spawn_blocking(move || hash_now(&password)).await.map_err(|e| {
        tracing::error!(error = %e, "password hashing task failed");
        crate::error::AppError::Internal
    })?
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
    tokio::task::spawn_blocking(move || {
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
}
