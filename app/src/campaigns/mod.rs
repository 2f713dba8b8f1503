//! Information campaigns (`/editorial/campaigns`, `/campaigns/{slug}`): DK-06 groups
//! consultations, news posts and calendar events under a campaign with a span of days
//! and milestones, and sees the reach of those pages, counted on the server per path
//! and day (`views`), with no cookie and nothing about the reader.

pub mod api;
#[cfg(feature = "ssr")]
pub mod demo;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod storage;
#[cfg(feature = "ssr")]
pub mod views;

use crate::consultations::editor::{is_slug, Problem};
use crate::domain::warsaw_time::day_start;
use crate::news::{slugify, MAX_LEAD_CHARS, MAX_TITLE_CHARS};
use serde::{Deserialize, Serialize};

pub const MAX_MILESTONES: usize = 20;
pub const MAX_LABEL_CHARS: usize = 120;
/// Items a campaign may group, of each kind.
pub const MAX_ITEMS: usize = 50;

/// What a campaign groups.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum ItemKind {
    Consultation,
    News,
    Event,
}

impl ItemKind {
    pub const ALL: [ItemKind; 3] = [ItemKind::Consultation, ItemKind::News, ItemKind::Event];

    pub fn code(self) -> &'static str {
        match self {
            ItemKind::Consultation => "consultation",
            ItemKind::News => "news",
            ItemKind::Event => "event",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.code() == code)
    }

    /// The form's field of this kind's checkboxes.
    pub fn field(self) -> &'static str {
        match self {
            ItemKind::Consultation => "consultations",
            ItemKind::News => "news",
            ItemKind::Event => "events",
        }
    }

    /// The public path whose views count as this item's reach: a consultation's and a
    /// post's page, an event's calendar file (events have no page of their own).
    pub fn path(self, item: &str) -> String {
        match self {
            ItemKind::Consultation => format!("/consultations/{item}"),
            ItemKind::News => format!("/news/{item}"),
            ItemKind::Event => format!("/events/e{item}.ics"),
        }
    }
}

/// The form as typed; the item lists are the ticked checkboxes.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CampaignInput {
    pub title: String,
    pub slug: String,
    pub summary: String,
    /// `YYYY-MM-DD`, Warsaw days, both included.
    pub starts_on: String,
    pub ends_on: String,
    /// One milestone a line: `YYYY-MM-DD label`.
    pub milestones: String,
    pub consultations: Vec<String>,
    pub news: Vec<String>,
    pub events: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Milestone {
    pub on: String,
    pub label: String,
}

/// A campaign that passed the form's rules.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CampaignDraft {
    pub title: String,
    pub slug: String,
    pub summary: String,
    pub starts_on: String,
    pub ends_on: String,
    pub milestones: Vec<Milestone>,
    pub items: Vec<(ItemKind, String)>,
}

fn date(value: &str, field: &'static str, problems: &mut Vec<Problem>) -> Option<String> {
    let value = value.trim();
    if value.is_empty() {
        problems.push((field, "date_required"));
        return None;
    }
    if day_start(value).is_none() {
        problems.push((field, "date_invalid"));
        return None;
    }
    Some(value.to_owned())
}

/// The milestones' lines: a date, a space, a label; every line checked.
fn milestones(text: &str, span: Option<(&str, &str)>, problems: &mut Vec<Problem>) -> Vec<Milestone> {
    let mut out = Vec::new();
    let mut bad = None;
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let (on, label) = line.split_once(char::is_whitespace).unwrap_or((line, ""));
        let label = label.trim();
        if day_start(on).is_none() || label.is_empty() || label.chars().count() > MAX_LABEL_CHARS {
            bad = bad.or(Some("campaign_milestone_invalid"));
            continue;
        }
        if span.is_some_and(|(starts, ends)| on < starts || on > ends) {
            bad = bad.or(Some("campaign_milestone_outside"));
            continue;
        }
        out.push(Milestone { on: on.to_owned(), label: label.to_owned() });
    }
    if out.len() > MAX_MILESTONES {
        bad = bad.or(Some("campaign_too_many_milestones"));
    }
    if let Some(code) = bad {
        problems.push(("milestones", code));
    }
    out.sort_by(|a, b| (&a.on, &a.label).cmp(&(&b.on, &b.label)));
    out.dedup();
    out
}

/// Checks a campaign; every problem under its field. Whether the items exist is the
/// storage's to say.
pub fn parse(input: &CampaignInput) -> Result<CampaignDraft, Vec<Problem>> {
    let mut problems = Vec::new();
    let title = crate::news::text(&input.title, MAX_TITLE_CHARS, "title", true, &mut problems);
    let summary = crate::news::text(&input.summary, MAX_LEAD_CHARS, "summary", true, &mut problems);
    let typed_slug = input.slug.trim().to_lowercase();
    let slug = if typed_slug.is_empty() { slugify(&title) } else { typed_slug };
    if !title.is_empty() && !is_slug(&slug) {
        problems.push(("slug", if input.slug.trim().is_empty() { "slug_required" } else { "slug_invalid" }));
    }
    let starts_on = date(&input.starts_on, "starts_on", &mut problems);
    let ends_on = date(&input.ends_on, "ends_on", &mut problems);
    let span = match (&starts_on, &ends_on) {
        (Some(s), Some(e)) if e < s => {
            problems.push(("ends_on", "ends_before_start"));
            None
        }
        (Some(s), Some(e)) => Some((s.as_str(), e.as_str())),
        _ => None,
    };
    let milestones = milestones(&input.milestones, span, &mut problems);
    let mut items = Vec::new();
    for (kind, values) in [
        (ItemKind::Consultation, &input.consultations),
        (ItemKind::News, &input.news),
        (ItemKind::Event, &input.events),
    ] {
        if values.len() > MAX_ITEMS {
            problems.push((kind.field(), "campaign_too_many_items"));
        }
        for value in values.iter().map(|v| v.trim()).filter(|v| !v.is_empty()) {
            let valid = match kind {
                ItemKind::Event => value.parse::<i64>().is_ok_and(|n| n > 0),
                _ => is_slug(value),
            };
            if !valid {
                problems.push((kind.field(), "choose_one"));
            } else if !items.contains(&(kind, value.to_owned())) {
                items.push((kind, value.to_owned()));
            }
        }
    }
    match (starts_on, ends_on) {
        (Some(starts_on), Some(ends_on)) if problems.is_empty() => {
            Ok(CampaignDraft { title, slug, summary, starts_on, ends_on, milestones, items })
        }
        _ => Err(problems),
    }
}

