//! The calendar of events, once per backend: DK-06 adds an event of its own (refused
//! forms keep what was typed and store nothing; residents may not), and `/events` shows
//! it beside a published consultation's meeting and the civic budget's voting days
//! (never a draft's meeting), filtered by district and kind, as a list or a month grid;
//! the feed and each event's file are valid iCalendar that parses back to the same
//! events; deleting is audited and a second delete finds nothing. The Atom feed of
//! consultations parses as Atom; every public page carries its sharing tags.

mod common;

use app::accounts::model::Role;
use app::budget::storage::{save_edition, Edition};
use app::consultations::backoffice::add_event;
use app::consultations::editor::{format_local, NewEvent, Occasion};
use app::consultations::model::Kind;
use app::consultations::storage::{insert, NewConsultation};
use app::domain::budget::{Calendar, Pools, Rules};
use app::domain::calendar::{Access, Month};
use app::domain::consultation_forms::EventKind;
use app::domain::consultation_phase::Schedule;
use app::domain::district::{Area, District};
use app::domain::topic::Topic;
use common::{backends, parse_atom, spawn_app, TestApp};
use std::collections::BTreeMap;

const PASSWORD: &str = "kalendarz pod wawelem";
const DAY: i64 = 86_400;

/// One VEVENT's properties, unfolded and unescaped enough to compare.
type Event = BTreeMap<String, String>;

/// Parses an iCalendar file strictly: CRLF line ends, lines of at most 75 octets,
/// folded lines joined, BEGIN/END balanced, each event with the properties RFC 5545
/// requires and a unique UID.
fn parse_ics(text: &str) -> Vec<Event> {
    assert!(text.ends_with("\r\n"), "the file ends with CRLF");
    let raw: Vec<&str> = text.split("\r\n").collect();
    let mut lines: Vec<String> = Vec::new();
    for line in &raw[..raw.len() - 1] {
        assert!(line.len() <= 75, "a line longer than 75 octets: {line:?}");
        assert!(!line.contains('\n'), "a bare LF inside a line: {line:?}");
        match line.strip_prefix(' ') {
            Some(rest) => lines.last_mut().expect("a folded line follows a line").push_str(rest),
            None => lines.push((*line).to_owned()),
        }
    }
    assert_eq!(lines.first().map(String::as_str), Some("BEGIN:VCALENDAR"));
    assert_eq!(lines.last().map(String::as_str), Some("END:VCALENDAR"));
    assert!(lines.iter().any(|l| l == "VERSION:2.0") && lines.iter().any(|l| l.starts_with("PRODID:")));
    let mut events = Vec::new();
    let mut current: Option<Event> = None;
    for line in &lines[1..lines.len() - 1] {
        match line.as_str() {
            "BEGIN:VEVENT" => {
                assert!(current.is_none(), "VEVENT inside VEVENT");
                current = Some(Event::new());
            }
            "END:VEVENT" => events.push(current.take().expect("END without BEGIN")),
            _ => {
                let (name, value) = line.split_once(':').expect("NAME:value");
                if let Some(event) = current.as_mut() {
                    let value =
                        value.replace("\\n", "\n").replace("\\,", ",").replace("\\;", ";").replace("\\\\", "\\");
                    assert!(event.insert(name.to_owned(), value).is_none(), "{name} twice in one event");
                }
            }
        }
    }
    assert!(current.is_none(), "an unfinished VEVENT");
    let mut uids = std::collections::BTreeSet::new();
    for event in &events {
        for required in ["UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY"] {
            assert!(event.contains_key(required), "{required} missing in {event:?}");
        }
        assert!(event["DTSTART"] < event["DTEND"], "{event:?}");
        assert!(uids.insert(event["UID"].clone()), "UID twice: {}", event["UID"]);
    }
    events
}

fn summaries(events: &[Event]) -> Vec<String> {
    events.iter().map(|e| e["SUMMARY"].clone()).collect()
}

async fn post(app: &TestApp, path: &str, fields: &[(&str, String)], cookie: &str) -> reqwest::Response {
    let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    app.post_form(path, &fields, Some(cookie)).await
}

