//! The back office's consultation form as plain data, and the rules that turn what
//! staff typed into a consultation: required fields, a slug that works in a URL, dates
//! in Warsaw time, and the statutory minimums, which may be set aside only with a
//! written reason. Pure: the same rules run wherever the form is checked.

use super::model::Kind;
use crate::domain::calendar::Access;
use crate::domain::consultation_forms::{EventKind, Forms};
use crate::domain::consultation_phase::{Schedule, ScheduleProblem};
use crate::domain::district::{Area, District};
use crate::domain::topic::Topic;
use crate::domain::warsaw_time;
use serde::{Deserialize, Serialize};

pub const MAX_TITLE_CHARS: usize = 200;
pub const MAX_SUMMARY_CHARS: usize = 600;
pub const MAX_BODY_CHARS: usize = 200_000;
/// The easy-to-read version is short by nature (easy-to-read guidelines ask for one
/// idea a sentence and few pages).
pub const MAX_EASY_READ_CHARS: usize = 10_000;
pub const MAX_SLUG_CHARS: usize = 80;
pub const MAX_PLACE_CHARS: usize = 300;
pub const MAX_OVERRIDE_CHARS: usize = 1_000;

/// The form as typed: every value a string, so a refused form comes back unchanged.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DraftInput {
    pub slug: String,
    pub title: String,
    pub summary: String,
    pub body: String,
    /// The easy-to-read version ("tekst łatwy do czytania"), markdown; may be empty.
    pub easy_read: String,
    pub kind: String,
    /// `"city"` or district numbers.
    pub districts: Vec<String>,
    pub topic: String,
    pub unit: String,
    /// `datetime-local` values in Warsaw time, e.g. `2026-12-01T09:00`.
    pub information_starts: String,
    pub starts: String,
    pub ends: String,
    pub premoderation: bool,
    pub online_remarks: bool,
    pub written_remarks: bool,
    pub override_reason: String,
}

/// A consultation that passed the form's rules.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Draft {
    pub slug: String,
    pub title: String,
    pub summary: String,
    pub body_md: String,
    pub easy_read_md: String,
    pub kind: Kind,
    pub area: Area,
    pub topic: Topic,
    pub organising_unit: String,
    pub information_starts_at: i64,
    pub starts_at: i64,
    pub ends_at: i64,
    pub premoderation: bool,
    pub online_remarks: bool,
    pub written_remarks: bool,
    pub override_reason: Option<String>,
}

/// A problem: the field (as named in the form) and its message code.
pub type Problem = (&'static str, &'static str);

