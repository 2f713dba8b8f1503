//! The city's one calendar (`/events`): the meetings, workshops and duty hours of every
//! published consultation, the civic budget's voting days, and the events DK-06's
//! editors add on their own, shown as a list or a month grid and offered as iCalendar.

pub mod api;
#[cfg(feature = "ssr")]
pub mod demo;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod storage;

use crate::consultations::editor::{parse_occasion, EventInput, Occasion, Problem};
use crate::consultations::model::DistrictFilter;
use crate::domain::calendar::{Access, CalendarKind, Month};
use crate::domain::district::{Area, District};
use serde::{Deserialize, Serialize};

/// The most entries one calendar page or feed carries.
pub const MAX_ENTRIES: usize = 500;
pub const MAX_TITLE_CHARS: usize = 200;
pub const MAX_DESCRIPTION_CHARS: usize = 2_000;

/// Where an entry of the calendar comes from; its key names it in URLs (`c12`, `e5`,
/// `b2026`) and its iCalendar UID never changes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Source {
    /// A consultation's meeting (`consultation_events.id`).
    Consultation(i64),
    /// An event an editor added (`city_events.id`).
    City(i64),
    /// A civic-budget edition's voting days (its year).
    BudgetVoting(i64),
}

impl Source {
    pub fn key(self) -> String {
        match self {
            Source::Consultation(id) => format!("c{id}"),
            Source::City(id) => format!("e{id}"),
            Source::BudgetVoting(year) => format!("b{year}"),
        }
    }

    pub fn parse(key: &str) -> Option<Self> {
        let number = |rest: &str| rest.parse::<i64>().ok().filter(|n| *n > 0 && !rest.starts_with('+'));
        match key.split_at_checked(1)? {
            ("c", rest) => number(rest).map(Source::Consultation),
            ("e", rest) => number(rest).map(Source::City),
            ("b", rest) => number(rest).map(Source::BudgetVoting),
            _ => None,
        }
    }

    /// The UID calendar programs recognise the event by. A consultation's meetings keep
    /// the UID of their consultation's own `.ics` files, so one event is never two.
    pub fn uid(self, domain: &str) -> String {
        match self {
            Source::Consultation(id) => format!("event-{id}@{domain}"),
            Source::City(id) => format!("city-event-{id}@{domain}"),
            Source::BudgetVoting(year) => format!("budget-voting-{year}@{domain}"),
        }
    }
}

/// One event of the calendar, whatever its source.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CalendarEntry {
    pub source: Source,
    pub kind: CalendarKind,
    /// The consultation's title, the editor's title, or empty for the voting days
    /// (the page names them in the reader's language).
    pub title: String,
    pub description: String,
    pub starts_at: i64,
    pub ends_at: i64,
    pub place: String,
    pub accessibility: String,
    pub access: Access,
    pub online_url: Option<String>,
    pub area: Area,
    /// The page that tells more (the consultation, the budget edition).
    pub link: Option<String>,
}

impl CalendarEntry {
    /// Whether the district filter keeps the entry.
    pub fn concerns(&self, filter: Option<DistrictFilter>) -> bool {
        match (filter, &self.area) {
            (None, _) => true,
            (Some(DistrictFilter::CityWide), area) => *area == Area::CityWide,
            (Some(DistrictFilter::District(d)), Area::Districts(ds)) => ds.contains(&d),
            (Some(DistrictFilter::District(_)), Area::CityWide) => false,
        }
    }
}

/// The choices of `/events` as they travel in the query string.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CalendarQuery {
    pub district: Option<DistrictFilter>,
    pub kind: Option<CalendarKind>,
    pub month: Month,
    /// The month grid rather than the list.
    pub grid: bool,
}

impl CalendarQuery {
    /// Unknown values are ignored (a shared link with a typo still shows the calendar);
    /// with no month, the one holding `now`.
    pub fn from_query(get: impl Fn(&str) -> Option<String>, now: i64) -> Self {
        CalendarQuery {
            district: get("district").as_deref().and_then(DistrictFilter::parse),
            kind: get("kind").as_deref().and_then(CalendarKind::parse),
            month: get("month").as_deref().and_then(Month::parse).unwrap_or_else(|| Month::of(now)),
            grid: get("view").as_deref() == Some("month"),
        }
    }

    /// `?district=13&kind=debate&month=2026-12&view=month`, without the defaults.
    pub fn query_string(self, month: Month, grid: bool) -> String {
        let mut pairs = Vec::new();
        if let Some(d) = self.district {
            pairs.push(format!("district={}", d.to_param()));
        }
        if let Some(k) = self.kind {
            pairs.push(format!("kind={}", k.code()));
        }
        pairs.push(format!("month={}", month.param()));
        if grid {
            pairs.push("view=month".to_owned());
        }
        format!("?{}", pairs.join("&"))
    }

    /// The feed of the same district and kind: `/events.ics?district=13`.
    pub fn feed(self) -> String {
        let mut pairs = Vec::new();
        if let Some(d) = self.district {
            pairs.push(format!("district={}", d.to_param()));
        }
        if let Some(k) = self.kind {
            pairs.push(format!("kind={}", k.code()));
        }
        if pairs.is_empty() {
            "/events.ics".to_owned()
        } else {
            format!("/events.ics?{}", pairs.join("&"))
        }
    }
}

/// An editor's event as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CityEventInput {
    pub title: String,
    pub description: String,
    pub district: String,
    /// The kind, times, place and access, as for a consultation's meeting.
    pub event: EventInput,
}

