//! The account routes outside Leptos: every form post of sign-in, sign-up, password
//! reset, "My account", organisations and administration, the OpenID Connect round
//! trip and the "My data" download. Pages are Leptos routes; a refused form renders its
//! page again through [`render`], with the problems and what was typed.

pub mod admin;
pub mod forms;
pub mod limits;
pub mod mail;
pub mod oidc;
pub mod session;

use app::accounts::audit::{self, Event};
use app::accounts::authz::{decide, Action, Denial};
use app::accounts::forms::FormFeedback;
use app::accounts::model::{CurrentUser, RequestSession};
use app::i18n::Locale;
use app::state::AppState;
use axum::{
    body::{Body, Bytes},
    extract::{ConnectInfo, FromRequest, Request},
    http::{header, request::Parts, HeaderValue, Method, StatusCode, Uri},
    response::{IntoResponse, Response},
};
use leptos::prelude::provide_context;
use std::net::SocketAddr;
use std::sync::Arc;

/// What the account routes need besides the shared state.
pub struct Services {
    pub mailer: mail::Mailer,
    pub provider: Option<oidc::Provider>,
    pub limits: limits::Limits,
    /// Where uploaded files are kept.
    pub media: crate::media::store::Store,
}

pub type SharedServices = Arc<Services>;

/// A urlencoded form body as name/value pairs (repeated names kept, in order).
pub struct FormData(pub Vec<(String, String)>);

impl FormData {
    pub fn get(&self, name: &str) -> String {
        self.0.iter().find(|(n, _)| n == name).map(|(_, v)| v.clone()).unwrap_or_default()
    }

    /// Whether the form sent the field at all (a ticked checkbox).
    pub fn has(&self, name: &str) -> bool {
        self.0.iter().any(|(n, _)| n == name)
    }

    pub fn all(&self, name: &str) -> Vec<String> {
        self.0.iter().filter(|(n, _)| n == name).map(|(_, v)| v.clone()).collect()
    }
}

impl<S: Send + Sync> FromRequest<S> for FormData {
    type Rejection = Response;

    async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
        let bytes = Bytes::from_request(request, state).await.map_err(IntoResponse::into_response)?;
        Ok(FormData(url::form_urlencoded::parse(&bytes).into_owned().collect()))
    }
}

/// The session the middleware attached to the request.
pub fn session_of(parts: &Parts) -> RequestSession {
    parts.extensions.get::<RequestSession>().cloned().unwrap_or_default()
}

pub fn locale_of(parts: &Parts) -> Locale {
    crate::routes::locale_of(&parts.headers)
}

/// The client's address: the socket peer, or the last proxy hop when configured so.
pub fn client_ip(parts: &Parts, state: &AppState) -> String {
    if state.settings.behind_proxy {
        if let Some(hop) = parts
            .headers
            .get("x-forwarded-for")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.rsplit(',').next())
            .map(str::trim)
            .filter(|v| !v.is_empty())
        {
            return hop.to_owned();
        }
    }
    parts.extensions.get::<ConnectInfo<SocketAddr>>().map(|c| c.0.ip().to_string()).unwrap_or_default()
}

/// Renders the Leptos page at `page` as if it were requested with GET, with the form's
/// feedback in the context, answered with `status`.
pub async fn render(
    state: &AppState,
    parts: &Parts,
    page: &str,
    feedback: FormFeedback,
    status: StatusCode,
) -> Response {
    let mut parts = parts.clone();
    parts.method = Method::GET;
    parts.uri = page.parse::<Uri>().unwrap_or_else(|_| Uri::from_static("/"));
    parts.headers.remove(header::CONTENT_TYPE);
    parts.headers.remove(header::CONTENT_LENGTH);
    let context = {
        let state = state.clone();
        move || {
            crate::routes::provide_app_context(&state);
            provide_context(feedback.clone());
        }
    };
    let options = state.leptos_options.clone();
    let handler = leptos_axum::render_app_async_with_context(context, move || app::shell(options.clone()));
    let mut response = handler(Request::from_parts(parts, Body::empty())).await.into_response();
    *response.status_mut() = status;
    response
}

/// 303 See Other to a local path.
pub fn see_other(location: &str) -> Response {
    (StatusCode::SEE_OTHER, [(header::LOCATION, location.to_owned())]).into_response()
}

pub fn with_cookie(mut response: Response, cookie: HeaderValue) -> Response {
    response.headers_mut().append(header::SET_COOKIE, cookie);
    response
}

/// Asks the rule book. Anonymous people are sent to sign in (and back to `page`);
/// others get `page` again with 403.
pub async fn require(state: &AppState, parts: &Parts, action: Action, page: &str) -> Result<CurrentUser, Response> {
    let session = session_of(parts);
    match decide(session.user.as_ref(), action) {
        Ok(()) => session.user.ok_or_else(|| sign_in_first(page, session.ended)),
        Err(Denial::SignInRequired) => Err(sign_in_first(page, session.ended)),
        Err(Denial::Forbidden) => {
            Err(render(state, parts, page, FormFeedback::new("forbidden"), StatusCode::FORBIDDEN).await)
        }
    }
}

/// To the sign-in page and back; an expired or forged session is told so.
fn sign_in_first(page: &str, ended: bool) -> Response {
    let reason = if ended { "ended" } else { "required" };
    see_other(&format!("/signin?next={}&reason={reason}", app::accounts::pages::url_encode(page)))
}

/// Appends to the audit log; a failure is logged and reported as an internal error,
/// because a staff action that cannot be recorded must not pass silently.
pub async fn record(state: &AppState, event: Event) -> Result<(), Response> {
    audit::append(&state.db, event, app::state::now()).await.map(|_| ()).map_err(|e| {
        tracing::error!(error = %e, "cannot write the audit log");
        StatusCode::INTERNAL_SERVER_ERROR.into_response()
    })
}

/// Sends a mail in the background: the answer does not wait for the mail server, and
/// how long it takes says nothing about whether an address has an account.
pub fn mail_later(state: &AppState, services: &SharedServices, to: String, subject: String, body: String) {
    let (db, services) = (state.db.clone(), services.clone());
    tokio::spawn(async move {
        let _ = services.mailer.send(&db, &to, &subject, &body).await;
    });
}

/// The generic "something went wrong" answer for a form, keeping what was typed.
pub async fn internal(state: &AppState, parts: &Parts, page: &str, feedback: FormFeedback) -> Response {
    render(state, parts, page, feedback.error("", "generic"), StatusCode::INTERNAL_SERVER_ERROR).await
}