/// Reads the form. `units` are the organising units staff may choose from.
pub fn parse(input: &DraftInput, units: &[String]) -> Result<Draft, Vec<Problem>> {
    let mut problems = Vec::new();
    let title = required(&input.title, MAX_TITLE_CHARS, "title", &mut problems);
    let summary = required(&input.summary, MAX_SUMMARY_CHARS, "summary", &mut problems);
    let body = required(&input.body, MAX_BODY_CHARS, "body", &mut problems);
    let slug = input.slug.trim().to_lowercase();
    if slug.is_empty() {
        problems.push(("slug", "slug_required"));
    } else if !is_slug(&slug) {
        problems.push(("slug", "slug_invalid"));
    }
    let kind = Kind::parse(&input.kind);
    if kind.is_none() {
        problems.push(("kind", "choose_one"));
    }
    let topic = Topic::parse(&input.topic);
    if topic.is_none() {
        problems.push(("topic", "choose_one"));
    }
    let unit = input.unit.trim();
    if !units.iter().any(|u| u == unit) {
        problems.push(("unit", "choose_one"));
    }
    let area = if input.districts.iter().any(|d| d == "city") {
        Some(Area::CityWide)
    } else {
        let mut districts: Vec<District> = input.districts.iter().filter_map(|d| District::parse(d)).collect();
        districts.sort();
        districts.dedup();
        (!districts.is_empty()).then_some(Area::Districts(districts))
    };
    if area.is_none() {
        problems.push(("districts", "area_required"));
    }
    let mut instant = |value: &str, field: &'static str| {
        let parsed = parse_local(value);
        if parsed.is_none() {
            problems.push((field, if value.trim().is_empty() { "date_required" } else { "date_invalid" }));
        }
        parsed
    };
    let information = instant(&input.information_starts, "information_starts");
    let starts = instant(&input.starts, "starts");
    let ends = instant(&input.ends, "ends");
    if let (Some(i), Some(s), Some(e)) = (information, starts, ends) {
        // The order of the dates is never negotiable; the minimums are (with a reason).
        if i > s {
            problems.push(("starts", "starts_before_information"));
        }
        if e <= s {
            problems.push(("ends", "ends_before_start"));
        }
    }
    let easy_read = input.easy_read.trim();
    if easy_read.chars().count() > MAX_EASY_READ_CHARS {
        problems.push(("easy_read", "field_too_long"));
    }
    let reason = input.override_reason.trim();
    if reason.chars().count() > MAX_OVERRIDE_CHARS {
        problems.push(("override_reason", "reason_too_long"));
    }
    match (title, summary, body, kind, topic, area, information, starts, ends) {
        (Some(title), Some(summary), Some(body_md), Some(kind), Some(topic), Some(area), Some(i), Some(s), Some(e))
            if problems.is_empty() =>
        {
            Ok(Draft {
                slug,
                title,
                summary,
                body_md,
                easy_read_md: easy_read.to_owned(),
                kind,
                area,
                topic,
                organising_unit: unit.to_owned(),
                information_starts_at: i,
                starts_at: s,
                ends_at: e,
                premoderation: input.premoderation,
                online_remarks: input.online_remarks,
                written_remarks: input.written_remarks,
                override_reason: (!reason.is_empty()).then(|| reason.to_owned()),
            })
        }
        _ => Err(problems),
    }
}

/// What the statutory minimums say about a consultation with these events: the codes
/// of the rules it breaks (7 days of information, 21 days of consultation, 3 forms
/// with an open meeting). Empty when it meets them all.
pub fn statutory_problems(draft: &Draft, events: &[EventKind]) -> Vec<&'static str> {
    let mut codes = Vec::new();
    if let Err(problems) = Schedule::parse(draft.information_starts_at, draft.starts_at, draft.ends_at) {
        for p in problems {
            codes.push(match p {
                ScheduleProblem::InformationTooShort | ScheduleProblem::InformationAfterStart => {
                    "information_too_short"
                }
                ScheduleProblem::ConsultationTooShort | ScheduleProblem::EndNotAfterStart => "consultation_too_short",
            });
        }
    }
    let forms =
        Forms { online_remarks: draft.online_remarks, written_remarks: draft.written_remarks, events: events.to_vec() };
    codes.extend(forms.problems().into_iter().map(|p| p.code()));
    codes
}

/// Whether publishing may go ahead: the minimums are met, or a reason sets them aside.
pub fn may_publish(draft: &Draft, events: &[EventKind]) -> Result<(), Vec<&'static str>> {
    let problems = statutory_problems(draft, events);
    if problems.is_empty() || draft.override_reason.is_some() {
        Ok(())
    } else {
        Err(problems)
    }
}

fn required(value: &str, max: usize, field: &'static str, problems: &mut Vec<Problem>) -> Option<String> {
    let trimmed = value.trim();
    if trimmed.is_empty() {
        problems.push((field, "field_required"));
        None
    } else if trimmed.chars().count() > max {
        problems.push((field, "field_too_long"));
        None
    } else {
        Some(trimmed.replace("\r\n", "\n"))
    }
}

/// Lower-case ASCII letters, digits and single hyphens: `zielony-rynek-2026`.
pub fn is_slug(slug: &str) -> bool {
    !slug.is_empty()
        && slug.len() <= MAX_SLUG_CHARS
        && slug.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !slug.starts_with('-')
        && !slug.ends_with('-')
        && !slug.contains("--")
}

