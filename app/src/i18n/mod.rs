//! Polish (the default), English and Ukrainian. Every UI string is a field of [`Texts`],
//! so a language that misses one does not compile: "complete" is checked by rustc.
//!
//! The locale comes from the `lang` cookie (set by the switcher), then the browser's
//! `Accept-Language`, then Polish.

pub mod accounts;
pub mod budget;
pub mod campaigns;
mod en;
pub mod events;
pub mod initiatives;
pub mod media;
pub mod moderation;
pub mod news;
pub mod newsletter;
mod pl;
pub mod readability;
pub mod remarks;
pub mod reports;
pub mod stats;
mod uk;
pub mod vote;

use crate::domain::{consultation_phase::Phase, topic::Topic, warsaw_time};
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Locale {
    #[default]
    Pl,
    En,
    Uk,
}

/// The cookie the language switcher sets.
pub const LANG_COOKIE: &str = "lang";

impl Locale {
    pub const ALL: [Locale; 3] = [Locale::Pl, Locale::En, Locale::Uk];

    /// BCP 47 tag, as used in `<html lang>`, the cookie and the switcher.
    pub fn tag(self) -> &'static str {
        match self {
            Locale::Pl => "pl",
            Locale::En => "en",
            Locale::Uk => "uk",
        }
    }

    /// The language's own name, shown in the switcher whatever the current locale.
    pub fn native_name(self) -> &'static str {
        match self {
            Locale::Pl => "Polski",
            Locale::En => "English",
            Locale::Uk => "Українська",
        }
    }

    pub fn from_tag(tag: &str) -> Option<Self> {
        let primary = tag.trim().split(['-', '_']).next()?.to_ascii_lowercase();
        Self::ALL.into_iter().find(|l| l.tag() == primary)
    }

    /// The locale for a request: a valid `lang` cookie wins, then the best-weighted
    /// language of `Accept-Language` that we speak, then Polish.
    pub fn negotiate(cookie: Option<&str>, accept_language: Option<&str>) -> Self {
        if let Some(locale) = cookie.and_then(Self::from_tag) {
            return locale;
        }
        let mut best: Option<(f32, Locale)> = None;
        for item in accept_language.unwrap_or_default().split(',') {
            let mut parts = item.split(';');
            let Some(locale) = parts.next().and_then(Self::from_tag) else {
                continue;
            };
            let weight = parts
                .find_map(|p| p.trim().strip_prefix("q="))
                .and_then(|q| q.trim().parse::<f32>().ok())
                .unwrap_or(1.0);
            if weight > 0.0 && best.is_none_or(|(w, _)| weight > w) {
                best = Some((weight, locale));
            }
        }
        best.map(|(_, l)| l).unwrap_or_default()
    }

    pub fn texts(self) -> &'static Texts {
        match self {
            Locale::Pl => &pl::TEXTS,
            Locale::En => &en::TEXTS,
            Locale::Uk => &uk::TEXTS,
        }
    }

    /// Which of the three plural forms (one, few, many) a count takes.
    pub fn plural_form(self, n: u64) -> usize {
        let (n10, n100) = (n % 10, n % 100);
        match self {
            Locale::En => usize::from(n != 1) * 2,
            Locale::Pl if n == 1 => 0,
            Locale::Uk if n10 == 1 && n100 != 11 => 0,
            Locale::Pl | Locale::Uk if (2..=4).contains(&n10) && !(12..=14).contains(&n100) => 1,
            Locale::Pl | Locale::Uk => 2,
        }
    }

    /// "1 konsultacja", "3 konsultacje", "12 konsultacji".
    pub fn count(self, n: u64, forms: [&str; 3]) -> String {
        format!("{n} {}", forms[self.plural_form(n)])
    }

    /// "23 listopada 2026", in Warsaw time.
    pub fn date(self, unix_seconds: i64) -> String {
        let t = warsaw_time::to_warsaw(unix_seconds);
        let month = self.texts().months[usize::from(u8::from(t.month())) - 1];
        match self {
            Locale::En => format!("{} {month} {}", t.day(), t.year()),
            Locale::Pl | Locale::Uk => format!("{} {month} {}{}", t.day(), t.year(), self.texts().year_suffix),
        }
    }

    /// "23 listopada 2026, 14:30", in Warsaw time.
    pub fn date_time(self, unix_seconds: i64) -> String {
        let t = warsaw_time::to_warsaw(unix_seconds);
        format!("{}, {:02}:{:02}", self.date(unix_seconds), t.hour(), t.minute())
    }

    pub fn phase(self, phase: Phase) -> &'static str {
        let t = self.texts();
        match phase {
            Phase::Scheduled => t.phase_scheduled,
            Phase::Announced => t.phase_announced,
            Phase::Open => t.phase_open,
            Phase::Closed => t.phase_closed,
            Phase::ReportPublished => t.phase_report_published,
        }
    }

    pub fn topic(self, topic: Topic) -> &'static str {
        let t = self.texts();
        match topic {
            Topic::Transport => t.topic_transport,
            Topic::Greenery => t.topic_greenery,
            Topic::Planning => t.topic_planning,
            Topic::Culture => t.topic_culture,
            Topic::Education => t.topic_education,
            Topic::Social => t.topic_social,
            Topic::Sport => t.topic_sport,
            Topic::Safety => t.topic_safety,
            Topic::Governance => t.topic_governance,
        }
    }
}

