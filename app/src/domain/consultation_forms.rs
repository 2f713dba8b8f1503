//! The forms a consultation runs in, and the statutory rule on them: Resolution
//! CXI/2904/18 asks for at least three forms, one of them open meetings or workshops.
//! Online remarks and written remarks (paper, email, ePUAP) count as one form each;
//! every kind of event held (meeting, workshop, expert duty hours) counts as one more.

use serde::{Deserialize, Serialize};

/// At least this many forms of consultation.
pub const MIN_FORMS: usize = 3;

/// The kinds of event a consultation holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EventKind {
    /// An open meeting ("spotkanie otwarte").
    Meeting,
    Workshop,
    /// Expert duty hours ("dyżur ekspertów").
    DutyHours,
}

impl EventKind {
    pub const ALL: [EventKind; 3] = [EventKind::Meeting, EventKind::Workshop, EventKind::DutyHours];

    pub fn code(self) -> &'static str {
        match self {
            EventKind::Meeting => "meeting",
            EventKind::Workshop => "workshop",
            EventKind::DutyHours => "duty_hours",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.code() == code)
    }

    /// Open meetings and workshops are the form the resolution requires.
    pub fn is_open_meeting(self) -> bool {
        matches!(self, EventKind::Meeting | EventKind::Workshop)
    }
}

/// Which forms a consultation offers.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Forms {
    /// Remarks written on this platform.
    pub online_remarks: bool,
    /// Remarks on paper, by email or through ePUAP, entered by staff.
    pub written_remarks: bool,
    /// The kinds of the consultation's events (repeats allowed).
    pub events: Vec<EventKind>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum FormsProblem {
    /// Fewer than three forms.
    TooFewForms,
    /// No open meeting or workshop.
    NoOpenMeeting,
}

impl FormsProblem {
    pub fn code(self) -> &'static str {
        match self {
            FormsProblem::TooFewForms => "too_few_forms",
            FormsProblem::NoOpenMeeting => "no_open_meeting",
        }
    }
}

impl Forms {
    /// How many distinct forms these are.
    pub fn count(&self) -> usize {
        let events = EventKind::ALL.into_iter().filter(|k| self.events.contains(k)).count();
        usize::from(self.online_remarks) + usize::from(self.written_remarks) + events
    }

    /// What the resolution would object to; empty when the forms meet it.
    pub fn problems(&self) -> Vec<FormsProblem> {
        let mut problems = Vec::new();
        if self.count() < MIN_FORMS {
            problems.push(FormsProblem::TooFewForms);
        }
        if !self.events.iter().any(|k| k.is_open_meeting()) {
            problems.push(FormsProblem::NoOpenMeeting);
        }
        problems
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn online_and_written_remarks_and_a_meeting_are_enough() {
        let forms = Forms { online_remarks: true, written_remarks: true, events: vec![EventKind::Meeting] };
        assert_eq!(forms.count(), 3);
        assert!(forms.problems().is_empty());
    }

    #[test]
    fn two_meetings_are_one_form() {
        let forms = Forms { online_remarks: true, written_remarks: false, events: vec![EventKind::Meeting; 2] };
        assert_eq!(forms.count(), 2);
        assert_eq!(forms.problems(), [FormsProblem::TooFewForms]);
    }

    #[test]
    fn duty_hours_are_a_form_but_not_an_open_meeting() {
        let forms = Forms { online_remarks: true, written_remarks: true, events: vec![EventKind::DutyHours] };
        assert_eq!(forms.count(), 3);
        assert_eq!(forms.problems(), [FormsProblem::NoOpenMeeting]);
        let none = Forms::default();
        assert_eq!(none.problems(), [FormsProblem::TooFewForms, FormsProblem::NoOpenMeeting]);
    }

    #[test]
    fn event_kinds_round_trip() {
        for k in EventKind::ALL {
            assert_eq!(EventKind::parse(k.code()), Some(k));
        }
        assert_eq!(EventKind::parse("picnic"), None);
    }
}
