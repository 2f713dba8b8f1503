//! The router: Leptos pages and server functions, plus the routes outside Leptos, all
//! behind the same middleware (request id, tracing, metrics, security headers, CSRF).

mod budget_data;
mod budget_results;
mod feeds;
mod health;
mod initiative_data;
mod lang;
pub mod metrics;
mod open_data;
mod report_data;
mod share_card;

use crate::accounts::{self, SharedServices};
use crate::media::routes as media;
use crate::middleware;
use crate::{budget, budget_vote, campaigns, consultations, events, initiatives, moderation, news, newsletter};
use app::i18n::{Locale, LANG_COOKIE};
use app::state::AppState;
use app::{shell, App};
use axum::{
    body::Body,
    extract::{Request, State},
    http::StatusCode,
    response::{IntoResponse, Response},
    routing::{get, post, MethodRouter},
    Extension, Router,
};
use http::request::Parts;
use leptos::prelude::{provide_context, use_context};
use leptos_axum::{generate_route_list, handle_server_fns_with_context, LeptosRoutes};
use tower::ServiceExt;
use tower_http::services::ServeDir;

/// The largest request body any route accepts (forms and server-function calls).
const BODY_LIMIT: usize = 256 * 1024;

/// Every state-changing route outside Leptos, with who may use it. The router mounts
/// POST routes only from this table, the write guard refuses any other non-GET
/// request, and the access-matrix test (server/tests/access_matrix.rs) walks it:
/// a new route without an entry there fails that test.
pub struct WriteRoute {
    pub path: &'static str,
    /// Who the rule book lets through (documentation; the handler asks it).
    pub who: &'static str,
    route: fn() -> MethodRouter<AppState>,
}

