//! The calendar outside Leptos: DK-06's posts that add and delete its own events (each
//! asks the rule book for `Edit` and is written to the audit log), and the iCalendar
//! files: one event (`/events/{key}.ics`) and the subscribable feed (`/events.ics`,
//! filtered by district and kind like the page).

use crate::accounts::{internal, render, require, see_other, FormData};
use crate::consultations::{audit, with_done};
use crate::moderation::{event_input, EVENT_FIELDS};
use app::accounts::authz::Action;
use app::accounts::forms::FormFeedback;
use app::consultations::model::DistrictFilter;
use app::domain::ical::{calendar, CalendarEvent};
use app::events::{parse_city_event, storage, CalendarEntry, CalendarQuery, CityEventInput, Source};
use app::i18n::Locale;
use app::state::{now, AppState};
use axum::{
    extract::{Path, Query, State},
    http::{header, request::Parts, StatusCode},
    response::{IntoResponse, Response},
};
use serde_json::json;
use std::collections::HashMap;

const PAGE: &str = "/editorial/events";
const DAY: i64 = 86_400;

/// How far back and ahead the feed reaches: a calendar program keeps what it saw.
const FEED_PAST_DAYS: i64 = 31;
const FEED_AHEAD_DAYS: i64 = 400;

/// `POST /editorial/events`: an event of DK-06's own.
pub async fn add(State(state): State<AppState>, parts: Parts, form: FormData) -> Response {
    let me = match require(&state, &parts, Action::Edit, PAGE).await {
        Ok(me) => me,
        Err(response) => return response,
    };
    let input = CityEventInput {
        title: form.get("title"),
        description: form.get("description"),
        district: form.get("district"),
        event: event_input(&form),
    };
    let mut feedback = FormFeedback::new("city_event");
    for name in EVENT_FIELDS.into_iter().chain(["title", "description", "district"]) {
        feedback = feedback.value(name, &form.get(name));
    }
    let event = match parse_city_event(&input) {
        Ok(event) => event,
        Err(problems) => {
            for (field, code) in problems {
                feedback = feedback.error(field, code);
            }
            return render(&state, &parts, PAGE, feedback, StatusCode::UNPROCESSABLE_ENTITY).await;
        }
    };
    match storage::add(&state.db, &event, me.id, now()).await {
        Ok(id) => {
            let after = json!({
                "kind": event.kind.code(),
                "title": event.title,
                "starts_at": event.occasion.starts_at,
                "place": event.occasion.place,
                "district": event.district.map(|d| d.number()),
            });
            if let Err(response) = audit(&state, me.id, "calendar.event.add", "city_event", id, None, Some(after)).await
            {
                return response;
            }
            see_other(&with_done(PAGE, "event_added", "upcoming-heading"))
        }
        Err(_) => internal(&state, &parts, PAGE, feedback).await,
    }
}

/// `POST /editorial/events/{id}/delete`.
pub async fn delete(State(state): State<AppState>, Path(id): Path<i64>, parts: Parts) -> Response {
    let me = match require(&state, &parts, Action::Edit, PAGE).await {
        Ok(me) => me,
        Err(response) => return response,
    };
    match storage::delete(&state.db, id).await {
        Ok(true) => {
            if let Err(response) =
                audit(&state, me.id, "calendar.event.delete", "city_event", id, Some(json!({ "event": id })), None)
                    .await
            {
                return response;
            }
            see_other(&with_done(PAGE, "event_deleted", "upcoming-heading"))
        }
        Ok(false) => render(&state, &parts, PAGE, FormFeedback::default(), StatusCode::NOT_FOUND).await,
        Err(_) => internal(&state, &parts, PAGE, FormFeedback::new("city_event")).await,
    }
}

