//! The rules of a remark ("uwaga"): its text, the 15 minutes in which its author may
//! still edit it, how lists of remarks are ordered and paged, which channels remarks
//! arrive by, and why one can be flagged. Pure, shared by the browser and the server.

use serde::{Deserialize, Serialize};

/// The longest remark, in characters (not bytes: Polish and Ukrainian letters count one).
pub const MAX_CHARS: usize = 5_000;
/// How long the author may edit a remark after writing it.
pub const EDIT_WINDOW_SECONDS: i64 = 15 * 60;
/// Remarks per page of a thread.
pub const PAGE_SIZE: u32 = 20;
/// The longest moderator's reason or flag note.
pub const MAX_REASON_CHARS: usize = 500;
/// The longest name "as given" on a remark from another channel.
pub const MAX_AUTHOR_CHARS: usize = 200;

/// A remark's text: trimmed, not empty, at most [`MAX_CHARS`] characters.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RemarkText(String);

impl RemarkText {
    /// The text, or the problem code shown next to the field.
    pub fn parse(text: &str) -> Result<Self, &'static str> {
        let trimmed = text.trim();
        if trimmed.is_empty() {
            return Err("remark_empty");
        }
        if trimmed.chars().count() > MAX_CHARS {
            return Err("remark_too_long");
        }
        Ok(Self(trimmed.replace("\r\n", "\n")))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A short required text (a moderator's reason, a flag's note): the text or a code.
pub fn reason(text: &str, max: usize) -> Result<String, &'static str> {
    let trimmed = text.trim();
    if trimmed.is_empty() {
        Err("reason_required")
    } else if trimmed.chars().count() > max {
        Err("reason_too_long")
    } else {
        Ok(trimmed.to_owned())
    }
}

/// Whether the author may still edit a remark written at `created_at`.
pub fn editable(created_at: i64, now: i64) -> bool {
    now >= created_at && now - created_at < EDIT_WINDOW_SECONDS
}

/// How a remark reached the city. Online ones are written here by their author; the
/// others are entered by staff, so that the final report covers every channel.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    Online,
    Email,
    Post,
    Epuap,
    Meeting,
    Phone,
}

impl Channel {
    pub const ALL: [Channel; 6] =
        [Channel::Online, Channel::Email, Channel::Post, Channel::Epuap, Channel::Meeting, Channel::Phone];
    /// The channels staff enter remarks from.
    pub const OFFLINE: [Channel; 5] = [Channel::Email, Channel::Post, Channel::Epuap, Channel::Meeting, Channel::Phone];

    pub fn code(self) -> &'static str {
        match self {
            Channel::Online => "online",
            Channel::Email => "email",
            Channel::Post => "post",
            Channel::Epuap => "epuap",
            Channel::Meeting => "meeting",
            Channel::Phone => "phone",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.code() == code)
    }
}

/// Where a remark stands. Nothing is deleted: a withdrawn or hidden remark keeps its
/// place in the thread as a placeholder.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RemarkState {
    Visible,
    /// Waiting for a moderator (consultations with pre-moderation).
    Pending,
    Hidden,
    Withdrawn,
}

impl RemarkState {
    pub fn code(self) -> &'static str {
        match self {
            RemarkState::Visible => "visible",
            RemarkState::Pending => "pending",
            RemarkState::Hidden => "hidden",
            RemarkState::Withdrawn => "withdrawn",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        [RemarkState::Visible, RemarkState::Pending, RemarkState::Hidden, RemarkState::Withdrawn]
            .into_iter()
            .find(|s| s.code() == code)
    }
}

/// Why someone flags a remark for the moderators.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FlagReason {
    Spam,
    Offensive,
    OffTopic,
    PersonalData,
    Other,
}

impl FlagReason {
    pub const ALL: [FlagReason; 5] =
        [FlagReason::Spam, FlagReason::Offensive, FlagReason::OffTopic, FlagReason::PersonalData, FlagReason::Other];

    pub fn code(self) -> &'static str {
        match self {
            FlagReason::Spam => "spam",
            FlagReason::Offensive => "offensive",
            FlagReason::OffTopic => "off_topic",
            FlagReason::PersonalData => "personal_data",
            FlagReason::Other => "other",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.code() == code)
    }
}

