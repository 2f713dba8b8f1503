//! What every request passes through, outermost first: a request id (set, logged,
//! echoed back), tracing, metrics, gzip, a body limit, the cross-site write check and
//! the security headers.

use axum::{
    body::Body,
    extract::{MatchedPath, Request, State},
    http::{header, HeaderMap, HeaderName, HeaderValue, Method, StatusCode},
    middleware::{from_fn, from_fn_with_state, Next},
    response::{IntoResponse, Response},
    Router,
};
use std::time::Instant;
use tower_http::{
    compression::CompressionLayer,
    request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer},
    trace::TraceLayer,
};

const REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

/// The largest request bodies: of forms and server-function calls, and of the routes
/// whose forms carry a file (`media::routes::UPLOAD_ROUTES`).
#[derive(Clone, Copy, Debug)]
pub struct BodyLimits {
    pub forms: usize,
    pub uploads: usize,
}

pub fn apply(router: Router, limits: BodyLimits) -> Router {
    router
        .layer(from_fn(reject_cross_site_writes))
        .layer(from_fn(security_headers))
        .layer(from_fn_with_state(limits, limit_bodies))
        .layer(CompressionLayer::new())
        .layer(from_fn(record_metrics))
        .layer(PropagateRequestIdLayer::new(REQUEST_ID))
        .layer(TraceLayer::new_for_http().make_span_with(|request: &Request| {
            let id = request.headers().get(&REQUEST_ID).and_then(|v| v.to_str().ok()).unwrap_or("-");
            tracing::info_span!("request", method = %request.method(), path = %request.uri().path(), request_id = %id)
        }))
        .layer(SetRequestIdLayer::new(REQUEST_ID, MakeRequestUuid))
}

/// Holds each request body to its route's limit: one announced larger is refused at
/// once (413, a page in the reader's language), one that grows larger fails its read.
async fn limit_bodies(State(limits): State<BodyLimits>, request: Request, next: Next) -> Response {
    let upload = request
        .extensions()
        .get::<MatchedPath>()
        .is_some_and(|p| crate::media::routes::UPLOAD_ROUTES.contains(&p.as_str()));
    let limit = if upload { limits.uploads } else { limits.forms };
    let announced =
        request.headers().get(header::CONTENT_LENGTH).and_then(|v| v.to_str().ok()).and_then(|v| v.parse::<u64>().ok());
    if announced.is_some_and(|length| length > limit as u64) {
        let locale = crate::routes::locale_of(request.headers());
        let problem = if upload { "upload_too_large" } else { "generic" };
        return refusal_page(StatusCode::PAYLOAD_TOO_LARGE, locale, locale.problem(problem));
    }
    next.run(request.map(|body| Body::new(http_body_util::Limited::new(body, limit)))).await
}

/// Counts requests and times them per route pattern (never per raw path: a slug in a
/// label would grow the metrics without bound).
async fn record_metrics(request: Request, next: Next) -> Response {
    let route =
        request.extensions().get::<MatchedPath>().map_or_else(|| "unmatched".to_owned(), |p| p.as_str().to_owned());
    let method = request.method().to_string();
    let started = Instant::now();
    let response = next.run(request).await;
    let status = response.status().as_u16().to_string();
    metrics::counter!("http_requests_total", "method" => method.clone(), "route" => route.clone(), "status" => status)
        .increment(1);
    metrics::histogram!("http_request_duration_seconds", "method" => method, "route" => route)
        .record(started.elapsed().as_secs_f64());
    response
}

/// CSRF defence for every state-changing request: a browser always says where a form
/// or fetch came from (`Origin`, or `Sec-Fetch-Site`); one from another site is refused.
/// Together with `SameSite=Lax` cookies this stops cross-site writes.
async fn reject_cross_site_writes(request: Request, next: Next) -> Response {
    if matches!(*request.method(), Method::GET | Method::HEAD | Method::OPTIONS) || is_one_click_unsubscribe(&request) {
        return next.run(request).await;
    }
    let headers = request.headers();
    let host = headers.get(header::HOST).and_then(|v| v.to_str().ok());
    let origin = headers.get(header::ORIGIN).and_then(|v| v.to_str().ok());
    let fetch_site = headers.get("sec-fetch-site").and_then(|v| v.to_str().ok());
    if is_cross_site(origin, fetch_site, host) {
        tracing::warn!(?origin, ?host, "refused a cross-site write");
        let locale = crate::routes::locale_of(headers);
        return refusal_page(StatusCode::FORBIDDEN, locale, locale.problem("cross_site"));
    }
    next.run(request).await
}

/// The one-click unsubscribe of RFC 8058: a mail program posts to the address in a
/// digest's `List-Unsubscribe` header from its own servers, without `Origin`. The
/// token in the address is the only permission it uses (no session is read), so a
/// forged request could do nothing its sender could not do with the link itself.
fn is_one_click_unsubscribe(request: &Request) -> bool {
    request.uri().path().strip_prefix("/newsletter/unsubscribe/").is_some_and(|token| !token.contains('/'))
}