/// `GET /events.ics`: the calendar from a month ago to a year ahead, as the page's
/// filters choose (`?district=13`, `?district=city`, `?kind=debate`).
pub async fn feed(State(state): State<AppState>, Query(params): Query<HashMap<String, String>>) -> Response {
    let at = now();
    let query = CalendarQuery::from_query(|name| params.get(name).cloned(), at);
    let entries = match storage::entries(&state.db, at - FEED_PAST_DAYS * DAY, at + FEED_AHEAD_DAYS * DAY, at).await {
        Ok(entries) => entries,
        Err(error) => {
            tracing::error!(%error, "calendar feed failed");
            return StatusCode::INTERNAL_SERVER_ERROR.into_response();
        }
    };
    let chosen: Vec<CalendarEntry> =
        entries.into_iter().filter(|e| e.concerns(query.district) && query.kind.is_none_or(|k| k == e.kind)).collect();
    let name = match query.district {
        Some(DistrictFilter::District(d)) => format!("Kraków: wydarzenia ({})", d.label()),
        Some(DistrictFilter::CityWide) => "Kraków: wydarzenia całego miasta".to_owned(),
        None => "Kraków: wydarzenia dialogu obywatelskiego".to_owned(),
    };
    ics(&state, &name, &chosen, "kalendarz-krakow.ics", false)
}

/// `GET /events/{key}.ics`: one event of the calendar.
pub async fn file(State(state): State<AppState>, Path(file): Path<String>) -> Response {
    let Some(source) = file.strip_suffix(".ics").and_then(Source::parse) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    match storage::entry(&state.db, source, now()).await {
        Ok(Some(entry)) => {
            let name = summary(&entry);
            ics(&state, &name, &[entry], &format!("{}.ics", source.key()), true)
        }
        Ok(None) => StatusCode::NOT_FOUND.into_response(),
        Err(error) => {
            tracing::error!(%error, "calendar file failed");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}

/// The entry's title in calendars (Polish: the calendar file has one language).
fn summary(entry: &CalendarEntry) -> String {
    let kind = Locale::Pl.calendar_kind(entry.kind);
    match entry.source {
        Source::BudgetVoting(year) => format!("{} {year}", Locale::Pl.events().budget_voting),
        _ if entry.title.is_empty() => kind.to_owned(),
        _ => format!("{kind}: {}", entry.title),
    }
}

/// A calendar file of `entries`, named `name` in calendar programs.
pub fn ics(state: &AppState, name: &str, entries: &[CalendarEntry], file_name: &str, download: bool) -> Response {
    let host = state.settings.public_url.trim_end_matches('/').to_owned();
    let domain =
        url::Url::parse(&host).ok().and_then(|u| u.host_str().map(str::to_owned)).unwrap_or_else(|| "localhost".into());
    let events: Vec<CalendarEvent> = entries
        .iter()
        .map(|entry| {
            let page = entry.link.as_ref().map_or_else(
                || {
                    format!(
                        "{host}/events?month={}#event-{}",
                        app::domain::calendar::Month::of(entry.starts_at).param(),
                        entry.source.key()
                    )
                },
                |link| format!("{host}{link}"),
            );
            let mut lines: Vec<String> = Vec::new();
            if !entry.description.is_empty() {
                lines.push(entry.description.clone());
            }
            let e = Locale::Pl.events();
            let facts: Vec<&str> = [
                (entry.access.step_free, e.step_free),
                (entry.access.induction_loop, e.induction_loop),
                (entry.access.sign_language, e.sign_language),
            ]
            .into_iter()
            .filter_map(|(on, label)| on.then_some(label))
            .chain((!entry.accessibility.is_empty()).then_some(entry.accessibility.as_str()))
            .collect();
            if !facts.is_empty() {
                lines.push(format!("{}: {}", e.access, facts.join("; ")));
            }
            if let Some(url) = &entry.online_url {
                lines.push(format!("{}: {url}", e.online));
            }
            lines.push(page.clone());
            CalendarEvent {
                uid: entry.source.uid(&domain),
                starts_at: entry.starts_at,
                ends_at: entry.ends_at,
                summary: summary(entry),
                location: if entry.place.is_empty() { page.clone() } else { entry.place.clone() },
                description: lines.join("\n"),
                url: Some(entry.online_url.clone().unwrap_or(page)),
            }
        })
        .collect();
    let body = calendar(name, &events, now());
    let disposition = if download {
        format!("attachment; filename=\"{file_name}\"")
    } else {
        format!("inline; filename=\"{file_name}\"")
    };
    (
        [
            (header::CONTENT_TYPE, "text/calendar; charset=utf-8".to_owned()),
            (header::CONTENT_DISPOSITION, disposition),
            (header::CACHE_CONTROL, "public, max-age=300".to_owned()),
        ],
        body,
    )
        .into_response()
}
