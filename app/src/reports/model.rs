//! What the answering page shows (shared by the server and the page).

use crate::consultations::remarks::model::Remark;
use crate::domain::answer::{Decision, Progress};
use crate::domain::consultation_phase::Phase;
use serde::{Deserialize, Serialize};

/// A remark's current answer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnswerSummary {
    pub decision: Decision,
    pub justification: String,
    /// How many remarks this answer covers (1 when answered alone).
    pub group: i64,
}

/// The answering page of one consultation.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AnswersModel {
    pub id: i64,
    pub slug: String,
    pub title: String,
    pub phase: Phase,
    pub progress: Progress,
    /// The act's units, `(anchor, label)`, for the filter.
    pub units: Vec<(String, String)>,
    /// The remarks the filters let through, oldest first, with their answers.
    pub items: Vec<(Remark, Option<AnswerSummary>)>,
    /// The letters' scans of remarks received on paper, by remark id.
    pub scans: Vec<(i64, crate::media::MediaItem)>,
}

/// The answering page's filters, from its query string.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnswerFilter {
    /// A unit's anchor, `whole` for remarks on the whole consultation, empty for all.
    pub unit: String,
    /// A channel's code, empty for all.
    pub channel: String,
    /// A decision's code, `unanswered`, or empty for all.
    pub decision: String,
}

impl AnswerFilter {
    pub fn keeps(&self, remark: &Remark, answer: Option<&AnswerSummary>) -> bool {
        let unit = match self.unit.as_str() {
            "" => true,
            "whole" => remark.unit_anchor.is_none(),
            anchor => remark.unit_anchor.as_deref() == Some(anchor),
        };
        let channel = self.channel.is_empty() || remark.channel.code() == self.channel;
        let decision = match self.decision.as_str() {
            "" => true,
            "unanswered" => answer.is_none(),
            code => answer.is_some_and(|a| a.decision.code() == code),
        };
        unit && channel && decision
    }
}
