//! The server: start-up (database, migrations, demo content), the axum router around
//! the Leptos app, and the routes that live outside Leptos (open data, health, metrics,
//! language switch). `Application::build` is what tests call, with port 0.

pub mod accounts;
pub mod budget;
pub mod budget_vote;
pub mod campaigns;
pub mod config;
pub mod consultations;
pub mod events;
pub mod import;
pub mod initiatives;
pub mod media;
pub mod middleware;
pub mod moderation;
pub mod news;
pub mod newsletter;
pub mod notices;
pub mod pabulib;
pub mod reports;
pub mod routes;
pub mod telemetry;

use app::db::{self, Backend, Db, DbError};
use app::state::{AppState, Settings};
use config::{Cli, Command, Config};
use leptos::prelude::LeptosOptions;
use std::net::SocketAddr;
use std::sync::Arc;
use tokio::net::TcpListener;

#[derive(Debug, thiserror::Error)]
pub enum StartupError {
    #[error("cannot use the data folder {path}: {source}")]
    DataDir { path: String, source: std::io::Error },
    #[error(transparent)]
    Database(#[from] DbError),
    #[error("cannot load the demo content: {0}")]
    Demo(sqlx::Error),
    #[error("cannot create the demo accounts: {0}")]
    DemoAccounts(String),
    #[error("cannot add the demo pictures: {0}")]
    DemoMedia(String),
    #[error("invalid setting: {0}")]
    Setting(String),
    #[error("the audit log has been tampered with: {0}")]
    AuditChain(String),
    #[error("cannot listen on {addr}: {source}")]
    Listen { addr: SocketAddr, source: std::io::Error },
    #[error("{0}")]
    Import(String),
    #[error("server stopped with an error: {0}")]
    Serve(std::io::Error),
}

/// Runs what the command line asked for.
pub async fn run(cli: Cli) -> Result<(), StartupError> {
    let config = cli.config;
    match cli.command.unwrap_or(Command::Serve) {
        Command::Serve => {
            let app = Application::build(&config).await?;
            let shutdown = shutdown_signal();
            tracing::info!(addr = %app.local_addr(), demo = config.demo, "listening on http://{}", app.local_addr());
            app.run_until(shutdown).await
        }
        Command::Migrate => open_database(&config).await.map(|_| ()),
        Command::LoadDemo => {
            let db = open_database(&config).await?;
            load_demo(&db, &identity_key(&config)?, &media_store(&config)?).await
        }
        Command::VerifyAudit => {
            let db = open_database(&config).await?;
            match app::accounts::audit::verify(&db).await.map_err(StartupError::Demo)? {
                Ok(rows) => {
                    tracing::info!(rows, "the audit log chain is intact");
                    Ok(())
                }
                Err(problem) => Err(StartupError::AuditChain(format!("{problem:?}"))),
            }
        }
        Command::GenerateConsultations { count } => {
            let db = open_database(&config).await?;
            let added =
                app::consultations::demo::generate(&db, count, app::state::now()).await.map_err(StartupError::Demo)?;
            tracing::info!(added, "synthetic consultations generated");
            Ok(())
        }
        Command::GenerateRemarks { count } => {
            let db = open_database(&config).await?;
            let added = app::consultations::remarks::demo::generate(&db, count, app::state::now())
                .await
                .map_err(StartupError::Demo)?;
            tracing::info!(added, "synthetic remarks generated");
            Ok(())
        }
        Command::GenerateReport { count } => {
            let db = open_database(&config).await?;
            let added =
                app::reports::demo::generate_report(&db, count, app::state::now()).await.map_err(StartupError::Demo)?;
            tracing::info!(added, "synthetic report published");
            Ok(())
        }
        Command::GenerateBudget { count } => {
            let db = open_database(&config).await?;
            let added = app::budget::demo::generate(&db, count, app::state::now()).await.map_err(StartupError::Demo)?;
            tracing::info!(added, "synthetic civic-budget projects generated");
            Ok(())
        }
        Command::ImportPabulib { files } => {
            let db = open_database(&config).await?;
            pabulib::import(&db, &files).await.map_err(StartupError::Import)
        }
        Command::Recount { files } => pabulib::recount(&files).map_err(StartupError::Import),
        Command::ImportRegister { file } => {
            let db = open_database(&config).await?;
            pabulib::import_register(&db, &identity_key(&config)?, &file).await.map_err(StartupError::Import)
        }
        Command::BenchVote { pabulib: folder, count, out } => {
            let db = open_database(&config).await?;
            pabulib::bench_vote(&db, &folder, count, &out).await.map_err(StartupError::Import)
        }
        Command::ImportConsultations { file } => {
            let db = open_database(&config).await?;
            let added = import::import_file(&db, &file).await.map_err(StartupError::Import)?;
            tracing::info!(added, file = %file.display(), "consultations imported");
            Ok(())
        }
    }
}

/// Opens the database the configuration names and brings its schema up to date.
/// For SQLite the data folder is created first; a folder we cannot write stops start-up.
pub async fn open_database(config: &Config) -> Result<Db, StartupError> {
    let url = config.database_url();
    let backend = Backend::of_url(&url)?;
    if backend == Backend::Sqlite && config.database_url.is_none() {
        let path = config.data_dir.display().to_string();
        std::fs::create_dir_all(&config.data_dir)
            .map_err(|source| StartupError::DataDir { path: path.clone(), source })?;
        // Fail here with a clear message rather than deep inside SQLite.
        let probe = config.data_dir.join(".write-test");
        std::fs::write(&probe, b"").map_err(|source| StartupError::DataDir { path, source })?;
        let _ = std::fs::remove_file(probe);
    }
    let pool = db::connect(&url, config.database_max_connections).await?;
    db::migrate(&pool, backend).await?;
    app::accounts::storage::ensure_district_councils(&pool, app::state::now()).await.map_err(StartupError::Demo)?;
    Ok(pool)
}

/// The identity key: the configured one, else the data folder's (made on first start).
pub fn identity_key(config: &Config) -> Result<app::budget::voting::IdentityKey, StartupError> {
    fn decode(text: &str) -> Option<[u8; 32]> {
        let text = text.trim();
        if text.len() != 64 {
            return None;
        }
        let mut key = [0u8; 32];
        for (i, byte) in key.iter_mut().enumerate() {
            *byte = u8::from_str_radix(text.get(2 * i..2 * i + 2)?, 16).ok()?;
        }
        Some(key)
    }
    let invalid = || StartupError::Setting("IDENTITY_KEY must be 64 hex digits".into());
    if let Some(text) = config.identity_key.as_deref().filter(|t| !t.trim().is_empty()) {
        return decode(text).map(app::budget::voting::IdentityKey::new).ok_or_else(invalid);
    }
    let path = config.data_dir.join("identity.key");
    let io = |source| StartupError::DataDir { path: path.display().to_string(), source };
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            std::fs::create_dir_all(&config.data_dir).map_err(io)?;
            let fresh = app::accounts::tokens::random_token();
            let mut options = std::fs::OpenOptions::new();
            options.write(true).create_new(true);
            #[cfg(unix)]
            std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
            std::io::Write::write_all(&mut options.open(&path).map_err(io)?, fresh.as_bytes()).map_err(io)?;
            fresh
        }
        Err(e) => return Err(io(e)),
    };
    decode(&text).map(app::budget::voting::IdentityKey::new).ok_or_else(invalid)
}