pub const WRITE_ROUTES: &[WriteRoute] = &[
    WriteRoute { path: "/lang", who: "anyone", route: || post(lang::switch) },
    WriteRoute { path: "/signin", who: "anyone", route: || post(accounts::forms::sign_in) },
    WriteRoute { path: "/signin/oidc", who: "anyone", route: || post(accounts::forms::oidc_start) },
    WriteRoute { path: "/signup", who: "anyone", route: || post(accounts::forms::sign_up) },
    WriteRoute {
        path: "/signup/confirm/{token}",
        who: "holder of the mailed link",
        route: || post(accounts::forms::confirm),
    },
    WriteRoute { path: "/signout", who: "anyone (ends their own session)", route: || post(accounts::forms::sign_out) },
    WriteRoute { path: "/password-reset", who: "anyone", route: || post(accounts::forms::request_reset) },
    WriteRoute {
        path: "/password-reset/{token}",
        who: "holder of the mailed link",
        route: || post(accounts::forms::reset_password),
    },
    WriteRoute {
        path: "/account/profile",
        who: "the account's owner",
        route: || post(accounts::forms::update_profile),
    },
    WriteRoute {
        path: "/account/password",
        who: "the account's owner",
        route: || post(accounts::forms::change_password),
    },
    WriteRoute { path: "/account/delete", who: "the account's owner", route: || post(accounts::forms::delete_account) },
    WriteRoute { path: "/admin/users/{id}/roles", who: "admin", route: || post(accounts::admin::set_roles) },
    WriteRoute { path: "/admin/users/{id}/status", who: "admin", route: || post(accounts::admin::set_status) },
    WriteRoute { path: "/admin/organisations", who: "admin", route: || post(accounts::admin::create_ngo) },
    WriteRoute {
        path: "/account/organisations/{id}/members",
        who: "the organisation's admins, admin",
        route: || post(accounts::admin::add_member),
    },
    WriteRoute {
        path: "/account/organisations/{id}/members/{user_id}/remove",
        who: "the organisation's admins, admin",
        route: || post(accounts::admin::remove_member),
    },
    WriteRoute {
        path: "/consultations/{slug}/remarks",
        who: "anyone signed in, not blocked, while the consultation is open",
        route: || post(consultations::post_remark),
    },
    WriteRoute {
        path: "/consultations/{slug}/follow",
        who: "anyone signed in",
        route: || post(consultations::follow_consultation),
    },
    WriteRoute {
        path: "/districts/{n}/follow",
        who: "anyone signed in",
        route: || post(consultations::follow_district),
    },
    WriteRoute { path: "/remarks/{id}/edit", who: "the remark's author", route: || post(consultations::edit_remark) },
    WriteRoute {
        path: "/remarks/{id}/withdraw",
        who: "the remark's author",
        route: || post(consultations::withdraw_remark),
    },
    WriteRoute {
        path: "/remarks/{id}/support",
        who: "anyone signed in",
        route: || post(consultations::support_remark),
    },
    WriteRoute { path: "/remarks/{id}/flag", who: "anyone signed in", route: || post(consultations::flag_remark) },
    WriteRoute {
        path: "/unsubscribe/{token}",
        who: "holder of the mailed link",
        route: || post(consultations::unsubscribe),
    },
    WriteRoute { path: "/newsletter", who: "anyone", route: || post(newsletter::subscribe) },
    WriteRoute {
        path: "/newsletter/confirm/{token}",
        who: "holder of the mailed link",
        route: || post(newsletter::confirm),
    },
    WriteRoute {
        path: "/newsletter/unsubscribe/{token}",
        who: "holder of the mailed link (also the one-click POST of mail programs)",
        route: || post(newsletter::unsubscribe),
    },
    WriteRoute {
        path: "/moderation/consultations",
        who: "moderator, admin",
        route: || post(moderation::create_consultation),
    },
    WriteRoute {
        path: "/moderation/consultations/{id}",
        who: "moderator, admin",
        route: || post(moderation::update_consultation),
    },
    WriteRoute {
        path: "/moderation/consultations/{id}/publish",
        who: "moderator, admin",
        route: || post(moderation::publish),
    },
    WriteRoute {
        path: "/moderation/consultations/{id}/unpublish",
        who: "moderator, admin",
        route: || post(moderation::unpublish),
    },
    WriteRoute {
        path: "/moderation/consultations/{id}/events",
        who: "moderator, admin",
        route: || post(moderation::add_event),
    },
    WriteRoute {
        path: "/moderation/consultations/{id}/events/{event}/delete",
        who: "moderator, admin",
        route: || post(moderation::delete_event),
    },
    WriteRoute { path: "/editorial/events", who: "editor, admin", route: || post(events::add) },
    WriteRoute { path: "/editorial/events/{id}/delete", who: "editor, admin", route: || post(events::delete) },
    WriteRoute { path: "/editorial/news", who: "editor, admin", route: || post(news::create) },
    WriteRoute { path: "/editorial/news/{id}", who: "editor, admin", route: || post(news::update) },
    WriteRoute { path: "/editorial/news/{id}/delete", who: "editor, admin", route: || post(news::delete) },
    WriteRoute { path: "/editorial/news/{id}/media", who: "editor, admin", route: || post(media::add_to_news) },
    WriteRoute {
        path: "/editorial/news/{id}/media/{media}/delete",
        who: "editor, admin",
        route: || post(media::remove_from_news),
    },
    WriteRoute { path: "/editorial/campaigns", who: "editor, admin", route: || post(campaigns::create) },
    WriteRoute { path: "/editorial/campaigns/{id}", who: "editor, admin", route: || post(campaigns::update) },
    WriteRoute { path: "/editorial/campaigns/{id}/delete", who: "editor, admin", route: || post(campaigns::delete) },
    WriteRoute {
        path: "/moderation/consultations/{id}/answers",
        who: "moderator, admin",
        route: || post(crate::reports::save_answer),
    },
    WriteRoute {
        path: "/moderation/consultations/{id}/report",
        who: "moderator, admin",
        route: || post(crate::reports::save_report),
    },
    WriteRoute {
        path: "/moderation/consultations/{id}/adopted-act",
        who: "moderator, admin",
        route: || post(crate::reports::save_adopted),
    },
    WriteRoute {
        path: "/moderation/consultations/{id}/remarks",
        who: "moderator, admin",
        route: || post(moderation::enter_remark),
    },
    WriteRoute {
        path: "/moderation/remarks/{id}/hide",
        who: "moderator, admin",
        route: || post(moderation::hide_remark),
    },
    WriteRoute {
        path: "/moderation/remarks/{id}/restore",
        who: "moderator, admin",
        route: || post(moderation::restore_remark),
    },
    WriteRoute {
        path: "/moderation/users/{id}/block",
        who: "moderator, admin",
        route: || post(moderation::block_user),
    },
    WriteRoute {
        path: "/moderation/budget",
        who: "moderator, admin (an edition, a verifying unit, a verifier)",
        route: || post(budget::staff_home),
    },
    WriteRoute {
        path: "/moderation/budget/{year}/projects",
        who: "moderator, admin (closing the list)",
        route: || post(budget::close_list),
    },
    WriteRoute {
        path: "/moderation/budget/projects/{id}",
        who: "moderator, admin; the assessment: the verifiers of the project's unit",
        route: || post(budget::staff_move),
    },
    WriteRoute { path: "/budget/{year}/projects/new", who: "anyone signed in", route: || post(budget::create) },
    WriteRoute {
        path: "/budget/{year}/projects/{seq}",
        who: "the project's owner (protest, merger answer, withdrawal)",
        route: || post(budget::owner_action),
    },
    WriteRoute { path: "/budget/projects/{id}/edit", who: "the project's owner", route: || post(budget::save) },
    WriteRoute {
        path: "/budget/{year}/vote",
        who: "anyone signed in (review, cast)",
        route: || post(budget_vote::vote),
    },
    WriteRoute {
        path: "/budget/{year}/cards",
        who: "the edition's poll officers (a batch)",
        route: || post(budget_vote::cards),
    },
    WriteRoute {
        path: "/budget/{year}/cards/{id}",
        who: "the edition's poll officers (a card); another officer or DK-04 (approval)",
        route: || post(budget_vote::batch),
    },
    WriteRoute {
        path: "/moderation/budget/{year}/integrity",
        who: "moderator, admin (a conflict by the rule, an annulment)",
        route: || post(budget_vote::integrity),
    },
    WriteRoute {
        path: "/moderation/budget/{year}/vote",
        who: "moderator, admin (the ballot, sealing, publishing)",
        route: || post(budget_vote::admin),
    },
    WriteRoute { path: "/initiatives/new", who: "anyone signed in", route: || post(initiatives::create) },
    WriteRoute {
        path: "/moderation/consultations/{id}/media",
        who: "moderator, admin",
        route: || post(media::add_to_consultation),
    },
    WriteRoute {
        path: "/moderation/consultations/{id}/media/{media}/delete",
        who: "moderator, admin",
        route: || post(media::remove_from_consultation),
    },
    WriteRoute {
        path: "/budget/projects/{id}/media",
        who: "the project's owner, while a draft",
        route: || post(media::add_to_project),
    },
    WriteRoute {
        path: "/budget/projects/{id}/media/{media}/delete",
        who: "the project's owner, while a draft",
        route: || post(media::remove_from_project),
    },
    WriteRoute {
        path: "/initiatives/applications/{id}/media",
        who: "the application's owner, while a draft",
        route: || post(media::add_to_initiative),
    },
    WriteRoute {
        path: "/initiatives/applications/{id}/media/{media}/delete",
        who: "the application's owner, while a draft",
        route: || post(media::remove_from_initiative),
    },
    WriteRoute {
        path: "/initiatives/applications/{id}/steps/{step}",
        who: "the application's owner",
        route: || post(initiatives::save_step),
    },
    WriteRoute {
        path: "/initiatives/applications/{id}/submit",
        who: "the application's owner",
        route: || post(initiatives::submit),
    },
    WriteRoute {
        path: "/initiatives/applications/{id}/withdraw",
        who: "the application's owner",
        route: || post(initiatives::withdraw),
    },
    WriteRoute { path: "/moderation/initiatives/pool", who: "moderator, admin", route: || post(initiatives::set_pool) },
    WriteRoute {
        path: "/moderation/initiatives/{id}/signatures",
        who: "moderator, admin",
        route: || post(initiatives::record_signatures),
    },
    WriteRoute {
        path: "/moderation/initiatives/{id}/check",
        who: "moderator, admin",
        route: || post(initiatives::formal_check),
    },
    WriteRoute {
        path: "/moderation/initiatives/{id}/unprocessed",
        who: "moderator, admin",
        route: || post(initiatives::leave_unprocessed),
    },
    WriteRoute {
        path: "/moderation/initiatives/{id}/opinion",
        who: "moderator, admin",
        route: || post(initiatives::record_opinion),
    },
    WriteRoute {
        path: "/initiatives/opinions",
        who: "members of the district council asked for the opinion",
        route: || post(initiatives::council_opinion),
    },
    WriteRoute {
        path: "/moderation/initiatives/{id}/stage",
        who: "moderator, admin",
        route: || post(initiatives::record_stage),
    },
];

