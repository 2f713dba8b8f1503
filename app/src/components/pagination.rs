//! "Previous / page N of M / next" links that keep the filters.

use crate::consultations::model::ListFilter;
use crate::i18n::Locale;
use leptos::prelude::*;

#[component]
pub fn Pagination(base: &'static str, filter: ListFilter, page: u32, pages: u32, locale: Locale) -> impl IntoView {
    let t = locale.texts();
    let href = move |p: u32| format!("{base}{}", filter.query_string(Some(p)));
    let label = t.page_n_of_m.replace("{n}", &page.to_string()).replace("{m}", &pages.to_string());
    (pages > 1).then(|| {
        view! {
            <nav class="pagination" aria-label=t.pagination>
                {(page > 1).then(|| view! { <a rel="prev" href=href((page - 1).min(pages))>{t.previous_page}</a> })}
                <span aria-current="page">{label}</span>
                {(page < pages).then(|| view! { <a rel="next" href=href(page + 1)>{t.next_page}</a> })}
            </nav>
        }
    })
}