/// The orders of a thread. Each ends with the id, so a cursor names one exact place.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Sort {
    #[default]
    Newest,
    Oldest,
    MostSupported,
}

impl Sort {
    pub const ALL: [Sort; 3] = [Sort::Newest, Sort::Oldest, Sort::MostSupported];

    pub fn code(self) -> &'static str {
        match self {
            Sort::Newest => "newest",
            Sort::Oldest => "oldest",
            Sort::MostSupported => "supported",
        }
    }

    /// Unknown values fall back to the default order: a list is never an error page.
    pub fn parse(code: Option<&str>) -> Self {
        Self::ALL.into_iter().find(|s| Some(s.code()) == code).unwrap_or_default()
    }
}

/// Where the next page of a thread starts: after the remark with this sort key and id.
/// Written in links as `key.id`, e.g. `1790000000.42`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cursor {
    pub key: i64,
    pub id: i64,
}

impl Cursor {
    pub fn parse(text: &str) -> Option<Self> {
        let (key, id) = text.split_once('.')?;
        Some(Self { key: key.parse().ok()?, id: id.parse().ok()? })
    }

    pub fn to_param(self) -> String {
        format!("{}.{}", self.key, self.id)
    }
}

/// What a person may do on a consultation at a given phase: remarks are accepted only
/// while it is open.
pub fn accepts_remarks(phase: crate::domain::consultation_phase::Phase) -> bool {
    phase == crate::domain::consultation_phase::Phase::Open
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::consultation_phase::Phase;

    #[test]
    fn a_remark_is_trimmed_and_bounded_in_characters() {
        assert_eq!(RemarkText::parse("  Dobry pomysł \r\n"), Ok(RemarkText("Dobry pomysł".into())));
        assert_eq!(RemarkText::parse(" \n\t "), Err("remark_empty"));
        let polish = "ż".repeat(MAX_CHARS);
        assert!(RemarkText::parse(&polish).is_ok(), "5,000 two-byte letters are 5,000 characters");
        assert_eq!(RemarkText::parse(&format!("{polish}ż")), Err("remark_too_long"));
    }

    #[test]
    fn the_author_may_edit_for_fifteen_minutes_only() {
        assert!(editable(1000, 1000));
        assert!(editable(1000, 1000 + 15 * 60 - 1));
        assert!(!editable(1000, 1000 + 15 * 60));
        assert!(!editable(1000, 999), "a clock gone backwards grants nothing");
    }

    #[test]
    fn reasons_are_required_and_bounded() {
        assert_eq!(reason("  spam  ", 10), Ok("spam".into()));
        assert_eq!(reason("", 10), Err("reason_required"));
        assert_eq!(reason("x".repeat(11).as_str(), 10), Err("reason_too_long"));
    }

    #[test]
    fn codes_round_trip() {
        for c in Channel::ALL {
            assert_eq!(Channel::parse(c.code()), Some(c));
        }
        for r in FlagReason::ALL {
            assert_eq!(FlagReason::parse(r.code()), Some(r));
        }
        for s in Sort::ALL {
            assert_eq!(Sort::parse(Some(s.code())), s);
        }
        assert_eq!(Sort::parse(Some("<script>")), Sort::Newest);
        assert_eq!(RemarkState::parse("hidden"), Some(RemarkState::Hidden));
        assert_eq!(Channel::parse("fax"), None);
    }

    #[test]
    fn cursors_survive_a_link_and_refuse_garbage() {
        let c = Cursor { key: 1_790_000_000, id: 42 };
        assert_eq!(Cursor::parse(&c.to_param()), Some(c));
        assert_eq!(Cursor::parse("12"), None);
        assert_eq!(Cursor::parse("a.b"), None);
    }

    #[test]
    fn only_an_open_consultation_accepts_remarks() {
        assert!(accepts_remarks(Phase::Open));
        for phase in [Phase::Scheduled, Phase::Announced, Phase::Closed, Phase::ReportPublished] {
            assert!(!accepts_remarks(phase), "{phase:?}");
        }
    }
}