/// What every page and server function finds in its Leptos context.
pub fn provide_app_context(state: &AppState) {
    provide_context(state.clone());
    provide_context(state.leptos_options.clone());
    provide_context(request_locale());
}

pub fn router(state: AppState, services: SharedServices) -> Router {
    // Install the recorder before the first request is counted.
    metrics::handle();
    let routes = generate_route_list(App);
    let context = {
        let state = state.clone();
        move || provide_app_context(&state)
    };
    let server_fns = {
        let context = context.clone();
        move |request| handle_server_fns_with_context(context.clone(), request)
    };
    let pages = {
        let options = state.leptos_options.clone();
        move || shell(options.clone())
    };
    let not_found = leptos_axum::file_and_error_handler_with_context::<AppState, _>(context.clone(), shell);
    let fallback = move |state: State<AppState>, request: Request| files_or(not_found.clone(), state, request);

    let mut router = Router::new();
    for write in WRITE_ROUTES {
        router = router.route(write.path, (write.route)());
    }
    let router = router
        .route("/healthz", get(health::healthz))
        .route("/media/{key}", get(media::serve))
        .route("/metrics", get(metrics::render))
        .route("/signin/oidc/callback", get(accounts::forms::oidc_callback))
        .route("/account/data.json", get(accounts::forms::my_data))
        .route("/api/v1/consultations", get(open_data::list_json))
        .route("/api/v1/consultations.csv", get(open_data::list_csv))
        .route("/api/v1/consultations/{slug}", get(open_data::detail_json))
        .route("/api/v1/consultations/{slug}/remarks", get(open_data::remarks_json))
        .route("/api/v1/consultations/{slug}/remarks.csv", get(open_data::remarks_csv))
        .route("/consultations/{slug}/report.csv", get(report_data::report_csv))
        .route("/consultations/{slug}/report.json", get(report_data::report_json))
        .route("/reports.atom", get(feeds::reports_atom))
        .route("/consultations.atom", get(feeds::consultations_atom))
        .route("/news.atom", get(feeds::news_atom))
        .route("/moderation/stats.csv", get(moderation::stats_csv))
        .route("/api/v1/budget/{year}/projects", get(budget_data::list_json))
        .route("/api/v1/budget/{year}/projects.csv", get(budget_data::list_csv))
        .route("/api/v1/budget/{year}/results", get(budget_results::results_json))
        .route("/api/v1/budget/{year}/results.csv", get(budget_results::results_csv))
        .route("/api/v1/budget/{year}/ballots/{file}", get(budget_results::ballots_pb))
        .route("/api/v1/initiatives", get(initiative_data::list_json))
        .route("/api/v1/initiatives.csv", get(initiative_data::list_csv))
        .route("/consultations/{slug}/events.ics", get(open_data::events_ics))
        .route("/events.ics", get(events::feed))
        .route("/share.png", get(share_card::share_card))
        .route("/events/{file}", get(events::file))
        .route("/consultations/{slug}/events/{file}", get(open_data::event_ics))
        .route("/_sf/{*name}", post(server_fns.clone()).get(server_fns))
        .leptos_routes_with_context(&state, routes, context, pages)
        .fallback(fallback)
        .layer(axum::middleware::from_fn_with_state(state.clone(), middleware::count_views))
        .layer(axum::middleware::from_fn(middleware::guard_writes))
        .layer(axum::middleware::from_fn_with_state(state.clone(), accounts::session::load))
        .layer(Extension(services))
        .with_state(state);
    middleware::apply(router, middleware::BodyLimits { forms: BODY_LIMIT, uploads: media::UPLOAD_BODY_LIMIT })
}