/// `scheme://host[:port]` of a URL.
fn origin_of(url: &str) -> Option<String> {
    let parsed = url::Url::parse(url.trim()).ok()?;
    match parsed.origin() {
        url::Origin::Tuple(..) => Some(parsed.origin().ascii_serialization()),
        url::Origin::Opaque(_) => None,
    }
}

/// Where uploads are kept (`MEDIA_STORE`).
fn media_store(config: &Config) -> Result<media::store::Store, StartupError> {
    media::store::Store::from_setting(config.media_store.as_deref(), &config.data_dir).map_err(StartupError::Setting)
}

/// Demo consultations and demo accounts (idempotent).
async fn load_demo(
    db: &Db,
    key: &app::budget::voting::IdentityKey,
    store: &media::store::Store,
) -> Result<(), StartupError> {
    let added = app::consultations::demo::load(db, app::state::now()).await.map_err(StartupError::Demo)?;
    let accounts = app::accounts::demo::load(db, app::state::now())
        .await
        .map_err(|e| StartupError::DemoAccounts(e.to_string()))?;
    let remarks = app::consultations::remarks::demo::load(db, app::state::now()).await.map_err(StartupError::Demo)?;
    let reports = app::reports::demo::load(db, app::state::now()).await.map_err(StartupError::Demo)?;
    let initiatives = app::initiatives::demo::load(db, app::state::now()).await.map_err(StartupError::Demo)?;
    let budget = app::budget::demo::load(db, key, app::state::now()).await.map_err(StartupError::Demo)?;
    let media = media::demo::load(db, store, app::state::now()).await.map_err(StartupError::DemoMedia)?;
    let events = app::events::demo::load(db, app::state::now()).await.map_err(StartupError::Demo)?;
    let news = app::news::demo::load(db, app::state::now()).await.map_err(StartupError::Demo)?;
    let campaigns = app::campaigns::demo::load(db, app::state::now()).await.map_err(StartupError::Demo)?;
    tracing::info!(
        added,
        accounts,
        remarks,
        reports,
        initiatives,
        budget,
        media,
        events,
        news,
        campaigns,
        "demo content loaded"
    );
    Ok(())
}

