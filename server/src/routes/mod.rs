//! The router: Leptos pages and server functions, plus the routes outside Leptos, all
//! behind the same middleware (request id, tracing, metrics, security headers, CSRF).

mod health;
mod lang;
pub mod metrics;
mod open_data;

use crate::middleware;
use app::i18n::{Locale, LANG_COOKIE};
use app::state::AppState;
use app::{shell, App};
use axum::{
    routing::{get, post},
    Router,
};
use http::request::Parts;
use leptos::prelude::{provide_context, use_context};
use leptos_axum::{generate_route_list, handle_server_fns_with_context, LeptosRoutes};

/// The largest request body any route accepts (forms and server-function calls).
const BODY_LIMIT: usize = 256 * 1024;

pub fn router(state: AppState) -> Router {
    // Install the recorder before the first request is counted.
    metrics::handle();
    let routes = generate_route_list(App);
    let context = {
        let state = state.clone();
        move || {
            provide_context(state.clone());
            provide_context(state.leptos_options.clone());
            provide_context(request_locale());
        }
    };
    let server_fns = {
        let context = context.clone();
        move |request| handle_server_fns_with_context(context.clone(), request)
    };
    let pages = {
        let options = state.leptos_options.clone();
        move || shell(options.clone())
    };
    let fallback = leptos_axum::file_and_error_handler_with_context::<AppState, _>(context.clone(), shell);

    let router = Router::new()
        .route("/healthz", get(health::healthz))
        .route("/metrics", get(metrics::render))
        .route("/lang", post(lang::switch))
        .route("/api/v1/consultations", get(open_data::list_json))
        .route("/api/v1/consultations.csv", get(open_data::list_csv))
        .route("/api/v1/consultations/{slug}", get(open_data::detail_json))
        .route("/_sf/{*name}", post(server_fns.clone()).get(server_fns))
        .leptos_routes_with_context(&state, routes, context, pages)
        .fallback(fallback)
        .with_state(state);
    middleware::apply(router, BODY_LIMIT)
}

/// The locale of the request being rendered: `lang` cookie, then `Accept-Language`.
fn request_locale() -> Locale {
    let Some(parts) = use_context::<Parts>() else {
        return Locale::default();
    };
    locale_of(&parts.headers)
}

pub fn locale_of(headers: &http::HeaderMap) -> Locale {
    let cookie = headers
        .get_all(http::header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .find_map(|pair| pair.trim().strip_prefix(LANG_COOKIE)?.strip_prefix('='))
        .map(str::to_owned);
    let accept = headers.get(http::header::ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok());
    Locale::negotiate(cookie.as_deref(), accept)
}
