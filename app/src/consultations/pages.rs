//! `/consultations` (list with filters and pagination) and `/consultations/{slug}`.
//! Both are server HTML; the only island is the filter form's live result count.

use super::api::{district_follow, get_consultation, list_consultations, unsubscribe_status};
use super::model::{ConsultationDetail, ConsultationEvent, DistrictFilter, ListFilter};
use super::remarks::api::{get_discussion, Discussion};
use super::remarks::views::{anchor_label, ActText, RemarksSection, ThreadParams};
use crate::components::{
    consultation_card::{area_label, ConsultationCard, PhaseBadge, CONTENT_LANG},
    layout::use_locale,
    pagination::Pagination,
    status::set_status,
};
use crate::domain::consultation_forms::EventKind;
use crate::domain::{consultation_phase::Phase, district::District, paging::PageNumber, topic::Topic, warsaw_time};
use crate::error::AppError;
use crate::i18n::Locale;
use crate::media::{DocumentList, MediaItem, Picture};
use crate::site::{ErrorNotice, ErrorSection, NotFound};
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

#[component]
pub fn ConsultationList() -> impl IntoView {
    let locale = use_locale();
    let t = locale.texts();
    let query = use_query_map().get_untracked();
    let filter = ListFilter::from_query(|k| query.get(k));
    let page = PageNumber::parse(query.get("page").as_deref());
    let data = {
        let (d, p, tp) = (query.get("district"), query.get("phase"), query.get("topic"));
        async move { list_consultations(d, p, tp, Some(page.get().to_string())).await }
    };
    let export = filter.query_string(None);
    view! {
        <crate::components::PageTitle text=format!("{} · {}", t.list_title, t.site_name) description=t.list_lead/>
        <leptos_meta::Link rel="alternate" type_="application/atom+xml" href="/consultations.atom" title=t.consultations_feed/>
        <h1>{t.list_title}</h1>
        <p class="lead">{t.list_lead}</p>
        <FilterFields filter=filter locale=locale/>
        {match filter.district {
            Some(DistrictFilter::District(d)) => view! { <DistrictFollow district=d.number() locale=locale/> }.into_any(),
            _ => ().into_any(),
        }}
        <Suspense fallback=|| ()>
            {Suspend::new(async move {
                match data.await {
                    Ok(list) => {
                        let beyond_end = list.items.is_empty() && list.total > 0;
                        view! {
                            <section aria-labelledby="results-heading" class="results">
                                <h2 id="results-heading" class="results-count">
                                    {locale.count(list.total, t.consultations_found)}
                                </h2>
                                {(list.total == 0).then(|| view! { <p>{t.no_results}</p> })}
                                {beyond_end
                                    .then(|| {
                                        view! {
                                            <p>
                                                <a href=format!("/consultations{}", filter.query_string(None))>
                                                    {t.page_beyond_end}
                                                </a>
                                            </p>
                                        }
                                    })}
                                <ul class="cards">
                                    {list
                                        .items
                                        .into_iter()
                                        .map(|c| view! { <li><ConsultationCard c=c locale=locale heading_level=3/></li> })
                                        .collect_view()}
                                </ul>
                                <Pagination
                                    base="/consultations"
                                    filter=filter
                                    page=list.page.get()
                                    pages=list.pages
                                    locale=locale
                                />
                            </section>
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
        <p class="exports">
            <a href=format!("/api/v1/consultations.csv{export}")>{t.download_csv}</a>
            " · "
            <a href=format!("/api/v1/consultations{export}")>{t.download_json}</a>
            " · "
            <a href="/consultations.atom">{t.consultations_feed}</a>
        </p>
    }
}

/// The filter form: a plain GET form that works without JavaScript. With JavaScript,
/// the `LiveCount` island around it says how many results the choice will show.
#[component]
fn FilterFields(filter: ListFilter, locale: Locale) -> impl IntoView {
    let t = locale.texts();
    let district_value = filter.district.map(DistrictFilter::to_param).unwrap_or_default();
    let phase_value = filter.phase.map(|p| p.slug().to_owned()).unwrap_or_default();
    let topic_value = filter.topic.map(|p| p.slug().to_owned()).unwrap_or_default();
    let option = |value: String, label: String, selected: &str| {
        let is_selected = value == selected;
        view! { <option value=value selected=is_selected>{label}</option> }
    };
    view! {
        <crate::IslandScripts/>
        <LiveCount locale=locale forms=locale.texts().consultations_found.join("|") shown=filter.query_string(None)>
            <fieldset class="filters">
                <legend>{t.filters}</legend>
                <div class="field">
                    <label for="filter-district">{t.filter_district}</label>
                    <select id="filter-district" name="district">
                        {option(String::new(), t.filter_any_district.to_owned(), &district_value)}
                        {option(DistrictFilter::CITY_WIDE.to_owned(), t.filter_city_wide.to_owned(), &district_value)}
                        {District::all()
                            .map(|d| option(d.number().to_string(), d.label(), &district_value))
                            .collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="filter-phase">{t.filter_phase}</label>
                    <select id="filter-phase" name="phase">
                        {option(String::new(), t.filter_any_phase.to_owned(), &phase_value)}
                        {Phase::PUBLIC
                            .into_iter()
                            .map(|p| option(p.slug().to_owned(), locale.phase(p).to_owned(), &phase_value))
                            .collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="filter-topic">{t.filter_topic}</label>
                    <select id="filter-topic" name="topic">
                        {option(String::new(), t.filter_any_topic.to_owned(), &topic_value)}
                        {Topic::ALL
                            .into_iter()
                            .map(|tp| option(tp.slug().to_owned(), locale.topic(tp).to_owned(), &topic_value))
                            .collect_view()}
                    </select>
                </div>
                <div class="actions">
                    <button type="submit" class="button">{t.filter_apply}</button>
                    {(!filter.is_empty()).then(|| view! { <a href="/consultations">{t.filter_clear}</a> })}
                </div>
            </fieldset>
        </LiveCount>
    }
}

/// The filter form's island: when a filter changes, it asks the server how many
/// consultations match and announces it in a polite live region. It never submits or
/// navigates by itself (WCAG 3.2.2): the reader still presses the button.
/// `shown` is the filter the page lists (its query string): a choice made before the
/// island woke up differs from it and is announced as soon as it does. `forms` are the
/// plural forms of "N consultations" in the page's language (one|few|many), so the
/// browser's bundle carries no table of texts.
#[island]
fn LiveCount(locale: Locale, forms: String, shown: String, children: Children) -> impl IntoView {
    let (count, set_count) = signal(None::<u64>);
    let form = NodeRef::<leptos::html::Form>::new();
    #[cfg(feature = "hydrate")]
    Effect::new(move || {
        if let Some(form) = form.get() {
            if filter_query(&form) != shown {
                announce_count(&form, set_count);
            }
        }
    });
    #[cfg(not(feature = "hydrate"))]
    let _ = shown;
    let on_change = move |_: leptos::ev::Event| {
        #[cfg(feature = "hydrate")]
        if let Some(form) = form.get_untracked() {
            announce_count(&form, set_count);
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = set_count;
    };
    view! {
        <form node_ref=form method="get" action="/consultations" class="filter-form" on:change=on_change>
            {children()}
            <p class="live-count" role="status">
                {move || {
                    count
                        .get()
                        .map(|n| {
                            let mut f = forms.split('|');
                            let mut next = || f.next().unwrap_or_default();
                            locale.count(n, [next(), next(), next()])
                        })
                }}
            </p>
        </form>
    }
}

/// The form's current choice, read by the same rules as the page's query string.
#[cfg(feature = "hydrate")]
fn form_filter(form: &web_sys::HtmlFormElement) -> ListFilter {
    let data = web_sys::FormData::new_with_form(form).ok();
    ListFilter::from_query(|k| data.as_ref().and_then(|d| d.get(k).as_string()))
}

#[cfg(feature = "hydrate")]
fn filter_query(form: &web_sys::HtmlFormElement) -> String {
    form_filter(form).query_string(None)
}

/// Asks the server how many consultations the form's choice gives, and shows it.
#[cfg(feature = "hydrate")]
fn announce_count(form: &web_sys::HtmlFormElement, set_count: WriteSignal<Option<u64>>) {
    let filter = form_filter(form);
    let district = filter.district.map(DistrictFilter::to_param);
    let phase = filter.phase.map(|p| p.slug().to_owned());
    let topic = filter.topic.map(|t| t.slug().to_owned());
    leptos::task::spawn_local(async move {
        if let Ok(n) = super::api::count_consultations(district, phase, topic).await {
            set_count.set(Some(n));
        }
    });
}

#[component]
pub fn ConsultationPage() -> impl IntoView {
    let locale = use_locale();
    let slug = use_params_map().get_untracked().get("slug").unwrap_or_default();
    let query = use_query_map().get_untracked();
    let params = ThreadParams::from_query(|k| query.get(k));
    view! {
        <Suspense fallback=|| ()>
            {
                let slug = slug.clone();
                let params = params.clone();
                Suspend::new(async move {
                    let detail = get_consultation(slug.clone()).await;
                    let discussion = get_discussion(
                            slug.clone(),
                            params.unit.clone(),
                            Some(params.sort.code().to_owned()),
                            params.after.clone(),
                        )
                        .await;
                    match (detail, discussion) {
                        (Ok(detail), Ok(discussion)) => {
                            view! { <ConsultationView detail=detail discussion=discussion params=params locale=locale/> }
                                .into_any()
                        }
                        (Err(AppError::NotFound), _) | (_, Err(AppError::NotFound)) => view! { <NotFound/> }.into_any(),
                        _ => {
                            set_status(500);
                            view! { <ErrorNotice/> }.into_any()
                        }
                    }
                })
            }
        </Suspense>
    }
}

#[component]
fn ConsultationView(
    detail: ConsultationDetail,
    discussion: Discussion,
    params: ThreadParams,
    locale: Locale,
) -> impl IntoView {
    let t = locale.texts();
    let c = detail.summary;
    let (pictures, documents): (Vec<_>, Vec<_>) = detail.media.into_iter().partition(MediaItem::is_image);
    let share_image = pictures.first().and_then(|cover| crate::components::ShareImage::of(cover, locale));
    let mut pictures = pictures.into_iter();
    let cover = pictures.next().map(|item| view! { <Picture item=item eager=true/> });
    let gallery: Vec<MediaItem> = pictures.collect();
    // The easy-to-read version comes first for those who ask for it (`?easy=1`, the
    // link at the top); for the others it follows the full text.
    let easy_first = use_query_map().get_untracked().get("easy").as_deref() == Some("1");
    let easy_read = detail.easy_read_html.clone();
    let easy_section = move || {
        easy_read.clone().map(|html| {
            let e = locale.readability();
            view! {
                <section aria-labelledby="easy-read-heading" class="easy-read" id="easy-read">
                    <h2 id="easy-read-heading">{e.easy_read_heading}</h2>
                    <div class="prose" lang=CONTENT_LANG inner_html=html></div>
                    {easy_first.then(|| view! { <p><a href="#full-text">{e.full_text_link}</a></p> })}
                </section>
            }
        })
    };
    let easy_link = (detail.easy_read_html.is_some() && !easy_first).then(|| {
        view! {
            <p class="easy-read-link">
                <a href=format!("/consultations/{}?easy=1#easy-read", c.slug)>{locale.readability().easy_read_link}</a>
            </p>
        }
    });
    let kind = match c.kind {
        super::model::Kind::General => t.kind_general,
        super::model::Kind::DraftAct => t.kind_draft_act,
    };
    let when = |at: i64| view! { <time datetime=warsaw_time::iso_date(at)>{locale.date_time(at)}</time> };
    let unit_label = discussion.thread.unit.as_ref().map(|anchor| {
        detail
            .act
            .as_ref()
            .and_then(|blocks| crate::domain::act::find(blocks, anchor).map(|u| u.label.clone()))
            .unwrap_or_else(|| anchor_label(anchor))
    });
    let text = match detail.act.clone() {
        Some(blocks) => view! {
            <ActText blocks=blocks slug=c.slug.clone() thread=discussion.thread.clone() locale=locale/>
        }
        .into_any(),
        None => view! {
            <section aria-label=t.detail_description class="prose" lang=CONTENT_LANG inner_html=detail.body_html></section>
        }
        .into_any(),
    };
    let following = discussion.participation.following;
    let signed_in = discussion.participation.signed_in;
    let r = locale.remarks();
    view! {
        <crate::components::PageTitle
            text=format!("{} · {}", c.title, t.site_name)
            description=c.summary.clone()
            image=share_image
        />
        <article class="consultation">
            <p class="breadcrumb">
                <a href="/consultations">{t.back_to_list}</a>
            </p>
            <h1 lang=CONTENT_LANG>{c.title.clone()}</h1>
            <p class="lead" lang=CONTENT_LANG>{c.summary.clone()}</p>
            {easy_link}
            {easy_first.then(easy_section.clone())}
            {cover}
            <section aria-labelledby="facts-heading" class="facts">
                <h2 id="facts-heading">{t.detail_facts}</h2>
                <dl>
                    <dt>{t.detail_phase}</dt>
                    <dd>
                        <PhaseBadge phase=c.phase locale=locale/>
                    </dd>
                    <dt>{t.detail_kind}</dt>
                    <dd>{kind}</dd>
                    <dt>{t.detail_area}</dt>
                    <dd>{area_label(&c.area, locale)}</dd>
                    <dt>{t.detail_topic}</dt>
                    <dd>{locale.topic(c.topic)}</dd>
                    <dt>{t.detail_unit}</dt>
                    <dd lang=CONTENT_LANG>{c.organising_unit.clone()}</dd>
                    <dt>{t.detail_information_from}</dt>
                    <dd>{when(c.schedule.information_starts_at)}</dd>
                    <dt>{t.detail_starts}</dt>
                    <dd>{when(c.schedule.starts_at)}</dd>
                    <dt>{t.detail_ends}</dt>
                    <dd>{when(c.schedule.ends_at)}</dd>
                    {c
                        .report_published_at
                        .map(|at| {
                            view! {
                                <dt>{t.detail_report_published}</dt>
                                <dd>
                                    {when(at)} " · "
                                    <a href=format!("/consultations/{}/report", c.slug)>{locale.reports().read_report}</a>
                                </dd>
                            }
                        })}
                </dl>
                {signed_in
                    .then(|| {
                        view! {
                            <form method="post" action=format!("/consultations/{}/follow", c.slug) class="follow">
                                <input type="hidden" name="follow" value=if following { "no" } else { "yes" }/>
                                {following.then(|| view! { <p>{r.following}</p> })}
                                {(!following).then(|| view! { <p class="hint" id="follow-hint">{r.follow_lead}</p> })}
                                <button type="submit" class="button secondary" aria-describedby=(!following).then_some("follow-hint")>
                                    {if following { r.unfollow } else { r.follow }}
                                </button>
                            </form>
                        }
                    })}
            </section>
            <div id="full-text">{text}</div>
            {(!easy_first).then(easy_section)}
            {(!gallery.is_empty())
                .then(|| {
                    view! {
                        <div class="gallery">
                            {gallery
                                .into_iter()
                                .map(|item| view! { <Picture item=item sizes="(min-width: 50rem) 23rem, 100vw"/> })
                                .collect_view()}
                        </div>
                    }
                })}
            <DocumentList items=documents/>
            <EventList events=detail.events slug=c.slug.clone() locale=locale/>
            <RemarksSection
                discussion=discussion
                slug=c.slug.clone()
                phase=c.phase
                ends_at=c.schedule.ends_at
                unit_label=unit_label
                params=params
                locale=locale
            />
        </article>
    }
}

/// The consultation's meetings, workshops and duty hours, each with its `.ics` file.
#[component]
fn EventList(events: Vec<ConsultationEvent>, slug: String, locale: Locale) -> impl IntoView {
    let r = locale.remarks();
    if events.is_empty() {
        return ().into_any();
    }
    view! {
        <section aria-labelledby="events-heading" class="events">
            <h2 id="events-heading">{r.events_heading}</h2>
            <ul class="event-list">
                {events
                    .into_iter()
                    .map(|e| {
                        view! {
                            <li class="event">
                                <h3>{event_kind_label(locale, e.kind)}</h3>
                                <p>
                                    <time datetime=warsaw_time::iso_date(e.starts_at)>{locale.date_time(e.starts_at)}</time>
                                    " – "
                                    <time datetime=warsaw_time::iso_date(e.ends_at)>{locale.date_time(e.ends_at)}</time>
                                </p>
                                <dl>
                                    <dt>{r.event_place}</dt>
                                    <dd lang=CONTENT_LANG>{e.place.clone()}</dd>
                                    <dt>{r.event_accessibility}</dt>
                                    <dd>
                                        <crate::events::pages::AccessFacts access=e.access note=e.accessibility.clone() locale=locale/>
                                    </dd>
                                </dl>
                                <p>
                                    {e.online_url.clone().map(|url| view! { <a href=url rel="noopener noreferrer nofollow">{r.event_online}</a> " · " })}
                                    <a href=format!("/consultations/{slug}/events/{}.ics", e.id)>{r.event_ics}</a>
                                </p>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
            <p>
                <a href=format!("/consultations/{slug}/events.ics")>{r.all_events_ics}</a>
            </p>
        </section>
    }
    .into_any()
}

pub fn event_kind_label(locale: Locale, kind: EventKind) -> &'static str {
    let r = locale.remarks();
    match kind {
        EventKind::Meeting => r.event_meeting,
        EventKind::Workshop => r.event_workshop,
        EventKind::DutyHours => r.event_duty_hours,
    }
}

/// "Follow consultations in this district", for a signed-in reader of a district's list.
#[component]
fn DistrictFollow(district: u8, locale: Locale) -> impl IntoView {
    let r = locale.remarks();
    let data = async move { district_follow(district).await };
    view! {
        <Suspense fallback=|| ()>
            {Suspend::new(async move {
                match data.await {
                    Ok(Some(following)) => {
                        view! {
                            <form method="post" action=format!("/districts/{district}/follow") class="follow">
                                <input type="hidden" name="follow" value=if following { "no" } else { "yes" }/>
                                {following.then(|| view! { <p>{r.following_district}</p> })}
                                <button type="submit" class="button secondary">
                                    {if following { r.unfollow_district } else { r.follow_district }}
                                </button>
                            </form>
                        }
                            .into_any()
                    }
                    _ => ().into_any(),
                }
            })}
        </Suspense>
    }
}

/// `/unsubscribe/{token}`: the link in every notice mail. Opening it changes nothing
/// (mail scanners open links); the button posts.
#[component]
pub fn UnsubscribePage() -> impl IntoView {
    let locale = use_locale();
    let r = locale.remarks();
    let t = locale.texts();
    let token = use_params_map().get_untracked().get("token").unwrap_or_default();
    let data = {
        let token = token.clone();
        async move { unsubscribe_status(token).await }
    };
    view! {
        <crate::components::PageTitle text=format!("{} · {}", r.unsubscribe_title, t.site_name)/>
        <h1>{r.unsubscribe_title}</h1>
        <crate::accounts::forms::DoneNotice/>
        <Suspense fallback=|| ()>
            {Suspend::new(async move {
                match data.await {
                    Ok(true) => {
                        view! {
                            <p>{r.unsubscribe_lead}</p>
                            <form method="post" action=format!("/unsubscribe/{token}")>
                                <button type="submit" class="button">{r.unsubscribe_button}</button>
                            </form>
                        }
                            .into_any()
                    }
                    Ok(false) => view! { <p>{r.unsubscribe_gone}</p> }.into_any(),
                    Err(_) => {
                        set_status(500);
                        view! { <ErrorSection/> }.into_any()
                    }
                }
            })}
        </Suspense>
    }
}