/// Every string the interface shows. Plural entries hold the forms (one, few, many).
/// A length rule's message with its limit: `min` for "too short", `most` for "too
/// many", else `max` (the live checks fill their messages so too).
pub fn fill_rule(template: &str, (min, max): (usize, usize), most: usize, code: &str) -> String {
    let n = match code {
        "too_short" => min,
        "too_many" => most,
        _ => max,
    };
    put_limit(template, n)
}

/// A message template with `n` in place of `{n}`. A character pattern, not a string
/// one: the browser's bundle (the live checks fill their messages so) stays small.
pub fn put_limit(template: &str, n: usize) -> String {
    match template.split_once('{') {
        Some((before, after)) => format!("{before}{n}{}", after.strip_prefix("n}").unwrap_or(after)),
        None => template.to_owned(),
    }
}

pub struct Texts {
    pub site_name: &'static str,
    pub site_tagline: &'static str,
    pub skip_to_content: &'static str,
    pub main_nav: &'static str,
    pub nav_home: &'static str,
    pub nav_consultations: &'static str,
    pub language: &'static str,
    pub change_language: &'static str,
    pub footer_owner: &'static str,
    pub footer_accessibility: &'static str,
    pub footer_open_data: &'static str,
    pub footer_nav: &'static str,

    pub home_title: &'static str,
    pub home_lead: &'static str,
    pub home_open_now: &'static str,
    pub home_nothing_open: &'static str,
    pub home_coming_soon: &'static str,
    pub home_nothing_coming: &'static str,
    pub home_recent_reports: &'static str,
    pub home_all_consultations: &'static str,

