//! The frame of every page: skip link, header with navigation and language switcher,
//! footer with the accessibility statement. Plain server HTML: no island needed.

use crate::i18n::Locale;
use leptos::prelude::*;
use leptos_router::hooks::use_location;

/// The request's locale (provided by the server for each request).
pub fn use_locale() -> Locale {
    use_context::<Locale>().unwrap_or_default()
}

#[component]
pub fn Header() -> impl IntoView {
    let locale = use_locale();
    let t = locale.texts();
    let location = use_location();
    let here = location.pathname.get_untracked();
    // Where the switcher sends the reader back to: this very page.
    let search = location.search.get_untracked();
    let next = match search.trim_start_matches('?') {
        "" => here.clone(),
        query => format!("{here}?{query}"),
    };
    let current = move |prefix: &'static str| {
        let active = if prefix == "/" { here == "/" } else { here.starts_with(prefix) };
        active.then_some("page")
    };
    view! {
        <a class="skip-link" href="#content">{t.skip_to_content}</a>
        <header class="site-header">
            <div class="wrap header-row">
                <a class="brand" href="/">
                    <span class="brand-mark" aria-hidden="true">"K"</span>
                    <span>
                        <span class="brand-name">{t.site_name}</span>
                        <span class="brand-tagline">{t.site_tagline}</span>
                    </span>
                </a>
                <form class="lang-switch" method="post" action="/lang">
                    <input type="hidden" name="next" value=next/>
                    <fieldset>
                        <legend class="visually-hidden">{t.change_language}</legend>
                        {Locale::ALL
                            .into_iter()
                            .map(|l| {
                                view! {
                                    <button
                                        type="submit"
                                        name="lang"
                                        value=l.tag()
                                        lang=l.tag()
                                        aria-pressed=if l == locale { "true" } else { "false" }
                                    >
                                        {l.native_name()}
                                    </button>
                                }
                            })
                            .collect_view()}
                    </fieldset>
                </form>
            </div>
            <nav class="main-nav" aria-label=t.main_nav>
                <ul class="wrap">
                    <li>
                        <a href="/" aria-current=current("/")>{t.nav_home}</a>
                    </li>
                    <li>
                        <a href="/consultations" aria-current=current("/consultations")>{t.nav_consultations}</a>
                    </li>
                </ul>
            </nav>
        </header>
    }
}

#[component]
pub fn Footer() -> impl IntoView {
    let t = use_locale().texts();
    view! {
        <footer class="site-footer">
            <div class="wrap">
                <p>{t.footer_owner}</p>
                <nav aria-label=t.footer_nav>
                    <ul>
                        <li>
                            <a href="/accessibility">{t.footer_accessibility}</a>
                        </li>
                        <li>
                            <a href="/api/v1/consultations">{t.footer_open_data}</a>
                        </li>
                    </ul>
                </nav>
            </div>
        </footer>
    }
}
