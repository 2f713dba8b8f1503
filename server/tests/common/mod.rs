//! Test helpers: start the real app on port 0 against a fresh database, SQLite (a temp
//! file) or PostgreSQL (a new database on the local server, dropped afterwards).

#![allow(dead_code)]

use server::{config::Config, Application};
use std::path::PathBuf;
use std::time::{SystemTime, UNIX_EPOCH};

/// The PostgreSQL server tests create their databases on.
fn admin_url() -> String {
    std::env::var("TEST_POSTGRES_URL").unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".to_owned())
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// The backends to run each story on. PostgreSQL is required under CI; elsewhere a
/// missing server is reported loudly and the SQLite half still runs.
pub async fn backends() -> Vec<Backend> {
    let ci = std::env::var("CI").is_ok_and(|v| v == "true" || v == "1");
    match postgres_reachable().await {
        Ok(()) => vec![Backend::Sqlite, Backend::Postgres],
        Err(e) if ci => panic!("CI=true requires PostgreSQL at {}: {e}", admin_url()),
        Err(e) => {
            eprintln!("\n!!! PostgreSQL is not reachable ({e}): running the SQLite half only. !!!\n");
            vec![Backend::Sqlite]
        }
    }
}

async fn postgres_reachable() -> Result<(), sqlx::Error> {
    sqlx::any::install_default_drivers();
    let pool = sqlx::any::AnyPoolOptions::new()
        .max_connections(1)
        .acquire_timeout(std::time::Duration::from_secs(3))
        .connect(&admin_url())
        .await?;
    pool.close().await;
    Ok(())
}

pub struct TestApp {
    pub address: String,
    pub backend: Backend,
    pub client: reqwest::Client,
    pub state: app::state::AppState,
    data_dir: tempfile::TempDir,
    postgres_db: Option<String>,
}

/// A fresh, empty database of `backend` and its URL (None means the SQLite default).
async fn fresh_database(backend: Backend) -> Option<(String, String)> {
    if backend == Backend::Sqlite {
        return None;
    }
    let stamp = SystemTime::now().duration_since(UNIX_EPOCH).unwrap().as_secs();
    let name = format!("dialog_test_{stamp}_{}", uuid::Uuid::new_v4().simple());
    let admin = sqlx::any::AnyPoolOptions::new().max_connections(1).connect(&admin_url()).await.unwrap();
    sweep_old_databases(&admin, stamp).await;
    sqlx::query(&format!("create database {name}")).execute(&admin).await.unwrap();
    admin.close().await;
    let base = admin_url();
    let url = format!("{}/{name}", base.rsplit_once('/').unwrap().0);
    Some((name, url))
}

/// Drops databases that tests which crashed more than an hour ago left behind.
async fn sweep_old_databases(admin: &sqlx::AnyPool, now: u64) {
    let names: Vec<(String,)> = sqlx::query_as("select datname from pg_database where datname like 'dialog_test_%'")
        .fetch_all(admin)
        .await
        .unwrap_or_default();
    for (name,) in names {
        let stamp = name.split('_').nth(2).and_then(|s| s.parse::<u64>().ok()).unwrap_or(now);
        if now.saturating_sub(stamp) > 3600 {
            let _ = sqlx::query(&format!("drop database if exists {name} with (force)")).execute(admin).await;
        }
    }
}

pub async fn spawn_app(backend: Backend) -> TestApp {
    spawn_app_with(backend, |_| {}).await
}

pub async fn spawn_app_with(backend: Backend, adjust: impl FnOnce(&mut Config)) -> TestApp {
    let data_dir = tempfile::tempdir().unwrap();
    let database = fresh_database(backend).await;
    let mut config = Config::for_tests(PathBuf::from(data_dir.path()), database.as_ref().map(|(_, url)| url.clone()));
    adjust(&mut config);
    let app = Application::build(&config).await.expect("the app starts");
    let address = format!("http://{}", app.local_addr());
    let state = app.state().clone();
    tokio::spawn(app.run_until(std::future::pending()));
    TestApp {
        address,
        backend,
        client: reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap(),
        state,
        data_dir,
        postgres_db: database.map(|(name, _)| name),
    }
}

impl TestApp {
    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client.get(format!("{}{path}", self.address)).send().await.unwrap()
    }

    pub async fn get_text(&self, path: &str) -> (u16, String) {
        let response = self.get(path).await;
        (response.status().as_u16(), response.text().await.unwrap())
    }

    /// Closes the pool and drops the PostgreSQL database.
    pub async fn cleanup(self) {
        self.state.db.close().await;
        if let Some(name) = self.postgres_db {
            let admin = sqlx::any::AnyPoolOptions::new().max_connections(1).connect(&admin_url()).await.unwrap();
            sqlx::query(&format!("drop database if exists {name} with (force)")).execute(&admin).await.unwrap();
            admin.close().await;
        }
        drop(self.data_dir);
    }
}
