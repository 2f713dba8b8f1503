//! The session middleware: reads the session cookie, finds the live session and its
//! person, and puts a [`RequestSession`] into the request for every route and page.
//! A cookie that names no live session (expired, ended, forged) is cleared.

use app::accounts::model::RequestSession;
use app::accounts::storage;
use app::state::AppState;
use axum::{
    extract::{Request, State},
    http::{header, HeaderMap, HeaderValue},
    middleware::Next,
    response::Response,
};

/// The cookie name: with TLS the `__Host-` prefix makes the browser refuse it unless
/// it is `Secure`, host-only and for the whole path.
pub fn cookie_name(secure: bool) -> &'static str {
    if secure {
        "__Host-sid"
    } else {
        "sid"
    }
}

/// `Set-Cookie` for a new session.
pub fn set_cookie(token: &str, state: &AppState) -> HeaderValue {
    let s = &state.settings;
    let secure = if s.secure_cookies { "; Secure" } else { "" };
    let value = format!(
        "{}={token}; HttpOnly; SameSite=Lax; Path=/; Max-Age={}{secure}",
        cookie_name(s.secure_cookies),
        s.sessions.absolute_seconds
    );
    HeaderValue::from_str(&value).expect("a hex token makes a valid header")
}

/// `Set-Cookie` that removes the session cookie.
pub fn clear_cookie(state: &AppState) -> HeaderValue {
    let secure = if state.settings.secure_cookies { "; Secure" } else { "" };
    let value =
        format!("{}=; HttpOnly; SameSite=Lax; Path=/; Max-Age=0{secure}", cookie_name(state.settings.secure_cookies));
    HeaderValue::from_str(&value).expect("a valid header")
}

pub fn cookie<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .find_map(|pair| pair.trim().strip_prefix(name)?.strip_prefix('='))
}

/// Paths that never need to know who is asking (assets, probes).
fn anonymous_path(path: &str) -> bool {
    path.starts_with("/pkg/") || path == "/healthz" || path == "/metrics" || path == "/favicon.svg"
}

pub async fn load(State(state): State<AppState>, mut request: Request, next: Next) -> Response {
    let mut session = RequestSession::default();
    let token = cookie(request.headers(), cookie_name(state.settings.secure_cookies)).map(str::to_owned);
    if let (Some(token), false) = (token, anonymous_path(request.uri().path())) {
        match storage::session_user(&state.db, &state.touches, &token, app::state::now(), state.settings.sessions).await
        {
            Ok(Some(user_id)) => match storage::current_user(&state.db, user_id).await {
                Ok(Some(user)) => {
                    session.user = Some(user);
                    session.token = Some(token);
                }
                Ok(None) => session.ended = true,
                Err(e) => tracing::error!(error = %e, "cannot load the signed-in person"),
            },
            Ok(None) => session.ended = true,
            Err(e) => tracing::error!(error = %e, "cannot look the session up"),
        }
    }
    let ended = session.ended;
    let signed_in = session.user.is_some();
    request.extensions_mut().insert(session);
    let mut response = next.run(request).await;
    if signed_in {
        // A page with someone's name or data on it is for them only: no shared caches.
        response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("private, no-store"));
    }
    if ended && !response.headers().contains_key(header::SET_COOKIE) {
        response.headers_mut().append(header::SET_COOKIE, clear_cookie(&state));
    }
    response
}
