//! The account pages: sign-in, sign-up, password reset, "My account" and "My data",
//! the organisation page, the admin pages, the privacy notice and the demo outbox.

mod account;
mod admin;
mod privacy;
mod sign_in;

pub use account::{AccountPage, OrganisationPage};
pub use admin::{AdminHome, AdminOrganisations, AdminUser, AdminUsers, AuditLogPage, OutboxPage};
pub use privacy::PrivacyPage;
pub use sign_in::{ConfirmPage, PasswordResetPage, PasswordResetRequestPage, SignInPage, SignUpPage};

use crate::components::{layout::use_locale, status::set_status};
use crate::error::AppError;
use crate::site::{ErrorNotice, NotFound};
use leptos::prelude::*;

/// `<title>` and `<h1>` of an account page.
#[component]
pub(crate) fn PageHeading(title: &'static str) -> impl IntoView {
    let t = use_locale().texts();
    view! {
        <crate::components::PageTitle text=format!("{title} · {}", t.site_name)/>
        <h1>{title}</h1>
    }
}

/// What a page shows, instead of its own content and heading, when its data was refused: anonymous people are sent to sign in
/// (and brought back), others get a 403 or 404 page; anything else is logged as 500.
pub(crate) fn refusal(error: AppError) -> AnyView {
    match error {
        AppError::SignInRequired => {
            send_to_sign_in();
            ().into_any()
        }
        AppError::Forbidden => view! { <Forbidden/> }.into_any(),
        AppError::NotFound => view! { <NotFound/> }.into_any(),
        _ => {
            set_status(500);
            view! { <ErrorNotice/> }.into_any()
        }
    }
}

/// Redirects to `/signin?next=<this page>` (303 on the server).
fn send_to_sign_in() {
    #[cfg(feature = "ssr")]
    {
        let location = leptos_router::hooks::use_location();
        let here = location.pathname.get_untracked();
        let search = location.search.get_untracked();
        let next = if search.is_empty() { here } else { format!("{here}?{}", search.trim_start_matches('?')) };
        let encoded: String = url_encode(&next);
        // A cookie that named no live session: say the session ended, not just "sign in".
        let ended = use_context::<http::request::Parts>()
            .and_then(|p| p.extensions.get::<crate::accounts::model::RequestSession>().map(|s| s.ended))
            .unwrap_or(false);
        let reason = if ended { "ended" } else { "required" };
        leptos_axum::redirect(&format!("/signin?next={encoded}&reason={reason}"));
        // `redirect` sets the status only for requests that accept HTML; every caller
        // of a page gets the redirect, and it wins over a 401 set on the way here.
        set_status(302);
    }
}

/// Percent-encodes a value for a query string.
pub fn url_encode(value: &str) -> String {
    value
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

#[component]
fn Forbidden() -> impl IntoView {
    set_status(403);
    let locale = use_locale();
    let (t, a) = (locale.texts(), locale.accounts());
    view! {
        <crate::components::PageTitle text=format!("{} · {}", a.forbidden_title, t.site_name)/>
        <h1>{a.forbidden_title}</h1>
        <p>{a.forbidden_text}</p>
        <p>
            <a href="/">{t.go_home}</a>
        </p>
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn query_values_are_encoded() {
        assert_eq!(super::url_encode("/account?tab=1&x=ż"), "/account%3Ftab%3D1%26x%3D%C5%BC");
    }
}
