//! A published report as its page, its CSV and its JSON show it. What publishing
//! freezes ([`Frozen`]) is stored as JSON with the version; the remarks with their
//! answers are stored as rows ([`ReportRow`]), so the CSV can stream them.

use crate::consultations::model::Kind;
use crate::domain::act_diff::UnitDiff;
use crate::domain::answer::Decision;
use crate::domain::consultation_forms::EventKind;
use crate::domain::consultation_phase::Schedule;
use crate::domain::district::Area;
use crate::domain::remark::Channel;
use crate::domain::report_stats::Stats;
use serde::{Deserialize, Serialize};

/// The longest narrative, change note and adopted act accepted (characters), and the
/// largest attendance at one meeting.
pub const MAX_NARRATIVE_CHARS: usize = 50_000;
pub const MAX_CHANGE_NOTE_CHARS: usize = 1_000;
pub const MAX_ADOPTED_CHARS: usize = 200_000;
pub const MAX_ATTENDANCE: i64 = 100_000;

/// A meeting, workshop or duty hours as held, with the attendance staff entered.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventHeld {
    pub kind: EventKind,
    pub starts_at: i64,
    pub ends_at: i64,
    pub place: String,
    pub attendance: Option<i64>,
}

/// The generated sections as they stood when the version was published.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Frozen {
    pub title: String,
    pub kind: Kind,
    pub area: Area,
    pub organising_unit: String,
    pub schedule: Schedule,
    pub online_remarks: bool,
    pub written_remarks: bool,
    pub events: Vec<EventHeld>,
    pub stats: Stats,
    /// The draft act's text as consulted (draft acts only).
    pub act_md: Option<String>,
}

/// One remark of the report with the city's answer. A hidden remark keeps its place
/// and its answer; its text is replaced by the moderator's reason.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportRow {
    pub remark_id: i64,
    pub parent_id: Option<i64>,
    pub received_at: i64,
    pub channel: Channel,
    /// The author as shown publicly (a person's chosen name, an organisation).
    pub author: String,
    pub unit_anchor: Option<String>,
    /// The text as written (markdown), for open data; `None` when hidden.
    pub body_md: Option<String>,
    pub body_html: Option<String>,
    pub hidden_reason: Option<String>,
    /// `None` only when the report was published with an override.
    pub decision: Option<Decision>,
    pub justification: String,
}

/// One published version in the list of versions.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct VersionLine {
    pub version: i64,
    pub published_at: i64,
    pub change_note: String,
}

/// A unit of the draft act with its text (sanitised HTML) and the report rows on it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActUnitView {
    pub anchor: String,
    pub label: String,
    pub text_html: String,
    /// Indexes into [`ReportModel::rows`].
    pub rows: Vec<usize>,
}

/// The act as adopted, compared with the draft unit by unit.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AdoptedView {
    pub title: String,
    pub uploaded_at: i64,
    pub units: Vec<UnitDiff>,
}

/// A published report, one version of it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ReportModel {
    pub slug: String,
    pub version: i64,
    pub latest: i64,
    pub published_at: i64,
    pub change_note: String,
    pub override_reason: Option<String>,
    pub narrative_html: String,
    pub frozen: Frozen,
    pub rows: Vec<ReportRow>,
    pub act: Vec<ActUnitView>,
    pub adopted: Option<AdoptedView>,
    /// Every version, newest first.
    pub versions: Vec<VersionLine>,
}

impl ReportModel {
    /// The rows answered "accepted" or "partly accepted" on one unit of the act.
    pub fn accepted_on(&self, anchor: &str) -> Vec<&ReportRow> {
        self.rows
            .iter()
            .filter(|r| r.unit_anchor.as_deref() == Some(anchor))
            .filter(|r| matches!(r.decision, Some(Decision::Accepted | Decision::PartlyAccepted)))
            .collect()
    }
}

/// The report page of a consultation: a version, or why there is none.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum ReportPageData {
    Published(Box<ReportModel>),
    /// The consultation is public but has no report on the platform (yet, or it was
    /// published elsewhere before the platform existed).
    NotYet {
        slug: String,
        title: String,
        reported_elsewhere: bool,
    },
}

/// What the moderators' report page shows before publishing.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ReportDraftModel {
    pub id: i64,
    pub slug: String,
    pub title: String,
    pub kind: Kind,
    pub phase: crate::domain::consultation_phase::Phase,
    pub progress: crate::domain::answer::Progress,
    pub narrative: String,
    /// `(event id, kind, starts_at, place, attendance)`.
    pub events: Vec<(i64, EventKind, i64, String, Option<i64>)>,
    pub latest: Option<VersionLine>,
    pub adopted: Option<(String, String, i64)>,
}
