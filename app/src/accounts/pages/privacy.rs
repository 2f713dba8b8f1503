//! `/privacy`: the privacy notice (GDPR art. 13), in the reader's language.

use super::PageHeading;
use crate::components::layout::use_locale;
use leptos::prelude::*;

#[component]
pub fn PrivacyPage() -> impl IntoView {
    let locale = use_locale();
    let a = locale.accounts();
    let more = [locale.newsletter().privacy_section, locale.campaigns().privacy_section];
    view! {
        <PageHeading title=a.privacy_title/>
        <p class="lead">{a.privacy_lead}</p>
        {a
            .privacy_sections
            .iter()
            .chain(more.iter())
            .map(|(heading, text)| {
                view! {
                    <section>
                        <h2>{*heading}</h2>
                        <p>{*text}</p>
                    </section>
                }
            })
            .collect_view()}
    }
}