/// An event an editor adds.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewCityEvent {
    pub kind: CalendarKind,
    pub title: String,
    pub description: String,
    /// `None` for the whole city.
    pub district: Option<District>,
    pub occasion: Occasion,
}

/// Checks an editor's event; every problem under its field.
pub fn parse_city_event(input: &CityEventInput) -> Result<NewCityEvent, Vec<Problem>> {
    let mut problems = Vec::new();
    let kind = CalendarKind::parse_editable(&input.event.kind);
    if kind.is_none() {
        problems.push(("kind", "choose_one"));
    }
    let title = input.title.trim();
    if title.is_empty() {
        problems.push(("title", "field_required"));
    } else if title.chars().count() > MAX_TITLE_CHARS {
        problems.push(("title", "field_too_long"));
    }
    let description = input.description.trim();
    if description.chars().count() > MAX_DESCRIPTION_CHARS {
        problems.push(("description", "field_too_long"));
    }
    let district = match input.district.trim() {
        "" => Some(None),
        text => District::parse(text).map(Some),
    };
    if district.is_none() {
        problems.push(("district", "choose_one"));
    }
    let occasion = parse_occasion(&input.event, &mut problems);
    match (kind, district, occasion) {
        (Some(kind), Some(district), Some(occasion)) if problems.is_empty() => {
            Ok(NewCityEvent { kind, title: title.to_owned(), description: description.to_owned(), district, occasion })
        }
        _ => Err(problems),
    }
}

/// What `/events` shows.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CalendarPage {
    pub month: Month,
    pub entries: Vec<CalendarEntry>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::district::District;

    fn typed() -> CityEventInput {
        CityEventInput {
            title: "Debata o zieleni w Podgórzu".into(),
            description: "Jak zazielenić podwórka?".into(),
            district: "13".into(),
            event: EventInput {
                kind: "debate".into(),
                starts: "2026-12-10T17:00".into(),
                ends: "2026-12-10T19:00".into(),
                place: "Dom Kultury Podgórze, ul. Krakusa 5".into(),
                access: Access { step_free: true, induction_loop: false, sign_language: true },
                ..EventInput::default()
            },
        }
    }

    #[test]
    fn an_editors_event_is_checked_field_by_field() {
        let event = parse_city_event(&typed()).unwrap();
        assert_eq!(event.kind, CalendarKind::Debate);
        assert_eq!(event.district, District::new(13));
        assert!(event.occasion.access.sign_language && !event.occasion.access.induction_loop);
        let city = parse_city_event(&CityEventInput { district: String::new(), ..typed() }).unwrap();
        assert_eq!(city.district, None);
        let mut bad = typed();
        bad.title = "   ".into();
        bad.district = "19".into();
        bad.description = "x".repeat(MAX_DESCRIPTION_CHARS + 1);
        bad.event.kind = "voting".into();
        bad.event.ends = "2026-12-10T16:00".into();
        let problems = parse_city_event(&bad).unwrap_err();
        for expected in [
            ("title", "field_required"),
            ("district", "choose_one"),
            ("description", "field_too_long"),
            ("kind", "choose_one"),
            ("ends", "ends_before_start"),
        ] {
            assert!(problems.contains(&expected), "{expected:?} in {problems:?}");
        }
    }

    #[test]
    fn a_source_key_round_trips_and_refuses_anything_else() {
        for source in [Source::Consultation(12), Source::City(5), Source::BudgetVoting(2026)] {
            assert_eq!(Source::parse(&source.key()), Some(source));
        }
        for bad in ["", "c", "x1", "c-1", "c0", "e+5", "e5.ics", "b2026x", "ć1"] {
            assert_eq!(Source::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn the_query_keeps_its_choices_and_ignores_typos() {
        let now = 1_796_000_000;
        let q = CalendarQuery::from_query(
            |k| match k {
                "district" => Some("13".into()),
                "kind" => Some("debate".into()),
                "month" => Some("2026-12".into()),
                "view" => Some("month".into()),
                _ => None,
            },
            now,
        );
        assert_eq!(q.query_string(q.month, q.grid), "?district=13&kind=debate&month=2026-12&view=month");
        assert_eq!(q.feed(), "/events.ics?district=13&kind=debate");
        let typo = CalendarQuery::from_query(|k| (k == "month").then(|| "2026-13".into()), now);
        assert_eq!(typo.month, Month::of(now));
        assert!(!typo.grid && typo.district.is_none());
    }

    #[test]
    fn the_district_filter_keeps_the_district_and_city_wide_keeps_the_city() {
        let xiii = District::new(13).unwrap();
        let entry = |area| CalendarEntry {
            source: Source::City(1),
            kind: CalendarKind::Debate,
            title: String::new(),
            description: String::new(),
            starts_at: 0,
            ends_at: 1,
            place: String::new(),
            accessibility: String::new(),
            access: Access::default(),
            online_url: None,
            area,
            link: None,
        };
        let podgorze = entry(Area::Districts(vec![xiii]));
        let city = entry(Area::CityWide);
        assert!(podgorze.concerns(Some(DistrictFilter::District(xiii))));
        assert!(!podgorze.concerns(Some(DistrictFilter::CityWide)));
        assert!(city.concerns(Some(DistrictFilter::CityWide)) && city.concerns(None));
        assert!(!city.concerns(Some(DistrictFilter::District(xiii))));
    }
}
