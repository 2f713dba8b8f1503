//! Pictures and documents attached to consultations, civic-budget projects and
//! local-initiative applications: what a page needs to show them (a responsive
//! `<picture>` with its size and text alternative, a document link with its size) and
//! the form that adds them. The server decides what a file is and makes the renditions
//! (`server::media`); who may fetch a file is decided on every request (`storage`).

#[cfg(feature = "ssr")]
pub mod storage;
mod views;

pub use views::{DocumentList, FileField, MediaEditor, Picture};

use crate::i18n::Locale;
use serde::{Deserialize, Serialize};

/// What an upload is attached to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Parent {
    Consultation(i64),
    BudgetProject(i64),
    Initiative(i64),
    /// A remark DK-04 entered from a letter: the letter's scan.
    Remark(i64),
    /// A news post: its first picture is its cover.
    News(i64),
}

impl Parent {
    pub fn kind(self) -> &'static str {
        match self {
            Parent::Consultation(_) => "consultation",
            Parent::BudgetProject(_) => "budget_project",
            Parent::Initiative(_) => "initiative",
            Parent::Remark(_) => "remark",
            Parent::News(_) => "news",
        }
    }

    pub fn id(self) -> i64 {
        match self {
            Parent::Consultation(id)
            | Parent::BudgetProject(id)
            | Parent::Initiative(id)
            | Parent::Remark(id)
            | Parent::News(id) => id,
        }
    }

    pub fn of(kind: &str, id: i64) -> Option<Parent> {
        match kind {
            "consultation" => Some(Parent::Consultation(id)),
            "budget_project" => Some(Parent::BudgetProject(id)),
            "initiative" => Some(Parent::Initiative(id)),
            "remark" => Some(Parent::Remark(id)),
            "news" => Some(Parent::News(id)),
            _ => None,
        }
    }

    /// Where its upload form posts (`…/media`, and `…/media/{id}/delete` to remove one);
    /// none for a remark, whose scan comes with the remark itself.
    pub fn media_action(self) -> Option<String> {
        match self {
            Parent::Consultation(id) => Some(format!("/moderation/consultations/{id}/media")),
            Parent::BudgetProject(id) => Some(format!("/budget/projects/{id}/media")),
            Parent::Initiative(id) => Some(format!("/initiatives/applications/{id}/media")),
            Parent::News(id) => Some(format!("/editorial/news/{id}/media")),
            Parent::Remark(_) => None,
        }
    }
}

/// One stored file of an upload: a rendition of a picture, or the document itself.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MediaFile {
    /// The content-addressed name (`<sha-256>.<ext>`); served at `/media/<key>`.
    pub key: String,
    /// `jpeg`, `webp` or `pdf`.
    pub format: String,
    pub width: u32,
    pub height: u32,
    pub bytes: i64,
}

impl MediaFile {
    pub fn href(&self) -> String {
        format!("/media/{}", self.key)
    }
}

/// An upload as pages show it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MediaItem {
    pub id: String,
    /// `jpeg`, `png`, `webp` (pictures) or `pdf`.
    pub kind: String,
    /// The uploaded file's name, as text to show (escaped by the page, never a path).
    pub display_name: String,
    pub bytes: i64,
    /// The upright picture's size (0 for a document).
    pub width: u32,
    pub height: u32,
    pub alt_pl: String,
    pub alt_en: String,
    pub alt_uk: String,
    pub files: Vec<MediaFile>,
}

impl MediaItem {
    pub fn is_image(&self) -> bool {
        self.kind != "pdf"
    }

    /// The text alternative in the reader's language, else the Polish one with the
    /// language it is in (for the `lang` attribute).
    pub fn alt(&self, locale: Locale) -> (&str, Option<&'static str>) {
        let own = match locale {
            Locale::Pl => &self.alt_pl,
            Locale::En => &self.alt_en,
            Locale::Uk => &self.alt_uk,
        };
        if own.trim().is_empty() {
            (&self.alt_pl, (locale != Locale::Pl).then_some("pl"))
        } else {
            (own, None)
        }
    }

    /// The renditions in `format`, narrowest first.
    pub fn renditions(&self, format: &str) -> Vec<&MediaFile> {
        let mut files: Vec<&MediaFile> = self.files.iter().filter(|f| f.format == format).collect();
        files.sort_by_key(|f| f.width);
        files
    }
}

