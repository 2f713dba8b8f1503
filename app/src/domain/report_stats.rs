//! Participation statistics of a consultation for its final report (people,
//! organisations, remarks by channel, by district, by unit of the act and per day) and
//! the bar charts that show them as server-rendered SVG. Every chart has the same
//! figures as a table next to it; the SVG is a picture of the table, not the only copy.
//! Pure.

use super::act::anchor_order;
use super::remark::Channel;
use super::warsaw_time;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashSet};

/// What the statistics need to know of one remark.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RemarkFact {
    pub channel: Channel,
    /// Whoever wrote it: an account id, or the name as given for another channel.
    pub author: Option<String>,
    pub organisation_id: Option<i64>,
    /// The author's district (1–18) when known.
    pub district: Option<u8>,
    pub unit_anchor: Option<String>,
    pub received_at: i64,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stats {
    pub remarks: u64,
    /// Distinct authors (accounts and names as given).
    pub people: u64,
    pub organisations: u64,
    /// Every channel, in the order of [`Channel::ALL`], zeros included.
    pub by_channel: Vec<(Channel, u64)>,
    /// Districts with remarks, by number; `None` (unknown) last.
    pub by_district: Vec<(Option<u8>, u64)>,
    /// Units with remarks, by anchor as given; `None` (the whole consultation) first.
    pub by_unit: Vec<(Option<String>, u64)>,
    /// Warsaw dates (`YYYY-MM-DD`) with remarks, in order.
    pub per_day: Vec<(String, u64)>,
}

pub fn compute(facts: &[RemarkFact]) -> Stats {
    let mut people = HashSet::new();
    let mut organisations = HashSet::new();
    let mut channels: BTreeMap<usize, u64> = BTreeMap::new();
    let mut districts: BTreeMap<(bool, u8), u64> = BTreeMap::new();
    let mut units: Vec<(Option<String>, u64)> = Vec::new();
    let mut days: BTreeMap<String, u64> = BTreeMap::new();
    for fact in facts {
        if let Some(author) = &fact.author {
            people.insert(author.as_str());
        }
        if let Some(org) = fact.organisation_id {
            organisations.insert(org);
        }
        let channel = Channel::ALL.iter().position(|c| *c == fact.channel).unwrap_or_default();
        *channels.entry(channel).or_default() += 1;
        // Unknown districts sort after the 18 known ones.
        *districts.entry((fact.district.is_none(), fact.district.unwrap_or(0))).or_default() += 1;
        match units.iter_mut().find(|(anchor, _)| *anchor == fact.unit_anchor) {
            Some((_, n)) => *n += 1,
            None => units.push((fact.unit_anchor.clone(), 1)),
        }
        *days.entry(warsaw_time::iso_date(fact.received_at)).or_default() += 1;
    }
    units.sort_by_key(|(anchor, _)| anchor.as_deref().map(anchor_order));
    Stats {
        remarks: facts.len() as u64,
        people: people.len() as u64,
        organisations: organisations.len() as u64,
        by_channel: Channel::ALL
            .iter()
            .enumerate()
            .map(|(i, c)| (*c, channels.get(&i).copied().unwrap_or(0)))
            .collect(),
        by_district: districts.into_iter().map(|((unknown, n), count)| ((!unknown).then_some(n), count)).collect(),
        by_unit: units,
        per_day: days.into_iter().collect(),
    }
}