    pub list_title: &'static str,
    pub list_lead: &'static str,
    pub filters: &'static str,
    pub filter_district: &'static str,
    pub filter_any_district: &'static str,
    pub filter_city_wide: &'static str,
    pub filter_phase: &'static str,
    pub filter_any_phase: &'static str,
    pub filter_topic: &'static str,
    pub filter_any_topic: &'static str,
    pub filter_apply: &'static str,
    pub filter_clear: &'static str,
    pub consultations_found: [&'static str; 3],
    pub no_results: &'static str,
    pub page_beyond_end: &'static str,
    pub pagination: &'static str,
    pub previous_page: &'static str,
    pub next_page: &'static str,
    pub page_n_of_m: &'static str,
    pub download_csv: &'static str,
    pub download_json: &'static str,
    pub consultations_feed: &'static str,

    pub phase_scheduled: &'static str,
    pub phase_announced: &'static str,
    pub phase_open: &'static str,
    pub phase_closed: &'static str,
    pub phase_report_published: &'static str,

    pub kind_general: &'static str,
    pub kind_draft_act: &'static str,

    pub topic_transport: &'static str,
    pub topic_greenery: &'static str,
    pub topic_planning: &'static str,
    pub topic_culture: &'static str,
    pub topic_education: &'static str,
    pub topic_social: &'static str,
    pub topic_sport: &'static str,
    pub topic_safety: &'static str,
    pub topic_governance: &'static str,

    pub detail_facts: &'static str,
    pub detail_kind: &'static str,
    pub detail_phase: &'static str,
    pub detail_area: &'static str,
    pub city_wide: &'static str,
    pub detail_topic: &'static str,
    pub detail_unit: &'static str,
    pub detail_schedule: &'static str,
    pub detail_information_from: &'static str,
    pub detail_starts: &'static str,
    pub detail_ends: &'static str,
    pub detail_report_published: &'static str,
    pub detail_description: &'static str,
    pub back_to_list: &'static str,
    pub runs_until: &'static str,
    pub starts_on: &'static str,

    pub months: [&'static str; 12],
    pub year_suffix: &'static str,

    pub not_found_title: &'static str,
    pub not_found_text: &'static str,
    pub error_title: &'static str,
    pub error_text: &'static str,
    pub go_home: &'static str,

    pub accessibility_title: &'static str,
    pub accessibility_body: &'static [&'static str],
    pub accessibility_contact: &'static str,
    pub accessibility_prepared: &'static str,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_lang_cookie_wins_over_the_browser() {
        assert_eq!(Locale::negotiate(Some("uk"), Some("en-GB,en;q=0.9")), Locale::Uk);
    }

    #[test]
    fn the_best_weighted_language_we_speak_is_chosen() {
        assert_eq!(Locale::negotiate(None, Some("de-DE,de;q=0.9,en;q=0.8,uk;q=0.7")), Locale::En);
        assert_eq!(Locale::negotiate(None, Some("en;q=0.5, uk-UA")), Locale::Uk);
        assert_eq!(Locale::negotiate(None, Some("en;q=0")), Locale::Pl);
    }

    #[test]
    fn polish_is_the_default_and_garbage_is_ignored() {
        assert_eq!(Locale::negotiate(None, None), Locale::Pl);
        assert_eq!(Locale::negotiate(Some("xx"), Some(";;;,q=abc")), Locale::Pl);
    }

    #[test]
    fn polish_and_ukrainian_have_three_plural_forms() {
        let forms = ["konsultacja", "konsultacje", "konsultacji"];
        let pl: Vec<_> = [1, 2, 5, 12, 22, 25, 101].iter().map(|&n| Locale::Pl.count(n, forms)).collect();
        assert_eq!(
            pl,
            [
                "1 konsultacja",
                "2 konsultacje",
                "5 konsultacji",
                "12 konsultacji",
                "22 konsultacje",
                "25 konsultacji",
                "101 konsultacji"
            ]
        );
        assert_eq!(Locale::Uk.plural_form(21), 0);
        assert_eq!(Locale::Uk.plural_form(11), 2);
        assert_eq!(Locale::En.plural_form(1), 0);
        assert_eq!(Locale::En.plural_form(0), 2);
    }

    #[test]
    fn dates_read_naturally_in_each_language() {
        let t = 1_795_442_400; // 23 November 2026, 14:00 UTC (15:00 in Kraków)
        assert_eq!(Locale::Pl.date(t), "23 listopada 2026");
        assert_eq!(Locale::En.date_time(t), "23 November 2026, 15:00");
        assert_eq!(Locale::Uk.date(t), "23 листопада 2026 р.");
    }
}
