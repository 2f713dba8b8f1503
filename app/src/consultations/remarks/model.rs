//! Remarks as pages show them: who wrote them (a person, an organisation, or a name
//! given on paper), their text already rendered and sanitised, and the thread they sit in.

use crate::accounts::model::OrganisationKind;
use crate::domain::remark::{Channel, Cursor, RemarkState, Sort};
use serde::{Deserialize, Serialize};

/// Who a remark is from, as the public sees it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Author {
    /// A resident, by the name they chose; `None` once they deleted their account.
    Person { name: Option<String> },
    /// Signed on behalf of an organisation by one of its members.
    Organisation { name: String, kind: OrganisationKind, signed_by: Option<String> },
    /// A remark from another channel, with the author's name or organisation as given.
    AsGiven { name: String },
}

impl Author {
    /// The name shown and exported (`None` for a deleted account).
    pub fn display(&self) -> Option<&str> {
        match self {
            Author::Person { name } => name.as_deref(),
            Author::Organisation { name, .. } | Author::AsGiven { name } => Some(name),
        }
    }
}

/// One remark, ready to show. Hidden and withdrawn remarks keep their place but carry
/// no text (`body_html` is `None`) unless the viewer is staff.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Remark {
    pub id: i64,
    pub unit_anchor: Option<String>,
    pub parent_id: Option<i64>,
    pub author: Author,
    pub channel: Channel,
    pub received_at: i64,
    pub created_at: i64,
    pub edited_at: Option<i64>,
    pub state: RemarkState,
    pub body_html: Option<String>,
    /// The text as written, for its author's edit form only.
    pub body_source: Option<String>,
    /// The moderator's reason, shown in place of a hidden remark.
    pub moderation_reason: Option<String>,
    pub support_count: i64,
    pub reply_count: i64,
    pub supported_by_me: bool,
    /// The viewer wrote it (may withdraw it, and edit it while `editable`).
    pub mine: bool,
    pub editable: bool,
    pub replies: Vec<Remark>,
}

/// A page of a consultation's remarks.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Thread {
    pub remarks: Vec<Remark>,
    /// Where the next page starts, when there is one.
    pub next: Option<Cursor>,
    /// Top-level remarks in this view (all, or one unit's), placeholders included.
    pub total: i64,
    pub sort: Sort,
    /// The unit the view is narrowed to.
    pub unit: Option<String>,
    /// Top-level remarks per unit of the act: `(anchor, count)`.
    pub unit_counts: Vec<(String, i64)>,
    /// Remarks on the whole consultation, all units included.
    pub all_count: i64,
}

impl Thread {
    pub fn count_for(&self, anchor: &str) -> i64 {
        self.unit_counts.iter().find(|(a, _)| a == anchor).map_or(0, |(_, n)| *n)
    }
}

/// What the viewer may do on a consultation's page.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Participation {
    pub signed_in: bool,
    /// The consultation is open and the viewer may write (not blocked).
    pub may_write: bool,
    /// Until when the viewer is blocked from writing, if they are.
    pub blocked_until: Option<i64>,
    /// Organisations the viewer may sign for: `(id, name, kind)`.
    pub organisations: Vec<(i64, String, OrganisationKind)>,
    /// The viewer follows this consultation.
    pub following: bool,
    /// Remarks wait for a moderator before they appear.
    pub premoderation: bool,
    pub staff: bool,
}

/// A remark in the moderators' queue.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct QueueItem {
    pub remark: Remark,
    pub consultation_slug: String,
    pub consultation_title: String,
    pub author_id: Option<i64>,
    /// Open flags: `(reason code, note)`.
    pub flags: Vec<(String, Option<String>)>,
}