/// A consultation announced to the public (or a draft) with one meeting at `at`.
async fn consultation_with_meeting(app: &TestApp, slug: &str, title: &str, published: bool, at: i64) {
    let now = app::state::now();
    let consultation = NewConsultation {
        slug: slug.to_owned(),
        title: title.to_owned(),
        summary: "Krótko.".to_owned(),
        body_md: "Opis.".to_owned(),
        kind: Kind::General,
        area: Area::Districts(vec![District::new(1).unwrap()]),
        topic: Topic::Planning,
        organising_unit: "Zarząd Zieleni Miejskiej".to_owned(),
        schedule: Schedule { information_starts_at: now - DAY, starts_at: now, ends_at: now + 90 * DAY },
        report_published_at: None,
        published_at: published.then_some(now - DAY),
    };
    let id = insert(&app.state.db, &consultation, now).await.unwrap().unwrap();
    let meeting = NewEvent {
        kind: EventKind::Meeting,
        occasion: Occasion {
            starts_at: at,
            ends_at: at + 2 * 3600,
            place: "Urząd Miasta, pl. Wszystkich Świętych 3-4".to_owned(),
            accessibility: String::new(),
            access: Access { step_free: true, induction_loop: true, sign_language: false },
            online_url: None,
        },
    };
    add_event(&app.state.db, id, &meeting, now).await.unwrap();
}

