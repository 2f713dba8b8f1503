//! Pages that belong to the site rather than to one domain: home, accessibility
//! statement, and the localised "not found" and error pages.

mod accessibility;
mod home;

pub use accessibility::AccessibilityPage;
pub use home::HomePage;

use crate::components::{layout::use_locale, status::set_status};
use leptos::prelude::*;
use leptos_meta::Title;

/// The localised 404 page; sets the status so crawlers and scripts see it too.
#[component]
pub fn NotFound() -> impl IntoView {
    set_status(404);
    let t = use_locale().texts();
    view! {
        <Title text=format!("{} · {}", t.not_found_title, t.site_name)/>
        <h1>{t.not_found_title}</h1>
        <p>{t.not_found_text}</p>
        <p>
            <a href="/">{t.go_home}</a>
        </p>
    }
}

/// What a reader sees when the server could not build a page (the cause is logged).
#[component]
pub fn ErrorNotice() -> impl IntoView {
    let t = use_locale().texts();
    view! {
        <Title text=format!("{} · {}", t.error_title, t.site_name)/>
        <h1>{t.error_title}</h1>
        <p>{t.error_text}</p>
        <p>
            <a href="/">{t.go_home}</a>
        </p>
    }
}
