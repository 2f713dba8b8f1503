//! The city's answer to a remark, as Resolution CXI/2904/18 asks for it in the final
//! report: a decision and, unless the remark is accepted, a justification. Also how far
//! the answering has come and when a report may be published. Pure, shared by the
//! browser and the server.

use serde::{Deserialize, Serialize};

/// The longest justification, in characters.
pub const MAX_JUSTIFICATION_CHARS: usize = 5_000;
/// The shortest justification that says anything ("Nie" is not a reason).
pub const MIN_JUSTIFICATION_CHARS: usize = 10;

/// What the city decided about a remark.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Decision {
    Accepted,
    PartlyAccepted,
    NotAccepted,
    /// The remark is about something the consultation did not cover.
    OutOfScope,
}

impl Decision {
    pub const ALL: [Decision; 4] =
        [Decision::Accepted, Decision::PartlyAccepted, Decision::NotAccepted, Decision::OutOfScope];

    /// The code in forms, the database and open data.
    pub fn code(self) -> &'static str {
        match self {
            Decision::Accepted => "accepted",
            Decision::PartlyAccepted => "partly_accepted",
            Decision::NotAccepted => "not_accepted",
            Decision::OutOfScope => "out_of_scope",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|d| d.code() == code)
    }

    /// Whether the decision must say why. Accepting needs no reason; anything less does.
    pub fn needs_justification(self) -> bool {
        self != Decision::Accepted
    }

    /// Whether the remark changed the text (the final act's diff links these).
    pub fn changed_the_text(self) -> bool {
        matches!(self, Decision::Accepted | Decision::PartlyAccepted)
    }
}

/// An answer that passed the rules: a decision and its justification (trimmed; it may
/// be empty only for an accepted remark).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Answer {
    pub decision: Decision,
    pub justification: String,
}

/// A problem with an answer, by field, as a code for the localised message.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct AnswerProblem {
    pub field: &'static str,
    pub code: &'static str,
}

impl Answer {
    /// Checks the form's two fields; every problem at once, so the form can show them all.
    pub fn parse(decision: &str, justification: &str) -> Result<Self, Vec<AnswerProblem>> {
        let mut problems = Vec::new();
        let decision = Decision::parse(decision.trim());
        if decision.is_none() {
            problems.push(AnswerProblem { field: "decision", code: "decision_required" });
        }
        let text = justification.trim().replace("\r\n", "\n");
        let length = text.chars().count();
        if length > MAX_JUSTIFICATION_CHARS {
            problems.push(AnswerProblem { field: "justification", code: "justification_too_long" });
        } else if decision.is_some_and(Decision::needs_justification) {
            if length == 0 {
                problems.push(AnswerProblem { field: "justification", code: "justification_required" });
            } else if length < MIN_JUSTIFICATION_CHARS {
                problems.push(AnswerProblem { field: "justification", code: "justification_too_short" });
            }
        }
        match decision {
            Some(decision) if problems.is_empty() => Ok(Answer { decision, justification: text }),
            _ => Err(problems),
        }
    }
}

/// How far the answering has come: "N of M answered".
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Progress {
    pub answered: u64,
    pub total: u64,
}

impl Progress {
    pub fn remaining(self) -> u64 {
        self.total.saturating_sub(self.answered)
    }

    pub fn complete(self) -> bool {
        self.answered >= self.total
    }

    /// Whole per cent answered, rounded down (99 % until the last one is answered).
    pub fn percent(self) -> u64 {
        match self.total {
            0 => 100,
            total => self.answered.min(total) * 100 / total,
        }
    }
}

/// Whether a report may be published now: every remark answered, or an override reason
/// (audited by the caller) for the ones left. `Err` is the problem code.
pub fn may_publish(progress: Progress, override_reason: &str) -> Result<(), &'static str> {
    if progress.complete() {
        return Ok(());
    }
    match override_reason.trim().chars().count() {
        0 => Err("unanswered_remarks"),
        n if n < MIN_JUSTIFICATION_CHARS => Err("override_too_short"),
        n if n > super::remark::MAX_REASON_CHARS => Err("reason_too_long"),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip_and_unknown_codes_are_refused() {
        for d in Decision::ALL {
            assert_eq!(Decision::parse(d.code()), Some(d));
        }
        assert_eq!(Decision::parse("rejected"), None);
        assert_eq!(Decision::parse(""), None);
    }

    #[test]
    fn only_an_accepted_remark_may_go_without_a_justification() {
        assert_eq!(
            Answer::parse("accepted", "  "),
            Ok(Answer { decision: Decision::Accepted, justification: String::new() })
        );
        for code in ["partly_accepted", "not_accepted", "out_of_scope"] {
            let problems = Answer::parse(code, " ").unwrap_err();
            assert_eq!(problems, vec![AnswerProblem { field: "justification", code: "justification_required" }]);
            let short = Answer::parse(code, "Nie.").unwrap_err();
            assert_eq!(short[0].code, "justification_too_short");
            let ok = Answer::parse(code, "Przepis wykracza poza zakres uchwały.\r\nDrugi wiersz.").unwrap();
            assert_eq!(ok.justification, "Przepis wykracza poza zakres uchwały.\nDrugi wiersz.");
        }
    }

    #[test]
    fn every_problem_is_reported_at_once_and_length_counts_characters() {
        let problems = Answer::parse("", &"ż".repeat(MAX_JUSTIFICATION_CHARS + 1)).unwrap_err();
        assert_eq!(
            problems,
            vec![
                AnswerProblem { field: "decision", code: "decision_required" },
                AnswerProblem { field: "justification", code: "justification_too_long" },
            ]
        );
        assert!(Answer::parse("not_accepted", &"ż".repeat(MAX_JUSTIFICATION_CHARS)).is_ok());
        // An accepted remark with a (too long) note is refused too: nothing is cut.
        assert!(Answer::parse("accepted", &"a".repeat(MAX_JUSTIFICATION_CHARS + 1)).is_err());
    }

    #[test]
    fn progress_counts_down_to_publishing() {
        let p = Progress { answered: 199, total: 200 };
        assert_eq!((p.remaining(), p.percent(), p.complete()), (1, 99, false));
        assert_eq!(may_publish(p, ""), Err("unanswered_remarks"));
        assert_eq!(may_publish(p, "za krótko"), Err("override_too_short"));
        assert_eq!(may_publish(p, "Uwaga wpłynęła po terminie, odpowiedź w osobnym piśmie."), Ok(()));
        let done = Progress { answered: 200, total: 200 };
        assert_eq!((done.remaining(), done.percent(), done.complete()), (0, 100, true));
        assert_eq!(may_publish(done, ""), Ok(()));
        assert_eq!(Progress::default().percent(), 100, "a consultation without remarks is answered");
    }

    #[test]
    fn only_accepting_decisions_link_to_changes_in_the_text() {
        let changed: Vec<_> = Decision::ALL.into_iter().filter(|d| d.changed_the_text()).collect();
        assert_eq!(changed, vec![Decision::Accepted, Decision::PartlyAccepted]);
    }
}