#[tokio::test]
async fn dk06_adds_an_event_that_the_calendar_and_its_feeds_show() {
    for backend in backends().await {
        let app = spawn_app(backend).await;
        let editor = app.create_user("redakcja@example.pl", "Redakcja DK-06", PASSWORD, &[Role::Editor]).await;
        app.create_user("jan@example.pl", "Jan", PASSWORD, &[]).await;
        let cookie = app.sign_in("redakcja@example.pl", PASSWORD).await;
        let resident = app.sign_in("jan@example.pl", PASSWORD).await;
        let now = app::state::now();
        // Everything happens in a month a little ahead, at 18:00 Warsaw time or so.
        let month = Month::of(now + 40 * DAY);
        let debate_at = month.starts_at() + 9 * DAY + 17 * 3600;
        let typed = vec![
            ("kind", "debate".to_owned()),
            ("title", "Debata o zieleni w Podgórzu".to_owned()),
            ("description", "Jak zazielenić podwórka?".to_owned()),
            ("district", "13".to_owned()),
            ("starts", format_local(debate_at)),
            ("ends", format_local(debate_at + 2 * 3600)),
            ("place", "Dom Kultury Podgórze, ul. Krakusa 5; sala 2".to_owned()),
            ("step_free", "on".to_owned()),
            ("sign_language", "on".to_owned()),
            ("online_url", "https://spotkania.krakow.pl/debata".to_owned()),
        ];

        // A resident may not add one.
        assert_eq!(post(&app, "/editorial/events", &typed, &resident).await.status(), 403, "{backend:?}");

        // A bad form: every problem next to its field, what was typed kept, nothing stored.
        let mut bad = typed.clone();
        bad[1].1 = "  ".to_owned();
        bad[0].1 = "voting".to_owned();
        bad[5].1 = format_local(debate_at - 3600);
        bad[9].1 = "javascript:alert(1)".to_owned();
        let refused = post(&app, "/editorial/events", &bad, &cookie).await;
        assert_eq!(refused.status(), 422, "{backend:?}");
        let page = refused.text().await.unwrap();
        for field in ["title", "kind", "ends", "online_url"] {
            assert!(page.contains(&format!("href=\"#city_event-{field}\"")), "{field} in the summary");
        }
        assert!(page.contains("Dom Kultury Podgórze, ul. Krakusa 5; sala 2"), "the place is kept");
        assert!(page.contains("Jak zazielenić podwórka?"), "the description is kept");
        assert!(
            page.contains("id=\"city_event-sign_language\" name=\"sign_language\" checked"),
            "ticked boxes stay ticked"
        );
        assert_eq!(app.count("select count(*) from city_events").await, 0);

        let added = post(&app, "/editorial/events", &typed, &cookie).await;
        assert_eq!(added.status(), 303, "{backend:?}");
        assert_eq!(app.count("select count(*) from city_events").await, 1);
        assert!(app.audit_actions(editor).await.contains(&"calendar.event.add".to_owned()));
        let (id,): (i64,) = sqlx::query_as("select id from city_events").fetch_one(&app.state.db).await.unwrap();
        let (status, page) = app.get_with("/editorial/events", &cookie).await;
        assert_eq!(status, 200);
        assert!(page.contains("Debata o zieleni w Podgórzu"));

        // The other sources: a published consultation's meeting in district I, a draft's
        // meeting (never shown), the civic budget's voting days.
        consultation_with_meeting(&app, "plac-nowy", "Plac Nowy", true, debate_at + DAY).await;
        consultation_with_meeting(&app, "szkic", "Szkic w przygotowaniu", false, debate_at + DAY).await;
        let voting = debate_at + 3 * DAY;
        let edition = Edition {
            year: 2031,
            calendar: Calendar {
                submission_starts: voting - 200 * DAY,
                verification_starts: voting - 150 * DAY,
                protests_start: voting - 60 * DAY,
                final_list_starts: voting - 20 * DAY,
                voting_starts: voting,
                results_start: voting + 7 * DAY,
            },
            pools: Pools { city_wide: 1_000_000_000, districts: [200_000_000; 18] },
            rules: Rules::default(),
        };
        save_edition(&app.state.db, &edition, editor, now).await.unwrap().unwrap();

        let at_month = format!("/events?month={}", month.param());
        let (status, page) = app.get_text(&at_month).await;
        assert_eq!(status, 200);
        assert!(page.contains("Debata: Debata o zieleni w Podgórzu"), "{backend:?}");
        assert!(page.contains("Spotkanie otwarte: Plac Nowy"));
        assert!(page.contains("Głosowanie w budżecie obywatelskim 2031"));
        assert!(!page.contains("Szkic w przygotowaniu"), "a draft's meeting is not public");
        assert!(page.contains("Tłumacz polskiego języka migowego (PJM)") && page.contains("Pętla indukcyjna"));
        assert!(page.contains(&format!("href=\"/events/e{id}.ics\"")));
        assert!(!page.contains("class=\"month-grid\""), "the list is the default view");
        let (_, grid) = app.get_text(&format!("{at_month}&view=month")).await;
        assert!(grid.contains("class=\"month-grid\"") && grid.contains(&format!("href=\"#event-e{id}\"")));
        let (_, podgorze) = app.get_text(&format!("{at_month}&district=13")).await;
        assert!(podgorze.contains("Debata o zieleni") && !podgorze.contains("Plac Nowy"));
        let (_, meetings) = app.get_text(&format!("{at_month}&kind=meeting")).await;
        assert!(meetings.contains("Plac Nowy") && !meetings.contains("Debata o zieleni"));
        let (_, elsewhere) = app.get_text(&format!("/events?month={}", month.next().next().param())).await;
        assert!(!elsewhere.contains("Debata o zieleni"), "another month shows other events");

        // The feed parses back to the same three events; a district's feed to its own.
        let feed = app.get("/events.ics").await;
        assert_eq!(feed.headers()["content-type"], "text/calendar; charset=utf-8");
        let events = parse_ics(&feed.text().await.unwrap());
        let mut names = summaries(&events);
        names.sort();
        assert_eq!(
            names,
            [
                "Debata: Debata o zieleni w Podgórzu",
                "Głosowanie w budżecie obywatelskim 2031",
                "Spotkanie otwarte: Plac Nowy"
            ],
            "{backend:?}"
        );
        let (_, text) = app.get_text("/events.ics?district=13").await;
        assert_eq!(summaries(&parse_ics(&text)), ["Debata: Debata o zieleni w Podgórzu"]);

        // One event's file: its place, access and link, in UTC.
        let one = app.get(&format!("/events/e{id}.ics")).await;
        assert_eq!(one.status(), 200);
        assert!(one.headers()["content-disposition"].to_str().unwrap().starts_with("attachment"));
        let events = parse_ics(&one.text().await.unwrap());
        assert_eq!(events.len(), 1);
        let event = &events[0];
        assert_eq!(event["LOCATION"], "Dom Kultury Podgórze, ul. Krakusa 5; sala 2");
        assert!(event["DESCRIPTION"].contains("Wejście i sala bez schodów; Tłumacz polskiego języka migowego (PJM)"));
        assert!(event["DTSTART"].ends_with('Z') && event["URL"] == "https://spotkania.krakow.pl/debata");
        // The consultation's own file and the calendar's give its meeting one UID.
        let (_, own) = app.get_text("/consultations/plac-nowy/events.ics").await;
        let own = parse_ics(&own);
        let in_feed = parse_ics(&app.get_text("/events.ics?kind=meeting").await.1);
        assert_eq!(own[0]["UID"], in_feed[0]["UID"]);
        for missing in ["/events/e999999.ics", "/events/x1.ics", "/events/b1999.ics", &format!("/events/e{id}")] {
            assert_eq!(app.get(missing).await.status(), 404, "{missing}");
        }

        // Deleting: audited; a second time finds nothing.
        let deleted = app.post_form(&format!("/editorial/events/{id}/delete"), &[], Some(&cookie)).await;
        assert_eq!(deleted.status(), 303);
        assert!(app.audit_actions(editor).await.contains(&"calendar.event.delete".to_owned()));
        let again = app.post_form(&format!("/editorial/events/{id}/delete"), &[], Some(&cookie)).await;
        assert_eq!(again.status(), 404);
        assert_eq!(app.get(&format!("/events/e{id}.ics")).await.status(), 404);
        app.cleanup().await;
    }
}

