//! Configuration: every setting is an environment variable, and a flag of the same
//! meaning (`server --help` lists them with their defaults).

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::net::SocketAddr;
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(
    name = "server",
    version,
    about = "Kraków in Dialogue: public consultations and the civic budget of the City of Kraków"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    #[command(flatten)]
    pub config: Config,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Serve the site (the default).
    Serve,
    /// Apply the database migrations and exit.
    Migrate,
    /// Add the demo content and demo accounts (idempotent) and exit.
    LoadDemo,
    /// Check the audit log's hash chain; exit 1 if a row was altered or removed.
    VerifyAudit,
    /// Add N synthetic consultations for load tests and benchmarks, then exit.
    GenerateConsultations {
        #[arg(long, default_value_t = 1000)]
        count: usize,
    },
    /// Add the draft act `bench-act` (40 paragraphs) with N synthetic remarks, then exit.
    GenerateRemarks {
        #[arg(long, default_value_t = 5000)]
        count: usize,
    },
    /// Add the closed draft act `bench-report` with N synthetic remarks, every one
    /// answered, and publish its report, then exit.
    GenerateReport {
        #[arg(long, default_value_t = 5000)]
        count: usize,
    },
    /// Add the civic-budget edition `bench` (the current year + 10) with N synthetic
    /// submitted projects across the 18 districts and the city-wide pool, then exit.
    GenerateBudget {
        #[arg(long, default_value_t = 1200)]
        count: usize,
    },
    /// Import past civic-budget editions from Pabulib `.pb` files (one pool each; one
    /// edition per year found), count them with the platform's rules and publish the
    /// results, then exit.
    ImportPabulib {
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Recount published ballots in Pabulib `.pb` files: print the set's digest and,
    /// per pool, whether the recount matches the results the file states; exit 1 if not.
    Recount {
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Load the register of residents who may vote: FILE holds one identifier a line (a
    /// PESEL, or `YYYY-MM-DD;document number` for a person without one); only their
    /// keyed hashes are stored. Once a register holds anyone, only those listed vote.
    ImportRegister { file: PathBuf },
    /// Prepare the vote's load test: an edition open for voting (the current year + 20)
    /// with the projects of Kraków's 2024 Pabulib files in FOLDER, N voters with a
    /// session each, and their ballots drawn from the real 2024 ballots, written to OUT
    /// (one a line: session token, tab, the form to post), then exit.
    BenchVote {
        #[arg(long)]
        pabulib: PathBuf,
        #[arg(long, default_value_t = 84_842)]
        count: usize,
        #[arg(long)]
        out: PathBuf,
    },
    /// Import consultations from a JSON file (an array in the shape of docs/import.md), then exit.
    ImportConsultations { file: PathBuf },
}

#[derive(Clone, Debug, Args)]
pub struct Config {
    /// Address to listen on.
    #[arg(long, env = "LEPTOS_SITE_ADDR", default_value = "127.0.0.1:3000")]
    pub site_addr: SocketAddr,

    /// Folder for the embedded database and other local data; created if missing.
    #[arg(long, env = "DATA_DIR", default_value = "./data")]
    pub data_dir: PathBuf,

    /// Where uploaded pictures and documents are kept: a folder, or `s3://bucket` for
    /// S3-compatible object storage (configured by the standard `AWS_ENDPOINT`,
    /// `AWS_REGION`, `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY` variables).
    /// Default: DATA_DIR/media.
    #[arg(long, env = "MEDIA_STORE")]
    pub media_store: Option<String>,

    /// Database URL: `sqlite://path?mode=rwc` or `postgres://user@host/db`.
    /// Default: SQLite at DATA_DIR/dialog.db.
    #[arg(long, env = "DATABASE_URL")]
    pub database_url: Option<String>,

    /// Most database connections the server opens.
    #[arg(long, env = "DATABASE_MAX_CONNECTIONS", default_value_t = 10)]
    pub database_max_connections: u32,

    /// Demo mode: load demo content at start. Never on in production.
    #[arg(long, env = "DEMO", default_value = "0", value_parser = parse_flag)]
    pub demo: bool,

    /// Folder with the built site (CSS, WASM, static files), as cargo-leptos writes it.
    #[arg(long, env = "LEPTOS_SITE_ROOT", default_value = "target/site")]
    pub site_root: String,

    /// The address people reach the site at, for links in mail and the OIDC redirect.
    /// Default: http:// and the listening address. An https:// address turns on
    /// `Secure` cookies.
    #[arg(long, env = "PUBLIC_URL")]
    pub public_url: Option<String>,

    /// Minutes without activity after which a session ends.
    #[arg(long, env = "SESSION_IDLE_MINUTES", default_value_t = 30)]
    pub session_idle_minutes: i64,

    /// Hours after sign-in after which a session ends whatever happens.
    #[arg(long, env = "SESSION_ABSOLUTE_HOURS", default_value_t = 12)]
    pub session_absolute_hours: i64,

    /// Seconds between looks for consultation notices to mail (opened, closed, report
    /// published); 0 turns the mailing off on this instance.
    #[arg(long, env = "NOTICE_INTERVAL_SECONDS", default_value_t = 60)]
    pub notice_interval_seconds: u64,

    /// Behind a reverse proxy: take the client address from `X-Forwarded-For`.
    #[arg(long, env = "BEHIND_PROXY", default_value = "0", value_parser = parse_flag)]
    pub behind_proxy: bool,

    /// SMTP server for outgoing mail, `smtp://host:port` (plain, for a local relay).
    /// Without it mail goes to the log and, in demo mode, to /dev/outbox.
    #[arg(long, env = "SMTP_URL")]
    pub smtp_url: Option<String>,

    /// The sender of outgoing mail.
    #[arg(long, env = "MAIL_FROM", default_value = "Kraków w dialogu <no-reply@dialog.krakow.pl>")]
    pub mail_from: String,

    /// OpenID Connect issuer (discovery at ISSUER/.well-known/openid-configuration).
    #[arg(long, env = "OIDC_ISSUER_URL")]
    pub oidc_issuer_url: Option<String>,

    #[arg(long, env = "OIDC_CLIENT_ID", default_value = "")]
    pub oidc_client_id: String,

    #[arg(long, env = "OIDC_CLIENT_SECRET", default_value = "", hide_env_values = true)]
    pub oidc_client_secret: String,

    /// Scopes asked for, space-separated (`openid` is always asked for).
    #[arg(long, env = "OIDC_SCOPES", default_value = "openid profile email")]
    pub oidc_scopes: String,

    /// The provider's name on the sign-in button.
    #[arg(long, env = "OIDC_PROVIDER_NAME", default_value = "Konto Krakowianina")]
    pub oidc_provider_name: String,

    /// The ID token's claim with the PESEL the provider vouches for (e.g. `pesel`). With
    /// it, a voter signed in through the provider votes without typing an identifier and
    /// is the same voter as the one who types that PESEL. Empty: the provider's sign-in
    /// gives no voting identity.
    #[arg(long, env = "OIDC_PESEL_CLAIM", default_value = "")]
    pub oidc_pesel_claim: String,

    /// The secret (64 hex digits) behind voters' identity hashes and ballot seals. Every
    /// instance of a site must share it; without it one is made and kept in the data
    /// folder (`identity.key`). Changing it makes earlier voters unrecognisable.
    #[arg(long, env = "IDENTITY_KEY", hide_env_values = true)]
    pub identity_key: Option<String>,

    /// Log format: `text` for people, `json` for log collectors.
    #[arg(long, env = "LOG_FORMAT", value_enum, default_value_t = LogFormat::Text)]
    pub log_format: LogFormat,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum LogFormat {
    Text,
    Json,
}

/// `1/true/yes/on` or `0/false/no/off`, as operators write switches.
fn parse_flag(text: &str) -> Result<bool, String> {
    match text.trim().to_ascii_lowercase().as_str() {
        "1" | "true" | "yes" | "on" => Ok(true),
        "0" | "false" | "no" | "off" | "" => Ok(false),
        other => Err(format!("expected 1 or 0, got {other:?}")),
    }
}

impl Config {
    /// The database URL in force: the configured one, or SQLite under the data folder.
    pub fn database_url(&self) -> String {
        match &self.database_url {
            Some(url) if !url.trim().is_empty() => url.trim().to_owned(),
            _ => format!("sqlite://{}?mode=rwc", self.data_dir.join("dialog.db").display()),
        }
    }

    /// The public address, without a trailing slash.
    pub fn public_url(&self, bound: SocketAddr) -> String {
        match &self.public_url {
            Some(url) if !url.trim().is_empty() => url.trim().trim_end_matches('/').to_owned(),
            _ => format!("http://{bound}"),
        }
    }

    /// An OpenID Connect provider is configured (issuer and client id).
    pub fn oidc_enabled(&self) -> bool {
        self.oidc_issuer_url.as_deref().is_some_and(|u| !u.trim().is_empty()) && !self.oidc_client_id.is_empty()
    }

    /// A configuration for tests: port 0, the given data folder, nothing else set.
    pub fn for_tests(data_dir: PathBuf, database_url: Option<String>) -> Self {
        Self {
            site_addr: SocketAddr::from(([127, 0, 0, 1], 0)),
            data_dir,
            media_store: None,
            database_url,
            database_max_connections: 5,
            demo: false,
            site_root: "target/site".to_owned(),
            public_url: None,
            session_idle_minutes: 30,
            session_absolute_hours: 12,
            // Tests send notices themselves, at the instant they choose.
            notice_interval_seconds: 0,
            behind_proxy: false,
            smtp_url: None,
            mail_from: "Kraków w dialogu <no-reply@dialog.krakow.pl>".to_owned(),
            oidc_issuer_url: None,
            oidc_client_id: String::new(),
            oidc_client_secret: String::new(),
            oidc_scopes: "openid profile email".to_owned(),
            oidc_provider_name: "Konto Krakowianina".to_owned(),
            oidc_pesel_claim: String::new(),
            identity_key: None,
            log_format: LogFormat::Text,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn switches_read_as_operators_write_them() {
        assert_eq!(parse_flag("1"), Ok(true));
        assert_eq!(parse_flag("ON"), Ok(true));
        assert_eq!(parse_flag("0"), Ok(false));
        assert!(parse_flag("maybe").is_err());
    }

    #[test]
    fn the_default_database_is_sqlite_in_the_data_folder() {
        let config = Config::for_tests(PathBuf::from("/srv/dialog"), None);
        assert_eq!(config.database_url(), "sqlite:///srv/dialog/dialog.db?mode=rwc");
    }
}
