//! `/events` (the calendar: a list by day, or a month grid above it) and
//! `/editorial/events` (DK-06's own events). Server HTML with plain GET filters and
//! POST forms: nothing here needs JavaScript.

use super::api::{calendar_month, editorial_events};
use super::{CalendarEntry, CalendarQuery, Source, MAX_DESCRIPTION_CHARS, MAX_TITLE_CHARS};
use crate::accounts::forms::{feedback_for, DistrictSelect, DoneNotice, ErrorSummary, Field};
use crate::accounts::pages::{refusal, PageHeading};
use crate::components::consultation_card::{area_label, CONTENT_LANG};
use crate::components::layout::use_locale;
use crate::components::status::set_status;
use crate::consultations::editor::MAX_PLACE_CHARS;
use crate::consultations::model::DistrictFilter;
use crate::domain::calendar::{days_covered, Access, CalendarKind, Month};
use crate::domain::district::District;
use crate::domain::warsaw_time;
use crate::i18n::Locale;
use crate::moderation::pages::TextArea;
use crate::site::ErrorSection;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

#[component]
pub fn EventsPage() -> impl IntoView {
    let locale = use_locale();
    let e = locale.events();
    let raw = use_query_map().get_untracked();
    // The month is the server's to settle (the current one when none is asked for).
    let asked = CalendarQuery::from_query(|k| raw.get(k), 0);
    let data = {
        let (d, k, m) = (raw.get("district"), raw.get("kind"), raw.get("month"));
        async move { calendar_month(d, k, m).await }
    };
    view! {
        <Suspense fallback=|| ()>
            {Suspend::new(async move {
                match data.await {
                    Ok(page) => {
                        let query = CalendarQuery { month: page.month, ..asked };
                        view! { <CalendarView query=query entries=page.entries locale=locale/> }.into_any()
                    }
                    Err(_) => {
                        set_status(500);
                        view! {
                            <h1>{e.title}</h1>
                            <ErrorSection/>
                        }
                            .into_any()
                    }
                }
            })}
        </Suspense>
    }
}

#[component]
fn CalendarView(query: CalendarQuery, entries: Vec<CalendarEntry>, locale: Locale) -> impl IntoView {
    let e = locale.events();
    let heading = locale.month_name(query.month.year, query.month.month);
    view! {
        <crate::components::PageTitle text=format!("{} · {heading} · {}", e.title, locale.texts().site_name) description=e.lead/>
        <h1>{e.title}</h1>
        <p class="lead">{e.lead}</p>
        <CalendarFilters query=query locale=locale/>
        <nav class="month-nav" aria-labelledby="month-heading">
            <h2 id="month-heading">{heading}</h2>
            <a href=format!("/events{}", query.query_string(query.month.previous(), query.grid)) rel="prev">
                {e.previous_month}
            </a>
            <a href=format!("/events{}", query.query_string(query.month.next(), query.grid)) rel="next">
                {e.next_month}
            </a>
        </nav>
        <p class="results-count">{locale.count(entries.len() as u64, e.found)}</p>
        {entries.is_empty().then(|| view! { <p>{e.none}</p> })}
        {(query.grid && !entries.is_empty())
            .then(|| view! { <MonthGrid month=query.month entries=entries.clone() locale=locale/> })}
        <DayList month=query.month entries=entries locale=locale/>
        <p class="exports">
            <a href=query.feed() id="calendar-feed" aria-describedby="calendar-feed-hint">{e.subscribe}</a>
        </p>
        <p class="hint" id="calendar-feed-hint">{e.subscribe_hint}</p>
    }
}

