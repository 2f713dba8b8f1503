//! The texts of the civic budget: editions, the project form, the catalogue, a
//! project's page and the back office. As elsewhere, a language that misses a string
//! does not compile. Lists follow the order of the domain's `ALL` constants.

mod en;
mod pl;
mod uk;

use super::Locale;
use crate::domain::budget::{Phase, ProjectMove, ProjectStatus};
use crate::domain::budget_project::{
    ADDRESS_CHARS, BENEFICIARIES_CHARS, DESCRIPTION_CHARS, MAX_COST_LINES, NOTES_CHARS, SUMMARY_CHARS, TITLE_CHARS,
};

/// Problem codes of the project form's own rules (`domain::budget_project::check`), in
/// the order of the first `BudgetTexts::problems`; the browser's live check knows these.
pub const FORM_CODES: [&str; 14] = [
    "required",
    "too_short",
    "too_long",
    "too_many",
    "district_required",
    "area_required",
    "topic_required",
    "point_invalid",
    "amount_invalid",
    "amount_zero",
    "over_pool",
    "breakdown_required",
    "breakdown_item",
    "breakdown_sum",
];

/// Problem codes of the budget's routes, in the order of the rest of
/// `BudgetTexts::problems`.
pub const ROUTE_CODES: [&str; 22] = [
    "applicant_invalid",
    "submission_closed",
    "already_submitted",
    "project_locked",
    "date_order",
    "rule_locked",
    "pool_invalid",
    "number_invalid",
    "year_invalid",
    "reason_too_short",
    "unit_required",
    "unit_name_required",
    "verifier_unknown",
    "hearing_invalid",
    "merger_invalid",
    "step_not_allowed",
    "list_closed",
    "final_list_only",
    "protest_late",
    "protest_required",
    "confirm_required",
    "withdrawal_closed",
];

/// `?done=` codes of the budget's routes, in the order of `BudgetTexts::done`.
pub const DONE_CODES: [&str; 13] = [
    "bo_draft_saved",
    "bo_submitted",
    "bo_edition_saved",
    "bo_unit_added",
    "bo_verifier_added",
    "bo_moved",
    "bo_signatures",
    "bo_hearing",
    "bo_protested",
    "bo_withdrawn",
    "bo_merger_answered",
    "bo_list_closed",
    "bo_unit_changed",
];