/// A horizontal bar chart as SVG: one bar a row, the label left, the figure right.
/// `id` names the chart's title for `aria-labelledby`; labels and title are escaped.
pub fn bar_chart(id: &str, title: &str, bars: &[(String, u64)]) -> String {
    const ROW: u32 = 28;
    const LABEL: u32 = 180;
    const PLOT: u32 = 360;
    const WIDTH: u32 = LABEL + PLOT + 70;
    let top = ROW;
    let height = top + ROW * bars.len() as u32 + 8;
    let max = bars.iter().map(|(_, v)| *v).max().unwrap_or(0).max(1);
    let id = escape(id);
    let mut svg = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {WIDTH} {height}\" width=\"100%\" \
         role=\"img\" aria-labelledby=\"{id}-title\" class=\"chart\"><title id=\"{id}-title\">{}</title>\
         <text x=\"0\" y=\"18\" class=\"chart-title\">{}</text>",
        escape(title),
        escape(title)
    );
    for (i, (label, value)) in bars.iter().enumerate() {
        let y = top + ROW * i as u32;
        let width = (u128::from(*value) * u128::from(PLOT) / u128::from(max)) as u32;
        svg.push_str(&format!(
            "<text x=\"{}\" y=\"{}\" text-anchor=\"end\" class=\"chart-label\">{}</text>\
             <rect x=\"{LABEL}\" y=\"{}\" width=\"{width}\" height=\"{}\" class=\"chart-bar\"/>\
             <text x=\"{}\" y=\"{}\" class=\"chart-value\">{value}</text>",
            LABEL - 8,
            y + 18,
            escape(label),
            y + 6,
            ROW - 10,
            LABEL + width + 6,
            y + 18,
        ));
    }
    svg.push_str("</svg>");
    svg
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    use super::*;

    const DAY: i64 = 24 * 60 * 60;
    // 2026-11-02 12:00 UTC.
    const NOON: i64 = 1_793_620_800;

    fn fact(
        channel: Channel,
        author: &str,
        org: Option<i64>,
        district: Option<u8>,
        unit: Option<&str>,
        at: i64,
    ) -> RemarkFact {
        RemarkFact {
            channel,
            author: Some(author.to_owned()),
            organisation_id: org,
            district,
            unit_anchor: unit.map(str::to_owned),
            received_at: at,
        }
    }

    #[test]
    fn counts_people_organisations_channels_districts_units_and_days() {
        let facts = [
            fact(Channel::Online, "u1", None, Some(13), Some("par-2-pkt-1"), NOON),
            fact(Channel::Online, "u1", None, Some(13), Some("par-10"), NOON + 60),
            fact(Channel::Online, "u2", Some(7), Some(2), Some("par-2"), NOON + DAY),
            fact(Channel::Post, "Jan Kowalczyk", None, None, None, NOON + 2 * DAY),
            fact(Channel::Epuap, "Towarzystwo", Some(7), None, Some("par-2"), NOON + 2 * DAY),
        ];
        let s = compute(&facts);
        assert_eq!((s.remarks, s.people, s.organisations), (5, 4, 1));
        assert_eq!(s.by_channel.len(), Channel::ALL.len(), "zeros are listed too");
        assert_eq!(s.by_channel[0], (Channel::Online, 3));
        assert!(s.by_channel.contains(&(Channel::Post, 1)) && s.by_channel.contains(&(Channel::Phone, 0)));
        assert_eq!(s.by_district, vec![(Some(2), 1), (Some(13), 2), (None, 2)]);
        let units: Vec<(Option<&str>, u64)> = s.by_unit.iter().map(|(a, n)| (a.as_deref(), *n)).collect();
        assert_eq!(units, vec![(None, 1), (Some("par-2"), 2), (Some("par-2-pkt-1"), 1), (Some("par-10"), 1)]);
        assert_eq!(
            s.per_day,
            vec![("2026-11-02".to_owned(), 2), ("2026-11-03".to_owned(), 1), ("2026-11-04".to_owned(), 2)]
        );
        assert_eq!(
            compute(&[]),
            Stats { by_channel: Channel::ALL.iter().map(|c| (*c, 0)).collect(), ..Stats::default() }
        );
    }

    #[test]
    fn charts_scale_to_the_largest_bar_and_escape_their_text() {
        let svg = bar_chart("by-channel", "Uwagi <wg> kanału", &[("online".into(), 40), ("\"poczta\"".into(), 10)]);
        assert!(svg.starts_with("<svg") && svg.ends_with("</svg>"));
        assert!(svg.contains("role=\"img\" aria-labelledby=\"by-channel-title\""));
        assert!(svg.contains("Uwagi &lt;wg&gt; kanału") && svg.contains("&quot;poczta&quot;"));
        assert!(svg.contains("width=\"360\"") && svg.contains("width=\"90\""), "{svg}");
        // No bars, or only zeros: a valid, empty chart (no division by zero).
        assert!(bar_chart("x", "t", &[]).ends_with("</svg>"));
        assert!(bar_chart("x", "t", &[("a".into(), 0)]).contains("width=\"0\""));
    }
}
