//! The database: SQLite by default (a file under the data directory), PostgreSQL when the
//! URL says so. One code path: every query is written once, with `$1` placeholders, and
//! runs through sqlx's `Any` driver on both (docs/adr/0003-one-sql-for-two-databases.md).

use sqlx::any::AnyPoolOptions;
use sqlx::Executor;
use std::time::Duration;

pub type Db = sqlx::AnyPool;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

#[derive(Debug, thiserror::Error)]
pub enum DbError {
    #[error("DATABASE_URL must start with sqlite: or postgres:// (got {0:?})")]
    UnknownScheme(String),
    #[error("cannot open the database: {0}")]
    Connect(#[source] sqlx::Error),
    #[error("database migration failed: {0}")]
    Migrate(#[source] sqlx::migrate::MigrateError),
}

impl Backend {
    pub fn of_url(url: &str) -> Result<Self, DbError> {
        if url.starts_with("sqlite:") {
            Ok(Backend::Sqlite)
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Ok(Backend::Postgres)
        } else {
            // Never echo credentials: show the scheme only.
            let scheme = url.split(':').next().unwrap_or_default();
            Err(DbError::UnknownScheme(scheme.to_owned()))
        }
    }
}

/// Opens a pool. SQLite gets WAL, foreign keys and a busy timeout on every connection,
/// and durable commits (`synchronous = full`: a committed vote survives a power cut).
pub async fn connect(url: &str, max_connections: u32) -> Result<Db, DbError> {
    sqlx::any::install_default_drivers();
    let backend = Backend::of_url(url)?;
    let mut options = AnyPoolOptions::new().max_connections(max_connections).acquire_timeout(Duration::from_secs(5));
    if backend == Backend::Sqlite {
        options = options.after_connect(|conn, _meta| {
            Box::pin(async move {
                conn.execute("pragma foreign_keys = on; pragma busy_timeout = 5000; pragma synchronous = full").await?;
                Ok(())
            })
        });
    }
    let pool = options.connect(url).await.map_err(DbError::Connect)?;
    if backend == Backend::Sqlite {
        // Persistent in the file: readers never wait for the writer.
        sqlx::query("pragma journal_mode = wal").execute(&pool).await.map_err(DbError::Connect)?;
    }
    Ok(pool)
}

/// Applies the migrations of `backend`; each dialect has its own folder.
pub async fn migrate(db: &Db, backend: Backend) -> Result<(), DbError> {
    let migrator = match backend {
        Backend::Sqlite => sqlx::migrate!("../migrations/sqlite"),
        Backend::Postgres => sqlx::migrate!("../migrations/postgres"),
    };
    migrator.run(db).await.map_err(DbError::Migrate)
}

/// Numbered `$n` placeholders for a query built from optional parts, with the values
/// to bind in the same order. Both backends accept `$n` (see the ADR above).
#[derive(Default)]
pub struct Params {
    values: Vec<Param>,
}

#[derive(Clone, Debug)]
pub enum Param {
    Int(i64),
    Text(String),
}

impl Params {
    /// Adds a value and returns its placeholder, e.g. `$3`.
    pub fn push(&mut self, value: impl Into<Param>) -> String {
        self.values.push(value.into());
        format!("${}", self.values.len())
    }

    /// Adds each id and returns their placeholders for an `in (…)` list: `$3, $4, $5`.
    pub fn push_list(&mut self, ids: &[i64]) -> String {
        ids.iter().map(|&id| self.push(id)).collect::<Vec<_>>().join(", ")
    }

    pub fn bind_as<'q, T>(
        &self,
        mut query: sqlx::query::QueryAs<'q, sqlx::Any, T, sqlx::any::AnyArguments<'q>>,
    ) -> sqlx::query::QueryAs<'q, sqlx::Any, T, sqlx::any::AnyArguments<'q>> {
        for value in &self.values {
            query = match value {
                Param::Int(i) => query.bind(*i),
                Param::Text(s) => query.bind(s.clone()),
            };
        }
        query
    }
}

impl From<i64> for Param {
    fn from(value: i64) -> Self {
        Param::Int(value)
    }
}

impl From<&str> for Param {
    fn from(value: &str) -> Self {
        Param::Text(value.to_owned())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_numbered_in_order() {
        let mut p = Params::default();
        assert_eq!(p.push(1), "$1");
        assert_eq!(p.push("x"), "$2");
    }

    #[test]
    fn an_unknown_scheme_is_refused_without_echoing_the_url() {
        let err = Backend::of_url("mysql://user:secret@host/db").unwrap_err().to_string();
        assert!(err.contains("mysql"));
        assert!(!err.contains("secret"));
        assert_eq!(Backend::of_url("sqlite://data/x.db").unwrap(), Backend::Sqlite);
        assert_eq!(Backend::of_url("postgres://localhost/x").unwrap(), Backend::Postgres);
    }
}
