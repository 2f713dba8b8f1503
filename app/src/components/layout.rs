//! The frame of every page: skip link, header with navigation and language switcher,
//! footer with the accessibility statement. Plain server HTML: no island needed.

use crate::accounts::{api::current_user, authz, model::CurrentUser};
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
                    <li>
                        <a href="/initiatives" aria-current=current("/initiatives")>{locale.initiatives().nav_initiatives}</a>
                    </li>
                    <li>
                        <a href="/budget" aria-current=current("/budget")>{locale.budget().home_title}</a>
                    </li>
                    <li>
                        <a href="/events" aria-current=current("/events")>{locale.events().nav}</a>
                    </li>
                    <li>
                        <a href="/news" aria-current=current("/news")>{locale.news().title}</a>
                    </li>
                    <UserNav user=current_user() locale=locale current=current("/account").or(current("/signin"))/>
                </ul>
            </nav>
        </header>
    }
}

/// The signed-in person's corner of the menu (or the way to sign in). The name is
/// text: Leptos escapes it, so markup in a name shows as typed.
#[component]
fn UserNav(user: Option<CurrentUser>, locale: Locale, current: Option<&'static str>) -> impl IntoView {
    let a = locale.accounts();
    match user {
        None => view! {
            <li class="nav-account">
                <a href="/signin" aria-current=current>{a.nav_sign_in}</a>
            </li>
        }
        .into_any(),
        Some(user) => {
            let admin = authz::permits(Some(&user), authz::Action::ManageUsers);
            let moderator = authz::permits(Some(&user), authz::Action::Moderate);
            let editor = authz::permits(Some(&user), authz::Action::Edit);
            view! {
                {moderator.then(|| view! { <li><a href="/moderation">{locale.moderation().nav_moderation}</a></li> })}
                {editor.then(|| view! { <li><a href="/editorial/news">{locale.events().nav_editorial}</a></li> })}
                {admin.then(|| view! { <li><a href="/admin">{a.nav_admin}</a></li> })}
                <li class="nav-account">
                    <a href="/account" aria-current=current>
                        <span class="visually-hidden">{a.signed_in_as} " "</span>
                        <span class="user-name">{user.display_name}</span>
                    </a>
                </li>
                <li>
                    <form method="post" action="/signout" class="inline-form">
                        <button type="submit" class="button-link">{a.sign_out}</button>
                    </form>
                </li>
            }
            .into_any()
        }
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
                            <a href="/privacy">{use_locale().accounts().footer_privacy}</a>
                        </li>
                        <li>
                            <a href="/api/v1/consultations">{t.footer_open_data}</a>
                        </li>
                        <li>
                            <a href="/newsletter">{use_locale().newsletter().title}</a>
                        </li>
                    </ul>
                </nav>
            </div>
        </footer>
    }
}