pub struct BudgetTexts {
    pub accept: &'static str,
    pub accessibility: &'static str,
    pub accessibility_hint: &'static str,
    pub add_unit: &'static str,
    pub add_verifier: &'static str,
    pub address: &'static str,
    pub address_hint: &'static str,
    pub all_pools: &'static str,
    pub all_statuses: &'static str,
    pub all_topics: &'static str,
    pub amount: &'static str,
    pub applicant: &'static str,
    pub area: &'static str,
    pub area_city: &'static str,
    pub area_district: &'static str,
    pub as_council: &'static str,
    pub as_ngo: &'static str,
    pub as_resident: &'static str,
    pub assign: &'static str,
    pub assessment: &'static str,
    pub assessment_hint: &'static str,
    pub attachments: &'static str,
    pub attachments_hint: &'static str,
    pub beneficiaries: &'static str,
    pub beneficiaries_hint: &'static str,
    pub by_applicant: &'static str,
    pub by_staff: &'static str,
    pub calendar: &'static str,
    pub calendar_hint: &'static str,
    pub catalogue_empty: &'static str,
    pub catalogue_title: &'static str,
    pub choose: &'static str,
    pub city_wide: &'static str,
    pub close_list: &'static str,
    pub close_list_hint: &'static str,
    pub col_address: &'static str,
    pub col_name: &'static str,
    pub col_no: &'static str,
    pub col_signature: &'static str,
    pub cost: &'static str,
    pub cost_breakdown: &'static str,
    pub cost_breakdown_hint: &'static str,
    pub cost_hint: &'static str,
    pub cost_item: &'static str,
    pub cost_max: &'static str,
    pub cost_min: &'static str,
    pub date: &'static str,
    pub description: &'static str,
    pub description_hint: &'static str,
    pub dismiss: &'static str,
    pub district: &'static str,
    pub district_hint: &'static str,
    pub deactivate: &'static str,
    pub demo_verifier: &'static str,
    pub draft_notice: &'static str,
    pub draft_title: &'static str,
    pub edit_edition: &'static str,
    pub edition: &'static str,
    pub editions: &'static str,
    pub filter: &'static str,
    pub filter_label: &'static str,
    pub form_problems: &'static str,
    pub from_date: &'static str,
    pub hearing: &'static str,
    pub hearing_hint: &'static str,
    pub home_lead: &'static str,
    pub home_title: &'static str,
    pub map_point: &'static str,
    pub map_point_hint: &'static str,
    pub merger_agree: &'static str,
    pub merger_note: &'static str,
    pub merger_number: &'static str,
    pub merger_number_hint: &'static str,
    pub merger_question: &'static str,
    pub merger_refuse: &'static str,
    pub merger_waiting: &'static str,
    pub merger_with: &'static str,
    pub mine_empty: &'static str,
    pub mine_title: &'static str,
    pub new_lead: &'static str,
    pub new_title: &'static str,
    pub next_steps: &'static str,
    pub no_editions: &'static str,
    pub no_moves: &'static str,
    pub no_verifiers: &'static str,
    pub not_editable: &'static str,
    pub number: &'static str,
    pub open_data: &'static str,
    pub optional_hint: &'static str,
    pub phase_now: &'static str,
    pub pool: &'static str,
    pub pools: &'static str,
    pub pools_caption: &'static str,
    pub pools_hint: &'static str,
    pub print_support_list: &'static str,
    pub propose_merger: &'static str,
    pub protest: &'static str,
    pub protest_hint: &'static str,
    pub protest_label: &'static str,
    pub protest_submit: &'static str,
    pub protest_until: &'static str,
    pub public_page: &'static str,
    pub reason: &'static str,
    pub reason_hint: &'static str,
    pub record_signatures: &'static str,
    pub reject: &'static str,
    pub reactivate: &'static str,
    pub rejection_reason: &'static str,
    pub rule_min_age: &'static str,
    pub rule_min_age_none: &'static str,
    pub rule_protest_days: &'static str,
    pub rule_remedy_days: &'static str,
    pub rule_signatures: &'static str,
    pub rule_withdrawal: &'static str,
    pub rule_withdrawal_none: &'static str,
    pub rules: &'static str,
    pub rules_locked: &'static str,
    pub save_draft: &'static str,
    pub save_edition: &'static str,
    pub schedule_hearing: &'static str,
    pub search: &'static str,
    pub signatures: &'static str,
    pub staff_projects: &'static str,
    pub staff_title: &'static str,
    pub status: &'static str,
    pub submission_closed: &'static str,
    pub submit: &'static str,
    pub submitted_at: &'static str,
    pub submitted_by: &'static str,
    pub summary: &'static str,
    pub summary_hint: &'static str,
    pub summon: &'static str,
    pub summon_hint: &'static str,
    pub support_city: &'static str,
    pub support_deadline: &'static str,
    pub support_district: &'static str,
    pub support_list: &'static str,
    pub support_needed: &'static str,
    pub support_privacy: &'static str,
    pub support_required: &'static str,
    pub support_statement: &'static str,
    pub support_summons: &'static str,
    pub timeline: &'static str,
    pub title: &'static str,
    pub title_hint: &'static str,
    pub topic: &'static str,
    pub total_pool: &'static str,
    pub unit: &'static str,
    pub unit_inactive: &'static str,
    pub unit_name: &'static str,
    pub units: &'static str,
    pub units_hint: &'static str,
    pub untitled: &'static str,
    pub updated: &'static str,
    pub uphold: &'static str,
    pub uphold_hint: &'static str,
    pub verification_title: &'static str,
    pub verified_cost: &'static str,
    pub verified_cost_hint: &'static str,
    pub verifier_email: &'static str,
    pub verifier_email_hint: &'static str,
    pub verifier_only: &'static str,
    pub verifiers: &'static str,
    pub view_project: &'static str,
    pub withdraw: &'static str,
    pub withdraw_confirm: &'static str,
    pub year: &'static str,
    pub your_project: &'static str,
    /// Plural forms (one, few, many).
    pub found_count: [&'static str; 3],
    /// Plural forms (one, few, many).
    pub projects_count: [&'static str; 3],
    /// Plural forms (one, few, many).
    pub on_ballot_count: [&'static str; 3],
    /// In the order of `ProjectStatus::ALL`.
    pub statuses: [&'static str; 12],
    /// In the order of `Phase` (preparation … results).
    pub phases: [&'static str; 7],
    /// In the order of `ProjectMove::ALL`, then signatures recorded, hearing scheduled,
    /// one applicant's agreement to a merger, the merger done (for the project that goes
    /// on).
    pub events: [&'static str; 18],
    /// Messages of problems, in the order of [`FORM_CODES`] then [`ROUTE_CODES`]; `{n}`
    /// is a limit.
    pub problems: [&'static str; FORM_CODES.len() + ROUTE_CODES.len()],
    /// Notices after a successful post, in the order of [`DONE_CODES`].
    pub done: [&'static str; DONE_CODES.len()],
}

/// A problem's message template with the limit it names filled in (the browser's live
/// check uses it with the messages its page was given, holding no text table): the
/// field's fewest or most characters, or the most cost lines.
pub fn fill(template: &str, field: &str, code: &str) -> String {
    let limits = match field {
        "title" => TITLE_CHARS,
        "summary" => SUMMARY_CHARS,
        "description" => DESCRIPTION_CHARS,
        "address" => ADDRESS_CHARS,
        "beneficiaries" => BENEFICIARIES_CHARS,
        "accessibility" | "attachments" => (0, NOTES_CHARS),
        "protest" | "note" => (10, 5_000),
        _ => (0, 0),
    };
    super::fill_rule(template, limits, MAX_COST_LINES, code)
}

impl Locale {
    pub fn budget(self) -> &'static BudgetTexts {
        match self {
            Locale::Pl => &pl::TEXTS,
            Locale::En => &en::TEXTS,
            Locale::Uk => &uk::TEXTS,
        }
    }

    pub fn budget_status(self, status: ProjectStatus) -> &'static str {
        self.budget().statuses[ProjectStatus::ALL.iter().position(|s| *s == status).unwrap_or(0)]
    }

    pub fn budget_phase(self, phase: Phase) -> &'static str {
        self.budget().phases[phase as usize]
    }

    /// The name of a timeline entry: a move's code, `signatures` or `hearing`.
    pub fn budget_event(self, kind: &str) -> &'static str {
        let t = self.budget();
        match ProjectMove::parse(kind) {
            Some(m) => t.events[ProjectMove::ALL.iter().position(|x| *x == m).unwrap_or(0)],
            None if kind == "hearing" => t.events[15],
            None if kind == "merger_agreed" => t.events[16],
            None if kind == "merger_done" => t.events[17],
            None => t.events[14],
        }
    }

    /// The message for a problem with `field` (its limit filled in), or, for a code
    /// of another part of the platform, that part's message.
    pub fn budget_problem(self, field: &str, code: &str) -> String {
        match self.budget_code(code) {
            Some(template) => fill(template, field, code),
            None => self.problem(code).to_owned(),
        }
    }

    /// The budget's message for a problem code, if it is one of the budget's.
    pub fn budget_code(self, code: &str) -> Option<&'static str> {
        FORM_CODES.iter().chain(ROUTE_CODES.iter()).position(|c| *c == code).map(|i| self.budget().problems[i])
    }

    pub fn budget_done(self, code: &str) -> Option<&'static str> {
        DONE_CODES.iter().position(|c| *c == code).map(|i| self.budget().done[i])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_language_names_every_status_phase_and_problem() {
        for locale in [Locale::Pl, Locale::En, Locale::Uk] {
            let t = locale.budget();
            assert!(t.statuses.iter().chain(t.phases.iter()).chain(t.events.iter()).all(|s| !s.is_empty()));
            assert!(locale.budget_problem("title", "too_short").contains(&TITLE_CHARS.0.to_string()));
            assert!(locale.budget_problem("cost_lines", "too_many").contains(&MAX_COST_LINES.to_string()));
            assert_eq!(locale.budget_event("hearing"), t.events[15]);
            assert!(locale.done("bo_submitted").is_some());
            assert_eq!(locale.problem("rule_locked"), t.problems[19]);
        }
    }
}