/// Counts a view of a public page a campaign can group (`app::campaigns::views`):
/// a GET answered with 200, not a prefetch, not a crawler that says so. Nothing about
/// the reader is looked at beyond those two headers, and nothing is kept.
pub async fn count_views(State(state): State<app::state::AppState>, request: Request, next: Next) -> Response {
    let path = request.uri().path().to_owned();
    let countable = request.method() == Method::GET
        && app::campaigns::views::counted(&path)
        && !is_prefetch_or_crawler(request.headers());
    let response = next.run(request).await;
    if countable && response.status() == StatusCode::OK {
        state.views.record(&path, app::state::now());
    }
    response
}

fn is_prefetch_or_crawler(headers: &HeaderMap) -> bool {
    let prefetch = ["sec-purpose", "purpose", "x-moz"]
        .iter()
        .any(|name| headers.get(*name).and_then(|v| v.to_str().ok()).is_some_and(|v| v.contains("prefetch")));
    let agent = headers.get(header::USER_AGENT).and_then(|v| v.to_str().ok()).unwrap_or_default().to_ascii_lowercase();
    prefetch || ["bot", "crawl", "spider", "slurp", "preview"].iter().any(|word| agent.contains(word))
}

/// A small page in the reader's language for requests refused before any route runs.
fn refusal_page(status: StatusCode, locale: app::i18n::Locale, text: &str) -> Response {
    let t = locale.texts();
    let body = format!(
        "<!DOCTYPE html><html lang=\"{}\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" \
         content=\"width=device-width, initial-scale=1\"><title>{}</title></head><body><main><h1>{}</h1><p>{}</p>\
         <p><a href=\"/\">{}</a></p></main></body></html>",
        locale.tag(),
        t.site_name,
        t.site_name,
        text,
        t.go_home
    );
    (status, [(header::CONTENT_TYPE, "text/html; charset=utf-8")], body).into_response()
}

/// A write is same-site only if the browser says so: an `Origin` naming this host, or
/// `Sec-Fetch-Site: same-origin`. Browsers send one of them with every form post and
/// fetch; a request with neither is refused (it cannot be told apart from a forgery).
fn is_cross_site(origin: Option<&str>, fetch_site: Option<&str>, host: Option<&str>) -> bool {
    match origin {
        // "null" is what sandboxed or privacy-stripped contexts send: not us.
        Some("null") => true,
        Some(origin) => {
            let authority = origin.split_once("://").map_or(origin, |(_, rest)| rest);
            Some(authority) != host
        }
        None => !matches!(fetch_site, Some("same-origin")),
    }
}

/// Only the registered write routes (routes::WRITE_ROUTES) and server functions accept
/// anything but GET: a write route that bypassed the table would escape the access
/// matrix, so it is refused here.
pub async fn guard_writes(request: Request, next: Next) -> Response {
    if matches!(*request.method(), Method::GET | Method::HEAD | Method::OPTIONS) {
        return next.run(request).await;
    }
    let matched = request.extensions().get::<MatchedPath>().map(|p| p.as_str().to_owned());
    let registered = matched.as_deref().is_some_and(|path| {
        path.starts_with("/_sf/") || crate::routes::WRITE_ROUTES.iter().any(|route| route.path == path)
    });
    if registered {
        next.run(request).await
    } else {
        StatusCode::METHOD_NOT_ALLOWED.into_response()
    }
}

async fn security_headers(request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    let set = |headers: &mut HeaderMap, name: HeaderName, value: &'static str| {
        headers.entry(name).or_insert(HeaderValue::from_static(value));
    };
    set(headers, header::X_CONTENT_TYPE_OPTIONS, "nosniff");
    set(headers, header::REFERRER_POLICY, "strict-origin-when-cross-origin");
    set(headers, header::X_FRAME_OPTIONS, "DENY");
    set(headers, HeaderName::from_static("cross-origin-opener-policy"), "same-origin");
    set(headers, HeaderName::from_static("permissions-policy"), "camera=(), microphone=(), geolocation=()");
    // Pages set their own policy with a per-response nonce; everything else gets none.
    set(headers, header::CONTENT_SECURITY_POLICY, "default-src 'none'; frame-ancestors 'none'; base-uri 'none'");
    response
}

#[cfg(test)]
mod tests {
    use super::is_cross_site;

    #[test]
    fn a_form_from_our_own_pages_is_accepted() {
        assert!(!is_cross_site(Some("http://127.0.0.1:3000"), Some("same-origin"), Some("127.0.0.1:3000")));
        assert!(!is_cross_site(None, Some("same-origin"), Some("127.0.0.1:3000")));
    }

    #[test]
    fn a_form_from_another_site_is_refused() {
        assert!(is_cross_site(Some("https://evil.example"), Some("cross-site"), Some("dialog.krakow.pl")));
        assert!(is_cross_site(Some("null"), None, Some("dialog.krakow.pl")));
        assert!(is_cross_site(None, Some("cross-site"), Some("dialog.krakow.pl")));
        assert!(is_cross_site(None, None, Some("dialog.krakow.pl")), "neither header: refused");
    }
}