/// A `datetime-local` value (`2026-12-01T09:00`, seconds optional) in Warsaw time.
pub fn parse_local(value: &str) -> Option<i64> {
    let value = value.trim();
    let (date, time) = value.split_once(['T', ' '])?;
    let mut d = date.split('-').map(|p| p.parse::<i32>().ok());
    let (year, month, day) = (d.next()??, d.next()??, d.next()??);
    let mut t = time.split(':').map(|p| p.parse::<u8>().ok());
    let (hour, minute) = (t.next()??, t.next()??);
    let month = time::Month::try_from(u8::try_from(month).ok()?).ok()?;
    let date = time::Date::from_calendar_date(year, month, u8::try_from(day).ok()?).ok()?;
    let time = time::Time::from_hms(hour, minute, 0).ok()?;
    Some(warsaw_time::from_warsaw(time::PrimitiveDateTime::new(date, time)))
}

/// A calendar date (`2026-12-01`), read as midday in Warsaw (a date a letter arrived).
pub fn parse_date(value: &str) -> Option<i64> {
    parse_local(&format!("{}T12:00", value.trim()))
}

/// The `datetime-local` value for an instant, in Warsaw time.
pub fn format_local(unix_seconds: i64) -> String {
    let t = warsaw_time::to_warsaw(unix_seconds);
    format!("{:04}-{:02}-{:02}T{:02}:{:02}", t.year(), u8::from(t.month()), t.day(), t.hour(), t.minute())
}

/// A meeting, workshop or duty hours as typed (the ticked access boxes as flags).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventInput {
    pub kind: String,
    pub starts: String,
    pub ends: String,
    pub place: String,
    pub accessibility: String,
    pub online_url: String,
    pub access: Access,
}

/// What every event states, whoever holds it: when, where, how to get in, the link.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Occasion {
    pub starts_at: i64,
    pub ends_at: i64,
    pub place: String,
    pub accessibility: String,
    pub access: Access,
    pub online_url: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewEvent {
    pub kind: EventKind,
    pub occasion: Occasion,
}

pub fn parse_event(input: &EventInput) -> Result<NewEvent, Vec<Problem>> {
    let mut problems = Vec::new();
    let kind = EventKind::parse(&input.kind);
    if kind.is_none() {
        problems.push(("kind", "choose_one"));
    }
    let occasion = parse_occasion(input, &mut problems);
    match (kind, occasion) {
        (Some(kind), Some(occasion)) if problems.is_empty() => Ok(NewEvent { kind, occasion }),
        _ => Err(problems),
    }
}