/// The most characters of a text alternative (WCAG asks for a short one; a long
/// description belongs in the text).
pub const ALT_CHARS: usize = 250;

/// The text alternatives of a picture as typed: Polish required, English and Ukrainian
/// optional, each at most [`ALT_CHARS`] characters. A document needs none.
pub fn check_alts(is_image: bool, alts: [&str; 3]) -> Vec<(&'static str, &'static str)> {
    let mut problems = Vec::new();
    if is_image && alts[0].trim().is_empty() {
        problems.push(("alt_pl", "alt_required"));
    }
    for (field, text) in ["alt_pl", "alt_en", "alt_uk"].into_iter().zip(alts) {
        if text.trim().chars().count() > ALT_CHARS {
            problems.push((field, "alt_too_long"));
        }
    }
    problems
}

/// A file size as people read it: `820 KB`, `1,4 MB` (decimal comma in Polish and
/// Ukrainian).
pub fn format_size(locale: Locale, bytes: i64) -> String {
    let (value, unit) = if bytes < 1_000_000 {
        ((bytes.max(0) as f64 / 1000.0).ceil(), if locale == Locale::Uk { "КБ" } else { "KB" })
    } else {
        ((bytes as f64 / 100_000.0).round() / 10.0, if locale == Locale::Uk { "МБ" } else { "MB" })
    };
    let number = if value.fract() == 0.0 { format!("{value:.0}") } else { format!("{value:.1}") };
    let number = if locale == Locale::En { number } else { number.replace('.', ",") };
    format!("{number}\u{a0}{unit}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(alts: [&str; 3]) -> MediaItem {
        MediaItem {
            id: "a".into(),
            kind: "jpeg".into(),
            display_name: "x.jpg".into(),
            bytes: 1,
            width: 10,
            height: 10,
            alt_pl: alts[0].into(),
            alt_en: alts[1].into(),
            alt_uk: alts[2].into(),
            files: vec![],
        }
    }

    #[test]
    fn a_picture_needs_its_polish_alternative_and_short_ones() {
        assert_eq!(check_alts(true, ["", "A bench", ""]), vec![("alt_pl", "alt_required")]);
        assert_eq!(check_alts(true, ["  ", "", ""]), vec![("alt_pl", "alt_required")]);
        assert!(check_alts(true, ["Ławka w parku", "", ""]).is_empty());
        assert!(check_alts(false, ["", "", ""]).is_empty(), "a document needs none");
        let long = "a".repeat(ALT_CHARS + 1);
        assert_eq!(check_alts(true, ["Ławka", "", &long]), vec![("alt_uk", "alt_too_long")]);
    }

    #[test]
    fn the_alternative_falls_back_to_polish_and_says_so() {
        let both = item(["Ławka", "A bench", ""]);
        assert_eq!(both.alt(Locale::En), ("A bench", None));
        assert_eq!(both.alt(Locale::Uk), ("Ławka", Some("pl")));
        assert_eq!(both.alt(Locale::Pl), ("Ławka", None));
    }

    #[test]
    fn sizes_read_as_people_write_them() {
        assert_eq!(format_size(Locale::Pl, 1_400_000), "1,4\u{a0}MB");
        assert_eq!(format_size(Locale::En, 1_400_000), "1.4\u{a0}MB");
        assert_eq!(format_size(Locale::Uk, 2_000_000), "2\u{a0}МБ");
        assert_eq!(format_size(Locale::En, 819_200), "820\u{a0}KB");
        assert_eq!(format_size(Locale::En, 1), "1\u{a0}KB");
    }

    #[test]
    fn parents_round_trip_and_know_their_forms() {
        for parent in [Parent::Consultation(3), Parent::BudgetProject(4), Parent::Initiative(5)] {
            assert_eq!(Parent::of(parent.kind(), parent.id()), Some(parent));
            assert!(parent.media_action().is_some_and(|a| a.ends_with("/media")));
        }
        assert_eq!(Parent::of("remark", 6), Some(Parent::Remark(6)));
        assert_eq!(Parent::Remark(6).media_action(), None);
        assert_eq!(Parent::of("letter", 1), None);
    }
}