/// District, kind, month and view: a GET form, so a filtered calendar is a link.
#[component]
fn CalendarFilters(query: CalendarQuery, locale: Locale) -> impl IntoView {
    let e = locale.events();
    let district = query.district.map(DistrictFilter::to_param).unwrap_or_default();
    let kind = query.kind.map(|k| k.code()).unwrap_or_default();
    let option = move |value: String, label: String, selected: &str| {
        let is_selected = value == selected;
        view! { <option value=value selected=is_selected>{label}</option> }
    };
    view! {
        <form method="get" action="/events" class="filter-form">
            <fieldset class="filters">
                <legend>{e.filters}</legend>
                <div class="field">
                    <label for="events-district">{e.district}</label>
                    <select id="events-district" name="district">
                        {option(String::new(), e.any_district.to_owned(), &district)}
                        {option(DistrictFilter::CITY_WIDE.to_owned(), e.city_wide.to_owned(), &district)}
                        {District::all().map(|d| option(d.number().to_string(), d.label(), &district)).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="events-kind">{e.kind}</label>
                    <select id="events-kind" name="kind">
                        {option(String::new(), e.any_kind.to_owned(), kind)}
                        {CalendarKind::ALL
                            .into_iter()
                            .map(|k| option(k.code().to_owned(), locale.calendar_kind(k).to_owned(), kind))
                            .collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="events-month">{e.month}</label>
                    <p class="hint" id="events-month-hint">{e.month_hint}</p>
                    <input
                        id="events-month"
                        name="month"
                        type="month"
                        value=query.month.param()
                        min="2000-01"
                        max="2100-12"
                        aria-describedby="events-month-hint"
                    />
                </div>
                <fieldset class="choices">
                    <legend>{e.view}</legend>
                    <div class="field radio">
                        <input type="radio" id="events-view-list" name="view" value="list" checked=!query.grid/>
                        <label for="events-view-list">{e.view_list}</label>
                    </div>
                    <div class="field radio">
                        <input type="radio" id="events-view-month" name="view" value="month" checked=query.grid/>
                        <label for="events-view-month">{e.view_month}</label>
                    </div>
                </fieldset>
                <button type="submit" class="button">{e.show}</button>
            </fieldset>
        </form>
    }
    .into_any()
}

/// The month as a table, Monday first; each event a link to its entry in the list.
#[component]
fn MonthGrid(month: Month, entries: Vec<CalendarEntry>, locale: Locale) -> impl IntoView {
    let e = locale.events();
    // An event of several days sits in the first of its days in this month (the list
    // below gives its whole span), so voting weeks do not crowd out everything else.
    let by_day = |day: u8| -> Vec<&CalendarEntry> {
        entries.iter().filter(|x| days_covered(month, x.starts_at, x.ends_at).first() == Some(&day)).collect()
    };
    let weeks = month.weeks();
    view! {
        <div class="table-scroll" tabindex="0" role="region" aria-labelledby="month-grid-caption">
            <table class="month-grid">
                <caption id="month-grid-caption">{format!("{} {}", e.grid_caption, locale.month_name(month.year, month.month))}</caption>
                <thead>
                    <tr>
                        {(0..7)
                            .map(|i| {
                                view! {
                                    <th scope="col">
                                        <span aria-hidden="true">{e.weekdays_short[i]}</span>
                                        <span class="visually-hidden">{e.weekdays[i]}</span>
                                    </th>
                                }
                            })
                            .collect_view()}
                    </tr>
                </thead>
                <tbody>
                    {weeks
                        .into_iter()
                        .map(|week| {
                            view! {
                                <tr>
                                    {week
                                        .into_iter()
                                        .map(|day| match day {
                                            None => view! { <td class="outside"></td> }.into_any(),
                                            Some(day) => {
                                                let events = by_day(day);
                                                let busy = !events.is_empty();
                                                view! {
                                                    <td class:has-events=busy>
                                                        <time class="day-number" datetime=month.iso_day(day)>{day}</time>
                                                        {busy
                                                            .then(|| {
                                                                view! {
                                                                    <ul>
                                                                        {events
                                                                            .into_iter()
                                                                            .map(|x| {
                                                                                view! {
                                                                                    <li>
                                                                                        <a href=format!("#event-{}", x.source.key())>{entry_title(x, locale)}</a>
                                                                                    </li>
                                                                                }
                                                                            })
                                                                            .collect_view()}
                                                                    </ul>
                                                                }
                                                            })}
                                                    </td>
                                                }
                                                    .into_any()
                                            }
                                        })
                                        .collect_view()}
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </div>
    }
    .into_any()
}

/// The events by the day they start on (a longer one under its first day in the month).
#[component]
fn DayList(month: Month, entries: Vec<CalendarEntry>, locale: Locale) -> impl IntoView {
    let mut days: Vec<(u8, Vec<CalendarEntry>)> = Vec::new();
    for entry in entries {
        let day = days_covered(month, entry.starts_at, entry.ends_at).first().copied().unwrap_or(1);
        match days.iter_mut().find(|(d, _)| *d == day) {
            Some((_, list)) => list.push(entry),
            None => days.push((day, vec![entry])),
        }
    }
    days.sort_by_key(|(d, _)| *d);
    view! {
        <div class="day-list">
            {days
                .into_iter()
                .map(|(day, list)| {
                    let first = list.first().map_or(month.starts_at(), |x| x.starts_at.max(month.starts_at()));
                    view! {
                        <section aria-labelledby=format!("day-{day}") class="day">
                            <h3 id=format!("day-{day}")>
                                <time datetime=month.iso_day(day)>{weekday_and_date(first, locale)}</time>
                            </h3>
                            <ul class="event-list">
                                {list.into_iter().map(|x| view! { <EventItem entry=x locale=locale/> }).collect_view()}
                            </ul>
                        </section>
                    }
                })
                .collect_view()}
        </div>
    }
    .into_any()
}

/// "środa, 10 grudnia 2026".
fn weekday_and_date(at: i64, locale: Locale) -> String {
    let weekday = warsaw_time::to_warsaw(at).weekday().number_days_from_monday();
    format!("{}, {}", locale.events().weekdays[usize::from(weekday)], locale.date(at))
}

/// The event's name: its kind, and its title when it has one.
fn entry_title(entry: &CalendarEntry, locale: Locale) -> String {
    match (entry.kind, entry.title.is_empty(), entry.source) {
        (CalendarKind::Voting, _, Source::BudgetVoting(year)) => format!("{} {year}", locale.events().budget_voting),
        (kind, true, _) => locale.calendar_kind(kind).to_owned(),
        (kind, false, _) => format!("{}: {}", locale.calendar_kind(kind), entry.title),
    }
}

/// "10 grudnia 2026, 17:00–19:00", or both ends in full when it spans days.
pub fn time_range(starts_at: i64, ends_at: i64, locale: Locale) -> String {
    let (s, e) = (warsaw_time::to_warsaw(starts_at), warsaw_time::to_warsaw(ends_at));
    if s.date() == e.date() {
        format!("{}–{:02}:{:02}", locale.date_time(starts_at), e.hour(), e.minute())
    } else {
        format!("{} – {}", locale.date_time(starts_at), locale.date_time(ends_at))
    }
}

#[component]
fn EventItem(entry: CalendarEntry, locale: Locale) -> impl IntoView {
    let e = locale.events();
    let key = entry.source.key();
    let title = entry_title(&entry, locale);
    view! {
        <li class="event" id=format!("event-{key}")>
            <h4 lang=(!entry.title.is_empty()).then_some(CONTENT_LANG)>{title}</h4>
            <p>
                <time datetime=warsaw_time::iso_date(entry.starts_at)>{time_range(entry.starts_at, entry.ends_at, locale)}</time>
            </p>
            {(!entry.description.is_empty()).then(|| view! { <p lang=CONTENT_LANG class="pre-line">{entry.description.clone()}</p> })}
            <dl>
                {(!entry.place.is_empty())
                    .then(|| {
                        view! {
                            <dt>{e.place}</dt>
                            <dd lang=CONTENT_LANG>{entry.place.clone()}</dd>
                        }
                    })}
                <dt>{e.area}</dt>
                <dd>{area_label(&entry.area, locale)}</dd>
                {(entry.kind != CalendarKind::Voting)
                    .then(|| {
                        view! {
                            <dt>{e.access}</dt>
                            <dd>
                                <AccessFacts access=entry.access note=entry.accessibility.clone() locale=locale/>
                            </dd>
                        }
                    })}
            </dl>
            <p class="event-links">
                {entry.online_url.clone().map(|url| view! { <a href=url rel="noopener noreferrer nofollow">{e.online}</a> " · " })}
                <a href=format!("/events/{key}.ics")>{e.ics}</a>
                {entry.link.clone().map(|link| view! { " · " <a href=link>{e.details}</a> })}
            </p>
        </li>
    }
    .into_any()
}

/// What an event says about access: the facts ticked, the organiser's note, or that
/// nothing was said (so nobody mistakes silence for "accessible").
#[component]
pub fn AccessFacts(access: Access, note: String, locale: Locale) -> impl IntoView {
    let e = locale.events();
    let facts: Vec<&'static str> = [
        (access.step_free, e.step_free),
        (access.induction_loop, e.induction_loop),
        (access.sign_language, e.sign_language),
    ]
    .into_iter()
    .filter_map(|(on, label)| on.then_some(label))
    .collect();
    if facts.is_empty() && note.is_empty() {
        return view! { <span>{e.access_not_given}</span> }.into_any();
    }
    view! {
        <ul class="access-facts">
            {facts.into_iter().map(|f| view! { <li>{f}</li> }).collect_view()}
            {(!note.is_empty()).then(|| view! { <li lang=CONTENT_LANG>{note}</li> })}
        </ul>
    }
    .into_any()
}

/// The three access checkboxes of an event form, ticked as typed (or as stored).
#[component]
pub fn AccessBoxes(form: &'static str, #[prop(optional)] access: Access) -> impl IntoView {
    let locale = use_locale();
    let e = locale.events();
    let feedback = feedback_for(form);
    let ticked = |field: &str| match &feedback {
        Some(f) => f.values.iter().any(|(n, v)| n == field && !v.is_empty()),
        None => access.get(field),
    };
    let labels = [e.step_free, e.induction_loop, e.sign_language];
    view! {
        <fieldset class="choices">
            <legend>{e.access}</legend>
            {Access::FIELDS
                .into_iter()
                .zip(labels)
                .map(|(field, label)| {
                    let id = format!("{form}-{field}");
                    view! {
                        <div class="field checkbox">
                            <input type="checkbox" id=id.clone() name=field checked=ticked(field)/>
                            <label for=id>{label}</label>
                        </div>
                    }
                })
                .collect_view()}
        </fieldset>
    }
}

/// `/editorial/events`: DK-06's events, and the form to add one.
#[component]
pub fn EditorialEventsPage() -> impl IntoView {
    let locale = use_locale();
    let e = locale.events();
    let data = async move { editorial_events().await };
    view! {
        <Suspense fallback=|| ()>
            {Suspend::new(async move {
                match data.await {
                    Ok(upcoming) => {
                        view! {
                            <PageHeading title=e.editorial_title/>
                            <crate::news::pages::EditorialNav locale=locale/>
                            <p class="lead">{e.editorial_lead}</p>
                            <DoneNotice/>
                            <section aria-labelledby="upcoming-heading">
                                <h2 id="upcoming-heading">{e.upcoming}</h2>
                                {if upcoming.is_empty() {
                                    view! { <p>{e.none_upcoming}</p> }.into_any()
                                } else {
                                    view! {
                                        <ul class="event-list">
                                            {upcoming
                                                .into_iter()
                                                .map(|x| {
                                                    let id = match x.source {
                                                        Source::City(id) => id,
                                                        _ => 0,
                                                    };
                                                    view! {
                                                        <li>
                                                            <strong lang=CONTENT_LANG>{entry_title(&x, locale)}</strong>
                                                            ", " {time_range(x.starts_at, x.ends_at, locale)} ", "
                                                            <span lang=CONTENT_LANG>{x.place.clone()}</span>
                                                            <form method="post" action=format!("/editorial/events/{id}/delete") class="inline">
                                                                <button type="submit" class="link-button">{e.delete}</button>
                                                            </form>
                                                        </li>
                                                    }
                                                })
                                                .collect_view()}
                                        </ul>
                                    }
                                        .into_any()
                                }}
                            </section>
                            <CityEventForm locale=locale/>
                        }
                            .into_any()
                    }
                    Err(error) => refusal(error),
                }
            })}
        </Suspense>
    }
}

const FORM: &str = "city_event";

#[component]
fn CityEventForm(locale: Locale) -> impl IntoView {
    let e = locale.events();
    let feedback = feedback_for(FORM);
    let typed = |name: &str| {
        feedback
            .as_ref()
            .and_then(|f| f.values.iter().find(|(n, _)| n == name).map(|(_, v)| v.clone()))
            .unwrap_or_default()
    };
    let chosen = typed("kind");
    let kind_error =
        feedback.as_ref().and_then(|f| f.errors.iter().find(|x| x.field == "kind")).map(|x| locale.problem(&x.message));
    view! {
        <section aria-labelledby="add-heading" class="stack">
            <h2 id="add-heading">{e.add}</h2>
            <ErrorSummary form=FORM/>
            <form method="post" action="/editorial/events" class="stack narrow" novalidate>
                <div class="field" class:field-error=kind_error.is_some()>
                    <label for="city_event-kind">{e.kind}</label>
                    {kind_error.map(|x| view! { <p class="error-message" id="city_event-kind-error">{x}</p> })}
                    <select
                        id="city_event-kind"
                        name="kind"
                        required=true
                        aria-invalid=kind_error.is_some().then_some("true")
                        aria-describedby=kind_error.is_some().then_some("city_event-kind-error")
                    >
                        <option value="" selected=chosen.is_empty()>{e.choose}</option>
                        {CalendarKind::EDITABLE
                            .into_iter()
                            .map(|k| view! { <option value=k.code() selected=chosen == k.code()>{locale.calendar_kind(k)}</option> })
                            .collect_view()}
                    </select>
                </div>
                <Field form=FORM name="title" label=e.event_title maxlength=MAX_TITLE_CHARS/>
                <TextArea
                    form=FORM
                    name="description"
                    label=e.description
                    hint=e.description_hint
                    value=typed("description")
                    rows=4
                    locale=locale
                    maxlength=MAX_DESCRIPTION_CHARS
                    required=false
                />
                <DistrictSelect form=FORM label=e.event_district none_label=e.city_wide/>
                <Field form=FORM name="starts" label=e.starts kind="datetime-local"/>
                <Field form=FORM name="ends" label=e.ends kind="datetime-local"/>
                <Field form=FORM name="place" label=e.place maxlength=MAX_PLACE_CHARS/>
                <AccessBoxes form=FORM/>
                <Field
                    form=FORM
                    name="accessibility"
                    label=e.accessibility_note
                    hint=e.accessibility_hint
                    required=false
                    maxlength=MAX_PLACE_CHARS
                />
                <Field form=FORM name="online_url" label=e.online_url hint=e.online_url_hint kind="url" required=false maxlength=500/>
                <button type="submit" class="button">{e.add}</button>
            </form>
        </section>
    }
}