#[tokio::test]
async fn the_consultations_feed_is_valid_atom_with_announced_consultations_only() {
    for backend in backends().await {
        let app = spawn_app(backend).await;
        let at = app::state::now() + 5 * DAY;
        consultation_with_meeting(&app, "plac-nowy", "Plac <Nowy> & okolice", true, at).await;
        consultation_with_meeting(&app, "szkic", "Szkic w przygotowaniu", false, at).await;
        let response = app.get("/consultations.atom").await;
        assert_eq!(response.headers()["content-type"], "application/atom+xml; charset=utf-8");
        let entries = parse_atom(&response.text().await.unwrap());
        assert_eq!(entries.len(), 1, "{backend:?}: {entries:?}");
        assert_eq!(entries[0].0, "Plac <Nowy> & okolice", "the title survives escaping");
        assert!(entries[0].1.ends_with("/consultations/plac-nowy"));
        // The reports feed goes through the same writer.
        let (status, reports) = app.get_text("/reports.atom").await;
        assert_eq!(status, 200);
        assert!(parse_atom(&reports).is_empty());
        let (_, list) = app.get_text("/consultations").await;
        let link = list.split("<link href=\"/consultations.atom\"").nth(1).and_then(|l| l.split('>').next());
        assert!(
            link.is_some_and(|l| l.contains("rel=\"alternate\"") && l.contains("application/atom+xml")),
            "{link:?}"
        );
        app.cleanup().await;
    }
}

/// The `content` of the `<meta>` tag with `attribute="name"` in a page.
fn meta(page: &str, attribute: &str, name: &str) -> Option<String> {
    page.split("<meta ").skip(1).map(|tag| tag.split('>').next().unwrap_or_default()).find_map(|tag| {
        tag.contains(&format!("{attribute}=\"{name}\""))
            .then(|| tag.split("content=\"").nth(1).and_then(|c| c.split('"').next()).map(str::to_owned))
            .flatten()
    })
}

#[tokio::test]
async fn every_public_page_says_how_it_looks_when_shared() {
    for backend in backends().await {
        let app = spawn_app(backend).await;
        consultation_with_meeting(&app, "plac-nowy", "Plac \"Nowy\" <i>& okolice</i>", true, app::state::now() + DAY)
            .await;
        let base = app.state.settings.public_url.trim_end_matches('/').to_owned();
        for path in [
            "/",
            "/consultations",
            "/consultations/plac-nowy",
            "/events",
            "/news",
            "/budget",
            "/initiatives",
            "/accessibility",
        ] {
            let (status, page) = app.get_text(path).await;
            assert_eq!(status, 200, "{path}");
            for property in ["og:title", "og:description", "og:image", "og:url", "og:site_name", "og:image:alt"] {
                let content = meta(&page, "property", property).unwrap_or_default();
                assert!(!content.is_empty(), "{property} on {path}");
            }
            assert_eq!(meta(&page, "name", "twitter:card").as_deref(), Some("summary_large_image"), "{path}");
            assert_eq!(meta(&page, "property", "og:url"), Some(format!("{base}{path}")), "{path}");
            assert!(meta(&page, "property", "og:image").unwrap().starts_with(&format!("{base}/")), "{path}");
        }
        let (_, page) = app.get_text("/consultations/plac-nowy").await;
        let title = meta(&page, "property", "og:title").unwrap();
        assert!(!title.contains('<') && title.contains("&quot;Nowy&quot;"), "escaped: {title}");
        assert_eq!(meta(&page, "name", "description").as_deref(), Some("Krótko."));
        // The site's own card: a real PNG of the size Open Graph asks for.
        let card = app.get("/share.png").await;
        assert_eq!(card.headers()["content-type"], "image/png");
        let card = image::load_from_memory(&card.bytes().await.unwrap()).unwrap();
        assert_eq!((card.width(), card.height()), (1200, 630));
        app.cleanup().await;
    }
}