/// The fields of [`Occasion`], each problem added to `problems` under its field.
pub fn parse_occasion(input: &EventInput, problems: &mut Vec<Problem>) -> Option<Occasion> {
    let starts = parse_local(&input.starts);
    let ends = parse_local(&input.ends);
    if starts.is_none() {
        problems.push(("starts", if input.starts.trim().is_empty() { "date_required" } else { "date_invalid" }));
    }
    if ends.is_none() {
        problems.push(("ends", if input.ends.trim().is_empty() { "date_required" } else { "date_invalid" }));
    }
    if let (Some(s), Some(e)) = (starts, ends) {
        if e <= s {
            problems.push(("ends", "ends_before_start"));
        }
    }
    let place = required(&input.place, MAX_PLACE_CHARS, "place", problems);
    let accessibility = input.accessibility.trim();
    if accessibility.chars().count() > MAX_PLACE_CHARS {
        problems.push(("accessibility", "field_too_long"));
    }
    let url = input.online_url.trim();
    if !url.is_empty() && (!url.starts_with("https://") || url.len() > 500 || url.contains(char::is_whitespace)) {
        problems.push(("online_url", "url_invalid"));
    }
    let (starts_at, ends_at, place) = (starts?, ends?, place?);
    (starts_at < ends_at).then(|| Occasion {
        starts_at,
        ends_at,
        place,
        accessibility: accessibility.to_owned(),
        access: input.access,
        online_url: (!url.is_empty()).then(|| url.to_owned()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::consultation_phase::DAY;

    fn input() -> DraftInput {
        DraftInput {
            slug: "zielone-podworka".into(),
            title: "Zielone podwórka".into(),
            summary: "Krótko".into(),
            body: "## Opis\n\nTreść".into(),
            kind: "general".into(),
            districts: vec!["13".into()],
            topic: "greenery".into(),
            unit: "Zarząd Zieleni Miejskiej".into(),
            information_starts: "2026-12-01T09:00".into(),
            starts: "2026-12-08T09:00".into(),
            ends: "2026-12-29T09:00".into(),
            online_remarks: true,
            written_remarks: true,
            ..DraftInput::default()
        }
    }

    fn units() -> Vec<String> {
        vec!["Zarząd Zieleni Miejskiej".into()]
    }

    #[test]
    fn a_complete_form_becomes_a_draft_in_warsaw_time() {
        let draft = parse(&input(), &units()).unwrap();
        assert_eq!(draft.starts_at - draft.information_starts_at, 7 * DAY);
        assert_eq!(format_local(draft.starts_at), "2026-12-08T09:00");
        assert_eq!(draft.area, Area::Districts(vec![District::new(13).unwrap()]));
    }

    #[test]
    fn every_problem_is_reported_with_its_field() {
        let bad = DraftInput {
            slug: "Zła ścieżka".into(),
            title: " ".into(),
            unit: "Nieznany".into(),
            districts: vec![],
            ends: "jutro".into(),
            ..input()
        };
        let problems = parse(&bad, &units()).unwrap_err();
        for expected in [
            ("title", "field_required"),
            ("slug", "slug_invalid"),
            ("unit", "choose_one"),
            ("districts", "area_required"),
            ("ends", "date_invalid"),
        ] {
            assert!(problems.contains(&expected), "{expected:?} in {problems:?}");
        }
    }

    #[test]
    fn dates_out_of_order_are_refused_whatever_the_reason() {
        let bad = DraftInput { ends: "2026-12-08T09:00".into(), override_reason: "pilne".into(), ..input() };
        assert_eq!(parse(&bad, &units()).unwrap_err(), vec![("ends", "ends_before_start")]);
    }

    #[test]
    fn the_minimums_can_be_set_aside_only_with_a_reason() {
        let short = DraftInput { ends: "2026-12-20T09:00".into(), ..input() };
        let draft = parse(&short, &units()).unwrap();
        assert_eq!(may_publish(&draft, &[EventKind::Meeting]), Err(vec!["consultation_too_short"]));
        let draft = parse(&DraftInput { override_reason: "Termin ustawowy".into(), ..short }, &units()).unwrap();
        assert_eq!(may_publish(&draft, &[EventKind::Meeting]), Ok(()));
        assert_eq!(statutory_problems(&draft, &[EventKind::Meeting]), vec!["consultation_too_short"]);
    }

    #[test]
    fn without_an_open_meeting_the_forms_fall_short() {
        let draft = parse(&input(), &units()).unwrap();
        assert_eq!(statutory_problems(&draft, &[]), vec!["too_few_forms", "no_open_meeting"]);
        assert!(statutory_problems(&draft, &[EventKind::Workshop]).is_empty());
    }

    #[test]
    fn slugs_and_dates_are_strict() {
        assert!(is_slug("plan-bronowice-2026"));
        for bad in ["", "-a", "a-", "a--b", "ą", "a b", "A"] {
            assert!(!is_slug(bad), "{bad}");
        }
        assert!(parse_local("2026-02-30T10:00").is_none());
        assert!(parse_local("2026-12-01T25:00").is_none());
        assert_eq!(parse_local("2026-12-01 10:00"), parse_local("2026-12-01T10:00"));
        assert!(parse_date("2026-11-20").is_some());
    }

    #[test]
    fn events_need_a_kind_a_place_and_times_in_order() {
        let ok = EventInput {
            kind: "meeting".into(),
            starts: "2026-12-10T17:00".into(),
            ends: "2026-12-10T19:00".into(),
            place: "Dom Kultury Podgórze".into(),
            online_url: "https://spotkanie.krakow.pl/abc".into(),
            ..EventInput::default()
        };
        assert_eq!(parse_event(&ok).unwrap().kind, EventKind::Meeting);
        let bad = EventInput {
            online_url: "javascript:alert(1)".into(),
            ends: ok.starts.clone(),
            place: String::new(),
            ..ok
        };
        let problems = parse_event(&bad).unwrap_err();
        assert!(problems.contains(&("online_url", "url_invalid")));
        assert!(problems.contains(&("ends", "ends_before_start")));
        assert!(problems.contains(&("place", "field_required")));
    }
}
