//! One consultation on a list: title link, phase badge, area, dates, summary.

use crate::consultations::model::ConsultationSummary;
use crate::domain::{consultation_phase::Phase, district::Area, warsaw_time};
use crate::i18n::Locale;
use leptos::prelude::*;

/// The language consultations are written in.
pub const CONTENT_LANG: &str = "pl";

/// "Cały Kraków", or the districts' names.
pub fn area_label(area: &Area, locale: Locale) -> String {
    match area {
        Area::CityWide => locale.texts().city_wide.to_owned(),
        Area::Districts(ds) => ds.iter().map(|d| d.label()).collect::<Vec<_>>().join(", "),
    }
}

#[component]
pub fn PhaseBadge(phase: Phase, locale: Locale) -> impl IntoView {
    view! { <span class=format!("badge badge-{}", phase.slug())>{locale.phase(phase)}</span> }
}

#[component]
pub fn ConsultationCard(c: ConsultationSummary, locale: Locale, heading_level: u8) -> impl IntoView {
    let t = locale.texts();
    let href = format!("/consultations/{}", c.slug);
    let (when_label, when) = match c.phase {
        Phase::Announced | Phase::Scheduled => (t.starts_on, c.schedule.starts_at),
        Phase::Open => (t.runs_until, c.schedule.ends_at),
        Phase::Closed | Phase::ReportPublished => (t.detail_ends, c.schedule.ends_at),
    };
    // Consultations are written in Polish: say so, so a screen reader in another
    // language pronounces them right (WCAG 3.1.2).
    let title = view! { <a href=href lang=CONTENT_LANG>{c.title.clone()}</a> };
    let heading = if heading_level == 2 {
        view! { <h2 class="card-title">{title}</h2> }.into_any()
    } else {
        view! { <h3 class="card-title">{title}</h3> }.into_any()
    };
    view! {
        <article class="card">
            {heading}
            <p class="card-meta">
                <PhaseBadge phase=c.phase locale=locale/>
                <span>{area_label(&c.area, locale)}</span>
                <span>{locale.topic(c.topic)}</span>
            </p>
            <p lang=CONTENT_LANG>{c.summary.clone()}</p>
            <p class="card-when">
                {when_label} ": " <time datetime=warsaw_time::iso_date(when)>{locale.date(when)}</time>
            </p>
        </article>
    }
}
