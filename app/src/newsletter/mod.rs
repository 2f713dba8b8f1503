//! The newsletter (`/newsletter`): residents subscribe by email to districts and
//! topics, confirm by a mailed link, and get at most one digest a week, only when
//! something is new for them. The choice of what goes into a digest is `digest`;
//! sending it is the server's job.

pub mod api;
pub mod digest;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod storage;

use crate::domain::topic::Topic;
use crate::i18n::Locale;
use serde::{Deserialize, Serialize};

/// What a subscriber wants to hear about.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Interest {
    /// Every district (also the city-wide things, which everyone gets anyway).
    pub city_wide: bool,
    /// District numbers, 1 to 18, ascending.
    pub districts: Vec<u8>,
    /// Empty: every topic.
    pub topics: Vec<Topic>,
}

/// The form as sent: repeated checkboxes as lists, every value a string.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SubscribeInput {
    pub email: String,
    /// District numbers, and `city` for the whole city.
    pub districts: Vec<String>,
    pub topics: Vec<String>,
    pub language: String,
}

/// A subscription that passed the form's rules.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Subscription {
    pub email: String,
    pub interest: Interest,
    pub locale: Locale,
}

/// Checks the form; every problem at once, as (field, code).
pub fn parse(input: &SubscribeInput) -> Result<Subscription, Vec<(&'static str, &'static str)>> {
    let mut problems = Vec::new();
    let email =
        crate::accounts::validation::normalise_email(&input.email).map_err(|code| problems.push(("email", code)));
    let city_wide = input.districts.iter().any(|d| d == "city");
    let mut districts: Vec<u8> = Vec::new();
    for value in input.districts.iter().filter(|d| *d != "city") {
        match value.parse::<u8>().ok().and_then(crate::domain::district::District::new) {
            Some(d) if !districts.contains(&d.number()) => districts.push(d.number()),
            Some(_) => {}
            None => problems.push(("districts", "newsletter_district_unknown")),
        }
    }
    districts.sort_unstable();
    if !city_wide && districts.is_empty() && !problems.iter().any(|(f, _)| *f == "districts") {
        problems.push(("districts", "newsletter_area_required"));
    }
    let mut topics = Vec::new();
    for value in &input.topics {
        match Topic::parse(value) {
            Some(t) if !topics.contains(&t) => topics.push(t),
            Some(_) => {}
            None => problems.push(("topics", "newsletter_topic_unknown")),
        }
    }
    let locale = Locale::from_tag(&input.language);
    if locale.is_none() {
        problems.push(("language", "newsletter_language_unknown"));
    }
    match (email, locale) {
        (Ok(email), Some(locale)) if problems.is_empty() => {
            Ok(Subscription { email, interest: Interest { city_wide, districts, topics }, locale })
        }
        _ => Err(problems),
    }
}

/// What the confirmation link's page says.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum LinkState {
    /// Waiting for the click.
    Pending,
    /// Clicked before: nothing more to do.
    Confirmed,
    /// No subscription has this link (mistyped, tampered with, or unsubscribed since).
    Unknown,
}

/// The editors' preview of a digest: for the profile chosen, what this week's mail
/// would hold, and how the week's sending stands.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DigestPreview {
    pub period: String,
    /// When this week's digests go (unix seconds).
    pub sends_at: i64,
    pub subject: String,
    pub body: String,
    pub items: usize,
    pub counts: DigestCounts,
}

/// Subscriptions and this week's digests, as counts.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DigestCounts {
    pub confirmed: i64,
    pub pending: i64,
    pub sent: i64,
    pub empty: i64,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(email: &str, districts: &[&str], topics: &[&str], language: &str) -> SubscribeInput {
        SubscribeInput {
            email: email.to_owned(),
            districts: districts.iter().map(|s| (*s).to_owned()).collect(),
            topics: topics.iter().map(|s| (*s).to_owned()).collect(),
            language: language.to_owned(),
        }
    }

    #[test]
    fn a_subscription_needs_an_address_and_an_area() {
        let problems = parse(&input("not-an-address", &[], &[], "pl")).unwrap_err();
        assert_eq!(problems, vec![("email", "email_invalid"), ("districts", "newsletter_area_required")]);
        let problems = parse(&input("a@example.pl", &["19"], &["weather"], "de")).unwrap_err();
        assert_eq!(
            problems,
            vec![
                ("districts", "newsletter_district_unknown"),
                ("topics", "newsletter_topic_unknown"),
                ("language", "newsletter_language_unknown")
            ]
        );
    }

    #[test]
    fn districts_and_topics_are_read_once_each_in_order() {
        let s = parse(&input(" Anna@Example.PL ", &["13", "2", "13"], &["greenery", "greenery"], "uk")).unwrap();
        assert_eq!(s.email, "anna@example.pl");
        assert_eq!(s.interest, Interest { city_wide: false, districts: vec![2, 13], topics: vec![Topic::Greenery] });
        assert_eq!(s.locale, Locale::Uk);
        let city = parse(&input("a@example.pl", &["city"], &[], "en")).unwrap();
        assert!(city.interest.city_wide && city.interest.districts.is_empty() && city.interest.topics.is_empty());
    }
}
