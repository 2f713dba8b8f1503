//! News and announcements (`/news`): DK-06's editors write posts in markdown (the one
//! renderer and sanitiser), schedule them, tie them to a consultation, a civic-budget
//! edition or a district, and may run one as a site-wide banner for a limited time.

pub mod api;
#[cfg(feature = "ssr")]
pub mod demo;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod storage;

use crate::consultations::editor::{is_slug, parse_local, Problem};
use crate::domain::district::District;
use serde::{Deserialize, Serialize};

pub const MAX_TITLE_CHARS: usize = 200;
pub const MAX_LEAD_CHARS: usize = 400;
pub const MAX_BODY_CHARS: usize = 50_000;
pub const MAX_BANNER_CHARS: usize = 200;
/// Posts on one page of `/news`.
pub const PAGE_SIZE: i64 = 20;

/// The form as typed: every value a string, so a refused form comes back unchanged.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewsInput {
    pub title: String,
    /// Empty: made from the title.
    pub slug: String,
    pub lead: String,
    pub body: String,
    /// `datetime-local` in Warsaw time; empty keeps the post a draft.
    pub publish_at: String,
    pub banner_text: String,
    pub banner_until: String,
    /// A consultation's slug, or empty.
    pub consultation: String,
    /// A civic-budget edition's year, or empty.
    pub budget_year: String,
    /// A district's number, or empty.
    pub district: String,
}

/// A post that passed the form's rules.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewsDraft {
    pub title: String,
    pub slug: String,
    pub lead: String,
    pub body_md: String,
    pub publish_at: Option<i64>,
    /// The banner's text and when it ends.
    pub banner: Option<(String, i64)>,
    pub consultation: Option<String>,
    pub budget_year: Option<i64>,
    pub district: Option<District>,
}

/// A slug from a title: Polish letters without their marks, words joined by hyphens.
pub fn slugify(title: &str) -> String {
    let plain: String = title
        .to_lowercase()
        .chars()
        .map(|c| match c {
            'ą' => 'a',
            'ć' => 'c',
            'ę' => 'e',
            'ł' => 'l',
            'ń' => 'n',
            'ó' => 'o',
            'ś' => 's',
            'ź' | 'ż' => 'z',
            c if c.is_ascii_alphanumeric() => c,
            _ => ' ',
        })
        .collect();
    let words: Vec<&str> = plain.split_whitespace().collect();
    let mut slug = String::new();
    for word in words {
        if slug.len() + word.len() + 1 > crate::consultations::editor::MAX_SLUG_CHARS {
            break;
        }
        if !slug.is_empty() {
            slug.push('-');
        }
        slug.push_str(word);
    }
    slug
}

pub(crate) fn text(
    value: &str,
    max: usize,
    field: &'static str,
    required: bool,
    problems: &mut Vec<Problem>,
) -> String {
    let value = value.trim();
    if required && value.is_empty() {
        problems.push((field, "field_required"));
    } else if value.chars().count() > max {
        problems.push((field, "field_too_long"));
    }
    value.to_owned()
}

/// Checks a post; every problem under its field. Whether the consultation and the
/// edition named exist is the storage's to say.
pub fn parse(input: &NewsInput) -> Result<NewsDraft, Vec<Problem>> {
    let mut problems = Vec::new();
    let title = text(&input.title, MAX_TITLE_CHARS, "title", true, &mut problems);
    let lead = text(&input.lead, MAX_LEAD_CHARS, "lead", true, &mut problems);
    let body_md = text(&input.body, MAX_BODY_CHARS, "body", true, &mut problems);
    let typed_slug = input.slug.trim().to_lowercase();
    let slug = if typed_slug.is_empty() { slugify(&title) } else { typed_slug };
    if !title.is_empty() && !is_slug(&slug) {
        problems.push(("slug", if input.slug.trim().is_empty() { "slug_required" } else { "slug_invalid" }));
    }
    let mut instant = |value: &str, field: &'static str| -> Option<i64> {
        let value = value.trim();
        if value.is_empty() {
            return None;
        }
        let parsed = parse_local(value);
        if parsed.is_none() {
            problems.push((field, "date_invalid"));
        }
        parsed
    };
    let publish_at = instant(&input.publish_at, "publish_at");
    let banner_until = instant(&input.banner_until, "banner_until");
    let banner_text = text(&input.banner_text, MAX_BANNER_CHARS, "banner_text", false, &mut problems);
    let banner = match (banner_text.is_empty(), banner_until, input.banner_until.trim().is_empty()) {
        (true, None, true) => None,
        (true, _, _) => {
            problems.push(("banner_text", "field_required"));
            None
        }
        (false, None, true) => {
            problems.push(("banner_until", "date_required"));
            None
        }
        (false, None, false) => None,
        (false, Some(until), _) => {
            if publish_at.is_some_and(|at| until <= at) {
                problems.push(("banner_until", "ends_before_start"));
            }
            Some((banner_text, until))
        }
    };
    let consultation = Some(input.consultation.trim().to_owned()).filter(|s| !s.is_empty());
    let budget_year = match input.budget_year.trim() {
        "" => None,
        year => {
            let parsed = year.parse::<i64>().ok().filter(|y| (2000..=2100).contains(y));
            if parsed.is_none() {
                problems.push(("budget_year", "choose_one"));
            }
            parsed
        }
    };
    let district = match input.district.trim() {
        "" => None,
        number => {
            let parsed = District::parse(number);
            if parsed.is_none() {
                problems.push(("district", "choose_one"));
            }
            parsed
        }
    };
    if problems.is_empty() {
        Ok(NewsDraft { title, slug, lead, body_md, publish_at, banner, consultation, budget_year, district })
    } else {
        Err(problems)
    }
}

