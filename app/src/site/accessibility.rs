//! `/accessibility`: the accessibility statement a Polish public body must publish
//! (act of 4 April 2019 on digital accessibility).

use crate::components::layout::use_locale;
use leptos::prelude::*;

#[component]
pub fn AccessibilityPage() -> impl IntoView {
    let t = use_locale().texts();
    view! {
        <crate::components::PageTitle text=format!("{} · {}", t.accessibility_title, t.site_name)/>
        <article class="prose">
            <h1>{t.accessibility_title}</h1>
            {t.accessibility_body.iter().map(|p| view! { <p>{*p}</p> }).collect_view()}
            <p>{t.accessibility_contact}</p>
            <p>{t.accessibility_prepared}</p>
        </article>
    }
}
