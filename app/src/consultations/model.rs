//! The consultation as residents see it, and the filters of the public list.

use crate::domain::{
    consultation_phase::{Phase, Schedule},
    district::{Area, District},
    paging::PageNumber,
    topic::Topic,
};
use serde::{Deserialize, Serialize};

/// A general consultation, or one on a draft local act ("projekt aktu prawa miejscowego").
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    General,
    DraftAct,
}

impl Kind {
    pub fn slug(self) -> &'static str {
        match self {
            Kind::General => "general",
            Kind::DraftAct => "draft_act",
        }
    }

    pub fn parse(slug: &str) -> Option<Self> {
        [Kind::General, Kind::DraftAct].into_iter().find(|k| k.slug() == slug)
    }
}

/// One consultation on a list.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ConsultationSummary {
    pub slug: String,
    pub title: String,
    pub summary: String,
    pub kind: Kind,
    pub area: Area,
    pub topic: Topic,
    pub organising_unit: String,
    pub schedule: Schedule,
    pub report_published_at: Option<i64>,
    pub phase: Phase,
}

/// One consultation's page: the summary plus its body, already rendered and sanitised.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ConsultationDetail {
    pub summary: ConsultationSummary,
    pub body_html: String,
    /// The easy-to-read version, rendered and sanitised (its headings start at `<h3>`).
    pub easy_read_html: Option<String>,
    /// A draft act's text split into units, each text rendered to sanitised HTML.
    pub act: Option<Vec<crate::domain::act::Block>>,
    /// Meetings, workshops and duty hours, soonest first.
    pub events: Vec<ConsultationEvent>,
    /// Pictures (the first is the cover) and documents.
    pub media: Vec<crate::media::MediaItem>,
}

/// A meeting, workshop or expert duty hours of a consultation.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConsultationEvent {
    pub id: i64,
    pub kind: crate::domain::consultation_forms::EventKind,
    pub starts_at: i64,
    pub ends_at: i64,
    pub place: String,
    pub accessibility: String,
    pub access: crate::domain::calendar::Access,
    pub online_url: Option<String>,
}

/// Which consultations the district filter keeps.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum DistrictFilter {
    /// Only city-wide consultations.
    CityWide,
    /// Consultations that concern this district.
    District(District),
}

impl DistrictFilter {
    pub const CITY_WIDE: &'static str = "city";

    pub fn parse(text: &str) -> Option<Self> {
        if text.trim() == Self::CITY_WIDE {
            Some(Self::CityWide)
        } else {
            District::parse(text).map(Self::District)
        }
    }

    pub fn to_param(self) -> String {
        match self {
            Self::CityWide => Self::CITY_WIDE.to_owned(),
            Self::District(d) => d.number().to_string(),
        }
    }
}

/// The filters of `/consultations`, as they travel in the query string.
/// Unknown values are dropped (the list stays usable), never an error page.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListFilter {
    pub district: Option<DistrictFilter>,
    pub phase: Option<Phase>,
    pub topic: Option<Topic>,
}

impl ListFilter {
    /// Reads `district`, `phase` and `topic` through `get`; garbage means "no filter".
    pub fn from_query(get: impl Fn(&str) -> Option<String>) -> Self {
        Self {
            district: get("district").as_deref().and_then(DistrictFilter::parse),
            phase: get("phase").as_deref().and_then(Phase::parse_public),
            topic: get("topic").as_deref().and_then(Topic::parse),
        }
    }

    /// Like [`Self::from_query`], but says which parameter was not understood, for
    /// machine clients of the open-data API that deserve a 400 rather than a guess.
    pub fn from_query_strict(get: impl Fn(&str) -> Option<String>) -> Result<Self, &'static str> {
        let lenient = Self::from_query(&get);
        let given = |name: &str| get(name).is_some_and(|v| !v.trim().is_empty());
        if given("district") && lenient.district.is_none() {
            return Err("district");
        }
        if given("phase") && lenient.phase.is_none() {
            return Err("phase");
        }
        if given("topic") && lenient.topic.is_none() {
            return Err("topic");
        }
        Ok(lenient)
    }

    pub fn is_empty(&self) -> bool {
        *self == Self::default()
    }

    /// The query string for these filters on `page` (page 1 is left out), e.g.
    /// `?district=18&phase=open&page=2`; empty when there is nothing to say.
    pub fn query_string(&self, page: Option<u32>) -> String {
        let mut pairs: Vec<(&str, String)> = Vec::new();
        if let Some(d) = self.district {
            pairs.push(("district", d.to_param()));
        }
        if let Some(p) = self.phase {
            pairs.push(("phase", p.slug().to_owned()));
        }
        if let Some(t) = self.topic {
            pairs.push(("topic", t.slug().to_owned()));
        }
        if let Some(page) = page.filter(|&p| p > 1) {
            pairs.push(("page", page.to_string()));
        }
        if pairs.is_empty() {
            return String::new();
        }
        // Every value above is a slug or a number: nothing needs escaping.
        let joined: Vec<String> = pairs.into_iter().map(|(k, v)| format!("{k}={v}")).collect();
        format!("?{}", joined.join("&"))
    }
}

/// A page of the public list.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ListPage {
    pub items: Vec<ConsultationSummary>,
    pub total: u64,
    pub page: PageNumber,
    pub pages: u32,
}

/// What the home page shows.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Overview {
    pub open: Vec<ConsultationSummary>,
    pub announced: Vec<ConsultationSummary>,
    pub reports: Vec<ConsultationSummary>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn query<'a>(pairs: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<String> + 'a {
        move |k| pairs.iter().find(|(n, _)| *n == k).map(|(_, v)| (*v).to_owned())
    }

    #[test]
    fn filters_round_trip_through_the_query_string() {
        let f = ListFilter::from_query(query(&[("district", "18"), ("phase", "open"), ("topic", "greenery")]));
        assert_eq!(f.district, Some(DistrictFilter::District(District::new(18).unwrap())));
        assert_eq!(f.query_string(Some(2)), "?district=18&phase=open&topic=greenery&page=2");
        assert_eq!(ListFilter::default().query_string(Some(1)), "");
    }

    #[test]
    fn garbage_filters_are_dropped_not_fatal() {
        let f = ListFilter::from_query(query(&[("district", "99"), ("phase", "<b>"), ("topic", "")]));
        assert!(f.is_empty());
    }

    #[test]
    fn the_strict_reading_names_the_bad_parameter() {
        assert_eq!(ListFilter::from_query_strict(query(&[("district", "99")])), Err("district"));
        assert_eq!(ListFilter::from_query_strict(query(&[("phase", "soon")])), Err("phase"));
        assert_eq!(
            ListFilter::from_query_strict(query(&[("district", "city"), ("topic", "")])).unwrap().district,
            Some(DistrictFilter::CityWide)
        );
    }
}