/// A post in a list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewsSummary {
    pub slug: String,
    pub title: String,
    pub lead: String,
    pub published_at: i64,
}

/// A published post's page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewsDetail {
    pub summary: NewsSummary,
    pub body_html: String,
    /// The consultation it concerns: slug and title.
    pub consultation: Option<(String, String)>,
    pub budget_year: Option<i64>,
    pub district: Option<District>,
    pub updated_at: i64,
    /// Its pictures (the first is the cover) and documents.
    pub media: Vec<crate::media::MediaItem>,
}

/// One page of `/news`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewsPage {
    pub items: Vec<NewsSummary>,
    pub page: i64,
    pub pages: i64,
}

/// The banner running now.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Banner {
    pub text: String,
    pub slug: String,
}

/// A post in the editors' list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EditorialLine {
    pub id: i64,
    pub title: String,
    pub slug: String,
    pub publish_at: Option<i64>,
    /// Whether `publish_at` has passed.
    pub live: bool,
    /// When its banner ends, if it has one that has not ended.
    pub banner_until: Option<i64>,
}

/// What the editor's form shows: the post as stored (or empty for a new one) and the
/// consultations and editions it may concern.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EditorModel {
    pub id: Option<i64>,
    pub input: NewsInput,
    /// Published consultations: slug and title.
    pub consultations: Vec<(String, String)>,
    pub budget_years: Vec<i64>,
    /// The post's pictures (the first is its cover) and documents.
    pub media: Vec<crate::media::MediaItem>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn typed() -> NewsInput {
        NewsInput {
            title: "Głosowanie w budżecie obywatelskim kończy się w piątek".into(),
            lead: "Zostały trzy dni.".into(),
            body: "Zagłosuj przez internet albo w punkcie.".into(),
            publish_at: "2026-12-01T09:00".into(),
            banner_text: "Głosowanie kończy się w piątek".into(),
            banner_until: "2026-12-05T00:00".into(),
            budget_year: "2026".into(),
            district: "13".into(),
            ..NewsInput::default()
        }
    }

    #[test]
    fn a_slug_is_made_from_the_title_without_polish_marks() {
        assert_eq!(slugify("Głosowanie w budżecie: kończy się w piątek!"), "glosowanie-w-budzecie-konczy-sie-w-piatek");
        assert_eq!(slugify("Źródła, żurawie i łąki"), "zrodla-zurawie-i-laki");
        assert!(slugify(&"długie słowo ".repeat(40)).len() <= crate::consultations::editor::MAX_SLUG_CHARS);
    }

    #[test]
    fn a_post_is_checked_field_by_field() {
        let draft = parse(&typed()).unwrap();
        assert_eq!(draft.slug, "glosowanie-w-budzecie-obywatelskim-konczy-sie-w-piatek");
        assert!(draft.banner.is_some() && draft.publish_at.is_some());
        assert_eq!(draft.district, District::new(13));
        let unscheduled = parse(&NewsInput { publish_at: String::new(), ..typed() }).unwrap();
        assert_eq!(unscheduled.publish_at, None, "a draft");

        let untitled = parse(&NewsInput { title: " ".into(), ..typed() }).unwrap_err();
        assert!(untitled.contains(&("title", "field_required")));
        let endless = parse(&NewsInput { banner_until: String::new(), ..typed() }).unwrap_err();
        assert_eq!(endless, vec![("banner_until", "date_required")]);
        let before = parse(&NewsInput { banner_until: "2026-11-30T09:00".into(), ..typed() }).unwrap_err();
        assert_eq!(before, vec![("banner_until", "ends_before_start")]);
        let textless = parse(&NewsInput { banner_text: String::new(), ..typed() }).unwrap_err();
        assert_eq!(textless, vec![("banner_text", "field_required")]);
        let bad = parse(&NewsInput {
            slug: "Zły Adres".into(),
            budget_year: "dwa".into(),
            district: "19".into(),
            publish_at: "jutro".into(),
            ..typed()
        })
        .unwrap_err();
        for expected in [
            ("slug", "slug_invalid"),
            ("budget_year", "choose_one"),
            ("district", "choose_one"),
            ("publish_at", "date_invalid"),
        ] {
            assert!(bad.contains(&expected), "{expected:?} in {bad:?}");
        }
    }
}