/// A file of the site's root (the browser bundle, the icon, robots.txt), else the page
/// Leptos renders for the address (its "not found"). Files are served here, not by
/// Leptos' file handler: that handler looks its response options up from a reactive
/// owner that can hang off a page being rendered on the same thread at that moment, and
/// then carries that page's headers (its content security policy) off to the file.
async fn files_or<F, R>(not_found: F, State(state): State<AppState>, request: Request) -> Response
where
    F: FnOnce(http::Uri, State<AppState>, Request) -> R,
    R: std::future::Future<Output = Response>,
{
    let mut probe = Request::builder().method(request.method()).uri(request.uri());
    for name in [http::header::ACCEPT_ENCODING, http::header::IF_MODIFIED_SINCE, http::header::RANGE] {
        if let Some(value) = request.headers().get(&name) {
            probe = probe.header(name, value);
        }
    }
    if let Ok(probe) = probe.body(Body::empty()) {
        let files = ServeDir::new(&*state.leptos_options.site_root)
            .precompressed_gzip()
            .precompressed_br()
            .append_index_html_on_directories(false);
        let Ok(found) = files.oneshot(probe).await;
        if found.status() != StatusCode::NOT_FOUND {
            return found.into_response();
        }
    }
    not_found(request.uri().clone(), State(state), request).await
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
