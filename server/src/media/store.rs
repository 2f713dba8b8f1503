//! Where uploaded files are kept, behind one interface: a local folder (the default,
//! `DATA_DIR/media`) or S3-compatible object storage (`MEDIA_STORE=s3://bucket`, with
//! the standard `AWS_*` variables), so that several instances of the site share them.
//! Objects are named by their content (`<sha-256>.<ext>`), so a name never changes what
//! it holds and writing the same bytes twice is harmless.

use bytes::Bytes;
use object_store::{aws::AmazonS3Builder, local::LocalFileSystem, path::Path, ObjectStore, PutPayload};
use sha2::{Digest, Sha256};
use std::sync::Arc;

#[derive(Clone)]
pub struct Store {
    inner: Arc<dyn ObjectStore>,
    /// Where it is, for the log (never with credentials).
    pub label: String,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store").field("label", &self.label).finish()
    }
}

/// The content-addressed name of `bytes` stored as `extension`.
pub fn key_of(bytes: &[u8], extension: &str) -> String {
    let digest = Sha256::digest(bytes);
    let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
    format!("{hex}.{extension}")
}

/// Whether `key` is a name [`key_of`] makes (anything else never reaches the store).
pub fn is_key(key: &str) -> bool {
    match key.split_once('.') {
        Some((hash, extension)) => {
            hash.len() == 64
                && hash.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
                && matches!(extension, "jpg" | "webp" | "pdf")
        }
        None => false,
    }
}

/// Objects are spread over 256 folders by their first two hex digits.
fn path(key: &str) -> Path {
    Path::from(format!("{}/{key}", &key[..2]))
}

impl Store {
    /// A local folder, created if missing.
    pub fn local(dir: &std::path::Path) -> Result<Store, String> {
        std::fs::create_dir_all(dir).map_err(|e| format!("cannot create the media folder {}: {e}", dir.display()))?;
        let inner = LocalFileSystem::new_with_prefix(dir)
            .map_err(|e| format!("cannot use the media folder {}: {e}", dir.display()))?;
        Ok(Store { inner: Arc::new(inner), label: dir.display().to_string() })
    }

    /// S3-compatible storage at `url` (`s3://bucket`); the endpoint, region and keys
    /// come from the `AWS_*` environment variables (`AWS_ENDPOINT`, `AWS_REGION`,
    /// `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`, `AWS_ALLOW_HTTP` for a local test
    /// server).
    pub fn s3(url: &str) -> Result<Store, String> {
        let inner = AmazonS3Builder::from_env()
            .with_url(url)
            .build()
            .map_err(|e| format!("cannot use the object storage {url}: {e}"))?;
        Ok(Store { inner: Arc::new(inner), label: url.to_owned() })
    }

    /// The store a `MEDIA_STORE` setting names: `s3://…`, a folder, or (empty) the data
    /// folder's `media`.
    pub fn from_setting(setting: Option<&str>, data_dir: &std::path::Path) -> Result<Store, String> {
        match setting.map(str::trim).filter(|s| !s.is_empty()) {
            Some(url) if url.starts_with("s3://") => Store::s3(url),
            Some(folder) => Store::local(std::path::Path::new(folder.trim_start_matches("file://"))),
            None => Store::local(&data_dir.join("media")),
        }
    }

    pub async fn put(&self, key: &str, bytes: Vec<u8>) -> Result<(), object_store::Error> {
        self.inner.put(&path(key), PutPayload::from(bytes)).await.map(|_| ())
    }

    /// The object's bytes, `None` if there is none.
    pub async fn get(&self, key: &str) -> Result<Option<Bytes>, object_store::Error> {
        match self.inner.get(&path(key)).await {
            Ok(found) => found.bytes().await.map(Some),
            Err(object_store::Error::NotFound { .. }) => Ok(None),
            Err(e) => Err(e),
        }
    }

    /// Deletes an object; one already gone is not an error.
    pub async fn delete(&self, key: &str) -> Result<(), object_store::Error> {
        match self.inner.delete(&path(key)).await {
            Ok(()) | Err(object_store::Error::NotFound { .. }) => Ok(()),
            Err(e) => Err(e),
        }
    }

    /// Deletes objects no upload uses any more; failures are logged (the garbage
    /// collector's next run does not see them again, so they are reported loudly).
    pub async fn delete_all(&self, keys: &[String]) {
        for key in keys {
            if let Err(e) = self.delete(key).await {
                tracing::error!(error = %e, key, store = %self.label, "cannot delete a stored file");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_content_addresses_and_nothing_else_passes() {
        let key = key_of(b"abc", "jpg");
        assert_eq!(key, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad.jpg");
        assert!(is_key(&key));
        for bad in ["", "../etc/passwd", "ba7816bf.jpg", &key.replace(".jpg", ".html"), &key.to_uppercase()] {
            assert!(!is_key(bad), "{bad}");
        }
        assert!(!is_key(&format!("{}/x.jpg", &key[..60])));
    }

    #[tokio::test]
    async fn a_local_store_keeps_gets_and_forgets() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::local(dir.path()).unwrap();
        let key = key_of(b"hello", "pdf");
        assert_eq!(store.get(&key).await.unwrap(), None);
        store.put(&key, b"hello".to_vec()).await.unwrap();
        store.put(&key, b"hello".to_vec()).await.unwrap();
        assert_eq!(store.get(&key).await.unwrap().as_deref(), Some(&b"hello"[..]));
        assert!(dir.path().join(&key[..2]).join(&key).exists());
        store.delete(&key).await.unwrap();
        store.delete(&key).await.unwrap();
        assert_eq!(store.get(&key).await.unwrap(), None);
    }
}
