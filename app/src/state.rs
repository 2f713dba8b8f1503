//! The one `AppState`: cloned into axum handlers, reached from server functions and
//! components through the Leptos context.

use crate::db::Db;
use axum::extract::FromRef;
use leptos::prelude::LeptosOptions;
use std::sync::Arc;

#[derive(Clone)]
pub struct AppState {
    pub db: Db,
    pub leptos_options: LeptosOptions,
    pub settings: Arc<Settings>,
    /// The civic-budget vote's writer (group commits).
    pub votes: crate::budget::voting::VoteWriter,
    /// Sessions' last-seen marks, written in the background.
    pub touches: crate::accounts::storage::SessionTouches,
    /// Page views of public pages, counted in memory and written once a minute.
    pub views: crate::campaigns::views::PageViews,
}

/// What the running site needs to know about its configuration.
#[derive(Clone, Debug, Default)]
pub struct Settings {
    /// Demo mode: demo content and demo accounts are loaded, the outbox is visible.
    pub demo: bool,
    /// The name of the OpenID Connect provider on the sign-in button, when one is set.
    pub oidc_provider: Option<String>,
    /// The provider's origin (scheme, host, port), which the sign-in form redirects to.
    pub oidc_origin: Option<String>,
    /// Idle and absolute lifetimes of sessions.
    pub sessions: crate::accounts::storage::SessionLimits,
    /// The site is served over TLS: cookies get `Secure` (and the `__Host-` prefix).
    pub secure_cookies: bool,
    /// The address people reach the site at (links in mail, the OIDC redirect).
    pub public_url: String,
    /// Requests come through a reverse proxy: the client address is the last
    /// `X-Forwarded-For` hop, not the socket's peer.
    pub behind_proxy: bool,
    /// The secret behind voters' identity hashes and ballot seals.
    pub identity_key: crate::budget::voting::IdentityKey,
}

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos_options.clone()
    }
}

/// The state, from inside a server function or a component rendered on the server.
pub fn app_state() -> Result<AppState, crate::error::AppError> {
    leptos::prelude::use_context::<AppState>().ok_or_else(|| {
        tracing::error!("AppState missing from the Leptos context");
        crate::error::AppError::Internal
    })
}

/// The current instant in unix seconds (UTC).
pub fn now() -> i64 {
    time::OffsetDateTime::now_utc().unix_timestamp()
}