pub struct Application {
    listener: TcpListener,
    router: axum::Router,
    state: AppState,
}

impl Application {
    /// Opens the database, loads demo content when asked, binds the port.
    pub async fn build(config: &Config) -> Result<Self, StartupError> {
        let db = open_database(config).await?;
        let store = media_store(config)?;
        if config.demo {
            load_demo(&db, &identity_key(config)?, &store).await?;
        }
        let listener = TcpListener::bind(config.site_addr)
            .await
            .map_err(|source| StartupError::Listen { addr: config.site_addr, source })?;
        let bound = listener.local_addr().map_err(|source| StartupError::Listen { addr: config.site_addr, source })?;
        let public_url = config.public_url(bound);
        let leptos_options = LeptosOptions::builder()
            .output_name("dialog")
            .site_root(config.site_root.as_str())
            .site_pkg_dir("pkg")
            .site_addr(config.site_addr)
            .build();
        let settings = Settings {
            demo: config.demo,
            oidc_provider: config.oidc_enabled().then(|| config.oidc_provider_name.clone()),
            oidc_origin: config.oidc_issuer_url.as_deref().filter(|_| config.oidc_enabled()).and_then(origin_of),
            sessions: app::accounts::storage::SessionLimits {
                idle_seconds: config.session_idle_minutes.max(1) * 60,
                absolute_seconds: config.session_absolute_hours.max(1) * 3600,
            },
            secure_cookies: public_url.starts_with("https://"),
            public_url: public_url.clone(),
            behind_proxy: config.behind_proxy,
            identity_key: identity_key(config)?,
        };
        let provider = match (&config.oidc_issuer_url, config.oidc_enabled()) {
            (Some(issuer), true) => Some(
                accounts::oidc::Provider::new(
                    issuer,
                    &config.oidc_client_id,
                    &config.oidc_client_secret,
                    &config.oidc_scopes,
                    &public_url,
                    &config.oidc_pesel_claim,
                )
                .map_err(StartupError::Setting)?,
            ),
            _ => None,
        };
        let services = Arc::new(accounts::Services {
            mailer: accounts::mail::Mailer::from_config(config.smtp_url.as_deref(), &config.mail_from)
                .map_err(StartupError::Setting)?,
            provider,
            limits: accounts::limits::Limits::default(),
            media: store,
        });
        let votes = app::budget::voting::VoteWriter::start(db.clone(), settings.identity_key.clone());
        let touches = app::accounts::storage::SessionTouches::start(db.clone());
        let views = app::campaigns::views::PageViews::start(db.clone(), std::time::Duration::from_secs(60));
        let state = AppState { db, leptos_options, settings: Arc::new(settings), votes, touches, views };
        if config.notice_interval_seconds > 0 {
            let every = std::time::Duration::from_secs(config.notice_interval_seconds);
            tokio::spawn(notices::run(state.clone(), services.mailer.clone(), every));
            tokio::spawn(newsletter::run(state.clone(), services.mailer.clone(), every));
        }
        tokio::spawn(media::routes::collect_garbage(
            state.clone(),
            services.media.clone(),
            std::time::Duration::from_secs(3600),
        ));
        let router = routes::router(state.clone(), services);
        Ok(Self { listener, router, state })
    }

    pub fn local_addr(&self) -> SocketAddr {
        self.listener.local_addr().expect("a bound listener has an address")
    }

    pub fn state(&self) -> &AppState {
        &self.state
    }

    /// Serves until `shutdown` resolves, then finishes the requests in flight.
    pub async fn run_until(
        self,
        shutdown: impl std::future::Future<Output = ()> + Send + 'static,
    ) -> Result<(), StartupError> {
        axum::serve(self.listener, self.router.into_make_service_with_connect_info::<SocketAddr>())
            .with_graceful_shutdown(shutdown)
            .await
            .map_err(StartupError::Serve)?;
        self.state.db.close().await;
        Ok(())
    }
}

/// SIGTERM (what service managers send) or Ctrl-C. The SIGTERM handler is installed
/// when this is called, not when first polled: a stop that comes right after start-up
/// is still graceful.
fn shutdown_signal() -> impl std::future::Future<Output = ()> {
    #[cfg(unix)]
    let mut terminate = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()).ok();
    async move {
        let ctrl_c = async {
            let _ = tokio::signal::ctrl_c().await;
        };
        #[cfg(unix)]
        let terminate = async {
            match terminate.as_mut() {
                Some(signal) => {
                    signal.recv().await;
                }
                None => std::future::pending::<()>().await,
            }
        };
        #[cfg(not(unix))]
        let terminate = std::future::pending::<()>();
        tokio::select! {
            () = ctrl_c => {},
            () = terminate => {},
        }
        tracing::info!("shutting down: finishing requests in flight");
    }
}