/// Where a campaign is in its span, on a Warsaw day.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Stage {
    Upcoming,
    Running,
    Ended,
}

pub fn stage(starts_on: &str, ends_on: &str, today: &str) -> Stage {
    if today < starts_on {
        Stage::Upcoming
    } else if today > ends_on {
        Stage::Ended
    } else {
        Stage::Running
    }
}

/// A campaign in the editors' list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CampaignLine {
    pub id: i64,
    pub slug: String,
    pub title: String,
    pub starts_on: String,
    pub ends_on: String,
    pub stage: Stage,
    /// Views of its pages within its span so far.
    pub views: i64,
}

/// One grouped item, with its title (empty if it is gone) and public link.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Item {
    pub kind: ItemKind,
    pub item: String,
    pub title: String,
    pub href: String,
    /// Views within the campaign's span.
    pub views: i64,
}

/// A campaign with its parts, for its public page and the editors' reach.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CampaignDetail {
    pub id: i64,
    pub slug: String,
    pub title: String,
    pub summary: String,
    pub starts_on: String,
    pub ends_on: String,
    pub stage: Stage,
    pub milestones: Vec<Milestone>,
    pub items: Vec<Item>,
    /// Views of the campaign's own page within its span.
    pub page_views: i64,
    /// All views by day within the span (campaign page and items), oldest first.
    pub by_day: Vec<(String, i64)>,
    /// The Warsaw day it was read on (past milestones are marked).
    pub today: String,
}

/// The editor's form: the campaign as stored (or empty) and what it may group.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EditorModel {
    pub id: Option<i64>,
    pub input: CampaignInput,
    /// (kind, value, label) of every item that may be ticked.
    pub choices: Vec<(ItemKind, String, String)>,
    pub reach: Option<CampaignDetail>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input() -> CampaignInput {
        CampaignInput {
            title: "Budżet obywatelski: głosuj!".to_owned(),
            summary: "Zachęcamy do głosowania.".to_owned(),
            starts_on: "2027-05-01".to_owned(),
            ends_on: "2027-06-15".to_owned(),
            milestones: "2027-06-01 Start głosowania\n\n2027-05-10 Lista projektów \n".to_owned(),
            consultations: vec!["park".to_owned()],
            news: vec!["glosuj".to_owned(), "glosuj".to_owned()],
            events: vec!["12".to_owned()],
            ..CampaignInput::default()
        }
    }

    #[test]
    fn a_campaign_reads_its_span_milestones_and_items() {
        let draft = parse(&input()).unwrap();
        assert_eq!(draft.slug, "budzet-obywatelski-glosuj");
        assert_eq!(
            draft.milestones,
            vec![
                Milestone { on: "2027-05-10".to_owned(), label: "Lista projektów".to_owned() },
                Milestone { on: "2027-06-01".to_owned(), label: "Start głosowania".to_owned() },
            ]
        );
        assert_eq!(
            draft.items,
            vec![
                (ItemKind::Consultation, "park".to_owned()),
                (ItemKind::News, "glosuj".to_owned()),
                (ItemKind::Event, "12".to_owned())
            ]
        );
    }

    #[test]
    fn every_problem_is_named_under_its_field() {
        let bad = CampaignInput {
            title: " ".to_owned(),
            ends_on: "2027-04-01".to_owned(),
            milestones: "jutro coś\n2027-07-01 Po kampanii".to_owned(),
            events: vec!["e12".to_owned()],
            ..input()
        };
        let problems = parse(&bad).unwrap_err();
        assert!(problems.contains(&("title", "field_required")));
        assert!(problems.contains(&("ends_on", "ends_before_start")));
        assert!(problems.contains(&("milestones", "campaign_milestone_invalid")));
        assert!(problems.contains(&("events", "choose_one")));
        let outside = CampaignInput { milestones: "2027-07-01 Po kampanii".to_owned(), ..input() };
        assert_eq!(parse(&outside).unwrap_err(), vec![("milestones", "campaign_milestone_outside")]);
        let no_dates = CampaignInput { starts_on: String::new(), ends_on: "1 maja".to_owned(), ..input() };
        let problems = parse(&no_dates).unwrap_err();
        assert!(problems.contains(&("starts_on", "date_required")));
        assert!(problems.contains(&("ends_on", "date_invalid")));
    }

    #[test]
    fn the_stage_follows_the_warsaw_day() {
        assert_eq!(stage("2027-05-01", "2027-06-15", "2027-04-30"), Stage::Upcoming);
        assert_eq!(stage("2027-05-01", "2027-06-15", "2027-05-01"), Stage::Running);
        assert_eq!(stage("2027-05-01", "2027-06-15", "2027-06-15"), Stage::Running);
        assert_eq!(stage("2027-05-01", "2027-06-15", "2027-06-16"), Stage::Ended);
        assert_eq!(ItemKind::Event.path("12"), "/events/e12.ics");
    }
}
