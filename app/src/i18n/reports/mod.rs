//! The texts of final reports: answering remarks (DK-04). As elsewhere, a language that
//! misses a string does not compile.

mod en;
mod pl;
mod uk;

use super::Locale;

pub struct ReportTexts {
    pub answers_title: &'static str,
    pub answers_lead: &'static str,
    pub answered: &'static str,
    pub of: &'static str,
    pub not_closed: &'static str,
    pub filters: &'static str,
    pub filter_unit: &'static str,
    pub filter_all: &'static str,
    pub filter_whole: &'static str,
    pub filter_channel: &'static str,
    pub filter_decision: &'static str,
    pub unanswered: &'static str,
    pub filter_apply: &'static str,
    pub no_remarks: &'static str,
    pub choose_remark: &'static str,
    pub current_answer: &'static str,
    pub shared_by: &'static str,
    pub answer_legend: &'static str,
    pub answer_hint: &'static str,
    pub decision: &'static str,
    pub decision_accepted: &'static str,
    pub decision_partly_accepted: &'static str,
    pub decision_not_accepted: &'static str,
    pub decision_out_of_scope: &'static str,
    pub justification: &'static str,
    pub justification_hint: &'static str,
    pub save_answer: &'static str,
    pub problem_decision_required: &'static str,
    pub problem_justification_required: &'static str,
    pub problem_justification_too_short: &'static str,
    pub problem_justification_too_long: &'static str,
    pub problem_nothing_chosen: &'static str,
    pub problem_other_consultation: &'static str,
    pub problem_not_answerable: &'static str,
    pub problem_not_closed: &'static str,
    pub done_answer_saved: &'static str,
}

impl Locale {
    pub fn reports(self) -> &'static ReportTexts {
        match self {
            Locale::Pl => &pl::TEXTS,
            Locale::En => &en::TEXTS,
            Locale::Uk => &uk::TEXTS,
        }
    }

    /// The sentence for a problem code of the answering page, if it is one of its own.
    pub(super) fn report_problem(self, code: &str) -> Option<&'static str> {
        let t = self.reports();
        Some(match code {
            "decision_required" => t.problem_decision_required,
            "justification_required" => t.problem_justification_required,
            "justification_too_short" => t.problem_justification_too_short,
            "justification_too_long" => t.problem_justification_too_long,
            "answer_nothing_chosen" => t.problem_nothing_chosen,
            "answer_other_consultation" => t.problem_other_consultation,
            "answer_not_answerable" => t.problem_not_answerable,
            "answer_not_closed" => t.problem_not_closed,
            _ => return None,
        })
    }

    /// The notice for a `?done=` code of the answering page, if it is one of its own.
    pub(super) fn report_done(self, code: &str) -> Option<&'static str> {
        Some(match code {
            "answer_saved" => self.reports().done_answer_saved,
            _ => return None,
        })
    }
}
