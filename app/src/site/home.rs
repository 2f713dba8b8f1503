//! `/`: what is open now and what is coming, so a resident sees at once where their
//! voice is wanted.

use crate::components::{consultation_card::ConsultationCard, layout::use_locale, status::set_status};
use crate::consultations::{api::get_overview, model::ConsultationSummary};
use crate::i18n::Locale;
use crate::site::ErrorSection;
use leptos::prelude::*;

#[component]
pub fn HomePage() -> impl IntoView {
    let locale = use_locale();
    let t = locale.texts();
    view! {
        <crate::components::PageTitle text=t.site_name/>
        <h1>{t.home_title}</h1>
        <p class="lead">{t.home_lead}</p>
        <Suspense fallback=|| ()>
            {Suspend::new(async move {
                match get_overview().await {
                    Ok(o) => {
                        view! {
                            <Section id="open-now" title=t.home_open_now empty=t.home_nothing_open items=o.open locale=locale/>
                            <Section id="announced" title=t.home_coming_soon empty=t.home_nothing_coming items=o.announced locale=locale/>
                            {(!o.reports.is_empty())
                                .then(|| {
                                    view! {
                                        <Section id="reports" title=t.home_recent_reports empty="" items=o.reports locale=locale/>
                                    }
                                })}
                            <p>
                                <a class="button" href="/consultations">{t.home_all_consultations}</a>
                            </p>
                        }
                            .into_any()
                    }
                    Err(_) => {
                        set_status(500);
                        view! { <ErrorSection/> }.into_any()
                    }
                }
            })}
        </Suspense>
    }
}

#[component]
fn Section(
    id: &'static str,
    title: &'static str,
    empty: &'static str,
    items: Vec<ConsultationSummary>,
    locale: Locale,
) -> impl IntoView {
    let heading_id = format!("{id}-heading");
    view! {
        <section aria-labelledby=heading_id class="home-section">
            <h2 id=heading_id.clone()>{title}</h2>
            {if items.is_empty() {
                view! { <p>{empty}</p> }.into_any()
            } else {
                view! {
                    <ul class="cards">
                        {items
                            .into_iter()
                            .map(|c| view! { <li><ConsultationCard c=c locale=locale heading_level=3/></li> })
                            .collect_view()}
                    </ul>
                }
                    .into_any()
            }}
        </section>
    }
}
