//! Pages that belong to the site rather than to one domain: home, accessibility
//! statement, and the localised "not found" and error pages.

mod accessibility;
mod home;

pub use accessibility::AccessibilityPage;
pub use home::HomePage;

use crate::components::{layout::use_locale, status::set_status};
use leptos::prelude::*;

/// The localised 404 page; sets the status so crawlers and scripts see it too.
#[component]
pub fn NotFound() -> impl IntoView {
    set_status(404);
    let t = use_locale().texts();
    view! { <Message title=t.not_found_title text=t.not_found_text/> }
}

/// What a reader sees when the server could not build a page (the cause is logged).
#[component]
pub fn ErrorNotice() -> impl IntoView {
    let t = use_locale().texts();
    view! { <Message title=t.error_title text=t.error_text/> }
}

/// The same message inside a page that has its own `<h1>` already.
#[component]
pub fn ErrorSection() -> impl IntoView {
    let t = use_locale().texts();
    view! {
        <section class="error-notice" role="alert">
            <h2>{t.error_title}</h2>
            <p>{t.error_text}</p>
        </section>
    }
}

/// A page that is only a message and the way home.
#[component]
fn Message(title: &'static str, text: &'static str) -> impl IntoView {
    let t = use_locale().texts();
    view! {
        <crate::components::PageTitle text=format!("{title} · {}", t.site_name)/>
        <h1>{title}</h1>
        <p>{text}</p>
        <p>
            <a href="/">{t.go_home}</a>
        </p>
    }
}
